/*
 * history — the first-parent walk, in three passes over the chain:
 *
 *  1. which files each commit changed, found by comparing tree-entry ids
 *     with the first parent, so untouched subtrees are never opened;
 *  2. which table files were renamed, newest commit first, so that a
 *     table's newest name (and with it its key columns) is known before
 *     any of its versions is diffed;
 *  3. the row events, oldest commit first, diffing each version of a
 *     table against the last version of it that parsed.
 *
 * Its parts, which it alone calls: pass 1 is history_trees.c, the row
 * fast path of pass 3 is history_rows.c, each version of a table is
 * parsed once by history_blobs.c (which bounds the memory of parsed
 * versions), the strings and arrays handed out live in an arena
 * (arena.h) with names, keys and paths interned (intern.h), and what a
 * walk knew is kept for the next one by history_cache.c.  This file
 * orders the passes, keeps each table's lineage, and answers for the
 * history once made.  The chain itself (pass 0) may be read before the
 * walk is asked for, on a thread, while the caller loads its plan
 * (ssg_history_early_start).
 */
#include "history.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "diff.h"
#include "history_ahead.h"
#include "history_blobs.h"
#include "history_cache.h"
#include "history_rows.h"
#include "history_trees.h"
#include "intern.h"
#include "period.h"
#include "pool.h"
#include "store.h"
#include "table.h"
#include "text.h"

/* Versions of content/_index.md whose period a walk remembers: the file
 * changes in a few commits of a year, and a revert finds its version
 * among the last ones. */
#define PERIOD_BLOBS 64

/* Pairs of (removed, added) tables compared by content in one commit. */
#define MAX_RENAME_PAIRS 64
/* No real plan comes near this; a corrupt graph could. */
#define MAX_COMMITS 50000000u

/* ---- the history ---- */

typedef struct {
	const char *oid;
	size_t i;
} oid_ref;

struct ssg_history {
	ssg_arena *a;
	char *gitdir; /* for the readers of page texts */
	ssg_hcommit *commits;
	size_t ncommits;
	oid_ref *by_oid; /* commits sorted by id, for find */
	bool *short_unique; /* no other commit has commit i's short id */
	ssg_hev *ev;
	size_t nev, evcap;
	ssg_hpage *pages;
	size_t npages, pagecap;
	ssg_hpackage *pkgs; /* versions of data/datapackage.json */
	size_t npkgs;
	unsigned char *cache_raw; /* the cache file read, whose strings */
	size_t cache_nraw;        /* the history lends */
	size_t settled; /* no table is renamed in this commit or later */
	ssg_hcache_save *save; /* the cache being written from it */
};

/* A file a commit changed; a zero id where it is absent. */
typedef struct {
	size_t path; /* interned */
	const char *path_s;
	git_oid old, new_;
	bool md;         /* a page; otherwise a table */
	bool rename_src; /* this removal is half of a rename */
} change;

typedef struct {
	size_t commit;
	size_t from, to; /* interned paths */
} rename_t;

/* A table through its history, whatever its path at the time. */
typedef struct {
	const char *name; /* newest name */
	const ssg_history_key *key;
	ssg_hblob *latest; /* last version that parsed; NULL when deleted */
	const char *latest_path; /* where latest was read */
	ssg_hrows *rows; /* latest's lines when `simple` (fast_events) */
	bool simple;
} lineage;

typedef struct {
	ssg_history *h;
	git_repository *g;
	git_odb *odb;
	ssg_diags *d;
	ssg_progress *prog; /* may be NULL */
	const ssg_history_key *keys;
	size_t nkeys;
	ssg_intern *names;
	git_oid *trees; /* the root tree of each commit, oldest first */
	change *ch;
	size_t nch, chcap;
	/* The tables' versions of the changes from ahead_from on, read on
	 * another core (history_ahead.h); NULL: read here. */
	ssg_hahead *ahead;
	size_t ahead_from;
	size_t *cfirst, *cn; /* each commit's changes */
	rename_t *ren;       /* newest commit first */
	size_t nren, rencap;
	ssg_hblobs *blobs; /* the versions of tables met */
	lineage *lin;
	size_t nlin, lincap;
	size_t *path_lin; /* interned path → lineage + 1 */
	size_t npath_lin;
	ssg_hpackage *pkgs; /* the package versions of the commits walked */
	size_t npkgs, pkgcap;
	/* The periods of the last versions of content/_index.md met, a
	 * ring of PERIOD_BLOBS (period_of). */
	struct {
		git_oid id;
		const char *period; /* interned; NULL: names none */
	} pblob[PERIOD_BLOBS];
	size_t npblob;
	ssg_buf tmp;
	bool chained; /* the chain is read already (an early walk) */
} walk;

static const char *istr_of(const walk *w, size_t id)
{
	return ssg_intern_str(w->names, id);
}

static const char *intern(walk *w, const char *s)
{
	return istr_of(w, ssg_intern_id(w->names, s, strlen(s)));
}

/* ---- pass 0: the chain ---- */

static size_t trim_end(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
			 s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* The first line of hc's message, which the cache does not keep. */
static void commit_summary(ssg_arena *a, ssg_hcommit *hc)
{
	size_t first = strcspn(hc->message, "\n");
	hc->summary = ssg_arena_strn(a, hc->message, trim_end(hc->message, first));
}

static void commit_fill(walk *w, ssg_hcommit *hc, const git_commit *c)
{
	ssg_arena *a = w->h->a;
	const git_signature *au = git_commit_author(c);
	const char *enc = git_commit_message_encoding(c);
	const char *m = git_commit_message(c);
	const char *an = au && au->name ? au->name : "";
	ssg_buf msg, name;
	ssg_buf_init(&msg);
	ssg_buf_init(&name);
	ssg_text_decode(&msg, m ? m : "", m ? strlen(m) : 0, enc);
	ssg_text_decode(&name, an, strlen(an), enc);
	memset(hc, 0, sizeof(*hc));
	git_oid_tostr(hc->oid, sizeof(hc->oid), git_commit_id(c));
	memcpy(hc->short_oid, hc->oid, 7);
	hc->short_oid[7] = '\0';
	hc->time = (long long)git_commit_time(c);
	hc->offset = git_commit_time_offset(c);
	hc->author = intern(w, ssg_buf_cstr(&name));
	const char *ae = au && au->email ? au->email : "";
	ssg_buf_clear(&name);
	ssg_text_decode(&name, ae, strlen(ae), enc);
	hc->email = intern(w, ssg_buf_cstr(&name));
	size_t n = trim_end(ssg_buf_cstr(&msg), msg.len);
	hc->message = ssg_arena_strn(a, ssg_buf_cstr(&msg), n);
	commit_summary(a, hc);
	ssg_buf_fini(&msg);
	ssg_buf_fini(&name);
}

static int resolve(walk *w, const char *rev, git_commit **out)
{
	git_object *obj = NULL;
	int rc = SSG_OK;
	*out = NULL;
	if (git_revparse_single(&obj, w->g, rev ? rev : "HEAD") < 0) {
		if (git_repository_head_unborn(w->g) == 1 && !rev)
			ssg_diags_env(w->d, "repository has no commits yet");
		else
			ssg_diags_env(w->d, "unknown revision '%s': `git log "
					    "--oneline` and `git tag` list the "
					    "revisions there are",
				      rev ? rev : "HEAD");
		return SSG_ERR_ENV;
	}
	git_object *peeled = NULL;
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		ssg_diags_env(w->d, "revision '%s' is not a commit",
			      rev ? rev : "HEAD");
		rc = SSG_ERR_ENV;
	} else {
		*out = (git_commit *)peeled;
	}
	git_object_free(obj);
	return rc;
}

/* Fills w->trees and h->commits, oldest first: the first-parent chain of
 * rev, or when it holds the commit `stop` (the last of the cache's
 * `nstop` commits, may be NULL), only the commits after it, then
 * *found is set and w->trees[nstop - 1] is stop's tree, the rest of
 * the chain being the cache's.  From the tip down, so that the chain a
 * cache ends in is found by reading only the commits after it. */
static int load_chain(walk *w, const char *rev, const git_oid *stop,
		      size_t nstop, bool *found)
{
	ssg_history *h = w->h;
	git_commit *c = NULL;
	size_t cap = 0;
	*found = false;
	int rc = resolve(w, rev, &c);
	while (rc == SSG_OK && c) {
		if (stop && git_oid_equal(git_commit_id(c), stop)) {
			*found = true;
			break;
		}
		if (h->ncommits + (stop ? nstop : 0) >= MAX_COMMITS) {
			ssg_diags_env(w->d, "history longer than %u commits",
				      MAX_COMMITS);
			rc = SSG_ERR_ENV;
			break;
		}
		if (h->ncommits == cap) {
			cap = cap ? 2 * cap : 64;
			h->commits = ssg_xrealloc(h->commits,
						  cap * sizeof(*h->commits));
			w->trees = ssg_xrealloc(w->trees,
					       cap * sizeof(*w->trees));
		}
		commit_fill(w, &h->commits[h->ncommits], c);
		/* The tree pass starts from it: a commit read once. */
		w->trees[h->ncommits++] = *git_commit_tree_id(c);
		ssg_progress_add(w->prog, 1, 0);
		git_commit *parent = NULL;
		if (git_commit_parentcount(c) > 0 &&
		    git_commit_parent(&parent, c, 0) < 0) {
			ssg_repo_fail(w->d, "cannot read the parent of %s",
				      h->commits[h->ncommits - 1].oid);
			rc = SSG_ERR_ENV;
		}
		git_commit_free(c);
		c = parent;
	}
	git_oid stop_tree;
	if (*found)
		stop_tree = *git_commit_tree_id(c);
	git_commit_free(c);
	for (size_t i = 0, j = h->ncommits; i + 1 < j; i++, j--) {
		ssg_hcommit t = h->commits[i];
		h->commits[i] = h->commits[j - 1];
		h->commits[j - 1] = t;
		git_oid o = w->trees[i];
		w->trees[i] = w->trees[j - 1];
		w->trees[j - 1] = o;
	}
	if (rc == SSG_OK && *found) {
		/* The cache's commits go first: the trees of all but its
		 * last are never read. */
		size_t k = h->ncommits;
		w->trees = ssg_xrealloc(w->trees, (nstop + k + 1) *
							  sizeof(*w->trees));
		memmove(w->trees + nstop, w->trees, k * sizeof(*w->trees));
		memset(w->trees, 0, nstop * sizeof(*w->trees));
		w->trees[nstop - 1] = stop_tree;
	}
	return rc;
}

/* ---- pass 1: changed files ---- */

static void add_change(walk *w, const char *path, size_t len,
		       const git_oid *old, const git_oid *new_, bool md)
{
	if (w->nch == w->chcap) {
		w->chcap = w->chcap ? 2 * w->chcap : 256;
		w->ch = ssg_xrealloc(w->ch, w->chcap * sizeof(*w->ch));
	}
	change *c = &w->ch[w->nch++];
	memset(c, 0, sizeof(*c));
	c->path = ssg_intern_id(w->names, path, len);
	c->path_s = istr_of(w, c->path);
	if (old)
		c->old = *old;
	if (new_)
		c->new_ = *new_;
	c->md = md;
}

static int change_cmp(const void *x, const void *y)
{
	const change *a = x, *b = y;
	return strcmp(a->path_s, b->path_s);
}

/* Where the titles of a commit's time are: not a table. */
static const char package_path[] = "data/datapackage.json";

static void add_package(walk *w, size_t ci, const unsigned char id[20])
{
	if (w->npkgs == w->pkgcap) {
		w->pkgcap = w->pkgcap ? 2 * w->pkgcap : 16;
		w->pkgs = ssg_xrealloc(w->pkgs, w->pkgcap * sizeof(*w->pkgs));
	}
	ssg_hpackage *v = &w->pkgs[w->npkgs++];
	v->commit = ci;
	memcpy(v->id, id, 20);
}

/* Takes the files commit ci changed (history_trees.h). */
static void take_changes(void *ctx, size_t ci, const ssg_htrees_file *f,
			 size_t nf)
{
	walk *w = ctx;
	w->cfirst[ci] = w->nch;
	for (size_t j = 0; j < nf; j++) {
		if (!f[j].md && strcmp(f[j].path, package_path) == 0) {
			add_package(w, ci, f[j].new_);
			continue;
		}
		git_oid old, new_;
		git_oid_fromraw(&old, f[j].old);
		git_oid_fromraw(&new_, f[j].new_);
		add_change(w, f[j].path, strlen(f[j].path),
			   git_oid_is_zero(&old) ? NULL : &old,
			   git_oid_is_zero(&new_) ? NULL : &new_, f[j].md);
	}
	w->cn[ci] = w->nch - w->cfirst[ci];
	if (w->cn[ci] > 1)
		ssg_sort(w->ch + w->cfirst[ci], w->cn[ci], sizeof(change),
		      change_cmp);
}

/* The changes of commits [from, ncommits). */
static int load_changes(walk *w, size_t from)
{
	size_t n = w->h->ncommits;
	w->cfirst = ssg_xcalloc(n + 1, sizeof(size_t));
	w->cn = ssg_xcalloc(n + 1, sizeof(size_t));
	return ssg_htrees_find(w->g, w->trees, w->h->commits, from, n, w->prog,
			       w->d, take_changes, w);
}

/* ---- versions of tables ---- */

/* The row fast path holds the bytes of a blob through a second
 * reference to it. */
static void *blob_keep(void *o)
{
	git_odb_object *ref = NULL;
	(void)git_odb_object_dup(&ref, o); /* counts a reference */
	return ref;
}

static void blob_drop(void *o)
{
	git_odb_object_free(o);
}

static const ssg_hrows_owner blob_owner = {blob_keep, blob_drop};

const ssg_history_key *ssg_history_key_find(const ssg_history_key *keys,
					    size_t nkeys, const char *table)
{
	for (size_t i = 0; i < nkeys; i++)
		if (keys[i].table && !strcmp(keys[i].table, table))
			return &keys[i];
	return NULL;
}

static const ssg_history_key *find_key(const walk *w, const char *table)
{
	return ssg_history_key_find(w->keys, w->nkeys, table);
}

static int diff_tables(ssg_row_events **out, const ssg_table *a,
		       const ssg_table *b, const ssg_history_key *k,
		       ssg_diags *pd)
{
	return ssg_diff_tables(out, a, b, k ? k->cols : NULL,
			       k ? k->ncols : 0, pd);
}

/* "data/indicators.csv" → "indicators" */
static const char *table_name(walk *w, size_t path)
{
	const char *p = istr_of(w, path);
	size_t n = ssg_intern_len(w->names, path);
	return istr_of(w, ssg_intern_id(w->names, p + 5, n - 9));
}

/* ---- pass 2: renames ---- */

/* Where the table at `path` after commit ci is at the end of the chain,
 * as far as the renames found so far (all later than ci) tell. */
static size_t final_path(const walk *w, size_t path, size_t ci)
{
	for (size_t r = w->nren; r-- > 0;)
		if (w->ren[r].commit > ci && w->ren[r].from == path)
			path = w->ren[r].to;
	return path;
}

static bool is_table(const change *c)
{
	return !c->md;
}

static void add_rename(walk *w, size_t ci, change *from, const change *to)
{
	if (w->nren == w->rencap) {
		w->rencap = w->rencap ? 2 * w->rencap : 16;
		w->ren = ssg_xrealloc(w->ren, w->rencap * sizeof(*w->ren));
	}
	w->ren[w->nren++] = (rename_t){ci, from->path, to->path};
	from->rename_src = true;
}

/* Rows of b whose keys a has too, or -1 when they cannot be matched. */
static long shared_rows(const ssg_hblob *a, const ssg_hblob *b,
			const ssg_history_key *k)
{
	ssg_diags *pd = ssg_diags_new();
	ssg_row_events *re = NULL;
	long shared = -1;
	if (diff_tables(&re, a->t, b->t, k, pd) == SSG_OK) {
		shared = (long)ssg_table_nrows(b->t);
		for (size_t i = 0; i < ssg_row_events_count(re); i++)
			if (ssg_row_events_get(re, i)->kind == SSG_EV_ADDED)
				shared--;
	}
	ssg_row_events_free(re);
	ssg_diags_free(pd);
	return shared;
}

/* In commit ci, a table path that disappears and one that appears are
 * the same table when git would call it a rename (same blob) or when
 * most rows keep their keys. */
static int find_renames_in(walk *w, size_t ci)
{
	change *c = w->ch + w->cfirst[ci];
	size_t n = w->cn[ci], nrem = 0, nadd = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_table(&c[i]))
			continue;
		nrem += git_oid_is_zero(&c[i].new_);
		nadd += git_oid_is_zero(&c[i].old);
	}
	if (!nrem || !nadd)
		return SSG_OK;
	bool *taken = ssg_xcalloc(n, sizeof(bool));
	int rc = SSG_OK;
	for (size_t i = 0; i < n; i++) {
		if (!is_table(&c[i]) || !git_oid_is_zero(&c[i].new_))
			continue;
		for (size_t j = 0; j < n; j++) {
			if (!taken[j] && is_table(&c[j]) &&
			    git_oid_is_zero(&c[j].old) &&
			    git_oid_equal(&c[i].old, &c[j].new_)) {
				taken[j] = true;
				add_rename(w, ci, &c[i], &c[j]);
				break;
			}
		}
	}
	if (nrem * nadd > MAX_RENAME_PAIRS)
		goto done;
	for (size_t i = 0; i < n && rc == SSG_OK; i++) {
		if (!is_table(&c[i]) || !git_oid_is_zero(&c[i].new_) ||
		    c[i].rename_src)
			continue;
		ssg_hblob *a = NULL;
		rc = ssg_hblobs_get(w->blobs, &c[i].old, istr_of(w, c[i].path), &a);
		if (rc != SSG_OK || !a->t)
			continue;
		a->pins++;
		long best = 0;
		size_t best_j = SIZE_MAX;
		for (size_t j = 0; j < n && rc == SSG_OK; j++) {
			if (taken[j] || !is_table(&c[j]) ||
			    !git_oid_is_zero(&c[j].old))
				continue;
			ssg_hblob *b = NULL;
			rc = ssg_hblobs_get(w->blobs, &c[j].new_, istr_of(w, c[j].path), &b);
			if (rc != SSG_OK || !b->t)
				continue;
			size_t fp = final_path(w, c[j].path, ci);
			long s = shared_rows(a, b,
					     find_key(w, table_name(w, fp)));
			size_t most = ssg_table_nrows(a->t);
			if (ssg_table_nrows(b->t) > most)
				most = ssg_table_nrows(b->t);
			if (s > best && 2 * (size_t)s > most) {
				best = s;
				best_j = j;
			}
		}
		a->pins--;
		if (best_j != SIZE_MAX) {
			taken[best_j] = true;
			add_rename(w, ci, &c[i], &c[best_j]);
		}
	}
done:
	free(taken);
	return rc;
}

static int load_renames(walk *w, size_t from)
{
	int rc = SSG_OK;
	for (size_t ci = w->h->ncommits; ci-- > from && rc == SSG_OK;)
		rc = find_renames_in(w, ci);
	return rc;
}

/* ---- pass 3: events ---- */

static ssg_hev *ev_push(walk *w, ssg_hev_kind kind, const lineage *l,
			size_t ci)
{
	ssg_history *h = w->h;
	if (h->nev == h->evcap) {
		h->evcap = h->evcap ? 2 * h->evcap : 256;
		h->ev = ssg_xrealloc(h->ev, h->evcap * sizeof(*h->ev));
	}
	ssg_hev *e = &h->ev[h->nev++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->table = l->name;
	e->commit = ci;
	e->period = h->commits[ci].period;
	return e;
}

static const char *astr(walk *w, const char *s)
{
	return s ? ssg_arena_strn(w->h->a, s, strlen(s)) : NULL;
}

static const char *schema_word(ssg_schema_kind k)
{
	return k == SSG_SCHEMA_RENAMED ? "renamed"
	       : k == SSG_SCHEMA_ADDED ? "added"
				       : "removed";
}

ssg_hev ssg_history_event_of(const char *table, const ssg_row_event *e)
{
	static const ssg_hev_kind kinds[] = {
		[SSG_EV_ADDED] = SSG_HEV_ADDED,
		[SSG_EV_REMOVED] = SSG_HEV_REMOVED,
		[SSG_EV_CHANGED] = SSG_HEV_CHANGED,
		[SSG_EV_SCHEMA] = SSG_HEV_SCHEMA,
	};
	ssg_hev v;
	memset(&v, 0, sizeof(v));
	v.kind = kinds[e->kind];
	v.table = table;
	v.old = e->old;
	v.new_ = e->new_;
	if (e->kind == SSG_EV_SCHEMA) {
		v.field = schema_word(e->schema);
		return v;
	}
	v.key = e->key;
	v.field = e->field;
	v.ncols = e->ncols;
	v.cols = e->cols;
	v.vals = e->vals;
	return v;
}

static void add_row_events(walk *w, const lineage *l, size_t ci,
			   const ssg_row_events *re)
{
	const char *const *src_cols = NULL;
	const char **cols = NULL;
	for (size_t i = 0; i < ssg_row_events_count(re); i++) {
		const ssg_row_event *r = ssg_row_events_get(re, i);
		ssg_hev *e;
		switch (r->kind) {
		case SSG_EV_ADDED:
		case SSG_EV_REMOVED:
			e = ev_push(w,
				    r->kind == SSG_EV_ADDED ? SSG_HEV_ADDED
							    : SSG_HEV_REMOVED,
				    l, ci);
			if (r->cols != src_cols) {
				src_cols = r->cols;
				cols = ssg_arena_alloc(w->h->a, (r->ncols + 1) *
								     sizeof(char *));
				for (size_t j = 0; j < r->ncols; j++)
					cols[j] = intern(w, r->cols[j]);
			}
			const char **vals = ssg_arena_alloc(
				w->h->a, (r->ncols + 1) * sizeof(char *));
			for (size_t j = 0; j < r->ncols; j++)
				vals[j] = astr(w, r->vals[j]);
			e->key = intern(w, r->key);
			e->ncols = r->ncols;
			e->cols = cols;
			e->vals = vals;
			break;
		case SSG_EV_CHANGED:
			e = ev_push(w, SSG_HEV_CHANGED, l, ci);
			e->key = intern(w, r->key);
			e->field = intern(w, r->field);
			e->old = astr(w, r->old);
			e->new_ = astr(w, r->new_);
			break;
		case SSG_EV_SCHEMA:
			e = ev_push(w, SSG_HEV_SCHEMA, l, ci);
			e->field = schema_word(r->schema);
			e->old = r->old ? intern(w, r->old) : NULL;
			e->new_ = r->new_ ? intern(w, r->new_) : NULL;
			break;
		}
	}
}

static void add_gap(walk *w, const lineage *l, size_t ci, const char *error)
{
	ssg_hev *e = ev_push(w, SSG_HEV_GAP, l, ci);
	e->error = error;
}

static void set_latest(lineage *l, ssg_hblob *b, const char *path)
{
	if (b)
		b->pins++;
	if (l->latest)
		l->latest->pins--;
	l->latest = b;
	l->latest_path = path;
	l->simple = false; /* until its lines are cut */
}

static void path_lin_grow(walk *w, size_t path)
{
	if (path < w->npath_lin)
		return;
	size_t n = ssg_intern_count(w->names);
	if (n < 2 * w->npath_lin)
		n = 2 * w->npath_lin;
	w->path_lin = ssg_xrealloc(w->path_lin, n * sizeof(size_t));
	memset(w->path_lin + w->npath_lin, 0,
	       (n - w->npath_lin) * sizeof(size_t));
	w->npath_lin = n;
}

static lineage *lineage_new(walk *w, const char *name)
{
	if (w->nlin == w->lincap) {
		w->lincap = w->lincap ? 2 * w->lincap : 16;
		w->lin = ssg_xrealloc(w->lin, w->lincap * sizeof(*w->lin));
	}
	lineage *l = &w->lin[w->nlin++];
	memset(l, 0, sizeof(*l));
	l->name = name;
	l->key = find_key(w, name);
	l->rows = ssg_hrows_new(&blob_owner);
	return l;
}

static lineage *lineage_at(walk *w, size_t path, size_t ci)
{
	path_lin_grow(w, path);
	if (w->path_lin[path])
		return &w->lin[w->path_lin[path] - 1];
	lineage *l = lineage_new(w, table_name(w, final_path(w, path, ci)));
	w->path_lin[path] = w->nlin;
	return l;
}

/* A table renamed in commit ci: its lineage moves to the new path (an
 * older table that had that path and was deleted keeps its events). */
static void move_lineage(walk *w, size_t from, size_t to, size_t ci)
{
	lineage *l = lineage_at(w, from, ci);
	size_t idx = (size_t)(l - w->lin) + 1;
	path_lin_grow(w, to);
	w->path_lin[to] = idx;
	w->path_lin[from] = 0;
}

/* The version `id` of the lineage's table by the row fast path
 * (history_rows.h): *done when it recorded the events (l->latest is then
 * that version), not when the full path must. */
static int fast_events(walk *w, lineage *l, size_t ci, const change *c,
		       const char *path, bool *done)
{
	*done = false;
	if (!l->latest || !l->simple)
		return SSG_OK;
	const git_oid *id = &c->new_;
	size_t size = 0;
	ssg_row_events *re = NULL;
	int rc = SSG_OK;
	git_odb_object *gb =
		w->ahead ? ssg_hahead_take(w->ahead, (size_t)(c - w->ch) -
							     w->ahead_from)
			 : NULL;
	if (!gb)
		rc = ssg_hblobs_read(w->blobs, id, path, &gb, &size);
	if (rc == SSG_ERR_LIMIT)
		rc = SSG_OK; /* the full path reports it */
	if (rc != SSG_OK || !gb)
		goto done;
	if (ssg_hrows_next(l->rows, git_odb_object_data(gb),
			   git_odb_object_size(gb), gb, path,
			   l->key ? l->key->cols : NULL,
			   l->key ? l->key->ncols : 0, &re)) {
		add_row_events(w, l, ci, re);
		set_latest(l, ssg_hblobs_of(w->blobs, id), path);
		l->simple = true;
		*done = true;
	}
done:
	ssg_row_events_free(re);
	git_odb_object_free(gb);
	return rc;
}

/* The lineage's latest version parsed (the fast path leaves it as
 * bytes); it parsed before, so only the repository can fail. */
static int latest_parsed(walk *w, lineage *l)
{
	if (!l->latest || l->latest->t)
		return SSG_OK;
	ssg_hblob *b = NULL;
	git_oid id;
	git_oid_fromraw(&id, l->latest->id);
	return ssg_hblobs_get(w->blobs, &id, l->latest_path, &b);
}

/* Keeps the lines of the lineage's latest version for the fast path. */
static int latest_cut(walk *w, lineage *l)
{
	l->simple = false;
	if (!l->latest)
		return SSG_OK;
	git_odb_object *gb = NULL;
	size_t size = 0;
	git_oid id;
	git_oid_fromraw(&id, l->latest->id);
	int rc = ssg_hblobs_read(w->blobs, &id, l->latest_path, &gb, &size);
	if (rc == SSG_ERR_LIMIT)
		return SSG_OK;
	if (rc == SSG_OK)
		l->simple = ssg_hrows_cut(l->rows, git_odb_object_data(gb),
					  git_odb_object_size(gb), gb);
	git_odb_object_free(gb);
	return rc;
}

/* Diffs the lineage's latest version (parsed) against b and records
 * events; true when b became the latest. */
static bool table_events(walk *w, lineage *l, size_t ci, ssg_hblob *b,
			 const char *path)
{
	bool moved = true;
	ssg_diags *pd = ssg_diags_new();
	ssg_row_events *re = NULL;
	const ssg_table *old = l->latest ? l->latest->t : NULL;
	const ssg_table *new_ = b ? b->t : NULL;
	if (diff_tables(&re, old, new_, l->key, pd) == SSG_OK) {
		add_row_events(w, l, ci, re);
		set_latest(l, b, path);
		goto done;
	}
	/* A version whose keys are duplicated or missing cannot be
	 * matched: a gap.  When it can be keyed alone, only the pair
	 * cannot (the key column is new): every row was replaced. */
	ssg_row_events_free(re);
	re = NULL;
	ssg_diags *alone = ssg_diags_new();
	if (!new_ || diff_tables(&re, NULL, new_, l->key, alone) != SSG_OK) {
		add_gap(w, l, ci, ssg_hblobs_error(w->blobs, new_ ? alone : pd));
		moved = false;
	} else {
		ssg_row_events *gone = NULL;
		if (diff_tables(&gone, old, NULL, l->key, alone) == SSG_OK)
			add_row_events(w, l, ci, gone);
		ssg_row_events_free(gone);
		add_row_events(w, l, ci, re);
		set_latest(l, b, path);
	}
	ssg_diags_free(alone);
done:
	ssg_row_events_free(re);
	ssg_diags_free(pd);
	return moved;
}

static int table_change(walk *w, size_t ci, const change *c)
{
	const char *path = istr_of(w, c->path);
	if (c->rename_src)
		return SSG_OK;
	lineage *l = lineage_at(w, c->path, ci);
	int rc = SSG_OK;
	if (git_oid_is_zero(&c->new_)) {
		if (l->latest) {
			rc = latest_parsed(w, l);
			if (rc == SSG_OK)
				table_events(w, l, ci, NULL, NULL);
		}
		return rc;
	}
	ssg_hblob *b = ssg_hblobs_find(w->blobs, &c->new_);
	if (b && b == l->latest)
		return SSG_OK; /* back to the last version that parsed */
	if (!b || (!b->t && !b->error)) {
		bool done = false;
		rc = fast_events(w, l, ci, c, path, &done);
		if (rc != SSG_OK || done)
			return rc;
	}
	rc = ssg_hblobs_get(w->blobs, &c->new_, path, &b);
	if (rc != SSG_OK)
		return rc;
	if (b->error) {
		add_gap(w, l, ci, b->error);
		return SSG_OK;
	}
	/* b is not l->latest: that was checked above, before the record of
	 * a new blob could exist. */
	b->pins++;
	rc = latest_parsed(w, l);
	if (rc == SSG_OK && table_events(w, l, ci, b, path))
		rc = latest_cut(w, l);
	b->pins--;
	ssg_hblobs_trim(w->blobs, NULL);
	return rc;
}

struct ssg_history_reader {
	git_repository *g;
	git_odb *odb;
	const ssg_blobs *lender;
};

ssg_history_reader *ssg_history_reader_new(const ssg_history *h)
{
	ssg_history_reader *r = ssg_xcalloc(1, sizeof(*r));
	git_libgit2_init();
	if (!h->gitdir ||
	    git_repository_open_ext(&r->g, h->gitdir,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    git_repository_odb(&r->odb, r->g) < 0) {
		ssg_history_reader_free(r);
		return NULL;
	}
	return r;
}

void ssg_history_reader_free(ssg_history_reader *r)
{
	if (!r)
		return;
	git_odb_free(r->odb);
	git_repository_free(r->g);
	git_libgit2_shutdown();
	free(r);
}

void ssg_history_reader_lender(ssg_history_reader *r, const ssg_blobs *b)
{
	if (r)
		r->lender = b;
}

/* The bytes of blob id: the lender's, else read into *gb (to free);
 * over the limit, the lender has none and the read says so. */
static ssg_hblob_found reader_blob(ssg_history_reader *r, const git_oid *id,
				   git_blob **gb, const char **raw, size_t *n)
{
	*gb = NULL;
	*raw = NULL;
	*n = 0;
	if (!r)
		return SSG_HBLOB_UNREADABLE;
	if (r->lender) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), id);
		if ((*raw = ssg_blobs_find(r->lender, hex, n)))
			return SSG_HBLOB_OK;
	}
	size_t size = 0;
	ssg_hblob_found got = ssg_hblobs_lookup(r->g, r->odb, id, gb, &size);
	if (got == SSG_HBLOB_OK) {
		*raw = git_blob_rawcontent(*gb);
		*n = (size_t)git_blob_rawsize(*gb);
	}
	return got;
}

bool ssg_history_page_text(ssg_history_reader *r, const ssg_hpage *p,
			   bool after, ssg_buf *out)
{
	ssg_buf_clear(out);
	git_oid id;
	git_oid_fromraw(&id, after ? p->new_id : p->old_id);
	if (git_oid_is_zero(&id))
		return true;
	git_blob *gb;
	const char *raw;
	size_t n, bad = 0;
	ssg_hblob_found got = reader_blob(r, &id, &gb, &raw, &n);
	if (got == SSG_HBLOB_OK) {
		if (ssg_text_utf8_valid(raw, n, &bad))
			ssg_text_nfc(out, raw, n);
		else /* the build refuses it; the diff still shows the bytes
		      * up to the first NUL */
			ssg_buf_put(out, raw, strnlen(raw, n));
	}
	git_blob_free(gb);
	/* Over the limit: the build reports it; no word diff of it. */
	return got == SSG_HBLOB_OK || got == SSG_HBLOB_LIMIT;
}

bool ssg_history_blob(ssg_history_reader *r, const unsigned char id[20],
		      ssg_buf *out)
{
	ssg_buf_clear(out);
	git_oid oid;
	git_oid_fromraw(&oid, id);
	git_blob *gb;
	const char *raw;
	size_t n;
	ssg_hblob_found got = reader_blob(r, &oid, &gb, &raw, &n);
	if (got == SSG_HBLOB_OK)
		ssg_buf_put(out, raw, n);
	git_blob_free(gb);
	return got == SSG_HBLOB_OK;
}

static void page_change(walk *w, size_t ci, const change *c)
{
	ssg_history *h = w->h;
	if (h->npages == h->pagecap) {
		h->pagecap = h->pagecap ? 2 * h->pagecap : 64;
		h->pages = ssg_xrealloc(h->pages,
					h->pagecap * sizeof(*h->pages));
	}
	ssg_hpage *p = &h->pages[h->npages++];
	p->kind = git_oid_is_zero(&c->old)    ? SSG_HPAGE_ADDED
		  : git_oid_is_zero(&c->new_) ? SSG_HPAGE_REMOVED
					      : SSG_HPAGE_CHANGED;
	p->path = istr_of(w, c->path);
	memcpy(p->old_id, c->old.id, 20);
	memcpy(p->new_id, c->new_.id, 20);
	p->commit = ci;
}

/* The period the version `id` of content/_index.md names (period.h),
 * or NULL: read once per version, the walk remembering the last ones. */
static const char *period_of(walk *w, const git_oid *id)
{
	size_t n = w->npblob < PERIOD_BLOBS ? w->npblob : PERIOD_BLOBS;
	for (size_t k = 0; k < n; k++) {
		size_t at = (w->npblob - 1 - k) % PERIOD_BLOBS;
		if (git_oid_equal(&w->pblob[at].id, id))
			return w->pblob[at].period;
	}
	const char *p = NULL;
	git_blob *gb = NULL;
	size_t size = 0;
	/* One over the size limit, or unreadable, names none: the build
	 * of a revision reports what is wrong with it. */
	if (ssg_hblobs_lookup(w->g, w->odb, id, &gb, &size) ==
	    SSG_HBLOB_OK) {
		ssg_buf year;
		ssg_buf_init(&year);
		if (ssg_period_of_text(git_blob_rawcontent(gb),
				       (size_t)git_blob_rawsize(gb), &year))
			p = intern(w, ssg_buf_cstr(&year));
		ssg_buf_fini(&year);
	}
	git_blob_free(gb);
	size_t at = w->npblob++ % PERIOD_BLOBS;
	w->pblob[at].id = *id;
	w->pblob[at].period = p;
	return p;
}

/* Commit ci's period: the one its content/_index.md names when it
 * changed that file to a version that names one, else its parent's. */
static void commit_period(walk *w, size_t ci)
{
	ssg_hcommit *hc = &w->h->commits[ci];
	const char *before = ci ? w->h->commits[ci - 1].period : NULL;
	hc->period = before;
	for (size_t k = 0; k < w->cn[ci]; k++) {
		const change *c = &w->ch[w->cfirst[ci] + k];
		if (c->md && !git_oid_is_zero(&c->new_) &&
		    strcmp(c->path_s, SSG_PERIOD_FILE) == 0) {
			const char *p = period_of(w, &c->new_);
			if (p)
				hc->period = p;
		}
	}
	hc->opens = hc->period && !ssg_period_same(hc->period, before);
}

/* Below this many versions of tables to read, a thread of their own
 * costs more than it saves. */
#define AHEAD_MIN 256

/* Starts reading on another core the versions of tables the changes of
 * commits [from, ...) bring, which the row fast path reads in turn. */
static void ahead_start(walk *w, size_t from)
{
	size_t first = from < w->h->ncommits ? w->cfirst[from] : w->nch;
	size_t n = w->nch - first, want = 0;
	unsigned char(*ids)[20] = ssg_xcalloc(n ? n : 1, sizeof(*ids));
	for (size_t j = 0; j < n; j++) {
		const change *c = &w->ch[first + j];
		if (c->md || c->rename_src || git_oid_is_zero(&c->new_))
			continue;
		memcpy(ids[j], c->new_.id, 20);
		want++;
	}
	if (want >= AHEAD_MIN) {
		w->ahead = ssg_hahead_start(w->g, (const unsigned char(*)[20])ids,
					    n);
		w->ahead_from = first;
	}
	free(ids);
}

static int load_events(walk *w, size_t from)
{
	ssg_history *h = w->h;
	int rc = SSG_OK;
	size_t r = w->nren;
	ahead_start(w, from);
	for (size_t ci = from; ci < h->ncommits && rc == SSG_OK; ci++) {
		ssg_hcommit *hc = &h->commits[ci];
		hc->first_event = h->nev;
		hc->first_page = h->npages;
		commit_period(w, ci);
		/* w->ren is newest first: walk it from the end. */
		while (r > 0 && w->ren[r - 1].commit == ci) {
			r--;
			move_lineage(w, w->ren[r].from, w->ren[r].to, ci);
		}
		for (size_t k = 0; k < w->cn[ci] && rc == SSG_OK; k++) {
			const change *c = &w->ch[w->cfirst[ci] + k];
			if (c->md)
				page_change(w, ci, c);
			else
				rc = table_change(w, ci, c);
		}
		hc->nevents = h->nev - hc->first_event;
		hc->npages = h->npages - hc->first_page;
		ssg_progress_add(w->prog, 1, 0);
	}
	ssg_hahead_free(w->ahead);
	w->ahead = NULL;
	return rc;
}

/* ---- loading ---- */

static int by_oid_cmp(const void *x, const void *y)
{
	const oid_ref *a = x, *b = y;
	return strcmp(a->oid, b->oid);
}

static void walk_init(walk *w, const ssg_history_key *keys, size_t nkeys,
		      ssg_progress *prog, ssg_diags *d)
{
	memset(w, 0, sizeof(*w));
	ssg_buf_init(&w->tmp);
	w->d = d;
	w->prog = prog;
	w->keys = keys;
	w->nkeys = nkeys;
	w->h = ssg_xcalloc(1, sizeof(*w->h));
	w->h->a = ssg_arena_new();
	w->names = ssg_intern_new(w->h->a);
}

/* What a walk holds of its own (all but the repository, the caller's
 * parameters and the history). */
static void walk_state_fini(walk *w)
{
	ssg_hblobs_free(w->blobs);
	w->blobs = NULL;
	for (size_t i = 0; i < w->nlin; i++)
		ssg_hrows_free(w->lin[i].rows);
	free(w->lin);
	free(w->path_lin);
	free(w->ren);
	free(w->ch);
	free(w->cfirst);
	free(w->cn);
	free(w->trees);
	free(w->pkgs);
	ssg_intern_free(w->names);
	w->names = NULL;
	ssg_buf_fini(&w->tmp);
}

static void walk_fini(walk *w)
{
	walk_state_fini(w);
	git_odb_free(w->odb);
	git_repository_free(w->g);
}

/* ---- the cache (history_cache.h) ---- */

static void *cache_alloc(void *ctx, size_t n)
{
	walk *w = ctx;
	return ssg_arena_alloc(w->h->a, n);
}

/* Puts c's commits before the ones load_chain found after them. */
static void take_commits(walk *w, ssg_hcache *c)
{
	ssg_history *h = w->h;
	size_t n0 = c->ncommits, k = h->ncommits;
	ssg_hcommit *all = ssg_xrealloc(c->commits,
					(n0 + k + 1) * sizeof(*all));
	c->commits = NULL;
	if (k)
		memcpy(all + n0, h->commits, k * sizeof(*all));
	free(h->commits);
	h->commits = all;
	h->ncommits = n0 + k;
	for (size_t i = 0; i < n0; i++)
		commit_summary(h->a, &all[i]);
}

/* Takes from c the history of its commits and what the walk knew after
 * the last of them: each table's lineage, which path leads to it, and
 * the versions that did not parse (with the error the walk gave them
 * then, under the path they had then). */
static void cache_restore(walk *w, ssg_hcache *c)
{
	ssg_history *h = w->h;
	h->ev = c->ev;
	h->nev = c->nev;
	h->evcap = c->nev + 1; /* read as nev + 1 */
	h->pages = c->pages;
	h->npages = c->npages;
	h->pagecap = c->npages + 1;
	h->pkgs = c->pkgs;
	h->npkgs = c->npkgs;
	c->ev = NULL;
	c->pages = NULL;
	c->pkgs = NULL;
	for (size_t i = 0; i < c->nlin; i++) {
		const ssg_hcache_lin *cl = &c->lin[i];
		lineage *l = lineage_new(w, intern(w, cl->name));
		if (cl->has_latest) {
			git_oid id;
			git_oid_fromraw(&id, cl->latest);
			set_latest(l, ssg_hblobs_of(w->blobs, &id),
				   intern(w, cl->latest_path));
		}
	}
	for (size_t i = 0; i < c->npaths; i++) {
		const char *p = c->paths[i].path;
		size_t id = ssg_intern_id(w->names, p, strlen(p));
		path_lin_grow(w, id);
		w->path_lin[id] = c->paths[i].lin + 1;
	}
	for (size_t i = 0; i < c->nbad; i++) {
		git_oid id;
		git_oid_fromraw(&id, c->bad[i].id);
		ssg_hblobs_of(w->blobs, &id)->error = c->bad[i].error;
	}
}

/* Keeps what this walk knows for the next one, adding to `old` (the
 * cache the walk started from, may be NULL); a cache that cannot be
 * written only costs that one time.  Written beside the build, from the
 * history's arrays (final: settle), which waits for it when freed. */
static void cache_save(walk *w, const char *file, uint64_t keys,
		       const ssg_hcache *old)
{
	ssg_history *h = w->h;
	ssg_hcache c;
	memset(&c, 0, sizeof(c));
	c.keys = keys;
	c.ncommits = h->ncommits;
	c.commits = h->commits;
	c.ev = h->ev;
	c.nev = h->nev;
	c.pages = h->pages;
	c.npages = h->npages;
	c.pkgs = h->pkgs;
	c.npkgs = h->npkgs;
	c.settled = h->settled;
	c.lin = ssg_xcalloc(w->nlin + 1, sizeof(*c.lin));
	c.nlin = w->nlin;
	for (size_t i = 0; i < w->nlin; i++) {
		const lineage *l = &w->lin[i];
		c.lin[i].name = l->name;
		c.lin[i].has_latest = l->latest != NULL;
		if (l->latest) {
			memcpy(c.lin[i].latest, l->latest->id, 20);
			c.lin[i].latest_path = l->latest_path;
		}
	}
	c.paths = ssg_xcalloc(w->npath_lin + 1, sizeof(*c.paths));
	for (size_t i = 0; i < w->npath_lin; i++)
		if (w->path_lin[i])
			c.paths[c.npaths++] =
				(ssg_hcache_path){istr_of(w, i),
						  w->path_lin[i] - 1};
	size_t nb = 0, pos = 0;
	while (ssg_hblobs_next(w->blobs, &pos))
		nb++;
	c.bad = ssg_xcalloc(nb + 1, sizeof(*c.bad));
	pos = 0;
	for (const ssg_hblob *b; (b = ssg_hblobs_next(w->blobs, &pos));) {
		if (b->error) {
			memcpy(c.bad[c.nbad].id, b->id, 20);
			c.bad[c.nbad++].error = b->error;
		}
	}
	/* Its strings are the history's (interned in its arena), and so
	 * are old's bytes once walk_run hands them over. */
	h->save = ssg_hcache_save_start(file, &c, old);
}

/* Arrays grown by doubling give back their slack: the history is held
 * to the end of the build (a fifth of its events array).  They do not
 * move again. */
static void settle(ssg_history *h)
{
	h->ev = ssg_xrealloc(h->ev, (h->nev + 1) * sizeof(*h->ev));
	h->evcap = h->nev + 1;
	h->pages = ssg_xrealloc(h->pages, (h->npages + 1) * sizeof(*h->pages));
	h->pagecap = h->npages + 1;
	h->commits = ssg_xrealloc(h->commits,
				  (h->ncommits + 1) * sizeof(*h->commits));
}

/* The passes over the chain of rev, from the cache in `cache` when its
 * last commit is on that chain (then only later commits are read),
 * saving it there after.  *again is set when the cache cannot serve: a
 * table renamed after it takes its new name in older events too. */
static int walk_run(walk *w, const char *rev, const char *cache,
		    bool read_cache, uint64_t keys, bool *again)
{
	if (!w->blobs)
		w->blobs = ssg_hblobs_new(w->g, w->odb, w->h->a, w->d);
	ssg_progress_phase(w->prog, "log", "commits", 0);
	ssg_hcache c;
	memset(&c, 0, sizeof(c));
	ssg_hcache_mem mem = {w, cache_alloc};
	git_oid tip;
	bool cached = !w->chained && read_cache &&
		      ssg_hcache_read(cache, keys, &mem, &c) &&
		      git_oid_fromstr(&tip, c.commits[c.ncommits - 1].oid) == 0;
	bool found = false;
	int rc = w->chained ? SSG_OK
			    : load_chain(w, rev, cached ? &tip : NULL,
					 c.ncommits, &found);
	if (w->chained)
		ssg_progress_add(w->prog, w->h->ncommits, 0);
	if (rc != SSG_OK)
		goto done;
	size_t from = 0;
	if (found) {
		from = c.ncommits;
		take_commits(w, &c);
		ssg_progress_add(w->prog, from, 0);
	}
	size_t n = w->h->ncommits;
	ssg_progress_phase(w->prog, "trees", "commits", n - from);
	rc = load_changes(w, from);
	ssg_progress_phase(w->prog, "rows", "commits", n - from);
	if (rc == SSG_OK)
		rc = load_renames(w, from);
	if (rc == SSG_OK && from && w->nren) {
		*again = true;
		goto done;
	}
	/* A walk that took commits from its cache looked for renames
	 * only after them and found none (or it walks again): none from
	 * where the walk that wrote the cache found none. */
	w->h->settled = from ? c.settled : 0;
	for (size_t r = 0; r < w->nren; r++)
		if (w->ren[r].commit >= w->h->settled)
			w->h->settled = w->ren[r].commit + 1;
	if (from)
		cache_restore(w, &c);
	/* The versions of the commits walked follow the cache's. */
	if (w->npkgs) {
		w->h->pkgs = ssg_xrealloc(w->h->pkgs, (w->h->npkgs + w->npkgs) *
							     sizeof(ssg_hpackage));
		memcpy(w->h->pkgs + w->h->npkgs, w->pkgs,
		       w->npkgs * sizeof(ssg_hpackage));
		w->h->npkgs += w->npkgs;
	}
	if (rc == SSG_OK)
		rc = load_events(w, from);
	if (rc == SSG_OK)
		settle(w->h);
	if (rc == SSG_OK && from < n) {
		ssg_progress_phase(w->prog, "cache", "", 0);
		cache_save(w, cache, keys, from ? &c : NULL);
	}
	if (from) {
		/* The strings of the commits and events taken are its. */
		w->h->cache_raw = c.raw;
		w->h->cache_nraw = c.nraw;
		c.raw = NULL;
	}
done:
	ssg_hcache_fini(&c);
	return rc;
}

/* ---- the chain, walked early ---- */

struct ssg_history_early {
	ssg_pool *pool; /* of one job: the chain; NULL once finished */
	bool taken;
	char *gitdir, *rev;
	ssg_diags *d; /* its own: a walk that fails is walked again */
	int rc;
	walk w;       /* with its chain read, when rc is SSG_OK */
};

static bool early_run(void *ctx, void *res, size_t k)
{
	ssg_history_early *e = ctx;
	walk *w = &e->w;
	bool found = false;
	(void)res;
	(void)k;
	if (git_repository_open_ext(&w->g, e->gitdir,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0 &&
	    git_repository_odb(&w->odb, w->g) == 0)
		e->rc = load_chain(w, e->rev, NULL, 0, &found);
	w->chained = e->rc == SSG_OK;
	return true;
}

ssg_history_early *ssg_history_early_start(ssg_repo *r, const char *rev)
{
	char *cache = ssg_hcache_path_of(ssg_repo_gitdir(r));
	struct stat st;
	bool has_cache = lstat(cache, &st) == 0;
	free(cache);
	if (has_cache || ssg_repo_is_shallow(r))
		return NULL;
	ssg_history_early *e = ssg_xcalloc(1, sizeof(*e));
	e->gitdir = ssg_xstrdup(ssg_repo_gitdir(r));
	e->rev = rev ? ssg_xstrdup(rev) : NULL;
	e->d = ssg_diags_new();
	e->rc = SSG_ERR_ENV; /* until the chain is read */
	git_libgit2_init();
	/* No progress: the build's is its main thread's. */
	walk_init(&e->w, NULL, 0, NULL, e->d);
	/* With no other core, the chain is read when taken, as without. */
	ssg_pool_opts po = {1, 2, e, early_run, NULL, NULL};
	e->pool = ssg_pool_start(&po);
	return e;
}

/* Waits for the chain (reads it here when no other thread did). */
static void early_finish(ssg_history_early *e)
{
	ssg_pool_finish(e->pool, NULL);
	e->pool = NULL;
}

void ssg_history_early_free(ssg_history_early *e)
{
	if (!e)
		return;
	if (e->pool) {
		ssg_pool_stop(e->pool); /* not begun: not needed */
		early_finish(e);
	}
	if (!e->taken) {
		walk_fini(&e->w);
		ssg_history_free(e->w.h);
	}
	ssg_diags_free(e->d);
	free(e->gitdir);
	free(e->rev);
	free(e);
	git_libgit2_shutdown();
}

/* The early walk's, when its chain was read: w then is it. */
static bool early_take(ssg_history_early *e, walk *w)
{
	if (!e)
		return false;
	early_finish(e);
	if (e->rc != SSG_OK)
		return false;
	*w = e->w;
	e->taken = true;
	return true;
}

int ssg_history_load(ssg_history **out, ssg_repo *r, const char *rev,
		     const ssg_history_key *keys, size_t nkeys,
		     ssg_progress *prog, ssg_diags *d)
{
	return ssg_history_load_early(out, r, rev, keys, nkeys, prog, d, NULL);
}

int ssg_history_load_early(ssg_history **out, ssg_repo *r, const char *rev,
			   const ssg_history_key *keys, size_t nkeys,
			   ssg_progress *prog, ssg_diags *d,
			   ssg_history_early *early)
{
	int rc = SSG_OK;
	walk w;
	bool took = early_take(early, &w);
	if (took) {
		w.keys = keys;
		w.nkeys = nkeys;
		w.prog = prog;
		w.d = d;
	} else {
		walk_init(&w, keys, nkeys, prog, d);
	}
	*out = NULL;
	char *cache = ssg_hcache_path_of(ssg_repo_gitdir(r));
	uint64_t sig = ssg_hcache_keys_sig(keys, nkeys);

	git_libgit2_init();
	if (ssg_repo_is_shallow(r)) {
		ssg_diags_env(d, "history needs the whole repository: this is "
				 "a shallow clone; run `git fetch "
				 "--unshallow`");
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (!took &&
	    (git_repository_open_ext(&w.g, ssg_repo_gitdir(r),
				     GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	     git_repository_odb(&w.odb, w.g) < 0)) {
		ssg_repo_fail(d, "cannot open repository %s",
			      ssg_repo_gitdir(r));
		rc = SSG_ERR_ENV;
		goto done;
	}
	bool again = false;
	/* An early walk read the chain without a cache, as there was none
	 * (one made since is not read: the walk is the same without). */
	rc = walk_run(&w, rev, cache, !took, sig, &again);
	if (again) {
		/* From the start, as with no cache: nothing of the first
		 * try (not even which versions it parsed) may show. */
		walk_state_fini(&w);
		ssg_history_free(w.h);
		git_repository *g = w.g;
		git_odb *odb = w.odb;
		walk_init(&w, keys, nkeys, prog, d);
		w.g = g;
		w.odb = odb;
		rc = walk_run(&w, rev, cache, false, sig, &again);
	}
	if (rc != SSG_OK)
		goto done;
	ssg_history *h = w.h;
	h->by_oid = ssg_xcalloc(h->ncommits + 1, sizeof(oid_ref));
	for (size_t i = 0; i < h->ncommits; i++)
		h->by_oid[i] = (oid_ref){h->commits[i].oid, i};
	ssg_sort(h->by_oid, h->ncommits, sizeof(oid_ref), by_oid_cmp);
	/* Sorted, the commits that share a short id are neighbours. */
	h->short_unique = ssg_xcalloc(h->ncommits + 1, sizeof(bool));
	for (size_t k = 0; k < h->ncommits; k++) {
		const char *o = h->by_oid[k].oid;
		h->short_unique[h->by_oid[k].i] =
			(k == 0 || strncmp(h->by_oid[k - 1].oid, o, 7) != 0) &&
			(k + 1 == h->ncommits ||
			 strncmp(h->by_oid[k + 1].oid, o, 7) != 0);
	}
	h->gitdir = ssg_xstrdup(git_repository_path(w.g));
	*out = h;
	w.h = NULL;
done:
	walk_fini(&w);
	ssg_history_free(w.h);
	free(cache);
	git_libgit2_shutdown();
	ssg_history_early_free(early);
	return rc;
}

void ssg_history_free(ssg_history *h)
{
	if (!h)
		return;
	ssg_hcache_save_end(h->save); /* it reads the arrays below */
	ssg_arena_free(h->a);
	free(h->gitdir);
	free(h->commits);
	free(h->by_oid);
	free(h->short_unique);
	free(h->ev);
	free(h->pages);
	free(h->pkgs);
	ssg_hcache_bytes_free(h->cache_raw, h->cache_nraw);
	free(h);
}

size_t ssg_history_ncommits(const ssg_history *h)
{
	return h->ncommits;
}

const ssg_hcommit *ssg_history_commit(const ssg_history *h, size_t i)
{
	return i < h->ncommits ? &h->commits[i] : NULL;
}

bool ssg_history_short_unique(const ssg_history *h, size_t i)
{
	return h->short_unique[i];
}

void ssg_history_memo_head(const ssg_history *h, uint64_t format,
			   const unsigned char sum[32],
			   unsigned char head[SSG_HISTORY_MEMO_HEAD])
{
	size_t n = h->ncommits;
	ssg_le64_put(head, format);
	ssg_le64_put(head + 8, ssg_store_program());
	memcpy(head + 16, sum, 32);
	ssg_le64_put(head + 48, n);
	memset(head + 56, '0', 40);
	if (n)
		memcpy(head + 56, h->commits[n - 1].oid, 40);
}

size_t ssg_history_memo_check(const ssg_history *h, const unsigned char *p,
			      size_t len, uint64_t format,
			      const unsigned char sum[32])
{
	if (len < SSG_HISTORY_MEMO_HEAD || ssg_le64_get(p) != format ||
	    ssg_le64_get(p + 8) != ssg_store_program() ||
	    memcmp(p + 16, sum, 32) != 0)
		return 0;
	uint64_t n1 = ssg_le64_get(p + 48);
	if (n1 == 0 || n1 > h->ncommits ||
	    memcmp(p + 56, h->commits[n1 - 1].oid, 40) != 0)
		return 0;
	return (size_t)n1;
}

long ssg_history_find(const ssg_history *h, const char *oid)
{
	size_t n = oid ? strlen(oid) : 0;
	char want[41];
	if (n < 4 || n > 40)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = oid[i];
		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return -1;
		want[i] = c;
	}
	want[n] = '\0';
	size_t lo = 0, hi = h->ncommits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(h->by_oid[mid].oid, want, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == h->ncommits || strncmp(h->by_oid[lo].oid, want, n) != 0)
		return -1;
	if (lo + 1 < h->ncommits &&
	    strncmp(h->by_oid[lo + 1].oid, want, n) == 0)
		return -1; /* ambiguous */
	return (long)h->by_oid[lo].i;
}

size_t ssg_history_settled(const ssg_history *h)
{
	return h->settled;
}

size_t ssg_history_nevents(const ssg_history *h)
{
	return h->nev;
}

const ssg_hev *ssg_history_event(const ssg_history *h, size_t i)
{
	return i < h->nev ? &h->ev[i] : NULL;
}

size_t ssg_history_npages(const ssg_history *h)
{
	return h->npages;
}

const ssg_hpage *ssg_history_page(const ssg_history *h, size_t i)
{
	return i < h->npages ? &h->pages[i] : NULL;
}

size_t ssg_history_npackages(const ssg_history *h)
{
	return h->npkgs;
}

const ssg_hpackage *ssg_history_package(const ssg_history *h, size_t i)
{
	return i < h->npkgs ? &h->pkgs[i] : NULL;
}
