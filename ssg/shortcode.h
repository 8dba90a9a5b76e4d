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
	bool commit; /* built from a commit, not a work tree */
} ssg_shortcode_site;

/* Renders pg's Markdown for the page in `dir` into page.html (and
 * page.toc), in m; reports its problems at their PATH:LINE:COL into e's
 * diagnostics.  *newest becomes the newer of itself and the newest
 * commit that changed what the shortcodes showed (the tables embedded,
 * the rows quoted: prov.h).
 *
 * A dated page (a post: a news update of its day) quotes each figure
 * as it stood at the page's own commit, the newest that changed its
 * file (ssg_hview_cell_at), so that what it says stays what was so when
 * it was written, and it is the same page in every revision copy that
 * has the same file (lean.h); a table it embeds is the table as it
 * stands, with the date of its last change.  Any other page (the plan's
 * sections, the overview) quotes the figures as the site stands, and so
 * does every page of a work tree's site (--worktree, serve), which no
 * commit is yet: a preview shows the figures a post written there
 * would quote once committed with them. */
int ssg_shortcode_render(const ssg_shortcode_site *s, ssg_emit *e,
			 ssg_model *m, ssg_value *page, const ssg_plan_page *pg,
			 bool dated, const char *dir, long *newest,
			 ssg_buf *text) SSG_WUR;

/* What links to the plan's own files read (the sections' and posts'
 * files and slugs, and which posts are the main site's: lean.h), as one
 * value made in m: made once for a site's pages, for
 * ssg_shortcode_inputs. */
const ssg_value *ssg_shortcode_links(const ssg_shortcode_site *s,
				     ssg_model *m);
/* Pushes onto `inputs` (a list in m) all that ssg_shortcode_render reads
 * for pg besides the emitter's site and theme and the page's directory,
 * without rendering, so that a page is keyed before its Markdown is
 * made (emit.h's ssg_emit_page_fill): a digest of the file's path and
 * Markdown; what each text that reads as a shortcode would show (found
 * by bytes, in code spans too: markdown.h), each figure as written and
 * each table embedded whole; `links` when the text may link a plan's
 * file; and the commits whose newest the page shows as its provenance
 * (the file's, each shortcode's), each as shown, with their order.
 * False when the Markdown's bytes cannot say (ssg_md_shortcodes): the
 * page is then to be rendered before it is keyed. */
bool ssg_shortcode_inputs(const ssg_shortcode_site *s, const ssg_value *links,
			  ssg_model *m, const ssg_plan_page *pg, bool dated,
			  ssg_value *inputs);
/* True when every text of src[0..len) that may read as a shortcode
 * quotes a figure ({{value ...}}, by its bytes: markdown.h) and none
 * embeds a table: a dated page of such Markdown shows the same wherever
 * its file and the history up to its commit are the same (lean.h). */
bool ssg_shortcode_quotes_only(const char *src, size_t len);

#endif
