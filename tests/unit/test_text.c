#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lost_letters),
		cmocka_unit_test(test_slug_vietnamese_title),
		cmocka_unit_test(test_slug_decomposed_equals_precomposed),
		cmocka_unit_test(test_slug_trims_and_collapses_separators),
		cmocka_unit_test(test_slug_empty_when_nothing_remains),
		cmocka_unit_test(test_slug_compatibility_forms),
		cmocka_unit_test(test_fold_keeps_single_spaces),
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
