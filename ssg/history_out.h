/*
 * history out — the events of a walked history (history.h) as JSON Lines
 * (contract section 3: `ssg history --json`, data/history.jsonl) and as
 * text for a terminal (`ssg history`), through the history's public
 * accessors only.  An event's members are written through their one
 * list (hev.h).
 *
 * Borrows the history; writes into the caller's buffer, and hands it
 * over an event at a time to a sink when one is given.  Safe on any
 * thread for a history no one changes (none does once it is loaded).
 */
#ifndef SSG_HISTORY_OUT_H
#define SSG_HISTORY_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h> /* off_t */

#include "buf.h"
#include "hev.h"
#include "history.h"

/* True when the event belongs to table `table` and row `id` (either may
 * be NULL: any).  Ids match as keys do: trimmed, white space runs as one
 * space, ignoring ASCII case; schema and gap events have no row. */
bool ssg_hout_event_matches(const ssg_hev *e, const char *table,
			    const char *id);

/* Where the writers below hand their output, an event at a time (the
 * whole history of a province is tens of megabytes; the sink gathers
 * its own pieces: out.h, stdio): the sink takes data[0..len) and `out`
 * is emptied after it. */
typedef void (*ssg_hout_sink)(void *ctx, const char *data, size_t len);

/* One event e of commit c as its line of JSON Lines, appended to out. */
void ssg_hout_event_json(ssg_buf *out, const ssg_hev *e,
			 const ssg_hcommit *c);
/* Appends the events as JSON Lines exactly as contract section 3 shows
 * (one object a line, oldest first); table and id, when not NULL, keep
 * only that table / that row. */
void ssg_hout_jsonl(const ssg_history *h, const char *table,
		    const char *id, ssg_buf *out);
/* The same for the first `ncommits` commits only (the history as it
 * stood at an older revision), through `sink` when it is not NULL. */
void ssg_hout_jsonl_range(const ssg_history *h, const char *table,
			  const char *id, size_t ncommits, ssg_buf *out,
			  ssg_hout_sink sink, void *ctx);
/* The same for the commits [first, ncommits) only: what the history of
 * a longer chain adds to that of its first `first` commits, when no
 * table is renamed after them (ssg_history_settled). */
void ssg_hout_jsonl_span(const ssg_history *h, const char *table,
			 const char *id, size_t first, size_t ncommits,
			 ssg_buf *out, ssg_hout_sink sink, void *ctx);
/* ssg_hout_jsonl_range of all events, with marks[c] set to the bytes
 * put before commit c's, c in [0, ncommits]: the history of the first c
 * commits of the chain is the first marks[c] bytes of this one (marks
 * holds ncommits + 1). */
void ssg_hout_jsonl_marked(const ssg_history *h, size_t ncommits,
			   ssg_buf *out, ssg_hout_sink sink, void *ctx,
			   off_t *marks);
/* The events as text for a terminal, one line each, oldest first:
 * "2024-07-02 09:00 +07:00  1a2b3c4  indicators/5  target: 90 → 88
 * (author) summary", content shown as term.h does so that it cannot
 * drive the terminal; where two events shown one after the other
 * belong to different plan periods, a line between them says so
 * (ssg_term_periods).  table and id filter as for ssg_hout_jsonl, sink
 * as for ssg_hout_jsonl_range. */
void ssg_hout_text(const ssg_history *h, const char *table, const char *id,
		   ssg_buf *out, ssg_hout_sink sink, void *ctx);

#endif
