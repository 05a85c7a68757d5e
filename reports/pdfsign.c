/*
 * pdfsign – adds a PAdES B-B signature to a report as an incremental
 * update, exactly as ../shared/PDF-SIGNING.md describes: the bytes
 * libharu wrote are never touched; appended after them are the catalog
 * again (with /AcroForm), the last page again (with /Annots), the
 * signature field and widget in one object (visible, over the block the
 * layout drew at the bottom of the last page, RP_SIG_*), its appearance
 * (a form XObject drawn with the document's own embedded fonts), the
 * signature dictionary with a fixed-width /ByteRange and a zeroed
 * /Contents, a new xref section and trailer. Then /ByteRange is patched
 * in place, the SHA-256 of everything but /Contents is signed by the
 * signer (this process or the signing daemon) and the CMS is written,
 * in hex, into /Contents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cms.h"
#include "frfmt.h"
#include "pdfobj.h"
#include "report.h"
#include "report_pdf.h"
#include "sbuf.h"

/* Room for the CMS: 16 KiB of DER, enough for a chain and, later, an
 * RFC 3161 timestamp (PAdES B-T). */
#define SIG_CONTENTS_MAX	16384
#define BYTERANGE_WIDTH		44

struct signctx {
	const unsigned char	*pdf;
	size_t			 len;
	struct pdf_xref		 x;
	long long		 page;		/* the last page's number */
	struct pdf_value	 catalog;
	struct pdf_value	 pageobj;
	long long		 font_regular;	/* object numbers */
	long long		 font_bold;
	char			*err;
	size_t			 errsz;
};

static int
sfail(struct signctx *c, const char *why)
{
	snprintf(c->err, c->errsz, "signing: %s", why);
	return (-1);
}

/* Find the last page of the tree under pages (depth-first, last kid). */
static int
last_page(struct signctx *c, long long pages, int depth)
{
	struct pdf_value	v, kids, kid, type;
	size_t			i;
	long long		last;

	if (depth > 16)
		return (sfail(c, "the page tree is too deep"));
	if (pdf_xref_obj(c->pdf, c->len, &c->x, pages, &v) == -1 ||
	    v.type != PDF_T_DICT_OPEN)
		return (sfail(c, "cannot read the page tree"));
	if (pdf_dict_get(c->pdf, c->len, v.start, "Type", &type) != 1)
		return (sfail(c, "a page without /Type"));
	if (pdf_name_is(c->pdf, c->len, &type, "Page")) {
		c->page = pages;
		c->pageobj = v;
		return (0);
	}
	if (pdf_dict_get(c->pdf, c->len, v.start, "Kids", &kids) != 1 ||
	    kids.type != PDF_T_ARRAY_OPEN)
		return (sfail(c, "pages without /Kids"));
	last = -1;
	for (i = 0; i < 100000; i++) {
		int r = pdf_array_item(c->pdf, c->len, kids.start, i, &kid);

		if (r == 0)
			break;
		if (r == -1 || !kid.is_ref)
			return (sfail(c, "bad /Kids"));
		last = kid.ival;
	}
	if (last < 0)
		return (sfail(c, "a document without pages"));
	return (last_page(c, last, depth + 1));
}

/* The regular and bold fonts of the last page (libharu's F1, F2). */
static int
find_fonts(struct signctx *c)
{
	struct pdf_value	res, fonts, name, v, base;
	struct pdf_token	t;
	size_t			pos;

	if (pdf_dict_get(c->pdf, c->len, c->pageobj.start, "Resources",
	    &res) != 1)
		return (sfail(c, "the last page has no resources"));
	if (res.is_ref && (pdf_xref_obj(c->pdf, c->len, &c->x, res.ival,
	    &res) == -1))
		return (sfail(c, "cannot read the page's resources"));
	if (res.type != PDF_T_DICT_OPEN ||
	    pdf_dict_get(c->pdf, c->len, res.start, "Font", &fonts) != 1)
		return (sfail(c, "the last page has no fonts"));
	if (fonts.is_ref && pdf_xref_obj(c->pdf, c->len, &c->x, fonts.ival,
	    &fonts) == -1)
		return (sfail(c, "cannot read the page's fonts"));
	if (fonts.type != PDF_T_DICT_OPEN)
		return (sfail(c, "bad font resources"));
	c->font_regular = c->font_bold = -1;
	pos = fonts.start;
	pdf_token(c->pdf, c->len, &pos, &t);		/* << */
	for (;;) {
		if (pdf_value(c->pdf, c->len, &pos, &name) == -1 ||
		    name.type != PDF_T_NAME)
			break;
		if (pdf_value(c->pdf, c->len, &pos, &v) == -1 || !v.is_ref)
			break;
		if (pdf_xref_obj(c->pdf, c->len, &c->x, v.ival, &base) == -1 ||
		    base.type != PDF_T_DICT_OPEN ||
		    pdf_dict_get(c->pdf, c->len, base.start, "BaseFont",
		    &base) != 1 || base.type != PDF_T_NAME)
			continue;
		if (memmem(c->pdf + base.start, base.end - base.start, "Bold",
		    4) != NULL)
			c->font_bold = v.ival;
		else
			c->font_regular = v.ival;
	}
	if (c->font_regular < 0)
		return (sfail(c, "no regular font on the last page"));
	if (c->font_bold < 0)
		c->font_bold = c->font_regular;
	return (0);
}

/*
 * A dictionary's text with more entries inserted before its closing
 * ">>": the object written again in the update.
 */
static void
dict_with(struct sbuf *sb, const unsigned char *pdf,
    const struct pdf_value *d, const char *more)
{
	size_t	end;

	end = d->end - 2;	/* the ">>" */
	sbuf_add(sb, pdf + d->start, end - d->start);
	sbuf_puts(sb, more);
	sbuf_puts(sb, "\n>>");
}

/* A PDF text string: (ASCII) when it can be, else UTF-16BE in hex. */
static void
text_string(struct sbuf *sb, const char *s)
{
	const unsigned char	*p;
	unsigned int		 cp;
	int			 ascii;

	ascii = 1;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e || *p == '(' || *p == ')' ||
		    *p == '\\')
			ascii = 0;
	if (ascii) {
		sbuf_printf(sb, "(%s)", s);
		return;
	}
	sbuf_puts(sb, "<FEFF");
	for (p = (const unsigned char *)s; *p != '\0';) {
		if (*p < 0x80)
			cp = *p++;
		else if ((*p & 0xe0) == 0xc0 && p[1] != '\0') {
			cp = (unsigned)(*p & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if ((*p & 0xf0) == 0xe0 && p[1] != '\0' &&
		    p[2] != '\0') {
			cp = (unsigned)(*p & 0x0f) << 12 |
			    (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		} else {
			cp = '?';
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
		}
		sbuf_printf(sb, "%04X", cp > 0xffff ? '?' : cp);
	}
	sbuf_putc(sb, '>');
}

/* Whether code point cp is one of RP_SIG_GLYPHS (kept in the subset). */
static int
glyph_ok(unsigned int cp)
{
	static const char	 set[] = RP_SIG_GLYPHS;
	const unsigned char	*p;
	unsigned int		 c;

	for (p = (const unsigned char *)set; *p != '\0';) {
		if (*p < 0x80)
			c = *p++;
		else if ((*p & 0xe0) == 0xc0) {
			c = (unsigned)(*p & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else {
			c = (unsigned)(*p & 0x0f) << 12 |
			    (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		}
		if (c == cp)
			return (1);
	}
	return (0);
}

/*
 * One line of the appearance: s as two-byte codes (Unicode code points,
 * which is how libharu's UTF-8 fonts are encoded: Identity-H over a
 * CIDToGIDMap) at (x, y). Characters whose glyphs may be missing from
 * the embedded subset become "?".
 */
static void
ap_line(struct sbuf *sb, const char *font, float size, float x, float y,
    const char *s)
{
	const unsigned char	*p;
	unsigned int		 cp;

	sbuf_printf(sb, "BT /%s %.1f Tf %.2f %.2f Td <", font, size, x, y);
	for (p = (const unsigned char *)s; *p != '\0';) {
		if (*p < 0x80)
			cp = *p++;
		else if ((*p & 0xe0) == 0xc0 && p[1] != '\0') {
			cp = (unsigned)(*p & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if ((*p & 0xf0) == 0xe0 && p[1] != '\0' &&
		    p[2] != '\0') {
			cp = (unsigned)(*p & 0x0f) << 12 |
			    (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		} else {
			cp = '?';
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
		}
		if (!glyph_ok(cp))
			cp = '?';
		sbuf_printf(sb, "%04X", cp);
	}
	sbuf_puts(sb, "> Tj ET\n");
}

/* The visible block: who signed, in which role, when, which certificate. */
static void
appearance(struct sbuf *ap, X509 *cert, const struct report_sign_params *sp,
    const struct tm *tm)
{
	char	name[160], fp[100], line[400], date[64];
	int	fr;

	fr = sp->lang == LANG_FR;
	cms_cert_name(cert, name, sizeof(name));
	cms_cert_fingerprint(cert, fp, sizeof(fp));
	fmt_date(date, sizeof(date), sp->lang, tm->tm_year + 1900,
	    tm->tm_mon + 1, tm->tm_mday);
	sbuf_puts(ap, "0.118 0.141 0.176 rg\n");
	snprintf(line, sizeof(line), "%s %s", fr ? "Signé par :" :
	    "Signed by:", name);
	ap_line(ap, "F2", 8.5f, 0, RP_SIG_WIDGET_H - 12.0f, line);
	snprintf(line, sizeof(line), "%s %s", fr ? "Rôle :" : "Role:",
	    sp->role != NULL && *sp->role != '\0' ? sp->role :
	    (fr ? "représentant de l'organisation" :
	    "on behalf of the organisation"));
	ap_line(ap, "F1", 8.0f, 0, RP_SIG_WIDGET_H - 26.0f, line);
	snprintf(line, sizeof(line), fr ? "Date : %s à %02d:%02d UTC" :
	    "Date: %s at %02d:%02d UTC", date, tm->tm_hour, tm->tm_min);
	ap_line(ap, "F1", 8.0f, 0, RP_SIG_WIDGET_H - 39.0f, line);
	snprintf(line, sizeof(line), "%s", fr ?
	    "Empreinte SHA-256 du certificat :" :
	    "Certificate SHA-256 fingerprint:");
	ap_line(ap, "F1", 7.0f, 0, RP_SIG_WIDGET_H - 52.0f, line);
	ap_line(ap, "F1", 6.5f, 0, RP_SIG_WIDGET_H - 62.0f, fp);
}

/*
 * Sign pdf (a report as report_render() wrote it, not yet signed) into
 * out. Returns 0, or -1 with err set.
 */
int
report_sign(const unsigned char *pdf, size_t len,
    const struct report_signer *signer, const struct report_sign_params *sp,
    struct report_pdf *out, char *err, size_t errsz)
{
	struct signctx		 c;
	struct sbuf		 sb, ap, more;
	struct pdf_value	 v;
	unsigned char		*certder, *cms, digest[32], idh[32];
	const unsigned char	*q;
	size_t			 certlen, cmslen, off[5], xref_at, a, b, i;
	long long		 S, nobj[5];
	unsigned int		 mdlen;
	X509			*cert;
	EVP_MD_CTX		*md;
	struct tm		 tm;
	char			 br[64], when[32];
	int			 rc;

	memset(&c, 0, sizeof(c));
	memset(out, 0, sizeof(*out));
	c.pdf = pdf;
	c.len = len;
	c.err = err;
	c.errsz = errsz;
	sbuf_init(&sb);
	sbuf_init(&ap);
	sbuf_init(&more);
	certder = cms = NULL;
	cert = NULL;
	md = NULL;
	rc = -1;

	if (len < 64 || memcmp(pdf, "%PDF-", 5) != 0) {
		sfail(&c, "not a PDF");
		goto done;
	}
	if (pdf_memrmem(pdf, len, "/ByteRange") != NULL) {
		sfail(&c, "the document is already signed");
		goto done;
	}
	if (pdf_xref_read(pdf, len, &c.x) == -1) {
		sfail(&c, "cannot read the cross-reference table");
		goto done;
	}
	if (c.x.encrypted) {
		sfail(&c, "the document is encrypted");
		goto done;
	}
	if (pdf_xref_obj(pdf, len, &c.x, c.x.root, &c.catalog) == -1 ||
	    c.catalog.type != PDF_T_DICT_OPEN ||
	    pdf_dict_get(pdf, len, c.catalog.start, "Pages", &v) != 1 ||
	    !v.is_ref) {
		sfail(&c, "cannot read the catalog");
		goto done;
	}
	if (pdf_dict_get(pdf, len, c.catalog.start, "AcroForm", &v) != 0) {
		sfail(&c, "the document already has a form");
		goto done;
	}
	if (last_page(&c, v.ival, 0) == -1 || find_fonts(&c) == -1)
		goto done;
	if (pdf_dict_get(pdf, len, c.pageobj.start, "Annots", &v) != 0) {
		sfail(&c, "the last page already has annotations");
		goto done;
	}

	/* Who signs: the certificate first, for the visible block. */
	if (signer->cert(signer->arg, &certder, &certlen, err, errsz) == -1)
		goto done;
	q = certder;
	if ((cert = d2i_X509(NULL, &q, (long)certlen)) == NULL) {
		sfail(&c, "the signer's certificate does not parse");
		goto done;
	}
	if (gmtime_r(&sp->when, &tm) == NULL) {
		sfail(&c, "bad signing time");
		goto done;
	}
	strftime(when, sizeof(when), "D:%Y%m%d%H%M%SZ", &tm);

	S = c.x.size;
	nobj[0] = c.x.root;
	nobj[1] = c.page;
	nobj[2] = S;		/* field + widget */
	nobj[3] = S + 1;	/* signature dictionary */
	nobj[4] = S + 2;	/* appearance */

	sbuf_add(&sb, pdf, len);
	if (pdf[len - 1] != '\n')
		sbuf_putc(&sb, '\n');

	/* The catalog again, with the form. */
	off[0] = sb.len;
	sbuf_printf(&sb, "%lld 0 obj\n", c.x.root);
	sbuf_reset(&more);
	sbuf_printf(&more, "\n/AcroForm << /Fields [%lld 0 R] /SigFlags 3 >>",
	    S);
	dict_with(&sb, pdf, &c.catalog, more.data);
	sbuf_puts(&sb, "\nendobj\n");

	/* The last page again, with the widget. */
	off[1] = sb.len;
	sbuf_printf(&sb, "%lld 0 obj\n", c.page);
	sbuf_reset(&more);
	sbuf_printf(&more, "\n/Annots [%lld 0 R]", S);
	dict_with(&sb, pdf, &c.pageobj, more.data);
	sbuf_puts(&sb, "\nendobj\n");

	/* The field and its widget, visible over the block of the layout. */
	off[2] = sb.len;
	sbuf_printf(&sb, "%lld 0 obj\n<< /Type /Annot /Subtype /Widget "
	    "/FT /Sig /T (Signature1) /F 132 /Rect [%.2f %.2f %.2f %.2f] "
	    "/P %lld 0 R /V %lld 0 R /AP << /N %lld 0 R >> >>\nendobj\n", S,
	    RP_SIG_WIDGET_X, RP_SIG_WIDGET_Y, RP_SIG_WIDGET_X + RP_SIG_WIDGET_W,
	    RP_SIG_WIDGET_Y + RP_SIG_WIDGET_H, c.page, S + 1, S + 2);

	/* The signature dictionary, with its placeholders. */
	off[3] = sb.len;
	sbuf_printf(&sb, "%lld 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite "
	    "/SubFilter /ETSI.CAdES.detached /ByteRange [", S + 1);
	a = sb.len;		/* where the ByteRange numbers go */
	for (i = 0; i < BYTERANGE_WIDTH; i++)
		sbuf_putc(&sb, ' ');
	sbuf_puts(&sb, "] /Contents ");
	b = sb.len;		/* the '<' of /Contents */
	sbuf_putc(&sb, '<');
	for (i = 0; i < 2 * SIG_CONTENTS_MAX; i++)
		sbuf_putc(&sb, '0');
	sbuf_putc(&sb, '>');
	sbuf_printf(&sb, " /M (%s) /Name ", when);
	{
		char name[160];

		cms_cert_name(cert, name, sizeof(name));
		text_string(&sb, name);
	}
	sbuf_puts(&sb, " /Reason ");
	text_string(&sb, sp->reason != NULL ? sp->reason :
	    sp->lang == LANG_FR ? "Rapport d'impact certifié par l'organisation" :
	    "Impact report certified by the organisation");
	if (sp->location != NULL && *sp->location != '\0') {
		sbuf_puts(&sb, " /Location ");
		text_string(&sb, sp->location);
	}
	if (sp->role != NULL && *sp->role != '\0') {
		sbuf_puts(&sb, " /ContactInfo ");
		text_string(&sb, sp->role);
	}
	sbuf_puts(&sb, " >>\nendobj\n");

	/* The appearance: a form XObject with the document's fonts. */
	appearance(&ap, cert, sp, &tm);
	off[4] = sb.len;
	sbuf_printf(&sb, "%lld 0 obj\n<< /Type /XObject /Subtype /Form "
	    "/BBox [0 0 %.2f %.2f] /Resources << /Font << /F1 %lld 0 R "
	    "/F2 %lld 0 R >> >> /Length %zu >>\nstream\n", S + 2,
	    RP_SIG_WIDGET_W, RP_SIG_WIDGET_H, c.font_regular, c.font_bold,
	    ap.len);
	sbuf_add(&sb, ap.data, ap.len);
	sbuf_puts(&sb, "\nendstream\nendobj\n");

	/* The cross-reference section, one subsection per object. */
	xref_at = sb.len;
	sbuf_puts(&sb, "xref\n");
	{
		/* In ascending object order. */
		size_t		 order[5] = { 0, 1, 2, 3, 4 }, j, k, t;

		for (j = 0; j < 5; j++)
			for (k = j + 1; k < 5; k++)
				if (nobj[order[k]] < nobj[order[j]]) {
					t = order[j];
					order[j] = order[k];
					order[k] = t;
				}
		for (j = 0; j < 5; j++)
			sbuf_printf(&sb, "%lld 1\n%010zu 00000 n\r\n",
			    nobj[order[j]], off[order[j]]);
	}
	/* A new /ID from the original bytes: the same input, the same ID. */
	EVP_Digest(pdf, len, idh, &mdlen, EVP_sha256(), NULL);
	sbuf_printf(&sb, "trailer\n<< /Size %lld /Root %lld 0 R", S + 3,
	    c.x.root);
	if (c.x.info > 0)
		sbuf_printf(&sb, " /Info %lld 0 R", c.x.info);
	sbuf_printf(&sb, " /Prev %zu /ID [<", c.x.startxref);
	for (i = 0; i < 16; i++)
		sbuf_printf(&sb, "%02X", idh[i]);
	sbuf_puts(&sb, "> <");
	for (i = 0; i < 16; i++)
		sbuf_printf(&sb, "%02X", idh[i]);
	sbuf_printf(&sb, ">] >>\nstartxref\n%zu\n%%%%EOF\n", xref_at);
	if (sb.failed) {
		sfail(&c, "out of memory");
		goto done;
	}

	/* Patch /ByteRange: everything but the <…> of /Contents. */
	{
		size_t cend = b + 2 + 2 * SIG_CONTENTS_MAX;
		int n;

		n = snprintf(br, sizeof(br), "0 %zu %zu %zu", b, cend,
		    sb.len - cend);
		if (n < 0 || (size_t)n > BYTERANGE_WIDTH) {
			sfail(&c, "the document is too large");
			goto done;
		}
		memcpy(sb.data + a, br, (size_t)n);

		if ((md = EVP_MD_CTX_new()) == NULL ||
		    EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1 ||
		    EVP_DigestUpdate(md, sb.data, b) != 1 ||
		    EVP_DigestUpdate(md, sb.data + cend, sb.len - cend) != 1 ||
		    EVP_DigestFinal_ex(md, digest, &mdlen) != 1) {
			sfail(&c, "SHA-256 failed");
			goto done;
		}
	}
	if (signer->sign(signer->arg, digest, &cms, &cmslen, err, errsz) == -1)
		goto done;
	if (cmslen > SIG_CONTENTS_MAX) {
		sfail(&c, "the signature does not fit in /Contents");
		goto done;
	}
	for (i = 0; i < cmslen; i++) {
		static const char hex[] = "0123456789ABCDEF";

		sb.data[b + 1 + 2 * i] = hex[cms[i] >> 4];
		sb.data[b + 2 + 2 * i] = hex[cms[i] & 15];
	}
	out->len = sb.len;
	out->data = (unsigned char *)sbuf_steal(&sb, NULL);
	if (out->data == NULL) {
		sfail(&c, "out of memory");
		goto done;
	}
	EVP_Digest(out->data, out->len, out->sha256, &mdlen, EVP_sha256(),
	    NULL);
	rc = 0;
done:
	EVP_MD_CTX_free(md);
	X509_free(cert);
	free(certder);
	free(cms);
	sbuf_free(&more);
	sbuf_free(&ap);
	sbuf_free(&sb);
	pdf_xref_free(&c.x);
	return (rc);
}
