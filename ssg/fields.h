/*
 * fields — the columns the contract gives indicators.csv and tasks.csv:
 * each column's name, the title the site shows for it, and the other
 * headers clerks type for it.
 *
 * A clerk retypes a header as the site shows it ("Kết quả mới nhất" for
 * `result`) or leaves its accents off ("Ket qua moi nhat"): these name
 * the same column.  Headers are compared in their folded form (NFC, no
 * diacritics, lower case, '_' as a space), so "Kết quả mới nhất", "KẾT
 * QUẢ MỚI NHẤT" and "ket qua moi nhat" all match `result`.
 */
#ifndef SSG_FIELDS_H
#define SSG_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	const char *name;  /* "result": what the column is called in data */
	const char *title; /* "Kết quả mới nhất": what the site shows */
	bool required;
	const char *const *aliases; /* other headers; NULL-terminated */
} ssg_field;

/* The fields of table `table` ("indicators" or "tasks"), *n of them;
 * NULL and 0 for any other table. */
const ssg_field *ssg_fields_of(const char *table, size_t *n);

/* The table a CSV path holds the fields of: "indicators" for
 * "data/indicators.csv", likewise tasks; NULL for any other path. */
const char *ssg_fields_table_of_path(const char *path);

/* The field of `table` named `header` by its name, title or an alias,
 * compared folded; NULL when none. */
const ssg_field *ssg_fields_match(const char *table, const char *header);

/* The field of `table` whose name, title or alias is nearest to header
 * (edit distance between folded forms), and that distance; NULL when
 * the table has no fields. */
const ssg_field *ssg_fields_nearest(const char *table, const char *header,
				    size_t *dist);

/* Whether a header at edit distance `dist` from a name is more likely a
 * slip of that name than another column: at most 2 edits, and fewer
 * than a third of the letters for short names. */
bool ssg_fields_close(const char *header, size_t dist);

/* The field of `table` a header that matches none most likely means:
 * the nearest one when close (a slip: "reslt"), else one whose title or
 * alias starts the header or is started by it, word for word ("Kết quả
 * 6 tháng" means `result`, "Kết quả mới" too); the longest such word
 * wins.  NULL when none. */
const ssg_field *ssg_fields_meant(const char *table, const char *header);

/* The folded form of s (ssg_text_fold, '_' read as a space), for
 * comparing headers; the caller frees it. */
char *ssg_fields_fold(const char *s);

/* Edit distance between two strings' bytes (Levenshtein), at most
 * `max` + 1: past max it stops counting. */
size_t ssg_fields_distance(const char *a, const char *b, size_t max);

#endif
