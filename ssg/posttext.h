/*
 * posttext — each post's readable text, handed from the thread that
 * renders the post to the one that writes the search index.
 *
 * Both need the text of every post's Markdown, and getting it is a
 * parse: the render has it (ssg_md_render, given a text buffer), so the index takes it
 * from there instead of parsing again.  The index takes post i's text
 * after its render has given it, or said it will not (a page kept from
 * an earlier build, a copy's page that is the main site's, a render that
 * failed): the index then makes it itself.  The index waits for nothing
 * that may not come: once the posts' renders are over, the caller
 * closes the set, which answers every post not given.  A set refused by
 * the index (kept, or not written) lets go of every text given.  The
 * texts held at once are bounded (2 MB): past that, a text given is let
 * go and counts as none, so an index that lags parses more itself.
 *
 * Thread-safe: any number of givers, one taker.  Every function accepts
 * NULL (nothing shared: take answers false at once).
 */
#ifndef SSG_POSTTEXT_H
#define SSG_POSTTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct ssg_posttext ssg_posttext;

/* The set for a site of n posts (in the plan's order). */
ssg_posttext *ssg_posttext_new(size_t n);
void ssg_posttext_free(ssg_posttext *t);

/* What the renders of posts from..from+n-1 give, at once, as a job of
 * renders ends (one wake of the taker, not one a post): text[k] moved
 * (left empty, ready for reuse) where has[k], else none. */
void ssg_posttext_give(ssg_posttext *t, size_t from, size_t n,
		       ssg_buf *text, const bool *has);
/* The renders are over: every post not given has no text. */
void ssg_posttext_close(ssg_posttext *t);
/* The index will take nothing: every text given, and every one given
 * from now on, is let go. */
void ssg_posttext_refuse(ssg_posttext *t);

/* Waits until post i's render has given its text or said it will not;
 * true with the text appended to out (moved there when out is empty),
 * false when there is none. */
bool ssg_posttext_take(ssg_posttext *t, size_t i, ssg_buf *out);

#endif
