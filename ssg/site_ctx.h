/*
 * site_ctx — what the parts of one build share: the build context and the
 * helpers that write pages.  Internal to site.c and pages.c.
 */
#ifndef SSG_SITE_CTX_H
#define SSG_SITE_CTX_H

#include "digest.h"
#include "history.h"
#include "model.h"
#include "out.h"
#include "plan.h"
#include "repo.h"
#include "review.h"
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
	const char *prefix; /* "" or "revisions/<tag>/site/" */
	/* NULL, or the directory every path this site writes begins with
	 * and out, a sub-tree there, does not see ("changes/" of the main
	 * site's job in site_pages). */
	const char *strip;
	/* A revision copy does not write again the pages that do not depend
	 * on the revision (changes/<id>/, tables/<t>/<row>/) but links to
	 * the main site's: top is the main site, up the path from this
	 * site's root to top's ("../../../").  NULL and "" in the main
	 * site. */
	const struct site *top;
	const char *up;
	/* Each commit's value, built once in m when first needed. */
	ssg_value **commit_vals;
	/* What the main site's snapshot read, for the snapshots of the
	 * revisions to borrow (repo.h); NULL when there are none. */
	const ssg_blobs *blobs;
	/* The main site's records of its revision copies (copies.h). */
	struct ssg_copies *copies;
	struct ssg_row_index *row_index; /* changes.c: events by table row */
	size_t nrow_index;
	/* the page being rendered, for shortcodes and links */
	const char *root;
	const char *page_path;
} site;

/* A front matter string, "" when absent. */
const char *ssg_site_meta_str(const ssg_value *meta, const char *key);
/* Writes bytes at path under OUT (nothing in check mode). */
int ssg_site_write(site *s, const char *path, const char *data, size_t len);
/* A list too long for one page (the changes of a province's 20,000
 * commits are 5 MB of HTML; a phone on a slow link wants a few dozen
 * KB): `dir` shows the first `per` items of `items`, dir/page/N/ the
 * next ones.  Each page has, besides what ssg_site_page_new gives it,
 * `key` (its items), `start` (the number of its first item counted down
 * from the last, for <ol reversed>) and, when there is more than one,
 * `pager` {n, count, prev.url, next.url, pages [{n, url, current}]}. */
int ssg_site_write_list(site *s, const char *dir, const char *tpl,
			const char *title, const char *key,
			const ssg_value *items, size_t per);
/* The net difference of tag i from the tag before (the first tag's from
 * nothing, which is what a reader of the first publication needs), for
 * revisions/<tag>/; NULL where a snapshot could not be taken (quietly:
 * the revision's own site reports what is wrong in it).  Called for each
 * tag in order, *prev carrying the last snapshot (NULL at first; the
 * caller frees it after).  Each review is made when its page is, and
 * freed after it: all of a province's were 20 MB held for the whole
 * build. */
ssg_review *ssg_site_review(site *s, size_t i, ssg_snapshot **prev);
/* The same in pieces (out.h's ssg_out_open): *f is NULL in check mode,
 * and put and close accept it. */
int ssg_site_open(site *s, const char *path, ssg_out_file **f);
void ssg_site_put(site *s, ssg_out_file *f, const char *data, size_t len);
int ssg_site_close(site *s, ssg_out_file *f, bool keep);
/* A page map with its title and the navigation, `nav_url` marked. */
ssg_value *ssg_site_page_new(site *s, ssg_model *m, const char *title,
			     const char *nav_url);
/* Renders template `name` for the page in `dir` into dir/index.html. */
int ssg_site_write_page(site *s, ssg_model *m, const char *dir,
			const char *name, ssg_value *page);
/* Renders a page's Markdown into page.html (and page.toc). */
int ssg_site_render_body(site *s, ssg_model *m, ssg_value *page,
			 const ssg_plan_page *pg, const char *dir);

/* pages.c: one function per kind of page; each reports its own
 * problems and returns an ssg_code. */
int ssg_pages_data(site *s);
int ssg_pages_index(site *s);
int ssg_pages_sections(site *s);
int ssg_pages_indicators(site *s);
int ssg_pages_tasks(site *s);
int ssg_pages_tables(site *s);
int ssg_pages_posts(site *s);
int ssg_pages_disclosure(site *s);

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
int ssg_pages_changes(site *s);
int ssg_pages_revisions(site *s);
int ssg_pages_row_history(site *s);
int ssg_pages_history_data(site *s);
int ssg_pages_feed(site *s);
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
