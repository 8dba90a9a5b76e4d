/* lean — which pages of a revision copy are the main site's (lean.h). */
#include "lean.h"

#include <stdlib.h>
#include <string.h>

#include "shortcode.h"

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

static int by_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A page change, and its place in the history. */
typedef struct {
	const ssg_hpage *p;
	size_t at;
} change;

static int by_path_then_at(const void *a, const void *b)
{
	const change *x = a, *y = b;
	int c = strcmp(x->p->path, y->p->path);
	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The paths of the Markdown files of commit end - 1 that the commits of
 * h from `end` on changed, sorted, each once; *n of them.  A file those
 * commits added first was not there (a copy has no such file). */
static const char **changed_since(const ssg_history *h, size_t end, size_t *n)
{
	size_t to = h ? ssg_history_npages(h) : 0;
	size_t from = h && end < ssg_history_ncommits(h)
			      ? ssg_history_commit(h, end)->first_page
			      : to;
	size_t nc = from < to ? to - from : 0;
	change *c = ssg_xcalloc(nc + 1, sizeof(*c));
	for (size_t i = 0; i < nc; i++)
		c[i] = (change){ssg_history_page(h, from + i), i};
	ssg_sort(c, nc, sizeof(*c), by_path_then_at);
	const char **paths = ssg_xcalloc(nc + 1, sizeof(*paths));
	*n = 0;
	for (size_t i = 0; i < nc; i++)
		if ((!i || strcmp(c[i].p->path, c[i - 1].p->path) != 0) &&
		    c[i].p->kind != SSG_HPAGE_ADDED)
			paths[(*n)++] = c[i].p->path;
	free(c);
	return paths;
}

/* The main site's page of the post at f's path is the copy's: the same
 * blob, unchanged since the tag, quoting only figures. */
static bool post_same(const ssg_snapshot *main, const ssg_file *f,
		      const char **changed, size_t nchanged)
{
	return f && main_has(main, f) &&
	       !bsearch(&f->path, changed, nchanged, sizeof(*changed), by_path);
}

void ssg_lean_posts(const ssg_plan *plan, const ssg_snapshot *snap,
		    const ssg_snapshot *main, const ssg_history *h,
		    size_t end, ssg_routes *r)
{
	if (!h || end == 0 || !same_theme(snap, main))
		return;
	ssg_routes_share_lists(r);
	size_t nchanged;
	const char **changed = changed_since(h, end, &nchanged);
	size_t n = ssg_plan_nposts(plan), k = 0;
	const char **slugs = ssg_xcalloc(n + 1, sizeof(*slugs));
	for (size_t i = 0; i < n; i++) {
		const ssg_plan_page *pg = ssg_plan_post(plan, i);
		if (post_same(main, ssg_snapshot_find(snap, pg->path), changed,
			      nchanged) &&
		    ssg_shortcode_quotes_only(pg->body, pg->body_len))
			slugs[k++] = pg->slug;
	}
	ssg_routes_share_posts(r, slugs, k);
	free(slugs);
	free(changed);
}

void ssg_lean_digest(const ssg_snapshot *main, const ssg_history *h,
		     size_t end, ssg_digest *dg)
{
	/* What ssg_lean_posts reads of a copy's tree is in the copy's key:
	 * with it, the main site's theme says whether the themes are the
	 * same, and the posts changed since the copy's commit which of its
	 * posts the main site has as they are (a commit's first-parent
	 * diff names every file it changes).  A work tree's files have no
	 * blob id: no post is the main site's then. */
	ssg_digest_str(dg, "lean 3");
	bool tree = h && end > 0 && !ssg_snapshot_is_worktree(main);
	ssg_digest_u64(dg, tree);
	if (!tree)
		return;
	for (size_t i = 0; i < ssg_snapshot_count(main); i++) {
		const ssg_file *f = ssg_snapshot_file(main, i);
		if (under(f->path, THEME_DIR)) {
			ssg_digest_str(dg, f->path);
			ssg_digest_str(dg, f->oid);
		}
	}
	size_t nchanged;
	const char **changed = changed_since(h, end, &nchanged);
	for (size_t i = 0; i < nchanged; i++)
		if (under(changed[i], POSTS_DIR))
			ssg_digest_str(dg, changed[i]);
	free(changed);
}
