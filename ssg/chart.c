/* chart — step lines of an indicator's figures (chart.h). */
#include "chart.h"

#include <math.h>
#include <string.h>

#include "buf.h"
#include "fmt.h"
#include "view.h"

/* The least number of labelled values on the value axis. */
#define MIN_TICKS 4

/* Text of `font` units in a box w wide, drawn at most w and at least
 * SSG_CHART_MIN_WIDTH px wide, is at least SSG_CHART_MIN_FONT px. */
static int font_for(int w)
{
	int drawn = w > SSG_CHART_MIN_WIDTH ? SSG_CHART_MIN_WIDTH : w;
	return (SSG_CHART_MIN_FONT * w + drawn - 1) / drawn;
}

/* The value axis: from lo to hi by step, round values. */
typedef struct {
	double lo, hi, step;
	int decimals;
	size_t n;
} axis;

/* The round steps: 1, 2, 2,5 and 5 times a power of ten. */
static const double mant[] = {1, 2, 2.5, 5};
#define NMANT (sizeof(mant) / sizeof(*mant))

/* The smallest round step at least `raw`. */
static double round_step_up(double raw)
{
	double mag = pow(10, floor(log10(raw)));
	for (size_t i = 0; i < NMANT; i++)
		if (mant[i] * mag >= raw * (1 - 1e-9))
			return mant[i] * mag;
	return 10 * mag;
}

/* The round step just below `step`, itself round. */
static double round_step_below(double step)
{
	double mag = pow(10, floor(log10(step) + 1e-9));
	double m = step / mag;
	for (size_t i = NMANT; i-- > 0;)
		if (mant[i] < m * (1 - 1e-9))
			return mant[i] * mag;
	return mant[NMANT - 1] * mag / 10;
}

static void axis_fit(axis *a, double lo, double hi, double step)
{
	a->step = step;
	a->lo = floor(lo / step + 1e-9) * step;
	a->hi = ceil(hi / step - 1e-9) * step;
	a->n = (size_t)llround((a->hi - a->lo) / step) + 1;
}

/* Round ticks around [lo, hi]: the largest round step that gives
 * MIN_TICKS of them (a few more where the bounds fall between). */
static axis axis_of(double lo, double hi)
{
	if (hi - lo < 1e-9) {
		/* One value: a tenth of it either side (1 for zero). */
		double half = fabs(lo) > 1e-9 ? fabs(lo) / 10 : 1;
		lo -= half;
		hi += half;
	}
	axis a;
	axis_fit(&a, lo, hi, round_step_up((hi - lo) / (MIN_TICKS - 1)));
	while (a.n < MIN_TICKS)
		axis_fit(&a, lo, hi, round_step_below(a.step));
	a.decimals = 0;
	while (a.decimals < 6) {
		double s = a.step * pow(10, a.decimals);
		if (fabs(s - llround(s)) < 1e-6)
			break;
		a.decimals++;
	}
	return a;
}

/* The label of tick i (from the lowest), in b (cleared first). */
static void tick_label(ssg_buf *b, const axis *a, size_t i)
{
	double t = a->lo + a->step * (double)i;
	/* No "-0" for a zero that rounding left a hair below. */
	ssg_num x = {fabs(t) < a->step * 1e-6 ? 0 : t, a->decimals, false};
	ssg_buf_clear(b);
	ssg_num_put_vi(b, &x);
}

/* A coordinate at a tenth of a pixel, as "%.1f" writes it (fmt.h). */
static void coord_put(ssg_buf *b, const char *before, double v)
{
	ssg_buf_puts(b, before);
	ssg_buf_put_fixed(b, v, 1);
}

static ssg_value *coord(ssg_model *m, double v)
{
	char buf[400];
	ssg_num_fixed(buf, sizeof(buf), v, 1);
	return ssg_model_str(m, buf);
}

/* Builds one series' path: a step line that holds a value until the
 * next point with one, and breaks where a point has none. */
typedef struct {
	ssg_buf path;
	ssg_value *dots;
	bool open;     /* the last point had a value */
	double last_x, last_y;
} series;

static void series_point(ssg_model *m, series *s, bool has, double x,
			 double y)
{
	if (!has) {
		s->open = false;
		return;
	}
	if (s->open) {
		coord_put(&s->path, " H ", x);
		if (y != s->last_y)
			coord_put(&s->path, " V ", y);
	} else {
		coord_put(&s->path, s->path.len ? " M " : "M ", x);
		coord_put(&s->path, " ", y);
	}
	s->open = true;
	s->last_x = x;
	s->last_y = y;
	ssg_value *dot = ssg_model_map(m);
	ssg_map_set(dot, "x", coord(m, x));
	ssg_map_set(dot, "y", coord(m, y));
	ssg_list_push(s->dots, dot);
}

static void series_set(ssg_model *m, ssg_value *v, series *s,
		       const char *line, const char *dots, const char *has)
{
	ssg_map_set(v, line, ssg_model_strn(m, ssg_buf_cstr(&s->path),
					    s->path.len));
	ssg_map_set(v, dots, s->dots);
	ssg_map_set_bool(m, v, has, ssg_value_len(s->dots) > 0);
	ssg_buf_fini(&s->path);
}

ssg_value *ssg_chart_svg(ssg_model *m, const ssg_chart_point *p, size_t n,
			 long long t_end, ssg_chart_box box)
{
	double lo = 0, hi = 0;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		double v[2] = {p[i].target, p[i].result};
		bool h[2] = {p[i].has_target, p[i].has_result};
		for (int k = 0; k < 2; k++) {
			if (!h[k])
				continue;
			if (!any || v[k] < lo)
				lo = v[k];
			if (!any || v[k] > hi)
				hi = v[k];
			any = true;
		}
	}
	if (!any)
		return NULL;
	axis a = axis_of(lo, hi);
	ssg_value *v = ssg_model_map(m);
	/* The labels first: the widest sets the left margin. */
	ssg_buf b;
	ssg_buf_init(&b);
	size_t widest = 0;
	for (size_t i = 0; i < a.n; i++) {
		tick_label(&b, &a, i);
		if (b.len > widest)
			widest = b.len;
	}
	int font = font_for(box.w);
	/* Digits are about 0.6 em wide in the system fonts. */
	double gap = font / 2.0;
	double L = gap * 2 + 0.6 * font * (double)widest, R = gap;
	double T = font * 0.75, B = font * 1.5 + gap;
	double W = box.w, H = box.h;
	double y_of_den = a.hi - a.lo;
	ssg_value *ticks = ssg_model_list(m);
	for (size_t i = a.n; i-- > 0;) { /* the highest first */
		tick_label(&b, &a, i);
		ssg_value *tv = ssg_model_map(m);
		ssg_map_set(tv, "label", ssg_model_strn(m, b.data, b.len));
		ssg_map_set(tv, "y",
			    coord(m, T + (H - T - B) * (double)(a.n - 1 - i) /
						(double)(a.n - 1)));
		ssg_list_push(ticks, tv);
	}
	ssg_buf_fini(&b);
	long long t0 = p[0].t, t1 = p[n - 1].t;
	if (t_end > t1)
		t1 = t_end;
	series tg = {.dots = ssg_model_list(m)}, rs = {.dots = ssg_model_list(m)};
	ssg_buf_init(&tg.path);
	ssg_buf_init(&rs.path);
	for (size_t i = 0; i < n; i++) {
		double x = t1 > t0 ? L + (W - L - R) * (double)(p[i].t - t0) /
						 (double)(t1 - t0)
				   : L + (W - L - R) / 2;
		series_point(m, &tg, p[i].has_target, x,
			     T + (H - T - B) * (a.hi - p[i].target) / y_of_den);
		series_point(m, &rs, p[i].has_result, x,
			     T + (H - T - B) * (a.hi - p[i].result) / y_of_den);
	}
	/* A target holds until it changes: to the end of the axis.  A
	 * result stops where it was last reported. */
	if (tg.open && tg.last_x < W - R)
		coord_put(&tg.path, " H ", W - R);
	series_set(m, v, &tg, "target_line", "target_dots", "has_target");
	series_set(m, v, &rs, "result_line", "result_dots", "has_result");
	ssg_map_set(v, "ticks", ticks);
	ssg_map_set(v, "w", ssg_model_strf(m, "%d", box.w));
	ssg_map_set(v, "h", ssg_model_strf(m, "%d", box.h));
	ssg_map_set(v, "font", ssg_model_strf(m, "%d", font));
	ssg_map_set(v, "plot_left", coord(m, L));
	ssg_map_set(v, "plot_right", coord(m, W - R));
	ssg_map_set(v, "tick_x", coord(m, L - gap));
	ssg_map_set(v, "date_y", coord(m, H - gap));
	ssg_date d0 = ssg_time_date(t0, 0), d1 = ssg_time_date(t1, 0);
	ssg_map_set(v, "x_from", ssg_view_date(m, &d0));
	ssg_map_set(v, "x_to", ssg_view_date(m, &d1));
	return v;
}

ssg_value *ssg_chart_periods(ssg_model *m, const ssg_chart_point *p, size_t n,
			     long long t_end)
{
	ssg_value *list = ssg_model_list(m);
	/* The periods, newest first: the current one, then the ones
	 * before. */
	for (size_t end = n; end > 0;) {
		size_t from = end;
		while (from > 0 && p[from - 1].period == p[end - 1].period)
			from--;
		bool current = end == n;
		ssg_value *c = ssg_chart_svg(
			m, p + from, end - from,
			current ? t_end : p[end - 1].t,
			current ? SSG_CHART_LARGE : SSG_CHART_SMALL);
		if (c) {
			int y = p[from].period;
			ssg_value *e = ssg_model_map(m);
			ssg_map_set(e, "period",
				    y ? ssg_model_strf(m, "%d", y)
				      : ssg_model_strn(m, "", 0));
			ssg_map_set_bool(m, e, "current", current);
			/* Unique on the page, whatever the periods. */
			ssg_map_set(e, "id", ssg_model_strf(m, "bieu-do-%zu",
							    ssg_value_len(list)));
			ssg_map_set(e, "chart", c);
			ssg_list_push(list, e);
		}
		end = from;
	}
	return ssg_value_len(list) ? list : NULL;
}
