/* Tests for history_out (the events as JSON Lines and as text), on a
 * fixture repository built with the git CLI (fixed names and dates). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "history.h"
#include "history_out.h"
#include "repo.h"

static char base[64];
static ssg_repo *repo;
static ssg_history *hist;
static char *oid[3]; /* the commits, oldest first */

#define run(...) fx_run(base, __VA_ARGS__)
#define put(rel, data) fx_put(base, rel, data)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(base, sizeof(base), "hout"))
		return -1;
	run("git init -q -b main r");
	put("r/data/t.csv", "id,v\n1,a\n2,b\n");
	put("r/data/u.csv", "id,w\nX,1\n");
	fx_git_commit(base, "r", 1, "đầu\n\nthân \"bài\"");
	put("r/data/t.csv", "id,v\n1,a2\n2,b\n3,c\n");
	fx_git_commit(base, "r", 2, "hai");
	put("r/data/t.csv", "id,v\n1,a2\n3,c\n");
	put("r/data/u.csv", "id,w\nX,1\nX,2\n"); /* a duplicate key: a gap */
	fx_git_commit(base, "r", 3, "ba");
	for (int i = 0; i < 3; i++)
		oid[i] = fx_output(base, "git -C r rev-parse HEAD~%d", 2 - i);
	ssg_diags *d = ssg_diags_new();
	char *path = fx_path(base, "r");
	int rc = ssg_repo_open(&repo, path, d);
	if (rc == SSG_OK)
		rc = ssg_history_load(&hist, repo, NULL, NULL, 0, NULL, d);
	free(path);
	ssg_diags_free(d);
	return rc == SSG_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ssg_history_free(hist);
	ssg_repo_free(repo);
	for (int i = 0; i < 3; i++)
		free(oid[i]);
	return fx_rmtree(base);
}

static char *jsonl(const char *table, const char *id, size_t ncommits)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_hout_jsonl_range(hist, table, id, ncommits, &b, NULL, NULL);
	return ssg_buf_detach(&b);
}

static size_t lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_history_out_jsonl_of_a_row(void **state)
{
	(void)state;
	char *got = jsonl("t", "1", 3);
	ssg_buf want;
	ssg_buf_init(&want);
	ssg_buf_printf(&want,
		       "{\"table\":\"t\",\"id\":\"1\",\"change\":\"added\","
		       "\"new\":{\"id\":\"1\",\"v\":\"a\"},\"commit\":\"%s\","
		       "\"date\":\"2024-07-01T09:00:00+07:00\","
		       "\"author\":\"Nguyễn Văn A\","
		       "\"message\":\"đầu\\n\\nthân \\\"bài\\\"\"}\n"
		       "{\"table\":\"t\",\"id\":\"1\",\"change\":\"changed\","
		       "\"field\":\"v\",\"old\":\"a\",\"new\":\"a2\","
		       "\"commit\":\"%s\","
		       "\"date\":\"2024-07-02T09:00:00+07:00\","
		       "\"author\":\"Nguyễn Văn A\",\"message\":\"hai\"}\n",
		       oid[0], oid[1]);
	assert_string_equal(got, ssg_buf_cstr(&want));
	ssg_buf_fini(&want);
	free(got);
	/* The whole history is the same as its full range. */
	ssg_buf all;
	ssg_buf_init(&all);
	ssg_hout_jsonl(hist, NULL, NULL, &all);
	got = jsonl(NULL, NULL, 3);
	assert_string_equal(ssg_buf_cstr(&all), got);
	/* t: 2 added, 1 changed + 1 added, 1 removed; u: 1 added, 1 gap */
	assert_int_equal(lines(got), 7);
	ssg_buf_fini(&all);
	free(got);
}

static void test_history_out_filters_match_as_keys_do(void **state)
{
	(void)state;
	char *a = jsonl("u", "X", 3), *b = jsonl("u", "  x ", 3);
	assert_string_equal(a, b);
	assert_int_equal(lines(a), 1); /* the gap has no row */
	free(a);
	free(b);
	a = jsonl("u", NULL, 3);
	assert_int_equal(lines(a), 2);
	assert_non_null(strstr(a, "\"change\":\"gap\",\"error\":\""));
	free(a);
	a = jsonl("v", NULL, 3);
	assert_string_equal(a, "");
	free(a);
	for (size_t i = 0; i < ssg_history_nevents(hist); i++) {
		const ssg_hev *e = ssg_history_event(hist, i);
		assert_true(ssg_hout_event_matches(e, NULL, NULL));
		assert_true(ssg_hout_event_matches(e, e->table, NULL));
		assert_false(ssg_hout_event_matches(e, "v", NULL));
		if (e->kind == SSG_HEV_GAP)
			assert_false(ssg_hout_event_matches(e, NULL, "X"));
	}
}

/* The history as it stood at an older revision. */
static void test_history_out_range_stops_at_its_commit(void **state)
{
	(void)state;
	char *one = jsonl(NULL, NULL, 1), *two = jsonl(NULL, NULL, 2);
	assert_int_equal(lines(one), 3);
	assert_int_equal(lines(two), 5);
	assert_memory_equal(one, two, strlen(one));
	assert_null(strstr(two, oid[2]));
	free(one);
	free(two);
}

typedef struct {
	ssg_buf all;
	size_t calls;
} sink_ctx;

static void sink(void *ctx, const char *data, size_t len)
{
	sink_ctx *s = ctx;
	ssg_buf_put(&s->all, data, len);
	s->calls++;
}

/* The sink takes each event as it is written and out is emptied. */
static void test_history_out_sink_takes_each_event(void **state)
{
	(void)state;
	sink_ctx s = {.calls = 0};
	ssg_buf_init(&s.all);
	ssg_buf out;
	ssg_buf_init(&out);
	ssg_hout_jsonl_range(hist, NULL, NULL, 3, &out, sink, &s);
	assert_int_equal(out.len, 0);
	assert_int_equal(s.calls, 7);
	char *whole = jsonl(NULL, NULL, 3);
	assert_string_equal(ssg_buf_cstr(&s.all), whole);
	free(whole);
	ssg_buf_clear(&s.all);
	s.calls = 0;
	ssg_hout_text(hist, "t", NULL, &out, sink, &s);
	assert_int_equal(out.len, 0);
	assert_int_equal(s.calls, 5);
	ssg_buf_fini(&s.all);
	ssg_buf_fini(&out);
}

/* The marks of the whole file are where the file of each shorter chain
 * ends: its first marks[c] bytes are the history of the first c
 * commits, with or without a sink. */
static void test_history_out_marks_end_each_shorter_history(void **state)
{
	(void)state;
	off_t marks[4] = {-1, -1, -1, -1};
	sink_ctx s = {.calls = 0};
	ssg_buf_init(&s.all);
	ssg_buf out;
	ssg_buf_init(&out);
	ssg_hout_jsonl_marked(hist, 3, &out, sink, &s, marks);
	char *whole = jsonl(NULL, NULL, 3);
	assert_string_equal(ssg_buf_cstr(&s.all), whole);
	for (size_t c = 0; c <= 3; c++) {
		char *part = jsonl(NULL, NULL, c);
		assert_int_equal(marks[c], (off_t)strlen(part));
		assert_memory_equal(whole, part, strlen(part));
		free(part);
	}
	/* Every commit of the fixture has events: each mark moves. */
	assert_true(marks[0] == 0 && marks[0] < marks[1] &&
		    marks[1] < marks[2] && marks[2] < marks[3]);
	/* Without a sink, into out. */
	off_t again[4] = {-1, -1, -1, -1};
	ssg_hout_jsonl_marked(hist, 2, &out, NULL, NULL, again);
	char *two = jsonl(NULL, NULL, 2);
	assert_string_equal(ssg_buf_cstr(&out), two);
	assert_int_equal(again[2], (off_t)strlen(two));
	assert_int_equal(again[1], marks[1]);
	free(two);
	free(whole);
	ssg_buf_fini(&s.all);
	ssg_buf_fini(&out);
}

static void test_history_out_text_line(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_hout_text(hist, "t", "1", &b, NULL, NULL);
	char want[512];
	snprintf(want, sizeof(want),
		 "2024-07-02 09:00 +07:00  %.7s  t — id 1  v: a → a2  "
		 "(Nguyễn Văn A) hai\n",
		 oid[1]);
	const char *second = strchr(ssg_buf_cstr(&b), '\n');
	assert_non_null(second);
	assert_string_equal(second + 1, want);
	/* The summary is the first line of the message. */
	assert_non_null(strstr(ssg_buf_cstr(&b), "(Nguyễn Văn A) đầu\n"));
	ssg_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_out_jsonl_of_a_row),
		cmocka_unit_test(test_history_out_filters_match_as_keys_do),
		cmocka_unit_test(test_history_out_range_stops_at_its_commit),
		cmocka_unit_test(test_history_out_sink_takes_each_event),
		cmocka_unit_test(test_history_out_marks_end_each_shorter_history),
		cmocka_unit_test(test_history_out_text_line),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
