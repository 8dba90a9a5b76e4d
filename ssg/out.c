/*
 * out — a new site in a temporary directory beside OUT, swapped in whole.
 *
 * Every file and directory is created relative to a descriptor of the
 * temporary directory, with O_NOFOLLOW on each component, so no path and
 * no symbolic link can make a write land outside it.  An existing OUT is
 * replaced only when it is empty or carries the marker a previous build
 * wrote: `ssg build -o ~` must not delete a home directory.
 */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE */

#include "out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if !defined(RENAME_EXCHANGE)
#include <sys/syscall.h>
#endif

#include "buf.h"

#define MAX_PATH 4096
/* Directory levels removed below an old site; ours are far shallower. */
#define MAX_RM_DEPTH 128

static const char marker_text[] =
	"This directory is written by ssg and replaced whole on every "
	"build.\n";

struct ssg_out {
	char *dir; /* OUT without trailing slashes */
	char *tmp; /* the new site until committed */
	int fd;    /* open on tmp; -1 once committed */
	bool committed;
};

/* ---- removal ---- */

static int rm_contents(int fd, dev_t dev, unsigned depth);

/* Removes the directory `name` of `dirfd` and all below it, staying on
 * one file system and never following a link. */
static int rm_dir_at(int dirfd, const char *name, dev_t dev, unsigned depth)
{
	if (depth >= MAX_RM_DEPTH) {
		errno = ELOOP;
		return -1;
	}
	int fd = openat(dirfd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (rm_contents(fd, dev, depth + 1) < 0)
		return -1;
	return unlinkat(dirfd, name, AT_REMOVEDIR);
}

/* Empties the directory open at `fd` (taken over and closed). */
static int rm_contents(int fd, dev_t dev, unsigned depth)
{
	int rc = 0, err = 0;
	DIR *dir = fdopendir(fd);
	if (!dir) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(dir);
		if (!de) {
			if (errno) {
				err = errno;
				rc = -1;
			}
			break;
		}
		const char *name = de->d_name;
		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		struct stat st;
		if (fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno == ENOENT)
				continue;
			err = errno;
			rc = -1;
			break;
		}
		int r;
		if (S_ISDIR(st.st_mode)) {
			if (st.st_dev != dev) {
				errno = EXDEV; /* a mount point: not ours */
				r = -1;
			} else {
				r = rm_dir_at(dirfd(dir), name, dev, depth);
			}
		} else {
			r = unlinkat(dirfd(dir), name, 0);
		}
		if (r < 0 && errno != ENOENT) {
			err = errno;
			rc = -1;
			break;
		}
	}
	closedir(dir);
	errno = err;
	return rc;
}

/* Removes the directory tree at `path`; -1 with errno on failure. */
static int rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (rm_contents(fd, st.st_dev, 0) < 0)
		return -1;
	return rmdir(path);
}

/* ---- the old site ---- */

/* OUT may be replaced when it is empty or when a build of ours wrote it. */
static int check_replaceable(const char *dir, ssg_diags *d)
{
	struct stat st;
	if (lstat(dir, &st) < 0) {
		ssg_diags_env(d, "cannot use output directory %s: %s", dir,
			      strerror(errno));
		return SSG_ERR_ENV;
	}
	if (S_ISLNK(st.st_mode)) {
		ssg_diags_env(d, "output path is a symbolic link: %s", dir);
		return SSG_ERR_ENV;
	}
	if (!S_ISDIR(st.st_mode)) {
		ssg_diags_env(d, "output path is not a directory: %s", dir);
		return SSG_ERR_ENV;
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		ssg_diags_env(d, "cannot read output directory %s: %s", dir,
			      strerror(errno));
		return SSG_ERR_ENV;
	}
	if (fstatat(fd, SSG_OUT_MARKER, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode)) {
		close(fd);
		return SSG_OK;
	}
	DIR *dp = fdopendir(fd);
	if (!dp) {
		ssg_diags_env(d, "cannot read output directory %s: %s", dir,
			      strerror(errno));
		close(fd);
		return SSG_ERR_ENV;
	}
	bool empty = true;
	struct dirent *de;
	while ((de = readdir(dp)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			empty = false;
			break;
		}
	closedir(dp);
	if (!empty) {
		ssg_diags_env(d,
			      "refusing to replace %s: it is not empty and "
			      "has no %s file, so ssg did not write it",
			      dir, SSG_OUT_MARKER);
		return SSG_ERR_ENV;
	}
	return SSG_OK;
}

/* ---- begin ---- */

int ssg_out_begin(ssg_out **out, const char *dir, ssg_diags *d)
{
	int rc = SSG_OK;
	ssg_out *o = ssg_xcalloc(1, sizeof(*o));
	ssg_buf b;
	struct stat st;

	*out = NULL;
	o->fd = -1;
	ssg_buf_init(&b);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	o->dir = ssg_xstrndup(dir, n);
	const char *slash = strrchr(o->dir, '/');
	const char *base = slash ? slash + 1 : o->dir;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		ssg_diags_env(d, "cannot use '%s' as the output directory: "
			      "name a directory", dir);
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (lstat(o->dir, &st) == 0) {
		rc = check_replaceable(o->dir, d);
		if (rc != SSG_OK)
			goto done;
	} else if (errno != ENOENT) {
		ssg_diags_env(d, "cannot use output directory %s: %s", o->dir,
			      strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	/* Beside OUT, so that the final rename stays on one file system. */
	ssg_buf_printf(&b, "%s.ssg-new-XXXXXX", o->dir);
	if (!mkdtemp(b.data)) {
		ssg_diags_env(d, "cannot create the new site beside %s: %s",
			      o->dir, strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	o->tmp = ssg_buf_detach(&b);
	o->fd = open(o->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (o->fd < 0 || fchmod(o->fd, 0755) < 0) {
		ssg_diags_env(d, "cannot use %s: %s", o->tmp, strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	rc = ssg_out_write(o, SSG_OUT_MARKER, marker_text,
			   sizeof(marker_text) - 1, d);
	if (rc != SSG_OK)
		goto done;
	*out = o;
	o = NULL;
done:
	ssg_out_free(o);
	ssg_buf_fini(&b);
	return rc;
}

/* ---- write ---- */

static bool relpath_ok(const char *p)
{
	size_t n = strlen(p);
	if (n == 0 || n > MAX_PATH || p[0] == '/' || strchr(p, '\\'))
		return false;
	for (const char *s = p;;) {
		size_t len = strcspn(s, "/");
		if (len == 0 || (len == 1 && s[0] == '.') ||
		    (len == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		if (!s[len])
			return true;
		s += len + 1;
	}
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Opens (creating when missing) the directory `name` in `dirfd`. */
static int open_subdir(int dirfd, const char *name)
{
	bool made = mkdirat(dirfd, name, 0755) == 0;
	if (!made && errno != EEXIST)
		return -1;
	int fd = openat(dirfd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (made && fchmod(fd, 0755) < 0) { /* the umask took bits away */
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

int ssg_out_write(ssg_out *o, const char *relpath, const void *data,
		  size_t len, ssg_diags *d)
{
	int rc = SSG_OK;
	int dirfd = -1, fd = -1;
	char *path = NULL;
	const char *what = "create";

	if (!relpath_ok(relpath)) {
		ssg_diags_env(d, "refusing to write outside the output "
			      "directory: %s", relpath);
		return SSG_ERR_ENV;
	}
	if (o->fd < 0) {
		ssg_diags_env(d, "cannot write %s: the build of %s is "
			      "finished", relpath, o->dir);
		return SSG_ERR_ENV;
	}
	path = ssg_xstrdup(relpath);
	char *name = path;
	dirfd = o->fd;
	for (char *slash; (slash = strchr(name, '/')); name = slash + 1) {
		*slash = '\0';
		int next = open_subdir(dirfd, name);
		int err = errno;
		if (dirfd != o->fd)
			close(dirfd);
		dirfd = next;
		if (dirfd < 0) {
			ssg_diags_env(d, "cannot create directory %s in %s: "
				      "%s", path, o->tmp, strerror(err));
			rc = SSG_ERR_ENV;
			goto done;
		}
		*slash = '/';
	}
	fd = openat(dirfd, name,
		    O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		if (errno == EEXIST) {
			ssg_diags_env(d, "output file written twice: %s",
				      relpath);
			rc = SSG_ERR_ENV;
			goto done;
		}
		goto fail;
	}
	what = "write";
	if (write_all(fd, data, len) < 0 || fchmod(fd, 0644) < 0)
		goto fail;
	int c = close(fd);
	fd = -1;
	if (c < 0)
		goto fail;
	goto done;
fail:
	ssg_diags_env(d, "cannot %s %s in %s: %s", what, relpath, o->tmp,
		      strerror(errno));
	rc = SSG_ERR_ENV;
done:
	if (fd >= 0)
		close(fd);
	if (dirfd >= 0 && dirfd != o->fd)
		close(dirfd);
	free(path);
	return rc;
}

/* ---- commit ---- */

static int exchange(const char *a, const char *b)
{
#if defined(RENAME_EXCHANGE)
	return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#elif defined(SYS_renameat2)
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 1 << 1);
#else
	(void)a;
	(void)b;
	errno = ENOSYS;
	return -1;
#endif
}

static void removed_or_warn(const char *old, const char *dir, ssg_diags *d)
{
	if (rm_tree(old) < 0)
		ssg_diags_add(d, SSG_SEV_WARNING, NULL, 0, 0,
			      "the new site is in %s, but the old one could "
			      "not be removed from %s: %s",
			      dir, old, strerror(errno));
}

/* For kernels and file systems without RENAME_EXCHANGE: two renames, with
 * a short moment where OUT does not exist. */
static int swap_by_renames(ssg_out *o, ssg_diags *d)
{
	int rc = SSG_OK;
	ssg_buf old;

	ssg_buf_init(&old);
	ssg_buf_printf(&old, "%s.ssg-old-XXXXXX", o->dir);
	/* mkdtemp reserves a fresh name; renaming a directory onto an empty
	 * one replaces it. */
	if (!mkdtemp(old.data)) {
		ssg_diags_env(d, "cannot create a directory beside %s: %s",
			      o->dir, strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (rename(o->dir, old.data) < 0) {
		ssg_diags_env(d, "cannot move %s aside: %s", o->dir,
			      strerror(errno));
		rmdir(old.data);
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (rename(o->tmp, o->dir) < 0) {
		int err = errno;
		if (rename(old.data, o->dir) < 0)
			ssg_diags_env(d, "the old site is now in %s", old.data);
		ssg_diags_env(d, "cannot move the new site to %s: %s", o->dir,
			      strerror(err));
		rc = SSG_ERR_ENV;
		goto done;
	}
	o->committed = true;
	removed_or_warn(old.data, o->dir, d);
done:
	ssg_buf_fini(&old);
	return rc;
}

int ssg_out_commit(ssg_out *o, ssg_diags *d)
{
	struct stat st;

	if (o->fd < 0) {
		ssg_diags_env(d, "the build of %s is already finished", o->dir);
		return SSG_ERR_ENV;
	}
	close(o->fd);
	o->fd = -1;
	if (lstat(o->dir, &st) < 0) {
		if (errno != ENOENT) {
			ssg_diags_env(d, "cannot use output directory %s: %s",
				      o->dir, strerror(errno));
			return SSG_ERR_ENV;
		}
		if (rename(o->tmp, o->dir) < 0) {
			ssg_diags_env(d, "cannot move the new site to %s: %s",
				      o->dir, strerror(errno));
			return SSG_ERR_ENV;
		}
		o->committed = true;
		return SSG_OK;
	}
	/* Checked again: OUT may have changed during the build. */
	int rc = check_replaceable(o->dir, d);
	if (rc != SSG_OK)
		return rc;
	if (exchange(o->tmp, o->dir) < 0) {
		if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP ||
		    errno == EOPNOTSUPP)
			return swap_by_renames(o, d);
		ssg_diags_env(d, "cannot move the new site to %s: %s", o->dir,
			      strerror(errno));
		return SSG_ERR_ENV;
	}
	/* tmp now holds the old site. */
	o->committed = true;
	removed_or_warn(o->tmp, o->dir, d);
	return SSG_OK;
}

void ssg_out_free(ssg_out *o)
{
	if (!o)
		return;
	if (o->fd >= 0)
		close(o->fd);
	if (o->tmp && !o->committed)
		(void)rm_tree(o->tmp);
	free(o->dir);
	free(o->tmp);
	free(o);
}
