/*
 * history cache — what a history walk (history.c) knew at its last
 * commit, kept in .git/ssg/ so that the next walk of a longer chain reads
 * only the commits after it.
 *
 * The file holds the commits [0, ncommits) of a first-parent chain as
 * the walk read them (ids, dates, authors, messages), their events and
 * page changes, each commit's share of them, and the state a walk needs
 * to go on: each table's lineage (its newest name, the last version that
 * parsed) and the paths that lead to it.  With the commits in it, the
 * next walk reads from the repository only the commits after its last
 * one (history.c), not the whole chain again.
 *
 * It is a run of segments, each the commits after the one before: a walk
 * that adds a commit to a long chain adds a segment to a copy of the
 * file instead of writing it all again, and a file of many segments is
 * written again whole, as one.  It is replaced whole in the store
 * (store.h), and read only when everything about it checks: its format,
 * the program that wrote it (ssg_store_program: any other build of ssg
 * walks again), the row keys, a CRC of its bytes, and every index in it.
 * Anything else is no cache: deleting or damaging the file costs time,
 * never a different history.
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

typedef struct {
	uint64_t keys; /* ssg_hcache_keys_sig of the walk's row keys */
	/* Every field but summary, which a reader derives from message
	 * (NULL as read); the last one is the tip the walk ended at. */
	size_t ncommits;
	ssg_hcommit *commits;
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
	/* No table is renamed in this commit or later (the walk's
	 * ssg_history_settled): at most ncommits. */
	size_t settled;
	/* As read: the file's bytes and how many segments they hold, for
	 * a write that adds to them.  The strings read are in them. */
	unsigned char *raw;
	size_t nraw, nseg;
} ssg_hcache;

/* Where the arrays of strings read from a cache live (the history's
 * arena): alloc returns n bytes aligned for pointers. */
typedef struct {
	void *ctx;
	void *(*alloc)(void *ctx, size_t n);
} ssg_hcache_mem;

/* A signature of the row keys a walk used. */
uint64_t ssg_hcache_keys_sig(const ssg_history_key *keys, size_t nkeys);

/* The cache file of the repository whose git directory is gitdir
 * (malloc'd): gitdir/ssg/history.cache. */
char *ssg_hcache_path_of(const char *gitdir);
/* Writes c to file, creating its directory (never through a symbolic
 * link); false when it could not, which only costs the next walk time.
 * With old (may be NULL) the cache c was read from, whose commits are
 * the first of c's: the file is old's bytes and a segment of the
 * commits after them, unless old has many segments already. */
bool ssg_hcache_write(const char *file, const ssg_hcache *c,
		      const ssg_hcache *old);

/* ssg_hcache_write on a thread of its own, so that the build goes on
 * while the file is written (a tenth of a second on a province, and a
 * twentieth of a rebuild, all of it on the path to the pages).  The
 * save takes c's lin, paths and bad arrays (it frees them); everything
 * else of c and old's bytes must stay as they are until
 * ssg_hcache_save_end.  Of old it keeps only what ssg_hcache_write reads
 * (keys, ncommits, raw, nraw, nseg).  A job of a pool (pool.h): with
 * no other core, it is written when ended. */
typedef struct ssg_hcache_save ssg_hcache_save;
ssg_hcache_save *ssg_hcache_save_start(const char *file, const ssg_hcache *c,
				       const ssg_hcache *old);
/* Waits for the write and frees s; accepts NULL. */
void ssg_hcache_save_end(ssg_hcache_save *s);

/* Reads the cache in file into c when it is whole, written by this very
 * program and for these keys.  Its commits are a first-parent chain up
 * to c->commits[c->ncommits - 1] as long as that commit's id names the
 * same commit: the caller checks that its own chain holds that commit.
 * False otherwise, c then empty.  c->commits, ev, pages, lin, paths,
 * bad and pkgs are malloc'd, raw is the file's bytes (ssg_hcache_fini),
 * where its strings are; the arrays of an event's row come from mem. */
bool ssg_hcache_read(const char *file, uint64_t keys,
		     const ssg_hcache_mem *mem, ssg_hcache *c);

/* Frees the arrays of a read cache and its bytes (so its strings) unless
 * taken: a caller that keeps the strings moves c->raw and c->nraw out
 * first and gives them to ssg_hcache_bytes_free when done. */
void ssg_hcache_fini(ssg_hcache *c);
void ssg_hcache_bytes_free(unsigned char *raw, size_t n); /* NULL: none */

#endif
