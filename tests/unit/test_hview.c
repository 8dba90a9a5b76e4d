/* hview: a history as read-only values, alone (a fixture repository, its
 * history and its plan; no site). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "copies.h"
#include "fixture.h"
#include "fx_history.h"
#include "hview.h"
#include "years.h"

static char base[64];
static ssg_repo *repo;
static ssg_history *hist;
static ssg_snapshot *snap;
static ssg_plan *plan;
static char *shorts[3]; /* the commits' short ids, oldest first */
/* A second repository, p, keeping two plan years (plan_years). */
static ssg_repo *prepo;
static ssg_history *phist;
static ssg_snapshot *psnap;
static ssg_plan *pplan;

#define run(...) fx_run(base, __VA_ARGS__)
#define put(rel, data) fx_put(base, rel, data)

static const char ind_head[] = "id,name,unit,baseline,target,result\n";

/* datapackage.json naming the indicators and their target as of `when`. */
static void put_package(const char *when)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b,
		       "{\"resources\": [{\"path\": \"indicators.csv\", "
		       "\"title\": \"Chỉ tiêu %s\", \"schema\": {\"fields\": "
		       "[{\"name\": \"target\", \"title\": \"Mục tiêu %s\"}]}}]}\n",
		       when, when);
	put("r/data/datapackage.json", ssg_buf_cstr(&b));
	ssg_buf_fini(&b);
}

/* Repository p, a commit a day in July 2024 (only `year` tells the
 * plans apart):
 *   1  2024 plan: target 20                    (tagged: its publication)
 *   2  2024 result 12
 *   3  2024 target revised 20 → 22, result corrected to 13
 *   4  2025 plan: target 30, result cleared    (opens 2025; tagged)
 *   5  2025 target revised 30 → 35
 *   6  2025 result 15 */
static int plan_years(void)
{
	static const char *const years[] = {"2024", "2024", "2024",
					    "2025", "2025", "2025"};
	static const char *const rows[] = {"1,A,%,10,20,\n", "1,A,%,10,20,12\n",
					   "1,A,%,10,22,13\n", "1,A,%,12,30,\n",
					   "1,A,%,12,35,\n", "1,A,%,12,35,15\n"};
	run("git init -q -b main p");
	for (int i = 0; i < 6; i++) {
		ssg_buf b;
		ssg_buf_init(&b);
		ssg_buf_printf(&b, "---\ntitle: \"Kế hoạch\"\nyear: \"%s\"\n---\nX.\n",
			       years[i]);
		put("p/content/_index.md", ssg_buf_cstr(&b));
		ssg_buf_clear(&b);
		ssg_buf_printf(&b, "%s%s", ind_head, rows[i]);
		put("p/data/indicators.csv", ssg_buf_cstr(&b));
		ssg_buf_fini(&b);
		fx_git_commit(base, "p", i + 1, "p");
	}
	return fx_load_plan(base, "p", &prepo, &phist, &psnap, &pplan);
}

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(base, sizeof(base), "hview"))
		return -1;
	run("git init -q -b main r");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nX.\n");
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result\n1,A,%,10,20,\n");
	put("r/data/t.csv", "id,v\n1,a\n2,b\n");
	put_package("cũ");
	fx_git_commit(base, "r", 1, "đầu");
	/* 2 July: a result, the target revised, a row of t changed. */
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "%s1,A,%%,10,25,12\n", ind_head);
	put("r/data/indicators.csv", ssg_buf_cstr(&b));
	ssg_buf_fini(&b);
	put("r/data/t.csv", "id,v\n1,a2\n2,b\n");
	fx_git_commit(base, "r", 2, "hai");
	put("r/data/t.csv", "id,v\n1,a3\n");
	put_package("mới"); /* the titles of today, not of commit 2's events */
	fx_git_commit(base, "r", 3, "ba");
	for (int i = 0; i < 3; i++)
		shorts[i] = fx_output(base, "git -C r rev-parse --short=7 HEAD~%d",
				      2 - i);
	int rc = fx_load_plan(base, "r", &repo, &hist, &snap, &plan);
	if (rc == SSG_OK)
		rc = plan_years();
	return rc == SSG_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ssg_plan_free(plan);
	ssg_snapshot_free(snap);
	ssg_history_free(hist);
	ssg_repo_free(repo);
	ssg_plan_free(pplan);
	ssg_snapshot_free(psnap);
	ssg_history_free(phist);
	ssg_repo_free(prepo);
	for (int i = 0; i < 3; i++)
		free(shorts[i]);
	return fx_rmtree(base);
}

/* One tag on commit c of h (none when c < 0), in *t: a view borrows
 * it for as long as it lives. */
static size_t tag_on(ssg_tag_info *t, const ssg_history *h, long c)
{
	memset(t, 0, sizeof(*t));
	if (c < 0)
		return 0;
	t->name = "v";
	snprintf(t->target, sizeof t->target, "%s",
		 ssg_history_commit(h, (size_t)c)->oid);
	return 1;
}

static ssg_tag_info pub_tag;

/* The main site's view; publication (a tag) at commit `pub`. */
static ssg_hview *main_view(const ssg_routes *r, long pub)
{
	size_t nt = tag_on(&pub_tag, hist, pub);
	ssg_hview_in in = {hist, 3, &pub_tag, nt, plan, r, NULL};
	return ssg_hview_new(&in);
}

static const char *str(const ssg_value *v, const char *key)
{
	const char *s = ssg_value_str(ssg_value_get(v, key));
	return s ? s : "(none)";
}

static void test_hview_commits_link_from_where_the_site_is(void **state)
{
	(void)state;
	ssg_routes *mr = ssg_routes_main(), *cr = ssg_routes_copy("v1");
	ssg_hview *mv = main_view(mr, 1);
	ssg_hview_in in = {hist, 2, &pub_tag, 1, plan, cr, mv};
	ssg_hview *cv = ssg_hview_new(&in);
	char want[64];
	snprintf(want, sizeof want, "changes/%s/", shorts[1]);
	assert_string_equal(str(ssg_hview_commit(mv, 1), "url"), want);
	snprintf(want, sizeof want, "../../../changes/%s/", shorts[1]);
	assert_string_equal(str(ssg_hview_commit(cv, 1), "url"), want);
	/* The copy's commit is the main site's in all but its link. */
	assert_string_equal(str(ssg_hview_commit(cv, 1), "summary"), "hai");
	assert_ptr_equal(ssg_value_get(ssg_hview_commit(cv, 1), "message"),
			 ssg_value_get(ssg_hview_commit(mv, 1), "message"));
	/* Values the commits share: a one-line message is its summary,
	 * an empty body one value, one author's name one value. */
	const ssg_value *c0 = ssg_hview_commit(mv, 0),
			*c2 = ssg_hview_commit(mv, 2);
	assert_ptr_equal(ssg_value_get(c0, "message"),
			 ssg_value_get(c0, "summary"));
	assert_string_equal(str(c0, "body"), "");
	assert_ptr_equal(ssg_value_get(c0, "body"), ssg_value_get(c2, "body"));
	assert_ptr_equal(ssg_value_get(c0, "author"),
			 ssg_value_get(c2, "author"));
	assert_false(ssg_value_bool(
		ssg_value_get(ssg_hview_commit(mv, 0), "published")));
	assert_true(ssg_value_bool(
		ssg_value_get(ssg_hview_commit(mv, 2), "published")));
	ssg_hview_free(cv);
	ssg_hview_free(mv);
	ssg_routes_free(cr);
	ssg_routes_free(mr);
}

/* What a page thread reads of a view's commits: each field, and the
 * values read. */
typedef struct {
	const ssg_hview *v;
	size_t n;
	pthread_barrier_t *go;
	const ssg_value *msg[3];
	const ssg_value *day[3];
} reader;

static void *read_commits(void *arg)
{
	reader *r = arg;
	pthread_barrier_wait(r->go); /* all at once, to race */
	for (size_t i = r->n; i-- > 0;) {
		const ssg_value *c = ssg_hview_commit(r->v, i);
		r->msg[i] = ssg_value_get(c, "message");
		r->day[i] = ssg_value_get(c, "day");
		for (size_t k = 0; k < ssg_value_len(c); k++)
			(void)ssg_value_at(c, k);
	}
	return NULL;
}

/* The value of commit i made again, eagerly: a map over its base for a
 * copy's (whose entries are its own only). */
static void digest_of_made(const ssg_value *c, const ssg_value *under,
			   unsigned char sum[32])
{
	ssg_model *m = ssg_model_new();
	ssg_value *e = under ? ssg_model_map_over(m, under) : ssg_model_map(m);
	for (size_t k = 0; k < ssg_value_len(c); k++)
		ssg_map_set(e, ssg_value_key_at(c, k), ssg_value_at(c, k));
	ssg_buf b;
	ssg_buf_init(&b);
	assert_true(ssg_value_frame_sum(e, &b, sum));
	ssg_buf_fini(&b);
	ssg_model_free(m);
}

/* Commit values are made when first read, by whichever of two page
 * threads reads first, once (the same values for both); a page's key
 * frames each by the digest of what it is made as, made or not. */
static void test_hview_commits_made_once_when_read(void **state)
{
	(void)state;
	ssg_routes *mr = ssg_routes_main(), *cr = ssg_routes_copy("v1");
	ssg_hview *mv = main_view(mr, 1);
	ssg_hview_in in = {hist, 2, &pub_tag, 1, plan, cr, mv};
	ssg_hview *cv = ssg_hview_new(&in);
	ssg_buf f;
	ssg_buf_init(&f);
	unsigned char before[2][32];
	for (size_t i = 0; i < 2; i++) {
		const ssg_hview *v = i ? cv : mv;
		ssg_buf_clear(&f);
		assert_true(ssg_value_frame(ssg_hview_commit(v, 1), &f));
		assert_int_equal(f.len, 33);
		memcpy(before[i], f.data + 1, 32);
	}
	/* Fresh views each round: the first readings race. */
	for (int round = 0; round < 20; round++) {
		ssg_hview *v0 = main_view(mr, 1);
		ssg_hview_in in0 = {hist, 2, &pub_tag, 1, plan, cr, v0};
		ssg_hview *v1 = ssg_hview_new(&in0);
		pthread_barrier_t go;
		pthread_barrier_init(&go, NULL, 4);
		reader r[4] = {{v0, 3, &go, {0}, {0}}, {v0, 3, &go, {0}, {0}},
			       {v1, 2, &go, {0}, {0}}, {v1, 2, &go, {0}, {0}}};
		pthread_t t[4];
		for (size_t k = 0; k < 4; k++)
			assert_int_equal(pthread_create(&t[k], NULL,
							read_commits, &r[k]),
					 0);
		for (size_t k = 0; k < 4; k++)
			assert_int_equal(pthread_join(t[k], NULL), 0);
		pthread_barrier_destroy(&go);
		for (size_t i = 0; i < 3; i++) {
			assert_non_null(r[0].msg[i]);
			assert_ptr_equal(r[0].msg[i], r[1].msg[i]);
			assert_ptr_equal(r[0].day[i], r[1].day[i]);
			if (i < 2)
				assert_ptr_equal(r[2].msg[i], r[0].msg[i]);
		}
		/* A day a commit each: a value each. */
		assert_ptr_not_equal(r[0].day[0], r[0].day[2]);
		assert_ptr_equal(r[2].day[1], r[0].day[1]);
		ssg_hview_free(v1);
		ssg_hview_free(v0);
	}
	unsigned char made[32];
	digest_of_made(ssg_hview_commit(mv, 1), NULL, made);
	assert_memory_equal(made, before[0], 32);
	digest_of_made(ssg_hview_commit(cv, 1), ssg_hview_commit(mv, 1), made);
	assert_memory_equal(made, before[1], 32);
	ssg_buf_clear(&f);
	assert_true(ssg_value_frame(ssg_hview_commit(mv, 1), &f));
	assert_memory_equal(f.data + 1, before[0], 32);
	ssg_buf_fini(&f);
	ssg_hview_free(cv);
	ssg_hview_free(mv);
	ssg_routes_free(cr);
	ssg_routes_free(mr);
}

/* A history of n commits 50 minutes apart in repository `name`, each
 * setting indicator 1's result and row 1's of table xa to its number;
 * table xa renamed xa-moi by commit `moved` (none when negative), which
 * changes nothing else. */
static void long_repo(const char *name, int n, int moved)
{
	static const char index_md[] = "---\ntitle: T\n---\nX.\n";
	char path[128];
	snprintf(path, sizeof(path), "%s/%s.stream", base, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	for (int k = 0; k < n; k++) {
		char data[160];
		fprintf(fp, "commit refs/heads/main\nmark :%d\n", k + 1);
		for (int w = 0; w < 2; w++)
			fprintf(fp, "%s A <a@example.vn> %d +0700\n",
				w ? "committer" : "author", 1719800000 + k * 3000);
		fprintf(fp, "data 4\nc%03d\n", k % 1000);
		if (k)
			fprintf(fp, "from :%d\n", k);
		else
			fprintf(fp, "M 100644 inline content/_index.md\n"
				    "data %zu\n%s\n", strlen(index_md), index_md);
		int v = k == moved ? k - 1 : k;
		if (k != moved) {
			snprintf(data, sizeof(data), "%s1,A,%%,10,20,%d\n",
				 ind_head, v);
			fprintf(fp, "M 100644 inline data/indicators.csv\n"
				    "data %zu\n%s\n", strlen(data), data);
		}
		if (k == moved)
			fprintf(fp, "D data/xa.csv\n");
		snprintf(data, sizeof(data), "id,name,result\n1,A,%d\n", v);
		fprintf(fp, "M 100644 inline data/%s.csv\ndata %zu\n%s\n",
			moved >= 0 && k >= moved ? "xa-moi" : "xa",
			strlen(data), data);
	}
	fclose(fp);
	run("git init -q -b main %s && cd %s && "
	    "git fast-import --quiet < ../%s.stream", name, name, name);
}

/* A repository of base loaded: its history, snapshot and plan. */
typedef struct {
	ssg_repo *r;
	ssg_history *h;
	ssg_snapshot *sn;
	ssg_plan *p;
} loaded;

static loaded load(const char *rel)
{
	loaded l = {NULL, NULL, NULL, NULL};
	assert_int_equal(fx_load_plan(base, rel, &l.r, &l.h, &l.sn, &l.p),
			 SSG_OK);
	return l;
}

static void unload(loaded *l)
{
	ssg_plan_free(l->p);
	ssg_snapshot_free(l->sn);
	ssg_history_free(l->h);
	ssg_repo_free(l->r);
}

/* The digests of a long history's commits are made in chunks of 1,024 on
 * two threads: each is the digest of the commit's value as a page makes
 * it, days running across a chunk's end included (commits 50 minutes
 * apart), and commits of one day within a chunk share their day. */
static void test_hview_commit_digests_of_a_long_history(void **state)
{
	(void)state;
	enum { N = 2600 };
	long_repo("long", N, -1);
	loaded l = load("long");
	assert_int_equal(ssg_history_ncommits(l.h), N);
	ssg_routes *mr = ssg_routes_main();
	ssg_hview_in in = {l.h, N, NULL, 0, l.p, mr, NULL};
	ssg_hview *v = ssg_hview_new(&in);
	ssg_buf f;
	ssg_buf_init(&f);
	size_t shared = 0;
	for (size_t i = 0; i < N; i++) {
		const ssg_value *c = ssg_hview_commit(v, i);
		ssg_buf_clear(&f);
		assert_true(ssg_value_frame(c, &f)); /* the digest kept */
		assert_int_equal(f.len, 33);
		unsigned char made[32];
		digest_of_made(c, NULL, made);
		assert_memory_equal(made, f.data + 1, 32);
		const ssg_value *prev = i ? ssg_hview_commit(v, i - 1) : NULL;
		if (prev && i % 1024 &&
		    strcmp(str(prev, "iso"), str(c, "iso")) < 0 &&
		    !strncmp(str(prev, "iso"), str(c, "iso"), 10)) {
			assert_ptr_equal(ssg_value_get(prev, "day"),
					 ssg_value_get(c, "day"));
			shared++;
		}
	}
	assert_true(shared > N / 2); /* most commits share a day */
	ssg_buf_fini(&f);
	ssg_hview_free(v);
	ssg_routes_free(mr);
	unload(&l);
}

/* The keys of copies tagged on commits at[0..n) of the long history in
 * repository `name` (long_repo), published at at[0]; with `memo`,
 * through its store's ranges (copies.c).  Returns the ranges digested. */
static size_t copy_keys_memo(const char *name, const long *at, size_t n,
			     bool memo, char (*keys)[65])
{
	loaded l = load(name);
	ssg_history *h = l.h;
	ssg_plan *p = l.p;
	ssg_tag_info tags[4];
	char names[4][24];
	assert_true(n <= 4);
	for (size_t i = 0; i < n; i++) {
		tag_on(&tags[i], h, at[i]);
		snprintf(names[i], sizeof names[i], "v%zu", i);
		tags[i].name = names[i];
	}
	ssg_routes *mr = ssg_routes_main();
	ssg_hview_in in = {h, ssg_history_ncommits(h), tags, n, p, mr, NULL};
	ssg_hview *v = ssg_hview_new(&in);
	ssg_plan_opts po = {0};
	ssg_plan_keys *pk = ssg_plan_keys_new(p, &po);
	ssg_copies_in cin = {&po, false, pk, p, at[0], tags, n, h, v,
			     memo ? ssg_repo_gitdir(l.r) : NULL};
	size_t made = ssg_copies_keys(&cin, NULL, 0, keys);
	ssg_plan_keys_free(pk);
	ssg_hview_free(v);
	ssg_routes_free(mr);
	unload(&l);
	return made;
}

static void copy_keys(const char *name, const long *at, size_t n,
		      char (*keys)[65])
{
	assert_true(copy_keys_memo(name, at, n, false, keys) > 0);
}

/* A copy's key takes the history up to its tag, digested in ranges of
 * 2,048 commits on two threads: the same repository gives the same keys,
 * whatever tag comes after; a table renamed after the tags (which renames
 * their events, history.h, and the main site's table) gives others, for
 * a tag in the first range, on its last commit, and past it. */
static void test_hview_copy_keys_of_a_long_history(void **state)
{
	(void)state;
	enum { N = 2600 };
	long_repo("keys_a", N, -1);
	long_repo("keys_r", N, 2550); /* xa renamed after both tags */
	const long two[] = {2100, 2500}, whole[] = {2047}, part[] = {1000};
	char a[2][65], a1[1][65], r[2][65], wa[1][65], wr[1][65], pa[1][65],
		pr[1][65];
	copy_keys("keys_a", two, 2, a);
	copy_keys("keys_a", two, 1, a1);
	copy_keys("keys_r", two, 2, r);
	copy_keys("keys_a", whole, 1, wa);
	copy_keys("keys_r", whole, 1, wr);
	copy_keys("keys_a", part, 1, pa);
	copy_keys("keys_r", part, 1, pr);
	assert_string_not_equal(a[0], a[1]);
	assert_string_equal(a1[0], a[0]); /* a tag after it */
	/* The tags' commits are the same: only the history differs. */
	assert_string_not_equal(r[0], a[0]);
	assert_string_not_equal(r[1], a[1]);
	assert_string_not_equal(wr[0], wa[0]);
	assert_string_not_equal(pr[0], pa[0]);
	assert_string_not_equal(wa[0], a1[0]);
	/* Made again, on two threads again: the same. */
	char again[2][65];
	copy_keys("keys_a", two, 2, again);
	assert_string_equal(again[0], a[0]);
	assert_string_equal(again[1], a[1]);
}

/* The ranges' digests are kept in the store for the next build, and
 * taken only where they hold: on a chain that extends theirs with no
 * table renamed since, from a file whole.  The keys are those made
 * without them, whatever was taken. */
static void test_hview_copy_keys_kept_ranges(void **state)
{
	(void)state;
	enum { N = 2600 };
	long_repo("memo_a", N, -1);
	long_repo("memo_p", 2550, -1);  /* memo_a's first 2,550 commits */
	long_repo("memo_r", N, 2550);   /* memo_p's, then xa renamed */
	const long two[] = {2100, 2500};
	char fresh[2][65], got[2][65], fresh_r[2][65];
	copy_keys("memo_a", two, 2, fresh);
	copy_keys("memo_r", two, 2, fresh_r);
	/* Made and kept, then taken. */
	assert_true(copy_keys_memo("memo_a", two, 2, true, got) > 0);
	assert_memory_equal(got, fresh, sizeof(fresh));
	assert_int_equal(copy_keys_memo("memo_a", two, 2, true, got), 0);
	assert_memory_equal(got, fresh, sizeof(fresh));
	/* Kept on a shorter chain that memo_a extends: taken (each walk
	 * from the start: a walk from its cache knows of no rename before
	 * the cache's end, and takes nothing kept before it). */
	assert_true(copy_keys_memo("memo_p", two, 2, true, got) > 0);
	run("cp memo_p/.git/ssg/ranges memo_a/.git/ssg/ranges && "
	    "rm -f memo_a/.git/ssg/history.cache");
	assert_int_equal(copy_keys_memo("memo_a", two, 2, true, got), 0);
	assert_memory_equal(got, fresh, sizeof(fresh));
	/* memo_r renames a table after that chain (its plan keys the
	 * table by its new name): made again. */
	run("mkdir -p memo_r/.git/ssg && "
	    "cp memo_p/.git/ssg/ranges memo_r/.git/ssg/ranges && "
	    "rm -f memo_r/.git/ssg/history.cache");
	assert_true(copy_keys_memo("memo_r", two, 2, true, got) > 0);
	assert_memory_equal(got, fresh_r, sizeof(fresh_r));
	/* A damaged file is none (the byte is in a digest). */
	run("printf x | dd of=memo_a/.git/ssg/ranges bs=1 seek=130 "
	    "conv=notrunc status=none");
	assert_true(copy_keys_memo("memo_a", two, 2, true, got) > 0);
	assert_memory_equal(got, fresh, sizeof(fresh));
	assert_int_equal(copy_keys_memo("memo_a", two, 2, true, got), 0);
}

/* Whether views a and b frame commits [0, n) alike (by their digests). */
static bool same_commit_frames(const ssg_hview *a, const ssg_hview *b,
			       size_t n)
{
	ssg_buf x, y;
	ssg_buf_init(&x);
	ssg_buf_init(&y);
	bool same = true;
	for (size_t i = 0; i < n && same; i++) {
		ssg_buf_clear(&x);
		ssg_buf_clear(&y);
		assert_true(ssg_value_frame(ssg_hview_commit(a, i), &x));
		assert_true(ssg_value_frame(ssg_hview_commit(b, i), &y));
		same = x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
	}
	ssg_buf_fini(&x);
	ssg_buf_fini(&y);
	return same;
}

/* The inode of the store's file `name` of repository rel, 0 for none. */
static unsigned long store_ino(const char *rel, const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s/.git/ssg/%s", base, rel, name);
	struct stat st;
	return stat(path, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

/* The main site's commit digests are kept in the store (summemo.h) and
 * taken where they hold: the views frame every commit as one made
 * without the store does, when all are taken (the file is then not
 * written again), when a tag publishes commits anew, and from a damaged
 * file. */
static void test_hview_commit_digests_kept(void **state)
{
	(void)state;
	enum { N = 2600 };
	long_repo("sums", N, -1);
	loaded l = load("sums");
	ssg_history *h = l.h;
	ssg_plan *p = l.p;
	const char *gitdir = ssg_repo_gitdir(l.r);
	unsigned char keys[32];
	memset(keys, 7, sizeof keys);
	ssg_routes *mr = ssg_routes_main();
	ssg_hview_in in = {h, N, NULL, 0, p, mr, NULL};
	ssg_hview *fresh = ssg_hview_new(&in);
	ssg_hview *v = ssg_hview_new_kept(&in, gitdir, keys);
	assert_true(same_commit_frames(fresh, v, N));
	ssg_hview_free(v);
	unsigned long ino = store_ino("sums", "commits");
	assert_true(ino != 0);
	v = ssg_hview_new_kept(&in, gitdir, keys); /* all taken */
	assert_true(same_commit_frames(fresh, v, N));
	assert_int_equal(store_ino("sums", "commits"), ino);
	ssg_hview_free(v);
	/* Other row keys: none taken. */
	unsigned char other[32];
	memset(other, 8, sizeof other);
	v = ssg_hview_new_kept(&in, gitdir, other);
	assert_true(same_commit_frames(fresh, v, N));
	assert_true(store_ino("sums", "commits") != ino);
	ssg_hview_free(v);
	/* A tag on commit 1000 publishes it and those after. */
	ssg_tag_info t;
	tag_on(&t, h, 1000);
	ssg_hview_in tin = {h, N, &t, 1, p, mr, NULL};
	ssg_hview *tagged = ssg_hview_new(&tin);
	assert_false(same_commit_frames(fresh, tagged, N));
	v = ssg_hview_new_kept(&tin, gitdir, other);
	assert_true(same_commit_frames(tagged, v, N));
	ssg_hview_free(v);
	/* A damaged file is none (the byte is in commit 1's digest). */
	run("printf x | dd of=sums/.git/ssg/commits bs=1 seek=150 "
	    "conv=notrunc status=none");
	v = ssg_hview_new_kept(&tin, gitdir, other);
	assert_true(same_commit_frames(tagged, v, N));
	ssg_hview_free(v);
	ssg_hview_free(tagged);
	ssg_hview_free(fresh);
	ssg_routes_free(mr);
	unload(&l);
}

/* A row's events are those of its key in the site's commits; a copy
 * links to the main site's page of a row the main site still has. */
static void test_hview_rows_events_and_links(void **state)
{
	(void)state;
	ssg_routes *mr = ssg_routes_main(), *cr = ssg_routes_copy("v1");
	ssg_hview *mv = main_view(mr, -1);
	ssg_hview_in in = {hist, 2, NULL, 0, plan, cr, mv};
	ssg_hview *cv = ssg_hview_new(&in);
	const ssg_plan_table *t = ssg_plan_table_find(plan, "t");
	assert_non_null(t);
	size_t n;
	const size_t *ev = ssg_hview_row_events(mv, t, 0, &n);
	assert_int_equal(n, 3); /* added, a2, a3 */
	assert_string_equal(ssg_history_event(hist, ev[2])->new_, "a3");
	ssg_hview_row_events(cv, t, 0, &n);
	assert_int_equal(n, 2); /* the copy ends at commit 2 */
	ssg_model *m = ssg_model_new();
	assert_string_equal(ssg_hview_row_url(mv, m, t, 0), "tables/t/1/");
	assert_false(ssg_hview_row_is_main(mv, t, 0));
	assert_string_equal(ssg_hview_row_url(cv, m, t, 0),
			    "../../../tables/t/1/");
	assert_true(ssg_hview_row_is_main(cv, t, 0));
	/* The event as drawn, with its commit. */
	ssg_value *e = ssg_hview_event(mv, m, ev[1]);
	assert_string_equal(str(e, "kind"), "changed");
	assert_string_equal(str(ssg_value_get(e, "old"), "text"), "a");
	assert_ptr_equal(ssg_value_get(e, "commit"), ssg_hview_commit(mv, 1));
	/* A table value with its rows' history. */
	const ssg_value *tv = ssg_hview_table(mv, m, t, NULL);
	const ssg_value *h =
		ssg_value_get(ssg_value_at(ssg_value_get(tv, "rows"), 0),
			      "history");
	assert_string_equal(str(h, "count"), "3");
	assert_string_equal(str(h, "url"), "tables/t/1/");
	ssg_model_free(m);
	ssg_hview_free(cv);
	ssg_hview_free(mv);
	ssg_routes_free(cr);
	ssg_routes_free(mr);
}

/* A target changed after the publication is revised; before, not. */
static void test_hview_revised_targets_after_the_publication(void **state)
{
	(void)state;
	ssg_routes *r = ssg_routes_main();
	ssg_model *m = ssg_model_new();
	ssg_hview *v = main_view(r, 0);
	ssg_value *rev = ssg_hview_revised(v, m, 0);
	assert_int_equal(ssg_value_len(rev), 1);
	assert_string_equal(str(ssg_value_get(ssg_value_at(rev, 0), "new"),
				"text"),
			    "25%");
	ssg_hview_free(v);
	v = main_view(r, 1); /* published with the revision */
	assert_null(ssg_hview_revised(v, m, 0));
	ssg_hview_free(v);
	v = main_view(r, -1); /* never published */
	assert_null(ssg_hview_revised(v, m, 0));
	ssg_hview_free(v);
	ssg_model_free(m);
	ssg_routes_free(r);
}

/* An event as a reader sees it: the columns' titles, the row's name
 * beside its key; a commit as sentences. */
static void test_hview_events_in_words(void **state)
{
	(void)state;
	ssg_routes *r = ssg_routes_main();
	ssg_model *m = ssg_model_new();
	ssg_hview *v = main_view(r, -1);
	const ssg_hcommit *c = ssg_history_commit(hist, 0);
	const ssg_value *added = NULL;
	for (size_t k = 0; k < c->nevents && !added; k++) {
		ssg_value *e = ssg_hview_event(v, m, c->first_event + k);
		if (strcmp(str(e, "table"), "indicators") == 0)
			added = e;
	}
	assert_non_null(added);
	assert_string_equal(str(added, "label"), "A");
	const ssg_value *row = ssg_value_get(added, "row");
	assert_int_equal(ssg_value_len(row), 5); /* the empty result left out */
	assert_string_equal(str(ssg_value_at(row, 0), "col"), "STT");
	assert_string_equal(str(ssg_value_at(row, 0), "name"), "id");
	assert_string_equal(str(ssg_value_at(row, 3), "col"),
			    "Kết quả năm trước");
	assert_string_equal(
		str(ssg_value_get(ssg_value_at(row, 3), "val"), "text"), "10%");
	assert_string_equal(
		ssg_hview_commit_text(v, m, 1, 20),
		"Chỉ tiêu “A”: Mục tiêu cũ từ 20% thành 25%; Kết quả mới nhất "
		"là 12% (trước đó để trống). Bảng “t”, dòng 1: v từ a thành "
		"a2.");
	assert_string_equal(ssg_hview_commit_text(v, m, 1, 1),
			    "Chỉ tiêu “A”: Mục tiêu cũ từ 20% thành 25%. Cùng 2 "
			    "thay đổi khác.");
	assert_string_equal(ssg_hview_commit_text(v, m, 2, 20),
			    "Bảng “t”, dòng 1: v từ a2 thành a3. Bảng “t”: xóa "
			    "dòng 2.");
	ssg_hview_free(v);
	ssg_model_free(m);
	ssg_routes_free(r);
}

/* An event shows the titles of its commit's datapackage.json, in the
 * main site's view and a revision copy's; an event that is not the
 * history's, those of the commit it is shown at, or the built plan's. */
static void test_hview_titles_of_their_time(void **state)
{
	(void)state;
	ssg_routes *mr = ssg_routes_main(), *cr = ssg_routes_copy("v1");
	ssg_model *m = ssg_model_new();
	ssg_hview *mv = main_view(mr, -1);
	ssg_hview_in in = {hist, 2, NULL, 0, plan, cr, mv};
	ssg_hview *cv = ssg_hview_new(&in);
	assert_string_equal(ssg_hview_table_title(mv, "indicators", 0),
			    "Chỉ tiêu cũ");
	assert_string_equal(ssg_hview_table_title(mv, "indicators", 2),
			    "Chỉ tiêu mới");
	assert_string_equal(ssg_hview_table_title(cv, "indicators", 1),
			    "Chỉ tiêu cũ");
	assert_string_equal(ssg_hview_table_title(mv, "indicators", SIZE_MAX),
			    "Chỉ tiêu mới");
	/* Not named in the package: the contract's words, or the name. */
	assert_string_equal(ssg_hview_table_title(mv, "t", 0), "t");
	const ssg_hcommit *c = ssg_history_commit(hist, 1);
	const ssg_hev *target = NULL;
	size_t ti = 0;
	for (size_t k = 0; k < c->nevents && !target; k++) {
		const ssg_hev *e = ssg_history_event(hist, c->first_event + k);
		if (e->field && strcmp(e->field, "target") == 0) {
			target = e;
			ti = c->first_event + k;
		}
	}
	assert_non_null(target);
	assert_string_equal(str(ssg_hview_event(mv, m, ti), "field_title"),
			    "Mục tiêu cũ");
	assert_string_equal(str(ssg_hview_event(cv, m, ti), "field_title"),
			    "Mục tiêu cũ");
	assert_string_equal(str(ssg_hview_change(mv, m, target, 2),
				"field_title"),
			    "Mục tiêu mới");
	assert_string_equal(str(ssg_hview_change(mv, m, target, SIZE_MAX),
				"field_title"),
			    "Mục tiêu mới");
	assert_string_equal(str(ssg_hview_change(mv, m, target, 0), "field_title"),
			    "Mục tiêu cũ");
	ssg_hview_free(cv);
	ssg_hview_free(mv);
	ssg_model_free(m);
	ssg_routes_free(cr);
	ssg_routes_free(mr);
}

static ssg_value *report(ssg_model *m, int y, int mo, int d)
{
	ssg_value *r = ssg_model_map(m);
	ssg_date due = {y, mo, d};
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_date_put_iso(&b, &due);
	ssg_value *dv = ssg_model_map(m);
	ssg_map_set_str(m, dv, "iso", ssg_buf_cstr(&b));
	ssg_map_set(r, "due", dv);
	ssg_buf_fini(&b);
	return r;
}

/* The result reported on 2 July: on time for a report due that day,
 * and consumed by it, so the next report has none: missing once its
 * date is past, upcoming before. */
static void test_hview_reports_each_take_a_reporting_commit(void **state)
{
	(void)state;
	ssg_routes *r = ssg_routes_main();
	ssg_model *m = ssg_model_new();
	ssg_hview *v = main_view(r, -1);
	ssg_value *reps[3] = {report(m, 2024, 7, 2), report(m, 2024, 7, 3),
			      report(m, 2024, 12, 1)};
	ssg_date today = {2024, 8, 1};
	ssg_hview_judge_reports(v, m, reps, 3, &today);
	assert_string_equal(str(reps[0], "state_key"), "ontime");
	assert_ptr_equal(ssg_value_get(reps[0], "reported"),
			 ssg_hview_commit(v, 1));
	assert_string_equal(str(reps[1], "state_key"), "missing");
	assert_string_equal(str(reps[2], "state_key"), "upcoming");
	/* Due the day before: late. */
	ssg_value *early = report(m, 2024, 7, 1);
	ssg_hview_judge_reports(v, m, &early, 1, NULL);
	assert_string_equal(str(early, "state_key"), "late");
	ssg_hview_free(v);
	ssg_model_free(m);
	ssg_routes_free(r);
}

/* Tags on commits 0 and 3 of p (the two plans' publications), or on
 * 0 and `second`. */
static ssg_tag_info ptags[2];

static void ptags_on(long second)
{
	tag_on(&ptags[0], phist, 0);
	tag_on(&ptags[1], phist, second);
}

/* p's site ending at commit end - 1: the 2024 plan for end <= 3. */
static ssg_hview *plan_view(const ssg_routes *r, size_t end, size_t ntags)
{
	ssg_hview_in in = {phist, end, ptags, ntags, pplan, r, NULL};
	return ssg_hview_new(&in);
}

/* The history knows each commit's period, which commit opens one, and
 * its events carry it. */
static void test_hview_periods_of_commits_and_events(void **state)
{
	(void)state;
	assert_int_equal(ssg_history_ncommits(phist), 6);
	for (size_t i = 0; i < 6; i++) {
		const ssg_hcommit *c = ssg_history_commit(phist, i);
		assert_string_equal(c->period, i < 3 ? "2024" : "2025");
		assert_true(c->opens == (i == 0 || i == 3));
		for (size_t k = 0; k < c->nevents; k++)
			assert_ptr_equal(ssg_history_event(phist, c->first_event + k)
						 ->period,
					 c->period);
	}
}

/* The targets the 2025 plan opens with are no revisions; the one changed
 * after the 2025 tag is; 2024's revision belongs to the 2024 site. */
static void test_hview_revised_targets_within_the_period(void **state)
{
	(void)state;
	ssg_routes *r = ssg_routes_main();
	ssg_model *m = ssg_model_new();
	ptags_on(3);
	ssg_hview *v = plan_view(r, 6, 2);
	ssg_value *rev = ssg_hview_revised(v, m, 0);
	assert_int_equal(ssg_value_len(rev), 1);
	assert_string_equal(str(ssg_value_get(ssg_value_at(rev, 0), "new"),
				"text"),
			    "35%");
	assert_int_equal(ssg_hview_publication(v), 1);
	/* Commits are published after their own period's tag only. */
	assert_true(ssg_value_bool(
		ssg_value_get(ssg_hview_commit(v, 2), "published")));
	assert_true(ssg_value_bool(
		ssg_value_get(ssg_hview_commit(v, 3), "published")));
	assert_true(ssg_value_bool(
		ssg_value_get(ssg_hview_commit(v, 3), "opens")));
	ssg_hview_free(v);
	/* The 2025 plan tagged only after the revision: nothing revised. */
	ptags_on(4);
	v = plan_view(r, 6, 2);
	assert_null(ssg_hview_revised(v, m, 0));
	assert_false(ssg_value_bool(
		ssg_value_get(ssg_hview_commit(v, 3), "published")));
	ssg_hview_free(v);
	/* No 2025 tag at all: the 2024 one publishes nothing of 2025. */
	v = plan_view(r, 6, 1);
	assert_null(ssg_hview_revised(v, m, 0));
	assert_int_equal(ssg_hview_publication(v), -1);
	ssg_hview_free(v);
	/* The 2024 site: its own revision, 20 → 22. */
	ptags_on(3);
	v = plan_view(r, 3, 1);
	rev = ssg_hview_revised(v, m, 0);
	assert_int_equal(ssg_value_len(rev), 1);
	assert_string_equal(str(ssg_value_get(ssg_value_at(rev, 0), "new"),
				"text"),
			    "22%");
	ssg_hview_free(v);
	ssg_model_free(m);
	ssg_routes_free(r);
}

/* 2025's deadlines count 2025's results only, after the deadline
 * before: the 2024 result of 2 July meets none of them. */
static void test_hview_reports_within_the_period(void **state)
{
	(void)state;
	ssg_routes *r = ssg_routes_main();
	ssg_model *m = ssg_model_new();
	ptags_on(3);
	/* Up to commit 5 (4 July): no 2025 result yet.  Due 3 July: the
	 * 2024 result of 2 July does not count; missing. */
	ssg_hview *v = plan_view(r, 5, 2);
	ssg_value *due3 = report(m, 2024, 7, 3);
	ssg_date today = {2024, 7, 4};
	ssg_hview_judge_reports(v, m, &due3, 1, &today);
	assert_string_equal(str(due3, "state_key"), "missing");
	ssg_hview_free(v);
	/* With 6 July's result: late for 3 July; the next report, due 10
	 * July, has no result after it: missing on 20 July. */
	v = plan_view(r, 6, 2);
	ssg_value *reps[2] = {report(m, 2024, 7, 3), report(m, 2024, 7, 10)};
	ssg_date later = {2024, 7, 20};
	ssg_hview_judge_reports(v, m, reps, 2, &later);
	assert_string_equal(str(reps[0], "state_key"), "late");
	assert_ptr_equal(ssg_value_get(reps[0], "reported"),
			 ssg_hview_commit(v, 5));
	assert_string_equal(str(reps[1], "state_key"), "missing");
	/* A report due 1 July, then one due 5 July: 6 July's result is
	 * after both; it is the first's (late), not also the second's. */
	ssg_value *two[2] = {report(m, 2024, 7, 1), report(m, 2024, 7, 5)};
	ssg_hview_judge_reports(v, m, two, 2, &later);
	assert_string_equal(str(two[0], "state_key"), "late");
	assert_string_equal(str(two[1], "state_key"), "missing");
	ssg_hview_free(v);
	/* Within one period, a result on or before the deadline before
	 * counts for no later one: 2024's report due 3 July takes 2 July's
	 * result; 3 July's correction is not the report due 5 July. */
	v = plan_view(r, 3, 1);
	ssg_value *y24[2] = {report(m, 2024, 7, 3), report(m, 2024, 7, 5)};
	ssg_hview_judge_reports(v, m, y24, 2, &later);
	assert_string_equal(str(y24[0], "state_key"), "ontime");
	assert_string_equal(str(y24[1], "state_key"), "missing");
	ssg_hview_free(v);
	ssg_model_free(m);
	ssg_routes_free(r);
}

/* The plans of p: 2024 past, 2025 the site's own, each dated by the
 * tag that published it, or by the commit that opened it. */
static void test_hview_years_of_a_history(void **state)
{
	(void)state;
	ptags_on(4);
	ptags[0].time = 1000;
	ptags[1].time = 2000;
	ptags[1].offset = 420;
	ssg_year *past = NULL, cur;
	size_t n = ssg_years_of(phist, 6, ptags, 2, &past, &cur);
	assert_int_equal(n, 1);
	assert_string_equal(past[0].year, "2024");
	assert_int_equal(past[0].first, 0);
	assert_int_equal(past[0].last, 2);
	assert_int_equal(past[0].tag, 0);
	assert_int_equal(past[0].ntags, 1); /* its copy sees v on 0 only */
	assert_int_equal(past[0].time, 1000);
	assert_string_equal(cur.year, "2025");
	assert_int_equal(cur.first, 3);
	assert_int_equal(cur.last, 5);
	assert_int_equal(cur.tag, 1);
	assert_int_equal(cur.time, 2000);
	assert_int_equal(cur.offset, 420);
	free(past);
	/* 2025 not tagged: published by the commit that opened it. */
	n = ssg_years_of(phist, 6, ptags, 1, &past, &cur);
	assert_int_equal(n, 1);
	assert_int_equal(cur.tag, -1);
	assert_int_equal(cur.time, ssg_history_commit(phist, 3)->time);
	free(past);
	/* The site of the 2024 plan has no past. */
	n = ssg_years_of(phist, 3, ptags, 1, &past, &cur);
	assert_int_equal(n, 0);
	assert_null(past);
	assert_string_equal(cur.year, "2024");
	assert_int_equal(cur.last, 2);
}

/* A cell as it stood at each commit: back through changes, a column's
 * rename, a row's removal and return; a row or a column that came later
 * gives its first value, from the commit that brought it. */
static void test_hview_cells_as_they_stood(void **state)
{
	(void)state;
	static const char *const versions[] = {
		"id,name,result\n1,A,10\n",
		"id,name,result\n1,A,20\n2,B,5\n",
		"id,name,Kết quả\n1,A,20\n2,B,5\n",
		"id,name,Kết quả\n1,A,30\n",
		"id,name,Kết quả,unit\n1,A,30,%\n2,B,7,điểm\n",
	};
	run("git init -q -b main c");
	put("c/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nX.\n");
	for (int i = 0; i < 5; i++) {
		put("c/data/communes.csv", versions[i]);
		fx_git_commit(base, "c", i + 1, "c");
	}
	ssg_repo *crepo;
	ssg_history *chist;
	ssg_snapshot *csnap;
	ssg_plan *cplan;
	assert_int_equal(fx_load_plan(base, "c", &crepo, &chist, &csnap,
				      &cplan),
			 SSG_OK);
	ssg_routes *r = ssg_routes_main();
	ssg_hview_in in = {chist, 5, NULL, 0, cplan, r, NULL};
	ssg_hview *v = ssg_hview_new(&in);
	const ssg_plan_table *t = ssg_plan_table_find(cplan, "communes");
	assert_non_null(t);
	long a = ssg_plan_table_row(t, "1"), b = ssg_plan_table_row(t, "2");
	long kq = ssg_table_col_find(t->table, "kết quả");
	long unit = ssg_table_col_find(t->table, "unit");
	assert_true(a >= 0 && b >= 0 && kq >= 0 && unit >= 0);
	static const struct {
		bool b; /* row 2, else row 1 */
		bool unit; /* the column unit, else Kết quả */
		size_t at;
		const char *text;
		long commit;
	} want[] = {
		{false, false, 0, "10", 0}, {false, false, 1, "20", 1},
		{false, false, 2, "20", 1}, /* renamed, the same figure */
		{false, false, 3, "30", 3}, {false, false, 4, "30", 3},
		{true, false, 0, "5", 1},   /* came later: its first */
		{true, false, 2, "5", 1},   {true, false, 3, "7", 4},
		{true, false, 4, "7", 4},   /* removed at 3, back at 4 */
		{true, true, 1, "điểm", 4}, /* a column that came later */
		/* the row's newest event: a column's coming is the
		 * table's (prov.h) */
		{false, true, 4, "%", 3},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		long got;
		ssg_str s = ssg_hview_cell_at(v, t, (size_t)(want[i].b ? b : a),
					      (size_t)(want[i].unit ? unit : kq),
					      want[i].at, &got);
		char text[32];
		snprintf(text, sizeof text, "%.*s", (int)s.n, s.p);
		if (strcmp(text, want[i].text) != 0 || got != want[i].commit)
			fail_msg("case %zu: '%s' from %ld, want '%s' from %ld",
				 i, text, got, want[i].text, want[i].commit);
	}
	ssg_hview_free(v);
	ssg_routes_free(r);
	ssg_plan_free(cplan);
	ssg_snapshot_free(csnap);
	ssg_history_free(chist);
	ssg_repo_free(crepo);
}

/* A timeline gathered by commit: newest first, each commit once with
 * its events in the order it made them, `more` on all but its last. */
static void test_hview_by_commit(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_value *c1 = ssg_model_map(m), *c2 = ssg_model_map(m);
	ssg_map_set_str(m, c1, "id", "c1");
	ssg_map_set_str(m, c2, "id", "c2");
	/* Oldest first: c1 made a, b; c2 made c; c1's value again (a
	 * commit seen again later is another entry: a commit's events are
	 * next to each other). */
	ssg_value *evs = ssg_model_list(m);
	const char *names[] = {"a", "b", "c", "d"};
	ssg_value *cs[] = {c1, c1, c2, c1};
	for (size_t i = 0; i < 4; i++) {
		ssg_value *e = ssg_model_map(m);
		ssg_map_set_str(m, e, "name", names[i]);
		ssg_map_set(e, "commit", cs[i]);
		ssg_list_push(evs, e);
	}
	const ssg_value *g = ssg_hview_by_commit(m, evs);
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < ssg_value_len(g); i++) {
		const ssg_value *x = ssg_value_at(g, i);
		ssg_buf_printf(&b, "%s:", ssg_value_get_str(ssg_value_get(x, "commit"), "id"));
		const ssg_value *l = ssg_value_get(x, "events");
		for (size_t k = 0; k < ssg_value_len(l); k++) {
			const ssg_value *it = ssg_value_at(l, k);
			ssg_buf_printf(&b, "%s%s", ssg_value_get_str(ssg_value_get(it, "ev"), "name"),
				       ssg_value_bool(ssg_value_get(it, "more")) ? "+" : "");
		}
		ssg_buf_puts(&b, ";");
	}
	assert_string_equal(ssg_buf_cstr(&b), "c1:d;c2:c;c1:a+b;");
	assert_int_equal(ssg_value_len(ssg_hview_by_commit(m, ssg_model_list(m))), 0);
	ssg_buf_fini(&b);
	ssg_model_free(m);
}

/* A table's changes gathered by row: a row's changed cells next to
 * each other under the row named once; an added, removed, schema or
 * gap event alone; the same row later again is another entry. */
static void test_hview_by_row(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	static const char *const kinds[] = {"changed", "changed", "added",
					    "added",   "changed", "schema",
					    "schema",  "changed", "changed"};
	static const char *const keys[] = {"1", "1", "2", "2", "3",
					   "",  "",  "3", "3"};
	ssg_value *evs = ssg_model_list(m);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++) {
		ssg_value *e = ssg_model_map(m);
		ssg_map_set_str(m, e, "kind", kinds[i]);
		ssg_map_set_str(m, e, "key", keys[i]);
		ssg_list_push(evs, e);
	}
	const ssg_value *rows = ssg_hview_by_row(m, evs);
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < ssg_value_len(rows); i++) {
		const ssg_value *r = ssg_value_at(rows, i);
		const ssg_value *l = ssg_value_get(r, "events");
		ssg_buf_printf(&b, "%s%s:%zu", i ? " " : "",
			       ssg_value_get_str(ssg_value_get(r, "first"), "key"),
			       ssg_value_len(l));
		for (size_t k = 0; k < ssg_value_len(l); k++)
			if (ssg_value_bool(ssg_value_get(ssg_value_at(l, k), "more")) !=
			    (k + 1 < ssg_value_len(l)))
				fail_msg("row %zu: `more` wrong at %zu", i, k);
	}
	assert_string_equal(ssg_buf_cstr(&b), "1:2 2:1 2:1 3:1 :1 :1 3:2");
	ssg_buf_fini(&b);
	ssg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hview_by_commit),
		cmocka_unit_test(test_hview_by_row),
		cmocka_unit_test(test_hview_commits_link_from_where_the_site_is),
		cmocka_unit_test(test_hview_commits_made_once_when_read),
		cmocka_unit_test(test_hview_commit_digests_of_a_long_history),
		cmocka_unit_test(test_hview_copy_keys_of_a_long_history),
		cmocka_unit_test(test_hview_copy_keys_kept_ranges),
		cmocka_unit_test(test_hview_commit_digests_kept),
		cmocka_unit_test(test_hview_rows_events_and_links),
		cmocka_unit_test(test_hview_revised_targets_after_the_publication),
		cmocka_unit_test(test_hview_reports_each_take_a_reporting_commit),
		cmocka_unit_test(test_hview_events_in_words),
		cmocka_unit_test(test_hview_titles_of_their_time),
		cmocka_unit_test(test_hview_periods_of_commits_and_events),
		cmocka_unit_test(test_hview_revised_targets_within_the_period),
		cmocka_unit_test(test_hview_reports_within_the_period),
		cmocka_unit_test(test_hview_years_of_a_history),
		cmocka_unit_test(test_hview_cells_as_they_stood),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
