/* urls — two names, one address (urls.h). */
#include "urls.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "routes.h"
#include "text.h"

/* Pages of one kind (sections, or posts) that share a slug: each page is
 * reported with every one before it that has its slug.  Sorted, not
 * compared in pairs: a site of 10,000 posts made 50 million pairs. */
static int dup_slugs(const ssg_plan *p, bool posts, ssg_model *m,
		     ssg_claims *c, ssg_diags *d)
{
	size_t n = posts ? ssg_plan_nposts(p) : ssg_plan_nsections(p);
	const ssg_plan_page **pages = ssg_xcalloc(n + 1, sizeof(*pages));
	ssg_slug_ref *r = ssg_xcalloc(n + 1, sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		pages[i] = posts ? ssg_plan_post(p, i) : ssg_plan_section(p, i);
		r[i] = (ssg_slug_ref){pages[i]->slug, i};
	}
	ssg_slug_refs_sort(r, n);
	int rc = SSG_OK;
	size_t g = 0; /* the first of the run of r[k]'s slug */
	for (size_t k = 1; k < n; k++) {
		if (strcmp(r[k].slug, r[g].slug) != 0) {
			g = k;
			continue;
		}
		const ssg_plan_page *a = pages[r[k].i];
		for (size_t j = g; j < k; j++)
			ssg_diags_error(d, a->path, 1, 1,
					"slug '%s' is already used by %s",
					a->slug, pages[r[j].i]->path);
		ssg_claims_reported(c, posts ? ssg_routes_post(m, a->slug)
					     : ssg_routes_section(m, a->slug));
		rc = SSG_ERR_CONTENT;
	}
	free(r);
	free(pages);
	return rc;
}

/* A section at an address the site keeps for its own pages, whether or
 * not this site has them (a site without posts may get some). */
static int own_addresses(const ssg_plan *p, ssg_model *m, ssg_claims *c,
			 ssg_diags *d)
{
	int rc = SSG_OK;
	for (size_t i = 0; i < ssg_plan_nsections(p); i++) {
		const ssg_plan_page *pg = ssg_plan_section(p, i);
		const char *dir = ssg_routes_section(m, pg->slug);
		for (size_t k = 0; ssg_routes_own[k]; k++) {
			if (strcmp(dir, ssg_routes_own[k]) != 0)
				continue;
			const ssg_value *sv = ssg_value_get(pg->meta, "slug");
			ssg_diags_error(d, pg->path, sv ? ssg_value_line(sv) : 1,
					sv ? ssg_value_col(sv) : 1,
					"slug '%s' gives the address %s, which "
					"the site keeps for its own pages: "
					"choose another slug",
					pg->slug, dir);
			ssg_claims_reported(c, dir);
			rc = SSG_ERR_CONTENT;
		}
	}
	return rc;
}

/* A row's key names its page (indicators/<key>/, tables/<t>/<key>/) or
 * anchor (tasks): two keys with one slug would share it.  The same key
 * twice is a duplicate key, already reported where the table loaded. */
static int row_urls(const ssg_plan_table *t, ssg_model *m, ssg_claims *c,
		    ssg_diags *d)
{
	size_t n = ssg_table_nrows(t->table);
	if (n < 2)
		return SSG_OK;
	ssg_slug_ref *refs = ssg_xcalloc(n, sizeof(*refs));
	for (size_t r = 0; r < n; r++)
		refs[r] = (ssg_slug_ref){ssg_routes_slug(m, t->keys[r]), r};
	ssg_slug_refs_sort(refs, n);
	int rc = SSG_OK;
	bool ind = strcmp(t->name, "indicators") == 0;
	for (size_t i = 1; i < n; i++) {
		const ssg_slug_ref *a = &refs[i - 1], *b = &refs[i];
		if (strcmp(a->slug, b->slug) != 0 ||
		    strcmp(ssg_plan_table_key_norm(t, a->i),
			   ssg_plan_table_key_norm(t, b->i)) == 0)
			continue;
		unsigned line = ssg_table_row_line(t->table, b->i);
		if (ind)
			ssg_diags_error(d, t->path, line, 1,
					"indicator id '%s' gives the same page "
					"as '%s' (%s): make the ids differ in "
					"their letters or digits",
					t->keys[b->i], t->keys[a->i], a->slug);
		else
			ssg_diags_error(d, t->path, line, 1,
					"row key '%s' gives the same page as "
					"'%s' (%s): make the keys differ in "
					"their letters or digits",
					t->keys[b->i], t->keys[a->i], a->slug);
		ssg_claims_reported(
			c, ind ? ssg_routes_indicator(m, t->keys[b->i])
			       : ssg_routes_row(m, t->name, t->keys[b->i]));
		rc = SSG_ERR_CONTENT;
	}
	free(refs);
	return rc;
}

/* Tables and tags have their pages at tables/<slug of the table>/ and
 * revisions/<slug of the tag>/: two names that differ only in marks or
 * case ("ban-1", "bản-1") would write one page twice.  paths[i] is the
 * file that names[i] comes from, or NULL for tags, which have none. */
static int name_urls(const char *const *names, const char *const *paths,
		     size_t n, ssg_claims *c, ssg_diags *d)
{
	if (n < 2)
		return SSG_OK;
	ssg_model *m = ssg_model_new();
	ssg_slug_ref *refs = ssg_xcalloc(n, sizeof(*refs));
	for (size_t i = 0; i < n; i++)
		refs[i] = (ssg_slug_ref){ssg_routes_slug(m, names[i]), i};
	ssg_slug_refs_sort(refs, n);
	int rc = SSG_OK;
	for (size_t i = 1; i < n; i++) {
		const ssg_slug_ref *a = &refs[i - 1], *b = &refs[i];
		if (strcmp(a->slug, b->slug) != 0)
			continue;
		if (paths) {
			ssg_diags_error(d, paths[b->i], 1, 1,
					"tables %s and %s give the same page "
					"tables/%s/: rename one of the files so "
					"that they differ in their letters or "
					"digits",
					paths[a->i], paths[b->i], a->slug);
			ssg_claims_reported(c, ssg_routes_table(m, names[b->i]));
			/* data/Thon.csv, data/thon.csv: one file on
			 * Windows, where the archive may be opened. */
			static const char *const ext[] = {"csv", "json"};
			for (size_t k = 0; k < 2; k++)
				ssg_claims_reported(
					c, ssg_routes_data_file(m, names[b->i],
								ext[k]));
		} else {
			ssg_diags_env(d,
				      "tags '%s' and '%s' give the same page "
				      "revisions/%s/: rename one of them so "
				      "that they differ in their letters or "
				      "digits",
				      names[a->i], names[b->i], a->slug);
			ssg_claims_reported(c,
					    ssg_routes_revision(m, names[b->i]));
		}
		rc = SSG_ERR_CONTENT;
	}
	free(refs);
	ssg_model_free(m);
	return rc;
}

static int table_urls(const ssg_plan *p, ssg_claims *c, ssg_diags *d)
{
	size_t n = ssg_plan_ntables(p);
	const char **names = ssg_xcalloc(n + 1, sizeof(*names));
	const char **paths = ssg_xcalloc(n + 1, sizeof(*paths));
	for (size_t i = 0; i < n; i++) {
		names[i] = ssg_plan_table_at(p, i)->name;
		paths[i] = ssg_plan_table_at(p, i)->path;
	}
	int rc = name_urls(names, paths, n, c, d);
	free(names);
	free(paths);
	return rc;
}

int ssg_urls_check_plan(const ssg_plan *p, ssg_claims *c, ssg_diags *d)
{
	ssg_model *m = ssg_model_new();
	int rc = SSG_OK;
	if (dup_slugs(p, false, m, c, d))
		rc = SSG_ERR_CONTENT;
	if (dup_slugs(p, true, m, c, d))
		rc = SSG_ERR_CONTENT;
	if (own_addresses(p, m, c, d))
		rc = SSG_ERR_CONTENT;
	for (size_t i = 0; i < ssg_plan_ntables(p); i++)
		if (row_urls(ssg_plan_table_at(p, i), m, c, d))
			rc = SSG_ERR_CONTENT;
	if (table_urls(p, c, d))
		rc = SSG_ERR_CONTENT;
	ssg_model_free(m);
	return rc;
}

int ssg_urls_check_tags(const ssg_tag_info *tags, size_t n, ssg_claims *c,
			ssg_diags *d)
{
	const char **names = ssg_xcalloc(n + 1, sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = tags[i].name;
	int rc = name_urls(names, NULL, n, c, d);
	free(names);
	return rc;
}
