/*
 * fuzz_indicator – libFuzzer harness for the indicator definitions
 * (app/core/indicator.c, indicator_text.c), JSON typed by coordinators in
 * the project pages. Each input is parsed twice: without a vocabulary, and with one
 * that knows a few sites, domains… and two surveys whose questions are
 * described by indicator_survey_question() over a survey document.
 * Whatever the input: no crash, no leak; a refusal has a message in both
 * languages. An accepted definition:
 *   - is also accepted without the vocabulary (it only adds checks), with
 *     the same canonical JSON;
 *   - is described in both languages;
 *   - round-trips: its canonical JSON parses again (with the same
 *     vocabulary) and writes the very same canonical JSON.
 * A broken property abort()s.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "indicator.h"
#include "json.h"
#include "sbuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const known_codes[IND_VOC__MAX][6] = {
	[IND_VOC_SITE] = { "la-source", "blossieres", "argonne" },
	[IND_VOC_DOMAIN] = { "famille", "logement", "sante" },
	[IND_VOC_HELP_KIND] = { "faire-a-la-place", "accompagnement" },
	[IND_VOC_PARTNER] = { "espace-numerique", "caf" },
	[IND_VOC_AUTONOMY] = { "seul", "avec-aide" },
	[IND_VOC_CHANNEL] = { "sur-place", "telephone" },
	[IND_VOC_SURVEY] = { "resultats", "satisfaction" },
};

/* The questions of the two known surveys, as survey documents. */
static const char resultats_def[] =
"{\"code\": \"resultats\", \"questions\": ["
"{\"code\": \"droit_obtenu\", \"type\": \"yes_no_dk\"},"
"{\"code\": \"autres_demarches_seul\", \"type\": \"yes_no_dk\"},"
"{\"code\": \"confiance_numerique\", \"type\": \"smiley\"},"
"{\"code\": \"compte_en_ligne\", \"type\": \"yes_no_dk\"},"
"{\"code\": \"note\", \"type\": \"scale10\"},"
"{\"code\": \"frein_leve\", \"type\": \"multiple\", \"options\": ["
" {\"value\": \"sante\"}, {\"value\": \"mobilite\"}, {\"value\": \"emploi\"},"
" {\"value\": \"logement\"}, {\"value\": \"argent\"}, {\"value\": \"aucun\"}]},"
"{\"code\": \"commentaire\", \"type\": \"text\"}]}";
static const char satisfaction_def[] =
"{\"code\": \"satisfaction\", \"questions\": ["
"{\"code\": \"rassure\", \"type\": \"yes_no_dk\"},"
"{\"code\": \"autonome\", \"type\": \"yes_no_dk\"},"
"{\"code\": \"humeur\", \"type\": \"single\", \"options\": ["
" {\"value\": \"bien\"}, {\"value\": \"mal\"}, {\"value\": \"Très bien !\"}]}]}";

static struct json_doc	surveys[2];
static int		loaded;

static int
known(void *arg, enum ind_vocab_kind k, const char *code)
{
	size_t	i;

	(void)arg;
	if ((size_t)k >= IND_VOC__MAX)
		abort();
	for (i = 0; i < 6 && known_codes[k][i] != NULL; i++)
		if (strcmp(known_codes[k][i], code) == 0)
			return (1);
	return (0);
}

static int
question(void *arg, const char *survey, const char *code,
    struct ind_question *q)
{
	(void)arg;
	if (strcmp(survey, "resultats") == 0)
		return (indicator_survey_question(surveys[0].root, code, q));
	if (strcmp(survey, "satisfaction") == 0)
		return (indicator_survey_question(surveys[1].root, code, q));
	return (0);
}

static const struct indicator_vocab vocab = { known, question, NULL };

static void
refused(const struct ind_error *err)
{
	char	buf[512];

	if ((size_t)err->code >= IND_ERR__MAX || err->code == IND_OK)
		abort();
	(void)strlen(indicator_strerror(err, LANG_FR, buf, sizeof(buf)));
	(void)strlen(indicator_strerror(err, LANG_EN, buf, sizeof(buf)));
}

/* Canonical JSON of an accepted text into out (caller frees). */
static int
accepted(const char *text, size_t len, const struct indicator_vocab *voc,
    struct sbuf *out)
{
	struct indicator_def	def;
	struct ind_error	err;
	struct sbuf		sb;

	sbuf_init(out);
	if (indicator_parse(&def, text, len, voc, &err) == -1) {
		refused(&err);
		return (0);
	}
	indicator_write_json(&def, out);
	sbuf_init(&sb);
	indicator_describe(&def, LANG_FR, &sb);
	indicator_describe(&def, LANG_EN, &sb);
	if (sb.failed || out->failed)
		abort();
	sbuf_free(&sb);
	indicator_free(&def);
	return (1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf	with, without, again;
	int		ok_with, ok_without;

	if (!loaded) {
		if (json_parse(&surveys[0], resultats_def,
		    strlen(resultats_def)) == -1 ||
		    json_parse(&surveys[1], satisfaction_def,
		    strlen(satisfaction_def)) == -1)
			abort();
		loaded = 1;
	}
	ok_with = accepted((const char *)data, size, &vocab, &with);
	ok_without = accepted((const char *)data, size, NULL, &without);
	if (ok_with && !ok_without)
		abort();	/* the vocabulary only adds checks */
	if (ok_with && strcmp(with.data, without.data) != 0)
		abort();
	if (ok_without) {
		/* Round trip: canonical in, the same canonical out. */
		if (!accepted(without.data, without.len, NULL, &again) ||
		    strcmp(again.data, without.data) != 0)
			abort();
		sbuf_free(&again);
	}
	if (ok_with) {
		if (!accepted(with.data, with.len, &vocab, &again) ||
		    strcmp(again.data, with.data) != 0)
			abort();
		sbuf_free(&again);
	}
	sbuf_free(&with);
	sbuf_free(&without);
	return (0);
}
