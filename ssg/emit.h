/*
 * emit — how pages leave the page layer: the one writer the page modules
 * call, below them, as sblg's and lowdown's renderers are below their
 * drivers.
 *
 * An emitter writes one site, or one sub-tree of it, from one thread.  It
 * knows where its files go (an ssg_out or a sub-tree of one, or nowhere
 * for `ssg check`), the theme's templates, the site's shared values
 * ({{site.*}}), the build's progress and the diagnostics of its thread;
 * it keeps no state between two pages, so two emitters over the same
 * values may run at once.  Paths are relative to the site's root
 * ("indicators/x/index.html") whatever sub-tree the emitter writes.
 *
 * Every write reports its own failure into the emitter's diagnostics and
 * returns an ssg_code.  Without an ssg_out nothing is written and every
 * write succeeds, after rendering: a check still finds every template
 * error.
 *
 * A page or file whose key (emit.c says what it is made from) is the one
 * an earlier build wrote it from is taken from that build's tree instead
 * of being rendered and written again (pagekeys.h, out.h): so the site's
 * shared values must be complete before an emitter's first page, and no
 * page may show anything that is not in its values, the site's or the
 * theme's.
 *
 * Every write names the page it is for (`from`, claims.h: NULL for the
 * site's own pages) and first takes its path in the site's claims, in a
 * check as in a build: a file another page has is not written, and the
 * write still succeeds, so that the page layer goes on and every clash
 * is found; ssg_claims_report then reports them.
 */
#ifndef SSG_EMIT_H
#define SSG_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "claims.h"
#include "err.h"
#include "model.h"
#include "out.h"
#include "progress.h"
#include "template.h"
#include "routes.h"

typedef struct ssg_emit ssg_emit;

/* `out` (NULL for a check) holds the site's directory `base` ("" for the
 * whole site, "changes/" for a sub-tree of it that out stands for): a path
 * outside base is refused as an internal error.  `claims` are the site's,
 * shared by its emitters (NULL: none taken).  Borrows everything: `tpl`,
 * `site`, `claims` and `d` outlive the emitter; `progress` may be NULL. */
ssg_emit *ssg_emit_new(ssg_out *out, const char *base,
		       const ssg_templates *tpl, const ssg_value *site,
		       ssg_claims *claims, ssg_progress *progress,
		       ssg_diags *d);
void ssg_emit_free(ssg_emit *e); /* accepts NULL */
/* Makes what the emitters like e share: the part of its pages' keys that
 * they all share and the navigation.  The thread that has e calls it
 * before other threads call ssg_emit_like(e). */
void ssg_emit_ready(ssg_emit *e);
/* An emitter like e (its tree, base, templates, site, claims, progress
 * and what ssg_emit_ready made) that reports into d: for a thread that
 * writes pages of e's beside it (the posts, pages_plan.c).  Any thread
 * may call it once e is ready; e outlives it. */
ssg_emit *ssg_emit_like(const ssg_emit *e, ssg_diags *d);

/* The diagnostics it reports into, for the pages' own problems. */
ssg_diags *ssg_emit_diags(const ssg_emit *e);
/* The shared values it gives every page as {{site}}. */
const ssg_value *ssg_emit_site(const ssg_emit *e);
/* False for a check: nothing is written (large files need not even be
 * made). */
bool ssg_emit_writes(const ssg_emit *e);

/* A file written whole, for the page `from`. */
int ssg_emit_file(ssg_emit *e, const char *path, const ssg_from *from,
		  const char *data, size_t len) SSG_WUR;
/* A file written in pieces (a province's history is tens of megabytes):
 * *f is NULL for a check or a clash, and put and close accept it. */
int ssg_emit_open(ssg_emit *e, const char *path, const ssg_from *from,
		  ssg_out_file **f) SSG_WUR;
/* ssg_emit_open for a file that costs more to make than its inputs do to
 * read (the search index folds every page's text): its key is made from
 * `inputs`, n bytes that, with the program, the theme and the site's
 * shared values, decide every byte it holds.  When an earlier build
 * wrote it from that key, the file is taken from there: *kept is true
 * and *f NULL, and nothing is to be put.  The key is recorded when the
 * file is closed. */
int ssg_emit_open_keyed(ssg_emit *e, const char *path, const ssg_from *from,
			const void *inputs, size_t n, ssg_out_file **f,
			bool *kept) SSG_WUR;
/* ssg_emit_open_keyed for a file whose earlier versions are its
 * beginning (data/history.jsonl: events oldest first, a chain that grows
 * only adds lines).  When it is not kept, prior(ctx, i, b) puts in b the
 * inputs of the i-th version it may have had before (0 the newest),
 * those that decide every byte of it as `inputs` decide the whole file,
 * and returns false when there are no more.  The new file then starts
 * with the bytes of the first of them that an earlier build left as it
 * wrote it, *grown is its i, and only what comes after is to be put;
 * *grown is SIZE_MAX when it starts empty. */
typedef bool (*ssg_emit_prior_fn)(void *ctx, size_t i, ssg_buf *inputs);
int ssg_emit_open_grown(ssg_emit *e, const char *path, const ssg_from *from,
			const void *inputs, size_t n, ssg_emit_prior_fn prior,
			void *ctx, ssg_out_file **f, bool *kept,
			size_t *grown) SSG_WUR;
void ssg_emit_put(ssg_emit *e, ssg_out_file *f, const char *data, size_t len);
int ssg_emit_close(ssg_emit *e, ssg_out_file *f) SSG_WUR;
/* The start of other files, as ssg_out_offer and ssg_out_start_with
 * (path is e's, as for ssg_emit_open). */
void ssg_emit_offer(ssg_emit *e, const char *path, const void *of,
		    const off_t *marks, size_t nmarks);
bool ssg_emit_start_with(ssg_emit *e, ssg_out_file *f, const void *of,
			 size_t mark);


/* A page's map, made in m: its title and the site's navigation, the
 * entry whose url is nav_url (may be NULL) marked current. */
ssg_value *ssg_emit_page_new(ssg_emit *e, ssg_model *m,
			     const char *title, const char *nav_url);
/* Renders template `tpl` for the page in directory `dir` ("" for the home
 * page, "tasks/" ...) into dir/index.html, after adding to `page` the
 * site, its root ("../" per directory, "./" at the top) and its path;
 * `from` as for ssg_emit_file. */
int ssg_emit_page(ssg_emit *e, ssg_model *m, const char *dir,
		  const ssg_from *from, const char *tpl,
		  ssg_value *page) SSG_WUR;
/* ssg_emit_page for a page whose values cost more to make than their
 * inputs do to compare (a commit's word diffs): `page` holds, in place of
 * what `fill` adds, everything that decides it (the ids of two blobs
 * instead of their diff), and its key is made from that.  fill is called
 * only when the page is rendered (no earlier build wrote it from that
 * key, or a check), to complete page in m from what page holds and the
 * program alone; it returns false when what it added is not all its
 * inputs' doing (a blob the repository could not give), and the page is
 * then written without a key, to be made again by the next build. */
typedef bool (*ssg_emit_fill_fn)(void *ctx, ssg_model *m, ssg_value *page);
int ssg_emit_page_fill(ssg_emit *e, ssg_model *m, const char *dir,
		       const ssg_from *from, const char *tpl, ssg_value *page,
		       ssg_emit_fill_fn fill, void *ctx) SSG_WUR;
/* A list too long for one page (the changes of a province's 20,000
 * commits are 5 MB of HTML; a phone on a slow link wants a few dozen
 * KB), `items` newest first: `dir` shows the newest `per` and, when there
 * are more, dir/page/K/ (routes.h) the K-th `per` counted from the
 * oldest, the newest of them partly full: a full page never changes
 * again.  Each page has, besides what ssg_emit_page_new gives it, `key`
 * (its items), `start` (the number of its first item counted from the
 * oldest, for <ol reversed>) and, when there is more than one, `pager`
 * {n (none on dir), prev.url (newer), next.url (older), newest.url,
 * at_newest, pages [{n, url,
 * current} or {gap}]}; they are the site's own.  `fn` (may be NULL) adds what only its caller
 * knows to each page before it is rendered (its provenance, prov.h):
 * the page holds items [from, to) and `first` is dir itself.
 *
 * `shared` (may be NULL: none) says that the oldest shared->items items
 * are the main site's list's oldest, shown alike (a revision copy's
 * commits: routes.h): the numbered pages that hold only those, but for
 * the last, are the main site's pages, not written, and linked there
 * (shared->routes, this site's). */
typedef void (*ssg_emit_list_fn)(void *ctx, ssg_model *m, ssg_value *page,
				 size_t from, size_t to, bool first);
typedef struct {
	const ssg_routes *routes;
	size_t items;
} ssg_emit_shared;
int ssg_emit_list(ssg_emit *e, const char *dir, const char *tpl,
		  const char *title, const char *key, const ssg_value *items,
		  size_t per, const ssg_emit_shared *shared,
		  ssg_emit_list_fn fn, void *ctx) SSG_WUR;
/* Renders template `tpl` with `data`, after adding the site to it,
 * appending to out: a piece of a page (a table embedded in a text). */
int ssg_emit_render(const ssg_emit *e, const char *tpl, ssg_value *data,
		    ssg_buf *out) SSG_WUR;

#endif
