/* search, alone: the index and the search page of a fixture repository's
 * plan, through an emitter with templates of the test's own (no site). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fx_site.h"
#include "search.h"

static fx_site f;

#define put(rel, data) fx_put(f.base, rel, data)

/* A task whose title is longer than a result shows (140 bytes). */
static const char long_task[] =
	"Tổ chức tuyên truyền sâu rộng trong nhân dân về xây dựng đời sống "
	"văn hóa ở khu dân cư, gắn với phong trào toàn dân đoàn kết xây dựng "
	"đời sống văn hóa";

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "search"))
		return -1;
	fx_run(f.base, "git init -q -b main r");
	put("r/content/_index.md",
	    "---\ntitle: \"Kế hoạch văn hóa\"\n---\nGiới thiệu chung.\n");
	put("r/content/01-muc-dich.md",
	    "---\ntitle: \"Mục đích\"\nweight: 1\n---\n"
	    "Xây dựng **gia đình văn hóa** {{value indicators 1 target}}.\n");
	/* More text than one entry keeps: a village's name 20,000 times. */
	ssg_buf big;
	ssg_buf_init(&big);
	ssg_buf_puts(&big, "---\ntitle: \"Phụ lục\"\nweight: 2\n---\n");
	for (int i = 0; i < 20000; i++)
		ssg_buf_puts(&big, i % 20 == 19 ? "làng\n\n" : "làng ");
	put("r/content/02-phu-luc.md", ssg_buf_cstr(&big));
	ssg_buf_fini(&big);
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result,note\n"
	    "1,\"Tỷ lệ \"\"gia đình\"\" văn hóa\",%,10,20,,Theo <thôn>\n");
	ssg_buf t;
	ssg_buf_init(&t);
	ssg_buf_printf(&t, "id,title,lead\n1,\"%s\",Phòng Văn hóa\n", long_task);
	put("r/data/tasks.csv", ssg_buf_cstr(&t));
	ssg_buf_fini(&t);
	put("r/data/dan_so.csv",
	    "xa,so_dan,ngay\nAn Bình,1200,15/06/2024\n");
	fx_git_commit(f.base, "r", 1, "đầu");
	if (!fx_site_open(&f, NULL))
		return -1;
	fx_site_tpl(&f, "search",
		    "{{count}}\n{{#entries}}{{url}}|{{title}}|{{kind}}\n"
		    "{{/entries}}");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

/* Writes the index into base/out and returns the array search/index.js
 * assigns, to free. */
static char *write_index(const char *out)
{
	ssg_emit *e = fx_site_emit(&f, out);
	int rc = ssg_search_write(e, NULL, f.plan, f.indicators, f.tasks, NULL);
	fx_site_show(f.d);
	assert_int_equal(rc, SSG_OK);
	fx_site_done(&f);
	char *js = fx_site_file(&f, "search/index.js");
	assert_non_null(js);
	/* One file: no JSON twin beside the script. */
	char *twin = fx_site_file(&f, "search/index.json");
	assert_null(twin);
	static const char head[] = "window.ssgSearchIndex = ";
	size_t n = strlen(js), h = sizeof(head) - 1;
	assert_true(n >= h + 2 && strncmp(js, head, h) == 0);
	assert_string_equal(js + n - 2, ";\n");
	char *ix = strndup(js + h, n - h - 2);
	free(js);
	return ix;
}

/* The entry of the index whose "u" is url: from its '{' to its '}'. */
static char *entry_of(const char *ix, const char *url)
{
	ssg_buf key;
	ssg_buf_init(&key);
	ssg_buf_printf(&key, "{\"u\":\"%s\",", url);
	const char *p = strstr(ix, ssg_buf_cstr(&key));
	ssg_buf_fini(&key);
	if (!p)
		fail_msg("no entry for '%s' in %s", url, ix);
	const char *end = strstr(p, "}");
	assert_non_null(end);
	return strndup(p, (size_t)(end - p + 1));
}

/* A page is found by its words without their marks: its text is folded
 * to lower-case ASCII, the shortcodes left out. */
static void test_search_text_is_folded_without_marks(void **state)
{
	(void)state;
	char *ix = write_index("out-fold");
	char *sec = entry_of(ix, "muc-dich/");
	assert_non_null(strstr(sec, "\"t\":\"Mục đích\""));
	assert_non_null(strstr(sec, "\"k\":\"Nội dung kế hoạch\""));
	assert_non_null(strstr(sec, "xay dung gia dinh van hoa"));
	assert_null(strstr(sec, "{{"));
	assert_null(strstr(sec, "value indicators"));
	/* The table's words are found, its figures and dates are not
	 * indexed. */
	char *tab = entry_of(ix, "tables/dan-so/");
	assert_non_null(strstr(tab, "an binh"));
	assert_null(strstr(tab, "1200"));
	assert_null(strstr(tab, "2024"));
	free(sec);
	free(tab);
	free(ix);
}

/* Every kind of page is there, once, in the site's order. */
static void test_search_lists_every_page_in_site_order(void **state)
{
	(void)state;
	char *ix = write_index("out-order");
	static const char *const urls[] = {
		"", "muc-dich/", "phu-luc/", "indicators/", "indicators/1/",
		"tasks/", "tasks/#", "tables/dan-so/", "data/", "disclosure/"};
	const char *at = ix;
	for (size_t i = 0; i < sizeof(urls) / sizeof(*urls); i++) {
		ssg_buf key;
		ssg_buf_init(&key);
		ssg_buf_printf(&key, "{\"u\":\"%s", urls[i]);
		const char *p = strstr(at, ssg_buf_cstr(&key));
		if (!p)
			fail_msg("'%s' missing or out of order", urls[i]);
		at = p + 1;
		ssg_buf_fini(&key);
	}
	/* The overview's title is the site's. */
	char *home = entry_of(ix, "");
	assert_non_null(strstr(home, "\"t\":\"Kế hoạch văn hóa\""));
	assert_non_null(strstr(home, "gioi thieu chung"));
	free(home);
	/* The page lists the same entries, counted. */
	char *page = fx_site_file(&f, "search/index.html");
	assert_non_null(page);
	assert_non_null(strstr(page, "10\n|Kế hoạch văn hóa|Tổng quan\n"));
	assert_non_null(strstr(page, "indicators/1/|Chỉ tiêu 1. "));
	free(page);
	free(ix);
}

/* Quotes in a title are escaped as JSON; the folded text has no
 * markup left. */
static void test_search_titles_are_escaped_as_json(void **state)
{
	(void)state;
	char *ix = write_index("out-escape");
	char *ind = entry_of(ix, "indicators/1/");
	assert_non_null(strstr(ind, "\"t\":\"Chỉ tiêu 1. Tỷ lệ \\\"gia đình\\\" "
				    "văn hóa\""));
	/* Folded text keeps words only. */
	assert_non_null(strstr(ind, "\"f\":\"chi tieu 1 ty le gia dinh van hoa "));
	assert_non_null(strstr(ind, " theo thon\""));
	assert_null(strstr(ind, "<"));
	free(ind);
	free(ix);
}

/* A title too long for a result is cut at a word, with an ellipsis; the
 * folded text still holds all of it. */
static void test_search_long_title_is_cut_at_a_word(void **state)
{
	(void)state;
	char *ix = write_index("out-long");
	const char *p = strstr(ix, "{\"u\":\"tasks/#");
	assert_non_null(p);
	const char *t = strstr(p, "\"t\":\"") + 5;
	const char *end = strstr(t, "\",\"k\"");
	assert_non_null(end);
	size_t n = (size_t)(end - t);
	assert_true(n <= 140 + strlen("…"));
	assert_memory_equal(end - strlen("…"), "…", strlen("…"));
	assert_int_equal(end[-(int)strlen("…") - 1] == ' ', false);
	assert_memory_equal(t, "Nhiệm vụ 1. Tổ chức", strlen("Nhiệm vụ 1. Tổ chức"));
	assert_non_null(strstr(p, "gan voi phong trao toan dan doan ket"));
	assert_non_null(strstr(p, "phong van hoa"));
	free(ix);
}

/* An entry's text stops at SSG_SEARCH_MAX_TEXT bytes, at a word. */
static void test_search_text_is_bounded(void **state)
{
	(void)state;
	char *ix = write_index("out-bound");
	char *e = entry_of(ix, "phu-luc/");
	const char *fv = strstr(e, "\"f\":\"") + 5;
	size_t n = strlen(fv) - 2; /* less the closing quote and brace */
	assert_true(n <= SSG_SEARCH_MAX_TEXT);
	assert_true(n > SSG_SEARCH_MAX_TEXT - 16);
	assert_memory_equal(fv + n - 4, "lang", 4);
	free(e);
	free(ix);
}

/* A check renders the page (a template error is found) and writes
 * nothing. */
static void test_search_check_writes_nothing(void **state)
{
	(void)state;
	ssg_emit *e = fx_site_emit(&f, NULL);
	assert_false(ssg_emit_writes(e));
	assert_int_equal(ssg_search_write(e, NULL, f.plan, f.indicators, f.tasks, NULL),
			 SSG_OK);
	fx_site_done(&f);
	/* Without a template "search". */
	ssg_templates *good = fx_site_tpl_swap(&f, ssg_templates_new());
	e = fx_site_emit(&f, NULL);
	assert_int_not_equal(ssg_search_write(e, NULL, f.plan, f.indicators, f.tasks, NULL),
			     SSG_OK);
	assert_true(ssg_diags_errors(f.d) > 0);
	fx_site_done(&f);
	ssg_templates_free(fx_site_tpl_swap(&f, good));
	fx_site_diags_clear(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_text_is_folded_without_marks),
		cmocka_unit_test(test_search_lists_every_page_in_site_order),
		cmocka_unit_test(test_search_titles_are_escaped_as_json),
		cmocka_unit_test(test_search_long_title_is_cut_at_a_word),
		cmocka_unit_test(test_search_text_is_bounded),
		cmocka_unit_test(test_search_check_writes_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
