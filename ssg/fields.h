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

/* What a column's cells are to a reader: text (figures included), a
 * date (dd/mm/yyyy or yyyy-mm-dd, shown dd/mm/yyyy), a task's status
 * (plan.h's words: "in_progress", "dang thuc hien"), an indicator's
 * direction ("up", "down"). */
typedef enum {
	SSG_FIELD_TEXT,
	SSG_FIELD_DATE,
	SSG_FIELD_STATUS,
	SSG_FIELD_DIRECTION
} ssg_field_kind;

typedef struct {
	const char *name;  /* "result": what the column is called in data */
	const char *title; /* "Kết quả mới nhất": what the site shows */
	bool required;
	const char *const *aliases; /* other headers; NULL-terminated */
	ssg_field_kind kind;
} ssg_field;

/* The fields of table `table` ("indicators" or "tasks"), *n of them;
 * NULL and 0 for any other table. */
const ssg_field *ssg_fields_of(const char *table, size_t *n);

/* The title the site shows for column `col` of table `table` when
 * datapackage.json gives it none: its field's title ("Kế hoạch" for
 * indicators' `target`); NULL when col is not one of the table's
 * fields.  In a table without fields, "Mã" for `id` or `mã`, "Thay
 * thế" for `replaces`, "Ghi chú" for `note` or `ghi chú` (compared
 * folded), "Tên" for a label column (ssg_fields_is_label), NULL for any
 * other.  The one list of these words: the
 * overview's headings, the change pages and the feed all read it. */
const char *ssg_fields_title(const char *table, const char *col);

/* The kind of column `col` of table `table`; SSG_FIELD_TEXT for any
 * column that is not one of its fields. */
ssg_field_kind ssg_fields_kind(const char *table, const char *col);

/* Whether column `col` of table `table` names its rows, so that a
 * reader sees the name beside the key ("5 — Tỷ lệ gia đình văn hóa"):
 * `name` of indicators, `title` of tasks; in any other table a column
 * called name, title, tên or tên … (tên xã), compared folded. */
bool ssg_fields_is_label(const char *table, const char *col);

/* The title of table `table` when datapackage.json gives it none: "Các
 * chỉ tiêu", "Các nhiệm vụ"; NULL for any other table. */
const char *ssg_fields_table_title(const char *table);

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
