#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "frontmatter.h"
#include "package.h"
#include "text.h"

struct ssg_plan {
	ssg_model *m; /* owns front matter values and every string below */
	ssg_plan_page index;
	bool has_index;
	ssg_plan_page *sections;
	size_t nsections;
	ssg_plan_page *posts;
	size_t nposts;
	ssg_plan_table *tables;
	size_t ntables;
	const char **failed; /* tables that did not load: already reported */
	size_t nfailed;
	ssg_plan_indicator *indicators;
	size_t nindicators;
	ssg_plan_task *tasks;
	size_t ntasks;
	ssg_package *pkg; /* data/datapackage.json: tables borrow from it */
};

/* What datapackage.json says about one table (package.h). */
typedef ssg_package_table package_table;

static const char *mstr(ssg_plan *p, const char *s, size_t n)
{
	return ssg_value_str(ssg_model_strn(p->m, s, n));
}

static const char *mstrz(ssg_plan *p, const char *s)
{
	return mstr(p, s, strlen(s));
}

/* A front matter string; NULL when absent or not a scalar. */
static const char *meta_str(const ssg_value *meta, const char *key)
{
	return ssg_value_str(ssg_value_get(meta, key));
}

char *ssg_plan_key_norm(const char *s, size_t n)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_key(&b, s, n);
	return ssg_buf_detach(&b);
}

bool ssg_plan_status_parse(const char *s, ssg_task_status *out)
{
	static const struct {
		const char *word; /* folded: no accents, lower case */
		ssg_task_status st;
	} words[] = {
		{"", SSG_STATUS_NONE},
		{"planned", SSG_STATUS_PLANNED},
		{"in_progress", SSG_STATUS_IN_PROGRESS},
		{"in progress", SSG_STATUS_IN_PROGRESS},
		{"done", SSG_STATUS_DONE},
		{"cancelled", SSG_STATUS_CANCELLED},
		{"canceled", SSG_STATUS_CANCELLED},
		{"ke hoach", SSG_STATUS_PLANNED},
		{"chua bat dau", SSG_STATUS_PLANNED},
		{"chua thuc hien", SSG_STATUS_PLANNED},
		{"chua trien khai", SSG_STATUS_PLANNED},
		{"dang thuc hien", SSG_STATUS_IN_PROGRESS},
		{"dang trien khai", SSG_STATUS_IN_PROGRESS},
		{"hoan thanh", SSG_STATUS_DONE},
		{"da hoan thanh", SSG_STATUS_DONE},
		{"huy", SSG_STATUS_CANCELLED},
		{"da huy", SSG_STATUS_CANCELLED},
		{"dung thuc hien", SSG_STATUS_CANCELLED},
	};
	ssg_buf f;
	ssg_buf_init(&f);
	/* "in_progress" keeps its underscore; fold would turn it into a
	 * space, which the table above also accepts. */
	ssg_text_fold(&f, s, strlen(s));
	bool found = false;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcmp(ssg_buf_cstr(&f), words[i].word) == 0) {
			*out = words[i].st;
			found = true;
			break;
		}
	}
	ssg_buf_fini(&f);
	return found;
}

/* ---- content/ ---------------------------------------------------- */

static bool slug_ok(const char *s)
{
	if (!*s)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '-'))
			return false;
	return true;
}

/* The first string of front matter value v that lost its letters
 * (ssg_text_lost_letters), or NULL. */
static const ssg_value *lost_in_value(const ssg_value *v, unsigned depth)
{
	size_t at;
	if (!v || depth > 64)
		return NULL;
	if (ssg_value_type(v) == SSG_V_STR)
		return ssg_text_lost_letters(ssg_value_str(v),
					     ssg_value_strlen(v), &at)
			       ? v
			       : NULL;
	if (ssg_value_type(v) != SSG_V_LIST && ssg_value_type(v) != SSG_V_MAP)
		return NULL;
	for (size_t i = 0; i < ssg_value_len(v); i++) {
		const ssg_value *x = lost_in_value(ssg_value_at(v, i), depth + 1);
		if (x)
			return x;
	}
	return NULL;
}

/* A page saved in a code page without Vietnamese letters, as a table
 * can be (lost_letters): an error at its first such word. */
static int page_lost_letters(const ssg_plan_page *pg, ssg_diags *d)
{
	const ssg_value *v = lost_in_value(pg->meta, 0);
	const char *s = NULL;
	size_t n = 0, at = 0;
	unsigned line = 0, col = 0;
	if (v) {
		s = ssg_value_str(v);
		n = ssg_value_strlen(v);
		(void)ssg_text_lost_letters(s, n, &at);
		line = ssg_value_line(v);
		col = ssg_value_col(v);
	} else if (ssg_text_lost_letters(pg->body, pg->body_len, &at)) {
		s = pg->body;
		n = pg->body_len;
		ssg_text_position(s, n, at, &line, &col);
		line += pg->body_line - 1;
	} else {
		return SSG_OK;
	}
	/* The word it is in, as the clerk will find it in the file. */
	size_t a = at, b = at;
	while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\n')
		a--;
	while (b < n && s[b] != ' ' && s[b] != '\n' && b - a < 60)
		b++;
	ssg_diags_error(d, pg->path, line, col,
			"'%.*s' has lost its letters: the file was saved in a "
			"code page without Vietnamese letters, which turns "
			"them into '?' or \xEF\xBF\xBD; open the original and "
			"save it again as UTF-8",
			(int)(b - a), s + a);
	return SSG_ERR_CONTENT;
}

static int page_load(ssg_plan *p, ssg_snapshot *snap, const ssg_file *f,
		     ssg_plan_page *pg, ssg_diags *d)
{
	const char *data;
	size_t len;
	int rc = ssg_snapshot_read(snap, f, &data, &len, d);
	if (rc)
		return rc;
	memset(pg, 0, sizeof(*pg));
	pg->path = mstrz(p, f->path);
	size_t off;
	rc = ssg_frontmatter_parse(p->m, f->path, data, len, &pg->meta, &off,
				   &pg->body_line, d);
	if (rc)
		return rc;
	pg->body = data + off; /* lent by the snapshot, which outlives us */
	pg->body_len = len - off;
	const char *title = meta_str(pg->meta, "title");
	pg->title = title ? title : "";
	const char *heading = meta_str(pg->meta, "heading");
	pg->heading = heading ? heading : pg->title;
	const char *numeral = meta_str(pg->meta, "numeral");
	pg->numeral = numeral ? numeral : "";
	return SSG_OK;
}

/* "content/02-chi-tieu.md" → "chi-tieu"; a front matter slug wins. */
static int page_slug(ssg_plan *p, ssg_plan_page *pg, const char *stem,
		     bool strip_number, ssg_diags *d)
{
	const ssg_value *sv = ssg_value_get(pg->meta, "slug");
	if (ssg_value_str(sv)) {
		if (!slug_ok(ssg_value_str(sv))) {
			ssg_diags_error(d, pg->path, ssg_value_line(sv),
					ssg_value_col(sv),
					"slug '%s' may hold only a-z, 0-9 and "
					"'-'",
					ssg_value_str(sv));
			return SSG_ERR_CONTENT;
		}
		pg->slug = ssg_value_str(sv);
		return SSG_OK;
	}
	const char *s = stem;
	if (strip_number) {
		while (*s >= '0' && *s <= '9')
			s++;
		if (s != stem && (*s == '-' || *s == '_'))
			s++;
		else
			s = stem;
	}
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_slug(&b, s, strlen(s));
	int rc = SSG_OK;
	if (b.len == 0) {
		ssg_diags_error(d, pg->path, 1, 1,
				"cannot make a URL from the file name; add "
				"'slug: ...' to the front matter");
		rc = SSG_ERR_CONTENT;
	} else {
		pg->slug = mstr(p, b.data, b.len);
	}
	ssg_buf_fini(&b);
	return rc;
}

static long meta_weight(const ssg_plan_page *pg, ssg_diags *d, int *rc)
{
	const ssg_value *w = ssg_value_get(pg->meta, "weight");
	if (!w)
		return 0;
	const char *s = ssg_value_str(w);
	char *end = NULL;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || end == s || *end) {
		ssg_diags_error(d, pg->path, ssg_value_line(w), ssg_value_col(w),
				"weight must be a whole number");
		*rc = SSG_ERR_CONTENT;
		return 0;
	}
	return v;
}

static int section_cmp(const void *a, const void *b)
{
	const ssg_plan_page *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return strcmp(x->path, y->path);
}

static int post_cmp(const void *a, const void *b)
{
	const ssg_plan_page *x = a, *y = b;
	int c = ssg_date_cmp(&y->date, &x->date); /* newest first */
	return c ? c : strcmp(x->path, y->path);
}

static const char *basename_of(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int load_content(ssg_plan *p, ssg_snapshot *snap, ssg_diags *d)
{
	int rc = SSG_OK;
	size_t n = ssg_snapshot_count(snap);
	/* Every page is read below: inflated on two cores, not one (a
	 * third of loading a cold build's 10,000 pages). */
	ssg_snapshot_prefetch(snap, "content/");
	p->sections = ssg_xcalloc(n, sizeof(ssg_plan_page));
	p->posts = ssg_xcalloc(n, sizeof(ssg_plan_page));
	for (size_t i = 0; i < n; i++) {
		const ssg_file *f = ssg_snapshot_file(snap, i);
		if (strncmp(f->path, "content/", 8) != 0)
			continue;
		const char *rel = f->path + 8;
		if (!ssg_str_ends((ssg_str){rel, strlen(rel)}, ".md")) {
			ssg_diags_add(d, SSG_SEV_WARNING, f->path, 0, 0,
				      "ignored: only .md files are read in "
				      "content/");
			continue;
		}
		char *stem = ssg_xstrndup(basename_of(rel),
					  strlen(basename_of(rel)) - 3);
		int r = SSG_OK;
		const ssg_plan_page *loaded = NULL;
		if (strcmp(rel, "_index.md") == 0) {
			r = page_load(p, snap, f, &p->index, d);
			loaded = &p->index;
			p->has_index = r == SSG_OK;
			if (r == SSG_OK && !*p->index.title) {
				ssg_diags_error(d, f->path, 1, 1,
						"the site needs a title: add "
						"'title: ...' to the front "
						"matter");
				r = SSG_ERR_CONTENT;
			}
		} else if (!strchr(rel, '/')) {
			ssg_plan_page *pg = &p->sections[p->nsections];
			r = page_load(p, snap, f, pg, d);
			if (r == SSG_OK)
				r = page_slug(p, pg, stem, true, d);
			if (r == SSG_OK)
				pg->weight = meta_weight(pg, d, &r);
			if (r == SSG_OK && !*pg->title)
				pg->title = pg->slug;
			if (r == SSG_OK)
				loaded = &p->sections[p->nsections++];
		} else if (strncmp(rel, "posts/", 6) == 0 &&
			   !strchr(rel + 6, '/')) {
			ssg_plan_page *pg = &p->posts[p->nposts];
			r = page_load(p, snap, f, pg, d);
			if (r == SSG_OK)
				r = page_slug(p, pg, stem, false, d);
			const ssg_value *dv = ssg_value_get(pg->meta, "date");
			if (r == SSG_OK && !*pg->title) {
				ssg_diags_error(d, f->path, 1, 1,
						"a post needs 'title: ...' in "
						"its front matter");
				r = SSG_ERR_CONTENT;
			}
			if (r == SSG_OK &&
			    (!ssg_value_str(dv) ||
			     !ssg_date_parse(ssg_value_str(dv),
					     ssg_value_strlen(dv), &pg->date))) {
				ssg_diags_error(
					d, f->path,
					dv ? ssg_value_line(dv) : 1,
					dv ? ssg_value_col(dv) : 1,
					"a post needs 'date:' as dd/mm/yyyy "
					"(a real date)");
				r = SSG_ERR_CONTENT;
			}
			if (r == SSG_OK) {
				pg->date_text = ssg_value_str(dv);
				loaded = &p->posts[p->nposts++];
			}
		} else {
			ssg_diags_add(d, SSG_SEV_WARNING, f->path, 0, 0,
				      "ignored: pages live in content/ and "
				      "posts in content/posts/");
		}
		free(stem);
		/* Reported, the page still loaded: its other problems are
		 * found too. */
		if (r == SSG_OK && loaded && page_lost_letters(loaded, d))
			r = SSG_ERR_CONTENT;
		if (r)
			rc = SSG_ERR_CONTENT;
	}
	if (!p->has_index && rc == SSG_OK) {
		ssg_diags_error(d, "content/_index.md", 0, 0,
				"missing: the site's title and introduction "
				"live in this file");
		rc = SSG_ERR_CONTENT;
	}
	ssg_sort(p->sections, p->nsections, sizeof(ssg_plan_page), section_cmp);
	ssg_sort(p->posts, p->nposts, sizeof(ssg_plan_page), post_cmp);
	return rc;
}

/* ---- data/ ------------------------------------------------------- */

/* Reads data/datapackage.json when present; *out stays NULL without
 * one.  Its errors are content errors (package.h). */
static int load_package(ssg_snapshot *snap, ssg_package **out, ssg_diags *d)
{
	*out = NULL;
	const ssg_file *f = ssg_snapshot_find(snap, "data/datapackage.json");
	if (!f)
		return SSG_OK;
	const char *data;
	size_t len;
	int rc = ssg_snapshot_read(snap, f, &data, &len, d);
	return rc ? rc : ssg_package_parse(out, f->path, data, len, d);
}

typedef struct {
	const char *norm;
	size_t row;
} key_ref;

/* A table's keys in their normal form, sorted (then by row), so that a
 * lookup is a binary search: a page may quote thousands of values. */
typedef struct {
	key_ref *ord;
	char **norm;
	size_t n;
} key_index;

static void key_index_free(key_index *ix)
{
	if (!ix)
		return;
	for (size_t r = 0; r < ix->n; r++)
		free(ix->norm[r]);
	free(ix->norm);
	free(ix->ord);
	free(ix);
}

static int key_ref_cmp(const void *a, const void *b)
{
	const key_ref *x = a, *y = b;
	int c = strcmp(x->norm, y->norm);
	if (c)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int table_keys(ssg_plan *p, ssg_plan_table *t, const char *const *cols,
		      size_t ncols, const char *why, ssg_diags *d)
{
	int rc = SSG_OK;
	t->key_cols = ssg_xcalloc(ncols ? ncols : 1, sizeof(size_t));
	for (size_t i = 0; i < ncols; i++) {
		long c = ssg_table_col_find(t->table, cols[i]);
		if (c < 0) {
			ssg_diags_error(d, t->path,
					ssg_table_header_line(t->table), 1,
					"key column '%s' (from %s) is not in "
					"the header",
					cols[i], why);
			rc = SSG_ERR_CONTENT;
		}
		t->key_cols[t->nkey++] = c < 0 ? 0 : (size_t)c;
	}
	/* Without a usable key the default one still gives every row a key,
	 * so that the pages (rendered to report their own problems) have
	 * one to show. */
	if (ncols == 0 || rc != SSG_OK) {
		long c = ssg_table_col_find(t->table, "id");
		t->key_cols[0] = c >= 0 ? (size_t)c : 0;
		t->nkey = 1;
	}
	size_t nrows = ssg_table_nrows(t->table);
	t->keys = ssg_xcalloc(nrows ? nrows : 1, sizeof(char *));
	char **norm = ssg_xcalloc(nrows ? nrows : 1, sizeof(char *));
	ssg_buf b;
	ssg_buf_init(&b);
	for (size_t r = 0; r < nrows; r++) {
		ssg_buf_clear(&b);
		bool empty = true;
		for (size_t k = 0; k < t->nkey; k++) {
			ssg_str cell = ssg_str_trim((ssg_str){
				ssg_table_cell(t->table, r, t->key_cols[k]),
				ssg_table_cell_len(t->table, r,
						   t->key_cols[k])});
			if (k)
				ssg_buf_putc(&b, '|');
			ssg_buf_put(&b, cell.p, cell.n);
			empty = empty && cell.n == 0;
		}
		t->keys[r] = (char *)mstr(p, ssg_buf_cstr(&b), b.len);
		norm[r] = ssg_plan_key_norm(ssg_buf_cstr(&b), b.len);
		if (empty) {
			ssg_diags_error(d, t->path,
					ssg_table_row_line(t->table, r), 1,
					"row has no key: fill in column '%s'",
					ssg_table_colname(t->table,
							  t->key_cols[0]));
			rc = SSG_ERR_CONTENT;
		}
	}
	/* Sorting the keys finds duplicates in n log n. */
	key_ref *ord = ssg_xcalloc(nrows ? nrows : 1, sizeof(key_ref));
	for (size_t r = 0; r < nrows; r++) {
		ord[r].norm = norm[r];
		ord[r].row = r;
	}
	ssg_sort(ord, nrows, sizeof(key_ref), key_ref_cmp);
	for (size_t i = 1; i < nrows; i++) {
		if (strcmp(ord[i - 1].norm, ord[i].norm) != 0 || !*ord[i].norm)
			continue;
		ssg_diags_error(d, t->path,
				ssg_table_row_line(t->table, ord[i].row), 1,
				"duplicate key '%s' (also on line %u): each "
				"row needs its own key",
				t->keys[ord[i].row],
				ssg_table_row_line(t->table, ord[i - 1].row));
		rc = SSG_ERR_CONTENT;
	}
	key_index *ix = ssg_xcalloc(1, sizeof(*ix));
	ix->ord = ord;
	ix->norm = norm;
	ix->n = nrows;
	t->index = ix;
	ssg_buf_fini(&b);
	return rc;
}

static const ssg_key_override *find_override(const ssg_plan_opts *o,
					     const char *name)
{
	for (size_t i = 0; o && i < o->nkeys; i++)
		if (strcmp(o->keys[i].table, name) == 0)
			return &o->keys[i];
	return NULL;
}

static void table_titles(ssg_plan_table *t, const package_table *pt)
{
	size_t nc = ssg_table_ncols(t->table);
	t->col_titles = ssg_xcalloc(nc ? nc : 1, sizeof(char *));
	t->col_units = ssg_xcalloc(nc ? nc : 1, sizeof(char *));
	for (size_t c = 0; c < nc; c++) {
		const char *col = ssg_table_colname(t->table, c);
		const char *known = ssg_fields_title(t->name, col);
		const ssg_package_field *f = ssg_package_field_of(pt, col);
		t->col_titles[c] = f && f->title ? f->title
				   : known	 ? known
						 : col;
		t->col_units[c] = f ? f->unit : NULL;
	}
	const char *known = ssg_fields_table_title(t->name);
	t->title = pt && pt->title ? pt->title : known ? known : t->name;
	t->description = pt ? pt->description : NULL;
}

/* The name of the field of pt whose name (by_title false) or title
 * (true) is header, compared folded; NULL when none. */
static const char *package_field(const package_table *pt, const char *header,
				 bool by_title)
{
	const char *found = NULL;
	char *h = ssg_fields_fold(header);
	for (size_t k = 0; pt && !found && k < pt->nfields; k++) {
		const ssg_package_field *f = &pt->fields[k];
		const char *w = by_title ? f->title : f->name;
		char *a = w ? ssg_fields_fold(w) : NULL;
		if (a && strcmp(a, h) == 0)
			found = f->name;
		free(a);
	}
	free(h);
	return found;
}

/* A header written as datapackage.json titles a field ("Kết quả năm
 * 2023") is that field's column: clerks type what they read. */
static int package_headers(ssg_table *tab, const char *path,
			   const package_table *pt, const char *data,
			   size_t len, ssg_diags *d)
{
	int rc = SSG_OK;
	for (size_t c = 0; pt && c < ssg_table_ncols(tab); c++) {
		const char *h = ssg_table_colname(tab, c);
		const char *to = package_field(pt, h, false)
					 ? NULL
					 : package_field(pt, h, true);
		if (!to)
			continue;
		long other = ssg_table_col_find(tab, to);
		if (other >= 0 && (size_t)other != c) {
			unsigned line, col;
			ssg_table_cell_where(tab, data, len, SSG_TABLE_HEADER, c,
					     &line, &col);
			ssg_diags_error(d, path, line, col,
					"column \"%s\" is the title of column "
					"'%s' in datapackage.json, and column "
					"%ld is '%s' too: keep one of the two",
					h, to, other + 1, to);
			rc = SSG_ERR_CONTENT;
			continue;
		}
		ssg_table_col_rename(tab, c, to);
	}
	return rc;
}

/* In indicators.csv and tasks.csv every column is one the contract
 * names (fields.h) or datapackage.json lists.  A header that means a
 * column the table lacks ("ket qua moi nhta", "Kết quả 6 tháng" and no
 * result) would leave that column unread and the site silently without
 * its figures, so it is an error; any other unknown column is a
 * warning, as the site does not show it. */
static int unknown_headers(const ssg_table *tab, const char *name,
			   const char *path, const package_table *pt,
			   const char *data, size_t len, ssg_diags *d)
{
	size_t nknown;
	if (!ssg_fields_of(name, &nknown))
		return SSG_OK;
	int rc = SSG_OK;
	for (size_t c = 0; c < ssg_table_ncols(tab); c++) {
		const char *h = ssg_table_colname(tab, c);
		size_t dist;
		const ssg_field *f = ssg_fields_nearest(name, h, &dist);
		if (dist == 0 || package_field(pt, h, false) || !*h)
			continue;
		unsigned line, col;
		ssg_table_cell_where(tab, data, len, SSG_TABLE_HEADER, c, &line,
				     &col);
		const ssg_field *meant = ssg_fields_meant(name, h);
		if (meant)
			f = meant;
		/* Meant for a column the table lacks: that column would be
		 * read as empty. */
		if (meant && ssg_table_col_find(tab, meant->name) < 0) {
			ssg_diags_error(d, path, line, col,
					"unknown column \"%s\": did you mean "
					"'%s' (%s)? Write the header as '%s' or "
					"'%s'",
					h, f->name, f->title, f->name, f->title);
			rc = SSG_ERR_CONTENT;
		} else {
			ssg_diags_add(d, SSG_SEV_WARNING, path, line, col,
				      "unknown column \"%s\": the site does "
				      "not show it; if it holds one of the "
				      "plan's columns, write its header as "
				      "the site shows that column (the "
				      "nearest is '%s', %s)",
				      h, f->name, f->title);
		}
	}
	return rc;
}

/* Whether datapackage.json types column `name` of pt as `string`. */
static bool package_string(const package_table *pt, const char *name)
{
	for (size_t k = 0; pt && k < pt->nfields; k++) {
		const ssg_package_field *f = &pt->fields[k];
		if (f->type && strcmp(f->name, name) == 0)
			return strcmp(f->type, "string") == 0;
	}
	return false;
}

/* The contract's figures (section 2): indicators' baseline, target and
 * result and tasks' progress are numbers where a cell is one, however
 * datapackage.json types them.  A `string` type there says that a cell
 * may be words (indicator 7's target is), not that "90" is a code: read
 * as text, every indicator lost its chart and its figures. */
static bool contract_figure(const char *table, const char *col)
{
	static const char *const figures[][2] = {
		{"indicators", "baseline"},
		{"indicators", "target"},
		{"indicators", "result"},
		{"tasks", "progress"},
	};
	for (size_t i = 0; i < sizeof(figures) / sizeof(*figures); i++)
		if (strcmp(figures[i][0], table) == 0 &&
		    strcmp(figures[i][1], col) == 0)
			return true;
	return false;
}

/* Past this many, the unsettled figures of one column are not each
 * reported: the clerk has seen how to write them. */
#define MAX_UNSETTLED 20

/* How each column writes its figures (fmt.h).  Key columns, `replaces`
 * and `string` fields are text: "26001" is a commune's code, never
 * 26.001.  In the
 * other columns "1.250" is settled by the column's other figures: a
 * "72,2" or a "1.250.000" is the Vietnamese way (1.250 is 1250), a
 * "1.25" a machine's (1.250 is 1,25); when none or both are there, each
 * such cell is an error saying how to write it. */
static int column_styles(ssg_plan_table *t, const package_table *pt,
			 const char *data, size_t len, ssg_diags *d)
{
	int rc = SSG_OK;
	size_t nc = ssg_table_ncols(t->table), nr = ssg_table_nrows(t->table);
	t->col_styles = ssg_xcalloc(nc ? nc : 1, sizeof(ssg_num_style));
	for (size_t c = 0; c < nc; c++) {
		const char *name = ssg_table_colname(t->table, c);
		bool text = package_string(pt, name) &&
			    !contract_figure(t->name, name);
		for (size_t k = 0; k < t->nkey; k++)
			text = text || t->key_cols[k] == c;
		/* The keys of the rows a row replaces (lineage.h). */
		text = text || ssg_table_col_find(t->table, "replaces") == (long)c;
		if (text) {
			t->col_styles[c] = SSG_NUM_TEXT;
			continue;
		}
		size_t vi = 0, dot = 0, either = 0;
		for (size_t r = 0; r < nr; r++) {
			switch (ssg_num_hint_of(ssg_table_cell(t->table, r, c),
						ssg_table_cell_len(t->table, r,
								   c))) {
			case SSG_NUM_HINT_VI:
				vi++;
				break;
			case SSG_NUM_HINT_DOT:
				dot++;
				break;
			case SSG_NUM_HINT_EITHER:
				either++;
				break;
			default:
				break;
			}
		}
		t->col_styles[c] = SSG_NUM_ANY;
		if (!either)
			continue;
		if (vi && !dot) {
			t->col_styles[c] = SSG_NUM_VI;
			continue;
		}
		if (dot && !vi) {
			t->col_styles[c] = SSG_NUM_DOT;
			continue;
		}
		size_t told = 0;
		for (size_t r = 0; r < nr && told < MAX_UNSETTLED; r++) {
			const char *s = ssg_table_cell(t->table, r, c);
			size_t n = ssg_table_cell_len(t->table, r, c);
			if (ssg_num_hint_of(s, n) != SSG_NUM_HINT_EITHER)
				continue;
			ssg_num whole, frac;
			(void)ssg_num_parse_as(s, n, SSG_NUM_VI, &whole);
			(void)ssg_num_parse_as(s, n, SSG_NUM_DOT, &frac);
			whole.percent = frac.percent = false;
			ssg_buf a, b;
			ssg_buf_init(&a);
			ssg_buf_init(&b);
			ssg_num_put_plain(&a, &whole);
			ssg_num_put_vi(&b, &frac);
			ssg_str tr = ssg_str_trim((ssg_str){s, n});
			unsigned line, col;
			ssg_table_cell_where(t->table, data, len, r, c, &line,
					     &col);
			ssg_diags_error(d, t->path, line, col,
					"'%.*s' could be %s or %s, and the "
					"other figures of column '%s' do not "
					"tell which: write %s (without the "
					"dot) for a whole number, or %s (with "
					"a comma) for a number with decimals",
					(int)tr.n, tr.p, ssg_buf_cstr(&a),
					ssg_buf_cstr(&b),
					ssg_table_colname(t->table, c),
					ssg_buf_cstr(&a), ssg_buf_cstr(&b));
			ssg_buf_fini(&a);
			ssg_buf_fini(&b);
			rc = SSG_ERR_CONTENT;
			told++;
		}
	}
	return rc;
}

bool ssg_plan_cell_num(const ssg_plan_table *t, size_t row, size_t col,
		       ssg_num *out)
{
	ssg_num_style st = t->col_styles && col < ssg_table_ncols(t->table)
				   ? t->col_styles[col]
				   : SSG_NUM_ANY;
	return ssg_num_parse_as(ssg_table_cell(t->table, row, col),
				ssg_table_cell_len(t->table, row, col), st,
				out);
}

ssg_num_style ssg_plan_table_col_style(const ssg_plan_table *t,
				       const char *col)
{
	long c = t && col ? ssg_table_col_find(t->table, col) : -1;
	return c >= 0 && t->col_styles ? t->col_styles[c] : SSG_NUM_ANY;
}

ssg_num_style ssg_plan_col_style(const ssg_plan *p, const char *table,
				 const char *col)
{
	return ssg_plan_table_col_style(
		p && table ? ssg_plan_table_find(p, table) : NULL, col);
}

const char *ssg_plan_col_title(const ssg_plan *p, const char *table,
			       const char *col)
{
	const ssg_plan_table *t =
		p && table ? ssg_plan_table_find(p, table) : NULL;
	long c = t && col ? ssg_table_col_find(t->table, col) : -1;
	if (c >= 0)
		return t->col_titles[c];
	const char *known = ssg_fields_title(table, col);
	return known ? known : col;
}

/* Text that lost its letters (ssg_text_lost_letters) would be
 * published as "Th?n v?n h?a": an error, once per file, at the first
 * such cell, with how many there are.  The file as a whole was saved
 * wrongly, and the clerk saves it again from the original. */
static int lost_letters(const ssg_plan_table *t, const char *data, size_t len,
			ssg_diags *d)
{
	size_t nc = ssg_table_ncols(t->table), nr = ssg_table_nrows(t->table);
	size_t count = 0, first_r = 0, first_c = 0, first_at = 0;
	for (size_t r = 0; r < nr; r++)
		for (size_t c = 0; c < nc; c++) {
			size_t at;
			if (!ssg_text_lost_letters(
				    ssg_table_cell(t->table, r, c),
				    ssg_table_cell_len(t->table, r, c), &at))
				continue;
			if (!count++) {
				first_r = r;
				first_c = c;
				first_at = at;
			}
		}
	if (!count)
		return SSG_OK;
	const char *cell = ssg_table_cell(t->table, first_r, first_c);
	size_t cn = ssg_table_cell_len(t->table, first_r, first_c);
	unsigned line, col;
	ssg_table_text_where(t->table, data, len, first_r, first_c, first_at,
			     &line, &col);
	ssg_str shown = ssg_str_trim((ssg_str){cell, cn});
	int shown_n = shown.n > 60 ? 60 : (int)shown.n;
	if (cell[first_at] == '?')
		ssg_diags_error(d, t->path, line, col,
				"'%.*s' has lost its letters: the file was "
				"saved in a code page without Vietnamese "
				"letters, which turns them into '?' (%zu "
				"cell%s); open the original and save it again "
				"as \"CSV UTF-8\" (Excel) or with the character "
				"set \"Unicode (UTF-8)\" (LibreOffice). A '?' "
				"that is meant is followed by a space",
				shown_n, shown.p, count, count == 1 ? "" : "s");
	else
		ssg_diags_error(d, t->path, line, col,
				"'%.*s' holds the mark \xEF\xBF\xBD of letters "
				"lost in a conversion (%zu cell%s): open the "
				"original and save it again as \"CSV UTF-8\" "
				"(Excel) or with the character set \"Unicode "
				"(UTF-8)\" (LibreOffice)",
				shown_n, shown.p, count, count == 1 ? "" : "s");
	return SSG_ERR_CONTENT;
}

static int load_tables(ssg_plan *p, ssg_snapshot *snap, const ssg_plan_opts *o,
		       ssg_diags *d)
{
	int rc = load_package(snap, &p->pkg, d);
	size_t n = ssg_snapshot_count(snap);
	p->tables = ssg_xcalloc(n ? n : 1, sizeof(ssg_plan_table));
	p->failed = ssg_xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		const ssg_file *f = ssg_snapshot_file(snap, i);
		if (strncmp(f->path, "data/", 5) != 0 ||
		    strchr(f->path + 5, '/') ||
		    !ssg_str_ends((ssg_str){f->path, strlen(f->path)}, ".csv"))
			continue;
		const char *data;
		size_t len;
		int r = ssg_snapshot_read(snap, f, &data, &len, d);
		ssg_table *tab = NULL;
		if (r == SSG_OK)
			r = ssg_table_parse(&tab, f->path, data, len, d);
		if (r) {
			rc = SSG_ERR_CONTENT;
			p->failed[p->nfailed++] =
				mstr(p, f->path + 5, strlen(f->path + 5) - 4);
			continue;
		}
		/* An empty table is a spreadsheet saved before its rows were
		 * pasted, not data: say so rather than publish nothing. */
		if (ssg_table_nrows(tab) == 0) {
			ssg_diags_error(d, f->path, ssg_table_header_line(tab),
					1,
					"the table has a header but no rows: "
					"add its rows, or delete the file");
			rc = SSG_ERR_CONTENT;
			p->failed[p->nfailed++] =
				mstr(p, f->path + 5, strlen(f->path + 5) - 4);
			ssg_table_free(tab);
			continue;
		}
		/* Every row of a table has a history page of its own. */
		if (ssg_table_nrows(tab) > SSG_PLAN_MAX_ROWS) {
			ssg_diags_error(d, f->path,
					ssg_table_row_line(tab, SSG_PLAN_MAX_ROWS),
					1,
					"more than %u rows: each row gets a page "
					"of its own; split the table into "
					"smaller ones",
					SSG_PLAN_MAX_ROWS);
			rc = SSG_ERR_CONTENT;
			p->failed[p->nfailed++] =
				mstr(p, f->path + 5, strlen(f->path + 5) - 4);
			ssg_table_free(tab);
			continue;
		}
		ssg_plan_table *t = &p->tables[p->ntables++];
		t->table = tab;
		t->path = mstrz(p, f->path);
		t->name = mstr(p, f->path + 5, strlen(f->path + 5) - 4);
		const package_table *pt = ssg_package_find(p->pkg, t->name);
		if (package_headers(tab, t->path, pt, data, len, d) ||
		    unknown_headers(tab, t->name, t->path, pt, data, len, d))
			rc = SSG_ERR_CONTENT;
		table_titles(t, pt);
		const ssg_key_override *ko = find_override(o, t->name);
		if (ko)
			r = table_keys(p, t, ko->cols, ko->ncols, "--key", d);
		else if (pt && pt->nkey)
			r = table_keys(p, t, pt->key, pt->nkey,
				       "datapackage.json", d);
		else
			r = table_keys(p, t, NULL, 0, "", d);
		if (r)
			rc = SSG_ERR_CONTENT;
		if (column_styles(t, pt, data, len, d))
			rc = SSG_ERR_CONTENT;
		if (lost_letters(t, data, len, d))
			rc = SSG_ERR_CONTENT;
	}
	for (size_t i = 0; o && i < o->nkeys; i++)
		if (!ssg_plan_table_find(p, o->keys[i].table)) {
			ssg_diags_env(d, "--key names table '%s', but there is "
					 "no data/%s.csv",
				      o->keys[i].table, o->keys[i].table);
			rc = SSG_ERR_ENV;
		}
	return rc;
}

/* ---- typed views ------------------------------------------------- */

/* A cell of a typed view, trimmed.  A "1.250" that its column reads as
 * 1250 is given as "1250", so that every reader of the typed view (the
 * pages, the status, the charts) reads the figure the clerk meant. */
static const char *cell(ssg_plan *p, const ssg_plan_table *t, size_t row,
			const char *col)
{
	long c = ssg_table_col_find(t->table, col);
	if (c < 0)
		return "";
	ssg_str s = ssg_str_trim((ssg_str){
		ssg_table_cell(t->table, row, (size_t)c),
		ssg_table_cell_len(t->table, row, (size_t)c)});
	ssg_num x;
	if (t->col_styles[c] == SSG_NUM_VI &&
	    ssg_num_hint_of(s.p, s.n) == SSG_NUM_HINT_EITHER &&
	    ssg_num_parse_as(s.p, s.n, SSG_NUM_VI, &x)) {
		ssg_buf b;
		ssg_buf_init(&b);
		ssg_num_put_plain(&b, &x);
		if (x.percent)
			ssg_buf_putc(&b, '%');
		const char *v = mstr(p, b.data, b.len);
		ssg_buf_fini(&b);
		return v;
	}
	return mstr(p, s.p, s.n);
}

/* The required columns of the contract's table t (fields.h). */
static int require_cols(const ssg_plan_table *t, ssg_diags *d)
{
	int rc = SSG_OK;
	size_t n;
	const ssg_field *f = ssg_fields_of(t->name, &n);
	for (size_t i = 0; i < n; i++)
		if (f[i].required &&
		    ssg_table_col_find(t->table, f[i].name) < 0) {
			ssg_diags_error(d, t->path,
					ssg_table_header_line(t->table), 1,
					"missing column '%s' (%s) in the "
					"header: add it, or write '%s' or "
					"'%s' as the header of the column "
					"that holds it",
					f[i].name, f[i].title, f[i].name,
					f[i].title);
			rc = SSG_ERR_CONTENT;
		}
	return rc;
}

/* Each indicator gets a page, each task a place on the tasks page: past
 * SSG_PLAN_MAX_ITEMS a build would take too long to be of use. */
static int too_many(const ssg_plan_table *t, bool tasks, ssg_diags *d)
{
	if (ssg_table_nrows(t->table) <= SSG_PLAN_MAX_ITEMS)
		return SSG_OK;
	unsigned line = ssg_table_row_line(t->table, SSG_PLAN_MAX_ITEMS);
	if (tasks)
		ssg_diags_error(d, t->path, line, 1,
				"more than %u tasks: a plan has far fewer; put "
				"other figures in a table of their own "
				"(data/NAME.csv)",
				SSG_PLAN_MAX_ITEMS);
	else
		ssg_diags_error(d, t->path, line, 1,
				"more than %u indicators: a plan has far fewer; "
				"put other figures in a table of their own "
				"(data/NAME.csv)",
				SSG_PLAN_MAX_ITEMS);
	return SSG_ERR_LIMIT;
}

static int load_indicators(ssg_plan *p, ssg_diags *d)
{
	const ssg_plan_table *t = ssg_plan_table_find(p, "indicators");
	if (!t)
		return SSG_OK;
	if (require_cols(t, d))
		return SSG_ERR_CONTENT;
	if (too_many(t, false, d))
		return SSG_ERR_LIMIT;
	int rc = SSG_OK;
	size_t n = ssg_table_nrows(t->table);
	p->indicators = ssg_xcalloc(n ? n : 1, sizeof(ssg_plan_indicator));
	for (size_t r = 0; r < n; r++) {
		ssg_plan_indicator *x = &p->indicators[p->nindicators++];
		unsigned line = ssg_table_row_line(t->table, r);
		x->row = r;
		x->id = t->keys[r];
		x->name = cell(p, t, r, "name");
		x->unit = cell(p, t, r, "unit");
		x->baseline = cell(p, t, r, "baseline");
		x->target = cell(p, t, r, "target");
		x->result = cell(p, t, r, "result");
		x->as_of_text = cell(p, t, r, "as_of");
		x->note = cell(p, t, r, "note");
		x->source = cell(p, t, r, "source");
		const char *dir = cell(p, t, r, "direction");
		if (!*dir || strcmp(dir, "up") == 0) {
			x->down = false;
		} else if (strcmp(dir, "down") == 0) {
			x->down = true;
		} else {
			ssg_diags_error(d, t->path, line, 1,
					"direction '%s' of indicator %s must "
					"be 'up' or 'down'",
					dir, x->id);
			rc = SSG_ERR_CONTENT;
		}
		if (*x->as_of_text) {
			x->has_as_of = ssg_date_parse(
				x->as_of_text, strlen(x->as_of_text), &x->as_of);
			if (!x->has_as_of) {
				ssg_diags_error(d, t->path, line, 1,
						"as_of '%s' of indicator %s is "
						"not a date: write dd/mm/yyyy",
						x->as_of_text, x->id);
				rc = SSG_ERR_CONTENT;
			}
		}
		if (!*x->name) {
			ssg_diags_error(d, t->path, line, 1,
					"indicator %s has no name", x->id);
			rc = SSG_ERR_CONTENT;
		}
	}
	return rc;
}

static int load_tasks(ssg_plan *p, ssg_diags *d)
{
	const ssg_plan_table *t = ssg_plan_table_find(p, "tasks");
	if (!t)
		return SSG_OK;
	if (require_cols(t, d))
		return SSG_ERR_CONTENT;
	if (too_many(t, true, d))
		return SSG_ERR_LIMIT;
	int rc = SSG_OK;
	size_t n = ssg_table_nrows(t->table);
	p->tasks = ssg_xcalloc(n ? n : 1, sizeof(ssg_plan_task));
	for (size_t r = 0; r < n; r++) {
		ssg_plan_task *x = &p->tasks[p->ntasks++];
		unsigned line = ssg_table_row_line(t->table, r);
		x->row = r;
		x->id = t->keys[r];
		x->title = cell(p, t, r, "title");
		x->lead = cell(p, t, r, "lead");
		x->timeframe = cell(p, t, r, "timeframe");
		x->note = cell(p, t, r, "note");
		const char *partners = cell(p, t, r, "partners");
		size_t np = *partners ? 1 : 0;
		for (const char *c = partners; *c; c++)
			np += *c == ';';
		x->partners = ssg_xcalloc(np ? np : 1, sizeof(char *));
		for (const char *s = partners; np && *s;) {
			const char *e = strchr(s, ';');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			ssg_str part = ssg_str_trim((ssg_str){s, len});
			if (part.n)
				x->partners[x->npartners++] =
					mstr(p, part.p, part.n);
			s += len + (e != NULL);
		}
		const char *st = cell(p, t, r, "status");
		if (!ssg_plan_status_parse(st, &x->status)) {
			ssg_diags_error(d, t->path, line, 1,
					"unknown status '%s' of task %s: use "
					"planned, in_progress, done, cancelled "
					"(or Chưa triển khai, Đang thực hiện, "
					"Hoàn thành, Đã hủy)",
					st, x->id);
			rc = SSG_ERR_CONTENT;
		}
		const char *pr = cell(p, t, r, "progress");
		if (*pr) {
			ssg_num num;
			if (!ssg_num_parse(pr, strlen(pr), &num) ||
			    num.value < 0 || num.value > 100) {
				ssg_diags_error(d, t->path, line, 1,
						"progress '%s' of task %s must "
						"be a number from 0 to 100",
						pr, x->id);
				rc = SSG_ERR_CONTENT;
			} else {
				x->has_progress = true;
				x->progress = num.value;
			}
		}
		if (!*x->title) {
			ssg_diags_error(d, t->path, line, 1,
					"task %s has no title", x->id);
			rc = SSG_ERR_CONTENT;
		}
	}
	return rc;
}

/* The whole plan, or with content false only its tables: all that the
 * keys of a history walk need, without reading every page. */
static int plan_load(ssg_plan **out, ssg_snapshot *snap,
		     const ssg_plan_opts *o, bool content, ssg_diags *d)
{
	ssg_plan *p = ssg_xcalloc(1, sizeof(ssg_plan));
	p->m = ssg_model_new();
	int rc = SSG_OK;
	int r = content ? load_content(p, snap, d) : SSG_OK;
	if (r)
		rc = r;
	r = load_tables(p, snap, o, d);
	if (r && rc != SSG_ERR_ENV)
		rc = r;
	if (load_indicators(p, d) && rc == SSG_OK)
		rc = SSG_ERR_CONTENT;
	if (load_tasks(p, d) && rc == SSG_OK)
		rc = SSG_ERR_CONTENT;
	if (rc == SSG_ERR_ENV) {
		ssg_plan_free(p);
		p = NULL;
	}
	*out = p;
	return rc;
}

int ssg_plan_load(ssg_plan **out, ssg_snapshot *snap, const ssg_plan_opts *o,
		  ssg_diags *d)
{
	return plan_load(out, snap, o, true, d);
}

void ssg_plan_free(ssg_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->ntables; i++) {
		ssg_plan_table *t = &p->tables[i];
		ssg_table_free(t->table);
		free(t->key_cols);
		free(t->keys);
		free(t->col_titles);
		free(t->col_units);
		free(t->col_styles);
		key_index_free(t->index);
	}
	for (size_t i = 0; i < p->ntasks; i++)
		free(p->tasks[i].partners);
	free(p->tables);
	free(p->failed);
	free(p->indicators);
	free(p->tasks);
	free(p->sections);
	free(p->posts);
	ssg_model_free(p->m);
	ssg_package_free(p->pkg);
	free(p);
}

const ssg_value *ssg_plan_meta(const ssg_plan *p)
{
	return p->index.meta;
}

const ssg_plan_page *ssg_plan_index(const ssg_plan *p)
{
	return &p->index;
}

size_t ssg_plan_nsections(const ssg_plan *p)
{
	return p->nsections;
}

const ssg_plan_page *ssg_plan_section(const ssg_plan *p, size_t i)
{
	return i < p->nsections ? &p->sections[i] : NULL;
}

size_t ssg_plan_nposts(const ssg_plan *p)
{
	return p->nposts;
}

const ssg_plan_page *ssg_plan_post(const ssg_plan *p, size_t i)
{
	return i < p->nposts ? &p->posts[i] : NULL;
}

size_t ssg_plan_ntables(const ssg_plan *p)
{
	return p->ntables;
}

const ssg_plan_table *ssg_plan_table_at(const ssg_plan *p, size_t i)
{
	return i < p->ntables ? &p->tables[i] : NULL;
}

const ssg_plan_table *ssg_plan_table_find(const ssg_plan *p, const char *name)
{
	for (size_t i = 0; i < p->ntables; i++)
		if (strcmp(p->tables[i].name, name) == 0)
			return &p->tables[i];
	return NULL;
}

long ssg_plan_table_row_norm(const ssg_plan_table *t, const char *norm)
{
	const key_index *ix = t->index;
	if (!ix)
		return -1;
	/* The first entry not below norm: the lowest row of that key. */
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->ord[mid].norm, norm) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && strcmp(ix->ord[lo].norm, norm) == 0
		       ? (long)ix->ord[lo].row
		       : -1;
}

long ssg_plan_table_row(const ssg_plan_table *t, const char *id)
{
	if (!t->index)
		return -1;
	/* Most keys are already in matching form (ssg_text_key copies them
	 * as they are): looked up as given, without a copy made per call;
	 * the event pages ask once per event. */
	size_t n = strlen(id);
	if (ssg_text_key_plain(id, n))
		return ssg_plan_table_row_norm(t, id);
	char *want = ssg_plan_key_norm(id, n);
	long found = ssg_plan_table_row_norm(t, want);
	free(want);
	return found;
}

const char *ssg_plan_table_key_norm(const ssg_plan_table *t, size_t row)
{
	const key_index *ix = t->index;
	return ix && row < ix->n ? ix->norm[row] : "";
}

size_t ssg_plan_nindicators(const ssg_plan *p)
{
	return p->nindicators;
}

const ssg_plan_indicator *ssg_plan_indicator_at(const ssg_plan *p, size_t i)
{
	return i < p->nindicators ? &p->indicators[i] : NULL;
}

size_t ssg_plan_ntasks(const ssg_plan *p)
{
	return p->ntasks;
}

const ssg_plan_task *ssg_plan_task_at(const ssg_plan *p, size_t i)
{
	return i < p->ntasks ? &p->tasks[i] : NULL;
}

bool ssg_plan_table_failed(const ssg_plan *p, const char *name)
{
	for (size_t i = 0; i < p->nfailed; i++)
		if (strcmp(p->failed[i], name) == 0)
			return true;
	return false;
}

/* ---- row keys for history walks and diffs ------------------------ */

struct ssg_plan_keys {
	ssg_history_key *v;
	size_t n;
	const char ***cols; /* per entry: an owned array, NULL for overrides */
	ssg_plan *plan;     /* _load only: the names are its */
};

ssg_plan_keys *ssg_plan_keys_new(const ssg_plan *p, const ssg_plan_opts *o)
{
	size_t nover = o ? o->nkeys : 0, ntables = p ? p->ntables : 0;
	ssg_plan_keys *k = ssg_xcalloc(1, sizeof(*k));
	k->v = ssg_xcalloc(nover + ntables + 1, sizeof(*k->v));
	k->cols = ssg_xcalloc(nover + ntables + 1, sizeof(*k->cols));
	for (size_t i = 0; i < nover; i++)
		k->v[k->n++] = (ssg_history_key){o->keys[i].table,
						 o->keys[i].cols,
						 o->keys[i].ncols};
	for (size_t i = 0; i < ntables; i++) {
		const ssg_plan_table *t = &p->tables[i];
		if (!t->nkey || ssg_plan_keys_find(k, t->name))
			continue;
		const char **cols = ssg_xcalloc(t->nkey, sizeof(char *));
		for (size_t j = 0; j < t->nkey; j++)
			cols[j] = ssg_table_colname(t->table, t->key_cols[j]);
		k->cols[k->n] = cols;
		k->v[k->n++] = (ssg_history_key){t->name, cols, t->nkey};
	}
	return k;
}

ssg_plan_keys *ssg_plan_keys_load(ssg_repo *r, const char *rev,
				  const ssg_plan_opts *o)
{
	ssg_diags *quiet = ssg_diags_new();
	ssg_snapshot *snap = NULL;
	ssg_plan *p = NULL;
	if (ssg_repo_snapshot(r, rev, &snap, quiet) != SSG_OK ||
	    plan_load(&p, snap, o, false, quiet) == SSG_ERR_ENV) {
		ssg_plan_free(p);
		p = NULL;
	}
	/* Only its tables are loaded, which keep no bytes of the
	 * snapshot. */
	ssg_snapshot_free(snap);
	ssg_plan_keys *k = ssg_plan_keys_new(p, o);
	k->plan = p;
	ssg_diags_free(quiet);
	return k;
}

void ssg_plan_keys_free(ssg_plan_keys *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->n; i++)
		free(k->cols[i]);
	free(k->cols);
	free(k->v);
	ssg_plan_free(k->plan);
	free(k);
}

const ssg_history_key *ssg_plan_keys_all(const ssg_plan_keys *k)
{
	return k->v;
}

size_t ssg_plan_keys_count(const ssg_plan_keys *k)
{
	return k->n;
}

void ssg_plan_keys_digest(const ssg_plan_keys *k, ssg_digest *dg)
{
	ssg_digest_u64(dg, k->n);
	for (size_t i = 0; i < k->n; i++) {
		ssg_digest_str(dg, k->v[i].table);
		ssg_digest_u64(dg, k->v[i].ncols);
		for (size_t j = 0; j < k->v[i].ncols; j++)
			ssg_digest_str(dg, k->v[i].cols[j]);
	}
}

void ssg_plan_keys_sum(const ssg_plan_keys *k, const char *what,
		       unsigned char out[32])
{
	ssg_digest *dg = ssg_digest_new();
	ssg_digest_str(dg, what);
	ssg_plan_keys_digest(k, dg);
	ssg_digest_sum(dg, out);
	ssg_digest_free(dg);
}

const ssg_history_key *ssg_plan_keys_find(const ssg_plan_keys *k,
					  const char *table)
{
	return ssg_history_key_find(k->v, k->n, table);
}
