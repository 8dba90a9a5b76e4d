/*
 * pages_history — the pages the history adds to a site: changes/ (a page
 * per commit with its events and word diffs, and their paged list), a
 * page per table row with a history, revisions/ (each official revision
 * with its net difference from the one before) and data/history.jsonl.
 * Reads only the site's history view (hview.h); writes through an
 * emitter (emit.h).
 */
#include "pages_history.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "digest.h"
#include "history_out.h"
#include "review.h"
#include "store.h"
#include "routes.h"

/* Commits on one page of changes/: about 50 KB of HTML. */
#define CHANGES_PER_PAGE 200

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
				   size_t *budget, bool *unread)
{
	const char *word = page_words[hp->kind];
	bool added = hp->kind == SSG_HPAGE_ADDED;
	ssg_buf_clear(text);
	if (*budget && !ssg_history_page_text(h, hp, added, text)) {
		*unread = true;
		return page_entry(m, hp->path, word, NULL, unreadable, budget);
	}
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

/* `texts` are two buffers for the two versions, reused page to page;
 * *unread becomes true when a version could not be read. */
static ssg_value *page_diff_value(ssg_model *m, ssg_history_reader *h,
				  const ssg_hpage *hp, ssg_buf texts[2],
				  size_t *budget, bool *unread)
{
	if (hp->kind != SSG_HPAGE_CHANGED)
		return page_whole_value(m, h, hp, &texts[0], budget, unread);
	ssg_wdiff *w = NULL;
	const char *why = over_budget;
	if (*budget) {
		ssg_buf *a = &texts[0], *b = &texts[1];
		/* Its HTML holds all of one text at least. */
		if (!ssg_history_page_text(h, hp, false, a) ||
		    !ssg_history_page_text(h, hp, true, b)) {
			why = unreadable;
			*unread = true;
		}
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

/* The key of the events evi[0..n) as a page shows them
 * (ssg_hview_events_key), 64 hex digits in m: the page holds it in
 * place of their values, which its fill makes only when it is
 * rendered; the values of their commits are the page's too. */
static void events_key(const ssg_hview *s, const size_t *evi, size_t first,
		       size_t n, char hex[65])
{
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, "ssg events 1");
	ssg_digest_u64(dg, n);
	ssg_hview_events_key(s, evi, first, n, dg);
	ssg_digest_hex(dg, hex);
	ssg_digest_free(dg);
}

/* events_key of commit i's events, kept by an earlier build or made
 * (and kept for the next), in m. */
static const char *commit_events_key(const ssg_hview *s, ssg_evmemo *em,
				     ssg_model *m, size_t i)
{
	const ssg_hcommit *c = ssg_history_commit(ssg_hview_history(s), i);
	char hex[65];
	if (!ssg_evmemo_commit(em, i, hex)) {
		events_key(s, NULL, c->first_event, c->nevents, hex);
		ssg_evmemo_commit_put(em, i, hex);
	}
	return ssg_value_str(ssg_model_strn(m, hex, 64));
}

/* events_key of the events evi[0..n) of row `key` of t, likewise. */
static const char *row_events_key(const ssg_hview *s, ssg_evmemo *em,
				  ssg_model *m, const ssg_plan_table *t,
				  const char *key, const size_t *evi, size_t n)
{
	char hex[65];
	if (!ssg_evmemo_row(em, t->name, key, evi, n, hex))
		events_key(s, evi, 0, n, hex);
	ssg_evmemo_row_put(em, t->name, key, evi, n, hex);
	return ssg_value_str(ssg_model_strn(m, hex, 64));
}

/* A table's events of a page by row, the row named once (hview.h): in
 * the page's values once, as a revision page's key frames them. */
static void table_rows(ssg_model *m, ssg_value *table, const ssg_value *events)
{
	if (table)
		ssg_map_set(table, "rows", ssg_hview_by_row(m, events));
}

/* Events of commit i grouped by table: [{table, title, rows}]. */
static ssg_value *commit_tables(const ssg_hview *s, ssg_model *m, size_t i)
{
	const ssg_history *h = ssg_hview_history(s);
	const ssg_hcommit *c = ssg_history_commit(h, i);
	ssg_value *groups = ssg_model_list(m);
	ssg_value *cur = NULL, *events = NULL; /* the current group */
	const char *cur_name = NULL;
	for (size_t k = 0; k < c->nevents; k++) {
		size_t ei = c->first_event + k;
		const ssg_hev *e = ssg_history_event(h, ei);
		if (!cur_name || strcmp(cur_name, e->table) != 0) {
			table_rows(m, cur, events);
			cur = ssg_model_map(m);
			cur_name = e->table;
			ssg_map_set_str(m, cur, "table", e->table);
			/* As the table was called then. */
			ssg_map_set_str(m, cur, "title",
					ssg_hview_table_title(s, e->table, i));
			events = ssg_model_list(m);
			ssg_list_push(groups, cur);
		}
		ssg_list_push(events, ssg_hview_event(s, m, ei));
	}
	table_rows(m, cur, events);
	return groups;
}

typedef struct {
	const ssg_value *items; /* commit values, newest first */
	const ssg_value *build;
} changes_list;

/* A page of changes/: its newest commit is its provenance; the first
 * page, the newest commits, shows the commit built too. */
static void changes_page(void *ctx, ssg_model *m, ssg_value *page,
			 size_t from, size_t to, bool first)
{
	(void)m;
	const changes_list *c = ctx;
	if (from < to)
		ssg_map_set(page, "provenance", ssg_value_at(c->items, from));
	if (first && c->build)
		ssg_map_set(page, "build", c->build);
}

/* What the events and word diffs of a commit's page are made from. */
typedef struct {
	const ssg_hview *s;
	const ssg_history *h;
	ssg_history_reader *rd;
	ssg_buf texts[2];
	size_t commit;
} commit_diffs;

/* A changed page as a page with its word diff is keyed: the ids of its
 * two versions ("OLD NEW") stand for their word diff, which is made only
 * for a page rendered (commit_fill, revision_fill). */
static ssg_value *ids_value(ssg_model *m, const char *path, const char *word,
			    const char *ids)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "path", path);
	ssg_map_set_str(m, v, "word", word);
	ssg_map_set_str(m, v, "ids", ids);
	return v;
}

static ssg_value *page_ids(ssg_model *m, const ssg_hpage *hp)
{
	/* Without a printf a byte: 20,000 commit pages ask at each build. */
	char hex[2 * 40 + 2];
	ssg_digest_tohex(hp->old_id, 20, hex);
	hex[40] = ' ';
	ssg_digest_tohex(hp->new_id, 20, hex + 41);
	hex[81] = '\0';
	return ids_value(m, hp->path, page_words[hp->kind], hex);
}

/* The commit's events, in place of their key, and the word diffs of its
 * pages, in place of their ids: each made from its two versions alone
 * (and the order and sizes of those before it, the budget), so that the
 * ids decide them. */
static bool commit_fill(void *ctx, ssg_model *m, ssg_value *page)
{
	commit_diffs *cd = ctx;
	const ssg_hcommit *c = ssg_history_commit(cd->h, cd->commit);
	ssg_map_set(page, "tables", commit_tables(cd->s, m, cd->commit));
	ssg_value *pages = ssg_model_list(m);
	size_t budget = DIFF_BUDGET;
	bool unread = false;
	for (size_t k = 0; k < c->npages; k++)
		ssg_list_push(pages, page_diff_value(
					     m, cd->rd,
					     ssg_history_page(cd->h,
							      c->first_page + k),
					     cd->texts, &budget, &unread));
	ssg_map_set(page, "pages", pages);
	return !unread;
}

/* Commit pages a part writes (ssg_pages_changes_part): enough that its
 * emitter and diagnostics cost nothing beside its pages, few enough
 * that the threads end together. */
#define COMMITS_PER_PART 256

struct ssg_changes_parts {
	const ssg_hview *s;
	ssg_emit *e; /* the caller's, which writes the list */
	const ssg_value *build;
	ssg_evmemo *em;
	ssg_model *lm;
	ssg_value *list;  /* the commits' values, newest first */
	size_t *commits;  /* their indexes, likewise */
	size_t n, nparts;
	bool mine;        /* the site writes the commit pages */
	int *rc;          /* per part */
	ssg_diags **d;    /* per part, NULL until it runs */
	int list_rc;      /* the list's, written by part 0 */
	ssg_diags *list_d;
};

ssg_changes_parts *ssg_pages_changes_begin(const ssg_hview *s, ssg_emit *e,
					   const ssg_value *build,
					   ssg_evmemo *em)
{
	ssg_changes_parts *c = ssg_xcalloc(1, sizeof(*c));
	c->s = s;
	c->e = e;
	c->build = build;
	c->em = em;
	c->lm = ssg_model_new();
	c->list = ssg_model_list(c->lm);
	const ssg_history *h = ssg_hview_history(s);
	c->commits = ssg_xcalloc(ssg_hview_end(s) + 1, sizeof(size_t));
	for (size_t i = ssg_hview_end(s); i-- > 0;)
		if (ssg_history_commit(h, i)->touched) {
			ssg_list_push(c->list, ssg_hview_commit(s, i));
			c->commits[c->n++] = i;
		}
	/* A revision copy's commits are the main site's pages. */
	c->mine = ssg_routes_writes_shared(ssg_hview_routes(s));
	c->nparts = c->mine ? (c->n + COMMITS_PER_PART - 1) / COMMITS_PER_PART
			    : 0;
	if (!c->nparts)
		c->nparts = 1; /* the list is written after the last part */
	c->rc = ssg_xcalloc(c->nparts, sizeof(int));
	c->d = ssg_xcalloc(c->nparts, sizeof(ssg_diags *));
	ssg_emit_ready(e); /* the parts' emitters are like e */
	return c;
}

/* changes/ and its pages: the commits, newest first, CHANGES_PER_PAGE a
 * page.  Through an emitter of its own, so that the part that writes
 * it, the first, takes it beside the other parts: after the last one it
 * kept a province's build on one core for 0.08 s. */
static void changes_list_write(ssg_changes_parts *c)
{
	c->list_d = ssg_diags_new();
	ssg_emit *e = ssg_emit_like(c->e, c->list_d);
	changes_list cl = {c->list, c->build};
	/* A copy's commits are the main site's first, in order. */
	const ssg_routes *routes = ssg_hview_routes(c->s);
	ssg_emit_shared sh = {routes, ssg_routes_lists_shared(routes)
					      ? ssg_value_len(c->list)
					      : 0};
	c->list_rc = ssg_emit_list(e, SSG_ROUTES_CHANGES, "changes",
				   "Các thay đổi", "commits", c->list,
				   CHANGES_PER_PAGE, &sh, changes_page, &cl);
	ssg_emit_free(e);
}

size_t ssg_pages_changes_nparts(const ssg_changes_parts *c)
{
	return c->nparts;
}

void ssg_pages_changes_part(ssg_changes_parts *c, size_t k,
			    ssg_history_reader *rd)
{
	const ssg_hview *s = c->s;
	c->d[k] = ssg_diags_new();
	if (k == 0)
		changes_list_write(c);
	if (!c->mine)
		return;
	ssg_emit *e = ssg_emit_like(c->e, c->d[k]);
	commit_diffs cd = {s, ssg_hview_history(s), rd, {{0}}, 0};
	ssg_buf_init(&cd.texts[0]);
	ssg_buf_init(&cd.texts[1]);
	size_t to = (k + 1) * COMMITS_PER_PART < c->n
			    ? (k + 1) * COMMITS_PER_PART
			    : c->n;
	int rc = SSG_OK;
	for (size_t j = k * COMMITS_PER_PART; j < to && rc == SSG_OK; j++) {
		size_t i = c->commits[j];
		const ssg_hcommit *hc = ssg_history_commit(cd.h, i);
		ssg_model *m = ssg_model_new();
		ssg_value *page = ssg_emit_page_new(e, m, hc->summary,
						    SSG_ROUTES_CHANGES);
		ssg_map_set(page, "commit", ssg_hview_commit(s, i));
		ssg_map_set(page, "provenance", ssg_hview_commit(s, i));
		/* Its events by their key: commit_fill makes them. */
		ssg_map_set_str(m, page, "events_key",
				commit_events_key(s, c->em, m, i));
		ssg_value *pages = ssg_model_list(m);
		for (size_t p = 0; p < hc->npages; p++)
			ssg_list_push(pages,
				      page_ids(m, ssg_history_page(
							  cd.h, hc->first_page + p)));
		ssg_map_set(page, "pages", pages);
		ssg_map_set_bool(m, page, "has_pages", hc->npages > 0);
		ssg_map_set_bool(m, page, "has_events", hc->nevents > 0);
		cd.commit = i;
		rc = ssg_emit_page_fill(e, m, ssg_hview_commit_dir(s, m, i),
					NULL, "change", page, commit_fill, &cd);
		ssg_model_free(m);
	}
	c->rc[k] = rc;
	ssg_buf_fini(&cd.texts[0]);
	ssg_buf_fini(&cd.texts[1]);
	ssg_emit_free(e);
}

int ssg_pages_changes_end(ssg_changes_parts *c)
{
	int rc = SSG_OK;
	/* As one thread would have: every part's problems, in order, and
	 * the first failure's code. */
	for (size_t k = 0; k < c->nparts; k++) {
		if (c->rc[k] && rc == SSG_OK)
			rc = c->rc[k];
		if (c->d[k])
			ssg_diags_move(ssg_emit_diags(c->e), c->d[k]);
		ssg_diags_free(c->d[k]);
	}
	/* The list's after them, as when it was written last. */
	if (c->list_d)
		ssg_diags_move(ssg_emit_diags(c->e), c->list_d);
	ssg_diags_free(c->list_d);
	if (rc == SSG_OK)
		rc = c->list_rc;
	ssg_model_free(c->lm);
	free(c->commits);
	free(c->rc);
	free(c->d);
	free(c);
	return rc;
}

int ssg_pages_changes(const ssg_hview *s, ssg_emit *e,
		      const ssg_value *build, ssg_evmemo *em)
{
	ssg_changes_parts *c = ssg_pages_changes_begin(s, e, build, em);
	/* This thread's reader of page texts; without one, each diff says
	 * the version could not be read. */
	ssg_history_reader *rd =
		c->mine ? ssg_history_reader_new(ssg_hview_history(s)) : NULL;
	for (size_t k = 0; k < c->nparts; k++)
		ssg_pages_changes_part(c, k, rd);
	ssg_history_reader_free(rd);
	return ssg_pages_changes_end(c);
}

/* ---- per-row history ------------------------------------------------ */

/* The events of a row's history page. */
typedef struct {
	const ssg_hview *s;
	const size_t *evi;
	size_t n;
} row_events;

/* Its events, newest first by commit, in place of their key
 * (events_key). */
static bool row_fill(void *ctx, ssg_model *m, ssg_value *page)
{
	const row_events *re = ctx;
	ssg_value *evs = ssg_model_list(m);
	for (size_t k = 0; k < re->n; k++)
		ssg_list_push(evs, ssg_hview_event(re->s, m, re->evi[k]));
	ssg_map_set(page, "changes", ssg_hview_by_commit(m, evs));
	return true;
}

/* tables/<t>/<key>/: the history of one row, newest first, headed by
 * what it replaces or was replaced by and, for a removed row, when and
 * why it was removed. */
static int row_page(const ssg_hview *s, ssg_emit *e, ssg_evmemo *em,
		    const ssg_plan_table *t, const char *key, unsigned line,
		    const size_t *evi, size_t n)
{
	ssg_model *m = ssg_model_new();
	/* Its label as the table has it, or as it last stood. */
	const char *label = ssg_hview_row_name(s, m, t, key);
	ssg_value *page = ssg_emit_page_new(
		e, m,
		label ? ssg_value_str(ssg_model_strf(m, "%s. %s", key, label))
		      : key,
		SSG_ROUTES_DATA);
	ssg_map_set_str(m, page, "key", key);
	ssg_map_set_str(m, page, "label", label);
	/* Indicators and tasks have list pages of their own (a removed
	 * one's history is here), not a table's. */
	bool ind = strcmp(t->name, "indicators") == 0;
	bool typed = ind || strcmp(t->name, "tasks") == 0;
	ssg_map_set_str(m, page, "table_title", t->title);
	ssg_map_set_str(m, page, "table_url",
			!typed ? ssg_routes_table(m, t->name)
			: ind  ? SSG_ROUTES_INDICATORS
			       : SSG_ROUTES_TASKS);
	ssg_hview_row_head(s, m, page, t, key);
	/* Its events by their key and their commits: row_fill makes
	 * them. */
	ssg_map_set_str(m, page, "events_key",
			row_events_key(s, em, m, t, key, evi, n));
	ssg_value *commits = ssg_model_list(m);
	for (size_t k = 0; k < n; k++)
		ssg_list_push(commits, ssg_hview_commit(
					       s, ssg_history_event(
							  ssg_hview_history(s),
							  evi[k])->commit));
	ssg_map_set(page, "event_commits", commits);
	/* Where the page comes from: its row's last change, or a later
	 * commit that named this row in another's `replaces` cell. */
	size_t from = ssg_history_event(ssg_hview_history(s), evi[n - 1])->commit;
	size_t named = ssg_hview_row_named_since(s, t, key);
	ssg_map_set(page, "provenance",
		    ssg_hview_commit(s, named != SIZE_MAX && named > from ? named
									   : from));
	ssg_from src = {SSG_FROM_ROW, t->path, line, key};
	row_events re = {s, evi, n};
	int rc = ssg_emit_page_fill(e, m, ssg_routes_row(m, t->name, key),
				    &src, "row", page, row_fill, &re);
	ssg_model_free(m);
	return rc;
}

/* tables/<t>/<row>/ for every row that has a history (indicators and
 * tasks have pages of their own), and for every row any table had and
 * lost, so that a removed row keeps its history: the table page itself
 * stays small however long the history is.  A revision copy writes its
 * own pages of rows the main site's table lacks. */
int ssg_pages_row_history(const ssg_hview *s, ssg_emit *e, ssg_evmemo *em)
{
	const ssg_plan *plan = ssg_hview_plan(s);
	int rc = SSG_OK;
	for (size_t ti = 0; ti < ssg_plan_ntables(plan) && rc == SSG_OK; ti++) {
		const ssg_plan_table *t = ssg_plan_table_at(plan, ti);
		bool typed = strcmp(t->name, "indicators") == 0 ||
			     strcmp(t->name, "tasks") == 0;
		size_t nrows = typed ? 0 : ssg_table_nrows(t->table);
		for (size_t r = 0; r < nrows && rc == SSG_OK; r++) {
			size_t n;
			const size_t *evi = ssg_hview_row_events(s, t, r, &n);
			if (n && !ssg_hview_row_is_main(s, t, r))
				rc = row_page(s, e, em, t, t->keys[r],
					      ssg_table_row_line(t->table, r),
					      evi, n);
		}
		size_t nf = ssg_hview_nformer(s, t);
		for (size_t i = 0; i < nf && rc == SSG_OK; i++) {
			const ssg_lineage_former *f = ssg_hview_former(s, t, i);
			if (f)
				rc = row_page(s, e, em, t, f->key, 0,
					      f->events, f->nevents);
				/* removed: no line */
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

/* Earlier versions of data/history.jsonl looked for: a rebuild comes
 * after a few commits, and a file of 27 MB is then made again whole from
 * further back. */
#define HISTORY_PRIORS 256

/* What decides data/history.jsonl, and what decided its earlier versions
 * (ssg_emit_open_grown). */
typedef struct {
	ssg_buf keys;  /* the row keys the history was walked with */
	size_t end;    /* the site's commit + 1: the file's last */
	size_t lo;     /* prior[m - lo]: the chain of the first m commits */
	char (*prior)[65];
	size_t nprior;
	char chain[65]; /* of the whole chain */
} history_in;

/* What decides the history up to the site's commit: the row keys it
 * was walked with and the commits of the whole chain (a table renamed
 * later renames its earlier events too), whose ids stand for all they
 * hold; the program is in every key.  An earlier build of the first m
 * commits of this chain, at the tip of its chain and with these keys,
 * wrote the events of those commits as this one does when no table is
 * renamed in them or later (ssg_history_settled): its file is then the
 * start of this one. */
static void history_in_init(history_in *in, const ssg_hview *s,
			    const ssg_plan_keys *keys)
{
	const ssg_history *h = ssg_hview_history(s);
	const ssg_history_key *k = ssg_plan_keys_all(keys);
	size_t n = ssg_history_ncommits(h);
	ssg_buf_init(&in->keys);
	ssg_buf_printf(&in->keys, "history 2 %zu\n", ssg_plan_keys_count(keys));
	for (size_t i = 0; i < ssg_plan_keys_count(keys); i++) {
		ssg_buf_printf(&in->keys, "%zu:%s %zu",
			       strlen(k[i].table ? k[i].table : ""),
			       k[i].table ? k[i].table : "", k[i].ncols);
		for (size_t c = 0; c < k[i].ncols; c++)
			ssg_buf_printf(&in->keys, " %zu:%s",
				       strlen(k[i].cols[c]), k[i].cols[c]);
		ssg_buf_putc(&in->keys, '\n');
	}
	in->end = ssg_hview_end(s);
	/* m == n with the site at the tip is this very file. */
	size_t hi = in->end < n ? in->end : in->end - 1;
	in->lo = ssg_history_settled(h);
	if (in->lo < 1)
		in->lo = 1;
	if (hi > HISTORY_PRIORS && in->lo < hi - HISTORY_PRIORS)
		in->lo = hi - HISTORY_PRIORS;
	in->nprior = hi >= in->lo ? hi - in->lo + 1 : 0;
	in->prior = ssg_xcalloc(in->nprior + 1, sizeof(*in->prior));
	ssg_digest *dg = ssg_digest_new();
	for (size_t i = 0; i < n; i++) {
		if (i >= in->lo && i - in->lo < in->nprior) {
			ssg_digest *at = ssg_digest_dup(dg);
			ssg_digest_hex(at, in->prior[i - in->lo]);
			ssg_digest_free(at);
		}
		ssg_digest_str(dg, ssg_history_commit(h, i)->oid);
	}
	ssg_digest_hex(dg, in->chain);
	ssg_digest_free(dg);
}

static void history_in_fini(history_in *in)
{
	ssg_buf_fini(&in->keys);
	free(in->prior);
}

/* The inputs of the file of the first `end` events' commits of a chain of
 * n commits whose ids have the digest `chain`. */
static void history_inputs(const history_in *in, size_t end, size_t n,
			   const char *chain, ssg_buf *b)
{
	ssg_buf_put(b, in->keys.data, in->keys.len);
	ssg_buf_printf(b, "end %zu of %zu %s\n", end, n, chain);
}

/* The number m of commits of the i-th earlier version, newest first
 * (i < in->nprior): the build of the first m commits at their tip. */
static size_t prior_commits(const history_in *in, size_t i)
{
	return in->lo + in->nprior - 1 - i;
}

static bool history_prior(void *ctx, size_t i, ssg_buf *b)
{
	const history_in *in = ctx;
	if (i >= in->nprior)
		return false;
	size_t m = prior_commits(in, i);
	history_inputs(in, m, m, in->prior[m - in->lo], b);
	return true;
}

/* Written in pieces: a province's history is tens of megabytes; kept
 * from an earlier build by its inputs, not made to be compared, and
 * after new commits only their lines are added to the earlier file. */
int ssg_pages_history_data(const ssg_hview *s, ssg_emit *e,
			   const ssg_plan_keys *keys)
{
	site_sink k = {e, NULL};
	const ssg_history *h = ssg_hview_history(s);
	history_in in;
	history_in_init(&in, s, keys);
	ssg_buf b;
	ssg_buf_init(&b);
	history_inputs(&in, in.end, ssg_history_ncommits(h), in.chain, &b);
	bool kept = false;
	size_t grown = SIZE_MAX;
	int rc = ssg_emit_open_grown(e, SSG_ROUTES_DATA "history.jsonl", NULL,
				     b.data, b.len, history_prior, &in, &k.f,
				     &kept, &grown);
	ssg_buf_clear(&b);
	/* A check, or kept: its name is taken all the same. */
	if (rc == SSG_OK && k.f) {
		size_t first = grown == SIZE_MAX ? 0
						 : prior_commits(&in, grown);
		/* The same history's file of a longer chain, written whole
		 * by this build (the main site's, for a revision's copy),
		 * holds this one at its start: 70 MB of a province's five
		 * copies not made again line by line. */
		off_t *marks = NULL;
		if (first) { /* an earlier build's, grown */
			ssg_hout_jsonl_span(h, NULL, NULL, first, in.end, &b,
					    to_site, &k);
		} else if (!ssg_emit_start_with(e, k.f, h, in.end)) {
			marks = ssg_xcalloc(in.end + 1, sizeof(*marks));
			ssg_hout_jsonl_marked(h, in.end, &b, to_site, &k,
					      marks);
		}
		rc = ssg_emit_close(e, k.f);
		if (rc == SSG_OK && marks)
			ssg_emit_offer(e, SSG_ROUTES_DATA "history.jsonl", h,
				       marks, in.end + 1);
		free(marks);
	}
	ssg_buf_fini(&b);
	history_in_fini(&in);
	return rc;
}


/* ---- revisions/ ---------------------------------------------------- */


/* A row event of a review as the event partial draws it, with the
 * titles of commit `at`'s time and its row's name in the revision. */
static ssg_value *row_event_value(const ssg_hview *s, ssg_model *m, const char *table,
				  const ssg_row_event *e, const char *label,
				  size_t at)
{
	ssg_hev v = ssg_history_event_of(table, e);
	ssg_value *ev = ssg_hview_change(s, m, &v, at);
	if (label)
		ssg_map_set_str(m, ev, "label", label);
	return ev;
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
static ssg_value *review_targets(const ssg_hview *s, ssg_model *m,
				 const ssg_review *rv, size_t at)
{
	ssg_value *list = ssg_model_list(m);
	for (size_t i = 0; i < ssg_review_ntargets(rv); i++) {
		const ssg_review_target *t = ssg_review_target_at(rv, i);
		ssg_value *v = row_event_value(s, m, t->table->name, t->event,
					       t->label, at);
		const ssg_plan_indicator *x = ssg_hview_indicator_of(s, t->event->key);
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
 * [{table, title, kind_word, problem, rows, has_events}]. */
static ssg_value *review_tables(const ssg_hview *s, ssg_model *m,
				const ssg_review *rv, size_t at)
{
	static const char *const words[] = {"bảng mới", "bảng bị xóa", ""};
	ssg_value *list = ssg_model_list(m);
	for (size_t i = 0; i < ssg_review_ntables(rv); i++) {
		const ssg_review_table *t = ssg_review_table_at(rv, i);
		size_t n = ssg_row_events_count(t->events);
		if (t->problem == SSG_REVIEW_OK && !n)
			continue;
		ssg_value *v = ssg_model_map(m);
		ssg_map_set_str(m, v, "table", t->name);
		ssg_map_set_str(m, v, "title",
				ssg_hview_table_title(s, t->name, at));
		if (*words[t->kind])
			ssg_map_set_str(m, v, "kind_word", words[t->kind]);
		if (t->problem != SSG_REVIEW_OK)
			ssg_map_set_str(m, v, "problem",
					review_problem(m, t->problem, t->error));
		ssg_value *evs = ssg_model_list(m);
		for (size_t k = 0; k < n; k++)
			ssg_list_push(evs, row_event_value(
						   s, m, t->name,
						   ssg_row_events_get(t->events, k),
						   t->labels ? t->labels[k] : NULL,
						   at));
		table_rows(m, v, evs);
		ssg_map_set_bool(m, v, "has_events", n > 0);
		ssg_list_push(list, v);
	}
	return list;
}

/* The pages of a review as its revision page is keyed: each by the ids
 * of its versions, whose word diff revision_fill makes. */
static ssg_value *review_page_ids(ssg_model *m, const ssg_review *rv)
{
	ssg_value *list = ssg_model_list(m);
	for (size_t i = 0; i < ssg_review_npages(rv); i++) {
		const ssg_review_page *p = ssg_review_page_at(rv, i);
		ssg_list_push(list, ids_value(m, p->path, page_words[p->kind],
					      p->ids));
	}
	return list;
}

/* The word diffs of a revision page's pages, in place of their ids
 * (review_page_ids), each made from its two versions alone (and the
 * order and sizes of those before it, the budget); a page whose texts
 * differ in no word is left out.  False when a version could not be
 * read, or has no id to stand for it. */
static bool revision_fill(void *ctx, ssg_model *m, ssg_value *page)
{
	ssg_review *rv = ctx;
	if (!rv)
		return true;
	ssg_value *list = ssg_model_list(m);
	size_t budget = DIFF_BUDGET;
	bool unread = false;
	for (size_t i = 0; i < ssg_review_npages(rv); i++) {
		if (!ssg_review_page_words(rv, i)) {
			ssg_review_page_drop(rv, i);
			continue;
		}
		const ssg_review_page *p = ssg_review_page_at(rv, i);
		unread = unread || p->problem == SSG_REVIEW_UNREADABLE_A ||
			 p->problem == SSG_REVIEW_UNREADABLE_B ||
			 (p->kind != SSG_REVIEW_ADDED && p->ids[0] == ' ') ||
			 (p->kind != SSG_REVIEW_REMOVED &&
			  p->ids[strlen(p->ids) - 1] == ' ');
		ssg_list_push(list, page_value(m, p->path, page_words[p->kind],
					       p->diff,
					       review_problem(m, p->problem,
							      p->error),
					       &budget));
		ssg_review_page_drop(rv, i); /* drawn: its HTML is m's */
	}
	size_t ntables = ssg_value_len(ssg_value_get(page, "tables"));
	ssg_map_set(page, "pages", list);
	ssg_map_set_bool(m, page, "has_pages", ssg_value_len(list) > 0);
	ssg_map_set_bool(m, page, "has_changes",
			 ntables + ssg_value_len(list) > 0);
	return !unread;
}

/* What a revision page shows first: the net difference from the
 * revision before (s->reviews), revised targets, then cells, then
 * words. */
static void revision_review(const ssg_hview *s, ssg_model *m, ssg_value *page,
			    const ssg_review *rv, size_t at)
{
	if (!rv) {
		ssg_map_set_bool(m, page, "no_review", true);
		return;
	}
	/* A new year's plan: its targets are no revisions (the review
	 * has none then), and the page says why. */
	if (ssg_review_other_plan(rv)) {
		ssg_value *op = ssg_model_map(m);
		ssg_map_set_str(m, op, "a", ssg_review_period(rv, false));
		ssg_map_set_str(m, op, "b", ssg_review_period(rv, true));
		ssg_map_set(page, "other_plan", op);
	}
	ssg_value *targets = review_targets(s, m, rv, at);
	ssg_value *tables = review_tables(s, m, rv, at);
	ssg_map_set(page, "targets", targets);
	ssg_map_set(page, "tables", tables);
	/* Its pages by their ids: revision_fill makes their diffs, and
	 * has_pages and has_changes with them. */
	ssg_map_set(page, "pages", review_page_ids(m, rv));
	ssg_map_set_bool(m, page, "has_targets", ssg_value_len(targets) > 0);
	ssg_map_set_bool(m, page, "has_tables", ssg_value_len(tables) > 0);
}

/* The reviews of the revision pages, kept in the store for the next
 * build: a review is decided whole by its two tags' commits, the row
 * keys and the program (review.h), so a build finds it there by a key
 * of those, and a revision page kept from an earlier build then costs
 * no snapshot of either tag, no table read or diffed (on a province,
 * 150 ms and the 16 MB of libgit2's cache of delta bases that its trees
 * filled).  Its page is still made from the view as it is now: the
 * titles, names and links its events are drawn with are the page's
 * key, as any page's.  The file: records of a key (64 hex digits), a
 * length (8 bytes, little endian) and a saved review. */
#define REVIEWS_FILE "reviews"
#define REVIEWS_MAX (64u << 20)

typedef struct {
	const ssg_pages_reviews *in;
	const ssg_hview *s;
	ssg_buf old;        /* the store's records */
	/* This build's, written as they come (a province's are 2 MB):
	 * same while they are the old ones so far, at their offset. */
	ssg_store_file *next;
	size_t off;
	bool same;
	ssg_snapshot *prev; /* the snapshot of tag prev_at, or NULL */
	size_t prev_at;
} reviews;

/* The saved review of `key` in the records of b, or false. */
static bool record_find(const ssg_buf *b, const char *key, const char **data,
			size_t *len)
{
	const unsigned char *p = (const unsigned char *)b->data,
			    *end = p + b->len;
	while (end - p >= 72) {
		uint64_t n = ssg_le64_get(p + 64);
		if (n > (uint64_t)(end - p - 72))
			return false;
		if (memcmp(p, key, 64) == 0) {
			*data = (const char *)p + 72;
			*len = (size_t)n;
			return true;
		}
		p += 72 + n;
	}
	return false;
}

static void record_part(reviews *rs, const void *p, size_t n)
{
	rs->same = rs->same && rs->old.len - rs->off >= n &&
		   memcmp(rs->old.data + rs->off, p, n) == 0;
	rs->off += n;
	ssg_store_write(rs->next, p, n);
}

static void record_put(reviews *rs, const char *key, const char *data,
		       size_t len)
{
	unsigned char n[8];
	ssg_le64_put(n, len);
	record_part(rs, key, 64);
	record_part(rs, n, 8);
	record_part(rs, data, len);
}

/* The key of the review of tag i: what decides it whole. */
static void review_key(const reviews *rs, size_t i, char key[65])
{
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, "ssg review 1");
	ssg_digest_u64(dg, ssg_store_program());
	ssg_digest_str(dg, i ? ssg_hview_tag_info(rs->s, i - 1)->target : "");
	ssg_digest_str(dg, ssg_hview_tag_info(rs->s, i)->target);
	ssg_plan_keys_digest(rs->in->keys, dg);
	ssg_digest_hex(dg, key);
	ssg_digest_free(dg);
}

/* The snapshot of tag i (NULL where it cannot be taken: quietly, the
 * revision's own site reports what is wrong in it). */
static ssg_snapshot *tag_snapshot(const reviews *rs, size_t i)
{
	ssg_snapshot *snap = NULL;
	ssg_diags *quiet = ssg_diags_new();
	/* A tree with a refused link still lists its other files: the
	 * snapshot is used whatever the code when there is one. */
	int rc = ssg_repo_snapshot(rs->in->repo,
				   ssg_hview_tag_info(rs->s, i)->target, &snap,
				   quiet);
	ssg_diags_free(quiet);
	if (rc != SSG_OK && !snap)
		return NULL;
	if (snap)
		ssg_snapshot_lender(snap, rs->in->blobs);
	return snap;
}

/* The net difference of tag i from the tag before (the first tag's from
 * nothing, which is what a reader of the first publication needs), its
 * pages' word diffs made when asked for (revision_fill); NULL where a
 * snapshot could not be taken.  The snapshot of the tag before is the
 * one rs holds when the review before was made; *older is set to the one
 * the review reads from, for the caller to free after it, and rs keeps
 * tag i's.  Each review is made when its page is, and freed after it:
 * all of a province's were 20 MB held for the whole build. */
static ssg_review *review(reviews *rs, size_t i, ssg_snapshot **older)
{
	*older = NULL;
	if (i && rs->prev_at == i - 1) {
		*older = rs->prev;
	} else {
		ssg_snapshot_free(rs->prev);
		if (i)
			*older = tag_snapshot(rs, i - 1);
	}
	rs->prev = NULL;
	rs->prev_at = SIZE_MAX;
	ssg_snapshot *cur = tag_snapshot(rs, i);
	if (!cur)
		return NULL;
	rs->prev = cur;
	rs->prev_at = i;
	if (i && !*older)
		return NULL;
	return ssg_review_new_deferred(*older, cur, ssg_plan_keys_all(rs->in->keys),
				       ssg_plan_keys_count(rs->in->keys));
}

/* What the fill of revision page i needs: its review, made only then
 * when the page was made from one the store kept. */
typedef struct {
	reviews *rs;
	size_t i;
	ssg_review *rv;     /* NULL: none (or none made yet, when kept) */
	ssg_snapshot *older; /* for the caller to free after the page */
	bool kept;          /* the page's values are a kept review's */
} revision_ctx;

static bool revision_fill_made(void *ctx, ssg_model *m, ssg_value *page)
{
	revision_ctx *c = ctx;
	if (c->kept) {
		c->rv = review(c->rs, c->i, &c->older);
		/* Its tags could be read before and not now: the page shows
		 * the review kept, without its word diffs, made again by
		 * the next build. */
		if (!c->rv) {
			revision_fill(NULL, m, page);
			return false;
		}
	}
	return revision_fill(c->rv, m, page);
}

static void reviews_begin(reviews *rs, const ssg_hview *s,
			  const ssg_pages_reviews *in, bool writes)
{
	memset(rs, 0, sizeof(*rs));
	rs->in = in;
	rs->s = s;
	rs->prev_at = SIZE_MAX;
	rs->same = true;
	ssg_buf_init(&rs->old);
	if (!writes || !in->repo)
		return;
	char *path = ssg_store_path(ssg_repo_gitdir(in->repo), REVIEWS_FILE);
	if (!ssg_store_read(path, REVIEWS_MAX, &rs->old))
		ssg_buf_clear(&rs->old);
	rs->next = ssg_store_replace_begin(path);
	free(path);
}

/* Leaves this build's reviews for the next one, when they differ. */
static void reviews_end(reviews *rs, bool ok)
{
	ssg_snapshot_free(rs->prev);
	bool same = rs->same && rs->off == rs->old.len;
	(void)ssg_store_replace_end(rs->next, ok && !same);
	ssg_buf_fini(&rs->old);
}

int ssg_pages_revisions(const ssg_hview *s, ssg_emit *e,
			const ssg_pages_reviews *in)
{
	const ssg_history *h = ssg_hview_history(s);
	int rc = SSG_OK;
	ssg_model *lm = ssg_model_new();
	ssg_value *list = ssg_model_list(lm);
	bool writes = ssg_emit_writes(e) && ssg_routes_writes_shared(ssg_hview_routes(s));
	reviews rs;
	reviews_begin(&rs, s, in, writes);
	for (size_t i = 0; i < ssg_hview_ntags(s) && rc == SSG_OK; i++) {
		ssg_value *tv = ssg_hview_tag(s, lm, i);
		ssg_list_push(list, tv);
		if (!ssg_routes_writes_shared(ssg_hview_routes(s)))
			continue; /* the main site's pages (tag_value) */
		const ssg_tag_info *tg = ssg_hview_tag_info(s, i);
		char key[65];
		review_key(&rs, i, key);
		const char *saved;
		size_t nsaved;
		revision_ctx c = {&rs, i, NULL, NULL, false};
		ssg_review *shown = NULL; /* what the page's values are of */
		if (record_find(&rs.old, key, &saved, &nsaved) &&
		    (shown = ssg_review_load(saved, nsaved))) {
			c.kept = true;
			record_put(&rs, key, saved, nsaved);
		} else {
			shown = c.rv = review(&rs, i, &c.older);
			if (c.rv) {
				ssg_buf b;
				ssg_buf_init(&b);
				ssg_review_save(c.rv, &b);
				record_put(&rs, key, b.data, b.len);
				ssg_buf_fini(&b);
			}
		}
		ssg_model *m = ssg_model_new();
		ssg_value *page = ssg_emit_page_new(e, m, tg->summary,
						    SSG_ROUTES_REVISIONS);
		ssg_map_set(page, "tag", ssg_hview_tag(s, m, i));
		long to = ssg_history_find(h, tg->target);
		long from = i ? ssg_history_find(
					h, ssg_hview_tag_info(s, i - 1)->target)
			      : -1;
		if (i)
			ssg_map_set(page, "prev", ssg_hview_tag(s, m, i - 1));
		/* In the titles of the revision's time. */
		revision_review(s, m, page, shown, to >= 0 ? (size_t)to : SIZE_MAX);
		/* The commits in between, each linking to its own changes. */
		ssg_value *commits = ssg_model_list(m);
		for (long k = from + 1; k <= to; k++)
			if (ssg_history_commit(ssg_hview_history(s), (size_t)k)->touched)
				ssg_list_push(commits,
					      ssg_hview_commit(s, (size_t)k));
		ssg_map_set(page, "commits", commits);
		ssg_map_set_bool(m, page, "has_commits",
				 ssg_value_len(commits) > 0);
		ssg_map_set(page, "provenance", ssg_hview_commit(s, (size_t)to));
		ssg_from tag = {SSG_FROM_TAG, NULL, 0, tg->name};
		rc = ssg_emit_page_fill(e, m, ssg_routes_revision(m, tg->name),
					&tag, "revision", page, revision_fill_made,
					&c);
		ssg_model_free(m);
		if (c.kept)
			ssg_review_free(shown);
		ssg_review_free(c.rv);
		ssg_snapshot_free(c.older);
		/* A page rendered freed its review and model (10 MB and
		 * more on a province) into this thread's arena, where the
		 * copies' threads, beside it, cannot use it. */
		if (!c.kept || c.rv)
			ssg_mem_release();
	}
	reviews_end(&rs, rc == SSG_OK);
	ssg_value *rev = ssg_model_list(lm); /* newest first */
	for (size_t i = ssg_value_len(list); i-- > 0;)
		ssg_list_push(rev, ssg_value_at(list, i));
	ssg_value *page = ssg_emit_page_new(e, lm, "Các phiên bản chính thức",
					    SSG_ROUTES_REVISIONS);
	ssg_map_set(page, "tags", rev);
	ssg_map_set_bool(lm, page, "has_tags", ssg_hview_ntags(s) > 0);
	size_t nt = ssg_hview_ntags(s);
	long newest = nt ? ssg_history_find(h, ssg_hview_tag_info(s, nt - 1)->target)
			 : -1;
	if (newest >= 0)
		ssg_map_set(page, "provenance", ssg_hview_commit(s, (size_t)newest));
	if (rc == SSG_OK)
		rc = ssg_emit_page(e, lm, SSG_ROUTES_REVISIONS, NULL,
				   "revisions", page);
	ssg_model_free(lm);
	return rc;
}

