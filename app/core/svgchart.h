/*
 * svgchart – charts drawn on the server as inline SVG (no chart library,
 * no other host): horizontal bars, columns, stacked bars (the smiley
 * scale) and lines (a trend over quarters), each with an optional target
 * mark. Accessible: role="img" with a <title> and a <desc> that states the
 * figures, so a screen reader gets what the picture shows; pages also
 * give the figures in a table. Text is escaped; numbers are formatted in
 * the page's language. Kore-free.
 */
#ifndef MESURE_SVGCHART_H
#define MESURE_SVGCHART_H

#include <stddef.h>

#include "i18n.h"

struct sbuf;

enum chart_kind {
	CHART_BARS,		/* horizontal bars, one series */
	CHART_COLUMNS,		/* vertical columns, one or more series */
	CHART_STACKED,		/* horizontal 100 % stacked bars */
	CHART_LINE		/* lines over the categories */
};

#define CHART_SERIES_MAX	8
#define CHART_CATS_MAX		64

struct chart_series {
	const char	*label;			/* legend; not owned */
	double		 values[CHART_CATS_MAX];
	int		 missing[CHART_CATS_MAX];	/* 1: no value (suppressed) */
};

struct chart {
	enum chart_kind		 kind;
	enum lang		 lang;
	const char		*title;		/* not owned */
	const char		*id;		/* unique in the page, [a-z0-9-] */
	const char		*unit;		/* "%" for shares given 0..1, or "" */
	size_t			 ncats;
	const char		*cats[CHART_CATS_MAX];	/* not owned */
	size_t			 nseries;
	struct chart_series	 series[CHART_SERIES_MAX];
	int			 has_target;
	double			 target[CHART_CATS_MAX];
	double			 max;		/* 0: from the data */
	int			 width;		/* viewBox width, default 640 */
	int			 label_w;	/* bars: room for the category
						   labels; 0: the default (170) */
};

void	chart_init(struct chart *, enum chart_kind, enum lang, const char *,
	    const char *);
int	chart_svg(struct sbuf *, const struct chart *);

#endif
