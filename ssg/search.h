/*
 * search — search with no server.  At build time every page a reader may
 * look for (overview, sections, indicators, tasks, tables, posts and the
 * lists) becomes one entry of search/index.js, its text folded to
 * lower-case ASCII without diacritics (text.h's ssg_text_fold), so that a
 * small script (theme/static/search.js) can find "gia đình văn hóa" from
 * "gia dinh van hoa" in the browser.  search/index.html lists the same
 * pages as links, so that without JavaScript the search box degrades to a
 * list of every page.
 *
 * index.js is a script,
 *   window.ssgSearchIndex = [...];
 * whose array, in site order, is JSON of
 *   {"u": URL relative to the site root, "t": title as shown,
 *    "k": kind of page in words, "f": folded title and text}
 * which the search page loads with a <script> element: a site opened
 * from file:// (the offline archive) may not fetch() a JSON file.  One
 * file, not a JSON twin beside it: each content commit writes the index
 * again whole (10 MB for 5,000 posts), and an office uploads it again.
 * A revision copy's posts that are the main site's pages (lean.h) are,
 * in its index, their addresses alone ("../../../posts/x/", a JSON
 * string in the array, in the entry's place), after a first line
 *   window.ssgSearchBase = "../../../";
 * that says where the main site's root is: their entries are the main
 * site's, the same but for the address, and search.js takes them from
 * its index.  Neither is read nor folded again for each copy (on a
 * province, five copies of up to 5,000 posts each were a tenth of a
 * cold build's time), and a reader who searched the main site has the
 * rest of a copy's index already.
 * The JSON escapes < > & and U+2028/U+2029 (buf.h), so the script cannot
 * be closed early ("</script") or broken by a line end inside a string,
 * and a program reads the array as JSON once the assignment is cut off.
 */
#ifndef SSG_SEARCH_H
#define SSG_SEARCH_H

#include "emit.h"
#include "model.h"
#include "plan.h"
#include "posttext.h"
#include "routes.h"

/* The folded text of one entry stops at this many bytes: enough for any
 * plan section, and a bound on what a huge table adds to the index. */
#define SSG_SEARCH_MAX_TEXT (64u * 1024)

/* Writes search/index.js and search/index.html
 * (template "search") through e, for the site of `plan` at `routes`
 * (a revision copy's posts may be the main site's pages: lean.h), its
 * indicators and tasks (view.h's values); the site's title is the
 * emitter's site.title.  A post's text is taken from `texts` where its
 * render gave it (NULL: each parsed here), and `texts` is refused when
 * the index is kept or not written.  Reports its own problems; returns
 * an ssg_code. */
int ssg_search_write(ssg_emit *e, const ssg_routes *routes,
		     const ssg_plan *plan, const ssg_value *indicators,
		     const ssg_value *tasks, ssg_posttext *texts);

#endif
