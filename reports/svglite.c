/*
 * svglite – a very small SVG subset drawn with libharu (see svglite.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svglite.h"

struct svgc {
	HPDF_Page	 page;
	float		 x0, y0;	/* page position of the viewBox origin */
	float		 vbx, vby;
	float		 scale;
	char		*err;
	size_t		 errsz;
};

struct paint {
	int	 has;		/* 0: none */
	float	 r, g, b;
};

#define KAPPA	0.5522848f

static int
svg_fail(struct svgc *c, const char *why)
{
	snprintf(c->err, c->errsz, "logo: %s", why);
	return (-1);
}

static float
px(const struct svgc *c, float x)
{
	return (c->x0 + (x - c->vbx) * c->scale);
}

static float
py(const struct svgc *c, float y)
{
	return (c->y0 - (y - c->vby) * c->scale);
}

/*
 * The value of attribute name in the element text el[0..n) into buf;
 * 1 if present.
 */
static int
attr(const char *el, size_t n, const char *name, char *buf, size_t bufsz)
{
	size_t		 nl, i, j;
	char		 q;

	nl = strlen(name);
	for (i = 0; i + nl + 2 < n; i++) {
		if ((i == 0 || isspace((unsigned char)el[i - 1])) &&
		    strncmp(el + i, name, nl) == 0 && el[i + nl] == '=' &&
		    (el[i + nl + 1] == '"' || el[i + nl + 1] == '\'')) {
			q = el[i + nl + 1];
			i += nl + 2;
			for (j = 0; i + j < n && el[i + j] != q; j++)
				;
			if (i + j >= n || j >= bufsz)
				return (0);
			memcpy(buf, el + i, j);
			buf[j] = '\0';
			return (1);
		}
	}
	return (0);
}

static float
fattr(const char *el, size_t n, const char *name, float dflt)
{
	char	buf[64];

	return (attr(el, n, name, buf, sizeof(buf)) ? strtof(buf, NULL) :
	    dflt);
}

static int
hexv(char ch)
{
	if (ch >= '0' && ch <= '9')
		return (ch - '0');
	ch = (char)tolower((unsigned char)ch);
	if (ch >= 'a' && ch <= 'f')
		return (ch - 'a' + 10);
	return (-1);
}

static int
parse_paint(const char *s, struct paint *p)
{
	size_t	n;
	int	v[6], i;

	memset(p, 0, sizeof(*p));
	if (strcmp(s, "none") == 0)
		return (0);
	p->has = 1;
	if (strcmp(s, "white") == 0) {
		p->r = p->g = p->b = 1.0f;
		return (0);
	}
	if (strcmp(s, "black") == 0)
		return (0);
	n = strlen(s);
	if (s[0] != '#' || (n != 4 && n != 7))
		return (-1);
	for (i = 0; i < (int)n - 1; i++)
		if ((v[i] = hexv(s[i + 1])) < 0)
			return (-1);
	if (n == 4) {
		p->r = (float)(v[0] * 17) / 255.0f;
		p->g = (float)(v[1] * 17) / 255.0f;
		p->b = (float)(v[2] * 17) / 255.0f;
	} else {
		p->r = (float)(v[0] * 16 + v[1]) / 255.0f;
		p->g = (float)(v[2] * 16 + v[3]) / 255.0f;
		p->b = (float)(v[4] * 16 + v[5]) / 255.0f;
	}
	return (0);
}

/* Set fill and stroke from the element; *mode: 1 fill, 2 stroke, 3 both. */
static int
style(struct svgc *c, const char *el, size_t n, int *mode)
{
	struct paint	fill, stroke;
	char		buf[64];

	fill.has = 1;
	fill.r = fill.g = fill.b = 0.0f;	/* SVG's default: black */
	stroke.has = 0;
	if (attr(el, n, "fill", buf, sizeof(buf)) &&
	    parse_paint(buf, &fill) == -1)
		return (svg_fail(c, "bad fill"));
	if (attr(el, n, "stroke", buf, sizeof(buf)) &&
	    parse_paint(buf, &stroke) == -1)
		return (svg_fail(c, "bad stroke"));
	*mode = (fill.has ? 1 : 0) | (stroke.has ? 2 : 0);
	if (fill.has)
		HPDF_Page_SetRGBFill(c->page, fill.r, fill.g, fill.b);
	if (stroke.has) {
		HPDF_Page_SetRGBStroke(c->page, stroke.r, stroke.g, stroke.b);
		HPDF_Page_SetLineWidth(c->page,
		    fattr(el, n, "stroke-width", 1.0f) * c->scale);
		if (attr(el, n, "stroke-linejoin", buf, sizeof(buf)))
			HPDF_Page_SetLineJoin(c->page,
			    strcmp(buf, "round") == 0 ? HPDF_ROUND_JOIN :
			    strcmp(buf, "bevel") == 0 ? HPDF_BEVEL_JOIN :
			    HPDF_MITER_JOIN);
		if (attr(el, n, "stroke-linecap", buf, sizeof(buf)))
			HPDF_Page_SetLineCap(c->page,
			    strcmp(buf, "round") == 0 ? HPDF_ROUND_END :
			    strcmp(buf, "square") == 0 ?
			    HPDF_PROJECTING_SCUARE_END : HPDF_BUTT_END);
	}
	return (0);
}

static void
paint(struct svgc *c, int mode)
{
	if (mode == 3)
		HPDF_Page_FillStroke(c->page);
	else if (mode == 1)
		HPDF_Page_Fill(c->page);
	else if (mode == 2)
		HPDF_Page_Stroke(c->page);
	else
		HPDF_Page_EndPath(c->page);
}

static int
draw_rect(struct svgc *c, const char *el, size_t n)
{
	float	x, y, w, h, r, k;
	int	mode;

	x = fattr(el, n, "x", 0);
	y = fattr(el, n, "y", 0);
	w = fattr(el, n, "width", 0);
	h = fattr(el, n, "height", 0);
	r = fattr(el, n, "rx", 0);
	if (w <= 0 || h <= 0)
		return (svg_fail(c, "rect without a size"));
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	if (style(c, el, n, &mode) == -1)
		return (-1);
	k = r * KAPPA;
	HPDF_Page_MoveTo(c->page, px(c, x + r), py(c, y));
	HPDF_Page_LineTo(c->page, px(c, x + w - r), py(c, y));
	if (r > 0)
		HPDF_Page_CurveTo(c->page, px(c, x + w - r + k), py(c, y),
		    px(c, x + w), py(c, y + r - k), px(c, x + w), py(c, y + r));
	HPDF_Page_LineTo(c->page, px(c, x + w), py(c, y + h - r));
	if (r > 0)
		HPDF_Page_CurveTo(c->page, px(c, x + w), py(c, y + h - r + k),
		    px(c, x + w - r + k), py(c, y + h), px(c, x + w - r),
		    py(c, y + h));
	HPDF_Page_LineTo(c->page, px(c, x + r), py(c, y + h));
	if (r > 0)
		HPDF_Page_CurveTo(c->page, px(c, x + r - k), py(c, y + h),
		    px(c, x), py(c, y + h - r + k), px(c, x), py(c, y + h - r));
	HPDF_Page_LineTo(c->page, px(c, x), py(c, y + r));
	if (r > 0)
		HPDF_Page_CurveTo(c->page, px(c, x), py(c, y + r - k),
		    px(c, x + r - k), py(c, y), px(c, x + r), py(c, y));
	HPDF_Page_ClosePath(c->page);
	paint(c, mode);
	return (0);
}

static int
draw_circle(struct svgc *c, const char *el, size_t n)
{
	float	r;
	int	mode;

	r = fattr(el, n, "r", 0);
	if (r <= 0)
		return (svg_fail(c, "circle without a radius"));
	if (style(c, el, n, &mode) == -1)
		return (-1);
	HPDF_Page_Circle(c->page, px(c, fattr(el, n, "cx", 0)),
	    py(c, fattr(el, n, "cy", 0)), r * c->scale);
	paint(c, mode);
	return (0);
}

/* Read the next number of a path at *p; 1 if one was read. */
static int
num(const char **p, float *out)
{
	char	*end;

	while (**p == ' ' || **p == ',' || **p == '\t' || **p == '\n' ||
	    **p == '\r')
		(*p)++;
	if (!(isdigit((unsigned char)**p) || **p == '-' || **p == '+' ||
	    **p == '.'))
		return (0);
	*out = strtof(*p, &end);
	if (end == *p)
		return (0);
	*p = end;
	return (1);
}

static int
draw_path(struct svgc *c, const char *el, size_t n)
{
	char		 d[2048];
	const char	*p;
	char		 cmd;
	float		 x, y, sx, sy, a[6];
	int		 mode, rel, k, started;

	if (!attr(el, n, "d", d, sizeof(d)))
		return (svg_fail(c, "path without d"));
	if (style(c, el, n, &mode) == -1)
		return (-1);
	x = y = sx = sy = 0;
	cmd = 0;
	started = 0;
	p = d;
	for (;;) {
		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t' ||
		    *p == '\r')
			p++;
		if (*p == '\0')
			break;
		if (isalpha((unsigned char)*p))
			cmd = *p++;
		else if (cmd == 0)
			return (svg_fail(c, "path does not start with M"));
		rel = islower((unsigned char)cmd);
		switch (toupper((unsigned char)cmd)) {
		case 'M':
		case 'L':
			if (!num(&p, &a[0]) || !num(&p, &a[1]))
				return (svg_fail(c, "bad path"));
			x = rel ? x + a[0] : a[0];
			y = rel ? y + a[1] : a[1];
			if (toupper((unsigned char)cmd) == 'M') {
				HPDF_Page_MoveTo(c->page, px(c, x), py(c, y));
				sx = x;
				sy = y;
				started = 1;
				/* Pairs after a moveto are linetos. */
				cmd = rel ? 'l' : 'L';
			} else if (started)
				HPDF_Page_LineTo(c->page, px(c, x), py(c, y));
			break;
		case 'H':
			if (!num(&p, &a[0]) || !started)
				return (svg_fail(c, "bad path"));
			x = rel ? x + a[0] : a[0];
			HPDF_Page_LineTo(c->page, px(c, x), py(c, y));
			break;
		case 'V':
			if (!num(&p, &a[0]) || !started)
				return (svg_fail(c, "bad path"));
			y = rel ? y + a[0] : a[0];
			HPDF_Page_LineTo(c->page, px(c, x), py(c, y));
			break;
		case 'C':
			for (k = 0; k < 6; k++)
				if (!num(&p, &a[k]))
					return (svg_fail(c, "bad path"));
			if (!started)
				return (svg_fail(c, "bad path"));
			if (rel)
				for (k = 0; k < 6; k += 2) {
					a[k] += x;
					a[k + 1] += y;
				}
			HPDF_Page_CurveTo(c->page, px(c, a[0]), py(c, a[1]),
			    px(c, a[2]), py(c, a[3]), px(c, a[4]), py(c, a[5]));
			x = a[4];
			y = a[5];
			break;
		case 'Z':
			if (started)
				HPDF_Page_ClosePath(c->page);
			x = sx;
			y = sy;
			break;
		default:
			return (svg_fail(c, "unsupported path command"));
		}
	}
	if (started)
		paint(c, mode);
	return (0);
}

/*
 * Draw svg[0..len) on page with the top-left corner of its viewBox at
 * (x, y) and its width scaled to w points. Returns 0, or -1 with why.
 */
int
svglite_draw(HPDF_Page page, const char *svg, size_t len, float x, float y,
    float w, char *err, size_t errsz)
{
	struct svgc	 c;
	const char	*p, *end, *el;
	char		 vb[128], name[16];
	float		 v[4];
	size_t		 n, i;
	int		 rc;

	memset(&c, 0, sizeof(c));
	c.page = page;
	c.err = err;
	c.errsz = errsz;
	c.x0 = x;
	c.y0 = y;
	p = svg;
	end = svg + len;
	rc = 0;
	HPDF_Page_GSave(page);
	while (rc == 0 && p < end && (p = memchr(p, '<', (size_t)(end - p)))
	    != NULL) {
		el = ++p;
		while (p < end && *p != '>')
			p++;
		if (p >= end) {
			rc = svg_fail(&c, "unterminated element");
			break;
		}
		n = (size_t)(p - el);
		for (i = 0; i < n && i < sizeof(name) - 1 &&
		    (isalnum((unsigned char)el[i]) || el[i] == '?' ||
		    el[i] == '/' || el[i] == '!'); i++)
			name[i] = el[i];
		name[i] = '\0';
		if (strcmp(name, "svg") == 0) {
			if (!attr(el, n, "viewBox", vb, sizeof(vb)))
				rc = svg_fail(&c, "no viewBox");
			else {
				const char *q = vb;

				for (i = 0; i < 4; i++)
					if (!num(&q, &v[i]))
						break;
				if (i < 4 || v[2] <= 0 || v[3] <= 0)
					rc = svg_fail(&c, "bad viewBox");
				else {
					c.vbx = v[0];
					c.vby = v[1];
					c.scale = w / v[2];
				}
			}
		} else if (c.scale <= 0 && name[0] != '?' && name[0] != '!')
			rc = svg_fail(&c, "element before <svg>");
		else if (strcmp(name, "rect") == 0)
			rc = draw_rect(&c, el, n);
		else if (strcmp(name, "circle") == 0)
			rc = draw_circle(&c, el, n);
		else if (strcmp(name, "path") == 0)
			rc = draw_path(&c, el, n);
		else if (strcmp(name, "/svg") == 0 || name[0] == '?' ||
		    name[0] == '!' || strcmp(name, "title") == 0 ||
		    strcmp(name, "/title") == 0 || strcmp(name, "g") == 0 ||
		    strcmp(name, "/g") == 0)
			;
		else
			rc = svg_fail(&c, "unsupported element");
	}
	HPDF_Page_GRestore(page);
	if (rc == 0 && c.scale <= 0)
		rc = svg_fail(&c, "no <svg> element");
	return (rc);
}
