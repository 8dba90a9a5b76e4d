/* The Mustache compiler and renderer: the input is split into a template
 * and a partial (both named, so {{>p}}, {{<p}} and recursion are reached),
 * rendered against a model that holds every kind of value. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "fuzz.h"
#include "model.h"
#include "template.h"

static ssg_value *model(ssg_model *m)
{
	ssg_value *root = ssg_model_map(m);
	ssg_map_set_str(m, root, "s", "<b onclick=\"x\">&'</b>");
	ssg_map_set_str(m, root, "e", "");
	ssg_map_set_bool(m, root, "t", true);
	ssg_map_set_bool(m, root, "f", false);
	ssg_map_set_num(m, root, "n", 72.25);
	ssg_map_set_num(m, root, "z", 0);
	ssg_map_set(root, "nul", ssg_model_null(m));
	ssg_map_set(root, "bin", ssg_model_strn(m, "a\0b", 3));
	ssg_value *list = ssg_model_list(m);
	for (int i = 0; i < 3; i++) {
		ssg_value *it = ssg_model_map(m);
		ssg_map_set(it, "i", ssg_model_strf(m, "%d", i));
		ssg_map_set(it, "self", root);
		ssg_list_push(list, it);
	}
	ssg_map_set(root, "l", list);
	ssg_map_set(root, "empty", ssg_model_list(m));
	ssg_value *map = ssg_model_map(m);
	ssg_map_set(map, "a", list);
	ssg_map_set_str(m, map, "b", "x.y");
	ssg_map_set(root, "m", map);
	/* A cycle: a.a.a... is always there, as in the site's page maps
	 * that point back at site. */
	ssg_map_set(map, "m", map);
	return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t split = (size_t)data[0] * (size - 1) / 255;
	const char *src = (const char *)data + 1;
	size_t len = size - 1;
	ssg_diags *d = ssg_diags_new();
	ssg_templates *t = ssg_templates_new();
	ssg_model *m = ssg_model_new();
	ssg_buf out;
	ssg_buf_init(&out);
	int a = ssg_templates_add(t, "t", src, split, "theme/t.mustache", d);
	int b = ssg_templates_add(t, "p", src + split, len - split,
				  "theme/p.mustache", d);
	if (a == SSG_OK) {
		if (ssg_templates_render(t, "t", model(m), &out, d) == SSG_OK &&
		    memchr(out.data ? out.data : "", '\0', out.len))
			abort(); /* the header promises no NUL */
	}
	if (b == SSG_OK && !ssg_templates_has(t, "p"))
		abort();
	ssg_buf_fini(&out);
	ssg_model_free(m);
	ssg_templates_free(t);
	ssg_diags_free(d);
	return 0;
}
