/*
 * history ahead — the versions of tables a history walk will read,
 * read ahead on another core.
 *
 * The row fast path of the walk (history.c, history_rows.h) reads the
 * versions of a big table one after the other, on one core: a
 * province's 20,000 versions of its commune table, two fifths of that
 * pass inflating them while the other core waits.  A thread of its own,
 * with a repository object of its own (libgit2's objects are one
 * thread's), reads them in the order they will be asked for; the walk
 * takes each, by its index, at most once, and those it passes by are
 * dropped.  What is read and not taken stays within a budget.
 *
 * Owns: the thread, its repository, the versions read and not taken.
 * Internal to history: only history.c calls it, from one thread.
 */
#ifndef SSG_HISTORY_AHEAD_H
#define SSG_HISTORY_AHEAD_H

#include <stddef.h>

struct git_repository;
struct git_odb_object;

typedef struct ssg_hahead ssg_hahead;

/* Starts reading the blobs ids[0..n) (20 bytes each; all zero: none to
 * read at that index) of g's repository as ssg_hblobs_raw reads them.
 * NULL when there is no thread or repository: the caller reads each
 * itself. */
ssg_hahead *ssg_hahead_start(struct git_repository *g,
			     const unsigned char (*ids)[20], size_t n);
/* Blob i, read: the caller's reference, or NULL when it was not read
 * (none at i, not a blob, over the size limit, unreadable, or a is
 * NULL), for the caller to read itself.  i grows from one call to the
 * next. */
struct git_odb_object *ssg_hahead_take(ssg_hahead *a, size_t i);
/* Stops the thread and drops what was not taken; accepts NULL. */
void ssg_hahead_free(ssg_hahead *a);

#endif
