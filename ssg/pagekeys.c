/*
 * pagekeys — the records of what the trees beside OUT hold, read whole
 * and replaced whole in the store (store.h).
 */
#include "pagekeys.h"

#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "digest.h"
#include "err.h"
#include "store.h"

#define KEYLEN 32 /* a key's bytes: 64 hex digits in the API */
/* More files than a site has; a longer section is not ours. */
#define MAX_RECORDS 4000000
#define MAX_PATH 8192
#define MAX_FILE (1024u * 1024 * 1024)
/* Trees besides OUT and its twin whose records are kept: another OUT
 * built from the same repository (a preview, a test) and its twin. */
#define KEEP_OTHERS 2

/* The file: HEAD_LEN bytes "ssg pages 2 XXXXXXXX\n" (the program's
 * checksum), then per tree a section: "tree", its DEV, INO, COUNT and
 * the size of its strings (each 8 bytes, little-endian), COUNT records
 * of REC_LEN bytes (key 32, inode 8, size 8, seconds 8, nanoseconds 4,
 * path offset 4, path length 4, zero 4), then its strings, each path
 * ended by a NUL.  Binary, where it was text: a province's 70,000
 * records were 0.08 s to parse and 0.07 s to print per build; now a
 * tree is taken as read, and OUT's written back as it was read. */
#define HEAD_LEN 21
#define SEC_LEN 36
#define REC_LEN 72

static void put_u32(ssg_buf *b, uint32_t v)
{
	char c[4];
	for (int i = 0; i < 4; i++, v >>= 8)
		c[i] = (char)(v & 0xff);
	ssg_buf_put(b, c, 4);
}

/* A record as the API knows it; `path` in its list's arena. */
typedef struct {
	const char *path;
	unsigned char key[KEYLEN];
	ssg_out_stamp st;
} record;

/* This build's records, in the order added; `hint` how many the tree
 * had, the room made at first. */
typedef struct {
	record *v;
	size_t n, cap, hint;
	ssg_arena *paths;
} rec_list;

/* The records of one tree as read: its section of the file, found by
 * path through `slot`. */
typedef struct {
	ssg_out_tree id;
	bool known; /* the build has such a tree */
	const unsigned char *sec; /* its section in the file; NULL: none */
	size_t len;               /* the section's bytes */
	size_t n;
	const unsigned char *recs;
	const char *strs;
	uint32_t *slot; /* index + 1, 0 for empty: 4 bytes (MAX_RECORDS) */
	size_t nslot;
	ssg_out_look *looks; /* per record, when looked ahead; else NULL */
} tree_recs;

struct ssg_pagekeys {
	tree_recs here, live;
	pthread_mutex_t lock;
	rec_list new_;
	atomic_size_t kept, rendered;
	ssg_buf file; /* as read; the trees point into it */
	const unsigned char *others[KEEP_OTHERS]; /* other trees' sections */
	size_t other_len[KEEP_OTHERS], nothers;
};

static const char *rec_path(const tree_recs *t, size_t i)
{
	return t->strs + ssg_le32_get(t->recs + i * REC_LEN + 60);
}

/* Indexes t's records by path, after checking that each path is within
 * the section's strings, ended there, not empty and not too long: false
 * (no record then) when one is not. */
static bool index_build(tree_recs *t, size_t nstrs)
{
	t->nslot = 16;
	while (t->nslot < 2 * t->n)
		t->nslot *= 2;
	t->slot = ssg_xcalloc(t->nslot, sizeof(*t->slot));
	for (size_t i = 0; i < t->n; i++) {
		const unsigned char *r = t->recs + i * REC_LEN;
		size_t off = ssg_le32_get(r + 60);
		size_t len = ssg_le32_get(r + 64);
		if (len == 0 || len > MAX_PATH || off >= nstrs ||
		    len >= nstrs - off || t->strs[off + len] != '\0' ||
		    memchr(t->strs + off, '\0', len) ||
		    memchr(t->strs + off, '\n', len))
			return false;
		size_t h = (size_t)ssg_hash(t->strs + off, len) &
			   (t->nslot - 1);
		while (t->slot[h])
			h = (h + 1) & (t->nslot - 1);
		t->slot[h] = (uint32_t)(i + 1);
	}
	return true;
}

/* The index of path's record in t, or SIZE_MAX. */
static size_t find(const tree_recs *t, const char *path)
{
	if (!t->nslot)
		return SIZE_MAX;
	size_t h = (size_t)ssg_hash(path, strlen(path)) & (t->nslot - 1);
	for (; t->slot[h]; h = (h + 1) & (t->nslot - 1))
		if (!strcmp(rec_path(t, t->slot[h] - 1), path))
			return t->slot[h] - 1;
	return SIZE_MAX;
}

/* Room for one more record: at first for as many as the tree had
 * (each build adds about as many, one by one; doubling from a small
 * array ended, on a province, at 4.7 MB for 2.6), then doubling. */
static void push(rec_list *l, const record *r, const char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap
			 : l->hint > 1024 ? l->hint + l->hint / 16 : 1024;
		l->v = ssg_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	if (!l->paths)
		l->paths = ssg_arena_new();
	l->v[l->n] = *r;
	l->v[l->n++].path = ssg_arena_strn(l->paths, path, strlen(path));
}

static bool same_tree(const ssg_out_tree *a, const ssg_out_tree *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

static void tree_clear(tree_recs *t)
{
	free(t->slot);
	free(t->looks);
	t->looks = NULL;
	t->slot = NULL;
	t->nslot = 0;
	t->sec = NULL;
	t->n = 0;
}

/* Reads the sections of the file into the trees they are of; a section
 * that does not fit, or a record that is not one, ends the file there
 * (the trees it filled are then no records either). */
static void parse_file(ssg_pagekeys *k)
{
	const unsigned char *p = (const unsigned char *)k->file.data;
	size_t n = k->file.len;
	char head[HEAD_LEN + 1];
	snprintf(head, sizeof(head), "ssg pages 2 %08" PRIx32 "\n",
		 ssg_store_program());
	if (n < HEAD_LEN || memcmp(p, head, HEAD_LEN) != 0)
		return;
	size_t at = HEAD_LEN;
	while (n - at >= SEC_LEN && !memcmp(p + at, "tree", 4)) {
		const unsigned char *s = p + at;
		ssg_out_tree id = {ssg_le64_get(s + 4), ssg_le64_get(s + 12)};
		uint64_t count = ssg_le64_get(s + 20), nstrs = ssg_le64_get(s + 28);
		size_t room = n - at - SEC_LEN;
		if (count > MAX_RECORDS || nstrs > room ||
		    count * REC_LEN > room - nstrs)
			break;
		size_t len = SEC_LEN + (size_t)count * REC_LEN + (size_t)nstrs;
		tree_recs *t = k->here.known && same_tree(&id, &k->here.id)
				       ? &k->here
			       : k->live.known && same_tree(&id, &k->live.id)
				       ? &k->live
				       : NULL;
		if (t && !t->sec) {
			t->sec = s;
			t->len = len;
			t->n = (size_t)count;
			t->recs = s + SEC_LEN;
			t->strs = (const char *)t->recs + t->n * REC_LEN;
			if (!index_build(t, (size_t)nstrs)) {
				tree_clear(t);
				break;
			}
		} else if (!t && k->nothers < KEEP_OTHERS) {
			k->others[k->nothers] = s;
			k->other_len[k->nothers++] = len;
		}
		at += len;
	}
	if (at != n) { /* the rest is not ours, nor what it held */
		tree_clear(&k->here);
		tree_clear(&k->live);
		k->nothers = 0;
	}
}

/* The records of gitdir for the trees k->here and k->live name. */
static void read_file(ssg_pagekeys *k, const char *gitdir)
{
	pthread_mutex_init(&k->lock, NULL);
	ssg_buf_init(&k->file);
	char *path = ssg_store_path(gitdir, "pages");
	if (ssg_store_read(path, MAX_FILE, &k->file))
		parse_file(k);
	free(path);
	k->new_.hint = k->here.n > k->live.n ? k->here.n : k->live.n;
}

ssg_pagekeys *ssg_pagekeys_read(const char *gitdir, const ssg_out *o)
{
	ssg_pagekeys *k = ssg_xcalloc(1, sizeof(*k));
	k->here.id = ssg_out_built(o);
	k->here.known = k->here.id.ino != 0;
	k->live.known = ssg_out_live(o, &k->live.id);
	read_file(k, gitdir);
	return k;
}

/* ---- read ahead ---- */

/* The file's stamp that record i of t holds. */
static void rec_stamp(const tree_recs *t, size_t i, ssg_out_stamp *st)
{
	const unsigned char *r = t->recs + i * REC_LEN;
	st->ino = ssg_le64_get(r + 32);
	st->size = ssg_le64_get(r + 40);
	st->sec = (long long)ssg_le64_get(r + 48);
	st->nsec = (long)ssg_le32_get(r + 56);
}

struct ssg_pagekeys_ahead {
	pthread_t thread;
	bool started, joined; /* the thread was, and has ended */
	char *gitdir, *outdir;
	int twin; /* a descriptor of its own on the twin */
	ssg_pagekeys *k;
};

static void *ahead_run(void *arg)
{
	ssg_pagekeys_ahead *a = arg;
	ssg_pagekeys *k = a->k;
	struct stat st;
	if (fstat(a->twin, &st) == 0) {
		k->here.id.dev = (unsigned long long)st.st_dev;
		k->here.id.ino = (unsigned long long)st.st_ino;
		k->here.known = true;
	}
	/* OUT as ssg_out_begin opens it, if it is still the same then
	 * (ssg_pagekeys_read_ahead compares). */
	if (lstat(a->outdir, &st) == 0 && S_ISDIR(st.st_mode)) {
		k->live.id.dev = (unsigned long long)st.st_dev;
		k->live.id.ino = (unsigned long long)st.st_ino;
		k->live.known = true;
	}
	read_file(k, a->gitdir);
	tree_recs *t = &k->here;
	if (t->sec && t->n)
		t->looks = ssg_xcalloc(t->n, sizeof(*t->looks));
	for (size_t i = 0; t->looks && i < t->n; i++) {
		ssg_out_stamp rs;
		rec_stamp(t, i, &rs);
		ssg_out_look_at(a->twin, rec_path(t, i), &rs, &t->looks[i]);
	}
	return NULL;
}

ssg_pagekeys_ahead *ssg_pagekeys_ahead_start(const char *gitdir,
					     const char *outdir, int twin)
{
	if (twin < 0)
		return NULL;
	ssg_pagekeys_ahead *a = ssg_xcalloc(1, sizeof(*a));
	a->twin = fcntl(twin, F_DUPFD_CLOEXEC, 0);
	a->gitdir = ssg_xstrdup(gitdir);
	a->outdir = ssg_xstrdup(outdir);
	a->k = ssg_xcalloc(1, sizeof(*a->k));
	a->started = a->twin >= 0 &&
		     pthread_create(&a->thread, NULL, ahead_run, a) == 0;
	if (!a->started) {
		ssg_pagekeys_ahead_free(a);
		return NULL;
	}
	return a;
}

static void ahead_join(ssg_pagekeys_ahead *a)
{
	if (a->started && !a->joined)
		pthread_join(a->thread, NULL);
	a->joined = true;
}

ssg_pagekeys *ssg_pagekeys_read_ahead(ssg_pagekeys_ahead *a,
				      const char *gitdir, const ssg_out *o)
{
	if (!a)
		return ssg_pagekeys_read(gitdir, o);
	ahead_join(a);
	ssg_pagekeys *k = a->k;
	ssg_out_tree here = ssg_out_built(o), live;
	bool has_live = ssg_out_live(o, &live);
	if (!k->here.known || !same_tree(&here, &k->here.id) ||
	    has_live != k->live.known ||
	    (has_live && !same_tree(&live, &k->live.id))) {
		ssg_pagekeys_ahead_free(a);
		return ssg_pagekeys_read(gitdir, o);
	}
	a->k = NULL;
	ssg_pagekeys_ahead_free(a);
	return k;
}

void ssg_pagekeys_ahead_free(ssg_pagekeys_ahead *a)
{
	if (!a)
		return;
	ahead_join(a);
	if (a->started) /* read: its lock made */
		ssg_pagekeys_free(a->k);
	else
		free(a->k);
	if (a->twin >= 0)
		close(a->twin);
	free(a->gitdir);
	free(a->outdir);
	free(a);
}

void ssg_pagekeys_free(ssg_pagekeys *k)
{
	if (!k)
		return;
	free(k->here.slot);
	free(k->here.looks);
	free(k->live.slot);
	free(k->new_.v);
	ssg_arena_free(k->new_.paths);
	ssg_buf_fini(&k->file);
	pthread_mutex_destroy(&k->lock);
	free(k);
}

/* The stamp of path's record in t when its key is `key`: the record's
 * index, or SIZE_MAX. */
static size_t lookup(const tree_recs *t, const char *path, const char *key,
		     ssg_out_stamp *st)
{
	size_t i = find(t, path);
	unsigned char kb[KEYLEN];
	if (i == SIZE_MAX || strlen(key) != 2 * KEYLEN ||
	    !ssg_digest_unhex(key, KEYLEN, kb))
		return SIZE_MAX;
	const unsigned char *r = t->recs + i * REC_LEN;
	if (memcmp(r, kb, KEYLEN) != 0)
		return SIZE_MAX;
	rec_stamp(t, i, st);
	return i;
}

bool ssg_pagekeys_here(const ssg_pagekeys *k, const char *path,
		       const char *key, ssg_out_stamp *st)
{
	return lookup(&k->here, path, key, st) != SIZE_MAX;
}

bool ssg_pagekeys_here_look(const ssg_pagekeys *k, const char *path,
			    const char *key, ssg_out_stamp *st,
			    const ssg_out_look **look)
{
	size_t i = lookup(&k->here, path, key, st);
	*look = i != SIZE_MAX && k->here.looks ? &k->here.looks[i] : NULL;
	return i != SIZE_MAX;
}

bool ssg_pagekeys_live(const ssg_pagekeys *k, const char *path,
		       const char *key, ssg_out_stamp *st)
{
	return lookup(&k->live, path, key, st) != SIZE_MAX;
}

void ssg_pagekeys_add(ssg_pagekeys *k, const char *path, const char *key,
		      const ssg_out_stamp *st)
{
	/* No inode: a stamp that could not be read. */
	record r;
	size_t n = strlen(path);
	if (!st->ino || st->nsec < 0 || st->nsec > 999999999L ||
	    strlen(key) != 2 * KEYLEN || n == 0 || n > MAX_PATH ||
	    strchr(path, '\n') || !ssg_digest_unhex(key, KEYLEN, r.key))
		return;
	r.st = *st;
	pthread_mutex_lock(&k->lock);
	push(&k->new_, &r, path);
	pthread_mutex_unlock(&k->lock);
}

void ssg_pagekeys_kept(ssg_pagekeys *k)
{
	atomic_fetch_add(&k->kept, 1);
}

void ssg_pagekeys_rendered(ssg_pagekeys *k)
{
	atomic_fetch_add(&k->rendered, 1);
}

size_t ssg_pagekeys_nkept(const ssg_pagekeys *k)
{
	return atomic_load(&k->kept);
}

size_t ssg_pagekeys_nrendered(const ssg_pagekeys *k)
{
	return atomic_load(&k->rendered);
}

/* This build's tree: its records as added. */
static void put_tree(ssg_buf *b, const ssg_out_tree *id, const rec_list *l)
{
	size_t nstrs = 0;
	for (size_t i = 0; i < l->n; i++)
		nstrs += strlen(l->v[i].path) + 1;
	ssg_buf_put(b, "tree", 4);
	ssg_buf_put_le64(b, id->dev);
	ssg_buf_put_le64(b, id->ino);
	ssg_buf_put_le64(b, l->n);
	ssg_buf_put_le64(b, nstrs);
	size_t off = 0;
	for (size_t i = 0; i < l->n; i++) {
		const record *r = &l->v[i];
		size_t len = strlen(r->path);
		ssg_buf_put(b, (const char *)r->key, KEYLEN);
		ssg_buf_put_le64(b, r->st.ino);
		ssg_buf_put_le64(b, r->st.size);
		ssg_buf_put_le64(b, (uint64_t)r->st.sec);
		put_u32(b, (uint32_t)r->st.nsec);
		put_u32(b, (uint32_t)off);
		put_u32(b, (uint32_t)len);
		put_u32(b, 0);
		off += len + 1;
	}
	for (size_t i = 0; i < l->n; i++)
		ssg_buf_put(b, l->v[i].path, strlen(l->v[i].path) + 1);
}

bool ssg_pagekeys_write(const ssg_pagekeys *k, const char *gitdir)
{
	if (!k->here.known)
		return false;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "ssg pages 2 %08" PRIx32 "\n", ssg_store_program());
	put_tree(&b, &k->here.id, &k->new_);
	/* OUT's, which becomes the twin, and the others' as they were. */
	if (k->live.known && k->live.sec)
		ssg_buf_put(&b, (const char *)k->live.sec, k->live.len);
	for (size_t i = 0; i < k->nothers; i++)
		ssg_buf_put(&b, (const char *)k->others[i], k->other_len[i]);
	bool ok = ssg_store_replace(gitdir, "pages", b.data, b.len);
	ssg_buf_fini(&b);
	return ok;
}
