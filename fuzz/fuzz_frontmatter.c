/* Front matter: any bytes as a Markdown file's head. */
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
	if (ssg_frontmatter_parse(m, "content/f.md", src, size, &meta, &off,
				  &line, d) == SSG_OK) {
		if (off > size || line < 1 || !meta ||
		    ssg_value_type(meta) != SSG_V_MAP)
			abort();
		(void)walk(meta, 0);
	}
	ssg_model_free(m);
	ssg_diags_free(d);
	free(src);
	return 0;
}
