/*
 * visit_import – past visits from a spreadsheet (one row per visit, the
 * Digilab's existing file saved as CSV), checked line by line. The import
 * is all or nothing: the web page shows every rejected line and why (the
 * dry run), and writes only a file without a single error.
 *
 * Columns are recognised by their heading, without case or accents, in
 * any order: date (required), heure, site (required), domaines
 * (required), demarches, aide (required), autonomie, orientation, duree,
 * canal, pseudonyme, age, qpv, premiere visite, usages. Cells take a code
 * or a label ("Faire à la place", "faire-a-la-place"); several domains,
 * procedures or skills are separated by "|", "," "/" or "+". Kore-free.
 */
#ifndef MESURE_VISIT_IMPORT_H
#define MESURE_VISIT_IMPORT_H

#include <stddef.h>

#include "visit.h"

#define IMPORT_ROWS_MAX		10000
#define IMPORT_ERRORS_MAX	500

struct sbuf;

struct import_error {
	size_t		 line;		/* in the file, 1 = the headings */
	char		 column[24];	/* heading as written, "" for the line */
	const char	*msgkey;	/* app/i18n key */
	char		 detail[96];
};

struct import_result {
	struct visit_input	*rows;		/* owned */
	size_t			 nrows;
	size_t			*lines;		/* owned: file line of each row */
	struct import_error	*errors;	/* owned */
	size_t			 nerrors;	/* kept (at most IMPORT_ERRORS_MAX) */
	size_t			 nerrors_total;
	char			 fatal[160];	/* the file cannot be read at all */
	const char		*fatal_key;	/* app/i18n key for fatal, or NULL */
};

int	visit_import_parse(const char *, size_t, const struct vocabs *,
	    const char *, struct import_result *);
void	visit_import_free(struct import_result *);
int	visit_import_json(const struct import_result *, struct sbuf *);
int	visit_import_heading(const char *, enum visit_field *);

#endif
