/*
 * html – escaping text for HTML, and UTF-8 validation of outside input.
 *
 * The five characters with a meaning in markup are replaced by entities,
 * which is enough for element content and for attribute values in double
 * or single quotes. Invalid UTF-8 and control characters (other than tab,
 * line feed and carriage return) are replaced by U+FFFD, so that stored
 * bytes can never change how a page is parsed.
 */
#include <string.h>

#include "html.h"
#include "sbuf.h"

static size_t	utf8_seqlen(const unsigned char *, size_t);

void
html_escape(struct sbuf *out, const char *s)
{
	html_escape_n(out, s, strlen(s));
}

void
html_escape_n(struct sbuf *out, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, run, k;

	for (i = 0, run = 0; i < n; ) {
		const char *ent = NULL;

		switch (p[i]) {
		case '&':  ent = "&amp;"; break;
		case '<':  ent = "&lt;"; break;
		case '>':  ent = "&gt;"; break;
		case '"':  ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default:
			break;
		}
		if (ent != NULL) {
			sbuf_add(out, s + run, i - run);
			sbuf_puts(out, ent);
			run = ++i;
			continue;
		}
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') {
			sbuf_add(out, s + run, i - run);
			sbuf_puts(out, "\xef\xbf\xbd");
			run = ++i;
			continue;
		}
		if (p[i] == 0x7f) {
			sbuf_add(out, s + run, i - run);
			sbuf_puts(out, "\xef\xbf\xbd");
			run = ++i;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_seqlen(p + i, n - i)) == 0) {
			sbuf_add(out, s + run, i - run);
			sbuf_puts(out, "\xef\xbf\xbd");
			run = ++i;
			continue;
		}
		i += k;
	}
	sbuf_add(out, s + run, n - run);
}

/*
 * Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0.
 */
static size_t
utf8_seqlen(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return (1);
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		if (n >= 2 && (p[1] & 0xc0) == 0x80)
			return (2);
		return (0);
	}
	if (p[0] >= 0xe0 && p[0] <= 0xef) {
		if (n < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return (0);
		if (p[0] == 0xe0 && p[1] < 0xa0)
			return (0);		/* overlong */
		if (p[0] == 0xed && p[1] >= 0xa0)
			return (0);		/* surrogate */
		return (3);
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		if (n < 4 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return (0);
		if (p[0] == 0xf0 && p[1] < 0x90)
			return (0);		/* overlong */
		if (p[0] == 0xf4 && p[1] >= 0x90)
			return (0);		/* above U+10FFFF */
		return (4);
	}
	return (0);
}

/* 1 if the n bytes at s are well-formed UTF-8 without NUL, else 0. */
int
utf8_valid(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, k;

	for (i = 0; i < n; i += k) {
		if (p[i] == '\0')
			return (0);
		if ((k = utf8_seqlen(p + i, n - i)) == 0)
			return (0);
	}
	return (1);
}
