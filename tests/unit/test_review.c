/*
 * Tests for review (and the key sets of plan.c it is given), on small
 * repositories made with the git CLI at fixed dates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "plan.h"
#include "repo.h"
#include "review.h"

static char base[64];
static int nrepo;
static char dir[96]; /* base/rNREPO, the current repository */
static ssg_repo *repo;
static ssg_snapshot *sa, *sb;
static ssg_review *rv;
static ssg_buf text;

/* Runs a shell script in the current fixture repository. */
#define sh(...) fx_run(dir, __VA_ARGS__)

/* A commit of everything at day n of July 2024. */
static void commit(int n)
{
	fx_git_july(n);
	sh("git add -A && git commit -q --allow-empty -m c%d", n);
}

static void open_repo(void)
{
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(ssg_repo_open(&repo, dir, d), SSG_OK);
	ssg_diags_free(d);
}

/* The review between revisions ra (NULL: nothing) and rb. */
static const ssg_review *review(const char *ra, const char *rb,
				const ssg_plan_keys *k)
{
	ssg_diags *d = ssg_diags_new();
	open_repo();
	if (ra)
		assert_int_equal(ssg_repo_snapshot(repo, ra, &sa, d), SSG_OK);
	assert_int_equal(ssg_repo_snapshot(repo, rb, &sb, d), SSG_OK);
	rv = ssg_review_new(sa, sb, k ? ssg_plan_keys_all(k) : NULL,
			    k ? ssg_plan_keys_count(k) : 0);
	ssg_diags_free(d);
	return rv;
}

static const char *term(bool color)
{
	ssg_buf_clear(&text);
	ssg_review_term(rv, NULL, "A", "B", color, &text);
	return ssg_buf_cstr(&text);
}

static int group_setup(void **state)
{
	(void)state;
	if (!fx_mkdtemp(base, sizeof(base), "review"))
		return -1;
	fx_git_isolate(base);
	fx_git_names("Nguyễn Văn A", "a@example.vn", "Nguyễn Văn A",
		     "a@example.vn");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

/* Each test gets a new repository with content/ and data/. */
static int setup(void **state)
{
	(void)state;
	nrepo++;
	snprintf(dir, sizeof(dir), "%s/r%d", base, nrepo);
	char cmd[512];
	snprintf(cmd, sizeof(cmd),
		 "git init -q -b main '%s' && mkdir -p '%s/content' '%s/data'",
		 dir, dir, dir);
	ssg_buf_init(&text);
	return system(cmd) == 0 ? 0 : -1;
}

/* Frees the review and what it was made from, for the next one. */
static void review_done(void)
{
	ssg_review_free(rv);
	ssg_snapshot_free(sa);
	ssg_snapshot_free(sb);
	ssg_repo_free(repo);
	rv = NULL;
	sa = sb = NULL;
	repo = NULL;
}

static int teardown(void **state)
{
	(void)state;
	review_done();
	ssg_buf_fini(&text);
	return 0;
}

/* ---- tests ---- */

static void test_review_target_changed_twice_is_one_net_change(void **state)
{
	(void)state;
	sh("printf 'id,target\\n5,90\\n6,3\\n' > data/indicators.csv");
	commit(1);
	sh("printf 'id,target\\n5,88\\n6,3\\n' > data/indicators.csv");
	commit(2);
	sh("printf 'id,target\\n5,89\\n6,3\\n' > data/indicators.csv");
	commit(3);
	review("HEAD~2", "HEAD", NULL);
	assert_int_equal(ssg_review_ntargets(rv), 1);
	const ssg_review_target *t = ssg_review_target_at(rv, 0);
	assert_string_equal(t->table->name, "indicators");
	assert_string_equal(t->event->key, "5");
	assert_string_equal(t->event->old, "90");
	assert_string_equal(t->event->new_, "89");
	assert_int_equal(ssg_review_ntables(rv), 1);
	const ssg_review_table *tb = ssg_review_table_at(rv, 0);
	assert_string_equal(tb->path, "data/indicators.csv");
	assert_int_equal(tb->kind, SSG_REVIEW_CHANGED);
	assert_int_equal(tb->problem, SSG_REVIEW_OK);
	assert_int_equal(ssg_row_events_count(tb->events), 1);
	assert_string_equal(term(false),
			    "Revised targets\n"
			    "  Các chỉ tiêu — id 5 Kế hoạch: 90 → 89\n"
			    "\n"
			    "Tables\n"
			    "Các chỉ tiêu (data/indicators.csv)\n"
			    "  id 5 Kế hoạch: 90 → 89\n");
}

/* Two revisions of different plan years are two plans: their target
 * changes are no revisions, and the review says so first.  Within one
 * year, or where a side names no year, they are. */
static void test_review_other_year_is_another_plan(void **state)
{
	(void)state;
	sh("printf -- '---\\nyear: \"2024\"\\n---\\n' > content/_index.md");
	sh("printf 'id,target\\n5,90\\n' > data/indicators.csv");
	commit(1);
	sh("printf 'id,target\\n5,89\\n' > data/indicators.csv");
	commit(2);
	sh("printf -- '---\\nyear: 2025\\n---\\n' > content/_index.md");
	sh("printf 'id,target\\n5,92\\n' > data/indicators.csv");
	commit(3);
	review("HEAD~1", "HEAD", NULL);
	assert_true(ssg_review_other_plan(rv));
	assert_string_equal(ssg_review_period(rv, false), "2024");
	assert_string_equal(ssg_review_period(rv, true), "2025");
	assert_int_equal(ssg_review_ntargets(rv), 0);
	const char *t = term(false);
	assert_non_null(strstr(t, "A belongs to the plan for 2024, B to the "
				  "plan for 2025: these are two different "
				  "plans, not a revision.\n"));
	assert_null(strstr(t, "Revised targets"));
	assert_non_null(strstr(t, "id 5 Kế hoạch: 89 → 92"));
	review_done();
	review("HEAD~2", "HEAD~1", NULL);
	assert_false(ssg_review_other_plan(rv));
	assert_int_equal(ssg_review_ntargets(rv), 1);
	assert_null(strstr(term(false), "different plans"));
	review_done();
	review(NULL, "HEAD", NULL); /* from nothing: no year on that side */
	assert_false(ssg_review_other_plan(rv));
	assert_null(ssg_review_period(rv, false));
}

static void test_review_change_undone_is_no_difference(void **state)
{
	(void)state;
	sh("printf 'id,target\\n5,90\\n' > data/indicators.csv");
	commit(1);
	sh("printf 'id,target\\n5,88\\n' > data/indicators.csv");
	commit(2);
	sh("printf 'id,target\\n5,90\\n' > data/indicators.csv");
	commit(3);
	review("HEAD~2", "HEAD", NULL);
	assert_int_equal(ssg_review_ntables(rv), 0);
	assert_int_equal(ssg_review_ntargets(rv), 0);
	assert_string_equal(term(false), "No differences in content/ or data/ "
					 "between A and B.\n");
}

static void test_review_empty_side_adds_everything(void **state)
{
	(void)state;
	sh("printf 'id,target\\n5,90\\n' > data/indicators.csv && "
	   "printf 'Một câu.\\n' > content/01-a.md");
	commit(1);
	review(NULL, "HEAD", NULL);
	assert_int_equal(ssg_review_ntargets(rv), 0);
	const ssg_review_table *t = ssg_review_table_at(rv, 0);
	assert_int_equal(t->kind, SSG_REVIEW_ADDED);
	const ssg_row_event *e = ssg_row_events_get(t->events, 0);
	assert_int_equal(e->kind, SSG_EV_ADDED);
	assert_string_equal(e->key, "5");
	assert_int_equal(ssg_review_npages(rv), 1);
	const ssg_review_page *p = ssg_review_page_at(rv, 0);
	assert_string_equal(p->path, "content/01-a.md");
	assert_int_equal(p->kind, SSG_REVIEW_ADDED);
	assert_int_equal(ssg_diff_words_count(p->diff), 1);
	assert_int_equal(ssg_diff_words_seg(p->diff, 0)->op, SSG_DIFF_INSERT);
}

static void test_review_unreadable_side_is_named(void **state)
{
	(void)state;
	sh("printf 'id,title\\n1,a\\n' > data/tasks.csv");
	commit(1);
	sh("printf 'id,title\\n1,a\\n2\\n' > data/tasks.csv");
	commit(2);
	review("HEAD~1", "HEAD", NULL);
	const ssg_review_table *t = ssg_review_table_at(rv, 0);
	assert_int_equal(t->problem, SSG_REVIEW_UNREADABLE_B);
	assert_null(t->events);
	assert_non_null(t->error);
	assert_string_equal(t->error->path, "data/tasks.csv");
	assert_int_equal(t->error->line, 3);
	assert_non_null(strstr(term(false), "  data/tasks.csv cannot be read "
					    "at B: data/tasks.csv:3:"));
}

static void test_review_duplicate_keys_cannot_be_matched(void **state)
{
	(void)state;
	sh("printf 'a,b\\n1,2\\n' > data/t.csv");
	commit(1);
	sh("printf 'a,b\\n1,2\\n1,3\\n' > data/t.csv");
	commit(2);
	review("HEAD~1", "HEAD", NULL);
	const ssg_review_table *t = ssg_review_table_at(rv, 0);
	assert_int_equal(t->problem, SSG_REVIEW_UNMATCHED);
	assert_non_null(strstr(t->error->msg, "duplicate key"));
	assert_non_null(strstr(term(false), "  rows cannot be matched: "
					    "data/t.csv:3:1: duplicate key"));
}

static void test_review_nfc_only_page_change_not_listed(void **state)
{
	(void)state;
	/* "ệ" precomposed, then as e + combining marks. */
	sh("printf 'Vi\\341\\273\\207t\\n' > content/01-a.md");
	commit(1);
	sh("printf 'Vie\\314\\243\\314\\202t\\n' > content/01-a.md");
	commit(2);
	review("HEAD~1", "HEAD", NULL);
	assert_int_equal(ssg_review_npages(rv), 0);
}

static void test_review_plan_keys_match_composite_rows(void **state)
{
	(void)state;
	sh("printf 'province,commune,pop\\nA,X,1\\nB,X,2\\n' > "
	   "data/communes.csv && printf '{\"resources\":[{\"name\":"
	   "\"communes\",\"schema\":{\"primaryKey\":[\"province\","
	   "\"commune\"]}}]}' > data/datapackage.json");
	commit(1);
	sh("printf 'province,commune,pop\\nA,X,1\\nB,X,3\\n' > "
	   "data/communes.csv");
	commit(2);
	open_repo();
	ssg_plan_keys *k = ssg_plan_keys_load(repo, "HEAD", NULL);
	const ssg_history_key *hk = ssg_plan_keys_find(k, "communes");
	assert_non_null(hk);
	assert_int_equal(hk->ncols, 2);
	ssg_repo_free(repo);
	repo = NULL;
	review("HEAD~1", "HEAD", k);
	const ssg_review_table *t = ssg_review_table_at(rv, 0);
	assert_int_equal(ssg_row_events_count(t->events), 1);
	assert_string_equal(ssg_row_events_get(t->events, 0)->key, "B|X");
	ssg_plan_keys_free(k);
}

static void test_review_plan_keys_overrides_first(void **state)
{
	(void)state;
	sh("printf 'id,name\\n1,a\\n' > data/t.csv && "
	   "printf 'id,name\\n1,a\\n' > data/u.csv");
	commit(1);
	open_repo();
	const char *cols[] = {"name"};
	ssg_key_override over = {"t", cols, 1};
	ssg_plan_opts o = {&over, 1};
	ssg_plan_keys *k = ssg_plan_keys_load(repo, NULL, &o);
	assert_int_equal(ssg_plan_keys_count(k), 2);
	assert_string_equal(ssg_plan_keys_all(k)[0].table, "t");
	assert_ptr_equal(ssg_plan_keys_all(k)[0].cols, cols);
	assert_string_equal(ssg_plan_keys_find(k, "u")->cols[0], "id");
	ssg_plan_keys_free(k);
	/* A revision that cannot be read leaves the overrides only. */
	k = ssg_plan_keys_load(repo, "nope", &o);
	assert_int_equal(ssg_plan_keys_count(k), 1);
	ssg_plan_keys_free(k);
}

static void test_review_term_colour_and_control_characters(void **state)
{
	(void)state;
	sh("printf 'id,target\\n5,90\\n' > data/indicators.csv && "
	   "printf 'a\\nb\\nc\\nd\\ne\\nf\\ng\\nh\\n' > content/01-a.md");
	commit(1);
	sh("printf 'id,target\\n5,\\033[2J\\n' > data/indicators.csv && "
	   "printf 'A\\nb\\nc\\nd\\ne\\nf\\ng\\nH\\n' > content/01-a.md");
	commit(2);
	review("HEAD~1", "HEAD", NULL);
	const char *plain = term(false);
	assert_null(strchr(plain, '\033'));
	assert_non_null(strstr(plain, "  Các chỉ tiêu — id 5 Kế hoạch: 90 → ^[[2J\n"));
	/* Two hunks with their context, "…" between them. */
	assert_non_null(strstr(plain, "Narrative\ncontent/01-a.md\n"
				      "  [-a-]{+A+}\n  b\n  c\n  …\n  f\n  g\n"
				      "  [-h-]{+H+}\n"));
	const char *col = term(true);
	assert_non_null(strstr(col, "\033[1mRevised targets\033[0m\n"));
	assert_non_null(strstr(col, "Kế hoạch: \033[31m90\033[0m → "
				    "\033[32m^[[2J\033[0m"));
}

/* `ssg diff` names each row it shows changed and gives the reason of a
 * revised target: the commit between the two revisions that made it
 * (the last of two), not one before them. */
static void test_review_names_rows_and_gives_reasons(void **state)
{
	(void)state;
	sh("printf 'id,name,target\\n5,Tỷ lệ gia đình văn hóa,90\\n' > "
	   "data/indicators.csv");
	sh("printf 'id,name,v\\n06253,Thị trấn Bắc Sơn,1\\n' > "
	   "data/communes.csv");
	commit(1);
	sh("sed -i 's/,90$/,80/' data/indicators.csv");
	commit(2);
	sh("sed -i 's/,80$/,88/' data/indicators.csv");
	sh("sed -i 's/,1$/,2/' data/communes.csv");
	commit(3);
	sh("sed -i 's/,88$/,89/' data/indicators.csv");
	commit(4);
	review("HEAD~2", "HEAD", NULL);
	assert_int_equal(ssg_review_ntargets(rv), 1);
	const ssg_review_target *t = ssg_review_target_at(rv, 0);
	assert_string_equal(t->label, "Tỷ lệ gia đình văn hóa");
	ssg_history *h = NULL;
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(ssg_history_load(&h, repo, NULL, NULL, 0, NULL, d),
			 SSG_OK);
	ssg_diags_free(d);
	/* Between HEAD~2 (commit 1 of 0..3) and HEAD: commits 2 and 3. */
	const ssg_hcommit *why = ssg_review_target_commit(t, h, 1, 3);
	assert_non_null(why);
	assert_string_equal(why->summary, "c4");
	/* Before the first revision, none. */
	assert_null(ssg_review_target_commit(t, h, 3, 3));
	assert_string_equal(ssg_review_target_commit(t, h, -1, 1)->summary,
			    "c2");
	ssg_buf_clear(&text);
	ssg_review_term(rv, &why, "A", "B", false, &text);
	ssg_buf want;
	ssg_buf_init(&want);
	ssg_buf_printf(&want,
		       "Revised targets\n"
		       "  Các chỉ tiêu — id 5 “Tỷ lệ gia đình văn hóa” "
		       "Kế hoạch: 80 → 89\n"
		       "    changed in %s on 2024-07-04: c4\n"
		       "\n"
		       "Tables\n"
		       "data/communes.csv\n"
		       "  id 06253 “Thị trấn Bắc Sơn” v: 1 → 2\n",
		       why->short_oid);
	assert_true(strncmp(ssg_buf_cstr(&text), ssg_buf_cstr(&want),
			    want.len) == 0);
	ssg_buf_fini(&want);
	ssg_history_free(h);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_review_target_changed_twice_is_one_net_change),
		T(test_review_other_year_is_another_plan),
		T(test_review_change_undone_is_no_difference),
		T(test_review_empty_side_adds_everything),
		T(test_review_unreadable_side_is_named),
		T(test_review_duplicate_keys_cannot_be_matched),
		T(test_review_nfc_only_page_change_not_listed),
		T(test_review_plan_keys_match_composite_rows),
		T(test_review_plan_keys_overrides_first),
		T(test_review_term_colour_and_control_characters),
		T(test_review_names_rows_and_gives_reasons),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
