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

static bool sig(const fixture *f, const char *rel, char out[65])
{
	return ssg_outdir_sig(open_dir(f, rel), out);
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

/* The signature is the same for the same tree and changes with a write,
 * a new file, a removal or a chmod anywhere below. */
static void test_outdir_sig_changes_with_any_change(void **state)
{
	fixture *f = *state;
	fx_put(f->base, "t/a/index.html", "one");
	fx_put(f->base, "t/b/c/index.html", "two");
	char s0[65], s1[65];
	assert_true(sig(f, "t", s0));
	assert_true(sig(f, "t", s1));
	assert_string_equal(s0, s1);
	assert_int_equal(strlen(s0), 64);

	/* (Another size: times alone may not move within a clock tick.) */
	fx_put(f->base, "t/b/c/index.html", "three");
	assert_true(sig(f, "t", s1));
	assert_string_not_equal(s0, s1);
	memcpy(s0, s1, sizeof(s0));

	fx_put(f->base, "t/b/new.html", "");
	assert_true(sig(f, "t", s1));
	assert_string_not_equal(s0, s1);
	memcpy(s0, s1, sizeof(s0));

	char *p = fx_path(f->base, "t/a/index.html");
	assert_int_equal(chmod(p, 0600), 0);
	assert_true(sig(f, "t", s1));
	assert_string_not_equal(s0, s1);
	memcpy(s0, s1, sizeof(s0));

	assert_int_equal(unlink(p), 0);
	assert_true(sig(f, "t", s1));
	assert_string_not_equal(s0, s1);
	free(p);
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
		T(test_outdir_sig_changes_with_any_change),
		T(test_outdir_exchange_swaps_two_trees),
		T(test_outdir_scratch_locked_until_its_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
