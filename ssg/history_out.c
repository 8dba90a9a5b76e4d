/*
 * history out — see history_out.h.
 */
#include "history_out.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fields.h"
#include "fmt.h"
#include "i18n.h"
#include "intern.h"
#include "period.h"
#include "term.h"
#include "text.h"

/* Which events an output keeps.  The id's matching form is computed
 * once, not again for every event. */
typedef struct {
	const char *table; /* NULL: any */
	bool any_id;
	ssg_buf id;  /* ssg_text_key of the id */
	ssg_buf key; /* scratch: an event's key in that form */
} filter;

static void filter_init(filter *f, const char *table, const char *id)
{
	f->table = table;
	f->any_id = !id;
	ssg_buf_init(&f->id);
	ssg_buf_init(&f->key);
	if (id)
		ssg_text_key(&f->id, id, strlen(id));
}

static void filter_fini(filter *f)
{
	ssg_buf_fini(&f->id);
	ssg_buf_fini(&f->key);
}

static bool filter_keeps(filter *f, const ssg_hev *e)
{
	if (f->table && strcmp(e->table, f->table) != 0)
		return false;
	if (f->any_id)
		return true;
	if (!e->key)
		return false;
	ssg_buf_clear(&f->key);
	ssg_text_key(&f->key, e->key, strlen(e->key));
	return strcmp(ssg_buf_cstr(&f->key), ssg_buf_cstr(&f->id)) == 0;
}

bool ssg_hout_event_matches(const ssg_hev *e, const char *table,
			    const char *id)
{
	filter f;
	filter_init(&f, table, id);
	bool keep = filter_keeps(&f, e);
	filter_fini(&f);
	return keep;
}

/* ---- JSON Lines ---- */

/* A member's name and value: the first opens the object. */
static void put_name(ssg_buf *out, bool *first, const char *name)
{
	/* Put piece by piece: a printf here was a third of writing the
	 * history's lines (history.jsonl, ten lines a commit). */
	ssg_buf_puts(out, *first ? "{\"" : ",\"");
	ssg_buf_puts(out, name);
	ssg_buf_puts(out, "\":");
	*first = false;
}

static void put_str(ssg_buf *out, bool *first, const char *name,
		    const char *v)
{
	put_name(out, first, name);
	ssg_buf_put_json(out, v, strlen(v));
}

static void put_row(ssg_buf *out, bool *first, const char *name,
		    const ssg_hev *e, const char *const *vals)
{
	put_name(out, first, name);
	ssg_buf_putc(out, '{');
	for (size_t j = 0; j < e->ncols; j++) {
		if (j)
			ssg_buf_putc(out, ',');
		ssg_buf_put_json(out, e->cols[j], strlen(e->cols[j]));
		ssg_buf_putc(out, ':');
		ssg_buf_put_json(out, vals[j], strlen(vals[j]));
	}
	ssg_buf_putc(out, '}');
}

static void put_commit(ssg_buf *out, bool *first, const char *name,
		       const ssg_hcommit *c)
{
	put_str(out, first, name, c->oid);
	ssg_buf_puts(out, ",\"date\":\"");
	ssg_time_put_iso(out, c->time, c->offset);
	ssg_buf_putc(out, '"');
	put_str(out, first, "author", c->author);
	put_str(out, first, "message", c->message);
}

/* The members of e that its kind shows, in the list's order (hev.h). */
void ssg_hout_event_json(ssg_buf *out, const ssg_hev *e,
			 const ssg_hcommit *c)
{
	bool first = true;
	for (size_t i = 0; i < ssg_hev_nfields; i++) {
		const ssg_hev_field *f = &ssg_hev_fields[i];
		if (!(f->json_kinds & SSG_HEV_BIT(e->kind)))
			continue;
		switch (f->form) {
		case SSG_HEVF_KIND:
			put_str(out, &first, f->json,
				ssg_hev_kind_name(e->kind));
			break;
		case SSG_HEVF_NAME:
		case SSG_HEVF_STR: {
			const char *s = ssg_hev_str(e, f);
			if (s)
				put_str(out, &first, f->json, s);
			break;
		}
		case SSG_HEVF_WIDTH:
		case SSG_HEVF_NAMES:
			break; /* with the values */
		case SSG_HEVF_VALUES:
			put_row(out, &first,
				e->kind == SSG_HEV_REMOVED ? "old" : "new", e,
				ssg_hev_strs(e, f));
			break;
		case SSG_HEVF_COMMIT:
			put_commit(out, &first, f->json, c);
			break;
		}
	}
	ssg_buf_puts(out, first ? "{}\n" : "}\n");
}

void ssg_hout_jsonl(const ssg_history *h, const char *table,
		    const char *id, ssg_buf *out)
{
	ssg_hout_jsonl_range(h, table, id, ssg_history_ncommits(h), out, NULL,
			     NULL);
}

/* Hands what `out` holds to the sink, when there is one (which keeps
 * the whole history out of memory). */
static void sink_feed(ssg_buf *out, ssg_hout_sink sink, void *ctx)
{
	if (sink && out->len > 0) {
		sink(ctx, out->data, out->len);
		ssg_buf_clear(out);
	}
}

void ssg_hout_jsonl_range(const ssg_history *h, const char *table,
			  const char *id, size_t ncommits, ssg_buf *out,
			  ssg_hout_sink sink, void *ctx)
{
	ssg_hout_jsonl_span(h, table, id, 0, ncommits, out, sink, ctx);
}

/* The span, and with marks, marks[c - first] the bytes put before
 * commit c's events, c in [first, ncommits]. */
static void jsonl_span(const ssg_history *h, const char *table,
		       const char *id, size_t first, size_t ncommits,
		       ssg_buf *out, ssg_hout_sink sink, void *ctx,
		       off_t *marks)
{
	filter f;
	filter_init(&f, table, id);
	size_t from = first < ssg_history_ncommits(h)
			      ? ssg_history_commit(h, first)->first_event
			      : ssg_history_nevents(h);
	off_t at = 0;
	size_t c = first;
	for (size_t i = from; i < ssg_history_nevents(h); i++) {
		const ssg_hev *e = ssg_history_event(h, i);
		if (e->commit >= ncommits)
			break; /* events are in commit order */
		if (!filter_keeps(&f, e))
			continue;
		for (; marks && c <= e->commit; c++)
			marks[c - first] = at;
		size_t before = out->len;
		ssg_hout_event_json(out, e, ssg_history_commit(h, e->commit));
		at += (off_t)(out->len - before);
		sink_feed(out, sink, ctx);
	}
	for (; marks && c <= ncommits; c++)
		marks[c - first] = at;
	filter_fini(&f);
}

void ssg_hout_jsonl_span(const ssg_history *h, const char *table,
			 const char *id, size_t first, size_t ncommits,
			 ssg_buf *out, ssg_hout_sink sink, void *ctx)
{
	jsonl_span(h, table, id, first, ncommits, out, sink, ctx, NULL);
}

void ssg_hout_jsonl_marked(const ssg_history *h, size_t ncommits,
			   ssg_buf *out, ssg_hout_sink sink, void *ctx,
			   off_t *marks)
{
	jsonl_span(h, NULL, NULL, 0, ncommits, out, sink, ctx, marks);
}

/* ---- text ---- */

/* Each row's name as the events so far left it (its label column,
 * fields.h), so that a change reads with the name the row had then, as
 * `ssg diff` writes it: events come oldest first, and the name of a
 * row comes with its "added" event and changes with its own events. */
typedef struct {
	ssg_arena *arena;
	ssg_intern *rows; /* "table\x1fkey" → index into names */
	const char **names; /* lent by the history; NULL: none */
	size_t n;
	ssg_buf scratch;
} row_names;

static size_t row_id(row_names *r, const ssg_hev *e)
{
	ssg_buf_clear(&r->scratch);
	ssg_buf_puts(&r->scratch, e->table);
	ssg_buf_putc(&r->scratch, '\x1f');
	ssg_buf_puts(&r->scratch, e->key);
	size_t id = ssg_intern_id(r->rows, ssg_buf_cstr(&r->scratch),
				  r->scratch.len);
	for (; r->n <= id; r->n++) {
		r->names = ssg_xgrow(r->names, r->n, sizeof(*r->names));
		r->names[r->n] = NULL;
	}
	return id;
}

/* The name of e's row before e, then taken on past e. */
static const char *row_name_step(row_names *r, const ssg_hev *e)
{
	if (!e->key || !e->table)
		return NULL;
	size_t id = row_id(r, e);
	const char *before = r->names[id];
	switch (e->kind) {
	case SSG_HEV_ADDED:
		for (size_t k = 0; k < e->ncols; k++)
			if (ssg_fields_is_label(e->table, e->cols[k])) {
				r->names[id] = e->vals[k];
				break;
			}
		break;
	case SSG_HEV_CHANGED:
		if (ssg_fields_is_label(e->table, e->field))
			r->names[id] = e->new_;
		break;
	case SSG_HEV_REMOVED:
		r->names[id] = NULL;
		break;
	default:
		break;
	}
	return e->kind == SSG_HEV_CHANGED ? before : NULL;
}

void ssg_hout_text(const ssg_history *h, const char *table, const char *id,
		   ssg_buf *out, ssg_hout_sink sink, void *ctx)
{
	filter f;
	filter_init(&f, table, id);
	/* Tables and columns by the titles of each event's time, as the
	 * site's pages show them (titles.h). */
	ssg_titles *titles = ssg_titles_of_history(h);
	ssg_term_how how = {.titles = titles, .table = true, .sep = "  "};
	row_names names = {ssg_arena_new(), NULL, NULL, 0, {0}};
	names.rows = ssg_intern_new(names.arena);
	ssg_buf_init(&names.scratch);
	const ssg_hcommit *last = NULL; /* of the event shown before */
	for (size_t i = 0; i < ssg_history_nevents(h); i++) {
		const ssg_hev *e = ssg_history_event(h, i);
		how.label = row_name_step(&names, e);
		if (!filter_keeps(&f, e))
			continue;
		const ssg_hcommit *c = ssg_history_commit(h, e->commit);
		/* A new year's plan is no revision of the last one: said
		 * where the events shown cross from one to the other. */
		if (last && last->period && c->period &&
		    !ssg_period_same(last->period, c->period))
			ssg_term_periods(out, last->short_oid, last->period,
					 c->short_oid, c->period);
		last = c;
		/* TRANSLATORS: strftime(3) form of a commit's time at the
		 * start of a line of ssg history, %z its offset from UTC
		 * ("+07:00"); Vietnamese, as the site writes it: %d/%m/%Y
		 * %H:%M. */
		ssg_term_time(out, _("%Y-%m-%d %H:%M %z"), c->time,
			      c->offset);
		ssg_buf_printf(out, "  %s  ", c->short_oid);
		how.at = e->commit;
		ssg_term_event(out, e, &how);
		ssg_buf_puts(out, "  (");
		ssg_term_put(out, c->author);
		ssg_buf_puts(out, ") ");
		ssg_term_put(out, c->summary);
		ssg_buf_putc(out, '\n');
		sink_feed(out, sink, ctx);
	}
	ssg_titles_free(titles);
	ssg_intern_free(names.rows);
	ssg_arena_free(names.arena);
	free(names.names);
	ssg_buf_fini(&names.scratch);
	filter_fini(&f);
}
