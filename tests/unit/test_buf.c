/* buf: the JSON string escaper, safe as JavaScript and inside <script>. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_json_escapes_quotes_controls_and_markup),
		cmocka_unit_test(test_buf_json_escapes_js_line_ends_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
