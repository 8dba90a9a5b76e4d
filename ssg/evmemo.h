/*
 * evmemo — the keys of the events of commit pages and row pages
 * (ssg_hview_events_key), kept in .git/ssg/ from one build to the next:
 * a rebuild after one commit then digests the events of that commit
 * instead of all 90,000 of a province's, twice.
 *
 * What decides a page's events key, besides the program:
 *
 *  - the events themselves.  Those of a commit are decided by its
 *    first-parent chain (its id stands for it), the row keys the history
 *    was walked with, and the tables renamed after it (a table renamed
 *    later renames its older events, history.h).  So the keys of an
 *    earlier build, whose chain ended at commit n1 - 1, hold for the
 *    commits [0, n1) of a build whose chain has that commit at n1 - 1 and
 *    renames no table from n1 on (ssg_history_settled <= n1);
 *  - what change_key (hview.c) reads of the site beside that chain: the
 *    built plan's tables (their names, columns, number styles, row keys
 *    and the cells of their label columns), its indicators' units, and
 *    the rows the tables lost (lineage.h: the event that removed each
 *    and its first).  A digest of those, with the row keys and the
 *    program, must be the earlier build's for anything kept to be used;
 *  - events that show rows merged, split or removed
 *    (ssg_hview_event_whole): later commits decide them.  A page with
 *    one is keyed afresh by every build and never kept here.
 *
 * A row page's events are its row's: kept when the row has as many as
 * then and its newest is from a commit before n1.
 *
 * The file is .git/ssg/events (store.h); deleting or damaging it costs
 * time, never a different site.  Read before the pages; the commit keys
 * are asked and given by one thread (changes/), the row keys by another
 * (the site's), then written once both are done.
 */
#ifndef SSG_EVMEMO_H
#define SSG_EVMEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "hview.h"
#include "plan.h"

typedef struct ssg_evmemo ssg_evmemo;

/* The kept keys for the main site's view v (every commit of its
 * history), its history walked with row keys `keys`.  Never NULL. */
ssg_evmemo *ssg_evmemo_read(const char *gitdir, const ssg_hview *v,
			    const ssg_plan_keys *keys);
void ssg_evmemo_free(ssg_evmemo *k); /* accepts NULL */

/* The key of commit i's events (64 hex digits and a NUL in hex), when
 * kept; k may be NULL (none). */
bool ssg_evmemo_commit(const ssg_evmemo *k, size_t i, char hex[65]);
/* This build's key of commit i's events, to keep (k may be NULL). */
void ssg_evmemo_commit_put(ssg_evmemo *k, size_t i, const char *hex);
/* The same for the page of row `key` of table `table`, whose events are
 * evi[0..n), oldest first. */
bool ssg_evmemo_row(const ssg_evmemo *k, const char *table, const char *key,
		    const size_t *evi, size_t n, char hex[65]);
void ssg_evmemo_row_put(ssg_evmemo *k, const char *table, const char *key,
			const size_t *evi, size_t n, const char *hex);

/* Replaces the file with this build's keys; false when it could not. */
bool ssg_evmemo_write(const ssg_evmemo *k, const char *gitdir);

#endif
