/*
 * hview — a site's history as read-only template values: its commits,
 * the events of each table's rows, its tags, revised targets, report
 * deadlines, timelines.  Made once per site, before any of its threads
 * starts, and only read afterwards, so that the page threads share it.
 *
 * A site sees the commits [0, end) of the history: the main site all of
 * them, a revision copy those up to its tag.  A copy's view stands over
 * the main site's (`main`): its commits are the main site's values with
 * its own links (routes.h), and a row the main site still has links to
 * the main site's history of it.
 *
 * Values that pages show (events, timelines) are made in the model the
 * caller gives (the page's); commit values live in the view and outlive
 * every page, each made when a page first reads it, from any page
 * thread (model.h's lazy maps).  Strings of the history are lent, not
 * copied: the history outlives the view.
 */
#ifndef SSG_HVIEW_H
#define SSG_HVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "digest.h"
#include "fmt.h"
#include "history.h"
#include "lineage.h"
#include "model.h"
#include "plan.h"
#include "repo.h"
#include "review.h"
#include "routes.h"

typedef struct ssg_hview ssg_hview;

/* The site's plan period is its last commit's (history.h): what it
 * judges, revised targets and report deadlines, it judges within that
 * period (contract sections 1 and 3). */
typedef struct {
	const ssg_history *hist;
	size_t end;              /* the site's commits: [0, end), end > 0 */
	const ssg_tag_info *tags; /* the site's tags, oldest first */
	size_t ntags;
	const ssg_plan *plan;    /* the site's plan, whose rows events find */
	const ssg_routes *routes;
	const ssg_hview *main;   /* a revision copy's main site; NULL */
} ssg_hview_in;

/* Borrows everything in `in`, which must outlive the view. */
ssg_hview *ssg_hview_new(const ssg_hview_in *in);
/* The same, with the main site's commit digests kept in the store of
 * gitdir from one build to the next (summemo.h), for the history walked
 * with the row keys whose digest is keys (32 bytes). */
ssg_hview *ssg_hview_new_kept(const ssg_hview_in *in, const char *gitdir,
			      const unsigned char *keys);
void ssg_hview_free(ssg_hview *v); /* accepts NULL */

const ssg_history *ssg_hview_history(const ssg_hview *v);
size_t ssg_hview_end(const ssg_hview *v);
const ssg_plan *ssg_hview_plan(const ssg_hview *v);
const ssg_routes *ssg_hview_routes(const ssg_hview *v);
size_t ssg_hview_ntags(const ssg_hview *v);
const ssg_tag_info *ssg_hview_tag_info(const ssg_hview *v, size_t i);

/* Commit i as pages show it: {oid, short, date..., author, summary,
 * message, body, nevents, npages, url, period, opens, published
 * (after the publication of its own period)}, a lazy map (model.h). */
const ssg_value *ssg_hview_commit(const ssg_hview *v, size_t i);
/* The directory of commit i's page (changes/<name>/), in m. */
const char *ssg_hview_commit_dir(const ssg_hview *v, ssg_model *m, size_t i);
/* Event i of the history as the event partial draws it, with its
 * commit, in m.  An added row that names rows it replaces, or a removed
 * row that others replace, has lineage {replaces, has_replaces,
 * replaced_by, has_replaced_by}: lists of row references {key, name,
 * has_name, url ("" for none), more (not first), has_since, since (a
 * commit)}, which row-ref.mustache draws. */
ssg_value *ssg_hview_event(const ssg_hview *v, ssg_model *m, size_t i);
/* `events` (oldest first, as ssg_hview_event makes them) gathered by
 * their commit, newest first: [{commit, events: [{ev, more}]}], each
 * commit's events in the order it made them, `more` on all but the
 * last: a row's or an indicator's timeline, where a commit that changed
 * a result and its date is one entry, not two under the same line. */
ssg_value *ssg_hview_by_commit(ssg_model *m, const ssg_value *events);
/* A commit's or a review's `events` of one table gathered by row:
 * [{first, events: [{ev, more}]}], next changed cells of one row (same
 * key) together under `first`, their first event, which names the row;
 * any other event alone.  A row is named once, not once a cell. */
ssg_value *ssg_hview_by_row(ssg_model *m, const ssg_value *events);
/* Feeds dg with everything ssg_hview_event(v, m, i) is made from, for
 * each event i of evi[0..n) (evi NULL: first, first + 1, ...), but
 * its commit's value and the program: the event as the history holds it
 * and what the site gives its values (its row's name, the titles of its
 * time, the units and number formats of the built plan; for an event
 * that shows rows merged, split or removed, its whole value), so that a
 * page keyed by it and its commit need not make it. */
void ssg_hview_events_key(const ssg_hview *v, const size_t *evi,
			  size_t first, size_t n, ssg_digest *dg);
/* Whether ssg_hview_events_key feeds event e's whole value: it shows
 * rows merged, split or removed, which later commits decide. */
bool ssg_hview_event_whole(const ssg_hev *e);
/* Its rows merged, split and removed (lineage.h). */
const ssg_lineage *ssg_hview_lineage(const ssg_hview *v);
/* An event that is not the history's (a review's, in its form), with the
 * titles of commit `at`'s time (SIZE_MAX: the built plan's): e's
 * strings must outlive m. */
ssg_value *ssg_hview_change(const ssg_hview *v, ssg_model *m,
			    const ssg_hev *e, size_t at);
/* The title of table `table` at commit `at` (its datapackage.json's
 * then, else the contract's, else its name; SIZE_MAX: the built
 * plan's), lent. */
const char *ssg_hview_table_title(const ssg_hview *v, const char *table,
				  size_t at);
/* What commit i changed in Vietnamese sentences, for a reader who sees
 * no table (the feed): "Chỉ tiêu “Tỷ lệ gia đình văn hóa”: Kế hoạch từ
 * 90 thành 89; Kết quả mới nhất là 88,1 (trước đó để trống).", with the
 * rows' names, the columns' titles and the values as the event partial
 * shows them, at most `max` events and then how many more; in m. */
const char *ssg_hview_commit_text(const ssg_hview *v, ssg_model *m, size_t i,
				  size_t max);
/* Tag i: {name, title, message, url, site_url, date..., commit,
 * period, publication (the first tag of its period)}, in m. */
ssg_value *ssg_hview_tag(const ssg_hview *v, ssg_model *m, size_t i);
/* The index of the tag that published the site's period (the oldest
 * of its tags on a commit of that period), or -1. */
long ssg_hview_publication(const ssg_hview *v);
/* The indicator of the site's plan whose key is `key`, or NULL. */
const ssg_plan_indicator *ssg_hview_indicator_of(const ssg_hview *v,
						  const char *key);

/* The events of row r of table t (of the view's plan), oldest first:
 * *n of them, indexes of the history's events. */
const size_t *ssg_hview_row_events(const ssg_hview *v, const ssg_plan_table *t,
				   size_t r, size_t *n);
/* Cell (r, col) of t (of the view's plan) as it stood at commit `at`:
 * the cell as it is with the row's changes after `at` undone, through
 * the table's column renames.  A row or a column that came after `at`
 * gives its first value, from the commit that brought it.  *commit
 * becomes the commit from which on the value stood as returned (the
 * row's newest event at or before `at`, or the one that brought it),
 * -1 for none.  Lent by the plan or the history, NUL-terminated. */
ssg_str ssg_hview_cell_at(const ssg_hview *v, const ssg_plan_table *t,
			  size_t r, size_t col, size_t at, long *commit);
/* The link from this site to the history page of row r of t, or NULL
 * when it has no events. */
const char *ssg_hview_row_url(const ssg_hview *v, ssg_model *m,
			      const ssg_plan_table *t, size_t r);
/* The name of row r of t in the built plan (its label column, fields.h),
 * trimmed, in m; NULL when it has none. */
const char *ssg_hview_row_label(const ssg_hview *v, ssg_model *m,
				const ssg_plan_table *t, size_t r);
/* True when a revision copy links to the main site's history page of row
 * r of t instead of writing its own. */
bool ssg_hview_row_is_main(const ssg_hview *v, const ssg_plan_table *t,
			   size_t r);

/* Rows merged, split and removed (contract section 2, lineage.h).  The
 * rows of t's history that the built table no longer has, each with a
 * history page of its own (tables/<t>/<key>/): i < ssg_hview_nformer;
 * NULL for one whose key gives the page of another row. */
size_t ssg_hview_nformer(const ssg_hview *v, const ssg_plan_table *t);
const ssg_lineage_former *ssg_hview_former(const ssg_hview *v,
					   const ssg_plan_table *t, size_t i);
/* The label of row `key` of t (its label column, fields.h), in the
 * built table or, for a removed row, as it last stood; NULL when there
 * is none. */
const char *ssg_hview_row_name(const ssg_hview *v, ssg_model *m,
			       const ssg_plan_table *t, const char *key);
/* The newest commit that wrote a replacement of row `key` of t (it as
 * the new row or the replaced one) into a `replaces` cell, or SIZE_MAX:
 * its history page changed then too. */
size_t ssg_hview_row_named_since(const ssg_hview *v, const ssg_plan_table *t,
				 const char *key);
/* What the history page of row `key` of t (of the table or removed)
 * says of it besides its events, set in page: replaces and replaced_by (row references as
 * an event's, the latter with with_removal when the commit that removed
 * the row made the replacement), has_replaces, has_replaced_by, removal
 * {commit} for a removed row (not "removed", which an event partial
 * inside the page would read as its own) and has_notice. */
void ssg_hview_row_head(const ssg_hview *v, ssg_model *m, ssg_value *page,
			const ssg_plan_table *t, const char *key);
/* Warns at each key of a `replaces` cell that names no row of the table
 * in this history (ssg_lineage_check). */
void ssg_hview_lineage_check(const ssg_hview *v, ssg_snapshot *snap,
			     ssg_diags *d);

/* Table t as its page and its embeds show it (view.h's ssg_view_table)
 * with each row's history {count, url} where it has events, `updated`
 * (the date in `updated`, site.updated, of its last change),
 * has_history, and its removed rows with a page (former: row references
 * as an event's, since their removal; has_former); in m.  Without a view (v NULL),
 * the table alone. */
ssg_value *ssg_hview_table(const ssg_hview *v, ssg_model *m,
			   const ssg_plan_table *t, const ssg_value *updated);
/* Indicator i's revised targets, [event], in m; NULL when there were
 * none.  A target is revised when a commit of the site's period changed
 * it after that period's publication (the oldest tag on a commit of the
 * period); the targets set by the commit that opens a period are a new
 * plan's, not revisions, and no target is revised in a period without a
 * tag. */
ssg_value *ssg_hview_revised(const ssg_hview *v, ssg_model *m, size_t i);
/* Indicator i as its own page shows it: `base` (its view.h value) with
 * its timeline (newest first), the points of its chart and the chart,
 * in m. */
const ssg_value *ssg_hview_indicator(const ssg_hview *v, ssg_model *m,
				     const ssg_value *base, size_t i);
/* Judges the reports of the plan, in order, against the results the
 * history reported (contract section 1).  Only commits of the site's
 * period count (the one that opens it included: a plan may come with
 * its first results); for each report, only those after the due date
 * of the report before it and after the commit that report consumed.  The report is on time
 * when the first such commit to change an indicator's result came on or
 * before its due date, late when it came after, missing when none came
 * and `today`, if given, is past the date: a June result of last year
 * meets no deadline of this one.  Sets each report's state_key, state
 * and reported (its commit).  `reports` are the maps view.h makes, with
 * their `due`. */
void ssg_hview_judge_reports(const ssg_hview *v, ssg_model *m,
			     ssg_value *const *reports, size_t n,
			     const ssg_date *today);
/* {table name: date of the last commit that changed it}, in m. */
ssg_value *ssg_hview_updated(const ssg_hview *v, ssg_model *m);

/* Feeds dg with commits [from, to) as revision copies show them: each
 * commit, the name of its page, its period, its events and page
 * changes. */
void ssg_hview_digest(const ssg_hview *v, ssg_digest *dg, size_t from,
		      size_t to);

#endif
