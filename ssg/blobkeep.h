/*
 * blobkeep — the bytes of the pages of content/ a build read, kept in
 * .git/ssg/content for the next build by blob id, so that a rebuild
 * inflates only the pages that changed (5,000 posts of a province were
 * half of its plan phase, nearly all of it zlib).
 *
 * Only bytes are kept: every page is still parsed and checked on every
 * build, so each build says every problem.  A blob id names its bytes,
 * so a kept blob is the blob; the file is checked whole (CRC-32) and
 * keyed by ssg_store_program, and one missing, damaged or another
 * program's keeps nothing (store.h).
 *
 * Owns: the bytes read, until _free.  Calls store and buf.
 */
#ifndef SSG_BLOBKEEP_H
#define SSG_BLOBKEEP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ssg_blobkeep ssg_blobkeep;

/* A blob to keep: its id (40 hex digits) and bytes. */
typedef struct {
	const char *oid;
	const char *data;
	size_t size;
} ssg_blobkeep_blob;

/* What gitdir/ssg/content holds; empty (never NULL) when it holds
 * nothing this program can use. */
ssg_blobkeep *ssg_blobkeep_read(const char *gitdir);
void ssg_blobkeep_free(ssg_blobkeep *k); /* accepts NULL */
/* How many blobs k holds. */
size_t ssg_blobkeep_count(const ssg_blobkeep *k);
/* The bytes of blob `oid` when k has it with `size` bytes, followed by a
 * NUL, lent until k is freed; NULL otherwise.  Read-only: any thread. */
const char *ssg_blobkeep_find(const ssg_blobkeep *k, const char *oid,
			      size_t size);
/* Replaces gitdir/ssg/content by the n blobs v; false when it could
 * not be (nothing is lost but time). */
bool ssg_blobkeep_write(const char *gitdir, const ssg_blobkeep_blob *v,
			size_t n);

#endif
