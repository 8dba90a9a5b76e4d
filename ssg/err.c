#include "err.h"

#include "i18n.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

struct ssg_diags {
	ssg_diag *items;
	size_t len, cap;
};

void *ssg_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("ssg: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *ssg_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		fputs("ssg: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *ssg_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("ssg: out of memory\n", stderr);
		abort();
	}
	return q;
}

void *ssg_xgrow(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p;
	return ssg_xrealloc(p, (n ? 2 * n : 1) * size);
}

void ssg_sort(void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

char *ssg_xstrndup(const char *s, size_t n)
{
	char *p = ssg_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ssg_xstrdup(const char *s)
{
	return ssg_xstrndup(s, strlen(s));
}

ssg_diags *ssg_diags_new(void)
{
	return ssg_xcalloc(1, sizeof(ssg_diags));
}

void ssg_diags_free(ssg_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->len; i++)
		ssg_diag_fini(&d->items[i]);
	free(d->items);
	free(d);
}

static char *vformat(const char *fmt, va_list ap) SSG_PRINTF(1, 0);

static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *s = ssg_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static ssg_diag *push(ssg_diags *d)
{
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = ssg_xrealloc(d->items, d->cap * sizeof(ssg_diag));
	}
	return &d->items[d->len++];
}

static void add(ssg_diags *d, ssg_severity sev, const char *path,
		unsigned line, unsigned col, char *msg, char *text)
{
	ssg_diag *g = push(d);
	g->sev = sev;
	g->path = path ? ssg_xstrdup(path) : NULL;
	g->line = line;
	g->col = col;
	g->msg = msg;
	g->text = text;
}

void ssg_diags_vadd(ssg_diags *d, ssg_severity sev, const char *path,
		    unsigned line, unsigned col, const char *fmt, va_list ap)
{
	const char *local = ssg_i18n_text(fmt);
	va_list ap2;
	va_copy(ap2, ap);
	char *msg = vformat(fmt, ap2);
	va_end(ap2);
	/* ssg_i18n_text again, not `local`: its format_arg attribute is
	 * what lets the compiler check the translated format. */
	char *text = local == fmt ? msg : vformat(ssg_i18n_text(fmt), ap);
	add(d, sev, path, line, col, msg, text);
}

static char *format(const char *fmt, ...) SSG_PRINTF(1, 2);
static char *format(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	return s;
}

void ssg_diags_env_causev(ssg_diags *d, const char *why, const char *detail,
			  const char *fmt, va_list ap)
{
	const char *local = ssg_i18n_text(fmt);
	va_list ap2;
	va_copy(ap2, ap);
	char *head = vformat(fmt, ap2);
	va_end(ap2);
	char *local_head = local == fmt ? NULL : vformat(ssg_i18n_text(fmt), ap);
	char *msg = format("%s: %s (%s)", head, why, detail);
	char *text = format("%s: %s (%s)", local_head ? local_head : head,
			    ssg_i18n_text(why), detail);
	free(head);
	free(local_head);
	if (strcmp(msg, text) == 0) {
		free(text);
		text = msg;
	}
	add(d, SSG_SEV_ERROR, NULL, 0, 0, msg, text);
}

void ssg_diags_msg(ssg_diags *d, ssg_severity sev, const char *path,
		   unsigned line, unsigned col, const char *msg)
{
	const char *local = ssg_i18n_text(msg);
	char *m = ssg_xstrdup(msg);
	add(d, sev, path, line, col, m, local == msg ? m : ssg_xstrdup(local));
}

void ssg_diags_add_copy(ssg_diags *d, const ssg_diag *g)
{
	ssg_diag_copy(push(d), g);
}

void ssg_diag_copy(ssg_diag *to, const ssg_diag *from)
{
	*to = *from;
	to->path = from->path ? ssg_xstrdup(from->path) : NULL;
	to->msg = ssg_xstrdup(from->msg);
	to->text = from->text == from->msg ? to->msg
					   : ssg_xstrdup(from->text);
}

void ssg_diag_fini(ssg_diag *g)
{
	if (g->text != g->msg)
		free(g->text);
	free(g->msg);
	free(g->path);
	g->path = g->msg = g->text = NULL;
}

void ssg_diags_add(ssg_diags *d, ssg_severity sev, const char *path,
		   unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_vadd(d, sev, path, line, col, fmt, ap);
	va_end(ap);
}

void ssg_diags_error(ssg_diags *d, const char *path, unsigned line,
		     unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_vadd(d, SSG_SEV_ERROR, path, line, col, fmt, ap);
	va_end(ap);
}

void ssg_diags_env(ssg_diags *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_vadd(d, SSG_SEV_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void ssg_mem_init(void)
{
#if defined(__GLIBC__)
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}

void ssg_mem_release(void)
{
#if defined(__GLIBC__)
	malloc_trim(0);
#endif
}

int ssg_cores(int max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > max ? max : (int)n;
}

void ssg_diags_move(ssg_diags *to, ssg_diags *from)
{
	for (size_t i = 0; i < from->len; i++)
		*push(to) = from->items[i];
	from->len = 0;
}

size_t ssg_diags_count(const ssg_diags *d)
{
	return d->len;
}

size_t ssg_diags_errors(const ssg_diags *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->len; i++)
		n += d->items[i].sev == SSG_SEV_ERROR;
	return n;
}

size_t ssg_diags_env_errors(const ssg_diags *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->len; i++)
		n += d->items[i].sev == SSG_SEV_ERROR && !d->items[i].path;
	return n;
}

const ssg_diag *ssg_diags_get(const ssg_diags *d, size_t i)
{
	return i < d->len ? &d->items[i] : NULL;
}

static int diag_cmp(const ssg_diag *a, const ssg_diag *b)
{
	if (!a->path || !b->path)
		return (a->path != NULL) - (b->path != NULL);
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void ssg_diags_sort(ssg_diags *d)
{
	/* Insertion sort: stable, and lists are short. */
	for (size_t i = 1; i < d->len; i++) {
		ssg_diag x = d->items[i];
		size_t j = i;
		while (j > 0 && diag_cmp(&d->items[j - 1], &x) > 0) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = x;
	}
	/* The same problem found by every page that meets it (a layout
	 * that includes itself, on each of 14 pages) is one problem. */
	size_t n = 0;
	for (size_t i = 0; i < d->len; i++) {
		ssg_diag *x = &d->items[i];
		bool seen = false;
		for (size_t j = n; j-- > 0 && diag_cmp(&d->items[j], x) == 0;)
			if (d->items[j].sev == x->sev &&
			    strcmp(d->items[j].msg, x->msg) == 0)
				seen = true;
		if (seen) {
			free(x->path);
			free(x->msg);
		} else {
			d->items[n++] = *x;
		}
	}
	d->len = n;
}
