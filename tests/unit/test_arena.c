/* Tests for arena (pieces freed at once) and intern (strings stored once,
 * known by id). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "intern.h"

static void test_arena_pieces_are_aligned_and_apart(void **state)
{
	(void)state;
	ssg_arena *a = ssg_arena_new();
	unsigned char *p[200];
	for (size_t i = 0; i < 200; i++) {
		size_t n = 1 + (i * 37) % 300;
		p[i] = ssg_arena_alloc(a, n);
		assert_int_equal((uintptr_t)p[i] % 8, 0);
		memset(p[i], (int)i, n);
	}
	/* No piece was written over by a later one. */
	for (size_t i = 0; i < 200; i++) {
		size_t n = 1 + (i * 37) % 300;
		for (size_t j = 0; j < n; j++)
			assert_int_equal(p[i][j], (unsigned char)i);
	}
	ssg_arena_free(a);
	ssg_arena_free(NULL);
}

static void test_arena_large_piece_keeps_the_block_in_use(void **state)
{
	(void)state;
	ssg_arena *a = ssg_arena_new();
	char *s1 = ssg_arena_alloc(a, 8);
	char *big = ssg_arena_alloc(a, 100000); /* over a block */
	memset(big, 'x', 100000);
	char *s2 = ssg_arena_alloc(a, 8);
	/* Small pieces go on in the block they were using. */
	assert_ptr_equal(s2, s1 + 8);
	char *mid = ssg_arena_alloc(a, 20000); /* over 16 KiB: a block */
	char *s3 = ssg_arena_alloc(a, 8);
	assert_ptr_equal(s3, s2 + 8);
	memset(mid, 'y', 20000);
	/* Blocks grow as the arena fills: 1 KiB, then 2 KiB... */
	char *fill = ssg_arena_alloc(a, 1008); /* past the first block */
	assert_ptr_not_equal(fill, s3 + 8);
	char *s4 = ssg_arena_alloc(a, 1000); /* the second holds both */
	assert_ptr_equal(s4, fill + 1008);
	memset(fill, 'z', 2008);
	ssg_arena_free(a);
}

static void test_arena_strn_copies_and_ends(void **state)
{
	(void)state;
	ssg_arena *a = ssg_arena_new();
	char src[] = "chỉ tiêu";
	const char *c = ssg_arena_strn(a, src, 4);
	src[0] = 'X';
	assert_string_equal(c, "ch\xe1\xbb");
	assert_string_equal(ssg_arena_strn(a, "", 0), "");
	const char *z = ssg_arena_strn(a, "a\0b", 3);
	assert_memory_equal(z, "a\0b\0", 4);
	ssg_arena_free(a);
}

static void test_intern_equal_strings_same_id_and_pointer(void **state)
{
	(void)state;
	ssg_arena *a = ssg_arena_new();
	ssg_intern *t = ssg_intern_new(a);
	char k1[] = "indicators", k2[] = "indicators";
	size_t i1 = ssg_intern_id(t, k1, strlen(k1));
	size_t i2 = ssg_intern_id(t, k2, strlen(k2));
	size_t i3 = ssg_intern_id(t, "tasks", 5);
	assert_int_equal(i1, 0);
	assert_int_equal(i2, 0);
	assert_int_equal(i3, 1);
	assert_ptr_equal(ssg_intern_str(t, i1), ssg_intern_str(t, i2));
	assert_ptr_not_equal(ssg_intern_str(t, i1), k1); /* a copy */
	/* The length counts: a prefix and an embedded NUL are other
	 * strings. */
	size_t p = ssg_intern_id(t, "indicator", 9);
	size_t z = ssg_intern_id(t, "ab\0c", 4), z2 = ssg_intern_id(t, "ab", 2);
	assert_int_not_equal(p, i1);
	assert_int_not_equal(z, z2);
	assert_int_equal(ssg_intern_len(t, z), 4);
	assert_int_equal(ssg_intern_count(t), 5);
	/* The strings belong to the arena: they outlive the table. */
	const char *s = ssg_intern_str(t, i3);
	ssg_intern_free(t);
	assert_string_equal(s, "tasks");
	ssg_arena_free(a);
}

static void test_intern_ids_stay_through_growth(void **state)
{
	(void)state;
	ssg_arena *a = ssg_arena_new();
	ssg_intern *t = ssg_intern_new(a);
	char buf[32];
	for (size_t i = 0; i < 20000; i++) {
		int n = snprintf(buf, sizeof(buf), "data/t%zu.csv", i);
		assert_int_equal(ssg_intern_id(t, buf, (size_t)n), i);
	}
	for (size_t i = 0; i < 20000; i += 7) {
		int n = snprintf(buf, sizeof(buf), "data/t%zu.csv", i);
		assert_int_equal(ssg_intern_id(t, buf, (size_t)n), i);
		assert_string_equal(ssg_intern_str(t, i), buf);
	}
	assert_int_equal(ssg_intern_count(t), 20000);
	ssg_intern_free(t);
	ssg_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_pieces_are_aligned_and_apart),
		cmocka_unit_test(test_arena_large_piece_keeps_the_block_in_use),
		cmocka_unit_test(test_arena_strn_copies_and_ends),
		cmocka_unit_test(test_intern_equal_strings_same_id_and_pointer),
		cmocka_unit_test(test_intern_ids_stay_through_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
