/*
 * layout_math – line breaking, axes, bars and stacks for the report
 * layout (see layout_math.h). Pure functions: no libharu, no allocation.
 */
#include <math.h>
#include <string.h>

#include "layout_math.h"

/*
 * The longest prefix of s[0..n) that does not cut a UTF-8 sequence: the
 * largest k <= n such that s[k] is not a continuation byte.
 */
size_t
lm_utf8_prefix(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (n);
}

/* The length of the next UTF-8 character at s (at least 1). */
static size_t
utf8_len(const char *s, size_t left)
{
	unsigned char	c = (unsigned char)s[0];
	size_t		n;

	n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	return (n > left ? left : n);
}

/*
 * Break s into lines no wider than width: at ASCII spaces only (a
 * no-break space U+00A0 keeps "1 234 €" together), at '\n' always, and
 * inside a word only when the word alone is wider than the line (then
 * at a character boundary). Spaces at a break are dropped. Fills at
 * most max lines and returns how many the whole text needs.
 */
size_t
lm_wrap(const char *s, double width, lm_measure_fn measure, void *arg,
    struct lm_line *lines, size_t max)
{
	size_t	n, start, end, brk, i, count, k;

	n = strlen(s);
	count = 0;
	start = 0;
	while (start <= n) {
		/* Skip the spaces a break leaves at the start of a line. */
		while (start < n && s[start] == ' ')
			start++;
		if (start >= n && count > 0)
			break;
		brk = (size_t)-1;
		end = start;
		for (i = start; i < n && s[i] != '\n'; i += utf8_len(s + i,
		    n - i)) {
			k = i + utf8_len(s + i, n - i);
			if (s[i] == ' ')
				brk = i;
			if (measure(arg, s + start, k - start) > width) {
				if (brk != (size_t)-1 && brk > start)
					end = brk;
				else if (i > start)
					end = i;	/* cut the word */
				else
					end = k;	/* one char per line */
				break;
			}
			end = k;
		}
		/* Drop trailing spaces of the line. */
		k = end;
		while (k > start && s[k - 1] == ' ')
			k--;
		if (count < max) {
			lines[count].off = start;
			lines[count].len = k - start;
		}
		count++;
		if (end < n && s[end] == '\n')
			end++;
		if (end >= n)
			break;
		start = end;
	}
	return (count);
}

/*
 * A "nice" step (1, 2, 2.5 or 5 times a power of ten) so that about
 * ticks steps cover max.
 */
double
lm_nice_step(double max, int ticks)
{
	double	raw, mag, f;

	if (!(max > 0) || ticks < 1)
		return (1.0);
	raw = max / ticks;
	mag = pow(10.0, floor(log10(raw)));
	f = raw / mag;
	if (f <= 1.0)
		f = 1.0;
	else if (f <= 2.0)
		f = 2.0;
	else if (f <= 2.5)
		f = 2.5;
	else if (f <= 5.0)
		f = 5.0;
	else
		f = 10.0;
	return (f * mag);
}

/*
 * An axis from 0 covering max: *step from lm_nice_step() with whole
 * steps for counts (a step of at least 1), *top the first multiple of
 * the step at or above max (at least one step).
 */
void
lm_axis(double max, int ticks, double *top, double *step)
{
	double	s;

	s = lm_nice_step(max, ticks);
	if (s < 1.0 && max >= 1.0)
		s = 1.0;
	*step = s;
	*top = ceil(max / s - 1e-9) * s;
	if (*top < s)
		*top = s;
}

/* The length of a bar of value on a scale from 0 to max drawn in len. */
double
lm_bar(double value, double max, double len)
{
	if (!(max > 0) || !(value > 0))
		return (0.0);
	if (value >= max)
		return (len);
	return (value / max * len);
}

/*
 * Split width into n segments proportional to counts: x[i] is where
 * segment i starts, w[i] its width; the widths add up to width exactly
 * (the last takes the rounding). All zero: every segment empty.
 */
void
lm_stack(const long long *counts, size_t n, double width, double *x,
    double *w)
{
	long long	total;
	double		pos, end;
	size_t		i, last;

	total = 0;
	last = 0;
	for (i = 0; i < n; i++)
		if (counts[i] > 0) {
			total += counts[i];
			last = i;
		}
	pos = 0.0;
	for (i = 0; i < n; i++) {
		x[i] = pos;
		if (total == 0 || counts[i] <= 0) {
			w[i] = 0.0;
			continue;
		}
		end = i == last ? width : pos + width * (double)counts[i] /
		    (double)total;
		w[i] = end - pos;
		pos = end;
	}
}

/*
 * The relative change from prev to now (0.25 for +25 %). Returns 0 when
 * there is nothing to compare with (prev not positive).
 */
int
lm_change(double now, double prev, double *rel)
{
	if (!(prev > 0))
		return (0);
	*rel = (now - prev) / prev;
	return (1);
}
