/*
 * history rows — see history_rows.h.
 */
#include "history_rows.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "table.h"
#include "text.h"

/* How many data lines of a version have each key hash (keys_collide):
 * open addressing; a slot once used stays used, its count may drop to 0. */
typedef struct {
	uint64_t *key;
	uint32_t *count;
	unsigned char *used;
	size_t cap, nused;
	size_t nbad;  /* lines whose key field is missing */
	uint64_t sig; /* the ksig it counts for; 0 when none */
} keycount;

/* The bytes of a table version cut into lines, for the row fast path. */
typedef struct {
	void *ref; /* the version's owner: a reference, not a copy, of */
	const ssg_hrows_owner *o; /* its bytes, given back through o */
	const char *raw;
	size_t n;
	size_t *off, *len; /* line i is raw[off[i], off[i] + len[i]) */
	uint64_t *hash;
	/* Hash of each line's key (line_key) for the key columns `ksig`
	 * names; kok[i]: 0 not computed yet, 1 computed, 2 field missing.
	 * Carried from version to version with the unchanged lines. */
	uint64_t *khash;
	unsigned char *kok;
	/* For a version cut by lines_next: the line of the version before
	 * that each line was taken from, its bytes found equal (NO_SRC: a
	 * line cut anew), so that the diff of the two needs not compare
	 * them again (line_eq). */
	uint32_t *src;
	uint64_t ksig;
	keycount kc;
	size_t nlines, cap;
} lines_t;

#define NO_SRC UINT32_MAX

static void kc_fini(keycount *c)
{
	free(c->key);
	free(c->count);
	free(c->used);
	memset(c, 0, sizeof(*c));
}

static size_t kc_slot(const keycount *c, uint64_t k)
{
	size_t mask = c->cap - 1, i = (size_t)(k ^ (k >> 29)) & mask;
	while (c->used[i] && c->key[i] != k)
		i = (i + 1) & mask;
	return i;
}

static uint32_t kc_get(const keycount *c, uint64_t k)
{
	if (!c->cap)
		return 0;
	size_t i = kc_slot(c, k);
	return c->used[i] ? c->count[i] : 0;
}

static void kc_add(keycount *c, uint64_t k, int delta)
{
	if (2 * (c->nused + 1) > c->cap) {
		keycount old = *c;
		c->cap = old.cap ? 2 * old.cap : 64;
		c->key = ssg_xcalloc(c->cap, sizeof(*c->key));
		c->count = ssg_xcalloc(c->cap, sizeof(*c->count));
		c->used = ssg_xcalloc(c->cap, 1);
		c->nused = 0;
		for (size_t i = 0; i < old.cap; i++) {
			if (!old.used[i] || !old.count[i])
				continue;
			size_t j = kc_slot(c, old.key[i]);
			c->used[j] = 1;
			c->key[j] = old.key[i];
			c->count[j] = old.count[i];
			c->nused++;
		}
		free(old.key);
		free(old.count);
		free(old.used);
	}
	size_t i = kc_slot(c, k);
	if (!c->used[i]) {
		c->used[i] = 1;
		c->key[i] = k;
		c->count[i] = 0;
		c->nused++;
	}
	c->count[i] = (uint32_t)((int64_t)c->count[i] + delta);
}

static void lines_fini(lines_t *t)
{
	kc_fini(&t->kc);
	if (t->ref)
		t->o->drop(t->ref);
	free(t->off);
	free(t->len);
	free(t->hash);
	free(t->khash);
	free(t->kok);
	free(t->src);
	memset(t, 0, sizeof(*t));
}

/* Room for `cap` lines in all of t's arrays. */
static void lines_reserve(lines_t *t, size_t cap)
{
	if (cap <= t->cap)
		return;
	t->cap = cap;
	t->off = ssg_xrealloc(t->off, t->cap * sizeof(size_t));
	t->len = ssg_xrealloc(t->len, t->cap * sizeof(size_t));
	t->hash = ssg_xrealloc(t->hash, t->cap * sizeof(uint64_t));
	t->khash = ssg_xrealloc(t->khash, t->cap * sizeof(uint64_t));
	t->kok = ssg_xrealloc(t->kok, t->cap);
	t->src = ssg_xrealloc(t->src, t->cap * sizeof(uint32_t));
}

static void lines_push(lines_t *t, size_t off, size_t len, uint64_t hash)
{
	if (t->nlines == t->cap)
		lines_reserve(t, t->cap ? 2 * t->cap : 256);
	t->off[t->nlines] = off;
	t->len[t->nlines] = len;
	t->hash[t->nlines] = hash;
	t->kok[t->nlines] = 0;
	t->src[t->nlines] = NO_SRC;
	t->nlines++;
}

/* Whether s can be cut into simple lines at all. */
static bool lines_ok(const char *s, size_t n)
{
	return n > 0 && s[n - 1] == '\n' && n <= SSG_TABLE_MAX_BYTES &&
	       !memchr(s, '\r', n);
}

/* Appends the lines of s[from, to) (whole lines) to t; false when one is
 * not simple. */
static bool lines_scan_one(lines_t *t, const char *s, size_t *at, size_t to)
{
	size_t i = *at;
	const char *nl = memchr(s + i, '\n', to - i);
	size_t len = (size_t)(nl - (s + i));
	if (len == 0 || t->nlines > SSG_TABLE_MAX_ROWS)
		return false;
	size_t quotes = 0;
	for (const char *q = s + i; (q = memchr(q, '"', (size_t)(nl - q))); q++)
		quotes++;
	if (quotes % 2)
		return false;
	lines_push(t, i, len, ssg_hash(s + i, len));
	*at = i + len + 1;
	return true;
}

static bool lines_scan(lines_t *t, const char *s, size_t from, size_t to)
{
	size_t i = from;
	while (i < to)
		if (!lines_scan_one(t, s, &i, to))
			return false;
	return true;
}

/* Appends o's line k, found at s[at], with what is known of it. */
static void lines_take(lines_t *t, const lines_t *o, size_t k, size_t at)
{
	lines_push(t, at, o->len[k], o->hash[k]);
	t->khash[t->nlines - 1] = o->khash[k];
	t->kok[t->nlines - 1] = o->kok[k];
	t->src[t->nlines - 1] = (uint32_t)k;
}

/* t's bytes are now gb's: a second reference (copying each version of a
 * big table was a tenth of a walk). */
static void lines_keep(lines_t *t, const ssg_hrows_owner *o,
		       const char *s, size_t n, void *owner)
{
	void *ref = o->keep(owner);
	if (t->ref)
		t->o->drop(t->ref);
	t->ref = ref;
	t->o = o;
	t->raw = s;
	t->n = n;
}

/* Cuts s[0..n) into t; false when not simple. */
static bool lines_cut(lines_t *t, const ssg_hrows_owner *o, const char *s,
		      size_t n, void *owner)
{
	t->nlines = 0;
	t->ksig = 0;
	t->kc.sig = 0;
	if (!lines_ok(s, n) || !lines_scan(t, s, 0, n))
		return false;
	lines_keep(t, o, s, n, owner);
	return true;
}

/* lines_cut of s[0..n), the next version of o: the lines both share at
 * the start and at the end are taken from o with their hashes, so only
 * the changed middle is cut and hashed.  The same lines as lines_cut. */
static bool lines_next(lines_t *t, const lines_t *o, const char *s, size_t n,
		       void *owner)
{
	t->nlines = 0;
	t->ksig = o->ksig;
	if (!lines_ok(s, n))
		return false;
	/* A next version has about as many lines: grown once, not by
	 * doubling from nothing each time. */
	lines_reserve(t, o->nlines + 64);
	size_t m = o->n < n ? o->n : n;
	size_t p = ssg_bytes_common_start(o->raw, s, m);
	/* o's lines wholly inside the common start */
	size_t lo = 0, hi = o->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->off[mid] + o->len[mid] + 1 <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t pl = lo;
	size_t P = pl ? o->off[pl - 1] + o->len[pl - 1] + 1 : 0;
	size_t q = ssg_bytes_common_end(o->raw, o->n, s, n, m - P);
	/* o's first line of the common end: it starts inside the end and,
	 * in s, after a line break or where the start ends */
	lo = pl;
	hi = o->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->off[mid] >= o->n - q)
			hi = mid;
		else
			lo = mid + 1;
	}
	size_t fs = lo;
	if (fs < o->nlines) {
		size_t np = o->off[fs] + n - o->n;
		if (np != P && s[np - 1] != '\n')
			fs++;
	}
	size_t Q = fs < o->nlines ? o->n - o->off[fs] : 0;
	for (size_t i = 0; i < pl; i++)
		lines_take(t, o, i, o->off[i]);
	/* The middle: a version that changes values in place keeps most
	 * lines where they were, and comparing a line costs less than
	 * cutting and hashing it. */
	size_t k = pl, end = n - Q;
	for (size_t i = P; i < end; k++) {
		if (k < fs && o->len[k] < end - i && s[i + o->len[k]] == '\n' &&
		    memcmp(s + i, o->raw + o->off[k], o->len[k]) == 0 &&
		    t->nlines <= SSG_TABLE_MAX_ROWS) {
			lines_take(t, o, k, i);
			i += o->len[k] + 1;
		} else if (!lines_scan_one(t, s, &i, end)) {
			return false;
		}
	}
	for (size_t i = fs; i < o->nlines; i++)
		lines_take(t, o, i, o->off[i] + n - o->n);
	if (t->nlines > SSG_TABLE_MAX_ROWS + 1)
		return false;
	lines_keep(t, o->o, s, n, owner);
	return true;
}

static const char *line_at(const lines_t *t, size_t i)
{
	return t->raw + t->off[i];
}

typedef struct {
	const lines_t *a, *b;
} lines_pair;

/* Line i + 1 of a against line j + 1 of b (the header is not diffed);
 * b was cut from a by lines_next. */
static bool line_eq(void *ctx, size_t i, size_t j)
{
	const lines_pair *p = ctx;
	if (p->b->src[j + 1] == i + 1)
		return true; /* taken from that very line */
	return p->a->len[i + 1] == p->b->len[j + 1] &&
	       memcmp(line_at(p->a, i + 1), line_at(p->b, j + 1),
		      p->a->len[i + 1]) == 0;
}

/* Field `col` of a simple line, quotes and all; false when missing. */
static bool line_field(const char *s, size_t n, char delim, size_t col,
		       const char **f, size_t *fn)
{
	size_t start = 0, k = 0;
	bool quoted = false;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] == '"')
			quoted = !quoted;
		if (i < n && (quoted || s[i] != delim))
			continue;
		if (k++ == col) {
			*f = s + start;
			*fn = i - start;
			return true;
		}
		start = i + 1;
	}
	return false;
}

/* A hash of the key of a line that equal keys (as diff.h matches them:
 * NFC, white space, case) always share: the fold of text.h drops marks,
 * case, quotes and spacing.  Different hashes, different keys. */
static uint64_t line_key(ssg_buf *tmp, lines_t *t, size_t line, char delim,
			 const size_t *cols, size_t ncols, bool *ok)
{
	if (t->kok[line]) {
		*ok = t->kok[line] == 1;
		return t->khash[line];
	}
	ssg_buf_clear(tmp);
	for (size_t k = 0; k < ncols; k++) {
		const char *f;
		size_t fn;
		if (!line_field(line_at(t, line), t->len[line], delim, cols[k],
				&f, &fn)) {
			*ok = false;
			t->kok[line] = 2;
			t->khash[line] = 0;
			return 0;
		}
		ssg_text_fold(tmp, f, fn);
		ssg_buf_putc(tmp, '\x1f');
	}
	uint64_t h = ssg_hash(tmp->data, tmp->len);
	t->kok[line] = 1;
	t->khash[line] = h;
	return h;
}

/* The key hashes kept in t are for one choice of key columns and
 * delimiter: another forgets them. */
static void lines_key_sig(lines_t *t, char delim, const size_t *cols,
			  size_t ncols)
{
	uint64_t sig = ssg_hash(cols, ncols * sizeof(*cols)) ^
		       (uint64_t)(unsigned char)delim;
	sig |= 1; /* never 0, the value of "none" */
	if (t->ksig != sig) {
		memset(t->kok, 0, t->nlines);
		t->ksig = sig;
	}
}

/* Key columns as diff.h finds them, when the names are plain ASCII. */
static bool key_cols(const ssg_table *t, const char *const *kcols,
		     size_t nk, size_t *cols, size_t max, size_t *ncols)
{
	*ncols = 0;
	if (nk == 0) {
		long c = ssg_table_col_find(t, "id");
		cols[0] = c < 0 ? 0 : (size_t)c;
		*ncols = 1;
		return ssg_table_ncols(t) > 0;
	}
	if (nk > max)
		return false;
	for (size_t i = 0; i < nk; i++) {
		for (const char *p = kcols[i]; *p; p++)
			if ((unsigned char)*p >= 0x80)
				return false;
		long c = ssg_table_col_find(t, kcols[i]);
		if (c < 0)
			return false;
		cols[i] = (size_t)c;
	}
	*ncols = nk;
	return true;
}

/* Header plus the lines of t in runs of kind `op` of e. */
static void mini_csv(ssg_buf *out, const lines_t *t, const ssg_edits *e,
		     ssg_diff_op op)
{
	ssg_buf_put(out, line_at(t, 0), t->len[0] + 1);
	for (size_t r = 0; r < e->len; r++) {
		const ssg_diff_run *run = &e->runs[r];
		if (run->op != op)
			continue;
		size_t first = op == SSG_DIFF_DELETE ? run->a : run->b;
		for (size_t i = first + 1; i <= first + run->len; i++)
			ssg_buf_put(out, line_at(t, i), t->len[i] + 1);
	}
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* Counts the keys of all of t's data lines, once per choice of key. */
static void kc_count(ssg_buf *tmp, lines_t *t, char delim, const size_t *cols,
		     size_t ncols)
{
	if (t->kc.sig == t->ksig)
		return;
	kc_fini(&t->kc);
	for (size_t i = 1; i < t->nlines; i++) {
		bool ok = true;
		uint64_t k = line_key(tmp, t, i, delim, cols, ncols, &ok);
		if (ok)
			kc_add(&t->kc, k, 1);
		else
			t->kc.nbad++;
	}
	t->kc.sig = t->ksig;
}

/* The keys of the lines of kind `op` of e (DELETE: a's, INSERT: b's),
 * appended to *keys; false when one has no key field. */
static bool changed_keys(ssg_buf *tmp, lines_t *a, lines_t *b, const ssg_edits *e,
			 ssg_diff_op op, char delim, const size_t *cols,
			 size_t ncols, uint64_t **keys, size_t *n, size_t *cap)
{
	lines_t *t = op == SSG_DIFF_DELETE ? a : b;
	bool ok = true;
	for (size_t r = 0; r < e->len && ok; r++) {
		const ssg_diff_run *run = &e->runs[r];
		if (run->op != op)
			continue;
		size_t first = op == SSG_DIFF_DELETE ? run->a : run->b;
		for (size_t i = first + 1; i <= first + run->len && ok; i++) {
			if (*n == *cap) {
				*cap = *cap ? 2 * *cap : 16;
				*keys = ssg_xrealloc(*keys,
						     *cap * sizeof(**keys));
			}
			(*keys)[(*n)++] = line_key(tmp, t, i, delim, cols,
						   ncols, &ok);
		}
	}
	return ok;
}

/* How many of the sorted keys[0..n) equal k. */
static size_t count_in(const uint64_t *keys, size_t n, uint64_t k)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (keys[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t c = 0;
	while (lo + c < n && keys[lo + c] == k)
		c++;
	return c;
}

/* The key hashes of a version's changed lines: the deleted ones (a's)
 * first, then the inserted ones (b's). */
typedef struct {
	uint64_t *keys;
	size_t ndel, n, cap;
} changed;

/* True when a key of a changed line may be the key of a line both
 * versions share.  The shared lines are a's lines less the deleted
 * ones, so a's key counts (kept from version to version) less the
 * deleted keys answer it without looking at the shared lines.  Fills
 * *ch for kc_pass. */
static bool keys_collide(ssg_buf *tmp, lines_t *a, lines_t *b,
			 const ssg_edits *e, char delim, const size_t *cols,
			 size_t ncols, changed *ch)
{
	lines_key_sig(a, delim, cols, ncols);
	lines_key_sig(b, delim, cols, ncols);
	kc_count(tmp, a, delim, cols, ncols);
	bool hit = !changed_keys(tmp, a, b, e, SSG_DIFF_DELETE, delim, cols,
				 ncols, &ch->keys, &ch->n, &ch->cap);
	ch->ndel = ch->n;
	hit = hit || !changed_keys(tmp, a, b, e, SSG_DIFF_INSERT, delim, cols,
				   ncols, &ch->keys, &ch->n, &ch->cap);
	/* A shared line without its key field: the full path says why. */
	hit = hit || (ch->n && a->kc.nbad);
	ssg_sort(ch->keys, ch->ndel, sizeof(*ch->keys), u64_cmp);
	for (size_t i = 0; i < ch->n && !hit; i++)
		hit = kc_get(&a->kc, ch->keys[i]) >
		      count_in(ch->keys, ch->ndel, ch->keys[i]);
	return hit;
}

/* b's key counts, from a's (taken) and the changed lines' keys. */
static void kc_pass(lines_t *a, lines_t *b, const changed *ch)
{
	kc_fini(&b->kc);
	b->kc = a->kc;
	memset(&a->kc, 0, sizeof(a->kc));
	for (size_t i = 0; i < ch->n; i++)
		kc_add(&b->kc, ch->keys[i], i < ch->ndel ? -1 : 1);
	b->kc.sig = b->ksig;
}


struct ssg_hrows {
	ssg_hrows_owner o;
	lines_t lines;
	ssg_buf tmp; /* line_key's */
};

ssg_hrows *ssg_hrows_new(const ssg_hrows_owner *o)
{
	ssg_hrows *r = ssg_xcalloc(1, sizeof(*r));
	r->o = *o;
	ssg_buf_init(&r->tmp);
	return r;
}

void ssg_hrows_free(ssg_hrows *r)
{
	if (!r)
		return;
	lines_fini(&r->lines);
	ssg_buf_fini(&r->tmp);
	free(r);
}

bool ssg_hrows_cut(ssg_hrows *r, const char *s, size_t n, void *owner)
{
	if (lines_cut(&r->lines, &r->o, s, n, owner))
		return true;
	r->lines.nlines = 0; /* what was cut before the line that failed */
	return false;
}

bool ssg_hrows_next(ssg_hrows *r, const char *s, size_t n, void *owner,
		    const char *path,
		    const char *const *kcols, size_t nkcols,
		    ssg_row_events **out)
{
	bool done = false;
	ssg_buf oa, ob;
	ssg_edits e;
	ssg_table *ta = NULL, *tb = NULL;
	ssg_diags *pd = NULL;
	ssg_row_events *re = NULL;
	lines_t nl;
	changed ch = {0};
	*out = NULL;
	memset(&nl, 0, sizeof(nl));
	ssg_buf_init(&oa);
	ssg_buf_init(&ob);
	ssg_edits_init(&e);
	lines_t *ol = &r->lines;
	if (ol->nlines == 0 || !lines_next(&nl, ol, s, n, owner) ||
	    nl.len[0] != ol->len[0] ||
	    memcmp(line_at(&nl, 0), line_at(ol, 0), ol->len[0]) != 0)
		goto done;
	lines_pair lp = {ol, &nl};
	ssg_diff_hashes(&e, ol->hash + 1, ol->nlines - 1, nl.hash + 1,
			nl.nlines - 1, line_eq, &lp, 0);
	mini_csv(&oa, ol, &e, SSG_DIFF_DELETE);
	mini_csv(&ob, &nl, &e, SSG_DIFF_INSERT);
	pd = ssg_diags_new();
	if (ssg_table_parse(&ta, path, oa.data, oa.len, pd) != SSG_OK ||
	    ssg_table_parse(&tb, path, ob.data, ob.len, pd) != SSG_OK)
		goto done;
	size_t cols[16], ncols = 0;
	if (!key_cols(tb, kcols, nkcols, cols, 16, &ncols) ||
	    keys_collide(&r->tmp, ol, &nl, &e, ssg_table_delimiter(tb), cols,
			 ncols, &ch))
		goto done;
	if (ssg_diff_tables(&re, ta, tb, kcols, nkcols, pd) != SSG_OK)
		goto done;
	kc_pass(ol, &nl, &ch);
	lines_t t = r->lines;
	r->lines = nl;
	nl = t;
	*out = re;
	re = NULL;
	done = true;
done:
	free(ch.keys);
	lines_fini(&nl);
	ssg_row_events_free(re);
	ssg_table_free(ta);
	ssg_table_free(tb);
	ssg_diags_free(pd);
	ssg_edits_fini(&e);
	ssg_buf_fini(&oa);
	ssg_buf_fini(&ob);
	return done;
}
