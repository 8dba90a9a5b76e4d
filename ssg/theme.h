/*
 * theme — the default theme compiled into the binary (generated from
 * theme/ by tools/embed).  A repository's own theme/ files take the place
 * of these file by file.
 */
#ifndef SSG_THEME_H
#define SSG_THEME_H

#include <stddef.h>

#include "emit.h"
#include "repo.h"
#include "template.h"

typedef struct {
	const char *path; /* "theme/layout.mustache" */
	const char *data; /* NUL-terminated */
	size_t len;
} ssg_theme_file;

extern const ssg_theme_file ssg_theme_files[];
extern const size_t ssg_theme_nfiles;

/* The templates of snap's theme: the built-in ones, then the
 * repository's theme/NAME.mustache, which replace built-in ones of the
 * same name.  *tpl is made even when some fail to compile (reported,
 * SSG_ERR_CONTENT), so that the pages still report their own problems. */
int ssg_theme_load(ssg_snapshot *snap, ssg_templates **tpl,
		   ssg_diags *d) SSG_WUR;
/* Copies theme/static/... to static/... in the same override order. */
int ssg_theme_static(ssg_snapshot *snap, ssg_emit *e) SSG_WUR;

#endif
