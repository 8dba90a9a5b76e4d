/*
 * revision — the official revisions of a build and their copies.
 *
 * An official revision is an annotated tag of a commit on the built
 * chain.  Its copy, revisions/<tag>/site/, is the whole site as it stood
 * at that revision (sitegen.h), with the history up to it; the pages of
 * single commits, revisions and rows' histories are the main site's,
 * linked to, not copied (a copy's routes, routes.h).  A past year's
 * plan, years/<year>/, is a copy made the same way, of the last commit
 * of its period (years.h).
 *
 * The copies are independent of the main site once the history is read:
 * they are jobs of a pool (pool.h), started before the main site's pages
 * and taken by further threads while the build's thread writes those,
 * each copy written through its own sub-tree of the output (out.h).  A
 * copy an earlier build left in the twin is kept instead of made again
 * when its key and the manifest of its files match the records of
 * .git/ssg/copies (copies.h).  A copy's diagnostics are its own and join
 * the build's in job order.
 */
#ifndef SSG_REVISION_H
#define SSG_REVISION_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "history.h"
#include "hview.h"
#include "out.h"
#include "plan.h"
#include "progress.h"
#include "repo.h"
#include "years.h"

/* The official revisions of hist: the annotated tags of repo whose
 * commits are on its chain (one elsewhere, on a side branch or after
 * --rev, is no revision of this history), in the order of their commits;
 * *pub_commit is the oldest one's commit, the publication, or -1.  The
 * caller frees them with ssg_repo_tags_free(*tags, *ntags). */
int ssg_revision_tags(ssg_repo *repo, const ssg_history *hist,
		      ssg_tag_info **tags, size_t *ntags, long *pub_commit,
		      ssg_diags *d) SSG_WUR;

/* What the copies are made from: the build's and its main site's, all
 * lent until ssg_revision_finish (out, repo and their gitdir until
 * ssg_revision_record). */
typedef struct {
	const ssg_plan_opts *plan_opts;
	bool worktree;             /* part of the copies' key */
	ssg_progress *progress;    /* may be NULL */
	ssg_repo *repo;            /* the build thread's; others reopen it */
	ssg_snapshot *snap;        /* the main site's, whose bytes copies borrow */
	ssg_out *out;              /* NULL for a check */
	const ssg_history *hist;
	const ssg_plan_keys *keys; /* the row keys hist was walked with */
	long pub_commit;
	/* The tags whose copies to make, oldest first: none (0) when the
	 * main site's plan did not load cleanly. */
	const ssg_tag_info *tags;
	size_t ntags;
	const ssg_plan *plan;      /* the main site's */
	const ssg_hview *hv;       /* the main site's */
	/* The past years whose copies to make, oldest first (none when
	 * there are no tags' copies either). */
	const ssg_year *years;
	size_t nyears;
} ssg_revision_in;

typedef struct ssg_revision ssg_revision;

/* Starts the copies' jobs on further threads, at once. */
ssg_revision *ssg_revision_start(const ssg_revision_in *in);
/* The blobs the copies' snapshots borrow from the main site's
 * (repo.h), for the main site's revision pages and the readers of its
 * commit pages (history.h) to borrow too; NULL without copies.  Lent
 * until ssg_revision_finish. */
const ssg_blobs *ssg_revision_blobs(const ssg_revision *r);
/* `rc` is the main site's pages' result: after a failure no copy is
 * started any more (a main site that failed is the whole report: its
 * copies would only repeat why, a full disk say).  The calling thread
 * takes the copies left, waits for the others, and moves the copies'
 * diagnostics into d in job order up to the first that failed.  Returns
 * rc, or the first copy's failure. */
int ssg_revision_finish(ssg_revision *r, int rc, ssg_diags *d) SSG_WUR;
/* Once the site is in place (only a site in place is a tree the next
 * build may keep copies from): writes the records of the copies kept or
 * made, for the next build.  Does nothing after a failed finish or a
 * check. */
void ssg_revision_record(const ssg_revision *r);
void ssg_revision_free(ssg_revision *r); /* accepts NULL */

#endif
