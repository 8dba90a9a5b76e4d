#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "table.h"

typedef struct {
	ssg_table *t;
	ssg_diags *d;
	int rc;
} parsed;

static parsed parse_n(const char *s, size_t n)
{
	parsed p = {NULL, ssg_diags_new(), 0};
	p.rc = ssg_table_parse(&p.t, "data/x.csv", s, n, p.d);
	if (p.rc == SSG_OK) {
		assert_non_null(p.t);
	} else {
		assert_null(p.t);
		assert_true(ssg_diags_errors(p.d) > 0);
	}
	return p;
}

static parsed parse(const char *s)
{
	return parse_n(s, strlen(s));
}

static void done(parsed *p)
{
	ssg_table_free(p->t);
	ssg_diags_free(p->d);
}

static void assert_cell(const ssg_table *t, size_t row, size_t col,
			const char *want)
{
	assert_string_equal(ssg_table_cell(t, row, col), want);
	assert_int_equal(ssg_table_cell_len(t, row, col), strlen(want));
}

/* The diagnostic at index i is at line:col and its message contains
 * `part`. */
static void assert_diag(const parsed *p, size_t i, unsigned line, unsigned col,
			const char *part)
{
	assert_true(i < ssg_diags_count(p->d));
	const ssg_diag *g = ssg_diags_get(p->d, i);
	assert_int_equal(g->sev, SSG_SEV_ERROR);
	assert_string_equal(g->path, "data/x.csv");
	assert_int_equal(g->line, line);
	assert_int_equal(g->col, col);
	if (!strstr(g->msg, part))
		fail_msg("message \"%s\" lacks \"%s\"", g->msg, part);
}

static void test_table_simple_comma(void **state)
{
	(void)state;
	parsed p = parse("id,name\n1,An\n2,Bình\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_delimiter(p.t), ',');
	assert_int_equal(ssg_table_ncols(p.t), 2);
	assert_int_equal(ssg_table_nrows(p.t), 2);
	assert_string_equal(ssg_table_path(p.t), "data/x.csv");
	assert_string_equal(ssg_table_colname(p.t, 0), "id");
	assert_string_equal(ssg_table_colname(p.t, 1), "name");
	assert_cell(p.t, 0, 0, "1");
	assert_cell(p.t, 1, 1, "Bình");
	assert_int_equal(ssg_table_header_line(p.t), 1);
	assert_int_equal(ssg_table_row_line(p.t, 0), 2);
	assert_int_equal(ssg_table_row_line(p.t, 1), 3);
	assert_int_equal(ssg_diags_count(p.d), 0);
	done(&p);
}

static void test_table_bom_skipped(void **state)
{
	(void)state;
	parsed p = parse("\xEF\xBB\xBFid,name\n1,An\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_string_equal(ssg_table_colname(p.t, 0), "id");
	assert_int_equal(ssg_table_col_find(p.t, "id"), 0);
	assert_cell(p.t, 0, 1, "An");
	done(&p);
}

static void test_table_bom_before_quoted_header(void **state)
{
	(void)state;
	parsed p = parse("\xEF\xBB\xBF\"id\",\"tên\"\r\n1,An\r\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_string_equal(ssg_table_colname(p.t, 0), "id");
	assert_string_equal(ssg_table_colname(p.t, 1), "tên");
	assert_cell(p.t, 0, 1, "An");
	done(&p);
}

static void test_table_semicolon_detected(void **state)
{
	(void)state;
	parsed p = parse("id;name;value\n1;\"a, b\";72,2\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_delimiter(p.t), ';');
	assert_int_equal(ssg_table_ncols(p.t), 3);
	assert_cell(p.t, 0, 1, "a, b");
	assert_cell(p.t, 0, 2, "72,2");
	done(&p);
}

static void test_table_tab_detected(void **state)
{
	(void)state;
	parsed p = parse("id\tname, full\tv;w\n1\t An \t2\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_delimiter(p.t), '\t');
	assert_int_equal(ssg_table_ncols(p.t), 3);
	assert_string_equal(ssg_table_colname(p.t, 1), "name, full");
	assert_cell(p.t, 0, 1, " An "); /* cells are kept as written */
	done(&p);
}

static void test_table_delimiter_in_quotes_not_counted(void **state)
{
	(void)state;
	/* Two ';' outside quotes, three ',' inside. */
	parsed p = parse("\"a,b,c,d\";x;y\n1;2;3\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_delimiter(p.t), ';');
	assert_string_equal(ssg_table_colname(p.t, 0), "a,b,c,d");
	done(&p);
}

static void test_table_delimiter_tie_prefers_comma(void **state)
{
	(void)state;
	parsed p = parse("a,b;c\n1,2;3\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_delimiter(p.t), ',');
	assert_int_equal(ssg_table_ncols(p.t), 2);
	assert_cell(p.t, 0, 1, "2;3");
	done(&p);
}

static void test_table_single_column_uses_comma(void **state)
{
	(void)state;
	parsed p = parse("name\nAn\n\"B, C\"\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_delimiter(p.t), ',');
	assert_int_equal(ssg_table_ncols(p.t), 1);
	assert_int_equal(ssg_table_nrows(p.t), 2);
	assert_cell(p.t, 1, 0, "B, C");
	done(&p);
}

static void test_table_crlf(void **state)
{
	(void)state;
	parsed p = parse("a,b\r\n1,\"x\"\r\n,5\r\n3,4");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_nrows(p.t), 3);
	assert_string_equal(ssg_table_colname(p.t, 1), "b");
	assert_cell(p.t, 0, 1, "x");
	assert_cell(p.t, 1, 0, "");
	assert_cell(p.t, 1, 1, "5");
	assert_cell(p.t, 2, 1, "4");
	assert_int_equal(ssg_table_row_line(p.t, 2), 4);
	done(&p);
}

static void test_table_no_final_newline(void **state)
{
	(void)state;
	parsed p = parse("a,b\n1,2");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_nrows(p.t), 1);
	assert_cell(p.t, 0, 1, "2");
	done(&p);
}

static void test_table_quoted_newline_in_field(void **state)
{
	(void)state;
	parsed p = parse("id,text\n"
			 "1,\"two\nlines\"\n"
			 "2,\"three\r\n\nlines\"\n"
			 "3,end\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_nrows(p.t), 3);
	assert_cell(p.t, 0, 1, "two\nlines");
	assert_cell(p.t, 1, 1, "three\r\n\nlines");
	assert_int_equal(ssg_table_row_line(p.t, 0), 2);
	assert_int_equal(ssg_table_row_line(p.t, 1), 4);
	assert_int_equal(ssg_table_row_line(p.t, 2), 7);
	done(&p);
}

static void test_table_escaped_quotes(void **state)
{
	(void)state;
	parsed p = parse("a,b\n\"say \"\"hi\"\"\",\"\"\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_cell(p.t, 0, 0, "say \"hi\"");
	assert_cell(p.t, 0, 1, "");
	done(&p);
}

static void test_table_cells_not_trimmed(void **state)
{
	(void)state;
	parsed p = parse(" id , name \n 1 ,\" A \"\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_string_equal(ssg_table_colname(p.t, 0), "id");
	assert_string_equal(ssg_table_colname(p.t, 1), "name");
	assert_cell(p.t, 0, 0, " 1 ");
	assert_cell(p.t, 0, 1, " A ");
	done(&p);
}

static void test_table_ragged_rows_all_reported(void **state)
{
	(void)state;
	parsed p = parse("a,b,c\n"
			 "1,2,3\n"
			 "1,2,3,4\n"
			 "1,2\n"
			 "1,2,3\n"
			 "x,\"y\nz\",w,v\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 3);
	assert_diag(&p, 0, 3, 7, "row has 4 fields, the header has 3");
	assert_diag(&p, 1, 4, 4, "row has 2 fields, the header has 3");
	/* The extra field of a row that spans two lines is on its second. */
	assert_diag(&p, 2, 7, 6, "row has 4 fields, the header has 3");
	done(&p);
}

static void test_table_ragged_messages_name_delimiter(void **state)
{
	(void)state;
	parsed p = parse("a;b\n1;2;3\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 2, 5, "';'");
	done(&p);
}

static void test_table_unterminated_quote(void **state)
{
	(void)state;
	parsed p = parse("a,b\n1,2\n3,\"open\n4,5\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	assert_diag(&p, 0, 3, 3, "unterminated quoted field: add the closing \"");
	done(&p);
}

static void test_table_quote_in_unquoted_field(void **state)
{
	(void)state;
	parsed p = parse("a,b\n1,2\n3,12\"5\n4,5,6\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	/* Parsing goes on after the bad line, so the ragged row is found. */
	assert_int_equal(ssg_diags_count(p.d), 2);
	assert_diag(&p, 0, 3, 5, "quote (\") inside a field");
	assert_diag(&p, 1, 4, 5, "row has 3 fields");
	done(&p);
}

static void test_table_text_after_closing_quote(void **state)
{
	(void)state;
	parsed p = parse("a,b\n\"x\" ,2\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 2, 4, "after the closing quote");
	done(&p);
}

static void test_table_syntax_error_in_header_stops(void **state)
{
	(void)state;
	parsed p = parse("a,b\"c\n1,2,3\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	assert_diag(&p, 0, 1, 4, "quote");
	done(&p);
}

static void test_table_invalid_utf8_position(void **state)
{
	(void)state;
	/* "Bắc" in Windows-1258 would be B, 0xE3 0xD2, c; here 0xE0 ("à")
	 * follows two valid Vietnamese letters on line 3. */
	parsed p = parse("a,b\n1,x\n2,ắâ\xE0n\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	assert_diag(&p, 0, 3, 5, "must be saved as UTF-8");
	done(&p);
}

static void test_table_invalid_utf8_overlong_and_surrogate(void **state)
{
	(void)state;
	parsed p = parse("a\n\xC0\xAF\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 2, 1, "UTF-8");
	done(&p);
	p = parse("a\nx\xED\xA0\x80\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 2, 2, "UTF-8");
	done(&p);
	p = parse("a\nxy\xE1\xBA\n"); /* truncated sequence */
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 2, 3, "UTF-8");
	done(&p);
}

static void test_table_nul_byte(void **state)
{
	(void)state;
	static const char s[] = "a,b\n1,2\x00x\n";
	parsed p = parse_n(s, sizeof s - 1);
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 2, 4, "NUL byte");
	assert_diag(&p, 0, 2, 4, "UTF-8");
	done(&p);
}

static void test_table_utf16_named(void **state)
{
	(void)state;
	static const char s[] = "\xFF\xFE" "a\x00\n\x00";
	parsed p = parse_n(s, sizeof s - 1);
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 1, 1, "UTF-16");
	done(&p);
}

static void test_table_lone_cr_rejected(void **state)
{
	(void)state;
	parsed p = parse("a,b\r1,2\r");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 1, 4, "LF or CRLF");
	done(&p);
}

static void test_table_empty_file(void **state)
{
	(void)state;
	parsed p = parse("");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	assert_diag(&p, 0, 1, 1, "empty file: a header row is needed");
	done(&p);
	p = parse("\xEF\xBB\xBF\r\n\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_diag(&p, 0, 1, 1, "empty file");
	done(&p);
}

static void test_table_header_only(void **state)
{
	(void)state;
	parsed p = parse("id,name\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_ncols(p.t), 2);
	assert_int_equal(ssg_table_nrows(p.t), 0);
	assert_string_equal(ssg_table_colname(p.t, 1), "name");
	done(&p);
	p = parse("id,name");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_nrows(p.t), 0);
	done(&p);
}

static void test_table_trailing_empty_lines_not_rows(void **state)
{
	(void)state;
	parsed p = parse("a,b\n1,2\n\n\r\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_nrows(p.t), 1);
	done(&p);
}

static void test_table_leading_empty_lines_before_header(void **state)
{
	(void)state;
	parsed p = parse("\n\na,b\n1,2\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_header_line(p.t), 3);
	assert_int_equal(ssg_table_row_line(p.t, 0), 4);
	done(&p);
}

static void test_table_empty_line_inside_reported(void **state)
{
	(void)state;
	parsed p = parse("a,b\n1,2\n\n\n3,4\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	assert_diag(&p, 0, 3, 1, "2 empty lines inside the table");
	done(&p);
}

static void test_table_empty_line_single_column_is_row(void **state)
{
	(void)state;
	parsed p = parse("name\nAn\n\nBa\n\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_nrows(p.t), 3);
	assert_cell(p.t, 1, 0, "");
	assert_cell(p.t, 2, 0, "Ba");
	assert_int_equal(ssg_table_row_line(p.t, 1), 3);
	assert_int_equal(ssg_table_row_line(p.t, 2), 4);
	done(&p);
}

static void test_table_duplicate_column(void **state)
{
	(void)state;
	parsed p = parse("id,Name,x,\" name \"\n1,2,3,4\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	assert_diag(&p, 0, 1, 11, "\"name\" is used twice (also column 2)");
	done(&p);
}

static void test_table_empty_column_name(void **state)
{
	(void)state;
	parsed p = parse("id,  ,x,\n1,2,3,4\n");
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	assert_int_equal(ssg_diags_count(p.d), 2);
	assert_diag(&p, 0, 1, 4, "column 2 has no name");
	assert_diag(&p, 1, 1, 9, "column 4 has no name");
	done(&p);
}

static void test_table_col_find_case_insensitive_trimmed(void **state)
{
	(void)state;
	parsed p = parse("ID , Result,as_of\n1,2,3\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_col_find(p.t, "id"), 0);
	assert_int_equal(ssg_table_col_find(p.t, "RESULT"), 1);
	assert_int_equal(ssg_table_col_find(p.t, " result "), 1);
	assert_int_equal(ssg_table_col_find(p.t, "As_Of"), 2);
	assert_int_equal(ssg_table_col_find(p.t, "as"), -1);
	assert_int_equal(ssg_table_col_find(p.t, "note"), -1);
	done(&p);
}

static void test_table_out_of_range_cell_is_empty(void **state)
{
	(void)state;
	parsed p = parse("a\n1\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_non_null(ssg_table_cell(p.t, 5, 0));
	assert_string_equal(ssg_table_cell(p.t, 0, 7), "");
	assert_int_equal(ssg_table_cell_len(p.t, 9, 9), 0);
	assert_string_equal(ssg_table_colname(p.t, 3), "");
	done(&p);
}

static void test_table_limit_bytes(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_table *t = NULL;
	/* The length alone is checked first: the bytes are never read. */
	static const char s[] = "a\n";
	int rc = ssg_table_parse(&t, "data/x.csv", s,
				 (size_t)SSG_TABLE_MAX_BYTES + 1, d);
	assert_int_equal(rc, SSG_ERR_LIMIT);
	assert_null(t);
	assert_int_equal(ssg_diags_errors(d), 1);
	assert_non_null(strstr(ssg_diags_get(d, 0)->msg, "split"));
	ssg_diags_free(d);
}

static char *field_of(size_t n, const char *head, const char *tail)
{
	size_t h = strlen(head), k = strlen(tail);
	char *s = malloc(h + n + k + 1);
	assert_non_null(s);
	memcpy(s, head, h);
	memset(s + h, 'x', n);
	memcpy(s + h + n, tail, k + 1);
	return s;
}

static void test_table_limit_field(void **state)
{
	(void)state;
	/* Exactly at the limit, quoted and unquoted: accepted. */
	char *s = field_of(SSG_TABLE_MAX_FIELD, "a,b\n1,\"", "\"\n");
	parsed p = parse(s);
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_cell_len(p.t, 0, 1), SSG_TABLE_MAX_FIELD);
	done(&p);
	free(s);
	s = field_of(SSG_TABLE_MAX_FIELD, "a,b\n1,", "\n");
	p = parse(s);
	assert_int_equal(p.rc, SSG_OK);
	done(&p);
	free(s);
	/* One byte more: refused, at the field, quoted or not. */
	s = field_of(SSG_TABLE_MAX_FIELD + 1, "a,b\n1,2\n1,\"", "\"\n2,3,4\n");
	p = parse(s);
	assert_int_equal(p.rc, SSG_ERR_LIMIT);
	assert_int_equal(ssg_diags_count(p.d), 1);
	assert_int_equal(ssg_diags_get(p.d, 0)->line, 3);
	assert_non_null(strstr(ssg_diags_get(p.d, 0)->msg, "longer than"));
	done(&p);
	free(s);
	s = field_of(SSG_TABLE_MAX_FIELD + 1, "a,b\n1,", "\n");
	p = parse(s);
	assert_int_equal(p.rc, SSG_ERR_LIMIT);
	assert_diag(&p, 0, 2, 3, "longer than");
	done(&p);
	free(s);
}

static void test_table_limit_rows(void **state)
{
	(void)state;
	size_t n = (size_t)SSG_TABLE_MAX_ROWS + 1;
	char *s = malloc(2 + 2 * n + 1);
	assert_non_null(s);
	memcpy(s, "a\n", 2);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 2 + 2 * i, "1\n", 2);
	s[2 + 2 * n] = '\0';
	parsed p = parse(s);
	assert_int_equal(p.rc, SSG_ERR_LIMIT);
	assert_diag(&p, 0, SSG_TABLE_MAX_ROWS + 2, 1, "rows");
	done(&p);
	/* One row fewer is fine. */
	s[2 + 2 * (n - 1)] = '\0';
	p = parse(s);
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_nrows(p.t), SSG_TABLE_MAX_ROWS);
	done(&p);
	free(s);
}

static void test_table_errors_capped(void **state)
{
	(void)state;
	size_t n = 1000;
	char *s = malloc(4 + 4 * n + 1);
	assert_non_null(s);
	memcpy(s, "a,b\n", 4);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 4 + 4 * i, "1,,\n", 4);
	s[4 + 4 * n] = '\0';
	parsed p = parse(s);
	assert_int_equal(p.rc, SSG_ERR_CONTENT);
	size_t k = ssg_diags_count(p.d);
	assert_true(k > 50 && k < 200);
	assert_non_null(strstr(ssg_diags_get(p.d, k - 1)->msg, "too many"));
	done(&p);
	free(s);
}

static void test_table_large_table_fast_and_exact(void **state)
{
	(void)state;
	size_t n = 100000;
	char *s = malloc(64 * (n + 1));
	assert_non_null(s);
	size_t len = (size_t)sprintf(s, "id,name,value,note\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(s + len, "%zu,\"Xã %zu, huyện\",%zu,%s\n",
				       i, i, i * 7, i % 2 ? "" : "ghi chú");
	parsed p = parse_n(s, len);
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_table_nrows(p.t), n);
	char want[64];
	for (size_t i = 0; i < n; i += 997) {
		snprintf(want, sizeof want, "Xã %zu, huyện", i);
		assert_cell(p.t, i, 1, want);
		snprintf(want, sizeof want, "%zu", i * 7);
		assert_cell(p.t, i, 2, want);
		assert_int_equal(ssg_table_row_line(p.t, i), i + 2);
	}
	assert_cell(p.t, n - 1, 3, "");
	done(&p);
	free(s);
}

/* Excel and LibreOffice leave rows of bare delimiters under a table:
 * they are no rows, even with fewer delimiters than the header has. */
static void test_table_all_empty_rows_ignored(void **state)
{
	(void)state;
	parsed p = parse("\xEF\xBB\xBFid;name;unit\r\n1;A;%\r\n;;\r\n\"\";  ;\r\n"
			 "2;B;\r\n;\r\n;;\r\n");
	assert_int_equal(p.rc, SSG_OK);
	assert_int_equal(ssg_diags_count(p.d), 0);
	assert_int_equal(ssg_table_nrows(p.t), 2);
	assert_cell(p.t, 1, 1, "B");
	assert_int_equal(ssg_table_row_line(p.t, 1), 5);
	done(&p);
}

/* A cell's place in the file, for diagnostics about its value: after a
 * BOM, a quoted field over two lines, letters of two bytes. */
static void test_table_cell_where(void **state)
{
	(void)state;
	const char *src = "\xEF\xBB\xBFid;t\xC3\xAAn;x;y\r\n1;\"a\nb\";\xC4\x91\xC3\xA2y;1.250\r\n";
	parsed p = parse_n(src, strlen(src));
	assert_int_equal(p.rc, SSG_OK);
	unsigned line, col;
	ssg_table_cell_where(p.t, src, strlen(src), SSG_TABLE_HEADER, 2, &line,
			     &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 8);
	ssg_table_cell_where(p.t, src, strlen(src), 0, 1, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 3);
	ssg_table_cell_where(p.t, src, strlen(src), 0, 3, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 8);
	/* Inside the cell: "a\nb" is quoted, its 'b' starts line 3. */
	ssg_table_text_where(p.t, src, strlen(src), 0, 1, 2, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	ssg_table_text_where(p.t, src, strlen(src), 0, 2, 2, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 5);
	done(&p);
	/* A doubled quote is one byte of text. */
	const char *q = "a,b\n1,\"x\"\"?y\"\n";
	p = parse(q);
	assert_cell(p.t, 0, 1, "x\"?y");
	ssg_table_text_where(p.t, q, strlen(q), 0, 1, 2, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 7);
	done(&p);
}

/* In indicators.csv a header written as the site shows the column is
 * the column's name; written twice, the second is reported by what the
 * clerk wrote. */
static void test_table_site_titles_are_column_names(void **state)
{
	(void)state;
	ssg_diags *d = ssg_diags_new();
	ssg_table *t = NULL;
	const char *ok = "STT;Chỉ tiêu;Kết quả mới nhất\r\n1;A;89,2\r\n";
	assert_int_equal(ssg_table_parse(&t, "data/indicators.csv", ok,
					 strlen(ok), d),
			 SSG_OK);
	assert_string_equal(ssg_table_colname(t, 0), "id");
	assert_string_equal(ssg_table_colname(t, 2), "result");
	assert_int_equal(ssg_table_col_find(t, "result"), 2);
	ssg_table_free(t);
	/* Other tables keep their headers. */
	assert_int_equal(ssg_table_parse(&t, "data/x.csv", ok, strlen(ok), d),
			 SSG_OK);
	assert_string_equal(ssg_table_colname(t, 2), "Kết quả mới nhất");
	ssg_table_free(t);
	const char *twice = "id,result,Kết quả mới nhất\n1,2,3\n";
	assert_int_equal(ssg_table_parse(&t, "data/indicators.csv", twice,
					 strlen(twice), d),
			 SSG_ERR_CONTENT);
	const ssg_diag *g = ssg_diags_get(d, 0);
	assert_int_equal(g->col, 11);
	assert_string_equal(g->msg,
			    "column \"Kết quả mới nhất\" is column 'result', "
			    "which column 2 already is: keep one of the two");
	ssg_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_simple_comma),
		cmocka_unit_test(test_table_bom_skipped),
		cmocka_unit_test(test_table_bom_before_quoted_header),
		cmocka_unit_test(test_table_semicolon_detected),
		cmocka_unit_test(test_table_tab_detected),
		cmocka_unit_test(test_table_delimiter_in_quotes_not_counted),
		cmocka_unit_test(test_table_delimiter_tie_prefers_comma),
		cmocka_unit_test(test_table_single_column_uses_comma),
		cmocka_unit_test(test_table_crlf),
		cmocka_unit_test(test_table_no_final_newline),
		cmocka_unit_test(test_table_quoted_newline_in_field),
		cmocka_unit_test(test_table_escaped_quotes),
		cmocka_unit_test(test_table_cells_not_trimmed),
		cmocka_unit_test(test_table_ragged_rows_all_reported),
		cmocka_unit_test(test_table_ragged_messages_name_delimiter),
		cmocka_unit_test(test_table_unterminated_quote),
		cmocka_unit_test(test_table_quote_in_unquoted_field),
		cmocka_unit_test(test_table_text_after_closing_quote),
		cmocka_unit_test(test_table_syntax_error_in_header_stops),
		cmocka_unit_test(test_table_invalid_utf8_position),
		cmocka_unit_test(test_table_invalid_utf8_overlong_and_surrogate),
		cmocka_unit_test(test_table_nul_byte),
		cmocka_unit_test(test_table_utf16_named),
		cmocka_unit_test(test_table_lone_cr_rejected),
		cmocka_unit_test(test_table_empty_file),
		cmocka_unit_test(test_table_header_only),
		cmocka_unit_test(test_table_trailing_empty_lines_not_rows),
		cmocka_unit_test(test_table_leading_empty_lines_before_header),
		cmocka_unit_test(test_table_empty_line_inside_reported),
		cmocka_unit_test(test_table_empty_line_single_column_is_row),
		cmocka_unit_test(test_table_duplicate_column),
		cmocka_unit_test(test_table_empty_column_name),
		cmocka_unit_test(test_table_col_find_case_insensitive_trimmed),
		cmocka_unit_test(test_table_out_of_range_cell_is_empty),
		cmocka_unit_test(test_table_limit_bytes),
		cmocka_unit_test(test_table_limit_field),
		cmocka_unit_test(test_table_limit_rows),
		cmocka_unit_test(test_table_errors_capped),
		cmocka_unit_test(test_table_large_table_fast_and_exact),
		cmocka_unit_test(test_table_all_empty_rows_ignored),
		cmocka_unit_test(test_table_cell_where),
		cmocka_unit_test(test_table_site_titles_are_column_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
