/*
 * verify – checks a report's signature from the PDF bytes alone (for the
 * /verify page, the command line and the tests), and says the result in
 * plain words: valid, altered, not signed, not ours, unreadable.
 *
 * It finds the last signature dictionary of the file (the object that
 * holds the last /ByteRange), checks that the ByteRange covers the whole
 * file but the <…> of /Contents, recomputes the SHA-256 of those bytes
 * and verifies the CMS in /Contents against them (the messageDigest
 * attribute and the signature), then the signer's certificate against
 * the configured CA. Input is hostile: every offset is checked
 * (tests/fuzz/fuzz_pdfverify.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "cms.h"
#include "pdfobj.h"
#include "verify.h"

#define CMS_DER_MAX	(64 * 1024)

static const char *const verdict_text[REPORT_VERDICT__MAX][LANG__MAX] = {
	[REPORT_VALID] = {
	    "Signature valide : ce rapport vient bien de l'organisation "
	    "signataire et n'a pas été modifié depuis sa signature.",
	    "Valid signature: this report comes from the signing "
	    "organisation and has not been changed since it was signed." },
	[REPORT_ALTERED] = {
	    "Document modifié : le fichier a changé après la signature. "
	    "Ne vous fiez pas à son contenu ; demandez l'original.",
	    "Altered document: the file changed after it was signed. Do not "
	    "rely on its content; ask for the original." },
	[REPORT_NOT_SIGNED] = {
	    "Document non signé : ce fichier ne porte aucune signature "
	    "électronique.",
	    "Unsigned document: this file carries no electronic signature." },
	[REPORT_NOT_OURS] = {
	    "Signature d'un tiers : la signature est intacte, mais elle ne "
	    "vient pas d'un certificat reconnu par ce service.",
	    "Someone else's signature: the signature is intact, but it does "
	    "not come from a certificate this service recognises." },
	[REPORT_MALFORMED] = {
	    "Signature illisible : le fichier contient une signature "
	    "endommagée ou d'un format inconnu.",
	    "Unreadable signature: the file holds a damaged signature or one "
	    "of an unknown format." },
};

const char *
report_verdict_text(enum report_verdict v, enum lang l)
{
	if ((size_t)v >= REPORT_VERDICT__MAX)
		v = REPORT_MALFORMED;
	if ((size_t)l >= LANG__MAX)
		l = LANG_FR;
	return (verdict_text[v][l]);
}

static int
verdict(struct report_verification *r, enum report_verdict v,
    const char *detail)
{
	r->verdict = v;
	snprintf(r->detail, sizeof(r->detail), "%s", detail);
	return (0);
}

/*
 * Where the object holding the byte at pos starts: the last "N G obj"
 * before it. Returns the offset of the value after "obj", or -1.
 */
static long long
enclosing_object(const unsigned char *b, size_t pos)
{
	const unsigned char	*o;
	size_t			 i, p;
	struct pdf_token	 t;

	for (;;) {
		o = pdf_memrmem(b, pos, "obj");
		if (o == NULL)
			return (-1);
		i = (size_t)(o - b);
		/* Not "endobj", and a number before it. */
		if (i >= 3 && memcmp(o - 3, "end", 3) == 0) {
			pos = i;
			continue;
		}
		p = i + 3;
		if (p < pos && pdf_token(b, pos, &p, &t) == 0 &&
		    t.type == PDF_T_DICT_OPEN)
			return ((long long)t.start);
		if (i == 0)
			return (-1);
		pos = i;
	}
}

/* A PDF literal string's bytes (no escapes: dates are plain). */
static void
literal(const unsigned char *b, const struct pdf_value *v, char *out,
    size_t outsz)
{
	size_t	n;

	out[0] = '\0';
	if (v->type != PDF_T_STRING || v->end < v->start + 2)
		return;
	n = v->end - v->start - 2;
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, b + v->start + 1, n);
	out[n] = '\0';
	for (n = 0; out[n] != '\0'; n++)
		if ((unsigned char)out[n] < 0x20 ||
		    (unsigned char)out[n] > 0x7e)
			out[n] = '?';
}

static X509_STORE *
store_from_pem(const char *pem, size_t len)
{
	X509_STORE	*st;
	BIO		*bio;
	X509		*c;
	int		 n;

	if ((st = X509_STORE_new()) == NULL)
		return (NULL);
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL) {
		X509_STORE_free(st);
		return (NULL);
	}
	n = 0;
	while ((c = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
		if (X509_STORE_add_cert(st, c) == 1)
			n++;
		X509_free(c);
	}
	ERR_clear_error();
	BIO_free(bio);
	if (n == 0) {
		X509_STORE_free(st);
		return (NULL);
	}
	/* A report signer may lack the S/MIME key usage: chain only. */
	X509_STORE_set_purpose(st, X509_PURPOSE_ANY);
	return (st);
}

/*
 * Verify pdf[0..len). ca_pem (len ca_len) holds the CA certificates a
 * signer must chain to; NULL: none is trusted (a sound signature is then
 * "not ours"). Always fills r and returns 0; -1 only when out of memory.
 */
int
report_verify(const unsigned char *pdf, size_t len, const char *ca_pem,
    size_t ca_len, struct report_verification *r)
{
	const unsigned char	*br;
	struct pdf_value	 range, contents, item, m;
	long long		 dict, v[4];
	unsigned char		*der, *signed_bytes;
	const unsigned char	*q;
	size_t			 derlen, i, nsigned;
	CMS_ContentInfo		*cms;
	BIO			*content;
	X509_STORE		*store;
	STACK_OF(X509)		*signers;
	int			 rc, ok;

	memset(r, 0, sizeof(*r));
	der = signed_bytes = NULL;
	cms = NULL;
	content = NULL;
	store = NULL;
	rc = 0;

	if (len < 8 || memcmp(pdf, "%PDF-", 5) != 0)
		return (verdict(r, REPORT_NOT_SIGNED, "not a PDF file"));
	if ((br = pdf_memrmem(pdf, len, "/ByteRange")) == NULL)
		return (verdict(r, REPORT_NOT_SIGNED, "no /ByteRange"));
	if ((dict = enclosing_object(pdf, (size_t)(br - pdf))) < 0 ||
	    pdf_dict_get(pdf, len, (size_t)dict, "ByteRange", &range) != 1 ||
	    range.type != PDF_T_ARRAY_OPEN)
		return (verdict(r, REPORT_MALFORMED,
		    "no signature dictionary around /ByteRange"));
	for (i = 0; i < 4; i++)
		if (pdf_array_item(pdf, len, range.start, i, &item) != 1 ||
		    item.type != PDF_T_INT || item.is_ref || item.ival < 0)
			return (verdict(r, REPORT_MALFORMED,
			    "/ByteRange is not four numbers"));
		else
			v[i] = item.ival;
	if (pdf_array_item(pdf, len, range.start, 4, &item) != 0)
		return (verdict(r, REPORT_MALFORMED,
		    "/ByteRange has more than four numbers"));
	if (pdf_dict_get(pdf, len, (size_t)dict, "Contents", &contents) != 1 ||
	    contents.type != PDF_T_HEX)
		return (verdict(r, REPORT_MALFORMED,
		    "no hexadecimal /Contents"));
	if (pdf_dict_get(pdf, len, (size_t)dict, "M", &m) == 1)
		literal(pdf, &m, r->signed_at, sizeof(r->signed_at));

	/*
	 * The ranges must be [0, <) and (>, end of the signed revision],
	 * with /Contents exactly between them.
	 */
	if (v[0] != 0 || (unsigned long long)v[1] != contents.start ||
	    (unsigned long long)v[2] != contents.end ||
	    (unsigned long long)v[2] > len)
		return (verdict(r, REPORT_ALTERED,
		    "/ByteRange does not frame /Contents"));
	if ((unsigned long long)v[3] > len - (size_t)v[2])
		return (verdict(r, REPORT_ALTERED,
		    "the file is shorter than what was signed"));
	r->signed_len = (size_t)(v[2] + v[3]);
	r->whole = r->signed_len == len;

	if ((der = malloc(CMS_DER_MAX)) == NULL)
		return (-1);
	derlen = pdf_hex_decode(pdf, contents.start, contents.end, der,
	    CMS_DER_MAX);
	q = der;
	if ((cms = d2i_CMS_ContentInfo(NULL, &q, (long)derlen)) == NULL) {
		verdict(r, REPORT_MALFORMED, "/Contents is not a CMS");
		goto out;
	}
	nsigned = (size_t)v[1] + (size_t)v[3];
	if ((signed_bytes = malloc(nsigned > 0 ? nsigned : 1)) == NULL) {
		rc = -1;
		goto out;
	}
	memcpy(signed_bytes, pdf, (size_t)v[1]);
	memcpy(signed_bytes + v[1], pdf + v[2], (size_t)v[3]);

	/* The bytes and the signature, whoever signed. */
	content = BIO_new_mem_buf(signed_bytes, (int)nsigned);
	ok = content != NULL && CMS_verify(cms, NULL, NULL, content, NULL,
	    CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
	ERR_clear_error();
	BIO_free(content);
	content = NULL;
	r->digest_ok = ok;
	if ((signers = CMS_get0_signers(cms)) != NULL &&
	    sk_X509_num(signers) > 0) {
		cms_cert_name(sk_X509_value(signers, 0), r->signer,
		    sizeof(r->signer));
		cms_cert_fingerprint(sk_X509_value(signers, 0),
		    r->fingerprint, sizeof(r->fingerprint));
	}
	sk_X509_free(signers);
	ERR_clear_error();
	if (!ok) {
		verdict(r, REPORT_ALTERED, "the signed bytes do not match the "
		    "signature (digest mismatch)");
		goto out;
	}
	if (!r->whole) {
		verdict(r, REPORT_ALTERED, "bytes were added after the "
		    "signature");
		goto out;
	}

	/* The signer, against the configured CA. */
	if (ca_pem == NULL || (store = store_from_pem(ca_pem, ca_len)) ==
	    NULL) {
		verdict(r, REPORT_NOT_OURS, "no trusted CA configured");
		goto out;
	}
	content = BIO_new_mem_buf(signed_bytes, (int)nsigned);
	ok = content != NULL && CMS_verify(cms, NULL, store, content, NULL,
	    CMS_BINARY) == 1;
	if (!ok) {
		char why[200];

		cms_error(why, sizeof(why), "the certificate does not chain to "
		    "the trusted CA");
		verdict(r, REPORT_NOT_OURS, why);
		goto out;
	}
	r->trusted = 1;
	verdict(r, REPORT_VALID, "signature valid, whole document signed, "
	    "certificate trusted");
out:
	ERR_clear_error();
	BIO_free(content);
	X509_STORE_free(store);
	CMS_ContentInfo_free(cms);
	free(signed_bytes);
	free(der);
	return (rc);
}
