/*
 * pagekeys — the records of what the trees beside OUT hold, read whole
 * and replaced whole in the store (store.h).
 */
#include "pagekeys.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "digest.h"
#include "err.h"
#include "store.h"

#define HEX 64
/* More files than a site has; a longer section is not ours. */
#define MAX_RECORDS 4000000
#define MAX_LINE 8192
/* Trees besides OUT and its twin whose records are kept: another OUT
 * built from the same repository (a preview, a test) and its twin. */
#define KEEP_OTHERS 2

/* A province's two trees are 70,000 records, held through the pages:
 * the key as bytes and the paths in an arena make each about 100 bytes
 * where a hex key and a malloc'd path made it 200 (peak memory). */
typedef struct {
	const char *path; /* in its list's arena */
	unsigned char key[HEX / 2];
	ssg_out_stamp st;
} record;

/* Records in the order read or added, their paths in `paths`. */
typedef struct {
	record *v;
	size_t n, cap;
	ssg_arena *paths;
} rec_list;

/* The records of one tree, found by path. */
typedef struct {
	ssg_out_tree id;
	bool known;    /* the build has such a tree */
	rec_list r;
	size_t *slot;  /* index + 1, 0 for empty */
	size_t nslot;
} tree_recs;

struct ssg_pagekeys {
	tree_recs here, live;
	pthread_mutex_t lock;
	rec_list new_;
	atomic_size_t kept, rendered;
	ssg_buf others; /* other trees' sections, as read */
	size_t nothers;
};

static void index_build(tree_recs *t)
{
	t->nslot = 16;
	while (t->nslot < 2 * t->r.n)
		t->nslot *= 2;
	t->slot = ssg_xcalloc(t->nslot, sizeof(*t->slot));
	for (size_t i = 0; i < t->r.n; i++) {
		const char *p = t->r.v[i].path;
		size_t h = (size_t)ssg_hash(p, strlen(p)) & (t->nslot - 1);
		while (t->slot[h])
			h = (h + 1) & (t->nslot - 1);
		t->slot[h] = i + 1;
	}
}

static const record *find(const tree_recs *t, const char *path)
{
	if (!t->nslot)
		return NULL;
	size_t h = (size_t)ssg_hash(path, strlen(path)) & (t->nslot - 1);
	for (; t->slot[h]; h = (h + 1) & (t->nslot - 1)) {
		const record *r = &t->r.v[t->slot[h] - 1];
		if (!strcmp(r->path, path))
			return r;
	}
	return NULL;
}

/* Room for `more` records: a tree's count is known before its records,
 * so its array is allocated once, not doubled (up to a bound: the count
 * is the file's word). */
static void reserve(rec_list *l, size_t more)
{
	if (more > 65536)
		more = 65536;
	if (l->n + more <= l->cap)
		return;
	size_t cap = l->cap ? l->cap : 16;
	while (cap < l->n + more)
		cap += cap / 2;
	l->v = ssg_xrealloc(l->v, cap * sizeof(*l->v));
	l->cap = cap;
}

/* Appends r, its path copied into the list's arena. */
static void push(rec_list *l, const record *r, const char *path)
{
	reserve(l, 1);
	if (!l->paths)
		l->paths = ssg_arena_new();
	l->v[l->n] = *r;
	l->v[l->n++].path = ssg_arena_strn(l->paths, path, strlen(path));
}

/* "KEY INO SIZE SEC NSEC PATH" exactly; *path is the line's. */
static bool parse(const char *line, record *r, const char **path)
{
	if (strlen(line) < HEX + 2 || line[HEX] != ' ' ||
	    !ssg_digest_unhex(line, HEX / 2, r->key))
		return false;
	const char *p = line + HEX + 1;
	char *end;
	unsigned long long f[4];
	for (int i = 0; i < 4; i++) {
		if (*p < '0' || *p > '9')
			return false;
		f[i] = strtoull(p, &end, 10);
		if (*end != ' ')
			return false;
		p = end + 1;
	}
	if (!*p || f[3] > 999999999ull)
		return false;
	r->st.ino = f[0];
	r->st.size = f[1];
	r->st.sec = (long long)f[2];
	r->st.nsec = (long)f[3];
	*path = p;
	return true;
}

static bool same_tree(const ssg_out_tree *a, const ssg_out_tree *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

/* Reads the sections of the file into the trees they are of. */
static void read_file(ssg_pagekeys *k, FILE *f, char *line)
{
	char head[64];
	snprintf(head, sizeof(head), "ssg pages 1 %08" PRIx32 "\n",
		 ssg_store_program());
	if (!fgets(line, MAX_LINE, f) || strcmp(line, head) != 0)
		return;
	while (fgets(line, MAX_LINE, f)) {
		ssg_out_tree id;
		size_t count;
		if (sscanf(line, "tree %llu %llu %zu", &id.dev, &id.ino,
			   &count) != 3 ||
		    count > MAX_RECORDS)
			return;
		tree_recs *t = k->here.known && same_tree(&id, &k->here.id)
				       ? &k->here
			       : k->live.known && same_tree(&id, &k->live.id)
				       ? &k->live
				       : NULL;
		bool other = !t && k->nothers < KEEP_OTHERS;
		size_t at = k->others.len;
		if (other) {
			ssg_buf_puts(&k->others, line);
			k->nothers++;
		}
		if (t)
			reserve(&t->r, count);
		for (size_t i = 0; i < count; i++) {
			size_t n;
			record r;
			const char *path;
			bool ok = fgets(line, MAX_LINE, f) &&
				  (n = strlen(line)) > 0 && line[n - 1] == '\n';
			if (ok && other)
				ssg_buf_puts(&k->others, line);
			if (ok)
				line[n - 1] = '\0';
			if (ok && t && (ok = parse(line, &r, &path)))
				push(&t->r, &r, path);
			if (!ok) {
				/* Cut short, too long or not a record: the
				 * rest is not ours. */
				if (other) {
					k->others.len = at;
					k->nothers--;
				}
				return;
			}
		}
	}
}

ssg_pagekeys *ssg_pagekeys_read(const char *gitdir, const ssg_out *o)
{
	ssg_pagekeys *k = ssg_xcalloc(1, sizeof(*k));
	pthread_mutex_init(&k->lock, NULL);
	k->here.id = ssg_out_built(o);
	k->here.known = k->here.id.ino != 0;
	k->live.known = ssg_out_live(o, &k->live.id);
	char *path = ssg_store_path(gitdir, "pages");
	FILE *f = ssg_store_open(path);
	if (f) {
		char *line = ssg_xmalloc(MAX_LINE);
		read_file(k, f, line);
		free(line);
		fclose(f);
	}
	free(path);
	index_build(&k->here);
	index_build(&k->live);
	return k;
}

static void recs_free(rec_list *l)
{
	free(l->v);
	ssg_arena_free(l->paths);
}

void ssg_pagekeys_free(ssg_pagekeys *k)
{
	if (!k)
		return;
	recs_free(&k->here.r);
	recs_free(&k->live.r);
	free(k->here.slot);
	free(k->live.slot);
	recs_free(&k->new_);
	ssg_buf_fini(&k->others);
	pthread_mutex_destroy(&k->lock);
	free(k);
}

static const ssg_out_stamp *lookup(const tree_recs *t, const char *path,
				   const char *key)
{
	const record *r = find(t, path);
	unsigned char k[HEX / 2];
	return r && strlen(key) == HEX && ssg_digest_unhex(key, HEX / 2, k) &&
			       !memcmp(r->key, k, sizeof(k))
		       ? &r->st
		       : NULL;
}

const ssg_out_stamp *ssg_pagekeys_here(const ssg_pagekeys *k,
				       const char *path, const char *key)
{
	return lookup(&k->here, path, key);
}

const ssg_out_stamp *ssg_pagekeys_live(const ssg_pagekeys *k,
				       const char *path, const char *key)
{
	return lookup(&k->live, path, key);
}

void ssg_pagekeys_add(ssg_pagekeys *k, const char *path, const char *key,
		      const ssg_out_stamp *st)
{
	/* No inode: a stamp that could not be read. */
	record r;
	if (!st->ino || strlen(key) != HEX || strchr(path, '\n') ||
	    strlen(path) > MAX_LINE - 128 ||
	    !ssg_digest_unhex(key, HEX / 2, r.key))
		return;
	r.st = *st;
	pthread_mutex_lock(&k->lock);
	/* The tree's records before are about as many as it will have. */
	if (!k->new_.cap)
		reserve(&k->new_, k->here.r.n + k->live.r.n / 8);
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

static void put_tree(ssg_buf *b, const ssg_out_tree *id, const rec_list *l)
{
	ssg_buf_printf(b, "tree %llu %llu %zu\n", id->dev, id->ino, l->n);
	for (size_t i = 0; i < l->n; i++) {
		const record *r = &l->v[i];
		char hex[HEX + 1];
		ssg_digest_tohex(r->key, HEX / 2, hex);
		hex[HEX] = '\0';
		ssg_buf_printf(b, "%s %llu %llu %lld %ld %s\n", hex, r->st.ino,
			       r->st.size, r->st.sec, r->st.nsec, r->path);
	}
}

bool ssg_pagekeys_write(const ssg_pagekeys *k, const char *gitdir)
{
	if (!k->here.known)
		return false;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "ssg pages 1 %08" PRIx32 "\n", ssg_store_program());
	put_tree(&b, &k->here.id, &k->new_);
	if (k->live.known)
		put_tree(&b, &k->live.id, &k->live.r);
	ssg_buf_put(&b, k->others.data, k->others.len);
	bool ok = ssg_store_replace(gitdir, "pages", b.data, b.len);
	ssg_buf_fini(&b);
	return ok;
}
