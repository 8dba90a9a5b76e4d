#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"

static void assert_match(const char *table, const char *header,
			 const char *want)
{
	const ssg_field *f = ssg_fields_match(table, header);
	if (!want) {
		assert_null(f);
		return;
	}
	assert_non_null(f);
	assert_string_equal(f->name, want);
}

/* What the site shows, with or without accents, in any case, and the
 * column's own name all name one column. */
static void test_fields_site_titles_name_columns(void **state)
{
	(void)state;
	assert_match("indicators", "Kết quả mới nhất", "result");
	assert_match("indicators", "  KẾT QUẢ MỚI NHẤT ", "result");
	assert_match("indicators", "Ket qua moi nhat", "result");
	assert_match("indicators", "Kết quả năm trước", "baseline");
	assert_match("indicators", "STT", "id");
	assert_match("indicators", "As_Of", "as_of");
	assert_match("indicators", "as of", "as_of");
	assert_match("tasks", "Cơ quan chủ trì", "lead");
	assert_match("tasks", "Tiến độ (%)", "progress");
	assert_match("tasks", "Kết quả mới nhất", NULL);
	assert_match("communes", "result", NULL);
	assert_match("indicators", "Người nhập", NULL);
}

/* No two fields of one table share a word: a header names one column. */
static void test_fields_words_are_unique_per_table(void **state)
{
	(void)state;
	static const char *const tables[] = {"indicators", "tasks"};
	for (size_t t = 0; t < 2; t++) {
		size_t n;
		const ssg_field *f = ssg_fields_of(tables[t], &n);
		assert_true(n > 0);
		for (size_t i = 0; i < n; i++) {
			assert_ptr_equal(ssg_fields_match(tables[t], f[i].name),
					 &f[i]);
			assert_ptr_equal(ssg_fields_match(tables[t], f[i].title),
					 &f[i]);
			for (size_t k = 0; f[i].aliases[k]; k++)
				assert_ptr_equal(ssg_fields_match(tables[t],
								  f[i].aliases[k]),
						 &f[i]);
		}
	}
}

static void test_fields_slip_is_close_other_word_is_not(void **state)
{
	(void)state;
	size_t d;
	const ssg_field *f = ssg_fields_nearest("indicators", "reslt", &d);
	assert_string_equal(f->name, "result");
	assert_int_equal(d, 1);
	assert_true(ssg_fields_close("reslt", d));
	f = ssg_fields_nearest("indicators", "Ket qua moi nhta", &d);
	assert_string_equal(f->name, "result");
	assert_true(ssg_fields_close("Ket qua moi nhta", d));
	f = ssg_fields_nearest("indicators", "Người nhập", &d);
	assert_false(ssg_fields_close("Người nhập", d));
	/* Two letters of three changed is another word. */
	f = ssg_fields_nearest("indicators", "abc", &d);
	assert_false(ssg_fields_close("abc", d));
}

static void assert_meant(const char *table, const char *header,
			 const char *want)
{
	const ssg_field *f = ssg_fields_meant(table, header);
	if (!want) {
		assert_null(f);
		return;
	}
	assert_non_null(f);
	assert_string_equal(f->name, want);
}

/* What a header that names no column most likely means. */
static void test_fields_meant(void **state)
{
	(void)state;
	assert_meant("indicators", "reslt", "result");
	assert_meant("indicators", "Kết quả 6 tháng", "result");
	assert_meant("indicators", "Kết quả mới", "result");
	assert_meant("indicators", "Ghi chú thêm", "note");
	assert_meant("tasks", "Thời gian hoàn thành", "timeframe");
	assert_meant("indicators", "Người nhập", NULL);
	/* Two letters start too many words. */
	assert_meant("indicators", "Mã xã", NULL);
}

static void test_fields_distance(void **state)
{
	(void)state;
	assert_int_equal(ssg_fields_distance("kitten", "sitting", 10), 3);
	assert_int_equal(ssg_fields_distance("", "abc", 10), 3);
	assert_int_equal(ssg_fields_distance("abc", "abc", 10), 0);
	assert_int_equal(ssg_fields_distance("abcdefgh", "zzzzzzzz", 2), 3);
}

static void test_fields_table_of_path(void **state)
{
	(void)state;
	assert_string_equal(ssg_fields_table_of_path("data/indicators.csv"),
			    "indicators");
	assert_string_equal(ssg_fields_table_of_path("data/tasks.csv"), "tasks");
	assert_null(ssg_fields_table_of_path("data/communes.csv"));
	assert_null(ssg_fields_table_of_path("indicators.csv"));
}

/* The one list of the titles a reader sees: the overview's headings,
 * the change pages and the feed read them here. */
static void test_fields_titles_and_kinds(void **state)
{
	(void)state;
	assert_string_equal(ssg_fields_title("indicators", "target"),
			    "Kế hoạch");
	assert_string_equal(ssg_fields_title("indicators", "baseline"),
			    "Kết quả năm trước");
	assert_string_equal(ssg_fields_title("tasks", "status"), "Trạng thái");
	assert_null(ssg_fields_title("indicators", "Người nhập"));
	/* A table of its own: the key, the name, what a row replaces and
	 * the note, as a clerk types them; nothing else. */
	assert_string_equal(ssg_fields_title("communes", "id"), "Mã");
	assert_string_equal(ssg_fields_title("communes", "ID"), "Mã");
	assert_string_equal(ssg_fields_title("communes", "ma"), "Mã");
	assert_string_equal(ssg_fields_title("communes", "ten_xa"), "Tên");
	assert_string_equal(ssg_fields_title("communes", "replaces"),
			    "Thay thế");
	assert_string_equal(ssg_fields_title("communes", "ghi_chu"), "Ghi chú");
	assert_string_equal(ssg_fields_title("communes", "Note"), "Ghi chú");
	assert_null(ssg_fields_title("communes", "gia_dinh"));
	assert_null(ssg_fields_title("communes", "ma_xa"));
	assert_null(ssg_fields_title("communes", "mat"));
	assert_string_equal(ssg_fields_table_title("indicators"),
			    "Các chỉ tiêu");
	assert_string_equal(ssg_fields_table_title("tasks"), "Các nhiệm vụ");
	assert_null(ssg_fields_table_title("communes"));
	assert_int_equal(ssg_fields_kind("indicators", "as_of"),
			 SSG_FIELD_DATE);
	assert_int_equal(ssg_fields_kind("tasks", "status"), SSG_FIELD_STATUS);
	assert_int_equal(ssg_fields_kind("indicators", "direction"),
			 SSG_FIELD_DIRECTION);
	assert_int_equal(ssg_fields_kind("indicators", "target"),
			 SSG_FIELD_TEXT);
	assert_int_equal(ssg_fields_kind("communes", "status"), SSG_FIELD_TEXT);
}

/* The column that names a table's rows. */
static void test_fields_label_columns(void **state)
{
	(void)state;
	assert_true(ssg_fields_is_label("indicators", "name"));
	assert_false(ssg_fields_is_label("indicators", "title"));
	assert_true(ssg_fields_is_label("tasks", "title"));
	assert_true(ssg_fields_is_label("communes", "name"));
	assert_true(ssg_fields_is_label("communes", "Tên xã"));
	assert_true(ssg_fields_is_label("communes", "TEN"));
	assert_false(ssg_fields_is_label("communes", "tenure"));
	assert_false(ssg_fields_is_label("communes", "id"));
	assert_false(ssg_fields_is_label("communes", NULL));
	/* ASCII names are folded without the heap, as ssg_fields_fold
	 * folds them: separators collapsed, none at the ends. */
	assert_true(ssg_fields_is_label("communes", "__Ten__xa_"));
	assert_true(ssg_fields_is_label("communes", " TITLE "));
	assert_true(ssg_fields_is_label("communes", "ten-don-vi"));
	assert_true(ssg_fields_is_label("communes", "ten_"));
	assert_true(ssg_fields_is_label("communes", "_ten"));
	assert_false(ssg_fields_is_label("communes", "tenxa"));
	assert_false(ssg_fields_is_label("communes", "ma_ten"));
	assert_false(ssg_fields_is_label("communes", "na me"));
	/* Longer than the fast path takes: the heap's fold. */
	assert_true(ssg_fields_is_label(
		"communes", "ten                                                "
			    "               dai"));
}

/* The fields' words are folded once per process, on the first call,
 * which may come from two threads at once (revision copies parse tables
 * on their own threads): both see every word.  First in main, so that
 * nothing else has folded them before. */
static const char *const race_headers[] = {
	"Kết quả mới nhất", "STT", "as of", "Đơn vị tính", "Nguồn số liệu",
	"Người nhập", "reslt",
};
#define NRACE (sizeof(race_headers) / sizeof(*race_headers))

static void *match_all(void *out)
{
	const ssg_field **got = out;
	for (size_t i = 0; i < NRACE; i++)
		got[i] = ssg_fields_match("indicators", race_headers[i]);
	return NULL;
}

static void test_fields_first_match_from_two_threads(void **state)
{
	(void)state;
	const ssg_field *a[NRACE], *b[NRACE];
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, match_all, a), 0);
	match_all(b);
	assert_int_equal(pthread_join(t, NULL), 0);
	static const char *const want[NRACE] = {"result", "id", "as_of",
						"unit", "source", NULL, NULL};
	for (size_t i = 0; i < NRACE; i++) {
		assert_ptr_equal(a[i], b[i]);
		if (want[i])
			assert_string_equal(a[i]->name, want[i]);
		else
			assert_null(a[i]);
	}
}

/* A match is the nearest field at distance 0, whatever the header. */
static void test_fields_match_is_nearest_at_zero(void **state)
{
	(void)state;
	static const char *const headers[] = {
		"Kết quả", "KET QUA", "ket_qua", "Mã", "ma", "Tên", "tên xã",
		"Chỉ tiêu", "chi tieu nam", "Mục tiêu", "result ", "reslt", "",
		"  ", "Tiến độ (%)", "tien do", "Thời gian", "Hướng", "x",
	};
	static const char *const tables[] = {"indicators", "tasks",
					     "communes"};
	for (size_t t = 0; t < 3; t++) {
		for (size_t i = 0; i < sizeof(headers) / sizeof(*headers);
		     i++) {
			size_t d = 0;
			const ssg_field *n =
				ssg_fields_nearest(tables[t], headers[i], &d);
			const ssg_field *m =
				ssg_fields_match(tables[t], headers[i]);
			assert_ptr_equal(m, n && d == 0 ? n : NULL);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_first_match_from_two_threads),
		cmocka_unit_test(test_fields_match_is_nearest_at_zero),
		cmocka_unit_test(test_fields_site_titles_name_columns),
		cmocka_unit_test(test_fields_words_are_unique_per_table),
		cmocka_unit_test(test_fields_slip_is_close_other_word_is_not),
		cmocka_unit_test(test_fields_meant),
		cmocka_unit_test(test_fields_distance),
		cmocka_unit_test(test_fields_table_of_path),
		cmocka_unit_test(test_fields_titles_and_kinds),
		cmocka_unit_test(test_fields_label_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
