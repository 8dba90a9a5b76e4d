/* claims: one page per output file, and a clash named by both pages. */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "claims.h"

static const ssg_from sec_a = {SSG_FROM_FILE, "content/01-a.md", 0, NULL};
static const ssg_from sec_b = {SSG_FROM_FILE, "content/02-b.md", 4, NULL};
static const ssg_from row_x = {SSG_FROM_ROW, "data/xa.csv", 7, "Xã A"};
static const ssg_from tag_1 = {SSG_FROM_TAG, NULL, 0, "ban-1"};
static const ssg_from tag_2 = {SSG_FROM_TAG, NULL, 0, "bản-1"};

/* The one diagnostic of d: its location and English message. */
static void one(ssg_diags *d, const char *path, unsigned line,
		const char *msg)
{
	assert_int_equal(ssg_diags_count(d), 1);
	const ssg_diag *g = ssg_diags_get(d, 0);
	if (path) {
		assert_non_null(g->path);
		assert_string_equal(g->path, path);
		assert_int_equal(g->line, line);
		assert_int_equal(g->col, 1);
	} else {
		assert_null(g->path);
	}
	assert_string_equal(g->msg, msg);
}

static void test_claims_first_page_keeps_its_file(void **state)
{
	(void)state;
	ssg_claims *c = ssg_claims_new();
	ssg_diags *d = ssg_diags_new();
	assert_true(ssg_claims_take(c, "a/index.html", &sec_a));
	assert_true(ssg_claims_take(c, "b/index.html", &sec_b));
	assert_true(ssg_claims_take(c, "index.html", NULL));
	assert_false(ssg_claims_take(c, "a/index.html", &sec_b));
	assert_int_equal(ssg_claims_report(c, d), 1);
	one(d, "content/02-b.md", 4,
	    "content/01-a.md and content/02-b.md would both be written to "
	    "a/index.html: rename one of them");
	/* Reported, the clash is forgotten. */
	assert_int_equal(ssg_claims_report(c, d), 0);
	ssg_diags_free(d);
	ssg_claims_free(c);
	ssg_claims_free(NULL);
}

/* Whichever thread took the file first, the message is the same. */
static void test_claims_report_does_not_depend_on_order(void **state)
{
	(void)state;
	char *msg[2];
	for (int k = 0; k < 2; k++) {
		ssg_claims *c = ssg_claims_new();
		ssg_diags *d = ssg_diags_new();
		assert_true(ssg_claims_take(c, "x/", k ? &row_x : &sec_b));
		assert_false(ssg_claims_take(c, "x/", k ? &sec_b : &row_x));
		assert_int_equal(ssg_claims_report(c, d), 1);
		one(d, "data/xa.csv", 7,
		    "content/02-b.md and row 'Xã A' of data/xa.csv would both "
		    "be written to x/: rename one of them");
		msg[k] = strdup(ssg_diags_get(d, 0)->msg);
		ssg_diags_free(d);
		ssg_claims_free(c);
	}
	assert_string_equal(msg[0], msg[1]);
	free(msg[0]);
	free(msg[1]);
}

/* "Logo.png" and "logo.png", or a name in NFC and in NFD, are one file
 * on Windows and macOS, where the archive is opened. */
static void test_claims_case_and_unicode_form_are_one_file(void **state)
{
	(void)state;
	ssg_claims *c = ssg_claims_new();
	ssg_diags *d = ssg_diags_new();
	ssg_from up = {SSG_FROM_FILE, "theme/static/Logo.png", 0, NULL};
	ssg_from nfd = {SSG_FROM_FILE, "data/tho\xcc\x82n.csv", 0, NULL};
	assert_true(ssg_claims_take(c, "static/logo.png", NULL));
	assert_false(ssg_claims_take(c, "static/Logo.png", &up));
	assert_true(ssg_claims_take(c, "data/th\xc3\xb4n.csv", &sec_a));
	assert_false(ssg_claims_take(c, "data/tho\xcc\x82n.csv", &nfd));
	assert_true(ssg_claims_take(c, "data/thon.csv", &sec_b));
	assert_int_equal(ssg_claims_report(c, d), 2);
	ssg_diags_sort(d);
	assert_string_equal(ssg_diags_get(d, 0)->msg,
			    "content/01-a.md and data/tho\xcc\x82n.csv would be "
			    "written to data/th\xc3\xb4n.csv and "
			    "data/tho\xcc\x82n.csv, one file where letter case "
			    "does not count (Windows, macOS): rename one of "
			    "them");
	assert_string_equal(ssg_diags_get(d, 1)->path,
			    "theme/static/Logo.png");
	assert_string_equal(ssg_diags_get(d, 1)->msg,
			    "theme/static/Logo.png would be written to "
			    "static/Logo.png, which is the site's own "
			    "static/logo.png where letter case does not count "
			    "(Windows, macOS): rename it");
	ssg_diags_free(d);
	ssg_claims_free(c);
}

/* Two tags have no file: "ssg: error:". */
static void test_claims_tags_have_no_file(void **state)
{
	(void)state;
	ssg_claims *c = ssg_claims_new();
	ssg_diags *d = ssg_diags_new();
	assert_true(ssg_claims_take(c, "revisions/ban-1/index.html", &tag_2));
	assert_false(ssg_claims_take(c, "revisions/ban-1/index.html", &tag_1));
	assert_int_equal(ssg_claims_report(c, d), 1);
	one(d, NULL, 0,
	    "tag 'ban-1' and tag 'bản-1' would both be written to "
	    "revisions/ban-1/index.html: rename one of them");
	ssg_diags_free(d);
	ssg_claims_free(c);
}

/* A table's two data files are one clash of the same two pages. */
static void test_claims_one_report_per_pair(void **state)
{
	(void)state;
	ssg_claims *c = ssg_claims_new();
	ssg_diags *d = ssg_diags_new();
	const char *files[] = {"data/x.csv", "data/x.json", "tables/x/"};
	for (size_t i = 0; i < 3; i++) {
		assert_true(ssg_claims_take(c, files[i], &sec_b));
		assert_false(ssg_claims_take(c, files[i], &sec_a));
	}
	assert_int_equal(ssg_claims_report(c, d), 1);
	one(d, "content/02-b.md", 4,
	    "content/01-a.md and content/02-b.md would both be written to "
	    "data/x.csv: rename one of them");
	ssg_diags_free(d);
	ssg_claims_free(c);
}

/* What the checks of names reported (a directory, or one file) is not
 * reported again; the rest is. */
static void test_claims_reported_by_the_checks_are_left_out(void **state)
{
	(void)state;
	ssg_claims *c = ssg_claims_new();
	ssg_diags *d = ssg_diags_new();
	ssg_claims_reported(c, "tables/thon/");
	ssg_claims_reported(c, "data/Thon.csv");
	const char *files[] = {"tables/thon/index.html", "tables/thon/1/",
			       "data/thon.csv", "data/thon.json"};
	for (size_t i = 0; i < 4; i++) {
		assert_true(ssg_claims_take(c, files[i], &sec_a));
		assert_false(ssg_claims_take(c, files[i], &sec_b));
	}
	assert_int_equal(ssg_claims_report(c, d), 1);
	one(d, "content/02-b.md", 4,
	    "content/01-a.md and content/02-b.md would both be written to "
	    "data/thon.json: rename one of them");
	ssg_diags_free(d);
	ssg_claims_free(c);
}

/* One key twice in one table is the table's error (a duplicate key),
 * not a clash of two pages; two keys of one table that meet are. */
static void test_claims_one_row_twice_is_the_tables(void **state)
{
	(void)state;
	ssg_claims *c = ssg_claims_new();
	ssg_diags *d = ssg_diags_new();
	const ssg_from again = {SSG_FROM_ROW, "data/xa.csv", 9, "Xã A"};
	const ssg_from other = {SSG_FROM_ROW, "data/xa.csv", 11, "xã a"};
	assert_true(ssg_claims_take(c, "tables/xa/xa-a/index.html", &row_x));
	assert_false(ssg_claims_take(c, "tables/xa/xa-a/index.html", &again));
	assert_int_equal(ssg_claims_report(c, d), 0);
	assert_int_equal(ssg_diags_count(d), 0);
	assert_false(ssg_claims_take(c, "tables/xa/xa-a/index.html", &other));
	assert_int_equal(ssg_claims_report(c, d), 1);
	one(d, "data/xa.csv", 11,
	    "row 'Xã A' of data/xa.csv and row 'xã a' of data/xa.csv would "
	    "both be written to tables/xa/xa-a/index.html: rename one of them");
	ssg_diags_free(d);
	ssg_claims_free(c);
}

/* The site's own routes meeting are a bug of ssg, said so. */
static void test_claims_site_twice_is_internal(void **state)
{
	(void)state;
	ssg_claims *c = ssg_claims_new();
	ssg_diags *d = ssg_diags_new();
	assert_true(ssg_claims_take(c, "feed.xml", NULL));
	assert_false(ssg_claims_take(c, "feed.xml", NULL));
	assert_int_equal(ssg_claims_report(c, d), 1);
	one(d, NULL, 0,
	    "internal: the site's own files feed.xml and feed.xml would be "
	    "one file");
	ssg_diags_free(d);
	ssg_claims_free(c);
}

typedef struct {
	ssg_claims *c;
	int k;
	size_t won;
} racer;

static void *race(void *arg)
{
	racer *r = arg;
	const ssg_from *from = r->k ? &sec_b : &sec_a;
	char path[32];
	for (int i = 0; i < 20000; i++) {
		snprintf(path, sizeof(path), "p/%d/", i);
		r->won += ssg_claims_take(r->c, path, from);
	}
	return NULL;
}

/* Takes from several threads: each file goes to exactly one of them. */
static void test_claims_threads_take_each_file_once(void **state)
{
	(void)state;
	ssg_claims *c = ssg_claims_new();
	racer r[2] = {{c, 0, 0}, {c, 1, 0}};
	pthread_t t[2];
	for (int k = 0; k < 2; k++)
		assert_int_equal(pthread_create(&t[k], NULL, race, &r[k]), 0);
	for (int k = 0; k < 2; k++)
		assert_int_equal(pthread_join(t[k], NULL), 0);
	assert_int_equal(r[0].won + r[1].won, 20000);
	ssg_diags *d = ssg_diags_new();
	assert_int_equal(ssg_claims_report(c, d), 1); /* one pair */
	ssg_diags_free(d);
	ssg_claims_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claims_first_page_keeps_its_file),
		cmocka_unit_test(test_claims_report_does_not_depend_on_order),
		cmocka_unit_test(test_claims_case_and_unicode_form_are_one_file),
		cmocka_unit_test(test_claims_tags_have_no_file),
		cmocka_unit_test(test_claims_one_report_per_pair),
		cmocka_unit_test(test_claims_reported_by_the_checks_are_left_out),
		cmocka_unit_test(test_claims_one_row_twice_is_the_tables),
		cmocka_unit_test(test_claims_site_twice_is_internal),
		cmocka_unit_test(test_claims_threads_take_each_file_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
