/* package: data/datapackage.json read alone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "package.h"

static ssg_package *parse(const char *json, ssg_diags *d)
{
	ssg_package *p = NULL;
	int rc = ssg_package_parse(&p, "data/datapackage.json", json,
				   strlen(json), d);
	assert_int_equal(rc, p ? SSG_OK : SSG_ERR_CONTENT);
	return p;
}

/* A table is named by its path's file stem, else its name; its title,
 * key and fields as written; a column finds its field as row keys match
 * (case and spacing aside). */
static void test_package_tables_titles_keys_fields(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_package *p = parse(
		"{\"resources\": ["
		"{\"name\": \"chi-tieu\", \"path\": \"data/indicators.csv\","
		" \"title\": \"Các chỉ tiêu năm 2024\", \"description\": \"Mục II\","
		" \"schema\": {\"primaryKey\": \"id\", \"fields\": ["
		"  {\"name\": \"target\", \"title\": \"Kế hoạch năm 2024\","
		"   \"unit\": \"%\", \"type\": \"number\"},"
		"  {\"title\": \"no name\"},"
		"  {\"name\": \"note\"}]}},"
		"{\"name\": \"communes\", \"schema\": {\"primaryKey\": [\"a\", 7]}},"
		"{\"title\": \"neither name nor path\"}]}",
		d);
	assert_non_null(p);
	assert_int_equal(ssg_diags_count(d), 0);
	const ssg_package_table *t = ssg_package_find(p, "indicators");
	assert_non_null(t);
	assert_null(ssg_package_find(p, "chi-tieu"));
	assert_string_equal(t->title, "Các chỉ tiêu năm 2024");
	assert_string_equal(t->description, "Mục II");
	assert_int_equal(t->nkey, 1);
	assert_string_equal(t->key[0], "id");
	assert_int_equal(t->nfields, 2);
	const ssg_package_field *f = ssg_package_field_of(t, " TARGET ");
	assert_non_null(f);
	assert_string_equal(f->title, "Kế hoạch năm 2024");
	assert_string_equal(f->unit, "%");
	assert_string_equal(f->type, "number");
	f = ssg_package_field_of(t, "note");
	assert_non_null(f);
	assert_null(f->title);
	assert_null(ssg_package_field_of(t, "result"));
	const ssg_package_table *c = ssg_package_find(p, "communes");
	assert_non_null(c);
	assert_null(c->title);
	assert_int_equal(c->nkey, 2);
	assert_string_equal(c->key[1], "");
	assert_null(ssg_package_find(NULL, "communes"));
	assert_null(ssg_package_field_of(NULL, "id"));
	ssg_package_free(p);
	ssg_diags_free(d);
}

/* Not JSON, or no resources: a content error where jansson says. */
static void test_package_errors(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	assert_null(parse("{\"resources\": [\n  {\"name\": }]}", d));
	assert_int_equal(ssg_diags_count(d), 1);
	assert_int_equal(ssg_diags_get(d, 0)->line, 2);
	assert_non_null(strstr(ssg_diags_get(d, 0)->msg, "invalid JSON"));
	assert_null(parse("{\"name\": \"x\"}", d));
	assert_int_equal(ssg_diags_count(d), 2);
	assert_non_null(strstr(ssg_diags_get(d, 1)->msg, "'resources'"));
	ssg_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_package_tables_titles_keys_fields),
		cmocka_unit_test(test_package_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
