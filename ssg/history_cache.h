/*
 * history cache — what a history walk (history.c) knew at its last
 * commit, kept in .git/ssg/ so that the next walk of a longer chain reads
 * only the commits after it.
 *
 * The file holds the events and page changes of commits [0, ncommits),
 * each commit's share of them, and the state a walk needs to go on: each
 * table's lineage (its newest name, the last version that parsed) and
 * the paths that lead to it.  It is replaced whole in the store
 * (store.h), and read only when everything about it checks: its format,
 * the program that wrote it (ssg_store_program: any other build of ssg
 * walks again), the row keys, the commit it ends at,
 * a CRC of its bytes, and every index in it.  Anything else is no cache:
 * deleting or damaging the file costs time, never a different history.
 */
#ifndef SSG_HISTORY_CACHE_H
#define SSG_HISTORY_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "hev.h"

typedef struct {
	const char *name;        /* newest name of the table */
	bool has_latest;         /* a version parsed and was not deleted */
	unsigned char latest[20]; /* its blob id */
	const char *latest_path; /* where it was read */
} ssg_hcache_lin;

typedef struct {
	const char *path; /* "data/x.csv" */
	size_t lin;       /* index in lin */
} ssg_hcache_path;

/* A table version that did not parse, with the error the walk gave it
 * when it first met it (under the path it had then). */
typedef struct {
	unsigned char id[20];
	const char *error;
} ssg_hcache_bad;

/* Derived fields of a commit: the rest comes from the commit itself. */
typedef struct {
	size_t first_event, nevents, first_page, npages;
	bool touched;
	const char *period; /* and whether it opens one (history.h) */
	bool opens;
} ssg_hcache_commit;

typedef struct {
	uint64_t keys; /* ssg_hcache_keys_sig of the walk's row keys */
	char tip[41];  /* the last commit walked */
	size_t ncommits;
	ssg_hcache_commit *commits;
	ssg_hev *ev;
	size_t nev;
	ssg_hpage *pages;
	size_t npages;
	ssg_hcache_lin *lin;
	size_t nlin;
	ssg_hcache_path *paths;
	size_t npaths;
	ssg_hcache_bad *bad;
	size_t nbad;
	ssg_hpackage *pkgs; /* versions of data/datapackage.json */
	size_t npkgs;
} ssg_hcache;

/* Where strings and arrays read from a cache live: the history's arena.
 * str copies s[0..n) and ends it with NUL; alloc returns n bytes
 * aligned for pointers. */
typedef struct {
	void *ctx;
	const char *(*str)(void *ctx, const char *s, size_t n);
	void *(*alloc)(void *ctx, size_t n);
} ssg_hcache_mem;

/* A signature of the row keys a walk used. */
uint64_t ssg_hcache_keys_sig(const ssg_history_key *keys, size_t nkeys);

/* The cache file of the repository whose git directory is gitdir
 * (malloc'd): gitdir/ssg/history.cache. */
char *ssg_hcache_path_of(const char *gitdir);
/* Writes c to file, creating its directory (never through a symbolic
 * link); false when it could not, which only costs the next walk time. */
bool ssg_hcache_write(const char *file, const ssg_hcache *c);

/* Reads the cache in file into c when it is whole, written by this very
 * program, for these keys, and ends at a commit of `chain` (the walk's
 * commits, oldest first): chain[c->ncommits - 1] is then c->tip, and as a
 * commit id names its ancestors, the chain up to it is the cache's.
 * False otherwise, c then empty.  c->commits, ev, pages, lin, paths,
 * bad and pkgs are malloc'd (ssg_hcache_fini); strings and event arrays come from
 * mem. */
bool ssg_hcache_read(const char *file, uint64_t keys,
		     const ssg_hcommit *chain, size_t nchain,
		     const ssg_hcache_mem *mem, ssg_hcache *c);

/* Frees the malloc'd arrays of a read cache, not its strings. */
void ssg_hcache_fini(ssg_hcache *c);

#endif
