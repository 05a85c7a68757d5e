/*
 * stats: Wilson intervals against published values, the small-cell rule,
 * secondary suppression, outcome versus attribution.
 */
#include <math.h>

#include "stats.h"
#include "unit.h"

#define NEAR(got, want, eps) CHECK(fabs((got) - (want)) <= (eps),	\
	"%s: got %.6f, want %.6f", #got, (double)(got), (double)(want))

/*
 * Newcombe (1998), Statistics in Medicine 17:857–872, table II, method 3
 * (score interval without continuity correction), rounded to 4 places.
 */
static void
test_wilson_published(void)
{
	static const struct {
		long long	k, n;
		double		lo, hi;
	} t[] = {
		{ 81, 263, 0.2553, 0.3662 },
		{ 15, 148, 0.0624, 0.1605 },
		{ 0, 20, 0.0000, 0.1611 },
		{ 1, 29, 0.0061, 0.1718 },
		{ 29, 29, 0.8830, 1.0000 },
	};
	double	lo, hi;
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CHECK_INT(stats_wilson(t[i].k, t[i].n, STATS_Z95, &lo, &hi), 0);
		NEAR(lo, t[i].lo, 0.00005);
		NEAR(hi, t[i].hi, 0.00005);
	}
}

static void
test_wilson_edges(void)
{
	double	lo = -1, hi = -1;

	/* Exactly 0 and 1 at the ends, never outside [0, 1]. */
	CHECK_INT(stats_wilson(0, 1, STATS_Z95, &lo, &hi), 0);
	CHECK(lo == 0.0 && hi > 0.0 && hi < 1.0, "0/1: [%f, %f]", lo, hi);
	CHECK_INT(stats_wilson(1, 1, STATS_Z95, &lo, &hi), 0);
	CHECK(hi == 1.0 && lo > 0.0, "1/1: [%f, %f]", lo, hi);
	/* Symmetric: k/n and (n−k)/n mirror each other. */
	{
		double lo2, hi2;

		stats_wilson(37, 120, STATS_Z95, &lo, &hi);
		stats_wilson(83, 120, STATS_Z95, &lo2, &hi2);
		NEAR(lo, 1.0 - hi2, 1e-12);
		NEAR(hi, 1.0 - lo2, 1e-12);
	}
	/* The interval contains p and narrows as n grows. */
	{
		double l1, h1, l2, h2;

		stats_wilson(50, 100, STATS_Z95, &l1, &h1);
		stats_wilson(500, 1000, STATS_Z95, &l2, &h2);
		CHECK(l1 < 0.5 && h1 > 0.5, "contains p");
		CHECK(h2 - l2 < h1 - l1, "narrows with n");
		/* 50/100: the textbook 0.4038 – 0.5962. */
		NEAR(l1, 0.4038, 0.00005);
		NEAR(h1, 0.5962, 0.00005);
	}
	/* Refused input. */
	CHECK_INT(stats_wilson(1, 0, STATS_Z95, &lo, &hi), -1);
	CHECK_INT(stats_wilson(-1, 5, STATS_Z95, &lo, &hi), -1);
	CHECK_INT(stats_wilson(6, 5, STATS_Z95, &lo, &hi), -1);
}

static void
test_threshold(void)
{
	CHECK_INT(stats_threshold(0), 11);
	CHECK_INT(stats_threshold(-3), 11);
	CHECK_INT(stats_threshold(3), 5);	/* never below 5 */
	CHECK_INT(stats_threshold(5), 5);
	CHECK_INT(stats_threshold(20), 20);
	CHECK(!stats_is_small(0, 11), "zero is shown");
	CHECK(stats_is_small(1, 11), "1 hidden");
	CHECK(stats_is_small(10, 11), "10 hidden");
	CHECK(!stats_is_small(11, 11), "11 shown");
	CHECK(stats_is_small(4, 2), "threshold 2 is raised to 5");
}

static void
test_share(void)
{
	struct stats_share	s;

	stats_share_make(&s, 81, 263, 11);
	CHECK_INT(s.state, STATS_SHOWN);
	NEAR(s.p, 81.0 / 263.0, 1e-12);
	NEAR(s.lo, 0.2553, 0.00005);
	/* A small numerator hides the share: with n it gives k away. */
	stats_share_make(&s, 7, 263, 11);
	CHECK_INT(s.state, STATS_SMALL);
	/* A small denominator too. */
	stats_share_make(&s, 0, 9, 11);
	CHECK_INT(s.state, STATS_SMALL);
	stats_share_make(&s, 0, 40, 11);
	CHECK_INT(s.state, STATS_SHOWN);
	stats_share_make(&s, 0, 0, 11);
	CHECK_INT(s.state, STATS_EMPTY);
	stats_share_make(&s, 5, 4, 11);
	CHECK_INT(s.state, STATS_EMPTY);
}

static void
test_suppress_1d(void)
{
	enum stats_state	st[8];

	/* Nothing small: nothing hidden. */
	{
		long long v[] = { 40, 25, 12, 0 };

		CHECK_INT(stats_suppress(v, 4, 1, 11, st), 0);
	}
	/* One small cell with a shown total: the next smallest goes too. */
	{
		long long v[] = { 40, 25, 3, 12 };

		CHECK_INT(stats_suppress(v, 4, 1, 11, st), 2);
		CHECK_INT(st[2], STATS_SMALL);
		CHECK_INT(st[3], STATS_SECONDARY);
		CHECK_INT(st[0], STATS_SHOWN);
		CHECK_INT(st[1], STATS_SHOWN);
	}
	/* Zeros are shown and never chosen while a count is left. */
	{
		long long v[] = { 0, 50, 4, 0, 30 };

		CHECK_INT(stats_suppress(v, 5, 1, 11, st), 2);
		CHECK_INT(st[2], STATS_SMALL);
		CHECK_INT(st[4], STATS_SECONDARY);
		CHECK_INT(st[0], STATS_SHOWN);
		CHECK_INT(st[3], STATS_SHOWN);
	}
	/* Two small cells protect each other. */
	{
		long long v[] = { 60, 2, 9, 33 };

		CHECK_INT(stats_suppress(v, 4, 1, 11, st), 2);
		CHECK_INT(st[1], STATS_SMALL);
		CHECK_INT(st[2], STATS_SMALL);
		CHECK_INT(st[3], STATS_SHOWN);
	}
	/* Not additive (overlapping cells): primary only. */
	{
		long long v[] = { 40, 25, 3, 12 };

		CHECK_INT(stats_suppress(v, 4, 0, 11, st), 1);
		CHECK_INT(st[3], STATS_SHOWN);
	}
	/* A small total: every cell that is not zero is small. */
	{
		long long v[] = { 4, 3, 0 };

		CHECK_INT(stats_suppress(v, 3, 1, 11, st), 2);
		CHECK_INT(st[2], STATS_SHOWN);
	}
	/* The threshold is the organisation's, but never below 5. */
	{
		long long v[] = { 40, 6, 30 };

		CHECK_INT(stats_suppress(v, 3, 1, 5, st), 0);
		CHECK_INT(stats_suppress(v, 3, 1, 2, st), 0);
		CHECK_INT(stats_suppress(v, 3, 1, 7, st), 2);
	}
}

/* No line of a suppressed table may have exactly one hidden cell. */
static int
table_safe(size_t rows, size_t cols, const enum stats_state *cell,
    const enum stats_state *rt, const enum stats_state *ct,
    enum stats_state g)
{
	size_t	r, c, h;

	for (r = 0; r < rows; r++) {
		for (h = 0, c = 0; c < cols; c++)
			h += cell[r * cols + c] != STATS_SHOWN;
		if (rt[r] == STATS_SHOWN && h == 1)
			return (0);
	}
	for (c = 0; c < cols; c++) {
		for (h = 0, r = 0; r < rows; r++)
			h += cell[r * cols + c] != STATS_SHOWN;
		if (ct[c] == STATS_SHOWN && h == 1)
			return (0);
	}
	for (h = 0, r = 0; r < rows; r++)
		h += rt[r] != STATS_SHOWN;
	if (g == STATS_SHOWN && h == 1)
		return (0);
	for (h = 0, c = 0; c < cols; c++)
		h += ct[c] != STATS_SHOWN;
	if (g == STATS_SHOWN && h == 1)
		return (0);
	return (1);
}

static void
test_suppress_table(void)
{
	enum stats_state	cell[12], rt[4], ct[3], g;

	/*
	 * Sites × quarters. The 3 is hidden; its row and its column each
	 * need a second hidden cell, which in turn needs a partner in its
	 * own column and row.
	 */
	{
		long long v[] = {
			50, 60, 70,
			40, 3, 45,
			30, 35, 80,
			90, 20, 25,
		};
		int n;

		n = stats_suppress_table(v, 4, 3, 11, cell, rt, ct, &g);
		CHECK(n >= 4, "at least a rectangle hidden: %d", n);
		CHECK_INT(cell[4], STATS_SMALL);
		CHECK(table_safe(4, 3, cell, rt, ct, g), "table is safe");
		CHECK_INT(g, STATS_SHOWN);
	}
	/* A small row total: its cells are small, the margins protected. */
	{
		long long v[] = {
			50, 60, 70,
			2, 3, 1,
			30, 35, 80,
			90, 20, 25,
		};

		stats_suppress_table(v, 4, 3, 11, cell, rt, ct, &g);
		CHECK_INT(rt[1], STATS_SMALL);
		CHECK_INT(cell[3], STATS_SMALL);
		CHECK(table_safe(4, 3, cell, rt, ct, g), "table is safe");
		/* Another row total is hidden so rt[1] ≠ grand − others. */
		CHECK(rt[0] != STATS_SHOWN || rt[2] != STATS_SHOWN ||
		    rt[3] != STATS_SHOWN, "a second row total hidden");
	}
	/* Nothing small: nothing hidden. */
	{
		long long v[] = { 50, 60, 70, 40, 30, 45 };

		CHECK_INT(stats_suppress_table(v, 2, 3, 11, cell, rt, ct, &g), 0);
	}
	CHECK_INT(stats_suppress_table(NULL, 0, 3, 11, cell, rt, ct, &g), -1);
}

/*
 * "Got the right" versus "got the right thanks to the service": of 120
 * respondents, 70 got it; of those, 30 say they would not have managed
 * without the Digilab, 25 that they would have (alone or with other
 * help), 15 do not know or did not say.
 */
static void
test_attribution(void)
{
	struct stats_attribution	a;

	stats_attribution_make(&a, 120, 70, 30, 15, 11);
	CHECK_INT(a.outcome.k, 70);
	CHECK_INT(a.outcome.n, 120);
	CHECK_INT(a.attributed.k, 30);
	CHECK_INT(a.attributed.n, 120);
	CHECK_INT(a.attributed_hi.k, 45);
	CHECK_INT(a.among.k, 30);
	CHECK_INT(a.among.n, 70);
	CHECK(a.attributed.p < a.outcome.p, "attribution below outcome");
	CHECK(a.attributed.p <= a.attributed_hi.p, "bounds ordered");
	NEAR(a.among.p, 30.0 / 70.0, 1e-12);
	CHECK_INT(a.outcome.state, STATS_SHOWN);
	CHECK_INT(a.attributed.state, STATS_SHOWN);

	CHECK_INT(a.attributed_hi.state, STATS_SHOWN);

	/* Each part is suppressed on its own count… */
	stats_attribution_make(&a, 120, 70, 6, 15, 11);
	CHECK_INT(a.outcome.state, STATS_SHOWN);
	CHECK_INT(a.attributed.state, STATS_SMALL);
	CHECK_INT(a.among.state, STATS_SMALL);
	/* …and the upper bound alone would give "6 + unknown" away. */
	CHECK_INT(a.attributed_hi.state, STATS_SECONDARY);

	/*
	 * …and on the differences between nested figures: 33 got the
	 * right, 25 credit the service, so 8 do not – a small count that
	 * outcome − attributed would publish.
	 */
	stats_attribution_make(&a, 59, 33, 25, 2, 11);
	CHECK_INT(a.outcome.state, STATS_SHOWN);
	CHECK_INT(a.attributed.state, STATS_SECONDARY);
	CHECK_INT(a.among.state, STATS_SECONDARY);
	CHECK_INT(a.attributed_hi.state, STATS_SECONDARY);
	/* 2 "don't know": the upper bound would publish them. */
	stats_attribution_make(&a, 200, 120, 60, 2, 11);
	CHECK_INT(a.attributed.state, STATS_SHOWN);
	CHECK_INT(a.attributed_hi.state, STATS_SECONDARY);
	stats_attribution_make(&a, 200, 120, 60, 0, 11);
	CHECK_INT(a.attributed_hi.state, STATS_SHOWN);

	/* Inconsistent input is clamped, never trusted. */
	stats_attribution_make(&a, 50, 80, 90, 90, 11);
	CHECK_INT(a.outcome.k, 50);
	CHECK_INT(a.attributed.k, 50);
	CHECK_INT(a.attributed_hi.k, 50);
	stats_attribution_make(&a, 0, 0, 0, 0, 11);
	CHECK_INT(a.outcome.state, STATS_EMPTY);
}

int
main(void)
{
	test_wilson_published();
	test_wilson_edges();
	test_threshold();
	test_share();
	test_suppress_1d();
	test_suppress_table();
	test_attribution();
	UNIT_END();
}
