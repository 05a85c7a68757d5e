/*
 * indicator – parsing and validation of indicator definitions (see
 * indicator.h for the grammar). Served to the coordinator's indicator
 * form, to the report's methodology page and to the unit tests; the
 * error messages, the canonical form and the plain-words description are
 * in indicator_text.c. The evaluation itself is SQL (indicator_eval(),
 * sql/migrations/0400_indicator_eval.sql) and reads the same keys.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "indicator.h"
#include "json.h"

const char *const ind_source_name[IND_SRC__MAX] = { "visits", "survey" };
const char *const ind_measure_name[IND_MEAS__MAX] = {
	"count", "distinct_beneficiaries", "share"
};
const char *const ind_dim_name[IND_DIM__MAX] = {
	"sites", "domains", "help_kind", "partner", "autonomy", "channel"
};

/* Which source each list filter describes (1 = allowed). */
static const int dim_sources[IND_DIM__MAX][IND_SRC__MAX] = {
	[IND_DIM_SITES] = { 1, 1 },
	[IND_DIM_DOMAINS] = { 1, 1 },
	[IND_DIM_HELP_KIND] = { 1, 1 },
	[IND_DIM_PARTNER] = { 1, 0 },
	[IND_DIM_AUTONOMY] = { 1, 0 },
	[IND_DIM_CHANNEL] = { 1, 0 },
};

static const enum ind_vocab_kind dim_vocab[IND_DIM__MAX] = {
	IND_VOC_SITE, IND_VOC_DOMAIN, IND_VOC_HELP_KIND, IND_VOC_PARTNER,
	IND_VOC_AUTONOMY, IND_VOC_CHANNEL
};

struct parse {
	const struct indicator_vocab	*vocab;
	struct ind_error		*err;
};

static int
fail(struct parse *ps, enum ind_err code, const char *path,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
fail(struct parse *ps, enum ind_err code, const char *path,
    const char *fmt, ...)
{
	va_list	ap;

	ps->err->code = code;
	snprintf(ps->err->path, sizeof(ps->err->path), "%s", path);
	va_start(ap, fmt);
	vsnprintf(ps->err->detail, sizeof(ps->err->detail), fmt, ap);
	va_end(ap);
	return (-1);
}

/* A slug: sites, surveys, domains, partners ("la-source"). */
static int
is_code(const char *s)
{
	size_t	i, n;

	n = strlen(s);
	if (n < 2 || n > 40)
		return (0);
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return (0);
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return (0);
	return (1);
}

/* A question code ("droit_obtenu"), as answers.question. */
static int
is_question(const char *s)
{
	size_t	i, n;

	n = strlen(s);
	if (n < 1 || n > 48 || s[0] < 'a' || s[0] > 'z')
		return (0);
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return (0);
	return (1);
}

/*
 * A non-empty array of distinct strings into out. kind: 0 free values,
 * 1 codes, 2 question codes.
 */
static int
parse_strs(struct parse *ps, const struct json *v, const char *path,
    int kind, struct ind_strs *out)
{
	char	ipath[96];
	size_t	i, j;

	out->n = 0;
	if (v->type != JSON_ARRAY)
		return (fail(ps, IND_ERR_TYPE, path, "%s",
		    "une liste / a list"));
	if (v->n == 0)
		return (fail(ps, IND_ERR_EMPTY, path, "%s", ""));
	if (v->n > IND_LIST_MAX)
		return (fail(ps, IND_ERR_TOO_MANY, path, "%d", IND_LIST_MAX));
	for (i = 0; i < v->n; i++) {
		snprintf(ipath, sizeof(ipath), "%s[%zu]", path, i);
		if (v->items[i]->type != JSON_STRING)
			return (fail(ps, IND_ERR_TYPE, ipath, "%s",
			    "texte / text"));
		if (v->items[i]->len == 0)
			return (fail(ps, IND_ERR_EMPTY, ipath, "%s", ""));
		if (v->items[i]->len > IND_VALUE_LEN_MAX)
			return (fail(ps, IND_ERR_TOO_LONG, ipath, "%d",
			    IND_VALUE_LEN_MAX));
		if (kind == 1 && !is_code(v->items[i]->str))
			return (fail(ps, IND_ERR_CODE, ipath, "%.60s",
			    v->items[i]->str));
		if (kind == 2 && !is_question(v->items[i]->str))
			return (fail(ps, IND_ERR_CODE, ipath, "%.60s",
			    v->items[i]->str));
		for (j = 0; j < i; j++)
			if (strcmp(v->items[j]->str, v->items[i]->str) == 0)
				return (fail(ps, IND_ERR_DUPLICATE, ipath,
				    "%.60s", v->items[i]->str));
		out->v[out->n++] = v->items[i]->str;
	}
	return (0);
}

/* Values must be answers the question offers, if the vocabulary knows. */
static int
check_values(struct parse *ps, const char *survey, const char *question,
    const char *qpath, const struct ind_strs *vals, const char *vpath)
{
	struct ind_question	q;
	char			ipath[96];
	size_t			i, j;

	if (ps->vocab == NULL || ps->vocab->question == NULL || survey == NULL)
		return (0);
	memset(&q, 0, sizeof(q));
	if (!ps->vocab->question(ps->vocab->arg, survey, question, &q))
		return (fail(ps, IND_ERR_UNKNOWN_QUESTION, qpath, "%.60s",
		    question));
	if (q.free_text)
		return (fail(ps, IND_ERR_FREE_TEXT, qpath, "%.60s", question));
	for (i = 0; i < vals->n; i++) {
		for (j = 0; j < q.nopt; j++)
			if (strcmp(q.opt[j], vals->v[i]) == 0)
				break;
		if (j == q.nopt) {
			snprintf(ipath, sizeof(ipath), "%s[%zu]", vpath, i);
			return (fail(ps, IND_ERR_UNKNOWN_OPTION, ipath,
			    "%.60s", vals->v[i]));
		}
	}
	return (0);
}

static int
parse_filter(struct parse *ps, const struct json *v, const char *path,
    enum ind_source src, const char *survey, struct ind_filter *f)
{
	char		 kpath[96], qpath[160];
	const char	*key;
	size_t		 i, j, d;

	memset(f, 0, sizeof(*f));
	f->followed_by_skills = -1;
	if (v->type != JSON_OBJECT)
		return (fail(ps, IND_ERR_TYPE, path, "%s", "un objet / an object"));
	for (i = 0; i < v->n; i++) {
		key = v->keys[i];
		snprintf(kpath, sizeof(kpath), "%s.%s", path, key);
		for (d = 0; d < IND_DIM__MAX; d++)
			if (strcmp(key, ind_dim_name[d]) == 0)
				break;
		if (d < IND_DIM__MAX) {
			if (!dim_sources[d][src])
				return (fail(ps, IND_ERR_SOURCE, kpath, "%s",
				    ind_source_name[src]));
			if (parse_strs(ps, v->items[i], kpath, 1,
			    &f->dim[d]) == -1)
				return (-1);
			if (ps->vocab == NULL || ps->vocab->known == NULL)
				continue;
			for (j = 0; j < f->dim[d].n; j++)
				if (!ps->vocab->known(ps->vocab->arg,
				    dim_vocab[d], f->dim[d].v[j])) {
					snprintf(qpath, sizeof(qpath),
					    "%s[%zu]", kpath, j);
					return (fail(ps, IND_ERR_UNKNOWN_CODE,
					    qpath, "%.60s", f->dim[d].v[j]));
				}
			continue;
		}
		if (strcmp(key, "followed_by_skills") == 0) {
			if (src != IND_SRC_VISITS)
				return (fail(ps, IND_ERR_SOURCE, kpath, "%s",
				    ind_source_name[src]));
			if (v->items[i]->type != JSON_TRUE &&
			    v->items[i]->type != JSON_FALSE)
				return (fail(ps, IND_ERR_TYPE, kpath, "%s",
				    "true / false"));
			f->followed_by_skills = v->items[i]->type == JSON_TRUE;
			continue;
		}
		if (strcmp(key, "answers") == 0) {
			const struct json *a = v->items[i];

			if (src != IND_SRC_SURVEY)
				return (fail(ps, IND_ERR_SOURCE, kpath, "%s",
				    ind_source_name[src]));
			if (a->type != JSON_OBJECT)
				return (fail(ps, IND_ERR_TYPE, kpath, "%s",
				    "un objet / an object"));
			if (a->n == 0)
				return (fail(ps, IND_ERR_EMPTY, kpath, "%s", ""));
			if (a->n > IND_ANSWERS_MAX)
				return (fail(ps, IND_ERR_TOO_MANY, kpath, "%d",
				    IND_ANSWERS_MAX));
			for (j = 0; j < a->n; j++) {
				snprintf(qpath, sizeof(qpath), "%s.%s", kpath,
				    a->keys[j]);
				if (!is_question(a->keys[j]))
					return (fail(ps, IND_ERR_CODE, qpath,
					    "%.60s", a->keys[j]));
				f->answers[j].question = a->keys[j];
				if (parse_strs(ps, a->items[j], qpath, 0,
				    &f->answers[j].values) == -1)
					return (-1);
				if (check_values(ps, survey, a->keys[j], qpath,
				    &f->answers[j].values, qpath) == -1)
					return (-1);
			}
			f->nanswers = a->n;
			continue;
		}
		return (fail(ps, IND_ERR_UNKNOWN_KEY, path, "%.60s", key));
	}
	return (0);
}

/* Whether f filters nothing (also used by indicator_text.c). */
int
indicator_filter_empty(const struct ind_filter *f)
{
	size_t	d;

	for (d = 0; d < IND_DIM__MAX; d++)
		if (f->dim[d].n > 0)
			return (0);
	return (f->followed_by_skills == -1 && f->nanswers == 0);
}

/* Which of names[0..n−1] s is, or -1. */
static int
word(const char *s, const char *const *names, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (i);
	return (-1);
}

/*
 * Parse and validate the definition text[0..len−1] into def, checking
 * codes against vocab when given. Returns 0, or -1 with err filled (def
 * is then already freed). On success the caller frees def with
 * indicator_free().
 */
int
indicator_parse(struct indicator_def *def, const char *text, size_t len,
    const struct indicator_vocab *vocab, struct ind_error *err)
{
	static const char *const keys[] = {
		"source", "survey", "measure", "question", "values", "filter",
		"base"
	};
	struct parse		 ps;
	const struct json	*root, *v;
	size_t			 i;
	int			 w;

	memset(def, 0, sizeof(*def));
	memset(err, 0, sizeof(*err));
	ps.vocab = vocab;
	ps.err = err;
	if (json_parse(&def->doc, text, len) == -1) {
		fail(&ps, IND_ERR_JSON, "", "%s", def->doc.error);
		goto bad;
	}
	root = def->doc.root;
	if (root->type != JSON_OBJECT) {
		fail(&ps, IND_ERR_TYPE, "definition", "%s",
		    "un objet / an object");
		goto bad;
	}
	for (i = 0; i < root->n; i++)
		if (word(root->keys[i], keys, sizeof(keys) / sizeof(keys[0]))
		    == -1) {
			fail(&ps, IND_ERR_UNKNOWN_KEY, "definition", "%.60s",
			    root->keys[i]);
			goto bad;
		}

	if ((v = json_get(root, "source")) == NULL) {
		fail(&ps, IND_ERR_MISSING, "definition", "source");
		goto bad;
	}
	if (v->type != JSON_STRING ||
	    (w = word(v->str, ind_source_name, IND_SRC__MAX)) == -1) {
		fail(&ps, IND_ERR_ENUM, "source", "%.60s",
		    v->type == JSON_STRING ? v->str : json_type_name(v->type));
		goto bad;
	}
	def->source = (enum ind_source)w;

	if ((v = json_get(root, "measure")) == NULL) {
		fail(&ps, IND_ERR_MISSING, "definition", "measure");
		goto bad;
	}
	if (v->type != JSON_STRING ||
	    (w = word(v->str, ind_measure_name, IND_MEAS__MAX)) == -1) {
		fail(&ps, IND_ERR_ENUM, "measure", "%.60s",
		    v->type == JSON_STRING ? v->str : json_type_name(v->type));
		goto bad;
	}
	def->measure = (enum ind_measure)w;

	v = json_get(root, "survey");
	if (def->source == IND_SRC_SURVEY) {
		if (v == NULL) {
			fail(&ps, IND_ERR_MISSING, "definition", "survey");
			goto bad;
		}
		if (v->type != JSON_STRING) {
			fail(&ps, IND_ERR_TYPE, "survey", "%s", "texte / text");
			goto bad;
		}
		if (!is_code(v->str)) {
			fail(&ps, IND_ERR_CODE, "survey", "%.60s", v->str);
			goto bad;
		}
		if (vocab != NULL && vocab->known != NULL &&
		    !vocab->known(vocab->arg, IND_VOC_SURVEY, v->str)) {
			fail(&ps, IND_ERR_UNKNOWN_SURVEY, "survey", "%.60s",
			    v->str);
			goto bad;
		}
		def->survey = v->str;
		if (def->measure == IND_MEAS_DISTINCT) {
			fail(&ps, IND_ERR_ANONYMOUS, "measure", "%s", "");
			goto bad;
		}
	} else if (v != NULL) {
		fail(&ps, IND_ERR_SOURCE, "survey", "%s", "visits");
		goto bad;
	}

	v = json_get(root, "question");
	if (v != NULL) {
		if (def->source != IND_SRC_SURVEY) {
			fail(&ps, IND_ERR_SOURCE, "question", "%s", "visits");
			goto bad;
		}
		if (v->type != JSON_STRING) {
			fail(&ps, IND_ERR_TYPE, "question", "%s",
			    "texte / text");
			goto bad;
		}
		if (!is_question(v->str)) {
			fail(&ps, IND_ERR_CODE, "question", "%.60s", v->str);
			goto bad;
		}
		def->question = v->str;
		if ((v = json_get(root, "values")) == NULL) {
			fail(&ps, IND_ERR_MISSING, "definition", "values");
			goto bad;
		}
		if (parse_strs(&ps, v, "values", 0, &def->values) == -1)
			goto bad;
		if (check_values(&ps, def->survey, def->question, "question",
		    &def->values, "values") == -1)
			goto bad;
	} else if (json_get(root, "values") != NULL) {
		fail(&ps, IND_ERR_MISSING, "definition", "question");
		goto bad;
	} else if (def->source == IND_SRC_SURVEY &&
	    def->measure == IND_MEAS_SHARE) {
		fail(&ps, IND_ERR_MISSING, "definition", "question");
		goto bad;
	}

	def->filter.followed_by_skills = -1;
	def->base.followed_by_skills = -1;
	if ((v = json_get(root, "filter")) != NULL &&
	    parse_filter(&ps, v, "filter", def->source, def->survey,
	    &def->filter) == -1)
		goto bad;
	if ((v = json_get(root, "base")) != NULL) {
		if (def->measure != IND_MEAS_SHARE) {
			fail(&ps, IND_ERR_MEASURE, "base", "%s",
			    ind_measure_name[def->measure]);
			goto bad;
		}
		if (parse_filter(&ps, v, "base", def->source, def->survey,
		    &def->base) == -1)
			goto bad;
		def->has_base = 1;
	}
	if (def->source == IND_SRC_VISITS && def->measure == IND_MEAS_SHARE &&
	    indicator_filter_empty(&def->filter)) {
		fail(&ps, IND_ERR_NO_CONDITION, "filter", "%s", "");
		goto bad;
	}
	return (0);
bad:
	json_free(&def->doc);
	return (-1);
}

void
indicator_free(struct indicator_def *def)
{
	json_free(&def->doc);
	memset(def, 0, sizeof(*def));
}

/*
 * Describe question code of a survey definition (the JSON document of
 * conf/surveys/, survey_versions.definition) for a vocabulary callback:
 * the values it offers, or free_text. Returns 1 if found. Pointers go
 * into the survey document or into static tables.
 */
int
indicator_survey_question(const struct json *survey, const char *code,
    struct ind_question *q)
{
	static const char *const smiley[] = { "1", "2", "3", "4", "5" };
	static const char *const yesno[] = { "oui", "non", "nsp" };
	static const char *const scale10[] = {
		"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"
	};
	const struct json	*qs, *qq, *c, *t, *opts, *ov;
	const char *const	*fixed;
	size_t			 i, j, nfixed;

	memset(q, 0, sizeof(*q));
	if ((qs = json_get(survey, "questions")) == NULL ||
	    qs->type != JSON_ARRAY)
		return (0);
	for (i = 0; i < qs->n; i++) {
		qq = qs->items[i];
		if ((c = json_get(qq, "code")) == NULL ||
		    c->type != JSON_STRING || strcmp(c->str, code) != 0)
			continue;
		t = json_get(qq, "type");
		fixed = NULL;
		nfixed = 0;
		if (t != NULL && t->type == JSON_STRING) {
			if (strcmp(t->str, "smiley") == 0) {
				fixed = smiley;
				nfixed = 5;
			} else if (strcmp(t->str, "yes_no_dk") == 0) {
				fixed = yesno;
				nfixed = 3;
			} else if (strcmp(t->str, "scale10") == 0) {
				fixed = scale10;
				nfixed = 11;
			} else if (strcmp(t->str, "text") == 0)
				q->free_text = 1;
		}
		for (j = 0; j < nfixed; j++)
			q->opt[q->nopt++] = fixed[j];
		opts = json_get(qq, "options");
		if (opts != NULL && opts->type == JSON_ARRAY)
			for (j = 0; j < opts->n && q->nopt < IND_LIST_MAX;
			    j++) {
				ov = json_get(opts->items[j], "value");
				if (ov != NULL && ov->type == JSON_STRING)
					q->opt[q->nopt++] = ov->str;
			}
		return (1);
	}
	return (0);
}
