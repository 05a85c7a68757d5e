/*
 * layout_math – the arithmetic of the report's layout, apart from
 * libharu so that it can be unit-tested (tests/unit/test_report_layout.c):
 * line breaking, chart axes, bar lengths, stacked segments, changes
 * between periods.
 */
#ifndef MESURE_LAYOUT_MATH_H
#define MESURE_LAYOUT_MATH_H

#include <stddef.h>

/* One line of wrapped text: s[off .. off + len). */
struct lm_line {
	size_t	off;
	size_t	len;
};

/* Width of s[0..n) in points, as the font will draw it. */
typedef double	(*lm_measure_fn)(void *, const char *, size_t);

size_t	lm_wrap(const char *, double, lm_measure_fn, void *,
	    struct lm_line *, size_t);
double	lm_nice_step(double, int);
void	lm_axis(double, int, double *, double *);
double	lm_bar(double, double, double);
void	lm_stack(const long long *, size_t, double, double *, double *);
int	lm_change(double, double, double *);
size_t	lm_utf8_prefix(const char *, size_t);

#endif
