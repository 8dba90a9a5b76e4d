/*
 * arena — see arena.h.
 */
#include "arena.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

#define ABLOCK 65536u
/* The first block: an arena that holds little (a datapackage.json of
 * each version a history met, package.h) costs little; blocks double up
 * to ABLOCK. */
#define AFIRST 1024u

typedef struct ablock {
	struct ablock *next;
	size_t used, size;
	max_align_t data[];
} ablock;

struct ssg_arena {
	ablock *head;
	size_t next; /* the size of the next block */
};

ssg_arena *ssg_arena_new(void)
{
	ssg_arena *a = ssg_xcalloc(1, sizeof(ssg_arena));
	a->next = AFIRST;
	return a;
}

void ssg_arena_free(ssg_arena *a)
{
	if (!a)
		return;
	while (a->head) {
		ablock *next = a->head->next;
		free(a->head);
		a->head = next;
	}
	free(a);
}

void *ssg_arena_alloc(ssg_arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	ablock *b = a->head;
	if (b && b->size - b->used >= n) {
		void *p = (char *)b->data + b->used;
		b->used += n;
		return p;
	}
	/* A large piece gets a block of its own, behind the current one,
	 * whose free space small pieces still use. */
	bool large = n > ABLOCK / 4;
	size_t size = large || n > a->next ? n : a->next;
	if (!large && a->next < ABLOCK)
		a->next *= 2;
	ablock *nb = ssg_xmalloc(sizeof(*nb) + size);
	nb->size = size;
	nb->used = n;
	if (b && large) {
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		a->head = nb;
	}
	return nb->data;
}

const char *ssg_arena_strn(ssg_arena *a, const char *s, size_t n)
{
	char *p = ssg_arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
