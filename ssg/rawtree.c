/*
 * rawtree — see rawtree.h.
 */
#include "rawtree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

struct ssg_rawtree {
	git_odb_object *obj; /* holds the bytes */
	const unsigned char *data;
	size_t len;
	uint32_t *off; /* entry starts, n of them, then len; NULL: unparsed */
	size_t n;
	int refs;
	bool bad; /* its bytes are not a tree */
};

ssg_rawtree *ssg_rawtree_read(git_odb *odb, const git_oid *id)
{
	git_odb_object *obj = NULL;
	if (git_odb_read(&obj, odb, id) < 0)
		return NULL;
	/* A tree's offsets are 32 bits: 4 GB of entries is no content
	 * directory. */
	if (git_odb_object_type(obj) != GIT_OBJECT_TREE ||
	    git_odb_object_size(obj) >= UINT32_MAX) {
		git_odb_object_free(obj);
		return NULL;
	}
	ssg_rawtree *t = ssg_xcalloc(1, sizeof(*t));
	t->obj = obj;
	t->data = git_odb_object_data(obj);
	t->len = git_odb_object_size(obj);
	t->refs = 1;
	return t;
}

ssg_rawtree *ssg_rawtree_dup(ssg_rawtree *t)
{
	t->refs++;
	return t;
}

void ssg_rawtree_free(ssg_rawtree *t)
{
	if (!t || --t->refs > 0)
		return;
	git_odb_object_free(t->obj);
	free(t->off);
	free(t);
}

const git_oid *ssg_rawtree_id(const ssg_rawtree *t)
{
	return git_odb_object_id(t->obj);
}

/* The end of the entry at `at` ("MODE NAME\0" and 20 bytes), or 0 when
 * none is well formed there. */
static size_t entry_end(const unsigned char *d, size_t len, size_t at)
{
	size_t i = at;
	while (i < len && d[i] >= '0' && d[i] <= '7')
		i++;
	if (i == at || i - at > 7 || i >= len || d[i] != ' ')
		return 0;
	const unsigned char *nul = memchr(d + i + 1, '\0', len - i - 1);
	if (!nul || nul == d + i + 1 || (size_t)(nul - d) + 21 > len)
		return 0;
	return (size_t)(nul - d) + 21;
}

/* Appends to t->off the starts of the entries from `at` on, until the
 * end or, when `stop` is given, an entry that starts at or past
 * `stop_at` and for which stop(ctx, start) says the rest is known; *end
 * is then that start (len at the end).  False when the bytes are not a
 * tree. */
typedef bool (*stop_fn)(void *ctx, size_t start);

static bool parse_from(ssg_rawtree *t, size_t *cap, size_t at,
		       size_t stop_at, stop_fn stop, void *ctx, size_t *end)
{
	while (at < t->len) {
		if (stop && at >= stop_at && stop(ctx, at))
			break;
		size_t next = entry_end(t->data, t->len, at);
		if (!next)
			return false;
		if (t->n + 2 > *cap) {
			*cap = *cap ? 2 * *cap : 64;
			t->off = ssg_xrealloc(t->off, *cap * sizeof(uint32_t));
		}
		t->off[t->n++] = (uint32_t)at;
		at = next;
	}
	*end = at;
	return true;
}

/* Ends t's offsets with its length: entry i ends where i + 1 starts,
 * the last where the tree does.  t is parsed from then on. */
static void seal(ssg_rawtree *t)
{
	t->off = ssg_xrealloc(t->off, (t->n + 1) * sizeof(uint32_t));
	t->off[t->n] = (uint32_t)t->len;
}

bool ssg_rawtree_parse(ssg_rawtree *t)
{
	if (t->off || t->bad)
		return !t->bad;
	size_t cap = 0, end;
	if (!parse_from(t, &cap, 0, 0, NULL, NULL, &end)) {
		free(t->off);
		t->off = NULL;
		t->n = 0;
		t->bad = true;
		return false;
	}
	seal(t);
	return true;
}

size_t ssg_rawtree_count(const ssg_rawtree *t)
{
	return t->n;
}

void ssg_rawtree_entry_at(const ssg_rawtree *t, size_t i,
			  ssg_rawtree_entry *e)
{
	const unsigned char *d = t->data + t->off[i];
	unsigned mode = 0;
	while (*d != ' ')
		mode = mode * 8 + (unsigned)(*d++ - '0');
	e->mode = mode;
	e->name = (const char *)d + 1;
	/* The entry ends with the NUL after its name and its 20-byte id. */
	const unsigned char *end = t->data + t->off[i + 1];
	e->nlen = (size_t)(end - 21 - (const unsigned char *)e->name);
	e->id = end - 20;
}

/* The first entry of parsed t that starts at or past `at` (n: none). */
static size_t first_from(const ssg_rawtree *t, size_t at)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->off[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The index of the entry of parsed t that starts at `at`, or -1. */
static long index_at(const ssg_rawtree *t, size_t at)
{
	size_t i = first_from(t, at);
	return i < t->n && t->off[i] == at ? (long)i : -1;
}

/* The number of entries of parsed t that start at or before `at`. */
static size_t count_upto(const ssg_rawtree *t, size_t at)
{
	return first_from(t, at + 1);
}

/* Whether b's entry at `at` begins its common end with a: a has an
 * entry where that one is, counted from the end. */
typedef struct {
	const ssg_rawtree *a;
	size_t shift; /* b's length less a's, modulo size_t */
	long found;   /* that entry of a */
} tail_of;

static bool tail_starts(void *ctx, size_t at)
{
	tail_of *tl = ctx;
	tl->found = index_at(tl->a, at - tl->shift);
	return tl->found >= 0;
}

bool ssg_rawtree_window(ssg_rawtree *a, ssg_rawtree *b, size_t *from,
			size_t *a_to, size_t *b_to)
{
	*from = 0;
	if (!a || !b) { /* one side alone: all of it */
		ssg_rawtree *t = a ? a : b;
		if (t && !ssg_rawtree_parse(t))
			return false;
		*a_to = a ? a->n : 0;
		*b_to = b ? b->n : 0;
		return true;
	}
	if (!ssg_rawtree_parse(a) || b->bad)
		return false;
	size_t min = a->len < b->len ? a->len : b->len;
	size_t p = ssg_bytes_common_start(a->data, b->data, min);
	size_t s = ssg_bytes_common_end(a->data, a->len, b->data, b->len, min - p);
	/* Entries wholly in the common beginning are the same in both, at
	 * the same places (each parse reads the same bytes there); the one
	 * p falls in may not be. */
	size_t k = count_upto(a, p);
	if (k && a->off[k] > p)
		k--;
	*from = k;
	if (b->off) {
		/* Both parsed (the same tree met again): the common end by
		 * their offsets, entries as far from the end in both. */
		size_t ea = a->n, eb = b->n;
		while (ea > k && eb > k && a->off[ea - 1] >= a->len - s &&
		       b->off[eb - 1] >= b->len - s &&
		       a->len - a->off[ea - 1] == b->len - b->off[eb - 1]) {
			ea--;
			eb--;
		}
		*a_to = ea;
		*b_to = eb;
		return true;
	}
	/* b's offsets: a's before the window, parsed through it, a's
	 * shifted after it, from the first entry of b in the common end
	 * where a has one too. */
	size_t cap = k + 64;
	b->off = ssg_xmalloc(cap * sizeof(uint32_t));
	memcpy(b->off, a->off, k * sizeof(uint32_t));
	b->n = k;
	tail_of tl = {a, b->len - a->len, -1};
	size_t end;
	if (!parse_from(b, &cap, a->off[k], b->len - s, tail_starts, &tl,
			&end)) {
		free(b->off);
		b->off = NULL;
		b->n = 0;
		b->bad = true;
		return false;
	}
	*a_to = a->n;
	*b_to = b->n;
	if (end < b->len) {
		*a_to = (size_t)tl.found;
		size_t rest = a->n - *a_to;
		if (b->n + rest > cap)
			b->off = ssg_xrealloc(b->off,
					      (b->n + rest) * sizeof(uint32_t));
		for (size_t i = 0; i < rest; i++)
			b->off[b->n++] = (uint32_t)(a->off[*a_to + i] + tl.shift);
	}
	seal(b);
	return true;
}

bool ssg_rawtree_is_tree(const ssg_rawtree_entry *e)
{
	return e->mode == 040000;
}

bool ssg_rawtree_is_file(const ssg_rawtree_entry *e)
{
	return e->mode == 0100644 || e->mode == 0100755;
}

int ssg_rawtree_cmp(const ssg_rawtree_entry *x, const ssg_rawtree_entry *y)
{
	size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
	int c = memcmp(x->name, y->name, n);
	if (c)
		return c;
	unsigned cx = x->nlen > n ? (unsigned char)x->name[n]
		      : ssg_rawtree_is_tree(x) ? '/' : 0;
	unsigned cy = y->nlen > n ? (unsigned char)y->name[n]
		      : ssg_rawtree_is_tree(y) ? '/' : 0;
	return (cx > cy) - (cy > cx);
}
