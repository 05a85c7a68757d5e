/*
 * fuzz_csv – libFuzzer harness for the CSV reader (app/core/csv.c) that
 * reads imported visit files, and for the visit-import mapping on top.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csv.h"
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
		vocabs_add_fixed(&vs);
		loaded = 1;
	}
	if (visit_import_parse((const char *)data, size, &vs, "2026-11-28",
	    &res) == 0) {
		sbuf_init(&sb);
		(void)visit_import_json(&res, &sb);
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
