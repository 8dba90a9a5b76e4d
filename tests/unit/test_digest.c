#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "digest.h"

/* The framing digest.h describes, written out by hand: the bytes the
 * library must hash, however they were gathered. */
static void frame(ssg_buf *b, char tag, uint64_t len)
{
	ssg_buf_putc(b, tag);
	for (int i = 0; i < 8; i++)
		ssg_buf_putc(b, (char)(len >> (8 * i)));
}

static void plain_hex(const ssg_buf *b, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	assert_int_equal(EVP_Digest(b->data, b->len, md, &len, EVP_sha256(),
				    NULL),
			 1);
	assert_int_equal(len, 32);
	ssg_digest_tohex(md, 32, out);
	out[64] = '\0';
}

/* Values of every kind and size, small ones across the gathering's
 * bounds and large ones past it, fed to both. */
static void feed_both(ssg_digest *d, ssg_buf *b, size_t i)
{
	char s[40];
	memset(s, 'a' + (int)(i % 26), sizeof(s));
	s[i % sizeof(s)] = '\0';
	switch (i % 4) {
	case 0:
		ssg_digest_str(d, s);
		frame(b, 's', strlen(s));
		ssg_buf_puts(b, s);
		break;
	case 1:
		ssg_digest_u64(d, i * 7919);
		frame(b, 'u', i * 7919);
		break;
	case 2:
		ssg_digest_str(d, NULL);
		frame(b, 'n', 0);
		break;
	default: {
		size_t n = i % 3 == 0 ? 3000 + i : i % 5;
		char *p = malloc(n + 1);
		for (size_t k = 0; k < n; k++)
			p[k] = (char)(k * 31 + i);
		ssg_digest_bytes(d, p, n);
		frame(b, 'b', n);
		ssg_buf_put(b, p, n);
		free(p);
	}
	}
}

static void test_digest_is_sha256_of_the_framed_values(void **state)
{
	(void)state;
	for (size_t count = 0; count < 120; count += 7) {
		ssg_digest *d = ssg_digest_new();
		ssg_buf b;
		ssg_buf_init(&b);
		for (size_t i = 0; i < count; i++)
			feed_both(d, &b, i);
		char got[65], want[65];
		ssg_digest_hex(d, got);
		plain_hex(&b, want);
		assert_string_equal(got, want);
		ssg_digest_free(d);
		ssg_buf_fini(&b);
	}
}

/* A copy goes on from all that was fed, gathered or not. */
static void test_digest_dup_goes_on_from_what_was_fed(void **state)
{
	(void)state;
	ssg_digest *d = ssg_digest_new();
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t i = 0; i < 30; i++)
		feed_both(d, &b, i);
	ssg_digest *c = ssg_digest_dup(d);
	ssg_buf cb;
	ssg_buf_init(&cb);
	ssg_buf_put(&cb, b.data, b.len);
	for (size_t i = 30; i < 50; i++)
		feed_both(c, &cb, i);
	ssg_digest_str(d, "x");
	frame(&b, 's', 1);
	ssg_buf_puts(&b, "x");
	char got[65], want[65];
	ssg_digest_hex(c, got);
	plain_hex(&cb, want);
	assert_string_equal(got, want);
	ssg_digest_hex(d, got);
	plain_hex(&b, want);
	assert_string_equal(got, want);
	ssg_digest_free(c);
	ssg_digest_free(d);
	ssg_buf_fini(&b);
	ssg_buf_fini(&cb);
}

/* Hex in and out: every byte round-trips, and a digit outside 0-9a-f
 * (uppercase included: the keys are written lowercase) is refused
 * wherever it stands. */
static void test_digest_hex_round_trip_and_refusals(void **state)
{
	(void)state;
	unsigned char in[256], out[256];
	char hex[513];
	for (size_t i = 0; i < 256; i++)
		in[i] = (unsigned char)i;
	ssg_digest_tohex(in, 256, hex);
	hex[512] = '\0';
	assert_true(ssg_digest_is_hex(hex, 512));
	assert_true(ssg_digest_unhex(hex, 256, out));
	assert_memory_equal(in, out, 256);
	for (int c = 0; c < 256; c++) {
		bool digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
		for (size_t at = 0; at < 2; at++) {
			char two[3] = {'0', '0', '\0'};
			two[at] = (char)c;
			unsigned char b = 0xee;
			assert_int_equal(ssg_digest_unhex(two, 1, &b), digit);
			assert_int_equal(ssg_digest_is_hex(two, 2), digit);
			if (digit) {
				unsigned v = (unsigned)(c <= '9' ? c - '0'
								 : c - 'a' + 10);
				assert_int_equal(b, at ? v : v << 4);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digest_is_sha256_of_the_framed_values),
		cmocka_unit_test(test_digest_dup_goes_on_from_what_was_fed),
		cmocka_unit_test(test_digest_hex_round_trip_and_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
