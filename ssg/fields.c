#include "fields.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

#define A(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Titles are the site's own (the indicators table of the overview, the
 * tasks page, the change pages); aliases are the other words a clerk
 * types, from the plan's own tables ("STT", "Nội dung"). */
/* Kinds, short, for the tables below. */
#define TEXT SSG_FIELD_TEXT
#define DATE SSG_FIELD_DATE

static const ssg_field indicators[] = {
	{"id", "STT", true, A("Mã", "Số thứ tự", "Mã chỉ tiêu"), TEXT},
	{"name", "Chỉ tiêu", true, A("Tên", "Tên chỉ tiêu", "Nội dung"), TEXT},
	{"unit", "Đơn vị", false, A("Đơn vị tính", "ĐVT"), TEXT},
	{"baseline", "Kết quả năm trước", false, A("Năm trước"), TEXT},
	{"target", "Kế hoạch", true, A("Chỉ tiêu năm", "Mục tiêu"), TEXT},
	{"result", "Kết quả mới nhất", false, A("Kết quả", "Thực hiện"), TEXT},
	{"as_of", "Số liệu tính đến", false, A("Tính đến", "Ngày số liệu"),
	 DATE},
	{"direction", "Chiều hướng", false, A("Hướng"), SSG_FIELD_DIRECTION},
	{"note", "Ghi chú", false, A("Chú thích"), TEXT},
	{"source", "Nguồn", false, A("Nguồn số liệu"), TEXT},
	{"replaces", "Thay thế", false, A("Thay cho"), TEXT},
};

static const ssg_field tasks[] = {
	{"id", "STT", true, A("Mã", "Số thứ tự", "Mã nhiệm vụ"), TEXT},
	{"title", "Nhiệm vụ", true, A("Nội dung", "Tên nhiệm vụ"), TEXT},
	{"lead", "Cơ quan chủ trì", false, A("Chủ trì", "Đơn vị chủ trì"), TEXT},
	{"partners", "Cơ quan phối hợp", false,
	 A("Phối hợp", "Đơn vị phối hợp"), TEXT},
	{"timeframe", "Thời gian thực hiện", false, A("Thời gian"), TEXT},
	{"status", "Trạng thái", false, A("Tình trạng"), SSG_FIELD_STATUS},
	{"progress", "Tiến độ", false, A("Tiến độ (%)", "Tỷ lệ hoàn thành"),
	 TEXT},
	{"note", "Ghi chú", false, A("Chú thích"), TEXT},
	{"replaces", "Thay thế", false, A("Thay cho"), TEXT},
};

#undef TEXT
#undef DATE

const ssg_field *ssg_fields_of(const char *table, size_t *n)
{
	if (table && strcmp(table, "indicators") == 0) {
		*n = sizeof(indicators) / sizeof(*indicators);
		return indicators;
	}
	if (table && strcmp(table, "tasks") == 0) {
		*n = sizeof(tasks) / sizeof(*tasks);
		return tasks;
	}
	*n = 0;
	return NULL;
}

const char *ssg_fields_title(const char *table, const char *col)
{
	size_t n;
	const ssg_field *fs = ssg_fields_of(table, &n);
	for (size_t i = 0; col && i < n; i++)
		if (strcmp(fs[i].name, col) == 0)
			return fs[i].title;
	if (fs || !col)
		return NULL;
	/* Any other table: the columns most tables have, as a clerk types
	 * them, compared folded ("ID", "ma", "ghi_chu"), and the contract's
	 * `replaces` (section 2). */
	static const char *const generic[][2] = {
		{"id", "Mã"},
		{"ma", "Mã"},
		{"replaces", "Thay thế"},
		{"thay the", "Thay thế"},
		{"note", "Ghi chú"},
		{"ghi chu", "Ghi chú"},
	};
	char *f = ssg_fields_fold(col);
	const char *title = NULL;
	for (size_t i = 0; !title && i < sizeof(generic) / sizeof(*generic);
	     i++)
		if (strcmp(f, generic[i][0]) == 0)
			title = generic[i][1];
	free(f);
	if (title)
		return title;
	return ssg_fields_is_label(table, col) ? "Tên" : NULL;
}

ssg_field_kind ssg_fields_kind(const char *table, const char *col)
{
	size_t n;
	const ssg_field *fs = ssg_fields_of(table, &n);
	for (size_t i = 0; col && i < n; i++)
		if (strcmp(fs[i].name, col) == 0)
			return fs[i].kind;
	return SSG_FIELD_TEXT;
}

/* ssg_fields_fold of a short ASCII name into out, as ssg_text_fold
 * folds ASCII (letters and digits lowercased, each run of other
 * characters one space between them, none at either end), without the
 * heap: every event of a history asks whether its columns are labels.
 * False for a name that is not short ASCII. */
static bool fold_ascii_small(const char *s, char out[64])
{
	size_t n = 0;
	bool pending = false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x80 || n + 2 >= 64)
			return false;
		bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			     (c >= 'A' && c <= 'Z');
		if (!alnum) {
			pending = n > 0;
			continue;
		}
		if (pending)
			out[n++] = ' ';
		pending = false;
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	out[n] = '\0';
	return true;
}

bool ssg_fields_is_label(const char *table, const char *col)
{
	size_t n;
	if (!col)
		return false;
	if (ssg_fields_of(table, &n))
		return strcmp(col, strcmp(table, "tasks") == 0 ? "title"
							      : "name") == 0;
	char small[64];
	char *heap = fold_ascii_small(col, small) ? NULL : ssg_fields_fold(col);
	const char *f = heap ? heap : small;
	bool is = strcmp(f, "name") == 0 || strcmp(f, "title") == 0 ||
		  strcmp(f, "ten") == 0 || strncmp(f, "ten ", 4) == 0;
	free(heap);
	return is;
}

const char *ssg_fields_table_title(const char *table)
{
	if (table && strcmp(table, "indicators") == 0)
		return "Các chỉ tiêu";
	if (table && strcmp(table, "tasks") == 0)
		return "Các nhiệm vụ";
	return NULL;
}

const char *ssg_fields_table_of_path(const char *path)
{
	if (!path)
		return NULL;
	if (strcmp(path, "data/indicators.csv") == 0)
		return "indicators";
	if (strcmp(path, "data/tasks.csv") == 0)
		return "tasks";
	return NULL;
}

char *ssg_fields_fold(const char *s)
{
	ssg_buf b;
	ssg_buf_init(&b);
	ssg_text_fold(&b, s, strlen(s));
	char *f = ssg_buf_detach(&b);
	for (char *p = f; *p; p++)
		if (*p == '_')
			*p = ' ';
	return f;
}

size_t ssg_fields_distance(const char *a, const char *b, size_t max)
{
	size_t na = strlen(a), nb = strlen(b);
	if ((na > nb ? na - nb : nb - na) > max)
		return max + 1;
	size_t *row = ssg_xcalloc(nb + 1, sizeof(*row));
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0], best = i;
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > max) {
			free(row);
			return max + 1;
		}
	}
	size_t d = row[nb];
	free(row);
	return d > max ? max + 1 : d;
}

/* The words a field is known by: name, title, aliases. */
static size_t words_of(const ssg_field *f, const char **out, size_t max)
{
	size_t n = 0;
	out[n++] = f->name;
	out[n++] = f->title;
	for (size_t i = 0; f->aliases && f->aliases[i] && n < max; i++)
		out[n++] = f->aliases[i];
	return n;
}

/* The words of every field, folded once per process: the history walk
 * parses each version of indicators.csv and tasks.csv, and folding
 * forty words for each of their columns every time was a quarter of its
 * row pass on the bench's province (kept to the end of the process). */
#define MAX_WORDS 16
#define NINDICATORS (sizeof(indicators) / sizeof(*indicators))
#define NTASKS (sizeof(tasks) / sizeof(*tasks))

typedef struct {
	char *w[MAX_WORDS];
	size_t n;
} folded_words;

static folded_words folded_indicators[NINDICATORS];
static folded_words folded_tasks[NTASKS];
static pthread_once_t folded_once = PTHREAD_ONCE_INIT;

static void fold_all(const ssg_field *fs, size_t n, folded_words *out)
{
	for (size_t i = 0; i < n; i++) {
		const char *w[MAX_WORDS];
		out[i].n = words_of(&fs[i], w, MAX_WORDS);
		for (size_t k = 0; k < out[i].n; k++)
			out[i].w[k] = ssg_fields_fold(w[k]);
	}
}

static void folded_init(void)
{
	fold_all(indicators, NINDICATORS, folded_indicators);
	fold_all(tasks, NTASKS, folded_tasks);
}

/* The folded words of fs, as ssg_fields_of gave it (NULL for none). */
static const folded_words *folded_of(const ssg_field *fs)
{
	if (!fs)
		return NULL;
	pthread_once(&folded_once, folded_init);
	return fs == indicators ? folded_indicators : folded_tasks;
}

/* How far a folded header is from a folded word of a field: lower is
 * nearer, SIZE_MAX never matches. */
typedef size_t (*word_score)(const char *header, const char *word);

/* The field of `table` with the word (its name, title or an alias),
 * folded, that scores lowest against the folded header; the first of
 * equals; NULL when none scores below SIZE_MAX.  *best is its score. */
static const ssg_field *best_field(const char *table, const char *header,
				   word_score score, size_t *best)
{
	size_t n;
	const ssg_field *fs = ssg_fields_of(table, &n), *found = NULL;
	const folded_words *fw = folded_of(fs);
	*best = SIZE_MAX;
	char *h = ssg_fields_fold(header);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < fw[i].n; k++) {
			size_t d = score(h, fw[i].w[k]);
			if (d < *best) {
				*best = d;
				found = &fs[i];
			}
		}
	}
	free(h);
	return found;
}

static size_t edit_score(const char *header, const char *word)
{
	return ssg_fields_distance(header, word, 64);
}

const ssg_field *ssg_fields_nearest(const char *table, const char *header,
				    size_t *dist)
{
	return best_field(table, header, edit_score, dist);
}

/* The nearest field at distance 0 is the first whose folded word equals
 * the folded header: compared as strings, without a distance to every
 * word. */
static size_t equal_score(const char *header, const char *word)
{
	return strcmp(header, word) == 0 ? 0 : SIZE_MAX;
}

const ssg_field *ssg_fields_match(const char *table, const char *header)
{
	size_t d;
	return best_field(table, header, equal_score, &d);
}

/* Whether a starts b, up to a word's end in b; a has 4 letters or more
 * ("ma", the folded "Mã", starts too many words to mean anything). */
static bool starts_words(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n >= 4 && strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == ' ');
}

/* A word that starts the header or that the header starts: the longer
 * the better. */
static size_t start_score(const char *header, const char *word)
{
	return starts_words(word, header) || starts_words(header, word)
		       ? SIZE_MAX - strlen(word)
		       : SIZE_MAX;
}

const ssg_field *ssg_fields_meant(const char *table, const char *header)
{
	size_t dist, len;
	const ssg_field *near = ssg_fields_nearest(table, header, &dist);
	if (near && ssg_fields_close(header, dist))
		return near;
	return best_field(table, header, start_score, &len);
}

bool ssg_fields_close(const char *header, size_t dist)
{
	char *h = ssg_fields_fold(header);
	size_t n = strlen(h);
	free(h);
	return dist > 0 && dist <= 2 && dist * 3 <= n;
}
