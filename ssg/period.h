/*
 * period — which plan a version of a site belongs to (contract section
 * 1): a plan is yearly, and the `year` in the front matter of
 * content/_index.md names the period of every commit.  A commit that
 * changes it opens a new period, a new plan and not a revision of the
 * old one.
 *
 * Read from the text of one version of that file, so that the history
 * walk (history.c, once per blob id) and the reviewer's diff (review.c,
 * once per snapshot) agree on it.  Pure: no repository, no state.
 */
#ifndef SSG_PERIOD_H
#define SSG_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The file whose front matter names the period. */
#define SSG_PERIOD_FILE "content/_index.md"

/* The period of the _index.md text src[0..len): its `year`, trimmed,
 * put in out (cleared first).  False, out empty, when the text has no
 * front matter that parses or no non-empty `year` in it: such a version
 * names no period (the history carries the one before it on, as only
 * the revision being built must be valid). */
bool ssg_period_of_text(const char *src, size_t len, ssg_buf *out);

/* Whether two periods (NULL: none named) are the same plan. */
bool ssg_period_same(const char *a, const char *b);

/* A plan period in a chain of commits: its commits [first, last]. */
typedef struct {
	const char *year; /* lent */
	size_t first, last;
} ssg_period_run;

/* The plans of a chain of n commits, commit i of period period(ctx, i)
 * (NULL: none named yet), oldest first: one per year, each the latest
 * run of commits of that year (a year that comes back, 2024 after 2025
 * by mistake, is the plan as it last stood), so the last one is the
 * last commit's own when it names a period.  Commits of no period
 * are no plan's.  *out is malloc'd (NULL for none); returns the count. */
size_t ssg_period_runs(const char *(*period)(const void *ctx, size_t i),
		       const void *ctx, size_t n, ssg_period_run **out);

#endif
