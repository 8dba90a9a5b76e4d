/* outdir: what makes a tree ours, its removal, signature, exchange and
 * scratch trees, on their own (test_out has them under a build). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "outdir.h"

typedef struct {
	char base[64];
	ssg_diags *d;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!fx_mkdtemp(f->base, sizeof(f->base), "outdir"))
		return -1;
	f->d = ssg_diags_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	int rc = fx_rmtree(f->base);
	ssg_diags_free(f->d);
	free(f);
	return rc;
}

static bool exists(const fixture *f, const char *rel)
{
	char *p = fx_path(f->base, rel);
	struct stat st;
	bool ok = lstat(p, &st) == 0;
	free(p);
	return ok;
}

static int open_dir(const fixture *f, const char *rel)
{
	char *p = fx_path(f->base, rel);
	int fd = open(p, O_RDONLY | O_DIRECTORY);
	free(p);
	assert_true(fd >= 0);
	return fd;
}

/* The manifest of rel into m (cleared first). */
static bool manifest(const fixture *f, const char *rel, ssg_buf *m)
{
	ssg_buf_clear(m);
	return ssg_outdir_manifest(open_dir(f, rel), m);
}

/* Whether rel is as m says. */
static bool check(const fixture *f, const char *rel, const ssg_buf *m)
{
	int fd = open_dir(f, rel);
	bool ok = ssg_outdir_check(fd, m->data, m->len);
	close(fd);
	return ok;
}

static void pause_ms(long ms)
{
	struct timespec t = {0, ms * 1000000L};
	nanosleep(&t, NULL);
}

/* Runs cmd in base: afterwards, rel is not as its manifest before said.
 * With `old`, that manifest is made when the clock has moved on since
 * the last change: its directories are 'd' ones. */
static void changed_by(const fixture *f, const char *rel, const char *cmd,
		       bool old, ssg_buf *m)
{
	if (old)
		pause_ms(60);
	assert_true(manifest(f, rel, m));
	if (old)
		assert_null(strstr(m->data, "\nl "));
	assert_true(check(f, rel, m));
	char *out = fx_capture("cd '%s' && %s && echo ok", f->base, cmd);
	assert_string_equal(out, "ok\n");
	free(out);
	if (check(f, rel, m))
		fail_msg("'%s' left the tree as its manifest says", cmd);
}

/* Only an empty directory or one holding the marker may be replaced; a
 * marker that is a directory does not count. */
static void test_outdir_replaceable_only_empty_or_marked(void **state)
{
	fixture *f = *state;
	char *empty = fx_path(f->base, "empty"), *ours = fx_path(f->base, "ours"),
	     *theirs = fx_path(f->base, "theirs"),
	     *fake = fx_path(f->base, "fake");
	assert_int_equal(mkdir(empty, 0755), 0);
	fx_put(f->base, "ours/" SSG_OUT_MARKER, SSG_OUTDIR_MARKER_TEXT);
	fx_put(f->base, "theirs/notes.txt", "mine");
	fx_put(f->base, "fake/" SSG_OUT_MARKER "/x", "a directory");
	assert_int_equal(ssg_outdir_replaceable(empty, f->d), SSG_OK);
	assert_int_equal(ssg_outdir_replaceable(ours, f->d), SSG_OK);
	assert_int_equal(ssg_diags_count(f->d), 0);
	assert_int_equal(ssg_outdir_replaceable(theirs, f->d), SSG_ERR_ENV);
	assert_non_null(strstr(ssg_diags_get(f->d, 0)->msg, "not empty"));
	assert_int_equal(ssg_outdir_replaceable(fake, f->d), SSG_ERR_ENV);
	assert_true(ssg_outdir_ours(ours));
	assert_false(ssg_outdir_ours(empty));
	assert_false(ssg_outdir_ours(fake));
	free(empty);
	free(ours);
	free(theirs);
	free(fake);
}

/* Removing a tree removes a link in it, not what the link points to. */
static void test_outdir_rm_does_not_follow_links(void **state)
{
	fixture *f = *state;
	fx_put(f->base, "keep/precious.txt", "x");
	fx_put(f->base, "tree/a/b/c.html", "x");
	char *target = fx_path(f->base, "keep");
	char *link = fx_path(f->base, "tree/a/link");
	assert_int_equal(symlink(target, link), 0);
	char *tree = fx_path(f->base, "tree");
	assert_int_equal(ssg_outdir_rm(tree), 0);
	assert_false(exists(f, "tree"));
	assert_true(exists(f, "keep/precious.txt"));
	/* A link itself is not a tree to remove. */
	char *l2 = fx_path(f->base, "l2");
	assert_int_equal(symlink(target, l2), 0);
	assert_int_equal(ssg_outdir_rm(l2), -1);
	assert_true(exists(f, "keep/precious.txt"));
	free(target);
	free(link);
	free(tree);
	free(l2);
}

/* A manifest is the same for the same tree, and a tree is no longer as
 * it says after a write, a new file, a removal, a rename, a chmod or a
 * link anywhere below, whether its directories changed just before it
 * was made (counted again: 'l') or long before ('d'). */
static void test_outdir_check_sees_any_change(void **state)
{
	fixture *f = *state;
	static const char *const cmds[] = {
		"echo x >> t/a/index.html",
		"touch -d 2020-01-01 t/b/c/index.html",
		"chmod 600 t/a/index.html",
		"chmod 700 t/b",
		"echo x > t/b/c/new.html",
		"echo x > t/new.html",
		"rm t/a/index.html",
		"mv t/b/c/index.html t/b/c/other.html",
		"cp -p t/b/c/other.html x && mv x t/b/c/other.html",
		"mkdir t/b/c/d",
		"mv t/b/c t/c && ln -s ../c t/b/c",
		"rm -r t/a",
	};
	char *t = fx_path(f->base, "t");
	for (int old = 0; old < 2; old++) {
		if (old)
			(void)fx_rmtree(t);
		fx_put(f->base, "t/a/index.html", "one");
		fx_put(f->base, "t/b/c/index.html", "two");
		ssg_buf m, again;
		ssg_buf_init(&m);
		ssg_buf_init(&again);
		assert_true(manifest(f, "t", &m));
		assert_true(manifest(f, "t", &again));
		assert_string_equal(m.data, again.data);
		assert_non_null(strstr(m.data, " .\n"));
		for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++)
			changed_by(f, "t", cmds[i], old, &m);
		ssg_buf_fini(&m);
		ssg_buf_fini(&again);
	}
	free(t);
}

/* m with the line of directory `path` made "l MODE INO count SEC NSEC
 * path", into out. */
static void as_recent(const ssg_buf *m, const char *path, unsigned count,
		      ssg_buf *out)
{
	ssg_buf_clear(out);
	size_t plen = strlen(path);
	for (const char *p = m->data; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = (size_t)(e - p);
		unsigned mode;
		unsigned long long ino, cnt;
		long long sec;
		long nsec;
		int used = 0;
		if (p[0] == 'd' && n > plen + 1 && p[n - plen - 1] == ' ' &&
		    !memcmp(e - plen, path, plen) &&
		    sscanf(p, "d %o %llu %llu %lld %ld %n", &mode, &ino, &cnt,
			   &sec, &nsec, &used) == 5)
			ssg_buf_printf(out, "l %o %llu %u %lld %ld %s\n", mode,
				       ino, count, sec, nsec, path);
		else
			ssg_buf_put(out, p, n + 1);
		p = e + 1;
	}
}

/* A directory changed just before its manifest was made ('l') has its
 * entries counted: as many as the manifest says, or it is not as it
 * says (a name made in the same tick of the clock would leave its time
 * of change as it was). */
static void test_outdir_check_counts_recent_directories(void **state)
{
	fixture *f = *state;
	fx_put(f->base, "t/a/index.html", "one");
	fx_put(f->base, "t/a/two.html", "two");
	pause_ms(60);
	ssg_buf m, l;
	ssg_buf_init(&m);
	ssg_buf_init(&l);
	assert_true(manifest(f, "t", &m));
	assert_null(strstr(m.data, "\nl "));
	as_recent(&m, "a", 2, &l);
	assert_string_not_equal(l.data, m.data);
	assert_true(check(f, "t", &l));
	as_recent(&m, "a", 3, &l);
	assert_false(check(f, "t", &l));
	as_recent(&m, ".", 1, &l);
	assert_true(check(f, "t", &l));
	as_recent(&m, ".", 2, &l);
	assert_false(check(f, "t", &l));
	ssg_buf_fini(&m);
	ssg_buf_fini(&l);
}

/* A manifest cut short, or holding what is not a line of one, says
 * nothing: no tree is as it says. */
static void test_outdir_check_takes_only_a_manifest(void **state)
{
	fixture *f = *state;
	fx_put(f->base, "t/a/index.html", "one");
	ssg_buf m, bad;
	ssg_buf_init(&m);
	ssg_buf_init(&bad);
	assert_true(manifest(f, "t", &m));
	assert_true(check(f, "t", &m));
	/* The header alone, or no top: nothing there is vouched for. */
	const char *nl = strchr(m.data, '\n');
	ssg_buf_put(&bad, m.data, (size_t)(nl - m.data) + 1);
	assert_false(check(f, "t", &bad));
	ssg_buf_clear(&bad);
	for (const char *p = m.data; *p;) {
		const char *e = strchr(p, '\n') + 1;
		if (strncmp(e - 3, " .\n", 3) != 0)
			ssg_buf_put(&bad, p, (size_t)(e - p));
		p = e;
	}
	assert_true(bad.len < m.len); /* the top's line gone */
	assert_false(check(f, "t", &bad));
	/* Cut short, or a line of garbage. */
	int fd = open_dir(f, "t");
	assert_false(ssg_outdir_check(fd, m.data, m.len - 1));
	close(fd);
	ssg_buf_clear(&bad);
	ssg_buf_puts(&bad, m.data);
	ssg_buf_puts(&bad, "f 100644 x 1 2 3 a/index.html\n");
	assert_false(check(f, "t", &bad));
	ssg_buf_fini(&m);
	ssg_buf_fini(&bad);
}

static void test_outdir_exchange_swaps_two_trees(void **state)
{
	fixture *f = *state;
	fx_put(f->base, "a/x", "a");
	fx_put(f->base, "b/y", "b");
	char *a = fx_path(f->base, "a"), *b = fx_path(f->base, "b");
	if (ssg_outdir_exchange(a, b) < 0) {
		/* A file system without RENAME_EXCHANGE: out.c renames. */
		skip();
	}
	assert_true(exists(f, "a/y"));
	assert_true(exists(f, "b/x"));
	free(a);
	free(b);
}

/* A scratch tree is marked, locked while its descriptor is open (a
 * sweep leaves it), swept once it is not, and removed by its end. */
static void test_outdir_scratch_locked_until_its_end(void **state)
{
	fixture *f = *state;
	char *dest = fx_path(f->base, "site.zip");
	char *path = NULL;
	int fd = -1;
	assert_int_equal(ssg_outdir_scratch(dest, &path, &fd, f->d), SSG_OK);
	assert_non_null(strstr(path, "site.zip.ssg-new-"));
	assert_true(ssg_outdir_ours(path));
	ssg_outdir_sweep(dest);
	assert_true(ssg_outdir_ours(path));
	char *kept = strdup(path);
	ssg_outdir_scratch_end(path, fd);
	struct stat st;
	assert_int_equal(stat(kept, &st), -1);

	/* One whose build died (its descriptor closed, so unlocked) goes
	 * at the next sweep. */
	assert_int_equal(ssg_outdir_scratch(dest, &path, &fd, f->d), SSG_OK);
	close(fd);
	ssg_outdir_sweep(dest);
	assert_int_equal(stat(path, &st), -1);
	ssg_outdir_scratch_end(path, -1);
	free(kept);
	free(dest);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_outdir_replaceable_only_empty_or_marked),
		T(test_outdir_rm_does_not_follow_links),
		T(test_outdir_check_sees_any_change),
		T(test_outdir_check_takes_only_a_manifest),
		T(test_outdir_check_counts_recent_directories),
		T(test_outdir_exchange_swaps_two_trees),
		T(test_outdir_scratch_locked_until_its_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
