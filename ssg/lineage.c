/* lineage — rows merged, split and removed (lineage.h). */
#include "lineage.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fields.h"
#include "text.h"

/* An event of a row the built table no longer has, while feeding. */
typedef struct {
	const char *norm;
	size_t ev;
} ev_ref;

/* Event ev wrote key `of` into the `replaces` cell of row `by`. */
typedef struct {
	const char *by, *of; /* matching forms */
	size_t ev;
} intro;

typedef struct {
	ssg_lineage_former f;
	const char *norm;
	const char *name;     /* its name column in its last version */
	const char *replaces; /* its `replaces` cell there */
} former;

typedef struct {
	ssg_lineage_link link;
	const char *by, *of; /* matching forms */
	size_t seq;          /* order made: the cells' order */
} link;

typedef struct {
	const ssg_plan_table *t;
	long rep_col;  /* the built table's `replaces` column, or -1 */
	long name_col; /* the column naming a row, or -1 */
	ev_ref *refs;
	size_t nrefs, caprefs;
	intro *intros;
	size_t nintros, capintros;
	former *formers;
	size_t nformers;
	link *links;
	size_t nlinks;
	/* The links sorted by `by`, by `of` (each a link: its first
	 * member). */
	const ssg_lineage_link **by_new, **by_old;
} ltab;

struct ssg_lineage {
	const ssg_plan *plan;
	const ssg_history *hist;
	ltab *tabs;
	size_t ntabs;
	ssg_arena *a;
	ssg_buf tmp;
};

static const char REPLACES[] = "replaces";

/* ---- small parts ----------------------------------------------------- */

static const char *norm_of(ssg_lineage *l, const char *s, size_t n)
{
	ssg_buf_clear(&l->tmp);
	ssg_text_key(&l->tmp, s, n);
	return ssg_arena_strn(l->a, l->tmp.data ? l->tmp.data : "",
			      l->tmp.len);
}

/* Whether a column name is `name`, compared as the table compares its
 * headers (trimmed, any case). */
static bool col_is(const char *col, const char *name)
{
	ssg_str c = ssg_str_trim((ssg_str){col, strlen(col)});
	size_t n = strlen(name);
	if (c.n != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char a = c.p[i], b = name[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* The value of column `name` in an added or removed row, or NULL. */
static const char *row_field(const ssg_hev *e, const char *name)
{
	for (size_t k = 0; name && k < e->ncols; k++)
		if (col_is(e->cols[k], name))
			return e->vals[k];
	return NULL;
}

void ssg_lineage_split(const char *s, size_t n,
		       void (*f)(void *ctx, const char *key, size_t len,
				 size_t off),
		       void *ctx)
{
	size_t i = 0;
	while (s && i <= n) {
		size_t j = i;
		while (j < n && s[j] != ';')
			j++;
		ssg_str part = ssg_str_trim((ssg_str){s + i, j - i});
		if (part.n)
			f(ctx, part.p, part.n, (size_t)(part.p - s));
		i = j + 1;
	}
}

/* The column a reader knows a row of t by: its label column
 * (fields.h), as the rest of the site names rows. */
static long name_col(const ssg_plan_table *t)
{
	for (size_t c = 0; c < ssg_table_ncols(t->table); c++)
		if (ssg_fields_is_label(t->name, ssg_table_colname(t->table, c)))
			return (long)c;
	return -1;
}

static ltab *tab_of(const ssg_lineage *l, const ssg_plan_table *t)
{
	for (size_t i = 0; i < l->ntabs; i++)
		if (l->tabs[i].t == t)
			return &l->tabs[i];
	return NULL;
}

/* ---- feeding ------------------------------------------------------- */

ssg_lineage *ssg_lineage_new(const ssg_plan *p, const ssg_history *h)
{
	ssg_lineage *l = ssg_xcalloc(1, sizeof(*l));
	l->plan = p;
	l->hist = h;
	l->a = ssg_arena_new();
	ssg_buf_init(&l->tmp);
	l->ntabs = ssg_plan_ntables(p);
	l->tabs = ssg_xcalloc(l->ntabs ? l->ntabs : 1, sizeof(*l->tabs));
	for (size_t i = 0; i < l->ntabs; i++) {
		ltab *x = &l->tabs[i];
		x->t = ssg_plan_table_at(p, i);
		x->rep_col = ssg_table_col_find(x->t->table, REPLACES);
		x->name_col = name_col(x->t);
	}
	return l;
}

typedef struct {
	ssg_lineage *l;
	ltab *x;
	const char *by;  /* the row's matching form */
	const char *old; /* the cell before a change, or NULL */
	size_t old_n;
	size_t ev;
} intro_ctx;

typedef struct {
	const char *want; /* a matching form */
	bool found;
} find_ctx;

static void old_part(void *ctx, const char *key, size_t len, size_t off)
{
	(void)off;
	find_ctx *c = ctx;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_key(&b, key, len);
	if (strcmp(ssg_buf_cstr(&b), c->want) == 0)
		c->found = true;
	ssg_buf_fini(&b);
}

static void new_part(void *ctx, const char *key, size_t len, size_t off)
{
	(void)off;
	intro_ctx *c = ctx;
	const char *of = norm_of(c->l, key, len);
	if (c->old) {
		find_ctx f = {of, false};
		ssg_lineage_split(c->old, c->old_n, old_part, &f);
		if (f.found)
			return; /* already named before this change */
	}
	ltab *x = c->x;
	if (x->nintros == x->capintros) {
		x->capintros = x->capintros ? 2 * x->capintros : 16;
		x->intros = ssg_xrealloc(x->intros,
					 x->capintros * sizeof(*x->intros));
	}
	x->intros[x->nintros++] = (intro){c->by, of, c->ev};
}

void ssg_lineage_event(ssg_lineage *l, const ssg_plan_table *t, long r,
		       size_t i)
{
	ltab *x = tab_of(l, t);
	const ssg_hev *e = ssg_history_event(l->hist, i);
	if (!x || !e->key)
		return;
	const char *norm = NULL;
	if (r < 0) {
		norm = norm_of(l, e->key, strlen(e->key));
		if (x->nrefs == x->caprefs) {
			x->caprefs = x->caprefs ? 2 * x->caprefs : 16;
			x->refs = ssg_xrealloc(x->refs,
					       x->caprefs * sizeof(*x->refs));
		}
		x->refs[x->nrefs++] = (ev_ref){norm, i};
	}
	/* When a row came to name the rows it replaces. */
	const char *cell = NULL, *old = NULL;
	if (e->kind == SSG_HEV_ADDED)
		cell = row_field(e, REPLACES);
	else if (e->kind == SSG_HEV_CHANGED && e->field &&
		 col_is(e->field, REPLACES)) {
		cell = e->new_;
		old = e->old;
	}
	if (!cell || !*cell)
		return;
	if (!norm)
		norm = r >= 0 ? ssg_plan_table_key_norm(t, (size_t)r)
			      : norm_of(l, e->key, strlen(e->key));
	intro_ctx c = {l, x, norm, old, old ? strlen(old) : 0, i};
	ssg_lineage_split(cell, strlen(cell), new_part, &c);
}

/* ---- sealing ------------------------------------------------------- */

static int ref_cmp(const void *a, const void *b)
{
	const ev_ref *x = a, *y = b;
	int c = strcmp(x->norm, y->norm);
	return c ? c : (x->ev > y->ev) - (x->ev < y->ev);
}

static int intro_cmp(const void *a, const void *b)
{
	const intro *x = a, *y = b;
	int c = strcmp(x->by, y->by);
	if (!c)
		c = strcmp(x->of, y->of);
	return c ? c : (x->ev > y->ev) - (x->ev < y->ev);
}

static const link *link_at(const void *p)
{
	return (const link *)*(const ssg_lineage_link *const *)p;
}

static int link_by_cmp(const void *a, const void *b)
{
	const link *x = link_at(a), *y = link_at(b);
	int c = strcmp(x->by, y->by);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int link_of_cmp(const void *a, const void *b)
{
	const link *x = link_at(a), *y = link_at(b);
	int c = strcmp(x->of, y->of);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The removed rows of x from its events. */
static void seal_formers(ssg_lineage *l, ltab *x)
{
	ssg_sort(x->refs, x->nrefs, sizeof(*x->refs), ref_cmp);
	const char *name_col_name =
		x->name_col >= 0
			? ssg_table_colname(x->t->table, (size_t)x->name_col)
			: NULL;
	for (size_t i = 0; i < x->nrefs;) {
		size_t j = i;
		while (j < x->nrefs && strcmp(x->refs[j].norm, x->refs[i].norm) == 0)
			j++;
		x->formers = ssg_xgrow(x->formers, x->nformers,
				       sizeof(*x->formers));
		former *f = &x->formers[x->nformers++];
		memset(f, 0, sizeof(*f));
		size_t *evs = ssg_arena_alloc(l->a, (j - i) * sizeof(size_t));
		for (size_t k = i; k < j; k++)
			evs[k - i] = x->refs[k].ev;
		f->norm = x->refs[i].norm;
		f->f.events = evs;
		f->f.nevents = j - i;
		const ssg_hev *last = ssg_history_event(l->hist, evs[j - i - 1]);
		f->f.key = last->key;
		f->f.removed = last->kind == SSG_HEV_REMOVED ? (long)evs[j - i - 1]
							      : -1;
		/* Its last whole version: the removal holds the row. */
		for (size_t k = j - i; k-- > 0;) {
			const ssg_hev *e = ssg_history_event(l->hist, evs[k]);
			if (e->kind != SSG_HEV_ADDED && e->kind != SSG_HEV_REMOVED)
				continue;
			f->name = row_field(e, name_col_name);
			f->replaces = row_field(e, REPLACES);
			break;
		}
		i = j;
	}
	free(x->refs);
	x->refs = NULL;
}

typedef struct {
	ssg_lineage *l;
	ltab *x;
	const char *by, *by_key;
	size_t first; /* the row's first link */
} link_ctx;

static void add_link(void *ctx, const char *key, size_t len, size_t off)
{
	(void)off;
	link_ctx *c = ctx;
	ltab *x = c->x;
	const char *of = norm_of(c->l, key, len);
	if (strcmp(of, c->by) == 0)
		return; /* a row does not replace itself (check says so) */
	for (size_t k = c->first; k < x->nlinks; k++)
		if (strcmp(x->links[k].of, of) == 0)
			return; /* named twice */
	/* The last event that wrote it into this row's cell. */
	long ev = -1;
	intro want = {c->by, of, (size_t)-1};
	size_t lo = 0, hi = x->nintros;
	while (lo < hi) { /* the first intro after `want` */
		size_t mid = (lo + hi) / 2;
		if (intro_cmp(&x->intros[mid], &want) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && strcmp(x->intros[lo - 1].by, c->by) == 0 &&
	    strcmp(x->intros[lo - 1].of, of) == 0)
		ev = (long)x->intros[lo - 1].ev;
	x->links = ssg_xgrow(x->links, x->nlinks, sizeof(*x->links));
	link *k = &x->links[x->nlinks];
	k->link = (ssg_lineage_link){c->by_key,
				     ssg_arena_strn(c->l->a, key, len), ev};
	k->by = c->by;
	k->of = of;
	k->seq = x->nlinks++;
}

static void row_links(ssg_lineage *l, ltab *x, const char *by_norm,
		      const char *by_key, const char *cell, size_t n)
{
	link_ctx c = {l, x, by_norm, by_key, x->nlinks};
	ssg_lineage_split(cell, n, add_link, &c);
}

/* The replacements the rows state now, dated by the events. */
static void seal_links(ssg_lineage *l, ltab *x)
{
	ssg_sort(x->intros, x->nintros, sizeof(*x->intros), intro_cmp);
	const ssg_plan_table *t = x->t;
	for (size_t r = 0; x->rep_col >= 0 && r < ssg_table_nrows(t->table);
	     r++)
		row_links(l, x, ssg_plan_table_key_norm(t, r), t->keys[r],
			  ssg_table_cell(t->table, r, (size_t)x->rep_col),
			  ssg_table_cell_len(t->table, r, (size_t)x->rep_col));
	for (size_t i = 0; i < x->nformers; i++)
		if (x->formers[i].replaces)
			row_links(l, x, x->formers[i].norm, x->formers[i].f.key,
				  x->formers[i].replaces,
				  strlen(x->formers[i].replaces));
	free(x->intros);
	x->intros = NULL;
	x->by_new = ssg_xcalloc(x->nlinks + 1, sizeof(*x->by_new));
	x->by_old = ssg_xcalloc(x->nlinks + 1, sizeof(*x->by_old));
	for (size_t k = 0; k < x->nlinks; k++)
		x->by_new[k] = x->by_old[k] = &x->links[k].link;
	ssg_sort(x->by_new, x->nlinks, sizeof(*x->by_new), link_by_cmp);
	ssg_sort(x->by_old, x->nlinks, sizeof(*x->by_old), link_of_cmp);
}

void ssg_lineage_seal(ssg_lineage *l)
{
	for (size_t i = 0; i < l->ntabs; i++) {
		seal_formers(l, &l->tabs[i]);
		seal_links(l, &l->tabs[i]);
	}
}

void ssg_lineage_free(ssg_lineage *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->ntabs; i++) {
		ltab *x = &l->tabs[i];
		free(x->refs);
		free(x->intros);
		free(x->formers);
		free(x->links);
		free(x->by_new);
		free(x->by_old);
	}
	free(l->tabs);
	ssg_buf_fini(&l->tmp);
	ssg_arena_free(l->a);
	free(l);
}

/* ---- reading ------------------------------------------------------- */

size_t ssg_lineage_nformer(const ssg_lineage *l, const ssg_plan_table *t)
{
	const ltab *x = tab_of(l, t);
	return x ? x->nformers : 0;
}

const ssg_lineage_former *ssg_lineage_former_at(const ssg_lineage *l,
						const ssg_plan_table *t,
						size_t i)
{
	const ltab *x = tab_of(l, t);
	return x && i < x->nformers ? &x->formers[i].f : NULL;
}

static const former *former_norm(const ltab *x, const char *norm)
{
	size_t lo = 0, hi = x ? x->nformers : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(x->formers[mid].norm, norm);
		if (!c)
			return &x->formers[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* key's matching form, in b (cleared first). */
static const char *key_norm(ssg_buf *b, const char *key)
{
	ssg_buf_clear(b);
	ssg_text_key(b, key, strlen(key));
	return ssg_buf_cstr(b);
}

long ssg_lineage_former_find(const ssg_lineage *l, const ssg_plan_table *t,
			     const char *key)
{
	ssg_buf b;
	ssg_buf_init(&b);
	const ltab *x = tab_of(l, t);
	const former *f = former_norm(x, key_norm(&b, key));
	ssg_buf_fini(&b);
	return f ? (long)(f - x->formers) : -1;
}

const char *ssg_lineage_cell(const ssg_hev *e)
{
	return e->kind == SSG_HEV_ADDED || e->kind == SSG_HEV_REMOVED
		       ? row_field(e, REPLACES)
		       : NULL;
}

const char *ssg_lineage_name(const ssg_lineage *l, const ssg_plan_table *t,
			     const char *key)
{
	const ltab *x = tab_of(l, t);
	if (!x || x->name_col < 0)
		return NULL;
	ssg_buf b;
	ssg_buf_init(&b);
	const char *norm = key_norm(&b, key);
	const char *name = NULL;
	long r = ssg_plan_table_row_norm(t, norm);
	if (r >= 0) {
		name = ssg_table_cell(t->table, (size_t)r, (size_t)x->name_col);
	} else {
		const former *f = former_norm(x, norm);
		name = f ? f->name : NULL;
	}
	ssg_buf_fini(&b);
	return name && *name ? name : NULL;
}

bool ssg_lineage_has_links(const ssg_lineage *l, const ssg_plan_table *t)
{
	const ltab *x = tab_of(l, t);
	return x && x->nlinks > 0;
}

size_t ssg_lineage_links(const ssg_lineage *l, const ssg_plan_table *t,
			 const char *key, bool replacing,
			 const ssg_lineage_link *const **out)
{
	const ltab *x = tab_of(l, t);
	*out = NULL;
	if (!x || !x->nlinks)
		return 0;
	const ssg_lineage_link **v = replacing ? x->by_new : x->by_old;
	ssg_buf b;
	ssg_buf_init(&b);
	const char *norm = key_norm(&b, key);
	size_t lo = 0, hi = x->nlinks;
	while (lo < hi) { /* the first at or after norm */
		size_t mid = (lo + hi) / 2;
		const link *k = link_at(&v[mid]);
		if (strcmp(replacing ? k->by : k->of, norm) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	for (; lo + n < x->nlinks; n++) {
		const link *k = link_at(&v[lo + n]);
		if (strcmp(replacing ? k->by : k->of, norm) != 0)
			break;
	}
	ssg_buf_fini(&b);
	*out = n ? v + lo : NULL;
	return n;
}

/* ---- check --------------------------------------------------------- */

typedef struct {
	const ssg_lineage *l;
	const ltab *x;
	size_t row;
	ssg_snapshot *snap;
	const char *data; /* the table's bytes, read at the first warning */
	size_t len;
	bool read;
	ssg_diags *d;
} check_ctx;

static void check_key(void *ctx, const char *key, size_t len, size_t off)
{
	check_ctx *c = ctx;
	const ssg_plan_table *t = c->x->t;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_key(&b, key, len);
	const char *norm = ssg_buf_cstr(&b);
	bool self = strcmp(norm, ssg_plan_table_key_norm(t, c->row)) == 0;
	bool known = ssg_plan_table_row_norm(t, norm) >= 0 ||
		     former_norm(c->x, norm);
	ssg_buf_fini(&b);
	if (known && !self)
		return;
	if (!c->read) {
		c->read = true;
		const ssg_file *f = ssg_snapshot_find(c->snap, t->path);
		ssg_diags *quiet = ssg_diags_new();
		if (!f || ssg_snapshot_read(c->snap, f, &c->data, &c->len, quiet))
			c->data = NULL;
		ssg_diags_free(quiet);
	}
	unsigned line = ssg_table_row_line(t->table, c->row), col = 1;
	if (c->data)
		ssg_table_text_where(t->table, c->data, c->len, c->row,
				     (size_t)c->x->rep_col, off, &line, &col);
	if (self)
		ssg_diags_add(c->d, SSG_SEV_WARNING, t->path, line, col,
			      "row '%s' names itself in column 'replaces': "
			      "the column names the rows this one replaces",
			      t->keys[c->row]);
	else
		ssg_diags_add(c->d, SSG_SEV_WARNING, t->path, line, col,
			      "'%.*s' in column 'replaces' is the key of no "
			      "row of %s, now or in its history: check the "
			      "key (the site shows it without a link)",
			      (int)len, key, t->path);
}

void ssg_lineage_check(const ssg_lineage *l, ssg_snapshot *snap,
		       ssg_diags *d)
{
	for (size_t i = 0; i < l->ntabs; i++) {
		const ltab *x = &l->tabs[i];
		if (x->rep_col < 0)
			continue;
		check_ctx c = {l, x, 0, snap, NULL, 0, false, d};
		for (size_t r = 0; r < ssg_table_nrows(x->t->table); r++) {
			c.row = r;
			ssg_lineage_split(ssg_table_cell(x->t->table, r,
							 (size_t)x->rep_col),
					  ssg_table_cell_len(x->t->table, r,
							     (size_t)x->rep_col),
					  check_key, &c);
		}
	}
}
