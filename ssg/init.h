/*
 * init — a new plan repository a clerk can start from (`ssg init DIR`).
 *
 * DIR, new or empty, becomes a git repository (branch main, no commit)
 * holding: content/_index.md with every field of the front matter, each
 * explained in Vietnamese; a first section that embeds the two tables;
 * data/indicators.csv and data/tasks.csv with the contract's headers
 * and one example row each; data/datapackage.json with the columns'
 * Vietnamese titles; a .gitignore for the site ssg writes; and a
 * pre-commit hook that runs `ssg check --worktree`, so that a commit
 * with errors is refused.  The result checks clean at once.
 *
 * Files are made new (never over an existing one) with mode 0644, the
 * hook 0755.  Nothing is printed: main.c says what to do next.
 */
#ifndef SSG_INIT_H
#define SSG_INIT_H

#include "err.h"

typedef struct {
	const char *dir;  /* the repository to make */
	const char *self; /* this program's path, for the hook; may be NULL */
	int year;         /* the plan's year, in the examples */
} ssg_init_opts;

int ssg_init(const ssg_init_opts *o, ssg_diags *d) SSG_WUR;

#endif
