/*
 * field – the shape of what a person types in a staff form, checked
 * before the database sees it (app/project_action.c): a date that exists,
 * an amount in euros as French and English people write it, one line of
 * text without control characters, one of a list of words, a row id.
 * Kore-free, libc only; unit-tested (tests/unit/test_field.c).
 */
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "html.h"

/* A date that exists, as YYYY-MM-DD. */
int
field_date_ok(const char *s)
{
	static const int	mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			y, mo, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return (0);
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return (0);
	y = atoi(s);
	mo = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 2000 || y > 2099 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1])
		return (0);
	return (mo != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)));
}

/*
 * A non-negative decimal with at most two decimals ("12 500,50",
 * "12500.5", spaces as thousands separators), as an integer number of
 * hundredths in out. 0 if not one, or 10^13 € or more.
 */
int
field_hundredths(const char *s, long long *out)
{
	long long	v = 0;
	int		digits = 0, dec = -1;

	for (; *s != '\0'; s++) {
		/* Spaces and no-break spaces (U+00A0, U+202F) group digits. */
		if (*s == ' ' || strncmp(s, "\xc2\xa0", 2) == 0 ||
		    strncmp(s, "\xe2\x80\xaf", 3) == 0) {
			if (dec >= 0)
				return (0);
			s += *s == ' ' ? 0 : (unsigned char)*s == 0xc2 ? 1 : 2;
			continue;
		}
		if ((*s == ',' || *s == '.') && dec < 0) {
			dec = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || dec == 2 ||
		    (dec < 0 && digits >= 13))
			return (0);
		v = v * 10 + (*s - '0');
		digits++;
		if (dec >= 0)
			dec++;
	}
	if (digits == 0)
		return (0);
	for (; dec < 2; dec = dec < 0 ? 1 : dec + 1)
		v *= 10;
	*out = v;
	return (1);
}

/* Text a person typed: valid UTF-8, no control character (bar line breaks
 * in long text), within max bytes. */
int
field_text_ok(const char *s, size_t max, int lines)
{
	size_t	n = strlen(s), i;

	if (n > max || !utf8_valid(s, n))
		return (0);
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x20 && !(lines && (s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\t')))
			return (0);
		if ((unsigned char)s[i] == 0x7f)
			return (0);
	}
	return (1);
}

int
field_word_ok(const char *s, const char *words)
{
	size_t		 n = strlen(s);
	const char	*p = words, *bar;

	if (n == 0)
		return (0);
	for (;;) {
		bar = strchr(p, '|');
		if ((bar != NULL ? (size_t)(bar - p) : strlen(p)) == n &&
		    strncmp(p, s, n) == 0)
			return (1);
		if (bar == NULL)
			return (0);
		p = bar + 1;
	}
}

/* A row id: 1 to 18 digits, no leading zero. */
int
field_id_ok(const char *s)
{
	size_t	n = strlen(s);

	return (n >= 1 && n <= 18 && s[0] != '0' &&
	    strspn(s, "0123456789") == n);
}

