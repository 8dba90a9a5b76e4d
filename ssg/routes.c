/* routes — the site's URL layout (routes.h). */
#include "routes.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

const char *const ssg_routes_own[] = {
	SSG_ROUTES_INDICATORS, SSG_ROUTES_TASKS,      SSG_ROUTES_POSTS,
	SSG_ROUTES_DATA,       SSG_ROUTES_DISCLOSURE, SSG_ROUTES_CHANGES,
	SSG_ROUTES_REVISIONS,  SSG_ROUTES_SEARCH,     SSG_ROUTES_TABLES,
	SSG_ROUTES_STATIC,     SSG_ROUTES_YEARS,      NULL};

struct ssg_routes {
	ssg_model *m;
	/* From this site's root to the main site's: "" in the main site,
	 * "../../../" in revisions/<tag>/site/, "../../" in years/<year>/. */
	const char *up;
	/* The slugs of the posts that are the main site's pages, sorted. */
	char **shared;
	size_t nshared;
	bool lists_shared; /* ssg_routes_share_lists */
};

ssg_routes *ssg_routes_main(void)
{
	ssg_routes *r = ssg_xcalloc(1, sizeof(*r));
	r->up = "";
	return r;
}

ssg_routes *ssg_routes_copy(const char *tag)
{
	ssg_routes *r = ssg_xcalloc(1, sizeof(*r));
	r->m = ssg_model_new();
	r->up = ssg_routes_root(r->m, ssg_routes_copy_dir(r->m, tag));
	return r;
}

ssg_routes *ssg_routes_year(const char *year)
{
	ssg_routes *r = ssg_xcalloc(1, sizeof(*r));
	r->m = ssg_model_new();
	r->up = ssg_routes_root(r->m, ssg_routes_year_dir(r->m, year));
	return r;
}

void ssg_routes_free(ssg_routes *r)
{
	if (!r)
		return;
	ssg_model_free(r->m);
	for (size_t i = 0; i < r->nshared; i++)
		free(r->shared[i]);
	free(r->shared);
	free(r);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ssg_routes_share_posts(ssg_routes *r, const char *const *slugs,
			    size_t n)
{
	if (!*r->up)
		return; /* the main site's own pages are its own */
	r->shared = ssg_xrealloc(r->shared,
				 (r->nshared + n + 1) * sizeof(*r->shared));
	for (size_t i = 0; i < n; i++)
		r->shared[r->nshared++] = ssg_xstrdup(slugs[i]);
	ssg_sort(r->shared, r->nshared, sizeof(*r->shared), str_cmp);
}

bool ssg_routes_post_shared(const ssg_routes *r, const char *slug)
{
	return r && r->nshared && bsearch(&slug, r->shared, r->nshared,
				     sizeof(*r->shared), str_cmp);
}

const char *ssg_routes_post_link(const ssg_routes *r, ssg_model *m,
				 const char *slug)
{
	const char *own = ssg_routes_post(m, slug);
	return ssg_routes_post_shared(r, slug) ? ssg_routes_shared(r, m, own)
					       : own;
}

void ssg_routes_share_lists(ssg_routes *r)
{
	r->lists_shared = *r->up != '\0';
}

bool ssg_routes_lists_shared(const ssg_routes *r)
{
	return r && r->lists_shared;
}

bool ssg_routes_writes_shared(const ssg_routes *r)
{
	return !*r->up;
}

const char *ssg_routes_shared(const ssg_routes *r, ssg_model *m,
			      const char *dir)
{
	return *r->up ? ssg_value_str(ssg_model_strf(m, "%s%s", r->up, dir)) : dir;
}

const char *ssg_routes_slug(ssg_model *m, const char *id)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_slug(&b, id, strlen(id));
	if (b.len == 0)
		ssg_buf_puts(&b, "_");
	const char *s = ssg_value_str(ssg_model_strn(m, b.data, b.len));
	ssg_buf_fini(&b);
	return s;
}

const char *ssg_routes_root(ssg_model *m, const char *dir)
{
	ssg_buf b;
	ssg_buf_init(&b);
	for (const char *c = dir; *c; c++)
		if (*c == '/')
			ssg_buf_puts(&b, "../");
	if (b.len == 0)
		ssg_buf_puts(&b, "./");
	const char *s = ssg_value_str(ssg_model_strn(m, ssg_buf_cstr(&b), b.len));
	ssg_buf_fini(&b);
	return s;
}

const char *ssg_routes_list_page(ssg_model *m, const char *dir, size_t p)
{
	return p == 0 ? dir : ssg_value_str(ssg_model_strf(m, "%spage/%zu/", dir, p));
}

const char *ssg_routes_section(ssg_model *m, const char *slug)
{
	return ssg_value_str(ssg_model_strf(m, "%s/", slug));
}

const char *ssg_routes_post(ssg_model *m, const char *slug)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_POSTS "%s/", slug));
}

const char *ssg_routes_indicator(ssg_model *m, const char *id)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_INDICATORS "%s/",
				     ssg_routes_slug(m, id)));
}

const char *ssg_routes_table(ssg_model *m, const char *name)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_TABLES "%s/",
				     ssg_routes_slug(m, name)));
}

const char *ssg_routes_data_file(ssg_model *m, const char *table,
				 const char *ext)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_DATA "%s.%s", table, ext));
}

const char *ssg_routes_commit(ssg_model *m, const char *name)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_CHANGES "%s/", name));
}

ssg_value *ssg_routes_commit_url(const ssg_routes *r, ssg_model *m,
				  const char *name)
{
	return ssg_model_strf(m, "%s" SSG_ROUTES_CHANGES "%s/", r->up, name);
}

const char *ssg_routes_commit_name(const ssg_history *h, size_t i)
{
	const ssg_hcommit *c = ssg_history_commit(h, i);
	return ssg_history_short_unique(h, i) ? c->short_oid : c->oid;
}

const char *ssg_routes_revision(ssg_model *m, const char *tag)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_REVISIONS "%s/",
				     ssg_routes_slug(m, tag)));
}

const char *ssg_routes_row(ssg_model *m, const char *table, const char *key)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_TABLES "%s/%s/",
				     ssg_routes_slug(m, table),
				     ssg_routes_slug(m, key)));
}

const char *ssg_routes_copy_dir(ssg_model *m, const char *tag)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_REVISIONS "%s/site/",
				     ssg_routes_slug(m, tag)));
}

const char *ssg_routes_year_dir(ssg_model *m, const char *year)
{
	return ssg_value_str(ssg_model_strf(m, SSG_ROUTES_YEARS "%s/",
				     ssg_routes_slug(m, year)));
}
