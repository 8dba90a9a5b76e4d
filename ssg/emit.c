/* emit — the page layer's writer (emit.h). */
#include "emit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "pagekeys.h"
#include "routes.h"
#include "store.h"

struct ssg_emit {
	ssg_out *out;
	const char *base;
	size_t nbase;
	const ssg_templates *tpl;
	const ssg_value *site;
	ssg_claims *claims;
	ssg_progress *progress;
	ssg_diags *d;
	/* The parts of every page's key that all its pages share, made at
	 * its first page: the program and the theme, and the site's shared
	 * values (complete by then: emit.h). */
	bool shared_made, shared_ok; /* made once: ok when it has a key */
	char shared[65];
	ssg_buf frame; /* a page's, reused */
	/* The site's navigation as its pages show it (nav_set): its own, or
	 * borrowed from the emitter it is like (nav_own false). */
	struct nav_set *nav;
	bool nav_own;
	/* Files open in pieces with a key (ssg_emit_open_keyed), recorded
	 * when closed: few at a time. */
	struct keyed_file {
		ssg_out_file *f;
		char *path; /* in out */
		char key[65];
	} *open;
	size_t nopen;
};

/* The site's navigation with entry i marked current (the first of its
 * url, with any other of that url), i < n, or none (i == n): made once,
 * and held by a page by its digest (ssg_model_list_lazy), so that a
 * page's key frames 33 bytes of it, not 600 (26,000 keys a province's
 * rebuild). */
struct nav_set {
	ssg_model *m;
	size_t n;
	const ssg_value **v;
	unsigned char (*sum)[32];
	ssg_lazy src;
};

static const ssg_value *nav_make(void *ctx, size_t i)
{
	const struct nav_set *ns = ctx;
	return ns->v[i];
}

static const unsigned char *nav_sum(void *ctx, size_t i)
{
	const struct nav_set *ns = ctx;
	return ns->sum[i];
}

static struct nav_set *nav_set_new(const ssg_value *site)
{
	struct nav_set *ns = ssg_xcalloc(1, sizeof(*ns));
	const ssg_value *nav = ssg_value_get(site, "nav");
	ns->m = ssg_model_new();
	ns->n = ssg_value_len(nav);
	ns->v = ssg_xcalloc(ns->n + 1, sizeof(*ns->v));
	ns->sum = ssg_xcalloc(ns->n + 1, sizeof(*ns->sum));
	ns->src = (ssg_lazy){nav_make, nav_sum, ns};
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t k = 0; k <= ns->n; k++) {
		const char *cur = k < ns->n ? ssg_value_str(ssg_value_get(
						      ssg_value_at(nav, k), "url"))
					    : NULL;
		ssg_value *list = ssg_model_list(ns->m);
		for (size_t i = 0; i < ns->n; i++) {
			const ssg_value *it = ssg_value_at(nav, i);
			const char *url =
				ssg_value_str(ssg_value_get(it, "url"));
			ssg_value *v = ssg_model_map(ns->m);
			ssg_map_set(v, "label", ssg_value_get(it, "label"));
			ssg_map_set(v, "url", ssg_value_get(it, "url"));
			ssg_map_set_bool(ns->m, v, "current",
					 cur && url && strcmp(url, cur) == 0);
			ssg_list_push(list, v);
		}
		ns->v[k] = list;
		/* A list of maps of strings and a bool: never too deep. */
		(void)ssg_value_frame_sum(list, &b, ns->sum[k]);
	}
	ssg_buf_fini(&b);
	return ns;
}

static void nav_set_free(struct nav_set *ns)
{
	if (!ns)
		return;
	ssg_model_free(ns->m);
	free(ns->v);
	free(ns->sum);
	free(ns);
}

/* The variant whose current entry has url nav_url (NULL: none). */
static size_t nav_index(const struct nav_set *ns, const char *nav_url)
{
	const ssg_value *none = ns->v[ns->n];
	for (size_t k = 0; nav_url && k < ns->n; k++) {
		const char *url = ssg_value_str(
			ssg_value_get(ssg_value_at(none, k), "url"));
		if (url && strcmp(url, nav_url) == 0)
			return k;
	}
	return ns->n;
}

/* The emitter's navigation, made at its first page (the site's values
 * are complete by then: emit.h). */
static struct nav_set *nav_of(ssg_emit *e)
{
	if (!e->nav) {
		e->nav = nav_set_new(e->site);
		e->nav_own = true;
	}
	return e->nav;
}

ssg_emit *ssg_emit_new(ssg_out *out, const char *base,
		       const ssg_templates *tpl, const ssg_value *site,
		       ssg_claims *claims, ssg_progress *progress,
		       ssg_diags *d)
{
	ssg_emit *e = ssg_xcalloc(1, sizeof(*e));
	e->out = out;
	e->base = base ? base : "";
	e->nbase = strlen(e->base);
	e->tpl = tpl;
	e->site = site;
	e->claims = claims;
	e->progress = progress;
	e->d = d;
	return e;
}

void ssg_emit_free(ssg_emit *e)
{
	if (e) {
		ssg_buf_fini(&e->frame);
		if (e->nav_own)
			nav_set_free(e->nav);
		for (size_t i = 0; i < e->nopen; i++)
			free(e->open[i].path);
		free(e->open);
	}
	free(e);
}

ssg_diags *ssg_emit_diags(const ssg_emit *e)
{
	return e->d;
}

const ssg_value *ssg_emit_site(const ssg_emit *e)
{
	return e->site;
}

bool ssg_emit_writes(const ssg_emit *e)
{
	return e->out != NULL;
}

/* path in out (less the base); NULL, with a diagnostic, for a path
 * outside the base: a bug, as it would land in the sub-tree. */
static const char *out_path(ssg_emit *e, const char *path)
{
	if (strncmp(path, e->base, e->nbase) != 0) {
		ssg_diags_env(e->d, "internal: %s written outside %s", path,
			      e->base);
		return NULL;
	}
	return path + e->nbase;
}

/* Whether path is the page's to write (claims.h): a check takes it too,
 * so that it finds every clash a build would. */
static bool take(ssg_emit *e, const char *path, const ssg_from *from)
{
	return !e->claims || ssg_claims_take(e->claims, path, from);
}

/* ---- keys: what a file shows, to take it from an earlier build ---- */

/* The records of the trees written (pagekeys.h), or NULL: a check, or a
 * build that keeps none. */
static ssg_pagekeys *keys_of(const ssg_emit *e)
{
	return e->out ? ssg_out_keys(e->out) : NULL;
}

/* The part of every key that all the emitter's pages share: the program
 * (a new ssg may render anything differently), the theme's templates and
 * the site's shared values ({{site}}).  False when it has none. */
static bool shared_key(ssg_emit *e)
{
	if (!e->shared_made) {
		ssg_buf b;
		ssg_buf_init(&b);
		ssg_buf_printf(&b, "ssg shared 1 %08x ",
			       (unsigned)ssg_store_program());
		ssg_templates_frame(e->tpl, &b);
		e->shared_ok = ssg_value_frame(e->site, &b);
		ssg_digest *dg = ssg_digest_new();
		ssg_digest_bytes(dg, b.data, b.len);
		ssg_digest_hex(dg, e->shared);
		ssg_digest_free(dg);
		ssg_buf_fini(&b);
		e->shared_made = true;
	}
	return e->shared_ok;
}

void ssg_emit_ready(ssg_emit *e)
{
	/* Made once, here, rather than by each emitter at its first page:
	 * the shared key frames the site's values, a whole table on a
	 * province. */
	if (keys_of(e))
		(void)shared_key(e);
	(void)nav_of(e);
}

ssg_emit *ssg_emit_like(const ssg_emit *e, ssg_diags *d)
{
	ssg_emit *l = ssg_emit_new(e->out, e->base, e->tpl, e->site,
				   e->claims, e->progress, d);
	/* e's, when ready (e outlives l); else l makes its own. */
	l->nav = e->nav;
	l->shared_made = e->shared_made;
	l->shared_ok = e->shared_ok;
	memcpy(l->shared, e->shared, sizeof(l->shared));
	return l;
}

/* A page's key: a digest of all it is rendered from.  The shared part,
 * its path and template, and the page's own values, which hold
 * everything else it shows: its blobs, its rows' events, its commits.
 * A page that a fill completes (ssg_emit_page_fill) has another tag: its
 * values are what decides its page, not the page's values.  False when
 * the page has no key (a value nested too deep). */
static bool page_key(ssg_emit *e, const char *path, const char *tpl,
		     const ssg_value *page, bool filled, char key[65])
{
	if (!shared_key(e))
		return false;
	ssg_buf_clear(&e->frame);
	if (!ssg_value_frame(page, &e->frame))
		return false;
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, filled ? "ssg page filled 1" : "ssg page 1");
	ssg_digest_str(dg, e->shared);
	ssg_digest_str(dg, path);
	ssg_digest_str(dg, tpl);
	ssg_digest_bytes(dg, e->frame.data, e->frame.len);
	ssg_digest_hex(dg, key);
	ssg_digest_free(dg);
	return true;
}

/* A file's key: its bytes (they are what it shows). */
static void file_key(const char *path, const char *data, size_t len,
		     char key[65])
{
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, "ssg file 1");
	ssg_digest_str(dg, path);
	ssg_digest_bytes(dg, data, len);
	ssg_digest_hex(dg, key);
	ssg_digest_free(dg);
}

/* Records that the file at p in out holds what `key` stands for.  The
 * records go by a file's path in the whole tree (ssg_out_whole): a
 * revision copy's pages are at their own site's paths in a sub-tree of
 * OUT's. */
static void record(ssg_emit *e, const char *p, const char *key,
		   const ssg_out_stamp *st)
{
	ssg_buf wb;
	ssg_buf_init(&wb);
	ssg_pagekeys_add(keys_of(e), ssg_out_whole(e->out, p, &wb), key, st);
	ssg_buf_fini(&wb);
}

/* Takes the file at p in out from an earlier build when one wrote it
 * from `key`: true when taken or failed (*rc says). */
static bool take_kept(ssg_emit *e, const char *p, const char *key, int *rc)
{
	ssg_pagekeys *k = keys_of(e);
	ssg_buf wb;
	ssg_buf_init(&wb);
	const char *path = ssg_out_whole(e->out, p, &wb);
	ssg_out_stamp hs, ls, got;
	const ssg_out_look *look;
	bool here = ssg_pagekeys_here_look(k, path, key, &hs, &look);
	bool live = ssg_pagekeys_live(k, path, key, &ls);
	bool done = false;
	*rc = ssg_out_reuse(e->out, p, here ? &hs : NULL, look,
			    live ? &ls : NULL, &got, &done, e->d);
	if (*rc == SSG_OK && done) {
		ssg_pagekeys_add(k, path, key, &got);
		ssg_pagekeys_kept(k);
		ssg_progress_add(e->progress, 1, 0);
	}
	ssg_buf_fini(&wb);
	return *rc != SSG_OK || done;
}

/* Writes the file at p in out, and records its key when it has one. */
static int write_keyed(ssg_emit *e, const char *p, const char *key,
		       const char *data, size_t len)
{
	ssg_progress_add(e->progress, 1, len);
	ssg_out_stamp st;
	int rc = ssg_out_write_stamp(e->out, p, data, len, &st, e->d);
	if (rc == SSG_OK && key)
		record(e, p, key, &st);
	return rc;
}

/* The path in out of the file at `path` when the page `from` is to write
 * it; NULL when there is nothing to write (another page's file, or a
 * check: *rc SSG_OK) or it lies outside the base (*rc says). */
static const char *to_write(ssg_emit *e, const char *path,
			    const ssg_from *from, int *rc)
{
	*rc = SSG_OK;
	if (!take(e, path, from) || !e->out)
		return NULL;
	const char *p = out_path(e, path);
	if (!p)
		*rc = SSG_ERR_ENV;
	return p;
}

int ssg_emit_file(ssg_emit *e, const char *path, const ssg_from *from,
		  const char *data, size_t len)
{
	int rc;
	const char *p = to_write(e, path, from, &rc);
	if (!p)
		return rc;
	char key[65];
	bool keyed = keys_of(e) != NULL;
	if (keyed) {
		file_key(path, data, len, key);
		if (take_kept(e, p, key, &rc))
			return rc;
	}
	return write_keyed(e, p, keyed ? key : NULL, data, len);
}

int ssg_emit_open(ssg_emit *e, const char *path, const ssg_from *from,
		  ssg_out_file **f)
{
	*f = NULL;
	int rc;
	const char *p = to_write(e, path, from, &rc);
	return p ? ssg_out_open(e->out, p, f, e->d) : rc;
}

/* A file's key made from its inputs: the shared part, its path and the
 * bytes its caller says decide it. */
static bool input_key(ssg_emit *e, const char *path, const void *inputs,
		      size_t n, char key[65])
{
	if (!shared_key(e))
		return false;
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, "ssg inputs 1");
	ssg_digest_str(dg, e->shared);
	ssg_digest_str(dg, path);
	ssg_digest_bytes(dg, inputs, n);
	ssg_digest_hex(dg, key);
	ssg_digest_free(dg);
	return true;
}

/* A file begun with an earlier version of it (ssg_emit_open_grown): the
 * first of the versions `prior` names that the records hold in a tree,
 * taken if as it was written; but an older one that the tree being
 * built holds is grown where it is when it can be (ssg_out_open_grow):
 * a few more lines to write rather than the whole file.  *f is open all
 * the same, empty when none was taken. */
static int open_prior(ssg_emit *e, const char *p, ssg_emit_prior_fn prior,
		      void *ctx, ssg_out_file **f, size_t *grown)
{
	ssg_pagekeys *k = keys_of(e);
	ssg_buf in, wb;
	ssg_buf_init(&in);
	ssg_buf_init(&wb);
	const char *path = ssg_out_whole(e->out, p, &wb);
	/* first: the newest version either tree holds (with OUT's stamp
	 * in ls when live); mine: the newest the tree being built holds,
	 * its stamp in own (first too when mine == first). */
	ssg_out_stamp ls, own;
	bool live = false;
	size_t first = SIZE_MAX, mine = SIZE_MAX;
	for (size_t i = 0; k && prior && mine == SIZE_MAX; i++) {
		ssg_buf_clear(&in);
		if (!prior(ctx, i, &in))
			break;
		char key[65];
		if (!input_key(e, path, in.data, in.len, key))
			break;
		if (ssg_pagekeys_here(k, path, key, &own))
			mine = i;
		if (first == SIZE_MAX) {
			live = ssg_pagekeys_live(k, path, key, &ls);
			if (live || mine == i)
				first = i;
		}
	}
	ssg_buf_fini(&in);
	ssg_buf_fini(&wb);
	bool taken = false;
	int rc = SSG_OK;
	if (mine != SIZE_MAX) {
		rc = ssg_out_open_grow(e->out, p, &own, f, &taken, e->d);
		if (rc != SSG_OK || taken) {
			if (taken)
				*grown = mine;
			return rc;
		}
	}
	if (first == SIZE_MAX)
		return ssg_out_open(e->out, p, f, e->d);
	rc = ssg_out_open_from(e->out, p, mine == first ? &own : NULL,
			       live ? &ls : NULL, f, &taken, e->d);
	if (rc == SSG_OK && taken)
		*grown = first;
	return rc;
}

static int open_keyed(ssg_emit *e, const char *path, const ssg_from *from,
		      const void *inputs, size_t n, ssg_emit_prior_fn prior,
		      void *ctx, ssg_out_file **f, bool *kept, size_t *grown)
{
	*f = NULL;
	*kept = false;
	*grown = SIZE_MAX;
	int rc;
	const char *p = to_write(e, path, from, &rc);
	if (!p)
		return rc;
	char key[65];
	bool keyed = keys_of(e) && input_key(e, path, inputs, n, key);
	if (keyed && take_kept(e, p, key, &rc)) {
		*kept = rc == SSG_OK;
		return rc;
	}
	rc = open_prior(e, p, keyed ? prior : NULL, ctx, f, grown);
	if (rc == SSG_OK && keyed) {
		e->open = ssg_xgrow(e->open, e->nopen, sizeof(*e->open));
		struct keyed_file *k = &e->open[e->nopen++];
		k->f = *f;
		k->path = ssg_xstrdup(p);
		memcpy(k->key, key, sizeof(key));
	}
	return rc;
}

int ssg_emit_open_keyed(ssg_emit *e, const char *path, const ssg_from *from,
			const void *inputs, size_t n, ssg_out_file **f,
			bool *kept)
{
	size_t grown;
	return open_keyed(e, path, from, inputs, n, NULL, NULL, f, kept,
			  &grown);
}

int ssg_emit_open_grown(ssg_emit *e, const char *path, const ssg_from *from,
			const void *inputs, size_t n, ssg_emit_prior_fn prior,
			void *ctx, ssg_out_file **f, bool *kept,
			size_t *grown)
{
	return open_keyed(e, path, from, inputs, n, prior, ctx, f, kept,
			  grown);
}

void ssg_emit_put(ssg_emit *e, ssg_out_file *f, const char *data, size_t len)
{
	if (!f)
		return;
	ssg_progress_add(e->progress, 0, len);
	ssg_out_put(f, data, len);
}

void ssg_emit_offer(ssg_emit *e, const char *path, const void *of,
		    const off_t *marks, size_t nmarks)
{
	const char *p = e->out ? out_path(e, path) : NULL;
	if (p)
		ssg_out_offer(e->out, p, of, marks, nmarks);
}

bool ssg_emit_start_with(ssg_emit *e, ssg_out_file *f, const void *of,
			 size_t mark)
{
	size_t bytes = 0;
	if (!e->out || !ssg_out_start_with(e->out, f, of, mark, &bytes))
		return false;
	ssg_progress_add(e->progress, 0, bytes);
	return true;
}

int ssg_emit_close(ssg_emit *e, ssg_out_file *f)
{
	if (!f)
		return SSG_OK;
	ssg_progress_add(e->progress, 1, 0);
	size_t i = 0;
	while (i < e->nopen && e->open[i].f != f)
		i++;
	if (i == e->nopen)
		return ssg_out_close(e->out, f, true, e->d);
	struct keyed_file k = e->open[i];
	e->open[i] = e->open[--e->nopen];
	ssg_out_stamp st;
	int rc = ssg_out_close_stamp(e->out, f, true, &st, e->d);
	if (rc == SSG_OK)
		record(e, k.path, k.key, &st);
	free(k.path);
	return rc;
}

/* Each page gets its own arena for what is only its own; its navigation
 * is one of the emitter's (nav_set). */
ssg_value *ssg_emit_page_new(ssg_emit *e, ssg_model *m, const char *title,
			     const char *nav_url)
{
	ssg_value *page = ssg_model_map(m);
	ssg_map_set_str(m, page, "title", title);
	const struct nav_set *ns = nav_of(e);
	ssg_map_set(page, "nav",
		    ssg_model_list_lazy(m, &ns->src, nav_index(ns, nav_url)));
	return page;
}

int ssg_emit_page(ssg_emit *e, ssg_model *m, const char *dir,
		  const ssg_from *from, const char *tpl, ssg_value *page)
{
	return ssg_emit_page_fill(e, m, dir, from, tpl, page, NULL, NULL);
}

int ssg_emit_page_fill(ssg_emit *e, ssg_model *m, const char *dir,
		       const ssg_from *from, const char *tpl, ssg_value *page,
		       ssg_emit_fill_fn fill, void *ctx)
{
	const char *path =
		ssg_value_str(ssg_model_strf(m, "%sindex.html", dir));
	/* Taken first, so that a page kept is not rendered; a check
	 * renders every page, to find every template's errors. */
	int rc;
	const char *p = to_write(e, path, from, &rc);
	if (rc != SSG_OK)
		return rc;
	bool mine = p != NULL;
	char key[65];
	bool keyed = mine && keys_of(e) &&
		     page_key(e, path, tpl, page, fill != NULL, key);
	if (keyed && take_kept(e, p, key, &rc))
		return rc;
	/* Not all its inputs' doing: made again by the next build. */
	if (fill && !fill(ctx, m, page))
		keyed = false;
	ssg_map_set(page, "site", e->site);
	ssg_map_set_str(m, page, "root", ssg_routes_root(m, dir));
	ssg_map_set_str(m, page, "path", dir);
	ssg_buf html;
	ssg_buf_init(&html);
	rc = ssg_templates_render(e->tpl, tpl, page, &html, e->d);
	if (rc == SSG_OK && mine) {
		ssg_pagekeys *k = keys_of(e);
		if (k)
			ssg_pagekeys_rendered(k);
		rc = write_keyed(e, p, keyed ? key : NULL,
				 ssg_buf_cstr(&html), html.len);
	}
	ssg_buf_fini(&html);
	return rc;
}

int ssg_emit_render(const ssg_emit *e, const char *tpl, ssg_value *data,
		    ssg_buf *out)
{
	ssg_map_set(data, "site", e->site);
	return ssg_templates_render(e->tpl, tpl, data, out, e->d);
}

/* A link to page `n` of the list at dir (0: dir itself, the newest). */
/* The pages of a list: where it is, how many pages, and how many of the
 * oldest are the main site's (ssg_emit_list). */
typedef struct {
	const char *dir;
	size_t npages;
	size_t nshared;
	const ssg_routes *routes;
} list_at;

static ssg_value *pager_link(ssg_model *m, const list_at *l, size_t n)
{
	ssg_value *v = ssg_model_map(m);
	const char *url = ssg_routes_list_page(m, l->dir, n);
	if (n >= 1 && n <= l->nshared)
		url = ssg_routes_shared(l->routes, m, url);
	ssg_map_set_str(m, v, "url", url);
	return v;
}

static void pager_number(ssg_model *m, ssg_value *pages, const list_at *l,
			 size_t k, bool current)
{
	ssg_value *v = pager_link(m, l, k);
	ssg_map_set_num(m, v, "n", (double)k);
	ssg_map_set_bool(m, v, "current", current);
	ssg_list_push(pages, v);
}

/* The pager of page `at` (0: dir itself, the newest; 1..npages: the
 * pages numbered from the oldest).  A full page's pager names only
 * pages that exist whatever comes later (those up to its own, and the
 * one after it), so that it never changes again; dir itself names the
 * newest pages. */
static ssg_value *list_pager(ssg_model *m, const list_at *l, size_t at)
{
	size_t npages = l->npages;
	ssg_value *pager = ssg_model_map(m);
	if (at)
		ssg_map_set_num(m, pager, "n", (double)at);
	if (at == 0)
		ssg_map_set(pager, "next", pager_link(m, l, npages - 1));
	else {
		ssg_map_set(pager, "prev",
			    pager_link(m, l, at < npages ? at + 1 : 0));
		if (at > 1)
			ssg_map_set(pager, "next", pager_link(m, l, at - 1));
	}
	/* The first and three on each side of this one, as far as the
	 * newest page sure to exist: a hundred numbers would fill a
	 * phone's screen. */
	size_t top = at == 0 ? npages : at < npages ? at + 1 : npages;
	size_t mid = at == 0 ? npages : at;
	ssg_value *pages = ssg_model_list(m);
	size_t last = 0;
	for (size_t k = 1; k <= top; k++) {
		if (k != 1 && k + 3 < mid)
			continue;
		if (k > last + 1) {
			ssg_value *v = ssg_model_map(m);
			ssg_map_set_bool(m, v, "gap", true);
			ssg_list_push(pages, v);
		}
		last = k;
		pager_number(m, pages, l, k, k == at);
	}
	ssg_map_set(pager, "pages", pages);
	ssg_map_set(pager, "newest", pager_link(m, l, 0));
	ssg_map_set_bool(m, pager, "at_newest", at == 0);
	return pager;
}

/* One page of a list: items [from, to) of `items` (newest first). */
static int list_page(ssg_emit *e, const list_at *l, const char *tpl,
		     const char *title, const char *key,
		     const ssg_value *items, size_t from, size_t to,
		     size_t at, ssg_emit_list_fn fn, void *ctx)
{
	size_t n = ssg_value_len(items);
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_emit_page_new(
		e, m,
		at ? ssg_value_str(ssg_model_strf(m, "%s (trang %zu)", title,
						  at))
		   : title,
		l->dir);
	ssg_value *mine = ssg_model_list(m);
	for (size_t i = from; i < to; i++)
		ssg_list_push(mine, ssg_value_at(items, i));
	ssg_map_set(page, key, mine);
	ssg_map_set_num(m, page, "start", (double)(n - from));
	if (l->npages > 1)
		ssg_map_set(page, "pager", list_pager(m, l, at));
	if (fn)
		fn(ctx, m, page, from, to, at == 0);
	int rc = ssg_emit_page(e, m, ssg_routes_list_page(m, l->dir, at),
			       NULL, tpl, page);
	ssg_model_free(m);
	return rc;
}

/* Numbered from the oldest: page k holds the items k*per-per+1 to k*per
 * counted from the oldest, so that once full it never changes again
 * (contract section 5); dir itself shows the newest `per`.  So a copy's
 * full pages of the main site's oldest items are the main site's, but
 * for its last, whose pager names the copy's newest. */
int ssg_emit_list(ssg_emit *e, const char *dir, const char *tpl,
		  const char *title, const char *key, const ssg_value *items,
		  size_t per, const ssg_emit_shared *shared,
		  ssg_emit_list_fn fn, void *ctx)
{
	size_t n = ssg_value_len(items);
	list_at l = {dir, n > per ? (n + per - 1) / per : 1, 0, NULL};
	if (shared && shared->items && l.npages > 1) {
		size_t full = (shared->items < n ? shared->items : n) / per;
		l.nshared = full < l.npages - 1 ? full : l.npages - 1;
		l.routes = shared->routes;
	}
	int rc = list_page(e, &l, tpl, title, key, items, 0,
			   n < per ? n : per, 0, fn, ctx);
	for (size_t k = l.nshared + 1; l.npages > 1 && k <= l.npages &&
				       rc == SSG_OK;
	     k++) {
		size_t hi = k * per < n ? k * per : n; /* from the oldest */
		rc = list_page(e, &l, tpl, title, key, items, n - hi,
			       n - (k - 1) * per, k, fn, ctx);
	}
	return rc;
}
