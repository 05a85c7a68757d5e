/*
 * indicator_text – indicator definitions and their errors in words: the
 * message of a refused definition (next to the field of the
 * coordinator's indicator form), the canonical JSON that
 * indicators.definition stores, and the plain-words description of the
 * report's methodology page and the coordinator's preview. Parsing and
 * validation are in indicator.c.
 */
#include <stdio.h>
#include <string.h>

#include "indicator.h"
#include "json.h"
#include "sbuf.h"

/* The messages of each error, with %s for the path and the detail. */
static const char *const err_text[IND_ERR__MAX][LANG__MAX] = {
	[IND_OK] = { "définition valide", "valid definition" },
	[IND_ERR_JSON] = { "%1$s : ce n'est pas du JSON valide (%2$s)",
	    "%1$s: this is not valid JSON (%2$s)" },
	[IND_ERR_TYPE] = { "%1$s : %2$s attendu",
	    "%1$s: %2$s expected" },
	[IND_ERR_UNKNOWN_KEY] = { "%1$s : clé inconnue « %2$s »",
	    "%1$s: unknown key \"%2$s\"" },
	[IND_ERR_MISSING] = { "%1$s : « %2$s » est obligatoire",
	    "%1$s: \"%2$s\" is required" },
	[IND_ERR_ENUM] = { "%1$s : valeur « %2$s » inconnue",
	    "%1$s: unknown value \"%2$s\"" },
	[IND_ERR_CODE] = { "%1$s : code mal formé « %2$s »",
	    "%1$s: malformed code \"%2$s\"" },
	[IND_ERR_EMPTY] = { "%1$s : ne doit pas être vide",
	    "%1$s: must not be empty" },
	[IND_ERR_TOO_MANY] = { "%1$s : trop d'éléments (%2$s au plus)",
	    "%1$s: too many items (at most %2$s)" },
	[IND_ERR_DUPLICATE] = { "%1$s : « %2$s » figure deux fois",
	    "%1$s: \"%2$s\" appears twice" },
	[IND_ERR_TOO_LONG] = { "%1$s : valeur trop longue (%2$s octets au plus)",
	    "%1$s: value too long (at most %2$s bytes)" },
	[IND_ERR_SOURCE] = { "%1$s : ne s'applique pas à la source « %2$s »",
	    "%1$s: does not apply to source \"%2$s\"" },
	[IND_ERR_MEASURE] = { "%1$s : ne s'applique pas à la mesure « %2$s »",
	    "%1$s: does not apply to measure \"%2$s\"" },
	[IND_ERR_ANONYMOUS] = { "%1$s : les réponses aux enquêtes sont "
	    "anonymes, on ne peut pas compter des personnes distinctes ; "
	    "utilisez « count »",
	    "%1$s: survey answers are anonymous, distinct people cannot be "
	    "counted; use \"count\"" },
	[IND_ERR_NO_CONDITION] = { "%1$s : une part de visites a besoin "
	    "d'un filtre (sinon elle vaut toujours 100 %%)",
	    "%1$s: a share of visits needs a filter (otherwise it is always "
	    "100%%)" },
	[IND_ERR_UNKNOWN_CODE] = { "%1$s : « %2$s » n'existe pas",
	    "%1$s: \"%2$s\" does not exist" },
	[IND_ERR_UNKNOWN_SURVEY] = { "%1$s : pas d'enquête « %2$s »",
	    "%1$s: no survey \"%2$s\"" },
	[IND_ERR_UNKNOWN_QUESTION] = { "%1$s : l'enquête n'a pas de "
	    "question « %2$s »",
	    "%1$s: the survey has no question \"%2$s\"" },
	[IND_ERR_UNKNOWN_OPTION] = { "%1$s : « %2$s » n'est pas une réponse "
	    "possible à cette question",
	    "%1$s: \"%2$s\" is not a possible answer to this question" },
	[IND_ERR_FREE_TEXT] = { "%1$s : « %2$s » est une question à réponse "
	    "libre, elle ne se compte pas",
	    "%1$s: \"%2$s\" is a free-text question and cannot be counted" },
};

/* The error in words, in lang: "filter.sites[1] : « x » n'existe pas". */
char *
indicator_strerror(const struct ind_error *err, enum lang l, char *buf,
    size_t bufsz)
{
	const char	*fmt;

	if ((size_t)l >= LANG__MAX)
		l = LANG_FR;
	if ((size_t)err->code >= IND_ERR__MAX)
		fmt = err_text[IND_ERR_JSON][l];
	else
		fmt = err_text[err->code][l];
	/*
	 * Positional arguments: every message takes the path then the
	 * detail, even if it shows only one of them.
	 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(buf, bufsz, fmt, err->path[0] ? err->path : "definition",
	    err->detail);
#pragma GCC diagnostic pop
	return (buf);
}

static void
write_strs(struct sbuf *sb, const struct ind_strs *s)
{
	size_t	i;

	sbuf_putc(sb, '[');
	for (i = 0; i < s->n; i++) {
		if (i > 0)
			sbuf_puts(sb, ", ");
		json_write_string(sb, s->v[i]);
	}
	sbuf_putc(sb, ']');
}

static void
write_filter(struct sbuf *sb, const struct ind_filter *f)
{
	size_t	d, i;
	int	first;

	first = 1;
	sbuf_putc(sb, '{');
	for (d = 0; d < IND_DIM__MAX; d++) {
		if (f->dim[d].n == 0)
			continue;
		sbuf_printf(sb, "%s\"%s\": ", first ? "" : ", ",
		    ind_dim_name[d]);
		write_strs(sb, &f->dim[d]);
		first = 0;
	}
	if (f->followed_by_skills != -1) {
		sbuf_printf(sb, "%s\"followed_by_skills\": %s",
		    first ? "" : ", ", f->followed_by_skills ? "true" : "false");
		first = 0;
	}
	if (f->nanswers > 0) {
		sbuf_printf(sb, "%s\"answers\": {", first ? "" : ", ");
		for (i = 0; i < f->nanswers; i++) {
			if (i > 0)
				sbuf_puts(sb, ", ");
			json_write_string(sb, f->answers[i].question);
			sbuf_puts(sb, ": ");
			write_strs(sb, &f->answers[i].values);
		}
		sbuf_putc(sb, '}');
	}
	sbuf_putc(sb, '}');
}

/*
 * The definition in canonical JSON: keys in the order of the grammar,
 * lists in the order given, ", " and ": " separators – the same text as
 * PostgreSQL's jsonb output for the same value when lists are in order.
 */
void
indicator_write_json(const struct indicator_def *def, struct sbuf *sb)
{
	sbuf_printf(sb, "{\"source\": \"%s\"", ind_source_name[def->source]);
	if (def->survey != NULL) {
		sbuf_puts(sb, ", \"survey\": ");
		json_write_string(sb, def->survey);
	}
	sbuf_printf(sb, ", \"measure\": \"%s\"",
	    ind_measure_name[def->measure]);
	if (def->question != NULL) {
		sbuf_puts(sb, ", \"question\": ");
		json_write_string(sb, def->question);
		sbuf_puts(sb, ", \"values\": ");
		write_strs(sb, &def->values);
	}
	if (!indicator_filter_empty(&def->filter)) {
		sbuf_puts(sb, ", \"filter\": ");
		write_filter(sb, &def->filter);
	}
	if (def->has_base) {
		sbuf_puts(sb, ", \"base\": ");
		write_filter(sb, &def->base);
	}
	sbuf_putc(sb, '}');
}

static void
describe_strs(struct sbuf *sb, const struct ind_strs *s, enum lang l)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (i > 0)
			sbuf_puts(sb, i + 1 == s->n ?
			    (l == LANG_FR ? " ou " : " or ") : ", ");
		sbuf_printf(sb, l == LANG_FR ? "« %s »" : "\"%s\"", s->v[i]);
	}
}

static void
describe_filter(struct sbuf *sb, const struct ind_filter *f, enum lang l)
{
	static const char *const dim_fr[IND_DIM__MAX] = {
		"site", "domaine", "type d'aide", "partenaire", "autonomie",
		"canal"
	};
	static const char *const dim_en[IND_DIM__MAX] = {
		"site", "domain", "kind of help", "partner", "autonomy",
		"channel"
	};
	size_t	d, i;

	for (d = 0; d < IND_DIM__MAX; d++) {
		if (f->dim[d].n == 0)
			continue;
		sbuf_printf(sb, " ; %s ", l == LANG_FR ? dim_fr[d] : dim_en[d]);
		describe_strs(sb, &f->dim[d], l);
	}
	if (f->followed_by_skills == 1)
		sbuf_puts(sb, l == LANG_FR ?
		    " ; suivi ensuite d'un accompagnement aux usages numériques "
		    "avant la fin de la période" :
		    " ; followed by a digital-skills session before the end of "
		    "the period");
	for (i = 0; i < f->nanswers; i++) {
		sbuf_printf(sb, l == LANG_FR ? " ; réponse à « %s » : " :
		    " ; answer to \"%s\": ", f->answers[i].question);
		describe_strs(sb, &f->answers[i].values, l);
	}
}

/*
 * The definition in plain words, for the methodology page and the
 * coordinator's preview, e.g. "Nombre de réponses à l'enquête
 * « resultats » dont la réponse à « droit_obtenu » est « oui »".
 */
void
indicator_describe(const struct indicator_def *def, enum lang l,
    struct sbuf *sb)
{
	int	fr = l == LANG_FR;

	if (def->source == IND_SRC_VISITS) {
		switch (def->measure) {
		case IND_MEAS_COUNT:
			sbuf_puts(sb, fr ? "Nombre de visites" :
			    "Number of visits");
			break;
		case IND_MEAS_DISTINCT:
			sbuf_puts(sb, fr ? "Nombre de personnes distinctes "
			    "(carte de suivi) parmi les visites" :
			    "Number of distinct people (follow-up card) among "
			    "the visits");
			break;
		default:
			sbuf_puts(sb, fr ? "Part des visites" :
			    "Share of the visits");
			break;
		}
	} else {
		if (def->measure == IND_MEAS_SHARE)
			sbuf_printf(sb, fr ? "Part des répondants à l'enquête "
			    "« %s » ayant répondu à « %s »" : "Share of the "
			    "respondents to the \"%s\" survey who answered "
			    "\"%s\"", def->survey, def->question);
		else
			sbuf_printf(sb, fr ? "Nombre de réponses à l'enquête "
			    "« %s »" : "Number of responses to the \"%s\" "
			    "survey", def->survey);
		if (def->question != NULL) {
			sbuf_printf(sb, fr ? " dont la réponse à « %s » est " :
			    " whose answer to \"%s\" is ", def->question);
			describe_strs(sb, &def->values, l);
		}
	}
	describe_filter(sb, &def->filter, l);
	if (def->measure == IND_MEAS_SHARE) {
		if (def->has_base && !indicator_filter_empty(&def->base)) {
			sbuf_puts(sb, fr ? " — parmi" : " — among");
			if (def->source == IND_SRC_VISITS)
				sbuf_puts(sb, fr ? " les visites" :
				    " the visits");
			describe_filter(sb, &def->base, l);
		} else if (def->source == IND_SRC_VISITS)
			sbuf_puts(sb, fr ? " — parmi toutes les visites" :
			    " — among all visits");
	}
}
