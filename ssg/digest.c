/*
 * digest — SHA-256 through OpenSSL's EVP interface (libcrypto, which
 * libgit2 already brings in).
 */
#include "digest.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

/* The values fed are mostly a few bytes each (a frame of 9, a title, a
 * key): they are gathered here and handed to the library a block at a
 * time.  A province's rebuild made 2 million updates of 9 to 30 bytes,
 * each a call through EVP's dispatch; the bytes hashed are the same. */
#define GATHER 512

struct ssg_digest {
	EVP_MD_CTX *ctx;
	size_t n; /* bytes in buf */
	unsigned char buf[GATHER];
};

/* SHA-256 fetched once: given EVP_sha256(), OpenSSL 3 fetches it from
 * its provider (a lock and a lookup) at each init, and a rebuild makes
 * a hundred thousand digests. */
static EVP_MD *sha256;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void sha256_fetch(void)
{
	sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static const EVP_MD *md_sha256(void)
{
	pthread_once(&sha256_once, sha256_fetch);
	return sha256 ? sha256 : EVP_sha256();
}

static EVP_MD_CTX *ctx_or_die(EVP_MD_CTX *c)
{
	if (!c) {
		fputs("ssg: out of memory\n", stderr);
		abort();
	}
	return c;
}

ssg_digest *ssg_digest_new(void)
{
	ssg_digest *d = ssg_xcalloc(1, sizeof(*d));
	d->ctx = ctx_or_die(EVP_MD_CTX_new());
	if (EVP_DigestInit_ex(d->ctx, md_sha256(), NULL) != 1)
		ctx_or_die(NULL);
	return d;
}

ssg_digest *ssg_digest_dup(const ssg_digest *d)
{
	ssg_digest *c = ssg_xcalloc(1, sizeof(*c));
	c->ctx = ctx_or_die(EVP_MD_CTX_new());
	if (EVP_MD_CTX_copy_ex(c->ctx, d->ctx) != 1)
		ctx_or_die(NULL);
	memcpy(c->buf, d->buf, d->n);
	c->n = d->n;
	return c;
}

void ssg_digest_free(ssg_digest *d)
{
	if (!d)
		return;
	EVP_MD_CTX_free(d->ctx);
	free(d);
}

/* Hands what is gathered to the library. */
static void flush(ssg_digest *d)
{
	if (d->n && EVP_DigestUpdate(d->ctx, d->buf, d->n) != 1)
		ctx_or_die(NULL);
	d->n = 0;
}

static void feed(ssg_digest *d, const void *p, size_t n)
{
	if (n > GATHER - d->n) {
		flush(d);
		if (n >= GATHER) {
			if (EVP_DigestUpdate(d->ctx, p, n) != 1)
				ctx_or_die(NULL);
			return;
		}
	}
	if (n)
		memcpy(d->buf + d->n, p, n);
	d->n += n;
}

static void frame(ssg_digest *d, unsigned char tag, uint64_t len)
{
	unsigned char b[9];
	b[0] = tag;
	for (int i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)(len >> (8 * i));
	feed(d, b, sizeof(b));
}

void ssg_digest_bytes(ssg_digest *d, const void *p, size_t n)
{
	frame(d, 'b', n);
	feed(d, p, n);
}

void ssg_digest_str(ssg_digest *d, const char *s)
{
	if (!s) {
		frame(d, 'n', 0);
		return;
	}
	size_t n = strlen(s);
	frame(d, 's', n);
	feed(d, s, n);
}

void ssg_digest_u64(ssg_digest *d, uint64_t v)
{
	frame(d, 'u', v);
}

void ssg_digest_sum(ssg_digest *d, unsigned char out[32])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	flush(d);
	if (EVP_DigestFinal_ex(d->ctx, md, &len) != 1 || len != 32)
		ctx_or_die(NULL);
	memcpy(out, md, 32);
}

void ssg_digest_of(const void *p, size_t n, unsigned char out[32])
{
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_bytes(dg, p, n);
	ssg_digest_sum(dg, out);
	ssg_digest_free(dg);
}

void ssg_digest_hex(ssg_digest *d, char out[65])
{
	unsigned char md[32];
	ssg_digest_sum(d, md);
	ssg_digest_tohex(md, 32, out);
	out[64] = '\0';
}

void ssg_digest_tohex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
}

/* A lowercase hex digit's value plus one, 0 for any other byte: a
 * table, as a rebuild turns 26,000 page keys back into bytes. */
static const unsigned char hex_value1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

static int hex_digit(char c)
{
	return (int)hex_value1[(unsigned char)c] - 1;
}

bool ssg_digest_is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (hex_digit(s[i]) < 0)
			return false;
	return true;
}

bool ssg_digest_unhex(const char *hex, size_t n, unsigned char *out)
{
	for (size_t i = 0; i < n; i++) {
		int hi = hex_digit(hex[2 * i]);
		int lo = hi < 0 ? -1 : hex_digit(hex[2 * i + 1]);
		if (lo < 0)
			return false;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}
