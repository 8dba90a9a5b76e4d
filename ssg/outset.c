/* outset — the paths of a tree written by a build, and the records of a
 * tree's directories (outset.h). */
#define _GNU_SOURCE /* AT_SYMLINK_NOFOLLOW with fstatat */

#include "outset.h"

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "outdir.h"
#include "store.h"

/* The slot holding `k`, or the empty slot where it would go. */
static size_t slot(const ssg_outset *s, const char *k, size_t n)
{
	size_t i = (size_t)ssg_hash(k, n) & (s->cap - 1);
	while (s->keys[i] &&
	       (s->lens[i] != n || memcmp(s->keys[i], k, n) != 0))
		i = (i + 1) & (s->cap - 1);
	return i;
}

size_t ssg_outset_find(const ssg_outset *s, const char *k, size_t n)
{
	if (!s->n)
		return SSG_OUTSET_NONE;
	size_t i = slot(s, k, n);
	return s->keys[i] ? i : SSG_OUTSET_NONE;
}

bool ssg_outset_get(const ssg_outset *s, const char *k, size_t n,
		    bool *fresh)
{
	size_t i = ssg_outset_find(s, k, n);
	if (i == SSG_OUTSET_NONE)
		return false;
	if (fresh)
		*fresh = s->flags[i] & SSG_OUTSET_FRESH;
	return true;
}

/* Rehashes s into `cap` slots (a power of two, at least twice n). */
static void grow_to(ssg_outset *s, size_t cap)
{
	ssg_outset g = *s;
	g.cap = cap;
	g.keys = ssg_xcalloc(g.cap, sizeof(*g.keys));
	g.lens = ssg_xcalloc(g.cap, sizeof(*g.lens));
	g.flags = ssg_xcalloc(g.cap, sizeof(*g.flags));
	g.dix = ssg_xcalloc(g.cap, sizeof(*g.dix));
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->keys[i])
			continue;
		size_t j = slot(&g, s->keys[i], s->lens[i]);
		g.keys[j] = s->keys[i];
		g.lens[j] = s->lens[i];
		g.flags[j] = s->flags[i];
		g.dix[j] = s->dix[i];
	}
	free(s->keys);
	free(s->lens);
	free(s->flags);
	free(s->dix);
	*s = g;
}

static void grow(ssg_outset *s)
{
	grow_to(s, s->cap ? 2 * s->cap : 256);
}

void ssg_outset_reserve(ssg_outset *s, size_t n)
{
	size_t cap = s->cap ? s->cap : 256;
	while (cap < 2 * (n + 1))
		cap *= 2;
	if (cap > s->cap)
		grow_to(s, cap);
}

ssg_outset_dir *ssg_outset_dir_at(const ssg_outset *s, size_t i)
{
	return s->dix[i] ? &s->dirs[s->dix[i] - 1] : NULL;
}

size_t ssg_outset_put(ssg_outset *s, const char *k, size_t n,
		      unsigned flags)
{
	if (n > UINT32_MAX) { /* no path of a tree: lens are 4 bytes */
		fputs("ssg: a path of 4 GiB or more\n", stderr);
		abort();
	}
	if (2 * (s->n + 1) > s->cap)
		grow(s);
	size_t i = slot(s, k, n);
	if (!s->keys[i]) {
		if (!s->strs)
			s->strs = ssg_arena_new();
		s->keys[i] = ssg_arena_strn(s->strs, k, n);
		s->lens[i] = (uint32_t)n;
		s->n++;
		if (n && k[n - 1] == '/') {
			if (s->ndirs == s->dcap) {
				s->dcap = s->dcap ? 2 * s->dcap : 64;
				s->dirs = ssg_xrealloc(
					s->dirs, s->dcap * sizeof(*s->dirs));
			}
			memset(&s->dirs[s->ndirs], 0, sizeof(*s->dirs));
			s->dix[i] = (uint32_t)++s->ndirs;
		}
		/* Its directory's: "a/b/" of "a/b/c" and of "a/b/c/". */
		size_t p = n && k[n - 1] == '/' ? n - 1 : n;
		while (p > 0 && k[p - 1] != '/')
			p--;
		size_t d = p ? ssg_outset_find(s, k, p) : SSG_OUTSET_NONE;
		if (d != SSG_OUTSET_NONE && s->dix[d])
			s->dirs[s->dix[d] - 1].nkids++;
	}
	s->flags[i] = (unsigned char)flags;
	return i;
}

void ssg_outset_mark(ssg_outset *s, const char *k, size_t n, unsigned flag)
{
	size_t i = ssg_outset_find(s, k, n);
	if (i != SSG_OUTSET_NONE)
		s->flags[i] |= (unsigned char)flag;
}

bool ssg_outset_clean(const ssg_outset *s, size_t i)
{
	unsigned f = s->flags[i];
	const ssg_outset_dir *d = ssg_outset_dir_at(s, i);
	if (!d)
		return false;
	if (f & SSG_OUTSET_FRESH)
		return true;
	return (f & (SSG_OUTSET_ASREC | SSG_OUTSET_TOUCHED |
		     SSG_OUTSET_WHOLE)) == SSG_OUTSET_ASREC &&
	       d->nkids == d->rec.size;
}

void ssg_outset_fini(ssg_outset *s)
{
	ssg_arena_free(s->strs);
	free(s->keys);
	free(s->lens);
	free(s->flags);
	free(s->dix);
	free(s->dirs);
	memset(s, 0, sizeof(*s));
}

/* ---- records ---- */

/* The file's text, its lines cut at their path, and an index of them by
 * path (line numbers plus one, 0 empty), with each line's path and its
 * hash: a build looks up a record per directory it enters, 26,000 on a
 * province. */
struct ssg_outset_recs {
	char *text;
	char **line;
	const char **path;
	size_t *plen;
	uint32_t *hash;
	uint32_t *slot;
	size_t n, nslot;
};

static char *recs_name(ssg_out_tree t)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "dirs-%llu-%llu", t.dev, t.ino);
	return ssg_buf_detach(&b);
}

static void recs_header(ssg_buf *b)
{
	ssg_buf_printf(b, "ssg dirs 1 %08" PRIx32 "\n", ssg_store_program());
}

/* The path of line l ("INO COUNT SEC NSEC PATH"), NULL when it is not
 * one. */
static const char *line_path(const char *l)
{
	for (int f = 0; f < 4; f++) {
		if (*l < '0' || *l > '9')
			return NULL;
		while (*l >= '0' && *l <= '9')
			l++;
		if (*l++ != ' ')
			return NULL;
	}
	return *l ? l : NULL;
}

ssg_outset_recs *ssg_outset_recs_read(const char *gitdir, ssg_out_tree t)
{
	ssg_outset_recs *r = ssg_xcalloc(1, sizeof(*r));
	char *name = recs_name(t);
	char *path = ssg_store_path(gitdir, name);
	ssg_buf b, head;
	ssg_buf_init(&b);
	ssg_buf_init(&head);
	bool read = ssg_store_read(path, SIZE_MAX, &b);
	recs_header(&head);
	if (read && b.len > head.len &&
	    !memcmp(b.data, head.data, head.len) &&
	    b.data[b.len - 1] == '\n') {
		r->text = ssg_buf_detach(&b);
		for (char *p = r->text + head.len; *p;) {
			char *e = strchr(p, '\n');
			*e = '\0';
			const char *lp = line_path(p);
			if (lp) {
				r->line = ssg_xgrow(r->line, r->n,
						    sizeof(*r->line));
				r->path = ssg_xgrow(r->path, r->n,
						    sizeof(*r->path));
				r->plen = ssg_xgrow(r->plen, r->n,
						    sizeof(*r->plen));
				r->line[r->n] = p;
				r->path[r->n] = lp;
				r->plen[r->n++] = (size_t)(e - lp);
			}
			p = e + 1;
		}
		r->nslot = 16;
		while (r->nslot < 2 * r->n)
			r->nslot *= 2;
		r->slot = ssg_xcalloc(r->nslot, sizeof(*r->slot));
		r->hash = ssg_xcalloc(r->n + 1, sizeof(*r->hash));
		for (size_t i = 0; i < r->n; i++) {
			uint64_t full = ssg_hash(r->path[i], r->plen[i]);
			size_t h = (size_t)full & (r->nslot - 1);
			r->hash[i] = (uint32_t)(full >> 32);
			while (r->slot[h])
				h = (h + 1) & (r->nslot - 1);
			r->slot[h] = (uint32_t)(i + 1);
		}
	}
	ssg_buf_fini(&b);
	ssg_buf_fini(&head);
	free(path);
	free(name);
	return r;
}

size_t ssg_outset_recs_count(const ssg_outset_recs *r)
{
	return r->n;
}

size_t ssg_outset_recs_under(const ssg_outset_recs *r, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	for (size_t i = 0; i < r->n; i++)
		n += r->plen[i] >= len && !memcmp(r->path[i], prefix, len);
	return n;
}

bool ssg_outset_recs_get(const ssg_outset_recs *r, const char *path,
			 ssg_out_stamp *rec)
{
	if (!r->nslot)
		return false;
	size_t len = strlen(path);
	uint64_t full = ssg_hash(path, len);
	size_t h = (size_t)full & (r->nslot - 1);
	for (; r->slot[h]; h = (h + 1) & (r->nslot - 1)) {
		size_t i = r->slot[h] - 1;
		if (r->hash[i] != (uint32_t)(full >> 32) || r->plen[i] != len ||
		    memcmp(r->path[i], path, len) != 0)
			continue;
		const char *l = r->line[i];
		unsigned long long v[4];
		char *end;
		for (int f = 0; f < 4; f++) {
			v[f] = strtoull(l, &end, 10);
			l = end + 1;
		}
		if (v[3] > 999999999ull)
			return false;
		rec->ino = v[0];
		rec->size = v[1];
		rec->sec = (long long)v[2];
		rec->nsec = (long)v[3];
		return true;
	}
	return false;
}

void ssg_outset_recs_free(ssg_outset_recs *r)
{
	if (!r)
		return;
	free(r->text);
	free(r->line);
	free(r->path);
	free(r->plen);
	free(r->hash);
	free(r->slot);
	free(r);
}

/* v in decimal, as "%lld " writes it. */
static void put_signed(ssg_buf *b, long long v)
{
	if (v < 0)
		ssg_buf_putc(b, '-');
	ssg_buf_put_dec(b, v < 0 ? 0 - (unsigned long long)v
				 : (unsigned long long)v);
	ssg_buf_putc(b, ' ');
}

void ssg_outset_record(const ssg_outset *s, int fd, ssg_buf *b)
{
	struct timespec now;
	if (clock_gettime(CLOCK_REALTIME, &now) < 0)
		return;
	ssg_buf p;
	ssg_buf_init(&p);
	for (size_t i = 0; i < s->cap; i++) {
		const char *key = s->keys[i];
		size_t n = s->lens[i];
		const ssg_outset_dir *d = key ? ssg_outset_dir_at(s, i) : NULL;
		if (!d || (s->flags[i] & SSG_OUTSET_WHOLE))
			continue;
		ssg_out_stamp r = d->rec;
		if ((s->flags[i] & SSG_OUTSET_FRESH) ||
		    !ssg_outset_clean(s, i)) {
			struct stat st;
			ssg_buf_clear(&p);
			ssg_buf_put(&p, key, n - 1); /* no '/': no link */
			if (fstatat(fd, p.data, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
			    !S_ISDIR(st.st_mode) || ssg_outdir_recent(&st.st_ctim, &now))
				continue;
			r.ino = (unsigned long long)st.st_ino;
			r.size = d->nkids;
			r.sec = (long long)st.st_ctim.tv_sec;
			r.nsec = st.st_ctim.tv_nsec;
		}
		if (memchr(key, '\n', n))
			continue;
		/* As "%llu %llu %lld %ld %.*s\n" writes it, without printf
		 * (26,000 directories a province build). */
		ssg_buf_put_dec(b, r.ino);
		ssg_buf_putc(b, ' ');
		ssg_buf_put_dec(b, r.size);
		ssg_buf_putc(b, ' ');
		put_signed(b, r.sec);
		put_signed(b, r.nsec);
		ssg_buf_put(b, key, n);
		ssg_buf_putc(b, '\n');
	}
	ssg_buf_fini(&p);
}

void ssg_outset_recs_write(const char *gitdir, ssg_out_tree t,
			   ssg_out_tree keep, const ssg_buf *b)
{
	char *name = recs_name(t), *other = recs_name(keep);
	ssg_buf all;
	ssg_buf_init(&all);
	recs_header(&all);
	ssg_buf_put(&all, b->data, b->len);
	if (ssg_store_replace(gitdir, name, all.data, all.len)) {
		/* The records of trees gone (another twin, a scratch tree
		 * of a build that did not end). */
		char *dir = ssg_store_path(gitdir, "");
		DIR *dp = opendir(dir);
		struct dirent *de;
		while (dp && (de = readdir(dp)))
			if (!strncmp(de->d_name, "dirs-", 5) &&
			    strcmp(de->d_name, name) &&
			    strcmp(de->d_name, other))
				(void)unlinkat(dirfd(dp), de->d_name, 0);
		if (dp)
			closedir(dp);
		free(dir);
	}
	ssg_buf_fini(&all);
	free(name);
	free(other);
}
