/*
 * Regression tests for the bugs the bad-input catalogue (tests/bad/) and
 * the fuzzers (fuzz/) found in other modules: one test per fix.
 */
#include <glob.h>
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

#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "markdown.h"
#include "odbcheck.h"
#include "plan.h"
#include "repo.h"
#include "template.h"

static char base[64];
static char rdir[96]; /* base/r */

/* Fixture steps in base. */
#define run(...) fx_run(base, __VA_ARGS__)

static int setup_dir(void **state)
{
	(void)state;
	if (!fx_mkdtemp(base, sizeof(base), "safety"))
		return -1;
	snprintf(rdir, sizeof(rdir), "%s/r", base);
	fx_git_isolate(base);
	fx_git_names("T", "t@example.org", "T", "t@example.org");
	fx_git_dates("2024-03-01T09:00:00+07:00", "2024-03-01T09:00:00+07:00");
	return 0;
}

static int teardown_dir(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

/* A repository r/ in base with the files given as "path", "text"... */
static void repo(const char *const *files)
{
	run("rm -rf r && git init -q -b main r");
	for (size_t i = 0; files[i]; i += 2)
		fx_put(rdir, files[i], files[i + 1]);
	run("cd r && git add -A && git commit -qm init");
}

static const char *diag_msg(ssg_diags *d, size_t i)
{
	const ssg_diag *g = ssg_diags_get(d, i);
	return g ? g->msg : "";
}

static char *md(const char *src, int *rc)
{
	ssg_diags *d = ssg_diags_new();
	ssg_buf html;
	ssg_buf_init(&html);
	*rc = ssg_md_render("content/a.md", src, strlen(src), 1, NULL, &html,
			    NULL, NULL, d);
	ssg_diags_free(d);
	char *s = ssg_xstrdup(ssg_buf_cstr(&html));
	ssg_buf_fini(&html);
	return s;
}

/* fuzz/corpus/markdown/crash-data-url-control: a control character in
 * the middle of "data:image/gif" hid a data: URL of another type. */
static void test_md_data_url_with_control_char_is_dropped(void **state)
{
	(void)state;
	int rc;
	char *h = md("![i](data:ima\x15ge/gif;base64,AA)\n", &rc);
	assert_int_equal(rc, SSG_OK);
	assert_null(strstr(h, "data:"));
	assert_non_null(strstr(h, "src=\"\""));
	free(h);
	/* The real thing still passes, and tabs are still seen through. */
	h = md("![i](data:image/gif;base64,AA) [j](<java\tscript:x>)\n", &rc);
	assert_non_null(strstr(h, "src=\"data:image/gif;base64,AA\""));
	assert_non_null(strstr(h, "href=\"\""));
	free(h);
	/* Leading control characters are skipped, as browsers do. */
	h = md("[j](<\x01javascript:x>)\n", &rc);
	assert_null(strstr(h, "javascript"));
	free(h);
}

/* fuzz/corpus/template/timeout-recursive-partial-in-list: a partial
 * calling itself in a list section ran for hours before it nested 64
 * deep; sections nesting lists do the same without any partial. */
static void test_template_render_budget(void **state)
{
	(void)state;
	ssg_templates *t = ssg_templates_new();
	ssg_diags *d = ssg_diags_new();
	ssg_model *m = ssg_model_new();
	ssg_value *root = ssg_model_map(m);
	ssg_value *l = ssg_model_list(m);
	for (int i = 0; i < 7; i++)
		ssg_list_push(l, ssg_model_str(m, "x"));
	ssg_map_set(root, "l", l);
	ssg_buf src, out;
	ssg_buf_init(&src);
	ssg_buf_init(&out);
	for (int i = 0; i < 20; i++)
		ssg_buf_puts(&src, "{{#l}}");
	ssg_buf_puts(&src, "y");
	for (int i = 0; i < 20; i++)
		ssg_buf_puts(&src, "{{/l}}");
	assert_int_equal(ssg_templates_add(t, "deep", src.data, src.len,
					   "theme/deep.mustache", d),
			 SSG_OK);
	assert_int_equal(ssg_templates_render(t, "deep", root, &out, d),
			 SSG_ERR_LIMIT);
	assert_int_equal(out.len, 0);
	assert_non_null(strstr(diag_msg(d, 0), "more than 20000000 steps"));
	/* Seven to the fourth is fine. */
	static const char ok[] = "{{#l}}{{#l}}{{#l}}{{#l}}y{{/l}}{{/l}}{{/l}}{{/l}}";
	assert_int_equal(ssg_templates_add(t, "ok", ok, strlen(ok),
					   "theme/ok.mustache", d),
			 SSG_OK);
	assert_int_equal(ssg_templates_render(t, "ok", root, &out, d), SSG_OK);
	assert_int_equal(out.len, 7 * 7 * 7 * 7);
	ssg_buf_fini(&src);
	ssg_buf_fini(&out);
	ssg_model_free(m);
	ssg_diags_free(d);
	ssg_templates_free(t);
}

static void hex(const unsigned char *h, char *out)
{
	for (size_t i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static void test_odbcheck_sha1_known_answers(void **state)
{
	(void)state;
	unsigned char h[20];
	char x[41];
	ssg_odbcheck_sha1("abc", 3, h);
	hex(h, x);
	assert_string_equal(x, "a9993e364706816aba3e25717850c26c9cd0d89d");
	ssg_odbcheck_sha1("", 0, h);
	hex(h, x);
	assert_string_equal(x, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	ssg_odbcheck_sha1(two, strlen(two), h);
	hex(h, x);
	assert_string_equal(x, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

static const char *const small_plan[] = {
	"content/_index.md", "---\ntitle: K\n---\nGiới thiệu dài dòng để "
	"nén được một chút, giới thiệu dài dòng.\n",
	"data/indicators.csv", "id,name,target\n1,A,2\n", NULL};

static int odbcheck_of(const char *objects, ssg_diags *d)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", base, objects);
	return ssg_odbcheck(path, NULL, NULL, d);
}

/* libgit2 1.5.1 loops forever on this file; we must say what it is. */
static void test_odbcheck_truncated_loose_object(void **state)
{
	(void)state;
	repo(small_plan);
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(odbcheck_of("r/.git/objects", d), SSG_OK);
	assert_int_equal(ssg_diags_count(d), 0);
	run("f=r/.git/objects/$(git -C r rev-parse HEAD:content/_index.md | "
	    "sed 's|^..|&/|'); chmod u+w $f; truncate -s 30 $f");
	assert_int_equal(odbcheck_of("r/.git/objects", d), SSG_ERR_ENV);
	assert_non_null(strstr(diag_msg(d, 0), "is truncated"));
	assert_null(ssg_diags_get(d, 0)->path);
	/* And opening the repository stops there, before libgit2 reads. */
	ssg_repo *r = NULL;
	assert_int_equal(ssg_repo_open(&r, rdir, d), SSG_ERR_ENV);
	assert_null(r);
	ssg_diags_free(d);
}

/* Overwrites the loose object of HEAD's data/indicators.csv with the
 * zlib of `raw` (printf's syntax): a well-formed file that lies. */
static void replace_indicators_blob(const char *raw)
{
	run("f=r/.git/objects/$(git -C r rev-parse HEAD:data/indicators.csv | "
	    "sed 's|^..|&/|'); chmod u+w $f; printf '%s' | "
	    "python3 -c 'import sys,zlib; sys.stdout.buffer.write("
	    "zlib.compress(sys.stdin.buffer.read()))' >$f",
	    raw);
}

static void test_odbcheck_loose_object_with_other_content(void **state)
{
	(void)state;
	repo(small_plan);
	ssg_diags *d = ssg_diags_new();
	replace_indicators_blob("blob 3\\000abc");
	assert_int_equal(odbcheck_of("r/.git/objects", d), SSG_ERR_ENV);
	assert_non_null(strstr(diag_msg(d, 0), "does not match its name"));
	ssg_diags_free(d);
}

static void test_odbcheck_header_size_that_lies(void **state)
{
	(void)state;
	repo(small_plan);
	ssg_diags *d = ssg_diags_new();
	replace_indicators_blob("blob 99999\\000abc");
	assert_int_equal(odbcheck_of("r/.git/objects", d), SSG_ERR_ENV);
	assert_non_null(strstr(diag_msg(d, 0), "shorter than its header"));
	ssg_diags_free(d);
}

static void test_odbcheck_damaged_pack(void **state)
{
	(void)state;
	repo(small_plan);
	run("git -C r gc -q");
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(odbcheck_of("r/.git/objects", d), SSG_OK);
	run("p=$(ls r/.git/objects/pack/*.pack); chmod u+w $p; "
	    "printf 'XX' | dd of=$p bs=1 seek=40 conv=notrunc");
	assert_int_equal(odbcheck_of("r/.git/objects", d), SSG_ERR_ENV);
	assert_non_null(strstr(diag_msg(d, 0), "checksum does not match"));
	ssg_diags_free(d);
}

/* The memo line odbcheck.h keeps of the one file `pattern` names in
 * base, as it is now; its path in *path. */
static void memo_line_of(ssg_buf *b, const char *pattern, char **path)
{
	char full[256];
	snprintf(full, sizeof(full), "%s/%s", base, pattern);
	glob_t g;
	assert_int_equal(glob(full, 0, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, 1);
	struct stat st;
	assert_int_equal(stat(g.gl_pathv[0], &st), 0);
	ssg_buf_printf(b, "%llu %llu %lld %lld.%09ld %lld.%09ld %s\n",
		       (unsigned long long)st.st_dev,
		       (unsigned long long)st.st_ino, (long long)st.st_size,
		       (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		       (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec,
		       g.gl_pathv[0]);
	*path = ssg_xstrdup(g.gl_pathv[0]);
	globfree(&g);
}

/* A file the memo says was found whole, with the inode it had then, is
 * not read again; any change to it (its change time moves) and it is. */
static void test_odbcheck_memo(void **state)
{
	(void)state;
	repo(small_plan);
	run("git -C r gc -q");
	char objects[256];
	snprintf(objects, sizeof(objects), "%s/r/.git/objects", base);
	ssg_diags *d = ssg_diags_new();
	ssg_buf next, memo;
	ssg_buf_init(&next);
	ssg_buf_init(&memo);

	/* A pack just written: found whole, but too new to be remembered
	 * (a coarse clock could stamp a write a moment later the same). */
	assert_int_equal(ssg_odbcheck(objects, NULL, &next, d), SSG_OK);
	assert_null(strstr(ssg_buf_cstr(&next), "pack-"));

	/* Damaged: without a memo the check says so ... */
	run("p=$(ls r/.git/objects/pack/*.pack); chmod u+w $p; "
	    "printf 'XX' | dd of=$p bs=1 seek=40 conv=notrunc 2>/dev/null");
	assert_int_equal(ssg_odbcheck(objects, NULL, NULL, d), SSG_ERR_ENV);
	/* ... with a memo that says it was found whole as its inode is now,
	 * it is not read (which is why the memo is kept where only the
	 * owner of the objects can write), and it is remembered again ... */
	char *pack, *idx;
	memo_line_of(&memo, "r/.git/objects/pack/pack-*.pack", &pack);
	memo_line_of(&memo, "r/.git/objects/pack/pack-*.idx", &idx);
	ssg_buf_clear(&next);
	ssg_diags_free(d);
	d = ssg_diags_new();
	assert_int_equal(ssg_odbcheck(objects, ssg_buf_cstr(&memo), &next, d),
			 SSG_OK);
	assert_non_null(strstr(ssg_buf_cstr(&next), pack));
	assert_non_null(strstr(ssg_buf_cstr(&next), idx));
	/* ... and once its inode changes, it is read again. */
	run("touch r/.git/objects/pack/*.pack");
	assert_int_equal(ssg_odbcheck(objects, ssg_buf_cstr(&memo), NULL, d),
			 SSG_ERR_ENV);
	assert_non_null(strstr(diag_msg(d, 0), "checksum does not match"));
	free(pack);
	free(idx);
	ssg_buf_fini(&memo);
	ssg_buf_fini(&next);
	ssg_diags_free(d);
}

static int plan_of(const char *const *files, ssg_diags *d)
{
	repo(files);
	ssg_repo *r = NULL;
	ssg_snapshot *snap = NULL;
	ssg_plan *p = NULL;
	int rc = ssg_repo_open(&r, rdir, d);
	if (rc == SSG_OK)
		rc = ssg_repo_snapshot(r, NULL, &snap, d);
	if (rc == SSG_OK)
		rc = ssg_plan_load(&p, snap, NULL, d);
	ssg_plan_free(p);
	ssg_snapshot_free(snap);
	ssg_repo_free(r);
	return rc;
}

static void test_plan_table_with_header_only(void **state)
{
	(void)state;
	static const char *const files[] = {
		"content/_index.md", "---\ntitle: K\n---\n",
		"data/communes.csv", "xa,ket_qua\n", NULL};
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(plan_of(files, d), SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(d), 1);
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_string_equal(g->path, "data/communes.csv");
	assert_int_equal(g->line, 1);
	assert_non_null(strstr(g->msg, "header but no rows"));
	ssg_diags_free(d);
}

/* A plan whose table `file` (header `head`) has one row more than `max`,
 * row i written PREFIX i SUFFIX, must fail there saying `msg`. */
static void assert_rows_over(const char *file, const char *head,
			     const char *prefix, const char *suffix,
			     unsigned max, const char *msg)
{
	ssg_buf csv;
	ssg_buf_init(&csv);
	ssg_buf_puts(&csv, head);
	for (unsigned i = 0; i <= max; i++)
		ssg_buf_printf(&csv, "%s%u%s", prefix, i, suffix);
	const char *files[] = {"content/_index.md", "---\ntitle: K\n---\n",
			       file, csv.data, NULL};
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(plan_of(files, d), SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(d), 1);
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_int_equal(g->line, max + 2);
	assert_non_null(strstr(g->msg, msg));
	ssg_diags_free(d);
	ssg_buf_fini(&csv);
}

static void test_plan_too_many_indicators(void **state)
{
	(void)state;
	assert_rows_over("data/indicators.csv", "id,name,target\n", "",
			 ",A,2\n", SSG_PLAN_MAX_ITEMS,
			 "more than 5000 indicators");
}

/* tests/bad/87: each row of a table is a page of its own. */
static void test_plan_table_rows_over_limit(void **state)
{
	(void)state;
	assert_rows_over("data/communes.csv", "xa,v\n", "x", ",1\n",
			 SSG_PLAN_MAX_ROWS, "more than 20000 rows");
}

/* tests/bad/80: a key column that is not there left the rows without
 * keys, and rendering the table crashed. */
static void test_plan_missing_key_column_keeps_row_keys(void **state)
{
	(void)state;
	static const char *const files[] = {
		"content/_index.md", "---\ntitle: K\n---\n",
		"data/communes.csv", "xa,v\nA,1\nB,2\n",
		"data/datapackage.json",
		"{\"resources\": [{\"name\": \"communes\", \"schema\": "
		"{\"primaryKey\": \"nope\"}}]}", NULL};
	repo(files);
	ssg_diags *d = ssg_diags_new();
	ssg_repo *r = NULL;
	ssg_snapshot *snap = NULL;
	ssg_plan *p = NULL;
	assert_int_equal(ssg_repo_open(&r, rdir, d), SSG_OK);
	assert_int_equal(ssg_repo_snapshot(r, NULL, &snap, d), SSG_OK);
	assert_int_equal(ssg_plan_load(&p, snap, NULL, d), SSG_ERR_CONTENT);
	assert_non_null(strstr(diag_msg(d, 0), "key column 'nope'"));
	const ssg_plan_table *t = ssg_plan_table_find(p, "communes");
	assert_non_null(t);
	assert_non_null(t->keys);
	assert_string_equal(t->keys[1], "B");
	assert_int_equal(ssg_plan_table_row(t, "b"), 1);
	ssg_plan_free(p);
	ssg_snapshot_free(snap);
	ssg_repo_free(r);
	ssg_diags_free(d);
}

/* tests/bad/79: lookups are a binary search; the first of equal keys
 * (only reachable with a duplicate, itself an error) wins. */
static void test_plan_table_row_finds_every_key(void **state)
{
	(void)state;
	ssg_buf csv;
	ssg_buf_init(&csv);
	ssg_buf_puts(&csv, "xa,v\n");
	for (unsigned i = 0; i < 3000; i++)
		ssg_buf_printf(&csv, "X%u,%u\n", 2999 - i, i);
	const char *files[] = {"content/_index.md", "---\ntitle: K\n---\n",
			       "data/communes.csv", csv.data, NULL};
	repo(files);
	ssg_diags *d = ssg_diags_new();
	ssg_repo *r = NULL;
	ssg_snapshot *snap = NULL;
	ssg_plan *p = NULL;
	assert_int_equal(ssg_repo_open(&r, rdir, d), SSG_OK);
	assert_int_equal(ssg_repo_snapshot(r, NULL, &snap, d), SSG_OK);
	assert_int_equal(ssg_plan_load(&p, snap, NULL, d), SSG_OK);
	const ssg_plan_table *t = ssg_plan_table_find(p, "communes");
	for (unsigned i = 0; i < 3000; i++) {
		char key[16];
		snprintf(key, sizeof(key), " x%u ", i);
		assert_int_equal(ssg_plan_table_row(t, key), 2999 - (long)i);
	}
	assert_int_equal(ssg_plan_table_row(t, "X3000"), -1);
	assert_int_equal(ssg_plan_table_row(t, ""), -1);
	ssg_plan_free(p);
	ssg_snapshot_free(snap);
	ssg_repo_free(r);
	ssg_diags_free(d);
	ssg_buf_fini(&csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md_data_url_with_control_char_is_dropped),
		cmocka_unit_test(test_template_render_budget),
		cmocka_unit_test(test_odbcheck_sha1_known_answers),
		cmocka_unit_test(test_odbcheck_truncated_loose_object),
		cmocka_unit_test(test_odbcheck_loose_object_with_other_content),
		cmocka_unit_test(test_odbcheck_header_size_that_lies),
		cmocka_unit_test(test_odbcheck_damaged_pack),
		cmocka_unit_test(test_odbcheck_memo),
		cmocka_unit_test(test_plan_table_with_header_only),
		cmocka_unit_test(test_plan_too_many_indicators),
		cmocka_unit_test(test_plan_table_rows_over_limit),
		cmocka_unit_test(test_plan_missing_key_column_keeps_row_keys),
		cmocka_unit_test(test_plan_table_row_finds_every_key),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
