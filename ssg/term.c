#include "term.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fmt.h"
#include "i18n.h"
#include "text.h"
#include "view.h"

#define RED "\x1b[31m"
#define GREEN "\x1b[32m"
#define BOLD "\x1b[1m"
#define RESET "\x1b[0m"

void ssg_term_put(ssg_buf *b, const char *s)
{
	if (!*s) {
		ssg_buf_puts(b, "\"\"");
		return;
	}
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			ssg_buf_putc(b, '^');
			ssg_buf_putc(b, (char)(c ^ 0x40));
			i++;
			continue;
		}
		if (c < 0x80) {
			ssg_buf_putc(b, (char)c);
			i++;
			continue;
		}
		int32_t cp;
		size_t len = ssg_text_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			/* A lone byte 0x9b is CSI to an 8-bit terminal. */
			ssg_buf_puts(b, "\xef\xbf\xbd");
			i++;
		} else if (cp < 0xa0) {
			/* C1 controls (CSI, OSC...) act as ESC [ and ESC ]
			 * do: shown as cat -v shows them, M-^[ for U+009B. */
			ssg_buf_puts(b, "M-^");
			ssg_buf_putc(b, (char)((cp & 0x7f) ^ 0x40));
			i += len;
		} else {
			ssg_buf_put(b, s + i, len);
			i += len;
		}
	}
}

void ssg_term_heading(ssg_buf *b, const char *s, bool color)
{
	ssg_buf_puts(b, color ? BOLD : "");
	ssg_term_put(b, s); /* a path of the repository is content */
	ssg_buf_puts(b, color ? RESET : "");
	ssg_buf_putc(b, '\n');
}

void ssg_term_time(ssg_buf *b, const char *fmt, long long t, int offset)
{
	ssg_date d = ssg_time_date(t, offset);
	long long sec = (t + (long long)offset * 60) % 86400;
	sec += sec < 0 ? 86400 : 0;
	struct tm tm = {0};
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_hour = (int)(sec / 3600);
	tm.tm_min = (int)(sec / 60 % 60);
	tm.tm_sec = (int)(sec % 60);
	/* %z as ISO 8601's "+07:00", written here: strftime's own reads
	 * the process's zone (or a field C11 does not name) and leaves out
	 * the colon. */
	int off = offset < 0 ? -offset : offset;
	char zone[16];
	snprintf(zone, sizeof(zone), "%c%02d:%02d", offset < 0 ? '-' : '+',
		 off / 60 % 100, off % 60);
	ssg_buf form;
	ssg_buf_init(&form);
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 'z') {
			ssg_buf_puts(&form, zone);
			p++;
		} else if (p[0] == '%' && p[1]) {
			ssg_buf_put(&form, p, 2);
			p++;
		} else {
			ssg_buf_putc(&form, *p);
		}
	}
	char text[128];
	/* The form is the catalogue's (the caller's _("...")), with %z
	 * replaced: no longer a literal the compiler could check. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	size_t n = strftime(text, sizeof(text), ssg_buf_cstr(&form), &tm);
#pragma GCC diagnostic pop
	if (n > 0)
		ssg_buf_put(b, text, n);
	else /* a form too long, or one that writes nothing */
		ssg_time_put_iso(b, t, offset);
	ssg_buf_fini(&form);
}

/* Whether a cell says nothing to a reader: empty or blanks only. */
static bool blank(const char *s)
{
	return !s || !*s || strspn(s, " \t") == strlen(s);
}

/* A cell of column `col` of e's table as the site shows it: a date
 * dd/mm/yyyy, a status or direction in words (view.h), else as written;
 * an empty one as a word, not as "". */
static void put_cell(ssg_buf *b, const ssg_hev *e, const char *col,
		     const char *s)
{
	ssg_buf word;
	ssg_buf_init(&word);
	if (blank(s))
		ssg_buf_puts(b, _("(empty)"));
	else if (col && ssg_view_field_word(e->table, col, s, &word))
		ssg_term_put(b, ssg_buf_cstr(&word));
	else
		ssg_term_put(b, s);
	ssg_buf_fini(&word);
}

static void put_in(ssg_buf *b, const char *on, const ssg_hev *e,
		   const char *col, const char *s, bool color)
{
	ssg_buf_puts(b, color ? on : "");
	put_cell(b, e, col, s);
	ssg_buf_puts(b, color ? RESET : "");
}

static const char *col_title(const ssg_hev *e, const char *col,
			     const ssg_term_how *how)
{
	return ssg_titles_column(how->titles, e->table, col, how->at);
}

/* An added or removed row: "Mã: 7, Chỉ tiêu: Thôn mới", its filled
 * cells by their columns' titles, as the site's row history shows it. */
static void put_row(ssg_buf *b, const ssg_hev *e, const ssg_term_how *how)
{
	size_t start = b->len;
	for (size_t j = 0; j < e->ncols; j++) {
		if (blank(e->vals[j]))
			continue; /* a blank says nothing to a reader */
		ssg_buf_puts(b, b->len > start ? ", " : "");
		ssg_term_put(b, col_title(e, e->cols[j], how));
		ssg_buf_puts(b, ": ");
		put_cell(b, e, e->cols[j], e->vals[j]);
	}
	if (b->len == start)
		ssg_buf_puts(b, _("(empty)"));
}

/* A column added, removed or renamed, by its title(s), in one sentence
 * for the translator. */
static void put_schema(ssg_buf *b, const ssg_hev *e, const ssg_term_how *how)
{
	ssg_buf o, n;
	ssg_buf_init(&o);
	ssg_buf_init(&n);
	if (e->old)
		put_in(&o, RED, e, NULL, col_title(e, e->old, how),
		       how->color);
	if (e->new_)
		put_in(&n, GREEN, e, NULL, col_title(e, e->new_, how),
		       how->color);
	if (strcmp(e->field, "renamed") == 0)
		ssg_buf_printf(b, _("column renamed: %s → %s"),
			       ssg_buf_cstr(&o), ssg_buf_cstr(&n));
	else if (strcmp(e->field, "added") == 0)
		ssg_buf_printf(b, _("column added: %s"),
			       ssg_buf_cstr(e->new_ ? &n : &o));
	else
		ssg_buf_printf(b, _("column removed: %s"),
			       ssg_buf_cstr(e->old ? &o : &n));
	ssg_buf_fini(&o);
	ssg_buf_fini(&n);
}

/* The row an event is of: "Các chỉ tiêu — id 5 “Tỷ lệ gia đình văn
 * hóa”", the table by its title; a schema or gap event, the table. */
static void put_ref(ssg_buf *b, const ssg_hev *e, const ssg_term_how *how)
{
	ssg_buf t, k;
	ssg_buf_init(&t);
	ssg_buf_init(&k);
	/* The table's title only where it is written: under a heading
	 * that names the table, a row is "id 5". */
	if (!e->key || how->table)
		ssg_term_put(&t, ssg_titles_table(how->titles, e->table,
						  how->at));
	if (e->key)
		ssg_term_put(&k, e->key);
	if (!e->key)
		ssg_buf_puts(b, ssg_buf_cstr(&t));
	else if (how->table)
		/* TRANSLATORS: a row of a table: the table's title, the
		 * row's key ("Các chỉ tiêu — id 5"). */
		ssg_buf_printf(b, _("%s — id %s"), ssg_buf_cstr(&t),
			       ssg_buf_cstr(&k));
	else
		/* TRANSLATORS: a row of the table named above it. */
		ssg_buf_printf(b, _("id %s"), ssg_buf_cstr(&k));
	if (how->label && !blank(how->label)) {
		ssg_buf_puts(b, " “");
		ssg_term_put(b, how->label);
		ssg_buf_puts(b, "”");
	}
	ssg_buf_fini(&t);
	ssg_buf_fini(&k);
}

void ssg_term_event(ssg_buf *b, const ssg_hev *e, const ssg_term_how *how)
{
	bool color = how->color;
	put_ref(b, e, how);
	ssg_buf_puts(b, how->sep ? how->sep : " ");
	ssg_buf row;
	ssg_buf_init(&row);
	switch (e->kind) {
	case SSG_HEV_ADDED:
	case SSG_HEV_REMOVED: {
		bool added = e->kind == SSG_HEV_ADDED;
		ssg_buf_puts(&row, !color ? "" : added ? GREEN : RED);
		put_row(&row, e, how);
		ssg_buf_puts(&row, color ? RESET : "");
		if (added)
			ssg_buf_printf(b, _("added: %s"), ssg_buf_cstr(&row));
		else
			ssg_buf_printf(b, _("removed: %s"), ssg_buf_cstr(&row));
		break;
	}
	case SSG_HEV_CHANGED:
		ssg_term_put(b, col_title(e, e->field, how));
		ssg_buf_puts(b, ": ");
		put_in(b, RED, e, e->field, e->old, color);
		ssg_buf_puts(b, " → ");
		put_in(b, GREEN, e, e->field, e->new_, color);
		break;
	case SSG_HEV_SCHEMA:
		put_schema(b, e, how);
		break;
	case SSG_HEV_GAP:
		ssg_term_put(&row, e->error);
		ssg_buf_printf(b, _("version not readable: %s"),
			       ssg_buf_cstr(&row));
		break;
	}
	ssg_buf_fini(&row);
}

void ssg_term_periods(ssg_buf *b, const char *label_a, const char *period_a,
		      const char *label_b, const char *period_b)
{
	ssg_buf part[4];
	const char *src[4] = {label_a, period_a, label_b, period_b};
	for (size_t i = 0; i < 4; i++) {
		ssg_buf_init(&part[i]);
		ssg_term_put(&part[i], src[i]);
	}
	ssg_buf_printf(b,
		       _("%s belongs to the plan for %s, %s to the plan for "
			 "%s: these are two different plans, not a "
			 "revision.\n"),
		       ssg_buf_cstr(&part[0]), ssg_buf_cstr(&part[1]),
		       ssg_buf_cstr(&part[2]), ssg_buf_cstr(&part[3]));
	for (size_t i = 0; i < 4; i++)
		ssg_buf_fini(&part[i]);
}
