/*
 * store — see store.h.
 */
#define _DEFAULT_SOURCE /* flock */

#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "buf.h"
#include "digest.h"
#include "stop.h"

#define CHUNK 65536

/* ---- what wrote it ---- */

static uint32_t program_sig;
static pthread_once_t program_once = PTHREAD_ONCE_INIT;

/* A CRC of the running executable: what a build keeps is only used by
 * the build of ssg that wrote it, so no change to the program can meet
 * what an older one left. */
static void program_sig_init(void)
{
	uLong crc = crc32(0L, Z_NULL, 0);
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	bool ok = fd >= 0;
	unsigned char buf[CHUNK];
	ssize_t n;
	while (ok && (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			ok = errno == EINTR;
			continue;
		}
		crc = crc32(crc, buf, (uInt)n);
	}
	if (fd >= 0)
		close(fd);
	/* No /proc: the time of the build stands in for the program. */
	if (!ok) {
		static const char when[] = __DATE__ " " __TIME__;
		crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)when,
			    sizeof(when));
	}
	program_sig = (uint32_t)crc;
}

uint32_t ssg_store_program(void)
{
	pthread_once(&program_once, program_sig_init);
	return program_sig;
}

char *ssg_store_path(const char *gitdir, const char *name)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, gitdir);
	if (b.len && b.data[b.len - 1] != '/')
		ssg_buf_putc(&b, '/');
	ssg_buf_printf(&b, "ssg/%s", name);
	return ssg_buf_detach(&b);
}

FILE *ssg_store_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!f && fd >= 0)
		close(fd);
	return f;
}

bool ssg_store_read(const char *path, size_t max, ssg_buf *out)
{
	FILE *f = ssg_store_open(path);
	if (!f)
		return false;
	/* Read into a buffer of the file's size: the records of a
	 * province's pages are 6 MB, which doubling made 8, held all
	 * build. */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uint64_t)st.st_size <= max)
		ssg_buf_reserve(out, (size_t)st.st_size);
	char chunk[65536];
	size_t got, start = out->len;
	while (out->len - start < max &&
	       (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ssg_buf_put(out, chunk, got);
	bool ok = !ferror(f);
	fclose(f);
	return ok;
}

/* ---- replacing a file ---- */

struct ssg_store_file {
	char *path;
	char *tmp;
	FILE *f;
	bool ok;
};

/* gitdir/ssg, made if missing; false when it is anything but a
 * directory (a link included). */
static bool store_dir(const char *file)
{
	char *dir = ssg_xstrdup(file);
	char *slash = strrchr(dir, '/');
	bool ok = false;
	struct stat st;
	if (slash) {
		*slash = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			goto done;
		ok = lstat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	}
done:
	free(dir);
	return ok;
}

/* Whether `name` is a temporary file of a replacement of `base`
 * ("BASE.PID.tmp"), or of any file when base is NULL. */
static bool is_tmp(const char *name, const char *base)
{
	size_t k = strlen(name);
	if (k < 7 || strcmp(name + k - 4, ".tmp") != 0)
		return false;
	size_t dot = k - 4; /* the dot before the pid */
	while (dot > 0 && name[dot - 1] >= '0' && name[dot - 1] <= '9')
		dot--;
	if (dot < 2 || dot == k - 4 || name[--dot] != '.')
		return false;
	return !base || (strlen(base) == dot && !strncmp(name, base, dot));
}

/* Removes from `dir` the temporary files of `base` (of every file when
 * NULL) that builds killed while writing them left: each writer holds a
 * lock on its own while it writes, so one whose lock can be taken is
 * nobody's.  A file swept in the moment between a writer's open and its
 * lock makes that writer's rename fail: a store file not written, which
 * only costs time.  This process's own are never swept: another of its
 * threads may be writing one (the history cache is written beside the
 * build), and one it left is replaced under the same name. */
static void sweep_tmp(const char *dir, const char *base)
{
	char mine[32];
	snprintf(mine, sizeof(mine), ".%ld.tmp", (long)getpid());
	size_t nmine = strlen(mine);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		size_t k = strlen(de->d_name);
		if (!is_tmp(de->d_name, base) ||
		    (k > nmine && !strcmp(de->d_name + k - nmine, mine)))
			continue;
		int fd = openat(dirfd(d), de->d_name,
				O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			(void)unlinkat(dirfd(d), de->d_name, 0);
		close(fd);
	}
	if (d)
		closedir(d);
}

void ssg_store_sweep(const char *gitdir)
{
	char *dir = ssg_store_path(gitdir, "");
	dir[strlen(dir) - 1] = '\0'; /* no slash: lstat must see a link */
	struct stat st;
	/* Never through a link, as every file of the store. */
	if (lstat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		sweep_tmp(dir, NULL);
	free(dir);
}

ssg_store_file *ssg_store_replace_begin(const char *path)
{
	if (!store_dir(path))
		return NULL;
	const char *slash = strrchr(path, '/');
	char *dir = ssg_xstrndup(path, (size_t)(slash - path));
	sweep_tmp(dir, slash + 1);
	free(dir);
	ssg_buf tmp;
	ssg_buf_init(&tmp);
	ssg_buf_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	/* Held from before the file exists: a signal from here waits for
	 * the end (stop.h), which removes it.  Taken only after the open, a
	 * signal in between ended the build at once and left the file. */
	ssg_stop_hold();
	int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
					O_CLOEXEC,
		      0644);
	/* Held until fclose: the file is ours while it is written. */
	FILE *f = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0
			  ? fdopen(fd, "wb")
			  : NULL;
	if (!f) {
		if (fd >= 0) {
			close(fd);
			(void)unlink(tmp.data);
		}
		ssg_stop_release();
		ssg_buf_fini(&tmp);
		return NULL;
	}
	ssg_stop_point("store");
	ssg_store_file *s = ssg_xcalloc(1, sizeof(*s));
	s->path = ssg_xstrdup(path);
	s->tmp = ssg_buf_detach(&tmp);
	s->f = f;
	s->ok = true;
	return s;
}

void ssg_store_write(ssg_store_file *f, const void *p, size_t n)
{
	if (f && f->ok && n && fwrite(p, 1, n, f->f) != n)
		f->ok = false;
}

bool ssg_store_replace_end(ssg_store_file *f, bool ok)
{
	if (!f)
		return false;
	ok = ok && f->ok;
	if (fclose(f->f) != 0)
		ok = false;
	/* The old file stays whole until the new one replaces it. */
	if (ok && rename(f->tmp, f->path) < 0)
		ok = false;
	if (!ok)
		(void)unlink(f->tmp);
	ssg_stop_release();
	free(f->tmp);
	free(f->path);
	free(f);
	return ok;
}

bool ssg_store_replace(const char *gitdir, const char *name, const void *p,
		       size_t n)
{
	char *path = ssg_store_path(gitdir, name);
	ssg_store_file *f = ssg_store_replace_begin(path);
	ssg_store_write(f, p, n);
	bool ok = ssg_store_replace_end(f, true);
	free(path);
	return ok;
}

bool ssg_store_replace_summed(const char *gitdir, const char *name,
			      const void *p, size_t n)
{
	unsigned char sum[32];
	ssg_digest_of(p, n, sum);
	char *path = ssg_store_path(gitdir, name);
	ssg_store_file *f = ssg_store_replace_begin(path);
	ssg_store_write(f, p, n);
	ssg_store_write(f, sum, sizeof(sum));
	bool ok = ssg_store_replace_end(f, true);
	free(path);
	return ok;
}

bool ssg_store_read_summed(const char *gitdir, const char *name, size_t max,
			   ssg_buf *out)
{
	ssg_buf_clear(out);
	char *path = ssg_store_path(gitdir, name);
	bool ok = ssg_store_read(path, max, out);
	free(path);
	unsigned char sum[32];
	if (ok && out->len >= 32 && out->len <= max) {
		ssg_digest_of(out->data, out->len - 32, sum);
		ok = memcmp(sum, out->data + out->len - 32, 32) == 0;
	} else {
		ok = false;
	}
	if (ok) {
		out->len -= 32;
		out->data[out->len] = '\0';
	} else {
		ssg_buf_clear(out);
	}
	return ok;
}
