/*
 * term — text for a reviewer's terminal, shared by `ssg history` and
 * `ssg diff`: content with its control characters shown as ^X or M-^X, so that
 * a repository cannot move the cursor or recolour the screen, ANSI
 * colours when asked for, and the one-line form of a history event
 * (history.h), which reviews of two revisions use too, in the titles
 * the site shows (titles.h).
 */
#ifndef SSG_TERM_H
#define SSG_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "hev.h"
#include "titles.h"

/* Content: C0 control characters as ^X, C1 ones (U+0080-U+009F) as
 * M-^X (cat -v's form: U+009B CSI is M-^[), bytes that are not UTF-8 as
 * U+FFFD, an empty value as "". */
void ssg_term_put(ssg_buf *b, const char *s);
/* A heading line, in bold with colour; s (a path) as content. */
void ssg_term_heading(ssg_buf *b, const char *s, bool color);

/* Commit time t (seconds since the epoch) at its own offset (minutes
 * east of UTC; never the process's time zone) in the form `fmt` gives:
 * a strftime(3) form that the catalogue translates, so that a date reads
 * in the user's language ("%Y-%m-%d" is 2024-07-08 in English and
 * 08/07/2024 under the Vietnamese "%d/%m/%Y"), in which %z stands for
 * the offset as ISO 8601 writes it ("+07:00").  The one date form of
 * `ssg diff` and `ssg history`. */
void ssg_term_time(ssg_buf *b, const char *fmt, long long t, int offset);

/* How ssg_term_event writes an event. */
typedef struct {
	/* The words a reader sees for tables and columns (titles.h): the
	 * titles of commit `at`; NULL titles: the contract's, else the
	 * names. */
	const ssg_titles *titles;
	size_t at;
	bool table;        /* the table's title before the row's key */
	const char *label; /* the row's name, after its key; NULL: none */
	const char *sep;   /* between the row and what changed */
	bool color;        /* old values red, new ones green */
} ssg_term_how;

/* An event on one line, without a newline, in the words the site uses
 * (contract section 5): the row ("Các chỉ tiêu — id 5" or "id 5", its
 * name in quotes), sep, then what changed by the columns' titles
 * ("Kế hoạch: 90 → 88", an empty cell as "(empty)"; "added: Mã: 7,
 * Chỉ tiêu: …" without the empty cells; "column renamed: a → b";
 * "version not readable: …"), words through gettext, content through
 * ssg_term_put. */
void ssg_term_event(ssg_buf *b, const ssg_hev *e, const ssg_term_how *how);

/* The line that says two revisions belong to different plan periods
 * (contract section 1: a new year's plan is no revision of the old one),
 * in the user's language, with its newline: "A belongs to the plan for
 * 2024, B to the plan for 2025: these are two different plans, not a
 * revision."  Labels and periods as content. */
void ssg_term_periods(ssg_buf *b, const char *label_a, const char *period_a,
		      const char *label_b, const char *period_b);

#endif
