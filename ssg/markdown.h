/*
 * markdown — CommonMark body to safe HTML.  The only cmark user.
 *
 * Raw HTML in content is never passed through (rendered as escaped text);
 * links and images whose URL scheme is javascript:, vbscript:, file: or
 * data: (other than data:image/png|gif|jpeg|webp) lose their URL.  Input
 * must be valid UTF-8 (checked, with PATH:LINE:COL).  Headings get stable
 * ids from their text (text.h slugs, made unique with -2, -3...).
 *
 * Shortcodes: a text `{{name arg arg "quoted arg"}}` calls hooks->shortcode;
 * when it is alone in its paragraph it is a block (`{{table indicators}}`),
 * otherwise inline (`{{value indicators 5 result}}`).  The hook appends
 * HTML.  Shortcodes inside code spans and code blocks are left as text.
 */
#ifndef SSG_MARKDOWN_H
#define SSG_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

#define SSG_MD_MAX_ARGS 8
#define SSG_MD_MAX_BYTES (2u * 1024 * 1024)

typedef struct {
	/* Appends the HTML for one shortcode.  Returns SSG_OK, or an error
	 * code after adding a diagnostic (use path/line/col given). */
	int (*shortcode)(void *ctx, const char *name, const char *const *argv,
			 size_t argc, bool block, ssg_buf *out,
			 const char *path, unsigned line, unsigned col,
			 ssg_diags *d);
	/* May rewrite a link or image URL (say "03-nhiem-vu.md" into
	 * "../nhiem-vu/"): append the new URL to out and return true, or
	 * return false to keep it.  May be NULL. */
	bool (*link)(void *ctx, const char *url, ssg_buf *out);
	void *ctx;
} ssg_md_hooks;

/* Renders the body src[0..len) of file `path` whose first line is
 * `first_line` of that file (after front matter), appending HTML to html.
 * When toc is not NULL, appends a list of the level-2 headings as
 * "<li><a href=\"#id\">text</a></li>" items; when text is not NULL, the
 * document's readable text as ssg_md_text gives it, from the same parse
 * (the search index takes a post's from its render).  hooks may be NULL
 * (shortcodes then are an error). */
int ssg_md_render(const char *path, const char *src, size_t len,
		  unsigned first_line, const ssg_md_hooks *hooks,
		  ssg_buf *html, ssg_buf *toc, ssg_buf *text,
		  ssg_diags *d) SSG_WUR;

/* Calls fn for every text of src[0..len) that reads as a shortcode,
 * wherever it stands (in code spans too, and where a paragraph holds
 * more): each one ssg_md_render would call hooks->shortcode for, and
 * more, so that what the hook reads for them decides the page.  False
 * when src's bytes alone cannot say (a backslash escape or a character
 * reference, which cmark decodes, may make a shortcode or a link's URL
 * no byte of src shows); fn is then not called.  With true, a link's
 * URL is made of src's bytes too. */
typedef void (*ssg_md_shortcode_fn)(void *ctx, const char *name,
				    const char *const *argv, size_t argc);
bool ssg_md_shortcodes(const char *src, size_t len, ssg_md_shortcode_fn fn,
		       void *ctx);

/* The document's readable text, blocks separated by newlines, for search
 * indexes and word diffs.  Shortcodes are left out. */
void ssg_md_text(const char *src, size_t len, ssg_buf *out);

#endif
