/*
 * serve — `ssg serve`: a preview of the work tree on 127.0.0.1, rebuilt on
 * every change.  The only libmicrohttpd and inotify user.
 *
 * The site is built from the work tree (as `build --worktree`) into a
 * private directory of the repository, GITDIR/ssg/serve/site, never into
 * public/; a build that fails leaves the last good site there, but until
 * the next good build every page request is answered with an HTML page
 * listing the errors, so that what the browser shows is never silently
 * stale.  content/, data/ and theme/ are watched recursively (new
 * directories too), and a burst of changes gives one build once the files
 * have been quiet for SSG_SERVE_DEBOUNCE_MS.
 *
 * Only files inside the site are served, and only by GET or HEAD: a URL
 * path is percent-decoded once and refused if it holds a NUL, a "." or
 * ".." segment or a malformed escape; dot files and symbolic links are not
 * served.  Nothing here prints: the caller's callbacks do.
 */
#ifndef SSG_SERVE_H
#define SSG_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "site.h"

#define SSG_SERVE_DEBOUNCE_MS 200
#define SSG_SERVE_DEFAULT_PORT 8080

typedef struct {
	/* repo and plan are used; rev, worktree and out are serve's own. */
	ssg_site_opts site;
	unsigned port; /* 0 = any free port */
	/* Called once the first build is done and the server listens, with
	 * "http://127.0.0.1:PORT/". */
	void (*listening)(const char *url, void *ctx);
	/* Called after every build with its diagnostics (sorted) and its
	 * ssg_code; diagnostics about watching the files come with it. */
	void (*report)(const ssg_diags *d, int rc, void *ctx);
	void *ctx;
} ssg_serve_opts;

/* Builds, serves and rebuilds until SIGINT or SIGTERM, then stops the
 * server and returns SSG_OK.  Not a repository, a bare repository, a port
 * that cannot be had or a failure to watch → environment diagnostic in d,
 * SSG_ERR_ENV, before anything is served.  SIGINT and SIGTERM are blocked
 * in the calling thread while it runs. */
int ssg_serve_run(const ssg_serve_opts *o, ssg_diags *d) SSG_WUR;

/* ---- the parts, for tests ---------------------------------------- */

typedef enum {
	SSG_SERVE_FILE,     /* fd is open on a regular file */
	SSG_SERVE_REDIRECT, /* a directory named without its '/' */
	SSG_SERVE_NOTFOUND, /* nothing servable there */
	SSG_SERVE_BAD       /* a path that can never name a file of the site */
} ssg_serve_kind;

typedef struct {
	ssg_serve_kind kind;
	int fd;              /* FILE: the caller closes it; -1 otherwise */
	unsigned long long size; /* FILE */
	const char *type;    /* FILE: Content-Type, static */
	char *location;      /* REDIRECT: "/tasks/", percent-encoded; owned */
} ssg_serve_hit;

/* The site-relative path that URL path `url` (as sent, still
 * percent-encoded, without the query) names, "index.html" added for a
 * directory ("/" → "index.html", "/tasks/" → "tasks/index.html").  Returns
 * SSG_OK, or SSG_ERR_NOTFOUND for a path that must be refused (see
 * above) or longer than 4096 bytes. */
int ssg_serve_path(const char *url, ssg_buf *rel) SSG_WUR;

/* Resolves `url` under directory `root` without following any symbolic
 * link.  hit->location must be freed (ssg_serve_hit_fini). */
ssg_serve_kind ssg_serve_lookup(const char *root, const char *url,
				ssg_serve_hit *hit);
void ssg_serve_hit_fini(ssg_serve_hit *hit);

/* Whether a Host header names this machine's loopback ("127.0.0.1",
 * "localhost" or "[::1]", with or without a port).  Requests naming any
 * other host are refused: they come from a page that rebound its own name
 * to 127.0.0.1. */
bool ssg_serve_host_ok(const char *host);

/* The Content-Type for a file name, by its extension; text types carry
 * "; charset=utf-8".  Unknown → "application/octet-stream". */
const char *ssg_serve_content_type(const char *name);

/* The page shown instead of the site while the last build failed: every
 * diagnostic as "PATH:LINE:COL: error: MSG", HTML-escaped. */
void ssg_serve_error_page(const ssg_diags *d, ssg_buf *out);

#endif
