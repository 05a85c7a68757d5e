/*
 * report_chart – vector charts for the report (see report_chart.h).
 * Every chart takes its box in page coordinates (x, y of the top-left
 * corner, width, height) and draws inside it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frfmt.h"
#include "layout_math.h"
#include "report_chart.h"

#define BAR_H		11.0f
#define BAR_GAP		5.0f
#define LABEL_SIZE	8.0f

/*
 * Horizontal bars, one per row: the label in the first label_w points,
 * the bar after it, the figure at its end (and the note after). Bars
 * share one scale: the largest value shown. Hidden rows get no bar.
 * Returns the height used.
 */
float
chart_hbars(struct rp_doc *d, float x, float y, float w, float label_w,
    const struct chart_bar *rows, size_t n, const struct rp_rgb *colour)
{
	double	max;
	float	bx, bw, len, yy, tw;
	size_t	i;
	char	txt[160];

	max = 0;
	for (i = 0; i < n; i++)
		if (rows[i].st == STATS_SHOWN && rows[i].value > max)
			max = rows[i].value;
	bx = x + label_w + 6.0f;
	bw = w - label_w - 6.0f - 92.0f;
	yy = y;
	for (i = 0; i < n; i++) {
		rp_text_fit(d, RP_REGULAR, LABEL_SIZE, x, yy - BAR_H + 3.0f,
		    label_w, &rp_ink, rows[i].label);
		len = 0;
		if (rows[i].st == STATS_SHOWN) {
			len = (float)lm_bar(rows[i].value, max, bw);
			rp_rect(d, bx, yy - BAR_H, len, BAR_H, colour);
		} else
			rp_rect(d, bx, yy - BAR_H, 1.0f, BAR_H, &rp_rule);
		if (rows[i].note != NULL)
			snprintf(txt, sizeof(txt), "%s  %s", rows[i].text,
			    rows[i].note);
		else
			snprintf(txt, sizeof(txt), "%s", rows[i].text);
		tw = rp_width(d, RP_REGULAR, LABEL_SIZE, txt);
		(void)tw;
		rp_text(d, RP_REGULAR, LABEL_SIZE, bx + len + 4.0f,
		    yy - BAR_H + 3.0f, rows[i].st == STATS_SHOWN ? &rp_ink :
		    &rp_grey, txt);
		yy -= BAR_H + BAR_GAP;
	}
	return (y - yy);
}

/*
 * One stacked bar of n parts in (x, y − h, w, h). Hidden parts are drawn
 * as one grey segment at the end. With labels set, a part wide enough
 * carries its percentage (of the total) in white or ink.
 */
void
chart_stacked(struct rp_doc *d, float x, float y, float w, float h,
    const long long *counts, const enum stats_state *st,
    const struct rp_rgb *const *colours, size_t n, int labels)
{
	long long	 shown[17];
	double		 sx[17], sw[17];
	long long	 total, hidden;
	size_t		 i, m;
	char		 pct[32];
	float		 lum;

	if (n > 16)
		n = 16;
	total = hidden = 0;
	for (i = 0; i < n; i++) {
		total += counts[i];
		if (st[i] == STATS_SHOWN)
			shown[i] = counts[i];
		else {
			shown[i] = 0;
			hidden += counts[i];
		}
	}
	shown[n] = hidden;
	m = n + 1;
	if (total <= 0) {
		rp_rect(d, x, y - h, w, h, &rp_grey_light);
		return;
	}
	lm_stack(shown, m, w, sx, sw);
	for (i = 0; i < m; i++) {
		if (sw[i] <= 0)
			continue;
		rp_rect(d, x + (float)sx[i], y - h, (float)sw[i], h,
		    i < n ? colours[i] : &rp_grey_light);
		if (i == n)
			rp_frame(d, x + (float)sx[i] + 0.25f, y - h + 0.25f,
			    (float)sw[i] - 0.5f, h - 0.5f, 0.5f, &rp_rule);
		if (!labels || i == n)
			continue;
		snprintf(pct, sizeof(pct), "%.0f%s", 100.0 *
		    (double)shown[i] / (double)total,
		    d->lang == LANG_FR ? "\xc2\xa0%" : "%");
		if (rp_width(d, RP_REGULAR, 7.0f, pct) + 4.0f > sw[i])
			continue;
		lum = 0.299f * colours[i]->r + 0.587f * colours[i]->g +
		    0.114f * colours[i]->b;
		rp_text_center(d, RP_REGULAR, 7.0f, x + (float)(sx[i] +
		    sw[i] / 2.0), y - h / 2.0f - 2.5f, lum < 0.6f ? &rp_white :
		    &rp_ink, pct);
	}
}

/* A legend of coloured squares, wrapped; returns the height used. */
float
chart_legend(struct rp_doc *d, float x, float y, float w,
    const char *const *names, const struct rp_rgb *const *colours, size_t n)
{
	float	xx, tw, y0;
	size_t	i;

	xx = x;
	y0 = y;
	for (i = 0; i < n; i++) {
		tw = rp_width(d, RP_REGULAR, 7.5f, names[i]);
		if (xx + 12.0f + tw > x + w && xx > x) {
			xx = x;
			y -= 11.0f;
		}
		rp_rect(d, xx, y - 7.0f, 7.0f, 7.0f, colours[i]);
		rp_text(d, RP_REGULAR, 7.5f, xx + 10.0f, y - 6.5f, &rp_grey,
		    names[i]);
		xx += 10.0f + tw + 12.0f;
	}
	return (y0 - y + 11.0f);
}

/*
 * Lines over the quarters (x axis: labels[0..nx)), one per series, on
 * one scale from zero with a few gridlines. A hidden point breaks the
 * line. The box is (x, y − h, w, h); the labels go below it.
 */
void
chart_line(struct rp_doc *d, float x, float y, float w, float h,
    const char *const *labels, size_t nx, const struct chart_series *s,
    size_t ns)
{
	double	max, top, step, t;
	float	px, py, lx, ly, ax, aw;
	size_t	i, k;
	int	have;
	char	num[32];

	max = 0;
	for (k = 0; k < ns; k++)
		for (i = 0; i < nx; i++)
			if (s[k].st[i] == STATS_SHOWN && s[k].v[i] > max)
				max = s[k].v[i];
	lm_axis(max > 0 ? max : 1.0, 4, &top, &step);
	ax = x + 36.0f;
	aw = w - 46.0f;
	for (t = 0; t <= top + step / 2; t += step) {
		py = y - h + (float)(t / top) * h;
		rp_line(d, ax, py, ax + aw, py, 0.4f, &rp_rule);
		fmt_int(num, sizeof(num), d->lang, (long long)llround(t));
		rp_text_right(d, RP_REGULAR, 7.0f, ax - 4.0f, py - 2.5f,
		    &rp_grey, num);
	}
	for (i = 0; i < nx; i++) {
		px = nx > 1 ? ax + 14.0f + (aw - 28.0f) * (float)i /
		    (float)(nx - 1) : ax + aw / 2.0f;
		rp_text_center(d, RP_REGULAR, 7.5f, px, y - h - 12.0f,
		    &rp_grey, labels[i]);
	}
	for (k = 0; k < ns; k++) {
		have = 0;
		lx = ly = 0;
		for (i = 0; i < nx; i++) {
			px = nx > 1 ? ax + 14.0f + (aw - 28.0f) * (float)i /
			    (float)(nx - 1) : ax + aw / 2.0f;
			if (s[k].st[i] != STATS_SHOWN) {
				have = 0;
				continue;
			}
			py = y - h + (float)(s[k].v[i] / top) * h;
			if (have)
				rp_line(d, lx, ly, px, py, 1.6f, s[k].colour);
			have = 1;
			lx = px;
			ly = py;
		}
		for (i = 0; i < nx; i++) {
			if (s[k].st[i] != STATS_SHOWN)
				continue;
			px = nx > 1 ? ax + 14.0f + (aw - 28.0f) * (float)i /
			    (float)(nx - 1) : ax + aw / 2.0f;
			py = y - h + (float)(s[k].v[i] / top) * h;
			rp_circle(d, px, py, 2.6f, s[k].colour);
		}
	}
}

/*
 * Small bars for a few quarters with, where a target exists, a dark tick
 * at the target's height. percent: values are shares (0..1) and targets
 * percentages. Hidden values are left out.
 */
void
chart_quarters(struct rp_doc *d, float x, float y, float w, float h,
    const char *const *labels, const double *v, const enum stats_state *st,
    const int *has_target, const double *target, size_t n, int percent)
{
	double	max, val, tg;
	float	bw, gap, bx, bh;
	size_t	i;

	max = 0;
	for (i = 0; i < n; i++) {
		val = percent ? v[i] * 100.0 : v[i];
		if (st[i] == STATS_SHOWN && val > max)
			max = val;
		if (has_target[i] && target[i] > max)
			max = target[i];
	}
	if (max <= 0)
		max = 1;
	gap = 6.0f;
	bw = (w - gap * (float)(n + 1)) / (float)n;
	rp_line(d, x, y - h, x + w, y - h, 0.5f, &rp_rule);
	for (i = 0; i < n; i++) {
		bx = x + gap + (float)i * (bw + gap);
		val = percent ? v[i] * 100.0 : v[i];
		if (st[i] == STATS_SHOWN) {
			bh = (float)lm_bar(val, max, h);
			rp_rect(d, bx, y - h, bw, bh, i + 1 == n ? &rp_blue :
			    &rp_blue_light);
		}
		if (has_target[i]) {
			tg = target[i];
			bh = (float)lm_bar(tg, max, h);
			rp_line(d, bx - 2.0f, y - h + bh, bx + bw + 2.0f,
			    y - h + bh, 1.4f, &rp_ink);
		}
		rp_text_center(d, RP_REGULAR, 6.5f, bx + bw / 2.0f,
		    y - h - 9.0f, &rp_grey, labels[i]);
	}
}
