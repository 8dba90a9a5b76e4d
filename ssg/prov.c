/* prov — the newest commit that changed what a page shows (prov.h). */
#include "prov.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

typedef struct {
	const char *name; /* lent by the history */
	long commit;
} last;

struct ssg_prov {
	const ssg_hview *v;
	last *files; /* sorted by name, one per file */
	size_t nfiles;
	last *tables; /* one per table name, in order met */
	size_t ntables;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const last *)a)->name, ((const last *)b)->name);
}

/* The Markdown files the site's commits changed, each with the newest
 * of them: sorted by name, so that one file's changes sit together. */
static void index_files(ssg_prov *p, const ssg_history *h, size_t end)
{
	const ssg_hcommit *c = ssg_history_commit(h, end - 1);
	size_t n = c->first_page + c->npages;
	p->files = ssg_xcalloc(n ? n : 1, sizeof(*p->files));
	for (size_t i = 0; i < n; i++) {
		const ssg_hpage *pg = ssg_history_page(h, i);
		p->files[i] = (last){pg->path, (long)pg->commit};
	}
	ssg_sort(p->files, n, sizeof(*p->files), by_name);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && strcmp(p->files[k - 1].name, p->files[i].name) == 0) {
			p->files[k - 1].commit =
				ssg_prov_max(p->files[k - 1].commit,
					     p->files[i].commit);
			continue;
		}
		p->files[k++] = p->files[i];
	}
	p->nfiles = k;
}

static void index_tables(ssg_prov *p, const ssg_history *h, size_t end)
{
	const ssg_hcommit *c = ssg_history_commit(h, end - 1);
	size_t n = c->first_event + c->nevents;
	for (size_t i = 0; i < n; i++) {
		const ssg_hev *e = ssg_history_event(h, i);
		size_t k = 0;
		while (k < p->ntables && strcmp(p->tables[k].name, e->table))
			k++;
		if (k == p->ntables) {
			p->tables = ssg_xrealloc(p->tables, (k + 1) *
							     sizeof(*p->tables));
			p->tables[p->ntables++] = (last){e->table, -1};
		}
		p->tables[k].commit =
			ssg_prov_max(p->tables[k].commit, (long)e->commit);
	}
}

ssg_prov *ssg_prov_new(const ssg_hview *v)
{
	if (!v)
		return NULL;
	ssg_prov *p = ssg_xcalloc(1, sizeof(*p));
	p->v = v;
	const ssg_history *h = ssg_hview_history(v);
	size_t end = ssg_hview_end(v);
	index_files(p, h, end);
	index_tables(p, h, end);
	return p;
}

void ssg_prov_free(ssg_prov *p)
{
	if (!p)
		return;
	free(p->files);
	free(p->tables);
	free(p);
}

long ssg_prov_file(const ssg_prov *p, const char *path)
{
	if (!p || !path)
		return -1;
	last key = {path, -1};
	const last *f = bsearch(&key, p->files, p->nfiles, sizeof(*p->files),
				by_name);
	return f ? f->commit : -1;
}

long ssg_prov_table(const ssg_prov *p, const char *name)
{
	for (size_t k = 0; p && k < p->ntables; k++)
		if (strcmp(p->tables[k].name, name) == 0)
			return p->tables[k].commit;
	return -1;
}

long ssg_prov_row(const ssg_prov *p, const ssg_plan_table *t, size_t r)
{
	if (!p)
		return -1;
	size_t n = 0;
	const size_t *ev = ssg_hview_row_events(p->v, t, r, &n);
	if (!n)
		return -1;
	const ssg_hev *e = ssg_history_event(ssg_hview_history(p->v), ev[n - 1]);
	return (long)e->commit;
}

const ssg_value *ssg_prov_commit(const ssg_prov *p, long c)
{
	return p && c >= 0 ? ssg_hview_commit(p->v, (size_t)c) : NULL;
}

void ssg_prov_show(const ssg_prov *p, ssg_value *page, long c)
{
	if (p && c >= 0)
		ssg_map_set(page, "provenance", ssg_prov_commit(p, c));
}
