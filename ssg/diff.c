#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ==== Edit scripts ==== */

void ssg_edits_init(ssg_edits *e)
{
	e->runs = NULL;
	e->len = 0;
	e->cap = 0;
	e->coarse = false;
}

void ssg_edits_fini(ssg_edits *e)
{
	free(e->runs);
	ssg_edits_init(e);
}

static ssg_diff_run *edits_append(ssg_edits *e)
{
	if (e->len == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->runs = ssg_xrealloc(e->runs, e->cap * sizeof(*e->runs));
	}
	return &e->runs[e->len++];
}

/* Appends a run in walk order, keeping the script normal: equal runs
 * merged, and each change between equal runs one DELETE then one
 * INSERT, whatever order the search found them in. */
static void edits_push(ssg_edits *e, ssg_diff_op op, size_t a, size_t b,
		       size_t len)
{
	if (len == 0)
		return;
	ssg_diff_run *last = e->len ? &e->runs[e->len - 1] : NULL;
	if (last && last->op == op) {
		last->len += len;
		return;
	}
	if (op == SSG_DIFF_DELETE && last && last->op == SSG_DIFF_INSERT) {
		ssg_diff_run *prev = e->len > 1 ? &e->runs[e->len - 2] : NULL;
		if (prev && prev->op == SSG_DIFF_DELETE) {
			prev->len += len;
		} else {
			/* Put the delete before the insert. */
			ssg_diff_run ins = *last;
			last->op = SSG_DIFF_DELETE;
			last->a = a;
			last->b = ins.b;
			last->len = len;
			ssg_diff_run *r = edits_append(e);
			*r = ins;
		}
		e->runs[e->len - 1].a += len;
		return;
	}
	ssg_diff_run *r = edits_append(e);
	r->op = op;
	r->a = a;
	r->b = b;
	r->len = len;
}

typedef struct {
	ssg_diff_eq_fn eq;
	void *ctx;
	ptrdiff_t *vf, *vb; /* furthest x per diagonal, forward/reverse */
	size_t budget;      /* work left */
	ssg_edits *e;
} myers;

typedef struct {
	size_t x0, y0, x1, y1; /* a diagonal run from (x0,y0) to (x1,y1) */
} snake;

#define V_NONE_F ((ptrdiff_t)-1)
#define V_NONE_B PTRDIFF_MAX

static bool myers_eq(myers *m, size_t i, size_t j)
{
	if (m->budget)
		m->budget--;
	return m->eq(m->ctx, i, j);
}

/*
 * Myers' middle snake: the furthest-reaching forward and reverse paths
 * are grown together until they overlap; the snake where they do lies
 * on an optimal path and splits the problem into two of about half the
 * cost.  Points outside the grid are never taken (V_NONE), so each move
 * is checked against the borders.  False when the budget runs out.
 */
static bool middle_snake(myers *m, size_t a0, size_t n, size_t b0, size_t nb,
			 snake *out)
{
	ptrdiff_t N = (ptrdiff_t)n, M = (ptrdiff_t)nb;
	ptrdiff_t delta = N - M;
	bool odd = (delta & 1) != 0;
	ptrdiff_t max = (N + M + 1) / 2;
	ptrdiff_t *vf = m->vf + max + 1, *vb = m->vb + max + 1;

	for (ptrdiff_t d = 0; d <= max; d++) {
		size_t cost = 2 * (2 * (size_t)d + 1);
		if (m->budget < cost)
			return false;
		m->budget -= cost;
		for (ptrdiff_t k = -d; k <= d; k += 2) {
			ptrdiff_t x = V_NONE_F;
			if (d == 0) {
				x = 0;
			} else {
				/* Down from diagonal k+1, or right from k-1:
				 * the valid one reaching further. */
				if (k != d && vf[k + 1] != V_NONE_F &&
				    vf[k + 1] - k <= M)
					x = vf[k + 1];
				if (k != -d && vf[k - 1] != V_NONE_F &&
				    vf[k - 1] + 1 <= N && vf[k - 1] + 1 > x)
					x = vf[k - 1] + 1;
			}
			if (x == V_NONE_F) {
				vf[k] = V_NONE_F;
				continue;
			}
			ptrdiff_t y = x - k, xs = x, ys = y;
			while (x < N && y < M &&
			       myers_eq(m, a0 + (size_t)x, b0 + (size_t)y)) {
				x++;
				y++;
			}
			vf[k] = x;
			ptrdiff_t kb = k - delta;
			if (odd && kb >= -(d - 1) && kb <= d - 1 &&
			    vb[kb] != V_NONE_B && x >= vb[kb]) {
				out->x0 = (size_t)xs;
				out->y0 = (size_t)ys;
				out->x1 = (size_t)x;
				out->y1 = (size_t)y;
				return true;
			}
		}
		for (ptrdiff_t k = -d; k <= d; k += 2) {
			ptrdiff_t kr = k + delta;
			ptrdiff_t x = V_NONE_B;
			if (d == 0) {
				x = N;
			} else {
				/* Up from diagonal k-1, or left from k+1: the
				 * valid one reaching further back. */
				if (k != -d && vb[k - 1] != V_NONE_B &&
				    vb[k - 1] - kr >= 0)
					x = vb[k - 1];
				if (k != d && vb[k + 1] != V_NONE_B &&
				    vb[k + 1] - 1 >= 0 && vb[k + 1] - 1 < x)
					x = vb[k + 1] - 1;
			}
			if (x == V_NONE_B) {
				vb[k] = V_NONE_B;
				continue;
			}
			ptrdiff_t y = x - kr, xe = x, ye = y;
			while (x > 0 && y > 0 &&
			       myers_eq(m, a0 + (size_t)x - 1,
					b0 + (size_t)y - 1)) {
				x--;
				y--;
			}
			vb[k] = x;
			if (!odd && kr >= -d && kr <= d &&
			    vf[kr] != V_NONE_F && x <= vf[kr]) {
				out->x0 = (size_t)x;
				out->y0 = (size_t)y;
				out->x1 = (size_t)xe;
				out->y1 = (size_t)ye;
				return true;
			}
		}
	}
	return false; /* not reached: the paths meet by d = max */
}

static void coarse(myers *m, size_t a0, size_t a1, size_t b0, size_t b1)
{
	edits_push(m->e, SSG_DIFF_DELETE, a0, b0, a1 - a0);
	edits_push(m->e, SSG_DIFF_INSERT, a1, b0, b1 - b0);
	if (a1 > a0 && b1 > b0)
		m->e->coarse = true;
}

/* Recursion depth is about log2 of the edit distance: each split halves
 * it. */
static void myers_solve(myers *m, size_t a0, size_t a1, size_t b0, size_t b1)
{
	size_t pre = 0, suf = 0;
	while (a0 + pre < a1 && b0 + pre < b1 &&
	       m->eq(m->ctx, a0 + pre, b0 + pre))
		pre++;
	edits_push(m->e, SSG_DIFF_EQUAL, a0, b0, pre);
	a0 += pre;
	b0 += pre;
	while (a1 - suf > a0 && b1 - suf > b0 &&
	       m->eq(m->ctx, a1 - suf - 1, b1 - suf - 1))
		suf++;
	a1 -= suf;
	b1 -= suf;

	snake s;
	if (a0 == a1 || b0 == b1) {
		coarse(m, a0, a1, b0, b1);
	} else if (!middle_snake(m, a0, a1 - a0, b0, b1 - b0, &s) ||
		   (s.x0 == 0 && s.y0 == 0 && s.x1 == a1 - a0 &&
		    s.y1 == b1 - b0) ||
		   (s.x0 == a1 - a0 && s.y0 == b1 - b0)) {
		/* Out of budget (or, defensively, no progress). */
		coarse(m, a0, a1, b0, b1);
	} else {
		myers_solve(m, a0, a0 + s.x0, b0, b0 + s.y0);
		edits_push(m->e, SSG_DIFF_EQUAL, a0 + s.x0, b0 + s.y0,
			   s.x1 - s.x0);
		myers_solve(m, a0 + s.x1, a1, b0 + s.y1, b1);
	}
	edits_push(m->e, SSG_DIFF_EQUAL, a1, b1, suf);
}

/* The work left is shared through *budget, so that the many small
 * diffs of one document cannot together exceed one budget. */
static void diff_seq(ssg_edits *e, size_t n, size_t m, ssg_diff_eq_fn eq,
		     void *ctx, size_t *budget)
{
	e->len = 0;
	e->coarse = false;
	myers st = {eq, ctx, NULL, NULL, *budget, e};
	/* Cheap cases first, so that allocating V is only for real work. */
	size_t pre = 0;
	while (pre < n && pre < m && eq(ctx, pre, pre))
		pre++;
	if (pre == n || pre == m) {
		edits_push(e, SSG_DIFF_EQUAL, 0, 0, pre);
		coarse(&st, pre, n, pre, m);
		return;
	}
	size_t max = (n - pre + m - pre + 1) / 2;
	st.vf = ssg_xcalloc(2 * max + 3, sizeof(ptrdiff_t));
	st.vb = ssg_xcalloc(2 * max + 3, sizeof(ptrdiff_t));
	edits_push(e, SSG_DIFF_EQUAL, 0, 0, pre);
	myers_solve(&st, pre, n, pre, m);
	free(st.vf);
	free(st.vb);
	*budget = st.budget;
}

void ssg_diff_seq(ssg_edits *e, size_t n, size_t m, ssg_diff_eq_fn eq,
		  void *ctx, size_t budget)
{
	if (budget == 0)
		budget = SSG_DIFF_DEFAULT_BUDGET;
	diff_seq(e, n, m, eq, ctx, &budget);
}

typedef struct {
	const uint64_t *ha, *hb;
	ssg_diff_eq_fn eq;
	void *ctx;
} hash_ctx;

static bool hash_eq(void *ctx, size_t i, size_t j)
{
	hash_ctx *h = ctx;
	return h->ha[i] == h->hb[j] && (!h->eq || h->eq(h->ctx, i, j));
}

static void diff_hashes(ssg_edits *e, const uint64_t *ha, size_t n,
			const uint64_t *hb, size_t m, ssg_diff_eq_fn eq,
			void *ctx, size_t *budget)
{
	hash_ctx h = {ha, hb, eq, ctx};
	diff_seq(e, n, m, hash_eq, &h, budget);
}

void ssg_diff_hashes(ssg_edits *e, const uint64_t *ha, size_t n,
		     const uint64_t *hb, size_t m, ssg_diff_eq_fn eq,
		     void *ctx, size_t budget)
{
	if (budget == 0)
		budget = SSG_DIFF_DEFAULT_BUDGET;
	diff_hashes(e, ha, n, hb, m, eq, ctx, &budget);
}


/* ==== UTF-8 helpers ==== */

/* Decodes the code point at s[i]; invalid bytes decode as themselves
 * (as if Latin-1), one byte long, so that every input tokenizes. */
static unsigned utf8_next(const char *s, size_t n, size_t i, size_t *len)
{
	int32_t cp;
	*len = ssg_text_utf8_decode(s + i, n - i, &cp);
	if (*len == 0) {
		*len = 1;
		return (unsigned char)s[i];
	}
	return (unsigned)cp;
}

/* ==== Word diffs ==== */

typedef struct {
	size_t off, len;
} token;

typedef struct {
	token *v;
	uint64_t *h;
	size_t len, cap;
} tokens;

struct ssg_wdiff {
	ssg_buf a, b; /* the texts in NFC; segments point into them */
	ssg_diff_seg *segs;
	size_t len, cap;
	bool changed;
};

typedef enum { T_WORD, T_SPACE, T_PUNCT } tclass;

static tclass classify(unsigned c)
{
	if (c < 0x80) {
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c == '_')
			return T_WORD;
		return ssg_text_is_space(c) ? T_SPACE : T_PUNCT;
	}
	if (ssg_text_is_space(c))
		return T_SPACE;
	/* Latin-1 signs, except the letters and digits among them. */
	if ((c >= 0xa1 && c <= 0xbf && c != 0xaa && c != 0xb2 && c != 0xb3 &&
	     c != 0xb5 && c != 0xb9 && c != 0xba &&
	     !(c >= 0xbc && c <= 0xbe)) ||
	    c == 0xd7 || c == 0xf7 || (c >= 0x2010 && c <= 0x2027) ||
	    (c >= 0x2030 && c <= 0x205e) || (c >= 0x2190 && c <= 0x2bff) ||
	    (c >= 0x3001 && c <= 0x3003) || (c >= 0xff01 && c <= 0xff0f) ||
	    c >= 0x1f000)
		return T_PUNCT;
	return T_WORD;
}

static bool is_digit_at(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

static void tokens_push(tokens *t, const char *s, size_t off, size_t len)
{
	if (t->len == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = ssg_xrealloc(t->v, t->cap * sizeof(*t->v));
		t->h = ssg_xrealloc(t->h, t->cap * sizeof(*t->h));
	}
	t->v[t->len].off = off;
	t->v[t->len].len = len;
	t->h[t->len] = ssg_hash(s + off, len);
	t->len++;
}

static void tokens_fini(tokens *t)
{
	free(t->v);
	free(t->h);
}

/* Words (with "1.250.000" and "72,2" kept whole, since figures are what
 * readers compare), white-space runs, single punctuation characters. */
static void tokenize_words(tokens *t, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t len;
		tclass cl = classify(utf8_next(s, n, i, &len));
		size_t start = i;
		i += len;
		if (cl == T_PUNCT) {
			tokens_push(t, s, start, i - start);
			continue;
		}
		while (i < n) {
			unsigned c = utf8_next(s, n, i, &len);
			tclass c2 = classify(c);
			if (c2 == cl) {
				i += len;
			} else if (cl == T_WORD && (c == '.' || c == ',') &&
				   is_digit_at(s, n, i - 1) &&
				   is_digit_at(s, n, i + 1)) {
				i += len;
			} else {
				break;
			}
		}
		tokens_push(t, s, start, i - start);
	}
}

static void tokenize_lines(tokens *t, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			tokens_push(t, s, start, i + 1 - start);
			start = i + 1;
		}
	}
	if (start < n)
		tokens_push(t, s, start, n - start);
}

typedef struct {
	const char *a, *b;
	const tokens *ta, *tb;
} tok_ctx;

static bool tok_eq(void *ctx, size_t i, size_t j)
{
	tok_ctx *c = ctx;
	const token *x = &c->ta->v[i], *y = &c->tb->v[j];
	return x->len == y->len &&
	       memcmp(c->a + x->off, c->b + y->off, x->len) == 0;
}

/* Adds a segment, joining it to the previous one when they continue
 * each other. */
static void wdiff_push(ssg_wdiff *w, ssg_diff_op op, const char *text,
		       size_t len)
{
	if (len == 0)
		return;
	if (op != SSG_DIFF_EQUAL)
		w->changed = true;
	if (w->len) {
		ssg_diff_seg *last = &w->segs[w->len - 1];
		if (last->op == op && last->text + last->len == text) {
			last->len += len;
			return;
		}
	}
	if (w->len == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->segs = ssg_xrealloc(w->segs, w->cap * sizeof(*w->segs));
	}
	w->segs[w->len].op = op;
	w->segs[w->len].text = text;
	w->segs[w->len].len = len;
	w->len++;
}

/* Text of tokens [i, i+len) of t in s. */
static const char *tok_span(const char *s, const tokens *t, size_t i,
			    size_t len, size_t *n)
{
	if (len == 0) {
		*n = 0;
		return s;
	}
	*n = t->v[i + len - 1].off + t->v[i + len - 1].len - t->v[i].off;
	return s + t->v[i].off;
}

/* A run as a segment: its tokens of a when deleted, of b otherwise. */
static void emit_run(ssg_wdiff *w, const ssg_diff_run *run, const char *a,
		     const tokens *ta, const char *b, const tokens *tb)
{
	size_t n;
	const char *p;
	if (run->op == SSG_DIFF_DELETE)
		p = tok_span(a, ta, run->a, run->len, &n);
	else
		p = tok_span(b, tb, run->b, run->len, &n);
	wdiff_push(w, run->op, p, n);
}

static void diff_word_slices(ssg_wdiff *w, const char *a, size_t an,
			     const char *b, size_t bn, size_t *budget)
{
	tokens ta = {0}, tb = {0};
	tokenize_words(&ta, a, an);
	tokenize_words(&tb, b, bn);
	tok_ctx c = {a, b, &ta, &tb};
	ssg_edits e;
	ssg_edits_init(&e);
	diff_hashes(&e, ta.h, ta.len, tb.h, tb.len, tok_eq, &c, budget);
	for (size_t r = 0; r < e.len; r++)
		emit_run(w, &e.runs[r], a, &ta, b, &tb);
	ssg_edits_fini(&e);
	tokens_fini(&ta);
	tokens_fini(&tb);
}

static void diff_line_slices(ssg_wdiff *w, const char *a, size_t an,
			     const char *b, size_t bn, size_t *budget)
{
	tokens ta = {0}, tb = {0};
	tokenize_lines(&ta, a, an);
	tokenize_lines(&tb, b, bn);
	tok_ctx c = {a, b, &ta, &tb};
	ssg_edits e;
	ssg_edits_init(&e);
	diff_hashes(&e, ta.h, ta.len, tb.h, tb.len, tok_eq, &c, budget);
	for (size_t r = 0; r < e.len; r++) {
		const ssg_diff_run *run = &e.runs[r];
		const ssg_diff_run *next = r + 1 < e.len ? &e.runs[r + 1]
							 : NULL;
		if (run->op == SSG_DIFF_DELETE && next &&
		    next->op == SSG_DIFF_INSERT) {
			size_t n1, n2;
			const char *p1 = tok_span(a, &ta, run->a, run->len,
						  &n1);
			const char *p2 = tok_span(b, &tb, next->b, next->len,
						  &n2);
			diff_word_slices(w, p1, n1, p2, n2, budget);
			r++;
			continue;
		}
		emit_run(w, run, a, &ta, b, &tb);
	}
	ssg_edits_fini(&e);
	tokens_fini(&ta);
	tokens_fini(&tb);
}

/* White space within one line: joining across lines would blur the
 * line-by-line view of a terminal. */
static bool inline_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len;
		unsigned c = utf8_next(s, n, i, &len);
		if (!ssg_text_is_space(c) || c == '\n' || c == '\r')
			return false;
		i += len;
	}
	return true;
}

/* "90 tỷ" → "88 triệu" reads better as one replacement than as two
 * with an unchanged space between: joins DEL INS SPACE DEL INS. */
static void join_replacements(ssg_wdiff *w)
{
	size_t o = 0;
	for (size_t i = 0; i < w->len; i++) {
		ssg_diff_seg s = w->segs[i];
		ssg_diff_seg *q = w->segs + o;
		if (s.op == SSG_DIFF_INSERT && o >= 4 &&
		    q[-4].op == SSG_DIFF_DELETE &&
		    q[-3].op == SSG_DIFF_INSERT &&
		    q[-2].op == SSG_DIFF_EQUAL &&
		    q[-1].op == SSG_DIFF_DELETE &&
		    inline_space(q[-2].text, q[-2].len)) {
			q[-4].len = (size_t)(q[-1].text + q[-1].len -
					     q[-4].text);
			q[-3].len = (size_t)(s.text + s.len - q[-3].text);
			o -= 2;
			continue;
		}
		w->segs[o++] = s;
	}
	w->len = o;
}

static int wdiff_make(ssg_wdiff **out, const char *a, size_t an,
		      const char *b, size_t bn, bool lines)
{
	*out = NULL;
	if (an > SSG_DIFF_MAX_TEXT || bn > SSG_DIFF_MAX_TEXT)
		return SSG_ERR_LIMIT;
	ssg_wdiff *w = ssg_xcalloc(1, sizeof(*w));
	ssg_buf_init(&w->a);
	ssg_buf_init(&w->b);
	ssg_text_nfc(&w->a, a ? a : "", an);
	ssg_text_nfc(&w->b, b ? b : "", bn);
	/* Segments point into a and b from here on: no more appends. */
	const char *na = ssg_buf_cstr(&w->a), *nb = ssg_buf_cstr(&w->b);
	size_t budget = SSG_DIFF_DEFAULT_BUDGET;
	if (lines || w->a.len > SSG_DIFF_WORDS_MAX_BYTES ||
	    w->b.len > SSG_DIFF_WORDS_MAX_BYTES)
		diff_line_slices(w, na, w->a.len, nb, w->b.len, &budget);
	else
		diff_word_slices(w, na, w->a.len, nb, w->b.len, &budget);
	join_replacements(w);
	*out = w;
	return SSG_OK;
}

int ssg_diff_words(ssg_wdiff **out, const char *a, size_t an, const char *b,
		   size_t bn)
{
	return wdiff_make(out, a, an, b, bn, false);
}

int ssg_diff_lines(ssg_wdiff **out, const char *a, size_t an, const char *b,
		   size_t bn)
{
	return wdiff_make(out, a, an, b, bn, true);
}

void ssg_diff_words_free(ssg_wdiff *w)
{
	if (!w)
		return;
	ssg_buf_fini(&w->a);
	ssg_buf_fini(&w->b);
	free(w->segs);
	free(w);
}

size_t ssg_diff_words_count(const ssg_wdiff *w)
{
	return w ? w->len : 0;
}

const ssg_diff_seg *ssg_diff_words_seg(const ssg_wdiff *w, size_t i)
{
	return w && i < w->len ? &w->segs[i] : NULL;
}

bool ssg_diff_words_changed(const ssg_wdiff *w)
{
	return w && w->changed;
}

void ssg_diff_words_html(const ssg_wdiff *w, ssg_buf *out)
{
	for (size_t i = 0; w && i < w->len; i++) {
		const ssg_diff_seg *s = &w->segs[i];
		const char *tag = s->op == SSG_DIFF_DELETE   ? "del"
				  : s->op == SSG_DIFF_INSERT ? "ins"
							     : NULL;
		if (tag)
			ssg_buf_printf(out, "<%s>", tag);
		ssg_buf_put_html(out, s->text, s->len);
		if (tag)
			ssg_buf_printf(out, "</%s>", tag);
	}
}

/* Control characters would let content move the cursor or recolor the
 * reviewer's terminal: show them as ^X.  Colors are closed at line ends
 * so that pagers and later lines are not painted. */
static void put_term(ssg_buf *out, const char *s, size_t n, const char *on)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' && on) {
			ssg_buf_puts(out, "\x1b[0m\n");
			if (i + 1 < n)
				ssg_buf_puts(out, on);
		} else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			ssg_buf_putc(out, '^');
			ssg_buf_putc(out, (char)(c ^ 0x40));
		} else {
			ssg_buf_putc(out, (char)c);
		}
	}
}

void ssg_diff_words_term(const ssg_wdiff *w, ssg_buf *out, bool color)
{
	for (size_t i = 0; w && i < w->len; i++) {
		const ssg_diff_seg *s = &w->segs[i];
		if (s->op == SSG_DIFF_EQUAL) {
			put_term(out, s->text, s->len, NULL);
			continue;
		}
		bool del = s->op == SSG_DIFF_DELETE;
		if (color) {
			const char *on = del ? "\x1b[31m" : "\x1b[32m";
			ssg_buf_puts(out, on);
			put_term(out, s->text, s->len, on);
			if (s->len == 0 || s->text[s->len - 1] != '\n')
				ssg_buf_puts(out, "\x1b[0m");
		} else {
			ssg_buf_puts(out, del ? "[-" : "{+");
			put_term(out, s->text, s->len, NULL);
			ssg_buf_puts(out, del ? "-]" : "+}");
		}
	}
}

/* ==== Table diffs ==== */

/* Strings and arrays of an event list come from big blocks, freed
 * together. */
typedef struct ablock {
	struct ablock *next;
	size_t used, size;
	max_align_t data[];
} ablock;

struct ssg_row_events {
	ssg_row_event *v;
	size_t len, cap;
	ablock *blocks;
};

static void *arena_alloc(ssg_row_events *e, size_t n)
{
	size_t al = _Alignof(max_align_t);
	n = (n + al - 1) / al * al;
	ablock *b = e->blocks;
	if (!b || b->size - b->used < n) {
		size_t size = n > 65536 ? n : 65536;
		b = ssg_xmalloc(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		b->next = e->blocks;
		e->blocks = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

static const char *arena_strn(ssg_row_events *e, const char *s, size_t n)
{
	char *p = arena_alloc(e, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static ssg_row_event *ev_new(ssg_row_events *e, ssg_ev_kind kind)
{
	if (e->len == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->v = ssg_xrealloc(e->v, e->cap * sizeof(*e->v));
	}
	ssg_row_event *ev = &e->v[e->len++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	return ev;
}

ssg_row_events *ssg_row_events_new(void)
{
	return ssg_xcalloc(1, sizeof(ssg_row_events));
}

ssg_row_event *ssg_row_events_add(ssg_row_events *e, ssg_ev_kind kind)
{
	return ev_new(e, kind);
}

void *ssg_row_events_alloc(ssg_row_events *e, size_t n)
{
	return arena_alloc(e, n ? n : 1);
}

void ssg_row_events_free(ssg_row_events *e)
{
	if (!e)
		return;
	while (e->blocks) {
		ablock *next = e->blocks->next;
		free(e->blocks);
		e->blocks = next;
	}
	free(e->v);
	free(e);
}

size_t ssg_row_events_count(const ssg_row_events *e)
{
	return e ? e->len : 0;
}

const ssg_row_event *ssg_row_events_get(const ssg_row_events *e, size_t i)
{
	return e && i < e->len ? &e->v[i] : NULL;
}

/* The hash sits beside the row so that probing rarely leaves the slot
 * array: 100k-row tables are diffed in milliseconds. */
typedef struct {
	uint64_t hash;
	size_t row; /* row + 1; 0 for an empty slot */
} slot;

/* One version of the table, as the diff sees it. */
typedef struct {
	const ssg_table *t;
	size_t nrows, ncols;
	long *colmap;     /* column → matching column on the other side */
	bool *renamed;    /* column matched by position, not name */
	bool *iskey;      /* column is part of the key */
	size_t *keycols;  /* nkeys columns */
	ssg_buf keys;     /* normalized keys, back to back */
	size_t *koff;     /* nrows + 1 offsets into keys */
	uint64_t *khash;  /* hash of each normalized key */
	slot *slots;      /* open-addressing index of the keys */
	size_t nslots;
	long *match;      /* row → row on the other side, or -1 */
	const char **names; /* column names in the event arena */
} side;

static void side_init(side *s, const ssg_table *t)
{
	memset(s, 0, sizeof(*s));
	s->t = t;
	ssg_buf_init(&s->keys);
	if (!t)
		return;
	s->nrows = ssg_table_nrows(t);
	s->ncols = ssg_table_ncols(t);
	s->colmap = ssg_xmalloc((s->ncols + 1) * sizeof(long));
	s->renamed = ssg_xcalloc(s->ncols + 1, sizeof(bool));
	s->iskey = ssg_xcalloc(s->ncols + 1, sizeof(bool));
	for (size_t j = 0; j < s->ncols; j++)
		s->colmap[j] = -1;
	s->match = ssg_xmalloc((s->nrows + 1) * sizeof(long));
	for (size_t i = 0; i < s->nrows; i++)
		s->match[i] = -1;
}

static void side_fini(side *s)
{
	free(s->colmap);
	free(s->renamed);
	free(s->iskey);
	free(s->keycols);
	ssg_buf_fini(&s->keys);
	free(s->koff);
	free(s->khash);
	free(s->slots);
	free(s->match);
}

static char **colnorms(const ssg_table *t, size_t n)
{
	char **v = ssg_xcalloc(n + 1, sizeof(char *));
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t j = 0; j < n; j++) {
		const char *name = ssg_table_colname(t, j);
		ssg_buf_clear(&b);
		ssg_text_key(&b, name, strlen(name));
		v[j] = ssg_xstrdup(ssg_buf_cstr(&b));
	}
	ssg_buf_fini(&b);
	return v;
}

static void strv_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t j = 0; j < n; j++)
		free(v[j]);
	free(v);
}

static long find_norm(char *const *norms, size_t n, const char *name)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_key(&b, name, strlen(name));
	long found = -1;
	for (size_t j = 0; j < n && found < 0; j++)
		if (strcmp(norms[j], ssg_buf_cstr(&b)) == 0)
			found = (long)j;
	ssg_buf_fini(&b);
	return found;
}

/* Matches b's columns to a's by name, each at most once. */
static void match_columns(side *a, side *b, char **na, char **nb)
{
	for (size_t jb = 0; jb < b->ncols; jb++) {
		for (size_t ja = 0; ja < a->ncols; ja++) {
			if (a->colmap[ja] < 0 && strcmp(na[ja], nb[jb]) == 0) {
				a->colmap[ja] = (long)jb;
				b->colmap[jb] = (long)ja;
				break;
			}
		}
	}
}

static void pair_renamed(side *a, side *b, size_t ja, size_t jb)
{
	a->colmap[ja] = (long)jb;
	b->colmap[jb] = (long)ja;
	a->renamed[ja] = true;
	b->renamed[jb] = true;
}

/* Key columns: found by name in `main` (the new table when there is
 * one); in `other`, through the column match, or at the same position
 * when the key column was renamed. */
static int resolve_keys(side *main, side *other, const char *const *keys,
			size_t nkeys, char **nmain, ssg_diags *d)
{
	static const char *const id[] = {"id"};
	bool dflt = nkeys == 0;
	if (dflt) {
		keys = id;
		nkeys = 1;
	}
	int rc = SSG_OK;
	main->keycols = ssg_xcalloc(nkeys, sizeof(size_t));
	if (other->t)
		other->keycols = ssg_xcalloc(nkeys, sizeof(size_t));
	for (size_t k = 0; k < nkeys; k++) {
		long j = find_norm(nmain, main->ncols, keys[k]);
		if (j < 0 && dflt)
			j = 0;
		if (j < 0 || main->ncols == 0) {
			ssg_diags_error(d, ssg_table_path(main->t),
					ssg_table_header_line(main->t), 0,
					"key column '%s' not found", keys[k]);
			rc = SSG_ERR_CONTENT;
			continue;
		}
		main->keycols[k] = (size_t)j;
		main->iskey[j] = true;
		if (!other->t)
			continue;
		long oj = main->colmap[j];
		if (oj < 0 && (size_t)j < other->ncols &&
		    other->colmap[j] < 0) {
			pair_renamed(other, main, (size_t)j, (size_t)j);
			oj = j;
		}
		if (oj < 0) {
			ssg_diags_error(d, ssg_table_path(other->t),
					ssg_table_header_line(other->t), 0,
					"key column '%s' not found",
					ssg_table_colname(main->t, (size_t)j));
			rc = SSG_ERR_CONTENT;
			continue;
		}
		other->keycols[k] = (size_t)oj;
		other->iskey[oj] = true;
	}
	return rc;
}

static void display_key(ssg_buf *out, const side *s, size_t row,
			size_t nkeys)
{
	for (size_t k = 0; k < nkeys; k++) {
		ssg_str v = {ssg_table_cell(s->t, row, s->keycols[k]),
			     ssg_table_cell_len(s->t, row, s->keycols[k])};
		v = ssg_str_trim(v);
		if (k)
			ssg_buf_putc(out, '|');
		ssg_buf_put(out, v.p, v.n);
	}
}

static size_t slots_for(size_t n)
{
	size_t s = 16;
	while (s < 2 * n)
		s *= 2;
	return s;
}

static bool key_eq(const side *x, size_t i, const side *y, size_t j)
{
	size_t ni = x->koff[i + 1] - x->koff[i];
	size_t nj = y->koff[j + 1] - y->koff[j];
	return x->khash[i] == y->khash[j] && ni == nj &&
	       memcmp(x->keys.data + x->koff[i], y->keys.data + y->koff[j],
		      ni) == 0;
}

/* Row index of key `i` of side q in s's index, or -1. */
static long side_lookup(const side *s, const side *q, size_t i)
{
	if (!s->slots)
		return -1;
	size_t mask = s->nslots - 1;
	uint64_t h = q->khash[i];
	for (size_t p = h & mask;; p = (p + 1) & mask) {
		size_t r = s->slots[p].row;
		if (r == 0)
			return -1;
		if (s->slots[p].hash == h && key_eq(s, r - 1, q, i))
			return (long)(r - 1);
	}
}

/* Adds row i to s's index, unless a row with the same key is there
 * already: returns that row, or -1. */
static long side_insert(side *s, size_t i)
{
	if (!s->slots) {
		s->nslots = slots_for(s->nrows);
		s->slots = ssg_xcalloc(s->nslots, sizeof(slot));
	}
	size_t mask = s->nslots - 1;
	uint64_t h = s->khash[i];
	for (size_t p = h & mask;; p = (p + 1) & mask) {
		size_t r = s->slots[p].row;
		if (r == 0) {
			s->slots[p].hash = h;
			s->slots[p].row = i + 1;
			return -1;
		}
		if (s->slots[p].hash == h && key_eq(s, r - 1, s, i))
			return (long)(r - 1);
	}
}

/* The matching form of every row's key, and its hash. */
static void side_keys(side *s, size_t nkeys)
{
	s->koff = ssg_xmalloc((s->nrows + 1) * sizeof(size_t));
	s->khash = ssg_xmalloc((s->nrows + 1) * sizeof(uint64_t));
	ssg_buf val;
	ssg_buf_init(&val);
	for (size_t i = 0; i < s->nrows; i++) {
		s->koff[i] = s->keys.len;
		for (size_t k = 0; k < nkeys; k++) {
			ssg_buf_clear(&val);
			ssg_text_key(&val, ssg_table_cell(s->t, i, s->keycols[k]),
				     ssg_table_cell_len(s->t, i, s->keycols[k]));
			/* Length-prefixed, so ("a|b","c") and ("a","b|c")
			 * stay apart. */
			ssg_buf_put_dec(&s->keys, val.len);
			ssg_buf_putc(&s->keys, ':');
			ssg_buf_put(&s->keys, ssg_buf_cstr(&val), val.len);
		}
		s->koff[i + 1] = s->keys.len;
	}
	for (size_t i = 0; i < s->nrows; i++)
		s->khash[i] = ssg_hash(s->keys.data + s->koff[i],
					    s->koff[i + 1] - s->koff[i]);
	ssg_buf_fini(&val);
}

static void report_dup(const side *s, size_t row, size_t prev, size_t nkeys,
		       ssg_diags *d)
{
	ssg_buf disp;
	ssg_buf_init(&disp);
	display_key(&disp, s, row, nkeys);
	ssg_diags_error(d, ssg_table_path(s->t), ssg_table_row_line(s->t, row),
			0, "duplicate key '%s' (also on line %u)",
			ssg_buf_cstr(&disp), ssg_table_row_line(s->t, prev));
	ssg_buf_fini(&disp);
}

/* Indexes a's keys, then matches b's rows to them: at the same position
 * first (tables mostly keep their order), through the index otherwise.
 * Only b's rows missing from a need an index of their own, to find
 * duplicates among them; duplicates among the others meet at the same
 * row of a. */
static int match_rows(side *a, side *b, size_t nkeys, ssg_diags *d)
{
	int rc = SSG_OK;
	for (size_t ia = 0; ia < a->nrows; ia++) {
		long prev = side_insert(a, ia);
		if (prev >= 0) {
			report_dup(a, ia, (size_t)prev, nkeys, d);
			rc = SSG_ERR_CONTENT;
		}
	}
	for (size_t ib = 0; ib < b->nrows; ib++) {
		long ia = -1;
		if (ib < a->nrows && key_eq(a, ib, b, ib))
			ia = (long)ib;
		else if (a->nrows)
			ia = side_lookup(a, b, ib);
		long prev = ia >= 0 ? a->match[ia] : side_insert(b, ib);
		if (prev >= 0) {
			report_dup(b, ib, (size_t)prev, nkeys, d);
			rc = SSG_ERR_CONTENT;
			continue;
		}
		if (ia >= 0) {
			a->match[ia] = (long)ib;
			b->match[ib] = ia;
		}
	}
	return rc;
}

static bool cell_same(const ssg_table *ta, size_t ia, size_t ja,
		      const ssg_table *tb, size_t ib, size_t jb)
{
	const char *x = ssg_table_cell(ta, ia, ja);
	const char *y = ssg_table_cell(tb, ib, jb);
	size_t nx = ssg_table_cell_len(ta, ia, ja);
	size_t ny = ssg_table_cell_len(tb, ib, jb);
	if (nx == ny && memcmp(x, y, nx) == 0)
		return true;
	if (ssg_text_is_ascii(x, nx) && ssg_text_is_ascii(y, ny))
		return false;
	ssg_buf bx, by;
	ssg_buf_init(&bx);
	ssg_buf_init(&by);
	ssg_text_nfc(&bx, x, nx);
	ssg_text_nfc(&by, y, ny);
	bool same = bx.len == by.len &&
		    memcmp(ssg_buf_cstr(&bx), ssg_buf_cstr(&by), bx.len) == 0;
	ssg_buf_fini(&bx);
	ssg_buf_fini(&by);
	return same;
}

/* Hash of the cells of the columns both versions have, in b's order:
 * equal hashes let unchanged rows (almost all of them) skip the
 * field-by-field comparison.  Key cells are left out: matched rows have
 * equal keys by definition, even if one was retyped in another case or
 * spacing. */
static uint64_t row_hash(const side *s, const side *b, size_t row, bool is_b)
{
	uint64_t h = 0;
	for (size_t jb = 0; jb < b->ncols; jb++) {
		if (b->colmap[jb] < 0 || b->iskey[jb])
			continue;
		size_t j = is_b ? jb : (size_t)b->colmap[jb];
		h = (h ^ ssg_hash(ssg_table_cell(s->t, row, j),
				       ssg_table_cell_len(s->t, row, j))) *
		    0x9e3779b97f4a7c15u;
		h ^= h >> 29;
	}
	return h;
}

static bool row_same(const side *a, size_t ia, const side *b, size_t ib)
{
	if (row_hash(a, b, ia, false) != row_hash(b, b, ib, true))
		return false;
	for (size_t jb = 0; jb < b->ncols; jb++) {
		long ja = b->colmap[jb];
		if (ja < 0 || b->iskey[jb])
			continue;
		size_t nx = ssg_table_cell_len(a->t, ia, (size_t)ja);
		if (nx != ssg_table_cell_len(b->t, ib, jb) ||
		    memcmp(ssg_table_cell(a->t, ia, (size_t)ja),
			   ssg_table_cell(b->t, ib, jb), nx) != 0)
			return false;
	}
	return true;
}

/* A column at the same position under another name whose values are
 * mostly unchanged was renamed: one schema event, not a change of every
 * cell.  With no rows in common, the position is all there is to go
 * by. */
static void find_renames(side *a, side *b)
{
	for (size_t j = 0; j < b->ncols && j < a->ncols; j++) {
		if (b->colmap[j] >= 0 || a->colmap[j] >= 0)
			continue;
		size_t common = 0, same = 0;
		for (size_t ib = 0; ib < b->nrows; ib++) {
			long ia = b->match[ib];
			if (ia < 0)
				continue;
			common++;
			if (cell_same(a->t, (size_t)ia, j, b->t, ib, j))
				same++;
		}
		if (common == 0 || 2 * same > common)
			pair_renamed(a, b, j, j);
	}
}

static const char **side_names(ssg_row_events *e, const side *s)
{
	const char **v = arena_alloc(e, (s->ncols + 1) * sizeof(char *));
	for (size_t j = 0; j < s->ncols; j++) {
		const char *name = ssg_table_colname(s->t, j);
		v[j] = arena_strn(e, name, strlen(name));
	}
	return v;
}

static void schema_events(ssg_row_events *e, const side *a, const side *b)
{
	unsigned line = ssg_table_header_line(b->t);
	for (size_t jb = 0; jb < b->ncols; jb++) {
		long ja = b->colmap[jb];
		if (ja >= 0 && !b->renamed[jb])
			continue;
		ssg_row_event *ev = ev_new(e, SSG_EV_SCHEMA);
		ev->line = line;
		ev->field = b->names[jb];
		ev->new_ = b->names[jb];
		if (ja >= 0) {
			ev->schema = SSG_SCHEMA_RENAMED;
			ev->old = a->names[ja];
		} else {
			ev->schema = SSG_SCHEMA_ADDED;
		}
	}
	for (size_t ja = 0; ja < a->ncols; ja++) {
		if (a->colmap[ja] >= 0)
			continue;
		ssg_row_event *ev = ev_new(e, SSG_EV_SCHEMA);
		ev->schema = SSG_SCHEMA_REMOVED;
		ev->line = line;
		ev->field = a->names[ja];
		ev->old = a->names[ja];
	}
}

static void row_event(ssg_row_events *e, ssg_ev_kind kind, const side *s,
		      size_t row, const char *key)
{
	ssg_row_event *ev = ev_new(e, kind);
	ev->key = key;
	ev->line = ssg_table_row_line(s->t, row);
	ev->ncols = s->ncols;
	ev->cols = s->names;
	const char **vals = arena_alloc(e, (s->ncols + 1) * sizeof(char *));
	for (size_t j = 0; j < s->ncols; j++)
		vals[j] = arena_strn(e, ssg_table_cell(s->t, row, j),
				     ssg_table_cell_len(s->t, row, j));
	ev->vals = vals;
}

static const char *event_key(ssg_row_events *e, const side *s, size_t row,
			     size_t nkeys, ssg_buf *tmp)
{
	ssg_buf_clear(tmp);
	display_key(tmp, s, row, nkeys);
	return arena_strn(e, ssg_buf_cstr(tmp), tmp->len);
}

static void changed_events(ssg_row_events *e, const side *a, size_t ia,
			   const side *b, size_t ib, size_t nkeys,
			   ssg_buf *tmp)
{
	const char *key = NULL;
	for (size_t jb = 0; jb < b->ncols; jb++) {
		long ja = b->colmap[jb];
		if (ja < 0 || b->iskey[jb] ||
		    cell_same(a->t, ia, (size_t)ja, b->t, ib, jb))
			continue;
		if (!key)
			key = event_key(e, b, ib, nkeys, tmp);
		ssg_row_event *ev = ev_new(e, SSG_EV_CHANGED);
		ev->key = key;
		ev->line = ssg_table_row_line(b->t, ib);
		ev->field = b->names[jb];
		ev->old = arena_strn(e, ssg_table_cell(a->t, ia, (size_t)ja),
				     ssg_table_cell_len(a->t, ia, (size_t)ja));
		ev->new_ = arena_strn(e, ssg_table_cell(b->t, ib, jb),
				      ssg_table_cell_len(b->t, ib, jb));
	}
}

int ssg_diff_tables(ssg_row_events **out, const ssg_table *ta,
		    const ssg_table *tb, const char *const *keys, size_t nkeys,
		    ssg_diags *d)
{
	*out = NULL;
	ssg_row_events *e = ssg_xcalloc(1, sizeof(*e));
	side a, b;
	side_init(&a, ta);
	side_init(&b, tb);
	char **na = ta ? colnorms(ta, a.ncols) : NULL;
	char **nb = tb ? colnorms(tb, b.ncols) : NULL;
	ssg_buf tmp;
	ssg_buf_init(&tmp);
	int rc = SSG_OK;
	size_t nk = nkeys ? nkeys : 1;

	if (!ta && !tb)
		goto done;
	if (ta && tb)
		match_columns(&a, &b, na, nb);
	if (tb)
		rc = resolve_keys(&b, &a, keys, nkeys, nb, d);
	else
		rc = resolve_keys(&a, &b, keys, nkeys, na, d);
	if (rc != SSG_OK)
		goto done;
	side_keys(&a, nk);
	side_keys(&b, nk);
	rc = match_rows(&a, &b, nk, d);
	if (rc != SSG_OK)
		goto done;
	if (ta)
		a.names = side_names(e, &a);
	if (tb)
		b.names = side_names(e, &b);

	if (ta && tb) {
		find_renames(&a, &b);
		schema_events(e, &a, &b);
	}
	for (size_t ib = 0; ib < b.nrows; ib++) {
		long ia = b.match[ib];
		if (ia < 0)
			row_event(e, SSG_EV_ADDED, &b, ib,
				  event_key(e, &b, ib, nk, &tmp));
		else if (!row_same(&a, (size_t)ia, &b, ib))
			changed_events(e, &a, (size_t)ia, &b, ib, nk, &tmp);
	}
	for (size_t ia = 0; ia < a.nrows; ia++)
		if (a.match[ia] < 0)
			row_event(e, SSG_EV_REMOVED, &a, ia,
				  event_key(e, &a, ia, nk, &tmp));

done:
	ssg_buf_fini(&tmp);
	strv_free(na, a.ncols);
	strv_free(nb, b.ncols);
	side_fini(&a);
	side_fini(&b);
	if (rc != SSG_OK) {
		ssg_row_events_free(e);
		return rc;
	}
	*out = e;
	return SSG_OK;
}
