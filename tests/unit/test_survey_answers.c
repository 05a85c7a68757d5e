/*
 * survey answers: the checks a respondent meets (app/core/
 * survey_answers.c, survey_check.c), the canonical rows and their digest, for the form
 * and for the JSON API alike.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "form.h"
#include "survey_def.h"
#include "unit.h"

static struct survey	*sat, *res, *num;

static struct survey *
load(const char *path)
{
	struct survey		*s;
	struct survey_errors	 e;
	FILE			*fp;
	char			 buf[65536];
	size_t			 n;

	if ((fp = fopen(path, "rb")) == NULL)
		return (NULL);
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	if (survey_parse(buf, n, survey_icon_exists, &s, &e) == -1)
		return (NULL);
	return (s);
}

/* Check a form body against s into r (which the caller frees). */
static int
form_check(struct survey *s, const char *body, struct survey_result *r,
    struct form *f)
{
	char	err[64];

	if (form_parse(f, body, strlen(body), 0, err, sizeof(err)) == -1)
		return (-1);
	survey_result_init(r, s);
	return (survey_answers_form(r, f));
}

/* The error of question code after checking body, as its API code. */
static const char *
err_of(struct survey *s, const char *body, const char *code)
{
	static char		 out[32];
	struct survey_result	 r;
	struct form		 f;
	int			 qi;

	if (form_check(s, body, &r, &f) == -1)
		return ("(form refused)");
	qi = survey_question_index(s, code);
	snprintf(out, sizeof(out), "%s", qi < 0 ? "(no question)" :
	    r.a[qi].err == SE_NONE ? "ok" : survey_err_code[r.a[qi].err]);
	survey_result_free(&r);
	form_free(&f);
	return (out);
}

/* The canonical values of code after checking body, joined by '|'. */
static const char *
vals_of(struct survey *s, const char *body, const char *code)
{
	static char		 out[256];
	struct survey_result	 r;
	struct form		 f;
	size_t			 i;
	int			 qi;

	out[0] = '\0';
	if (form_check(s, body, &r, &f) == -1)
		return ("(form refused)");
	qi = survey_question_index(s, code);
	if (qi >= 0 && r.a[qi].err != SE_NONE)
		snprintf(out, sizeof(out), "!%s", survey_err_code[r.a[qi].err]);
	else if (qi >= 0) {
		for (i = 0; i < r.a[qi].nval; i++) {
			if (i > 0)
				strcat(out, "|");
			strncat(out, r.a[qi].val[i], 60);
		}
		if (r.a[qi].dropped)
			strcat(out, "(dropped)");
	}
	survey_result_free(&r);
	form_free(&f);
	return (out);
}

static const char *
json_err(struct survey *s, const char *answers, const char *key)
{
	static char		 out[64];
	struct json_doc		 d;
	struct survey_result	 r;
	size_t			 i;
	int			 qi;

	if (json_parse(&d, answers, strlen(answers)) == -1)
		return ("(bad json)");
	survey_result_init(&r, s);
	(void)survey_answers_json(&r, d.root);
	snprintf(out, sizeof(out), "ok");
	for (i = 0; i < r.nkeyerr; i++)
		if (strcmp(r.keyerr[i].key, key) == 0)
			snprintf(out, sizeof(out), "%s",
			    survey_err_code[r.keyerr[i].err]);
	qi = survey_question_index(s, key);
	if (qi >= 0 && r.a[qi].err != SE_NONE)
		snprintf(out, sizeof(out), "%s", survey_err_code[r.a[qi].err]);
	survey_result_free(&r);
	json_free(&d);
	return (out);
}

#define SAT_OK	"accueil=5&explications=4&demarche_reussie=oui&autonome=nsp" \
		"&rassure=oui"

int
main(void)
{
	struct survey_result	 r, r2;
	struct survey_row	 rows[64];
	struct survey_errors	 e;
	struct form		 f, f2;
	struct json_doc		 d;
	struct sbuf		 sb;
	unsigned char		 dg[32], dg2[32], want[32];
	const char		*lines, *numdef;
	size_t			 n;
	char			 big[3200], body[4000];
	int			 i;

	sat = load("conf/surveys/satisfaction.json");
	res = load("conf/surveys/resultats.json");
	CHECK(sat != NULL && res != NULL, "shipped surveys load");
	if (sat == NULL || res == NULL)
		UNIT_END();
	numdef = "{\"format\": 1, \"code\": \"nb\", \"languages\": [\"fr\"],"
	    " \"title\": {\"fr\": \"T\"}, \"consent\": {\"fr\": \"C\"},"
	    " \"questions\": [{\"code\": \"age\", \"type\": \"number\","
	    " \"min\": 0, \"max\": 120, \"label\": {\"fr\": \"Âge\"}},"
	    " {\"code\": \"km\", \"type\": \"number\", \"min\": -10,"
	    " \"max\": 10000, \"decimals\": 1, \"label\": {\"fr\": \"km\"}},"
	    " {\"code\": \"nom\", \"type\": \"text\", \"max_length\": 5,"
	    " \"label\": {\"fr\": \"Mot\"}},"
	    " {\"code\": \"avis\", \"type\": \"text\", \"max_length\": 500,"
	    " \"multiline\": true, \"label\": {\"fr\": \"Avis\"}}]}";
	CHECK(survey_parse(numdef, strlen(numdef), NULL, &num, &e) == 0,
	    "number survey: %s", e.n ? e.msg[0] : "");

	/* A complete, valid answer. */
	CHECK(form_check(sat, SAT_OK "&domaine=famille&recommande=10"
	    "&commentaire=+Merci+%C3%A0+vous+&_id=x&_website=", &r, &f) == 0,
	    "valid answers");
	n = survey_rows(&r, rows, 64);
	CHECK_INT(n, 8);
	CHECK_STR(rows[0].question, "accueil");
	CHECK_STR(rows[0].value, "5");
	CHECK(rows[0].numeric, "smiley is numeric");
	CHECK_STR(rows[4].question, "autonome");
	CHECK(!rows[4].numeric, "yes/no is not numeric");
	CHECK_STR(rows[7].value, "Merci à vous");
	/* The digest is the demo's formula over the sorted rows. */
	lines = "accueil\0370\0375\n" "autonome\0370\037nsp\n"
	    "commentaire\0370\037Merci à vous\n" "demarche_reussie\0370\037oui\n"
	    "domaine\0370\037famille\n" "explications\0370\0374\n"
	    "rassure\0370\037oui\n" "recommande\0370\03710\n";
	crypto_hash_sha256(want, (const unsigned char *)lines, strlen(lines));
	CHECK(survey_digest(&r, dg) == 0 && memcmp(dg, want, 32) == 0,
	    "digest matches the SQL formula");
	sbuf_init(&sb);
	survey_rows_json(&r, &sb);
	lines = "[{\"q\":\"accueil\",\"o\":0,\"v\":\"5\",\"n\":5},";
	CHECK(strncmp(sb.data, lines, strlen(lines)) == 0, "rows as JSON: %s",
	    sb.data);
	CHECK(json_parse(&d, sb.data, sb.len) == 0 && d.root->n == 8,
	    "rows JSON parses");
	json_free(&d);
	sbuf_free(&sb);
	/* The same answers in another order: the same digest. */
	CHECK(form_check(sat, "recommande=10&commentaire=Merci+%C3%A0+vous"
	    "&domaine=famille&rassure=oui&autonome=nsp&demarche_reussie=oui"
	    "&explications=4&accueil=5", &r2, &f2) == 0, "reordered");
	CHECK(survey_digest(&r2, dg2) == 0 && memcmp(dg, dg2, 32) == 0,
	    "order does not change the digest");
	survey_result_free(&r2);
	form_free(&f2);
	CHECK(form_check(sat, SAT_OK "&domaine=famille&recommande=9"
	    "&commentaire=Merci+%C3%A0+vous", &r2, &f2) == 0, "one change");
	CHECK(survey_digest(&r2, dg2) == 0 && memcmp(dg, dg2, 32) != 0,
	    "another answer, another digest");
	survey_result_free(&r2);
	form_free(&f2);
	survey_result_free(&r);
	form_free(&f);

	/* Required questions, choices. */
	CHECK_STR(err_of(sat, "explications=4", "accueil"), "required");
	CHECK_STR(err_of(sat, "accueil=", "accueil"), "required");
	CHECK_STR(err_of(sat, "accueil=6", "accueil"), "not_an_option");
	CHECK_STR(err_of(sat, "accueil=5&accueil=4", "accueil"), "one_answer");
	CHECK_STR(vals_of(sat, SAT_OK "&accueil=5", "accueil"), "5");
	CHECK_STR(err_of(sat, SAT_OK "&recommande=11", "recommande"),
	    "not_an_option");
	CHECK_STR(err_of(sat, SAT_OK "&demarche_reussie=peut-etre",
	    "demarche_reussie"), "not_an_option");
	CHECK_STR(vals_of(sat, SAT_OK, "recommande"), "");
	CHECK_STR(err_of(sat, SAT_OK, "recommande"), "ok");

	/* show_if: "what was missing" is only asked after a "no". */
	CHECK_STR(vals_of(sat, "accueil=5&explications=4&demarche_reussie=oui"
	    "&difficulte=document", "difficulte"), "(dropped)");
	CHECK_STR(vals_of(sat, "accueil=5&explications=4&demarche_reussie=non"
	    "&difficulte=temps&difficulte=document&difficulte=temps",
	    "difficulte"), "document|temps");
	CHECK_STR(vals_of(sat, "demarche_reussie=non&difficulte_autre="
	    "Pas+de+r%C3%A9seau", "difficulte"), "autre");
	CHECK_STR(vals_of(sat, "demarche_reussie=non&difficulte=site"
	    "&difficulte=autre", "difficulte"), "site|autre");
	CHECK_STR(err_of(sat, "demarche_reussie=non&difficulte=ailleurs",
	    "difficulte"), "not_an_option");
	CHECK(form_check(sat, SAT_OK "&difficulte=document&difficulte_autre=x",
	    &r, &f) >= 0 && r.ndropped == 1, "hidden answers counted as dropped");
	n = survey_rows(&r, rows, 64);
	for (i = 0; i < (int)n; i++)
		CHECK(strncmp(rows[i].question, "difficulte", 10) != 0,
		    "a dropped answer is not stored (%s)", rows[i].question);
	survey_result_free(&r);
	form_free(&f);

	/* "Other, please say". */
	CHECK_STR(err_of(sat, SAT_OK "&domaine=famille&domaine_autre=CAF",
	    "domaine"), "other_conflict");
	CHECK_STR(vals_of(sat, SAT_OK "&domaine_autre=Caisse+de+retraite",
	    "domaine"), "autre");
	CHECK_STR(vals_of(sat, SAT_OK "&domaine=autre&domaine_autre=+",
	    "domaine"), "autre");
	memset(big, 'x', 201);
	big[201] = '\0';
	snprintf(body, sizeof(body), SAT_OK "&domaine_autre=%s", big);
	CHECK_STR(err_of(sat, body, "domaine"), "too_long");
	CHECK(form_check(sat, SAT_OK "&domaine_autre=+Mutuelle+", &r, &f) == 0,
	    "other text");
	n = survey_rows(&r, rows, 64);
	/* Right after the choice it explains. */
	CHECK_STR(rows[3].question, "domaine");
	CHECK_STR(rows[3].value, "autre");
	CHECK_STR(rows[4].question, "domaine_autre");
	CHECK_STR(rows[4].value, "Mutuelle");
	survey_result_free(&r);
	form_free(&f);

	/* Exclusive choice, from the outcomes survey. */
	CHECK_STR(err_of(res, "frein_leve=aucun&frein_leve=sante", "frein_leve"),
	    "exclusive");
	CHECK_STR(vals_of(res, "frein_leve=aucun", "frein_leve"), "aucun");
	CHECK_STR(vals_of(res, "frein_leve=logement&frein_leve=sante",
	    "frein_leve"), "sante|logement");

	/* Texts. */
	memset(big, 'a', 500);
	big[500] = '\0';
	snprintf(body, sizeof(body), SAT_OK "&commentaire=%s", big);
	CHECK_STR(err_of(sat, body, "commentaire"), "ok");
	big[500] = 'a';
	big[501] = '\0';
	snprintf(body, sizeof(body), SAT_OK "&commentaire=%s", big);
	CHECK_STR(err_of(sat, body, "commentaire"), "too_long");
	/* 500 "é" are 1000 bytes but 500 characters: accepted. */
	big[0] = '\0';
	for (i = 0; i < 500; i++)
		strcat(big, "%C3%A9");
	snprintf(body, sizeof(body), SAT_OK "&commentaire=%s", big);
	CHECK_STR(err_of(sat, body, "commentaire"), "ok");
	CHECK_STR(err_of(sat, SAT_OK "&commentaire=a%07b", "commentaire"),
	    "bad_characters");
	CHECK_STR(vals_of(sat, SAT_OK "&commentaire=a%0D%0Ab", "commentaire"),
	    "a\nb");
	CHECK_STR(vals_of(num, "nom=a%0Db", "nom"), "a b");
	CHECK_STR(vals_of(num, "avis=a%0D%0Ab%0Dc", "avis"), "a\nb\nc");
	CHECK_STR(err_of(num, "nom=abcdef", "nom"), "too_long");
	CHECK_STR(err_of(num, "nom=a&nom=b", "nom"), "one_answer");

	/* Numbers. */
	CHECK_STR(vals_of(num, "age=42", "age"), "42");
	CHECK_STR(vals_of(num, "age=007", "age"), "7");
	CHECK_STR(vals_of(num, "age=0", "age"), "0");
	CHECK_STR(vals_of(num, "age=12.0", "age"), "12");
	CHECK_STR(err_of(num, "age=12.5", "age"), "too_precise");
	CHECK_STR(err_of(num, "age=121", "age"), "above_max");
	CHECK_STR(err_of(num, "age=-1", "age"), "below_min");
	CHECK_STR(err_of(num, "age=douze", "age"), "not_a_number");
	CHECK_STR(err_of(num, "age=1e2", "age"), "not_a_number");
	CHECK_STR(err_of(num, "age=-", "age"), "not_a_number");
	CHECK_STR(err_of(num, "age=1.2.3", "age"), "not_a_number");
	CHECK_STR(vals_of(num, "km=12,5", "km"), "12.5");
	CHECK_STR(vals_of(num, "km=0,50", "km"), "0.5");
	CHECK_STR(vals_of(num, "km=,5", "km"), "0.5");
	CHECK_STR(vals_of(num, "km=1+200", "km"), "1200");
	CHECK_STR(vals_of(num, "km=1%C2%A0200,5", "km"), "1200.5");
	CHECK_STR(vals_of(num, "km=-0", "km"), "0");
	CHECK_STR(vals_of(num, "km=-9,9", "km"), "-9.9");
	CHECK_STR(err_of(num, "km=12,55", "km"), "too_precise");
	CHECK_STR(err_of(num, "km=99999999999999999999999999999999", "km"),
	    "not_a_number");

	/* The JSON API's types. */
	CHECK_STR(json_err(sat, "{\"accueil\": 5, \"explications\": \"4\"}",
	    "accueil"), "ok");
	CHECK_STR(json_err(sat, "{\"accueil\": true}", "accueil"), "bad_type");
	CHECK_STR(json_err(sat, "{\"accueil\": {\"v\": 5}}", "accueil"),
	    "bad_type");
	CHECK_STR(json_err(sat, "{\"accueil\": null}", "accueil"), "required");
	CHECK_STR(json_err(sat, "{\"accueil\": [5]}", "accueil"), "ok");
	CHECK_STR(json_err(sat, "{\"accueil\": [5, 4]}", "accueil"),
	    "one_answer");
	CHECK_STR(json_err(sat, "{\"acceuil\": 5}", "acceuil"),
	    "unknown_question");
	CHECK_STR(json_err(sat, "{\"accueil_autre\": \"x\"}", "accueil_autre"),
	    "unknown_question");
	CHECK_STR(json_err(sat, "{\"demarche_reussie\": \"non\", \"difficulte\":"
	    " [\"temps\", true]}", "difficulte"), "bad_type");
	CHECK_STR(json_err(sat, "{\"demarche_reussie\": \"non\", "
	    "\"difficulte_autre\": 3}", "difficulte"), "bad_type");

	/* Ids, codes, tokens, times. */
	{
		char	u[SURVEY_UUID_LEN + 1], c[SURVEY_CODE_LEN + 1];
		char	p[SURVEY_CODE_LEN + 3], t[SURVEY_TOKEN_LEN + 1];
		long long ts;

		CHECK(survey_uuid_new(u) == 0 && u[14] == '4', "uuid v4 %s", u);
		CHECK(survey_uuid_norm("5F0C3E2A-1B2C-4D5E-8F90-A1B2C3D4E5F6", u)
		    == 0, "uuid upper case");
		CHECK_STR(u, "5f0c3e2a-1b2c-4d5e-8f90-a1b2c3d4e5f6");
		CHECK(survey_uuid_norm("00000000-0000-0000-0000-000000000000", u)
		    == -1, "nil uuid");
		CHECK(survey_uuid_norm("5f0c3e2a1b2c4d5e8f90a1b2c3d4e5f6", u) ==
		    -1, "uuid without dashes");
		CHECK(survey_uuid_norm("5f0c3e2a-1b2c-4d5e-8f90-a1b2c3d4e5fg", u)
		    == -1, "uuid with a g");
		CHECK(survey_code_new(c) == 0 && strlen(c) == 12, "code");
		survey_code_pretty("ABCDEFHJKMNP", p);
		CHECK_STR(p, "ABCD EFHJ KMNP");
		CHECK(survey_code_norm(" abcd-efhj kmnp ", c) == 0, "typed code");
		CHECK_STR(c, "ABCDEFHJKMNP");
		CHECK(survey_code_norm("ABCD EFHJ KMN0", c) == -1, "0 not used");
		CHECK(survey_code_norm("ABCD EFHJ KMN", c) == -1, "short code");
		CHECK(survey_token_new(t) == 0 && survey_token_valid(t),
		    "token %s", t);
		CHECK(!survey_token_valid("short"), "short token");
		CHECK(survey_time_parse("2026-11-28T14:05:09Z", &ts) == 0 &&
		    ts == 1795874709LL, "time Z: %lld", ts);
		CHECK(survey_time_parse("2026-11-28T15:05:09.5+01:00", &ts) == 0
		    && ts == 1795874709LL, "time +01:00: %lld", ts);
		CHECK(survey_time_parse("2026-02-29T10:00Z", &ts) == -1,
		    "no 29 February 2026");
		CHECK(survey_time_parse("2028-02-29T10:00Z", &ts) == 0,
		    "29 February 2028");
		CHECK(survey_time_parse("2026-11-28 14:05", &ts) == -1,
		    "time without zone");
		CHECK(survey_time_parse("2026-11-28T14:05:09Zjunk", &ts) == -1,
		    "trailing junk");
	}

	survey_free(sat);
	survey_free(res);
	survey_free(num);
	UNIT_END();
}
