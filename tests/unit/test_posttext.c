/* Tests for posttext (the posts' texts handed from their renders to the
 * search index): what the taker gets for each post, in order, whichever
 * thread gave it and when, and that it never waits for a post that will
 * not come once the set is closed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posttext.h"

static void assert_take(ssg_posttext *t, size_t i, bool want,
			const char *text)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, ">");
	assert_int_equal(ssg_posttext_take(t, i, &b), want);
	assert_string_equal(ssg_buf_cstr(&b), text);
	ssg_buf_fini(&b);
}

/* One post's text given, or none said, as a job of one post would. */
static void give1(ssg_posttext *t, size_t i, ssg_buf *b)
{
	bool has = true;
	ssg_posttext_give(t, i, 1, b, &has);
}

static void none1(ssg_posttext *t, size_t i)
{
	ssg_buf b;
	ssg_buf_init(&b);
	bool has = false;
	ssg_posttext_give(t, i, 1, &b, &has);
}

static void test_posttext_given_none_and_closed(void **state)
{
	(void)state;
	ssg_posttext *t = ssg_posttext_new(4);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, "một");
	give1(t, 0, &b);
	assert_int_equal(b.len, 0); /* moved, left empty */
	none1(t, 1);
	ssg_buf_puts(&b, "");
	give1(t, 2, &b); /* an empty post's text is a text */
	ssg_posttext_close(t);       /* post 3: no render reached it */
	ssg_buf_puts(&b, "muộn");
	give1(t, 3, &b); /* too late: closed */
	assert_take(t, 0, true, ">một");
	assert_take(t, 0, false, ">"); /* taken once */
	assert_take(t, 1, false, ">");
	assert_take(t, 2, true, ">");
	assert_take(t, 3, false, ">");
	assert_take(t, 9, false, ">"); /* no such post */
	ssg_buf_fini(&b);
	ssg_posttext_free(t);

	/* NULL: nothing shared, every take answers at once. */
	assert_take(NULL, 0, false, ">");
	give1(NULL, 0, &b);
	ssg_posttext_close(NULL);
	ssg_posttext_free(NULL);
}

static void test_posttext_refused_lets_go(void **state)
{
	(void)state;
	ssg_posttext *t = ssg_posttext_new(2);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, "a");
	give1(t, 0, &b);
	ssg_posttext_refuse(t);
	ssg_buf_puts(&b, "b");
	give1(t, 1, &b);
	assert_int_equal(b.len, 0);
	assert_take(t, 0, false, ">");
	assert_take(t, 1, false, ">");
	ssg_buf_fini(&b);
	ssg_posttext_free(t); /* LeakSanitizer: nothing held */
}

/* Texts held for an index that lags are bounded (2 MB): past that a
 * post counts as without text; taking frees room again. */
static void test_posttext_held_bounded(void **state)
{
	(void)state;
	enum { M = 100, SIZE = 100 * 1024 };
	ssg_posttext *t = ssg_posttext_new(M + 1);
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < M; i++) {
		for (size_t k = 0; k < SIZE; k++)
			ssg_buf_putc(&b, (char)('a' + i % 26));
		give1(t, i, &b);
	}
	size_t taken = 0;
	ssg_buf got;
	ssg_buf_init(&got);
	for (size_t i = 0; i < M; i++) {
		ssg_buf_clear(&got);
		if (ssg_posttext_take(t, i, &got)) {
			assert_int_equal(got.len, SIZE);
			assert_int_equal(got.data[0], 'a' + i % 26);
			assert_int_equal(taken, i); /* the first ones, in order */
			taken++;
		}
	}
	assert_int_equal(taken, 2 * 1024 * 1024 / SIZE);
	/* All taken: room again. */
	ssg_buf_puts(&b, "sau");
	give1(t, M, &b);
	ssg_buf_clear(&got);
	assert_true(ssg_posttext_take(t, M, &got));
	assert_string_equal(got.data, "sau");
	ssg_buf_fini(&got);
	ssg_buf_fini(&b);
	ssg_posttext_free(t);
}

/* Two renders give posts in chunks, as the posts' pool does, one in
 * five with no text; the index takes them in order as they come. */
enum { N = 3000, CHUNK = 50 };

typedef struct {
	ssg_posttext *t;
	int parity;  /* the chunks this giver renders */
	size_t kept; /* texts left in the giver's hands: none should be */
} giver;

static void *give_chunks(void *arg)
{
	giver *g = arg;
	ssg_buf b[CHUNK];
	bool has[CHUNK];
	for (size_t c = (size_t)g->parity; c * CHUNK < N; c += 2) {
		for (size_t k = 0; k < CHUNK; k++) {
			size_t i = c * CHUNK + k;
			ssg_buf_init(&b[k]);
			has[k] = i % 5 != 3;
			if (has[k])
				ssg_buf_printf(&b[k], "bài %zu", i);
		}
		/* Odd chunks all at once, as a job ends; even ones a post
		 * at a time. */
		if (c % 2) {
			ssg_posttext_give(g->t, c * CHUNK, CHUNK, b, has);
		} else {
			for (size_t k = 0; k < CHUNK; k++) {
				if (has[k])
					give1(g->t, c * CHUNK + k, &b[k]);
				else
					none1(g->t, c * CHUNK + k);
			}
		}
		for (size_t k = 0; k < CHUNK; k++) {
			g->kept += b[k].len != 0; /* moved or let go */
			ssg_buf_fini(&b[k]);
		}
	}
	return NULL;
}

static void *close_later(void *arg)
{
	ssg_posttext_close(arg);
	return NULL;
}

static void test_posttext_across_threads(void **state)
{
	(void)state;
	for (int round = 0; round < 5; round++) {
		ssg_posttext *t = ssg_posttext_new(N);
		giver g[2] = {{t, 0, 0}, {t, 1, 0}};
		pthread_t th[2];
		for (int k = 0; k < 2; k++)
			assert_int_equal(pthread_create(&th[k], NULL,
							give_chunks, &g[k]),
					 0);
		char want[32];
		for (size_t i = 0; i < N; i++) {
			snprintf(want, sizeof(want), ">bài %zu", i);
			assert_take(t, i, i % 5 != 3, i % 5 == 3 ? ">" : want);
		}
		for (int k = 0; k < 2; k++) {
			assert_int_equal(pthread_join(th[k], NULL), 0);
			assert_int_equal(g[k].kept, 0);
		}
		ssg_posttext_free(t);
	}
	/* A taker waiting for a post no render reaches is let go by the
	 * close. */
	ssg_posttext *t = ssg_posttext_new(1);
	pthread_t c;
	assert_int_equal(pthread_create(&c, NULL, close_later, t), 0);
	assert_take(t, 0, false, ">");
	assert_int_equal(pthread_join(c, NULL), 0);
	ssg_posttext_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_posttext_given_none_and_closed),
		cmocka_unit_test(test_posttext_refused_lets_go),
		cmocka_unit_test(test_posttext_held_bounded),
		cmocka_unit_test(test_posttext_across_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
