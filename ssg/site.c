/*
 * site — one build, from a repository revision to a website in place
 * (site.h).  Orchestration only: each step is a module's, and they run in
 * the order below.  The main site is made by sitegen, its revision
 * copies by revision's jobs beside it, and out publishes them together.
 */
#include "site.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "history.h"
#include "lint.h"
#include "out.h"
#include "pagekeys.h"
#include "pool.h"
#include "repo.h"
#include "revision.h"
#include "routes.h"
#include "sitegen.h"
#include "store.h"

/* rc, or r when rc is still fine: the first failure is the build's. */
static int first(int rc, int r)
{
	return rc ? rc : r;
}

/* The lint of the plan loaded (lint.h), a job of a pool (pool.h) on
 * another core while the history loads and the pages are made: it
 * reads the plan and the pages' bytes, which nothing changes any more,
 * and gives only warnings, into a list of its own. */
typedef struct {
	const ssg_plan *plan;
	ssg_snapshot *snap;
	ssg_diags *d;
	ssg_pool *pool;
} linter;

static bool lint_run(void *ctx, void *res, size_t k)
{
	(void)res;
	(void)k;
	linter *l = ctx;
	ssg_lint_plan(l->plan, l->snap, l->d);
	return true;
}

static void lint_start(linter *l, const ssg_plan *plan, ssg_snapshot *snap)
{
	l->plan = plan;
	l->snap = snap;
	l->d = ssg_diags_new();
	ssg_pool_opts po = {1, 2, l, lint_run, NULL, NULL};
	l->pool = ssg_pool_start(&po);
}

/* Its warnings go to d, always at this one point of the build, so that
 * the order of what is printed does not depend on the threads. */
static void lint_finish(linter *l, ssg_diags *d)
{
	if (!l->pool)
		return;
	ssg_pool_finish(l->pool, NULL);
	l->pool = NULL;
	ssg_diags_move(d, l->d);
	ssg_diags_free(l->d);
	l->d = NULL;
}

/* dir/.git when it is a directory; NULL otherwise (another layout,
 * which only the repository once open tells). */
static char *git_dir_guess(const char *dir)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "%s/.git/", dir);
	struct stat st;
	if (stat(b.data, &st) < 0 || !S_ISDIR(st.st_mode)) {
		ssg_buf_fini(&b);
		return NULL;
	}
	return ssg_buf_detach(&b);
}

/* Whether a (may be NULL) and b name the same directory. */
static bool same_dir(const char *a, const char *b)
{
	struct stat sa, sb;
	return a && stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int ssg_site_build(const ssg_site_opts *o, ssg_diags *d)
{
	ssg_progress *prog = o->progress;
	ssg_repo *repo = NULL;
	ssg_snapshot *snap = NULL;
	ssg_routes *routes = ssg_routes_main();
	ssg_sitegen *site = NULL;
	ssg_plan_keys *keys = NULL;
	ssg_history *hist = NULL;
	ssg_tag_info *tags = NULL;
	size_t ntags = 0;
	long pub_commit = -1;
	ssg_year *years = NULL, cur;
	size_t nyears = 0;
	ssg_out *out = NULL;
	ssg_pagekeys *pk = NULL;
	ssg_pagekeys_ahead *ahead = NULL;
	ssg_history_early *early = NULL;
	ssg_snapshot_keeper *keeper = NULL;
	int twin = -1;
	ssg_revision *copies = NULL;
	ssg_archive *arch = NULL;
	linter lint = {0};

	/* The revision built: a commit, or the work tree. */
	ssg_progress_phase(prog, "open", "", 0);
	/* OUT's twin, taken now, and its files looked at on another core
	 * while this one opens the repository (libgit2 reads the system's
	 * certificates first) and loads the site (pagekeys.h).  The look
	 * needs the git directory: REPO/.git, as a clone has it, until the
	 * repository is open to say. */
	const char *dir = o->repo ? o->repo : ".";
	char *guess = NULL;
	if (o->out) {
		twin = ssg_out_twin_lock(o->out);
		guess = git_dir_guess(dir);
		if (guess)
			ahead = ssg_pagekeys_ahead_start(guess, o->out, twin);
	}
	int rc = ssg_repo_open(&repo, dir, d);
	if (rc == SSG_OK && o->out &&
	    (!ahead || !same_dir(guess, ssg_repo_gitdir(repo)))) {
		ssg_pagekeys_ahead_free(ahead);
		ahead = ssg_pagekeys_ahead_start(ssg_repo_gitdir(repo), o->out,
						 twin);
	}
	free(guess);
	if (rc)
		goto done;
	/* The listing and the plan read every page, spread over the pack:
	 * through two narrow windows they unmapped one at every other page
	 * (a fifth of the plan phase on a province, half of the listing's
	 * headers).  Nothing else reads objects yet. */
	ssg_repo_windows_wide(true);
	if (!o->worktree)
		ssg_repo_keep_read(repo); /* the pages an earlier build read */
	rc = o->worktree ? ssg_repo_worktree(repo, &snap, d)
			 : ssg_repo_snapshot(repo, o->rev, &snap, d);
	if (rc != SSG_OK && (rc != SSG_ERR_CONTENT || !snap))
		goto done;
	/* Content errors are collected here while every step runs, so that
	 * one build reports them all. */
	int crc = rc;
	/* Building HEAD from a work tree with edits leaves them out: the
	 * clerk is told which (--rev names another revision on purpose). */
	if (!o->worktree && (!o->rev || strcmp(o->rev, "HEAD") == 0))
		ssg_repo_uncommitted(repo, d);

	/* The chain of commits, read on the other core while the plan
	 * loads (a cold build's; with a cache the walk reads little). */
	if (!o->no_history && ssg_snapshot_commit(snap))
		early = ssg_history_early_start(repo,
						o->worktree ? NULL : o->rev);

	/* The main site's plan and values. */
	ssg_progress_phase(prog, "plan", "", 0);
	ssg_sitegen_in gin = {&o->plan, prog, repo, snap, routes, d};
	site = ssg_sitegen_new(&gin);
	rc = ssg_sitegen_load(site);
	ssg_repo_windows_wide(false);
	if (rc == SSG_ERR_ENV)
		goto done;
	const ssg_plan *plan = ssg_sitegen_plan(site);
	/* Warnings are shown beside errors too (contract section 4): a
	 * plan with content errors still holds what did load. */
	/* The pages read, for the next build, whatever this one makes of
	 * them: the plan read them all, and they are written on a thread
	 * while the history is walked, not at the end of the build.  Taken
	 * before the lint's thread may read one more. */
	keeper = ssg_snapshot_keep_start(snap);
	if (plan)
		lint_start(&lint, plan, snap);
	crc = first(crc, rc);

	/* Its history, with the row keys the plan uses, and its official
	 * revisions. */
	if (!o->no_history && ssg_snapshot_commit(snap) && plan) {
		keys = ssg_plan_keys_new(plan, &o->plan);
		rc = ssg_history_load_early(
			&hist, repo, o->worktree ? NULL : o->rev,
			ssg_plan_keys_all(keys), ssg_plan_keys_count(keys),
			prog, d, early);
		early = NULL; /* the load's */
		if (rc)
			goto done;
		/* What the pages show of the history: apart from the walk's
		 * own phases, so that the cache's is the cache's. */
		ssg_progress_phase(prog, "views", "", 0);
		rc = ssg_revision_tags(repo, hist, &tags, &ntags, &pub_commit,
				       d);
		if (rc)
			goto done;
		ssg_sitegen_hist h = {hist, ssg_history_ncommits(hist),
				      tags, ntags, keys, NULL};
		crc = first(crc, ssg_sitegen_history(site, &h));
		/* Keys a `replaces` cell names: only the history knows
		 * every row there was. */
		ssg_hview_lineage_check(ssg_sitegen_hview(site), snap, d);
	}

	/* The pages: nothing is written after a content error, but every
	 * page is still made, to report its own problems. */
	if (o->out && crc == SSG_OK) {
		rc = ssg_out_begin_twin(&out, o->out, twin, d);
		twin = -1; /* out's, or closed */
		if (rc)
			goto done;
		/* What builds killed while they wrote the store left
		 * goes now, whatever this one comes to write there. */
		ssg_store_sweep(ssg_repo_gitdir(repo));
	}
	/* What the trees beside OUT hold, so that a page whose key is as
	 * it was is taken instead of rendered and written. */
	if (out) {
		ssg_progress_phase(prog, "keys", "", 0);
		pk = ssg_pagekeys_read_ahead(ahead, ssg_repo_gitdir(repo), out);
		ahead = NULL;
		ssg_out_set_keys(out, pk);
		ssg_out_set_store(out, ssg_repo_gitdir(repo));
	}
	ssg_progress_phase(prog, "pages", "files", 0);
	ssg_mem_release(); /* the history walk's own state */
	/* The revision copies, on further threads beside the main site's
	 * pages, when its plan loaded cleanly. */
	/* And the past years' plans, each as it stood at its end. */
	bool copies_ok = crc == SSG_OK && hist;
	if (copies_ok)
		nyears = ssg_years_of(hist, ssg_history_ncommits(hist), tags,
				      ntags, &years, &cur);
	ssg_revision_in rin = {&o->plan, o->worktree, prog, repo, snap, out,
			       hist, keys, pub_commit, tags,
			       copies_ok ? ntags : 0, plan,
			       ssg_sitegen_hview(site), years, nyears};
	copies = ssg_revision_start(&rin);
	rc = first(crc, ssg_sitegen_pages(site, out,
					  ssg_revision_blobs(copies)));
	rc = ssg_revision_finish(copies, rc, d);
	lint_finish(&lint, d);
	if (pk)
		ssg_progress_note(prog,
				  "pages: %zu kept from an earlier build, "
				  "%zu rendered; %zu files written",
				  ssg_pagekeys_nkept(pk),
				  ssg_pagekeys_nrendered(pk),
				  ssg_out_nwritten(out));

	/* Whatever can fail happens before the site goes live: a build
	 * that fails leaves OUT as it was.  The zip is made from the
	 * finished tree and renamed into place after it. */
	ssg_progress_phase(prog, "publish", "", 0);
	const char *tree = NULL;
	if (rc == SSG_OK && out)
		rc = ssg_out_finish(out, &tree, d);
	if (rc == SSG_OK && out && o->archive && !ssg_diags_errors(d)) {
		ssg_progress_phase(prog, "archive", "", 0);
		const ssg_commit_info *c = ssg_snapshot_commit(snap);
		long long t = c ? c->time + (long long)c->offset * 60
				: SSG_ARCHIVE_EPOCH;
		rc = ssg_archive_make(&arch, tree, o->archive, t, d);
	}
	if (rc == SSG_OK && out)
		rc = ssg_out_commit(out, d);
	if (rc == SSG_OK && arch)
		rc = ssg_archive_place(arch, d);
	/* Only a site in place is a tree the next build may keep from. */
	if (rc == SSG_OK) {
		ssg_revision_record(copies);
		if (pk)
			(void)ssg_pagekeys_write(pk, ssg_repo_gitdir(repo));
	}
done:
	/* The pages read, kept for the next build (begun after the plan). */
	ssg_snapshot_keep_end(keeper);
	lint_finish(&lint, d); /* a build that stopped early */
	ssg_repo_windows_wide(false); /* when the plan was not reached */
	ssg_progress_phase(prog, "free", "", 0);
	ssg_archive_free(arch);
	ssg_revision_free(copies);
	free(years);
	ssg_pagekeys_ahead_free(ahead);
	ssg_history_early_free(early); /* a build that stopped before */
	if (twin >= 0)
		close(twin);
	ssg_out_free(out);
	ssg_pagekeys_free(pk);
	ssg_plan_keys_free(keys); /* borrows from the plan */
	ssg_sitegen_free(site);
	ssg_snapshot_free(snap);
	ssg_repo_tags_free(tags, ntags);
	ssg_history_free(hist);
	ssg_repo_free(repo);
	ssg_routes_free(routes);
	return rc;
}
