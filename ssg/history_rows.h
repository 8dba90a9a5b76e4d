/*
 * history rows — the row fast path of the history walk (history.c).
 *
 * Most versions of a big table change a few rows.  When both versions
 * are "simple" -- every line a whole record (no CR, no empty line, an
 * even number of quotes on each line, a final LF) and the same header
 * line -- the rows on unchanged lines give no event, so only the changed
 * lines are parsed and diffed, as two small tables under the same
 * header.  The events are the full diff's (diff.h): ADDED and CHANGED
 * follow the new table's order and REMOVED the old one's in both, and a
 * key on a changed line that might equal one on an unchanged line (the
 * full diff would see a duplicate) sends the version down the full path,
 * as does anything the small tables do not parse or match.
 *
 * An ssg_hrows holds one version of one table cut into lines, with the
 * hashes of its lines and keys, which go on to the next version with
 * the lines that did not change.  Owns: its arrays and a reference to
 * the owner of the version's bytes (not a copy of them: copying each
 * version of a big table was a tenth of a walk).  Internal to history:
 * only history.c calls it; one thread at a time.
 */
#ifndef SSG_HISTORY_ROWS_H
#define SSG_HISTORY_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "diff.h"

/* How the bytes of a version stay alive while they are held: keep
 * returns a reference to their owner (history.c: a second reference to
 * the git blob), drop gives one back. */
typedef struct {
	void *(*keep)(void *owner);
	void (*drop)(void *ref);
} ssg_hrows_owner;

typedef struct ssg_hrows ssg_hrows;

ssg_hrows *ssg_hrows_new(const ssg_hrows_owner *o); /* holds no version */
void ssg_hrows_free(ssg_hrows *r); /* accepts NULL; drops its reference */

/* Holds the version s[0..n), whose bytes owner keeps (a reference is
 * taken): true when it is simple, false when not (r then holds no
 * version, and ssg_hrows_next declines). */
bool ssg_hrows_cut(ssg_hrows *r, const char *s, size_t n, void *owner);

/* The events from the version r holds to s[0..n), the table's next
 * version (owned by owner as for _cut; read at path, for messages),
 * keyed by kcols (nkcols 0: `id`, else the first column) as
 * ssg_diff_tables keys them.  True when the fast path could: *out holds
 * the events (the caller's) and r holds the new version.  False when the
 * full diff must: *out is NULL and r is as it was. */
bool ssg_hrows_next(ssg_hrows *r, const char *s, size_t n, void *owner,
		    const char *path, const char *const *kcols,
		    size_t nkcols, ssg_row_events **out);

#endif
