/*
 * term — text for a reviewer's terminal, shared by `ssg history` and
 * `ssg diff`: content with its control characters shown as ^X, so that
 * a repository cannot move the cursor or recolour the screen, ANSI
 * colours when asked for, and the one-line form of a row change.
 */
#ifndef SSG_TERM_H
#define SSG_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Content: control characters as ^X, an empty value as "". */
void ssg_term_put(ssg_buf *b, const char *s);
/* A heading line, in bold with colour.  s is ssg's own text or a path
 * and is written as it is. */
void ssg_term_heading(ssg_buf *b, const char *s, bool color);

typedef enum {
	SSG_TERM_ADDED,
	SSG_TERM_REMOVED,
	SSG_TERM_CHANGED,
	SSG_TERM_SCHEMA,
	SSG_TERM_GAP
} ssg_term_kind;

/* One change of a table, as history.h and diff.h both describe one. */
typedef struct {
	ssg_term_kind kind;
	const char *table;
	const char *key;   /* NULL: no row */
	const char *field; /* CHANGED: the column; SCHEMA: "renamed",
			      "added" or "removed" */
	const char *old, *new_; /* CHANGED; SCHEMA: column names or NULL */
	const char *error;      /* GAP */
	size_t ncols;           /* ADDED, REMOVED: the row */
	const char *const *cols;
	const char *const *vals;
} ssg_term_event;

/* "table/key" + sep + what changed ("target: 90 → 88", "added: id=7,
 * name=…", "column renamed: a → b", "version not readable: …"), without
 * a newline; old values red and new ones green with colour. */
void ssg_term_event_put(ssg_buf *b, const ssg_term_event *e, const char *sep,
			bool color);

#endif
