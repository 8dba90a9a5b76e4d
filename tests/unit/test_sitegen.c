/* sitegen, alone: one site of a fixture repository, loaded, given its
 * history and written, with no build around it (no revision copies, no
 * publication).  The repository's theme/index.mustache replaces the
 * built-in one, so that the overview prints the site's values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "fx_site.h"
#include "revision.h"
#include "routes.h"
#include "sitegen.h"

static fx_site f;
static ssg_routes *routes;

#define put(rel, data) fx_put(f.base, rel, data)
#define run(...) fx_run(f.base, __VA_ARGS__)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "sitegen"))
		return -1;
	run("git init -q -b main r");
	put("r/content/_index.md",
	    "---\ntitle: \"Kế hoạch văn hóa\"\n"
	    "reports:\n  - name: \"Sáu tháng\"\n    due: \"30/06/2024\"\n"
	    "---\nGiới thiệu.\n");
	put("r/content/01-muc-dich.md",
	    "---\ntitle: \"Mục đích\"\nweight: 1\n---\nMột.\n");
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result\n1,Tỷ lệ,%,10,20,\n");
	put("r/data/dan_so.csv", "xa,so_dan\nAn Bình,1200\n");
	put("r/theme/index.mustache",
	    "{{site.title}}|nav:{{#site.nav}}{{url}};{{/site.nav}}|"
	    "reports:{{#reports}}{{name}}={{state_key}};{{/reports}}|"
	    "history:{{site.has_history}}|"
	    "pub:{{#site.publication}}{{name}}{{/site.publication}}|"
	    "archived:{{#site.archived}}{{tag}}/{{title}}{{/site.archived}}|"
	    "{{#indicators}}{{id}}:{{#revision}}revised{{/revision}};"
	    "{{/indicators}}");
	fx_git_commit(f.base, "r", 1, "ban hành");
	run("cd r && git tag -a ke-hoach -m 'Kế hoạch số 1'");
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result\n1,Tỷ lệ,%,10,25,12\n");
	fx_git_commit(f.base, "r", 2, "kết quả");
	if (!fx_site_open(&f, NULL))
		return -1;
	routes = ssg_routes_main();
	if (!fx_site_history(&f))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ssg_routes_free(routes);
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

static ssg_sitegen *site_new(void)
{
	ssg_sitegen_in in = {&f.po, NULL, f.repo, f.snap, routes, f.d};
	return ssg_sitegen_new(&in);
}

static ssg_sitegen_hist hist_of(size_t end, size_t n)
{
	return (ssg_sitegen_hist){f.hist, end, f.tags, n, f.keys, NULL};
}

static bool exists(const char *rel)
{
	char *p = fx_path(f.out, rel);
	struct stat st;
	bool yes = stat(p, &st) == 0;
	free(p);
	return yes;
}

/* The three steps in order make every page of the site: the plan's,
 * history's, the search index, the feed and the theme's static files,
 * with the values the history adds. */
static void test_sitegen_load_history_pages(void **state)
{
	(void)state;
	ssg_sitegen *s = site_new();
	assert_int_equal(ssg_sitegen_load(s), SSG_OK);
	assert_ptr_equal(ssg_sitegen_plan(s) != NULL, true);
	assert_null(ssg_sitegen_hview(s));
	ssg_sitegen_hist h = hist_of(ssg_history_ncommits(f.hist), f.ntags);
	assert_int_equal(ssg_sitegen_history(s, &h), SSG_OK);
	assert_non_null(ssg_sitegen_hview(s));
	free(f.out);
	f.out = fx_path(f.base, "out");
	assert_int_equal(ssg_out_begin(&f.o, f.out, f.d), SSG_OK);
	assert_int_equal(ssg_sitegen_pages(s, f.o, NULL), SSG_OK);
	ssg_sitegen_free(s);
	fx_site_done(&f);
	assert_int_equal(fx_site_show(f.d), 0);

	char *ix = fx_site_file(&f, "index.html");
	assert_string_equal(ix, "Kế hoạch văn hóa|"
				"nav:;indicators/;data/;disclosure/;changes/;"
				"revisions/;|reports:Sáu tháng=late;|"
				"history:true|pub:ke-hoach|archived:|1:revised;");
	free(ix);
	static const char *const files[] = {
		"muc-dich/index.html", "indicators/1/index.html",
		"tables/dan-so/index.html", "tables/dan-so/an-binh/index.html",
		"data/dan_so.csv", "changes/index.html",
		"revisions/ke-hoach/index.html", "data/history.jsonl",
		"search/index.js", "feed.xml", "static/style.css"};
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
		if (!exists(files[i]))
			fail_msg("%s was not written", files[i]);
}

/* The site of the first commit alone, as a revision copy sees it: its
 * history ends there, and it says which revision it is. */
static void test_sitegen_of_an_earlier_revision(void **state)
{
	(void)state;
	ssg_snapshot *snap = NULL;
	assert_int_equal(ssg_repo_snapshot(f.repo, f.tags[0].target, &snap, f.d),
			 SSG_OK);
	ssg_sitegen_in in = {&f.po, NULL, f.repo, snap, routes, f.d};
	ssg_sitegen *s = ssg_sitegen_new(&in);
	assert_int_equal(ssg_sitegen_load(s), SSG_OK);
	ssg_sitegen_hist h = hist_of(1, 1);
	assert_int_equal(ssg_sitegen_history(s, &h), SSG_OK);
	ssg_sitegen_archived(s, &f.tags[0]);
	free(f.out);
	f.out = fx_path(f.base, "out-first");
	assert_int_equal(ssg_out_begin(&f.o, f.out, f.d), SSG_OK);
	assert_int_equal(ssg_sitegen_pages(s, f.o, NULL), SSG_OK);
	ssg_sitegen_free(s);
	ssg_snapshot_free(snap);
	fx_site_done(&f);
	char *ix = fx_site_file(&f, "index.html");
	assert_non_null(strstr(ix, "|archived:ke-hoach/Kế hoạch số 1|1:;"));
	free(ix);
}

/* A check makes every page and writes none; a content error of the
 * front matter is reported where it is, and the pages still run. */
static void test_sitegen_check_reports_and_writes_nothing(void **state)
{
	(void)state;
	put("r/content/_index.md",
	    "---\ntitle: \"Kế hoạch văn hóa\"\n"
	    "reports:\n  - name: \"Sáu tháng\"\n    due: \"31/06/2024\"\n"
	    "---\nGiới thiệu.\n");
	ssg_snapshot *snap = NULL;
	assert_int_equal(ssg_repo_worktree(f.repo, &snap, f.d), SSG_OK);
	ssg_sitegen_in in = {&f.po, NULL, f.repo, snap, routes, f.d};
	ssg_sitegen *s = ssg_sitegen_new(&in);
	assert_int_equal(ssg_sitegen_load(s), SSG_ERR_CONTENT);
	const ssg_diag *g = ssg_diags_get(f.d, 0);
	assert_string_equal(g->path, "content/_index.md");
	assert_int_equal(g->line, 5);
	assert_non_null(strstr(g->msg, "due must be a real date"));
	assert_int_equal(ssg_sitegen_pages(s, NULL, NULL), SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(f.d), 1);
	ssg_sitegen_free(s);
	ssg_snapshot_free(snap);
	run("cd r && git checkout -q content/_index.md");
	fx_site_diags_clear(&f);
}

/* Two tags whose names give one page are reported with both names, and
 * the view is made all the same. */
static void test_sitegen_tags_with_one_page_are_an_error(void **state)
{
	(void)state;
	ssg_tag_info two[2] = {f.tags[0], f.tags[0]};
	two[0].name = "ban-1";
	two[1].name = "Bản 1";
	ssg_sitegen *s = site_new();
	assert_int_equal(ssg_sitegen_load(s), SSG_OK);
	ssg_sitegen_hist h = {f.hist, ssg_history_ncommits(f.hist), two,
			      2,      f.keys, NULL};
	assert_int_equal(ssg_sitegen_history(s, &h), SSG_ERR_CONTENT);
	assert_non_null(ssg_sitegen_hview(s));
	assert_int_equal(ssg_diags_count(f.d), 1);
	const char *msg = ssg_diags_get(f.d, 0)->msg;
	assert_non_null(strstr(msg, "'ban-1' and 'Bản 1'"));
	assert_non_null(strstr(msg, "revisions/ban-1/"));
	ssg_sitegen_free(s);
	fx_site_diags_clear(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sitegen_load_history_pages),
		cmocka_unit_test(test_sitegen_of_an_earlier_revision),
		cmocka_unit_test(test_sitegen_check_reports_and_writes_nothing),
		cmocka_unit_test(test_sitegen_tags_with_one_page_are_an_error),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
