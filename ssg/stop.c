/*
 * stop — the signal handler of stop.h.  C11 atomics that are lock-free
 * (checked below) may be used in a handler; nothing else is touched there
 * but _exit.
 */
#include "stop.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if ATOMIC_INT_LOCK_FREE != 2
#error "a signal handler needs a lock-free atomic int"
#endif

/* The holds, and EXITING once a signal found none and the process is
 * ending: the two in one word, so that a hold is taken either before
 * that decision (the signal then waits for the build to clean up) or
 * after it (the thread then takes nothing), never in between.  Checked
 * apart, a thread could make its file between the handler's look at
 * the holds and its _exit, and leave it behind. */
#define EXITING (1 << 30)
static atomic_int holds;
static atomic_int received;

static void on_signal(int sig)
{
	int none = 0;
	/* A second signal, or nothing to clean: go now. */
	if (atomic_exchange(&received, sig) != 0 ||
	    atomic_compare_exchange_strong(&holds, &none, EXITING))
		_exit(128 + sig);
}

void ssg_stop_install(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	/* Interrupted reads and writes are resumed: the build notices the
	 * signal at its next step, not as an EINTR in some library. */
	sa.sa_flags = SA_RESTART;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)sigaction(sigs[i], &sa, NULL);
}

void ssg_stop_hold(void)
{
	/* The process is ending (on_signal): what this thread was to make
	 * is not made. */
	if (atomic_fetch_add(&holds, 1) & EXITING)
		for (;;)
			pause();
}

void ssg_stop_release(void)
{
	atomic_fetch_sub(&holds, 1);
}

int ssg_stop_signal(void)
{
	return atomic_load(&received);
}

static pthread_once_t point_once = PTHREAD_ONCE_INIT;
static char point_name[32];
static long point_nth;
static atomic_long point_seen;

static void point_init(void)
{
	const char *v = getenv("SSG_TEST_STOP_AT");
	if (!v)
		return;
	size_t n = strcspn(v, ":");
	if (n == 0 || n >= sizeof(point_name))
		return;
	memcpy(point_name, v, n);
	point_nth = v[n] == ':' ? strtol(v + n + 1, NULL, 10) : 1;
}

void ssg_stop_point(const char *name)
{
	pthread_once(&point_once, point_init);
	if (!point_name[0] || strcmp(name, point_name) != 0)
		return;
	if (atomic_fetch_add(&point_seen, 1) + 1 == point_nth)
		(void)kill(getpid(), SIGSTOP);
}
