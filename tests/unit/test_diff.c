#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diff.h"
#include "text.h"
#include "rng.h"

/* ---- helpers ---- */

/* A fixed seed: every run tests the same pairs. */
static uint64_t rng_state = 0x243f6a8885a308d3u;

static uint64_t rng(void)
{
	return fx_rng(&rng_state);
}

typedef struct {
	const int *a, *b;
	size_t calls;
} int_ctx;

static bool int_eq(void *ctx, size_t i, size_t j)
{
	int_ctx *c = ctx;
	c->calls++;
	return c->a[i] == c->b[j];
}

/* Applies the script to A and checks that it yields B, that runs cover
 * both sequences in order, that EQUAL runs are equal, and that each
 * change is one DELETE then one INSERT.  Returns the number of deleted
 * plus inserted elements. */
static size_t check_script(const ssg_edits *e, const int *a, size_t n,
			   const int *b, size_t m)
{
	int *out = malloc((m + 1) * sizeof(int));
	size_t x = 0, y = 0, k = 0, cost = 0;
	for (size_t r = 0; r < e->len; r++) {
		const ssg_diff_run *run = &e->runs[r];
		assert_true(run->len > 0);
		assert_int_equal(run->a, x);
		assert_int_equal(run->b, y);
		if (r > 0) {
			ssg_diff_op prev = e->runs[r - 1].op;
			assert_false(prev == run->op);
			if (run->op == SSG_DIFF_DELETE)
				assert_int_equal(prev, SSG_DIFF_EQUAL);
		}
		switch (run->op) {
		case SSG_DIFF_EQUAL:
			for (size_t i = 0; i < run->len; i++) {
				assert_int_equal(a[x + i], b[y + i]);
				out[k++] = a[x + i];
			}
			x += run->len;
			y += run->len;
			break;
		case SSG_DIFF_DELETE:
			x += run->len;
			cost += run->len;
			break;
		case SSG_DIFF_INSERT:
			for (size_t i = 0; i < run->len; i++)
				out[k++] = b[y + i];
			y += run->len;
			cost += run->len;
			break;
		}
	}
	assert_int_equal(x, n);
	assert_int_equal(y, m);
	assert_int_equal(k, m);
	for (size_t i = 0; i < m; i++)
		assert_int_equal(out[i], b[i]);
	free(out);
	return cost;
}

/* Edit distance (insertions and deletions only) by the textbook DP. */
static size_t lcs_distance(const int *a, size_t n, const int *b, size_t m)
{
	size_t *prev = calloc(m + 1, sizeof(size_t));
	size_t *cur = calloc(m + 1, sizeof(size_t));
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			if (a[i - 1] == b[j - 1])
				cur[j] = prev[j - 1] + 1;
			else
				cur[j] = prev[j] > cur[j - 1] ? prev[j]
							      : cur[j - 1];
		}
		size_t *t = prev;
		prev = cur;
		cur = t;
	}
	size_t lcs = prev[m];
	free(prev);
	free(cur);
	return n + m - 2 * lcs;
}

static char *words_html(const char *a, const char *b)
{
	ssg_wdiff *w = NULL;
	assert_int_equal(ssg_diff_words(&w, a, strlen(a), b, strlen(b)),
			 SSG_OK);
	ssg_buf out;
	ssg_buf_init(&out);
	ssg_diff_words_html(w, &out);
	ssg_diff_words_free(w);
	return ssg_buf_detach(&out);
}

static char *words_term(const char *a, const char *b, bool color)
{
	ssg_wdiff *w = NULL;
	assert_int_equal(ssg_diff_words(&w, a, strlen(a), b, strlen(b)),
			 SSG_OK);
	ssg_buf out;
	ssg_buf_init(&out);
	ssg_diff_words_term(w, &out, color);
	ssg_diff_words_free(w);
	return ssg_buf_detach(&out);
}

/* Concatenates the segments that belong to the old (EQUAL, DELETE) or
 * new (EQUAL, INSERT) text. */
static char *side_text(const ssg_wdiff *w, bool old)
{
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < ssg_diff_words_count(w); i++) {
		const ssg_diff_seg *s = ssg_diff_words_seg(w, i);
		if (s->op == SSG_DIFF_EQUAL ||
		    s->op == (old ? SSG_DIFF_DELETE : SSG_DIFF_INSERT))
			ssg_buf_put(&b, s->text, s->len);
	}
	return ssg_buf_detach(&b);
}

static bool seg_is(const ssg_diff_seg *s, const char *text)
{
	return s->len == strlen(text) && memcmp(s->text, text, s->len) == 0;
}

static size_t count_op(const ssg_wdiff *w, ssg_diff_op op)
{
	size_t k = 0;
	for (size_t i = 0; i < ssg_diff_words_count(w); i++)
		if (ssg_diff_words_seg(w, i)->op == op)
			k++;
	return k;
}

static ssg_table *parse(const char *path, const char *csv)
{
	ssg_diags *d = ssg_diags_new();
	ssg_table *t = NULL;
	int rc = ssg_table_parse(&t, path, csv, strlen(csv), d);
	assert_int_equal(rc, SSG_OK);
	ssg_diags_free(d);
	return t;
}

/* Diffs two CSV texts (old may be NULL), expecting success. */
static ssg_row_events *tdiff(const char *old, const char *new_,
			     const char *const *keys, size_t nkeys)
{
	ssg_table *a = old ? parse("data/t.csv", old) : NULL;
	ssg_table *b = parse("data/t.csv", new_);
	ssg_diags *d = ssg_diags_new();
	ssg_row_events *e = NULL;
	assert_int_equal(ssg_diff_tables(&e, a, b, keys, nkeys, d), SSG_OK);
	assert_int_equal(ssg_diags_count(d), 0);
	assert_non_null(e);
	ssg_diags_free(d);
	ssg_table_free(a);
	ssg_table_free(b);
	return e;
}

static const char *row_val(const ssg_row_event *ev, const char *col)
{
	for (size_t j = 0; j < ev->ncols; j++)
		if (strcmp(ev->cols[j], col) == 0)
			return ev->vals[j];
	return NULL;
}

/* ---- edit scripts ---- */

static void test_edits_random_pairs_apply_and_are_minimal(void **state)
{
	(void)state;
	int a[60], b[60];
	ssg_edits e;
	ssg_edits_init(&e);
	for (int round = 0; round < 3000; round++) {
		size_t n = rng() % 50, m = rng() % 50;
		int alpha = 2 + (int)(rng() % 6);
		for (size_t i = 0; i < n; i++)
			a[i] = (int)(rng() % (uint64_t)alpha);
		/* Half the pairs are edits of A, as real revisions are. */
		if (round % 2) {
			m = 0;
			for (size_t i = 0; i < n && m < 58; i++) {
				uint64_t r = rng() % 10;
				if (r == 0)
					continue;
				if (r == 1)
					b[m++] = (int)(rng() % 9);
				b[m++] = a[i];
			}
		} else {
			for (size_t i = 0; i < m; i++)
				b[i] = (int)(rng() % (uint64_t)alpha);
		}
		int_ctx c = {a, b, 0};
		ssg_diff_seq(&e, n, m, int_eq, &c, 0);
		assert_false(e.coarse);
		size_t cost = check_script(&e, a, n, b, m);
		assert_int_equal(cost, lcs_distance(a, n, b, m));
	}
	ssg_edits_fini(&e);
}

static void test_edits_any_budget_gives_a_valid_script(void **state)
{
	(void)state;
	int a[80], b[80];
	ssg_edits e;
	ssg_edits_init(&e);
	bool some_coarse = false;
	for (int round = 0; round < 2000; round++) {
		size_t n = rng() % 80, m = rng() % 80;
		for (size_t i = 0; i < n; i++)
			a[i] = (int)(rng() % 4);
		for (size_t i = 0; i < m; i++)
			b[i] = (int)(rng() % 4);
		int_ctx c = {a, b, 0};
		ssg_diff_seq(&e, n, m, int_eq, &c, 1 + rng() % 300);
		some_coarse |= e.coarse;
		size_t cost = check_script(&e, a, n, b, m);
		if (!e.coarse)
			assert_int_equal(cost, lcs_distance(a, n, b, m));
	}
	assert_true(some_coarse);
	ssg_edits_fini(&e);
}

static void test_edits_empty_sides(void **state)
{
	(void)state;
	int a[] = {1, 2, 3};
	ssg_edits e;
	ssg_edits_init(&e);
	int_ctx c = {a, a, 0};
	ssg_diff_seq(&e, 0, 0, int_eq, &c, 0);
	assert_int_equal(e.len, 0);
	ssg_diff_seq(&e, 3, 0, int_eq, &c, 0);
	assert_int_equal(e.len, 1);
	assert_int_equal(e.runs[0].op, SSG_DIFF_DELETE);
	assert_int_equal(e.runs[0].len, 3);
	ssg_diff_seq(&e, 0, 3, int_eq, &c, 0);
	assert_int_equal(e.len, 1);
	assert_int_equal(e.runs[0].op, SSG_DIFF_INSERT);
	ssg_diff_seq(&e, 3, 3, int_eq, &c, 0);
	assert_int_equal(e.len, 1);
	assert_int_equal(e.runs[0].op, SSG_DIFF_EQUAL);
	ssg_edits_fini(&e);
}

static void test_edits_budget_falls_back_to_coarse(void **state)
{
	(void)state;
	enum { N = 4000 };
	int *a = malloc(N * sizeof(int)), *b = malloc(N * sizeof(int));
	for (size_t i = 0; i < N; i++) {
		a[i] = (int)(rng() % 1000);
		b[i] = (int)(rng() % 1000) + 1000; /* nothing in common */
	}
	a[0] = b[0] = 7; /* a common prefix survives the fallback */
	ssg_edits e;
	ssg_edits_init(&e);
	int_ctx c = {a, b, 0};
	ssg_diff_seq(&e, N, N, int_eq, &c, 10000);
	assert_true(e.coarse);
	check_script(&e, a, N, b, N);
	assert_int_equal(e.len, 3);
	assert_int_equal(e.runs[0].op, SSG_DIFF_EQUAL);
	/* Bounded work: prefix, suffix, then at most the budget. */
	assert_true(c.calls < 10000 + 4 * N);
	ssg_edits_fini(&e);
	free(a);
	free(b);
}

static void test_edits_long_sequences_with_few_changes_are_cheap(void **state)
{
	(void)state;
	enum { N = 1000000 };
	int *a = malloc(N * sizeof(int)), *b = malloc((N + 1) * sizeof(int));
	for (size_t i = 0; i < N; i++)
		a[i] = b[i] = (int)(i % 1000);
	b[500000] = -1;
	b[N] = 5; /* appended */
	ssg_edits e;
	ssg_edits_init(&e);
	int_ctx c = {a, b, 0};
	ssg_diff_seq(&e, N, N + 1, int_eq, &c, 0);
	assert_false(e.coarse);
	assert_int_equal(check_script(&e, a, N, b, N + 1), 3);
	/* Prefix and suffix stripping: a few comparisons per element. */
	assert_true(c.calls < 4 * (size_t)N);
	ssg_edits_fini(&e);
	free(a);
	free(b);
}

typedef struct {
	const char *const *a, *const *b;
} str_ctx;

static bool str_eq(void *ctx, size_t i, size_t j)
{
	str_ctx *c = ctx;
	return strcmp(c->a[i], c->b[j]) == 0;
}

static void test_edits_hashes_confirmed_by_equality(void **state)
{
	(void)state;
	const char *a[] = {"x", "y", "z", "w"};
	const char *b[] = {"x", "q", "z", "w", "v"};
	/* Every hash collides: only the callback tells elements apart. */
	uint64_t ha[4] = {0}, hb[5] = {0};
	str_ctx c = {a, b};
	ssg_edits e;
	ssg_edits_init(&e);
	ssg_diff_hashes(&e, ha, 4, hb, 5, str_eq, &c, 0);
	int ia[] = {0, 1, 2, 3}, ib[] = {0, 4, 2, 3, 5};
	assert_int_equal(check_script(&e, ia, 4, ib, 5), 3);
	/* Different hashes are different elements, whatever eq says. */
	for (size_t i = 0; i < 4; i++)
		ha[i] = ssg_hash(a[i], strlen(a[i]));
	for (size_t i = 0; i < 5; i++)
		hb[i] = ssg_hash(b[i], strlen(b[i]));
	ssg_diff_hashes(&e, ha, 4, hb, 5, NULL, NULL, 0);
	assert_int_equal(check_script(&e, ia, 4, ib, 5), 3);
	ssg_edits_fini(&e);
}

/* ---- word diffs ---- */

static void test_words_changed_number_is_one_delete_one_insert(void **state)
{
	(void)state;
	const char *a = "Tỷ lệ hộ gia đình đạt danh hiệu văn hóa 90% trở lên.";
	const char *b = "Tỷ lệ hộ gia đình đạt danh hiệu văn hóa 88% trở lên.";
	ssg_wdiff *w = NULL;
	assert_int_equal(ssg_diff_words(&w, a, strlen(a), b, strlen(b)),
			 SSG_OK);
	assert_true(ssg_diff_words_changed(w));
	assert_int_equal(count_op(w, SSG_DIFF_DELETE), 1);
	assert_int_equal(count_op(w, SSG_DIFF_INSERT), 1);
	for (size_t i = 0; i < ssg_diff_words_count(w); i++) {
		const ssg_diff_seg *s = ssg_diff_words_seg(w, i);
		if (s->op == SSG_DIFF_DELETE)
			assert_memory_equal(s->text, "90", 2);
		if (s->op != SSG_DIFF_EQUAL)
			assert_int_equal(s->len, 2);
	}
	char *oa = side_text(w, true), *ob = side_text(w, false);
	assert_string_equal(oa, a);
	assert_string_equal(ob, b);
	free(oa);
	free(ob);
	ssg_diff_words_free(w);
}

static void test_words_nfc_equivalent_texts_are_unchanged(void **state)
{
	(void)state;
	/* "Việt" precomposed (U+1EC7) and decomposed (e + U+0323 U+0302). */
	const char *a = "Vi\xe1\xbb\x87t Nam";
	const char *b = "Vie\xcc\xa3\xcc\x82t Nam";
	assert_true(strcmp(a, b) != 0);
	ssg_wdiff *w = NULL;
	assert_int_equal(ssg_diff_words(&w, a, strlen(a), b, strlen(b)),
			 SSG_OK);
	assert_false(ssg_diff_words_changed(w));
	assert_int_equal(ssg_diff_words_count(w), 1);
	assert_int_equal(ssg_diff_words_seg(w, 0)->op, SSG_DIFF_EQUAL);
	ssg_diff_words_free(w);
}

static void test_words_invalid_utf8_compares_as_bytes(void **state)
{
	(void)state;
	const char a[] = "ab \xff\xfe c\xc3";
	const char b[] = "ab \xff\xfd c\xc3";
	ssg_wdiff *w = NULL;
	assert_int_equal(ssg_diff_words(&w, a, sizeof(a) - 1, b,
					sizeof(b) - 1),
			 SSG_OK);
	assert_true(ssg_diff_words_changed(w));
	char *oa = side_text(w, true), *ob = side_text(w, false);
	assert_string_equal(oa, a);
	assert_string_equal(ob, b);
	free(oa);
	free(ob);
	ssg_diff_words_free(w);
}

static void test_words_html_escapes_and_marks(void **state)
{
	(void)state;
	char *h = words_html("a <b> & c", "a <i> & c");
	assert_string_equal(h, "a &lt;<del>b</del><ins>i</ins>&gt; &amp; c");
	free(h);
}

static void test_words_space_between_replacements_joins_them(void **state)
{
	(void)state;
	char *h = words_html("kinh phí 90 tỷ đồng", "kinh phí 88 triệu đồng");
	assert_string_equal(h,
			    "kinh phí <del>90 tỷ</del><ins>88 triệu</ins> đồng");
	free(h);
	/* Not across lines. */
	h = words_html("90\ntỷ", "88\ntriệu");
	assert_string_equal(h, "<del>90</del><ins>88</ins>\n"
			       "<del>tỷ</del><ins>triệu</ins>");
	free(h);
}

static void test_words_pure_insert_and_delete(void **state)
{
	(void)state;
	char *h = words_html("xã Bắc Sơn", "xã Bắc Sơn mới");
	assert_string_equal(h, "xã Bắc Sơn<ins> mới</ins>");
	free(h);
	h = words_html("xã Bắc Sơn cũ", "xã Bắc Sơn");
	assert_string_equal(h, "xã Bắc Sơn<del> cũ</del>");
	free(h);
}

static void test_words_figures_are_single_tokens(void **state)
{
	(void)state;
	char *h = words_html("tổng 1.250.000 đồng", "tổng 1.350.000 đồng");
	assert_string_equal(h, "tổng <del>1.250.000</del><ins>1.350.000</ins> "
			       "đồng");
	free(h);
	h = words_html("đạt 72,2%.", "đạt 72,5%.");
	assert_string_equal(h, "đạt <del>72,2</del><ins>72,5</ins>%.");
	free(h);
}

static void test_words_term_plain_and_color(void **state)
{
	(void)state;
	char *t = words_term("chỉ tiêu 90", "chỉ tiêu 88", false);
	assert_string_equal(t, "chỉ tiêu [-90-]{+88+}");
	free(t);
	t = words_term("chỉ tiêu 90", "chỉ tiêu 88", true);
	assert_string_equal(t, "chỉ tiêu \x1b[31m90\x1b[0m\x1b[32m88\x1b[0m");
	free(t);
}

static void test_words_term_neutralizes_control_characters(void **state)
{
	(void)state;
	char *t = words_term("a", "a \x1b[2J", false);
	assert_null(strchr(t, '\x1b'));
	assert_non_null(strstr(t, "^["));
	free(t);
}

static void test_words_random_texts_reconstruct_both_sides(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"xã", "Bắc", "Sơn", " ", "  ", "\n", ",", ".", "90", "88",
		"1.250", "%", "đạt", "(", ")", "Vie\xcc\xa3\xcc\x82t", "—"};
	size_t np = sizeof(pieces) / sizeof(pieces[0]);
	for (int round = 0; round < 500; round++) {
		ssg_buf a, b;
		ssg_buf_init(&a);
		ssg_buf_init(&b);
		size_t k = rng() % 30;
		for (size_t i = 0; i < k; i++) {
			const char *p = pieces[rng() % np];
			uint64_t r = rng() % 6;
			if (r != 0)
				ssg_buf_puts(&a, p);
			if (r != 1)
				ssg_buf_puts(&b, r == 2 ? pieces[rng() % np]
							: p);
		}
		for (int lines = 0; lines < 2; lines++) {
			ssg_wdiff *w = NULL;
			int rc = lines ? ssg_diff_lines(&w, ssg_buf_cstr(&a),
							a.len,
							ssg_buf_cstr(&b), b.len)
				       : ssg_diff_words(&w, ssg_buf_cstr(&a),
							a.len,
							ssg_buf_cstr(&b), b.len);
			assert_int_equal(rc, SSG_OK);
			char *oa = side_text(w, true), *ob = side_text(w, false);
			/* Decomposed pieces come back precomposed. */
			ssg_buf na, nb;
			ssg_buf_init(&na);
			ssg_buf_init(&nb);
			ssg_text_nfc(&na, ssg_buf_cstr(&a), a.len);
			ssg_text_nfc(&nb, ssg_buf_cstr(&b), b.len);
			assert_string_equal(oa, ssg_buf_cstr(&na));
			assert_string_equal(ob, ssg_buf_cstr(&nb));
			assert_int_equal(ssg_diff_words_changed(w),
					 strcmp(oa, ob) != 0);
			ssg_buf_fini(&na);
			ssg_buf_fini(&nb);
			free(oa);
			free(ob);
			ssg_diff_words_free(w);
		}
		ssg_buf_fini(&a);
		ssg_buf_fini(&b);
	}
}

static void test_lines_mode_diffs_changed_lines_by_word(void **state)
{
	(void)state;
	ssg_buf a, b;
	ssg_buf_init(&a);
	ssg_buf_init(&b);
	for (int i = 0; i < 3000; i++) {
		ssg_buf_printf(&a, "Dòng %d của kế hoạch năm 2024.\n", i);
		if (i == 1500)
			ssg_buf_printf(&b, "Dòng %d của kế hoạch năm 2025.\n",
				       i);
		else
			ssg_buf_printf(&b, "Dòng %d của kế hoạch năm 2024.\n",
				       i);
		if (i == 2000)
			ssg_buf_puts(&b, "Dòng mới.\n");
	}
	ssg_wdiff *w = NULL;
	assert_true(a.len > SSG_DIFF_WORDS_MAX_BYTES);
	assert_int_equal(ssg_diff_words(&w, ssg_buf_cstr(&a), a.len,
					ssg_buf_cstr(&b), b.len),
			 SSG_OK);
	assert_int_equal(count_op(w, SSG_DIFF_DELETE), 1);
	assert_int_equal(count_op(w, SSG_DIFF_INSERT), 2);
	for (size_t i = 0; i < ssg_diff_words_count(w); i++) {
		const ssg_diff_seg *s = ssg_diff_words_seg(w, i);
		if (s->op == SSG_DIFF_DELETE) {
			assert_int_equal(s->len, 4);
			assert_memory_equal(s->text, "2024", 4);
		}
		if (s->op == SSG_DIFF_INSERT)
			assert_true(seg_is(s, "2025") ||
				    seg_is(s, "Dòng mới.\n"));
	}
	ssg_diff_words_free(w);
	ssg_buf_fini(&a);
	ssg_buf_fini(&b);
}

/* ---- table diffs ---- */

static const char IND[] = "id,name,target,result\n"
			  "1,Thu nhập bình quân,65,\n"
			  "5,Tỷ lệ hộ văn hóa,90,91\n"
			  "7,Xã nông thôn mới,\"(nâng 02 chỉ tiêu)\",\n";

static void test_tables_identical_give_no_events(void **state)
{
	(void)state;
	ssg_row_events *e = tdiff(IND, IND, NULL, 0);
	assert_int_equal(ssg_row_events_count(e), 0);
	ssg_row_events_free(e);
}

static void test_tables_changed_cell(void **state)
{
	(void)state;
	const char *b = "id,name,target,result\n"
			"1,Thu nhập bình quân,65,\n"
			"5,Tỷ lệ hộ văn hóa,88,91\n"
			"7,Xã nông thôn mới,\"(nâng 02 chỉ tiêu)\",\n";
	const char *const keys[] = {"id"};
	ssg_row_events *e = tdiff(IND, b, keys, 1);
	assert_int_equal(ssg_row_events_count(e), 1);
	const ssg_row_event *ev = ssg_row_events_get(e, 0);
	assert_int_equal(ev->kind, SSG_EV_CHANGED);
	assert_string_equal(ev->key, "5");
	assert_string_equal(ev->field, "target");
	assert_string_equal(ev->old, "90");
	assert_string_equal(ev->new_, "88");
	assert_int_equal(ev->line, 3);
	ssg_row_events_free(e);
}

static void test_tables_added_and_removed_rows(void **state)
{
	(void)state;
	const char *b = "id,name,target,result\n"
			"5,Tỷ lệ hộ văn hóa,90,91\n"
			"7,Xã nông thôn mới,\"(nâng 02 chỉ tiêu)\",\n"
			"8,Trường đạt chuẩn,3,\n";
	ssg_row_events *e = tdiff(IND, b, NULL, 0);
	assert_int_equal(ssg_row_events_count(e), 2);
	const ssg_row_event *ev = ssg_row_events_get(e, 0);
	assert_int_equal(ev->kind, SSG_EV_ADDED);
	assert_string_equal(ev->key, "8");
	assert_int_equal(ev->ncols, 4);
	assert_string_equal(row_val(ev, "name"), "Trường đạt chuẩn");
	assert_string_equal(row_val(ev, "result"), "");
	assert_int_equal(ev->line, 4);
	ev = ssg_row_events_get(e, 1);
	assert_int_equal(ev->kind, SSG_EV_REMOVED);
	assert_string_equal(ev->key, "1");
	assert_string_equal(row_val(ev, "target"), "65");
	assert_int_equal(ev->line, 2);
	ssg_row_events_free(e);
}

static void test_tables_new_table_is_all_added(void **state)
{
	(void)state;
	ssg_row_events *e = tdiff(NULL, IND, NULL, 0);
	assert_int_equal(ssg_row_events_count(e), 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(ssg_row_events_get(e, i)->kind,
				 SSG_EV_ADDED);
	assert_string_equal(ssg_row_events_get(e, 2)->key, "7");
	ssg_row_events_free(e);
}

static void test_tables_deleted_table_is_all_removed(void **state)
{
	(void)state;
	ssg_table *a = parse("data/t.csv", IND);
	ssg_diags *d = ssg_diags_new();
	ssg_row_events *e = NULL;
	assert_int_equal(ssg_diff_tables(&e, a, NULL, NULL, 0, d), SSG_OK);
	assert_int_equal(ssg_row_events_count(e), 3);
	const ssg_row_event *ev = ssg_row_events_get(e, 1);
	assert_int_equal(ev->kind, SSG_EV_REMOVED);
	assert_string_equal(ev->key, "5");
	assert_string_equal(row_val(ev, "target"), "90");
	ssg_row_events_free(e);
	ssg_diags_free(d);
	ssg_table_free(a);
}

static void test_tables_key_case_and_spacing_is_same_row(void **state)
{
	(void)state;
	const char *a = "xa,dan_so\n"
			"Xã Bắc Sơn,1200\n"
			"Vie\xcc\xa3\xcc\x82t Hùng,900\n";
	const char *b = "XA,dan_so\n"
			"  XÃ   BẮC  SƠN ,1200\n"
			"việt hùng,950\n";
	const char *const keys[] = {"xa"};
	ssg_row_events *e = tdiff(a, b, keys, 1);
	assert_int_equal(ssg_row_events_count(e), 1);
	const ssg_row_event *ev = ssg_row_events_get(e, 0);
	assert_int_equal(ev->kind, SSG_EV_CHANGED);
	assert_string_equal(ev->key, "việt hùng");
	assert_string_equal(ev->field, "dan_so");
	assert_string_equal(ev->old, "900");
	assert_string_equal(ev->new_, "950");
	ssg_row_events_free(e);
}

static void test_tables_renamed_column_is_one_schema_event(void **state)
{
	(void)state;
	const char *b = "id,name,chi_tieu,result\n"
			"1,Thu nhập bình quân,65,\n"
			"5,Tỷ lệ hộ văn hóa,88,91\n"
			"7,Xã nông thôn mới,\"(nâng 02 chỉ tiêu)\",\n";
	ssg_row_events *e = tdiff(IND, b, NULL, 0);
	assert_int_equal(ssg_row_events_count(e), 2);
	const ssg_row_event *ev = ssg_row_events_get(e, 0);
	assert_int_equal(ev->kind, SSG_EV_SCHEMA);
	assert_int_equal(ev->schema, SSG_SCHEMA_RENAMED);
	assert_string_equal(ev->old, "target");
	assert_string_equal(ev->new_, "chi_tieu");
	assert_int_equal(ev->line, 1);
	/* The one value that did change is still reported, by new name. */
	ev = ssg_row_events_get(e, 1);
	assert_int_equal(ev->kind, SSG_EV_CHANGED);
	assert_string_equal(ev->field, "chi_tieu");
	assert_string_equal(ev->old, "90");
	ssg_row_events_free(e);
}

static void test_tables_replaced_column_is_removed_and_added(void **state)
{
	(void)state;
	const char *b = "id,name,source,result\n"
			"1,Thu nhập bình quân,UBND,\n"
			"5,Tỷ lệ hộ văn hóa,Phòng VH,91\n"
			"7,Xã nông thôn mới,UBND,\n";
	ssg_row_events *e = tdiff(IND, b, NULL, 0);
	assert_int_equal(ssg_row_events_count(e), 2);
	const ssg_row_event *ev = ssg_row_events_get(e, 0);
	assert_int_equal(ev->schema, SSG_SCHEMA_ADDED);
	assert_string_equal(ev->field, "source");
	assert_null(ev->old);
	ev = ssg_row_events_get(e, 1);
	assert_int_equal(ev->schema, SSG_SCHEMA_REMOVED);
	assert_string_equal(ev->field, "target");
	assert_null(ev->new_);
	ssg_row_events_free(e);
}

static void test_tables_empty_cell_vs_missing_column(void **state)
{
	(void)state;
	/* note exists with empty cells on the old side only. */
	const char *a = "id,value,note\n1,10,\n2,20,x\n";
	const char *b = "id,value\n1,10\n2,20\n";
	ssg_row_events *e = tdiff(a, b, NULL, 0);
	assert_int_equal(ssg_row_events_count(e), 1);
	assert_int_equal(ssg_row_events_get(e, 0)->schema,
			 SSG_SCHEMA_REMOVED);
	ssg_row_events_free(e);
	/* Both sides have note: empty to text is a change from "". */
	const char *c = "id,value,note\n1,10,mới\n2,20,x\n";
	e = tdiff(a, c, NULL, 0);
	assert_int_equal(ssg_row_events_count(e), 1);
	const ssg_row_event *ev = ssg_row_events_get(e, 0);
	assert_int_equal(ev->kind, SSG_EV_CHANGED);
	assert_string_equal(ev->old, "");
	assert_string_equal(ev->new_, "mới");
	ssg_row_events_free(e);
}

static void test_tables_duplicate_key_is_an_error(void **state)
{
	(void)state;
	ssg_table *a = parse("data/t.csv", IND);
	ssg_table *b = parse("data/t.csv", "id,name\n5,a\n6,b\n 5 ,c\n");
	ssg_diags *d = ssg_diags_new();
	ssg_row_events *e = (ssg_row_events *)1;
	assert_int_equal(ssg_diff_tables(&e, a, b, NULL, 0, d),
			 SSG_ERR_CONTENT);
	assert_null(e);
	assert_int_equal(ssg_diags_count(d), 1);
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_string_equal(g->path, "data/t.csv");
	assert_int_equal(g->line, 4);
	assert_string_equal(g->msg, "duplicate key '5' (also on line 2)");
	ssg_diags_free(d);
	ssg_table_free(a);
	ssg_table_free(b);
}

static void test_tables_missing_key_column_is_an_error(void **state)
{
	(void)state;
	ssg_table *a = parse("data/t.csv", IND);
	const char *const keys[] = {"ma"};
	ssg_diags *d = ssg_diags_new();
	ssg_row_events *e = NULL;
	assert_int_equal(ssg_diff_tables(&e, a, a, keys, 1, d),
			 SSG_ERR_CONTENT);
	assert_null(e);
	assert_int_equal(ssg_diags_count(d), 1);
	assert_non_null(strstr(ssg_diags_get(d, 0)->msg, "'ma'"));
	ssg_diags_free(d);
	ssg_table_free(a);
}

static void test_tables_composite_keys(void **state)
{
	(void)state;
	const char *a = "xa;nam;so_ho\n"
			"Bắc Sơn;2023;100\n"
			"Bắc Sơn;2024;110\n"
			"Tân Minh;2024;80\n";
	const char *b = "xa;nam;so_ho\n"
			"Bắc Sơn;2023;100\n"
			"Tân Minh;2024;85\n"
			"Tân Minh;2025;90\n";
	const char *const keys[] = {"xa", "nam"};
	ssg_row_events *e = tdiff(a, b, keys, 2);
	assert_int_equal(ssg_row_events_count(e), 3);
	const ssg_row_event *ev = ssg_row_events_get(e, 0);
	assert_int_equal(ev->kind, SSG_EV_CHANGED);
	assert_string_equal(ev->key, "Tân Minh|2024");
	assert_string_equal(ev->new_, "85");
	ev = ssg_row_events_get(e, 1);
	assert_int_equal(ev->kind, SSG_EV_ADDED);
	assert_string_equal(ev->key, "Tân Minh|2025");
	ev = ssg_row_events_get(e, 2);
	assert_int_equal(ev->kind, SSG_EV_REMOVED);
	assert_string_equal(ev->key, "Bắc Sơn|2024");
	ssg_row_events_free(e);
}

static void test_tables_renamed_key_column_keeps_rows(void **state)
{
	(void)state;
	const char *b = "ma,name,target,result\n"
			"1,Thu nhập bình quân,65,\n"
			"5,Tỷ lệ hộ văn hóa,90,91\n"
			"7,Xã nông thôn mới,\"(nâng 02 chỉ tiêu)\",\n";
	const char *const keys[] = {"ma"};
	ssg_row_events *e = tdiff(IND, b, keys, 1);
	assert_int_equal(ssg_row_events_count(e), 1);
	const ssg_row_event *ev = ssg_row_events_get(e, 0);
	assert_int_equal(ev->schema, SSG_SCHEMA_RENAMED);
	assert_string_equal(ev->old, "id");
	ssg_row_events_free(e);
}

static void test_tables_one_changed_cell_in_100000_rows_is_one_event(void **state)
{
	(void)state;
	enum { ROWS = 100000 };
	ssg_buf a, b;
	ssg_buf_init(&a);
	ssg_buf_init(&b);
	ssg_buf_puts(&a, "id,xa,chi_tieu,ket_qua,ghi_chu\n");
	ssg_buf_puts(&b, "id,xa,chi_tieu,ket_qua,ghi_chu\n");
	for (int i = 0; i < ROWS; i++) {
		ssg_buf_printf(&a, "%d,Xã số %d,%d,%d,ghi chú\n", i, i % 97,
			       i % 1000, i % 777);
		ssg_buf_printf(&b, "%d,Xã số %d,%d,%d,ghi chú\n", i, i % 97,
			       i % 1000, i == 4242 ? 1 : i % 777);
	}
	ssg_table *ta = parse("data/big.csv", ssg_buf_cstr(&a));
	ssg_table *tb = parse("data/big.csv", ssg_buf_cstr(&b));
	ssg_diags *d = ssg_diags_new();
	ssg_row_events *e = NULL;
	assert_int_equal(ssg_diff_tables(&e, ta, tb, NULL, 0, d), SSG_OK);
	assert_int_equal(ssg_row_events_count(e), 1);
	assert_string_equal(ssg_row_events_get(e, 0)->key, "4242");
	/* What it checks is the result at this size; its speed is measured
	 * by `make bench`, never by a timed test (the name promised speed
	 * it did not measure). */
	ssg_row_events_free(e);
	ssg_diags_free(d);
	ssg_table_free(ta);
	ssg_table_free(tb);
	ssg_buf_fini(&a);
	ssg_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edits_random_pairs_apply_and_are_minimal),
		cmocka_unit_test(test_edits_any_budget_gives_a_valid_script),
		cmocka_unit_test(test_edits_empty_sides),
		cmocka_unit_test(test_edits_budget_falls_back_to_coarse),
		cmocka_unit_test(
			test_edits_long_sequences_with_few_changes_are_cheap),
		cmocka_unit_test(test_edits_hashes_confirmed_by_equality),
		cmocka_unit_test(
			test_words_changed_number_is_one_delete_one_insert),
		cmocka_unit_test(test_words_nfc_equivalent_texts_are_unchanged),
		cmocka_unit_test(test_words_invalid_utf8_compares_as_bytes),
		cmocka_unit_test(test_words_html_escapes_and_marks),
		cmocka_unit_test(
			test_words_space_between_replacements_joins_them),
		cmocka_unit_test(test_words_pure_insert_and_delete),
		cmocka_unit_test(test_words_figures_are_single_tokens),
		cmocka_unit_test(test_words_term_plain_and_color),
		cmocka_unit_test(
			test_words_term_neutralizes_control_characters),
		cmocka_unit_test(
			test_words_random_texts_reconstruct_both_sides),
		cmocka_unit_test(test_lines_mode_diffs_changed_lines_by_word),
		cmocka_unit_test(test_tables_identical_give_no_events),
		cmocka_unit_test(test_tables_changed_cell),
		cmocka_unit_test(test_tables_added_and_removed_rows),
		cmocka_unit_test(test_tables_new_table_is_all_added),
		cmocka_unit_test(test_tables_deleted_table_is_all_removed),
		cmocka_unit_test(test_tables_key_case_and_spacing_is_same_row),
		cmocka_unit_test(
			test_tables_renamed_column_is_one_schema_event),
		cmocka_unit_test(
			test_tables_replaced_column_is_removed_and_added),
		cmocka_unit_test(test_tables_empty_cell_vs_missing_column),
		cmocka_unit_test(test_tables_duplicate_key_is_an_error),
		cmocka_unit_test(test_tables_missing_key_column_is_an_error),
		cmocka_unit_test(test_tables_composite_keys),
		cmocka_unit_test(test_tables_renamed_key_column_keeps_rows),
		cmocka_unit_test(
			test_tables_one_changed_cell_in_100000_rows_is_one_event),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
