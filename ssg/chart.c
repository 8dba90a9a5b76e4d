/* chart — step lines of an indicator's figures (chart.h). */
#include "chart.h"

#include "buf.h"
#include "fmt.h"
#include "view.h"

ssg_value *ssg_chart_svg(ssg_model *m, const ssg_chart_point *p, size_t n,
			 long long t_end)
{
	const double W = 640, H = 240, L = 56, R = 16, T = 16, B = 36;
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
	if (hi - lo < 1e-9) {
		lo -= 1;
		hi += 1;
	}
	double pad = (hi - lo) * 0.1;
	lo -= pad;
	hi += pad;
	long long t0 = p[0].t, t1 = p[n - 1].t;
	if (t_end > t1)
		t1 = t_end;
	ssg_value *v = ssg_model_map(m);
	ssg_buf tl, rl;
	ssg_buf_init(&tl);
	ssg_buf_init(&rl);
	ssg_value *tdots = ssg_model_list(m), *rdots = ssg_model_list(m);
	double prev_ty = -1, prev_ry = -1;
	for (size_t i = 0; i < n; i++) {
		double x = t1 > t0 ? L + (W - L - R) * (double)(p[i].t - t0) /
						 (double)(t1 - t0)
				   : L + (W - L - R) / 2;
		struct {
			bool has;
			double val;
			ssg_buf *line;
			ssg_value *dots;
			double *prev;
		} series[2] = {
			{p[i].has_target, p[i].target, &tl, tdots, &prev_ty},
			{p[i].has_result, p[i].result, &rl, rdots, &prev_ry},
		};
		for (int k = 0; k < 2; k++) {
			if (!series[k].has)
				continue;
			double y = T + (H - T - B) * (hi - series[k].val) /
					       (hi - lo);
			/* A step line: a value holds until it changes. */
			if (*series[k].prev >= 0)
				ssg_buf_printf(series[k].line, " %.1f,%.1f", x,
					       *series[k].prev);
			ssg_buf_printf(series[k].line, " %.1f,%.1f", x, y);
			*series[k].prev = y;
			ssg_value *dot = ssg_model_map(m);
			ssg_map_set(dot, "x", ssg_model_strf(m, "%.1f", x));
			ssg_map_set(dot, "y", ssg_model_strf(m, "%.1f", y));
			ssg_list_push(series[k].dots, dot);
		}
	}
	double xe = L + (W - L - R);
	if (prev_ty >= 0)
		ssg_buf_printf(&tl, " %.1f,%.1f", xe, prev_ty);
	if (prev_ry >= 0)
		ssg_buf_printf(&rl, " %.1f,%.1f", xe, prev_ry);
	ssg_map_set(v, "target_line", ssg_model_strn(m, ssg_buf_cstr(&tl),
						     tl.len));
	ssg_map_set(v, "result_line", ssg_model_strn(m, ssg_buf_cstr(&rl),
						     rl.len));
	ssg_map_set(v, "target_dots", tdots);
	ssg_map_set(v, "result_dots", rdots);
	ssg_map_set_bool(m, v, "has_result", rl.len > 0);
	ssg_map_set_bool(m, v, "has_target", tl.len > 0);
	/* Axis labels: the top and bottom values, first and last dates. */
	ssg_num nlo = {lo + pad, 1, false}, nhi = {hi - pad, 1, false};
	ssg_buf_clear(&tl);
	ssg_num_put_vi(&tl, &nhi);
	ssg_map_set(v, "y_hi", ssg_model_strn(m, tl.data, tl.len));
	ssg_map_set(v, "y_hi_pos", ssg_model_strf(m, "%.1f",
			T + (H - T - B) * pad / (hi - lo)));
	ssg_buf_clear(&tl);
	ssg_num_put_vi(&tl, &nlo);
	ssg_map_set(v, "y_lo", ssg_model_strn(m, tl.data, tl.len));
	ssg_map_set(v, "y_lo_pos", ssg_model_strf(m, "%.1f",
			T + (H - T - B) * (hi - lo - pad) / (hi - lo)));
	ssg_date d0 = ssg_time_date(t0, 0), d1 = ssg_time_date(t1, 0);
	ssg_map_set(v, "x_from", ssg_view_date(m, &d0));
	ssg_map_set(v, "x_to", ssg_view_date(m, &d1));
	ssg_buf_fini(&tl);
	ssg_buf_fini(&rl);
	return v;
}
