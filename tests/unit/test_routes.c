/* routes: the site's URL layout, and a revision copy's difference as a
 * value. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "routes.h"

static void test_routes_each_kind_of_page_has_its_directory(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	assert_string_equal(ssg_routes_section(m, "muc-dich"), "muc-dich/");
	assert_string_equal(ssg_routes_post(m, "hop-dan"), "posts/hop-dan/");
	/* Ids and names are slugged: Vietnamese letters, spaces, case. */
	assert_string_equal(ssg_routes_indicator(m, "Đ 1.2"),
			    "indicators/d-1-2/");
	assert_string_equal(ssg_routes_table(m, "Dân số"), "tables/dan-so/");
	assert_string_equal(ssg_routes_row(m, "Dân số", "Xã An Bình"),
			    "tables/dan-so/xa-an-binh/");
	assert_string_equal(ssg_routes_data_file(m, "dan_so", "csv"),
			    "data/dan_so.csv");
	assert_string_equal(ssg_routes_commit(m, "abc1234"),
			    "changes/abc1234/");
	assert_string_equal(ssg_routes_revision(m, "v1.0"),
			    "revisions/v1-0/");
	assert_string_equal(ssg_routes_copy_dir(m, "v1.0"),
			    "revisions/v1-0/site/");
	ssg_model_free(m);
}

static void test_routes_slug_of_nothing_is_underscore(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	assert_string_equal(ssg_routes_slug(m, ""), "_");
	assert_string_equal(ssg_routes_slug(m, "?!"), "_");
	assert_string_equal(ssg_routes_slug(m, "Mục đích"), "muc-dich");
	ssg_model_free(m);
}

static void test_routes_root_climbs_one_step_per_directory(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	assert_string_equal(ssg_routes_root(m, ""), "./");
	assert_string_equal(ssg_routes_root(m, "tasks/"), "../");
	assert_string_equal(ssg_routes_root(m, "tables/t/row/"), "../../../");
	ssg_model_free(m);
}

static void test_routes_list_pages_after_the_first(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	assert_string_equal(ssg_routes_list_page(m, "changes/", 0), "changes/");
	assert_string_equal(ssg_routes_list_page(m, "changes/", 1),
			    "changes/page/1/");
	assert_string_equal(ssg_routes_list_page(m, "posts/", 10),
			    "posts/page/10/");
	ssg_model_free(m);
}

/* The main site writes the pages every site shares and links to them
 * where they are; a copy links up to the main site's, from its own
 * root three directories down. */
static void test_routes_copy_links_to_the_main_sites_shared_pages(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_routes *main = ssg_routes_main();
	ssg_routes *copy = ssg_routes_copy("Bản 2024");
	assert_true(ssg_routes_writes_shared(main));
	assert_false(ssg_routes_writes_shared(copy));
	const char *dir = ssg_routes_commit(m, "abc1234");
	assert_string_equal(ssg_routes_shared(main, m, dir), "changes/abc1234/");
	assert_string_equal(ssg_routes_shared(copy, m, dir),
			    "../../../changes/abc1234/");
	/* A commit's link in one value: the same. */
	assert_string_equal(ssg_value_str(ssg_routes_commit_url(main, m,
								"abc1234")),
			    "changes/abc1234/");
	assert_string_equal(ssg_value_str(ssg_routes_commit_url(copy, m,
								"abc1234")),
			    "../../../changes/abc1234/");
	/* The way up is the way back from the copy's own directory. */
	assert_string_equal(
		ssg_routes_root(m, ssg_routes_copy_dir(m, "Bản 2024")),
		"../../../");
	ssg_routes_free(copy);
	ssg_routes_free(main);
	ssg_routes_free(NULL);
	ssg_model_free(m);
}

/* A past year's copy lives at years/<year>/ and links up two
 * directories to the main site's shared pages. */
static void test_routes_year_copy(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_routes *year = ssg_routes_year("2024");
	assert_false(ssg_routes_writes_shared(year));
	assert_string_equal(ssg_routes_year_dir(m, "2024"), "years/2024/");
	assert_string_equal(ssg_routes_year_dir(m, "Năm 2024"),
			    "years/nam-2024/");
	assert_string_equal(ssg_routes_shared(year, m,
					      ssg_routes_commit(m, "abc1234")),
			    "../../changes/abc1234/");
	assert_string_equal(ssg_routes_shared(year, m, ""), "../../");
	ssg_routes_free(year);
	ssg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes_each_kind_of_page_has_its_directory),
		cmocka_unit_test(test_routes_slug_of_nothing_is_underscore),
		cmocka_unit_test(test_routes_root_climbs_one_step_per_directory),
		cmocka_unit_test(test_routes_list_pages_after_the_first),
		cmocka_unit_test(test_routes_copy_links_to_the_main_sites_shared_pages),
		cmocka_unit_test(test_routes_year_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
