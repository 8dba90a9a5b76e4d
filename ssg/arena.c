/*
 * arena — see arena.h.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

#define ABLOCK 65536u

typedef struct ablock {
	struct ablock *next;
	size_t used, size;
	max_align_t data[];
} ablock;

struct ssg_arena {
	ablock *head;
};

ssg_arena *ssg_arena_new(void)
{
	return ssg_xcalloc(1, sizeof(ssg_arena));
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
	size_t size = n > ABLOCK ? n : ABLOCK;
	ablock *nb = ssg_xmalloc(sizeof(*nb) + size);
	nb->size = size;
	nb->used = n;
	/* A large block goes behind the current one, whose free space
	 * small strings still use. */
	if (b && n > ABLOCK / 4) {
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
