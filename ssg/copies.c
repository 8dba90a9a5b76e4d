/*
 * copies — the records of revision copies, read whole and replaced whole
 * in the store (store.h).
 */
#include "copies.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "digest.h"
#include "err.h"
#include "pool.h"
#include "store.h"

/* More than a plan has tags; a longer file is not ours. */
#define MAX_RECORDS 10000
#define HEX 64
/* Records kept of each copy: one per tree it may be found in. */
#define KEEP 4
/* A manifest's file: "copy-" and its signature. */
#define MAN_PREFIX "copy-"
/* Larger than the manifest of any site's copy (a line per file). */
#define MAN_MAX (256u << 20)

typedef struct {
	char *slug;
	char key[HEX + 1];
	char sig[HEX + 1];
	char *man; /* this build's manifest of a copy it made, or NULL */
	size_t nman;
} record;

struct ssg_copies {
	char *gitdir;
	record *old; /* read, newest first */
	size_t nold;
	record *new_; /* added by this build */
	size_t nnew;
};

static char *path_of(const char *gitdir)
{
	return ssg_store_path(gitdir, "copies");
}

/* Slugs are ASCII letters, digits, '-', '_' and '.' (view.c). */
static bool is_slug(const char *s, size_t n)
{
	if (n == 0 || n > 200)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return false;
	}
	return true;
}

/* "SLUG KEY SIG" exactly, into r. */
static bool parse(const char *line, record *r)
{
	const char *sp = strchr(line, ' ');
	if (!sp || !is_slug(line, (size_t)(sp - line)))
		return false;
	const char *k = sp + 1;
	if (strlen(k) != 2 * HEX + 1 || k[HEX] != ' ' ||
	    !ssg_digest_is_hex(k, HEX) || !ssg_digest_is_hex(k + HEX + 1, HEX))
		return false;
	r->slug = ssg_xstrndup(line, (size_t)(sp - line));
	memcpy(r->key, k, HEX);
	r->key[HEX] = '\0';
	memcpy(r->sig, k + HEX + 1, HEX);
	r->sig[HEX] = '\0';
	return true;
}

ssg_copies *ssg_copies_read(const char *gitdir)
{
	ssg_copies *c = ssg_xcalloc(1, sizeof(*c));
	c->gitdir = ssg_xstrdup(gitdir);
	char *path = path_of(gitdir);
	FILE *f = ssg_store_open(path);
	char line[512];
	while (f && fgets(line, sizeof(line), f) && c->nold < MAX_RECORDS) {
		size_t n = strlen(line);
		if (n == 0 || line[n - 1] != '\n')
			break; /* too long or cut short: not ours */
		line[n - 1] = '\0';
		record r;
		if (!parse(line, &r))
			continue;
		c->old = ssg_xrealloc(c->old, (c->nold + 1) * sizeof(*c->old));
		c->old[c->nold++] = r;
	}
	if (f)
		fclose(f);
	free(path);
	return c;
}

static bool same(const record *r, const char *slug, const char *key,
		 const char *sig)
{
	return !strcmp(r->slug, slug) && !strcmp(r->key, key) &&
	       !strcmp(r->sig, sig);
}

void ssg_copies_sig(const char *m, size_t n, char sig[65])
{
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, "ssg copy manifest 1");
	ssg_digest_bytes(dg, m, n);
	ssg_digest_hex(dg, sig);
	ssg_digest_free(dg);
}

static char *man_name(const char *sig)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, MAN_PREFIX "%s", sig);
	return ssg_buf_detach(&b);
}

/* The manifest of signature sig from the store into m (cleared first),
 * when it is there whole: its digest is its signature. */
static bool man_read(const ssg_copies *c, const char *sig, ssg_buf *m)
{
	char *name = man_name(sig);
	char *path = ssg_store_path(c->gitdir, name);
	ssg_buf_clear(m);
	char got[HEX + 1];
	bool ok = ssg_store_read(path, MAN_MAX, m);
	if (ok) {
		ssg_copies_sig(m->data, m->len, got);
		ok = !strcmp(got, sig);
	}
	free(path);
	free(name);
	return ok;
}

bool ssg_copies_find(const ssg_copies *c, const char *slug, const char *key,
		     size_t *at, char sig[65], ssg_buf *m)
{
	for (; *at < c->nold; (*at)++) {
		const record *r = &c->old[*at];
		if (strcmp(r->slug, slug) || strcmp(r->key, key) ||
		    (m && !man_read(c, r->sig, m)))
			continue;
		memcpy(sig, r->sig, HEX + 1);
		(*at)++;
		return true;
	}
	return false;
}

void ssg_copies_add(ssg_copies *c, const char *slug, const char *key,
		    const char *sig, const char *m, size_t n)
{
	if (!is_slug(slug, strlen(slug)) || strlen(key) != HEX ||
	    strlen(sig) != HEX)
		return;
	c->new_ = ssg_xrealloc(c->new_, (c->nnew + 1) * sizeof(*c->new_));
	record *r = &c->new_[c->nnew++];
	r->slug = ssg_xstrdup(slug);
	memcpy(r->key, key, HEX + 1);
	memcpy(r->sig, sig, HEX + 1);
	r->man = m ? ssg_xstrndup(m, n) : NULL;
	r->nman = m ? n : 0;
}

static void put(ssg_buf *b, const record *r)
{
	ssg_buf_printf(b, "%s %s %s\n", r->slug, r->key, r->sig);
}

/* Whether b (the records written) names signature sig. */
static bool names_sig(const ssg_buf *b, const char *sig)
{
	for (const char *p = b->data; p && (p = strstr(p, sig)); p += HEX)
		if (p > b->data && p[-1] == ' ' && p[HEX] == '\n')
			return true;
	return false;
}

/* Removes the manifests that no record of b names (copies made again,
 * or forgotten). */
static void man_sweep(const char *gitdir, const ssg_buf *b)
{
	char *dir = ssg_store_path(gitdir, "");
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t n = strlen(MAN_PREFIX);
	while (dp && (de = readdir(dp)))
		if (!strncmp(de->d_name, MAN_PREFIX, n) &&
		    (strlen(de->d_name + n) != HEX || !b->len ||
		     !names_sig(b, de->d_name + n)))
			(void)unlinkat(dirfd(dp), de->d_name, 0);
	if (dp)
		closedir(dp);
	free(dir);
}

bool ssg_copies_write(const ssg_copies *c, const char *gitdir)
{
	ssg_buf b;
	ssg_buf_init(&b);
	bool ok = true;
	/* The manifests first: a record whose manifest is missing only
	 * costs the copy. */
	for (size_t i = 0; i < c->nnew; i++) {
		const record *r = &c->new_[i];
		char *name = man_name(r->sig);
		if (r->man && !ssg_store_replace(gitdir, name, r->man, r->nman))
			ok = false;
		free(name);
	}
	for (size_t i = 0; i < c->nnew; i++)
		put(&b, &c->new_[i]);
	/* The other trees' records of each copy: the newest older ones
	 * that are not this build's (OUT's twin, and another OUT or two
	 * built from the same repository). */
	for (size_t i = 0; i < c->nnew; i++) {
		const record *n = &c->new_[i];
		size_t kept = 0;
		for (size_t j = 0; j < c->nold && kept < KEEP - 1; j++) {
			const record *o = &c->old[j];
			if (strcmp(o->slug, n->slug) != 0 ||
			    same(o, n->slug, n->key, n->sig))
				continue;
			put(&b, o);
			kept++;
		}
	}
	ok = ssg_store_replace(gitdir, "copies", b.data, b.len) && ok;
	if (ok)
		man_sweep(gitdir, &b);
	ssg_buf_fini(&b);
	return ok;
}

void ssg_copies_free(ssg_copies *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nold; i++)
		free(c->old[i].slug);
	for (size_t i = 0; i < c->nnew; i++) {
		free(c->new_[i].slug);
		free(c->new_[i].man);
	}
	free(c->gitdir);
	free(c->old);
	free(c->new_);
	free(c);
}

/* A digest of all a copy is made from.  Its own files are its tag's
 * tree; from the main site it takes
 * the history up to its tag (events carry the newest name of their
 * table), the names of commit pages (a short id is kept only while no
 * other commit of the whole history shares it), the tags up to its own,
 * the publication (the first tag), which rows the main site's tables
 * still have (a copy links to the main site's history of such a row and
 * makes its own of the others), the row keys and --key, and the program
 * itself, templates and all.  Any of these different: made again. */
/* The digest of what every copy is made from, before the tags. */
static ssg_digest *digest_base(const ssg_copies_in *top)
{
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, "ssg revision copy 1");
	ssg_digest_u64(dg, ssg_store_program());
	ssg_digest_u64(dg, top->worktree);
	const ssg_plan_opts *po = top->opts;
	ssg_digest_u64(dg, po->nkeys);
	for (size_t k = 0; k < po->nkeys; k++) {
		ssg_digest_str(dg, po->keys[k].table);
		ssg_digest_u64(dg, po->keys[k].ncols);
		for (size_t j = 0; j < po->keys[k].ncols; j++)
			ssg_digest_str(dg, po->keys[k].cols[j]);
	}
	ssg_plan_keys_digest(top->keys, dg);
	size_t nt = top->plan ? ssg_plan_ntables(top->plan) : 0;
	ssg_digest_u64(dg, nt);
	for (size_t t = 0; t < nt; t++) {
		const ssg_plan_table *pt = ssg_plan_table_at(top->plan, t);
		size_t nrows = ssg_table_nrows(pt->table);
		ssg_digest_str(dg, pt->name);
		ssg_digest_u64(dg, nrows);
		for (size_t r = 0; r < nrows; r++) {
			ssg_digest_str(dg, pt->keys[r]);
			ssg_digest_str(dg, ssg_plan_table_key_norm(pt, r));
		}
	}
	ssg_digest_u64(dg, (uint64_t)(int64_t)top->pub_commit);
	return dg;
}

/* The history is digested in ranges of HRANGE commits from the first,
 * on two cores (pool.h), and a copy's key takes the digests of the
 * ranges before its end and of the rest up to it.  Made in one line on
 * the main thread before the pages, a province's 20,000 commits and
 * 90,000 events took a fifth of a rebuild's views. */
#define HRANGE 2048

typedef struct {
	size_t from, to;
	unsigned char sum[32];
	bool kept; /* from the store: not digested again */
	bool own;  /* each of its commits has its short id to itself */
} hrange;

typedef struct {
	const ssg_copies_in *top;
	hrange *r;    /* the whole ranges, then the partial one of each end */
	size_t nfull; /* the whole ones: [k * HRANGE, (k + 1) * HRANGE) */
	size_t n;
} hranges;

static bool range_run(void *ctx, void *res, size_t k)
{
	(void)res;
	hranges *hr = ctx;
	if (hr->r[k].kept)
		return true;
	ssg_digest *dg = ssg_digest_new();
	ssg_hview_digest(hr->top->hv, dg, hr->r[k].from, hr->r[k].to);
	ssg_digest_sum(dg, hr->r[k].sum);
	ssg_digest_free(dg);
	return true;
}

/* ---- the ranges' digests, kept from one build to the next -------------
 *
 * .git/ssg/ranges holds the digests of the ranges a build made, for the
 * next one: a rebuild after one commit then digests none of the 20,000
 * commits and 90,000 events of a province.  They hold for a build whose
 * chain extends the one they were made for (its commit n1 - 1 is the
 * same) and renames no table from n1 on (the older events keep their
 * names: history.h), with the same program and row keys; and a range
 * only while each of its commits has its short id to itself (its page's
 * name, which a later commit can take).  The file: the head
 * (ssg_history_memo_head, with the digest of the row keys), the number
 * of ranges, each its first and end commit and its digest, then the
 * SHA-256 of all that (ssg_store_replace_summed), so that a damaged file
 * is none.  Numbers are 8 bytes, little endian. */
#define RANGES_FILE "ranges"
#define RANGES_FORMAT 1
#define RANGE_REC (8 + 8 + 32)

static bool names_own(const ssg_history *h, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (!ssg_history_short_unique(h, i))
			return false;
	return true;
}

/* Marks kept each range of hr the file holds and may stand for. */
static void ranges_read(hranges *hr, const unsigned char ksum[32])
{
	const ssg_copies_in *top = hr->top;
	ssg_buf b;
	ssg_buf_init(&b);
	const unsigned char *p = (const unsigned char *)b.data;
	size_t n1 = 0, nr = 0;
	if (ssg_store_read_summed(top->gitdir, RANGES_FILE, 1u << 20, &b)) {
		p = (const unsigned char *)b.data;
		n1 = ssg_history_memo_check(top->hist, p, b.len, RANGES_FORMAT,
					    ksum);
	}
	/* A chain that renames a table from n1 on renames the older
	 * events too (history.h). */
	if (!n1 || ssg_history_settled(top->hist) > n1 ||
	    b.len < SSG_HISTORY_MEMO_HEAD + 8 ||
	    (nr = (size_t)ssg_le64_get(p + SSG_HISTORY_MEMO_HEAD)) !=
		    (b.len - SSG_HISTORY_MEMO_HEAD - 8) / RANGE_REC ||
	    (b.len - SSG_HISTORY_MEMO_HEAD - 8) % RANGE_REC != 0)
		goto done;
	for (size_t j = 0; j < nr; j++) {
		const unsigned char *r =
			p + SSG_HISTORY_MEMO_HEAD + 8 + j * RANGE_REC;
		uint64_t from = ssg_le64_get(r), to = ssg_le64_get(r + 8);
		if (from >= to || to > n1)
			continue;
		for (size_t k = 0; k < hr->n; k++)
			if (!hr->r[k].kept && hr->r[k].own &&
			    hr->r[k].from == from && hr->r[k].to == to) {
				memcpy(hr->r[k].sum, r + 16, 32);
				hr->r[k].kept = true;
			}
	}
done:
	ssg_buf_fini(&b);
}

/* Replaces the file with the ranges of hr whose commits have their names
 * to themselves. */
static void ranges_write(const hranges *hr, const unsigned char ksum[32])
{
	const ssg_copies_in *top = hr->top;
	if (!ssg_history_ncommits(top->hist))
		return;
	ssg_buf b;
	ssg_buf_init(&b);
	unsigned char head[SSG_HISTORY_MEMO_HEAD];
	ssg_history_memo_head(top->hist, RANGES_FORMAT, ksum, head);
	ssg_buf_put(&b, head, sizeof(head));
	size_t nr = 0;
	for (size_t k = 0; k < hr->n; k++)
		nr += hr->r[k].own;
	ssg_buf_put_le64(&b, nr);
	for (size_t k = 0; k < hr->n; k++) {
		if (!hr->r[k].own)
			continue;
		unsigned char rec[RANGE_REC];
		ssg_le64_put(rec, hr->r[k].from);
		ssg_le64_put(rec + 8, hr->r[k].to);
		memcpy(rec + 16, hr->r[k].sum, 32);
		ssg_buf_put(&b, rec, sizeof(rec));
	}
	(void)ssg_store_replace_summed(top->gitdir, RANGES_FILE, b.data, b.len);
	ssg_buf_fini(&b);
}

static void range_add(hranges *hr, size_t from, size_t to)
{
	hrange *r = &hr->r[hr->n++];
	r->from = from;
	r->to = to;
	r->own = names_own(hr->top->hist, from, to);
}

/* The history up to commit `end` (excluded): its whole ranges, then its
 * partial one, which the e-th end made (range_add's order). */
static void digest_upto(ssg_digest *dg, const hranges *hr, size_t end)
{
	ssg_digest_u64(dg, end);
	for (size_t k = 0; k < end / HRANGE; k++)
		ssg_digest_bytes(dg, hr->r[k].sum, 32);
	if (end % HRANGE == 0)
		return;
	for (size_t k = hr->nfull; k < hr->n; k++)
		if (hr->r[k].to == end) {
			ssg_digest_bytes(dg, hr->r[k].sum, 32);
			return;
		}
}

static size_t tag_end(const ssg_copies_in *top, size_t i)
{
	long c = ssg_history_find(top->hist, top->tags[i].target);
	return c < 0 ? 0 : (size_t)c + 1;
}

/* Adds tag i (what the copy shows of it). */
static void digest_tag(ssg_digest *dg, const ssg_copies_in *top, size_t i)
{
	ssg_digest_u64(dg, i);
	ssg_digest_str(dg, top->tags[i].name);
	ssg_digest_str(dg, top->tags[i].target);
	ssg_digest_u64(dg, (uint64_t)top->tags[i].time);
	ssg_digest_u64(dg, (uint64_t)(int64_t)top->tags[i].offset);
	ssg_digest_str(dg, top->tags[i].message);
	ssg_digest_str(dg, top->tags[i].summary);
}

/* The key of the copy made from tags [0, ntags) and the history up to
 * `end` (at least the last of those tags' commits), going on from
 * `base` (digest_base's, made once for all copies). */
static void key_of(const ssg_copies_in *top, const ssg_digest *base,
		   const hranges *hr, size_t ntags, size_t end,
		   const ssg_year *y, char key[65])
{
	ssg_digest *dg = ssg_digest_dup(base);
	for (size_t i = 0; i < ntags; i++)
		digest_tag(dg, top, i);
	digest_upto(dg, hr, end);
	if (y) {
		ssg_digest_str(dg, "year");
		ssg_digest_str(dg, y->year);
		ssg_digest_u64(dg, y->first);
		ssg_digest_u64(dg, y->last);
		ssg_digest_str(dg,
			       ssg_history_commit(top->hist, y->last)->oid);
		ssg_digest_u64(dg, (uint64_t)(int64_t)y->tag);
	}
	ssg_digest_hex(dg, key);
	ssg_digest_free(dg);
}

size_t ssg_copies_keys(const ssg_copies_in *top, const ssg_year *years,
		       size_t nyears, char (*keys)[65])
{
	/* Each copy's end: the newest of its tags' commits (tags after
	 * it are not in it: its key is a prefix), a year's last commit. */
	size_t nends = top->ntags + nyears, most = 0;
	size_t *ends = ssg_xcalloc(nends ? nends : 1, sizeof(size_t));
	for (size_t i = 0, done = 0; i < top->ntags; i++) {
		size_t e = tag_end(top, i);
		done = e > done ? e : done;
		ends[i] = done;
	}
	for (size_t i = 0; i < nyears; i++) {
		const ssg_year *y = &years[i];
		size_t t = y->ntags < top->ntags ? y->ntags : top->ntags;
		size_t e = t ? ends[t - 1] : 0;
		ends[top->ntags + i] = y->last + 1 > e ? y->last + 1 : e;
	}
	for (size_t i = 0; i < nends; i++)
		most = ends[i] > most ? ends[i] : most;
	hranges hr = {top, NULL, most / HRANGE, 0};
	hr.r = ssg_xcalloc(hr.nfull + nends + 1, sizeof(hrange));
	for (size_t k = 0; k < hr.nfull; k++)
		range_add(&hr, k * HRANGE, (k + 1) * HRANGE);
	for (size_t i = 0; i < nends; i++)
		if (ends[i] % HRANGE)
			range_add(&hr, ends[i] / HRANGE * HRANGE, ends[i]);
	unsigned char ksum[32];
	size_t made = 0;
	if (top->gitdir) {
		ssg_plan_keys_sum(top->keys, "ssg ranges keys 1", ksum);
		ranges_read(&hr, ksum);
	}
	for (size_t k = 0; k < hr.n; k++)
		made += !hr.r[k].kept;
	if (made) {
		ssg_pool_opts po = {hr.n, 2, &hr, range_run, NULL, NULL};
		ssg_pool_finish(ssg_pool_start(&po), NULL);
	}
	/* Written again for this chain, whatever it made. */
	if (top->gitdir)
		ranges_write(&hr, ksum);
	ssg_digest *base = digest_base(top);
	for (size_t i = 0; i < top->ntags; i++)
		key_of(top, base, &hr, i + 1, ends[i], NULL, keys[i]);
	for (size_t i = 0; i < nyears; i++) {
		const ssg_year *y = &years[i];
		size_t t = y->ntags < top->ntags ? y->ntags : top->ntags;
		key_of(top, base, &hr, t, ends[top->ntags + i], y,
		       keys[top->ntags + i]);
	}
	ssg_digest_free(base);
	free(hr.r);
	free(ends);
	return made;
}
