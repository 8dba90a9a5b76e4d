/* The CSV loader: any bytes, then every accessor over the result. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fmt.h"
#include "fuzz.h"
#include "table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ssg_diags *d = ssg_diags_new();
	ssg_table *t = NULL;
	/* The snapshot lends bytes with a NUL after them; do the same. */
	char *src = ssg_xmalloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	if (ssg_table_parse(&t, "data/f.csv", src, size, d) == SSG_OK) {
		size_t nc = ssg_table_ncols(t), nr = ssg_table_nrows(t);
		for (size_t c = 0; c < nc; c++) {
			const char *name = ssg_table_colname(t, c);
			if (ssg_table_col_find(t, name) < 0)
				abort(); /* a column must find itself */
		}
		for (size_t r = 0; r < nr; r++) {
			if (ssg_table_row_line(t, r) < ssg_table_header_line(t))
				abort();
			for (size_t c = 0; c < nc; c++) {
				const char *s = ssg_table_cell(t, r, c);
				size_t n = ssg_table_cell_len(t, r, c);
				if (strlen(s) > n)
					abort();
				ssg_num num;
				ssg_date dt;
				(void)ssg_num_parse(s, n, &num);
				(void)ssg_date_parse(s, n, &dt);
			}
		}
	}
	for (size_t i = 0; i < ssg_diags_count(d); i++) {
		const ssg_diag *g = ssg_diags_get(d, i);
		if (!g->path || !g->msg)
			abort(); /* CSV problems are content problems */
	}
	ssg_table_free(t);
	ssg_diags_free(d);
	free(src);
	return 0;
}
