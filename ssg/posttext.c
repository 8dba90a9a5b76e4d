/*
 * posttext — the posts' texts between their renders and the search index
 * (posttext.h): one lock and one condition for the whole set, since the
 * index takes one post at a time and a render gives one post at a time.
 */
#include "posttext.h"

#include <pthread.h>
#include <stdlib.h>

#include "err.h"

enum { PENDING, GIVEN, NONE };

/* The texts held for the index at most: when it lags behind the renders
 * (a province's revision copies share the cores), a text past this is
 * let go and the index parses that post itself, so that the peak memory
 * does not grow with the number of posts. */
#define HELD_MAX (2u * 1024 * 1024)

struct ssg_posttext {
	pthread_mutex_t lock;
	pthread_cond_t said; /* a post's state left PENDING */
	size_t n;
	unsigned char *state;
	ssg_buf *text;
	bool refused;
	bool waiting; /* the taker waits: a post said wakes it */
	size_t held;  /* bytes of the texts given and not taken */
};

ssg_posttext *ssg_posttext_new(size_t n)
{
	ssg_posttext *t = ssg_xcalloc(1, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->said, NULL);
	t->n = n;
	t->state = ssg_xcalloc(n ? n : 1, 1);
	t->text = ssg_xcalloc(n ? n : 1, sizeof(ssg_buf));
	return t;
}

void ssg_posttext_free(ssg_posttext *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		ssg_buf_fini(&t->text[i]);
	free(t->text);
	free(t->state);
	pthread_cond_destroy(&t->said);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

/* Post i says `state`, with the lock held; the taker is woken by the
 * caller (wake), once for all it said. */
static void say(ssg_posttext *t, size_t i, unsigned char state)
{
	if (t->state[i] == PENDING)
		t->state[i] = state;
}

static void wake(ssg_posttext *t)
{
	if (t->waiting)
		pthread_cond_broadcast(&t->said);
}

/* Post i's text moved in (or let go: refused, or said already), with the
 * lock held; *text is left empty. */
static void put_text(ssg_posttext *t, size_t i, ssg_buf *text)
{
	if (t->refused || t->state[i] != PENDING ||
	    t->held + text->len > HELD_MAX) {
		say(t, i, NONE);
		ssg_buf_clear(text);
		return;
	}
	t->held += text->len;
	t->text[i] = *text;
	ssg_buf_init(text);
	say(t, i, GIVEN);
}

void ssg_posttext_give(ssg_posttext *t, size_t from, size_t n,
		       ssg_buf *text, const bool *has)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->lock);
	for (size_t k = 0; k < n && from + k < t->n; k++) {
		if (has[k])
			put_text(t, from + k, &text[k]);
		else
			say(t, from + k, NONE);
	}
	wake(t);
	pthread_mutex_unlock(&t->lock);
}

void ssg_posttext_close(ssg_posttext *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < t->n; i++)
		say(t, i, NONE);
	wake(t);
	pthread_mutex_unlock(&t->lock);
}

void ssg_posttext_refuse(ssg_posttext *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->lock);
	t->refused = true;
	for (size_t i = 0; i < t->n; i++) {
		ssg_buf_fini(&t->text[i]);
		if (t->state[i] == GIVEN)
			t->state[i] = NONE;
	}
	t->held = 0;
	pthread_mutex_unlock(&t->lock);
}

bool ssg_posttext_take(ssg_posttext *t, size_t i, ssg_buf *out)
{
	if (!t || i >= t->n)
		return false;
	pthread_mutex_lock(&t->lock);
	while (t->state[i] == PENDING) {
		t->waiting = true;
		pthread_cond_wait(&t->said, &t->lock);
		t->waiting = false;
	}
	bool given = t->state[i] == GIVEN;
	ssg_buf mine = t->text[i];
	ssg_buf_init(&t->text[i]);
	t->held -= mine.len;
	t->state[i] = NONE; /* taken once */
	pthread_mutex_unlock(&t->lock);
	if (given && !out->len) {
		ssg_buf_fini(out);
		*out = mine;
		return true;
	}
	if (given)
		ssg_buf_put(out, mine.data ? mine.data : "", mine.len);
	ssg_buf_fini(&mine);
	return given;
}
