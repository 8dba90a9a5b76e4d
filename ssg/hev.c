/*
 * hev — see hev.h.  The members are reached through their offsets, by
 * form; memcpy keeps that within the rules of C's effective types.
 */
#include "hev.h"

#include <stdint.h>
#include <string.h>

const ssg_hev_field ssg_hev_fields[] = {
#define SSG_HEV_ENTRY(type, member, form, json, kinds) \
	{#member, form, offsetof(ssg_hev, member), json, kinds},
	SSG_HEV_FIELDS(SSG_HEV_ENTRY)
#undef SSG_HEV_ENTRY
};

const size_t ssg_hev_nfields =
	sizeof(ssg_hev_fields) / sizeof(ssg_hev_fields[0]);

const char *ssg_hev_kind_name(ssg_hev_kind k)
{
	static const char *const names[SSG_HEV_NKINDS] = {
		"added", "removed", "changed", "schema", "gap"};
	return (unsigned)k < SSG_HEV_NKINDS ? names[k] : "gap";
}

size_t ssg_hev_num(const ssg_hev *e, const ssg_hev_field *f)
{
	const char *at = (const char *)e + f->offset;
	if (f->form == SSG_HEVF_KIND) {
		ssg_hev_kind k;
		memcpy(&k, at, sizeof(k));
		return (size_t)k;
	}
	size_t v;
	memcpy(&v, at, sizeof(v));
	return v;
}

const char *ssg_hev_str(const ssg_hev *e, const ssg_hev_field *f)
{
	const char *s;
	memcpy(&s, (const char *)e + f->offset, sizeof(s));
	return s;
}

const char *const *ssg_hev_strs(const ssg_hev *e, const ssg_hev_field *f)
{
	const char *const *v;
	memcpy(&v, (const char *)e + f->offset, sizeof(v));
	return v;
}

void ssg_hev_set_num(ssg_hev *e, const ssg_hev_field *f, size_t v)
{
	char *at = (char *)e + f->offset;
	if (f->form == SSG_HEVF_KIND) {
		ssg_hev_kind k = (ssg_hev_kind)v;
		memcpy(at, &k, sizeof(k));
		return;
	}
	memcpy(at, &v, sizeof(v));
}

void ssg_hev_set_str(ssg_hev *e, const ssg_hev_field *f, const char *s)
{
	memcpy((char *)e + f->offset, &s, sizeof(s));
}

void ssg_hev_set_strs(ssg_hev *e, const ssg_hev_field *f,
		      const char *const *v)
{
	memcpy((char *)e + f->offset, &v, sizeof(v));
}

void ssg_hev_digest(ssg_digest *dg, const ssg_hev *e)
{
	for (size_t i = 0; i < ssg_hev_nfields; i++) {
		const ssg_hev_field *f = &ssg_hev_fields[i];
		switch (f->form) {
		case SSG_HEVF_KIND:
		case SSG_HEVF_WIDTH:
		case SSG_HEVF_COMMIT:
			ssg_digest_u64(dg, (uint64_t)ssg_hev_num(e, f));
			break;
		case SSG_HEVF_NAME:
		case SSG_HEVF_STR:
			ssg_digest_str(dg, ssg_hev_str(e, f));
			break;
		case SSG_HEVF_NAMES:
		case SSG_HEVF_VALUES: {
			/* The width was fed before: the strings that
			 * follow are framed by it. */
			const char *const *v = ssg_hev_strs(e, f);
			for (size_t j = 0; j < e->ncols; j++)
				ssg_digest_str(dg, v ? v[j] : NULL);
			break;
		}
		}
	}
}
