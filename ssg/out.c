/*
 * out — a new site built beside OUT and swapped in whole.
 *
 * Two trees take turns: OUT, and its twin kept beside it (".OUT.ssg-prev")
 * holding the site before last.  A build updates the twin in place,
 * writing only the files whose bytes changed (each through a temporary
 * file and a rename, so that a reader of the old site never sees a torn
 * file), deletes what it did not write, and exchanges the twin with OUT.
 * Creating and deleting files is what costs on a disk; an unchanged site
 * now costs one read per file, and a file the caller knows unchanged
 * (ssg_out_reuse: its key and stamp recorded, pagekeys.h) not even that:
 * it stays where it is in the twin, or gets a second name from OUT.  A
 * file with a second name is never overwritten in place, so that OUT
 * never changes under its readers.  Once the twin has been out of
 * service for a while (SSG_OUT_QUIET_S; a reader that opened one of its
 * files when it was live is done with it by then), a changed page is
 * overwritten in its own inode instead, which costs no more than the
 * write (on ext4 a new inode per page doubled the time of such a build).
 * The twin is never live, so a failed build may leave it half updated:
 * the next one compares every file again and deletes whatever it does
 * not write; a sub-tree kept whole (ssg_out_keep) is checked by its
 * caller first, through its signature.
 *
 * Every file and directory is created relative to a descriptor of the tree
 * being built, with O_NOFOLLOW on each component, so no path and no
 * symbolic link can make a write land outside it.  An existing OUT (or
 * twin) is replaced or reused only when it is empty or carries the marker
 * a previous build wrote: `ssg build -o ~` must not delete a home
 * directory.  What makes a tree ours, how one is walked, removed and
 * swapped, and the temporary trees beside OUT are outdir's (outdir.h).
 * This file is the trees' life (begin, finish, commit, free); writing
 * files and sub-trees into the one being built is out_write.c's, and
 * what the two share is out_int.h.
 */
#define _GNU_SOURCE /* flock, syncfs */

#include "out_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "outdir.h"
#include "outflush.h"
#include "outset.h"
#include "pool.h"
#include "stop.h"

static const char marker_text[] = SSG_OUTDIR_MARKER_TEXT;

/* ---- begin ---- */

/* A signal came (stop.h): the build ends at its next step. */
bool ssg_out_stopped(const char *dir, ssg_diags *d)
{
	int sig = ssg_stop_signal();
	if (sig)
		ssg_diags_env(d, "stopped by signal %d; %s is as it was", sig,
			      dir);
	return sig != 0;
}

/* The twin of OUT: ".NAME.ssg-prev" in OUT's parent, hidden from ls. */
static char *twin_path(const char *dir)
{
	ssg_buf b;
	ssg_buf_init(&b);
	const char *slash = strrchr(dir, '/');
	if (slash)
		ssg_buf_put(&b, dir, (size_t)(slash - dir) + 1);
	ssg_buf_printf(&b, ".%s.ssg-prev", slash ? slash + 1 : dir);
	return ssg_buf_detach(&b);
}

/* Opens the twin when it is ours and no other build is using it. */
static int open_twin(const char *prev)
{
	if (!ssg_outdir_ours(prev))
		return -1;
	int fd = open(prev, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0 || fstat(fd, &st) < 0 ||
	    ((st.st_mode & 07777) != 0755 && fchmod(fd, 0755) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The marker's time is when the tree stopped being OUT (retire). */
static bool retired_long_ago(int fd)
{
	struct stat st;
	struct timespec now;
	if (fstatat(fd, SSG_OUT_MARKER, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    clock_gettime(CLOCK_REALTIME, &now) < 0)
		return false;
	return st.st_mtim.tv_sec <= now.tv_sec - SSG_OUT_QUIET_S;
}

/* Dates the marker of the tree that just stopped being OUT. */
static void retire(const char *tree)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "%s/%s", tree, SSG_OUT_MARKER);
	(void)utimensat(AT_FDCWD, b.data, NULL, AT_SYMLINK_NOFOLLOW);
	ssg_buf_fini(&b);
}

/* Whether the process's umask leaves modes 0644 and 0755 as they are
 * (022, 002, 0: the usual), read from /proc without setting it (umask(2)
 * would change it, for a moment, for every thread); false when it cannot
 * be read.  Then a chmod after each create is two syscalls a page saved
 * (a cold build of 10,000 posts makes 20,000 names). */
static bool umask_keeps_modes(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return false;
	char line[256];
	unsigned m = 0777;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Umask: %o", &m) == 1)
			break;
	fclose(f);
	return (m & 0755) == 0;
}

/* dir without its trailing slashes, or NULL when it names no directory
 * that can be OUT (said in d when d is not NULL). */
static char *out_dir(const char *dir, ssg_diags *d)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	char *o = ssg_xstrndup(dir, n);
	const char *slash = strrchr(o, '/');
	const char *base = slash ? slash + 1 : o;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		if (d)
			ssg_diags_env(d, "cannot use '%s' as the output "
				      "directory: name a directory", dir);
		free(o);
		return NULL;
	}
	return o;
}

int ssg_out_twin_lock(const char *dir)
{
	char *o = out_dir(dir, NULL);
	if (!o)
		return -1;
	char *prev = twin_path(o);
	int fd = open_twin(prev);
	free(prev);
	free(o);
	return fd;
}

int ssg_out_begin(ssg_out **out, const char *dir, ssg_diags *d)
{
	return ssg_out_begin_twin(out, dir, -1, d);
}

int ssg_out_begin_twin(ssg_out **out, const char *dir, int twin,
		       ssg_diags *d)
{
	int rc = SSG_OK;
	ssg_out *o = ssg_xcalloc(1, sizeof(*o));
	struct stat st;

	*out = NULL;
	o->fd = -1;
	o->live_fd = -1;
	o->modes_kept = umask_keeps_modes();
	pthread_mutex_init(&o->lock, NULL);
	pthread_mutex_init(&o->offer_lock, NULL);
	ssg_buf_init(&o->cur);
	ssg_buf_init(&o->recbuf);
	if (ssg_out_stopped(dir, d)) {
		rc = SSG_ERR_ENV;
		goto done;
	}
	o->dir = out_dir(dir, d);
	if (!o->dir) {
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (lstat(o->dir, &st) == 0) {
		rc = ssg_outdir_replaceable(o->dir, d);
		if (rc != SSG_OK)
			goto done;
	} else if (errno != ENOENT) {
		ssg_diags_env(d, "cannot use output directory %s: %s", o->dir,
			      strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	ssg_outdir_sweep(o->dir);
	if (ssg_outdir_ours(o->dir))
		o->live_fd = open(o->dir, O_RDONLY | O_DIRECTORY |
						  O_NOFOLLOW | O_CLOEXEC);
	o->prev = twin_path(o->dir);
	o->fd = twin >= 0 ? twin : open_twin(o->prev);
	twin = -1; /* o's now */
	if (o->fd >= 0) {
		o->reused = true;
		o->inplace = retired_long_ago(o->fd);
		o->tmp = ssg_xstrdup(o->prev);
		rc = ssg_out_write(o, SSG_OUT_MARKER, marker_text,
				   sizeof(marker_text) - 1, d);
		if (rc != SSG_OK)
			goto done;
	} else {
		/* Beside OUT, so that the final rename stays on one file
		 * system. */
		rc = ssg_outdir_scratch(o->dir, &o->tmp, &o->fd, d);
		if (rc != SSG_OK)
			goto done;
		o->held = true;
		ssg_outset_put(&o->seen, SSG_OUT_MARKER,
			       strlen(SSG_OUT_MARKER), 0);
	}
	o->flush = ssg_outflush_start(o->fd);
	*out = o;
	o = NULL;
done:
	if (twin >= 0)
		close(twin);
	ssg_out_free(o);
	return rc;
}

/* ---- commit ---- */

typedef struct {
	ssg_out *o;
	ssg_buf *rel; /* the path of the entry, from `at` on its name */
	size_t at;
	dev_t dev;
	unsigned depth;
} prune_walk;

/* Deletes entry `name` of a directory being pruned unless this build
 * wrote or entered it (a directory of the set is pruned on its own). */
static int prune_entry(int dirfd, const char *name, unsigned char type,
		       void *ctx)
{
	prune_walk *w = ctx;
	struct stat st;
	/* A directory is opened on the tree's file system only (a mount
	 * point is not ours, EXDEV): no need of its status. */
	int dir = type == DT_DIR ? 1
				 : ssg_outdir_is_dir(dirfd, name, type, &st);
	if (dir < 0)
		return -1;
	w->rel->len = w->at;
	ssg_buf_puts(w->rel, name);
	if (dir)
		ssg_buf_putc(w->rel, '/');
	if (ssg_outset_get(&w->o->seen, w->rel->data, w->rel->len, NULL))
		return 0;
	return dir ? ssg_outdir_rm_at(dirfd, name, w->dev, w->depth)
		   : unlinkat(dirfd, name, 0);
}

/* Deletes from the directory `key` (n bytes, "" or ending in '/') of
 * o's tree what this build did not write there. */
static int prune_dir(ssg_out *o, const char *key, size_t n, dev_t dev)
{
	unsigned depth = 0;
	for (size_t i = 0; i < n; i++)
		depth += key[i] == '/';
	int fd = n ? ssg_outdir_open_path(o->fd, key, dev)
		   : fcntl(o->fd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1; /* as a walk skips it */
	ssg_buf rel;
	ssg_buf_init(&rel);
	ssg_buf_put(&rel, key, n);
	prune_walk w = {o, &rel, n, dev, depth};
	int rc = ssg_outdir_each(fd, prune_entry, &w);
	int err = errno;
	ssg_buf_fini(&rel);
	errno = err;
	return rc;
}

/* Whether the prune passes by the directory key (n bytes): it is in,
 * or is, one that a sub-tree pruned or that is kept whole. */
static bool passed_by(const ssg_out *o, const char *key, size_t n)
{
	for (size_t i = 0; i < o->npruned; i++) {
		size_t m = strlen(o->pruned[i]);
		if (m <= n && !memcmp(o->pruned[i], key, m))
			return true;
	}
	return false;
}

/* Prunes the whole tree of o (a sub-tree's, or OUT's new one): its top,
 * and each directory of the set that may hold what it does not list
 * (outset.h); the others are not read at all. */
static int prune_tree(ssg_out *o)
{
	struct stat st;
	if (fstat(o->fd, &st) < 0)
		return -1;
	int rc = prune_dir(o, "", 0, st.st_dev);
	const ssg_outset *s = &o->seen;
	for (size_t i = 0; rc == 0 && i < s->cap; i++) {
		const char *k = s->keys[i];
		size_t n = s->lens[i];
		if (k && k[n - 1] == '/' && !ssg_outset_clean(s, i) &&
		    !passed_by(o, k, n))
			rc = prune_dir(o, k, n, st.st_dev);
	}
	return rc;
}

/* The site before the new one is in `old`: kept as the twin for the next
 * build when it is ours and the twin's place is free, removed otherwise. */
static void keep_old(ssg_out *o, const char *old, ssg_diags *d)
{
	struct stat st;
	if (!strcmp(old, o->prev)) {
		if (ssg_outdir_ours(old)) {
			retire(old);
			return;
		}
	} else if (lstat(o->prev, &st) < 0 && errno == ENOENT &&
		   ssg_outdir_ours(old) && rename(old, o->prev) == 0) {
		retire(o->prev);
		return;
	}
	if (ssg_outdir_rm(old) < 0)
		ssg_diags_add(d, SSG_SEV_WARNING, NULL, 0, 0,
			      "the new site is in %s, but the old one could "
			      "not be removed from %s: %s",
			      o->dir, old, strerror(errno));
}

/* For kernels and file systems without RENAME_EXCHANGE: two renames, with
 * a short moment where OUT does not exist. */
static int swap_by_renames(ssg_out *o, ssg_diags *d)
{
	int rc = SSG_OK, lfd = -1;
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
	/* Locked while aside, so that another build's sweep leaves it. */
	lfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (lfd >= 0)
		(void)flock(lfd, LOCK_EX | LOCK_NB);
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
	keep_old(o, old.data, d);
done:
	if (lfd >= 0)
		close(lfd);
	ssg_buf_fini(&old);
	return rc;
}

/* The syncfs of a finished tree, as a job (pool.h): its errno. */
typedef struct {
	int fd, err;
} synced;

static bool sync_run(void *ctx, void *res, size_t k)
{
	synced *s = ctx;
	(void)res;
	(void)k;
	s->err = syncfs(s->fd) < 0 ? errno : 0;
	return true;
}

int ssg_out_finish(ssg_out *o, const char **tree, ssg_diags *d)
{
	if (o->fd < 0 || o->parent) {
		ssg_diags_env(d, "the build of %s is already finished", o->dir);
		return SSG_ERR_ENV;
	}
	if (!o->finished) {
		ssg_out_close_levels(o, 0);
		/* What earlier builds wrote and this one did not. */
		if (o->reused && prune_tree(o) < 0) {
			ssg_diags_env(d, "cannot remove old files from %s: %s",
				      o->tmp, strerror(errno));
			return SSG_ERR_ENV;
		}
		/* Every file on disk before the site goes live: a power cut
		 * after a build that said yes keeps it whole.  One call for
		 * the whole file system; an fsync per file costs far more.
		 * It waits for the disk on another core while this one looks
		 * at the tree's directories for their records (a stat of
		 * each of 27,000 on a province), which write nothing. */
		(void)ssg_outflush_stop(o->flush);
		o->flush = NULL;
		synced s = {o->fd, 0};
		ssg_pool_opts po = {1, 2, &s, sync_run, NULL, NULL};
		ssg_pool *sync = ssg_pool_start(&po);
		if (o->recs) {
			ssg_buf_clear(&o->recbuf);
			ssg_outset_record(&o->seen, o->fd, &o->recbuf);
		}
		ssg_pool_finish(sync, NULL);
		if (s.err) {
			ssg_diags_env(d, "cannot write %s to disk: %s", o->tmp,
				      strerror(s.err));
			return SSG_ERR_ENV;
		}
		o->finished = true;
	}
	if (tree)
		*tree = o->tmp;
	return SSG_OK;
}

int ssg_out_commit(ssg_out *o, ssg_diags *d)
{
	struct stat st;
	int rc = ssg_out_finish(o, NULL, d);
	if (rc != SSG_OK)
		return rc;
	ssg_stop_point("swap");
	if (ssg_out_stopped(o->dir, d)) {
		rc = SSG_ERR_ENV;
		goto done;
	}
	/* The lock on the twin is held until it is OUT. */
	if (lstat(o->dir, &st) < 0) {
		if (errno != ENOENT) {
			ssg_diags_env(d, "cannot use output directory %s: %s",
				      o->dir, strerror(errno));
			rc = SSG_ERR_ENV;
			goto done;
		}
		if (rename(o->tmp, o->dir) < 0) {
			ssg_diags_env(d, "cannot move the new site to %s: %s",
				      o->dir, strerror(errno));
			rc = SSG_ERR_ENV;
			goto done;
		}
		o->committed = true;
		goto done;
	}
	/* Checked again: OUT may have changed during the build. */
	rc = ssg_outdir_replaceable(o->dir, d);
	if (rc != SSG_OK)
		goto done;
	if (ssg_outdir_exchange(o->tmp, o->dir) < 0) {
		if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP ||
		    errno == EOPNOTSUPP) {
			rc = swap_by_renames(o, d);
			goto done;
		}
		ssg_diags_env(d, "cannot move the new site to %s: %s", o->dir,
			      strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	/* tmp now holds the old site. */
	o->committed = true;
	keep_old(o, o->tmp, d);
done:
	if (o->committed && o->recs) {
		ssg_out_tree t = ssg_out_built(o), keep = {0, 0};
		(void)ssg_out_live(o, &keep);
		ssg_outset_recs_write(o->gitdir, t, keep, &o->recbuf);
	}
	/* The new names on disk too.  The site is live already: a failure
	 * here is the disk's, and the next flush may still succeed. */
	if (o->committed && ssg_outdir_fsync_parent(o->dir) < 0)
		ssg_diags_add(d, SSG_SEV_WARNING, NULL, 0, 0,
			      "%s is in place but its name may not be on "
			      "disk yet: %s",
			      o->dir, strerror(errno));
	close(o->fd);
	o->fd = -1;
	return rc;
}

void ssg_out_free(ssg_out *o)
{
	if (!o)
		return;
	(void)ssg_outflush_stop(o->flush);
	ssg_out_close_levels(o, 0);
	/* A sub-tree that wrote all it was asked prunes its own part of a
	 * reused tree now, on its own thread: the commit's prune is then
	 * left with the rest (a fifth of a province's entries). */
	bool pruned = o->parent && o->fd >= 0 && o->reused && !o->failed &&
		      prune_tree(o) == 0;
	if (o->fd >= 0)
		close(o->fd);
	if (o->live_fd >= 0)
		close(o->live_fd);
	if (o->parent)
		ssg_out_sub_join(o, pruned);
	/* An unfinished twin stays: it is never live, and the next build
	 * deletes what it does not write again.  A sub-tree is its
	 * parent's to keep or remove. */
	if (o->tmp && !o->committed && !o->reused && !o->parent)
		(void)ssg_outdir_rm(o->tmp);
	if (o->held)
		ssg_stop_release();
	ssg_outset_fini(&o->seen);
	ssg_outset_recs_free(o->recs);
	ssg_buf_fini(&o->recbuf);
	free(o->gitdir);
	for (size_t i = 0; i < o->npruned; i++)
		free(o->pruned[i]);
	free(o->pruned);
	ssg_buf_fini(&o->cur);
	ssg_out_offers_free(o);
	pthread_mutex_destroy(&o->offer_lock);
	pthread_mutex_destroy(&o->lock);
	free(o->dir);
	free(o->prev);
	free(o->tmp);
	free(o->prefix);
	free(o->whole);
	free(o);
}
