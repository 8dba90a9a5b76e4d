/*
 * theme — the default theme compiled into the binary (generated from
 * theme/ by tools/embed).  A repository's own theme/ files take the place
 * of these file by file.
 */
#ifndef SSG_THEME_H
#define SSG_THEME_H

#include <stddef.h>

typedef struct {
	const char *path; /* "theme/layout.mustache" */
	const char *data; /* NUL-terminated */
	size_t len;
} ssg_theme_file;

extern const ssg_theme_file ssg_theme_files[];
extern const size_t ssg_theme_nfiles;

#endif
