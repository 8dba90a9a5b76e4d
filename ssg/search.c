/* search — the static search index and the search page (search.h). */
#include "search.h"

#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "digest.h"
#include "fmt.h"
#include "markdown.h"
#include "routes.h"
#include "text.h"
#include "view.h"

/* Titles longer than this (a task is a whole paragraph) are cut at a
 * word for the list of results. */
#define TITLE_MAX 140

/* The index is a JSON array assigned to a global, for a <script> to
 * load: a page opened from file:// may not fetch().  A revision copy's
 * says first where the main site is, from its own root. */
#define JS_HEAD "window.ssgSearchIndex = "
#define JS_BASE "window.ssgSearchBase = "

typedef struct {
	ssg_emit *e;
	ssg_out_file *js; /* index.js; NULL in check mode */
	ssg_model *m;     /* the search page's arena */
	ssg_value *list;  /* {url, title, kind} for the page */
	ssg_buf json;     /* the entry of index.js being made: the file is
			   * written as it goes (it was 10 MB held for a site
			   * of 5,000 posts) */
	ssg_buf text;     /* the entry being gathered, before folding */
	ssg_buf fold;
	size_t n;
	const ssg_routes *routes; /* where the site's posts are */
	ssg_posttext *texts;      /* the posts' texts from their renders */
	size_t nshared;           /* entries left to the main site's index */
	/* The first pass over the pages feeds their raw inputs to dg (the
	 * index's key: folding them is most of its cost) and makes the
	 * list; the second, only when the index is not kept, writes it. */
	ssg_digest *dg;
} builder;

static void put(builder *b, const char *s, size_t n)
{
	ssg_emit_put(b->e, b->js, s, n);
}

static void text_addn(builder *b, const char *s, size_t n)
{
	if (b->dg) {
		ssg_digest_bytes(b->dg, s ? s : "", s ? n : 0);
		return;
	}
	if (!s || !n || b->text.len >= 4 * SSG_SEARCH_MAX_TEXT)
		return;
	if (b->text.len)
		ssg_buf_putc(&b->text, '\n');
	ssg_buf_put(&b->text, s, n);
}

static void text_add(builder *b, const char *s)
{
	text_addn(b, s, s ? strlen(s) : 0);
}

/* The part of a title a result shows: whole when short, else cut after
 * the last space before TITLE_MAX bytes (a space never falls inside a
 * UTF-8 sequence) and marked with an ellipsis. */
static const char *short_title(ssg_model *m, const char *t)
{
	size_t n = strlen(t);
	if (n <= TITLE_MAX)
		return t;
	size_t cut = TITLE_MAX;
	while (cut > 0 && t[cut] != ' ')
		cut--;
	if (cut == 0)
		return t;
	return ssg_value_str(ssg_model_strf(m, "%.*s…", (int)cut, t));
}

/* The entry {u, t, k, f} of a page of this site, after b->json's
 * separator: the title and the gathered text folded. */
static void object_put(builder *b, const char *url, const char *title,
		       const char *kind)
{
	const char *shown = short_title(b->m, title);
	ssg_buf_clear(&b->fold);
	ssg_text_fold(&b->fold, title, strlen(title));
	ssg_buf_putc(&b->fold, ' ');
	size_t n = b->text.len;
	if (n > 4 * SSG_SEARCH_MAX_TEXT)
		n = 4 * SSG_SEARCH_MAX_TEXT;
	ssg_text_fold(&b->fold, ssg_buf_cstr(&b->text), n);
	size_t len = b->fold.len;
	if (len > SSG_SEARCH_MAX_TEXT) {
		len = SSG_SEARCH_MAX_TEXT;
		while (len > 0 && b->fold.data[len] != ' ')
			len--;
	}
	while (len > 0 && b->fold.data[len - 1] == ' ')
		len--;
	ssg_buf_puts(&b->json, "{\"u\":");
	ssg_buf_put_json(&b->json, url, strlen(url));
	ssg_buf_puts(&b->json, ",\"t\":");
	ssg_buf_put_json(&b->json, shown, strlen(shown));
	ssg_buf_puts(&b->json, ",\"k\":");
	ssg_buf_put_json(&b->json, kind, strlen(kind));
	/* Folded text is ASCII letters, digits and spaces only
	 * (ssg_text_fold): nothing in it to escape. */
	ssg_buf_puts(&b->json, ",\"f\":\"");
	ssg_buf_put(&b->json, b->fold.data ? b->fold.data : "", len);
	ssg_buf_puts(&b->json, "\"}");
}

/* Adds one entry: the title and the gathered text, folded, then clears
 * the text for the next.  A page of the main site in a revision copy
 * (`shared`, a post lean.h gives the main site's) is its address alone:
 * the main site's index holds its entry, the same but for the address,
 * and search.js takes it from there. */
static void entry_as(builder *b, const char *url, const char *title,
		     const char *kind, bool shared)
{
	if (b->dg) {
		ssg_digest_str(b->dg, url);
		ssg_digest_str(b->dg, title);
		ssg_digest_str(b->dg, kind);
		ssg_digest_u64(b->dg, shared);
		b->nshared += shared;
		ssg_value *v = ssg_model_map(b->m);
		ssg_map_set_str(b->m, v, "url", url);
		ssg_map_set_str(b->m, v, "title", short_title(b->m, title));
		ssg_map_set_str(b->m, v, "kind", kind);
		ssg_list_push(b->list, v);
		b->n++;
		return;
	}
	ssg_buf_puts(&b->json, b->n ? ",\n" : "[\n");
	if (shared)
		ssg_buf_put_json(&b->json, url, strlen(url));
	else
		object_put(b, url, title, kind);
	put(b, b->json.data, b->json.len);
	ssg_buf_clear(&b->json);
	b->n++;
	ssg_buf_clear(&b->text);
}

static void entry(builder *b, const char *url, const char *title,
		  const char *kind)
{
	entry_as(b, url, title, kind, false);
}

/* Post number `post`'s text, or a section's (post SIZE_MAX): the one
 * its render gave when there is one, else parsed here. */
static void md_add(builder *b, const ssg_plan_page *pg, size_t post)
{
	if (b->dg) { /* its text is the Markdown's doing */
		ssg_digest_bytes(b->dg, pg->body ? pg->body : "",
				 pg->body ? pg->body_len : 0);
		return;
	}
	if (!pg->body || b->text.len >= 4 * SSG_SEARCH_MAX_TEXT) {
		/* None of it is indexed: what its render gave goes. */
		ssg_buf gone;
		ssg_buf_init(&gone);
		if (post != SIZE_MAX)
			(void)ssg_posttext_take(b->texts, post, &gone);
		ssg_buf_fini(&gone);
		return;
	}
	if (b->text.len)
		ssg_buf_putc(&b->text, '\n');
	if (post == SIZE_MAX || !ssg_posttext_take(b->texts, post, &b->text))
		ssg_md_text(pg->body, pg->body_len, &b->text);
}

static void add_pages(builder *b, const ssg_plan *plan,
		      const ssg_value *indicators, const ssg_value *tasks)
{
	ssg_model *m = b->m;
	const ssg_plan_page *ix = ssg_plan_index(plan);
	if (ix->path)
		md_add(b, ix, SIZE_MAX);
	const char *title = ssg_value_get_str(ssg_emit_site(b->e), "title");
	entry(b, "", *title ? title : "Tổng quan", "Tổng quan");

	for (size_t i = 0; i < ssg_plan_nsections(plan); i++) {
		const ssg_plan_page *pg = ssg_plan_section(plan, i);
		text_add(b, pg->heading);
		md_add(b, pg, SIZE_MAX);
		const char *t = *pg->numeral
			? ssg_value_str(ssg_model_strf(m, "%s. %s", pg->numeral,
						       pg->title))
			: pg->title;
		entry(b, ssg_routes_section(m, pg->slug), t,
		      "Nội dung kế hoạch");
	}

	size_t ni = ssg_value_len(indicators);
	if (ni)
		entry(b, SSG_ROUTES_INDICATORS, "Các chỉ tiêu", "Danh sách");
	for (size_t i = 0; i < ni; i++) {
		const ssg_value *x = ssg_value_at(indicators, i);
		text_add(b, ssg_value_get_str(x, "unit"));
		text_add(b, ssg_value_get_str(ssg_value_get(x, "target"), "text"));
		text_add(b, ssg_value_get_str(ssg_value_get(x, "status"), "word"));
		text_add(b, ssg_value_get_str(x, "note"));
		text_add(b, ssg_value_get_str(x, "source"));
		entry(b, ssg_value_get_str(x, "url"),
		      ssg_value_str(ssg_model_strf(m, "Chỉ tiêu %s. %s",
						   ssg_value_get_str(x, "id"),
						   ssg_value_get_str(x, "name"))),
		      "Chỉ tiêu");
	}

	size_t nt = ssg_value_len(tasks);
	if (nt)
		entry(b, SSG_ROUTES_TASKS, "Nhiệm vụ", "Danh sách");
	for (size_t i = 0; i < nt; i++) {
		const ssg_value *x = ssg_value_at(tasks, i);
		text_add(b, ssg_value_get_str(x, "lead"));
		const ssg_value *ps = ssg_value_get(x, "partners");
		for (size_t k = 0; k < ssg_value_len(ps); k++)
			text_add(b, ssg_value_str(ssg_value_at(ps, k)));
		text_add(b, ssg_value_get_str(x, "timeframe"));
		text_add(b, ssg_value_get_str(ssg_value_get(x, "status"), "word"));
		text_add(b, ssg_value_get_str(x, "note"));
		entry(b,
		      ssg_value_str(ssg_model_strf(m, SSG_ROUTES_TASKS "#%s",
						   ssg_value_get_str(x, "anchor"))),
		      ssg_value_str(ssg_model_strf(m, "Nhiệm vụ %s. %s",
						   ssg_value_get_str(x, "id"),
						   ssg_value_get_str(x, "title"))),
		      "Nhiệm vụ");
	}

	for (size_t i = 0; i < ssg_plan_ntables(plan); i++) {
		const ssg_plan_table *t = ssg_plan_table_at(plan, i);
		if (strcmp(t->name, "indicators") == 0 ||
		    strcmp(t->name, "tasks") == 0)
			continue;
		text_add(b, t->description);
		size_t nc = ssg_table_ncols(t->table);
		size_t nr = ssg_table_nrows(t->table);
		for (size_t c = 0; c < nc; c++)
			text_add(b, t->col_titles[c]);
		/* Words, not figures or dates: a reader looks for a
		 * commune's name, and a result updated with its date leaves
		 * the index as it was (kept by the next build). */
		for (size_t r = 0; r < nr; r++)
			for (size_t c = 0; c < nc; c++) {
				const char *v = ssg_table_cell(t->table, r, c);
				size_t vn = ssg_table_cell_len(t->table, r, c);
				ssg_num num;
				ssg_date day;
				if (!ssg_num_parse(v, vn, &num) &&
				    !ssg_date_parse(v, vn, &day))
					text_addn(b, v, vn);
			}
		entry(b, ssg_routes_table(m, t->name), t->title,
		      "Bảng số liệu");
	}

	size_t np = ssg_plan_nposts(plan);
	if (np)
		entry(b, SSG_ROUTES_POSTS, "Tin tức", "Danh sách");
	for (size_t i = 0; i < np; i++) {
		const ssg_plan_page *pg = ssg_plan_post(plan, i);
		/* Its text is the main site's entry's: not read here. */
		bool shared = ssg_routes_post_shared(b->routes, pg->slug);
		if (!shared) {
			text_add(b, ssg_value_str(
					    ssg_value_get(pg->meta, "summary")));
			md_add(b, pg, i);
		}
		entry_as(b, ssg_routes_post_link(b->routes, m, pg->slug),
			 pg->title, "Tin tức", shared);
	}

	text_add(b, "CSV JSON");
	entry(b, SSG_ROUTES_DATA, "Dữ liệu mở", "Danh sách");
	text_add(b, "Luật Tiếp cận thông tin");
	entry(b, SSG_ROUTES_DISCLOSURE, "Danh mục thông tin công khai",
	      "Danh sách");
}

int ssg_search_write(ssg_emit *e, const ssg_routes *routes,
		     const ssg_plan *plan, const ssg_value *indicators,
		     const ssg_value *tasks, ssg_posttext *texts)
{
	builder b;
	memset(&b, 0, sizeof(b));
	b.e = e;
	b.routes = routes;
	b.texts = texts;
	ssg_buf_init(&b.json);
	ssg_buf_init(&b.text);
	ssg_buf_init(&b.fold);
	b.m = ssg_model_new();
	b.list = ssg_model_list(b.m);
	/* The inputs and the list of the search page. */
	b.dg = ssg_digest_new();
	ssg_digest_str(b.dg, "search 2");
	add_pages(&b, plan, indicators, tasks);
	char key[65];
	ssg_digest_hex(b.dg, key);
	ssg_digest_free(b.dg);
	b.dg = NULL;
	size_t count = b.n;
	/* Kept from an earlier build when made from the same inputs. */
	bool kept = false;
	int rc = ssg_emit_open_keyed(e, SSG_ROUTES_SEARCH "index.js", NULL,
				     key, 64, &b.js, &kept);
	if (rc != SSG_OK)
		goto done; /* reported */
	/* A check writes none, and reads no text. */
	if (b.js) {
		if (b.nshared) { /* a revision copy's, then */
			put(&b, JS_BASE, strlen(JS_BASE));
			const char *up = ssg_routes_shared(routes, b.m, "");
			ssg_buf_put_json(&b.json, up, strlen(up));
			ssg_buf_puts(&b.json, ";\n");
			put(&b, b.json.data, b.json.len);
			ssg_buf_clear(&b.json);
		}
		put(&b, JS_HEAD, strlen(JS_HEAD));
		b.n = 0;
		add_pages(&b, plan, indicators, tasks);
		const char *end = b.n ? "\n];\n" : "[];\n";
		put(&b, end, strlen(end));
	}
	rc = ssg_emit_close(e, b.js);
	if (rc == SSG_OK) {
		ssg_value *page = ssg_emit_page_new(e, b.m, "Tìm kiếm", NULL);
		ssg_map_set_bool(b.m, page, "is_search", true);
		ssg_map_set(page, "entries", b.list);
		ssg_map_set(page, "count", ssg_model_strf(b.m, "%zu", count));
		rc = ssg_emit_page(e, b.m, SSG_ROUTES_SEARCH, NULL, "search",
				   page);
	}
done:
	/* Whatever the posts' renders give from now on, and what they gave
	 * that no pass took (a kept index, a check), is let go. */
	ssg_posttext_refuse(texts);
	ssg_buf_fini(&b.fold);
	ssg_buf_fini(&b.text);
	ssg_buf_fini(&b.json);
	ssg_model_free(b.m);
	return rc;
}
