#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "i18n.h"

/* Run by `make unit`, which links build/tests/locale to the catalogues
 * built in build/locale, where ssg_i18n_init looks beside this binary. */

static const char quote[] = "unterminated quoted field: add the closing \"";
static const char quote_vi[] = "ô mở ngoặc kép nhưng chưa đóng: hãy thêm "
			       "dấu \" đóng";

static void test_i18n_diag_is_english_for_the_site_and_vietnamese_to_print(
	void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_diags_error(d, "data/indicators.csv", 2, 3,
			"unterminated quoted field: add the closing \"");
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_string_equal(g->msg, quote);
	assert_string_equal(g->text, quote_vi);
	ssg_diags_free(d);
}

static void test_i18n_formats_keep_their_arguments(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_diags_env(d, "unknown command '%s' (try ssg --help)", "bogus");
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_string_equal(g->msg, "unknown command 'bogus' (try ssg --help)");
	assert_string_equal(g->text, "không có lệnh 'bogus' (xem ssg --help)");
	ssg_diags_free(d);
}

static void test_i18n_untranslated_message_is_shared(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_diags_error(d, "x", 1, 1, "no such message in po/vi.po %d", 7);
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_string_equal(g->text, "no such message in po/vi.po 7");
	assert_ptr_equal(g->text, g->msg);
	ssg_diags_free(d);
}

/* Copies own both strings (ASan sees a double free or a leak). */
static void test_i18n_copies_keep_both_languages(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_diags_msg(d, SSG_SEV_WARNING, "a.md", 0, 0, N_("invalid UTF-8"));
	ssg_diags_add(d, SSG_SEV_ERROR, NULL, 0, 0, "untranslated");
	ssg_diags *to = ssg_diags_new();
	for (size_t i = 0; i < ssg_diags_count(d); i++)
		ssg_diags_add_copy(to, ssg_diags_get(d, i));
	ssg_diag own;
	ssg_diag_copy(&own, ssg_diags_get(d, 0));
	ssg_diags_free(d);
	const ssg_diag *g = ssg_diags_get(to, 0);
	assert_int_equal(g->sev, SSG_SEV_WARNING);
	assert_string_equal(g->path, "a.md");
	assert_string_equal(g->msg, "invalid UTF-8");
	assert_string_equal(g->text,
			    "có byte không phải UTF-8: hãy lưu tệp dạng UTF-8");
	assert_ptr_equal(ssg_diags_get(to, 1)->text, ssg_diags_get(to, 1)->msg);
	assert_string_equal(own.msg, "invalid UTF-8");
	assert_string_equal(own.text, g->text);
	ssg_diag_fini(&own);
	ssg_diags_free(to);
}

/* Only messages follow the locale: numbers and character classes stay
 * those of "C" whatever LANG says. */
static void test_i18n_sets_messages_only(void **state)
{
	(void)state;
	assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
	assert_string_equal(setlocale(LC_CTYPE, NULL), "C");
	assert_string_equal(setlocale(LC_TIME, NULL), "C");
	assert_string_equal(setlocale(LC_COLLATE, NULL), "C");
	char b[16];
	snprintf(b, sizeof(b), "%.1f", 72.25);
	assert_string_equal(b, "72.2");
	assert_string_equal(_(""), "");
	assert_string_equal(_("Tables"), "Bảng số liệu");
}

/* The system's words (strerror) in UTF-8 like ssg's own: LC_CTYPE stays
 * "C", whose ASCII made "Không đủ quyền truy cập" "Kh?ng ?? quy?n truy
 * c?p".  Where the C library has no Vietnamese catalogue the text is
 * English, ASCII either way. */
static void test_i18n_system_errors_keep_their_letters(void **state)
{
	(void)state;
	const char *e = strerror(EACCES);
	assert_null(strchr(e, '?'));
	if (strcmp(e, "Permission denied") != 0)
		assert_string_equal(e, "Không đủ quyền truy cập");
}

static void cause(ssg_diags *d, const char *why, const char *detail,
		  const char *fmt, ...) SSG_PRINTF(4, 5);
static void cause(ssg_diags *d, const char *why, const char *detail,
		  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_env_causev(d, why, detail, fmt, ap);
	va_end(ap);
}

/* A library's failure (libgit2's): our sentence and what to do in the
 * user's language, the library's words kept as they are, in
 * parentheses; the English form for the site and caches. */
static void test_i18n_library_cause_in_our_words(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	cause(d,
	      "the repository is damaged or incomplete: `git fsck` shows "
	      "what is damaged, and a fresh clone repairs it",
	      "object not found - no match for id (973e)", "cannot read %s",
	      "data/indicators.csv");
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_null(g->path);
	assert_string_equal(g->msg,
			    "cannot read data/indicators.csv: the repository "
			    "is damaged or incomplete: `git fsck` shows what "
			    "is damaged, and a fresh clone repairs it (object "
			    "not found - no match for id (973e))");
	assert_string_equal(g->text,
			    "không đọc được data/indicators.csv: kho lưu trữ "
			    "bị hỏng hoặc thiếu dữ liệu: lệnh `git fsck` cho "
			    "biết phần nào bị hỏng, và một bản sao (clone) mới "
			    "sẽ khắc phục được (object not found - no match "
			    "for id (973e))");
	assert_int_equal(ssg_diags_env_errors(d), 1);
	ssg_diags_free(d);
}

int main(void)
{
	/* Vietnamese, named the way a clerk's machine names it, generated
	 * or not (ssg_i18n_init falls back to C.UTF-8 when it is not). */
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	setenv("LANG", "vi_VN.UTF-8", 1);
	ssg_i18n_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_i18n_diag_is_english_for_the_site_and_vietnamese_to_print),
		cmocka_unit_test(test_i18n_formats_keep_their_arguments),
		cmocka_unit_test(test_i18n_untranslated_message_is_shared),
		cmocka_unit_test(test_i18n_library_cause_in_our_words),
		cmocka_unit_test(test_i18n_copies_keep_both_languages),
		cmocka_unit_test(test_i18n_sets_messages_only),
		cmocka_unit_test(test_i18n_system_errors_keep_their_letters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
