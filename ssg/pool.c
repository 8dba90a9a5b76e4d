#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "err.h"

#define MAX_THREADS 8

typedef struct {
	struct ssg_pool *p;
	void *res;
	pthread_t id;
} thread;

struct ssg_pool {
	ssg_pool_opts o;
	size_t next;  /* the next job to take */
	bool stopped;
	pthread_mutex_t lock;
	thread th[MAX_THREADS];
	size_t nth;
};

static bool take(ssg_pool *p, size_t *k)
{
	pthread_mutex_lock(&p->lock);
	bool ok = !p->stopped && p->next < p->o.njobs;
	if (ok)
		*k = p->next++;
	pthread_mutex_unlock(&p->lock);
	return ok;
}

static void work(ssg_pool *p, void *res)
{
	size_t k;
	while (take(p, &k))
		if (!p->o.run(p->o.ctx, res, k))
			ssg_pool_stop(p);
}

static void *thread_main(void *arg)
{
	thread *t = arg;
	work(t->p, t->res);
	return NULL;
}

ssg_pool *ssg_pool_start(const ssg_pool_opts *o)
{
	ssg_pool *p = ssg_xcalloc(1, sizeof(*p));
	p->o = *o;
	pthread_mutex_init(&p->lock, NULL);
	size_t want = o->max_threads < MAX_THREADS ? o->max_threads
						   : MAX_THREADS;
	size_t further = want ? (size_t)ssg_cores((int)want) - 1 : 0;
	if (further > o->njobs)
		further = o->njobs;
	while (p->nth < further) {
		thread *t = &p->th[p->nth];
		t->p = p;
		t->res = o->res_new ? o->res_new(o->ctx) : NULL;
		if (o->res_new && !t->res)
			break;
		if (pthread_create(&t->id, NULL, thread_main, t) != 0) {
			if (o->res_free)
				o->res_free(t->res);
			break;
		}
		p->nth++;
	}
	return p;
}

void ssg_pool_stop(ssg_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->stopped = true;
	pthread_mutex_unlock(&p->lock);
}

void ssg_pool_finish(ssg_pool *p, void *res)
{
	work(p, res);
	for (size_t i = 0; i < p->nth; i++) {
		pthread_join(p->th[i].id, NULL);
		if (p->o.res_free)
			p->o.res_free(p->th[i].res);
	}
	pthread_mutex_destroy(&p->lock);
	free(p);
}
