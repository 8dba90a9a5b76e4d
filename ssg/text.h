/*
 * text — Unicode text: UTF-8 validation, NFC normalisation, slugs and
 * word tokens.  The only utf8proc user.
 */
#ifndef SSG_TEXT_H
#define SSG_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* True when s[0..n) is valid UTF-8 with no NUL byte; otherwise false and
 * *bad is the byte offset of the first bad sequence. */
bool ssg_text_utf8_valid(const char *s, size_t n, size_t *bad);

/* Appends the NFC form of valid UTF-8 s[0..n). */
void ssg_text_nfc(ssg_buf *b, const char *s, size_t n);

/* A URL slug: NFC, diacritics removed (đ→d, Đ→d), lower case ASCII
 * letters and digits, other runs become one '-', no leading or trailing
 * '-'.  "Mục đích, yêu cầu" → "muc-dich-yeu-cau".  Empty when nothing
 * remains. */
void ssg_text_slug(ssg_buf *b, const char *s, size_t n);

/* Like a slug but keeps spaces between words: used for diacritic-free
 * search ("Gia đình" → "gia dinh"). */
void ssg_text_fold(ssg_buf *b, const char *s, size_t n);

/* Line and column (1-based, column counted in characters) of byte
 * offset `off` in s. */
void ssg_text_position(const char *s, size_t n, size_t off, unsigned *line,
		       unsigned *col);

#endif
