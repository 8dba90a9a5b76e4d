/*
 * sitegen — one site made from one snapshot (sitegen.h): its shared
 * values, what its history adds to them, and its pages in order.
 */
#include "sitegen.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "claims.h"
#include "emit.h"
#include "feed.h"
#include "fmt.h"
#include "frontmatter.h"
#include "model.h"
#include "pages_history.h"
#include "pages_plan.h"
#include "period.h"
#include "pool.h"
#include "prov.h"
#include "search.h"
#include "template.h"
#include "text.h"
#include "theme.h"
#include "urls.h"
#include "view.h"
#include "years.h"

#define SSG_VERSION "0.1"

struct ssg_sitegen {
	/* Lent by the build (ssg_sitegen_in). */
	const ssg_plan_opts *plan_opts;
	ssg_progress *progress;
	ssg_repo *repo;
	ssg_snapshot *snap;
	const ssg_routes *routes;
	ssg_diags *d;
	/* Lent by the build (ssg_sitegen_hist): hist is NULL without
	 * history. */
	const ssg_history *hist;
	size_t hist_end;
	const ssg_tag_info *tags;
	size_t ntags;
	const ssg_plan_keys *keys;
	/* Lent by the build (ssg_sitegen_pages). */
	ssg_out *out;
	const ssg_blobs *blobs;
	/* Its own. */
	ssg_plan *plan;
	ssg_templates *tpl;
	ssg_model *m;          /* values shared by every page */
	ssg_value *site;       /* {{site.*}}: metadata, nav, publication */
	/* What only some pages show, kept out of {{site}} so that a new
	 * commit changes only the pages whose content it changes: the
	 * commit built (the overview, changes/, build.json), the reports
	 * judged (the overview), each table's last change (its page and
	 * its embeds). */
	ssg_value *build;
	ssg_value *reports;
	ssg_value *updated;
	ssg_value *indicators; /* list of indicator maps */
	ssg_value *tasks;      /* list of task maps */
	ssg_date today;        /* the built commit's date: "now" */
	bool has_today;
	ssg_hview *hv;         /* NULL without history */
	ssg_prov *prov;        /* NULL without history */
	ssg_claims *claims;    /* which page has each file, for its emitters */
};

/* ---- the site map shared by every page --------------------------- */

/* site.build says only what every page of a build shares (a preview of
 * the work tree, the version); the commit built is s->build, for the
 * pages that show it. */
static void site_build_info(ssg_sitegen *s)
{
	ssg_model *m = s->m;
	ssg_value *shared = ssg_model_map(m);
	ssg_map_set_bool(m, shared, "worktree",
			 ssg_snapshot_is_worktree(s->snap));
	ssg_map_set_str(m, shared, "version", SSG_VERSION);
	ssg_map_set(s->site, "build", shared);
	ssg_value *b = ssg_model_map(m);
	const ssg_commit_info *c = ssg_snapshot_commit(s->snap);
	if (c) {
		ssg_map_set_str(m, b, "oid", c->oid);
		ssg_map_set_str(m, b, "short", c->short_oid);
		ssg_view_time(m, b, c->time, c->offset);
		s->today = ssg_time_date(c->time, c->offset);
		s->has_today = true;
		ssg_map_set(b, "today", ssg_view_date(m, &s->today));
	}
	s->build = c ? b : NULL;
}

static void site_reports(ssg_sitegen *s)
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
	s->reports = ssg_value_len(list) ? list : NULL;
}

/* Checks the front matter of content/_index.md that the site reads. */
static int site_check_meta(ssg_sitegen *s)
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

static void site_nav(ssg_sitegen *s)
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

static void site_meta(ssg_sitegen *s)
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

/* ---- the plan's values, and the URLs its names give -------------- */

/* The indicators, with their revised targets when the site has a
 * history. */
static void site_indicators(ssg_sitegen *s)
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

static int site_models(ssg_sitegen *s)
{
	ssg_map_set(s->site, "indicator_titles",
		    ssg_view_indicator_titles(s->m, s->plan));
	site_indicators(s);
	s->tasks = ssg_model_list(s->m);
	for (size_t i = 0; i < ssg_plan_ntasks(s->plan); i++)
		ssg_list_push(s->tasks,
			      ssg_view_task(s->m, ssg_plan_task_at(s->plan, i)));
	return ssg_urls_check_plan(s->plan, s->claims, s->d);
}

/* ---- the site's steps --------------------------------------------- */

ssg_sitegen *ssg_sitegen_new(const ssg_sitegen_in *in)
{
	ssg_sitegen *s = ssg_xcalloc(1, sizeof(*s));
	s->plan_opts = in->plan_opts;
	s->progress = in->progress;
	s->repo = in->repo;
	s->snap = in->snap;
	s->routes = in->routes;
	s->d = in->d;
	s->claims = ssg_claims_new();
	return s;
}

void ssg_sitegen_free(ssg_sitegen *s)
{
	if (!s)
		return;
	ssg_claims_free(s->claims); /* borrows from the plan and the tags */
	ssg_templates_free(s->tpl);
	ssg_prov_free(s->prov);
	ssg_hview_free(s->hv);
	ssg_model_free(s->m);
	ssg_plan_free(s->plan);
	free(s);
}

/* Content errors are collected and returned; the pages are still
 * rendered, in memory only, so that one run reports every problem. */
int ssg_sitegen_load(ssg_sitegen *s)
{
	int crc = SSG_OK;
	if (ssg_theme_load(s->snap, &s->tpl, s->d))
		crc = SSG_ERR_CONTENT;
	int rc = ssg_plan_load(&s->plan, s->snap, s->plan_opts, s->d);
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

const ssg_plan *ssg_sitegen_plan(const ssg_sitegen *s)
{
	return s->plan;
}

/* The number and the place and date of issue of a past year's plan, as
 * its content/_index.md stood at the plan's last commit, for the
 * disclosure directory (its columns "Số, ký hiệu" and "Ngày ban hành"):
 * the version the history last recorded for it, one blob read.  Left
 * out when that version cannot be read: it was checked when it was
 * built, and today's build is not about it. */
static void year_document(ssg_sitegen *s, ssg_history_reader *rd,
			  ssg_value *v, const ssg_year *y)
{
	/* Set even when unknown, so that the template finds no other
	 * number up its context. */
	ssg_map_set_str(s->m, v, "number", "");
	ssg_map_set_str(s->m, v, "date", "");
	const ssg_hpage *p = NULL;
	for (size_t i = y->last + 1; i-- > 0 && !p;) {
		const ssg_hcommit *c = ssg_history_commit(s->hist, i);
		for (size_t k = c->npages; k-- > 0 && !p;) {
			const ssg_hpage *q =
				ssg_history_page(s->hist, c->first_page + k);
			if (strcmp(q->path, SSG_PERIOD_FILE) == 0)
				p = q;
		}
	}
	ssg_buf text;
	ssg_buf_init(&text);
	ssg_diags *quiet = ssg_diags_new();
	const ssg_value *meta;
	size_t off;
	unsigned line;
	if (p && ssg_history_page_text(rd, p, true, &text) && text.len &&
	    ssg_frontmatter_parse(s->m, SSG_PERIOD_FILE, ssg_buf_cstr(&text),
				  text.len, &meta, &off, &line,
				  quiet) == SSG_OK) {
		ssg_map_set_str(s->m, v, "number",
				ssg_value_get_str(meta, "number"));
		ssg_map_set_str(s->m, v, "date",
				ssg_value_get_str(meta, "place_date"));
	}
	ssg_diags_free(quiet);
	ssg_buf_fini(&text);
}

/* The plans of the history (years.h): {{site.plan_published}}, the day
 * the plan of the site's own period was published, and
 * {{site.years}}, the earlier years' plans, newest first, each {year,
 * url (its copy, years/<year>/, which the main site writes), title (of
 * the tag that published it; "" for none), number and date (of issue,
 * from its front matter; "" when unknown), published (a day)}. */
static void site_years(ssg_sitegen *s)
{
	ssg_year *past = NULL, cur;
	size_t n = ssg_years_of(s->hist, s->hist_end, s->tags, s->ntags,
				&past, &cur);
	if (cur.year) {
		ssg_value *t = ssg_model_map(s->m);
		ssg_view_time(s->m, t, cur.time, cur.offset);
		ssg_map_set(s->site, "plan_published", ssg_value_get(t, "day"));
	}
	ssg_value *list = ssg_model_list(s->m);
	ssg_history_reader *rd = n ? ssg_history_reader_new(s->hist) : NULL;
	for (size_t k = n; k-- > 0;) {
		const ssg_year *y = &past[k];
		ssg_value *v = ssg_model_map(s->m);
		ssg_map_set_str(s->m, v, "year", y->year);
		ssg_map_set_str(s->m, v, "url",
				ssg_routes_shared(s->routes, s->m,
					ssg_routes_year_dir(s->m, y->year)));
		ssg_map_set_str(s->m, v, "title",
				y->tag >= 0 ? s->tags[y->tag].summary : "");
		ssg_value *t = ssg_model_map(s->m);
		ssg_view_time(s->m, t, y->time, y->offset);
		ssg_map_set(v, "published", ssg_value_get(t, "day"));
		year_document(s, rd, v, y);
		ssg_list_push(list, v);
	}
	ssg_history_reader_free(rd);
	ssg_map_set(s->site, "years", list);
	ssg_map_set_bool(s->m, s->site, "has_years", n > 0);
	free(past);
}

/* What the history adds to the site's values, once its view is made
 * (after ssg_sitegen_load, which made them without it): the reports
 * judged, the navigation to changes and revisions, the indicators'
 * revised targets, the tables' last changes and the publication of its
 * period. */
int ssg_sitegen_history(ssg_sitegen *s, const ssg_sitegen_hist *h)
{
	s->hist = h->hist;
	s->hist_end = h->end;
	s->tags = h->tags;
	s->ntags = h->ntags;
	s->keys = h->keys;
	int rc = ssg_urls_check_tags(s->tags, s->ntags, s->claims, s->d);
	ssg_hview_in in = {s->hist, s->hist_end, s->tags,  s->ntags,
			   s->plan, s->routes,   h->main};
	/* The main site's commit digests are kept for the next build, for
	 * the history walked with these row keys. */
	unsigned char ksum[32];
	bool kept = !h->main && s->keys && s->repo;
	if (kept)
		ssg_plan_keys_sum(s->keys, "ssg commit values 1", ksum);
	s->hv = kept ? ssg_hview_new_kept(&in, ssg_repo_gitdir(s->repo), ksum)
		     : ssg_hview_new(&in);
	site_reports(s);
	site_nav(s);
	site_indicators(s);
	s->prov = ssg_prov_new(s->hv);
	s->updated = ssg_hview_updated(s->hv, s->m);
	ssg_map_set_bool(s->m, s->site, "has_history", true);
	long pub = ssg_hview_publication(s->hv);
	if (pub >= 0)
		ssg_map_set(s->site, "publication",
			    ssg_hview_tag(s->hv, s->m, (size_t)pub));
	site_years(s);
	return rc;
}

const ssg_hview *ssg_sitegen_hview(const ssg_sitegen *s)
{
	return s->hv;
}

void ssg_sitegen_archived(ssg_sitegen *s, const ssg_tag_info *tag)
{
	ssg_value *arch = ssg_model_map(s->m);
	ssg_map_set_str(s->m, arch, "tag", tag->name);
	ssg_map_set_str(s->m, arch, "title", tag->summary);
	ssg_map_set(s->site, "archived", arch);
}

void ssg_sitegen_past(ssg_sitegen *s, const ssg_year *y)
{
	ssg_value *past = ssg_model_map(s->m);
	ssg_map_set_str(s->m, past, "year", y->year);
	const ssg_hcommit *c = ssg_history_commit(s->hist, y->last);
	ssg_view_time(s->m, past, c->time, c->offset);
	ssg_map_set_str(s->m, past, "current",
			ssg_routes_shared(s->routes, s->m, ""));
	ssg_map_set(s->site, "past", past);
}

/* ---- the pages ----------------------------------------------------- */

/* Work a site's thread hands to a second one once the site's values
 * stop changing (after the data pages): the search index, which reads
 * every page's text, and, for the main site, changes/ — 20,000 commit
 * pages on a province, in parts (pages_history.h) that both threads
 * take once their own work is done, so that neither waits for the other
 * at the end.  Job 0 is the search index, jobs 1.. the parts of changes/.
 * The search index and changes/ each have their own emitter and
 * diagnostics; changes/ is written through a sub-tree of out (out.h), so
 * that two threads make files at once. */
typedef struct {
	const ssg_sitegen *s; /* what the jobs read */
	ssg_emit *e[2];  /* search, changes/ */
	ssg_diags *d[2];
	int rc[2];
	ssg_out *sub;    /* changes/ */
	ssg_changes_parts *parts; /* of changes/, NULL when not apart */
	atomic_size_t parts_left;
	ssg_evmemo *em;  /* the events keys kept */
	bool rows;       /* the row histories after the search index */
	ssg_posttext *texts; /* the posts' texts, from their renders */
} side_jobs;

/* rc, or r when rc is still fine: the first failure is the build's. */
static int first(int rc, int r)
{
	return rc ? rc : r;
}

/* A thread's reader of the history's page texts, for the parts of
 * changes/ it takes (its own: a reader is one thread's). */
static void *side_reader(void *ctx)
{
	const side_jobs *j = ctx;
	/* Never NULL: a thread with no reader still makes the search
	 * index, and its diffs say the versions could not be read. */
	ssg_history_reader **r = ssg_xcalloc(1, sizeof(*r));
	*r = ssg_history_reader_new(ssg_hview_history(j->s->hv));
	ssg_history_reader_lender(*r, j->s->blobs);
	return r;
}

static void side_reader_free(void *res)
{
	ssg_history_reader **r = res;
	if (r)
		ssg_history_reader_free(*r);
	free(r);
}

static bool side_run(void *ctx, void *res, size_t k)
{
	side_jobs *j = ctx;
	if (k == 0) {
		/* data/history.jsonl first, beside the site's own pages: a
		 * rebuild whose twin was just made links OUT's file and so
		 * copies it (27 MB on a province) before it adds the new
		 * lines, and the site's thread is a rebuild's longest; the
		 * disk then writes it while the pages are made. */
		if (j->s->hv && ssg_routes_writes_shared(j->s->routes))
			j->rc[0] = ssg_pages_history_data(j->s->hv, j->e[0],
							  j->s->keys);
		j->rc[0] = first(j->rc[0],
				 ssg_search_write(j->e[0], j->s->routes,
						  j->s->plan, j->s->indicators,
						  j->s->tasks, j->texts));
		/* The row histories' events keys are theirs alone
		 * (evmemo.h): they may be taken beside changes/ and the
		 * site's own pages. */
		if (j->rows)
			j->rc[0] = first(j->rc[0],
					 ssg_pages_row_history(j->s->hv,
							       j->e[0], j->em));
		return true;
	}
	ssg_history_reader **rd = res;
	ssg_pages_changes_part(j->parts, k - 1, rd ? *rd : NULL);
	if (atomic_fetch_sub(&j->parts_left, 1) != 1)
		return true;
	/* The last part: the list, then changes/ prunes its part of a
	 * reused tree here, beside the site's own pages, not after them
	 * (20,000 directories on a province). */
	j->rc[1] = ssg_pages_changes_end(j->parts);
	j->parts = NULL;
	ssg_out_free(j->sub);
	j->sub = NULL;
	return true;
}

/* Sets up changes/ as jobs 1.. for a site that writes the commit pages
 * (the main site, with history); false when it stays a step of the
 * site's own thread. */
static bool changes_apart(ssg_sitegen *s, side_jobs *j)
{
	if (!ssg_routes_writes_shared(s->routes) || !s->hv)
		return false;
	j->d[1] = ssg_diags_new();
	if (s->out &&
	    (j->rc[1] = ssg_out_sub_begin(s->out, SSG_ROUTES_CHANGES, &j->sub,
					  j->d[1])) != SSG_OK)
		return true; /* failed: reported, and not written here */
	j->e[1] = ssg_emit_new(j->sub, SSG_ROUTES_CHANGES, s->tpl, s->site,
			       s->claims, s->progress, j->d[1]);
	j->parts = ssg_pages_changes_begin(s->hv, j->e[1], s->build, j->em);
	atomic_init(&j->parts_left, ssg_pages_changes_nparts(j->parts));
	return true;
}

/* build.json: what the site was built from (contract section 5), the
 * one file besides the overview and changes/ that names the commit
 * built.  `tag` is the newest official revision on the chain built,
 * `period` the plan's year; null where there is none. */
/* A JSON string, or null for none (or for bytes that are not UTF-8:
 * a tag's name is git's, not checked). */
static json_t *str_or_null(const char *v)
{
	json_t *j = v && *v ? json_string(v) : NULL;
	return j ? j : json_null();
}

static int build_json(ssg_sitegen *s, ssg_emit *e)
{
	const ssg_commit_info *c = ssg_snapshot_commit(s->snap);
	const char *year = ssg_value_get_str(ssg_plan_meta(s->plan), "year");
	json_t *o = json_object();
	json_object_set_new(o, "commit", str_or_null(c ? c->oid : NULL));
	json_object_set_new(o, "date",
			    str_or_null(ssg_value_get_str(s->build, "iso")));
	json_object_set_new(o, "tag",
			    str_or_null(s->ntags ? s->tags[s->ntags - 1].name
						 : NULL));
	json_object_set_new(o, "period", str_or_null(year));
	json_object_set_new(o, "worktree",
			    json_boolean(ssg_snapshot_is_worktree(s->snap)));
	json_object_set_new(o, "version", json_string(SSG_VERSION));
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!text)
		abort(); /* out of memory, as everywhere (err.h) */
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, text);
	ssg_buf_putc(&b, '\n');
	free(text);
	int rc = ssg_emit_file(e, "build.json", NULL, b.data, b.len);
	ssg_buf_fini(&b);
	return rc;
}

/* Each step reports its own problems and all run, so that one build
 * shows them all. */
int ssg_sitegen_pages(ssg_sitegen *s, ssg_out *out, const ssg_blobs *blobs)
{
	int rc = SSG_OK;
	s->out = out;
	s->blobs = blobs;
	ssg_emit *e = ssg_emit_new(s->out, "", s->tpl, s->site, s->claims,
				   s->progress, s->d);
	/* The data pages add the tables to s->site: after them, nothing
	 * the jobs read changes any more. */
	/* The search index (a side job) takes each post's text from its
	 * render (posttext.h): one parse a post, not two. */
	ssg_posttext *texts = ssg_posttext_new(ssg_plan_nposts(s->plan));
	ssg_pages_plan_in pin = {s->plan,    s->indicators, s->tasks,
				 s->hv,      s->prov,       s->build,
				 s->reports, s->updated,    s->routes,
				 !ssg_snapshot_is_worktree(s->snap), texts};
	rc = first(rc, ssg_pages_data(&pin, e, s->m, s->site));
	side_jobs j;
	memset(&j, 0, sizeof(j));
	/* The main site (a revision copy's commits and more are its). */
	bool shared = ssg_routes_writes_shared(s->routes);
	/* The main site's events keys, kept for its commits and rows. */
	if (s->out && s->hv && shared)
		j.em = ssg_evmemo_read(ssg_repo_gitdir(s->repo), s->hv,
				       s->keys);
	bool apart = changes_apart(s, &j);
	j.s = s;
	j.texts = texts;
	j.d[0] = ssg_diags_new();
	j.e[0] = ssg_emit_new(s->out, "", s->tpl, s->site, s->claims,
			      s->progress, j.d[0]);
	bool job = apart && j.rc[1] == SSG_OK;
	j.rows = job;
	ssg_pool_opts po = {1 + (job ? ssg_pages_changes_nparts(j.parts) : 0),
			    2, &j, side_run, job ? side_reader : NULL,
			    job ? side_reader_free : NULL};
	ssg_pool *pool = ssg_pool_start(&po);
	rc = first(rc, ssg_pages_index(&pin, e));
	rc = first(rc, ssg_pages_sections(&pin, e));
	rc = first(rc, ssg_pages_indicators(&pin, e));
	rc = first(rc, ssg_pages_tasks(&pin, e));
	rc = first(rc, ssg_pages_tables(&pin, e));
	/* The steps of this thread alone before the posts, which a second
	 * thread shares: a rebuild ended with the revision pages here
	 * while the other core, done with changes/, stood idle. */
	if (s->hv) {
		ssg_pages_reviews rv = {s->repo, s->blobs, s->keys};
		rc = first(rc, ssg_pages_revisions(s->hv, e, &rv));
	}
	rc = first(rc, ssg_pages_disclosure(&pin, e));
	rc = first(rc, ssg_pages_posts(&pin, e));
	rc = first(rc, ssg_theme_static(s->snap, e));
	if (s->hv) {
		if (!apart)
			rc = first(rc, ssg_pages_changes(s->hv, e, s->build,
							 j.em));
		if (!j.rows)
			rc = first(rc, ssg_pages_row_history(s->hv, e, j.em));
	}
	ssg_feed_in feed = {s->plan, ssg_snapshot_commit(s->snap), s->hv,
			    s->routes};
	rc = first(rc, ssg_feed_write(e, &feed));
	if (shared)
		rc = first(rc, build_json(s, e));
	/* A copy's last: by then the main site's, made at the start on
	 * another thread, is there for it to start with (out.h's offers). */
	if (s->hv && !shared)
		rc = first(rc, ssg_pages_history_data(s->hv, e, s->keys));
	void *rd = job ? side_reader(&j) : NULL;
	ssg_pool_finish(pool, rd);
	side_reader_free(rd);
	if (j.parts) /* a part no thread took (none is stopped) */
		j.rc[1] = first(j.rc[1], ssg_pages_changes_end(j.parts));
	ssg_posttext_free(texts);
	ssg_out_free(j.sub); /* one its job did not free */
	/* Costs time when it cannot be written, never a different site. */
	(void)ssg_evmemo_write(j.em, ssg_repo_gitdir(s->repo));
	ssg_evmemo_free(j.em);
	for (size_t k = 0; k < 2; k++) {
		rc = first(rc, j.rc[k]);
		if (j.d[k])
			ssg_diags_move(s->d, j.d[k]);
		ssg_diags_free(j.d[k]);
		ssg_emit_free(j.e[k]);
	}
	ssg_emit_free(e);
	/* Two pages on one file, each left to the page that took it first:
	 * the site is not published. */
	if (ssg_claims_report(s->claims, s->d))
		rc = first(rc, SSG_ERR_CONTENT);
	if (rc == SSG_OK && ssg_diags_errors(s->d))
		rc = SSG_ERR_CONTENT;
	return rc;
}

/* The history of the built revision, with the row keys the plan uses. */
