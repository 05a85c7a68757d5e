/*
 * report_pdf – libharu with a per-document error state, UTF-8 fonts,
 * measured and wrapped text, pages, outline and footers (see
 * report_pdf.h).
 *
 * Errors: libharu calls our handler with the document as user data; the
 * handler records the first error in the document and returns, so that
 * drawing goes on harmlessly and rp_finish() refuses to save. Every
 * helper also does nothing once the document failed.
 *
 * Determinism: libharu writes no date and no /ID unless asked; fonts
 * are subset the same way for the same text. We set no date either:
 * the report's date is text chosen by the caller.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "layout_math.h"
#include "report_pdf.h"
#include "svglite.h"

const struct rp_rgb rp_blue = { 0.043f, 0.310f, 0.612f };	/* #0b4f9c */
const struct rp_rgb rp_blue_light = { 0.855f, 0.906f, 0.965f };
const struct rp_rgb rp_ink = { 0.118f, 0.141f, 0.176f };
const struct rp_rgb rp_grey = { 0.369f, 0.400f, 0.443f };
const struct rp_rgb rp_grey_light = { 0.945f, 0.953f, 0.961f };
const struct rp_rgb rp_rule = { 0.800f, 0.820f, 0.850f };
const struct rp_rgb rp_rule_dark = { 0.620f, 0.650f, 0.690f };
const struct rp_rgb rp_blue_mid = { 0.400f, 0.600f, 0.820f };
const struct rp_rgb rp_white = { 1.0f, 1.0f, 1.0f };
const struct rp_rgb rp_green = { 0.102f, 0.533f, 0.282f };
const struct rp_rgb rp_orange = { 0.863f, 0.502f, 0.090f };
const struct rp_rgb rp_red = { 0.753f, 0.224f, 0.169f };
/* Very unhappy … very happy, distinguishable in grey print too. */
const struct rp_rgb rp_smiley[5] = {
	{ 0.698f, 0.133f, 0.133f },
	{ 0.910f, 0.494f, 0.231f },
	{ 0.851f, 0.851f, 0.851f },
	{ 0.518f, 0.757f, 0.553f },
	{ 0.102f, 0.533f, 0.282f },
};

static const char *const font_file[RP_FONT__MAX] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
};

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	struct rp_doc	*d = arg;

	if (d->failed)
		return;
	d->failed = 1;
	d->hpdf_error = (unsigned long)code;
	d->hpdf_detail = (unsigned long)detail;
	snprintf(d->err, sizeof(d->err), "libharu error 0x%04lx (detail %lu)",
	    (unsigned long)code, (unsigned long)detail);
}

int
rp_fail(struct rp_doc *d, const char *why)
{
	if (!d->failed) {
		d->failed = 1;
		snprintf(d->err, sizeof(d->err), "%s", why);
	}
	return (-1);
}

/*
 * libharu 2.3.0 gives a UTF-8 font its encoding CMap (a CID map with
 * "begincidrange") as /ToUnicode. Text still shows, but extractors read
 * it as an invalid ToUnicode map. Our text is written as two-byte
 * Unicode code points (Identity-H over a CIDToGIDMap), so the right
 * ToUnicode map is the identity of the Basic Multilingual Plane: write
 * that into the same stream, with the keys of a ToUnicode CMap.
 */
static void
fix_tounicode(struct rp_doc *d, HPDF_Font font)
{
	HPDF_FontAttr	 attr;
	HPDF_Dict	 cmap;
	HPDF_Stream	 s;
	char		 line[64];
	int		 hi, n, block;

	attr = (HPDF_FontAttr)font->attr;
	if (attr == NULL || (cmap = attr->cmap_stream) == NULL ||
	    (s = cmap->stream) == NULL)
		return;
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_WriteStr(s,
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* 248 ranges (no surrogates), at most 100 per block. */
	n = 0;
	block = 0;
	for (hi = 0; hi < 256; hi++) {
		if (hi >= 0xd8 && hi <= 0xdf)
			continue;
		if (n % 100 == 0) {
			if (n > 0)
				HPDF_Stream_WriteStr(s, "endbfrange\n");
			block = 248 - n < 100 ? 248 - n : 100;
			snprintf(line, sizeof(line), "%d beginbfrange\n",
			    block);
			HPDF_Stream_WriteStr(s, line);
		}
		snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n",
		    hi, hi, hi);
		HPDF_Stream_WriteStr(s, line);
		n++;
	}
	HPDF_Stream_WriteStr(s, "endbfrange\n"
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
	(void)d;
}

/*
 * Open a document with the two DejaVu Sans fonts of font_dir embedded
 * (UTF-8). Returns 0 or -1 (d->err says why); rp_close() in both cases.
 */
int
rp_open(struct rp_doc *d, const char *font_dir, enum lang l)
{
	char		 path[1024];
	const char	*name;
	int		 i;

	memset(d, 0, sizeof(*d));
	d->lang = l;
	if ((d->pdf = HPDF_New(on_error, d)) == NULL)
		return (rp_fail(d, "libharu: cannot create a document"));
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	for (i = 0; i < RP_FONT__MAX; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s",
		    font_dir != NULL ? font_dir : ".", font_file[i]) >=
		    sizeof(path))
			return (rp_fail(d, "font directory name too long"));
		name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
		if (name == NULL || d->failed) {
			d->failed = 0;
			snprintf(path, sizeof(path), "cannot load the font "
			    "%s/%s", font_dir != NULL ? font_dir : ".",
			    font_file[i]);
			return (rp_fail(d, path));
		}
		d->font[i] = HPDF_GetFont(d->pdf, name, "UTF-8");
		if (d->font[i] == NULL)
			return (rp_fail(d, "libharu: no UTF-8 font"));
		fix_tounicode(d, d->font[i]);
	}
	HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	return (d->failed ? -1 : 0);
}

void
rp_close(struct rp_doc *d)
{
	if (d->pdf != NULL)
		HPDF_Free(d->pdf);
	d->pdf = NULL;
}

/* Start a page; the cursor goes to its top. */
int
rp_new_page(struct rp_doc *d)
{
	if (d->failed)
		return (-1);
	if (d->npages >= RP_PAGES_MAX)
		return (rp_fail(d, "too many pages"));
	if ((d->page = HPDF_AddPage(d->pdf)) == NULL)
		return (-1);
	HPDF_Page_SetSize(d->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	d->pages[d->npages++] = d->page;
	d->y = RP_TOP;
	return (d->failed ? -1 : 0);
}

/* Make sure h points are free below the cursor, else a new page. */
int
rp_ensure(struct rp_doc *d, float h)
{
	if (d->page == NULL || d->y - h < RP_BOTTOM)
		return (rp_new_page(d));
	return (0);
}

/*
 * An outline entry at level (0, 1, 2) pointing to the cursor on the
 * current page. Outline titles are UTF-16 text strings (libharu writes
 * them with a byte-order mark when given the UTF-8 encoder).
 */
void
rp_outline(struct rp_doc *d, int level, const char *title)
{
	HPDF_Outline		parent, o;
	HPDF_Destination	dst;
	HPDF_Encoder		enc;

	if (d->failed || level < 0 || level > 2)
		return;
	enc = HPDF_GetEncoder(d->pdf, "UTF-8");
	parent = level == 0 ? NULL : d->outline[level - 1];
	if (level > 0 && parent == NULL)
		return;
	o = HPDF_CreateOutline(d->pdf, parent, title, enc);
	if (o == NULL)
		return;
	dst = HPDF_Page_CreateDestination(d->page);
	HPDF_Destination_SetFitH(dst, d->y + 30.0f);
	HPDF_Outline_SetDestination(o, dst);
	HPDF_Outline_SetOpened(o, level == 0 ? HPDF_TRUE : HPDF_FALSE);
	d->outline[level] = o;
	if (level < 2)
		d->outline[level + 1] = NULL;
}

float
rp_width_n(struct rp_doc *d, enum rp_font f, float size, const char *s,
    size_t n)
{
	HPDF_TextWidth	tw;

	if (d->failed || n == 0)
		return (0.0f);
	tw = HPDF_Font_TextWidth(d->font[f], (const HPDF_BYTE *)s,
	    (HPDF_UINT)n);
	return ((float)tw.width * size / 1000.0f);
}

float
rp_width(struct rp_doc *d, enum rp_font f, float size, const char *s)
{
	return (rp_width_n(d, f, size, s, strlen(s)));
}

static void
fill_colour(struct rp_doc *d, const struct rp_rgb *c)
{
	HPDF_Page_SetRGBFill(d->page, c->r, c->g, c->b);
}

/* n bytes of s at (x, y) – y is the baseline. */
void
rp_text_n(struct rp_doc *d, enum rp_font f, float size, float x, float y,
    const struct rp_rgb *c, const char *s, size_t n)
{
	char	buf[1024];

	if (d->failed || d->page == NULL || n == 0)
		return;
	if (n >= sizeof(buf))
		n = lm_utf8_prefix(s, sizeof(buf) - 1);
	memcpy(buf, s, n);
	buf[n] = '\0';
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetFontAndSize(d->page, d->font[f], size);
	fill_colour(d, c);
	HPDF_Page_TextOut(d->page, x, y, buf);
	HPDF_Page_EndText(d->page);
}

void
rp_text(struct rp_doc *d, enum rp_font f, float size, float x, float y,
    const struct rp_rgb *c, const char *s)
{
	rp_text_n(d, f, size, x, y, c, s, strlen(s));
}

void
rp_text_right(struct rp_doc *d, enum rp_font f, float size, float x,
    float y, const struct rp_rgb *c, const char *s)
{
	rp_text(d, f, size, x - rp_width(d, f, size, s), y, c, s);
}

void
rp_text_center(struct rp_doc *d, enum rp_font f, float size, float x,
    float y, const struct rp_rgb *c, const char *s)
{
	rp_text(d, f, size, x - rp_width(d, f, size, s) / 2.0f, y, c, s);
}

/* One line no wider than w: cut with "…" if it is longer. */
void
rp_text_fit(struct rp_doc *d, enum rp_font f, float size, float x, float y,
    float w, const struct rp_rgb *c, const char *s)
{
	char	buf[512];
	size_t	n;

	if (rp_width(d, f, size, s) <= w) {
		rp_text(d, f, size, x, y, c, s);
		return;
	}
	n = strlen(s);
	if (n > sizeof(buf) - 4)
		n = sizeof(buf) - 4;
	while (n > 0) {
		n = lm_utf8_prefix(s, n - 1);
		memcpy(buf, s, n);
		memcpy(buf + n, "…", sizeof("…"));
		if (rp_width(d, f, size, buf) <= w)
			break;
	}
	rp_text(d, f, size, x, y, c, buf);
}

struct measure_arg {
	struct rp_doc	*d;
	enum rp_font	 f;
	float		 size;
};

static double
measure(void *arg, const char *s, size_t n)
{
	struct measure_arg	*a = arg;

	return (rp_width_n(a->d, a->f, a->size, s, n));
}

#define PARA_LINES	200

/* The height a paragraph will take. */
float
rp_para_height(struct rp_doc *d, enum rp_font f, float size, float w,
    float leading, const char *s)
{
	struct lm_line		lines[1];
	struct measure_arg	a = { d, f, size };
	size_t			n;

	n = lm_wrap(s, w, measure, &a, lines, 0);
	return ((float)n * leading);
}

/*
 * Wrap s into width w from x, the first baseline at y; lines leading
 * apart. When flow is set, y is ignored: the text starts at the cursor
 * and may continue on new pages, and the cursor ends below it. Returns
 * the baseline of the last line.
 */
float
rp_para(struct rp_doc *d, enum rp_font f, float size, float x, float y,
    float w, float leading, const struct rp_rgb *c, const char *s, int flow)
{
	struct lm_line		lines[PARA_LINES];
	struct measure_arg	a = { d, f, size };
	size_t			n, i;

	if (d->failed)
		return (y);
	n = lm_wrap(s, w, measure, &a, lines, PARA_LINES);
	if (n > PARA_LINES)
		n = PARA_LINES;
	for (i = 0; i < n; i++) {
		if (flow) {
			if (rp_ensure(d, leading) == -1)
				return (y);
			y = d->y - size;
			d->y -= leading;
		} else if (i > 0)
			y -= leading;
		rp_text_n(d, f, size, x, y, c, s + lines[i].off,
		    lines[i].len);
	}
	return (y);
}

void
rp_rect(struct rp_doc *d, float x, float y, float w, float h,
    const struct rp_rgb *c)
{
	if (d->failed || d->page == NULL || w <= 0 || h <= 0)
		return;
	fill_colour(d, c);
	HPDF_Page_Rectangle(d->page, x, y, w, h);
	HPDF_Page_Fill(d->page);
}

void
rp_frame(struct rp_doc *d, float x, float y, float w, float h, float lw,
    const struct rp_rgb *c)
{
	if (d->failed || d->page == NULL)
		return;
	HPDF_Page_SetLineWidth(d->page, lw);
	HPDF_Page_SetRGBStroke(d->page, c->r, c->g, c->b);
	HPDF_Page_Rectangle(d->page, x, y, w, h);
	HPDF_Page_Stroke(d->page);
}

void
rp_line(struct rp_doc *d, float x0, float y0, float x1, float y1, float lw,
    const struct rp_rgb *c)
{
	if (d->failed || d->page == NULL)
		return;
	HPDF_Page_SetLineWidth(d->page, lw);
	HPDF_Page_SetRGBStroke(d->page, c->r, c->g, c->b);
	HPDF_Page_MoveTo(d->page, x0, y0);
	HPDF_Page_LineTo(d->page, x1, y1);
	HPDF_Page_Stroke(d->page);
}

void
rp_dash_line(struct rp_doc *d, float x0, float y0, float x1, float y1,
    float lw, const struct rp_rgb *c)
{
	static const HPDF_UINT16	dash[] = { 3, 2 };

	if (d->failed || d->page == NULL)
		return;
	HPDF_Page_SetDash(d->page, dash, 2, 0);
	rp_line(d, x0, y0, x1, y1, lw, c);
	HPDF_Page_SetDash(d->page, NULL, 0, 0);
}

void
rp_circle(struct rp_doc *d, float x, float y, float r,
    const struct rp_rgb *c)
{
	if (d->failed || d->page == NULL)
		return;
	fill_colour(d, c);
	HPDF_Page_Circle(d->page, x, y, r);
	HPDF_Page_Fill(d->page);
}

/* A right-pointing arrow head at (x, y), w wide and h high, filled. */
void
rp_arrow(struct rp_doc *d, float x, float y, float w, float h,
    const struct rp_rgb *c)
{
	if (d->failed || d->page == NULL)
		return;
	fill_colour(d, c);
	HPDF_Page_MoveTo(d->page, x - w, y + h / 2.0f);
	HPDF_Page_LineTo(d->page, x, y);
	HPDF_Page_LineTo(d->page, x - w, y - h / 2.0f);
	HPDF_Page_ClosePath(d->page);
	HPDF_Page_Fill(d->page);
}

/* Draw an SVG (the subset of svglite.h) with its top-left at (x, y). */
int
rp_svg(struct rp_doc *d, const char *svg, size_t len, float x, float y,
    float w)
{
	char	why[120];

	if (d->failed || d->page == NULL)
		return (-1);
	if (svglite_draw(d->page, svg, len, x, y, w, why, sizeof(why)) == -1)
		return (rp_fail(d, why));
	return (0);
}

/*
 * Make sure the embedded subsets hold the glyphs of s even if the pages
 * do not show them: the signature's appearance, drawn after the fact
 * with the same font, may need them. Measuring text marks its glyphs.
 */
void
rp_mark_glyphs(struct rp_doc *d, const char *s)
{
	int	i;

	for (i = 0; i < RP_FONT__MAX; i++)
		(void)rp_width(d, (enum rp_font)i, 10.0f, s);
}

/*
 * Write the running header and the "page n / N" footer on every page,
 * then save the document into *out (malloc'd, *outlen bytes). footer is
 * the left part of the footer. Returns 0, or -1 with d->err set: the
 * one check before saving.
 */
int
rp_finish(struct rp_doc *d, const char *footer, unsigned char **out,
    size_t *outlen)
{
	char		 pg[64];
	HPDF_UINT32	 size;
	unsigned char	*buf;
	int		 i;

	*out = NULL;
	*outlen = 0;
	for (i = 0; i < d->npages && !d->failed; i++) {
		d->page = d->pages[i];
		if (i > 0 && d->running != NULL) {
			rp_text_fit(d, RP_REGULAR, 7.5f, RP_MARGIN_L,
			    RP_PAGE_H - 36.0f, RP_TEXT_W, &rp_grey,
			    d->running);
			rp_line(d, RP_MARGIN_L, RP_PAGE_H - 42.0f,
			    RP_PAGE_W - RP_MARGIN_R, RP_PAGE_H - 42.0f, 0.5f,
			    &rp_rule);
		}
		rp_line(d, RP_MARGIN_L, 44.0f, RP_PAGE_W - RP_MARGIN_R, 44.0f,
		    0.5f, &rp_rule);
		snprintf(pg, sizeof(pg), "page %d / %d", i + 1, d->npages);
		rp_text_right(d, RP_REGULAR, 7.5f, RP_PAGE_W - RP_MARGIN_R,
		    32.0f, &rp_grey, pg);
		if (footer != NULL)
			rp_text_fit(d, RP_REGULAR, 7.5f, RP_MARGIN_L, 32.0f,
			    RP_TEXT_W - 70.0f, &rp_grey, footer);
	}
	if (d->failed)
		return (-1);
	if (HPDF_SaveToStream(d->pdf) != HPDF_OK || d->failed)
		return (rp_fail(d, "libharu: cannot save"));
	size = HPDF_GetStreamSize(d->pdf);
	if (size == 0 || (buf = malloc(size)) == NULL)
		return (rp_fail(d, "out of memory"));
	if (HPDF_ReadFromStream(d->pdf, buf, &size) != HPDF_OK &&
	    HPDF_GetError(d->pdf) != HPDF_STREAM_EOF) {
		free(buf);
		return (rp_fail(d, "libharu: cannot read the saved document"));
	}
	/* Reading to the end is not an error here. */
	d->failed = 0;
	*out = buf;
	*outlen = size;
	return (0);
}
