/* out_write — the files and sub-trees a build writes into the tree it
 * makes (out.h; what out.c and this file share: out_int.h). */
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
#include "stop.h"

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

static bool same_bytes(int fd, const char *data, size_t len)
{
	char chunk[16384];
	size_t at = 0;
	while (at < len) {
		size_t want = len - at < sizeof(chunk) ? len - at
						       : sizeof(chunk);
		ssize_t r = read(fd, chunk, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || memcmp(chunk, data + at, (size_t)r) != 0)
			return false;
		at += (size_t)r;
	}
	return true;
}

/* The deepest directory open, and whether this build created it. */
static int top_fd(const ssg_out *o)
{
	return o->nlev ? o->lev_fd[o->nlev - 1] : o->fd;
}

static bool top_fresh(const ssg_out *o)
{
	return o->nlev ? o->lev_fresh[o->nlev - 1] : !o->reused;
}

static const ssg_out *top_tree_c(const ssg_out *o);

/* A name is made (or replaced) in the directory of the cursor. */
static void touch(ssg_out *o)
{
	if (o->cur.len)
		ssg_outset_mark(&o->seen, o->cur.data, o->cur.len,
				SSG_OUTSET_TOUCHED);
}

/* Where o writes in the whole tree (ssg_out_whole). */
static const char *base_of(const ssg_out *o)
{
	return o->whole ? o->whole : "";
}

/* Directory slot i of the set, found with status st before this build
 * made any name in it: as the build that last completed the tree left
 * it when st matches its record. */
static void as_recorded(ssg_out *o, size_t i, const struct stat *st)
{
	const ssg_outset_recs *recs = top_tree_c(o)->recs;
	ssg_outset_dir *d = ssg_outset_dir_at(&o->seen, i);
	if (!recs || !d || !S_ISDIR(st->st_mode))
		return;
	ssg_buf w;
	ssg_buf_init(&w);
	ssg_buf_puts(&w, base_of(o));
	ssg_buf_put(&w, o->seen.keys[i], o->seen.lens[i]);
	ssg_out_stamp r;
	if (ssg_outset_recs_get(recs, w.data, &r) &&
	    r.ino == (unsigned long long)st->st_ino &&
	    r.sec == (long long)st->st_ctim.tv_sec &&
	    r.nsec == st->st_ctim.tv_nsec) {
		o->seen.flags[i] |= SSG_OUTSET_ASREC;
		d->rec = r;
	}
	ssg_buf_fini(&w);
}

void ssg_out_close_levels(ssg_out *o, size_t keep)
{
	while (o->nlev > keep)
		close(o->lev_fd[--o->nlev]);
	o->cur.len = keep ? o->lev_end[keep - 1] : 0;
	if (o->cur.data)
		o->cur.data[o->cur.len] = '\0';
}

/* Makes directory `name` in `pfd`, mode 0755 whatever the umask (`kept`:
 * the umask leaves it so); `shared` when another thread may be making it
 * at once (a directory made outside o's lock, ssg_out_write_stamp),
 * which is then found made. */
static int make_dir(int pfd, const char *name, bool shared, bool kept)
{
	if (mkdirat(pfd, name, 0755) < 0 && !(shared && errno == EEXIST))
		return -1;
	int fd = openat(pfd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && !kept && fchmod(fd, 0755) < 0) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* The directory `name` of `pfd` (itself fresh when `pfresh`), opened
 * or created; `known` when this build has entered it already, `file_here`
 * when it wrote a file of that name.  *fresh is set when it is created;
 * *st is the status of one found there (st_ino 0 when not read). */
static int open_level(int pfd, bool pfresh, const char *name, bool known,
		      bool file_here, bool kept, bool *fresh, struct stat *st)
{
	st->st_ino = 0;
	if (!known && pfresh) {
		/* Nothing in a fresh directory that the set does not list. */
		*fresh = true;
		return make_dir(pfd, name, false, kept);
	}
	int fd = openat(pfd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	/* Taken by a write that makes it once out of the lock, and not made
	 * yet (ssg_out_write_stamp). */
	if (fd < 0 && errno == ENOENT && known && *fresh)
		return make_dir(pfd, name, true, kept);
	if (fd >= 0) {
		if (known || (fstat(fd, st) == 0 &&
			      ((st->st_mode & 07777) == 0755 ||
			       fchmod(fd, 0755) == 0)))
			return fd;
		int err = errno;
		close(fd);
		errno = file_here ? ENOTDIR : err;
		return -1;
	}
	if (file_here) {
		errno = ENOTDIR;
		return -1;
	}
	if (known)
		return -1;
	/* A file or link of an earlier build. */
	if ((errno == ENOTDIR || errno == ELOOP) && unlinkat(pfd, name, 0) == 0)
		errno = ENOENT;
	if (errno != ENOENT)
		return -1;
	*fresh = true;
	return make_dir(pfd, name, false, kept);
}

/* Opens the next directory of `path` (whose first `end` bytes, ending in
 * '/', name it) as a new level of the cursor, creating it or clearing what
 * an earlier build left in its way. */
static int enter_dir(ssg_out *o, char *path, size_t end)
{
	if (o->nlev == MAX_DEPTH) {
		errno = ENAMETOOLONG;
		return -1;
	}
	size_t start = o->cur.len;
	bool fresh = false, known = ssg_outset_get(&o->seen, path, end, &fresh);
	bool file_here = ssg_outset_get(&o->seen, path, end - 1, NULL);
	struct stat st;
	path[end - 1] = '\0';
	int fd = open_level(top_fd(o), top_fresh(o), path + start, known,
			    file_here, top_tree_c(o)->modes_kept, &fresh, &st);
	path[end - 1] = '/';
	if (fd < 0)
		return -1;
	if (!known) {
		size_t i = ssg_outset_put(&o->seen, path, end,
					  fresh ? SSG_OUTSET_FRESH : 0);
		if (fresh && !top_fresh(o))
			touch(o); /* a name made in the directory above */
		else if (!fresh && st.st_ino)
			as_recorded(o, i, &st);
	}
	ssg_buf_put(&o->cur, path + start, end - start);
	o->lev_fd[o->nlev] = fd;
	o->lev_end[o->nlev] = end;
	o->lev_fresh[o->nlev] = fresh;
	o->nlev++;
	return 0;
}

/* Creates a temporary file in the top of the tree for a rename into place;
 * the name is one no path of this build uses, and a leftover from a build
 * that failed is replaced.  Commit deletes whatever is left. */
static int open_temp(ssg_out *o, ssg_buf *name)
{
	for (;;) {
		ssg_buf_clear(name);
		ssg_buf_printf(name, ".ssg-tmp-%u", o->tmp_seq);
		if (ssg_outset_get(&o->seen, name->data, name->len, NULL)) {
			o->tmp_seq++;
			continue;
		}
		/* Read and write: a file written in pieces is compared
		 * with the old one when it is complete. */
		int fd = openat(o->fd, name->data,
				O_CREAT | O_EXCL | O_RDWR | O_NOFOLLOW |
					O_CLOEXEC,
				0644);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		if (unlinkat(o->fd, name->data, 0) < 0)
			o->tmp_seq++;
	}
}

/* True when the files open at `a` and `b` hold the same bytes (both read
 * from their start). */
static bool same_files(int a, int b)
{
	char ca[16384], cb[sizeof(ca)];
	for (;;) {
		ssize_t ra = read(a, ca, sizeof(ca));
		if (ra < 0 && errno == EINTR)
			continue;
		if (ra < 0)
			return false;
		size_t got = 0;
		while (got < (size_t)ra) {
			ssize_t rb = read(b, cb + got, (size_t)ra - got);
			if (rb < 0 && errno == EINTR)
				continue;
			if (rb <= 0)
				return false;
			got += (size_t)rb;
		}
		if (memcmp(ca, cb, (size_t)ra) != 0)
			return false;
		if (ra == 0)
			return read(b, cb, 1) == 0;
	}
}

/* What a file is to hold: bytes, or those of the temporary file open at
 * fd (a file written in pieces). */
typedef struct {
	const char *data;
	size_t len;
	int fd; /* -1 for data */
} content;

static bool same_content(int fd, const content *c)
{
	if (c->fd < 0)
		return same_bytes(fd, c->data, c->len);
	return lseek(c->fd, 0, SEEK_SET) == 0 && same_files(c->fd, fd);
}

/* Overwrites the file open at fd (described by st) with c's bytes in
 * its own inode: 1 done, 0 when it must go through a rename instead. */
static int overwrite(int fd, const struct stat *st, const content *c)
{
	/* A second link could be a name outside the tree. */
	if (c->fd >= 0 || !S_ISREG(st->st_mode) || st->st_nlink != 1 ||
	    (size_t)st->st_size > SSG_OUT_INPLACE_MAX ||
	    c->len > SSG_OUT_INPLACE_MAX)
		return 0;
	if (lseek(fd, 0, SEEK_SET) != 0 || ssg_outdir_write(fd, c->data, c->len) < 0)
		return -1;
	if ((size_t)st->st_size != c->len &&
	    ftruncate(fd, (off_t)c->len) < 0)
		return -1;
	return (st->st_mode & 07777) == 0644 || fchmod(fd, 0644) == 0 ? 2
								     : -1;
}

/* Whether `name` in `dirfd`, left by an earlier build, now holds c: 1
 * when it held it already (its mode made right), 2 when it was
 * overwritten in place (inplace), 0 when it must be written (a directory of an earlier
 * build in its way is removed), -1 on failure. */
static int kept(int dirfd, const char *name, const content *c, bool inplace)
{
	const int flags =
		O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	int fd = -1;
	if (inplace)
		fd = openat(dirfd, name, O_RDWR | flags);
	if (fd < 0) {
		inplace = false;
		fd = openat(dirfd, name, O_RDONLY | flags);
	}
	if (fd < 0)
		return 0;
	struct stat st;
	int k = -1;
	if (fstat(fd, &st) == 0) {
		k = S_ISREG(st.st_mode) && (size_t)st.st_size == c->len &&
		    same_content(fd, c) &&
		    ((st.st_mode & 07777) == 0644 || fchmod(fd, 0644) == 0);
		if (k == 0 && inplace)
			k = overwrite(fd, &st, c);
	}
	int err = errno;
	close(fd);
	errno = err;
	if (k == 0 && S_ISDIR(st.st_mode) &&
	    ssg_outdir_rm_at(dirfd, name, st.st_dev, 0) < 0)
		k = -1;
	return k;
}

/* The tree that counts what is written. */
static ssg_out *top_tree(ssg_out *o)
{
	while (o->parent)
		o = o->parent;
	return o;
}

static const ssg_out *top_tree_c(const ssg_out *o)
{
	while (o->parent)
		o = o->parent;
	return o;
}

/* A file of `bytes` written. */
static void count_written(ssg_out *o, size_t bytes)
{
	ssg_out *top = top_tree(o);
	atomic_fetch_add(&top->nwritten, 1);
	ssg_outflush_add(top->flush, bytes);
}

size_t ssg_out_nwritten(const ssg_out *o)
{
	return atomic_load(&top_tree_c(o)->nwritten);
}

void ssg_out_set_keys(ssg_out *o, struct ssg_pagekeys *k)
{
	o->keys = k;
}

void ssg_out_set_store(ssg_out *o, const char *gitdir)
{
	if (o->parent || o->recs)
		return;
	o->gitdir = ssg_xstrdup(gitdir);
	o->recs = ssg_outset_recs_read(gitdir, ssg_out_built(o));
	/* A directory recorded for each one the build will enter, and about
	 * as many files (a page per directory): set once, not rehashed as
	 * it fills (a fifth of what taking a kept page cost). */
	ssg_outset_reserve(&o->seen, 2 * ssg_outset_recs_count(o->recs));
}

struct ssg_pagekeys *ssg_out_keys(const ssg_out *o)
{
	return top_tree_c(o)->keys;
}

/* Writes `name`, a file no build has made, in `dirfd`, a directory this
 * build created; without o's lock (only its count is touched). */
static int put_fresh(ssg_out *o, int dirfd, const char *name,
		     const char *data, size_t len)
{
	int fd = openat(dirfd, name,
			O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC,
			0644);
	if (fd < 0)
		return -1;
	if (ssg_outdir_write(fd, data, len) < 0 ||
	    (!top_tree_c(o)->modes_kept && fchmod(fd, 0644) < 0)) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (close(fd) < 0)
		return -1;
	count_written(o, len);
	return 0;
}

/* Writes `name` in `dirfd`, a directory an earlier build left, unless
 * it already holds the bytes. */
static int put_file(ssg_out *o, int dirfd, const char *name,
		    const char *data, size_t len)
{
	int fd = -1, rc = -1;
	ssg_buf tmp;

	ssg_buf_init(&tmp);
	content c = {data, len, -1};
	int k = kept(dirfd, name, &c, o->inplace);
	if (k != 0) {
		rc = k > 0 ? 0 : -1;
		if (k == 2)
			count_written(o, len);
		goto done;
	}
	fd = open_temp(o, &tmp);
	if (fd < 0 || ssg_outdir_write(fd, data, len) < 0 || fchmod(fd, 0644) < 0)
		goto done;
	int cl = close(fd);
	fd = -1;
	if (cl < 0 || renameat(o->fd, tmp.data, dirfd, name) < 0) {
		int err = errno;
		(void)unlinkat(o->fd, tmp.data, 0);
		errno = err;
		goto done;
	}
	touch(o);
	count_written(o, len);
	rc = 0;
done:
	if (fd >= 0) {
		int err = errno;
		close(fd);
		errno = err;
	}
	ssg_buf_fini(&tmp);
	return rc;
}

/* Puts the finished temporary file `tmp` (open at `tfd`, `size` bytes)
 * at `name` in `dirfd`, unless that already holds the same bytes. */
static int place_temp(ssg_out *o, int dirfd, bool fresh, const char *name,
		      const char *tmp, int tfd, off_t size)
{
	if (!fresh) {
		content c = {NULL, (size_t)size, tfd};
		int k = kept(dirfd, name, &c, false);
		if (k != 0)
			return k > 0 ? unlinkat(o->fd, tmp, 0) : -1;
	}
	count_written(o, (size_t)size);
	touch(o);
	return renameat(o->fd, tmp, dirfd, name);
}

/* Checks relpath: a path of the tree not written yet, nor a directory
 * of this build; *path is then a copy of it and *dirlen the length of
 * its directory part. */
static int out_check(ssg_out *o, const char *relpath, char **pathp,
		     size_t *dirlen, ssg_diags *d)
{
	*pathp = NULL;
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
	if (ssg_out_stopped(o->dir, d))
		return SSG_ERR_ENV;
	size_t n = strlen(relpath);
	if (ssg_outset_get(&o->seen, relpath, n, NULL)) {
		ssg_diags_env(d, "output file written twice: %s", relpath);
		return SSG_ERR_ENV;
	}
	/* One byte spare, for the directory key "relpath/". */
	char *path = ssg_xmalloc(n + 2);
	memcpy(path, relpath, n + 1);
	*pathp = path;
	const char *last = strrchr(path, '/');
	*dirlen = last ? (size_t)(last - path) + 1 : 0;
	/* A directory of this build where the file would go. */
	path[n] = '/';
	bool is_dir = ssg_outset_get(&o->seen, path, n + 1, NULL);
	path[n] = '\0';
	if (is_dir) {
		ssg_diags_env(d, "cannot write %s in %s: %s", relpath, o->tmp,
			      strerror(EISDIR));
		return SSG_ERR_ENV;
	}
	return SSG_OK;
}

/* Moves the cursor (see ssg_out) to the directory that the first `upto`
 * bytes of path name ("" or ending in '/'), opening the directories on
 * the way and creating them or clearing what an earlier build left in
 * their way. */
static int out_cursor(ssg_out *o, char *path, size_t upto, ssg_diags *d)
{
	/* Keep the open directories this path shares with the last one. */
	size_t keep = 0;
	while (keep < o->nlev && o->lev_end[keep] <= upto &&
	       memcmp(o->cur.data, path, o->lev_end[keep]) == 0)
		keep++;
	ssg_out_close_levels(o, keep);
	while (o->cur.len < upto) {
		size_t end = o->cur.len + strcspn(path + o->cur.len, "/") + 1;
		if (enter_dir(o, path, end) < 0) {
			int err = errno;
			path[end - 1] = '\0';
			ssg_diags_env(d, "cannot create directory %s in %s: "
				      "%s", path, o->tmp, strerror(err));
			path[end - 1] = '/';
			return SSG_ERR_ENV;
		}
	}
	return SSG_OK;
}

/* out_check, then the cursor at relpath's directory. */
static int out_parent(ssg_out *o, const char *relpath, char **pathp,
		      size_t *dirlen, ssg_diags *d)
{
	int rc = out_check(o, relpath, pathp, dirlen, d);
	return rc == SSG_OK ? out_cursor(o, *pathp, *dirlen, d) : rc;
}

static void stamp_of(const struct stat *st, ssg_out_stamp *s)
{
	s->ino = (unsigned long long)st->st_ino;
	s->size = (unsigned long long)st->st_size;
	s->sec = (long long)st->st_mtim.tv_sec;
	s->nsec = st->st_mtim.tv_nsec;
}

/* The stamp of `name` in dirfd, one that matches no file when it cannot
 * be read; nothing when s is NULL. */
static void stamp_at(int dirfd, const char *name, ssg_out_stamp *s)
{
	struct stat st;
	if (!s)
		return;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		stamp_of(&st, s);
	else
		memset(s, 0, sizeof(*s));
}

static bool stamp_is(const struct stat *st, const ssg_out_stamp *s)
{
	ssg_out_stamp now;
	stamp_of(st, &now);
	return S_ISREG(st->st_mode) && (st->st_mode & 07777) == 0644 &&
	       now.ino == s->ino && now.size == s->size &&
	       now.sec == s->sec && now.nsec == s->nsec;
}

/* A file to be made after o's lock is released, in a directory this
 * build created: `dirfd` (a descriptor of its own), or the directory
 * `dir` to be made in it first. */
typedef struct {
	int dirfd; /* -1: none, the file is written already */
	const char *dir; /* NULL: none to make */
	const char *name;
} fresh_file;

/* The end of the directory above the one that path's first `dirlen`
 * bytes name ("a/b/c" with dirlen 4 -> 2), 0 when at the top. */
static size_t dir_up(const char *path, size_t dirlen)
{
	size_t up = dirlen ? dirlen - 1 : 0;
	while (up > 0 && path[up - 1] != '/')
		up--;
	return up;
}

/* With o's lock held: writes `path` (a copy of relpath, its directory
 * its first `dirlen` bytes), or, when it goes in a directory this build
 * created, or in a new one there, takes its path (and the new
 * directory's) and leaves the file (and the directory) to be made in *ff
 * once the lock is released: two threads that write pages (the posts,
 * each in a directory of its own) then wait for each other only while
 * the set of paths is looked up, not while the kernel makes inodes. */
static int out_write(ssg_out *o, char *path, size_t dirlen,
		     const void *data, size_t len, ssg_out_stamp *stamp,
		     fresh_file *ff, ssg_diags *d)
{
	size_t up = dir_up(path, dirlen);
	bool new_dir = dirlen && !ssg_outset_get(&o->seen, path, dirlen, NULL) &&
		       !ssg_outset_get(&o->seen, path, dirlen - 1, NULL);
	int rc = out_cursor(o, path, new_dir ? up : dirlen, d);
	if (rc != SSG_OK)
		return rc;
	new_dir = new_dir && top_fresh(o);
	if (!new_dir && (rc = out_cursor(o, path, dirlen, d)) != SSG_OK)
		return rc;
	if (top_fresh(o)) {
		ff->dirfd = fcntl(top_fd(o), F_DUPFD_CLOEXEC, 0);
		if (ff->dirfd >= 0) {
			/* Taken now: no other write may have them. */
			if (new_dir)
				ssg_outset_put(&o->seen, path, dirlen,
					       SSG_OUTSET_FRESH);
			ssg_outset_put(&o->seen, path, strlen(path), 0);
			if (new_dir) {
				path[dirlen - 1] = '\0';
				ff->dir = path + up;
			}
			ff->name = path + dirlen;
			return SSG_OK;
		}
	} else if (put_file(o, top_fd(o), path + dirlen, data, len) == 0) {
		ssg_outset_put(&o->seen, path, strlen(path), 0);
		stamp_at(top_fd(o), path + dirlen, stamp);
		return SSG_OK;
	}
	ssg_diags_env(d, "cannot write %s in %s: %s", path, o->tmp,
		      strerror(errno));
	return SSG_ERR_ENV;
}

/* Makes ff's file (and its directory first), out of o's lock. */
static int write_fresh(ssg_out *o, fresh_file *ff, const void *data,
		       size_t len, ssg_out_stamp *stamp)
{
	int dfd = ff->dirfd, rc = -1;
	if (ff->dir)
		dfd = make_dir(ff->dirfd, ff->dir, true,
			       top_tree_c(o)->modes_kept);
	if (dfd >= 0 && put_fresh(o, dfd, ff->name, data, len) == 0) {
		stamp_at(dfd, ff->name, stamp);
		rc = 0;
	}
	int err = errno;
	if (dfd >= 0 && dfd != ff->dirfd)
		close(dfd);
	close(ff->dirfd);
	errno = err;
	return rc;
}

int ssg_out_write(ssg_out *o, const char *relpath, const void *data,
		  size_t len, ssg_diags *d)
{
	return ssg_out_write_stamp(o, relpath, data, len, NULL, d);
}

int ssg_out_write_stamp(ssg_out *o, const char *relpath, const void *data,
			size_t len, ssg_out_stamp *stamp, ssg_diags *d)
{
	ssg_stop_point("write");
	char *path = NULL;
	size_t dirlen = 0;
	fresh_file ff = {-1, NULL, NULL};
	pthread_mutex_lock(&o->lock);
	int rc = out_check(o, relpath, &path, &dirlen, d);
	if (rc == SSG_OK)
		rc = out_write(o, path, dirlen, data, len, stamp, &ff, d);
	if (rc != SSG_OK)
		o->failed = true;
	pthread_mutex_unlock(&o->lock);
	if (ff.dirfd >= 0 && write_fresh(o, &ff, data, len, stamp) < 0) {
		ssg_diags_env(d, "cannot write %s in %s: %s", relpath, o->tmp,
			      strerror(errno));
		rc = SSG_ERR_ENV;
		pthread_mutex_lock(&o->lock);
		o->failed = true;
		pthread_mutex_unlock(&o->lock);
	}
	free(path);
	return rc;
}

/* ---- files taken from an earlier build ---- */

ssg_out_tree ssg_out_built(const ssg_out *o)
{
	ssg_out_tree t = {0, 0};
	struct stat st;
	if (fstat(top_tree_c(o)->fd, &st) == 0) {
		t.dev = (unsigned long long)st.st_dev;
		t.ino = (unsigned long long)st.st_ino;
	}
	return t;
}

bool ssg_out_live(const ssg_out *o, ssg_out_tree *t)
{
	struct stat st;
	int fd = top_tree_c(o)->live_fd;
	if (fd < 0 || fstat(fd, &st) < 0)
		return false;
	t->dev = (unsigned long long)st.st_dev;
	t->ino = (unsigned long long)st.st_ino;
	return true;
}

const char *ssg_out_whole(const ssg_out *o, const char *relpath, ssg_buf *b)
{
	ssg_buf_clear(b);
	ssg_buf_puts(b, base_of(o));
	ssg_buf_puts(b, relpath);
	return b->data;
}

/* With o's lock held and the cursor at the file's directory: links OUT's
 * file at `whole` (the stamp `live`) as `name` of dirfd.  1 done, 0 not
 * (no such file, another one, another file system). */
static int link_live(ssg_out *o, const char *whole, int dirfd,
		     const char *name, const ssg_out_stamp *live)
{
	const ssg_out *top = top_tree_c(o);
	struct stat st;
	if (top->live_fd < 0)
		return 0;
	/* The same inode there already (a failed build took it). */
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    stamp_is(&st, live))
		return 1;
	ssg_buf tmp;
	ssg_buf_init(&tmp);
	int fd = open_temp(o, &tmp), k = 0;
	if (fd >= 0) {
		close(fd);
		(void)unlinkat(o->fd, tmp.data, 0);
		/* linkat follows no link in its last component: a link put
		 * in OUT by hand is refused by the stamp below. */
		if (linkat(top->live_fd, whole, o->fd, tmp.data, 0) == 0) {
			k = fstatat(o->fd, tmp.data, &st,
				    AT_SYMLINK_NOFOLLOW) == 0 &&
			    stamp_is(&st, live) &&
			    renameat(o->fd, tmp.data, dirfd, name) == 0;
			if (k)
				touch(o);
			else
				(void)unlinkat(o->fd, tmp.data, 0);
		}
	}
	ssg_buf_fini(&tmp);
	return k;
}

/* With the cursor at the directory above path's own (its first `up`
 * bytes): whether the tree holds path with the stamp `here`, looked at
 * without opening path's directory (an open and a close per page cost
 * more than two stats, and a province keeps 26,000 pages, each in a
 * directory of its own).  That directory must be a real one of mode 0755
 * (it is then this build's, as if entered); the file is then looked at
 * through it.  1 there, 0 not there, -1 when the directory needs what
 * entering it does (a mode to set, something in its way). */
static int kept_here(ssg_out *o, char *path, size_t up, size_t dirlen,
		     const ssg_out_stamp *here, const ssg_out_look *look)
{
	struct stat st, ds;
	bool fresh = false, known = false;
	if (top_fresh(o))
		return 0; /* nothing there that this build did not write */
	if (dirlen > up) {
		known = ssg_outset_get(&o->seen, path, dirlen, &fresh);
		if (fresh)
			return 0;
		if (!known) {
			if (ssg_outset_get(&o->seen, path, dirlen - 1, NULL))
				return -1; /* a file of this build */
			/* Not entered by this build: as the look found it
			 * (a directory of mode 0755 here, what of it
			 * as_recorded reads). */
			if (look && !(look->found & SSG_OUT_LOOK_DIR))
				return -1;
			path[dirlen - 1] = '\0';
			int r = look ? 0
				     : fstatat(top_fd(o), path + up, &ds,
					       AT_SYMLINK_NOFOLLOW);
			path[dirlen - 1] = '/';
			if (look) {
				memset(&ds, 0, sizeof(ds));
				ds.st_mode = S_IFDIR | 0755;
				ds.st_ino = (ino_t)look->dir_ino;
				ds.st_ctim.tv_sec = (time_t)look->dir_sec;
				ds.st_ctim.tv_nsec = look->dir_nsec;
			}
			if (r < 0)
				return errno == ENOENT ? 0 : -1;
			if (!S_ISDIR(ds.st_mode) ||
			    (ds.st_mode & 07777) != 0755)
				return -1;
		}
	}
	if (look ? !(look->found & SSG_OUT_LOOK_FILE)
		 : fstatat(top_fd(o), path + up, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
			   !stamp_is(&st, here))
		return 0;
	if (!known && dirlen > up)
		as_recorded(o, ssg_outset_put(&o->seen, path, dirlen, 0), &ds);
	return 1;
}

static int out_reuse(ssg_out *o, const char *relpath,
		     const ssg_out_stamp *here, const ssg_out_look *look,
		     const ssg_out_stamp *live, ssg_out_stamp *got, bool *done,
		     ssg_diags *d)
{
	char *path = NULL;
	size_t dirlen = 0;
	int rc = out_check(o, relpath, &path, &dirlen, d);
	if (rc != SSG_OK)
		goto out;
	/* The cursor stays above the file's directory. */
	size_t up = dirlen;
	while (up > 0 && (up == dirlen || path[up - 1] != '/'))
		up--;
	int k = -1;
	if (here) {
		rc = out_cursor(o, path, up, d);
		if (rc != SSG_OK)
			goto out;
		k = kept_here(o, path, up, dirlen, here, look);
	}
	if (k == 1) {
		*got = *here;
		*done = true;
		goto out;
	}
	rc = out_cursor(o, path, dirlen, d);
	if (rc != SSG_OK)
		goto out;
	const char *name = path + dirlen;
	struct stat st;
	if (k < 0 && here && !top_fresh(o) &&
	    fstatat(top_fd(o), name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    stamp_is(&st, here)) {
		*got = *here;
		*done = true;
	} else if (live) {
		ssg_buf whole;
		ssg_buf_init(&whole);
		if (link_live(o, ssg_out_whole(o, relpath, &whole), top_fd(o),
			      name, live) == 1) {
			*got = *live;
			*done = true;
		}
		ssg_buf_fini(&whole);
	}
out:
	if (*done)
		ssg_outset_put(&o->seen, path, strlen(path), 0);
	free(path);
	return rc;
}

int ssg_out_reuse(ssg_out *o, const char *relpath, const ssg_out_stamp *here,
		  const ssg_out_look *look, const ssg_out_stamp *live,
		  ssg_out_stamp *got, bool *done, ssg_diags *d)
{
	*done = false;
	if (!here && !live)
		return SSG_OK;
	ssg_stop_point("write");
	pthread_mutex_lock(&o->lock);
	int rc = out_reuse(o, relpath, here, here ? look : NULL, live, got,
			   done, d);
	if (rc != SSG_OK)
		o->failed = true;
	pthread_mutex_unlock(&o->lock);
	return rc;
}

void ssg_out_look_at(int tree_fd, const char *path, const ssg_out_stamp *rec,
		     ssg_out_look *look)
{
	struct stat st;
	memset(look, 0, sizeof(*look));
	const char *slash = strrchr(path, '/');
	if (slash) {
		char dir[MAX_PATH];
		size_t n = (size_t)(slash - path);
		if (n >= sizeof(dir))
			return;
		memcpy(dir, path, n);
		dir[n] = '\0';
		if (fstatat(tree_fd, dir, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode) || (st.st_mode & 07777) != 0755)
			return;
		look->found |= SSG_OUT_LOOK_DIR;
		look->dir_ino = (unsigned long long)st.st_ino;
		look->dir_sec = (long long)st.st_ctim.tv_sec;
		look->dir_nsec = (int)st.st_ctim.tv_nsec;
	}
	if (fstatat(tree_fd, path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    stamp_is(&st, rec))
		look->found |= SSG_OUT_LOOK_FILE;
}

/* ---- files written in pieces ---- */

/* Pieces are gathered to about this size before a write: callers hand
 * over a line or an index entry at a time. */
#define PIECE (64 * 1024)

struct ssg_out_file {
	char *relpath;
	ssg_buf tmp; /* its temporary name in the top of the tree */
	int fd;
	ssg_buf pending; /* put, not yet written */
	off_t size;
	off_t flushed; /* written out to the disk from here on */
	int err; /* errno of the first write that failed */
	bool inplace; /* the tree's own file, grown where it is */
	off_t start;  /* ... from this size */
};

/* A file of relpath to be written at fd. */
static ssg_out_file *file_new(const char *relpath, int fd)
{
	ssg_out_file *f = ssg_xcalloc(1, sizeof(*f));
	ssg_buf_init(&f->tmp);
	ssg_buf_init(&f->pending);
	f->relpath = ssg_xstrdup(relpath);
	f->fd = fd;
	return f;
}

static void file_free(ssg_out_file *f)
{
	free(f->relpath);
	ssg_buf_fini(&f->pending);
	ssg_buf_fini(&f->tmp);
	free(f);
}

int ssg_out_open(ssg_out *o, const char *relpath, ssg_out_file **out,
		 ssg_diags *d)
{
	*out = NULL;
	ssg_out_file *f = file_new(relpath, -1);
	pthread_mutex_lock(&o->lock);
	if (o->fd < 0) {
		errno = EBADF;
		f->fd = -1;
	} else {
		f->fd = open_temp(o, &f->tmp);
		/* The name stays taken until the close: other writers
		 * would reuse (and replace) it. */
		o->tmp_seq++;
	}
	if (f->fd < 0)
		o->failed = true;
	pthread_mutex_unlock(&o->lock);
	if (f->fd < 0) {
		ssg_diags_env(d, "cannot write %s in %s: %s", relpath, o->tmp,
			      strerror(errno));
		file_free(f);
		return SSG_ERR_ENV;
	}
	*out = f;
	return SSG_OK;
}

/* The file at `path` of the directory open at dirfd, open for reading
 * when it has the stamp s (a file changed since, by hand or by a failed
 * build, has another); -1 otherwise. */
static int open_stamped(int dirfd, const char *path, const ssg_out_stamp *s)
{
	if (!s || dirfd < 0)
		return -1;
	int fd = openat(dirfd, path,
			O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
				O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && (fstat(fd, &st) < 0 || !stamp_is(&st, s))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Copies the `size` bytes of the file open at src to the start of the
 * one open at dst, left at their end: in the kernel (a reflink where the
 * file system has them), or by reads where it cannot.  False when they
 * could not all be copied. */
static bool copy_start(int src, int dst, off_t size)
{
	off_t in = 0, out = 0;
	while (in < size) {
		ssize_t n = copy_file_range(src, &in, dst, &out,
					    (size_t)(size - in), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
	}
	char buf[65536];
	while (in < size) {
		size_t want = (size_t)(size - in) < sizeof(buf)
				      ? (size_t)(size - in)
				      : sizeof(buf);
		ssize_t n = pread(src, buf, want, in);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || lseek(dst, out, SEEK_SET) != out ||
		    ssg_outdir_write(dst, buf, (size_t)n) < 0)
			return false;
		in += n;
		out += n;
	}
	return in == size && lseek(dst, size, SEEK_SET) == size;
}

/* Starts f, open and empty, with the first `size` bytes of the file
 * open at src; false when they could not all be copied, f then left
 * empty again. */
static bool start_from(ssg_out_file *f, int src, off_t size)
{
	if (copy_start(src, f->fd, size)) {
		f->size = size;
		return true;
	}
	if (ftruncate(f->fd, 0) < 0 || lseek(f->fd, 0, SEEK_SET) != 0)
		f->err = errno; /* reported by the close */
	return false;
}

/* The file at relpath of the tree open for writing at its end, when it
 * has the stamp `here`, mode 0644 and no other name: -1 otherwise.
 * With o's lock held. */
static int open_growable(ssg_out *o, const char *relpath,
			 const ssg_out_stamp *here, ssg_diags *d, int *rc)
{
	char *path = NULL;
	size_t dirlen = 0;
	int fd = -1;
	*rc = out_parent(o, relpath, &path, &dirlen, d);
	/* A directory this build made holds nothing of an earlier one. */
	if (*rc == SSG_OK && !top_fresh(o))
		fd = openat(top_fd(o), path + dirlen,
			    O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
				    O_CLOEXEC);
	struct stat st;
	if (fd >= 0 &&
	    (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
	     (st.st_mode & 07777) != 0644 || !stamp_is(&st, here) ||
	     lseek(fd, st.st_size, SEEK_SET) != st.st_size)) {
		close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}

/* Copied whole into a new file, a province's history is 27 MB to
 * write again for a few new lines.  A build that fails after adding to
 * the file leaves it with another stamp, which no later build takes. */
int ssg_out_open_grow(ssg_out *o, const char *relpath,
		      const ssg_out_stamp *here, ssg_out_file **out,
		      bool *taken, ssg_diags *d)
{
	*taken = false;
	*out = NULL;
	if (!o->inplace) /* a twin reused, long out of service */
		return SSG_OK;
	int rc = SSG_OK, fd = -1;
	pthread_mutex_lock(&o->lock);
	if (o->fd >= 0)
		fd = open_growable(o, relpath, here, d, &rc);
	if (rc != SSG_OK)
		o->failed = true;
	pthread_mutex_unlock(&o->lock);
	if (fd < 0)
		return rc;
	ssg_out_file *f = file_new(relpath, fd);
	f->inplace = true;
	f->start = f->size = f->flushed = (off_t)here->size;
	*out = f;
	*taken = true;
	return SSG_OK;
}

int ssg_out_open_from(ssg_out *o, const char *relpath,
		      const ssg_out_stamp *here, const ssg_out_stamp *live,
		      ssg_out_file **out, bool *taken, ssg_diags *d)
{
	*taken = false;
	int rc = ssg_out_open(o, relpath, out, d);
	if (rc != SSG_OK)
		return rc;
	ssg_out_file *f = *out;
	/* Only this build's writer of relpath is at either file now. */
	int src = o->reused ? open_stamped(o->fd, relpath, here) : -1;
	const ssg_out_stamp *from = here;
	if (src < 0) {
		ssg_buf whole;
		ssg_buf_init(&whole);
		src = open_stamped(top_tree_c(o)->live_fd,
				   ssg_out_whole(o, relpath, &whole), live);
		from = live;
		ssg_buf_fini(&whole);
	}
	if (src < 0)
		return SSG_OK;
	*taken = start_from(f, src, (off_t)from->size);
	close(src);
	return SSG_OK;
}

/* ---- offers ---- */

struct out_offer {
	char *whole; /* its path in the whole tree */
	const void *of;
	off_t *marks;
	size_t nmarks;
};

void ssg_out_offer(ssg_out *o, const char *relpath, const void *of,
		   const off_t *marks, size_t nmarks)
{
	ssg_out *top = top_tree(o);
	ssg_buf w;
	ssg_buf_init(&w);
	struct out_offer x = {ssg_xstrdup(ssg_out_whole(o, relpath, &w)), of,
			      ssg_xmalloc((nmarks + 1) * sizeof(off_t)),
			      nmarks};
	memcpy(x.marks, marks, nmarks * sizeof(off_t));
	ssg_buf_fini(&w);
	pthread_mutex_lock(&top->offer_lock);
	top->offers = ssg_xgrow(top->offers, top->noffers, sizeof(x));
	top->offers[top->noffers++] = x;
	pthread_mutex_unlock(&top->offer_lock);
}

/* The path and size of the start of a file offered as made from `of`
 * that ends at its mark `mark`, in *whole (the caller's to free). */
static bool offered(ssg_out *top, const void *of, size_t mark, char **whole,
		    off_t *size, off_t *total)
{
	*whole = NULL;
	pthread_mutex_lock(&top->offer_lock);
	for (size_t i = 0; i < top->noffers && !*whole; i++) {
		const struct out_offer *x = &top->offers[i];
		if (x->of == of && mark < x->nmarks) {
			*whole = ssg_xstrdup(x->whole);
			*size = x->marks[mark];
			*total = x->marks[x->nmarks - 1];
		}
	}
	pthread_mutex_unlock(&top->offer_lock);
	return *whole != NULL;
}

bool ssg_out_start_with(ssg_out *o, ssg_out_file *f, const void *of,
			size_t mark, size_t *bytes)
{
	*bytes = 0;
	ssg_out *top = top_tree(o);
	char *whole = NULL;
	off_t size = 0, total = 0;
	if (!f || f->size || f->pending.len || f->inplace || top->fd < 0 ||
	    !offered(top, of, mark, &whole, &size, &total))
		return false;
	int src = openat(top->fd, whole,
			 O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
				 O_CLOEXEC);
	free(whole);
	struct stat st;
	/* Not as it was offered: none of this build's doing, and not
	 * taken. */
	bool taken = src >= 0 && fstat(src, &st) == 0 &&
		     S_ISREG(st.st_mode) && st.st_size == total &&
		     start_from(f, src, size);
	if (src >= 0)
		close(src);
	if (taken)
		*bytes = (size_t)size;
	return taken;
}

void ssg_out_offers_free(ssg_out *o)
{
	for (size_t i = 0; i < o->noffers; i++) {
		free(o->offers[i].whole);
		free(o->offers[i].marks);
	}
	free(o->offers);
	o->offers = NULL;
	o->noffers = 0;
}

/* A large file's pages start for the disk as soon as a few megabytes
 * are written, while the build goes on: the commit's syncfs then waits
 * for little more than the small files. */
#define FLUSH_AHEAD (4 * 1024 * 1024)

static void put_pending(ssg_out_file *f)
{
	if (!f->err && f->pending.len &&
	    ssg_outdir_write(f->fd, f->pending.data, f->pending.len) < 0)
		f->err = errno;
	ssg_buf_clear(&f->pending);
	if (!f->err && f->size - f->flushed >= FLUSH_AHEAD) {
		/* Only a start: it waits for nothing, and a failure
		 * here is met again by syncfs. */
		(void)sync_file_range(f->fd, f->flushed, f->size - f->flushed,
				      SYNC_FILE_RANGE_WRITE);
		f->flushed = f->size;
	}
}

void ssg_out_put(ssg_out_file *f, const void *data, size_t len)
{
	ssg_buf_put(&f->pending, data, len);
	f->size += (off_t)len;
	if (f->pending.len >= PIECE)
		put_pending(f);
}

int ssg_out_close(ssg_out *o, ssg_out_file *f, bool keep, ssg_diags *d)
{
	return ssg_out_close_stamp(o, f, keep, NULL, d);
}

int ssg_out_close_stamp(ssg_out *o, ssg_out_file *f, bool keep,
			ssg_out_stamp *stamp, ssg_diags *d)
{
	if (stamp)
		memset(stamp, 0, sizeof(*stamp)); /* matches no file */
	if (!f)
		return SSG_OK;
	int rc = SSG_OK;
	char *path = NULL;
	size_t dirlen = 0;
	put_pending(f);
	pthread_mutex_lock(&o->lock);
	if (!keep)
		goto done;
	if (f->err || (!f->inplace && fchmod(f->fd, 0644) < 0)) {
		ssg_diags_env(d, "cannot write %s in %s: %s", f->relpath,
			      o->tmp, strerror(f->err ? f->err : errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	rc = out_parent(o, f->relpath, &path, &dirlen, d);
	if (rc != SSG_OK)
		goto done;
	if (f->inplace) {
		/* Already in its place: its directory is as it was. */
		if (f->size != f->start)
			count_written(o, (size_t)(f->size - f->start));
	} else if (place_temp(o, top_fd(o), top_fresh(o), path + dirlen,
			      f->tmp.data, f->fd, f->size) < 0) {
		ssg_diags_env(d, "cannot write %s in %s: %s", f->relpath,
			      o->tmp, strerror(errno));
		rc = SSG_ERR_ENV;
		goto done;
	}
	ssg_outset_put(&o->seen, path, strlen(path), 0);
	stamp_at(top_fd(o), path + dirlen, stamp);
done:
	if (rc != SSG_OK || !keep) {
		/* A file grown in place gets its old bytes back, under
		 * another stamp: the build has failed. */
		if (f->inplace)
			(void)ftruncate(f->fd, f->start);
		else
			(void)unlinkat(o->fd, f->tmp.data, 0);
		o->failed = true;
	}
	pthread_mutex_unlock(&o->lock);
	close(f->fd);
	free(path);
	file_free(f);
	return rc;
}

/* ---- sub-trees ---- */

/* With o's lock held: the cursor made dir ("a/b/"), every directory on
 * the way entered (made when missing) and so this build's. */
static int enter_tree_dir(ssg_out *o, const char *dir, ssg_diags *d)
{
	size_t n = strlen(dir);
	if (n < 2 || dir[n - 1] != '/') {
		ssg_diags_env(d, "refusing to write outside the output "
			      "directory: %s", dir);
		return SSG_ERR_ENV;
	}
	/* Entering the directories of a name in it makes them all. */
	ssg_buf probe;
	ssg_buf_init(&probe);
	ssg_buf_printf(&probe, "%s%s", dir, SSG_OUT_MARKER);
	char *path = NULL;
	size_t dirlen = 0;
	int rc = out_parent(o, probe.data, &path, &dirlen, d);
	free(path);
	ssg_buf_fini(&probe);
	return rc;
}

int ssg_out_sub_begin(ssg_out *o, const char *dir, ssg_out **out,
		      ssg_diags *d)
{
	*out = NULL;
	int fd = -1;
	bool fresh = false;
	pthread_mutex_lock(&o->lock);
	int rc = enter_tree_dir(o, dir, d);
	if (rc == SSG_OK) {
		fd = fcntl(top_fd(o), F_DUPFD_CLOEXEC, 0);
		fresh = top_fresh(o);
		if (fd < 0) {
			ssg_diags_env(d, "cannot write in %s%s: %s", o->tmp,
				      dir, strerror(errno));
			rc = SSG_ERR_ENV;
		}
	}
	pthread_mutex_unlock(&o->lock);
	if (rc != SSG_OK)
		return rc;
	size_t n = strlen(dir);
	ssg_out *sub = ssg_xcalloc(1, sizeof(*sub));
	pthread_mutex_init(&sub->lock, NULL);
	pthread_mutex_init(&sub->offer_lock, NULL);
	ssg_buf_init(&sub->cur);
	sub->fd = fd;
	sub->live_fd = -1;
	sub->reused = !fresh;
	sub->inplace = o->inplace && !fresh;
	sub->parent = o;
	sub->prefix = ssg_xstrdup(dir);
	ssg_buf wb;
	ssg_buf_init(&wb);
	ssg_out_whole(o, dir, &wb);
	sub->whole = ssg_buf_detach(&wb);
	const ssg_outset_recs *recs = top_tree_c(o)->recs;
	if (recs)
		ssg_outset_reserve(&sub->seen,
				   2 * ssg_outset_recs_under(recs, sub->whole));
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "%s/%.*s", o->tmp, (int)(n - 1), dir);
	sub->tmp = ssg_buf_detach(&b);
	sub->dir = ssg_xstrdup(sub->tmp);
	*out = sub;
	return SSG_OK;
}

/* With o's lock held: the commit's prune does not go into dir. */
static void pass_by(ssg_out *o, const char *dir)
{
	o->pruned = ssg_xrealloc(o->pruned,
				 (o->npruned + 1) * sizeof(*o->pruned));
	o->pruned[o->npruned++] = ssg_xstrdup(dir);
}

/* What a sub-tree wrote, into its parent's set: the commit keeps it
 * (and prunes the rest of the tree) as if the parent had written it. */
void ssg_out_sub_join(ssg_out *sub, bool pruned)
{
	ssg_out *o = sub->parent;
	const ssg_outset *ss = &sub->seen;
	ssg_buf full;
	ssg_buf_init(&full);
	pthread_mutex_lock(&o->lock);
	ssg_outset_reserve(&o->seen, o->seen.n + ss->n);
	if (pruned)
		pass_by(o, sub->prefix);
	/* Its own directory holds what the sub-tree made and pruned. */
	ssg_outset_mark(&o->seen, sub->prefix, strlen(sub->prefix),
			SSG_OUTSET_TOUCHED);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ss->cap; i++) {
			if (!ss->keys[i])
				continue;
			ssg_buf_clear(&full);
			ssg_buf_puts(&full, sub->prefix);
			ssg_buf_put(&full, ss->keys[i], ss->lens[i]);
			if (!pass) {
				ssg_outset_put(&o->seen, full.data, full.len,
					       ss->flags[i]);
				continue;
			}
			/* What the sub-tree knows of its directories,
			 * whatever order they were joined in. */
			size_t j = ssg_outset_find(&o->seen, full.data,
						   full.len);
			if (ss->dix[i] && o->seen.dix[j])
				*ssg_outset_dir_at(&o->seen, j) =
					*ssg_outset_dir_at(ss, i);
		}
	pthread_mutex_unlock(&o->lock);
	ssg_buf_fini(&full);
}

/* ---- sub-trees kept from an earlier build ---- */

/* Opens dir ("a/b/") below the tree's descriptor, no component a link
 * or a mount point, empty, "." or "..". */
static int open_below(int fd, const char *dir)
{
	struct stat st;
	return fstat(fd, &st) < 0 ? -1
				  : ssg_outdir_open_path(fd, dir, st.st_dev);
}

/* dir ("a/b/") of the tree being built opened, or -1.  No lock: o->fd
 * stays until the commit, and nothing else writes under dir meanwhile
 * (the caller's sub-tree, or one kept). */
static int open_sub(ssg_out *o, const char *dir)
{
	size_t dn = strlen(dir);
	return dn > 1 && dir[0] != '/' && dir[dn - 1] == '/' && o->fd >= 0
		       ? open_below(o->fd, dir)
		       : -1;
}

bool ssg_out_manifest(ssg_out *o, const char *dir, ssg_buf *m)
{
	int fd = open_sub(o, dir);
	return fd >= 0 && ssg_outdir_manifest(fd, m);
}

bool ssg_out_check(ssg_out *o, const char *dir, const char *m, size_t len)
{
	int fd = open_sub(o, dir);
	if (fd < 0)
		return false;
	bool ok = ssg_outdir_check(fd, m, len);
	close(fd);
	return ok;
}

int ssg_out_keep(ssg_out *o, const char *dir, ssg_diags *d)
{
	pthread_mutex_lock(&o->lock);
	/* Its directories are this build's, so the commit keeps them; the
	 * commit's prune does not go into it. */
	int rc = enter_tree_dir(o, dir, d);
	if (rc == SSG_OK && top_fresh(o)) {
		ssg_diags_env(d, "cannot keep %s: it is not in %s", dir,
			      o->tmp);
		rc = SSG_ERR_ENV;
	}
	if (rc == SSG_OK) {
		pass_by(o, dir);
		ssg_outset_mark(&o->seen, dir, strlen(dir), SSG_OUTSET_WHOLE);
	}
	pthread_mutex_unlock(&o->lock);
	return rc;
}

