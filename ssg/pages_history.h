/*
 * pages_history — the pages a site's history adds (pages_history.c).
 * Each function reports its own problems into its emitter's diagnostics
 * and returns an ssg_code; none is called for a site without history.
 * A revision copy writes none of the pages every site shares (its
 * routes, routes.h): its lists link to the main site's.
 */
#ifndef SSG_PAGES_HISTORY_H
#define SSG_PAGES_HISTORY_H

#include "emit.h"
#include "evmemo.h"
#include "hview.h"
#include "plan.h"
#include "repo.h"

/* What the revision pages read besides the view: the repository the
 * calling thread reads through, the main site's blobs to borrow (NULL)
 * and the row keys the history was walked with. */
typedef struct {
	ssg_repo *repo;
	const ssg_blobs *blobs;
	const ssg_plan_keys *keys;
} ssg_pages_reviews;

/* changes/<commit>/ for each commit that touched the plan, and the
 * paged list changes/, whose first page shows `build`, the commit the
 * site was built from (may be NULL).  Each page's provenance (prov.h)
 * is its own newest commit.  The keys of their events are taken from
 * and given to em (NULL: none kept). */
int ssg_pages_changes(const ssg_hview *v, ssg_emit *e,
		      const ssg_value *build, ssg_evmemo *em) SSG_WUR;
/* ssg_pages_changes in parts, for threads (sitegen.c).  Begin lists the
 * commits, on e's thread, before any other thread uses e; then each part
 * k < nparts, on any thread and each once, writes its commit pages with
 * the history reader `rd` of the thread that runs it (NULL: each word
 * diff says its versions could not be read); then end, after every part,
 * on any one thread, moves the parts' diagnostics into e's in order,
 * writes the list through e, frees the parts and returns the first
 * failure. */
typedef struct ssg_changes_parts ssg_changes_parts;
ssg_changes_parts *ssg_pages_changes_begin(const ssg_hview *v, ssg_emit *e,
					   const ssg_value *build,
					   ssg_evmemo *em);
size_t ssg_pages_changes_nparts(const ssg_changes_parts *c);
void ssg_pages_changes_part(ssg_changes_parts *c, size_t k,
			    ssg_history_reader *rd);
int ssg_pages_changes_end(ssg_changes_parts *c) SSG_WUR;
/* tables/<t>/<row>/ for each row with events (of tables other than the
 * indicators and the tasks), and for each row of any table that the
 * history has and the built table no longer has (a removed row keeps
 * its history).  em as for ssg_pages_changes. */
int ssg_pages_row_history(const ssg_hview *v, ssg_emit *e,
			  ssg_evmemo *em) SSG_WUR;
/* revisions/<tag>/ for each tag, and the list revisions/. */
int ssg_pages_revisions(const ssg_hview *v, ssg_emit *e,
			const ssg_pages_reviews *in) SSG_WUR;
/* data/history.jsonl (ssg history --json up to the site's commit),
 * whose history was walked with `keys`. */
int ssg_pages_history_data(const ssg_hview *v, ssg_emit *e,
			   const ssg_plan_keys *keys) SSG_WUR;

#endif
