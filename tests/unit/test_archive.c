/* Tests for archive: a zip of the site, sorted, dated and byte-stable. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "archive.h"
#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "out.h"

typedef struct {
	char base[64];
	char site[96];
	ssg_diags *d;
} fixture;

/* Writes site/rel. */
#define put(f, rel, text) fx_put((f)->site, rel, text)

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!fx_mkdtemp(f->base, sizeof(f->base), "archive"))
		return -1;
	snprintf(f->site, sizeof(f->site), "%s/site", f->base);
	f->d = ssg_diags_new();
	put(f, SSG_OUT_MARKER, "marker\n");
	put(f, "index.html", "<!doctype html><title>Tổng quan</title>\n");
	put(f, "tasks/index.html", "<p>Nhiệm vụ</p>\n");
	put(f, "data/indicators.csv", "id,name\n1,Tỷ lệ gia đình văn hóa\n");
	put(f, "a-first/index.html", "<p>a</p>\n");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	int rc = fx_rmtree(f->base);
	ssg_diags_free(f->d);
	free(f);
	return rc;
}

/* 2024-07-02 09:00:00 as a wall clock. */
static const long long july = 1719910800LL;

/* Writes the site as base/site.zip dated `when` and opens it; *zp gets
 * the zip's path (to free). */
static zip_t *write_and_open(fixture *f, long long when, char **zp)
{
	*zp = fx_path(f->base, "site.zip");
	assert_int_equal(ssg_archive_write(f->site, *zp, when, f->d), SSG_OK);
	int err = 0;
	zip_t *za = zip_open(*zp, ZIP_RDONLY, &err);
	assert_non_null(za);
	return za;
}

static void test_archive_lists_every_file_sorted_without_marker(void **state)
{
	fixture *f = *state;
	char *zp;
	zip_t *za = write_and_open(f, july, &zp);
	static const char *const want[] = {
		"a-first/index.html", "data/indicators.csv", "index.html",
		"tasks/index.html"};
	assert_int_equal(zip_get_num_entries(za, 0), 4);
	for (zip_uint64_t i = 0; i < 4; i++)
		assert_string_equal(zip_get_name(za, i, 0), want[i]);
	zip_close(za);
	free(zp);
}

static void test_archive_holds_the_file_bytes(void **state)
{
	fixture *f = *state;
	char *zp;
	zip_t *za = write_and_open(f, july, &zp);
	zip_file_t *zf = zip_fopen(za, "data/indicators.csv", 0);
	assert_non_null(zf);
	char got[128] = {0};
	zip_int64_t n = zip_fread(zf, got, sizeof(got) - 1);
	zip_fclose(zf);
	char *disk = fx_path(f->site, "data/indicators.csv");
	size_t len;
	char *want = fx_slurp(disk, &len);
	assert_int_equal(n, (zip_int64_t)len);
	assert_memory_equal(got, want, len);
	free(want);
	free(disk);
	zip_close(za);
	free(zp);
}

static void test_archive_entries_carry_given_date_and_mode(void **state)
{
	fixture *f = *state;
	char *zp;
	zip_t *za = write_and_open(f, july, &zp);
	for (zip_uint64_t i = 0; i < 4; i++) {
		zip_stat_t st;
		assert_int_equal(zip_stat_index(za, i, 0, &st), 0);
		/* libzip reads DOS dates back as local time. */
		struct tm tm;
		localtime_r(&st.mtime, &tm);
		assert_int_equal(tm.tm_year + 1900, 2024);
		assert_int_equal(tm.tm_mon + 1, 7);
		assert_int_equal(tm.tm_mday, 2);
		assert_int_equal(tm.tm_hour, 9);
		zip_uint8_t os;
		zip_uint32_t attr;
		assert_int_equal(
			zip_file_get_external_attributes(za, i, 0, &os, &attr),
			0);
		assert_int_equal(os, ZIP_OPSYS_UNIX);
		assert_int_equal((attr >> 16) & 07777, 0644);
	}
	zip_close(za);
	free(zp);
}

static void test_archive_date_before_1980_is_held_at_1980(void **state)
{
	fixture *f = *state;
	char *zp;
	zip_t *za = write_and_open(f, 0, &zp);
	zip_stat_t st;
	assert_int_equal(zip_stat_index(za, 0, 0, &st), 0);
	struct tm tm;
	localtime_r(&st.mtime, &tm);
	assert_int_equal(tm.tm_year + 1900, 1980);
	assert_int_equal(tm.tm_mon, 0);
	assert_int_equal(tm.tm_mday, 1);
	zip_close(za);
	free(zp);
}

/* The files' own dates and modes, the umask and the time zone change;
 * the zip does not. */
static void test_archive_is_byte_identical_across_runs(void **state)
{
	fixture *f = *state;
	char *a = fx_path(f->base, "a.zip");
	char *b = fx_path(f->base, "b.zip");
	assert_int_equal(ssg_archive_write(f->site, a, july, f->d), SSG_OK);
	char *idx = fx_path(f->site, "index.html");
	struct timeval tv[2] = {{1000000000, 0}, {1000000000, 0}};
	assert_int_equal(utimes(idx, tv), 0);
	assert_int_equal(chmod(idx, 0600), 0);
	mode_t old = umask(077);
	setenv("TZ", "America/New_York", 1);
	tzset();
	assert_int_equal(ssg_archive_write(f->site, b, july, f->d), SSG_OK);
	umask(old);
	unsetenv("TZ");
	tzset();
	size_t la, lb;
	char *za = fx_slurp(a, &la), *zb = fx_slurp(b, &lb);
	assert_non_null(za);
	assert_non_null(zb);
	assert_int_equal(la, lb);
	assert_memory_equal(za, zb, la);
	struct stat st;
	assert_int_equal(stat(b, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	free(za);
	free(zb);
	free(idx);
	free(a);
	free(b);
}

static void test_archive_differs_when_a_file_changes(void **state)
{
	fixture *f = *state;
	char *a = fx_path(f->base, "a.zip");
	char *b = fx_path(f->base, "b.zip");
	assert_int_equal(ssg_archive_write(f->site, a, july, f->d), SSG_OK);
	put(f, "tasks/index.html", "<p>Nhiệm vụ đã sửa</p>\n");
	assert_int_equal(ssg_archive_write(f->site, b, july, f->d), SSG_OK);
	size_t la, lb;
	char *za = fx_slurp(a, &la), *zb = fx_slurp(b, &lb);
	assert_true(la != lb || memcmp(za, zb, la) != 0);
	free(za);
	free(zb);
	free(a);
	free(b);
}

static void test_archive_refuses_a_symbolic_link(void **state)
{
	fixture *f = *state;
	char *l = fx_path(f->site, "etc");
	assert_int_equal(symlink("/etc", l), 0);
	char *zp = fx_path(f->base, "site.zip");
	assert_int_equal(ssg_archive_write(f->site, zp, july, f->d),
			 SSG_ERR_ENV);
	assert_int_equal(ssg_diags_env_errors(f->d), 1);
	struct stat st;
	assert_int_equal(stat(zp, &st), -1);
	free(zp);
	free(l);
}

static void test_archive_failure_keeps_previous_zip(void **state)
{
	fixture *f = *state;
	char *zp = fx_path(f->base, "site.zip");
	assert_int_equal(ssg_archive_write(f->site, zp, july, f->d), SSG_OK);
	size_t l1;
	char *before = fx_slurp(zp, &l1);
	assert_int_equal(ssg_archive_write("/nonexistent-ssg-site", zp, july,
					   f->d),
			 SSG_ERR_ENV);
	size_t l2;
	char *after = fx_slurp(zp, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(before, after, l1);
	/* No temporary file is left beside it. */
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "test $(ls '%s' | wc -l) -eq 2", f->base);
	assert_int_equal(system(cmd), 0);
	free(before);
	free(after);
	free(zp);
}

static void test_archive_of_empty_site_is_refused(void **state)
{
	fixture *f = *state;
	char *empty = fx_path(f->base, "empty");
	assert_int_equal(mkdir(empty, 0755), 0);
	char *zp = fx_path(f->base, "e.zip");
	assert_int_equal(ssg_archive_write(empty, zp, july, f->d),
			 SSG_ERR_ENV);
	assert_int_equal(ssg_diags_env_errors(f->d), 1);
	free(zp);
	free(empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_archive_lists_every_file_sorted_without_marker,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_archive_holds_the_file_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_archive_entries_carry_given_date_and_mode, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_archive_date_before_1980_is_held_at_1980, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_archive_is_byte_identical_across_runs, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_archive_differs_when_a_file_changes, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_archive_refuses_a_symbolic_link, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_archive_failure_keeps_previous_zip, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_archive_of_empty_site_is_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
