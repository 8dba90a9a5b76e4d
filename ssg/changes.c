/*
 * changes — what the history adds to the site: the changes pages, each
 * indicator's timeline and chart, revised targets, report deadlines,
 * per-row history of tables, the revisions, history.jsonl and the feed.
 * Reads only the loaded history and plan (site_ctx.h).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "diff.h"
#include "digest.h"
#include "fmt.h"
#include "history_out.h"
#include "review.h"
#include "site_ctx.h"
#include "view.h"

/* Commits on one page of changes/: about 50 KB of HTML. */
#define CHANGES_PER_PAGE 200

static ssg_value *tag_value(site *s, ssg_model *m, size_t i);

/* ---- commits and events as values -------------------------------- */

/* The indicator whose key is `key` in the built plan, or NULL. */
static const ssg_plan_indicator *indicator_of(site *s, const char *key)
{
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, "indicators");
	long r = t && key ? ssg_plan_table_row(t, key) : -1;
	/* Indicators are loaded one per row, in row order. */
	return r >= 0 ? ssg_plan_indicator_at(s->plan, (size_t)r) : NULL;
}

/* The events of each row of a table in this site's history, oldest
 * first, found once per table and shared by the indicator timelines,
 * the row counts of table pages and the row-history pages. */
struct ssg_row_index {
	const ssg_plan_table *t;
	size_t **ev; /* per row: event indexes */
	size_t *n;
};

static const struct ssg_row_index *row_index(site *s,
					      const ssg_plan_table *t)
{
	for (size_t i = 0; i < s->nrow_index; i++)
		if (s->row_index[i].t == t)
			return &s->row_index[i];
	s->row_index = ssg_xrealloc(s->row_index, (s->nrow_index + 1) *
							  sizeof(*s->row_index));
	struct ssg_row_index *x = &s->row_index[s->nrow_index++];
	size_t nrows = ssg_table_nrows(t->table);
	x->t = t;
	x->ev = ssg_xcalloc(nrows ? nrows : 1, sizeof(size_t *));
	x->n = ssg_xcalloc(nrows ? nrows : 1, sizeof(size_t));
	for (size_t i = 0; i < s->ev_end; i++) {
		const ssg_hev *e = ssg_history_event(s->hist, i);
		if (!e->key || strcmp(e->table, t->name) != 0)
			continue;
		long r = ssg_plan_table_row(t, e->key);
		if (r < 0)
			continue; /* a row the built table no longer has */
		x->ev[r] = ssg_xrealloc(x->ev[r], (x->n[r] + 1) * sizeof(size_t));
		x->ev[r][x->n[r]++] = i;
	}
	return x;
}

void ssg_changes_free(site *s)
{
	for (size_t i = 0; i < s->nrow_index; i++) {
		size_t nrows = ssg_table_nrows(s->row_index[i].t->table);
		for (size_t r = 0; r < nrows; r++)
			free(s->row_index[i].ev[r]);
		free(s->row_index[i].ev);
		free(s->row_index[i].n);
	}
	free(s->row_index);
	s->row_index = NULL;
	s->nrow_index = 0;
}

static const char *commit_name(const site *s, size_t i)
{
	return ssg_routes_commit_name(s->hist, i);
}

static const char *commit_dir(site *s, ssg_model *m, size_t i)
{
	return ssg_routes_commit(m, commit_name(s, i));
}

const char *ssg_changes_commit_url(site *s, ssg_model *m, size_t i)
{
	return ssg_routes_shared(s->routes, m, commit_dir(s, m, i));
}

/* Commit i as pages show it, built once per site in s->m (every event
 * of a commit shows it: rebuilding it per event was a tenth of a
 * build).  Shared by the pages: never modified once built.  A revision
 * copy's is the main site's (ssg_changes_commits_ready) under its own
 * url: a copy of every field was a tenth of the peak memory. */
static ssg_value *commit_value(site *s, size_t i)
{
	if (!s->commit_vals)
		s->commit_vals = ssg_xcalloc(ssg_history_ncommits(s->hist),
					     sizeof(*s->commit_vals));
	if (s->commit_vals[i])
		return s->commit_vals[i];
	ssg_model *m = s->m;
	const ssg_hcommit *c = ssg_history_commit(s->hist, i);
	ssg_value *v = ssg_model_map_over(
		m, s->top ? s->top->commit_vals[i] : NULL);
	ssg_map_set_str(m, v, "url", ssg_changes_commit_url(s, m, i));
	ssg_map_set_bool(m, v, "published",
			 s->pub_commit >= 0 && (long)i >= s->pub_commit);
	s->commit_vals[i] = v;
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

void ssg_changes_digest(site *s, ssg_digest *dg, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const ssg_hcommit *c = ssg_history_commit(s->hist, i);
		ssg_digest_u64(dg, i);
		ssg_digest_str(dg, c->oid);
		/* Its page's name: the short id unless another commit of
		 * the whole history shares it. */
		ssg_digest_str(dg, commit_name(s, i));
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

void ssg_changes_commits_ready(site *s)
{
	for (size_t i = 0; s->hist && i < ssg_history_ncommits(s->hist); i++)
		commit_value(s, i);
}

/* The column's reader-facing title in the current plan, if it has it. */
static const char *field_title(site *s, const char *table, const char *field)
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
static const char *event_unit(site *s, const ssg_hev *e)
{
	if (strcmp(e->table, "indicators") != 0)
		return NULL;
	const ssg_plan_indicator *x = indicator_of(s, e->key);
	return x ? x->unit : NULL;
}

static ssg_value *row_value(site *s, ssg_model *m, const ssg_hev *e)
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
static ssg_value *change_value(site *s, ssg_model *m, const ssg_hev *e)
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

static ssg_value *event_value(site *s, ssg_model *m, size_t i)
{
	const ssg_hev *e = ssg_history_event(s->hist, i);
	ssg_value *v = change_value(s, m, e);
	ssg_map_set(v, "commit", commit_value(s, e->commit));
	return v;
}

static const ssg_hev *event_at(site *s, size_t i)
{
	return ssg_history_event(s->hist, i);
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

/* Replays the events of one indicator.  For the site (m is s->m, page
 * false): its revised targets, which the overview and the embeds show.
 * For its own page (m the page's, page true): its timeline (newest
 * first) and the points of its chart, which only that page shows and
 * which, kept in s->m for 13 indicators of 20,000 commits, were a tenth
 * of the peak memory. */
static void indicator_history(site *s, ssg_model *m, ssg_value *iv,
			      const size_t *evs, size_t nevs, bool page)
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
						      event_value(s, m, i));
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
			cp->t = c->time;
			pt->commit = e->commit;
			pt->target_text = cur_target ? cur_target : "";
			pt->result_text = cur_result ? cur_result : "";
			cp->has_target =
				parse_num(cur_target, st_target, &cp->target);
			cp->has_result =
				parse_num(cur_result, st_result, &cp->result);
		}
		ssg_list_push(timeline, event_value(s, m, i));
	}
	if (!page) {
		if (ssg_value_len(revised)) {
			ssg_map_set(iv, "revised", revised);
			ssg_map_set(iv, "revision",
				    ssg_value_at(revised,
						 ssg_value_len(revised) - 1));
		}
		return;
	}
	/* Newest first for reading. */
	ssg_value *rev = ssg_model_list(m);
	for (size_t i = ssg_value_len(timeline); i-- > 0;)
		ssg_list_push(rev, ssg_value_at(timeline, i));
	ssg_map_set(iv, "timeline", rev);
	ssg_map_set_bool(m, iv, "has_timeline", ssg_value_len(rev) > 0);
	ssg_value *points = ssg_model_list(m);
	for (size_t i = 0; i < npts; i++) {
		ssg_value *pv = ssg_model_map(m);
		ssg_map_set(pv, "commit", commit_value(s, pts[i].commit));
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
		const ssg_value *chart = ssg_chart_svg(m, cps, npts, last->time);
		if (chart)
			ssg_map_set(iv, "chart", chart);
	}
	free(pts);
	free(cps);
}

/* The events of indicator i, by the row index of the indicators table;
 * false without history. */
static bool indicator_events(site *s, size_t i, const size_t **evs,
			     size_t *n)
{
	const ssg_plan_table *it =
		s->hist && s->hist_end ? ssg_plan_table_find(s->plan,
							     "indicators")
				       : NULL;
	if (!it)
		return false;
	const struct ssg_row_index *ix = row_index(s, it);
	size_t r = ssg_plan_indicator_at(s->plan, i)->row;
	*evs = ix->ev[r];
	*n = ix->n[r];
	return true;
}

const ssg_value *ssg_changes_indicator(site *s, ssg_model *m, size_t i)
{
	const ssg_value *x = ssg_value_at(s->indicators, i);
	const size_t *evs = NULL;
	size_t n = 0;
	if (!indicator_events(s, i, &evs, &n))
		return x;
	ssg_value *iv = ssg_model_map_over(m, x);
	indicator_history(s, m, iv, evs, n, true);
	return iv;
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

/*
 * A report is on time when a commit on or before its due date reported a
 * result, late when the first such commit came after, missing when none
 * came and "now" (the built commit's date) is past the date.  Reports
 * are taken in order and each consumes the first reporting commit after
 * the one the previous report consumed, so one late 6-month update does
 * not also count as the year report.
 */
static void judge_deadlines(site *s)
{
	ssg_model *m = s->m;
	const ssg_value *reps = ssg_value_get(s->site, "reports");
	size_t ev_from = 0; /* events before this are consumed */
	for (size_t r = 0; r < ssg_value_len(reps); r++) {
		ssg_value *rv = (ssg_value *)ssg_value_at(reps, r);
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
			ssg_map_set(rv, "reported",
				    commit_value(s, (size_t)first));
			ev_from = c->first_event + c->nevents;
		} else if (s->has_today && ssg_date_cmp(&s->today, &due) > 0) {
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

/* The last commit that changed each table, for captions. */
static void table_updates(site *s)
{
	ssg_model *m = s->m;
	ssg_value *upd = ssg_model_map(m);
	for (size_t i = s->ev_end; i-- > 0;) {
		const ssg_hev *e = event_at(s, i);
		if (ssg_value_get(upd, e->table))
			continue;
		const ssg_hcommit *c = ssg_history_commit(s->hist, e->commit);
		ssg_date day = ssg_time_date(c->time, c->offset);
		ssg_map_set(upd, e->table, ssg_view_date(m, &day));
	}
	ssg_map_set(s->site, "updated", upd);
}

void ssg_changes_prepare(site *s)
{
	if (!s->hist || !s->hist_end)
		return;
	const ssg_hcommit *last = ssg_history_commit(s->hist, s->hist_end - 1);
	s->ev_end = last->first_event + last->nevents;
	for (size_t i = 0; i < ssg_plan_nindicators(s->plan); i++) {
		const size_t *evs = NULL;
		size_t n = 0;
		if (indicator_events(s, i, &evs, &n))
			indicator_history(s, s->m,
					  (ssg_value *)ssg_value_at(
						  s->indicators, i),
					  evs, n, false);
	}
	judge_deadlines(s);
	table_updates(s);
	ssg_value *nav = (ssg_value *)ssg_value_get(s->site, "nav");
	static const char *const items[][2] = {
		{"Thay đổi", SSG_ROUTES_CHANGES},
		{"Phiên bản", SSG_ROUTES_REVISIONS}};
	for (size_t i = 0; i < 2; i++) {
		ssg_value *v = ssg_model_map(s->m);
		ssg_map_set_str(s->m, v, "label", items[i][0]);
		ssg_map_set_str(s->m, v, "url", items[i][1]);
		ssg_list_push(nav, v);
	}
	ssg_map_set_bool(s->m, s->site, "has_history", true);
	if (s->ntags)
		ssg_map_set(s->site, "publication", tag_value(s, s->m, 0));
}

/* ---- changes/ ------------------------------------------------------ */

/* Words for a page added, removed or changed, in the order of
 * ssg_hpage_kind and of ssg_review_kind. */
static const char *const page_words[] = {"Trang mới", "Xóa trang",
					 "Sửa nội dung"};

/* The word diffs of one page of changes/ or revisions/ show, in order,
 * as long as they fit in this much HTML: a commit that adds ten thousand
 * pages made a page of 27 MB.  From the first that does not fit, the
 * pages are listed with why they show no diff (and their texts are not
 * even read). */
#define DIFF_BUDGET (384 * 1024)

static const char over_budget[] =
	"không hiện ở đây: thay đổi này gồm nhiều trang, phần so sánh đã "
	"quá dài cho một trang web";

/* {path, word, html}: html is `html` when it fits in *budget (and takes
 * its size from it), else `why` there is none: over_budget when html did
 * not fit, and then the pages after it are listed too. */
static ssg_value *page_entry(ssg_model *m, const char *path, const char *word,
			     const ssg_buf *html, const char *why,
			     size_t *budget)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "path", path);
	ssg_map_set_str(m, v, "word", word);
	if (html && html->len > *budget) {
		html = NULL;
		why = over_budget;
		*budget = 0;
	}
	if (html) {
		*budget -= html->len;
		ssg_map_set(v, "html", ssg_model_strn(m, ssg_buf_cstr(html),
						      html->len));
		return v;
	}
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_putc(&b, '(');
	ssg_buf_put_html(&b, why, strlen(why));
	ssg_buf_putc(&b, ')');
	ssg_map_set(v, "html", ssg_model_strn(m, ssg_buf_cstr(&b), b.len));
	ssg_buf_fini(&b);
	return v;
}

/* The same for a word diff, or `why` there is none (w NULL). */
static ssg_value *page_value(ssg_model *m, const char *path, const char *word,
			     const ssg_wdiff *w, const char *why,
			     size_t *budget)
{
	ssg_buf b;
	ssg_buf_init(&b);
	if (w)
		ssg_diff_words_html(w, &b);
	ssg_value *v = page_entry(m, path, word, w ? &b : NULL, why, budget);
	ssg_buf_fini(&b);
	return v;
}

static const char too_large[] = "thay đổi quá lớn để so sánh từng từ";

static const char unreadable[] = "không đọc được phiên bản này từ kho";

/* A page added or removed whole: its text as one inserted (deleted)
 * block, when it fits in *budget.  Word-diffing it against nothing finds
 * the same and, for a commit that adds a thousand pages, was most of the
 * build. */
static ssg_value *page_whole_value(ssg_model *m, ssg_history_reader *h,
				   const ssg_hpage *hp, ssg_buf *text,
				   size_t *budget)
{
	const char *word = page_words[hp->kind];
	bool added = hp->kind == SSG_HPAGE_ADDED;
	ssg_buf_clear(text);
	if (*budget && !ssg_history_page_text(h, hp, added, text))
		return page_entry(m, hp->path, word, NULL, unreadable, budget);
	size_t n = text->len;
	/* Its HTML is at least n bytes: not made when that cannot fit. */
	if (!*budget || n > *budget) {
		*budget = 0; /* the pages after it are listed */
		return page_entry(m, hp->path, word, NULL, over_budget,
				  budget);
	}
	ssg_buf b;
	ssg_buf_init(&b);
	if (n) {
		ssg_buf_puts(&b, added ? "<ins>" : "<del>");
		ssg_buf_put_html(&b, text->data, n);
		ssg_buf_puts(&b, added ? "</ins>" : "</del>");
	}
	ssg_value *v = page_entry(m, hp->path, word, &b, over_budget, budget);
	ssg_buf_fini(&b);
	return v;
}

/* `texts` are two buffers for the two versions, reused page to page. */
static ssg_value *page_diff_value(ssg_model *m, ssg_history_reader *h,
				  const ssg_hpage *hp, ssg_buf texts[2],
				  size_t *budget)
{
	if (hp->kind != SSG_HPAGE_CHANGED)
		return page_whole_value(m, h, hp, &texts[0], budget);
	ssg_wdiff *w = NULL;
	const char *why = over_budget;
	if (*budget) {
		ssg_buf *a = &texts[0], *b = &texts[1];
		/* Its HTML holds all of one text at least. */
		if (!ssg_history_page_text(h, hp, false, a) ||
		    !ssg_history_page_text(h, hp, true, b))
			why = unreadable;
		else if (a->len > *budget || b->len > *budget)
			*budget = 0;
		else if (ssg_diff_words(&w, ssg_buf_cstr(a), a->len,
					ssg_buf_cstr(b), b->len) != SSG_OK)
			why = too_large;
	}
	ssg_value *v = page_value(m, hp->path, page_words[hp->kind], w, why,
				  budget);
	ssg_diff_words_free(w);
	return v;
}

/* Events of commit i grouped by table: [{table, title, events}]. */
static ssg_value *commit_tables(site *s, ssg_model *m, size_t i)
{
	const ssg_hcommit *c = ssg_history_commit(s->hist, i);
	ssg_value *groups = ssg_model_list(m);
	ssg_value *cur = NULL;
	const char *cur_name = NULL;
	for (size_t k = 0; k < c->nevents; k++) {
		size_t ei = c->first_event + k;
		const ssg_hev *e = event_at(s, ei);
		if (!cur_name || strcmp(cur_name, e->table) != 0) {
			cur = ssg_model_map(m);
			cur_name = e->table;
			ssg_map_set_str(m, cur, "table", e->table);
			const ssg_plan_table *t =
				ssg_plan_table_find(s->plan, e->table);
			ssg_map_set_str(m, cur, "title", t ? t->title : e->table);
			ssg_map_set(cur, "events", ssg_model_list(m));
			ssg_list_push(groups, cur);
		}
		ssg_list_push((ssg_value *)ssg_value_get(cur, "events"),
			      event_value(s, m, ei));
	}
	return groups;
}

int ssg_pages_changes(site *s, ssg_emit *e)
{
	if (!s->hist)
		return SSG_OK;
	int rc = SSG_OK;
	ssg_model *lm = ssg_model_new();
	ssg_value *list = ssg_model_list(lm);
	ssg_buf texts[2];
	ssg_buf_init(&texts[0]);
	ssg_buf_init(&texts[1]);
	/* This thread's reader of page texts; without one, each diff says
	 * the version could not be read. */
	bool mine = ssg_routes_writes_shared(s->routes);
	ssg_history_reader *rd = mine ? ssg_history_reader_new(s->hist) : NULL;
	for (size_t i = s->hist_end; i-- > 0 && rc == SSG_OK;) {
		const ssg_hcommit *c = ssg_history_commit(s->hist, i);
		if (!c->touched)
			continue;
		ssg_list_push(list, commit_value(s, i));
		/* A revision copy's commits are the main site's pages. */
		if (!mine)
			continue;
		ssg_model *m = ssg_model_new();
		ssg_value *page = ssg_emit_page_new(e, m, c->summary,
						    SSG_ROUTES_CHANGES);
		ssg_map_set(page, "commit", commit_value(s, i));
		ssg_map_set(page, "tables", commit_tables(s, m, i));
		ssg_value *pages = ssg_model_list(m);
		size_t budget = DIFF_BUDGET;
		for (size_t k = 0; k < c->npages; k++)
			ssg_list_push(pages, page_diff_value(m, rd,
				      ssg_history_page(s->hist,
						       c->first_page + k),
				      texts, &budget));
		ssg_map_set(page, "pages", pages);
		ssg_map_set_bool(m, page, "has_pages", c->npages > 0);
		ssg_map_set_bool(m, page, "has_events", c->nevents > 0);
		rc = ssg_emit_page(e, m, commit_dir(s, m, i), "change",
					 page);
		ssg_model_free(m);
	}
	if (rc == SSG_OK)
		rc = ssg_emit_list(e, SSG_ROUTES_CHANGES, "changes",
					 "Các thay đổi", "commits", list,
					 CHANGES_PER_PAGE);
	ssg_history_reader_free(rd);
	ssg_buf_fini(&texts[0]);
	ssg_buf_fini(&texts[1]);
	ssg_model_free(lm);
	return rc;
}

/* ---- per-row history of generic tables ----------------------------- */

/* In a revision copy, the main site's key of row r of table t when the
 * main site has that row's history page ("../../../tables/<t>/<row>/"),
 * or NULL when it has none (its table lost the row) and the copy must
 * write its own.  The main site writes one for every row of its table
 * that has events, and the copy's events are the first of the main
 * site's. */
static const char *top_row_key(site *s, const ssg_plan_table *t, size_t r)
{
	if (!s->top || !s->top->plan)
		return NULL;
	const ssg_plan_table *mt = ssg_plan_table_find(s->top->plan, t->name);
	long mr = mt ? ssg_plan_table_row_norm(mt, ssg_plan_table_key_norm(t, r))
		     : -1;
	return mr >= 0 ? mt->keys[mr] : NULL;
}

/* tables/<t>/<row>/ for every row that has a history: the table page
 * itself stays small however long the history is. */
int ssg_pages_row_history(site *s, ssg_emit *e)
{
	if (!s->hist)
		return SSG_OK;
	int rc = SSG_OK;
	for (size_t ti = 0; ti < ssg_plan_ntables(s->plan) && rc == SSG_OK;
	     ti++) {
		const ssg_plan_table *t = ssg_plan_table_at(s->plan, ti);
		if (strcmp(t->name, "indicators") == 0 ||
		    strcmp(t->name, "tasks") == 0)
			continue;
		const struct ssg_row_index *ix = row_index(s, t);
		size_t nrows = ssg_table_nrows(t->table);
		for (size_t r = 0; r < nrows && rc == SSG_OK; r++) {
			const char *key = t->keys[r];
			if (!ix->n[r] || top_row_key(s, t, r))
				continue;
			ssg_model *m = ssg_model_new();
			ssg_value *page = ssg_emit_page_new(e, m, key,
							     SSG_ROUTES_DATA);
			ssg_map_set_str(m, page, "key", key);
			ssg_map_set_str(m, page, "table_title", t->title);
			ssg_map_set_str(m, page, "table_url",
					ssg_routes_table(m, t->name));
			ssg_value *evs = ssg_model_list(m);
			for (size_t k = ix->n[r]; k-- > 0;) /* newest first */
				ssg_list_push(evs, event_value(s, m, ix->ev[r][k]));
			ssg_map_set(page, "events", evs);
			rc = ssg_emit_page(e, m,
					   ssg_routes_row(m, t->name, key), "row",
					   page);
			ssg_model_free(m);
		}
	}
	return rc;
}

/* ---- open history ----------------------------------------------- */

typedef struct {
	ssg_emit *e;
	ssg_out_file *f;
} site_sink;

static void to_site(void *ctx, const char *data, size_t len)
{
	site_sink *k = ctx;
	ssg_emit_put(k->e, k->f, data, len);
}

/* Written in pieces: a province's history is tens of megabytes. */
int ssg_pages_history_data(site *s, ssg_emit *e)
{
	if (!s->hist || !ssg_emit_writes(e))
		return SSG_OK;
	site_sink k = {e, NULL};
	int rc = ssg_emit_open(e, SSG_ROUTES_DATA "history.jsonl", &k.f);
	if (rc != SSG_OK)
		return rc;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_hout_jsonl_range(s->hist, NULL, NULL, s->hist_end, &b, to_site,
			     &k);
	ssg_buf_fini(&b);
	return ssg_emit_close(e, k.f);
}

const size_t *ssg_changes_row_counts(site *s, const ssg_plan_table *t)
{
	return s->hist ? row_index(s, t)->n : NULL;
}

/* ---- revisions/ ---------------------------------------------------- */

static ssg_value *tag_value(site *s, ssg_model *m, size_t i)
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
		ssg_map_set(v, "commit", commit_value(s, (size_t)c));
	ssg_map_set_bool(m, v, "publication", i == 0);
	return v;
}

/* A row event of a review as the event partial draws it. */
static ssg_value *row_event_value(site *s, ssg_model *m, const char *table,
				  const ssg_row_event *e)
{
	ssg_hev v = ssg_history_event_of(table, e);
	return change_value(s, m, &v);
}

/* Why a file of a review has no diff, in words, with its diagnostic. */
static const char *review_problem(ssg_model *m, ssg_review_problem p,
				  const ssg_diag *g)
{
	static const char *const words[] = {
		[SSG_REVIEW_OK] = "",
		[SSG_REVIEW_UNREADABLE_A] = "không đọc được ở phiên bản trước",
		[SSG_REVIEW_UNREADABLE_B] = "không đọc được ở phiên bản này",
		[SSG_REVIEW_UNMATCHED] = "không khớp được các dòng theo khóa",
		[SSG_REVIEW_TOO_LARGE] = too_large,
	};
	if (!g)
		return words[p];
	if (g->path && g->line)
		return ssg_value_str(ssg_model_strf(m, "%s: %s:%u:%u: %s",
						    words[p], g->path, g->line,
						    g->col ? g->col : 1,
						    g->msg));
	return ssg_value_str(ssg_model_strf(m, "%s: %s", words[p], g->msg));
}

/* The revised targets of a review: the indicator, its column's title,
 * the old and the new value. */
static ssg_value *review_targets(site *s, ssg_model *m, const ssg_review *rv)
{
	ssg_value *list = ssg_model_list(m);
	for (size_t i = 0; i < ssg_review_ntargets(rv); i++) {
		const ssg_review_target *t = ssg_review_target_at(rv, i);
		ssg_value *v = row_event_value(s, m, t->table->name, t->event);
		const ssg_plan_indicator *x = indicator_of(s, t->event->key);
		if (x) {
			ssg_map_set_str(m, v, "name", x->name);
			ssg_map_set_str(m, v, "url",
					ssg_routes_indicator(m, x->id));
		}
		ssg_list_push(list, v);
	}
	return list;
}

/* The tables of a review that changed or could not be compared:
 * [{table, title, kind_word, problem, events}]. */
static ssg_value *review_tables(site *s, ssg_model *m, const ssg_review *rv)
{
	static const char *const words[] = {"bảng mới", "bảng bị xóa", ""};
	ssg_value *list = ssg_model_list(m);
	for (size_t i = 0; i < ssg_review_ntables(rv); i++) {
		const ssg_review_table *t = ssg_review_table_at(rv, i);
		size_t n = ssg_row_events_count(t->events);
		if (t->problem == SSG_REVIEW_OK && !n)
			continue;
		ssg_value *v = ssg_model_map(m);
		const ssg_plan_table *pt = ssg_plan_table_find(s->plan, t->name);
		ssg_map_set_str(m, v, "table", t->name);
		ssg_map_set_str(m, v, "title", pt ? pt->title : t->name);
		if (*words[t->kind])
			ssg_map_set_str(m, v, "kind_word", words[t->kind]);
		if (t->problem != SSG_REVIEW_OK)
			ssg_map_set_str(m, v, "problem",
					review_problem(m, t->problem, t->error));
		ssg_value *evs = ssg_model_list(m);
		for (size_t k = 0; k < n; k++)
			ssg_list_push(evs, row_event_value(s, m, t->name,
					   ssg_row_events_get(t->events, k)));
		ssg_map_set(v, "events", evs);
		ssg_map_set_bool(m, v, "has_events", n > 0);
		ssg_list_push(list, v);
	}
	return list;
}

static ssg_value *review_pages(ssg_model *m, const ssg_review *rv)
{
	ssg_value *list = ssg_model_list(m);
	size_t budget = DIFF_BUDGET;
	for (size_t i = 0; i < ssg_review_npages(rv); i++) {
		const ssg_review_page *p = ssg_review_page_at(rv, i);
		ssg_list_push(list, page_value(m, p->path, page_words[p->kind],
					       p->diff,
					       review_problem(m, p->problem,
							      p->error),
					       &budget));
	}
	return list;
}

/* What a revision page shows first: the net difference from the
 * revision before (s->reviews), revised targets, then cells, then
 * words. */
static void revision_review(site *s, ssg_model *m, ssg_value *page,
			    const ssg_review *rv)
{
	if (!rv) {
		ssg_map_set_bool(m, page, "no_review", true);
		return;
	}
	ssg_value *targets = review_targets(s, m, rv);
	ssg_value *tables = review_tables(s, m, rv);
	ssg_value *pages = review_pages(m, rv);
	ssg_map_set(page, "targets", targets);
	ssg_map_set(page, "tables", tables);
	ssg_map_set(page, "pages", pages);
	ssg_map_set_bool(m, page, "has_targets", ssg_value_len(targets) > 0);
	ssg_map_set_bool(m, page, "has_tables", ssg_value_len(tables) > 0);
	ssg_map_set_bool(m, page, "has_pages", ssg_value_len(pages) > 0);
	ssg_map_set_bool(m, page, "has_changes",
			 ssg_value_len(tables) + ssg_value_len(pages) > 0);
}

int ssg_pages_revisions(site *s, ssg_emit *e)
{
	if (!s->hist)
		return SSG_OK;
	int rc = SSG_OK;
	ssg_model *lm = ssg_model_new();
	ssg_value *list = ssg_model_list(lm);
	ssg_snapshot *prev = NULL;
	for (size_t i = 0; i < s->ntags && rc == SSG_OK; i++) {
		ssg_value *tv = tag_value(s, lm, i);
		ssg_list_push(list, tv);
		if (!ssg_routes_writes_shared(s->routes))
			continue; /* the main site's pages (tag_value) */
		ssg_review *rv = ssg_site_review(s, i, &prev);
		ssg_model *m = ssg_model_new();
		ssg_value *page = ssg_emit_page_new(e, m, s->tags[i].summary,
						    "revisions/");
		ssg_map_set(page, "tag", tag_value(s, m, i));
		long to = ssg_history_find(s->hist, s->tags[i].target);
		long from = i ? ssg_history_find(s->hist, s->tags[i - 1].target)
			      : -1;
		if (i)
			ssg_map_set(page, "prev", tag_value(s, m, i - 1));
		revision_review(s, m, page, rv);
		/* The commits in between, each linking to its own changes. */
		ssg_value *commits = ssg_model_list(m);
		for (long c = from + 1; c <= to; c++)
			if (ssg_history_commit(s->hist, (size_t)c)->touched)
				ssg_list_push(commits,
					      commit_value(s, (size_t)c));
		ssg_map_set(page, "commits", commits);
		ssg_map_set_bool(m, page, "has_commits",
				 ssg_value_len(commits) > 0);
		rc = ssg_emit_page(e, m,
				   ssg_routes_revision(m, s->tags[i].name),
				   "revision", page);
		ssg_model_free(m);
		ssg_review_free(rv);
	}
	ssg_snapshot_free(prev);
	ssg_value *rev = ssg_model_list(lm); /* newest first */
	for (size_t i = ssg_value_len(list); i-- > 0;)
		ssg_list_push(rev, ssg_value_at(list, i));
	ssg_value *page = ssg_emit_page_new(e, lm, "Các phiên bản chính thức",
					    SSG_ROUTES_REVISIONS);
	ssg_map_set(page, "tags", rev);
	ssg_map_set_bool(lm, page, "has_tags", s->ntags > 0);
	if (rc == SSG_OK)
		rc = ssg_emit_page(e, lm, SSG_ROUTES_REVISIONS, "revisions",
				   page);
	ssg_model_free(lm);
	return rc;
}

void ssg_changes_decorate_table(site *s, ssg_model *m, ssg_value *tv,
				const ssg_plan_table *t)
{
	if (!s->hist)
		return;
	ssg_map_set(tv, "updated",
		    ssg_value_get(ssg_value_get(s->site, "updated"), t->name));
	const size_t *counts = ssg_changes_row_counts(s, t);
	const ssg_value *rows = ssg_value_get(tv, "rows");
	for (size_t r = 0; r < ssg_value_len(rows); r++) {
		if (!counts[r])
			continue;
		ssg_value *h = ssg_model_map(m);
		ssg_map_set(h, "count", ssg_model_strf(m, "%zu", counts[r]));
		const char *top_key = top_row_key(s, t, r);
		ssg_map_set_str(m, h, "url",
				top_key ? ssg_routes_shared(s->routes, m,
						ssg_routes_row(m, t->name, top_key))
					: ssg_routes_row(m, t->name, t->keys[r]));
		ssg_map_set((ssg_value *)ssg_value_at(rows, r), "history", h);
	}
	ssg_map_set_bool(m, tv, "has_history", true);
}
