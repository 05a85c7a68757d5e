/*
 * report_xlsx – the funder's spreadsheet, from a loaded report model
 * (reports/report_xlsx.c). Kore-free.
 */
#ifndef MESURE_REPORT_XLSX_H
#define MESURE_REPORT_XLSX_H

#include <stddef.h>

struct report_model;

/* Write md as an .xlsx file at path; libxlsxwriter's temporary files go
 * in tmpdir (NULL: the system's). 0, or -1 with err set. */
int	report_xlsx_write(const struct report_model *, const char *,
	    const char *, char *, size_t);

#endif
