/* shortcode — a page's Markdown with its shortcodes and links (shortcode.h). */
#include "shortcode.h"

#include <string.h>

#include "buf.h"
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

/* {{value TABLE ID FIELD}}: one figure quoted from the data, so the text
 * and the table can never disagree. */
static int shortcode_value(md_ctx *ctx, const char *const *argv, ssg_buf *out,
			   const char *path, unsigned line, unsigned col,
			   ssg_diags *d)
{
	const ssg_shortcode_site *s = ctx->s;
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, argv[0]);
	if (!t)
		return missing_table(s, argv[0], path, line, col, d);
	long r = ssg_plan_table_row(t, argv[1]);
	if (r < 0) {
		ssg_diags_error(d, path, line, col,
				"table '%s' has no row with key '%s'", argv[0],
				argv[1]);
		return SSG_ERR_CONTENT;
	}
	long c = ssg_table_col_find(t->table, argv[2]);
	if (c < 0) {
		ssg_diags_error(d, path, line, col,
				"table '%s' has no column '%s'", argv[0],
				argv[2]);
		return SSG_ERR_CONTENT;
	}
	ctx->newest = ssg_prov_max(ctx->newest,
				   ssg_prov_row(s->prov, t, (size_t)r));
	const char *unit = t->col_units[c];
	long uc = ssg_table_col_find(t->table, "unit");
	if (!unit && uc >= 0)
		unit = ssg_table_cell(t->table, (size_t)r, (size_t)uc);
	ssg_model *m = ssg_model_new();
	const ssg_value *v =
		ssg_view_table_cell(m, t, (size_t)r, (size_t)c, unit);
	const char *text = ssg_value_str(ssg_value_get(v, "text"));
	if (ssg_value_bool(ssg_value_get(v, "num"))) {
		const char *mach = ssg_value_str(ssg_value_get(v, "machine"));
		ssg_buf_puts(out, "<data value=\"");
		ssg_buf_put_html(out, mach, strlen(mach));
		ssg_buf_puts(out, "\">");
		ssg_buf_put_html(out, text, strlen(text));
		ssg_buf_puts(out, "</data>");
	} else {
		ssg_buf_put_html(out, text, strlen(text));
	}
	ssg_model_free(m);
	return SSG_OK;
}

static int shortcode(void *ctx, const char *name, const char *const *argv,
		     size_t argc, bool block, ssg_buf *out, const char *path,
		     unsigned line, unsigned col, ssg_diags *d)
{
	md_ctx *c = ctx;
	if (strcmp(name, "table") == 0 && argc == 1)
		return shortcode_table(c, argv[0], block, out, path, line, col,
				       d);
	if (strcmp(name, "tasks") == 0 && argc == 0)
		return shortcode_table(c, "tasks", block, out, path, line, col,
				       d);
	if (strcmp(name, "indicators") == 0 && argc == 0)
		return shortcode_table(c, "indicators", block, out, path, line,
				       col, d);
	if (strcmp(name, "value") == 0 && argc == 3)
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
int ssg_shortcode_render(const ssg_shortcode_site *s, ssg_emit *e,
			 ssg_model *m, ssg_value *page, const ssg_plan_page *pg,
			 const char *dir, long *newest)
{
	md_ctx c = {s, e, ssg_routes_root(m, dir), *newest, m};
	ssg_md_hooks hooks = {shortcode, rewrite_link, &c};
	ssg_buf html, toc;
	ssg_buf_init(&html);
	ssg_buf_init(&toc);
	int rc = ssg_md_render(pg->path, pg->body, pg->body_len, pg->body_line,
			       &hooks, &html, &toc, ssg_emit_diags(e));
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
