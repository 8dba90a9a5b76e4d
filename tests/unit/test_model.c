/* model: the frame of a value, and lazy maps (a site's commits, made
 * when a page first reads them and framed by their digest). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

/* A source of lazy commits: each made once, when first read. */
typedef struct {
	ssg_model *m;
	const ssg_value *made[3];
	unsigned char sums[3][32];
	int nmade;
} commits;

static ssg_value *commit_of(ssg_model *m, size_t i)
{
	static const char *const msgs[] = {"Sửa chỉ tiêu 5", "Sửa chỉ tiêu 5",
					   "Sửa chỉ tiêu 6"};
	ssg_value *c = ssg_model_map(m);
	ssg_map_set_str(m, c, "oid", "0123456789abcdef");
	ssg_map_set_str(m, c, "message", msgs[i]);
	ssg_value *tags = ssg_model_list(m);
	ssg_list_push(tags, ssg_model_str(m, "v1"));
	ssg_map_set(c, "tags", tags);
	return c;
}

static const ssg_value *commit_make(void *ctx, size_t i)
{
	commits *cs = ctx;
	if (!cs->made[i]) {
		cs->made[i] = commit_of(cs->m, i);
		cs->nmade++;
	}
	return cs->made[i];
}

static const unsigned char *commit_sum(void *ctx, size_t i)
{
	commits *cs = ctx;
	return cs->sums[i];
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

static bool same_frames(const ssg_value *a, const ssg_value *b)
{
	ssg_buf x, y;
	ssg_buf_init(&x);
	ssg_buf_init(&y);
	assert_true(ssg_value_frame(a, &x));
	assert_true(ssg_value_frame(b, &y));
	bool same = x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
	ssg_buf_fini(&x);
	ssg_buf_fini(&y);
	return same;
}

/* A lazy map reads as the map its source makes, made at the first
 * reading only; its frame is its digest, so that a page's key still
 * tells every difference of what it shows without making it. */
static void test_model_lazy_maps_read_and_frame_as_made(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	commits cs = {ssg_model_new(), {NULL}, {{0}}, 0};
	ssg_buf scratch;
	ssg_buf_init(&scratch);
	ssg_model *tmp = ssg_model_new();
	for (size_t i = 0; i < 3; i++)
		assert_true(ssg_value_frame_sum(commit_of(tmp, i), &scratch,
						cs.sums[i]));
	ssg_model_free(tmp);
	ssg_lazy src = {commit_make, commit_sum, &cs};
	ssg_value *c[3];
	for (size_t i = 0; i < 3; i++)
		c[i] = ssg_model_map_lazy(m, &src, i);
	/* Framed, not made. */
	assert_true(same_frames(page(m, c[0], "a"), page(m, c[1], "a")));
	assert_false(same_frames(page(m, c[0], "a"), page(m, c[2], "a")));
	assert_false(same_frames(page(m, c[0], "a"), page(m, c[0], "b")));
	ssg_buf x;
	ssg_buf_init(&x);
	assert_true(ssg_value_frame(c[2], &x));
	assert_int_equal(x.len, 33);
	assert_int_equal(x.data[0], 'h');
	assert_memory_equal(x.data + 1, cs.sums[2], 32);
	assert_int_equal(cs.nmade, 0);
	/* Read: made once, and read as made. */
	assert_int_equal(ssg_value_type(c[2]), SSG_V_MAP);
	assert_int_equal(cs.nmade, 0);
	assert_string_equal(ssg_value_get_str(c[2], "message"),
			    "Sửa chỉ tiêu 6");
	assert_int_equal(ssg_value_len(c[2]), 3);
	assert_string_equal(ssg_value_key_at(c[2], 1), "message");
	assert_ptr_equal(ssg_value_at(c[2], 2), ssg_value_get(c[2], "tags"));
	assert_int_equal(cs.nmade, 1);
	/* Never written through. */
	ssg_map_set_str(m, c[2], "message", "khác");
	assert_string_equal(ssg_value_get_str(c[2], "message"),
			    "Sửa chỉ tiêu 6");
	/* A map over a lazy one answers from what it makes. */
	ssg_value *over = ssg_model_map_over(m, c[1]);
	ssg_map_set_str(m, over, "url", "../x/");
	assert_string_equal(ssg_value_get_str(over, "oid"),
			    "0123456789abcdef");
	assert_int_equal(cs.nmade, 2);
	/* Its digest is the digest of the frame of what it makes. */
	unsigned char sum[32];
	assert_true(ssg_value_frame_sum(cs.made[2], &scratch, sum));
	assert_memory_equal(sum, cs.sums[2], 32);
	ssg_buf_fini(&x);
	ssg_buf_fini(&scratch);
	ssg_model_free(cs.m);
	ssg_model_free(m);
}

/* A source of one lazy list: the tags of a commit. */
static const ssg_value *tags_make(void *ctx, size_t i)
{
	commits *cs = ctx;
	return ssg_value_get(commit_make(cs, i), "tags");
}

/* A lazy list reads as the list its source makes (a template iterates
 * it) and frames as its digest; it is never pushed to. */
static void test_model_lazy_lists_read_and_frame_as_made(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	commits cs = {ssg_model_new(), {NULL}, {{0}}, 0};
	memset(cs.sums[1], 0xab, 32);
	ssg_lazy src = {tags_make, commit_sum, &cs};
	ssg_value *l = ssg_model_list_lazy(m, &src, 1);
	ssg_buf x;
	ssg_buf_init(&x);
	assert_true(ssg_value_frame(l, &x));
	assert_int_equal(x.len, 33);
	assert_int_equal(x.data[0], 'h');
	assert_memory_equal(x.data + 1, cs.sums[1], 32);
	assert_int_equal(cs.nmade, 0);
	assert_int_equal(ssg_value_type(l), SSG_V_LIST);
	assert_int_equal(ssg_value_len(l), 1);
	assert_string_equal(ssg_value_str(ssg_value_at(l, 0)), "v1");
	assert_int_equal(cs.nmade, 1);
	ssg_list_push(l, ssg_model_str(m, "v2"));
	assert_int_equal(ssg_value_len(l), 1);
	assert_int_equal(ssg_value_len(ssg_value_get(cs.made[1], "tags")), 1);
	/* Another digest, another frame. */
	ssg_value *other = ssg_model_list_lazy(m, &src, 2);
	assert_false(same_frames(l, other));
	ssg_buf_fini(&x);
	ssg_model_free(cs.m);
	ssg_model_free(m);
}

/* A map of a given size holds its entries in the model's blocks, and
 * still grows past its size, keeping them in order. */
static void test_model_sized_maps_grow(void **state)
{
	(void)state;
	ssg_model *m = ssg_model_new();
	ssg_value *v = ssg_model_map_sized(m, 2);
	char key[20][16]; /* room for any int: -O1 cannot see i < 20 */
	for (int i = 0; i < 20; i++) {
		snprintf(key[i], sizeof key[i], "k%d", i);
		ssg_map_set(v, key[i], ssg_model_num(m, i));
	}
	ssg_map_set(v, "k1", ssg_model_num(m, 100)); /* replaces */
	assert_int_equal(ssg_value_len(v), 20);
	for (int i = 0; i < 20; i++) {
		assert_string_equal(ssg_value_key_at(v, (size_t)i), key[i]);
		assert_true(ssg_value_num(ssg_value_get(v, key[i])) ==
			    (i == 1 ? 100 : i));
	}
	/* A map over another keeps its base past its own few entries. */
	ssg_value *o = ssg_model_map_over(m, v);
	for (int i = 0; i < 6; i++)
		ssg_map_set(o, key[i], ssg_model_num(m, -i));
	assert_int_equal(ssg_value_len(o), 6);
	assert_true(ssg_value_num(ssg_value_get(o, "k5")) == -5);
	assert_true(ssg_value_num(ssg_value_get(o, "k19")) == 19);
	ssg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_lazy_maps_read_and_frame_as_made),
		cmocka_unit_test(test_model_lazy_lists_read_and_frame_as_made),
		cmocka_unit_test(test_model_sized_maps_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
