/*
 * pagekeys — the key of what each file of the trees beside OUT shows, so
 * that a build takes a file it would write the same from an earlier
 * build instead of rendering and writing it again (emit.h makes the
 * keys, out.h takes the files).
 *
 * A build writes into the twin (out.h), a tree that held the site before
 * last, while OUT holds the last one.  For each of the two trees the
 * records say, per file, the key of what it was written from and its
 * stamp then (inode, size, time of change): a file whose key is this
 * build's and whose stamp is as recorded is kept where it is in the twin,
 * or linked from OUT.  A file changed since (by hand, or by a failed
 * build) has another stamp and is written again.
 *
 * The records are .git/ssg/pages (store.h): a header with the program's
 * checksum, then per tree its device, inode and records (each a key,
 * a stamp and a path; pagekeys.c gives the bytes), this build's tree
 * first, then OUT's (which becomes the next twin), then the first two
 * other trees' as they were (another OUT built from the same
 * repository, and its twin).
 * Anything else in the file makes it no record; deleting or damaging it
 * costs time, never a different site.
 *
 * Read once before the pages and only read during them, by every thread;
 * _add and the counts may be called from any thread at once.
 */
#ifndef SSG_PAGEKEYS_H
#define SSG_PAGEKEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "out.h"

typedef struct ssg_pagekeys ssg_pagekeys;

/* The records of the repository whose git directory is gitdir, for the
 * build writing through o: those of the tree it writes and of OUT.
 * Never NULL. */
ssg_pagekeys *ssg_pagekeys_read(const char *gitdir, const ssg_out *o);
void ssg_pagekeys_free(ssg_pagekeys *k); /* accepts NULL */

/* The same read begun long before the build writes, on a thread of its
 * own while the site is loaded, with a look (ssg_out_look_at) at each
 * file the records hold in OUT's twin, open at `twin` (locked by
 * ssg_out_twin_lock and left open by the caller until this is read):
 * then taking a page kept costs no call to the kernel.  NULL when there
 * is no twin or no thread could be started. */
typedef struct ssg_pagekeys_ahead ssg_pagekeys_ahead;
ssg_pagekeys_ahead *ssg_pagekeys_ahead_start(const char *gitdir,
					     const char *outdir, int twin);
/* ssg_pagekeys_read, with what `a` read and found when the build writes
 * the tree it looked at and OUT is the one it read; a (may be NULL) is
 * freed. */
ssg_pagekeys *ssg_pagekeys_read_ahead(ssg_pagekeys_ahead *a,
				      const char *gitdir, const ssg_out *o);
void ssg_pagekeys_ahead_free(ssg_pagekeys_ahead *a); /* accepts NULL */

/* The stamp (*st) the file at `path` (of the site) had when it was
 * written from `key` (64 hex digits) in the tree being built (here) or
 * in OUT (live); false when there is no such record. */
bool ssg_pagekeys_here(const ssg_pagekeys *k, const char *path,
		       const char *key, ssg_out_stamp *st);
/* ssg_pagekeys_here, and what the look ahead found of the file (*look
 * NULL when none looked). */
bool ssg_pagekeys_here_look(const ssg_pagekeys *k, const char *path,
			    const char *key, ssg_out_stamp *st,
			    const ssg_out_look **look);
bool ssg_pagekeys_live(const ssg_pagekeys *k, const char *path,
		       const char *key, ssg_out_stamp *st);
/* This build's file at path, written or taken from `key`. */
void ssg_pagekeys_add(ssg_pagekeys *k, const char *path, const char *key,
		      const ssg_out_stamp *st);

/* The counts for --stats: files taken from an earlier build, pages
 * rendered with a tree to write. */
void ssg_pagekeys_kept(ssg_pagekeys *k);
void ssg_pagekeys_rendered(ssg_pagekeys *k);
size_t ssg_pagekeys_nkept(const ssg_pagekeys *k);
size_t ssg_pagekeys_nrendered(const ssg_pagekeys *k);

/* Replaces the records with this build's (its tree, now OUT), OUT's as
 * they were read (now the twin) and two other trees'.  Only after the site is in place.
 * False when they could not be written. */
bool ssg_pagekeys_write(const ssg_pagekeys *k, const char *gitdir);

#endif
