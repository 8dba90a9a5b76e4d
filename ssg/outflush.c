/*
 * outflush — see outflush.h.
 */
#define _GNU_SOURCE /* syncfs */
#include "outflush.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "err.h"

struct ssg_outflush {
	int fd;
	pthread_t thread;
	/* Every file written counts its bytes without the lock; the lock is
	 * for waking the thread, once a threshold is crossed, and stopping
	 * it. */
	atomic_size_t pending; /* bytes written since the last call */
	pthread_mutex_t lock;
	pthread_cond_t wake;
	size_t calls;
	bool stop;
};

static void *flusher(void *arg)
{
	ssg_outflush *f = arg;
	pthread_mutex_lock(&f->lock);
	for (;;) {
		size_t n;
		while (!f->stop &&
		       (n = atomic_load(&f->pending)) < SSG_OUTFLUSH_BYTES)
			pthread_cond_wait(&f->wake, &f->lock);
		/* Stopped with enough written: one more call, which leaves
		 * the commit's little to do. */
		if ((n = atomic_load(&f->pending)) < SSG_OUTFLUSH_BYTES)
			break;
		/* What is written from now on counts towards the next. */
		atomic_fetch_sub(&f->pending, n);
		pthread_mutex_unlock(&f->lock);
		/* Only a start: a failure here is met again by the
		 * commit's own call, which reports it. */
		(void)syncfs(f->fd);
		pthread_mutex_lock(&f->lock);
		f->calls++;
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

ssg_outflush *ssg_outflush_start(int fd)
{
	ssg_outflush *f = ssg_xcalloc(1, sizeof(*f));
	f->fd = fd;
	atomic_init(&f->pending, 0);
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->wake, NULL);
	if (pthread_create(&f->thread, NULL, flusher, f) != 0) {
		pthread_cond_destroy(&f->wake);
		pthread_mutex_destroy(&f->lock);
		free(f);
		return NULL;
	}
	return f;
}

void ssg_outflush_add(ssg_outflush *f, size_t bytes)
{
	if (!f)
		return;
	size_t before = atomic_fetch_add(&f->pending, bytes);
	/* The thread checks the count under the lock before it waits: a
	 * signal sent under it is not lost. */
	if (before < SSG_OUTFLUSH_BYTES &&
	    before + bytes >= SSG_OUTFLUSH_BYTES) {
		pthread_mutex_lock(&f->lock);
		pthread_cond_signal(&f->wake);
		pthread_mutex_unlock(&f->lock);
	}
}

size_t ssg_outflush_stop(ssg_outflush *f)
{
	if (!f)
		return 0;
	pthread_mutex_lock(&f->lock);
	f->stop = true;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
	size_t calls = f->calls;
	pthread_cond_destroy(&f->wake);
	pthread_mutex_destroy(&f->lock);
	free(f);
	return calls;
}
