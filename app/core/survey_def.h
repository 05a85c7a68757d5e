/*
 * survey_def – survey definitions and the answers people give to them.
 * Kore-free: linked by the module, mesure-admin, the unit tests and the
 * fuzz harnesses (tests/fuzz/fuzz_survey_def.c, fuzz_survey_answers.c).
 *
 * A definition is a JSON document (format 1, documented in
 * docs/surveys.md; the two shipped ones are conf/surveys/).
 * survey_parse() reads it strictly: every fault is reported with the
 * JSON path where it is ("questions[3].options[1].label.en: missing"),
 * unknown keys included, so a coordinator's typo is caught before any
 * respondent sees the survey.
 *
 * Answers come either from a form (field names are the question codes)
 * or from the JSON API ({"code": value}); both go through the same
 * checks (survey_answers.c, survey_check.c) and give the same canonical rows – the rows
 * stored in the answers table and hashed into responses.answers_sha256.
 *
 * Ownership: a struct survey owns its parsed document and everything it
 * points to; all its strings stay valid until survey_free(). A struct
 * survey_result points into the survey and into the input it was built
 * from: both must outlive it.
 */
#ifndef MESURE_SURVEY_DEF_H
#define MESURE_SURVEY_DEF_H

#include <stddef.h>

#include "json.h"
#include "sbuf.h"

#define SURVEY_FORMAT		1
#define SURVEY_LANGS_MAX	8
#define SURVEY_QUESTIONS_MAX	64
#define SURVEY_OPTIONS_MAX	32
/* A code is at most 41 bytes, so that code + "_autre" fits answers.question. */
#define SURVEY_CODE_MAX		41
#define SURVEY_TEXT_MAX		2000	/* answers.value */
#define SURVEY_DEF_MAX		(256 * 1024)	/* bytes of a definition */
#define SURVEY_ERRORS_MAX	20
#define SURVEY_COND_DEPTH	4
#define SURVEY_OTHER		"autre"	/* value of the "other" option */
#define SURVEY_OTHER_SUFFIX	"_autre" /* question of the "other" text */

enum survey_qtype {
	SQ_SMILEY,		/* five faces, "1" (very unhappy) .. "5" */
	SQ_YES_NO_DK,		/* "oui", "non", "nsp" */
	SQ_SINGLE,		/* one of the options */
	SQ_MULTIPLE,		/* any of the options */
	SQ_SCALE10,		/* "0" .. "10" */
	SQ_NUMBER,		/* a number within bounds */
	SQ_TEXT,		/* a short free text */
	SQ__MAX
};

extern const char *const	survey_qtype_name[SQ__MAX];

/* A text in each language of the survey (index = survey->langs). */
struct survey_text {
	const char	*s[SURVEY_LANGS_MAX];	/* into the JSON doc; NULL: absent */
};

struct survey_option {
	const char		*value;		/* into the doc, or a literal */
	const char		*icon;		/* pictogram name, or NULL */
	int			 exclusive;	/* cannot be combined (multiple) */
	int			 builtin;	/* label comes from the app (smiley…) */
	struct survey_text	 label;
};

enum survey_cond_op {
	SC_IN,			/* the answer is (or contains) one of values */
	SC_NOT_IN,		/* answered, and none of values */
	SC_ANSWERED,		/* answered (or, with negate, not answered) */
	SC_ALL,
	SC_ANY
};

struct survey_cond {
	enum survey_cond_op	 op;
	int			 question;	/* index, earlier question */
	int			 negate;	/* SC_ANSWERED: "answered": false */
	size_t			 nvalues;
	const char		**values;	/* owned array; strings in the doc */
	size_t			 nsub;
	struct survey_cond	*sub;		/* owned array */
};

struct survey_question {
	const char		*code;		/* into the doc */
	enum survey_qtype	 type;
	int			 required;
	struct survey_text	 label;
	struct survey_text	 help;		/* optional */
	struct survey_cond	*show_if;	/* owned, or NULL: always shown */

	/* Choices; for smiley, yes_no_dk and scale10, the built-in ones. */
	size_t			 noptions;
	struct survey_option	*options;	/* owned array */
	int			 other;		/* "other, please say" */
	int			 other_max_length;
	struct survey_text	 other_label;	/* optional */
	int			 min_choices;	/* multiple; 0: none */
	int			 max_choices;	/* multiple; 0: no limit */

	/* number */
	double			 min, max;
	int			 decimals;
	struct survey_text	 unit;		/* optional */

	/* text */
	int			 max_length;	/* characters */
	int			 multiline;

	/* scale10 */
	struct survey_text	 min_label, max_label;	/* optional */
};

struct survey_alloc;
struct survey_strs;

struct survey {
	int			 format;
	const char		*code;
	const char		*kind;		/* satisfaction, resultats, autre */
	size_t			 nlangs;
	const char		*langs[SURVEY_LANGS_MAX]; /* first: reference */
	struct survey_text	 title, intro, consent, thanks;
	int			 duration_minutes;	/* 0: estimate */
	int			 retention_months;	/* 0: not said */
	size_t			 nquestions;
	struct survey_question	*questions;	/* owned array */

	struct json_doc		 doc;		/* owned: the strings */
	struct survey_alloc	*allocs;	/* owned: the arrays */
};

/* What survey_parse() found wrong, one message per fault. */
struct survey_errors {
	size_t	n;			/* faults reported (≤ SURVEY_ERRORS_MAX) */
	int	truncated;		/* more faults than reported */
	char	msg[SURVEY_ERRORS_MAX][448];
};

/* An icon name -> does the pictogram exist? NULL accepts any name. */
typedef int	(*survey_icon_fn)(const char *);

int		 survey_parse(const char *, size_t, survey_icon_fn,
		    struct survey **, struct survey_errors *);
void		 survey_free(struct survey *);
int		 survey_lang_index(const struct survey *, const char *);
const char	*survey_text_get(const struct survey *,
		    const struct survey_text *, int);
int		 survey_question_index(const struct survey *, const char *);
int		 survey_duration(const struct survey *);
int		 survey_lang_rtl(const char *);
int		 survey_icon_exists(const char *);
const char	*survey_icon_svg(const char *, size_t *);

/*
 * Answers.
 */
enum survey_err {
	SE_NONE,
	SE_REQUIRED,		/* a required question left empty */
	SE_NOT_AN_OPTION,	/* a value that is not one of the choices */
	SE_ONE_ANSWER,		/* several values where one is expected */
	SE_EXCLUSIVE,		/* "none" ticked with other choices */
	SE_TOO_FEW,		/* param: min_choices */
	SE_TOO_MANY,		/* param: max_choices */
	SE_NOT_A_NUMBER,
	SE_BELOW_MIN,		/* param: the minimum */
	SE_ABOVE_MAX,		/* param: the maximum */
	SE_TOO_PRECISE,		/* param: decimals allowed */
	SE_TOO_LONG,		/* param: characters allowed */
	SE_BAD_CHARACTERS,	/* control characters in a text */
	SE_OTHER_CONFLICT,	/* an option chosen and "other" written */
	SE_UNKNOWN_QUESTION,	/* API: no such question */
	SE_BAD_TYPE,		/* API: an object, a boolean… */
	SE__MAX
};

extern const char *const	survey_err_code[SE__MAX];

#define SURVEY_VALUES_MAX	(SURVEY_OPTIONS_MAX + 1)

struct survey_answer {
	int		 visible;	/* shown, given the earlier answers */
	int		 answered;	/* has canonical values */
	int		 dropped;	/* given but hidden: not kept */

	/* As submitted (for refilling a form); not owned. */
	size_t		 nraw;
	const char	*raw[SURVEY_VALUES_MAX];
	const char	*raw_other;

	/* Canonical: option values, a number, a trimmed text; not owned. */
	size_t		 nval;
	const char	*val[SURVEY_VALUES_MAX];
	const char	*other;		/* the "other" text, or NULL */

	enum survey_err	 err;
	double		 param;
};

/* A key of an API body that is not a question (SE_UNKNOWN_QUESTION…). */
struct survey_keyerr {
	const char	*key;		/* into the input */
	enum survey_err	 err;
};

struct survey_result {
	const struct survey	*survey;
	struct survey_answer	*a;		/* owned; one per question */
	size_t			 nerrors;	/* questions with err */
	size_t			 ndropped;
	size_t			 nkeyerr;
	struct survey_keyerr	 keyerr[8];
	struct survey_strs	*strs;		/* owned: canonical texts */
};

/* One stored row: answers (question, ordinal, value, value_num). */
struct survey_row {
	char		 question[SURVEY_CODE_MAX + 8];
	int		 ordinal;
	const char	*value;		/* into the result */
	int		 numeric;	/* value is also value_num */
};

struct form;

int	 survey_result_init(struct survey_result *, const struct survey *);
void	 survey_result_free(struct survey_result *);
int	 survey_answers_form(struct survey_result *, const struct form *);
int	 survey_answers_json(struct survey_result *, const struct json *);
size_t	 survey_rows(const struct survey_result *, struct survey_row *,
	    size_t);
int	 survey_digest(const struct survey_result *, unsigned char [32]);
void	 survey_rows_json(const struct survey_result *, struct sbuf *);
int	 survey_cond_eval(const struct survey_result *,
	    const struct survey_cond *);
void	 survey_check_question(struct survey_result *, size_t);

/* Identifiers and tokens (survey_token.c). */
#define SURVEY_UUID_LEN		36
#define SURVEY_CODE_LEN		12	/* invitation code, without spaces */
#define SURVEY_TOKEN_LEN	43	/* device token: 32 bytes, base64url */

int	 survey_uuid_new(char [SURVEY_UUID_LEN + 1]);
int	 survey_uuid_norm(const char *, char [SURVEY_UUID_LEN + 1]);
int	 survey_code_new(char [SURVEY_CODE_LEN + 1]);
int	 survey_code_norm(const char *, char [SURVEY_CODE_LEN + 1]);
void	 survey_code_pretty(const char *, char [SURVEY_CODE_LEN + 3]);
int	 survey_token_new(char [SURVEY_TOKEN_LEN + 1]);
int	 survey_token_valid(const char *);
void	 survey_sha256_hex(const void *, size_t, char [65]);
void	 survey_hex(const unsigned char *, size_t, char *);
int	 survey_time_parse(const char *, long long *);

#endif
