/* pagekeys, alone: the records a build leaves in the store of what each
 * file of its tree was written from, read back by the next builds (the
 * binary file .git/ssg/pages), and what damage to them does. */
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
#include <unistd.h>

#include "err.h"
#include "fixture.h"
#include "out.h"
#include "pagekeys.h"

typedef struct {
	char base[64];   /* a fresh directory */
	char out[96];    /* base/public */
	char gitdir[96]; /* base/git, whose ssg/pages the records are */
	ssg_diags *d;
} fixture;

#define K1 "1111111111111111111111111111111111111111111111111111111111111111"
#define K2 "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
#define K3 "3333333333333333333333333333333333333333333333333333333333333333"

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!fx_mkdtemp(f->base, sizeof(f->base), "pagekeys"))
		return -1;
	snprintf(f->out, sizeof(f->out), "%s/public", f->base);
	snprintf(f->gitdir, sizeof(f->gitdir), "%s/git", f->base);
	if (mkdir(f->gitdir, 0755) != 0)
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

/* One build: begins a tree, reads the records for it, lets `add` add
 * this build's, commits the tree and writes the records, as site.c
 * does.  `check` looks at what was read, before. */
typedef void (*step_fn)(ssg_pagekeys *k);

static void build(fixture *f, step_fn check, step_fn add)
{
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	ssg_pagekeys *k = ssg_pagekeys_read(f->gitdir, o);
	if (check)
		check(k);
	if (add)
		add(k);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	assert_true(ssg_pagekeys_write(k, f->gitdir));
	ssg_pagekeys_free(k);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
}

static const ssg_out_stamp st_a = {11, 22, 1735542877LL, 44};
static const ssg_out_stamp st_b = {55, 66, -1LL, 999999999L};
static const ssg_out_stamp st_c = {77, 0, 0, 0};

static void add_first(ssg_pagekeys *k)
{
	ssg_pagekeys_add(k, "a/index.html", K1, &st_a);
	ssg_pagekeys_add(k, "tables/xã/06253/index.html", K2, &st_b);
}

static void add_second(ssg_pagekeys *k)
{
	ssg_pagekeys_add(k, "a/index.html", K3, &st_c);
}

static void assert_stamp(const ssg_out_stamp *got, const ssg_out_stamp *want)
{
	assert_int_equal(got->ino, want->ino);
	assert_int_equal(got->size, want->size);
	assert_int_equal(got->sec, want->sec);
	assert_int_equal(got->nsec, want->nsec);
}

/* The second build finds the first's records as OUT's (live): each
 * path's stamp for its own key, nothing for another key or path. */
static void check_first_live(ssg_pagekeys *k)
{
	ssg_out_stamp st;
	assert_true(ssg_pagekeys_live(k, "a/index.html", K1, &st));
	assert_stamp(&st, &st_a);
	assert_true(ssg_pagekeys_live(k, "tables/xã/06253/index.html", K2,
				      &st));
	assert_stamp(&st, &st_b);
	assert_false(ssg_pagekeys_live(k, "a/index.html", K2, &st));
	assert_false(ssg_pagekeys_live(k, "b/index.html", K1, &st));
	assert_false(ssg_pagekeys_live(k, "a/index.html", "not a key", &st));
	/* The tree being built is new: no records of its own. */
	assert_false(ssg_pagekeys_here(k, "a/index.html", K1, &st));
}

/* The third build writes into the first's tree (the twin now): the
 * first's records, written back by the second as they were read, are
 * here; the second's are OUT's. */
static void check_third(ssg_pagekeys *k)
{
	ssg_out_stamp st;
	assert_true(ssg_pagekeys_here(k, "a/index.html", K1, &st));
	assert_stamp(&st, &st_a);
	assert_true(ssg_pagekeys_here(k, "tables/xã/06253/index.html", K2,
				      &st));
	assert_stamp(&st, &st_b);
	assert_true(ssg_pagekeys_live(k, "a/index.html", K3, &st));
	assert_stamp(&st, &st_c);
	assert_false(ssg_pagekeys_live(k, "a/index.html", K1, &st));
	assert_false(ssg_pagekeys_live(k, "tables/xã/06253/index.html", K2,
				       &st));
}

static void test_pagekeys_records_outlive_two_builds(void **state)
{
	fixture *f = *state;
	build(f, NULL, add_first);
	build(f, check_first_live, add_second);
	build(f, check_third, NULL);
}

static void check_none(ssg_pagekeys *k)
{
	ssg_out_stamp st;
	assert_false(ssg_pagekeys_live(k, "a/index.html", K1, &st));
	assert_false(ssg_pagekeys_live(k, "tables/xã/06253/index.html", K2,
				       &st));
	assert_false(ssg_pagekeys_here(k, "a/index.html", K1, &st));
}

static void check_second_gone(ssg_pagekeys *k)
{
	ssg_out_stamp st;
	assert_false(ssg_pagekeys_live(k, "a/index.html", K3, &st));
	assert_false(ssg_pagekeys_here(k, "a/index.html", K1, &st));
}

/* Replaces the records file with its first `keep` bytes, then `tail`. */
static void damage(fixture *f, long keep, const char *tail)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/ssg/pages", f->gitdir);
	FILE *fp = fopen(path, "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	long size = ftell(fp);
	assert_true(size > 64);
	fclose(fp);
	assert_int_equal(truncate(path, keep < 0 ? size + keep : keep), 0);
	fp = fopen(path, "ab");
	assert_non_null(fp);
	fputs(tail, fp);
	fclose(fp);
}

/* A file cut short, or with bytes after its last tree, holds no record
 * at all: damage costs time, never a page kept from a wrong key. */
static void test_pagekeys_damaged_file_is_no_record(void **state)
{
	fixture *f = *state;
	build(f, NULL, add_first);
	damage(f, -3, ""); /* cut short */
	build(f, check_none, add_first);
	damage(f, -1, "\nrác"); /* bytes after the last tree */
	build(f, check_none, add_first);
	damage(f, 10, ""); /* part of the header */
	build(f, check_none, NULL);
	/* Two trees, the second cut short: the first, whole before it, is
	 * no record either (the file is not ours past any point). */
	build(f, NULL, add_first);
	build(f, NULL, add_second);
	damage(f, -3, "");
	build(f, check_second_gone, NULL);
}

static void add_bad(ssg_pagekeys *k)
{
	static const ssg_out_stamp none = {0, 1, 2, 3}; /* no inode */
	static const ssg_out_stamp bad_ns = {9, 1, 2, 1000000000L};
	ssg_pagekeys_add(k, "a/index.html", "abc", &st_a);
	ssg_pagekeys_add(k, "b/index.html", K1, &none);
	ssg_pagekeys_add(k, "c/index.html", K1, &bad_ns);
	ssg_pagekeys_add(k, "d/\nindex.html", K1, &st_a);
	ssg_pagekeys_add(k, "", K1, &st_a);
	ssg_pagekeys_add(k, "e/index.html", K2, &st_b);
}

static void check_bad(ssg_pagekeys *k)
{
	ssg_out_stamp st;
	assert_false(ssg_pagekeys_live(k, "b/index.html", K1, &st));
	assert_false(ssg_pagekeys_live(k, "c/index.html", K1, &st));
	assert_false(ssg_pagekeys_live(k, "d/\nindex.html", K1, &st));
	assert_false(ssg_pagekeys_live(k, "", K1, &st));
	/* The one good record beside them is kept. */
	assert_true(ssg_pagekeys_live(k, "e/index.html", K2, &st));
	assert_stamp(&st, &st_b);
}

/* What cannot be a record (a key that is not 64 hex digits, no inode,
 * nanoseconds past a second, a path with a newline or empty) is not
 * recorded, and the records beside it still are. */
static void test_pagekeys_refuses_what_is_no_record(void **state)
{
	fixture *f = *state;
	build(f, NULL, add_bad);
	build(f, check_bad, NULL);
}

/* A build that writes two pages for real, with their keys, as site.c
 * does through emit; its twin taken and looked at ahead when `ahead`. */
static void build_files(fixture *f, bool ahead, step_fn check)
{
	ssg_out *o = NULL;
	int twin = ahead ? ssg_out_twin_lock(f->out) : -1;
	ssg_pagekeys_ahead *a =
		ssg_pagekeys_ahead_start(f->gitdir, f->out, twin);
	assert_int_equal(ssg_out_begin_twin(&o, f->out, twin, f->d), SSG_OK);
	ssg_pagekeys *k = ssg_pagekeys_read_ahead(a, f->gitdir, o);
	if (check)
		check(k);
	static const char *const paths[] = {"a/index.html", "b/c/index.html"};
	for (size_t i = 0; i < 2; i++) {
		ssg_out_stamp st;
		assert_int_equal(ssg_out_write_stamp(o, paths[i], "x", 1, &st,
						     f->d),
				 SSG_OK);
		ssg_pagekeys_add(k, paths[i], K1, &st);
	}
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	assert_true(ssg_pagekeys_write(k, f->gitdir));
	ssg_pagekeys_free(k);
	ssg_out_free(o);
	assert_int_equal(ssg_diags_count(f->d), 0);
}

/* The look ahead found the first page as recorded and the second, changed
 * by hand in the twin since, not (so ssg_out_reuse does not take it). */
static void check_looked(ssg_pagekeys *k)
{
	ssg_out_stamp st;
	const ssg_out_look *look = NULL;
	assert_true(ssg_pagekeys_here_look(k, "a/index.html", K1, &st, &look));
	assert_non_null(look);
	assert_int_equal(look->found, SSG_OUT_LOOK_FILE | SSG_OUT_LOOK_DIR);
	assert_true(ssg_pagekeys_here_look(k, "b/c/index.html", K1, &st,
					   &look));
	assert_non_null(look);
	assert_int_equal(look->found, SSG_OUT_LOOK_DIR);
}

static void check_unlooked(ssg_pagekeys *k)
{
	ssg_out_stamp st;
	const ssg_out_look *look = NULL;
	assert_true(ssg_pagekeys_here_look(k, "a/index.html", K1, &st, &look));
	assert_null(look);
}

static void test_pagekeys_ahead_looks_at_the_twin(void **state)
{
	fixture *f = *state;
	build_files(f, false, NULL);
	build_files(f, false, NULL);
	/* The first build's tree is the twin: one of its pages changed by
	 * hand, the same size, a second later. */
	char path[160];
	snprintf(path, sizeof(path), "%s/.public.ssg-prev/b/c/index.html",
		 f->base);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs("y", fp);
	fclose(fp);
	struct timespec t[2] = {{0, UTIME_OMIT}, {1, 0}};
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
	build_files(f, true, check_looked);
	/* Without a twin taken before, the records are read as ever. */
	build_files(f, false, check_unlooked);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_pagekeys_records_outlive_two_builds),
		T(test_pagekeys_damaged_file_is_no_record),
		T(test_pagekeys_refuses_what_is_no_record),
		T(test_pagekeys_ahead_looks_at_the_twin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
