/*
 * buf — owned growable byte buffers and the escapers for every output
 * context (HTML text and attributes, XML, JSON, URLs).
 *
 * A buffer's data is always NUL-terminated, so it can be lent as a C
 * string.  Appends may move data: never keep a pointer into a buffer
 * across an append.  Out of memory aborts (see err.h), so appends do not
 * return a code.
 */
#ifndef SSG_BUF_H
#define SSG_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef struct {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
} ssg_buf;

/* A borrowed, not necessarily terminated, string. */
typedef struct {
	const char *p;
	size_t n;
} ssg_str;

void ssg_buf_init(ssg_buf *b);
void ssg_buf_fini(ssg_buf *b);
void ssg_buf_clear(ssg_buf *b); /* keeps the allocation */
/* Gives the data to the caller (free()); the buffer is empty after. */
char *ssg_buf_detach(ssg_buf *b);
/* The contents as a C string; "" for an empty buffer.  Lent. */
const char *ssg_buf_cstr(const ssg_buf *b);

/* Room for exactly `extra` more bytes (and the NUL) at once, where
 * puts grow by doubling: for a whole file whose size is known, which
 * doubling would leave up to half again as large. */
void ssg_buf_reserve(ssg_buf *b, size_t extra);
/* Room for `extra` more bytes (and the NUL), grown by doubling as puts
 * grow: for a writer that fills data[len..] itself, then sets len and
 * the NUL. */
void ssg_buf_room(ssg_buf *b, size_t extra);
void ssg_buf_put(ssg_buf *b, const void *p, size_t n);
/* 8 bytes little endian: every binary record of .git/ssg/ is in this
 * order, whatever the machine's. */
void ssg_buf_put_le64(ssg_buf *b, uint64_t v);
void ssg_le64_put(unsigned char p[8], uint64_t v);
/* Inline: a rebuild reads the records of 26,000 kept pages through
 * them. */
static inline uint64_t ssg_le64_get(const unsigned char *p)
{
	uint64_t v = 0;
	for (size_t i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}
/* The same for 4 bytes (lengths, offsets and the files' CRC-32). */
static inline uint32_t ssg_le32_get(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}
void ssg_buf_puts(ssg_buf *b, const char *s);
/* v in decimal, as "%llu" writes it, without printf (records written
 * by the thousand). */
void ssg_buf_put_dec(ssg_buf *b, unsigned long long v);
void ssg_buf_putc(ssg_buf *b, char c);
void ssg_buf_printf(ssg_buf *b, const char *fmt, ...) SSG_PRINTF(2, 3);

/* Escapes & < > " ' — safe in HTML text, in quoted attributes, in
 * inline SVG and in XML (Atom). */
void ssg_buf_put_html(ssg_buf *b, const char *s, size_t n);
/* A JSON string literal with its quotes; also escapes < > & (so no
 * "</script") and U+2028, U+2029 (line ends to JavaScript before ES2019),
 * so that the result is safe as JavaScript, even inside an HTML <script>
 * block. */
void ssg_buf_put_json(ssg_buf *b, const char *s, size_t n);
/* Percent-encodes everything but unreserved characters and '/'. */
void ssg_buf_put_url_path(ssg_buf *b, const char *s, size_t n);

/* A fast 64-bit hash of bytes (not cryptographic): hash sets, and the
 * line and row hashes of the diffs. */
uint64_t ssg_hash(const void *p, size_t n);
/* How many bytes a and b share at their start, and a[0..na) and
 * b[0..nb) at their end, at most n: what two versions of a file or a
 * tree have in common around a change. */
size_t ssg_bytes_common_start(const void *a, const void *b, size_t n);
size_t ssg_bytes_common_end(const void *a, size_t na, const void *b,
			    size_t nb, size_t n);

bool ssg_str_eq(ssg_str a, const char *s);
bool ssg_str_ends(ssg_str a, const char *suffix); /* "" ends every one */
ssg_str ssg_str_trim(ssg_str s); /* ASCII white space at both ends */

#endif
