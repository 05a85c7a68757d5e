/*
 * survey: the definition parser (app/core/survey.c). The shipped surveys
 * parse; every rule of docs/surveys.md refuses what it should, with the
 * JSON path of the fault in the message a coordinator reads.
 */
#include <stdio.h>
#include <stdlib.h>

#include "survey_def.h"
#include "unit.h"

static char	*slurp(const char *, size_t *);
static int	 fault(const char *, const char *);

/* A minimal valid survey with the placeholder QS for its questions. */
#define HEAD	"{\"format\": 1, \"code\": \"tt\", \"languages\": [\"fr\", \"en\"]," \
		" \"title\": {\"fr\": \"T\", \"en\": \"T\"}," \
		" \"consent\": {\"fr\": \"C\", \"en\": \"C\"}, \"questions\": ["
#define TAIL	"]}"
#define LBL	"\"label\": {\"fr\": \"Q\", \"en\": \"Q\"}"
#define OPT(v)	"{\"value\": \"" v "\", \"label\": {\"fr\": \"" v "\", \"en\": \"" v "\"}}"

static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "rb")) == NULL)
		return (NULL);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		free(buf);
		return (NULL);
	}
	buf[n] = '\0';
	*len = (size_t)n;
	fclose(fp);
	return (buf);
}

/*
 * Does the definition fail with a message containing want? Prints every
 * message when it does not, so a failing check says what was reported.
 */
static int
fault(const char *def, const char *want)
{
	struct survey		*s;
	struct survey_errors	 e;
	size_t			 i;

	if (survey_parse(def, strlen(def), survey_icon_exists, &s, &e) == 0) {
		survey_free(s);
		printf("  accepted, expected \"%s\"\n", want);
		return (0);
	}
	/* The message starts with the fault's whole path: a path with a
	 * stray prefix ("languages.questions[0]…") is a fault too. */
	for (i = 0; i < e.n; i++)
		if (strncmp(e.msg[i], want, strlen(want)) == 0)
			return (1);
	for (i = 0; i < e.n; i++)
		printf("  got: %s\n", e.msg[i]);
	return (0);
}

static int
accepts(const char *def)
{
	struct survey		*s;
	struct survey_errors	 e;
	size_t			 i;

	if (survey_parse(def, strlen(def), survey_icon_exists, &s, &e) == -1) {
		for (i = 0; i < e.n; i++)
			printf("  refused: %s\n", e.msg[i]);
		return (0);
	}
	survey_free(s);
	return (1);
}

int
main(void)
{
	struct survey		*s;
	struct survey_errors	 e;
	const struct survey_question *q;
	char			*text;
	size_t			 len;
	int			 qi;

	/* The shipped definitions. */
	text = slurp("conf/surveys/satisfaction.json", &len);
	CHECK(text != NULL, "conf/surveys/satisfaction.json readable (run from the root)");
	if (text != NULL) {
		CHECK(survey_parse(text, len, survey_icon_exists, &s, &e) == 0,
		    "satisfaction parses: %s", e.n ? e.msg[0] : "");
		if (e.n == 0) {
			CHECK_STR(s->code, "satisfaction");
			CHECK_STR(s->kind, "satisfaction");
			CHECK_INT(s->nlangs, 2);
			CHECK_STR(s->langs[0], "fr");
			CHECK_INT(s->nquestions, 11);
			CHECK_STR(survey_text_get(s, &s->title, 1),
			    "Your opinion of the Digilab");
			qi = survey_question_index(s, "difficulte");
			CHECK_INT(qi, 3);
			q = &s->questions[qi];
			CHECK_INT(q->type, SQ_MULTIPLE);
			CHECK(q->other, "difficulte has other");
			CHECK(q->show_if != NULL && q->show_if->op == SC_IN &&
			    q->show_if->question == 2, "difficulte show_if");
			q = &s->questions[survey_question_index(s, "accueil")];
			CHECK_INT(q->noptions, 5);
			CHECK_STR(q->options[4].value, "5");
			CHECK_STR(q->options[4].icon, "smiley-5");
			q = &s->questions[survey_question_index(s, "domaine")];
			CHECK_INT(q->noptions, 10);
			CHECK_STR(q->options[0].icon, "domain-papiers");
			CHECK_INT(survey_duration(s), s->duration_minutes ?
			    s->duration_minutes : 3);
			survey_free(s);
		}
		free(text);
	}
	text = slurp("conf/surveys/resultats.json", &len);
	CHECK(text != NULL, "conf/surveys/resultats.json readable");
	if (text != NULL) {
		CHECK(survey_parse(text, len, survey_icon_exists, &s, &e) == 0,
		    "resultats parses: %s", e.n ? e.msg[0] : "");
		if (e.n == 0) {
			q = &s->questions[survey_question_index(s, "frein_leve")];
			CHECK(q->options[q->noptions - 1].exclusive,
			    "aucun is exclusive");
			survey_free(s);
		}
		free(text);
	}

	/* The smallest survey, and each question type. */
	CHECK(accepts(HEAD "{\"code\": \"a\", \"type\": \"smiley\", " LBL "}" TAIL),
	    "minimal survey");
	CHECK(accepts(HEAD
	    "{\"code\": \"a\", \"type\": \"number\", \"min\": 0, \"max\": 120, "
	    "\"decimals\": 1, \"unit\": {\"fr\": \"ans\", \"en\": \"years\"}, " LBL "},"
	    "{\"code\": \"b\", \"type\": \"text\", \"max_length\": 80, "
	    "\"multiline\": true, " LBL "},"
	    "{\"code\": \"c\", \"type\": \"scale10\", \"min_label\": "
	    "{\"fr\": \"non\", \"en\": \"no\"}, " LBL "},"
	    "{\"code\": \"d\", \"type\": \"multiple\", \"min_choices\": 1, "
	    "\"max_choices\": 2, \"other\": true, \"options\": [" OPT("x") ","
	    OPT("y") "], " LBL ", \"show_if\": {\"any\": [{\"question\": \"c\", "
	    "\"in\": [\"9\", \"10\"]}, {\"question\": \"a\", \"answered\": false}]}}"
	    TAIL), "every type");
	CHECK(accepts(HEAD "{\"code\": \"a\", \"type\": \"single\", \"options\": "
	    "[" OPT("x") "," OPT("y") "], \"other\": true, " LBL "},"
	    "{\"code\": \"b\", \"type\": \"yes_no_dk\", " LBL ", \"show_if\": "
	    "{\"question\": \"a\", \"in\": [\"autre\"]}}" TAIL),
	    "a condition on the other choice");

	/* JSON and the top level. */
	CHECK(fault("{\"format\": 1,}", "definition: JSON: expected a key in quotes at line 1"),
	    "syntax error with its position");
	CHECK(fault("[]", "definition: must be a JSON object"), "root");
	CHECK(fault("{}", "format: missing"), "format missing");
	CHECK(fault("{\"format\": 2}", "format: must be 1"), "format 2");
	CHECK(fault("{\"format\": 1, \"code\": \"Bad Code\"}", "code: must be"),
	    "code");
	CHECK(fault("{\"format\": 1, \"tilte\": {}}",
	    "tilte: unknown key (did you mean \"title\"?)"), "typo suggested");
	CHECK(fault("{\"format\": 1, \"kind\": \"x\"}", "kind: must be"), "kind");
	CHECK(fault("{\"format\": 1, \"languages\": []}", "languages: must be a list"),
	    "no language");
	CHECK(fault("{\"format\": 1, \"languages\": [\"fr\", \"fr\"]}",
	    "languages[1]: \"fr\" is listed twice"), "language twice");
	CHECK(fault("{\"format\": 1, \"languages\": [\"FR\"]}",
	    "languages[0]: must be a two-letter"), "language case");
	CHECK(fault(HEAD TAIL, "questions: must be a list of 1 to"), "no question");
	CHECK(fault("{\"format\": 1, \"code\": \"tt\", \"languages\": [\"fr\", \"en\"],"
	    " \"title\": {\"fr\": \"T\"}}", "title.en: missing"), "title.en missing");
	CHECK(fault("{\"format\": 1, \"code\": \"t\", \"languages\": [\"fr\"],"
	    " \"title\": {\"fr\": \"T\", \"de\": \"T\"}}",
	    "title.de: not a language of this survey"), "extra language");
	CHECK(fault("{\"format\": 1, \"code\": \"t\", \"languages\": [\"fr\"],"
	    " \"title\": {\"fr\": \"  \"}}", "title.fr: empty text"), "blank title");
	CHECK(fault("{\"format\": 1, \"code\": \"t\", \"languages\": [\"fr\"],"
	    " \"title\": {\"fr\": \"a\\u0007b\"}}", "title.fr: control character"),
	    "control character");
	CHECK(fault("{\"format\": 1, \"code\": \"t\", \"languages\": [\"fr\"],"
	    " \"title\": \"T\"}", "title: must be an object with one text per"),
	    "title not localised");
	CHECK(fault("{\"format\": 1, \"duration_minutes\": 0}",
	    "duration_minutes: must be a whole number from 1 to 60"), "duration");

	/* Questions. */
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"smiley\"}" TAIL,
	    "questions[0].label: missing"), "label missing");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"smiley\", " LBL "},"
	    "{\"code\": \"a\", \"type\": \"smiley\", " LBL "}" TAIL,
	    "questions[1].code: \"a\" is used by an earlier question"),
	    "duplicate code");
	CHECK(fault(HEAD "{\"code\": \"1a\", \"type\": \"smiley\", " LBL "}" TAIL,
	    "questions[0].code: must be"), "code starts with a digit");
	CHECK(fault(HEAD "{\"code\": \"x_autre\", \"type\": \"smiley\", " LBL "}" TAIL,
	    "questions[0].code: must be"), "reserved suffix");
	CHECK(fault(HEAD "{\"code\": \"a234567890123456789012345678901234567890ab\","
	    " \"type\": \"smiley\", " LBL "}" TAIL, "questions[0].code: must be"),
	    "code too long");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"stars\", " LBL "}" TAIL,
	    "questions[0].type: unknown type \"stars\""), "unknown type");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"smiley\", \"requierd\": true, "
	    LBL "}" TAIL, "questions[0].requierd: unknown key (did you mean "
	    "\"required\"?)"), "typo in a question");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"smiley\", \"required\": 1, "
	    LBL "}" TAIL, "questions[0].required: must be true or false"),
	    "required not a boolean");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"smiley\", \"options\": [], "
	    LBL "}" TAIL, "questions[0].options: not allowed for a smiley"),
	    "options on a smiley");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"single\", " LBL "}" TAIL,
	    "questions[0].options: missing"), "single without options");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"single\", \"options\": ["
	    OPT("x") "], " LBL "}" TAIL, "questions[0].options: must be a list of 2"),
	    "one option");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"single\", \"options\": ["
	    OPT("x") ", {\"value\": \"y\", \"label\": {\"fr\": \"y\"}}], " LBL "}" TAIL,
	    "questions[0].options[1].label.en: missing"), "option label language");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"single\", \"options\": ["
	    OPT("x") "," OPT("x") "], " LBL "}" TAIL,
	    "questions[0].options[1].value: \"x\" is used twice"), "option twice");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"single\", \"options\": ["
	    OPT("x") "," OPT("Y") "], " LBL "}" TAIL,
	    "questions[0].options[1].value: must be"), "option value case");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"single\", \"other\": true, "
	    "\"options\": [" OPT("x") "," OPT("autre") "], " LBL "}" TAIL,
	    "questions[0].options[1].value: \"autre\" is the value of the"),
	    "autre reserved");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"single\", \"options\": ["
	    OPT("x") ", {\"value\": \"y\", \"icon\": \"unicorn\", \"label\": "
	    "{\"fr\": \"y\", \"en\": \"y\"}}], " LBL "}" TAIL,
	    "questions[0].options[1].icon: no pictogram \"unicorn\""),
	    "unknown pictogram");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"single\", \"options\": ["
	    OPT("x") ", {\"value\": \"y\", \"exclusive\": true, \"label\": "
	    "{\"fr\": \"y\", \"en\": \"y\"}}], " LBL "}" TAIL,
	    "questions[0].options[1].exclusive: only for a multiple-choice"),
	    "exclusive on a single choice");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"multiple\", "
	    "\"min_choices\": 2, \"max_choices\": 1, \"options\": [" OPT("x") ","
	    OPT("y") "], " LBL "}" TAIL, "questions[0].min_choices: is more than"),
	    "min above max");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"multiple\", "
	    "\"max_choices\": 3, \"options\": [" OPT("x") "," OPT("y") "], " LBL "}"
	    TAIL, "questions[0].max_choices: must be a whole number from 1 to 2"),
	    "max above the choices");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"number\", " LBL "}" TAIL,
	    "questions[0].min: missing"), "number without bounds");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"number\", \"min\": 5, "
	    "\"max\": 5, " LBL "}" TAIL, "questions[0].max: must be more than min"),
	    "empty range");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"number\", \"min\": 0, "
	    "\"max\": 5, \"decimals\": 4, " LBL "}" TAIL,
	    "questions[0].decimals: must be a whole number from 0 to 3"),
	    "decimals");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"text\", " LBL "}" TAIL,
	    "questions[0].max_length: missing"), "text without bound");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"text\", \"max_length\": "
	    "2001, " LBL "}" TAIL, "questions[0].max_length: must be a whole "
	    "number from 1 to 2000"), "text bound too big");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"text\", \"max_length\": 9, "
	    "\"min\": 1, " LBL "}" TAIL, "questions[0].min: not allowed for a text"),
	    "min on a text");

	/* Conditions. */
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"smiley\", " LBL ", "
	    "\"show_if\": {\"question\": \"b\", \"in\": [\"1\"]}},"
	    "{\"code\": \"b\", \"type\": \"smiley\", " LBL "}" TAIL,
	    "questions[0].show_if.question: \"b\" is not an earlier question"),
	    "forward reference");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"smiley\", " LBL ", "
	    "\"show_if\": {\"question\": \"a\", \"in\": [\"1\"]}}" TAIL,
	    "questions[0].show_if.question: a question cannot depend on itself"),
	    "self reference");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"yes_no_dk\", " LBL "},"
	    "{\"code\": \"b\", \"type\": \"smiley\", " LBL ", \"show_if\": "
	    "{\"question\": \"a\", \"in\": [\"yes\"]}}" TAIL,
	    "questions[1].show_if.in[0]: \"yes\" is not an answer of \"a\""),
	    "condition value");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"text\", \"max_length\": 9, "
	    LBL "}, {\"code\": \"b\", \"type\": \"smiley\", " LBL ", \"show_if\": "
	    "{\"question\": \"a\", \"in\": [\"x\"]}}" TAIL,
	    "questions[1].show_if.in: \"a\" is a text question: "
	    "only \"answered\" can test it"), "in on a text");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"yes_no_dk\", " LBL "},"
	    "{\"code\": \"b\", \"type\": \"smiley\", " LBL ", \"show_if\": "
	    "{\"question\": \"a\"}}" TAIL, "questions[1].show_if: needs exactly one of \"in\""),
	    "condition without a test");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"yes_no_dk\", " LBL "},"
	    "{\"code\": \"b\", \"type\": \"smiley\", " LBL ", \"show_if\": "
	    "{\"all\": [{\"all\": [{\"all\": [{\"all\": [{\"question\": \"a\", "
	    "\"answered\": true}]}]}]}]}}" TAIL,
	    "questions[1].show_if.all[0].all[0].all[0].all[0]: "
	    "conditions nested more than 4 deep"),
	    "deep condition");
	CHECK(fault(HEAD "{\"code\": \"a\", \"type\": \"yes_no_dk\", " LBL "},"
	    "{\"code\": \"b\", \"type\": \"smiley\", " LBL ", \"show_if\": "
	    "{\"all\": [{\"question\": \"a\", \"in\": [\"oui\"], \"quest\": 1}]}}"
	    TAIL, "questions[1].show_if.all[0].quest: unknown key"),
	    "path inside all");

	/* Several faults are all reported. */
	CHECK(survey_parse(HEAD "{\"code\": \"A\", \"type\": \"x\"}" TAIL,
	    strlen(HEAD "{\"code\": \"A\", \"type\": \"x\"}" TAIL), NULL, &s,
	    &e) == -1 && e.n >= 3, "three faults at once (%zu)", e.n);

	/* Helpers. */
	CHECK(survey_lang_rtl("ar") && !survey_lang_rtl("fr"), "rtl");
	CHECK(survey_icon_exists("smiley-3") && !survey_icon_exists("../x"),
	    "icons");

	UNIT_END();
}
