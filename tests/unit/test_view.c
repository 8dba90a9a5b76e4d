/* view: the plan's values as a reader sees them, alone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "view.h"

static const char *str(const ssg_value *v, const char *key)
{
	const char *s = ssg_value_str(ssg_value_get(v, key));
	return s ? s : "(none)";
}

static void test_view_cell_figures_in_vietnamese_and_for_machines(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	const ssg_value *c = ssg_view_cell(m, " 72,2 ", 6, "%");
	assert_string_equal(str(c, "text"), "72,2%");
	assert_string_equal(str(c, "machine"), "72.2");
	assert_true(ssg_value_bool(ssg_value_get(c, "num")));
	c = ssg_view_cell(m, "1250000", 7, NULL);
	assert_string_equal(str(c, "text"), "1.250.000");
	/* Words stay as written, trimmed; an empty cell says so. */
	c = ssg_view_cell(m, " Đạt ", strlen(" Đạt "), "%");
	assert_string_equal(str(c, "text"), "Đạt");
	assert_false(ssg_value_bool(ssg_value_get(c, "num")));
	c = ssg_view_cell(m, "  ", 2, NULL);
	assert_true(ssg_value_bool(ssg_value_get(c, "empty")));
	ssg_model_free(m);
}

/* The status and its bar of an indicator with a result, as a reader
 * sees them: the bar full exactly when the word says met. */
static void assert_status(const char *baseline, const char *target,
			  const char *result, bool down, const char *key,
			  const char *pct)
{
	ssg_model *m = ssg_model_new();
	ssg_plan_indicator x = {.id = "1", .name = "n", .unit = "%",
				.note = "", .source = "",
				.baseline = baseline, .target = target,
				.result = result, .as_of_text = "",
				.down = down};
	const ssg_value *v = ssg_view_indicator(m, &x, 2024);
	const char *got = str(ssg_value_get(v, "status"), "key");
	const ssg_value *pr = ssg_value_get(v, "progress");
	const char *gp = pr ? str(pr, "pct") : "(no bar)";
	if (strcmp(got, key) != 0 || strcmp(gp, pct) != 0)
		fail_msg("%s -> %s, result %s%s: %s %s, not %s %s", baseline,
			 target, result, down ? " (down)" : "", got, gp, key,
			 pct);
	ssg_model_free(m);
}

static void test_view_indicator_bar_agrees_with_status(void **state)
{
	(void)state;
	assert_status("50", "70", "60", false, "notmet", "50");
	assert_status("50", "70", "40", false, "notmet", "0");
	assert_status("50", "70", "69,9", false, "notmet", "99");
	assert_status("50", "70", "75", false, "met", "100");
	assert_status("70", "50", "60", true, "notmet", "50");
	assert_status("70", "50", "45", true, "met", "100");
	/* A target behind the baseline: met is full, not met has no bar
	 * (it was "Chưa đạt" with a full bar, and "Đạt" with an empty one). */
	assert_status("80,4", "76", "57,7", false, "notmet", "(no bar)");
	assert_status("73,1", "61", "84,4", false, "met", "100");
	assert_status("15,1", "55", "94,1", true, "notmet", "(no bar)");
	assert_status("90", "90", "90", false, "met", "100");
	assert_status("90", "90", "89", false, "notmet", "(no bar)");
	/* No baseline: a bar only when met. */
	assert_status("", "90", "95", false, "met", "100");
	assert_status("", "90", "80", false, "notmet", "(no bar)");
	assert_status("50", "(nâng 2 tiêu chí)", "60", false, "unknown",
		      "(no bar)");
}

static void test_view_dates_and_times_in_their_own_offset(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_date d = {2024, 6, 15};
	const ssg_value *v = ssg_view_date(m, &d);
	assert_string_equal(str(v, "text"), "15/06/2024");
	assert_string_equal(str(v, "iso"), "2024-06-15");
	ssg_value *t = ssg_model_map(m);
	/* 2024-07-01T19:30:00Z is the 2nd at 02:30 in Hà Nội (+07:00). */
	ssg_view_time(m, t, 1719862200, 7 * 60);
	assert_string_equal(str(t, "date"), "02/07/2024 02:30");
	assert_string_equal(str(t, "iso"), "2024-07-02T02:30:00+07:00");
	assert_string_equal(str(ssg_value_get(t, "day"), "text"), "02/07/2024");
	ssg_model_free(m);
}

static void test_view_task_status_words(void **state)
{
	(void)state;
	assert_string_equal(ssg_view_task_status_key(SSG_STATUS_DONE), "done");
	assert_string_equal(ssg_view_task_status_word(SSG_STATUS_DONE),
			    "Hoàn thành");
	assert_string_not_equal(
		ssg_view_task_status_word(SSG_STATUS_IN_PROGRESS),
		ssg_view_task_status_word(SSG_STATUS_PLANNED));
}

/* Past cells as a reader sees them: statuses and directions in words,
 * dates dd/mm/yyyy, whatever way they were typed; what their kind
 * cannot read, as written. */
static void test_view_field_cells_in_words(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	const ssg_value *c;
	c = ssg_view_field_cell(m, "tasks", "status", "in_progress", NULL,
				SSG_NUM_ANY);
	assert_string_equal(str(c, "text"), "Đang thực hiện");
	c = ssg_view_field_cell(m, "tasks", "status", " dang thuc hien ", NULL,
				SSG_NUM_ANY);
	assert_string_equal(str(c, "text"), "Đang thực hiện");
	c = ssg_view_field_cell(m, "tasks", "status", "xong rồi", NULL,
				SSG_NUM_ANY);
	assert_string_equal(str(c, "text"), "xong rồi");
	c = ssg_view_field_cell(m, "indicators", "as_of", "2024-06-15", NULL,
				SSG_NUM_ANY);
	assert_string_equal(str(c, "text"), "15/06/2024");
	c = ssg_view_field_cell(m, "indicators", "as_of", "1/7/2025", NULL,
				SSG_NUM_ANY);
	assert_string_equal(str(c, "text"), "01/07/2025");
	assert_false(ssg_value_bool(ssg_value_get(c, "num")));
	c = ssg_view_field_cell(m, "indicators", "as_of", "quý II", NULL,
				SSG_NUM_ANY);
	assert_string_equal(str(c, "text"), "quý II");
	c = ssg_view_field_cell(m, "indicators", "direction", "down", NULL,
				SSG_NUM_ANY);
	assert_string_equal(str(c, "text"), "Càng thấp càng tốt");
	/* An empty cell stays empty; figures keep their unit. */
	c = ssg_view_field_cell(m, "tasks", "status", "", NULL, SSG_NUM_ANY);
	assert_true(ssg_value_bool(ssg_value_get(c, "empty")));
	c = ssg_view_field_cell(m, "indicators", "target", "77.7", "%",
				SSG_NUM_ANY);
	assert_string_equal(str(c, "text"), "77,7%");
	/* Not a date column: a code that looks like one stays. */
	c = ssg_view_field_cell(m, "communes", "as_of", "2024-06-15", NULL,
				SSG_NUM_TEXT);
	assert_string_equal(str(c, "text"), "2024-06-15");
	ssg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_view_cell_figures_in_vietnamese_and_for_machines),
		cmocka_unit_test(test_view_indicator_bar_agrees_with_status),
		cmocka_unit_test(test_view_dates_and_times_in_their_own_offset),
		cmocka_unit_test(test_view_task_status_words),
		cmocka_unit_test(test_view_field_cells_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
