/*
 * review — the reviewer's diff between two snapshots: how the tables of
 * data/ and the pages of content/ differ from one revision to another,
 * net of every commit in between.  It is data first: the revised targets, the row events of
 * each table that differs (diff.h) and the word diff of each page; `ssg
 * diff` draws it for a terminal with ssg_review_term, the revision
 * pages of the site through templates.
 */
#ifndef SSG_REVIEW_H
#define SSG_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diff.h"
#include "err.h"
#include "history.h"
#include "repo.h"

typedef enum {
	SSG_REVIEW_ADDED,   /* the file is only in b */
	SSG_REVIEW_REMOVED, /* only in a */
	SSG_REVIEW_CHANGED  /* in both, with other bytes */
} ssg_review_kind;

/* Why a file has no events or no word diff. */
typedef enum {
	SSG_REVIEW_OK,
	SSG_REVIEW_UNREADABLE_A, /* a's version cannot be read or parsed */
	SSG_REVIEW_UNREADABLE_B, /* b's version cannot */
	SSG_REVIEW_UNMATCHED,    /* rows cannot be matched by key */
	SSG_REVIEW_TOO_LARGE     /* a page too large for a word diff */
} ssg_review_problem;

/* A table file whose bytes differ (data/NAME.csv).  Its events may be
 * none: a file saved again with other line ends is the same table. */
typedef struct {
	const char *name; /* "indicators" */
	const char *path; /* "data/indicators.csv" */
	ssg_review_kind kind;
	ssg_review_problem problem;
	const ssg_diag *error;        /* the problem's first diagnostic */
	const ssg_row_events *events; /* NULL unless problem is OK */
	/* Per event, the name of its row (its label column, fields.h) in
	 * the newer version, else the older; NULL where it has none. */
	const char *const *labels;
} ssg_review_table;

/* A Markdown page under content/ whose text differs (in NFC), or that
 * cannot be compared. */
typedef struct {
	const char *path; /* "content/01-muc-tieu.md" */
	ssg_review_kind kind;
	ssg_review_problem problem;
	const ssg_diag *error;  /* NULL when too large, or OK */
	const ssg_wdiff *diff;  /* NULL unless problem is OK */
	/* The ids of its two versions, "OLD NEW" (empty for a side it is
	 * not on, or a file of a work tree): they decide its diff. */
	const char *ids;
} ssg_review_page;

/* A changed `target` of a row of the indicators table. */
typedef struct {
	const ssg_review_table *table;
	const ssg_row_event *event;
	const char *label; /* the indicator's name, or NULL */
} ssg_review_target;

typedef struct ssg_review ssg_review;

/* Compares snapshot a (the older revision; NULL: nothing, so everything
 * in b is added) with b (NULL: nothing).  Rows are matched with `keys`
 * (tables without an entry use `id`, else the first column).  A file
 * that cannot be read or compared is part of the review, with its
 * problem, not a diagnostic, so that it hides nothing else; hence this
 * cannot fail.  The review owns everything it lends: the snapshots may
 * be freed before it.  The tables' text is given back to a and b once
 * compared (ssg_snapshot_forget): no ssg_blobs may lend from them. */
ssg_review *ssg_review_new(ssg_snapshot *a, ssg_snapshot *b,
			   const ssg_history_key *keys, size_t nkeys);
void ssg_review_free(ssg_review *r); /* accepts NULL */
/* ssg_review_new for a caller that may not need the pages' word diffs
 * (a revision page kept from an earlier build by the ids of its
 * versions): each page whose blob differs is listed with its ids, diff
 * NULL and problem OK, until ssg_review_page_words makes its diff.  a
 * and b must outlive the review. */
ssg_review *ssg_review_new_deferred(ssg_snapshot *a, ssg_snapshot *b,
				    const ssg_history_key *keys,
				    size_t nkeys);
/* Makes page i's word diff (problem and error too) if not made yet;
 * false when its two texts do not differ in words (ssg_review_new
 * leaves such a page out). */
bool ssg_review_page_words(ssg_review *r, size_t i);

/* A deferred review (no word diff made yet) as bytes appended to b, for
 * a build to find again what it does not change (the revision pages:
 * its two snapshots and the row keys decide it whole); and such bytes
 * read back, NULL when they are not a review's.  A review read back has
 * its tables, targets, periods and its pages' ids, but no snapshots:
 * no word diff can be made from it (ssg_review_page_words). */
void ssg_review_save(const ssg_review *r, ssg_buf *b);
ssg_review *ssg_review_load(const void *data, size_t n);

/* Frees page i's word diff, and gives the texts it was made from back
 * to the snapshots (ssg_snapshot_forget): for a caller done with it (a
 * revision page drew it in HTML; a province's were 6 MB of a cold
 * build's peak).  Its diff is NULL after, and it is not made again. */
void ssg_review_page_drop(ssg_review *r, size_t i);

/* The plan period of each side (period.h): the `year` its
 * content/_index.md names, or NULL.  When both name one and they differ,
 * the two are different plans, not revisions of one (contract section
 * 1): the review then has no revised targets, and other_plan says so. */
const char *ssg_review_period(const ssg_review *r, bool b);
bool ssg_review_other_plan(const ssg_review *r);

/* Tables and pages in path order; targets (revised: none between
 * different plans) in the order of their events. */
size_t ssg_review_ntables(const ssg_review *r);
const ssg_review_table *ssg_review_table_at(const ssg_review *r, size_t i);
size_t ssg_review_npages(const ssg_review *r);
const ssg_review_page *ssg_review_page_at(const ssg_review *r, size_t i);
size_t ssg_review_ntargets(const ssg_review *r);
const ssg_review_target *ssg_review_target_at(const ssg_review *r,
					      size_t i);

/* The commit of h that last changed target t among commits (from, to]
 * of h (from -1: from the first): the reason for the change a review of
 * those two revisions shows; NULL when none did. */
const ssg_hcommit *ssg_review_target_commit(const ssg_review_target *t,
					    const ssg_history *h, long from,
					    size_t to);

/* The review for a terminal, as `ssg diff` prints it: first, between
 * different plans, the line that says so (term.h), then "Revised
 * targets" (each with the indicator's name and, when why[i] is given,
 * the date, id and message of the commit that made it), "Tables" (one
 * line per event, a changed row with its name) and "Narrative"
 * (changed lines of each word diff with two lines of context), or one
 * line saying there is no difference between label_a and label_b (the
 * revisions as the reader named them).  why may be NULL.  Content goes through term.h;
 * colour is ANSI. */
void ssg_review_term(const ssg_review *r, const ssg_hcommit *const *why,
		     const char *label_a, const char *label_b, bool color,
		     ssg_buf *out);

#endif
