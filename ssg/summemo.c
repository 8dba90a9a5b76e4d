/* summemo — commit digests kept from one build to the next (summemo.h). */
#include "summemo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "store.h"

#define SUMMEMO_FILE "commits"
#define SUMMEMO_FORMAT 1
#define SLOT_LEN 33
#define SLOT_KEPT 1
#define SLOT_PUBLISHED 2
#define SLOT_OWN_NAME 4

struct ssg_summemo {
	const ssg_history *h;
	ssg_buf raw;
	const unsigned char *slots; /* in raw, n1 of them; NULL: none */
	size_t n1;
};

ssg_summemo *ssg_summemo_read(const char *gitdir, const ssg_history *h,
			      const unsigned char keys[32])
{
	ssg_summemo *k = ssg_xcalloc(1, sizeof(*k));
	k->h = h;
	ssg_buf_init(&k->raw);
	if (!ssg_store_read_summed(gitdir, SUMMEMO_FILE, 64u << 20, &k->raw))
		return k;
	const unsigned char *p = (const unsigned char *)k->raw.data;
	size_t len = k->raw.len;
	size_t n1 = ssg_history_memo_check(h, p, len, SUMMEMO_FORMAT, keys);
	if (!n1 || (len - SSG_HISTORY_MEMO_HEAD) / SLOT_LEN != n1 ||
	    (len - SSG_HISTORY_MEMO_HEAD) % SLOT_LEN != 0)
		return k;
	k->slots = p + SSG_HISTORY_MEMO_HEAD;
	k->n1 = n1;
	return k;
}

void ssg_summemo_free(ssg_summemo *k)
{
	if (!k)
		return;
	ssg_buf_fini(&k->raw);
	free(k);
}

static unsigned flags_of(const ssg_history *h, size_t i, bool published)
{
	return SLOT_KEPT | (published ? SLOT_PUBLISHED : 0) |
	       (ssg_history_short_unique(h, i) ? SLOT_OWN_NAME : 0);
}

bool ssg_summemo_get(const ssg_summemo *k, size_t i, bool published,
		     unsigned char sum[32])
{
	if (!k || !k->slots || i >= k->n1)
		return false;
	const unsigned char *s = k->slots + i * SLOT_LEN;
	if (s[0] != flags_of(k->h, i, published))
		return false;
	memcpy(sum, s + 1, 32);
	return true;
}

bool ssg_summemo_write(const char *gitdir, const ssg_history *h,
		       const unsigned char keys[32],
		       const unsigned char (*sums)[32], const bool *published)
{
	size_t n = ssg_history_ncommits(h);
	if (!n)
		return false;
	ssg_buf b;
	ssg_buf_init(&b);
	unsigned char head[SSG_HISTORY_MEMO_HEAD];
	ssg_history_memo_head(h, SUMMEMO_FORMAT, keys, head);
	ssg_buf_put(&b, head, sizeof(head));
	for (size_t i = 0; i < n; i++) {
		unsigned char s[SLOT_LEN];
		s[0] = (unsigned char)flags_of(h, i, published[i]);
		memcpy(s + 1, sums[i], 32);
		ssg_buf_put(&b, s, sizeof(s));
	}
	bool ok = ssg_store_replace_summed(gitdir, SUMMEMO_FILE, b.data, b.len);
	ssg_buf_fini(&b);
	return ok;
}
