/* Front matter: any bytes as a Markdown file's head. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "frontmatter.h"
#include "fuzz.h"
#include "model.h"

/* Walks the whole value so that every node is read once. */
static size_t walk(const ssg_value *v, unsigned depth)
{
	if (depth > 64)
		abort(); /* the parser promises 32 */
	size_t n = 1;
	switch (ssg_value_type(v)) {
	case SSG_V_STR:
		if (strlen(ssg_value_str(v)) > ssg_value_strlen(v))
			abort();
		break;
	case SSG_V_LIST:
	case SSG_V_MAP:
		for (size_t i = 0; i < ssg_value_len(v); i++)
			n += walk(ssg_value_at(v, i), depth + 1);
		break;
	default:
		break;
	}
	return n;
}

/* a (the fast path's) and b (libyaml's) alike, positions included. */
static bool same(const ssg_value *a, const ssg_value *b)
{
	if (ssg_value_type(a) != ssg_value_type(b) ||
	    ssg_value_line(a) != ssg_value_line(b) ||
	    ssg_value_col(a) != ssg_value_col(b) ||
	    ssg_value_len(a) != ssg_value_len(b))
		return false;
	if (ssg_value_type(a) == SSG_V_STR)
		return ssg_value_strlen(a) == ssg_value_strlen(b) &&
		       !memcmp(ssg_value_str(a), ssg_value_str(b),
			       ssg_value_strlen(a));
	for (size_t i = 0; i < ssg_value_len(a); i++)
		if ((ssg_value_type(a) == SSG_V_MAP &&
		     strcmp(ssg_value_key_at(a, i), ssg_value_key_at(b, i))) ||
		    !same(ssg_value_at(a, i), ssg_value_at(b, i)))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ssg_diags *d = ssg_diags_new();
	ssg_model *m = ssg_model_new();
	char *src = ssg_xmalloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	const ssg_value *meta = NULL;
	size_t off = 0;
	unsigned line = 0;
	int rc = ssg_frontmatter_parse(m, "content/f.md", src, size, &meta,
				       &off, &line, d);
	if (rc == SSG_OK) {
		if (off > size || line < 1 || !meta ||
		    ssg_value_type(meta) != SSG_V_MAP)
			abort();
		(void)walk(meta, 0);
	}
	/* The path that reads plain `key: value` lines itself reads what
	 * libyaml reads. */
	const ssg_value *ymeta = NULL;
	size_t yoff = 0;
	unsigned yline = 0;
	ssg_diags *yd = ssg_diags_new();
	if (ssg_frontmatter_parse_yaml(m, "content/f.md", src, size, &ymeta,
				       &yoff, &yline, yd) != rc ||
	    ssg_diags_count(yd) != ssg_diags_count(d) ||
	    (rc == SSG_OK &&
	     (yoff != off || yline != line || !same(meta, ymeta))))
		abort();
	ssg_diags_free(yd);
	ssg_model_free(m);
	ssg_diags_free(d);
	free(src);
	return 0;
}
