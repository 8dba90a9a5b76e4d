/*
 * review — a reviewer's diff, built file by file: both snapshots are
 * walked together in path order, and only files whose blob ids differ
 * are read.
 */
#include "review.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fields.h"
#include "fmt.h"
#include "i18n.h"
#include "period.h"
#include "table.h"
#include "term.h"

typedef struct {
	ssg_review_table pub;
	char *name, *path;
	ssg_diag err;
	ssg_row_events *events;
	char **labels; /* per event */
} table_entry;

typedef struct {
	ssg_review_page pub;
	char *path;
	ssg_diag err;
	ssg_wdiff *diff;
	char ids[2 * 40 + 2]; /* "OLD NEW" */
	bool unread; /* its word diff not made yet */
} page_entry;

struct ssg_review {
	table_entry *tables;
	size_t ntables;
	page_entry *pages;
	size_t npages;
	ssg_review_target *targets;
	size_t ntargets;
	char *period[2]; /* a's, b's; NULL: none named */
	/* The words for tables and columns: the newer revision's
	 * datapackage.json (else the older's), as its site shows them. */
	ssg_titles *titles;
	/* while building, and after it for word diffs not made yet */
	ssg_snapshot *a, *b;
	bool defer; /* pages' word diffs made when asked for */
	const ssg_history_key *keys;
	size_t nkeys;
};

static bool is_table_path(const char *p)
{
	size_t n = strlen(p);
	return strncmp(p, "data/", 5) == 0 && !strchr(p + 5, '/') && n > 9 &&
	       strcmp(p + n - 4, ".csv") == 0;
}

static bool is_page_path(const char *p)
{
	size_t n = strlen(p);
	return strncmp(p, "content/", 8) == 0 && n > 11 &&
	       strcmp(p + n - 3, ".md") == 0;
}

/* Calls fn for every path that `want` accepts in either snapshot, in
 * path order, with the file on each side (NULL where absent), unless
 * both sides hold the same blob. */
typedef void (*pair_fn)(ssg_review *r, const char *path, const ssg_file *fa,
			const ssg_file *fb);

static void each_pair(ssg_review *r, bool (*want)(const char *), pair_fn fn)
{
	size_t i = 0, j = 0, na = r->a ? ssg_snapshot_count(r->a) : 0,
	       nb = r->b ? ssg_snapshot_count(r->b) : 0;
	while (i < na || j < nb) {
		const ssg_file *fa = i < na ? ssg_snapshot_file(r->a, i) : NULL;
		const ssg_file *fb = j < nb ? ssg_snapshot_file(r->b, j) : NULL;
		int c = !fa ? 1 : !fb ? -1 : strcmp(fa->path, fb->path);
		if (c < 0)
			fb = NULL, i++;
		else if (c > 0)
			fa = NULL, j++;
		else
			i++, j++;
		const char *path = fa ? fa->path : fb->path;
		if (!want(path) || (fa && fb && strcmp(fa->oid, fb->oid) == 0))
			continue;
		fn(r, path, fa, fb);
	}
}

static ssg_review_kind kind_of(const ssg_file *fa, const ssg_file *fb)
{
	return !fa ? SSG_REVIEW_ADDED : !fb ? SSG_REVIEW_REMOVED
					    : SSG_REVIEW_CHANGED;
}

/* Keeps a copy of the first of a private list of diagnostics. */
static const ssg_diag *keep_first(ssg_diag *to, ssg_diags *q)
{
	ssg_diags_sort(q);
	if (!ssg_diags_count(q))
		return NULL;
	ssg_diag_copy(to, ssg_diags_get(q, 0));
	return to;
}

static int read_table(ssg_snapshot *s, const ssg_file *f, ssg_table **t,
		      ssg_diags *q)
{
	const char *data;
	size_t len;
	*t = NULL;
	if (!f)
		return SSG_OK;
	int rc = ssg_snapshot_read(s, f, &data, &len, q);
	if (rc == SSG_OK)
		rc = ssg_table_parse(t, f->path, data, len, q);
	return rc;
}

/* The name in row `line` of table t (its first label column,
 * fields.h), trimmed and copied; NULL when it has none. */
static char *row_label_at(const char *table, const ssg_table *t,
			  unsigned line)
{
	size_t lo = 0, hi = t ? ssg_table_nrows(t) : 0;
	while (lo < hi) { /* rows are in line order */
		size_t mid = lo + (hi - lo) / 2;
		if (ssg_table_row_line(t, mid) < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!t || lo == ssg_table_nrows(t) || ssg_table_row_line(t, lo) != line)
		return NULL;
	for (size_t c = 0; c < ssg_table_ncols(t); c++) {
		if (!ssg_fields_is_label(table, ssg_table_colname(t, c)))
			continue;
		ssg_str v = ssg_str_trim((ssg_str){ssg_table_cell(t, lo, c),
						   ssg_table_cell_len(t, lo, c)});
		return v.n ? ssg_xstrndup(v.p, v.n) : NULL;
	}
	return NULL;
}

/* The names of the rows of e's events (table_entry.labels): an added or
 * removed row's own, a changed row's in the newer version. */
static void label_events(table_entry *e, const ssg_table *tb)
{
	size_t n = ssg_row_events_count(e->events);
	e->labels = ssg_xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		const ssg_row_event *ev = ssg_row_events_get(e->events, i);
		if (ev->kind == SSG_EV_CHANGED)
			e->labels[i] = row_label_at(e->name, tb, ev->line);
		for (size_t k = 0; k < ev->ncols && !e->labels[i]; k++)
			if (ssg_fields_is_label(e->name, ev->cols[k]) &&
			    ev->vals[k] && *ev->vals[k])
				e->labels[i] = ssg_xstrdup(ev->vals[k]);
	}
}

static void add_table(ssg_review *r, const char *path, const ssg_file *fa,
		      const ssg_file *fb)
{
	ssg_table *ta = NULL, *tb = NULL;
	ssg_diags *q = ssg_diags_new();
	r->tables = ssg_xrealloc(r->tables,
				 (r->ntables + 1) * sizeof(*r->tables));
	table_entry *e = &r->tables[r->ntables++];
	memset(e, 0, sizeof(*e));
	e->path = ssg_xstrdup(path);
	e->name = ssg_xstrndup(path + 5, strlen(path) - 9);
	e->pub.kind = kind_of(fa, fb);
	const ssg_history_key *k =
		ssg_history_key_find(r->keys, r->nkeys, e->name);
	if (read_table(r->a, fa, &ta, q) != SSG_OK)
		e->pub.problem = SSG_REVIEW_UNREADABLE_A;
	else if (read_table(r->b, fb, &tb, q) != SSG_OK)
		e->pub.problem = SSG_REVIEW_UNREADABLE_B;
	else if (ssg_diff_tables(&e->events, ta, tb, k ? k->cols : NULL,
				 k ? k->ncols : 0, q) != SSG_OK)
		e->pub.problem = SSG_REVIEW_UNMATCHED;
	if (e->pub.problem != SSG_REVIEW_OK)
		e->pub.error = keep_first(&e->err, q);
	else
		label_events(e, tb);
	ssg_table_free(ta);
	ssg_table_free(tb);
	/* The tables' text, parsed and diffed, is not read again by this
	 * review: a province's, held by its snapshots to the end of the
	 * next review, were 5 MB of the build's peak. */
	if (fa)
		ssg_snapshot_forget(r->a, fa);
	if (fb)
		ssg_snapshot_forget(r->b, fb);
	ssg_diags_free(q);
}

/* The word diff of a page whose versions are fa in a and fb in b (NULL
 * where absent); *problem says why there is none, with its first
 * diagnostic copied to err. */
static ssg_wdiff *page_words(ssg_review *r, const ssg_file *fa,
			     const ssg_file *fb, ssg_review_problem *problem,
			     ssg_diag *err, const ssg_diag **error)
{
	const char *a = "", *b = "";
	size_t an = 0, bn = 0;
	ssg_wdiff *w = NULL;
	ssg_diags *q = ssg_diags_new();
	*problem = SSG_REVIEW_OK;
	if (fa && ssg_snapshot_read(r->a, fa, &a, &an, q) != SSG_OK)
		*problem = SSG_REVIEW_UNREADABLE_A;
	else if (fb && ssg_snapshot_read(r->b, fb, &b, &bn, q) != SSG_OK)
		*problem = SSG_REVIEW_UNREADABLE_B;
	else if (ssg_diff_words(&w, a, an, b, bn) != SSG_OK)
		*problem = SSG_REVIEW_TOO_LARGE;
	*error = *problem != SSG_REVIEW_OK ? keep_first(err, q) : NULL;
	ssg_diags_free(q);
	return w;
}

static void add_page(ssg_review *r, const char *path, const ssg_file *fa,
		     const ssg_file *fb)
{
	ssg_review_problem problem = SSG_REVIEW_OK;
	ssg_diag err;
	memset(&err, 0, sizeof(err));
	const ssg_diag *error = NULL;
	ssg_wdiff *w = r->defer ? NULL
				: page_words(r, fa, fb, &problem, &err, &error);
	if (!r->defer && problem == SSG_REVIEW_OK &&
	    !ssg_diff_words_changed(w)) {
		ssg_diff_words_free(w);
		return;
	}
	r->pages = ssg_xrealloc(r->pages, (r->npages + 1) * sizeof(*r->pages));
	page_entry *e = &r->pages[r->npages++];
	memset(e, 0, sizeof(*e));
	e->path = ssg_xstrdup(path);
	e->diff = w;
	e->err = err;
	e->pub.kind = kind_of(fa, fb);
	e->pub.problem = problem;
	e->pub.error = error;
	e->unread = r->defer;
	snprintf(e->ids, sizeof(e->ids), "%s %s", fa ? fa->oid : "",
		 fb ? fb->oid : "");
}

static bool is_target(const char *table, const ssg_row_event *e)
{
	return e->kind == SSG_EV_CHANGED && strcmp(table, "indicators") == 0 &&
	       strlen(e->field) == 6 &&
	       strncasecmp(e->field, "target", 6) == 0;
}

/* The period snapshot s names (period.h), or NULL; quietly: a build of
 * that revision reports what is wrong with its _index.md. */
static char *period_of(ssg_snapshot *s)
{
	const ssg_file *f = s ? ssg_snapshot_find(s, SSG_PERIOD_FILE) : NULL;
	const char *data;
	size_t len;
	char *p = NULL;
	ssg_diags *quiet = ssg_diags_new();
	if (f && ssg_snapshot_read(s, f, &data, &len, quiet) == SSG_OK) {
		ssg_buf year;
		ssg_buf_init(&year);
		if (ssg_period_of_text(data, len, &year))
			p = ssg_buf_detach(&year);
		ssg_buf_fini(&year);
	}
	ssg_diags_free(quiet);
	return p;
}

/* The titles of the package of snapshot b, else a's (titles.h);
 * quietly: a build of that revision reports a package it cannot read. */
static ssg_titles *titles_of(ssg_snapshot *a, ssg_snapshot *b)
{
	ssg_snapshot *s = b && ssg_snapshot_find(b, "data/datapackage.json")
				  ? b
				  : a;
	const ssg_file *f =
		s ? ssg_snapshot_find(s, "data/datapackage.json") : NULL;
	const char *data = NULL;
	size_t len = 0;
	ssg_diags *quiet = ssg_diags_new();
	if (f && ssg_snapshot_read(s, f, &data, &len, quiet) != SSG_OK)
		data = NULL;
	ssg_diags_free(quiet);
	return ssg_titles_of_package(data, len);
}

/* Public views are filled in once the arrays stop moving. */
static void publish(ssg_review *r)
{
	bool revisions = !ssg_review_other_plan(r);
	for (size_t i = 0; i < r->ntables; i++) {
		table_entry *e = &r->tables[i];
		e->pub.name = e->name;
		e->pub.path = e->path;
		e->pub.events = e->events;
		e->pub.labels = (const char *const *)e->labels;
		if (e->pub.error)
			e->pub.error = &e->err;
		for (size_t k = 0; k < ssg_row_events_count(e->events); k++) {
			const ssg_row_event *ev = ssg_row_events_get(e->events, k);
			if (!revisions || !is_target(e->name, ev) ||
			    ssg_num_same(ev->old, ev->new_))
				continue;
			r->targets = ssg_xrealloc(r->targets,
						  (r->ntargets + 1) *
							  sizeof(*r->targets));
			r->targets[r->ntargets++] =
				(ssg_review_target){&e->pub, ev, e->labels[k]};
		}
	}
	for (size_t i = 0; i < r->npages; i++) {
		page_entry *e = &r->pages[i];
		e->pub.path = e->path;
		e->pub.diff = e->diff;
		e->pub.ids = e->ids;
		if (e->pub.error)
			e->pub.error = &e->err;
	}
}

static ssg_review *review_new(ssg_snapshot *a, ssg_snapshot *b,
			      const ssg_history_key *keys, size_t nkeys,
			      bool defer)
{
	ssg_review *r = ssg_xcalloc(1, sizeof(*r));
	r->a = a;
	r->b = b;
	r->keys = keys;
	r->nkeys = nkeys;
	r->defer = defer;
	r->period[0] = period_of(a);
	r->period[1] = period_of(b);
	r->titles = titles_of(a, b);
	each_pair(r, is_table_path, add_table);
	each_pair(r, is_page_path, add_page);
	publish(r);
	if (!defer)
		r->a = r->b = NULL;
	r->keys = NULL;
	r->nkeys = 0;
	return r;
}

ssg_review *ssg_review_new(ssg_snapshot *a, ssg_snapshot *b,
			   const ssg_history_key *keys, size_t nkeys)
{
	return review_new(a, b, keys, nkeys, false);
}

ssg_review *ssg_review_new_deferred(ssg_snapshot *a, ssg_snapshot *b,
				    const ssg_history_key *keys, size_t nkeys)
{
	return review_new(a, b, keys, nkeys, true);
}

bool ssg_review_page_words(ssg_review *r, size_t i)
{
	page_entry *e = &r->pages[i];
	if (e->unread) {
		e->unread = false;
		const ssg_file *fa =
			e->pub.kind != SSG_REVIEW_ADDED && r->a
				? ssg_snapshot_find(r->a, e->path) : NULL;
		const ssg_file *fb =
			e->pub.kind != SSG_REVIEW_REMOVED && r->b
				? ssg_snapshot_find(r->b, e->path) : NULL;
		e->diff = page_words(r, fa, fb, &e->pub.problem, &e->err,
				     &e->pub.error);
		e->pub.diff = e->diff;
	}
	return e->pub.problem != SSG_REVIEW_OK ||
	       ssg_diff_words_changed(e->diff);
}

void ssg_review_page_drop(ssg_review *r, size_t i)
{
	page_entry *e = &r->pages[i];
	ssg_diff_words_free(e->diff);
	e->diff = NULL;
	e->pub.diff = NULL;
	e->unread = false;
	ssg_snapshot *sides[2] = {e->pub.kind != SSG_REVIEW_ADDED ? r->a : NULL,
				  e->pub.kind != SSG_REVIEW_REMOVED ? r->b
								    : NULL};
	for (size_t k = 0; k < 2; k++) {
		const ssg_file *f =
			sides[k] ? ssg_snapshot_find(sides[k], e->path) : NULL;
		if (f)
			ssg_snapshot_forget(sides[k], f);
	}
}

void ssg_review_free(ssg_review *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ntables; i++) {
		table_entry *e = &r->tables[i];
		free(e->name);
		free(e->path);
		ssg_diag_fini(&e->err);
		for (size_t k = 0; e->labels && k < ssg_row_events_count(e->events);
		     k++)
			free(e->labels[k]);
		free(e->labels);
		ssg_row_events_free(e->events);
	}
	for (size_t i = 0; i < r->npages; i++) {
		page_entry *e = &r->pages[i];
		free(e->path);
		ssg_diag_fini(&e->err);
		ssg_diff_words_free(e->diff);
	}
	free(r->tables);
	free(r->pages);
	free(r->targets);
	free(r->period[0]);
	free(r->period[1]);
	ssg_titles_free(r->titles);
	free(r);
}

const char *ssg_review_period(const ssg_review *r, bool b)
{
	return r->period[b];
}

bool ssg_review_other_plan(const ssg_review *r)
{
	return r->period[0] && r->period[1] &&
	       !ssg_period_same(r->period[0], r->period[1]);
}

size_t ssg_review_ntables(const ssg_review *r)
{
	return r->ntables;
}

const ssg_review_table *ssg_review_table_at(const ssg_review *r, size_t i)
{
	return i < r->ntables ? &r->tables[i].pub : NULL;
}

size_t ssg_review_npages(const ssg_review *r)
{
	return r->npages;
}

const ssg_review_page *ssg_review_page_at(const ssg_review *r, size_t i)
{
	return i < r->npages ? &r->pages[i].pub : NULL;
}

size_t ssg_review_ntargets(const ssg_review *r)
{
	return r->ntargets;
}

const ssg_review_target *ssg_review_target_at(const ssg_review *r, size_t i)
{
	return i < r->ntargets ? &r->targets[i] : NULL;
}

/* ---- a review kept for the next build ------------------------------- */

/* The saved form: integers as 8 bytes little endian, a string as its
 * length plus one (0: NULL) and its bytes. */
static void save_str(ssg_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	ssg_buf_put_le64(b, s ? n + 1 : 0);
	ssg_buf_put(b, s, n);
}

#define SAVED_FORMAT 1u

void ssg_review_save(const ssg_review *r, ssg_buf *b)
{
	ssg_buf_put_le64(b, SAVED_FORMAT);
	save_str(b, r->period[0]);
	save_str(b, r->period[1]);
	ssg_buf_put_le64(b, r->ntables);
	for (size_t i = 0; i < r->ntables; i++) {
		const table_entry *e = &r->tables[i];
		save_str(b, e->name);
		save_str(b, e->path);
		ssg_buf_put_le64(b, e->pub.kind);
		ssg_buf_put_le64(b, e->pub.problem);
		ssg_buf_put_le64(b, e->pub.error != NULL);
		if (e->pub.error) {
			ssg_buf_put_le64(b, e->err.sev);
			save_str(b, e->err.path);
			ssg_buf_put_le64(b, e->err.line);
			ssg_buf_put_le64(b, e->err.col);
			save_str(b, e->err.msg);
		}
		size_t n = ssg_row_events_count(e->events);
		ssg_buf_put_le64(b, e->events != NULL);
		ssg_buf_put_le64(b, n);
		for (size_t k = 0; k < n; k++) {
			const ssg_row_event *ev = ssg_row_events_get(e->events, k);
			ssg_buf_put_le64(b, ev->kind);
			ssg_buf_put_le64(b, ev->schema);
			save_str(b, ev->key);
			save_str(b, ev->field);
			save_str(b, ev->old);
			save_str(b, ev->new_);
			ssg_buf_put_le64(b, ev->line);
			ssg_buf_put_le64(b, ev->ncols);
			for (size_t c = 0; c < ev->ncols; c++) {
				save_str(b, ev->cols[c]);
				save_str(b, ev->vals[c]);
			}
			save_str(b, e->labels ? e->labels[k] : NULL);
		}
	}
	ssg_buf_put_le64(b, r->npages);
	for (size_t i = 0; i < r->npages; i++) {
		const page_entry *e = &r->pages[i];
		save_str(b, e->path);
		ssg_buf_put_le64(b, e->pub.kind);
		save_str(b, e->ids);
	}
}

/* A saved form being read: any value out of bounds stops it (ok false). */
typedef struct {
	const unsigned char *p, *end;
	bool ok;
} loader;

static uint64_t load_u64(loader *l)
{
	if (!l->ok || l->end - l->p < 8) {
		l->ok = false;
		return 0;
	}
	uint64_t v = ssg_le64_get(l->p);
	l->p += 8;
	return v;
}

/* A count of items of at least `size` bytes each that the rest can hold. */
static size_t load_count(loader *l, size_t size)
{
	uint64_t n = load_u64(l);
	if (n > (uint64_t)(l->end - l->p) / size)
		l->ok = false;
	return l->ok ? (size_t)n : 0;
}

/* A string copied by `dup` (ssg_xstrndup or into an event list). */
static const char *load_strn(loader *l, size_t *len)
{
	uint64_t n = load_u64(l);
	if (!l->ok || n == 0 || n - 1 > (uint64_t)(l->end - l->p)) {
		if (n)
			l->ok = false;
		return NULL;
	}
	const char *s = (const char *)l->p;
	*len = (size_t)(n - 1);
	l->p += n - 1;
	return s;
}

static char *load_str(loader *l)
{
	size_t n;
	const char *s = load_strn(l, &n);
	return s ? ssg_xstrndup(s, n) : NULL;
}

static const char *load_ev_str(loader *l, ssg_row_events *evs)
{
	size_t n;
	const char *s = load_strn(l, &n);
	if (!s)
		return NULL;
	char *p = ssg_row_events_alloc(evs, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void load_events(loader *l, table_entry *e)
{
	bool has = load_u64(l) != 0;
	size_t n = load_count(l, 8 * 8);
	if (!has)
		return;
	e->events = ssg_row_events_new();
	e->labels = ssg_xcalloc(n ? n : 1, sizeof(char *));
	for (size_t k = 0; k < n && l->ok; k++) {
		uint64_t kind = load_u64(l), schema = load_u64(l);
		if (kind > SSG_EV_SCHEMA || schema > SSG_SCHEMA_REMOVED) {
			l->ok = false;
			break;
		}
		ssg_row_event *ev = ssg_row_events_add(e->events,
						       (ssg_ev_kind)kind);
		ev->schema = (ssg_schema_kind)schema;
		ev->key = load_ev_str(l, e->events);
		ev->field = load_ev_str(l, e->events);
		ev->old = load_ev_str(l, e->events);
		ev->new_ = load_ev_str(l, e->events);
		ev->line = (unsigned)load_u64(l);
		ev->ncols = load_count(l, 16);
		const char **cols = ssg_row_events_alloc(
			e->events, (ev->ncols + 1) * sizeof(char *));
		const char **vals = ssg_row_events_alloc(
			e->events, (ev->ncols + 1) * sizeof(char *));
		for (size_t c = 0; c < ev->ncols; c++) {
			cols[c] = load_ev_str(l, e->events);
			vals[c] = load_ev_str(l, e->events);
			if (!cols[c])
				l->ok = false;
		}
		ev->cols = cols;
		ev->vals = vals;
		e->labels[k] = load_str(l);
	}
}

ssg_review *ssg_review_load(const void *data, size_t n)
{
	loader l = {data, (const unsigned char *)data + n, true};
	if (load_u64(&l) != SAVED_FORMAT)
		return NULL;
	ssg_review *r = ssg_xcalloc(1, sizeof(*r));
	r->defer = true;
	r->period[0] = load_str(&l);
	r->period[1] = load_str(&l);
	size_t nt = load_count(&l, 8 * 8);
	r->tables = ssg_xcalloc(nt ? nt : 1, sizeof(*r->tables));
	for (size_t i = 0; i < nt && l.ok; i++) {
		table_entry *e = &r->tables[r->ntables++];
		e->name = load_str(&l);
		e->path = load_str(&l);
		uint64_t kind = load_u64(&l), problem = load_u64(&l);
		if (!e->name || !e->path || kind > SSG_REVIEW_CHANGED ||
		    problem > SSG_REVIEW_TOO_LARGE) {
			l.ok = false;
			break;
		}
		e->pub.kind = (ssg_review_kind)kind;
		e->pub.problem = (ssg_review_problem)problem;
		if (load_u64(&l)) {
			e->err.sev = load_u64(&l) ? SSG_SEV_WARNING
						  : SSG_SEV_ERROR;
			e->err.path = load_str(&l);
			e->err.line = (unsigned)load_u64(&l);
			e->err.col = (unsigned)load_u64(&l);
			e->err.msg = load_str(&l);
			if (!e->err.msg)
				e->err.msg = ssg_xstrdup("");
			e->err.text = e->err.msg;
			e->pub.error = &e->err;
		}
		load_events(&l, e);
	}
	size_t np = load_count(&l, 3 * 8);
	r->pages = ssg_xcalloc(np ? np : 1, sizeof(*r->pages));
	for (size_t i = 0; i < np && l.ok; i++) {
		page_entry *e = &r->pages[r->npages++];
		e->path = load_str(&l);
		uint64_t kind = load_u64(&l);
		size_t len = 0;
		const char *ids = load_strn(&l, &len);
		if (!e->path || kind > SSG_REVIEW_CHANGED || !ids ||
		    len >= sizeof(e->ids)) {
			l.ok = false;
			break;
		}
		e->pub.kind = (ssg_review_kind)kind;
		memcpy(e->ids, ids, len);
		e->unread = true;
	}
	if (!l.ok || l.p != l.end) {
		ssg_review_free(r);
		return NULL;
	}
	publish(r);
	return r;
}

/* ---- for a terminal ---- */

/* A diagnostic on one line of text, in the user's language. */
static void put_diag(ssg_buf *b, const ssg_diag *g)
{
	if (!g)
		return;
	if (g->path && g->line) {
		ssg_term_put(b, g->path);
		ssg_buf_printf(b, ":%u:%u: ", g->line, g->col ? g->col : 1);
	}
	ssg_term_put(b, g->text);
}

/* An event on a line, by the titles of the newer revision; a changed
 * row with its name (an added or removed one shows its name among its
 * values); the table's title before the row where no heading names it. */
static void put_event(ssg_buf *b, const ssg_review *r, const char *table,
		      const ssg_row_event *e, const char *label,
		      bool with_table, bool color)
{
	ssg_hev v = ssg_history_event_of(table, e);
	ssg_term_how how = {
		.titles = r->titles,
		.table = with_table,
		.label = e->kind == SSG_EV_CHANGED ? label : NULL,
		.sep = " ",
		.color = color,
	};
	ssg_buf_puts(b, "  ");
	ssg_term_event(b, &v, &how);
	ssg_buf_putc(b, '\n');
}

/* Why a target changed: the commit that made it, on the line below. */
static void put_why(ssg_buf *b, const ssg_hcommit *c)
{
	if (!c)
		return;
	ssg_buf day, msg;
	ssg_buf_init(&day);
	ssg_buf_init(&msg);
	/* The sentence's date in its language's form, chosen by the
	 * catalogue as date(1) and ls(1) choose theirs: 2024-07-08 in
	 * English, 08/07/2024 in Vietnamese. */
	/* TRANSLATORS: strftime(3) form of a date inside a sentence of
	 * ssg diff; Vietnamese: %d/%m/%Y. */
	ssg_term_time(&day, _("%Y-%m-%d"), c->time, c->offset);
	ssg_term_put(&msg, c->summary);
	ssg_buf_puts(b, "    ");
	ssg_buf_printf(b, _("changed in %s on %s: %s"), c->short_oid,
		       ssg_buf_cstr(&day), ssg_buf_cstr(&msg));
	ssg_buf_putc(b, '\n');
	ssg_buf_fini(&day);
	ssg_buf_fini(&msg);
}

const ssg_hcommit *ssg_review_target_commit(const ssg_review_target *t,
					    const ssg_history *h, long from,
					    size_t to)
{
	for (size_t c = to + 1; h && c-- > 0 && (long)c > from;) {
		const ssg_hcommit *hc = ssg_history_commit(h, c);
		for (size_t k = hc ? hc->nevents : 0; k-- > 0;) {
			const ssg_hev *e =
				ssg_history_event(h, hc->first_event + k);
			if (e->kind == SSG_HEV_CHANGED && e->key &&
			    strcmp(e->table, "indicators") == 0 &&
			    strcasecmp(e->field, "target") == 0 &&
			    strcmp(e->key, t->event->key) == 0)
				return hc;
		}
	}
	return NULL;
}

static void put_table(ssg_buf *b, const ssg_review *r,
		      const ssg_review_table *t, const char *label_a,
		      const char *label_b, bool color)
{
	/* The table by its title, the file the clerk edits beside it. */
	const char *title = ssg_titles_table(r->titles, t->name, 0);
	ssg_buf head;
	ssg_buf_init(&head);
	if (strcmp(title, t->name) != 0)
		ssg_buf_printf(&head, "%s (%s)", title, t->path);
	else
		ssg_buf_puts(&head, t->path);
	ssg_term_heading(b, ssg_buf_cstr(&head), color);
	ssg_buf_fini(&head);
	switch (t->problem) {
	case SSG_REVIEW_OK:
		for (size_t i = 0; i < ssg_row_events_count(t->events); i++)
			put_event(b, r, t->name,
				  ssg_row_events_get(t->events, i),
				  t->labels ? t->labels[i] : NULL, false,
				  color);
		return;
	default:
		break;
	}
	/* The path and the revision's name as content (^X), inside a
	 * sentence translated whole. */
	ssg_buf d, path, rev;
	ssg_buf_init(&d);
	ssg_buf_init(&path);
	ssg_buf_init(&rev);
	put_diag(&d, t->error);
	ssg_term_put(&path, t->path);
	ssg_term_put(&rev, t->problem == SSG_REVIEW_UNREADABLE_A ? label_a
								 : label_b);
	ssg_buf_puts(b, "  ");
	if (t->problem == SSG_REVIEW_UNMATCHED)
		ssg_buf_printf(b, _("rows cannot be matched: %s"),
			       ssg_buf_cstr(&d));
	else
		ssg_buf_printf(b, _("%s cannot be read at %s: %s"),
			       ssg_buf_cstr(&path), ssg_buf_cstr(&rev),
			       ssg_buf_cstr(&d));
	ssg_buf_putc(b, '\n');
	ssg_buf_fini(&d);
	ssg_buf_fini(&path);
	ssg_buf_fini(&rev);
}

/* Lines of a rendered word diff that hold a change, with two lines of
 * context around them; "…" between hunks.  Rendering keeps newlines one
 * for one, so line numbers counted in the segments hold in the text. */
static void put_hunks(ssg_buf *b, const ssg_wdiff *w, bool color)
{
	enum { CONTEXT = 2 };
	size_t nlines = 1;
	for (size_t i = 0; i < ssg_diff_words_count(w); i++) {
		const ssg_diff_seg *s = ssg_diff_words_seg(w, i);
		for (size_t k = 0; k < s->len; k++)
			nlines += s->text[k] == '\n';
	}
	bool *mark = ssg_xcalloc(nlines, sizeof(bool));
	size_t line = 0;
	for (size_t i = 0; i < ssg_diff_words_count(w); i++) {
		const ssg_diff_seg *s = ssg_diff_words_seg(w, i);
		size_t start = line;
		for (size_t k = 0; k < s->len; k++)
			line += s->text[k] == '\n';
		if (s->op != SSG_DIFF_EQUAL)
			for (size_t l = start; l <= line; l++)
				mark[l] = true;
	}
	ssg_buf text;
	ssg_buf_init(&text);
	ssg_diff_words_term(w, &text, color);
	const char *p = ssg_buf_cstr(&text);
	size_t last = SIZE_MAX;
	for (size_t l = 0; l < nlines && *p; l++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		bool show = false;
		size_t from = l >= CONTEXT ? l - CONTEXT : 0;
		for (size_t k = from; k <= l + CONTEXT && k < nlines; k++)
			show = show || mark[k];
		if (show) {
			if (last != SIZE_MAX && last + 1 != l)
				ssg_buf_puts(b, "  …\n");
			ssg_buf_puts(b, "  ");
			ssg_buf_put(b, p, len);
			ssg_buf_putc(b, '\n');
			last = l;
		}
		p += len + (nl != NULL);
	}
	ssg_buf_fini(&text);
	free(mark);
}

static void put_page(ssg_buf *b, const ssg_review_page *pg, bool color)
{
	ssg_buf head;
	ssg_buf_init(&head);
	if (pg->kind == SSG_REVIEW_ADDED)
		ssg_buf_printf(&head, _("%s (added)"), pg->path);
	else if (pg->kind == SSG_REVIEW_REMOVED)
		ssg_buf_printf(&head, _("%s (removed)"), pg->path);
	else
		ssg_buf_puts(&head, pg->path);
	ssg_term_heading(b, ssg_buf_cstr(&head), color);
	ssg_buf_fini(&head);
	if (pg->problem == SSG_REVIEW_OK) {
		put_hunks(b, pg->diff, color);
		return;
	}
	ssg_buf d;
	ssg_buf_init(&d);
	put_diag(&d, pg->error);
	ssg_buf_puts(b, "  ");
	if (pg->error)
		ssg_buf_printf(b, _("cannot be compared: %s"),
			       ssg_buf_cstr(&d));
	else
		ssg_buf_puts(b, _("cannot be compared: too large"));
	ssg_buf_putc(b, '\n');
	ssg_buf_fini(&d);
}

void ssg_review_term(const ssg_review *r, const ssg_hcommit *const *why,
		     const char *label_a, const char *label_b, bool color,
		     ssg_buf *out)
{
	size_t start = out->len;
	if (ssg_review_other_plan(r))
		ssg_term_periods(out, label_a, r->period[0], label_b,
				 r->period[1]);
	if (r->ntargets) {
		ssg_term_heading(out, _("Revised targets"), color);
		for (size_t i = 0; i < r->ntargets; i++) {
			put_event(out, r, r->targets[i].table->name,
				  r->targets[i].event, r->targets[i].label,
				  true, color);
			put_why(out, why ? why[i] : NULL);
		}
	}
	if (r->ntables) {
		ssg_buf_puts(out, out->len > start ? "\n" : "");
		ssg_term_heading(out, _("Tables"), color);
		for (size_t i = 0; i < r->ntables; i++)
			put_table(out, r, &r->tables[i].pub, label_a,
				  label_b, color);
	}
	if (r->npages) {
		ssg_buf_puts(out, out->len > start ? "\n" : "");
		ssg_term_heading(out, _("Narrative"), color);
		for (size_t i = 0; i < r->npages; i++)
			put_page(out, &r->pages[i].pub, color);
	}
	if (out->len == start) {
		ssg_buf a, b;
		ssg_buf_init(&a);
		ssg_buf_init(&b);
		ssg_term_put(&a, label_a);
		ssg_term_put(&b, label_b);
		ssg_buf_printf(out,
			       _("No differences in content/ or data/ between "
				 "%s and %s.\n"),
			       ssg_buf_cstr(&a), ssg_buf_cstr(&b));
		ssg_buf_fini(&a);
		ssg_buf_fini(&b);
	}
}
