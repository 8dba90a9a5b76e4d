/*
 * blobkeep — see blobkeep.h.  The file:
 *
 *   "ssg content 1 <program, 8 hex digits>\n"
 *   per blob: its id (40 hex digits), its size (u64 LE), its bytes, NUL
 *   u32 LE: CRC-32 of all the bytes before it
 */
#define _DEFAULT_SOURCE /* MAP_POPULATE */
#include "blobkeep.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <zlib.h>

#include "buf.h"
#include "err.h"
#include "store.h"

#define KEEP_FILE "content"
#define OID_HEX 40
/* Larger files are not read: a site's pages are far less. */
#define KEEP_MAX (1024u * 1024 * 1024)

typedef struct {
	const char *oid; /* OID_HEX digits in the file's bytes */
	const char *data;
	size_t size;
} kept;

struct ssg_blobkeep {
	void *map; /* the whole file, when it checked out */
	size_t maplen;
	kept *v;    /* sorted by oid */
	size_t n;
};

static void header(ssg_buf *b)
{
	ssg_buf_printf(b, "ssg content 1 %08" PRIx32 "\n", ssg_store_program());
}

/* crc with p[0..n) added, in pieces zlib's uInt can hold. */
static uLong crc_add(uLong crc, const void *p, size_t n)
{
	for (size_t at = 0; at < n;) {
		size_t m = n - at > 0x40000000u ? 0x40000000u : n - at;
		crc = crc32(crc, (const Bytef *)p + at, (uInt)m);
		at += m;
	}
	return crc;
}

static int kept_cmp(const void *a, const void *b)
{
	return memcmp(((const kept *)a)->oid, ((const kept *)b)->oid, OID_HEX);
}

/* The blobs of file[0..len), already checked whole, into k; false when
 * a record does not fit (then k keeps nothing). */
static bool parse(ssg_blobkeep *k, const char *file, size_t len, size_t at)
{
	size_t cap = 0;
	while (at < len) {
		if (len - at < OID_HEX + 8)
			return false;
		uint64_t size = ssg_le64_get((const unsigned char *)file + at +
					     OID_HEX);
		size_t data = at + OID_HEX + 8;
		if (size >= len - data || file[data + size] != '\0')
			return false;
		if (k->n == cap) {
			cap = cap ? 2 * cap : 1024;
			k->v = ssg_xrealloc(k->v, cap * sizeof(*k->v));
		}
		k->v[k->n++] = (kept){file + at, file + data, (size_t)size};
		at = data + (size_t)size + 1;
	}
	ssg_sort(k->v, k->n, sizeof(*k->v), kept_cmp);
	return true;
}

ssg_blobkeep *ssg_blobkeep_read(const char *gitdir)
{
	ssg_blobkeep *k = ssg_xcalloc(1, sizeof(*k));
	char *path = ssg_store_path(gitdir, KEEP_FILE);
	FILE *f = ssg_store_open(path);
	free(path);
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0 || st.st_size < 4 ||
	    (uint64_t)st.st_size > KEEP_MAX)
		goto done;
	/* Mapped, not read: 13 MB read into fresh memory was 60 ms of
	 * page faults on a province.  The store replaces a file by renaming
	 * another over it, never in place, so the mapping stays whole. */
	size_t len = (size_t)st.st_size;
	void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
			 fileno(f), 0);
	if (map == MAP_FAILED)
		goto done;
	const char *file = map;
	ssg_buf h;
	ssg_buf_init(&h);
	header(&h);
	len -= 4; /* the CRC */
	bool ok = len >= h.len && memcmp(file, h.data, h.len) == 0;
	if (ok) {
		uLong crc = crc_add(crc32(0L, Z_NULL, 0), file, len);
		uint32_t want =
			ssg_le32_get((const unsigned char *)file + len);
		ok = (uint32_t)crc == want && parse(k, file, len, h.len);
	}
	ssg_buf_fini(&h);
	if (ok) {
		k->map = map;
		k->maplen = len + 4;
	} else {
		munmap(map, len + 4);
		free(k->v);
		k->v = NULL;
		k->n = 0;
	}
done:
	if (f)
		fclose(f);
	return k;
}

void ssg_blobkeep_free(ssg_blobkeep *k)
{
	if (!k)
		return;
	free(k->v);
	if (k->map)
		munmap(k->map, k->maplen);
	free(k);
}

size_t ssg_blobkeep_count(const ssg_blobkeep *k)
{
	return k->n;
}

const char *ssg_blobkeep_find(const ssg_blobkeep *k, const char *oid,
			      size_t size)
{
	if (!k->n || strlen(oid) != OID_HEX)
		return NULL;
	kept key = {oid, NULL, 0};
	const kept *r = bsearch(&key, k->v, k->n, sizeof(*k->v), kept_cmp);
	return r && r->size == size ? r->data : NULL;
}

/* Writes p[0..n) to f and into the CRC. */
static void put(ssg_store_file *f, uLong *crc, const void *p, size_t n)
{
	ssg_store_write(f, p, n);
	*crc = crc_add(*crc, p, n);
}

bool ssg_blobkeep_write(const char *gitdir, const ssg_blobkeep_blob *v,
			size_t n)
{
	char *path = ssg_store_path(gitdir, KEEP_FILE);
	ssg_store_file *f = ssg_store_replace_begin(path);
	free(path);
	if (!f)
		return false;
	uLong crc = crc32(0L, Z_NULL, 0);
	ssg_buf h;
	ssg_buf_init(&h);
	header(&h);
	put(f, &crc, h.data, h.len);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		unsigned char size[8];
		if (strlen(v[i].oid) != OID_HEX) {
			ok = false;
			break;
		}
		ssg_le64_put(size, v[i].size);
		put(f, &crc, v[i].oid, OID_HEX);
		put(f, &crc, size, sizeof(size));
		put(f, &crc, v[i].data, v[i].size);
		put(f, &crc, "", 1);
	}
	unsigned char tail[8];
	ssg_le64_put(tail, (uint32_t)crc);
	ssg_store_write(f, tail, 4);
	ssg_buf_fini(&h);
	return ssg_store_replace_end(f, ok);
}
