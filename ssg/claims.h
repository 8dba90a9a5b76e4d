/*
 * claims — which page each output file of one site comes from, so that
 * two pages that would be one file are one error naming both, found by
 * `ssg check` as by `ssg build`.
 *
 * Every write of the page layer goes through emit.h, which takes the
 * file's path here first, for the page it writes, in a check as in a
 * build.  A path another page already has is a clash: the second page is
 * not written, the clash is kept, and ssg_claims_report turns each into
 * one diagnostic naming both pages as a clerk knows them (a file of the
 * repository, a row of a table, a tag) or the site's own page.  A build
 * with a clash fails, so OUT stays as it was.
 *
 * Two paths that differ only in letter case or Unicode form ("Logo.png",
 * "logo.png") are one file where the site or its archive is opened on
 * Windows or macOS: they clash too.  Paths are compared in the form keys
 * are matched in (ssg_text_key).
 *
 * The names the plan gives (sections, posts, tables, rows, tags) are
 * checked earlier, with a line each and before any page is made (urls.h);
 * what those checks reported is marked here (ssg_claims_reported) so
 * that it is not reported twice.  This is the net under them: any route,
 * however it is added, that lands on another page's file.
 *
 * Owns: the paths (copied).  Borrows: the strings of each ssg_from, which
 * must outlive the claims (the plan's paths and keys, the tags' names).
 * ssg_claims_take may be called from several threads at once.
 */
#ifndef SSG_CLAIMS_H
#define SSG_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Where a page comes from, as the person who keeps the site knows it.
 * A NULL ssg_from is the site's own page: a list, the search, the feed,
 * a commit's page, a file of the built-in theme. */
typedef enum {
	SSG_FROM_FILE, /* path: content/01-x.md, data/x.csv, theme/static/x */
	SSG_FROM_ROW,  /* path, line and name (its key): a row's page */
	SSG_FROM_TAG   /* name: an official revision's page */
} ssg_from_kind;

typedef struct {
	ssg_from_kind kind;
	const char *path;
	unsigned line; /* where the file names the page; 0 for its top */
	const char *name;
} ssg_from;

typedef struct ssg_claims ssg_claims;

ssg_claims *ssg_claims_new(void);
void ssg_claims_free(ssg_claims *c); /* accepts NULL */

/* Takes `path` (from the site's root: "posts/x/index.html") for the page
 * `from`.  True when the file is this page's to write; false, keeping
 * the clash for the report, when another page has it. */
bool ssg_claims_take(ssg_claims *c, const char *path, const ssg_from *from);

/* The clashes under `dir` ("tables/thon/"), or at the file `dir` names
 * when it does not end in '/', were reported by the checks of the names,
 * with their lines: ssg_claims_report leaves them out.  One thread,
 * before the takes. */
void ssg_claims_reported(ssg_claims *c, const char *dir);

/* Reports each clash not yet reported, once per pair of pages, sorted,
 * so that the report does not depend on which thread took a file first:
 * "PATH:LINE:COL: error:" at a page's file where one of the two has
 * one, else "ssg: error:".  Returns how many it reported; the clashes
 * are then forgotten.  One thread, after the takes. */
size_t ssg_claims_report(ssg_claims *c, ssg_diags *d);

#endif
