/* buf: the JSON string escaper, safe as JavaScript and inside <script>. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "buf.h"

static void json_is(const char *s, size_t n, const char *want)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_put_json(&b, s, n);
	assert_string_equal(ssg_buf_cstr(&b), want);
	ssg_buf_fini(&b);
}

static void test_buf_json_escapes_quotes_controls_and_markup(void **state)
{
	(void)state;
	json_is("a\"b\\c\n\t\x01", 8, "\"a\\\"b\\\\c\\n\\t\\u0001\"");
	json_is("</script>&", 10, "\"\\u003c/script\\u003e\\u0026\"");
}

/* U+2028, U+2029 end a line in JavaScript before ES2019: escaped; other
 * characters of the same lead bytes (… U+2026, “ U+201C) and Vietnamese
 * letters stay as they are, and a cut sequence at the end is copied. */
static void test_buf_json_escapes_js_line_ends_only(void **state)
{
	(void)state;
	const char *s = "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xe2\x80\xa6"
			"\xe2\x80\x9c" "\xe1\xba\xbf";
	json_is(s, strlen(s),
		"\"a\\u2028b\\u2029c\xe2\x80\xa6\xe2\x80\x9c\xe1\xba\xbf\"");
	json_is("x\xe2\x80", 3, "\"x\xe2\x80\"");
}

/* Decimal as printf's "%llu" writes it, from 0 to the largest. */
static void test_buf_put_dec_as_printf(void **state)
{
	(void)state;
	static const unsigned long long v[] = {0, 7, 10, 1234567890ULL,
					       ULLONG_MAX};
	ssg_buf b;
	ssg_buf_init(&b);
	char want[32];
	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		ssg_buf_clear(&b);
		ssg_buf_put_dec(&b, v[i]);
		snprintf(want, sizeof(want), "%llu", v[i]);
		assert_string_equal(ssg_buf_cstr(&b), want);
	}
	ssg_buf_fini(&b);
}

/* The common start and end of two byte strings, against a byte at a
 * time: differences at every place around the chunks, the end limited. */
static void test_buf_bytes_common_start_and_end(void **state)
{
	(void)state;
	unsigned char a[300], b[300];
	for (size_t i = 0; i < sizeof(a); i++)
		a[i] = (unsigned char)(i * 7 + 1);
	for (size_t na = 0; na <= 200; na += 13)
		for (size_t at = 0; at <= na; at++) {
			memcpy(b, a, na);
			if (at < na)
				b[at] ^= 0x40;
			size_t want = at;
			assert_int_equal(ssg_bytes_common_start(a, b, na), want);
			/* The end: the byte changed counted from the end. */
			size_t wend = at < na ? na - 1 - at : na;
			assert_int_equal(ssg_bytes_common_end(a, na, b, na, na),
					 wend);
			size_t lim = na / 2;
			assert_int_equal(ssg_bytes_common_end(a, na, b, na, lim),
					 wend < lim ? wend : lim);
		}
	/* Of different lengths: b is a's end, one byte longer before. */
	b[0] = 0;
	memcpy(b + 1, a, 150);
	assert_int_equal(ssg_bytes_common_end(a, 150, b, 151, 150), 150);
	assert_int_equal(ssg_bytes_common_start(a, b + 1, 150), 150);
}

static void test_buf_str_ends(void **state)
{
	(void)state;
	ssg_str page = {"posts/a.md", 10}, part = {"posts/a.md", 8};
	assert_true(ssg_str_ends(page, ".md"));
	assert_true(ssg_str_ends(page, ""));
	assert_false(ssg_str_ends(part, ".md")); /* its own length only */
	assert_false(ssg_str_ends((ssg_str){"md", 2}, ".md"));
	assert_true(ssg_str_ends((ssg_str){".md", 3}, ".md"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_json_escapes_quotes_controls_and_markup),
		cmocka_unit_test(test_buf_json_escapes_js_line_ends_only),
		cmocka_unit_test(test_buf_put_dec_as_printf),
		cmocka_unit_test(test_buf_bytes_common_start_and_end),
		cmocka_unit_test(test_buf_str_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
