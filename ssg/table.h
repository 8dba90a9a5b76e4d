/*
 * table — CSV bytes into a table of strings, with source positions.
 * The only libcsv user.
 *
 * Rules (contract section 2): UTF-8 (validated; a BOM is skipped), a
 * header row, delimiter `,` `;` or TAB detected from the header line,
 * RFC 4180 quoting in strict mode, LF or CRLF.  Every row must have as
 * many fields as the header.  All problems are reported, each as
 * PATH:LINE:COL, and the parse fails with SSG_ERR_CONTENT.
 * Limits: SSG_TABLE_MAX_BYTES input, SSG_TABLE_MAX_FIELD bytes per field;
 * past them the parse fails with a diagnostic (SSG_ERR_LIMIT).
 *
 * Empty lines before the header and at the end are not rows; between
 * rows an empty line is a row of one empty cell in a one-column table
 * and an error otherwise.  A row whose cells are all empty or white
 * space (";;;;" that spreadsheets leave under a table) is no row, in a
 * table of two columns or more.  A carriage return not followed by a line feed
 * (old Mac line endings) is an error.  Columns in diagnostics count
 * characters, not bytes.
 */
#ifndef SSG_TABLE_H
#define SSG_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define SSG_TABLE_MAX_BYTES (64u * 1024 * 1024)
#define SSG_TABLE_MAX_FIELD (1u * 1024 * 1024)
#define SSG_TABLE_MAX_ROWS 1000000u

typedef struct ssg_table ssg_table;

int ssg_table_parse(ssg_table **out, const char *path, const char *bytes,
		    size_t len, ssg_diags *d) SSG_WUR;
void ssg_table_free(ssg_table *t); /* accepts NULL */

const char *ssg_table_path(const ssg_table *t);
char ssg_table_delimiter(const ssg_table *t);
size_t ssg_table_ncols(const ssg_table *t);
size_t ssg_table_nrows(const ssg_table *t); /* header not counted */
/* Column name as written, trimmed of white space; in indicators.csv and
 * tasks.csv a header written as the site shows the column ("Kết quả mới
 * nhất") is the column's own name ("result"), see fields.h. */
const char *ssg_table_colname(const ssg_table *t, size_t col);
/* Gives column `col` another name: a header written as datapackage.json
 * titles a field is that field (plan.c). */
void ssg_table_col_rename(ssg_table *t, size_t col, const char *name);
/* Index of the column whose trimmed name equals `name` ignoring ASCII
 * case, or -1. */
long ssg_table_col_find(const ssg_table *t, const char *name);
/* Whether a and b name one column so (NULL names none): a column's name
 * in a past version of its table (history.h's events). */
bool ssg_table_colname_is(const char *a, const char *b);
/* The field's text as written (quotes removed), never NULL. */
const char *ssg_table_cell(const ssg_table *t, size_t row, size_t col);
size_t ssg_table_cell_len(const ssg_table *t, size_t row, size_t col);
/* 1-based source line where the row (0 = first data row) starts; the
 * header is line ssg_table_header_line(). */
unsigned ssg_table_row_line(const ssg_table *t, size_t row);
unsigned ssg_table_header_line(const ssg_table *t);

/* Where cell (row, col) starts in `bytes`, the very bytes t was parsed
 * from: its line and its column in characters (at an opening quote, if
 * any).  row SSG_TABLE_HEADER is the header.  Diagnostics about a
 * cell's value point there. */
#define SSG_TABLE_HEADER ((size_t)-1)
void ssg_table_cell_where(const ssg_table *t, const char *bytes, size_t len,
			  size_t row, size_t col, unsigned *line,
			  unsigned *lcol);
/* The same for byte `off` of the cell's text (ssg_table_cell), inside
 * its quotes if it has them. */
void ssg_table_text_where(const ssg_table *t, const char *bytes, size_t len,
			  size_t row, size_t col, size_t off, unsigned *line,
			  unsigned *lcol);

#endif
