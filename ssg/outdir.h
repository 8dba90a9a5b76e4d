/*
 * outdir — the directories ssg owns on disk, below out (out.h): how one
 * is recognised (its marker), walked, signed, removed and swapped, and
 * the temporary trees a build makes beside a destination, locked while in
 * use and swept by the next build when a killed one left them.
 *
 * It knows nothing of a site being written: out.c writes into these
 * trees, archive.c makes its zip in a scratch tree.  Every walk stays on
 * one file system, follows no symbolic link and goes no deeper than
 * SSG_OUTDIR_MAX_DEPTH.  Functions that work on descriptors return 0 or
 * -1 with errno, as the system calls they wrap; those that report
 * return an ssg_code.  All may be called from several threads at once
 * (each on its own paths).
 */
#ifndef SSG_OUTDIR_H
#define SSG_OUTDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "buf.h"
#include "err.h"

/* Written at the top of every tree ssg writes (a site, a scratch tree).
 * An existing OUT is replaced only if it is empty or holds this file, so
 * that a mistyped -o never deletes a directory ssg did not write. */
#define SSG_OUT_MARKER ".ssg-output"
/* The marker's bytes. */
#define SSG_OUTDIR_MARKER_TEXT                                              \
	"This directory is written by ssg and replaced whole on every "     \
	"build.\n"

/* Directory levels a walk goes down below the directory it starts in;
 * ssg's trees are far shallower. */
#define SSG_OUTDIR_MAX_DEPTH 128

/* ---- walking ---- */

typedef int (*ssg_outdir_fn)(int dirfd, const char *name, unsigned char type,
			     void *ctx);
/* Calls `fn` on each entry but "." and ".." of the directory open at `fd`
 * (taken over and closed), with readdir's type of it.  An entry gone
 * meanwhile (fn fails with ENOENT) is skipped; any other failure stops
 * the walk: -1 with errno. */
int ssg_outdir_each(int fd, ssg_outdir_fn fn, void *ctx);
/* 1 when entry `name` (of readdir type `type`) of dirfd is a directory,
 * with its status in *st; 0 when it is not; -1 with errno.  readdir's
 * type saves a call for files, and a directory's device is always
 * needed. */
int ssg_outdir_is_dir(int dirfd, const char *name, unsigned char type,
		      struct stat *st);
/* Opens the directory `name` of dirfd, a real one (no link) on file
 * system `dev` that is no mount point: -1 with errno ENOTDIR or ELOOP
 * when it is something else, EXDEV when another file system is mounted
 * there. */
int ssg_outdir_open_dir(int dirfd, const char *name, dev_t dev);
/* Opens the directory at path ("a/b/", relative) below the directory
 * open at fd, every component a real directory on file system dev and no
 * mount point, as ssg_outdir_open_dir. */
int ssg_outdir_open_path(int fd, const char *path, dev_t dev);
/* Writes all of p to fd, again after a short write or EINTR. */
int ssg_outdir_write(int fd, const char *p, size_t len);

/* ---- recognising and removing ---- */

/* True when the directory open at fd holds SSG_OUT_MARKER, a file. */
bool ssg_outdir_marked(int fd);
/* True when `path` is a real directory (no link) holding the marker. */
bool ssg_outdir_ours(const char *path);
/* SSG_OK when the directory `dir` may be replaced: it is empty, or a
 * build of ours wrote it; otherwise an environment error saying why (a
 * link, a file, unreadable, someone else's). */
int ssg_outdir_replaceable(const char *dir, ssg_diags *d) SSG_WUR;
/* Removes the directory `name` of dirfd and all below it, on file system
 * `dev` (EXDEV when name itself is a mount point), `depth` levels below
 * where the walk started. */
int ssg_outdir_rm_at(int dirfd, const char *name, dev_t dev, unsigned depth);
/* Removes the directory tree at `path`. */
int ssg_outdir_rm(const char *path);

/* A manifest of everything below the directory open at fd (taken over
 * and closed), as it is on disk now, appended to m: a header line, then
 * one line per entry, the top included as ".", sorted by path:
 * "KIND MODE INO N SEC NSEC PATH".  A file (KIND 'f', anything but a
 * directory) has its size as N and its modification time; a directory
 * ('d') the number of its entries and its time of change, which every
 * name made, removed or renamed in it moves and no one can set; 'l' is
 * a directory changed in the last moments before (ssg_outdir_recent),
 * whose time may not move with a change in the same tick of the clock.
 * False when it cannot be read whole (a name with a newline, a mount
 * point, too deep). */
bool ssg_outdir_manifest(int fd, ssg_buf *m);
/* True when the tree below the directory open at fd (borrowed) is as the
 * manifest m (len bytes) says: every line's entry there, on fd's file
 * system, with its mode, inode, size and time; no entry that the
 * manifest does not list, since the time of change of each directory is
 * as it was (and an 'l' one holds as many entries as it did).  One stat
 * per entry and no directory read: a tenth of a walk's calls.  What it
 * trusts: that the clock does not step back to the very time of change
 * of a directory (as outset.h does); and, as a walk would, that a file
 * rewritten in place gets another modification time or size. */
bool ssg_outdir_check(int fd, const char *m, size_t len);
/* True when t is less than a twentieth of a second before now: a tick
 * of the clock that stamps files is a few milliseconds, so a change
 * after now may leave a time of change t as it was. */
bool ssg_outdir_recent(const struct timespec *t, const struct timespec *now);

/* ---- swapping and flushing ---- */

/* Exchanges the names a and b in one step (renameat2 RENAME_EXCHANGE);
 * -1 with errno EINVAL, ENOSYS, ENOTSUP or EOPNOTSUPP where the kernel or
 * the file system cannot. */
int ssg_outdir_exchange(const char *a, const char *b);
/* Flushes the file or directory at path, or the directory that holds
 * path (its name), to disk. */
int ssg_outdir_fsync(const char *path);
int ssg_outdir_fsync_parent(const char *path);

/* ---- temporary trees beside a destination ----
 * A build that starts without a twin writes its site in a scratch
 * directory beside OUT, and the archive its zip in one beside the zip;
 * what a build killed before its end (kill -9, a power cut, a second
 * signal) leaves there is removed by the next build. */

/* Makes "DEST.ssg-new-XXXXXX" (mode 0755), locks it (flock, held for as
 * long as *fd stays open) and then puts SSG_OUT_MARKER in it; *path is
 * the caller's.  It is a stop.h hold until ssg_outdir_scratch_end. */
int ssg_outdir_scratch(const char *dest, char **path, int *fd,
		       ssg_diags *d) SSG_WUR;
/* Removes what is left of the scratch tree at path (nothing when it was
 * moved away), closes fd and frees path; accepts NULL and -1. */
void ssg_outdir_scratch_end(char *path, int fd);
/* Removes the trees that builds which did not end left beside dest:
 * directories DEST.ssg-new-XXXXXX and DEST.ssg-old-XXXXXX (OUT moved
 * aside where renameat2 cannot exchange, out.c) that hold SSG_OUT_MARKER
 * and that no build holds locked. */
void ssg_outdir_sweep(const char *dest);

#endif
