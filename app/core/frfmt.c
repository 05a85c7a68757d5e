/*
 * frfmt – French (and English) formatting of figures (see frfmt.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frfmt.h"

static const char *const months_fr[12] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"
};
static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* Group the digits of an unsigned magnitude with sep every three. */
static void
group(char *buf, size_t bufsz, unsigned long long v, const char *sep)
{
	char	digits[32], out[96];
	size_t	n, i, o, seplen;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu", v);
	seplen = strlen(sep);
	for (i = 0, o = 0; i < n && o + seplen + 2 < sizeof(out); i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			memcpy(out + o, sep, seplen);
			o += seplen;
		}
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, bufsz, "%s", out);
}

char *
fmt_int(char *buf, size_t bufsz, enum lang l, long long v)
{
	char			g[96];
	unsigned long long	mag;

	mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	group(g, sizeof(g), mag, l == LANG_FR ? FRFMT_NBSP : ",");
	snprintf(buf, bufsz, "%s%s", v < 0 ? "−" : "", g);
	return (buf);
}

/*
 * v with exactly `decimals` digits after the separator (0 to 6), rounded
 * half away from zero. Not a finite number gives "–".
 */
char *
fmt_decimal(char *buf, size_t bufsz, enum lang l, double v, int decimals)
{
	char			 g[96];
	double			 scale, r;
	unsigned long long	 whole, frac;
	int			 neg;

	if (!isfinite(v)) {
		snprintf(buf, bufsz, "–");
		return (buf);
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	scale = pow(10.0, decimals);
	neg = v < 0;
	r = round(fabs(v) * scale);
	if (r > 9e17) {
		snprintf(buf, bufsz, "%s", neg ? "−∞" : "∞");
		return (buf);
	}
	whole = (unsigned long long)(r / scale);
	frac = (unsigned long long)r - whole * (unsigned long long)scale;
	if (r == 0)
		neg = 0;	/* no "−0" */
	group(g, sizeof(g), whole, l == LANG_FR ? FRFMT_NBSP : ",");
	if (decimals == 0)
		snprintf(buf, bufsz, "%s%s", neg ? "−" : "", g);
	else
		snprintf(buf, bufsz, "%s%s%s%0*llu", neg ? "−" : "", g,
		    l == LANG_FR ? "," : ".", decimals, frac);
	return (buf);
}

/* A share given as a ratio (0.125) written as a percentage (12,5 %). */
char *
fmt_percent(char *buf, size_t bufsz, enum lang l, double ratio, int decimals)
{
	char	n[FRFMT_BUFSZ];

	fmt_decimal(n, sizeof(n), l, ratio * 100.0, decimals);
	if (l == LANG_FR)
		snprintf(buf, bufsz, "%s" FRFMT_NBSP "%%", n);
	else
		snprintf(buf, bufsz, "%s%%", n);
	return (buf);
}

/* An amount in cents: "45 000 €", "1 234,50 €"; cents shown if any. */
char *
fmt_money(char *buf, size_t bufsz, enum lang l, long long cents)
{
	char	n[FRFMT_BUFSZ];
	int	decimals;

	decimals = (cents % 100 != 0) ? 2 : 0;
	fmt_decimal(n, sizeof(n), l, (double)cents / 100.0, decimals);
	if (l == LANG_FR)
		snprintf(buf, bufsz, "%s" FRFMT_NBSP "€", n);
	else if (n[0] == '\xe2')	/* "−": keep the sign first */
		snprintf(buf, bufsz, "−€%s", n + 3);
	else
		snprintf(buf, bufsz, "€%s", n);
	return (buf);
}

/* "1er janvier 2026", "28 novembre 2026"; "28 November 2026". */
char *
fmt_date(char *buf, size_t bufsz, enum lang l, int y, int m, int d)
{
	if (m < 1 || m > 12 || d < 1 || d > 31) {
		snprintf(buf, bufsz, "–");
		return (buf);
	}
	if (l == LANG_FR)
		snprintf(buf, bufsz, "%d%s" FRFMT_NBSP "%s" FRFMT_NBSP "%d",
		    d, d == 1 ? "er" : "", months_fr[m - 1], y);
	else
		snprintf(buf, bufsz, "%d" FRFMT_NBSP "%s" FRFMT_NBSP "%d",
		    d, months_en[m - 1], y);
	return (buf);
}

/* "3e trimestre 2026" / "Q3 2026". */
char *
fmt_quarter(char *buf, size_t bufsz, enum lang l, int y, int q)
{
	if (l == LANG_FR)
		snprintf(buf, bufsz, "%d%s trimestre %d", q,
		    q == 1 ? "er" : "e", y);
	else
		snprintf(buf, bufsz, "Q%d %d", q, y);
	return (buf);
}

/* Parse "2026-T3" (also "2026-Q3"); 1 on success. */
int
quarter_parse(const char *s, int *y, int *q)
{
	int	i;

	if (s == NULL || strlen(s) != 7 || s[4] != '-' ||
	    (s[5] != 'T' && s[5] != 'Q') || s[6] < '1' || s[6] > '4')
		return (0);
	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return (0);
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*q = s[6] - '0';
	return (*y >= 2000 && *y <= 2999);
}
