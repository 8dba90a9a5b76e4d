#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "frontmatter.h"

typedef struct {
	ssg_model *m;
	ssg_diags *d;
	const ssg_value *meta;
	size_t body_off;
	unsigned body_line;
	int rc;
} parsed;

static parsed parse_n(const char *src, size_t len)
{
	parsed p;
	p.m = ssg_model_new();
	p.d = ssg_diags_new();
	p.meta = NULL;
	p.body_off = 12345;
	p.body_line = 12345;
	p.rc = ssg_frontmatter_parse(p.m, "content/_index.md", src, len,
				     &p.meta, &p.body_off, &p.body_line, p.d);
	return p;
}

static parsed parse(const char *src)
{
	return parse_n(src, strlen(src));
}

static void done(parsed *p)
{
	ssg_model_free(p->m);
	ssg_diags_free(p->d);
}

/* Asserts exactly one error at line:col whose message contains `part`. */
static void assert_error(parsed *p, int code, unsigned line, unsigned col,
			 const char *part)
{
	assert_int_equal(p->rc, code);
	assert_int_equal(ssg_diags_count(p->d), 1);
	const ssg_diag *g = ssg_diags_get(p->d, 0);
	assert_int_equal(g->sev, SSG_SEV_ERROR);
	assert_string_equal(g->path, "content/_index.md");
	assert_int_equal(g->line, line);
	assert_int_equal(g->col, col);
	if (!strstr(g->msg, part))
		fail_msg("message \"%s\" lacks \"%s\"", g->msg, part);
}

static void assert_str_at(const ssg_value *v, const char *s, unsigned line,
			  unsigned col)
{
	assert_int_equal(ssg_value_type(v), SSG_V_STR);
	assert_string_equal(ssg_value_str(v), s);
	assert_int_equal(ssg_value_line(v), line);
	assert_int_equal(ssg_value_col(v), col);
}

static void test_frontmatter_absent_gives_empty_map(void **state)
{
	(void)state;
	parsed p = parse("# Mục đích\n\n---\ntitle: x\n---\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_value_type(p.meta), SSG_V_MAP);
	assert_int_equal(ssg_value_len(p.meta), 0);
	assert_int_equal(p.body_off, 0);
	assert_int_equal(p.body_line, 1);
	assert_int_equal(ssg_diags_count(p.d), 0);
	done(&p);
}

static void test_frontmatter_thematic_break_is_not_an_opening(void **state)
{
	(void)state;
	parsed p = parse("----\ntext\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_value_len(p.meta), 0);
	assert_int_equal(p.body_off, 0);
	done(&p);
}

static void test_frontmatter_scalars_with_positions(void **state)
{
	(void)state;
	const char *src = "---\n"
			  "title: Kế hoạch phát triển\n"
			  "weight:   3\n"
			  "---\n"
			  "Nội dung\n";
	parsed p = parse(src);
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_value_len(p.meta), 2);
	assert_str_at(ssg_value_get(p.meta, "title"), "Kế hoạch phát triển", 2,
		      8);
	assert_str_at(ssg_value_get(p.meta, "weight"), "3", 3, 11);
	assert_string_equal(src + p.body_off, "Nội dung\n");
	assert_int_equal(p.body_line, 5);
	done(&p);
}

static void test_frontmatter_keeps_key_order(void **state)
{
	(void)state;
	parsed p = parse("---\nz: 1\na: 2\nm: 3\n---\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_string_equal(ssg_value_key_at(p.meta, 0), "z");
	assert_string_equal(ssg_value_key_at(p.meta, 1), "a");
	assert_string_equal(ssg_value_key_at(p.meta, 2), "m");
	done(&p);
}

static void test_frontmatter_flow_list_of_maps(void **state)
{
	(void)state;
	const char *src =
		"---\n"
		"title: Kế hoạch\n"
		"reports: [{name: \"Báo cáo 6 tháng\", due: 15/06/2024}, "
		"{name: \"Báo cáo năm\", due: 15/11/2024}]\n"
		"---\n";
	parsed p = parse(src);
	assert_int_equal(p.rc, SSG_OK);
	const ssg_value *r = ssg_value_get(p.meta, "reports");
	assert_int_equal(ssg_value_type(r), SSG_V_LIST);
	assert_int_equal(ssg_value_len(r), 2);
	assert_int_equal(ssg_value_line(r), 3);
	assert_int_equal(ssg_value_col(r), 10);
	const ssg_value *a = ssg_value_at(r, 0);
	const ssg_value *b = ssg_value_at(r, 1);
	assert_int_equal(ssg_value_type(a), SSG_V_MAP);
	assert_int_equal(ssg_value_col(a), 11);
	/* Columns count characters: "Báo cáo 6 tháng" is 15 of them. */
	assert_str_at(ssg_value_get(a, "name"), "Báo cáo 6 tháng", 3, 18);
	assert_str_at(ssg_value_get(a, "due"), "15/06/2024", 3, 42);
	assert_str_at(ssg_value_get(b, "name"), "Báo cáo năm", 3, 62);
	assert_str_at(ssg_value_get(b, "due"), "15/11/2024", 3, 82);
	assert_int_equal(p.body_line, 5);
	assert_int_equal(p.body_off, strlen(src));
	done(&p);
}

static void test_frontmatter_block_list_and_nested_map(void **state)
{
	(void)state;
	parsed p = parse("---\n"
			 "tags:\n"
			 "  - kế hoạch\n"
			 "  - 2024\n"
			 "issuer:\n"
			 "  name: UBND xã\n"
			 "  number: \"12/KH-UBND\"\n"
			 "---\n");
	assert_int_equal(p.rc, SSG_OK);
	const ssg_value *tags = ssg_value_get(p.meta, "tags");
	assert_int_equal(ssg_value_len(tags), 2);
	assert_str_at(ssg_value_at(tags, 0), "kế hoạch", 3, 5);
	assert_str_at(ssg_value_at(tags, 1), "2024", 4, 5);
	const ssg_value *issuer = ssg_value_get(p.meta, "issuer");
	assert_int_equal(ssg_value_type(issuer), SSG_V_MAP);
	assert_str_at(ssg_value_get(issuer, "name"), "UBND xã", 6, 9);
	assert_str_at(ssg_value_get(issuer, "number"), "12/KH-UBND", 7, 11);
	done(&p);
}

static void test_frontmatter_bom_and_crlf(void **state)
{
	(void)state;
	const char *src = "\xef\xbb\xbf---\r\ntitle: a b\r\ndate: 01/02/2024"
			  "\r\n---\r\nThân bài\r\n";
	parsed p = parse(src);
	assert_int_equal(p.rc, SSG_OK);
	assert_str_at(ssg_value_get(p.meta, "title"), "a b", 2, 8);
	assert_str_at(ssg_value_get(p.meta, "date"), "01/02/2024", 3, 7);
	assert_string_equal(src + p.body_off, "Thân bài\r\n");
	assert_int_equal(p.body_line, 5);
	done(&p);
}

static void test_frontmatter_dots_close(void **state)
{
	(void)state;
	const char *src = "---\ntitle: x\n...\nbody";
	parsed p = parse(src);
	assert_int_equal(p.rc, SSG_OK);
	assert_str_at(ssg_value_get(p.meta, "title"), "x", 2, 8);
	assert_string_equal(src + p.body_off, "body");
	assert_int_equal(p.body_line, 4);
	done(&p);
}

static void test_frontmatter_closing_at_end_of_file(void **state)
{
	(void)state;
	const char *src = "---\ntitle: x\n---";
	parsed p = parse(src);
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(p.body_off, strlen(src));
	assert_int_equal(p.body_line, 4);
	done(&p);
}

static void test_frontmatter_empty_block(void **state)
{
	(void)state;
	parsed p = parse("---\n# only a comment\n---\nx\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_value_type(p.meta), SSG_V_MAP);
	assert_int_equal(ssg_value_len(p.meta), 0);
	assert_int_equal(p.body_off, 25);
	assert_int_equal(p.body_line, 4);
	done(&p);
}

static void test_frontmatter_empty_value_is_empty_string(void **state)
{
	(void)state;
	parsed p = parse("---\nnote:\nx: y\n---\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_string_equal(ssg_value_str(ssg_value_get(p.meta, "note")), "");
	done(&p);
}

static void test_frontmatter_error_not_closed(void **state)
{
	(void)state;
	parsed p = parse("---\ntitle: x\n\nBody text\n");
	assert_error(&p, SSG_ERR_CONTENT, 1, 1,
		     "front matter is not closed: add a line with ---");
	done(&p);
}

static void test_frontmatter_error_invalid_yaml(void **state)
{
	(void)state;
	parsed p = parse("---\ntitle: a\nweight: b: c\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 3, 10, "invalid YAML");
	done(&p);
}

static void test_frontmatter_error_unterminated_quote(void **state)
{
	(void)state;
	parsed p = parse("---\na: 1\ntitle: \"Kế hoạch\nb: 2\n---\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	const ssg_diag *g = ssg_diags_get(p.d, 0);
	assert_string_equal(g->msg, "invalid YAML: a value opened with a quote "
				    "is never closed: add the closing quote at "
				    "the end of the value");
	/* Said at the opening quote, where the clerk must look, not at
	 * the end of the YAML text where libyaml notices. */
	assert_int_equal(g->line, 3);
	assert_int_equal(g->col, 8);
	done(&p);
}

/* The other mistakes clerks make in front matter, in their words, each
 * where it is to be mended. */
static void test_frontmatter_error_clerk_mistakes(void **state)
{
	(void)state;
	parsed p = parse("---\ntitle: Kế hoạch: năm 2024\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 2, 16,
		     "invalid YAML: a value holds ': ', which YAML reads as a "
		     "new name: put the whole value in double quotes");
	done(&p);
	p = parse("---\ntitle: x\nweight\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 3, 1,
		     "invalid YAML: a line has a name but no ':' after it");
	done(&p);
	p = parse("---\ntitle: @abc\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 2, 8,
		     "invalid YAML: a value starts with a character YAML "
		     "keeps for itself");
	done(&p);
	p = parse("---\ntitle: \"a\\qb\"\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 2, 10,
		     "invalid YAML: a \\ inside double quotes starts no "
		     "known escape");
	done(&p);
}

static void test_frontmatter_error_duplicate_key(void **state)
{
	(void)state;
	parsed p = parse("---\ntitle: a\nweight: 1\ntitle: b\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 4, 1, "duplicate key 'title'");
	done(&p);
}

static void test_frontmatter_error_duplicate_key_in_flow_map(void **state)
{
	(void)state;
	parsed p = parse("---\nreports: [{name: a, due: 1, name: b}]\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 2, 29, "duplicate key 'name'");
	done(&p);
}

static void test_frontmatter_error_anchor(void **state)
{
	(void)state;
	parsed p = parse("---\na: 1\nb: &x [1, 2]\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 3, 4, "anchors");
	done(&p);
}

static void test_frontmatter_error_alias(void **state)
{
	(void)state;
	parsed p = parse("---\na: 1\nb: *x\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 3, 4, "aliases");
	done(&p);
}

/* "a: " then `levels` nested flow lists: the top map is one level. */
static char *nested(int levels)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, "---\na: ");
	for (int i = 0; i < levels; i++)
		ssg_buf_putc(&b, '[');
	for (int i = 0; i < levels; i++)
		ssg_buf_putc(&b, ']');
	ssg_buf_puts(&b, "\n---\n");
	return ssg_buf_detach(&b);
}

static void test_frontmatter_depth_32_accepted(void **state)
{
	(void)state;
	char *src = nested(31);
	parsed p = parse(src);
	assert_int_equal(p.rc, SSG_OK);
	done(&p);
	free(src);
}

static void test_frontmatter_error_depth_33(void **state)
{
	(void)state;
	char *src = nested(32);
	parsed p = parse(src);
	assert_error(&p, SSG_ERR_LIMIT, 2, 35, "deeper than 32");
	done(&p);
	free(src);
}

static void test_frontmatter_error_deep_flow_megabyte(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *src = malloc(n + 16);
	memcpy(src, "---\na: ", 7);
	memset(src + 7, '[', n);
	memcpy(src + 7 + n, "\n---\n", 5);
	parsed p = parse_n(src, n + 12);
	assert_int_equal(p.rc, SSG_ERR_LIMIT);
	done(&p);
	free(src);
}

static void test_frontmatter_error_too_many_values(void **state)
{
	(void)state;
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_buf_puts(&b, "---\n");
	for (int i = 0; i <= SSG_FM_MAX_NODES; i++)
		ssg_buf_printf(&b, "k%d: v\n", i);
	ssg_buf_puts(&b, "---\n");
	parsed p = parse(ssg_buf_cstr(&b));
	assert_error(&p, SSG_ERR_LIMIT, SSG_FM_MAX_NODES + 1, 8,
		     "more than");
	done(&p);
	ssg_buf_fini(&b);
}

static void test_frontmatter_error_list_at_top(void **state)
{
	(void)state;
	parsed p = parse("---\n- a\n- b\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 2, 1, "key: value");
	done(&p);
}

static void test_frontmatter_error_scalar_at_top(void **state)
{
	(void)state;
	parsed p = parse("---\nKế hoạch năm\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 2, 1, "key: value");
	done(&p);
}

static void test_frontmatter_error_complex_key(void **state)
{
	(void)state;
	parsed p = parse("---\na: 1\n? [x, y]\n: z\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 3, 3, "a key must be plain text");
	done(&p);
}

static void test_frontmatter_error_flow_map_key(void **state)
{
	(void)state;
	parsed p = parse("---\na: {{b: c}: d}\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 2, 5, "a key must be plain text");
	done(&p);
}

static void test_frontmatter_error_invalid_utf8(void **state)
{
	(void)state;
	parsed p = parse("---\na: 1\ntitle: Kế \xe1\xbb\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 3, 11, "UTF-8");
	done(&p);
}

static void test_frontmatter_error_nul_byte(void **state)
{
	(void)state;
	parsed p = parse_n("---\nab: c\0d\n---\n", 15);
	assert_error(&p, SSG_ERR_CONTENT, 2, 6, "NUL");
	done(&p);
}

static void test_frontmatter_error_escaped_nul(void **state)
{
	(void)state;
	parsed p = parse("---\na: \"x\\0y\"\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 2, 4, "NUL");
	done(&p);
}

static void test_frontmatter_error_control_character(void **state)
{
	(void)state;
	parsed p = parse("---\na: 1\nbé: x\x01y\n---\n");
	assert_error(&p, SSG_ERR_CONTENT, 3, 6, "invalid YAML");
	done(&p);
}

static void test_frontmatter_error_tab_indent(void **state)
{
	(void)state;
	parsed p = parse("---\na:\n\t- x\n---\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	assert_int_equal(ssg_diags_get(p.d, 0)->line, 3);
	done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frontmatter_absent_gives_empty_map),
		cmocka_unit_test(test_frontmatter_thematic_break_is_not_an_opening),
		cmocka_unit_test(test_frontmatter_scalars_with_positions),
		cmocka_unit_test(test_frontmatter_keeps_key_order),
		cmocka_unit_test(test_frontmatter_flow_list_of_maps),
		cmocka_unit_test(test_frontmatter_block_list_and_nested_map),
		cmocka_unit_test(test_frontmatter_bom_and_crlf),
		cmocka_unit_test(test_frontmatter_dots_close),
		cmocka_unit_test(test_frontmatter_closing_at_end_of_file),
		cmocka_unit_test(test_frontmatter_empty_block),
		cmocka_unit_test(test_frontmatter_empty_value_is_empty_string),
		cmocka_unit_test(test_frontmatter_error_not_closed),
		cmocka_unit_test(test_frontmatter_error_invalid_yaml),
		cmocka_unit_test(test_frontmatter_error_unterminated_quote),
		cmocka_unit_test(test_frontmatter_error_duplicate_key),
		cmocka_unit_test(test_frontmatter_error_duplicate_key_in_flow_map),
		cmocka_unit_test(test_frontmatter_error_anchor),
		cmocka_unit_test(test_frontmatter_error_alias),
		cmocka_unit_test(test_frontmatter_depth_32_accepted),
		cmocka_unit_test(test_frontmatter_error_depth_33),
		cmocka_unit_test(test_frontmatter_error_deep_flow_megabyte),
		cmocka_unit_test(test_frontmatter_error_too_many_values),
		cmocka_unit_test(test_frontmatter_error_list_at_top),
		cmocka_unit_test(test_frontmatter_error_scalar_at_top),
		cmocka_unit_test(test_frontmatter_error_complex_key),
		cmocka_unit_test(test_frontmatter_error_flow_map_key),
		cmocka_unit_test(test_frontmatter_error_invalid_utf8),
		cmocka_unit_test(test_frontmatter_error_nul_byte),
		cmocka_unit_test(test_frontmatter_error_escaped_nul),
		cmocka_unit_test(test_frontmatter_error_control_character),
		cmocka_unit_test(test_frontmatter_error_tab_indent),
		cmocka_unit_test(test_frontmatter_error_clerk_mistakes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
