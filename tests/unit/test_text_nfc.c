/* ssg_text_nfc against utf8proc's own NFC, for every code point: the
 * fast path that copies text already in NFC must never change a result. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"

static size_t put_cp(char *s, int32_t cp)
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)s);
}

/* NFC of s[0..n) by utf8proc alone. */
static char *reference(const char *s, size_t n, size_t *len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
					  (utf8proc_ssize_t)n, &out,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	assert_true(r >= 0);
	*len = (size_t)r;
	return (char *)out;
}

/* Fails on the first string where ssg_text_nfc and utf8proc differ. */
static void same_as_reference(const char *s, size_t n)
{
	size_t want_len = 0;
	char *want = reference(s, n, &want_len);
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_nfc(&b, s, n);
	if (b.len != want_len || memcmp(b.data, want, want_len) != 0)
		fail_msg("NFC differs for \"%.*s\"", (int)n, s);
	ssg_buf_fini(&b);
	free(want);
}

/* Each code point alone, after a base letter it might compose with, and
 * twice in a row; prefixes are starters that compose with something:
 * Latin e, Hangul choseong and syllable, Bengali ka, Tamil o-sign base. */
static void test_nfc_every_code_point_matches_utf8proc(void **state)
{
	(void)state;
	static const int32_t prefixes[] = {0, 'e', 0x1100, 0xAC00, 0x0995,
					   0x0B92, 0x0BC6, 0x05D0};
	char s[32];
	for (int32_t cp = 1; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		for (size_t p = 0; p < sizeof(prefixes) / sizeof(*prefixes);
		     p++) {
			size_t n = prefixes[p] ? put_cp(s, prefixes[p]) : 0;
			n += put_cp(s + n, cp);
			n += put_cp(s + n, cp);
			same_as_reference(s, n);
		}
	}
}

static void test_nfc_decomposed_vietnamese_is_composed(void **state)
{
	(void)state;
	/* "Nguyễn" with e + U+0302 + U+0303, after ASCII and precomposed
	 * text that alone would take the copying path. */
	const char *in = "abc Vi\xe1\xbb\x87t Nguye\xcc\x82\xcc\x83n";
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_nfc(&b, in, strlen(in));
	assert_string_equal(ssg_buf_cstr(&b), "abc Việt Nguyễn");
	ssg_buf_fini(&b);
}

static void test_nfc_singleton_is_replaced(void **state)
{
	(void)state;
	/* U+212B ANGSTROM SIGN has no combining mark yet is not NFC. */
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_nfc(&b, "1 \xe2\x84\xab", 5);
	assert_string_equal(ssg_buf_cstr(&b), "1 \xc3\x85");
	ssg_buf_fini(&b);
}

static void test_nfc_ascii_and_precomposed_copied_unchanged(void **state)
{
	(void)state;
	const char *in = "Tỷ lệ hộ nghèo (%): 3,5 → 2,1; Đường ĐT.741";
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_nfc(&b, in, strlen(in));
	assert_int_equal(b.len, strlen(in));
	assert_memory_equal(b.data, in, b.len);
	ssg_buf_fini(&b);
}

static void test_nfc_invalid_utf8_kept(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_nfc(&b, "a\xff" "b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\xff" "b", 3);
	ssg_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nfc_every_code_point_matches_utf8proc),
		cmocka_unit_test(test_nfc_decomposed_vietnamese_is_composed),
		cmocka_unit_test(test_nfc_singleton_is_replaced),
		cmocka_unit_test(test_nfc_ascii_and_precomposed_copied_unchanged),
		cmocka_unit_test(test_nfc_invalid_utf8_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
