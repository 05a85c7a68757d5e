/*
 * survey – the strict parser of survey definitions (see survey.h and
 * docs/surveys.md for the format).
 *
 * The parser walks the JSON tree once, filling struct survey and
 * reporting every fault it meets with its path, up to SURVEY_ERRORS_MAX.
 * Unknown keys are faults (with a suggestion when a known key is one or
 * two letters away), so that "requierd": true does not silently make a
 * question optional. A definition with any fault is refused whole.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_assets.h"
#include "survey_def.h"
#include "survey_pctx.h"

const char *const survey_qtype_name[SQ__MAX] = {
	"smiley", "yes_no_dk", "single", "multiple", "scale10", "number",
	"text"
};

/* Languages written right to left (for the page's dir attribute). */
static const char *const rtl_langs[] = { "ar", "fa", "he", "ps", "ur", "yi" };

static void	 parse_languages(struct pctx *, const struct json *);

/* The index of code in the survey's languages, or -1. */
int
survey_lang_index(const struct survey *s, const char *code)
{
	size_t	i;

	for (i = 0; i < s->nlangs; i++)
		if (strcmp(s->langs[i], code) == 0)
			return ((int)i);
	return (-1);
}

/* A text in language li, else in the reference language, else "". */
const char *
survey_text_get(const struct survey *s, const struct survey_text *t, int li)
{
	if (li >= 0 && li < (int)s->nlangs && t->s[li] != NULL)
		return (t->s[li]);
	return (t->s[0] != NULL ? t->s[0] : "");
}

int
survey_question_index(const struct survey *s, const char *code)
{
	size_t	i;

	for (i = 0; i < s->nquestions; i++)
		if (strcmp(s->questions[i].code, code) == 0)
			return ((int)i);
	return (-1);
}

/*
 * Minutes it takes to answer: the definition's own figure, else about
 * ten seconds a question (people helped at the Digilab read slowly),
 * rounded up, at least one.
 */
int
survey_duration(const struct survey *s)
{
	if (s->duration_minutes > 0)
		return (s->duration_minutes);
	return ((int)((s->nquestions * 10 + 59) / 60) + 1);
}

int
survey_lang_rtl(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof(rtl_langs) / sizeof(rtl_langs[0]); i++)
		if (strcmp(code, rtl_langs[i]) == 0)
			return (1);
	return (0);
}

/* The embedded file assets/icons/NAME.svg, or NULL. */
const char *
survey_icon_svg(const char *name, size_t *len)
{
	char	path[96];
	size_t	lo = 0, hi = asset_count, mid;
	int	c;

	if (snprintf(path, sizeof(path), "/assets/icons/%s.svg", name) >=
	    (int)sizeof(path))
		return (NULL);
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(path, asset_table[mid].path)) == 0) {
			if (len != NULL)
				*len = asset_table[mid].len;
			return (asset_table[mid].data);
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

/* The icon check the application uses: a pictogram of assets/icons/. */
int
survey_icon_exists(const char *name)
{
	return (sp_is_slug(name, 40, 1) && survey_icon_svg(name, NULL) != NULL);
}

static void
parse_languages(struct pctx *c, const struct json *root)
{
	const struct json	*v, *l;
	size_t			 old, old2, i, k;
	int			 ok = 1;

	old = sp_push_key(c, "languages");
	if ((v = json_get(root, "languages")) == NULL) {
		sp_perr(c, "missing");
		sp_pop(c, old);
		return;
	}
	if (v->type != JSON_ARRAY || v->n == 0 || v->n > SURVEY_LANGS_MAX) {
		sp_perr(c, "must be a list of 1 to %d language codes, "
		    "e.g. [\"fr\", \"en\"]", SURVEY_LANGS_MAX);
		sp_pop(c, old);
		return;
	}
	for (i = 0; i < v->n; i++) {
		l = v->items[i];
		old2 = sp_push_index(c, i);
		if (l->type != JSON_STRING || l->len != 2 ||
		    l->str[0] < 'a' || l->str[0] > 'z' ||
		    l->str[1] < 'a' || l->str[1] > 'z') {
			sp_perr(c, "must be a two-letter language code (ISO 639-1)");
			ok = 0;
		} else {
			for (k = 0; k < c->s->nlangs; k++)
				if (strcmp(c->s->langs[k], l->str) == 0)
					break;
			if (k < c->s->nlangs) {
				sp_perr(c, "\"%s\" is listed twice", l->str);
				ok = 0;
			} else
				c->s->langs[c->s->nlangs++] = l->str;
		}
		sp_pop(c, old2);
	}
	sp_pop(c, old);
	c->langs_ok = ok;
}

/*
 * Parse and check a definition of len bytes. On success returns 0 and
 * *out (free it with survey_free); on any fault returns -1 with the
 * faults in errs (errs->n ≥ 1) and *out NULL.
 */
int
survey_parse(const char *text, size_t len, survey_icon_fn icon,
    struct survey **out, struct survey_errors *errs)
{
	static const char *const keys[] = {
		"format", "code", "kind", "languages", "title", "intro",
		"consent", "thanks", "duration_minutes", "retention_months",
		"questions", NULL
	};
	struct pctx		 c;
	struct survey		*s;
	const struct json	*root, *f;
	size_t			 old, old2, i;

	*out = NULL;
	memset(errs, 0, sizeof(*errs));
	memset(&c, 0, sizeof(c));
	c.errs = errs;
	c.icon = icon;

	if (len > SURVEY_DEF_MAX) {
		sp_perr(&c, "larger than %d KiB", SURVEY_DEF_MAX / 1024);
		return (-1);
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		sp_perr(&c, "out of memory");
		return (-1);
	}
	c.s = s;
	if (json_parse(&s->doc, text, len) == -1) {
		sp_perr(&c, "%s", s->doc.error);
		goto fail;
	}
	root = s->doc.root;
	if (root->type != JSON_OBJECT) {
		sp_perr(&c, "must be a JSON object");
		goto fail;
	}
	sp_check_keys(&c, root, keys);

	old = sp_push_key(&c, "format");
	if ((f = json_get(root, "format")) == NULL)
		sp_perr(&c, "missing (this parser reads format %d)",
		    SURVEY_FORMAT);
	else if (f->type != JSON_NUMBER || f->num != SURVEY_FORMAT)
		sp_perr(&c, "must be %d", SURVEY_FORMAT);
	else
		s->format = SURVEY_FORMAT;
	sp_pop(&c, old);

	old = sp_push_key(&c, "code");
	if ((f = json_get(root, "code")) == NULL)
		sp_perr(&c, "missing");
	else if (f->type != JSON_STRING || !sp_is_slug(f->str, 40, 2))
		sp_perr(&c, "must be 2 to 40 lower-case letters, digits or '-', "
		    "starting with a letter or digit");
	else
		s->code = f->str;
	sp_pop(&c, old);

	s->kind = "autre";
	old = sp_push_key(&c, "kind");
	if ((f = json_get(root, "kind")) != NULL) {
		if (f->type != JSON_STRING ||
		    (strcmp(f->str, "satisfaction") != 0 &&
		    strcmp(f->str, "resultats") != 0 &&
		    strcmp(f->str, "autre") != 0))
			sp_perr(&c, "must be \"satisfaction\", \"resultats\" or "
			    "\"autre\"");
		else
			s->kind = f->str;
	}
	sp_pop(&c, old);

	parse_languages(&c, root);
	(void)sp_get_text(&c, root, "title", 1, 200, 0, &s->title);
	(void)sp_get_text(&c, root, "intro", 0, 1000, 1, &s->intro);
	(void)sp_get_text(&c, root, "consent", 1, 2000, 1, &s->consent);
	(void)sp_get_text(&c, root, "thanks", 0, 500, 1, &s->thanks);
	(void)sp_get_int(&c, root, "duration_minutes", 1, 60,
	    &s->duration_minutes);
	(void)sp_get_int(&c, root, "retention_months", 1, 120,
	    &s->retention_months);

	old = sp_push_key(&c, "questions");
	if ((f = json_get(root, "questions")) == NULL)
		sp_perr(&c, "missing");
	else if (f->type != JSON_ARRAY || f->n == 0 ||
	    f->n > SURVEY_QUESTIONS_MAX)
		sp_perr(&c, "must be a list of 1 to %d questions",
		    SURVEY_QUESTIONS_MAX);
	else if ((s->questions = sp_salloc(s, f->n * sizeof(*s->questions))) ==
	    NULL)
		sp_perr(&c, "out of memory");
	else {
		for (i = 0; i < f->n; i++) {
			old2 = sp_push_index(&c, i);
			/*
			 * The question counts as added while it is parsed, so
			 * that its own code is found by later ones only.
			 */
			sp_parse_question(&c, f->items[i], i);
			if (s->questions[i].code == NULL)
				s->questions[i].code = "";
			s->nquestions = i + 1;
			sp_pop(&c, old2);
		}
	}
	sp_pop(&c, old);

	if (errs->n > 0)
		goto fail;
	*out = s;
	return (0);

fail:
	survey_free(s);
	return (-1);
}
