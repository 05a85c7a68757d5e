/*
 * survey_question – one question of a survey definition: its code, type,
 * label and help in every language, its options (with pictograms, an
 * "other, please say" choice, exclusive choices) or the fixed choices of
 * the smiley, yes/no/don't know and 0–10 scales, its bounds, and its
 * show_if condition on earlier answers (checked against those answers'
 * possible values, nested at most SURVEY_COND_DEPTH deep).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_assets.h"
#include "survey_def.h"

#include "survey_pctx.h"

/* Built-in choices of the fixed scales. */
static const char *const smiley_values[] = { "1", "2", "3", "4", "5" };
static const char *const smiley_icons[] = {
	"smiley-1", "smiley-2", "smiley-3", "smiley-4", "smiley-5"
};
static const char *const ynd_values[] = { "oui", "non", "nsp" };
static const char *const ynd_icons[] = { "yes", "no", "unknown" };
static const char *const scale10_values[] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"
};

static void	 parse_options(struct pctx *, struct survey_question *,
		    const struct json *);
static void	 builtin_options(struct survey *, struct survey_question *,
		    const char *const *, const char *const *, size_t);
static struct survey_cond *parse_cond(struct pctx *, const struct json *,
		    size_t, int);
static int	 cond_value_ok(const struct survey_question *, const char *);

/* The fixed choices of smiley, yes_no_dk and scale10 questions. */
static void
builtin_options(struct survey *s, struct survey_question *q,
    const char *const *values, const char *const *icons, size_t n)
{
	size_t	i;

	if ((q->options = sp_salloc(s, n * sizeof(*q->options))) == NULL)
		return;
	q->noptions = n;
	for (i = 0; i < n; i++) {
		q->options[i].value = values[i];
		q->options[i].icon = icons != NULL ? icons[i] : NULL;
		q->options[i].builtin = 1;
	}
}

static void
parse_options(struct pctx *c, struct survey_question *q,
    const struct json *qv)
{
	static const char *const keys[] = {
		"value", "label", "icon", "exclusive", NULL
	};
	const struct json	*v, *o, *f;
	struct survey_option	*opt;
	size_t			 old, old2, old3, i, k;
	int			 nexcl = 0;

	old = sp_push_key(c, "options");
	if ((v = json_get(qv, "options")) == NULL) {
		sp_perr(c, "missing (a %s question needs its choices)",
		    survey_qtype_name[q->type]);
		sp_pop(c, old);
		return;
	}
	if (v->type != JSON_ARRAY || v->n < 2 || v->n > SURVEY_OPTIONS_MAX) {
		sp_perr(c, "must be a list of 2 to %d choices", SURVEY_OPTIONS_MAX);
		sp_pop(c, old);
		return;
	}
	if ((q->options = sp_salloc(c->s, v->n * sizeof(*q->options))) == NULL) {
		sp_perr(c, "out of memory");
		sp_pop(c, old);
		return;
	}
	for (i = 0; i < v->n; i++) {
		o = v->items[i];
		opt = &q->options[q->noptions];
		old2 = sp_push_index(c, i);
		if (o->type != JSON_OBJECT) {
			sp_perr(c, "must be an object {\"value\": …, \"label\": …}");
			sp_pop(c, old2);
			continue;
		}
		sp_check_keys(c, o, keys);
		old3 = sp_push_key(c, "value");
		if ((f = json_get(o, "value")) == NULL)
			sp_perr(c, "missing");
		else if (f->type != JSON_STRING || !sp_is_slug(f->str, 40, 1))
			sp_perr(c, "must be 1 to 40 lower-case letters, digits "
			    "or '-', starting with a letter or digit");
		else {
			for (k = 0; k < q->noptions; k++)
				if (strcmp(q->options[k].value, f->str) == 0)
					break;
			if (k < q->noptions)
				sp_perr(c, "\"%s\" is used twice", f->str);
			else if (q->other && strcmp(f->str, SURVEY_OTHER) == 0)
				sp_perr(c, "\"%s\" is the value of the \"other\" "
				    "choice: use another value or drop "
				    "\"other\"", SURVEY_OTHER);
			else
				opt->value = f->str;
		}
		sp_pop(c, old3);
		(void)sp_get_text(c, o, "label", 1, 200, 0, &opt->label);
		if ((f = json_get(o, "icon")) != NULL) {
			old3 = sp_push_key(c, "icon");
			if (f->type != JSON_STRING || !sp_is_slug(f->str, 40, 1))
				sp_perr(c, "must be the name of a pictogram");
			else if (c->icon != NULL && !c->icon(f->str))
				sp_perr(c, "no pictogram \"%s\" in assets/icons/",
				    f->str);
			else
				opt->icon = f->str;
			sp_pop(c, old3);
		}
		if (sp_get_bool(c, o, "exclusive", &opt->exclusive) == 1 &&
		    opt->exclusive) {
			if (q->type != SQ_MULTIPLE) {
				old3 = sp_push_key(c, "exclusive");
				sp_perr(c, "only for a multiple-choice question");
				sp_pop(c, old3);
			}
			nexcl++;
		}
		sp_pop(c, old2);
		if (opt->value != NULL)
			q->noptions++;
	}
	if (nexcl > 0 && (size_t)nexcl == v->n)
		sp_perr(c, "every choice is exclusive");
	sp_pop(c, old);
}

/* Could the earlier question q give the answer value? */
static int
cond_value_ok(const struct survey_question *q, const char *value)
{
	size_t	i;

	if (q->other && strcmp(value, SURVEY_OTHER) == 0)
		return (1);
	for (i = 0; i < q->noptions; i++)
		if (strcmp(q->options[i].value, value) == 0)
			return (1);
	return (0);
}

/*
 * A show_if condition of question number self (it may only look at
 * earlier questions, so that answering top to bottom is enough and a
 * condition can never loop). Forms:
 *   {"question": C, "in": [V…]}      C's answer is (or includes) one of V
 *   {"question": C, "not_in": [V…]}  C is answered and none of V
 *   {"question": C, "answered": B}   C is (B true) or is not answered
 *   {"all": [COND…]}, {"any": [COND…]}
 */
static struct survey_cond *
parse_cond(struct pctx *c, const struct json *v, size_t self, int depth)
{
	static const char *const keys[] = {
		"question", "in", "not_in", "answered", "all", "any", NULL
	};
	struct survey_cond		*cond;
	const struct survey_question	*ref;
	const struct json		*f, *list;
	const char			*lkey;
	size_t				 old, old2, i, forms;
	int				 qi;

	if (v->type != JSON_OBJECT) {
		sp_perr(c, "must be an object such as "
		    "{\"question\": \"code\", \"in\": [\"value\"]}");
		return (NULL);
	}
	if (depth > SURVEY_COND_DEPTH) {
		sp_perr(c, "conditions nested more than %d deep",
		    SURVEY_COND_DEPTH);
		return (NULL);
	}
	if (!sp_check_keys(c, v, keys))
		return (NULL);
	if ((cond = sp_salloc(c->s, sizeof(*cond))) == NULL)
		return (NULL);

	forms = (json_get(v, "all") != NULL) + (json_get(v, "any") != NULL) +
	    (json_get(v, "question") != NULL);
	if (forms != 1) {
		sp_perr(c, "needs exactly one of \"question\", \"all\" or \"any\"");
		return (NULL);
	}
	if ((list = json_get(v, "all")) != NULL ||
	    (list = json_get(v, "any")) != NULL) {
		lkey = json_get(v, "all") != NULL ? "all" : "any";
		cond->op = json_get(v, "all") != NULL ? SC_ALL : SC_ANY;
		old = sp_push_key(c, lkey);
		if (v->n != 1) {
			sp_perr(c, "cannot be combined with other keys");
			sp_pop(c, old);
			return (NULL);
		}
		if (list->type != JSON_ARRAY || list->n < 1 || list->n > 16) {
			sp_perr(c, "must be a list of 1 to 16 conditions");
			sp_pop(c, old);
			return (NULL);
		}
		cond->sub = sp_salloc(c->s, list->n * sizeof(*cond->sub));
		if (cond->sub == NULL) {
			sp_pop(c, old);
			return (NULL);
		}
		for (i = 0; i < list->n; i++) {
			struct survey_cond	*sub;

			old2 = sp_push_index(c, i);
			sub = parse_cond(c, list->items[i], self, depth + 1);
			sp_pop(c, old2);
			if (sub == NULL) {
				sp_pop(c, old);
				return (NULL);
			}
			cond->sub[cond->nsub++] = *sub;
		}
		sp_pop(c, old);
		return (cond);
	}

	f = json_get(v, "question");
	old = sp_push_key(c, "question");
	if (f->type != JSON_STRING) {
		sp_perr(c, "must be the code of an earlier question");
		sp_pop(c, old);
		return (NULL);
	}
	qi = survey_question_index(c->s, f->str);
	if (qi == -1 || (size_t)qi >= self) {
		/* Questions are added in order: later ones are not found. */
		if (strcmp(f->str, c->s->questions[self].code ?
		    c->s->questions[self].code : "") == 0)
			sp_perr(c, "a question cannot depend on itself");
		else
			sp_perr(c, "\"%s\" is not an earlier question", f->str);
		sp_pop(c, old);
		return (NULL);
	}
	sp_pop(c, old);
	cond->question = qi;
	ref = &c->s->questions[qi];

	forms = (json_get(v, "in") != NULL) + (json_get(v, "not_in") != NULL) +
	    (json_get(v, "answered") != NULL);
	if (forms != 1) {
		sp_perr(c, "needs exactly one of \"in\", \"not_in\" or "
		    "\"answered\"");
		return (NULL);
	}
	if ((f = json_get(v, "answered")) != NULL) {
		old = sp_push_key(c, "answered");
		if (f->type != JSON_TRUE && f->type != JSON_FALSE) {
			sp_perr(c, "must be true or false");
			sp_pop(c, old);
			return (NULL);
		}
		sp_pop(c, old);
		cond->op = SC_ANSWERED;
		cond->negate = (f->type == JSON_FALSE);
		return (cond);
	}
	lkey = json_get(v, "in") != NULL ? "in" : "not_in";
	cond->op = json_get(v, "in") != NULL ? SC_IN : SC_NOT_IN;
	list = json_get(v, lkey);
	old = sp_push_key(c, lkey);
	if (ref->type == SQ_NUMBER || ref->type == SQ_TEXT) {
		sp_perr(c, "\"%s\" is a %s question: only \"answered\" can test it",
		    ref->code, survey_qtype_name[ref->type]);
		sp_pop(c, old);
		return (NULL);
	}
	if (list->type != JSON_ARRAY || list->n < 1 ||
	    list->n > SURVEY_VALUES_MAX) {
		sp_perr(c, "must be a list of 1 to %d values",
		    SURVEY_VALUES_MAX);
		sp_pop(c, old);
		return (NULL);
	}
	cond->values = sp_salloc(c->s, list->n * sizeof(*cond->values));
	if (cond->values == NULL) {
		sp_pop(c, old);
		return (NULL);
	}
	for (i = 0; i < list->n; i++) {
		old2 = sp_push_index(c, i);
		f = list->items[i];
		if (f->type != JSON_STRING)
			sp_perr(c, "must be a string");
		else if (!cond_value_ok(ref, f->str))
			sp_perr(c, "\"%s\" is not an answer of \"%s\"", f->str,
			    ref->code);
		else
			cond->values[cond->nvalues++] = f->str;
		sp_pop(c, old2);
	}
	sp_pop(c, old);
	if (cond->nvalues != list->n)
		return (NULL);
	return (cond);
}

void
sp_parse_question(struct pctx *c, const struct json *qv, size_t qi)
{
	static const char *const keys[] = {
		"code", "type", "required", "label", "help", "show_if",
		"options", "other", "other_label", "other_max_length",
		"min_choices", "max_choices", "min", "max", "decimals", "unit",
		"max_length", "multiline", "min_label", "max_label", NULL
	};
	/* Keys that only some types accept. */
	static const struct {
		const char	*key;
		unsigned	 types;		/* 1 << enum survey_qtype */
	} only[] = {
		{ "options", 1u << SQ_SINGLE | 1u << SQ_MULTIPLE },
		{ "other", 1u << SQ_SINGLE | 1u << SQ_MULTIPLE },
		{ "other_label", 1u << SQ_SINGLE | 1u << SQ_MULTIPLE },
		{ "other_max_length", 1u << SQ_SINGLE | 1u << SQ_MULTIPLE },
		{ "min_choices", 1u << SQ_MULTIPLE },
		{ "max_choices", 1u << SQ_MULTIPLE },
		{ "min", 1u << SQ_NUMBER },
		{ "max", 1u << SQ_NUMBER },
		{ "decimals", 1u << SQ_NUMBER },
		{ "unit", 1u << SQ_NUMBER },
		{ "max_length", 1u << SQ_TEXT },
		{ "multiline", 1u << SQ_TEXT },
		{ "min_label", 1u << SQ_SCALE10 },
		{ "max_label", 1u << SQ_SCALE10 },
	};
	struct survey_question	*q = &c->s->questions[qi];
	const struct json	*f;
	size_t			 old, i;
	int			 t, typed = 0, nchoices;

	if (qv->type != JSON_OBJECT) {
		sp_perr(c, "must be an object");
		return;
	}
	sp_check_keys(c, qv, keys);

	old = sp_push_key(c, "code");
	if ((f = json_get(qv, "code")) == NULL)
		sp_perr(c, "missing");
	else if (f->type != JSON_STRING || !sp_is_code(f->str))
		sp_perr(c, "must be 1 to %d lower-case letters, digits or '_', "
		    "starting with a letter and not ending in \"%s\"",
		    SURVEY_CODE_MAX, SURVEY_OTHER_SUFFIX);
	else if (survey_question_index(c->s, f->str) != -1)
		sp_perr(c, "\"%s\" is used by an earlier question", f->str);
	else
		q->code = f->str;
	sp_pop(c, old);

	old = sp_push_key(c, "type");
	if ((f = json_get(qv, "type")) == NULL)
		sp_perr(c, "missing");
	else if (f->type == JSON_STRING) {
		for (t = 0; t < SQ__MAX; t++)
			if (strcmp(f->str, survey_qtype_name[t]) == 0)
				break;
		if (t == SQ__MAX)
			sp_perr(c, "unknown type \"%s\" (smiley, yes_no_dk, "
			    "single, multiple, scale10, number, text)", f->str);
		else {
			q->type = (enum survey_qtype)t;
			typed = 1;
		}
	} else
		sp_perr(c, "must be a string");
	sp_pop(c, old);

	(void)sp_get_bool(c, qv, "required", &q->required);
	(void)sp_get_text(c, qv, "label", 1, 500, 0, &q->label);
	(void)sp_get_text(c, qv, "help", 0, 500, 1, &q->help);
	if (!typed)
		return;

	for (i = 0; i < sizeof(only) / sizeof(only[0]); i++) {
		if (json_get(qv, only[i].key) != NULL &&
		    !(only[i].types & (1u << q->type))) {
			old = sp_push_key(c, only[i].key);
			sp_perr(c, "not allowed for a %s question",
			    survey_qtype_name[q->type]);
			sp_pop(c, old);
		}
	}

	switch (q->type) {
	case SQ_SMILEY:
		builtin_options(c->s, q, smiley_values, smiley_icons, 5);
		break;
	case SQ_YES_NO_DK:
		builtin_options(c->s, q, ynd_values, ynd_icons, 3);
		break;
	case SQ_SCALE10:
		builtin_options(c->s, q, scale10_values, NULL, 11);
		(void)sp_get_text(c, qv, "min_label", 0, 100, 0, &q->min_label);
		(void)sp_get_text(c, qv, "max_label", 0, 100, 0, &q->max_label);
		break;
	case SQ_SINGLE:
	case SQ_MULTIPLE:
		(void)sp_get_bool(c, qv, "other", &q->other);
		parse_options(c, q, qv);
		q->other_max_length = 200;
		(void)sp_get_int(c, qv, "other_max_length", 1, 500,
		    &q->other_max_length);
		(void)sp_get_text(c, qv, "other_label", 0, 200, 0, &q->other_label);
		if (q->type == SQ_MULTIPLE) {
			nchoices = (int)q->noptions + q->other;
			(void)sp_get_int(c, qv, "min_choices", 1, nchoices,
			    &q->min_choices);
			(void)sp_get_int(c, qv, "max_choices", 1, nchoices,
			    &q->max_choices);
			if (q->min_choices > 0 && q->max_choices > 0 &&
			    q->min_choices > q->max_choices) {
				old = sp_push_key(c, "min_choices");
				sp_perr(c, "is more than max_choices");
				sp_pop(c, old);
			}
		}
		break;
	case SQ_NUMBER:
		old = sp_push_key(c, "min");
		if ((f = json_get(qv, "min")) == NULL)
			sp_perr(c, "missing (a number question needs bounds)");
		else if (f->type != JSON_NUMBER || fabs(f->num) > 1e9)
			sp_perr(c, "must be a number between -1e9 and 1e9");
		else
			q->min = f->num;
		sp_pop(c, old);
		old = sp_push_key(c, "max");
		if ((f = json_get(qv, "max")) == NULL)
			sp_perr(c, "missing (a number question needs bounds)");
		else if (f->type != JSON_NUMBER || fabs(f->num) > 1e9)
			sp_perr(c, "must be a number between -1e9 and 1e9");
		else if (f->num <= q->min && json_get(qv, "min") != NULL &&
		    json_get(qv, "min")->type == JSON_NUMBER)
			sp_perr(c, "must be more than min");
		else
			q->max = f->num;
		sp_pop(c, old);
		(void)sp_get_int(c, qv, "decimals", 0, 3, &q->decimals);
		(void)sp_get_text(c, qv, "unit", 0, 40, 0, &q->unit);
		break;
	case SQ_TEXT:
		if (sp_get_int(c, qv, "max_length", 1, SURVEY_TEXT_MAX,
		    &q->max_length) == 0) {
			old = sp_push_key(c, "max_length");
			sp_perr(c, "missing (a text question needs a length "
			    "bound, 1 to %d)", SURVEY_TEXT_MAX);
			sp_pop(c, old);
		}
		(void)sp_get_bool(c, qv, "multiline", &q->multiline);
		break;
	default:
		break;
	}

	if ((f = json_get(qv, "show_if")) != NULL) {
		old = sp_push_key(c, "show_if");
		q->show_if = parse_cond(c, f, qi, 1);
		sp_pop(c, old);
	}
}
