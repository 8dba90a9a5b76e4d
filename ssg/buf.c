#include "buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ssg_buf_init(ssg_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void ssg_buf_fini(ssg_buf *b)
{
	free(b->data);
	ssg_buf_init(b);
}

void ssg_buf_clear(ssg_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *ssg_buf_detach(ssg_buf *b)
{
	char *p = b->data ? b->data : ssg_xstrdup("");
	ssg_buf_init(b);
	return p;
}

const char *ssg_buf_cstr(const ssg_buf *b)
{
	return b->data ? b->data : "";
}

/* Room for `extra` more bytes and the NUL: exactly that when `exact`,
 * else by doubling from 64 (appends, one by one). */
static void buf_room(ssg_buf *b, size_t extra, bool exact)
{
	if (extra >= ((size_t)-1) / 2 - b->len) {
		fputs("ssg: buffer too large\n", stderr);
		abort();
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = exact ? need : b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = ssg_xrealloc(b->data, cap);
	b->cap = cap;
	if (!b->len)
		b->data[0] = '\0';
}

static void buf_grow(ssg_buf *b, size_t extra)
{
	buf_room(b, extra, false);
}

void ssg_buf_reserve(ssg_buf *b, size_t extra)
{
	buf_room(b, extra, true);
}

void ssg_buf_room(ssg_buf *b, size_t extra)
{
	buf_room(b, extra, false);
}

void ssg_buf_put(ssg_buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void ssg_le64_put(unsigned char p[8], uint64_t v)
{
	for (size_t i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

void ssg_buf_put_dec(ssg_buf *b, unsigned long long v)
{
	char d[24];
	size_t k = sizeof(d);
	do {
		d[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	ssg_buf_put(b, d + k, sizeof(d) - k);
}

void ssg_buf_put_le64(ssg_buf *b, uint64_t v)
{
	unsigned char p[8];
	ssg_le64_put(p, v);
	ssg_buf_put(b, p, 8);
}

void ssg_buf_puts(ssg_buf *b, const char *s)
{
	ssg_buf_put(b, s, strlen(s));
}

void ssg_buf_putc(ssg_buf *b, char c)
{
	/* Escapers and folding put a byte at a time. */
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void ssg_buf_printf(ssg_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n > 0) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
	}
	va_end(ap);
}

void ssg_buf_put_html(ssg_buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			/* C0 controls (but tab and line ends) and DEL are not
			 * allowed in HTML or XML text: drop them. */
			if (((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
			     s[i] != '\n' && s[i] != '\r') ||
			    s[i] == 0x7f) {
				rep = "";
				break;
			}
			continue;
		}
		ssg_buf_put(b, s + start, i - start);
		ssg_buf_puts(b, rep);
		start = i + 1;
	}
	ssg_buf_put(b, s + start, n - start);
}

void ssg_buf_put_json(ssg_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	ssg_buf_putc(b, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		const char *rep = esc;
		switch (c) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		case '<': case '>': case '&':
			break;
		case 0xe2:
			/* U+2028 and U+2029 end a line in JavaScript before
			 * ES2019: a string holding one raw breaks a script
			 * that carries JSON (search/index.js). */
			if (i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			    ((unsigned char)s[i + 2] & 0xfe) == 0xa8) {
				ssg_buf_put(b, s + start, i - start);
				ssg_buf_puts(b, (unsigned char)s[i + 2] == 0xa8
							? "\\u2028"
							: "\\u2029");
				i += 2;
				start = i + 1;
			}
			continue;
		default:
			if (c >= 0x20)
				continue;
			break;
		}
		if (rep == esc) {
			esc[0] = '\\';
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			esc[6] = '\0';
		}
		ssg_buf_put(b, s + start, i - start);
		ssg_buf_puts(b, rep);
		start = i + 1;
	}
	ssg_buf_put(b, s + start, n - start);
	ssg_buf_putc(b, '"');
}

void ssg_buf_put_url_path(ssg_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~' || c == '/') {
			ssg_buf_putc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			ssg_buf_put(b, e, 3);
		}
	}
}

/* Chunks first: memcmp finds a difference fast, not where. */
#define COMMON_CHUNK 64

size_t ssg_bytes_common_start(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i = 0;
	while (i + COMMON_CHUNK <= n && memcmp(x + i, y + i, COMMON_CHUNK) == 0)
		i += COMMON_CHUNK;
	while (i < n && x[i] == y[i])
		i++;
	return i;
}

size_t ssg_bytes_common_end(const void *a, size_t na, const void *b,
			    size_t nb, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i = 0;
	while (i + COMMON_CHUNK <= n &&
	       memcmp(x + na - i - COMMON_CHUNK, y + nb - i - COMMON_CHUNK,
		      COMMON_CHUNK) == 0)
		i += COMMON_CHUNK;
	while (i < n && x[na - 1 - i] == y[nb - 1 - i])
		i++;
	return i;
}

bool ssg_str_eq(ssg_str a, const char *s)
{
	size_t n = strlen(s);
	return a.n == n && memcmp(a.p, s, n) == 0;
}

bool ssg_str_ends(ssg_str a, const char *suffix)
{
	size_t n = strlen(suffix);
	return a.n >= n && memcmp(a.p + a.n - n, suffix, n) == 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

ssg_str ssg_str_trim(ssg_str s)
{
	while (s.n && is_space(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n && is_space(s.p[s.n - 1]))
		s.n--;
	return s;
}

uint64_t ssg_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15u ^ ((uint64_t)n * 0xff51afd7ed558ccdu);
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9u;
		h ^= h >> 31;
		s += 8;
		n -= 8;
	}
	uint64_t w = 0;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)s[i] << (8 * i);
	h = (h ^ w) * 0x94d049bb133111ebu;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 32;
	return h;
}
