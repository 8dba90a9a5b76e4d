#include "site.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fmt.h"
#include "markdown.h"
#include "model.h"
#include "out.h"
#include "repo.h"
#include "template.h"
#include "text.h"
#include "theme.h"

#define SSG_VERSION "0.1"

typedef struct {
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
	/* the page being rendered, for shortcodes and links */
	const char *root;
	const char *page_path;
} site;

/* ---- small helpers ----------------------------------------------- */

static const char *meta_str(const ssg_value *meta, const char *key)
{
	const char *s = ssg_value_str(ssg_value_get(meta, key));
	return s ? s : "";
}

/* "../../" for a page two directories deep. */
static const char *root_for(ssg_model *m, const char *dir)
{
	ssg_buf b;
	ssg_buf_init(&b);
	for (const char *c = dir; *c; c++)
		if (*c == '/')
			ssg_buf_puts(&b, "../");
	if (b.len == 0)
		ssg_buf_puts(&b, "./");
	const char *r = ssg_value_str(ssg_model_strn(m, ssg_buf_cstr(&b), b.len));
	ssg_buf_fini(&b);
	return r;
}

static int write_bytes(site *s, const char *path, const char *data,
		       size_t len)
{
	if (!s->out)
		return SSG_OK;
	return ssg_out_write(s->out, path, data, len, s->d);
}

/* Renders template `name` for the page in directory `dir` ("" for the
 * home page, "tasks/" ...) and writes dir/index.html. */
static int write_page(site *s, ssg_model *m, const char *dir,
		      const char *name, ssg_value *page)
{
	ssg_map_set(page, "site", s->site);
	ssg_map_set_str(m, page, "root", root_for(m, dir));
	ssg_map_set_str(m, page, "path", dir);
	ssg_buf html;
	ssg_buf_init(&html);
	int rc = ssg_templates_render(s->tpl, name, page, &html, s->d);
	if (rc == SSG_OK) {
		const char *path =
			ssg_value_str(ssg_model_strf(m, "%sindex.html", dir));
		rc = write_bytes(s, path, ssg_buf_cstr(&html), html.len);
	}
	ssg_buf_fini(&html);
	return rc;
}

/* ---- theme ------------------------------------------------------- */

static bool is_template(const char *path, ssg_str *name)
{
	/* theme/NAME.mustache, directly under theme/ */
	const char *base = path + 6;
	size_t n = strlen(base);
	if (strchr(base, '/') || n <= 9 || strcmp(base + n - 9, ".mustache"))
		return false;
	name->p = base;
	name->n = n - 9;
	return true;
}

static int theme_add(site *s, const char *path, const char *data, size_t len)
{
	ssg_str name;
	if (is_template(path, &name)) {
		char *nm = ssg_xstrndup(name.p, name.n);
		int rc = ssg_templates_add(s->tpl, nm, data, len, path, s->d);
		free(nm);
		return rc;
	}
	return SSG_OK;
}

/* The built-in theme first, then the repository's theme/ files, which
 * replace built-in ones of the same name. */
static int theme_load(site *s)
{
	int rc = SSG_OK;
	s->tpl = ssg_templates_new();
	for (size_t i = 0; i < ssg_theme_nfiles; i++) {
		const ssg_theme_file *f = &ssg_theme_files[i];
		if (ssg_snapshot_find(s->snap, f->path))
			continue;
		if (theme_add(s, f->path, f->data, f->len))
			rc = SSG_ERR_CONTENT;
	}
	size_t n = ssg_snapshot_count(s->snap);
	for (size_t i = 0; i < n; i++) {
		const ssg_file *f = ssg_snapshot_file(s->snap, i);
		if (strncmp(f->path, "theme/", 6) != 0)
			continue;
		const char *data;
		size_t len;
		if (ssg_snapshot_read(s->snap, f, &data, &len, s->d) ||
		    theme_add(s, f->path, data, len))
			rc = SSG_ERR_CONTENT;
	}
	return rc;
}

/* Copies theme/static/... to static/... in the same override order. */
static int theme_static(site *s)
{
	int rc = SSG_OK;
	for (size_t i = 0; i < ssg_theme_nfiles && rc == SSG_OK; i++) {
		const ssg_theme_file *f = &ssg_theme_files[i];
		if (strncmp(f->path, "theme/static/", 13) != 0 ||
		    ssg_snapshot_find(s->snap, f->path))
			continue;
		rc = write_bytes(s, f->path + 6, f->data, f->len);
	}
	size_t n = ssg_snapshot_count(s->snap);
	for (size_t i = 0; i < n && rc == SSG_OK; i++) {
		const ssg_file *f = ssg_snapshot_file(s->snap, i);
		if (strncmp(f->path, "theme/static/", 13) != 0)
			continue;
		const char *data;
		size_t len;
		rc = ssg_snapshot_read(s->snap, f, &data, &len, s->d);
		if (rc == SSG_OK)
			rc = write_bytes(s, f->path + 6, data, len);
	}
	return rc;
}

/* ---- values ------------------------------------------------------ */

/* A cell as the reader sees it: {text, num, machine}.  `text` is the
 * Vietnamese form of a number (with % when the unit is %), or the cell
 * as written; `machine` the dot-decimal form for <data value>. */
static ssg_value *cell_value(ssg_model *m, const char *text, size_t n,
			     const char *unit)
{
	ssg_value *v = ssg_model_map(m);
	ssg_num num;
	ssg_buf b;
	ssg_buf_init(&b);
	if (ssg_num_parse(text, n, &num)) {
		ssg_num_put_vi(&b, &num);
		if (!num.percent && unit && strcmp(unit, "%") == 0)
			ssg_buf_putc(&b, '%');
		ssg_map_set(v, "text", ssg_model_strn(m, b.data, b.len));
		ssg_buf_clear(&b);
		ssg_num_put_plain(&b, &num);
		ssg_map_set(v, "machine", ssg_model_strn(m, b.data, b.len));
		ssg_map_set_bool(m, v, "num", true);
	} else {
		ssg_str t = ssg_str_trim((ssg_str){text, n});
		ssg_map_set(v, "text", ssg_model_strn(m, t.p, t.n));
		ssg_map_set_bool(m, v, "num", false);
	}
	ssg_map_set_bool(m, v, "empty", ssg_str_trim((ssg_str){text, n}).n == 0);
	ssg_buf_fini(&b);
	return v;
}

static ssg_value *date_value(ssg_model *m, const ssg_date *dt)
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
	bool met = x->down ? r <= t : r >= t;
	if (hb && t != b) {
		*pct = (r - b) / (t - b) * 100.0;
		*has_pct = true;
	} else if (met) {
		*pct = 100;
		*has_pct = true;
	}
	if (*pct < 0)
		*pct = 0;
	if (*pct > 100)
		*pct = 100;
	if (met) {
		*key = "met";
		*word = "Đạt";
		return;
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

static void put_pct(ssg_model *m, ssg_value *map, double pct)
{
	/* Whole percent: a bar needs no more precision, and it keeps the
	 * output identical across libm versions. */
	long w = lround(pct);
	ssg_map_set(map, "pct", ssg_model_strf(m, "%ld", w));
}

static const char *url_segment(ssg_model *m, const char *id)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_slug(&b, id, strlen(id));
	if (b.len == 0)
		ssg_buf_puts(&b, "_");
	const char *r = ssg_value_str(ssg_model_strn(m, b.data, b.len));
	ssg_buf_fini(&b);
	return r;
}

static int plan_year(const site *s)
{
	const char *y = meta_str(ssg_plan_meta(s->plan), "year");
	return atoi(y);
}

static ssg_value *indicator_value(site *s, const ssg_plan_indicator *x)
{
	ssg_model *m = s->m;
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "id", x->id);
	ssg_map_set_str(m, v, "name", x->name);
	ssg_map_set_str(m, v, "unit", x->unit);
	ssg_map_set_str(m, v, "note", x->note);
	ssg_map_set_str(m, v, "source", x->source);
	ssg_map_set(v, "url", ssg_model_strf(m, "indicators/%s/",
					     url_segment(m, x->id)));
	ssg_map_set(v, "baseline",
		    cell_value(m, x->baseline, strlen(x->baseline), x->unit));
	ssg_map_set(v, "target",
		    cell_value(m, x->target, strlen(x->target), x->unit));
	ssg_map_set(v, "result",
		    cell_value(m, x->result, strlen(x->result), x->unit));
	ssg_map_set_str(m, v, "as_of", "");
	if (x->has_as_of)
		ssg_map_set(v, "as_of", date_value(m, &x->as_of));
	ssg_map_set_str(m, v, "direction",
			x->down ? "Càng thấp càng tốt" : "Càng cao càng tốt");
	const char *key, *word;
	double pct;
	bool has_pct;
	indicator_status(x, plan_year(s), &key, &word, &pct, &has_pct);
	ssg_value *st = ssg_model_map(m);
	ssg_map_set_str(m, st, "key", key);
	ssg_map_set_str(m, st, "word", word);
	ssg_map_set(v, "status", st);
	if (has_pct) {
		ssg_value *pr = ssg_model_map(m);
		put_pct(m, pr, pct);
		ssg_map_set(v, "progress", pr);
	}
	return v;
}

static const char *task_status_key(ssg_task_status st)
{
	switch (st) {
	case SSG_STATUS_PLANNED: return "planned";
	case SSG_STATUS_IN_PROGRESS: return "in_progress";
	case SSG_STATUS_DONE: return "done";
	case SSG_STATUS_CANCELLED: return "cancelled";
	default: return "none";
	}
}

static const char *task_status_word(ssg_task_status st)
{
	switch (st) {
	case SSG_STATUS_PLANNED: return "Chưa triển khai";
	case SSG_STATUS_IN_PROGRESS: return "Đang thực hiện";
	case SSG_STATUS_DONE: return "Hoàn thành";
	case SSG_STATUS_CANCELLED: return "Đã hủy";
	default: return "Chưa cập nhật";
	}
}

static ssg_value *task_value(site *s, const ssg_plan_task *x)
{
	ssg_model *m = s->m;
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "id", x->id);
	ssg_map_set_str(m, v, "title", x->title);
	ssg_map_set_str(m, v, "lead", x->lead);
	ssg_map_set_str(m, v, "timeframe", x->timeframe);
	ssg_map_set_str(m, v, "note", x->note);
	ssg_map_set(v, "anchor", ssg_model_strf(m, "nhiem-vu-%s",
						url_segment(m, x->id)));
	ssg_value *partners = ssg_model_list(m);
	for (size_t i = 0; i < x->npartners; i++)
		ssg_list_push(partners, ssg_model_str(m, x->partners[i]));
	if (x->npartners)
		ssg_map_set(v, "partners", partners);
	ssg_value *st = ssg_model_map(m);
	ssg_map_set_str(m, st, "key", task_status_key(x->status));
	ssg_map_set_str(m, st, "word", task_status_word(x->status));
	ssg_map_set(v, "status", st);
	if (x->has_progress) {
		ssg_value *pr = ssg_model_map(m);
		put_pct(m, pr, x->progress);
		ssg_map_set(v, "progress", pr);
	}
	return v;
}

/* A generic table: captions, column titles, rows of cells. */
static ssg_value *table_value(site *s, ssg_model *m, const ssg_plan_table *t)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "name", t->name);
	ssg_map_set_str(m, v, "title", t->title);
	ssg_map_set_str(m, v, "description", t->description);
	ssg_map_set_str(m, v, "path", t->path);
	ssg_map_set(v, "url", ssg_model_strf(m, "tables/%s/",
					     url_segment(m, t->name)));
	size_t nc = ssg_table_ncols(t->table), nr = ssg_table_nrows(t->table);
	ssg_value *cols = ssg_model_list(m);
	for (size_t c = 0; c < nc; c++) {
		ssg_value *col = ssg_model_map(m);
		ssg_map_set_str(m, col, "title", t->col_titles[c]);
		ssg_map_set_str(m, col, "name", ssg_table_colname(t->table, c));
		ssg_map_set_str(m, col, "unit", t->col_units[c]);
		ssg_list_push(cols, col);
	}
	ssg_map_set(v, "columns", cols);
	ssg_value *rows = ssg_model_list(m);
	for (size_t r = 0; r < nr; r++) {
		ssg_value *row = ssg_model_map(m);
		ssg_map_set_str(m, row, "key", t->keys[r]);
		ssg_map_set(row, "anchor",
			    ssg_model_strf(m, "hang-%s",
					   url_segment(m, t->keys[r])));
		ssg_value *cells = ssg_model_list(m);
		for (size_t c = 0; c < nc; c++)
			ssg_list_push(cells,
				      cell_value(m, ssg_table_cell(t->table, r, c),
						 ssg_table_cell_len(t->table, r, c),
						 t->col_units[c]));
		ssg_map_set(row, "cells", cells);
		ssg_list_push(rows, row);
	}
	ssg_map_set(v, "rows", rows);
	ssg_map_set_num(m, v, "nrows", (double)nr);
	(void)s;
	return v;
}

/* ---- Markdown with shortcodes ------------------------------------ */

static int render_embed(site *s, const char *tpl, const char *key,
			const ssg_value *val, ssg_buf *out)
{
	ssg_model *m = ssg_model_new();
	ssg_value *data = ssg_model_map(m);
	ssg_map_set_str(m, data, "root", s->root);
	ssg_map_set(data, "site", s->site);
	ssg_map_set(data, key, val);
	int rc = ssg_templates_render(s->tpl, tpl, data, out, s->d);
	ssg_model_free(m);
	return rc;
}

/* A table that failed to load was reported where it failed; say nothing
 * more about it here. */
static int missing_table(site *s, const char *name, const char *path,
			 unsigned line, unsigned col, ssg_diags *d)
{
	if (!ssg_plan_table_failed(s->plan, name))
		ssg_diags_error(d, path, line, col,
				"unknown table '%s': there is no data/%s.csv",
				name, name);
	return SSG_ERR_CONTENT;
}

static int shortcode_table(site *s, const char *name, bool block,
			   ssg_buf *out, const char *path, unsigned line,
			   unsigned col, ssg_diags *d)
{
	if (!block) {
		ssg_diags_error(d, path, line, col,
				"{{table %s}} must stand alone in its "
				"paragraph",
				name);
		return SSG_ERR_CONTENT;
	}
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, name);
	if (!t)
		return missing_table(s, name, path, line, col, d);
	if (strcmp(name, "indicators") == 0)
		return render_embed(s, "embed-indicators", "indicators",
				    s->indicators, out);
	if (strcmp(name, "tasks") == 0)
		return render_embed(s, "embed-tasks", "tasks", s->tasks, out);
	ssg_model *m = ssg_model_new();
	int rc = render_embed(s, "embed-table", "table", table_value(s, m, t),
			      out);
	ssg_model_free(m);
	return rc;
}

/* {{value TABLE ID FIELD}}: one figure quoted from the data, so the text
 * and the table can never disagree. */
static int shortcode_value(site *s, const char *const *argv, ssg_buf *out,
			   const char *path, unsigned line, unsigned col,
			   ssg_diags *d)
{
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, argv[0]);
	if (!t)
		return missing_table(s, argv[0], path, line, col, d);
	long r = ssg_plan_table_row(t, argv[1]);
	if (r < 0) {
		ssg_diags_error(d, path, line, col,
				"table '%s' has no row with key '%s'", argv[0],
				argv[1]);
		return SSG_ERR_CONTENT;
	}
	long c = ssg_table_col_find(t->table, argv[2]);
	if (c < 0) {
		ssg_diags_error(d, path, line, col,
				"table '%s' has no column '%s'", argv[0],
				argv[2]);
		return SSG_ERR_CONTENT;
	}
	const char *unit = t->col_units[c];
	long uc = ssg_table_col_find(t->table, "unit");
	if (!unit && uc >= 0)
		unit = ssg_table_cell(t->table, (size_t)r, (size_t)uc);
	ssg_model *m = ssg_model_new();
	const ssg_value *v = cell_value(
		m, ssg_table_cell(t->table, (size_t)r, (size_t)c),
		ssg_table_cell_len(t->table, (size_t)r, (size_t)c), unit);
	const char *text = ssg_value_str(ssg_value_get(v, "text"));
	if (ssg_value_bool(ssg_value_get(v, "num"))) {
		const char *mach = ssg_value_str(ssg_value_get(v, "machine"));
		ssg_buf_puts(out, "<data value=\"");
		ssg_buf_put_html(out, mach, strlen(mach));
		ssg_buf_puts(out, "\">");
		ssg_buf_put_html(out, text, strlen(text));
		ssg_buf_puts(out, "</data>");
	} else {
		ssg_buf_put_html(out, text, strlen(text));
	}
	ssg_model_free(m);
	return SSG_OK;
}

static int shortcode(void *ctx, const char *name, const char *const *argv,
		     size_t argc, bool block, ssg_buf *out, const char *path,
		     unsigned line, unsigned col, ssg_diags *d)
{
	site *s = ctx;
	if (strcmp(name, "table") == 0 && argc == 1)
		return shortcode_table(s, argv[0], block, out, path, line, col,
				       d);
	if (strcmp(name, "tasks") == 0 && argc == 0)
		return shortcode_table(s, "tasks", block, out, path, line, col,
				       d);
	if (strcmp(name, "indicators") == 0 && argc == 0)
		return shortcode_table(s, "indicators", block, out, path, line,
				       col, d);
	if (strcmp(name, "value") == 0 && argc == 3)
		return shortcode_value(s, argv, out, path, line, col, d);
	ssg_diags_error(d, path, line, col,
			"unknown shortcode {{%s}} with %zu argument(s): use "
			"{{table NAME}}, {{tasks}}, {{indicators}} or {{value "
			"TABLE ID COLUMN}}",
			name, argc);
	return SSG_ERR_CONTENT;
}

/* "03-nhiem-vu.md#x" → "../nhiem-vu/#x": authors link files, readers
 * get pages. */
static bool rewrite_link(void *ctx, const char *url, ssg_buf *out)
{
	site *s = ctx;
	if (strstr(url, "://") || url[0] == '/' || url[0] == '#')
		return false;
	const char *hash = strchr(url, '#');
	size_t n = hash ? (size_t)(hash - url) : strlen(url);
	if (n > 2 && url[0] == '.' && url[1] == '/') {
		url += 2;
		n -= 2;
	}
	if (n < 4 || strncmp(url + n - 3, ".md", 3) != 0)
		return false;
	for (size_t i = 0; i < ssg_plan_nsections(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_section(s->plan, i);
		const char *base = strrchr(pg->path, '/') + 1;
		if (strlen(base) == n && strncmp(base, url, n) == 0) {
			ssg_buf_puts(out, s->root);
			ssg_buf_put_url_path(out, pg->slug, strlen(pg->slug));
			ssg_buf_putc(out, '/');
			if (hash)
				ssg_buf_puts(out, hash);
			return true;
		}
	}
	for (size_t i = 0; i < ssg_plan_nposts(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_post(s->plan, i);
		const char *rel = pg->path + 8; /* "posts/x.md" */
		const char *base = strrchr(pg->path, '/') + 1;
		if ((strlen(rel) == n && strncmp(rel, url, n) == 0) ||
		    (strlen(base) == n && strncmp(base, url, n) == 0)) {
			ssg_buf_puts(out, s->root);
			ssg_buf_puts(out, "posts/");
			ssg_buf_put_url_path(out, pg->slug, strlen(pg->slug));
			ssg_buf_putc(out, '/');
			if (hash)
				ssg_buf_puts(out, hash);
			return true;
		}
	}
	return false;
}

/* Renders a page's Markdown into page.html (and page.toc). */
static int render_body(site *s, ssg_model *m, ssg_value *page,
		       const ssg_plan_page *pg, const char *dir)
{
	ssg_md_hooks hooks = {shortcode, rewrite_link, s};
	ssg_buf html, toc;
	ssg_buf_init(&html);
	ssg_buf_init(&toc);
	s->root = root_for(m, dir);
	s->page_path = pg->path;
	int rc = ssg_md_render(pg->path, pg->body, pg->body_len, pg->body_line,
			       &hooks, &html, &toc, s->d);
	if (rc == SSG_OK) {
		ssg_map_set(page, "html", ssg_model_strn(m, ssg_buf_cstr(&html),
							 html.len));
		if (toc.len)
			ssg_map_set(page, "toc",
				    ssg_model_strn(m, toc.data, toc.len));
	}
	ssg_buf_fini(&html);
	ssg_buf_fini(&toc);
	return rc;
}

/* ---- the site map shared by every page --------------------------- */

static void site_build_info(site *s)
{
	ssg_model *m = s->m;
	ssg_value *b = ssg_model_map(m);
	const ssg_commit_info *c = ssg_snapshot_commit(s->snap);
	ssg_map_set_bool(m, b, "worktree", ssg_snapshot_is_worktree(s->snap));
	ssg_map_set_str(m, b, "version", SSG_VERSION);
	if (c) {
		ssg_buf t;
		ssg_buf_init(&t);
		ssg_map_set_str(m, b, "oid", c->oid);
		ssg_map_set_str(m, b, "short", c->short_oid);
		ssg_time_put_vi(&t, c->time, c->offset);
		ssg_map_set(b, "date", ssg_model_strn(m, t.data, t.len));
		ssg_buf_clear(&t);
		ssg_time_put_iso(&t, c->time, c->offset);
		ssg_map_set(b, "iso", ssg_model_strn(m, t.data, t.len));
		ssg_buf_fini(&t);
		s->today = ssg_time_date(c->time, c->offset);
		s->has_today = true;
		ssg_map_set(b, "today", date_value(m, &s->today));
	}
	ssg_map_set(s->site, "build", b);
}

static void site_reports(site *s)
{
	ssg_model *m = s->m;
	const ssg_value *reps = ssg_value_get(ssg_plan_meta(s->plan), "reports");
	ssg_value *list = ssg_model_list(m);
	for (size_t i = 0; i < ssg_value_len(reps); i++) {
		const ssg_value *r = ssg_value_at(reps, i);
		ssg_value *v = ssg_model_map(m);
		ssg_map_set_str(m, v, "name", meta_str(r, "name"));
		ssg_map_set_str(m, v, "description", meta_str(r, "description"));
		ssg_date due;
		const char *ds = meta_str(r, "due");
		if (ssg_date_parse(ds, strlen(ds), &due)) {
			ssg_map_set(v, "due", date_value(m, &due));
			bool past = s->has_today &&
				    ssg_date_cmp(&s->today, &due) > 0;
			ssg_map_set_str(m, v, "state",
					past ? "Đã qua hạn" : "Chưa đến hạn");
			ssg_map_set_str(m, v, "state_key",
					past ? "past" : "upcoming");
		}
		ssg_list_push(list, v);
	}
	ssg_map_set(s->site, "reports", list);
	ssg_map_set_bool(m, s->site, "has_reports", ssg_value_len(list) > 0);
}

/* Checks the front matter of content/_index.md that the site reads. */
static int site_check_meta(site *s)
{
	int rc = SSG_OK;
	const ssg_plan_page *ix = ssg_plan_index(s->plan);
	const ssg_value *reps = ssg_value_get(ix->meta, "reports");
	if (reps && ssg_value_type(reps) != SSG_V_LIST) {
		ssg_diags_error(s->d, ix->path, ssg_value_line(reps),
				ssg_value_col(reps),
				"reports must be a list of {name, due}");
		return SSG_ERR_CONTENT;
	}
	for (size_t i = 0; i < ssg_value_len(reps); i++) {
		const ssg_value *r = ssg_value_at(reps, i);
		const ssg_value *due = ssg_value_get(r, "due");
		ssg_date dt;
		if (!*meta_str(r, "name")) {
			ssg_diags_error(s->d, ix->path, ssg_value_line(r),
					ssg_value_col(r),
					"report %zu needs a name", i + 1);
			rc = SSG_ERR_CONTENT;
		}
		if (!ssg_value_str(due) ||
		    !ssg_date_parse(ssg_value_str(due), ssg_value_strlen(due),
				    &dt)) {
			ssg_diags_error(s->d, ix->path,
					due ? ssg_value_line(due)
					    : ssg_value_line(r),
					due ? ssg_value_col(due)
					    : ssg_value_col(r),
					"report %zu: due must be a real date "
					"written dd/mm/yyyy",
					i + 1);
			rc = SSG_ERR_CONTENT;
		}
	}
	return rc;
}

static void nav_add(ssg_model *m, ssg_value *nav, const char *label,
		    const char *url)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "label", label);
	ssg_map_set_str(m, v, "url", url);
	ssg_list_push(nav, v);
}

static void site_nav(site *s)
{
	ssg_model *m = s->m;
	ssg_value *nav = ssg_model_list(m);
	nav_add(m, nav, "Tổng quan", "");
	ssg_value *secs = ssg_model_list(m);
	for (size_t i = 0; i < ssg_plan_nsections(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_section(s->plan, i);
		ssg_value *v = ssg_model_map(m);
		ssg_map_set_str(m, v, "title", pg->title);
		ssg_map_set_str(m, v, "numeral", pg->numeral);
		ssg_map_set(v, "url", ssg_model_strf(m, "%s/", pg->slug));
		ssg_list_push(secs, v);
	}
	ssg_map_set(s->site, "sections", secs);
	if (ssg_plan_nindicators(s->plan))
		nav_add(m, nav, "Chỉ tiêu", "indicators/");
	if (ssg_plan_ntasks(s->plan))
		nav_add(m, nav, "Nhiệm vụ", "tasks/");
	if (ssg_plan_nposts(s->plan))
		nav_add(m, nav, "Tin tức", "posts/");
	nav_add(m, nav, "Dữ liệu mở", "data/");
	nav_add(m, nav, "Công khai thông tin", "disclosure/");
	ssg_map_set(s->site, "nav", nav);
}

static void site_meta(site *s)
{
	ssg_model *m = s->m;
	const ssg_value *meta = ssg_plan_meta(s->plan);
	static const char *const keys[] = {
		"title",  "short_title", "district", "province",
		"year",   "issuer",      "number",   "place_date",
		"doc_type", "recipients_note", NULL};
	for (size_t i = 0; keys[i]; i++)
		ssg_map_set_str(m, s->site, keys[i], meta_str(meta, keys[i]));
	if (!*meta_str(meta, "short_title"))
		ssg_map_set_str(m, s->site, "short_title",
				meta_str(meta, "title"));
	ssg_map_set(s->site, "signer", ssg_value_get(meta, "signer"));
	ssg_map_set(s->site, "recipients", ssg_value_get(meta, "recipients"));
	ssg_map_set_str(m, s->site, "generator", "ssg " SSG_VERSION);
}

/* ---- pages ------------------------------------------------------- */

/* Each page gets its own arena for what is only its own; the nav list is
 * copied so that the current entry can be marked. */
static ssg_value *page_new(site *s, ssg_model *m, const char *title,
			   const char *nav_url)
{
	ssg_value *page = ssg_model_map(m);
	ssg_map_set_str(m, page, "title", title);
	const ssg_value *nav = ssg_value_get(s->site, "nav");
	ssg_value *mine = ssg_model_list(m);
	for (size_t i = 0; i < ssg_value_len(nav); i++) {
		const ssg_value *it = ssg_value_at(nav, i);
		const char *url = ssg_value_str(ssg_value_get(it, "url"));
		ssg_value *v = ssg_model_map(m);
		ssg_map_set(v, "label", ssg_value_get(it, "label"));
		ssg_map_set(v, "url", ssg_value_get(it, "url"));
		ssg_map_set_bool(m, v, "current",
				 nav_url && strcmp(url, nav_url) == 0);
		ssg_list_push(mine, v);
	}
	ssg_map_set(page, "nav", mine);
	return page;
}

static ssg_value *task_summary(site *s, ssg_model *m)
{
	static const ssg_task_status order[] = {
		SSG_STATUS_DONE, SSG_STATUS_IN_PROGRESS, SSG_STATUS_PLANNED,
		SSG_STATUS_CANCELLED, SSG_STATUS_NONE};
	ssg_value *list = ssg_model_list(m);
	for (size_t k = 0; k < sizeof(order) / sizeof(*order); k++) {
		size_t n = 0;
		for (size_t i = 0; i < ssg_plan_ntasks(s->plan); i++)
			n += ssg_plan_task_at(s->plan, i)->status == order[k];
		if (!n)
			continue;
		ssg_value *v = ssg_model_map(m);
		ssg_map_set_str(m, v, "key", task_status_key(order[k]));
		ssg_map_set_str(m, v, "word", task_status_word(order[k]));
		ssg_map_set(v, "count", ssg_model_strf(m, "%zu", n));
		ssg_list_push(list, v);
	}
	return list;
}

static ssg_value *post_value(ssg_model *m, const ssg_plan_page *pg)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "title", pg->title);
	ssg_map_set(v, "url", ssg_model_strf(m, "posts/%s/", pg->slug));
	ssg_map_set(v, "date", date_value(m, &pg->date));
	ssg_map_set_str(m, v, "summary", meta_str(pg->meta, "summary"));
	return v;
}

static int page_index(site *s)
{
	ssg_model *m = ssg_model_new();
	ssg_value *page = page_new(s, m, "Tổng quan", "");
	const ssg_plan_page *ix = ssg_plan_index(s->plan);
	int rc = ix->path ? render_body(s, m, page, ix, "") : SSG_ERR_CONTENT;
	ssg_map_set(page, "indicators", s->indicators);
	ssg_map_set_bool(m, page, "has_indicators",
			 ssg_value_len(s->indicators) > 0);
	if (ssg_plan_ntasks(s->plan)) {
		ssg_map_set(page, "task_summary", task_summary(s, m));
		ssg_map_set(page, "ntasks", ssg_model_strf(m, "%zu",
					ssg_plan_ntasks(s->plan)));
	}
	ssg_value *posts = ssg_model_list(m);
	for (size_t i = 0; i < ssg_plan_nposts(s->plan) && i < 5; i++)
		ssg_list_push(posts, post_value(m, ssg_plan_post(s->plan, i)));
	ssg_map_set(page, "posts", posts);
	ssg_map_set_bool(m, page, "has_posts", ssg_value_len(posts) > 0);
	if (rc == SSG_OK)
		rc = write_page(s, m, "", "index", page);
	ssg_model_free(m);
	return rc;
}

static int page_sections(site *s)
{
	int rc = SSG_OK;
	size_t n = ssg_plan_nsections(s->plan);
	for (size_t i = 0; i < n; i++) {
		const ssg_plan_page *pg = ssg_plan_section(s->plan, i);
		ssg_model *m = ssg_model_new();
		const char *dir =
			ssg_value_str(ssg_model_strf(m, "%s/", pg->slug));
		ssg_value *page = page_new(s, m, pg->title, NULL);
		ssg_map_set_str(m, page, "heading", pg->heading);
		ssg_map_set_str(m, page, "numeral", pg->numeral);
		ssg_map_set_str(m, page, "source", pg->path);
		const ssg_value *secs = ssg_value_get(s->site, "sections");
		if (i > 0)
			ssg_map_set(page, "prev", ssg_value_at(secs, i - 1));
		if (i + 1 < n)
			ssg_map_set(page, "next", ssg_value_at(secs, i + 1));
		int r = render_body(s, m, page, pg, dir);
		if (r == SSG_OK)
			r = write_page(s, m, dir, "section", page);
		if (r)
			rc = r; /* go on: report every page's problems */
		ssg_model_free(m);
	}
	return rc;
}

static int page_indicators(site *s)
{
	size_t n = ssg_value_len(s->indicators);
	if (!n)
		return SSG_OK;
	ssg_model *m = ssg_model_new();
	ssg_value *page = page_new(s, m, "Chỉ tiêu", "indicators/");
	ssg_map_set(page, "indicators", s->indicators);
	int rc = write_page(s, m, "indicators/", "indicators", page);
	ssg_model_free(m);
	for (size_t i = 0; i < n && rc == SSG_OK; i++) {
		const ssg_value *x = ssg_value_at(s->indicators, i);
		m = ssg_model_new();
		const char *name = ssg_value_str(ssg_value_get(x, "name"));
		page = page_new(s, m, name, "indicators/");
		ssg_map_set(page, "indicator", x);
		rc = write_page(s, m, ssg_value_str(ssg_value_get(x, "url")),
				"indicator", page);
		ssg_model_free(m);
	}
	return rc;
}

static int page_tasks(site *s)
{
	if (!ssg_plan_ntasks(s->plan))
		return SSG_OK;
	ssg_model *m = ssg_model_new();
	ssg_value *page = page_new(s, m, "Nhiệm vụ", "tasks/");
	ssg_map_set(page, "tasks", s->tasks);
	ssg_map_set(page, "task_summary", task_summary(s, m));
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, "tasks");
	ssg_map_set_str(m, page, "source", t->path);
	int rc = write_page(s, m, "tasks/", "tasks", page);
	ssg_model_free(m);
	return rc;
}

static bool is_typed_table(const char *name)
{
	return strcmp(name, "indicators") == 0 || strcmp(name, "tasks") == 0;
}

static int page_tables(site *s)
{
	int rc = SSG_OK;
	for (size_t i = 0; i < ssg_plan_ntables(s->plan) && rc == SSG_OK; i++) {
		const ssg_plan_table *t = ssg_plan_table_at(s->plan, i);
		if (is_typed_table(t->name))
			continue;
		ssg_model *m = ssg_model_new();
		ssg_value *tv = table_value(s, m, t);
		ssg_value *page = page_new(s, m, t->title, "data/");
		ssg_map_set(page, "table", tv);
		rc = write_page(s, m, ssg_value_str(ssg_value_get(tv, "url")),
				"table", page);
		ssg_model_free(m);
	}
	return rc;
}

static int page_posts(site *s)
{
	size_t n = ssg_plan_nposts(s->plan);
	if (!n)
		return SSG_OK;
	int rc = SSG_OK;
	ssg_model *lm = ssg_model_new();
	ssg_value *list = ssg_model_list(lm);
	for (size_t i = 0; i < n; i++) {
		const ssg_plan_page *pg = ssg_plan_post(s->plan, i);
		ssg_list_push(list, post_value(lm, pg));
		ssg_model *m = ssg_model_new();
		ssg_value *page = page_new(s, m, pg->title, "posts/");
		ssg_map_set(page, "post", post_value(m, pg));
		const char *dir =
			ssg_value_str(ssg_model_strf(m, "posts/%s/", pg->slug));
		int r = render_body(s, m, page, pg, dir);
		if (r == SSG_OK)
			r = write_page(s, m, dir, "post", page);
		if (r)
			rc = r;
		ssg_model_free(m);
	}
	ssg_value *page = page_new(s, lm, "Tin tức", "posts/");
	ssg_map_set(page, "posts", list);
	if (rc == SSG_OK)
		rc = write_page(s, lm, "posts/", "posts", page);
	ssg_model_free(lm);
	return rc;
}

/* ---- open data --------------------------------------------------- */

static void csv_field(ssg_buf *b, const char *s, size_t n)
{
	bool quote = n && (s[0] == ' ' || s[n - 1] == ' ');
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
			s[i] == '\r';
	if (!quote) {
		ssg_buf_put(b, s, n);
		return;
	}
	ssg_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			ssg_buf_putc(b, '"');
		ssg_buf_putc(b, s[i]);
	}
	ssg_buf_putc(b, '"');
}

/* Machine-friendly copies: comma-separated with dot decimals, and JSON
 * with numbers as numbers (key columns stay text). */
static int open_data(site *s, ssg_value *list)
{
	int rc = SSG_OK;
	ssg_buf csv, json;
	ssg_buf_init(&csv);
	ssg_buf_init(&json);
	for (size_t i = 0; i < ssg_plan_ntables(s->plan) && rc == SSG_OK; i++) {
		const ssg_plan_table *t = ssg_plan_table_at(s->plan, i);
		size_t nc = ssg_table_ncols(t->table);
		size_t nr = ssg_table_nrows(t->table);
		ssg_buf_clear(&csv);
		ssg_buf_clear(&json);
		for (size_t c = 0; c < nc; c++) {
			const char *name = ssg_table_colname(t->table, c);
			if (c)
				ssg_buf_putc(&csv, ',');
			csv_field(&csv, name, strlen(name));
		}
		ssg_buf_puts(&csv, "\r\n");
		ssg_buf_puts(&json, "[");
		for (size_t r = 0; r < nr; r++) {
			ssg_buf_puts(&json, r ? ",\n {" : "\n {");
			for (size_t c = 0; c < nc; c++) {
				const char *v = ssg_table_cell(t->table, r, c);
				size_t vn = ssg_table_cell_len(t->table, r, c);
				const char *name = ssg_table_colname(t->table, c);
				bool key = false;
				for (size_t k = 0; k < t->nkey; k++)
					key = key || t->key_cols[k] == c;
				ssg_num num;
				bool isnum = !key && ssg_num_parse(v, vn, &num);
				if (c) {
					ssg_buf_putc(&csv, ',');
					ssg_buf_puts(&json, ", ");
				}
				ssg_buf_put_json(&json, name, strlen(name));
				ssg_buf_puts(&json, ": ");
				if (isnum) {
					size_t at = csv.len;
					ssg_num_put_plain(&csv, &num);
					ssg_buf_put(&json, csv.data + at,
						    csv.len - at);
				} else {
					csv_field(&csv, v, vn);
					ssg_buf_put_json(&json, v, vn);
				}
			}
			ssg_buf_puts(&csv, "\r\n");
			ssg_buf_putc(&json, '}');
		}
		ssg_buf_puts(&json, "\n]\n");
		const char *path = ssg_value_str(
			ssg_model_strf(s->m, "data/%s.csv", t->name));
		rc = write_bytes(s, path, ssg_buf_cstr(&csv), csv.len);
		path = ssg_value_str(
			ssg_model_strf(s->m, "data/%s.json", t->name));
		if (rc == SSG_OK)
			rc = write_bytes(s, path, ssg_buf_cstr(&json), json.len);
		ssg_value *v = ssg_model_map(s->m);
		ssg_map_set_str(s->m, v, "name", t->name);
		ssg_map_set_str(s->m, v, "title", t->title);
		ssg_map_set_str(s->m, v, "description", t->description);
		ssg_map_set(v, "rows", ssg_model_strf(s->m, "%zu", nr));
		if (!is_typed_table(t->name))
			ssg_map_set(v, "url", ssg_model_strf(s->m, "tables/%s/",
						url_segment(s->m, t->name)));
		else
			ssg_map_set_str(s->m, v, "url",
					strcmp(t->name, "tasks") == 0
						? "tasks/"
						: "indicators/");
		ssg_list_push(list, v);
	}
	ssg_buf_fini(&csv);
	ssg_buf_fini(&json);
	return rc;
}

static int page_data(site *s)
{
	ssg_value *tables = ssg_model_list(s->m);
	int rc = open_data(s, tables);
	ssg_map_set(s->site, "tables", tables);
	if (rc)
		return rc;
	ssg_model *m = ssg_model_new();
	ssg_value *page = page_new(s, m, "Dữ liệu mở", "data/");
	ssg_map_set(page, "tables", tables);
	rc = write_page(s, m, "data/", "data", page);
	ssg_model_free(m);
	return rc;
}

/* The directory of disclosed information (Law on Access to Information
 * 2016 art. 19, Decree 13/2018 art. 6): the plan, its posts and its data,
 * each with number, date, form and when it was published here. */
static int page_disclosure(site *s)
{
	ssg_model *m = ssg_model_new();
	ssg_value *page = page_new(s, m, "Công khai thông tin",
				   "disclosure/");
	ssg_value *docs = ssg_model_list(m);
	const ssg_value *meta = ssg_plan_meta(s->plan);
	const ssg_value *published = ssg_value_get(
		ssg_value_get(s->site, "build"), "today");
	ssg_value *plan = ssg_model_map(m);
	ssg_map_set_str(m, plan, "title", meta_str(meta, "title"));
	ssg_map_set_str(m, plan, "number", meta_str(meta, "number"));
	ssg_map_set_str(m, plan, "date", meta_str(meta, "place_date"));
	ssg_map_set_str(m, plan, "form", meta_str(meta, "doc_type"));
	ssg_map_set_str(m, plan, "issuer", meta_str(meta, "issuer"));
	ssg_map_set_str(m, plan, "url", "");
	ssg_map_set(plan, "published", published);
	ssg_list_push(docs, plan);
	const ssg_value *extra = ssg_value_get(meta, "documents");
	for (size_t i = 0; i < ssg_value_len(extra); i++) {
		const ssg_value *e = ssg_value_at(extra, i);
		ssg_value *v = ssg_model_map(m);
		static const char *const keys[] = {"title", "number", "date",
						   "form", "issuer", NULL};
		for (size_t k = 0; keys[k]; k++)
			ssg_map_set_str(m, v, keys[k], meta_str(e, keys[k]));
		ssg_map_set(v, "published", published);
		ssg_list_push(docs, v);
	}
	for (size_t i = 0; i < ssg_plan_nposts(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_post(s->plan, i);
		ssg_value *v = post_value(m, pg);
		ssg_map_set_str(m, v, "form", "Tin bài");
		ssg_map_set(v, "published", ssg_value_get(v, "date"));
		ssg_map_set(v, "date", ssg_value_get(ssg_value_get(v, "date"),
						     "text"));
		ssg_list_push(docs, v);
	}
	const ssg_value *tables = ssg_value_get(s->site, "tables");
	for (size_t i = 0; i < ssg_value_len(tables); i++) {
		const ssg_value *t = ssg_value_at(tables, i);
		ssg_value *v = ssg_model_map(m);
		ssg_map_set(v, "title", ssg_value_get(t, "title"));
		ssg_map_set_str(m, v, "form", "Dữ liệu mở (CSV, JSON)");
		ssg_map_set(v, "url", ssg_model_strf(m, "data/%s.csv",
			    ssg_value_str(ssg_value_get(t, "name"))));
		ssg_map_set(v, "published", published);
		ssg_list_push(docs, v);
	}
	ssg_map_set(page, "documents", docs);
	int rc = write_page(s, m, "disclosure/", "disclosure", page);
	ssg_model_free(m);
	return rc;
}

/* ---- the build --------------------------------------------------- */

/* Column headings of the indicators table, from datapackage.json where
 * it gives them ("Kết quả năm 2023"), else plain words. */
static void indicator_titles(site *s)
{
	static const char *const cols[][2] = {
		{"id", "STT"},
		{"name", "Chỉ tiêu"},
		{"baseline", "Kết quả năm trước"},
		{"target", "Kế hoạch"},
		{"result", "Kết quả mới nhất"},
	};
	ssg_model *m = s->m;
	ssg_value *v = ssg_model_map(m);
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, "indicators");
	for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++) {
		const char *title = cols[i][1];
		long c = t ? ssg_table_col_find(t->table, cols[i][0]) : -1;
		if (c >= 0 && strcmp(t->col_titles[c], cols[i][0]) != 0)
			title = t->col_titles[c];
		ssg_map_set_str(m, v, cols[i][0], title);
	}
	ssg_map_set_str(m, v, "table",
			t && strcmp(t->title, t->name) != 0 ? t->title
							   : "Các chỉ tiêu");
	ssg_map_set(s->site, "indicator_titles", v);
}

static int site_models(site *s)
{
	indicator_titles(s);
	s->indicators = ssg_model_list(s->m);
	for (size_t i = 0; i < ssg_plan_nindicators(s->plan); i++)
		ssg_list_push(s->indicators,
			      indicator_value(s, ssg_plan_indicator_at(s->plan, i)));
	s->tasks = ssg_model_list(s->m);
	for (size_t i = 0; i < ssg_plan_ntasks(s->plan); i++)
		ssg_list_push(s->tasks,
			      task_value(s, ssg_plan_task_at(s->plan, i)));
	/* Two rows may not land on one page. */
	int rc = SSG_OK;
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, "indicators");
	for (size_t i = 0; i < ssg_value_len(s->indicators); i++)
		for (size_t j = 0; j < i; j++) {
			const char *a = ssg_value_str(ssg_value_get(
				ssg_value_at(s->indicators, i), "url"));
			const char *b = ssg_value_str(ssg_value_get(
				ssg_value_at(s->indicators, j), "url"));
			if (strcmp(a, b) == 0) {
				ssg_diags_error(s->d, t->path,
						ssg_table_row_line(t->table, i),
						1,
						"indicator id '%s' gives the "
						"same page as '%s' (%s)",
						t->keys[i], t->keys[j], a);
				rc = SSG_ERR_CONTENT;
			}
		}
	return rc;
}

int ssg_site_build(const ssg_site_opts *o, ssg_diags *d)
{
	site s;
	memset(&s, 0, sizeof(s));
	s.o = o;
	s.d = d;
	int rc = ssg_repo_open(&s.repo, o->repo ? o->repo : ".", d);
	if (rc)
		goto done;
	rc = o->worktree ? ssg_repo_worktree(s.repo, &s.snap, d)
			 : ssg_repo_snapshot(s.repo, o->rev, &s.snap, d);
	if (rc != SSG_OK && (rc != SSG_ERR_CONTENT || !s.snap))
		goto done;
	/* Content errors do not stop here: every page is still rendered, in
	 * memory only, so that one run reports every problem. */
	int crc = rc;
	if (theme_load(&s))
		crc = SSG_ERR_CONTENT;
	rc = ssg_plan_load(&s.plan, s.snap, &o->plan, d);
	if (rc == SSG_ERR_ENV)
		goto done;
	if (rc)
		crc = rc;
	s.m = ssg_model_new();
	s.site = ssg_model_map(s.m);
	site_meta(&s);
	site_build_info(&s);
	if (site_check_meta(&s))
		crc = SSG_ERR_CONTENT;
	site_reports(&s);
	site_nav(&s);
	if (site_models(&s))
		crc = SSG_ERR_CONTENT;
	if (o->out && crc == SSG_OK &&
	    (rc = ssg_out_begin(&s.out, o->out, d)) != SSG_OK)
		goto done;
	/* Each step reports its own problems; all run so that one build
	 * shows them all, and nothing is published if any failed. */
	int steps[] = {
		page_data(&s),    page_index(&s),      page_sections(&s),
		page_indicators(&s), page_tasks(&s),   page_tables(&s),
		page_posts(&s),   page_disclosure(&s), theme_static(&s),
	};
	rc = crc;
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++)
		if (steps[i] && !rc)
			rc = steps[i];
	if (rc == SSG_OK && ssg_diags_errors(d))
		rc = SSG_ERR_CONTENT;
	if (rc == SSG_OK && s.out)
		rc = ssg_out_commit(s.out, d);
done:
	ssg_out_free(s.out);
	ssg_templates_free(s.tpl);
	ssg_model_free(s.m);
	ssg_plan_free(s.plan);
	ssg_snapshot_free(s.snap);
	ssg_repo_free(s.repo);
	return rc;
}
