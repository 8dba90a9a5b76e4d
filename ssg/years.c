/* years — see years.h. */
#include "years.h"

#include <stdlib.h>
#include <string.h>

#include "period.h"

static const char *commit_period(const void *hist, size_t i)
{
	return ssg_history_commit(hist, i)->period;
}

/* Run r as a plan: its publication and the tags its copy sees. */
static ssg_year year_of(const ssg_history *hist, const ssg_period_run *r,
			const ssg_tag_info *tags, size_t ntags)
{
	const ssg_hcommit *c = ssg_history_commit(hist, r->first);
	ssg_year y = {r->year, r->first, r->last, -1, 0, c->time, c->offset};
	for (size_t t = 0; t < ntags; t++) {
		long at = ssg_history_find(hist, tags[t].target);
		if (at < 0 || (size_t)at > r->last)
			continue;
		y.ntags = t + 1; /* tags are in commit order */
		if (y.tag < 0 && (size_t)at >= r->first) {
			y.tag = (long)t;
			y.time = tags[t].time;
			y.offset = tags[t].offset;
		}
	}
	return y;
}

size_t ssg_years_of(const ssg_history *hist, size_t end,
		    const ssg_tag_info *tags, size_t ntags, ssg_year **past,
		    ssg_year *cur)
{
	ssg_period_run *runs = NULL;
	size_t n = ssg_period_runs(commit_period, hist, end, &runs);
	memset(cur, 0, sizeof(*cur));
	cur->tag = -1;
	/* The last run is the built revision's own when it ends there. */
	if (n && runs[n - 1].last + 1 == end)
		*cur = year_of(hist, &runs[--n], tags, ntags);
	ssg_year *ys = n ? ssg_xcalloc(n, sizeof(*ys)) : NULL;
	for (size_t i = 0; i < n; i++)
		ys[i] = year_of(hist, &runs[i], tags, ntags);
	free(runs);
	*past = ys;
	return n;
}
