/* The date and time writers of fmt.c against the printf formats they
 * replace: the output must stay byte-identical. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "fmt.h"

static void expect_buf(ssg_buf *b, const char *want)
{
	if (strcmp(ssg_buf_cstr(b), want) != 0)
		fail_msg("got \"%s\", want \"%s\"", ssg_buf_cstr(b), want);
	ssg_buf_clear(b);
}

static void test_fmt_put_date_matches_printf(void **state)
{
	(void)state;
	static const int vals[] = {0,  1,   9,    10,   31,      99,
				   100, 999, 1000, 2024, 9999,    10000,
				   -1, -9,  -10,  -999, INT_MAX, INT_MIN};
	size_t n = sizeof(vals) / sizeof(*vals);
	ssg_buf b;
	ssg_buf_init(&b);
	char want[128];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			ssg_date d = {vals[i], vals[j], vals[(i + j) % n]};
			snprintf(want, sizeof want, "%02d/%02d/%04d", d.day,
				 d.month, d.year);
			ssg_date_put_vi(&b, &d);
			expect_buf(&b, want);
			snprintf(want, sizeof want, "%04d-%02d-%02d", d.year,
				 d.month, d.day);
			ssg_date_put_iso(&b, &d);
			expect_buf(&b, want);
		}
	ssg_buf_fini(&b);
}

static void test_fmt_put_time_vi_and_iso(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	/* 2024-06-15T09:05:07Z */
	ssg_time_put_vi(&b, 1718442307LL, 420);
	expect_buf(&b, "15/06/2024 16:05");
	ssg_time_put_iso(&b, 1718442307LL, 420);
	expect_buf(&b, "2024-06-15T16:05:07+07:00");
	ssg_time_put_iso(&b, 1718442307LL, -150);
	expect_buf(&b, "2024-06-15T06:35:07-02:30");
	ssg_time_put_iso(&b, 0, 0);
	expect_buf(&b, "1970-01-01T00:00:00+00:00");
	/* Out-of-range times stay in the fixed-width form. */
	ssg_time_put_iso(&b, LLONG_MIN, -100000);
	expect_buf(&b, "0001-01-01T00:00:00-23:59");
	ssg_time_put_vi(&b, LLONG_MAX, 100000);
	expect_buf(&b, "31/12/9999 23:59");
	ssg_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt_put_date_matches_printf),
		cmocka_unit_test(test_fmt_put_time_vi_and_iso),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
