/*
 * store — the files a build leaves in .git/ssg/ for the next one (the
 * history cache, the records of revision copies).
 *
 * Nothing in the store is ever needed: a file missing, damaged or left
 * by another build of ssg costs time, never a different output.  So a
 * file is replaced whole (written to a temporary file beside it, then
 * renamed over it: a reader sees the old file or the new one, never a
 * part), never written through a symbolic link, and what is kept is
 * keyed by ssg_store_program, so that no change to the program can meet
 * what an older one left.
 *
 * The temporary file is locked (flock) while it is written; one that a
 * killed build left is removed by the next replacement of that file, and
 * every one by the next build that writes a site (ssg_store_sweep).
 *
 * Owns: the temporary file of a replacement, from _begin to _end.
 * Borrows: every path passed in.  Calls nothing of ssg but buf, and stop
 * (a signal waits while a file is replaced).
 */
#ifndef SSG_STORE_H
#define SSG_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"

/* A checksum of the running executable (every build of ssg has its
 * own), for the keys of what a build leaves for the next one.  Computed
 * once per process; safe from any thread. */
uint32_t ssg_store_program(void);

/* gitdir/ssg/name (malloc'd). */
char *ssg_store_path(const char *gitdir, const char *name);
/* The file at path opened to read, never through a symbolic link; NULL
 * when it cannot be (missing: nothing kept). */
FILE *ssg_store_open(const char *path);
/* The whole file at path, up to `max` bytes, appended to out (opened as
 * ssg_store_open does); false when it is missing or cannot be read, out
 * then holding whatever was read. */
bool ssg_store_read(const char *path, size_t max, ssg_buf *out);

/* Removes every temporary file of gitdir/ssg that killed builds left
 * (none that a live writer holds): a build that is itself stopped
 * before it replaces a file still leaves the store clean. */
void ssg_store_sweep(const char *gitdir);

/* A replacement of one file of the store, under way. */
typedef struct ssg_store_file ssg_store_file;

/* Starts a new version of `path` (its directory, gitdir/ssg, made if
 * missing, and refused when it is anything but a directory, a link
 * included); NULL when it cannot be made.  The old file stays whole
 * until ssg_store_replace_end. */
ssg_store_file *ssg_store_replace_begin(const char *path);
/* Appends p[0..n) to the new version; after a failure the writes do
 * nothing and _end discards the file.  f may be NULL (nothing done). */
void ssg_store_write(ssg_store_file *f, const void *p, size_t n);
/* Ends the replacement and frees f: when ok and every write and the
 * close worked, renames the new version over the path; otherwise
 * removes it.  True when the path now holds what was written; false for
 * f NULL. */
bool ssg_store_replace_end(ssg_store_file *f, bool ok);

/* gitdir/ssg/name replaced whole by p[0..n), as above; false when it
 * could not be. */
bool ssg_store_replace(const char *gitdir, const char *name, const void *p,
		       size_t n);
/* The same, p[0..n) followed by its SHA-256, which ssg_store_read_summed
 * checks: a damaged file is then none. */
bool ssg_store_replace_summed(const char *gitdir, const char *name,
			      const void *p, size_t n);
/* The file gitdir/ssg/name written so, without its digest, in out
 * (cleared first); false, out then empty, when it is missing, unreadable,
 * over max bytes or damaged. */
bool ssg_store_read_summed(const char *gitdir, const char *name, size_t max,
			   ssg_buf *out);

#endif
