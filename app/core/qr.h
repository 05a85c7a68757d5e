/*
 * qr – QR codes for posters and follow-up cards, as SVG (vector, for
 * print and for inlining in a page) and as PNG (for people who paste an
 * image in a document). Encoded by libqrencode at error-correction level
 * M; the PNG is written here with zlib (1-bit grayscale), so no image
 * library is needed. Kore-free: libc memory only.
 */
#ifndef MESURE_QR_H
#define MESURE_QR_H

#include <stddef.h>

struct sbuf;

#define QR_TEXT_MAX	512	/* bytes encoded: a URL */
#define QR_MARGIN	4	/* the quiet zone the standard asks for */
#define QR_PNG_MAX_PX	2048

int	qr_svg(struct sbuf *, const char *, const char *);
int	qr_png(struct sbuf *, const char *, int);
int	qr_modules(const char *, int *);

#endif
