/*
 * visit, vocab, visit_import: what a mediator types and what an old
 * spreadsheet holds become codes, or precise errors per field and line.
 */
#include <stdlib.h>

#include "sbuf.h"
#include "visit_import.h"
#include "unit.h"

static void
load(struct vocabs *vs)
{
	vocabs_init(vs);
	vocabs_add(vs, VOCAB_SITE, "la-source", "Digilab La Source", "");
	vocabs_add(vs, VOCAB_SITE, "centre", "Digilab Centre", "");
	vocabs_add(vs, VOCAB_DOMAIN, "famille", "Famille", "Family");
	vocabs_add(vs, VOCAB_DOMAIN, "logement", "Logement", "Housing");
	vocabs_add(vs, VOCAB_DOMAIN, "papiers-citoyennete",
	    "Papiers – citoyenneté", "Papers – citizenship");
	vocabs_add(vs, VOCAB_PROCEDURE, "creer-espace",
	    "Créer un espace personnel, activer son compte", "");
	vocabs_add(vs, VOCAB_PROCEDURE, "declarer",
	    "Déclarer sa situation, s'actualiser, déclarer ses revenus", "");
	vocabs_add(vs, VOCAB_HELP, "faire-a-la-place",
	    "Fait à la place, dans un cadre sécurisé", "");
	vocabs_add(vs, VOCAB_HELP, "accompagnement", "Accompagnement", "");
	vocabs_add(vs, VOCAB_HELP, "orientation", "Orientation vers un partenaire", "");
	vocabs_add(vs, VOCAB_AUTONOMY, "seul", "A fait seul", "Did it alone");
	vocabs_add(vs, VOCAB_AUTONOMY, "guide", "A fait avec de l'aide", "");
	vocabs_add(vs, VOCAB_PARTNER, "caf", "CAF", "");
	vocabs_add(vs, VOCAB_SKILL, "creer-mail", "Créer une adresse mail", "");
	vocabs_add_fixed(vs);
}

int
main(void)
{
	struct vocabs		 vs;
	struct visit_input	 v;
	struct import_result	 res;
	struct sbuf		 sb;
	char			 f[64], d[11];
	const char		*csv;

	load(&vs);
	text_fold(f, sizeof(f), "  Faire à la PLACE, dans un cadre… ", 38);
	CHECK_STR(f, "faire a la place dans un cadre");
	CHECK_STR(vocab_match(&vs.v[VOCAB_HELP], "faire-a-la-place", 16),
	    "faire-a-la-place");
	CHECK_STR(vocab_match(&vs.v[VOCAB_DOMAIN], "PAPIERS - Citoyenneté", 22),
	    "papiers-citoyennete");
	CHECK_STR(vocab_match(&vs.v[VOCAB_DOMAIN], "housing", 7), "logement");
	CHECK(vocab_match(&vs.v[VOCAB_DOMAIN], "sport", 5) == NULL, "unknown");

	CHECK(visit_date_parse("05/10/2026", d) && strcmp(d, "2026-10-05") == 0, "fr date");
	CHECK(visit_date_parse("2026-02-28", d), "iso date");
	CHECK(!visit_date_parse("29/02/2026", d), "29 Feb 2026 refused");
	CHECK(visit_date_parse("29/02/2028", d), "29 Feb 2028 accepted");
	CHECK(!visit_date_parse("2026-13-01", d), "month 13 refused");
	CHECK(!visit_date_parse("5 oct", d), "words refused");

	/* A form as a mediator fills it. */
	visit_input_init(&v);
	visit_set(&v, &vs, VF_DATE, "2026-11-20");
	visit_set(&v, &vs, VF_TIME, "14h30");
	visit_set(&v, &vs, VF_SITE, "la-source");
	visit_add(&v, &vs, VF_DOMAINS, "famille");
	visit_add(&v, &vs, VF_DOMAINS, "famille");
	visit_set(&v, &vs, VF_HELP, "accompagnement");
	visit_set(&v, &vs, VF_DURATION, "1h15");
	visit_set(&v, &vs, VF_PSEUDONYM, "kt7-m3a");
	visit_set(&v, &vs, VF_QPV, "Oui");
	CHECK_INT(visit_check(&v, "2026-11-28"), 0);
	CHECK_STR(v.time, "14:30");
	CHECK_INT(v.ndomains, 1);
	CHECK_INT(v.duration, 75);
	CHECK_STR(v.pseudonym, "KT7M3A");
	CHECK_INT(v.qpv, 1);
	CHECK_STR(v.channel, "sur-place");

	/* The errors a mediator would see, on the right fields. */
	visit_input_init(&v);
	visit_set(&v, &vs, VF_DATE, "2026-12-01");
	visit_set(&v, &vs, VF_SITE, "nowhere");
	visit_set(&v, &vs, VF_HELP, "orientation");
	visit_set(&v, &vs, VF_DURATION, "900");
	visit_set(&v, &vs, VF_PSEUDONYM, "AB");
	visit_check(&v, "2026-11-28");
	CHECK_INT(v.nerrors, 6);
	CHECK(v.errors[0].field == VF_SITE && strcmp(v.errors[0].msgkey,
	    "visit.err.unknown") == 0, "site unknown");
	CHECK(v.errors[1].field == VF_DURATION, "duration");
	CHECK(v.errors[2].field == VF_PSEUDONYM, "pseudonym");
	CHECK(v.errors[3].field == VF_DATE && strcmp(v.errors[3].msgkey,
	    "visit.err.future") == 0, "future date");
	CHECK(v.errors[4].field == VF_DOMAINS, "domains required");
	CHECK(v.errors[5].field == VF_PARTNER, "orientation without partner");

	/*
	 * Regression (found by fuzz_csv): a kind of help that is given but
	 * unknown left help NULL with an error, and the cross-field check
	 * then compared NULL.
	 */
	visit_input_init(&v);
	visit_set(&v, &vs, VF_DATE, "2026-11-20");
	visit_set(&v, &vs, VF_SITE, "centre");
	visit_add(&v, &vs, VF_DOMAINS, "famille");
	visit_set(&v, &vs, VF_HELP, "n'importe quoi");
	CHECK_INT(visit_check(&v, "2026-11-28"), 1);
	CHECK(v.errors[0].field == VF_HELP, "help unknown, once");

	/* An import: headings in any case, labels or codes, several domains. */
	csv = "Date;Heure;Site;Domaines;Démarches;Type d'aide;Autonomie;Orientation;Durée\r\n"
	    "05/10/2026;14:30;Digilab La Source;Famille, Logement;"
	    "\"Créer un espace personnel, activer son compte | declarer\";"
	    "Accompagnement;A fait avec de l'aide;;30\r\n"
	    "06/10/2026;;centre;papiers-citoyennete;;orientation;;CAF;45 min\r\n";
	CHECK_INT(visit_import_parse(csv, strlen(csv), &vs, "2026-11-28", &res), 0);
	CHECK_INT(res.nrows, 2);
	CHECK_INT(res.rows[0].ndomains, 2);
	CHECK_INT(res.rows[0].nprocedures, 2);
	CHECK_STR(res.rows[0].procedures[0], "creer-espace");
	CHECK_STR(res.rows[0].autonomy, "guide");
	CHECK_STR(res.rows[1].time, "12:00");
	CHECK_STR(res.rows[1].partner, "caf");
	sbuf_init(&sb);
	CHECK(visit_import_json(&res, &sb) == 0, "json");
	CHECK(strstr(sb.data, "\"at\":\"2026-10-05T14:30\"") != NULL, "%s", sb.data);
	CHECK(strstr(sb.data, "\"domains\":[\"famille\",\"logement\"]") != NULL, "domains");
	sbuf_free(&sb);
	visit_import_free(&res);

	/* Every bad line is listed with its line number and column. */
	csv = "date,site,domaines,aide\n"
	    "31/02/2026,la-source,famille,accompagnement\n"
	    "01/10/2026,la-source,sport,accompagnement\n"
	    "01/10/2026,la-source,famille\n"
	    "02/10/2026,centre,logement,accompagnement\n";
	CHECK_INT(visit_import_parse(csv, strlen(csv), &vs, "2026-11-28", &res), 1);
	CHECK_INT(res.nrows, 1);
	CHECK_INT(res.nerrors, 3);
	CHECK(res.errors[0].line == 2 && strcmp(res.errors[0].column, "date") == 0, "line 2 date");
	CHECK(res.errors[1].line == 3 && strcmp(res.errors[1].detail, "sport") == 0, "line 3 sport");
	CHECK(res.errors[2].line == 4 && strcmp(res.errors[2].msgkey, "import.err.columns") == 0, "line 4 columns");
	visit_import_free(&res);

	csv = "date;site;couleur\n";
	CHECK_INT(visit_import_parse(csv, strlen(csv), &vs, "2026-11-28", &res), -1);
	CHECK_STR(res.fatal_key, "import.err.unknown_column");
	CHECK_STR(res.fatal, "couleur");
	visit_import_free(&res);
	csv = "date;site\n";
	CHECK_INT(visit_import_parse(csv, strlen(csv), &vs, "2026-11-28", &res), -1);
	CHECK_STR(res.fatal_key, "import.err.missing_columns");
	visit_import_free(&res);

	vocabs_free(&vs);
	UNIT_END();
}
