/* Tests for out: contained writes, atomic replacement, modes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
#include <pthread.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "out.h"

typedef struct {
	char base[64]; /* a fresh directory holding OUT */
	char out[96];  /* base/public */
	ssg_diags *d;
} fixture;

/* When set, put writes in pieces of three bytes (ssg_out_open). */
static bool stream_puts;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!fx_mkdtemp(f->base, sizeof(f->base), "out"))
		return -1;
	snprintf(f->out, sizeof(f->out), "%s/public", f->base);
	f->d = ssg_diags_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	stream_puts = false;
	int rc = fx_rmtree(f->base);
	ssg_diags_free(f->d);
	free(f);
	return rc;
}

static void assert_file(const fixture *f, const char *rel, const char *want)
{
	char *p = fx_path(f->out, rel);
	char *got = fx_slurp(p, NULL);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(p);
}

static bool exists(const fixture *f, const char *rel)
{
	struct stat st;
	char *p = fx_path(f->out, rel);
	bool ok = lstat(p, &st) == 0;
	free(p);
	return ok;
}

/* Names in `dir` other than . and .., sorted, joined with ' '. */
static char *listing(const char *dir)
{
	return fx_capture("cd '%s' && ls -A | LC_ALL=C sort | tr '\\n' ' '",
			  dir);
}

/* Every file under OUT with its bytes, to compare whole trees. */
static char *tree_dump(const char *dir)
{
	return fx_capture("cd '%s' && find . | LC_ALL=C sort | "
			  "while read -r p; do echo \"== $p\"; "
			  "[ -f \"$p\" ] && cat \"$p\"; done",
			  dir);
}

static void assert_listing(const char *dir, const char *want)
{
	char *got = listing(dir);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void put(ssg_out *o, const char *rel, const char *text, ssg_diags *d)
{
	if (!stream_puts) {
		assert_int_equal(ssg_out_write(o, rel, text, strlen(text), d),
				 SSG_OK);
		return;
	}
	ssg_out_file *of = NULL;
	assert_int_equal(ssg_out_open(o, rel, &of, d), SSG_OK);
	for (size_t i = 0, n = strlen(text); i < n; i += 3)
		ssg_out_put(of, text + i, n - i < 3 ? n - i : 3);
	assert_int_equal(ssg_out_close(o, of, true, d), SSG_OK);
}

static void assert_env_msg(ssg_diags *d, const char *needle)
{
	assert_true(ssg_diags_env_errors(d) > 0);
	const ssg_diag *g = ssg_diags_get(d, ssg_diags_count(d) - 1);
	assert_null(g->path);
	if (!strstr(g->msg, needle))
		fail_msg("\"%s\" does not contain \"%s\"", g->msg, needle);
}

static void build_into(fixture *f, const char *out, const char *const *files)
{
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, out, f->d), SSG_OK);
	for (size_t i = 0; files[i]; i += 2)
		put(o, files[i], files[i + 1], f->d);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
}

static void build(fixture *f, const char *const *files)
{
	build_into(f, f->out, files);
}

/* The tree a first build of `files` writes into an empty place. */
static char *cold_dump(fixture *f, const char *const *files)
{
	char cold[128];
	snprintf(cold, sizeof(cold), "%s/cold", f->base);
	ssg_diags *keep = f->d;
	f->d = ssg_diags_new();
	build_into(f, cold, files);
	ssg_diags_free(f->d);
	f->d = keep;
	char *dump = tree_dump(cold);
	assert_int_equal(fx_rmtree(cold), 0);
	return dump;
}

static void assert_same_as_cold(fixture *f, const char *const *files)
{
	char *want = cold_dump(f, files);
	char *got = tree_dump(f->out);
	assert_non_null(want);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(want);
	free(got);
}

/* A build of `files` that is never committed (a failed build) must
 * leave OUT as it was. */
static void assert_unfinished_build_changes_nothing(fixture *f,
						    const char *const *files)
{
	char *before = tree_dump(f->out);
	assert_non_null(before);
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	for (size_t i = 0; files[i]; i += 2)
		put(o, files[i], files[i + 1], f->d);
	ssg_out_free(o);
	char *after = tree_dump(f->out);
	assert_non_null(after);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static struct stat stat_of(const fixture *f, const char *rel)
{
	struct stat st;
	char *p = fx_path(f->out, rel);
	assert_int_equal(lstat(p, &st), 0);
	free(p);
	return st;
}

static void test_out_commit_creates_tree(void **state)
{
	fixture *f = *state;
	static const char *const files[] = {
		"index.html", "<p>Trang chủ</p>\n",
		"indicators/5/index.html", "chỉ tiêu 5",
		"data/history.jsonl", "",
		NULL};
	build(f, files);
	assert_file(f, "index.html", "<p>Trang chủ</p>\n");
	assert_file(f, "indicators/5/index.html", "chỉ tiêu 5");
	assert_file(f, "data/history.jsonl", "");
	assert_true(exists(f, SSG_OUT_MARKER));
	assert_listing(f->out, ".ssg-output data index.html indicators ");
	assert_listing(f->base, "public "); /* no temp directory left */
}

static void test_out_second_build_replaces_old_tree(void **state)
{
	fixture *f = *state;
	static const char *const first[] = {
		"index.html", "old", "old.html", "x", "gone/a/b.html", "y",
		NULL};
	static const char *const second[] = {
		"index.html", "new", "new/page.html", "z", NULL};
	build(f, first);
	build(f, second);
	assert_file(f, "index.html", "new");
	assert_file(f, "new/page.html", "z");
	assert_false(exists(f, "old.html"));
	assert_false(exists(f, "gone"));
	/* The old site is kept, hidden, for the next build to reuse. */
	assert_listing(f->base, ".public.ssg-prev public ");
}

static void test_out_unfinished_build_leaves_old_tree(void **state)
{
	fixture *f = *state;
	static const char *const first[] = {
		"index.html", "v1", "a/b.html", "ab", NULL};
	static const char *const unfinished[] = {
		"index.html", "v2", "a/b.html", "changed", "c.html", "new",
		NULL};
	build(f, first);
	assert_unfinished_build_changes_nothing(f, unfinished);
	assert_listing(f->base, "public ");
}

static void test_out_refuses_paths_outside(void **state)
{
	fixture *f = *state;
	static const char *const bad[] = {
		"../x", "/abs", "a/../b", "a//b", "", ".", "a/./b", "a/",
		"..", "a\\b", "x/.."};
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t before = ssg_diags_count(f->d);
		if (ssg_out_write(o, bad[i], "x", 1, f->d) != SSG_ERR_ENV)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(ssg_diags_count(f->d), before + 1);
		assert_env_msg(f->d, "refusing to write outside the output "
				     "directory");
	}
	/* A long but legal path, and a too long one. */
	char longp[4200];
	memset(longp, 'a', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	assert_int_equal(ssg_out_write(o, longp, "x", 1, f->d), SSG_ERR_ENV);
	assert_env_msg(f->d, "refusing to write outside");
	put(o, "..a/b..c/.d", "ok", f->d);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_file(f, "..a/b..c/.d", "ok");
	assert_listing(f->base, "public ");
}

static void test_out_file_written_twice_is_error(void **state)
{
	fixture *f = *state;
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	put(o, "a/index.html", "one", f->d);
	assert_int_equal(ssg_out_write(o, "a/index.html", "two", 3, f->d),
			 SSG_ERR_ENV);
	assert_env_msg(f->d, "written twice: a/index.html");
	/* A file where a directory is wanted. */
	assert_int_equal(ssg_out_write(o, "a/index.html/x", "y", 1, f->d),
			 SSG_ERR_ENV);
	ssg_out_free(o);
	assert_listing(f->base, "");
}

static void test_out_regular_file_is_env_error(void **state)
{
	fixture *f = *state;
	FILE *fp = fopen(f->out, "w");
	assert_non_null(fp);
	fputs("not a site", fp);
	fclose(fp);
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_ERR_ENV);
	assert_null(o);
	char want[160];
	snprintf(want, sizeof(want), "output path is not a directory: %s",
		 f->out);
	assert_env_msg(f->d, want);
	assert_listing(f->base, "public ");
	char *got = fx_slurp(f->out, NULL);
	assert_string_equal(got, "not a site");
	free(got);
}

static void test_out_symlink_out_is_env_error(void **state)
{
	fixture *f = *state;
	char target[96];
	snprintf(target, sizeof(target), "%s/real", f->base);
	assert_int_equal(mkdir(target, 0755), 0);
	assert_int_equal(symlink("real", f->out), 0);
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_ERR_ENV);
	assert_env_msg(f->d, "symbolic link");
	assert_listing(f->base, "public real ");
}

static void test_out_refuses_to_replace_foreign_dir(void **state)
{
	fixture *f = *state;
	assert_int_equal(mkdir(f->out, 0755), 0);
	char *keep = fx_path(f->out, "thesis.tex");
	FILE *fp = fopen(keep, "w");
	assert_non_null(fp);
	fclose(fp);
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_ERR_ENV);
	assert_env_msg(f->d, "refusing to replace");
	assert_true(exists(f, "thesis.tex"));
	assert_listing(f->base, "public ");
	free(keep);
}

static void test_out_empty_dir_is_replaced(void **state)
{
	fixture *f = *state;
	assert_int_equal(mkdir(f->out, 0700), 0);
	static const char *const files[] = {"index.html", "x", NULL};
	build(f, files);
	assert_file(f, "index.html", "x");
	struct stat st;
	assert_int_equal(stat(f->out, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
}

static void test_out_old_tree_removal_does_not_follow_links(void **state)
{
	fixture *f = *state;
	static const char *const files[] = {"index.html", "x", NULL};
	build(f, files);
	/* Someone links a directory of their own into the published site. */
	char outside[96], link[128], precious[128];
	snprintf(outside, sizeof(outside), "%s/outside", f->base);
	snprintf(precious, sizeof(precious), "%s/precious", outside);
	snprintf(link, sizeof(link), "%s/linked", f->out);
	assert_int_equal(mkdir(outside, 0755), 0);
	FILE *fp = fopen(precious, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(symlink(outside, link), 0);

	build(f, files);
	struct stat st;
	assert_int_equal(stat(precious, &st), 0);
	assert_false(exists(f, "linked"));
	assert_listing(f->base, ".public.ssg-prev outside public ");
	/* Nor does reusing the old site, where the link now is. */
	build(f, files);
	assert_int_equal(stat(precious, &st), 0);
	assert_false(exists(f, "linked"));
	assert_listing(f->base, ".public.ssg-prev outside public ");
}

static void test_out_missing_parent_is_env_error(void **state)
{
	fixture *f = *state;
	char out[128];
	snprintf(out, sizeof(out), "%s/no/such/public", f->base);
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, out, f->d), SSG_ERR_ENV);
	assert_env_msg(f->d, strerror(ENOENT));
	assert_listing(f->base, "");
}

/* What assert_env_msg checks, as a value: for a child process, where a
 * failed cmocka assertion would run the rest of the suite again. */
static bool env_msg_is(ssg_diags *d, const char *needle)
{
	if (ssg_diags_env_errors(d) == 0)
		return false;
	const ssg_diag *g = ssg_diags_get(d, ssg_diags_count(d) - 1);
	return !g->path && strstr(g->msg, needle);
}

static void test_out_unwritable_parent_is_env_error(void **state)
{
	fixture *f = *state;
	assert_int_equal(chmod(f->base, 0555), 0);
	if (geteuid() != 0) {
		ssg_out *o = NULL;
		assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_ERR_ENV);
		assert_env_msg(f->d, strerror(EACCES));
	} else {
		/* Root writes anywhere: the same check as nobody (65534),
		 * in a child. */
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			ssg_out *o = NULL;
			bool ok = setgid(65534) == 0 && setuid(65534) == 0 &&
				  ssg_out_begin(&o, f->out, f->d) ==
					  SSG_ERR_ENV &&
				  env_msg_is(f->d, strerror(EACCES));
			_exit(ok ? 0 : 1);
		}
		int st = 0;
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	assert_int_equal(chmod(f->base, 0755), 0);
}

static void test_out_refuses_dot_dirs(void **state)
{
	fixture *f = *state;
	static const char *const bad[] = {".", "..", "/", "a/..", "./"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ssg_out *o = NULL;
		if (ssg_out_begin(&o, bad[i], f->d) != SSG_ERR_ENV)
			fail_msg("accepted output directory \"%s\"", bad[i]);
		assert_null(o);
	}
}

static void test_out_modes_ignore_umask(void **state)
{
	fixture *f = *state;
	mode_t old = umask(077);
	static const char *const files[] = {
		"index.html", "x", "a/b/c.html", "y", NULL};
	build(f, files);
	umask(old);
	static const struct {
		const char *rel;
		unsigned mode;
	} want[] = {{".", 0755}, {"index.html", 0644}, {"a", 0755},
		    {"a/b", 0755}, {"a/b/c.html", 0644},
		    {SSG_OUT_MARKER, 0644}};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct stat st;
		char *p = fx_path(f->out, want[i].rel);
		assert_int_equal(lstat(p, &st), 0);
		if ((st.st_mode & 07777) != want[i].mode)
			fail_msg("%s has mode %o, want %o", want[i].rel,
				 (unsigned)(st.st_mode & 07777),
				 want[i].mode);
		free(p);
	}
}

static void test_out_trailing_slash_names_same_dir(void **state)
{
	fixture *f = *state;
	char out[128];
	snprintf(out, sizeof(out), "%s//", f->out);
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, out, f->d), SSG_OK);
	put(o, "index.html", "x", f->d);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	assert_int_equal(ssg_out_write(o, "late.html", "x", 1, f->d),
			 SSG_ERR_ENV);
	ssg_out_free(o);
	assert_file(f, "index.html", "x");
	assert_false(exists(f, "late.html"));
	assert_listing(f->base, "public ");
}

static const char *const gen1[] = {
	"index.html", "trang chủ v1",
	"same.html", "không đổi",
	"posts/a/index.html", "bài a",
	"posts/b/index.html", "bài b",
	"was-file", "tệp",
	"was-dir/x.html", "x",
	"gone/deep/old.html", "cũ",
	NULL};
static const char *const gen2[] = {
	"index.html", "trang chủ v2 (dài hơn)",
	"same.html", "không đổi",
	"posts/a/index.html", "bài A", /* same size, other bytes */
	"posts/c/index.html", "bài c mới",
	"was-file/now-dir.html", "thư mục",
	"was-dir", "giờ là tệp",
	"new/deep/er/page.html", "mới",
	NULL};

static void test_out_rebuild_writes_exactly_the_new_set(void **state)
{
	fixture *f = *state;
	/* From the third build on, each updates the twin in place: the
	 * site of two builds before. */
	build(f, gen1);
	build(f, gen1);
	build(f, gen2);
	assert_same_as_cold(f, gen2);
	assert_file(f, "posts/a/index.html", "bài A");
	assert_false(exists(f, "posts/b"));
	assert_false(exists(f, "gone"));
	build(f, gen2);
	assert_same_as_cold(f, gen2);
	build(f, gen1);
	assert_same_as_cold(f, gen1);
	assert_false(exists(f, "new"));
	assert_listing(f->base, ".public.ssg-prev public ");
}

/* Run with whole and with streamed writes (stream_puts). */
static void assert_unchanged_files_are_not_rewritten(fixture *f)
{
	static const char *const v1[] = {
		"same.html", "không đổi", "a/same.html", "cũng vậy",
		"a/changed.html", "v1", NULL};
	static const char *const v2[] = {
		"same.html", "không đổi", "a/same.html", "cũng vậy",
		"a/changed.html", "v2", NULL};
	build(f, v1);
	struct stat same1 = stat_of(f, "same.html");
	struct stat deep1 = stat_of(f, "a/same.html");
	struct stat changed1 = stat_of(f, "a/changed.html");
	build(f, v1);
	build(f, v2); /* into the tree of the first build */
	struct stat same3 = stat_of(f, "same.html");
	struct stat deep3 = stat_of(f, "a/same.html");
	struct stat changed3 = stat_of(f, "a/changed.html");
	assert_int_equal(same3.st_ino, same1.st_ino);
	assert_int_equal(same3.st_mtim.tv_sec, same1.st_mtim.tv_sec);
	assert_int_equal(same3.st_mtim.tv_nsec, same1.st_mtim.tv_nsec);
	assert_int_equal(deep3.st_ino, deep1.st_ino);
	assert_int_equal(deep3.st_mtim.tv_nsec, deep1.st_mtim.tv_nsec);
	assert_int_not_equal(changed3.st_ino, changed1.st_ino);
	assert_file(f, "a/changed.html", "v2");
	assert_same_as_cold(f, v2);
}

static void test_out_unchanged_files_are_not_rewritten(void **state)
{
	assert_unchanged_files_are_not_rewritten(*state);
}

static void test_out_failed_rebuild_leaves_out_and_next_is_exact(void **state)
{
	fixture *f = *state;
	static const char *const failed[] = {
		"index.html", "hỏng", "posts/b/index.html", "bài b sửa",
		"only-in-failed/x.html", "rác", "was-file", "tệp lại", NULL};
	build(f, gen1);
	build(f, gen2);
	assert_unfinished_build_changes_nothing(f, failed);
	build(f, gen1);
	assert_same_as_cold(f, gen1);
	assert_false(exists(f, "only-in-failed"));
	build(f, gen2);
	assert_same_as_cold(f, gen2);
}

static void test_out_foreign_twin_is_not_touched(void **state)
{
	fixture *f = *state;
	char twin[128], mine[160];
	snprintf(twin, sizeof(twin), "%s/.public.ssg-prev", f->base);
	snprintf(mine, sizeof(mine), "%s/notes.txt", twin);
	assert_int_equal(mkdir(twin, 0700), 0);
	fx_put(twin, "notes.txt", "của tôi");
	build(f, gen1);
	build(f, gen2);
	build(f, gen1);
	assert_same_as_cold(f, gen1);
	assert_listing(twin, "notes.txt ");
	char *got = fx_slurp(mine, NULL);
	assert_string_equal(got, "của tôi");
	free(got);
	assert_listing(f->base, ".public.ssg-prev public ");
}

static void test_out_reused_twin_modes_are_fixed(void **state)
{
	fixture *f = *state;
	static const char *const files[] = {
		"index.html", "x", "a/b/c.html", "y", NULL};
	build(f, files);
	build(f, files);
	/* The twin holds the first build; spoil its modes. */
	char twin[128], cmd[300];
	snprintf(twin, sizeof(twin), "%s/.public.ssg-prev", f->base);
	snprintf(cmd, sizeof(cmd), "cd '%s' && chmod 600 index.html "
		 "a/b/c.html " SSG_OUT_MARKER " && chmod 700 a a/b . ", twin);
	assert_int_equal(system(cmd), 0);
	char kept_path[160];
	snprintf(kept_path, sizeof(kept_path), "%s/index.html", twin);
	struct stat kept;
	assert_int_equal(lstat(kept_path, &kept), 0);
	mode_t old = umask(077);
	build(f, files);
	umask(old);
	/* Fixed in place, not written again. */
	assert_int_equal(stat_of(f, "index.html").st_ino, kept.st_ino);
	static const struct {
		const char *rel;
		unsigned mode;
	} want[] = {{".", 0755}, {"index.html", 0644}, {"a", 0755},
		    {"a/b", 0755}, {"a/b/c.html", 0644},
		    {SSG_OUT_MARKER, 0644}};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct stat st = stat_of(f, want[i].rel);
		if ((st.st_mode & 07777) != want[i].mode)
			fail_msg("%s has mode %o, want %o", want[i].rel,
				 (unsigned)(st.st_mode & 07777),
				 want[i].mode);
	}
}

static void test_out_written_twice_is_error_in_reused_twin(void **state)
{
	fixture *f = *state;
	build(f, gen1);
	build(f, gen1);
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	put(o, "same.html", "không đổi", f->d); /* skipped: same bytes */
	assert_int_equal(ssg_out_write(o, "same.html", "khác", 5, f->d),
			 SSG_ERR_ENV);
	assert_env_msg(f->d, "written twice: same.html");
	put(o, "posts/a/index.html", "bài a", f->d);
	assert_int_equal(ssg_out_write(o, "posts/a/index.html/x", "y", 1,
				       f->d),
			 SSG_ERR_ENV);
	assert_int_equal(ssg_out_write(o, "posts/a", "y", 1, f->d),
			 SSG_ERR_ENV);
	assert_env_msg(f->d, "posts/a");
	ssg_out_free(o);
	assert_same_as_cold(f, gen1);
}

/* Files written in pieces: the same trees, unchanged ones kept, and
 * what a failure leaves is nothing. */
static void test_out_streamed_files_are_written_as_whole_ones(void **state)
{
	fixture *f = *state;
	stream_puts = true;
	build(f, gen1);
	assert_same_as_cold(f, gen1); /* cold_dump writes whole files */
	assert_unchanged_files_are_not_rewritten(f);
	assert_int_equal(stat_of(f, "a/changed.html").st_mode & 07777, 0644);
}

static void test_out_streamed_file_interleaved_and_dropped(void **state)
{
	fixture *f = *state;
	build(f, gen1);
	build(f, gen1);
	ssg_out *o = NULL;
	ssg_out_file *a = NULL, *b = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_int_equal(ssg_out_open(o, "data/big.jsonl", &a, f->d), SSG_OK);
	assert_int_equal(ssg_out_open(o, "data/dropped.txt", &b, f->d),
			 SSG_OK);
	ssg_out_put(a, "{\"a\":1}\n", 8);
	/* Whole writes between the pieces use temporary files too: they
	 * must not take (and replace) the open ones. */
	for (size_t i = 0; gen1[i]; i += 2)
		put(o, gen1[i], gen1[i + 1], f->d);
	ssg_out_put(b, "x", 1);
	ssg_out_put(a, "{\"b\":2}\n", 8);
	assert_int_equal(ssg_out_close(o, b, false, f->d), SSG_OK);
	assert_int_equal(ssg_out_close(o, a, true, f->d), SSG_OK);
	assert_int_equal(ssg_out_close(o, NULL, true, f->d), SSG_OK);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
	assert_file(f, "data/big.jsonl", "{\"a\":1}\n{\"b\":2}\n");
	assert_false(exists(f, "data/dropped.txt"));
	char *all = listing(f->out);
	assert_non_null(all);
	assert_null(strstr(all, "ssg-tmp"));
	free(all);
}

static void test_out_streamed_file_outside_is_refused(void **state)
{
	fixture *f = *state;
	ssg_out *o = NULL;
	ssg_out_file *a = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	put(o, "index.html", "x", f->d);
	assert_int_equal(ssg_out_open(o, "../escape.txt", &a, f->d), SSG_OK);
	ssg_out_put(a, "y", 1);
	assert_int_equal(ssg_out_close(o, a, true, f->d), SSG_ERR_ENV);
	assert_env_msg(f->d, "refusing to write outside");
	assert_int_equal(ssg_out_open(o, "index.html", &a, f->d), SSG_OK);
	assert_int_equal(ssg_out_close(o, a, true, f->d), SSG_ERR_ENV);
	assert_env_msg(f->d, "written twice: index.html");
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_listing(f->out, ".ssg-output index.html ");
	assert_listing(f->base, "public ");
}

/* A file offered is the start of another of the build, up to the mark
 * asked for, in a sub-tree too; one made from something else, or a mark
 * it has not, starts empty. */
static void test_out_offered_file_starts_another(void **state)
{
	fixture *f = *state;
	static const char log[] = "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n";
	static const off_t marks[] = {0, 8, 8, 16, 24};
	int token, other;
	ssg_out *o = NULL, *so = NULL;
	ssg_out_file *a = NULL, *b = NULL, *c = NULL, *d = NULL;
	size_t bytes = 99;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_int_equal(ssg_out_sub_begin(o, "revisions/v1/site/", &so,
					   f->d),
			 SSG_OK);
	assert_int_equal(ssg_out_open(o, "data/log.jsonl", &a, f->d), SSG_OK);
	/* Nothing offered yet. */
	assert_int_equal(ssg_out_open(so, "data/log.jsonl", &b, f->d),
			 SSG_OK);
	assert_false(ssg_out_start_with(so, b, &token, 1, &bytes));
	assert_int_equal(bytes, 0);
	ssg_out_put(a, log, strlen(log));
	assert_int_equal(ssg_out_close(o, a, true, f->d), SSG_OK);
	ssg_out_offer(o, "data/log.jsonl", &token, marks, 5);
	assert_false(ssg_out_start_with(so, b, &other, 1, &bytes));
	assert_false(ssg_out_start_with(so, b, &token, 5, &bytes));
	assert_true(ssg_out_start_with(so, b, &token, 3, &bytes));
	assert_int_equal(bytes, 16);
	ssg_out_put(b, "{\"v1\":0}\n", 9);
	assert_int_equal(ssg_out_close(so, b, true, f->d), SSG_OK);
	/* The first mark: nothing to copy, and taken all the same. */
	assert_int_equal(ssg_out_open(so, "data/empty.jsonl", &c, f->d),
			 SSG_OK);
	assert_true(ssg_out_start_with(so, c, &token, 0, &bytes));
	assert_int_equal(bytes, 0);
	assert_int_equal(ssg_out_close(so, c, true, f->d), SSG_OK);
	/* A file already begun is not started again. */
	assert_int_equal(ssg_out_open(o, "data/begun.jsonl", &d, f->d),
			 SSG_OK);
	ssg_out_put(d, "x\n", 2);
	assert_false(ssg_out_start_with(o, d, &token, 4, &bytes));
	assert_int_equal(ssg_out_close(o, d, true, f->d), SSG_OK);
	ssg_out_free(so);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
	assert_file(f, "data/log.jsonl", log);
	assert_file(f, "revisions/v1/site/data/log.jsonl",
		    "{\"a\":1}\n{\"b\":2}\n{\"v1\":0}\n");
	assert_file(f, "revisions/v1/site/data/empty.jsonl", "");
	assert_file(f, "data/begun.jsonl", "x\n");
}

/* An offered file changed behind the build's back is not taken. */
static void test_out_offered_file_changed_is_not_taken(void **state)
{
	fixture *f = *state;
	static const off_t marks[] = {0, 4, 8};
	int token;
	ssg_out *o = NULL;
	ssg_out_file *a = NULL, *b = NULL;
	size_t bytes = 0;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_int_equal(ssg_out_open(o, "a.txt", &a, f->d), SSG_OK);
	ssg_out_put(a, "aaa\nbbb\n", 8);
	assert_int_equal(ssg_out_close(o, a, true, f->d), SSG_OK);
	ssg_out_offer(o, "a.txt", &token, marks, 3);
	/* Cut short by someone else: its size is no longer the one
	 * offered. */
	char *tmp = fx_capture("ls -d '%s'/public.ssg-new-* | tr -d '\\n'",
			       f->base);
	assert_non_null(tmp);
	assert_true(*tmp);
	char *p = fx_path(tmp, "a.txt");
	assert_int_equal(truncate(p, 6), 0);
	free(p);
	free(tmp);
	assert_int_equal(ssg_out_open(o, "b.txt", &b, f->d), SSG_OK);
	assert_false(ssg_out_start_with(o, b, &token, 1, &bytes));
	ssg_out_put(b, "own\n", 4);
	assert_int_equal(ssg_out_close(o, b, true, f->d), SSG_OK);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_file(f, "b.txt", "own\n");
}

/* A build whose files under `sub` ("revisions/v1/site/") go through a
 * sub-tree: files[i] starting with sub are written there, the others
 * through OUT. */
static void build_with_sub(fixture *f, const char *sub,
			   const char *const *files)
{
	ssg_out *o = NULL, *so = NULL;
	size_t n = strlen(sub);
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_int_equal(ssg_out_sub_begin(o, sub, &so, f->d), SSG_OK);
	for (size_t i = 0; files[i]; i += 2) {
		if (strncmp(files[i], sub, n) == 0)
			put(so, files[i] + n, files[i + 1], f->d);
		else
			put(o, files[i], files[i + 1], f->d);
	}
	ssg_out_free(so);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
}

static void test_out_sub_tree_is_as_if_written_whole(void **state)
{
	fixture *f = *state;
	static const char *const v1[] = {
		"index.html", "trang chủ", "revisions/index.html", "các bản",
		"revisions/v1/site/index.html", "bản 1",
		"revisions/v1/site/a/b.html", "b", "revisions/v1/site/c.html",
		"c", NULL};
	static const char *const v2[] = {
		"index.html", "trang chủ", "revisions/index.html", "các bản 2",
		"revisions/v1/site/index.html", "bản 1",
		"revisions/v1/site/d/e.html", "e", NULL};
	build_with_sub(f, "revisions/v1/site/", v1);
	assert_same_as_cold(f, v1);
	/* Into the twin: what the sub-tree no longer writes goes, what it
	 * wrote the same stays. */
	build_with_sub(f, "revisions/v1/site/", v1);
	struct stat same1 = stat_of(f, "revisions/v1/site/index.html");
	build_with_sub(f, "revisions/v1/site/", v2);
	build_with_sub(f, "revisions/v1/site/", v2);
	assert_same_as_cold(f, v2);
	assert_false(exists(f, "revisions/v1/site/a"));
	assert_int_equal(stat_of(f, "revisions/v1/site/index.html").st_ino,
			 same1.st_ino);
	/* Streamed files too. */
	stream_puts = true;
	build_with_sub(f, "revisions/v1/site/", v1);
	assert_same_as_cold(f, v1);
}

static void test_out_sub_tree_stays_inside(void **state)
{
	fixture *f = *state;
	ssg_out *o = NULL, *so = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_int_equal(ssg_out_sub_begin(o, "../x/", &so, f->d),
			 SSG_ERR_ENV);
	assert_null(so);
	assert_int_equal(ssg_out_sub_begin(o, "x", &so, f->d), SSG_ERR_ENV);
	assert_int_equal(ssg_out_sub_begin(o, "a/b/", &so, f->d), SSG_OK);
	assert_int_equal(ssg_out_write(so, "../c.html", "x", 1, f->d),
			 SSG_ERR_ENV);
	assert_env_msg(f->d, "refusing to write outside");
	put(so, "d.html", "d", f->d);
	assert_int_equal(ssg_out_write(so, "d.html", "e", 1, f->d),
			 SSG_ERR_ENV);
	assert_env_msg(f->d, "written twice: d.html");
	/* A sub-tree is no site of its own: its parent commits. */
	assert_int_equal(ssg_out_commit(so, f->d), SSG_ERR_ENV);
	ssg_out_free(so);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_file(f, "a/b/d.html", "d");
	assert_false(exists(f, "c.html"));
	assert_listing(f->base, "public ");
}

/* A thread's writes: DIR + 000..399 + "/" + NAME, each "trang N". */
typedef struct {
	ssg_out *o;
	const char *dir, *name;
	ssg_diags *d;
	int rc;
} writer_job;

static void *write_many(void *arg)
{
	writer_job *j = arg;
	char path[64], text[32];
	for (int i = 0; i < 400 && j->rc == SSG_OK; i++) {
		snprintf(path, sizeof(path), "%s%03d/%s", j->dir, i, j->name);
		snprintf(text, sizeof(text), "trang %d", i);
		j->rc = ssg_out_write(j->o, path, text, strlen(text), j->d);
	}
	return NULL;
}

/* Runs a and b at once, a on this thread; both must succeed. */
static void write_both(writer_job *a, writer_job *b)
{
	a->d = ssg_diags_new();
	b->d = ssg_diags_new();
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, write_many, b), 0);
	write_many(a);
	pthread_join(t, NULL);
	assert_int_equal(a->rc, SSG_OK);
	assert_int_equal(b->rc, SSG_OK);
	ssg_diags_free(a->d);
	ssg_diags_free(b->d);
}

/* The main site's thread and a copy's write at once, each through its
 * own cursor (run under ThreadSanitizer by make tsan). */
static void test_out_sub_tree_and_parent_at_once(void **state)
{
	fixture *f = *state;
	for (int round = 0; round < 2; round++) {
		ssg_out *o = NULL, *so = NULL;
		assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
		assert_int_equal(ssg_out_sub_begin(o, "revisions/v/site/",
						   &so, f->d),
				 SSG_OK);
		writer_job a = {o, "changes/", "index.html", NULL, SSG_OK};
		writer_job b = {so, "changes/", "index.html", NULL, SSG_OK};
		write_both(&a, &b);
		ssg_out_free(so);
		assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
		ssg_out_free(o);
	}
	assert_file(f, "changes/399/index.html", "trang 399");
	assert_file(f, "revisions/v/site/changes/000/index.html", "trang 0");
	char *n = fx_capture("find '%s' -name index.html | wc -l", f->out);
	assert_non_null(n);
	assert_int_equal(atoi(n), 800);
	free(n);
}

/* Two threads write into the same new directories of one tree at once
 * (the posts' pages, pages_plan.c): a directory taken by one write is
 * made after out's lock is released, and the other thread's write into
 * it may come first (run under ThreadSanitizer by make tsan). */
static void test_out_two_threads_in_the_same_new_directories(void **state)
{
	fixture *f = *state;
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	writer_job a = {o, "posts/p", "index.html", NULL, SSG_OK};
	writer_job b = {o, "posts/p", "anh.png", NULL, SSG_OK};
	write_both(&a, &b);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_file(f, "posts/p000/index.html", "trang 0");
	assert_file(f, "posts/p399/anh.png", "trang 399");
	char *n = fx_capture("find '%s' -type f -name '*.*' | wc -l", f->out);
	assert_non_null(n);
	assert_int_equal(atoi(n), 800 + 1); /* and the marker */
	free(n);
	n = fx_capture("find '%s/posts' -type d -perm 0755 | wc -l", f->out);
	assert_non_null(n);
	assert_int_equal(atoi(n), 400 + 1);
	free(n);
}

/* ---- the twin overwritten in place once it has long been out of service */

/* The twin's path joined with rel. */
static char *twin_file(const fixture *f, const char *rel)
{
	char twin[128];
	snprintf(twin, sizeof(twin), "%s/.public.ssg-prev", f->base);
	return fx_path(twin, rel);
}

/* Dates the twin's retirement `ago` seconds back. */
static void age_twin(const fixture *f, long ago)
{
	char *m = twin_file(f, SSG_OUT_MARKER);
	struct timespec now;
	assert_int_equal(clock_gettime(CLOCK_REALTIME, &now), 0);
	struct timespec t[2] = {{now.tv_sec - ago, 0}, {now.tv_sec - ago, 0}};
	assert_int_equal(utimensat(AT_FDCWD, m, t, AT_SYMLINK_NOFOLLOW), 0);
	free(m);
}

static ino_t twin_ino(const fixture *f, const char *rel)
{
	struct stat st;
	char *p = twin_file(f, rel);
	assert_int_equal(lstat(p, &st), 0);
	free(p);
	return st.st_ino;
}

static const char *const quiet1[] = {
	"index.html", "trang chủ, bản đầu tiên dài hơn",
	"grow.html", "a",
	"same.html", "không đổi",
	"p/x.html", "v1", NULL};
static const char *const quiet2[] = {
	"index.html", "ngắn",
	"grow.html", "abcdefghijklmnopqrstuvwxyz",
	"same.html", "không đổi",
	"p/x.html", "v2", NULL};

static void test_out_quiet_twin_is_overwritten_in_place(void **state)
{
	fixture *f = *state;
	build(f, quiet1);
	build(f, quiet1);
	/* The twin holds the first build; it went out of service just now. */
	age_twin(f, 121);
	ino_t index = twin_ino(f, "index.html"), grow = twin_ino(f, "grow.html");
	ino_t x = twin_ino(f, "p/x.html");
	/* A mode spoiled in the twin is made right by the overwrite too. */
	char *px = twin_file(f, "p/x.html");
	assert_int_equal(chmod(px, 0600), 0);
	free(px);
	/* OUT's own marker is old too: it must be dated when OUT retires. */
	char *live = fx_path(f->out, SSG_OUT_MARKER);
	struct timespec t[2] = {{1000000000, 0}, {1000000000, 0}};
	assert_int_equal(utimensat(AT_FDCWD, live, t, AT_SYMLINK_NOFOLLOW), 0);
	free(live);
	mode_t old = umask(077);
	build(f, quiet2);
	umask(old);
	assert_same_as_cold(f, quiet2);
	/* Shorter, longer and same-size bytes, each in its own inode. */
	assert_int_equal(stat_of(f, "index.html").st_ino, index);
	assert_int_equal(stat_of(f, "grow.html").st_ino, grow);
	assert_int_equal(stat_of(f, "p/x.html").st_ino, x);
	assert_int_equal(stat_of(f, "p/x.html").st_mode & 07777, 0644);
	assert_int_equal(stat_of(f, "index.html").st_size, strlen("ngắn"));
	/* The tree that just went out of service is dated now: the next
	 * build goes through renames again. */
	ino_t was = twin_ino(f, "index.html"); /* holds quiet1 */
	build(f, quiet2);
	assert_same_as_cold(f, quiet2);
	assert_int_not_equal(stat_of(f, "index.html").st_ino, was);
}

static void test_out_young_twin_goes_through_renames(void **state)
{
	fixture *f = *state;
	build(f, quiet1);
	build(f, quiet1);
	age_twin(f, 100); /* less than two minutes */
	ino_t index = twin_ino(f, "index.html");
	build(f, quiet2);
	assert_same_as_cold(f, quiet2);
	assert_int_not_equal(stat_of(f, "index.html").st_ino, index);
}

/* A name with a second link (it could be a file outside the tree), a file
 * too large to be sure no download of it is still running, and a file
 * written in pieces are replaced through a rename even in a quiet twin. */
static void test_out_quiet_twin_replaces_linked_large_and_streamed(void **state)
{
	fixture *f = *state;
	size_t big = (1u << 20) + 1;
	char *large1 = malloc(big + 1), *large2 = malloc(big + 1);
	memset(large1, 'a', big);
	memset(large2, 'b', big);
	large1[big] = large2[big] = '\0';
	const char *const v1[] = {"linked.html", "v1", "large.bin", large1,
				  "shrinks.bin", large1, "grows.bin", "a",
				  "streamed.html", "v1", NULL};
	const char *const v2[] = {"linked.html", "v2", "large.bin", large2,
				  "shrinks.bin", "b", "grows.bin", large2,
				  NULL};
	build(f, v1);
	build(f, v1);
	age_twin(f, 600);
	char *linked = twin_file(f, "linked.html");
	char outside[128];
	snprintf(outside, sizeof(outside), "%s/outside.html", f->base);
	assert_int_equal(link(linked, outside), 0);
	ino_t l = twin_ino(f, "linked.html"), g = twin_ino(f, "large.bin");
	ino_t st = twin_ino(f, "streamed.html");
	ino_t shrinks = twin_ino(f, "shrinks.bin");
	ino_t grows = twin_ino(f, "grows.bin");
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	for (size_t i = 0; v2[i]; i += 2)
		put(o, v2[i], v2[i + 1], f->d);
	stream_puts = true;
	put(o, "streamed.html", "v2", f->d);
	stream_puts = false;
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
	char *got = fx_slurp(outside, NULL);
	assert_string_equal(got, "v1");
	free(got);
	assert_file(f, "linked.html", "v2");
	assert_file(f, "streamed.html", "v2");
	assert_int_not_equal(stat_of(f, "linked.html").st_ino, l);
	assert_int_not_equal(stat_of(f, "large.bin").st_ino, g);
	assert_int_not_equal(stat_of(f, "streamed.html").st_ino, st);
	assert_int_not_equal(stat_of(f, "shrinks.bin").st_ino, shrinks);
	assert_int_not_equal(stat_of(f, "grows.bin").st_ino, grows);
	assert_file(f, "shrinks.bin", "b");
	assert_int_equal(unlink(outside), 0);
	free(linked);
	free(large1);
	free(large2);
}

/* The stamp of the twin's file rel, as pagekeys records it. */
static ssg_out_stamp twin_stamp(const fixture *f, const char *rel)
{
	struct stat st;
	char *p = twin_file(f, rel);
	assert_int_equal(lstat(p, &st), 0);
	free(p);
	ssg_out_stamp s = {(unsigned long long)st.st_ino,
			   (unsigned long long)st.st_size,
			   (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
	return s;
}

/* ssg_out_open_grow on rel of a new build in the twin: whether taken,
 * then `more` put after it and the file closed with `keep`; the build
 * is committed when keep. */
static bool grow(fixture *f, const char *const *files, const char *rel,
		 const ssg_out_stamp *st, const char *more, bool keep)
{
	ssg_out *o = NULL;
	ssg_out_file *g = NULL;
	bool taken = true;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	for (size_t i = 0; files[i]; i += 2)
		if (strcmp(files[i], rel) != 0)
			put(o, files[i], files[i + 1], f->d);
	assert_int_equal(ssg_out_open_grow(o, rel, st, &g, &taken, f->d),
			 SSG_OK);
	if (taken) {
		assert_non_null(g);
		ssg_out_put(g, more, strlen(more));
		assert_int_equal(ssg_out_close(o, g, keep, f->d), SSG_OK);
	} else {
		assert_null(g);
	}
	if (keep)
		assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
	return taken;
}

static const char *const log1[] = {"index.html", "v1", "data/log.jsonl",
				   "{\"a\":1}\n", NULL};

/* OUT and its twin both hold log1, the twin retired `ago` seconds back;
 * the stamp of the twin's log. */
static ssg_out_stamp log_twin(fixture *f, long ago)
{
	build(f, log1);
	build(f, log1);
	age_twin(f, ago);
	return twin_stamp(f, "data/log.jsonl");
}

/* A log that only grows (data/history.jsonl) is grown where it is in a
 * twin out of service long enough, when the twin's file is its own and
 * as recorded: its old bytes are not written again. */
static void test_out_quiet_twin_grows_a_log_in_place(void **state)
{
	fixture *f = *state;
	ssg_out_stamp st = log_twin(f, 600);
	ino_t ino = twin_ino(f, "data/log.jsonl");
	assert_true(grow(f, log1, "data/log.jsonl", &st, "{\"b\":2}\n", true));
	assert_file(f, "data/log.jsonl", "{\"a\":1}\n{\"b\":2}\n");
	assert_int_equal(stat_of(f, "data/log.jsonl").st_ino, ino);
	assert_int_equal(stat_of(f, "data/log.jsonl").st_mode & 07777, 0644);
}

/* Not in a twin that left service a moment ago, not from a file changed
 * since its stamp, nor from one with a second name (OUT's file, or one
 * outside the tree): f is NULL, and nothing of theirs changes.  A file
 * grown and then dropped gets its old bytes back. */
static void test_out_log_not_grown_where_it_may_not_be(void **state)
{
	fixture *f = *state;
	ssg_out_stamp st = log_twin(f, 100);
	assert_false(grow(f, log1, "data/log.jsonl", &st, "x", false));
	age_twin(f, 600);
	st = twin_stamp(f, "data/log.jsonl");
	ssg_out_stamp other = st;
	other.size++;
	assert_false(grow(f, log1, "data/log.jsonl", &other, "x", false));
	other = st;
	other.nsec = (other.nsec + 1) % 1000000000L;
	assert_false(grow(f, log1, "data/log.jsonl", &other, "x", false));
	char *log = twin_file(f, "data/log.jsonl");
	char outside[128];
	snprintf(outside, sizeof(outside), "%s/outside.jsonl", f->base);
	assert_int_equal(link(log, outside), 0);
	st = twin_stamp(f, "data/log.jsonl");
	assert_false(grow(f, log1, "data/log.jsonl", &st, "x", false));
	char *got = fx_slurp(outside, NULL);
	assert_string_equal(got, "{\"a\":1}\n");
	free(got);
	assert_int_equal(unlink(outside), 0);
	st = twin_stamp(f, "data/log.jsonl");
	assert_true(grow(f, log1, "data/log.jsonl", &st, "{\"b\":2}\n", false));
	got = fx_slurp(log, NULL);
	assert_string_equal(got, "{\"a\":1}\n");
	free(got);
	free(log);
}

/* A sub-tree of a reused twin removes what it no longer writes when it
 * ends, before the commit (on its own thread, in a build); one whose
 * write failed leaves that to the commit, which still does it. */
static void test_out_sub_tree_prunes_its_part_when_it_ends(void **state)
{
	fixture *f = *state;
	static const char *const v1[] = {
		"index.html", "trang chủ", "s/old.html", "cũ", "s/d/x.html",
		"x", "s/keep.html", "giữ", NULL};
	build_with_sub(f, "s/", v1);
	build_with_sub(f, "s/", v1);
	char *old = twin_file(f, "s/old.html"), *dir = twin_file(f, "s/d");
	char *keep = twin_file(f, "s/keep.html");
	struct stat st;
	for (int failing = 0; failing < 2; failing++) {
		ssg_out *o = NULL, *so = NULL;
		assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
		assert_int_equal(ssg_out_sub_begin(o, "s/", &so, f->d), SSG_OK);
		put(so, "keep.html", "giữ", f->d);
		if (failing)
			assert_int_equal(ssg_out_write(so, "keep.html/x", "y",
						       1, f->d),
					 SSG_ERR_ENV);
		ssg_out_free(so);
		assert_int_equal(lstat(old, &st) == 0, failing);
		assert_int_equal(lstat(dir, &st) == 0, failing);
		assert_int_equal(lstat(keep, &st), 0);
		put(o, "index.html", "trang chủ", f->d);
		assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
		ssg_out_free(o);
		assert_false(exists(f, "s/old.html"));
		assert_false(exists(f, "s/d"));
		assert_file(f, "s/keep.html", "giữ");
		ssg_diags_free(f->d);
		f->d = ssg_diags_new();
		/* The twin holds v1 again for the second round. */
		build_with_sub(f, "s/", v1);
		build_with_sub(f, "s/", v1);
	}
	free(old);
	free(dir);
	free(keep);
}

/* ---- sub-trees kept from an earlier build ---- */

/* The manifest of dir in the tree a new build of OUT writes into (the
 * twin), into m (cleared first): false when there is none; the build is
 * left uncommitted. */
static bool manifest_in_twin(fixture *f, const char *dir, ssg_buf *m)
{
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	ssg_buf_clear(m);
	bool ok = ssg_out_manifest(o, dir, m);
	ssg_out_free(o);
	return ok;
}

/* Whether dir in the twin is as m says. */
static bool as_in_twin(fixture *f, const char *dir, const ssg_buf *m)
{
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	bool ok = ssg_out_check(o, dir, m->data, m->len);
	ssg_out_free(o);
	return ok;
}

static void test_out_manifest_sees_every_change(void **state)
{
	fixture *f = *state;
	static const char *const v1[] = {
		"index.html", "trang chủ", "r/v1/site/index.html", "bản 1",
		"r/v1/site/a/b.html", "b", "r/v1/site/c.html", "c", NULL};
	ssg_buf m, again;
	ssg_buf_init(&m);
	ssg_buf_init(&again);
	build(f, v1);
	assert_false(manifest_in_twin(f, "r/v1/site/", &m)); /* no twin yet */
	build(f, v1);
	assert_true(manifest_in_twin(f, "r/v1/site/", &m));
	/* Reading it, and writing outside it, change nothing. */
	assert_true(manifest_in_twin(f, "r/v1/site/", &again));
	assert_string_equal(again.data, m.data);
	assert_true(as_in_twin(f, "r/v1/site/", &m));
	char *tw = twin_file(f, "index.html");
	FILE *fp = fopen(tw, "a");
	fputs("x", fp);
	fclose(fp);
	free(tw);
	assert_true(as_in_twin(f, "r/v1/site/", &m));
	/* Each of these does. */
	static const char *const cmds[] = {
		"echo x >> r/v1/site/c.html",
		"touch -d '2020-01-01' r/v1/site/c.html",
		"chmod 600 r/v1/site/a/b.html",
		"echo x > r/v1/site/a/new.html",
		"echo x > r/v1/site/new.html",
		"rm r/v1/site/a/b.html",
		"mv r/v1/site/c.html r/v1/site/d.html",
		"cp -p r/v1/site/index.html t && mv t r/v1/site/index.html",
		"mv r/v1/site/a a && ln -s ../../../a r/v1/site/a",
		"rm r/v1/site/a && mv a r/v1/site/a && echo x > r/v1/site/a/c",
		"rm -r r/v1/site/a",
	};
	char twin[128];
	snprintf(twin, sizeof(twin), "%s/.public.ssg-prev", f->base);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++) {
		assert_true(manifest_in_twin(f, "r/v1/site/", &m));
		char *out = fx_capture("cd '%s' && %s && echo ok", twin, cmds[i]);
		assert_string_equal(out, "ok\n");
		free(out);
		if (as_in_twin(f, "r/v1/site/", &m))
			fail_msg("'%s' left the tree as its manifest says",
				 cmds[i]);
	}
	/* Not a directory, a link, or outside: no manifest. */
	assert_false(manifest_in_twin(f, "r/v1/site/index.html/", &again));
	assert_false(manifest_in_twin(f, "../public/", &again));
	char *out = fx_capture("cd '%s' && ln -s v1 r/v2 && echo ok", twin);
	free(out);
	assert_false(manifest_in_twin(f, "r/v2/site/", &again));
	assert_false(as_in_twin(f, "r/v2/site/", &m));
	ssg_buf_fini(&m);
	ssg_buf_fini(&again);
}

static void test_out_kept_sub_tree_stays_whole(void **state)
{
	fixture *f = *state;
	static const char *const v1[] = {
		"index.html", "trang chủ 1", "r/v1/index.html", "bản 1",
		"r/v1/site/index.html", "bản 1", "r/v1/site/a/b.html", "b",
		NULL};
	build(f, v1);
	build(f, v1);
	ssg_buf before;
	ssg_buf_init(&before);
	ino_t b = twin_ino(f, "r/v1/site/a/b.html");
	/* A build that writes all but the kept sub-tree. */
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_true(ssg_out_manifest(o, "r/v1/site/", &before));
	assert_int_equal(ssg_out_keep(o, "r/v1/site/", f->d), SSG_OK);
	put(o, "index.html", "trang chủ 2", f->d);
	put(o, "r/v1/index.html", "bản 1", f->d);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
	static const char *const v2[] = {
		"index.html", "trang chủ 2", "r/v1/index.html", "bản 1",
		"r/v1/site/index.html", "bản 1", "r/v1/site/a/b.html", "b",
		NULL};
	assert_same_as_cold(f, v2);
	assert_int_equal(stat_of(f, "r/v1/site/a/b.html").st_ino, b);
	/* Nothing in it changed: as its manifest says, in OUT now. */
	build(f, v2); /* OUT is the twin now */
	assert_true(as_in_twin(f, "r/v1/site/", &before));
	ssg_buf_fini(&before);
	/* Only a directory the tree has can be kept. */
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_int_equal(ssg_out_keep(o, "r/v9/site/", f->d), SSG_ERR_ENV);
	assert_int_equal(ssg_out_keep(o, "../x/", f->d), SSG_ERR_ENV);
	ssg_out_free(o);
}


/* What a killed build left beside OUT is removed by the next build;
 * a temporary tree in use (locked), one without the marker, another
 * name and a link are left alone. */
static void test_out_sweep_removes_only_dead_marked_trees(void **state)
{
	fixture *f = *state;
	/* OUT exists, so that exists(f, "../NAME") looks beside it. */
	assert_int_equal(mkdir(f->out, 0755), 0);
	assert_true(exists(f, "../public"));
	fx_put(f->base, "public.ssg-new-dead01/.ssg-output", "x");
	fx_put(f->base, "public.ssg-new-dead01/a/index.html", "old");
	fx_put(f->base, "public.ssg-old-dead02/.ssg-output", "x");
	fx_put(f->base, "public.ssg-new-nomark/index.html", "not ours");
	fx_put(f->base, "public.ssg-new-toolong1/.ssg-output", "x");
	fx_put(f->base, "other.ssg-new-dead03/.ssg-output", "x");
	fx_put(f->base, "elsewhere/.ssg-output", "x");
	char *target = fx_path(f->base, "elsewhere");
	char *link = fx_path(f->base, "public.ssg-new-link01");
	assert_int_equal(symlink(target, link), 0);
	/* A build at work: its tree is locked while it writes. */
	char *busy = NULL;
	int fd = -1;
	assert_int_equal(ssg_outdir_scratch(f->out, &busy, &fd, f->d), SSG_OK);

	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_false(exists(f, "../public.ssg-new-dead01"));
	assert_false(exists(f, "../public.ssg-old-dead02"));
	assert_true(exists(f, "../public.ssg-new-nomark/index.html"));
	assert_true(exists(f, "../public.ssg-new-toolong1/.ssg-output"));
	assert_true(exists(f, "../other.ssg-new-dead03/.ssg-output"));
	assert_true(exists(f, "../public.ssg-new-link01"));
	assert_true(exists(f, "../elsewhere/.ssg-output"));
	struct stat st;
	assert_int_equal(stat(busy, &st), 0);
	assert_int_equal(ssg_out_write(o, "index.html", "new", 3, f->d),
			 SSG_OK);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	assert_int_equal(stat(busy, &st), 0);
	/* Its build gone, the next one removes it. */
	close(fd);
	ssg_outdir_sweep(f->out);
	assert_int_equal(stat(busy, &st), -1);
	assert_file(f, "index.html", "new");
	free(busy);
	free(target);
	free(link);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_out_commit_creates_tree),
		T(test_out_second_build_replaces_old_tree),
		T(test_out_unfinished_build_leaves_old_tree),
		T(test_out_refuses_paths_outside),
		T(test_out_file_written_twice_is_error),
		T(test_out_regular_file_is_env_error),
		T(test_out_symlink_out_is_env_error),
		T(test_out_refuses_to_replace_foreign_dir),
		T(test_out_empty_dir_is_replaced),
		T(test_out_old_tree_removal_does_not_follow_links),
		T(test_out_missing_parent_is_env_error),
		T(test_out_unwritable_parent_is_env_error),
		T(test_out_refuses_dot_dirs),
		T(test_out_modes_ignore_umask),
		T(test_out_trailing_slash_names_same_dir),
		T(test_out_rebuild_writes_exactly_the_new_set),
		T(test_out_unchanged_files_are_not_rewritten),
		T(test_out_failed_rebuild_leaves_out_and_next_is_exact),
		T(test_out_foreign_twin_is_not_touched),
		T(test_out_reused_twin_modes_are_fixed),
		T(test_out_written_twice_is_error_in_reused_twin),
		T(test_out_streamed_files_are_written_as_whole_ones),
		T(test_out_streamed_file_interleaved_and_dropped),
		T(test_out_streamed_file_outside_is_refused),
		T(test_out_offered_file_starts_another),
		T(test_out_offered_file_changed_is_not_taken),
		T(test_out_sub_tree_is_as_if_written_whole),
		T(test_out_sub_tree_stays_inside),
		T(test_out_sub_tree_and_parent_at_once),
		T(test_out_two_threads_in_the_same_new_directories),
		T(test_out_quiet_twin_is_overwritten_in_place),
		T(test_out_young_twin_goes_through_renames),
		T(test_out_quiet_twin_replaces_linked_large_and_streamed),
		T(test_out_quiet_twin_grows_a_log_in_place),
		T(test_out_log_not_grown_where_it_may_not_be),
		T(test_out_sub_tree_prunes_its_part_when_it_ends),
		T(test_out_manifest_sees_every_change),
		T(test_out_kept_sub_tree_stays_whole),
		T(test_out_sweep_removes_only_dead_marked_trees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
