/* hview — a site's history as read-only template values (hview.h). */
#include "hview.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "lineage.h"
#include "text.h"
#include "period.h"
#include "pool.h"
#include "summemo.h"
#include "titles.h"
#include "view.h"

#include "hview_int.h"

/* Rows merged, split and removed: what events and table pages add
 * (below, with the rows). */
static const char *event_lineage(const ssg_hview *s, ssg_model *m,
				 ssg_value *v, const ssg_hev *e);

/* What index_rows asks again and again, by the pointers it was asked
 * with: a province's 90,000 events name 1,200 rows and a few fields,
 * their strings interned (history.c), so that a pointer seen before
 * stands for its answer; a pointer not seen is looked up in full. */
#define ROW_MEMO 4096
typedef struct {
	const char *key;
	const row_index *x;
	long row;
} row_memo;

typedef struct {
	const char *table, *field;
	bool is;
} label_memo;

static size_t ptr_slot(const void *p, size_t n)
{
	uintptr_t v = (uintptr_t)p;
	return (size_t)((v >> 4) ^ (v >> 16)) & (n - 1);
}

static long memo_row(row_memo *memo, const row_index *x, const char *key)
{
	row_memo *slot = &memo[ptr_slot(key, ROW_MEMO)];
	if (slot->key != key || slot->x != x) {
		slot->key = key;
		slot->x = x;
		slot->row = ssg_plan_table_row(x->t, key);
	}
	return slot->row;
}

static bool memo_label(label_memo *memo, const char *table, const char *field)
{
	label_memo *slot = &memo[ptr_slot(field, 64) ^ ptr_slot(table, 64)];
	if (slot->table != table || slot->field != field || !field) {
		slot->table = table;
		slot->field = field;
		slot->is = ssg_fields_is_label(table, field);
	}
	return slot->is;
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
		s->rows[i].named =
			ssg_xcalloc(nrows ? nrows : 1, sizeof(size_t *));
		s->rows[i].nnamed =
			ssg_xcalloc(nrows ? nrows : 1, sizeof(size_t));
		s->rows[i].label = -1;
		for (size_t c = 0; c < ssg_table_ncols(t->table); c++)
			if (s->rows[i].label < 0 &&
			    ssg_fields_is_label(t->name,
						ssg_table_colname(t->table, c)))
				s->rows[i].label = (long)c;
	}
	row_memo *rmemo = ssg_xcalloc(ROW_MEMO, sizeof(*rmemo));
	label_memo lmemo[64];
	memset(lmemo, 0, sizeof(lmemo));
	const char *last_table = NULL;
	row_index *x = NULL;
	for (size_t i = 0; i < s->ev_end; i++) {
		const ssg_hev *e = event_at(s, i);
		if (!e->key && e->kind != SSG_HEV_SCHEMA)
			continue;
		if (e->table != last_table || !e->table) {
			last_table = e->table;
			x = NULL;
			for (size_t k = 0; k < nt && !x; k++)
				if (strcmp(e->table, s->rows[k].t->name) == 0)
					x = &s->rows[k];
		}
		if (!e->key) {
			if (x) {
				x->schema = ssg_xgrow(x->schema, x->nschema,
						      sizeof(size_t));
				x->schema[x->nschema++] = i;
			}
			continue;
		}
		long r = x ? memo_row(rmemo, x, e->key) : -1;
		if (x)
			ssg_lineage_event(s->lineage, x->t, r, i);
		if (r < 0)
			continue; /* a row the built table no longer has */
		x->ev[r] = ssg_xgrow(x->ev[r], x->n[r], sizeof(size_t));
		x->ev[r][x->n[r]++] = i;
		if (e->kind == SSG_HEV_ADDED ||
		    (e->kind == SSG_HEV_CHANGED &&
		     memo_label(lmemo, e->table, e->field))) {
			x->named[r] = ssg_xrealloc(
				x->named[r], (x->nnamed[r] + 1) * sizeof(size_t));
			x->named[r][x->nnamed[r]++] = i;
		}
	}
	free(rmemo);
}

const char *ssg_hview_commit_dir(const ssg_hview *v, ssg_model *m, size_t i)
{
	return ssg_routes_commit(m, ssg_routes_commit_name(v->hist, i));
}

static const char *period_at(const ssg_hview *s, size_t ci)
{
	return ssg_history_commit(s->hist, ci)->period;
}

/* The publication of the period of commit ci: the oldest of the site's
 * tags on a commit of that period, or -1. */
static long period_publication(const ssg_hview *s, size_t ci)
{
	for (size_t t = 0; t < s->ntags; t++)
		if (s->tag_commit[t] >= 0 &&
		    ssg_period_same(period_at(s, (size_t)s->tag_commit[t]),
				    period_at(s, ci)))
			return s->tag_commit[t];
	return -1;
}

/* Whether commit i came at or after the publication of its period. */
static bool published(const ssg_hview *s, size_t i)
{
	/* Tags are in commit order: only those up to i can publish it. */
	for (size_t t = 0; t < s->ntags && s->tag_commit[t] <= (long)i; t++)
		if (s->tag_commit[t] >= 0 &&
		    ssg_period_same(period_at(s, (size_t)s->tag_commit[t]),
				    period_at(s, i)))
			return true;
	return false;
}

static const ssg_value *shared_num(ssg_model *m, commit_shared *cs,
				   size_t n)
{
	if (n >= SHARED_NUMS)
		return ssg_model_strf(m, "%zu", n);
	if (!cs->num[n])
		cs->num[n] = ssg_model_strf(m, "%zu", n);
	return cs->num[n];
}

/* The history's string p, lent (it outlives every site model). */
static const ssg_value *shared_lent(ssg_model *m, commit_shared *cs,
				    const char *p)
{
	for (size_t k = 0; k < cs->nlent; k++)
		if (cs->lent[k] == p)
			return cs->lentv[k];
	size_t k = cs->nlent < SHARED_LENT ? cs->nlent++
					   : cs->next++ % SHARED_LENT;
	cs->lent[k] = p;
	cs->lentv[k] = ssg_model_str_lent(m, p);
	return cs->lentv[k];
}

/* Commit i as pages show it, made once per site (every event of a
 * commit shows it: rebuilding it per event was a tenth of a build).  A
 * revision copy's is the main site's under its own url: a copy of every
 * field was a tenth of the peak memory.  `cs` belongs to m. */
static ssg_value *commit_value(const ssg_hview *s, ssg_model *m, size_t i,
				ssg_view_day *day, commit_shared *cs)
{
	const ssg_hcommit *c = ssg_history_commit(s->hist, i);
	ssg_value *v = s->top ? ssg_model_map_over(m, s->top->commit_vals[i])
			      : ssg_model_map_sized(m, 15);
	ssg_map_set(v, "url", ssg_routes_commit_url(
				      s->routes, m,
				      ssg_routes_commit_name(s->hist, i)));
	ssg_map_set_bool(m, v, "published", published(s, i));
	if (s->top)
		return v;
	/* The history outlives every site model: its strings are lent. */
	ssg_map_set(v, "oid", ssg_model_str_lent(m, c->oid));
	ssg_map_set(v, "short", ssg_model_str_lent(m, c->short_oid));
	ssg_view_time_seq(m, v, c->time, c->offset, day);
	ssg_map_set(v, "author", shared_lent(m, cs, c->author));
	const ssg_value *summary = ssg_model_str_lent(m, c->summary);
	ssg_map_set(v, "summary", summary);
	/* A message of one line is its summary. */
	ssg_map_set(v, "message", strcmp(c->message, c->summary) == 0
					  ? summary
					  : ssg_model_str_lent(m, c->message));
	/* The rest of the message after the summary: the "why". */
	const char *nl = strchr(c->message, '\n');
	while (nl && (*nl == '\n' || *nl == '\r'))
		nl++;
	ssg_map_set(v, "body", nl ? ssg_model_str_lent(m, nl)
				  : shared_lent(m, cs, ""));
	ssg_map_set(v, "nevents", shared_num(m, cs, c->nevents));
	ssg_map_set(v, "npages", shared_num(m, cs, c->npages));
	if (c->period)
		ssg_map_set(v, "period", shared_lent(m, cs, c->period));
	ssg_map_set_bool(m, v, "opens", c->opens);
	return v;
}

/* Commit i's value, made at its first reading (ssg_lazy's make): from
 * whichever page thread reads it first, once. */
static const ssg_value *commit_make(void *ctx, size_t i)
{
	ssg_hview *s = ctx;
	const ssg_value *v =
		atomic_load_explicit(&s->made[i], memory_order_acquire);
	if (v)
		return v;
	pthread_mutex_lock(&s->lock);
	v = atomic_load_explicit(&s->made[i], memory_order_relaxed);
	if (!v) {
		ssg_view_day day = {{0, 0, 0}, NULL};
		size_t first = s->day_first ? s->day_first[i] : i;
		if (s->days) {
			const ssg_hcommit *c = ssg_history_commit(s->hist, i);
			day.day = ssg_time_date(c->time, c->offset);
			day.v = s->days[first];
		}
		v = commit_value(s, s->m, i, &day, &s->shared);
		if (s->days)
			s->days[first] = day.v;
		atomic_store_explicit(&s->made[i], v, memory_order_release);
	}
	pthread_mutex_unlock(&s->lock);
	return v;
}

static const unsigned char *commit_sum(void *ctx, size_t i)
{
	const ssg_hview *s = ctx;
	return s->sums[i];
}

/* Commits whose values share one scratch model: 1,024 at most at a
 * time (a value and its day belong to one model). */
#define SUM_CHUNK 1024

/* The commits to digest: those of s but the ones kept (NULL: none). */
typedef struct {
	ssg_hview *s;
	const bool *kept;
} sum_jobs;

/* The digests of the commits of chunk k, each value made in a scratch
 * model given back after.  A chunk reads only what the view holds and
 * writes only its own commits' places, so chunks run on any thread (a
 * job of a pool, pool.h). */
static bool sum_chunk(void *ctx, void *res, size_t k)
{
	(void)res;
	const sum_jobs *j = ctx;
	ssg_hview *s = j->s;
	size_t from = k * SUM_CHUNK;
	size_t to = from + SUM_CHUNK < s->hist_end ? from + SUM_CHUNK
						   : s->hist_end;
	ssg_buf frame;
	ssg_buf_init(&frame);
	ssg_model *scratch = ssg_model_new();
	ssg_view_day day = {{0, 0, 0}, NULL};
	commit_shared cs;
	memset(&cs, 0, sizeof(cs));
	for (size_t i = from; i < to; i++) {
		if (j->kept && j->kept[i])
			continue;
		const ssg_value *v = commit_value(s, scratch, i, &day, &cs);
		/* A commit value is never too deep to frame. */
		(void)ssg_value_frame_sum(v, &frame, s->sums[i]);
	}
	ssg_model_free(scratch);
	ssg_buf_fini(&frame);
	return true;
}

/* Per commit of the main site, the first commit of its day within its
 * chunk, whose day value the commits of that day share (commit_make). */
static void day_firsts(ssg_hview *s)
{
	ssg_date last = {0, 0, 0};
	for (size_t i = 0; i < s->hist_end; i++) {
		const ssg_hcommit *c = ssg_history_commit(s->hist, i);
		ssg_date day = ssg_time_date(c->time, c->offset);
		bool same = i % SUM_CHUNK && day.year == last.year &&
			    day.month == last.month && day.day == last.day;
		s->day_first[i] = same ? s->day_first[i - 1] : (uint32_t)i;
		last = day;
	}
}

/* Each commit's digest.  The main site's, 20,000 commits on a province,
 * on two cores (a third of a rebuild's views phase, with the other core
 * idle then), those the store kept taken from it (summemo.h); a copy's,
 * made on a copy's own thread beside others, on one.  A copy's values
 * stand over the main site's lazy ones: framed by their digests, never
 * made here. */
static void commit_sums(ssg_hview *s, const char *gitdir,
			const unsigned char *keys)
{
	s->sums = ssg_xmalloc((s->hist_end ? s->hist_end : 1) *
			      sizeof(*s->sums));
	if (!s->top) {
		s->day_first = ssg_xcalloc(s->hist_end + 1, sizeof(uint32_t));
		s->days = ssg_xcalloc(s->hist_end + 1, sizeof(*s->days));
		day_firsts(s);
	}
	/* Only the main site's view of the whole chain is kept. */
	bool store = gitdir && keys && !s->top &&
		     s->hist_end == ssg_history_ncommits(s->hist);
	bool *pub = NULL, *kept = NULL;
	size_t made = s->hist_end;
	if (store) {
		ssg_summemo *k = ssg_summemo_read(gitdir, s->hist, keys);
		kept = ssg_xcalloc(s->hist_end + 1, sizeof(bool));
		pub = ssg_xcalloc(s->hist_end + 1, sizeof(bool));
		for (size_t i = 0; i < s->hist_end; i++) {
			pub[i] = published(s, i);
			kept[i] = ssg_summemo_get(k, i, pub[i], s->sums[i]);
			made -= kept[i];
		}
		ssg_summemo_free(k);
	}
	size_t nchunks = (s->hist_end + SUM_CHUNK - 1) / SUM_CHUNK;
	sum_jobs j = {s, kept};
	ssg_pool_opts po = {nchunks, s->top ? 1 : 2, &j, sum_chunk, NULL, NULL};
	if (made)
		ssg_pool_finish(ssg_pool_start(&po), NULL);
	/* Costs time when it cannot be written, never another page. */
	if (store && made)
		(void)ssg_summemo_write(gitdir, s->hist, keys,
					(const unsigned char(*)[32])s->sums,
					pub);
	free(pub);
	free(kept);
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

/* For `at` (a commit's index): the titles of the built plan, not of a
 * commit's time (an event that is not the history's). */
#define NOW SIZE_MAX

/* The versions of data/datapackage.json: the main site's. */
static const ssg_titles *titles_of(const ssg_hview *s)
{
	return s->top ? s->top->titles : s->titles;
}

/* The title a reader saw for column `field` of table `table` at commit
 * `at`: its datapackage.json's title then, else the contract's, else
 * its name; the built plan's for NOW. */
static const char *field_title(const ssg_hview *s, const char *table,
			       const char *field, size_t at)
{
	if (!field)
		return "";
	if (at == NOW)
		return ssg_plan_col_title(s->plan, table, field);
	return ssg_titles_column(titles_of(s), table, field, at);
}

/* The title of table `table` at commit `at`, likewise. */
static const char *table_title(const ssg_hview *s, const char *table,
			       size_t at)
{
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, table);
	if (at == NOW && t)
		return t->title;
	return ssg_titles_table(at == NOW ? NULL : titles_of(s), table, at);
}

/* The name in an added or removed row: its label column's value. */
static const char *row_label(const ssg_hev *e)
{
	for (size_t k = 0; k < e->ncols; k++)
		if (e->vals[k] && *e->vals[k] &&
		    ssg_fields_is_label(e->table, e->cols[k]))
			return e->vals[k];
	return NULL;
}

/* The built plan's table of the events' table and its row index, looked
 * up once for a run of events of one table (a commit's events come
 * grouped by table, a row page's are one row's): the keys of the
 * event pages ask for every event of the history. */
typedef struct {
	const char *table; /* NULL: none looked up yet */
	const ssg_plan_table *t;
	const row_index *x;
	size_t at;         /* the commit `title` is of */
	const char *title; /* table_title(table, at) */
} table_memo;

static void memo_table(const ssg_hview *s, table_memo *tm, const char *table)
{
	if (tm->table && (tm->table == table || strcmp(tm->table, table) == 0))
		return;
	tm->table = table;
	tm->t = ssg_plan_table_find(s->plan, table);
	tm->x = tm->t ? rows_of(s, tm->t) : NULL;
	tm->title = NULL;
}

/* table_title of the memo's table at commit `at`. */
static const char *memo_title(const ssg_hview *s, table_memo *tm, size_t at)
{
	if (!tm->title || tm->at != at) {
		tm->at = at;
		tm->title = table_title(s, tm->table, at);
	}
	return tm->title;
}

/* The name of the row an event is of, as it was at event i of the
 * history (NOW: an event that is not the history's, named as the
 * built plan names it): the row's own when the event holds it, else
 * from the last event at or before i that named it, else the plan's; a
 * row the table no longer has, the name it was removed with; NULL when
 * none is known.  Lent.  e's table is looked up in tm (label_of: by
 * itself). */
static const char *label_in(const ssg_hview *s, const ssg_hev *e, size_t i,
			    const table_memo *tm)
{
	const char *own = row_label(e);
	if (own || !e->key)
		return own;
	const ssg_plan_table *t = tm->t;
	const row_index *x = tm->x;
	long r = x ? ssg_plan_table_row(t, e->key) : -1;
	if (r < 0) {
		/* A row the table no longer has: its name as it was
		 * removed (lineage.h), else as it was added. */
		long f = x ? ssg_lineage_former_find(s->lineage, t, e->key) : -1;
		const ssg_lineage_former *fr =
			f >= 0 ? ssg_lineage_former_at(s->lineage, t, (size_t)f)
			       : NULL;
		if (!fr || !fr->nevents)
			return NULL;
		const char *l = fr->removed >= 0
					? row_label(event_at(s, (size_t)fr->removed))
					: NULL;
		return l ? l : row_label(event_at(s, fr->events[0]));
	}
	size_t lo = 0, hi = i == NOW ? 0 : x->nnamed[r];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->named[r][mid] <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo) {
		const ssg_hev *n = event_at(s, x->named[r][lo - 1]);
		const char *l = n->kind == SSG_HEV_ADDED ? row_label(n) : n->new_;
		if (l && *l)
			return l;
	}
	return x->label >= 0 ? ssg_table_cell(t->table, (size_t)r,
					      (size_t)x->label)
			     : NULL;
}

static const char *label_of(const ssg_hview *s, const ssg_hev *e, size_t i)
{
	table_memo tm = {0};
	memo_table(s, &tm, e->table);
	return label_in(s, e, i, &tm);
}

/* Whether a column of table `table` holds an indicator's figures,
 * which read with its unit ("80%"). */
static bool is_figure(const char *table, const char *field)
{
	return field && strcmp(table, "indicators") == 0 &&
	       (strcmp(field, "baseline") == 0 ||
		strcmp(field, "target") == 0 || strcmp(field, "result") == 0);
}

/* The unit of the indicator an event is of: the built plan's, or the
 * row's own when the plan no longer has it.  Events are the history's,
 * or a review's in that form. */
static const char *event_unit(const ssg_hview *s, const ssg_hev *e)
{
	if (strcmp(e->table, "indicators") != 0)
		return NULL;
	const ssg_plan_indicator *x = indicator_of(s, e->key);
	return x ? x->unit : row_field(e, "unit");
}

/* An added or removed row: its filled cells [{col (its title), name,
 * val, first}], each read as its column reads (ssg_view_field_cell);
 * not the cell `linked`, the `replaces` cell that the event's lineage
 * shows as names and links (NULL: none). */
static ssg_value *row_value(const ssg_hview *s, ssg_model *m, const ssg_hev *e,
			    size_t at, const char *linked)
{
	ssg_value *row = ssg_model_list(m), *lastv = NULL;
	const char *unit = event_unit(s, e);
	for (size_t k = 0; k < e->ncols; k++) {
		const char *val = e->vals[k] ? e->vals[k] : "";
		if (ssg_str_trim((ssg_str){val, strlen(val)}).n == 0)
			continue; /* a blank says nothing to a reader */
		if (linked && e->vals[k] == linked)
			continue; /* "06253;06256" beside its own links */
		ssg_value *cv = ssg_model_map(m);
		/* The field's title, as the table's page heads it; its
		 * name for tools. */
		ssg_map_set_str(m, cv, "col",
				field_title(s, e->table, e->cols[k], at));
		ssg_map_set_str(m, cv, "name", e->cols[k]);
		ssg_map_set(cv, "val",
			    ssg_view_field_cell(m, e->table, e->cols[k], val,
						is_figure(e->table, e->cols[k])
							? unit
							: NULL,
						ssg_plan_col_style(s->plan,
								   e->table,
								   e->cols[k])));
		ssg_map_set_bool(m, cv, "first", ssg_value_len(row) == 0);
		ssg_list_push(row, cv);
		lastv = cv;
	}
	/* The separator goes inside the cell before it: on a phone a
	 * cell that wraps takes its "; " with it, where "; " between two
	 * cells began the next line. */
	if (lastv)
		ssg_map_set_bool(m, lastv, "last", true);
	return row;
}

/* A column added, removed or renamed: {word, old, new}, each column by
 * its title. */
static void schema_value(const ssg_hview *s, ssg_model *m, ssg_value *v,
			 const ssg_hev *e, size_t at)
{
	const char *word = strcmp(e->field, "added") == 0     ? "Thêm cột"
			   : strcmp(e->field, "removed") == 0 ? "Xóa cột"
							      : "Đổi tên cột";
	ssg_map_set(v, "word", ssg_model_str_lent(m, word));
	const char *cols[2] = {e->old, e->new_};
	static const char *const keys[2] = {"old", "new"};
	for (size_t k = 0; k < 2; k++) {
		const char *t = cols[k] ? field_title(s, e->table, cols[k], at)
					: NULL;
		if (t)
			ssg_map_set(v, keys[k],
				    ssg_view_cell_as(m, t, strlen(t), NULL,
						     SSG_NUM_TEXT));
	}
}

/* Whether changed event e, its cells shown as ov and nv, wrote a cell
 * again the same ("done" as "Hoàn thành", "90" as "90,0"): shown as the
 * change of writing it is, so that no reader takes it for a change of
 * the plan.  The texts shown are compared first: no number is read
 * again where they say it. */
static bool written_again(const ssg_hev *e, const ssg_value *ov,
			  const ssg_value *nv)
{
	if (e->kind != SSG_HEV_CHANGED || !ov || !nv)
		return false;
	const char *ot = ssg_value_str(ssg_value_get(ov, "text"));
	const char *nt = ssg_value_str(ssg_value_get(nv, "text"));
	return (ot && nt && strcmp(ot, nt) == 0) ||
	       ssg_num_same(e->old, e->new_);
}

/* Event e as the event partial draws it, with the name of its row
 * (`label`) as at event i of the history (NOW: e is a review's), and the
 * columns' titles as at commit `at` (NOW: the built plan's).
 * e's strings must outlive m: the history's, or a review's, freed after
 * the model of its page. */
static ssg_value *change_value(const ssg_hview *s, ssg_model *m,
			       const ssg_hev *e, size_t i, size_t at)
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
	const char *label = label_of(s, e, i);
	ssg_str lt = ssg_str_trim((ssg_str){label, label ? strlen(label) : 0});
	if (lt.n)
		ssg_map_set(v, "label", ssg_model_strn(m, lt.p, lt.n));
	ssg_map_set(v, "field",
		    ssg_model_str_lent(m, e->field ? e->field : ""));
	if (e->kind == SSG_HEV_SCHEMA) {
		schema_value(s, m, v, e, at);
		return v;
	}
	ssg_map_set(v, "field_title",
		    ssg_model_str_lent(m, field_title(s, e->table, e->field, at)));
	const char *unit =
		is_figure(e->table, e->field) ? event_unit(s, e) : NULL;
	/* Past figures are read as their column writes them now. */
	ssg_num_style st = ssg_plan_col_style(s->plan, e->table, e->field);
	ssg_value *ov = e->old ? ssg_view_field_cell(m, e->table, e->field,
						     e->old, unit, st)
			       : NULL;
	ssg_value *nv = e->new_ ? ssg_view_field_cell(m, e->table, e->field,
						      e->new_, unit, st)
				: NULL;
	if (ov)
		ssg_map_set(v, "old", ov);
	if (nv)
		ssg_map_set(v, "new", nv);
	if (written_again(e, ov, nv))
		ssg_map_set_bool(m, v, "same", true);
	ssg_map_set(v, "error", ssg_model_str_lent(m, e->error ? e->error : ""));
	const char *linked = event_lineage(s, m, v, e);
	if (e->ncols)
		ssg_map_set(v, "row", row_value(s, m, e, at, linked));
	return v;
}

const char *ssg_hview_table_title(const ssg_hview *v, const char *table,
				  size_t at)
{
	return table_title(v, table, at);
}

long ssg_hview_publication(const ssg_hview *v)
{
	for (size_t t = 0; t < v->ntags; t++)
		if (v->pub_commit >= 0 && v->tag_commit[t] == v->pub_commit)
			return (long)t;
	return -1;
}

const ssg_plan_indicator *ssg_hview_indicator_of(const ssg_hview *v,
						  const char *key)
{
	return indicator_of(v, key);
}

ssg_value *ssg_hview_change(const ssg_hview *v, ssg_model *m,
			    const ssg_hev *e, size_t at)
{
	return change_value(v, m, e, NOW, at);
}

ssg_value *ssg_hview_event(const ssg_hview *s, ssg_model *m, size_t i)
{
	const ssg_hev *e = ssg_history_event(s->hist, i);
	ssg_value *v = change_value(s, m, e, i, e->commit);
	ssg_map_set(v, "commit", s->commit_vals[e->commit]);
	return v;
}

/* {events: [{ev, more}]} of events start..end, `more` on all but the
 * last: one entry of a timeline or one row of a table of changes. */
static ssg_value *group(ssg_model *m, const ssg_value *events, size_t start,
			size_t end)
{
	ssg_value *g = ssg_model_map(m), *evs = ssg_model_list(m);
	for (size_t k = start; k < end; k++) {
		ssg_value *item = ssg_model_map(m);
		ssg_map_set(item, "ev", ssg_value_at(events, k));
		ssg_map_set_bool(m, item, "more", k + 1 < end);
		ssg_list_push(evs, item);
	}
	ssg_map_set(g, "events", evs);
	return g;
}

ssg_value *ssg_hview_by_commit(ssg_model *m, const ssg_value *events)
{
	ssg_value *groups = ssg_model_list(m);
	for (size_t end = ssg_value_len(events); end > 0;) {
		/* One commit's value is one value (commit_vals): its events
		 * are next to each other. */
		const ssg_value *c =
			ssg_value_get(ssg_value_at(events, end - 1), "commit");
		size_t start = end - 1;
		while (start > 0 && ssg_value_get(ssg_value_at(events, start - 1),
						  "commit") == c)
			start--;
		ssg_value *g = group(m, events, start, end);
		ssg_map_set(g, "commit", c);
		ssg_list_push(groups, g);
		end = start;
	}
	return groups;
}

/* The row a changed cell's event is of, or NULL for any other event. */
static const char *changed_row(const ssg_value *ev)
{
	const char *kind = ssg_value_get_str(ev, "kind");
	const char *key = ssg_value_get_str(ev, "key");
	return strcmp(kind, "changed") == 0 && *key ? key : NULL;
}

ssg_value *ssg_hview_by_row(ssg_model *m, const ssg_value *events)
{
	ssg_value *rows = ssg_model_list(m);
	size_t n = ssg_value_len(events);
	for (size_t start = 0; start < n;) {
		const ssg_value *first = ssg_value_at(events, start);
		const char *key = changed_row(first);
		size_t end = start + 1;
		while (key && end < n) {
			const char *k = changed_row(ssg_value_at(events, end));
			if (!k || strcmp(k, key) != 0)
				break;
			end++;
		}
		ssg_value *g = group(m, events, start, end);
		ssg_map_set(g, "first", first);
		ssg_list_push(rows, g);
		start = end;
	}
	return rows;
}

/* What change_value(s, m, e, i, at) takes from the site besides e and
 * the program, for ssg_hview_events_key: the names and formats the built
 * plan and the history's titles give its values, or, for an event that
 * shows rows merged, split or removed (event_lineage: links that later
 * commits and the built table decide), its whole value. */
bool ssg_hview_event_whole(const ssg_hev *e)
{
	return e->key && (e->kind == SSG_HEV_REMOVED ||
			  (e->kind == SSG_HEV_ADDED && ssg_lineage_cell(e) &&
			   *ssg_lineage_cell(e)));
}

/* What it reads of the site beside the chain up to the event's commit
 * is evmemo.c's site digest too (evmemo.h): the two go together. */
static void change_key(const ssg_hview *s, const ssg_hev *e, size_t i,
		       size_t at, table_memo *tm, ssg_digest *dg)
{
	if (ssg_hview_event_whole(e)) {
		ssg_model *m = ssg_model_new();
		ssg_buf b;
		ssg_buf_init(&b);
		ssg_value_frame(change_value(s, m, e, i, at), &b);
		ssg_digest_str(dg, "whole");
		ssg_digest_bytes(dg, b.data, b.len);
		ssg_buf_fini(&b);
		ssg_model_free(m);
		return;
	}
	memo_table(s, tm, e->table);
	ssg_digest_str(dg, "parts");
	ssg_digest_str(dg, label_in(s, e, i, tm));
	ssg_digest_str(dg, memo_title(s, tm, at));
	ssg_digest_str(dg, field_title(s, e->table, e->field, at));
	if (e->kind == SSG_HEV_SCHEMA) {
		ssg_digest_str(dg, e->old ? field_title(s, e->table, e->old, at)
					  : NULL);
		ssg_digest_str(dg, e->new_ ? field_title(s, e->table, e->new_,
							 at)
					   : NULL);
		return;
	}
	ssg_digest_str(dg, event_unit(s, e));
	ssg_digest_u64(dg, ssg_plan_table_col_style(tm->t, e->field));
	for (size_t k = 0; k < e->ncols; k++) {
		ssg_digest_str(dg, field_title(s, e->table, e->cols[k], at));
		ssg_digest_u64(dg, ssg_plan_table_col_style(tm->t, e->cols[k]));
	}
}

void ssg_hview_events_key(const ssg_hview *v, const size_t *evi,
			  size_t first, size_t n, ssg_digest *dg)
{
	table_memo tm = {0};
	for (size_t k = 0; k < n; k++) {
		size_t i = evi ? evi[k] : first + k;
		const ssg_hev *e = event_at(v, i);
		ssg_hev_digest(dg, e);
		change_key(v, e, i, e->commit, &tm, dg);
	}
}

/* A row as a sentence names it: “its name”, else its key as written
 * (a code, not quoted). */
static void put_row(ssg_buf *b, const char *label, const char *key)
{
	if (label)
		ssg_buf_printf(b, "“%s”", label);
	else
		ssg_buf_puts(b, key ? key : "");
}

/* What an event is of, as a sentence starts: "Chỉ tiêu “…”", "Nhiệm vụ
 * “…”", or the table and its row: "Bảng “…”, dòng “…”". */
static void put_subject(ssg_buf *b, const ssg_hview *s, const ssg_hev *e,
			const char *label)
{
	if (strcmp(e->table, "indicators") == 0)
		ssg_buf_puts(b, "Chỉ tiêu ");
	else if (strcmp(e->table, "tasks") == 0)
		ssg_buf_puts(b, "Nhiệm vụ ");
	else
		ssg_buf_printf(b, "Bảng “%s”, dòng ",
			       table_title(s, e->table, e->commit));
	put_row(b, label, e->key);
}

static const char *text_of(const ssg_value *v, const char *key)
{
	const char *t = ssg_value_get_str(ssg_value_get(v, key), "text");
	return t ? t : "";
}

/* Event e (its value v) as a sentence without its full stop; `more`
 * when it goes on the sentence before, a change of the same row: then
 * only what changed. */
static void put_event_text(ssg_buf *b, const ssg_hview *s, const ssg_hev *e,
			   const ssg_value *v, bool more)
{
	const char *label = ssg_value_str(ssg_value_get(v, "label"));
	const char *old = text_of(v, "old"), *new_ = text_of(v, "new");
	bool typed = strcmp(e->table, "indicators") == 0 ||
		     strcmp(e->table, "tasks") == 0;
	const char *noun = strcmp(e->table, "indicators") == 0 ? "chỉ tiêu"
							       : "nhiệm vụ";
	const char *table = table_title(s, e->table, e->commit);
	switch (e->kind) {
	case SSG_HEV_CHANGED:
		if (more) {
			ssg_buf_puts(b, "; ");
		} else {
			put_subject(b, s, e, label);
			ssg_buf_puts(b, ": ");
		}
		ssg_buf_printf(b, "%s ", ssg_value_get_str(v, "field_title"));
		if (!*old)
			ssg_buf_printf(b, "là %s (trước đó để trống)", new_);
		else if (!*new_)
			ssg_buf_printf(b, "để trống (trước đó là %s)", old);
		else
			ssg_buf_printf(b, "từ %s thành %s", old, new_);
		return;
	case SSG_HEV_ADDED:
	case SSG_HEV_REMOVED: {
		bool added = e->kind == SSG_HEV_ADDED;
		if (typed)
			ssg_buf_printf(b, "%s %s ", added ? "Thêm" : "Xóa",
				       noun);
		else
			ssg_buf_printf(b, "Bảng “%s”: %s dòng ", table,
				       added ? "thêm" : "xóa");
		put_row(b, label, e->key);
		return;
	}
	case SSG_HEV_SCHEMA:
		ssg_buf_printf(b, "Bảng “%s”: ", table);
		if (*old && *new_)
			ssg_buf_printf(b, "đổi tên cột “%s” thành “%s”", old,
				       new_);
		else
			ssg_buf_printf(b, "%s cột “%s”", *new_ ? "thêm" : "xóa",
				       *new_ ? new_ : old);
		return;
	case SSG_HEV_GAP:
		ssg_buf_printf(b, "Bảng “%s”: có một phiên bản không đọc được",
			       table);
		return;
	}
}

const char *ssg_hview_commit_text(const ssg_hview *s, ssg_model *m, size_t ci,
				  size_t max)
{
	const ssg_hcommit *c = ssg_history_commit(s->hist, ci);
	size_t n = c->nevents < max ? c->nevents : max;
	const ssg_hev *prev = NULL;
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t k = 0; k < n; k++) {
		const ssg_hev *e = event_at(s, c->first_event + k);
		/* The words of the event partial, so the two never differ. */
		ssg_value *v = change_value(s, m, e, c->first_event + k, ci);
		bool more = prev && prev->kind == SSG_HEV_CHANGED &&
			    e->kind == SSG_HEV_CHANGED && prev->key && e->key &&
			    strcmp(prev->table, e->table) == 0 &&
			    strcmp(prev->key, e->key) == 0;
		if (k && !more)
			ssg_buf_puts(&b, ". ");
		put_event_text(&b, s, e, v, more);
		prev = e;
	}
	if (n)
		ssg_buf_putc(&b, '.');
	if (c->nevents > n)
		ssg_buf_printf(&b, " Cùng %zu thay đổi khác.", c->nevents - n);
	const char *t = ssg_value_str(ssg_model_strn(m, b.data, b.len));
	ssg_buf_fini(&b);
	return t;
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
	/* The copies are the main site's: linked from it. */
	ssg_map_set_str(m, v, "site_url", ssg_routes_shared(s->routes, m,
				ssg_routes_copy_dir(m, tg->name)));
	ssg_view_time(m, v, tg->time, tg->offset);
	long c = s->tag_commit[i];
	if (c >= 0) {
		ssg_map_set(v, "commit", s->commit_vals[c]);
		const char *p = period_at(s, (size_t)c);
		if (p)
			ssg_map_set(v, "period", ssg_model_str_lent(m, p));
	}
	ssg_map_set_bool(m, v, "publication",
			 c >= 0 && period_publication(s, (size_t)c) == c);
	return v;
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

/* Column `name` of a removed row, or NULL. */
static const char *removed_field(const ssg_hev *e, const char *name)
{
	for (size_t k = 0; k < e->ncols; k++)
		if (ssg_table_colname_is(e->cols[k], name))
			return e->vals[k];
	return NULL;
}

static ssg_str str_of(const char *s)
{
	return (ssg_str){s ? s : "", s ? strlen(s) : 0};
}

ssg_str ssg_hview_cell_at(const ssg_hview *v, const ssg_plan_table *t,
			  size_t r, size_t col, size_t at, long *commit)
{
	ssg_str cur = {ssg_table_cell(t->table, r, col),
		       ssg_table_cell_len(t->table, r, col)};
	const row_index *x = rows_of(v, t);
	*commit = -1;
	if (!x)
		return cur;
	/* Back from the cell as it is, undoing each event after `at`:
	 * within a commit the row's values (named as after it) before the
	 * table's columns.  `first` is the value the row had when it last
	 * came (from `came` on), while it is not there before. */
	const char *name = ssg_table_colname(t->table, col);
	size_t k = x->n[r], s = x->nschema;
	bool there = true;
	ssg_str first = cur;
	long came = -1;
	for (;;) {
		const ssg_hev *e = k ? event_at(v, x->ev[r][k - 1]) : NULL;
		const ssg_hev *c = s ? event_at(v, x->schema[s - 1]) : NULL;
		if (e && e->commit <= at)
			e = NULL;
		if (c && c->commit <= at)
			c = NULL;
		if (!e && !c)
			break;
		if (e && (!c || e->commit >= c->commit)) {
			k--;
			if (e->kind == SSG_HEV_ADDED) {
				there = false;
				first = cur;
				came = (long)e->commit;
			} else if (e->kind == SSG_HEV_REMOVED) {
				there = true;
				cur = str_of(removed_field(e, name));
			} else if (e->kind == SSG_HEV_CHANGED &&
				   ssg_table_colname_is(e->field, name)) {
				cur = str_of(e->old);
			}
			continue;
		}
		s--;
		if (strcmp(c->field, "renamed") == 0 &&
		    ssg_table_colname_is(c->new_, name)) {
			name = c->old;
		} else if (strcmp(c->field, "added") == 0 &&
			   ssg_table_colname_is(c->new_, name)) {
			/* No column of that name before: its first value,
			 * from the row's coming if that was later. */
			*commit = there ? (long)c->commit : came;
			return there ? cur : first;
		}
	}
	if (!there) {
		*commit = came;
		return first;
	}
	if (k)
		*commit = (long)event_at(v, x->ev[r][k - 1])->commit;
	return cur;
}

const char *ssg_hview_row_label(const ssg_hview *v, ssg_model *m,
				const ssg_plan_table *t, size_t r)
{
	const row_index *x = rows_of(v, t);
	if (!x || x->label < 0)
		return NULL;
	ssg_str l = ssg_str_trim(
		(ssg_str){ssg_table_cell(t->table, r, (size_t)x->label),
			  ssg_table_cell_len(t->table, r, (size_t)x->label)});
	return l.n ? ssg_value_str(ssg_model_strn(m, l.p, l.n)) : NULL;
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

/* ---- rows merged, split and removed ------------------------------- */

/* Which removed rows get a page (tables/<t>/<key>/): each, unless its
 * key gives the same page as a row of the table or a removed row before
 * it (keys that differ only in marks: "A-1", "a 1"), whose page it is. */
static void former_pages(ssg_hview *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		row_index *x = &s->rows[i];
		size_t nf = ssg_lineage_nformer(s->lineage, x->t);
		if (!nf)
			continue;
		size_t nr = ssg_table_nrows(x->t->table);
		ssg_model *m = ssg_model_new();
		ssg_slug_ref *refs = ssg_xcalloc(nr + nf, sizeof(*refs));
		for (size_t r = 0; r < nr; r++)
			refs[r] = (ssg_slug_ref){ssg_routes_slug(m, x->t->keys[r]),
						 r};
		for (size_t k = 0; k < nf; k++)
			refs[nr + k] = (ssg_slug_ref){
				ssg_routes_slug(m, ssg_lineage_former_at(
							   s->lineage, x->t, k)
							   ->key),
				nr + k};
		ssg_slug_refs_sort(refs, nr + nf);
		x->former_page = ssg_xcalloc(nf, sizeof(bool));
		for (size_t k = 0; k < nr + nf; k++)
			if (refs[k].i >= nr &&
			    (k == 0 || strcmp(refs[k - 1].slug, refs[k].slug)))
				x->former_page[refs[k].i - nr] = true;
		free(refs);
		ssg_model_free(m);
	}
}

size_t ssg_hview_nformer(const ssg_hview *v, const ssg_plan_table *t)
{
	return ssg_lineage_nformer(v->lineage, t);
}

const ssg_lineage_former *ssg_hview_former(const ssg_hview *v,
					   const ssg_plan_table *t, size_t i)
{
	const row_index *x = rows_of(v, t);
	return x && x->former_page && x->former_page[i]
		       ? ssg_lineage_former_at(v->lineage, t, i)
		       : NULL;
}

/* The link from this site to what shows row `key` of t: an indicator's
 * page, a task on the tasks page, a row's history page or, without one,
 * its line of the table's page; a removed row's page.  NULL when there
 * is none (a key no row of the history has). */
static const char *row_link(const ssg_hview *s, ssg_model *m,
			    const ssg_plan_table *t, const char *key)
{
	long r = ssg_plan_table_row(t, key);
	if (r >= 0) {
		const char *k = t->keys[r];
		if (strcmp(t->name, "indicators") == 0)
			return ssg_routes_indicator(m, k);
		if (strcmp(t->name, "tasks") == 0)
			return ssg_value_str(ssg_model_strf(
				m, SSG_ROUTES_TASKS "#nhiem-vu-%s",
				ssg_routes_slug(m, k)));
		const char *u = ssg_hview_row_url(s, m, t, (size_t)r);
		return u ? u : ssg_value_str(ssg_model_strf(
				       m, "%s#hang-%s", ssg_routes_table(m, t->name),
				       ssg_routes_slug(m, k)));
	}
	long i = ssg_lineage_former_find(s->lineage, t, key);
	const ssg_lineage_former *f = i >= 0 ? ssg_hview_former(s, t, (size_t)i)
					     : NULL;
	return f ? ssg_routes_row(m, t->name, f->key) : NULL;
}

/* Row `key` of t as a link (row-ref.mustache): {key, name (its name
 * column, or the key), has_name (a name besides the key), url ("" for
 * none), more (not the first of a list), has_since (false: callers that
 * know since when set it and `since`, a commit)}.  Every member is set:
 * a template must not find a missing one in the event or page around. */
static ssg_value *row_ref(const ssg_hview *s, ssg_model *m,
			  const ssg_plan_table *t, const char *key, bool more)
{
	ssg_value *v = ssg_model_map(m);
	const char *name = ssg_hview_row_name(s, m, t, key);
	ssg_map_set_str(m, v, "key", key);
	ssg_map_set_str(m, v, "name", name ? name : key);
	ssg_map_set_bool(m, v, "has_name", name && strcmp(name, key) != 0);
	const char *url = row_link(s, m, t, key);
	ssg_map_set_str(m, v, "url", url ? url : "");
	ssg_map_set_bool(m, v, "more", more);
	ssg_map_set_bool(m, v, "has_since", false);
	return v;
}

/* Says in v since when: the commit of event ev of the history. */
static void ref_since(const ssg_hview *s, ssg_model *m, ssg_value *v, size_t ev)
{
	ssg_map_set(v, "since", s->commit_vals[event_at(s, ev)->commit]);
	ssg_map_set_bool(m, v, "has_since", true);
}

/* The rows that row `key` of t replaces (replacing) or that replace it,
 * as the rows say now: [row_ref + {since, when known; with_removal: made
 * by commit `removal` (or none: -1), which removed the row}]. */
static ssg_value *links_value(const ssg_hview *s, ssg_model *m,
			      const ssg_plan_table *t, const char *key,
			      bool replacing, size_t removal)
{
	const ssg_lineage_link *const *links;
	size_t n = ssg_lineage_links(s->lineage, t, key, replacing, &links);
	if (!n)
		return NULL;
	ssg_value *list = ssg_model_list(m);
	for (size_t k = 0; k < n; k++) {
		ssg_value *v = row_ref(s, m, t,
				       replacing ? links[k]->of : links[k]->by,
				       k > 0);
		size_t c = links[k]->event >= 0
				   ? event_at(s, (size_t)links[k]->event)->commit
				   : (size_t)-1;
		if (c != (size_t)-1)
			ref_since(s, m, v, (size_t)links[k]->event);
		ssg_map_set_bool(m, v, "with_removal",
				 c != (size_t)-1 && c == removal);
		ssg_list_push(list, v);
	}
	return list;
}

/* The keys a `replaces` cell names, as links: what an added row said. */
typedef struct {
	const ssg_hview *s;
	ssg_model *m;
	const ssg_plan_table *t;
	ssg_value *list;
} refs_ctx;

static void cell_ref(void *ctx, const char *key, size_t len, size_t off)
{
	(void)off;
	refs_ctx *c = ctx;
	const char *k = ssg_value_str(ssg_model_strn(c->m, key, len));
	ssg_list_push(c->list, row_ref(c->s, c->m, c->t, k,
				       ssg_value_len(c->list) > 0));
}

/* What an event adds to the change partial about replacements, in its
 * map `lineage` {replaces, has_replaces, replaced_by, has_replaced_by,
 * row_url} (both flags set, so that the partial never reads a page's):
 * an added row's `replaces` cell as links, a removed row's new rows and,
 * when the table no longer has it, its history page.  Returns the
 * `replaces` cell shown as links, or NULL. */
static const char *event_lineage(const ssg_hview *s, ssg_model *m,
				 ssg_value *v, const ssg_hev *e)
{
	if (!e->key || (e->kind != SSG_HEV_ADDED && e->kind != SSG_HEV_REMOVED))
		return NULL;
	const char *cell = e->kind == SSG_HEV_ADDED ? ssg_lineage_cell(e) : NULL;
	if (e->kind == SSG_HEV_ADDED && (!cell || !*cell))
		return NULL;
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, e->table);
	if (!t)
		return NULL;
	ssg_value *rep = NULL, *by = NULL;
	const char *page = NULL; /* a removed row's: the way to its history */
	if (cell) {
		refs_ctx c = {s, m, t, ssg_model_list(m)};
		ssg_lineage_split(cell, strlen(cell), cell_ref, &c);
		rep = ssg_value_len(c.list) ? c.list : NULL;
	} else {
		if (ssg_lineage_has_links(s->lineage, t))
			by = links_value(s, m, t, e->key, false, (size_t)-1);
		if (ssg_lineage_nformer(s->lineage, t) &&
		    ssg_plan_table_row(t, e->key) < 0)
			page = row_link(s, m, t, e->key);
	}
	if (!rep && !by && !page)
		return NULL;
	ssg_value *lv = ssg_model_map(m);
	if (rep)
		ssg_map_set(lv, "replaces", rep);
	if (by)
		ssg_map_set(lv, "replaced_by", by);
	if (page)
		ssg_map_set_str(m, lv, "row_url", page);
	ssg_map_set_bool(m, lv, "has_replaces", rep != NULL);
	ssg_map_set_bool(m, lv, "has_replaced_by", by != NULL);
	ssg_map_set(v, "lineage", lv);
	return rep ? cell : NULL;
}

const char *ssg_hview_row_name(const ssg_hview *v, ssg_model *m,
			       const ssg_plan_table *t, const char *key)
{
	const char *name = ssg_lineage_name(v->lineage, t, key);
	ssg_str l = ssg_str_trim((ssg_str){name, name ? strlen(name) : 0});
	return l.n ? ssg_value_str(ssg_model_strn(m, l.p, l.n)) : NULL;
}

size_t ssg_hview_row_named_since(const ssg_hview *v, const ssg_plan_table *t,
				 const char *key)
{
	size_t newest = SIZE_MAX;
	for (int k = 0; k < 2; k++) {
		const ssg_lineage_link *const *links;
		size_t n = ssg_lineage_links(v->lineage, t, key, k == 0, &links);
		for (size_t i = 0; i < n; i++) {
			if (links[i]->event < 0)
				continue;
			size_t c = event_at(v, (size_t)links[i]->event)->commit;
			if (newest == SIZE_MAX || c > newest)
				newest = c;
		}
	}
	return newest;
}

void ssg_hview_row_head(const ssg_hview *v, ssg_model *m, ssg_value *page,
			const ssg_plan_table *t, const char *key)
{
	long i = ssg_plan_table_row(t, key) < 0
			 ? ssg_lineage_former_find(v->lineage, t, key)
			 : -1;
	const ssg_lineage_former *f =
		i >= 0 ? ssg_lineage_former_at(v->lineage, t, (size_t)i) : NULL;
	size_t rc = f && f->removed >= 0
			    ? event_at(v, (size_t)f->removed)->commit
			    : (size_t)-1;
	ssg_value *rep = links_value(v, m, t, key, true, (size_t)-1);
	ssg_value *by = links_value(v, m, t, key, false, rc);
	if (rep)
		ssg_map_set(page, "replaces", rep);
	if (by)
		ssg_map_set(page, "replaced_by", by);
	ssg_map_set_bool(m, page, "has_replaces", rep != NULL);
	ssg_map_set_bool(m, page, "has_replaced_by", by != NULL);
	if (rc != (size_t)-1) {
		ssg_value *rm = ssg_model_map(m);
		ssg_map_set(rm, "commit", v->commit_vals[rc]);
		ssg_map_set(page, "removal", rm);
	}
	ssg_map_set_bool(m, page, "has_notice", by || rc != (size_t)-1);
}

/* The removed rows of t that have a page, for its table page:
 * [row_ref + {removed: {commit}}], or NULL. */
ssg_value *ssg_hview_former_list(const ssg_hview *s, ssg_model *m,
				 const ssg_plan_table *t)
{
	size_t nf = ssg_lineage_nformer(s->lineage, t);
	ssg_value *list = NULL;
	for (size_t i = 0; i < nf; i++) {
		const ssg_lineage_former *f = ssg_hview_former(s, t, i);
		if (!f)
			continue;
		if (!list)
			list = ssg_model_list(m);
		ssg_value *v = row_ref(s, m, t, f->key, ssg_value_len(list) > 0);
		if (f->removed >= 0)
			ref_since(s, m, v, (size_t)f->removed);
		ssg_list_push(list, v);
	}
	return list;
}

void ssg_hview_lineage_check(const ssg_hview *v, ssg_snapshot *snap,
			     ssg_diags *d)
{
	ssg_lineage_check(v->lineage, snap, d);
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
		ssg_digest_str(dg, c->period);
		ssg_digest_u64(dg, c->opens);
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
	return ssg_hview_new_kept(in, NULL, NULL);
}

ssg_hview *ssg_hview_new_kept(const ssg_hview_in *in, const char *gitdir,
			      const unsigned char *keys)
{
	ssg_hview *v = ssg_xcalloc(1, sizeof(*v));
	v->hist = in->hist;
	v->hist_end = in->end;
	v->tags = in->tags;
	v->ntags = in->ntags;
	v->tag_commit = ssg_xcalloc(v->ntags + 1, sizeof(long));
	for (size_t t = 0; t < v->ntags; t++)
		v->tag_commit[t] = ssg_history_find(v->hist, v->tags[t].target);
	v->period = period_at(v, v->hist_end - 1);
	v->pub_commit = period_publication(v, v->hist_end - 1);
	v->plan = in->plan;
	v->routes = in->routes;
	v->top = in->main;
	const ssg_hcommit *last = ssg_history_commit(v->hist, v->hist_end - 1);
	v->ev_end = last->first_event + last->nevents;
	v->m = ssg_model_new();
	pthread_mutex_init(&v->lock, NULL);
	v->lazy = (ssg_lazy){commit_make, commit_sum, v};
	v->made = ssg_xcalloc(v->hist_end + 1, sizeof(*v->made));
	v->commit_vals = ssg_xcalloc(v->hist_end + 1, sizeof(*v->commit_vals));
	for (size_t i = 0; i < v->hist_end; i++)
		v->commit_vals[i] = ssg_model_map_lazy(v->m, &v->lazy, i);
	commit_sums(v, gitdir, keys);
	v->lineage = ssg_lineage_new(v->plan, v->hist);
	index_rows(v);
	ssg_lineage_seal(v->lineage);
	former_pages(v);
	if (!v->top)
		v->titles = ssg_titles_of_history(v->hist);
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
		for (size_t r = 0; r < nrows; r++)
			free(v->rows[i].named[r]);
		free(v->rows[i].named);
		free(v->rows[i].nnamed);
		free(v->rows[i].schema);
		free(v->rows[i].former_page);
	}
	free(v->rows);
	ssg_lineage_free(v->lineage);
	ssg_titles_free(v->titles);
	free(v->tag_commit);
	free(v->commit_vals);
	free(v->made);
	free(v->sums);
	free(v->day_first);
	free(v->days);
	pthread_mutex_destroy(&v->lock);
	ssg_model_free(v->m);
	free(v);
}

const ssg_lineage *ssg_hview_lineage(const ssg_hview *v)
{
	return v->lineage;
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
