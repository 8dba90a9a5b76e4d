/* Tests for history_trees (the tree pass), alone, on a fixture repository
 * built with the git CLI: which files each commit changed.  The test
 * opens the repository and its commits with libgit2 itself, as
 * history.c does. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "history_trees.h"

static char base[64];

#define run(...) fx_run(base, __VA_ARGS__)
#define put(rel, data) fx_put(base, rel, data)

static int setup(void **state)
{
	(void)state;
	git_libgit2_init();
	return fx_git_group(base, sizeof(base), "htrees") ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	git_libgit2_shutdown();
	return fx_rmtree(base);
}

/* "ci path A|D|M md" a line, each file as handed back. */
static void take(void *ctx, size_t ci, const ssg_htrees_file *f, size_t nf)
{
	static const unsigned char zero[20];
	ssg_buf *b = ctx;
	for (size_t j = 0; j < nf; j++) {
		bool had = memcmp(f[j].old, zero, 20) != 0;
		bool has = memcmp(f[j].new_, zero, 20) != 0;
		ssg_buf_printf(b, "%zu %s %c%s\n", ci, f[j].path,
			       !had ? 'A' : !has ? 'D' : 'M',
			       f[j].md ? " md" : "");
	}
}

/* The pass over the first-parent chain of r's HEAD from commit `from`;
 * touched[i] of each commit. */
static char *pass(const char *r, size_t from, char *touched)
{
	char *path = fx_path(base, r);
	git_repository *g = NULL;
	assert_int_equal(git_repository_open(&g, path), 0);
	git_oid ids[16];
	ssg_hcommit commits[16];
	memset(commits, 0, sizeof(commits));
	size_t n = 0;
	git_commit *c = NULL;
	git_oid head;
	assert_int_equal(git_reference_name_to_id(&head, g, "HEAD"), 0);
	assert_int_equal(git_commit_lookup(&c, g, &head), 0);
	while (c && n < 16) {
		ids[n] = *git_commit_tree_id(c); /* the pass reads trees */
		git_oid_tostr(commits[n].oid, 41, git_commit_id(c));
		n++;
		git_commit *p = NULL;
		if (git_commit_parentcount(c) > 0)
			assert_int_equal(git_commit_parent(&p, c, 0), 0);
		git_commit_free(c);
		c = p;
	}
	for (size_t i = 0; i < n / 2; i++) { /* oldest first */
		git_oid t = ids[i];
		ids[i] = ids[n - 1 - i];
		ids[n - 1 - i] = t;
		ssg_hcommit h = commits[i];
		commits[i] = commits[n - 1 - i];
		commits[n - 1 - i] = h;
	}
	ssg_diags *d = ssg_diags_new();
	ssg_buf b;
	ssg_buf_init(&b);
	assert_int_equal(ssg_htrees_find(g, ids, commits, from, n, NULL, d,
					 take, &b),
			 SSG_OK);
	assert_int_equal(ssg_diags_count(d), 0);
	for (size_t i = 0; i < n; i++)
		touched[i] = commits[i].touched ? 'y' : 'n';
	touched[n] = '\0';
	ssg_diags_free(d);
	git_repository_free(g);
	free(path);
	return ssg_buf_detach(&b);
}

static void test_htrees_changed_files_per_commit(void **state)
{
	(void)state;
	run("git init -q -b main r");
	put("r/data/t.csv", "id\n1\n");
	put("r/data/notes.txt", "not a table\n");
	put("r/content/a.md", "a\n");
	put("r/content/s/b.md", "b\n");
	put("r/README", "r\n");
	fx_git_commit(base, "r", 1, "one");
	put("r/data/t.csv", "id\n2\n");
	put("r/data/sub/x.csv", "id\n1\n"); /* tables are not nested */
	put("r/content/s/deep/c.md", "c\n"); /* pages are */
	run("rm r/content/a.md");
	fx_git_commit(base, "r", 2, "two");
	put("r/README", "r2\n"); /* outside content/ and data/ */
	fx_git_commit(base, "r", 3, "three");
	run("rm -r r/content/s && mkdir r/content/s && echo x >r/content/s.md");
	fx_git_commit(base, "r", 4, "four");
	char touched[17];
	char *got = pass("r", 0, touched);
	assert_string_equal(got, "0 content/a.md A md\n"
				 "0 content/s/b.md A md\n"
				 "0 data/t.csv A\n"
				 "1 content/a.md D md\n"
				 "1 content/s/deep/c.md A md\n"
				 "1 data/t.csv M\n"
				 "3 content/s.md A md\n"
				 "3 content/s/b.md D md\n"
				 "3 content/s/deep/c.md D md\n");
	assert_string_equal(touched, "yyny");
	free(got);
	/* From a later commit: compared with the one before it. */
	got = pass("r", 1, touched);
	assert_string_equal(got, "1 content/a.md D md\n"
				 "1 content/s/deep/c.md A md\n"
				 "1 data/t.csv M\n"
				 "3 content/s.md A md\n"
				 "3 content/s/b.md D md\n"
				 "3 content/s/deep/c.md D md\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_htrees_changed_files_per_commit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
