/*
 * odbcheck — the object database checked before libgit2 reads it.
 *
 * libgit2 1.5.1 loops forever on a truncated loose object and trusts the
 * sizes in object headers; a damaged repository must end in a clean
 * message instead.  So, before any object is looked up, every file of the
 * object database is verified the way `git fsck` would: each loose object
 * inflates completely to a well-formed "TYPE SIZE\0" header followed by
 * exactly SIZE bytes whose SHA-1 is the object's name; each pack and its
 * index end with the SHA-1 of their bytes and agree with each other; the
 * commit-graph and multi-pack-index files end with their checksum;
 * alternate object directories are checked the same way.  Everything is
 * streamed: memory stays bounded whatever the objects' sizes.
 */
#ifndef SSG_ODBCHECK_H
#define SSG_ODBCHECK_H

#include "buf.h"
#include "err.h"

/* Checks the object directory `objects` (".git/objects").  A damaged file
 * is an environment diagnostic ("corrupt repository: ...") and
 * SSG_ERR_ENV; a missing directory is no error (libgit2 will say).
 *
 * Objects and packs are never changed in place, and a large repository's
 * pack took a fifth of the start of every build to read whole again.  So
 * `memo` (NULL for none) lists the files an earlier check found whole,
 * each with its inode, size and modification and change times; a file
 * whose inode still says the same is not read again.  `next` (NULL for
 * none) gets the memo of this check: the files it found whole that did
 * not change in its last two seconds.  The caller keeps the memo where
 * nobody but the repository's owner can write (.git/ssg/): whoever can
 * write there can change the objects themselves. */
int ssg_odbcheck(const char *objects, const char *memo, ssg_buf *next,
		 ssg_diags *d) SSG_WUR;

/* SHA-1 of data[0..n) into out[20]; exposed for the tests. */
void ssg_odbcheck_sha1(const void *data, size_t n, unsigned char out[20]);

#endif
