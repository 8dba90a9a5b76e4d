/*
 * prov — where what a page shows comes from (contract section 5): the
 * newest commit that changed it, which the page shows with its date and
 * a link to that commit's page.  The commit the whole site was built
 * from is not a page's provenance: it is shown on the overview, on
 * changes/ and in build.json only, so that a new commit changes only the
 * pages whose content it changes.
 *
 * What a page shows is its own files (a Markdown page: the last commit
 * that changed it), the tables it lists (the last event of the table)
 * and the rows it shows (the last event of each).  Made once per site
 * from its history view, read-only afterwards, so that its threads share
 * it.  Every function accepts a NULL prov (a site without history) and
 * then knows of no commit (-1).
 */
#ifndef SSG_PROV_H
#define SSG_PROV_H

#include <stddef.h>

#include "hview.h"
#include "model.h"
#include "plan.h"

typedef struct ssg_prov ssg_prov;

/* The provenance of the site whose view is v (NULL: none).  Borrows v. */
ssg_prov *ssg_prov_new(const ssg_hview *v);
void ssg_prov_free(ssg_prov *p); /* accepts NULL */

/* The newest commit of the site that changed the file at `path`
 * ("content/posts/x.md"), or -1. */
long ssg_prov_file(const ssg_prov *p, const char *path);
/* The newest commit of the site with an event of table `name`, or -1. */
long ssg_prov_table(const ssg_prov *p, const char *name);
/* The newest commit with an event of row r of t (of the site's plan), or
 * -1. */
long ssg_prov_row(const ssg_prov *p, const ssg_plan_table *t, size_t r);

/* The newer of two commits (-1 for none). */
static inline long ssg_prov_max(long a, long b)
{
	return a > b ? a : b;
}

/* Commit c as pages show it (hview.h), or NULL for c < 0. */
const ssg_value *ssg_prov_commit(const ssg_prov *p, long c);
/* Sets page.provenance to commit c as pages show it ({short, oid, date, iso,
 * url, ...}, hview.h); nothing for c < 0. */
void ssg_prov_show(const ssg_prov *p, ssg_value *page, long c);

#endif
