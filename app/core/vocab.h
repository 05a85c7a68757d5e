/*
 * vocab – the reference lists a visit is described with (sites, the ten
 * domains, procedures, kinds of help, autonomy, partners, digital skills,
 * channels, age brackets), as loaded from the database, and the matching
 * of what people type or what an old spreadsheet holds to their codes:
 * a code, or a label in French or English, compared without case, accents
 * or punctuation ("Faire à la place" = "faire-a-la-place"). Kore-free.
 */
#ifndef MESURE_VOCAB_H
#define MESURE_VOCAB_H

#include <stddef.h>

enum vocab_id {
	VOCAB_SITE,
	VOCAB_DOMAIN,
	VOCAB_PROCEDURE,
	VOCAB_HELP,
	VOCAB_AUTONOMY,
	VOCAB_PARTNER,
	VOCAB_SKILL,
	VOCAB_CHANNEL,
	VOCAB_AGE,
	VOCAB__MAX
};

extern const char *const vocab_name[VOCAB__MAX];	/* "site", "domain", … */

struct vocab_entry {
	char	*code;		/* owned by the vocabs */
	char	*label_fr;	/* owned */
	char	*label_en;	/* owned */
	char	*folded[3];	/* owned: code, labels folded for matching */
};

struct vocab {
	struct vocab_entry	*e;	/* owned */
	size_t			 n;
};

struct vocabs {
	struct vocab	v[VOCAB__MAX];
};

void		 vocabs_init(struct vocabs *);
int		 vocabs_add(struct vocabs *, enum vocab_id, const char *,
		    const char *, const char *);
void		 vocabs_add_fixed(struct vocabs *);
void		 vocabs_free(struct vocabs *);
int		 vocab_kind(const char *, enum vocab_id *);
const char	*vocab_match(const struct vocab *, const char *, size_t);
const struct vocab_entry *vocab_find(const struct vocab *, const char *);
size_t		 text_fold(char *, size_t, const char *, size_t);

#endif
