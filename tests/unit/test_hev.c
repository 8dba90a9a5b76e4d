/* Tests for hev (an event's one list of members): the history cache, the
 * digest of the copies' key and the JSON writer each see a change of
 * every member of every kind of event. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "fixture.h"
#include "hev.h"
#include "history.h"
#include "history_cache.h"
#include "history_out.h"

static char base[256];

static int setup(void **state)
{
	(void)state;
	return fx_mkdtemp(base, sizeof(base), "hev") ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

static const char *const cols[] = {"a", "b"}, *const cols2[] = {"a", "c"};
static const char *const vals[] = {"1", "2"}, *const vals2[] = {"1", "3"};

/* Every member set, whatever the kind. */
static ssg_hev full(ssg_hev_kind k)
{
	ssg_hev e;
	memset(&e, 0, sizeof(e));
	e.table = "t";
	e.key = "k1";
	e.kind = k;
	e.ncols = 2;
	e.cols = cols;
	e.vals = vals;
	e.field = "f";
	e.old = "o";
	e.new_ = "n";
	e.error = "e";
	e.commit = 0;
	return e;
}

/* e with member f changed. */
static ssg_hev changed(ssg_hev e, const ssg_hev_field *f)
{
	switch (f->form) {
	case SSG_HEVF_KIND:
		ssg_hev_set_num(&e, f, (e.kind + 1) % SSG_HEV_NKINDS);
		break;
	case SSG_HEVF_NAME:
	case SSG_HEVF_STR:
		ssg_hev_set_str(&e, f, "other");
		break;
	case SSG_HEVF_WIDTH:
		ssg_hev_set_num(&e, f, 1);
		break;
	case SSG_HEVF_NAMES:
		ssg_hev_set_strs(&e, f, cols2);
		break;
	case SSG_HEVF_VALUES:
		ssg_hev_set_strs(&e, f, vals2);
		break;
	case SSG_HEVF_COMMIT:
		ssg_hev_set_num(&e, f, 1);
		break;
	}
	return e;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Member by member, through the list. */
static bool same(const ssg_hev *a, const ssg_hev *b)
{
	for (size_t i = 0; i < ssg_hev_nfields; i++) {
		const ssg_hev_field *f = &ssg_hev_fields[i];
		switch (f->form) {
		case SSG_HEVF_KIND:
		case SSG_HEVF_WIDTH:
		case SSG_HEVF_COMMIT:
			if (ssg_hev_num(a, f) != ssg_hev_num(b, f))
				return false;
			break;
		case SSG_HEVF_NAME:
		case SSG_HEVF_STR:
			if (!same_str(ssg_hev_str(a, f), ssg_hev_str(b, f)))
				return false;
			break;
		case SSG_HEVF_NAMES:
		case SSG_HEVF_VALUES:
			for (size_t j = 0; j < a->ncols; j++)
				if (!same_str(ssg_hev_strs(a, f)[j],
					      ssg_hev_strs(b, f)[j]))
					return false;
			break;
		}
	}
	return true;
}

static void digest_of(const ssg_hev *e, char out[65])
{
	ssg_digest *d = ssg_digest_new();
	ssg_hev_digest(d, e);
	ssg_digest_hex(d, out);
	ssg_digest_free(d);
}

static ssg_hcommit commits[2];

static char *json_of(const ssg_hev *e)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_hout_event_json(&b, e, &commits[e->commit]);
	return ssg_buf_detach(&b);
}

/* Memory of a read cache: every piece kept to be freed. */
static void *pieces[4096];
static size_t npieces;

static void *keep(void *p)
{
	assert_true(npieces < sizeof(pieces) / sizeof(pieces[0]));
	return pieces[npieces++] = p;
}

/* The bytes of each cache read, which its strings are. */
static struct {
	unsigned char *raw;
	size_t n;
} files[256];
static size_t nfiles;

static void *mem_alloc(void *ctx, size_t n)
{
	(void)ctx;
	return keep(ssg_xmalloc(n));
}

/* e through a cache file and back. */
static ssg_hev round_trip(const ssg_hev *e)
{
	char *file = fx_path(base, "hev.cache");
	ssg_hcommit kc[2] = {commits[0], commits[1]};
	kc[0].touched = kc[1].touched = true;
	kc[e->commit].nevents = 1;
	kc[1].first_event = kc[0].nevents;
	ssg_hcache c;
	memset(&c, 0, sizeof(c));
	c.ncommits = 2;
	c.commits = kc;
	c.ev = (ssg_hev *)e;
	c.nev = 1;
	assert_true(ssg_hcache_write(file, &c, NULL));
	ssg_hcache_mem mem = {NULL, mem_alloc};
	ssg_hcache r;
	assert_true(ssg_hcache_read(file, 0, &mem, &r));
	assert_int_equal(r.nev, 1);
	ssg_hev got = r.ev[0];
	assert_true(nfiles < sizeof(files) / sizeof(files[0]));
	files[nfiles].raw = r.raw;
	files[nfiles++].n = r.nraw;
	r.raw = NULL;
	ssg_hcache_fini(&r);
	free(file);
	return got;
}

/* The JSON writes the row's width and names with its values. */
static unsigned json_kinds(const ssg_hev_field *f)
{
	if (f->form != SSG_HEVF_WIDTH && f->form != SSG_HEVF_NAMES)
		return f->json_kinds;
	for (size_t i = 0; i < ssg_hev_nfields; i++)
		if (ssg_hev_fields[i].form == SSG_HEVF_VALUES)
			return ssg_hev_fields[i].json_kinds;
	fail_msg("the list has no row values");
	return 0;
}

static void test_hev_every_member_reaches_cache_digest_and_json(void **state)
{
	(void)state;
	for (int k = 0; k < SSG_HEV_NKINDS; k++) {
		ssg_hev e = full((ssg_hev_kind)k);
		char de[65];
		digest_of(&e, de);
		char *je = json_of(&e);
		for (size_t i = 0; i < ssg_hev_nfields; i++) {
			const ssg_hev_field *f = &ssg_hev_fields[i];
			ssg_hev v = changed(e, f);
			assert_false(same(&e, &v));
			char dv[65];
			digest_of(&v, dv);
			if (!strcmp(de, dv))
				fail_msg("the digest misses %s", f->member);
			ssg_hev back = round_trip(&v);
			if (!same(&back, &v))
				fail_msg("the cache misses %s", f->member);
			char *jv = json_of(&v);
			bool shown = json_kinds(f) & SSG_HEV_BIT(k);
			if (shown && !strcmp(je, jv))
				fail_msg("the JSON misses %s of a %s event",
					 f->member, ssg_hev_kind_name(e.kind));
			if (!shown && f->form != SSG_HEVF_KIND && strcmp(je, jv))
				fail_msg("the JSON shows %s of a %s event",
					 f->member, ssg_hev_kind_name(e.kind));
			free(jv);
		}
		free(je);
	}
	while (npieces)
		free(pieces[--npieces]);
	while (nfiles) {
		nfiles--;
		ssg_hcache_bytes_free(files[nfiles].raw, files[nfiles].n);
	}
}

/* The cache reads the row's width before its names and values. */
static void test_hev_row_width_comes_first(void **state)
{
	(void)state;
	size_t width = SIZE_MAX, names = SIZE_MAX, values = SIZE_MAX;
	for (size_t i = 0; i < ssg_hev_nfields; i++) {
		if (ssg_hev_fields[i].form == SSG_HEVF_WIDTH)
			width = i;
		if (ssg_hev_fields[i].form == SSG_HEVF_NAMES)
			names = i;
		if (ssg_hev_fields[i].form == SSG_HEVF_VALUES)
			values = i;
	}
	assert_true(width < names && width < values && values != SIZE_MAX);
	/* Members are named as in the struct. */
	assert_string_equal(ssg_hev_fields[0].member, "table");
	assert_int_equal(ssg_hev_fields[0].offset, offsetof(ssg_hev, table));
}

/* The lines of contract section 3, one of each kind. */
static void test_hev_json_of_each_kind(void **state)
{
	(void)state;
	static const char *const want[] = {
		"{\"table\":\"t\",\"id\":\"k1\",\"change\":\"added\","
		"\"new\":{\"a\":\"1\",\"b\":\"2\"},",
		"{\"table\":\"t\",\"id\":\"k1\",\"change\":\"removed\","
		"\"old\":{\"a\":\"1\",\"b\":\"2\"},",
		"{\"table\":\"t\",\"id\":\"k1\",\"change\":\"changed\","
		"\"field\":\"f\",\"old\":\"o\",\"new\":\"n\",",
		"{\"table\":\"t\",\"id\":\"k1\",\"change\":\"schema\","
		"\"field\":\"f\",\"old\":\"o\",\"new\":\"n\",",
		"{\"table\":\"t\",\"id\":\"k1\",\"change\":\"gap\","
		"\"error\":\"e\",",
	};
	const char *tail = "\"commit\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
			   "\"date\":\"2024-07-02T09:00:00+07:00\","
			   "\"author\":\"An\",\"message\":\"m\\n\\\"q\\\"\"}\n";
	for (int k = 0; k < SSG_HEV_NKINDS; k++) {
		ssg_hev e = full((ssg_hev_kind)k);
		char *j = json_of(&e);
		ssg_buf w;
		ssg_buf_init(&w);
		ssg_buf_puts(&w, want[k]);
		ssg_buf_puts(&w, tail);
		assert_string_equal(j, ssg_buf_cstr(&w));
		ssg_buf_fini(&w);
		free(j);
	}
	/* A member that is NULL is left out. */
	ssg_hev e = full(SSG_HEV_SCHEMA);
	e.key = NULL;
	e.old = NULL;
	char *j = json_of(&e);
	assert_non_null(strstr(j, "{\"table\":\"t\",\"change\":\"schema\","
				  "\"field\":\"f\",\"new\":\"n\",\"commit\""));
	free(j);
}

int main(void)
{
	memset(commits, 0, sizeof(commits));
	memset(commits[0].oid, 'a', 40);
	memset(commits[1].oid, 'b', 40);
	commits[0].time = commits[1].time = 1719885600; /* 2024-07-02 02:00Z */
	commits[0].offset = commits[1].offset = 420;
	commits[0].author = commits[1].author = "An";
	commits[0].email = commits[1].email = "an@example.org";
	commits[0].message = commits[1].message = "m\n\"q\"";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hev_every_member_reaches_cache_digest_and_json),
		cmocka_unit_test(test_hev_row_width_comes_first),
		cmocka_unit_test(test_hev_json_of_each_kind),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
