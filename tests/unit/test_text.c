#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text.h"

#include <utf8proc.h>

/* Runs one of the appending functions on a C string, returns a copy. */
static char *apply(void (*f)(ssg_buf *, const char *, size_t), const char *s)
{
	ssg_buf b;
	ssg_buf_init(&b);
	f(&b, s, strlen(s));
	return ssg_buf_detach(&b);
}

static void check(void (*f)(ssg_buf *, const char *, size_t), const char *in,
		  const char *want)
{
	char *got = apply(f, in);
	assert_string_equal(got, want);
	free(got);
}

static void test_key_folds_case_spaces_and_normal_form(void **state)
{
	(void)state;
	check(ssg_text_key, "  XÃ  BẮC\tSƠN ", "xã bắc sơn");
	/* "a" + combining grave + "x": NFC first, then lower case. */
	check(ssg_text_key, "A\xcc\x80X", "\xc3\xa0x");
	check(ssg_text_key, "id-5", "id-5");
	check(ssg_text_key, "", "");
	check(ssg_text_key, "\xe3\x80\x80 ", ""); /* ideographic space only */
	/* An invalid byte stays as it is. */
	check(ssg_text_key, "A\xff B", "a\xff b");
}

static void test_slug_vietnamese_title(void **state)
{
	(void)state;
	check(ssg_text_slug, "Tỷ lệ gia đình văn hóa", "ty-le-gia-dinh-van-hoa");
	check(ssg_text_slug, "Mục đích, yêu cầu", "muc-dich-yeu-cau");
	check(ssg_text_slug, "ĐẢNG BỘ XÃ BẮC SƠN", "dang-bo-xa-bac-son");
}

static void test_slug_decomposed_equals_precomposed(void **state)
{
	(void)state;
	/* "Việt Nam" with U+0323 and U+0302 combining marks. */
	check(ssg_text_slug, "Vie\xcc\xa3\xcc\x82t Nam", "viet-nam");
}

static void test_slug_trims_and_collapses_separators(void **state)
{
	(void)state;
	check(ssg_text_slug, "  -- I. Nhiệm vụ (2024) --  ", "i-nhiem-vu-2024");
	check(ssg_text_slug, "a\t\t,,b", "a-b");
	/* A byte that starts no character separates, as a sign does,
	 * and one cut short at the end leaves nothing. */
	check(ssg_text_slug, "a\xff" "b\xc3", "a-b");
	check(ssg_text_slug, "\x80x\xe1\xba" "y", "x-y");
}

/* Folding writes straight into the buffer: a text that gives more bytes
 * than it holds ("¼" is two bytes and folds to "1 4", so "¼¼" to
 * "1 41 4"), appended to a buffer already in use, comes out whole (ASan
 * checks the writes). */
static void test_fold_longer_than_its_text(void **state)
{
	(void)state;
	ssg_buf in, want, got;
	ssg_buf_init(&in);
	ssg_buf_init(&want);
	ssg_buf_init(&got);
	ssg_buf_puts(&got, "x");
	ssg_buf_puts(&want, "x");
	for (int i = 0; i < 3000; i++) {
		ssg_buf_puts(&in, "\xc2\xbc");
		ssg_buf_puts(&want, "1 4");
	}
	ssg_text_fold(&got, in.data, in.len);
	assert_int_equal(got.len, want.len);
	assert_string_equal(got.data, want.data);
	ssg_buf_fini(&in);
	ssg_buf_fini(&want);
	ssg_buf_fini(&got);
}

static void test_slug_empty_when_nothing_remains(void **state)
{
	(void)state;
	check(ssg_text_slug, " -- ,;! ", "");
	check(ssg_text_slug, "", "");
	check(ssg_text_slug, "中文", "");
}

static void test_slug_compatibility_forms(void **state)
{
	(void)state;
	/* Superscript two and the fi ligature keep their letters. */
	check(ssg_text_slug, "m\xc2\xb2 \xef\xac\x81le", "m2-file");
}

static void test_fold_keeps_single_spaces(void **state)
{
	(void)state;
	check(ssg_text_fold, "Gia đình văn hóa", "gia dinh van hoa");
	check(ssg_text_fold, "  Báo cáo   6 tháng, năm  ", "bao cao 6 thang nam");
}

static void test_nfc_composes_decomposed(void **state)
{
	(void)state;
	/* "hóa" written as o + U+0301 and "Việt" as e + U+0323 + U+0302. */
	check(ssg_text_nfc, "ho\xcc\x81" "a Vie\xcc\xa3\xcc\x82t", "hóa Việt");
}

static void test_nfc_keeps_precomposed(void **state)
{
	(void)state;
	check(ssg_text_nfc, "Tỷ lệ gia đình", "Tỷ lệ gia đình");
	check(ssg_text_nfc, "", "");
}

static void assert_bad_at(const char *s, size_t n, size_t want)
{
	size_t bad = (size_t)-1;
	assert_false(ssg_text_utf8_valid(s, n, &bad));
	assert_int_equal(bad, want);
}

static void test_utf8_valid_accepts_vietnamese(void **state)
{
	(void)state;
	const char *s = "Tỷ lệ 😀 ở xã \xef\xbb\xbf";
	size_t bad = 42;
	assert_true(ssg_text_utf8_valid(s, strlen(s), &bad));
	assert_int_equal(bad, 42);
	assert_true(ssg_text_utf8_valid("", 0, NULL));
}

static void test_utf8_valid_rejects_overlong(void **state)
{
	(void)state;
	assert_bad_at("ab\xc0\x80", 4, 2);
	assert_bad_at("a\xc1\xbf", 3, 1);
	assert_bad_at("abc\xe0\x80\xaf", 6, 3);
	assert_bad_at("\xf0\x8f\xbf\xbf", 4, 0);
}

static void test_utf8_valid_rejects_surrogates(void **state)
{
	(void)state;
	assert_bad_at("xy\xed\xa0\x80", 5, 2);
	assert_bad_at("\xed\xbf\xbf", 3, 0);
}

static void test_utf8_valid_rejects_above_max(void **state)
{
	(void)state;
	assert_bad_at("é\xf4\x90\x80\x80", 6, 2);
	assert_bad_at("\xf5\x80\x80\x80", 4, 0);
}

static void test_utf8_valid_rejects_nul(void **state)
{
	(void)state;
	assert_bad_at("abc\0def", 7, 3);
}

static void test_utf8_valid_rejects_truncated_and_stray(void **state)
{
	(void)state;
	assert_bad_at("ệ\xe1\xbb", 5, 3);
	assert_bad_at("ab\x80", 3, 2);
	assert_bad_at("a\xc3(", 3, 1);
}

static void test_position_counts_characters(void **state)
{
	(void)state;
	const char *s = "một\nhai ba\nđ";
	size_t n = strlen(s);
	unsigned line = 0, col = 0;
	ssg_text_position(s, n, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	/* The newline after "một" (5 bytes, 3 characters). */
	ssg_text_position(s, n, 5, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 4);
	ssg_text_position(s, n, 6 + 4, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 5);
	const char *end = strstr(s, "đ");
	ssg_text_position(s, n, (size_t)(end - s), &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
}

static void test_position_clamps_to_end(void **state)
{
	(void)state;
	unsigned line = 0, col = 0;
	ssg_text_position("ab\nc", 4, 99, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
}

/* Runs of one slug come together, each in the order things were met. */
static void test_slug_refs_sort_groups_in_order(void **state)
{
	(void)state;
	ssg_slug_ref r[] = {{"tin", 0}, {"bai", 1}, {"tin", 2}, {"bai", 3},
			    {"tin", 4}, {"a", 5}};
	ssg_slug_refs_sort(r, 6);
	static const char *const slugs[] = {"a", "bai", "bai", "tin", "tin",
					    "tin"};
	static const size_t idx[] = {5, 1, 3, 0, 2, 4};
	for (size_t k = 0; k < 6; k++) {
		assert_string_equal(r[k].slug, slugs[k]);
		assert_int_equal(r[k].i, idx[k]);
	}
}

/* The table that NFC checks and folding read answers as utf8proc does,
 * for every code point it holds; and words made of its letters fold and
 * slug as before it (Vietnamese, a ligature past it, a lone mark). */
static void test_memo_agrees_with_utf8proc(void **state)
{
	(void)state;
	assert_int_equal(ssg_text_memo_mismatches(), 0);
	ssg_buf b;
	ssg_buf_init(&b);
	const char *s = "Đổi mới ĐỜI SỐNG văn hóa ﬁ² a\xCC\x80" "b x\xCC\x81";
	ssg_text_fold(&b, s, strlen(s));
	assert_string_equal(ssg_buf_cstr(&b), "doi moi doi song van hoa fi2 ab x");
	ssg_buf_clear(&b);
	ssg_text_slug(&b, s, strlen(s));
	assert_string_equal(ssg_buf_cstr(&b), "doi-moi-doi-song-van-hoa-fi2-ab-x");
	ssg_buf_fini(&b);
}

static void decode_is(const char *in, const char *enc, const char *want)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_decode(&b, in, strlen(in), enc);
	assert_string_equal(ssg_buf_cstr(&b), want);
	ssg_buf_fini(&b);
}

static void test_decode_by_encoding_and_replaces_what_stays_invalid(
	void **state)
{
	(void)state;
	decode_is("caf\xe9", "ISO-8859-1", "caf\xc3\xa9");
	decode_is("caf\xe9", "latin1", "caf\xc3\xa9");
	decode_is("Vi\xe1\xbb\x87t", NULL, "Vi\xe1\xbb\x87t");
	decode_is("Vi\xe1\xbb\x87t", "utf-8", "Vi\xe1\xbb\x87t");
	/* Invalid UTF-8: one U+FFFD per bad byte, the rest kept. */
	decode_is("a\xff\xfe b", NULL, "a\xef\xbf\xbd\xef\xbf\xbd b");
	decode_is("cut \xe1\xbb", NULL, "cut \xef\xbf\xbd\xef\xbf\xbd");
	/* A byte the encoding lacks (0x81 in CP1252). */
	decode_is("x\x81y", "CP1252", "x\xef\xbf\xbdy");
	/* An encoding iconv does not know: read as UTF-8. */
	decode_is("ok \xff", "no-such-encoding", "ok \xef\xbf\xbd");
}

static long lost_at(const char *s)
{
	size_t at;
	return ssg_text_lost_letters(s, strlen(s), &at) ? (long)at : -1;
}

/* Letters a code page could not hold became '?' inside words, or the
 * conversion left U+FFFD; a question mark and an address are kept. */
static void test_text_lost_letters(void **state)
{
	(void)state;
	assert_int_equal(lost_at("Th?n v?n h?a"), 2);
	assert_int_equal(lost_at("?ang th?c hi?n"), 0);
	assert_int_equal(lost_at("C? n?m"), 4);
	assert_int_equal(lost_at("Xã B\xEF\xBF\xBD" "c Sơn"), 5);
	assert_int_equal(lost_at("Thôn văn hóa"), -1);
	assert_int_equal(lost_at("Đạt chưa? Chưa."), -1);
	assert_int_equal(lost_at("UBND x?"), -1);
	assert_int_equal(lost_at("(?)"), -1);
	assert_int_equal(lost_at("https://bacson.vn/tin?id=5"), -1);
	assert_int_equal(lost_at("Xem [tin](https://bacson.vn/tin?id=5) v?n"),
			 39);
	assert_int_equal(lost_at("www.bacson.vn/?trang=2"), -1);
	assert_int_equal(lost_at("12?5"), -1);
	assert_int_equal(lost_at(""), -1);
}

/* ssg_text_lost_letters as it was before its fast path (a walk
 * deciding each code point), to compare the fast path with. */
static bool ref_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	int c = utf8proc_get_property(cp)->category;
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
	       c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
	       c == UTF8PROC_CATEGORY_LO;
}

static bool ref_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool ref_address(const char *s, size_t n, size_t i)
{
	size_t a = i, b = i;
	while (a > 0 && !ref_blank(s[a - 1]) && s[a - 1] != '(' &&
	       s[a - 1] != '<' && s[a - 1] != '"')
		a--;
	while (b < n && !ref_blank(s[b]))
		b++;
	for (size_t k = a; k + 2 < b; k++)
		if (s[k] == ':' && s[k + 1] == '/' && s[k + 2] == '/')
			return true;
	return b - a > 4 && memcmp(s + a, "www.", 4) == 0;
}

static bool ref_lost(const char *s, size_t n, size_t *at)
{
	int32_t prev = ' ';
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t k;
		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			k = 1;
		} else if (!(k = ssg_text_utf8_decode(s + i, n - i, &cp))) {
			cp = 0xfffd;
			k = 1;
		}
		if (cp == 0xfffd) {
			*at = i;
			return true;
		}
		if (cp == '?' && i + 1 < n &&
		    (ref_blank((char)prev) || prev == '?' || ref_letter(prev))) {
			int32_t next;
			size_t nk = ssg_text_utf8_decode(s + i + 1, n - i - 1,
							 &next);
			if (nk && ref_letter(next) && !ref_address(s, n, i)) {
				*at = i;
				return true;
			}
		}
		prev = cp;
		i += k;
	}
	return false;
}

/* Pieces of text that matter to the fast paths: '?' between letters and
 * not, U+FFFD, bytes that are no UTF-8 or cut a sequence short (overlong
 * forms, surrogates, past U+10FFFF, U+FFFE beside U+FFFD), NULs,
 * addresses, a code point whose low byte is a blank (U+2020), letters of
 * 2 to 4 bytes, and runs of ASCII. */
static const char *const piece[] = {
	"?", "a", "Z", " ", "\n", "ô", "Đ", "\xEF\xBF\xBD", "\xff",
	"\xc3", "\xe1\xba", "\x80", "\0", "\xE2\x80\xA0", "𝐀", "漢",
	"1", "(", "https://x.vn/a?b", "www.", "//", ":", "plain text ",
	"0123456789abcdef", "?\xc3\xa0", "\xCC\x80", "\xe0\x80",
	"\xed\xa0", "\xed\x9f", "\xf4\x90", "\xf4\x8f", "\xf0\x8f",
	"\xf0\x90", "\xc1\xbf", "\xef\xbf", "\xbd", "\xbf", "\xbe",
	"\xe0\xa0", "\xf5", "\xc2"};

/* A text of up to max - 1 pieces in buf (room for 16 bytes a piece),
 * from *seed; with `good`, three pieces in four are ASCII or letters, so
 * that valid texts come too.  Its length in bytes. */
static size_t random_text(unsigned *seed, char *buf, int max, bool good)
{
	size_t np = sizeof(piece) / sizeof(*piece);
	size_t n = 0;
	*seed = *seed * 1103515245u + 12345u;
	int k = (int)((*seed >> 16) % (unsigned)max);
	for (int j = 0; j < k; j++) {
		*seed = *seed * 1103515245u + 12345u;
		size_t at = (*seed >> 16) % np;
		if (good && (*seed >> 16) % 4)
			at = 1 + (*seed >> 20) % 6;
		const char *p = piece[at];
		size_t l = *p ? strlen(p) : 1;
		memcpy(buf + n, p, l);
		n += l;
	}
	return n;
}

/* The fast path (memchr for '?', ASCII skipped eight bytes at a time)
 * answers as the walk did, at the same byte, on texts made of the
 * pieces that matter: '?' between letters and not, U+FFFD, bytes that
 * are no UTF-8 or cut a sequence short (overlong forms, surrogates,
 * past U+10FFFF, U+FFFE beside U+FFFD), NULs, addresses, a code point
 * whose low byte is a blank (U+2020), letters of 2 to 4 bytes, and runs
 * of ASCII long enough for the eight-byte skip. */
static void test_text_lost_letters_fast_path(void **state)
{
	(void)state;
	unsigned seed = 12345;
	char buf[256];
	size_t found = 0;
	for (int t = 0; t < 200000; t++) {
		size_t n = random_text(&seed, buf, 12, false);
		size_t a1 = 0, a2 = 0;
		bool r1 = ref_lost(buf, n, &a1);
		bool r2 = ssg_text_lost_letters(buf, n, &a2);
		if (r1 != r2 || (r1 && a1 != a2))
			fail_msg("text %d (%zu bytes): walk %d at %zu, fast %d "
				 "at %zu",
				 t, n, r1, a1, r2, a2);
		found += r1;
	}
	/* Both answers came up often enough to mean something. */
	assert_true(found > 10000 && found < 190000);
	/* By hand: after a 4-byte letter, after U+2020, after a NUL (no
	 * letter, no blank), then a bad byte or U+FFFD past eight bytes. */
	assert_int_equal(lost_at("𝐀?b"), 4);
	assert_int_equal(lost_at("\xE2\x80\xA0?b"), 3);
	size_t at = 0;
	assert_false(ssg_text_lost_letters("x\0?b", 4, &at));
	assert_true(ssg_text_lost_letters("x\0\xff", 3, &at));
	assert_int_equal(at, 2);
	assert_int_equal(lost_at("a long plain line of text, no sign\xff"), 34);
	assert_int_equal(lost_at("a long plain line of text, then \xc3"), 32);
	assert_int_equal(lost_at("a long line\xEF\xBF\xBD then x?y"), 11);
	assert_int_equal(lost_at("a long line of text then x?y \xff"), 26);
}

/* The automata's answer (four parts side by side) is the walk's, at the
 * same byte, on texts of up to 24 pieces: cuts fall inside sequences,
 * between them and on NULs. */
static void test_utf8_valid_fast_path(void **state)
{
	(void)state;
	unsigned seed = 777;
	char buf[512];
	size_t valid = 0;
	for (int t = 0; t < 200000; t++) {
		size_t n = random_text(&seed, buf, 24, true);
		size_t want = n;
		for (size_t i = 0; i < n;) {
			int32_t cp;
			size_t l = buf[i] ? ssg_text_utf8_decode(buf + i, n - i, &cp)
					  : 0;
			if (!l) {
				want = i;
				break;
			}
			i += l;
		}
		size_t bad = SIZE_MAX;
		bool ok = ssg_text_utf8_valid(buf, n, &bad);
		if (ok != (want == n) || (!ok && bad != want))
			fail_msg("text %d (%zu bytes): walk stops at %zu, "
				 "valid %d at %zu", t, n, want, ok, bad);
		valid += ok;
	}
	assert_true(valid > 20000 && valid < 180000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lost_letters),
		cmocka_unit_test(test_text_lost_letters_fast_path),
		cmocka_unit_test(test_utf8_valid_fast_path),
		cmocka_unit_test(test_slug_vietnamese_title),
		cmocka_unit_test(test_slug_decomposed_equals_precomposed),
		cmocka_unit_test(test_slug_trims_and_collapses_separators),
		cmocka_unit_test(test_slug_empty_when_nothing_remains),
		cmocka_unit_test(test_slug_compatibility_forms),
		cmocka_unit_test(test_fold_keeps_single_spaces),
		cmocka_unit_test(test_fold_longer_than_its_text),
		cmocka_unit_test(test_nfc_composes_decomposed),
		cmocka_unit_test(test_nfc_keeps_precomposed),
		cmocka_unit_test(test_utf8_valid_accepts_vietnamese),
		cmocka_unit_test(test_utf8_valid_rejects_overlong),
		cmocka_unit_test(test_utf8_valid_rejects_surrogates),
		cmocka_unit_test(test_utf8_valid_rejects_above_max),
		cmocka_unit_test(test_utf8_valid_rejects_nul),
		cmocka_unit_test(test_utf8_valid_rejects_truncated_and_stray),
		cmocka_unit_test(test_position_counts_characters),
		cmocka_unit_test(test_position_clamps_to_end),
		cmocka_unit_test(test_key_folds_case_spaces_and_normal_form),
		cmocka_unit_test(test_slug_refs_sort_groups_in_order),
		cmocka_unit_test(test_memo_agrees_with_utf8proc),
		cmocka_unit_test(
			test_decode_by_encoding_and_replaces_what_stays_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
