/* package — data/datapackage.json read (package.h). */
#include "package.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "text.h"

struct ssg_package {
	ssg_arena *a; /* every string and array below */
	ssg_package_table *tables;
	size_t ntables;
};

static const char *copy(ssg_package *p, json_t *v)
{
	const char *s = json_string_value(v);
	return s ? ssg_arena_strn(p->a, s, json_string_length(v)) : NULL;
}

static const char *member(ssg_package *p, json_t *o, const char *key)
{
	return copy(p, json_object_get(o, key));
}

static const char *key_form(ssg_package *p, const char *s)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_key(&b, s, strlen(s));
	const char *k = ssg_arena_strn(p->a, ssg_buf_cstr(&b), b.len);
	ssg_buf_fini(&b);
	return k;
}

/* "indicators.csv" or "data/indicators.csv" names the table
 * "indicators"; a resource without a path is named by its name. */
static const char *table_name(ssg_package *p, json_t *r)
{
	const char *path = json_string_value(json_object_get(r, "path"));
	if (!path)
		return member(p, r, "name");
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t n = strlen(b);
	if (n >= 4 && strcmp(b + n - 4, ".csv") == 0)
		n -= 4;
	return ssg_arena_strn(p->a, b, n);
}

static void read_key(ssg_package *p, ssg_package_table *t, json_t *pk)
{
	size_t n = json_is_string(pk) ? 1 : json_array_size(pk);
	const char **key = ssg_arena_alloc(p->a, (n ? n : 1) * sizeof(char *));
	for (size_t k = 0; k < n; k++) {
		const char *s = json_is_string(pk) ? copy(p, pk)
						   : copy(p, json_array_get(pk, k));
		key[k] = s ? s : "";
	}
	t->key = key;
	t->nkey = n;
}

static void read_fields(ssg_package *p, ssg_package_table *t, json_t *fields)
{
	size_t n = json_array_size(fields);
	ssg_package_field *f = ssg_arena_alloc(p->a, (n ? n : 1) * sizeof(*f));
	for (size_t k = 0; k < n; k++) {
		json_t *o = json_array_get(fields, k);
		const char *name = member(p, o, "name");
		if (name)
			f[t->nfields++] = (ssg_package_field){
				name, member(p, o, "title"),
				member(p, o, "unit"), member(p, o, "type"),
				key_form(p, name)};
	}
	t->fields = f;
}

/* A JSON mistake in the clerk's words, at jansson's line and column,
 * with what to do; jansson's own text (English) only in parentheses. */
static void json_error(ssg_diags *d, const char *path, const json_error_t *je)
{
	unsigned line = (unsigned)(je->line > 0 ? je->line : 1);
	unsigned col = (unsigned)(je->column > 0 ? je->column : 1);
	switch (json_error_code(je)) {
	case json_error_duplicate_key:
		ssg_diags_error(d, path, line, col,
				"invalid JSON: a name is written twice in the "
				"same { }: keep one of them (JSON: %s)",
				je->text);
		break;
	case json_error_premature_end_of_input:
		ssg_diags_error(d, path, line, col,
				"invalid JSON: the file ends before every { "
				"and [ is closed: add the missing } or ] "
				"(JSON: %s)",
				je->text);
		break;
	case json_error_end_of_input_expected:
		ssg_diags_error(d, path, line, col,
				"invalid JSON: something follows the last }: "
				"remove it (JSON: %s)",
				je->text);
		break;
	case json_error_invalid_utf8:
	case json_error_null_character:
	case json_error_null_byte_in_key:
		ssg_diags_error(d, path, line, col,
				"invalid JSON: the file is not UTF-8 text: "
				"save it again as UTF-8 (JSON: %s)",
				je->text);
		break;
	default:
		ssg_diags_error(d, path, line, col,
				"invalid JSON: the file cannot be read from "
				"here: check the commas, quotes and brackets "
				"here and just before (JSON: %s)",
				je->text);
		break;
	}
}

int ssg_package_parse(ssg_package **out, const char *path, const char *data,
		      size_t len, ssg_diags *d)
{
	*out = NULL;
	json_error_t je;
	json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		json_error(d, path, &je);
		return SSG_ERR_CONTENT;
	}
	json_t *res = json_object_get(j, "resources");
	if (!json_is_array(res)) {
		ssg_diags_error(d, path, 1, 1,
				"a data package needs a 'resources' list");
		json_decref(j);
		return SSG_ERR_CONTENT;
	}
	ssg_package *p = ssg_xcalloc(1, sizeof(*p));
	p->a = ssg_arena_new();
	size_t n = json_array_size(res);
	p->tables = ssg_arena_alloc(p->a, (n ? n : 1) * sizeof(*p->tables));
	for (size_t i = 0; i < n; i++) {
		json_t *r = json_array_get(res, i);
		const char *name = table_name(p, r);
		if (!name)
			continue;
		ssg_package_table *t = &p->tables[p->ntables++];
		memset(t, 0, sizeof(*t));
		t->name = name;
		t->title = member(p, r, "title");
		t->description = member(p, r, "description");
		json_t *schema = json_object_get(r, "schema");
		read_key(p, t, json_object_get(schema, "primaryKey"));
		read_fields(p, t, json_object_get(schema, "fields"));
	}
	json_decref(j);
	*out = p;
	return SSG_OK;
}

void ssg_package_free(ssg_package *p)
{
	if (!p)
		return;
	ssg_arena_free(p->a);
	free(p);
}

const ssg_package_table *ssg_package_find(const ssg_package *p,
					  const char *name)
{
	/* The last of two resources of one name, as plan.c always read it. */
	for (size_t i = p ? p->ntables : 0; name && i-- > 0;)
		if (strcmp(p->tables[i].name, name) == 0)
			return &p->tables[i];
	return NULL;
}

const ssg_package_field *ssg_package_field_of(const ssg_package_table *t,
					      const char *col)
{
	if (!t || !col)
		return NULL;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_key(&b, col, strlen(col));
	const ssg_package_field *f = NULL;
	for (size_t k = 0; k < t->nfields; k++)
		if (strcmp(t->fields[k].match, ssg_buf_cstr(&b)) == 0)
			f = &t->fields[k];
	ssg_buf_fini(&b);
	return f;
}
