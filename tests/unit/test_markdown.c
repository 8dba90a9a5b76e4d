#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"

/* ---- a recording hook ---------------------------------------------------- */

#define MAX_CALLS 8

typedef struct {
	char name[32];
	char args[SSG_MD_MAX_ARGS][64];
	size_t argc;
	bool block;
	unsigned line, col;
} call;

typedef struct {
	call calls[MAX_CALLS];
	size_t ncalls;
	int fail; /* when not SSG_OK, the hook reports an error */
	const char *link_to;
} recorder;

static int record_shortcode(void *ctx, const char *name,
			    const char *const *argv, size_t argc, bool block,
			    ssg_buf *out, const char *path, unsigned line,
			    unsigned col, ssg_diags *d)
{
	recorder *r = ctx;
	if (r->fail != SSG_OK) {
		ssg_diags_error(d, path, line, col, "unknown table '%s'",
				argc ? argv[0] : "");
		return r->fail;
	}
	if (r->ncalls < MAX_CALLS) {
		call *c = &r->calls[r->ncalls];
		snprintf(c->name, sizeof c->name, "%s", name);
		for (size_t i = 0; i < argc && i < SSG_MD_MAX_ARGS; i++)
			snprintf(c->args[i], sizeof c->args[i], "%s", argv[i]);
		c->argc = argc;
		c->block = block;
		c->line = line;
		c->col = col;
	}
	r->ncalls++;
	ssg_buf_printf(out, "<sc-%s%s>", name, block ? " block" : "");
	return SSG_OK;
}

/* Rewrites links to Markdown files into section URLs. */
static bool record_link(void *ctx, const char *url, ssg_buf *out)
{
	recorder *r = ctx;
	if (r->link_to) {
		ssg_buf_puts(out, r->link_to);
		return true;
	}
	size_t n = strlen(url);
	if (n < 3 || strcmp(url + n - 3, ".md") != 0)
		return false;
	ssg_buf_puts(out, "../");
	ssg_buf_put(out, url + 3, n - 6);
	ssg_buf_puts(out, "/");
	return true;
}

/* ---- rendering helper ---------------------------------------------------- */

typedef struct {
	int rc;
	ssg_buf html, toc;
	ssg_diags *d;
	recorder rec;
} rendered;

static void render_n(rendered *r, const char *src, size_t len,
		     unsigned first_line, bool hooks)
{
	ssg_buf_init(&r->html);
	ssg_buf_init(&r->toc);
	r->d = ssg_diags_new();
	ssg_md_hooks h = {record_shortcode, record_link, &r->rec};
	r->rc = ssg_md_render("content/02-muc-dich.md", src, len, first_line,
			      hooks ? &h : NULL, &r->html, &r->toc, NULL, r->d);
}

static void render(rendered *r, const char *src)
{
	memset(&r->rec, 0, sizeof r->rec);
	render_n(r, src, strlen(src), 1, true);
}

static void finish(rendered *r)
{
	ssg_buf_fini(&r->html);
	ssg_buf_fini(&r->toc);
	ssg_diags_free(r->d);
}

static const char *html(const rendered *r)
{
	return ssg_buf_cstr(&r->html);
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("\"%s\" not found in:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("\"%s\" unexpectedly found in:\n%s", needle, hay);
}

static void assert_one_error(const rendered *r, int code, unsigned line,
			     unsigned col, const char *part)
{
	assert_int_equal(r->rc, code);
	assert_int_equal(ssg_diags_count(r->d), 1);
	const ssg_diag *g = ssg_diags_get(r->d, 0);
	assert_string_equal(g->path, "content/02-muc-dich.md");
	assert_int_equal(g->line, line);
	assert_int_equal(g->col, col);
	assert_contains(g->msg, part);
}

/* ---- safety -------------------------------------------------------------- */

static void test_md_inline_html_is_escaped(void **state)
{
	(void)state;
	rendered r;
	render(&r, "Chú ý <script>alert(1)</script> và <b onclick=\"x\">b</b>");
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_contains(html(&r), "&lt;b onclick=&quot;x&quot;&gt;");
	assert_lacks(html(&r), "<script");
	assert_lacks(html(&r), "<b ");
	finish(&r);
}

static void test_md_block_html_is_escaped(void **state)
{
	(void)state;
	rendered r;
	render(&r, "<div onmouseover=\"x()\">\n<script>x</script>\n</div>\n\n"
		   "<!-- ghi chú -->\n");
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), "&lt;div onmouseover=");
	assert_contains(html(&r), "&lt;!-- ghi chú --&gt;");
	assert_lacks(html(&r), "<div");
	assert_lacks(html(&r), "<script");
	assert_lacks(html(&r), "<!--");
	finish(&r);
}

/* Every href and src attribute in h is empty. */
static void assert_urls_empty(const char *h)
{
	size_t seen = 0;
	for (const char *p = h; (p = strstr(p, "=\"")); p += 2) {
		if ((p - h >= 4 && strncmp(p - 4, "href", 4) == 0) ||
		    (p - h >= 3 && strncmp(p - 3, "src", 3) == 0)) {
			if (p[2] != '"')
				fail_msg("non-empty URL in:\n%s", h);
			seen++;
		}
	}
	assert_true(seen > 0);
}

static void assert_url_dropped(const char *src)
{
	rendered r;
	render(&r, src);
	assert_int_equal(r.rc, SSG_OK);
	assert_urls_empty(html(&r));
	finish(&r);
}

static void test_md_javascript_link_dropped(void **state)
{
	(void)state;
	assert_url_dropped("[bấm](javascript:alert(1))");
}

static void test_md_javascript_link_mixed_case_dropped(void **state)
{
	(void)state;
	assert_url_dropped("[bấm](JaVaScRiPt:alert(1))");
}

static void test_md_javascript_link_leading_space_dropped(void **state)
{
	(void)state;
	assert_url_dropped("[bấm](< javascript:alert(1)>)");
	assert_url_dropped("[bấm](<\tjavascript:alert(1)>)");
}

static void test_md_javascript_link_hidden_characters_dropped(void **state)
{
	(void)state;
	assert_url_dropped("[bấm](&#1;javascript:alert(1))");
	assert_url_dropped("[bấm](java&#9;script:alert(1))");
	assert_url_dropped("[bấm](&#x6A;avascript:alert(1))");
}

static void test_md_javascript_autolink_and_reference_dropped(void **state)
{
	(void)state;
	assert_url_dropped("<javascript:alert(1)>");
	assert_url_dropped("[bấm][x]\n\n[x]: javascript:alert(1)\n");
}

static void test_md_other_dangerous_schemes_dropped(void **state)
{
	(void)state;
	assert_url_dropped("[a](vbscript:msgbox)");
	assert_url_dropped("[a](FILE:///etc/passwd)");
	assert_url_dropped("[a](data:text/html;base64,PHNjcmlwdD4=)");
	assert_url_dropped("![a](data:image/svg+xml;base64,PHN2Zz4=)");
}

static void test_md_raster_data_image_kept(void **state)
{
	(void)state;
	rendered r;
	render(&r, "![logo](data:image/png;base64,iVBORw0KGgo=)");
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), "src=\"data:image/png;base64,iVBORw0KGgo=\"");
	finish(&r);
}

static void test_md_ordinary_links_kept(void **state)
{
	(void)state;
	rendered r;
	render(&r, "[UBND](https://example.vn/a?b=1) [x](#muc) [y](anh/a.png)");
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), "href=\"https://example.vn/a?b=1\"");
	assert_contains(html(&r), "href=\"#muc\"");
	assert_contains(html(&r), "href=\"anh/a.png\"");
	finish(&r);
}

static void test_md_link_hook_rewrites(void **state)
{
	(void)state;
	rendered r;
	render(&r, "Xem [nhiệm vụ](03-nhiem-vu.md).");
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), "<a href=\"../nhiem-vu/\">nhiệm vụ</a>");
	finish(&r);
}

static void test_md_link_hook_output_is_checked(void **state)
{
	(void)state;
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	r.rec.link_to = " javascript:alert(1)";
	const char *src = "[a](b.md)";
	render_n(&r, src, strlen(src), 1, true);
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), "href=\"\"");
	assert_lacks(html(&r), "javascript");
	finish(&r);
}

/* ---- headings ------------------------------------------------------------ */

static void test_md_heading_id_from_vietnamese(void **state)
{
	(void)state;
	rendered r;
	render(&r, "## Mục đích, yêu cầu\n");
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r),
			"<h2 id=\"muc-dich-yeu-cau\">Mục đích, yêu cầu</h2>");
	finish(&r);
}

static void test_md_heading_ids_unique(void **state)
{
	(void)state;
	rendered r;
	render(&r, "# Nhiệm vụ\n\n## Nhiệm vụ\n\n### nhiem vu\n\n"
		   "## Nhiệm vụ 2\n\n## Nhiệm vụ\n");
	assert_int_equal(r.rc, SSG_OK);
	const char *h = html(&r);
	assert_contains(h, "<h1 id=\"nhiem-vu\">");
	assert_contains(h, "<h2 id=\"nhiem-vu-2\">Nhiệm vụ</h2>");
	assert_contains(h, "<h3 id=\"nhiem-vu-3\">");
	/* "Nhiệm vụ 2" slugs to a taken id, so it moves on. */
	assert_contains(h, "<h2 id=\"nhiem-vu-2-2\">Nhiệm vụ 2</h2>");
	assert_contains(h, "<h2 id=\"nhiem-vu-4\">");
	finish(&r);
}

static void test_md_heading_without_letters_gets_fallback_id(void **state)
{
	(void)state;
	rendered r;
	render(&r, "# Một\n\n## —\n\n## 中文\n");
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), "<h2 id=\"muc-2\">—</h2>");
	assert_contains(html(&r), "<h2 id=\"muc-3\">中文</h2>");
	finish(&r);
}

static void test_md_heading_keeps_inline_markup(void **state)
{
	(void)state;
	rendered r;
	render(&r, "## Kết quả *năm* `2024` <i>x</i>\n");
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r),
			"<h2 id=\"ket-qua-nam-2024-i-x-i\">Kết quả <em>năm</em> "
			"<code>2024</code> &lt;i&gt;x&lt;/i&gt;</h2>");
	finish(&r);
}

static void test_md_heading_id_length_bounded(void **state)
{
	(void)state;
	char src[400] = "## ";
	for (int i = 0; i < 90; i++)
		strcat(src, "ab ");
	rendered r;
	render(&r, src);
	assert_int_equal(r.rc, SSG_OK);
	const char *id = strstr(html(&r), "id=\"") + 4;
	size_t n = (size_t)(strchr(id, '"') - id);
	assert_true(n <= 64);
	assert_true(n > 32);
	assert_true(id[n - 1] != '-');
	finish(&r);
}

static void test_md_toc_lists_level_two(void **state)
{
	(void)state;
	rendered r;
	render(&r, "# Kế hoạch\n\n## Mục đích & yêu cầu\n\n### Chi tiết\n\n"
		   "## Nhiệm vụ\n\n## Nhiệm vụ\n");
	assert_int_equal(r.rc, SSG_OK);
	assert_string_equal(
		ssg_buf_cstr(&r.toc),
		"<li><a href=\"#muc-dich-yeu-cau\">Mục đích &amp; yêu cầu"
		"</a></li>\n"
		"<li><a href=\"#nhiem-vu\">Nhiệm vụ</a></li>\n"
		"<li><a href=\"#nhiem-vu-2\">Nhiệm vụ</a></li>\n");
	finish(&r);
}

static void test_md_appends_to_buffers(void **state)
{
	(void)state;
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	ssg_buf_init(&r.html);
	ssg_buf_init(&r.toc);
	ssg_buf_puts(&r.html, "<main>");
	ssg_buf_puts(&r.toc, "<ul>");
	r.d = ssg_diags_new();
	r.rc = ssg_md_render("a.md", "## A\n", 5, 1, NULL, &r.html, &r.toc,
			     NULL, r.d);
	assert_int_equal(r.rc, SSG_OK);
	assert_string_equal(html(&r), "<main><h2 id=\"a\">A</h2>\n");
	assert_string_equal(ssg_buf_cstr(&r.toc),
			    "<ul><li><a href=\"#a\">A</a></li>\n");
	finish(&r);
}

/* ---- shortcodes ---------------------------------------------------------- */

static void test_md_block_shortcode(void **state)
{
	(void)state;
	rendered r;
	render(&r, "Bảng chỉ tiêu:\n\n  {{table indicators}}  \n\nHết.\n");
	assert_int_equal(r.rc, SSG_OK);
	assert_int_equal(r.rec.ncalls, 1);
	const call *c = &r.rec.calls[0];
	assert_string_equal(c->name, "table");
	assert_int_equal(c->argc, 1);
	assert_string_equal(c->args[0], "indicators");
	assert_true(c->block);
	assert_int_equal(c->line, 3);
	assert_int_equal(c->col, 3);
	assert_contains(html(&r), "<p>Bảng chỉ tiêu:</p>\n<sc-table block>\n"
				  "<p>Hết.</p>");
	finish(&r);
}

static void test_md_inline_shortcode_with_underscore(void **state)
{
	(void)state;
	rendered r;
	render(&r, "Tỷ lệ đạt {{value indicators 5 as_of}}, cao hơn năm "
		   "trước.");
	assert_int_equal(r.rc, SSG_OK);
	assert_int_equal(r.rec.ncalls, 1);
	const call *c = &r.rec.calls[0];
	assert_string_equal(c->name, "value");
	assert_int_equal(c->argc, 3);
	assert_string_equal(c->args[0], "indicators");
	assert_string_equal(c->args[1], "5");
	assert_string_equal(c->args[2], "as_of");
	assert_false(c->block);
	assert_int_equal(c->line, 1);
	assert_int_equal(c->col, 11);
	assert_contains(html(&r),
			"<p>Tỷ lệ đạt <sc-value>, cao hơn năm trước.</p>");
	finish(&r);
}

static void test_md_underscore_name_and_emphasis_around(void **state)
{
	(void)state;
	rendered r;
	render(&r, "*Kết quả*: {{task_status tasks 3 due_date}} _xong_");
	assert_int_equal(r.rc, SSG_OK);
	assert_int_equal(r.rec.ncalls, 1);
	assert_string_equal(r.rec.calls[0].name, "task_status");
	assert_string_equal(r.rec.calls[0].args[2], "due_date");
	assert_contains(html(&r), "<em>Kết quả</em>: <sc-task_status> "
				  "<em>xong</em>");
	finish(&r);
}

static void test_md_two_inline_shortcodes_in_paragraph(void **state)
{
	(void)state;
	rendered r;
	render(&r, "{{value a 1 result}} / {{value a 1 target}}");
	assert_int_equal(r.rc, SSG_OK);
	assert_int_equal(r.rec.ncalls, 2);
	assert_false(r.rec.calls[0].block);
	assert_false(r.rec.calls[1].block);
	assert_string_equal(r.rec.calls[0].args[2], "result");
	assert_string_equal(r.rec.calls[1].args[2], "target");
	assert_int_equal(r.rec.calls[1].col, 24);
	assert_contains(html(&r), "<p><sc-value> / <sc-value></p>");
	finish(&r);
}

static void test_md_quoted_shortcode_arguments(void **state)
{
	(void)state;
	rendered r;
	render(&r, "{{chart indicators \"Tỷ lệ hộ nghèo\"   5 \"\"}}");
	assert_int_equal(r.rc, SSG_OK);
	assert_int_equal(r.rec.ncalls, 1);
	const call *c = &r.rec.calls[0];
	assert_int_equal(c->argc, 4);
	assert_string_equal(c->args[1], "Tỷ lệ hộ nghèo");
	assert_string_equal(c->args[2], "5");
	assert_string_equal(c->args[3], "");
	assert_true(c->block);
	finish(&r);
}

static void test_md_shortcode_in_code_left_alone(void **state)
{
	(void)state;
	rendered r;
	render(&r, "Viết `{{value indicators 5 result}}` để trích.\n\n"
		   "```\n{{table indicators}}\n```\n\n"
		   "    {{table tasks}}\n");
	assert_int_equal(r.rc, SSG_OK);
	assert_int_equal(r.rec.ncalls, 0);
	assert_contains(html(&r),
			"<code>{{value indicators 5 result}}</code>");
	assert_contains(html(&r), "<pre><code>{{table indicators}}\n");
	assert_contains(html(&r), "<pre><code>{{table tasks}}\n");
	finish(&r);
}

static void test_md_shortcode_line_with_first_line(void **state)
{
	(void)state;
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	const char *src = "Mở đầu.\n\n- Mục {{value indicators 2 result}}\n";
	render_n(&r, src, strlen(src), 7, true);
	assert_int_equal(r.rc, SSG_OK);
	assert_int_equal(r.rec.ncalls, 1);
	assert_int_equal(r.rec.calls[0].line, 9);
	assert_int_equal(r.rec.calls[0].col, 7);
	finish(&r);
}

static void test_md_error_unterminated_shortcode(void **state)
{
	(void)state;
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	const char *src = "# Tiêu đề\n\nđoạn văn\nthứ hai {{value indicators 5\n";
	render_n(&r, src, strlen(src), 6, true);
	assert_one_error(&r, SSG_ERR_CONTENT, 9, 9, "not closed");
	assert_int_equal(r.html.len, 0);
	assert_int_equal(r.toc.len, 0);
	finish(&r);
}

static void test_md_error_shortcode_across_lines(void **state)
{
	(void)state;
	rendered r;
	render(&r, "{{table\nindicators}}\n");
	assert_one_error(&r, SSG_ERR_CONTENT, 1, 1, "not closed");
	finish(&r);
}

static void test_md_error_too_many_arguments(void **state)
{
	(void)state;
	rendered r;
	render(&r, "x\n\nÔ {{f 1 2 3 4 5 6 7 8 9}}\n");
	assert_one_error(&r, SSG_ERR_CONTENT, 3, 23, "too many");
	assert_int_equal(r.rec.ncalls, 0);
	finish(&r);
}

static void test_md_error_bad_shortcode_name(void **state)
{
	(void)state;
	rendered r;
	render(&r, "> trích {{Value a}}\n");
	assert_one_error(&r, SSG_ERR_CONTENT, 1, 9, "lower-case");
	finish(&r);
}

static void test_md_error_unterminated_quote(void **state)
{
	(void)state;
	rendered r;
	render(&r, "a {{chart \"Tỷ lệ}}\n");
	assert_one_error(&r, SSG_ERR_CONTENT, 1, 11, "not closed");
	finish(&r);
}

static void test_md_error_without_hooks(void **state)
{
	(void)state;
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	const char *src = "Tin mới.\n\n{{table indicators}}\n";
	render_n(&r, src, strlen(src), 4, false);
	assert_one_error(&r, SSG_ERR_CONTENT, 6, 1,
			 "shortcodes are not available here");
	finish(&r);
}

static void test_md_hook_error_propagates(void **state)
{
	(void)state;
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	r.rec.fail = SSG_ERR_CONTENT;
	const char *src = "a\n\nb {{table khong_co}}\n";
	render_n(&r, src, strlen(src), 1, true);
	assert_one_error(&r, SSG_ERR_CONTENT, 3, 3, "unknown table 'khong_co'");
	assert_int_equal(r.html.len, 0);
	finish(&r);
}

static void test_md_all_errors_reported(void **state)
{
	(void)state;
	rendered r;
	render(&r, "{{a\n\ntext\n\n{{b \"x\n");
	assert_int_equal(r.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(r.d), 2);
	assert_int_equal(ssg_diags_get(r.d, 0)->line, 1);
	assert_int_equal(ssg_diags_get(r.d, 1)->line, 5);
	finish(&r);
}

/* ---- input checks -------------------------------------------------------- */

static void test_md_error_invalid_utf8(void **state)
{
	(void)state;
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	const char *src = "Dòng một\nDòng \xe1\xbb hai\n";
	render_n(&r, src, strlen(src), 5, true);
	assert_one_error(&r, SSG_ERR_CONTENT, 6, 6, "UTF-8");
	assert_int_equal(r.html.len, 0);
	finish(&r);
}

static void test_md_error_nul_byte(void **state)
{
	(void)state;
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	render_n(&r, "ab\ncd\0", 6, 1, true);
	assert_one_error(&r, SSG_ERR_CONTENT, 2, 3, "NUL");
	finish(&r);
}

static void test_md_error_too_large(void **state)
{
	(void)state;
	size_t n = SSG_MD_MAX_BYTES + 1;
	char *src = malloc(n);
	memset(src, 'a', n);
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	render_n(&r, src, n, 1, true);
	assert_one_error(&r, SSG_ERR_LIMIT, 1, 1, "larger");
	finish(&r);
	free(src);
}

/* ---- pathological inputs ------------------------------------------------- */

#define MB (1u << 20)

/* `pattern` repeated to n bytes, then `tail`. */
static char *repeat(const char *pattern, size_t n, const char *tail)
{
	size_t p = strlen(pattern), t = strlen(tail);
	char *s = malloc(n + t + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = pattern[i % p];
	memcpy(s + n, tail, t + 1);
	return s;
}

static void assert_refused(const char *src, unsigned line, const char *part)
{
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	render_n(&r, src, strlen(src), 1, true);
	assert_int_equal(r.rc, SSG_ERR_LIMIT);
	assert_int_equal(ssg_diags_count(r.d), 1);
	assert_int_equal(ssg_diags_get(r.d, 0)->line, line);
	assert_contains(ssg_diags_get(r.d, 0)->msg, part);
	assert_int_equal(r.html.len, 0);
	finish(&r);
	ssg_buf out;
	ssg_buf_init(&out);
	ssg_md_text(src, strlen(src), &out);
	assert_int_equal(out.len, 0);
	ssg_buf_fini(&out);
}

static void assert_renders(const char *src, const char *part)
{
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	render_n(&r, src, strlen(src), 1, true);
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), part);
	finish(&r);
}

static void test_md_deep_block_quotes_refused(void **state)
{
	(void)state;
	char *src = repeat(">", MB, "a\n");
	assert_refused(src, 1, "deeper than 32");
	free(src);
	src = repeat("> ", MB, "a\n");
	assert_refused(src, 1, "deeper than 32");
	free(src);
}

static void test_md_deep_lists_refused(void **state)
{
	(void)state;
	char *src = repeat("- ", MB, "a\n");
	assert_refused(src, 1, "deeper than 32");
	free(src);
	src = repeat("1. ", MB, "a\n");
	assert_refused(src, 1, "deeper than 32");
	free(src);
	src = repeat("> * ", MB, "a\n");
	assert_refused(src, 1, "deeper than 32");
	free(src);
}

static void test_md_deep_indented_lists_refused(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	for (int i = 0; i < 40; i++) {
		for (int k = 0; k < i; k++)
			ssg_buf_puts(&b, "  ");
		ssg_buf_puts(&b, "- mục\n");
	}
	/* The line at nesting 33 is the first refused. */
	assert_refused(ssg_buf_cstr(&b), 33, "deeper than 32");
	ssg_buf_fini(&b);
}

static void test_md_nesting_of_32_renders(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	for (int i = 0; i < 16; i++)
		ssg_buf_puts(&b, "> ");
	for (int i = 0; i < 16; i++)
		ssg_buf_puts(&b, "- ");
	ssg_buf_puts(&b, "sâu\n");
	assert_renders(ssg_buf_cstr(&b), "<li>sâu</li>");
	ssg_buf_fini(&b);
}

static void test_md_long_thematic_break_renders(void **state)
{
	(void)state;
	char *src = repeat("- ", 4000, "\n\nsau\n");
	assert_renders(src, "<hr />");
	free(src);
}

static void test_md_repeated_image_link_brackets_refused(void **state)
{
	(void)state;
	char *src = repeat("![[]()", MB, "\n");
	assert_refused(src, 1, "nested links");
	free(src);
}

static void test_md_repeated_image_link_paragraphs_refused(void **state)
{
	(void)state;
	/* Each paragraph stays under the unclosed limit; the total does
	 * not. */
	char *para = repeat("![[]()", 6 * 5000, "\n\n");
	ssg_buf b;
	ssg_buf_init(&b);
	for (int i = 0; i < 30; i++)
		ssg_buf_puts(&b, para);
	assert_refused(ssg_buf_cstr(&b), 3, "nested links");
	ssg_buf_fini(&b);
	free(para);
}

static void test_md_many_open_brackets_refused(void **state)
{
	(void)state;
	char *src = repeat("[", MB, "\n");
	assert_refused(src, 1, "unclosed '['");
	free(src);
	src = repeat("x\n[", MB, "\n");
	assert_refused(src, 10002, "unclosed '['");
	free(src);
}

static void test_md_many_links_render(void **state)
{
	(void)state;
	char *src = repeat("[a](b) ![c](d.png) ", MB, "\n");
	assert_renders(src, "<a href=\"b\">a</a> <img src=\"d.png\"");
	free(src);
}

static void test_md_many_shortcodes_on_one_line_render(void **state)
{
	(void)state;
	const char *pat = "*a* {{value x 1 result}} ";
	char *src = repeat(pat, MB / 2 / strlen(pat) * strlen(pat), "\n");
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	render_n(&r, src, strlen(src), 1, true);
	assert_int_equal(r.rc, SSG_OK);
	assert_true(r.rec.ncalls > 10000);
	finish(&r);
	free(src);
}

static void test_md_many_same_headings_render(void **state)
{
	(void)state;
	char *src = repeat("## a\n", MB, "\n");
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	render_n(&r, src, strlen(src), 1, true);
	assert_int_equal(r.rc, SSG_OK);
	assert_contains(html(&r), "<h2 id=\"a-209715\">");
	finish(&r);
	free(src);
}

static void test_md_many_bad_shortcodes_bounded(void **state)
{
	(void)state;
	char *src = repeat("{{\n\n", MB, "\n");
	rendered r;
	memset(&r.rec, 0, sizeof r.rec);
	render_n(&r, src, strlen(src), 1, true);
	assert_int_equal(r.rc, SSG_ERR_CONTENT);
	assert_true(ssg_diags_count(r.d) >= 1);
	assert_true(ssg_diags_count(r.d) <= 100);
	finish(&r);
	free(src);
}

/* ---- plain text ---------------------------------------------------------- */

static void test_md_text_blocks_on_lines(void **state)
{
	(void)state;
	const char *src = "# Mục đích\n\nĐoạn *một*\ntiếp `mã`.\n\n"
			  "- Ý 1\n- Ý 2 {{value indicators 5 result}}\n\n"
			  "{{table indicators}}\n\n```\nmã {{x}}\n```\n";
	ssg_buf out;
	ssg_buf_init(&out);
	ssg_md_text(src, strlen(src), &out);
	assert_string_equal(ssg_buf_cstr(&out),
			    "Mục đích\nĐoạn một tiếp mã.\nÝ 1\nÝ 2 \n"
			    "mã {{x}}\n");
	ssg_buf_fini(&out);
}

static void test_md_text_appends(void **state)
{
	(void)state;
	ssg_buf out;
	ssg_buf_init(&out);
	ssg_buf_puts(&out, "x");
	ssg_md_text("a\n\nb", 4, &out);
	assert_string_equal(ssg_buf_cstr(&out), "xa\nb\n");
	ssg_buf_fini(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md_inline_html_is_escaped),
		cmocka_unit_test(test_md_block_html_is_escaped),
		cmocka_unit_test(test_md_javascript_link_dropped),
		cmocka_unit_test(test_md_javascript_link_mixed_case_dropped),
		cmocka_unit_test(test_md_javascript_link_leading_space_dropped),
		cmocka_unit_test(
			test_md_javascript_link_hidden_characters_dropped),
		cmocka_unit_test(
			test_md_javascript_autolink_and_reference_dropped),
		cmocka_unit_test(test_md_other_dangerous_schemes_dropped),
		cmocka_unit_test(test_md_raster_data_image_kept),
		cmocka_unit_test(test_md_ordinary_links_kept),
		cmocka_unit_test(test_md_link_hook_rewrites),
		cmocka_unit_test(test_md_link_hook_output_is_checked),
		cmocka_unit_test(test_md_heading_id_from_vietnamese),
		cmocka_unit_test(test_md_heading_ids_unique),
		cmocka_unit_test(
			test_md_heading_without_letters_gets_fallback_id),
		cmocka_unit_test(test_md_heading_keeps_inline_markup),
		cmocka_unit_test(test_md_heading_id_length_bounded),
		cmocka_unit_test(test_md_toc_lists_level_two),
		cmocka_unit_test(test_md_appends_to_buffers),
		cmocka_unit_test(test_md_block_shortcode),
		cmocka_unit_test(test_md_inline_shortcode_with_underscore),
		cmocka_unit_test(test_md_underscore_name_and_emphasis_around),
		cmocka_unit_test(test_md_two_inline_shortcodes_in_paragraph),
		cmocka_unit_test(test_md_quoted_shortcode_arguments),
		cmocka_unit_test(test_md_shortcode_in_code_left_alone),
		cmocka_unit_test(test_md_shortcode_line_with_first_line),
		cmocka_unit_test(test_md_error_unterminated_shortcode),
		cmocka_unit_test(test_md_error_shortcode_across_lines),
		cmocka_unit_test(test_md_error_too_many_arguments),
		cmocka_unit_test(test_md_error_bad_shortcode_name),
		cmocka_unit_test(test_md_error_unterminated_quote),
		cmocka_unit_test(test_md_error_without_hooks),
		cmocka_unit_test(test_md_hook_error_propagates),
		cmocka_unit_test(test_md_all_errors_reported),
		cmocka_unit_test(test_md_error_invalid_utf8),
		cmocka_unit_test(test_md_error_nul_byte),
		cmocka_unit_test(test_md_error_too_large),
		cmocka_unit_test(test_md_deep_block_quotes_refused),
		cmocka_unit_test(test_md_deep_lists_refused),
		cmocka_unit_test(test_md_deep_indented_lists_refused),
		cmocka_unit_test(test_md_nesting_of_32_renders),
		cmocka_unit_test(test_md_long_thematic_break_renders),
		cmocka_unit_test(test_md_repeated_image_link_brackets_refused),
		cmocka_unit_test(test_md_repeated_image_link_paragraphs_refused),
		cmocka_unit_test(test_md_many_open_brackets_refused),
		cmocka_unit_test(test_md_many_links_render),
		cmocka_unit_test(test_md_many_shortcodes_on_one_line_render),
		cmocka_unit_test(test_md_many_same_headings_render),
		cmocka_unit_test(test_md_many_bad_shortcodes_bounded),
		cmocka_unit_test(test_md_text_blocks_on_lines),
		cmocka_unit_test(test_md_text_appends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
