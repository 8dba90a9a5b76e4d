/*
 * years — the plans of a site's history (contract section 1): the plan
 * of its built revision's period, and every earlier one, each kept as it
 * stood at its last commit (years/<year>/, a copy made the way a
 * revision's is: revision.h, routes.h) and dated by its publication.
 *
 * A plan is published by the oldest tag on a commit of its period (the
 * revised targets' publication, hview.h); a plan never tagged was
 * published by the commit that opened it.  Never the build's date.
 */
#ifndef SSG_YEARS_H
#define SSG_YEARS_H

#include <stddef.h>

#include "history.h"
#include "repo.h"

typedef struct {
	const char *year;     /* lent by the history */
	size_t first, last;   /* its commits: [first, last] */
	long tag;             /* the tag that published it, or -1 */
	size_t ntags;         /* the tags on commits up to its last */
	long long time;       /* published: the tag's, or first's */
	int offset;
} ssg_year;

/* The plans of commits [0, end) of hist, with its tags (oldest first, in
 * commit order): the built revision's own in *cur (cur->year NULL when
 * its commit names no period), the earlier ones, oldest first, in *past
 * (malloc'd, NULL for none).  Returns how many are past. */
size_t ssg_years_of(const ssg_history *hist, size_t end,
		    const ssg_tag_info *tags, size_t ntags, ssg_year **past,
		    ssg_year *cur);

#endif
