#include "term.h"

#include <stdint.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

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

static void put_in(ssg_buf *b, const char *on, const char *s, bool color)
{
	ssg_buf_puts(b, color ? on : "");
	ssg_term_put(b, s);
	ssg_buf_puts(b, color ? RESET : "");
}

static void put_row(ssg_buf *b, const ssg_hev *e)
{
	for (size_t j = 0; j < e->ncols; j++) {
		ssg_buf_puts(b, j ? ", " : "");
		ssg_term_put(b, e->cols[j]);
		ssg_buf_putc(b, '=');
		ssg_term_put(b, e->vals[j]);
	}
}

/* A column added, removed or renamed, with its name(s), in one sentence
 * for the translator. */
static void put_schema(ssg_buf *b, const ssg_hev *e, bool color)
{
	ssg_buf o, n;
	ssg_buf_init(&o);
	ssg_buf_init(&n);
	if (e->old)
		put_in(&o, RED, e->old, color);
	if (e->new_)
		put_in(&n, GREEN, e->new_, color);
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

void ssg_term_event_put(ssg_buf *b, const ssg_hev *e, const char *sep,
			bool color)
{
	ssg_term_event_named(b, e, NULL, sep, color);
}

void ssg_term_event_named(ssg_buf *b, const ssg_hev *e, const char *label,
			  const char *sep, bool color)
{
	ssg_term_put(b, e->table);
	if (e->key) {
		ssg_buf_putc(b, '/');
		ssg_term_put(b, e->key);
	}
	if (label && *label) {
		ssg_buf_puts(b, " “");
		ssg_term_put(b, label);
		ssg_buf_puts(b, "”");
	}
	ssg_buf_puts(b, sep);
	ssg_buf row;
	ssg_buf_init(&row);
	switch (e->kind) {
	case SSG_HEV_ADDED:
	case SSG_HEV_REMOVED: {
		bool added = e->kind == SSG_HEV_ADDED;
		ssg_buf_puts(&row, !color ? "" : added ? GREEN : RED);
		put_row(&row, e);
		ssg_buf_puts(&row, color ? RESET : "");
		if (added)
			ssg_buf_printf(b, _("added: %s"), ssg_buf_cstr(&row));
		else
			ssg_buf_printf(b, _("removed: %s"), ssg_buf_cstr(&row));
		break;
	}
	case SSG_HEV_CHANGED:
		ssg_term_put(b, e->field);
		ssg_buf_puts(b, ": ");
		put_in(b, RED, e->old, color);
		ssg_buf_puts(b, " → ");
		put_in(b, GREEN, e->new_, color);
		break;
	case SSG_HEV_SCHEMA:
		put_schema(b, e, color);
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
