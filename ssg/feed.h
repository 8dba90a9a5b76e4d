/*
 * feed — feed.xml, the Atom feed of a site's posts and data changes,
 * newest first, at most 100 entries, with ids that never change: a
 * post's by its slug, a change's by its commit id, the site's by its
 * root commit (its title without history).  A change's summary says
 * what it changed in sentences (hview.h), the first EVENTS_MAX of them.
 * The entries are made here as values; the XML is the theme's template "feed" (theme/feed.mustache),
 * whose {{x}} escapes for XML as for HTML.
 */
#ifndef SSG_FEED_H
#define SSG_FEED_H

#include <stddef.h>

#include "emit.h"
#include "hview.h"
#include "plan.h"
#include "repo.h"
#include "routes.h"

typedef struct {
	const ssg_plan *plan;          /* posts, and the feed's title */
	const ssg_commit_info *built;  /* the built commit, or NULL */
	const ssg_hview *view;         /* the site's history; NULL without */
	const ssg_routes *routes;      /* the site's: where its posts are */
} ssg_feed_in;

/* Writes feed.xml through e.  Reports its own problems; returns an
 * ssg_code. */
int ssg_feed_write(ssg_emit *e, const ssg_feed_in *in) SSG_WUR;

#endif
