/*
 * history — how every table row and every page changed along the
 * first-parent chain of a revision (contract section 3).  With repo, the
 * only libgit2 user (its parts history_trees and history_blobs
 * included).  Its records (an event, a commit, a page change, a table's
 * key) are hev.h's; its events are written by history_out.h.
 *
 * The walk compares tree-entry ids of each commit with its first parent,
 * so only files that changed are read; each distinct blob is parsed once.
 * Rows are matched by key (diff.h); a table renamed in a commit keeps its
 * history under its newest name; a past version that does not parse is a
 * `gap` event and the walk goes on.  Everything is ordered oldest first.
 */
#ifndef SSG_HISTORY_H
#define SSG_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diff.h"
#include "err.h"
#include "hev.h"
#include "progress.h"
#include "repo.h"

/* An event of a table diff (diff.h) in the form of a history event, as
 * the walk records it: a schema event has no key and says "renamed",
 * "added" or "removed" in field.  Strings are lent by e; commit is 0.
 * So that a review of two revisions reads like a history. */
ssg_hev ssg_history_event_of(const char *table, const ssg_row_event *e);

/* The entry of `table` among keys, or NULL (the table then uses `id`,
 * else its first column); entries with no table are skipped. */
const ssg_history_key *ssg_history_key_find(const ssg_history_key *keys,
					    size_t nkeys, const char *table);

typedef struct ssg_history ssg_history;

/* Walks the first-parent chain of `rev` (NULL = HEAD).  A shallow clone
 * cannot be walked by libgit2 1.5: environment error that suggests `git
 * fetch --unshallow`.  Tables without an entry in keys use `id`, else the
 * first column.  prog (may be NULL) hears of the phases of the walk. */
int ssg_history_load(ssg_history **out, ssg_repo *r, const char *rev,
		     const ssg_history_key *keys, size_t nkeys,
		     ssg_progress *prog, ssg_diags *d) SSG_WUR;
void ssg_history_free(ssg_history *h);

/* The first-parent chain of `rev` walked on a thread of its own, begun
 * before the walk is asked for: a cold build reads its 20,000 commits
 * while the plan loads, on the core that was idle then.  Only when the
 * repository has no history cache (with one, a walk reads the commits
 * after the cache's only) and a thread can be made; NULL otherwise.
 * The repository must stay open until the walk that takes it. */
typedef struct ssg_history_early ssg_history_early;
ssg_history_early *ssg_history_early_start(ssg_repo *r, const char *rev);
/* ssg_history_load, with the chain of `early` (started with the same r
 * and rev) when it could be walked; a chain that could not is walked
 * again here, to report why.  Frees early. */
int ssg_history_load_early(ssg_history **out, ssg_repo *r, const char *rev,
			   const ssg_history_key *keys, size_t nkeys,
			   ssg_progress *prog, ssg_diags *d,
			   ssg_history_early *early) SSG_WUR;
/* Waits for an early walk not taken and frees it; accepts NULL. */
void ssg_history_early_free(ssg_history_early *early);

size_t ssg_history_ncommits(const ssg_history *h);
const ssg_hcommit *ssg_history_commit(const ssg_history *h, size_t i);
/* Index of the commit with this full or short id, or -1. */
long ssg_history_find(const ssg_history *h, const char *oid);
/* Whether no other commit of h has commit i's short id (7 digits), as
 * ssg_history_find(h, short_oid) == i tells, known since the load: asked
 * for each of 20,000 commits' pages at every build. */
bool ssg_history_short_unique(const ssg_history *h, size_t i);
/* A commit from which on the walk knows that no table was renamed (one
 * that took older commits from its cache knows it from the walk that
 * wrote the cache, history_cache.h): the
 * events of every commit before it are those of the history of any chain
 * that begins with that commit's chain, has the same keys and renames no
 * table after it, since only a later rename changes an older event (its
 * table's name, history.c).  So data/history.jsonl grows by appending. */
size_t ssg_history_settled(const ssg_history *h);
/* The head of a file the store keeps for a chain of commits from one
 * build to the next (copies.c, summemo.c): its format, the program,
 * `sum` (a digest of what else decides what it keeps) and the chain's
 * length n1 and id of commit n1 - 1, for h's whole chain. */
#define SSG_HISTORY_MEMO_HEAD (8 + 8 + 32 + 8 + 40)
void ssg_history_memo_head(const ssg_history *h, uint64_t format,
			   const unsigned char sum[32],
			   unsigned char head[SSG_HISTORY_MEMO_HEAD]);
/* n1 of such a head (len bytes or more at p) written with this format,
 * program and sum for a chain that h's extends (its commit n1 - 1 is
 * h's); 0 when not. */
size_t ssg_history_memo_check(const ssg_history *h, const unsigned char *p,
			      size_t len, uint64_t format,
			      const unsigned char sum[32]);
size_t ssg_history_nevents(const ssg_history *h);
const ssg_hev *ssg_history_event(const ssg_history *h, size_t i);
size_t ssg_history_npages(const ssg_history *h);
const ssg_hpage *ssg_history_page(const ssg_history *h, size_t i);
/* The versions of data/datapackage.json along the chain, oldest first,
 * one a commit that changed it; none before the first (a chain whose
 * first commit has the file starts with that version). */
size_t ssg_history_npackages(const ssg_history *h);
const ssg_hpackage *ssg_history_package(const ssg_history *h, size_t i);
/* Reads the texts of pages through a repository object of its own: one
 * per thread that writes commit pages (libgit2's objects are not to be
 * shared).  NULL when the repository cannot be opened again; free it
 * before the history. */
typedef struct ssg_history_reader ssg_history_reader;
ssg_history_reader *ssg_history_reader_new(const ssg_history *h);
void ssg_history_reader_free(ssg_history_reader *r); /* accepts NULL */
/* r takes a version from b (repo.h) when b has it, instead of inflating
 * it again: most versions a cold build's commit pages show are the
 * built revision's pages, read already.  b (NULL: none) must outlive
 * r's reads; r may be NULL. */
void ssg_history_reader_lender(ssg_history_reader *r, const ssg_blobs *b);
/* The whole text of one version of a page (the new one when `after`),
 * front matter included, NFC-normalised, for word diffs, put in `out`
 * (cleared first): nothing for the side that does not exist and for a
 * file over the size limit (the build reports it), the bytes up to the
 * first NUL when it is not UTF-8 (the build refuses it).  False when the
 * repository cannot give it (r NULL included).  Read each time, not
 * kept: the texts of every version of 5,000 posts were 16 MB held to
 * the end of a build. */
bool ssg_history_page_text(ssg_history_reader *r, const ssg_hpage *p,
			   bool after, ssg_buf *out);
/* The bytes of blob `id` (a version of data/datapackage.json) as they
 * are, in `out` (cleared first); false when the repository cannot give
 * it or it is over the size limit. */
bool ssg_history_blob(ssg_history_reader *r, const unsigned char id[20],
		      ssg_buf *out);

#endif
