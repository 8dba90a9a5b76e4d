/*
 * urls — the addresses the plan's names give: two names, one address.
 *
 * Sections and posts are at their slugs, tables, indicators and rows at
 * the slugs of their names and keys, official revisions at the slugs of
 * their tags (routes.h).  Names that differ only in marks or case
 * ("ban-1", "bản-1"; "Xã A", "xa-a") give one address, and a section may
 * not take an address the site keeps for its own pages.  These checks
 * run before any page is made, so that `ssg check` finds what `ssg build`
 * would, and report each clash once, at the line that names it, with
 * both names.  Each address they report is marked in the site's claims
 * (claims.h), the net under every write, which then does not report it
 * again.
 */
#ifndef SSG_URLS_H
#define SSG_URLS_H

#include <stddef.h>

#include "claims.h"
#include "err.h"
#include "plan.h"
#include "repo.h"

/* Sections, posts, tables, indicators and the rows of every table.
 * SSG_ERR_CONTENT when any clash was reported. */
int ssg_urls_check_plan(const ssg_plan *p, ssg_claims *c, ssg_diags *d);

/* The official revisions (the tags of the built history): an
 * environment error each, as a tag has no file to point at. */
int ssg_urls_check_tags(const ssg_tag_info *tags, size_t n, ssg_claims *c,
			ssg_diags *d);

#endif
