/*
 * Behaviours of the template engine that the site relies on, beyond the
 * Mustache spec suites (test_template_spec.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"

typedef struct {
	ssg_model *m;
	ssg_templates *t;
	ssg_diags *d;
	ssg_buf out;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(fx));
	f->m = ssg_model_new();
	f->t = ssg_templates_new();
	f->d = ssg_diags_new();
	ssg_buf_init(&f->out);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	ssg_buf_fini(&f->out);
	ssg_diags_free(f->d);
	ssg_templates_free(f->t);
	ssg_model_free(f->m);
	free(f);
	return 0;
}

static int add(fx *f, const char *name, const char *src)
{
	char path[128];
	snprintf(path, sizeof path, "theme/%s.mustache", name);
	return ssg_templates_add(f->t, name, src, strlen(src), path, f->d);
}

/* Renders `name`, which must succeed, into a fresh output. */
static const char *render(fx *f, const char *name, const ssg_value *data)
{
	ssg_buf_clear(&f->out);
	int rc = ssg_templates_render(f->t, name, data, &f->out, f->d);
	assert_int_equal(rc, SSG_OK);
	return ssg_buf_cstr(&f->out);
}

static const char *render1(fx *f, const char *src, const ssg_value *data)
{
	assert_int_equal(add(f, "t", src), SSG_OK);
	return render(f, "t", data);
}

static void assert_diag(fx *f, const char *path, unsigned line, unsigned col,
			const char *needle)
{
	assert_int_equal(ssg_diags_count(f->d), 1);
	const ssg_diag *g = ssg_diags_get(f->d, 0);
	assert_int_equal(g->sev, SSG_SEV_ERROR);
	assert_non_null(g->path);
	assert_string_equal(g->path, path);
	assert_int_equal(g->line, line);
	assert_int_equal(g->col, col);
	if (!strstr(g->msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", g->msg, needle);
}

/* ---- escaping ---- */

static void test_template_escapes_html_in_variables(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_str(f->m, v, "x", "<a href=\"x\">Tom & Jerry's</a>");
	assert_string_equal(
		render1(f, "{{x}}", v),
		"&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

static void test_template_triple_and_ampersand_do_not_escape(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_str(f->m, v, "x", "<b>&</b>");
	assert_string_equal(render1(f, "{{{x}}}|{{&x}}|{{ x }}", v),
			    "<b>&</b>|<b>&</b>|&lt;b&gt;&amp;&lt;/b&gt;");
}

static void test_template_escapes_in_attributes(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_str(f->m, v, "t", "\" onload=\"alert(1)");
	assert_string_equal(render1(f, "<a title=\"{{t}}\">", v),
			    "<a title=\"&quot; onload=&quot;alert(1)\">");
}

/* ---- values and sections ---- */

static void test_template_section_over_list_of_maps(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_str(f->m, v, "root", "../");
	ssg_value *list = ssg_model_list(f->m);
	const char *names[] = {"Một", "Hai", "Ba"};
	for (int i = 0; i < 3; i++) {
		ssg_value *it = ssg_model_map(f->m);
		ssg_map_set_str(f->m, it, "name", names[i]);
		ssg_map_set_num(f->m, it, "n", i + 1);
		ssg_list_push(list, it);
	}
	ssg_map_set(v, "items", list);
	/* the standalone section lines go; root is found one context up */
	const char *src = "<ul>\n"
			  "{{#items}}\n"
			  "<li><a href=\"{{root}}{{n}}/\">{{name}}</a></li>\n"
			  "{{/items}}\n"
			  "</ul>\n";
	assert_string_equal(render1(f, src, v),
			    "<ul>\n"
			    "<li><a href=\"../1/\">Một</a></li>\n"
			    "<li><a href=\"../2/\">Hai</a></li>\n"
			    "<li><a href=\"../3/\">Ba</a></li>\n"
			    "</ul>\n");
}

/* Strings packed end to end between the values (odd lengths, keys of
 * every length) and lent ones: what renders is what was put, and the
 * values stay aligned (UBSan checks that under make asan). */
static void test_template_model_packs_and_lends_strings(void **state)
{
	fx *f = *state;
	static const char lent[] = "cho mượn";
	ssg_value *list = ssg_model_list(f->m);
	ssg_buf want;
	ssg_buf_init(&want);
	for (int i = 0; i < 3000; i++) {
		char s[64], key[16];
		int n = snprintf(s, sizeof s, "%.*s", 1 + i % 37,
				 "abcdefghijklmnopqrstuvwxyz0123456789-");
		snprintf(key, sizeof key, "%.*s", 1 + i % 7, "kkkkkkk");
		ssg_value *it = ssg_model_map(f->m);
		ssg_map_set(it, "s", ssg_model_strn(f->m, s, (size_t)n));
		ssg_map_set_num(f->m, it, key, i);
		ssg_map_set(it, "l", ssg_model_str_lent(f->m, lent));
		ssg_map_set_num(f->m, it, "n", i);
		ssg_list_push(list, it);
		ssg_buf_printf(&want, "%s %d %s;", s, i, lent);
	}
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set(v, "items", list);
	assert_string_equal(render1(f, "{{#items}}{{s}} {{n}} {{l}};{{/items}}",
				    v),
			    ssg_buf_cstr(&want));
	assert_ptr_equal(ssg_value_str(ssg_value_get(ssg_value_at(list, 5),
						     "l")),
			 lent);
	ssg_buf_fini(&want);
}

/* Values are 32 bytes: the column of a front matter value saturates
 * instead of wrapping, and the bools that ssg_map_set_bool shares stay
 * true and false whatever else is set. */
static void test_template_model_positions_and_shared_bools(void **state)
{
	fx *f = *state;
	ssg_value *s = ssg_model_str(f->m, "x");
	ssg_value_set_pos(s, 4000000000u, 70000);
	assert_int_equal(ssg_value_line(s), 4000000000u);
	assert_int_equal(ssg_value_col(s), 70000);
	ssg_value_set_pos(s, 1, 0x10000000u);
	assert_int_equal(ssg_value_col(s), 0x1ffffffu);
	ssg_value *v = ssg_model_map(f->m);
	ssg_value *w = ssg_model_map(f->m);
	ssg_map_set_bool(f->m, v, "a", true);
	ssg_map_set_bool(f->m, w, "a", false);
	ssg_map_set_bool(f->m, w, "b", true);
	ssg_map_set_bool(f->m, v, "a", false); /* replaces, shares */
	assert_false(ssg_value_bool(ssg_value_get(v, "a")));
	assert_false(ssg_value_bool(ssg_value_get(w, "a")));
	assert_true(ssg_value_bool(ssg_value_get(w, "b")));
	ssg_map_set(v, "w", w);
	assert_string_equal(render1(f, "{{#a}}A{{/a}}{{#w.b}}B{{/w.b}}"
				       "{{^w.a}}-{{/w.a}}", v),
			    "B-");
}

/* A map over another: its own keys first, the base's for the rest,
 * and only its own entries when listed. */
static void test_template_model_map_over(void **state)
{
	fx *f = *state;
	ssg_value *base = ssg_model_map(f->m);
	ssg_map_set_str(f->m, base, "url", "changes/abc/");
	ssg_map_set_str(f->m, base, "short", "abc");
	ssg_value *over = ssg_model_map_over(f->m, base);
	ssg_map_set_str(f->m, over, "url", "../../changes/abc/");
	ssg_map_set_str(f->m, over, "url", "../../../changes/abc/");
	assert_int_equal(ssg_value_len(over), 1);
	assert_string_equal(ssg_value_key_at(over, 0), "url");
	assert_string_equal(ssg_value_str(ssg_value_at(over, 0)),
			    "../../../changes/abc/");
	assert_null(ssg_value_key_at(over, 1));
	assert_null(ssg_value_get(over, ""));
	assert_null(ssg_value_get(over, "oid"));
	assert_string_equal(ssg_value_str(ssg_value_get(base, "url")),
			    "changes/abc/");
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set(v, "c", over);
	assert_string_equal(render1(f, "{{#c}}{{short}} {{url}}{{/c}}", v),
			    "abc ../../../changes/abc/");
	/* Over nothing, it is a plain map. */
	ssg_value *plain = ssg_model_map_over(f->m, NULL);
	ssg_map_set_str(f->m, plain, "a", "b");
	assert_int_equal(ssg_value_len(plain), 1);
	assert_string_equal(ssg_value_key_at(plain, 0), "a");
}

static void test_template_empty_string_is_falsey(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_str(f->m, v, "note", "");
	ssg_map_set_str(f->m, v, "lead", "UBND xã");
	const char *src = "[{{#note}}<p>{{note}}</p>{{/note}}{{^note}}—{{/note}}]"
			  "[{{#lead}}{{.}}{{/lead}}]";
	assert_string_equal(render1(f, src, v), "[—][UBND xã]");
}

static void test_template_zero_and_empty_map_are_truthy(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_num(f->m, v, "zero", 0);
	ssg_map_set(v, "map", ssg_model_map(f->m));
	ssg_map_set(v, "list", ssg_model_list(f->m));
	ssg_map_set_bool(f->m, v, "no", false);
	const char *src = "{{#zero}}z={{.}}{{/zero}} {{#map}}m{{/map}} "
			  "{{^list}}empty{{/list}} {{^no}}no{{/no}}";
	assert_string_equal(render1(f, src, v), "z=0 m empty no");
}

static void test_template_numbers_shortest_round_trip(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_list(f->m);
	double xs[] = {85, 1.21, 0.1 + 0.2, -3, -0.0, 1e21, 72.2, 1250000};
	for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
		ssg_list_push(v, ssg_model_num(f->m, xs[i]));
	assert_string_equal(render1(f, "{{#.}}{{.}} {{/.}}", v),
			    "85 1.21 0.30000000000000004 -3 0 1e+21 72.2 "
			    "1250000 ");
}

static void test_template_dotted_names_and_missing_values(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_map(f->m);
	ssg_value *site = ssg_model_map(f->m);
	ssg_value *build = ssg_model_map(f->m);
	ssg_map_set_str(f->m, build, "short", "abc1234");
	ssg_map_set(site, "build", build);
	ssg_map_set(v, "site", site);
	assert_string_equal(
		render1(f, "{{site.build.short}}|{{site.nope.x}}|{{nope}}|"
			   "{{#site.build}}{{short}}{{/site.build}}",
			v),
		"abc1234|||abc1234");
}

static void test_template_drops_nul_bytes(void **state)
{
	fx *f = *state;
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set(v, "x", ssg_model_strn(f->m, "a\0b", 3));
	const char src[] = "<\0{{x}}{{{x}}}>";
	assert_int_equal(
		ssg_templates_add(f->t, "t", src, sizeof src - 1, "t", f->d),
		SSG_OK);
	const char *out = render(f, "t", v);
	assert_int_equal(strlen(out), f->out.len);
	assert_string_equal(out, "<abab>");
}

static void test_template_renders_many_times_from_one_compile(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "t", "{{#xs}}({{.}}){{/xs}}{{^xs}}none{{/xs}}"),
			 SSG_OK);
	char want[64] = "";
	for (int n = 0; n < 4; n++) {
		ssg_value *v = ssg_model_map(f->m);
		ssg_value *xs = ssg_model_list(f->m);
		want[0] = '\0';
		for (int i = 0; i < n; i++) {
			ssg_list_push(xs, ssg_model_num(f->m, i));
			snprintf(want + strlen(want), sizeof want - strlen(want),
				 "(%d)", i);
		}
		ssg_map_set(v, "xs", xs);
		assert_string_equal(render(f, "t", v), n ? want : "none");
	}
}

static void test_template_render_appends_to_output(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "t", "b"), SSG_OK);
	ssg_buf_puts(&f->out, "a");
	assert_int_equal(ssg_templates_render(f->t, "t", NULL, &f->out, f->d),
			 SSG_OK);
	assert_string_equal(ssg_buf_cstr(&f->out), "ab");
}

/* ---- the set ---- */

static void test_template_missing_template_is_not_found(void **state)
{
	fx *f = *state;
	assert_false(ssg_templates_has(f->t, "page"));
	assert_int_equal(ssg_templates_render(f->t, "page", NULL, &f->out, f->d),
			 SSG_ERR_NOTFOUND);
	assert_int_equal(ssg_diags_env_errors(f->d), 1);
}

static void test_template_missing_partial_renders_empty(void **state)
{
	fx *f = *state;
	assert_string_equal(render1(f, "[{{>nope}}][{{<nope}}{{/nope}}]", NULL),
			    "[][]");
}

static void test_template_add_replaces_same_name(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "p", "one"), SSG_OK);
	assert_int_equal(add(f, "p", "two"), SSG_OK);
	assert_true(ssg_templates_has(f->t, "p"));
	assert_string_equal(render(f, "p", NULL), "two");
}

static void test_template_failed_add_keeps_previous(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "p", "one"), SSG_OK);
	assert_int_equal(add(f, "p", "{{#x}}"), SSG_ERR_CONTENT);
	assert_string_equal(render(f, "p", NULL), "one");
}

/* ---- partials and inheritance as a site uses them ---- */

static const char layout[] =
	"<!DOCTYPE html>\n"
	"<title>{{$title}}{{title}}{{/title}} · {{site}}</title>\n"
	"<body>\n"
	"  <main>\n"
	"    {{$content}}\n"
	"    <p>Không có nội dung.</p>\n"
	"    {{/content}}\n"
	"  </main>\n"
	"  {{>footer}}\n"
	"</body>\n";

static ssg_value *page_data(fx *f)
{
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_str(f->m, v, "site", "Bắc Sơn");
	ssg_map_set_str(f->m, v, "title", "Chỉ tiêu");
	ssg_value *rows = ssg_model_list(f->m);
	for (int i = 1; i <= 2; i++) {
		ssg_value *r = ssg_model_map(f->m);
		ssg_map_set_num(f->m, r, "id", i);
		ssg_list_push(rows, r);
	}
	ssg_map_set(v, "rows", rows);
	return v;
}

static void test_template_layout_blocks_fill_a_page(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "layout", layout), SSG_OK);
	assert_int_equal(add(f, "footer", "<footer>\n  {{site}}\n</footer>\n"),
			 SSG_OK);
	assert_int_equal(add(f, "page", "{{<layout}}\n"
					"{{$content}}\n"
					"<h1>{{title}}</h1>\n"
					"<ul>\n"
					"{{#rows}}\n"
					"  <li>{{id}}</li>\n"
					"{{/rows}}\n"
					"</ul>\n"
					"{{/content}}\n"
					"{{/layout}}\n"),
			 SSG_OK);
	/* the page's content takes the indentation of the layout's block,
	 * the standalone footer partial that of its tag */
	assert_string_equal(render(f, "page", page_data(f)),
			    "<!DOCTYPE html>\n"
			    "<title>Chỉ tiêu · Bắc Sơn</title>\n"
			    "<body>\n"
			    "  <main>\n"
			    "    <h1>Chỉ tiêu</h1>\n"
			    "    <ul>\n"
			    "      <li>1</li>\n"
			    "      <li>2</li>\n"
			    "    </ul>\n"
			    "  </main>\n"
			    "  <footer>\n"
			    "    Bắc Sơn\n"
			    "  </footer>\n"
			    "</body>\n");
}

static void test_template_layout_defaults_when_not_overridden(void **state)
{
	fx *f = *state;
	/* and the standalone line of a missing partial goes */
	assert_int_equal(add(f, "layout", layout), SSG_OK);
	assert_int_equal(add(f, "page", "{{<layout}}"
					"{{$title}}Tổng quan{{/title}}"
					"{{/layout}}"),
			 SSG_OK);
	assert_string_equal(render(f, "page", page_data(f)),
			    "<!DOCTYPE html>\n"
			    "<title>Tổng quan · Bắc Sơn</title>\n"
			    "<body>\n"
			    "  <main>\n"
			    "    <p>Không có nội dung.</p>\n"
			    "  </main>\n"
			    "</body>\n");
}

static void test_template_page_overrides_layout_of_layout(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "base", "<h1>{{$title}}base{{/title}}</h1>"
					"{{$body}}{{/body}}"),
			 SSG_OK);
	assert_int_equal(add(f, "section", "{{<base}}"
					   "{{$title}}section{{/title}}"
					   "{{$body}}[{{$inner}}-{{/inner}}]"
					   "{{/body}}"
					   "{{/base}}"),
			 SSG_OK);
	assert_int_equal(add(f, "page", "{{<section}}"
					"{{$title}}page{{/title}}"
					"{{$inner}}{{x}}{{/inner}}"
					"{{/section}}"),
			 SSG_OK);
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_str(f->m, v, "x", "<x>");
	assert_string_equal(render(f, "page", v),
			    "<h1>page</h1>[&lt;x&gt;]");
	assert_string_equal(render(f, "section", v), "<h1>section</h1>[-]");
}

static void test_template_standalone_partials_indent_nested(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "outer", "<div>\n  {{>inner}}\n</div>\n"),
			 SSG_OK);
	assert_int_equal(add(f, "inner", "<p>\n{{{html}}}\n</p>\n"), SSG_OK);
	assert_int_equal(add(f, "t", "<main>\n  {{>outer}}\n</main>\n"), SSG_OK);
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_str(f->m, v, "html", "a\nb");
	/* data is not indented, only the templates' own lines */
	assert_string_equal(render(f, "t", v), "<main>\n"
					       "  <div>\n"
					       "    <p>\n"
					       "    a\n"
					       "b\n"
					       "    </p>\n"
					       "  </div>\n"
					       "</main>\n");
}

/* ---- syntax errors ---- */

static void test_template_unclosed_section_points_at_opener(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "page", "<ul>\n  {{#rows}}<li>{{id}}</li>\n"),
			 SSG_ERR_CONTENT);
	assert_diag(f, "theme/page.mustache", 2, 3, "unclosed section 'rows'");
	assert_false(ssg_templates_has(f->t, "page"));
}

static void test_template_mismatched_close_points_at_close(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "page", "{{#a}}\n{{#b}}x{{/a}}{{/b}}"),
			 SSG_ERR_CONTENT);
	assert_diag(f, "theme/page.mustache", 2, 8, "does not match 'b'");
}

static void test_template_close_without_open(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "page", "x\n y{{/a}}"), SSG_ERR_CONTENT);
	assert_diag(f, "theme/page.mustache", 2, 3, "without an open section");
}

static void test_template_unclosed_tag_counts_characters(void **state)
{
	fx *f = *state;
	/* "Tiếng Việt " is 11 characters but 15 bytes */
	assert_int_equal(add(f, "page", "<p>\nTiếng Việt {{name</p>\n"),
			 SSG_ERR_CONTENT);
	assert_diag(f, "theme/page.mustache", 2, 12, "unclosed tag");
}

static void test_template_bad_set_delimiter(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "page", "a {{=<%=}} b"), SSG_ERR_CONTENT);
	assert_diag(f, "theme/page.mustache", 1, 3, "set-delimiter");
}

static void test_template_errors_use_current_delimiters(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "page", "{{=<% %>=}}\n<%#a%>{{/a}}"),
			 SSG_ERR_CONTENT);
	assert_diag(f, "theme/page.mustache", 2, 1, "unclosed section 'a'");
}

static void test_template_bad_names(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "page", "{{a b}}"), SSG_ERR_CONTENT);
	assert_int_equal(add(f, "page", "{{}}"), SSG_ERR_CONTENT);
	assert_int_equal(add(f, "page", "\n\n  {{a..b}}"), SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(f->d), 3);
	const ssg_diag *g = ssg_diags_get(f->d, 2);
	assert_int_equal(g->line, 3);
	assert_int_equal(g->col, 3);
}

/* ---- limits ---- */

static ssg_value *chain(fx *f, int depth)
{
	ssg_value *v = ssg_model_map(f->m);
	ssg_map_set_num(f->m, v, "n", depth);
	/* a leaf says it has no child, or the parent's would be found */
	ssg_map_set(v, "child",
		    depth > 1 ? chain(f, depth - 1) : ssg_model_bool(f->m, false));
	return v;
}

static void test_template_recursive_partial_follows_data(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "node", "{{n}}{{#child}},{{>node}}{{/child}}"),
			 SSG_OK);
	assert_int_equal(add(f, "t", "{{>node}}"), SSG_OK);
	/* 64 levels of partials, the most allowed */
	const char *out = render(f, "t", chain(f, 64));
	char want[512] = "";
	for (int i = 64; i >= 1; i--)
		snprintf(want + strlen(want), sizeof want - strlen(want),
			 i > 1 ? "%d," : "%d", i);
	assert_string_equal(out, want);
	assert_int_equal(ssg_diags_count(f->d), 0);
}

static void test_template_partials_deeper_than_64_fail(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "node", "{{n}}{{#child}},{{>node}}{{/child}}"),
			 SSG_OK);
	assert_int_equal(add(f, "t", "{{>node}}"), SSG_OK);
	ssg_buf_puts(&f->out, "kept");
	assert_int_equal(
		ssg_templates_render(f->t, "t", chain(f, 65), &f->out, f->d),
		SSG_ERR_LIMIT);
	/* the output is left as it was */
	assert_string_equal(ssg_buf_cstr(&f->out), "kept");
	assert_diag(f, "theme/node.mustache", 1, 17, "deeper than 64");
}

static void test_template_endless_recursion_stops(void **state)
{
	fx *f = *state;
	assert_int_equal(add(f, "self", "x{{>self}}"), SSG_OK);
	assert_int_equal(ssg_templates_render(f->t, "self", NULL, &f->out, f->d),
			 SSG_ERR_LIMIT);
	assert_int_equal(add(f, "p", "{{$a}}{{/a}}"), SSG_OK);
	assert_int_equal(add(f, "loop", "{{<p}}{{$a}}({{$a}}{{/a}}){{/a}}{{/p}}"),
			 SSG_OK);
	assert_int_equal(ssg_templates_render(f->t, "loop", NULL, &f->out, f->d),
			 SSG_ERR_LIMIT);
	assert_int_equal(ssg_diags_errors(f->d), 2);
}

static void test_template_nesting_limit_at_compile(void **state)
{
	fx *f = *state;
	ssg_buf src;
	ssg_buf_init(&src);
	for (int i = 0; i < 101; i++)
		ssg_buf_puts(&src, "{{#a}}");
	for (int i = 0; i < 101; i++)
		ssg_buf_puts(&src, "{{/a}}");
	assert_int_equal(ssg_templates_add(f->t, "deep", src.data, src.len,
					   "deep", f->d),
			 SSG_ERR_LIMIT);
	ssg_buf_fini(&src);
	assert_int_equal(ssg_diags_count(f->d), 1);
	assert_int_equal(ssg_diags_get(f->d, 0)->col, 601);
}

/* Random templates made of Mustache fragments either compile or fail
 * with a diagnostic, and render without crashing (the sanitizer build
 * checks memory) into NUL-free output. */
static void test_template_survives_random_fragments(void **state)
{
	fx *f = *state;
	static const char *frag[] = {
		"{{#a}}", "{{/a}}", "{{^a}}", "{{#b}}", "{{/b}}", "{{$a}}",
		"{{$b}}", "{{<p}}", "{{/p}}", "{{<q}}", "{{/q}}", "{{>p}}",
		"{{>q}}", "{{x}}", "{{{x}}}", "{{&a.x}}", "{{.}}", "{{! c }}",
		"{{=<% %>=}}", "<%={{ }}=%>", "<%x%>", "\n", "  ", "\r\n",
		"\t", "text", "{{", "}}", "{{#", "{{=", "{{= a =}}", "\0",
	};
	size_t nfrag = sizeof frag / sizeof frag[0];
	ssg_value *v = ssg_model_map(f->m);
	ssg_value *list = ssg_model_list(f->m);
	ssg_list_push(list, v);
	ssg_list_push(list, ssg_model_str(f->m, "<s>"));
	ssg_map_set(v, "a", list);
	ssg_map_set_bool(f->m, v, "b", true);
	ssg_map_set_str(f->m, v, "x", "x\ny");
	unsigned long seed = 12345;
	unsigned compiled = 0;
	for (int round = 0; round < 3000; round++) {
		char src[512];
		size_t n = 0;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		int parts = (int)(seed >> 33) % 24;
		for (int k = 0; k < parts; k++) {
			seed = seed * 6364136223846793005UL + 1UL;
			const char *fr = frag[(seed >> 33) % nfrag];
			size_t len = strcmp(fr, "\0") == 0 ? 1 : strlen(fr);
			memcpy(src + n, strcmp(fr, "\0") == 0 ? "" : fr, len);
			n += len;
		}
		const char *name = round % 3 == 0 ? "p" : round % 3 == 1 ? "q"
									 : "t";
		size_t before = ssg_diags_count(f->d);
		int rc = ssg_templates_add(f->t, name, src, n, name, f->d);
		if (rc == SSG_OK) {
			compiled++;
			assert_int_equal(ssg_diags_count(f->d), before);
		} else {
			assert_true(rc == SSG_ERR_CONTENT || rc == SSG_ERR_LIMIT);
			assert_int_equal(ssg_diags_count(f->d), before + 1);
		}
		if (!ssg_templates_has(f->t, name))
			continue;
		ssg_buf_clear(&f->out);
		rc = ssg_templates_render(f->t, name, v, &f->out, f->d);
		assert_true(rc == SSG_OK || rc == SSG_ERR_LIMIT);
		assert_int_equal(strlen(ssg_buf_cstr(&f->out)), f->out.len);
	}
	/* the fragments must exercise the builder, not only the errors */
	assert_true(compiled > 300);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_template_escapes_html_in_variables),
		T(test_template_triple_and_ampersand_do_not_escape),
		T(test_template_escapes_in_attributes),
		T(test_template_section_over_list_of_maps),
		T(test_template_model_packs_and_lends_strings),
		T(test_template_model_positions_and_shared_bools),
	T(test_template_model_map_over),
	T(test_template_empty_string_is_falsey),
		T(test_template_zero_and_empty_map_are_truthy),
		T(test_template_numbers_shortest_round_trip),
		T(test_template_dotted_names_and_missing_values),
		T(test_template_drops_nul_bytes),
		T(test_template_renders_many_times_from_one_compile),
		T(test_template_render_appends_to_output),
		T(test_template_missing_template_is_not_found),
		T(test_template_missing_partial_renders_empty),
		T(test_template_add_replaces_same_name),
		T(test_template_failed_add_keeps_previous),
		T(test_template_layout_blocks_fill_a_page),
		T(test_template_layout_defaults_when_not_overridden),
		T(test_template_page_overrides_layout_of_layout),
		T(test_template_standalone_partials_indent_nested),
		T(test_template_unclosed_section_points_at_opener),
		T(test_template_mismatched_close_points_at_close),
		T(test_template_close_without_open),
		T(test_template_unclosed_tag_counts_characters),
		T(test_template_bad_set_delimiter),
		T(test_template_errors_use_current_delimiters),
		T(test_template_bad_names),
		T(test_template_recursive_partial_follows_data),
		T(test_template_partials_deeper_than_64_fail),
		T(test_template_endless_recursion_stops),
		T(test_template_nesting_limit_at_compile),
		T(test_template_survives_random_fragments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
