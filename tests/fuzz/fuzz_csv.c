/*
 * fuzz_csv – libFuzzer harness for the CSV reader (app/core/csv.c) that
 * reads imported visit files, and for the visit-import mapping on top
 * (app/core/visit_import.c: headings, cells to codes, per-line checks),
 * with a vocabulary holding an entry of every list. A file accepted whole
 * gives at least one row and rows JSON that parses back to as many
 * items.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csv.h"
#include "json.h"
#include "sbuf.h"
#include "visit_import.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct vocabs	vs;
static int		loaded;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader	r;
	struct import_result	res;
	struct sbuf		sb;
	struct json_doc		d;
	size_t			i;
	int			rc;

	if (!loaded) {
		vocabs_init(&vs);
		vocabs_add(&vs, VOCAB_SITE, "la-source", "Digilab La Source", "");
		vocabs_add(&vs, VOCAB_DOMAIN, "famille", "Famille", "Family");
		vocabs_add(&vs, VOCAB_PROCEDURE, "creer-espace",
		    "Créer un espace personnel, activer son compte", "");
		vocabs_add(&vs, VOCAB_HELP, "accompagnement", "Accompagnement", "");
		vocabs_add(&vs, VOCAB_PARTNER, "caf", "CAF", "");
		vocabs_add(&vs, VOCAB_AUTONOMY, "guide",
		    "A fait avec de l'aide", "Did it with guidance");
		vocabs_add(&vs, VOCAB_SKILL, "securiser",
		    "Sécuriser ses usages et ses appareils", "");
		vocabs_add(&vs, VOCAB_SKILL, "gerer-donnees",
		    "Gérer ses données (documents, photos, identifiants)", "");
		vocabs_add_fixed(&vs);
		loaded = 1;
	}
	if (visit_import_parse((const char *)data, size, &vs, "2026-11-28",
	    &res) == 0) {
		sbuf_init(&sb);
		if (res.nrows == 0 || visit_import_json(&res, &sb) == -1 ||
		    json_parse(&d, sb.data, sb.len) == -1)
			__builtin_trap();
		if (d.root->type != JSON_ARRAY || d.root->n != res.nrows)
			__builtin_trap();
		json_free(&d);
		sbuf_free(&sb);
	}
	visit_import_free(&res);

	if (csv_open(&r, (const char *)data, size) == 0) {
		while ((rc = csv_next(&r)) == 1) {
			for (i = 0; i < r.nfields; i++)
				(void)strlen(r.fields[i]);
		}
		csv_close(&r);
	}
	return (0);
}
