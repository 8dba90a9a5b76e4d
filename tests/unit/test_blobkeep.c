#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "blobkeep.h"
#include "fixture.h"

static const char oid_a[] = "1111111111111111111111111111111111111111";
static const char oid_b[] = "2222222222222222222222222222222222222222";
static const char oid_c[] = "0000000000000000000000000000000000000003";

typedef struct {
	char dir[128];
	char *file;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	if (!f || !fx_mkdtemp(f->dir, sizeof(f->dir), "blobkeep"))
		return -1;
	f->file = fx_path(f->dir, "ssg/content");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	int rc = fx_rmtree(f->dir);
	free(f->file);
	free(f);
	return rc;
}

/* Three blobs kept in f's store, one of them empty. */
static void keep_three(const fx *f)
{
	const ssg_blobkeep_blob v[] = {
		{oid_b, "---\ntitle: b\n---\n", 17},
		{oid_a, "a\0with a NUL", 12},
		{oid_c, "", 0},
	};
	assert_true(ssg_blobkeep_write(f->dir, v, 3));
}

static void test_blobkeep_gives_back_what_was_kept(void **state)
{
	fx *f = *state;
	keep_three(f);
	ssg_blobkeep *k = ssg_blobkeep_read(f->dir);
	assert_int_equal(ssg_blobkeep_count(k), 3);
	const char *a = ssg_blobkeep_find(k, oid_a, 12);
	assert_non_null(a);
	assert_memory_equal(a, "a\0with a NUL", 12);
	assert_int_equal(a[12], '\0');
	const char *b = ssg_blobkeep_find(k, oid_b, 17);
	assert_non_null(b);
	assert_string_equal(b, "---\ntitle: b\n---\n");
	const char *c = ssg_blobkeep_find(k, oid_c, 0);
	assert_non_null(c);
	assert_string_equal(c, "");
	/* Another size, another id, no id: nothing. */
	assert_null(ssg_blobkeep_find(k, oid_a, 11));
	assert_null(ssg_blobkeep_find(
		k, "3333333333333333333333333333333333333333", 12));
	assert_null(ssg_blobkeep_find(k, "1111", 12));
	ssg_blobkeep_free(k);
}

static void test_blobkeep_missing_keeps_nothing(void **state)
{
	fx *f = *state;
	ssg_blobkeep *k = ssg_blobkeep_read(f->dir);
	assert_int_equal(ssg_blobkeep_count(k), 0);
	assert_null(ssg_blobkeep_find(k, oid_a, 12));
	ssg_blobkeep_free(k);
}

/* The file with byte `at` (from its end when negative) changed, or cut
 * to `cut` bytes when cut is not SIZE_MAX: it keeps nothing. */
static void assert_damage_keeps_nothing(const fx *f, long at, size_t cut)
{
	keep_three(f);
	size_t len;
	char *s = fx_slurp(f->file, &len);
	assert_non_null(s);
	if (cut != SIZE_MAX) {
		len = cut;
	} else {
		size_t i = at < 0 ? len - (size_t)-at : (size_t)at;
		s[i] ^= 0x20;
	}
	fx_put_n(f->dir, "ssg/content", s, len);
	free(s);
	ssg_blobkeep *k = ssg_blobkeep_read(f->dir);
	assert_int_equal(ssg_blobkeep_count(k), 0);
	assert_null(ssg_blobkeep_find(k, oid_b, 17));
	ssg_blobkeep_free(k);
}

static void test_blobkeep_damaged_keeps_nothing(void **state)
{
	fx *f = *state;
	assert_damage_keeps_nothing(f, 5, SIZE_MAX);   /* the header */
	assert_damage_keeps_nothing(f, 15, SIZE_MAX);  /* another program */
	assert_damage_keeps_nothing(f, 75, SIZE_MAX);  /* a blob's bytes */
	assert_damage_keeps_nothing(f, 100, SIZE_MAX); /* a blob's id */
	assert_damage_keeps_nothing(f, -2, SIZE_MAX);  /* the CRC */
	assert_damage_keeps_nothing(f, 0, 60);         /* cut short */
	assert_damage_keeps_nothing(f, 0, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_blobkeep_gives_back_what_was_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_blobkeep_missing_keeps_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_blobkeep_damaged_keeps_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
