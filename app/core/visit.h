/*
 * visit – a visit as a mediator records it (the form of /visites/nouvelle)
 * or as a line of an imported spreadsheet, checked against the reference
 * lists before anything reaches the database. Kore-free.
 *
 * Errors are reported per field with a message key of app/i18n (e.g.
 * "visit.err.domain_unknown"), so that the form can show each message
 * next to its field, in the person's language.
 */
#ifndef MESURE_VISIT_H
#define MESURE_VISIT_H

#include <stddef.h>

#include "vocab.h"

#define VISIT_DOMAINS_MAX	10
#define VISIT_PROCS_MAX		24
#define VISIT_SKILLS_MAX	13
#define VISIT_ERRORS_MAX	16
#define VISIT_PSEUDONYM_LEN	6	/* a pseudonym the application draws */

struct sbuf;

enum visit_field {
	VF_DATE,
	VF_TIME,
	VF_SITE,
	VF_DOMAINS,
	VF_PROCEDURES,
	VF_HELP,
	VF_AUTONOMY,
	VF_PARTNER,
	VF_DURATION,
	VF_CHANNEL,
	VF_PSEUDONYM,
	VF_AGE,
	VF_QPV,
	VF_FIRST,
	VF_SKILLS,
	VF__MAX
};

/* Form field names, parallel to enum visit_field ("date", "site", …). */
extern const char *const visit_field_name[VF__MAX];

struct visit_error {
	enum visit_field	 field;
	const char		*msgkey;	/* app/i18n key */
	char			 detail[96];	/* the offending text, cut */
};

/* Codes point into the vocabs (valid while they are). */
struct visit_input {
	char		 date[11];		/* YYYY-MM-DD, local time */
	char		 time[6];		/* HH:MM */
	const char	*site;
	const char	*domains[VISIT_DOMAINS_MAX];
	size_t		 ndomains;
	const char	*procedures[VISIT_PROCS_MAX];
	size_t		 nprocedures;
	const char	*help;
	const char	*autonomy;		/* NULL if not said */
	const char	*partner;		/* NULL if none */
	int		 duration;		/* minutes, 0 if not said */
	const char	*channel;
	char		 pseudonym[13];		/* "" if none */
	const char	*age;			/* NULL if not said */
	int		 qpv;			/* -1 not said, 0, 1 */
	int		 first;			/* -1 not said, 0, 1 */
	const char	*skills[VISIT_SKILLS_MAX];
	size_t		 nskills;

	struct visit_error	errors[VISIT_ERRORS_MAX];
	size_t			nerrors;
};

void	visit_input_init(struct visit_input *);
int	visit_set(struct visit_input *, const struct vocabs *,
	    enum visit_field, const char *);
int	visit_add(struct visit_input *, const struct vocabs *,
	    enum visit_field, const char *);
int	visit_check(struct visit_input *, const char *);
void	visit_error(struct visit_input *, enum visit_field, const char *,
	    const char *);
int	visit_date_parse(const char *, char *);
int	visit_pseudonym_valid(const char *);
int	visit_pseudonym_new(char [VISIT_PSEUDONYM_LEN + 1]);
int	visit_pseudonym_norm(const char *, char *, size_t);
void	visit_json(struct sbuf *, const struct visit_input *, size_t,
	    const char *);

#endif
