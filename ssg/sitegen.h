/*
 * sitegen — one site made from one snapshot: the main site of a build, or
 * a revision copy (revisions/<tag>/site/, revision.h).
 *
 * In three steps, each called once and in this order:
 *   - ssg_sitegen_load: the snapshot's theme and plan, checked, and the
 *     values every page shares ({{site.*}}: metadata, build, reports,
 *     navigation, indicator titles; the lists of indicators and tasks);
 *   - ssg_sitegen_history (a site with history only): the history's view
 *     (hview.h) and what it adds to those values (reports judged,
 *     navigation to changes and revisions, revised targets, updated,
 *     publication);
 *   - ssg_sitegen_pages: every page, step after step in a fixed order
 *     (pages_plan.h, pages_history.h, search.h, feed.h, the theme's static
 *     files), with the search index and, in the main site, changes/
 *     handed to a second thread once the site's values stop changing.
 *
 * A site owns what it makes of its snapshot (plan, templates, values,
 * view); everything in `in` and in the history is lent by the build and
 * shared with the other sites, which may be made on other threads at the
 * same time.  Problems are reported into in->d, and every step runs even
 * after content errors, so that one run reports them all.
 */
#ifndef SSG_SITEGEN_H
#define SSG_SITEGEN_H

#include <stddef.h>

#include "err.h"
#include "history.h"
#include "hview.h"
#include "out.h"
#include "plan.h"
#include "progress.h"
#include "repo.h"
#include "routes.h"
#include "years.h"

typedef struct ssg_sitegen ssg_sitegen;

/* What a site is made with; all lent, for as long as the site lives. */
typedef struct {
	const ssg_plan_opts *plan_opts;
	ssg_progress *progress;   /* may be NULL */
	ssg_repo *repo;           /* the calling thread's own */
	ssg_snapshot *snap;       /* the site's revision */
	const ssg_routes *routes; /* the main site's, or a copy's */
	ssg_diags *d;             /* the calling thread's own */
} ssg_sitegen_in;

/* What the history gives a site: the commits [0, end) of hist are its
 * own (a revision's site sees only what came before it). */
typedef struct {
	const ssg_history *hist;
	size_t end;
	const ssg_tag_info *tags;   /* the site's tags, oldest first */
	size_t ntags;
	const ssg_plan_keys *keys;  /* the row keys hist was walked with */
	const ssg_hview *main;      /* a copy's main site's view; NULL */
} ssg_sitegen_hist;

ssg_sitegen *ssg_sitegen_new(const ssg_sitegen_in *in);
void ssg_sitegen_free(ssg_sitegen *g); /* accepts NULL */

/* Loads the theme and the plan and makes the shared values.  Content
 * errors are reported and returned (SSG_ERR_CONTENT), and the site can
 * still make its pages, in memory only, for their own problems;
 * SSG_ERR_ENV when the plan could not be read at all. */
int ssg_sitegen_load(ssg_sitegen *g) SSG_WUR;
/* The site's plan once loaded (NULL when it could not be read). */
const ssg_plan *ssg_sitegen_plan(const ssg_sitegen *g);

/* Makes the site's history view and adds what it tells to the values.
 * SSG_ERR_CONTENT when two of the tags give one page (revisions/<slug>/),
 * reported with both names; the view is made all the same. */
int ssg_sitegen_history(ssg_sitegen *g, const ssg_sitegen_hist *h) SSG_WUR;
/* The view made by ssg_sitegen_history, or NULL. */
const ssg_hview *ssg_sitegen_hview(const ssg_sitegen *g);
/* Marks the site as the copy of the official revision `tag`
 * ({{site.archived}}: its name and title). */
void ssg_sitegen_archived(ssg_sitegen *g, const ssg_tag_info *tag);
/* Marks the site as the copy of the past year y, after its history
 * ({{site.past}}: year, date, iso and day of its last commit, and
 * current, the way to the main site's root). */
void ssg_sitegen_past(ssg_sitegen *g, const ssg_year *y);

/* Writes every page into out (NULL for a check: rendered, not written);
 * blobs (may be NULL) are what the revision pages' snapshots borrow.
 * Returns the first failure, or SSG_ERR_CONTENT when anything reported
 * an error. */
int ssg_sitegen_pages(ssg_sitegen *g, ssg_out *out,
		      const ssg_blobs *blobs) SSG_WUR;

#endif
