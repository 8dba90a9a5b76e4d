/* The Markdown pipeline: pre-scan, cmark, tree transforms, shortcodes
 * (through a hook like the site's), the text extractor and the lint's
 * text checks. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "fuzz.h"
#include "lint.h"
#include "markdown.h"

static int hook_shortcode(void *ctx, const char *name,
			  const char *const *argv, size_t argc, bool block,
			  ssg_buf *out, const char *path, unsigned line,
			  unsigned col, ssg_diags *d)
{
	(void)ctx;
	if (strcmp(name, "fail") == 0) {
		ssg_diags_error(d, path, line, col, "shortcode fails");
		return SSG_ERR_CONTENT;
	}
	ssg_buf_puts(out, block ? "<div>" : "<span>");
	ssg_buf_put_html(out, name, strlen(name));
	for (size_t i = 0; i < argc; i++) {
		ssg_buf_putc(out, ' ');
		ssg_buf_put_html(out, argv[i], strlen(argv[i]));
	}
	ssg_buf_puts(out, block ? "</div>" : "</span>");
	return SSG_OK;
}

static bool hook_link(void *ctx, const char *url, ssg_buf *out)
{
	(void)ctx;
	size_t n = strlen(url);
	if (n < 4 || strcmp(url + n - 3, ".md") != 0)
		return false;
	ssg_buf_puts(out, "../");
	ssg_buf_put_url_path(out, url, n - 3);
	ssg_buf_putc(out, '/');
	return true;
}

/* What the site promises whatever the input: only the tags and
 * attributes cmark and the hook write, and no script URL. */
static bool in(const char *s, size_t n, const char *const *set)
{
	for (size_t i = 0; set[i]; i++)
		if (strlen(set[i]) == n && strncmp(set[i], s, n) == 0)
			return true;
	return false;
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static void check_url(const char *v, size_t n)
{
	char s[16];
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof s - 1; i++) {
		char c = v[i];
		if ((unsigned char)c <= 0x20 || c == 0x7f)
			abort(); /* cmark percent-encodes these */
		s[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	s[k] = '\0';
	if (!strncmp(s, "javascript:", 11) || !strncmp(s, "vbscript:", 9) ||
	    !strncmp(s, "file:", 5) ||
	    (!strncmp(s, "data:", 5) && strncmp(s, "data:image/", 11)))
		abort();
}

static void check_html(const char *h)
{
	static const char *const tags[] = {
		"p",  "a",  "img", "em", "strong", "code", "pre", "blockquote",
		"ul", "ol", "li",  "h1", "h2",     "h3",   "h4",  "h5",
		"h6", "hr", "br",  "div", "span",  NULL};
	static const char *const attrs[] = {"href", "src", "alt", "title",
					    "id",   "class", "start", NULL};
	for (const char *p = strchr(h, '<'); p; p = strchr(p, '<')) {
		p++;
		if (*p == '/')
			p++;
		const char *name = p;
		while (is_alnum(*p))
			p++;
		if (!in(name, (size_t)(p - name), tags))
			abort();
		for (;;) {
			while (*p == ' ')
				p++;
			if (*p == '>' || (p[0] == '/' && p[1] == '>'))
				break;
			const char *an = p;
			while (is_alnum(*p))
				p++;
			if (!in(an, (size_t)(p - an), attrs) || p[0] != '=' ||
			    p[1] != '"')
				abort();
			const char *v = p + 2, *e = strchr(v, '"');
			if (!e)
				abort();
			if (memchr(v, '<', (size_t)(e - v)) ||
			    memchr(v, '>', (size_t)(e - v)))
				abort();
			if (!strncmp(an, "href", 4) || !strncmp(an, "src", 3))
				check_url(v, (size_t)(e - v));
			p = e + 1;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ssg_diags *d = ssg_diags_new();
	ssg_buf html, toc, text, rendered;
	ssg_buf_init(&html);
	ssg_buf_init(&toc);
	ssg_buf_init(&text);
	ssg_buf_init(&rendered);
	char *src = ssg_xmalloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	ssg_md_hooks hooks = {hook_shortcode, hook_link, NULL};
	bool ok = ssg_md_render("content/f.md", src, size, 5, &hooks, &html,
				&toc, &rendered, d) == SSG_OK;
	if (ok) {
		check_html(ssg_buf_cstr(&html));
		check_html(ssg_buf_cstr(&toc));
	}
	ssg_md_text(src, size, &text);
	/* The search index takes a post's text from its render: it must be
	 * the text ssg_md_text gives. */
	if (ok && (rendered.len != text.len ||
		   memcmp(ssg_buf_cstr(&rendered), ssg_buf_cstr(&text),
			  text.len) != 0))
		abort();
	/* The plan lint scans the same untrusted text. */
	ssg_lint_text("content/f.md", src, size, 5, d);
	ssg_buf_fini(&html);
	ssg_buf_fini(&toc);
	ssg_buf_fini(&text);
	ssg_buf_fini(&rendered);
	ssg_diags_free(d);
	free(src);
	return 0;
}
