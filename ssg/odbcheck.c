#include "odbcheck.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "buf.h"
#include "digest.h"
#include "i18n.h"

#define CHUNK 65536
/* git follows alternates five levels deep; so do we, and no further. */
#define MAX_ALT_DEPTH 5

/* ---- SHA-1, streaming (OpenSSL: its SHA extensions make the check of a
 * large pack cost a few milliseconds) ---------------------------------- */

typedef struct {
	EVP_MD_CTX *ctx;
} sha1;

static void sha1_init(sha1 *s)
{
	s->ctx = EVP_MD_CTX_new();
	/* Fails only without memory: abort, as any allocation does. */
	if (!s->ctx || EVP_DigestInit_ex(s->ctx, EVP_sha1(), NULL) != 1)
		abort();
}

static void sha1_update(sha1 *s, const void *data, size_t n)
{
	if (EVP_DigestUpdate(s->ctx, data, n) != 1)
		abort();
}

static void sha1_final(sha1 *s, unsigned char out[20])
{
	unsigned len = 0;
	if (EVP_DigestFinal_ex(s->ctx, out, &len) != 1 || len != 20)
		abort();
}

static void sha1_fini(sha1 *s)
{
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
}

void ssg_odbcheck_sha1(const void *data, size_t n, unsigned char out[20])
{
	unsigned len = 0;
	if (EVP_Digest(data, n, out, &len, EVP_sha1(), NULL) != 1 || len != 20)
		abort();
}

/* ---- helpers ------------------------------------------------------------- */

typedef struct {
	ssg_diags *d;
	unsigned char *in, *out; /* CHUNK bytes each */
	/* Lines of the earlier check's memo, sorted; the lines of this
	 * one; the time this check began. */
	char **memo;
	size_t nmemo;
	ssg_buf *next;
	time_t now;
} check;

static int corrupt(check *c, const char *path, const char *why)
{
	ssg_diags_env(c->d,
		      "corrupt repository: %s %s; `git fsck` shows what is "
		      "damaged, and a fresh clone repairs it",
		      path, _(why));
	return SSG_ERR_ENV;
}

static int unreadable(check *c, const char *path)
{
	ssg_diags_env(c->d, "cannot read %s: %s", path, strerror(errno));
	return SSG_ERR_ENV;
}

/* Reads exactly n bytes at offset off, or fails. */
static bool read_at(int fd, void *buf, size_t n, off_t off)
{
	unsigned char *p = buf;
	while (n > 0) {
		ssize_t got = pread(fd, p, n, off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		p += got;
		n -= (size_t)got;
		off += got;
	}
	return true;
}

/* ---- the memo ------------------------------------------------------------ */

/* A file's memo line: where it is and what its inode says of it.  Any
 * write to the file, or its replacement, changes its change time (which
 * no program can set back) or its inode. */
static void memo_line(ssg_buf *b, const char *path, const struct stat *st)
{
	ssg_buf_printf(b, "%llu %llu %lld %lld.%09ld %lld.%09ld %s",
		       (unsigned long long)st->st_dev,
		       (unsigned long long)st->st_ino, (long long)st->st_size,
		       (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
		       (long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec, path);
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True when an earlier check found the file at path, as st finds it now,
 * whole; either way it is remembered for the next check, unless it
 * changed in the last two seconds: a file system that stamps times
 * coarsely could give a write just after this check the same times. */
static bool memo_has(check *c, const char *path, const struct stat *st)
{
	ssg_buf b;
	ssg_buf_init(&b);
	memo_line(&b, path, st);
	char *key = b.data;
	bool hit = c->nmemo && bsearch(&key, c->memo, c->nmemo,
				       sizeof(*c->memo), line_cmp);
	if (c->next && hit)
		ssg_buf_printf(c->next, "%s\n", key);
	ssg_buf_fini(&b);
	return hit;
}

static void memo_add(check *c, const char *path, const struct stat *st)
{
	if (!c->next || st->st_ctim.tv_sec >= c->now - 2 ||
	    st->st_mtim.tv_sec >= c->now - 2)
		return;
	memo_line(c->next, path, st);
	ssg_buf_putc(c->next, '\n');
}

/* ---- loose objects --------------------------------------------------- */

typedef struct {
	char head[40]; /* "TYPE SIZE" until the NUL */
	size_t hlen;
	bool head_done;
	uint64_t size, got;
	sha1 sum;
} loose;

/* Parses "blob 123" (git writes no leading zeros and no sign). */
static bool loose_header(loose *l)
{
	static const char *const types[] = {"blob ", "tree ", "commit ",
					    "tag "};
	const char *p = NULL;
	for (size_t i = 0; i < 4 && !p; i++)
		if (!strncmp(l->head, types[i], strlen(types[i])))
			p = l->head + strlen(types[i]);
	if (!p || !*p || (p[0] == '0' && p[1]))
		return false;
	uint64_t v = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	l->size = v;
	return true;
}

/* Takes inflated bytes; false when they break the header's promise. */
static bool loose_feed(loose *l, const unsigned char *p, size_t n,
		       const char **why)
{
	sha1_update(&l->sum, p, n);
	while (n > 0 && !l->head_done) {
		if (*p == '\0') {
			l->head[l->hlen] = '\0';
			l->head_done = true;
			if (!loose_header(l)) {
				*why = N_("has an invalid header");
				return false;
			}
		} else if (l->hlen + 1 >= sizeof(l->head)) {
			*why = N_("has an invalid header");
			return false;
		} else {
			l->head[l->hlen++] = (char)*p;
		}
		p++;
		n--;
	}
	l->got += n;
	if (l->head_done && l->got > l->size) {
		*why = N_("is longer than its header says");
		return false;
	}
	return true;
}

static int check_loose(check *c, const char *path, const char *hex)
{
	int rc = SSG_OK;
	const char *why = NULL;
	z_stream z;
	memset(&z, 0, sizeof(z));
	bool zinit = false;
	loose l;
	memset(&l, 0, sizeof(l));
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return unreadable(c, path);
	if (fstat(fd, &st) < 0) {
		rc = unreadable(c, path);
		close(fd);
		return rc;
	}
	if (memo_has(c, path, &st)) {
		close(fd);
		return SSG_OK;
	}
	sha1_init(&l.sum);
	if (inflateInit(&z) != Z_OK) {
		why = N_("cannot be inflated");
		goto done;
	}
	zinit = true;
	int zr = Z_OK;
	while (zr != Z_STREAM_END) {
		ssize_t got = read(fd, c->in, CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = unreadable(c, path);
			goto done;
		}
		if (got == 0) {
			why = N_("is truncated");
			goto done;
		}
		z.next_in = c->in;
		z.avail_in = (uInt)got;
		while (z.avail_in > 0 && zr != Z_STREAM_END) {
			z.next_out = c->out;
			z.avail_out = CHUNK;
			zr = inflate(&z, Z_NO_FLUSH);
			if (zr != Z_OK && zr != Z_STREAM_END) {
				why = N_("is not valid zlib data");
				goto done;
			}
			if (!loose_feed(&l, c->out, CHUNK - z.avail_out, &why))
				goto done;
		}
	}
	/* The stream ended; inflate may still hold output. */
	for (;;) {
		z.next_out = c->out;
		z.avail_out = CHUNK;
		zr = inflate(&z, Z_FINISH);
		size_t n = CHUNK - z.avail_out;
		if (n == 0)
			break;
		if (!loose_feed(&l, c->out, n, &why))
			goto done;
	}
	if (!l.head_done) {
		why = N_("has an invalid header");
		goto done;
	}
	if (l.got != l.size) {
		why = N_("is shorter than its header says");
		goto done;
	}
	unsigned char sum[20], named[20];
	sha1_final(&l.sum, sum);
	if (!ssg_digest_unhex(hex, sizeof(named), named) ||
	    memcmp(sum, named, sizeof(sum)) != 0) {
		why = N_("does not match its name (its content changed)");
		goto done;
	}
	memo_add(c, path, &st);
done:
	if (zinit)
		inflateEnd(&z);
	sha1_fini(&l.sum);
	close(fd);
	if (why)
		return corrupt(c, path, why);
	return rc;
}

/* ---- files that end with the SHA-1 of what comes before ----------------- */

/* Checks the trailer of the file at path; `named` (when not NULL) gets
 * the 20 bytes before it (a pack index names its pack there), `head`
 * (when not NULL) the first 8 bytes and `trail` (when not NULL) the
 * trailer itself. */
static int check_trailer(check *c, const char *path, unsigned char *named,
			 unsigned char head[8], unsigned char *trail)
{
	int rc = SSG_OK;
	struct stat st;
	sha1 s = {NULL};
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return unreadable(c, path);
	if (fstat(fd, &st) < 0) {
		rc = unreadable(c, path);
		goto done;
	}
	if (st.st_size < 28) {
		rc = corrupt(c, path, N_("is truncated"));
		goto done;
	}
	uint64_t body = (uint64_t)st.st_size - 20;
	unsigned char want[20], sum[20];
	if (memo_has(c, path, &st)) {
		/* Found whole before: only what the caller reads of it. */
		if (!read_at(fd, want, 20, (off_t)body) ||
		    (head && !read_at(fd, head, 8, 0))) {
			rc = corrupt(c, path, N_("is truncated"));
			goto done;
		}
		goto found;
	}
	sha1_init(&s);
	for (uint64_t off = 0; off < body;) {
		size_t n = body - off < CHUNK ? (size_t)(body - off) : CHUNK;
		if (!read_at(fd, c->in, n, (off_t)off)) {
			rc = corrupt(c, path, N_("is truncated"));
			goto done;
		}
		if (off == 0 && head)
			memcpy(head, c->in, 8);
		sha1_update(&s, c->in, n);
		off += n;
	}
	sha1_final(&s, sum);
	if (!read_at(fd, want, 20, (off_t)body) || memcmp(want, sum, 20)) {
		rc = corrupt(c, path,
			     N_("is damaged (its checksum does not match)"));
		goto done;
	}
	memo_add(c, path, &st);
found:
	if (trail)
		memcpy(trail, want, 20);
	if (named && !read_at(fd, named, 20, (off_t)body - 20))
		rc = corrupt(c, path, N_("is truncated"));
done:
	sha1_fini(&s);
	close(fd);
	return rc;
}

/* pack-X.idx and pack-X.pack: both whole, and the index names the pack. */
static int check_pack(check *c, const char *idx_path)
{
	int rc;
	ssg_buf pack;
	ssg_buf_init(&pack);
	ssg_buf_put(&pack, idx_path, strlen(idx_path) - 4);
	ssg_buf_puts(&pack, ".pack");
	unsigned char named[20], ihead[8], phead[8];
	struct stat st;
	if (stat(ssg_buf_cstr(&pack), &st) < 0) {
		rc = corrupt(c, idx_path, N_("has no pack file beside it"));
		goto done;
	}
	rc = check_trailer(c, idx_path, named, ihead, NULL);
	if (rc)
		goto done;
	static const unsigned char idx2[8] = {0xff, 't', 'O', 'c', 0, 0, 0, 2};
	if (!memcmp(ihead, idx2, 4) && memcmp(ihead, idx2, 8)) {
		rc = corrupt(c, idx_path, N_("has an unknown index version"));
		goto done;
	}
	/* The pack's own trailer is the name its index records. */
	unsigned char ptrail[20];
	rc = check_trailer(c, ssg_buf_cstr(&pack), NULL, phead, ptrail);
	if (rc)
		goto done;
	if (memcmp(phead, "PACK", 4) || phead[4] || phead[5] || phead[6] ||
	    (phead[7] != 2 && phead[7] != 3)) {
		rc = corrupt(c, ssg_buf_cstr(&pack),
			     N_("is not a pack file"));
		goto done;
	}
	if (memcmp(named, ptrail, 20))
		rc = corrupt(c, idx_path,
			     N_("does not belong to its pack file"));
done:
	ssg_buf_fini(&pack);
	return rc;
}

/* ---- directories ------------------------------------------------------- */

static int check_dir(check *c, const char *objects, unsigned depth);

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir's entries, sorted so that the first problem reported does
 * not depend on the file system's order. */
static char **list_dir(const char *dir, size_t *n)
{
	*n = 0;
	DIR *dp = opendir(dir);
	if (!dp)
		return NULL;
	char **v = NULL;
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			v = ssg_xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = ssg_xstrdup(de->d_name);
	}
	closedir(dp);
	if (v)
		ssg_sort(v, *n, sizeof(*v), str_cmp);
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int check_packs(check *c, const char *objects)
{
	int rc = SSG_OK;
	ssg_buf p;
	ssg_buf_init(&p);
	ssg_buf_printf(&p, "%s/pack", objects);
	size_t n;
	char **v = list_dir(ssg_buf_cstr(&p), &n);
	for (size_t i = 0; i < n && rc == SSG_OK; i++) {
		ssg_buf_clear(&p);
		ssg_buf_printf(&p, "%s/pack/%s", objects, v[i]);
		if (ssg_str_ends((ssg_str){v[i], strlen(v[i])}, ".idx"))
			rc = check_pack(c, ssg_buf_cstr(&p));
		else if (!strcmp(v[i], "multi-pack-index"))
			rc = check_trailer(c, ssg_buf_cstr(&p), NULL, NULL, NULL);
	}
	free_list(v, n);
	ssg_buf_fini(&p);
	return rc;
}

static int check_loose_dirs(check *c, const char *objects)
{
	int rc = SSG_OK;
	size_t n;
	char **v = list_dir(objects, &n);
	ssg_buf p;
	ssg_buf_init(&p);
	for (size_t i = 0; i < n && rc == SSG_OK; i++) {
		if (strlen(v[i]) != 2 || !ssg_digest_is_hex(v[i], 2))
			continue;
		ssg_buf_clear(&p);
		ssg_buf_printf(&p, "%s/%s", objects, v[i]);
		size_t m;
		char **w = list_dir(ssg_buf_cstr(&p), &m);
		for (size_t k = 0; k < m && rc == SSG_OK; k++) {
			/* git's temporary files (tmp_obj_*) are no objects. */
			if (strlen(w[k]) != 38 || !ssg_digest_is_hex(w[k], 38))
				continue;
			char hex[41];
			memcpy(hex, v[i], 2);
			memcpy(hex + 2, w[k], 39);
			ssg_buf_clear(&p);
			ssg_buf_printf(&p, "%s/%s/%s", objects, v[i], w[k]);
			rc = check_loose(c, ssg_buf_cstr(&p), hex);
		}
		free_list(w, m);
	}
	free_list(v, n);
	ssg_buf_fini(&p);
	return rc;
}

static int check_alternates(check *c, const char *objects, unsigned depth)
{
	int rc = SSG_OK;
	ssg_buf p;
	ssg_buf_init(&p);
	ssg_buf_printf(&p, "%s/info/alternates", objects);
	FILE *f = fopen(ssg_buf_cstr(&p), "r");
	if (!f) {
		ssg_buf_fini(&p);
		return SSG_OK;
	}
	char line[4096];
	while (rc == SSG_OK && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (depth >= MAX_ALT_DEPTH) {
			rc = corrupt(c, ssg_buf_cstr(&p),
				     N_("chains alternates too deep"));
			break;
		}
		ssg_buf_clear(&p);
		if (line[0] == '/')
			ssg_buf_puts(&p, line);
		else
			ssg_buf_printf(&p, "%s/%s", objects, line);
		rc = check_dir(c, ssg_buf_cstr(&p), depth + 1);
		ssg_buf_clear(&p);
		ssg_buf_printf(&p, "%s/info/alternates", objects);
	}
	fclose(f);
	ssg_buf_fini(&p);
	return rc;
}

static int check_dir(check *c, const char *objects, unsigned depth)
{
	int rc = check_loose_dirs(c, objects);
	if (rc == SSG_OK)
		rc = check_packs(c, objects);
	ssg_buf p;
	ssg_buf_init(&p);
	ssg_buf_printf(&p, "%s/info/commit-graph", objects);
	struct stat st;
	if (rc == SSG_OK && stat(ssg_buf_cstr(&p), &st) == 0)
		rc = check_trailer(c, ssg_buf_cstr(&p), NULL, NULL, NULL);
	ssg_buf_fini(&p);
	if (rc == SSG_OK)
		rc = check_alternates(c, objects, depth);
	return rc;
}

int ssg_odbcheck(const char *objects, const char *memo, ssg_buf *next,
		 ssg_diags *d)
{
	check c = {.d = d, .next = next, .now = time(NULL)};
	c.in = ssg_xmalloc(CHUNK);
	c.out = ssg_xmalloc(CHUNK);
	char *lines = memo ? ssg_xstrdup(memo) : NULL;
	size_t cap = 0;
	for (char *p = lines, *nl; p && *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break; /* a last line cut short is no line */
		*nl = '\0';
		if (c.nmemo == cap) {
			cap = cap ? 2 * cap : 64;
			c.memo = ssg_xrealloc(c.memo, cap * sizeof(*c.memo));
		}
		c.memo[c.nmemo++] = p;
	}
	if (c.nmemo)
		ssg_sort(c.memo, c.nmemo, sizeof(*c.memo), line_cmp);
	size_t n = strlen(objects);
	while (n > 1 && objects[n - 1] == '/')
		n--;
	char *dir = ssg_xstrndup(objects, n);
	int rc = check_dir(&c, dir, 0);
	free(dir);
	free(c.memo);
	free(lines);
	free(c.in);
	free(c.out);
	return rc;
}
