/*
 * svgchart – server-side SVG charts (see svgchart.h).
 *
 * Geometry is computed in a viewBox (default 640 wide) and the SVG scales
 * to its container. Colours are dark enough for text on white and for
 * each other's neighbours; series are also told apart by their legend and
 * by the values written on the chart.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frfmt.h"
#include "html.h"
#include "sbuf.h"
#include "svgchart.h"

/* Contrast ≥ 4.5:1 on white for each (WCAG 1.4.11 asks 3:1 for graphics). */
static const char *const palette[CHART_SERIES_MAX] = {
	"#0b4f9c", "#b8530a", "#17613a", "#7a2a8c",
	"#a4141c", "#3d5a6c", "#6b5a00", "#00666e"
};

/* The smiley scale, from "very unhappy" (1) to "very happy" (5). */
static const char *const scale5[5] = {
	"#a4141c", "#c2410c", "#6b6b6b", "#2f7d4f", "#17613a"
};

#define LABEL_W	170	/* room for category labels of bar charts */
#define ROW_H	34
#define PAD	8

void
chart_init(struct chart *c, enum chart_kind kind, enum lang l,
    const char *title, const char *id)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->lang = l;
	c->title = title;
	c->id = id;
	c->unit = "";
	c->width = 640;
}

/* A value as people read it: "12,5 %" for shares, "1 234" otherwise. */
static void
value_text(char *buf, size_t sz, const struct chart *c, double v)
{
	if (strcmp(c->unit, "%") == 0)
		fmt_percent(buf, sz, c->lang, v, 0);
	else if (v == floor(v))
		fmt_int(buf, sz, c->lang, (long long)v);
	else
		fmt_decimal(buf, sz, c->lang, v, 1);
}

/*
 * The top of a count axis: three grid steps of a round size (1, 2, 2.5 or
 * 5 times a power of ten) that hold the largest figure with a little room
 * above it, so that the axis reads 0, 200, 400, 600 rather than 0, 179,7,
 * 359,3, 539.
 */
static double
round_top(double m)
{
	static const double	mult[] = { 1, 2, 2.5, 5, 10 };
	double			raw = m * 1.05 / 3.0, p;
	size_t			i;

	p = pow(10.0, floor(log10(raw)));
	/* raw < 10 * p: the loop stops at the last multiplier at the latest. */
	for (i = 0; mult[i] * p < raw; i++)
		;
	/* Counts are whole: no step below 1. */
	return (3.0 * fmax(1.0, mult[i] * p));
}

static double
data_max(const struct chart *c)
{
	double	m = 0;
	size_t	s, i;

	if (c->max > 0)
		return (c->max);
	if (strcmp(c->unit, "%") == 0 || c->kind == CHART_STACKED)
		return (1.0);
	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->ncats; i++)
			if (!c->series[s].missing[i] && c->series[s].values[i] > m)
				m = c->series[s].values[i];
	for (i = 0; c->has_target && i < c->ncats; i++)
		if (c->target[i] > m)
			m = c->target[i];
	return (m > 0 ? round_top(m) : 1.0);
}

/* <desc>: every figure in words, for screen readers. */
static void
write_desc(struct sbuf *out, const struct chart *c)
{
	char	v[FRFMT_BUFSZ];
	size_t	s, i;

	sbuf_printf(out, "<desc id=\"%s-desc\">", c->id);
	for (s = 0; s < c->nseries; s++) {
		if (c->nseries > 1 && c->series[s].label != NULL) {
			html_escape(out, c->series[s].label);
			sbuf_puts(out, " : ");
		}
		for (i = 0; i < c->ncats; i++) {
			html_escape(out, c->cats[i]);
			sbuf_puts(out, " ");
			if (c->series[s].missing[i])
				sbuf_puts(out, "–");
			else {
				value_text(v, sizeof(v), c, c->series[s].values[i]);
				html_escape(out, v);
			}
			sbuf_puts(out, i + 1 < c->ncats ? " ; " : ". ");
		}
	}
	sbuf_puts(out, "</desc>");
}

static void
write_text(struct sbuf *out, double x, double y, const char *anchor,
    const char *cls, const char *text)
{
	sbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
	    "class=\"%s\">", x, y, anchor, cls);
	html_escape(out, text);
	sbuf_puts(out, "</text>");
}

static void
write_legend(struct sbuf *out, const struct chart *c, double y, int stacked)
{
	double	x = PAD;
	size_t	s, n;

	n = stacked ? c->nseries : (c->nseries > 1 ? c->nseries : 0);
	for (s = 0; s < n; s++) {
		const char *col = stacked && c->nseries == 5 ? scale5[s] :
		    palette[s % CHART_SERIES_MAX];

		sbuf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
		    "height=\"14\" fill=\"%s\"/>", x, y - 11, col);
		write_text(out, x + 19, y, "start", "lg",
		    c->series[s].label ? c->series[s].label : "");
		x += 19 + 8.0 * (double)strlen(c->series[s].label ?
		    c->series[s].label : "") + 18;
		if (x > c->width - 120 && s + 1 < n) {
			x = PAD;
			y += 20;
		}
	}
}

static void
bars(struct sbuf *out, const struct chart *c, double *h)
{
	const int	LW = c->label_w > 0 && c->label_w < c->width - 140 ?
			    c->label_w : LABEL_W;
	double		max = data_max(c), plot = c->width - LW - 70, w, y;
	char		v[FRFMT_BUFSZ];
	size_t		i;

	*h = PAD * 2 + ROW_H * (double)c->ncats;
	for (i = 0; i < c->ncats; i++) {
		y = PAD + ROW_H * (double)i;
		write_text(out, LW - 8, y + 21, "end", "cat", c->cats[i]);
		if (c->series[0].missing[i]) {
			write_text(out, LW + 4, y + 21, "start", "val", "–");
			continue;
		}
		w = plot * c->series[0].values[i] / max;
		if (w < 0)
			w = 0;
		sbuf_printf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%d\" fill=\"%s\" rx=\"2\"/>", LW, y + 6, w,
		    ROW_H - 12, palette[0]);
		value_text(v, sizeof(v), c, c->series[0].values[i]);
		write_text(out, LW + w + 6, y + 22, "start", "val", v);
		if (c->has_target) {
			double tx = LW + plot * c->target[i] / max;

			sbuf_printf(out, "<line x1=\"%.1f\" x2=\"%.1f\" "
			    "y1=\"%.1f\" y2=\"%.1f\" class=\"target\"/>", tx, tx,
			    y + 2, y + ROW_H - 2);
		}
	}
}

static void
stacked(struct sbuf *out, const struct chart *c, double *h)
{
	/* Room for the labels as bars() gives it (c->label_w). */
	const int	LW = c->label_w > 0 && c->label_w < c->width - 140 ?
			    c->label_w : LABEL_W;
	double	plot = c->width - LW - PAD, x, w, y, total;
	char	v[FRFMT_BUFSZ];
	size_t	i, s;

	for (i = 0; i < c->ncats; i++) {
		y = PAD + ROW_H * (double)i;
		write_text(out, LW - 8, y + 21, "end", "cat", c->cats[i]);
		for (total = 0, s = 0; s < c->nseries; s++)
			if (!c->series[s].missing[i])
				total += c->series[s].values[i];
		if (total <= 0) {
			write_text(out, LW + 4, y + 21, "start", "val", "–");
			continue;
		}
		for (x = LW, s = 0; s < c->nseries; s++) {
			if (c->series[s].missing[i])
				continue;
			w = plot * c->series[s].values[i] / total;
			sbuf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x,
			    y + 6, w, ROW_H - 12, c->nseries == 5 ? scale5[s] :
			    palette[s % CHART_SERIES_MAX]);
			if (w > 34) {
				fmt_percent(v, sizeof(v), c->lang,
				    c->series[s].values[i] / total, 0);
				write_text(out, x + w / 2, y + 22, "middle", "in", v);
			}
			x += w;
		}
	}
	*h = PAD * 2 + ROW_H * (double)c->ncats + 8;
	write_legend(out, c, *h + 10, 1);
	*h += 20 + 20 * (double)(c->nseries > 4);
}

static void
columns_or_line(struct sbuf *out, const struct chart *c, double *h)
{
	const double	top = 20, plot_h = 200, left = 48, bottom = top + plot_h;
	double		max = data_max(c), slot, x, y, bw, px = 0, py = 0;
	char		v[FRFMT_BUFSZ];
	size_t		i, s;
	int		started, k;

	slot = (c->width - left - PAD) / (double)(c->ncats ? c->ncats : 1);
	/* Axis and three grid lines with their values. */
	for (k = 0; k <= 3; k++) {
		y = bottom - plot_h * k / 3.0;
		sbuf_printf(out, "<line x1=\"%.1f\" x2=\"%d\" y1=\"%.1f\" "
		    "y2=\"%.1f\" class=\"grid\"/>", left, c->width - PAD, y, y);
		value_text(v, sizeof(v), c, max * k / 3.0);
		write_text(out, left - 6, y + 5, "end", "ax", v);
	}
	bw = (slot - 10) / (double)(c->nseries ? c->nseries : 1);
	for (s = 0; s < c->nseries; s++) {
		started = 0;
		for (i = 0; i < c->ncats; i++) {
			double val = c->series[s].values[i];

			x = left + slot * (double)i;
			if (c->series[s].missing[i]) {
				started = 0;
				continue;
			}
			y = bottom - plot_h * (val / max);
			if (c->kind == CHART_COLUMNS) {
				sbuf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" "
				    "width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
				    x + 5 + bw * (double)s, y, bw - 2, bottom - y,
				    palette[s % CHART_SERIES_MAX]);
				if (c->nseries == 1) {
					value_text(v, sizeof(v), c, val);
					write_text(out, x + slot / 2, y - 4, "middle",
					    "val", v);
				}
			} else {
				double cx = x + slot / 2;

				if (started)
					sbuf_printf(out, "<line x1=\"%.1f\" "
					    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
					    "stroke=\"%s\" stroke-width=\"3\"/>",
					    px, py, cx, y,
					    palette[s % CHART_SERIES_MAX]);
				sbuf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"4.5\" fill=\"%s\"/>", cx, y,
				    palette[s % CHART_SERIES_MAX]);
				if (c->nseries == 1) {
					value_text(v, sizeof(v), c, val);
					write_text(out, cx, y - 9, "middle", "val", v);
				}
				px = cx;
				py = y;
				started = 1;
			}
		}
	}
	if (c->has_target) {
		for (i = 0; i < c->ncats; i++) {
			x = left + slot * (double)i;
			y = bottom - plot_h * (c->target[i] / max);
			sbuf_printf(out, "<line x1=\"%.1f\" x2=\"%.1f\" "
			    "y1=\"%.1f\" y2=\"%.1f\" class=\"target\"/>",
			    x + 3, x + slot - 3, y, y);
		}
	}
	for (i = 0; i < c->ncats; i++)
		write_text(out, left + slot * (double)i + slot / 2,
		    bottom + 18, "middle", "cat", c->cats[i]);
	*h = bottom + 30;
	if (c->nseries > 1) {
		write_legend(out, c, *h + 6, 0);
		*h += 26;
	}
}

/*
 * Append the chart as an inline <svg>. Returns 0, or -1 if the chart is
 * not drawable (no id, too many categories or series).
 */
int
chart_svg(struct sbuf *out, const struct chart *c)
{
	struct sbuf	body;
	double		h = 0;

	if (c->id == NULL || c->ncats > CHART_CATS_MAX ||
	    c->nseries == 0 || c->nseries > CHART_SERIES_MAX)
		return (-1);
	sbuf_init(&body);
	switch (c->kind) {
	case CHART_BARS:
		bars(&body, c, &h);
		break;
	case CHART_STACKED:
		stacked(&body, c, &h);
		break;
	case CHART_COLUMNS:
	case CHART_LINE:
		columns_or_line(&body, c, &h);
		break;
	}
	sbuf_printf(out, "<svg class=\"chart\" viewBox=\"0 0 %d %.0f\" "
	    "role=\"img\" aria-labelledby=\"%s-title %s-desc\" "
	    "xmlns=\"http://www.w3.org/2000/svg\">", c->width, h, c->id, c->id);
	sbuf_printf(out, "<title id=\"%s-title\">", c->id);
	html_escape(out, c->title ? c->title : "");
	sbuf_puts(out, "</title>");
	write_desc(out, c);
	sbuf_add(out, body.data, body.len);
	sbuf_puts(out, "</svg>");
	sbuf_free(&body);
	return (out->failed ? -1 : 0);
}
