/* Test helper for the history's page texts.  Header-only, like
 * fixture.h. */
#ifndef SSG_TEST_FX_HISTORY_H
#define SSG_TEST_FX_HISTORY_H

#include <stdbool.h>

#include "buf.h"
#include "history.h"

/* What ssg_history_page_text gives, through a reader of h's own, as a
 * string valid until the call after next (the tests compare the two
 * versions of a page at once); "(unreadable)" when it gives nothing. */
static inline const char *fx_page_text(ssg_history *h, const ssg_hpage *p,
				       bool after)
{
	static ssg_buf ring[2]; /* reachable to the end: not a leak */
	static int k;
	ssg_buf *b = &ring[k ^= 1];
	ssg_history_reader *r = ssg_history_reader_new(h);
	bool ok = r && ssg_history_page_text(r, p, after, b);
	ssg_history_reader_free(r);
	return ok ? ssg_buf_cstr(b) : "(unreadable)";
}

#endif
