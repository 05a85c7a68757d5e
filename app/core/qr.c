/*
 * qr – QR codes as SVG and PNG (see qr.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>
#include <zlib.h>

#include "html.h"
#include "qr.h"
#include "sbuf.h"

static QRcode	*qr_encode(const char *);
static void	 put32(struct sbuf *, uint32_t);
static void	 chunk(struct sbuf *, const char *, const unsigned char *,
		    size_t);

/* The symbol for text, or NULL (too long, not text, out of memory). */
static QRcode *
qr_encode(const char *text)
{
	size_t	n;

	if (text == NULL || (n = strlen(text)) == 0 || n > QR_TEXT_MAX ||
	    !utf8_valid(text, n))
		return (NULL);
	return (QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M));
}

/* The width in modules of text's symbol (quiet zone excluded); 0 or -1. */
int
qr_modules(const char *text, int *width)
{
	QRcode	*q;

	if ((q = qr_encode(text)) == NULL)
		return (-1);
	*width = q->width;
	QRcode_free(q);
	return (0);
}

/*
 * text as an SVG image: one path of dark runs over a white square with
 * the quiet zone, crisp edges, scaled by its viewBox to any size. label
 * (escaped) names it for screen readers; NULL makes it decorative.
 * Returns 0, or -1 with nothing written.
 */
int
qr_svg(struct sbuf *out, const char *text, const char *label)
{
	QRcode	*q;
	int	 x, y, run, w;

	if ((q = qr_encode(text)) == NULL)
		return (-1);
	w = q->width + 2 * QR_MARGIN;
	sbuf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\"", w, w);
	if (label != NULL) {
		sbuf_puts(out, " role=\"img\" aria-label=\"");
		html_escape(out, label);
		sbuf_puts(out, "\"><title>");
		html_escape(out, label);
		sbuf_puts(out, "</title>");
	} else
		sbuf_puts(out, " aria-hidden=\"true\" focusable=\"false\">");
	sbuf_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", w, w);
	for (y = 0; y < q->width; y++) {
		for (x = 0; x < q->width; x += run ? run : 1) {
			run = 0;
			while (x + run < q->width &&
			    (q->data[y * q->width + x + run] & 1))
				run++;
			if (run > 0)
				sbuf_printf(out, "M%d %dh%dv1h-%dz",
				    x + QR_MARGIN, y + QR_MARGIN, run, run);
		}
	}
	sbuf_puts(out, "\"/></svg>");
	QRcode_free(q);
	return (out->failed ? -1 : 0);
}

static void
put32(struct sbuf *out, uint32_t v)
{
	unsigned char	b[4];

	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
	sbuf_add(out, b, 4);
}

/* One PNG chunk: length, type, data, CRC of type and data. */
static void
chunk(struct sbuf *out, const char *type, const unsigned char *data,
    size_t len)
{
	uLong	crc;

	put32(out, (uint32_t)len);
	sbuf_add(out, type, 4);
	if (len > 0)
		sbuf_add(out, data, len);
	crc = crc32(0L, (const Bytef *)type, 4);
	if (len > 0)
		crc = crc32(crc, data, (uInt)len);
	put32(out, (uint32_t)crc);
}

/*
 * text as a PNG: black modules on white, scale pixels a module (1 to
 * 32, capped so the image stays within QR_PNG_MAX_PX), quiet zone
 * included. Returns 0, or -1 with nothing usable in out.
 */
int
qr_png(struct sbuf *out, const char *text, int scale)
{
	static const unsigned char	sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	QRcode				*q;
	unsigned char			 ihdr[13], *raw = NULL, *z = NULL;
	size_t				 px, stride, rawlen, row;
	uLongf				 zlen;
	int				 x, y, mx, my, rc = -1, dark;

	if ((q = qr_encode(text)) == NULL)
		return (-1);
	if (scale < 1)
		scale = 1;
	if (scale > 32)
		scale = 32;
	while (scale > 1 &&
	    (size_t)(q->width + 2 * QR_MARGIN) * (size_t)scale > QR_PNG_MAX_PX)
		scale--;
	px = (size_t)(q->width + 2 * QR_MARGIN) * (size_t)scale;
	stride = (px + 7) / 8;
	rawlen = (stride + 1) * px;
	if ((raw = malloc(rawlen)) == NULL)
		goto out;
	/* 1-bit grayscale: a set bit is white. Filter type 0 on each row. */
	memset(raw, 0xff, rawlen);
	for (row = 0; row < px; row++) {
		raw[row * (stride + 1)] = 0;
		my = (int)(row / (size_t)scale) - QR_MARGIN;
		if (my < 0 || my >= q->width)
			continue;
		for (x = 0; x < (int)px; x++) {
			mx = x / scale - QR_MARGIN;
			dark = (mx >= 0 && mx < q->width &&
			    (q->data[my * q->width + mx] & 1));
			if (dark)
				raw[row * (stride + 1) + 1 + (size_t)x / 8] &=
				    (unsigned char)~(0x80 >> (x % 8));
		}
	}
	zlen = compressBound((uLong)rawlen);
	if ((z = malloc(zlen)) == NULL ||
	    compress2(z, &zlen, raw, (uLong)rawlen, 9) != Z_OK)
		goto out;

	for (y = 0; y < 4; y++)
		ihdr[y] = (unsigned char)(px >> (24 - 8 * y));
	for (y = 0; y < 4; y++)
		ihdr[4 + y] = (unsigned char)(px >> (24 - 8 * y));
	ihdr[8] = 1;		/* bit depth */
	ihdr[9] = 0;		/* grayscale */
	ihdr[10] = 0;		/* deflate */
	ihdr[11] = 0;		/* adaptive filtering */
	ihdr[12] = 0;		/* no interlace */
	sbuf_add(out, sig, sizeof(sig));
	chunk(out, "IHDR", ihdr, sizeof(ihdr));
	chunk(out, "IDAT", z, zlen);
	chunk(out, "IEND", NULL, 0);
	rc = out->failed ? -1 : 0;
out:
	free(z);
	free(raw);
	QRcode_free(q);
	return (rc);
}
