/*
 * survey_util – the readers of the survey definition parser: the arena
 * (sp_salloc, freed by survey_free), faults reported at the current JSON
 * path (sp_perr, sp_push_key, sp_push_index, sp_pop), unknown keys with a
 * suggestion (sp_check_keys), and typed values: codes, texts in every
 * language of the survey, booleans, bounded integers.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_assets.h"
#include "survey_def.h"

#include "survey_pctx.h"

/* Zeroed memory owned by s (freed by survey_free); NULL if out. */
void *
sp_salloc(struct survey *s, size_t n)
{
	struct survey_alloc	*a;

	if ((a = calloc(1, sizeof(*a) + n)) == NULL)
		return (NULL);
	a->next = s->allocs;
	s->allocs = a;
	return (a->data);
}

void
survey_free(struct survey *s)
{
	struct survey_alloc	*a, *next;

	if (s == NULL)
		return;
	for (a = s->allocs; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
	json_free(&s->doc);
	free(s);
}

/* Record a fault at the current path (the first SURVEY_ERRORS_MAX). */
void
sp_perr(struct pctx *c, const char *fmt, ...)
{
	va_list	 ap;
	char	 what[160];

	if (c->errs->n == SURVEY_ERRORS_MAX) {
		c->errs->truncated = 1;
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	(void)snprintf(c->errs->msg[c->errs->n], sizeof(c->errs->msg[0]),
	    "%s: %s", c->plen ? c->path : "definition", what);
	c->errs->n++;
}

size_t
sp_push_key(struct pctx *c, const char *key)
{
	size_t	old = c->plen;
	int	n;

	n = snprintf(c->path + c->plen, sizeof(c->path) - c->plen, "%s%s",
	    c->plen ? "." : "", key);
	if (n > 0)
		c->plen = strlen(c->path);
	return (old);
}

size_t
sp_push_index(struct pctx *c, size_t i)
{
	size_t	old = c->plen;
	int	n;

	n = snprintf(c->path + c->plen, sizeof(c->path) - c->plen, "[%zu]", i);
	if (n > 0)
		c->plen = strlen(c->path);
	return (old);
}

void
sp_pop(struct pctx *c, size_t old)
{
	c->plen = old;
	c->path[old] = '\0';
}

/* Levenshtein distance of two short keys (capped inputs). */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, prev, cur, tmp;
	size_t	row[64];

	if (la >= 63 || lb >= 63)
		return (99);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			tmp = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < tmp)
				tmp = row[j] + 1;
			if (row[j - 1] + 1 < tmp)
				tmp = row[j - 1] + 1;
			row[j] = tmp;
			prev = cur;
		}
	}
	return (row[lb]);
}

/* Report every key of obj that is not in allowed (NULL-terminated). */
int
sp_check_keys(struct pctx *c, const struct json *obj, const char *const *allowed)
{
	size_t		 i, k, old;
	const char	*near;
	int		 ok = 1;

	for (i = 0; i < obj->n; i++) {
		near = NULL;
		for (k = 0; allowed[k] != NULL; k++) {
			if (strcmp(obj->keys[i], allowed[k]) == 0)
				break;
			if (near == NULL &&
			    edit_distance(obj->keys[i], allowed[k]) <= 2)
				near = allowed[k];
		}
		if (allowed[k] != NULL)
			continue;
		old = sp_push_key(c, obj->keys[i]);
		if (near != NULL)
			sp_perr(c, "unknown key (did you mean \"%s\"?)", near);
		else
			sp_perr(c, "unknown key");
		sp_pop(c, old);
		ok = 0;
	}
	return (ok);
}

/*
 * A slug: [a-z0-9][a-z0-9-]{min-1,max-1} – the check of surveys.code and
 * of option values, which appear in URLs and in exports.
 */
int
sp_is_slug(const char *s, size_t max, int min)
{
	size_t	i, n = strlen(s);

	if (n < (size_t)min || n > max)
		return (0);
	for (i = 0; i < n; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (s[i] == '-' && i > 0)
			continue;
		return (0);
	}
	return (1);
}

/* A question code: [a-z][a-z0-9_]{0,40}, not ending in "_autre". */
int
sp_is_code(const char *s)
{
	size_t	i, n = strlen(s), sl = strlen(SURVEY_OTHER_SUFFIX);

	if (n == 0 || n > SURVEY_CODE_MAX || !(s[0] >= 'a' && s[0] <= 'z'))
		return (0);
	for (i = 1; i < n; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_')
			continue;
		return (0);
	}
	if (n >= sl && strcmp(s + n - sl, SURVEY_OTHER_SUFFIX) == 0)
		return (0);
	return (1);
}

/* Characters (code points) of valid UTF-8. */
size_t
sp_utf8_chars(const char *s)
{
	size_t	n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/* A text of a definition: not blank, not too long, no control characters. */
int
sp_text_ok(struct pctx *c, const char *s, size_t maxchars, int multiline)
{
	const char	*p;
	int		 blank = 1;

	for (p = s; *p; p++) {
		if ((unsigned char)*p < 0x20 && !(multiline && *p == '\n')) {
			sp_perr(c, "control character in the text");
			return (0);
		}
		if (*p != ' ' && *p != '\n')
			blank = 0;
	}
	if (blank) {
		sp_perr(c, "empty text");
		return (0);
	}
	if (sp_utf8_chars(s) > maxchars) {
		sp_perr(c, "longer than %zu characters", maxchars);
		return (0);
	}
	return (1);
}

/*
 * obj.key as a text in every language of the survey: {"fr": …, "en": …}.
 * Returns 1 if present and valid, 0 if absent (a fault when required),
 * -1 on a fault.
 */
int
sp_get_text(struct pctx *c, const struct json *obj, const char *key,
    int required, size_t maxchars, int multiline, struct survey_text *out)
{
	const struct json	*v, *t;
	size_t			 old, old2, i;
	int			 li, rc = 1;

	memset(out, 0, sizeof(*out));
	old = sp_push_key(c, key);
	if ((v = json_get(obj, key)) == NULL) {
		if (required)
			sp_perr(c, "missing");
		sp_pop(c, old);
		return (required ? -1 : 0);
	}
	if (v->type != JSON_OBJECT) {
		sp_perr(c, "must be an object with one text per language, "
		    "e.g. {\"fr\": \"…\"}");
		sp_pop(c, old);
		return (-1);
	}
	if (!c->langs_ok) {
		sp_pop(c, old);
		return (-1);
	}
	for (i = 0; i < v->n; i++) {
		if (survey_lang_index(c->s, v->keys[i]) == -1) {
			old2 = sp_push_key(c, v->keys[i]);
			sp_perr(c, "not a language of this survey");
			sp_pop(c, old2);
			rc = -1;
		}
	}
	for (li = 0; li < (int)c->s->nlangs; li++) {
		old2 = sp_push_key(c, c->s->langs[li]);
		if ((t = json_get(v, c->s->langs[li])) == NULL) {
			sp_perr(c, "missing");
			rc = -1;
		} else if (t->type != JSON_STRING) {
			sp_perr(c, "must be a string, not %s",
			    json_type_name(t->type));
			rc = -1;
		} else if (!sp_text_ok(c, t->str, maxchars, multiline))
			rc = -1;
		else
			out->s[li] = t->str;
		sp_pop(c, old2);
	}
	sp_pop(c, old);
	return (rc);
}

/* obj.key as a boolean, if present. -1 on a fault. */
int
sp_get_bool(struct pctx *c, const struct json *obj, const char *key, int *out)
{
	const struct json	*v;
	size_t			 old;

	if ((v = json_get(obj, key)) == NULL)
		return (0);
	if (v->type != JSON_TRUE && v->type != JSON_FALSE) {
		old = sp_push_key(c, key);
		sp_perr(c, "must be true or false");
		sp_pop(c, old);
		return (-1);
	}
	*out = (v->type == JSON_TRUE);
	return (1);
}

/* obj.key as an integer in [lo, hi], if present. -1 on a fault. */
int
sp_get_int(struct pctx *c, const struct json *obj, const char *key,
    long long lo, long long hi, int *out)
{
	const struct json	*v;
	long long		 x;
	size_t			 old;

	if ((v = json_get(obj, key)) == NULL)
		return (0);
	old = sp_push_key(c, key);
	if (!json_is_int(v, &x) || x < lo || x > hi) {
		sp_perr(c, "must be a whole number from %lld to %lld", lo, hi);
		sp_pop(c, old);
		return (-1);
	}
	sp_pop(c, old);
	*out = (int)x;
	return (1);
}
