#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A double holds 15 significant decimal digits exactly through a round
 * trip, so a number with no more than that prints back as written.
 * Longer digit strings (account numbers, codes) stay text rather than
 * be shown altered. */
#define MAX_DIGITS 15

static const double pow10_exact[MAX_DIGITS + 1] = {
	1e0, 1e1, 1e2,	1e3,  1e4,  1e5,  1e6,	1e7,
	1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

/* ---- numbers ---- */

/* Reads a trimmed number (contract section 2, fmt.h) as `style` reads
 * it, and says what its separators tell of its column's way of writing
 * figures. */
static bool num_scan(const char *s, size_t n, ssg_num_style style,
		     ssg_num *out, ssg_num_hint *hint)
{
	bool neg = false, percent = false;
	size_t i = 0, ndots = 0, ncommas = 0, first_dot = 0, comma = 0;
	*hint = SSG_NUM_HINT_NONE;
	if (style == SSG_NUM_TEXT)
		return false;
	trim(&s, &n);
	if (n && s[n - 1] == '%') {
		percent = true;
		n--;
		trim(&s, &n); /* "72,2 %" as some people type it */
	}
	if (i < n && s[i] == '-') {
		neg = true;
		i++;
	}
	size_t start = i;
	for (size_t k = start; k < n; k++) {
		if (s[k] == '.') {
			if (!ndots++)
				first_dot = k;
		} else if (s[k] == ',') {
			ncommas++;
			comma = k;
		} else if (!is_digit(s[k])) {
			return false;
		}
	}
	if (ncommas > 1 || n == start || !is_digit(s[start]) ||
	    !is_digit(s[n - 1]))
		return false;
	/* Where the decimals start (n: none), and whether the dots group
	 * thousands: "1.250.000", "1.250,5", and "1.250" read the
	 * Vietnamese way. */
	size_t dec = n;
	bool grouped = false;
	if (ncommas) {
		if (ndots && first_dot > comma)
			return false;
		dec = comma;
		grouped = ndots > 0;
	} else if (ndots > 1) {
		grouped = true;
	} else if (ndots == 1) {
		size_t before = first_dot - start, after = n - first_dot - 1;
		bool either = before <= 3 && s[start] != '0' && after == 3;
		if (either)
			*hint = SSG_NUM_HINT_EITHER;
		else
			*hint = SSG_NUM_HINT_DOT;
		if (either && style == SSG_NUM_VI)
			grouped = true;
		else
			dec = first_dot;
	}
	if (grouped) {
		/* 1 to 3 digits, then groups of exactly 3. */
		size_t g = 0, k = start;
		for (; k < dec; k++) {
			if (s[k] != '.') {
				g++;
				continue;
			}
			if (g == 0 || g > 3 || (k != first_dot && g != 3))
				return false;
			g = 0;
		}
		if (g != 3 || s[start] == '0')
			return false;
		if (*hint != SSG_NUM_HINT_EITHER)
			*hint = SSG_NUM_HINT_VI;
	} else if (ncommas) {
		*hint = SSG_NUM_HINT_VI;
	}
	/* "08123" is a code, not eight thousand: a leading zero is only
	 * allowed before the separator ("0,5"). */
	if (!grouped && (dec > start + 1) && s[start] == '0')
		return false;
	if (dec < n && dec + 1 == n)
		return false;
	size_t sig = 0, frac = 0;
	double mant = 0;
	for (size_t k = start; k < n; k++) {
		if (!is_digit(s[k]))
			continue;
		if (sig || s[k] != '0')
			sig++;
		if (k > dec)
			frac++;
		mant = mant * 10 + (s[k] - '0');
	}
	if (sig > MAX_DIGITS || frac > MAX_DIGITS)
		return false;
	/* The mantissa and 10^decimals are exact doubles, so one division
	 * gives the double nearest to the written number; strtod would
	 * also depend on the locale. */
	double value = mant / pow10_exact[frac];
	if (out) {
		out->value = neg ? -value : value;
		out->decimals = (int)frac;
		out->percent = percent;
	}
	return true;
}

bool ssg_num_parse_as(const char *s, size_t n, ssg_num_style style,
		      ssg_num *out)
{
	ssg_num_hint h;
	return num_scan(s, n, style, out, &h);
}

bool ssg_num_parse(const char *s, size_t n, ssg_num *out)
{
	return ssg_num_parse_as(s, n, SSG_NUM_ANY, out);
}

/* Under both readings of a dot: a clerk's "1.250" against "1250" is
 * the same figure in a Vietnamese column and not in a machine's, and a
 * change that may be real is never called a mere rewriting. */
bool ssg_num_same(const char *a, const char *b)
{
	static const ssg_num_style styles[] = {SSG_NUM_VI, SSG_NUM_DOT};
	if (!a || !b)
		return false;
	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		ssg_num x, y;
		if (!ssg_num_parse_as(a, strlen(a), styles[i], &x) ||
		    !ssg_num_parse_as(b, strlen(b), styles[i], &y) ||
		    x.value != y.value)
			return false;
	}
	return true;
}

ssg_num_hint ssg_num_hint_of(const char *s, size_t n)
{
	ssg_num_hint h;
	return num_scan(s, n, SSG_NUM_ANY, NULL, &h) ? h : SSG_NUM_HINT_NONE;
}

/* Below this, v * 10^dec is held with its rounding error under a
 * quarter, and an integer f and f + 0.5 are exact doubles. */
#define FIXED_LIMIT 2251799813685248.0 /* 2^51 */

int ssg_num_fixed(char *buf, size_t size, double v, int dec)
{
	if (dec < 0 || dec > MAX_DIGITS || !isfinite(v) || size < 40)
		return snprintf(buf, size, "%.*f", dec, v);
	double a = fabs(v), p = pow10_exact[dec];
	double f = floor(a * p);
	if (!(f < FIXED_LIMIT))
		return snprintf(buf, size, "%.*f", dec, v);
	/* The product a * p is off from the exact one by under a half, so
	 * the exact one rounds to f or f + 1, and which is the sign of its
	 * difference from f + 0.5: fma gives that exactly.  A tie goes to
	 * the even one, as printf's does in the default rounding mode. */
	double h = fma(a, p, -(f + 0.5));
	if (h > 0 || (h == 0 && fmod(f, 2) != 0))
		f += 1;
	unsigned long long m = (unsigned long long)f;
	char digits[24];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	while (nd <= dec) /* one digit before the point at least */
		digits[nd++] = '0';
	int k = 0;
	if (signbit(v))
		buf[k++] = '-';
	while (nd > 0) {
		if (nd == dec)
			buf[k++] = '.';
		buf[k++] = digits[--nd];
	}
	buf[k] = '\0';
	return k;
}

void ssg_buf_put_fixed(ssg_buf *b, double v, int dec)
{
	char buf[400]; /* "%.15f" of the largest double is 325 bytes */
	int n = ssg_num_fixed(buf, sizeof(buf), v, dec);
	if (n > 0)
		ssg_buf_put(b, buf, strnlen(buf, sizeof(buf)));
}

/* Digits of |x| at `decimals` places: the integer part and the
 * fraction, without relying on the locale's decimal point. */
static void num_digits(const ssg_num *x, char *buf, size_t size,
		       size_t *int_len, const char **frac, bool *neg)
{
	int dec = x->decimals < 0 ? 0 : x->decimals > 20 ? 20 : x->decimals;
	double v = x->value < 0 ? -x->value : x->value;
	if (v == 0)
		v = 0; /* -0.0 would print its sign */
	ssg_num_fixed(buf, size, v, dec);
	size_t k = 0;
	while (is_digit(buf[k]))
		k++;
	*int_len = k;
	*frac = buf[k] ? buf + k + 1 : buf + k;
	/* A value that rounds to zero is shown without a sign. */
	bool nonzero = false;
	for (const char *p = buf; *p; p++)
		if (*p >= '1' && *p <= '9')
			nonzero = true;
	*neg = x->value < 0 && nonzero;
}

/* x written with `group` between groups of three digits ('\0': none),
 * `point` before the fraction and, with `percent`, the percent sign it
 * was written with. */
static void num_put(ssg_buf *b, const ssg_num *x, char group, char point,
		    bool percent)
{
	char buf[400];
	size_t int_len;
	const char *frac;
	bool neg;
	if (!isfinite(x->value)) {
		ssg_buf_putc(b, '?');
		return;
	}
	num_digits(x, buf, sizeof buf, &int_len, &frac, &neg);
	if (neg)
		ssg_buf_putc(b, '-');
	for (size_t i = 0; i < int_len; i++) {
		if (group && i && (int_len - i) % 3 == 0)
			ssg_buf_putc(b, group);
		ssg_buf_putc(b, buf[i]);
	}
	if (*frac) {
		ssg_buf_putc(b, point);
		ssg_buf_puts(b, frac);
	}
	if (percent && x->percent)
		ssg_buf_putc(b, '%');
}

void ssg_num_put_vi(ssg_buf *b, const ssg_num *x)
{
	num_put(b, x, '.', ',', true);
}

void ssg_num_put_plain(ssg_buf *b, const ssg_num *x)
{
	num_put(b, x, '\0', '.', false);
}

/* ---- dates ---- */

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool valid_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

/* Reads between `min` and `max` digits at s[*i]. */
static bool read_int(const char *s, size_t n, size_t *i, size_t min,
		     size_t max, int *out)
{
	size_t k = 0;
	int v = 0;
	while (*i < n && k < max && is_digit(s[*i])) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	if (k < min || (*i < n && is_digit(s[*i])))
		return false;
	*out = v;
	return true;
}

/* Three numbers separated by `sep`, filling the whole (trimmed) text;
 * field k has between width[k][0] and width[k][1] digits. */
static bool read_fields(const char *s, size_t n, char sep,
			const size_t width[3][2], int v[3])
{
	size_t i = 0;
	trim(&s, &n);
	for (int k = 0; k < 3; k++) {
		if (k && (i >= n || s[i++] != sep))
			return false;
		if (!read_int(s, n, &i, width[k][0], width[k][1], &v[k]))
			return false;
	}
	return i == n;
}

static bool make_date(int y, int m, int d, ssg_date *out)
{
	if (!valid_date(y, m, d))
		return false;
	if (out)
		*out = (ssg_date){y, m, d};
	return true;
}

bool ssg_date_parse_dmy(const char *s, size_t n, ssg_date *out)
{
	static const size_t width[3][2] = {{1, 2}, {1, 2}, {4, 4}};
	int v[3];
	return read_fields(s, n, '/', width, v) &&
	       make_date(v[2], v[1], v[0], out);
}

bool ssg_date_parse_iso(const char *s, size_t n, ssg_date *out)
{
	static const size_t width[3][2] = {{4, 4}, {2, 2}, {2, 2}};
	int v[3];
	return read_fields(s, n, '-', width, v) &&
	       make_date(v[0], v[1], v[2], out);
}

bool ssg_date_parse(const char *s, size_t n, ssg_date *out)
{
	return ssg_date_parse_dmy(s, n, out) || ssg_date_parse_iso(s, n, out);
}

/* What "%0<width>d" writes, without the printf machinery: dates and
 * times are formatted for every event of the history, and vsnprintf was
 * a tenth of a build.  The sign counts in the width, as in printf. */
static char *put_int(char *p, int v, int width)
{
	char dig[12];
	int n = 0;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do {
		dig[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0) {
		*p++ = '-';
		width--;
	}
	for (int k = n; k < width; k++)
		*p++ = '0';
	while (n)
		*p++ = dig[--n];
	return p;
}

/* Each field needs at most 11 bytes ("-2147483648"). */
#define DATE_MAX 40

static char *date_vi(char *p, const ssg_date *d)
{
	p = put_int(p, d->day, 2);
	*p++ = '/';
	p = put_int(p, d->month, 2);
	*p++ = '/';
	return put_int(p, d->year, 4);
}

static char *date_iso(char *p, const ssg_date *d)
{
	p = put_int(p, d->year, 4);
	*p++ = '-';
	p = put_int(p, d->month, 2);
	*p++ = '-';
	return put_int(p, d->day, 2);
}

void ssg_date_put_vi(ssg_buf *b, const ssg_date *d)
{
	char s[DATE_MAX];
	ssg_buf_put(b, s, (size_t)(date_vi(s, d) - s));
}

void ssg_date_put_iso(ssg_buf *b, const ssg_date *d)
{
	char s[DATE_MAX];
	ssg_buf_put(b, s, (size_t)(date_iso(s, d) - s));
}

int ssg_date_cmp(const ssg_date *a, const ssg_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/* ---- commit times ---- */

/* Commit times come from untrusted repositories: keep them within the
 * years 0001-9999 and offsets within a day, so the output stays in its
 * fixed-width form. */
#define MIN_TIME (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define MAX_TIME 253402300799LL   /* 9999-12-31T23:59:59Z */
#define MAX_OFFSET (24 * 60 - 1)

typedef struct {
	ssg_date date;
	int hour, min, sec;
	int offset; /* minutes east of UTC */
} civil_time;

/* Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * civil_from_days), without the process time zone. */
static ssg_date civil_from_days(long long z)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = yoe + era * 400;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	long long d = doy - (153 * mp + 2) / 5 + 1;
	long long m = mp < 10 ? mp + 3 : mp - 9;
	return (ssg_date){(int)(y + (m <= 2)), (int)m, (int)d};
}

/* The inverse: days since 1970-01-01 of a proleptic Gregorian date (H.
 * Hinnant's days_from_civil). */
static long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long long ssg_date_time(const ssg_date *d)
{
	return days_from_civil(d->year, d->month, d->day) * 86400;
}

static civil_time to_civil(long long t, int offset_min)
{
	civil_time c;
	if (offset_min > MAX_OFFSET)
		offset_min = MAX_OFFSET;
	if (offset_min < -MAX_OFFSET)
		offset_min = -MAX_OFFSET;
	if (t < MIN_TIME + MAX_OFFSET * 60)
		t = MIN_TIME + MAX_OFFSET * 60;
	if (t > MAX_TIME - MAX_OFFSET * 60)
		t = MAX_TIME - MAX_OFFSET * 60;
	long long local = t + (long long)offset_min * 60;
	long long days = local / 86400, secs = local % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	c.date = civil_from_days(days);
	c.hour = (int)(secs / 3600);
	c.min = (int)(secs / 60 % 60);
	c.sec = (int)(secs % 60);
	c.offset = offset_min;
	return c;
}

void ssg_time_put_vi(ssg_buf *b, long long t, int offset_min)
{
	civil_time c = to_civil(t, offset_min);
	char s[DATE_MAX + 16];
	char *p = date_vi(s, &c.date);
	*p++ = ' ';
	p = put_int(p, c.hour, 2);
	*p++ = ':';
	p = put_int(p, c.min, 2);
	ssg_buf_put(b, s, (size_t)(p - s));
}

void ssg_time_put_iso(ssg_buf *b, long long t, int offset_min)
{
	civil_time c = to_civil(t, offset_min);
	int off = c.offset < 0 ? -c.offset : c.offset;
	char s[DATE_MAX + 32];
	char *p = date_iso(s, &c.date);
	*p++ = 'T';
	p = put_int(p, c.hour, 2);
	*p++ = ':';
	p = put_int(p, c.min, 2);
	*p++ = ':';
	p = put_int(p, c.sec, 2);
	*p++ = c.offset < 0 ? '-' : '+';
	p = put_int(p, off / 60, 2);
	*p++ = ':';
	p = put_int(p, off % 60, 2);
	ssg_buf_put(b, s, (size_t)(p - s));
}

ssg_date ssg_time_date(long long t, int offset_min)
{
	return to_civil(t, offset_min).date;
}
