/*
 * indicator: every definition shipped (catalogue, demo) is valid; each
 * kind of mistake gets its own error at the right path, in French and in
 * English; the canonical form and the plain-words description. The
 * vocabulary comes from the shipped surveys (the JSON files of conf/surveys, read
 * from the working directory: tests/run.sh runs from the top).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicator.h"
#include "json.h"
#include "sbuf.h"
#include "unit.h"

static struct json_doc	sat_doc, res_doc;

static int
vocab_known(void *arg, enum ind_vocab_kind k, const char *code)
{
	static const char *const sites[] = {
		"blossieres", "centre", "argonne", "la-source", NULL
	};
	static const char *const domains[] = {
		"papiers-citoyennete", "famille", "social-sante", "travail",
		"logement", "transports", "argent", "justice", "etranger",
		"loisirs", NULL
	};
	static const char *const help[] = {
		"information", "accompagnement", "faire-a-la-place",
		"orientation", NULL
	};
	static const char *const partners[] = {
		"caf", "france-travail", "prefecture", "ccas", "cpam",
		"mairie", "france-services", "espace-numerique", "autre", NULL
	};
	static const char *const surveys[] = {
		"satisfaction", "resultats", NULL
	};
	const char *const	*list;
	size_t			 i;

	(void)arg;
	switch (k) {
	case IND_VOC_SITE:
		list = sites;
		break;
	case IND_VOC_DOMAIN:
		list = domains;
		break;
	case IND_VOC_HELP_KIND:
		list = help;
		break;
	case IND_VOC_PARTNER:
		list = partners;
		break;
	case IND_VOC_SURVEY:
		list = surveys;
		break;
	default:
		return (1);
	}
	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], code) == 0)
			return (1);
	return (0);
}

static int
vocab_question(void *arg, const char *survey, const char *q,
    struct ind_question *out)
{
	(void)arg;
	if (strcmp(survey, "satisfaction") == 0)
		return (indicator_survey_question(sat_doc.root, q, out));
	if (strcmp(survey, "resultats") == 0)
		return (indicator_survey_question(res_doc.root, q, out));
	return (0);
}

static const struct indicator_vocab vocab = {
	vocab_known, vocab_question, NULL
};

static int
load(struct json_doc *doc, const char *path)
{
	FILE	*f;
	char	*buf;
	long	 n;
	int	 rc;

	if ((f = fopen(path, "rb")) == NULL)
		return (-1);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return (-1);
	}
	fclose(f);
	rc = json_parse(doc, buf, (size_t)n);
	free(buf);
	return (rc);
}

/* Every definition of 0002 (catalogue) and of the demo. */
static const char *const shipped[] = {
	"{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"autres_demarches_seul\", \"values\": [\"oui\"]}",
	"{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"droit_obtenu\", \"values\": [\"oui\"]}",
	"{\"source\": \"survey\", \"survey\": \"satisfaction\", \"measure\": \"count\", \"question\": \"rassure\", \"values\": [\"oui\"]}",
	"{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"frein_leve\", \"values\": [\"sante\", \"mobilite\", \"emploi\", \"logement\", \"argent\"]}",
	"{\"source\": \"visits\", \"measure\": \"distinct_beneficiaries\", \"filter\": {\"partner\": [\"espace-numerique\"], \"followed_by_skills\": true}}",
	"{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"share\", \"question\": \"confiance_numerique\", \"values\": [\"4\", \"5\"]}",
	"{\"source\": \"visits\", \"measure\": \"distinct_beneficiaries\", \"filter\": {\"sites\": [\"blossieres\", \"argonne\", \"la-source\"]}}",
	"{\"source\": \"visits\", \"measure\": \"share\", \"filter\": {\"help_kind\": [\"faire-a-la-place\"]}}",
	"{\"source\": \"visits\", \"measure\": \"count\", \"filter\": {\"domains\": [\"famille\", \"logement\"]}}",
	"{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"share\", \"question\": \"compte_en_ligne\", \"values\": [\"oui\"]}",
	"{\"source\": \"visits\", \"measure\": \"distinct_beneficiaries\"}",
	"{\"source\": \"survey\", \"survey\": \"satisfaction\", \"measure\": \"share\", \"question\": \"autonome\", \"values\": [\"oui\"]}",
	/* Attribution: the right obtained thanks to the service. */
	"{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"droit_obtenu\", \"values\": [\"oui\"], \"filter\": {\"answers\": {\"sans_digilab\": [\"non\"]}}}",
	"{\"source\": \"visits\", \"measure\": \"share\", \"filter\": {\"autonomy\": [\"seul\"]}, \"base\": {\"sites\": [\"la-source\"]}}",
};

static void
test_shipped(void)
{
	struct indicator_def	def;
	struct ind_error	err;
	struct sbuf		sb;
	size_t			i;
	char			msg[256];

	for (i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		int rc = indicator_parse(&def, shipped[i], strlen(shipped[i]),
		    &vocab, &err);

		CHECK(rc == 0, "shipped definition %zu refused: %s", i,
		    indicator_strerror(&err, LANG_EN, msg, sizeof(msg)));
		if (rc != 0)
			continue;
		/* The canonical form is the text as stored by jsonb. */
		sbuf_init(&sb);
		indicator_write_json(&def, &sb);
		CHECK_STR(sb.data, shipped[i]);
		sbuf_free(&sb);
		indicator_free(&def);
	}
}

struct bad {
	const char	*json;
	enum ind_err	 code;
	const char	*path;
	const char	*detail;
};

static const struct bad bad[] = {
	{ "{\"source\": \"visits\",", IND_ERR_JSON, "", NULL },
	{ "[]", IND_ERR_TYPE, "definition", NULL },
	{ "{\"measure\": \"count\"}", IND_ERR_MISSING, "definition", "source" },
	{ "{\"source\": \"visites\", \"measure\": \"count\"}", IND_ERR_ENUM,
	  "source", "visites" },
	{ "{\"source\": \"visits\"}", IND_ERR_MISSING, "definition", "measure" },
	{ "{\"source\": \"visits\", \"measure\": \"sum\"}", IND_ERR_ENUM,
	  "measure", "sum" },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"colour\": 1}",
	  IND_ERR_UNKNOWN_KEY, "definition", "colour" },
	{ "{\"source\": \"survey\", \"measure\": \"count\"}", IND_ERR_MISSING,
	  "definition", "survey" },
	{ "{\"source\": \"survey\", \"survey\": \"Résultats\", \"measure\": \"count\"}",
	  IND_ERR_CODE, "survey", "Résultats" },
	{ "{\"source\": \"survey\", \"survey\": \"avis\", \"measure\": \"count\"}",
	  IND_ERR_UNKNOWN_SURVEY, "survey", "avis" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"distinct_beneficiaries\"}",
	  IND_ERR_ANONYMOUS, "measure", NULL },
	{ "{\"source\": \"visits\", \"survey\": \"resultats\", \"measure\": \"count\"}",
	  IND_ERR_SOURCE, "survey", "visits" },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"question\": \"age\", \"values\": [\"x\"]}",
	  IND_ERR_SOURCE, "question", "visits" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"share\"}",
	  IND_ERR_MISSING, "definition", "question" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"droit_obtenu\"}",
	  IND_ERR_MISSING, "definition", "values" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"values\": [\"oui\"]}",
	  IND_ERR_MISSING, "definition", "question" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"droit_obtenu\", \"values\": []}",
	  IND_ERR_EMPTY, "values", NULL },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"droit_obtenu\", \"values\": [\"oui\", \"oui\"]}",
	  IND_ERR_DUPLICATE, "values[1]", "oui" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"droit_obtenu\", \"values\": [\"oui\", 3]}",
	  IND_ERR_TYPE, "values[1]", NULL },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"droit_obtenu\", \"values\": [\"peut-etre\"]}",
	  IND_ERR_UNKNOWN_OPTION, "values[0]", "peut-etre" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"droit\", \"values\": [\"oui\"]}",
	  IND_ERR_UNKNOWN_QUESTION, "question", "droit" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"commentaire\", \"values\": [\"merci\"]}",
	  IND_ERR_FREE_TEXT, "question", "commentaire" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"question\": \"Droit\", \"values\": [\"oui\"]}",
	  IND_ERR_CODE, "question", "Droit" },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"filter\": {\"sites\": [\"la-source\", \"nulle-part\"]}}",
	  IND_ERR_UNKNOWN_CODE, "filter.sites[1]", "nulle-part" },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"filter\": {\"sites\": \"la-source\"}}",
	  IND_ERR_TYPE, "filter.sites", NULL },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"filter\": {\"site\": [\"la-source\"]}}",
	  IND_ERR_UNKNOWN_KEY, "filter", "site" },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"filter\": {\"domains\": [\"Famille\"]}}",
	  IND_ERR_CODE, "filter.domains[0]", "Famille" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"filter\": {\"partner\": [\"caf\"]}}",
	  IND_ERR_SOURCE, "filter.partner", "survey" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"filter\": {\"followed_by_skills\": true}}",
	  IND_ERR_SOURCE, "filter.followed_by_skills", "survey" },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"filter\": {\"followed_by_skills\": 1}}",
	  IND_ERR_TYPE, "filter.followed_by_skills", NULL },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"filter\": {\"answers\": {\"rassure\": [\"oui\"]}}}",
	  IND_ERR_SOURCE, "filter.answers", "visits" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"filter\": {\"answers\": {\"sans_digilab\": [\"jamais\"]}}}",
	  IND_ERR_UNKNOWN_OPTION, "filter.answers.sans_digilab[0]", "jamais" },
	{ "{\"source\": \"survey\", \"survey\": \"resultats\", \"measure\": \"count\", \"filter\": {\"answers\": {}}}",
	  IND_ERR_EMPTY, "filter.answers", NULL },
	{ "{\"source\": \"visits\", \"measure\": \"share\"}",
	  IND_ERR_NO_CONDITION, "filter", NULL },
	{ "{\"source\": \"visits\", \"measure\": \"count\", \"base\": {\"sites\": [\"centre\"]}}",
	  IND_ERR_MEASURE, "base", "count" },
	{ "{\"source\": \"visits\", \"measure\": \"share\", \"filter\": {\"help_kind\": [\"information\"]}, \"base\": {\"help_kind\": [\"aide\"]}}",
	  IND_ERR_UNKNOWN_CODE, "base.help_kind[0]", "aide" },
};

static void
test_bad(void)
{
	struct indicator_def	def;
	struct ind_error	err;
	size_t			i;
	char			msg[256];

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = indicator_parse(&def, bad[i].json,
		    strlen(bad[i].json), &vocab, &err);

		CHECK(rc == -1, "bad %zu accepted", i);
		if (rc != -1) {
			indicator_free(&def);
			continue;
		}
		CHECK(err.code == bad[i].code, "bad %zu: code %d, want %d (%s)",
		    i, err.code, bad[i].code,
		    indicator_strerror(&err, LANG_EN, msg, sizeof(msg)));
		CHECK(strcmp(err.path, bad[i].path) == 0,
		    "bad %zu: path \"%s\", want \"%s\"", i, err.path,
		    bad[i].path);
		if (bad[i].detail != NULL)
			CHECK(strcmp(err.detail, bad[i].detail) == 0,
			    "bad %zu: detail \"%s\", want \"%s\"", i,
			    err.detail, bad[i].detail);
	}
}

static void
test_messages(void)
{
	struct indicator_def	def;
	struct ind_error	err;
	const char		*j;
	char			msg[256];

	j = "{\"source\": \"visits\", \"measure\": \"count\", \"filter\": "
	    "{\"sites\": [\"la-source\", \"nulle-part\"]}}";
	CHECK(indicator_parse(&def, j, strlen(j), &vocab, &err) == -1, "bad");
	CHECK_STR(indicator_strerror(&err, LANG_FR, msg, sizeof(msg)),
	    "filter.sites[1] : « nulle-part » n'existe pas");
	CHECK_STR(indicator_strerror(&err, LANG_EN, msg, sizeof(msg)),
	    "filter.sites[1]: \"nulle-part\" does not exist");
	j = "{\"source\": \"survey\", \"survey\": \"resultats\", "
	    "\"measure\": \"distinct_beneficiaries\"}";
	CHECK(indicator_parse(&def, j, strlen(j), &vocab, &err) == -1, "bad");
	CHECK(strstr(indicator_strerror(&err, LANG_FR, msg, sizeof(msg)),
	    "anonymes") != NULL, "anonymous explained: %s", msg);
	j = "{\"source\": ";
	CHECK(indicator_parse(&def, j, strlen(j), &vocab, &err) == -1, "bad");
	CHECK(strncmp(indicator_strerror(&err, LANG_FR, msg, sizeof(msg)),
	    "definition : ce n'est pas du JSON valide (", 42) == 0,
	    "json: %s", msg);

	/* Without a vocabulary only the grammar is checked. */
	j = "{\"source\": \"visits\", \"measure\": \"count\", \"filter\": "
	    "{\"sites\": [\"ailleurs\"]}}";
	CHECK(indicator_parse(&def, j, strlen(j), NULL, &err) == 0,
	    "no vocabulary");
	indicator_free(&def);
}

static void
test_describe(void)
{
	struct indicator_def	def;
	struct ind_error	err;
	struct sbuf		sb;
	const char		*j;

	j = shipped[12];
	CHECK(indicator_parse(&def, j, strlen(j), &vocab, &err) == 0, "ok");
	sbuf_init(&sb);
	indicator_describe(&def, LANG_FR, &sb);
	CHECK_STR(sb.data, "Nombre de réponses à l'enquête « resultats » "
	    "dont la réponse à « droit_obtenu » est « oui » ; réponse à "
	    "« sans_digilab » : « non »");
	sbuf_reset(&sb);
	indicator_describe(&def, LANG_EN, &sb);
	CHECK_STR(sb.data, "Number of responses to the \"resultats\" survey "
	    "whose answer to \"droit_obtenu\" is \"oui\" ; answer to "
	    "\"sans_digilab\": \"non\"");
	indicator_free(&def);

	j = shipped[6];
	CHECK(indicator_parse(&def, j, strlen(j), &vocab, &err) == 0, "ok");
	sbuf_reset(&sb);
	indicator_describe(&def, LANG_FR, &sb);
	CHECK_STR(sb.data, "Nombre de personnes distinctes (carte de suivi) "
	    "parmi les visites ; site « blossieres », « argonne » ou "
	    "« la-source »");
	indicator_free(&def);

	j = shipped[7];
	CHECK(indicator_parse(&def, j, strlen(j), &vocab, &err) == 0, "ok");
	sbuf_reset(&sb);
	indicator_describe(&def, LANG_FR, &sb);
	CHECK_STR(sb.data, "Part des visites ; type d'aide "
	    "« faire-a-la-place » — parmi toutes les visites");
	indicator_free(&def);
	sbuf_free(&sb);
}

int
main(void)
{
	if (load(&sat_doc, "conf/surveys/satisfaction.json") == -1 ||
	    load(&res_doc, "conf/surveys/resultats.json") == -1) {
		printf("FAIL cannot read conf/surveys/*.json (run from the "
		    "top of the tree)\n");
		printf("0 passed, 1 failed\n");
		return (1);
	}
	test_shipped();
	test_bad();
	test_messages();
	test_describe();
	json_free(&sat_doc);
	json_free(&res_doc);
	UNIT_END();
}
