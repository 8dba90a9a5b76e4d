/*
 * intern — strings stored once: each distinct string gets an id (0, 1,
 * 2, ... in the order first met) and one copy in an arena, so that equal
 * strings are equal pointers (the history's names, keys and paths are
 * compared and hashed by pointer: history_cache.c).
 *
 * Owns: its index.  Borrows: the arena, which owns the strings; they
 * outlive the table (a history keeps them after its walk is done).  One
 * thread at a time.
 */
#ifndef SSG_INTERN_H
#define SSG_INTERN_H

#include <stddef.h>

#include "arena.h"

typedef struct ssg_intern ssg_intern;

ssg_intern *ssg_intern_new(ssg_arena *a);
void ssg_intern_free(ssg_intern *t); /* accepts NULL; the strings stay */

/* The id of s[0..n), stored when new. */
size_t ssg_intern_id(ssg_intern *t, const char *s, size_t n);
/* The string of an id ssg_intern_id gave, and its length. */
const char *ssg_intern_str(const ssg_intern *t, size_t id);
size_t ssg_intern_len(const ssg_intern *t, size_t id);
/* How many strings are stored: ids are below it. */
size_t ssg_intern_count(const ssg_intern *t);

#endif
