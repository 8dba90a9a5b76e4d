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
 * Memory stays bounded on long histories: only the latest parsed version
 * of each table is held for sure; other parsed versions stay in a small
 * cache keyed by blob id (so a version that comes back, as after a
 * revert, is usually not parsed again), and a blob that failed to parse
 * keeps only its error, so it is never parsed twice.
 */
#include "history.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "diff.h"
#include "history_cache.h"
#include "pool.h"
#include "table.h"
#include "text.h"

/* Directory levels below content/; repo.h refuses deeper trees. */
#define MAX_DEPTH 32
/* Parsed versions kept beyond each table's latest one: enough for the
 * reverts seen in practice (to a version a few commits back). */
#define CACHE_BUDGET (8u * 1024 * 1024)
/* Directories a tree pass keeps read (treewalk): the new side of a
 * commit, content/ and its subdirectories, with room to spare. */
#define RECENT_TREES 8
/* Pairs of (removed, added) tables compared by content in one commit. */
#define MAX_RENAME_PAIRS 64
/* No real plan comes near this; a corrupt graph could. */
#define MAX_COMMITS 50000000u
#define ABLOCK 65536u

/* ---- arena: every string and array the history hands out ---- */

typedef struct ablock {
	struct ablock *next;
	size_t used, size;
	max_align_t data[];
} ablock;

typedef struct {
	ablock *head;
} arena;

static void *arena_alloc(arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	ablock *b = a->head;
	if (b && b->size - b->used >= n) {
		void *p = (char *)b->data + b->used;
		b->used += n;
		return p;
	}
	size_t size = n > ABLOCK ? n : ABLOCK;
	ablock *nb = ssg_xmalloc(sizeof(*nb) + size);
	nb->size = size;
	nb->used = n;
	/* A large block goes behind the current one, whose free space
	 * small strings still use. */
	if (b && n > ABLOCK / 4) {
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		a->head = nb;
	}
	return nb->data;
}

static const char *arena_strn(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void arena_fini(arena *a)
{
	while (a->head) {
		ablock *next = a->head->next;
		free(a->head);
		a->head = next;
	}
}

/* ---- interned strings: names, keys, paths (pointer-comparable) ---- */

typedef struct {
	const char *s;
	size_t n;
	uint64_t hash;
} istr;

typedef struct {
	istr *v;
	size_t n, cap;
	size_t *slots; /* id + 1; 0 = empty */
	size_t nslots;
} strtab;

static void strtab_fini(strtab *t)
{
	free(t->v);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static void strtab_rehash(strtab *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 256;
	size_t *slots = ssg_xcalloc(ns, sizeof(size_t));
	for (size_t i = 0; i < t->n; i++) {
		size_t p = (size_t)t->v[i].hash & (ns - 1);
		while (slots[p])
			p = (p + 1) & (ns - 1);
		slots[p] = i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = ns;
}

/* The id of s[0..n), added when new. */
static size_t intern_id(strtab *t, arena *a, const char *s, size_t n)
{
	if (2 * (t->n + 1) > t->nslots)
		strtab_rehash(t);
	uint64_t h = ssg_hash(s, n);
	size_t mask = t->nslots - 1;
	size_t p = (size_t)h & mask;
	for (; t->slots[p]; p = (p + 1) & mask) {
		const istr *e = &t->v[t->slots[p] - 1];
		if (e->hash == h && e->n == n && memcmp(e->s, s, n) == 0)
			return t->slots[p] - 1;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->v = ssg_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n] = (istr){arena_strn(a, s, n), n, h};
	t->slots[p] = t->n + 1;
	return t->n++;
}

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

/* ---- the history ---- */

typedef struct {
	const char *oid;
	size_t i;
} oid_ref;

struct ssg_history {
	arena a;
	char *gitdir; /* for the readers of page texts */
	ssg_hcommit *commits;
	size_t ncommits;
	oid_ref *by_oid; /* commits sorted by id, for find */
	ssg_hev *ev;
	size_t nev, evcap;
	ssg_hpage *pages;
	size_t npages, pagecap;
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

/* One version of a table, by blob id: parsed (t, while cached) or not
 * parseable (error, for good). */
typedef struct {
	git_oid id;
	ssg_table *t;
	const char *error;
	size_t cost;
	unsigned pins;
	uint64_t used;
} blob;

/* How many data lines of a version have each key hash (keys_collide):
 * open addressing; a slot once used stays used, its count may drop to 0. */
typedef struct {
	uint64_t *key;
	uint32_t *count;
	unsigned char *used;
	size_t cap, nused;
	size_t nbad;  /* lines whose key field is missing */
	uint64_t sig; /* the ksig it counts for; 0 when none */
} keycount;

/* The bytes of a table version cut into lines, for the row fast path. */
typedef struct {
	git_blob *blob; /* the version: a reference, not a copy, of its */
	const char *raw; /* bytes */
	size_t n;
	size_t *off, *len; /* line i is raw[off[i], off[i] + len[i]) */
	uint64_t *hash;
	/* Hash of each line's key (line_key) for the key columns `ksig`
	 * names; kok[i]: 0 not computed yet, 1 computed, 2 field missing.
	 * Carried from version to version with the unchanged lines. */
	uint64_t *khash;
	unsigned char *kok;
	uint64_t ksig;
	keycount kc;
	size_t nlines, cap;
} lines_t;

/* A table through its history, whatever its path at the time. */
typedef struct {
	const char *name; /* newest name */
	const ssg_history_key *key;
	blob *latest; /* last version that parsed; NULL when deleted */
	const char *latest_path; /* where latest was read */
	lines_t lines; /* latest's lines when `simple` (see fast_events) */
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
	strtab names;
	git_oid *ids; /* commits, oldest first */
	change *ch;
	size_t nch, chcap;
	size_t *cfirst, *cn; /* each commit's changes */
	rename_t *ren;       /* newest commit first */
	size_t nren, rencap;
	oidmap blobs;  /* git_oid → blob */
	blob **cached; /* blobs with a parsed table */
	size_t ncached, cachedcap, cost;
	uint64_t tick;
	lineage *lin;
	size_t nlin, lincap;
	size_t *path_lin; /* interned path → lineage + 1 */
	size_t npath_lin;
	ssg_buf tmp;
} walk;

static const char *istr_of(const walk *w, size_t id)
{
	return w->names.v[id].s;
}

static const char *intern(walk *w, const char *s)
{
	return istr_of(w, intern_id(&w->names, &w->h->a, s, strlen(s)));
}

/* ---- pass 0: the chain ---- */

static size_t trim_end(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
			 s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

static void commit_fill(walk *w, ssg_hcommit *hc, const git_commit *c)
{
	arena *a = &w->h->a;
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
	hc->message = arena_strn(a, ssg_buf_cstr(&msg), n);
	size_t first = strcspn(hc->message, "\n");
	hc->summary = arena_strn(a, hc->message, trim_end(hc->message, first));
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
			ssg_diags_env(w->d, "unknown revision '%s'",
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

/* Fills w->ids and h->commits, oldest first. */
static int load_chain(walk *w, const char *rev)
{
	ssg_history *h = w->h;
	git_commit *c = NULL;
	size_t cap = 0;
	int rc = resolve(w, rev, &c);
	while (rc == SSG_OK && c) {
		if (h->ncommits == MAX_COMMITS) {
			ssg_diags_env(w->d, "history longer than %u commits",
				      MAX_COMMITS);
			rc = SSG_ERR_ENV;
			break;
		}
		if (h->ncommits == cap) {
			cap = cap ? 2 * cap : 64;
			h->commits = ssg_xrealloc(h->commits,
						  cap * sizeof(*h->commits));
			w->ids = ssg_xrealloc(w->ids, cap * sizeof(*w->ids));
		}
		commit_fill(w, &h->commits[h->ncommits], c);
		w->ids[h->ncommits++] = *git_commit_id(c);
		ssg_progress_add(w->prog, 1, 0);
		git_commit *parent = NULL;
		if (git_commit_parentcount(c) > 0 &&
		    git_commit_parent(&parent, c, 0) < 0) {
			ssg_diags_env(w->d, "cannot read the parent of %s: %s",
				      h->commits[h->ncommits - 1].oid,
				      ssg_repo_git_error());
			rc = SSG_ERR_ENV;
		}
		git_commit_free(c);
		c = parent;
	}
	git_commit_free(c);
	for (size_t i = 0, j = h->ncommits; i + 1 < j; i++, j--) {
		ssg_hcommit t = h->commits[i];
		h->commits[i] = h->commits[j - 1];
		h->commits[j - 1] = t;
		git_oid o = w->ids[i];
		w->ids[i] = w->ids[j - 1];
		w->ids[j - 1] = o;
	}
	return rc;
}

/* ---- pass 1: changed files ---- */

static bool name_ok(const char *name)
{
	return name[0] && strcmp(name, ".") && strcmp(name, "..") &&
	       !strchr(name, '/');
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n > k && memcmp(s + n - k, suf, k) == 0;
}

static bool is_file(const git_tree_entry *e)
{
	git_filemode_t m = git_tree_entry_filemode(e);
	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static bool is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

static void add_change(walk *w, const char *path, size_t len,
		       const git_oid *old, const git_oid *new_, bool md)
{
	if (w->nch == w->chcap) {
		w->chcap = w->chcap ? 2 * w->chcap : 256;
		w->ch = ssg_xrealloc(w->ch, w->chcap * sizeof(*w->ch));
	}
	change *c = &w->ch[w->nch++];
	memset(c, 0, sizeof(*c));
	c->path = intern_id(&w->names, &w->h->a, path, len);
	c->path_s = istr_of(w, c->path);
	if (old)
		c->old = *old;
	if (new_)
		c->new_ = *new_;
	c->md = md;
}

/* Pass 1 is shared among threads by chunks of commits: each thread reads
 * trees through its own repository object and lists what it finds; the
 * walk then takes the lists in commit order. */
typedef struct {
	char *path;
	git_oid old, new_; /* zero where absent */
	bool md;
} found;

typedef struct {
	git_repository *g; /* the repository object of the running thread */
	const walk *w;     /* ids and commits, read only */
	ssg_hcommit *commits; /* each chunk sets `touched` of its own */
	size_t from, to;
	found *f;
	size_t nf, fcap;
	size_t *fn; /* per commit of the range, how many found */
	/* The directories read last: a commit's new trees are the next
	 * commit's old ones, and a directory of thousands of pages is
	 * worth reading once (libgit2 caches only small trees). */
	git_tree *recent[RECENT_TREES];
	size_t next_recent;
	ssg_diags *d;
	int rc;
} treewalk;

static void add_found(treewalk *t, const ssg_buf *path, const git_oid *old,
		      const git_oid *new_, bool md)
{
	if (t->nf == t->fcap) {
		t->fcap = t->fcap ? 2 * t->fcap : 256;
		t->f = ssg_xrealloc(t->f, t->fcap * sizeof(*t->f));
	}
	found *f = &t->f[t->nf++];
	memset(f, 0, sizeof(*f));
	f->path = ssg_xstrndup(path->data, path->len);
	if (old)
		f->old = *old;
	if (new_)
		f->new_ = *new_;
	f->md = md;
}

static int diff_dir(treewalk *w, ssg_buf *path, const git_tree *a,
		    const git_tree *b, bool md, unsigned depth);

static int lookup_tree(treewalk *w, git_tree **t, const git_tree_entry *e,
		       const ssg_buf *path)
{
	*t = NULL;
	if (!e)
		return SSG_OK;
	const git_oid *id = git_tree_entry_id(e);
	for (size_t k = 0; k < RECENT_TREES; k++)
		if (w->recent[k] && git_oid_equal(git_tree_id(w->recent[k]), id))
			return git_object_dup((git_object **)t,
					      (git_object *)w->recent[k]) < 0
				       ? SSG_ERR_ENV
				       : SSG_OK;
	if (git_tree_lookup(t, w->g, id) < 0) {
		ssg_diags_env(w->d, "cannot read tree %s: %s",
			      ssg_buf_cstr(path), ssg_repo_git_error());
		return SSG_ERR_ENV;
	}
	git_tree **slot = &w->recent[w->next_recent++ % RECENT_TREES];
	git_tree_free(*slot);
	(void)git_object_dup((git_object **)slot, (git_object *)*t);
	return SSG_OK;
}

/* One name of a directory, in the old tree (ea) and the new (eb). */
static int diff_entry(treewalk *w, ssg_buf *path, const char *name,
		      const git_tree_entry *ea, const git_tree_entry *eb,
		      bool md, unsigned depth)
{
	int rc = SSG_OK;
	git_tree *ta = NULL, *tb = NULL;
	if (ea && eb && git_oid_equal(git_tree_entry_id(ea),
				      git_tree_entry_id(eb)))
		return SSG_OK;
	size_t base = path->len;
	ssg_buf_putc(path, '/');
	ssg_buf_puts(path, name);

	bool wanted = has_suffix(name, md ? ".md" : ".csv");
	const git_oid *fa = ea && wanted && is_file(ea)
				    ? git_tree_entry_id(ea)
				    : NULL;
	const git_oid *fb = eb && wanted && is_file(eb)
				    ? git_tree_entry_id(eb)
				    : NULL;
	if ((fa || fb) && !(fa && fb && git_oid_equal(fa, fb)))
		add_found(w, path, fa, fb, md);

	/* Tables are the files directly in data/; pages nest. */
	if (md && (is_tree(ea) || is_tree(eb)) && depth < MAX_DEPTH) {
		rc = lookup_tree(w, &ta, is_tree(ea) ? ea : NULL, path);
		if (rc == SSG_OK)
			rc = lookup_tree(w, &tb, is_tree(eb) ? eb : NULL, path);
		if (rc == SSG_OK)
			rc = diff_dir(w, path, ta, tb, md, depth + 1);
	}
	git_tree_free(ta);
	git_tree_free(tb);
	path->len = base;
	path->data[base] = '\0';
	return rc;
}

/* Git's order of tree entries: by name, a directory's name as if it
 * ended in '/'. */
static int entry_cmp(const git_tree_entry *x, const git_tree_entry *y)
{
	const char *a = git_tree_entry_name(x), *b = git_tree_entry_name(y);
	bool tx = is_tree(x), ty = is_tree(y);
	/* Two files (most pairs, in a directory of pages) sort as their
	 * names do. */
	if (!tx && !ty)
		return strcmp(a, b);
	size_t na = strlen(a), nb = strlen(b), n = na < nb ? na : nb;
	int c = memcmp(a, b, n);
	if (c)
		return c;
	unsigned ca = na > n ? (unsigned char)a[n] : tx ? '/' : 0;
	unsigned cb = nb > n ? (unsigned char)b[n] : ty ? '/' : 0;
	return (ca > cb) - (ca < cb);
}

/* Both trees are sorted: one merge pass pairs their entries, where a
 * lookup by name for each would cost a binary search (a directory of
 * thousands of pages, in every commit).  A name that is a file on one
 * side and a directory on the other comes as two entries, each alone. */
static int diff_dir(treewalk *w, ssg_buf *path, const git_tree *a,
		    const git_tree *b, bool md, unsigned depth)
{
	int rc = SSG_OK;
	size_t nb = b ? git_tree_entrycount(b) : 0;
	size_t na = a ? git_tree_entrycount(a) : 0;
	size_t i = 0, j = 0;
	while ((i < na || j < nb) && rc == SSG_OK) {
		const git_tree_entry *ea =
			i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb =
			j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : entry_cmp(ea, eb);
		if (c < 0) {
			eb = NULL;
			i++;
		} else if (c > 0) {
			ea = NULL;
			j++;
		} else {
			i++;
			j++;
		}
		const char *name = git_tree_entry_name(ea ? ea : eb);
		if (name_ok(name))
			rc = diff_entry(w, path, name, ea, eb, md, depth);
	}
	return rc;
}

/* The changes of commit ci against the tree of its first parent (NULL
 * for the root commit). */
static int diff_commit(treewalk *w, size_t ci, const git_tree *pa,
		       const git_tree *tb)
{
	static const char *const tops[] = {"content", "data"};
	int rc = SSG_OK;
	ssg_buf path;
	ssg_buf_init(&path);
	size_t first = w->nf;
	for (size_t k = 0; k < 2 && rc == SSG_OK; k++) {
		const git_tree_entry *ea =
			pa ? git_tree_entry_byname(pa, tops[k]) : NULL;
		const git_tree_entry *eb = git_tree_entry_byname(tb, tops[k]);
		if (!is_tree(ea))
			ea = NULL;
		if (!is_tree(eb))
			eb = NULL;
		if ((!ea && !eb) ||
		    (ea && eb && git_oid_equal(git_tree_entry_id(ea),
					       git_tree_entry_id(eb))))
			continue;
		w->commits[ci].touched = true;
		git_tree *ta = NULL, *sb = NULL;
		ssg_buf_clear(&path);
		ssg_buf_puts(&path, tops[k]);
		rc = lookup_tree(w, &ta, ea, &path);
		if (rc == SSG_OK)
			rc = lookup_tree(w, &sb, eb, &path);
		if (rc == SSG_OK)
			rc = diff_dir(w, &path, ta, sb, k == 0, 0);
		git_tree_free(ta);
		git_tree_free(sb);
	}
	w->fn[ci - w->from] = w->nf - first;
	ssg_buf_fini(&path);
	return rc;
}

static int commit_tree(treewalk *t, size_t i, git_tree **out)
{
	git_commit *c = NULL;
	*out = NULL;
	if (git_commit_lookup(&c, t->g, &t->w->ids[i]) < 0 ||
	    git_commit_tree(out, c) < 0) {
		ssg_diags_env(t->d, "cannot read commit %s: %s",
			      t->commits[i].oid, ssg_repo_git_error());
		git_commit_free(c);
		return SSG_ERR_ENV;
	}
	git_commit_free(c);
	return SSG_OK;
}

/* Commits [t->from, t->to), reading through repository g. */
static void treewalk_run(treewalk *t, git_repository *g)
{
	git_tree *prev = NULL;
	t->g = g;
	t->rc = t->from > 0 ? commit_tree(t, t->from - 1, &prev) : SSG_OK;
	for (size_t i = t->from; i < t->to && t->rc == SSG_OK; i++) {
		git_tree *cur = NULL;
		t->rc = commit_tree(t, i, &cur);
		if (t->rc == SSG_OK)
			t->rc = diff_commit(t, i, prev, cur);
		git_tree_free(prev);
		prev = cur;
	}
	git_tree_free(prev);
	for (size_t k = 0; k < RECENT_TREES; k++) {
		git_tree_free(t->recent[k]);
		t->recent[k] = NULL;
	}
	ssg_progress_add(t->w->prog, t->to - t->from, 0);
}

/* The commits in chunks, jobs of a pool (pool.h): later commits have
 * larger trees, so halves would not take the same time. */
#define CHUNK 256

static bool chunk_run(void *ctx, void *res, size_t k)
{
	treewalk *chunks = ctx;
	treewalk_run(&chunks[k], res);
	return true; /* each chunk reports its own failure */
}

static void *chunk_repo(void *ctx)
{
	const treewalk *chunks = ctx;
	git_repository *g = NULL;
	if (git_repository_open_ext(&g, git_repository_path(chunks[0].w->g),
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		return NULL;
	return g;
}

static void chunk_repo_free(void *g)
{
	git_repository_free(g);
}

static int change_cmp(const void *x, const void *y)
{
	const change *a = x, *b = y;
	return strcmp(a->path_s, b->path_s);
}

/* Below this many commits a second thread costs more than it saves. */
#define PARALLEL_COMMITS 2000

/* The changes of commits [from, ncommits). */
static int load_changes(walk *w, size_t from)
{
	size_t n = w->h->ncommits;
	w->cfirst = ssg_xcalloc(n + 1, sizeof(size_t));
	w->cn = ssg_xcalloc(n + 1, sizeof(size_t));
	size_t nchunks = (n - from + CHUNK - 1) / CHUNK;
	treewalk *chunks = ssg_xcalloc(nchunks + 1, sizeof(treewalk));
	for (size_t k = 0; k < nchunks; k++) {
		treewalk *t = &chunks[k];
		t->w = w;
		t->commits = w->h->commits;
		t->from = from + k * CHUNK;
		t->to = t->from + CHUNK < n ? t->from + CHUNK : n;
		t->fn = ssg_xcalloc(t->to - t->from, sizeof(size_t));
		t->d = ssg_diags_new();
	}
	ssg_pool_opts po = {nchunks, n - from < PARALLEL_COMMITS ? 1 : 2, chunks,
			    chunk_run, chunk_repo, chunk_repo_free};
	ssg_pool_finish(ssg_pool_start(&po), w->g);

	int rc = SSG_OK;
	for (size_t k = 0; k < nchunks; k++) {
		treewalk *t = &chunks[k];
		ssg_diags_move(w->d, t->d);
		if (rc == SSG_OK)
			rc = t->rc;
		size_t at = 0;
		for (size_t ci = t->from; ci < t->to && rc == SSG_OK; ci++) {
			w->cfirst[ci] = w->nch;
			for (size_t j = 0; j < t->fn[ci - t->from]; j++, at++) {
				const found *f = &t->f[at];
				add_change(w, f->path, strlen(f->path),
					   git_oid_is_zero(&f->old) ? NULL
								  : &f->old,
					   git_oid_is_zero(&f->new_) ? NULL
								   : &f->new_,
					   f->md);
			}
			w->cn[ci] = w->nch - w->cfirst[ci];
			if (w->cn[ci] > 1)
				qsort(w->ch + w->cfirst[ci], w->cn[ci],
				      sizeof(change), change_cmp);
		}
		for (size_t j = 0; j < t->nf; j++)
			free(t->f[j].path);
		free(t->f);
		free(t->fn);
		ssg_diags_free(t->d);
	}
	free(chunks);
	return rc;
}

/* ---- versions of tables ---- */

static const char *first_error(walk *w, ssg_diags *pd)
{
	ssg_diags_sort(pd);
	for (size_t i = 0; i < ssg_diags_count(pd); i++) {
		const ssg_diag *g = ssg_diags_get(pd, i);
		if (g->sev != SSG_SEV_ERROR)
			continue;
		ssg_buf_clear(&w->tmp);
		if (g->path && g->line)
			ssg_buf_printf(&w->tmp, "%s:%u:%u: %s", g->path,
				       g->line, g->col ? g->col : 1, g->msg);
		else if (g->path)
			ssg_buf_printf(&w->tmp, "%s: %s", g->path, g->msg);
		else
			ssg_buf_puts(&w->tmp, g->msg);
		return arena_strn(&w->h->a, w->tmp.data, w->tmp.len);
	}
	return "unknown error";
}

static void cache_drop(walk *w, size_t i)
{
	blob *b = w->cached[i];
	ssg_table_free(b->t);
	b->t = NULL;
	w->cost -= b->cost;
	b->cost = 0;
	w->cached[i] = w->cached[--w->ncached];
}

/* Frees the least recently used unpinned tables beyond the budget. */
static void cache_trim(walk *w, const blob *keep)
{
	while (w->cost > CACHE_BUDGET) {
		size_t victim = SIZE_MAX;
		for (size_t i = 0; i < w->ncached; i++) {
			const blob *b = w->cached[i];
			if (b->pins || b == keep)
				continue;
			if (victim == SIZE_MAX ||
			    b->used < w->cached[victim]->used)
				victim = i;
		}
		if (victim == SIZE_MAX)
			return;
		cache_drop(w, victim);
	}
}

/* Blob `id` of g (header through odb first: a blob over the size limit
 * is not read).  *size is set whenever the header could be read. */
typedef enum { BLOB_OK, BLOB_LIMIT, BLOB_UNREADABLE, BLOB_NOT_BLOB } blob_read;

static blob_read blob_lookup(git_repository *g, git_odb *odb,
			     const git_oid *id, git_blob **out, size_t *size)
{
	git_object_t type = GIT_OBJECT_INVALID;
	*out = NULL;
	if (git_odb_read_header(size, &type, odb, id) < 0)
		return BLOB_UNREADABLE;
	if (type != GIT_OBJECT_BLOB)
		return BLOB_NOT_BLOB;
	if (*size > SSG_REPO_MAX_FILE)
		return BLOB_LIMIT;
	return git_blob_lookup(out, g, id) < 0 ? BLOB_UNREADABLE : BLOB_OK;
}

static int read_blob(walk *w, const git_oid *id, const char *path,
		     git_blob **out, size_t *size)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	switch (blob_lookup(w->g, w->odb, id, out, size)) {
	case BLOB_OK:
		return SSG_OK;
	case BLOB_LIMIT:
		return SSG_ERR_LIMIT;
	case BLOB_NOT_BLOB:
		ssg_diags_env(w->d, "corrupt repository: %s (%s) is not a blob",
			      path, hex);
		return SSG_ERR_ENV;
	case BLOB_UNREADABLE:
		break;
	}
	ssg_diags_env(w->d, "cannot read %s (blob %s): %s", path, hex,
		      ssg_repo_git_error());
	return SSG_ERR_ENV;
}

/* The record of blob `id`, made (neither parsed nor failed) when new. */
static blob *blob_of(walk *w, const git_oid *id)
{
	blob *b = oidmap_get(&w->blobs, id);
	if (!b) {
		b = arena_alloc(&w->h->a, sizeof(*b));
		memset(b, 0, sizeof(*b));
		b->id = *id;
		oidmap_put(&w->blobs, id, b);
	}
	return b;
}

/* The version of a table with blob `id`, parsed unless it is cached or
 * known not to parse.  SSG_ERR_ENV only when the repository fails. */
static int blob_get(walk *w, const git_oid *id, const char *path,
		    blob **out)
{
	blob *b = blob_of(w, id);
	b->used = ++w->tick;
	*out = b;
	if (b->t || b->error)
		return SSG_OK;

	git_blob *gb = NULL;
	size_t size = 0;
	int rc = read_blob(w, id, path, &gb, &size);
	if (rc == SSG_ERR_LIMIT) {
		ssg_buf_clear(&w->tmp);
		ssg_buf_printf(&w->tmp,
			       "%s: file is too large (%zu bytes; the limit "
			       "is %u MiB)",
			       path, size, SSG_REPO_MAX_FILE / (1024 * 1024));
		b->error = arena_strn(&w->h->a, w->tmp.data, w->tmp.len);
		return SSG_OK;
	}
	if (rc != SSG_OK)
		return rc;
	ssg_diags *pd = ssg_diags_new();
	ssg_table *t = NULL;
	if (ssg_table_parse(&t, path, git_blob_rawcontent(gb),
			    (size_t)git_blob_rawsize(gb), pd) != SSG_OK) {
		ssg_table_free(t);
		b->error = first_error(w, pd);
	} else {
		b->t = t;
		b->cost = size + 4 * (ssg_table_nrows(t) + 1) *
					 (ssg_table_ncols(t) + 1) +
			  256;
		if (w->ncached == w->cachedcap) {
			w->cachedcap = w->cachedcap ? 2 * w->cachedcap : 64;
			w->cached = ssg_xrealloc(
				w->cached, w->cachedcap * sizeof(*w->cached));
		}
		w->cached[w->ncached++] = b;
		w->cost += b->cost;
		cache_trim(w, b);
	}
	ssg_diags_free(pd);
	git_blob_free(gb);
	return SSG_OK;
}

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
	size_t n = w->names.v[path].n;
	return istr_of(w, intern_id(&w->names, &w->h->a, p + 5, n - 9));
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
static long shared_rows(const blob *a, const blob *b,
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
		blob *a = NULL;
		rc = blob_get(w, &c[i].old, istr_of(w, c[i].path), &a);
		if (rc != SSG_OK || !a->t)
			continue;
		a->pins++;
		long best = 0;
		size_t best_j = SIZE_MAX;
		for (size_t j = 0; j < n && rc == SSG_OK; j++) {
			if (taken[j] || !is_table(&c[j]) ||
			    !git_oid_is_zero(&c[j].old))
				continue;
			blob *b = NULL;
			rc = blob_get(w, &c[j].new_, istr_of(w, c[j].path), &b);
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
	return e;
}

static const char *astr(walk *w, const char *s)
{
	return s ? arena_strn(&w->h->a, s, strlen(s)) : NULL;
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
				cols = arena_alloc(&w->h->a, (r->ncols + 1) *
								     sizeof(char *));
				for (size_t j = 0; j < r->ncols; j++)
					cols[j] = intern(w, r->cols[j]);
			}
			const char **vals = arena_alloc(
				&w->h->a, (r->ncols + 1) * sizeof(char *));
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

static void set_latest(lineage *l, blob *b, const char *path)
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
	size_t n = w->names.cap;
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

/* ---- the row fast path ----
 *
 * Most versions of a big table change a few rows.  When both versions
 * are "simple" -- every line a whole record (no CR, no empty line, an
 * even number of quotes on each line, a final LF) and the same header
 * line -- the rows on unchanged lines give no event, so only the changed
 * lines are parsed and diffed, as two small tables under the same
 * header.  The events are the full diff's: ADDED and CHANGED follow the
 * new table's order and REMOVED the old one's in both, and a key on a
 * changed line that might equal one on an unchanged line (the full diff
 * would see a duplicate) sends the version down the full path, as does
 * anything the small tables do not parse or match. */

static void kc_fini(keycount *c)
{
	free(c->key);
	free(c->count);
	free(c->used);
	memset(c, 0, sizeof(*c));
}

static size_t kc_slot(const keycount *c, uint64_t k)
{
	size_t mask = c->cap - 1, i = (size_t)(k ^ (k >> 29)) & mask;
	while (c->used[i] && c->key[i] != k)
		i = (i + 1) & mask;
	return i;
}

static uint32_t kc_get(const keycount *c, uint64_t k)
{
	if (!c->cap)
		return 0;
	size_t i = kc_slot(c, k);
	return c->used[i] ? c->count[i] : 0;
}

static void kc_add(keycount *c, uint64_t k, int delta)
{
	if (2 * (c->nused + 1) > c->cap) {
		keycount old = *c;
		c->cap = old.cap ? 2 * old.cap : 64;
		c->key = ssg_xcalloc(c->cap, sizeof(*c->key));
		c->count = ssg_xcalloc(c->cap, sizeof(*c->count));
		c->used = ssg_xcalloc(c->cap, 1);
		c->nused = 0;
		for (size_t i = 0; i < old.cap; i++) {
			if (!old.used[i] || !old.count[i])
				continue;
			size_t j = kc_slot(c, old.key[i]);
			c->used[j] = 1;
			c->key[j] = old.key[i];
			c->count[j] = old.count[i];
			c->nused++;
		}
		free(old.key);
		free(old.count);
		free(old.used);
	}
	size_t i = kc_slot(c, k);
	if (!c->used[i]) {
		c->used[i] = 1;
		c->key[i] = k;
		c->count[i] = 0;
		c->nused++;
	}
	c->count[i] = (uint32_t)((int64_t)c->count[i] + delta);
}

static void lines_fini(lines_t *t)
{
	kc_fini(&t->kc);
	git_blob_free(t->blob);
	free(t->off);
	free(t->len);
	free(t->hash);
	free(t->khash);
	free(t->kok);
	memset(t, 0, sizeof(*t));
}

static void lines_push(lines_t *t, size_t off, size_t len, uint64_t hash)
{
	if (t->nlines == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->off = ssg_xrealloc(t->off, t->cap * sizeof(size_t));
		t->len = ssg_xrealloc(t->len, t->cap * sizeof(size_t));
		t->hash = ssg_xrealloc(t->hash, t->cap * sizeof(uint64_t));
		t->khash = ssg_xrealloc(t->khash, t->cap * sizeof(uint64_t));
		t->kok = ssg_xrealloc(t->kok, t->cap);
	}
	t->off[t->nlines] = off;
	t->len[t->nlines] = len;
	t->hash[t->nlines] = hash;
	t->kok[t->nlines] = 0;
	t->nlines++;
}

/* Whether s can be cut into simple lines at all. */
static bool lines_ok(const char *s, size_t n)
{
	return n > 0 && s[n - 1] == '\n' && n <= SSG_TABLE_MAX_BYTES &&
	       !memchr(s, '\r', n);
}

/* Appends the lines of s[from, to) (whole lines) to t; false when one is
 * not simple. */
static bool lines_scan_one(lines_t *t, const char *s, size_t *at, size_t to)
{
	size_t i = *at;
	const char *nl = memchr(s + i, '\n', to - i);
	size_t len = (size_t)(nl - (s + i));
	if (len == 0 || t->nlines > SSG_TABLE_MAX_ROWS)
		return false;
	size_t quotes = 0;
	for (const char *q = s + i; (q = memchr(q, '"', (size_t)(nl - q))); q++)
		quotes++;
	if (quotes % 2)
		return false;
	lines_push(t, i, len, ssg_hash(s + i, len));
	*at = i + len + 1;
	return true;
}

static bool lines_scan(lines_t *t, const char *s, size_t from, size_t to)
{
	size_t i = from;
	while (i < to)
		if (!lines_scan_one(t, s, &i, to))
			return false;
	return true;
}

/* Appends o's line k, found at s[at], with what is known of it. */
static void lines_take(lines_t *t, const lines_t *o, size_t k, size_t at)
{
	lines_push(t, at, o->len[k], o->hash[k]);
	t->khash[t->nlines - 1] = o->khash[k];
	t->kok[t->nlines - 1] = o->kok[k];
}

/* t's bytes are now gb's: a second reference (copying each version of a
 * big table was a tenth of a walk). */
static void lines_keep(lines_t *t, git_blob *gb)
{
	git_blob *ref = NULL;
	(void)git_blob_dup(&ref, gb); /* counts a reference; cannot fail */
	git_blob_free(t->blob);
	t->blob = ref;
	t->raw = git_blob_rawcontent(ref);
	t->n = (size_t)git_blob_rawsize(ref);
}

/* Cuts the bytes of gb into t; false when not simple. */
static bool lines_cut(lines_t *t, git_blob *gb)
{
	const char *s = git_blob_rawcontent(gb);
	size_t n = (size_t)git_blob_rawsize(gb);
	t->nlines = 0;
	t->ksig = 0;
	t->kc.sig = 0;
	if (!lines_ok(s, n) || !lines_scan(t, s, 0, n))
		return false;
	lines_keep(t, gb);
	return true;
}

/* Length of the common start of a and b (at most n bytes). */
static size_t common_prefix(const char *a, const char *b, size_t n)
{
	size_t i = 0;
	while (i + 64 <= n && memcmp(a + i, b + i, 64) == 0)
		i += 64;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* Length of the common end of a[0..na) and b[0..nb), at most n. */
static size_t common_suffix(const char *a, size_t na, const char *b,
			    size_t nb, size_t n)
{
	size_t i = 0;
	while (i + 64 <= n && memcmp(a + na - i - 64, b + nb - i - 64, 64) == 0)
		i += 64;
	while (i < n && a[na - 1 - i] == b[nb - 1 - i])
		i++;
	return i;
}

/* lines_cut of s[0..n), the next version of o: the lines both share at
 * the start and at the end are taken from o with their hashes, so only
 * the changed middle is cut and hashed.  The same lines as lines_cut. */
static bool lines_next(lines_t *t, const lines_t *o, git_blob *gb)
{
	const char *s = git_blob_rawcontent(gb);
	size_t n = (size_t)git_blob_rawsize(gb);
	t->nlines = 0;
	t->ksig = o->ksig;
	if (!lines_ok(s, n))
		return false;
	size_t m = o->n < n ? o->n : n;
	size_t p = common_prefix(o->raw, s, m);
	/* o's lines wholly inside the common start */
	size_t lo = 0, hi = o->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->off[mid] + o->len[mid] + 1 <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t pl = lo;
	size_t P = pl ? o->off[pl - 1] + o->len[pl - 1] + 1 : 0;
	size_t q = common_suffix(o->raw, o->n, s, n, m - P);
	/* o's first line of the common end: it starts inside the end and,
	 * in s, after a line break or where the start ends */
	lo = pl;
	hi = o->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->off[mid] >= o->n - q)
			hi = mid;
		else
			lo = mid + 1;
	}
	size_t fs = lo;
	if (fs < o->nlines) {
		size_t np = o->off[fs] + n - o->n;
		if (np != P && s[np - 1] != '\n')
			fs++;
	}
	size_t Q = fs < o->nlines ? o->n - o->off[fs] : 0;
	for (size_t i = 0; i < pl; i++)
		lines_take(t, o, i, o->off[i]);
	/* The middle: a version that changes values in place keeps most
	 * lines where they were, and comparing a line costs less than
	 * cutting and hashing it. */
	size_t k = pl, end = n - Q;
	for (size_t i = P; i < end; k++) {
		if (k < fs && o->len[k] < end - i && s[i + o->len[k]] == '\n' &&
		    memcmp(s + i, o->raw + o->off[k], o->len[k]) == 0 &&
		    t->nlines <= SSG_TABLE_MAX_ROWS) {
			lines_take(t, o, k, i);
			i += o->len[k] + 1;
		} else if (!lines_scan_one(t, s, &i, end)) {
			return false;
		}
	}
	for (size_t i = fs; i < o->nlines; i++)
		lines_take(t, o, i, o->off[i] + n - o->n);
	if (t->nlines > SSG_TABLE_MAX_ROWS + 1)
		return false;
	lines_keep(t, gb);
	return true;
}

static const char *line_at(const lines_t *t, size_t i)
{
	return t->raw + t->off[i];
}

typedef struct {
	const lines_t *a, *b;
} lines_pair;

/* Line i + 1 of a against line j + 1 of b (the header is not diffed). */
static bool line_eq(void *ctx, size_t i, size_t j)
{
	const lines_pair *p = ctx;
	return p->a->len[i + 1] == p->b->len[j + 1] &&
	       memcmp(line_at(p->a, i + 1), line_at(p->b, j + 1),
		      p->a->len[i + 1]) == 0;
}

/* Field `col` of a simple line, quotes and all; false when missing. */
static bool line_field(const char *s, size_t n, char delim, size_t col,
		       const char **f, size_t *fn)
{
	size_t start = 0, k = 0;
	bool quoted = false;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] == '"')
			quoted = !quoted;
		if (i < n && (quoted || s[i] != delim))
			continue;
		if (k++ == col) {
			*f = s + start;
			*fn = i - start;
			return true;
		}
		start = i + 1;
	}
	return false;
}

/* A hash of the key of a line that equal keys (as diff.h matches them:
 * NFC, white space, case) always share: the fold of text.h drops marks,
 * case, quotes and spacing.  Different hashes, different keys. */
static uint64_t line_key(walk *w, lines_t *t, size_t line, char delim,
			 const size_t *cols, size_t ncols, bool *ok)
{
	if (t->kok[line]) {
		*ok = t->kok[line] == 1;
		return t->khash[line];
	}
	ssg_buf_clear(&w->tmp);
	for (size_t k = 0; k < ncols; k++) {
		const char *f;
		size_t fn;
		if (!line_field(line_at(t, line), t->len[line], delim, cols[k],
				&f, &fn)) {
			*ok = false;
			t->kok[line] = 2;
			t->khash[line] = 0;
			return 0;
		}
		ssg_text_fold(&w->tmp, f, fn);
		ssg_buf_putc(&w->tmp, '\x1f');
	}
	uint64_t h = ssg_hash(w->tmp.data, w->tmp.len);
	t->kok[line] = 1;
	t->khash[line] = h;
	return h;
}

/* The key hashes kept in t are for one choice of key columns and
 * delimiter: another forgets them. */
static void lines_key_sig(lines_t *t, char delim, const size_t *cols,
			  size_t ncols)
{
	uint64_t sig = ssg_hash(cols, ncols * sizeof(*cols)) ^
		       (uint64_t)(unsigned char)delim;
	sig |= 1; /* never 0, the value of "none" */
	if (t->ksig != sig) {
		memset(t->kok, 0, t->nlines);
		t->ksig = sig;
	}
}

/* Key columns as diff.h finds them, when the names are plain ASCII. */
static bool key_cols(const ssg_table *t, const ssg_history_key *k,
		     size_t *cols, size_t max, size_t *ncols)
{
	*ncols = 0;
	if (!k || k->ncols == 0) {
		long c = ssg_table_col_find(t, "id");
		cols[0] = c < 0 ? 0 : (size_t)c;
		*ncols = 1;
		return ssg_table_ncols(t) > 0;
	}
	if (k->ncols > max)
		return false;
	for (size_t i = 0; i < k->ncols; i++) {
		for (const char *p = k->cols[i]; *p; p++)
			if ((unsigned char)*p >= 0x80)
				return false;
		long c = ssg_table_col_find(t, k->cols[i]);
		if (c < 0)
			return false;
		cols[i] = (size_t)c;
	}
	*ncols = k->ncols;
	return true;
}

/* Header plus the lines of t in runs of kind `op` of e. */
static void mini_csv(ssg_buf *out, const lines_t *t, const ssg_edits *e,
		     ssg_diff_op op)
{
	ssg_buf_put(out, line_at(t, 0), t->len[0] + 1);
	for (size_t r = 0; r < e->len; r++) {
		const ssg_diff_run *run = &e->runs[r];
		if (run->op != op)
			continue;
		size_t first = op == SSG_DIFF_DELETE ? run->a : run->b;
		for (size_t i = first + 1; i <= first + run->len; i++)
			ssg_buf_put(out, line_at(t, i), t->len[i] + 1);
	}
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* Counts the keys of all of t's data lines, once per choice of key. */
static void kc_count(walk *w, lines_t *t, char delim, const size_t *cols,
		     size_t ncols)
{
	if (t->kc.sig == t->ksig)
		return;
	kc_fini(&t->kc);
	for (size_t i = 1; i < t->nlines; i++) {
		bool ok = true;
		uint64_t k = line_key(w, t, i, delim, cols, ncols, &ok);
		if (ok)
			kc_add(&t->kc, k, 1);
		else
			t->kc.nbad++;
	}
	t->kc.sig = t->ksig;
}

/* The keys of the lines of kind `op` of e (DELETE: a's, INSERT: b's),
 * appended to *keys; false when one has no key field. */
static bool changed_keys(walk *w, lines_t *a, lines_t *b, const ssg_edits *e,
			 ssg_diff_op op, char delim, const size_t *cols,
			 size_t ncols, uint64_t **keys, size_t *n, size_t *cap)
{
	lines_t *t = op == SSG_DIFF_DELETE ? a : b;
	bool ok = true;
	for (size_t r = 0; r < e->len && ok; r++) {
		const ssg_diff_run *run = &e->runs[r];
		if (run->op != op)
			continue;
		size_t first = op == SSG_DIFF_DELETE ? run->a : run->b;
		for (size_t i = first + 1; i <= first + run->len && ok; i++) {
			if (*n == *cap) {
				*cap = *cap ? 2 * *cap : 16;
				*keys = ssg_xrealloc(*keys,
						     *cap * sizeof(**keys));
			}
			(*keys)[(*n)++] = line_key(w, t, i, delim, cols,
						   ncols, &ok);
		}
	}
	return ok;
}

/* How many of the sorted keys[0..n) equal k. */
static size_t count_in(const uint64_t *keys, size_t n, uint64_t k)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (keys[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t c = 0;
	while (lo + c < n && keys[lo + c] == k)
		c++;
	return c;
}

/* The key hashes of a version's changed lines: the deleted ones (a's)
 * first, then the inserted ones (b's). */
typedef struct {
	uint64_t *keys;
	size_t ndel, n, cap;
} changed;

/* True when a key of a changed line may be the key of a line both
 * versions share.  The shared lines are a's lines less the deleted
 * ones, so a's key counts (kept from version to version) less the
 * deleted keys answer it without looking at the shared lines.  Fills
 * *ch for kc_pass. */
static bool keys_collide(walk *w, lines_t *a, lines_t *b,
			 const ssg_edits *e, char delim, const size_t *cols,
			 size_t ncols, changed *ch)
{
	lines_key_sig(a, delim, cols, ncols);
	lines_key_sig(b, delim, cols, ncols);
	kc_count(w, a, delim, cols, ncols);
	bool hit = !changed_keys(w, a, b, e, SSG_DIFF_DELETE, delim, cols,
				 ncols, &ch->keys, &ch->n, &ch->cap);
	ch->ndel = ch->n;
	hit = hit || !changed_keys(w, a, b, e, SSG_DIFF_INSERT, delim, cols,
				   ncols, &ch->keys, &ch->n, &ch->cap);
	/* A shared line without its key field: the full path says why. */
	hit = hit || (ch->n && a->kc.nbad);
	qsort(ch->keys, ch->ndel, sizeof(*ch->keys), u64_cmp);
	for (size_t i = 0; i < ch->n && !hit; i++)
		hit = kc_get(&a->kc, ch->keys[i]) >
		      count_in(ch->keys, ch->ndel, ch->keys[i]);
	return hit;
}

/* b's key counts, from a's (taken) and the changed lines' keys. */
static void kc_pass(lines_t *a, lines_t *b, const changed *ch)
{
	kc_fini(&b->kc);
	b->kc = a->kc;
	memset(&a->kc, 0, sizeof(a->kc));
	for (size_t i = 0; i < ch->n; i++)
		kc_add(&b->kc, ch->keys[i], i < ch->ndel ? -1 : 1);
	b->kc.sig = b->ksig;
}

/* The version `id` of the lineage's table by the fast path: true when it
 * recorded the events (l->latest is then that version), false when the
 * full path must. */
static int fast_events(walk *w, lineage *l, size_t ci, const git_oid *id,
		       const char *path, bool *done)
{
	*done = false;
	if (!l->latest || !l->simple || l->lines.nlines == 0)
		return SSG_OK;
	git_blob *gb = NULL;
	size_t size = 0;
	ssg_buf oa, ob;
	ssg_edits e;
	ssg_table *ta = NULL, *tb = NULL;
	ssg_diags *pd = NULL;
	ssg_row_events *re = NULL;
	lines_t nl;
	changed ch = {0};
	int rc = SSG_OK;
	memset(&nl, 0, sizeof(nl));
	ssg_buf_init(&oa);
	ssg_buf_init(&ob);
	ssg_edits_init(&e);
	rc = read_blob(w, id, path, &gb, &size);
	if (rc == SSG_ERR_LIMIT)
		rc = SSG_OK; /* the full path reports it */
	if (rc != SSG_OK || !gb)
		goto done;
	lines_t *ol = &l->lines;
	if (!lines_next(&nl, ol, gb) ||
	    nl.len[0] != ol->len[0] ||
	    memcmp(line_at(&nl, 0), line_at(ol, 0), ol->len[0]) != 0)
		goto done;
	lines_pair lp = {ol, &nl};
	ssg_diff_hashes(&e, ol->hash + 1, ol->nlines - 1, nl.hash + 1,
			nl.nlines - 1, line_eq, &lp, 0);
	mini_csv(&oa, ol, &e, SSG_DIFF_DELETE);
	mini_csv(&ob, &nl, &e, SSG_DIFF_INSERT);
	pd = ssg_diags_new();
	if (ssg_table_parse(&ta, path, oa.data, oa.len, pd) != SSG_OK ||
	    ssg_table_parse(&tb, path, ob.data, ob.len, pd) != SSG_OK)
		goto done;
	size_t cols[16], ncols = 0;
	if (!key_cols(tb, l->key, cols, 16, &ncols) ||
	    keys_collide(w, ol, &nl, &e, ssg_table_delimiter(tb), cols,
			 ncols, &ch))
		goto done;
	if (diff_tables(&re, ta, tb, l->key, pd) != SSG_OK)
		goto done;
	add_row_events(w, l, ci, re);
	kc_pass(ol, &nl, &ch);
	set_latest(l, blob_of(w, id), path);
	lines_t t = l->lines;
	l->lines = nl;
	l->simple = true;
	nl = t;
	*done = true;
done:
	free(ch.keys);
	lines_fini(&nl);
	ssg_row_events_free(re);
	ssg_table_free(ta);
	ssg_table_free(tb);
	ssg_diags_free(pd);
	ssg_edits_fini(&e);
	ssg_buf_fini(&oa);
	ssg_buf_fini(&ob);
	git_blob_free(gb);
	return rc;
}

/* The lineage's latest version parsed (the fast path leaves it as
 * bytes); it parsed before, so only the repository can fail. */
static int latest_parsed(walk *w, lineage *l)
{
	if (!l->latest || l->latest->t)
		return SSG_OK;
	blob *b = NULL;
	return blob_get(w, &l->latest->id, l->latest_path, &b);
}

/* Keeps the lines of the lineage's latest version for the fast path. */
static int latest_cut(walk *w, lineage *l)
{
	l->simple = false;
	if (!l->latest)
		return SSG_OK;
	git_blob *gb = NULL;
	size_t size = 0;
	int rc = read_blob(w, &l->latest->id, l->latest_path, &gb, &size);
	if (rc == SSG_ERR_LIMIT)
		return SSG_OK;
	if (rc == SSG_OK)
		l->simple = lines_cut(&l->lines, gb);
	git_blob_free(gb);
	return rc;
}

/* Diffs the lineage's latest version (parsed) against b and records
 * events; true when b became the latest. */
static bool table_events(walk *w, lineage *l, size_t ci, blob *b,
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
		add_gap(w, l, ci, first_error(w, new_ ? alone : pd));
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
	blob *b = oidmap_get(&w->blobs, &c->new_);
	if (b && b == l->latest)
		return SSG_OK; /* back to the last version that parsed */
	if (!b || (!b->t && !b->error)) {
		bool done = false;
		rc = fast_events(w, l, ci, &c->new_, path, &done);
		if (rc != SSG_OK || done)
			return rc;
	}
	rc = blob_get(w, &c->new_, path, &b);
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
	cache_trim(w, NULL);
	return rc;
}

struct ssg_history_reader {
	git_repository *g;
	git_odb *odb;
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

bool ssg_history_page_text(ssg_history_reader *r, const ssg_hpage *p,
			   bool after, ssg_buf *out)
{
	ssg_buf_clear(out);
	git_oid id;
	git_oid_fromraw(&id, after ? p->new_id : p->old_id);
	if (git_oid_is_zero(&id))
		return true;
	git_blob *gb = NULL;
	size_t size = 0;
	blob_read got = r ? blob_lookup(r->g, r->odb, &id, &gb, &size)
			  : BLOB_UNREADABLE;
	if (got == BLOB_OK) {
		const char *raw = git_blob_rawcontent(gb);
		size_t n = (size_t)git_blob_rawsize(gb), bad = 0;
		if (ssg_text_utf8_valid(raw, n, &bad))
			ssg_text_nfc(out, raw, n);
		else /* the build refuses it; the diff still shows the bytes
		      * up to the first NUL */
			ssg_buf_put(out, raw, strnlen(raw, n));
	}
	git_blob_free(gb);
	/* Over the limit: the build reports it; no word diff of it. */
	return got == BLOB_OK || got == BLOB_LIMIT;
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

static int load_events(walk *w, size_t from)
{
	ssg_history *h = w->h;
	int rc = SSG_OK;
	size_t r = w->nren;
	for (size_t ci = from; ci < h->ncommits && rc == SSG_OK; ci++) {
		ssg_hcommit *hc = &h->commits[ci];
		hc->first_event = h->nev;
		hc->first_page = h->npages;
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
}

/* What a walk holds of its own (all but the repository, the caller's
 * parameters and the history). */
static void walk_state_fini(walk *w)
{
	for (size_t i = 0; i < w->ncached; i++)
		ssg_table_free(w->cached[i]->t);
	free(w->cached);
	free(w->blobs.v);
	for (size_t i = 0; i < w->nlin; i++)
		lines_fini(&w->lin[i].lines);
	free(w->lin);
	free(w->path_lin);
	free(w->ren);
	free(w->ch);
	free(w->cfirst);
	free(w->cn);
	free(w->ids);
	strtab_fini(&w->names);
	ssg_buf_fini(&w->tmp);
}

static void walk_fini(walk *w)
{
	walk_state_fini(w);
	git_odb_free(w->odb);
	git_repository_free(w->g);
}

/* ---- the cache (history_cache.h) ---- */

static const char *cache_str(void *ctx, const char *s, size_t n)
{
	walk *w = ctx;
	return arena_strn(&w->h->a, s, n);
}

static void *cache_alloc(void *ctx, size_t n)
{
	walk *w = ctx;
	return arena_alloc(&w->h->a, n);
}

/* Takes from c the history of its commits and what the walk knew after
 * the last of them: each table's lineage, which path leads to it, and
 * the versions that did not parse (with the error the walk gave them
 * then, under the path they had then). */
static void cache_restore(walk *w, ssg_hcache *c)
{
	ssg_history *h = w->h;
	for (size_t i = 0; i < c->ncommits; i++) {
		ssg_hcommit *hc = &h->commits[i];
		hc->touched = c->commits[i].touched;
		hc->first_event = c->commits[i].first_event;
		hc->nevents = c->commits[i].nevents;
		hc->first_page = c->commits[i].first_page;
		hc->npages = c->commits[i].npages;
	}
	h->ev = c->ev;
	h->nev = c->nev;
	h->evcap = c->nev + 1; /* read as nev + 1 */
	h->pages = c->pages;
	h->npages = c->npages;
	h->pagecap = c->npages + 1;
	c->ev = NULL;
	c->pages = NULL;
	for (size_t i = 0; i < c->nlin; i++) {
		const ssg_hcache_lin *cl = &c->lin[i];
		lineage *l = lineage_new(w, intern(w, cl->name));
		if (cl->has_latest) {
			git_oid id;
			git_oid_fromraw(&id, cl->latest);
			set_latest(l, blob_of(w, &id),
				   intern(w, cl->latest_path));
		}
	}
	for (size_t i = 0; i < c->npaths; i++) {
		const char *p = c->paths[i].path;
		size_t id = intern_id(&w->names, &h->a, p, strlen(p));
		path_lin_grow(w, id);
		w->path_lin[id] = c->paths[i].lin + 1;
	}
	for (size_t i = 0; i < c->nbad; i++) {
		git_oid id;
		git_oid_fromraw(&id, c->bad[i].id);
		blob_of(w, &id)->error = c->bad[i].error;
	}
}

/* Keeps what this walk knows for the next one; a cache that cannot be
 * written only costs that one time. */
static void cache_save(walk *w, const char *file, uint64_t keys)
{
	ssg_history *h = w->h;
	ssg_hcache c;
	memset(&c, 0, sizeof(c));
	c.keys = keys;
	memcpy(c.tip, h->commits[h->ncommits - 1].oid, sizeof(c.tip));
	c.ncommits = h->ncommits;
	c.commits = ssg_xcalloc(h->ncommits, sizeof(*c.commits));
	for (size_t i = 0; i < h->ncommits; i++) {
		const ssg_hcommit *hc = &h->commits[i];
		c.commits[i] = (ssg_hcache_commit){
			hc->first_event, hc->nevents, hc->first_page,
			hc->npages, hc->touched};
	}
	c.ev = h->ev;
	c.nev = h->nev;
	c.pages = h->pages;
	c.npages = h->npages;
	c.lin = ssg_xcalloc(w->nlin + 1, sizeof(*c.lin));
	c.nlin = w->nlin;
	for (size_t i = 0; i < w->nlin; i++) {
		const lineage *l = &w->lin[i];
		c.lin[i].name = l->name;
		c.lin[i].has_latest = l->latest != NULL;
		if (l->latest) {
			memcpy(c.lin[i].latest, l->latest->id.id, 20);
			c.lin[i].latest_path = l->latest_path;
		}
	}
	c.paths = ssg_xcalloc(w->npath_lin + 1, sizeof(*c.paths));
	for (size_t i = 0; i < w->npath_lin; i++)
		if (w->path_lin[i])
			c.paths[c.npaths++] =
				(ssg_hcache_path){istr_of(w, i),
						  w->path_lin[i] - 1};
	c.bad = ssg_xcalloc(w->blobs.n + 1, sizeof(*c.bad));
	for (size_t i = 0; i < w->blobs.cap; i++) {
		const blob *b = w->blobs.v[i].val;
		if (b && b->error) {
			memcpy(c.bad[c.nbad].id, b->id.id, 20);
			c.bad[c.nbad++].error = b->error;
		}
	}
	(void)ssg_hcache_write(file, &c);
	free(c.commits);
	free(c.lin);
	free(c.paths);
	free(c.bad);
}

/* The passes over the chain of rev, from the cache in `cache` when it
 * holds its start (then only later commits are read), saving it there
 * after.  *again is set when the cache cannot serve: a table renamed
 * after it takes its new name in older events too. */
static int walk_run(walk *w, const char *rev, const char *cache,
		    bool read_cache, uint64_t keys, bool *again)
{
	ssg_progress_phase(w->prog, "log", "commits", 0);
	int rc = load_chain(w, rev);
	if (rc != SSG_OK)
		return rc;
	size_t n = w->h->ncommits, from = 0;
	ssg_hcache c;
	memset(&c, 0, sizeof(c));
	ssg_hcache_mem mem = {w, cache_str, cache_alloc};
	if (read_cache &&
	    ssg_hcache_read(cache, keys, w->h->commits, n, &mem, &c))
		from = c.ncommits;
	ssg_progress_phase(w->prog, "trees", "commits", n - from);
	rc = load_changes(w, from);
	ssg_progress_phase(w->prog, "rows", "commits", n - from);
	if (rc == SSG_OK)
		rc = load_renames(w, from);
	if (rc == SSG_OK && from && w->nren) {
		*again = true;
		goto done;
	}
	if (from)
		cache_restore(w, &c);
	if (rc == SSG_OK)
		rc = load_events(w, from);
	if (rc == SSG_OK && from < n) {
		ssg_progress_phase(w->prog, "cache", "", 0);
		cache_save(w, cache, keys);
	}
done:
	ssg_hcache_fini(&c);
	return rc;
}

int ssg_history_load(ssg_history **out, ssg_repo *r, const char *rev,
		     const ssg_history_key *keys, size_t nkeys,
		     ssg_progress *prog, ssg_diags *d)
{
	int rc = SSG_OK;
	walk w;
	walk_init(&w, keys, nkeys, prog, d);
	*out = NULL;
	char *cache = ssg_hcache_path_of(ssg_repo_gitdir(r));
	uint64_t sig = ssg_hcache_keys_sig(keys, nkeys);

	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (ssg_repo_is_shallow(r)) {
		ssg_diags_env(d, "history needs the whole repository: this is "
				 "a shallow clone; run `git fetch "
				 "--unshallow`");
		rc = SSG_ERR_ENV;
		goto done;
	}
	if (git_repository_open_ext(&w.g, ssg_repo_gitdir(r),
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    git_repository_odb(&w.odb, w.g) < 0) {
		ssg_diags_env(d, "cannot open repository %s: %s",
			      ssg_repo_gitdir(r), ssg_repo_git_error());
		rc = SSG_ERR_ENV;
		goto done;
	}
	bool again = false;
	rc = walk_run(&w, rev, cache, true, sig, &again);
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
	/* Arrays grown by doubling give back their slack: the history is
	 * held to the end of the build (a fifth of its events array). */
	h->ev = ssg_xrealloc(h->ev, (h->nev + 1) * sizeof(*h->ev));
	h->evcap = h->nev + 1;
	h->pages = ssg_xrealloc(h->pages, (h->npages + 1) * sizeof(*h->pages));
	h->pagecap = h->npages + 1;
	h->commits = ssg_xrealloc(h->commits,
				  (h->ncommits + 1) * sizeof(*h->commits));
	h->by_oid = ssg_xcalloc(h->ncommits + 1, sizeof(oid_ref));
	for (size_t i = 0; i < h->ncommits; i++)
		h->by_oid[i] = (oid_ref){h->commits[i].oid, i};
	qsort(h->by_oid, h->ncommits, sizeof(oid_ref), by_oid_cmp);
	h->gitdir = ssg_xstrdup(git_repository_path(w.g));
	*out = h;
	w.h = NULL;
done:
	walk_fini(&w);
	ssg_history_free(w.h);
	free(cache);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	git_libgit2_shutdown();
	return rc;
}

void ssg_history_free(ssg_history *h)
{
	if (!h)
		return;
	arena_fini(&h->a);
	free(h->gitdir);
	free(h->commits);
	free(h->by_oid);
	free(h->ev);
	free(h->pages);
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
