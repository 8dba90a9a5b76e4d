/*
 * site_ctx — what the parts of one build share: the build context and the
 * helpers that write pages.  Internal to site.c and pages.c.
 */
#ifndef SSG_SITE_CTX_H
#define SSG_SITE_CTX_H

#include "digest.h"
#include "emit.h"
#include "history.h"
#include "model.h"
#include "out.h"
#include "plan.h"
#include "repo.h"
#include "review.h"
#include "routes.h"
#include "site.h"
#include "template.h"

typedef struct site {
	const ssg_site_opts *o;
	ssg_diags *d;
	ssg_repo *repo;
	ssg_snapshot *snap;
	ssg_plan *plan;
	ssg_templates *tpl;
	ssg_out *out;
	ssg_model *m;        /* values shared by every page */
	ssg_value *site;     /* {{site.*}}: metadata, nav, build */
	ssg_value *indicators; /* list of indicator maps */
	ssg_value *tasks;      /* list of task maps */
	ssg_date today;        /* the built commit's date: "now" */
	bool has_today;
	/* History: the commits [0, hist_end) of hist belong to this site
	 * (a revision's site sees only what came before it). */
	ssg_history *hist;
	ssg_plan_keys *keys; /* the row keys hist was walked with */
	size_t hist_end;
	size_t ev_end;   /* events [0, ev_end) */
	long pub_commit; /* publication: the oldest tag's commit, or -1 */
	ssg_tag_info *tags; /* annotated tags on the chain, oldest first */
	size_t ntags;
	/* Where its pages are: the main site's routes or a revision
	 * copy's, which links to the main site's pages of single commits,
	 * revisions and rows instead of writing its own. */
	const ssg_routes *routes;
	/* The main site, for a revision copy; NULL in the main site. */
	const struct site *top;
	/* Each commit's value, built once in m when first needed. */
	ssg_value **commit_vals;
	/* What the main site's snapshot read, for the snapshots of the
	 * revisions to borrow (repo.h); NULL when there are none. */
	const ssg_blobs *blobs;
	/* The main site's records of its revision copies (copies.h). */
	struct ssg_copies *copies;
	struct ssg_row_index *row_index; /* changes.c: events by table row */
	size_t nrow_index;
} site;

/* The net difference of tag i from the tag before (the first tag's from
 * nothing, which is what a reader of the first publication needs), for
 * revisions/<tag>/; NULL where a snapshot could not be taken (quietly:
 * the revision's own site reports what is wrong in it).  Called for each
 * tag in order, *prev carrying the last snapshot (NULL at first; the
 * caller frees it after).  Each review is made when its page is, and
 * freed after it: all of a province's were 20 MB held for the whole
 * build. */
ssg_review *ssg_site_review(site *s, size_t i, ssg_snapshot **prev);
/* Renders a page's Markdown (its shortcodes too) into page.html and
 * page.toc, for the page in `dir`. */
int ssg_site_render_body(site *s, ssg_emit *e, ssg_model *m, ssg_value *page,
			 const ssg_plan_page *pg, const char *dir);

/* pages.c: one function per kind of page; each reports its own
 * problems and returns an ssg_code. */
int ssg_pages_data(site *s, ssg_emit *e);
int ssg_pages_index(site *s, ssg_emit *e);
int ssg_pages_sections(site *s, ssg_emit *e);
int ssg_pages_indicators(site *s, ssg_emit *e);
int ssg_pages_tasks(site *s, ssg_emit *e);
int ssg_pages_tables(site *s, ssg_emit *e);
int ssg_pages_posts(site *s, ssg_emit *e);
int ssg_pages_disclosure(site *s, ssg_emit *e);

/* changes.c: what history adds to the site. */
/* Marks revised targets, timelines and charts on the indicator values,
 * and judges the report deadlines; before any page is written. */
void ssg_changes_prepare(site *s);
/* Builds the value of every commit of the main site before its revision
 * copies and its changes/ job start: they read them from other threads
 * (a copy's are made over these). */
void ssg_changes_commits_ready(site *s);
/* Feeds dg with commits [from, to) of the main site's history as its
 * revision copies show them: each commit, the name of its page, its
 * events and page changes (copies.h). */
void ssg_changes_digest(site *s, ssg_digest *dg, size_t from, size_t to);
/* Indicator i as its own page shows it: with its timeline and chart,
 * made in the page's model m. */
const ssg_value *ssg_changes_indicator(site *s, ssg_model *m, size_t i);
int ssg_pages_changes(site *s, ssg_emit *e);
int ssg_pages_revisions(site *s, ssg_emit *e);
int ssg_pages_row_history(site *s, ssg_emit *e);
int ssg_pages_history_data(site *s, ssg_emit *e);
/* Per row of t, how many events its key has (NULL without history);
 * lent, valid until ssg_changes_free. */
const size_t *ssg_changes_row_counts(site *s, const ssg_plan_table *t);
/* Frees what changes.c keeps for one site. */
void ssg_changes_free(site *s);
/* Adds "updated" and each row's "history" link to a table value. */
void ssg_changes_decorate_table(site *s, ssg_model *m, ssg_value *tv,
				const ssg_plan_table *t);
/* URL (relative to the site root) of commit i's page, which may be the
 * main site's. */
const char *ssg_changes_commit_url(site *s, ssg_model *m, size_t i);

#endif
