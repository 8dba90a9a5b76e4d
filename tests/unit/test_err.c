/* Tests for err's memory helpers: arrays grown one element at a time and
 * sorted, empty ones included. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "err.h"

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void test_xgrow_keeps_every_element(void **state)
{
	(void)state;
	int *v = NULL;
	size_t n = 0;
	for (int i = 0; i < 5000; i++) {
		v = ssg_xgrow(v, n, sizeof(*v));
		v[n++] = i * 3;
	}
	/* Under AddressSanitizer a write past the room grown fails here. */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (int)i * 3);
	free(v);
}

static void test_xgrow_reallocates_only_at_powers_of_two(void **state)
{
	(void)state;
	int *v = ssg_xgrow(NULL, 0, sizeof(*v));
	v[0] = 7;
	v = ssg_xgrow(v, 1, sizeof(*v));
	v[1] = 8;
	v = ssg_xgrow(v, 2, sizeof(*v));
	int *room = v;
	v[2] = 9;
	/* n = 3: room for 4 was made at n = 2, so nothing moves. */
	assert_ptr_equal(ssg_xgrow(v, 3, sizeof(*v)), room);
	v[3] = 10;
	assert_int_equal(v[0] + v[1] + v[2] + v[3], 34);
	free(v);
}

static void test_sort_takes_empty_and_sorts(void **state)
{
	(void)state;
	/* qsort(NULL, 0, ...) is undefined; UBSan reports it. */
	ssg_sort(NULL, 0, sizeof(int), int_cmp);
	int one = 5;
	ssg_sort(&one, 1, sizeof(int), int_cmp);
	assert_int_equal(one, 5);
	int v[] = {4, -1, 9, 0, 4};
	ssg_sort(v, 5, sizeof(int), int_cmp);
	const int want[] = {-1, 0, 4, 4, 9};
	assert_memory_equal(v, want, sizeof(want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xgrow_keeps_every_element),
		cmocka_unit_test(test_xgrow_reallocates_only_at_powers_of_two),
		cmocka_unit_test(test_sort_takes_empty_and_sorts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
