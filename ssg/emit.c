/* emit — the page layer's writer (emit.h). */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "routes.h"

struct ssg_emit {
	ssg_out *out;
	const char *base;
	size_t nbase;
	const ssg_templates *tpl;
	const ssg_value *site;
	ssg_progress *progress;
	ssg_diags *d;
};

ssg_emit *ssg_emit_new(ssg_out *out, const char *base,
		       const ssg_templates *tpl, const ssg_value *site,
		       ssg_progress *progress, ssg_diags *d)
{
	ssg_emit *e = ssg_xcalloc(1, sizeof(*e));
	e->out = out;
	e->base = base ? base : "";
	e->nbase = strlen(e->base);
	e->tpl = tpl;
	e->site = site;
	e->progress = progress;
	e->d = d;
	return e;
}

void ssg_emit_free(ssg_emit *e)
{
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

int ssg_emit_file(ssg_emit *e, const char *path, const char *data,
		  size_t len)
{
	if (!e->out)
		return SSG_OK;
	ssg_progress_add(e->progress, 1, len);
	const char *p = out_path(e, path);
	return p ? ssg_out_write(e->out, p, data, len, e->d) : SSG_ERR_ENV;
}

int ssg_emit_open(ssg_emit *e, const char *path, ssg_out_file **f)
{
	*f = NULL;
	if (!e->out)
		return SSG_OK;
	const char *p = out_path(e, path);
	return p ? ssg_out_open(e->out, p, f, e->d) : SSG_ERR_ENV;
}

void ssg_emit_put(ssg_emit *e, ssg_out_file *f, const char *data, size_t len)
{
	if (!f)
		return;
	ssg_progress_add(e->progress, 0, len);
	ssg_out_put(f, data, len);
}

int ssg_emit_close(ssg_emit *e, ssg_out_file *f)
{
	if (!f)
		return SSG_OK;
	ssg_progress_add(e->progress, 1, 0);
	return ssg_out_close(e->out, f, true, e->d);
}

/* Each page gets its own arena for what is only its own; the nav list is
 * copied so that the current entry can be marked. */
ssg_value *ssg_emit_page_new(const ssg_emit *e, ssg_model *m,
			     const char *title, const char *nav_url)
{
	ssg_value *page = ssg_model_map(m);
	ssg_map_set_str(m, page, "title", title);
	const ssg_value *nav = ssg_value_get(e->site, "nav");
	ssg_value *mine = ssg_model_list(m);
	for (size_t i = 0; i < ssg_value_len(nav); i++) {
		const ssg_value *it = ssg_value_at(nav, i);
		const char *url = ssg_value_str(ssg_value_get(it, "url"));
		ssg_value *v = ssg_model_map(m);
		ssg_map_set(v, "label", ssg_value_get(it, "label"));
		ssg_map_set(v, "url", ssg_value_get(it, "url"));
		ssg_map_set_bool(m, v, "current",
				 nav_url && strcmp(url, nav_url) == 0);
		ssg_list_push(mine, v);
	}
	ssg_map_set(page, "nav", mine);
	return page;
}

int ssg_emit_page(ssg_emit *e, ssg_model *m, const char *dir,
		  const char *tpl, ssg_value *page)
{
	ssg_map_set(page, "site", e->site);
	ssg_map_set_str(m, page, "root", ssg_routes_root(m, dir));
	ssg_map_set_str(m, page, "path", dir);
	ssg_buf html;
	ssg_buf_init(&html);
	int rc = ssg_templates_render(e->tpl, tpl, page, &html, e->d);
	if (rc == SSG_OK) {
		const char *path =
			ssg_value_str(ssg_model_strf(m, "%sindex.html", dir));
		rc = ssg_emit_file(e, path, ssg_buf_cstr(&html), html.len);
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

static ssg_value *list_pager(ssg_model *m, const char *dir, size_t p,
			     size_t npages)
{
	ssg_value *pager = ssg_model_map(m);
	ssg_map_set_num(m, pager, "n", (double)(p + 1));
	ssg_map_set_num(m, pager, "count", (double)npages);
	ssg_value *v;
	if (p > 0) {
		v = ssg_model_map(m);
		ssg_map_set_str(m, v, "url", ssg_routes_list_page(m, dir, p - 1));
		ssg_map_set(pager, "prev", v);
	}
	if (p + 1 < npages) {
		v = ssg_model_map(m);
		ssg_map_set_str(m, v, "url", ssg_routes_list_page(m, dir, p + 1));
		ssg_map_set(pager, "next", v);
	}
	/* The first, the last and the three on each side of this one: a
	 * hundred numbers would fill a phone's screen. */
	ssg_value *pages = ssg_model_list(m);
	size_t last = 0;
	for (size_t k = 0; k < npages; k++) {
		if (k != 0 && k + 1 != npages && (k + 3 < p || k > p + 3))
			continue;
		if (k > last + 1) {
			v = ssg_model_map(m);
			ssg_map_set_bool(m, v, "gap", true);
			ssg_list_push(pages, v);
		}
		last = k;
		v = ssg_model_map(m);
		ssg_map_set_num(m, v, "n", (double)(k + 1));
		ssg_map_set_str(m, v, "url", ssg_routes_list_page(m, dir, k));
		ssg_map_set_bool(m, v, "current", k == p);
		ssg_list_push(pages, v);
	}
	ssg_map_set(pager, "pages", pages);
	return pager;
}

int ssg_emit_list(ssg_emit *e, const char *dir, const char *tpl,
		  const char *title, const char *key, const ssg_value *items,
		  size_t per, ssg_emit_list_fn fn, void *ctx)
{
	size_t n = ssg_value_len(items);
	size_t npages = n ? (n + per - 1) / per : 1;
	int rc = SSG_OK;
	for (size_t p = 0; p < npages && rc == SSG_OK; p++) {
		ssg_model *m = ssg_model_new();
		ssg_value *page = ssg_emit_page_new(
			e, m,
			p ? ssg_value_str(ssg_model_strf(
				    m, "%s (trang %zu/%zu)", title, p + 1,
				    npages))
			  : title,
			dir);
		ssg_value *mine = ssg_model_list(m);
		for (size_t i = p * per; i < n && i < (p + 1) * per; i++)
			ssg_list_push(mine, ssg_value_at(items, i));
		ssg_map_set(page, key, mine);
		ssg_map_set_num(m, page, "start", (double)(n - p * per));
		if (npages > 1)
			ssg_map_set(page, "pager",
				    list_pager(m, dir, p, npages));
		if (fn)
			fn(ctx, m, page, p * per,
			   (p + 1) * per < n ? (p + 1) * per : n, p == 0);
		rc = ssg_emit_page(e, m, ssg_routes_list_page(m, dir, p), tpl,
				   page);
		ssg_model_free(m);
	}
	return rc;
}
