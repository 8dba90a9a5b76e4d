/* pages_history, alone: the pages a fixture repository's history adds,
 * from its view (hview.h), through the test's own templates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fx_site.h"
#include "hview.h"
#include "pages_history.h"
#include "routes.h"

static fx_site f;
static ssg_routes *main_routes;
static ssg_hview *hv;
static char *ids[3]; /* the commits' short ids, oldest first */

#define put(rel, data) fx_put(f.base, rel, data)
#define run(...) fx_run(f.base, __VA_ARGS__)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "pages-history"))
		return -1;
	run("git init -q -b main r");
	put("r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\nX.\n");
	put("r/content/01-muc-dich.md",
	    "---\ntitle: \"Mục đích\"\n---\nMột hai.\n");
	put("r/data/t.csv", "id,v\n1,a\n2,b\n");
	fx_git_commit(f.base, "r", 1, "ban hành");
	run("cd r && git tag -a v1 -m 'Bản một'");
	put("r/content/01-muc-dich.md",
	    "---\ntitle: \"Mục đích\"\n---\nMột ba.\n");
	put("r/data/t.csv", "id,v\n1,a2\n2,b\n");
	fx_git_commit(f.base, "r", 2, "sửa");
	run("cd r && git tag -a v2 -m 'Bản hai'");
	put("r/README", "nothing the site shows\n");
	fx_git_commit(f.base, "r", 3, "ghi chú");
	for (int i = 0; i < 3; i++)
		ids[i] = fx_output(f.base, "git -C r rev-parse --short=7 HEAD~%d",
				   2 - i);
	if (!fx_site_open(&f, NULL) || !fx_site_history(&f))
		return -1;
	main_routes = ssg_routes_main();
	ssg_hview_in in = {f.hist, ssg_history_ncommits(f.hist),
			   f.tags, f.ntags, f.plan, main_routes, NULL};
	hv = ssg_hview_new(&in);
	fx_site_tpl(&f, "change",
		    "{{commit.summary}}|{{#pages}}{{path}}={{word}}:{{{html}}};"
		    "{{/pages}}|{{has_events}}");
	fx_site_tpl(&f, "changes", "{{#commits}}{{summary}};{{/commits}}");
	fx_site_tpl(&f, "row",
		    "{{key}}|{{table_title}}|{{table_url}}|"
		    "{{#changes}}{{#events}}e;{{/events}}{{/changes}}");
	fx_site_tpl(&f, "revision",
		    "{{tag.name}}|{{prev.name}}|{{#commits}}{{summary}};"
		    "{{/commits}}|{{has_tables}}|{{has_pages}}");
	fx_site_tpl(&f, "revisions", "{{#tags}}{{name}};{{/tags}}");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ssg_hview_free(hv);
	ssg_routes_free(main_routes);
	for (int i = 0; i < 3; i++)
		free(ids[i]);
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

static char *page_of(const char *dir, const char *id)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "%s%s/index.html", dir, id);
	return ssg_buf_detach(&b);
}

/* A page per commit that touched the plan, with its page diffs; the
 * list newest first; a row's history; a page per revision with the
 * commits since the one before; history.jsonl. */
static void test_pages_history_every_page(void **state)
{
	(void)state;
	ssg_emit *e = fx_site_emit(&f, "out");
	ssg_pages_reviews rv = {f.repo, NULL, f.keys};
	int rc = ssg_pages_changes(hv, e, NULL, NULL);
	rc = rc ? rc : ssg_pages_row_history(hv, e, NULL);
	rc = rc ? rc : ssg_pages_revisions(hv, e, &rv);
	rc = rc ? rc : ssg_pages_history_data(hv, e, f.keys);
	fx_site_show(f.d);
	assert_int_equal(rc, SSG_OK);
	fx_site_done(&f);

	char *p = page_of("changes/", ids[1]);
	fx_site_has(&f, p, "sửa|content/01-muc-dich.md=Sửa nội dung:");
	fx_site_has(&f, p, "ba");
	fx_site_has(&f, p, "|true");
	free(p);
	/* The commit that touched nothing of the plan has no page. */
	p = page_of("changes/", ids[2]);
	assert_null(fx_site_file(&f, p));
	free(p);
	fx_site_has(&f, "changes/index.html", "sửa;ban hành;");
	fx_site_has(&f, "tables/t/1/index.html", "1|t|tables/t/|e;e;");
	fx_site_has(&f, "revisions/v2/index.html", "v2|v1|sửa;|true|true");
	fx_site_has(&f, "revisions/v1/index.html", "v1||ban hành;|");
	fx_site_has(&f, "revisions/index.html", "v2;v1;");
	char *jl = fx_site_file(&f, "data/history.jsonl");
	assert_non_null(jl);
	assert_non_null(strstr(jl, "\"a2\""));
	free(jl);
}

/* A revision copy's view (its own routes) writes none of the pages every
 * site shares: only the lists, which link to the main site's. */
static void test_pages_history_copy_writes_only_its_lists(void **state)
{
	(void)state;
	ssg_routes *copy = ssg_routes_copy("v2");
	ssg_hview_in in = {f.hist, 2, f.tags, 2, f.plan, copy, hv};
	ssg_hview *cv = ssg_hview_new(&in);
	ssg_emit *e = fx_site_emit(&f, "out-copy");
	ssg_pages_reviews rv = {f.repo, NULL, f.keys};
	assert_int_equal(ssg_pages_changes(cv, e, NULL, NULL), SSG_OK);
	assert_int_equal(ssg_pages_row_history(cv, e, NULL), SSG_OK);
	assert_int_equal(ssg_pages_revisions(cv, e, &rv), SSG_OK);
	fx_site_done(&f);
	ssg_hview_free(cv);
	ssg_routes_free(copy);
	char *ls = fx_output(f.out, "find . -name index.html | sort");
	assert_string_equal(ls, "./changes/index.html\n"
				"./revisions/index.html");
	free(ls);
	fx_site_has(&f, "changes/index.html", "sửa;ban hành;");
}

/* changes/ in parts, as threads take them (sitegen.c): whatever the
 * order the parts run in, the pages are those one thread writes.  A
 * history of 600 commits, each changing a row and a page, makes three
 * parts of 256. */
static void test_pages_history_changes_in_parts(void **state)
{
	(void)state;
	fx_site g;
	memset(&g, 0, sizeof(g));
	assert_true(fx_git_group(g.base, sizeof(g.base), "changes-parts"));
	enum { N = 600 };
	char *stream = fx_path(g.base, "r.stream");
	FILE *fp = fopen(stream, "w");
	assert_non_null(fp);
	for (int k = 0; k < N; k++) {
		char data[96];
		fprintf(fp, "commit refs/heads/main\nmark :%d\n", k + 1);
		for (int w = 0; w < 2; w++)
			fprintf(fp, "%s A <a@example.vn> %d +0700\n",
				w ? "committer" : "author", 1719800000 + k * 600);
		fprintf(fp, "data 5\nc%04d\n", k);
		if (k)
			fprintf(fp, "from :%d\n", k);
		snprintf(data, sizeof(data), "---\ntitle: T\n---\nSố %d.\n", k);
		fprintf(fp, "M 100644 inline content/_index.md\ndata %zu\n%s\n",
			strlen(data), data);
		snprintf(data, sizeof(data), "id,v\n1,%d\n2,b\n", k);
		fprintf(fp, "M 100644 inline data/t.csv\ndata %zu\n%s\n",
			strlen(data), data);
	}
	fclose(fp);
	free(stream);
	fx_run(g.base, "git init -q -b main r && cd r && "
		       "git fast-import --quiet < ../r.stream");
	assert_true(fx_site_open(&g, NULL));
	assert_true(fx_site_history(&g));
	ssg_routes *routes = ssg_routes_main();
	ssg_hview_in in = {g.hist, ssg_history_ncommits(g.hist), g.tags,
			   g.ntags,  g.plan, routes, NULL};
	ssg_hview *v = ssg_hview_new(&in);
	fx_site_tpl(&g, "change",
		    "{{commit.summary}}|{{#pages}}{{path}}:{{{html}}};"
		    "{{/pages}}|{{#tables}}{{#events}}{{key}};{{/events}}"
		    "{{/tables}}");
	fx_site_tpl(&g, "changes", "{{#commits}}{{summary}};{{/commits}}");

	ssg_emit *e = fx_site_emit(&g, "one");
	assert_int_equal(ssg_pages_changes(v, e, NULL, NULL), SSG_OK);
	fx_site_done(&g);

	e = fx_site_emit(&g, "parts");
	ssg_changes_parts *c = ssg_pages_changes_begin(v, e, NULL, NULL);
	size_t n = ssg_pages_changes_nparts(c);
	assert_int_equal(n, (N + 255) / 256);
	ssg_history_reader *rd = ssg_history_reader_new(g.hist);
	assert_non_null(rd);
	for (size_t k = n; k-- > 0;) /* the newest part last */
		ssg_pages_changes_part(c, k, rd);
	ssg_history_reader_free(rd);
	assert_int_equal(ssg_pages_changes_end(c), SSG_OK);
	fx_site_show(g.d);
	fx_site_done(&g);

	char *count = fx_output(g.base, "ls parts/changes | "
					"grep -c '^[0-9a-f]\\{7\\}$'");
	assert_int_equal(atoi(count), N);
	free(count);
	fx_run(g.base, "diff -r one parts"); /* fails the test unless same */
	char *first = fx_output(g.base,
				"cat parts/changes/$(git -C r rev-parse "
				"--short=7 HEAD~%d)/index.html",
				N - 1);
	assert_non_null(strstr(first, "c0000|content/_index.md:"));
	free(first);
	ssg_hview_free(v);
	ssg_routes_free(routes);
	fx_site_close(&g);
	fx_rmtree(g.base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_history_every_page),
		cmocka_unit_test(test_pages_history_copy_writes_only_its_lists),
		cmocka_unit_test(test_pages_history_changes_in_parts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
