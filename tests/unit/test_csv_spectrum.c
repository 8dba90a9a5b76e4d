/* Every csv-spectrum case parsed and compared field by field with its
 * JSON: the suite vendored in SHARED_DIR/conformance/csv-spectrum (2.0.0,
 * see its SOURCE), else Debian's node-csv-spectrum (1.0.0, in the
 * Makefile's PKGS), so that a clone with no ../shared beside it runs the
 * suite too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fixture.h"
#include "table.h"

#define VENDORED SHARED_DIR "/conformance/csv-spectrum"
#define DEBIAN "/usr/share/nodejs/csv-spectrum"

/* The one case the SOURCE file says a strict parser must refuse (2.0.0
 * only). */
#define MUST_REJECT "location_coordinates.csv"

/* The suite found, and whether it is the vendored one. */
static const char *spectrum = VENDORED;
static bool vendored = true;

static char *read_file(const char *path, size_t *len)
{
	char *b = fx_slurp(path, len);
	if (!b)
		fail_msg("cannot read %s", path);
	return b;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .csv names, sorted, so that a failure names the same case every
 * run. */
static char **list_cases(size_t *count)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/csvs", spectrum);
	DIR *dir = opendir(path);
	char **names = NULL;
	size_t n = 0;
	*count = 0;
	if (!dir) /* test_csv_spectrum_all_cases_present fails */
		return NULL;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		size_t k = strlen(e->d_name);
		if (k < 5 || strcmp(e->d_name + k - 4, ".csv") != 0)
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		if (!names || !(names[n] = strdup(e->d_name)))
			abort();
		n++;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	*count = n;
	return names;
}

static void check_case(const char *name)
{
	char path[1024], jpath[1024];
	snprintf(path, sizeof path, "%s/csvs/%s", spectrum, name);
	snprintf(jpath, sizeof jpath, "%s/json/%.*s.json", spectrum,
		 (int)(strlen(name) - 4), name);
	size_t len;
	char *bytes = read_file(path, &len);
	ssg_diags *d = ssg_diags_new();
	ssg_table *t = NULL;
	int rc = ssg_table_parse(&t, name, bytes, len, d);

	if (strcmp(name, MUST_REJECT) == 0) {
		if (rc != SSG_ERR_CONTENT)
			fail_msg("%s: a strict parser must reject it", name);
		assert_null(t);
		assert_true(ssg_diags_errors(d) > 0);
		assert_int_equal(ssg_diags_get(d, 0)->line, 2);
		goto done;
	}
	if (rc != SSG_OK)
		fail_msg("%s: %s", name,
			 ssg_diags_count(d) ? ssg_diags_get(d, 0)->msg : "?");

	json_error_t jerr;
	json_t *want = json_load_file(jpath, 0, &jerr);
	if (!want)
		fail_msg("%s: %s", jpath, jerr.text);
	assert_true(json_is_array(want));
	if (json_array_size(want) != ssg_table_nrows(t))
		fail_msg("%s: %zu rows, want %zu", name, ssg_table_nrows(t),
			 json_array_size(want));
	for (size_t r = 0; r < json_array_size(want); r++) {
		json_t *obj = json_array_get(want, r);
		assert_true(json_is_object(obj));
		assert_int_equal(json_object_size(obj), ssg_table_ncols(t));
		const char *key;
		json_t *val;
		json_object_foreach(obj, key, val)
		{
			long col = ssg_table_col_find(t, key);
			if (col < 0)
				fail_msg("%s: no column \"%s\"", name, key);
			const char *got = ssg_table_cell(t, r, (size_t)col);
			if (strcmp(got, json_string_value(val)) != 0 ||
			    ssg_table_cell_len(t, r, (size_t)col) !=
				    json_string_length(val))
				fail_msg("%s row %zu %s: \"%s\", want \"%s\"",
					 name, r, key, got,
					 json_string_value(val));
		}
	}
	json_decref(want);
done:
	ssg_table_free(t);
	ssg_diags_free(d);
	free(bytes);
}

static void test_csv_spectrum_case(void **state)
{
	check_case(*state);
}

/* The suite as vendored has 12 cases, one of them to reject, Debian's
 * the 11 others; fewer means files went missing, which must not pass
 * silently. */
static void test_csv_spectrum_all_cases_present(void **state)
{
	size_t n = *(size_t *)*state;
	assert_true(n >= (vendored ? 12u : 11u));
	if (!vendored)
		return;
	char path[1024];
	snprintf(path, sizeof path, "%s/csvs/%s", spectrum, MUST_REJECT);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fclose(f);
}

/* One test per case, named after it. */
int main(void)
{
	DIR *v = opendir(VENDORED);
	if (v) {
		closedir(v);
	} else {
		spectrum = DEBIAN;
		vendored = false;
		fprintf(stderr, "test_csv_spectrum: no %s: Debian's suite in %s "
				"instead\n",
			VENDORED, DEBIAN);
	}
	size_t n;
	char **names = list_cases(&n);
	struct CMUnitTest *tests = calloc(n + 1, sizeof *tests);
	char **labels = calloc(n + 1, sizeof *labels);
	if (!tests || !labels)
		abort();
	tests[0] = (struct CMUnitTest)cmocka_unit_test_prestate(
		test_csv_spectrum_all_cases_present, &n);
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(names[i]) + 32;
		labels[i] = malloc(k);
		if (!labels[i])
			abort();
		snprintf(labels[i], k, "test_csv_spectrum_%s", names[i]);
		tests[i + 1] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_csv_spectrum_case, names[i]);
		tests[i + 1].name = labels[i];
	}
	int rc = _cmocka_run_group_tests("csv_spectrum", tests, n + 1, NULL,
					 NULL);
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
		free(labels[i]);
	}
	free(names);
	free(labels);
	free(tests);
	return rc;
}
