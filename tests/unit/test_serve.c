/* Tests for serve's parts: URL paths, file lookup, content types, the
 * error page.  The server itself is tested end to end (t_serve.sh). */
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

#include "buf.h"
#include "err.h"
#include "fixture.h"
#include "out.h"
#include "serve.h"

/* ---- ssg_serve_path ---------------------------------------------- */

/* The relative path for url, or NULL when refused; static storage. */
static const char *rel_of(const char *url)
{
	static char got[512];
	ssg_buf b;
	ssg_buf_init(&b);
	int rc = ssg_serve_path(url, &b);
	snprintf(got, sizeof(got), "%s", ssg_buf_cstr(&b));
	ssg_buf_fini(&b);
	return rc == SSG_OK ? got : NULL;
}

static void test_serve_path_root_is_index(void **state)
{
	(void)state;
	assert_string_equal(rel_of("/"), "index.html");
}

static void test_serve_path_directory_slash_adds_index(void **state)
{
	(void)state;
	assert_string_equal(rel_of("/tasks/"), "tasks/index.html");
	assert_string_equal(rel_of("/indicators/5/"), "indicators/5/index.html");
}

static void test_serve_path_file_kept(void **state)
{
	(void)state;
	assert_string_equal(rel_of("/static/style.css"), "static/style.css");
	assert_string_equal(rel_of("/tasks"), "tasks");
}

static void test_serve_path_decodes_percent_escapes(void **state)
{
	(void)state;
	assert_string_equal(rel_of("/posts/tin%20m%E1%BB%9Bi/"),
			    "posts/tin m\xe1\xbb\x9bi/index.html");
}

static void test_serve_path_collapses_empty_segments(void **state)
{
	(void)state;
	assert_string_equal(rel_of("//tasks//index.html"), "tasks/index.html");
}

static void test_serve_path_refuses_dot_dot(void **state)
{
	(void)state;
	assert_null(rel_of("/../etc/passwd"));
	assert_null(rel_of("/tasks/../../x"));
	assert_null(rel_of("/tasks/.."));
}

static void test_serve_path_refuses_encoded_dot_dot(void **state)
{
	(void)state;
	assert_null(rel_of("/%2e%2e/etc/passwd"));
	assert_null(rel_of("/%2E%2E/etc/passwd"));
	assert_null(rel_of("/.%2e/x"));
}

static void test_serve_path_refuses_single_dot(void **state)
{
	(void)state;
	assert_null(rel_of("/./index.html"));
	assert_null(rel_of("/%2e/index.html"));
}

static void test_serve_path_refuses_nul(void **state)
{
	(void)state;
	assert_null(rel_of("/index.html%00.png"));
}

static void test_serve_path_refuses_encoded_slash(void **state)
{
	(void)state;
	assert_null(rel_of("/..%2fetc/passwd"));
	assert_null(rel_of("/tasks%2Findex.html"));
}

static void test_serve_path_refuses_malformed_escape(void **state)
{
	(void)state;
	assert_null(rel_of("/a%2"));
	assert_null(rel_of("/a%zz"));
	assert_null(rel_of("/a%"));
}

static void test_serve_path_refuses_relative_and_overlong(void **state)
{
	(void)state;
	assert_null(rel_of("index.html"));
	assert_null(rel_of(""));
	char *big = malloc(5000);
	big[0] = '/';
	memset(big + 1, 'a', 4998);
	big[4999] = '\0';
	assert_null(rel_of(big));
	free(big);
}

/* ---- ssg_serve_lookup -------------------------------------------- */

typedef struct {
	char base[64];
	char site[96];
} fixture;

/* Writes site/rel. */
#define put(f, rel, text) fx_put((f)->site, rel, text)

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!fx_mkdtemp(f->base, sizeof(f->base), "serve"))
		return -1;
	snprintf(f->site, sizeof(f->site), "%s/site", f->base);
	put(f, "index.html", "<p>Tổng quan</p>");
	put(f, "tasks/index.html", "<p>Nhiệm vụ</p>");
	put(f, "static/style.css", "body{}");
	put(f, SSG_OUT_MARKER, "marker");
	/* A file beside the site that no URL may reach. */
	fx_put(f->base, "secret.txt", "secret");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	int rc = fx_rmtree(f->base);
	free(f);
	return rc;
}

/* The bytes behind a FILE hit. */
static char *hit_text(const ssg_serve_hit *h)
{
	char *s = calloc(1, (size_t)h->size + 1);
	ssize_t n = pread(h->fd, s, (size_t)h->size, 0);
	assert_int_equal(n, (ssize_t)h->size);
	return s;
}

static void test_serve_lookup_root_gives_index(void **state)
{
	fixture *f = *state;
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/", &h), SSG_SERVE_FILE);
	char *s = hit_text(&h);
	assert_string_equal(s, "<p>Tổng quan</p>");
	assert_string_equal(h.type, "text/html; charset=utf-8");
	free(s);
	ssg_serve_hit_fini(&h);
	assert_int_equal(h.fd, -1);
}

static void test_serve_lookup_directory_slash_gives_index(void **state)
{
	fixture *f = *state;
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/tasks/", &h),
			 SSG_SERVE_FILE);
	char *s = hit_text(&h);
	assert_string_equal(s, "<p>Nhiệm vụ</p>");
	free(s);
	ssg_serve_hit_fini(&h);
}

static void test_serve_lookup_directory_without_slash_redirects(void **state)
{
	fixture *f = *state;
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/tasks", &h),
			 SSG_SERVE_REDIRECT);
	assert_string_equal(h.location, "/tasks/");
	assert_int_equal(h.fd, -1);
	ssg_serve_hit_fini(&h);
}

static void test_serve_lookup_file_has_its_type(void **state)
{
	fixture *f = *state;
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/static/style.css", &h),
			 SSG_SERVE_FILE);
	assert_string_equal(h.type, "text/css; charset=utf-8");
	assert_int_equal(h.size, 6);
	ssg_serve_hit_fini(&h);
}

static void test_serve_lookup_missing_is_not_found(void **state)
{
	fixture *f = *state;
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/nope/", &h),
			 SSG_SERVE_NOTFOUND);
	ssg_serve_hit_fini(&h);
	assert_int_equal(ssg_serve_lookup(f->site, "/index.html/x", &h),
			 SSG_SERVE_NOTFOUND);
	ssg_serve_hit_fini(&h);
}

static void test_serve_lookup_escape_is_bad(void **state)
{
	fixture *f = *state;
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/../secret.txt", &h),
			 SSG_SERVE_BAD);
	ssg_serve_hit_fini(&h);
	assert_int_equal(ssg_serve_lookup(f->site, "/%2e%2e/secret.txt", &h),
			 SSG_SERVE_BAD);
	assert_int_equal(h.fd, -1);
	ssg_serve_hit_fini(&h);
}

static void test_serve_lookup_refuses_symlinked_file(void **state)
{
	fixture *f = *state;
	char link[160];
	snprintf(link, sizeof(link), "%s/leak.txt", f->site);
	assert_int_equal(symlink("../secret.txt", link), 0);
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/leak.txt", &h),
			 SSG_SERVE_NOTFOUND);
	assert_int_equal(h.fd, -1);
	ssg_serve_hit_fini(&h);
}

static void test_serve_lookup_refuses_symlinked_directory(void **state)
{
	fixture *f = *state;
	char link[160];
	snprintf(link, sizeof(link), "%s/up", f->site);
	assert_int_equal(symlink("..", link), 0);
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/up/secret.txt", &h),
			 SSG_SERVE_NOTFOUND);
	ssg_serve_hit_fini(&h);
	assert_int_equal(ssg_serve_lookup(f->site, "/up/", &h),
			 SSG_SERVE_NOTFOUND);
	ssg_serve_hit_fini(&h);
}

static void test_serve_lookup_hides_dot_files(void **state)
{
	fixture *f = *state;
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup(f->site, "/" SSG_OUT_MARKER, &h),
			 SSG_SERVE_NOTFOUND);
	ssg_serve_hit_fini(&h);
}

static void test_serve_lookup_missing_root_is_not_found(void **state)
{
	(void)state;
	ssg_serve_hit h;
	assert_int_equal(ssg_serve_lookup("/nonexistent-ssg-site", "/", &h),
			 SSG_SERVE_NOTFOUND);
	ssg_serve_hit_fini(&h);
}

/* ---- content types ----------------------------------------------- */

static void test_serve_content_types_by_extension(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"index.html", "text/html; charset=utf-8"},
		{"static/site.css", "text/css; charset=utf-8"},
		{"static/search.js", "text/javascript; charset=utf-8"},
		{"data/indicators.json", "application/json; charset=utf-8"},
		{"data/indicators.csv", "text/csv; charset=utf-8"},
		{"feed.xml", "application/xml; charset=utf-8"},
		{"static/logo.svg", "image/svg+xml"},
		{"static/logo.png", "image/png"},
		{"ban-luu.zip", "application/zip"},
		{"data/history.jsonl", "text/plain; charset=utf-8"},
		{"static/font.woff2", "font/woff2"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_string_equal(ssg_serve_content_type(cases[i][0]),
				    cases[i][1]);
}

static void test_serve_content_type_ignores_case(void **state)
{
	(void)state;
	assert_string_equal(ssg_serve_content_type("A.PNG"), "image/png");
	assert_string_equal(ssg_serve_content_type("b.Html"),
			    "text/html; charset=utf-8");
}

static void test_serve_content_type_unknown_is_octet_stream(void **state)
{
	(void)state;
	assert_string_equal(ssg_serve_content_type("README"),
			    "application/octet-stream");
	assert_string_equal(ssg_serve_content_type("x.exe"),
			    "application/octet-stream");
	/* A dot file has no extension; a dot in a directory is not one. */
	assert_string_equal(ssg_serve_content_type(".html"),
			    "application/octet-stream");
	assert_string_equal(ssg_serve_content_type("a.css/b"),
			    "application/octet-stream");
	/* The extension must match whole. */
	assert_string_equal(ssg_serve_content_type("x.htmlx"),
			    "application/octet-stream");
}

/* ---- Host ------------------------------------------------------- */

static void test_serve_host_loopback_names_accepted(void **state)
{
	(void)state;
	assert_true(ssg_serve_host_ok("127.0.0.1:8080"));
	assert_true(ssg_serve_host_ok("127.0.0.1"));
	assert_true(ssg_serve_host_ok("localhost:41235"));
	assert_true(ssg_serve_host_ok("LocalHost"));
	assert_true(ssg_serve_host_ok("[::1]:8080"));
}

static void test_serve_host_other_names_refused(void **state)
{
	(void)state;
	assert_false(ssg_serve_host_ok("attacker.example:8080"));
	assert_false(ssg_serve_host_ok("localhost.attacker.example"));
	assert_false(ssg_serve_host_ok("127.0.0.1.nip.io"));
	assert_false(ssg_serve_host_ok("127.0.0.1:80x"));
	assert_false(ssg_serve_host_ok("127.0.0.1:"));
	assert_false(ssg_serve_host_ok(""));
}

/* ---- the error page ---------------------------------------------- */

static void test_serve_error_page_lists_errors_with_position(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_diags_error(d, "data/indicators.csv", 11, 3,
			"unterminated quoted field");
	ssg_diags_add(d, SSG_SEV_WARNING, "content/_index.md", 2, 0,
		      "unknown key");
	ssg_diags_env(d, "cannot read theme");
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_serve_error_page(d, &b);
	const char *s = ssg_buf_cstr(&b);
	assert_non_null(strstr(
		s, "data/indicators.csv:11:3: error: unterminated quoted field"));
	assert_non_null(
		strstr(s, "content/_index.md:2:1: warning: unknown key"));
	assert_non_null(strstr(s, "ssg: error: cannot read theme"));
	assert_non_null(strstr(s, "lang=\"en\"")); /* untranslated here */
	ssg_buf_fini(&b);
	ssg_diags_free(d);
}

static void test_serve_error_page_escapes_messages(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_diags_error(d, "content/<b>.md", 1, 1,
			"bad <script>alert(1)</script> & \"x\"");
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_serve_error_page(d, &b);
	const char *s = ssg_buf_cstr(&b);
	assert_null(strstr(s, "<script>"));
	assert_null(strstr(s, "<b>"));
	assert_non_null(strstr(s, "content/&lt;b&gt;.md:1:1: error: bad "
				  "&lt;script&gt;alert(1)&lt;/script&gt; "
				  "&amp; &quot;x&quot;"));
	ssg_buf_fini(&b);
	ssg_diags_free(d);
}

int main(void)
{
#define T(fn) cmocka_unit_test(fn)
#define F(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_serve_path_root_is_index),
		T(test_serve_path_directory_slash_adds_index),
		T(test_serve_path_file_kept),
		T(test_serve_path_decodes_percent_escapes),
		T(test_serve_path_collapses_empty_segments),
		T(test_serve_path_refuses_dot_dot),
		T(test_serve_path_refuses_encoded_dot_dot),
		T(test_serve_path_refuses_single_dot),
		T(test_serve_path_refuses_nul),
		T(test_serve_path_refuses_encoded_slash),
		T(test_serve_path_refuses_malformed_escape),
		T(test_serve_path_refuses_relative_and_overlong),
		F(test_serve_lookup_root_gives_index),
		F(test_serve_lookup_directory_slash_gives_index),
		F(test_serve_lookup_directory_without_slash_redirects),
		F(test_serve_lookup_file_has_its_type),
		F(test_serve_lookup_missing_is_not_found),
		F(test_serve_lookup_escape_is_bad),
		F(test_serve_lookup_refuses_symlinked_file),
		F(test_serve_lookup_refuses_symlinked_directory),
		F(test_serve_lookup_hides_dot_files),
		T(test_serve_lookup_missing_root_is_not_found),
		T(test_serve_content_types_by_extension),
		T(test_serve_content_type_ignores_case),
		T(test_serve_content_type_unknown_is_octet_stream),
		T(test_serve_host_loopback_names_accepted),
		T(test_serve_host_other_names_refused),
		T(test_serve_error_page_lists_errors_with_position),
		T(test_serve_error_page_escapes_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
