/*
 * fmt — numbers and dates as the contract reads them and as a Vietnamese
 * reader expects them.
 *
 * A cell is a number when it is an optional `-`, digits, at most one
 * decimal separator (`,` or `.`) and an optional `%`, surrounding white
 * space ignored; digits may be grouped in thousands by dots, the
 * Vietnamese way (below).  The number of decimals written is kept, so "99,32"
 * prints as "99,32" and "90" as "90".  Vietnamese form groups thousands
 * with `.` and uses `,` for decimals: 1.250.000 and 72,2.
 *
 * Two narrowings keep figures from being shown altered: a number with
 * more than 15 significant digits (past what a double holds exactly),
 * or with a leading zero before other integer digits ("08123", a code),
 * is text.  `value` is the number as written: 99.32 for "99,32%".
 */
#ifndef SSG_FMT_H
#define SSG_FMT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct {
	double value;
	int decimals; /* digits written after the separator */
	bool percent;
} ssg_num;

bool ssg_num_parse(const char *s, size_t n, ssg_num *out);

/*
 * Dots that group thousands.  A Vietnamese clerk writes one million two
 * hundred fifty thousand as "1.250.000" and 1,25 as "1,25": dots in
 * groups of three ("1.250.000", "1.250,5") read that way.  "1.250"
 * alone can be read two ways, 1250 or 1.25; how its column writes its
 * other figures settles which (plan.c), and a column that does not
 * settle it is an error.  Read without a column (SSG_NUM_ANY), it is
 * 1.25, a machine's reading.
 */
typedef enum {
	SSG_NUM_ANY,  /* "1.250" is 1.25 */
	SSG_NUM_VI,   /* "1.250" is 1250 */
	SSG_NUM_DOT,  /* "1.250" is 1.25, as the column's other figures say */
	SSG_NUM_TEXT  /* codes and words (keys, `string` fields): never */
} ssg_num_style;

bool ssg_num_parse_as(const char *s, size_t n, ssg_num_style style,
		      ssg_num *out);

/* Whether a and b write the same figure ("90", "90,0", "90%"), read
 * either way a dot is read: a rewriting of a figure, not a change of
 * it.  False when either is no number or NULL. */
bool ssg_num_same(const char *a, const char *b);

/* What one cell's separators say of its column's way of writing. */
typedef enum {
	SSG_NUM_HINT_NONE,  /* no number, or no separator: "90" */
	SSG_NUM_HINT_VI,    /* "72,2", "1.250.000", "1.250,5" */
	SSG_NUM_HINT_DOT,   /* "1.25", "0.125", "1234.5" */
	SSG_NUM_HINT_EITHER /* "1.250": either way */
} ssg_num_hint;

ssg_num_hint ssg_num_hint_of(const char *s, size_t n);
/* What snprintf(buf, size, "%.*f", dec, v) writes, and its return: the
 * digits of v's exact binary value rounded to dec places, ties to even,
 * a '-' before any negative v (-0.0 too); "nan" and "inf" as printf has
 * them.  The common case, a value below 2^51 at no more than 15 places,
 * is worked out without printf's arbitrary precision, its rounding
 * decided exactly by fma (a page of charts and figures spent a third of
 * its time in printf); any other goes to snprintf. */
int ssg_num_fixed(char *buf, size_t size, double v, int dec);
/* ssg_num_fixed appended to b. */
void ssg_buf_put_fixed(ssg_buf *b, double v, int dec);

void ssg_num_put_vi(ssg_buf *b, const ssg_num *x);    /* 1.250.000 72,2% */
void ssg_num_put_plain(ssg_buf *b, const ssg_num *x); /* 1250000 72.2 */

typedef struct {
	int year, month, day;
} ssg_date;

/* dd/mm/yyyy (one- or two-digit day and month), a real calendar date;
 * false for "31/02/2024" or "27/9/8/2022". */
bool ssg_date_parse_dmy(const char *s, size_t n, ssg_date *out);
/* yyyy-mm-dd, as YAML front matter may write it. */
bool ssg_date_parse_iso(const char *s, size_t n, ssg_date *out);
/* Either form. */
bool ssg_date_parse(const char *s, size_t n, ssg_date *out);
void ssg_date_put_vi(ssg_buf *b, const ssg_date *d);  /* 15/06/2024 */
void ssg_date_put_iso(ssg_buf *b, const ssg_date *d); /* 2024-06-15 */
int ssg_date_cmp(const ssg_date *a, const ssg_date *b);
/* The date's midnight in UTC, in seconds since the epoch. */
long long ssg_date_time(const ssg_date *d);

/* A commit time (seconds since the epoch, offset in minutes east of UTC)
 * as the reader sees it at that offset: "02/07/2024 09:00" and ISO 8601
 * "2024-07-02T09:00:00+07:00".  Never consults the process time zone. */
void ssg_time_put_vi(ssg_buf *b, long long t, int offset_min);
void ssg_time_put_iso(ssg_buf *b, long long t, int offset_min);
ssg_date ssg_time_date(long long t, int offset_min);

#endif
