/*
 * indicator – the definition of an indicator (indicators.definition,
 * indicator_catalogue.definition): which source, which filter, which
 * measure. The program evaluates it in SQL (sql/migrations/0400_*,
 * indicator_eval()); this module validates it when a coordinator saves
 * one, with an error that says exactly what is wrong and where, and
 * writes it back in a canonical form and in plain words.
 *
 * The grammar (every key but source and measure is optional):
 *
 *   {"source": "visits" | "survey",
 *    "survey": CODE,                       survey only, then required
 *    "measure": "count" | "distinct_beneficiaries" | "share",
 *    "question": CODE, "values": [TEXT…],  survey only, together
 *    "filter": FILTER,                     who is counted
 *    "base": FILTER}                       share only: who is asked
 *
 *   FILTER = {"sites": [CODE…], "domains": [CODE…], "help_kind": [CODE…],
 *             "partner": [CODE…], "autonomy": [CODE…], "channel": [CODE…],
 *             "followed_by_skills": true|false,
 *             "answers": {QUESTION: [TEXT…], …}}
 *
 * Visits: count = visits, distinct_beneficiaries = people named by a
 * pseudonym, share = visits matching filter among visits matching base.
 * Survey: count = responses whose answer to question is in values (or
 * all responses if no question), share = the same among the responses
 * that answered the question (and match base). Responses are anonymous:
 * distinct_beneficiaries is refused for a survey. partner, autonomy,
 * channel and followed_by_skills describe visits; answers describes
 * responses.
 *
 * Ownership: a parsed definition points into its own json_doc; every
 * string stays valid until indicator_free().
 */
#ifndef MESURE_INDICATOR_H
#define MESURE_INDICATOR_H

#include <stddef.h>

#include "i18n.h"
#include "json.h"

#define IND_LIST_MAX		64	/* items in one list */
#define IND_ANSWERS_MAX		8	/* questions in one answers filter */
#define IND_VALUE_LEN_MAX	200	/* bytes of one answer value */

enum ind_source {
	IND_SRC_VISITS,
	IND_SRC_SURVEY,
	IND_SRC__MAX
};

enum ind_measure {
	IND_MEAS_COUNT,
	IND_MEAS_DISTINCT,
	IND_MEAS_SHARE,
	IND_MEAS__MAX
};

/* The list filters, in canonical order. */
enum ind_dim {
	IND_DIM_SITES,
	IND_DIM_DOMAINS,
	IND_DIM_HELP_KIND,
	IND_DIM_PARTNER,
	IND_DIM_AUTONOMY,
	IND_DIM_CHANNEL,
	IND_DIM__MAX
};

/* What a vocabulary callback is asked about. */
enum ind_vocab_kind {
	IND_VOC_SITE,
	IND_VOC_DOMAIN,
	IND_VOC_HELP_KIND,
	IND_VOC_PARTNER,
	IND_VOC_AUTONOMY,
	IND_VOC_CHANNEL,
	IND_VOC_SURVEY,
	IND_VOC__MAX
};

extern const char *const	ind_source_name[IND_SRC__MAX];
extern const char *const	ind_measure_name[IND_MEAS__MAX];
extern const char *const	ind_dim_name[IND_DIM__MAX];

struct ind_strs {
	size_t		 n;			/* 0: no condition */
	const char	*v[IND_LIST_MAX];	/* into the json_doc */
};

struct ind_answer_filter {
	const char	*question;
	struct ind_strs	 values;
};

struct ind_filter {
	struct ind_strs			dim[IND_DIM__MAX];
	int				followed_by_skills; /* -1 absent */
	size_t				nanswers;
	struct ind_answer_filter	answers[IND_ANSWERS_MAX];
};

struct indicator_def {
	enum ind_source		 source;
	enum ind_measure	 measure;
	const char		*survey;	/* NULL for visits */
	const char		*question;	/* NULL if none */
	struct ind_strs		 values;
	struct ind_filter	 filter;
	int			 has_base;
	struct ind_filter	 base;
	struct json_doc		 doc;		/* owns the strings */
};

enum ind_err {
	IND_OK,
	IND_ERR_JSON,		/* not JSON: detail is the parser's message */
	IND_ERR_TYPE,		/* wrong JSON type at path */
	IND_ERR_UNKNOWN_KEY,	/* a key the grammar does not have */
	IND_ERR_MISSING,	/* a required key is absent */
	IND_ERR_ENUM,		/* not one of the allowed words */
	IND_ERR_CODE,		/* not a well-formed code */
	IND_ERR_EMPTY,		/* an empty list or string */
	IND_ERR_TOO_MANY,	/* a list longer than the limit */
	IND_ERR_DUPLICATE,	/* the same item twice */
	IND_ERR_TOO_LONG,	/* a value longer than the limit */
	IND_ERR_SOURCE,		/* key not allowed with this source */
	IND_ERR_MEASURE,	/* key not allowed with this measure */
	IND_ERR_ANONYMOUS,	/* distinct people asked of anonymous answers */
	IND_ERR_NO_CONDITION,	/* a share of visits with no filter */
	IND_ERR_UNKNOWN_CODE,	/* vocabulary: no such site, domain… */
	IND_ERR_UNKNOWN_SURVEY,
	IND_ERR_UNKNOWN_QUESTION,
	IND_ERR_UNKNOWN_OPTION,	/* not an answer the question offers */
	IND_ERR_FREE_TEXT,	/* a free-text question cannot be counted */
	IND_ERR__MAX
};

struct ind_error {
	enum ind_err	code;
	char		path[80];	/* "filter.sites[1]" */
	char		detail[120];	/* the offending value, or a hint */
};

/* A question of a survey, as a vocabulary callback describes it. */
struct ind_question {
	int		 free_text;		/* text: not countable */
	size_t		 nopt;
	const char	*opt[IND_LIST_MAX];	/* the values it offers */
};

/*
 * Optional checks against the organisation's data. known() returns 1 if
 * code exists for kind; question() fills q and returns 1 if survey has
 * that question. Either may be NULL (the check is skipped).
 */
struct indicator_vocab {
	int	(*known)(void *, enum ind_vocab_kind, const char *);
	int	(*question)(void *, const char *, const char *,
		    struct ind_question *);
	void	 *arg;
};

struct sbuf;

int	indicator_parse(struct indicator_def *, const char *, size_t,
	    const struct indicator_vocab *, struct ind_error *);
void	indicator_free(struct indicator_def *);
char	*indicator_strerror(const struct ind_error *, enum lang, char *,
	    size_t);
int	indicator_filter_empty(const struct ind_filter *);
void	indicator_write_json(const struct indicator_def *, struct sbuf *);
void	indicator_describe(const struct indicator_def *, enum lang,
	    struct sbuf *);
int	indicator_survey_question(const struct json *, const char *,
	    struct ind_question *);

#endif
