/*
 * archive — a deterministic zip of a built site.
 *
 * Everything libzip would otherwise take from the file system or the
 * clock (dates, permissions, order) is set explicitly, and dates are
 * written with zip_file_set_dostime rather than zip_file_set_mtime, which
 * would convert through the local time zone.
 */
#include "archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "outdir.h"
#include "repo.h"
#include "stop.h"

/* Far deeper than any site ssg writes; bounds the walk. */
#define MAX_DEPTH 64
#define MAX_FILES 1000000
/* S_IFREG | 0644, spelled out: S_IFREG is not in POSIX's base set. */
#define ZIP_FILE_MODE 0100644u

typedef struct {
	char **v;
	size_t n, cap;
} paths;

static void paths_push(paths *p, char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = ssg_xrealloc(p->v, p->cap * sizeof(char *));
	}
	p->v[p->n++] = s;
}

static void paths_fini(paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the regular files below root/rel ("" for root itself) as paths
 * relative to root. */
static int walk(const char *root, const char *rel, unsigned depth,
		paths *out, ssg_diags *d)
{
	int rc = SSG_OK;
	ssg_buf dir, sub;
	ssg_buf_init(&dir);
	ssg_buf_init(&sub);
	DIR *dh = NULL;
	if (depth > MAX_DEPTH) {
		ssg_diags_env(d, "cannot archive %s/%s: directories nest too "
				 "deep", root, rel);
		rc = SSG_ERR_ENV;
		goto done;
	}
	ssg_buf_printf(&dir, "%s%s%s", root, *rel ? "/" : "", rel);
	dh = opendir(ssg_buf_cstr(&dir));
	if (!dh) {
		ssg_diags_env(d, "cannot read %s: %s", ssg_buf_cstr(&dir),
			      strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(dh);
		if (!de) {
			if (errno) {
				ssg_diags_env(d, "cannot read %s: %s",
					      ssg_buf_cstr(&dir),
					      strerror(errno));
				rc = SSG_ERR_ENV;
			}
			break;
		}
		const char *name = de->d_name;
		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		if (!*rel && !strcmp(name, SSG_OUT_MARKER))
			continue;
		ssg_buf_clear(&sub);
		ssg_buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", name);
		struct stat st;
		if (fstatat(dirfd(dh), name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			ssg_diags_env(d, "cannot archive %s/%s: %s", root,
				      ssg_buf_cstr(&sub), strerror(errno));
			rc = SSG_ERR_ENV;
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			rc = walk(root, ssg_buf_cstr(&sub), depth + 1, out, d);
			if (rc)
				break;
		} else if (S_ISREG(st.st_mode)) {
			if (out->n >= MAX_FILES) {
				ssg_diags_env(d, "cannot archive %s: more than "
						 "%d files", root, MAX_FILES);
				rc = SSG_ERR_ENV;
				break;
			}
			paths_push(out, ssg_xstrdup(ssg_buf_cstr(&sub)));
		} else {
			/* The site is ours; anything else was put there by
			 * hand and has no business in an archive. */
			ssg_diags_env(d, "cannot archive %s/%s: not a regular "
					 "file or directory",
				      root, ssg_buf_cstr(&sub));
			rc = SSG_ERR_ENV;
			break;
		}
	}
done:
	if (dh)
		closedir(dh);
	ssg_buf_fini(&sub);
	ssg_buf_fini(&dir);
	return rc;
}

static void dos_datetime(long long t, zip_uint16_t *dtime,
			 zip_uint16_t *ddate)
{
	/* 2107-12-31T23:59:58Z: the last date the 7-bit year holds. */
	const long long last = 4354819198LL;
	if (t < SSG_ARCHIVE_EPOCH)
		t = SSG_ARCHIVE_EPOCH;
	if (t > last)
		t = last;
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
				(tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year + 1900 - 1980) << 9) |
				((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* Adds one file, with every attribute fixed. */
static int add_file(zip_t *za, const char *root, const char *rel,
		    zip_uint16_t dtime, zip_uint16_t ddate, const char *tmp,
		    ssg_diags *d)
{
	ssg_buf full;
	ssg_buf_init(&full);
	ssg_buf_printf(&full, "%s/%s", root, rel);
	int rc = SSG_ERR_ENV;
	zip_source_t *src = zip_source_file(za, ssg_buf_cstr(&full), 0, -1);
	if (!src) {
		ssg_diags_env(d, "cannot read %s: %s", ssg_buf_cstr(&full),
			      zip_error_strerror(zip_get_error(za)));
		goto done;
	}
	zip_int64_t idx = zip_file_add(za, rel, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		ssg_diags_env(d, "cannot add %s to the archive: %s", rel,
			      zip_error_strerror(zip_get_error(za)));
		goto done;
	}
	zip_uint64_t i = (zip_uint64_t)idx;
	if (zip_set_file_compression(za, i, ZIP_CM_DEFLATE, 9) < 0 ||
	    zip_file_set_dostime(za, i, dtime, ddate, 0) < 0 ||
	    zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX,
					     ZIP_FILE_MODE << 16) < 0) {
		ssg_diags_env(d, "cannot write %s: %s", tmp,
			      zip_error_strerror(zip_get_error(za)));
		goto done;
	}
	rc = SSG_OK;
done:
	ssg_buf_fini(&full);
	return rc;
}

struct ssg_archive {
	char *zip_path;
	char *dir; /* the scratch directory beside zip_path (outdir.h) */
	int dir_fd;
	char *file; /* the finished zip in it */
};

int ssg_archive_make(ssg_archive **out, const char *site_dir,
		     const char *zip_path, long long mtime, ssg_diags *d)
{
	int rc = SSG_ERR_ENV;
	paths files = {0};
	zip_t *za = NULL;
	ssg_archive *a = ssg_xcalloc(1, sizeof(*a));
	a->dir_fd = -1;
	a->zip_path = ssg_xstrdup(zip_path);
	*out = NULL;

	rc = walk(site_dir, "", 0, &files, d);
	if (rc)
		goto done;
	rc = SSG_ERR_ENV;
	if (files.n == 0) {
		ssg_diags_env(d, "nothing to archive: %s holds no files",
			      site_dir);
		goto done;
	}
	ssg_sort(files.v, files.n, sizeof(char *), path_cmp);

	/* What killed builds left beside the zip, then a locked directory
	 * of our own: libzip's temporary file goes in it too. */
	ssg_outdir_sweep(zip_path);
	if (ssg_outdir_scratch(zip_path, &a->dir, &a->dir_fd, d) != SSG_OK)
		goto done;
	ssg_buf tmp;
	ssg_buf_init(&tmp);
	ssg_buf_printf(&tmp, "%s/archive.zip", a->dir);
	a->file = ssg_buf_detach(&tmp);
	int zerr = 0;
	za = zip_open(a->file, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		ssg_diags_env(d, "cannot create %s: %s", a->file,
			      zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto done;
	}
	zip_uint16_t dtime, ddate;
	dos_datetime(mtime, &dtime, &ddate);
	for (size_t i = 0; i < files.n; i++) {
		if (ssg_stop_signal()) {
			ssg_diags_env(d, "stopped by signal %d; %s is as it "
				      "was", ssg_stop_signal(), zip_path);
			goto done;
		}
		if (add_file(za, site_dir, files.v[i], dtime, ddate, a->file,
			     d))
			goto done;
	}
	if (zip_close(za) < 0) {
		ssg_diags_env(d, "cannot write %s: %s", a->file,
			      zip_error_strerror(zip_get_error(za)));
		goto done;
	}
	za = NULL;
	/* libzip creates the file with the umask's mode. */
	if (chmod(a->file, 0644) < 0 || ssg_outdir_fsync(a->file) < 0) {
		ssg_diags_env(d, "cannot write %s: %s", a->file,
			      strerror(errno));
		goto done;
	}
	*out = a;
	a = NULL;
	rc = SSG_OK;
done:
	if (za)
		zip_discard(za);
	ssg_archive_free(a);
	paths_fini(&files);
	return rc;
}

int ssg_archive_place(ssg_archive *a, ssg_diags *d)
{
	if (rename(a->file, a->zip_path) < 0) {
		ssg_diags_env(d, "cannot write %s: %s", a->zip_path,
			      strerror(errno));
		return SSG_ERR_ENV;
	}
	/* Its name on disk too; the zip itself was flushed by make. */
	if (ssg_outdir_fsync_parent(a->zip_path) < 0)
		ssg_diags_add(d, SSG_SEV_WARNING, NULL, 0, 0,
			      "%s is in place but its name may not be on disk "
			      "yet: %s",
			      a->zip_path, strerror(errno));
	return SSG_OK;
}

void ssg_archive_free(ssg_archive *a)
{
	if (!a)
		return;
	ssg_outdir_scratch_end(a->dir, a->dir_fd);
	free(a->file);
	free(a->zip_path);
	free(a);
}

int ssg_archive_write(const char *site_dir, const char *zip_path,
		      long long mtime, ssg_diags *d)
{
	ssg_archive *a = NULL;
	int rc = ssg_archive_make(&a, site_dir, zip_path, mtime, d);
	if (rc == SSG_OK)
		rc = ssg_archive_place(a, d);
	ssg_archive_free(a);
	return rc;
}
