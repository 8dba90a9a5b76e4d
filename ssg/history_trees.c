/*
 * history trees — see history_trees.h.
 */
#include "history_trees.h"

#include <string.h>

#include <git2.h>

#include "buf.h"
#include "pool.h"
#include "repo.h"

/* Directory levels below content/; repo.h refuses deeper trees. */
#define MAX_DEPTH 32
/* Directories a tree pass keeps read (treewalk): the new side of a
 * commit, content/ and its subdirectories, with room to spare. */
#define RECENT_TREES 8

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

/* The pass is shared among threads by chunks of commits: each thread
 * reads trees through its own repository object and lists what it
 * finds; the lists are then handed back in commit order. */
typedef struct {
	git_repository *g; /* the repository object of the running thread */
	git_repository *main; /* the caller's, whose path the others open */
	const git_oid *trees; /* the chain's root trees, read only */
	ssg_progress *prog;
	ssg_hcommit *commits; /* each chunk sets `touched` of its own */
	size_t from, to;
	ssg_htrees_file *f;
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
	ssg_htrees_file *f = &t->f[t->nf++];
	memset(f, 0, sizeof(*f));
	f->path = ssg_xstrndup(path->data, path->len);
	if (old)
		memcpy(f->old, old->id, 20);
	if (new_)
		memcpy(f->new_, new_->id, 20);
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
		ssg_repo_fail(w->d, "cannot read tree %s",
			      ssg_buf_cstr(path));
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

	bool wanted = md ? has_suffix(name, ".md")
			 : has_suffix(name, ".csv") ||
				   strcmp(name, "datapackage.json") == 0;
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
	*out = NULL;
	if (git_tree_lookup(out, t->g, &t->trees[i]) < 0) {
		ssg_repo_fail(t->d, "cannot read commit %s",
			      t->commits[i].oid);
		return SSG_ERR_ENV;
	}
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
	ssg_progress_add(t->prog, t->to - t->from, 0);
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
	if (git_repository_open_ext(&g, git_repository_path(chunks[0].main),
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		return NULL;
	return g;
}

static void chunk_repo_free(void *g)
{
	git_repository_free(g);
}

/* Below this many commits a second thread costs more than it saves. */
#define PARALLEL_COMMITS 2000

int ssg_htrees_find(git_repository *g, const git_oid *trees,
		    ssg_hcommit *commits, size_t from, size_t n,
		    ssg_progress *prog, ssg_diags *d, ssg_htrees_fn fn,
		    void *ctx)
{
	size_t nchunks = (n - from + CHUNK - 1) / CHUNK;
	treewalk *chunks = ssg_xcalloc(nchunks + 1, sizeof(treewalk));
	for (size_t k = 0; k < nchunks; k++) {
		treewalk *t = &chunks[k];
		t->main = g;
		t->trees = trees;
		t->prog = prog;
		t->commits = commits;
		t->from = from + k * CHUNK;
		t->to = t->from + CHUNK < n ? t->from + CHUNK : n;
		t->fn = ssg_xcalloc(t->to - t->from, sizeof(size_t));
		t->d = ssg_diags_new();
	}
	ssg_pool_opts po = {nchunks, n - from < PARALLEL_COMMITS ? 1 : 2, chunks,
			    chunk_run, chunk_repo, chunk_repo_free};
	ssg_pool_finish(ssg_pool_start(&po), g);

	int rc = SSG_OK;
	for (size_t k = 0; k < nchunks; k++) {
		treewalk *t = &chunks[k];
		ssg_diags_move(d, t->d);
		if (rc == SSG_OK)
			rc = t->rc;
		size_t at = 0;
		for (size_t ci = t->from; ci < t->to && rc == SSG_OK; ci++) {
			size_t nf = t->fn[ci - t->from];
			fn(ctx, ci, t->f + at, nf);
			at += nf;
		}
		for (size_t j = 0; j < t->nf; j++)
			free((char *)t->f[j].path);
		free(t->f);
		free(t->fn);
		ssg_diags_free(t->d);
	}
	free(chunks);
	return rc;
}
