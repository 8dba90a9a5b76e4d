/*
 * history blobs — see history_blobs.h.  The records are found through an
 * open-addressing map keyed by blob id.
 */
#include "history_blobs.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "repo.h"

/* Parsed versions kept beyond each table's latest one: enough for the
 * reverts seen in practice (to a version a few commits back). */
#define CACHE_BUDGET (8u * 1024 * 1024)

/* ---- maps keyed by object id ---- */

typedef struct {
	git_oid id;
	void *val; /* NULL = empty slot */
} oidslot;

typedef struct {
	oidslot *v;
	size_t n, cap;
} oidmap;

static size_t oid_slot(const git_oid *id, size_t mask)
{
	uint64_t h;
	memcpy(&h, id->id, sizeof(h));
	return (size_t)h & mask;
}

static void *oidmap_get(const oidmap *m, const git_oid *id)
{
	if (!m->cap)
		return NULL;
	size_t mask = m->cap - 1;
	for (size_t p = oid_slot(id, mask); m->v[p].val; p = (p + 1) & mask)
		if (git_oid_equal(&m->v[p].id, id))
			return m->v[p].val;
	return NULL;
}

static void oidmap_put(oidmap *m, const git_oid *id, void *val)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 256;
		oidslot *v = ssg_xcalloc(cap, sizeof(*v));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->v[i].val)
				continue;
			size_t p = oid_slot(&m->v[i].id, cap - 1);
			while (v[p].val)
				p = (p + 1) & (cap - 1);
			v[p] = m->v[i];
		}
		free(m->v);
		m->v = v;
		m->cap = cap;
	}
	size_t mask = m->cap - 1;
	size_t p = oid_slot(id, mask);
	while (m->v[p].val && !git_oid_equal(&m->v[p].id, id))
		p = (p + 1) & mask;
	if (!m->v[p].val)
		m->n++;
	m->v[p].id = *id;
	m->v[p].val = val;
}

/* ---- the versions ---- */

struct ssg_hblobs {
	git_repository *g;
	git_odb *odb;
	ssg_arena *a;
	ssg_diags *d;
	oidmap blobs;     /* git_oid → ssg_hblob */
	ssg_hblob **cached; /* records with a parsed table */
	size_t ncached, cachedcap, cost;
	uint64_t tick;
	ssg_buf tmp;
};

ssg_hblobs *ssg_hblobs_new(git_repository *g, git_odb *odb, ssg_arena *a,
			   ssg_diags *d)
{
	ssg_hblobs *s = ssg_xcalloc(1, sizeof(*s));
	s->g = g;
	s->odb = odb;
	s->a = a;
	s->d = d;
	ssg_buf_init(&s->tmp);
	return s;
}

void ssg_hblobs_free(ssg_hblobs *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncached; i++)
		ssg_table_free(s->cached[i]->t);
	free(s->cached);
	free(s->blobs.v);
	ssg_buf_fini(&s->tmp);
	free(s);
}

const char *ssg_hblobs_error(ssg_hblobs *s, ssg_diags *pd)
{
	ssg_diags_sort(pd);
	for (size_t i = 0; i < ssg_diags_count(pd); i++) {
		const ssg_diag *g = ssg_diags_get(pd, i);
		if (g->sev != SSG_SEV_ERROR)
			continue;
		ssg_buf_clear(&s->tmp);
		if (g->path && g->line)
			ssg_buf_printf(&s->tmp, "%s:%u:%u: %s", g->path,
				       g->line, g->col ? g->col : 1, g->msg);
		else if (g->path)
			ssg_buf_printf(&s->tmp, "%s: %s", g->path, g->msg);
		else
			ssg_buf_puts(&s->tmp, g->msg);
		return ssg_arena_strn(s->a, s->tmp.data, s->tmp.len);
	}
	return "unknown error";
}

static void cache_drop(ssg_hblobs *s, size_t i)
{
	ssg_hblob *b = s->cached[i];
	ssg_table_free(b->t);
	b->t = NULL;
	s->cost -= b->cost;
	b->cost = 0;
	s->cached[i] = s->cached[--s->ncached];
}

void ssg_hblobs_trim(ssg_hblobs *s, const ssg_hblob *keep)
{
	while (s->cost > CACHE_BUDGET) {
		size_t victim = SIZE_MAX;
		for (size_t i = 0; i < s->ncached; i++) {
			const ssg_hblob *b = s->cached[i];
			if (b->pins || b == keep)
				continue;
			if (victim == SIZE_MAX ||
			    b->used < s->cached[victim]->used)
				victim = i;
		}
		if (victim == SIZE_MAX)
			return;
		cache_drop(s, victim);
	}
}

/* What the header of blob id says: a blob of at most the limit, OK. */
static ssg_hblob_found check(git_odb *odb, const git_oid *id, size_t *size)
{
	git_object_t type = GIT_OBJECT_INVALID;
	if (git_odb_read_header(size, &type, odb, id) < 0)
		return SSG_HBLOB_UNREADABLE;
	if (type != GIT_OBJECT_BLOB)
		return SSG_HBLOB_NOT_BLOB;
	if (*size > SSG_REPO_MAX_FILE)
		return SSG_HBLOB_LIMIT;
	return SSG_HBLOB_OK;
}

ssg_hblob_found ssg_hblobs_lookup(git_repository *g, git_odb *odb,
				  const git_oid *id, git_blob **out,
				  size_t *size)
{
	*out = NULL;
	ssg_hblob_found got = check(odb, id, size);
	if (got != SSG_HBLOB_OK)
		return got;
	return git_blob_lookup(out, g, id) < 0 ? SSG_HBLOB_UNREADABLE
					       : SSG_HBLOB_OK;
}

ssg_hblob_found ssg_hblobs_raw(git_odb *odb, const git_oid *id,
			       git_odb_object **out, size_t *size)
{
	*out = NULL;
	ssg_hblob_found got = check(odb, id, size);
	if (got != SSG_HBLOB_OK)
		return got;
	return git_odb_read(out, odb, id) < 0 ? SSG_HBLOB_UNREADABLE
					      : SSG_HBLOB_OK;
}

int ssg_hblobs_read(ssg_hblobs *s, const git_oid *id, const char *path,
		    git_odb_object **out, size_t *size)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	switch (ssg_hblobs_raw(s->odb, id, out, size)) {
	case SSG_HBLOB_OK:
		return SSG_OK;
	case SSG_HBLOB_LIMIT:
		return SSG_ERR_LIMIT;
	case SSG_HBLOB_NOT_BLOB:
		ssg_diags_env(s->d, "corrupt repository: %s (%s) is not a blob",
			      path, hex);
		return SSG_ERR_ENV;
	case SSG_HBLOB_UNREADABLE:
		break;
	}
	ssg_repo_fail(s->d, "cannot read %s (blob %s)", path, hex);
	return SSG_ERR_ENV;
}

ssg_hblob *ssg_hblobs_find(const ssg_hblobs *s, const git_oid *id)
{
	return oidmap_get(&s->blobs, id);
}

ssg_hblob *ssg_hblobs_of(ssg_hblobs *s, const git_oid *id)
{
	ssg_hblob *b = oidmap_get(&s->blobs, id);
	if (!b) {
		b = ssg_arena_alloc(s->a, sizeof(*b));
		memset(b, 0, sizeof(*b));
		memcpy(b->id, id->id, 20);
		oidmap_put(&s->blobs, id, b);
	}
	return b;
}

const ssg_hblob *ssg_hblobs_next(const ssg_hblobs *s, size_t *pos)
{
	while (*pos < s->blobs.cap) {
		const ssg_hblob *b = s->blobs.v[(*pos)++].val;
		if (b)
			return b;
	}
	return NULL;
}

int ssg_hblobs_get(ssg_hblobs *s, const git_oid *id, const char *path,
		   ssg_hblob **out)
{
	ssg_hblob *b = ssg_hblobs_of(s, id);
	b->used = ++s->tick;
	*out = b;
	if (b->t || b->error)
		return SSG_OK;

	git_odb_object *gb = NULL;
	size_t size = 0;
	int rc = ssg_hblobs_read(s, id, path, &gb, &size);
	if (rc == SSG_ERR_LIMIT) {
		ssg_buf_clear(&s->tmp);
		ssg_buf_printf(&s->tmp,
			       "%s: file is too large (%zu bytes; the limit "
			       "is %u MiB)",
			       path, size, SSG_REPO_MAX_FILE / (1024 * 1024));
		b->error = ssg_arena_strn(s->a, s->tmp.data, s->tmp.len);
		return SSG_OK;
	}
	if (rc != SSG_OK)
		return rc;
	ssg_diags *pd = ssg_diags_new();
	ssg_table *t = NULL;
	if (ssg_table_parse(&t, path, git_odb_object_data(gb),
			    git_odb_object_size(gb), pd) != SSG_OK) {
		ssg_table_free(t);
		b->error = ssg_hblobs_error(s, pd);
	} else {
		b->t = t;
		b->cost = size + 4 * (ssg_table_nrows(t) + 1) *
					 (ssg_table_ncols(t) + 1) +
			  256;
		if (s->ncached == s->cachedcap) {
			s->cachedcap = s->cachedcap ? 2 * s->cachedcap : 64;
			s->cached = ssg_xrealloc(
				s->cached, s->cachedcap * sizeof(*s->cached));
		}
		s->cached[s->ncached++] = b;
		s->cost += b->cost;
		ssg_hblobs_trim(s, b);
	}
	ssg_diags_free(pd);
	git_odb_object_free(gb);
	return SSG_OK;
}
