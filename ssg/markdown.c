#include "markdown.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "i18n.h"
#include "text.h"

/* cmark 0.30.2 builds one container per block quote or list marker and
 * walks them for every line; documents never need more. */
#define MD_MAX_DEPTH 32
/* Unclosed `[` in one paragraph, and the total cost of closing brackets
 * (each `]` costs the number of brackets still open): cmark 0.30.2 walks
 * back over open image brackets for every link it closes, so `![[]()`
 * repeated is quadratic.  Real documents stay far below both. */
#define MD_MAX_OPEN_BRACKETS 10000
#define MD_BRACKET_BUDGET 20000000ull
/* Diagnostics one document may add: a broken file should not bury the
 * others. */
#define MD_MAX_ERRORS 50
/* Longest heading id, so a long heading does not make a huge anchor. */
#define MD_MAX_ID 64

#define MD_PARSE_OPTS \
	(CMARK_OPT_DEFAULT | CMARK_OPT_NORMALIZE | CMARK_OPT_VALIDATE_UTF8)

/* ---- pre-scan ---------------------------------------------------------- */

typedef struct {
	unsigned line; /* 1-based, of the body */
	size_t off;    /* byte offset of the problem */
	const char *msg;
} md_refusal;

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Where a trailing thematic break ("- - -", "***", "_ _ _") starts in
 * the line, or n: list markers inside one are not markers. */
static size_t thematic_start(const char *s, size_t n)
{
	size_t i = n;
	while (i > 0 && is_blank(s[i - 1]))
		i--;
	if (i == 0 || (s[i - 1] != '-' && s[i - 1] != '*' && s[i - 1] != '_'))
		return n;
	char c = s[i - 1];
	size_t marks = 0;
	while (i > 0 && (s[i - 1] == c || is_blank(s[i - 1]))) {
		if (s[i - 1] == c)
			marks++;
		i--;
	}
	while (i < n && is_blank(s[i]))
		i++;
	return marks >= 3 ? i : n;
}

/* Width of a list marker at s (followed by a blank or the line end),
 * or 0. */
static size_t list_marker(const char *s, size_t n)
{
	size_t w = 0;
	if (s[0] == '-' || s[0] == '+' || s[0] == '*') {
		w = 1;
	} else {
		while (w < n && w < 9 && s[w] >= '0' && s[w] <= '9')
			w++;
		if (w == 0 || w == n || (s[w] != '.' && s[w] != ')'))
			return 0;
		w++;
	}
	return w == n || is_blank(s[w]) ? w : 0;
}

/* An upper bound on the containers a line can have open: each block
 * quote takes a `>`, each list level at least two columns of markers and
 * indentation.  A container is opened on a line that matches all of its
 * ancestors, so the bound over all lines bounds the document. */
static unsigned line_depth(const char *s, size_t n)
{
	size_t tb = thematic_start(s, n);
	size_t i = 0;
	unsigned col = 0, bq = 0, listcols = 0;
	for (;;) {
		unsigned from = col;
		while (i < n && is_blank(s[i])) {
			col = s[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
			i++;
		}
		if (i >= n || i >= tb)
			break;
		if (s[i] == '>') {
			bq++;
			col++;
			i++;
			continue;
		}
		size_t w = list_marker(s + i, n - i);
		if (w == 0)
			break;
		listcols += (col - from) + (unsigned)w;
		col += (unsigned)w;
		i += w;
	}
	return bq + (listcols + 1) / 2;
}

/* Refuses, in one linear pass, the inputs on which cmark 0.30.2 is slow
 * or whose output explodes.  Deliberately simple: code blocks are not
 * told apart, as telling them apart as cmark does (containers, HTML
 * blocks) would open holes. */
static bool md_prescan(const char *s, size_t n, md_refusal *r)
{
	size_t i = 0, open = 0;
	unsigned line = 1;
	unsigned long long cost = 0;
	while (i < n) {
		size_t ls = i, le = i;
		/* One comparison for most bytes: both ends are below ' '. */
		while (le < n && ((unsigned char)s[le] > '\r' ||
				  (s[le] != '\n' && s[le] != '\r')))
			le++;
		size_t k = ls;
		while (k < le && is_blank(s[k]))
			k++;
		if (k == le) {
			open = 0; /* a blank line ends every paragraph */
		} else if (line_depth(s + ls, le - ls) > MD_MAX_DEPTH) {
			r->line = line;
			r->off = ls;
			r->msg = N_("block quotes or lists nest deeper "
				    "than 32 levels");
			return false;
		}
		for (k = ls; k < le; k++) {
			/* '[', '\\' and ']' are 0x5b to 0x5d: one test skips
			 * every other byte. */
			if ((unsigned char)(s[k] - '[') > 2)
				continue;
			if (s[k] == '\\') {
				k++;
			} else if (s[k] == '[') {
				if (++open > MD_MAX_OPEN_BRACKETS) {
					r->line = line;
					r->off = k;
					r->msg = N_("more than 10000 unclosed "
						    "'[' in one paragraph");
					return false;
				}
			} else if (s[k] == ']' && open > 0) {
				cost += open--;
				if (cost > MD_BRACKET_BUDGET) {
					r->line = line;
					r->off = k;
					r->msg = N_("too many nested links "
						    "and images");
					return false;
				}
			}
		}
		i = le;
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n' && (i == le || s[le] == '\r'))
			i++;
		line++;
	}
	return true;
}

/* ---- heading ids --------------------------------------------------------- */

typedef struct {
	char *key;
	unsigned next; /* the next suffix to try for this base */
} id_slot;

typedef struct {
	id_slot *slots;
	size_t cap, len;
} id_set;

static id_slot *ids_find(id_set *set, const char *key)
{
	size_t mask = set->cap - 1;
	size_t i = (size_t)ssg_hash(key, strlen(key)) & mask;
	while (set->slots[i].key && strcmp(set->slots[i].key, key) != 0)
		i = (i + 1) & mask;
	return &set->slots[i];
}

static void ids_add(id_set *set, const char *key)
{
	if (2 * (set->len + 1) > set->cap) {
		id_set bigger = {NULL, set->cap ? set->cap * 2 : 64, set->len};
		bigger.slots = ssg_xcalloc(bigger.cap, sizeof(id_slot));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i].key)
				*ids_find(&bigger, set->slots[i].key) =
					set->slots[i];
		free(set->slots);
		*set = bigger;
	}
	id_slot *sl = ids_find(set, key);
	if (sl->key)
		return;
	sl->key = ssg_xstrdup(key);
	sl->next = 2;
	set->len++;
}

static void ids_fini(id_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i].key);
	free(set->slots);
}

/* Appends base, or base-2, base-3... whichever is not taken yet, and
 * takes it.  The per-base counter keeps this linear overall. */
static void ids_unique(id_set *set, const char *base, ssg_buf *out)
{
	if (set->cap == 0 || !ids_find(set, base)->key) {
		ids_add(set, base);
		ssg_buf_puts(out, base);
		return;
	}
	unsigned k = ids_find(set, base)->next;
	ssg_buf cand;
	ssg_buf_init(&cand);
	for (;; k++) {
		ssg_buf_clear(&cand);
		ssg_buf_printf(&cand, "%s-%u", base, k);
		if (!ids_find(set, ssg_buf_cstr(&cand))->key)
			break;
	}
	ids_find(set, base)->next = k + 1;
	ids_add(set, ssg_buf_cstr(&cand));
	ssg_buf_put(out, cand.data, cand.len);
	ssg_buf_fini(&cand);
}

/* ---- shortcodes ---------------------------------------------------------- */

typedef struct {
	size_t start, end; /* [start, end) of `{{...}}` in the text */
	ssg_str name;
	ssg_str args[SSG_MD_MAX_ARGS];
	size_t argc;
	const char *err; /* set when the shortcode is malformed */
	size_t err_off;
} shortcode;

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || c == '_';
}

/* Offset of the next "{{" in s[from..n), or n. */
static size_t find_open(const char *s, size_t n, size_t from)
{
	while (from + 1 < n) {
		const char *p = memchr(s + from, '{', n - from - 1);
		if (!p)
			return n;
		size_t i = (size_t)(p - s);
		if (s[i + 1] == '{')
			return i;
		from = i + 1;
	}
	return n;
}

static bool sc_fail(shortcode *sc, size_t off, const char *msg)
{
	sc->err = msg;
	sc->err_off = off;
	return false;
}

/* Parses `{{name arg "quoted arg"}}` starting at s[i] == "{{". */
static bool sc_parse(const char *s, size_t n, size_t i, shortcode *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->start = i;
	i += 2;
	while (i < n && is_blank(s[i]))
		i++;
	size_t name = i;
	while (i < n && is_name_char(s[i]))
		i++;
	if (i == name)
		return sc_fail(sc, sc->start,
			       "a shortcode starts with its name in "
			       "lower-case letters: {{name args}}");
	sc->name.p = s + name;
	sc->name.n = i - name;
	for (;;) {
		size_t gap = i;
		while (i < n && is_blank(s[i]))
			i++;
		if (n - i >= 2 && s[i] == '}' && s[i + 1] == '}') {
			sc->end = i + 2;
			return true;
		}
		if (i >= n)
			return sc_fail(sc, sc->start,
				       "shortcode is not closed: add }} on "
				       "the same line");
		if (i == gap)
			return sc_fail(sc, i,
				       "shortcode name and arguments are "
				       "separated by spaces");
		if (sc->argc == SSG_MD_MAX_ARGS)
			return sc_fail(sc, i,
				       "too many shortcode arguments (at most "
				       "8)");
		ssg_str *a = &sc->args[sc->argc++];
		if (s[i] == '"') {
			const char *q = memchr(s + i + 1, '"', n - i - 1);
			if (!q)
				return sc_fail(sc, i,
					       "quoted shortcode argument is "
					       "not closed: add \"");
			a->p = s + i + 1;
			a->n = (size_t)(q - a->p);
			i = (size_t)(q - s) + 1;
			continue;
		}
		a->p = s + i;
		while (i < n && !is_blank(s[i]) &&
		       !(s[i] == '}' && i + 1 < n && s[i + 1] == '}') &&
		       s[i] != '"')
			i++;
		a->n = (size_t)(s + i - a->p);
	}
}

bool ssg_md_shortcodes(const char *src, size_t len, ssg_md_shortcode_fn fn,
		       void *ctx)
{
	/* cmark decodes both into a text node's literal, where a byte
	 * scan cannot follow it; with neither, every literal (adjacent
	 * ones joined: CMARK_OPT_NORMALIZE) is a run of src's bytes, and a
	 * shortcode parsed in one parses the same at its offset in src. */
	if (memchr(src, '\\', len) || memchr(src, '&', len))
		return false;
	for (size_t i = find_open(src, len, 0); i < len;
	     i = find_open(src, len, i + 1)) {
		shortcode sc;
		if (!sc_parse(src, len, i, &sc))
			continue;
		char name[64];
		if (sc.name.n >= sizeof name)
			continue; /* no hook's name */
		memcpy(name, sc.name.p, sc.name.n);
		name[sc.name.n] = '\0';
		char *argv[SSG_MD_MAX_ARGS + 1];
		for (size_t k = 0; k < sc.argc; k++)
			argv[k] = ssg_xstrndup(sc.args[k].p, sc.args[k].n);
		argv[sc.argc] = NULL;
		fn(ctx, name, (const char *const *)argv, sc.argc);
		for (size_t k = 0; k < sc.argc; k++)
			free(argv[k]);
	}
	return true;
}

/* ---- the transform ------------------------------------------------------- */

typedef struct {
	const char *path;
	const char *src;
	size_t len;
	unsigned first_line;
	const ssg_md_hooks *hooks;
	ssg_diags *d;
	int rc;
	unsigned nerrors;
	size_t *lines; /* start offsets of the body's lines, built on demand */
	size_t nlines;
	unsigned memo_line; /* md_col's last answer, to count on from */
	size_t memo_n, memo_chars;
	id_set ids;
	unsigned nheadings;
	ssg_buf toc;
} md_ctx;

static void md_fail(md_ctx *c, int code)
{
	if (c->rc == SSG_OK)
		c->rc = code;
}

static void md_error(md_ctx *c, unsigned line, unsigned col, const char *fmt,
		     ...) SSG_PRINTF(4, 5);

/* Counts an error; false once there are too many to report. */
static bool md_count(md_ctx *c)
{
	md_fail(c, SSG_ERR_CONTENT);
	return c->nerrors++ < MD_MAX_ERRORS;
}

/* line is the body's (cmark's), col already in characters. */
static void md_error(md_ctx *c, unsigned line, unsigned col, const char *fmt,
		     ...)
{
	if (!md_count(c))
		return;
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_vadd(c->d, SSG_SEV_ERROR, c->path,
		       line ? c->first_line + line - 1 : 0, col, fmt, ap);
	va_end(ap);
}

/* The same with a message chosen at run time (marked N_()). */
static void md_error_msg(md_ctx *c, unsigned line, unsigned col,
			 const char *msg)
{
	if (md_count(c))
		ssg_diags_msg(c->d, SSG_SEV_ERROR, c->path,
			      line ? c->first_line + line - 1 : 0, col, msg);
}

static size_t count_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* Character column of cmark's byte column `bcol` on body line `line`. */
static unsigned md_col(md_ctx *c, unsigned line, unsigned bcol)
{
	if (line == 0 || bcol == 0)
		return 0;
	if (!c->lines) {
		size_t cap = 64;
		c->lines = ssg_xmalloc(cap * sizeof(size_t));
		c->lines[c->nlines++] = 0;
		for (size_t i = 0; i < c->len; i++) {
			if (c->src[i] != '\n' &&
			    !(c->src[i] == '\r' &&
			      (i + 1 == c->len || c->src[i + 1] != '\n')))
				continue;
			if (c->nlines == cap) {
				cap *= 2;
				c->lines = ssg_xrealloc(c->lines,
							cap * sizeof(size_t));
			}
			c->lines[c->nlines++] = i + 1;
		}
	}
	if (line > c->nlines)
		return bcol;
	size_t start = c->lines[line - 1];
	size_t n = bcol - 1;
	if (n > c->len - start)
		n = c->len - start;
	size_t from = 0, chars = 0;
	if (c->memo_line == line && c->memo_n <= n) {
		from = c->memo_n;
		chars = c->memo_chars;
	}
	chars += count_chars(c->src + start + from, n - from);
	c->memo_line = line;
	c->memo_n = n;
	c->memo_chars = chars;
	return (unsigned)chars + 1;
}

static const char *literal(cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	return s ? s : "";
}

static cmark_node *new_node(cmark_node_type type, const char *lit)
{
	cmark_node *n = cmark_node_new(type);
	if (lit)
		cmark_node_set_literal(n, lit);
	return n;
}

static cmark_node *new_text(const char *s, size_t n)
{
	char *lit = ssg_xstrndup(s, n);
	cmark_node *t = new_node(CMARK_NODE_TEXT, lit);
	free(lit);
	return t;
}

/* Raw HTML from content becomes text, which the renderer escapes. */
static void md_html_inline(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	cmark_node *t = new_node(CMARK_NODE_TEXT, lit ? lit : "");
	cmark_node_replace(n, t);
	cmark_node_free(n);
}

static void md_html_block(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	while (len > 0 && (lit[len - 1] == '\n' || lit[len - 1] == '\r'))
		len--;
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_append_child(p, new_text(lit ? lit : "", len));
	cmark_node_replace(n, p);
	cmark_node_free(n);
}

/* javascript:, vbscript:, file: and data: other than raster images, in
 * any case.  Read the scheme as a browser does (WHATWG URL): leading
 * blanks and control characters are skipped, tabs and line breaks are
 * skipped anywhere; any other control character stays, so that
 * "data:ima\x15ge/gif" is not taken for an image. */
static bool url_dangerous(const char *url)
{
	char s[24];
	size_t n = 0;
	for (const unsigned char *u = (const unsigned char *)url;
	     *u && n < sizeof s - 1; u++) {
		if ((n == 0 && *u <= 0x20) || *u == '\t' || *u == '\n' ||
		    *u == '\r')
			continue;
		s[n++] = (char)(*u >= 'A' && *u <= 'Z' ? *u + 32 : *u);
	}
	s[n] = '\0';
	if (strncmp(s, "javascript:", 11) == 0 ||
	    strncmp(s, "vbscript:", 9) == 0 || strncmp(s, "file:", 5) == 0)
		return true;
	if (strncmp(s, "data:", 5) != 0)
		return false;
	static const char *const ok[] = {"data:image/png", "data:image/gif",
					 "data:image/jpeg", "data:image/webp"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		size_t k = strlen(ok[i]);
		if (strncmp(s, ok[i], k) == 0 && (s[k] == ';' || s[k] == ','))
			return false;
	}
	return true;
}

static void md_link(md_ctx *c, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	if (!url || !*url)
		return;
	if (url_dangerous(url)) {
		cmark_node_set_url(n, "");
		return;
	}
	if (!c->hooks || !c->hooks->link)
		return;
	ssg_buf out;
	ssg_buf_init(&out);
	if (c->hooks->link(c->hooks->ctx, url, &out)) {
		const char *nu = ssg_buf_cstr(&out);
		cmark_node_set_url(n, url_dangerous(nu) ? "" : nu);
	}
	ssg_buf_fini(&out);
}

/* Calls the hook for one parsed shortcode; a failure is the hook's to
 * report. */
static void md_call(md_ctx *c, const shortcode *sc, bool block,
		    unsigned line, unsigned col, ssg_buf *out)
{
	char *name = ssg_xstrndup(sc->name.p, sc->name.n);
	char *argv[SSG_MD_MAX_ARGS + 1];
	for (size_t i = 0; i < sc->argc; i++)
		argv[i] = ssg_xstrndup(sc->args[i].p, sc->args[i].n);
	argv[sc->argc] = NULL;
	int rc = c->hooks->shortcode(c->hooks->ctx, name,
				     (const char *const *)argv, sc->argc, block,
				     out, c->path,
				     line ? c->first_line + line - 1 : 0, col,
				     c->d);
	if (rc != SSG_OK)
		md_fail(c, rc);
	for (size_t i = 0; i < sc->argc; i++)
		free(argv[i]);
	free(name);
}

static bool md_have_hook(const md_ctx *c)
{
	return c->hooks && c->hooks->shortcode;
}

/* Positions of offsets in a text node's literal, asked in increasing
 * order so that a long line with many shortcodes costs linear time. */
typedef struct {
	const char *lit;
	unsigned line, col; /* of the literal's start; col 0 if unknown */
	size_t off, chars;  /* characters in lit[0..off) */
} lit_pos;

/* Starts at text node t, or at its paragraph when cmark does not know
 * where t is. */
static void lit_pos_init(md_ctx *c, cmark_node *t, const char *lit,
			 lit_pos *p)
{
	cmark_node *at = t;
	while (at && cmark_node_get_start_line(at) <= 0)
		at = cmark_node_parent(at);
	p->lit = lit;
	p->line = at ? (unsigned)cmark_node_get_start_line(at) : 0;
	unsigned bcol = at ? (unsigned)cmark_node_get_start_column(at) : 0;
	p->col = md_col(c, p->line, bcol);
	p->off = 0;
	p->chars = 0;
	if (at != t)
		p->off = (size_t)-1; /* columns inside t are unknown */
}

static void lit_pos_at(lit_pos *p, size_t off, unsigned *line, unsigned *col)
{
	*line = p->line;
	*col = p->col;
	if (p->col == 0 || p->off == (size_t)-1)
		return;
	if (off < p->off) {
		p->off = 0;
		p->chars = 0;
	}
	p->chars += count_chars(p->lit + p->off, off - p->off);
	p->off = off;
	*col = p->col + (unsigned)p->chars;
}

/* Replaces a paragraph that holds one shortcode and nothing else by the
 * hook's block HTML.  Returns the new node, or NULL when p is not such a
 * paragraph. */
static cmark_node *md_block_shortcode(md_ctx *c, cmark_node *p)
{
	cmark_node *t = cmark_node_first_child(p);
	if (!t || cmark_node_next(t) ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return NULL;
	const char *lit = cmark_node_get_literal(t);
	ssg_str s = ssg_str_trim((ssg_str){lit, strlen(lit)});
	shortcode sc;
	if (s.n < 2 || s.p[0] != '{' || s.p[1] != '{' ||
	    !sc_parse(s.p, s.n, 0, &sc) || sc.end != s.n)
		return NULL;
	unsigned line, col;
	lit_pos lp;
	lit_pos_init(c, t, lit, &lp);
	lit_pos_at(&lp, (size_t)(s.p - lit), &line, &col);
	if (!md_have_hook(c))
		return NULL; /* md_text says so */
	ssg_buf out;
	ssg_buf_init(&out);
	md_call(c, &sc, true, line, col, &out);
	cmark_node *h = new_node(CMARK_NODE_HTML_BLOCK, ssg_buf_cstr(&out));
	ssg_buf_fini(&out);
	cmark_node_replace(p, h);
	return h;
}

/* Splits a text node around its inline shortcodes. */
static void md_text(md_ctx *c, cmark_node *t)
{
	const char *lit = cmark_node_get_literal(t);
	if (!lit)
		return;
	size_t n = strlen(lit);
	size_t i = find_open(lit, n, 0);
	if (i == n)
		return;
	/* Check them all first: a bad one leaves the node as it is. */
	shortcode sc;
	lit_pos lp;
	lit_pos_init(c, t, lit, &lp);
	for (size_t j = i; j < n; j = find_open(lit, n, sc.end)) {
		unsigned line, col;
		if (!sc_parse(lit, n, j, &sc)) {
			lit_pos_at(&lp, sc.err_off, &line, &col);
			md_error_msg(c, line, col, sc.err);
			return;
		}
		if (!md_have_hook(c)) {
			lit_pos_at(&lp, j, &line, &col);
			md_error(c, line, col,
				 "shortcodes are not available here");
			return;
		}
	}
	size_t done = 0;
	ssg_buf out;
	ssg_buf_init(&out);
	for (size_t j = i; j < n; j = find_open(lit, n, done)) {
		unsigned line, col;
		if (!sc_parse(lit, n, j, &sc))
			break; /* cannot happen: checked above */
		if (j > done)
			cmark_node_insert_before(t, new_text(lit + done,
							     j - done));
		lit_pos_at(&lp, j, &line, &col);
		ssg_buf_clear(&out);
		md_call(c, &sc, false, line, col, &out);
		cmark_node_insert_before(
			t, new_node(CMARK_NODE_HTML_INLINE, ssg_buf_cstr(&out)));
		done = sc.end;
	}
	ssg_buf_fini(&out);
	if (done < n)
		cmark_node_insert_before(t, new_text(lit + done, n - done));
	cmark_node_unlink(t);
	cmark_node_free(t);
}

/* The next node of `it`, with its type and whether it is being entered
 * (else left: leaves are only entered); NULL at the end. */
static cmark_node *md_next(cmark_iter *it, bool *enter,
			   cmark_node_type *type)
{
	cmark_event_type ev = cmark_iter_next(it);
	if (ev == CMARK_EVENT_DONE)
		return NULL;
	cmark_node *n = cmark_iter_get_node(it);
	*enter = ev == CMARK_EVENT_ENTER;
	*type = cmark_node_get_type(n);
	return n;
}

/* What inline node n adds to its text as a reader sees it: its literal
 * (text, code, inline HTML), a space for a soft break, `linebreak` for a
 * hard one; nothing for the others. */
static void inline_text(cmark_node *n, ssg_buf *out, char linebreak)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		ssg_buf_puts(out, literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
		ssg_buf_putc(out, ' ');
		break;
	case CMARK_NODE_LINEBREAK:
		ssg_buf_putc(out, linebreak);
		break;
	default:
		break;
	}
}

/* The text of a heading as a reader sees it (shortcode output, inline
 * HTML here, aside). */
static void heading_text(cmark_node *h, ssg_buf *out)
{
	cmark_iter *it = cmark_iter_new(h);
	bool enter;
	cmark_node_type type;
	for (cmark_node *n; (n = md_next(it, &enter, &type));)
		if (enter && type != CMARK_NODE_HTML_INLINE)
			inline_text(n, out, ' ');
	cmark_iter_free(it);
}

/* Renders the heading alone and puts it back as HTML with an id: cmark
 * has no attribute for it. */
static void md_heading(md_ctx *c, cmark_node *h)
{
	ssg_buf text, slug, id, lit;
	ssg_buf_init(&text);
	ssg_buf_init(&slug);
	ssg_buf_init(&id);
	ssg_buf_init(&lit);
	c->nheadings++;
	heading_text(h, &text);
	ssg_str t = ssg_str_trim((ssg_str){ssg_buf_cstr(&text), text.len});
	ssg_text_slug(&slug, t.p, t.n);
	if (slug.len > MD_MAX_ID) {
		slug.len = MD_MAX_ID;
		while (slug.len > 0 && slug.data[slug.len - 1] == '-')
			slug.len--;
		slug.data[slug.len] = '\0';
	}
	if (slug.len == 0)
		ssg_buf_printf(&slug, "muc-%u", c->nheadings);
	ids_unique(&c->ids, ssg_buf_cstr(&slug), &id);

	int level = cmark_node_get_heading_level(h);
	char *html = cmark_render_html(h, CMARK_OPT_UNSAFE);
	size_t hn = strlen(html);
	while (hn > 0 && html[hn - 1] == '\n')
		hn--;
	ssg_buf_printf(&lit, "<h%d id=\"", level);
	ssg_buf_put_html(&lit, id.data, id.len);
	ssg_buf_puts(&lit, "\">");
	/* cmark writes "<hN>" then the content. */
	size_t skip = hn >= 4 && html[0] == '<' && html[1] == 'h' &&
				      html[3] == '>'
			      ? 4
			      : 0;
	ssg_buf_put(&lit, html + skip, hn - skip);
	free(html);

	cmark_node *b = new_node(CMARK_NODE_HTML_BLOCK, ssg_buf_cstr(&lit));
	cmark_node_replace(h, b);
	cmark_node_free(h);

	if (level == 2) {
		ssg_buf_puts(&c->toc, "<li><a href=\"#");
		ssg_buf_put_html(&c->toc, id.data, id.len);
		ssg_buf_puts(&c->toc, "\">");
		ssg_buf_put_html(&c->toc, t.p, t.n);
		ssg_buf_puts(&c->toc, "</a></li>\n");
	}
	ssg_buf_fini(&text);
	ssg_buf_fini(&slug);
	ssg_buf_fini(&id);
	ssg_buf_fini(&lit);
}

/* One pass over the tree.  cmark's iterator has already chosen the next
 * node when it returns a leaf or an exit, so those may be replaced;
 * nodes are only ever inserted before the current one, so none of ours
 * is visited. */
static void md_transform(md_ctx *c, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	bool enter;
	cmark_node_type type;
	for (cmark_node *n; (n = md_next(it, &enter, &type));) {
		if (!enter) {
			if (type == CMARK_NODE_HEADING)
				md_heading(c, n);
			continue;
		}
		switch (type) {
		case CMARK_NODE_HTML_BLOCK:
			md_html_block(n);
			break;
		case CMARK_NODE_HTML_INLINE:
			md_html_inline(n);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			md_link(c, n);
			break;
		case CMARK_NODE_TEXT:
			md_text(c, n);
			break;
		case CMARK_NODE_PARAGRAPH: {
			cmark_node *h = md_block_shortcode(c, n);
			if (h) {
				/* The paragraph's children go with it: move
				 * the iterator past the new node first. */
				cmark_iter_reset(it, h, CMARK_EVENT_ENTER);
				cmark_node_free(n);
			}
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Checks what cmark cannot be trusted with; adds the diagnostic. */
static int md_check(const char *path, const char *src, size_t len,
		    unsigned first_line, ssg_diags *d)
{
	if (len > SSG_MD_MAX_BYTES) {
		ssg_diags_error(d, path, first_line, 1,
				"Markdown text is larger than %u bytes",
				SSG_MD_MAX_BYTES);
		return SSG_ERR_LIMIT;
	}
	size_t bad;
	if (!ssg_text_utf8_valid(src, len, &bad)) {
		unsigned line, col;
		ssg_text_position(src, len, bad, &line, &col);
		/* Each wording marked on its own: xgettext reads one
		 * literal an argument, the first of a ?: pair. */
		ssg_diags_msg(d, SSG_SEV_ERROR, path, first_line + line - 1,
			      col,
			      src[bad] ? N_("invalid UTF-8")
				       : N_("a NUL byte is not allowed"));
		return SSG_ERR_CONTENT;
	}
	md_refusal r;
	if (!md_prescan(src, len, &r)) {
		size_t ls = r.off;
		while (ls > 0 && src[ls - 1] != '\n' && src[ls - 1] != '\r')
			ls--;
		ssg_diags_msg(d, SSG_SEV_ERROR, path, first_line + r.line - 1,
			      (unsigned)count_chars(src + ls, r.off - ls) + 1,
			      r.msg);
		return SSG_ERR_LIMIT;
	}
	return SSG_OK;
}

static void doc_text(cmark_node *doc, ssg_buf *out);

int ssg_md_render(const char *path, const char *src, size_t len,
		  unsigned first_line, const ssg_md_hooks *hooks,
		  ssg_buf *html, ssg_buf *toc, ssg_buf *text, ssg_diags *d)
{
	if (first_line == 0)
		first_line = 1;
	int rc = md_check(path, src, len, first_line, d);
	if (rc)
		return rc;

	md_ctx c = {.path = path, .src = src, .len = len,
		    .first_line = first_line, .hooks = hooks, .d = d};
	ssg_buf_init(&c.toc);

	cmark_node *doc = cmark_parse_document(src, len, MD_PARSE_OPTS);
	/* As ssg_md_text reads it: before the shortcodes and links are
	 * made. */
	if (text)
		doc_text(doc, text);
	md_transform(&c, doc);
	rc = c.rc;
	if (rc == SSG_OK) {
		/* Unsafe only lets our own HTML nodes through: every one
		 * that came from the content is text by now. */
		char *out = cmark_render_html(doc, CMARK_OPT_UNSAFE);
		ssg_buf_puts(html, out);
		free(out);
		if (toc)
			ssg_buf_put(toc, c.toc.data, c.toc.len);
	}
	cmark_node_free(doc);
	ssg_buf_fini(&c.toc);
	ids_fini(&c.ids);
	free(c.lines);
	return rc;
}

static void ensure_newline(ssg_buf *out, size_t start)
{
	if (out->len > start && out->data[out->len - 1] != '\n')
		ssg_buf_putc(out, '\n');
}

/* Appends a text literal without its shortcodes. */
static void put_without_shortcodes(ssg_buf *out, const char *lit)
{
	size_t n = strlen(lit), done = 0;
	for (size_t j = find_open(lit, n, 0); j < n;
	     j = find_open(lit, n, j + 2)) {
		shortcode sc;
		if (!sc_parse(lit, n, j, &sc))
			continue;
		ssg_buf_put(out, lit + done, j - done);
		done = sc.end;
		j = sc.end - 2;
	}
	ssg_buf_put(out, lit + done, n - done);
}

void ssg_md_text(const char *src, size_t len, ssg_buf *out)
{
	md_refusal r;
	if (len > SSG_MD_MAX_BYTES || !md_prescan(src, len, &r))
		return;
	cmark_node *doc = cmark_parse_document(src, len, MD_PARSE_OPTS);
	doc_text(doc, out);
	cmark_node_free(doc);
}

/* The readable text of a parsed document (ssg_md_text's), appended. */
static void doc_text(cmark_node *doc, ssg_buf *out)
{
	size_t start = out->len;
	cmark_iter *it = cmark_iter_new(doc);
	bool enter;
	cmark_node_type type;
	for (cmark_node *n; (n = md_next(it, &enter, &type));) {
		if (!enter) {
			if (type == CMARK_NODE_PARAGRAPH ||
			    type == CMARK_NODE_HEADING)
				ensure_newline(out, start);
			continue;
		}
		if (type == CMARK_NODE_TEXT) {
			put_without_shortcodes(out, literal(n));
		} else if (type == CMARK_NODE_CODE_BLOCK ||
			   type == CMARK_NODE_HTML_BLOCK) {
			ensure_newline(out, start);
			ssg_buf_puts(out, literal(n));
			ensure_newline(out, start);
		} else {
			inline_text(n, out, '\n');
		}
	}
	cmark_iter_free(it);
}
