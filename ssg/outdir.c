/* outdir — the directories ssg owns on disk (outdir.h). */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE, flock */

#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#if defined(SYS_openat2)
#include <linux/openat2.h>
#endif

#include "buf.h"
#include "stop.h"

static const char marker_text[] = SSG_OUTDIR_MARKER_TEXT;

/* ---- directory entries ---- */

int ssg_outdir_each(int fd, ssg_outdir_fn fn, void *ctx)
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
		if (fn(dirfd(dir), name, de->d_type, ctx) < 0 &&
		    errno != ENOENT) {
			err = errno;
			rc = -1;
			break;
		}
	}
	closedir(dir);
	errno = err;
	return rc;
}

int ssg_outdir_is_dir(int dirfd, const char *name, unsigned char type,
			struct stat *st)
{
	if (type != DT_DIR && type != DT_UNKNOWN)
		return 0;
	if (fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	return S_ISDIR(st->st_mode);
}

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/* A directory below dirfd (`beneath`: a path that may not climb out of
 * it) opened by openat2, the kernel refusing a mount point and a link
 * itself (5.6 and later): a stat of every directory of a walk cost a
 * fifth of it.  -2 when the call cannot
 * be had (ENOSYS: an older kernel; EPERM: a filter that forbids it, as
 * container runtimes long did), and then never tried again. */
static int open_resolved(int dirfd, const char *path, bool beneath)
{
#if defined(SYS_openat2)
	static atomic_bool no_openat2;
	if (!atomic_load_explicit(&no_openat2, memory_order_relaxed)) {
		struct open_how how = {
			.flags = (unsigned long long)DIR_FLAGS,
			.resolve = RESOLVE_NO_XDEV | RESOLVE_NO_SYMLINKS |
				   (beneath ? RESOLVE_BENEATH : 0),
		};
		long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
			return (int)fd;
		atomic_store_explicit(&no_openat2, true,
				      memory_order_relaxed);
	}
#else
	(void)dirfd;
	(void)path;
	(void)beneath;
#endif
	return -2;
}

int ssg_outdir_open_dir(int dirfd, const char *name, dev_t dev)
{
	int fd = open_resolved(dirfd, name, false);
	if (fd != -2)
		return fd;
	fd = openat(dirfd, name, DIR_FLAGS);
	struct stat st;
	if (fd < 0)
		return -1;
	int err = fstat(fd, &st) < 0 ? errno : st.st_dev != dev ? EXDEV : 0;
	if (!err)
		return fd;
	close(fd);
	errno = err;
	return -1;
}

int ssg_outdir_open_path(int fd, const char *path, dev_t dev)
{
	int r = open_resolved(fd, path, true);
	if (r != -2)
		return r;
	/* One component at a time. */
	int cur = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	const char *p = path;
	while (cur >= 0 && *p) {
		size_t n = strcspn(p, "/");
		char name[256];
		if (n == 0 || n >= sizeof(name) || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.')) {
			close(cur);
			errno = EINVAL;
			return -1;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		int next = ssg_outdir_open_dir(cur, name, dev);
		int err = errno;
		close(cur);
		errno = err;
		cur = next;
		p += n + (p[n] == '/');
	}
	return cur;
}

/* ---- removal ---- */

typedef struct {
	dev_t dev;
	unsigned depth;
} rm_walk;

static int rm_entry(int dirfd, const char *name, unsigned char type,
		    void *ctx);

/* Empties the directory open at `fd` (taken over and closed), staying on
 * one file system and never following a link. */
static int rm_contents(int fd, dev_t dev, unsigned depth)
{
	rm_walk w = {dev, depth};
	return ssg_outdir_each(fd, rm_entry, &w);
}

/* Removes the directory `name` of `dirfd` and all below it. */
int ssg_outdir_rm_at(int dirfd, const char *name, dev_t dev, unsigned depth)
{
	if (depth >= SSG_OUTDIR_MAX_DEPTH) {
		errno = ELOOP;
		return -1;
	}
	int fd = ssg_outdir_open_dir(dirfd, name, dev);
	if (fd < 0)
		return -1;
	if (rm_contents(fd, dev, depth + 1) < 0)
		return -1;
	return unlinkat(dirfd, name, AT_REMOVEDIR);
}

static int rm_entry(int dirfd, const char *name, unsigned char type,
		    void *ctx)
{
	const rm_walk *w = ctx;
	struct stat st;
	/* A directory is opened on w's file system only (a mount point is
	 * not ours): no need of its status. */
	int dir = type == DT_DIR ? 1
				 : ssg_outdir_is_dir(dirfd, name, type, &st);
	if (dir <= 0)
		return dir < 0 ? -1 : unlinkat(dirfd, name, 0);
	return ssg_outdir_rm_at(dirfd, name, w->dev, w->depth);
}

/* Removes the directory tree at `path`; -1 with errno on failure. */
int ssg_outdir_rm(const char *path)
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

/* ---- recognising ---- */

bool ssg_outdir_marked(int fd)
{
	struct stat st;
	return fstatat(fd, SSG_OUT_MARKER, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(st.st_mode);
}

/* OUT may be replaced when it is empty or when a build of ours wrote it. */
int ssg_outdir_replaceable(const char *dir, ssg_diags *d)
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
	if (ssg_outdir_marked(fd)) {
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

/* True when `path` is a real directory holding our marker. */
bool ssg_outdir_ours(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return false;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = ssg_outdir_marked(fd);
	close(fd);
	return ok;
}

/* ---- temporary trees beside a destination ---- */

/* "DEST.ssg-new-" then six characters (mkdtemp's), for a build's own
 * tree, or "DEST.ssg-old-..." for OUT moved aside (out.c's
 * swap_by_renames). */
static bool is_scratch_name(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0)
		return false;
	name += n;
	if (strncmp(name, ".ssg-new-", 9) != 0 &&
	    strncmp(name, ".ssg-old-", 9) != 0)
		return false;
	return strlen(name + 9) == 6 && !strchr(name + 9, '/');
}

/* The directory part of dest ("." when none) and its last component. */
static char *parent_of(const char *dest, const char **base)
{
	const char *slash = strrchr(dest, '/');
	*base = slash ? slash + 1 : dest;
	if (!slash)
		return ssg_xstrdup(".");
	return ssg_xstrndup(dest, slash == dest ? 1 : (size_t)(slash - dest));
}

int ssg_outdir_fsync(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int err = errno;
	close(fd);
	errno = err;
	return rc;
}

int ssg_outdir_fsync_parent(const char *path)
{
	const char *base;
	char *parent = parent_of(path, &base);
	int rc = ssg_outdir_fsync(parent);
	int err = errno;
	free(parent);
	errno = err;
	return rc;
}

typedef struct {
	const char *base;
	dev_t dev;
} sweep_walk;

/* Removes entry `name` when it is a tree a build left: named so, a real
 * directory on the parent's file system, holding the marker, and not
 * locked: the build that made it holds its lock until the tree is
 * published or removed, so a lock we can take is a build that died. */
static int sweep_entry(int dirfd, const char *name, unsigned char type,
		       void *ctx)
{
	const sweep_walk *w = ctx;
	struct stat st;
	if (!is_scratch_name(name, w->base) ||
	    ssg_outdir_is_dir(dirfd, name, type, &st) <= 0 || st.st_dev != w->dev)
		return 0;
	int fd = openat(dirfd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (ssg_outdir_marked(fd) && flock(fd, LOCK_EX | LOCK_NB) == 0) {
		int sub = dup(fd); /* rm_contents closes it; the lock stays */
		if (sub >= 0 && rm_contents(sub, st.st_dev, 0) == 0)
			(void)unlinkat(dirfd, name, AT_REMOVEDIR);
	}
	close(fd);
	return 0;
}

void ssg_outdir_sweep(const char *dest)
{
	sweep_walk w;
	char *parent = parent_of(dest, &w.base);
	struct stat st;
	int fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &st) == 0) {
		w.dev = st.st_dev;
		(void)ssg_outdir_each(fd, sweep_entry, &w);
	} else if (fd >= 0) {
		close(fd);
	}
	free(parent);
}

int ssg_outdir_scratch(const char *dest, char **path, int *fd, ssg_diags *d)
{
	int rc = SSG_ERR_ENV;
	ssg_buf b;
	ssg_buf_init(&b);
	*path = NULL;
	*fd = -1;
	ssg_buf_printf(&b, "%s.ssg-new-XXXXXX", dest);
	/* Held from before the tree exists: a signal that came between
	 * its making and the hold would end the build at once and leave
	 * it. */
	ssg_stop_hold();
	if (!mkdtemp(b.data)) {
		ssg_diags_env(d, "cannot create a temporary directory beside "
			      "%s: %s", dest, strerror(errno));
		ssg_stop_release();
		goto done;
	}
	int dfd = open(b.data, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int mfd = -1;
	/* Locked before it is marked: a sweep never sees it marked and
	 * free. */
	if (dfd < 0 || flock(dfd, LOCK_EX | LOCK_NB) < 0 ||
	    fchmod(dfd, 0755) < 0 ||
	    (mfd = openat(dfd, SSG_OUT_MARKER,
			  O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC,
			  0644)) < 0 ||
	    ssg_outdir_write(mfd, marker_text, sizeof(marker_text) - 1) < 0 ||
	    fchmod(mfd, 0644) < 0) {
		ssg_diags_env(d, "cannot use %s: %s", b.data, strerror(errno));
		if (mfd >= 0)
			close(mfd);
		if (dfd >= 0)
			close(dfd);
		(void)ssg_outdir_rm(b.data);
		ssg_stop_release();
		goto done;
	}
	close(mfd);
	*fd = dfd;
	*path = ssg_buf_detach(&b);
	rc = SSG_OK;
done:
	ssg_buf_fini(&b);
	return rc;
}

void ssg_outdir_scratch_end(char *path, int fd)
{
	if (path)
		(void)ssg_outdir_rm(path);
	if (fd >= 0)
		close(fd);
	if (path)
		ssg_stop_release();
	free(path);
}

int ssg_outdir_write(int fd, const char *p, size_t len)
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

/* ---- manifests ---- */

bool ssg_outdir_recent(const struct timespec *t, const struct timespec *now)
{
	long long ns = ((long long)now->tv_sec - (long long)t->tv_sec) *
			       1000000000LL +
		       (now->tv_nsec - t->tv_nsec);
	return ns < 50000000LL;
}

typedef struct {
	ssg_buf *rel;   /* path of the directory being read, "" or ".../" */
	ssg_buf *lines; /* one NUL-ended line per entry */
	size_t **at;    /* where each line starts in lines */
	size_t *n;
	size_t count;   /* entries of the directory being read */
	unsigned depth;
	dev_t dev;
	struct timespec now;
} man_walk;

/* The line of one entry (its format: outdir.h).  A file's
 * time is its modification time: its time of change moves when the
 * next build gives it a second name (out.h: ssg_out_reuse), which
 * changes nothing it holds.  A directory's is its time of change, which
 * no one can set and which every name made, removed or renamed in it
 * moves. */
static void man_line(man_walk *w, const char *path, const struct stat *st,
		     size_t count)
{
	bool dir = S_ISDIR(st->st_mode);
	const struct timespec *t = dir ? &st->st_ctim : &st->st_mtim;
	char kind = !dir ? 'f' : ssg_outdir_recent(t, &w->now) ? 'l' : 'd';
	*w->at = ssg_xgrow(*w->at, *w->n, sizeof(**w->at));
	(*w->at)[(*w->n)++] = w->lines->len;
	ssg_buf_printf(w->lines, "%c %o %llu %llu %lld %ld %s", kind,
		       (unsigned)st->st_mode, (unsigned long long)st->st_ino,
		       dir ? (unsigned long long)count
			   : (unsigned long long)st->st_size,
		       (long long)t->tv_sec, (long)t->tv_nsec, path);
	ssg_buf_putc(w->lines, '\0');
}

static int man_entry(int dirfd, const char *name, unsigned char type,
		     void *ctx);

/* Adds the lines of what is below the directory open at fd (taken over
 * and closed); w->count is then the number of its entries. */
static int man_dir(int fd, man_walk *w)
{
	w->count = 0;
	if (w->depth >= SSG_OUTDIR_MAX_DEPTH) {
		close(fd);
		errno = ELOOP;
		return -1;
	}
	return ssg_outdir_each(fd, man_entry, w);
}

static int man_entry(int dirfd, const char *name, unsigned char type,
		     void *ctx)
{
	(void)type;
	man_walk *w = ctx;
	struct stat st;
	if (strchr(name, '\n')) { /* no line can say it */
		errno = EINVAL;
		return -1;
	}
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	size_t at = w->rel->len, count = 0, mine = w->count + 1;
	ssg_buf_puts(w->rel, name);
	int rc = 0;
	if (S_ISDIR(st.st_mode)) {
		if (st.st_dev != w->dev) {
			errno = EXDEV;
			rc = -1;
		} else {
			int sub = openat(dirfd, name, O_RDONLY | O_DIRECTORY |
							      O_NOFOLLOW |
							      O_CLOEXEC);
			ssg_buf_putc(w->rel, '/');
			w->depth++;
			rc = sub < 0 ? -1 : man_dir(sub, w);
			w->depth--;
			count = w->count;
			w->rel->len--;
			w->rel->data[w->rel->len] = '\0';
		}
	}
	if (rc == 0)
		man_line(w, w->rel->data, &st, count);
	w->rel->len = at;
	w->rel->data[at] = '\0';
	w->count = mine;
	return rc;
}

/* The path of a manifest line: after its six fields. */
static const char *man_path(const char *l)
{
	for (int f = 0; f < 6 && l; f++) {
		l = strchr(l, ' ');
		l = l ? l + 1 : NULL;
	}
	return l ? l : "";
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(man_path(*(const char *const *)a),
		      man_path(*(const char *const *)b));
}

#define MAN_HEAD "ssg manifest 1\n"

bool ssg_outdir_manifest(int fd, ssg_buf *m)
{
	bool ok = false;
	ssg_buf rel, lines;
	ssg_buf_init(&rel);
	ssg_buf_init(&lines);
	size_t n = 0, *at = NULL;
	const char **v = NULL;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		close(fd);
		goto done;
	}
	ssg_buf_puts(&rel, "");
	man_walk w = {&rel, &lines, &at, &n, 0, 0, st.st_dev, {0, 0}};
	/* Taken before the walk: a directory changed less than a tick
	 * before it is then surely "recent". */
	if (clock_gettime(CLOCK_REALTIME, &w.now) < 0 || man_dir(fd, &w) < 0)
		goto done;
	man_line(&w, ".", &st, w.count);
	/* readdir's order is the file system's: sorted by path, the same
	 * tree gives the same manifest. */
	v = ssg_xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = lines.data + at[i];
	ssg_sort(v, n, sizeof(*v), cmp_path);
	ssg_buf_puts(m, MAN_HEAD);
	for (size_t i = 0; i < n; i++) {
		ssg_buf_puts(m, v[i]);
		ssg_buf_putc(m, '\n');
	}
	ok = true;
done:
	free(v);
	free(at);
	ssg_buf_fini(&rel);
	ssg_buf_fini(&lines);
	return ok;
}

static int count_entry(int dirfd, const char *name, unsigned char type,
		       void *ctx)
{
	(void)dirfd;
	(void)name;
	(void)type;
	(*(size_t *)ctx)++;
	return 0;
}

/* Whether the entry of line l (one line, NUL-ended) is as it says, below
 * the directory open at fd on file system dev. */
static bool check_line(int fd, dev_t dev, const char *l)
{
	char kind = l[0];
	if ((kind != 'f' && kind != 'd' && kind != 'l') || l[1] != ' ')
		return false;
	unsigned long long v[5];
	const char *p = l + 2;
	for (int f = 0; f < 5; f++) {
		char *end;
		if (*p < '0' || *p > '9')
			return false;
		errno = 0;
		v[f] = strtoull(p, &end, f == 0 ? 8 : 10);
		if (errno || *end != ' ')
			return false;
		p = end + 1;
	}
	struct stat st;
	if (!*p || fstatat(fd, p, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    st.st_dev != dev || (unsigned long long)st.st_mode != v[0] ||
	    (unsigned long long)st.st_ino != v[1] ||
	    S_ISDIR(st.st_mode) != (kind != 'f'))
		return false;
	const struct timespec *t = kind == 'f' ? &st.st_mtim : &st.st_ctim;
	if ((unsigned long long)t->tv_sec != v[3] ||
	    (unsigned long long)t->tv_nsec != v[4])
		return false;
	if (kind == 'f')
		return (unsigned long long)st.st_size == v[2];
	if (kind == 'd')
		return true;
	/* Changed just before the manifest was made: a name made since in
	 * the same tick would have left its time as it was, so its entries
	 * are counted.  With every entry of the manifest there (each has a
	 * line), as many entries are the same names. */
	size_t count = 0;
	int dfd = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return dfd >= 0 && ssg_outdir_each(dfd, count_entry, &count) == 0 &&
	       count == v[2];
}

bool ssg_outdir_check(int fd, const char *m, size_t len)
{
	struct stat root;
	size_t head = strlen(MAN_HEAD);
	if (fstat(fd, &root) < 0 || len < head || memcmp(m, MAN_HEAD, head) ||
	    m[len - 1] != '\n')
		return false;
	ssg_buf l;
	ssg_buf_init(&l);
	bool ok = true, top = false;
	for (const char *p = m + head, *end = m + len; ok && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		ssg_buf_clear(&l);
		ssg_buf_put(&l, p, (size_t)(nl - p));
		ok = check_line(fd, root.st_dev, l.data);
		top |= !strcmp(man_path(l.data), ".");
		p = nl + 1;
	}
	ssg_buf_fini(&l);
	/* The top's line says that nothing was added beside what the
	 * lines list there. */
	return ok && top;
}

/* ---- swapping ---- */

int ssg_outdir_exchange(const char *a, const char *b)
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

