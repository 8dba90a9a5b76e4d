/* period: the plan year a version of content/_index.md names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "period.h"

/* The period of text, or "(none)". */
static const char *year_of(ssg_buf *b, const char *text)
{
	return ssg_period_of_text(text, strlen(text), b) ? ssg_buf_cstr(b)
							 : "(none)";
}

static void test_period_is_the_year_of_the_front_matter(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	assert_string_equal(year_of(&b, "---\nyear: \"2024\"\n---\nX.\n"),
			    "2024");
	/* A number is a year too, and spaces around it are not. */
	assert_string_equal(year_of(&b, "---\ntitle: a\nyear: 2025\n---\n"),
			    "2025");
	assert_string_equal(year_of(&b, "---\nyear: \" 2026 \"\n---\n"),
			    "2026");
	ssg_buf_fini(&b);
}

/* A version that names no year names no period: no front matter, no
 * year, an empty or non-scalar one, YAML that does not parse. */
static void test_period_none_without_a_readable_year(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	assert_string_equal(year_of(&b, "Chỉ có nội dung.\n"), "(none)");
	assert_string_equal(year_of(&b, "---\ntitle: a\n---\n"), "(none)");
	assert_string_equal(year_of(&b, "---\nyear: \"\"\n---\n"), "(none)");
	assert_string_equal(year_of(&b, "---\nyear: [2024]\n---\n"), "(none)");
	assert_string_equal(year_of(&b, "---\nyear: \"2024\n---\n"), "(none)");
	assert_int_equal(b.len, 0);
	ssg_buf_fini(&b);
}

static void test_period_same(void **state)
{
	(void)state;
	assert_true(ssg_period_same("2024", "2024"));
	assert_false(ssg_period_same("2024", "2025"));
	assert_false(ssg_period_same("2024", NULL));
	assert_true(ssg_period_same(NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_is_the_year_of_the_front_matter),
		cmocka_unit_test(test_period_none_without_a_readable_year),
		cmocka_unit_test(test_period_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
