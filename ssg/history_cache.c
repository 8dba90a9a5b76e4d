/*
 * history cache — see history_cache.h.  The file, all integers little
 * endian:
 *
 *   "SSGHCACH" u32 format  u32 program  u64 keys
 *   segment+
 *   u32 crc32 of all the bytes before it
 *
 * a segment, the commits after the segments before it:
 *
 *   u64 base       the commits before it
 *   u64 ncommits   its commits, at least one
 *   u64 nstr   { u32 len, bytes, NUL }*     its strings; id 0 is NULL
 *   commits    { id[20], u64 time, u32 offset, u32 author, u32 email,
 *                u32 message, u8 flags (1 touched, 2 opens a period),
 *                u64 nevents, u64 npages, u32 period }
 *   u64 nev    { the members of SSG_HEV_FIELDS (hev.h) in its order: the
 *                kind a u8, a string a u32 id, the row's width a u32,
 *                its names and values each width u32 ids, the commit
 *                a u64 }*                   its commits' events
 *   u64 npages { u8 kind, u32 path, old[20], new[20], u64 commit }*
 *   u64 npkgs  { u64 commit, id[20] }*     in commit order
 *   u64 nlin   { u32 name, u8 has_latest, latest[20], u32 latest_path }*
 *   u64 npaths { u32 path, u64 lin }*
 *   u64 nbad   { id[20], u32 error }*      the walk's state after it
 *   u64 settled    no table is renamed in this commit or later
 *
 * Commit indexes (an event's, a page's, a version's) count from the
 * first commit of the file.  Only the last segment's state is kept.
 *
 * The file is mapped, not read, and the strings handed out are its own
 * bytes (each ends with its NUL): a cache of a province's 20,000 commits
 * is 9 MB, which a read and a copy of each string cost more than the
 * walk of the commits they save.  The pages of the file that hold no
 * string are given back once parsed.
 */
#define _DEFAULT_SOURCE /* MAP_POPULATE, madvise */
#include "history_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "buf.h"
#include "digest.h"
#include "err.h"
#include "pool.h"
#include "store.h"

#define MAGIC "SSGHCACH"
/* Raised when the layout changes; the program's checksum covers changes
 * of what the fields mean. */
#define FORMAT 7u
#define HEADER 24
/* A file of more segments is written again as one: each costs its
 * strings again and a little time to read. */
#define MAX_SEGMENTS 32
#define CHUNK 65536

uint64_t ssg_hcache_keys_sig(const ssg_history_key *keys, size_t nkeys)
{
	uLong crc = crc32(0L, Z_NULL, 0);
	for (size_t i = 0; i < nkeys; i++) {
		const char *t = keys[i].table ? keys[i].table : "";
		crc = crc32(crc, (const Bytef *)t, (uInt)strlen(t) + 1);
		for (size_t j = 0; j < keys[i].ncols; j++)
			crc = crc32(crc, (const Bytef *)keys[i].cols[j],
				    (uInt)strlen(keys[i].cols[j]) + 1);
		crc = crc32(crc, (const Bytef *)"\x01", 1);
	}
	return ((uint64_t)nkeys << 32) | (uint64_t)crc;
}

char *ssg_hcache_path_of(const char *gitdir)
{
	return ssg_store_path(gitdir, "history.cache");
}

/* ---- strings by pointer ---- */

typedef struct {
	const char **key;
	uint32_t *id;
	size_t cap, n;
	const char **by_id; /* id - 1 → string */
} strmap;

static size_t ptr_slot(const strmap *m, const char *p)
{
	uintptr_t h = (uintptr_t)p;
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15u;
	size_t i = (size_t)(h >> 7) & (m->cap - 1);
	while (m->key[i] && m->key[i] != p)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void strmap_add(strmap *m, const char *p)
{
	if (!p)
		return;
	if (2 * (m->n + 1) > m->cap) {
		strmap old = *m;
		m->cap = old.cap ? 2 * old.cap : 1024;
		m->key = ssg_xcalloc(m->cap, sizeof(*m->key));
		m->id = ssg_xcalloc(m->cap, sizeof(*m->id));
		/* Grown with the table, not by one: a realloc per string is
		 * a copy per string where realloc cannot extend in place. */
		m->by_id = ssg_xrealloc(m->by_id,
					m->cap / 2 * sizeof(*m->by_id));
		for (size_t i = 0; i < old.cap; i++) {
			if (!old.key[i])
				continue;
			size_t j = ptr_slot(m, old.key[i]);
			m->key[j] = old.key[i];
			m->id[j] = old.id[i];
		}
		free(old.key);
		free(old.id);
	}
	size_t i = ptr_slot(m, p);
	if (m->key[i])
		return;
	m->key[i] = p;
	m->id[i] = (uint32_t)++m->n;
	m->by_id[m->n - 1] = p;
}

static uint32_t strmap_id(const strmap *m, const char *p)
{
	return p ? m->id[ptr_slot(m, p)] : 0;
}

static void strmap_fini(strmap *m)
{
	free(m->key);
	free(m->id);
	free(m->by_id);
}

/* ---- writing ---- */

/* Bytes on their way to the file, their CRC and count kept as they go:
 * through a buffer of its own, not stdio's alone, so that the CRC is
 * taken a chunk at a time and no copy of the whole file is made. */
typedef struct {
	ssg_store_file *f;
	uLong crc;
	uint64_t len;
	size_t n;
	unsigned char buf[CHUNK];
} writer;

static void flush(writer *w)
{
	ssg_store_write(w->f, w->buf, w->n);
	w->crc = crc32(w->crc, w->buf, (uInt)w->n);
	w->len += w->n;
	w->n = 0;
}

static void put(writer *w, const void *p, size_t n)
{
	const unsigned char *s = p;
	while (n > 0) {
		if (w->n == CHUNK)
			flush(w);
		size_t k = CHUNK - w->n < n ? CHUNK - w->n : n;
		memcpy(w->buf + w->n, s, k);
		w->n += k;
		s += k;
		n -= k;
	}
}

static void put_le(writer *b, uint64_t v, size_t bytes)
{
	unsigned char t[8];
	for (size_t i = 0; i < bytes; i++)
		t[i] = (unsigned char)(v >> (8 * i));
	put(b, t, bytes);
}

static void put_str(writer *b, const strmap *m, const char *s)
{
	put_le(b, strmap_id(m, s), 4);
}

/* A commit's id in its 20 bytes; false when it is not 40 hex digits
 * (never from a walk). */
static bool put_oid(writer *b, const char *hex)
{
	unsigned char id[20];
	if (!ssg_digest_unhex(hex, 20, id))
		return false;
	put(b, id, 20);
	return hex[40] == '\0';
}

/* The strings of an event's members (hev.h). */
static void collect_event(strmap *m, const ssg_hev *e)
{
	for (size_t i = 0; i < ssg_hev_nfields; i++) {
		const ssg_hev_field *f = &ssg_hev_fields[i];
		switch (f->form) {
		case SSG_HEVF_NAME:
		case SSG_HEVF_STR:
			strmap_add(m, ssg_hev_str(e, f));
			break;
		case SSG_HEVF_NAMES:
		case SSG_HEVF_VALUES: {
			const char *const *v = ssg_hev_strs(e, f);
			for (size_t j = 0; j < e->ncols; j++)
				strmap_add(m, v[j]);
			break;
		}
		case SSG_HEVF_KIND:
		case SSG_HEVF_WIDTH:
		case SSG_HEVF_COMMIT:
			break;
		}
	}
}

/* An event's members in the list's order (hev.h): the kind in a byte,
 * strings as ids, the row's width in four bytes and its strings, the
 * commit in eight. */
static void write_event(writer *b, const strmap *m, const ssg_hev *e)
{
	for (size_t i = 0; i < ssg_hev_nfields; i++) {
		const ssg_hev_field *f = &ssg_hev_fields[i];
		switch (f->form) {
		case SSG_HEVF_KIND:
			put_le(b, ssg_hev_num(e, f), 1);
			break;
		case SSG_HEVF_NAME:
		case SSG_HEVF_STR:
			put_str(b, m, ssg_hev_str(e, f));
			break;
		case SSG_HEVF_WIDTH:
			put_le(b, ssg_hev_num(e, f), 4);
			break;
		case SSG_HEVF_NAMES:
		case SSG_HEVF_VALUES: {
			const char *const *v = ssg_hev_strs(e, f);
			for (size_t j = 0; j < e->ncols; j++)
				put_str(b, m, v[j]);
			break;
		}
		case SSG_HEVF_COMMIT:
			put_le(b, ssg_hev_num(e, f), 8);
			break;
		}
	}
}

/* What a segment of the commits [base, ncommits) holds: their events,
 * pages and versions, and the whole state. */
typedef struct {
	const ssg_hcache *c;
	size_t base;
	size_t ev, pg, pkg; /* the first of each that is the segment's */
} segment;

static segment segment_of(const ssg_hcache *c, size_t base)
{
	segment s = {c, base, c->nev, c->npages, c->npkgs};
	if (base < c->ncommits) {
		s.ev = c->commits[base].first_event;
		s.pg = c->commits[base].first_page;
	}
	while (s.pkg > 0 && c->pkgs[s.pkg - 1].commit >= base)
		s.pkg--;
	return s;
}

static void collect(strmap *m, const segment *s)
{
	const ssg_hcache *c = s->c;
	for (size_t i = s->base; i < c->ncommits; i++) {
		strmap_add(m, c->commits[i].author);
		strmap_add(m, c->commits[i].email);
		strmap_add(m, c->commits[i].message);
		strmap_add(m, c->commits[i].period);
	}
	for (size_t i = s->ev; i < c->nev; i++)
		collect_event(m, &c->ev[i]);
	for (size_t i = s->pg; i < c->npages; i++)
		strmap_add(m, c->pages[i].path);
	for (size_t i = 0; i < c->nlin; i++) {
		strmap_add(m, c->lin[i].name);
		strmap_add(m, c->lin[i].latest_path);
	}
	for (size_t i = 0; i < c->npaths; i++)
		strmap_add(m, c->paths[i].path);
	for (size_t i = 0; i < c->nbad; i++)
		strmap_add(m, c->bad[i].error);
}

static bool write_commits(writer *b, const strmap *m, const segment *s)
{
	const ssg_hcache *c = s->c;
	bool ok = true;
	for (size_t i = s->base; i < c->ncommits; i++) {
		const ssg_hcommit *k = &c->commits[i];
		ok = put_oid(b, k->oid) && ok;
		put_le(b, (uint64_t)(int64_t)k->time, 8);
		put_le(b, (uint32_t)(int32_t)k->offset, 4);
		put_str(b, m, k->author);
		put_str(b, m, k->email);
		put_str(b, m, k->message);
		put_le(b, (unsigned)k->touched | (unsigned)k->opens << 1, 1);
		put_le(b, k->nevents, 8);
		put_le(b, k->npages, 8);
		put_str(b, m, k->period);
	}
	return ok;
}

static void write_state(writer *b, const strmap *m, const ssg_hcache *c)
{
	put_le(b, c->nlin, 8);
	for (size_t i = 0; i < c->nlin; i++) {
		const ssg_hcache_lin *l = &c->lin[i];
		put_str(b, m, l->name);
		put_le(b, l->has_latest, 1);
		put(b, l->latest, 20);
		put_str(b, m, l->latest_path);
	}
	put_le(b, c->npaths, 8);
	for (size_t i = 0; i < c->npaths; i++) {
		put_str(b, m, c->paths[i].path);
		put_le(b, c->paths[i].lin, 8);
	}
	put_le(b, c->nbad, 8);
	for (size_t i = 0; i < c->nbad; i++) {
		put(b, c->bad[i].id, 20);
		put_str(b, m, c->bad[i].error);
	}
	put_le(b, c->settled, 8);
}

/* The segment in b; false when a commit's id is not one. */
static bool write_segment(writer *b, const segment *s)
{
	const ssg_hcache *c = s->c;
	strmap m;
	memset(&m, 0, sizeof(m));
	collect(&m, s);
	put_le(b, s->base, 8);
	put_le(b, c->ncommits - s->base, 8);
	put_le(b, m.n, 8);
	for (size_t i = 0; i < m.n; i++) {
		size_t n = strlen(m.by_id[i]);
		put_le(b, n, 4);
		put(b, m.by_id[i], n + 1);
	}
	bool ok = write_commits(b, &m, s);
	put_le(b, c->nev - s->ev, 8);
	for (size_t i = s->ev; i < c->nev; i++)
		write_event(b, &m, &c->ev[i]);
	put_le(b, c->npages - s->pg, 8);
	for (size_t i = s->pg; i < c->npages; i++) {
		const ssg_hpage *p = &c->pages[i];
		put_le(b, (uint64_t)p->kind, 1);
		put_str(b, &m, p->path);
		put(b, p->old_id, 20);
		put(b, p->new_id, 20);
		put_le(b, p->commit, 8);
	}
	put_le(b, c->npkgs - s->pkg, 8);
	for (size_t i = s->pkg; i < c->npkgs; i++) {
		put_le(b, c->pkgs[i].commit, 8);
		put(b, c->pkgs[i].id, 20);
	}
	write_state(b, &m, c);
	strmap_fini(&m);
	return ok;
}

bool ssg_hcache_write(const char *file, const ssg_hcache *c,
		      const ssg_hcache *old)
{
	if (c->ncommits == 0)
		return false;
	/* Old's bytes end with their CRC: the new one is that CRC
	 * combined with the segment's, old's bytes are not read again. */
	bool add = old && old->raw && old->nraw > HEADER + 4 &&
		   old->nseg < MAX_SEGMENTS && old->keys == c->keys &&
		   old->ncommits > 0 && old->ncommits < c->ncommits;
	writer *w = ssg_xcalloc(1, sizeof(*w));
	w->f = ssg_store_replace_begin(file);
	w->crc = crc32(0L, Z_NULL, 0);
	uLong before;
	if (add) {
		ssg_store_write(w->f, old->raw, old->nraw - 4);
		before = ssg_le32_get(old->raw + old->nraw - 4);
	} else {
		put(w, MAGIC, 8);
		put_le(w, FORMAT, 4);
		put_le(w, ssg_store_program(), 4);
		put_le(w, c->keys, 8);
		flush(w);
		before = w->crc;
		w->crc = crc32(0L, Z_NULL, 0);
		w->len = 0;
	}
	segment s = segment_of(c, add ? old->ncommits : 0);
	bool ok = write_segment(w, &s);
	flush(w);
	uLong crc = crc32_combine(before, w->crc, (z_off_t)w->len);
	unsigned char t[4];
	for (size_t i = 0; i < 4; i++)
		t[i] = (unsigned char)((uint32_t)crc >> (8 * i));
	ssg_store_write(w->f, t, 4);
	ok = ssg_store_replace_end(w->f, ok);
	free(w);
	return ok;
}

struct ssg_hcache_save {
	ssg_pool *pool; /* of one job: the write */
	char *file;
	ssg_hcache c, old;
	bool has_old;
};

static bool save_run(void *ctx, void *res, size_t k)
{
	ssg_hcache_save *s = ctx;
	(void)res;
	(void)k;
	(void)ssg_hcache_write(s->file, &s->c, s->has_old ? &s->old : NULL);
	/* What the write held (its map of strings, some megabytes) was in
	 * this thread's own heap, which the pages' threads do not reuse:
	 * given back, not left resident to the end. */
	ssg_mem_release();
	return true;
}

ssg_hcache_save *ssg_hcache_save_start(const char *file, const ssg_hcache *c,
				       const ssg_hcache *old)
{
	ssg_hcache_save *s = ssg_xcalloc(1, sizeof(*s));
	s->file = ssg_xstrdup(file);
	s->c = *c;
	if (old) {
		s->has_old = true;
		s->old.keys = old->keys;
		s->old.ncommits = old->ncommits;
		s->old.raw = old->raw;
		s->old.nraw = old->nraw;
		s->old.nseg = old->nseg;
	}
	ssg_pool_opts po = {1, 2, s, save_run, NULL, NULL};
	s->pool = ssg_pool_start(&po);
	return s;
}

void ssg_hcache_save_end(ssg_hcache_save *s)
{
	if (!s)
		return;
	ssg_pool_finish(s->pool, NULL);
	free(s->c.lin);
	free(s->c.paths);
	free(s->c.bad);
	free(s->file);
	free(s);
}

/* ---- reading ---- */

typedef struct {
	const unsigned char *base, *p;
	size_t left; /* bytes before the CRC not yet read */
	bool ok;
	const char **str; /* the segment's strings: id - 1 → string */
	size_t nstr;
	const ssg_hcache_mem *mem;
	/* Where each segment's strings are in the file: the rest is given
	 * back (drop_unused). */
	size_t (*spans)[2];
	size_t nspans;
} reader;

static void get(reader *r, void *p, size_t n)
{
	if (!r->ok || n > r->left) {
		r->ok = false;
		memset(p, 0, n);
		return;
	}
	memcpy(p, r->p, n);
	r->p += n;
	r->left -= n;
}

static uint64_t get_le(reader *r, size_t bytes)
{
	if (!r->ok || bytes > r->left) {
		r->ok = false;
		return 0;
	}
	uint64_t v = 0;
	for (size_t i = 0; i < bytes; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += bytes;
	r->left -= bytes;
	return v;
}

/* A count of records of at least `size` bytes each: never more than the
 * file can hold, so that damage cannot ask for a huge allocation. */
static size_t get_count(reader *r, size_t size)
{
	uint64_t n = get_le(r, 8);
	if (n > r->left / size) {
		r->ok = false;
		return 0;
	}
	return (size_t)n;
}

static const char *get_str(reader *r, bool may_be_null)
{
	uint64_t id = get_le(r, 4);
	if (id > r->nstr || (id == 0 && !may_be_null)) {
		r->ok = false;
		return NULL;
	}
	return r->ok && id ? r->str[id - 1] : NULL;
}

/* The whole file, its CRC checked before anything is parsed: a damaged
 * cache is then never half read into the history.  Mapped with its
 * pages at once: one call instead of a fault for each. */
static bool map_file(int fd, ssg_hcache *c)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < HEADER + 4 || (uint64_t)st.st_size > SIZE_MAX / 2)
		return false;
	size_t n = (size_t)st.st_size;
	void *p = mmap(NULL, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (p == MAP_FAILED)
		return false;
	c->raw = p;
	c->nraw = n;
	uLong crc = crc32(0L, Z_NULL, 0);
	for (size_t at = 0; at < n - 4;) {
		size_t want = n - 4 - at < (1u << 30) ? n - 4 - at : (1u << 30);
		crc = crc32(crc, c->raw + at, (uInt)want);
		at += want;
	}
	return (uint32_t)crc == ssg_le32_get(c->raw + n - 4);
}

/* Asks for the pages of a new array of n bytes at once: one call where
 * filling it would fault on each (most of the time of a read, in a
 * virtual machine).  Only a hint. */
static void *populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)p + page - 1) / page * page;
	uintptr_t b = ((uintptr_t)p + n) / page * page;
	if (n >= 16 * page && a < b)
		(void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);
#else
	(void)n;
#endif
	return p;
}

/* Gives back the whole pages of the file that hold no string: the rest
 * was parsed into arrays of the caller's. */
static void drop_unused(const reader *r, const ssg_hcache *c)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t from = 0;
	for (size_t i = 0; i <= r->nspans; i++) {
		size_t to = i < r->nspans ? r->spans[i][0] : c->nraw;
		size_t a = (from + page - 1) / page * page, b = to / page * page;
		if (a < b)
			(void)madvise(c->raw + a, b - a, MADV_DONTNEED);
		if (i < r->nspans)
			from = r->spans[i][1];
	}
}

static void read_header(reader *r, uint64_t keys, ssg_hcache *c)
{
	char magic[8];
	get(r, magic, 8);
	if (memcmp(magic, MAGIC, 8) != 0 || get_le(r, 4) != FORMAT ||
	    get_le(r, 4) != ssg_store_program() || get_le(r, 8) != keys)
		r->ok = false;
	c->keys = keys;
}

static void read_strings(reader *r)
{
	free(r->str);
	r->str = NULL;
	r->nstr = 0;
	if (!r->ok)
		return;
	r->nstr = get_count(r, 5);
	r->str = ssg_xcalloc(r->nstr + 1, sizeof(*r->str));
	const unsigned char *first = r->p;
	for (size_t i = 0; i < r->nstr && r->ok; i++) {
		uint64_t n = get_le(r, 4);
		if (n >= r->left || r->p[n] != '\0') {
			r->ok = false;
			break;
		}
		r->str[i] = (const char *)r->p;
		r->p += n + 1;
		r->left -= (size_t)n + 1;
	}
	r->spans = ssg_xrealloc(r->spans, (r->nspans + 1) * sizeof(*r->spans));
	r->spans[r->nspans][0] = (size_t)(first - r->base);
	r->spans[r->nspans++][1] = (size_t)(r->p - r->base);
}

/* The least bytes a commit takes (write_commits). */
#define COMMIT_SIZE 65

/* The segment's n commits after the c->ncommits before it; each one's
 * events and pages follow the last one's. */
static void read_commits(reader *r, ssg_hcache *c, size_t n)
{
	if (!r->ok)
		return;
	size_t base = c->ncommits;
	c->commits = populate(ssg_xrealloc(c->commits, (base + n + 1) *
							       sizeof(*c->commits)),
			      (base + n + 1) * sizeof(*c->commits));
	size_t ev = c->nev, pg = c->npages;
	for (size_t i = base; i < base + n && r->ok; i++) {
		ssg_hcommit *k = &c->commits[i];
		memset(k, 0, sizeof(*k));
		unsigned char id[20];
		get(r, id, 20);
		ssg_digest_tohex(id, 20, k->oid);
		memcpy(k->short_oid, k->oid, 7);
		k->time = (long long)(int64_t)get_le(r, 8);
		k->offset = (int)(int32_t)(uint32_t)get_le(r, 4);
		k->author = get_str(r, false);
		k->email = get_str(r, false);
		k->message = get_str(r, false);
		uint64_t t = get_le(r, 1);
		k->touched = t & 1;
		k->opens = t & 2;
		k->nevents = (size_t)get_le(r, 8);
		k->npages = (size_t)get_le(r, 8);
		k->period = get_str(r, true);
		k->first_event = ev;
		k->first_page = pg;
		/* Only a commit with a period opens one. */
		if (t > 3 || (k->opens && !k->period) ||
		    k->nevents > r->left || k->npages > r->left)
			r->ok = false;
		ev += k->nevents;
		pg += k->npages;
	}
	if (r->ok)
		c->ncommits = base + n;
}

/* Event i must belong to the commit whose range holds it. */
static bool in_commit(const ssg_hcache *c, size_t i, size_t ci, bool page)
{
	if (ci >= c->ncommits)
		return false;
	const ssg_hcommit *k = &c->commits[ci];
	size_t first = page ? k->first_page : k->first_event;
	size_t n = page ? k->npages : k->nevents;
	return i >= first && i - first < n;
}

/* The number of events (pages when `page`), of at least `size` bytes
 * each, which must end the last commit's; false when it does not. */
static bool get_total(reader *r, const ssg_hcache *c, size_t size, bool page,
		      size_t *n)
{
	*n = 0;
	if (!r->ok)
		return false; /* the commits may not have been read */
	*n = get_count(r, size);
	const ssg_hcommit *last = &c->commits[c->ncommits - 1];
	size_t have = page ? c->npages : c->nev;
	size_t end = page ? last->first_page + last->npages
			  : last->first_event + last->nevents;
	if (r->ok && have + *n != end)
		r->ok = false;
	return r->ok;
}

/* The least bytes an event takes (write_event). */
static size_t event_min_size(void)
{
	size_t n = 0;
	for (size_t i = 0; i < ssg_hev_nfields; i++) {
		switch (ssg_hev_fields[i].form) {
		case SSG_HEVF_KIND:
			n += 1;
			break;
		case SSG_HEVF_NAME:
		case SSG_HEVF_STR:
		case SSG_HEVF_WIDTH:
			n += 4;
			break;
		case SSG_HEVF_NAMES:
		case SSG_HEVF_VALUES:
			break;
		case SSG_HEVF_COMMIT:
			n += 8;
			break;
		}
	}
	return n;
}

/* The row's strings: width of them, from the arena. */
static const char *const *get_strs(reader *r, size_t width, bool may_be_null)
{
	if (!width || !r->ok)
		return NULL;
	const char **v = r->mem->alloc(r->mem->ctx, width * sizeof(char *));
	for (size_t j = 0; j < width; j++)
		v[j] = get_str(r, may_be_null);
	return v;
}

static void read_event(reader *r, ssg_hev *e)
{
	for (size_t i = 0; i < ssg_hev_nfields && r->ok; i++) {
		const ssg_hev_field *f = &ssg_hev_fields[i];
		uint64_t v;
		switch (f->form) {
		case SSG_HEVF_KIND:
			v = get_le(r, 1);
			if (v >= SSG_HEV_NKINDS)
				r->ok = false;
			else
				ssg_hev_set_num(e, f, (size_t)v);
			break;
		case SSG_HEVF_NAME:
		case SSG_HEVF_STR:
			ssg_hev_set_str(e, f,
					get_str(r, f->form == SSG_HEVF_STR));
			break;
		case SSG_HEVF_WIDTH:
			/* two string ids a column */
			v = get_le(r, 4);
			if (v > r->left / 8)
				r->ok = false;
			else
				ssg_hev_set_num(e, f, (size_t)v);
			break;
		case SSG_HEVF_NAMES:
		case SSG_HEVF_VALUES:
			ssg_hev_set_strs(e, f,
					 get_strs(r, e->ncols,
						  f->form == SSG_HEVF_VALUES));
			break;
		case SSG_HEVF_COMMIT:
			ssg_hev_set_num(e, f, (size_t)get_le(r, 8));
			break;
		}
	}
}

static void read_events(reader *r, ssg_hcache *c)
{
	size_t n;
	if (!get_total(r, c, event_min_size(), false, &n))
		return;
	c->ev = populate(ssg_xrealloc(c->ev, (c->nev + n + 1) * sizeof(*c->ev)),
			 (c->nev + n + 1) * sizeof(*c->ev));
	for (size_t i = c->nev; i < c->nev + n && r->ok; i++) {
		memset(&c->ev[i], 0, sizeof(c->ev[i]));
		read_event(r, &c->ev[i]);
		if (r->ok && !in_commit(c, i, c->ev[i].commit, false))
			r->ok = false;
	}
	if (r->ok)
		c->nev += n;
}

static void read_pages(reader *r, ssg_hcache *c)
{
	size_t n;
	if (!get_total(r, c, 53, true, &n))
		return;
	c->pages = ssg_xrealloc(c->pages,
				(c->npages + n + 1) * sizeof(*c->pages));
	for (size_t i = c->npages; i < c->npages + n && r->ok; i++) {
		ssg_hpage *p = &c->pages[i];
		uint64_t kind = get_le(r, 1);
		p->kind = kind <= SSG_HPAGE_CHANGED ? (ssg_hpage_kind)kind
						    : SSG_HPAGE_CHANGED;
		p->path = get_str(r, false);
		get(r, p->old_id, 20);
		get(r, p->new_id, 20);
		p->commit = (size_t)get_le(r, 8);
		if (kind > SSG_HPAGE_CHANGED || !in_commit(c, i, p->commit, true))
			r->ok = false;
	}
	if (r->ok)
		c->npages += n;
}

/* One version a commit, in commit order, of the segment's commits. */
static void read_packages(reader *r, ssg_hcache *c, size_t base)
{
	if (!r->ok)
		return;
	size_t n = get_count(r, 28);
	if (!r->ok)
		return;
	c->pkgs = ssg_xrealloc(c->pkgs, (c->npkgs + n + 1) * sizeof(*c->pkgs));
	for (size_t i = c->npkgs; i < c->npkgs + n && r->ok; i++) {
		uint64_t ci = get_le(r, 8);
		get(r, c->pkgs[i].id, 20);
		c->pkgs[i].commit = (size_t)ci;
		if (ci < base || ci >= c->ncommits ||
		    (i && ci <= c->pkgs[i - 1].commit))
			r->ok = false;
	}
	if (r->ok)
		c->npkgs += n;
}

/* The state after the segment, in place of the one before. */
static void read_state(reader *r, ssg_hcache *c)
{
	free(c->lin);
	free(c->paths);
	free(c->bad);
	c->lin = NULL;
	c->paths = NULL;
	c->bad = NULL;
	c->nlin = c->npaths = c->nbad = 0;
	if (!r->ok)
		return;
	size_t nlin = get_count(r, 29);
	c->lin = ssg_xcalloc(nlin + 1, sizeof(*c->lin));
	for (size_t i = 0; i < nlin && r->ok; i++) {
		ssg_hcache_lin *l = &c->lin[i];
		l->name = get_str(r, false);
		uint64_t has = get_le(r, 1);
		get(r, l->latest, 20);
		l->latest_path = get_str(r, true);
		l->has_latest = has == 1;
		if (has > 1 || (l->has_latest && !l->latest_path))
			r->ok = false;
	}
	c->nlin = nlin;
	size_t npaths = get_count(r, 12);
	c->paths = ssg_xcalloc(npaths + 1, sizeof(*c->paths));
	for (size_t i = 0; i < npaths && r->ok; i++) {
		c->paths[i].path = get_str(r, false);
		uint64_t l = get_le(r, 8);
		if (l >= c->nlin)
			r->ok = false;
		c->paths[i].lin = (size_t)l;
	}
	c->npaths = npaths;
	size_t nbad = get_count(r, 24);
	c->bad = ssg_xcalloc(nbad + 1, sizeof(*c->bad));
	for (size_t i = 0; i < nbad && r->ok; i++) {
		get(r, c->bad[i].id, 20);
		c->bad[i].error = get_str(r, false);
	}
	c->nbad = nbad;
	uint64_t settled = get_le(r, 8);
	if (settled > c->ncommits)
		r->ok = false;
	c->settled = (size_t)settled;
}

static void read_segment(reader *r, ssg_hcache *c)
{
	size_t base = c->ncommits;
	if (get_le(r, 8) != base)
		r->ok = false;
	size_t n = get_count(r, COMMIT_SIZE);
	if (n == 0)
		r->ok = false;
	read_strings(r);
	read_commits(r, c, n);
	read_events(r, c);
	read_pages(r, c);
	read_packages(r, c, base);
	read_state(r, c);
	c->nseg++;
}

bool ssg_hcache_read(const char *file, uint64_t keys,
		     const ssg_hcache_mem *mem, ssg_hcache *c)
{
	memset(c, 0, sizeof(*c));
	reader r;
	memset(&r, 0, sizeof(r));
	r.mem = mem;
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	r.ok = map_file(fd, c);
	close(fd);
	if (r.ok) {
		r.base = r.p = c->raw;
		r.left = c->nraw - 4;
		read_header(&r, keys, c);
	}
	do
		read_segment(&r, c);
	while (r.ok && r.left > 0);
	if (r.ok)
		drop_unused(&r, c);
	free(r.str);
	free(r.spans);
	if (!r.ok)
		ssg_hcache_fini(c);
	return r.ok;
}

void ssg_hcache_fini(ssg_hcache *c)
{
	free(c->commits);
	free(c->ev);
	free(c->pages);
	free(c->lin);
	free(c->paths);
	free(c->bad);
	free(c->pkgs);
	ssg_hcache_bytes_free(c->raw, c->nraw);
	memset(c, 0, sizeof(*c));
}

void ssg_hcache_bytes_free(unsigned char *raw, size_t n)
{
	if (raw)
		(void)munmap(raw, n);
}
