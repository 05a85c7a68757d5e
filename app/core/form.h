/*
 * form – application/x-www-form-urlencoded bodies and query strings.
 *
 * Kore's own form parsing keeps at most 20 fields and only those declared
 * in the configuration; a survey form has more (one per checked option),
 * so Mesure parses bodies itself, strictly: a malformed %-escape, invalid
 * UTF-8, a NUL byte, a field without a name or too many fields reject the
 * whole body. Kore-free and fuzzed (tests/fuzz/fuzz_form.c).
 */
#ifndef MESURE_FORM_H
#define MESURE_FORM_H

#include <stddef.h>

#define FORM_FIELDS_MAX	512

struct form_field {
	const char	*name;		/* into form.store */
	const char	*value;		/* into form.store; "" if absent */
	size_t		 vlen;
};

struct form {
	struct form_field	*fields;	/* owned */
	size_t			 n;
	char			*store;		/* owned: decoded names, values */
};

int		 form_parse(struct form *, const char *, size_t, size_t,
		    char *, size_t);
void		 form_free(struct form *);
const char	*form_get(const struct form *, const char *);
size_t		 form_count(const struct form *, const char *);
const char	*form_get_nth(const struct form *, const char *, size_t);
int		 qs_get(const char *, const char *, char *, size_t);

#endif
