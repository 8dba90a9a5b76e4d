/*
 * chart — an indicator's figures over time as the values of an inline
 * SVG: a pure function of its points.  The coordinates are made here, the
 * markup is the theme's (chart.mustache); the page shows the same figures
 * in a table beneath it.
 */
#ifndef SSG_CHART_H
#define SSG_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* One moment of the history: the target and the result as they stood
 * then (has_* false where there was none, or not a figure). */
typedef struct {
	long long t; /* seconds since the epoch */
	double target, result;
	bool has_target, has_result;
} ssg_chart_point;

/* The chart of n > 0 points, oldest first, over a time axis from the
 * first point to t_end (the history's last commit, when later than the
 * last point: a value holds until it changes), made in m:
 *   {target_line, result_line: SVG polyline points of step lines,
 *    target_dots, result_dots: [{x, y}], has_target, has_result,
 *    y_hi, y_lo: the highest and lowest figures in Vietnamese form,
 *    y_hi_pos, y_lo_pos: where they are, x_from, x_to: the first and
 *    last dates (view.h's date values, UTC days)}
 * in a 640x240 box.  NULL when no point has a figure. */
ssg_value *ssg_chart_svg(ssg_model *m, const ssg_chart_point *p, size_t n,
			 long long t_end);

#endif
