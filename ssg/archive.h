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

/* Zips every regular file under site_dir (except the SSG_OUT_MARKER at
 * its top) into zip_path.  `mtime` is seconds since the epoch and is
 * written as the UTC wall clock it names (zip dates have no zone), held
 * to what a zip can store (1980-2107).  A symbolic link or special file
 * in site_dir, an empty site or a failed write → environment diagnostic,
 * SSG_ERR_ENV. */
int ssg_archive_write(const char *site_dir, const char *zip_path,
		      long long mtime, ssg_diags *d) SSG_WUR;

#endif
