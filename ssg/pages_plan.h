/*
 * pages_plan — the pages of the plan itself (contract section 5): the
 * overview, the sections, the indicators and a page per indicator, the
 * tasks, a page per table, the posts and their paged list, open data and
 * the directory of disclosed information.
 *
 * Each function writes through an emitter (emit.h), reports its own
 * problems into the emitter's diagnostics and returns an ssg_code; a
 * page with a problem does not stop the others, so that one build shows
 * them all.  They read the plan, the site's values and the history's
 * view, and never call back into their caller.  Besides `in`, a page
 * reads the site's shared values as every page has them (ssg_emit_site:
 * sections and, once ssg_pages_data has made them, tables).  Each page
 * shows its provenance (prov.h): page.provenance, the newest commit that
 * changed what it shows.
 */
#ifndef SSG_PAGES_PLAN_H
#define SSG_PAGES_PLAN_H

#include "emit.h"
#include "hview.h"
#include "model.h"
#include "plan.h"
#include "posttext.h"
#include "prov.h"
#include "routes.h"

/* What the plan's pages read; all lent. */
typedef struct {
	const ssg_plan *plan;
	const ssg_value *indicators; /* view.h's, with revised targets */
	const ssg_value *tasks;      /* view.h's */
	const ssg_hview *hv;         /* NULL without history */
	const ssg_prov *prov;        /* NULL without history */
	const ssg_value *build;      /* the commit built (the overview) */
	const ssg_value *reports;    /* judged (the overview); may be NULL */
	const ssg_value *updated;    /* {table: date of its last change} */
	const ssg_routes *routes;    /* the site's: where its posts are */
	bool commit; /* built from a commit, not a work tree (shortcode.h) */
	ssg_posttext *texts; /* the posts' texts, for the search index; may
				be NULL */
} ssg_pages_plan_in;

/* data/<table>.csv and .json for every table (comma-separated with dot
 * decimals; JSON with numbers as numbers, key columns as text) and the
 * page data/.  Adds to `site`, the site's values (the emitter's, made in
 * m), the list `tables` of the tables as the site shows them ({name,
 * title, description, rows, url}) before the page is rendered: the pages
 * after it read it there.  The one function here that changes the site's
 * values, and so the first page step. */
int ssg_pages_data(const ssg_pages_plan_in *in, ssg_emit *e, ssg_model *m,
		   ssg_value *site) SSG_WUR;
/* The overview: the index page's text, the indicators, a summary of the
 * tasks and the latest posts. */
int ssg_pages_index(const ssg_pages_plan_in *in, ssg_emit *e) SSG_WUR;
/* A page per section, each linked to the one before and after. */
int ssg_pages_sections(const ssg_pages_plan_in *in, ssg_emit *e) SSG_WUR;
/* indicators/ and indicators/<id>/ (with its history, where there is
 * one). */
int ssg_pages_indicators(const ssg_pages_plan_in *in, ssg_emit *e) SSG_WUR;
/* tasks/ with the summary of their states. */
int ssg_pages_tasks(const ssg_pages_plan_in *in, ssg_emit *e) SSG_WUR;
/* tables/<t>/ for every table but the indicators and the tasks. */
int ssg_pages_tables(const ssg_pages_plan_in *in, ssg_emit *e) SSG_WUR;
/* posts/<slug>/ and the paged list posts/.  Each post rendered gives its
 * Markdown's text to in->texts, and in->texts is closed before it
 * returns, whatever happened (posttext.h). */
int ssg_pages_posts(const ssg_pages_plan_in *in, ssg_emit *e) SSG_WUR;
/* disclosure/: the plan, its other documents, its posts and its data,
 * each with number, date, form and when it was last changed here (site
 * value: tables). */
int ssg_pages_disclosure(const ssg_pages_plan_in *in, ssg_emit *e) SSG_WUR;

#endif
