/* prov, alone: the newest commit that changed what a page shows, from a
 * fixture repository's history view. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fx_site.h"
#include "hview.h"
#include "prov.h"
#include "routes.h"

static fx_site f;
static ssg_routes *main_routes;
static char *oids[3]; /* the commits' ids, oldest first */

#define put(rel, data) fx_put(f.base, rel, data)
#define run(...) fx_run(f.base, __VA_ARGS__)

static const char *const IND_HEAD =
	"id,name,unit,baseline,target\n";

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "prov"))
		return -1;
	run("git init -q -b main r");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nX.\n");
	put("r/content/01-a.md", "---\ntitle: \"A\"\n---\nMột.\n");
	put("r/content/02-b.md", "---\ntitle: \"B\"\n---\nHai.\n");
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "%s1,Một,%%,1,2\n2,Hai,%%,3,4\n", IND_HEAD);
	put("r/data/indicators.csv", b.data);
	put("r/data/t.csv", "id,v\n1,a\n");
	fx_git_commit(f.base, "r", 1, "ban hành");
	/* Commit 1: page A and indicator 2 only. */
	put("r/content/01-a.md", "---\ntitle: \"A\"\n---\nMột ba.\n");
	ssg_buf_clear(&b);
	ssg_buf_printf(&b, "%s1,Một,%%,1,2\n2,Hai,%%,3,5\n", IND_HEAD);
	put("r/data/indicators.csv", b.data);
	ssg_buf_fini(&b);
	fx_git_commit(f.base, "r", 2, "sửa");
	/* Commit 2: nothing a page shows. */
	put("r/README", "ghi chú\n");
	fx_git_commit(f.base, "r", 3, "ghi chú");
	for (int i = 0; i < 3; i++)
		oids[i] = fx_output(f.base, "git -C r rev-parse HEAD~%d",
				    2 - i);
	if (!fx_site_open(&f, NULL) || !fx_site_history(&f))
		return -1;
	main_routes = ssg_routes_main();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ssg_routes_free(main_routes);
	for (int i = 0; i < 3; i++)
		free(oids[i]);
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

/* The view of the site's first `end` commits. */
static ssg_hview *view(size_t end)
{
	ssg_hview_in in = {f.hist, end, f.tags, f.ntags, f.plan, main_routes,
			   NULL};
	return ssg_hview_new(&in);
}

static long row_of(const ssg_prov *p, const char *table, const char *key)
{
	const ssg_plan_table *t = ssg_plan_table_find(f.plan, table);
	assert_non_null(t);
	long r = ssg_plan_table_row(t, key);
	assert_true(r >= 0);
	return ssg_prov_row(p, t, (size_t)r);
}

static void test_prov_each_page_its_own_newest_commit(void **state)
{
	(void)state;
	ssg_hview *v = view(ssg_history_ncommits(f.hist));
	ssg_prov *p = ssg_prov_new(v);
	assert_int_equal(ssg_history_ncommits(f.hist), 3);
	/* The last commit changed nothing shown: no page names it. */
	assert_int_equal(ssg_prov_file(p, "content/01-a.md"), 1);
	assert_int_equal(ssg_prov_file(p, "content/02-b.md"), 0);
	assert_int_equal(ssg_prov_file(p, "content/_index.md"), 0);
	assert_int_equal(ssg_prov_file(p, "content/03-khong.md"), -1);
	assert_int_equal(ssg_prov_table(p, "indicators"), 1);
	assert_int_equal(ssg_prov_table(p, "t"), 0);
	assert_int_equal(ssg_prov_table(p, "khong"), -1);
	assert_int_equal(row_of(p, "indicators", "1"), 0);
	assert_int_equal(row_of(p, "indicators", "2"), 1);
	assert_int_equal(ssg_prov_max(-1, 0), 0);
	assert_int_equal(ssg_prov_max(2, 1), 2);
	ssg_prov_free(p);
	ssg_hview_free(v);
}

static void test_prov_shows_the_commit_on_the_page(void **state)
{
	(void)state;
	ssg_hview *v = view(ssg_history_ncommits(f.hist));
	ssg_prov *p = ssg_prov_new(v);
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_model_map(m);
	ssg_prov_show(p, page, -1);
	assert_null(ssg_value_get(page, "provenance"));
	ssg_prov_show(p, page, 1);
	const ssg_value *c = ssg_value_get(page, "provenance");
	assert_non_null(c);
	assert_ptr_equal(c, ssg_prov_commit(p, 1));
	assert_string_equal(ssg_value_get_str(c, "oid"), oids[1]);
	assert_null(ssg_prov_commit(p, -1));
	ssg_model_free(m);
	ssg_prov_free(p);
	ssg_hview_free(v);
}

/* A site of the first commit only (a revision copy's) knows nothing of
 * the later ones. */
static void test_prov_sees_only_the_site_commits(void **state)
{
	(void)state;
	ssg_hview *v = view(1);
	ssg_prov *p = ssg_prov_new(v);
	assert_int_equal(ssg_prov_file(p, "content/01-a.md"), 0);
	assert_int_equal(ssg_prov_table(p, "indicators"), 0);
	assert_int_equal(row_of(p, "indicators", "2"), 0);
	ssg_prov_free(p);
	ssg_hview_free(v);
}

static void test_prov_without_history_knows_no_commit(void **state)
{
	(void)state;
	assert_null(ssg_prov_new(NULL));
	assert_int_equal(ssg_prov_file(NULL, "content/01-a.md"), -1);
	assert_int_equal(ssg_prov_table(NULL, "indicators"), -1);
	assert_null(ssg_prov_commit(NULL, 0));
	ssg_prov_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prov_each_page_its_own_newest_commit),
		cmocka_unit_test(test_prov_shows_the_commit_on_the_page),
		cmocka_unit_test(test_prov_sees_only_the_site_commits),
		cmocka_unit_test(test_prov_without_history_knows_no_commit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
