/* Tests for history_ahead (table versions read on another core), alone,
 * on blobs written with libgit2 into a fresh repository. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "fixture.h"
#include "history_ahead.h"

static char base[64];
static git_repository *g;

static int setup(void **state)
{
	(void)state;
	git_libgit2_init();
	if (!fx_mkdtemp(base, sizeof(base), "hahead"))
		return -1;
	char *path = fx_path(base, "r");
	int rc = git_repository_init(&g, path, 1);
	free(path);
	return rc < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	git_repository_free(g);
	git_libgit2_shutdown();
	return fx_rmtree(base);
}

/* A blob of n bytes, each byte i of it (seed + i) % 251, into id. */
static void blob(unsigned char id[20], size_t n, unsigned seed)
{
	unsigned char *b = malloc(n ? n : 1);
	assert_non_null(b);
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)((seed + i) % 251);
	git_oid oid;
	assert_int_equal(git_blob_create_from_buffer(&oid, g, b, n), 0);
	memcpy(id, oid.id, 20);
	free(b);
}

/* o holds the n bytes blob(seed) made; freed. */
static void assert_blob(git_odb_object *o, size_t n, unsigned seed)
{
	assert_non_null(o);
	assert_int_equal(git_odb_object_size(o), n);
	const unsigned char *p = git_odb_object_data(o);
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)((seed + i) % 251))
			fail_msg("byte %zu of blob %u", i, seed);
	git_odb_object_free(o);
}

/* Each blob is handed as read, in order; an index with none, one that is
 * no blob, one that is not in the repository and one passed by give
 * NULL (the walk then reads it itself), and an index asked again too. */
static void test_hahead_hands_each_blob_in_order(void **state)
{
	(void)state;
	unsigned char ids[8][20];
	memset(ids, 0, sizeof(ids));
	blob(ids[0], 1000, 1);
	/* ids[1]: none */
	blob(ids[2], 3, 2);
	git_treebuilder *tb = NULL;
	git_oid tree;
	assert_int_equal(git_treebuilder_new(&tb, g, NULL), 0);
	assert_int_equal(git_treebuilder_write(&tree, tb), 0);
	git_treebuilder_free(tb);
	memcpy(ids[3], tree.id, 20); /* a tree, not a blob */
	memset(ids[4], 0xab, 20);    /* in no repository */
	blob(ids[5], 70000, 5);
	blob(ids[6], 10, 6); /* passed by */
	blob(ids[7], 0, 7);
	ssg_hahead *a = ssg_hahead_start(g, (const unsigned char(*)[20])ids, 8);
	assert_non_null(a);
	assert_blob(ssg_hahead_take(a, 0), 1000, 1);
	assert_null(ssg_hahead_take(a, 1));
	assert_blob(ssg_hahead_take(a, 2), 3, 2);
	assert_null(ssg_hahead_take(a, 2)); /* taken already */
	assert_null(ssg_hahead_take(a, 3));
	assert_null(ssg_hahead_take(a, 4));
	assert_blob(ssg_hahead_take(a, 5), 70000, 5);
	assert_blob(ssg_hahead_take(a, 7), 0, 7);
	assert_null(ssg_hahead_take(a, 6)); /* passed by */
	assert_null(ssg_hahead_take(a, 8)); /* past the end */
	ssg_hahead_free(a);
	assert_null(ssg_hahead_take(NULL, 0));
	ssg_hahead_free(NULL);
}

/* Forty blobs of 1 MiB, more than the reader holds at once: every one
 * still comes, whole, taken every other or all; and a reader stopped
 * while it waits for room lets go of what it held (ASan: no leak). */
static void test_hahead_bounded_and_stopped(void **state)
{
	(void)state;
	enum { N = 40, SIZE = 1 << 20 };
	unsigned char(*ids)[20] = calloc(N, 20);
	assert_non_null(ids);
	for (unsigned k = 0; k < N; k++)
		blob(ids[k], SIZE, 100 + k);
	ssg_hahead *a = ssg_hahead_start(g, (const unsigned char(*)[20])ids, N);
	assert_non_null(a);
	for (unsigned k = 0; k < N; k++)
		assert_blob(ssg_hahead_take(a, k), SIZE, 100 + k);
	ssg_hahead_free(a);
	a = ssg_hahead_start(g, (const unsigned char(*)[20])ids, N);
	assert_non_null(a);
	for (unsigned k = 0; k < N; k += 2)
		assert_blob(ssg_hahead_take(a, k), SIZE, 100 + k);
	ssg_hahead_free(a);
	a = ssg_hahead_start(g, (const unsigned char(*)[20])ids, N);
	assert_non_null(a);
	assert_blob(ssg_hahead_take(a, 1), SIZE, 101);
	ssg_hahead_free(a); /* while it reads, or waits for room */
	free(ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hahead_hands_each_blob_in_order),
		cmocka_unit_test(test_hahead_bounded_and_stopped),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
