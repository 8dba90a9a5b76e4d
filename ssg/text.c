#define _GNU_SOURCE /* memmem */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <strings.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

size_t ssg_text_utf8_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = (int32_t)v;
	return len;
}

/* True when a text made of cp and other such code points is NFC
 * whatever surrounds cp: cp is its own NFC form (no singleton or
 * excluded composition), and it cannot reorder or compose with what
 * precedes it (a starter that is not a mark or a conjoining jamo: every
 * second half of a canonical composition is one of those).  Unicode's
 * NFC_Quick_Check, which utf8proc does not expose, is a superset. */
static bool nfc_stable_slow(int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (p->combining_class != 0 ||
	    p->category == UTF8PROC_CATEGORY_MN ||
	    p->category == UTF8PROC_CATEGORY_MC ||
	    p->category == UTF8PROC_CATEGORY_ME ||
	    (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0xa960 && cp <= 0xa97f) ||
	    (cp >= 0xd7b0 && cp <= 0xd7ff))
		return false;
	if (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0)
		return true; /* no canonical decomposition */
	/* Precomposed, like most Vietnamese letters: stable when its
	 * decomposition composes back into it alone. */
	utf8proc_int32_t buf[8];
	utf8proc_ssize_t k = utf8proc_decompose_char(
		cp, buf, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STABLE, NULL);
	if (k <= 0 || k > 8)
		return false;
	k = utf8proc_normalize_utf32(buf, k,
				     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	return k == 1 && buf[0] == cp;
}

/* What fold_ascii keeps of code point cp (ASCII cp excluded): np parts,
 * each an ASCII letter or digit or a sign (not one: a separator); np 0
 * when it strips to nothing. */
static utf8proc_ssize_t fold_parts_slow(int32_t cp, int32_t parts[32])
{
	/* đ is a letter of its own, not d with a mark, so Unicode does not
	 * decompose it. */
	if (cp == 0x0110 || cp == 0x0111) {
		parts[0] = 'd';
		return 1;
	}
	utf8proc_ssize_t np = utf8proc_decompose_char(
		cp, parts, 32,
		UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |
			UTF8PROC_CASEFOLD,
		NULL);
	return np < 0 || np > 32 ? 0 : np;
}

/* Both answers above for the code points plans are written in (Latin
 * with Vietnamese, Greek, Cyrillic and the like: U+0080 to U+1FFF),
 * worked out once per process: asking utf8proc for every letter of
 * every text was a twentieth of a build.  A part is kept as its
 * lowercase ASCII letter or digit, 0 for a sign; a code point with more
 * than MEMO_PARTS parts is asked about each time (MEMO_SLOW). */
#define MEMO_LO 0x80
#define MEMO_HI 0x2000
#define MEMO_PARTS 6
#define MEMO_SLOW 0xff
typedef struct {
	unsigned char stable; /* nfc_stable */
	unsigned char np;     /* fold parts, or MEMO_SLOW */
	char parts[MEMO_PARTS];
} cp_memo;

static cp_memo memo[MEMO_HI - MEMO_LO];
/* part_char of each ASCII byte, for fold_ascii's loop without a branch. */
static char ascii_part[0x80];
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;

static inline char part_char(int32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c + ('a' - 'A'));
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? (char)c
								    : 0;
}

static void memo_init(void)
{
	for (int32_t c = 0; c < 0x80; c++)
		ascii_part[c] = part_char(c);
	for (int32_t cp = MEMO_LO; cp < MEMO_HI; cp++) {
		cp_memo *e = &memo[cp - MEMO_LO];
		e->stable = nfc_stable_slow(cp);
		int32_t parts[32];
		utf8proc_ssize_t np = fold_parts_slow(cp, parts);
		if (np > MEMO_PARTS) {
			e->np = MEMO_SLOW;
			continue;
		}
		e->np = (unsigned char)np;
		for (utf8proc_ssize_t k = 0; k < np; k++)
			e->parts[k] = part_char(parts[k]);
	}
}

static const cp_memo *memo_of(int32_t cp)
{
	if (cp < MEMO_LO || cp >= MEMO_HI)
		return NULL;
	pthread_once(&memo_once, memo_init);
	return &memo[cp - MEMO_LO];
}

static bool nfc_stable(int32_t cp)
{
	const cp_memo *e = memo_of(cp);
	return e ? e->stable : nfc_stable_slow(cp);
}

/* fold_ascii's parts of a non-ASCII cp as part_char gives them: the
 * memo's (made by then: fold_ascii makes it first), else worked out in
 * buf; *parts points at them. */
static size_t fold_parts(int32_t cp, char buf[32], const char **parts)
{
	if (cp >= MEMO_LO && cp < MEMO_HI &&
	    memo[cp - MEMO_LO].np != MEMO_SLOW) {
		*parts = memo[cp - MEMO_LO].parts;
		return memo[cp - MEMO_LO].np;
	}
	int32_t cps[32];
	utf8proc_ssize_t np = fold_parts_slow(cp, cps);
	for (utf8proc_ssize_t k = 0; k < np; k++)
		buf[k] = part_char(cps[k]);
	*parts = buf;
	return (size_t)np;
}

size_t ssg_text_memo_mismatches(void)
{
	size_t bad = 0;
	for (int32_t cp = MEMO_LO; cp < MEMO_HI; cp++) {
		const cp_memo *e = memo_of(cp);
		bad += e->stable != nfc_stable_slow(cp);
		int32_t parts[32];
		utf8proc_ssize_t np = fold_parts_slow(cp, parts);
		if (e->np == MEMO_SLOW) {
			bad += np <= MEMO_PARTS;
			continue;
		}
		bad += e->np != np;
		for (utf8proc_ssize_t k = 0; k < np && k < e->np; k++)
			bad += e->parts[k] != part_char(parts[k]);
	}
	return bad;
}

/* Offset of the first byte of s[0..n) that does not start a valid UTF-8
 * sequence (a NUL counts as invalid), or, when `nfc`, of the first code
 * point that nfc_stable does not accept; n when there is none. */
static size_t utf8_scan(const char *s, size_t n, bool nfc)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t last = -1; /* one code point remembered: runs repeat */
	size_t i = 0;
	while (i < n) {
		/* Plain ASCII dominates our input: skip it fast. */
		if (u[i] >= 0x01 && u[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t len = u[i] ? ssg_text_utf8_decode(s + i, n - i, &cp) : 0;
		if (len == 0 || (nfc && cp != last && !nfc_stable(cp)))
			return i;
		last = cp;
		i += len;
	}
	return n;
}

static bool u8_valid(const char *s, size_t n);

bool ssg_text_utf8_valid(const char *s, size_t n, size_t *bad)
{
	/* Valid text, nearly all of it, told by the automata (every page
	 * is checked before it is rendered); the scan finds the byte. */
	if (u8_valid(s, n) && !memchr(s, '\0', n))
		return true;
	size_t at = utf8_scan(s, n, false);
	if (at == n)
		return true;
	if (bad)
		*bad = at;
	return false;
}

/* U+FFFD, REPLACEMENT CHARACTER */
static const char replacement[] = "\xef\xbf\xbd";

/* Appends s[0..n) with each byte that starts no valid sequence (and each
 * NUL) replaced. */
static void put_valid(ssg_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t ok = utf8_scan(s + i, n - i, false);
		ssg_buf_put(b, s + i, ok);
		i += ok;
		if (i < n) {
			ssg_buf_put(b, replacement, 3);
			i++;
		}
	}
}

static bool is_utf8_name(const char *e)
{
	return !e || !*e || !strcasecmp(e, "UTF-8") || !strcasecmp(e, "UTF8");
}

void ssg_text_decode(ssg_buf *b, const char *s, size_t n,
		     const char *encoding)
{
	iconv_t cd = (iconv_t)-1;
	if (!is_utf8_name(encoding))
		cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1) {
		put_valid(b, s, n);
		return;
	}
	ssg_buf tmp;
	ssg_buf_init(&tmp);
	char chunk[1024];
	char *in = (char *)s; /* iconv's prototype; it does not write */
	size_t left = n;
	while (left > 0) {
		char *o = chunk;
		size_t room = sizeof(chunk);
		size_t r = iconv(cd, &in, &left, &o, &room);
		ssg_buf_put(&tmp, chunk, (size_t)(o - chunk));
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* A byte the encoding has no character for, or a sequence
		 * cut short at the end. */
		ssg_buf_put(&tmp, replacement, 3);
		in++;
		left--;
		(void)iconv(cd, NULL, NULL, NULL, NULL);
	}
	char *o = chunk;
	size_t room = sizeof(chunk);
	(void)iconv(cd, NULL, NULL, &o, &room); /* a stateful end */
	ssg_buf_put(&tmp, chunk, (size_t)(o - chunk));
	iconv_close(cd);
	put_valid(b, tmp.data ? tmp.data : "", tmp.len);
	ssg_buf_fini(&tmp);
}

void ssg_text_nfc(ssg_buf *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	/* Most text is ASCII or precomposed already: copying it is many
	 * times cheaper than utf8proc_map's decompose-and-recompose. */
	if (utf8_scan(s, n, true) == n) {
		ssg_buf_put(b, s, n);
		return;
	}
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
					  (utf8proc_ssize_t)n, &out,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0) {
		/* Only invalid input gets here (the contract excludes it):
		 * keeping it unchanged loses nothing. */
		ssg_buf_put(b, s, n);
		return;
	}
	ssg_buf_put(b, out, (size_t)r);
	free(out);
}

/* Room in b for `want` more bytes past o (the NUL after them too);
 * o again, where b now has it.  fold_ascii writes straight into b. */
static inline char *fold_room(ssg_buf *b, char *o, size_t want)
{
	if (b->data && (size_t)(b->data + b->cap - o) > want)
		return o;
	b->len = b->data ? (size_t)(o - b->data) : 0;
	ssg_buf_room(b, want + 64);
	return b->data + b->len;
}

/* The code point of the letters plans are written in (2 bytes, and the
 * 3 bytes of U+1000 to U+1FFF: Vietnamese's U+1EA0 to U+1EF9) decoded
 * in line, any other through ssg_text_utf8_decode; its length, 0 when
 * u[0..n) starts no valid sequence. */
static inline size_t fold_decode(const unsigned char *u, size_t n,
				 int32_t *cp)
{
	if (u[0] >= 0xc2 && u[0] <= 0xdf && n >= 2 && (u[1] & 0xc0) == 0x80) {
		*cp = (int32_t)(((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu));
		return 2;
	}
	if (u[0] == 0xe1 && n >= 3 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80) {
		*cp = (int32_t)(0x1000u | ((u[1] & 0x3fu) << 6) |
				(u[2] & 0x3fu));
		return 3;
	}
	return ssg_text_utf8_decode((const char *)u, n, cp);
}

/* Appends the ASCII letters and digits that remain of s once every
 * character is decomposed (compatibility forms too, so "²" and "ﬁ"
 * survive) and stripped of its marks; every other run becomes one `sep`,
 * never at either end. */
static void fold_ascii(ssg_buf *b, const char *s, size_t n, char sep)
{
	const unsigned char *u = (const unsigned char *)s;
	bool pending = false; /* a separator is owed before the next letter */
	bool any = false;
	pthread_once(&memo_once, memo_init);
	/* Most of every text (a search index folds all of it) is ASCII,
	 * a byte for a byte at most: room for all of it at once, checked
	 * again only before a code point's parts. */
	char *o = fold_room(b, b->data ? b->data + b->len : NULL, n + 1);
	size_t i = 0;
	while (i < n) {
		if (u[i] < 0x80) {
			/* Without a branch: the separator owed and the
			 * letter are written, and kept only when due.  A NUL
			 * separates like any other symbol. */
			char pc = ascii_part[u[i++]];
			bool letter = pc != 0;
			*o = sep;
			o += pending & letter;
			*o = pc;
			o += letter;
			pending = any & !letter;
			any = any | letter;
			continue;
		}
		int32_t cp;
		size_t k = fold_decode(u + i, n - i, &cp);
		if (k == 0) {
			/* A byte that starts no character separates. */
			i++;
			pending = any;
			continue;
		}
		i += k;
		char buf[32];
		const char *pp;
		size_t np = fold_parts(cp, buf, &pp);
		/* A lone combining mark strips to nothing and must not
		 * split a word ("a" + U+0300 is still one letter). */
		if (np == 0)
			continue;
		o = fold_room(b, o, (n - i) + 2 * np + 2);
		/* A separator is written only after a byte or part that
		 * wrote nothing: the room for the bytes holds it. */
		for (size_t j = 0; j < np; j++) {
			if (!pp[j]) {
				pending = any;
				continue;
			}
			if (pending)
				*o++ = sep;
			pending = false;
			*o++ = pp[j];
			any = true;
		}
	}
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
}

void ssg_text_slug(ssg_buf *b, const char *s, size_t n)
{
	fold_ascii(b, s, n, '-');
}

void ssg_text_fold(ssg_buf *b, const char *s, size_t n)
{
	fold_ascii(b, s, n, ' ');
}

static bool is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	switch (utf8proc_get_property(cp)->category) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return true;
	default:
		return false;
	}
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether the word around byte i of s (up to white space, or quotes and
 * brackets around a link) is an address: "https://…?id=5". */
static bool in_address(const char *s, size_t n, size_t i)
{
	size_t a = i, b = i;
	while (a > 0 && !is_blank(s[a - 1]) && s[a - 1] != '(' &&
	       s[a - 1] != '<' && s[a - 1] != '"')
		a--;
	while (b < n && !is_blank(s[b]))
		b++;
	for (size_t k = a; k + 2 < b; k++)
		if (s[k] == ':' && s[k + 1] == '/' && s[k + 2] == '/')
			return true;
	return b - a > 4 && memcmp(s + a, "www.", 4) == 0;
}

static bool is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Length of the valid UTF-8 sequence at u[0..n) that is not U+FFFD, 0
 * when there is none: ssg_text_utf8_decode's rule (no overlong forms,
 * surrogates or code points past U+10FFFF) by the first two bytes'
 * ranges, without building the code point. */
static size_t seq_len_not_fffd(const unsigned char *u, size_t n)
{
	unsigned c = u[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && is_cont(u[1]) ? 2 : 0;
	unsigned lo = 0x80, hi = 0xbf;
	size_t len;
	if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else {
		return 0;
	}
	if (n < len || u[1] < lo || u[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (!is_cont(u[i]))
			return 0;
	if (c == 0xef && u[1] == 0xbf && u[2] == 0xbd)
		return 0; /* U+FFFD */
	return len;
}

/* Offset of the first byte of s[0..n) that starts no valid UTF-8
 * sequence or starts U+FFFD (a NUL is a character here), n when none,
 * sequence by sequence: the answer for text found invalid. */
static size_t first_lost_byte_slow(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t k = seq_len_not_fffd(u + i, n - i);
		if (!k)
			return i;
		i += k;
	}
	return n;
}

/* UTF-8 validity as an automaton, one table step a byte and no branch:
 * a letter's sequence of 2 or 3 bytes between ASCII, Vietnamese's every
 * word, cost a mispredicted branch.  States (times 256, to index the
 * table): 0 between sequences, 1 rejected (it stays so), 2 to 4 owing
 * 1 to 3 continuation bytes, 5 to 8 after E0, ED, F0, F4, whose second
 * byte has a narrower range (ssg_text_utf8_decode's rule). */
enum { U8_OK, U8_BAD, U8_C1, U8_C2, U8_C3, U8_E0, U8_ED, U8_F0, U8_F4,
       U8_STATES };
static uint16_t u8_step[U8_STATES * 256];
static pthread_once_t u8_once = PTHREAD_ONCE_INIT;

static void u8_set(unsigned from, unsigned lo, unsigned hi, unsigned to)
{
	for (unsigned b = lo; b <= hi; b++)
		u8_step[from * 256 + b] = (uint16_t)(to * 256);
}

static void u8_init(void)
{
	for (unsigned i = 0; i < U8_STATES * 256; i++)
		u8_step[i] = U8_BAD * 256;
	u8_set(U8_OK, 0x00, 0x7f, U8_OK);
	u8_set(U8_OK, 0xc2, 0xdf, U8_C1);
	u8_set(U8_OK, 0xe1, 0xef, U8_C2);
	u8_set(U8_OK, 0xe0, 0xe0, U8_E0);
	u8_set(U8_OK, 0xed, 0xed, U8_ED);
	u8_set(U8_OK, 0xf1, 0xf3, U8_C3);
	u8_set(U8_OK, 0xf0, 0xf0, U8_F0);
	u8_set(U8_OK, 0xf4, 0xf4, U8_F4);
	u8_set(U8_C1, 0x80, 0xbf, U8_OK);
	u8_set(U8_C2, 0x80, 0xbf, U8_C1);
	u8_set(U8_C3, 0x80, 0xbf, U8_C2);
	u8_set(U8_E0, 0xa0, 0xbf, U8_C1);
	u8_set(U8_ED, 0x80, 0x9f, U8_C1);
	u8_set(U8_F0, 0x90, 0xbf, U8_C2);
	u8_set(U8_F4, 0x80, 0x8f, U8_C2);
}

#define U8_WAYS 4

/* Whether s[0..n) is valid UTF-8 (a NUL is a character here).  Each
 * step waits for the one before: the text is cut in four parts, each
 * where a sequence starts (never at a continuation byte), and the four
 * automata run side by side.  The text is valid when each part is,
 * from the state between sequences: a sequence cut short at a part's
 * end leaves that part's automaton owing bytes. */
static bool u8_valid(const char *s, size_t n)
{
	pthread_once(&u8_once, u8_init);
	const unsigned char *u = (const unsigned char *)s;
	size_t cut[U8_WAYS + 1];
	cut[0] = 0;
	cut[U8_WAYS] = n;
	for (size_t k = 1; k < U8_WAYS; k++) {
		size_t c = n / U8_WAYS * k;
		if (c < cut[k - 1])
			c = cut[k - 1];
		while (c < n && (u[c] & 0xc0) == 0x80)
			c++;
		cut[k] = c;
	}
	size_t common = n;
	for (size_t k = 0; k < U8_WAYS; k++)
		if (cut[k + 1] - cut[k] < common)
			common = cut[k + 1] - cut[k];
	unsigned st[U8_WAYS] = {U8_OK * 256, U8_OK * 256, U8_OK * 256,
				U8_OK * 256};
	for (size_t i = 0; i < common; i++) {
		st[0] = u8_step[st[0] + u[cut[0] + i]];
		st[1] = u8_step[st[1] + u[cut[1] + i]];
		st[2] = u8_step[st[2] + u[cut[2] + i]];
		st[3] = u8_step[st[3] + u[cut[3] + i]];
	}
	bool valid = true;
	for (size_t k = 0; k < U8_WAYS; k++) {
		for (size_t i = cut[k] + common; i < cut[k + 1]; i++)
			st[k] = u8_step[st[k] + u[i]];
		valid = valid && st[k] == U8_OK * 256;
	}
	return valid;
}

/* first_lost_byte_slow's answer: valid text, nearly all of it, is told
 * by the automata, and U+FFFD in it found by memmem (in valid UTF-8
 * its three bytes only ever encode it). */
static size_t first_lost_byte(const char *s, size_t n)
{
	if (!u8_valid(s, n))
		return first_lost_byte_slow(s, n);
	const char *r = memmem(s, n, replacement, 3);
	return r ? (size_t)(r - s) : n;
}

/* Whether the '?' at byte i of s, all valid UTF-8 before it, stands for
 * a lost letter: a letter follows it, and before it the text starts, or
 * there is a blank, another '?' or a letter (the code point before is
 * tested as the whole-text scan tested it, blanks by its low byte). */
static bool question_lost(const char *s, size_t n, size_t i)
{
	if (i + 1 >= n)
		return false;
	int32_t prev = ' ';
	if (i > 0) {
		size_t j = i - 1;
		while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80)
			j--;
		if (!ssg_text_utf8_decode(s + j, i - j, &prev))
			prev = 0xfffd; /* not reached: s[0..i) is valid */
	}
	if (!(is_blank((char)prev) || prev == '?' || is_letter(prev)))
		return false;
	int32_t next;
	size_t nk = ssg_text_utf8_decode(s + i + 1, n - i - 1, &next);
	return nk && is_letter(next) && !in_address(s, n, i);
}

bool ssg_text_lost_letters(const char *s, size_t n, size_t *at)
{
	/* Called on every page and value of a plan: finding the '?'s with
	 * memchr, and U+FFFD and bad bytes with a scan that skips ASCII,
	 * was a seventh of loading content/ where a walk deciding each
	 * code point was. */
	size_t bad = first_lost_byte(s, n);
	for (size_t i = 0; i < bad; i++) {
		const char *q = memchr(s + i, '?', bad - i);
		if (!q)
			break;
		i = (size_t)(q - s);
		if (question_lost(s, n, i)) {
			*at = i;
			return true;
		}
	}
	if (bad == n)
		return false;
	*at = bad;
	return true;
}

void ssg_text_position(const char *s, size_t n, size_t off, unsigned *line,
		       unsigned *col)
{
	if (off > n)
		off = n;
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xc0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

bool ssg_text_is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

bool ssg_text_is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200b) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 ||
	       c == 0xfeff;
}

/* Lower case for ASCII and the Latin letters Vietnamese (and its
 * neighbours) use, which is what keys and column names are written in;
 * enough to match "Xã Bắc Sơn" with "XÃ BẮC SƠN".  Every mapping keeps
 * the length of the letter's UTF-8 form, which ssg_text_key relies on. */
static uint32_t fold_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xc0)
		return c;
	if (c <= 0xde && c != 0xd7)
		return c + 32;
	if ((c >= 0x100 && c <= 0x12f) || (c >= 0x132 && c <= 0x137) ||
	    (c >= 0x14a && c <= 0x177) || (c >= 0x1e00 && c <= 0x1e95) ||
	    (c >= 0x1ea0 && c <= 0x1eff))
		return (c & 1) ? c : c + 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c & 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xff;
	if (c == 0x1a0 || c == 0x1af)
		return c + 1;
	return c;
}

bool ssg_text_key_plain(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] > ' ' && s[i] < 0x7f &&
	       !(s[i] >= 'A' && s[i] <= 'Z'))
		i++;
	return i == n;
}

void ssg_text_key(ssg_buf *out, const char *s, size_t n)
{
	size_t start = out->len;
	if (ssg_text_key_plain(s, n)) { /* most keys: already in matching form */
		ssg_buf_put(out, s, n);
		return;
	}
	ssg_text_nfc(out, s, n);
	/* Folded in place: no step writes more than it read (spaces only
	 * shrink, folding keeps lengths), so the write index never passes
	 * the read index. */
	char *p = out->data + start;
	size_t len = out->len - start, w = 0;
	bool space = false, any = false;
	for (size_t r = 0; r < len;) {
		int32_t cp;
		size_t k = ssg_text_utf8_decode(p + r, len - r, &cp);
		if (k == 0) { /* an invalid byte compares as itself */
			if (space && any)
				p[w++] = ' ';
			space = false;
			any = true;
			p[w++] = p[r++];
			continue;
		}
		if (ssg_text_is_space((uint32_t)cp)) {
			space = true;
		} else {
			if (space && any)
				p[w++] = ' ';
			space = false;
			any = true;
			w += (size_t)utf8proc_encode_char(
				(utf8proc_int32_t)fold_cp((uint32_t)cp),
				(utf8proc_uint8_t *)p + w);
		}
		r += k;
	}
	out->len = start + w;
	out->data[out->len] = '\0';
}

static int slug_ref_cmp(const void *x, const void *y)
{
	const ssg_slug_ref *a = x, *b = y;
	int c = strcmp(a->slug, b->slug);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

void ssg_slug_refs_sort(ssg_slug_ref *refs, size_t n)
{
	ssg_sort(refs, n, sizeof(*refs), slug_ref_cmp);
}
