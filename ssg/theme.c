/* theme — the built-in theme and a repository's own (theme.h). */
#include "theme.h"

#include <stdlib.h>
#include <string.h>

static bool is_template(const char *path, ssg_str *name)
{
	/* theme/NAME.mustache, directly under theme/ */
	const char *base = path + 6;
	size_t n = strlen(base);
	if (strchr(base, '/') || n <= 9 || strcmp(base + n - 9, ".mustache"))
		return false;
	name->p = base;
	name->n = n - 9;
	return true;
}

static int theme_add(ssg_templates *tpl, const char *path, const char *data,
		     size_t len, ssg_diags *d)
{
	ssg_str name;
	if (is_template(path, &name)) {
		char *nm = ssg_xstrndup(name.p, name.n);
		int rc = ssg_templates_add(tpl, nm, data, len, path, d);
		free(nm);
		return rc;
	}
	return SSG_OK;
}

/* The built-in theme first, then the repository's theme/ files, which
 * replace built-in ones of the same name. */
int ssg_theme_load(ssg_snapshot *snap, ssg_templates **tpl,
		   ssg_diags *d)
{
	int rc = SSG_OK;
	*tpl = ssg_templates_new();
	for (size_t i = 0; i < ssg_theme_nfiles; i++) {
		const ssg_theme_file *f = &ssg_theme_files[i];
		if (ssg_snapshot_find(snap, f->path))
			continue;
		if (theme_add(*tpl, f->path, f->data, f->len, d))
			rc = SSG_ERR_CONTENT;
	}
	size_t n = ssg_snapshot_count(snap);
	for (size_t i = 0; i < n; i++) {
		const ssg_file *f = ssg_snapshot_file(snap, i);
		if (strncmp(f->path, "theme/", 6) != 0)
			continue;
		const char *data;
		size_t len;
		if (ssg_snapshot_read(snap, f, &data, &len, d) ||
		    theme_add(*tpl, f->path, data, len, d))
			rc = SSG_ERR_CONTENT;
	}
	return rc;
}

/* Copies theme/static/... to static/... in the same override order. */
int ssg_theme_static(ssg_snapshot *snap, ssg_emit *e)
{
	int rc = SSG_OK;
	for (size_t i = 0; i < ssg_theme_nfiles && rc == SSG_OK; i++) {
		const ssg_theme_file *f = &ssg_theme_files[i];
		if (strncmp(f->path, "theme/static/", 13) != 0 ||
		    ssg_snapshot_find(snap, f->path))
			continue;
		rc = ssg_emit_file(e, f->path + 6, NULL, f->data, f->len);
	}
	size_t n = ssg_snapshot_count(snap);
	for (size_t i = 0; i < n && rc == SSG_OK; i++) {
		const ssg_file *f = ssg_snapshot_file(snap, i);
		if (strncmp(f->path, "theme/static/", 13) != 0)
			continue;
		const char *data;
		size_t len;
		rc = ssg_snapshot_read(snap, f, &data, &len,
				       ssg_emit_diags(e));
		ssg_from from = {SSG_FROM_FILE, f->path, 0, NULL};
		if (rc == SSG_OK)
			rc = ssg_emit_file(e, f->path + 6, &from, data, len);
	}
	return rc;
}

