#include "term.h"

#include <stdint.h>
#include <string.h>

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

void ssg_term_event_put(ssg_buf *b, const ssg_hev *e, const char *sep,
			bool color)
{
	ssg_term_put(b, e->table);
	if (e->key) {
		ssg_buf_putc(b, '/');
		ssg_term_put(b, e->key);
	}
	ssg_buf_puts(b, sep);
	switch (e->kind) {
	case SSG_HEV_ADDED:
	case SSG_HEV_REMOVED: {
		bool added = e->kind == SSG_HEV_ADDED;
		ssg_buf_puts(b, added ? "added: " : "removed: ");
		ssg_buf_puts(b, !color ? "" : added ? GREEN : RED);
		put_row(b, e);
		ssg_buf_puts(b, color ? RESET : "");
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
		ssg_buf_puts(b, "column ");
		ssg_term_put(b, e->field);
		ssg_buf_puts(b, ": ");
		if (e->old)
			put_in(b, RED, e->old, color);
		if (e->old && e->new_)
			ssg_buf_puts(b, " → ");
		if (e->new_)
			put_in(b, GREEN, e->new_, color);
		break;
	case SSG_HEV_GAP:
		ssg_buf_puts(b, "version not readable: ");
		ssg_term_put(b, e->error);
		break;
	}
}
