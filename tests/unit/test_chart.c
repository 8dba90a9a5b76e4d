/* chart: an indicator's points to the values of its SVGs, alone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "fmt.h"

static const char *str(const ssg_value *v, const char *key)
{
	const char *s = ssg_value_str(ssg_value_get(v, key));
	assert_non_null(s);
	return s;
}

static double num(const ssg_value *v, const char *key)
{
	return atof(str(v, key));
}

/* The largest x a path reaches ("M x y H x V y ..."). */
static double path_max_x(const char *d)
{
	double max = -1;
	const char *p = d;
	while (*p) {
		char c = *p;
		if (c == 'M' || c == 'H') {
			char *end;
			double x = strtod(p + 1, &end);
			if (x > max)
				max = x;
			p = end;
		} else {
			p++;
		}
	}
	return max;
}

static void test_chart_without_figures_is_none(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p[2] = {{.t = 0}, {.t = 10}};
	assert_null(ssg_chart_svg(m, p, 2, 10, SSG_CHART_LARGE));
	assert_null(ssg_chart_periods(m, p, 2, 10));
	ssg_model_free(m);
}

/* A target holds until it changes: its step line runs to the end of the
 * axis (the history's last commit).  A result stops at the last value
 * reported: nothing is drawn that nobody reported. */
static void test_chart_result_line_stops_at_last_reported_value(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p[2] = {
		{.t = 0, .target = 10, .has_target = true, .result = 5,
		 .has_result = true},
		{.t = 100, .target = 20, .has_target = true, .result = 15,
		 .has_result = true},
	};
	const ssg_value *c = ssg_chart_svg(m, p, 2, 200, SSG_CHART_LARGE);
	assert_non_null(c);
	double right = num(c, "plot_right"), left = num(c, "plot_left");
	assert_true(right > left);
	const ssg_value *rd = ssg_value_get(c, "result_dots");
	assert_int_equal(ssg_value_len(rd), 2);
	double last_x = num(ssg_value_at(rd, 1), "x");
	/* The last result is halfway along the axis, and so is its line's
	 * end. */
	assert_true(fabs(last_x - (left + right) / 2) < 0.1);
	assert_true(fabs(path_max_x(str(c, "result_line")) - last_x) < 0.01);
	assert_true(fabs(path_max_x(str(c, "target_line")) - right) < 0.01);
	/* Step lines: held, then a vertical move to the new value. */
	assert_non_null(strstr(str(c, "result_line"), " V "));
	assert_true(ssg_value_bool(ssg_value_get(c, "has_target")));
	assert_true(ssg_value_bool(ssg_value_get(c, "has_result")));
	assert_string_equal(str(ssg_value_get(c, "x_from"), "iso"),
			    "1970-01-01");
	ssg_model_free(m);
}

/* A point without a result (a new plan's rows, a result cleared) breaks
 * the line: the value before is not carried over it. */
static void test_chart_result_line_breaks_where_none_reported(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p[3] = {
		{.t = 0, .result = 5, .has_result = true},
		{.t = 100, .target = 20, .has_target = true},
		{.t = 200, .result = 7, .has_result = true},
	};
	const ssg_value *c = ssg_chart_svg(m, p, 3, 200, SSG_CHART_LARGE);
	assert_non_null(c);
	const char *d = str(c, "result_line");
	/* Two pieces, each a lone point: no H or V joins them. */
	assert_null(strchr(d, 'H'));
	assert_null(strchr(d, 'V'));
	assert_non_null(strchr(strchr(d, 'M') + 1, 'M'));
	ssg_model_free(m);
}

/* One value alone: a dot, and no line at all. */
static void test_chart_single_value_is_a_dot(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p = {.t = 86400 * 365, .result = 72.5,
			     .has_result = true};
	const ssg_value *c = ssg_chart_svg(m, &p, 1, 86400 * 400,
					   SSG_CHART_LARGE);
	assert_non_null(c);
	assert_null(strchr(str(c, "result_line"), 'H'));
	assert_int_equal(ssg_value_len(ssg_value_get(c, "result_dots")), 1);
	assert_string_equal(str(c, "target_line"), "");
	assert_false(ssg_value_bool(ssg_value_get(c, "has_target")));
	assert_string_equal(str(ssg_value_get(c, "x_from"), "text"),
			    "01/01/1971");
	ssg_model_free(m);
}

/* The ticks of a chart with figures lo..hi: at least four, evenly
 * spaced, a round step apart, labelled in Vietnamese, covering the
 * figures. */
static void check_ticks(double lo, double hi)
{
	ssg_model *m = ssg_model_new();
	ssg_chart_point p[2] = {{.t = 0, .result = lo, .has_result = true},
				{.t = 10, .result = hi, .has_result = true}};
	const ssg_value *c = ssg_chart_svg(m, p, 2, 10, SSG_CHART_SMALL);
	assert_non_null(c);
	const ssg_value *ticks = ssg_value_get(c, "ticks");
	size_t n = ssg_value_len(ticks);
	if (n < 4 || n > 9)
		fail_msg("%g..%g: %zu ticks", lo, hi, n);
	double vals[16] = {0}, ys[16] = {0};
	for (size_t i = 0; i < n && i < 16; i++) {
		const char *label = str(ssg_value_at(ticks, i), "label");
		ssg_num x;
		/* Vietnamese form: grouped by dots, a decimal comma. */
		if (!ssg_num_parse_as(label, strlen(label), SSG_NUM_VI, &x))
			fail_msg("%g..%g: label '%s'", lo, hi, label);
		vals[i] = x.value;
		ys[i] = num(ssg_value_at(ticks, i), "y");
	}
	double step = vals[0] - vals[1];
	double mag = pow(10, floor(log10(step) + 1e-9)), mant = step / mag;
	if (fabs(mant - 1) > 1e-6 && fabs(mant - 2) > 1e-6 &&
	    fabs(mant - 2.5) > 1e-6 && fabs(mant - 5) > 1e-6)
		fail_msg("%g..%g: step %g is not round", lo, hi, step);
	for (size_t i = 1; i < n; i++) {
		if (fabs(vals[i - 1] - vals[i] - step) > step * 1e-6)
			fail_msg("%g..%g: uneven ticks", lo, hi);
		if (!(ys[i] > ys[i - 1]))
			fail_msg("%g..%g: ticks not top down", lo, hi);
	}
	if (vals[0] < hi - step * 1e-6 || vals[n - 1] > lo + step * 1e-6)
		fail_msg("%g..%g: ticks %g..%g do not cover", lo, hi,
			 vals[n - 1], vals[0]);
	ssg_model_free(m);
}

static void test_chart_at_least_four_round_ticks(void **state)
{
	(void)state;
	check_ticks(10, 20);
	check_ticks(88.1, 91);
	check_ticks(72.5, 72.5);
	check_ticks(0, 0);
	check_ticks(-3, 2);
	check_ticks(0.1, 0.13);
	check_ticks(47.5, 49);
	check_ticks(1250000, 1300000);
	check_ticks(0, 100);
	check_ticks(99, 100);
	/* And a spread of others. */
	srand(13);
	for (int i = 0; i < 2000; i++) {
		double a = (rand() % 200000 - 100000) / 100.0;
		double b = a + (rand() % 100000) / pow(10, rand() % 5);
		check_ticks(a, b);
	}
}

/* Thousands are grouped and decimals follow the step: 1.250.000, 0,25. */
static void test_chart_tick_labels_are_vietnamese(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p[2] = {
		{.t = 0, .result = 1200000, .has_result = true},
		{.t = 1, .result = 1300000, .has_result = true}};
	const ssg_value *c = ssg_chart_svg(m, p, 2, 1, SSG_CHART_LARGE);
	const ssg_value *ticks = ssg_value_get(c, "ticks");
	assert_string_equal(str(ssg_value_at(ticks, 0), "label"), "1.300.000");
	p[0].result = 0.25;
	p[1].result = 1;
	c = ssg_chart_svg(m, p, 2, 1, SSG_CHART_LARGE);
	ticks = ssg_value_get(c, "ticks");
	bool comma = false;
	for (size_t i = 0; i < ssg_value_len(ticks); i++)
		comma = comma || strstr(str(ssg_value_at(ticks, i), "label"),
					"0,25");
	assert_true(comma);
	ssg_model_free(m);
}

/* The SVG is drawn at most its box wide and, on a 320 px screen, 288 px:
 * its text, in box units, is then at least 12 px. */
static void test_chart_text_at_least_12px_at_320(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p = {.t = 0, .result = 1, .has_result = true};
	const ssg_chart_box boxes[] = {SSG_CHART_LARGE, SSG_CHART_SMALL,
				       {200, 120}, {640, 240}};
	for (size_t i = 0; i < sizeof(boxes) / sizeof(*boxes); i++) {
		const ssg_value *c = ssg_chart_svg(m, &p, 1, 0, boxes[i]);
		double w = num(c, "w"), font = num(c, "font");
		assert_int_equal((int)w, boxes[i].w);
		double drawn = w < 288 ? w : 288;
		if (font * drawn / w < 12)
			fail_msg("box %g: font %g is %g px at 320 px", w, font,
				 font * drawn / w);
		/* Not needlessly large either: under 13 px there. */
		assert_true((font - 1) * drawn / w < 12);
	}
	ssg_model_free(m);
}

/* A new period is a new plan (contract section 1): the current one's
 * chart first and large, to the history's end; each earlier one small,
 * ending at its own last point, with only its own points. */
static void test_chart_one_per_period_current_first(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	const long long day = 86400, y24 = 19723 * day; /* 01/01/2024 */
	ssg_chart_point p[5] = {
		{.t = y24 + 60 * day, .period = 2024, .target = 90,
		 .has_target = true},
		{.t = y24 + 170 * day, .period = 2024, .target = 90,
		 .has_target = true, .result = 88.1, .has_result = true},
		{.t = y24 + 380 * day, .period = 2025, .target = 91,
		 .has_target = true},
		{.t = y24 + 400 * day, .period = 2025, .target = 91,
		 .has_target = true},
		{.t = y24 + 545 * day, .period = 2025, .target = 91,
		 .has_target = true, .result = 89, .has_result = true},
	};
	const ssg_value *list = ssg_chart_periods(m, p, 5, y24 + 600 * day);
	assert_non_null(list);
	assert_int_equal(ssg_value_len(list), 2);
	const ssg_value *cur = ssg_value_at(list, 0), *old = ssg_value_at(list, 1);
	assert_string_equal(str(cur, "period"), "2025");
	assert_true(ssg_value_bool(ssg_value_get(cur, "current")));
	assert_string_equal(str(old, "period"), "2024");
	assert_false(ssg_value_bool(ssg_value_get(old, "current")));
	assert_string_not_equal(str(cur, "id"), str(old, "id"));
	const ssg_value *cc = ssg_value_get(cur, "chart");
	const ssg_value *oc = ssg_value_get(old, "chart");
	assert_int_equal((int)num(cc, "w"), SSG_CHART_LARGE.w);
	assert_int_equal((int)num(oc, "w"), SSG_CHART_SMALL.w);
	/* Each has its own points and its own dates. */
	assert_int_equal(ssg_value_len(ssg_value_get(cc, "target_dots")), 3);
	assert_int_equal(ssg_value_len(ssg_value_get(cc, "result_dots")), 1);
	assert_int_equal(ssg_value_len(ssg_value_get(oc, "target_dots")), 2);
	assert_string_equal(str(ssg_value_get(cc, "x_from"), "text"),
			    "15/01/2025");
	assert_string_equal(str(ssg_value_get(cc, "x_to"), "text"),
			    "23/08/2025");
	assert_string_equal(str(ssg_value_get(oc, "x_from"), "text"),
			    "01/03/2024");
	assert_string_equal(str(ssg_value_get(oc, "x_to"), "text"),
			    "19/06/2024");
	/* Last year's result ends in last year's chart: none in this
	 * year's before 2025's own. */
	double first_x = num(ssg_value_at(ssg_value_get(cc, "result_dots"), 0),
			     "x");
	assert_true(first_x > num(cc, "plot_left"));
	ssg_model_free(m);
}

/* Points whose period is not known are one chart, the current one. */
static void test_chart_unknown_period_is_one_chart(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_chart_point p[2] = {{.t = 0, .target = 1, .has_target = true},
				{.t = 9, .result = 2, .has_result = true}};
	const ssg_value *list = ssg_chart_periods(m, p, 2, 9);
	assert_int_equal(ssg_value_len(list), 1);
	assert_string_equal(str(ssg_value_at(list, 0), "period"), "");
	assert_true(ssg_value_bool(ssg_value_get(ssg_value_at(list, 0),
						  "current")));
	ssg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_without_figures_is_none),
		cmocka_unit_test(test_chart_result_line_stops_at_last_reported_value),
		cmocka_unit_test(test_chart_result_line_breaks_where_none_reported),
		cmocka_unit_test(test_chart_single_value_is_a_dot),
		cmocka_unit_test(test_chart_at_least_four_round_ticks),
		cmocka_unit_test(test_chart_tick_labels_are_vietnamese),
		cmocka_unit_test(test_chart_text_at_least_12px_at_320),
		cmocka_unit_test(test_chart_one_per_period_current_first),
		cmocka_unit_test(test_chart_unknown_period_is_one_chart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
