/*
 * serve — build, watch, rebuild; libmicrohttpd answers from its own
 * thread while this one waits on inotify and the signals.
 *
 * The two threads share only the state below, under a mutex: the last
 * build's error page (or none).  The site directory itself needs no lock:
 * out.h swaps a new site in with one rename, and a request that opened a
 * file of the old one keeps reading it.
 */
#define _GNU_SOURCE /* signalfd, inotify, pipe2 */

#include "serve.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "i18n.h"
#include "repo.h"

#define MAX_URL 4096
/* Directories watched at most, and how deep below content/ and the
 * like; both far beyond any plan. */
#define MAX_WATCHES 4096
#define MAX_WATCH_DEPTH 32
/* A stream of changes still gets a build this often. */
#define MAX_DEFER_MS 2000

static const char *const watched_dirs[] = {"content", "data", "theme"};

/* ---- paths ------------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int ssg_serve_path(const char *url, ssg_buf *rel)
{
	ssg_buf_clear(rel);
	if (url[0] != '/' || strlen(url) > MAX_URL)
		return SSG_ERR_NOTFOUND;
	/* Decode once into segments; a segment is judged after decoding,
	 * so "%2e%2e" is "..". */
	ssg_buf seg;
	ssg_buf_init(&seg);
	int rc = SSG_OK;
	bool dir = true;
	for (const char *p = url + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			if (seg.len) {
				if (ssg_str_eq((ssg_str){seg.data, seg.len},
					       ".") ||
				    ssg_str_eq((ssg_str){seg.data, seg.len},
					       "..")) {
					rc = SSG_ERR_NOTFOUND;
					break;
				}
				if (rel->len)
					ssg_buf_putc(rel, '/');
				ssg_buf_put(rel, seg.data, seg.len);
				ssg_buf_clear(&seg);
				dir = false;
			}
			if (*p == '\0')
				break;
			dir = true;
			continue;
		}
		char c = *p;
		if (c == '%') {
			int hi = hexval(p[1]);
			int lo = hi < 0 ? -1 : hexval(p[2]);
			if (lo < 0) {
				rc = SSG_ERR_NOTFOUND;
				break;
			}
			c = (char)(hi * 16 + lo);
			p += 2;
			/* An encoded '/' would be a separator nobody saw. */
			if (c == '\0' || c == '/') {
				rc = SSG_ERR_NOTFOUND;
				break;
			}
		}
		ssg_buf_putc(&seg, c);
	}
	if (rc == SSG_OK && dir) {
		if (rel->len)
			ssg_buf_putc(rel, '/');
		ssg_buf_puts(rel, "index.html");
	}
	if (rc != SSG_OK)
		ssg_buf_clear(rel);
	ssg_buf_fini(&seg);
	return rc;
}

const char *ssg_serve_content_type(const char *name)
{
	static const char *const types[][2] = {
		{"html", "text/html; charset=utf-8"},
		{"htm", "text/html; charset=utf-8"},
		{"css", "text/css; charset=utf-8"},
		{"js", "text/javascript; charset=utf-8"},
		{"mjs", "text/javascript; charset=utf-8"},
		{"json", "application/json; charset=utf-8"},
		/* Shown in the browser rather than downloaded. */
		{"jsonl", "text/plain; charset=utf-8"},
		{"csv", "text/csv; charset=utf-8"},
		{"txt", "text/plain; charset=utf-8"},
		{"md", "text/plain; charset=utf-8"},
		{"xml", "application/xml; charset=utf-8"},
		{"svg", "image/svg+xml"},
		{"png", "image/png"},
		{"jpg", "image/jpeg"},
		{"jpeg", "image/jpeg"},
		{"gif", "image/gif"},
		{"webp", "image/webp"},
		{"avif", "image/avif"},
		{"ico", "image/vnd.microsoft.icon"},
		{"woff", "font/woff"},
		{"woff2", "font/woff2"},
		{"ttf", "font/ttf"},
		{"otf", "font/otf"},
		{"pdf", "application/pdf"},
		{"zip", "application/zip"},
		{"webmanifest", "application/manifest+json"},
		{"wasm", "application/wasm"},
	};
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	if (dot && dot != base) {
		for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++) {
			const char *e = types[i][0];
			size_t n = strlen(e);
			if (strlen(dot + 1) != n)
				continue;
			size_t k = 0;
			while (k < n && (dot[1 + k] | 0x20) == e[k])
				k++;
			if (k == n)
				return types[i][1];
		}
	}
	return "application/octet-stream";
}

void ssg_serve_hit_fini(ssg_serve_hit *hit)
{
	if (hit->fd >= 0)
		close(hit->fd);
	hit->fd = -1;
	free(hit->location);
	hit->location = NULL;
}

static ssg_serve_kind lookup_rel(int rootfd, const char *rel,
				 ssg_serve_hit *hit)
{
	ssg_serve_kind kind = SSG_SERVE_NOTFOUND;
	int fd = dup(rootfd);
	if (fd < 0)
		return kind;
	const char *p = rel;
	char name[256];
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		/* Dot files (the output marker, say) are not the site's. */
		if (n >= sizeof(name) || p[0] == '.')
			goto done;
		memcpy(name, p, n);
		name[n] = '\0';
		int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
		if (slash)
			flags |= O_DIRECTORY;
		int next = openat(fd, name, flags);
		if (next < 0)
			goto done;
		close(fd);
		fd = next;
		if (!slash)
			break;
		p = slash + 1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0)
		goto done;
	if (S_ISDIR(st.st_mode)) {
		ssg_buf loc;
		ssg_buf_init(&loc);
		ssg_buf_putc(&loc, '/');
		ssg_buf_put_url_path(&loc, rel, strlen(rel));
		ssg_buf_putc(&loc, '/');
		hit->location = ssg_buf_detach(&loc);
		kind = SSG_SERVE_REDIRECT;
	} else if (S_ISREG(st.st_mode)) {
		/* Reads must block as usual; O_NONBLOCK only kept a FIFO
		 * from hanging the open. */
		int fl = fcntl(fd, F_GETFL);
		if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
			goto done;
		hit->fd = fd;
		fd = -1;
		hit->size = (unsigned long long)st.st_size;
		hit->type = ssg_serve_content_type(rel);
		kind = SSG_SERVE_FILE;
	}
done:
	if (fd >= 0)
		close(fd);
	return kind;
}

/* What `rel`, a path ssg_serve_path made, is below `root`. */
static ssg_serve_kind lookup_path(const char *root, const char *rel,
				  ssg_serve_hit *hit)
{
	ssg_serve_kind kind = SSG_SERVE_NOTFOUND;
	int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd >= 0) {
		kind = lookup_rel(rootfd, rel, hit);
		close(rootfd);
	}
	return hit->kind = kind;
}

static void hit_init(ssg_serve_hit *hit)
{
	memset(hit, 0, sizeof(*hit));
	hit->fd = -1;
}

ssg_serve_kind ssg_serve_lookup(const char *root, const char *url,
				ssg_serve_hit *hit)
{
	hit_init(hit);
	ssg_buf rel;
	ssg_buf_init(&rel);
	ssg_serve_kind kind = hit->kind = SSG_SERVE_BAD;
	if (ssg_serve_path(url, &rel) == SSG_OK)
		kind = lookup_path(root, ssg_buf_cstr(&rel), hit);
	ssg_buf_fini(&rel);
	return kind;
}

bool ssg_serve_host_ok(const char *host)
{
	static const char *const names[] = {"127.0.0.1", "localhost",
					    "[::1]"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		size_t n = strlen(names[i]);
		if (strncasecmp(host, names[i], n) != 0)
			continue;
		const char *p = host + n;
		if (*p == '\0')
			return true;
		if (*p++ != ':' || !*p)
			continue;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '\0')
			return true;
	}
	return false;
}

/* ---- pages of our own -------------------------------------------- */

static void page_head(ssg_buf *out, const char *title)
{
	/* TRANSLATORS: the language code of the translation (vi), for
	 * the HTML of the preview's own pages. */
	ssg_buf_printf(out, "<!doctype html>\n<html lang=\"%s\">\n<head>\n",
		       _("en"));
	ssg_buf_puts(out, "<meta charset=\"utf-8\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, "
			  "initial-scale=1\">\n<title>");
	ssg_buf_put_html(out, title, strlen(title));
	ssg_buf_puts(out, "</title>\n<style>body{font-family:system-ui,"
			  "sans-serif;max-width:60rem;margin:1rem auto;"
			  "padding:0 1rem;line-height:1.5;color:#0b0c0c}"
			  "pre{white-space:pre-wrap;overflow-wrap:anywhere;"
			  "background:#f3f2f1;padding:1rem;border-left:"
			  "5px solid #d4351c}</style>\n</head>\n<body>\n");
}

void ssg_serve_error_page(const ssg_diags *d, ssg_buf *out)
{
	const char *h1 = _("The site could not be built");
	const char *p = _("Fix the errors below and save the file: the site "
			  "is built again by itself; then reload this page.");
	page_head(out, _("Build error"));
	ssg_buf_puts(out, "<main>\n<h1>");
	ssg_buf_put_html(out, h1, strlen(h1));
	ssg_buf_puts(out, "</h1>\n<p>");
	ssg_buf_put_html(out, p, strlen(p));
	ssg_buf_puts(out, "</p>\n<pre>");
	for (size_t i = 0; i < ssg_diags_count(d); i++) {
		const ssg_diag *g = ssg_diags_get(d, i);
		const char *sev = g->sev == SSG_SEV_ERROR ? "error" : "warning";
		ssg_buf line;
		ssg_buf_init(&line);
		if (!g->path)
			ssg_buf_printf(&line, "ssg: %s: %s\n", sev, g->text);
		else if (g->line)
			ssg_buf_printf(&line, "%s:%u:%u: %s: %s\n", g->path,
				       g->line, g->col ? g->col : 1, sev,
				       g->text);
		else
			ssg_buf_printf(&line, "%s: %s: %s\n", g->path, sev,
				       g->text);
		ssg_buf_put_html(out, line.data, line.len);
		ssg_buf_fini(&line);
	}
	ssg_buf_puts(out, "</pre>\n</main>\n</body>\n</html>\n");
}

static void simple_page(ssg_buf *out, const char *title, const char *text)
{
	page_head(out, title);
	ssg_buf_puts(out, "<main>\n<h1>");
	ssg_buf_put_html(out, title, strlen(title));
	ssg_buf_puts(out, "</h1>\n<p>");
	ssg_buf_put_html(out, text, strlen(text));
	const char *home = _("Back to the home page");
	ssg_buf_puts(out, "</p>\n<p><a href=\"/\">");
	ssg_buf_put_html(out, home, strlen(home));
	ssg_buf_puts(out, "</a></p>\n</main>\n</body>\n</html>\n");
}

/* ---- the HTTP side ----------------------------------------------- */

typedef struct {
	pthread_mutex_t mu;
	char *root;       /* the site directory */
	char *error_html; /* while the last build failed; else NULL */
	size_t error_len;
} shared;

/* Leaves the URL as sent, so that ssg_serve_path sees and judges every
 * escape itself (MHD's own decoding would cut at "%00"). */
static size_t unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status,
			     struct MHD_Response *r, const char *type)
{
	if (!r)
		return MHD_NO;
	if (type)
		MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result queue_page(struct MHD_Connection *c, unsigned status,
				  const char *data, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		len, (void *)(uintptr_t)data, MHD_RESPMEM_MUST_COPY);
	return queue(c, status, r, "text/html; charset=utf-8");
}

static enum MHD_Result queue_simple(struct MHD_Connection *c,
				    unsigned status, const char *title,
				    const char *text)
{
	ssg_buf b;
	ssg_buf_init(&b);
	simple_page(&b, title, text);
	enum MHD_Result ok = queue_page(c, status, b.data, b.len);
	ssg_buf_fini(&b);
	return ok;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_len, void **con_cls)
{
	(void)version;
	(void)upload;
	shared *sh = cls;
	static int seen;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		ssg_buf b;
		ssg_buf_init(&b);
		simple_page(&b, _("Method not supported"),
			    _("The preview server only takes GET and HEAD."));
		struct MHD_Response *r = MHD_create_response_from_buffer(
			b.len, b.data, MHD_RESPMEM_MUST_COPY);
		ssg_buf_fini(&b);
		if (r)
			MHD_add_response_header(r, "Allow", "GET, HEAD");
		return queue(c, MHD_HTTP_METHOD_NOT_ALLOWED, r,
			     "text/html; charset=utf-8");
	}
	/* The first call only announces the request. */
	if (*con_cls == NULL) {
		*con_cls = &seen;
		return MHD_YES;
	}
	if (*upload_len) {
		*upload_len = 0; /* a GET body means nothing; drop it */
		return MHD_YES;
	}
	/* A page elsewhere that points its own name at 127.0.0.1 (DNS
	 * rebinding) must not read the preview. */
	const char *host =
		MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (host && !ssg_serve_host_ok(host))
		return queue_simple(c, MHD_HTTP_BAD_REQUEST,
				    _("Host name not valid"),
				    _("The preview server only answers at "
				      "127.0.0.1 or localhost."));
	ssg_buf rel;
	ssg_buf_init(&rel);
	if (ssg_serve_path(url, &rel) != SSG_OK) {
		ssg_buf_fini(&rel);
		return queue_simple(c, MHD_HTTP_BAD_REQUEST,
				    _("Address not valid"),
				    _("This address leads to no page of the "
				      "site."));
	}
	pthread_mutex_lock(&sh->mu);
	if (sh->error_html) {
		enum MHD_Result ok =
			queue_page(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
				   sh->error_html, sh->error_len);
		pthread_mutex_unlock(&sh->mu);
		ssg_buf_fini(&rel);
		return ok;
	}
	pthread_mutex_unlock(&sh->mu);
	ssg_serve_hit hit;
	hit_init(&hit);
	lookup_path(sh->root, ssg_buf_cstr(&rel), &hit);
	ssg_buf_fini(&rel);
	enum MHD_Result ok;
	if (hit.kind == SSG_SERVE_FILE) {
		struct MHD_Response *r =
			MHD_create_response_from_fd((uint64_t)hit.size, hit.fd);
		if (r)
			hit.fd = -1; /* MHD closes it */
		ok = queue(c, MHD_HTTP_OK, r, hit.type);
	} else if (hit.kind == SSG_SERVE_REDIRECT) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
			0, (void *)(uintptr_t) "", MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, "Location", hit.location);
		ok = queue(c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
	} else {
		ok = queue_simple(c, MHD_HTTP_NOT_FOUND, _("Page not found"),
				  _("The site has no page at this address."));
	}
	ssg_serve_hit_fini(&hit);
	return ok;
}

/* ---- watching ---------------------------------------------------- */

typedef struct {
	int fd;
	const char *workdir; /* ends with '/' */
	struct {
		int wd;
		char *path; /* relative to workdir: "content/posts" */
	} w[MAX_WATCHES];
	size_t n;
	bool full_reported;
} watcher;

static const char *watch_path(const watcher *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->w[i].wd == wd)
			return w->w[i].path;
	return NULL;
}

static void watch_forget(watcher *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->w[i].wd == wd) {
			free(w->w[i].path);
			w->w[i] = w->w[--w->n];
			return;
		}
}

static bool is_top(const char *rel)
{
	for (size_t i = 0; i < sizeof(watched_dirs) / sizeof(*watched_dirs);
	     i++)
		if (strcmp(rel, watched_dirs[i]) == 0)
			return true;
	return false;
}

/* Watches directory `rel` and every directory below it.  Problems are
 * warnings: the preview still works, only without rebuilds there. */
static void watch_tree(watcher *w, const char *rel, unsigned depth,
		       ssg_diags *d)
{
	const uint32_t mask = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE |
			      IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
			      IN_ATTRIB | IN_DELETE_SELF | IN_ONLYDIR |
			      IN_DONT_FOLLOW;
	if (depth > MAX_WATCH_DEPTH)
		return;
	ssg_buf full;
	ssg_buf_init(&full);
	ssg_buf_printf(&full, "%s%s", w->workdir, rel);
	int wd = inotify_add_watch(w->fd, ssg_buf_cstr(&full), mask);
	if (wd < 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			ssg_diags_add(d, SSG_SEV_WARNING, NULL, 0, 0,
				      "cannot watch %s for changes: %s",
				      ssg_buf_cstr(&full), strerror(errno));
		goto done;
	}
	if (!watch_path(w, wd)) {
		if (w->n == MAX_WATCHES) {
			inotify_rm_watch(w->fd, wd);
			if (!w->full_reported)
				ssg_diags_add(d, SSG_SEV_WARNING, NULL, 0, 0,
					      "more than %d directories: "
					      "changes in the others do not "
					      "rebuild",
					      MAX_WATCHES);
			w->full_reported = true;
			goto done;
		}
		w->w[w->n].wd = wd;
		w->w[w->n].path = ssg_xstrdup(rel);
		w->n++;
	}
	DIR *dh = opendir(ssg_buf_cstr(&full));
	if (!dh)
		goto done;
	ssg_buf sub;
	ssg_buf_init(&sub);
	struct dirent *de;
	while ((de = readdir(dh)) != NULL) {
		struct stat st;
		if (de->d_name[0] == '.' ||
		    fstatat(dirfd(dh), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode))
			continue;
		ssg_buf_clear(&sub);
		ssg_buf_printf(&sub, "%s/%s", rel, de->d_name);
		watch_tree(w, ssg_buf_cstr(&sub), depth + 1, d);
	}
	ssg_buf_fini(&sub);
	closedir(dh);
done:
	ssg_buf_fini(&full);
}

/* Environment errors go to d; warnings about single directories to
 * `warn`, which comes with the next build's report. */
static int watch_start(watcher *w, ssg_diags *warn, ssg_diags *d)
{
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		ssg_diags_env(d, "cannot watch files for changes: %s",
			      strerror(errno));
		return SSG_ERR_ENV;
	}
	/* The top directory, for content/ and the like coming and going. */
	int wd = inotify_add_watch(w->fd, w->workdir,
				   IN_CREATE | IN_DELETE | IN_MOVED_FROM |
					   IN_MOVED_TO | IN_ONLYDIR);
	if (wd < 0) {
		ssg_diags_env(d, "cannot watch %s for changes: %s",
			      w->workdir, strerror(errno));
		return SSG_ERR_ENV;
	}
	w->w[0].wd = wd;
	w->w[0].path = ssg_xstrdup("");
	w->n = 1;
	for (size_t i = 0; i < sizeof(watched_dirs) / sizeof(*watched_dirs);
	     i++)
		watch_tree(w, watched_dirs[i], 0, warn);
	return SSG_OK;
}

static void watch_stop(watcher *w)
{
	if (w->fd >= 0)
		close(w->fd);
	for (size_t i = 0; i < w->n; i++)
		free(w->w[i].path);
	w->n = 0;
}

/* Reads what is pending; true if a change may alter the site. */
static bool watch_drain(watcher *w, ssg_diags *d)
{
	bool changed = false;
	_Alignas(struct inotify_event) char buf[8192];
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			p += sizeof(*ev) + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				/* Events were lost: watch everything again
				 * and rebuild. */
				for (size_t i = 0;
				     i < sizeof(watched_dirs) /
						 sizeof(*watched_dirs);
				     i++)
					watch_tree(w, watched_dirs[i], 0, d);
				changed = true;
				continue;
			}
			const char *dir = watch_path(w, ev->wd);
			if (!dir)
				continue;
			if (ev->mask & IN_IGNORED) {
				watch_forget(w, ev->wd);
				continue;
			}
			const char *name = ev->len ? ev->name : "";
			/* Editors' dot and backup files; the build skips
			 * dot files too. */
			if (name[0] == '.' ||
			    (*name && name[strlen(name) - 1] == '~'))
				continue;
			if (*dir == '\0' && !is_top(name))
				continue;
			if ((ev->mask & IN_ISDIR) &&
			    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
				ssg_buf rel;
				ssg_buf_init(&rel);
				ssg_buf_printf(&rel, "%s%s%s", dir,
					       *dir ? "/" : "", name);
				watch_tree(w, ssg_buf_cstr(&rel), 0, d);
				ssg_buf_fini(&rel);
			}
			changed = true;
		}
	}
	return changed;
}

/* ---- the loop ---------------------------------------------------- */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Builds into the private directory, tells the caller, and sets or clears
 * the error page.  `extra` holds what watching found since last time; it
 * is reported with the build and emptied. */
static void rebuild(const ssg_serve_opts *o, const ssg_site_opts *so,
		    shared *sh, ssg_diags **extra_p)
{
	ssg_diags *extra = *extra_p;
	ssg_diags *bd = ssg_diags_new();
	int rc = ssg_site_build(so, bd);
	for (size_t i = 0; i < ssg_diags_count(extra); i++) {
		const ssg_diag *g = ssg_diags_get(extra, i);
		ssg_diags_add_copy(bd, g);
	}
	ssg_diags_sort(bd);
	char *page = NULL;
	size_t len = 0;
	if (rc != SSG_OK) {
		ssg_buf b;
		ssg_buf_init(&b);
		ssg_serve_error_page(bd, &b);
		len = b.len;
		page = ssg_buf_detach(&b);
	}
	pthread_mutex_lock(&sh->mu);
	free(sh->error_html);
	sh->error_html = page;
	sh->error_len = len;
	pthread_mutex_unlock(&sh->mu);
	if (o->report)
		o->report(bd, rc, o->ctx);
	ssg_diags_free(bd);
	ssg_diags_free(extra);
	*extra_p = ssg_diags_new();
}

/* GITDIR/ssg/serve, made if missing. */
static char *private_dir(const char *gitdir, ssg_diags *d)
{
	ssg_buf p;
	ssg_buf_init(&p);
	ssg_buf_printf(&p, "%sssg", gitdir);
	if (mkdir(ssg_buf_cstr(&p), 0755) < 0 && errno != EEXIST)
		goto fail;
	ssg_buf_puts(&p, "/serve");
	if (mkdir(ssg_buf_cstr(&p), 0755) < 0 && errno != EEXIST)
		goto fail;
	ssg_buf_puts(&p, "/site");
	return ssg_buf_detach(&p);
fail:
	ssg_diags_env(d, "cannot make %s: %s", ssg_buf_cstr(&p),
		      strerror(errno));
	ssg_buf_fini(&p);
	return NULL;
}

static struct MHD_Daemon *listen_local(unsigned port, shared *sh,
				       unsigned *bound, ssg_diags *d)
{
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_Daemon *mhd = MHD_start_daemon(
		MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD,
		(uint16_t)port, NULL, NULL, answer, sh, MHD_OPTION_SOCK_ADDR,
		(const struct sockaddr *)&sa, MHD_OPTION_UNESCAPE_CALLBACK,
		unescape_none, NULL, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)64, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_END);
	if (!mhd) {
		ssg_diags_env(d, "cannot listen on 127.0.0.1:%u (is the port "
				 "in use? try -p 0 for any free port)",
			      port);
		return NULL;
	}
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(mhd, MHD_DAEMON_INFO_BIND_PORT);
	*bound = info && info->port ? info->port : port;
	return mhd;
}

int ssg_serve_run(const ssg_serve_opts *o, ssg_diags *d)
{
	int rc = SSG_ERR_ENV;
	ssg_repo *repo = NULL;
	char *site_dir = NULL;
	int sigfd = -1;
	struct MHD_Daemon *mhd = NULL;
	watcher *w = ssg_xcalloc(1, sizeof(*w));
	w->fd = -1;
	ssg_diags *extra = ssg_diags_new();
	shared sh;
	memset(&sh, 0, sizeof(sh));
	pthread_mutex_init(&sh.mu, NULL);
	sigset_t sigs, blocked, old;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	/* Blocked before the server's thread starts, so that it inherits
	 * the mask: SIGINT and SIGTERM come only to the signalfd, and a
	 * client that hangs up during sendfile() gives EPIPE, not death by
	 * SIGPIPE. */
	blocked = sigs;
	sigaddset(&blocked, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &blocked, &old);

	if (ssg_repo_open(&repo, o->site.repo ? o->site.repo : ".", d))
		goto done;
	const char *workdir = ssg_repo_workdir(repo);
	if (!workdir) {
		ssg_diags_env(d, "serve needs a work tree; %s is a bare "
				 "repository",
			      o->site.repo ? o->site.repo : ".");
		goto done;
	}
	site_dir = private_dir(ssg_repo_gitdir(repo), d);
	if (!site_dir)
		goto done;
	w->workdir = workdir;
	if (watch_start(w, extra, d))
		goto done;
	sigfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0) {
		ssg_diags_env(d, "cannot wait for signals: %s",
			      strerror(errno));
		goto done;
	}
	ssg_site_opts so = o->site;
	so.rev = NULL;
	so.worktree = true;
	so.out = site_dir;
	sh.root = site_dir;
	rebuild(o, &so, &sh, &extra);
	unsigned port = 0;
	mhd = listen_local(o->port, &sh, &port, d);
	if (!mhd)
		goto done;
	if (o->listening) {
		char url[64];
		snprintf(url, sizeof(url), "http://127.0.0.1:%u/", port);
		o->listening(url, o->ctx);
	}
	long long due = -1, first = -1;
	for (;;) {
		int timeout = -1;
		if (due >= 0) {
			long long left = due - now_ms();
			timeout = left < 0 ? 0 : (int)left;
		}
		struct pollfd pf[2] = {{sigfd, POLLIN, 0}, {w->fd, POLLIN, 0}};
		int pr = poll(pf, 2, timeout);
		if (pr < 0 && errno != EINTR) {
			ssg_diags_env(d, "cannot wait for changes: %s",
				      strerror(errno));
			goto done;
		}
		if (pr > 0 && (pf[0].revents & POLLIN)) {
			/* Read, so that it is not delivered again when the
			 * old mask comes back. */
			struct signalfd_siginfo si;
			if (read(sigfd, &si, sizeof(si)) < 0 && errno != EAGAIN)
				continue;
			break;
		}
		if (pr > 0 && (pf[1].revents & POLLIN) &&
		    watch_drain(w, extra)) {
			long long t = now_ms();
			if (first < 0)
				first = t;
			due = t + SSG_SERVE_DEBOUNCE_MS;
			if (due > first + MAX_DEFER_MS)
				due = first + MAX_DEFER_MS;
		}
		if (due >= 0 && now_ms() >= due) {
			rebuild(o, &so, &sh, &extra);
			due = first = -1;
		}
	}
	rc = SSG_OK;
done:
	if (mhd)
		MHD_stop_daemon(mhd);
	if (sigfd >= 0)
		close(sigfd);
	watch_stop(w);
	free(w);
	ssg_diags_free(extra);
	free(sh.error_html);
	pthread_mutex_destroy(&sh.mu);
	free(site_dir);
	ssg_repo_free(repo);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
