/*
 * shortcode — a page's Markdown as the site shows it: {{table NAME}},
 * {{tasks}} and {{indicators}} embed a table through the theme's
 * embed-* templates, {{value TABLE ID COLUMN}} quotes one figure from the
 * data (so the text and the table never disagree), and links to the
 * plan's own files ("03-nhiem-vu.md#x") become links to their pages.
 * Reads the site's values only; each render has its own context.
 */
#ifndef SSG_SHORTCODE_H
#define SSG_SHORTCODE_H

#include "emit.h"
#include "hview.h"
#include "model.h"
#include "plan.h"
#include "prov.h"
#include "routes.h"

/* The site's values the shortcodes read. */
typedef struct {
	const ssg_plan *plan;
	const ssg_value *indicators, *tasks; /* view.h's lists */
	const ssg_hview *hv;      /* the history's values; NULL without */
	const ssg_value *updated; /* {table: its last change} (hview.h); may
				     be NULL */
	const ssg_prov *prov;     /* NULL without history */
	const ssg_routes *routes; /* the site's: where its posts are */
} ssg_shortcode_site;

/* Renders pg's Markdown for the page in `dir` into page.html (and
 * page.toc), in m; reports its problems at their PATH:LINE:COL into e's
 * diagnostics.  *newest becomes the newer of itself and the newest
 * commit that changed what the shortcodes showed (the tables embedded,
 * the rows quoted: prov.h). */
int ssg_shortcode_render(const ssg_shortcode_site *s, ssg_emit *e,
			 ssg_model *m, ssg_value *page, const ssg_plan_page *pg,
			 const char *dir, long *newest) SSG_WUR;

#endif
