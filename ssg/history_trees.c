/*
 * history trees — see history_trees.h.
 */
#include "history_trees.h"

#include <string.h>

#include <git2.h>

#include "buf.h"
#include "pool.h"
#include "rawtree.h"
#include "repo.h"

/* Directory levels below content/; repo.h refuses deeper trees. */
#define MAX_DEPTH 32
/* Directories a tree pass keeps read (treewalk): the new side of a
 * commit, content/ and its subdirectories, with room to spare. */
#define RECENT_TREES 8

static bool is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

/* The pass is shared among threads by chunks of commits: each thread
 * reads trees through its own repository object and lists what it
 * finds; the lists are then handed back in commit order. */
typedef struct {
	git_repository *g; /* the repository object of the running thread */
	git_odb *odb;      /* its object database */
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
	 * worth reading once, its entries' offsets with it (rawtree.h). */
	ssg_rawtree *recent[RECENT_TREES];
	size_t next_recent;
	ssg_diags *d;
	int rc;
} treewalk;

static void add_found(treewalk *t, const ssg_buf *path,
		      const unsigned char *old, const unsigned char *new_,
		      bool md)
{
	if (t->nf == t->fcap) {
		t->fcap = t->fcap ? 2 * t->fcap : 256;
		t->f = ssg_xrealloc(t->f, t->fcap * sizeof(*t->f));
	}
	ssg_htrees_file *f = &t->f[t->nf++];
	memset(f, 0, sizeof(*f));
	f->path = ssg_xstrndup(path->data, path->len);
	if (old)
		memcpy(f->old, old, 20);
	if (new_)
		memcpy(f->new_, new_, 20);
	f->md = md;
}

static int diff_dir(treewalk *w, ssg_buf *path, ssg_rawtree *a,
		    ssg_rawtree *b, bool md, unsigned depth);

/* Directory `id` (NULL: none), from the recent ones or read. */
static int lookup_tree(treewalk *w, ssg_rawtree **t, const unsigned char *id,
		       const ssg_buf *path)
{
	*t = NULL;
	if (!id)
		return SSG_OK;
	for (size_t k = 0; k < RECENT_TREES; k++)
		if (w->recent[k] &&
		    memcmp(ssg_rawtree_id(w->recent[k])->id, id, 20) == 0) {
			*t = ssg_rawtree_dup(w->recent[k]);
			return SSG_OK;
		}
	git_oid oid;
	git_oid_fromraw(&oid, id);
	if (!(*t = ssg_rawtree_read(w->odb, &oid))) {
		ssg_repo_fail(w->d, "cannot read tree %s",
			      ssg_buf_cstr(path));
		return SSG_ERR_ENV;
	}
	ssg_rawtree **slot = &w->recent[w->next_recent++ % RECENT_TREES];
	ssg_rawtree_free(*slot);
	*slot = ssg_rawtree_dup(*t);
	return SSG_OK;
}

/* One name of a directory, in the old tree (ea) and the new (eb). */
static int diff_entry(treewalk *w, ssg_buf *path, const ssg_rawtree_entry *ea,
		      const ssg_rawtree_entry *eb, bool md, unsigned depth)
{
	int rc = SSG_OK;
	ssg_rawtree *ta = NULL, *tb = NULL;
	if (ea && eb && memcmp(ea->id, eb->id, 20) == 0)
		return SSG_OK;
	const ssg_rawtree_entry *e = ea ? ea : eb;
	size_t base = path->len;
	ssg_buf_putc(path, '/');
	ssg_buf_put(path, e->name, e->nlen);

	/* A page's or a table's name has a stem before its suffix. */
	ssg_str name = {e->name, e->nlen};
	bool wanted = md ? name.n > 3 && ssg_str_ends(name, ".md")
			 : (name.n > 4 && ssg_str_ends(name, ".csv")) ||
				   ssg_str_eq(name, "datapackage.json");
	const unsigned char *fa = ea && wanted && ssg_rawtree_is_file(ea)
					  ? ea->id
					  : NULL;
	const unsigned char *fb = eb && wanted && ssg_rawtree_is_file(eb)
					  ? eb->id
					  : NULL;
	if ((fa || fb) && !(fa && fb && memcmp(fa, fb, 20) == 0))
		add_found(w, path, fa, fb, md);

	/* Tables are the files directly in data/; pages nest. */
	bool da = ea && ssg_rawtree_is_tree(ea), db = eb && ssg_rawtree_is_tree(eb);
	if (md && (da || db) && depth < MAX_DEPTH) {
		rc = lookup_tree(w, &ta, da ? ea->id : NULL, path);
		if (rc == SSG_OK)
			rc = lookup_tree(w, &tb, db ? eb->id : NULL, path);
		if (rc == SSG_OK)
			rc = diff_dir(w, path, ta, tb, md, depth + 1);
	}
	ssg_rawtree_free(ta);
	ssg_rawtree_free(tb);
	path->len = base;
	path->data[base] = '\0';
	return rc;
}

static bool name_ok(const ssg_rawtree_entry *e)
{
	return !(e->nlen == 1 && e->name[0] == '.') &&
	       !(e->nlen == 2 && e->name[0] == '.' && e->name[1] == '.') &&
	       !memchr(e->name, '/', e->nlen);
}

/* Both trees are sorted: one merge pass pairs their entries, where a
 * lookup by name for each would cost a binary search.  Only the entries
 * where the two may differ are compared (rawtree.h): in a directory of
 * thousands of pages, the one a commit added.  A name that is a file on
 * one side and a directory on the other comes as two entries, each
 * alone. */
static int diff_dir(treewalk *w, ssg_buf *path, ssg_rawtree *a,
		    ssg_rawtree *b, bool md, unsigned depth)
{
	size_t i, na, nb;
	if (!ssg_rawtree_window(a, b, &i, &na, &nb)) {
		ssg_repo_fail(w->d, "cannot read tree %s", ssg_buf_cstr(path));
		return SSG_ERR_ENV;
	}
	size_t j = i;
	int rc = SSG_OK;
	ssg_rawtree_entry ea, eb;
	while ((i < na || j < nb) && rc == SSG_OK) {
		bool ha = i < na, hb = j < nb;
		if (ha)
			ssg_rawtree_entry_at(a, i, &ea);
		if (hb)
			ssg_rawtree_entry_at(b, j, &eb);
		int c = !ha ? 1 : !hb ? -1 : ssg_rawtree_cmp(&ea, &eb);
		if (c < 0) {
			hb = false;
			i++;
		} else if (c > 0) {
			ha = false;
			j++;
		} else {
			i++;
			j++;
		}
		if (name_ok(ha ? &ea : &eb))
			rc = diff_entry(w, path, ha ? &ea : NULL,
					hb ? &eb : NULL, md, depth);
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
		ssg_rawtree *ta = NULL, *sb = NULL;
		ssg_buf_clear(&path);
		ssg_buf_puts(&path, tops[k]);
		rc = lookup_tree(w, &ta, ea ? git_tree_entry_id(ea)->id : NULL,
				 &path);
		if (rc == SSG_OK)
			rc = lookup_tree(w, &sb,
					 eb ? git_tree_entry_id(eb)->id : NULL,
					 &path);
		if (rc == SSG_OK)
			rc = diff_dir(w, &path, ta, sb, k == 0, 0);
		ssg_rawtree_free(ta);
		ssg_rawtree_free(sb);
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
	if (git_repository_odb(&t->odb, g) < 0) {
		ssg_repo_fail(t->d, "cannot read the objects of the repository");
		t->rc = SSG_ERR_ENV;
		ssg_progress_add(t->prog, t->to - t->from, 0);
		return;
	}
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
		ssg_rawtree_free(t->recent[k]);
		t->recent[k] = NULL;
	}
	git_odb_free(t->odb);
	t->odb = NULL;
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
