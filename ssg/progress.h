/*
 * progress — what a long build is doing, and what each phase cost.
 *
 * A build is a sequence of phases (open, plan, history, pages, ...).  On
 * a terminal, once the build has run for a second, one status line shows
 * the phase and its count, redrawn at most ten times a second and erased
 * at the end; when stderr is not a terminal nothing is drawn, so logs and
 * pipes stay clean.  With stats on, the end prints a table of each
 * phase's wall and CPU time, what it counted (commits, files) and the
 * bytes it wrote, and the peak memory of the process.
 *
 * Every function accepts NULL and then does nothing, so that the modules
 * that report progress need no test of their own.  ssg_progress_add may
 * be called from any thread; the others from the one that runs the build.
 */
#ifndef SSG_PROGRESS_H
#define SSG_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"

typedef struct ssg_progress ssg_progress;

/* `tty`: where to draw the status line, or NULL not to draw one.
 * `stats`: print the table to `report` at ssg_progress_end. */
ssg_progress *ssg_progress_new(FILE *tty, bool stats, FILE *report);
void ssg_progress_free(ssg_progress *p);

/* Ends the current phase and starts `name` (a static string); `unit`
 * names what it counts ("commits", "files"), `total` how many it expects
 * (0 when unknown). */
void ssg_progress_phase(ssg_progress *p, const char *name, const char *unit,
			size_t total);
/* Counts `n` more items and `bytes` more bytes written in the phase. */
void ssg_progress_add(ssg_progress *p, size_t n, size_t bytes);
/* Ends the last phase, erases the status line and, with stats on,
 * prints the table and the notes. */
void ssg_progress_end(ssg_progress *p);
/* A line printed under the table (with stats on), from the build's
 * thread. */
void ssg_progress_note(ssg_progress *p, const char *fmt, ...)
	SSG_PRINTF(2, 3);

#endif
