/*
 * Regression tests for the bugs the bad-input catalogue (tests/bad/) and
 * the fuzzers (fuzz/) found in other modules: one test per fix.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "markdown.h"

static char *md(const char *src, int *rc)
{
	ssg_diags *d = ssg_diags_new();
	ssg_buf html;
	ssg_buf_init(&html);
	*rc = ssg_md_render("content/a.md", src, strlen(src), 1, NULL, &html,
			    NULL, d);
	ssg_diags_free(d);
	char *s = ssg_xstrdup(ssg_buf_cstr(&html));
	ssg_buf_fini(&html);
	return s;
}

/* fuzz/corpus/markdown/crash-data-url-control: a control character in
 * the middle of "data:image/gif" hid a data: URL of another type. */
static void test_md_data_url_with_control_char_is_dropped(void **state)
{
	(void)state;
	int rc;
	char *h = md("![i](data:ima\x15ge/gif;base64,AA)\n", &rc);
	assert_int_equal(rc, SSG_OK);
	assert_null(strstr(h, "data:"));
	assert_non_null(strstr(h, "src=\"\""));
	free(h);
	/* The real thing still passes, and tabs are still seen through. */
	h = md("![i](data:image/gif;base64,AA) [j](<java\tscript:x>)\n", &rc);
	assert_non_null(strstr(h, "src=\"data:image/gif;base64,AA\""));
	assert_non_null(strstr(h, "href=\"\""));
	free(h);
	/* Leading control characters are skipped, as browsers do. */
	h = md("[j](<\x01javascript:x>)\n", &rc);
	assert_null(strstr(h, "javascript"));
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md_data_url_with_control_char_is_dropped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
