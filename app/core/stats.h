/*
 * stats – the statistics a funder can trust (issue #6): 95 % Wilson score
 * intervals for shares, the small-cell rule (no figure built from fewer
 * people than a threshold is shown; it is written "< N"), secondary
 * suppression so that a hidden cell cannot be recovered from a total, and
 * outcome kept apart from attribution ("got the right" versus "got the
 * right thanks to the service").
 *
 * Kore-free, libc only, no allocation: the same functions serve the web
 * pages, the PDF reports and the exports, so that the three show the
 * same numbers.
 */
#ifndef MESURE_STATS_H
#define MESURE_STATS_H

#include <stddef.h>

/* The two-sided 97.5 % quantile of the standard normal distribution. */
#define STATS_Z95		1.959963984540054
/* organisations.small_cell_threshold: default, and the floor. */
#define STATS_THRESHOLD_DEFAULT	11
#define STATS_THRESHOLD_MIN	5

/* Why a figure is or is not shown. */
enum stats_state {
	STATS_SHOWN,		/* shown as computed */
	STATS_EMPTY,		/* nothing to compute from (n = 0) */
	STATS_SMALL,		/* primary suppression: fewer than threshold */
	STATS_SECONDARY,	/* hidden so a small cell cannot be recovered */
	STATS__MAX
};

/*
 * A share k / n with its 95 % Wilson interval. p, lo and hi are set
 * whenever n > 0 (the data layer keeps them for the record), but are
 * only to be shown when state is STATS_SHOWN.
 */
struct stats_share {
	long long		k;	/* numerator: people with the outcome */
	long long		n;	/* denominator: people asked */
	double			p;
	double			lo;
	double			hi;
	enum stats_state	state;
};

/*
 * Outcome and attribution of one self-reported result, kept apart:
 *   outcome     respondents reporting the result, over those who answered
 *   attributed  those who also say they would not have managed without
 *               the service (the counterfactual question), same base
 *   attributed_hi  upper bound: the result and the counterfactual not
 *               answered "yes, alone" or "yes, with other help" (so "no",
 *               "don't know" and no answer)
 *   among       attributed over outcome: the part of the result that
 *               the respondents credit to the service
 */
struct stats_attribution {
	struct stats_share	outcome;
	struct stats_share	attributed;
	struct stats_share	attributed_hi;
	struct stats_share	among;
};

int	stats_threshold(int);
int	stats_wilson(long long, long long, double, double *, double *);
int	stats_is_small(long long, int);
void	stats_share_make(struct stats_share *, long long, long long, int);
void	stats_attribution_make(struct stats_attribution *, long long,
	    long long, long long, long long, int);
int	stats_suppress(const long long *, size_t, int, int,
	    enum stats_state *);
int	stats_suppress_table(const long long *, size_t, size_t, int,
	    enum stats_state *, enum stats_state *, enum stats_state *,
	    enum stats_state *);

#endif
