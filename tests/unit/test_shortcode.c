/* shortcode, alone: a page's Markdown rendered with its shortcodes and
 * links against a fixture repository's plan, the embeds through the
 * test's own templates (no site, no theme). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fx_site.h"
#include "shortcode.h"

static fx_site f;

#define put(rel, data) fx_put(f.base, rel, data)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "shortcode"))
		return -1;
	fx_run(f.base, "git init -q -b main r");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nX.\n");
	put("r/content/01-muc-dich.md",
	    "---\ntitle: \"Mục đích\"\nweight: 1\n---\n"
	    "Đạt {{value indicators 1 target}} và "
	    "{{value dan_so 026 so_dan}} người; kết quả "
	    "{{value indicators 1 result}}.\n\n"
	    "{{table dan_so}}\n\n{{indicators}}\n\n{{tasks}}\n\n"
	    "Xem [nhiệm vụ](03-nhiem-vu.md#ke-hoach), [tin](posts/hop.md) "
	    "và [trang ngoài](https://example.vn/a.md).\n");
	put("r/content/03-nhiem-vu.md",
	    "---\ntitle: \"Nhiệm vụ\"\nweight: 3\n---\nBa.\n");
	put("r/content/04-loi.md",
	    "---\ntitle: \"Lỗi\"\nweight: 4\n---\n"
	    "Một {{table dan_so}} giữa câu.\n\n{{value dan_so 999 so_dan}}\n\n"
	    "{{value dan_so 026 khong_co}}\n\n{{table khong_co}}\n\n"
	    "{{bieu_do 1}}\n");
	put("r/content/posts/hop.md",
	    "---\ntitle: \"Họp\"\ndate: \"20/06/2024\"\n---\nĐã họp.\n");
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result\n1,Tỷ lệ,%,10,\"72,5\",\n");
	put("r/data/tasks.csv", "id,title\n1,Tuyên truyền\n");
	put("r/data/dan_so.csv", "ma,xa,so_dan\n026,An Bình,1250\n");
	fx_git_commit(f.base, "r", 1, "đầu");
	if (!fx_site_open(&f, NULL))
		return -1;
	fx_site_tpl(&f, "embed-table",
		    "[table {{table.name}} {{root}}]");
	fx_site_tpl(&f, "embed-indicators",
		    "[indicators{{#indicators}} {{id}}{{/indicators}}]");
	fx_site_tpl(&f, "embed-tasks", "[tasks{{#tasks}} {{id}}{{/tasks}}]");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

/* Section i rendered for the page in `dir`: its html, to free, and the
 * result in *rc. */
static char *render(size_t i, const char *dir, int *rc)
{
	ssg_shortcode_site s = {f.plan, f.indicators, f.tasks, NULL,
				NULL,   NULL,         NULL,    false};
	long newest = -1;
	ssg_emit *e = fx_site_emit(&f, NULL);
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_model_map(m);
	*rc = ssg_shortcode_render(&s, e, m, page, ssg_plan_section(f.plan, i),
				   false, dir, &newest, NULL);
	const char *html = ssg_value_get_str(page, "html");
	char *copy = strdup(html);
	ssg_model_free(m);
	fx_site_done(&f);
	return copy;
}

/* Figures quoted from the data as the tables show them, tables embedded
 * through their templates with the page's root, links to the plan's
 * files made links to their pages. */
static void test_shortcode_values_embeds_and_links(void **state)
{
	(void)state;
	int rc;
	char *html = render(0, "muc-dich/", &rc);
	fx_site_show(f.d);
	assert_int_equal(rc, SSG_OK);
	assert_non_null(strstr(html, "Đạt <data value=\"72.5\">72,5%</data> và "
				     "<data value=\"1250\">1.250</data> người; "
				     "kết quả <span class=\"no-data\">chưa có "
				     "số liệu</span>."));
	assert_non_null(strstr(html, "[table dan_so ../]"));
	assert_non_null(strstr(html, "[indicators 1]"));
	assert_non_null(strstr(html, "[tasks 1]"));
	assert_non_null(strstr(html, "href=\"../nhiem-vu/#ke-hoach\""));
	assert_non_null(strstr(html, "href=\"../posts/hop/\""));
	assert_non_null(strstr(html, "href=\"https://example.vn/a.md\""));
	free(html);
}

/* Each wrong shortcode is reported at its own line and column, all of
 * them in one render. */
static void test_shortcode_errors_where_they_are(void **state)
{
	(void)state;
	int rc;
	char *html = render(2, "loi/", &rc);
	assert_int_equal(rc, SSG_ERR_CONTENT);
	static const struct {
		unsigned line;
		const char *msg;
	} want[] = {
		{5, "must stand alone in its paragraph"},
		{7, "has no row with key '999'"},
		{9, "has no column 'khong_co'"},
		{11, "unknown table 'khong_co'"},
		{13, "unknown shortcode {{bieu_do}} with 1 argument(s)"},
	};
	size_t n = sizeof(want) / sizeof(*want);
	assert_int_equal(ssg_diags_count(f.d), n);
	for (size_t i = 0; i < n; i++) {
		const ssg_diag *g = ssg_diags_get(f.d, i);
		assert_string_equal(g->path, "content/04-loi.md");
		assert_int_equal(g->line, want[i].line);
		if (!strstr(g->msg, want[i].msg))
			fail_msg("'%s' is not '%s'", g->msg, want[i].msg);
	}
	free(html);
	fx_site_diags_clear(&f);
}

/* What a revision copy may take from the main site (lean.h): a text
 * quoting figures only, as its bytes say. */
static void test_shortcode_quotes_only(void **state)
{
	(void)state;
	static const struct {
		const char *src;
		bool only;
	} cases[] = {
		{"Hội nghị triển khai. [Tin](tin-a.md), **đậm**.\n", true},
		{"", true},
		{"Đạt {{value indicators 1 result}}, xã {{value communes 2 "
		 "result}}.\n",
		 true},
		{"Bảng:\n\n{{table communes}}\n", false},
		{"{{indicators}}\n", false},
		{"{{tasks}}\n", false},
		{"Đạt {{value indicators 1}}.\n", false}, /* not a quote */
		/* cmark decodes these into braces: the bytes cannot say */
		{"Đạt &#123;&#123;value indicators 1 result}}.\n", false},
		{"Đạt \\{\\{table communes}}.\n", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (ssg_shortcode_quotes_only(cases[i].src,
					      strlen(cases[i].src)) !=
		    cases[i].only)
			fail_msg("case %zu: says %d", i, !cases[i].only);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shortcode_values_embeds_and_links),
		cmocka_unit_test(test_shortcode_errors_where_they_are),
		cmocka_unit_test(test_shortcode_quotes_only),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
