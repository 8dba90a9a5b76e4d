/* chart: an indicator's points to the values of its SVG, alone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "chart.h"

static const char *str(const ssg_value *v, const char *key)
{
	const char *s = ssg_value_str(ssg_value_get(v, key));
	assert_non_null(s);
	return s;
}

static void test_chart_without_figures_is_none(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p[2] = {{.t = 0}, {.t = 10}};
	assert_null(ssg_chart_svg(m, p, 2, 10));
	ssg_model_free(m);
}

/* A value holds until it changes: step lines run to the end of the axis,
 * which is the history's end, not the last point. */
static void test_chart_step_lines_hold_until_the_axis_ends(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p[2] = {
		{.t = 0, .target = 10, .has_target = true},
		{.t = 100, .target = 20, .has_target = true, .result = 15,
		 .has_result = true},
	};
	const ssg_value *c = ssg_chart_svg(m, p, 2, 200);
	assert_non_null(c);
	/* Figures 10..20 padded by a tenth: 9..21 over y 16..204. */
	assert_string_equal(str(c, "target_line"),
			    " 56.0,188.3 340.0,188.3 340.0,31.7 624.0,31.7");
	assert_string_equal(str(c, "result_line"), " 340.0,110.0 624.0,110.0");
	assert_true(ssg_value_bool(ssg_value_get(c, "has_target")));
	assert_true(ssg_value_bool(ssg_value_get(c, "has_result")));
	const ssg_value *dots = ssg_value_get(c, "target_dots");
	assert_int_equal(ssg_value_len(dots), 2);
	assert_string_equal(str(ssg_value_at(dots, 1), "x"), "340.0");
	assert_string_equal(str(ssg_value_at(dots, 1), "y"), "31.7");
	assert_int_equal(ssg_value_len(ssg_value_get(c, "result_dots")), 1);
	/* The axis is labelled with the figures (one decimal), not the padded
	 * bounds. */
	assert_string_equal(str(c, "y_hi"), "20,0");
	assert_string_equal(str(c, "y_lo"), "10,0");
	assert_string_equal(str(c, "y_hi_pos"), "31.7");
	assert_string_equal(str(c, "y_lo_pos"), "188.3");
	assert_string_equal(str(ssg_value_get(c, "x_from"), "iso"),
			    "1970-01-01");
	ssg_model_free(m);
}

/* One point, one value: centred, with room above and below. */
static void test_chart_single_value_is_centred(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p = {.t = 86400 * 365, .result = 72.5,
			     .has_result = true};
	const ssg_value *c = ssg_chart_svg(m, &p, 1, 0);
	assert_non_null(c);
	assert_string_equal(str(c, "result_line"), " 340.0,110.0 624.0,110.0");
	assert_string_equal(str(c, "target_line"), "");
	assert_false(ssg_value_bool(ssg_value_get(c, "has_target")));
	assert_string_equal(str(c, "y_hi"), "73,5");
	assert_string_equal(str(c, "y_lo"), "71,5");
	assert_string_equal(str(ssg_value_get(c, "x_to"), "text"),
			    "01/01/1971");
	ssg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_without_figures_is_none),
		cmocka_unit_test(test_chart_step_lines_hold_until_the_axis_ends),
		cmocka_unit_test(test_chart_single_value_is_centred),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
