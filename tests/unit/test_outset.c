/* Tests for outset: the set of paths a build wrote, and the records of a
 * tree's directories (.git/ssg/dirs-DEV-INO). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "outset.h"

/* A set reserved for its keys finds them all, files and directories,
 * and counts a directory's entries, as one grown a key at a time. */
static void test_outset_reserved_as_grown(void **state)
{
	(void)state;
	ssg_outset a = {0}, b = {0};
	ssg_outset_reserve(&b, 3000);
	size_t cap = b.cap;
	char k[32];
	for (int i = 0; i < 1000; i++) {
		snprintf(k, sizeof(k), "d%d/", i % 10);
		ssg_outset_put(&a, k, strlen(k), 0);
		ssg_outset_put(&b, k, strlen(k), 0);
		snprintf(k, sizeof(k), "d%d/f%d", i % 10, i);
		ssg_outset_put(&a, k, strlen(k), 0);
		ssg_outset_put(&b, k, strlen(k), 0);
	}
	assert_int_equal(b.cap, cap); /* nothing rehashed */
	assert_int_equal(a.n, b.n);
	for (int i = 0; i < 1000; i++) {
		snprintf(k, sizeof(k), "d%d/f%d", i % 10, i);
		assert_true(ssg_outset_get(&b, k, strlen(k), NULL));
	}
	assert_false(ssg_outset_get(&b, "d1/f2", 5, NULL));
	size_t i = ssg_outset_find(&b, "d3/", 3);
	assert_int_equal(ssg_outset_dir_at(&b, i)->nkids, 100);
	ssg_outset_reserve(&b, 10); /* never smaller */
	assert_int_equal(b.cap, cap);
	ssg_outset_fini(&a);
	ssg_outset_fini(&b);
}

/* Records written are read back by path, not by a path that only
 * shares its start; a line that is not one is none. */
static void test_outset_records_by_path(void **state)
{
	(void)state;
	char dir[64];
	assert_true(fx_mkdtemp(dir, sizeof(dir), "outset"));
	ssg_out_tree t = {1, 2}, other = {1, 3};
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, "11 2 1700000000 5 a/\n");
	ssg_buf_puts(&b, "12 1 1700000001 999999999 a/b/\n");
	ssg_buf_puts(&b, "not a record\n");
	ssg_buf_puts(&b, "13 1 1700000002 1000000000 c/\n"); /* nsec */
	ssg_buf_puts(&b, "14 0 1700000003 7 changes/x y/\n");
	ssg_outset_recs_write(dir, t, other, &b);
	ssg_outset_recs *r = ssg_outset_recs_read(dir, t);
	assert_int_equal(ssg_outset_recs_count(r), 4);
	assert_int_equal(ssg_outset_recs_under(r, "a/"), 2);
	assert_int_equal(ssg_outset_recs_under(r, "changes/"), 1);
	ssg_out_stamp s;
	assert_true(ssg_outset_recs_get(r, "a/b/", &s));
	assert_int_equal(s.ino, 12);
	assert_int_equal(s.size, 1);
	assert_int_equal(s.sec, 1700000001);
	assert_int_equal(s.nsec, 999999999);
	assert_true(ssg_outset_recs_get(r, "changes/x y/", &s));
	assert_int_equal(s.ino, 14);
	assert_false(ssg_outset_recs_get(r, "a/b", &s));
	assert_false(ssg_outset_recs_get(r, "a/b/c/", &s));
	assert_false(ssg_outset_recs_get(r, "c/", &s));
	assert_false(ssg_outset_recs_get(r, "", &s));
	ssg_outset_recs_free(r);
	/* Another tree's: none. */
	r = ssg_outset_recs_read(dir, other);
	assert_int_equal(ssg_outset_recs_count(r), 0);
	assert_false(ssg_outset_recs_get(r, "a/", &s));
	ssg_outset_recs_free(r);
	ssg_buf_fini(&b);
	assert_int_equal(fx_rmtree(dir), 0);
}

/* A tree's directories recorded as they are on disk (inode, entries,
 * time of change), then read back by path: what the next build compares
 * a directory with. */
static void test_outset_record_what_is_on_disk(void **state)
{
	(void)state;
	char dir[64];
	assert_true(fx_mkdtemp(dir, sizeof(dir), "outsetrec"));
	char *a = fx_path(dir, "a"), *ab = fx_path(dir, "a/b c");
	assert_int_equal(mkdir(a, 0755), 0);
	assert_int_equal(mkdir(ab, 0755), 0);
	/* Older than a moment: one just changed is not recorded. */
	struct timespec pause = {0, 120 * 1000 * 1000};
	nanosleep(&pause, NULL);
	ssg_outset set = {0};
	ssg_outset_put(&set, "a/", 2, SSG_OUTSET_FRESH);
	ssg_outset_put(&set, "a/b c/", 6, SSG_OUTSET_FRESH);
	ssg_outset_put(&set, "a/b c/f", 7, 0);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_outset_record(&set, fd, &b);
	close(fd);
	ssg_out_tree t = {7, 8};
	ssg_outset_recs_write(dir, t, t, &b);
	ssg_outset_recs *r = ssg_outset_recs_read(dir, t);
	assert_int_equal(ssg_outset_recs_count(r), 2);
	const char *paths[2] = {a, ab}, *keys[2] = {"a/", "a/b c/"};
	for (int k = 0; k < 2; k++) {
		struct stat st;
		assert_int_equal(stat(paths[k], &st), 0);
		ssg_out_stamp got;
		assert_true(ssg_outset_recs_get(r, keys[k], &got));
		assert_int_equal(got.ino, st.st_ino);
		assert_int_equal(got.size, 1); /* entries this build made */
		assert_int_equal(got.sec, st.st_ctim.tv_sec);
		assert_int_equal(got.nsec, st.st_ctim.tv_nsec);
	}
	ssg_outset_recs_free(r);
	ssg_outset_fini(&set);
	ssg_buf_fini(&b);
	free(a);
	free(ab);
	assert_int_equal(fx_rmtree(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outset_reserved_as_grown),
		cmocka_unit_test(test_outset_records_by_path),
		cmocka_unit_test(test_outset_record_what_is_on_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
