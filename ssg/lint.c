#define _GNU_SOURCE /* memmem */
#include "lint.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fmt.h"
#include "model.h"
#include "table.h"

/* Distinct document numbers remembered; past this, new ones are not
 * compared (a plan cites a few dozen). */
#define MAX_CITES 4096
#define CITE_SLOTS 8192 /* power of two, twice MAX_CITES */
/* Warnings of one kind from one file: a broken file should not bury the
 * others. */
#define MAX_WARN_PER_FILE 50

/* ---- positions ------------------------------------------------------ */

/*
 * A cursor over one file's bytes that turns offsets into line and column
 * (characters).  Offsets asked for only grow, so the whole file is walked
 * once however many warnings it has.
 */
typedef struct {
	const char *s;
	size_t n;
	size_t off;   /* position reached */
	unsigned line, col;
} cursor;

static void cursor_init(cursor *c, const char *s, size_t n, unsigned line)
{
	c->s = s;
	c->n = n;
	c->off = 0;
	c->line = line ? line : 1;
	c->col = 1;
}

static void cursor_to(cursor *c, size_t off)
{
	if (off > c->n)
		off = c->n;
	for (; c->off < off; c->off++) {
		unsigned char b = (unsigned char)c->s[c->off];
		if (b == '\n') {
			c->line++;
			c->col = 1;
		} else if ((b & 0xc0) != 0x80 && b != '\r') {
			c->col++;
		}
	}
}

/* Where scanned text lies.  Markdown bodies are verbatim in their file;
 * CSV cells and YAML values are not (quotes, escapes), so their tokens
 * are found again in the file's bytes, searching forward from `from`. */
typedef struct {
	const char *path;
	bool verbatim;
	cursor *cur;     /* over the text itself (verbatim) or the file */
	const char *file; /* the file's bytes (not verbatim); may be NULL */
	size_t flen;
	size_t from;     /* where the next search in the file starts */
	unsigned line;   /* fallback when the token is not found */
} span;

static void locate(span *sp, size_t off, const char *tok, size_t toklen,
		   unsigned *line, unsigned *col)
{
	if (sp->verbatim) {
		cursor_to(sp->cur, off);
		*line = sp->cur->line;
		*col = sp->cur->col;
		return;
	}
	const char *f = NULL;
	if (sp->file && sp->from < sp->flen && toklen)
		f = memmem(sp->file + sp->from, sp->flen - sp->from, tok,
			   toklen);
	if (!f) {
		*line = sp->line ? sp->line : 1;
		*col = 1;
		return;
	}
	size_t at = (size_t)(f - sp->file);
	sp->from = at + toklen;
	cursor_to(sp->cur, at);
	*line = sp->cur->line;
	*col = sp->cur->col;
}

/* ---- the lint context ------------------------------------------------ */

typedef struct {
	char *number; /* "2214/QĐ-TTg" */
	ssg_date date;
	char *date_text;
	char *where; /* "content/01-muc-dich-yeu-cau.md:10:313" */
} cite;

typedef struct {
	ssg_snapshot *snap;
	ssg_diags *d;
	cite *slots; /* open addressing, CITE_SLOTS */
	size_t ncites;
	const char *warn_path;
	unsigned warned; /* warnings for warn_path */
} lint;

static void warn(lint *l, const char *path, unsigned line, unsigned col,
		 const char *fmt, ...) SSG_PRINTF(5, 6);

static void warn(lint *l, const char *path, unsigned line, unsigned col,
		 const char *fmt, ...)
{
	if (l->warn_path != path) {
		l->warn_path = path;
		l->warned = 0;
	}
	if (++l->warned > MAX_WARN_PER_FILE)
		return;
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_vadd(l->d, SSG_SEV_WARNING, path, line, col, fmt, ap);
	va_end(ap);
	if (l->warned == MAX_WARN_PER_FILE)
		ssg_diags_add(l->d, SSG_SEV_WARNING, path, line, col,
			      "further warnings for this file are left out "
			      "(%d are shown)",
			      MAX_WARN_PER_FILE);
}

static cite *cite_slot(lint *l, const char *number)
{
	if (!l->slots) /* most texts cite nothing */
		l->slots = ssg_xcalloc(CITE_SLOTS, sizeof(cite));
	size_t i = (size_t)ssg_hash(number, strlen(number)) & (CITE_SLOTS - 1);
	while (l->slots[i].number && strcmp(l->slots[i].number, number))
		i = (i + 1) & (CITE_SLOTS - 1);
	return &l->slots[i];
}

static void cites_free(lint *l)
{
	for (size_t i = 0; l->slots && i < CITE_SLOTS; i++) {
		free(l->slots[i].number);
		free(l->slots[i].date_text);
		free(l->slots[i].where);
	}
	free(l->slots);
}

/* ---- tokens ---------------------------------------------------------- */

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ascii_alnum(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A token starts here: not in the middle of a word, a number or a
 * document number ("18/2020/NQ" holds "2020/NQ"). */
static bool boundary(const char *s, size_t i)
{
	if (i == 0)
		return true;
	unsigned char p = (unsigned char)s[i - 1];
	return !is_ascii_alnum(p) && p != '/' && p < 0x80 && p != '-' &&
	       p != '.' && p != ',';
}

/* Length of the UTF-8 letter at s[i] (Latin, with Vietnamese accents),
 * or 0. */
static size_t letter_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return 1;
	if (c >= 0xc3 && c <= 0xc9 && i + 1 < n &&
	    ((unsigned char)s[i + 1] & 0xc0) == 0x80)
		return 2; /* U+00C0..U+024F */
	if (c == 0xe1 && i + 2 < n && ((unsigned char)s[i + 1] == 0xb8 ||
				       (unsigned char)s[i + 1] == 0xb9 ||
				       (unsigned char)s[i + 1] == 0xba ||
				       (unsigned char)s[i + 1] == 0xbb) &&
	    ((unsigned char)s[i + 2] & 0xc0) == 0x80)
		return 3; /* U+1E00..U+1EFF, Vietnamese */
	return 0;
}

typedef enum { DATE_NONE, DATE_OK, DATE_IMPOSSIBLE, DATE_MALFORMED } date_kind;

/* A run of digit groups joined by '/' at s[i]: "28/2/2021" (a date),
 * "31/02/2024" (impossible), "27/9/8/2022" (malformed).  *end is where
 * the run stops. */
static date_kind date_at(const char *s, size_t n, size_t i, size_t *end,
			 ssg_date *out)
{
	size_t glen[8], k = 0, j = i;
	bool long_run = false;
	while (j < n && is_digit((unsigned char)s[j])) {
		size_t st = j;
		while (j < n && is_digit((unsigned char)s[j]))
			j++;
		if (k < 8)
			glen[k] = j - st;
		else
			long_run = true;
		k++;
		if (j + 1 < n && s[j] == '/' && is_digit((unsigned char)s[j + 1]))
			j++;
		else
			break;
	}
	*end = j;
	/* Followed by a letter or another '/': a document number or a
	 * code, not a date. */
	if (j < n && (s[j] == '/' || is_ascii_alnum((unsigned char)s[j]) ||
		      letter_at(s, n, j)))
		return DATE_NONE;
	if (k < 3 || long_run || glen[k - 1] != 4)
		return DATE_NONE;
	for (size_t g = 0; g + 1 < k; g++)
		if (glen[g] > 2)
			return DATE_NONE;
	if (k > 3)
		return DATE_MALFORMED;
	return ssg_date_parse_dmy(s + i, j - i, out) ? DATE_OK
						      : DATE_IMPOSSIBLE;
}

static bool word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);
	return i + k <= n && memcmp(s + i, w, k) == 0;
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static size_t read_num(const char *s, size_t n, size_t i, size_t maxd,
		       int *v)
{
	size_t st = i;
	*v = 0;
	while (i < n && is_digit((unsigned char)s[i]) && i - st < maxd)
		*v = *v * 10 + (s[i++] - '0');
	if (i == st || (i < n && is_digit((unsigned char)s[i])))
		return 0;
	return i;
}

/* "ngày 26 tháng 02 năm 2024" at s[i] (after "ngày"/"Ngày"): its end, or
 * 0 when the words do not follow that form. */
static size_t words_date_at(const char *s, size_t n, size_t i, int *d, int *m,
			    int *y)
{
	static const char ngay[] = "ng\xc3\xa0y", Ngay[] = "Ng\xc3\xa0y";
	static const char thang[] = "th\xc3\xa1ng", nam[] = "n\xc4\x83m";
	if (!word_at(s, n, i, ngay) && !word_at(s, n, i, Ngay))
		return 0;
	i = skip_blanks(s, n, i + strlen(ngay));
	if (!(i = read_num(s, n, i, 2, d)))
		return 0;
	i = skip_blanks(s, n, i);
	if (!word_at(s, n, i, thang))
		return 0;
	i = skip_blanks(s, n, i + strlen(thang));
	if (!(i = read_num(s, n, i, 2, m)))
		return 0;
	i = skip_blanks(s, n, i);
	if (!word_at(s, n, i, nam))
		return 0;
	i = skip_blanks(s, n, i + strlen(nam));
	if (!(i = read_num(s, n, i, 4, y)) || *y < 1000)
		return 0;
	return i;
}

/* A document number at s[i]: digits, '/', then a part with a letter
 * ("2214/QĐ-TTg", "18/2020/NQ-HĐND", "02/CTPH-SVHTTDL-LĐLĐ").  Returns
 * its end, or 0. */
static size_t docnum_at(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && is_digit((unsigned char)s[j]) && j - i < 6)
		j++;
	if (j == i || j >= n || s[j] != '/')
		return 0;
	j++;
	/* An optional year: 18/2020/NQ-HĐND */
	size_t y = j;
	while (y < n && is_digit((unsigned char)s[y]))
		y++;
	if (y - j == 4 && y < n && s[y] == '/')
		j = y + 1;
	size_t st = j;
	bool letter = false;
	while (j < n) {
		size_t k = letter_at(s, n, j);
		if (k) {
			letter = true;
			j += k;
		} else if (is_digit((unsigned char)s[j]) ||
			   (s[j] == '-' && j + 1 < n && j > st)) {
			j++;
		} else {
			break;
		}
	}
	while (j > st && s[j - 1] == '-')
		j--;
	return letter && letter_at(s, n, st) ? j : 0;
}

/* ---- text ------------------------------------------------------------- */

/* A citation: number followed by "ngày" and a date. */
static void cite_check(lint *l, span *sp, const char *s, size_t n, size_t i,
		       size_t numend)
{
	static const char ngay[] = "ng\xc3\xa0y";
	size_t j = skip_blanks(s, n, numend);
	if (!word_at(s, n, j, ngay))
		return;
	ssg_date dt;
	size_t dend;
	int d, m, y;
	size_t k = skip_blanks(s, n, j + strlen(ngay));
	const char *dtext;
	size_t dlen;
	if (k < n && is_digit((unsigned char)s[k]) &&
	    date_at(s, n, k, &dend, &dt) == DATE_OK) {
		dtext = s + k;
		dlen = dend - k;
	} else if ((dend = words_date_at(s, n, j, &d, &m, &y))) {
		char tmp[40];
		int tn = snprintf(tmp, sizeof(tmp), "%d/%d/%d", d, m, y);
		if (tn <= 0 || !ssg_date_parse_dmy(tmp, (size_t)tn, &dt))
			return;
		dtext = s + j;
		dlen = dend - j;
	} else {
		return;
	}
	char *num = ssg_xstrndup(s + i, numend - i);
	unsigned line, col;
	locate(sp, i, num, numend - i, &line, &col);
	cite *c = cite_slot(l, num);
	if (!c->number) {
		if (l->ncites < MAX_CITES) {
			l->ncites++;
			c->number = num;
			c->date = dt;
			c->date_text = ssg_xstrndup(dtext, dlen);
			ssg_buf w;
			ssg_buf_init(&w);
			ssg_buf_printf(&w, "%s:%u:%u", sp->path, line, col);
			c->where = ssg_buf_detach(&w);
			return;
		}
	} else if (ssg_date_cmp(&c->date, &dt) != 0) {
		char *dt_here = ssg_xstrndup(dtext, dlen);
		warn(l, sp->path, line, col,
		     "%s is cited with the date %s here but %s at %s: one of "
		     "the two dates is wrong",
		     num, dt_here, c->date_text, c->where);
		free(dt_here);
	}
	free(num);
}

/* Dates and citations in one string. */
static void scan_text(lint *l, span *sp, const char *s, size_t n)
{
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < n;) {
		/* Only a digit or an 'n' ("ngày") can start what is looked
		 * for: the other bytes, most of a text, are passed over
		 * before the word boundary is asked. */
		unsigned char c = (unsigned char)s[i];
		if (!(is_digit(c) || c == 'n' || c == 'N') || !boundary(s, i)) {
			i++;
			continue;
		}
		int d, m, y;
		size_t end;
		if (c == 'n' || c == 'N') {
			end = words_date_at(s, n, i, &d, &m, &y);
			if (end) {
				ssg_buf_clear(&b);
				ssg_buf_printf(&b, "%d/%d/%d", d, m, y);
				if (!ssg_date_parse_dmy(b.data, b.len, NULL)) {
					unsigned line, col;
					char *t = ssg_xstrndup(s + i, end - i);
					locate(sp, i, t, end - i, &line, &col);
					warn(l, sp->path, line, col,
					     "'%s' is not a real date: check the "
					     "day and the month",
					     t);
					free(t);
				}
				i = end;
				continue;
			}
		}
		if (!is_digit((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t numend = docnum_at(s, n, i);
		if (numend) {
			cite_check(l, sp, s, n, i, numend);
			i = numend;
			continue;
		}
		ssg_date dt;
		date_kind k = date_at(s, n, i, &end, &dt);
		if (k == DATE_IMPOSSIBLE || k == DATE_MALFORMED) {
			unsigned line, col;
			char *t = ssg_xstrndup(s + i, end - i);
			locate(sp, i, t, end - i, &line, &col);
			if (k == DATE_IMPOSSIBLE)
				warn(l, sp->path, line, col,
				     "'%s' is not a real date: check the day "
				     "and the month",
				     t);
			else
				warn(l, sp->path, line, col,
				     "'%s' is not a date: a date is written "
				     "dd/mm/yyyy",
				     t);
			free(t);
		}
		i = end > i ? end : i + 1;
	}
	ssg_buf_fini(&b);
}

/* ---- Markdown: numbered headings and list items ------------------------ */

#define MAX_LIST_INDENT 16

/* The number of "## 3. Title" (level 2) or "3. item" / "3) item"; 0 when
 * the line is neither.  *level is 1-6 for headings, 0 for list items,
 * *indent the list item's indentation. */
static long numbered_line(const char *s, size_t n, int *level,
			  size_t *indent)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	*indent = i;
	*level = 0;
	if (i < n && s[i] == '#') {
		if (i > 3)
			return 0;
		int lv = 0;
		while (i < n && s[i] == '#')
			lv++, i++;
		if (lv > 6 || i >= n || (s[i] != ' ' && s[i] != '\t'))
			return 0; /* "#######" or "#5" is no heading */
		*level = lv;
		i = skip_blanks(s, n, i);
	}
	long v = 0;
	size_t st = i;
	while (i < n && is_digit((unsigned char)s[i]) && i - st < 6)
		v = v * 10 + (s[i++] - '0');
	if (i == st || i >= n || (s[i] != '.' && s[i] != ')'))
		return 0;
	i++;
	if (i < n && s[i] != ' ' && s[i] != '\t')
		return 0;
	return v;
}

static void scan_numbering(lint *l, span *sp, const char *s, size_t n)
{
	long heading[7] = {0};
	long list[MAX_LIST_INDENT + 1] = {0};
	bool fence = false, prev_blank = true;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		size_t len = e > i && s[e - 1] == '\r' ? e - i - 1 : e - i;
		const char *line = s + i;
		size_t ind = 0;
		while (ind < len && line[ind] == ' ')
			ind++;
		bool blank = ind == len;
		if (ind <= 3 && (word_at(line + ind, len - ind, 0, "```") ||
				 word_at(line + ind, len - ind, 0, "~~~")))
			fence = !fence;
		else if (!fence && !blank) {
			int level;
			size_t indent;
			long v = numbered_line(line, len, &level, &indent);
			if (level) {
				for (int k = level + 1; k <= 6; k++)
					heading[k] = 0;
				memset(list, 0, sizeof(list));
				if (v && heading[level] && v > heading[level] + 1) {
					unsigned ln, col;
					locate(sp, i, "", 0, &ln, &col);
					warn(l, sp->path, ln, col,
					     "heading %ld follows heading %ld: "
					     "number %ld is missing",
					     v, heading[level], heading[level] + 1);
				}
				heading[level] = v;
			} else if (v && indent <= MAX_LIST_INDENT) {
				for (size_t k = indent + 1;
				     k <= MAX_LIST_INDENT; k++)
					list[k] = 0;
				if (list[indent] && v > list[indent] + 1) {
					unsigned ln, col;
					locate(sp, i + indent, "", 0, &ln, &col);
					warn(l, sp->path, ln, col,
					     "list item %ld follows item %ld: "
					     "number %ld is missing",
					     v, list[indent], list[indent] + 1);
				}
				list[indent] = v;
			} else if (prev_blank && ind == 0 && !v) {
				/* A paragraph at the margin ends the lists. */
				memset(list, 0, sizeof(list));
			}
		}
		prev_blank = blank;
		i = e < n ? e + 1 : n;
	}
}

/* ---- the plan ---------------------------------------------------------- */

/* Reads a file of the snapshot for placing tokens; NULL if it cannot. */
static const char *file_bytes(lint *l, const char *path, size_t *len)
{
	const ssg_file *f = ssg_snapshot_find(l->snap, path);
	const char *data = NULL;
	*len = 0;
	ssg_diags *quiet = ssg_diags_new();
	if (!f || ssg_snapshot_read(l->snap, f, &data, len, quiet))
		data = NULL;
	ssg_diags_free(quiet);
	return data;
}

/* Offset where line `line` (1-based) starts, walking forward. */
static size_t line_start(cursor *c, unsigned line)
{
	while (c->line < line && c->off < c->n)
		cursor_to(c, c->off + 1);
	return c->off;
}

static void scan_value(lint *l, span *sp, cursor *cur, const ssg_value *v,
		       const char *key, unsigned depth)
{
	if (depth > 64)
		return;
	switch (ssg_value_type(v)) {
	case SSG_V_STR:
		/* due and date are checked as errors where they are read. */
		if (key && (!strcmp(key, "due") || !strcmp(key, "date")))
			return;
		if (ssg_value_line(v)) {
			size_t at = line_start(cur, ssg_value_line(v));
			if (at >= sp->from)
				sp->from = at;
			sp->line = ssg_value_line(v);
		}
		scan_text(l, sp, ssg_value_str(v), ssg_value_strlen(v));
		break;
	case SSG_V_LIST:
		for (size_t i = 0; i < ssg_value_len(v); i++)
			scan_value(l, sp, cur, ssg_value_at(v, i), key,
				   depth + 1);
		break;
	case SSG_V_MAP:
		for (size_t i = 0; i < ssg_value_len(v); i++)
			scan_value(l, sp, cur, ssg_value_at(v, i),
				   ssg_value_key_at(v, i), depth + 1);
		break;
	default:
		break;
	}
}

static void lint_page(lint *l, const ssg_plan_page *pg)
{
	if (!pg || !pg->path)
		return;
	size_t flen;
	const char *file = file_bytes(l, pg->path, &flen);
	cursor fc;
	cursor_init(&fc, file ? file : "", file ? flen : 0, 1);
	span fm = {.path = pg->path, .cur = &fc, .file = file, .flen = flen};
	scan_value(l, &fm, &fc, pg->meta, NULL, 0);
	cursor bc;
	cursor_init(&bc, pg->body, pg->body_len, pg->body_line);
	span body = {.path = pg->path, .verbatim = true, .cur = &bc};
	scan_text(l, &body, pg->body, pg->body_len);
	cursor_init(&bc, pg->body, pg->body_len, pg->body_line);
	scan_numbering(l, &body, pg->body, pg->body_len);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!is_digit((unsigned char)*s))
			return false;
	return true;
}

/* Ids 1, 2, ... in the order of the file: a gap is a lost item.  Each
 * message is a whole sentence for the translator, hence one per table. */
static void id_gaps(lint *l, const ssg_plan_table *t, bool tasks)
{
	long prev = 0;
	for (size_t r = 0; r < ssg_table_nrows(t->table); r++) {
		const char *id = t->keys[r];
		if (!all_digits(id) || strlen(id) > 9) {
			prev = 0;
			continue;
		}
		long v = strtol(id, NULL, 10);
		unsigned line = ssg_table_row_line(t->table, r);
		if (prev && v == prev + 2 && tasks)
			warn(l, t->path, line, 1,
			     "task %ld follows task %ld: task %ld is missing",
			     v, prev, prev + 1);
		else if (prev && v == prev + 2)
			warn(l, t->path, line, 1,
			     "indicator %ld follows indicator %ld: indicator "
			     "%ld is missing",
			     v, prev, prev + 1);
		else if (prev && v > prev + 2 && tasks)
			warn(l, t->path, line, 1,
			     "task %ld follows task %ld: tasks %ld to %ld are "
			     "missing",
			     v, prev, prev + 1, v - 1);
		else if (prev && v > prev + 2)
			warn(l, t->path, line, 1,
			     "indicator %ld follows indicator %ld: indicators "
			     "%ld to %ld are missing",
			     v, prev, prev + 1, v - 1);
		prev = v;
	}
}

/* The position of a cell's text in its row; column 1 when not found. */
static void cell_pos(span *sp, cursor *c, const ssg_plan_table *t, size_t r,
		     const char *text, unsigned *line, unsigned *col)
{
	sp->from = line_start(c, ssg_table_row_line(t->table, r));
	sp->line = ssg_table_row_line(t->table, r);
	locate(sp, 0, text, strlen(text), line, col);
}

static bool is_pct_unit(const char *unit)
{
	return unit && !strcmp(unit, "%");
}

static void lint_table(lint *l, const ssg_plan_table *t)
{
	size_t flen;
	const char *file = file_bytes(l, t->path, &flen);
	cursor c;
	cursor_init(&c, file ? file : "", file ? flen : 0, 1);
	span sp = {.path = t->path, .cur = &c, .file = file, .flen = flen};
	size_t nc = ssg_table_ncols(t->table);
	for (size_t r = 0; r < ssg_table_nrows(t->table); r++) {
		sp.from = line_start(&c, ssg_table_row_line(t->table, r));
		sp.line = ssg_table_row_line(t->table, r);
		for (size_t k = 0; k < nc; k++) {
			const char *s = ssg_table_cell(t->table, r, k);
			size_t n = ssg_table_cell_len(t->table, r, k);
			scan_text(l, &sp, s, n);
			/* A percentage, by its sign or its column's unit. */
			ssg_num num;
			if (ssg_plan_cell_num(t, r, k, &num) &&
			    (num.percent || is_pct_unit(t->col_units[k])) &&
			    (num.value < 0 || num.value > 100)) {
				unsigned line, col;
				ssg_str tr = ssg_str_trim((ssg_str){s, n});
				char *txt = ssg_xstrndup(tr.p, tr.n);
				locate(&sp, 0, txt, tr.n, &line, &col);
				warn(l, t->path, line, col,
				     "%s of row %s is %s, a percentage outside "
				     "0-100",
				     ssg_table_colname(t->table, k), t->keys[r],
				     txt);
				free(txt);
			}
		}
	}
}

/* Indicators: a figure in % outside 0-100 (a unit column is not known
 * to the generic table check). */
static void lint_indicators(lint *l, const ssg_plan *p)
{
	const ssg_plan_table *t = ssg_plan_table_find(p, "indicators");
	if (!t)
		return;
	id_gaps(l, t, false);
	size_t flen;
	const char *file = file_bytes(l, t->path, &flen);
	cursor c;
	cursor_init(&c, file ? file : "", file ? flen : 0, 1);
	span sp = {.path = t->path, .cur = &c, .file = file, .flen = flen};
	long uc = ssg_table_col_find(t->table, "unit");
	bool col_pct = uc >= 0 && is_pct_unit(t->col_units[uc]);
	for (size_t i = 0; i < ssg_plan_nindicators(p); i++) {
		const ssg_plan_indicator *x = ssg_plan_indicator_at(p, i);
		const char *const vals[3] = {x->baseline, x->target, x->result};
		static const char *const names[3] = {"baseline", "target",
						     "result"};
		bool unit_pct = col_pct || is_pct_unit(x->unit);
		for (size_t k = 0; k < 3; k++) {
			ssg_num num;
			if (!ssg_num_parse(vals[k], strlen(vals[k]), &num) ||
			    num.percent || !unit_pct)
				continue; /* with a % sign: lint_table */
			if (num.value >= 0 && num.value <= 100)
				continue;
			unsigned line, col;
			cell_pos(&sp, &c, t, x->row, vals[k], &line, &col);
			warn(l, t->path, line, col,
			     "%s of indicator %s is %s%%, a percentage outside "
			     "0-100",
			     names[k], x->id, vals[k]);
		}
	}
}

static void lint_tasks(lint *l, const ssg_plan *p)
{
	const ssg_plan_table *t = ssg_plan_table_find(p, "tasks");
	if (!t)
		return;
	id_gaps(l, t, true);
	long pc = ssg_table_col_find(t->table, "progress");
	size_t flen;
	const char *file = file_bytes(l, t->path, &flen);
	cursor c;
	cursor_init(&c, file ? file : "", file ? flen : 0, 1);
	span sp = {.path = t->path, .cur = &c, .file = file, .flen = flen};
	for (size_t i = 0; i < ssg_plan_ntasks(p); i++) {
		const ssg_plan_task *x = ssg_plan_task_at(p, i);
		if (x->status != SSG_STATUS_DONE || !x->has_progress ||
		    x->progress >= 100)
			continue;
		unsigned col = 1;
		if (pc >= 0) {
			/* The progress cell is short and has no quotes in
			 * practice; place the warning on it. */
			unsigned line;
			const char *cell = ssg_table_cell(t->table, x->row,
							  (size_t)pc);
			ssg_str tr = ssg_str_trim(
				(ssg_str){cell, strlen(cell)});
			char *txt = ssg_xstrndup(tr.p, tr.n);
			cell_pos(&sp, &c, t, x->row, txt, &line, &col);
			free(txt);
		}
		warn(l, t->path, ssg_table_row_line(t->table, x->row), col,
		     "task %s is marked done but its progress is %g%%: "
		     "correct the status or the progress",
		     x->id, x->progress);
	}
}

void ssg_lint_plan(const ssg_plan *p, ssg_snapshot *snap, ssg_diags *d)
{
	lint l = {.snap = snap, .d = d};
	lint_page(&l, ssg_plan_index(p));
	for (size_t i = 0; i < ssg_plan_nsections(p); i++)
		lint_page(&l, ssg_plan_section(p, i));
	for (size_t i = 0; i < ssg_plan_nposts(p); i++)
		lint_page(&l, ssg_plan_post(p, i));
	for (size_t i = 0; i < ssg_plan_ntables(p); i++)
		lint_table(&l, ssg_plan_table_at(p, i));
	lint_indicators(&l, p);
	lint_tasks(&l, p);
	cites_free(&l);
}

void ssg_lint_text(const char *path, const char *s, size_t n, unsigned line,
		   ssg_diags *d)
{
	lint l = {.d = d};
	cursor c;
	cursor_init(&c, s, n, line);
	span sp = {.path = path, .verbatim = true, .cur = &c};
	scan_text(&l, &sp, s, n);
	cursor_init(&c, s, n, line);
	scan_numbering(&l, &sp, s, n);
	cites_free(&l);
}
