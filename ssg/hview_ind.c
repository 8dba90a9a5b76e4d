/* hview_ind — the indicators' timelines, charts and revised targets, and
 * the report deadlines, from a site's history (hview.h). */
#include "hview.h"

#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "period.h"
#include "view.h"

#include "hview_int.h"

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

/* Whether a target changed by commit ci is a revised one: a commit of
 * the site's period after its publication that does not open it. */
static bool revises(const ssg_hview *s, size_t ci)
{
	const ssg_hcommit *c = ssg_history_commit(s->hist, ci);
	return s->pub_commit >= 0 && (long)ci > s->pub_commit && !c->opens &&
	       ssg_period_same(c->period, s->period);
}

/* The year of c's period as a chart numbers it: 0 when it names none
 * or not as a number. */
static int chart_period(const ssg_hcommit *c)
{
	char *end = NULL;
	long y = c->period ? strtol(c->period, &end, 10) : 0;
	return end && *end == '\0' && y > 0 && y < 100000 ? (int)y : 0;
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
				/* "90" saved again as "90,0" is the same
				 * target, not a revised one. */
				if (!page && revises(s, e->commit) &&
				    !ssg_num_same(e->old, e->new_))
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
			*cp = (ssg_chart_point){.t = c->time,
						.period = chart_period(c)};
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
	/* Newest first for reading, a commit's changes together. */
	ssg_map_set(iv, "timeline", ssg_hview_by_commit(m, timeline));
	ssg_map_set_bool(m, iv, "has_timeline", ssg_value_len(timeline) > 0);
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
		/* The chart runs to the row's last change, not to the commit
		 * built: the page shows what it shows as of its own
		 * provenance (prov.h), and a commit elsewhere changes it
		 * not. */
		const ssg_hcommit *last = ssg_history_commit(
			s->hist, event_at(s, evs[nevs - 1])->commit);
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
	ssg_value *former = ssg_hview_former_list(v, m, t);
	if (former)
		ssg_map_set(tv, "former", former);
	ssg_map_set_bool(m, tv, "has_former", former != NULL);
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

/* Did commit ci report a result? */
static bool commit_reports(const ssg_hview *s, size_t ci)
{
	const ssg_hcommit *c = ssg_history_commit(s->hist, ci);
	for (size_t k = 0; k < c->nevents; k++)
		if (reports_result(event_at(s, c->first_event + k)))
			return true;
	return false;
}

/* The first commit from `from` on that may count for a report of the
 * site's period (hview.h) due after `after` (NULL: the first report)
 * and reported a result; -1 when none did. */
static long first_report(const ssg_hview *s, size_t from,
			 const ssg_date *after)
{
	for (size_t ci = from; ci < s->hist_end; ci++) {
		const ssg_hcommit *c = ssg_history_commit(s->hist, ci);
		if (!ssg_period_same(c->period, s->period))
			continue;
		ssg_date day = ssg_time_date(c->time, c->offset);
		if (after && ssg_date_cmp(&day, after) <= 0)
			continue;
		if (commit_reports(s, ci))
			return (long)ci;
	}
	return -1;
}

void ssg_hview_judge_reports(const ssg_hview *s, ssg_model *m,
			     ssg_value *const *reports, size_t n,
			     const ssg_date *today)
{
	size_t from = 0; /* commits before this are consumed */
	ssg_date prev_due;
	bool has_prev = false;
	for (size_t r = 0; r < n; r++) {
		ssg_value *rv = reports[r];
		const ssg_value *due_v = ssg_value_get(rv, "due");
		const char *iso = ssg_value_str(ssg_value_get(due_v, "iso"));
		ssg_date due;
		if (!iso || !ssg_date_parse(iso, strlen(iso), &due))
			continue;
		long first = first_report(s, from, has_prev ? &prev_due : NULL);
		const char *key, *word;
		if (first >= 0) {
			const ssg_hcommit *c =
				ssg_history_commit(s->hist, (size_t)first);
			ssg_date day = ssg_time_date(c->time, c->offset);
			bool on_time = ssg_date_cmp(&day, &due) <= 0;
			key = on_time ? "ontime" : "late";
			word = on_time ? "Đúng hạn" : "Muộn";
			ssg_map_set(rv, "reported", s->commit_vals[first]);
			from = (size_t)first + 1;
		} else if (today && ssg_date_cmp(today, &due) > 0) {
			key = "missing";
			word = "Chưa báo cáo (quá hạn)";
		} else {
			key = "upcoming";
			word = "Chưa đến hạn";
		}
		ssg_map_set_str(m, rv, "state_key", key);
		ssg_map_set_str(m, rv, "state", word);
		prev_due = due;
		has_prev = true;
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

