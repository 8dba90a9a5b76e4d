/* term: content shown on a terminal cannot drive it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "term.h"
#include "titles.h"

static void test_term_controls_are_shown_not_obeyed(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	/* ESC [ 31 m would recolour the screen; U+009B is CSI alone. */
	ssg_term_put(&b, "a\x1b[31mb\n\xc2\x9b" "2J\x7f");
	assert_string_equal(ssg_buf_cstr(&b), "a^[[31mb^JM-^[2J^?");
	ssg_buf_clear(&b);
	ssg_term_put(&b, "x\xffy");
	assert_string_equal(ssg_buf_cstr(&b), "x\xef\xbf\xbdy");
	ssg_buf_clear(&b);
	ssg_term_put(&b, "");
	assert_string_equal(ssg_buf_cstr(&b), "\"\"");
	ssg_buf_clear(&b);
	ssg_term_put(&b, "Mục đích");
	assert_string_equal(ssg_buf_cstr(&b), "Mục đích");
	ssg_buf_fini(&b);
}

static void test_term_event_in_one_line(void **state)
{
	(void)state;
	ssg_hev e;
	memset(&e, 0, sizeof(e));
	e.kind = SSG_HEV_CHANGED;
	e.table = "indicators";
	e.key = "1";
	e.field = "target";
	e.old = "90";
	e.new_ = "88\x1b";
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_term_how how = {.table = true, .sep = "  "};
	ssg_term_event(&b, &e, &how);
	assert_string_equal(ssg_buf_cstr(&b),
			    "Các chỉ tiêu — id 1  Kế hoạch: 90 → 88^[");
	ssg_buf_clear(&b);
	/* In colour the old value is red, the new green. */
	how.color = true;
	ssg_term_event(&b, &e, &how);
	assert_non_null(strstr(ssg_buf_cstr(&b), "\x1b[31m90"));
	assert_non_null(strstr(ssg_buf_cstr(&b), "\x1b[32m88^["));
	ssg_buf_fini(&b);
}

/* Contract section 5: the terminal reads as the site does, by the
 * titles of datapackage.json (else the contract's, else the name); an
 * empty cell is a word; an added row shows its filled cells only. */
static void test_term_event_in_the_sites_words(void **state)
{
	(void)state;
	static const char pkg[] =
		"{\"resources\": [{\"name\": \"communes\", \"path\": "
		"\"communes.csv\", \"title\": \"Kết quả theo xã\", "
		"\"schema\": {\"fields\": [{\"name\": \"id\", \"title\": "
		"\"Mã xã\"}, {\"name\": \"gd\", \"title\": \"Tỷ lệ gia "
		"đình văn hóa\"}]}}]}";
	ssg_titles *t = ssg_titles_of_package(pkg, strlen(pkg));
	ssg_hev e;
	memset(&e, 0, sizeof(e));
	e.kind = SSG_HEV_CHANGED;
	e.table = "communes";
	e.key = "06253";
	e.field = "gd";
	e.old = "";
	e.new_ = "88";
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_term_how how = {.titles = t, .table = true, .sep = "  ",
			    .label = "Thị trấn Bắc Sơn"};
	ssg_term_event(&b, &e, &how);
	assert_string_equal(ssg_buf_cstr(&b),
			    "Kết quả theo xã — id 06253 “Thị trấn Bắc Sơn”  "
			    "Tỷ lệ gia đình văn hóa: (empty) → 88");
	/* A row added: its filled cells by title, its key still shown;
	 * a column the package does not name keeps its name. */
	static const char *const cols[] = {"id", "name", "gd", "x"};
	static const char *const vals[] = {"06253", "Thị trấn", "", "1"};
	e.kind = SSG_HEV_ADDED;
	e.ncols = 4;
	e.cols = cols;
	e.vals = vals;
	how.table = false;
	how.label = NULL;
	ssg_buf_clear(&b);
	ssg_term_event(&b, &e, &how);
	assert_string_equal(ssg_buf_cstr(&b),
			    "id 06253  added: Mã xã: 06253, Tên: Thị trấn, x: 1");
	/* Without a package: the contract's titles. */
	e.table = "indicators";
	how.titles = NULL;
	ssg_buf_clear(&b);
	ssg_term_event(&b, &e, &how);
	assert_string_equal(ssg_buf_cstr(&b),
			    "id 06253  added: STT: 06253, Chỉ tiêu: Thị trấn, "
			    "x: 1");
	/* A status, a date as the site shows them, not as typed. */
	memset(&e, 0, sizeof(e));
	e.kind = SSG_HEV_CHANGED;
	e.table = "tasks";
	e.key = "2";
	e.field = "status";
	e.old = "in_progress";
	e.new_ = "hoan thanh";
	ssg_buf_clear(&b);
	ssg_term_event(&b, &e, &how);
	assert_string_equal(ssg_buf_cstr(&b), "id 2  Trạng thái: Đang thực "
					      "hiện → Hoàn thành");
	e.table = "indicators";
	e.field = "as_of";
	e.old = "2024-06-15";
	e.new_ = "30/6/2024";
	ssg_buf_clear(&b);
	ssg_term_event(&b, &e, &how);
	assert_string_equal(ssg_buf_cstr(&b), "id 2  Số liệu tính đến: "
					      "15/06/2024 → 30/06/2024");
	ssg_buf_fini(&b);
	ssg_titles_free(t);
}

/* A commit's time at its own offset, in the catalogue's form: %z is
 * ISO 8601's offset; a day is the commit's, not UTC's. */
static void test_term_time_in_the_forms_given(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	/* 2024-07-01T20:30:00Z is 03:30 the next morning at +07:00. */
	long long t = 1719865800;
	ssg_term_time(&b, "%Y-%m-%d %H:%M %z", t, 7 * 60);
	assert_string_equal(ssg_buf_cstr(&b), "2024-07-02 03:30 +07:00");
	ssg_buf_clear(&b);
	ssg_term_time(&b, "%d/%m/%Y %H:%M", t, 7 * 60);
	assert_string_equal(ssg_buf_cstr(&b), "02/07/2024 03:30");
	ssg_buf_clear(&b);
	ssg_term_time(&b, "%Y-%m-%d %H:%M %z", t, -(3 * 60 + 30));
	assert_string_equal(ssg_buf_cstr(&b), "2024-07-01 17:00 -03:30");
	ssg_buf_clear(&b);
	/* "%%z" is a per cent sign and a z, as strftime reads it. */
	ssg_term_time(&b, "%d/%m/%Y %%z", t, 0);
	assert_string_equal(ssg_buf_cstr(&b), "01/07/2024 %z");
	ssg_buf_fini(&b);
}

/* Two revisions of different plans: labels and periods as content. */
static void test_term_periods_line(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_term_periods(&b, "v2024", "2024", "a\x1b[2J", "2025");
	assert_string_equal(ssg_buf_cstr(&b),
			    "v2024 belongs to the plan for 2024, a^[[2J to "
			    "the plan for 2025: these are two different "
			    "plans, not a revision.\n");
	ssg_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_term_controls_are_shown_not_obeyed),
		cmocka_unit_test(test_term_event_in_one_line),
		cmocka_unit_test(test_term_event_in_the_sites_words),
		cmocka_unit_test(test_term_time_in_the_forms_given),
		cmocka_unit_test(test_term_periods_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
