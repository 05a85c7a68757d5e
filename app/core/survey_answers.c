/*
 * survey_answers – checking a person's answers against a survey
 * definition, and the canonical rows stored and hashed (see survey.h).
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
#include <math.h>
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

/* Canonical texts made while checking, freed with the result. */
struct survey_strs {
	struct survey_strs	*next;
	char			 data[];
};

static const char	*keep(struct survey_result *, const char *, size_t);
static const char	*trimmed(struct survey_result *, const char *);
static int		 is_choice(const struct survey_question *,
			    const char *);
static void		 check_question(struct survey_result *, size_t);
static void		 check_choice(struct survey_result *,
			    const struct survey_question *,
			    struct survey_answer *, size_t, const char **,
			    const char *);
static void		 check_number(struct survey_result *,
			    const struct survey_question *,
			    struct survey_answer *, const char *);
static void		 check_text(struct survey_result *,
			    const struct survey_question *,
			    struct survey_answer *, const char *, int, int);
static const char	*clean_text(struct survey_result *, const char *,
			    int, enum survey_err *);
static size_t		 utf8_len(const char *);
static int		 row_cmp(const void *, const void *);

int
survey_result_init(struct survey_result *r, const struct survey *s)
{
	memset(r, 0, sizeof(*r));
	r->survey = s;
	if ((r->a = calloc(s->nquestions ? s->nquestions : 1,
	    sizeof(*r->a))) == NULL)
		return (-1);
	return (0);
}

void
survey_result_free(struct survey_result *r)
{
	struct survey_strs	*p, *next;

	for (p = r->strs; p != NULL; p = next) {
		next = p->next;
		free(p);
	}
	free(r->a);
	memset(r, 0, sizeof(*r));
}

/* A NUL-terminated copy of n bytes of s, owned by r; NULL if out. */
static const char *
keep(struct survey_result *r, const char *s, size_t n)
{
	struct survey_strs	*p;

	if ((p = malloc(sizeof(*p) + n + 1)) == NULL)
		return (NULL);
	memcpy(p->data, s, n);
	p->data[n] = '\0';
	p->next = r->strs;
	r->strs = p;
	return (p->data);
}

/* s without leading and trailing white space; NULL if nothing is left. */
static const char *
trimmed(struct survey_result *r, const char *s)
{
	const char	*e;

	if (s == NULL)
		return (NULL);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	if (e == s)
		return (NULL);
	return (keep(r, s, (size_t)(e - s)));
}

static size_t
utf8_len(const char *s)
{
	size_t	n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

static int
is_choice(const struct survey_question *q, const char *v)
{
	size_t	i;

	if (q->other && strcmp(v, SURVEY_OTHER) == 0)
		return (1);
	for (i = 0; i < q->noptions; i++)
		if (strcmp(q->options[i].value, v) == 0)
			return (1);
	return (0);
}

/*
 * A free text made canonical: CRLF and CR become LF (or a space when
 * lines are not allowed), tabs a space; other control characters are an
 * error (*err). Returns the text owned by r, or NULL.
 */
static const char *
clean_text(struct survey_result *r, const char *s, int lines,
    enum survey_err *err)
{
	char		*buf;
	const char	*out;
	size_t		 i, o, n = strlen(s);

	if ((buf = malloc(n + 1)) == NULL)
		return (NULL);
	for (i = 0, o = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			buf[o++] = lines ? '\n' : ' ';
		} else if (ch == '\n')
			buf[o++] = lines ? '\n' : ' ';
		else if (ch == '\t')
			buf[o++] = ' ';
		else if (ch < 0x20 || ch == 0x7f) {
			*err = SE_BAD_CHARACTERS;
			free(buf);
			return (NULL);
		} else
			buf[o++] = (char)ch;
	}
	buf[o] = '\0';
	out = trimmed(r, buf);
	free(buf);
	return (out);
}

/*
 * Choices: smiley, yes_no_dk, scale10, single (one value) and multiple.
 * vals are the non-empty values sent, other the "other" text or NULL.
 */
static void
check_choice(struct survey_result *r, const struct survey_question *q,
    struct survey_answer *a, size_t nvals, const char **vals,
    const char *other)
{
	size_t	i, k, nchosen = 0;
	int	chosen[SURVEY_OPTIONS_MAX + 1], has_other = 0, excl = 0;

	memset(chosen, 0, sizeof(chosen));
	for (i = 0; i < nvals; i++) {
		if (!is_choice(q, vals[i])) {
			a->err = SE_NOT_AN_OPTION;
			return;
		}
	}
	if (q->type != SQ_MULTIPLE) {
		/* The same value twice (a double click) is one answer. */
		for (i = 1; i < nvals; i++) {
			if (strcmp(vals[i], vals[0]) != 0) {
				a->err = SE_ONE_ANSWER;
				return;
			}
		}
		if (nvals == 0 && other != NULL) {
			a->val[a->nval++] = SURVEY_OTHER;
		} else if (nvals > 0) {
			if (other != NULL && strcmp(vals[0], SURVEY_OTHER) != 0) {
				a->err = SE_OTHER_CONFLICT;
				return;
			}
			for (k = 0; k < q->noptions; k++)
				if (strcmp(q->options[k].value, vals[0]) == 0)
					break;
			a->val[a->nval++] = k < q->noptions ?
			    q->options[k].value : SURVEY_OTHER;
		}
		if (a->nval > 0 && strcmp(a->val[0], SURVEY_OTHER) == 0)
			a->other = other;
		a->answered = (a->nval > 0);
		return;
	}

	/* Multiple: mark what was ticked, then list it in the definition's order. */
	for (i = 0; i < nvals; i++) {
		if (strcmp(vals[i], SURVEY_OTHER) == 0 && q->other) {
			has_other = 1;
			continue;
		}
		for (k = 0; k < q->noptions; k++)
			if (strcmp(q->options[k].value, vals[i]) == 0)
				chosen[k] = 1;
	}
	if (other != NULL)
		has_other = 1;
	for (k = 0; k < q->noptions; k++) {
		if (!chosen[k])
			continue;
		a->val[a->nval++] = q->options[k].value;
		nchosen++;
		if (q->options[k].exclusive)
			excl = 1;
	}
	if (has_other) {
		a->val[a->nval++] = SURVEY_OTHER;
		a->other = other;
		nchosen++;
	}
	a->answered = (nchosen > 0);
	if (excl && nchosen > 1) {
		a->err = SE_EXCLUSIVE;
		return;
	}
	if (nchosen > 0 && q->min_choices > 0 &&
	    nchosen < (size_t)q->min_choices) {
		a->err = SE_TOO_FEW;
		a->param = q->min_choices;
		return;
	}
	if (q->max_choices > 0 && nchosen > (size_t)q->max_choices) {
		a->err = SE_TOO_MANY;
		a->param = q->max_choices;
		return;
	}
}

/*
 * A number as people write it: "-12", "12,5", "12.50", "1 200". Made
 * canonical from its digits (no binary rounding): "-12", "12.5", "1200".
 */
static void
check_number(struct survey_result *r, const struct survey_question *q,
    struct survey_answer *a, const char *v)
{
	char		 digits[48], canon[64];
	const char	*p = v;
	size_t		 nint = 0, nfrac = 0, i, o;
	int		 neg = 0, sep = 0;
	double		 x;

	if (*p == '-' || *p == '+') {
		neg = (*p == '-');
		p++;
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (nint + nfrac >= 30) {
				a->err = SE_NOT_A_NUMBER;
				return;
			}
			digits[nint + nfrac] = *p;
			if (sep)
				nfrac++;
			else
				nint++;
		} else if ((*p == '.' || *p == ',') && !sep) {
			sep = 1;
		} else if (*p == ' ' && !sep && nint > 0) {
			continue;		/* "1 200" */
		} else if ((unsigned char)p[0] == 0xc2 &&
		    (unsigned char)p[1] == 0xa0 && !sep && nint > 0) {
			p++;			/* a no-break space */
		} else {
			a->err = SE_NOT_A_NUMBER;
			return;
		}
	}
	if (nint + nfrac == 0 || (sep && nfrac == 0 && nint == 0)) {
		a->err = SE_NOT_A_NUMBER;
		return;
	}
	/* Drop leading zeros of the integer part, trailing of the fraction. */
	while (nfrac > 0 && digits[nint + nfrac - 1] == '0')
		nfrac--;
	i = 0;
	while (i + 1 < nint && digits[i] == '0')
		i++;
	o = 0;
	if (nint == 0)
		canon[o++] = '0';
	for (; i < nint; i++)
		canon[o++] = digits[i];
	if (nfrac > 0) {
		canon[o++] = '.';
		for (i = 0; i < nfrac; i++)
			canon[o++] = digits[nint + i];
	}
	canon[o] = '\0';
	if (neg && strcmp(canon, "0") != 0) {
		memmove(canon + 1, canon, o + 1);
		canon[0] = '-';
	}
	if (nfrac > (size_t)q->decimals) {
		a->err = SE_TOO_PRECISE;
		a->param = q->decimals;
		return;
	}
	x = strtod(canon, NULL);
	if (!isfinite(x)) {
		a->err = SE_NOT_A_NUMBER;
		return;
	}
	if (x < q->min) {
		a->err = SE_BELOW_MIN;
		a->param = q->min;
		return;
	}
	if (x > q->max) {
		a->err = SE_ABOVE_MAX;
		a->param = q->max;
		return;
	}
	if ((a->val[0] = keep(r, canon, strlen(canon))) == NULL) {
		a->err = SE_NOT_A_NUMBER;
		return;
	}
	a->nval = 1;
	a->answered = 1;
}

static void
check_text(struct survey_result *r, const struct survey_question *q,
    struct survey_answer *a, const char *v, int max, int lines)
{
	const char	*t;
	enum survey_err	 err = SE_NONE;

	if ((t = clean_text(r, v, lines, &err)) == NULL) {
		a->err = err;
		return;
	}
	if (utf8_len(t) > (size_t)max) {
		a->err = SE_TOO_LONG;
		a->param = max;
		return;
	}
	a->val[0] = t;
	a->nval = 1;
	a->answered = 1;
}

/* Check question qi from its raw values (a->raw, a->raw_other). */
static void
check_question(struct survey_result *r, size_t qi)
{
	const struct survey_question	*q = &r->survey->questions[qi];
	struct survey_answer		*a = &r->a[qi];
	const char			*vals[SURVEY_VALUES_MAX], *other = NULL;
	enum survey_err			 err = SE_NONE;
	size_t				 i, nvals = 0;

	if (a->err != SE_NONE) {
		/* A type error found while reading the input. */
		a->visible = 1;
		r->nerrors++;
		return;
	}
	a->visible = (q->show_if == NULL || survey_cond_eval(r, q->show_if));
	for (i = 0; i < a->nraw; i++)
		if ((vals[nvals] = trimmed(r, a->raw[i])) != NULL)
			nvals++;
	if (q->other && a->raw_other != NULL) {
		other = clean_text(r, a->raw_other, 1, &err);
		if (err != SE_NONE && a->visible) {
			a->err = err;
			r->nerrors++;
			return;
		}
	}
	if (!a->visible) {
		a->dropped = (nvals > 0 || other != NULL);
		if (a->dropped)
			r->ndropped++;
		return;
	}
	if (other != NULL && utf8_len(other) > (size_t)q->other_max_length) {
		a->err = SE_TOO_LONG;
		a->param = q->other_max_length;
		r->nerrors++;
		return;
	}

	switch (q->type) {
	case SQ_NUMBER:
	case SQ_TEXT:
		if (nvals > 1)
			a->err = SE_ONE_ANSWER;
		else if (nvals == 1 && q->type == SQ_NUMBER)
			check_number(r, q, a, vals[0]);
		else if (nvals == 1)
			check_text(r, q, a, vals[0], q->max_length,
			    q->multiline);
		break;
	default:
		check_choice(r, q, a, nvals, vals, other);
		break;
	}
	if (a->err == SE_NONE && !a->answered && q->required)
		a->err = SE_REQUIRED;
	if (a->err != SE_NONE) {
		a->answered = 0;
		a->nval = 0;
		r->nerrors++;
	}
}

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
		check_question(r, qi);
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
		check_question(r, i);
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
