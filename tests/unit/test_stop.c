/* stop: the signal handler and the fault tests' stop points, each in a
 * child process (the handler ends processes). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "stop.h"

/* Runs fn in a child; its wait status. */
static int in_child(void (*fn)(void))
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fn();
		_exit(0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return st;
}

static void nothing_held(void)
{
	ssg_stop_install();
	raise(SIGTERM);
	_exit(1); /* not reached */
}

/* With nothing of its own on disk the command ends at once, with the
 * status of a process killed by the signal's number (128 + n). */
static void test_stop_nothing_held_exits_at_once(void **state)
{
	(void)state;
	int st = in_child(nothing_held);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 128 + SIGTERM);
}

static void held_then_second(void)
{
	ssg_stop_install();
	ssg_stop_hold();
	if (ssg_stop_signal() != 0)
		_exit(2);
	raise(SIGINT);
	/* Recorded, not ended: the build unwinds by itself. */
	if (ssg_stop_signal() != SIGINT)
		_exit(3);
	ssg_stop_hold(); /* holds nest */
	ssg_stop_release();
	/* A second signal ends it at once, held or not. */
	raise(SIGHUP);
	_exit(4); /* not reached */
}

/* While something is held the signal is recorded for the build to
 * unwind; a second one ends the process. */
static void test_stop_held_records_then_second_exits(void **state)
{
	(void)state;
	int st = in_child(held_then_second);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 128 + SIGHUP);
}

static void point_second_time(void)
{
	setenv("SSG_TEST_STOP_AT", "write:2", 1);
	ssg_stop_point("other");
	ssg_stop_point("write");
	ssg_stop_point("write"); /* stops here */
	_exit(7);
}

/* SSG_TEST_STOP_AT=NAME:N stops the process (SIGSTOP) the Nth time it
 * reaches point NAME, and only then. */
static void test_stop_point_stops_at_the_nth_time(void **state)
{
	(void)state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		point_second_time();
	int st;
	assert_int_equal(waitpid(pid, &st, WUNTRACED), pid);
	assert_true(WIFSTOPPED(st));
	assert_int_equal(kill(pid, SIGCONT), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stop_nothing_held_exits_at_once),
		cmocka_unit_test(test_stop_held_records_then_second_exits),
		cmocka_unit_test(test_stop_point_stops_at_the_nth_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
