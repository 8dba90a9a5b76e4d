/*
 * copies — which revision copies (and past years' copies, made the same
 * way) of a build can stand in the next one.
 *
 * revisions/<tag>/site/ is the whole site as it stood at an official
 * revision: a new commit changes none of it, yet making it again is a
 * third of a province's build.  A build that writes into the twin (out.h)
 * keeps a copy left there when two things match what was recorded when
 * the copy was made: its key, a digest of everything the copy is made
 * from (copies.c says what), and its manifest, the state of its files on
 * disk when it was made (ssg_out_manifest), so that a copy changed
 * since, by a failed build or by hand, is made again.
 *
 * The records are lines "SLUG KEY SIGNATURE" in .git/ssg/copies, newest
 * first, the four latest of each copy (one per tree it may be in: OUT,
 * its twin, another OUT built from the same repository and its twin).
 * The signature is the digest of the manifest, which is in
 * .git/ssg/copy-SIGNATURE.  A line that is not exactly that is no
 * record, a manifest whose digest is not its name none; deleting or
 * damaging the files costs time, never a different site.
 */
#ifndef SSG_COPIES_H
#define SSG_COPIES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "history.h"
#include "hview.h"
#include "plan.h"
#include "repo.h"
#include "years.h"

typedef struct ssg_copies ssg_copies;

/* The records of the repository whose git directory is gitdir; empty
 * when there are none or they cannot be read.  Never NULL. */
ssg_copies *ssg_copies_read(const char *gitdir);
/* The signature of manifest m (n bytes). */
void ssg_copies_sig(const char *m, size_t n, char sig[65]);
/* The next record of copy `slug` made from `key`, from record *at on
 * (0 to begin; *at is moved past it): its signature in sig, and its
 * manifest in m (cleared first) when m is not NULL, a record whose
 * manifest is missing or damaged then passed by.  False when there is
 * none left.  Any thread may ask. */
bool ssg_copies_find(const ssg_copies *c, const char *slug, const char *key,
		     size_t *at, char sig[65], ssg_buf *m);
/* A record of this build: written before the older ones, with manifest
 * m (n bytes) of a copy made now; m NULL for a copy kept, whose
 * manifest the store holds already. */
void ssg_copies_add(ssg_copies *c, const char *slug, const char *key,
		    const char *sig, const char *m, size_t n);
/* Replaces the file: this build's records, then the newest older ones of
 * each copy this build recorded (other trees'); copies this build did
 * not record are forgotten, and the manifests no record names removed.
 * False when it could not be written. */
bool ssg_copies_write(const ssg_copies *c, const char *gitdir);
void ssg_copies_free(ssg_copies *c); /* accepts NULL */

/* What the keys of a build's revision copies are made from: the main
 * site's. */
typedef struct {
	const ssg_plan_opts *opts;  /* --key */
	bool worktree;
	const ssg_plan_keys *keys;  /* the row keys of the history */
	const ssg_plan *plan;       /* the main site's tables (may be NULL) */
	long pub_commit;
	const ssg_tag_info *tags;   /* the copies' tags, oldest first */
	size_t ntags;
	const ssg_history *hist;
	const ssg_hview *hv;        /* the main site's */
	const char *gitdir;         /* whose store keeps the ranges (copies.c);
				       NULL: none */
} ssg_copies_in;

/* The key of each copy: keys[i] for tags[i], then keys[ntags + y] for
 * past year y (years.h), 64 hex digits each: a digest of everything the
 * copy is made from (copies.c says what), so that any of it different
 * makes the copy again.  Returns how many ranges of the history it
 * digested, those the store kept from an earlier build left out. */
size_t ssg_copies_keys(const ssg_copies_in *in, const ssg_year *years,
		       size_t nyears, char (*keys)[65]);

#endif
