/* rawtree: trees read from their bytes, and the window two differ in,
 * checked against trees libgit2 builds and a full parse of each. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "rawtree.h"

static char base[256];
static git_repository *repo;
static git_odb *odb;

static int setup(void **state)
{
	(void)state;
	git_libgit2_init();
	/* Entries are not checked against the objects: trees of ids of
	 * nothing are trees all the same. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
	if (!fx_mkdtemp(base, sizeof(base), "rawtree"))
		return -1;
	if (git_repository_init(&repo, base, true) < 0 ||
	    git_repository_odb(&odb, repo) < 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	git_odb_free(odb);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return fx_rmtree(base);
}

/* A small deterministic generator: the same trees at every run. */
static uint32_t seed = 12345;
static uint32_t rnd(uint32_t n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

typedef struct {
	char name[24];
	unsigned mode;
	unsigned char id[20];
} ent;

static void random_ent(ent *e)
{
	/* Names of pages, some sharing a beginning with a directory's,
	 * ids of any bytes (NUL, space and digits among them). */
	static const char *const stems[] = {"a", "a-b", "a.md", "b", "bai",
					    "x", "xa", "posts", "p"};
	snprintf(e->name, sizeof(e->name), "%s%u%s", stems[rnd(9)], rnd(500),
		 rnd(4) ? ".md" : "");
	e->mode = rnd(5) == 0 ? 040000 : rnd(6) == 0 ? 0100755 : 0100644;
	for (int i = 0; i < 20; i++)
		e->id[i] = (unsigned char)(rnd(6) == 0 ? (rnd(2) ? 0 : ' ')
						       : rnd(256));
}

static void write_tree(const ent *es, size_t n, git_oid *out)
{
	git_treebuilder *tb = NULL;
	assert_int_equal(git_treebuilder_new(&tb, repo, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		git_oid id;
		git_oid_fromraw(&id, es[i].id);
		assert_int_equal(git_treebuilder_insert(NULL, tb, es[i].name,
							&id, es[i].mode),
				 0);
	}
	assert_int_equal(git_treebuilder_write(out, tb), 0);
	git_treebuilder_free(tb);
}

static bool same_entry(const ssg_rawtree_entry *x, const ssg_rawtree_entry *y)
{
	return x->nlen == y->nlen && memcmp(x->name, y->name, x->nlen) == 0 &&
	       x->mode == y->mode && memcmp(x->id, y->id, 20) == 0;
}

/* b as the window made it is b as read and parsed alone, and the
 * entries outside the window are the same in a and b. */
static void check_pair(const git_oid *ia, const git_oid *ib)
{
	ssg_rawtree *a = ssg_rawtree_read(odb, ia);
	ssg_rawtree *b = ssg_rawtree_read(odb, ib);
	ssg_rawtree *alone = ssg_rawtree_read(odb, ib);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(alone);
	size_t from, a_to, b_to;
	assert_true(ssg_rawtree_window(a, b, &from, &a_to, &b_to));
	assert_true(ssg_rawtree_parse(alone));
	assert_int_equal(ssg_rawtree_count(b), ssg_rawtree_count(alone));
	ssg_rawtree_entry x, y;
	for (size_t i = 0; i < ssg_rawtree_count(b); i++) {
		ssg_rawtree_entry_at(b, i, &x);
		ssg_rawtree_entry_at(alone, i, &y);
		assert_true(same_entry(&x, &y));
	}
	size_t na = ssg_rawtree_count(a), nb = ssg_rawtree_count(b);
	assert_true(from <= a_to && a_to <= na);
	assert_true(from <= b_to && b_to <= nb);
	assert_int_equal(na - a_to, nb - b_to);
	for (size_t i = 0; i < from; i++) {
		ssg_rawtree_entry_at(a, i, &x);
		ssg_rawtree_entry_at(b, i, &y);
		assert_true(same_entry(&x, &y));
	}
	for (size_t i = 0; i < na - a_to; i++) {
		ssg_rawtree_entry_at(a, a_to + i, &x);
		ssg_rawtree_entry_at(b, b_to + i, &y);
		assert_true(same_entry(&x, &y));
	}
	/* Trees that are the same have nothing between. */
	if (git_oid_equal(ia, ib))
		assert_true(from == a_to && from == b_to);
	/* Met again, both parsed: the same window. */
	size_t f2, a2, b2;
	assert_true(ssg_rawtree_window(a, b, &f2, &a2, &b2));
	assert_true(f2 <= from && a2 >= a_to && b2 >= b_to);
	assert_int_equal(na - a2, nb - b2);
	ssg_rawtree_free(alone);
	ssg_rawtree_free(b);
	ssg_rawtree_free(a);
}

/* 400 pairs of trees, the second made from the first by a few changes
 * anywhere: entries added, removed, given another id or mode. */
static void test_rawtree_window_of_changed_trees(void **state)
{
	(void)state;
	ent *es = calloc(700, sizeof(ent));
	assert_non_null(es);
	for (int round = 0; round < 400; round++) {
		size_t n = rnd(4) == 0 ? rnd(4) : rnd(300);
		for (size_t i = 0; i < n; i++)
			random_ent(&es[i]);
		git_oid ia, ib;
		write_tree(es, n, &ia);
		unsigned ops = rnd(4);
		for (unsigned k = 0; k < ops; k++) {
			unsigned op = rnd(4);
			if (op == 0 && n < 690) {
				random_ent(&es[n++]);
			} else if (op == 1 && n) {
				size_t at = rnd((uint32_t)n);
				n--;
				es[at] = es[n];
			} else if (op == 2 && n) {
				es[rnd((uint32_t)n)].id[rnd(20)] ^= 1;
			} else if (n) {
				ent *e = &es[rnd((uint32_t)n)];
				e->mode = e->mode == 0100644 ? 0100755 : 0100644;
			}
		}
		write_tree(es, n, &ib);
		check_pair(&ia, &ib);
		check_pair(&ib, &ia);
	}
	free(es);
}

/* Bytes that are no tree are refused, by a parse or a window. */
static void test_rawtree_refuses_bad_bytes(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"100644 a.md",                 /* no NUL, no id */
		"100644 a.md\0short",           /* an id cut short */
		"10x644 a.md\0aaaaaaaaaaaaaaaaaaaa", /* not a mode */
		"100644 \0aaaaaaaaaaaaaaaaaaaa",    /* no name */
	};
	static const size_t lens[] = {11, 17, 32, 28};
	ent e;
	random_ent(&e);
	git_oid good;
	write_tree(&e, 1, &good);
	for (size_t i = 0; i < 4; i++) {
		git_oid id;
		assert_int_equal(git_odb_write(&id, odb, bad[i], lens[i],
					       GIT_OBJECT_TREE),
				 0);
		ssg_rawtree *t = ssg_rawtree_read(odb, &id);
		assert_non_null(t);
		assert_false(ssg_rawtree_parse(t));
		ssg_rawtree *g = ssg_rawtree_read(odb, &good);
		ssg_rawtree *t2 = ssg_rawtree_read(odb, &id);
		size_t f, a, b;
		assert_false(ssg_rawtree_window(g, t2, &f, &a, &b));
		assert_false(ssg_rawtree_window(t, g, &f, &a, &b));
		ssg_rawtree_free(t2);
		ssg_rawtree_free(g);
		ssg_rawtree_free(t);
	}
	/* A blob is not read as a tree. */
	git_oid blob;
	assert_int_equal(git_odb_write(&blob, odb, "x", 1, GIT_OBJECT_BLOB), 0);
	assert_null(ssg_rawtree_read(odb, &blob));
}

/* Git's order: a directory sorts as if its name ended in '/'. */
static void test_rawtree_order(void **state)
{
	(void)state;
	unsigned char id[20] = {0};
	ssg_rawtree_entry file = {"a.md", 4, 0100644, id};
	ssg_rawtree_entry dir = {"a", 1, 040000, id};
	ssg_rawtree_entry afile = {"a", 1, 0100644, id};
	ssg_rawtree_entry dash = {"a-b", 3, 0100644, id};
	assert_true(ssg_rawtree_cmp(&afile, &dash) < 0); /* "a" < "a-b" */
	assert_true(ssg_rawtree_cmp(&dash, &dir) < 0);   /* '-' < '/' */
	assert_true(ssg_rawtree_cmp(&dir, &file) > 0);   /* '/' > '.' */
	assert_true(ssg_rawtree_cmp(&afile, &dir) < 0);
	assert_int_equal(ssg_rawtree_cmp(&file, &file), 0);
	assert_true(ssg_rawtree_is_tree(&dir));
	assert_false(ssg_rawtree_is_file(&dir));
	assert_true(ssg_rawtree_is_file(&file));
}

/* A side with no tree (a directory added or removed): the window is the
 * other side's entries, all of them. */
static void test_rawtree_window_with_one_side(void **state)
{
	(void)state;
	ent es[5];
	for (size_t i = 0; i < 5; i++)
		random_ent(&es[i]);
	git_oid id;
	write_tree(es, 5, &id);
	ssg_rawtree *t = ssg_rawtree_read(odb, &id);
	ssg_rawtree *alone = ssg_rawtree_read(odb, &id);
	assert_true(ssg_rawtree_parse(alone));
	size_t n = ssg_rawtree_count(alone);
	size_t f = 9, a = 9, b = 9;
	assert_true(ssg_rawtree_window(NULL, t, &f, &a, &b));
	assert_true(f == 0 && a == 0 && b == n);
	assert_true(ssg_rawtree_window(t, NULL, &f, &a, &b));
	assert_true(f == 0 && a == n && b == 0);
	assert_true(ssg_rawtree_window(NULL, NULL, &f, &a, &b));
	assert_true(f == 0 && a == 0 && b == 0);
	ssg_rawtree_free(alone);
	ssg_rawtree_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rawtree_window_of_changed_trees),
		cmocka_unit_test(test_rawtree_refuses_bad_bytes),
		cmocka_unit_test(test_rawtree_order),
		cmocka_unit_test(test_rawtree_window_with_one_side),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
