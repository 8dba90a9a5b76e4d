#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

#define N 200

typedef struct {
	int ran[N];        /* times each job ran */
	void *res_of[N];   /* the resource it ran with */
	size_t stop_at;    /* job whose run returns false; N: none */
	int made, freed;   /* resources */
	bool refuse;       /* res_new gives none */
	pthread_mutex_t lock;
} counts;

static bool run(void *ctx, void *res, size_t k)
{
	counts *c = ctx;
	pthread_mutex_lock(&c->lock);
	c->ran[k]++;
	c->res_of[k] = res;
	pthread_mutex_unlock(&c->lock);
	return k != c->stop_at;
}

static void *res_new(void *ctx)
{
	counts *c = ctx;
	if (c->refuse)
		return NULL;
	pthread_mutex_lock(&c->lock);
	c->made++;
	pthread_mutex_unlock(&c->lock);
	return malloc(1);
}

static void res_free(void *res)
{
	free(res);
}

static counts *counts_new(void)
{
	counts *c = calloc(1, sizeof(*c));
	c->stop_at = N;
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

static void counts_free(counts *c)
{
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static void test_pool_runs_every_job_once(void **state)
{
	(void)state;
	counts *c = counts_new();
	int mine;
	ssg_pool_opts o = {N, 4, c, run, res_new, res_free};
	ssg_pool_finish(ssg_pool_start(&o), &mine);
	for (size_t k = 0; k < N; k++) {
		assert_int_equal(c->ran[k], 1);
		assert_non_null(c->res_of[k]);
	}
	counts_free(c);
}

static void test_pool_without_resources_the_caller_does_all(void **state)
{
	(void)state;
	counts *c = counts_new();
	c->refuse = true;
	int mine;
	ssg_pool_opts o = {N, 4, c, run, res_new, res_free};
	ssg_pool_finish(ssg_pool_start(&o), &mine);
	for (size_t k = 0; k < N; k++) {
		assert_int_equal(c->ran[k], 1);
		assert_ptr_equal(c->res_of[k], &mine);
	}
	counts_free(c);
}

static void test_pool_one_thread_stops_after_a_failed_job(void **state)
{
	(void)state;
	counts *c = counts_new();
	c->stop_at = 10;
	int mine;
	ssg_pool_opts o = {N, 1, c, run, res_new, res_free};
	ssg_pool_finish(ssg_pool_start(&o), &mine);
	assert_int_equal(c->made, 0); /* one thread: the caller's */
	for (size_t k = 0; k < N; k++)
		assert_int_equal(c->ran[k], k <= 10);
	counts_free(c);
}

static void test_pool_stopped_before_the_caller_joins(void **state)
{
	(void)state;
	counts *c = counts_new();
	c->refuse = true; /* no further thread took anything */
	int mine;
	ssg_pool_opts o = {N, 2, c, run, res_new, res_free};
	ssg_pool *p = ssg_pool_start(&o);
	ssg_pool_stop(p);
	ssg_pool_finish(p, &mine);
	for (size_t k = 0; k < N; k++)
		assert_int_equal(c->ran[k], 0);
	counts_free(c);
}

/* Jobs that need no resource (res_new NULL) run on every thread there
 * is, each once, with the resource NULL. */
static void test_pool_jobs_without_a_resource(void **state)
{
	(void)state;
	counts *c = counts_new();
	ssg_pool_opts o = {N, 2, c, run, NULL, NULL};
	ssg_pool_finish(ssg_pool_start(&o), NULL);
	for (size_t k = 0; k < N; k++) {
		assert_int_equal(c->ran[k], 1);
		assert_null(c->res_of[k]);
	}
	assert_int_equal(c->made, 0);
	counts_free(c);
}

static void test_pool_no_jobs_no_threads(void **state)
{
	(void)state;
	counts *c = counts_new();
	int mine;
	ssg_pool_opts o = {0, 8, c, run, res_new, res_free};
	ssg_pool_finish(ssg_pool_start(&o), &mine);
	assert_int_equal(c->made, 0);
	counts_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_runs_every_job_once),
		cmocka_unit_test(test_pool_without_resources_the_caller_does_all),
		cmocka_unit_test(test_pool_one_thread_stops_after_a_failed_job),
		cmocka_unit_test(test_pool_stopped_before_the_caller_joins),
		cmocka_unit_test(test_pool_jobs_without_a_resource),
		cmocka_unit_test(test_pool_no_jobs_no_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
