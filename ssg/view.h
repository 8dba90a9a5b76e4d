/*
 * view — the plan's entities as template values: what a reader sees of a
 * cell, a date, an indicator (with its status in words), a task, a table
 * and a post.  Pure functions of the plan; every value is made in the
 * model given.
 */
#ifndef SSG_VIEW_H
#define SSG_VIEW_H

#include "fmt.h"
#include "model.h"
#include "plan.h"
#include "routes.h"

/* {text, num, machine, empty}: `text` is the Vietnamese form of a number
 * (with % when unit is "%") or the cell as written, trimmed; `machine`
 * the dot-decimal form for <data value>. */
ssg_value *ssg_view_cell(ssg_model *m, const char *text, size_t n,
			 const char *unit);
/* The same, reading "1.250" as a column of that style does (fmt.h). */
ssg_value *ssg_view_cell_as(ssg_model *m, const char *text, size_t n,
			    const char *unit, ssg_num_style style);
/* The word or date a cell of column `col` of table `table` reads as
 * (the same reading), appended to out: true for a date, a status or a
 * direction its kind reads; false, out untouched, for any other cell,
 * which a reader sees as written.  The terminal's form of past values
 * (term.h), as the pages show them. */
bool ssg_view_field_word(const char *table, const char *col, const char *text,
			 ssg_buf *out);
/* A cell of column `col` of table `table` as its kind (fields.h) reads
 * to a reader: a date as dd/mm/yyyy, a task's status and an indicator's
 * direction in words, anything else as ssg_view_cell_as; a cell its
 * kind cannot read stays as written.  text is NUL-terminated.  For
 * cells that are not the built plan's: past values, a review's. */
ssg_value *ssg_view_field_cell(ssg_model *m, const char *table,
			       const char *col, const char *text,
			       const char *unit, ssg_num_style style);
/* "Càng cao càng tốt" or "Càng thấp càng tốt". */
const char *ssg_view_direction_word(bool down);
/* The same for cell (row, col) of table t, read as its column writes
 * figures (ssg_plan_cell_num): a code stays as written. */
ssg_value *ssg_view_table_cell(ssg_model *m, const ssg_plan_table *t,
			       size_t row, size_t col, const char *unit);
/* {text: "15/06/2024", iso: "2024-06-15"} */
ssg_value *ssg_view_date(ssg_model *m, const ssg_date *dt);
/* Sets map's "date" ("02/07/2024 09:00"), "iso" (ISO 8601 with the
 * offset) and "day" (a date value) for a commit or tag time. */
void ssg_view_time(ssg_model *m, ssg_value *map, long long t, int offset);
/* The day of the last ssg_view_time_seq call and its value (zeroed
 * before the first call). */
typedef struct {
	ssg_date day;
	const ssg_value *v;
} ssg_view_day;
/* As ssg_view_time for times in order, sharing one day value among the
 * times of a day (a province's 20,000 commits fall on far fewer days: a
 * day map each was 5 MB of its build's peak heap).  `last` must belong
 * to m's values. */
void ssg_view_time_seq(ssg_model *m, ssg_value *map, long long t, int offset,
		       ssg_view_day *last);
ssg_value *ssg_view_indicator(ssg_model *m, const ssg_plan_indicator *x,
			      int plan_year);
/* The headings of the indicators table: {id, name, baseline, target,
 * result: each column's title (ssg_plan_col_title), table: its title}. */
ssg_value *ssg_view_indicator_titles(ssg_model *m, const ssg_plan *p);
ssg_value *ssg_view_task(ssg_model *m, const ssg_plan_task *x);
const char *ssg_view_task_status_key(ssg_task_status st);
const char *ssg_view_task_status_word(ssg_task_status st);
/* Table t: {name, title, description, path, url, columns, rows [{key,
 * anchor, cells, history}], nrows}; a row's `history` is
 * row_history[r] when row_history is given and that is not NULL. */
ssg_value *ssg_view_table(ssg_model *m, const ssg_plan_table *t,
			  const ssg_value *const *row_history);
ssg_value *ssg_view_post(const ssg_routes *r, ssg_model *m,
			 const ssg_plan_page *pg);

#endif
