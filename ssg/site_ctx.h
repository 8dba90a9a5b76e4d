/*
 * site_ctx — what the parts of one build share: the build context and the
 * helpers that write pages.  Internal to site.c and pages.c.
 */
#ifndef SSG_SITE_CTX_H
#define SSG_SITE_CTX_H

#include "digest.h"
#include "emit.h"
#include "history.h"
#include "hview.h"
#include "model.h"
#include "out.h"
#include "plan.h"
#include "repo.h"
#include "review.h"
#include "routes.h"
#include "shortcode.h"
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
	long pub_commit; /* publication: the oldest tag's commit, or -1 */
	ssg_tag_info *tags; /* annotated tags on the chain, oldest first */
	size_t ntags;
	/* Where its pages are: the main site's routes or a revision
	 * copy's, which links to the main site's pages of single commits,
	 * revisions and rows instead of writing its own. */
	const ssg_routes *routes;
	/* The main site, for a revision copy; NULL in the main site. */
	const struct site *top;
	/* What the main site's snapshot read, for the snapshots of the
	 * revisions to borrow (repo.h); NULL when there are none. */
	const ssg_blobs *blobs;
	/* The main site's records of its revision copies (copies.h). */
	struct ssg_copies *copies;
	/* The history as values (NULL without history), made before the
	 * site's values and pages. */
	ssg_hview *hv;
} site;

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

#endif
