#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "progress.h"

/* Everything written to f, as a string to free. */
static char *contents(FILE *f)
{
	long n = ftell(f);
	assert_true(n >= 0);
	char *s = calloc(1, (size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	return s;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0)
		;
}

static void test_stats_add_up_each_phase(void **state)
{
	(void)state;
	FILE *tty = tmpfile(), *rep = tmpfile();
	ssg_progress *p = ssg_progress_new(tty, true, rep);
	ssg_progress_phase(p, "history", "commits", 3);
	for (int i = 0; i < 3; i++)
		ssg_progress_add(p, 1, 0);
	ssg_progress_phase(p, "pages", "files", 0);
	ssg_progress_add(p, 2, 1500000);
	ssg_progress_phase(p, "revisions", "files", 0);
	ssg_progress_add(p, 1, 500000);
	/* A phase met again adds to what it had. */
	ssg_progress_phase(p, "pages", "files", 0);
	ssg_progress_add(p, 1, 1000000);
	ssg_progress_note(p, "revision copies: %d kept", 2);
	ssg_progress_end(p);
	ssg_progress_free(p);

	char *r = contents(rep);
	/* Notes come after the table. */
	const char *note = strstr(r, "\nrevision copies: 2 kept\n");
	assert_non_null(note);
	assert_true(note > strstr(r, "\ntotal "));
	assert_non_null(strstr(r, "phase"));
	const char *h = strstr(r, "\nhistory ");
	assert_non_null(h);
	assert_non_null(strstr(h, " 3 commits\n"));
	const char *pg = strstr(r, "\npages ");
	assert_non_null(pg);
	const char *eol = strchr(pg + 1, '\n');
	const char *files = strstr(pg, " 3 files ");
	const char *mb = strstr(pg, " 2.5 MB\n");
	assert_true(files && files < eol);
	assert_true(mb && mb < eol);
	assert_null(strstr(pg + 1, "\npages ")); /* one line for the phase */
	assert_non_null(strstr(r, "\nrevisions "));
	assert_non_null(strstr(r, "\ntotal "));
	assert_non_null(strstr(r, "peak memory "));
	free(r);
	/* Under a second: nothing drawn. */
	char *t = contents(tty);
	assert_string_equal(t, "");
	free(t);
	fclose(tty);
	fclose(rep);
}

static void test_status_line_after_a_second_then_erased(void **state)
{
	(void)state;
	FILE *tty = tmpfile();
	ssg_progress *p = ssg_progress_new(tty, false, NULL);
	ssg_progress_phase(p, "trees", "commits", 200);
	sleep_ms(1100);
	ssg_progress_add(p, 50, 0);
	ssg_progress_end(p);
	ssg_progress_free(p);
	char *t = contents(tty);
	assert_non_null(strstr(t, "\r\033[Kssg: trees 50/200 commits (25%)"));
	/* ends erased: the terminal is left as it was */
	size_t n = strlen(t);
	assert_true(n >= 4);
	assert_string_equal(t + n - 4, "\r\033[K");
	free(t);
	fclose(tty);
}

static void test_null_does_nothing(void **state)
{
	(void)state;
	ssg_progress_phase(NULL, "x", "y", 1);
	ssg_progress_add(NULL, 1, 1);
	ssg_progress_end(NULL);
	ssg_progress_free(NULL);
	/* No stats asked: no table, even with somewhere to print it. */
	FILE *rep = tmpfile();
	ssg_progress *p = ssg_progress_new(NULL, false, rep);
	ssg_progress_phase(p, "pages", "files", 0);
	ssg_progress_add(p, 1, 10);
	ssg_progress_note(p, "%s", "không in");
	ssg_progress_note(NULL, "%s", "không in");
	ssg_progress_end(p);
	ssg_progress_free(p);
	char *r = contents(rep);
	assert_string_equal(r, "");
	free(r);
	fclose(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_add_up_each_phase),
		cmocka_unit_test(test_status_line_after_a_second_then_erased),
		cmocka_unit_test(test_null_does_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
