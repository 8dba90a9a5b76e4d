/*
 * term — text for a reviewer's terminal, shared by `ssg history` and
 * `ssg diff`: content with its control characters shown as ^X or M-^X, so that
 * a repository cannot move the cursor or recolour the screen, ANSI
 * colours when asked for, and the one-line form of a history event
 * (history.h), which reviews of two revisions use too.
 */
#ifndef SSG_TERM_H
#define SSG_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "hev.h"

/* Content: C0 control characters as ^X, C1 ones (U+0080-U+009F) as
 * M-^X (cat -v's form: U+009B CSI is M-^[), bytes that are not UTF-8 as
 * U+FFFD, an empty value as "". */
void ssg_term_put(ssg_buf *b, const char *s);
/* A heading line, in bold with colour; s (a path) as content. */
void ssg_term_heading(ssg_buf *b, const char *s, bool color);

/* "table/key" + sep + what changed ("target: 90 → 88", "added: id=7,
 * name=…", "column renamed: a → b", "version not readable: …"), without
 * a newline; old values red and new ones green with colour. */
void ssg_term_event_put(ssg_buf *b, const ssg_hev *e, const char *sep,
			bool color);
/* The same with the row's name after its key, in quotes
 * ("indicators/5 “Tỷ lệ gia đình văn hóa”"); label may be NULL. */
void ssg_term_event_named(ssg_buf *b, const ssg_hev *e, const char *label,
			  const char *sep, bool color);

/* The line that says two revisions belong to different plan periods
 * (contract section 1: a new year's plan is no revision of the old one),
 * in the user's language, with its newline: "A belongs to the plan for
 * 2024, B to the plan for 2025: these are two different plans, not a
 * revision."  Labels and periods as content. */
void ssg_term_periods(ssg_buf *b, const char *label_a, const char *period_a,
		      const char *label_b, const char *period_b);

#endif
