/*
 * Helpers the unit tests share to build fixtures on disk: temporary
 * directories, files, shell commands and git repositories made with the
 * git CLI under fixed names and dates, so that commit ids are stable.
 *
 * Header-only: each test is compiled on its own, so every function is
 * static inline (a test that uses only some gets no unused warnings).
 * Include it after <cmocka.h>: a failing fixture step fails the test.
 */
#ifndef SSG_TEST_FIXTURE_H
#define SSG_TEST_FIXTURE_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "err.h"

/* Appends fmt formatted with ap to b. */
static inline void fx_vprintf(ssg_buf *b, const char *fmt, va_list ap)
	SSG_PRINTF(2, 0);
static inline void fx_vprintf(ssg_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fail_msg("bad format: %s", fmt);
	char *s = ssg_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	ssg_buf_put(b, s, (size_t)n);
	free(s);
}

/* Makes a fresh directory /tmp/ssg-test-NAME-XXXXXX into dir (of size
 * `size`); false when it cannot. */
static inline bool fx_mkdtemp(char *dir, size_t size, const char *name)
{
	int n = snprintf(dir, size, "/tmp/ssg-test-%s-XXXXXX", name);
	return n > 0 && (size_t)n < size && mkdtemp(dir) != NULL;
}

/* Removes dir and everything under it, first making it all writable
 * again (tests take write bits away); 0 on success, -1 otherwise, as a
 * cmocka setup or teardown returns. */
static inline int fx_rmtree(const char *dir)
{
	ssg_buf cmd;
	ssg_buf_init(&cmd);
	ssg_buf_printf(&cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", dir, dir);
	int rc = system(ssg_buf_cstr(&cmd));
	ssg_buf_fini(&cmd);
	return rc == 0 ? 0 : -1;
}

/* Runs the shell command fmt... in dir, quietly; fails the test when the
 * command fails. */
static inline void fx_run(const char *dir, const char *fmt, ...)
	SSG_PRINTF(2, 3);
static inline void fx_run(const char *dir, const char *fmt, ...)
{
	ssg_buf cmd, b;
	ssg_buf_init(&cmd);
	va_list ap;
	va_start(ap, fmt);
	fx_vprintf(&cmd, fmt, ap);
	va_end(ap);
	ssg_buf_init(&b);
	ssg_buf_printf(&b, "cd '%s' && ( %s ) >/dev/null 2>&1", dir,
		       ssg_buf_cstr(&cmd));
	int rc = system(ssg_buf_cstr(&b));
	ssg_buf_fini(&b);
	if (rc != 0) {
		/* cmocka's fail_msg does not return: keep the message. */
		static char msg[1024];
		snprintf(msg, sizeof(msg), "%s", ssg_buf_cstr(&cmd));
		ssg_buf_fini(&cmd);
		fail_msg("fixture command failed (%d): %s", rc, msg);
	}
	ssg_buf_fini(&cmd);
}

/* Everything a stream gives until its end, NUL-terminated; its length
 * in *len when len is not NULL. */
static inline char *fx_read_all(FILE *fp, size_t *len)
{
	ssg_buf b;
	ssg_buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		ssg_buf_put(&b, chunk, n);
	if (len)
		*len = b.len;
	return ssg_buf_detach(&b);
}

/* What the shell command in cmd prints, or NULL when it cannot start. */
static inline char *fx_run_read(ssg_buf *cmd)
{
	FILE *p = popen(ssg_buf_cstr(cmd), "r");
	ssg_buf_fini(cmd);
	if (!p)
		return NULL;
	char *s = fx_read_all(p, NULL);
	pclose(p);
	return s;
}

/* What the shell command fmt... prints, or NULL when it cannot start. */
static inline char *fx_capture(const char *fmt, ...) SSG_PRINTF(1, 2);
static inline char *fx_capture(const char *fmt, ...)
{
	ssg_buf cmd;
	ssg_buf_init(&cmd);
	va_list ap;
	va_start(ap, fmt);
	fx_vprintf(&cmd, fmt, ap);
	va_end(ap);
	return fx_run_read(&cmd);
}

/* What the shell command fmt... run in dir prints, without its trailing
 * newlines; NULL when it cannot start. */
static inline char *fx_output(const char *dir, const char *fmt, ...)
	SSG_PRINTF(2, 3);
static inline char *fx_output(const char *dir, const char *fmt, ...)
{
	ssg_buf cmd;
	ssg_buf_init(&cmd);
	ssg_buf_printf(&cmd, "cd '%s' && ", dir);
	va_list ap;
	va_start(ap, fmt);
	fx_vprintf(&cmd, fmt, ap);
	va_end(ap);
	char *s = fx_run_read(&cmd);
	size_t n = s ? strlen(s) : 0;
	while (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
	return s;
}

/* The bytes of the file at path, NUL-terminated, their number in *len
 * (when len is not NULL); NULL when the file cannot be read. */
static inline char *fx_slurp(const char *path, size_t *len)
{
	if (len)
		*len = 0;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *s = fx_read_all(fp, len);
	bool bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(s);
		return NULL;
	}
	return s;
}

/* "a/b", allocated. */
static inline char *fx_path(const char *a, const char *b)
{
	ssg_buf p;
	ssg_buf_init(&p);
	ssg_buf_printf(&p, "%s/%s", a, b);
	return ssg_buf_detach(&p);
}

/* Writes `len` bytes of data (strlen(data) when SIZE_MAX) to dir/rel,
 * making the directories on the way; fails the test when it cannot. */
static inline void fx_put_n(const char *dir, const char *rel,
			    const char *data, size_t len)
{
	char *path = fx_path(dir, rel);
	for (char *p = path + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			fail_msg("cannot make %s", path);
		*p = '/';
	}
	FILE *fp = fopen(path, "wb");
	if (!fp)
		fail_msg("cannot write %s", path);
	if (len == SIZE_MAX)
		len = strlen(data);
	bool ok = fwrite(data, 1, len, fp) == len;
	ok = fclose(fp) == 0 && ok;
	if (!ok)
		fail_msg("cannot write %s", path);
	free(path);
}

static inline void fx_put(const char *dir, const char *rel, const char *text)
{
	fx_put_n(dir, rel, text, SIZE_MAX);
}

/* Makes git, run by a test or through libgit2, read no configuration of
 * the user or the system (HOME becomes `home`) and no repository named
 * by the environment. */
static inline void fx_git_isolate(const char *home)
{
	setenv("HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
}

/* The names and e-mails of the commits git makes from now on. */
static inline void fx_git_names(const char *author, const char *author_mail,
				const char *committer,
				const char *committer_mail)
{
	setenv("GIT_AUTHOR_NAME", author, 1);
	setenv("GIT_AUTHOR_EMAIL", author_mail, 1);
	setenv("GIT_COMMITTER_NAME", committer, 1);
	setenv("GIT_COMMITTER_EMAIL", committer_mail, 1);
}

/* The dates of the commits and tags git makes from now on. */
static inline void fx_git_dates(const char *author, const char *committer)
{
	setenv("GIT_AUTHOR_DATE", author, 1);
	setenv("GIT_COMMITTER_DATE", committer, 1);
}

/* Day n of July 2024 at 09:00+07 as both dates: fixtures commit one day
 * after another. */
static inline void fx_git_july(int n)
{
	char date[64];
	snprintf(date, sizeof(date), "2024-07-%02dT09:00:00+07:00", n);
	fx_git_dates(date, date);
}

/* A fresh directory for a group of git fixtures: git isolated in it, the
 * authors of the history tests, TZ=UTC. */
static inline bool fx_git_group(char *dir, size_t size, const char *name)
{
	if (!fx_mkdtemp(dir, size, name))
		return false;
	fx_git_isolate(dir);
	fx_git_names("Nguyễn Văn A", "a@example.vn", "Trần Thị B",
		     "b@example.vn");
	setenv("TZ", "UTC", 1);
	return true;
}

/* Commit number n of the fixture repository `repo` in `dir`: all of its
 * work tree, on day n of July 2024 (fx_git_july). */
static inline void fx_git_commit(const char *dir, const char *repo, int n,
				 const char *msg)
{
	fx_git_july(n);
	fx_run(dir, "cd %s && git add -A && git commit -q --allow-empty -m '%s'",
	       repo, msg);
}

#endif
