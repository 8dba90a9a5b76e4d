/* site, with pages and search below it: one build of a fixture
 * repository, through ssg_site_build as main.c calls it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "site.h"

static char base[64];

#define run(...) fx_run(base, __VA_ARGS__)
#define put(rel, data) fx_put(base, rel, data)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(base, sizeof(base), "site"))
		return -1;
	run("git init -q -b main r");
	put("r/content/_index.md",
	    "---\ntitle: \"Kế hoạch văn hóa\"\n---\nGiới thiệu.\n");
	put("r/content/01-muc-dich.md",
	    "---\ntitle: \"Mục đích\"\nweight: 1\n---\n"
	    "Gia đình văn hóa: {{value indicators 1 target}}.\n\n"
	    "{{table dan_so}}\n");
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result\n1,Tỷ lệ,%,10,20,\n");
	put("r/data/dan_so.csv", "xa,so_dan\nAn Bình,1200\n");
	fx_git_commit(base, "r", 1, "đầu");
	put("r/data/dan_so.csv", "xa,so_dan\nAn Bình,1250\n");
	fx_git_commit(base, "r", 2, "hai");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

static char *file(const char *out, const char *rel)
{
	char *p = fx_path(out, rel);
	char *s = fx_slurp(p, NULL);
	free(p);
	assert_non_null(s);
	return s;
}

static void test_site_build_writes_pages_search_and_history(void **state)
{
	(void)state;
	char *repo = fx_path(base, "r"), *out = fx_path(base, "out");
	ssg_site_opts o = {.repo = repo, .out = out};
	ssg_diags *d = ssg_diags_new();
	int rc = ssg_site_build(&o, d);
	for (size_t i = 0; i < ssg_diags_count(d); i++)
		fprintf(stderr, "%s\n", ssg_diags_get(d, i)->msg);
	assert_int_equal(rc, SSG_OK);
	/* A section with its shortcodes rendered. */
	char *sec = file(out, "muc-dich/index.html");
	assert_non_null(strstr(sec, "<data value=\"20\">20%</data>"));
	assert_non_null(strstr(sec, "An Bình"));
	/* The table's row has a history page, linked from the table. */
	char *row = file(out, "tables/dan-so/an-binh/index.html");
	assert_non_null(strstr(row, "1.250"));
	char *tab = file(out, "tables/dan-so/index.html");
	assert_non_null(strstr(tab, "an-binh/"));
	/* Search finds the section by its words without diacritics. */
	char *ix = file(out, "search/index.js");
	assert_non_null(strstr(ix, "\"u\":\"muc-dich/\""));
	assert_non_null(strstr(ix, "gia dinh van hoa"));
	free(sec);
	free(row);
	free(tab);
	free(ix);
	ssg_diags_free(d);
	free(repo);
	free(out);
}

/* check (no OUT) reports a content error found while rendering. */
static void test_site_check_reports_what_build_would(void **state)
{
	(void)state;
	put("r/content/02-loi.md", "---\ntitle: \"Lỗi\"\n---\n{{table khong_co}}\n");
	fx_git_commit(base, "r", 3, "lỗi");
	char *repo = fx_path(base, "r");
	ssg_site_opts o = {.repo = repo};
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(ssg_site_build(&o, d), SSG_ERR_CONTENT);
	bool found = false;
	for (size_t i = 0; i < ssg_diags_count(d); i++) {
		const ssg_diag *g = ssg_diags_get(d, i);
		found = found || (g->path &&
				  strcmp(g->path, "content/02-loi.md") == 0 &&
				  g->line == 4 && strstr(g->msg, "khong_co"));
	}
	assert_true(found);
	ssg_diags_free(d);
	free(repo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_site_build_writes_pages_search_and_history),
		cmocka_unit_test(test_site_check_reports_what_build_would),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
