/*
 * digest — SHA-256 over a sequence of values, for keys that decide
 * whether work done by an earlier build can stand (copies.h, out.h).
 *
 * Each value is framed (a tag byte, then its length where it has one), so
 * that no two different sequences feed the same bytes: "ab","c" and
 * "a","bc" give different digests, and NULL differs from "".
 */
#ifndef SSG_DIGEST_H
#define SSG_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ssg_digest ssg_digest;

/* Aborts when the library cannot make one (out of memory). */
ssg_digest *ssg_digest_new(void);
/* A digest that goes on from where d is, d left as it was. */
ssg_digest *ssg_digest_dup(const ssg_digest *d);
void ssg_digest_free(ssg_digest *d); /* accepts NULL */

void ssg_digest_str(ssg_digest *d, const char *s); /* NULL allowed */
void ssg_digest_bytes(ssg_digest *d, const void *p, size_t n);
void ssg_digest_u64(ssg_digest *d, uint64_t v);
/* The digest in 64 lowercase hex digits and a NUL; d may not be fed
 * afterwards, only freed. */
void ssg_digest_hex(ssg_digest *d, char out[65]);
/* The same as the 32 bytes of the digest. */
void ssg_digest_sum(ssg_digest *d, unsigned char out[32]);
/* The digest of p[0..n) fed alone (ssg_digest_bytes), as 32 bytes. */
void ssg_digest_of(const void *p, size_t n, unsigned char out[32]);
/* True when s[0..n) are all lowercase hex digits (a digest written out,
 * an object's name). */
bool ssg_digest_is_hex(const char *s, size_t n);
/* The n bytes that 2n lowercase hex digits write (a digest, a commit's
 * id) into out; false, out then partly written, at a character that is
 * not one. */
bool ssg_digest_unhex(const char *hex, size_t n, unsigned char *out);
/* The 2n lowercase hex digits of n bytes, into out (no NUL added). */
void ssg_digest_tohex(const unsigned char *in, size_t n, char *out);

#endif
