/*
 * fuzz_form – libFuzzer harness for the urlencoded body and query-string
 * parser (app/core/form.c): every survey form post goes through it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form	 f;
	char		 err[64], out[32], *qs;
	size_t		 i;

	if (form_parse(&f, (const char *)data, size, 0, err, sizeof(err)) == 0) {
		for (i = 0; i < f.n; i++) {
			if (strlen(f.fields[i].value) != f.fields[i].vlen)
				__builtin_trap();	/* no NUL inside values */
			(void)form_count(&f, f.fields[i].name);
		}
		form_free(&f);
	}
	if ((qs = malloc(size + 1)) != NULL) {
		memcpy(qs, data, size);
		qs[size] = '\0';
		(void)qs_get(qs, "lang", out, sizeof(out));
		free(qs);
	}
	return (0);
}
