/*
 * archive — the whole built site as one zip file, for offline keeping.
 * The only libzip user.
 *
 * The zip is a function of the site alone: entries sorted by path (byte
 * order), every entry dated `mtime`, files 0644, deflated at level 9, no
 * extra fields; so the same revision gives a byte-identical zip whatever
 * the clock, time zone, umask or the files' own dates.  It is written to a
 * temporary file beside ZIP_PATH and renamed into place: a failed write
 * leaves the previous archive as it was.
 */
#ifndef SSG_ARCHIVE_H
#define SSG_ARCHIVE_H

#include "err.h"

/* 1980-01-01T00:00:00Z, the earliest date a zip can hold. */
#define SSG_ARCHIVE_EPOCH 315532800LL

/* A zip made and not yet in place. */
typedef struct ssg_archive ssg_archive;

/* Zips every regular file under site_dir (except the SSG_OUT_MARKER at
 * its top) into a temporary file beside zip_path (in a scratch directory
 * of outdir.h, locked while in use, swept when a killed build left it) and
 * flushes it to disk; nothing at zip_path changes yet.  `mtime` is
 * seconds since the epoch and is written as the UTC wall clock it names
 * (zip dates have no zone), held to what a zip can store (1980-2107).  A
 * symbolic link or special file in site_dir, an empty site, a failed
 * write or a signal (stop.h) → environment diagnostic, SSG_ERR_ENV. */
int ssg_archive_make(ssg_archive **a, const char *site_dir,
		     const char *zip_path, long long mtime,
		     ssg_diags *d) SSG_WUR;
/* Renames the zip to zip_path and flushes the name to disk. */
int ssg_archive_place(ssg_archive *a, ssg_diags *d) SSG_WUR;
/* Removes the temporary zip if it was not placed; accepts NULL. */
void ssg_archive_free(ssg_archive *a);

/* Make, place and free. */
int ssg_archive_write(const char *site_dir, const char *zip_path,
		      long long mtime, ssg_diags *d) SSG_WUR;

#endif
