/*
 * The history's row fast path (only changed lines parsed) against the
 * full diff of every version: many random edits of a generated table,
 * committed with git fast-import (fixed dates), must give exactly the
 * events that parsing each version in full and diffing it (diff.h)
 * against the last one that parsed gives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "err.h"
#include "fixture.h"
#include "fx_history.h"
#include "history.h"
#include "repo.h"
#include "table.h"

#define MAX_ROWS 400

static char base[64];
static uint64_t seed;
/* The key columns of t.csv (NULL: its `id`); a key on two columns makes
 * the rows the header does not fit lack a key field. */
static const char *const *key_cols;
static size_t nkey_cols;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((seed >> 33) % n);
}

/* One version of the table being edited. */
typedef struct {
	char *header;
	char *rows[MAX_ROWS];
	size_t n;
	bool crlf;
	unsigned next_id;
} tab;

static char *xstrdup(const char *s)
{
	char *p = ssg_xmalloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static const char *const names[] = {
	"Thị trấn Tiên Vinh", "Xã Tân \"Hòa\"", "Phường 3, Quận 1",
	"Xã Gia Tân", "Xã Ia Kha",
	/* "Việt" written decomposed: NFC-equal to a precomposed name */
	"Xã Vie\xcc\xa3\xcc\x82t Hòa", "Xã Việt Hòa"};

static char *make_row(const char *id, unsigned v)
{
	char row[256];
	const char *name = names[rnd(sizeof(names) / sizeof(*names))];
	ssg_buf q;
	ssg_buf_init(&q);
	/* Quote names with a comma or a quote, doubling quotes. */
	if (strpbrk(name, ",\"")) {
		ssg_buf_putc(&q, '"');
		for (const char *p = name; *p; p++) {
			if (*p == '"')
				ssg_buf_putc(&q, '"');
			ssg_buf_putc(&q, *p);
		}
		ssg_buf_putc(&q, '"');
	} else {
		ssg_buf_puts(&q, name);
	}
	if (rnd(3) == 0)
		snprintf(row, sizeof(row), "%s,%s,\"%u,%u\",%u", id,
			 ssg_buf_cstr(&q), v / 10, v % 10, v % 7);
	else
		snprintf(row, sizeof(row), "%s,%s,%u,%u", id, ssg_buf_cstr(&q),
			 v, v % 7);
	ssg_buf_fini(&q);
	return xstrdup(row);
}

static void new_row(tab *t, size_t at)
{
	char id[32];
	snprintf(id, sizeof(id), "x%03u-%u", t->next_id / 6, t->next_id % 6);
	t->next_id++;
	memmove(t->rows + at + 1, t->rows + at, (t->n - at) * sizeof(char *));
	t->rows[at] = make_row(id, rnd(1000));
	t->n++;
}

/* The key of row i as written (up to the first comma). */
static void row_id(const tab *t, size_t i, char *id, size_t n)
{
	size_t k = strcspn(t->rows[i], ",");
	snprintf(id, n, "%.*s", (int)k, t->rows[i]);
}

static void set_row(tab *t, size_t i, char *row)
{
	free(t->rows[i]);
	t->rows[i] = row;
}

/* One random edit; the rare ones make versions the fast path must
 * leave to the full one (or that do not parse at all). */
static void edit(tab *t)
{
	char id[64], alt[80];
	unsigned op = rnd(100);
	size_t i = t->n ? rnd((unsigned)t->n) : 0;
	if (t->n < 2 || (op < 12 && t->n < MAX_ROWS - 2)) {
		new_row(t, t->n ? rnd((unsigned)t->n + 1) : 0);
	} else if (op < 50) { /* a value changes */
		row_id(t, i, id, sizeof(id));
		set_row(t, i, make_row(id, rnd(1000)));
	} else if (op < 60) { /* a row goes */
		free(t->rows[i]);
		memmove(t->rows + i, t->rows + i + 1,
			(t->n - i - 1) * sizeof(char *));
		t->n--;
	} else if (op < 68) { /* a row moves */
		char *r = t->rows[i];
		memmove(t->rows + i, t->rows + i + 1,
			(t->n - i - 1) * sizeof(char *));
		size_t j = rnd((unsigned)t->n);
		memmove(t->rows + j + 1, t->rows + j,
			(t->n - 1 - j) * sizeof(char *));
		t->rows[j] = r;
	} else if (op < 74) { /* key retyped: case, spaces */
		row_id(t, i, id, sizeof(id));
		snprintf(alt, sizeof(alt), rnd(2) ? " %s " : "%s", id);
		for (char *p = alt; *p; p++)
			if ((*p == 'x' || *p == 'X') && rnd(2))
				*p ^= 0x20;
		set_row(t, i, make_row(alt, rnd(1000)));
	} else if (op < 80) { /* another row takes an existing key */
		size_t j = rnd((unsigned)t->n);
		row_id(t, j, id, sizeof(id));
		snprintf(alt, sizeof(alt), rnd(2) ? "%s " : " %s", id);
		if (rnd(2))
			alt[strcspn(alt, "x")] = 'X';
		set_row(t, i, make_row(alt, rnd(1000)));
	} else if (op < 84) { /* an exact duplicate line */
		if (t->n < MAX_ROWS - 1) {
			memmove(t->rows + i + 1, t->rows + i,
				(t->n - i) * sizeof(char *));
			t->rows[i + 1] = xstrdup(t->rows[i]);
			t->n++;
		}
	} else if (op < 87) { /* line endings flip */
		t->crlf = !t->crlf;
	} else if (op < 90) { /* a value spans two lines */
		row_id(t, i, id, sizeof(id));
		snprintf(alt, sizeof(alt), "%s,\"Xã\nMới\",1,2", id);
		set_row(t, i, xstrdup(alt));
	} else if (op < 93) { /* a column renamed, back and forth */
		const char *h = strstr(t->header, "target")
					? "id,name,goal,group"
					: "id,name,target,group";
		free(t->header);
		t->header = xstrdup(h);
	} else if (op < 95) { /* a row the header does not fit */
		row_id(t, i, id, sizeof(id));
		snprintf(alt, sizeof(alt), "%s,x,1", id);
		set_row(t, i, xstrdup(alt));
	} else if (op < 97) { /* an empty line in the middle */
		set_row(t, i, xstrdup(""));
	} else { /* a stray quote */
		row_id(t, i, id, sizeof(id));
		snprintf(alt, sizeof(alt), "%s,a\"b,1,2", id);
		set_row(t, i, xstrdup(alt));
	}
}

static char *render(const tab *t)
{
	ssg_buf b;
	ssg_buf_init(&b);
	const char *eol = t->crlf ? "\r\n" : "\n";
	ssg_buf_printf(&b, "%s%s", t->header, eol);
	for (size_t i = 0; i < t->n; i++)
		ssg_buf_printf(&b, "%s%s", t->rows[i], eol);
	return ssg_buf_detach(&b);
}

static void put_event(ssg_buf *b, size_t commit, const ssg_hev *e)
{
	ssg_buf_printf(b, "%zu %d key=%s field=%s old=%s new=%s gap=%d", commit,
		       (int)e->kind, e->key ? e->key : "-",
		       e->field ? e->field : "-", e->old ? e->old : "-",
		       e->new_ ? e->new_ : "-", e->error != NULL);
	for (size_t j = 0; j < e->ncols; j++)
		ssg_buf_printf(b, " %s=%s", e->cols[j], e->vals[j]);
	ssg_buf_putc(b, '\n');
}

/* What the history must say of version v after `latest` (the last one
 * that parsed and matched; NULL before the first), as history.h
 * specifies: the full parse and diff of both. */
static void reference(ssg_buf *out, size_t commit, ssg_table **latest,
		      const char *v)
{
	ssg_diags *d = ssg_diags_new();
	ssg_table *t = NULL;
	ssg_row_events *re = NULL, *gone = NULL;
	ssg_hev gap = {.kind = SSG_HEV_GAP, .error = ""};
	if (ssg_table_parse(&t, "data/t.csv", v, strlen(v), d) != SSG_OK) {
		put_event(out, commit, &gap);
		ssg_table_free(t);
		goto done;
	}
	if (ssg_diff_tables(&re, *latest, t, key_cols, nkey_cols, d) == SSG_OK) {
		for (size_t i = 0; i < ssg_row_events_count(re); i++) {
			ssg_hev e = ssg_history_event_of(
				"t", ssg_row_events_get(re, i));
			put_event(out, commit, &e);
		}
	} else {
		ssg_row_events_free(re);
		re = NULL;
		if (ssg_diff_tables(&re, NULL, t, key_cols, nkey_cols, d) != SSG_OK) {
			put_event(out, commit, &gap);
			ssg_table_free(t);
			goto done;
		}
		if (ssg_diff_tables(&gone, *latest, NULL, key_cols, nkey_cols, d) ==
		    SSG_OK)
			for (size_t i = 0; i < ssg_row_events_count(gone);
			     i++) {
				ssg_hev e = ssg_history_event_of(
					"t", ssg_row_events_get(gone, i));
				put_event(out, commit, &e);
			}
		for (size_t i = 0; i < ssg_row_events_count(re); i++) {
			ssg_hev e = ssg_history_event_of(
				"t", ssg_row_events_get(re, i));
			put_event(out, commit, &e);
		}
	}
	ssg_table_free(*latest);
	*latest = t;
done:
	ssg_row_events_free(re);
	ssg_row_events_free(gone);
	ssg_diags_free(d);
}

static void run_fast_import(const char *dir, char **versions, size_t n)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git init -q -b main %s && cd %s && "
		 "git fast-import --quiet",
		 base, dir, dir);
	FILE *p = popen(cmd, "w");
	assert_non_null(p);
	for (size_t i = 0; i < n; i++) {
		fprintf(p, "commit refs/heads/main\n");
		fprintf(p, "committer A <a@example.vn> %zu +0700\n",
			(size_t)1719800000 + 3600 * i);
		fprintf(p, "data 2\nv\n");
		fprintf(p, "M 100644 inline data/t.csv\ndata %zu\n%s\n",
			strlen(versions[i]), versions[i]);
	}
	assert_int_equal(pclose(p), 0);
}

/* Runs `ncommits` random versions from `s`; fails on the first commit
 * whose events differ. */
static void check_seed(uint64_t s, size_t ncommits, size_t nrows)
{
	seed = s;
	tab t;
	memset(&t, 0, sizeof(t));
	t.header = xstrdup("id,name,target,group");
	for (size_t i = 0; i < nrows; i++)
		new_row(&t, t.n);
	char **versions = ssg_xcalloc(ncommits, sizeof(char *));
	size_t nv = 0;
	ssg_buf want;
	ssg_buf_init(&want);
	ssg_table *latest = NULL;
	const char *last = NULL;
	for (size_t c = 0; c < ncommits; c++) {
		if (c)
			for (unsigned k = 1 + rnd(3); k > 0; k--)
				edit(&t);
		char *v = render(&t);
		if (last && !strcmp(last, v)) {
			free(v); /* no change, no commit */
			continue;
		}
		reference(&want, nv, &latest, v);
		versions[nv++] = v;
		last = v;
	}
	char dir[32];
	snprintf(dir, sizeof(dir), "r%zu-%llu", nkey_cols,
		 (unsigned long long)s);
	run_fast_import(dir, versions, nv);

	char path[256];
	snprintf(path, sizeof(path), "%s/%s", base, dir);
	ssg_diags *d = ssg_diags_new();
	ssg_repo *r = NULL;
	ssg_history *h = NULL;
	assert_int_equal(ssg_repo_open(&r, path, d), SSG_OK);
	ssg_history_key key = {"t", key_cols, nkey_cols};
	assert_int_equal(ssg_history_load(&h, r, NULL, &key, key_cols ? 1 : 0,
					  NULL, d),
			 SSG_OK);
	assert_int_equal(ssg_history_ncommits(h), nv);
	ssg_buf got;
	ssg_buf_init(&got);
	for (size_t i = 0; i < ssg_history_nevents(h); i++) {
		const ssg_hev *e = ssg_history_event(h, i);
		put_event(&got, e->commit, e);
	}
	/* Report the first differing line, not two huge strings. */
	const char *a = ssg_buf_cstr(&want), *b = ssg_buf_cstr(&got);
	size_t k = 0;
	while (a[k] && a[k] == b[k])
		k++;
	while (k > 0 && a[k - 1] != '\n')
		k--;
	if (a[k] || b[k])
		fail_msg("seed %llu: want\n%.300s\ngot\n%.300s",
			 (unsigned long long)s, a + k, b + k);

	ssg_buf_fini(&got);
	ssg_history_free(h);
	ssg_repo_free(r);
	ssg_diags_free(d);
	ssg_table_free(latest);
	for (size_t i = 0; i < nv; i++)
		free(versions[i]);
	free(versions);
	ssg_buf_fini(&want);
	for (size_t i = 0; i < t.n; i++)
		free(t.rows[i]);
	free(t.header);
}

static void test_history_fast_path_matches_full_diff_small(void **state)
{
	(void)state;
	for (uint64_t s = 1; s <= 20; s++)
		check_seed(s, 60, 8);
}

static void test_history_fast_path_matches_full_diff_large(void **state)
{
	(void)state;
	check_seed(1234, 400, 150);
	check_seed(99, 300, 40);
}

static void test_history_fast_path_matches_full_diff_two_key_cols(void **state)
{
	(void)state;
	static const char *const cols[] = {"id", "group"};
	key_cols = cols;
	nkey_cols = 2;
	for (uint64_t s = 1; s <= 10; s++)
		check_seed(s, 80, 12);
	check_seed(4321, 300, 100);
	key_cols = NULL;
	nkey_cols = 0;
}

/* Pages in directories whose names sort around their siblings' ("x.md"
 * before the directory "x", read as "x/"), and a page whose path becomes
 * a directory: the tree walk pairs entries by git's order. */
static void test_history_pages_tree_order_and_file_to_dir(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git init -q -b main pages && cd pages && "
		 "git fast-import --quiet",
		 base);
	FILE *p = popen(cmd, "w");
	assert_non_null(p);
	static const char *const steps[] = {
		"M 100644 inline content/x.md\ndata 2\nx\n"
		"M 100644 inline content/x/a.md\ndata 2\na\n"
		"M 100644 inline content/x-y.md\ndata 2\ny\n"
		"M 100644 inline content/q\ndata 2\nq\n",
		"M 100644 inline content/x/a.md\ndata 3\na2\n"
		"M 100644 inline content/x.md\ndata 3\nx2\n"
		"D content/q\n"
		"M 100644 inline content/q/n.md\ndata 2\nn\n",
		"D content/x\n"
		"M 100644 inline content/x-y.md\ndata 3\ny2\n",
	};
	for (size_t i = 0; i < 3; i++)
		fprintf(p,
			"commit refs/heads/main\n"
			"committer A <a@example.vn> %zu +0700\n"
			"data 2\nv\n%s",
			(size_t)1719800000 + 3600 * i, steps[i]);
	assert_int_equal(pclose(p), 0);
	char path[256];
	snprintf(path, sizeof(path), "%s/pages", base);
	ssg_diags *d = ssg_diags_new();
	ssg_repo *r = NULL;
	ssg_history *h = NULL;
	assert_int_equal(ssg_repo_open(&r, path, d), SSG_OK);
	assert_int_equal(ssg_history_load(&h, r, NULL, NULL, 0, NULL, d), SSG_OK);
	ssg_buf got;
	ssg_buf_init(&got);
	for (size_t i = 0; i < ssg_history_npages(h); i++) {
		const ssg_hpage *g = ssg_history_page(h, i);
		ssg_buf_printf(&got, "%zu %d %s %s>%s;", g->commit,
			       (int)g->kind, g->path,
			       fx_page_text(h, g, false),
			       fx_page_text(h, g, true));
	}
	assert_string_equal(ssg_buf_cstr(&got),
			    "0 0 content/x-y.md >y\n;0 0 content/x.md >x\n;"
			    "0 0 content/x/a.md >a\n;"
			    "1 0 content/q/n.md >n\n;"
			    "1 2 content/x.md x\n>x2\n;"
			    "1 2 content/x/a.md a\n>a2\n;"
			    "2 2 content/x-y.md y\n>y2\n;"
			    "2 1 content/x/a.md a2\n>;");
	ssg_buf_fini(&got);
	ssg_history_free(h);
	ssg_repo_free(r);
	ssg_diags_free(d);
}

static int group_setup(void **state)
{
	(void)state;
	if (!fx_mkdtemp(base, sizeof(base), "history-fast"))
		return -1;
	fx_git_isolate(base);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return fx_rmtree(base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_fast_path_matches_full_diff_small),
		cmocka_unit_test(test_history_fast_path_matches_full_diff_large),
		cmocka_unit_test(test_history_fast_path_matches_full_diff_two_key_cols),
		cmocka_unit_test(test_history_pages_tree_order_and_file_to_dir),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
