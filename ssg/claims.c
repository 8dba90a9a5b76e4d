/* claims — one page per output file (claims.h). */
#include "claims.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "i18n.h"
#include "intern.h"
#include "text.h"

/* A page that has, or wanted, a file. */
typedef struct {
	const char *path; /* as written: the key's own string when equal */
	bool site;        /* the site's own page: `from` unused */
	ssg_from from;
} holder;

typedef struct {
	const char *key; /* the file, folded */
	holder a, b;     /* a had it, b wanted it; ordered by the report */
} clash;

struct ssg_claims {
	pthread_mutex_t lock;
	ssg_arena *arena;
	ssg_intern *keys; /* a folded path's id is its index in held */
	holder *held;
	size_t cap;
	clash *clashes;
	size_t nclash, capclash;
	const char **done; /* folded: reported by the checks of names */
	size_t ndone, capdone;
};

ssg_claims *ssg_claims_new(void)
{
	ssg_claims *c = ssg_xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->arena = ssg_arena_new();
	c->keys = ssg_intern_new(c->arena);
	return c;
}

void ssg_claims_free(ssg_claims *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	ssg_intern_free(c->keys);
	ssg_arena_free(c->arena);
	free(c->held);
	free(c->clashes);
	free(c->done);
	free(c);
}

static holder holder_of(const char *path, const ssg_from *from)
{
	holder h = {path, from == NULL, {SSG_FROM_FILE, NULL, 0, NULL}};
	if (from)
		h.from = *from;
	return h;
}

bool ssg_claims_take(ssg_claims *c, const char *path, const ssg_from *from)
{
	ssg_buf k;
	ssg_buf_init(&k);
	ssg_text_key(&k, path, strlen(path));
	pthread_mutex_lock(&c->lock);
	size_t n = ssg_intern_count(c->keys);
	size_t id = ssg_intern_id(c->keys, ssg_buf_cstr(&k), k.len);
	const char *key = ssg_intern_str(c->keys, id);
	/* Most paths are their own key: one copy of them. */
	const char *mine = strcmp(key, path) == 0
				   ? key
				   : ssg_arena_strn(c->arena, path, strlen(path));
	bool free_file = id == n;
	if (free_file) {
		if (id == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 256;
			c->held = ssg_xrealloc(c->held, c->cap * sizeof(*c->held));
		}
		c->held[id] = holder_of(mine, from);
	} else {
		if (c->nclash == c->capclash) {
			c->capclash = c->capclash ? 2 * c->capclash : 8;
			c->clashes = ssg_xrealloc(
				c->clashes, c->capclash * sizeof(*c->clashes));
		}
		c->clashes[c->nclash++] =
			(clash){key, c->held[id], holder_of(mine, from)};
	}
	pthread_mutex_unlock(&c->lock);
	ssg_buf_fini(&k);
	return free_file;
}

void ssg_claims_reported(ssg_claims *c, const char *dir)
{
	ssg_buf k;
	ssg_buf_init(&k);
	ssg_text_key(&k, dir, strlen(dir));
	if (c->ndone == c->capdone) {
		c->capdone = c->capdone ? 2 * c->capdone : 8;
		c->done = ssg_xrealloc(c->done, c->capdone * sizeof(*c->done));
	}
	c->done[c->ndone++] = ssg_arena_strn(c->arena, ssg_buf_cstr(&k), k.len);
	ssg_buf_fini(&k);
}

static bool is_reported(const ssg_claims *c, const char *key)
{
	for (size_t i = 0; i < c->ndone; i++) {
		const char *d = c->done[i];
		size_t n = strlen(d);
		if (n && d[n - 1] == '/' ? strncmp(key, d, n) == 0
					 : strcmp(key, d) == 0)
			return true;
	}
	return false;
}

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* The site's own pages first, then by kind, file, line and name: the
 * order of the two pages of a clash in its message. */
static int holder_cmp(const holder *x, const holder *y)
{
	if (x->site != y->site)
		return x->site ? -1 : 1;
	if (x->site)
		return strcmp(x->path, y->path);
	if (x->from.kind != y->from.kind)
		return x->from.kind < y->from.kind ? -1 : 1;
	int r = str_cmp(x->from.path, y->from.path);
	if (r)
		return r;
	if (x->from.line != y->from.line)
		return x->from.line < y->from.line ? -1 : 1;
	return str_cmp(x->from.name, y->from.name);
}

static int clash_cmp(const void *p, const void *q)
{
	const clash *x = p, *y = q;
	int r = holder_cmp(&x->a, &y->a);
	if (!r)
		r = holder_cmp(&x->b, &y->b);
	return r ? r : strcmp(x->key, y->key);
}

/* English or the user's language: a diagnostic keeps both (err.h), and
 * these messages are put together from pieces, each translated. */
static const char *tr(bool local, const char *s) SSG_FORMAT_ARG(2);
static const char *tr(bool local, const char *s)
{
	return local ? ssg_i18n_text(s) : s;
}

/* A named page as a clerk knows it: its file, its row, its tag. */
static void describe(ssg_buf *b, const holder *h, bool local)
{
	switch (h->from.kind) {
	case SSG_FROM_FILE:
		ssg_buf_puts(b, h->from.path);
		break;
	case SSG_FROM_ROW:
		ssg_buf_printf(b, tr(local, N_("row '%s' of %s")),
			       h->from.name, h->from.path);
		break;
	case SSG_FROM_TAG:
		ssg_buf_printf(b, tr(local, N_("tag '%s'")), h->from.name);
		break;
	}
}

/* The message of clash x (a before b, a possibly the site's own). */
static char *message(const clash *x, bool local)
{
	ssg_buf da, db, m;
	ssg_buf_init(&da);
	ssg_buf_init(&db);
	ssg_buf_init(&m);
	describe(&db, &x->b, local);
	bool same = strcmp(x->a.path, x->b.path) == 0;
	if (x->a.site && same)
		ssg_buf_printf(&m,
			       tr(local, N_("%s would be written to %s, which "
					    "is the site's own file: rename "
					    "it")),
			       ssg_buf_cstr(&db), x->b.path);
	else if (x->a.site)
		ssg_buf_printf(&m,
			       tr(local, N_("%s would be written to %s, which "
					    "is the site's own %s where letter "
					    "case does not count (Windows, "
					    "macOS): rename it")),
			       ssg_buf_cstr(&db), x->b.path, x->a.path);
	else {
		describe(&da, &x->a, local);
		if (same)
			ssg_buf_printf(&m,
				       tr(local, N_("%s and %s would both be "
						    "written to %s: rename one "
						    "of them")),
				       ssg_buf_cstr(&da), ssg_buf_cstr(&db),
				       x->b.path);
		else
			ssg_buf_printf(&m,
				       tr(local, N_("%s and %s would be "
						    "written to %s and %s, one "
						    "file where letter case "
						    "does not count (Windows, "
						    "macOS): rename one of "
						    "them")),
				       ssg_buf_cstr(&da), ssg_buf_cstr(&db),
				       x->a.path, x->b.path);
	}
	ssg_buf_fini(&da);
	ssg_buf_fini(&db);
	return ssg_buf_detach(&m);
}

/* Two rows of one table with one key: the table reports the duplicate
 * key (table.h) at the same line, and a second error would only repeat
 * it. */
static bool same_row(const clash *x)
{
	return x->a.from.kind == SSG_FROM_ROW &&
	       x->b.from.kind == SSG_FROM_ROW &&
	       strcmp(x->a.from.path, x->b.from.path) == 0 &&
	       strcmp(x->a.from.name, x->b.from.name) == 0;
}

static void report(const clash *x, ssg_diags *d)
{
	if (x->a.site && x->b.site) {
		/* Routes of the site's own that meet: a bug of ssg. */
		ssg_diags_env(d, "internal: the site's own files %s and %s "
			      "would be one file", x->a.path, x->b.path);
		return;
	}
	/* At b's file, else a's: a is the site's own or the first. */
	const holder *at = x->b.from.kind != SSG_FROM_TAG ? &x->b
			   : !x->a.site && x->a.from.kind != SSG_FROM_TAG
				   ? &x->a
				   : NULL;
	ssg_diag g = {SSG_SEV_ERROR, NULL, 0, 0, message(x, false),
		      message(x, true)};
	if (at) {
		g.path = (char *)at->from.path;
		g.line = at->from.line ? at->from.line : 1;
		g.col = 1;
	}
	ssg_diags_add_copy(d, &g);
	free(g.msg);
	free(g.text);
}

size_t ssg_claims_report(ssg_claims *c, ssg_diags *d)
{
	for (size_t i = 0; i < c->nclash; i++) {
		clash *x = &c->clashes[i];
		if (holder_cmp(&x->a, &x->b) > 0) {
			holder t = x->a;
			x->a = x->b;
			x->b = t;
		}
	}
	ssg_sort(c->clashes, c->nclash, sizeof(*c->clashes), clash_cmp);
	size_t n = 0;
	const clash *last = NULL;
	for (size_t i = 0; i < c->nclash; i++) {
		const clash *x = &c->clashes[i];
		if (is_reported(c, x->key) || same_row(x))
			continue;
		/* Once per pair: a table's two data files are one clash. */
		if (last && holder_cmp(&last->a, &x->a) == 0 &&
		    holder_cmp(&last->b, &x->b) == 0 &&
		    !(x->a.site && x->b.site))
			continue;
		report(x, d);
		last = x;
		n++;
	}
	c->nclash = 0;
	return n;
}
