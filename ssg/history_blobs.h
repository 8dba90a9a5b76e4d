/*
 * history blobs — the versions of tables a history walk (history.c) has
 * met, by blob id, each parsed once.
 *
 * A version is parsed (t, while it is cached) or known not to parse
 * (error, for good: it is never parsed twice).  Memory stays bounded on
 * long histories: beyond the pinned versions (each table's latest), the
 * parsed ones stay while they fit in a budget, the least recently used
 * dropped first, so that a version that comes back, as after a revert,
 * is usually not parsed again.
 *
 * Owns: the parsed tables and the index.  The records and their error
 * strings live in the arena given, as long as the history (a lineage's
 * latest version, what the cache keeps).  Borrows: the repository, its
 * object database, the arena and diags.  Internal to history: only
 * history.c calls it; one thread.
 */
#ifndef SSG_HISTORY_BLOBS_H
#define SSG_HISTORY_BLOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"
#include "table.h"

struct git_repository;
struct git_odb;
struct git_oid;
struct git_blob;
struct git_odb_object;

/* One version of a table. */
typedef struct {
	unsigned char id[20]; /* its blob id */
	ssg_table *t;      /* parsed, while cached; NULL otherwise */
	const char *error; /* why it does not parse; NULL when it does */
	unsigned pins;     /* users that need t kept: never dropped while > 0 */
	size_t cost;       /* the set's own */
	uint64_t used;
} ssg_hblob;

typedef struct ssg_hblobs ssg_hblobs;

ssg_hblobs *ssg_hblobs_new(struct git_repository *g, struct git_odb *odb,
			   ssg_arena *a, ssg_diags *d);
void ssg_hblobs_free(ssg_hblobs *s); /* accepts NULL; the records stay */

/* The record of blob id, or NULL when none was made. */
ssg_hblob *ssg_hblobs_find(const ssg_hblobs *s, const struct git_oid *id);
/* The record of blob id, made (neither parsed nor failed) when new. */
ssg_hblob *ssg_hblobs_of(ssg_hblobs *s, const struct git_oid *id);
/* The version with blob id, read at path, parsed unless it is cached or
 * known not to parse (a file over the size limit is an error of the
 * version); SSG_ERR_ENV, with diags, only when the repository fails. */
int ssg_hblobs_get(ssg_hblobs *s, const struct git_oid *id,
		   const char *path, ssg_hblob **out) SSG_WUR;
/* Drops the least recently used unpinned tables beyond the budget, but
 * not keep (may be NULL). */
void ssg_hblobs_trim(ssg_hblobs *s, const ssg_hblob *keep);
/* The records one by one: start with *pos 0; NULL at the end. */
const ssg_hblob *ssg_hblobs_next(const ssg_hblobs *s, size_t *pos);

/* The bytes of blob id, read at path (for messages): SSG_OK, *out then
 * the caller's; SSG_ERR_LIMIT when it is over the size limit (*size says
 * how large, nothing reported); SSG_ERR_ENV, with diags, when the
 * repository fails. */
int ssg_hblobs_read(ssg_hblobs *s, const struct git_oid *id,
		    const char *path, struct git_odb_object **out,
		    size_t *size) SSG_WUR;

/* The first error of pd as "PATH:LINE:COL: MESSAGE", a string of the
 * arena ("unknown error" when pd has none). */
const char *ssg_hblobs_error(ssg_hblobs *s, ssg_diags *pd);

/* How ssg_hblobs_lookup found a blob. */
typedef enum {
	SSG_HBLOB_OK,
	SSG_HBLOB_LIMIT, /* over the size limit: not read */
	SSG_HBLOB_UNREADABLE,
	SSG_HBLOB_NOT_BLOB
} ssg_hblob_found;

/* Blob id of g, its header read through odb first so that a blob over
 * the size limit is not read; *size is set whenever the header could be
 * read, *out (the caller's) only for SSG_HBLOB_OK.  Safe on any thread
 * with its own g and odb (the readers of page texts). */
ssg_hblob_found ssg_hblobs_lookup(struct git_repository *g,
				  struct git_odb *odb,
				  const struct git_oid *id,
				  struct git_blob **out, size_t *size);
/* The same, its bytes as the object database gives them (no git_blob):
 * needs no repository object, only the odb. */
ssg_hblob_found ssg_hblobs_raw(struct git_odb *odb, const struct git_oid *id,
			       struct git_odb_object **out, size_t *size);

#endif
