/* Tests for history_rows (the row fast path), alone: a version's bytes
 * held through an owner, the events of a next version against those of
 * the full diff (diff.h), and the cases it must leave to the full path. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "err.h"
#include "history_rows.h"
#include "table.h"

/* References held: every keep given back by the end. */
static int held;

static void *keep(void *owner)
{
	held++;
	return owner;
}

static void drop(void *ref)
{
	(void)ref;
	held--;
}

static const ssg_hrows_owner owner = {keep, drop};

static void dump(ssg_buf *b, const ssg_row_events *re)
{
	for (size_t i = 0; i < ssg_row_events_count(re); i++) {
		const ssg_row_event *e = ssg_row_events_get(re, i);
		ssg_buf_printf(b, "%d %s", (int)e->kind, e->key ? e->key : "-");
		if (e->kind == SSG_EV_CHANGED)
			ssg_buf_printf(b, " %s: %s > %s", e->field, e->old,
				       e->new_);
		for (size_t j = 0; j < e->ncols; j++)
			ssg_buf_printf(b, " %s=%s", e->cols[j], e->vals[j]);
		ssg_buf_putc(b, '\n');
	}
}

/* The full diff's events of a -> b, as text. */
static char *full(const char *a, const char *b)
{
	ssg_diags *d = ssg_diags_new();
	ssg_table *ta = NULL, *tb = NULL;
	ssg_row_events *re = NULL;
	assert_int_equal(ssg_table_parse(&ta, "t.csv", a, strlen(a), d), SSG_OK);
	assert_int_equal(ssg_table_parse(&tb, "t.csv", b, strlen(b), d), SSG_OK);
	assert_int_equal(ssg_diff_tables(&re, ta, tb, NULL, 0, d), SSG_OK);
	ssg_buf out;
	ssg_buf_init(&out);
	dump(&out, re);
	ssg_row_events_free(re);
	ssg_table_free(ta);
	ssg_table_free(tb);
	ssg_diags_free(d);
	return ssg_buf_detach(&out);
}

/* The fast path's events of the version r holds -> b, or NULL when it
 * declines. */
static char *fast(ssg_hrows *r, const char *b)
{
	ssg_row_events *re = NULL;
	if (!ssg_hrows_next(r, b, strlen(b), (void *)b, "t.csv", NULL, 0,
			    &re)) {
		assert_null(re);
		return NULL;
	}
	ssg_buf out;
	ssg_buf_init(&out);
	dump(&out, re);
	ssg_row_events_free(re);
	return ssg_buf_detach(&out);
}

static void test_hrows_events_are_the_full_diffs(void **state)
{
	(void)state;
	static const char *const v[] = {
		"id,name,v\n1,an,10\n2,binh,20\n3,chi,30\n4,dung,40\n",
		/* a value changed in the middle */
		"id,name,v\n1,an,10\n2,binh,21\n3,chi,30\n4,dung,40\n",
		/* a row added, one removed, one moved */
		"id,name,v\n4,dung,40\n1,an,10\n2,binh,21\n5,em,50\n",
		/* quoted fields with the delimiter inside */
		"id,name,v\n4,\"dung, d\",40\n1,an,10\n2,binh,21\n5,em,50\n",
		/* a value of the row moved first changed */
		"id,name,v\n4,\"dung, d\",40\n1,an,11\n2,binh,21\n5,em,50\n",
	};
	ssg_hrows *r = ssg_hrows_new(&owner);
	assert_true(ssg_hrows_cut(r, v[0], strlen(v[0]), (void *)v[0]));
	for (size_t i = 1; i < sizeof(v) / sizeof(v[0]); i++) {
		char *want = full(v[i - 1], v[i]);
		char *got = fast(r, v[i]);
		assert_non_null(got);
		assert_string_equal(got, want);
		assert_true(strlen(want) > 0);
		free(want);
		free(got);
	}
	assert_int_equal(held, 1); /* the latest version only */
	ssg_hrows_free(r);
	assert_int_equal(held, 0);
}

static void test_hrows_declines_what_the_full_path_must_do(void **state)
{
	(void)state;
	const char *v0 = "id,v\n1,a\n2,b\n3,c\n";
	ssg_hrows *r = ssg_hrows_new(&owner);
	assert_true(ssg_hrows_cut(r, v0, strlen(v0), (void *)v0));
	static const char *const no[] = {
		"id,w\n1,a\n2,b\n3,c\n",       /* another header */
		"id,v\r\n1,a\r\n2,b\r\n3,c\r\n", /* CR */
		"id,v\n1,a\n2,x\n3,c",          /* no final LF */
		"id,v\n1,a\n\n3,c\n",           /* an empty line */
		"id,v\n1,a\n2,\"b\nb\"\n3,c\n", /* a record over two lines */
		"id,v\n1,a\n3,x\n3,c\n",        /* a changed key meets a kept one */
	};
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		char *got = fast(r, no[i]);
		if (got)
			fail_msg("took version %zu: %s", i, got);
	}
	/* Declining left r holding v0: the next version diffs against it. */
	const char *v1 = "id,v\n1,a\n2,B\n3,c\n";
	char *got = fast(r, v1);
	char *want = full(v0, v1);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	/* A version that is not simple is not held: nothing to go on from. */
	const char *crlf = "id,v\r\n1,a\r\n";
	assert_false(ssg_hrows_cut(r, crlf, strlen(crlf), (void *)crlf));
	assert_null(fast(r, v1));
	ssg_hrows_free(r);
	assert_int_equal(held, 0);
}

/* Keys on two columns, given by name. */
static void test_hrows_named_key_columns(void **state)
{
	(void)state;
	static const char *const key[] = {"xa", "nam"};
	const char *v0 = "xa,nam,v\nA,2024,1\nA,2025,2\nB,2024,3\n";
	const char *v1 = "xa,nam,v\nA,2024,1\nA,2025,9\nB,2024,3\n";
	ssg_hrows *r = ssg_hrows_new(&owner);
	assert_true(ssg_hrows_cut(r, v0, strlen(v0), (void *)v0));
	ssg_row_events *re = NULL;
	assert_true(ssg_hrows_next(r, v1, strlen(v1), (void *)v1, "t.csv",
				   key, 2, &re));
	ssg_buf b;
	ssg_buf_init(&b);
	dump(&b, re);
	assert_string_equal(ssg_buf_cstr(&b), "2 A|2025 v: 2 > 9\n");
	ssg_buf_fini(&b);
	ssg_row_events_free(re);
	ssg_hrows_free(r);
	ssg_hrows_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hrows_events_are_the_full_diffs),
		cmocka_unit_test(test_hrows_declines_what_the_full_path_must_do),
		cmocka_unit_test(test_hrows_named_key_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
