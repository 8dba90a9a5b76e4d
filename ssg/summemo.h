/*
 * summemo — the digests of the main site's commit values (hview.c), kept
 * in .git/ssg/commits from one build to the next: a page holds a commit
 * by that digest (model.h's lazy maps), and making 20,000 commit values
 * to digest them was half of a province rebuild's views.
 *
 * A commit's value is made from the commit (its id decides its author,
 * time, message, period and the files it changed; its events and so
 * their number, with the row keys), its page's name (its short id, or
 * the whole id once another commit shares the short one) and whether
 * it is published.  So a digest kept holds for a build with the same
 * program and row keys whose chain extends the one it was made for (its
 * commit n1 - 1 is the same), for a commit whose name and publication
 * are as they were.
 *
 * The file: the head (ssg_history_memo_head, with the digest of the
 * row keys), then per commit a byte (1: kept, 2: published, 4: its
 * short id its own) and the digest (32 bytes), then the SHA-256 of all
 * that (ssg_store_replace_summed), so that a damaged file is none.
 * Deleting it costs time, never another page.
 */
#ifndef SSG_SUMMEMO_H
#define SSG_SUMMEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "history.h"

typedef struct ssg_summemo ssg_summemo;

/* The digests kept for the chain of h, the row keys' digest `keys`;
 * never NULL (none kept: an empty one). */
ssg_summemo *ssg_summemo_read(const char *gitdir, const ssg_history *h,
			      const unsigned char keys[32]);
void ssg_summemo_free(ssg_summemo *k); /* accepts NULL */
/* Commit i's digest into sum, when kept for it published as `published`
 * and named as now. */
bool ssg_summemo_get(const ssg_summemo *k, size_t i, bool published,
		     unsigned char sum[32]);
/* Replaces the file with the digests of commits [0, n) of h (the whole
 * chain), published[i] saying which are; false when it could not. */
bool ssg_summemo_write(const char *gitdir, const ssg_history *h,
		       const unsigned char keys[32],
		       const unsigned char (*sums)[32], const bool *published);

#endif
