/*
 * err — the one error record of ssg.
 *
 * Every fallible function returns an ssg_code and, when it fails, adds a
 * diagnostic to the ssg_diags list it was given.  A diagnostic with a path
 * is a content problem (printed "PATH:LINE:COL: error: MSG", exit 1); one
 * without a path is a usage or environment problem (printed "ssg: error:
 * MSG", exit 2).  Collecting instead of stopping lets `check` and `build`
 * report every problem at once.  Only main.c prints.
 */
#ifndef SSG_ERR_H
#define SSG_ERR_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define SSG_WUR __attribute__((warn_unused_result))
#define SSG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SSG_WUR
#define SSG_PRINTF(f, a)
#endif

typedef enum {
	SSG_OK = 0,
	SSG_ERR_CONTENT = -1, /* bad input; diagnostics say where */
	SSG_ERR_ENV = -2,     /* usage, repository, file system */
	SSG_ERR_LIMIT = -3,   /* input larger or deeper than we accept */
	SSG_ERR_NOTFOUND = -4 /* a lookup that found nothing; not always an error */
} ssg_code;

typedef enum { SSG_SEV_ERROR, SSG_SEV_WARNING } ssg_severity;

typedef struct {
	ssg_severity sev;
	char *path;    /* NULL for usage/environment errors */
	unsigned line; /* 1-based; 0 when unknown */
	unsigned col;  /* 1-based; 0 when unknown */
	/* English, whatever the locale: what may go into the site or a
	 * cache, whose bytes must not depend on the locale. */
	char *msg;
	/* The same in the user's language (i18n.h), for printing; may be
	 * msg itself. */
	char *text;
} ssg_diag;

typedef struct ssg_diags ssg_diags;

ssg_diags *ssg_diags_new(void);
void ssg_diags_free(ssg_diags *d); /* accepts NULL */

/* Adds one diagnostic; path may be NULL (environment error).  fmt is an
 * English printf format, and a literal, so that xgettext finds it: the
 * message is translated here (msg and text above).  A module's own
 * reporting function passes its format on through ssg_diags_vadd and is
 * named to xgettext in the Makefile (XGETTEXT_KEYWORDS). */
void ssg_diags_add(ssg_diags *d, ssg_severity sev, const char *path,
		   unsigned line, unsigned col, const char *fmt, ...)
	SSG_PRINTF(6, 7);

/* The same with a va_list, for a module's own reporting function. */
void ssg_diags_vadd(ssg_diags *d, ssg_severity sev, const char *path,
		    unsigned line, unsigned col, const char *fmt, va_list ap)
	SSG_PRINTF(6, 0);

/* A message that is not a format but one chosen at run time among
 * strings marked N_() where they are written: translated whole. */
void ssg_diags_msg(ssg_diags *d, ssg_severity sev, const char *path,
		   unsigned line, unsigned col, const char *msg);
/* Appends a copy of g, both of its languages. */
void ssg_diags_add_copy(ssg_diags *d, const ssg_diag *g);

/* Shorthands for the two common cases. */
void ssg_diags_error(ssg_diags *d, const char *path, unsigned line,
		     unsigned col, const char *fmt, ...) SSG_PRINTF(5, 6);
void ssg_diags_env(ssg_diags *d, const char *fmt, ...) SSG_PRINTF(2, 3);

/* An environment error whose cause a library reported (libgit2): fmt's
 * sentence, ": ", `why` (a message of our own, N_()-marked, saying what
 * to do) and the library's own text in parentheses, which stays as the
 * library wrote it.  msg and text as ever: fmt and why in English in
 * one, translated in the other. */
void ssg_diags_env_causev(ssg_diags *d, const char *why, const char *detail,
			  const char *fmt, va_list ap) SSG_PRINTF(4, 0);

size_t ssg_diags_count(const ssg_diags *d);
size_t ssg_diags_errors(const ssg_diags *d);     /* severity error only */
size_t ssg_diags_env_errors(const ssg_diags *d); /* errors without path */
const ssg_diag *ssg_diags_get(const ssg_diags *d, size_t i); /* lent */
/* A diagnostic of one's own, outside a list: copy and free its strings. */
void ssg_diag_copy(ssg_diag *to, const ssg_diag *from);
void ssg_diag_fini(ssg_diag *g);
/* Cores online, between 1 and max: how many threads a step may use. */
int ssg_cores(int max);

/* Appends every diagnostic of `from` to `to`, in order, and empties
 * `from`: how the threads of one build report into one list. */
void ssg_diags_move(ssg_diags *to, ssg_diags *from);

/* Orders by path, line, col (stable), so output does not depend on the
 * order in which modules happened to find problems, and keeps one of
 * diagnostics that say the same thing at the same place. */
void ssg_diags_sort(ssg_diags *d);

/* Allocation never fails visibly: out of memory aborts, as in cmark. */
void *ssg_xmalloc(size_t n);
void *ssg_xcalloc(size_t n, size_t size);
void *ssg_xrealloc(void *p, size_t n);
char *ssg_xstrdup(const char *s);
/* Room for element n of an array of n elements of `size` bytes, grown by
 * doubling with no capacity kept: it reallocates only when n is zero or a
 * power of two, so that an array grown one at a time is not copied once
 * per element. */
void *ssg_xgrow(void *p, size_t n, size_t size);
/* qsort that takes an empty array as it comes: (NULL, 0) is what an
 * empty list of ours holds, and C leaves qsort(NULL, 0, ...) undefined. */
void ssg_sort(void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));
/* Gives memory freed so far back to the system: glibc keeps it in the
 * arena of the thread that freed it, where the other thread cannot use
 * it.  Called where a build has just freed much (the history walk's own
 * state, a revision copy): 30 MB of peak on a province. */
void ssg_mem_release(void);
/* Blocks of 256 KiB and more (a large page being rendered, a table's
 * text) get their own mappings, returned whole when freed: glibc's
 * default raises that threshold as such blocks come and go, and they
 * then stay in the heap, in pieces.  Called once, first thing. */
void ssg_mem_init(void);
char *ssg_xstrndup(const char *s, size_t n);

#endif
