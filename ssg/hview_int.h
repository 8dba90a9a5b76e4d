/*
 * hview_int — what hview's two files share (hview.c: the view, its
 * commits, events, rows and lineage; hview_ind.c: the indicators'
 * timelines and revised targets, and the report deadlines).  Not for
 * hview's callers: hview.h is.
 */
#ifndef SSG_HVIEW_INT_H
#define SSG_HVIEW_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "hview.h"
#include "lineage.h"
#include "text.h"
#include "titles.h"

/* The events of each row of a table in this site's history, oldest
 * first: the indicator timelines, the row counts of table pages and the
 * row-history pages read them. */
typedef struct {
	const ssg_plan_table *t;
	size_t **ev; /* per row: event indexes */
	size_t *n;
	/* Per row, the events that named it (added it, or changed its
	 * label column), so that an event shows the name the row had
	 * then without reading back through every result it reported. */
	size_t **named;
	size_t *nnamed;
	long label; /* the label column of t (fields.h), or -1 */
	/* The table's schema events (a column renamed, added, removed),
	 * which name its columns before and after: for a cell's past. */
	size_t *schema;
	size_t nschema;
	bool *former_page; /* per removed row (lineage.h): has a page */
} row_index;

/* Values that the commit values made in one model share: a province's
 * 20,000 commits have a few authors and periods, small counts and
 * one-line messages, and a value each for those was a third of a
 * commit's bytes.  Strings lent by the history are found by address. */
#define SHARED_NUMS 64
#define SHARED_LENT 16
typedef struct {
	const ssg_value *num[SHARED_NUMS];
	const char *lent[SHARED_LENT];
	const ssg_value *lentv[SHARED_LENT];
	size_t nlent, next; /* the next replaced, once full */
} commit_shared;

struct ssg_hview {
	const ssg_history *hist;
	size_t hist_end;
	size_t ev_end; /* events [0, ev_end) */
	const char *period; /* the site's: its last commit's */
	long pub_commit; /* its publication: its first tag's commit, or -1 */
	const ssg_tag_info *tags;
	long *tag_commit; /* per tag: its commit (oldest first) */
	size_t ntags;
	const ssg_plan *plan;
	const ssg_routes *routes;
	const ssg_hview *top; /* the main site's, for a revision copy */
	/* The commit values, [0, hist_end): lazy maps (model.h), each made
	 * in m when a page first reads it, under `lock` (pages are made on
	 * two threads), and framed by its digest in `sums`. */
	ssg_model *m;
	ssg_value **commit_vals;
	ssg_lazy lazy;
	const ssg_value *_Atomic *made;
	unsigned char (*sums)[32];
	/* Per commit, the first commit of its day, whose day value (in
	 * `days`) the commits of its day share. */
	uint32_t *day_first;
	const ssg_value **days;
	commit_shared shared; /* m's */
	pthread_mutex_t lock;
	row_index *rows;      /* one per table of the plan */
	size_t nrows;
	ssg_lineage *lineage; /* rows removed and replaced */
	/* The titles of each commit's time (contract section 3), each
	 * version of data/datapackage.json read once (titles.h).  A revision
	 * copy's view reads the main site's. */
	ssg_titles *titles;
};
static inline const ssg_hev *event_at(const ssg_hview *s, size_t i)
{
	return ssg_history_event(s->hist, i);
}

static inline const row_index *rows_of(const ssg_hview *s,
				       const ssg_plan_table *t)
{
	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].t == t)
			return &s->rows[i];
	return NULL;
}

/* The value of `field` in an added/removed row, or NULL. */
static inline const char *row_field(const ssg_hev *e, const char *field)
{
	for (size_t k = 0; k < e->ncols; k++)
		if (ssg_str_eq(ssg_str_trim((ssg_str){e->cols[k],
						       strlen(e->cols[k])}),
			       field))
			return e->vals[k];
	return NULL;
}

/* The rows table t lost, each linked to where it went (lineage.h), or
 * NULL when it lost none. */
ssg_value *ssg_hview_former_list(const ssg_hview *s, ssg_model *m,
				 const ssg_plan_table *t);

#endif
