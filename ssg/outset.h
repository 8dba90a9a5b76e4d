/*
 * outset — the paths a build has written or kept in a tree of out's
 * (out.h), what it knows of each directory among them, and the records
 * of a tree's directories that it leaves for the next build in the tree.
 *
 * What it knows of a directory: whether the build made it, whether it
 * found it as the build that last completed the tree left it (its record:
 * inode, number of entries, time of change), whether it made a name in
 * it since.  From that the build's prune (out.c) knows which directories
 * to read: one it made, or one it found as recorded, made no name in and
 * wrote or kept every entry of again, holds just what the set lists.
 * The time of change (ctime) is what no one can set and what every name
 * made, removed or renamed in a directory moves.
 *
 * Keys are paths of the tree, a directory's ending in '/'.  The set is a
 * value type (zeroed is empty, ssg_outset_fini frees it), without a lock.
 * The records are .git/ssg/dirs-DEV-INO (store.h), one file per tree:
 * a header with the program's checksum, then "INO COUNT SEC NSEC PATH"
 * lines; anything else makes them no records.
 */
#ifndef SSG_OUTSET_H
#define SSG_OUTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "out.h"

/* What is known of a directory of the set. */
enum {
	SSG_OUTSET_FRESH = 1,   /* made by this build */
	SSG_OUTSET_ASREC = 2,   /* as recorded when first entered */
	SSG_OUTSET_TOUCHED = 4, /* a name made in it since */
	SSG_OUTSET_WHOLE = 8,   /* kept whole from an earlier build: what
				 * is in it is not listed */
};

/* A directory of the set: its record (inode, entries as size, time of
 * change) and its entries in the set. */
typedef struct {
	ssg_out_stamp rec;
	size_t nkids;
} ssg_outset_dir;

typedef struct {
	const char **keys; /* in strs: one free for a site's 50,000 */
	ssg_arena *strs;
	uint32_t *lens; /* a path's: 4 bytes (PATH_MAX), 1 MB less a set */
	unsigned char *flags;
	uint32_t *dix; /* a directory's index in dirs, plus one */
	ssg_outset_dir *dirs;
	size_t ndirs, dcap;
	size_t cap, n;
} ssg_outset;

#define SSG_OUTSET_NONE ((size_t)-1)

/* The slot of key k (n bytes), or SSG_OUTSET_NONE. */
size_t ssg_outset_find(const ssg_outset *s, const char *k, size_t n);
/* Whether k is in the set; *fresh (may be NULL) its FRESH flag. */
bool ssg_outset_get(const ssg_outset *s, const char *k, size_t n,
		    bool *fresh);
/* Adds k, counted in its directory's entries, or sets the flags of k
 * when it is in already; its slot. */
size_t ssg_outset_put(ssg_outset *s, const char *k, size_t n,
		      unsigned flags);
/* Room for n keys in all, so that adding them rehashes nothing. */
void ssg_outset_reserve(ssg_outset *s, size_t n);
/* Adds flag to the flags of k when it is in the set. */
void ssg_outset_mark(ssg_outset *s, const char *k, size_t n, unsigned flag);
/* The directory at slot i; NULL for a file. */
ssg_outset_dir *ssg_outset_dir_at(const ssg_outset *s, size_t i);
/* True when the directory at slot i holds just what the set lists (see
 * above): no need to read it. */
bool ssg_outset_clean(const ssg_outset *s, size_t i);
void ssg_outset_fini(ssg_outset *s);

/* ---- records ---- */

typedef struct ssg_outset_recs ssg_outset_recs;
/* The records of tree t in the store of gitdir; never NULL (none: an
 * empty one). */
ssg_outset_recs *ssg_outset_recs_read(const char *gitdir, ssg_out_tree t);
/* How many directories r has records of, in all and below prefix
 * ("a/b/"): about as many as a tree being built enters. */
size_t ssg_outset_recs_count(const ssg_outset_recs *r);
size_t ssg_outset_recs_under(const ssg_outset_recs *r, const char *prefix);
/* The record of the directory at path ("a/b/"), false when none. */
bool ssg_outset_recs_get(const ssg_outset_recs *r, const char *path,
			 ssg_out_stamp *rec);
void ssg_outset_recs_free(ssg_outset_recs *r); /* accepts NULL */
/* Appends to b the records of the directories of s, in the tree open at
 * fd, as it is finished: a directory found as recorded and left so keeps
 * its record; the others are looked at now, unless changed in the last
 * moments (a change in the same tick of the clock could leave the time
 * of change as it was).  Not those kept whole. */
void ssg_outset_record(const ssg_outset *s, int fd, ssg_buf *b);
/* Replaces the records of tree t with b's, and removes those of the
 * trees that are neither t nor `keep` (OUT's twin now). */
void ssg_outset_recs_write(const char *gitdir, ssg_out_tree t,
			   ssg_out_tree keep, const ssg_buf *b);

#endif
