/*
 * pool — numbered jobs shared by the calling thread and one more thread
 * per further core.
 *
 * Jobs are taken in order, one at a time, by whichever thread is free.
 * Each further thread works with a resource of its own, made for it
 * before it starts (a libgit2 repository object: one may be used by one
 * thread at a time); a thread that cannot have one is not started, and
 * the threads there are do every job.  Results go where the jobs put
 * them, per job, so they need no lock and do not depend on which thread
 * ran what.
 */
#ifndef SSG_POOL_H
#define SSG_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	size_t njobs;
	size_t max_threads; /* the caller's included; capped by the cores */
	void *ctx;
	/* Runs job k with the running thread's resource; false: no thread
	 * takes another job. */
	bool (*run)(void *ctx, void *res, size_t k);
	/* A further thread's resource, or NULL when none can be had.  Jobs
	 * that need none leave both NULL: every thread then runs them with
	 * the resource NULL. */
	void *(*res_new)(void *ctx);
	void (*res_free)(void *res);
} ssg_pool_opts;

typedef struct ssg_pool ssg_pool;

/* Starts the further threads, which take jobs at once, while the caller
 * may do work of its own. */
ssg_pool *ssg_pool_start(const ssg_pool_opts *o);
/* No thread takes another job (a failure outside the jobs). */
void ssg_pool_stop(ssg_pool *p);
/* The caller takes jobs too, with `res`, until none is left; then waits
 * for the other threads and frees the pool. */
void ssg_pool_finish(ssg_pool *p, void *res);

#endif
