/*
 * The history cache (history_cache.h): a walk that starts from the cache
 * of an earlier one must give exactly the history of a walk with none,
 * whatever came after (row edits, a version that does not parse met
 * again under another path, renames, deletions, pages, merges, a branch
 * moved so that the cache's last commit is no longer on its first-parent
 * chain, many commits each added to the cache in a segment of its own),
 * and a cache that is damaged, stale, for other keys or out of reach is
 * no cache.
 */
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

#include <zlib.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "fx_history.h"
#include "history.h"
#include "history_cache.h"
#include "repo.h"

static char base[64];

#define run(...) fx_run(base, __VA_ARGS__)
#define put(rel, data) fx_put(base, rel, data)

static void commit(const char *dir, int n, const char *msg)
{
	fx_git_commit(base, dir, n, msg);
}

static char *cache_file(const char *dir)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s/.git/ssg/history.cache", base,
		 dir);
	return ssg_xstrdup(path);
}

static bool cache_exists(const char *dir)
{
	char *f = cache_file(dir);
	struct stat st;
	bool ok = stat(f, &st) == 0;
	free(f);
	return ok;
}

/* Everything a walk found, every field, one line each. */
static char *dump(ssg_history *h)
{
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < ssg_history_ncommits(h); i++) {
		const ssg_hcommit *c = ssg_history_commit(h, i);
		ssg_buf_printf(&b, "commit %s %d ev %zu+%zu pg %zu+%zu %s%s\n",
			       c->oid, c->touched, c->first_event, c->nevents,
			       c->first_page, c->npages,
			       c->period ? c->period : "-",
			       c->opens ? " opens" : "");
	}
	for (size_t i = 0; i < ssg_history_nevents(h); i++) {
		const ssg_hev *e = ssg_history_event(h, i);
		ssg_buf_printf(&b, "ev %zu %d %s|%s|%s|%s|%s|%s|%s", e->commit,
			       (int)e->kind, e->table, e->key ? e->key : "-",
			       e->field ? e->field : "-",
			       e->old ? e->old : "-",
			       e->new_ ? e->new_ : "-",
			       e->error ? e->error : "-",
			       e->period ? e->period : "-");
		for (size_t j = 0; j < e->ncols; j++)
			ssg_buf_printf(&b, " %s=%s", e->cols[j],
				       e->vals[j] ? e->vals[j] : "-");
		ssg_buf_putc(&b, '\n');
	}
	for (size_t i = 0; i < ssg_history_npages(h); i++) {
		const ssg_hpage *p = ssg_history_page(h, i);
		ssg_buf_printf(&b, "page %zu %d %s [%s] [%s]\n", p->commit,
			       (int)p->kind, p->path,
			       fx_page_text(h, p, false),
			       fx_page_text(h, p, true));
	}
	for (size_t i = 0; i < ssg_history_npackages(h); i++) {
		const ssg_hpackage *v = ssg_history_package(h, i);
		ssg_buf_printf(&b, "package %zu ", v->commit);
		for (size_t k = 0; k < 20; k++)
			ssg_buf_printf(&b, "%02x", v->id[k]);
		ssg_buf_putc(&b, '\n');
	}
	for (size_t i = 0; i < ssg_history_ncommits(h); i++) {
		const ssg_hcommit *c = ssg_history_commit(h, i);
		ssg_buf_printf(&b, "by %s %lld %d %s <%s> [%s] [%s]\n",
			       c->short_oid, c->time, c->offset, c->author,
			       c->email, c->summary, c->message);
	}
	/* Where the walk knows no table was renamed from: a walk from a
	 * cache knows it as the walk without one (data/history.jsonl then
	 * grows from as far back). */
	ssg_buf_printf(&b, "settled %zu\n", ssg_history_settled(h));
	return ssg_buf_detach(&b);
}

/* The dump of a walk of dir at rev (with whatever cache it has), or of
 * its first error (*rc says which); with `early`, of a walk whose chain
 * was read early (ssg_history_early_start), NULL when none would start. */
static char *load_dump(const char *dir, const ssg_history_key *keys,
		       size_t nkeys, const char *rev, bool early, int *rc)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", base, dir);
	ssg_diags *d = ssg_diags_new();
	ssg_repo *r = NULL;
	ssg_history *h = NULL;
	assert_int_equal(ssg_repo_open(&r, path, d), SSG_OK);
	ssg_history_early *e = early ? ssg_history_early_start(r, rev) : NULL;
	char *s = NULL;
	if (e || !early) {
		*rc = ssg_history_load_early(&h, r, rev, keys, nkeys, NULL, d,
					     e);
		s = h ? dump(h) : ssg_xstrdup(ssg_diags_get(d, 0)->msg);
	}
	ssg_history_free(h);
	ssg_repo_free(r);
	ssg_diags_free(d);
	return s;
}

/* The dump of a walk of dir (with whatever cache it has). */
static char *walk_dump(const char *dir, const ssg_history_key *keys,
		       size_t nkeys, const char *rev)
{
	int rc = -1;
	char *s = load_dump(dir, keys, nkeys, rev, false, &rc);
	assert_int_equal(rc, SSG_OK);
	return s;
}

/* A walk from the cache there is against one with none; the cache is as
 * the walk from it left it. */
static void assert_cached_is_cold(const char *dir,
				  const ssg_history_key *keys, size_t nkeys)
{
	char *f = cache_file(dir);
	char keep[300];
	snprintf(keep, sizeof(keep), "%s.keep", f);
	char *cached = walk_dump(dir, keys, nkeys, NULL);
	assert_int_equal(rename(f, keep), 0);
	char *cold = walk_dump(dir, keys, nkeys, NULL);
	assert_int_equal(rename(keep, f), 0);
	assert_string_equal(cached, cold);
	free(cached);
	free(cold);
	free(f);
}

static int group_setup(void **state)
{
	(void)state;
	return fx_git_group(base, sizeof(base), "hcache") ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

static void test_cache_each_kind_of_change_after_it(void **state)
{
	(void)state;
	run("git init -q -b main s");
	put("s/data/indicators.csv", "id,name,target\n1,Gia đình,90\n2,Làng,80\n");
	put("s/content/01-muc.md", "# Mục đích\n");
	commit("s", 1, "a");
	char *first = walk_dump("s", NULL, 0, NULL);
	free(first);
	assert_true(cache_exists("s"));
	/* Each step: commit, then a walk from the cache of the step
	 * before equals one without. */
	put("s/data/indicators.csv", "id,name,target\n1,Gia đình,92\n2,Làng,80\n");
	put("s/content/01-muc.md", "# Mục đích và yêu cầu\n");
	put("s/data/datapackage.json", "{\"resources\": []}\n");
	commit("s", 2, "sửa chỉ tiêu");
	assert_cached_is_cold("s", NULL, 0);
	/* A version that does not parse, then the same bytes under
	 * another path: the error names the path it was first met at. */
	put("s/data/indicators.csv", "id,name,target\n1,Gia đình,92\n2,x\n");
	put("s/content/_index.md", "---\nyear: \"2024\"\n---\n");
	commit("s", 3, "hỏng");
	assert_cached_is_cold("s", NULL, 0);
	put("s/data/indicators.csv", "id,name,target\n1,Gia đình,95\n2,Làng,80\n");
	put("s/data/khac.csv", "id,name,target\n1,Gia đình,92\n2,x\n");
	put("s/data/datapackage.json", "{\"resources\": [{\"name\": \"x\"}]}\n");
	/* A new plan period after the cache's. */
	put("s/content/_index.md", "---\nyear: \"2025\"\n---\n");
	commit("s", 4, "bảng khác hỏng như cũ");
	assert_cached_is_cold("s", NULL, 0);
	char *periods = walk_dump("s", NULL, 0, NULL);
	assert_non_null(strstr(periods, " 2024 opens\n"));
	assert_non_null(strstr(periods, " 2025 opens\n"));
	assert_non_null(strstr(periods, "|2025\n"));
	free(periods);
	/* A version that names no year carries the period on. */
	put("s/content/_index.md", "---\ntitle: x\n---\n");
	commit("s", 4, "không có năm");
	assert_cached_is_cold("s", NULL, 0);
	periods = walk_dump("s", NULL, 0, NULL);
	char *last = strstr(periods, "\nev ");
	assert_non_null(last);
	*last = '\0'; /* the commits' lines: the last one's period */
	last = strrchr(periods, ' ');
	assert_string_equal(last, " 2025");
	free(periods);
	/* A rename after the cache renames older events: walked again. */
	run("cd s && git mv data/indicators.csv data/chi-tieu.csv");
	commit("s", 5, "đổi tên");
	assert_cached_is_cold("s", NULL, 0);
	run("cd s && git rm -q data/chi-tieu.csv content/01-muc.md "
	    "data/datapackage.json");
	put("s/content/posts/tin.md", "tin\n");
	commit("s", 6, "xóa");
	assert_cached_is_cold("s", NULL, 0);
	put("s/data/chi-tieu.csv", "id,name,target\n1,Gia đình,99\n");
	put("s/data/datapackage.json", "{\"resources\": []}\n");
	commit("s", 7, "khôi phục");
	assert_cached_is_cold("s", NULL, 0);
	commit("s", 8, "không đổi gì");
	assert_cached_is_cold("s", NULL, 0);
	/* Other keys are another history. */
	static const char *const name[] = {"name"};
	ssg_history_key keys[] = {{"chi-tieu", name, 1}};
	assert_cached_is_cold("s", keys, 1);
	char *again = walk_dump("s", keys, 1, NULL);
	char *plain = walk_dump("s", NULL, 0, NULL);
	assert_string_not_equal(again, plain);
	free(again);
	free(plain);
}

/* Writes `n` bytes of junk at offset `at` of the cache (or truncates it
 * there when n is 0). */
static void damage(const char *dir, long at, size_t n)
{
	char *f = cache_file(dir);
	if (n == 0) {
		assert_int_equal(truncate(f, at), 0);
	} else {
		FILE *fp = fopen(f, "r+b");
		assert_non_null(fp);
		assert_int_equal(fseek(fp, at, SEEK_SET), 0);
		for (size_t i = 0; i < n; i++)
			fputc(0xA5, fp);
		fclose(fp);
	}
	free(f);
}

static void test_cache_damaged_or_stale_is_no_cache(void **state)
{
	(void)state;
	run("git init -q -b main d");
	put("d/data/t.csv", "id,v\n1,a\n2,b\n");
	commit("d", 1, "a");
	put("d/data/t.csv", "id,v\n1,a\n2,c\n");
	commit("d", 2, "b");
	char *want = walk_dump("d", NULL, 0, NULL);
	put("d/data/t.csv", "id,v\n1,z\n2,c\n");
	commit("d", 3, "c");
	char *want3 = walk_dump("d", NULL, 0, NULL);
	/* Damaged at its start, middle and end, cut short, emptied. */
	long offsets[] = {0, 30, 100, -4};
	for (size_t i = 0; i < 4; i++) {
		char *f = cache_file("d");
		struct stat st;
		assert_int_equal(stat(f, &st), 0);
		free(f);
		damage("d", offsets[i] < 0 ? st.st_size + offsets[i]
					   : offsets[i],
		       3);
		char *got = walk_dump("d", NULL, 0, NULL);
		assert_string_equal(got, want3);
		free(got);
	}
	damage("d", 50, 0);
	char *got = walk_dump("d", NULL, 0, NULL);
	assert_string_equal(got, want3);
	free(got);
	damage("d", 0, 0);
	got = walk_dump("d", NULL, 0, NULL);
	assert_string_equal(got, want3);
	free(got);
	/* A cache of a later commit does not serve an earlier one. */
	got = walk_dump("d", NULL, 0, "HEAD~1");
	assert_string_equal(got, want);
	free(got);
	/* ... nor one of another chain (the branch moved back, then on). */
	run("cd d && git reset -q --hard HEAD~1");
	put("d/data/t.csv", "id,v\n1,y\n2,c\n");
	commit("d", 4, "d");
	assert_cached_is_cold("d", NULL, 0);
	free(want);
	free(want3);
}

static void test_cache_never_written_through_a_link(void **state)
{
	(void)state;
	run("git init -q -b main l && mkdir -p elsewhere");
	run("ln -s ../../elsewhere l/.git/ssg");
	put("l/data/t.csv", "id,v\n1,a\n");
	commit("l", 1, "a");
	char *got = walk_dump("l", NULL, 0, NULL);
	free(got);
	char *listing = fx_capture("ls -A '%s/elsewhere'", base);
	assert_non_null(listing);
	assert_string_equal(listing, "");
	free(listing);
	/* A cache place that is not a directory costs only time. */
	run("rm l/.git/ssg && echo x > l/.git/ssg");
	got = walk_dump("l", NULL, 0, NULL);
	assert_non_null(strstr(got, "v=a"));
	free(got);
	char *x = fx_capture("cat '%s/l/.git/ssg'", base);
	assert_non_null(x);
	assert_string_equal(x, "x\n");
	free(x);
}

/* Writes b[0..n) to f with the CRC of its body made right. */
static void write_with_crc(const char *f, unsigned char *b, size_t n)
{
	uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), b, (uInt)(n - 4));
	for (int i = 0; i < 4; i++)
		b[n - 4 + (size_t)i] = (unsigned char)(crc >> (8 * i));
	FILE *fp = fopen(f, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(b, 1, n, fp), n);
	fclose(fp);
}

/* A forged cache (every byte of a real one changed in turn, the CRC made
 * right) is refused or read within bounds: never a crash or a read past
 * the file (run under ASan by make asan). */
static void test_cache_forged_bytes_stay_in_bounds(void **state)
{
	(void)state;
	run("git init -q -b main z");
	put("z/data/t.csv", "id,v\n1,a\n2,b\n");
	put("z/content/p.md", "một\n");
	commit("z", 1, "a");
	put("z/data/t.csv", "id,v\n1,a\n2,x\n");
	put("z/data/bad.csv", "id,v\n1\n");
	commit("z", 2, "b");
	char *got = walk_dump("z", NULL, 0, NULL);
	free(got);
	char *f = cache_file("z");
	size_t n = 0;
	unsigned char *orig = (unsigned char *)fx_slurp(f, &n);
	assert_non_null(orig);
	unsigned char *b = malloc(n);
	for (size_t i = 0; i + 4 < n; i++) {
		/* Large, zero and near: counts, ids and lengths. */
		unsigned v = (unsigned)(i % 3);
		memcpy(b, orig, n);
		b[i] = (unsigned char)(v == 0 ? 0xFF : v == 1 ? 0x00 : b[i] ^ 1);
		write_with_crc(f, b, n);
		got = walk_dump("z", NULL, 0, NULL);
		free(got);
	}
	free(b);
	free(orig);
	free(f);
}

/* The cache is what a walk reads: a value changed in it (with its CRC
 * made right) shows in the history. */
static void test_cache_is_what_is_read(void **state)
{
	(void)state;
	run("git init -q -b main u");
	put("u/data/t.csv", "id,v\n1,xyz123\n");
	commit("u", 1, "a");
	char *got = walk_dump("u", NULL, 0, NULL);
	assert_non_null(strstr(got, "v=xyz123"));
	free(got);
	char *f = cache_file("u");
	size_t n = 0;
	unsigned char *b = (unsigned char *)fx_slurp(f, &n);
	assert_non_null(b);
	assert_true(n > 4);
	unsigned char *p = NULL;
	for (size_t i = 0; i + 6 <= n - 4 && !p; i++)
		if (memcmp(b + i, "xyz123", 6) == 0)
			p = b + i;
	assert_non_null(p);
	memcpy(p, "XYZ123", 6);
	write_with_crc(f, b, n);
	got = walk_dump("u", NULL, 0, NULL);
	assert_non_null(strstr(got, "v=XYZ123"));
	free(got);
	free(b);
	free(f);
}

/* The cache's bytes (its file, read whole). */
static char *cache_bytes(const char *dir, size_t *n)
{
	char *f = cache_file(dir);
	char *b = fx_slurp(f, n);
	free(f);
	assert_non_null(b);
	return b;
}

/* Commits one by one, each walked from the cache of the one before: the
 * cache grows by a segment each time (its old bytes but the CRC are the
 * new file's start) and is written whole again when it has many; every
 * walk equals one with no cache, whatever the commit changed (nothing,
 * a row, a page, a new table, the year, the package), messages of many
 * lines and other authors, dates and zones included. */
static void test_cache_grows_by_segments(void **state)
{
	(void)state;
	run("git init -q -b main g");
	put("g/data/t.csv", "id,v\n1,a\n2,b\n");
	put("g/content/p.md", "một\n");
	commit("g", 1, "đầu");
	char *got = walk_dump("g", NULL, 0, NULL);
	free(got);
	bool grew = false, whole_again = false;
	for (int i = 0; i < 40; i++) {
		size_t n0 = 0, n1 = 0;
		char *before = cache_bytes("g", &n0);
		char buf[200];
		switch (i % 5) {
		case 0:
			snprintf(buf, sizeof(buf),
				 "g/data/t.csv");
			put(buf, i % 2 ? "id,v\n1,a\n2,c\n"
				       : "id,v\n1,x\n2,c\n3,d\n");
			break;
		case 1:
			put("g/content/p.md", i % 2 ? "hai\n" : "ba\n");
			break;
		case 2:
			snprintf(buf, sizeof(buf), "g/data/n%d.csv", i);
			put(buf, "id,v\n1,a\n");
			break;
		case 3:
			snprintf(buf, sizeof(buf),
				 "g/content/_index.md");
			put(buf, i % 2 ? "---\nyear: \"2025\"\n---\n"
				       : "---\nyear: \"2026\"\n---\n");
			put("g/data/datapackage.json",
			    i % 2 ? "{}\n" : "{\"resources\": []}\n");
			break;
		default:
			break; /* a commit that changes nothing */
		}
		run("cd g && git add -A && GIT_AUTHOR_DATE='2024-07-%02d "
		    "10:00:00 +0%d00' GIT_COMMITTER_DATE='2024-07-%02d "
		    "11:00:00 -0%d00' git -c user.name='Người %d' "
		    "-c user.email=n%d@x.vn commit -q --allow-empty "
		    "-m 'lần %d' -m 'dòng hai\n\ndòng bốn'",
		    2 + i % 20, i % 8, 2 + i % 20, i % 5, i, i, i);
		assert_cached_is_cold("g", NULL, 0);
		char *after = cache_bytes("g", &n1);
		if (n1 > n0 && memcmp(before, after, n0 - 4) == 0)
			grew = true;
		else
			whole_again = true;
		free(before);
		free(after);
	}
	assert_true(grew);
	assert_true(whole_again);
}

static void *read_alloc(void *ctx, size_t n)
{
	ssg_arena *a = ctx;
	return ssg_arena_alloc(a, n);
}

/* c's lin, paths and bad arrays copied (a save takes them). */
static ssg_hcache taken_copy(const ssg_hcache *c)
{
	ssg_hcache t = *c;
	t.lin = ssg_xcalloc(c->nlin + 1, sizeof(*t.lin));
	memcpy(t.lin, c->lin, c->nlin * sizeof(*t.lin));
	t.paths = ssg_xcalloc(c->npaths + 1, sizeof(*t.paths));
	memcpy(t.paths, c->paths, c->npaths * sizeof(*t.paths));
	t.bad = ssg_xcalloc(c->nbad + 1, sizeof(*t.bad));
	memcpy(t.bad, c->bad, c->nbad * sizeof(*t.bad));
	return t;
}

/* A save on its own thread (ssg_hcache_save_start) writes the bytes
 * ssg_hcache_write writes, whole or as a segment added to an older
 * cache, and they are all there once it is ended. */
static void test_cache_saved_beside_is_written(void **state)
{
	(void)state;
	run("git init -q -b main sv");
	put("sv/data/t.csv", "id,v\n1,a\n2,b\n");
	put("sv/content/p.md", "một\n");
	commit("sv", 1, "a");
	free(walk_dump("sv", NULL, 0, NULL));
	put("sv/data/t.csv", "id,v\n1,a\n2,c\n");
	commit("sv", 2, "b");
	free(walk_dump("sv", NULL, 0, NULL));
	char *f = cache_file("sv");
	ssg_arena *a = ssg_arena_new();
	ssg_hcache_mem mem = {a, read_alloc};
	ssg_hcache c;
	assert_true(ssg_hcache_read(f, ssg_hcache_keys_sig(NULL, 0), &mem, &c));
	assert_int_equal(c.ncommits, 2);
	/* The first commit's cache, as the older one to add to. */
	char *f1 = fx_path(base, "sv-one.cache");
	ssg_hcache one = c;
	one.ncommits = 1;
	one.nev = c.commits[1].first_event;
	one.npages = c.commits[1].first_page;
	one.npkgs = 0;
	for (size_t i = 0; i < c.npkgs; i++)
		one.npkgs += c.pkgs[i].commit < 1;
	assert_true(ssg_hcache_write(f1, &one, NULL));
	ssg_hcache old;
	assert_true(ssg_hcache_read(f1, ssg_hcache_keys_sig(NULL, 0), &mem, &old));
	for (int with_old = 0; with_old < 2; with_old++) {
		char *fw = fx_path(base, with_old ? "sv-w1.cache" : "sv-w0.cache");
		char *fs = fx_path(base, with_old ? "sv-s1.cache" : "sv-s0.cache");
		assert_true(ssg_hcache_write(fw, &c, with_old ? &old : NULL));
		ssg_hcache t = taken_copy(&c);
		ssg_hcache_save *sv =
			ssg_hcache_save_start(fs, &t, with_old ? &old : NULL);
		assert_non_null(sv);
		ssg_hcache_save_end(sv);
		size_t nw = 0, ns = 0;
		char *bw = fx_slurp(fw, &nw), *bs = fx_slurp(fs, &ns);
		assert_non_null(bw);
		assert_non_null(bs);
		assert_int_equal(ns, nw);
		assert_memory_equal(bs, bw, nw);
		/* Added to the older one: its bytes, less their CRC, first. */
		if (with_old) {
			assert_true(nw > old.nraw);
			assert_memory_equal(bs, old.raw, old.nraw - 4);
		}
		free(bw);
		free(bs);
		free(fw);
		free(fs);
	}
	ssg_hcache_save_end(NULL);
	ssg_hcache_fini(&old);
	ssg_hcache_fini(&c);
	ssg_arena_free(a);
	free(f1);
	free(f);
}

/* A chain read early, while the plan loads, gives the walk without it,
 * at HEAD and at an older revision; an early walk that fails (an unknown
 * revision) is walked again to say why, as without; with a cache there
 * no early walk starts. */
static void test_cache_none_chain_read_early(void **state)
{
	(void)state;
	run("git init -q -b main ew");
	put("ew/data/t.csv", "id,v\n1,a\n2,b\n");
	put("ew/content/p.md", "một\n");
	commit("ew", 1, "a");
	put("ew/data/t.csv", "id,v\n1,a\n2,c\n3,d\n");
	commit("ew", 2, "b");
	put("ew/content/p.md", "hai\n");
	commit("ew", 3, "c");
	run("cd ew && git tag v1 HEAD~1");
	const char *revs[] = {NULL, "v1", "no-such-rev"};
	for (size_t i = 0; i < 3; i++) {
		run("rm -rf ew/.git/ssg");
		int rc = -1, want = -2;
		char *early = load_dump("ew", NULL, 0, revs[i], true, &rc);
		assert_non_null(early);
		run("rm -rf ew/.git/ssg");
		char *cold = load_dump("ew", NULL, 0, revs[i], false, &want);
		assert_int_equal(rc, want);
		assert_string_equal(early, cold);
		if (i == 1)
			assert_non_null(strstr(cold, "|v|b|c|"));
		if (i == 2)
			assert_non_null(strstr(cold, "no-such-rev"));
		free(cold);
		free(early);
	}
	/* With a cache, no early walk. */
	free(walk_dump("ew", NULL, 0, NULL));
	assert_true(cache_exists("ew"));
	int rc = -1;
	assert_null(load_dump("ew", NULL, 0, NULL, true, &rc));
}

/* Merges on the chain: the walk follows first parents, from the cache
 * as without; a cache made on a branch that is then merged as a second
 * parent ends at a commit off the first-parent chain, and is no cache
 * (the chain is walked whole). */
static void test_cache_merges_and_moved_branches(void **state)
{
	(void)state;
	run("git init -q -b main m");
	put("m/data/t.csv", "id,v\n1,a\n2,b\n");
	commit("m", 1, "a");
	run("cd m && git checkout -q -b side");
	put("m/data/t.csv", "id,v\n1,a\n2,side\n");
	put("m/content/s.md", "side\n");
	commit("m", 2, "side 1");
	put("m/data/t.csv", "id,v\n1,a2\n2,side\n");
	commit("m", 3, "side 2");
	/* The cache ends at side's tip. */
	char *got = walk_dump("m", NULL, 0, NULL);
	free(got);
	run("cd m && git checkout -q main");
	put("m/data/t.csv", "id,v\n1,main\n2,b\n");
	commit("m", 4, "main 1");
	/* side's tip is a second parent of main's tip */
	fx_git_july(5);
	run("cd m && git merge -q --no-ff -X theirs -m merge side");
	assert_cached_is_cold("m", NULL, 0);
	char *merged = walk_dump("m", NULL, 0, NULL);
	assert_non_null(strstr(merged, "[merge]"));
	assert_null(strstr(merged, "[side 1]"));
	free(merged);
	/* From a cache at the merge, commits after it. */
	put("m/data/t.csv", "id,v\n1,after\n2,side\n");
	commit("m", 6, "after");
	assert_cached_is_cold("m", NULL, 0);
	/* A branch made the first parent: side merges main. */
	run("cd m && git checkout -q side");
	fx_git_july(7);
	run("cd m && git merge -q --no-ff -X ours -m back main");
	assert_cached_is_cold("m", NULL, 0);
	/* Forced back past the cache's commit, then on again. */
	run("cd m && git reset -q --hard HEAD~2");
	put("m/data/t.csv", "id,v\n1,again\n");
	commit("m", 8, "again");
	assert_cached_is_cold("m", NULL, 0);
	/* Rewritten: the same changes, other commits. */
	run("cd m && git commit -q --amend -m rewritten");
	assert_cached_is_cold("m", NULL, 0);
	/* A build of an older commit, the cache at a later one. */
	got = walk_dump("m", NULL, 0, "HEAD~1");
	char *f = cache_file("m");
	char keep[300];
	snprintf(keep, sizeof(keep), "%s.keep", f);
	assert_int_equal(rename(f, keep), 0);
	char *cold = walk_dump("m", NULL, 0, "HEAD~1");
	assert_string_equal(got, cold);
	free(got);
	free(cold);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_each_kind_of_change_after_it),
		cmocka_unit_test(test_cache_damaged_or_stale_is_no_cache),
		cmocka_unit_test(test_cache_never_written_through_a_link),
		cmocka_unit_test(test_cache_is_what_is_read),
		cmocka_unit_test(test_cache_forged_bytes_stay_in_bounds),
		cmocka_unit_test(test_cache_grows_by_segments),
		cmocka_unit_test(test_cache_saved_beside_is_written),
		cmocka_unit_test(test_cache_none_chain_read_early),
		cmocka_unit_test(test_cache_merges_and_moved_branches),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
