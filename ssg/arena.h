/*
 * arena — memory handed out in pieces and freed all at once.
 *
 * Every string and array a history hands out (history.h) lives in its
 * arena until ssg_history_free: hundreds of thousands of small strings
 * cost one block of 64 KiB per few thousand, and no free each.  Blocks
 * start at 1 KiB and double up to 64 KiB, so that an arena holding
 * little costs little (a parsed datapackage.json, package.h).  Pieces
 * are aligned for any type.  A piece over 16 KiB gets a block of its
 * own, put behind the current one, whose free space small pieces go on
 * using.
 *
 * Owns: its blocks, and so every piece it handed out, until
 * ssg_arena_free.  One thread at a time.
 */
#ifndef SSG_ARENA_H
#define SSG_ARENA_H

#include <stddef.h>

typedef struct ssg_arena ssg_arena;

ssg_arena *ssg_arena_new(void);
void ssg_arena_free(ssg_arena *a); /* accepts NULL */

/* n bytes, uninitialised; aborts when memory runs out (err.h). */
void *ssg_arena_alloc(ssg_arena *a, size_t n);
/* A copy of s[0..n) ended by a NUL (s may hold NULs: n is the length). */
const char *ssg_arena_strn(ssg_arena *a, const char *s, size_t n);

#endif
