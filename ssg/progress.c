#include "progress.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "buf.h"
#include "i18n.h"
#include "stop.h"

#define MAX_PHASES 16
/* A build shorter than this draws nothing: a flash of text helps no one. */
#define QUIET_NS 1000000000LL
#define REDRAW_NS 100000000LL

typedef struct {
	const char *name, *unit;
	size_t total, count, bytes;
	long long wall_ns, cpu_ns;
} phase;

struct ssg_progress {
	FILE *tty, *report;
	bool stats, drawn;
	phase ph[MAX_PHASES];
	size_t nph;
	phase *cur;
	long long start_ns, cur_wall0, cur_cpu0, last_draw;
	pthread_mutex_t lock; /* pages are counted from two threads */
	ssg_buf notes; /* lines printed after the table */
};

static long long now_ns(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

ssg_progress *ssg_progress_new(FILE *tty, bool stats, FILE *report)
{
	ssg_progress *p = ssg_xcalloc(1, sizeof(*p));
	p->tty = tty;
	p->stats = stats;
	p->report = report;
	p->start_ns = now_ns(CLOCK_MONOTONIC);
	pthread_mutex_init(&p->lock, NULL);
	ssg_buf_init(&p->notes);
	return p;
}

void ssg_progress_free(ssg_progress *p)
{
	if (!p)
		return;
	pthread_mutex_destroy(&p->lock);
	ssg_buf_fini(&p->notes);
	free(p);
}

/* s in a column of |width| characters (code points, as a terminal shows
 * Vietnamese), left-aligned when width < 0, after a space unless it is
 * the line's first. */
static void pad(ssg_buf *b, const char *s, int width)
{
	if (b->len)
		ssg_buf_putc(b, ' ');
	size_t chars = 0;
	for (const char *c = s; *c; c++)
		chars += ((unsigned char)*c & 0xC0) != 0x80;
	size_t w = (size_t)(width < 0 ? -width : width);
	size_t fill = chars < w ? w - chars : 0;
	if (width > 0)
		for (size_t i = 0; i < fill; i++)
			ssg_buf_putc(b, ' ');
	ssg_buf_puts(b, s);
	if (width < 0)
		for (size_t i = 0; i < fill; i++)
			ssg_buf_putc(b, ' ');
}

static void draw(ssg_progress *p, bool force)
{
	if (!p->tty || !p->cur)
		return;
	long long t = now_ns(CLOCK_MONOTONIC);
	if (t - p->start_ns < QUIET_NS ||
	    (!force && t - p->last_draw < REDRAW_NS))
		return;
	p->last_draw = t;
	p->drawn = true;
	/* \r and "erase to end of line": one line, rewritten in place. */
	fprintf(p->tty, "\r\033[Kssg: %s", _(p->cur->name));
	if (p->cur->total)
		fprintf(p->tty, " %zu/%zu %s (%zu%%)", p->cur->count,
			p->cur->total, _(p->cur->unit),
			p->cur->count * 100 / p->cur->total);
	else if (p->cur->count)
		fprintf(p->tty, " %zu %s", p->cur->count, _(p->cur->unit));
	fprintf(p->tty, "  %.1f s", (double)(t - p->start_ns) / 1e9);
	fflush(p->tty);
}

static void close_phase(ssg_progress *p)
{
	if (!p->cur)
		return;
	p->cur->wall_ns += now_ns(CLOCK_MONOTONIC) - p->cur_wall0;
	p->cur->cpu_ns += now_ns(CLOCK_PROCESS_CPUTIME_ID) - p->cur_cpu0;
	p->cur = NULL;
}

void ssg_progress_phase(ssg_progress *p, const char *name, const char *unit,
			size_t total)
{
	ssg_stop_point(name);
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	close_phase(p);
	/* A phase met again adds up. */
	phase *ph = NULL;
	for (size_t i = 0; i < p->nph; i++)
		if (strcmp(p->ph[i].name, name) == 0)
			ph = &p->ph[i];
	if (!ph && p->nph < MAX_PHASES) {
		ph = &p->ph[p->nph++];
		ph->name = name;
		ph->unit = unit;
	}
	if (ph) {
		ph->total += total;
		p->cur = ph;
		p->cur_wall0 = now_ns(CLOCK_MONOTONIC);
		p->cur_cpu0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
		draw(p, true);
	}
	pthread_mutex_unlock(&p->lock);
}

void ssg_progress_add(ssg_progress *p, size_t n, size_t bytes)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->cur) {
		p->cur->count += n;
		p->cur->bytes += bytes;
		draw(p, false);
	}
	pthread_mutex_unlock(&p->lock);
}

/* Appends " " and v in `width` characters with `prec` decimals, its
 * decimal point the one of the messages' language: a Vietnamese reader
 * takes 0.250 for two hundred and fifty (LC_NUMERIC is never set:
 * i18n.h). */
static void put_num(ssg_buf *b, int width, int prec, double v)
{
	/* TRANSLATORS: the last character is the decimal point of the
	 * figures --stats prints (Vietnamese writes 0,25). */
	const char *dp = _("decimal point: .");
	size_t n = strlen(dp);
	char num[64];
	snprintf(num, sizeof(num), " %*.*f", width, prec, v);
	for (char *c = num; *c; c++)
		if (*c == '.' && n)
			*c = dp[n - 1];
	ssg_buf_puts(b, num);
}

void ssg_progress_end(ssg_progress *p)
{
	if (!p)
		return;
	close_phase(p);
	if (p->drawn) {
		fputs("\r\033[K", p->tty);
		fflush(p->tty);
	}
	if (!p->stats || !p->report)
		return;
	FILE *f = p->report;
	long long wall = 0, cpu = 0;
	ssg_buf line;
	ssg_buf_init(&line);
	pad(&line, _("phase"), -12);
	pad(&line, _("wall s"), 8);
	pad(&line, _("cpu s"), 8);
	pad(&line, _("count"), 8);
	pad(&line, "", -7);
	pad(&line, _("written"), 10);
	fprintf(f, "%s\n", ssg_buf_cstr(&line));
	for (size_t i = 0; i < p->nph; i++) {
		const phase *ph = &p->ph[i];
		wall += ph->wall_ns;
		cpu += ph->cpu_ns;
		ssg_buf_clear(&line);
		pad(&line, _(ph->name), -12);
		put_num(&line, 8, 3, (double)ph->wall_ns / 1e9);
		put_num(&line, 8, 3, (double)ph->cpu_ns / 1e9);
		if (ph->count || ph->bytes) {
			ssg_buf_printf(&line, " %8zu", ph->count);
			pad(&line, _(ph->unit), -7);
		}
		if (ph->bytes) {
			put_num(&line, 7, 1, (double)ph->bytes / 1e6);
			ssg_buf_puts(&line, " MB");
		}
		fprintf(f, "%s\n", ssg_buf_cstr(&line));
	}
	struct rusage ru;
	long peak_kb = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
	ssg_buf_clear(&line);
	pad(&line, _("total"), -12);
	put_num(&line, 8, 3, (double)wall / 1e9);
	put_num(&line, 8, 3, (double)cpu / 1e9);
	ssg_buf_puts(&line, "   ");
	ssg_buf_printf(&line, _("peak memory %.0f MB"), (double)peak_kb / 1024);
	fprintf(f, "%s\n", ssg_buf_cstr(&line));
	ssg_buf_fini(&line);
	fputs(ssg_buf_cstr(&p->notes), f);
}

void ssg_progress_note(ssg_progress *p, const char *fmt, ...)
{
	if (!p || !p->stats)
		return;
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), _(fmt), ap);
	va_end(ap);
	ssg_buf_puts(&p->notes, line);
	ssg_buf_putc(&p->notes, '\n');
}
