/*
 * svglite – draws the small SVG files of assets/ (the report's logo) as
 * vector paths on a libharu page, so the logo stays sharp at any zoom and
 * is the same file the web pages use. Only a subset is understood: the
 * viewBox of <svg>; <rect> (x, y, width, height, rx), <circle> (cx, cy,
 * r) and <path> (d with M L H V C Z, absolute and relative); fill and
 * stroke as #rgb, #rrggbb, white, black or none; stroke-width,
 * stroke-linejoin and stroke-linecap. Anything else is an error, not a
 * guess: the logo is ours and must draw exactly.
 */
#ifndef MESURE_SVGLITE_H
#define MESURE_SVGLITE_H

#include <stddef.h>

#include <hpdf.h>

int	svglite_draw(HPDF_Page, const char *, size_t, float, float, float,
	    char *, size_t);

#endif
