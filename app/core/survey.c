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

const char *const survey_qtype_name[SQ__MAX] = {
	"smiley", "yes_no_dk", "single", "multiple", "scale10", "number",
	"text"
};

/* Every array the parser makes is one of these, freed with the survey. */
struct survey_alloc {
	struct survey_alloc	*next;
	unsigned char		 data[];
};

struct pctx {
	struct survey		*s;
	struct survey_errors	*errs;
	survey_icon_fn		 icon;
	int			 langs_ok;	/* texts can be checked */
	char			 path[256];
	size_t			 plen;
};

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

/* Languages written right to left (for the page's dir attribute). */
static const char *const rtl_langs[] = { "ar", "fa", "he", "ps", "ur", "yi" };

static void	*salloc(struct survey *, size_t);
static void	 perr(struct pctx *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static size_t	 push_key(struct pctx *, const char *);
static size_t	 push_index(struct pctx *, size_t);
static void	 pop(struct pctx *, size_t);
static int	 check_keys(struct pctx *, const struct json *,
		    const char *const *);
static int	 is_slug(const char *, size_t, int);
static int	 is_code(const char *);
static size_t	 utf8_chars(const char *);
static int	 text_ok(struct pctx *, const char *, size_t, int);
static int	 get_text(struct pctx *, const struct json *, const char *,
		    int, size_t, int, struct survey_text *);
static int	 get_bool(struct pctx *, const struct json *, const char *,
		    int *);
static int	 get_int(struct pctx *, const struct json *, const char *,
		    long long, long long, int *);
static void	 parse_languages(struct pctx *, const struct json *);
static void	 parse_question(struct pctx *, const struct json *, size_t);
static void	 parse_options(struct pctx *, struct survey_question *,
		    const struct json *);
static void	 builtin_options(struct survey *, struct survey_question *,
		    const char *const *, const char *const *, size_t);
static struct survey_cond *parse_cond(struct pctx *, const struct json *,
		    size_t, int);
static int	 cond_value_ok(const struct survey_question *, const char *);
static size_t	 edit_distance(const char *, const char *);

/* Zeroed memory owned by s (freed by survey_free); NULL if out. */
static void *
salloc(struct survey *s, size_t n)
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
static void
perr(struct pctx *c, const char *fmt, ...)
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

static size_t
push_key(struct pctx *c, const char *key)
{
	size_t	old = c->plen;
	int	n;

	n = snprintf(c->path + c->plen, sizeof(c->path) - c->plen, "%s%s",
	    c->plen ? "." : "", key);
	if (n > 0)
		c->plen = strlen(c->path);
	return (old);
}

static size_t
push_index(struct pctx *c, size_t i)
{
	size_t	old = c->plen;
	int	n;

	n = snprintf(c->path + c->plen, sizeof(c->path) - c->plen, "[%zu]", i);
	if (n > 0)
		c->plen = strlen(c->path);
	return (old);
}

static void
pop(struct pctx *c, size_t old)
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
static int
check_keys(struct pctx *c, const struct json *obj, const char *const *allowed)
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
		old = push_key(c, obj->keys[i]);
		if (near != NULL)
			perr(c, "unknown key (did you mean \"%s\"?)", near);
		else
			perr(c, "unknown key");
		pop(c, old);
		ok = 0;
	}
	return (ok);
}

/*
 * A slug: [a-z0-9][a-z0-9-]{min-1,max-1} – the check of surveys.code and
 * of option values, which appear in URLs and in exports.
 */
static int
is_slug(const char *s, size_t max, int min)
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
static int
is_code(const char *s)
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
static size_t
utf8_chars(const char *s)
{
	size_t	n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/* A text of a definition: not blank, not too long, no control characters. */
static int
text_ok(struct pctx *c, const char *s, size_t maxchars, int multiline)
{
	const char	*p;
	int		 blank = 1;

	for (p = s; *p; p++) {
		if ((unsigned char)*p < 0x20 && !(multiline && *p == '\n')) {
			perr(c, "control character in the text");
			return (0);
		}
		if (*p != ' ' && *p != '\n')
			blank = 0;
	}
	if (blank) {
		perr(c, "empty text");
		return (0);
	}
	if (utf8_chars(s) > maxchars) {
		perr(c, "longer than %zu characters", maxchars);
		return (0);
	}
	return (1);
}

/*
 * obj.key as a text in every language of the survey: {"fr": …, "en": …}.
 * Returns 1 if present and valid, 0 if absent (a fault when required),
 * -1 on a fault.
 */
static int
get_text(struct pctx *c, const struct json *obj, const char *key,
    int required, size_t maxchars, int multiline, struct survey_text *out)
{
	const struct json	*v, *t;
	size_t			 old, old2, i;
	int			 li, rc = 1;

	memset(out, 0, sizeof(*out));
	old = push_key(c, key);
	if ((v = json_get(obj, key)) == NULL) {
		if (required)
			perr(c, "missing");
		pop(c, old);
		return (required ? -1 : 0);
	}
	if (v->type != JSON_OBJECT) {
		perr(c, "must be an object with one text per language, "
		    "e.g. {\"fr\": \"…\"}");
		pop(c, old);
		return (-1);
	}
	if (!c->langs_ok) {
		pop(c, old);
		return (-1);
	}
	for (i = 0; i < v->n; i++) {
		if (survey_lang_index(c->s, v->keys[i]) == -1) {
			old2 = push_key(c, v->keys[i]);
			perr(c, "not a language of this survey");
			pop(c, old2);
			rc = -1;
		}
	}
	for (li = 0; li < (int)c->s->nlangs; li++) {
		old2 = push_key(c, c->s->langs[li]);
		if ((t = json_get(v, c->s->langs[li])) == NULL) {
			perr(c, "missing");
			rc = -1;
		} else if (t->type != JSON_STRING) {
			perr(c, "must be a string, not %s",
			    json_type_name(t->type));
			rc = -1;
		} else if (!text_ok(c, t->str, maxchars, multiline))
			rc = -1;
		else
			out->s[li] = t->str;
		pop(c, old2);
	}
	pop(c, old);
	return (rc);
}

/* obj.key as a boolean, if present. -1 on a fault. */
static int
get_bool(struct pctx *c, const struct json *obj, const char *key, int *out)
{
	const struct json	*v;
	size_t			 old;

	if ((v = json_get(obj, key)) == NULL)
		return (0);
	if (v->type != JSON_TRUE && v->type != JSON_FALSE) {
		old = push_key(c, key);
		perr(c, "must be true or false");
		pop(c, old);
		return (-1);
	}
	*out = (v->type == JSON_TRUE);
	return (1);
}

/* obj.key as an integer in [lo, hi], if present. -1 on a fault. */
static int
get_int(struct pctx *c, const struct json *obj, const char *key,
    long long lo, long long hi, int *out)
{
	const struct json	*v;
	long long		 x;
	size_t			 old;

	if ((v = json_get(obj, key)) == NULL)
		return (0);
	old = push_key(c, key);
	if (!json_is_int(v, &x) || x < lo || x > hi) {
		perr(c, "must be a whole number from %lld to %lld", lo, hi);
		pop(c, old);
		return (-1);
	}
	pop(c, old);
	*out = (int)x;
	return (1);
}

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
	return (is_slug(name, 40, 1) && survey_icon_svg(name, NULL) != NULL);
}

static void
parse_languages(struct pctx *c, const struct json *root)
{
	const struct json	*v, *l;
	size_t			 old, old2, i, k;
	int			 ok = 1;

	old = push_key(c, "languages");
	if ((v = json_get(root, "languages")) == NULL) {
		perr(c, "missing");
		pop(c, old);
		return;
	}
	if (v->type != JSON_ARRAY || v->n == 0 || v->n > SURVEY_LANGS_MAX) {
		perr(c, "must be a list of 1 to %d language codes, "
		    "e.g. [\"fr\", \"en\"]", SURVEY_LANGS_MAX);
		pop(c, old);
		return;
	}
	for (i = 0; i < v->n; i++) {
		l = v->items[i];
		old2 = push_index(c, i);
		if (l->type != JSON_STRING || l->len != 2 ||
		    l->str[0] < 'a' || l->str[0] > 'z' ||
		    l->str[1] < 'a' || l->str[1] > 'z') {
			perr(c, "must be a two-letter language code (ISO 639-1)");
			ok = 0;
		} else {
			for (k = 0; k < c->s->nlangs; k++)
				if (strcmp(c->s->langs[k], l->str) == 0)
					break;
			if (k < c->s->nlangs) {
				perr(c, "\"%s\" is listed twice", l->str);
				ok = 0;
			} else
				c->s->langs[c->s->nlangs++] = l->str;
		}
		pop(c, old2);
	}
	pop(c, old);
	c->langs_ok = ok;
}

/* The fixed choices of smiley, yes_no_dk and scale10 questions. */
static void
builtin_options(struct survey *s, struct survey_question *q,
    const char *const *values, const char *const *icons, size_t n)
{
	size_t	i;

	if ((q->options = salloc(s, n * sizeof(*q->options))) == NULL)
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

	old = push_key(c, "options");
	if ((v = json_get(qv, "options")) == NULL) {
		perr(c, "missing (a %s question needs its choices)",
		    survey_qtype_name[q->type]);
		pop(c, old);
		return;
	}
	if (v->type != JSON_ARRAY || v->n < 2 || v->n > SURVEY_OPTIONS_MAX) {
		perr(c, "must be a list of 2 to %d choices", SURVEY_OPTIONS_MAX);
		pop(c, old);
		return;
	}
	if ((q->options = salloc(c->s, v->n * sizeof(*q->options))) == NULL) {
		perr(c, "out of memory");
		pop(c, old);
		return;
	}
	for (i = 0; i < v->n; i++) {
		o = v->items[i];
		opt = &q->options[q->noptions];
		old2 = push_index(c, i);
		if (o->type != JSON_OBJECT) {
			perr(c, "must be an object {\"value\": …, \"label\": …}");
			pop(c, old2);
			continue;
		}
		check_keys(c, o, keys);
		old3 = push_key(c, "value");
		if ((f = json_get(o, "value")) == NULL)
			perr(c, "missing");
		else if (f->type != JSON_STRING || !is_slug(f->str, 40, 1))
			perr(c, "must be 1 to 40 lower-case letters, digits "
			    "or '-', starting with a letter or digit");
		else {
			for (k = 0; k < q->noptions; k++)
				if (strcmp(q->options[k].value, f->str) == 0)
					break;
			if (k < q->noptions)
				perr(c, "\"%s\" is used twice", f->str);
			else if (q->other && strcmp(f->str, SURVEY_OTHER) == 0)
				perr(c, "\"%s\" is the value of the \"other\" "
				    "choice: use another value or drop "
				    "\"other\"", SURVEY_OTHER);
			else
				opt->value = f->str;
		}
		pop(c, old3);
		(void)get_text(c, o, "label", 1, 200, 0, &opt->label);
		if ((f = json_get(o, "icon")) != NULL) {
			old3 = push_key(c, "icon");
			if (f->type != JSON_STRING || !is_slug(f->str, 40, 1))
				perr(c, "must be the name of a pictogram");
			else if (c->icon != NULL && !c->icon(f->str))
				perr(c, "no pictogram \"%s\" in assets/icons/",
				    f->str);
			else
				opt->icon = f->str;
			pop(c, old3);
		}
		if (get_bool(c, o, "exclusive", &opt->exclusive) == 1 &&
		    opt->exclusive) {
			if (q->type != SQ_MULTIPLE) {
				old3 = push_key(c, "exclusive");
				perr(c, "only for a multiple-choice question");
				pop(c, old3);
			}
			nexcl++;
		}
		pop(c, old2);
		if (opt->value != NULL)
			q->noptions++;
	}
	if (nexcl > 0 && (size_t)nexcl == v->n)
		perr(c, "every choice is exclusive");
	pop(c, old);
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
		perr(c, "must be an object such as "
		    "{\"question\": \"code\", \"in\": [\"value\"]}");
		return (NULL);
	}
	if (depth > SURVEY_COND_DEPTH) {
		perr(c, "conditions nested more than %d deep",
		    SURVEY_COND_DEPTH);
		return (NULL);
	}
	if (!check_keys(c, v, keys))
		return (NULL);
	if ((cond = salloc(c->s, sizeof(*cond))) == NULL)
		return (NULL);

	forms = (json_get(v, "all") != NULL) + (json_get(v, "any") != NULL) +
	    (json_get(v, "question") != NULL);
	if (forms != 1) {
		perr(c, "needs exactly one of \"question\", \"all\" or \"any\"");
		return (NULL);
	}
	if ((list = json_get(v, "all")) != NULL ||
	    (list = json_get(v, "any")) != NULL) {
		lkey = json_get(v, "all") != NULL ? "all" : "any";
		cond->op = json_get(v, "all") != NULL ? SC_ALL : SC_ANY;
		old = push_key(c, lkey);
		if (v->n != 1) {
			perr(c, "cannot be combined with other keys");
			pop(c, old);
			return (NULL);
		}
		if (list->type != JSON_ARRAY || list->n < 1 || list->n > 16) {
			perr(c, "must be a list of 1 to 16 conditions");
			pop(c, old);
			return (NULL);
		}
		cond->sub = salloc(c->s, list->n * sizeof(*cond->sub));
		if (cond->sub == NULL) {
			pop(c, old);
			return (NULL);
		}
		for (i = 0; i < list->n; i++) {
			struct survey_cond	*sub;

			old2 = push_index(c, i);
			sub = parse_cond(c, list->items[i], self, depth + 1);
			pop(c, old2);
			if (sub == NULL) {
				pop(c, old);
				return (NULL);
			}
			cond->sub[cond->nsub++] = *sub;
		}
		pop(c, old);
		return (cond);
	}

	f = json_get(v, "question");
	old = push_key(c, "question");
	if (f->type != JSON_STRING) {
		perr(c, "must be the code of an earlier question");
		pop(c, old);
		return (NULL);
	}
	qi = survey_question_index(c->s, f->str);
	if (qi == -1 || (size_t)qi >= self) {
		/* Questions are added in order: later ones are not found. */
		if (strcmp(f->str, c->s->questions[self].code ?
		    c->s->questions[self].code : "") == 0)
			perr(c, "a question cannot depend on itself");
		else
			perr(c, "\"%s\" is not an earlier question", f->str);
		pop(c, old);
		return (NULL);
	}
	pop(c, old);
	cond->question = qi;
	ref = &c->s->questions[qi];

	forms = (json_get(v, "in") != NULL) + (json_get(v, "not_in") != NULL) +
	    (json_get(v, "answered") != NULL);
	if (forms != 1) {
		perr(c, "needs exactly one of \"in\", \"not_in\" or "
		    "\"answered\"");
		return (NULL);
	}
	if ((f = json_get(v, "answered")) != NULL) {
		old = push_key(c, "answered");
		if (f->type != JSON_TRUE && f->type != JSON_FALSE) {
			perr(c, "must be true or false");
			pop(c, old);
			return (NULL);
		}
		pop(c, old);
		cond->op = SC_ANSWERED;
		cond->negate = (f->type == JSON_FALSE);
		return (cond);
	}
	lkey = json_get(v, "in") != NULL ? "in" : "not_in";
	cond->op = json_get(v, "in") != NULL ? SC_IN : SC_NOT_IN;
	list = json_get(v, lkey);
	old = push_key(c, lkey);
	if (ref->type == SQ_NUMBER || ref->type == SQ_TEXT) {
		perr(c, "\"%s\" is a %s question: only \"answered\" can test it",
		    ref->code, survey_qtype_name[ref->type]);
		pop(c, old);
		return (NULL);
	}
	if (list->type != JSON_ARRAY || list->n < 1 ||
	    list->n > SURVEY_VALUES_MAX) {
		perr(c, "must be a list of 1 to %d values",
		    SURVEY_VALUES_MAX);
		pop(c, old);
		return (NULL);
	}
	cond->values = salloc(c->s, list->n * sizeof(*cond->values));
	if (cond->values == NULL) {
		pop(c, old);
		return (NULL);
	}
	for (i = 0; i < list->n; i++) {
		old2 = push_index(c, i);
		f = list->items[i];
		if (f->type != JSON_STRING)
			perr(c, "must be a string");
		else if (!cond_value_ok(ref, f->str))
			perr(c, "\"%s\" is not an answer of \"%s\"", f->str,
			    ref->code);
		else
			cond->values[cond->nvalues++] = f->str;
		pop(c, old2);
	}
	pop(c, old);
	if (cond->nvalues != list->n)
		return (NULL);
	return (cond);
}

static void
parse_question(struct pctx *c, const struct json *qv, size_t qi)
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
		perr(c, "must be an object");
		return;
	}
	check_keys(c, qv, keys);

	old = push_key(c, "code");
	if ((f = json_get(qv, "code")) == NULL)
		perr(c, "missing");
	else if (f->type != JSON_STRING || !is_code(f->str))
		perr(c, "must be 1 to %d lower-case letters, digits or '_', "
		    "starting with a letter and not ending in \"%s\"",
		    SURVEY_CODE_MAX, SURVEY_OTHER_SUFFIX);
	else if (survey_question_index(c->s, f->str) != -1)
		perr(c, "\"%s\" is used by an earlier question", f->str);
	else
		q->code = f->str;
	pop(c, old);

	old = push_key(c, "type");
	if ((f = json_get(qv, "type")) == NULL)
		perr(c, "missing");
	else if (f->type == JSON_STRING) {
		for (t = 0; t < SQ__MAX; t++)
			if (strcmp(f->str, survey_qtype_name[t]) == 0)
				break;
		if (t == SQ__MAX)
			perr(c, "unknown type \"%s\" (smiley, yes_no_dk, "
			    "single, multiple, scale10, number, text)", f->str);
		else {
			q->type = (enum survey_qtype)t;
			typed = 1;
		}
	} else
		perr(c, "must be a string");
	pop(c, old);

	(void)get_bool(c, qv, "required", &q->required);
	(void)get_text(c, qv, "label", 1, 500, 0, &q->label);
	(void)get_text(c, qv, "help", 0, 500, 1, &q->help);
	if (!typed)
		return;

	for (i = 0; i < sizeof(only) / sizeof(only[0]); i++) {
		if (json_get(qv, only[i].key) != NULL &&
		    !(only[i].types & (1u << q->type))) {
			old = push_key(c, only[i].key);
			perr(c, "not allowed for a %s question",
			    survey_qtype_name[q->type]);
			pop(c, old);
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
		(void)get_text(c, qv, "min_label", 0, 100, 0, &q->min_label);
		(void)get_text(c, qv, "max_label", 0, 100, 0, &q->max_label);
		break;
	case SQ_SINGLE:
	case SQ_MULTIPLE:
		(void)get_bool(c, qv, "other", &q->other);
		parse_options(c, q, qv);
		q->other_max_length = 200;
		(void)get_int(c, qv, "other_max_length", 1, 500,
		    &q->other_max_length);
		(void)get_text(c, qv, "other_label", 0, 200, 0, &q->other_label);
		if (q->type == SQ_MULTIPLE) {
			nchoices = (int)q->noptions + q->other;
			(void)get_int(c, qv, "min_choices", 1, nchoices,
			    &q->min_choices);
			(void)get_int(c, qv, "max_choices", 1, nchoices,
			    &q->max_choices);
			if (q->min_choices > 0 && q->max_choices > 0 &&
			    q->min_choices > q->max_choices) {
				old = push_key(c, "min_choices");
				perr(c, "is more than max_choices");
				pop(c, old);
			}
		}
		break;
	case SQ_NUMBER:
		old = push_key(c, "min");
		if ((f = json_get(qv, "min")) == NULL)
			perr(c, "missing (a number question needs bounds)");
		else if (f->type != JSON_NUMBER || fabs(f->num) > 1e9)
			perr(c, "must be a number between -1e9 and 1e9");
		else
			q->min = f->num;
		pop(c, old);
		old = push_key(c, "max");
		if ((f = json_get(qv, "max")) == NULL)
			perr(c, "missing (a number question needs bounds)");
		else if (f->type != JSON_NUMBER || fabs(f->num) > 1e9)
			perr(c, "must be a number between -1e9 and 1e9");
		else if (f->num <= q->min && json_get(qv, "min") != NULL &&
		    json_get(qv, "min")->type == JSON_NUMBER)
			perr(c, "must be more than min");
		else
			q->max = f->num;
		pop(c, old);
		(void)get_int(c, qv, "decimals", 0, 3, &q->decimals);
		(void)get_text(c, qv, "unit", 0, 40, 0, &q->unit);
		break;
	case SQ_TEXT:
		if (get_int(c, qv, "max_length", 1, SURVEY_TEXT_MAX,
		    &q->max_length) == 0) {
			old = push_key(c, "max_length");
			perr(c, "missing (a text question needs a length "
			    "bound, 1 to %d)", SURVEY_TEXT_MAX);
			pop(c, old);
		}
		(void)get_bool(c, qv, "multiline", &q->multiline);
		break;
	default:
		break;
	}

	if ((f = json_get(qv, "show_if")) != NULL) {
		old = push_key(c, "show_if");
		q->show_if = parse_cond(c, f, qi, 1);
		pop(c, old);
	}
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
		perr(&c, "larger than %d KiB", SURVEY_DEF_MAX / 1024);
		return (-1);
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		perr(&c, "out of memory");
		return (-1);
	}
	c.s = s;
	if (json_parse(&s->doc, text, len) == -1) {
		perr(&c, "%s", s->doc.error);
		goto fail;
	}
	root = s->doc.root;
	if (root->type != JSON_OBJECT) {
		perr(&c, "must be a JSON object");
		goto fail;
	}
	check_keys(&c, root, keys);

	old = push_key(&c, "format");
	if ((f = json_get(root, "format")) == NULL)
		perr(&c, "missing (this parser reads format %d)",
		    SURVEY_FORMAT);
	else if (f->type != JSON_NUMBER || f->num != SURVEY_FORMAT)
		perr(&c, "must be %d", SURVEY_FORMAT);
	else
		s->format = SURVEY_FORMAT;
	pop(&c, old);

	old = push_key(&c, "code");
	if ((f = json_get(root, "code")) == NULL)
		perr(&c, "missing");
	else if (f->type != JSON_STRING || !is_slug(f->str, 40, 2))
		perr(&c, "must be 2 to 40 lower-case letters, digits or '-', "
		    "starting with a letter or digit");
	else
		s->code = f->str;
	pop(&c, old);

	s->kind = "autre";
	old = push_key(&c, "kind");
	if ((f = json_get(root, "kind")) != NULL) {
		if (f->type != JSON_STRING ||
		    (strcmp(f->str, "satisfaction") != 0 &&
		    strcmp(f->str, "resultats") != 0 &&
		    strcmp(f->str, "autre") != 0))
			perr(&c, "must be \"satisfaction\", \"resultats\" or "
			    "\"autre\"");
		else
			s->kind = f->str;
	}
	pop(&c, old);

	parse_languages(&c, root);
	(void)get_text(&c, root, "title", 1, 200, 0, &s->title);
	(void)get_text(&c, root, "intro", 0, 1000, 1, &s->intro);
	(void)get_text(&c, root, "consent", 1, 2000, 1, &s->consent);
	(void)get_text(&c, root, "thanks", 0, 500, 1, &s->thanks);
	(void)get_int(&c, root, "duration_minutes", 1, 60,
	    &s->duration_minutes);
	(void)get_int(&c, root, "retention_months", 1, 120,
	    &s->retention_months);

	old = push_key(&c, "questions");
	if ((f = json_get(root, "questions")) == NULL)
		perr(&c, "missing");
	else if (f->type != JSON_ARRAY || f->n == 0 ||
	    f->n > SURVEY_QUESTIONS_MAX)
		perr(&c, "must be a list of 1 to %d questions",
		    SURVEY_QUESTIONS_MAX);
	else if ((s->questions = salloc(s, f->n * sizeof(*s->questions))) ==
	    NULL)
		perr(&c, "out of memory");
	else {
		for (i = 0; i < f->n; i++) {
			old2 = push_index(&c, i);
			/*
			 * The question counts as added while it is parsed, so
			 * that its own code is found by later ones only.
			 */
			parse_question(&c, f->items[i], i);
			if (s->questions[i].code == NULL)
				s->questions[i].code = "";
			s->nquestions = i + 1;
			pop(&c, old2);
		}
	}
	pop(&c, old);

	if (errs->n > 0)
		goto fail;
	*out = s;
	return (0);

fail:
	survey_free(s);
	return (-1);
}
