/* evmemo — events keys kept from one build to the next (evmemo.h). */
#include "evmemo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "digest.h"
#include "fields.h"
#include "history.h"
#include "lineage.h"
#include "store.h"
#include "table.h"

#define EVMEMO_FILE "events"
#define EVMEMO_FORMAT 1
#define EVMEMO_MAX (256u << 20)

/* The file: its format, the program, the site digest (32 bytes), the
 * number n1 of commits of the chain it was written for and the id of
 * its last (40 hex digits); per commit of those a byte (1: kept) and a
 * key (32 bytes); the number of rows, each a name length, its number of
 * events, the commit of its newest, a key, and the name ("table", a NUL,
 * the row's key).  Numbers are 8 bytes, little endian. */
#define HEAD_LEN (8 + 8 + 32 + 8 + 40)
#define SLOT_LEN 33
#define ROW_HEAD 56

typedef struct {
	const char *name; /* "table\0key", of nname bytes; */
	size_t off;       /* or, this build's, at off in `names` */
	size_t nname;
	uint64_t n, last;
	unsigned char key[32];
} row_rec;

struct ssg_evmemo {
	const ssg_hview *v;
	const ssg_history *h;
	unsigned char site[32];
	size_t n;             /* this build's commits */
	size_t old;           /* the commits whose kept keys hold */
	unsigned char *slots; /* n of SLOT_LEN: this build's keys */
	ssg_buf raw;          /* the file read */
	row_rec *kept;        /* its rows, sorted by name */
	size_t nkept;
	row_rec *rows;        /* this build's, names in `names` */
	size_t nrows;
	ssg_buf names;
};

/* What change_key (hview.c) reads of the site beside the chain up to an
 * event's commit, with the row keys and the program (evmemo.h). */
static void site_digest(const ssg_hview *v, const ssg_plan_keys *keys,
			unsigned char out[32])
{
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, "ssg events site 1");
	ssg_digest_u64(dg, ssg_store_program());
	ssg_plan_keys_digest(keys, dg);
	const ssg_plan *p = ssg_hview_plan(v);
	const ssg_history *h = ssg_hview_history(v);
	const ssg_lineage *l = ssg_hview_lineage(v);
	size_t nt = ssg_plan_ntables(p);
	ssg_digest_u64(dg, nt);
	for (size_t i = 0; i < nt; i++) {
		const ssg_plan_table *t = ssg_plan_table_at(p, i);
		size_t nc = ssg_table_ncols(t->table);
		size_t nr = ssg_table_nrows(t->table);
		ssg_digest_str(dg, t->name);
		ssg_digest_u64(dg, nc);
		for (size_t c = 0; c < nc; c++) {
			const char *name = ssg_table_colname(t->table, c);
			ssg_digest_str(dg, name);
			ssg_digest_u64(dg, ssg_plan_table_col_style(t, name));
		}
		ssg_digest_u64(dg, nr);
		for (size_t r = 0; r < nr; r++) {
			ssg_digest_str(dg, t->keys[r]);
			for (size_t c = 0; c < nc; c++)
				if (ssg_fields_is_label(
					    t->name,
					    ssg_table_colname(t->table, c)))
					ssg_digest_str(dg, ssg_table_cell(
								   t->table, r, c));
		}
		/* The rows it lost: an event of one is named by them. */
		size_t nf = ssg_lineage_nformer(l, t);
		ssg_digest_u64(dg, nf);
		for (size_t k = 0; k < nf; k++) {
			const ssg_lineage_former *f =
				ssg_lineage_former_at(l, t, k);
			ssg_digest_str(dg, f->key);
			ssg_digest_u64(dg, f->nevents);
			ssg_digest_u64(dg, (uint64_t)(f->removed + 1));
			if (f->removed >= 0)
				ssg_hev_digest(dg, ssg_history_event(
							   h, (size_t)f->removed));
			if (f->nevents)
				ssg_hev_digest(dg, ssg_history_event(
							   h, f->events[0]));
		}
	}
	size_t ni = ssg_plan_nindicators(p);
	ssg_digest_u64(dg, ni);
	for (size_t i = 0; i < ni; i++)
		ssg_digest_str(dg, ssg_plan_indicator_at(p, i)->unit);
	ssg_digest_sum(dg, out);
	ssg_digest_free(dg);
}

static int rec_cmp(const void *a, const void *b)
{
	const row_rec *x = a, *y = b;
	size_t n = x->nname < y->nname ? x->nname : y->nname;
	int c = memcmp(x->name, y->name, n);
	return c ? c : (x->nname > y->nname) - (x->nname < y->nname);
}

/* The rows of the file, from p to end; false when they do not parse. */
static bool read_rows(ssg_evmemo *k, const unsigned char *p,
		      const unsigned char *end)
{
	if (end - p < 8)
		return false;
	uint64_t nr = ssg_le64_get(p);
	p += 8;
	if (nr > (uint64_t)(end - p) / ROW_HEAD)
		return false;
	k->kept = ssg_xcalloc(nr + 1, sizeof(row_rec));
	for (size_t i = 0; i < nr; i++) {
		if (end - p < ROW_HEAD)
			return false;
		row_rec *r = &k->kept[i];
		uint64_t len = ssg_le64_get(p);
		r->n = ssg_le64_get(p + 8);
		r->last = ssg_le64_get(p + 16);
		memcpy(r->key, p + 24, 32);
		p += ROW_HEAD;
		if (len > (uint64_t)(end - p))
			return false;
		r->name = (const char *)p;
		r->nname = (size_t)len;
		p += len;
	}
	k->nkept = nr;
	ssg_sort(k->kept, k->nkept, sizeof(row_rec), rec_cmp);
	return p == end;
}

/* Takes what the file holds when it was written for a chain this one
 * extends, with the same site digest. */
static void read_file(ssg_evmemo *k, const char *gitdir)
{
	char *path = ssg_store_path(gitdir, EVMEMO_FILE);
	bool ok = ssg_store_read(path, EVMEMO_MAX, &k->raw);
	free(path);
	const unsigned char *p = (const unsigned char *)k->raw.data;
	const unsigned char *end = p + k->raw.len;
	if (!ok || k->raw.len < HEAD_LEN ||
	    ssg_le64_get(p) != EVMEMO_FORMAT ||
	    ssg_le64_get(p + 8) != ssg_store_program() ||
	    memcmp(p + 16, k->site, 32) != 0)
		return;
	uint64_t n1 = ssg_le64_get(p + 48);
	/* A chain that renames a table from n1 on renames the older
	 * events too; one that does not end as it did is another chain. */
	if (n1 == 0 || n1 > k->n || ssg_history_settled(k->h) > n1 ||
	    memcmp(p + 56, ssg_history_commit(k->h, n1 - 1)->oid, 40) != 0)
		return;
	p += HEAD_LEN;
	if ((uint64_t)(end - p) / SLOT_LEN < n1)
		return;
	const unsigned char *slots = p;
	p += n1 * SLOT_LEN;
	if (!read_rows(k, p, end)) {
		free(k->kept);
		k->kept = NULL;
		k->nkept = 0;
		return;
	}
	memcpy(k->slots, slots, n1 * SLOT_LEN);
	k->old = n1;
}

ssg_evmemo *ssg_evmemo_read(const char *gitdir, const ssg_hview *v,
			    const ssg_plan_keys *keys)
{
	ssg_evmemo *k = ssg_xcalloc(1, sizeof(*k));
	k->v = v;
	k->h = ssg_hview_history(v);
	k->n = ssg_history_ncommits(k->h);
	k->slots = ssg_xcalloc(k->n + 1, SLOT_LEN);
	ssg_buf_init(&k->raw);
	ssg_buf_init(&k->names);
	/* Only the main site's view sees every commit. */
	if (ssg_hview_end(v) != k->n || !k->n)
		return k;
	site_digest(v, keys, k->site);
	read_file(k, gitdir);
	return k;
}

void ssg_evmemo_free(ssg_evmemo *k)
{
	if (!k)
		return;
	free(k->slots);
	free(k->kept);
	free(k->rows);
	ssg_buf_fini(&k->raw);
	ssg_buf_fini(&k->names);
	free(k);
}

bool ssg_evmemo_commit(const ssg_evmemo *k, size_t i, char hex[65])
{
	if (!k || i >= k->old || !k->slots[i * SLOT_LEN])
		return false;
	ssg_digest_tohex(k->slots + i * SLOT_LEN + 1, 32, hex);
	hex[64] = '\0';
	return true;
}

/* Whether a page of events evi[0..n) (evi NULL: first, first + 1 ...)
 * may be kept: none shows rows merged, split or removed. */
static bool keepable(const ssg_evmemo *k, const size_t *evi, size_t first,
		     size_t n)
{
	for (size_t j = 0; j < n; j++)
		if (ssg_hview_event_whole(ssg_history_event(
			    k->h, evi ? evi[j] : first + j)))
			return false;
	return true;
}

void ssg_evmemo_commit_put(ssg_evmemo *k, size_t i, const char *hex)
{
	if (!k || i >= k->n || k->slots[i * SLOT_LEN])
		return;
	const ssg_hcommit *c = ssg_history_commit(k->h, i);
	if (!keepable(k, NULL, c->first_event, c->nevents))
		return;
	if (ssg_digest_unhex(hex, 32, k->slots + i * SLOT_LEN + 1))
		k->slots[i * SLOT_LEN] = 1;
}

/* "table\0key" in b (cleared first). */
static void row_name(ssg_buf *b, const char *table, const char *key)
{
	ssg_buf_clear(b);
	ssg_buf_puts(b, table);
	ssg_buf_putc(b, '\0');
	ssg_buf_puts(b, key);
}

bool ssg_evmemo_row(const ssg_evmemo *k, const char *table, const char *key,
		    const size_t *evi, size_t n, char hex[65])
{
	if (!k || !k->nkept || !n)
		return false;
	size_t last = ssg_history_event(k->h, evi[n - 1])->commit;
	if (last >= k->old)
		return false;
	ssg_buf b;
	ssg_buf_init(&b);
	row_name(&b, table, key);
	row_rec want = {b.data, 0, b.len, 0, 0, {0}};
	const row_rec *r = bsearch(&want, k->kept, k->nkept, sizeof(row_rec),
				   rec_cmp);
	ssg_buf_fini(&b);
	if (!r || r->n != n || r->last != last)
		return false;
	ssg_digest_tohex(r->key, 32, hex);
	hex[64] = '\0';
	return true;
}

void ssg_evmemo_row_put(ssg_evmemo *k, const char *table, const char *key,
			const size_t *evi, size_t n, const char *hex)
{
	if (!k || !n || !keepable(k, evi, 0, n))
		return;
	row_rec r = {NULL, k->names.len, 0, n,
		     ssg_history_event(k->h, evi[n - 1])->commit, {0}};
	if (!ssg_digest_unhex(hex, 32, r.key))
		return;
	ssg_buf tmp;
	ssg_buf_init(&tmp);
	row_name(&tmp, table, key);
	r.nname = tmp.len;
	ssg_buf_put(&k->names, tmp.data, tmp.len);
	ssg_buf_fini(&tmp);
	k->rows = ssg_xgrow(k->rows, k->nrows, sizeof(row_rec));
	k->rows[k->nrows++] = r;
}

bool ssg_evmemo_write(const ssg_evmemo *k, const char *gitdir)
{
	if (!k || !k->n || ssg_hview_end(k->v) != k->n)
		return false;
	/* Written as it goes: no second copy of the slots at the peak of
	 * a cold build. */
	char *path = ssg_store_path(gitdir, EVMEMO_FILE);
	ssg_store_file *f = ssg_store_replace_begin(path);
	free(path);
	if (!f)
		return false;
	unsigned char head[HEAD_LEN];
	ssg_le64_put(head, EVMEMO_FORMAT);
	ssg_le64_put(head + 8, ssg_store_program());
	memcpy(head + 16, k->site, 32);
	ssg_le64_put(head + 48, k->n);
	memcpy(head + 56, ssg_history_commit(k->h, k->n - 1)->oid, 40);
	ssg_store_write(f, head, sizeof(head));
	ssg_store_write(f, k->slots, k->n * SLOT_LEN);
	unsigned char n[8];
	ssg_le64_put(n, k->nrows);
	ssg_store_write(f, n, sizeof(n));
	for (size_t i = 0; i < k->nrows; i++) {
		const row_rec *r = &k->rows[i];
		unsigned char rh[ROW_HEAD];
		ssg_le64_put(rh, r->nname);
		ssg_le64_put(rh + 8, r->n);
		ssg_le64_put(rh + 16, r->last);
		memcpy(rh + 24, r->key, 32);
		ssg_store_write(f, rh, sizeof(rh));
		ssg_store_write(f, k->names.data + r->off, r->nname);
	}
	return ssg_store_replace_end(f, true);
}
