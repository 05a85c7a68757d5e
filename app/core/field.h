/*
 * field – checks of typed form values (app/core/field.c).
 */
#ifndef MESURE_FIELD_H
#define MESURE_FIELD_H

#include <stddef.h>

int	field_date_ok(const char *);
int	field_hundredths(const char *, long long *);
int	field_text_ok(const char *, size_t, int);
int	field_word_ok(const char *, const char *);
int	field_id_ok(const char *);

#endif
