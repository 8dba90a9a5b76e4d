#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fmt.h"
#include "rng.h"

static ssg_num num(const char *s)
{
	ssg_num x = {0, -1, false};
	if (!ssg_num_parse(s, strlen(s), &x))
		fail_msg("\"%s\" should be a number", s);
	return x;
}

static void assert_not_num(const char *s)
{
	ssg_num x = {0, -1, false};
	if (ssg_num_parse(s, strlen(s), &x))
		fail_msg("\"%s\" should be text", s);
}

/* Parses `in` and checks both printed forms. */
static void assert_prints(const char *in, const char *vi, const char *plain)
{
	ssg_num x = num(in);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_num_put_vi(&b, &x);
	assert_string_equal(ssg_buf_cstr(&b), vi);
	ssg_buf_clear(&b);
	ssg_num_put_plain(&b, &x);
	assert_string_equal(ssg_buf_cstr(&b), plain);
	ssg_buf_fini(&b);
}

static void test_fmt_num_parse_values(void **state)
{
	(void)state;
	ssg_num x = num("72,2");
	assert_true(x.value == 72.2);
	assert_int_equal(x.decimals, 1);
	assert_false(x.percent);
	x = num("72.2");
	assert_true(x.value == 72.2);
	assert_int_equal(x.decimals, 1);
	x = num("-5");
	assert_true(x.value == -5);
	assert_int_equal(x.decimals, 0);
	x = num("99,32%");
	assert_true(x.value == 99.32);
	assert_int_equal(x.decimals, 2);
	assert_true(x.percent);
	x = num("1250000");
	assert_true(x.value == 1250000);
	assert_int_equal(x.decimals, 0);
	x = num("0");
	assert_true(x.value == 0);
	x = num("0,50");
	assert_true(x.value == 0.5);
	assert_int_equal(x.decimals, 2);
}

static void test_fmt_num_parse_ignores_surrounding_space(void **state)
{
	(void)state;
	ssg_num x = num("  87,29\t");
	assert_true(x.value == 87.29);
	assert_int_equal(x.decimals, 2);
	x = num(" 65 ");
	assert_true(x.value == 65);
	x = num("72,2 %");
	assert_true(x.percent);
	assert_true(x.value == 72.2);
}

static void test_fmt_num_parse_rejects_text(void **state)
{
	(void)state;
	assert_not_num("");
	assert_not_num("   ");
	assert_not_num("abc");
	assert_not_num("(nâng 02 chỉ tiêu trong 9 tiêu chí)");
	assert_not_num("1,2,3");
	assert_not_num("--1");
	assert_not_num("-");
	assert_not_num("%");
	assert_not_num("72,");
	assert_not_num(",5");
	assert_not_num("1 000");
	assert_not_num("5%%");
	assert_not_num("+5");
	assert_not_num("12a");
	assert_not_num("0x10");
	assert_not_num("1e5");
}

/* Dots in groups of three are a Vietnamese clerk's thousands. */
static void test_fmt_num_parse_grouped_thousands(void **state)
{
	(void)state;
	ssg_num x = num("1.250.000");
	assert_true(x.value == 1250000);
	assert_int_equal(x.decimals, 0);
	x = num("-12.500.000,5%");
	assert_true(x.value == -12500000.5);
	assert_int_equal(x.decimals, 1);
	assert_true(x.percent);
	x = num("1.250,75");
	assert_true(x.value == 1250.75);
	assert_int_equal(x.decimals, 2);
	assert_not_num("1.25.000");
	assert_not_num("1.2500.000");
	assert_not_num("1250.000.000");
	assert_not_num("0.250.000");
	assert_not_num("1.250.");
	assert_not_num("1,250.5");
	assert_not_num("1.250,5,5");
	assert_not_num("1..250");
}

static void assert_hint(const char *s, ssg_num_hint want)
{
	if (ssg_num_hint_of(s, strlen(s)) != want)
		fail_msg("\"%s\" gives hint %d, not %d", s,
			 (int)ssg_num_hint_of(s, strlen(s)), (int)want);
}

/* What a cell says of its column: "1.250" either way, "1.25" a dot
 * decimal, "72,2" and "1.250.000" the Vietnamese way. */
static void test_fmt_num_hint(void **state)
{
	(void)state;
	assert_hint("1.250", SSG_NUM_HINT_EITHER);
	assert_hint("-999.999%", SSG_NUM_HINT_EITHER);
	assert_hint("1.25", SSG_NUM_HINT_DOT);
	assert_hint("0.125", SSG_NUM_HINT_DOT);
	assert_hint("1234.567", SSG_NUM_HINT_DOT);
	assert_hint("72,2", SSG_NUM_HINT_VI);
	assert_hint("1.250.000", SSG_NUM_HINT_VI);
	assert_hint("1.250,5", SSG_NUM_HINT_VI);
	assert_hint("90", SSG_NUM_HINT_NONE);
	assert_hint("abc", SSG_NUM_HINT_NONE);
	assert_hint("1.2.3", SSG_NUM_HINT_NONE);
}

/* A figure written again ("90" as "90,0") is the same figure; one that
 * a dot could make another ("1.250" and "1250"), a changed one, text and
 * nothing are never the same. */
static void test_fmt_num_same(void **state)
{
	(void)state;
	assert_true(ssg_num_same("90", "90,0"));
	assert_true(ssg_num_same("90", " 90% "));
	assert_true(ssg_num_same("72,2", "72,20"));
	assert_true(ssg_num_same("72,2", "72.2"));
	assert_true(ssg_num_same("1.250.000", "1.250.000,0"));
	assert_false(ssg_num_same("1.250", "1250"));
	assert_false(ssg_num_same("1.250", "1,25"));
	assert_false(ssg_num_same("90", "91"));
	assert_false(ssg_num_same("90", "-90"));
	assert_false(ssg_num_same("0,9", "90%"));
	assert_false(ssg_num_same("done", "done"));
	assert_false(ssg_num_same("08123", "8123"));
	assert_false(ssg_num_same("90", ""));
	assert_false(ssg_num_same(NULL, "90"));
	assert_false(ssg_num_same("90", NULL));
}

/* "1.250" read as its column writes: 1250, 1.25, or not a number. */
static void test_fmt_num_parse_as_style(void **state)
{
	(void)state;
	ssg_num x;
	assert_true(ssg_num_parse_as("1.250", 5, SSG_NUM_VI, &x));
	assert_true(x.value == 1250);
	assert_int_equal(x.decimals, 0);
	assert_true(ssg_num_parse_as("1.250", 5, SSG_NUM_DOT, &x));
	assert_true(x.value == 1.25);
	assert_int_equal(x.decimals, 3);
	assert_true(ssg_num_parse_as("1.250", 5, SSG_NUM_ANY, &x));
	assert_true(x.value == 1.25);
	/* Unambiguous cells read the same in every column. */
	assert_true(ssg_num_parse_as("1.25", 4, SSG_NUM_VI, &x));
	assert_true(x.value == 1.25);
	assert_true(ssg_num_parse_as("72,2", 4, SSG_NUM_DOT, &x));
	assert_true(x.value == 72.2);
	assert_false(ssg_num_parse_as("26001", 5, SSG_NUM_TEXT, &x));
}

static void test_fmt_num_leading_zero_is_text(void **state)
{
	(void)state;
	/* A code such as a postal code keeps its zero. */
	assert_not_num("08123");
	assert_not_num("-01");
	assert_prints("0,5", "0,5", "0.5");
}

static void test_fmt_num_too_many_digits_is_text(void **state)
{
	(void)state;
	assert_prints("123456789012345", "123.456.789.012.345",
		      "123456789012345");
	assert_not_num("1234567890123456");
	assert_prints("0,000000000000001", "0,000000000000001",
		      "0.000000000000001");
}

static void test_fmt_num_parse_respects_length(void **state)
{
	(void)state;
	ssg_num x;
	assert_true(ssg_num_parse("12abc", 2, &x));
	assert_true(x.value == 12);
	assert_false(ssg_num_parse("12abc", 3, &x));
	assert_true(ssg_num_parse("7", 1, NULL));
}

static void test_fmt_num_put_seed_values(void **state)
{
	(void)state;
	assert_prints("65", "65", "65");
	assert_prints("72,2", "72,2", "72.2");
	assert_prints("99,32", "99,32", "99.32");
	assert_prints("87,29", "87,29", "87.29");
	assert_prints("88,59", "88,59", "88.59");
	assert_prints("0", "0", "0");
	assert_prints("90", "90", "90");
}

static void test_fmt_num_put_groups_thousands(void **state)
{
	(void)state;
	assert_prints("1250000", "1.250.000", "1250000");
	assert_prints("1250", "1.250", "1250");
	assert_prints("999", "999", "999");
	assert_prints("100000", "100.000", "100000");
	assert_prints("-1234,5", "-1.234,5", "-1234.5");
	assert_prints("-1234.50", "-1.234,50", "-1234.50");
}

static void test_fmt_num_put_percent(void **state)
{
	(void)state;
	assert_prints("72,2%", "72,2%", "72.2");
	assert_prints("99.32%", "99,32%", "99.32");
	assert_prints("100%", "100%", "100");
}

static void test_fmt_num_put_keeps_trailing_zero(void **state)
{
	(void)state;
	assert_prints("72,20", "72,20", "72.20");
	assert_prints("5,0", "5,0", "5.0");
}

static void test_fmt_num_put_negative_zero_unsigned(void **state)
{
	(void)state;
	assert_prints("-0", "0", "0");
	assert_prints("-0,00", "0,00", "0.00");
}

static void test_fmt_num_put_computed_value_rounds(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_num x = {2.0 / 3.0 * 100, 1, true};
	ssg_num_put_vi(&b, &x);
	assert_string_equal(ssg_buf_cstr(&b), "66,7%");
	ssg_buf_clear(&b);
	x = (ssg_num){1234567.891, 2, false};
	ssg_num_put_vi(&b, &x);
	assert_string_equal(ssg_buf_cstr(&b), "1.234.567,89");
	ssg_buf_clear(&b);
	x = (ssg_num){-0.004, 2, false};
	ssg_num_put_plain(&b, &x);
	assert_string_equal(ssg_buf_cstr(&b), "0.00");
	ssg_buf_fini(&b);
}

static void test_fmt_num_round_trip_every_two_decimal_value(void **state)
{
	(void)state;
	/* Every value 0,00 .. 999,99 prints back exactly as written. */
	char in[32], want[32];
	ssg_buf b;
	ssg_buf_init(&b);
	for (int i = 0; i < 100000; i++) {
		snprintf(in, sizeof in, "%d,%02d", i / 100, i % 100);
		ssg_num x = num(in);
		ssg_buf_clear(&b);
		ssg_num_put_vi(&b, &x);
		assert_string_equal(ssg_buf_cstr(&b), in);
		snprintf(want, sizeof want, "%d.%02d", i / 100, i % 100);
		ssg_buf_clear(&b);
		ssg_num_put_plain(&b, &x);
		assert_string_equal(ssg_buf_cstr(&b), want);
	}
	ssg_buf_fini(&b);
}

static ssg_date date_dmy(const char *s)
{
	ssg_date d = {0, 0, 0};
	if (!ssg_date_parse_dmy(s, strlen(s), &d))
		fail_msg("\"%s\" should be a date", s);
	return d;
}

static void assert_date(ssg_date d, int y, int m, int day)
{
	assert_int_equal(d.year, y);
	assert_int_equal(d.month, m);
	assert_int_equal(d.day, day);
}

static void test_fmt_date_parse_dmy(void **state)
{
	(void)state;
	assert_date(date_dmy("15/06/2024"), 2024, 6, 15);
	assert_date(date_dmy("5/6/2024"), 2024, 6, 5);
	assert_date(date_dmy("29/02/2024"), 2024, 2, 29);
	assert_date(date_dmy("29/2/2000"), 2000, 2, 29);
	assert_date(date_dmy(" 31/12/2024 "), 2024, 12, 31);
}

static void test_fmt_date_parse_dmy_rejects(void **state)
{
	(void)state;
	static const char *bad[] = {
		"31/02/2024", "29/02/2023", "29/02/1900", "27/9/8/2022",
		"00/01/2024", "01/00/2024", "32/01/2024", "01/13/2024",
		"15/06/2024x", "15/06/24",   "15/06/02024", "123/06/2024",
		"15-06-2024", "15/06",	    "",	  "2024-06-15",
		"31/04/2024", "15/06/0000", "1 5/06/2024"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ssg_date d;
		if (ssg_date_parse_dmy(bad[i], strlen(bad[i]), &d))
			fail_msg("\"%s\" should not be a date", bad[i]);
	}
}

static void test_fmt_date_parse_iso(void **state)
{
	(void)state;
	ssg_date d;
	assert_true(ssg_date_parse_iso("2024-06-15", 10, &d));
	assert_date(d, 2024, 6, 15);
	assert_false(ssg_date_parse_iso("2024-02-30", 10, &d));
	assert_false(ssg_date_parse_iso("2024-6-15", 9, &d));
	assert_false(ssg_date_parse_iso("2024-06-15T09", 13, &d));
	assert_false(ssg_date_parse_iso("15/06/2024", 10, &d));
}

static void test_fmt_date_parse_either(void **state)
{
	(void)state;
	ssg_date d;
	assert_true(ssg_date_parse("2024-11-15", 10, &d));
	assert_date(d, 2024, 11, 15);
	assert_true(ssg_date_parse("15/11/2024", 10, &d));
	assert_date(d, 2024, 11, 15);
	assert_false(ssg_date_parse("Quý II năm 2024", 18, &d));
}

static void test_fmt_date_put(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_date d = date_dmy("5/6/2024");
	ssg_date_put_vi(&b, &d);
	assert_string_equal(ssg_buf_cstr(&b), "05/06/2024");
	ssg_buf_clear(&b);
	ssg_date_put_iso(&b, &d);
	assert_string_equal(ssg_buf_cstr(&b), "2024-06-05");
	ssg_buf_fini(&b);
}

static void test_fmt_date_cmp(void **state)
{
	(void)state;
	ssg_date a = date_dmy("15/06/2024"), b = date_dmy("15/11/2024");
	ssg_date c = date_dmy("16/06/2024"), e = date_dmy("1/1/2025");
	assert_true(ssg_date_cmp(&a, &b) < 0);
	assert_true(ssg_date_cmp(&b, &a) > 0);
	assert_true(ssg_date_cmp(&a, &c) < 0);
	assert_true(ssg_date_cmp(&b, &e) < 0);
	assert_int_equal(ssg_date_cmp(&a, &a), 0);
}

static void assert_time(long long t, int off, const char *vi, const char *iso)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_time_put_vi(&b, t, off);
	assert_string_equal(ssg_buf_cstr(&b), vi);
	ssg_buf_clear(&b);
	ssg_time_put_iso(&b, t, off);
	assert_string_equal(ssg_buf_cstr(&b), iso);
	ssg_buf_fini(&b);
}

static void test_fmt_time_at_offset(void **state)
{
	(void)state;
	/* 2024-07-02T02:00:00Z */
	assert_time(1719885600, 420, "02/07/2024 09:00",
		    "2024-07-02T09:00:00+07:00");
	assert_time(1719885600, 0, "02/07/2024 02:00",
		    "2024-07-02T02:00:00+00:00");
	assert_time(1719885600, -330, "01/07/2024 20:30",
		    "2024-07-01T20:30:00-05:30");
	assert_time(0, 0, "01/01/1970 00:00", "1970-01-01T00:00:00+00:00");
	assert_time(-1, 0, "31/12/1969 23:59", "1969-12-31T23:59:59+00:00");
	/* 2024-02-29T23:59:59+07:00, a leap day. */
	assert_time(1709225999, 420, "29/02/2024 23:59",
		    "2024-02-29T23:59:59+07:00");
}

static void test_fmt_time_ignores_process_tz(void **state)
{
	(void)state;
	setenv("TZ", "America/New_York", 1);
	assert_time(1719885600, 420, "02/07/2024 09:00",
		    "2024-07-02T09:00:00+07:00");
	unsetenv("TZ");
}

static void test_fmt_time_date(void **state)
{
	(void)state;
	/* 2024-06-30T17:30:00Z is already 1 July in Vietnam. */
	assert_date(ssg_time_date(1719768600, 420), 2024, 7, 1);
	assert_date(ssg_time_date(1719768600, 0), 2024, 6, 30);
	assert_date(ssg_time_date(951782400, 0), 2000, 2, 29);
}

static void test_fmt_time_days_match_dates(void **state)
{
	(void)state;
	/* Walking day by day from 1900 to 2200, the date advances by one
	 * calendar day each time: every month length and leap rule. */
	ssg_date prev = ssg_time_date(-2208988800LL, 0); /* 1900-01-01 */
	assert_date(prev, 1900, 1, 1);
	for (long long day = 1; day < 300 * 366; day++) {
		ssg_date d = ssg_time_date(-2208988800LL + day * 86400, 0);
		ssg_date want = prev;
		want.day++;
		ssg_date chk;
		char s[16];
		snprintf(s, sizeof s, "%d/%d/%d", want.day, want.month,
			 want.year);
		if (!ssg_date_parse_dmy(s, strlen(s), &chk)) {
			want.day = 1;
			if (++want.month > 12) {
				want.month = 1;
				want.year++;
			}
		}
		assert_int_equal(ssg_date_cmp(&d, &want), 0);
		prev = d;
	}
	assert_true(prev.year >= 2200);
}

static void test_fmt_time_extremes_clamped(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_time_put_iso(&b, 9000000000000000000LL, 99999);
	assert_int_equal(b.len, strlen("9999-12-31T23:59:59+23:59"));
	assert_string_equal(ssg_buf_cstr(&b) + 19, "+23:59");
	ssg_buf_clear(&b);
	ssg_time_put_iso(&b, -9000000000000000000LL, -99999);
	assert_int_equal(b.len, strlen("0001-01-01T00:00:00-23:59"));
	ssg_buf_fini(&b);
}

/* ssg_num_fixed is printf's "%.*f", by construction faster: compared
 * with snprintf itself on values of every kind the pages format (chart
 * coordinates, figures as written, computed shares), on the ties where
 * rounding to even decides, and on those it hands to snprintf. */
static uint64_t fixed_rng = 0x9e3779b97f4a7c15ULL;

static uint64_t fixed_next(void)
{
	return fx_rng(&fixed_rng);
}

static void fixed_same(double v, int dec)
{
	char want[512], got[512];
	int wn = snprintf(want, sizeof want, "%.*f", dec, v);
	int gn = ssg_num_fixed(got, sizeof got, v, dec);
	if (wn != gn || strcmp(want, got) != 0)
		fail_msg("%.17g at %d places: printf %s, ssg_num_fixed %s", v,
			 dec, want, got);
}

static void test_fmt_num_fixed_is_printf(void **state)
{
	(void)state;
	static const double ties[] = {0.5,   1.5,    2.5,   0.125, 0.375,
				      2.675, 1.005,  0.045, 1e15 + 0.5,
				      -0.5,  -2.5,   -0.0,  0.0,   -0.04,
				      99.95, 999.995, 4503599627370495.5,
				      2251799813685247.5, 2251799813685248.5,
				      1e300, -1e22, NAN, INFINITY, -INFINITY};
	for (size_t i = 0; i < sizeof ties / sizeof *ties; i++)
		for (int dec = -1; dec <= 17; dec++)
			fixed_same(ties[i], dec);
	for (int k = 0; k < 400000; k++) {
		uint64_t r = fixed_next();
		int dec = (int)(r % 16);
		double v;
		switch ((r >> 8) % 4) {
		case 0: /* any bits: every exponent, subnormals */
			r = fixed_next();
			memcpy(&v, &r, sizeof v);
			break;
		case 1: /* a figure as written: n / 10^d */
			v = (double)(fixed_next() % 100000000000ULL) /
			    pow(10, (double)(fixed_next() % 12));
			break;
		case 2: /* a tie at dec places, or one just beside it */
			v = ((double)(fixed_next() % 2000000) + 0.5) /
			    pow(10, dec);
			if (r & (1u << 20))
				v = nextafter(v, (r & (1u << 21)) ? 0 : 1e300);
			break;
		default: /* a share or a coordinate */
			v = (double)(fixed_next() % 1000000007ULL) /
			    (double)(1 + fixed_next() % 997);
			break;
		}
		if (r & (1u << 22))
			v = -v;
		fixed_same(v, dec);
	}
	/* The buffer snprintf would cut: its return still. */
	char small[8];
	assert_int_equal(ssg_num_fixed(small, sizeof small, 1234567.25, 2),
			 snprintf(NULL, 0, "%.2f", 1234567.25));
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_put_fixed(&b, 12.25, 1);
	ssg_buf_put_fixed(&b, -0.05, 1);
	assert_string_equal(ssg_buf_cstr(&b), "12.2-0.1");
	ssg_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt_num_parse_values),
		cmocka_unit_test(test_fmt_num_parse_ignores_surrounding_space),
		cmocka_unit_test(test_fmt_num_parse_rejects_text),
		cmocka_unit_test(test_fmt_num_leading_zero_is_text),
		cmocka_unit_test(test_fmt_num_parse_grouped_thousands),
		cmocka_unit_test(test_fmt_num_hint),
		cmocka_unit_test(test_fmt_num_same),
		cmocka_unit_test(test_fmt_num_parse_as_style),
		cmocka_unit_test(test_fmt_num_too_many_digits_is_text),
		cmocka_unit_test(test_fmt_num_parse_respects_length),
		cmocka_unit_test(test_fmt_num_put_seed_values),
		cmocka_unit_test(test_fmt_num_put_groups_thousands),
		cmocka_unit_test(test_fmt_num_put_percent),
		cmocka_unit_test(test_fmt_num_put_keeps_trailing_zero),
		cmocka_unit_test(test_fmt_num_put_negative_zero_unsigned),
		cmocka_unit_test(test_fmt_num_put_computed_value_rounds),
		cmocka_unit_test(test_fmt_num_round_trip_every_two_decimal_value),
		cmocka_unit_test(test_fmt_num_fixed_is_printf),
		cmocka_unit_test(test_fmt_date_parse_dmy),
		cmocka_unit_test(test_fmt_date_parse_dmy_rejects),
		cmocka_unit_test(test_fmt_date_parse_iso),
		cmocka_unit_test(test_fmt_date_parse_either),
		cmocka_unit_test(test_fmt_date_put),
		cmocka_unit_test(test_fmt_date_cmp),
		cmocka_unit_test(test_fmt_time_at_offset),
		cmocka_unit_test(test_fmt_time_ignores_process_tz),
		cmocka_unit_test(test_fmt_time_date),
		cmocka_unit_test(test_fmt_time_days_match_dates),
		cmocka_unit_test(test_fmt_time_extremes_clamped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
