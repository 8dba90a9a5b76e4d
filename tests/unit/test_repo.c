/*
 * Tests for repo, on fixture repositories built with the git CLI.  Names
 * and dates are fixed, so commit ids are stable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blobkeep.h"
#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "repo.h"

/* Computed once from the fixture below; they change only if the fixture
 * does. */
#define COMMIT1 "7a301f093f32d26a5710c05890c4498d03d3f220"
#define COMMIT2 "4ae78fee3154ae3f937942ee5f7d93b7f38469f3"

#define DATE1 "2024-03-01T09:00:00+07:00"
#define TIME1 1709258400LL

static char base[64];
static ssg_diags *diags;

/* Fixture steps in base. */
#define run(...) fx_run(base, __VA_ARGS__)
#define output(...) fx_output(base, __VA_ARGS__)
#define put(rel, text) fx_put(base, rel, text)

static void build_plan(void)
{
	run("git init -q -b main plan");
	put("plan/content/_index.md", "---\ntitle: Kế hoạch\n---\n");
	put("plan/content/01-muc-dich.md", "# Mục đích\n");
	put("plan/content/Zeta.md", "z\n");
	put("plan/content/a-b.md", "ab\n");
	put("plan/content/a/b.md", "a/b\n");
	put("plan/data/indicators.csv", "id,name,target\n5,Tỷ lệ,90\n");
	put("plan/theme/base.html", "<html>{{title}}</html>\n");
	put("plan/theme/run.sh", "#!/bin/sh\n");
	put("plan/README.md", "not content\n");
	put("plan/src/main.c", "int main;\n");
	put("plan/contentx/no.md", "not content either\n");
	run("chmod +x plan/theme/run.sh");
	fx_git_dates(DATE1, DATE1);
	run("cd plan && git add -A && git commit -q -m 'Kế hoạch ban đầu' "
	    "-m 'Chi tiết kế hoạch.'");
	fx_git_dates(DATE1, "2024-03-02T08:00:00+07:00");
	run("cd plan && git tag -a v1 -m 'Số 123/KH-UBND' -m 'Bản ban hành.'"
	    " && git tag light");
	fx_git_dates(DATE1, "2024-03-05T08:00:00+07:00");
	run("cd plan && git tag -a nested -m 'Lồng' v1");

	put("plan/data/indicators.csv", "id,name,target\n5,Tỷ lệ,88\n");
	put("plan/content/posts/a.md", "tin\n");
	/* Author and committer differ in date and zone. */
	fx_git_dates("2024-07-01T15:30:00-05:00", "2024-07-02T09:00:00+07:00");
	run("cd plan && git add -A && git commit -q "
	    "-m 'Cập nhật kết quả 6 tháng'");
	fx_git_dates(DATE1, "2024-07-03T10:00:00+07:00");
	run("cd plan && git tag -a v2 -m 'Điều chỉnh mục tiêu' && "
	    "git tag -a a-same -m 'Cùng lúc' && "
	    "git tag -a treetag -m 'Cây' 'HEAD^{tree}'");
}

static void build_bad(void)
{
	run("git init -q -b main bad");
	put("bad/content/ok.md", "ok\n");
	run("cd bad && ln -s ../../../etc/passwd content/link.md && "
	    "ln -s content theme && git add -A && "
	    "git update-index --add --cacheinfo "
	    "160000,1234567890123456789012345678901234567890,data/sub");
	fx_git_dates(DATE1, DATE1);
	run("cd bad && git commit -q -m bad");
}

static int group_setup(void **state)
{
	(void)state;
	if (!fx_mkdtemp(base, sizeof(base), "repo"))
		return -1;
	fx_git_isolate(base);
	fx_git_names("Nguyễn Văn A", "a@example.vn", "Trần Thị B",
		     "b@example.vn");
	setenv("TZ", "UTC", 1);
	build_plan();
	build_bad();
	run("git init -q -b main empty && mkdir -p empty/content && "
	    "echo x > empty/content/x.md");
	run("mkdir plain");
	run("git clone -q --bare plan bare.git");
	run("git clone -q --depth 1 file://%s/plan shallow", base);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

static int setup(void **state)
{
	(void)state;
	diags = ssg_diags_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ssg_diags_free(diags);
	diags = NULL;
	return 0;
}

static ssg_repo *open_repo(const char *rel)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", base, rel);
	ssg_repo *r = NULL;
	assert_int_equal(ssg_repo_open(&r, path, diags), SSG_OK);
	assert_non_null(r);
	return r;
}

static ssg_snapshot *snap(ssg_repo *r, const char *rev)
{
	ssg_snapshot *s = NULL;
	assert_int_equal(ssg_repo_snapshot(r, rev, &s, diags), SSG_OK);
	assert_non_null(s);
	return s;
}

/* The snapshot's paths joined with ' '. */
static char *paths(const ssg_snapshot *s)
{
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < ssg_snapshot_count(s); i++) {
		ssg_buf_puts(&b, ssg_snapshot_file(s, i)->path);
		ssg_buf_putc(&b, ' ');
	}
	ssg_buf_puts(&b, "");
	return ssg_buf_detach(&b);
}

static void assert_paths(const ssg_snapshot *s, const char *want)
{
	char *got = paths(s);
	assert_string_equal(got, want);
	free(got);
}

static void assert_sorted(const ssg_snapshot *s)
{
	for (size_t i = 1; i < ssg_snapshot_count(s); i++)
		assert_true(strcmp(ssg_snapshot_file(s, i - 1)->path,
				   ssg_snapshot_file(s, i)->path) < 0);
}

static void assert_read(ssg_snapshot *s, const char *path, const char *want)
{
	const ssg_file *f = ssg_snapshot_find(s, path);
	if (!f)
		fail_msg("%s not in snapshot", path);
	const char *data = NULL;
	size_t len = 0;
	assert_int_equal(ssg_snapshot_read(s, f, &data, &len, diags), SSG_OK);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(data, want, len);
	assert_int_equal(f->size, len);
}

/* The last diagnostic, which must be an error at `path` (NULL: an
 * environment error) containing `needle`. */
static void assert_diag(size_t i, const char *path, const char *needle)
{
	assert_true(i < ssg_diags_count(diags));
	const ssg_diag *g = ssg_diags_get(diags, i);
	assert_int_equal(g->sev, SSG_SEV_ERROR);
	if (path)
		assert_string_equal(g->path, path);
	else
		assert_null(g->path);
	if (!strstr(g->msg, needle))
		fail_msg("\"%s\" does not contain \"%s\"", g->msg, needle);
}

static const char plan_head_files[] =
	"content/01-muc-dich.md content/Zeta.md content/_index.md "
	"content/a-b.md content/a/b.md content/posts/a.md "
	"data/indicators.csv theme/base.html theme/run.sh ";

static void test_repo_lists_only_plan_dirs_sorted(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("plan");
	ssg_snapshot *s = snap(r, NULL);
	assert_paths(s, plan_head_files);
	assert_sorted(s);
	assert_false(ssg_snapshot_is_worktree(s));
	assert_null(ssg_snapshot_find(s, "README.md"));
	assert_null(ssg_snapshot_find(s, "contentx/no.md"));
	assert_int_equal(ssg_diags_count(diags), 0);
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_blob_ids_and_bytes(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("plan");
	ssg_snapshot *old = snap(r, "v1");
	ssg_snapshot *now = snap(r, "HEAD");
	assert_read(old, "data/indicators.csv", "id,name,target\n5,Tỷ lệ,90\n");
	assert_read(now, "data/indicators.csv", "id,name,target\n5,Tỷ lệ,88\n");
	assert_read(now, "content/a/b.md", "a/b\n");
	assert_read(now, "theme/run.sh", "#!/bin/sh\n");

	char *want = output("git -C plan rev-parse v1:data/indicators.csv");
	assert_string_equal(ssg_snapshot_find(old, "data/indicators.csv")->oid,
			    want);
	free(want);
	assert_string_not_equal(
		ssg_snapshot_find(old, "data/indicators.csv")->oid,
		ssg_snapshot_find(now, "data/indicators.csv")->oid);

	/* Reads are cached: the same bytes come back without a lookup. */
	const ssg_file *f = ssg_snapshot_find(now, "content/Zeta.md");
	const char *a = NULL, *b = NULL;
	size_t la = 0, lb = 0;
	assert_int_equal(ssg_snapshot_read(now, f, &a, &la, diags), SSG_OK);
	assert_int_equal(ssg_snapshot_read(now, f, &b, &lb, diags), SSG_OK);
	assert_ptr_equal(a, b);
	assert_int_equal(la, lb);

	/* A file of another snapshot is found by path. */
	const ssg_file *other = ssg_snapshot_find(old, "content/Zeta.md");
	assert_int_equal(ssg_snapshot_read(now, other, &a, &la, diags),
			 SSG_OK);
	assert_ptr_equal(a, b);
	const ssg_file *post = ssg_snapshot_find(now, "content/posts/a.md");
	assert_int_equal(ssg_snapshot_read(old, post, &a, &la, diags),
			 SSG_ERR_NOTFOUND);
	ssg_snapshot_free(old);
	ssg_snapshot_free(now);
	ssg_repo_free(r);
}

static void test_repo_commit_info(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("plan");
	ssg_snapshot *s = snap(r, "v1");
	const ssg_commit_info *c = ssg_snapshot_commit(s);
	assert_non_null(c);
	assert_string_equal(c->oid, COMMIT1);
	char *want = output("git -C plan rev-parse v1^{commit}");
	assert_string_equal(c->oid, want);
	free(want);
	assert_string_equal(c->short_oid, "7a301f0");
	assert_int_equal(strncmp(c->short_oid, c->oid, 7), 0);
	assert_int_equal(c->time, TIME1);
	assert_int_equal(c->offset, 7 * 60);
	assert_string_equal(c->author, "Nguyễn Văn A");
	assert_string_equal(c->email, "a@example.vn");
	assert_string_equal(c->summary, "Kế hoạch ban đầu");
	assert_string_equal(c->message,
			    "Kế hoạch ban đầu\n\nChi tiết kế hoạch.");
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_commit_time_is_committer_time(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("plan");
	ssg_snapshot *s = snap(r, NULL);
	const ssg_commit_info *c = ssg_snapshot_commit(s);
	assert_string_equal(c->oid, COMMIT2);
	/* 2024-07-02T09:00:00+07:00, not the author's 2024-07-01 -05:00. */
	assert_int_equal(c->time, 1719885600LL);
	assert_int_equal(c->offset, 420);
	assert_string_equal(c->summary, "Cập nhật kết quả 6 tháng");
	assert_string_equal(c->message, "Cập nhật kết quả 6 tháng");
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_resolves_revisions(void **state)
{
	(void)state;
	static const struct {
		const char *rev, *oid;
	} cases[] = {
		{"v1", COMMIT1},     {"HEAD~1", COMMIT1}, {"light", COMMIT1},
		{"nested", COMMIT1}, {"main", COMMIT2},   {"HEAD", COMMIT2},
		{"v2", COMMIT2},     {NULL, COMMIT2},     {"7a301f0", COMMIT1},
	};
	ssg_repo *r = open_repo("plan");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ssg_snapshot *s = snap(r, cases[i].rev);
		assert_string_equal(ssg_snapshot_commit(s)->oid, cases[i].oid);
		ssg_snapshot_free(s);
	}
	ssg_snapshot *s = snap(r, "v1");
	assert_null(ssg_snapshot_find(s, "content/posts/a.md"));
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_unknown_revision_is_env_error(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("plan");
	ssg_snapshot *s = NULL;
	assert_int_equal(ssg_repo_snapshot(r, "nope", &s, diags), SSG_ERR_ENV);
	assert_null(s);
	assert_diag(0, NULL, "unknown revision 'nope'");
	assert_int_equal(ssg_repo_snapshot(r, "HEAD:content", &s, diags),
			 SSG_ERR_ENV);
	assert_null(s);
	assert_diag(1, NULL, "is not a commit");
	ssg_repo_free(r);
}

static void test_repo_empty_repository_is_env_error(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("empty");
	ssg_snapshot *s = NULL;
	assert_int_equal(ssg_repo_snapshot(r, NULL, &s, diags), SSG_ERR_ENV);
	assert_null(s);
	assert_diag(0, NULL, "repository has no commits yet");
	assert_int_equal(ssg_repo_snapshot(r, "main", &s, diags), SSG_ERR_ENV);
	assert_diag(1, NULL, "repository has no commits yet");
	ssg_repo_free(r);
}

static void test_repo_empty_repository_worktree_has_no_commit(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("empty");
	ssg_snapshot *s = NULL;
	assert_int_equal(ssg_repo_worktree(r, &s, diags), SSG_OK);
	assert_null(ssg_snapshot_commit(s));
	assert_paths(s, "content/x.md ");
	assert_read(s, "content/x.md", "x\n");
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_not_a_repository_is_env_error(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof(path), "%s/plain", base);
	ssg_repo *r = NULL;
	assert_int_equal(ssg_repo_open(&r, path, diags), SSG_ERR_ENV);
	assert_null(r);
	char want[192];
	snprintf(want, sizeof(want), "not a git repository: %s", path);
	assert_diag(0, NULL, want);
}

static void test_repo_opens_from_subdirectory(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("plan/content/a");
	char want[128];
	snprintf(want, sizeof(want), "%s/plan/", base);
	assert_string_equal(ssg_repo_workdir(r), want);
	snprintf(want, sizeof(want), "%s/plan/.git/", base);
	assert_string_equal(ssg_repo_gitdir(r), want);
	assert_false(ssg_repo_is_shallow(r));
	ssg_repo_free(r);
}

static void test_repo_bare_has_snapshots_but_no_worktree(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("bare.git");
	assert_null(ssg_repo_workdir(r));
	ssg_snapshot *s = snap(r, NULL);
	assert_paths(s, plan_head_files);
	ssg_snapshot_free(s);
	s = NULL;
	assert_int_equal(ssg_repo_worktree(r, &s, diags), SSG_ERR_ENV);
	assert_null(s);
	assert_diag(0, NULL, "bare");
	ssg_repo_free(r);
}

static void test_repo_shallow_clone_snapshots(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("shallow");
	assert_true(ssg_repo_is_shallow(r));
	ssg_snapshot *s = snap(r, NULL);
	assert_string_equal(ssg_snapshot_commit(s)->oid, COMMIT2);
	assert_paths(s, plan_head_files);
	assert_read(s, "content/posts/a.md", "tin\n");
	ssg_snapshot_free(s);
	s = NULL;
	assert_int_equal(ssg_repo_snapshot(r, "HEAD~1", &s, diags),
			 SSG_ERR_ENV);
	ssg_repo_free(r);
}

static void test_repo_symlink_and_submodule_in_commit_refused(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("bad");
	ssg_snapshot *s = NULL;
	assert_int_equal(ssg_repo_snapshot(r, NULL, &s, diags),
			 SSG_ERR_CONTENT);
	assert_non_null(s); /* the rest is still listed */
	assert_paths(s, "content/ok.md ");
	assert_int_equal(ssg_diags_errors(diags), 3);
	ssg_diags_sort(diags);
	assert_diag(0, "content/link.md",
		    "symbolic links are not allowed in content/, data/ or theme/ "
		    "(they could point outside the repository)");
	assert_diag(1, "data/sub", "submodules are not supported");
	assert_diag(2, "theme", "symbolic links are not allowed");
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

/* The bytes one snapshot has read, lent to another by blob id: the same
 * blob is the same memory, another blob or one not yet read is the
 * borrower's own, and each snapshot frees only what it owns (ASan). */
static const char *read_ptr(ssg_snapshot *s, const char *path)
{
	const char *data = NULL;
	size_t len = 0;
	assert_int_equal(ssg_snapshot_read(s, ssg_snapshot_find(s, path),
					   &data, &len, diags),
			 SSG_OK);
	return data;
}

static void test_repo_snapshot_borrows_blobs(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("plan");
	ssg_snapshot *now = snap(r, "HEAD");
	const char *zeta = read_ptr(now, "content/Zeta.md");
	const char *csv = read_ptr(now, "data/indicators.csv");
	ssg_blobs *blobs = ssg_blobs_new(now);
	const char *ab = read_ptr(now, "content/a-b.md"); /* after: not in */

	ssg_snapshot *old = snap(r, "v1");
	ssg_snapshot_lender(old, blobs);
	assert_ptr_equal(read_ptr(old, "content/Zeta.md"), zeta);
	assert_ptr_not_equal(read_ptr(old, "data/indicators.csv"), csv);
	assert_read(old, "data/indicators.csv", "id,name,target\n5,Tỷ lệ,90\n");
	assert_ptr_not_equal(read_ptr(old, "content/a-b.md"), ab);
	assert_read(old, "content/a-b.md", "ab\n");
	assert_read(old, "content/Zeta.md", "z\n");
	ssg_snapshot_free(old);
	assert_read(now, "content/Zeta.md", "z\n"); /* still its own */

	/* A work tree's files have no ids: nothing to lend. */
	ssg_snapshot *wt = NULL;
	assert_int_equal(ssg_repo_worktree(r, &wt, diags), SSG_OK);
	(void)read_ptr(wt, "content/Zeta.md");
	ssg_blobs *none = ssg_blobs_new(wt);
	ssg_snapshot *again = snap(r, "HEAD");
	ssg_snapshot_lender(again, none);
	assert_ptr_not_equal(read_ptr(again, "content/Zeta.md"),
			     read_ptr(wt, "content/Zeta.md"));
	ssg_snapshot_free(again);
	ssg_blobs_free(none);
	ssg_snapshot_free(wt);
	ssg_blobs_free(blobs);
	ssg_snapshot_free(now);
	ssg_repo_free(r);
}

/* The bytes of content/'s pages a snapshot has read when the keep
 * starts are kept for the next build (blobkeep.h), written on a thread;
 * other files, pages read after the start, and a work tree are not. */
static void test_repo_keeps_pages_read_when_it_starts(void **state)
{
	(void)state;
	run("git clone -q plan keepc");
	ssg_repo *r = open_repo("keepc");
	ssg_repo_keep_read(r);
	ssg_snapshot *s = snap(r, "HEAD");
	assert_read(s, "content/Zeta.md", "z\n");
	assert_read(s, "content/a/b.md", "a/b\n");
	assert_read(s, "data/indicators.csv",
		    "id,name,target\n5,Tỷ lệ,88\n");
	ssg_snapshot_keeper *kp = ssg_snapshot_keep_start(s);
	assert_non_null(kp);
	assert_read(s, "content/posts/a.md", "tin\n"); /* after the start */
	ssg_snapshot_keep_end(kp);
	ssg_blobkeep *k = ssg_blobkeep_read(ssg_repo_gitdir(r));
	assert_int_equal(ssg_blobkeep_count(k), 2);
	const ssg_file *z = ssg_snapshot_find(s, "content/Zeta.md");
	const char *got = ssg_blobkeep_find(k, z->oid, z->size);
	assert_non_null(got);
	assert_string_equal(got, "z\n");
	const ssg_file *p = ssg_snapshot_find(s, "content/posts/a.md");
	assert_null(ssg_blobkeep_find(k, p->oid, p->size));
	const ssg_file *t = ssg_snapshot_find(s, "data/indicators.csv");
	assert_null(ssg_blobkeep_find(k, t->oid, t->size));
	ssg_blobkeep_free(k);
	ssg_snapshot *w = NULL;
	assert_int_equal(ssg_repo_worktree(r, &w, diags), SSG_OK);
	assert_null(ssg_snapshot_keep_start(w));
	ssg_snapshot_keep_end(NULL);
	ssg_snapshot_free(w);
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_worktree_sees_edits_and_skips_ignored(void **state)
{
	(void)state;
	run("git clone -q plan wt");
	put("wt/content/01-muc-dich.md", "# Mục đích (sửa)\n");
	put("wt/content/new.md", "mới\n");
	put("wt/.gitignore", "*.tmp\nbuild/\n");
	put("wt/data/.gitignore", "private.csv\n");
	put("wt/data/private.csv", "secret\n");
	put("wt/content/x.tmp", "t\n");
	put("wt/content/build/y.md", "y\n");
	put("wt/content/.hidden.md", "h\n");
	put("wt/theme/.DS_Store", "h\n");
	run("rm wt/content/Zeta.md");

	ssg_repo *r = open_repo("wt");
	ssg_snapshot *s = NULL;
	assert_int_equal(ssg_repo_worktree(r, &s, diags), SSG_OK);
	assert_true(ssg_snapshot_is_worktree(s));
	assert_paths(s, "content/01-muc-dich.md content/_index.md "
			"content/a-b.md content/a/b.md content/new.md "
			"content/posts/a.md data/indicators.csv "
			"theme/base.html theme/run.sh ");
	assert_sorted(s);
	assert_read(s, "content/01-muc-dich.md", "# Mục đích (sửa)\n");
	assert_read(s, "content/new.md", "mới\n");
	assert_string_equal(ssg_snapshot_find(s, "content/new.md")->oid, "");
	const ssg_commit_info *c = ssg_snapshot_commit(s);
	assert_non_null(c);
	assert_string_equal(c->oid, COMMIT2);
	assert_int_equal(ssg_diags_count(diags), 0);
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_worktree_symlink_refused(void **state)
{
	(void)state;
	run("git clone -q plan wtlink && cd wtlink && "
	    "ln -s /etc/passwd content/evil.md && ln -s /etc data/etc");
	ssg_repo *r = open_repo("wtlink");
	ssg_snapshot *s = NULL;
	assert_int_equal(ssg_repo_worktree(r, &s, diags), SSG_ERR_CONTENT);
	assert_non_null(s);
	assert_null(ssg_snapshot_find(s, "content/evil.md"));
	assert_null(ssg_snapshot_find(s, "data/etc/passwd"));
	assert_non_null(ssg_snapshot_find(s, "content/_index.md"));
	ssg_diags_sort(diags);
	assert_int_equal(ssg_diags_errors(diags), 2);
	assert_diag(0, "content/evil.md", "symbolic links are not allowed");
	assert_diag(1, "data/etc", "symbolic links are not allowed");

	/* A file replaced by a link after listing is not followed. */
	run("cd wtlink && rm content/Zeta.md && "
	    "ln -s /etc/passwd content/Zeta.md");
	const ssg_file *f = ssg_snapshot_find(s, "content/Zeta.md");
	const char *data = NULL;
	size_t len = 0;
	assert_int_equal(ssg_snapshot_read(s, f, &data, &len, diags),
			 SSG_ERR_CONTENT);
	assert_null(data);
	assert_diag(2, "content/Zeta.md", "symbolic links are not allowed");
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_file_over_limit(void **state)
{
	(void)state;
	run("git init -q -b main big && mkdir -p big/data && "
	    "head -c %u /dev/zero > big/data/big.csv && "
	    "echo a > big/data/small.csv && cd big && git add -A && "
	    "git commit -q -m big", SSG_REPO_MAX_FILE + 1);
	ssg_repo *r = open_repo("big");
	ssg_snapshot *s = snap(r, NULL);
	const ssg_file *f = ssg_snapshot_find(s, "data/big.csv");
	assert_int_equal(f->size, SSG_REPO_MAX_FILE + 1);
	const char *data = NULL;
	size_t len = 0;
	assert_int_equal(ssg_snapshot_read(s, f, &data, &len, diags),
			 SSG_ERR_LIMIT);
	assert_null(data);
	assert_diag(0, "data/big.csv", "too large");
	assert_read(s, "data/small.csv", "a\n");
	ssg_snapshot_free(s);

	/* The same in the work tree, with a sparse file. */
	run("cd big && truncate -s %u data/big.csv", SSG_REPO_MAX_FILE + 2);
	assert_int_equal(ssg_repo_worktree(r, &s, diags), SSG_OK);
	f = ssg_snapshot_find(s, "data/big.csv");
	assert_int_equal(ssg_snapshot_read(s, f, &data, &len, diags),
			 SSG_ERR_LIMIT);
	assert_diag(1, "data/big.csv", "too large");
	assert_read(s, "data/small.csv", "a\n");
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

static void test_repo_tags_annotated_only(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("plan");
	ssg_tag_info *t = NULL;
	size_t n = 0;
	assert_int_equal(ssg_repo_tags(r, &t, &n, diags), SSG_OK);
	/* By tagger time, then name: not "light" (lightweight), not
	 * "treetag" (no commit). */
	assert_int_equal(n, 4);
	assert_string_equal(t[0].name, "v1");
	assert_string_equal(t[1].name, "nested");
	assert_string_equal(t[2].name, "a-same");
	assert_string_equal(t[3].name, "v2");

	assert_string_equal(t[0].target, COMMIT1);
	assert_int_equal(t[0].time, 1709341200LL);
	assert_int_equal(t[0].offset, 420);
	assert_string_equal(t[0].summary, "Số 123/KH-UBND");
	assert_string_equal(t[0].message, "Số 123/KH-UBND\n\nBản ban hành.");
	assert_string_equal(t[1].target, COMMIT1);
	assert_string_equal(t[1].summary, "Lồng");
	assert_string_equal(t[3].target, COMMIT2);
	assert_string_equal(t[3].summary, "Điều chỉnh mục tiêu");
	assert_int_equal(t[2].time, t[3].time);
	ssg_repo_tags_free(t, n);
	ssg_repo_free(r);
}

static void test_repo_tag_signature_not_in_message(void **state)
{
	(void)state;
	put("signed/msg", "Số 45/QĐ-UBND\n\nPhê duyệt.\n"
			  "-----BEGIN PGP SIGNATURE-----\n\nabc=\n"
			  "-----END PGP SIGNATURE-----\n");
	fx_git_dates(DATE1, DATE1);
	run("cd signed && git init -q -b main && git commit -q "
	    "--allow-empty -m c && git tag -a s -F msg");
	ssg_repo *r = open_repo("signed");
	ssg_tag_info *t = NULL;
	size_t n = 0;
	assert_int_equal(ssg_repo_tags(r, &t, &n, diags), SSG_OK);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].message, "Số 45/QĐ-UBND\n\nPhê duyệt.");
	assert_string_equal(t[0].summary, "Số 45/QĐ-UBND");
	ssg_repo_tags_free(t, n);
	ssg_repo_free(r);
}

static void test_repo_no_tags(void **state)
{
	(void)state;
	ssg_repo *r = open_repo("bad");
	ssg_tag_info *t = NULL;
	size_t n = 1;
	assert_int_equal(ssg_repo_tags(r, &t, &n, diags), SSG_OK);
	assert_int_equal(n, 0);
	ssg_repo_tags_free(t, n);
	ssg_repo_free(r);
}

/* A cold build's content/ read ahead on two cores: every page's bytes
 * are in the snapshot before the plan reads them (the objects moved
 * away, each read still gives them), and each is the file's own. */
static void test_repo_prefetch_reads_every_page_ahead(void **state)
{
	(void)state;
	run("git init -q -b main many && mkdir -p many/content/p many/data");
	run("cd many/content/p && for i in $(seq 700); do "
	    "printf 'trang %%s\\n' $i > $i.md; done");
	put("many/data/t.csv", "id\n1\n");
	fx_git_dates(DATE1, DATE1);
	run("cd many && git add -A && git commit -q -m 'Nhiều trang'");
	ssg_repo *r = open_repo("many");
	ssg_snapshot *s = snap(r, "HEAD");
	ssg_snapshot_prefetch(s, "content/");
	run("mv many/.git/objects many/objects.away");
	char path[64], want[32];
	for (int i = 1; i <= 700; i++) {
		snprintf(path, sizeof(path), "content/p/%d.md", i);
		snprintf(want, sizeof(want), "trang %d\n", i);
		assert_read(s, path, want);
	}
	/* Outside the prefix nothing was read: data/ needs its objects. */
	const ssg_file *f = ssg_snapshot_find(s, "data/t.csv");
	const char *data = NULL;
	size_t len = 0;
	assert_int_equal(ssg_snapshot_read(s, f, &data, &len, diags),
			 SSG_ERR_ENV);
	run("mv many/objects.away many/.git/objects");
	ssg_snapshot_free(s);
	ssg_repo_free(r);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_repo_lists_only_plan_dirs_sorted),
		T(test_repo_blob_ids_and_bytes),
		T(test_repo_snapshot_borrows_blobs),
		T(test_repo_keeps_pages_read_when_it_starts),
		T(test_repo_prefetch_reads_every_page_ahead),
		T(test_repo_commit_info),
		T(test_repo_commit_time_is_committer_time),
		T(test_repo_resolves_revisions),
		T(test_repo_unknown_revision_is_env_error),
		T(test_repo_empty_repository_is_env_error),
		T(test_repo_empty_repository_worktree_has_no_commit),
		T(test_repo_not_a_repository_is_env_error),
		T(test_repo_opens_from_subdirectory),
		T(test_repo_bare_has_snapshots_but_no_worktree),
		T(test_repo_shallow_clone_snapshots),
		T(test_repo_symlink_and_submodule_in_commit_refused),
		T(test_repo_worktree_sees_edits_and_skips_ignored),
		T(test_repo_worktree_symlink_refused),
		T(test_repo_file_over_limit),
		T(test_repo_tags_annotated_only),
		T(test_repo_tag_signature_not_in_message),
		T(test_repo_no_tags),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
