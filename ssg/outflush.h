/*
 * outflush — the disk's work started while the build goes on.
 *
 * A cold build of a province writes 360 MB, which the kernel would keep
 * in memory until the commit's syncfs (out.h) and then write while both
 * cores wait: half a second.  A thread of its own calls syncfs on the
 * tree each time a few tens of megabytes have been written since its last
 * call, so that the disk writes beside the pages being made and the
 * commit's syncfs is left with the rest.  It only starts work early: the
 * commit's syncfs is what makes the site safe on disk, as before.  A
 * rebuild that writes a few files never wakes it.
 */
#ifndef SSG_OUTFLUSH_H
#define SSG_OUTFLUSH_H

#include <stddef.h>

/* Written since the last call, before the next: at the speed a cold
 * province is written (200 MB/s), a call every tenth of a second or so.
 * Much less and each call's flush of the disk's cache costs more than
 * it saves; much more and the last one is the commit's again (measured:
 * 64 MB saved less). */
#define SSG_OUTFLUSH_BYTES ((size_t)24 * 1024 * 1024)

typedef struct ssg_outflush ssg_outflush;

/* A flusher of the file system that holds directory fd (borrowed; open
 * until ssg_outflush_stop).  NULL when no thread can be had: the commit
 * then does it all, as it would. */
ssg_outflush *ssg_outflush_start(int fd);
/* `bytes` more written in the tree, from any thread (f may be NULL). */
void ssg_outflush_add(ssg_outflush *f, size_t bytes);
/* Ends the thread, after a last call when SSG_OUTFLUSH_BYTES or more
 * have been written since the one before, frees f and returns how many
 * calls it made (0 for NULL). */
size_t ssg_outflush_stop(ssg_outflush *f);

#endif
