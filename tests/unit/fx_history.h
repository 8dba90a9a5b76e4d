/* Test helper for the history's page texts.  Header-only, like
 * fixture.h. */
#ifndef SSG_TEST_FX_HISTORY_H
#define SSG_TEST_FX_HISTORY_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "fixture.h"
#include "history.h"
#include "plan.h"
#include "repo.h"

/* What ssg_history_page_text gives, through a reader of h's own, as a
 * string valid until the call after next (the tests compare the two
 * versions of a page at once); "(unreadable)" when it gives nothing. */
static inline const char *fx_page_text(ssg_history *h, const ssg_hpage *p,
				       bool after)
{
	static ssg_buf ring[2]; /* reachable to the end: not a leak */
	static int k;
	ssg_buf *b = &ring[k ^= 1];
	ssg_history_reader *r = ssg_history_reader_new(h);
	bool ok = r && ssg_history_page_text(r, p, after, b);
	ssg_history_reader_free(r);
	return ok ? ssg_buf_cstr(b) : "(unreadable)";
}

/* The fixture repository `rel` of `dir` as a site sees it: opened, its
 * history walked, its HEAD's snapshot and plan loaded (each out
 * parameter the caller frees).  Problems are printed; SSG_OK or the
 * first failure. */
static inline int fx_load_plan(const char *dir, const char *rel,
			       ssg_repo **repo, ssg_history **hist,
			       ssg_snapshot **snap, ssg_plan **plan)
{
	ssg_diags *d = ssg_diags_new();
	char *path = fx_path(dir, rel);
	int rc = ssg_repo_open(repo, path, d);
	if (rc == SSG_OK)
		rc = ssg_history_load(hist, *repo, NULL, NULL, 0, NULL, d);
	if (rc == SSG_OK)
		rc = ssg_repo_snapshot(*repo, NULL, snap, d);
	ssg_plan_opts po = {0};
	if (rc == SSG_OK)
		rc = ssg_plan_load(plan, *snap, &po, d);
	for (size_t i = 0; i < ssg_diags_count(d); i++)
		fprintf(stderr, "%s\n", ssg_diags_get(d, i)->msg);
	free(path);
	ssg_diags_free(d);
	return rc;
}

#endif
