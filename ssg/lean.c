/* lean — which pages of a revision copy are the main site's (lean.h). */
#include "lean.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"

#define POSTS_DIR "content/posts/"
#define THEME_DIR "theme/"

static bool under(const char *path, const char *dir)
{
	return strncmp(path, dir, strlen(dir)) == 0;
}

/* The main site has file f as it is.  A work tree's files have no blob
 * id (repo.h): never the same as a revision's. */
static bool main_has(const ssg_snapshot *main, const ssg_file *f)
{
	const ssg_file *g = ssg_snapshot_find(main, f->path);
	return g && f->oid[0] && strcmp(f->oid, g->oid) == 0;
}

/* The files under theme/ of a and b, in path order (repo.h), are the
 * same files. */
static bool same_theme(const ssg_snapshot *a, const ssg_snapshot *b)
{
	size_t na = ssg_snapshot_count(a), nb = ssg_snapshot_count(b);
	size_t i = 0, j = 0;
	for (;;) {
		while (i < na && !under(ssg_snapshot_file(a, i)->path, THEME_DIR))
			i++;
		while (j < nb && !under(ssg_snapshot_file(b, j)->path, THEME_DIR))
			j++;
		if (i == na || j == nb)
			return i == na && j == nb;
		const ssg_file *f = ssg_snapshot_file(a, i++);
		const ssg_file *g = ssg_snapshot_file(b, j++);
		if (strcmp(f->path, g->path) != 0 || !f->oid[0] ||
		    strcmp(f->oid, g->oid) != 0)
			return false;
	}
}

void ssg_lean_posts(const ssg_plan *plan, const ssg_snapshot *snap,
		    const ssg_snapshot *main, ssg_routes *r)
{
	if (!same_theme(snap, main))
		return;
	size_t n = ssg_plan_nposts(plan), k = 0;
	const char **slugs = ssg_xcalloc(n + 1, sizeof(*slugs));
	for (size_t i = 0; i < n; i++) {
		const ssg_plan_page *pg = ssg_plan_post(plan, i);
		const ssg_file *f = ssg_snapshot_find(snap, pg->path);
		if (f && main_has(main, f) &&
		    ssg_md_quotes_nothing(pg->body, pg->body_len))
			slugs[k++] = pg->slug;
	}
	ssg_routes_share_posts(r, slugs, k);
	free(slugs);
}

void ssg_lean_digest(const ssg_snapshot *snap, const ssg_snapshot *main,
		     ssg_digest *dg)
{
	ssg_digest_str(dg, "lean 1");
	ssg_digest_u64(dg, same_theme(snap, main));
	for (size_t i = 0; i < ssg_snapshot_count(snap); i++) {
		const ssg_file *f = ssg_snapshot_file(snap, i);
		if (under(f->path, POSTS_DIR) && main_has(main, f))
			ssg_digest_str(dg, f->path);
	}
}
