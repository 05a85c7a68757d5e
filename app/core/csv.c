/*
 * csv – strict RFC 4180 reader and injection-safe writer (see csv.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "html.h"
#include "sbuf.h"

/*
 * Prepare to read len bytes of text (not copied: it must outlive the
 * reader). Returns 0, or -1 with r->error set (not UTF-8, empty).
 */
int
csv_open(struct csv_reader *r, const char *text, size_t len)
{
	const char	*nl, *q;
	size_t		 semi = 0, comma = 0;
	int		 quoted = 0;

	memset(r, 0, sizeof(*r));
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (!utf8_valid(text, len)) {
		snprintf(r->error, sizeof(r->error),
		    "the file is not UTF-8 text (save it as \"CSV UTF-8\")");
		return (-1);
	}
	if (len == 0) {
		snprintf(r->error, sizeof(r->error), "the file is empty");
		return (-1);
	}
	r->p = text;
	r->end = text + len;
	/* Count separators outside quotes on the first line. */
	if ((nl = memchr(text, '\n', len)) == NULL)
		nl = r->end;
	for (q = text; q < nl; q++) {
		if (*q == '"')
			quoted = !quoted;
		else if (!quoted && *q == ';')
			semi++;
		else if (!quoted && *q == ',')
			comma++;
	}
	r->sep = semi >= comma && semi > 0 ? ';' : ',';
	r->bufcap = 1024;
	if ((r->buf = malloc(r->bufcap)) == NULL) {
		snprintf(r->error, sizeof(r->error), "out of memory");
		return (-1);
	}
	return (0);
}

void
csv_close(struct csv_reader *r)
{
	free(r->buf);
	r->buf = NULL;
}

/*
 * Read the next row into r->fields / r->nfields. Returns 1 for a row, 0 at
 * the end, -1 on a malformed row (r->error says what, r->line where).
 * Blank lines are skipped.
 */
int
csv_next(struct csv_reader *r)
{
	size_t	 o, start, flen;
	int	 quoted;
	char	*nb;

	r->nfields = 0;
	for (;;) {
		if (r->p >= r->end)
			return (0);
		r->next_line++;
		if (*r->p == '\n') {
			r->p++;
			continue;
		}
		if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n') {
			r->p += 2;
			continue;
		}
		break;
	}
	r->line = r->next_line;
	o = 0;
	for (;;) {
		if (r->nfields == CSV_FIELDS_MAX) {
			snprintf(r->error, sizeof(r->error),
			    "more than %d columns", CSV_FIELDS_MAX);
			return (-1);
		}
		start = o;
		quoted = 0;
		if (r->p < r->end && *r->p == '"') {
			quoted = 1;
			r->p++;
		}
		for (;;) {
			char c;

			if (r->p >= r->end) {
				if (quoted) {
					snprintf(r->error, sizeof(r->error),
					    "a quoted field is not closed");
					return (-1);
				}
				break;
			}
			c = *r->p;
			if (quoted) {
				if (c == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						r->p += 2;
					} else {
						r->p++;
						quoted = 0;
						/* After the closing quote: sep or EOL. */
						if (r->p < r->end && *r->p != r->sep &&
						    *r->p != '\n' && *r->p != '\r') {
							snprintf(r->error,
							    sizeof(r->error),
							    "text after a closing quote");
							return (-1);
						}
						continue;
					}
				} else {
					if (c == '\n')
						r->next_line++;
					r->p++;
				}
			} else {
				if (c == r->sep || c == '\n' ||
				    (c == '\r' && r->p + 1 < r->end &&
				    r->p[1] == '\n'))
					break;
				if (c == '"') {
					snprintf(r->error, sizeof(r->error),
					    "a quote inside an unquoted field");
					return (-1);
				}
				r->p++;
			}
			if (o - start >= CSV_FIELD_LEN_MAX) {
				snprintf(r->error, sizeof(r->error),
				    "a field is longer than %d bytes",
				    CSV_FIELD_LEN_MAX);
				return (-1);
			}
			if (o + 2 >= r->bufcap) {
				r->bufcap *= 2;
				if ((nb = realloc(r->buf, r->bufcap)) == NULL) {
					snprintf(r->error, sizeof(r->error),
					    "out of memory");
					return (-1);
				}
				r->buf = nb;
			}
			r->buf[o++] = c;
		}
		r->buf[o++] = '\0';
		/* Offsets now; pointers once the buffer stops moving. */
		r->fields[r->nfields++] = (char *)(uintptr_t)start;
		if (r->p < r->end && *r->p == r->sep) {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		break;
	}
	for (flen = 0; flen < r->nfields; flen++)
		r->fields[flen] = r->buf + (uintptr_t)r->fields[flen];
	return (1);
}

/* A plain number ("-12", "3.5", "-0,25"): written as is, even if negative. */
static int
is_number(const char *s)
{
	const char	*p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return (0);
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.' || *p == ',') {
		p++;
		if (*p < '0' || *p > '9')
			return (0);
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return (*p == '\0');
}

/*
 * Write one cell (no separator): quoted if needed; text a spreadsheet
 * would run as a formula gets a leading apostrophe.
 */
void
csv_cell(struct sbuf *out, const char *s)
{
	const char	*p;
	int		 quote, formula;

	formula = (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r') && !is_number(s);
	quote = formula || strpbrk(s, "\";,\r\n") != NULL;
	if (!quote) {
		sbuf_puts(out, s);
		return;
	}
	sbuf_putc(out, '"');
	if (formula)
		sbuf_putc(out, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			sbuf_putc(out, '"');
		sbuf_putc(out, *p);
	}
	sbuf_putc(out, '"');
}

void
csv_cell_sep(struct sbuf *out)
{
	sbuf_putc(out, ',');
}

void
csv_row_end(struct sbuf *out)
{
	sbuf_puts(out, "\r\n");
}
