/*
 * report_chart – the report's charts, drawn as vectors with libharu
 * through report_pdf: horizontal bars with their figures, one stacked bar
 * per question (the smiley scale), a line over four quarters, small
 * quarter bars with a target mark. A figure the small-cell rule hides is
 * never drawn to scale: a hidden bar is left out and labelled "< N", and
 * the hidden parts of a stacked bar are merged into one grey segment
 * (their sum is known from the total anyway).
 */
#ifndef MESURE_REPORT_CHART_H
#define MESURE_REPORT_CHART_H

#include "report_pdf.h"
#include "stats.h"

struct chart_bar {
	const char		*label;
	double			 value;
	enum stats_state	 st;
	const char		*text;		/* the figure as written */
	const char		*note;		/* second figure, or NULL */
};

struct chart_series {
	const char		*name;
	const struct rp_rgb	*colour;
	double			 v[8];
	enum stats_state	 st[8];
};

float	chart_hbars(struct rp_doc *, float, float, float, float,
	    const struct chart_bar *, size_t, const struct rp_rgb *);
void	chart_stacked(struct rp_doc *, float, float, float, float,
	    const long long *, const enum stats_state *,
	    const struct rp_rgb *const *, size_t, int);
float	chart_legend(struct rp_doc *, float, float, float,
	    const char *const *, const struct rp_rgb *const *, size_t);
void	chart_line(struct rp_doc *, float, float, float, float,
	    const char *const *, size_t, const struct chart_series *, size_t);
void	chart_quarters(struct rp_doc *, float, float, float, float,
	    const char *const *, const double *, const enum stats_state *,
	    const int *, const double *, size_t, int);

#endif
