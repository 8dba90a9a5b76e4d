/* feed — the Atom feed's entries as values (feed.h). */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fmt.h"

#define FEED_MAX 100

typedef struct {
	long long t;
	int offset;
	bool post;
	size_t i;
} item;

static int item_cmp(const void *a, const void *b)
{
	const item *x = a, *y = b;
	if (x->t != y->t)
		return x->t > y->t ? -1 : 1; /* newest first */
	if (x->post != y->post)
		return x->post ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static const char *time_iso(ssg_model *m, long long t, int offset)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_time_put_iso(&b, t, offset);
	const char *s = ssg_value_str(ssg_model_strn(m, b.data, b.len));
	ssg_buf_fini(&b);
	return s;
}

static ssg_value *post_entry(const ssg_routes *r, ssg_model *m,
			     const ssg_plan_page *pg)
{
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "title", pg->title);
	ssg_map_set(v, "id", ssg_model_strf(m, "post:%s", pg->slug));
	ssg_map_set_str(m, v, "url", ssg_routes_post_link(r, m, pg->slug));
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_date_put_iso(&b, &pg->date);
	ssg_buf_puts(&b, "T00:00:00+00:00");
	ssg_map_set(v, "updated", ssg_model_strn(m, b.data, b.len));
	ssg_buf_fini(&b);
	ssg_map_set_str(m, v, "summary",
			ssg_value_get_str(pg->meta, "summary"));
	return v;
}

/* Sentences of one entry: a commit of a province's data changes
 * thousands of cells, and a feed reader shows a paragraph. */
#define EVENTS_MAX 20

/* A change: its commit, and what it changed, in sentences. */
static ssg_value *commit_entry(ssg_model *m, const ssg_hview *hv, size_t i)
{
	const ssg_history *h = ssg_hview_history(hv);
	const ssg_hcommit *c = ssg_history_commit(h, i);
	const ssg_value *cv = ssg_hview_commit(hv, i);
	ssg_value *v = ssg_model_map(m);
	ssg_map_set_str(m, v, "title", c->summary);
	ssg_map_set(v, "id", ssg_model_strf(m, "commit:%s", c->oid));
	ssg_map_set_str(m, v, "url", ssg_value_get_str(cv, "url"));
	ssg_map_set_str(m, v, "updated", time_iso(m, c->time, c->offset));
	ssg_map_set_bool(m, v, "change", true);
	ssg_map_set_str(m, v, "by", c->author);
	ssg_map_set_str(m, v, "summary",
			ssg_hview_commit_text(hv, m, i, EVENTS_MAX));
	return v;
}

int ssg_feed_write(ssg_emit *e, const ssg_feed_in *in)
{
	size_t np = ssg_plan_nposts(in->plan);
	const ssg_history *hist = in->view ? ssg_hview_history(in->view) : NULL;
	size_t nc = in->view ? ssg_hview_end(in->view) : 0;
	item *items = ssg_xcalloc(np + nc + 1, sizeof(*items));
	size_t n = 0;
	for (size_t i = 0; i < np; i++) {
		const ssg_plan_page *pg = ssg_plan_post(in->plan, i);
		items[n++] = (item){ssg_date_time(&pg->date), 0, true, i};
	}
	for (size_t i = 0; i < nc; i++) {
		const ssg_hcommit *c = ssg_history_commit(hist, i);
		if (c->nevents)
			items[n++] = (item){c->time, c->offset, false, i};
	}
	ssg_sort(items, n, sizeof(*items), item_cmp);
	if (n > FEED_MAX)
		n = FEED_MAX;

	ssg_model *m = ssg_model_new();
	ssg_value *feed = ssg_model_map(m);
	const ssg_value *meta = ssg_plan_meta(in->plan);
	const char *title = ssg_value_get_str(meta, "title");
	ssg_map_set_str(m, feed, "base", ssg_value_get_str(meta, "base_url"));
	ssg_map_set_str(m, feed, "title", title);
	ssg_map_set_str(m, feed, "id",
			nc ? ssg_history_commit(hist, 0)->oid : title);
	ssg_map_set_str(m, feed, "updated",
			in->built ? time_iso(m, in->built->time,
					     in->built->offset)
				  : "1970-01-01T00:00:00+00:00");
	ssg_map_set_str(m, feed, "author", ssg_value_get_str(meta, "issuer"));
	ssg_value *entries = ssg_model_list(m);
	for (size_t k = 0; k < n; k++)
		ssg_list_push(entries,
			      items[k].post
				      ? post_entry(in->routes, m,
					   ssg_plan_post(in->plan, items[k].i))
				      : commit_entry(m, in->view, items[k].i));
	ssg_map_set(feed, "entries", entries);
	ssg_buf xml;
	ssg_buf_init(&xml);
	int rc = ssg_emit_render(e, "feed", feed, &xml);
	if (rc == SSG_OK)
		rc = ssg_emit_file(e, "feed.xml", NULL, ssg_buf_cstr(&xml),
				   xml.len);
	ssg_buf_fini(&xml);
	ssg_model_free(m);
	free(items);
	return rc;
}
