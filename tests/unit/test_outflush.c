#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "outflush.h"

static int open_here(void)
{
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	return fd;
}

/* A tree written below the threshold is left to the commit. */
static void test_outflush_below_threshold_never_calls(void **state)
{
	(void)state;
	int fd = open_here();
	ssg_outflush *f = ssg_outflush_start(fd);
	assert_non_null(f);
	for (int i = 0; i < 1000; i++)
		ssg_outflush_add(f, (SSG_OUTFLUSH_BYTES - 1) / 1000);
	assert_int_equal(ssg_outflush_stop(f), 0);
	close(fd);
}

/* The threshold reached: a call, even when the tree stops at once. */
static void test_outflush_threshold_calls_once(void **state)
{
	(void)state;
	int fd = open_here();
	ssg_outflush *f = ssg_outflush_start(fd);
	assert_non_null(f);
	ssg_outflush_add(f, SSG_OUTFLUSH_BYTES / 2);
	ssg_outflush_add(f, SSG_OUTFLUSH_BYTES - SSG_OUTFLUSH_BYTES / 2);
	assert_int_equal(ssg_outflush_stop(f), 1);
	close(fd);
}

typedef struct {
	ssg_outflush *f;
	int n;
} adder;

static void *add_many(void *arg)
{
	adder *a = arg;
	for (int i = 0; i < a->n; i++)
		ssg_outflush_add(a->f, SSG_OUTFLUSH_BYTES / 8);
	return NULL;
}

/* Writers on several threads: no more calls than thresholds crossed,
 * at least one, and nothing lost or left waiting (make tsan). */
static void test_outflush_from_threads(void **state)
{
	(void)state;
	int fd = open_here();
	ssg_outflush *f = ssg_outflush_start(fd);
	assert_non_null(f);
	adder a = {f, 40};
	pthread_t t[3];
	for (int k = 0; k < 3; k++)
		assert_int_equal(pthread_create(&t[k], NULL, add_many, &a), 0);
	for (int k = 0; k < 3; k++)
		pthread_join(t[k], NULL);
	size_t calls = ssg_outflush_stop(f);
	assert_true(calls >= 1);
	assert_true(calls <= 3 * 40 / 8);
	close(fd);
}

static void test_outflush_null(void **state)
{
	(void)state;
	ssg_outflush_add(NULL, 1);
	assert_int_equal(ssg_outflush_stop(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outflush_below_threshold_never_calls),
		cmocka_unit_test(test_outflush_threshold_calls_once),
		cmocka_unit_test(test_outflush_from_threads),
		cmocka_unit_test(test_outflush_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
