/* emit: pages, lists and files out of the page layer, with no site
 * behind them (a template set, a site value and an output tree). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "emit.h"
#include "fixture.h"

typedef struct {
	char dir[64];
	char *out;
	ssg_templates *tpl;
	ssg_model *m;
	ssg_value *site;
	ssg_diags *d;
} fx;

static void tpl_add(fx *f, const char *name, const char *src)
{
	assert_int_equal(ssg_templates_add(f->tpl, name, src, strlen(src),
					   name, f->d),
			 SSG_OK);
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	if (!f || !fx_mkdtemp(f->dir, sizeof(f->dir), "emit"))
		return -1;
	f->out = fx_path(f->dir, "out");
	f->d = ssg_diags_new();
	f->tpl = ssg_templates_new();
	tpl_add(f, "page",
		"{{site.title}}|{{title}}|{{root}}|{{path}}|"
		"{{#nav}}{{label}}{{#current}}*{{/current}};{{/nav}}");
	tpl_add(f, "list",
		"{{title}}|{{start}}|{{#items}}{{.}},{{/items}}|"
		"{{#pager}}{{n}} <{{prev.url}}> >{{next.url}}< "
		"{{#pages}}{{#gap}}.. {{/gap}}{{^gap}}{{n}}{{#current}}*{{/current}} "
		"{{/gap}}{{/pages}}{{/pager}}");
	tpl_add(f, "bad", "{{>missing}}{{title}}");
	f->m = ssg_model_new();
	f->site = ssg_model_map(f->m);
	ssg_map_set_str(f->m, f->site, "title", "Kế hoạch");
	ssg_value *nav = ssg_model_list(f->m);
	const char *items[][2] = {{"Tổng quan", ""}, {"Tin tức", "posts/"}};
	for (size_t i = 0; i < 2; i++) {
		ssg_value *v = ssg_model_map(f->m);
		ssg_map_set_str(f->m, v, "label", items[i][0]);
		ssg_map_set_str(f->m, v, "url", items[i][1]);
		ssg_list_push(nav, v);
	}
	ssg_map_set(f->site, "nav", nav);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	int rc = fx_rmtree(f->dir);
	ssg_templates_free(f->tpl);
	ssg_model_free(f->m);
	ssg_diags_free(f->d);
	free(f->out);
	free(f);
	return rc;
}

/* The file at rel in the committed output, to free. */
static char *got(fx *f, const char *rel)
{
	char *p = fx_path(f->out, rel);
	char *s = fx_slurp(p, NULL);
	free(p);
	return s;
}

static bool exists(fx *f, const char *rel)
{
	char *p = fx_path(f->out, rel);
	struct stat st;
	bool yes = stat(p, &st) == 0;
	free(p);
	return yes;
}

static void test_emit_page_gets_site_root_path_and_current_nav(void **state)
{
	fx *f = *state;
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	ssg_emit *e = ssg_emit_new(o, "", f->tpl, f->site, NULL, NULL, f->d);
	assert_true(ssg_emit_writes(e));
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_emit_page_new(e, m, "Tin 1", "posts/");
	assert_int_equal(ssg_emit_page(e, m, "posts/tin-1/", NULL, "page", page),
			 SSG_OK);
	page = ssg_emit_page_new(e, m, "Trang chủ", "");
	assert_int_equal(ssg_emit_page(e, m, "", NULL, "page", page), SSG_OK);
	ssg_model_free(m);
	ssg_emit_free(e);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	char *a = got(f, "posts/tin-1/index.html");
	assert_string_equal(a, "Kế hoạch|Tin 1|../../|posts/tin-1/|"
			       "Tổng quan;Tin tức*;");
	char *b = got(f, "index.html");
	assert_string_equal(b, "Kế hoạch|Trang chủ|./||Tổng quan*;Tin tức;");
	free(a);
	free(b);
	assert_int_equal(ssg_diags_count(f->d), 0);
}

/* A check renders (and so reports template errors) but writes nothing. */
static void test_emit_without_out_renders_and_writes_nothing(void **state)
{
	fx *f = *state;
	ssg_emit *e = ssg_emit_new(NULL, "", f->tpl, f->site, NULL, NULL, f->d);
	assert_false(ssg_emit_writes(e));
	ssg_model *m = ssg_model_new();
	ssg_value *page = ssg_emit_page_new(e, m, "x", NULL);
	assert_int_equal(ssg_emit_page(e, m, "a/", NULL, "page", page), SSG_OK);
	assert_int_equal(ssg_emit_file(e, "b.txt", NULL, "b", 1), SSG_OK);
	ssg_out_file *of = (ssg_out_file *)1;
	assert_int_equal(ssg_emit_open(e, "c.txt", NULL, &of), SSG_OK);
	assert_null(of);
	ssg_emit_put(e, of, "c", 1);
	assert_int_equal(ssg_emit_close(e, of), SSG_OK);
	assert_int_equal(ssg_diags_count(f->d), 0);
	page = ssg_emit_page_new(e, m, "x", NULL);
	assert_int_not_equal(ssg_emit_page(e, m, "b/", NULL, "nothing", page),
			     SSG_OK);
	assert_int_equal(ssg_diags_count(f->d), 1);
	ssg_model_free(m);
	ssg_emit_free(e);
	assert_false(exists(f, ""));
}

/* An emitter of a sub-tree takes paths from the site's root and refuses
 * one outside its sub-tree rather than write it in the wrong place. */
static void test_emit_sub_tree_takes_site_paths_and_refuses_others(void **state)
{
	fx *f = *state;
	ssg_out *o = NULL, *sub = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	assert_int_equal(ssg_out_sub_begin(o, "changes/", &sub, f->d), SSG_OK);
	ssg_emit *e = ssg_emit_new(sub, "changes/", f->tpl, f->site, NULL,
				   NULL, f->d);
	assert_int_equal(ssg_emit_file(e, "changes/a/x.txt", NULL, "x", 1), SSG_OK);
	ssg_out_file *of = NULL;
	assert_int_equal(ssg_emit_open(e, "changes/y.txt", NULL, &of), SSG_OK);
	ssg_emit_put(e, of, "y1", 2);
	ssg_emit_put(e, of, "y2", 2);
	assert_int_equal(ssg_emit_close(e, of), SSG_OK);
	assert_int_equal(ssg_diags_count(f->d), 0);
	assert_int_equal(ssg_emit_file(e, "posts/z.txt", NULL, "z", 1), SSG_ERR_ENV);
	assert_int_equal(ssg_diags_count(f->d), 1);
	ssg_emit_free(e);
	ssg_out_free(sub);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	char *x = got(f, "changes/a/x.txt"), *y = got(f, "changes/y.txt");
	assert_string_equal(x, "x");
	assert_string_equal(y, "y1y2");
	free(x);
	free(y);
	assert_false(exists(f, "posts/z.txt"));
	assert_false(exists(f, "changes/posts/z.txt"));
}

/* Two pages on one file: the first keeps it, the second is not written
 * (no "written twice" from out), and the report names both pages, in a
 * build as in a check. */
static void emit_two_pages(fx *f, ssg_out *o)
{
	ssg_claims *c = ssg_claims_new();
	ssg_emit *e = ssg_emit_new(o, "", f->tpl, f->site, c, NULL, f->d);
	ssg_model *m = ssg_model_new();
	ssg_from a = {SSG_FROM_FILE, "content/01-a.md", 0, NULL};
	ssg_from b = {SSG_FROM_FILE, "content/02-b.md", 3, NULL};
	ssg_value *page = ssg_emit_page_new(e, m, "A", NULL);
	assert_int_equal(ssg_emit_page(e, m, "a/", &a, "page", page), SSG_OK);
	page = ssg_emit_page_new(e, m, "B", NULL);
	assert_int_equal(ssg_emit_page(e, m, "a/", &b, "page", page), SSG_OK);
	ssg_out_file *of = NULL;
	assert_int_equal(ssg_emit_open(e, "a/index.html", NULL, &of), SSG_OK);
	assert_null(of);
	assert_int_equal(ssg_diags_count(f->d), 0);
	assert_int_equal(ssg_claims_report(c, f->d), 2);
	assert_int_equal(ssg_diags_count(f->d), 2);
	ssg_diags_sort(f->d);
	const ssg_diag *g = ssg_diags_get(f->d, 0);
	assert_string_equal(g->path, "content/01-a.md");
	assert_string_equal(g->msg, "content/01-a.md would be written to "
				    "a/index.html, which is the site's own "
				    "file: rename it");
	g = ssg_diags_get(f->d, 1);
	assert_string_equal(g->path, "content/02-b.md");
	assert_int_equal(g->line, 3);
	assert_string_equal(g->msg, "content/01-a.md and content/02-b.md "
				    "would both be written to a/index.html: "
				    "rename one of them");
	ssg_model_free(m);
	ssg_emit_free(e);
	ssg_claims_free(c);
}

static void test_emit_two_pages_on_one_file_are_reported_by_name(void **state)
{
	fx *f = *state;
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	emit_two_pages(f, o);
	ssg_diags_free(f->d);
	f->d = ssg_diags_new();
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	char *a = got(f, "a/index.html");
	assert_string_equal(a, "Kế hoạch|A|../|a/|Tổng quan;Tin tức;");
	free(a);
	assert_int_equal(ssg_diags_count(f->d), 0);
}

static void test_emit_check_reports_two_pages_on_one_file(void **state)
{
	fx *f = *state;
	emit_two_pages(f, NULL);
	assert_false(exists(f, ""));
}

static ssg_value *numbers(ssg_model *m, size_t n)
{
	ssg_value *l = ssg_model_list(m);
	for (size_t i = 0; i < n; i++)
		ssg_list_push(l, ssg_model_num(m, (double)i + 1));
	return l;
}

static void test_emit_list_pages_with_pager(void **state)
{
	fx *f = *state;
	ssg_out *o = NULL;
	assert_int_equal(ssg_out_begin(&o, f->out, f->d), SSG_OK);
	ssg_emit *e = ssg_emit_new(o, "", f->tpl, f->site, NULL, NULL, f->d);
	ssg_model *m = ssg_model_new();
	/* 20 items, 2 a page: 10 pages, the middle ones elided. */
	assert_int_equal(ssg_emit_list(e, "l/", "list", "L", "items",
				       numbers(m, 20), 2, NULL, NULL, NULL),
			 SSG_OK);
	/* 3 items on one page: no pager. */
	assert_int_equal(ssg_emit_list(e, "s/", "list", "S", "items",
				       numbers(m, 3), 5, NULL, NULL, NULL),
			 SSG_OK);
	/* None: one empty page still. */
	assert_int_equal(ssg_emit_list(e, "z/", "list", "Z", "items",
				       ssg_model_list(m), 5, NULL, NULL, NULL),
			 SSG_OK);
	ssg_model_free(m);
	ssg_emit_free(e);
	assert_int_equal(ssg_out_commit(o, f->d), SSG_OK);
	ssg_out_free(o);
	char *p1 = got(f, "l/index.html"), *p6 = got(f, "l/page/6/index.html");
	char *p10 = got(f, "l/page/10/index.html");
	/* Numbered from the oldest (items are newest first): page 6 holds
	 * the 11th and 12th oldest, and names no page after its next, so
	 * that more items never change it; l/ shows the newest. */
	assert_string_equal(p1, "L|20|1,2,| <> >l/page/9/< "
				"1 .. 7 8 9 10 ");
	assert_string_equal(p6, "L (trang 6)|12|9,10,|6 "
				"<l/page/7/> >l/page/5/< "
				"1 .. 3 4 5 6* 7 ");
	assert_string_equal(p10, "L (trang 10)|20|1,2,|10 "
				 "<l/> >l/page/9/< 1 .. 7 8 9 10* ");
	char *o1 = got(f, "l/page/1/index.html");
	assert_string_equal(o1, "L (trang 1)|2|19,20,|1 "
				"<l/page/2/> >< 1* 2 ");
	free(o1);
	assert_false(exists(f, "l/page/11/index.html"));
	assert_false(exists(f, "l/page/0/index.html"));
	char *s = got(f, "s/index.html"), *z = got(f, "z/index.html");
	assert_string_equal(s, "S|3|1,2,3,|");
	assert_string_equal(z, "Z|0||");
	free(p1);
	free(p6);
	free(p10);
	free(s);
	free(z);
}

static void test_emit_render_adds_the_site(void **state)
{
	fx *f = *state;
	ssg_emit *e = ssg_emit_new(NULL, "", f->tpl, f->site, NULL, NULL, f->d);
	ssg_model *m = ssg_model_new();
	ssg_value *data = ssg_model_map(m);
	ssg_map_set_str(m, data, "title", "t");
	ssg_map_set_str(m, data, "root", "../");
	ssg_buf b;
	ssg_buf_init(&b);
	assert_int_equal(ssg_emit_render(e, "page", data, &b), SSG_OK);
	assert_string_equal(ssg_buf_cstr(&b), "Kế hoạch|t|../||");
	assert_ptr_equal(ssg_emit_site(e), f->site);
	assert_ptr_equal(ssg_emit_diags(e), f->d);
	ssg_buf_fini(&b);
	ssg_model_free(m);
	ssg_emit_free(e);
	ssg_emit_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_emit_page_gets_site_root_path_and_current_nav,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_emit_without_out_renders_and_writes_nothing,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_emit_sub_tree_takes_site_paths_and_refuses_others,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_emit_two_pages_on_one_file_are_reported_by_name,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_emit_check_reports_two_pages_on_one_file, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_emit_list_pages_with_pager,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_emit_render_adds_the_site,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
