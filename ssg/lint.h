/*
 * lint — warnings about the plan's own text and figures, the slips an
 * official document carries: numbered items that skip a number (task and
 * indicator ids, numbered headings and list items of a page), dates that
 * cannot exist or are malformed ("31/02/2024", "27/9/8/2022", "ngày 30
 * tháng 2 năm 2024"), one document number ("2214/QĐ-TTg") cited with two
 * different dates, a percentage outside 0-100 in the data, and a task
 * marked done below 100% progress.
 *
 * Warnings only (PATH:LINE:COL: warning: ...): the plan is published as
 * it was signed, so these point at what the issuer may want to correct.
 * Everything scanned is bounded by the input's size.
 */
#ifndef SSG_LINT_H
#define SSG_LINT_H

#include "err.h"
#include "plan.h"
#include "repo.h"

/* Adds the warnings for plan p, loaded from snap (read again, from its
 * cache, to place warnings inside CSV cells and front matter). */
void ssg_lint_plan(const ssg_plan *p, ssg_snapshot *snap, ssg_diags *d);

/* The text checks alone, on one string: dates and citations, with
 * positions counted from line `line`, column 1 of `path`.  For tests and
 * fuzzing. */
void ssg_lint_text(const char *path, const char *s, size_t n, unsigned line,
		   ssg_diags *d);

#endif
