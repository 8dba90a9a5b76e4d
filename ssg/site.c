#include "site.h"

#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "buf.h"
#include "copies.h"
#include "digest.h"
#include "emit.h"
#include "history.h"
#include "hview.h"
#include "feed.h"
#include "fmt.h"
#include "lint.h"
#include "model.h"
#include "out.h"
#include "pages_history.h"
#include "pages_plan.h"
#include "plan.h"
#include "pool.h"
#include "repo.h"
#include "review.h"
#include "routes.h"
#include "search.h"
#include "shortcode.h"
#include "template.h"
#include "text.h"
#include "theme.h"
#include "view.h"

#define SSG_VERSION "0.1"

/* What one site of a build is made of: the build's context, shared by
 * the main site and its revision copies, and what each site makes of its
 * own snapshot (site_forget_own lists that part). */
typedef struct site {
	const ssg_site_opts *o;
	ssg_diags *d;
	ssg_repo *repo;
	ssg_snapshot *snap;
	ssg_plan *plan;
	ssg_templates *tpl;
	ssg_out *out;
	ssg_model *m;        /* values shared by every page */
	ssg_value *site;     /* {{site.*}}: metadata, nav, build */
	ssg_value *indicators; /* list of indicator maps */
	ssg_value *tasks;      /* list of task maps */
	ssg_date today;        /* the built commit's date: "now" */
	bool has_today;
	/* History: the commits [0, hist_end) of hist belong to this site
	 * (a revision's site sees only what came before it). */
	ssg_history *hist;
	ssg_plan_keys *keys; /* the row keys hist was walked with */
	size_t hist_end;
	long pub_commit; /* publication: the oldest tag's commit, or -1 */
	ssg_tag_info *tags; /* annotated tags on the chain, oldest first */
	size_t ntags;
	/* Where its pages are: the main site's routes or a revision
	 * copy's, which links to the main site's pages of single commits,
	 * revisions and rows instead of writing its own. */
	const ssg_routes *routes;
	/* The main site, for a revision copy; NULL in the main site. */
	const struct site *top;
	/* What the main site's snapshot read, for the snapshots of the
	 * revisions to borrow (repo.h); NULL when there are none. */
	const ssg_blobs *blobs;
	/* The main site's records of its revision copies (copies.h). */
	struct ssg_copies *copies;
	/* The history as values (NULL without history), made before the
	 * site's values and pages. */
	ssg_hview *hv;
} site;

/* ---- the site map shared by every page --------------------------- */

static void site_build_info(site *s)
{
	ssg_model *m = s->m;
	ssg_value *b = ssg_model_map(m);
	const ssg_commit_info *c = ssg_snapshot_commit(s->snap);
	ssg_map_set_bool(m, b, "worktree", ssg_snapshot_is_worktree(s->snap));
	ssg_map_set_str(m, b, "version", SSG_VERSION);
	if (c) {
		ssg_map_set_str(m, b, "oid", c->oid);
		ssg_map_set_str(m, b, "short", c->short_oid);
		ssg_view_time(m, b, c->time, c->offset);
		s->today = ssg_time_date(c->time, c->offset);
		s->has_today = true;
		ssg_map_set(b, "today", ssg_view_date(m, &s->today));
	}
	ssg_map_set(s->site, "build", b);
}

static void site_reports(site *s)
{
	ssg_model *m = s->m;
	const ssg_value *reps = ssg_value_get(ssg_plan_meta(s->plan), "reports");
	ssg_value *list = ssg_model_list(m);
	size_t n = ssg_value_len(reps);
	ssg_value **mine = ssg_xcalloc(n ? n : 1, sizeof(*mine));
	for (size_t i = 0; i < n; i++) {
		const ssg_value *r = ssg_value_at(reps, i);
		ssg_value *v = ssg_model_map(m);
		mine[i] = v;
		ssg_map_set_str(m, v, "name", ssg_value_get_str(r, "name"));
		ssg_map_set_str(m, v, "description", ssg_value_get_str(r, "description"));
		ssg_date due;
		const char *ds = ssg_value_get_str(r, "due");
		if (ssg_date_parse(ds, strlen(ds), &due)) {
			ssg_map_set(v, "due", ssg_view_date(m, &due));
			bool past = s->has_today &&
				    ssg_date_cmp(&s->today, &due) > 0;
			ssg_map_set_str(m, v, "state",
					past ? "Đã qua hạn" : "Chưa đến hạn");
			ssg_map_set_str(m, v, "state_key",
					past ? "past" : "upcoming");
		}
		ssg_list_push(list, v);
	}
	if (s->hv)
		ssg_hview_judge_reports(s->hv, m, mine, n,
					s->has_today ? &s->today : NULL);
	free(mine);
	ssg_map_set(s->site, "reports", list);
	ssg_map_set_bool(m, s->site, "has_reports", ssg_value_len(list) > 0);
}

/* Checks the front matter of content/_index.md that the site reads. */
static int site_check_meta(site *s)
{
	int rc = SSG_OK;
	const ssg_plan_page *ix = ssg_plan_index(s->plan);
	const ssg_value *reps = ssg_value_get(ix->meta, "reports");
	if (reps && ssg_value_type(reps) != SSG_V_LIST) {
		ssg_diags_error(s->d, ix->path, ssg_value_line(reps),
				ssg_value_col(reps),
				"reports must be a list of {name, due}");
		return SSG_ERR_CONTENT;
	}
	for (size_t i = 0; i < ssg_value_len(reps); i++) {
		const ssg_value *r = ssg_value_at(reps, i);
		const ssg_value *due = ssg_value_get(r, "due");
		ssg_date dt;
		if (!*ssg_value_get_str(r, "name")) {
			ssg_diags_error(s->d, ix->path, ssg_value_line(r),
					ssg_value_col(r),
					"report %zu needs a name", i + 1);
			rc = SSG_ERR_CONTENT;
		}
		if (!ssg_value_str(due) ||
		    !ssg_date_parse(ssg_value_str(due), ssg_value_strlen(due),
				    &dt)) {
			ssg_diags_error(s->d, ix->path,
					due ? ssg_value_line(due)
					    : ssg_value_line(r),
					due ? ssg_value_col(due)
					    : ssg_value_col(r),
					"report %zu: due must be a real date "
					"written dd/mm/yyyy",
					i + 1);
			rc = SSG_ERR_CONTENT;
		}
	}
	return rc;
}

static void nav_add(ssg_model *m, ssg_value *nav, const char *label,
		    const char *url)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "label", label);
	ssg_map_set_str(m, v, "url", url);
	ssg_list_push(nav, v);
}

static void site_nav(site *s)
{
	ssg_model *m = s->m;
	ssg_value *nav = ssg_model_list(m);
	nav_add(m, nav, "Tổng quan", "");
	ssg_value *secs = ssg_model_list(m);
	for (size_t i = 0; i < ssg_plan_nsections(s->plan); i++) {
		const ssg_plan_page *pg = ssg_plan_section(s->plan, i);
		ssg_value *v = ssg_model_map(m);
		ssg_map_set_str(m, v, "title", pg->title);
		ssg_map_set_str(m, v, "numeral", pg->numeral);
		ssg_map_set_str(m, v, "url", ssg_routes_section(m, pg->slug));
		ssg_list_push(secs, v);
	}
	ssg_map_set(s->site, "sections", secs);
	if (ssg_plan_nindicators(s->plan))
		nav_add(m, nav, "Chỉ tiêu", SSG_ROUTES_INDICATORS);
	if (ssg_plan_ntasks(s->plan))
		nav_add(m, nav, "Nhiệm vụ", SSG_ROUTES_TASKS);
	if (ssg_plan_nposts(s->plan))
		nav_add(m, nav, "Tin tức", SSG_ROUTES_POSTS);
	nav_add(m, nav, "Dữ liệu mở", SSG_ROUTES_DATA);
	nav_add(m, nav, "Công khai thông tin", SSG_ROUTES_DISCLOSURE);
	if (s->hv) {
		nav_add(m, nav, "Thay đổi", SSG_ROUTES_CHANGES);
		nav_add(m, nav, "Phiên bản", SSG_ROUTES_REVISIONS);
	}
	ssg_map_set(s->site, "nav", nav);
}

static void site_meta(site *s)
{
	ssg_model *m = s->m;
	const ssg_value *meta = ssg_plan_meta(s->plan);
	static const char *const keys[] = {
		"title",  "short_title", "district", "province",
		"year",   "issuer",      "number",   "place_date",
		"doc_type", "recipients_note", NULL};
	for (size_t i = 0; keys[i]; i++)
		ssg_map_set_str(m, s->site, keys[i], ssg_value_get_str(meta, keys[i]));
	if (!*ssg_value_get_str(meta, "short_title"))
		ssg_map_set_str(m, s->site, "short_title",
				ssg_value_get_str(meta, "title"));
	ssg_map_set(s->site, "signer", ssg_value_get(meta, "signer"));
	ssg_map_set(s->site, "recipients", ssg_value_get(meta, "recipients"));
	ssg_map_set_str(m, s->site, "generator", "ssg " SSG_VERSION);
}

/* ---- the build --------------------------------------------------- */

/* Column headings of the indicators table, from datapackage.json where
 * it gives them ("Kết quả năm 2023"), else plain words. */
static void indicator_titles(site *s)
{
	static const char *const cols[][2] = {
		{"id", "STT"},
		{"name", "Chỉ tiêu"},
		{"baseline", "Kết quả năm trước"},
		{"target", "Kế hoạch"},
		{"result", "Kết quả mới nhất"},
	};
	ssg_model *m = s->m;
	ssg_value *v = ssg_model_map(m);
	const ssg_plan_table *t = ssg_plan_table_find(s->plan, "indicators");
	for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++) {
		const char *title = cols[i][1];
		long c = t ? ssg_table_col_find(t->table, cols[i][0]) : -1;
		if (c >= 0 && strcmp(t->col_titles[c], cols[i][0]) != 0)
			title = t->col_titles[c];
		ssg_map_set_str(m, v, cols[i][0], title);
	}
	ssg_map_set_str(m, v, "table",
			t && strcmp(t->title, t->name) != 0 ? t->title
							   : "Các chỉ tiêu");
	ssg_map_set(s->site, "indicator_titles", v);
}

/* A row's key names its page (indicators/<key>/, tables/<t>/<key>/) or
 * anchor (tasks): two keys with one slug would share it.  The same key
 * twice is a duplicate key, already reported where the table loaded. */
static int check_row_urls(site *s, const ssg_plan_table *t)
{
	size_t n = ssg_table_nrows(t->table);
	if (n < 2)
		return SSG_OK;
	ssg_model *m = ssg_model_new();
	ssg_slug_ref *refs = ssg_xcalloc(n, sizeof(*refs));
	for (size_t r = 0; r < n; r++)
		refs[r] = (ssg_slug_ref){ssg_routes_slug(m, t->keys[r]), r};
	ssg_slug_refs_sort(refs, n);
	int rc = SSG_OK;
	bool ind = strcmp(t->name, "indicators") == 0;
	for (size_t i = 1; i < n; i++) {
		const ssg_slug_ref *a = &refs[i - 1], *b = &refs[i];
		if (strcmp(a->slug, b->slug) != 0 ||
		    strcmp(ssg_plan_table_key_norm(t, a->i),
			   ssg_plan_table_key_norm(t, b->i)) == 0)
			continue;
		unsigned line = ssg_table_row_line(t->table, b->i);
		if (ind)
			ssg_diags_error(s->d, t->path, line, 1,
					"indicator id '%s' gives the same page "
					"as '%s' (%s): make the ids differ in "
					"their letters or digits",
					t->keys[b->i], t->keys[a->i], a->slug);
		else
			ssg_diags_error(s->d, t->path, line, 1,
					"row key '%s' gives the same page as "
					"'%s' (%s): make the keys differ in "
					"their letters or digits",
					t->keys[b->i], t->keys[a->i], a->slug);
		rc = SSG_ERR_CONTENT;
	}
	free(refs);
	ssg_model_free(m);
	return rc;
}

/* Tags and tables have their pages at revisions/<slug of the tag>/ and
 * tables/<slug of the table>/: two names that differ only in marks or
 * case ("ban-1", "bản-1") would write one page twice.  Reported with
 * both names before anything is written, so that check finds it as
 * build would.  paths[i] is the file that names[i] comes from, or NULL
 * for tags, which have none. */
static int check_urls(site *s, const char *const *names,
		      const char *const *paths, size_t n)
{
	if (n < 2)
		return SSG_OK;
	ssg_model *m = ssg_model_new();
	ssg_slug_ref *refs = ssg_xcalloc(n, sizeof(*refs));
	for (size_t i = 0; i < n; i++)
		refs[i] = (ssg_slug_ref){ssg_routes_slug(m, names[i]), i};
	ssg_slug_refs_sort(refs, n);
	int rc = SSG_OK;
	for (size_t i = 1; i < n; i++) {
		const ssg_slug_ref *a = &refs[i - 1], *b = &refs[i];
		if (strcmp(a->slug, b->slug) != 0)
			continue;
		if (paths)
			ssg_diags_error(s->d, paths[b->i], 1, 1,
					"tables %s and %s give the same page "
					"tables/%s/: rename one of the files so "
					"that they differ in their letters or "
					"digits",
					paths[a->i], paths[b->i], a->slug);
		else
			ssg_diags_env(s->d,
				      "tags '%s' and '%s' give the same page "
				      "revisions/%s/: rename one of them so "
				      "that they differ in their letters or "
				      "digits",
				      names[a->i], names[b->i], a->slug);
		rc = SSG_ERR_CONTENT;
	}
	free(refs);
	ssg_model_free(m);
	return rc;
}

static int check_tag_urls(site *s)
{
	const char **names = ssg_xcalloc(s->ntags + 1, sizeof(*names));
	for (size_t i = 0; i < s->ntags; i++)
		names[i] = s->tags[i].name;
	int rc = check_urls(s, names, NULL, s->ntags);
	free(names);
	return rc;
}

static int check_table_urls(site *s)
{
	size_t n = ssg_plan_ntables(s->plan);
	const char **names = ssg_xcalloc(n + 1, sizeof(*names));
	const char **paths = ssg_xcalloc(n + 1, sizeof(*paths));
	for (size_t i = 0; i < n; i++) {
		names[i] = ssg_plan_table_at(s->plan, i)->name;
		paths[i] = ssg_plan_table_at(s->plan, i)->path;
	}
	int rc = check_urls(s, names, paths, n);
	free(names);
	free(paths);
	return rc;
}

/* The indicators, with their revised targets when the site has a
 * history. */
static void site_indicators(site *s)
{
	int year = atoi(ssg_value_get_str(ssg_plan_meta(s->plan), "year"));
	s->indicators = ssg_model_list(s->m);
	for (size_t i = 0; i < ssg_plan_nindicators(s->plan); i++) {
		ssg_value *v = ssg_view_indicator(
			s->m, ssg_plan_indicator_at(s->plan, i), year);
		ssg_value *rev = s->hv ? ssg_hview_revised(s->hv, s->m, i) : NULL;
		if (rev) {
			ssg_map_set(v, "revised", rev);
			ssg_map_set(v, "revision",
				    ssg_value_at(rev, ssg_value_len(rev) - 1));
		}
		ssg_list_push(s->indicators, v);
	}
}

static int site_models(site *s)
{
	indicator_titles(s);
	site_indicators(s);
	s->tasks = ssg_model_list(s->m);
	for (size_t i = 0; i < ssg_plan_ntasks(s->plan); i++)
		ssg_list_push(s->tasks,
			      ssg_view_task(s->m, ssg_plan_task_at(s->plan, i)));
	int rc = SSG_OK;
	for (size_t i = 0; i < ssg_plan_ntables(s->plan); i++)
		if (check_row_urls(s, ssg_plan_table_at(s->plan, i)))
			rc = SSG_ERR_CONTENT;
	if (check_table_urls(s))
		rc = SSG_ERR_CONTENT;
	return rc;
}

/* Loads theme and plan of s->snap and builds the shared values.  Content
 * errors are collected and returned; pages are still rendered by the
 * caller, in memory only, so that one run reports every problem. */
static int site_load(site *s)
{
	int crc = SSG_OK;
	if (ssg_theme_load(s->snap, &s->tpl, s->d))
		crc = SSG_ERR_CONTENT;
	int rc = ssg_plan_load(&s->plan, s->snap, &s->o->plan, s->d);
	if (rc == SSG_ERR_ENV)
		return rc;
	if (rc)
		crc = rc;
	s->m = ssg_model_new();
	s->site = ssg_model_map(s->m);
	site_meta(s);
	site_build_info(s);
	if (site_check_meta(s))
		crc = SSG_ERR_CONTENT;
	site_reports(s);
	site_nav(s);
	if (site_models(s))
		crc = SSG_ERR_CONTENT;
	return crc;
}

/* What the history adds to the site's values, once its view is made
 * (after site_load, which made them without it): the reports judged,
 * the navigation to changes and revisions, the indicators' revised
 * targets, the tables' last changes and the publication. */
static void site_history_values(site *s, const ssg_hview_in *in)
{
	s->hv = ssg_hview_new(in);
	site_reports(s);
	site_nav(s);
	site_indicators(s);
	ssg_map_set(s->site, "updated", ssg_hview_updated(s->hv, s->m));
	ssg_map_set_bool(s->m, s->site, "has_history", true);
	if (s->ntags)
		ssg_map_set(s->site, "publication",
			    ssg_hview_tag(s->hv, s->m, 0));
}

/* Forgets what a site makes of its own snapshot (site_load and its
 * pages), keeping what a revision copy shares with the main site: the
 * history, tags, reviews and output.  The one list of that part, for
 * site_unload, which frees it, and site_revision, which starts without
 * it. */
static void site_forget_own(site *s)
{
	s->snap = NULL;
	s->plan = NULL;
	s->tpl = NULL;
	s->m = NULL;
	s->site = NULL;
	s->indicators = NULL;
	s->tasks = NULL;
	s->has_today = false;
	s->hv = NULL;
}

static void site_unload(site *s)
{
	ssg_templates_free(s->tpl);
	ssg_hview_free(s->hv);
	ssg_model_free(s->m);
	ssg_plan_free(s->plan);
	ssg_snapshot_free(s->snap);
	site_forget_own(s);
}

/* Work a site's thread hands to a second one once the site's values
 * stop changing (after the data pages): the search index, which reads
 * every page's text, and, for the main site, changes/ — 20,000 commit
 * pages on a province, where the revision copies' thread is otherwise
 * done a second before the main site.  Each job has its own emitter and
 * diagnostics; changes/ is written through a sub-tree of out (out.h), so
 * that two threads make files at once, and has its own copy of the site
 * for the row indexes it makes as it goes. */
typedef struct {
	const site *s;   /* what the jobs read */
	ssg_emit *e[2];  /* search, changes/ */
	ssg_diags *d[2];
	int rc[2];
	ssg_out *sub;    /* changes/ */
} side_jobs;

static bool side_run(void *ctx, void *res, size_t k)
{
	(void)res;
	side_jobs *j = ctx;
	j->rc[k] = k == 0 ? ssg_search_write(j->e[0], j->s->plan,
					     j->s->indicators, j->s->tasks)
			  : ssg_pages_changes(j->s->hv, j->e[1]);
	return true;
}

/* The jobs need no resource of their own: the thread gets the jobs. */
static void *side_res(void *ctx)
{
	return ctx;
}

static void side_res_free(void *res)
{
	(void)res;
}

/* Sets up changes/ as job 1 for a site that writes the commit pages
 * (the main site, with history); false when it stays a step of the
 * site's own thread. */
static bool changes_apart(site *s, side_jobs *j)
{
	if (!ssg_routes_writes_shared(s->routes) || !s->hv)
		return false;
	j->d[1] = ssg_diags_new();
	if (s->out &&
	    (j->rc[1] = ssg_out_sub_begin(s->out, SSG_ROUTES_CHANGES, &j->sub,
					  j->d[1])) != SSG_OK)
		return true; /* failed: reported, and not written here */
	j->e[1] = ssg_emit_new(j->sub, SSG_ROUTES_CHANGES, s->tpl, s->site,
			       s->o->progress, j->d[1]);
	return true;
}

/* rc, or r when rc is still fine: the first failure is the build's. */
static int first(int rc, int r)
{
	return rc ? rc : r;
}

/* Every page of one site; each step reports its own problems and all run
 * so that one build shows them all. */
static int site_pages(site *s, int rc)
{
	ssg_emit *e = ssg_emit_new(s->out, "", s->tpl, s->site,
				   s->o->progress, s->d);
	/* The data pages add the tables to s->site: after them, nothing
	 * the jobs read changes any more. */
	ssg_pages_plan_in pin = {s->plan, s->indicators, s->tasks, s->hv};
	rc = first(rc, ssg_pages_data(&pin, e, s->m, s->site));
	side_jobs j;
	memset(&j, 0, sizeof(j));
	bool apart = changes_apart(s, &j);
	j.s = s;
	j.d[0] = ssg_diags_new();
	j.e[0] = ssg_emit_new(s->out, "", s->tpl, s->site, s->o->progress,
			      j.d[0]);
	bool job = apart && j.rc[1] == SSG_OK;
	ssg_pool_opts po = {job ? 2 : 1, 2, &j, side_run, side_res,
			    side_res_free};
	ssg_pool *pool = ssg_pool_start(&po);
	rc = first(rc, ssg_pages_index(&pin, e));
	rc = first(rc, ssg_pages_sections(&pin, e));
	rc = first(rc, ssg_pages_indicators(&pin, e));
	rc = first(rc, ssg_pages_tasks(&pin, e));
	rc = first(rc, ssg_pages_tables(&pin, e));
	rc = first(rc, ssg_pages_posts(&pin, e));
	rc = first(rc, ssg_pages_disclosure(&pin, e));
	rc = first(rc, ssg_theme_static(s->snap, e));
	if (s->hv) {
		if (!apart)
			rc = first(rc, ssg_pages_changes(s->hv, e));
		ssg_pages_reviews rv = {s->repo, s->blobs, s->keys};
		rc = first(rc, ssg_pages_revisions(s->hv, e, &rv));
		rc = first(rc, ssg_pages_row_history(s->hv, e));
		rc = first(rc, ssg_pages_history_data(s->hv, e));
	}
	ssg_feed_in feed = {s->plan, ssg_snapshot_commit(s->snap), s->hist,
			    s->hist_end, s->routes};
	rc = first(rc, ssg_feed_write(e, &feed));
	ssg_pool_finish(pool, &j);
	ssg_out_free(j.sub); /* what it wrote joins the site's */
	for (size_t k = 0; k < 2; k++) {
		rc = first(rc, j.rc[k]);
		if (j.d[k])
			ssg_diags_move(s->d, j.d[k]);
		ssg_diags_free(j.d[k]);
		ssg_emit_free(j.e[k]);
	}
	ssg_emit_free(e);
	if (rc == SSG_OK && ssg_diags_errors(s->d))
		rc = SSG_ERR_CONTENT;
	return rc;
}

/* The history of the built revision, with the row keys the plan uses. */
static int site_history(site *s, const char *rev)
{
	s->keys = ssg_plan_keys_new(s->plan, &s->o->plan);
	int rc = ssg_history_load(&s->hist, s->repo, rev,
				  ssg_plan_keys_all(s->keys),
				  ssg_plan_keys_count(s->keys), s->o->progress,
				  s->d);
	if (rc)
		return rc;
	s->hist_end = ssg_history_ncommits(s->hist);
	/* Official revisions: annotated tags of commits on this chain. */
	ssg_tag_info *all = NULL;
	size_t nall = 0;
	if ((rc = ssg_repo_tags(s->repo, &all, &nall, s->d)) != SSG_OK)
		return rc;
	s->tags = all;
	s->ntags = 0;
	s->pub_commit = -1;
	for (size_t i = 0; i < nall; i++) {
		long c = ssg_history_find(s->hist, all[i].target);
		if (c < 0) {
			/* Off the built chain (a side branch, a later commit
			 * than --rev): not a revision of this history. */
			ssg_repo_tag_clear(&all[i]);
			continue;
		}
		all[s->ntags++] = all[i];
		if (s->pub_commit < 0 || c < s->pub_commit)
			s->pub_commit = c;
	}
	/* The order of revisions is the order of their commits. */
	for (size_t i = 1; i < s->ntags; i++) {
		ssg_tag_info x = s->tags[i];
		long cx = ssg_history_find(s->hist, x.target);
		size_t j = i;
		while (j > 0 &&
		       ssg_history_find(s->hist, s->tags[j - 1].target) > cx) {
			s->tags[j] = s->tags[j - 1];
			j--;
		}
		s->tags[j] = x;
	}
	return SSG_OK;
}

/* revisions/<tag>/site/ for tag i: the whole site as it stood at that
 * official revision, with the history up to it.  The pages of single
 * commits and rows' histories are the main site's, linked to, not
 * copied (its routes).  Reads through `repo` and reports into `d`, the
 * calling thread's own. */
static int site_revision(const site *base, const site *top, size_t i,
			 ssg_repo *repo, ssg_diags *d)
{
	/* base: top as it was before its own pages, which the build's
	 * thread may be writing meanwhile (their caches live in top). */
	site s = *base;
	site_forget_own(&s);
	s.repo = repo;
	s.d = d;
	s.top = top;
	long c = ssg_history_find(top->hist, top->tags[i].target);
	s.hist_end = (size_t)c + 1;
	s.ntags = i + 1;
	ssg_routes *routes = ssg_routes_copy(top->tags[i].name);
	s.routes = routes;
	ssg_model *pm = ssg_model_new();
	/* The copy writes its own sub-tree, beside the main site's thread
	 * rather than after it (out.h). */
	ssg_out *sub = NULL;
	int rc = SSG_OK;
	if (s.out) {
		rc = ssg_out_sub_begin(
			s.out, ssg_routes_copy_dir(pm, top->tags[i].name), &sub,
			s.d);
		s.out = sub;
	}
	if (rc == SSG_OK)
		rc = ssg_repo_snapshot(s.repo, top->tags[i].target, &s.snap,
				       s.d);
	if (rc == SSG_OK)
		ssg_snapshot_lender(s.snap, s.blobs);
	if (rc == SSG_OK)
		rc = site_load(&s);
	if (rc == SSG_OK) {
		ssg_hview_in in = {s.hist,  s.hist_end, s.pub_commit, s.tags,
				   s.ntags, s.plan,     s.routes,     top->hv};
		site_history_values(&s, &in);
		ssg_value *arch = ssg_model_map(s.m);
		ssg_map_set_str(s.m, arch, "tag", top->tags[i].name);
		ssg_map_set_str(s.m, arch, "title", top->tags[i].summary);
		ssg_map_set(s.site, "archived", arch);
		rc = site_pages(&s, rc);
	}
	site_unload(&s);
	ssg_out_free(sub); /* what it wrote joins the main site's */
	ssg_model_free(pm);
	ssg_routes_free(routes);
	return rc;
}

/* The main site's pages and the revision copies are independent once
 * history is read: the copies are jobs of a pool (pool.h), started while
 * the build's thread writes the main site.  A copy's diagnostics are its
 * own and join the build's in job order. */
typedef struct {
	site *top;
	site base;         /* top before its pages, for the copies */
	int *rc;           /* per copy */
	ssg_diags **diags; /* per copy */
	/* Per tag (copies.h): its key; the signature of its files; kept as
	 * an earlier build left it, or made now and fit to be recorded. */
	char (*keys)[65];
	char (*sigs)[65];
	bool *kept, *made;
	/* Per tag, in names: the slug its records go by, and its directory
	 * in OUT. */
	ssg_model *names;
	const char **slug, **dir;
} copies;

/* Keeps copy i when the tree being written holds it as recorded. */
static bool copy_keep(copies *c, size_t i)
{
	site *top = c->top;
	ssg_diags *quiet = ssg_diags_new();
	bool kept = ssg_out_sig(top->out, c->dir[i], c->sigs[i]) &&
		    ssg_copies_has(top->copies, c->slug[i], c->keys[i],
				   c->sigs[i]) &&
		    ssg_out_keep(top->out, c->dir[i], quiet) == SSG_OK;
	ssg_diags_free(quiet);
	return kept;
}

/* The signature of copy i as made now, when it may be kept next time: a
 * copy that reported anything is made again, so that every build
 * reports it. */
static bool copy_made(copies *c, size_t i, size_t k)
{
	return c->rc[k] == SSG_OK && !ssg_diags_count(c->diags[k]) &&
	       ssg_out_sig(c->top->out, c->dir[i], c->sigs[i]);
}

static bool copy_run(void *ctx, void *res, size_t k)
{
	copies *c = ctx;
	/* Newest revision first: the largest, started early, leaves the
	 * small ones to even out the threads at the end. */
	size_t i = c->top->ntags - 1 - k;
	/* On this thread: checking a copy's files takes a while. */
	if (c->top->copies && (c->kept[i] = copy_keep(c, i)))
		return true;
	ssg_mem_release(); /* the copy before */
	c->rc[k] = site_revision(&c->base, c->top, i, res, c->diags[k]);
	c->made[i] = c->top->copies && copy_made(c, i, k);
	return c->rc[k] == SSG_OK;
}

static void *copy_repo(void *ctx)
{
	const copies *c = ctx;
	ssg_repo *r = NULL;
	ssg_diags *quiet = ssg_diags_new();
	if (ssg_repo_reopen(c->top->repo, &r, quiet) != SSG_OK)
		r = NULL; /* no thread then: see pool.h */
	ssg_diags_free(quiet);
	return r;
}

static void copy_repo_free(void *r)
{
	ssg_repo_free(r);
}

/* This build's records of its copies, for ssg_site_build to write once
 * the site is in place. */
static void copies_record(site *top, const copies *c)
{
	size_t kept = 0;
	for (size_t i = 0; i < top->ntags; i++) {
		kept += c->kept[i];
		if (c->kept[i] || c->made[i])
			ssg_copies_add(top->copies, c->slug[i], c->keys[i],
				       c->sigs[i]);
	}
	ssg_progress_note(top->o->progress,
			  "revision copies: %zu kept from an earlier build, "
			  "%zu made",
			  kept, top->ntags - kept);
}

/* Every page of the main site and, when its plan loaded cleanly and it
 * has history, of each revision copy. */
static int site_all_pages(site *top, int crc)
{
	size_t n = crc == SSG_OK && top->hist ? top->ntags : 0;
	ssg_blobs *blobs = n ? ssg_blobs_new(top->snap) : NULL;
	top->blobs = blobs;
	copies c = {.top = top, .base = *top};
	c.rc = ssg_xcalloc(n + 1, sizeof(int));
	c.diags = ssg_xcalloc(n + 1, sizeof(ssg_diags *));
	c.kept = ssg_xcalloc(n + 1, sizeof(bool));
	c.made = ssg_xcalloc(n + 1, sizeof(bool));
	c.keys = ssg_xcalloc(n + 1, sizeof(*c.keys));
	c.sigs = ssg_xcalloc(n + 1, sizeof(*c.sigs));
	for (size_t k = 0; k < n; k++)
		c.diags[k] = ssg_diags_new();
	if (n && top->out) {
		top->copies = ssg_copies_read(ssg_repo_gitdir(top->repo));
		ssg_copies_in kin = {&top->o->plan, top->o->worktree, top->keys,
				     top->plan, top->pub_commit, top->tags,
				     top->ntags, top->hist, top->hv};
		ssg_copies_keys(&kin, c.keys);
		c.names = ssg_model_new();
		c.slug = ssg_xcalloc(n, sizeof(*c.slug));
		c.dir = ssg_xcalloc(n, sizeof(*c.dir));
		for (size_t i = 0; i < n; i++) {
			c.slug[i] = ssg_routes_slug(c.names, top->tags[i].name);
			c.dir[i] = ssg_routes_copy_dir(c.names,
						       top->tags[i].name);
		}
	}
	ssg_pool_opts po = {n, 8, &c, copy_run, copy_repo, copy_repo_free};
	ssg_pool *pool = ssg_pool_start(&po);
	int rc = site_pages(top, crc);
	if (rc != SSG_OK)
		ssg_pool_stop(pool);
	ssg_pool_finish(pool, top->repo);
	top->blobs = NULL;
	ssg_blobs_free(blobs);
	if (rc == SSG_OK && top->copies)
		copies_record(top, &c);

	/* A main site that failed is the whole report: its copies would
	 * only repeat why (a full disk, say). */
	for (size_t k = 0; k < n; k++) {
		if (rc == SSG_OK) {
			ssg_diags_move(top->d, c.diags[k]);
			rc = c.rc[k];
		}
		ssg_diags_free(c.diags[k]);
	}
	free(c.diags);
	free(c.rc);
	free(c.kept);
	free(c.made);
	free(c.keys);
	free(c.sigs);
	free(c.slug);
	free(c.dir);
	ssg_model_free(c.names);
	return rc;
}

int ssg_site_build(const ssg_site_opts *o, ssg_diags *d)
{
	site s;
	memset(&s, 0, sizeof(s));
	s.o = o;
	s.d = d;
	ssg_routes *routes = ssg_routes_main();
	s.routes = routes;
	s.pub_commit = -1;
	ssg_progress *prog = o->progress;
	ssg_archive *arch = NULL;
	ssg_progress_phase(prog, "open", "", 0);
	int rc = ssg_repo_open(&s.repo, o->repo ? o->repo : ".", d);
	if (rc)
		goto done;
	rc = o->worktree ? ssg_repo_worktree(s.repo, &s.snap, d)
			 : ssg_repo_snapshot(s.repo, o->rev, &s.snap, d);
	if (rc != SSG_OK && (rc != SSG_ERR_CONTENT || !s.snap))
		goto done;
	int crc = rc;
	/* Building HEAD from a work tree with edits leaves them out: the
	 * clerk is told which (--rev names another revision on purpose). */
	if (!o->worktree && (!o->rev || strcmp(o->rev, "HEAD") == 0))
		ssg_repo_uncommitted(s.repo, d);
	ssg_progress_phase(prog, "plan", "", 0);
	rc = site_load(&s);
	if (rc == SSG_ERR_ENV)
		goto done;
	/* Warnings are shown beside errors too (contract section 4): a
	 * plan with content errors still holds what did load. */
	if (s.plan)
		ssg_lint_plan(s.plan, s.snap, d);
	if (rc)
		crc = rc;
	if (!o->no_history && ssg_snapshot_commit(s.snap) && s.plan) {
		rc = site_history(&s, o->worktree ? NULL : o->rev);
		if (rc)
			goto done;
		if (check_tag_urls(&s) != SSG_OK)
			crc = SSG_ERR_CONTENT;
		ssg_hview_in in = {s.hist,  s.hist_end, s.pub_commit, s.tags,
				   s.ntags, s.plan,     s.routes,     NULL};
		site_history_values(&s, &in);
	}
	if (o->out && crc == SSG_OK &&
	    (rc = ssg_out_begin(&s.out, o->out, d)) != SSG_OK)
		goto done;
	ssg_progress_phase(prog, "pages", "files", 0);
	ssg_mem_release(); /* the history walk's own state */
	rc = site_all_pages(&s, crc);
	/* Whatever can fail happens before the site goes live: a build
	 * that fails leaves OUT as it was.  The zip is made from the
	 * finished tree and renamed into place after it. */
	ssg_progress_phase(prog, "publish", "", 0);
	const char *tree = NULL;
	if (rc == SSG_OK && s.out)
		rc = ssg_out_finish(s.out, &tree, d);
	if (rc == SSG_OK && s.out && o->archive && !ssg_diags_errors(d)) {
		ssg_progress_phase(prog, "archive", "", 0);
		const ssg_commit_info *c = ssg_snapshot_commit(s.snap);
		long long t = c ? c->time + (long long)c->offset * 60
				: SSG_ARCHIVE_EPOCH;
		rc = ssg_archive_make(&arch, tree, o->archive, t, d);
	}
	if (rc == SSG_OK && s.out)
		rc = ssg_out_commit(s.out, d);
	if (rc == SSG_OK && arch)
		rc = ssg_archive_place(arch, d);
	/* Only a site in place is a tree the next build may keep from. */
	if (rc == SSG_OK && s.copies)
		(void)ssg_copies_write(s.copies, ssg_repo_gitdir(s.repo));
done:
	ssg_progress_phase(prog, "free", "", 0);
	ssg_archive_free(arch);
	ssg_out_free(s.out);
	ssg_copies_free(s.copies);
	ssg_plan_keys_free(s.keys); /* borrows from the plan */
	site_unload(&s);
	ssg_repo_tags_free(s.tags, s.ntags);
	ssg_history_free(s.hist);
	ssg_repo_free(s.repo);
	ssg_routes_free(routes);
	return rc;
}
