/* shortcode — a page's Markdown with its shortcodes and links (shortcode.h). */
#define _GNU_SOURCE /* memmem */
#include "shortcode.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "digest.h"
#include "markdown.h"
#include "routes.h"
#include "view.h"

/* What a page's shortcodes and links read: the site's values, the
 * emitter of the page's thread and the page's own root ("../../"). */
typedef struct {
	const ssg_shortcode_site *s;
	const ssg_emit *e;
	const char *root;
	long newest; /* the newest commit of what the shortcodes show */
	ssg_model *m; /* the page's */
	long at;      /* figures as they stood at this commit; -1: now */
} md_ctx;

/* `updated` (may be NULL) is the date of the table's last change, for
 * the embeds whose value does not carry it. */
static int render_embed(md_ctx *c, const char *tpl, const char *key,
			const ssg_value *val, const ssg_value *updated,
			ssg_buf *out)
{
	ssg_model *m = ssg_model_new();
	ssg_value *data = ssg_model_map(m);
	ssg_map_set_str(m, data, "root", c->root);
	ssg_map_set(data, key, val);
	if (updated)
		ssg_map_set(data, "updated", updated);
	int rc = ssg_emit_render(c->e, tpl, data, out);
	ssg_model_free(m);
	return rc;
}

/* A table that failed to load was reported where it failed; say nothing
 * more about it here. */
static int missing_table(const ssg_shortcode_site *s, const char *name, const char *path,
			 unsigned line, unsigned col, ssg_diags *d)
{
	if (!ssg_plan_table_failed(s->plan, name))
		ssg_diags_error(d, path, line, col,
				"unknown table '%s': there is no data/%s.csv",
				name, name);
	return SSG_ERR_CONTENT;
}

static int shortcode_table(md_ctx *c, const char *name, bool block,
			   ssg_buf *out, const char *path, unsigned line,
			   unsigned col, ssg_diags *d)
{
	const ssg_shortcode_site *s = c->s;
	if (!block) {
		ssg_diags_error(d, path, line, col,
				"{{table %s}} must stand alone in its "
				"paragraph",
				name);
		return SSG_ERR_CONTENT;
	}
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, name);
	if (!t)
		return missing_table(s, name, path, line, col, d);
	c->newest = ssg_prov_max(c->newest, ssg_prov_table(s->prov, name));
	if (strcmp(name, "indicators") == 0)
		return render_embed(c, "embed-indicators", "indicators",
				    s->indicators,
				    ssg_value_get(s->updated, name), out);
	if (strcmp(name, "tasks") == 0)
		return render_embed(c, "embed-tasks", "tasks", s->tasks, NULL,
				    out);
	ssg_model *m = ssg_model_new();
	int rc = render_embed(c, "embed-table", "table",
			      ssg_hview_table(s->hv, m, t, s->updated), NULL,
			      out);
	ssg_model_free(m);
	return rc;
}

/* What {{value TABLE ID COLUMN}} finds. */
typedef enum { QUOTE_OK, QUOTE_NO_TABLE, QUOTE_NO_ROW, QUOTE_NO_COL } quote_got;

/* Appends to out the figure argv names, as the page shows it: as it
 * stood at commit `at` (the page's own, a post's: shortcode.h), or as
 * the site stands for at < 0; *newest becomes the newer of itself and
 * the commit from which on the figure stood so. */
static quote_got quote(const ssg_shortcode_site *s, const char *const *argv,
		       long at, ssg_buf *out, long *newest)
{
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, argv[0]);
	if (!t)
		return QUOTE_NO_TABLE;
	long r = ssg_plan_table_row(t, argv[1]);
	if (r < 0)
		return QUOTE_NO_ROW;
	long c = ssg_table_col_find(t->table, argv[2]);
	if (c < 0)
		return QUOTE_NO_COL;
	/* The unit is the column's, else the row's "unit" cell. */
	long uc = t->col_units[c] ? -1 : ssg_table_col_find(t->table, "unit");
	const char *unit = t->col_units[c];
	ssg_str text;
	long src;
	if (at >= 0 && s->hv) {
		text = ssg_hview_cell_at(s->hv, t, (size_t)r, (size_t)c,
					 (size_t)at, &src);
		if (uc >= 0) {
			long usrc;
			unit = ssg_hview_cell_at(s->hv, t, (size_t)r,
						 (size_t)uc, (size_t)at, &usrc)
				       .p;
			src = ssg_prov_max(src, usrc);
		}
	} else {
		text = (ssg_str){ssg_table_cell(t->table, (size_t)r, (size_t)c),
				 ssg_table_cell_len(t->table, (size_t)r,
						    (size_t)c)};
		if (uc >= 0)
			unit = ssg_table_cell(t->table, (size_t)r, (size_t)uc);
		src = ssg_prov_row(s->prov, t, (size_t)r);
	}
	*newest = ssg_prov_max(*newest, src);
	/* A figure not reported yet is said so, in the sentence that
	 * quotes it, as the site's tables say it: never left out, which
	 * reads as a figure lost. */
	if (!text.p || text.n == 0) {
		ssg_buf_puts(out, "<span class=\"no-data\">chưa có số liệu</span>");
		return QUOTE_OK;
	}
	ssg_model *m = ssg_model_new();
	const ssg_value *v = ssg_view_cell_as(
		m, text.p, text.n, unit,
		t->col_styles ? t->col_styles[c] : SSG_NUM_ANY);
	const char *shown = ssg_value_str(ssg_value_get(v, "text"));
	if (ssg_value_bool(ssg_value_get(v, "num"))) {
		const char *mach = ssg_value_str(ssg_value_get(v, "machine"));
		ssg_buf_puts(out, "<data value=\"");
		ssg_buf_put_html(out, mach, strlen(mach));
		ssg_buf_puts(out, "\">");
		ssg_buf_put_html(out, shown, strlen(shown));
		ssg_buf_puts(out, "</data>");
	} else {
		ssg_buf_put_html(out, shown, strlen(shown));
	}
	ssg_model_free(m);
	return QUOTE_OK;
}

/* {{value TABLE ID FIELD}}: one figure quoted from the data, so the text
 * and the table can never disagree. */
static int shortcode_value(md_ctx *ctx, const char *const *argv, ssg_buf *out,
			   const char *path, unsigned line, unsigned col,
			   ssg_diags *d)
{
	switch (quote(ctx->s, argv, ctx->at, out, &ctx->newest)) {
	case QUOTE_OK:
		return SSG_OK;
	case QUOTE_NO_TABLE:
		return missing_table(ctx->s, argv[0], path, line, col, d);
	case QUOTE_NO_ROW:
		ssg_diags_error(d, path, line, col,
				"table '%s' has no row with key '%s'", argv[0],
				argv[1]);
		break;
	case QUOTE_NO_COL:
		ssg_diags_error(d, path, line, col,
				"table '%s' has no column '%s'", argv[0],
				argv[2]);
		break;
	}
	return SSG_ERR_CONTENT;
}

/* The table a shortcode embeds: {{table NAME}}, {{tasks}},
 * {{indicators}}; NULL for any other.  The render and the page's key
 * (ssg_shortcode_inputs) dispatch alike through it. */
static const char *embedded(const char *name, const char *const *argv,
			    size_t argc)
{
	if (strcmp(name, "table") == 0 && argc == 1)
		return argv[0];
	if ((strcmp(name, "tasks") == 0 || strcmp(name, "indicators") == 0) &&
	    argc == 0)
		return name;
	return NULL;
}

/* {{value TABLE ID COLUMN}}. */
static bool is_value(const char *name, size_t argc)
{
	return strcmp(name, "value") == 0 && argc == 3;
}

static int shortcode(void *ctx, const char *name, const char *const *argv,
		     size_t argc, bool block, ssg_buf *out, const char *path,
		     unsigned line, unsigned col, ssg_diags *d)
{
	md_ctx *c = ctx;
	const char *table = embedded(name, argv, argc);
	if (table)
		return shortcode_table(c, table, block, out, path, line, col,
				       d);
	if (is_value(name, argc))
		return shortcode_value(c, argv, out, path, line, col, d);
	ssg_diags_error(d, path, line, col,
			"unknown shortcode {{%s}} with %zu argument(s): use "
			"{{table NAME}}, {{tasks}}, {{indicators}} or {{value "
			"TABLE ID COLUMN}}",
			name, argc);
	return SSG_ERR_CONTENT;
}

/* root + dir + slug + "/" + hash: the page's URL from the one rendered;
 * the main site's page when the post is the main site's (lean.h). */
static bool put_page_link(const md_ctx *c, ssg_buf *out, const char *dir,
			  const char *slug, const char *hash)
{
	ssg_buf_puts(out, c->root);
	if (strcmp(dir, SSG_ROUTES_POSTS) == 0 &&
	    ssg_routes_post_shared(c->s->routes, slug))
		ssg_buf_puts(out, ssg_routes_shared(c->s->routes, c->m, ""));
	ssg_buf_puts(out, dir);
	ssg_buf_put_url_path(out, slug, strlen(slug));
	ssg_buf_putc(out, '/');
	if (hash)
		ssg_buf_puts(out, hash);
	return true;
}

/* "03-nhiem-vu.md#x" → "../nhiem-vu/#x": authors link files, readers
 * get pages. */
static bool rewrite_link(void *ctx, const char *url, ssg_buf *out)
{
	const md_ctx *c = ctx;
	const ssg_shortcode_site *s = c->s;
	if (strstr(url, "://") || url[0] == '/' || url[0] == '#')
		return false;
	const char *hash = strchr(url, '#');
	size_t n = hash ? (size_t)(hash - url) : strlen(url);
	if (n > 2 && url[0] == '.' && url[1] == '/') {
		url += 2;
		n -= 2;
	}
	if (n < 4 || strncmp(url + n - 3, ".md", 3) != 0)
		return false;
	for (size_t i = 0; i < ssg_plan_nsections(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_section(s->plan, i);
		const char *base = strrchr(pg->path, '/') + 1;
		if (strlen(base) == n && strncmp(base, url, n) == 0)
			return put_page_link(c, out, "", pg->slug, hash);
	}
	for (size_t i = 0; i < ssg_plan_nposts(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_post(s->plan, i);
		const char *rel = pg->path + 8; /* "posts/x.md" */
		const char *base = strrchr(pg->path, '/') + 1;
		if ((strlen(rel) == n && strncmp(rel, url, n) == 0) ||
		    (strlen(base) == n && strncmp(base, url, n) == 0))
			return put_page_link(c, out, SSG_ROUTES_POSTS, pg->slug,
					     hash);
	}
	return false;
}

/* Renders a page's Markdown into page.html (and page.toc). */
/* The commit whose figures page pg quotes: a dated page's own, the
 * newest that changed its file; -1 (the site's) for any other. */
static long quoted_at(const ssg_shortcode_site *s, const ssg_plan_page *pg,
		      bool dated)
{
	return dated && s->commit ? ssg_prov_file(s->prov, pg->path) : -1;
}

int ssg_shortcode_render(const ssg_shortcode_site *s, ssg_emit *e,
			 ssg_model *m, ssg_value *page, const ssg_plan_page *pg,
			 bool dated, const char *dir, long *newest,
			 ssg_buf *text)
{
	md_ctx c = {s, e, ssg_routes_root(m, dir), *newest, m,
		    quoted_at(s, pg, dated)};
	ssg_md_hooks hooks = {shortcode, rewrite_link, &c};
	ssg_buf html, toc;
	ssg_buf_init(&html);
	ssg_buf_init(&toc);
	int rc = ssg_md_render(pg->path, pg->body, pg->body_len, pg->body_line,
			       &hooks, &html, &toc, text, ssg_emit_diags(e));
	if (rc == SSG_OK) {
		ssg_map_set(page, "html", ssg_model_strn(m, ssg_buf_cstr(&html),
							 html.len));
		if (toc.len)
			ssg_map_set(page, "toc",
				    ssg_model_strn(m, toc.data, toc.len));
	}
	ssg_buf_fini(&html);
	ssg_buf_fini(&toc);
	*newest = c.newest;
	return rc;
}

/* ---- what a render reads, without rendering ---------------------- */

const ssg_value *ssg_shortcode_links(const ssg_shortcode_site *s,
				     ssg_model *m)
{
	/* rewrite_link's reading, in its order: the sections' files and
	 * slugs, the posts' with whether each is the main site's, and
	 * where the main site is. */
	bool any = false;
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, "ssg links 1");
	for (size_t i = 0; i < ssg_plan_nsections(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_section(s->plan, i);
		ssg_digest_str(dg, pg->path);
		ssg_digest_str(dg, pg->slug);
	}
	ssg_digest_str(dg, "posts");
	for (size_t i = 0; i < ssg_plan_nposts(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_post(s->plan, i);
		ssg_digest_str(dg, pg->path);
		ssg_digest_str(dg, pg->slug);
		bool shared = ssg_routes_post_shared(s->routes, pg->slug);
		ssg_digest_u64(dg, shared);
		any = any || shared;
	}
	if (any)
		ssg_digest_str(dg, ssg_routes_shared(s->routes, m, ""));
	char hex[65];
	ssg_digest_hex(dg, hex);
	ssg_digest_free(dg);
	return ssg_model_str(m, hex);
}

/* A commit the page may show: the file's, or a shortcode's (the at-th
 * of the text). */
typedef struct {
	long commit;
	size_t at;
} slot;

typedef struct {
	const ssg_shortcode_site *s;
	ssg_model *m;
	long at; /* md_ctx's */
	ssg_value *inputs;
	slot *slots;
	size_t nslots;
	ssg_buf out;
} inputs_ctx;

static void add_slot(inputs_ctx *c, long commit)
{
	c->slots = ssg_xgrow(c->slots, c->nslots, sizeof(*c->slots));
	c->slots[c->nslots] = (slot){commit, c->nslots};
	c->nslots++;
}

static void add(inputs_ctx *c, const ssg_value *v)
{
	ssg_list_push(c->inputs, v ? v : ssg_model_null(c->m));
}

/* What shortcode_table reads for table `name`. */
static void table_inputs(inputs_ctx *c, const char *name)
{
	const ssg_shortcode_site *s = c->s;
	add(c, ssg_model_str(c->m, name));
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, name);
	if (!t)
		return; /* an error, or text in a code span */
	add_slot(c, ssg_prov_table(s->prov, name));
	if (strcmp(name, "indicators") == 0) {
		add(c, s->indicators);
		add(c, ssg_value_get(s->updated, name));
	} else if (strcmp(name, "tasks") == 0) {
		add(c, s->tasks);
	} else {
		add(c, ssg_hview_table(s->hv, c->m, t, s->updated));
	}
}

/* One text that reads as a shortcode: what the hook would read for it
 * (shortcode()'s dispatch); the text itself is in the Markdown's
 * digest. */
static void shortcode_inputs(void *ctx, const char *name,
			     const char *const *argv, size_t argc)
{
	inputs_ctx *c = ctx;
	const char *table = embedded(name, argv, argc);
	if (table) {
		table_inputs(c, table);
	} else if (is_value(name, argc)) {
		long newest = -1;
		ssg_buf_clear(&c->out);
		quote_got q = quote(c->s, argv, c->at, &c->out, &newest);
		add(c, q == QUOTE_OK ? ssg_model_strn(c->m, c->out.data,
						      c->out.len)
				     : ssg_model_num(c->m, q));
		add_slot(c, newest);
	}
}

/* Slots in the order of their commits, then of the text. */
static int cmp_slot(const void *a, const void *b)
{
	const slot *x = a, *y = b;
	if (x->commit != y->commit)
		return x->commit < y->commit ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

bool ssg_shortcode_inputs(const ssg_shortcode_site *s, const ssg_value *links,
			  ssg_model *m, const ssg_plan_page *pg, bool dated,
			  ssg_value *inputs)
{
	inputs_ctx c = {s, m, quoted_at(s, pg, dated), inputs, NULL, 0, {0}};
	ssg_buf_init(&c.out);
	add_slot(&c, ssg_prov_file(s->prov, pg->path));
	bool ok = ssg_md_shortcodes(pg->body, pg->body_len, shortcode_inputs,
				    &c);
	if (ok) {
		ssg_digest *dg = ssg_digest_new();
		ssg_digest_str(dg, pg->path);
		ssg_digest_bytes(dg, pg->body, pg->body_len);
		char hex[65];
		ssg_digest_hex(dg, hex);
		ssg_digest_free(dg);
		add(&c, ssg_model_str(m, hex));
		/* A link to a plan's file ends in ".md" (rewrite_link), in
		 * src's bytes (markdown.h). */
		if (memmem(pg->body, pg->body_len, ".md", 3))
			add(&c, links);
		/* The page shows the newest of the commits of what it
		 * shows (prov.h): each as shown, and in their order, which
		 * decides which one that is and which their values alone
		 * do not give. */
		ssg_sort(c.slots, c.nslots, sizeof(*c.slots), cmp_slot);
		for (size_t i = 0; i < c.nslots; i++) {
			add(&c, ssg_model_num(m, (double)c.slots[i].at));
			add(&c, ssg_prov_commit(s->prov, c.slots[i].commit));
		}
	}
	free(c.slots);
	ssg_buf_fini(&c.out);
	return ok;
}

/* ---- what a dated page quotes ------------------------------------- */

static void quotes_only_fn(void *ctx, const char *name,
			   const char *const *argv, size_t argc)
{
	bool *only = ctx;
	if (embedded(name, argv, argc) || !is_value(name, argc))
		*only = false;
}

bool ssg_shortcode_quotes_only(const char *src, size_t len)
{
	bool only = true;
	return ssg_md_shortcodes(src, len, quotes_only_fn, &only) && only;
}
