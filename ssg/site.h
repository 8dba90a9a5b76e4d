/*
 * site — from a repository revision to a written website.
 *
 * Opens the repository, takes the snapshot, loads and checks the plan
 * (plan.h), builds the page models and renders them through the theme's
 * templates into a new output tree that replaces OUT only when every page
 * is written.  With out == NULL it does everything but write: that is
 * `ssg check`.
 */
#ifndef SSG_SITE_H
#define SSG_SITE_H

#include <stdbool.h>

#include "err.h"
#include "plan.h"
#include "progress.h"

typedef struct {
	const char *repo; /* -C; "." by default */
	const char *rev;  /* NULL = HEAD */
	bool worktree;    /* read the work tree instead of a commit */
	const char *out;  /* NULL = check only */
	/* build --archive: after a build without errors, OUT zipped here
	 * (archive.h), dated with the built commit's time as its
	 * committer's wall clock (SSG_ARCHIVE_EPOCH without commits). */
	const char *archive;
	bool no_history;  /* build without reading history (shallow clone) */
	ssg_plan_opts plan;
	ssg_progress *progress; /* may be NULL */
} ssg_site_opts;

int ssg_site_build(const ssg_site_opts *o, ssg_diags *d) SSG_WUR;

#endif
