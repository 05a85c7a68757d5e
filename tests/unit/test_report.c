/*
 * report: the report library without a database. Layout maths (line
 * breaking, axes, bars, stacks, changes); a model built by hand,
 * finished (statistics) and rendered in French and English – the same
 * model giving the same bytes; the PDF reader on good and bad input;
 * signing with a key made here, under a CA made here, and verifying:
 * valid, one byte changed, bytes appended, not signed, someone else's
 * CA; the signing daemon's frames over a socket pair.
 *
 * Needs the DejaVu fonts of fonts-dejavu-core.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "layout_math.h"
#include "pdfobj.h"
#include "report.h"
#include "report_model.h"
#include "signer.h"
#include "stats.h"
#include "unit.h"

#define FONTS	"/usr/share/fonts/truetype/dejavu"

/* Layout maths ----------------------------------------------------------- */

/* Every byte 5 points wide: easy to reason about. */
static double
mono(void *arg, const char *s, size_t n)
{
	(void)arg;
	(void)s;
	return (5.0 * (double)n);
}

static void
test_wrap(void)
{
	struct lm_line	l[8];
	const char	*s;
	size_t		 n;

	/* 50 points: 10 bytes a line, broken at spaces. */
	s = "un deux trois quatre cinq";
	n = lm_wrap(s, 50, mono, NULL, l, 8);
	CHECK_INT(n, 4);
	CHECK(l[0].len == 7 && strncmp(s + l[0].off, "un deux", 7) == 0,
	    "line 1");
	CHECK(strncmp(s + l[1].off, "trois", l[1].len) == 0 && l[1].len == 5,
	    "line 2: %.*s", (int)l[1].len, s + l[1].off);
	CHECK(l[2].len == 6 && strncmp(s + l[2].off, "quatre", 6) == 0,
	    "line 3");
	CHECK(l[3].len == 4 && strncmp(s + l[3].off, "cinq", 4) == 0,
	    "line 4");
	/* A no-break space (U+00A0) keeps "1 234 €" on one line. */
	s = "total 1\xc2\xa0" "234\xc2\xa0\xe2\x82\xac";
	n = lm_wrap(s, 60, mono, NULL, l, 8);
	CHECK_INT(n, 2);
	CHECK(l[1].len == strlen(s) - 6, "the figure stays whole");
	/* A word longer than the line is cut at a character boundary. */
	s = "épaté";
	n = lm_wrap(s, 15, mono, NULL, l, 8);
	CHECK(n >= 2, "cut: %zu lines", n);
	CHECK_INT(l[0].len, 3);	/* "é" (2 bytes) + "p": never half an é */
	/* Newlines always break; an empty text is one empty line. */
	n = lm_wrap("a\n\nb", 100, mono, NULL, l, 8);
	CHECK_INT(n, 3);
	CHECK_INT(l[1].len, 0);
	CHECK_INT(lm_wrap("", 100, mono, NULL, l, 8), 1);
	/* More lines than room: the count is still right. */
	CHECK_INT(lm_wrap("a b c d e f g h i j", 5, mono, NULL, l, 2), 10);
	CHECK_INT(lm_utf8_prefix("é", 1), 0);
}

static void
test_axis(void)
{
	double	top, step, x[4], w[4];

	CHECK(fabs(lm_nice_step(100, 4) - 25) < 1e-9, "100/4 → 25");
	CHECK(fabs(lm_nice_step(906, 4) - 250) < 1e-9, "906/4 → 250");
	CHECK(fabs(lm_nice_step(7, 4) - 2) < 1e-9, "7/4 → 2");
	CHECK(fabs(lm_nice_step(0.9, 4) - 0.25) < 1e-9, "0.9/4 → 0.25");
	lm_axis(906, 4, &top, &step);
	CHECK(step == 250 && top == 1000, "axis 906: %g by %g", top, step);
	lm_axis(3, 4, &top, &step);
	CHECK(step == 1 && top == 3, "counts step by at least 1: %g %g", top,
	    step);
	lm_axis(0, 4, &top, &step);
	CHECK(top > 0, "an empty axis still has a top");
	CHECK(lm_bar(50, 100, 200) == 100, "half");
	CHECK(lm_bar(150, 100, 200) == 200, "capped");
	CHECK(lm_bar(-1, 100, 200) == 0 && lm_bar(5, 0, 200) == 0, "nothing");
	{
		long long c[4] = { 1, 0, 2, 0 };

		lm_stack(c, 4, 90, x, w);
		CHECK(fabs(w[0] - 30) < 1e-9 && w[1] == 0 &&
		    fabs(x[2] - 30) < 1e-9 && fabs(w[2] - 60) < 1e-9,
		    "stack 1:2");
		CHECK(fabs(x[2] + w[2] - 90) < 1e-9, "the widths fill the bar");
	}
	{
		double rel;

		CHECK(lm_change(532, 906, &rel) && fabs(rel + 0.4128) < 1e-3,
		    "change −41 %%");
		CHECK(!lm_change(5, 0, &rel), "no change from nothing");
	}
}

/* A model by hand ------------------------------------------------------- */

static void
fill_model(struct report_model *m, enum lang l)
{
	static const char *const sites[] = { "Centre", "La Source", "Argonne",
	    "Blossières" };
	static const long long site_visits[] = { 120, 230, 150, 4 };
	struct rm_question	*q;
	size_t			 i, k;

	report_model_init(m);
	m->kind = REPORT_QUARTERLY;
	m->year = 2026;
	m->quarter = 3;
	m->lang = l;
	strcpy(m->period_start, "2026-07-01");
	strcpy(m->period_end, "2026-10-01");
	strcpy(m->period_last, "2026-09-30");
	m->as_of[0] = 2026;
	m->as_of[1] = 11;
	m->as_of[2] = 28;
	m->threshold = 11;
	m->org_name = "Action Numérique";
	m->org_slug = "action-numerique";
	m->project_code = "digilab";
	m->project_name = "Digilab Orléans";
	m->project_summary = "Service gratuit de facilitation des démarches "
	    "dématérialisées, dans quatre points d'accueil.";
	m->has_convention = 1;
	m->convention.reference = "FO-EMOJI-DIGILAB";
	m->convention.title = "EMOJI – autonomie numérique";
	m->convention.funder = "Fondation Orléans";
	m->convention.funder_kind = "foundation";
	m->convention.amount_cents = 1500000;
	m->convention.starts_on = "2025-10-01";
	m->convention.ends_on = "2027-09-30";
	m->schema_version = "0500";
	m->params_json = "{\"test\": true}";
	strcpy(m->data_sha256_hex, "00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff");
	m->ntrend = 4;
	m->cur = 3;
	for (i = 0; i < 4; i++) {
		snprintf(m->trend[i].quarter, sizeof(m->trend[i].quarter),
		    "2025-%02zu-01", i * 3 + 1);
		m->trend[i].year = 2026;
		m->trend[i].q = (int)i + 1;
		m->trend[i].visits.v = 700 + 50 * (long long)i;
		m->trend[i].people.v = 400 + 10 * (long long)i;
		m->trend[i].sat.v = 200;
		m->trend[i].out.v = 7;		/* small: hidden */
	}
	m->total.visits.v = 504;
	m->total.people.v = 310;
	m->total.newp = 90;
	m->total.minutes = 17000;
	m->sites.n = 4;
	m->sites.rows = rm_alloc(m, 4 * sizeof(struct rm_row));
	for (i = 0; i < 4; i++) {
		m->sites.rows[i].code = "s";
		m->sites.rows[i].label = sites[i];
		m->sites.rows[i].visits.v = site_visits[i];
		m->sites.rows[i].people.v = site_visits[i] / 2;
	}
	m->nind = 1;
	m->ind = rm_alloc(m, sizeof(*m->ind));
	m->ind[0].id = 1;
	m->ind[0].convention_ref = "FO-EMOJI-DIGILAB";
	m->ind[0].kind = "libre";
	m->ind[0].label = "Part des répondants qui pourront faire seuls la "
	    "prochaine fois";
	m->ind[0].unit = "%";
	m->ind[0].valid = 1;
	m->ind[0].source = IND_SRC_SURVEY;
	m->ind[0].measure = IND_MEAS_SHARE;
	m->ind[0].describe = "Part des répondants…";
	for (k = 0; k < 4; k++) {
		struct rm_eval *e = &m->ind[0].q[k];

		e->has = 1;
		strcpy(e->quarter, m->trend[k].quarter);
		e->num = 80 + (long long)k;
		e->den = 190;
		e->value = (double)e->num / (double)e->den;
		e->people = e->num;
		e->base_people = e->den;
		e->has_target = 1;
		e->target = 60;
	}
	m->nquestions = 1;
	m->questions = rm_alloc(m, sizeof(*m->questions));
	q = &m->questions[0];
	q->survey_kind = "satisfaction";
	q->survey_code = "satisfaction";
	q->code = "accueil";
	q->type = "smiley";
	q->label = "Comment avez-vous été accueilli ?";
	q->nopt = 5;
	q->opt = rm_alloc(m, 5 * sizeof(*q->opt));
	{
		static const char *const v[] = { "1", "2", "3", "4", "5" };
		static const long long c[] = { 2, 3, 20, 50, 125 };

		for (k = 0; k < 5; k++) {
			q->opt[k].value = v[k];
			q->opt[k].label = v[k];
			q->opt[k].count.v = c[k];
		}
	}
	q->answered.v = 200;
	m->sat_now.k = 175;
	m->sat_now.n = 200;
	m->sat_prev.k = 160;
	m->sat_prev.n = 190;
	m->attr_n = 120;
	m->attr_yes = 70;
	m->attr_yes_non = 30;
	m->attr_yes_unknown = 15;
	m->m_visits = 504;
	m->m_sat = 200;
	report_model_finish(m);
}

static void
test_finish(void)
{
	struct report_model	m;

	fill_model(&m, LANG_FR);
	/* The site with 4 visits is hidden, and a second one with it. */
	CHECK_INT(m.sites.rows[3].visits.st, STATS_SMALL);
	CHECK_INT(m.sites.rows[0].visits.st, STATS_SECONDARY);
	CHECK_INT(m.sites.rows[1].visits.st, STATS_SHOWN);
	/* The smiley: 2 and 3 hidden, 20 shown. */
	CHECK_INT(m.questions[0].opt[0].count.st, STATS_SMALL);
	CHECK_INT(m.questions[0].opt[1].count.st, STATS_SMALL);
	CHECK_INT(m.questions[0].opt[4].count.st, STATS_SHOWN);
	CHECK(m.questions[0].has_positive &&
	    m.questions[0].positive.state == STATS_SHOWN, "positive shown");
	CHECK_INT(m.trend[0].out.st, STATS_SMALL);
	CHECK_INT(m.ind[0].q[3].st, STATS_SHOWN);
	CHECK(m.ind[0].q[3].has_achieved &&
	    fabs(m.ind[0].q[3].achieved - (83.0 / 190.0 * 100.0) / 60.0) <
	    1e-9, "achieved against a target in percent");
	CHECK(m.ind[0].q[3].share.lo < m.ind[0].q[3].value &&
	    m.ind[0].q[3].share.hi > m.ind[0].q[3].value, "interval");
	CHECK_INT(m.attribution.attributed.state, STATS_SHOWN);
	report_model_free(&m);
}

static int
render(enum lang l, struct report_pdf *pdf)
{
	struct report_model	m;
	struct report_params	p;
	char			err[256];
	int			rc;

	fill_model(&m, l);
	memset(&p, 0, sizeof(p));
	p.font_dir = FONTS;
	rc = report_render(&m, &p, pdf, err, sizeof(err));
	if (rc == -1)
		printf("render: %s\n", err);
	report_model_free(&m);
	return (rc);
}

static void
test_render(struct report_pdf *fr)
{
	struct report_pdf	again, en;
	struct report_model	m;
	struct report_params	p;
	char			err[256];

	CHECK(render(LANG_FR, fr) == 0, "render fr");
	CHECK(fr->len > 10000 && memcmp(fr->data, "%PDF-", 5) == 0, "a PDF");
	CHECK(fr->pages >= 5, "pages: %d", fr->pages);
	/* Deterministic: the same model, the same bytes. */
	CHECK(render(LANG_FR, &again) == 0, "render again");
	CHECK(again.len == fr->len && memcmp(again.data, fr->data,
	    fr->len) == 0, "same bytes");
	report_pdf_free(&again);
	CHECK(render(LANG_EN, &en) == 0, "render en");
	CHECK(en.len != fr->len || memcmp(en.data, fr->data, fr->len) != 0,
	    "English differs");
	/* No /ID, no date but the caller's, fonts embedded. */
	CHECK(pdf_memrmem(fr->data, fr->len, "/ID") == NULL, "no /ID");
	CHECK(pdf_memrmem(fr->data, fr->len, "/CreationDate (D:20261128") !=
	    NULL, "the caller's date");
	CHECK(pdf_memrmem(fr->data, fr->len, "/FontFile2") != NULL,
	    "fonts embedded");
	CHECK(pdf_memrmem(fr->data, fr->len, "/Outlines") != NULL,
	    "an outline");
	CHECK(pdf_memrmem(fr->data, fr->len, "/MesureDataSHA256") != NULL,
	    "the data digest in the information dictionary");
	report_pdf_free(&en);
	/* A missing font is an error, not a crash. */
	fill_model(&m, LANG_FR);
	memset(&p, 0, sizeof(p));
	p.font_dir = "/nonexistent";
	CHECK(report_render(&m, &p, &again, err, sizeof(err)) == -1 &&
	    strstr(err, "font") != NULL, "missing font: %s", err);
	report_model_free(&m);
}

/* The PDF reader --------------------------------------------------------- */

static void
test_pdfobj(const struct report_pdf *pdf)
{
	static const unsigned char d[] =
	    "<< /A 1 /B [1 2 (x(y)\\)) <414> << /C 3 0 R >>] /D 4 0 R /E /F >>";
	struct pdf_value	v;
	struct pdf_xref		x;
	size_t			len = sizeof(d) - 1;
	unsigned char		out[4];

	CHECK(pdf_dict_get(d, len, 0, "A", &v) == 1 && v.ival == 1, "A");
	CHECK(pdf_dict_get(d, len, 0, "D", &v) == 1 && v.is_ref &&
	    v.ival == 4, "D is a reference");
	CHECK(pdf_dict_get(d, len, 0, "E", &v) == 1 &&
	    pdf_name_is(d, len, &v, "F"), "E is /F");
	CHECK(pdf_dict_get(d, len, 0, "C", &v) == 0, "C is not at the top");
	CHECK(pdf_dict_get(d, len, 0, "B", &v) == 1 &&
	    v.type == PDF_T_ARRAY_OPEN, "B is an array");
	CHECK(pdf_array_item(d, len, v.start, 3, &v) == 1 &&
	    v.type == PDF_T_HEX, "B[3] is hex");
	CHECK_INT(pdf_hex_decode(d, v.start, v.end, out, sizeof(out)), 2);
	CHECK(out[0] == 0x41 && out[1] == 0x40, "odd hex ends with 0");
	/* Truncated and unbalanced input: errors, no reads past the end. */
	CHECK(pdf_dict_get(d, 20, 0, "D", &v) == -1, "truncated");
	CHECK(pdf_dict_get((const unsigned char *)"<< /A (x", 8, 0, "A",
	    &v) == -1, "open string");
	CHECK(pdf_dict_get((const unsigned char *)"<< /A [ >>", 10, 0, "A",
	    &v) == -1, "mismatched brackets");
	/* The cross-reference table of a rendered report. */
	CHECK(pdf_xref_read(pdf->data, pdf->len, &x) == 0, "xref");
	CHECK(x.root == 1 && x.size > 10 && !x.encrypted, "trailer");
	CHECK(pdf_xref_obj(pdf->data, pdf->len, &x, x.root, &v) == 0 &&
	    pdf_dict_get(pdf->data, pdf->len, v.start, "Type", &v) == 1 &&
	    pdf_name_is(pdf->data, pdf->len, &v, "Catalog"), "catalog");
	pdf_xref_free(&x);
}

/* Signing and verifying ------------------------------------------------ */

static EVP_PKEY *
ec_key(void)
{
	return (EVP_EC_gen("P-256"));
}

static void
ext(X509 *c, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX		 ctx;
	X509_EXTENSION		*e;

	X509V3_set_ctx(&ctx, issuer, c, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	X509_add_ext(c, e, -1);
	X509_EXTENSION_free(e);
}

static X509 *
make_cert(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *ikey,
    int ca)
{
	X509		*c;
	X509_NAME	*n;

	c = X509_new();
	X509_set_version(c, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(c), ca ? 1 : 2);
	X509_gmtime_adj(X509_getm_notBefore(c), -3600);
	X509_gmtime_adj(X509_getm_notAfter(c), 3600L * 24 * 30);
	X509_set_pubkey(c, key);
	n = X509_get_subject_name(c);
	X509_NAME_add_entry_by_txt(n, "O", MBSTRING_UTF8,
	    (const unsigned char *)"Essai Mesure", -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(c, issuer != NULL ?
	    X509_get_subject_name(issuer) : n);
	if (ca) {
		ext(c, c, NID_basic_constraints, "critical,CA:TRUE");
		ext(c, c, NID_key_usage, "critical,keyCertSign,cRLSign");
	} else {
		ext(c, issuer, NID_basic_constraints, "critical,CA:FALSE");
		ext(c, issuer, NID_key_usage,
		    "critical,digitalSignature,nonRepudiation");
		ext(c, issuer, NID_ext_key_usage, "emailProtection");
	}
	X509_sign(c, ikey != NULL ? ikey : key, EVP_sha256());
	return (c);
}

static char *
pem_of(X509 *c, size_t *len)
{
	BIO	*b;
	char	*p, *out;
	long	 n;

	b = BIO_new(BIO_s_mem());
	PEM_write_bio_X509(b, c);
	n = BIO_get_mem_data(b, &p);
	out = malloc((size_t)n + 1);
	memcpy(out, p, (size_t)n);
	out[n] = '\0';
	*len = (size_t)n;
	BIO_free(b);
	return (out);
}

static void
test_sign_verify(const struct report_pdf *pdf)
{
	struct report_signer		 signer;
	struct report_sign_params	 sp;
	struct report_verification	 r;
	struct report_pdf		 s1, s2;
	EVP_PKEY			*cakey, *key, *okey;
	X509				*ca, *leaf, *other;
	char				 dir[] = "/tmp/mesure-test-XXXXXX",
					 kp[64], cp[64], err[256];
	char				*capem, *otherpem;
	size_t				 calen, otherlen;
	unsigned char			*bad;
	FILE				*f;

	cakey = ec_key();
	key = ec_key();
	okey = ec_key();
	ca = make_cert("Essai CA", cakey, NULL, NULL, 1);
	leaf = make_cert("Essai signataire é", key, ca, cakey, 0);
	other = make_cert("Autre CA", okey, NULL, NULL, 1);
	capem = pem_of(ca, &calen);
	otherpem = pem_of(other, &otherlen);
	CHECK(mkdtemp(dir) != NULL, "temporary directory");
	snprintf(kp, sizeof(kp), "%s/k.pem", dir);
	snprintf(cp, sizeof(cp), "%s/c.pem", dir);
	f = fopen(kp, "w");
	PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	f = fopen(cp, "w");
	PEM_write_X509(f, leaf);
	fclose(f);

	CHECK(report_signer_key(&signer, kp, cp, NULL, err, sizeof(err)) == 0,
	    "signer: %s", err);
	memset(&sp, 0, sizeof(sp));
	sp.role = "Coordinatrice du projet";
	sp.when = 1795357800;	/* 2026-11-22 */
	sp.lang = LANG_FR;
	CHECK(report_sign(pdf->data, pdf->len, &signer, &sp, &s1, err,
	    sizeof(err)) == 0, "sign: %s", err);
	/* The original bytes are kept, the update appended. */
	CHECK(s1.len > pdf->len && memcmp(s1.data, pdf->data, pdf->len) == 0,
	    "incremental update");
	CHECK(pdf_memrmem(s1.data, s1.len, "/ETSI.CAdES.detached") != NULL,
	    "PAdES sub-filter");
	/* Signing twice is refused. */
	CHECK(report_sign(s1.data, s1.len, &signer, &sp, &s2, err,
	    sizeof(err)) == -1 && strstr(err, "already signed") != NULL,
	    "no second signature: %s", err);

	report_verify(s1.data, s1.len, capem, calen, &r);
	CHECK_INT(r.verdict, REPORT_VALID);
	CHECK(r.whole && r.digest_ok && r.trusted, "valid: %s", r.detail);
	CHECK(strstr(r.signer, "Essai signataire é") != NULL, "signer %s",
	    r.signer);
	CHECK(strcmp(r.signed_at, "D:20261122143000Z") == 0, "time %s",
	    r.signed_at);

	/* One byte changed anywhere signed: altered. */
	bad = malloc(s1.len + 16);
	memcpy(bad, s1.data, s1.len);
	bad[s1.len / 3] ^= 0x01;
	report_verify(bad, s1.len, capem, calen, &r);
	CHECK_INT(r.verdict, REPORT_ALTERED);
	CHECK(!r.digest_ok, "digest mismatch: %s", r.detail);
	/* Bytes appended after the signature: altered. */
	memcpy(bad, s1.data, s1.len);
	memcpy(bad + s1.len, "%% more\n", 8);
	report_verify(bad, s1.len + 8, capem, calen, &r);
	CHECK_INT(r.verdict, REPORT_ALTERED);
	CHECK(r.digest_ok && !r.whole, "appended: %s", r.detail);
	/* The ByteRange moved: altered, not trusted blindly. */
	memcpy(bad, s1.data, s1.len);
	{
		unsigned char *br = (unsigned char *)pdf_memrmem(bad, s1.len,
		    "/ByteRange [0 ");

		CHECK(br != NULL, "ByteRange found");
		if (br != NULL)
			br[14] = br[14] == '9' ? '8' : br[14] + 1;
	}
	report_verify(bad, s1.len, capem, calen, &r);
	CHECK(r.verdict == REPORT_ALTERED || r.verdict == REPORT_MALFORMED,
	    "ByteRange moved: %d %s", r.verdict, r.detail);
	free(bad);
	/* Not signed; signed under someone else's CA; no CA. */
	report_verify(pdf->data, pdf->len, capem, calen, &r);
	CHECK_INT(r.verdict, REPORT_NOT_SIGNED);
	report_verify(s1.data, s1.len, otherpem, otherlen, &r);
	CHECK_INT(r.verdict, REPORT_NOT_OURS);
	report_verify(s1.data, s1.len, NULL, 0, &r);
	CHECK_INT(r.verdict, REPORT_NOT_OURS);
	report_verify((const unsigned char *)"not a pdf", 9, capem, calen, &r);
	CHECK_INT(r.verdict, REPORT_NOT_SIGNED);
	CHECK(strstr(report_verdict_text(REPORT_ALTERED, LANG_FR),
	    "modifié") != NULL, "the verdict in French");

	report_pdf_free(&s1);
	report_signer_free(&signer);
	unlink(kp);
	unlink(cp);
	rmdir(dir);
	free(capem);
	free(otherpem);
	X509_free(ca);
	X509_free(leaf);
	X509_free(other);
	EVP_PKEY_free(cakey);
	EVP_PKEY_free(key);
	EVP_PKEY_free(okey);
}

/* The daemon's frames: whole, bounded, with their magic. */
static void
test_frames(void)
{
	int		sv[2], type;
	unsigned char	buf[64], big[SIGNER_REQ_MAX + 8];
	size_t		n;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	CHECK(signer_write_frame(sv[0], SIGNER_REQ_SIGN, "0123456789abcdef"
	    "0123456789abcdef", 32) == 0, "write");
	CHECK(signer_read_frame(sv[1], &type, buf, sizeof(buf), &n) == 0 &&
	    type == SIGNER_REQ_SIGN && n == 32 && memcmp(buf, "0123", 4) == 0,
	    "read back");
	/* Too long for the reader: refused. */
	memset(big, 'x', sizeof(big));
	signer_write_frame(sv[0], SIGNER_REQ_SIGN, big, sizeof(big));
	CHECK(signer_read_frame(sv[1], &type, buf, SIGNER_REQ_MAX, &n) == -1,
	    "too long");
	close(sv[0]);
	close(sv[1]);
	/* Bad magic: refused. */
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	CHECK(write(sv[0], "XXXXS\0\0\0\0", 9) == 9, "write junk");
	CHECK(signer_read_frame(sv[1], &type, buf, sizeof(buf), &n) == -1,
	    "bad magic");
	close(sv[0]);
	close(sv[1]);
}

int
main(void)
{
	struct report_pdf	pdf;

	test_wrap();
	test_axis();
	test_finish();
	memset(&pdf, 0, sizeof(pdf));
	test_render(&pdf);
	if (pdf.data != NULL) {
		test_pdfobj(&pdf);
		test_sign_verify(&pdf);
	}
	test_frames();
	report_pdf_free(&pdf);
	UNIT_END();
}
