/*
 * history trees — the tree pass of the history walk (history.c): which
 * files each commit of the chain changed, found by comparing tree-entry
 * ids with its first parent, so that untouched subtrees are never
 * opened.  The files are the tables, *.csv directly in data/, with
 * data/datapackage.json (the titles of its time), and the pages, *.md
 * anywhere under content/ (at most 32 levels down).
 *
 * The commits are shared by chunks among two threads (pool.h), each
 * reading trees through a repository object of its own; what they found
 * is handed back on the calling thread, in commit order.
 *
 * Internal to history: only history.c calls it.  Borrows everything it
 * is given; what it hands to the callback is lent for that call.
 */
#ifndef SSG_HISTORY_TREES_H
#define SSG_HISTORY_TREES_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "hev.h"
#include "progress.h"

struct git_repository;
struct git_oid;

/* A file a commit changed: the blob ids of its two versions, all zero
 * for the side where it is absent. */
typedef struct {
	const char *path; /* "data/x.csv", "content/posts/a.md" */
	unsigned char old[20], new_[20];
	bool md; /* a page; otherwise a table */
} ssg_htrees_file;

/* Called for every commit ci of the range, in order, with the files it
 * changed (in the order its trees list them). */
typedef void (*ssg_htrees_fn)(void *ctx, size_t ci,
			      const ssg_htrees_file *files, size_t nfiles);

/* The files changed by commits [from, n) of the chain whose root trees
 * are `trees`, oldest first (each commit is compared with the one before
 * it; the first with nothing): the trees, not the commits, so that the
 * pass does not read again each commit the chain was found from.  Sets
 * commits[ci].touched of each commit that changes content/ or data/;
 * reads commits[].oid for messages.  g is the caller's repository
 * object: the calling thread reads through it, the other opens the same
 * repository again.  prog (may be NULL) hears of each commit done.
 * SSG_ERR_ENV when a tree cannot be read: the commits from the first
 * chunk that failed on are not handed back. */
int ssg_htrees_find(struct git_repository *g, const struct git_oid *trees,
		    ssg_hcommit *commits, size_t from, size_t n,
		    ssg_progress *prog, ssg_diags *d, ssg_htrees_fn fn,
		    void *ctx) SSG_WUR;

#endif
