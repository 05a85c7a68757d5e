/*
 * verify – the verdict on a report's signature, from the PDF bytes alone
 * (reports/verify.c). Its own header, without libpq, so that the fuzz
 * harness (tests/fuzz/fuzz_pdfverify.c) and the /verify page need
 * nothing else; report.h includes it.
 */
#ifndef MESURE_VERIFY_H
#define MESURE_VERIFY_H

#include <stddef.h>

#include "i18n.h"

enum report_verdict {
	REPORT_VALID,		/* ours, intact, covers the whole file */
	REPORT_ALTERED,		/* changed after signing */
	REPORT_NOT_SIGNED,	/* no signature found */
	REPORT_NOT_OURS,	/* a sound signature by someone else */
	REPORT_MALFORMED,	/* a signature that cannot be read */
	REPORT_VERDICT__MAX
};

struct report_verification {
	enum report_verdict	verdict;
	int			whole;		/* ByteRange covers the file */
	int			digest_ok;	/* the bytes match the CMS */
	int			trusted;	/* chain to the configured CA */
	size_t			signed_len;	/* end of the signed revision */
	char			signer[160];	/* subject CN, O */
	char			signed_at[32];	/* /M as written */
	char			fingerprint[100]; /* SHA-256 of the cert */
	char			detail[200];	/* why, for the log */
};

int		 report_verify(const unsigned char *, size_t, const char *,
		    size_t, struct report_verification *);
const char	*report_verdict_text(enum report_verdict, enum lang);

#endif
