/* model: the frame of a value, whole and with values framed once (the
 * memo a site makes of its commits for its pages' keys). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

/* A commit as pages show it, with a message of its own. */
static ssg_value *commit(ssg_model *m, const char *msg)
{
	ssg_value *c = ssg_model_map(m);
	ssg_map_set_str(m, c, "oid", "0123456789abcdef");
	ssg_map_set_str(m, c, "message", msg);
	ssg_value *tags = ssg_model_list(m);
	ssg_list_push(tags, ssg_model_str(m, "v1"));
	ssg_map_set(c, "tags", tags);
	return c;
}

/* A page with two events of commit c. */
static ssg_value *page(ssg_model *m, const ssg_value *c, const char *key)
{
	ssg_value *p = ssg_model_map(m);
	ssg_value *evs = ssg_model_list(m);
	for (int i = 0; i < 2; i++) {
		ssg_value *e = ssg_model_map(m);
		ssg_map_set_str(m, e, "key", key);
		ssg_map_set(e, "commit", c);
		ssg_list_push(evs, e);
	}
	ssg_map_set(p, "events", evs);
	return p;
}

static bool same_frames(const ssg_value *a, const ssg_value *b,
			const ssg_frame_memo *memo)
{
	ssg_buf x, y;
	ssg_buf_init(&x);
	ssg_buf_init(&y);
	assert_true(ssg_value_frame_memo(a, &x, memo));
	assert_true(ssg_value_frame_memo(b, &y, memo));
	bool same = x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
	ssg_buf_fini(&x);
	ssg_buf_fini(&y);
	return same;
}

/* Two values framed once give the same bytes exactly when their frames
 * are the same: a page's key still tells every difference of what it
 * shows, however deep in a commit it is. */
static void test_model_memo_frames_as_the_value_does(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_value *c1 = commit(m, "Sửa chỉ tiêu 5");
	ssg_value *c2 = commit(m, "Sửa chỉ tiêu 5");
	ssg_value *c3 = commit(m, "Sửa chỉ tiêu 6");
	ssg_frame_memo *memo = ssg_frame_memo_new();
	ssg_frame_memo_add(memo, c1);
	ssg_frame_memo_add(memo, c2);
	ssg_frame_memo_add(memo, c3);
	ssg_frame_memo_add(memo, c3); /* once is enough */
	assert_true(same_frames(page(m, c1, "a"), page(m, c2, "a"), memo));
	assert_false(same_frames(page(m, c1, "a"), page(m, c3, "a"), memo));
	assert_false(same_frames(page(m, c1, "a"), page(m, c1, "b"), memo));
	/* A commit framed once is not its plain frame... */
	ssg_buf x, y;
	ssg_buf_init(&x);
	ssg_buf_init(&y);
	ssg_value *p = page(m, c1, "a");
	assert_true(ssg_value_frame_memo(p, &x, memo));
	assert_true(ssg_value_frame(p, &y));
	assert_true(x.len < y.len);
	/* ...and without a memo, or for a value not in it, it is. */
	ssg_buf_clear(&x);
	assert_true(ssg_value_frame_memo(p, &x, NULL));
	assert_int_equal(x.len, y.len);
	assert_memory_equal(x.data, y.data, x.len);
	ssg_value *c4 = commit(m, "Sửa chỉ tiêu 5");
	assert_false(same_frames(page(m, c1, "a"), page(m, c4, "a"), memo));
	assert_true(same_frames(page(m, c4, "a"), page(m, c4, "a"), memo));
	/* Many: the table grows and still finds each. */
	ssg_frame_memo *big = ssg_frame_memo_new();
	ssg_value *cs[3000];
	for (int i = 0; i < 3000; i++) {
		char msg[32];
		snprintf(msg, sizeof(msg), "commit %d", i % 1500);
		cs[i] = commit(m, msg);
		ssg_frame_memo_add(big, cs[i]);
	}
	for (int i = 0; i < 1500; i++) {
		assert_true(same_frames(cs[i], cs[i + 1500], big));
		assert_false(same_frames(cs[i], cs[(i + 1) % 1500], big));
	}
	ssg_buf_fini(&x);
	ssg_buf_fini(&y);
	ssg_frame_memo_free(big);
	ssg_frame_memo_free(memo);
	ssg_frame_memo_free(NULL);
	ssg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_memo_frames_as_the_value_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
