/* Tests for history_blobs (the versions of tables met by a history walk,
 * each parsed once), alone, on blobs written with libgit2 into a fresh
 * repository. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "arena.h"
#include "err.h"
#include "fixture.h"
#include "history_blobs.h"

static char base[64];
static git_repository *g;
static git_odb *odb;

static int setup(void **state)
{
	(void)state;
	git_libgit2_init();
	if (!fx_mkdtemp(base, sizeof(base), "hblobs"))
		return -1;
	char *path = fx_path(base, "r");
	int rc = git_repository_init(&g, path, 1);
	free(path);
	return rc < 0 || git_repository_odb(&odb, g) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	git_odb_free(odb);
	git_repository_free(g);
	git_libgit2_shutdown();
	return fx_rmtree(base);
}

static git_oid blob(const char *text)
{
	git_oid id;
	assert_int_equal(git_blob_create_from_buffer(&id, g, text,
						     strlen(text)),
			 0);
	return id;
}

static void test_hblobs_each_version_parsed_once(void **state)
{
	(void)state;
	ssg_arena *a = ssg_arena_new();
	ssg_diags *d = ssg_diags_new();
	ssg_hblobs *s = ssg_hblobs_new(g, odb, a, d);
	git_oid good = blob("id,v\n1,a\n2,b\n");
	git_oid bad = blob("id,v\n1,a\n1,b\n\"x\n");
	git_oid none;
	memset(&none, 0x5a, sizeof(none));

	assert_null(ssg_hblobs_find(s, &good));
	ssg_hblob *b1 = NULL, *b2 = NULL;
	assert_int_equal(ssg_hblobs_get(s, &good, "data/t.csv", &b1), SSG_OK);
	assert_non_null(b1->t);
	assert_null(b1->error);
	assert_memory_equal(b1->id, good.id, 20);
	const ssg_table *t = b1->t;
	assert_int_equal(ssg_hblobs_get(s, &good, "data/t.csv", &b2), SSG_OK);
	assert_ptr_equal(b2, b1);
	assert_ptr_equal(b2->t, t); /* not parsed again */
	assert_ptr_equal(ssg_hblobs_find(s, &good), b1);

	/* A version that does not parse keeps its error, for good. */
	ssg_hblob *e = NULL;
	assert_int_equal(ssg_hblobs_get(s, &bad, "data/t.csv", &e), SSG_OK);
	assert_null(e->t);
	assert_non_null(e->error);
	assert_non_null(strstr(e->error, "data/t.csv:"));
	const char *why = e->error;
	assert_int_equal(ssg_hblobs_get(s, &bad, "data/u.csv", &e), SSG_OK);
	assert_ptr_equal(e->error, why);

	/* A blob the repository does not have: its error, not a version's. */
	ssg_hblob *n = NULL;
	assert_int_equal(ssg_hblobs_get(s, &none, "data/t.csv", &n),
			 SSG_ERR_ENV);
	assert_int_equal(ssg_diags_count(d), 1);

	/* The records, one by one: the three met. */
	size_t pos = 0, count = 0;
	while (ssg_hblobs_next(s, &pos))
		count++;
	assert_int_equal(count, 3);
	ssg_hblobs_free(s);
	ssg_diags_free(d);
	ssg_arena_free(a);
}

static void test_hblobs_read_and_lookup(void **state)
{
	(void)state;
	ssg_arena *a = ssg_arena_new();
	ssg_diags *d = ssg_diags_new();
	ssg_hblobs *s = ssg_hblobs_new(g, odb, a, d);
	git_oid id = blob("id\n7\n");
	git_odb_object *o = NULL;
	size_t size = 0;
	assert_int_equal(ssg_hblobs_read(s, &id, "data/t.csv", &o, &size),
			 SSG_OK);
	assert_int_equal(size, 5);
	assert_int_equal(git_odb_object_size(o), 5);
	assert_memory_equal(git_odb_object_data(o), "id\n7\n", 5);
	git_odb_object_free(o);
	git_blob *gb = NULL;
	assert_int_equal(ssg_hblobs_lookup(g, odb, &id, &gb, &size),
			 SSG_HBLOB_OK);
	assert_memory_equal(git_blob_rawcontent(gb), "id\n7\n", 5);
	git_blob_free(gb);
	/* A tree is not a blob. */
	git_treebuilder *tb = NULL;
	git_oid tree;
	assert_int_equal(git_treebuilder_new(&tb, g, NULL), 0);
	assert_int_equal(git_treebuilder_write(&tree, tb), 0);
	git_treebuilder_free(tb);
	assert_int_equal(ssg_hblobs_lookup(g, odb, &tree, &gb, &size),
			 SSG_HBLOB_NOT_BLOB);
	assert_null(gb);
	assert_int_equal(ssg_hblobs_raw(odb, &tree, &o, &size),
			 SSG_HBLOB_NOT_BLOB);
	assert_null(o);
	assert_int_equal(ssg_hblobs_read(s, &tree, "data/t.csv", &o, &size),
			 SSG_ERR_ENV);
	assert_non_null(strstr(ssg_diags_get(d, 0)->msg, "is not a blob"));
	ssg_hblobs_free(s);
	ssg_diags_free(d);
	ssg_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hblobs_each_version_parsed_once),
		cmocka_unit_test(test_hblobs_read_and_lookup),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
