/*
 * plan — everything a site is made of, loaded from one snapshot and
 * checked: the site metadata and introduction (content/_index.md), the
 * plan sections, the posts, every table of data/ with its row keys, and
 * the typed views of indicators.csv and tasks.csv.
 *
 * Loading collects every problem as a diagnostic and fails only at the
 * end, so one run reports them all.  The result is read-only; rendering
 * (sitegen.h and the page modules) reads it and never goes back to the
 * snapshot.
 */
#ifndef SSG_PLAN_H
#define SSG_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "fmt.h"
#include "history.h"
#include "model.h"
#include "repo.h"
#include "table.h"

/* A key override from the command line: table name and key columns. */
typedef struct {
	const char *table;
	const char *const *cols;
	size_t ncols;
} ssg_key_override;

typedef struct {
	const char *path;    /* content/02-chi-tieu.md */
	const char *slug;    /* chi-tieu */
	const char *title;   /* for navigation and <title> */
	const char *heading; /* the document's own heading, or title */
	const char *numeral; /* "II", may be "" */
	const char *date_text; /* posts: as written */
	ssg_date date;         /* posts */
	long weight;
	const ssg_value *meta; /* whole front matter */
	const char *body;      /* Markdown after the front matter */
	size_t body_len;
	unsigned body_line;
} ssg_plan_page;

typedef struct {
	const char *name; /* file stem: "indicators" */
	const char *path; /* data/indicators.csv */
	const char *title; /* from datapackage.json, else fields.h's, else name */
	const char *description;
	ssg_table *table;
	size_t *key_cols; /* column indexes of the row key */
	size_t nkey;
	char **keys;               /* per row: the key as text ("a|b") */
	const char **col_titles;   /* per column: datapackage title, else
				      fields.h's, else its name */
	const char **col_units;    /* per column: unit or NULL */
	ssg_num_style *col_styles; /* per column: how it writes figures */
	void *index; /* plan.c's own: the keys sorted, for lookups */
} ssg_plan_table;

typedef enum {
	SSG_STATUS_NONE, /* not reported */
	SSG_STATUS_PLANNED,
	SSG_STATUS_IN_PROGRESS,
	SSG_STATUS_DONE,
	SSG_STATUS_CANCELLED
} ssg_task_status;

typedef struct {
	size_t row;
	const char *id, *title, *lead, *timeframe, *note;
	const char **partners; /* split on ';', trimmed */
	size_t npartners;
	ssg_task_status status;
	bool has_progress;
	double progress; /* 0..100 */
} ssg_plan_task;

typedef struct {
	size_t row;
	const char *id, *name, *unit, *note, *source;
	const char *baseline, *target, *result, *as_of_text; /* as written */
	bool down; /* direction: lower is better */
	bool has_as_of;
	ssg_date as_of;
} ssg_plan_indicator;

typedef struct ssg_plan ssg_plan;

/* Most rows indicators.csv and tasks.csv may have (SSG_ERR_LIMIT beyond,
 * with a diagnostic): every indicator is a page of its own. */
#define SSG_PLAN_MAX_ITEMS 5000u
/* Most rows any table of data/ may have: each row is a page. */
#define SSG_PLAN_MAX_ROWS 20000u

typedef struct {
	const ssg_key_override *keys;
	size_t nkeys;
} ssg_plan_opts;

/* On content errors the plan is still returned, with what did load, so
 * that rendering can report the problems of every page too; only an
 * environment error leaves *out NULL. */
int ssg_plan_load(ssg_plan **out, ssg_snapshot *snap, const ssg_plan_opts *o,
		  ssg_diags *d) SSG_WUR;
void ssg_plan_free(ssg_plan *p);

const ssg_value *ssg_plan_meta(const ssg_plan *p); /* _index.md front matter */
const ssg_plan_page *ssg_plan_index(const ssg_plan *p);
size_t ssg_plan_nsections(const ssg_plan *p);
const ssg_plan_page *ssg_plan_section(const ssg_plan *p, size_t i);
size_t ssg_plan_nposts(const ssg_plan *p); /* newest first */
const ssg_plan_page *ssg_plan_post(const ssg_plan *p, size_t i);
size_t ssg_plan_ntables(const ssg_plan *p); /* sorted by name */
const ssg_plan_table *ssg_plan_table_at(const ssg_plan *p, size_t i);
const ssg_plan_table *ssg_plan_table_find(const ssg_plan *p,
					  const char *name);
/* True when data/NAME.csv exists but did not load (already reported). */
bool ssg_plan_table_failed(const ssg_plan *p, const char *name);
/* Cell (row, col) of t as a number, read as its column writes figures
 * (fmt.h): never for a key column or a `string` field, "1.250" as the
 * column's other figures settle it.  Every page showing a cell of a
 * table reads it through this. */
bool ssg_plan_cell_num(const ssg_plan_table *t, size_t row, size_t col,
		       ssg_num *out);
/* How column `col` of table `table` of p writes figures; SSG_NUM_ANY
 * when p has no such column.  Past values of that column (history
 * events, charts) are read the same way. */
ssg_num_style ssg_plan_col_style(const ssg_plan *p, const char *table,
				 const char *col);
/* The same for table t (may be NULL), already found. */
ssg_num_style ssg_plan_table_col_style(const ssg_plan_table *t,
				       const char *col);
/* The title a reader sees for column `col` of table `table` of p: its
 * datapackage.json title, else the contract's (fields.h), else its
 * name; the contract's when p lacks the column. */
const char *ssg_plan_col_title(const ssg_plan *p, const char *table,
			       const char *col);
/* Row index of key `id` in table t, or -1. */
long ssg_plan_table_row(const ssg_plan_table *t, const char *id);
/* Row `row`'s key in its matching form (ssg_plan_key_norm), lent: two
 * rows, of one table or two, have the same key when these are equal. */
const char *ssg_plan_table_key_norm(const ssg_plan_table *t, size_t row);
/* ssg_plan_table_row for a key already in its matching form. */
long ssg_plan_table_row_norm(const ssg_plan_table *t, const char *norm);
size_t ssg_plan_nindicators(const ssg_plan *p);
const ssg_plan_indicator *ssg_plan_indicator_at(const ssg_plan *p, size_t i);
size_t ssg_plan_ntasks(const ssg_plan *p);
const ssg_plan_task *ssg_plan_task_at(const ssg_plan *p, size_t i);

/* ---- row keys for history walks and diffs ---- */

/* The key columns of every table, in the form history.h and review.h
 * take: the overrides first (--key, as typed), then the key each table
 * of a plan resolved (datapackage.json primaryKey, `id`, first column).
 * Tables listed nowhere use `id`, else the first column. */
typedef struct ssg_plan_keys ssg_plan_keys;

/* The keys of loaded plan p (NULL: the overrides only) and o's
 * overrides (o may be NULL).  They borrow p's column names: free them
 * before p. */
ssg_plan_keys *ssg_plan_keys_new(const ssg_plan *p, const ssg_plan_opts *o);
/* The same from the plan at revision `rev` of r (NULL = HEAD), which is
 * loaded here and kept until ssg_plan_keys_free.  Problems are not
 * reported: a plan with content errors still lends the keys of the
 * tables that parsed, and a revision that cannot be read at all leaves
 * the overrides only; the walk or diff that uses the keys reports what
 * it cannot read. */
ssg_plan_keys *ssg_plan_keys_load(ssg_repo *r, const char *rev,
				  const ssg_plan_opts *o);
void ssg_plan_keys_free(ssg_plan_keys *k); /* accepts NULL */
/* The list, lent; ssg_plan_keys_count entries. */
const ssg_history_key *ssg_plan_keys_all(const ssg_plan_keys *k);
size_t ssg_plan_keys_count(const ssg_plan_keys *k);
/* Feeds the list to dg, for the keys of what the history was walked
 * with (a revision copy, a revision page's review). */
void ssg_plan_keys_digest(const ssg_plan_keys *k, ssg_digest *dg);
/* Their digest alone, after `what` (what the digest is for), as a
 * store's file is keyed by it (copies.c, summemo.h). */
void ssg_plan_keys_sum(const ssg_plan_keys *k, const char *what,
		       unsigned char out[32]);
/* The entry of `table`, or NULL. */
const ssg_history_key *ssg_plan_keys_find(const ssg_plan_keys *k,
					  const char *table);

/* Parses a task status as staff type it (English keys or Vietnamese
 * words, any case or accents); false when unknown. */
bool ssg_plan_status_parse(const char *s, ssg_task_status *out);

/* A row key's matching form (text.h ssg_text_key), as a string the
 * caller frees: the same rule as the table diffs of the history, so a
 * key the plan calls unique is one the history can match. */
char *ssg_plan_key_norm(const char *s, size_t n);

#endif
