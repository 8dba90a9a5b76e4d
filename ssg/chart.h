/*
 * chart — an indicator's figures over time as the values of inline SVGs:
 * a pure function of its points.  The coordinates are made here, the
 * markup is the theme's (chart.mustache); the page shows the same figures
 * in a table beneath it.
 *
 * Rules the charts keep (issue 13, tests/unit/test_chart.c):
 *  - a result line never runs past the last reported value: it joins
 *    consecutive points that both have a result and stops at the last
 *    one; a target holds until it changes, to the end of its axis;
 *  - the value axis has at least four labelled ticks at round values
 *    (1, 2, 2,5 or 5 times a power of ten), in Vietnamese form;
 *  - axis text is at least 12 px at 320 px (a 288 px wide column): the
 *    SVG is drawn at most as wide as its box (width attribute, CSS
 *    max-width: 100%), so text of `font` units shrinks at most by
 *    288 / w;
 *  - each plan period is a chart of its own (contract section 1: a new
 *    period is a new plan): the current one large, earlier ones small.
 */
#ifndef SSG_CHART_H
#define SSG_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* One moment of the history: the target and the result as they stood
 * then (has_* false where there was none, or not a figure), and the plan
 * period (year) of its commit, 0 where unknown. */
typedef struct {
	long long t; /* seconds since the epoch */
	int period;
	double target, result;
	bool has_target, has_result;
} ssg_chart_point;

/* The narrowest a chart is drawn (a 320 px screen less the page's
 * margins) and the least size of its text there, in CSS px. */
#define SSG_CHART_MIN_WIDTH 288
#define SSG_CHART_MIN_FONT 12

/* The box of one chart, in SVG units (and CSS px at most). */
typedef struct {
	int w, h;
} ssg_chart_box;

#define SSG_CHART_LARGE ((ssg_chart_box){400, 240})
#define SSG_CHART_SMALL ((ssg_chart_box){320, 180})

/* The chart of n > 0 points, oldest first, in box `box`, over a time
 * axis from the first point to t_end (the last commit it covers, when
 * later than the last point), made in m:
 *   {w, h, font: the box and the text size in its units,
 *    plot_left, plot_right, date_y: where the plot and the dates are,
 *    target_line, result_line: SVG path data ("M x y H x V y ..."),
 *    target_dots, result_dots: [{x, y}], has_target, has_result,
 *    ticks: [{y, label}] (>= 4, the highest first, labels Vietnamese),
 *    tick_x: where the labels end,
 *    x_from, x_to: the first and last dates (view.h's date values)}
 * NULL when no point has a figure. */
ssg_value *ssg_chart_svg(ssg_model *m, const ssg_chart_point *p, size_t n,
			 long long t_end, ssg_chart_box box);

/* The charts of n > 0 points, oldest first, one per plan period (points
 * of one period are consecutive), the current (last) period's first:
 *   [{period (as text, "" when unknown), current, id, chart}]
 * The current period's runs to t_end in the large box, each earlier one
 * to its own last point in the small box (a past plan's figures end
 * there).  Periods without a figure have no entry; NULL when none has. */
ssg_value *ssg_chart_periods(ssg_model *m, const ssg_chart_point *p, size_t n,
			     long long t_end);

#endif
