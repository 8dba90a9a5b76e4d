/*
 * Regression tests for the bugs the bad-input catalogue (tests/bad/) and
 * the fuzzers (fuzz/) found in other modules: one test per fix.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "markdown.h"
#include "odbcheck.h"
#include "plan.h"
#include "repo.h"
#include "template.h"

static char base[64];

static void run(const char *fmt, ...) SSG_PRINTF(1, 2);
static void run(const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "cd '%s' && ( %s ) >/dev/null 2>&1", base, tmp);
	if (system(b.data) != 0)
		fail_msg("fixture command failed: %s", tmp);
	ssg_buf_fini(&b);
}

static int setup_dir(void **state)
{
	(void)state;
	snprintf(base, sizeof(base), "/tmp/ssg-safety.XXXXXX");
	if (!mkdtemp(base))
		return -1;
	setenv("GIT_AUTHOR_DATE", "2024-03-01T09:00:00+07:00", 1);
	setenv("GIT_COMMITTER_DATE", "2024-03-01T09:00:00+07:00", 1);
	setenv("GIT_AUTHOR_NAME", "T", 1);
	setenv("GIT_AUTHOR_EMAIL", "t@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "T", 1);
	setenv("GIT_COMMITTER_EMAIL", "t@example.org", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	return 0;
}

static int teardown_dir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	return system(cmd) == 0 ? 0 : -1;
}

/* A repository r/ in base with the files given as "path", "text"... */
static void repo(const char *const *files)
{
	run("rm -rf r && git init -q -b main r");
	for (size_t i = 0; files[i]; i += 2) {
		run("mkdir -p \"$(dirname 'r/%s')\"", files[i]);
		char path[256];
		snprintf(path, sizeof(path), "%s/r/%s", base, files[i]);
		FILE *f = fopen(path, "w");
		if (!f)
			fail_msg("cannot write %s", path);
		fputs(files[i + 1], f);
		fclose(f);
	}
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
			    NULL, d);
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
	return ssg_odbcheck(path, d);
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
	char path[128];
	snprintf(path, sizeof(path), "%s/r", base);
	assert_int_equal(ssg_repo_open(&r, path, d), SSG_ERR_ENV);
	assert_null(r);
	ssg_diags_free(d);
}

static void test_odbcheck_loose_object_with_other_content(void **state)
{
	(void)state;
	repo(small_plan);
	ssg_diags *d = ssg_diags_new();
	run("f=r/.git/objects/$(git -C r rev-parse HEAD:data/indicators.csv | "
	    "sed 's|^..|&/|'); chmod u+w $f; printf 'blob 3\\000abc' | "
	    "python3 -c 'import sys,zlib; sys.stdout.buffer.write("
	    "zlib.compress(sys.stdin.buffer.read()))' >$f");
	assert_int_equal(odbcheck_of("r/.git/objects", d), SSG_ERR_ENV);
	assert_non_null(strstr(diag_msg(d, 0), "does not match its name"));
	ssg_diags_free(d);
}

static void test_odbcheck_header_size_that_lies(void **state)
{
	(void)state;
	repo(small_plan);
	ssg_diags *d = ssg_diags_new();
	run("f=r/.git/objects/$(git -C r rev-parse HEAD:data/indicators.csv | "
	    "sed 's|^..|&/|'); chmod u+w $f; printf 'blob 99999\\000abc' | "
	    "python3 -c 'import sys,zlib; sys.stdout.buffer.write("
	    "zlib.compress(sys.stdin.buffer.read()))' >$f");
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

static int plan_of(const char *const *files, ssg_diags *d)
{
	repo(files);
	char path[128];
	snprintf(path, sizeof(path), "%s/r", base);
	ssg_repo *r = NULL;
	ssg_snapshot *snap = NULL;
	ssg_plan *p = NULL;
	int rc = ssg_repo_open(&r, path, d);
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

static void test_plan_too_many_indicators(void **state)
{
	(void)state;
	ssg_buf csv;
	ssg_buf_init(&csv);
	ssg_buf_puts(&csv, "id,name,target\n");
	for (unsigned i = 0; i <= SSG_PLAN_MAX_ITEMS; i++)
		ssg_buf_printf(&csv, "%u,A,2\n", i);
	const char *files[] = {"content/_index.md", "---\ntitle: K\n---\n",
			       "data/indicators.csv", csv.data, NULL};
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(plan_of(files, d), SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(d), 1);
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_int_equal(g->line, SSG_PLAN_MAX_ITEMS + 2);
	assert_non_null(strstr(g->msg, "more than 5000 indicators"));
	ssg_diags_free(d);
	ssg_buf_fini(&csv);
}

/* tests/bad/87: each row of a table is a page of its own. */
static void test_plan_table_rows_over_limit(void **state)
{
	(void)state;
	ssg_buf csv;
	ssg_buf_init(&csv);
	ssg_buf_puts(&csv, "xa,v\n");
	for (unsigned i = 0; i <= SSG_PLAN_MAX_ROWS; i++)
		ssg_buf_printf(&csv, "x%u,1\n", i);
	const char *files[] = {"content/_index.md", "---\ntitle: K\n---\n",
			       "data/communes.csv", csv.data, NULL};
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(plan_of(files, d), SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(d), 1);
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_int_equal(g->line, SSG_PLAN_MAX_ROWS + 2);
	assert_non_null(strstr(g->msg, "more than 20000 rows"));
	ssg_diags_free(d);
	ssg_buf_fini(&csv);
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
	char path[128];
	snprintf(path, sizeof(path), "%s/r", base);
	ssg_diags *d = ssg_diags_new();
	ssg_repo *r = NULL;
	ssg_snapshot *snap = NULL;
	ssg_plan *p = NULL;
	assert_int_equal(ssg_repo_open(&r, path, d), SSG_OK);
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
	char path[128];
	snprintf(path, sizeof(path), "%s/r", base);
	ssg_diags *d = ssg_diags_new();
	ssg_repo *r = NULL;
	ssg_snapshot *snap = NULL;
	ssg_plan *p = NULL;
	assert_int_equal(ssg_repo_open(&r, path, d), SSG_OK);
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
		cmocka_unit_test(test_plan_table_with_header_only),
		cmocka_unit_test(test_plan_too_many_indicators),
		cmocka_unit_test(test_plan_table_rows_over_limit),
		cmocka_unit_test(test_plan_missing_key_column_keeps_row_keys),
		cmocka_unit_test(test_plan_table_row_finds_every_key),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
