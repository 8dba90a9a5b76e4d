/*
 * text — Unicode text: UTF-8 validation, NFC normalisation, slugs and
 * word tokens.  The only utf8proc user.
 */
#ifndef SSG_TEXT_H
#define SSG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* True when s[0..n) is valid UTF-8 with no NUL byte; otherwise false and
 * *bad is the byte offset of the first bad sequence. */
bool ssg_text_utf8_valid(const char *s, size_t n, size_t *bad);

/* Decodes one strict UTF-8 sequence at s[0..n) (n > 0): no overlongs,
 * no surrogates, nothing above U+10FFFF.  Returns its length, or 0 when
 * the bytes are not a valid sequence. */
size_t ssg_text_utf8_decode(const char *s, size_t n, int32_t *cp);
bool ssg_text_is_ascii(const char *s, size_t n);

/* Appends s[0..n), text in `encoding` (an iconv name such as a git
 * commit's "encoding" header; NULL means UTF-8), as valid UTF-8 with no
 * NUL: what cannot be decoded becomes U+FFFD, one per byte, as git log
 * shows it.  An encoding iconv does not know is read as UTF-8.  Every
 * commit or tag message and author name is read through this. */
void ssg_text_decode(ssg_buf *b, const char *s, size_t n,
		     const char *encoding);
/* White space as readers type it: ASCII, no-break, the Unicode spaces,
 * zero-width space and the BOM. */
bool ssg_text_is_space(uint32_t cp);

/* Appends the form in which keys and column names are matched: NFC,
 * white space trimmed and each run made one space, Latin letters in
 * lower case.  "  XÃ  Bắc Sơn" and "xã bắc sơn" have the same form.
 * Invalid bytes are kept as they are.  Every module matches keys with
 * this one function. */
void ssg_text_key(ssg_buf *out, const char *s, size_t n);
/* Whether s[0..n) is already in that form (ssg_text_key would copy it
 * as it is): printable ASCII without capitals or spaces. */
bool ssg_text_key_plain(const char *s, size_t n);

/* Appends the NFC form of s[0..n); input that is not valid UTF-8 is
 * copied unchanged (NFC needs valid input; its bytes then compare as
 * bytes). */
void ssg_text_nfc(ssg_buf *b, const char *s, size_t n);

/* A URL slug: NFC, diacritics removed (đ→d, Đ→d), lower case ASCII
 * letters and digits, other runs become one '-', no leading or trailing
 * '-'.  "Mục đích, yêu cầu" → "muc-dich-yeu-cau".  Empty when nothing
 * remains. */
void ssg_text_slug(ssg_buf *b, const char *s, size_t n);

/* Things named by slugs (pages, rows), to find those that would share a
 * URL: sorted, runs of one slug are adjacent, in the order of `i`. */
typedef struct {
	const char *slug;
	size_t i;
} ssg_slug_ref;
void ssg_slug_refs_sort(ssg_slug_ref *refs, size_t n);

/* Like a slug but keeps spaces between words: used for diacritic-free
 * search ("Gia đình" → "gia dinh"). */
void ssg_text_fold(ssg_buf *b, const char *s, size_t n);
/* For tests: how many answers of the table of code points that NFC
 * checks and folding read (text.c) differ from utf8proc's; 0. */
size_t ssg_text_memo_mismatches(void);

/* Where text lost its letters: the byte offset of the first U+FFFD
 * (the mark a conversion leaves for what it could not read), or of a
 * '?' followed by a letter and preceded by a letter, a '?' or nothing
 * else of its word ("Th?n v?n h?a", "?ang": a file saved in a code page
 * without Vietnamese letters turns each into '?').  A '?' in a word
 * holding "://" or starting "www." is an address's ("?id=5").  False
 * when none. */
bool ssg_text_lost_letters(const char *s, size_t n, size_t *at);

/* Line and column (1-based, column counted in characters) of byte
 * offset `off` in s. */
void ssg_text_position(const char *s, size_t n, size_t off, unsigned *line,
		       unsigned *col);

#endif
