/*
 * intern — see intern.h.  Open addressing over the ids, with the hash of
 * each string kept beside it so that the table grows without hashing
 * again.
 */
#include "intern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

typedef struct {
	const char *s;
	size_t n;
	uint64_t hash;
} istr;

struct ssg_intern {
	ssg_arena *a;
	istr *v;
	size_t n, cap;
	size_t *slots; /* id + 1; 0 = empty */
	size_t nslots;
};

ssg_intern *ssg_intern_new(ssg_arena *a)
{
	ssg_intern *t = ssg_xcalloc(1, sizeof(*t));
	t->a = a;
	return t;
}

void ssg_intern_free(ssg_intern *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->slots);
	free(t);
}

static void rehash(ssg_intern *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 256;
	size_t *slots = ssg_xcalloc(ns, sizeof(size_t));
	for (size_t i = 0; i < t->n; i++) {
		size_t p = (size_t)t->v[i].hash & (ns - 1);
		while (slots[p])
			p = (p + 1) & (ns - 1);
		slots[p] = i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = ns;
}

size_t ssg_intern_id(ssg_intern *t, const char *s, size_t n)
{
	if (2 * (t->n + 1) > t->nslots)
		rehash(t);
	uint64_t h = ssg_hash(s, n);
	size_t mask = t->nslots - 1;
	size_t p = (size_t)h & mask;
	for (; t->slots[p]; p = (p + 1) & mask) {
		const istr *e = &t->v[t->slots[p] - 1];
		if (e->hash == h && e->n == n && memcmp(e->s, s, n) == 0)
			return t->slots[p] - 1;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->v = ssg_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n] = (istr){ssg_arena_strn(t->a, s, n), n, h};
	t->slots[p] = t->n + 1;
	return t->n++;
}

const char *ssg_intern_str(const ssg_intern *t, size_t id)
{
	return t->v[id].s;
}

size_t ssg_intern_len(const ssg_intern *t, size_t id)
{
	return t->v[id].n;
}

size_t ssg_intern_count(const ssg_intern *t)
{
	return t->n;
}
