/*
 * The official Mustache spec suites, run as they are: every test of every
 * file must pass.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "template.h"

/* JSON to model values; objects keep their key order. */
static const ssg_value *from_json(ssg_model *m, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		ssg_value *v = ssg_model_map(m);
		const char *key;
		json_t *item;
		json_object_foreach((json_t *)j, key, item)
			ssg_map_set(v, key, from_json(m, item));
		return v;
	}
	case JSON_ARRAY: {
		ssg_value *v = ssg_model_list(m);
		size_t i;
		json_t *item;
		json_array_foreach(j, i, item)
			ssg_list_push(v, from_json(m, item));
		return v;
	}
	case JSON_STRING:
		return ssg_model_strn(m, json_string_value(j),
				      json_string_length(j));
	case JSON_INTEGER:
	case JSON_REAL:
		return ssg_model_num(m, json_number_value(j));
	case JSON_TRUE:
		return ssg_model_bool(m, true);
	case JSON_FALSE:
		return ssg_model_bool(m, false);
	default:
		return ssg_model_null(m);
	}
}

static void print_quoted(const char *label, const char *s, size_t n)
{
	fprintf(stderr, "  %s: \"", label);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n')
			fputs("\\n", stderr);
		else if (ch == '\r')
			fputs("\\r", stderr);
		else if (ch == '\t')
			fputs("\\t", stderr);
		else if (ch == '"' || ch == '\\')
			fprintf(stderr, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(stderr, "\\x%02x", ch);
		else
			fputc(ch, stderr);
	}
	fputs("\"\n", stderr);
}

#define MAIN "__spec_template__"

/* Runs one test; returns whether it passed, printing why not. */
static bool run_one(const char *file, const json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	const json_t *tmpl = json_object_get(test, "template");
	const json_t *want = json_object_get(test, "expected");
	const json_t *partials = json_object_get(test, "partials");
	ssg_model *m = ssg_model_new();
	ssg_templates *t = ssg_templates_new();
	ssg_diags *d = ssg_diags_new();
	ssg_buf out;
	ssg_buf_init(&out);
	bool ok = false;
	const char *key;
	json_t *p;
	json_object_foreach((json_t *)partials, key, p) {
		if (ssg_templates_add(t, key, json_string_value(p),
				      json_string_length(p), key, d) != SSG_OK) {
			fprintf(stderr, "%s: %s: partial %s does not compile\n",
				file, name, key);
			goto done;
		}
	}
	if (ssg_templates_add(t, MAIN, json_string_value(tmpl),
			      json_string_length(tmpl), "template", d) != SSG_OK) {
		fprintf(stderr, "%s: %s: template does not compile\n", file,
			name);
		goto done;
	}
	const ssg_value *data = from_json(m, json_object_get(test, "data"));
	int rc = ssg_templates_render(t, MAIN, data, &out, d);
	const char *got = ssg_buf_cstr(&out);
	ok = rc == SSG_OK && out.len == json_string_length(want) &&
	     memcmp(got, json_string_value(want), out.len) == 0 &&
	     strlen(got) == out.len;
	if (!ok) {
		fprintf(stderr, "%s: FAIL: %s (rc %d)\n", file, name, rc);
		print_quoted("expected", json_string_value(want),
			     json_string_length(want));
		print_quoted("got     ", got, out.len);
	}
done:
	for (size_t i = 0; i < ssg_diags_count(d); i++) {
		const ssg_diag *g = ssg_diags_get(d, i);
		fprintf(stderr, "  diag %s:%u:%u: %s\n", g->path ? g->path : "",
			g->line, g->col, g->msg);
	}
	ssg_buf_fini(&out);
	ssg_diags_free(d);
	ssg_templates_free(t);
	ssg_model_free(m);
	return ok;
}

static void run_file(const char *file)
{
	char path[512];
	snprintf(path, sizeof path, "%s/conformance/mustache/%s.json",
		 SHARED_DIR, file);
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err);
	if (!root)
		fprintf(stderr, "%s: %s\n", path, err.text);
	assert_non_null(root);
	json_t *tests = json_object_get(root, "tests");
	assert_true(json_is_array(tests));
	assert_true(json_array_size(tests) > 0);
	size_t i, failed = 0;
	json_t *test;
	json_array_foreach(tests, i, test) {
		if (!run_one(file, test))
			failed++;
	}
	json_decref(root);
	assert_int_equal(failed, 0);
}

static void test_spec_comments(void **state)
{
	(void)state;
	run_file("comments");
}

static void test_spec_delimiters(void **state)
{
	(void)state;
	run_file("delimiters");
}

static void test_spec_interpolation(void **state)
{
	(void)state;
	run_file("interpolation");
}

static void test_spec_inverted(void **state)
{
	(void)state;
	run_file("inverted");
}

static void test_spec_partials(void **state)
{
	(void)state;
	run_file("partials");
}

static void test_spec_sections(void **state)
{
	(void)state;
	run_file("sections");
}

static void test_spec_inheritance(void **state)
{
	(void)state;
	run_file("~inheritance");
}

int main(void)
{
	/* The spec is only in ../shared (no Debian package has it): a clone
	 * without it says so, and does not count the suite as passed. */
	DIR *dir = opendir(SHARED_DIR "/conformance/mustache");
	if (!dir) {
		printf("test_template_spec: DID NOT RUN: the Mustache spec "
		       "is not in %s/conformance/mustache (it is only in "
		       "../shared)\n",
		       SHARED_DIR);
		return 0;
	}
	closedir(dir);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_comments),
		cmocka_unit_test(test_spec_delimiters),
		cmocka_unit_test(test_spec_interpolation),
		cmocka_unit_test(test_spec_inverted),
		cmocka_unit_test(test_spec_partials),
		cmocka_unit_test(test_spec_sections),
		cmocka_unit_test(test_spec_inheritance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
