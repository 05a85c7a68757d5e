/*
 * stats – Wilson intervals, the small-cell rule with secondary
 * suppression, outcome versus attribution (see stats.h).
 *
 * References: E. B. Wilson (1927), "Probable inference, the law of
 * succession, and statistical inference", JASA 22; R. G. Newcombe (1998),
 * "Two-sided confidence intervals for the single proportion: comparison
 * of seven methods", Statistics in Medicine 17 – whose worked examples
 * are the unit tests (tests/unit/test_stats.c).
 */
#include <math.h>
#include <stddef.h>

#include "stats.h"

/*
 * The threshold actually applied: the organisation's setting, never
 * below the floor; 0 or a negative value means "not configured".
 */
int
stats_threshold(int configured)
{
	if (configured <= 0)
		return (STATS_THRESHOLD_DEFAULT);
	if (configured < STATS_THRESHOLD_MIN)
		return (STATS_THRESHOLD_MIN);
	return (configured);
}

/*
 * The Wilson score interval of k successes out of n at quantile z:
 *
 *	(p + z²/2n ± z √(p(1−p)/n + z²/4n²)) / (1 + z²/n)
 *
 * Returns 0 and sets *lo, *hi (within [0, 1], exactly 0 when k = 0 and
 * exactly 1 when k = n), or -1 when n <= 0 or k is outside [0, n].
 */
int
stats_wilson(long long k, long long n, double z, double *lo, double *hi)
{
	double	p, nn, z2, denom, centre, half;

	if (n <= 0 || k < 0 || k > n)
		return (-1);
	nn = (double)n;
	p = (double)k / nn;
	z2 = z * z;
	denom = 1.0 + z2 / nn;
	centre = (p + z2 / (2.0 * nn)) / denom;
	half = z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
	*lo = k == 0 ? 0.0 : fmax(0.0, centre - half);
	*hi = k == n ? 1.0 : fmin(1.0, centre + half);
	return (0);
}

/* A count of people that must not be shown: 1 .. threshold − 1. */
int
stats_is_small(long long count, int threshold)
{
	return (count > 0 && count < stats_threshold(threshold));
}

/*
 * Fill a share k / n. It is hidden (STATS_SMALL) when either the people
 * with the outcome or the people asked are fewer than the threshold: the
 * share and its denominator together give the count away.
 */
void
stats_share_make(struct stats_share *s, long long k, long long n,
    int threshold)
{
	s->k = k;
	s->n = n;
	s->p = s->lo = s->hi = 0.0;
	if (n <= 0 || k < 0 || k > n) {
		s->state = STATS_EMPTY;
		return;
	}
	s->p = (double)k / (double)n;
	(void)stats_wilson(k, n, STATS_Z95, &s->lo, &s->hi);
	if (stats_is_small(k, threshold) || stats_is_small(n, threshold))
		s->state = STATS_SMALL;
	else
		s->state = STATS_SHOWN;
}

/*
 * Outcome and attribution of one result (see stats.h). n: respondents
 * who answered the outcome question; yes: those reporting the outcome;
 * yes_not_without: those among them who answer the counterfactual
 * question "no, I would not have managed without the service";
 * yes_unknown: those among them who said "don't know" or did not answer
 * it. Inconsistent counts are clamped, never trusted.
 */
void
stats_attribution_make(struct stats_attribution *a, long long n,
    long long yes, long long yes_not_without, long long yes_unknown,
    int threshold)
{
	if (yes > n)
		yes = n;
	if (yes_not_without > yes)
		yes_not_without = yes;
	if (yes_unknown > yes - yes_not_without)
		yes_unknown = yes - yes_not_without;
	stats_share_make(&a->outcome, yes, n, threshold);
	stats_share_make(&a->attributed, yes_not_without, n, threshold);
	stats_share_make(&a->attributed_hi, yes_not_without + yes_unknown,
	    n, threshold);
	stats_share_make(&a->among, yes_not_without, yes, threshold);
	/*
	 * The figures are nested: outcome − attributed is the people who got
	 * the result but do not credit the service, attributed_hi −
	 * attributed those who do not know. Neither difference may be a
	 * small count, or publishing both figures would publish it.
	 */
	if (a->outcome.state == STATS_SHOWN &&
	    stats_is_small(yes - yes_not_without, threshold)) {
		if (a->attributed.state == STATS_SHOWN)
			a->attributed.state = STATS_SECONDARY;
		if (a->among.state == STATS_SHOWN)
			a->among.state = STATS_SECONDARY;
	}
	if (a->attributed_hi.state == STATS_SHOWN &&
	    (a->attributed.state != STATS_SHOWN ||
	    stats_is_small(yes_unknown, threshold) ||
	    stats_is_small(yes - yes_not_without - yes_unknown, threshold)))
		a->attributed_hi.state = STATS_SECONDARY;
}

/*
 * One line of cells (indices idx[0..n−1] into val/st) whose total is
 * cell tot. A line whose total is shown must have no hidden cell or at
 * least two: one hidden cell would be the total minus the others. A line
 * whose total is hidden must hide a cell too, or the total would be the
 * sum of its cells. The cell hidden in addition is the smallest shown
 * one that is not zero (the least information lost). Returns 1 if it
 * hid something.
 */
static int
suppress_line(const long long *val, enum stats_state *st, const size_t *idx,
    size_t n, size_t tot)
{
	size_t	i, hidden, best, best0;
	int	found, found0;

	hidden = 0;
	for (i = 0; i < n; i++)
		if (st[idx[i]] == STATS_SMALL || st[idx[i]] == STATS_SECONDARY)
			hidden++;
	if (st[tot] == STATS_SHOWN && hidden != 1)
		return (0);
	if (st[tot] != STATS_SHOWN && (hidden != 0 || val[tot] == 0))
		return (0);
	found = found0 = 0;
	best = best0 = 0;
	for (i = 0; i < n; i++) {
		if (st[idx[i]] != STATS_SHOWN)
			continue;
		if (val[idx[i]] > 0 && (!found || val[idx[i]] < val[best])) {
			best = idx[i];
			found = 1;
		}
		if (!found0) {
			best0 = idx[i];
			found0 = 1;
		}
	}
	if (found) {
		st[best] = STATS_SECONDARY;
		return (1);
	}
	if (found0) {
		st[best0] = STATS_SECONDARY;
		return (1);
	}
	/* Nothing else to hide in the line: hide its total. */
	if (st[tot] == STATS_SHOWN) {
		st[tot] = STATS_SECONDARY;
		return (1);
	}
	return (0);
}

/*
 * Suppress the cells v[0..n−1] of one distribution. Primary: a count of
 * 1 .. threshold − 1 is hidden (STATS_SMALL); zero is shown. When additive
 * is set, the total (the sum of the cells) is shown beside them, so
 * secondary suppression follows (STATS_SECONDARY); when the total itself
 * is small, every cell that is not zero is small too. Distributions
 * whose cells overlap (a visit with two domains) are not additive.
 * Returns the number of hidden cells.
 */
int
stats_suppress(const long long *v, size_t n, int additive, int threshold,
    enum stats_state *st)
{
	enum stats_state	 sst[65];
	long long		 val[65];
	size_t			 idx[64], i;
	int			 hidden;

	hidden = 0;
	for (i = 0; i < n; i++) {
		st[i] = stats_is_small(v[i], threshold) ? STATS_SMALL :
		    STATS_SHOWN;
		if (st[i] != STATS_SHOWN)
			hidden++;
	}
	if (!additive || n == 0 || n > 64)
		return (hidden);
	val[n] = 0;
	for (i = 0; i < n; i++) {
		val[i] = v[i];
		val[n] += v[i];
		sst[i] = st[i];
		idx[i] = i;
	}
	sst[n] = stats_is_small(val[n], threshold) ? STATS_SMALL : STATS_SHOWN;
	while (suppress_line(val, sst, idx, n, n))
		;
	hidden = 0;
	for (i = 0; i < n; i++) {
		st[i] = sst[i];
		if (st[i] != STATS_SHOWN)
			hidden++;
	}
	return (hidden);
}

/*
 * Suppress a table of rows × cols counts v (row-major) shown with its
 * row totals, column totals and grand total. cell[rows × cols],
 * rowtot[rows], coltot[cols] and *grand receive the states. Every line
 * (each row with its total, each column with its total, the row totals
 * with the grand total, the column totals with the grand total) is
 * brought to zero or at least two hidden cells, until nothing changes.
 * Tables are small (sites × quarters): at most 64 × 64. Returns the
 * number of hidden inner cells, or -1 if the table is too large.
 */
int
stats_suppress_table(const long long *v, size_t rows, size_t cols,
    int threshold, enum stats_state *cell, enum stats_state *rowtot,
    enum stats_state *coltot, enum stats_state *grand)
{
	static const size_t	 max = 64;
	long long		 val[65 * 65];
	enum stats_state	 st[65 * 65];
	size_t			 idx[65], r, c, w, n;
	int			 changed, hidden;

	if (rows == 0 || cols == 0 || rows > max || cols > max)
		return (-1);
	w = cols + 1;
	for (r = 0; r <= rows; r++)
		for (c = 0; c <= cols; c++)
			val[r * w + c] = 0;
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			val[r * w + c] = v[r * cols + c];
			val[r * w + cols] += v[r * cols + c];
			val[rows * w + c] += v[r * cols + c];
			val[rows * w + cols] += v[r * cols + c];
		}
	for (r = 0; r <= rows; r++)
		for (c = 0; c <= cols; c++)
			st[r * w + c] = stats_is_small(val[r * w + c],
			    threshold) ? STATS_SMALL : STATS_SHOWN;
	do {
		changed = 0;
		for (r = 0; r <= rows; r++) {
			for (n = 0, c = 0; c < cols; c++)
				idx[n++] = r * w + c;
			changed |= suppress_line(val, st, idx, n, r * w + cols);
		}
		for (c = 0; c <= cols; c++) {
			for (n = 0, r = 0; r < rows; r++)
				idx[n++] = r * w + c;
			changed |= suppress_line(val, st, idx, n, rows * w + c);
		}
	} while (changed);
	hidden = 0;
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			cell[r * cols + c] = st[r * w + c];
			if (st[r * w + c] != STATS_SHOWN)
				hidden++;
		}
	for (r = 0; r < rows; r++)
		rowtot[r] = st[r * w + cols];
	for (c = 0; c < cols; c++)
		coltot[c] = st[rows * w + c];
	*grand = st[rows * w + cols];
	return (hidden);
}
