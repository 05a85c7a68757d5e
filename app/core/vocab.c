/*
 * vocab – reference lists and forgiving matching (see vocab.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vocab.h"

const char *const vocab_name[VOCAB__MAX] = {
	"site", "domain", "procedure", "help_kind", "autonomy", "partner",
	"skill", "channel", "age_bracket"
};

/* Latin letters with diacritics, as UTF-8, and what they fold to. */
static const struct {
	const char	*utf8;
	const char	*ascii;
} folds[] = {
	{ "à", "a" }, { "â", "a" }, { "ä", "a" }, { "á", "a" },
	{ "ç", "c" },
	{ "é", "e" }, { "è", "e" }, { "ê", "e" }, { "ë", "e" },
	{ "î", "i" }, { "ï", "i" }, { "í", "i" },
	{ "ô", "o" }, { "ö", "o" }, { "ó", "o" },
	{ "ù", "u" }, { "û", "u" }, { "ü", "u" }, { "ú", "u" },
	{ "ÿ", "y" }, { "ñ", "n" }, { "œ", "oe" }, { "æ", "ae" },
	{ "À", "a" }, { "Â", "a" }, { "Ç", "c" }, { "É", "e" }, { "È", "e" },
	{ "Ê", "e" }, { "Î", "i" }, { "Ô", "o" }, { "Ù", "u" }, { "Û", "u" },
	{ "Œ", "oe" },
};

/*
 * Fold n bytes of s for comparison into out (outsz bytes, NUL-terminated):
 * lower case, diacritics removed, every run of other characters (spaces,
 * dashes, apostrophes, punctuation) made one space, trimmed. Returns the
 * length written.
 */
size_t
text_fold(char *out, size_t outsz, const char *s, size_t n)
{
	size_t	i, o, k, flen;
	int	space = 0;

	if (outsz == 0)
		return (0);
	for (i = 0, o = 0; i < n && o + 3 < outsz; ) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c) && c < 0x80) {
			if (space && o > 0)
				out[o++] = ' ';
			space = 0;
			out[o++] = (char)tolower(c);
			i++;
			continue;
		}
		if (c >= 0x80) {
			for (k = 0; k < sizeof(folds) / sizeof(folds[0]); k++) {
				flen = strlen(folds[k].utf8);
				if (i + flen <= n &&
				    memcmp(s + i, folds[k].utf8, flen) == 0)
					break;
			}
			if (k < sizeof(folds) / sizeof(folds[0])) {
				if (space && o > 0)
					out[o++] = ' ';
				space = 0;
				out[o++] = folds[k].ascii[0];
				if (folds[k].ascii[1] != '\0' && o + 3 < outsz)
					out[o++] = folds[k].ascii[1];
				i += flen;
				continue;
			}
			/* Any other multi-byte character separates words. */
			i++;
			while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
			space = 1;
			continue;
		}
		space = 1;
		i++;
	}
	out[o] = '\0';
	return (o);
}

void
vocabs_init(struct vocabs *vs)
{
	memset(vs, 0, sizeof(*vs));
}

/* Add an entry (copied). Returns 0, or -1 out of memory. */
int
vocabs_add(struct vocabs *vs, enum vocab_id id, const char *code,
    const char *fr, const char *en)
{
	struct vocab		*v = &vs->v[id];
	struct vocab_entry	*e, *grown;
	char			 buf[512];
	const char		*src[3];
	int			 i;

	if ((grown = realloc(v->e, (v->n + 1) * sizeof(*grown))) == NULL)
		return (-1);
	v->e = grown;
	e = &v->e[v->n];
	memset(e, 0, sizeof(*e));
	src[0] = code;
	src[1] = fr ? fr : "";
	src[2] = en ? en : "";
	if ((e->code = strdup(code)) == NULL ||
	    (e->label_fr = strdup(src[1])) == NULL ||
	    (e->label_en = strdup(src[2])) == NULL)
		goto fail;
	for (i = 0; i < 3; i++) {
		text_fold(buf, sizeof(buf), src[i], strlen(src[i]));
		if ((e->folded[i] = strdup(buf)) == NULL)
			goto fail;
	}
	v->n++;
	return (0);
fail:
	free(e->code);
	free(e->label_fr);
	free(e->label_en);
	for (i = 0; i < 3; i++)
		free(e->folded[i]);
	return (-1);
}

/*
 * The lists that are fixed by the schema's checks rather than stored in
 * tables: channels and age brackets (sql/migrations/0001_schema.sql).
 */
void
vocabs_add_fixed(struct vocabs *vs)
{
	(void)vocabs_add(vs, VOCAB_CHANNEL, "sur-place", "Sur place", "On site");
	(void)vocabs_add(vs, VOCAB_CHANNEL, "telephone", "Téléphone", "Phone");
	(void)vocabs_add(vs, VOCAB_CHANNEL, "distance", "À distance", "Remote");
	(void)vocabs_add(vs, VOCAB_AGE, "moins-25", "Moins de 25 ans", "Under 25");
	(void)vocabs_add(vs, VOCAB_AGE, "25-44", "25 à 44 ans", "25 to 44");
	(void)vocabs_add(vs, VOCAB_AGE, "45-64", "45 à 64 ans", "45 to 64");
	(void)vocabs_add(vs, VOCAB_AGE, "65-79", "65 à 79 ans", "65 to 79");
	(void)vocabs_add(vs, VOCAB_AGE, "80-plus", "80 ans ou plus", "80 or over");
}

void
vocabs_free(struct vocabs *vs)
{
	size_t	i, j;
	int	k;

	for (i = 0; i < VOCAB__MAX; i++) {
		for (j = 0; j < vs->v[i].n; j++) {
			free(vs->v[i].e[j].code);
			free(vs->v[i].e[j].label_fr);
			free(vs->v[i].e[j].label_en);
			for (k = 0; k < 3; k++)
				free(vs->v[i].e[j].folded[k]);
		}
		free(vs->v[i].e);
	}
	memset(vs, 0, sizeof(*vs));
}

/* "domain" -> VOCAB_DOMAIN; 1 if known. */
int
vocab_kind(const char *name, enum vocab_id *out)
{
	int	i;

	for (i = 0; i < VOCAB__MAX; i++) {
		if (strcmp(name, vocab_name[i]) == 0) {
			*out = (enum vocab_id)i;
			return (1);
		}
	}
	return (0);
}

/* The entry with exactly this code, or NULL. */
const struct vocab_entry *
vocab_find(const struct vocab *v, const char *code)
{
	size_t	i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->e[i].code, code) == 0)
			return (&v->e[i]);
	return (NULL);
}

/* The code that n bytes of text name (code or label), or NULL. */
const char *
vocab_match(const struct vocab *v, const char *text, size_t n)
{
	char	f[512];
	size_t	i;
	int	k;

	if (text_fold(f, sizeof(f), text, n) == 0)
		return (NULL);
	for (i = 0; i < v->n; i++)
		for (k = 0; k < 3; k++)
			if (v->e[i].folded[k][0] != '\0' &&
			    strcmp(f, v->e[i].folded[k]) == 0)
				return (v->e[i].code);
	return (NULL);
}
