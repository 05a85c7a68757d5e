/*
 * csv – RFC 4180 files in and out.
 *
 * Reading (imports of past visits): the separator is detected from the
 * header line (";" as French spreadsheets write it, or ","), a UTF-8 BOM
 * is skipped, fields may be quoted with "" as the escape, lines end in
 * CRLF or LF. Input must be valid UTF-8 without NUL. Limits on fields,
 * field length and rows keep a hostile file bounded. Kore-free, fuzzed.
 *
 * Writing (exports): every cell is quoted when needed, and a cell that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) is
 * neutralised by a leading apostrophe (OWASP "CSV injection").
 */
#ifndef MESURE_CSV_H
#define MESURE_CSV_H

#include <stddef.h>

#define CSV_FIELDS_MAX		64
#define CSV_FIELD_LEN_MAX	4096

struct sbuf;

struct csv_reader {
	const char	*p;		/* next byte; into the caller's text */
	const char	*end;
	char		 sep;		/* ';' or ',' */
	size_t		 line;		/* first line of the row just read */
	size_t		 next_line;	/* lines consumed so far */
	char		*fields[CSV_FIELDS_MAX];	/* into buf */
	size_t		 nfields;
	char		*buf;		/* owned; the decoded row */
	size_t		 bufcap;
	char		 error[128];
};

int	csv_open(struct csv_reader *, const char *, size_t);
int	csv_next(struct csv_reader *);
void	csv_close(struct csv_reader *);

void	csv_cell(struct sbuf *, const char *);
void	csv_cell_sep(struct sbuf *);
void	csv_row_end(struct sbuf *);

#endif
