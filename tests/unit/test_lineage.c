/* lineage: rows merged, split and removed, from a fixture repository's
 * history and plan, fed as hview feeds it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "fx_history.h"
#include "lineage.h"

static char base[64];
static ssg_repo *repo;
static ssg_history *hist;
static ssg_snapshot *snap;
static ssg_plan *plan;
static ssg_lineage *lin;
static const ssg_plan_table *xa;

#define run(...) fx_run(base, __VA_ARGS__)
#define put(rel, data) fx_put(base, rel, data)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(base, sizeof(base), "lineage"))
		return -1;
	run("git init -q -b main r");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nX.\n");
	/* 1 July: four communes.  The key is the code (first column), the
	 * name is `ten`. */
	put("r/data/xa.csv", "ma,ten,so_ho\n06253,Xã A,120\n06256,Xã B,90\n"
			     "06259,Xã C,80\n06262,Xã D,300\n");
	fx_git_commit(base, "r", 1, "Danh sách xã");
	/* 2 July: A, B and C merged into 26001. */
	put("r/data/xa.csv", "ma,ten,so_ho,replaces\n06262,Xã D,300,\n"
			     "26001,Xã A mới,290,06253; 06256;06259\n");
	fx_git_commit(base, "r", 2, "Sáp nhập");
	/* 3 July: D split into two. */
	put("r/data/xa.csv", "ma,ten,so_ho,replaces\n"
			     "26001,Xã A mới,290,06253; 06256;06259\n"
			     "27001,Xã D1,150,06262\n27002,Xã D2,150,06262\n");
	fx_git_commit(base, "r", 3, "Chia tách");
	/* 4 July: 26001 is said to take part of D too, and 27002 names a
	 * key no row ever had, and itself. */
	put("r/data/xa.csv", "ma,ten,so_ho,replaces\n"
			     "26001,Xã A mới,290,06253; 06256;06259;06262\n"
			     "27001,Xã D1,150,06262\n"
			     "27002,Xã D2,150,06262;09999;27002\n");
	fx_git_commit(base, "r", 4, "Bổ sung");
	/* 5 July: D1 removed; it still replaced D. */
	put("r/data/xa.csv", "ma,ten,so_ho,replaces\n"
			     "26001,Xã A mới,290,06253; 06256;06259;06262\n"
			     "27002,Xã D2,150,06262;09999;27002\n");
	fx_git_commit(base, "r", 5, "Bỏ D1");
	int rc = fx_load_plan(base, "r", &repo, &hist, &snap, &plan);
	if (rc != SSG_OK)
		return -1;
	xa = ssg_plan_table_find(plan, "xa");
	/* As hview feeds it: every event with a key, oldest first. */
	lin = ssg_lineage_new(plan, hist);
	for (size_t i = 0; i < ssg_history_nevents(hist); i++) {
		const ssg_hev *e = ssg_history_event(hist, i);
		const ssg_plan_table *t = ssg_plan_table_find(plan, e->table);
		if (t && e->key)
			ssg_lineage_event(lin, t, ssg_plan_table_row(t, e->key),
					  i);
	}
	ssg_lineage_seal(lin);
	return xa ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ssg_lineage_free(lin);
	ssg_plan_free(plan);
	ssg_snapshot_free(snap);
	ssg_history_free(hist);
	ssg_repo_free(repo);
	return fx_rmtree(base);
}

/* The commit (1-5: day of July) of event ev. */
static int day_of(long ev)
{
	assert_true(ev >= 0);
	const ssg_hev *e = ssg_history_event(hist, (size_t)ev);
	return (int)e->commit + 1;
}

/* A removed row keeps its events, and says when it was removed. */
static void test_lineage_removed_rows_keep_their_events(void **state)
{
	(void)state;
	assert_int_equal(ssg_lineage_nformer(lin, xa), 5);
	static const char *const keys[] = {"06253", "06256", "06259", "06262",
					   "27001"};
	static const int removed_on[] = {2, 2, 2, 3, 5};
	for (size_t i = 0; i < 5; i++) {
		const ssg_lineage_former *f = ssg_lineage_former_at(lin, xa, i);
		assert_string_equal(f->key, keys[i]);
		assert_int_equal(f->nevents, 2); /* added, removed */
		assert_int_equal(ssg_history_event(hist, f->events[0])->kind,
				 SSG_HEV_ADDED);
		assert_int_equal(day_of(f->removed), removed_on[i]);
		assert_int_equal(ssg_lineage_former_find(lin, xa, keys[i]),
				 (long)i);
	}
	/* Rows of the table are not removed ones. */
	assert_int_equal(ssg_lineage_former_find(lin, xa, "26001"), -1);
	assert_int_equal(ssg_lineage_former_find(lin, xa, "09999"), -1);
}

/* A row is known by its name column, in the table or as it last stood. */
static void test_lineage_names_from_table_or_last_version(void **state)
{
	(void)state;
	assert_string_equal(ssg_lineage_name(lin, xa, "26001"), "Xã A mới");
	assert_string_equal(ssg_lineage_name(lin, xa, "06256"), "Xã B");
	assert_string_equal(ssg_lineage_name(lin, xa, " 06262 "), "Xã D");
	assert_string_equal(ssg_lineage_name(lin, xa, "27001"), "Xã D1");
	assert_null(ssg_lineage_name(lin, xa, "09999"));
}

static void expect_links(const char *key, bool replacing,
			 const char *const *keys, const int *days, size_t n)
{
	const ssg_lineage_link *const *l;
	size_t got = ssg_lineage_links(lin, xa, key, replacing, &l);
	if (got != n)
		fail_msg("%s: %zu links, wanted %zu", key, got, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(replacing ? l[i]->of : l[i]->by, keys[i]);
		assert_string_equal(replacing ? l[i]->by : l[i]->of, key);
		assert_int_equal(day_of(l[i]->event), days[i]);
	}
}

/* Both ways, in the cells' order, each dated by the commit that wrote
 * that key into the row's cell (a key added later, on its own day). */
static void test_lineage_links_both_ways_with_their_dates(void **state)
{
	(void)state;
	expect_links("26001", true,
		     (const char *const[]){"06253", "06256", "06259", "06262"},
		     (const int[]){2, 2, 2, 4}, 4);
	expect_links("06256", false, (const char *const[]){"26001"},
		     (const int[]){2}, 1);
	/* The split: D is replaced by three rows, one of them later, one
	 * removed since (its last version says so), after the table's. */
	expect_links("06262", false,
		     (const char *const[]){"26001", "27002", "27001"},
		     (const int[]){4, 3, 3}, 3);
	/* A key no row had is still a link (shown without one); a row
	 * naming itself is not. */
	expect_links("27002", true, (const char *const[]){"06262", "09999"},
		     (const int[]){3, 4}, 2);
	assert_true(ssg_lineage_has_links(lin, xa));
	const ssg_lineage_link *const *l;
	assert_int_equal(ssg_lineage_links(lin, xa, "27002", false, &l), 0);
}

/* check: each key of a `replaces` cell that no row ever had, and a row
 * naming itself, at the key's line and column; known keys, removed or
 * not, are fine. */
static void test_lineage_check_unknown_keys_where_they_are(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_lineage_check(lin, snap, d);
	assert_int_equal(ssg_diags_count(d), 2);
	const ssg_diag *a = ssg_diags_get(d, 0), *b = ssg_diags_get(d, 1);
	assert_int_equal(a->sev, SSG_SEV_WARNING);
	assert_string_equal(a->path, "data/xa.csv");
	/* "27002,Xã D2,150,06262;09999;27002": 09999 at column 23. */
	assert_int_equal(a->line, 3);
	assert_int_equal(a->col, 23);
	assert_non_null(strstr(a->msg, "'09999'"));
	assert_int_equal(b->line, 3);
	assert_int_equal(b->col, 29);
	assert_non_null(strstr(b->msg, "names itself"));
	ssg_diags_free(d);
}

typedef struct {
	char keys[4][8];
	size_t offs[4];
	size_t n;
} parts;

static void add_part(void *ctx, const char *key, size_t len, size_t off)
{
	parts *g = ctx;
	if (g->n < 4 && len < 8) {
		memcpy(g->keys[g->n], key, len);
		g->offs[g->n++] = off;
	}
}

static void test_lineage_split_trims_and_skips_empty(void **state)
{
	(void)state;
	static const char cell[] = " a ;;b; ;c|d ";
	parts got = {0};
	ssg_lineage_split(cell, strlen(cell), add_part, &got);
	assert_int_equal(got.n, 3);
	assert_string_equal(got.keys[0], "a");
	assert_string_equal(got.keys[1], "b");
	assert_string_equal(got.keys[2], "c|d");
	assert_int_equal(got.offs[0], 1);
	assert_int_equal(got.offs[2], 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lineage_removed_rows_keep_their_events),
		cmocka_unit_test(test_lineage_names_from_table_or_last_version),
		cmocka_unit_test(test_lineage_links_both_ways_with_their_dates),
		cmocka_unit_test(test_lineage_check_unknown_keys_where_they_are),
		cmocka_unit_test(test_lineage_split_trims_and_skips_empty),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
