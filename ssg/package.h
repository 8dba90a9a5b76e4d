/*
 * package — data/datapackage.json (a Frictionless Data Package), read:
 * per table (resource) its title, description, primary key and fields,
 * each field with its title, unit and type.  The only jansson user
 * besides the open data's JSON.
 *
 * The built plan reads the revision's package (plan.c); the history
 * reads every version a commit had, so that an event shows the titles of
 * its time (hview.c).  A package owns every string it lends, until
 * ssg_package_free.
 */
#ifndef SSG_PACKAGE_H
#define SSG_PACKAGE_H

#include <stddef.h>

#include "err.h"

typedef struct {
	const char *name;  /* never NULL */
	const char *title; /* NULL where the package gives none; so below */
	const char *unit;
	const char *type;
	const char *match; /* name as row keys match it (text.h ssg_text_key) */
} ssg_package_field;

typedef struct {
	/* "indicators": the file stem of the resource's path
	 * ("indicators.csv", "data/indicators.csv"), else its name */
	const char *name;
	const char *title;
	const char *description;
	const char *const *key; /* primaryKey, nkey names */
	size_t nkey;
	const ssg_package_field *fields;
	size_t nfields;
} ssg_package_table;

typedef struct ssg_package ssg_package;

/* Reads the package in data[0..len) (path names it in diagnostics).
 * Not JSON, or no `resources` list: a content error at jansson's line
 * and column, SSG_ERR_CONTENT and *out NULL.  Resources without a name
 * or path, and members of the wrong type, are passed over. */
int ssg_package_parse(ssg_package **out, const char *path, const char *data,
		      size_t len, ssg_diags *d) SSG_WUR;
void ssg_package_free(ssg_package *p); /* accepts NULL */

/* The table named `name`, or NULL (p may be NULL). */
const ssg_package_table *ssg_package_find(const ssg_package *p,
					  const char *name);
/* The field of t whose name is col as row keys match (text.h
 * ssg_text_key: case, spacing and NFC aside), the last of two, or NULL
 * (t may be NULL). */
const ssg_package_field *ssg_package_field_of(const ssg_package_table *t,
					      const char *col);

#endif
