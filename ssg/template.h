/*
 * template — Mustache, compiled once and rendered many times.
 *
 * Passes the spec suites in shared/conformance/mustache (comments,
 * delimiters, interpolation, inverted, partials, sections, ~inheritance).
 * A set holds named templates; partials ({{>name}}) and parents
 * ({{<name}}) are looked up by name in the same set, a missing one renders
 * as empty, as the spec asks.  {{x}} is HTML-escaped (buf.h's
 * ssg_buf_put_html); {{{x}}} and {{&x}} are not.  Numbers render in the
 * shortest form that reads back the same ("1.21", "85").
 *
 * Falsey, for sections and inverted sections: a missing name, null,
 * false, an empty list and an empty string (so that {{#note}}...{{/note}}
 * skips a blank field); 0 and an empty map are truthy.  A list is
 * iterated, any other truthy value is pushed as the context once.  Lambdas
 * and dynamic names are not supported.  Output never holds a NUL byte:
 * those of the template and of string values are dropped.
 */
#ifndef SSG_TEMPLATE_H
#define SSG_TEMPLATE_H

#include "buf.h"
#include "err.h"
#include "model.h"

typedef struct ssg_templates ssg_templates;

ssg_templates *ssg_templates_new(void);
void ssg_templates_free(ssg_templates *t); /* accepts NULL */

/* Compiles `src` under `name`, replacing a template of that name.  Syntax
 * errors (unclosed section, mismatched close, bad delimiter tag) are
 * reported as diagnostics at `path` (PATH:LINE:COL) and return
 * SSG_ERR_CONTENT.  So are unclosed tags and bad names (empty, with white
 * space, or a dotted name with an empty part).  Sections nested deeper
 * than 100 in one template are SSG_ERR_LIMIT.  Columns count characters,
 * not bytes.  On failure the set is unchanged. */
int ssg_templates_add(ssg_templates *t, const char *name, const char *src,
		      size_t len, const char *path, ssg_diags *d) SSG_WUR;

bool ssg_templates_has(const ssg_templates *t, const char *name);

/* Appends to out bytes that stand for every template of the set (each
 * name and source, sized), for the key of what a page shows (emit.h):
 * any template different, and every page is rendered again. */
void ssg_templates_frame(const ssg_templates *t, ssg_buf *out);

/* Renders template `name` with `data` as the only context, appending to
 * out.  SSG_ERR_NOTFOUND (with an environment diagnostic) when there is no
 * such template; SSG_ERR_LIMIT when partials nest deeper than 64 (parents
 * and overridden blocks count as levels too), with a diagnostic at the
 * tag.  On failure out is left as it was. */
/* A render stops with SSG_ERR_LIMIT (and a diagnostic at the tag) past
 * SSG_TPL_MAX_STEPS template nodes or SSG_TPL_MAX_OUTPUT bytes: partials
 * that recurse inside sections grow exponentially long before they nest
 * 64 deep. */
#ifndef SSG_TPL_MAX_STEPS /* the fuzz build lowers it, to go faster */
#define SSG_TPL_MAX_STEPS 20000000ull
#endif
#define SSG_TPL_MAX_OUTPUT (128u * 1024 * 1024)

int ssg_templates_render(const ssg_templates *t, const char *name,
			 const ssg_value *data, ssg_buf *out,
			 ssg_diags *d) SSG_WUR;

#endif
