/*
 * lean — which pages of a revision copy are the main site's (contract
 * section 5: a copy holds its own page for each page that differed at
 * its revision, and links to the main site's page where the two are the
 * same).
 *
 * "The same" is what the page shows, so that a reader of a revision
 * never reads there what was not so at that revision.  A post is the
 * same when the main site has the very file (same path, same blob id:
 * the same title, date, slug and text) and no commit after the tag
 * changed it, so that it is the file of the same commit at both; its
 * Markdown quotes figures only and embeds no table (a post quotes each
 * figure as it stood at its own commit, which both sites' histories
 * tell alike: shortcode.h); and the repository's theme/ is the same at
 * both (the same templates show it the same way).  Its chrome (the
 * site's navigation, the revision notice, the footer's newest change) is
 * the main site's, as on every page a copy links to there; so is its
 * entry in the search index (search.h).  Every other page of a copy
 * (the overview, sections, indicators, tables, lists of posts and
 * changes, open data, search, feed) shows the figures or the history of
 * its time and stays in the copy, but for the full pages of its list of
 * changes, which hold the main site's commits shown alike (routes.h's
 * ssg_routes_share_lists); pages every site shares were the main site's
 * already (routes.h).
 * Past years' copies (years.h) are whole: they are the plan as it ended.
 */
#ifndef SSG_LEAN_H
#define SSG_LEAN_H

#include "digest.h"
#include "history.h"
#include "plan.h"
#include "repo.h"
#include "routes.h"

/* Marks in r the posts of `plan`, a copy's plan loaded from `snap`,
 * that are the same as the main site's, built from `main` and the
 * history h, whose commits from `end` on came after the copy's (its
 * commit is end - 1); none for end 0, a copy of no commit of h. */
void ssg_lean_posts(const ssg_plan *plan, const ssg_snapshot *snap,
		    const ssg_snapshot *main, const ssg_history *h,
		    size_t end, ssg_routes *r);

/* Adds to dg what ssg_lean_posts reads of `main` and of the commits of
 * h from `end` on, the ones after a copy's: the main site's theme/ and
 * the posts those commits changed.  The rest of what it reads is the
 * copy's own (its tree, in the copy's key already), so that a copy is
 * keyed, and kept, without listing its tree. */
void ssg_lean_digest(const ssg_snapshot *main, const ssg_history *h,
		     size_t end, ssg_digest *dg);

#endif
