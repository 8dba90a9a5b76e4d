/*
 * diff — edit scripts, word diffs of text and keyed diffs of tables.
 *
 * One generic routine (Myers' O(ND) algorithm, linear space, with a work
 * budget) computes edit scripts; word diffs and line diffs of text are
 * built on it.  Tables are not diffed as sequences: their rows are
 * matched by key (contract section 3), and each difference is an event.
 * Diffs are data: renderers here draw word diffs as HTML or for a
 * terminal, templates draw the rest.
 */
#ifndef SSG_DIFF_H
#define SSG_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"
#include "table.h"

/* Work (comparisons and diagonal steps) allowed to one edit script by
 * default.  Past it, the part still unsolved becomes one delete and one
 * insert: the script stays correct, only less fine, and adversarial
 * inputs cost bounded time.  Memory is linear in the input either way. */
#define SSG_DIFF_DEFAULT_BUDGET (64u * 1024 * 1024)
/* Texts larger than this are refused by the word diff (SSG_ERR_LIMIT). */
#define SSG_DIFF_MAX_TEXT (64u * 1024 * 1024)
/* ssg_diff_words switches to line mode when a text is longer. */
#define SSG_DIFF_WORDS_MAX_BYTES (64u * 1024)

typedef enum { SSG_DIFF_EQUAL, SSG_DIFF_DELETE, SSG_DIFF_INSERT } ssg_diff_op;

/* ---- Generic edit scripts ---- */

/* One run of an edit script between sequences A (length n) and B
 * (length m):
 *   EQUAL   A[a, a+len) equals B[b, b+len);
 *   DELETE  A[a, a+len) is removed (b is where it was, in B);
 *   INSERT  B[b, b+len) is added (a is where it goes, in A).
 * Runs are in order and cover both sequences.  Between two EQUAL runs
 * there is at most one DELETE followed by at most one INSERT. */
typedef struct {
	ssg_diff_op op;
	size_t a, b, len;
} ssg_diff_run;

/* An edit script; the caller owns the struct (_init/_fini). */
typedef struct {
	ssg_diff_run *runs;
	size_t len, cap;
	bool coarse; /* the budget ran out somewhere: not minimal there */
} ssg_edits;

void ssg_edits_init(ssg_edits *e);
void ssg_edits_fini(ssg_edits *e);

/* True when A[i] equals B[j]. */
typedef bool (*ssg_diff_eq_fn)(void *ctx, size_t i, size_t j);

/* Replaces e's runs with an edit script turning A into B, minimal unless
 * e->coarse.  `budget` bounds the work (0 = SSG_DIFF_DEFAULT_BUDGET).
 * Common prefix and suffix are stripped first, so a few changes in long
 * sequences cost little.  Never fails. */
void ssg_diff_seq(ssg_edits *e, size_t n, size_t m, ssg_diff_eq_fn eq,
		  void *ctx, size_t budget);

/* The same over 64-bit hashes of the elements: elements with different
 * hashes differ; elements with equal hashes are confirmed with eq (which
 * may be NULL to trust the hashes). */
void ssg_diff_hashes(ssg_edits *e, const uint64_t *ha, size_t n,
		     const uint64_t *hb, size_t m, ssg_diff_eq_fn eq,
		     void *ctx, size_t budget);

/* ---- Word diffs ---- */

/* A piece of a word diff.  EQUAL and INSERT text is from the new text,
 * DELETE text from the old one, both in NFC; lent by the ssg_wdiff. */
typedef struct {
	ssg_diff_op op;
	const char *text;
	size_t len;
} ssg_diff_seg;

typedef struct ssg_wdiff ssg_wdiff;

/* Word diff of UTF-8 texts a and b.  Both are compared in NFC (text.h),
 * so a word typed in decomposed form equals its precomposed form.
 * Tokens are words (letters, digits and marks; "1.250.000" and "72,2"
 * are one word), runs of white space, and single punctuation characters.
 * Segments follow the texts in order; a DELETE is always followed
 * directly by its INSERT, if any; two replacements separated only by
 * white space within a line make one ("90 tỷ" → "88 triệu" is one DELETE
 * and one INSERT).  Texts longer than SSG_DIFF_WORDS_MAX_BYTES are diffed
 * as with ssg_diff_lines.  Invalid UTF-8 is compared as bytes.
 * SSG_ERR_LIMIT when a text is larger than SSG_DIFF_MAX_TEXT (*out is
 * then NULL); otherwise SSG_OK. */
int ssg_diff_words(ssg_wdiff **out, const char *a, size_t an, const char *b,
		   size_t bn) SSG_WUR;
/* Line mode, for long documents: lines are matched first, and only the
 * changed lines are diffed word by word.  Same result form. */
int ssg_diff_lines(ssg_wdiff **out, const char *a, size_t an, const char *b,
		   size_t bn) SSG_WUR;
void ssg_diff_words_free(ssg_wdiff *w); /* accepts NULL */

size_t ssg_diff_words_count(const ssg_wdiff *w);
const ssg_diff_seg *ssg_diff_words_seg(const ssg_wdiff *w, size_t i);
/* False when the texts are equal (in NFC). */
bool ssg_diff_words_changed(const ssg_wdiff *w);

/* HTML: escaped text, <del>old</del><ins>new</ins>. */
void ssg_diff_words_html(const ssg_wdiff *w, ssg_buf *out);
/* Terminal: [-old-]{+new+}, or with color old in red and new in green
 * (ANSI).  Control characters other than newline and tab are shown as
 * ^X, so content cannot drive the terminal. */
void ssg_diff_words_term(const ssg_wdiff *w, ssg_buf *out, bool color);

/* ---- Table diffs ---- */

typedef enum {
	SSG_EV_ADDED,   /* a row only in the new table */
	SSG_EV_REMOVED, /* a row only in the old table */
	SSG_EV_CHANGED, /* one field of a row in both */
	SSG_EV_SCHEMA   /* a column renamed, added or removed */
} ssg_ev_kind;

typedef enum {
	SSG_SCHEMA_NONE,
	SSG_SCHEMA_RENAMED,
	SSG_SCHEMA_ADDED,
	SSG_SCHEMA_REMOVED
} ssg_schema_kind;

/* One difference.  Every string is owned by the event list.
 *   ADDED/REMOVED  key; the whole row as ncols parallel names and values
 *                  (of the new table for ADDED, the old one for REMOVED);
 *   CHANGED        key, field (column name in the new table), old, new_;
 *   SCHEMA         schema says what; field is the column's name (new name
 *                  when renamed or added, old name when removed); old and
 *                  new_ are the old and new names (NULL when none).
 * line is the row's source line (old table for REMOVED, new otherwise),
 * the header line for SCHEMA. */
typedef struct {
	ssg_ev_kind kind;
	ssg_schema_kind schema;
	const char *key; /* as written, trimmed; composite values joined "|" */
	const char *field;
	const char *old;
	const char *new_;
	size_t ncols;
	const char *const *cols;
	const char *const *vals;
	unsigned line;
} ssg_row_event;

typedef struct ssg_row_events ssg_row_events;

/* Diffs table a (the old version; NULL when the table is new, all rows
 * ADDED) against b (the new one; NULL when deleted, all rows REMOVED).
 * keys names the key columns (nkeys 0: the column `id`, else the first
 * one).  Column names and key values match in NFC, trimmed, with runs of
 * white space as one space, ignoring case; a key retyped that way is the
 * same row and no change.  Other values compare in NFC.  A key column
 * missing from a may have been renamed: a's column at the same position
 * is used when its own name is not in b (a RENAMED event).
 *
 * Events come SCHEMA first, then rows in the new table's order (ADDED or
 * CHANGED, fields in column order), then REMOVED rows in the old table's
 * order.  Columns present on one side only give no CHANGED events.
 *
 * Duplicate keys in either table, or a key column missing, are content
 * errors (all reported, at the row's line); *out is then NULL. */
int ssg_diff_tables(ssg_row_events **out, const ssg_table *a,
		    const ssg_table *b, const char *const *keys, size_t nkeys,
		    ssg_diags *d) SSG_WUR;
void ssg_row_events_free(ssg_row_events *e); /* accepts NULL */
/* A list made otherwise than by a diff (a review read back, review.h):
 * empty; _add appends an event, zeroed but for its kind; _alloc gives n
 * bytes that live as long as the list, for its strings and arrays. */
ssg_row_events *ssg_row_events_new(void);
ssg_row_event *ssg_row_events_add(ssg_row_events *e, ssg_ev_kind kind);
void *ssg_row_events_alloc(ssg_row_events *e, size_t n);
size_t ssg_row_events_count(const ssg_row_events *e);
const ssg_row_event *ssg_row_events_get(const ssg_row_events *e, size_t i);

#endif
