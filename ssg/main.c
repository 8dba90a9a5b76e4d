/*
 * main — the command line: arguments, exit status and the printing of
 * diagnostics.  Nothing else in ssg prints.
 *
 * Exit status: 0 success, 1 content errors (PATH:LINE:COL: error: ...),
 * 2 usage or environment errors (ssg: error: ...).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "archive.h"
#include "diff.h"
#include "err.h"
#include "fmt.h"
#include "history.h"
#include "plan.h"
#include "repo.h"
#include "serve.h"
#include "site.h"
#include "table.h"

#define SSG_MAX_KEYS 64

static const char usage[] =
	"usage: ssg build   [-C REPO] [--rev REV | --worktree] [-o OUT] "
	"[--key T=C[,C...]]\n"
	"                   [--archive FILE.zip] [--no-history]\n"
	"       ssg check   [-C REPO] [--rev REV | --worktree] "
	"[--key T=C[,C...]] [--no-history]\n"
	"       ssg history [-C REPO] [--rev REV] [--json] [--key T=C[,C...]] "
	"[TABLE[/ID]]\n"
	"       ssg diff    [-C REPO] [--key T=C[,C...]] REV_A REV_B\n"
	"       ssg serve   [-C REPO] [-p PORT] [--key T=C[,C...]]\n"
	"       ssg --help | --version\n";

typedef struct {
	const char *cmd;
	ssg_site_opts site;
	ssg_key_override keys[SSG_MAX_KEYS];
	char *key_storage[SSG_MAX_KEYS];
	const char **key_cols[SSG_MAX_KEYS];
	size_t nkeys;
	const char *archive; /* build --archive */
	const char *port;    /* serve -p */
	bool json;           /* history --json */
	const char *pos[2];  /* history: TABLE[/ID]; diff: REV_A REV_B */
	size_t npos;
} args;

static void print_diags(const ssg_diags *d)
{
	for (size_t i = 0; i < ssg_diags_count(d); i++) {
		const ssg_diag *g = ssg_diags_get(d, i);
		const char *sev = g->sev == SSG_SEV_ERROR ? "error" : "warning";
		if (!g->path)
			fprintf(stderr, "ssg: %s: %s\n", sev, g->msg);
		else if (g->line)
			fprintf(stderr, "%s:%u:%u: %s: %s\n", g->path, g->line,
				g->col ? g->col : 1, sev, g->msg);
		else
			fprintf(stderr, "%s: %s: %s\n", g->path, sev, g->msg);
	}
}

/* "tasks=id" or "communes=province,commune" */
static int parse_key(args *a, const char *spec, ssg_diags *d)
{
	const char *eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1]) {
		ssg_diags_env(d, "--key wants TABLE=COLUMN[,COLUMN...], not '%s'",
			      spec);
		return SSG_ERR_ENV;
	}
	if (a->nkeys == SSG_MAX_KEYS) {
		ssg_diags_env(d, "too many --key options (at most %d)",
			      SSG_MAX_KEYS);
		return SSG_ERR_ENV;
	}
	char *s = ssg_xstrdup(spec);
	s[eq - spec] = '\0';
	size_t ncols = 1;
	for (char *c = s + (eq - spec) + 1; *c; c++)
		ncols += *c == ',';
	const char **cols = ssg_xcalloc(ncols, sizeof(char *));
	size_t n = 0;
	for (char *c = s + (eq - spec) + 1; c;) {
		char *comma = strchr(c, ',');
		if (comma)
			*comma = '\0';
		if (*c)
			cols[n++] = c;
		c = comma ? comma + 1 : NULL;
	}
	a->key_storage[a->nkeys] = s;
	a->key_cols[a->nkeys] = cols;
	a->keys[a->nkeys].table = s;
	a->keys[a->nkeys].cols = cols;
	a->keys[a->nkeys].ncols = n;
	a->nkeys++;
	return SSG_OK;
}

/* history and diff read commits, never the work tree. */
static bool is_walk(const char *cmd)
{
	return strcmp(cmd, "history") == 0 || strcmp(cmd, "diff") == 0;
}

static size_t max_pos(const char *cmd)
{
	return strcmp(cmd, "diff") == 0 ? 2 : strcmp(cmd, "history") == 0;
}

static int parse_args(args *a, int argc, char **argv, ssg_diags *d)
{
	a->site.repo = ".";
	a->site.out = "public";
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = strcmp(arg, "-C") == 0 || strcmp(arg, "--rev") == 0 ||
			     strcmp(arg, "-o") == 0 || strcmp(arg, "--key") == 0 ||
			     strcmp(arg, "-p") == 0 || strcmp(arg, "--archive") == 0;
		if (takes && !val) {
			ssg_diags_env(d, "%s needs a value", arg);
			return SSG_ERR_ENV;
		}
		if (strcmp(arg, "-C") == 0)
			a->site.repo = val;
		else if (strcmp(arg, "--rev") == 0)
			a->site.rev = val;
		else if (strcmp(arg, "-o") == 0 && strcmp(a->cmd, "build") == 0)
			a->site.out = val;
		else if (strcmp(arg, "--archive") == 0 &&
			 strcmp(a->cmd, "build") == 0)
			a->archive = val;
		else if (strcmp(arg, "-p") == 0 && strcmp(a->cmd, "serve") == 0)
			a->port = val;
		else if (strcmp(arg, "--key") == 0) {
			if (parse_key(a, val, d))
				return SSG_ERR_ENV;
		} else if (strcmp(arg, "--worktree") == 0 && !is_walk(a->cmd))
			a->site.worktree = true;
		else if (strcmp(arg, "--no-history") == 0 && !is_walk(a->cmd))
			a->site.no_history = true;
		else if (strcmp(arg, "--json") == 0 &&
			 strcmp(a->cmd, "history") == 0)
			a->json = true;
		else if (arg[0] != '-' && a->npos < max_pos(a->cmd))
			a->pos[a->npos++] = arg;
		else {
			ssg_diags_env(d, "unknown option '%s' for '%s'", arg,
				      a->cmd);
			return SSG_ERR_ENV;
		}
		if (takes)
			i++;
	}
	if (a->site.worktree && a->site.rev) {
		ssg_diags_env(d, "--rev and --worktree cannot go together");
		return SSG_ERR_ENV;
	}
	if (strcmp(a->cmd, "diff") == 0 && (a->npos != 2 || a->site.rev)) {
		ssg_diags_env(d, "diff wants two revisions: ssg diff REV_A "
				 "REV_B");
		return SSG_ERR_ENV;
	}
	a->site.plan.keys = a->keys;
	a->site.plan.nkeys = a->nkeys;
	return SSG_OK;
}

/* ---- build --archive -------------------------------------------- */

static int write_archive(const args *a, ssg_diags *d)
{
	long long t;
	int rc = ssg_archive_commit_time(a->site.repo, a->site.rev,
					 a->site.worktree, &t, d);
	if (rc == SSG_OK)
		rc = ssg_archive_write(a->site.out, a->archive, t, d);
	return rc;
}

/* ---- serve: serve.c builds and answers, this prints ----------------- */

static void serve_listening(const char *url, void *ctx)
{
	(void)ctx;
	printf("ssg: serving %s (Ctrl-C stops)\n", url);
	fflush(stdout);
}

static void serve_report(const ssg_diags *d, int rc, void *ctx)
{
	(void)ctx;
	print_diags(d);
	if (rc == SSG_OK)
		printf("ssg: site built\n");
	else
		printf("ssg: build failed: the browser shows the errors until "
		       "the next good build\n");
	fflush(stdout);
}

static int serve(args *a, ssg_diags *d)
{
	ssg_serve_opts so;
	memset(&so, 0, sizeof(so));
	so.site = a->site;
	so.port = SSG_SERVE_DEFAULT_PORT;
	if (a->port) {
		char *end;
		unsigned long p = strtoul(a->port, &end, 10);
		if (!*a->port || *end || p > 65535 || a->port[0] == '-') {
			ssg_diags_env(d, "-p wants a port number from 0 to "
					 "65535, not '%s'",
				      a->port);
			return SSG_ERR_ENV;
		}
		so.port = (unsigned)p;
	}
	if (a->site.rev) {
		ssg_diags_env(d, "serve always builds the work tree, not "
				 "--rev");
		return SSG_ERR_ENV;
	}
	so.listening = serve_listening;
	so.report = serve_report;
	return ssg_serve_run(&so, d);
}

/* ---- history and diff ---- */

/* Row keys for history and diff: --key first, then what the plan at
 * `rev` uses (datapackage.json primaryKey, id, first column).  A plan
 * with content errors still lends the keys of the tables that parsed;
 * the others fall back to `id` or the first column, as history.h does. */
typedef struct {
	ssg_history_key *v;
	size_t n;
	const char ***cols; /* per plan table, NULL when --key named it */
	size_t ntables;
	ssg_snapshot *snap;
	ssg_plan *plan;
} keyset;

static bool key_listed(const keyset *k, const char *table)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i].table, table) == 0)
			return true;
	return false;
}

static void keyset_load(keyset *k, const args *a, ssg_repo *r,
			const char *rev)
{
	memset(k, 0, sizeof(*k));
	ssg_diags *quiet = ssg_diags_new();
	size_t ntables = 0;
	if (ssg_repo_snapshot(r, rev, &k->snap, quiet) == SSG_OK &&
	    ssg_plan_load(&k->plan, k->snap, &a->site.plan, quiet) !=
		    SSG_ERR_ENV &&
	    k->plan)
		ntables = ssg_plan_ntables(k->plan);
	k->ntables = ntables;
	k->v = ssg_xcalloc(a->nkeys + ntables + 1, sizeof(*k->v));
	k->cols = ssg_xcalloc(ntables + 1, sizeof(*k->cols));
	for (size_t i = 0; i < a->nkeys; i++)
		k->v[k->n++] = (ssg_history_key){a->keys[i].table,
						 a->keys[i].cols,
						 a->keys[i].ncols};
	for (size_t i = 0; i < ntables; i++) {
		const ssg_plan_table *t = ssg_plan_table_at(k->plan, i);
		if (key_listed(k, t->name) || !t->nkey)
			continue;
		const char **cols = ssg_xcalloc(t->nkey + 1, sizeof(char *));
		for (size_t j = 0; j < t->nkey; j++)
			cols[j] = ssg_table_colname(t->table, t->key_cols[j]);
		k->cols[i] = cols;
		k->v[k->n++] = (ssg_history_key){t->name, cols, t->nkey};
	}
	ssg_diags_free(quiet);
}

static void keyset_fini(keyset *k)
{
	for (size_t i = 0; i < k->ntables; i++)
		free(k->cols[i]);
	free(k->cols);
	free(k->v);
	ssg_plan_free(k->plan);
	ssg_snapshot_free(k->snap);
}

static const ssg_history_key *keyset_find(const keyset *k, const char *t)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i].table, t) == 0)
			return &k->v[i];
	return NULL;
}

/* Content reaches the terminal: control characters are shown as ^X so
 * that it cannot move the cursor or recolour the screen; an empty value
 * is shown as "". */
static void put_tty(ssg_buf *b, const char *s)
{
	if (!*s) {
		ssg_buf_puts(b, "\"\"");
		return;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f) {
			ssg_buf_putc(b, '^');
			ssg_buf_putc(b, (char)(c ^ 0x40));
		} else {
			ssg_buf_putc(b, (char)c);
		}
	}
}

typedef struct {
	bool color;
} style;

static void put_old(ssg_buf *b, const style *st, const char *s)
{
	ssg_buf_puts(b, st->color ? "\x1b[31m" : "");
	put_tty(b, s);
	ssg_buf_puts(b, st->color ? "\x1b[0m" : "");
}

static void put_new(ssg_buf *b, const style *st, const char *s)
{
	ssg_buf_puts(b, st->color ? "\x1b[32m" : "");
	put_tty(b, s);
	ssg_buf_puts(b, st->color ? "\x1b[0m" : "");
}

static void put_heading(ssg_buf *b, const style *st, const char *s)
{
	ssg_buf_printf(b, "%s%s%s\n", st->color ? "\x1b[1m" : "", s,
		       st->color ? "\x1b[0m" : "");
}

static void put_row(ssg_buf *b, size_t n, const char *const *cols,
		    const char *const *vals)
{
	for (size_t j = 0; j < n; j++) {
		ssg_buf_puts(b, j ? ", " : "");
		put_tty(b, cols[j]);
		ssg_buf_putc(b, '=');
		put_tty(b, vals[j]);
	}
}

/* What changed, after "table/key  ": one event of either kind. */
typedef struct {
	int kind; /* 0 added, 1 removed, 2 changed, 3 schema, 4 gap */
	const char *table, *key, *field, *old, *new_, *error;
	size_t ncols;
	const char *const *cols;
	const char *const *vals;
} event_view;

static void put_event(ssg_buf *b, const style *st, const event_view *e,
		      const char *sep)
{
	put_tty(b, e->table);
	if (e->key) {
		ssg_buf_putc(b, '/');
		put_tty(b, e->key);
	}
	ssg_buf_puts(b, sep);
	switch (e->kind) {
	case 0:
	case 1:
		ssg_buf_puts(b, e->kind == 0 ? "added: " : "removed: ");
		ssg_buf_puts(b, st->color ? (e->kind == 0 ? "\x1b[32m"
							  : "\x1b[31m")
					  : "");
		put_row(b, e->ncols, e->cols, e->vals);
		ssg_buf_puts(b, st->color ? "\x1b[0m" : "");
		break;
	case 2:
		put_tty(b, e->field);
		ssg_buf_puts(b, ": ");
		put_old(b, st, e->old);
		ssg_buf_puts(b, " → ");
		put_new(b, st, e->new_);
		break;
	case 3:
		ssg_buf_printf(b, "column %s: ", e->field);
		if (e->old)
			put_old(b, st, e->old);
		if (e->old && e->new_)
			ssg_buf_puts(b, " → ");
		if (e->new_)
			put_new(b, st, e->new_);
		break;
	default:
		ssg_buf_puts(b, "version not readable: ");
		put_tty(b, e->error);
		break;
	}
}

/* "2024-07-02 09:00 +07:00" */
static void put_when(ssg_buf *b, long long t, int offset)
{
	ssg_buf iso;
	ssg_buf_init(&iso);
	ssg_time_put_iso(&iso, t, offset);
	const char *s = ssg_buf_cstr(&iso);
	if (iso.len == 25)
		ssg_buf_printf(b, "%.10s %.5s %.6s", s, s + 11, s + 19);
	else
		ssg_buf_puts(b, s);
	ssg_buf_fini(&iso);
}

static int cmd_history(const args *a, ssg_diags *d)
{
	ssg_repo *r = NULL;
	ssg_history *h = NULL;
	keyset keys;
	char *table = NULL;
	const char *id = NULL;
	ssg_buf out;
	style st = {false};
	ssg_buf_init(&out);
	memset(&keys, 0, sizeof(keys));

	int rc = ssg_repo_open(&r, a->site.repo, d);
	if (rc != SSG_OK)
		goto done;
	keyset_load(&keys, a, r, a->site.rev);
	rc = ssg_history_load(&h, r, a->site.rev, keys.v, keys.n, d);
	if (rc != SSG_OK)
		goto done;
	if (a->npos) {
		table = ssg_xstrdup(a->pos[0]);
		char *slash = strchr(table, '/');
		if (slash) {
			*slash = '\0';
			id = slash + 1;
		}
	}
	if (a->json) {
		ssg_history_jsonl(h, table, id, &out);
	} else {
		for (size_t i = 0; i < ssg_history_nevents(h); i++) {
			const ssg_hev *e = ssg_history_event(h, i);
			if (!ssg_history_event_matches(e, table, id))
				continue;
			const ssg_hcommit *c = ssg_history_commit(h, e->commit);
			event_view v = {(int)e->kind, e->table, e->key,
					e->field,     e->old,   e->new_,
					e->error,     e->ncols, e->cols,
					e->vals};
			put_when(&out, c->time, c->offset);
			ssg_buf_printf(&out, "  %s  ", c->short_oid);
			put_event(&out, &st, &v, "  ");
			ssg_buf_puts(&out, "  (");
			put_tty(&out, c->author);
			ssg_buf_puts(&out, ") ");
			put_tty(&out, c->summary);
			ssg_buf_putc(&out, '\n');
		}
	}
	fwrite(ssg_buf_cstr(&out), 1, out.len, stdout);
done:
	free(table);
	ssg_buf_fini(&out);
	ssg_history_free(h);
	keyset_fini(&keys);
	ssg_repo_free(r);
	return rc;
}

static bool is_table_path(const char *p)
{
	size_t n = strlen(p);
	return strncmp(p, "data/", 5) == 0 && !strchr(p + 5, '/') && n > 9 &&
	       strcmp(p + n - 4, ".csv") == 0;
}

static bool is_page_path(const char *p)
{
	size_t n = strlen(p);
	return strncmp(p, "content/", 8) == 0 && n > 11 &&
	       strcmp(p + n - 3, ".md") == 0;
}

/* Calls fn for every path that `want` accepts in either snapshot, in
 * path order, with the file on each side (NULL where absent). */
typedef void (*pair_fn)(void *ctx, const char *path, const ssg_file *fa,
			const ssg_file *fb);

static void each_pair(ssg_snapshot *sa, ssg_snapshot *sb,
		      bool (*want)(const char *), pair_fn fn, void *ctx)
{
	size_t i = 0, j = 0, na = ssg_snapshot_count(sa),
	       nb = ssg_snapshot_count(sb);
	while (i < na || j < nb) {
		const ssg_file *fa = i < na ? ssg_snapshot_file(sa, i) : NULL;
		const ssg_file *fb = j < nb ? ssg_snapshot_file(sb, j) : NULL;
		int c = !fa ? 1 : !fb ? -1 : strcmp(fa->path, fb->path);
		if (c < 0)
			fb = NULL, i++;
		else if (c > 0)
			fa = NULL, j++;
		else
			i++, j++;
		const char *path = fa ? fa->path : fb->path;
		if (!want(path) || (fa && fb && strcmp(fa->oid, fb->oid) == 0))
			continue;
		fn(ctx, path, fa, fb);
	}
}

typedef struct {
	ssg_snapshot *sa, *sb;
	const char *rev_a, *rev_b;
	const keyset *keys;
	style st;
	ssg_buf targets, tables, pages;
	int rc;
} revdiff;

/* The first error of a private diagnostics list, for a line of text. */
static void put_first_error(ssg_buf *b, ssg_diags *q)
{
	ssg_diags_sort(q);
	const ssg_diag *g = ssg_diags_count(q) ? ssg_diags_get(q, 0) : NULL;
	if (!g)
		return;
	if (g->path && g->line)
		ssg_buf_printf(b, "%s:%u:%u: ", g->path, g->line,
			       g->col ? g->col : 1);
	put_tty(b, g->msg);
}

static int read_table(revdiff *x, ssg_snapshot *s, const ssg_file *f,
		      const char *rev, ssg_table **t)
{
	const char *data;
	size_t len;
	*t = NULL;
	if (!f)
		return SSG_OK;
	ssg_diags *q = ssg_diags_new();
	int rc = ssg_snapshot_read(s, f, &data, &len, q);
	if (rc == SSG_OK)
		rc = ssg_table_parse(t, f->path, data, len, q);
	if (rc != SSG_OK) {
		ssg_buf_printf(&x->tables, "  %s cannot be read at %s: ",
			       f->path, rev);
		put_first_error(&x->tables, q);
		ssg_buf_putc(&x->tables, '\n');
	}
	ssg_diags_free(q);
	return rc;
}

static bool is_target(const char *table, const ssg_row_event *e)
{
	return e->kind == SSG_EV_CHANGED && strcmp(table, "indicators") == 0 &&
	       strlen(e->field) == 6 &&
	       strncasecmp(e->field, "target", 6) == 0;
}

static void diff_table(void *ctx, const char *path, const ssg_file *fa,
		       const ssg_file *fb)
{
	revdiff *x = ctx;
	ssg_table *ta = NULL, *tb = NULL;
	ssg_row_events *ev = NULL;
	ssg_diags *q = ssg_diags_new();
	char *name = ssg_xstrndup(path + 5, strlen(path) - 9);
	const ssg_history_key *k = keyset_find(x->keys, name);

	put_heading(&x->tables, &x->st, path);
	if (read_table(x, x->sa, fa, x->rev_a, &ta) != SSG_OK ||
	    read_table(x, x->sb, fb, x->rev_b, &tb) != SSG_OK)
		goto done;
	if (ssg_diff_tables(&ev, ta, tb, k ? k->cols : NULL, k ? k->ncols : 0,
			    q) != SSG_OK) {
		ssg_buf_puts(&x->tables, "  rows cannot be matched: ");
		put_first_error(&x->tables, q);
		ssg_buf_putc(&x->tables, '\n');
		goto done;
	}
	for (size_t i = 0; i < ssg_row_events_count(ev); i++) {
		const ssg_row_event *e = ssg_row_events_get(ev, i);
		static const char *const schema[] = {"", "renamed", "added",
						     "removed"};
		event_view v = {(int)e->kind, name,    e->key,  e->field,
				e->old,       e->new_, NULL,    e->ncols,
				e->cols,      e->vals};
		if (e->kind == SSG_EV_SCHEMA) {
			v.key = NULL;
			v.field = schema[e->schema];
		}
		ssg_buf_puts(&x->tables, "  ");
		put_event(&x->tables, &x->st, &v, " ");
		ssg_buf_putc(&x->tables, '\n');
		if (is_target(name, e)) {
			ssg_buf_puts(&x->targets, "  ");
			put_event(&x->targets, &x->st, &v, " ");
			ssg_buf_putc(&x->targets, '\n');
		}
	}
done:
	ssg_row_events_free(ev);
	ssg_table_free(ta);
	ssg_table_free(tb);
	ssg_diags_free(q);
	free(name);
}

/* Lines of a rendered word diff that hold a change, with two lines of
 * context around them; "…" between hunks.  Rendering keeps newlines one
 * for one, so line numbers counted in the segments hold in the text. */
static void put_hunks(ssg_buf *b, const ssg_wdiff *w, bool color)
{
	enum { CONTEXT = 2 };
	size_t nlines = 1;
	for (size_t i = 0; i < ssg_diff_words_count(w); i++) {
		const ssg_diff_seg *s = ssg_diff_words_seg(w, i);
		for (size_t k = 0; k < s->len; k++)
			nlines += s->text[k] == '\n';
	}
	bool *mark = ssg_xcalloc(nlines, sizeof(bool));
	size_t line = 0;
	for (size_t i = 0; i < ssg_diff_words_count(w); i++) {
		const ssg_diff_seg *s = ssg_diff_words_seg(w, i);
		size_t start = line;
		for (size_t k = 0; k < s->len; k++)
			line += s->text[k] == '\n';
		if (s->op != SSG_DIFF_EQUAL)
			for (size_t l = start; l <= line; l++)
				mark[l] = true;
	}
	ssg_buf text;
	ssg_buf_init(&text);
	ssg_diff_words_term(w, &text, color);
	const char *p = ssg_buf_cstr(&text);
	size_t last = SIZE_MAX;
	for (size_t l = 0; l < nlines && *p; l++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		bool show = false;
		size_t from = l >= CONTEXT ? l - CONTEXT : 0;
		for (size_t k = from; k <= l + CONTEXT && k < nlines; k++)
			show = show || mark[k];
		if (show) {
			if (last != SIZE_MAX && last + 1 != l)
				ssg_buf_puts(b, "  …\n");
			ssg_buf_puts(b, "  ");
			ssg_buf_put(b, p, len);
			ssg_buf_putc(b, '\n');
			last = l;
		}
		p += len + (nl != NULL);
	}
	ssg_buf_fini(&text);
	free(mark);
}

static void diff_page(void *ctx, const char *path, const ssg_file *fa,
		      const ssg_file *fb)
{
	revdiff *x = ctx;
	const char *a = "", *b = "";
	size_t an = 0, bn = 0;
	ssg_wdiff *w = NULL;
	ssg_diags *q = ssg_diags_new();
	ssg_buf head;
	ssg_buf_init(&head);
	ssg_buf_puts(&head, path);
	ssg_buf_puts(&head, !fa ? " (added)" : !fb ? " (removed)" : "");
	if ((fa && ssg_snapshot_read(x->sa, fa, &a, &an, q) != SSG_OK) ||
	    (fb && ssg_snapshot_read(x->sb, fb, &b, &bn, q) != SSG_OK) ||
	    ssg_diff_words(&w, a, an, b, bn) != SSG_OK) {
		put_heading(&x->pages, &x->st, ssg_buf_cstr(&head));
		ssg_buf_puts(&x->pages, "  cannot be compared: ");
		if (ssg_diags_count(q))
			put_first_error(&x->pages, q);
		else
			ssg_buf_puts(&x->pages, "too large");
		ssg_buf_putc(&x->pages, '\n');
	} else if (ssg_diff_words_changed(w)) {
		put_heading(&x->pages, &x->st, ssg_buf_cstr(&head));
		put_hunks(&x->pages, w, x->st.color);
	}
	ssg_buf_fini(&head);
	ssg_diff_words_free(w);
	ssg_diags_free(q);
}

/* NO_COLOR (no-color.org): any non-empty value turns colour off. */
static bool want_color(void)
{
	const char *nc = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(nc && *nc);
}

static int cmd_diff(const args *a, ssg_diags *d)
{
	ssg_repo *r = NULL;
	keyset keys;
	revdiff x;
	memset(&keys, 0, sizeof(keys));
	memset(&x, 0, sizeof(x));
	ssg_buf_init(&x.targets);
	ssg_buf_init(&x.tables);
	ssg_buf_init(&x.pages);
	x.rev_a = a->pos[0];
	x.rev_b = a->pos[1];
	x.st.color = want_color();

	int rc = ssg_repo_open(&r, a->site.repo, d);
	if (rc != SSG_OK)
		goto done;
	/* A link in a tree is reported; the other files still compare. */
	int ra = ssg_repo_snapshot(r, x.rev_a, &x.sa, d);
	int rb = ssg_repo_snapshot(r, x.rev_b, &x.sb, d);
	if (!x.sa || !x.sb) {
		rc = SSG_ERR_ENV;
		goto done;
	}
	rc = ra != SSG_OK ? ra : rb;
	keyset_load(&keys, a, r, x.rev_b);
	x.keys = &keys;
	each_pair(x.sa, x.sb, is_table_path, diff_table, &x);
	each_pair(x.sa, x.sb, is_page_path, diff_page, &x);

	ssg_buf out;
	ssg_buf_init(&out);
	if (x.targets.len) {
		put_heading(&out, &x.st, "Revised targets");
		ssg_buf_put(&out, x.targets.data, x.targets.len);
	}
	if (x.tables.len) {
		ssg_buf_puts(&out, out.len ? "\n" : "");
		put_heading(&out, &x.st, "Tables");
		ssg_buf_put(&out, x.tables.data, x.tables.len);
	}
	if (x.pages.len) {
		ssg_buf_puts(&out, out.len ? "\n" : "");
		put_heading(&out, &x.st, "Narrative");
		ssg_buf_put(&out, x.pages.data, x.pages.len);
	}
	if (!out.len) {
		ssg_buf_puts(&out, "No differences in content/ or data/ "
				   "between ");
		put_tty(&out, x.rev_a);
		ssg_buf_puts(&out, " and ");
		put_tty(&out, x.rev_b);
		ssg_buf_puts(&out, ".\n");
	}
	fwrite(ssg_buf_cstr(&out), 1, out.len, stdout);
	ssg_buf_fini(&out);
done:
	ssg_buf_fini(&x.targets);
	ssg_buf_fini(&x.tables);
	ssg_buf_fini(&x.pages);
	keyset_fini(&keys);
	ssg_snapshot_free(x.sa);
	ssg_snapshot_free(x.sb);
	ssg_repo_free(r);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("ssg 0.1");
		return 0;
	}
	args a;
	memset(&a, 0, sizeof(a));
	a.cmd = argv[1];
	ssg_diags *d = ssg_diags_new();
	int rc;
	if (strcmp(a.cmd, "serve") == 0) {
		rc = parse_args(&a, argc, argv, d);
		if (rc == SSG_OK)
			rc = serve(&a, d);
	} else if (is_walk(a.cmd)) {
		rc = parse_args(&a, argc, argv, d);
		if (rc == SSG_OK && strcmp(a.cmd, "history") == 0)
			rc = cmd_history(&a, d);
		else if (rc == SSG_OK)
			rc = cmd_diff(&a, d);
	} else if (strcmp(a.cmd, "build") != 0 && strcmp(a.cmd, "check") != 0) {
		ssg_diags_env(d, "unknown command '%s' (try ssg --help)", a.cmd);
		rc = SSG_ERR_ENV;
	} else {
		rc = parse_args(&a, argc, argv, d);
		if (rc == SSG_OK) {
			if (strcmp(a.cmd, "check") == 0)
				a.site.out = NULL;
			rc = ssg_site_build(&a.site, d);
			if (rc == SSG_OK && !ssg_diags_errors(d) && a.archive)
				rc = write_archive(&a, d);
		}
	}
	ssg_diags_sort(d);
	print_diags(d);
	int status = 0;
	if (rc == SSG_ERR_ENV || ssg_diags_env_errors(d))
		status = 2;
	else if (rc != SSG_OK || ssg_diags_errors(d))
		status = 1;
	ssg_diags_free(d);
	for (size_t i = 0; i < a.nkeys; i++) {
		free(a.key_storage[i]);
		free(a.key_cols[i]);
	}
	return status;
}
