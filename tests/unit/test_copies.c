/* Tests for digest (framed SHA-256) and copies (the records of revision
 * copies in .git/ssg/copies). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copies.h"
#include "digest.h"
#include "fixture.h"

static void hex_of(ssg_digest *d, char out[65])
{
	ssg_digest_hex(d, out);
	ssg_digest_free(d);
}

static void digest2(const char *a, const char *b, char out[65])
{
	ssg_digest *d = ssg_digest_new();
	ssg_digest_str(d, a);
	ssg_digest_str(d, b);
	hex_of(d, out);
}

static void test_digest_is_sha256(void **state)
{
	(void)state;
	char h[65];
	hex_of(ssg_digest_new(), h); /* nothing fed: SHA-256 of no bytes */
	assert_string_equal(
		h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* One empty byte string: its frame 'b' and a length of zero. */
	ssg_digest *d = ssg_digest_new();
	ssg_digest_bytes(d, "", 0);
	hex_of(d, h);
	/* printf 'b\0\0\0\0\0\0\0\0' | sha256sum */
	assert_string_equal(
		h, "899b80c8dc11d5c2a65d67a4c3b6f3bebd2a1e990a9f79ac3d3c380533bb7c08");
	/* The same as bytes. */
	d = ssg_digest_new();
	ssg_digest_bytes(d, "", 0);
	unsigned char sum[32], want[32];
	ssg_digest_sum(d, sum);
	ssg_digest_free(d);
	assert_true(ssg_digest_unhex(h, 32, want));
	assert_memory_equal(sum, want, 32);
}

static void test_digest_frames_values(void **state)
{
	(void)state;
	char a[65], b[65], c[65], e[65];
	digest2("ab", "c", a);
	digest2("a", "bc", b);
	assert_string_not_equal(a, b);
	digest2(NULL, "x", c);
	digest2("", "x", e);
	assert_string_not_equal(c, e);
	/* Numbers and strings do not meet either. */
	ssg_digest *d = ssg_digest_new();
	ssg_digest_u64(d, 0);
	hex_of(d, c);
	d = ssg_digest_new();
	ssg_digest_str(d, "");
	hex_of(d, e);
	assert_string_not_equal(c, e);
	/* The same values, the same digest. */
	digest2("ab", "c", c);
	assert_string_equal(a, c);
}

static void test_digest_dup_goes_on(void **state)
{
	(void)state;
	ssg_digest *d = ssg_digest_new();
	ssg_digest_str(d, "chung");
	ssg_digest *k = ssg_digest_dup(d);
	ssg_digest_str(k, "riêng");
	char dk[65], whole[65], rest[65];
	hex_of(k, dk);
	digest2("chung", "riêng", whole);
	assert_string_equal(dk, whole);
	/* d is where it was. */
	ssg_digest_str(d, "khác");
	hex_of(d, rest);
	digest2("chung", "khác", whole);
	assert_string_equal(rest, whole);
}

/* ---- records ---- */

typedef struct {
	char dir[64]; /* stands for a git directory */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!fx_mkdtemp(f->dir, sizeof(f->dir), "copies"))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	int rc = fx_rmtree(f->dir);
	free(f);
	return rc;
}

static char *records(const fixture *f)
{
	char *p = fx_path(f->dir, "ssg/copies");
	char *s = fx_slurp(p, NULL);
	free(p);
	return s;
}

/* Whether c has a record of slug from key with signature sig. */
static bool has(const ssg_copies *c, const char *slug, const char *key,
		const char *sig)
{
	char got[65];
	for (size_t at = 0; ssg_copies_find(c, slug, key, &at, got, NULL);)
		if (!strcmp(got, sig))
			return true;
	return false;
}

/* A 64-digit value made of one hex digit. */
static const char *h(char c)
{
	static char buf[8][65];
	static int n;
	char *b = buf[n++ % 8];
	memset(b, c, 64);
	b[64] = '\0';
	return b;
}

static void test_copies_round_trip(void **state)
{
	fixture *f = *state;
	ssg_copies *c = ssg_copies_read(f->dir); /* no file: no records */
	assert_false(has(c, "v1", h('a'), h('b')));
	ssg_copies_add(c, "v1", h('a'), h('b'), NULL, 0);
	ssg_copies_add(c, "v2", h('c'), h('d'), NULL, 0);
	assert_true(ssg_copies_write(c, f->dir));
	ssg_copies_free(c);
	c = ssg_copies_read(f->dir);
	assert_true(has(c, "v1", h('a'), h('b')));
	assert_true(has(c, "v2", h('c'), h('d')));
	/* Each part must match. */
	assert_false(has(c, "v1", h('a'), h('d')));
	assert_false(has(c, "v1", h('c'), h('b')));
	assert_false(has(c, "v2", h('a'), h('b')));
	ssg_copies_free(c);
}

static void test_copies_keeps_other_trees_and_forgets_gone_tags(void **state)
{
	fixture *f = *state;
	/* Six builds of v1, each into another tree (signature), and one of
	 * v2 at first. */
	for (char t = '0'; t <= '5'; t++) {
		ssg_copies *c = ssg_copies_read(f->dir);
		ssg_copies_add(c, "v1", h('a'), h(t), NULL, 0);
		if (t == '0')
			ssg_copies_add(c, "v2", h('a'), h(t), NULL, 0);
		assert_true(ssg_copies_write(c, f->dir));
		ssg_copies_free(c);
	}
	ssg_copies *c = ssg_copies_read(f->dir);
	/* The four newest trees of v1; v2, not recorded since, is gone. */
	for (char t = '0'; t <= '5'; t++)
		assert_int_equal(has(c, "v1", h('a'), h(t)),
				 t >= '2');
	assert_false(has(c, "v2", h('a'), h('0')));
	ssg_copies_free(c);
	/* A build that keeps a copy as recorded adds no second line. */
	c = ssg_copies_read(f->dir);
	ssg_copies_add(c, "v1", h('a'), h('5'), NULL, 0);
	assert_true(ssg_copies_write(c, f->dir));
	ssg_copies_free(c);
	char *s = records(f);
	size_t lines = 0;
	for (const char *p = s; (p = strchr(p, '\n')); p++)
		lines++;
	assert_int_equal(lines, 4);
	free(s);
}

static void test_copies_ignores_what_is_not_a_record(void **state)
{
	fixture *f = *state;
	char *dir = fx_path(f->dir, "ssg");
	assert_int_equal(mkdir(dir, 0755), 0);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "v1 %s %s\n", h('a'), h('b'));           /* good */
	ssg_buf_printf(&b, "v2 %s %s extra\n", h('a'), h('b'));     /* more */
	ssg_buf_printf(&b, "v3 %s\n", h('a'));                      /* less */
	ssg_buf_printf(&b, "v4 %.63s %s\n", h('a'), h('b'));        /* short */
	ssg_buf_printf(&b, "v5 %.63sG %s\n", h('a'), h('b'));       /* not hex */
	ssg_buf_printf(&b, "../x %s %s\n", h('a'), h('b'));         /* slug */
	ssg_buf_printf(&b, "v6 %s %s", h('a'), h('b'));             /* no \n */
	fx_put(dir, "copies", ssg_buf_cstr(&b));
	ssg_copies *c = ssg_copies_read(f->dir);
	assert_true(has(c, "v1", h('a'), h('b')));
	assert_false(has(c, "v2", h('a'), h('b')));
	assert_false(has(c, "v6", h('a'), h('b')));
	assert_false(has(c, "../x", h('a'), h('b')));
	ssg_copies_free(c);
	/* Not a file of ours: a link is not followed. */
	char *file = fx_path(dir, "copies");
	char *elsewhere = fx_path(f->dir, "elsewhere");
	assert_int_equal(rename(file, elsewhere), 0);
	assert_int_equal(symlink(elsewhere, file), 0);
	c = ssg_copies_read(f->dir);
	assert_false(has(c, "v1", h('a'), h('b')));
	ssg_copies_add(c, "v1", h('c'), h('d'), NULL, 0);
	assert_true(ssg_copies_write(c, f->dir)); /* replaces the link */
	ssg_copies_free(c);
	struct stat st;
	assert_int_equal(lstat(file, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	char *kept = fx_slurp(elsewhere, NULL);
	assert_string_equal(kept, ssg_buf_cstr(&b));
	free(kept);
	/* .git/ssg itself a link: nothing written through it. */
	assert_int_equal(fx_rmtree(dir), 0);
	assert_int_equal(symlink(f->dir, dir), 0);
	c = ssg_copies_read(f->dir);
	ssg_copies_add(c, "v1", h('c'), h('d'), NULL, 0);
	assert_false(ssg_copies_write(c, f->dir));
	ssg_copies_free(c);
	free(elsewhere);
	free(file);
	free(dir);
	ssg_buf_fini(&b);
}

/* A copy made has its manifest in the store, named by its signature
 * (its digest): found with its record while whole, passed by when cut
 * short or changed, and removed once no record names it. */
static void test_copies_manifests(void **state)
{
	fixture *f = *state;
	const char *m1 = "ssg manifest 1\nd 40755 1 0 2 3 .\n";
	const char *m2 = "ssg manifest 1\nd 40755 1 0 2 4 .\n";
	char s1[65], s2[65], got[65];
	ssg_copies_sig(m1, strlen(m1), s1);
	ssg_copies_sig(m2, strlen(m2), s2);
	assert_string_not_equal(s1, s2);
	ssg_copies *c = ssg_copies_read(f->dir);
	ssg_copies_add(c, "v1", h('a'), s1, m1, strlen(m1));
	assert_true(ssg_copies_write(c, f->dir));
	ssg_copies_free(c);
	/* The next build keeps v1 (no manifest to write) and makes v2. */
	c = ssg_copies_read(f->dir);
	ssg_buf m;
	ssg_buf_init(&m);
	size_t at = 0;
	assert_true(ssg_copies_find(c, "v1", h('a'), &at, got, &m));
	assert_string_equal(got, s1);
	assert_string_equal(ssg_buf_cstr(&m), m1);
	assert_false(ssg_copies_find(c, "v1", h('a'), &at, got, &m));
	at = 0;
	assert_false(ssg_copies_find(c, "v1", h('b'), &at, got, &m));
	ssg_copies_add(c, "v1", h('a'), s1, NULL, 0);
	ssg_copies_add(c, "v2", h('a'), s2, m2, strlen(m2));
	assert_true(ssg_copies_write(c, f->dir));
	ssg_copies_free(c);
	/* A manifest changed: not the one its record names. */
	char *p2 = fx_path(f->dir, "ssg/copy-");
	ssg_buf name;
	ssg_buf_init(&name);
	ssg_buf_printf(&name, "%s%s", p2, s2);
	fx_put(f->dir, name.data + strlen(f->dir) + 1, m1);
	c = ssg_copies_read(f->dir);
	at = 0;
	assert_false(ssg_copies_find(c, "v2", h('a'), &at, got, &m));
	at = 0;
	assert_true(ssg_copies_find(c, "v2", h('a'), &at, got, NULL));
	at = 0;
	assert_true(ssg_copies_find(c, "v1", h('a'), &at, got, &m));
	/* v1 gone (its tag deleted) and v2 kept: v1's manifest goes with
	 * its records, v2's stays. */
	ssg_copies_add(c, "v2", h('a'), s2, NULL, 0);
	assert_true(ssg_copies_write(c, f->dir));
	ssg_copies_free(c);
	struct stat st;
	assert_int_equal(stat(name.data, &st), 0);
	ssg_buf_clear(&name);
	ssg_buf_printf(&name, "%s%s", p2, s1);
	assert_int_equal(stat(name.data, &st), -1);
	free(p2);
	ssg_buf_fini(&name);
	ssg_buf_fini(&m);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digest_is_sha256),
		cmocka_unit_test(test_digest_frames_values),
		cmocka_unit_test(test_digest_dup_goes_on),
		T(test_copies_round_trip),
		T(test_copies_manifests),
		T(test_copies_keeps_other_trees_and_forgets_gone_tags),
		T(test_copies_ignores_what_is_not_a_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
