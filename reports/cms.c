/*
 * cms – building a CAdES detached signature over a digest (see cms.h).
 *
 * OpenSSL's CMS_final() would hash the content itself and insert a
 * signingTime. We only have the digest (the signing daemon never sees
 * the PDF) and must not add signingTime, so, like PoDoFo's CmsContext:
 * build the SignerInfo with CMS_PARTIAL, add contentType and
 * messageDigest, encode the signed attributes as a DER SET OF (sorted),
 * sign that with EVP_DigestSign and set the signature value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "cms.h"

/* why, followed by OpenSSL's first queued error, into err. */
void
cms_error(char *err, size_t errsz, const char *why)
{
	unsigned long	e;
	char		buf[160];

	e = ERR_get_error();
	if (e != 0) {
		ERR_error_string_n(e, buf, sizeof(buf));
		snprintf(err, errsz, "%s (%s)", why, buf);
	} else
		snprintf(err, errsz, "%s", why);
	ERR_clear_error();
}

/*
 * Load the signer: a PEM private key, its PEM certificate and, if
 * chain_path is not NULL, intermediate certificates to embed. Returns 0
 * or -1 with err set; free with cms_signer_free() in both cases.
 */
int
cms_signer_load(struct cms_signer *s, const char *key_path,
    const char *cert_path, const char *chain_path, char *err, size_t errsz)
{
	FILE	*f;
	X509	*c;

	memset(s, 0, sizeof(*s));
	if ((s->chain = sk_X509_new_null()) == NULL) {
		cms_error(err, errsz, "out of memory");
		return (-1);
	}
	if ((f = fopen(key_path, "r")) == NULL) {
		snprintf(err, errsz, "cannot read the key %s", key_path);
		return (-1);
	}
	s->key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (s->key == NULL) {
		cms_error(err, errsz, "the key is not a PEM private key");
		return (-1);
	}
	if ((f = fopen(cert_path, "r")) == NULL) {
		snprintf(err, errsz, "cannot read the certificate %s",
		    cert_path);
		return (-1);
	}
	s->cert = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (s->cert == NULL) {
		cms_error(err, errsz, "the certificate is not PEM");
		return (-1);
	}
	if (X509_check_private_key(s->cert, s->key) != 1) {
		cms_error(err, errsz, "the key does not match the certificate");
		return (-1);
	}
	if (chain_path != NULL) {
		if ((f = fopen(chain_path, "r")) == NULL) {
			snprintf(err, errsz, "cannot read the chain %s",
			    chain_path);
			return (-1);
		}
		while ((c = PEM_read_X509(f, NULL, NULL, NULL)) != NULL)
			if (!sk_X509_push(s->chain, c)) {
				X509_free(c);
				break;
			}
		fclose(f);
		ERR_clear_error();	/* the end of the file */
	}
	return (0);
}

void
cms_signer_free(struct cms_signer *s)
{
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	if (s->chain != NULL)
		sk_X509_pop_free(s->chain, X509_free);
	memset(s, 0, sizeof(*s));
}

/* The signer's certificate in DER (malloc'd). */
int
cms_cert_der(const struct cms_signer *s, unsigned char **der, size_t *len)
{
	unsigned char	*p, *q;
	int		 n;

	if ((n = i2d_X509(s->cert, NULL)) <= 0 ||
	    (p = malloc((size_t)n)) == NULL)
		return (-1);
	q = p;
	i2d_X509(s->cert, &q);
	*der = p;
	*len = (size_t)n;
	return (0);
}

/* "AB:CD:…" – the SHA-256 of the certificate. */
void
cms_cert_fingerprint(X509 *c, char *buf, size_t bufsz)
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	n, i;
	size_t		o;

	buf[0] = '\0';
	if (X509_digest(c, EVP_sha256(), md, &n) != 1)
		return;
	for (i = 0, o = 0; i < n && o + 4 <= bufsz; i++)
		o += (size_t)snprintf(buf + o, bufsz - o, "%s%02X",
		    i ? ":" : "", md[i]);
}

/* "CN, O" of the certificate's subject, UTF-8. */
void
cms_cert_name(X509 *c, char *buf, size_t bufsz)
{
	X509_NAME	*name;
	char		 cn[160], o[160];
	int		 i;
	ASN1_STRING	*d;
	unsigned char	*u;

	cn[0] = o[0] = '\0';
	name = X509_get_subject_name(c);
	if ((i = X509_NAME_get_index_by_NID(name, NID_commonName, -1)) >= 0) {
		d = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
		if (ASN1_STRING_to_UTF8(&u, d) >= 0) {
			snprintf(cn, sizeof(cn), "%s", (char *)u);
			OPENSSL_free(u);
		}
	}
	if ((i = X509_NAME_get_index_by_NID(name, NID_organizationName, -1))
	    >= 0) {
		d = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
		if (ASN1_STRING_to_UTF8(&u, d) >= 0) {
			snprintf(o, sizeof(o), "%s", (char *)u);
			OPENSSL_free(u);
		}
	}
	if (cn[0] != '\0' && o[0] != '\0' && strstr(cn, o) == NULL)
		snprintf(buf, bufsz, "%s, %s", cn, o);
	else
		snprintf(buf, bufsz, "%s", cn[0] != '\0' ? cn : o);
}

struct der_item {
	unsigned char	*p;
	size_t		 n;
};

/* DER order of a SET OF: as octet strings, shorter ones zero-padded. */
static int
der_cmp(const void *a, const void *b)
{
	const struct der_item	*x = a, *y = b;
	size_t			 n;
	int			 c;

	n = x->n < y->n ? x->n : y->n;
	if ((c = memcmp(x->p, y->p, n)) != 0)
		return (c);
	return (x->n < y->n ? -1 : x->n > y->n);
}

/*
 * The signed attributes as the DER SET OF that the signature covers
 * (RFC 5652 §5.4: tag SET, not the [0] IMPLICIT of the SignerInfo).
 */
static int
signed_attrs_der(CMS_SignerInfo *si, unsigned char **out, size_t *outlen)
{
	struct der_item	 items[16];
	int		 n, i, k;
	size_t		 total, hdr, o;
	unsigned char	*buf, *q;

	n = CMS_signed_get_attr_count(si);
	if (n <= 0 || n > 16)
		return (-1);
	total = 0;
	for (i = 0; i < n; i++) {
		X509_ATTRIBUTE *at = CMS_signed_get_attr(si, i);

		items[i].p = NULL;
		if ((k = i2d_X509_ATTRIBUTE(at, &items[i].p)) <= 0)
			goto bad;
		items[i].n = (size_t)k;
		total += (size_t)k;
	}
	qsort(items, (size_t)n, sizeof(items[0]), der_cmp);
	hdr = total < 128 ? 2 : total < 256 ? 3 : total < 65536 ? 4 : 0;
	if (hdr == 0 || (buf = malloc(hdr + total)) == NULL)
		goto bad;
	q = buf;
	*q++ = 0x31;
	if (total < 128)
		*q++ = (unsigned char)total;
	else if (total < 256) {
		*q++ = 0x81;
		*q++ = (unsigned char)total;
	} else {
		*q++ = 0x82;
		*q++ = (unsigned char)(total >> 8);
		*q++ = (unsigned char)total;
	}
	for (i = 0, o = 0; i < n; i++) {
		memcpy(q + o, items[i].p, items[i].n);
		o += items[i].n;
		OPENSSL_free(items[i].p);
	}
	*out = buf;
	*outlen = hdr + total;
	return (0);
bad:
	for (k = 0; k < i && k < n; k++)
		OPENSSL_free(items[k].p);
	return (-1);
}

/*
 * A detached CAdES SignedData for the SHA-256 digest (32 bytes) of the
 * signed content, in DER (malloc'd, *derlen bytes). Returns 0 or -1.
 */
int
cms_sign_digest(const struct cms_signer *s, const unsigned char *digest,
    unsigned char **der, size_t *derlen, char *err, size_t errsz)
{
	CMS_ContentInfo	*cms;
	CMS_SignerInfo	*si;
	EVP_MD_CTX	*md;
	unsigned char	*attrs, *sig, *out, *q;
	size_t		 attrslen, siglen;
	int		 n, i, rc;

	rc = -1;
	cms = NULL;
	md = NULL;
	attrs = sig = NULL;
	*der = NULL;
	*derlen = 0;
	cms = CMS_sign(NULL, NULL, NULL, NULL,
	    CMS_PARTIAL | CMS_DETACHED | CMS_BINARY);
	if (cms == NULL) {
		cms_error(err, errsz, "CMS_sign");
		goto out;
	}
	si = CMS_add1_signer(cms, s->cert, s->key, EVP_sha256(),
	    CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES | CMS_PARTIAL);
	if (si == NULL) {
		cms_error(err, errsz, "CMS_add1_signer");
		goto out;
	}
	for (i = 0; i < sk_X509_num(s->chain); i++)
		if (!CMS_add1_cert(cms, sk_X509_value(s->chain, i))) {
			cms_error(err, errsz, "CMS_add1_cert");
			goto out;
		}
	if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType,
	    V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
	    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest,
	    V_ASN1_OCTET_STRING, digest, 32) != 1) {
		cms_error(err, errsz, "signed attributes");
		goto out;
	}
	if (signed_attrs_der(si, &attrs, &attrslen) == -1) {
		cms_error(err, errsz, "encoding the signed attributes");
		goto out;
	}
	if ((md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, s->key) != 1 ||
	    EVP_DigestSign(md, NULL, &siglen, attrs, attrslen) != 1 ||
	    (sig = OPENSSL_malloc(siglen)) == NULL ||
	    EVP_DigestSign(md, sig, &siglen, attrs, attrslen) != 1) {
		cms_error(err, errsz, "signing");
		goto out;
	}
	/* The SignerInfo owns sig from here. */
	ASN1_STRING_set0(CMS_SignerInfo_get0_signature(si), sig, (int)siglen);
	sig = NULL;
	if ((n = i2d_CMS_ContentInfo(cms, NULL)) <= 0 ||
	    (out = malloc((size_t)n)) == NULL) {
		cms_error(err, errsz, "encoding the CMS");
		goto out;
	}
	q = out;
	i2d_CMS_ContentInfo(cms, &q);
	*der = out;
	*derlen = (size_t)n;
	rc = 0;
out:
	OPENSSL_free(sig);
	free(attrs);
	EVP_MD_CTX_free(md);
	CMS_ContentInfo_free(cms);
	return (rc);
}
