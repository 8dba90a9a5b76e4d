/*
 * model — the read-only data that templates render: null, bool, number,
 * string, list and map values.
 *
 * Values live in an arena (ssg_model) and are freed all at once with it.
 * A value may refer to values of another arena that outlives it (a page's
 * model points into the site's).  Lists and maps are filled while the
 * model is built and only read afterwards; maps keep insertion order so
 * that output never depends on hashing.
 */
#ifndef SSG_MODEL_H
#define SSG_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

typedef enum {
	SSG_V_NULL,
	SSG_V_BOOL,
	SSG_V_NUM,
	SSG_V_STR,
	SSG_V_LIST,
	SSG_V_MAP
} ssg_vtype;

typedef struct ssg_model ssg_model;
typedef struct ssg_value ssg_value;

ssg_model *ssg_model_new(void);
void ssg_model_free(ssg_model *m); /* frees every value made in it */

/* Constructors: the result belongs to the arena.  Strings are copied. */
ssg_value *ssg_model_null(ssg_model *m);
ssg_value *ssg_model_bool(ssg_model *m, bool b);
ssg_value *ssg_model_num(ssg_model *m, double d);
ssg_value *ssg_model_str(ssg_model *m, const char *s);
ssg_value *ssg_model_strn(ssg_model *m, const char *s, size_t n);
ssg_value *ssg_model_strf(ssg_model *m, const char *fmt, ...) SSG_PRINTF(2, 3);
/* A string lent, not copied: s must outlive m (the history's strings,
 * which a site of 20,000 commits would otherwise copy into every
 * model that shows a commit). */
ssg_value *ssg_model_str_lent(ssg_model *m, const char *s);
ssg_value *ssg_model_list(ssg_model *m);
ssg_value *ssg_model_map(ssg_model *m);
/* A map that answers the keys it lacks from `base`, a map that outlives
 * m and no longer changes: a revision copy's commit is the main site's
 * with its own url, not a copy of all of it.  Length and entries are
 * its own only. */
ssg_value *ssg_model_map_over(ssg_model *m, const ssg_value *base);
/* A map of n entries or fewer, its array in m's blocks rather than one
 * of its own (a commit's 15 fields, 20,000 times); it may still grow. */
ssg_value *ssg_model_map_sized(ssg_model *m, size_t n);
/* A map made when it is first read: a site's 20,000 commits are shown
 * by pages that a rebuild keeps, and a cold build reads most of them
 * only late, so that the maps made at once were a sixth of its peak
 * memory.  `make` gives map i of the source, from any thread, the same
 * each time, never changing; `sum` the digest of its frame
 * (ssg_value_frame_sum), which frames the lazy map in a page's key (a
 * kept page never makes it).  The source outlives m's values. */
typedef struct {
	const ssg_value *(*make)(void *ctx, size_t i);
	const unsigned char *(*sum)(void *ctx, size_t i);
	void *ctx;
} ssg_lazy;
ssg_value *ssg_model_map_lazy(ssg_model *m, const ssg_lazy *src, size_t i);
/* The same for a list (`make` gives a list). */
ssg_value *ssg_model_list_lazy(ssg_model *m, const ssg_lazy *src, size_t i);

/* Builders.  `item`/`v` are referenced, not copied. */
void ssg_list_push(ssg_value *list, const ssg_value *item);
void ssg_map_set(ssg_value *map, const char *key, const ssg_value *v);
/* Shorthands: set key to a new string / bool / number in m. */
void ssg_map_set_str(ssg_model *m, ssg_value *map, const char *key,
		     const char *s);
void ssg_map_set_bool(ssg_model *m, ssg_value *map, const char *key, bool b);
void ssg_map_set_num(ssg_model *m, ssg_value *map, const char *key,
		     double d);

/* Readers; all accept NULL and answer as for a null value. */
ssg_vtype ssg_value_type(const ssg_value *v);
bool ssg_value_bool(const ssg_value *v);
double ssg_value_num(const ssg_value *v);
const char *ssg_value_str(const ssg_value *v); /* NULL unless a string */
size_t ssg_value_strlen(const ssg_value *v);
size_t ssg_value_len(const ssg_value *v); /* list items or map entries */
const ssg_value *ssg_value_at(const ssg_value *v, size_t i); /* list/map */
const char *ssg_value_key_at(const ssg_value *v, size_t i);  /* map */
const ssg_value *ssg_value_get(const ssg_value *map, const char *key);
const ssg_value *ssg_value_getn(const ssg_value *map, const char *key,
				size_t n);
/* The string at `key` of a map (a front matter field), "" when absent or
 * not a string. */
const char *ssg_value_get_str(const ssg_value *map, const char *key);

/* Where a value came from in its source file (front matter), for
 * diagnostics; 0 when unknown. */
void ssg_value_set_pos(ssg_value *v, unsigned line, unsigned col);
unsigned ssg_value_line(const ssg_value *v);
unsigned ssg_value_col(const ssg_value *v);

/* Appends to out bytes that stand for v whole, for the key of what a
 * page shows (emit.h): two values give the same bytes only when every
 * template reads the same from them (each value is tagged and sized,
 * map entries in order with their keys, a map's base after its own
 * entries, a lazy map by its digest).  Where values came from (line, column) is left out: no
 * output shows it.  False for a value nested deeper than
 * SSG_MODEL_FRAME_DEPTH, which then has no key. */
#define SSG_MODEL_FRAME_DEPTH 200
bool ssg_value_frame(const ssg_value *v, ssg_buf *out);
/* The SHA-256 of v's frame, as a lazy map's `sum` gives it (framed in
 * scratch, which it clears); false for a value too deep to frame. */
bool ssg_value_frame_sum(const ssg_value *v, ssg_buf *scratch,
			 unsigned char sum[32]);

#endif
