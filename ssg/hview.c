/* hview — a site's history as read-only template values (hview.h). */
#include "hview.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "view.h"

/* The events of each row of a table in this site's history, oldest
 * first: the indicator timelines, the row counts of table pages and the
 * row-history pages read them. */
typedef struct {
	const ssg_plan_table *t;
	size_t **ev; /* per row: event indexes */
	size_t *n;
} row_index;

struct ssg_hview {
	const ssg_history *hist;
	size_t hist_end;
	size_t ev_end; /* events [0, ev_end) */
	long pub_commit;
	const ssg_tag_info *tags;
	size_t ntags;
	const ssg_plan *plan;
	const ssg_routes *routes;
	const ssg_hview *top; /* the main site's, for a revision copy */
	ssg_model *m;         /* the commit values */
	ssg_value **commit_vals; /* [0, hist_end) */
	row_index *rows;      /* one per table of the plan */
	size_t nrows;
};

static const ssg_hev *event_at(const ssg_hview *s, size_t i)
{
	return ssg_history_event(s->hist, i);
}

static const row_index *rows_of(const ssg_hview *s, const ssg_plan_table *t)
{
	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].t == t)
			return &s->rows[i];
	return NULL;
}

/* Each table's row index, in one pass over the events. */
static void index_rows(ssg_hview *s)
{
	size_t nt = ssg_plan_ntables(s->plan);
	s->rows = ssg_xcalloc(nt ? nt : 1, sizeof(*s->rows));
	s->nrows = nt;
	for (size_t i = 0; i < nt; i++) {
		const ssg_plan_table *t = ssg_plan_table_at(s->plan, i);
		size_t nrows = ssg_table_nrows(t->table);
		s->rows[i].t = t;
		s->rows[i].ev = ssg_xcalloc(nrows ? nrows : 1, sizeof(size_t *));
		s->rows[i].n = ssg_xcalloc(nrows ? nrows : 1, sizeof(size_t));
	}
	for (size_t i = 0; i < s->ev_end; i++) {
		const ssg_hev *e = event_at(s, i);
		if (!e->key)
			continue;
		row_index *x = NULL;
		for (size_t k = 0; k < nt && !x; k++)
			if (strcmp(e->table, s->rows[k].t->name) == 0)
				x = &s->rows[k];
		long r = x ? ssg_plan_table_row(x->t, e->key) : -1;
		if (r < 0)
			continue; /* a row the built table no longer has */
		x->ev[r] = ssg_xrealloc(x->ev[r], (x->n[r] + 1) * sizeof(size_t));
		x->ev[r][x->n[r]++] = i;
	}
}

const char *ssg_hview_commit_dir(const ssg_hview *v, ssg_model *m, size_t i)
{
	return ssg_routes_commit(m, ssg_routes_commit_name(v->hist, i));
}

/* Commit i as pages show it, made once per site (every event of a
 * commit shows it: rebuilding it per event was a tenth of a build).  A
 * revision copy's is the main site's under its own url: a copy of every
 * field was a tenth of the peak memory. */
static ssg_value *commit_value(const ssg_hview *s, ssg_model *m, size_t i)
{
	const ssg_hcommit *c = ssg_history_commit(s->hist, i);
	ssg_value *v = ssg_model_map_over(
		m, s->top ? s->top->commit_vals[i] : NULL);
	ssg_map_set_str(m, v, "url", ssg_routes_shared(s->routes, m,
					ssg_hview_commit_dir(s, m, i)));
	ssg_map_set_bool(m, v, "published",
			 s->pub_commit >= 0 && (long)i >= s->pub_commit);
	if (s->top)
		return v;
	/* The history outlives every site model: its strings are lent. */
	ssg_map_set(v, "oid", ssg_model_str_lent(m, c->oid));
	ssg_map_set(v, "short", ssg_model_str_lent(m, c->short_oid));
	ssg_view_time(m, v, c->time, c->offset);
	ssg_map_set(v, "author", ssg_model_str_lent(m, c->author));
	ssg_map_set(v, "summary", ssg_model_str_lent(m, c->summary));
	ssg_map_set(v, "message", ssg_model_str_lent(m, c->message));
	/* The rest of the message after the summary: the "why". */
	const char *nl = strchr(c->message, '\n');
	while (nl && (*nl == '\n' || *nl == '\r'))
		nl++;
	ssg_map_set(v, "body", ssg_model_str_lent(m, nl ? nl : ""));
	ssg_map_set(v, "nevents", ssg_model_strf(m, "%zu", c->nevents));
	ssg_map_set(v, "npages", ssg_model_strf(m, "%zu", c->npages));
	return v;
}

const ssg_value *ssg_hview_commit(const ssg_hview *v, size_t i)
{
	return v->commit_vals[i];
}

/* The indicator whose key is `key` in the built plan, or NULL. */
static const ssg_plan_indicator *indicator_of(const ssg_hview *s, const char *key)
{
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, "indicators");
	long r = t && key ? ssg_plan_table_row(t, key) : -1;
	/* Indicators are loaded one per row, in row order. */
	return r >= 0 ? ssg_plan_indicator_at(s->plan, (size_t)r) : NULL;
}

/* The column's reader-facing title in the current plan, if it has it. */
static const char *field_title(const ssg_hview *s, const char *table, const char *field)
{
	/* Words for the contract's own columns when datapackage.json gives
	 * none. */
	static const char *const known[][2] = {
		{"name", "Tên"},          {"unit", "Đơn vị"},
		{"baseline", "Kết quả năm trước"}, {"target", "Kế hoạch"},
		{"result", "Kết quả"},    {"as_of", "Số liệu tính đến"},
		{"direction", "Chiều hướng"}, {"note", "Ghi chú"},
		{"source", "Nguồn"},      {"title", "Nhiệm vụ"},
		{"lead", "Cơ quan chủ trì"}, {"partners", "Cơ quan phối hợp"},
		{"timeframe", "Thời gian thực hiện"}, {"status", "Trạng thái"},
		{"progress", "Tiến độ"},
	};
	if (!field)
		return "";
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, table);
	long c = t ? ssg_table_col_find(t->table, field) : -1;
	if (c >= 0 && strcmp(t->col_titles[c], field) != 0)
		return t->col_titles[c];
	bool typed = strcmp(table, "indicators") == 0 ||
		     strcmp(table, "tasks") == 0;
	for (size_t i = 0; typed && i < sizeof(known) / sizeof(*known); i++)
		if (strcmp(known[i][0], field) == 0)
			return known[i][1];
	return field;
}

/* An indicator's unit, so that its figures read "80%" in events too.
 * Events are the history's, or a review's in that form. */
static const char *event_unit(const ssg_hview *s, const ssg_hev *e)
{
	if (strcmp(e->table, "indicators") != 0)
		return NULL;
	const ssg_plan_indicator *x = indicator_of(s, e->key);
	return x ? x->unit : NULL;
}

static ssg_value *row_value(const ssg_hview *s, ssg_model *m, const ssg_hev *e)
{
	ssg_value *row = ssg_model_list(m);
	for (size_t k = 0; k < e->ncols; k++) {
		ssg_value *cv = ssg_model_map(m);
		ssg_map_set_str(m, cv, "col", e->cols[k]);
		ssg_map_set(cv, "val",
			    ssg_view_cell_as(m, e->vals[k], strlen(e->vals[k]),
					     NULL,
					     ssg_plan_col_style(s->plan, e->table,
								e->cols[k])));
		ssg_list_push(row, cv);
	}
	return row;
}

/* e's strings must outlive m: the history's, or a review's, freed after
 * the model of its page. */
static ssg_value *change_value(const ssg_hview *s, ssg_model *m, const ssg_hev *e)
{
	ssg_value *v = ssg_model_map(m);
	static const char *const words[] = {"Thêm dòng", "Xóa dòng",
					    "Thay đổi", "Đổi cột",
					    "Không đọc được"};
	static const char *const kinds[] = {"added", "removed", "changed",
					    "schema", "gap"};
	/* Lent, not copied: words of this file, and strings of the history
	 * and the plan, which outlive the site's models. */
	ssg_map_set(v, "kind", ssg_model_str_lent(m, kinds[e->kind]));
	ssg_map_set(v, "word", ssg_model_str_lent(m, words[e->kind]));
	ssg_map_set_bool(m, v, kinds[e->kind], true);
	ssg_map_set(v, "table", ssg_model_str_lent(m, e->table));
	ssg_map_set(v, "key", ssg_model_str_lent(m, e->key ? e->key : ""));
	ssg_map_set(v, "field",
		    ssg_model_str_lent(m, e->field ? e->field : ""));
	ssg_map_set(v, "field_title",
		    ssg_model_str_lent(m, field_title(s, e->table, e->field)));
	bool figure = e->kind == SSG_HEV_CHANGED && e->field &&
		      (strcmp(e->field, "baseline") == 0 ||
		       strcmp(e->field, "target") == 0 ||
		       strcmp(e->field, "result") == 0);
	const char *unit = figure ? event_unit(s, e) : NULL;
	/* Past figures are read as their column writes them now. */
	ssg_num_style st = ssg_plan_col_style(s->plan, e->table, e->field);
	if (e->old)
		ssg_map_set(v, "old", ssg_view_cell_as(m, e->old,
						       strlen(e->old), unit,
						       st));
	if (e->new_)
		ssg_map_set(v, "new", ssg_view_cell_as(m, e->new_,
						       strlen(e->new_), unit,
						       st));
	if (e->ncols)
		ssg_map_set(v, "row", row_value(s, m, e));
	ssg_map_set(v, "error", ssg_model_str_lent(m, e->error ? e->error : ""));
	return v;
}

const ssg_plan_indicator *ssg_hview_indicator_of(const ssg_hview *v,
						  const char *key)
{
	return indicator_of(v, key);
}

ssg_value *ssg_hview_change(const ssg_hview *v, ssg_model *m,
			    const ssg_hev *e)
{
	return change_value(v, m, e);
}

ssg_value *ssg_hview_event(const ssg_hview *s, ssg_model *m, size_t i)
{
	const ssg_hev *e = ssg_history_event(s->hist, i);
	ssg_value *v = change_value(s, m, e);
	ssg_map_set(v, "commit", s->commit_vals[e->commit]);
	return v;
}

ssg_value *ssg_hview_tag(const ssg_hview *s, ssg_model *m, size_t i)
{
	const ssg_tag_info *tg = &s->tags[i];
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "name", tg->name);
	ssg_map_set_str(m, v, "title", tg->summary);
	ssg_map_set_str(m, v, "message", tg->message);
	/* A revision's page is the same in every site: a revision copy
	 * links to the main site's, as it does for commits. */
	ssg_map_set_str(m, v, "url", ssg_routes_shared(s->routes, m,
				ssg_routes_revision(m, tg->name)));
	ssg_map_set_str(m, v, "site_url", ssg_routes_copy_dir(m, tg->name));
	ssg_view_time(m, v, tg->time, tg->offset);
	long c = ssg_history_find(s->hist, tg->target);
	if (c >= 0)
		ssg_map_set(v, "commit", s->commit_vals[c]);
	ssg_map_set_bool(m, v, "publication", i == 0);
	return v;
}

/* ---- indicators: revised targets, timelines, charts -------------- */

/* The value of `field` in an added/removed row, or NULL. */
static const char *row_field(const ssg_hev *e, const char *field)
{
	for (size_t k = 0; k < e->ncols; k++)
		if (ssg_str_eq(ssg_str_trim((ssg_str){e->cols[k],
						       strlen(e->cols[k])}),
			       field))
			return e->vals[k];
	return NULL;
}

/* A point of an indicator's timeline: its chart's and, as written, the
 * figures of the table beneath it. */
typedef struct {
	const char *target_text, *result_text;
	size_t commit;
} point;

static bool parse_num(const char *s, ssg_num_style st, double *out)
{
	ssg_num n;
	if (!s || !ssg_num_parse_as(s, strlen(s), st, &n))
		return false;
	*out = n.value;
	return true;
}

/* Replays the events of one indicator.  For the site (page false): its
 * revised targets, which the overview and the embeds show.  For its own
 * page (m the page's, page true): its timeline (newest first) and the
 * points of its chart, which only that page shows and which, kept for
 * the whole site for 13 indicators of 20,000 commits, were a tenth of
 * the peak memory. */
static ssg_value *indicator_history(const ssg_hview *s, ssg_model *m,
				    ssg_value *iv, const size_t *evs,
				    size_t nevs, bool page)
{
	const char *unit = ssg_value_str(ssg_value_get(iv, "unit"));
	ssg_value *timeline = page ? ssg_model_list(m) : NULL;
	ssg_value *revised = page ? NULL : ssg_model_list(m);
	point *pts = NULL;
	ssg_chart_point *cps = NULL;
	size_t npts = 0;
	const char *cur_target = NULL, *cur_result = NULL;
	ssg_num_style st_target =
		ssg_plan_col_style(s->plan, "indicators", "target");
	ssg_num_style st_result =
		ssg_plan_col_style(s->plan, "indicators", "result");
	for (size_t k = 0; k < nevs; k++) {
		size_t i = evs[k];
		const ssg_hev *e = event_at(s, i);
		bool touch = false;
		if (e->kind == SSG_HEV_ADDED) {
			cur_target = row_field(e, "target");
			cur_result = row_field(e, "result");
			touch = true;
		} else if (e->kind == SSG_HEV_REMOVED) {
			cur_target = cur_result = NULL;
		} else if (e->kind == SSG_HEV_CHANGED && e->field) {
			if (strcmp(e->field, "target") == 0) {
				cur_target = e->new_;
				touch = true;
				if (!page && s->pub_commit >= 0 &&
				    (long)e->commit > s->pub_commit)
					ssg_list_push(revised,
						      ssg_hview_event(s, m, i));
			} else if (strcmp(e->field, "result") == 0) {
				cur_result = e->new_;
				touch = true;
			}
		}
		if (!page)
			continue;
		if (touch) {
			const ssg_hcommit *c =
				ssg_history_commit(s->hist, e->commit);
			if (npts && pts[npts - 1].commit == e->commit)
				npts--; /* one point per commit */
			pts = ssg_xrealloc(pts, (npts + 1) * sizeof(*pts));
			cps = ssg_xrealloc(cps, (npts + 1) * sizeof(*cps));
			point *pt = &pts[npts];
			ssg_chart_point *cp = &cps[npts++];
			/* One period until commits carry theirs (issue 13
			 * item 1). */
			*cp = (ssg_chart_point){.t = c->time};
			pt->commit = e->commit;
			pt->target_text = cur_target ? cur_target : "";
			pt->result_text = cur_result ? cur_result : "";
			cp->has_target =
				parse_num(cur_target, st_target, &cp->target);
			cp->has_result =
				parse_num(cur_result, st_result, &cp->result);
		}
		ssg_list_push(timeline, ssg_hview_event(s, m, i));
	}
	if (!page)
		return ssg_value_len(revised) ? revised : NULL;
	/* Newest first for reading. */
	ssg_value *rev = ssg_model_list(m);
	for (size_t i = ssg_value_len(timeline); i-- > 0;)
		ssg_list_push(rev, ssg_value_at(timeline, i));
	ssg_map_set(iv, "timeline", rev);
	ssg_map_set_bool(m, iv, "has_timeline", ssg_value_len(rev) > 0);
	ssg_value *points = ssg_model_list(m);
	for (size_t i = 0; i < npts; i++) {
		ssg_value *pv = ssg_model_map(m);
		ssg_map_set(pv, "commit", s->commit_vals[pts[i].commit]);
		ssg_map_set(pv, "target",
			    ssg_view_cell_as(m, pts[i].target_text,
					     strlen(pts[i].target_text), unit,
					     st_target));
		ssg_map_set(pv, "result",
			    ssg_view_cell_as(m, pts[i].result_text,
					     strlen(pts[i].result_text), unit,
					     st_result));
		ssg_list_push(points, pv);
	}
	ssg_map_set(iv, "points", points);
	if (npts) {
		const ssg_hcommit *last =
			ssg_history_commit(s->hist, s->hist_end - 1);
		ssg_value *charts = ssg_chart_periods(m, cps, npts, last->time);
		if (charts) {
			ssg_map_set(iv, "charts", charts);
			ssg_map_set_bool(m, iv, "has_past_charts",
					 ssg_value_len(charts) > 1);
		}
	}
	free(pts);
	free(cps);
	return NULL;
}

/* The events of indicator i, by the row index of the indicators table;
 * false without one. */
static bool indicator_events(const ssg_hview *s, size_t i, const size_t **evs,
			     size_t *n)
{
	const ssg_plan_table *it = ssg_plan_table_find(s->plan, "indicators");
	const row_index *ix = it ? rows_of(s, it) : NULL;
	if (!ix)
		return false;
	size_t r = ssg_plan_indicator_at(s->plan, i)->row;
	*evs = ix->ev[r];
	*n = ix->n[r];
	return true;
}

ssg_value *ssg_hview_revised(const ssg_hview *v, ssg_model *m, size_t i)
{
	const size_t *evs = NULL;
	size_t n = 0;
	if (!indicator_events(v, i, &evs, &n))
		return NULL;
	return indicator_history(v, m, NULL, evs, n, false);
}

const ssg_value *ssg_hview_indicator(const ssg_hview *v, ssg_model *m,
				     const ssg_value *base, size_t i)
{
	const size_t *evs = NULL;
	size_t n = 0;
	if (!indicator_events(v, i, &evs, &n))
		return base;
	ssg_value *iv = ssg_model_map_over(m, base);
	indicator_history(v, m, iv, evs, n, true);
	return iv;
}

ssg_value *ssg_hview_table(const ssg_hview *v, ssg_model *m,
			   const ssg_plan_table *t, const ssg_value *updated)
{
	if (!v)
		return ssg_view_table(m, t, NULL);
	size_t nrows = ssg_table_nrows(t->table);
	const ssg_value **hist = ssg_xcalloc(nrows ? nrows : 1, sizeof(*hist));
	for (size_t r = 0; r < nrows; r++) {
		size_t n;
		ssg_hview_row_events(v, t, r, &n);
		if (!n)
			continue;
		ssg_value *h = ssg_model_map(m);
		ssg_map_set(h, "count", ssg_model_strf(m, "%zu", n));
		ssg_map_set_str(m, h, "url", ssg_hview_row_url(v, m, t, r));
		hist[r] = h;
	}
	ssg_value *tv = ssg_view_table(m, t, hist);
	free(hist);
	ssg_map_set(tv, "updated", ssg_value_get(updated, t->name));
	ssg_map_set_bool(m, tv, "has_history", true);
	return tv;
}

/* ---- deadlines ----------------------------------------------------- */

/* Did commit i report a result: change an indicator's result, or add an
 * indicator row that has one? */
static bool reports_result(const ssg_hev *e)
{
	if (strcmp(e->table, "indicators") != 0)
		return false;
	if (e->kind == SSG_HEV_CHANGED)
		return e->field && strcmp(e->field, "result") == 0 && e->new_ &&
		       *e->new_;
	if (e->kind == SSG_HEV_ADDED) {
		const char *r = row_field(e, "result");
		return r && ssg_str_trim((ssg_str){r, strlen(r)}).n > 0;
	}
	return false;
}

void ssg_hview_judge_reports(const ssg_hview *s, ssg_model *m,
			     ssg_value *const *reports, size_t n,
			     const ssg_date *today)
{
	size_t ev_from = 0; /* events before this are consumed */
	for (size_t r = 0; r < n; r++) {
		ssg_value *rv = reports[r];
		const ssg_value *due_v = ssg_value_get(rv, "due");
		const char *iso = ssg_value_str(ssg_value_get(due_v, "iso"));
		ssg_date due;
		if (!iso || !ssg_date_parse(iso, strlen(iso), &due))
			continue;
		long first = -1;
		for (size_t i = ev_from; i < s->ev_end && first < 0; i++) {
			const ssg_hev *e = event_at(s, i);
			if (reports_result(e))
				first = (long)e->commit;
		}
		const char *key, *word;
		if (first >= 0) {
			const ssg_hcommit *c =
				ssg_history_commit(s->hist, (size_t)first);
			ssg_date day = ssg_time_date(c->time, c->offset);
			bool on_time = ssg_date_cmp(&day, &due) <= 0;
			key = on_time ? "ontime" : "late";
			word = on_time ? "Đúng hạn" : "Muộn";
			ssg_map_set(rv, "reported", s->commit_vals[first]);
			ev_from = c->first_event + c->nevents;
		} else if (today && ssg_date_cmp(today, &due) > 0) {
			key = "missing";
			word = "Chưa báo cáo (quá hạn)";
		} else {
			key = "upcoming";
			word = "Chưa đến hạn";
		}
		ssg_map_set_str(m, rv, "state_key", key);
		ssg_map_set_str(m, rv, "state", word);
	}
}

ssg_value *ssg_hview_updated(const ssg_hview *s, ssg_model *m)
{
	ssg_value *upd = ssg_model_map(m);
	for (size_t i = s->ev_end; i-- > 0;) {
		const ssg_hev *e = event_at(s, i);
		if (ssg_value_get(upd, e->table))
			continue;
		const ssg_hcommit *c = ssg_history_commit(s->hist, e->commit);
		ssg_date day = ssg_time_date(c->time, c->offset);
		ssg_map_set(upd, e->table, ssg_view_date(m, &day));
	}
	return upd;
}

/* ---- rows ----------------------------------------------------------- */

/* In a revision copy, the main site's key of row r of table t when the
 * main site has that row's history page ("../../../tables/<t>/<row>/"),
 * or NULL when it has none (its table lost the row) and the copy must
 * write its own.  The main site writes one for every row of its table
 * that has events, and the copy's events are the first of the main
 * site's. */
static const char *top_row_key(const ssg_hview *s, const ssg_plan_table *t, size_t r)
{
	if (!s->top || !s->top->plan)
		return NULL;
	const ssg_plan_table *mt = ssg_plan_table_find(s->top->plan, t->name);
	long mr = mt ? ssg_plan_table_row_norm(mt, ssg_plan_table_key_norm(t, r))
		     : -1;
	return mr >= 0 ? mt->keys[mr] : NULL;
}

const size_t *ssg_hview_row_events(const ssg_hview *v, const ssg_plan_table *t,
				   size_t r, size_t *n)
{
	const row_index *x = rows_of(v, t);
	*n = x ? x->n[r] : 0;
	return x ? x->ev[r] : NULL;
}

bool ssg_hview_row_is_main(const ssg_hview *v, const ssg_plan_table *t,
			   size_t r)
{
	return top_row_key(v, t, r) != NULL;
}

const char *ssg_hview_row_url(const ssg_hview *v, ssg_model *m,
			      const ssg_plan_table *t, size_t r)
{
	size_t n;
	ssg_hview_row_events(v, t, r, &n);
	if (!n)
		return NULL;
	const char *top_key = top_row_key(v, t, r);
	return top_key ? ssg_routes_shared(v->routes, m,
					   ssg_routes_row(m, t->name, top_key))
		       : ssg_routes_row(m, t->name, t->keys[r]);
}

void ssg_hview_digest(const ssg_hview *s, ssg_digest *dg, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const ssg_hcommit *c = ssg_history_commit(s->hist, i);
		ssg_digest_u64(dg, i);
		ssg_digest_str(dg, c->oid);
		/* Its page's name: the short id unless another commit of
		 * the whole history shares it. */
		ssg_digest_str(dg, ssg_routes_commit_name(s->hist, i));
		ssg_digest_u64(dg, (uint64_t)c->time);
		ssg_digest_u64(dg, (uint64_t)(int64_t)c->offset);
		ssg_digest_str(dg, c->author);
		ssg_digest_str(dg, c->email);
		ssg_digest_str(dg, c->message);
		ssg_digest_u64(dg, c->touched);
		ssg_digest_u64(dg, c->nevents);
		/* Events carry the table's newest name: a rename after a
		 * revision renames its events too. */
		for (size_t k = 0; k < c->nevents; k++)
			ssg_hev_digest(dg, ssg_history_event(
						   s->hist, c->first_event + k));
		ssg_digest_u64(dg, c->npages);
		for (size_t k = 0; k < c->npages; k++) {
			const ssg_hpage *p =
				ssg_history_page(s->hist, c->first_page + k);
			ssg_digest_u64(dg, p->kind);
			ssg_digest_str(dg, p->path);
			ssg_digest_bytes(dg, p->old_id, sizeof(p->old_id));
			ssg_digest_bytes(dg, p->new_id, sizeof(p->new_id));
		}
	}
}

/* ---- the view ------------------------------------------------------- */

ssg_hview *ssg_hview_new(const ssg_hview_in *in)
{
	ssg_hview *v = ssg_xcalloc(1, sizeof(*v));
	v->hist = in->hist;
	v->hist_end = in->end;
	v->pub_commit = in->pub_commit;
	v->tags = in->tags;
	v->ntags = in->ntags;
	v->plan = in->plan;
	v->routes = in->routes;
	v->top = in->main;
	const ssg_hcommit *last = ssg_history_commit(v->hist, v->hist_end - 1);
	v->ev_end = last->first_event + last->nevents;
	v->m = ssg_model_new();
	v->commit_vals = ssg_xcalloc(v->hist_end, sizeof(*v->commit_vals));
	for (size_t i = 0; i < v->hist_end; i++)
		v->commit_vals[i] = commit_value(v, v->m, i);
	index_rows(v);
	return v;
}

void ssg_hview_free(ssg_hview *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->nrows; i++) {
		size_t nrows = ssg_table_nrows(v->rows[i].t->table);
		for (size_t r = 0; r < nrows; r++)
			free(v->rows[i].ev[r]);
		free(v->rows[i].ev);
		free(v->rows[i].n);
	}
	free(v->rows);
	free(v->commit_vals);
	ssg_model_free(v->m);
	free(v);
}

const ssg_history *ssg_hview_history(const ssg_hview *v)
{
	return v->hist;
}

size_t ssg_hview_end(const ssg_hview *v)
{
	return v->hist_end;
}

const ssg_plan *ssg_hview_plan(const ssg_hview *v)
{
	return v->plan;
}

const ssg_routes *ssg_hview_routes(const ssg_hview *v)
{
	return v->routes;
}

size_t ssg_hview_ntags(const ssg_hview *v)
{
	return v->ntags;
}

const ssg_tag_info *ssg_hview_tag_info(const ssg_hview *v, size_t i)
{
	return &v->tags[i];
}
