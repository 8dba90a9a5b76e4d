/* titles — a table's and its columns' titles at a commit (titles.h). */
#include "titles.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "fields.h"

struct ssg_titles {
	size_t *commit;             /* per version: from which commit */
	const ssg_package **pkg;    /* per version; NULL: none then */
	size_t n;
	ssg_package **owned;        /* the distinct ones, to free */
	size_t nowned;
};

typedef struct {
	const unsigned char *id;
	size_t i;
} pkg_ref;

static int pkg_ref_cmp(const void *a, const void *b)
{
	const pkg_ref *x = a, *y = b;
	int c = memcmp(x->id, y->id, 20);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static ssg_package *parse_quietly(const char *data, size_t len)
{
	ssg_package *p = NULL;
	ssg_diags *quiet = ssg_diags_new();
	if (ssg_package_parse(&p, "data/datapackage.json", data, len,
			      quiet) != SSG_OK)
		p = NULL;
	ssg_diags_free(quiet);
	return p;
}

ssg_titles *ssg_titles_of_history(const ssg_history *h)
{
	ssg_titles *t = ssg_xcalloc(1, sizeof(*t));
	size_t n = ssg_history_npackages(h);
	if (!n)
		return t;
	t->n = n;
	t->commit = ssg_xcalloc(n, sizeof(*t->commit));
	t->pkg = ssg_xcalloc(n, sizeof(*t->pkg));
	t->owned = ssg_xcalloc(n, sizeof(*t->owned));
	/* A file put back as it was is a blob met before: sorted by id,
	 * each is read once. */
	pkg_ref *refs = ssg_xcalloc(n, sizeof(*refs));
	for (size_t i = 0; i < n; i++) {
		t->commit[i] = ssg_history_package(h, i)->commit;
		refs[i] = (pkg_ref){ssg_history_package(h, i)->id, i};
	}
	ssg_sort(refs, n, sizeof(*refs), pkg_ref_cmp);
	static const unsigned char none[20];
	ssg_history_reader *rd = ssg_history_reader_new(h);
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t k = 0; k < n; k++) {
		size_t i = refs[k].i;
		if (k && memcmp(refs[k - 1].id, refs[k].id, 20) == 0) {
			t->pkg[i] = t->pkg[refs[k - 1].i];
			continue;
		}
		ssg_package *p = NULL;
		if (memcmp(refs[k].id, none, 20) != 0 &&
		    ssg_history_blob(rd, refs[k].id, &b))
			p = parse_quietly(ssg_buf_cstr(&b), b.len);
		if (p)
			t->owned[t->nowned++] = p;
		t->pkg[i] = p;
	}
	ssg_buf_fini(&b);
	ssg_history_reader_free(rd);
	free(refs);
	return t;
}

ssg_titles *ssg_titles_of_package(const char *data, size_t len)
{
	ssg_titles *t = ssg_xcalloc(1, sizeof(*t));
	ssg_package *p = data ? parse_quietly(data, len) : NULL;
	if (!p)
		return t;
	t->n = 1;
	t->commit = ssg_xcalloc(1, sizeof(*t->commit));
	t->pkg = ssg_xcalloc(1, sizeof(*t->pkg));
	t->owned = ssg_xcalloc(1, sizeof(*t->owned));
	t->pkg[0] = t->owned[t->nowned++] = p;
	return t;
}

void ssg_titles_free(ssg_titles *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nowned; i++)
		ssg_package_free(t->owned[i]);
	free(t->owned);
	free(t->pkg);
	free(t->commit);
	free(t);
}

const ssg_package *ssg_titles_package(const ssg_titles *t, size_t commit)
{
	size_t lo = 0, hi = t ? t->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->commit[mid] <= commit)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? t->pkg[lo - 1] : NULL;
}

const char *ssg_titles_column(const ssg_titles *t, const char *table,
			      const char *col, size_t commit)
{
	if (!col)
		return "";
	const ssg_package_field *f = ssg_package_field_of(
		ssg_package_find(ssg_titles_package(t, commit), table), col);
	if (f && f->title)
		return f->title;
	/* Only now: for a table the contract does not name, the fallback
	 * folds col on the heap, and every cell of every event asks. */
	const char *known = ssg_fields_title(table, col);
	return known ? known : col;
}

const char *ssg_titles_table(const ssg_titles *t, const char *table,
			     size_t commit)
{
	const ssg_package_table *pt =
		ssg_package_find(ssg_titles_package(t, commit), table);
	if (pt && pt->title)
		return pt->title;
	const char *known = ssg_fields_table_title(table);
	return known ? known : table;
}
