#include "model.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"

typedef struct {
	const char *key;
	const ssg_value *val;
} map_entry;

/* 32 bytes: a site of 20,000 commits holds millions of values.  Sizes
 * are 32-bit (nothing the build reads comes near 4 GiB: size32
 * stops one that would), the column 25-bit (saturating).  A map `over`
 * another (ssg_model_map_over) holds it as its entry 0, which the
 * readers skip.  A lazy map or list (ssg_model_map_lazy) holds its
 * source and index, and the readers read the value its source makes.  A list or map
 * whose array is in the arena (`fixed`: ssg_model_map_sized) is not
 * remembered, and moves to one of its own if it grows. */
#define COL_MAX 0x1ffffffu
struct ssg_value {
	unsigned type : 4;
	unsigned over : 1;
	unsigned lazy : 1;
	unsigned fixed : 1;
	unsigned col : 25;
	unsigned line;
	ssg_model *owner; /* arena that allocates the value's arrays */
	union {
		bool b;
		double num;
		struct {
			char *p;
			uint32_t n;
		} str;
		struct {
			const ssg_value **items;
			uint32_t len, cap;
		} list;
		struct {
			map_entry *items;
			uint32_t len, cap;
		} map;
		struct {
			const ssg_lazy *src;
			size_t i;
		} lazy;
	} u;
};

_Static_assert(sizeof(struct ssg_value) <= 32, "ssg_value grew");

/* The shared values of ssg_map_set_bool: never given out for writing. */
static const ssg_value v_false = {.type = SSG_V_BOOL, .u.b = false};
static const ssg_value v_true = {.type = SSG_V_BOOL, .u.b = true};

static uint32_t size32(size_t n)
{
	if (n > UINT32_MAX) {
		fputs("ssg: a value of 4 GiB or more\n", stderr);
		abort();
	}
	return (uint32_t)n;
}

/* Values and their strings come from big blocks; list and map arrays
 * are realloc'd, so each value with an array is remembered to free it. */
typedef struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
} block;

/* Keys are nearly always string literals, set again in every map of a
 * kind (13 in each of 20,000 commits): each is copied once per model,
 * remembered by its address and checked by its bytes. */
#define KEY_BITS 8
#define KEY_SLOTS (1u << KEY_BITS)
typedef struct {
	const char *from, *copy;
} key_slot;

struct ssg_model {
	block *blocks;
	ssg_value **arrays;
	size_t narrays, caparrays;
	key_slot keys[KEY_SLOTS];
};

ssg_model *ssg_model_new(void)
{
	return ssg_xcalloc(1, sizeof(ssg_model));
}

void ssg_model_free(ssg_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->narrays; i++) {
		ssg_value *v = m->arrays[i];
		if (v->type == SSG_V_LIST)
			free(v->u.list.items);
		else
			free(v->u.map.items);
	}
	free(m->arrays);
	block *b = m->blocks;
	while (b) {
		block *next = b->next;
		free(b);
		b = next;
	}
	free(m);
}

/* n bytes aligned to `align` (a power of two) from the current block. */
static void *block_alloc(ssg_model *m, size_t n, size_t align)
{
	block *b = m->blocks;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || at > b->size || b->size - at < n) {
		size_t size = n > 16384 ? n : 16384;
		b = ssg_xmalloc(sizeof(block) + size);
		b->size = size;
		b->used = 0;
		b->next = m->blocks;
		m->blocks = b;
		at = 0;
	}
	b->used = at + n;
	return (char *)b->data + at;
}

static void *model_alloc(ssg_model *m, size_t n)
{
	return block_alloc(m, n, sizeof(max_align_t));
}

/* Text needs no alignment: strings packed end to end were a tenth of
 * the model of a site of 20,000 commits. */
static char *model_chars(ssg_model *m, size_t n)
{
	return block_alloc(m, n, 1);
}

static ssg_value *value_new(ssg_model *m, ssg_vtype t)
{
	ssg_value *v = model_alloc(m, sizeof(ssg_value));
	memset(v, 0, sizeof(*v));
	v->type = t;
	v->owner = m;
	return v;
}

ssg_value *ssg_model_null(ssg_model *m)
{
	return value_new(m, SSG_V_NULL);
}

ssg_value *ssg_model_bool(ssg_model *m, bool b)
{
	ssg_value *v = value_new(m, SSG_V_BOOL);
	v->u.b = b;
	return v;
}

ssg_value *ssg_model_num(ssg_model *m, double d)
{
	ssg_value *v = value_new(m, SSG_V_NUM);
	v->u.num = d;
	return v;
}

ssg_value *ssg_model_strn(ssg_model *m, const char *s, size_t n)
{
	ssg_value *v = value_new(m, SSG_V_STR);
	char *p = model_chars(m, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	v->u.str.p = p;
	v->u.str.n = size32(n);
	return v;
}

ssg_value *ssg_model_str_lent(ssg_model *m, const char *s)
{
	ssg_value *v = value_new(m, SSG_V_STR);
	v->u.str.p = (char *)s; /* never written through */
	v->u.str.n = size32(strlen(s));
	return v;
}

ssg_value *ssg_model_str(ssg_model *m, const char *s)
{
	return ssg_model_strn(m, s, strlen(s));
}

ssg_value *ssg_model_strf(ssg_model *m, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	ssg_value *v = value_new(m, SSG_V_STR);
	char *p = model_chars(m, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	v->u.str.p = p;
	v->u.str.n = (uint32_t)n;
	return v;
}

static void remember_array(ssg_model *m, ssg_value *v)
{
	if (m->narrays == m->caparrays) {
		m->caparrays = m->caparrays ? m->caparrays * 2 : 64;
		m->arrays =
			ssg_xrealloc(m->arrays, m->caparrays * sizeof(*m->arrays));
	}
	m->arrays[m->narrays++] = v;
}

ssg_value *ssg_model_list(ssg_model *m)
{
	ssg_value *v = value_new(m, SSG_V_LIST);
	remember_array(m, v);
	return v;
}

ssg_value *ssg_model_map(ssg_model *m)
{
	ssg_value *v = value_new(m, SSG_V_MAP);
	remember_array(m, v);
	return v;
}

static ssg_value *lazy_new(ssg_model *m, ssg_vtype t, const ssg_lazy *src,
			   size_t i)
{
	ssg_value *v = value_new(m, t);
	v->lazy = 1;
	v->u.lazy.src = src;
	v->u.lazy.i = i;
	return v;
}

ssg_value *ssg_model_map_lazy(ssg_model *m, const ssg_lazy *src, size_t i)
{
	return lazy_new(m, SSG_V_MAP, src, i);
}

ssg_value *ssg_model_list_lazy(ssg_model *m, const ssg_lazy *src, size_t i)
{
	return lazy_new(m, SSG_V_LIST, src, i);
}

/* The map a reader reads: a lazy one's, made at its first reading. */
static const ssg_value *made(const ssg_value *v)
{
	if (!v || !v->lazy)
		return v;
	return v->u.lazy.src->make(v->u.lazy.src->ctx, v->u.lazy.i);
}

ssg_value *ssg_model_map_sized(ssg_model *m, size_t n)
{
	ssg_value *v = value_new(m, SSG_V_MAP);
	v->fixed = 1;
	v->u.map.cap = size32(n ? n : 1);
	v->u.map.items = model_alloc(m, v->u.map.cap * sizeof(map_entry));
	return v;
}

ssg_value *ssg_model_map_over(ssg_model *m, const ssg_value *base)
{
	if (!base || base->type != SSG_V_MAP)
		return ssg_model_map(m);
	/* Its base and a few of its own: a copy's commit, its url and
	 * whether it is published. */
	ssg_value *v = ssg_model_map_sized(m, 4);
	v->u.map.items[0] = (map_entry){"", base};
	v->u.map.len = 1;
	v->over = 1;
	return v;
}

void ssg_list_push(ssg_value *list, const ssg_value *item)
{
	if (!list || list->type != SSG_V_LIST || list->lazy)
		return;
	if (list->u.list.len == list->u.list.cap) {
		uint32_t cap = size32(list->u.list.cap ? list->u.list.cap * 2ul : 4);
		list->u.list.items = ssg_xrealloc(list->u.list.items,
						  cap * sizeof(ssg_value *));
		list->u.list.cap = cap;
	}
	list->u.list.items[list->u.list.len++] = item;
}

static const char *key_copy(ssg_model *m, const char *key)
{
	/* Fibonacci hashing: literals sit 8 or 16 bytes apart. */
	uint64_t h = (uint64_t)(uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15);
	key_slot *ks = &m->keys[h >> (64 - KEY_BITS)];
	if (ks->from == key && strcmp(ks->copy, key) == 0)
		return ks->copy;
	size_t kn = strlen(key);
	char *k = model_chars(m, kn + 1);
	memcpy(k, key, kn + 1);
	ks->from = key;
	ks->copy = k;
	return k;
}

void ssg_map_set(ssg_value *map, const char *key, const ssg_value *v)
{
	if (!map || map->type != SSG_V_MAP || map->lazy)
		return;
	for (size_t i = map->over; i < map->u.map.len; i++) {
		const char *k = map->u.map.items[i].key;
		if (k[0] == key[0] && strcmp(k, key) == 0) {
			map->u.map.items[i].val = v;
			return;
		}
	}
	if (map->u.map.len == map->u.map.cap) {
		uint32_t cap = size32(map->u.map.cap ? map->u.map.cap * 2ul : 8);
		if (map->fixed) {
			map_entry *items = ssg_xmalloc(cap * sizeof(map_entry));
			memcpy(items, map->u.map.items,
			       map->u.map.len * sizeof(map_entry));
			map->u.map.items = items;
			map->fixed = 0;
			remember_array(map->owner, map);
		} else {
			map->u.map.items = ssg_xrealloc(
				map->u.map.items, cap * sizeof(map_entry));
		}
		map->u.map.cap = cap;
	}
	map->u.map.items[map->u.map.len].key = key_copy(map->owner, key);
	map->u.map.items[map->u.map.len].val = v;
	map->u.map.len++;
}

void ssg_map_set_str(ssg_model *m, ssg_value *map, const char *key,
		     const char *s)
{
	ssg_map_set(map, key, ssg_model_str(m, s ? s : ""));
}

void ssg_map_set_bool(ssg_model *m, ssg_value *map, const char *key, bool b)
{
	(void)m;
	ssg_map_set(map, key, b ? &v_true : &v_false);
}

void ssg_map_set_num(ssg_model *m, ssg_value *map, const char *key, double d)
{
	ssg_map_set(map, key, ssg_model_num(m, d));
}

ssg_vtype ssg_value_type(const ssg_value *v)
{
	return v ? v->type : SSG_V_NULL;
}

bool ssg_value_bool(const ssg_value *v)
{
	return v && v->type == SSG_V_BOOL && v->u.b;
}

double ssg_value_num(const ssg_value *v)
{
	return v && v->type == SSG_V_NUM ? v->u.num : 0.0;
}

const char *ssg_value_str(const ssg_value *v)
{
	return v && v->type == SSG_V_STR ? v->u.str.p : NULL;
}

size_t ssg_value_strlen(const ssg_value *v)
{
	return v && v->type == SSG_V_STR ? v->u.str.n : 0;
}

size_t ssg_value_len(const ssg_value *v)
{
	v = made(v);
	if (!v)
		return 0;
	if (v->type == SSG_V_LIST)
		return v->u.list.len;
	if (v->type == SSG_V_MAP)
		return v->u.map.len - v->over;
	return 0;
}

const ssg_value *ssg_value_at(const ssg_value *v, size_t i)
{
	v = made(v);
	if (!v || i >= ssg_value_len(v))
		return NULL;
	return v->type == SSG_V_LIST ? v->u.list.items[i]
				     : v->u.map.items[i + v->over].val;
}

const char *ssg_value_key_at(const ssg_value *v, size_t i)
{
	v = made(v);
	if (!v || v->type != SSG_V_MAP || i >= ssg_value_len(v))
		return NULL;
	return v->u.map.items[i + v->over].key;
}

const ssg_value *ssg_value_getn(const ssg_value *map, const char *key,
				size_t n)
{
	map = made(map);
	if (!map || map->type != SSG_V_MAP)
		return NULL;
	/* The first byte first: most keys differ there, and templates look
	 * names up through every map of their context. */
	char c0 = n ? key[0] : '\0';
	for (size_t i = map->over; i < map->u.map.len; i++) {
		const char *k = map->u.map.items[i].key;
		if (k[0] == c0 && strncmp(k, key, n) == 0 && k[n] == '\0')
			return map->u.map.items[i].val;
	}
	return map->over ? ssg_value_getn(map->u.map.items[0].val, key, n)
			 : NULL;
}

const ssg_value *ssg_value_get(const ssg_value *map, const char *key)
{
	return ssg_value_getn(map, key, strlen(key));
}

const char *ssg_value_get_str(const ssg_value *map, const char *key)
{
	const char *s = ssg_value_str(ssg_value_get(map, key));
	return s ? s : "";
}

void ssg_value_set_pos(ssg_value *v, unsigned line, unsigned col)
{
	if (v) {
		v->line = line;
		v->col = col < COL_MAX ? col : COL_MAX;
	}
}

unsigned ssg_value_line(const ssg_value *v)
{
	return v ? v->line : 0;
}

unsigned ssg_value_col(const ssg_value *v)
{
	return v ? v->col : 0;
}

/* ---- framing ---- */

static void frame_size(ssg_buf *out, char tag, size_t n)
{
	uint32_t v = size32(n);
	ssg_buf_putc(out, tag);
	ssg_buf_put(out, &v, sizeof(v));
}

static bool frame(const ssg_value *v, ssg_buf *out, unsigned depth)
{
	bool ok = depth <= SSG_MODEL_FRAME_DEPTH;
	if (!ok || !v) {
		ssg_buf_putc(out, 'n');
		return ok;
	}
	/* A lazy map or list by the digest of its frame: a page's key is
	 * made without making it. */
	if (v->lazy) {
		ssg_buf_putc(out, 'h');
		ssg_buf_put(out, v->u.lazy.src->sum(v->u.lazy.src->ctx,
						    v->u.lazy.i),
			    32);
		return true;
	}
	switch ((ssg_vtype)v->type) {
	case SSG_V_NULL:
		ssg_buf_putc(out, 'n');
		break;
	case SSG_V_BOOL:
		ssg_buf_putc(out, v->u.b ? 't' : 'f');
		break;
	case SSG_V_NUM:
		ssg_buf_putc(out, 'd');
		ssg_buf_put(out, &v->u.num, sizeof(v->u.num));
		break;
	case SSG_V_STR:
		frame_size(out, 's', v->u.str.n);
		ssg_buf_put(out, v->u.str.p, v->u.str.n);
		break;
	case SSG_V_LIST:
		frame_size(out, 'l', v->u.list.len);
		for (uint32_t i = 0; i < v->u.list.len; i++)
			ok = frame(v->u.list.items[i], out, depth + 1) && ok;
		break;
	case SSG_V_MAP:
		frame_size(out, 'm', v->u.map.len - v->over);
		for (uint32_t i = v->over; i < v->u.map.len; i++) {
			const char *k = v->u.map.items[i].key;
			frame_size(out, 'k', strlen(k));
			ssg_buf_puts(out, k);
			ok = frame(v->u.map.items[i].val, out, depth + 1) && ok;
		}
		ssg_buf_putc(out, v->over ? 'o' : '.');
		if (v->over)
			ok = frame(v->u.map.items[0].val, out, depth + 1) && ok;
		break;
	}
	return ok;
}

bool ssg_value_frame(const ssg_value *v, ssg_buf *out)
{
	return frame(v, out, 0);
}

bool ssg_value_frame_sum(const ssg_value *v, ssg_buf *scratch,
			 unsigned char sum[32])
{
	ssg_buf_clear(scratch);
	if (!frame(v, scratch, 0))
		return false;
	ssg_digest_of(scratch->data, scratch->len, sum);
	return true;
}
