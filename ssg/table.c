#include "table.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "text.h"

/* One file reporting thousands of ragged rows helps nobody and costs
 * memory; past this many errors the parse stops. */
#define MAX_ERRORS 100

/* Cell text is stored with one NUL per cell, so it is at most twice the
 * input; 32-bit offsets are enough and halve the index. */
_Static_assert(2ull * SSG_TABLE_MAX_BYTES + 2 < UINT32_MAX,
	       "cell offsets must fit in 32 bits");

struct ssg_table {
	char *path;
	char delim;
	size_t ncols, nrows;
	unsigned header_line;
	char *text;     /* every cell NUL-terminated, header row first */
	uint32_t *off;  /* (nrows + 1) * ncols cell starts, then the end */
	unsigned *line; /* source line of each data row */
	uint32_t *roff; /* byte where each data row starts, after a BOM */
	size_t bom;     /* bytes of BOM before the text */
	uint32_t header_off;
	char **names;   /* trimmed column names */
};

typedef struct {
	const char *path;
	const char *src; /* the input after a BOM */
	size_t len;
	ssg_diags *d;
	char delim;
	int rc;
	bool stop;
	size_t nerrors;

	/* storage being built */
	char *text;
	size_t tlen, tcap;
	uint32_t *off;
	size_t noff, offcap;
	unsigned *line;
	uint32_t *roff;
	size_t nrows, linecap;
	bool have_header;
	size_t ncols;
	unsigned header_line;
	size_t header_off;

	/* the row being read */
	size_t row_fields;
	bool row_blank; /* every field so far empty or white space */
	size_t row_mark, text_mark; /* noff and tlen where it began */
	size_t row_off;		    /* byte where it began: a line start */
	unsigned row_line;

	/* the chunk (one source line) libcsv is reading */
	size_t chunk_end;
	unsigned chunk_line;

	/* a run of empty lines between rows, not yet known to be trailing */
	unsigned blank_first;
	size_t blank_count;
} parse_ctx;

/* ---- diagnostics ---- */

static const char *delim_name(char delim)
{
	switch (delim) {
	case ';':
		return "';'";
	case '\t':
		return "TAB";
	default:
		return "','";
	}
}

/* Line and column of `off`, counting from `from`, a line start on line
 * `from_line`. */
static void locate(const parse_ctx *c, size_t from, unsigned from_line,
		   size_t off, unsigned *line, unsigned *col)
{
	unsigned l;
	ssg_text_position(c->src + from, c->len - from, off - from, &l, col);
	*line = from_line + l - 1;
}

static void fail(parse_ctx *c, int code, unsigned line, unsigned col,
		 const char *fmt, ...) SSG_PRINTF(5, 6);

static void fail(parse_ctx *c, int code, unsigned line, unsigned col,
		 const char *fmt, ...)
{
	if (c->stop)
		return;
	if (c->nerrors == MAX_ERRORS) {
		ssg_diags_error(c->d, c->path, line, col,
				"too many errors in this table (more than %d): "
				"fix these first",
				MAX_ERRORS);
		c->stop = true;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_vadd(c->d, SSG_SEV_ERROR, c->path, line, col, fmt, ap);
	va_end(ap);
	c->nerrors++;
	if (code == SSG_ERR_LIMIT) {
		c->rc = SSG_ERR_LIMIT;
		c->stop = true;
	} else if (c->rc == SSG_OK) {
		c->rc = code;
	}
}

/* ---- the bytes: UTF-8, no NUL, no lone CR ---- */

/* Whole-file problems: the first one is reported and the parse stops,
 * because everything after it would be noise. */
static bool check_bytes(parse_ctx *c)
{
	const unsigned char *s = (const unsigned char *)c->src;
	enum { NONE, NUL, LONE_CR, BAD_UTF8 } bad = NONE;
	size_t line_start = 0, i = 0;
	unsigned line = 1;
	while (i < c->len && bad == NONE) {
		unsigned char b = s[i];
		int32_t cp;
		size_t n = 1;
		if (b == '\n') {
			line_start = i + 1;
			line++;
		} else if (b == '\0') {
			bad = NUL;
		} else if (b == '\r' &&
			   (i + 1 == c->len || s[i + 1] != '\n')) {
			bad = LONE_CR;
		} else if (b >= 0x80) {
			n = ssg_text_utf8_decode(c->src + i, c->len - i, &cp);
			if (n == 0)
				bad = BAD_UTF8;
		}
		if (bad == NONE)
			i += n;
	}
	if (bad == NONE)
		return true;
	unsigned col;
	locate(c, line_start, line, i, &line, &col);
	switch (bad) {
	case NUL:
		fail(c, SSG_ERR_CONTENT, line, col,
		     "NUL byte: the file must be saved as UTF-8 text (a CSV "
		     "export, not a spreadsheet or UTF-16 file)");
		break;
	case LONE_CR:
		fail(c, SSG_ERR_CONTENT, line, col,
		     "carriage return (CR) without a line feed: save the file "
		     "with LF or CRLF line endings");
		break;
	default:
		fail(c, SSG_ERR_CONTENT, line, col,
		     "invalid UTF-8 (byte 0x%02X): the file must be saved as "
		     "UTF-8; it seems to use another encoding such as "
		     "Windows-1258 or TCVN3",
		     s[i]);
		break;
	}
	return false;
}

/* ---- storage ---- */

static void push_cell(parse_ctx *c, const char *s, size_t n)
{
	if (c->noff == c->offcap) {
		c->offcap = c->offcap ? 2 * c->offcap : 64;
		c->off = ssg_xrealloc(c->off, c->offcap * sizeof *c->off);
	}
	c->off[c->noff++] = (uint32_t)c->tlen;
	if (c->tcap - c->tlen < n + 1) {
		size_t cap = c->tcap ? c->tcap : 4096;
		while (cap - c->tlen < n + 1)
			cap *= 2;
		c->text = ssg_xrealloc(c->text, cap);
		c->tcap = cap;
	}
	if (n)
		memcpy(c->text + c->tlen, s, n);
	c->text[c->tlen + n] = '\0';
	c->tlen += n + 1;
}

/* A data row's line and first byte (UINT32_MAX: a blank line of a
 * one-column table, whose cell is at column 1). */
static void push_line(parse_ctx *c, unsigned line, size_t off)
{
	if (c->nrows == c->linecap) {
		c->linecap = c->linecap ? 2 * c->linecap : 64;
		c->line = ssg_xrealloc(c->line, c->linecap * sizeof *c->line);
		c->roff = ssg_xrealloc(c->roff, c->linecap * sizeof *c->roff);
	}
	c->roff[c->nrows] = (uint32_t)off;
	c->line[c->nrows++] = line;
}

static void next_row(parse_ctx *c)
{
	c->row_fields = 0;
	c->row_blank = true;
	c->row_mark = c->noff;
	c->text_mark = c->tlen;
}

static void drop_row(parse_ctx *c)
{
	c->noff = c->row_mark;
	c->tlen = c->text_mark;
	next_row(c);
}

/* ---- positions inside a row ---- */

/* libcsv does not report positions, so errors that point into a row
 * walk it again.  The row starting at `pos` is well formed as far as
 * libcsv read it.  Returns the start of field `idx`, or of the last
 * field when the row has fewer; *end gets where the row ends (its line
 * break, or the end of the input). */
static size_t field_start_in(const char *s, size_t len, char delim,
			     size_t pos, size_t idx, size_t *end)
{
	size_t start = pos;
	for (size_t k = 0;; k++) {
		start = pos;
		if (pos < len && s[pos] == '"') {
			pos++;
			while (pos < len) {
				if (s[pos] == '"') {
					if (pos + 1 < len && s[pos + 1] == '"') {
						pos += 2;
						continue;
					}
					pos++;
					break;
				}
				pos++;
			}
		}
		while (pos < len && s[pos] != delim && s[pos] != '\n')
			pos++;
		if (k == idx || pos >= len || s[pos] == '\n') {
			if (end) {
				size_t e = pos;
				while (e < len && s[e] != '\n')
					e++;
				if (e > 0 && e < len && s[e - 1] == '\r')
					e--;
				*end = e;
			}
			return start;
		}
		pos++; /* the delimiter */
	}
}

static size_t field_start(const parse_ctx *c, size_t pos, size_t idx,
			  size_t *end)
{
	return field_start_in(c->src, c->len, c->delim, pos, idx, end);
}

/* ---- libcsv callbacks ---- */

static void on_field(void *s, size_t n, void *data)
{
	parse_ctx *c = data;
	if (c->stop)
		return;
	if (n > SSG_TABLE_MAX_FIELD) {
		unsigned line, col;
		size_t at = field_start(c, c->row_off, c->row_fields, NULL);
		locate(c, c->row_off, c->row_line, at, &line, &col);
		fail(c, SSG_ERR_LIMIT, line, col,
		     "field is longer than %u bytes: cells this large are "
		     "not supported",
		     SSG_TABLE_MAX_FIELD);
		return;
	}
	c->row_fields++;
	for (size_t i = 0; i < n && c->row_blank; i++)
		c->row_blank = ((const char *)s)[i] == ' ' ||
			       ((const char *)s)[i] == '\t';
	/* Fields past the header's width are counted, not kept. */
	if (c->have_header && c->row_fields > c->ncols)
		return;
	push_cell(c, s, n);
}

static void header_done(parse_ctx *c)
{
	c->have_header = true;
	c->ncols = c->row_fields;
	c->header_line = c->row_line;
	c->header_off = c->row_off;
}

static void ragged(parse_ctx *c)
{
	size_t end, at;
	unsigned line, col;
	at = field_start(c, c->row_off, c->ncols, &end);
	if (c->row_fields > c->ncols) {
		locate(c, c->row_off, c->row_line, at, &line, &col);
		fail(c, SSG_ERR_CONTENT, line, col,
		     "row has %zu fields, the header has %zu: remove the "
		     "extra fields, or put quotes around a field that "
		     "contains %s",
		     c->row_fields, c->ncols, delim_name(c->delim));
	} else {
		locate(c, c->row_off, c->row_line, end, &line, &col);
		if (c->row_fields == 1)
			fail(c, SSG_ERR_CONTENT, line, col,
			     "row has 1 field, the header has %zu: add the "
			     "missing fields (an empty field is still "
			     "separated by %s)",
			     c->ncols, delim_name(c->delim));
		else
			fail(c, SSG_ERR_CONTENT, line, col,
			     "row has %zu fields, the header has %zu: add the "
			     "missing fields (an empty field is still "
			     "separated by %s)",
			     c->row_fields, c->ncols, delim_name(c->delim));
	}
}

static void on_row(int term, void *data)
{
	parse_ctx *c = data;
	(void)term;
	if (c->stop)
		return;
	if (!c->have_header) {
		header_done(c);
	} else if (c->row_blank && c->ncols > 1) {
		/* ";;;;;;;" under a table, as spreadsheets save the rows
		 * below it that once held something: no row at all. */
		drop_row(c);
	} else if (c->row_fields != c->ncols) {
		ragged(c);
		drop_row(c);
	} else if (c->nrows == SSG_TABLE_MAX_ROWS) {
		fail(c, SSG_ERR_LIMIT, c->row_line, 1,
		     "more than %u rows: split the table into smaller "
		     "ones",
		     SSG_TABLE_MAX_ROWS);
	} else {
		push_line(c, c->row_line, c->row_off);
	}
	next_row(c);
	/* Rows end only at a line feed, the last byte of a chunk. */
	c->row_off = c->chunk_end;
	c->row_line = c->chunk_line + 1;
}

/* Empty lines between rows: with one column each is a row with an
 * empty cell (RFC 4180); with more it is a mistake worth reporting. */
static void flush_blanks(parse_ctx *c)
{
	if (!c->blank_count)
		return;
	if (c->have_header && c->ncols == 1) {
		for (size_t i = 0; i < c->blank_count && !c->stop; i++) {
			if (c->nrows == SSG_TABLE_MAX_ROWS) {
				fail(c, SSG_ERR_LIMIT, c->blank_first, 1,
				     "more than %u rows: split the table "
				     "into smaller ones",
				     SSG_TABLE_MAX_ROWS);
				break;
			}
			push_cell(c, "", 0);
			push_line(c, c->blank_first + (unsigned)i, UINT32_MAX);
		}
		next_row(c);
	} else if (c->have_header) {
		if (c->blank_count == 1)
			fail(c, SSG_ERR_CONTENT, c->blank_first, 1,
			     "empty line inside the table: delete it (every "
			     "row needs %zu fields)",
			     c->ncols);
		else
			fail(c, SSG_ERR_CONTENT, c->blank_first, 1,
			     "%zu empty lines inside the table: delete them "
			     "(every row needs %zu fields)",
			     c->blank_count, c->ncols);
	}
	c->blank_count = 0;
}

/* ---- libcsv set-up ---- */

/* Only CR counts as white space, so libcsv drops the CR of a CRLF after
 * a field and keeps every other byte as written. */
static int is_cr(unsigned char ch)
{
	return ch == '\r';
}

static int is_lf(unsigned char ch)
{
	return ch == '\n';
}

/* Caps libcsv's field buffer, so an oversized field fails where it
 * grows past the limit (a closing quote may sit in the buffer too). */
static void *field_realloc(void *p, size_t n)
{
	if (n > (size_t)SSG_TABLE_MAX_FIELD + 2)
		return NULL;
	return realloc(p, n);
}

static bool parser_init(struct csv_parser *p, char delim)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return false;
	csv_set_delim(p, (unsigned char)delim);
	csv_set_space_func(p, is_cr);
	csv_set_term_func(p, is_lf);
	csv_set_realloc_func(p, field_realloc);
	csv_set_free_func(p, free);
	csv_set_blk_size(p, 4096);
	return true;
}

/* ---- the header line ---- */

static char detect_delim(const char *s, size_t len, size_t pos)
{
	size_t comma = 0, semi = 0, tab = 0;
	bool quoted = false;
	for (; pos < len; pos++) {
		char ch = s[pos];
		if (ch == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (ch == '\n')
			break;
		else if (ch == ',')
			comma++;
		else if (ch == ';')
			semi++;
		else if (ch == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

static bool is_blank_line(const char *s, size_t n)
{
	return (n == 1 && s[0] == '\n') ||
	       (n == 2 && s[0] == '\r' && s[1] == '\n');
}

static unsigned char ascii_lower(char ch)
{
	unsigned char x = (unsigned char)ch;
	return x >= 'A' && x <= 'Z' ? (unsigned char)(x - 'A' + 'a') : x;
}

static int ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = ascii_lower(*a), y = ascii_lower(*b);
		if (x != y || !x)
			return x - y;
	}
}

typedef struct {
	const char *name;
	size_t col;
} name_ref;

static int name_ref_cmp(const void *pa, const void *pb)
{
	const name_ref *a = pa, *b = pb;
	int r = ascii_casecmp(a->name, b->name);
	if (r)
		return r;
	return (a->col > b->col) - (a->col < b->col);
}

static void header_cell_pos(const parse_ctx *c, size_t col, unsigned *line,
			    unsigned *lcol)
{
	size_t at = field_start(c, c->header_off, col, NULL);
	locate(c, c->header_off, c->header_line, at, line, lcol);
}

/* Trims the column names and reports empty and repeated ones.  In the
 * contract's two tables a header written as the site shows it (fields.h)
 * is the column's name.  Sorting keeps a header with many columns from
 * costing quadratic time. */
static char **check_names(parse_ctx *c)
{
	char **names = ssg_xcalloc(c->ncols, sizeof *names);
	name_ref *refs = ssg_xcalloc(c->ncols, sizeof *refs);
	const char *fields = ssg_fields_table_of_path(c->path);
	unsigned line, col;
	for (size_t i = 0; i < c->ncols; i++) {
		/* No NUL can be in a cell: check_bytes refused them. */
		const char *cell = c->text + c->off[i];
		ssg_str s = ssg_str_trim((ssg_str){cell, strlen(cell)});
		names[i] = ssg_xstrndup(s.p, s.n);
		const ssg_field *f =
			fields && s.n ? ssg_fields_match(fields, names[i]) : NULL;
		if (f) {
			free(names[i]);
			names[i] = ssg_xstrdup(f->name);
		}
		refs[i].name = names[i];
		refs[i].col = i;
		if (s.n == 0) {
			header_cell_pos(c, i, &line, &col);
			fail(c, SSG_ERR_CONTENT, line, col,
			     "column %zu has no name: write a name in the "
			     "header row",
			     i + 1);
		}
	}
	ssg_sort(refs, c->ncols, sizeof *refs, name_ref_cmp);
	size_t first = 0; /* the leftmost column of a run of equal names */
	for (size_t i = 1; i < c->ncols; i++) {
		if (ascii_casecmp(refs[first].name, refs[i].name) != 0) {
			first = i;
			continue;
		}
		if (refs[i].name[0] == '\0')
			continue;
		header_cell_pos(c, refs[i].col, &line, &col);
		const char *cell = c->text + c->off[refs[i].col];
		ssg_str w = ssg_str_trim((ssg_str){cell, strlen(cell)});
		char *written = ssg_xstrndup(w.p, w.n);
		if (ascii_casecmp(written, refs[i].name) == 0)
			fail(c, SSG_ERR_CONTENT, line, col,
			     "column name \"%s\" is used twice (also column "
			     "%zu): rename one of them",
			     written, refs[first].col + 1);
		else
			fail(c, SSG_ERR_CONTENT, line, col,
			     "column \"%.*s\" is column '%s', which column %zu "
			     "already is: keep one of the two",
			     (int)w.n, w.p, refs[i].name, refs[first].col + 1);
		free(written);
	}
	free(refs);
	return names;
}

/* ---- parse ---- */

/* Reports the error libcsv stopped at: byte `at` of the input, in the
 * chunk that starts at `pos` on line `line`.  libcsv says only "parse
 * error", so the byte tells which mistake it was. */
static void syntax_error(parse_ctx *c, struct csv_parser *p, size_t pos,
			 unsigned line, size_t at)
{
	unsigned l, col;
	locate(c, pos, line, at, &l, &col);
	if (csv_error(p) != CSV_EPARSE) {
		fail(c, SSG_ERR_LIMIT, l, col,
		     "field is longer than %u bytes: cells this large are "
		     "not supported",
		     SSG_TABLE_MAX_FIELD);
	} else if (c->src[at] == '"') {
		fail(c, SSG_ERR_CONTENT, l, col,
		     "quote (\") inside a field that does not start with "
		     "one: put the whole field in quotes and write this "
		     "quote twice (\"\")");
	} else {
		fail(c, SSG_ERR_CONTENT, l, col,
		     "text after the closing quote of a field: write the "
		     "quote twice (\"\") if it is part of the text, or add "
		     "the missing %s",
		     delim_name(c->delim));
	}
}

static void unterminated(parse_ctx *c)
{
	unsigned line, col;
	size_t at = field_start(c, c->row_off, SIZE_MAX, NULL);
	locate(c, c->row_off, c->row_line, at, &line, &col);
	fail(c, SSG_ERR_CONTENT, line, col,
	     "unterminated quoted field: add the closing \"");
}

/* Feeds libcsv one source line at a time, so that every row knows the
 * line it starts on; a syntax error skips to the next line, so that
 * the problems after it are found in the same run. */
static void feed(parse_ctx *c)
{
	struct csv_parser p;
	size_t pos = 0;
	unsigned line = 1;
	if (!parser_init(&p, c->delim)) {
		ssg_diags_env(c->d, "%s: cannot start the CSV parser",
			      c->path);
		c->rc = SSG_ERR_ENV;
		return;
	}
	c->row_off = 0;
	c->row_line = 1;
	next_row(c);
	for (; pos < c->len && !c->stop; line++) {
		const char *nl = memchr(c->src + pos, '\n', c->len - pos);
		size_t end = nl ? (size_t)(nl - c->src) + 1 : c->len;
		c->chunk_end = end;
		c->chunk_line = line;
		if (c->row_off == pos && is_blank_line(c->src + pos, end - pos)) {
			if (!c->blank_count)
				c->blank_first = line;
			if (c->have_header)
				c->blank_count++;
			c->row_off = end;
			c->row_line = line + 1;
			pos = end;
			continue;
		}
		flush_blanks(c);
		if (c->stop)
			break;
		size_t k = csv_parse(&p, c->src + pos, end - pos, on_field,
				     on_row, c);
		if (k < end - pos && !c->stop) {
			syntax_error(c, &p, pos, line, pos + k);
			/* Without a header nothing after it can be checked. */
			if (!c->have_header)
				c->stop = true;
			csv_free(&p);
			if (!parser_init(&p, c->delim)) {
				c->stop = true;
				c->rc = SSG_ERR_ENV;
				ssg_diags_env(c->d,
					      "%s: cannot start the CSV parser",
					      c->path);
				return;
			}
			drop_row(c);
			c->row_off = end;
			c->row_line = line + 1;
		}
		pos = end;
	}
	/* Empty lines left over are trailing: not rows. */
	c->blank_count = 0;
	if (!c->stop) {
		c->chunk_end = c->len;
		c->chunk_line = line;
		if (csv_fini(&p, on_field, on_row, c) != 0)
			unterminated(c);
	}
	csv_free(&p);
}

static ssg_table *build(parse_ctx *c, char **names)
{
	ssg_table *t = ssg_xcalloc(1, sizeof *t);
	t->path = ssg_xstrdup(c->path);
	t->delim = c->delim;
	t->ncols = c->ncols;
	t->nrows = c->nrows;
	t->header_line = c->header_line;
	t->names = names;
	/* The end offset lets every cell's length be a subtraction. */
	if (c->noff == c->offcap)
		c->off = ssg_xrealloc(c->off, (c->noff + 1) * sizeof *c->off);
	c->off[c->noff] = (uint32_t)c->tlen;
	t->off = c->off;
	t->text = c->text;
	t->line = c->line;
	t->roff = c->roff;
	t->header_off = (uint32_t)c->header_off;
	c->off = NULL;
	c->text = NULL;
	c->line = NULL;
	c->roff = NULL;
	return t;
}

int ssg_table_parse(ssg_table **out, const char *path, const char *bytes,
		    size_t len, ssg_diags *d)
{
	parse_ctx c = {0};
	char **names = NULL;
	size_t bom = 0;
	*out = NULL;
	c.path = path ? path : "";
	c.d = d;
	c.rc = SSG_OK;
	if (len > SSG_TABLE_MAX_BYTES) {
		fail(&c, SSG_ERR_LIMIT, 1, 1,
		     "file is %zu bytes, more than the %u bytes a table may "
		     "have: split it into smaller tables",
		     len, SSG_TABLE_MAX_BYTES);
		goto done;
	}
	if (len >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
			 (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
		fail(&c, SSG_ERR_CONTENT, 1, 1,
		     "the file is UTF-16: it must be saved as UTF-8");
		goto done;
	}
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bom = 3;
		bytes += 3;
		len -= 3;
	}
	c.src = bytes;
	c.len = len;
	if (!check_bytes(&c))
		goto done;
	{
		size_t pos = 0;
		while (pos < len) {
			const char *nl = memchr(bytes + pos, '\n', len - pos);
			size_t end = nl ? (size_t)(nl - bytes) + 1 : len;
			if (!is_blank_line(bytes + pos, end - pos))
				break;
			pos = end;
		}
		c.delim = detect_delim(bytes, len, pos);
	}
	feed(&c);
	if (c.rc != SSG_OK)
		goto done;
	if (!c.have_header) {
		fail(&c, SSG_ERR_CONTENT, 1, 1,
		     "empty file: a header row is needed");
		goto done;
	}
	names = check_names(&c);
	if (c.rc != SSG_OK)
		goto done;
	*out = build(&c, names);
	names = NULL;
done:
	if (names)
		for (size_t i = 0; i < c.ncols; i++)
			free(names[i]);
	free(names);
	free(c.text);
	free(c.off);
	free(c.line);
	free(c.roff);
	if (*out)
		(*out)->bom = bom;
	return c.rc;
}

void ssg_table_free(ssg_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->names[i]);
	free(t->names);
	free(t->text);
	free(t->off);
	free(t->line);
	free(t->roff);
	free(t->path);
	free(t);
}

const char *ssg_table_path(const ssg_table *t)
{
	return t->path;
}

char ssg_table_delimiter(const ssg_table *t)
{
	return t->delim;
}

size_t ssg_table_ncols(const ssg_table *t)
{
	return t->ncols;
}

size_t ssg_table_nrows(const ssg_table *t)
{
	return t->nrows;
}

const char *ssg_table_colname(const ssg_table *t, size_t col)
{
	return col < t->ncols ? t->names[col] : "";
}

void ssg_table_col_rename(ssg_table *t, size_t col, const char *name)
{
	if (col >= t->ncols)
		return;
	free(t->names[col]);
	t->names[col] = ssg_xstrdup(name);
}

/* a and b, trimmed, are one name ignoring ASCII case. */
static bool same_name(ssg_str a, ssg_str b)
{
	if (a.n != b.n)
		return false;
	size_t k = 0;
	while (k < a.n && ascii_lower(a.p[k]) == ascii_lower(b.p[k]))
		k++;
	return k == a.n;
}

static ssg_str trimmed(const char *s)
{
	return ssg_str_trim((ssg_str){s, strlen(s)});
}

bool ssg_table_colname_is(const char *a, const char *b)
{
	return a && b && same_name(trimmed(a), trimmed(b));
}

long ssg_table_col_find(const ssg_table *t, const char *name)
{
	ssg_str want = trimmed(name);
	for (size_t i = 0; i < t->ncols; i++)
		if (same_name(trimmed(t->names[i]), want))
			return (long)i;
	return -1;
}

static size_t cell_index(const ssg_table *t, size_t row, size_t col)
{
	return (row + 1) * t->ncols + col;
}

const char *ssg_table_cell(const ssg_table *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		return "";
	return t->text + t->off[cell_index(t, row, col)];
}

size_t ssg_table_cell_len(const ssg_table *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		return 0;
	size_t i = cell_index(t, row, col);
	return t->off[i + 1] - t->off[i] - 1;
}

unsigned ssg_table_row_line(const ssg_table *t, size_t row)
{
	return row < t->nrows ? t->line[row] : 0;
}

unsigned ssg_table_header_line(const ssg_table *t)
{
	return t->header_line;
}

void ssg_table_cell_where(const ssg_table *t, const char *bytes, size_t len,
			  size_t row, size_t col, unsigned *line,
			  unsigned *lcol)
{
	size_t from;
	*lcol = 1;
	if (row == SSG_TABLE_HEADER) {
		*line = t->header_line;
		from = t->header_off;
	} else if (row < t->nrows) {
		*line = t->line[row];
		from = t->roff[row];
	} else {
		*line = 0;
		return;
	}
	if (len < t->bom || from == UINT32_MAX || from > len - t->bom)
		return;
	bytes += t->bom;
	len -= t->bom;
	size_t at = field_start_in(bytes, len, t->delim, from, col, NULL);
	unsigned l;
	ssg_text_position(bytes + from, len - from, at - from, &l, lcol);
	*line += l - 1;
}

void ssg_table_text_where(const ssg_table *t, const char *bytes, size_t len,
			  size_t row, size_t col, size_t off, unsigned *line,
			  unsigned *lcol)
{
	ssg_table_cell_where(t, bytes, len, row, col, line, lcol);
	size_t from = row == SSG_TABLE_HEADER ? t->header_off
		      : row < t->nrows	      ? t->roff[row]
					      : UINT32_MAX;
	if (*line == 0 || len < t->bom || from == UINT32_MAX ||
	    from > len - t->bom)
		return;
	bytes += t->bom;
	len -= t->bom;
	size_t at = field_start_in(bytes, len, t->delim, from, col, NULL);
	/* The source bytes of text offset `off`: past the opening quote,
	 * a doubled quote is one byte of text. */
	size_t src = at;
	if (src < len && bytes[src] == '"') {
		src++;
		for (size_t k = 0; k < off && src < len; k++)
			src += bytes[src] == '"' ? 2 : 1;
	} else {
		src += off;
	}
	if (src > len)
		src = len;
	unsigned l;
	ssg_text_position(bytes + from, len - from, src - from, &l, lcol);
	*line = (row == SSG_TABLE_HEADER ? t->header_line : t->line[row]) +
		l - 1;
}
