/* Tests for store (the files of .git/ssg: replaced whole, never through a
 * link, keyed by the program). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "fixture.h"
#include "store.h"

static char base[256];

static int setup(void **state)
{
	(void)state;
	return fx_mkdtemp(base, sizeof(base), "store") ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

/* A fresh git directory stand-in under base. */
static char *gitdir(const char *name)
{
	char *g = fx_path(base, name);
	assert_int_equal(mkdir(g, 0755), 0);
	return g;
}

static void assert_file(const char *path, const char *want)
{
	char *got = fx_slurp(path, NULL);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Entries of dir other than . and .. */
static int entries(const char *dir)
{
	char *ls = fx_capture("ls -A '%s' | wc -l", dir);
	assert_non_null(ls);
	int n = atoi(ls);
	free(ls);
	return n;
}

static void test_store_path_is_under_ssg(void **state)
{
	(void)state;
	char *a = ssg_store_path("/r/.git", "copies");
	char *b = ssg_store_path("/r/.git/", "copies");
	assert_string_equal(a, "/r/.git/ssg/copies");
	assert_string_equal(b, "/r/.git/ssg/copies");
	free(a);
	free(b);
}

static void test_store_old_file_stays_whole_until_the_end(void **state)
{
	(void)state;
	char *g = gitdir("whole");
	char *path = ssg_store_path(g, "f");
	char *dir = fx_path(g, "ssg");
	ssg_store_file *f = ssg_store_replace_begin(path);
	assert_non_null(f);
	ssg_store_write(f, "old\n", 4);
	assert_true(ssg_store_replace_end(f, true));
	assert_file(path, "old\n");

	f = ssg_store_replace_begin(path);
	assert_non_null(f);
	ssg_store_write(f, "new", 3);
	ssg_store_write(f, "\n", 1);
	assert_file(path, "old\n"); /* a reader meanwhile sees the old */
	assert_true(ssg_store_replace_end(f, true));
	assert_file(path, "new\n");
	assert_int_equal(entries(dir), 1); /* no temporary file left */

	/* A replacement given up leaves the old file and nothing else. */
	f = ssg_store_replace_begin(path);
	assert_non_null(f);
	ssg_store_write(f, "half", 4);
	assert_false(ssg_store_replace_end(f, false));
	assert_file(path, "new\n");
	assert_int_equal(entries(dir), 1);

	assert_false(ssg_store_replace_end(NULL, true));
	ssg_store_write(NULL, "x", 1); /* does nothing */
	free(dir);
	free(path);
	free(g);
}

static void test_store_never_through_a_link(void **state)
{
	(void)state;
	char *g = gitdir("link");
	char *away = gitdir("away");
	char *dir = fx_path(g, "ssg");
	assert_int_equal(symlink(away, dir), 0);
	char *path = ssg_store_path(g, "f");
	assert_null(ssg_store_replace_begin(path));
	assert_int_equal(entries(away), 0);
	/* Nor where the store is a plain file. */
	assert_int_equal(unlink(dir), 0);
	fx_put(g, "ssg", "x\n");
	assert_null(ssg_store_replace_begin(path));
	assert_file(dir, "x\n");
	free(path);
	free(dir);
	free(away);
	free(g);
}

/* The sweep at a build's start takes every temporary file killed
 * builds left, keeps one a live writer holds and every other file, and
 * never reaches through a store that is a link. */
static void test_store_sweep_takes_what_killed_builds_left(void **state)
{
	(void)state;
	char *g = gitdir("sweep");
	char *dir = fx_path(g, "ssg");
	assert_int_equal(mkdir(dir, 0755), 0);
	/* Left by other processes (never this one's pid), and one of
	 * this process's, unlocked: another of its threads may be about
	 * to lock it (the history cache is written beside the build). */
	char killed1[64], killed2[64], mine[64];
	snprintf(killed1, sizeof(killed1), "history.cache.%ld.tmp",
		 (long)getpid() + 1);
	snprintf(killed2, sizeof(killed2), "reviews.%ld.tmp",
		 (long)getpid() + 2);
	snprintf(mine, sizeof(mine), "pages.%ld.tmp", (long)getpid());
	fx_put(dir, killed1, "half");
	fx_put(dir, killed2, "half");
	fx_put(dir, mine, "being written\n");
	fx_put(dir, "copies", "kept\n");
	fx_put(dir, "notes.tmp", "not a replacement's\n");
	fx_put(dir, "x.12a.tmp", "not a pid\n");
	char *path = ssg_store_path(g, "events");
	ssg_store_file *live = ssg_store_replace_begin(path);
	assert_non_null(live);
	ssg_store_write(live, "new\n", 4);
	assert_int_equal(entries(dir), 7);

	ssg_store_sweep(g);
	assert_int_equal(entries(dir), 5);
	char *minep = fx_path(dir, mine);
	assert_file(minep, "being written\n");
	assert_int_equal(unlink(minep), 0);
	free(minep);
	char *ls = fx_capture("ls '%s' | grep -c '^events\\.[0-9]*\\.tmp$'", dir);
	assert_non_null(ls);
	assert_int_equal(atoi(ls), 1); /* the live writer's, held */
	free(ls);
	assert_true(ssg_store_replace_end(live, true));
	assert_file(path, "new\n");
	char *copies = fx_path(dir, "copies");
	assert_file(copies, "kept\n");

	/* A store that is a link to elsewhere: nothing there is touched. */
	char *g2 = gitdir("sweep-link");
	char *dir2 = fx_path(g2, "ssg");
	assert_int_equal(symlink(dir, dir2), 0);
	fx_put(dir, "reviews.18.tmp", "half");
	ssg_store_sweep(g2);
	char *left = fx_path(dir, "reviews.18.tmp");
	assert_file(left, "half");
	ssg_store_sweep(g); /* and the same file through the real store goes */
	assert_int_equal(access(left, F_OK), -1);
	free(left);
	free(dir2);
	free(g2);
	free(copies);
	free(path);
	free(dir);
	free(g);
}

/* The program's checksum is the CRC-32 of this very executable. */
/* A file written with its digest reads back without it; one cut short
 * or with a byte changed reads as none. */
static void test_store_summed_files(void **state)
{
	(void)state;
	char *g = gitdir("summed");
	ssg_buf b;
	ssg_buf_init(&b);
	assert_false(ssg_store_read_summed(g, "f", 1024, &b));
	const char *text = "chín mươi";
	assert_true(ssg_store_replace_summed(g, "f", text, strlen(text)));
	assert_true(ssg_store_read_summed(g, "f", 1024, &b));
	assert_int_equal(b.len, strlen(text));
	assert_string_equal(ssg_buf_cstr(&b), "chín mươi");
	assert_false(ssg_store_read_summed(g, "f", 20, &b)); /* over max */
	assert_int_equal(b.len, 0);
	char *path = ssg_store_path(g, "f");
	fx_run(base, "printf X | dd of='%s' bs=1 seek=3 conv=notrunc "
		     "status=none", path);
	assert_false(ssg_store_read_summed(g, "f", 1024, &b));
	assert_int_equal(b.len, 0);
	assert_true(ssg_store_replace_summed(g, "f", "ab", 2));
	fx_run(base, "truncate -s 33 '%s'", path);
	assert_false(ssg_store_read_summed(g, "f", 1024, &b));
	free(path);
	ssg_buf_fini(&b);
	free(g);
}

static void test_store_program_is_this_executable(void **state)
{
	(void)state;
	size_t n = 0;
	char *exe = fx_slurp("/proc/self/exe", &n);
	assert_non_null(exe);
	uLong crc = crc32(0L, Z_NULL, 0);
	for (size_t at = 0; at < n;) {
		size_t k = n - at > 65536 ? 65536 : n - at;
		crc = crc32(crc, (const Bytef *)exe + at, (uInt)k);
		at += k;
	}
	free(exe);
	assert_int_equal(ssg_store_program(), (uint32_t)crc);
	assert_int_equal(ssg_store_program(), ssg_store_program());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_path_is_under_ssg),
		cmocka_unit_test(test_store_old_file_stays_whole_until_the_end),
		cmocka_unit_test(test_store_never_through_a_link),
		cmocka_unit_test(test_store_sweep_takes_what_killed_builds_left),
		cmocka_unit_test(test_store_summed_files),
		cmocka_unit_test(test_store_program_is_this_executable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
