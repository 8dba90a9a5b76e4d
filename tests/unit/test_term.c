/* term: content shown on a terminal cannot drive it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "term.h"

static void test_term_controls_are_shown_not_obeyed(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	/* ESC [ 31 m would recolour the screen; U+009B is CSI alone. */
	ssg_term_put(&b, "a\x1b[31mb\n\xc2\x9b" "2J\x7f");
	assert_string_equal(ssg_buf_cstr(&b), "a^[[31mb^JM-^[2J^?");
	ssg_buf_clear(&b);
	ssg_term_put(&b, "x\xffy");
	assert_string_equal(ssg_buf_cstr(&b), "x\xef\xbf\xbdy");
	ssg_buf_clear(&b);
	ssg_term_put(&b, "");
	assert_string_equal(ssg_buf_cstr(&b), "\"\"");
	ssg_buf_clear(&b);
	ssg_term_put(&b, "Mục đích");
	assert_string_equal(ssg_buf_cstr(&b), "Mục đích");
	ssg_buf_fini(&b);
}

static void test_term_event_in_one_line(void **state)
{
	(void)state;
	ssg_hev e;
	memset(&e, 0, sizeof(e));
	e.kind = SSG_HEV_CHANGED;
	e.table = "indicators";
	e.key = "1";
	e.field = "target";
	e.old = "90";
	e.new_ = "88\x1b";
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_term_event_put(&b, &e, "  ", false);
	assert_string_equal(ssg_buf_cstr(&b),
			    "indicators/1  target: 90 → 88^[");
	ssg_buf_clear(&b);
	/* In colour the old value is red, the new green. */
	ssg_term_event_put(&b, &e, "  ", true);
	assert_non_null(strstr(ssg_buf_cstr(&b), "\x1b[31m90"));
	assert_non_null(strstr(ssg_buf_cstr(&b), "\x1b[32m88^["));
	ssg_buf_fini(&b);
}

/* Two revisions of different plans: labels and periods as content. */
static void test_term_periods_line(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_term_periods(&b, "v2024", "2024", "a\x1b[2J", "2025");
	assert_string_equal(ssg_buf_cstr(&b),
			    "v2024 belongs to the plan for 2024, a^[[2J to "
			    "the plan for 2025: these are two different "
			    "plans, not a revision.\n");
	ssg_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_term_controls_are_shown_not_obeyed),
		cmocka_unit_test(test_term_event_in_one_line),
		cmocka_unit_test(test_term_periods_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
