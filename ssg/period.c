/* period — see period.h. */
#include "period.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "frontmatter.h"
#include "model.h"

bool ssg_period_of_text(const char *src, size_t len, ssg_buf *out)
{
	ssg_buf_clear(out);
	ssg_model *m = ssg_model_new();
	ssg_diags *quiet = ssg_diags_new();
	const ssg_value *meta = NULL;
	size_t body_off = 0;
	unsigned body_line = 0;
	if (ssg_frontmatter_parse(m, SSG_PERIOD_FILE, src, len, &meta,
				  &body_off, &body_line, quiet) == SSG_OK) {
		/* A year written as a number (year: 2025) is a string
		 * too: scalars are (frontmatter.h). */
		const char *y = ssg_value_get_str(meta, "year");
		ssg_str t = ssg_str_trim((ssg_str){y, strlen(y)});
		ssg_buf_put(out, t.p, t.n);
	}
	ssg_diags_free(quiet);
	ssg_model_free(m);
	return out->len > 0;
}

bool ssg_period_same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

size_t ssg_period_runs(const char *(*period)(const void *ctx, size_t i),
		       const void *ctx, size_t n, ssg_period_run **out)
{
	ssg_period_run *runs = NULL;
	size_t nruns = 0;
	for (size_t i = 0; i < n; i++) {
		const char *y = period(ctx, i);
		if (!y)
			continue;
		if (nruns && runs[nruns - 1].last + 1 == i &&
		    ssg_period_same(runs[nruns - 1].year, y)) {
			runs[nruns - 1].last = i;
			continue;
		}
		runs = ssg_xgrow(runs, nruns, sizeof(*runs));
		runs[nruns++] = (ssg_period_run){y, i, i};
	}
	/* A year's earlier runs give way to its latest. */
	size_t kept = 0;
	for (size_t r = 0; r < nruns; r++) {
		bool later = false;
		for (size_t s = r + 1; s < nruns && !later; s++)
			later = ssg_period_same(runs[r].year, runs[s].year);
		if (!later)
			runs[kept++] = runs[r];
	}
	if (!kept) {
		free(runs);
		runs = NULL;
	}
	*out = runs;
	return kept;
}
