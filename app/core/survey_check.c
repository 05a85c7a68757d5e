/*
 * survey_check – the checks of one question's answer against a survey
 * definition (choices, numbers, texts), and the result that holds the
 * answers and the canonical texts made while checking (see survey.h).
 * The rules are in survey_answers.c's opening comment; survey_answers.c
 * reads the form or the JSON into raw values and calls
 * survey_check_question() for each question, top to bottom.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "survey_def.h"

/* Canonical texts made while checking, freed with the result. */
struct survey_strs {
	struct survey_strs	*next;
	char			 data[];
};

static const char	*keep(struct survey_result *, const char *, size_t);
static const char	*trimmed(struct survey_result *, const char *);
static int		 is_choice(const struct survey_question *,
			    const char *);
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

/*
 * Check question qi from its raw values (a->raw, a->raw_other). Called
 * by survey_answers.c in question order.
 */
void
survey_check_question(struct survey_result *r, size_t qi)
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
