/*
 * frontmatter — the YAML block between `---` lines at the top of a
 * Markdown file.  The only libyaml user.
 *
 * Scalars become strings (the site decides what a "weight" or a "due"
 * date is, so it can say where a bad one is); sequences become lists and
 * mappings maps.  Every value carries its source line and column.
 * Refused, with a diagnostic: invalid YAML, duplicate keys, aliases and
 * anchors (no billion laughs), nesting deeper than 32, a top level that is
 * not a mapping, an opening `---` without a closing one.
 */
#ifndef SSG_FRONTMATTER_H
#define SSG_FRONTMATTER_H

#include <stddef.h>

#include "err.h"
#include "model.h"

/* Most scalars, lists and maps one front matter may hold (SSG_ERR_LIMIT
 * beyond): keeps building the model, whose maps are searched linearly,
 * bounded. */
#define SSG_FM_MAX_NODES 4096

/* Parses the front matter of src[0..len), if any.  On success *meta is a
 * map made in m (empty when the file has no front matter), *body_off the
 * byte offset where the Markdown body starts and *body_line its 1-based
 * line.  Diagnostics carry `path`. */
int ssg_frontmatter_parse(ssg_model *m, const char *path, const char *src,
			  size_t len, const ssg_value **meta, size_t *body_off,
			  unsigned *body_line, ssg_diags *d) SSG_WUR;

#endif
