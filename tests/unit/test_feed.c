/* feed, alone: the entries of feed.xml from a fixture repository's plan
 * and history, through a template of the test's own. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "feed.h"
#include "fx_site.h"
#include "routes.h"

static fx_site f;
static char *oids[2]; /* the commits' ids, oldest first */

#define put(rel, data) fx_put(f.base, rel, data)

static int setup(void **state)
{
	(void)state;
	if (!fx_git_group(f.base, sizeof(f.base), "feed"))
		return -1;
	fx_run(f.base, "git init -q -b main r");
	put("r/content/_index.md",
	    "---\ntitle: \"Kế hoạch\"\nissuer: \"UBND xã\"\n---\nX.\n");
	/* One post before the first commit, one between the two. */
	put("r/content/posts/cu.md",
	    "---\ntitle: \"Tin cũ\"\ndate: \"30/06/2024\"\n---\nA.\n");
	put("r/content/posts/moi.md",
	    "---\ntitle: \"Tin mới\"\ndate: \"02/07/2024\"\nsummary: \"Tóm tắt\"\n"
	    "---\nB.\n");
	put("r/data/t.csv", "id,v\n1,a\n");
	fx_git_commit(f.base, "r", 1, "đầu");
	put("r/data/t.csv", "id,v\n1,b\n");
	fx_git_commit(f.base, "r", 3, "sửa <v>");
	for (int i = 0; i < 2; i++)
		oids[i] = fx_output(f.base, "git -C r rev-parse HEAD~%d", 1 - i);
	if (!fx_site_open(&f, NULL) || !fx_site_history(&f))
		return -1;
	fx_site_tpl(&f, "feed",
		    "{{title}}|{{id}}|{{updated}}|{{author}}\n"
		    "{{#entries}}{{id}} {{url}} {{updated}} {{by}} "
		    "[{{summary}}]\n{{/entries}}");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++)
		free(oids[i]);
	fx_site_close(&f);
	return fx_rmtree(f.base);
}

/* feed.xml written through e for the site whose routes are r, with the
 * history's commits [0, end) (no history when end is 0); to free. */
static char *feed(const char *out, const ssg_routes *r, size_t end)
{
	ssg_hview_in hin = {f.hist, end, NULL, 0, f.plan, r, NULL};
	ssg_hview *hv = end ? ssg_hview_new(&hin) : NULL;
	ssg_feed_in in = {f.plan, ssg_snapshot_commit(f.snap), hv, NULL};
	ssg_emit *e = fx_site_emit(&f, out);
	int rc = ssg_feed_write(e, &in);
	ssg_hview_free(hv);
	fx_site_show(f.d);
	assert_int_equal(rc, SSG_OK);
	fx_site_done(&f);
	char *xml = fx_site_file(&f, "feed.xml");
	assert_non_null(xml);
	return xml;
}

/* Posts and changes newest first, each with an id that never changes;
 * a change links to its commit's page and says what it changed; the
 * feed's id is the root commit's. */
static void test_feed_posts_and_changes_newest_first(void **state)
{
	(void)state;
	ssg_routes *r = ssg_routes_main();
	char *xml = feed("out", r, 2);
	ssg_buf want;
	ssg_buf_init(&want);
	ssg_buf_printf(&want, "Kế hoạch|%s|2024-07-03T09:00:00+07:00|UBND xã\n",
		       oids[0]);
	ssg_buf_printf(&want, "commit:%s changes/%.7s/ "
			      "2024-07-03T09:00:00+07:00 Nguyễn Văn A "
			      "[Bảng “t”, dòng 1: v từ a thành b.]\n",
		       oids[1], oids[1]);
	ssg_buf_puts(&want, "post:moi posts/moi/ 2024-07-02T00:00:00+00:00  "
			    "[Tóm tắt]\n");
	ssg_buf_printf(&want, "commit:%s changes/%.7s/ "
			      "2024-07-01T09:00:00+07:00 Nguyễn Văn A [",
		       oids[0], oids[0]);
	if (strncmp(xml, ssg_buf_cstr(&want), want.len) != 0)
		fail_msg("got\n%s\nwanted it to start\n%s", xml,
			 ssg_buf_cstr(&want));
	assert_non_null(strstr(xml, "post:cu posts/cu/ 2024-06-30"));
	ssg_buf_fini(&want);
	free(xml);
	ssg_routes_free(r);
}

/* A revision copy's changes link to the main site's commit pages; one
 * without history has the posts alone and its title for an id. */
static void test_feed_of_a_copy_and_without_history(void **state)
{
	(void)state;
	ssg_routes *r = ssg_routes_copy("v1");
	char *xml = feed("out-copy", r, 1);
	ssg_buf want;
	ssg_buf_init(&want);
	ssg_buf_printf(&want, " ../../../changes/%.7s/ ", oids[0]);
	assert_non_null(strstr(xml, ssg_buf_cstr(&want)));
	assert_null(strstr(xml, oids[1]));
	ssg_buf_fini(&want);
	free(xml);
	xml = feed("out-none", r, 0);
	assert_non_null(strstr(xml, "Kế hoạch|Kế hoạch|"));
	assert_null(strstr(xml, "commit:"));
	assert_non_null(strstr(xml, "post:moi"));
	free(xml);
	ssg_routes_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_posts_and_changes_newest_first),
		cmocka_unit_test(test_feed_of_a_copy_and_without_history),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
