/*
 * hev — the records of a history (history.h): one event of a table's
 * history and the one list of its members; a commit; a page change; the
 * key of a table.  Here, below history.c, so that its parts (the tree
 * pass, the cache) and its readers share them without going through it.
 *
 * An event and the list of its members:
 *
 * Three places go through every member of an event: the history cache
 * (history_cache.c: to its file and back), the digest of the history in
 * the key of the revision copies (ssg_hev_digest) and the JSON writer
 * (history_out.c).  Each walks SSG_HEV_FIELDS, from which ssg_hev itself
 * is made, so a member cannot be added to the struct without being in
 * the list, and each handles a member by its form (ssg_hev_form, in
 * switches without a default: a new form is a warning in each user).
 * tests/unit/test_hev.c checks that the three see a change of every
 * member.
 *
 * An event lends its strings: they belong to the history (or the diff)
 * that made it.
 */
#ifndef SSG_HEV_H
#define SSG_HEV_H

#include <stdbool.h>
#include <stddef.h>

#include "digest.h"

typedef enum {
	SSG_HEV_ADDED,   /* row added: cols/vals hold the row */
	SSG_HEV_REMOVED, /* row removed: cols/vals hold the old row */
	SSG_HEV_CHANGED, /* one field: field, old, new_ */
	SSG_HEV_SCHEMA,  /* column renamed (old → new_), added (new_) or
			    removed (old); field says which: "renamed",
			    "added", "removed" */
	SSG_HEV_GAP      /* this version did not parse: error */
} ssg_hev_kind;

#define SSG_HEV_NKINDS 5
#define SSG_HEV_BIT(kind) (1u << (kind))
#define SSG_HEV_ALL ((1u << SSG_HEV_NKINDS) - 1)

/* How a member is kept, fed to a digest and written. */
typedef enum {
	SSG_HEVF_KIND,   /* the ssg_hev_kind */
	SSG_HEVF_NAME,   /* a string, never NULL */
	SSG_HEVF_STR,    /* a string or NULL */
	SSG_HEVF_WIDTH,  /* size_t: how many names and values the row has */
	SSG_HEVF_NAMES,  /* the row's column names: WIDTH strings, not NULL */
	SSG_HEVF_VALUES, /* the row's values: WIDTH strings */
	SSG_HEVF_COMMIT  /* size_t: index in ssg_history_commit() */
} ssg_hev_form;

/* X(TYPE, MEMBER, FORM, JSON, KINDS), in the order every user goes
 * through them (the JSON Lines' order, contract section 3): JSON is the
 * member's name in JSON Lines, written for the kinds in KINDS and when
 * not NULL.  Three members say more than their name: the kind is written
 * as "change" and its word, the commit as "commit" (its id) and the
 * commit's "date", "author" and "message", and the row (WIDTH, NAMES,
 * VALUES) as an object under "new" for an added row and "old" for a
 * removed one.  The row's width comes before its names and values. */
#define SSG_HEV_FIELDS(X)                                                     \
	/* newest name: "indicators" for data/indicators.csv */               \
	X(const char *, table, SSG_HEVF_NAME, "table", SSG_HEV_ALL)           \
	/* row key as text ("a|b"); NULL for schema, gap */                   \
	X(const char *, key, SSG_HEVF_STR, "id", SSG_HEV_ALL)                 \
	X(ssg_hev_kind, kind, SSG_HEVF_KIND, "change", SSG_HEV_ALL)           \
	/* added/removed: the row */                                          \
	X(size_t, ncols, SSG_HEVF_WIDTH, NULL, 0)                             \
	X(const char *const *, cols, SSG_HEVF_NAMES, NULL, 0)                 \
	X(const char *const *, vals, SSG_HEVF_VALUES, NULL,                   \
	  SSG_HEV_BIT(SSG_HEV_ADDED) | SSG_HEV_BIT(SSG_HEV_REMOVED))          \
	X(const char *, field, SSG_HEVF_STR, "field",                         \
	  SSG_HEV_BIT(SSG_HEV_CHANGED) | SSG_HEV_BIT(SSG_HEV_SCHEMA))         \
	X(const char *, old, SSG_HEVF_STR, "old",                             \
	  SSG_HEV_BIT(SSG_HEV_CHANGED) | SSG_HEV_BIT(SSG_HEV_SCHEMA))         \
	X(const char *, new_, SSG_HEVF_STR, "new",                            \
	  SSG_HEV_BIT(SSG_HEV_CHANGED) | SSG_HEV_BIT(SSG_HEV_SCHEMA))         \
	/* gap: "PATH:LINE:COL: MESSAGE" */                                   \
	X(const char *, error, SSG_HEVF_STR, "error", SSG_HEV_BIT(SSG_HEV_GAP)) \
	X(size_t, commit, SSG_HEVF_COMMIT, "commit", SSG_HEV_ALL)           \
	/* the plan period of the commit: the `year` of its                   \
	 * content/_index.md (period.h); NULL where none is named yet */      \
	X(const char *, period, SSG_HEVF_STR, "period", SSG_HEV_ALL)

typedef struct {
#define SSG_HEV_MEMBER(type, member, form, json, kinds) type member;
	SSG_HEV_FIELDS(SSG_HEV_MEMBER)
#undef SSG_HEV_MEMBER
} ssg_hev;

/* One entry of SSG_HEV_FIELDS, for the code that goes through them. */
typedef struct {
	const char *member; /* "table" */
	ssg_hev_form form;
	size_t offset; /* of the member in ssg_hev */
	const char *json;
	unsigned json_kinds; /* SSG_HEV_BIT of each kind it is written for */
} ssg_hev_field;

extern const ssg_hev_field ssg_hev_fields[];
extern const size_t ssg_hev_nfields;

/* "added", "removed", "changed", "schema", "gap" (the JSON's "change"). */
const char *ssg_hev_kind_name(ssg_hev_kind k);

/* The member f of e, by its form: _num for KIND, WIDTH and COMMIT, _str
 * for NAME and STR, _strs for NAMES and VALUES; the setters likewise. */
size_t ssg_hev_num(const ssg_hev *e, const ssg_hev_field *f);
const char *ssg_hev_str(const ssg_hev *e, const ssg_hev_field *f);
const char *const *ssg_hev_strs(const ssg_hev *e, const ssg_hev_field *f);
void ssg_hev_set_num(ssg_hev *e, const ssg_hev_field *f, size_t v);
void ssg_hev_set_str(ssg_hev *e, const ssg_hev_field *f, const char *s);
void ssg_hev_set_strs(ssg_hev *e, const ssg_hev_field *f,
		      const char *const *v);

/* Feeds every member of e to dg, framed (digest.h). */
void ssg_hev_digest(ssg_digest *dg, const ssg_hev *e);

/* ---- a commit, a page change, a table's key ---- */

typedef struct {
	char oid[41];
	char short_oid[8];
	long long time; /* committer time */
	int offset;     /* minutes east of UTC */
	const char *author;
	const char *email;
	const char *message; /* whole, trailing newlines removed */
	const char *summary; /* first line */
	size_t first_event;  /* this commit's events: [first_event, +nevents) */
	size_t nevents;
	size_t first_page; /* this commit's page changes */
	size_t npages;
	bool touched; /* changed anything under content/ or data/ */
	/* Its plan period (period.h): the `year` of its content/_index.md,
	 * the one before it carried on where that version names none;
	 * NULL before any.  opens: the period differs from the parent's
	 * (the first commit of a period; its changes are a new plan, not
	 * revisions).  Its events carry the period too. */
	const char *period;
	bool opens;
} ssg_hcommit;

typedef enum {
	SSG_HPAGE_ADDED,
	SSG_HPAGE_REMOVED,
	SSG_HPAGE_CHANGED
} ssg_hpage_kind;

/* A Markdown file changed by a commit: the blobs of its two versions.
 * Their texts are read when asked for (ssg_history_page_text): a commit
 * that adds ten thousand pages shows the diffs of a few. */
typedef struct {
	ssg_hpage_kind kind;
	const char *path; /* path in that commit ("content/02-chi-tieu.md") */
	unsigned char old_id[20]; /* zero when added */
	unsigned char new_id[20]; /* zero when removed */
	size_t commit;
} ssg_hpage;

/* A version of data/datapackage.json, which the commit `commit` and the
 * commits after it have until the next version: its blob, zero when the
 * commit removed the file.  Events show the titles of their commit's
 * version (contract section 3). */
typedef struct {
	size_t commit;
	unsigned char id[20];
} ssg_hpackage;

/* Key columns of a table by name, as the built revision defines them
 * (plan.h resolves --key, datapackage.json, id, first column). */
typedef struct {
	const char *table;
	const char *const *cols;
	size_t ncols;
} ssg_history_key;

#endif
