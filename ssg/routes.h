/*
 * routes — where each kind of page lives: the site's URL layout, in one
 * place.  Directories are relative to a site's root and end in '/'
 * ("indicators/chi-tieu-1/"); every string is made in the model given.
 *
 * A site is the main site, a revision copy (revisions/<tag>/site/, the
 * whole site as it stood at an official revision) or a past year's copy
 * (years/<year>/, the whole site as it stood at the last commit of that
 * year's plan, years.h).  A copy does not
 * write the pages that do not depend on the revision (a commit's, a
 * revision's, a row's history that the main site still has), nor, in a
 * revision's copy, the posts that show there what they show on the main
 * site (lean.h): it links to the main site's.  That difference is a routes value, made once per
 * site, not a flag its pages test: ssg_routes_shared gives the link to
 * such a page from this site, ssg_routes_writes_shared whether this site
 * writes them.
 */
#ifndef SSG_ROUTES_H
#define SSG_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "history.h"
#include "model.h"

typedef struct ssg_routes ssg_routes;

/* The main site's routes. */
ssg_routes *ssg_routes_main(void);
/* The routes of the revision copy of tag `tag` (a tag name, slugged
 * here). */
ssg_routes *ssg_routes_copy(const char *tag);
/* The routes of the copy of the past year `year` (slugged here). */
ssg_routes *ssg_routes_year(const char *year);
void ssg_routes_free(ssg_routes *r); /* accepts NULL */

/* False in a copy: the pages shared by every site are the main
 * site's. */
bool ssg_routes_writes_shared(const ssg_routes *r);
/* The link from this site to `dir`, a page of the main site that every
 * copy shares: `dir` itself in the main site, "../../../" + dir in a
 * revision copy, "../../" + dir in a year's. */
const char *ssg_routes_shared(const ssg_routes *r, ssg_model *m,
			      const char *dir);

/* A URL path segment for an id or a name: its slug ("Mục đích" ->
 * "muc-dich"), "_" when that is empty. */
const char *ssg_routes_slug(ssg_model *m, const char *id);
/* The way back to the root from a page in `dir`: "./" for the root,
 * "../../" two directories down. */
const char *ssg_routes_root(ssg_model *m, const char *dir);

/* The lists, each one page (or its first: ssg_routes_list_page). */
#define SSG_ROUTES_INDICATORS "indicators/"
#define SSG_ROUTES_TASKS "tasks/"
#define SSG_ROUTES_POSTS "posts/"
#define SSG_ROUTES_DATA "data/"
#define SSG_ROUTES_DISCLOSURE "disclosure/"
#define SSG_ROUTES_CHANGES "changes/"
#define SSG_ROUTES_REVISIONS "revisions/"
#define SSG_ROUTES_SEARCH "search/"
#define SSG_ROUTES_YEARS "years/"
/* The tables' pages and the theme's files, under these. */
#define SSG_ROUTES_TABLES "tables/"
#define SSG_ROUTES_STATIC "static/"
/* The top-level directories above, NULL-ended: the site keeps them for
 * its own pages, and no section may be at one (urls.h). */
extern const char *const ssg_routes_own[];
/* Page k of a list at `dir`: dir itself (the newest items) for 0, else
 * dir/page/K/, numbered from the oldest (emit.h). */
const char *ssg_routes_list_page(ssg_model *m, const char *dir, size_t p);

/* A plan section by its slug, a post by its slug. */
const char *ssg_routes_section(ssg_model *m, const char *slug);
const char *ssg_routes_post(ssg_model *m, const char *slug);
/* A revision copy's posts that are the main site's pages (lean.h): the
 * copy links to them there and does not write them.  Does nothing in
 * the main site. */
void ssg_routes_share_posts(ssg_routes *r, const char *const *slugs,
			    size_t n);
bool ssg_routes_post_shared(const ssg_routes *r, const char *slug);
/* A revision copy whose lists of the history's commits (changes/) show
 * their items as the main site does (lean.h): its numbered pages that
 * hold the main site's commits alike are the main site's (emit.h's
 * ssg_emit_list).  Does nothing in the main site. */
void ssg_routes_share_lists(ssg_routes *r);
bool ssg_routes_lists_shared(const ssg_routes *r); /* r may be NULL */
/* The link from this site to the post at `slug`: its own page, or the
 * main site's where the two are the same.  r NULL: the main site. */
const char *ssg_routes_post_link(const ssg_routes *r, ssg_model *m,
				 const char *slug);
/* An indicator by its id, a table by its name (both slugged here). */
const char *ssg_routes_indicator(ssg_model *m, const char *id);
const char *ssg_routes_table(ssg_model *m, const char *name);
/* The open-data file data/<table>.<ext>. */
const char *ssg_routes_data_file(ssg_model *m, const char *table,
				 const char *ext);

/* Pages every site shares (see ssg_routes_shared): a commit's page by its
 * name (ssg_history_commit_name), a revision's by its tag name, the
 * history of a table's row by the table's name and the row's key. */
const char *ssg_routes_commit(ssg_model *m, const char *name);
/* The link from r's pages to that commit's page (ssg_routes_shared of
 * ssg_routes_commit), one string value of m: 20,000 of them a site. */
ssg_value *ssg_routes_commit_url(const ssg_routes *r, ssg_model *m,
				  const char *name);
/* The name of commit i's page: its short id, or its whole id where two
 * commits of the history share the short one, so that no page is lost
 * (lent by h).  A revision copy shares the main site's history, and so
 * the names. */
const char *ssg_routes_commit_name(const ssg_history *h, size_t i);
const char *ssg_routes_revision(ssg_model *m, const char *tag);
const char *ssg_routes_row(ssg_model *m, const char *table, const char *key);
/* revisions/<tag>/site/: where the copy of tag lives in the main site. */
const char *ssg_routes_copy_dir(ssg_model *m, const char *tag);
/* years/<year>/: where the copy of a past year lives in the main site. */
const char *ssg_routes_year_dir(ssg_model *m, const char *year);

#endif
