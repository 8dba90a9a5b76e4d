/* history ahead — table versions read on another core (history_ahead.h). */
#include "history_ahead.h"

#include <git2.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "history_blobs.h"

/* Read and not taken, at most: a few dozen versions of a big table. */
#define AHEAD_BYTES (8u * 1024 * 1024)

struct ssg_hahead {
	git_repository *g;
	git_odb *odb;
	unsigned char (*ids)[20];
	size_t n;
	git_odb_object **got; /* read and not taken, by index */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	size_t done; /* indexes below it are read (or passed) */
	size_t want; /* the walk takes from here: below it, dropped */
	size_t held; /* bytes of got */
	bool stop;
};

static bool none_at(const unsigned char id[20])
{
	static const unsigned char zero[20];
	return memcmp(id, zero, 20) == 0;
}

/* Blob id, or NULL when the walk must read it itself (it then reports
 * why). */
static git_odb_object *read_blob(git_odb *odb, const unsigned char id[20])
{
	git_oid oid;
	git_oid_fromraw(&oid, id);
	git_odb_object *o = NULL;
	size_t size = 0;
	return ssg_hblobs_raw(odb, &oid, &o, &size) == SSG_HBLOB_OK ? o : NULL;
}

static void *ahead_run(void *arg)
{
	ssg_hahead *a = arg;
	for (size_t i = 0; i < a->n; i++) {
		pthread_mutex_lock(&a->lock);
		/* Within the budget, but never keeping the walk waiting. */
		while (!a->stop && a->held > AHEAD_BYTES && i > a->want)
			pthread_cond_wait(&a->cond, &a->lock);
		bool stop = a->stop, skip = i < a->want;
		pthread_mutex_unlock(&a->lock);
		if (stop)
			break;
		git_odb_object *o = skip || none_at(a->ids[i])
					    ? NULL
					    : read_blob(a->odb, a->ids[i]);
		pthread_mutex_lock(&a->lock);
		if (o && i < a->want) {
			git_odb_object_free(o); /* passed by meanwhile */
			o = NULL;
		}
		a->got[i] = o;
		if (o)
			a->held += git_odb_object_size(o);
		a->done = i + 1;
		pthread_cond_broadcast(&a->cond);
		pthread_mutex_unlock(&a->lock);
	}
	pthread_mutex_lock(&a->lock);
	a->done = a->n; /* stopped: none waits for more */
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

ssg_hahead *ssg_hahead_start(git_repository *g, const unsigned char (*ids)[20],
			     size_t n)
{
	ssg_hahead *a = ssg_xcalloc(1, sizeof(*a));
	if (git_repository_open_ext(&a->g, git_repository_path(g),
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    git_repository_odb(&a->odb, a->g) < 0)
		goto fail;
	a->ids = ssg_xmalloc((n ? n : 1) * sizeof(*a->ids));
	memcpy(a->ids, ids, n * sizeof(*ids));
	a->n = n;
	a->got = ssg_xcalloc(n ? n : 1, sizeof(*a->got));
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->cond, NULL);
	if (pthread_create(&a->thread, NULL, ahead_run, a) != 0) {
		pthread_cond_destroy(&a->cond);
		pthread_mutex_destroy(&a->lock);
		goto fail;
	}
	return a;
fail:
	free(a->got);
	free(a->ids);
	git_odb_free(a->odb);
	git_repository_free(a->g);
	free(a);
	return NULL;
}

/* Drops what was read at [from, to) and not taken (lock held). */
static void drop(ssg_hahead *a, size_t from, size_t to)
{
	for (size_t k = from; k < to && k < a->n; k++)
		if (a->got[k]) {
			a->held -= git_odb_object_size(a->got[k]);
			git_odb_object_free(a->got[k]);
			a->got[k] = NULL;
		}
}

git_odb_object *ssg_hahead_take(ssg_hahead *a, size_t i)
{
	if (!a || i >= a->n)
		return NULL;
	pthread_mutex_lock(&a->lock);
	if (i < a->want) { /* asked again: taken or dropped */
		pthread_mutex_unlock(&a->lock);
		return NULL;
	}
	drop(a, a->want, i);
	a->want = i;
	pthread_cond_broadcast(&a->cond);
	while (a->done <= i)
		pthread_cond_wait(&a->cond, &a->lock);
	git_odb_object *o = a->got[i];
	a->got[i] = NULL;
	if (o)
		a->held -= git_odb_object_size(o);
	a->want = i + 1;
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->lock);
	return o;
}

void ssg_hahead_free(ssg_hahead *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&a->lock);
	a->stop = true;
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	drop(a, 0, a->n);
	pthread_cond_destroy(&a->cond);
	pthread_mutex_destroy(&a->lock);
	free(a->got);
	free(a->ids);
	git_odb_free(a->odb);
	git_repository_free(a->g);
	free(a);
}
