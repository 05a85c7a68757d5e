/*
 * frfmt – numbers, money, dates and quarters written the French way
 * (1 234,5 %), by hand: Kore never calls setlocale(), and the same text
 * must come out of the web pages, the exports and the PDF reports.
 * Thousands are grouped with a no-break space (U+00A0), which is also put
 * before "%" and "€" so that a figure never breaks across lines.
 * English output uses "1,234.5%" and "€45,000".
 *
 * Every function writes a NUL-terminated string into buf (truncated if
 * bufsz is too small) and returns buf.
 */
#ifndef MESURE_FRFMT_H
#define MESURE_FRFMT_H

#include <stddef.h>

#include "i18n.h"

#define FRFMT_NBSP	"\xc2\xa0"
#define FRFMT_BUFSZ	64

char	*fmt_int(char *, size_t, enum lang, long long);
char	*fmt_decimal(char *, size_t, enum lang, double, int);
char	*fmt_percent(char *, size_t, enum lang, double, int);
char	*fmt_money(char *, size_t, enum lang, long long);
char	*fmt_date(char *, size_t, enum lang, int, int, int);
char	*fmt_quarter(char *, size_t, enum lang, int, int);
int	 quarter_parse(const char *, int *, int *);

#endif
