/*
 * survey_token – the identifiers of the survey area: response ids
 * (UUIDs), invitation codes printed on follow-up cards, kiosk device
 * tokens, their SHA-256, and RFC 3339 times sent by kiosks. Kore-free.
 *
 * Randomness comes from libsodium (getrandom(2), allowed by Kore's
 * sandbox). Only the SHA-256 of a code or token is ever stored, so a copy
 * of the database hands out no usable card or device.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "survey_def.h"

/*
 * Letters and digits that cannot be mistaken for one another when read
 * aloud or copied by hand from a small card (no 0/O, 1/I/L, 2/Z, 5/S,
 * 6/G, 8/B…): the alphabet of the demo's pseudonyms.
 */
static const char code_alphabet[] = "ABCDEFHJKMNPRTUVWXY3479";

static int	 ready(void);

static int
ready(void)
{
	static int	done;

	if (!done) {
		if (sodium_init() < 0)
			return (0);
		done = 1;
	}
	return (1);
}

void
survey_hex(const unsigned char *p, size_t n, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[i * 2] = hex[p[i] >> 4];
		out[i * 2 + 1] = hex[p[i] & 0x0f];
	}
	out[n * 2] = '\0';
}

/* The SHA-256 of n bytes, as 64 lower-case hex digits. */
void
survey_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	survey_hex(h, sizeof(h), out);
}

/* A random (version 4) UUID. Returns 0, or -1 if no randomness. */
int
survey_uuid_new(char out[SURVEY_UUID_LEN + 1])
{
	unsigned char	b[16];
	char		h[33];

	if (!ready())
		return (-1);
	randombytes_buf(b, sizeof(b));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	survey_hex(b, sizeof(b), h);
	(void)snprintf(out, SURVEY_UUID_LEN + 1, "%.8s-%.4s-%.4s-%.4s-%.12s",
	    h, h + 8, h + 12, h + 16, h + 20);
	return (0);
}

/*
 * A UUID as sent by a form or a kiosk: 8-4-4-4-12 hex digits, either
 * case, not the nil UUID. Written in lower case into out. 0 or -1.
 */
int
survey_uuid_norm(const char *in, char out[SURVEY_UUID_LEN + 1])
{
	size_t	i;
	int	nonzero = 0;

	if (in == NULL || strlen(in) != SURVEY_UUID_LEN)
		return (-1);
	for (i = 0; i < SURVEY_UUID_LEN; i++) {
		char c = in[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return (-1);
			out[i] = c;
			continue;
		}
		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return (-1);
		if (c != '0')
			nonzero = 1;
		out[i] = c;
	}
	out[SURVEY_UUID_LEN] = '\0';
	return (nonzero ? 0 : -1);
}

/* A new invitation code: 12 characters of code_alphabet (54 bits). */
int
survey_code_new(char out[SURVEY_CODE_LEN + 1])
{
	size_t	i;

	if (!ready())
		return (-1);
	for (i = 0; i < SURVEY_CODE_LEN; i++)
		out[i] = code_alphabet[randombytes_uniform(
		    sizeof(code_alphabet) - 1)];
	out[SURVEY_CODE_LEN] = '\0';
	return (0);
}

/*
 * A code as a person typed it: any case, with spaces, dashes or dots
 * between groups. Written without them, in upper case. 0 or -1.
 */
int
survey_code_norm(const char *in, char out[SURVEY_CODE_LEN + 1])
{
	size_t	n = 0;
	char	c;

	if (in == NULL)
		return (-1);
	for (; *in; in++) {
		c = *in;
		if (c == ' ' || c == '-' || c == '.')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == '\0' || strchr(code_alphabet, c) == NULL ||
		    n == SURVEY_CODE_LEN)
			return (-1);
		out[n++] = c;
	}
	out[n] = '\0';
	return (n == SURVEY_CODE_LEN ? 0 : -1);
}

/* "ABCDEFHJKMNP" -> "ABCD EFHJ KMNP", as printed on the card. */
void
survey_code_pretty(const char *code, char out[SURVEY_CODE_LEN + 3])
{
	(void)snprintf(out, SURVEY_CODE_LEN + 3, "%.4s %.4s %.4s", code,
	    code + 4, code + 8);
}

/* A device token: 32 random bytes, base64url without padding. */
int
survey_token_new(char out[SURVEY_TOKEN_LEN + 1])
{
	unsigned char	b[32];

	if (!ready())
		return (-1);
	randombytes_buf(b, sizeof(b));
	sodium_bin2base64(out, SURVEY_TOKEN_LEN + 1, b, sizeof(b),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(b, sizeof(b));
	return (0);
}

int
survey_token_valid(const char *t)
{
	size_t	i;

	if (t == NULL || strlen(t) != SURVEY_TOKEN_LEN)
		return (0);
	for (i = 0; i < SURVEY_TOKEN_LEN; i++) {
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' &&
		    t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9') ||
		    t[i] == '-' || t[i] == '_'))
			return (0);
	}
	return (1);
}

static int
digits(const char *p, int n, int *out)
{
	int	i, v = 0;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return (-1);
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return (0);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long
days_from_civil(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/*
 * An RFC 3339 time, "2026-11-28T14:05:09.123Z" or with an offset
 * ("+01:00"); seconds and fractions optional. Sets *out to seconds
 * since the epoch. Returns 0, or -1 if it is not such a time.
 */
int
survey_time_parse(const char *s, long long *out)
{
	static const int	mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			y, mo, d, h, mi, sec = 0, oh, om, sign;
	size_t			n;
	const char		*p;
	long long		t;

	if (s == NULL || (n = strlen(s)) < 17 || n > 40)
		return (-1);
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi))
		return (-1);
	p = s + 16;
	if (*p == ':') {
		if (digits(p + 1, 2, &sec))
			return (-1);
		p += 3;
		if (*p == '.') {
			p++;
			if (*p < '0' || *p > '9')
				return (-1);
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] || (mo == 2 && d == 29 && !((y % 4 == 0 &&
	    y % 100 != 0) || y % 400 == 0)) || h > 23 || mi > 59 || sec > 60)
		return (-1);
	t = days_from_civil(y, mo, d) * 86400LL + h * 3600 + mi * 60 + sec;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = (*p == '-') ? -1 : 1;
		if (digits(p + 1, 2, &oh) || p[3] != ':' ||
		    digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return (-1);
		t -= sign * (oh * 3600LL + om * 60);
		p += 6;
	} else
		return (-1);
	if (*p != '\0')
		return (-1);
	*out = t;
	return (0);
}
