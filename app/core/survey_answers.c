/*
 * survey_answers – checking a person's answers against a survey
 * definition, and the canonical rows stored and hashed (see survey.h).
 * This file reads the answers (a form body or the API's JSON) and makes
 * the rows; the checks of each question are in survey_check.c.
 *
 * The rules, the same for the form and for the JSON API:
 *  - questions are checked top to bottom; a question whose show_if is
 *    false given the earlier (already checked) answers is not asked:
 *    whatever was sent for it is dropped, never stored, and it cannot be
 *    "required" (the page without JavaScript shows every question, with a
 *    note saying when to answer; a stale answer must not count);
 *  - an empty value (blank text, nothing ticked) is no answer;
 *  - choices must be the definition's values; a multiple choice is kept
 *    in the definition's order, "autre" last, duplicates removed, so that
 *    the same answers always make the same rows and the same digest;
 *  - text typed in "other, please say" implies the "other" choice;
 *  - numbers accept "12,5" and "12.5" and spaces between thousands, and
 *    are stored as "12.5"; texts are trimmed, CRLF becomes LF, control
 *    characters are refused.
 *
 * The digest is SHA-256 over the rows sorted by (question, ordinal), one
 * line each: question 0x1f ordinal 0x1f value 0x0a – the formula of
 * sql/demo/demo.sql, so stored demo responses compare equal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "form.h"
#include "survey_def.h"

const char *const survey_err_code[SE__MAX] = {
	"",
	"required",
	"not_an_option",
	"one_answer",
	"exclusive",
	"too_few",
	"too_many",
	"not_a_number",
	"below_min",
	"above_max",
	"too_precise",
	"too_long",
	"bad_characters",
	"other_conflict",
	"unknown_question",
	"bad_type",
};

static int		 row_cmp(const void *, const void *);

/*
 * The answers of a form: fields named by the question codes (repeated
 * for a multiple choice), CODE_autre for "other" texts. Fields of other
 * names (the page's own, starting with "_", or noise) are ignored.
 * Returns the number of questions with an error.
 */
int
survey_answers_form(struct survey_result *r, const struct form *f)
{
	const struct survey		*s = r->survey;
	const struct survey_question	*q;
	struct survey_answer		*a;
	char				 oname[SURVEY_CODE_MAX + 8];
	size_t				 qi, i, n;

	for (qi = 0; qi < s->nquestions; qi++) {
		q = &s->questions[qi];
		a = &r->a[qi];
		n = form_count(f, q->code);
		if (n > SURVEY_VALUES_MAX) {
			a->err = SE_TOO_MANY;
			a->param = (double)(q->noptions + q->other);
			n = SURVEY_VALUES_MAX;
		}
		for (i = 0; i < n; i++)
			a->raw[a->nraw++] = form_get_nth(f, q->code, i);
		if (q->other) {
			(void)snprintf(oname, sizeof(oname), "%s%s", q->code,
			    SURVEY_OTHER_SUFFIX);
			a->raw_other = form_get(f, oname);
		}
		survey_check_question(r, qi);
	}
	return ((int)r->nerrors);
}

/*
 * The answers of the JSON API: an object {code: value}, where value is a
 * string, a number, a list of them (multiple choice) or null (no answer),
 * and "CODE_autre": text. Unknown keys and values of another type are
 * errors. Returns the number of errors (questions and keys).
 */
int
survey_answers_json(struct survey_result *r, const struct json *obj)
{
	const struct survey	*s = r->survey;
	const struct json	*v, *it;
	struct survey_answer	*a;
	char			 base[SURVEY_CODE_MAX + 8];
	size_t			 i, k, sl = strlen(SURVEY_OTHER_SUFFIX), kl;
	int			 qi, is_other;

	for (i = 0; i < obj->n; i++) {
		v = obj->items[i];
		kl = strlen(obj->keys[i]);
		is_other = 0;
		qi = survey_question_index(s, obj->keys[i]);
		if (qi == -1 && kl > sl && kl - sl < sizeof(base) &&
		    strcmp(obj->keys[i] + kl - sl, SURVEY_OTHER_SUFFIX) == 0) {
			memcpy(base, obj->keys[i], kl - sl);
			base[kl - sl] = '\0';
			qi = survey_question_index(s, base);
			if (qi != -1 && !s->questions[qi].other)
				qi = -1;
			is_other = 1;
		}
		if (qi == -1) {
			if (r->nkeyerr < sizeof(r->keyerr) / sizeof(r->keyerr[0])) {
				r->keyerr[r->nkeyerr].key = obj->keys[i];
				r->keyerr[r->nkeyerr].err = SE_UNKNOWN_QUESTION;
				r->nkeyerr++;
			}
			r->nerrors++;
			continue;
		}
		a = &r->a[qi];
		if (is_other) {
			if (v->type == JSON_STRING)
				a->raw_other = v->str;
			else if (v->type != JSON_NULL)
				a->err = SE_BAD_TYPE;
			continue;
		}
		switch (v->type) {
		case JSON_NULL:
			break;
		case JSON_STRING:
		case JSON_NUMBER:
			a->raw[a->nraw++] = v->str;
			break;
		case JSON_ARRAY:
			if (v->n > SURVEY_VALUES_MAX) {
				a->err = SE_TOO_MANY;
				a->param = (double)(s->questions[qi].noptions +
				    s->questions[qi].other);
				break;
			}
			for (k = 0; k < v->n; k++) {
				it = v->items[k];
				if (it->type != JSON_STRING &&
				    it->type != JSON_NUMBER) {
					a->err = SE_BAD_TYPE;
					break;
				}
				a->raw[a->nraw++] = it->str;
			}
			break;
		default:
			a->err = SE_BAD_TYPE;
			break;
		}
	}
	for (i = 0; i < s->nquestions; i++)
		survey_check_question(r, i);
	return ((int)r->nerrors);
}

/* Is the condition true, given the answers checked so far? */
int
survey_cond_eval(const struct survey_result *r, const struct survey_cond *c)
{
	const struct survey_answer	*a;
	size_t				 i, k;

	switch (c->op) {
	case SC_ALL:
		for (i = 0; i < c->nsub; i++)
			if (!survey_cond_eval(r, &c->sub[i]))
				return (0);
		return (1);
	case SC_ANY:
		for (i = 0; i < c->nsub; i++)
			if (survey_cond_eval(r, &c->sub[i]))
				return (1);
		return (0);
	default:
		break;
	}
	a = &r->a[c->question];
	if (c->op == SC_ANSWERED)
		return (a->answered != c->negate);
	if (!a->answered)
		return (0);
	for (i = 0; i < a->nval; i++)
		for (k = 0; k < c->nvalues; k++)
			if (strcmp(a->val[i], c->values[k]) == 0)
				return (c->op == SC_IN);
	return (c->op == SC_NOT_IN);
}

/*
 * The rows to store, in question order: one per value (ordinal 0, 1, …),
 * plus CODE_autre for an "other" text. Fills at most max rows; returns
 * how many there are.
 */
size_t
survey_rows(const struct survey_result *r, struct survey_row *rows,
    size_t max)
{
	const struct survey_question	*q;
	const struct survey_answer	*a;
	size_t				 qi, i, n = 0;

	for (qi = 0; qi < r->survey->nquestions; qi++) {
		q = &r->survey->questions[qi];
		a = &r->a[qi];
		if (!a->answered || a->err != SE_NONE)
			continue;
		for (i = 0; i < a->nval; i++, n++) {
			if (n >= max)
				continue;
			(void)snprintf(rows[n].question,
			    sizeof(rows[n].question), "%s", q->code);
			rows[n].ordinal = (int)i;
			rows[n].value = a->val[i];
			rows[n].numeric = (q->type == SQ_SMILEY ||
			    q->type == SQ_SCALE10 || q->type == SQ_NUMBER);
		}
		if (a->other != NULL) {
			if (n < max) {
				(void)snprintf(rows[n].question,
				    sizeof(rows[n].question), "%s%s", q->code,
				    SURVEY_OTHER_SUFFIX);
				rows[n].ordinal = 0;
				rows[n].value = a->other;
				rows[n].numeric = 0;
			}
			n++;
		}
	}
	return (n);
}

static int
row_cmp(const void *x, const void *y)
{
	const struct survey_row	*a = x, *b = y;
	int			 c;

	if ((c = strcmp(a->question, b->question)) != 0)
		return (c);
	return (a->ordinal - b->ordinal);
}

#define ROWS_MAX	(SURVEY_QUESTIONS_MAX * 2 + SURVEY_OPTIONS_MAX * 4)

/*
 * SHA-256 of the canonical answers (see the top of this file). Returns
 * 0, or -1 if the rows do not fit (cannot happen within the limits).
 */
int
survey_digest(const struct survey_result *r, unsigned char out[32])
{
	struct survey_row		*rows;
	crypto_hash_sha256_state	 st;
	char				 ord[16];
	size_t				 n, i;

	if ((rows = calloc(ROWS_MAX, sizeof(*rows))) == NULL)
		return (-1);
	n = survey_rows(r, rows, ROWS_MAX);
	if (n > ROWS_MAX) {
		free(rows);
		return (-1);
	}
	qsort(rows, n, sizeof(*rows), row_cmp);
	crypto_hash_sha256_init(&st);
	for (i = 0; i < n; i++) {
		(void)snprintf(ord, sizeof(ord), "\x1f%d\x1f", rows[i].ordinal);
		crypto_hash_sha256_update(&st,
		    (const unsigned char *)rows[i].question,
		    strlen(rows[i].question));
		crypto_hash_sha256_update(&st, (const unsigned char *)ord,
		    strlen(ord));
		crypto_hash_sha256_update(&st,
		    (const unsigned char *)rows[i].value,
		    strlen(rows[i].value));
		crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	}
	crypto_hash_sha256_final(&st, out);
	free(rows);
	return (0);
}

/*
 * The rows as one JSON array for the submit statement:
 * [{"q": "accueil", "o": 0, "v": "5", "n": 5}, …] ("n" only for numbers).
 */
void
survey_rows_json(const struct survey_result *r, struct sbuf *out)
{
	struct survey_row	*rows;
	size_t			 n, i;

	sbuf_putc(out, '[');
	if ((rows = calloc(ROWS_MAX, sizeof(*rows))) == NULL) {
		out->failed = 1;
		return;
	}
	n = survey_rows(r, rows, ROWS_MAX);
	if (n > ROWS_MAX)
		n = ROWS_MAX;
	for (i = 0; i < n; i++) {
		if (i > 0)
			sbuf_putc(out, ',');
		sbuf_puts(out, "{\"q\":");
		json_write_string(out, rows[i].question);
		sbuf_printf(out, ",\"o\":%d,\"v\":", rows[i].ordinal);
		json_write_string(out, rows[i].value);
		if (rows[i].numeric)
			sbuf_printf(out, ",\"n\":%s", rows[i].value);
		sbuf_putc(out, '}');
	}
	sbuf_putc(out, ']');
	free(rows);
}
