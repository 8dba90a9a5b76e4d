/* The history cache reader (history_cache.h): any bytes after a valid
 * header, with a CRC made right so that they reach the parser, then
 * every string and array of what it accepts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "err.h"
#include "fuzz.h"
#include "history_cache.h"

/* magic, format, program, keys */
#define HEADER 24

/* Every array the reader handed out, to free after. */
static void **owned;
static size_t nowned;

static void *own_alloc(void *ctx, size_t n)
{
	(void)ctx;
	void *p = ssg_xcalloc(1, n);
	owned = ssg_xrealloc(owned, (nowned + 1) * sizeof(*owned));
	owned[nowned++] = p;
	return p;
}

static unsigned char header[HEADER];
static char file[64];

static void remove_file(void)
{
	(void)unlink(file);
}

/* A real header: what ssg_hcache_write gives an empty cache of one
 * commit. */
static void init(void)
{
	snprintf(file, sizeof(file), "/tmp/fuzz-hcache-%ld",
		 (long)getpid());
	ssg_hcache c;
	memset(&c, 0, sizeof(c));
	c.ncommits = 1;
	ssg_hcommit k = {.touched = true, .author = "a", .email = "e",
			 .message = "m"};
	memset(k.oid, 'a', 40);
	c.commits = &k;
	if (!ssg_hcache_write(file, &c, NULL))
		abort();
	atexit(remove_file);
	FILE *f = fopen(file, "rb");
	if (!f || fread(header, 1, HEADER, f) != HEADER)
		abort();
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!*file)
		init();
	FILE *f = fopen(file, "wb");
	if (!f)
		abort();
	uLong crc = crc32(0L, Z_NULL, 0);
	crc = crc32(crc, header, HEADER);
	crc = crc32(crc, data, (uInt)size);
	unsigned char t[4] = {(unsigned char)crc, (unsigned char)(crc >> 8),
			      (unsigned char)(crc >> 16),
			      (unsigned char)(crc >> 24)};
	fwrite(header, 1, HEADER, f);
	fwrite(data, 1, size, f);
	fwrite(t, 1, 4, f);
	fclose(f);
	ssg_hcache_mem mem = {NULL, own_alloc};
	ssg_hcache c;
	if (ssg_hcache_read(file, ssg_hcache_keys_sig(NULL, 0), &mem, &c)) {
		/* What it accepts holds together. */
		size_t ev = 0, pg = 0;
		for (size_t i = 0; i < c.ncommits; i++) {
			if (!c.commits[i].author || !c.commits[i].email ||
			    !c.commits[i].message ||
			    strlen(c.commits[i].oid) != 40)
				abort();
			if (c.commits[i].first_event != ev ||
			    c.commits[i].first_page != pg)
				abort();
			ev += c.commits[i].nevents;
			pg += c.commits[i].npages;
		}
		if (ev != c.nev || pg != c.npages)
			abort();
		for (size_t i = 0; i < c.nev; i++) {
			const ssg_hev *e = &c.ev[i];
			if (!e->table || e->commit >= c.ncommits)
				abort();
			(void)strlen(e->table);
			for (size_t j = 0; j < e->ncols; j++)
				if (!e->cols[j] || strlen(e->cols[j]) > size)
					abort();
		}
		for (size_t i = 0; i < c.npages; i++)
			if (!c.pages[i].path || c.pages[i].commit >= c.ncommits)
				abort();
		for (size_t i = 0; i < c.npaths; i++)
			if (c.paths[i].lin >= c.nlin || !c.paths[i].path)
				abort();
		for (size_t i = 0; i < c.nbad; i++)
			if (!c.bad[i].error)
				abort();
		if (c.settled > c.ncommits)
			abort();
		ssg_hcache_fini(&c);
	}
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	owned = NULL;
	nowned = 0;
	return 0;
}
