/*
 * history cache — see history_cache.h.  The file, all integers little
 * endian:
 *
 *   "SSGHCACH" u32 format  u32 program  u64 keys  tip[40]  u64 ncommits
 *   u64 nstr   { u32 len, bytes }*          strings; id 0 is NULL
 *   commits    { u8 flags (1 touched, 2 opens a period), u64 first_event,
 *                nevents, first_page, npages, u32 period }
 *   u64 nev    { the members of SSG_HEV_FIELDS (hev.h) in its order: the
 *                kind a u8, a string a u32 id, the row's width a u32,
 *                its names and values each width u32 ids, the commit
 *                a u64 }*
 *   u64 npages { u8 kind, u32 path, old[20], new[20], u64 commit }*
 *   u64 nlin   { u32 name, u8 has_latest, latest[20], u32 latest_path }*
 *   u64 npaths { u32 path, u64 lin }*
 *   u64 nbad   { id[20], u32 error }*
 *   u64 npkgs  { u64 commit, id[20] }*     in commit order
 *   u32 crc32 of all the bytes before it
 */
#include "history_cache.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "buf.h"
#include "store.h"

#define MAGIC "SSGHCACH"
/* Raised when the layout changes; the program's checksum covers changes
 * of what the fields mean. */
#define FORMAT 5u
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

typedef struct {
	ssg_store_file *f;
	uLong crc;
} writer;

static void put(writer *w, const void *p, size_t n)
{
	if (!n)
		return;
	ssg_store_write(w->f, p, n);
	w->crc = crc32(w->crc, p, (uInt)n);
}

static void put_le(writer *w, uint64_t v, size_t bytes)
{
	unsigned char b[8];
	for (size_t i = 0; i < bytes; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(w, b, bytes);
}

static void put_str(writer *w, const strmap *m, const char *s)
{
	put_le(w, strmap_id(m, s), 4);
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
static void write_event(writer *w, const strmap *m, const ssg_hev *e)
{
	for (size_t i = 0; i < ssg_hev_nfields; i++) {
		const ssg_hev_field *f = &ssg_hev_fields[i];
		switch (f->form) {
		case SSG_HEVF_KIND:
			put_le(w, ssg_hev_num(e, f), 1);
			break;
		case SSG_HEVF_NAME:
		case SSG_HEVF_STR:
			put_str(w, m, ssg_hev_str(e, f));
			break;
		case SSG_HEVF_WIDTH:
			put_le(w, ssg_hev_num(e, f), 4);
			break;
		case SSG_HEVF_NAMES:
		case SSG_HEVF_VALUES: {
			const char *const *v = ssg_hev_strs(e, f);
			for (size_t j = 0; j < e->ncols; j++)
				put_str(w, m, v[j]);
			break;
		}
		case SSG_HEVF_COMMIT:
			put_le(w, ssg_hev_num(e, f), 8);
			break;
		}
	}
}

static void collect(strmap *m, const ssg_hcache *c)
{
	for (size_t i = 0; i < c->ncommits; i++)
		strmap_add(m, c->commits[i].period);
	for (size_t i = 0; i < c->nev; i++)
		collect_event(m, &c->ev[i]);
	for (size_t i = 0; i < c->npages; i++)
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

static void write_body(writer *w, const strmap *m, const ssg_hcache *c)
{
	put(w, MAGIC, 8);
	put_le(w, FORMAT, 4);
	put_le(w, ssg_store_program(), 4);
	put_le(w, c->keys, 8);
	put(w, c->tip, 40);
	put_le(w, c->ncommits, 8);
	put_le(w, m->n, 8);
	for (size_t i = 0; i < m->n; i++) {
		size_t n = strlen(m->by_id[i]);
		put_le(w, n, 4);
		put(w, m->by_id[i], n);
	}
	for (size_t i = 0; i < c->ncommits; i++) {
		const ssg_hcache_commit *k = &c->commits[i];
		put_le(w, (unsigned)k->touched | (unsigned)k->opens << 1, 1);
		put_le(w, k->first_event, 8);
		put_le(w, k->nevents, 8);
		put_le(w, k->first_page, 8);
		put_le(w, k->npages, 8);
		put_str(w, m, k->period);
	}
	put_le(w, c->nev, 8);
	for (size_t i = 0; i < c->nev; i++)
		write_event(w, m, &c->ev[i]);
	put_le(w, c->npages, 8);
	for (size_t i = 0; i < c->npages; i++) {
		const ssg_hpage *p = &c->pages[i];
		put_le(w, (uint64_t)p->kind, 1);
		put_str(w, m, p->path);
		put(w, p->old_id, 20);
		put(w, p->new_id, 20);
		put_le(w, p->commit, 8);
	}
	put_le(w, c->nlin, 8);
	for (size_t i = 0; i < c->nlin; i++) {
		const ssg_hcache_lin *l = &c->lin[i];
		put_str(w, m, l->name);
		put_le(w, l->has_latest, 1);
		put(w, l->latest, 20);
		put_str(w, m, l->latest_path);
	}
	put_le(w, c->npaths, 8);
	for (size_t i = 0; i < c->npaths; i++) {
		put_str(w, m, c->paths[i].path);
		put_le(w, c->paths[i].lin, 8);
	}
	put_le(w, c->nbad, 8);
	for (size_t i = 0; i < c->nbad; i++) {
		put(w, c->bad[i].id, 20);
		put_str(w, m, c->bad[i].error);
	}
	put_le(w, c->npkgs, 8);
	for (size_t i = 0; i < c->npkgs; i++) {
		put_le(w, c->pkgs[i].commit, 8);
		put(w, c->pkgs[i].id, 20);
	}
	uint32_t crc = (uint32_t)w->crc;
	put_le(w, crc, 4);
}

bool ssg_hcache_write(const char *file, const ssg_hcache *c)
{
	writer w = {ssg_store_replace_begin(file), crc32(0L, Z_NULL, 0)};
	if (w.f) {
		strmap m;
		memset(&m, 0, sizeof(m));
		collect(&m, c);
		write_body(&w, &m, c);
		strmap_fini(&m);
	}
	return ssg_store_replace_end(w.f, true);
}

/* ---- reading ---- */

typedef struct {
	FILE *f;
	uint64_t left; /* bytes before the CRC not yet read */
	bool ok;
	const char **str; /* id - 1 → string */
	uint64_t nstr;
	const ssg_hcache_mem *mem;
} reader;

static void get(reader *r, void *p, size_t n)
{
	if (!r->ok || n > r->left || fread(p, 1, n, r->f) != n) {
		r->ok = false;
		memset(p, 0, n);
		return;
	}
	r->left -= n;
}

static uint64_t get_le(reader *r, size_t bytes)
{
	unsigned char b[8];
	get(r, b, bytes);
	uint64_t v = 0;
	for (size_t i = 0; i < bytes; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return r->ok ? v : 0;
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

/* The file is checked whole (its CRC) before it is parsed: a damaged
 * cache is then never half read into the history. */
static bool crc_ok(FILE *f, uint64_t *body)
{
	struct stat st;
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < 4)
		return false;
	*body = (uint64_t)st.st_size - 4;
	uLong crc = crc32(0L, Z_NULL, 0);
	unsigned char buf[CHUNK];
	uint64_t left = *body;
	while (left > 0) {
		size_t want = left < sizeof(buf) ? (size_t)left : sizeof(buf);
		if (fread(buf, 1, want, f) != want)
			return false;
		crc = crc32(crc, buf, (uInt)want);
		left -= want;
	}
	unsigned char t[4];
	if (fread(t, 1, 4, f) != 4)
		return false;
	uint32_t want = (uint32_t)t[0] | (uint32_t)t[1] << 8 |
			(uint32_t)t[2] << 16 | (uint32_t)t[3] << 24;
	return (uint32_t)crc == want && fseek(f, 0, SEEK_SET) == 0;
}

static void read_header(reader *r, uint64_t keys, const ssg_hcommit *chain,
			size_t nchain, ssg_hcache *c)
{
	if (!r->ok)
		return;
	char magic[8];
	get(r, magic, 8);
	if (memcmp(magic, MAGIC, 8) != 0 || get_le(r, 4) != FORMAT ||
	    get_le(r, 4) != ssg_store_program() || get_le(r, 8) != keys) {
		r->ok = false;
		return;
	}
	get(r, c->tip, 40);
	c->tip[40] = '\0';
	uint64_t n = get_le(r, 8);
	if (!r->ok || n == 0 || n > nchain ||
	    strcmp(chain[n - 1].oid, c->tip) != 0) {
		r->ok = false;
		return;
	}
	c->ncommits = (size_t)n;
}

static void read_strings(reader *r)
{
	if (!r->ok)
		return;
	r->nstr = get_count(r, 4);
	r->str = ssg_xcalloc(r->nstr + 1, sizeof(*r->str));
	char *buf = NULL;
	size_t cap = 0;
	for (uint64_t i = 0; i < r->nstr && r->ok; i++) {
		uint64_t n = get_le(r, 4);
		if (n > r->left) {
			r->ok = false;
			break;
		}
		if (n + 1 > cap) {
			cap = (size_t)n + 1;
			buf = ssg_xrealloc(buf, cap);
		}
		get(r, buf, (size_t)n);
		if (r->ok)
			r->str[i] = r->mem->str(r->mem->ctx, buf, (size_t)n);
	}
	free(buf);
}

/* Each commit's events and pages follow the last one's. */
static void read_commits(reader *r, ssg_hcache *c)
{
	if (!r->ok)
		return;
	if (c->ncommits > r->left / 37) {
		r->ok = false;
		return;
	}
	c->commits = ssg_xcalloc(c->ncommits + 1, sizeof(*c->commits));
	size_t ev = 0, pg = 0;
	for (size_t i = 0; i < c->ncommits && r->ok; i++) {
		ssg_hcache_commit *k = &c->commits[i];
		uint64_t t = get_le(r, 1);
		k->touched = t & 1;
		k->opens = t & 2;
		k->first_event = (size_t)get_le(r, 8);
		k->nevents = (size_t)get_le(r, 8);
		k->first_page = (size_t)get_le(r, 8);
		k->npages = (size_t)get_le(r, 8);
		k->period = get_str(r, true);
		/* Only a commit with a period opens one. */
		if (t > 3 || (k->opens && !k->period) ||
		    k->first_event != ev || k->first_page != pg ||
		    k->nevents > r->left || k->npages > r->left)
			r->ok = false;
		ev += k->nevents;
		pg += k->npages;
	}
}

/* Event i must belong to the commit whose range holds it. */
static bool in_commit(const ssg_hcache *c, size_t i, size_t ci, bool page)
{
	if (ci >= c->ncommits)
		return false;
	const ssg_hcache_commit *k = &c->commits[ci];
	size_t first = page ? k->first_page : k->first_event;
	size_t n = page ? k->npages : k->nevents;
	return i >= first && i - first < n;
}

/* The number of events (pages when `page`), of at least `size` bytes
 * each, which must be the last commit's end; false when it is not. */
static bool get_total(reader *r, const ssg_hcache *c, size_t size, bool page,
		      size_t *n)
{
	*n = 0;
	if (!r->ok)
		return false; /* the commits may not have been read */
	*n = get_count(r, size);
	const ssg_hcache_commit *last = &c->commits[c->ncommits - 1];
	size_t end = page ? last->first_page + last->npages
			  : last->first_event + last->nevents;
	if (r->ok && *n != end)
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
	if (!get_total(r, c, event_min_size(), false, &c->nev))
		return;
	c->ev = ssg_xcalloc(c->nev + 1, sizeof(*c->ev));
	for (size_t i = 0; i < c->nev && r->ok; i++) {
		read_event(r, &c->ev[i]);
		if (r->ok && !in_commit(c, i, c->ev[i].commit, false))
			r->ok = false;
	}
}

static void read_pages(reader *r, ssg_hcache *c)
{
	if (!get_total(r, c, 53, true, &c->npages))
		return;
	c->pages = ssg_xcalloc(c->npages + 1, sizeof(*c->pages));
	for (size_t i = 0; i < c->npages && r->ok; i++) {
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
}

static void read_lineages(reader *r, ssg_hcache *c)
{
	if (!r->ok)
		return;
	c->nlin = get_count(r, 29);
	if (!r->ok)
		return;
	c->lin = ssg_xcalloc(c->nlin + 1, sizeof(*c->lin));
	for (size_t i = 0; i < c->nlin && r->ok; i++) {
		ssg_hcache_lin *l = &c->lin[i];
		l->name = get_str(r, false);
		uint64_t has = get_le(r, 1);
		get(r, l->latest, 20);
		l->latest_path = get_str(r, true);
		l->has_latest = has == 1;
		if (has > 1 || (l->has_latest && !l->latest_path))
			r->ok = false;
	}
	c->npaths = get_count(r, 12);
	if (!r->ok)
		return;
	c->paths = ssg_xcalloc(c->npaths + 1, sizeof(*c->paths));
	for (size_t i = 0; i < c->npaths && r->ok; i++) {
		c->paths[i].path = get_str(r, false);
		uint64_t l = get_le(r, 8);
		if (l >= c->nlin)
			r->ok = false;
		c->paths[i].lin = (size_t)l;
	}
}

static void read_bad(reader *r, ssg_hcache *c)
{
	if (!r->ok)
		return;
	c->nbad = get_count(r, 24);
	if (!r->ok)
		return;
	c->bad = ssg_xcalloc(c->nbad + 1, sizeof(*c->bad));
	for (size_t i = 0; i < c->nbad && r->ok; i++) {
		get(r, c->bad[i].id, 20);
		c->bad[i].error = get_str(r, false);
	}
}

/* One version a commit, in commit order, of commits the cache has. */
static void read_packages(reader *r, ssg_hcache *c)
{
	if (!r->ok)
		return;
	c->npkgs = get_count(r, 28);
	if (!r->ok)
		return;
	c->pkgs = ssg_xcalloc(c->npkgs + 1, sizeof(*c->pkgs));
	for (size_t i = 0; i < c->npkgs && r->ok; i++) {
		uint64_t ci = get_le(r, 8);
		get(r, c->pkgs[i].id, 20);
		c->pkgs[i].commit = (size_t)ci;
		if (ci >= c->ncommits || (i && ci <= c->pkgs[i - 1].commit))
			r->ok = false;
	}
}

bool ssg_hcache_read(const char *file, uint64_t keys,
		     const ssg_hcommit *chain, size_t nchain,
		     const ssg_hcache_mem *mem, ssg_hcache *c)
{
	memset(c, 0, sizeof(*c));
	reader r = {NULL, 0, true, NULL, 0, mem};
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	r.f = fdopen(fd, "rb");
	if (!r.f) {
		close(fd);
		return false;
	}
	r.ok = crc_ok(r.f, &r.left);
	read_header(&r, keys, chain, nchain, c);
	read_strings(&r);
	read_commits(&r, c);
	read_events(&r, c);
	read_pages(&r, c);
	read_lineages(&r, c);
	read_bad(&r, c);
	read_packages(&r, c);
	if (r.left != 0)
		r.ok = false;
	fclose(r.f);
	free(r.str);
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
	memset(c, 0, sizeof(*c));
}
