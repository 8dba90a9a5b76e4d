/*
 * out_int — what out's two files share (out.c: the trees, their begin,
 * commit and end; out_write.c: the files and sub-trees written into the
 * tree being built).  Not for out's callers: out.h is.
 */
#ifndef SSG_OUT_INT_H
#define SSG_OUT_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "buf.h"
#include "out.h"
#include "outset.h"

#define MAX_PATH 4096
/* Directory levels in a written path; each holds a descriptor open. */
#define MAX_DEPTH 64
/* How long the twin must have been out of service before its files are
 * overwritten in place: twice nginx's default open_file_cache_valid, and
 * far longer than a page takes to send on a slow link. */
#define SSG_OUT_QUIET_S 120
/* Larger files (a download that could still be running) are always
 * replaced through a rename. */
#define SSG_OUT_INPLACE_MAX (1u << 20)

struct ssg_out {
	char *dir;  /* OUT without trailing slashes */
	char *prev; /* OUT's twin beside it, kept between builds */
	char *tmp;  /* the tree being built: prev, or a fresh directory */
	int fd;     /* open on tmp (and locked when it is prev); -1 once
		     * committed */
	bool reused; /* tmp is prev, holding files of an earlier build */
	bool inplace; /* ... retired SSG_OUT_QUIET_S ago or more */
	bool failed;  /* a write failed: a sub-tree then leaves its pruning
		       * to the commit */
	bool committed;
	bool held;    /* tmp is a scratch tree (ssg_stop_hold) */
	bool finished; /* pruned and on disk (ssg_out_finish) */
	/* The umask leaves modes 0644 and 0755 as they are (read when the
	 * build began): a file or directory made now needs no chmod. */
	bool modes_kept;
	/* Paths written (or, ending in '/', directories entered) by this
	 * build, and what it knows of those directories (outset.h). */
	ssg_outset seen;
	/* The directories of the last path written, kept open: pages come
	 * in runs that share their parents. */
	ssg_buf cur;  /* "a/b/" */
	int lev_fd[MAX_DEPTH];
	size_t lev_end[MAX_DEPTH]; /* length of cur through that level */
	bool lev_fresh[MAX_DEPTH];
	size_t nlev;
	unsigned tmp_seq;
	/* The pages of the main site and of the revision copies are written
	 * from two threads; one at a time goes through the cursor above. */
	pthread_mutex_t lock;
	/* A sub-tree (ssg_out_sub_begin): its own cursor, set and lock in
	 * parent's tree at `prefix`; its set joins parent's when freed. */
	ssg_out *parent;
	char *prefix;
	char *whole; /* prefix's path in the top tree, "" for the top */
	/* Sub-trees the commit's prune passes by: those that pruned their
	 * own part when they ended (on their threads), and those kept
	 * whole from an earlier build (ssg_out_keep). */
	char **pruned;
	size_t npruned;
	/* OUT as it was when the build began (-1: none of ours), where
	 * ssg_out_reuse links from; the top tree's only. */
	int live_fd;
	atomic_size_t nwritten; /* the top tree's, for all */
	/* The store of the top tree's directories' records (outset.h): the
	 * records of the tree being built, and those of the finished one. */
	char *gitdir;
	ssg_outset_recs *recs;
	ssg_buf recbuf;
	struct ssg_pagekeys *keys;
	/* The disk's work started as the tree is written (outflush.h); the
	 * top tree's only. */
	struct ssg_outflush *flush;
	/* Files offered as the start of others (ssg_out_offer), under
	 * offer_lock; the top tree's only. */
	struct out_offer *offers;
	size_t noffers;
	pthread_mutex_t offer_lock;
};

/* Frees o's offers (ssg_out_offer). */
void ssg_out_offers_free(ssg_out *o);
/* A signal came (stop.h): the build ends at its next step, said into d. */
bool ssg_out_stopped(const char *dir, ssg_diags *d);
/* Closes the cursor's directory levels beyond the first `keep`. */
void ssg_out_close_levels(ssg_out *o, size_t keep);
/* Joins sub-tree sub's set of paths to its parent's; `pruned` when sub
 * removed its own stale files (the commit's prune passes it by). */
void ssg_out_sub_join(ssg_out *sub, bool pruned);

#endif
