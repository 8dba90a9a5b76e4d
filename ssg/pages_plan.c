/* pages_plan — the pages of the plan itself (pages_plan.h). */
#include "pages_plan.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fmt.h"
#include "pool.h"
#include "routes.h"
#include "shortcode.h"
#include "view.h"

/* The site's values the shortcodes read. */
static ssg_shortcode_site site_of(const ssg_pages_plan_in *in)
{
	return (ssg_shortcode_site){in->plan,    in->indicators, in->tasks,
				    in->hv,      in->updated,    in->prov,
				    in->routes,  in->commit};
}

/* A page's Markdown, its shortcodes reading this site's values; *newest
 * becomes the newest commit of the file and of what its shortcodes
 * show. */
static int body(const ssg_pages_plan_in *in, ssg_emit *e, ssg_model *m,
		ssg_value *page, const ssg_plan_page *pg, bool dated,
		const char *dir, long *newest, ssg_buf *text)
{
	ssg_shortcode_site sc = site_of(in);
	*newest = ssg_prov_max(*newest, ssg_prov_file(in->prov, pg->path));
	return ssg_shortcode_render(&sc, e, m, page, pg, dated, dir, newest,
				    text);
}

/* The newest commit that changed table `name`, or -1. */
static long table_src(const ssg_pages_plan_in *in, const char *name)
{
	return ssg_prov_table(in->prov, name);
}

/* A section or a post, for claims.h: its file, at its slug when the
 * front matter gives one (else the file name gives the address). */
static ssg_from page_from(const ssg_plan_page *pg)
{
	const ssg_value *slug = ssg_value_get(pg->meta, "slug");
	return (ssg_from){SSG_FROM_FILE, pg->path,
			  slug ? ssg_value_line(slug) : 0, NULL};
}

/* Posts on one page of posts/, with their summaries: about 35 KB, as a
 * page of changes (pages_history.c) is 55. */
#define POSTS_PER_PAGE 200

/* A section's or a post's page, to be completed by its Markdown. */
typedef struct {
	const ssg_pages_plan_in *in;
	ssg_emit *e;
	const ssg_plan_page *pg;
	bool dated; /* a post (shortcode.h) */
	const char *dir;
	ssg_buf *text; /* the Markdown's readable text; NULL: not wanted */
	int rc; /* the Markdown's */
	bool made; /* the Markdown was rendered (not a page kept) */
} md_page;

/* Its Markdown made, and the provenance that shows. */
static bool md_fill(void *ctx, ssg_model *m, ssg_value *page)
{
	md_page *p = ctx;
	long src = -1;
	p->made = true;
	p->rc = body(p->in, p->e, m, page, p->pg, p->dated, p->dir, &src,
		     p->text);
	ssg_prov_show(p->in->prov, page, src);
	return p->rc == SSG_OK;
}

/* Emits the page of pg (a section or a post) in dir with template tpl:
 * keyed by all its Markdown reads (shortcode.h), so that a page an
 * earlier build wrote from the same is kept without its Markdown being
 * made (thousands of posts a rebuild); when its bytes cannot say what it
 * reads, made first and keyed by what it shows.  `links` is
 * ssg_shortcode_links's, for the site. */
static int md_emit(const ssg_pages_plan_in *in, ssg_emit *e,
		   const ssg_value *links, ssg_model *m, ssg_value *page,
		   const ssg_plan_page *pg, bool dated, const char *dir,
		   const char *tpl, ssg_buf *text, bool *made)
{
	ssg_from from = page_from(pg);
	md_page p = {in, e, pg, dated, dir, text, SSG_OK, false};
	ssg_shortcode_site sc = site_of(in);
	ssg_value *inputs = ssg_model_list(m);
	int rc;
	if (ssg_shortcode_inputs(&sc, links, m, pg, dated, inputs)) {
		ssg_map_set(page, "md_inputs", inputs);
		rc = ssg_emit_page_fill(e, m, dir, &from, tpl, page, md_fill,
					&p);
		rc = p.rc ? p.rc : rc;
	} else if (!md_fill(&p, m, page)) {
		rc = p.rc;
	} else {
		rc = ssg_emit_page(e, m, dir, &from, tpl, page);
	}
	if (made)
		*made = p.made && p.rc == SSG_OK;
	return rc;
}

static ssg_value *task_summary(const ssg_plan *plan, ssg_model *m)
{
	static const ssg_task_status order[] = {
		SSG_STATUS_DONE, SSG_STATUS_IN_PROGRESS, SSG_STATUS_PLANNED,
		SSG_STATUS_CANCELLED, SSG_STATUS_NONE};
	ssg_value *list = ssg_model_list(m);
	for (size_t k = 0; k < sizeof(order) / sizeof(*order); k++) {
		size_t n = 0;
		for (size_t i = 0; i < ssg_plan_ntasks(plan); i++)
			n += ssg_plan_task_at(plan, i)->status == order[k];
		if (!n)
			continue;
		ssg_value *v = ssg_model_map(m);
		ssg_map_set_str(m, v, "key", ssg_view_task_status_key(order[k]));
		ssg_map_set_str(m, v, "word", ssg_view_task_status_word(order[k]));
		ssg_map_set(v, "count", ssg_model_strf(m, "%zu", n));
		ssg_list_push(list, v);
	}
	return list;
}

int ssg_pages_index(const ssg_pages_plan_in *in, ssg_emit *e)
{
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_emit_page_new(e, m, "Tổng quan", "");
	const ssg_plan_page *ix = ssg_plan_index(in->plan);
	long src = ssg_prov_max(table_src(in, "indicators"),
				table_src(in, "tasks"));
	int rc = ix->path ? body(in, e, m, page, ix, false, "", &src, NULL)
			  : SSG_ERR_CONTENT;
	/* The overview alone shows the commit built (and the reports,
	 * judged on its date). */
	ssg_map_set(page, "build", in->build);
	ssg_map_set(page, "reports", in->reports);
	ssg_map_set_bool(m, page, "has_reports", in->reports != NULL);
	ssg_map_set(page, "updated",
		    ssg_value_get(in->updated, "indicators"));
	ssg_map_set(page, "indicators", in->indicators);
	ssg_map_set_bool(m, page, "has_indicators",
			 ssg_value_len(in->indicators) > 0);
	if (ssg_plan_ntasks(in->plan)) {
		ssg_map_set(page, "task_summary", task_summary(in->plan, m));
		ssg_map_set(page, "ntasks", ssg_model_strf(m, "%zu",
					ssg_plan_ntasks(in->plan)));
	}
	ssg_value *posts = ssg_model_list(m);
	for (size_t i = 0; i < ssg_plan_nposts(in->plan) && i < 5; i++) {
		const ssg_plan_page *pg = ssg_plan_post(in->plan, i);
		ssg_list_push(posts, ssg_view_post(in->routes, m, pg));
		src = ssg_prov_max(src, ssg_prov_file(in->prov, pg->path));
	}
	ssg_map_set(page, "posts", posts);
	ssg_map_set_bool(m, page, "has_posts", ssg_value_len(posts) > 0);
	ssg_prov_show(in->prov, page, src);
	if (rc == SSG_OK)
		rc = ssg_emit_page(e, m, "", NULL, "index", page);
	ssg_model_free(m);
	return rc;
}

int ssg_pages_sections(const ssg_pages_plan_in *in, ssg_emit *e)
{
	int rc = SSG_OK;
	size_t n = ssg_plan_nsections(in->plan);
	ssg_shortcode_site sc = site_of(in);
	ssg_model *lm = ssg_model_new();
	const ssg_value *links = ssg_shortcode_links(&sc, lm);
	for (size_t i = 0; i < n; i++) {
		const ssg_plan_page *pg = ssg_plan_section(in->plan, i);
		ssg_model *m = ssg_model_new();
		const char *dir = ssg_routes_section(m, pg->slug);
		ssg_value *page = ssg_emit_page_new(e, m, pg->title, NULL);
		ssg_map_set_str(m, page, "heading", pg->heading);
		ssg_map_set_str(m, page, "numeral", pg->numeral);
		ssg_map_set_str(m, page, "source", pg->path);
		const ssg_value *secs = ssg_value_get(ssg_emit_site(e), "sections");
		if (i > 0)
			ssg_map_set(page, "prev", ssg_value_at(secs, i - 1));
		if (i + 1 < n)
			ssg_map_set(page, "next", ssg_value_at(secs, i + 1));
		int r = md_emit(in, e, links, m, page, pg, false, dir,
				"section", NULL, NULL);
		if (r)
			rc = r; /* go on: report every page's problems */
		ssg_model_free(m);
	}
	ssg_model_free(lm);
	return rc;
}

int ssg_pages_indicators(const ssg_pages_plan_in *in, ssg_emit *e)
{
	size_t n = ssg_value_len(in->indicators);
	if (!n)
		return SSG_OK;
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_emit_page_new(e, m, "Chỉ tiêu",
					     SSG_ROUTES_INDICATORS);
	ssg_map_set(page, "indicators", in->indicators);
	ssg_prov_show(in->prov, page, table_src(in, "indicators"));
	int rc = ssg_emit_page(e, m, SSG_ROUTES_INDICATORS, NULL, "indicators",
			       page);
	ssg_model_free(m);
	const ssg_plan_table *ind = ssg_plan_table_find(in->plan, "indicators");
	for (size_t i = 0; i < n && rc == SSG_OK; i++) {
		const ssg_value *x = ssg_value_at(in->indicators, i);
		m = ssg_model_new();
		const char *name = ssg_value_str(ssg_value_get(x, "name"));
		page = ssg_emit_page_new(e, m, name, SSG_ROUTES_INDICATORS);
		ssg_map_set(page, "indicator",
			    in->hv ? ssg_hview_indicator(in->hv, m, x, i) : x);
		ssg_prov_show(in->prov, page,
			      ind ? ssg_prov_row(in->prov, ind, i) : -1);
		const ssg_plan_indicator *pi = ssg_plan_indicator_at(in->plan, i);
		ssg_from from = {SSG_FROM_ROW, ind ? ind->path : NULL,
				 ind ? ssg_table_row_line(ind->table, pi->row) : 0,
				 pi->id};
		rc = ssg_emit_page(e, m, ssg_value_str(ssg_value_get(x, "url")),
				   ind ? &from : NULL, "indicator", page);
		ssg_model_free(m);
	}
	return rc;
}

int ssg_pages_tasks(const ssg_pages_plan_in *in, ssg_emit *e)
{
	if (!ssg_plan_ntasks(in->plan))
		return SSG_OK;
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_emit_page_new(e, m, "Nhiệm vụ",
					     SSG_ROUTES_TASKS);
	ssg_map_set(page, "tasks", in->tasks);
	ssg_map_set(page, "task_summary", task_summary(in->plan, m));
	const ssg_plan_table *t = ssg_plan_table_find(in->plan, "tasks");
	ssg_map_set_str(m, page, "source", t->title);
	ssg_prov_show(in->prov, page, table_src(in, "tasks"));
	int rc = ssg_emit_page(e, m, SSG_ROUTES_TASKS, NULL, "tasks", page);
	ssg_model_free(m);
	return rc;
}

static bool is_typed_table(const char *name)
{
	return strcmp(name, "indicators") == 0 || strcmp(name, "tasks") == 0;
}

int ssg_pages_tables(const ssg_pages_plan_in *in, ssg_emit *e)
{
	int rc = SSG_OK;
	for (size_t i = 0; i < ssg_plan_ntables(in->plan) && rc == SSG_OK; i++) {
		const ssg_plan_table *t = ssg_plan_table_at(in->plan, i);
		if (is_typed_table(t->name))
			continue;
		ssg_model *m = ssg_model_new();
		ssg_value *tv = ssg_hview_table(in->hv, m, t, in->updated);
		ssg_value *page = ssg_emit_page_new(e, m, t->title,
					     SSG_ROUTES_DATA);
		ssg_map_set(page, "table", tv);
		ssg_prov_show(in->prov, page, table_src(in, t->name));
		ssg_from from = {SSG_FROM_FILE, t->path, 0, NULL};
		rc = ssg_emit_page(e, m, ssg_value_str(ssg_value_get(tv, "url")),
				   &from, "table", page);
		ssg_model_free(m);
	}
	return rc;
}

typedef struct {
	const ssg_pages_plan_in *in;
	ssg_model *m;
} posts_src;

/* A page of posts/ shows the posts [from, to) of the plan's order. */
static void posts_page(void *ctx, ssg_model *m, ssg_value *page, size_t from,
		       size_t to, bool first)
{
	(void)m;
	(void)first;
	const posts_src *ps = ctx;
	long src = -1;
	for (size_t i = from; i < to; i++)
		src = ssg_prov_max(src, ssg_prov_file(ps->in->prov,
				ssg_plan_post(ps->in->plan, i)->path));
	ssg_prov_show(ps->in->prov, page, src);
}

/* Posts a job of the pool makes (pool.h): enough that the job's own
 * emitter and diagnostics cost nothing beside its pages, few enough that
 * the two threads end together. */
#define POSTS_PER_JOB 16

/* The posts' pages, on the caller's thread and one more (the posts are
 * most of a site's pages: 10,000 on the bench's *pages*).  Each job
 * reports into its own diagnostics, moved into the caller's in the
 * posts' order, so that what a build says does not depend on which
 * thread made what. */
typedef struct {
	const ssg_pages_plan_in *in;
	ssg_emit *e; /* the caller's */
	const ssg_value *links;
	size_t n;
	int *rc;
	ssg_diags **d;
} posts_jobs;

static bool post_job(void *ctx, void *res, size_t k)
{
	(void)res;
	posts_jobs *j = ctx;
	const ssg_pages_plan_in *in = j->in;
	j->d[k] = ssg_diags_new();
	ssg_emit *e = ssg_emit_like(j->e, j->d[k]);
	size_t to = (k + 1) * POSTS_PER_JOB < j->n ? (k + 1) * POSTS_PER_JOB
						   : j->n;
	/* The posts' texts for the search index, which else parses each
	 * again: given as the job ends, all at once. */
	size_t from = k * POSTS_PER_JOB;
	ssg_buf text[POSTS_PER_JOB];
	bool made[POSTS_PER_JOB] = {false};
	for (size_t i = from; i < to; i++) {
		ssg_buf_init(&text[i - from]);
		const ssg_plan_page *pg = ssg_plan_post(in->plan, i);
		/* The main site's page, which the copy links (lean.h). */
		if (ssg_routes_post_shared(in->routes, pg->slug))
			continue;
		ssg_model *m = ssg_model_new();
		ssg_value *page = ssg_emit_page_new(e, m, pg->title,
					     SSG_ROUTES_POSTS);
		ssg_map_set(page, "post", ssg_view_post(in->routes, m, pg));
		const char *dir = ssg_routes_post(m, pg->slug);
		int r = md_emit(in, e, j->links, m, page, pg, true, dir,
				"post", in->texts ? &text[i - from] : NULL,
				&made[i - from]);
		if (r)
			j->rc[k] = r;
		ssg_model_free(m);
	}
	ssg_posttext_give(in->texts, from, to - from, text, made);
	for (size_t i = from; i < to; i++)
		ssg_buf_fini(&text[i - from]);
	ssg_emit_free(e);
	return true;
}

int ssg_pages_posts(const ssg_pages_plan_in *in, ssg_emit *e)
{
	size_t n = ssg_plan_nposts(in->plan);
	if (!n) {
		ssg_posttext_close(in->texts);
		return SSG_OK;
	}
	int rc = SSG_OK;
	ssg_model *lm = ssg_model_new();
	ssg_value *list = ssg_model_list(lm);
	ssg_shortcode_site sc = site_of(in);
	const ssg_value *links = ssg_shortcode_links(&sc, lm);
	for (size_t i = 0; i < n; i++)
		ssg_list_push(list, ssg_view_post(in->routes, lm,
						  ssg_plan_post(in->plan, i)));
	size_t njobs = (n + POSTS_PER_JOB - 1) / POSTS_PER_JOB;
	ssg_emit_ready(e); /* the jobs' emitters are like e */
	posts_jobs j = {in, e, links, n, ssg_xcalloc(njobs, sizeof(int)),
			ssg_xcalloc(njobs, sizeof(ssg_diags *))};
	/* The jobs need no resource of their own. */
	ssg_pool_opts po = {njobs, 2, &j, post_job, NULL, NULL};
	ssg_pool_finish(ssg_pool_start(&po), NULL);
	/* A post no job reached has no text: the index waits no more. */
	ssg_posttext_close(in->texts);
	/* As one thread would have: every job's problems, in order, and the
	 * last failure's code. */
	for (size_t k = 0; k < njobs; k++) {
		if (j.rc[k])
			rc = j.rc[k];
		if (j.d[k])
			ssg_diags_move(ssg_emit_diags(e), j.d[k]);
		ssg_diags_free(j.d[k]);
	}
	free(j.rc);
	free(j.d);
	posts_src ps = {in, lm};
	if (rc == SSG_OK)
		rc = ssg_emit_list(e, SSG_ROUTES_POSTS, "posts", "Tin tức",
				   "posts", list, POSTS_PER_PAGE, NULL, posts_page,
				   &ps);
	ssg_model_free(lm);
	return rc;
}

/* ---- open data --------------------------------------------------- */

static void csv_field(ssg_buf *b, const char *s, size_t n)
{
	bool quote = n && (s[0] == ' ' || s[n - 1] == ' ');
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
			s[i] == '\r';
	if (!quote) {
		ssg_buf_put(b, s, n);
		return;
	}
	ssg_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			ssg_buf_putc(b, '"');
		ssg_buf_putc(b, s[i]);
	}
	ssg_buf_putc(b, '"');
}

/* Machine-friendly copies: comma-separated with dot decimals, and JSON
 * with numbers as numbers (key columns stay text). */
static int open_data(const ssg_pages_plan_in *in, ssg_emit *e, ssg_model *m,
		     ssg_value *list)
{
	int rc = SSG_OK;
	ssg_buf csv, json;
	ssg_buf_init(&csv);
	ssg_buf_init(&json);
	for (size_t i = 0; i < ssg_plan_ntables(in->plan) && rc == SSG_OK; i++) {
		const ssg_plan_table *t = ssg_plan_table_at(in->plan, i);
		size_t nc = ssg_table_ncols(t->table);
		size_t nr = ssg_table_nrows(t->table);
		ssg_buf_clear(&csv);
		ssg_buf_clear(&json);
		for (size_t c = 0; c < nc; c++) {
			const char *name = ssg_table_colname(t->table, c);
			if (c)
				ssg_buf_putc(&csv, ',');
			csv_field(&csv, name, strlen(name));
		}
		ssg_buf_puts(&csv, "\r\n");
		ssg_buf_puts(&json, "[");
		for (size_t r = 0; r < nr; r++) {
			ssg_buf_puts(&json, r ? ",\n {" : "\n {");
			for (size_t c = 0; c < nc; c++) {
				const char *v = ssg_table_cell(t->table, r, c);
				size_t vn = ssg_table_cell_len(t->table, r, c);
				const char *name = ssg_table_colname(t->table, c);
				bool key = false;
				for (size_t k = 0; k < t->nkey; k++)
					key = key || t->key_cols[k] == c;
				ssg_num num;
				bool isnum = !key && ssg_plan_cell_num(t, r, c, &num);
				if (c) {
					ssg_buf_putc(&csv, ',');
					ssg_buf_puts(&json, ", ");
				}
				ssg_buf_put_json(&json, name, strlen(name));
				ssg_buf_puts(&json, ": ");
				if (isnum) {
					size_t at = csv.len;
					ssg_num_put_plain(&csv, &num);
					ssg_buf_put(&json, csv.data + at,
						    csv.len - at);
				} else {
					csv_field(&csv, v, vn);
					ssg_buf_put_json(&json, v, vn);
				}
			}
			ssg_buf_puts(&csv, "\r\n");
			ssg_buf_putc(&json, '}');
		}
		ssg_buf_puts(&json, "\n]\n");
		ssg_from from = {SSG_FROM_FILE, t->path, 0, NULL};
		const char *path = ssg_routes_data_file(m, t->name, "csv");
		rc = ssg_emit_file(e, path, &from, ssg_buf_cstr(&csv), csv.len);
		path = ssg_routes_data_file(m, t->name, "json");
		if (rc == SSG_OK)
			rc = ssg_emit_file(e, path, &from, ssg_buf_cstr(&json),
					   json.len);
		ssg_value *v = ssg_model_map(m);
		ssg_map_set_str(m, v, "name", t->name);
		ssg_map_set_str(m, v, "title", t->title);
		ssg_map_set_str(m, v, "description", t->description);
		ssg_map_set(v, "rows", ssg_model_strf(m, "%zu", nr));
		ssg_map_set_str(m, v, "url",
				!is_typed_table(t->name)
					? ssg_routes_table(m, t->name)
				: strcmp(t->name, "tasks") == 0
					? SSG_ROUTES_TASKS
					: SSG_ROUTES_INDICATORS);
		ssg_list_push(list, v);
	}
	ssg_buf_fini(&csv);
	ssg_buf_fini(&json);
	return rc;
}

int ssg_pages_data(const ssg_pages_plan_in *in, ssg_emit *e, ssg_model *m,
		   ssg_value *site)
{
	ssg_value *tables = ssg_model_list(m);
	int rc = open_data(in, e, m, tables);
	ssg_map_set(site, "tables", tables);
	if (rc)
		return rc;
	ssg_model *pm = ssg_model_new();
	ssg_value *page = ssg_emit_page_new(e, pm, "Dữ liệu mở",
					     SSG_ROUTES_DATA);
	ssg_map_set(page, "tables", tables);
	long src = -1;
	for (size_t i = 0; i < ssg_plan_ntables(in->plan); i++)
		src = ssg_prov_max(src, table_src(in,
				ssg_plan_table_at(in->plan, i)->name));
	ssg_prov_show(in->prov, page, src);
	rc = ssg_emit_page(e, pm, SSG_ROUTES_DATA, NULL, "data", page);
	ssg_model_free(pm);
	return rc;
}

/* The directory of disclosed information (Law on Access to Information
 * 2016 art. 19, Decree 13/2018 art. 6): the plan, its posts and its data,
 * each with number, date, form and when it was published here. */
int ssg_pages_disclosure(const ssg_pages_plan_in *in, ssg_emit *e)
{
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_emit_page_new(e, m, "Công khai thông tin",
				   SSG_ROUTES_DISCLOSURE);
	ssg_value *docs = ssg_model_list(m);
	const ssg_value *meta = ssg_plan_meta(in->plan);
	/* Each document as of its last change here: a post, a table; the
	 * plan as of its publication (its period's first tag, or the
	 * commit that opened it: years.h), which later changes to the
	 * front matter do not move.  The past years' plans are the
	 * template's (site.years). */
	long src = ssg_prov_file(in->prov, ssg_plan_index(in->plan)->path);
	const ssg_value *published =
		ssg_value_get(ssg_emit_site(e), "plan_published");
	if (!published)
		published = ssg_value_get(ssg_prov_commit(in->prov, src), "day");
	ssg_value *plan = ssg_model_map(m);
	ssg_map_set_str(m, plan, "title", ssg_value_get_str(meta, "title"));
	ssg_map_set_str(m, plan, "number", ssg_value_get_str(meta, "number"));
	ssg_map_set_str(m, plan, "date", ssg_value_get_str(meta, "place_date"));
	ssg_map_set_str(m, plan, "form", ssg_value_get_str(meta, "doc_type"));
	ssg_map_set_str(m, plan, "issuer", ssg_value_get_str(meta, "issuer"));
	ssg_map_set_str(m, plan, "url", "");
	ssg_map_set(plan, "published", published);
	ssg_list_push(docs, plan);
	const ssg_value *extra = ssg_value_get(meta, "documents");
	for (size_t i = 0; i < ssg_value_len(extra); i++) {
		const ssg_value *doc = ssg_value_at(extra, i);
		ssg_value *v = ssg_model_map(m);
		static const char *const keys[] = {"title", "number", "date",
						   "form", "issuer", NULL};
		for (size_t k = 0; keys[k]; k++)
			ssg_map_set_str(m, v, keys[k], ssg_value_get_str(doc, keys[k]));
		ssg_map_set(v, "published", published);
		ssg_list_push(docs, v);
	}
	for (size_t i = 0; i < ssg_plan_nposts(in->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_post(in->plan, i);
		ssg_value *v = ssg_view_post(in->routes, m, pg);
		ssg_map_set_str(m, v, "form", "Tin bài");
		ssg_map_set(v, "published", ssg_value_get(v, "date"));
		ssg_map_set(v, "date", ssg_value_get(ssg_value_get(v, "date"),
						     "text"));
		ssg_list_push(docs, v);
		src = ssg_prov_max(src, ssg_prov_file(in->prov, pg->path));
	}
	const ssg_value *tables = ssg_value_get(ssg_emit_site(e), "tables");
	for (size_t i = 0; i < ssg_value_len(tables); i++) {
		const ssg_value *t = ssg_value_at(tables, i);
		ssg_value *v = ssg_model_map(m);
		ssg_map_set(v, "title", ssg_value_get(t, "title"));
		ssg_map_set_str(m, v, "form", "Dữ liệu mở (CSV, JSON)");
		ssg_map_set_str(m, v, "url", ssg_routes_data_file(m,
				ssg_value_get_str(t, "name"), "csv"));
		const char *name = ssg_value_get_str(t, "name");
		ssg_map_set(v, "published", ssg_value_get(in->updated, name));
		ssg_list_push(docs, v);
		src = ssg_prov_max(src, table_src(in, name));
	}
	ssg_map_set(page, "documents", docs);
	ssg_prov_show(in->prov, page, src);
	int rc = ssg_emit_page(e, m, SSG_ROUTES_DISCLOSURE, NULL, "disclosure",
			       page);
	ssg_model_free(m);
	return rc;
}
