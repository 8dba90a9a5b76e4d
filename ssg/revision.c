/*
 * revision — the official revisions of a build and their copies
 * (revision.h): which tags are revisions, and the copies' jobs.
 */
#include "revision.h"

#include <stdlib.h>

#include "copies.h"
#include "digest.h"
#include "lean.h"
#include "model.h"
#include "pool.h"
#include "routes.h"
#include "sitegen.h"

int ssg_revision_tags(ssg_repo *repo, const ssg_history *hist,
		      ssg_tag_info **tags, size_t *ntags, long *pub_commit,
		      ssg_diags *d)
{
	ssg_tag_info *all = NULL;
	size_t nall = 0, n = 0;
	*tags = NULL;
	*ntags = 0;
	*pub_commit = -1;
	int rc = ssg_repo_tags(repo, &all, &nall, d);
	if (rc != SSG_OK)
		return rc;
	long pub = -1;
	for (size_t i = 0; i < nall; i++) {
		long c = ssg_history_find(hist, all[i].target);
		if (c < 0) {
			/* Off the built chain (a side branch, a later commit
			 * than --rev): not a revision of this history. */
			ssg_repo_tag_clear(&all[i]);
			continue;
		}
		all[n++] = all[i];
		if (pub < 0 || c < pub)
			pub = c;
	}
	/* The order of revisions is the order of their commits. */
	for (size_t i = 1; i < n; i++) {
		ssg_tag_info x = all[i];
		long cx = ssg_history_find(hist, x.target);
		size_t j = i;
		while (j > 0 && ssg_history_find(hist, all[j - 1].target) > cx) {
			all[j] = all[j - 1];
			j--;
		}
		all[j] = x;
	}
	*tags = all;
	*ntags = n;
	*pub_commit = pub;
	return SSG_OK;
}

struct ssg_revision {
	ssg_revision_in in;
	ssg_blobs *blobs;   /* the main site's, lent to the copies */
	ssg_copies *records; /* NULL for a check or without copies */
	ssg_pool *pool;
	bool recorded;      /* the records hold this build's copies */
	/* Per copy, in job order (newest revision first). */
	int *rc;
	ssg_diags **diags;
	/* Per tag (copies.h): its key; the signature of its files, and
	 * their manifest when made now; kept as an earlier build left it,
	 * or made now and fit to be recorded. */
	char (*keys)[65];
	char (*sigs)[65];
	ssg_buf *mans;
	bool *kept, *made;
	/* Per tag, in names: the slug its records go by, and its directory
	 * in OUT. */
	ssg_model *names;
	const char **slug, **dir;
};

/* Copy i, in the order of the records: the tags' (i < ntags), then the
 * past years'. */
static size_t copies_count(const ssg_revision_in *in)
{
	return in->ntags + in->nyears;
}

static const ssg_year *copy_year(const ssg_revision_in *in, size_t i)
{
	return i < in->ntags ? NULL : &in->years[i - in->ntags];
}

/* The commit copy i is made from. */
static const char *copy_target(const ssg_revision_in *in, size_t i)
{
	const ssg_year *y = copy_year(in, i);
	return y ? ssg_history_commit(in->hist, y->last)->oid
		 : in->tags[i].target;
}

/* The commits of copy i: [0, end) of the history; 0 when its commit is
 * none of the history's. */
static size_t copy_end(const ssg_revision_in *in, size_t i)
{
	return (size_t)(ssg_history_find(in->hist, copy_target(in, i)) + 1);
}

/* revisions/<tag>/site/ for tag i, or years/<year>/ for a past year: the
 * whole site as it stood at that official revision, or at the last
 * commit of that year's plan, with the history up to it, in its own
 * sub-tree of the output, beside the main site's thread rather than
 * after it (out.h).  Reads through `repo` and reports into `d`, the
 * calling thread's own. */
static int copy_make(const ssg_revision *r, size_t i, ssg_repo *repo,
		     ssg_snapshot *snap, ssg_diags *d)
{
	const ssg_revision_in *in = &r->in;
	const ssg_year *y = copy_year(in, i);
	const ssg_tag_info *tag = y ? NULL : &in->tags[i];
	ssg_routes *routes = y ? ssg_routes_year(y->year)
			       : ssg_routes_copy(tag->name);
	ssg_out *sub = NULL;
	ssg_sitegen *g = NULL;
	int rc = SSG_OK;
	if (in->out)
		rc = ssg_out_sub_begin(in->out, r->dir[i], &sub, d);
	if (rc == SSG_OK) {
		ssg_snapshot_lender(snap, r->blobs);
		ssg_sitegen_in gin = {in->plan_opts, in->progress, repo,
				      snap,          routes,       d};
		g = ssg_sitegen_new(&gin);
		rc = ssg_sitegen_load(g);
	}
	/* A revision's posts that are the main site's (a year's copy is
	 * the whole plan as it ended). */
	size_t end = copy_end(in, i);
	if (rc == SSG_OK && !y)
		ssg_lean_posts(ssg_sitegen_plan(g), snap, in->snap, in->hist,
			       end, routes);
	if (rc == SSG_OK) {
		ssg_sitegen_hist h = {in->hist, end,     in->tags,
				      y ? y->ntags : i + 1,
				      in->keys, in->hv};
		rc = ssg_sitegen_history(g, &h);
	}
	if (rc == SSG_OK) {
		if (y)
			ssg_sitegen_past(g, y);
		else
			ssg_sitegen_archived(g, tag);
		rc = ssg_sitegen_pages(g, sub, r->blobs);
	}
	ssg_sitegen_free(g);
	ssg_out_free(sub); /* what it wrote joins the main site's */
	ssg_routes_free(routes);
	return rc;
}

/* Adds to the key of revision copy i what its lean pages read of the
 * main site and of the commits after its own (lean.h): a post changed at
 * the main site after the tag makes the copy again, with its own page
 * of that post. */
static void copy_lean_key(ssg_revision *r, size_t i)
{
	if (copy_year(&r->in, i))
		return;
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, r->keys[i]);
	size_t end = copy_end(&r->in, i);
	ssg_lean_digest(r->in.snap, r->in.hist, end, dg);
	ssg_digest_hex(dg, r->keys[i]);
	ssg_digest_free(dg);
}

/* Keeps copy i when the tree being written holds it as recorded: as
 * one of its manifests says (one per tree it may be in). */
static bool copy_keep(ssg_revision *r, size_t i)
{
	ssg_buf m;
	ssg_buf_init(&m);
	bool same = false;
	for (size_t at = 0; !same && ssg_copies_find(r->records, r->slug[i],
						       r->keys[i], &at,
						       r->sigs[i], &m);)
		same = ssg_out_check(r->in.out, r->dir[i], m.data, m.len);
	ssg_buf_fini(&m);
	ssg_diags *quiet = ssg_diags_new();
	bool kept = same && ssg_out_keep(r->in.out, r->dir[i], quiet) == SSG_OK;
	ssg_diags_free(quiet);
	return kept;
}

/* The manifest of copy i as made now, when it may be kept next time: a
 * copy that reported anything is made again, so that every build
 * reports it. */
static bool copy_made(ssg_revision *r, size_t i, size_t k)
{
	ssg_buf *m = &r->mans[i];
	if (r->rc[k] != SSG_OK || ssg_diags_count(r->diags[k]) ||
	    !ssg_out_manifest(r->in.out, r->dir[i], m))
		return false;
	ssg_copies_sig(m->data, m->len, r->sigs[i]);
	return true;
}

static bool copy_run(void *ctx, void *res, size_t k)
{
	ssg_revision *r = ctx;
	/* Newest revision first: the largest, started early, leaves the
	 * small ones to even out the threads at the end; the past years
	 * after them, newest first too. */
	size_t nt = r->in.ntags, n = copies_count(&r->in);
	size_t i = k < nt ? nt - 1 - k : nt + (n - 1 - k);
	/* On this thread: checking a copy's files takes a while.  A copy
	 * kept needs no listing of its tree. */
	if (r->records) {
		copy_lean_key(r, i);
		if ((r->kept[i] = copy_keep(r, i)))
			return true;
	}
	ssg_snapshot *snap = NULL;
	r->rc[k] = ssg_repo_snapshot(res, copy_target(&r->in, i), &snap,
				     r->diags[k]);
	if (r->rc[k] != SSG_OK) {
		ssg_snapshot_free(snap);
		return false;
	}
	ssg_mem_release(); /* the copy before */
	r->rc[k] = copy_make(r, i, res, snap, r->diags[k]);
	ssg_snapshot_free(snap);
	r->made[i] = r->records && copy_made(r, i, k);
	return r->rc[k] == SSG_OK;
}

static void *copy_repo(void *ctx)
{
	const ssg_revision *r = ctx;
	ssg_repo *repo = NULL;
	ssg_diags *quiet = ssg_diags_new();
	if (ssg_repo_reopen(r->in.repo, &repo, quiet) != SSG_OK)
		repo = NULL; /* no thread then: see pool.h */
	ssg_diags_free(quiet);
	return repo;
}

static void copy_repo_free(void *repo)
{
	ssg_repo_free(repo);
}

ssg_revision *ssg_revision_start(const ssg_revision_in *in)
{
	ssg_revision *r = ssg_xcalloc(1, sizeof(*r));
	r->in = *in;
	size_t n = copies_count(in);
	r->blobs = n ? ssg_blobs_new(in->snap) : NULL;
	r->rc = ssg_xcalloc(n + 1, sizeof(int));
	r->diags = ssg_xcalloc(n + 1, sizeof(ssg_diags *));
	r->kept = ssg_xcalloc(n + 1, sizeof(bool));
	r->made = ssg_xcalloc(n + 1, sizeof(bool));
	r->keys = ssg_xcalloc(n + 1, sizeof(*r->keys));
	r->sigs = ssg_xcalloc(n + 1, sizeof(*r->sigs));
	r->mans = ssg_xcalloc(n + 1, sizeof(*r->mans));
	for (size_t i = 0; i < n; i++)
		ssg_buf_init(&r->mans[i]);
	for (size_t k = 0; k < n; k++)
		r->diags[k] = ssg_diags_new();
	if (n && in->out) {
		r->records = ssg_copies_read(ssg_repo_gitdir(in->repo));
		ssg_copies_in kin = {in->plan_opts, in->worktree, in->keys,
				     in->plan,      in->pub_commit, in->tags,
				     in->ntags,     in->hist,     in->hv,
				     ssg_repo_gitdir(in->repo)};
		ssg_copies_keys(&kin, in->years, in->nyears, r->keys);
	}
	r->names = ssg_model_new();
	r->slug = ssg_xcalloc(n + 1, sizeof(*r->slug));
	r->dir = ssg_xcalloc(n + 1, sizeof(*r->dir));
	for (size_t i = 0; i < n; i++) {
		const ssg_year *y = copy_year(in, i);
		/* A year's records go by a name no tag's slug is. */
		r->slug[i] = y ? ssg_value_str(ssg_model_strf(r->names,
					"years.%s",
					ssg_routes_slug(r->names, y->year)))
			       : ssg_routes_slug(r->names, in->tags[i].name);
		r->dir[i] = y ? ssg_routes_year_dir(r->names, y->year)
			      : ssg_routes_copy_dir(r->names, in->tags[i].name);
	}
	ssg_pool_opts po = {n, 8, r, copy_run, copy_repo, copy_repo_free};
	r->pool = ssg_pool_start(&po);
	return r;
}

const ssg_blobs *ssg_revision_blobs(const ssg_revision *r)
{
	return r->blobs;
}

/* This build's records of its copies, for ssg_revision_record to write
 * once the site is in place. */
static void copies_add(ssg_revision *r)
{
	size_t kept = 0, n = copies_count(&r->in);
	for (size_t i = 0; i < n; i++) {
		kept += r->kept[i];
		if (r->kept[i] || r->made[i])
			ssg_copies_add(r->records, r->slug[i], r->keys[i],
				       r->sigs[i],
				       r->made[i] ? r->mans[i].data : NULL,
				       r->mans[i].len);
	}
	ssg_progress_note(r->in.progress,
			  "revision copies: %zu kept from an earlier build, "
			  "%zu made",
			  kept, n - kept);
	r->recorded = true;
}

int ssg_revision_finish(ssg_revision *r, int rc, ssg_diags *d)
{
	if (rc != SSG_OK)
		ssg_pool_stop(r->pool);
	ssg_pool_finish(r->pool, r->in.repo);
	r->pool = NULL;
	ssg_blobs_free(r->blobs);
	r->blobs = NULL;
	if (rc == SSG_OK && r->records)
		copies_add(r);
	for (size_t k = 0; k < copies_count(&r->in) && rc == SSG_OK; k++) {
		ssg_diags_move(d, r->diags[k]);
		rc = r->rc[k];
	}
	if (rc != SSG_OK)
		r->recorded = false;
	return rc;
}

void ssg_revision_record(const ssg_revision *r)
{
	if (r && r->recorded)
		(void)ssg_copies_write(r->records, ssg_repo_gitdir(r->in.repo));
}

void ssg_revision_free(ssg_revision *r)
{
	if (!r)
		return;
	if (r->pool) { /* not finished: no copy is made any more */
		ssg_pool_stop(r->pool);
		ssg_pool_finish(r->pool, r->in.repo);
	}
	ssg_blobs_free(r->blobs);
	for (size_t k = 0; k < copies_count(&r->in); k++)
		ssg_diags_free(r->diags[k]);
	free(r->diags);
	free(r->rc);
	free(r->kept);
	free(r->made);
	free(r->keys);
	free(r->sigs);
	for (size_t i = 0; i < copies_count(&r->in); i++)
		ssg_buf_fini(&r->mans[i]);
	free(r->mans);
	free(r->slug);
	free(r->dir);
	ssg_model_free(r->names);
	ssg_copies_free(r->records);
	free(r);
}
