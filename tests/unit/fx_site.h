/* Test helper for the modules of the page layer, each tested alone: a
 * fixture repository's plan (and history), the values the pages read
 * (view.h's indicators and tasks, a site map) and an emitter over a real
 * output tree with the test's own templates, so that a test reads what
 * the module put into its pages and not the theme's markup.
 * Header-only, like fixture.h. */
#ifndef SSG_TEST_FX_SITE_H
#define SSG_TEST_FX_SITE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "fixture.h"
#include "history.h"
#include "model.h"
#include "out.h"
#include "plan.h"
#include "repo.h"
#include "revision.h"
#include "template.h"
#include "view.h"

typedef struct {
	char base[64];   /* the group's directory; the repository is base/r */
	ssg_repo *repo;
	ssg_snapshot *snap;
	ssg_plan *plan;
	/* fx_site_history: the history walked with the plan's row keys,
	 * and its official revisions. */
	ssg_plan_opts po;
	ssg_plan_keys *keys;
	ssg_history *hist;
	ssg_tag_info *tags;
	size_t ntags;
	long pub;
	ssg_model *m;
	ssg_value *site;   /* {{site}}: title, nav */
	ssg_value *indicators, *tasks;
	ssg_templates *tpl;
	ssg_diags *d;
	/* fx_site_emit .. fx_site_done */
	char *out;
	ssg_out *o;
	ssg_emit *e;
} fx_site;

/* Prints and counts the diagnostics of d, for a failing test to show. */
static inline size_t fx_site_show(const ssg_diags *d)
{
	for (size_t i = 0; i < ssg_diags_count(d); i++) {
		const ssg_diag *g = ssg_diags_get(d, i);
		fprintf(stderr, "%s:%u: %s\n", g->path ? g->path : "-",
			g->line, g->msg);
	}
	return ssg_diags_count(d);
}

/* A template of the test's own. */
static inline void fx_site_tpl(fx_site *f, const char *name, const char *src)
{
	if (ssg_templates_add(f->tpl, name, src, strlen(src), name, f->d) !=
	    SSG_OK)
		fail_msg("template %s does not compile", name);
}

/* Opens base/r, snapshots `rev` (NULL: HEAD), loads its plan and makes
 * the values; an empty template set.  False (shown) on failure. */
static inline bool fx_site_open(fx_site *f, const char *rev)
{
	f->d = ssg_diags_new();
	char *path = fx_path(f->base, "r");
	int rc = ssg_repo_open(&f->repo, path, f->d);
	if (rc == SSG_OK)
		rc = ssg_repo_snapshot(f->repo, rev, &f->snap, f->d);
	if (rc == SSG_OK)
		rc = ssg_plan_load(&f->plan, f->snap, &f->po, f->d);
	free(path);
	if (rc != SSG_OK) {
		fx_site_show(f->d);
		return false;
	}
	f->m = ssg_model_new();
	f->site = ssg_model_map(f->m);
	ssg_map_set_str(f->m, f->site, "title",
			ssg_value_get_str(ssg_plan_meta(f->plan), "title"));
	ssg_map_set(f->site, "nav", ssg_model_list(f->m));
	int year = atoi(ssg_value_get_str(ssg_plan_meta(f->plan), "year"));
	f->indicators = ssg_model_list(f->m);
	for (size_t i = 0; i < ssg_plan_nindicators(f->plan); i++)
		ssg_list_push(f->indicators,
			      ssg_view_indicator(
				      f->m, ssg_plan_indicator_at(f->plan, i),
				      year));
	f->tasks = ssg_model_list(f->m);
	for (size_t i = 0; i < ssg_plan_ntasks(f->plan); i++)
		ssg_list_push(f->tasks,
			      ssg_view_task(f->m, ssg_plan_task_at(f->plan, i)));
	f->tpl = ssg_templates_new();
	return true;
}

/* The history of base/r (all of it), with the plan's row keys, and its
 * official revisions. */
static inline bool fx_site_history(fx_site *f)
{
	f->keys = ssg_plan_keys_new(f->plan, &f->po);
	if (ssg_history_load(&f->hist, f->repo, NULL,
			     ssg_plan_keys_all(f->keys),
			     ssg_plan_keys_count(f->keys), NULL,
			     f->d) == SSG_OK &&
	    ssg_revision_tags(f->repo, f->hist, &f->tags, &f->ntags, &f->pub,
			      f->d) == SSG_OK)
		return true;
	fx_site_show(f->d);
	return false;
}

/* Templates in place of f's, which are returned. */
static inline ssg_templates *fx_site_tpl_swap(fx_site *f, ssg_templates *t)
{
	ssg_templates *old = f->tpl;
	f->tpl = t;
	return old;
}

/* The diagnostics so far forgotten. */
static inline void fx_site_diags_clear(fx_site *f)
{
	ssg_diags_free(f->d);
	f->d = ssg_diags_new();
}

/* An emitter writing into base/<out> (or nowhere, a check, when out is
 * NULL). */
static inline ssg_emit *fx_site_emit(fx_site *f, const char *out)
{
	if (out) {
		free(f->out);
		f->out = fx_path(f->base, out);
		if (ssg_out_begin(&f->o, f->out, f->d) != SSG_OK)
			fail_msg("cannot begin %s", f->out);
	}
	f->e = ssg_emit_new(f->o, "", f->tpl, f->site, NULL, NULL, f->d);
	return f->e;
}

/* The emitter freed and the output, if any, put in place. */
static inline void fx_site_done(fx_site *f)
{
	ssg_emit_free(f->e);
	f->e = NULL;
	if (f->o && ssg_out_commit(f->o, f->d) != SSG_OK) {
		fx_site_show(f->d);
		fail_msg("cannot commit %s", f->out);
	}
	ssg_out_free(f->o);
	f->o = NULL;
}

/* The file rel of the output put in place, to free; NULL when absent. */
static inline char *fx_site_file(const fx_site *f, const char *rel)
{
	char *p = fx_path(f->out, rel);
	char *s = fx_slurp(p, NULL);
	free(p);
	return s;
}

/* Fails the test unless the file rel of the output holds `want`. */
static inline void fx_site_has(const fx_site *f, const char *rel,
			       const char *want)
{
	char *got = fx_site_file(f, rel);
	if (!got)
		fail_msg("%s was not written", rel);
	if (!strstr(got, want))
		fail_msg("%s: '%s' not in '%s'", rel, want, got);
	free(got);
}

static inline void fx_site_close(fx_site *f)
{
	ssg_emit_free(f->e);
	ssg_out_free(f->o);
	ssg_templates_free(f->tpl);
	ssg_model_free(f->m);
	ssg_repo_tags_free(f->tags, f->ntags);
	ssg_plan_keys_free(f->keys); /* borrows from the plan */
	ssg_plan_free(f->plan);
	ssg_snapshot_free(f->snap);
	ssg_history_free(f->hist);
	ssg_repo_free(f->repo);
	ssg_diags_free(f->d);
	free(f->out);
	char base[sizeof(f->base)];
	memcpy(base, f->base, sizeof(base));
	memset(f, 0, sizeof(*f));
	memcpy(f->base, base, sizeof(base)); /* for the teardown */
}

#endif
