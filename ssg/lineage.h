/*
 * lineage — rows merged, split and removed (contract section 2): which
 * rows of a table replace which, as its `replaces` column names them
 * (keys separated by ';'), and the rows a table had in its history but
 * no longer has.  Made once per site from its plan and the events of its
 * history, by hview (which feeds it the events as it indexes them), and
 * only read afterwards.
 *
 * A replacement is what the rows say now: the `replaces` cells of the
 * built table, and of each removed row as it last stood.  Its date is the
 * commit that last wrote that key into the row's `replaces` cell (the row
 * added with it, or the cell changed to hold it); a replacement no event
 * records (a work tree's edit) has none.
 *
 * Keys are compared in their matching form (ssg_plan_key_norm), as rows
 * are everywhere.  Borrows the plan and the history, which must outlive
 * it; strings it hands out are its own or theirs, lent.
 */
#ifndef SSG_LINEAGE_H
#define SSG_LINEAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "history.h"
#include "plan.h"
#include "repo.h"

typedef struct ssg_lineage ssg_lineage;

ssg_lineage *ssg_lineage_new(const ssg_plan *p, const ssg_history *h);
void ssg_lineage_free(ssg_lineage *l); /* accepts NULL */

/* Event i of the history, of table t of the plan, whose key is row r of
 * the built table, or -1 when the table no longer has it.  Fed oldest
 * first, before ssg_lineage_seal. */
void ssg_lineage_event(ssg_lineage *l, const ssg_plan_table *t, long r,
		       size_t i);
/* Makes the removed rows and the replacements of what was fed. */
void ssg_lineage_seal(ssg_lineage *l);

/* A row of a table's history that the built table no longer has. */
typedef struct {
	const char *key;      /* as its last event wrote it */
	const size_t *events; /* its events, oldest first */
	size_t nevents;
	long removed; /* the event that removed it, or -1 (none did: a
			 gap, a table renamed) */
} ssg_lineage_former;

/* Table t's removed rows, in the order of their keys. */
size_t ssg_lineage_nformer(const ssg_lineage *l, const ssg_plan_table *t);
const ssg_lineage_former *ssg_lineage_former_at(const ssg_lineage *l,
						const ssg_plan_table *t,
						size_t i);
/* The index of the removed row of t whose key is `key`, or -1. */
long ssg_lineage_former_find(const ssg_lineage *l, const ssg_plan_table *t,
			     const char *key);

/* What a reader calls row `key` of t: the cell of the table's label
 * column (ssg_fields_is_label: name, title, tên, "tên ...") in the built
 * table, or in the row's last version when it was removed; NULL when
 * there is none. */
const char *ssg_lineage_name(const ssg_lineage *l, const ssg_plan_table *t,
			     const char *key);

/* Row `by` of a table replaces row `of`, since event `event`, or -1. */
typedef struct {
	const char *by, *of; /* keys as the rows write them */
	long event;
} ssg_lineage_link;

/* Whether any row of t replaces another: the pages of a table without
 * any need not look. */
bool ssg_lineage_has_links(const ssg_lineage *l, const ssg_plan_table *t);
/* The replacements in which row `key` of t is the new row (replacing:
 * true) or the replaced one (false), in the order the cells name them;
 * *out is lent until the lineage is freed. */
size_t ssg_lineage_links(const ssg_lineage *l, const ssg_plan_table *t,
			 const char *key, bool replacing,
			 const ssg_lineage_link *const **out);

/* The `replaces` cell of an added or removed row's event, or NULL. */
const char *ssg_lineage_cell(const ssg_hev *e);

/* Calls f for each key of a `replaces` cell s[0..n): split on ';',
 * trimmed, empty parts left out; `off` is where the part starts in s. */
void ssg_lineage_split(const char *s, size_t n,
		       void (*f)(void *ctx, const char *key, size_t len,
				 size_t off),
		       void *ctx);

/* Warns at each key of a `replaces` cell of the built tables that names
 * no row the table has or ever had in this history (PATH:LINE:COL of the
 * key, read again from snap), and at a row that names itself.  Warnings,
 * not errors: a row may rightly replace one from before the repository's
 * history, and nothing is misread (the site shows that key without a
 * link). */
void ssg_lineage_check(const ssg_lineage *l, ssg_snapshot *snap,
		       ssg_diags *d);

#endif
