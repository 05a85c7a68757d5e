/*
 * cms – the CAdES signature of a report (PAdES B-B, ETSI.CAdES.detached),
 * with OpenSSL 3, as ../shared/PDF-SIGNING.md prescribes: a detached
 * SignedData over the SHA-256 of the PDF's signed byte ranges, with the
 * signed attributes contentType, messageDigest and signingCertificateV2
 * and no signingTime (PAdES B-B forbids it; the time is the signature
 * dictionary's /M). Used in this process by the command-line tool and
 * inside the signing daemon, which alone holds the key.
 */
#ifndef MESURE_CMS_H
#define MESURE_CMS_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

struct cms_signer {
	EVP_PKEY	*key;	/* owned */
	X509		*cert;	/* owned */
	STACK_OF(X509)	*chain;	/* owned; may be empty */
};

int	cms_signer_load(struct cms_signer *, const char *, const char *,
	    const char *, char *, size_t);
void	cms_signer_free(struct cms_signer *);
int	cms_sign_digest(const struct cms_signer *, const unsigned char *,
	    unsigned char **, size_t *, char *, size_t);
int	cms_cert_der(const struct cms_signer *, unsigned char **, size_t *);
void	cms_cert_fingerprint(X509 *, char *, size_t);
void	cms_cert_name(X509 *, char *, size_t);
void	cms_error(char *, size_t, const char *);

#endif
