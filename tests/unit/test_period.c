/* period: the plan year a version of content/_index.md names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
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

static const char *from_array(const void *ctx, size_t i)
{
	return ((const char *const *)ctx)[i];
}

/* The plans of a chain: one per year, its latest run; commits before
 * any year are none's. */
static void test_period_runs_one_per_year_its_latest(void **state)
{
	(void)state;
	static const char *const p[] = {NULL,   "2024", "2024", "2025",
					"2024", "2024", "2026"};
	ssg_period_run *r = NULL;
	size_t n = ssg_period_runs(from_array, p, 7, &r);
	assert_int_equal(n, 3);
	assert_string_equal(r[0].year, "2025");
	assert_int_equal(r[0].first, 3);
	assert_int_equal(r[0].last, 3);
	/* 2024 came back: the plan as it last stood, commits 4 and 5. */
	assert_string_equal(r[1].year, "2024");
	assert_int_equal(r[1].first, 4);
	assert_int_equal(r[1].last, 5);
	assert_string_equal(r[2].year, "2026");
	assert_int_equal(r[2].first, 6);
	free(r);
	/* Two years in order; the last is the last commit's. */
	n = ssg_period_runs(from_array, p + 1, 3, &r);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].year, "2024");
	assert_int_equal(r[0].first, 0);
	assert_int_equal(r[0].last, 1);
	assert_string_equal(r[1].year, "2025");
	assert_int_equal(r[1].first, 2);
	free(r);
	/* No year named: no plan. */
	r = (ssg_period_run *)p;
	assert_int_equal(ssg_period_runs(from_array, p, 1, &r), 0);
	assert_null(r);
	assert_int_equal(ssg_period_runs(from_array, p, 0, &r), 0);
	assert_null(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_is_the_year_of_the_front_matter),
		cmocka_unit_test(test_period_none_without_a_readable_year),
		cmocka_unit_test(test_period_same),
		cmocka_unit_test(test_period_runs_one_per_year_its_latest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
