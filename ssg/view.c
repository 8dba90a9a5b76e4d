#include "view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "routes.h"
#include "text.h"

/* A cell as the reader sees it: {text, num, machine}.  `text` is the
 * Vietnamese form of a number (with % when the unit is %), or the cell
 * as written; `machine` the dot-decimal form for <data value>. */
static ssg_value *cell_value(ssg_model *m, const char *text, size_t n,
			     const char *unit, const ssg_num *num)
{
	ssg_value *v = ssg_model_map(m);
	ssg_str t = ssg_str_trim((ssg_str){text, n});
	ssg_buf b;
	ssg_buf_init(&b);
	if (num) {
		ssg_num_put_vi(&b, num);
		if (!num->percent && unit && strcmp(unit, "%") == 0)
			ssg_buf_putc(&b, '%');
		ssg_map_set(v, "text", ssg_model_strn(m, b.data, b.len));
		ssg_buf_clear(&b);
		ssg_num_put_plain(&b, num);
		ssg_map_set(v, "machine", ssg_model_strn(m, b.data, b.len));
		ssg_map_set_bool(m, v, "num", true);
	} else {
		ssg_map_set(v, "text", ssg_model_strn(m, t.p, t.n));
		ssg_map_set_bool(m, v, "num", false);
	}
	ssg_map_set_bool(m, v, "empty", t.n == 0);
	ssg_buf_fini(&b);
	return v;
}

ssg_value *ssg_view_cell_as(ssg_model *m, const char *text, size_t n,
			    const char *unit, ssg_num_style style)
{
	ssg_num num;
	bool is = ssg_num_parse_as(text, n, style, &num);
	return cell_value(m, text, n, unit, is ? &num : NULL);
}

const char *ssg_view_direction_word(bool down)
{
	return down ? "Càng thấp càng tốt" : "Càng cao càng tốt";
}

/* A cell shown as a word or a date instead of as written. */
static ssg_value *word_value(ssg_model *m, const char *word)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "text", word);
	ssg_map_set_bool(m, v, "num", false);
	ssg_map_set_bool(m, v, "empty", false);
	return v;
}

bool ssg_view_field_word(const char *table, const char *col, const char *text,
			 ssg_buf *out)
{
	ssg_str t = ssg_str_trim((ssg_str){text, strlen(text)});
	ssg_date dt;
	ssg_task_status st;
	switch (t.n ? ssg_fields_kind(table, col) : SSG_FIELD_TEXT) {
	case SSG_FIELD_DATE:
		if (ssg_date_parse(t.p, t.n, &dt)) {
			ssg_date_put_vi(out, &dt);
			return true;
		}
		break;
	case SSG_FIELD_STATUS:
		if (ssg_plan_status_parse(text, &st) && st != SSG_STATUS_NONE) {
			ssg_buf_puts(out, ssg_view_task_status_word(st));
			return true;
		}
		break;
	case SSG_FIELD_DIRECTION:
		if (ssg_str_eq(t, "up") || ssg_str_eq(t, "down")) {
			ssg_buf_puts(out, ssg_view_direction_word(
						  ssg_str_eq(t, "down")));
			return true;
		}
		break;
	case SSG_FIELD_TEXT:
		break;
	}
	return false;
}

ssg_value *ssg_view_field_cell(ssg_model *m, const char *table,
			       const char *col, const char *text,
			       const char *unit, ssg_num_style style)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_value *v = ssg_view_field_word(table, col, text, &b)
			       ? word_value(m, ssg_buf_cstr(&b))
			       : ssg_view_cell_as(m, text, strlen(text), unit,
						  style);
	ssg_buf_fini(&b);
	return v;
}

ssg_value *ssg_view_cell(ssg_model *m, const char *text, size_t n,
			 const char *unit)
{
	return ssg_view_cell_as(m, text, n, unit, SSG_NUM_ANY);
}

ssg_value *ssg_view_table_cell(ssg_model *m, const ssg_plan_table *t,
			       size_t row, size_t col, const char *unit)
{
	ssg_num num;
	bool is = ssg_plan_cell_num(t, row, col, &num);
	return cell_value(m, ssg_table_cell(t->table, row, col),
			  ssg_table_cell_len(t->table, row, col), unit,
			  is ? &num : NULL);
}

ssg_value *ssg_view_date(ssg_model *m, const ssg_date *dt)
{
	ssg_value *v = ssg_model_map(m);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_date_put_vi(&b, dt);
	ssg_map_set(v, "text", ssg_model_strn(m, b.data, b.len));
	ssg_buf_clear(&b);
	ssg_date_put_iso(&b, dt);
	ssg_map_set(v, "iso", ssg_model_strn(m, b.data, b.len));
	ssg_buf_fini(&b);
	return v;
}

static bool num_of(const char *s, double *out)
{
	ssg_num n;
	if (!ssg_num_parse(s, strlen(s), &n))
		return false;
	*out = n.value;
	return true;
}

static int days_in_year(int y)
{
	return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
}

static int day_of_year(const ssg_date *d)
{
	static const int cum[] = {0,   31,  59,  90,  120, 151,
				  181, 212, 243, 273, 304, 334};
	int n = cum[d->month - 1] + d->day;
	if (d->month > 2 && days_in_year(d->year) == 366)
		n++;
	return n;
}

/*
 * Status of an indicator, in words a citizen reads (never colour alone):
 * no result yet; met; on track or behind (a result measured during the
 * year, compared with the straight line from baseline to target); not
 * met (measured at or after the year's end); or not comparable (a target
 * in words).  README.md documents the rule.
 */
static void indicator_status(const ssg_plan_indicator *x, int plan_year,
			     const char **key, const char **word,
			     double *pct, bool *has_pct)
{
	double b = 0, t = 0, r = 0;
	bool hb = num_of(x->baseline, &b), ht = num_of(x->target, &t);
	bool hr = num_of(x->result, &r);
	*has_pct = false;
	*pct = 0;
	if (!*x->result) {
		*key = "nodata";
		*word = "Chưa có số liệu";
		return;
	}
	if (!ht || !hr) {
		*key = "unknown";
		*word = "Chưa so sánh được";
		return;
	}
	/* The bar agrees with the word: full when met, short of full when
	 * not.  Between a baseline and a target that lies beyond it in the
	 * indicator's direction, it is how far the result has come; a
	 * target the baseline had passed already (a rise aimed below where
	 * it starts) gives no such way, and no bar beside "Chưa đạt". */
	if (x->down ? r <= t : r >= t) {
		*pct = 100;
		*has_pct = true;
		*key = "met";
		*word = "Đạt";
		return;
	}
	if (hb && (x->down ? t < b : t > b)) {
		*pct = (r - b) / (t - b) * 100.0;
		if (*pct < 0)
			*pct = 0;
		if (*pct > 99) /* a whole 100 would say met */
			*pct = 99;
		*has_pct = true;
	}
	int year = plan_year ? plan_year : (x->has_as_of ? x->as_of.year : 0);
	if (x->has_as_of && hb && x->as_of.year == year &&
	    !(x->as_of.month == 12 && x->as_of.day == 31)) {
		double frac = (double)day_of_year(&x->as_of) /
			      days_in_year(x->as_of.year);
		double expected = b + (t - b) * frac;
		bool on_track = x->down ? r <= expected : r >= expected;
		*key = on_track ? "ontrack" : "behind";
		*word = on_track ? "Đúng tiến độ" : "Chậm";
		return;
	}
	*key = "notmet";
	*word = "Chưa đạt";
}

/* {key, word} of a status. */
static ssg_value *status_value(ssg_model *m, const char *key, const char *word)
{
	ssg_value *st = ssg_model_map(m);
	ssg_map_set_str(m, st, "key", key);
	ssg_map_set_str(m, st, "word", word);
	return st;
}

/* {pct} of a progress bar. */
static ssg_value *progress_value(ssg_model *m, double pct)
{
	/* Whole percent: a bar needs no more precision, and it keeps the
	 * output identical across libm versions. */
	ssg_value *pr = ssg_model_map(m);
	ssg_map_set(pr, "pct", ssg_model_strf(m, "%ld", lround(pct)));
	return pr;
}

ssg_value *ssg_view_indicator(ssg_model *m, const ssg_plan_indicator *x,
			       int plan_year)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "id", x->id);
	ssg_map_set_str(m, v, "name", x->name);
	ssg_map_set_str(m, v, "unit", x->unit);
	ssg_map_set_str(m, v, "note", x->note);
	ssg_map_set_str(m, v, "source", x->source);
	ssg_map_set_str(m, v, "url", ssg_routes_indicator(m, x->id));
	ssg_map_set(v, "baseline",
		    ssg_view_cell(m, x->baseline, strlen(x->baseline), x->unit));
	ssg_map_set(v, "target",
		    ssg_view_cell(m, x->target, strlen(x->target), x->unit));
	ssg_map_set(v, "result",
		    ssg_view_cell(m, x->result, strlen(x->result), x->unit));
	ssg_map_set_str(m, v, "as_of", "");
	if (x->has_as_of)
		ssg_map_set(v, "as_of", ssg_view_date(m, &x->as_of));
	ssg_map_set_str(m, v, "direction", ssg_view_direction_word(x->down));
	const char *key, *word;
	double pct;
	bool has_pct;
	indicator_status(x, plan_year, &key, &word, &pct, &has_pct);
	ssg_map_set(v, "status", status_value(m, key, word));
	if (has_pct)
		ssg_map_set(v, "progress", progress_value(m, pct));
	return v;
}

ssg_value *ssg_view_indicator_titles(ssg_model *m, const ssg_plan *p)
{
	static const char *const cols[] = {"id", "name", "baseline", "target",
					   "result"};
	ssg_value *v = ssg_model_map(m);
	for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++)
		ssg_map_set_str(m, v, cols[i],
				ssg_plan_col_title(p, "indicators", cols[i]));
	const ssg_plan_table *t = ssg_plan_table_find(p, "indicators");
	ssg_map_set_str(m, v, "table",
			t ? t->title : ssg_fields_table_title("indicators"));
	return v;
}

const char *ssg_view_task_status_key(ssg_task_status st)
{
	switch (st) {
	case SSG_STATUS_PLANNED: return "planned";
	case SSG_STATUS_IN_PROGRESS: return "in_progress";
	case SSG_STATUS_DONE: return "done";
	case SSG_STATUS_CANCELLED: return "cancelled";
	default: return "none";
	}
}

const char *ssg_view_task_status_word(ssg_task_status st)
{
	switch (st) {
	case SSG_STATUS_PLANNED: return "Chưa triển khai";
	case SSG_STATUS_IN_PROGRESS: return "Đang thực hiện";
	case SSG_STATUS_DONE: return "Hoàn thành";
	case SSG_STATUS_CANCELLED: return "Đã hủy";
	default: return "Chưa cập nhật";
	}
}

ssg_value *ssg_view_task(ssg_model *m, const ssg_plan_task *x)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "id", x->id);
	ssg_map_set_str(m, v, "title", x->title);
	ssg_map_set_str(m, v, "lead", x->lead);
	ssg_map_set_str(m, v, "timeframe", x->timeframe);
	ssg_map_set_str(m, v, "note", x->note);
	ssg_map_set(v, "anchor", ssg_model_strf(m, "nhiem-vu-%s",
						ssg_routes_slug(m, x->id)));
	ssg_value *partners = ssg_model_list(m);
	for (size_t i = 0; i < x->npartners; i++)
		ssg_list_push(partners, ssg_model_str(m, x->partners[i]));
	if (x->npartners)
		ssg_map_set(v, "partners", partners);
	ssg_map_set(v, "status",
		    status_value(m, ssg_view_task_status_key(x->status),
				 ssg_view_task_status_word(x->status)));
	if (x->has_progress)
		ssg_map_set(v, "progress", progress_value(m, x->progress));
	return v;
}

/* A generic table: captions, column titles, rows of cells. */
ssg_value *ssg_view_table(ssg_model *m, const ssg_plan_table *t,
			  const ssg_value *const *row_history)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "name", t->name);
	ssg_map_set_str(m, v, "title", t->title);
	ssg_map_set_str(m, v, "description", t->description);
	ssg_map_set_str(m, v, "path", t->path);
	ssg_map_set_str(m, v, "url", ssg_routes_table(m, t->name));
	size_t nc = ssg_table_ncols(t->table), nr = ssg_table_nrows(t->table);
	ssg_value *cols = ssg_model_list(m);
	/* Each column's title as its header shows it, repeated on every cell
	 * for the phone's cards (theme: data-label), which show no header. */
	ssg_value **labels = ssg_xcalloc(nc ? nc : 1, sizeof *labels);
	for (size_t c = 0; c < nc; c++) {
		ssg_value *col = ssg_model_map(m);
		labels[c] = t->col_units[c]
				    ? ssg_model_strf(m, "%s (%s)", t->col_titles[c],
						     t->col_units[c])
				    : ssg_model_strf(m, "%s", t->col_titles[c]);
		ssg_map_set(col, "label", labels[c]);
		ssg_map_set_str(m, col, "title", t->col_titles[c]);
		ssg_map_set_str(m, col, "name", ssg_table_colname(t->table, c));
		ssg_map_set_str(m, col, "unit", t->col_units[c]);
		/* A column of figures is right-aligned, header included. */
		bool num = nr > 0;
		for (size_t r = 0; r < nr && num; r++) {
			ssg_num x;
			ssg_str cell = ssg_str_trim((ssg_str){
				ssg_table_cell(t->table, r, c),
				ssg_table_cell_len(t->table, r, c)});
			num = cell.n == 0 || ssg_plan_cell_num(t, r, c, &x);
		}
		ssg_map_set_bool(m, col, "num", num);
		ssg_list_push(cols, col);
	}
	ssg_map_set(v, "columns", cols);
	ssg_value *rows = ssg_model_list(m);
	for (size_t r = 0; r < nr; r++) {
		ssg_value *row = ssg_model_map(m);
		ssg_map_set_str(m, row, "key", t->keys[r]);
		ssg_map_set(row, "anchor",
			    ssg_model_strf(m, "hang-%s",
					   ssg_routes_slug(m, t->keys[r])));
		ssg_value *cells = ssg_model_list(m);
		for (size_t c = 0; c < nc; c++) {
			ssg_value *cell = ssg_view_table_cell(m, t, r, c,
							      t->col_units[c]);
			ssg_map_set(cell, "label", labels[c]);
			/* The key names the row: its header (th scope=row),
			 * the title of the row's card on a phone. */
			ssg_map_set_bool(m, cell, "row_header",
					 c == t->key_cols[0]);
			ssg_list_push(cells, cell);
		}
		ssg_map_set(row, "cells", cells);
		if (row_history && row_history[r])
			ssg_map_set(row, "history", row_history[r]);
		ssg_list_push(rows, row);
	}
	ssg_map_set(v, "rows", rows);
	ssg_map_set_num(m, v, "nrows", (double)nr);
	free(labels);
	return v;
}

ssg_value *ssg_view_post(const ssg_routes *r, ssg_model *m,
			 const ssg_plan_page *pg)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "title", pg->title);
	ssg_map_set_str(m, v, "url", ssg_routes_post_link(r, m, pg->slug));
	ssg_map_set(v, "date", ssg_view_date(m, &pg->date));
	ssg_map_set_str(m, v, "summary", ssg_value_str(ssg_value_get(pg->meta, "summary")));
	return v;
}

void ssg_view_time(ssg_model *m, ssg_value *map, long long t, int offset)
{
	ssg_view_day last = {{0, 0, 0}, NULL};
	ssg_view_time_seq(m, map, t, offset, &last);
}

void ssg_view_time_seq(ssg_model *m, ssg_value *map, long long t, int offset,
		       ssg_view_day *last)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_time_put_vi(&b, t, offset);
	ssg_map_set(map, "date", ssg_model_strn(m, ssg_buf_cstr(&b), b.len));
	ssg_buf_clear(&b);
	ssg_time_put_iso(&b, t, offset);
	ssg_map_set(map, "iso", ssg_model_strn(m, ssg_buf_cstr(&b), b.len));
	ssg_buf_fini(&b);
	ssg_date day = ssg_time_date(t, offset);
	if (!last->v || last->day.year != day.year ||
	    last->day.month != day.month || last->day.day != day.day) {
		last->day = day;
		last->v = ssg_view_date(m, &day);
	}
	ssg_map_set(map, "day", last->v);
}
