/* pages_plan, alone: the plan's pages of a fixture repository through an
 * emitter with templates of the test's own, which print the values each
 * page is given (no site, no theme). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fx_site.h"
#include "pages_plan.h"
#include "routes.h"

static fx_site f;
static ssg_pages_plan_in in;

#define put(rel, data) fx_put(f.base, rel, data)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "pages-plan"))
		return -1;
	fx_run(f.base, "git init -q -b main r");
	put("r/content/_index.md",
	    "---\ntitle: \"Kế hoạch văn hóa\"\nnumber: \"12/KH-UBND\"\n"
	    "issuer: \"UBND huyện\"\n---\nGiới thiệu.\n");
	put("r/content/01-muc-dich.md",
	    "---\ntitle: \"Mục đích\"\nweight: 1\n---\nMột.\n");
	put("r/content/02-nhiem-vu.md",
	    "---\ntitle: \"Nhiệm vụ\"\nweight: 2\n---\nHai.\n");
	put("r/content/03-to-chuc.md",
	    "---\ntitle: \"Tổ chức\"\nweight: 3\n---\nBa.\n");
	put("r/content/posts/hop.md",
	    "---\ntitle: \"Họp\"\ndate: \"20/06/2024\"\n---\nĐã họp.\n");
	put("r/content/posts/tong-ket.md",
	    "---\ntitle: \"Tổng kết\"\ndate: \"01/07/2024\"\n---\nXong.\n");
	put("r/data/indicators.csv",
	    "id,name,unit,baseline,target,result\n1,Tỷ lệ,%,10,\"72,2\",\n"
	    "2,Số thôn,thôn,3,5,4\n");
	put("r/data/tasks.csv",
	    "id,title,status\n1,Tuyên truyền,done\n2,Kiểm tra,done\n"
	    "3,Sơ kết,\n");
	put("r/data/dan_so.csv",
	    "ma,xa,so_dan\n026,\"An Bình, thôn \"\"Đông\"\"\",\"1.250,5\"\n"
	    "027,Phú Mỹ,900\n");
	fx_git_commit(f.base, "r", 1, "đầu");
	if (!fx_site_open(&f, NULL))
		return -1;
	fx_site_tpl(&f, "index",
		    "{{title}}|{{{html}}}|{{#indicators}}{{id}};{{/indicators}}|"
		    "{{ntasks}}|{{#task_summary}}{{key}}={{count}};"
		    "{{/task_summary}}|{{#posts}}{{title}};{{/posts}}");
	fx_site_tpl(&f, "section",
		    "{{numeral}}|{{title}}|{{source}}|{{prev.title}}<>"
		    "{{next.title}}|{{{html}}}");
	fx_site_tpl(&f, "indicators",
		    "{{#indicators}}{{id}}:{{url}};{{/indicators}}");
	fx_site_tpl(&f, "indicator", "{{indicator.id}}|{{indicator.name}}");
	fx_site_tpl(&f, "tasks",
		    "{{source}}|{{#task_summary}}{{word}}={{count}};"
		    "{{/task_summary}}|{{#tasks}}{{id}};{{/tasks}}");
	fx_site_tpl(&f, "table", "{{table.title}}|{{table.url}}");
	fx_site_tpl(&f, "post", "{{post.title}}|{{{html}}}");
	fx_site_tpl(&f, "posts", "{{title}}|{{#posts}}{{title}};{{/posts}}");
	fx_site_tpl(&f, "data",
		    "{{#tables}}{{name}}:{{rows}}:{{url}};{{/tables}}|"
		    "{{#site.tables}}{{name}};{{/site.tables}}");
	fx_site_tpl(&f, "disclosure",
		    "{{#documents}}{{title}}/{{number}}/{{form}}/{{url}};"
		    "{{/documents}}");
	/* site.sections, as the site's values have them. */
	ssg_value *secs = ssg_model_list(f.m);
	for (size_t i = 0; i < ssg_plan_nsections(f.plan); i++) {
		ssg_value *v = ssg_model_map(f.m);
		ssg_map_set_str(f.m, v, "title",
				ssg_plan_section(f.plan, i)->title);
		ssg_list_push(secs, v);
	}
	ssg_map_set(f.site, "sections", secs);
	in = (ssg_pages_plan_in){f.plan, f.indicators, f.tasks, NULL,
				 NULL,   NULL,         NULL,    NULL,
				 NULL,   false,        NULL};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

/* Every page of the plan, written where routes.h puts it, with the
 * values its template reads. */
static void test_pages_plan_every_page_with_its_values(void **state)
{
	(void)state;
	ssg_emit *e = fx_site_emit(&f, "out");
	int rc = ssg_pages_data(&in, e, f.m, f.site);
	rc = rc ? rc : ssg_pages_index(&in, e);
	rc = rc ? rc : ssg_pages_sections(&in, e);
	rc = rc ? rc : ssg_pages_indicators(&in, e);
	rc = rc ? rc : ssg_pages_tasks(&in, e);
	rc = rc ? rc : ssg_pages_tables(&in, e);
	rc = rc ? rc : ssg_pages_posts(&in, e);
	rc = rc ? rc : ssg_pages_disclosure(&in, e);
	fx_site_show(f.d);
	assert_int_equal(rc, SSG_OK);
	fx_site_done(&f);

	fx_site_has(&f, "index.html", "Tổng quan|<p>Giới thiệu.</p>\n|1;2;|3|"
				  "done=2;none=1;|Tổng kết;Họp;");
	/* Sections link to the one before and after them (site.sections,
	 * made here as the site's values would be). */
	fx_site_has(&f, "muc-dich/index.html",
		    "|Mục đích|content/01-muc-dich.md|<>Nhiệm vụ|<p>Một.</p>");
	fx_site_has(&f, "nhiem-vu/index.html", "|Mục đích<>Tổ chức|");
	fx_site_has(&f, "to-chuc/index.html", "|Nhiệm vụ<>|");
	fx_site_has(&f, "indicators/index.html",
		    "1:indicators/1/;2:indicators/2/;");
	fx_site_has(&f, "indicators/2/index.html", "2|Số thôn");
	fx_site_has(&f, "tasks/index.html", "Các nhiệm vụ|");
	fx_site_has(&f, "tasks/index.html", "|1;2;3;");
	/* Only the untyped tables have a page of their own. */
	fx_site_has(&f, "tables/dan-so/index.html", "dan_so|tables/dan-so/");
	char *p = fx_path(f.out, "tables/indicators/index.html");
	assert_null(fx_slurp(p, NULL));
	free(p);
	fx_site_has(&f, "posts/hop/index.html", "Họp|<p>Đã họp.</p>");
	fx_site_has(&f, "posts/index.html", "Tin tức|Tổng kết;Họp;");
	fx_site_has(&f, "disclosure/index.html",
		    "Kế hoạch văn hóa/12/KH-UBND//;");
	fx_site_has(&f, "disclosure/index.html", "Họp//Tin bài/posts/hop/;");
	fx_site_has(&f, "disclosure/index.html",
		    "dan_so//Dữ liệu mở (CSV, JSON)/data/dan_so.csv;");
}

/* Open data: CSV with dot decimals and quotes where a field needs them,
 * JSON with numbers as numbers and key columns as text; the list of
 * tables is in the site's values before the data page renders. */
static void test_pages_plan_open_data_for_machines(void **state)
{
	(void)state;
	ssg_emit *e = fx_site_emit(&f, "out-data");
	assert_int_equal(ssg_pages_data(&in, e, f.m, f.site), SSG_OK);
	fx_site_done(&f);
	char *csv = fx_site_file(&f, "data/dan_so.csv");
	assert_string_equal(csv, "ma,xa,so_dan\r\n"
				 "026,\"An Bình, thôn \"\"Đông\"\"\",1250.5\r\n"
				 "027,Phú Mỹ,900\r\n");
	char *json = fx_site_file(&f, "data/dan_so.json");
	assert_string_equal(json,
			    "[\n {\"ma\": \"026\", \"xa\": \"An Bình, thôn "
			    "\\\"Đông\\\"\", \"so_dan\": 1250.5},\n"
			    " {\"ma\": \"027\", \"xa\": \"Phú Mỹ\", \"so_dan\": "
			    "900}\n]\n");
	char *ind = fx_site_file(&f, "data/indicators.csv");
	assert_non_null(strstr(ind, "1,Tỷ lệ,%,10,72.2,\r\n"));
	fx_site_has(&f, "data/index.html",
		    "dan_so:2:tables/dan-so/;indicators:2:indicators/;"
		    "tasks:3:tasks/;|dan_so;indicators;tasks;");
	free(csv);
	free(json);
	free(ind);
}

/* A page with a problem is reported and the others are still made: a
 * section whose template is missing does not stop the next ones. */
static void test_pages_plan_one_bad_page_does_not_stop_the_rest(void **state)
{
	(void)state;
	ssg_templates *good = fx_site_tpl_swap(&f, ssg_templates_new());
	fx_site_tpl(&f, "post", "{{post.title}}");
	ssg_emit *e = fx_site_emit(&f, NULL); /* a check */
	assert_int_not_equal(ssg_pages_sections(&in, e), SSG_OK);
	size_t n = ssg_diags_count(f.d);
	assert_int_equal(n, 3); /* one per section */
	/* Each post is made; the list's template is missing. */
	assert_int_not_equal(ssg_pages_posts(&in, e), SSG_OK);
	assert_int_equal(ssg_diags_count(f.d), n + 1);
	fx_site_done(&f);
	ssg_templates_free(fx_site_tpl_swap(&f, good));
	fx_site_diags_clear(&f);
}

/* The posts are made on two threads (pages_plan.c), and still say their
 * problems in the posts' order, whichever thread made which post, and
 * write every other post: every third of 100 posts names a table there
 * is not. */
static void test_pages_plan_posts_on_two_threads_in_order(void **state)
{
	(void)state;
	fx_site g;
	memset(&g, 0, sizeof(g));
	assert_true(fx_git_group(g.base, sizeof(g.base), "pages-plan-many"));
	fx_run(g.base, "git init -q -b main r");
	fx_put(g.base, "r/content/_index.md", "---\ntitle: \"Kế hoạch\"\n---\n");
	for (int k = 0; k < 100; k++) {
		char rel[64], text[160];
		snprintf(rel, sizeof(rel), "r/content/posts/p%03d.md", k);
		snprintf(text, sizeof(text),
			 "---\ntitle: \"Tin %d\"\ndate: \"%02d/%02d/2024\"\n"
			 "---\nMở đầu.\n\n%s\n",
			 k, k % 28 + 1, k / 28 + 1,
			 k % 3 ? "Tiếp." : "{{table khong_co}}");
		fx_put(g.base, rel, text);
	}
	fx_git_commit(g.base, "r", 1, "đầu");
	assert_true(fx_site_open(&g, NULL));
	fx_site_tpl(&g, "post", "{{post.title}}|{{{html}}}");
	fx_site_tpl(&g, "posts", "{{#posts}}{{title}};{{/posts}}");
	ssg_pages_plan_in gin = {g.plan, g.indicators, g.tasks, NULL, NULL,
				 NULL,   NULL,         NULL,    NULL, false, NULL};
	ssg_emit *e = fx_site_emit(&g, "out");
	assert_int_equal(ssg_pages_posts(&gin, e), SSG_ERR_CONTENT);
	size_t nd = 0;
	for (size_t i = 0; i < ssg_plan_nposts(g.plan); i++) {
		const ssg_plan_page *pg = ssg_plan_post(g.plan, i);
		int k = atoi(pg->path + strlen("content/posts/p"));
		if (k % 3 == 0) {
			const ssg_diag *dg = ssg_diags_get(g.d, nd++);
			assert_non_null(dg);
			assert_string_equal(dg->path, pg->path);
			continue;
		}
	}
	assert_int_equal(ssg_diags_count(g.d), nd);
	assert_int_equal(nd, 34);
	fx_site_done(&g);
	for (size_t i = 0; i < ssg_plan_nposts(g.plan); i++) {
		const ssg_plan_page *pg = ssg_plan_post(g.plan, i);
		int k = atoi(pg->path + strlen("content/posts/p"));
		if (k % 3 == 0)
			continue;
		char rel[64], want[32];
		snprintf(rel, sizeof(rel), "posts/%s/index.html", pg->slug);
		snprintf(want, sizeof(want), "Tin %d|", k);
		fx_site_has(&g, rel, want);
	}
	fx_site_close(&g);
	assert_int_equal(fx_rmtree(g.base), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_plan_every_page_with_its_values),
		cmocka_unit_test(test_pages_plan_open_data_for_machines),
		cmocka_unit_test(test_pages_plan_one_bad_page_does_not_stop_the_rest),
		cmocka_unit_test(test_pages_plan_posts_on_two_threads_in_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
