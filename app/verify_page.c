/*
 * verify_page – /verify, for anyone (issue #7): is this PDF a report
 * registered by this instance, is its signature valid, was it altered?
 *
 *	GET /verify			the form: upload the PDF, or type its
 *					SHA-256 (?empreinte=…: registered or not)
 *	POST /verify			the PDF (multipart/form-data, field
 *					"pdf"): the full verdict
 *
 * The signature is checked by reports/verify.c from the bytes alone
 * (against MESURE_REPORT_CA, read by the parent before the chroot); the
 * registration by the SHA-256 of the bytes (report_by_sha256.sql). Both
 * are said in plain words; nothing is stored.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "frfmt.h"
#include "html.h"
#include "report_portal.h"
#include "upload.h"
#include "verify.h"

#define VERIFY_PDF_MAX	(4 * 1024 * 1024)	/* Kore's http_body_max */

struct vctx {
	int				 uploaded;	/* a file, not a hash */
	struct report_verification	 v;
	char				 sha[65];	/* hex */
	unsigned char			 raw[32];
	char				 filename[201];
};

static int	verify_start(struct http_request *, struct mreq *);
static int	verify_found(struct http_request *, struct mreq *);
static int	verify_page(struct http_request *, struct mreq *, int,
		    const char *);

static const struct mreq_route verify_route = {
	.name = "verify",
	.start = verify_start,
	.ctx_size = sizeof(struct vctx),
	.roles = 0,
	.flags = MREQ_SESSION_OPTIONAL,
};

int
page_verify(struct http_request *req)
{
	return (mreq_run(req, &verify_route));
}

/* A SHA-256 as typed (64 hex digits, spaces and case ignored) into out. */
static int
sha_parse(const char *in, char *out)
{
	size_t	n = 0;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == ':' || *in == '\t')
			continue;
		if (n == 64 || !((*in >= '0' && *in <= '9') ||
		    (*in >= 'a' && *in <= 'f') || (*in >= 'A' && *in <= 'F')))
			return (-1);
		out[n++] = (*in >= 'A' && *in <= 'F') ? *in + 32 : *in;
	}
	out[n] = '\0';
	return (n == 64 ? 0 : -1);
}

static int
verify_start(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	struct upload	 u;
	char		 q[160];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method == HTTP_METHOD_GET) {
		if (req->query_string == NULL ||
		    qs_get(req->query_string, "empreinte", q, sizeof(q)) != 1 ||
		    q[0] == '\0')
			return (verify_page(req, m, 200, NULL));
		if (sha_parse(q, c->sha) == -1)
			return (verify_page(req, m, 422, "verify.err.sha"));
	} else {
		switch (upload_read(req, "pdf", VERIFY_PDF_MAX, &u)) {
		case UPLOAD_NOT_MULTIPART:
			return (verify_page(req, m, 415, "verify.err.form"));
		case UPLOAD_MISSING:
			return (verify_page(req, m, 422, "verify.err.no_file"));
		case UPLOAD_TOO_LARGE:
			return (verify_page(req, m, 413, "verify.err.too_large"));
		case UPLOAD_OK:
			break;
		}
		if (u.len < 5 || memcmp(u.data, "%PDF-", 5) != 0) {
			upload_free(&u);
			return (verify_page(req, m, 422, "verify.err.not_pdf"));
		}
		c->uploaded = 1;
		kore_strlcpy(c->filename, u.filename, sizeof(c->filename));
		crypto_hash_sha256(c->raw, (const unsigned char *)u.data, u.len);
		sodium_bin2hex(c->sha, sizeof(c->sha), c->raw, sizeof(c->raw));
		(void)report_verify((const unsigned char *)u.data, u.len,
		    app_settings.report_ca, app_settings.report_ca_len, &c->v);
		kore_log(LOG_INFO, "verify: %s %s", c->sha, c->v.detail);
		upload_free(&u);
	}
	/* bytea from hex: "\x…" in the text protocol. */
	snprintf(q, sizeof(q), "\\x%s", c->sha);
	return (mreq_query(m, SQL_REPORT_BY_SHA256, verify_found, 1, q));
}

static int
verify_found(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	return (verify_page(req, m, 200, NULL));
}

/* A PDF date ("D:20261128202633Z") as people read it, in UTC. */
static void
pdf_date(struct sbuf *o, enum lang l, const char *d)
{
	char	date[FRFMT_BUFSZ];
	int	y, mo, dd, h, mi;

	if (sscanf(d, "D:%4d%2d%2d%2d%2d", &y, &mo, &dd, &h, &mi) != 5) {
		html_escape(o, d);
		return;
	}
	fmt_date(date, sizeof(date), l, y, mo, dd);
	html_escape(o, date);
	sbuf_printf(o, l == LANG_FR ? " à %02d:%02d UTC" : ", %02d:%02d UTC",
	    h, mi);
}

/* The verdict on the signature, in words and with its facts. */
static void
verdict_html(struct sbuf *o, struct mreq *m, const struct vctx *c)
{
	const char	*kind;

	kind = c->v.verdict == REPORT_VALID ? "ok" : "error";
	staff_notice(o, kind, report_verdict_text(c->v.verdict, m->lang));
	if (c->v.verdict == REPORT_VALID || c->v.verdict == REPORT_NOT_OURS) {
		sbuf_puts(o, "<dl class=\"facts\"><dt>");
		html_escape(o, i18n_get(m->lang, "verify.signer"));
		sbuf_puts(o, "</dt><dd>");
		html_escape(o, c->v.signer);
		sbuf_puts(o, "</dd><dt>");
		html_escape(o, i18n_get(m->lang, "verify.signed_at"));
		sbuf_puts(o, "</dt><dd>");
		pdf_date(o, m->lang, c->v.signed_at);
		sbuf_puts(o, "</dd><dt>");
		html_escape(o, i18n_get(m->lang, "verify.fingerprint"));
		sbuf_puts(o, "</dt><dd><code class=\"wrap\">");
		html_escape(o, c->v.fingerprint);
		sbuf_puts(o, "</code></dd></dl>");
	}
}

/* Whether the bytes are registered here, and as what. */
static void
registered_html(struct sbuf *o, struct mreq *m)
{
	char	period[FRFMT_BUFSZ], when[FRFMT_BUFSZ * 2];
	int	y, mo, d;

	if (mreq_rows(m) != 1) {
		staff_notice(o, "error", i18n_get(m->lang,
		    "verify.reg.unknown"));
		return;
	}
	period[0] = '\0';
	if (sscanf(mreq_val(m, 0, 3), "%d-%d-%d", &y, &mo, &d) == 3) {
		if (strcmp(mreq_val(m, 0, 2), "annual") == 0)
			snprintf(period, sizeof(period), "%s %d",
			    i18n_get(m->lang, "rpt.year"), y);
		else
			fmt_quarter(period, sizeof(period), m->lang, y,
			    (mo - 1) / 3 + 1);
	}
	staff_time(when, sizeof(when), m->lang, mreq_val(m, 0, 8));
	staff_notice(o, strcmp(mreq_val(m, 0, 1), "signed") == 0 ? "ok" :
	    "info", i18n_get(m->lang, strcmp(mreq_val(m, 0, 1), "signed") ==
	    0 ? "verify.reg.signed" : "verify.reg.draft"));
	sbuf_puts(o, "<dl class=\"facts\"><dt>");
	html_escape(o, i18n_get(m->lang, "verify.org"));
	sbuf_puts(o, "</dt><dd>");
	html_escape(o, mreq_val(m, 0, 6));
	sbuf_puts(o, "</dd><dt>");
	html_escape(o, i18n_get(m->lang, "verify.project"));
	sbuf_puts(o, "</dt><dd>");
	html_escape(o, mreq_val(m, 0, 5));
	if (mreq_val(m, 0, 7)[0] != '\0') {
		sbuf_puts(o, " – ");
		html_escape(o, mreq_val(m, 0, 7));
	}
	sbuf_puts(o, "</dd><dt>");
	html_escape(o, i18n_get(m->lang, "verify.period"));
	sbuf_puts(o, "</dt><dd>");
	html_escape(o, period);
	if (when[0] != '\0') {
		sbuf_puts(o, "</dd><dt>");
		html_escape(o, i18n_get(m->lang, "verify.signed_at"));
		sbuf_puts(o, "</dt><dd>");
		html_escape(o, when);
	}
	sbuf_puts(o, "</dd></dl>");
	if (!mreq_isnull(m, 0, 9))
		staff_notice(o, "info", i18n_get(m->lang, "verify.replaced"));
}

static int
verify_page(struct http_request *req, struct mreq *m, int status,
    const char *err)
{
	struct vctx	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 out;

	sbuf_init(&out);
	if (err != NULL)
		staff_notice(&out, "error", i18n_get(m->lang, err));
	else if (c->sha[0] != '\0') {
		sbuf_puts(&out, "<section class=\"verdict\" aria-labelledby="
		    "\"verdict-h\"><h2 id=\"verdict-h\">");
		html_escape(&out, i18n_get(m->lang, "verify.result"));
		sbuf_puts(&out, "</h2><p>");
		if (c->filename[0] != '\0') {
			html_escape(&out, c->filename);
			sbuf_puts(&out, " – ");
		}
		html_escape(&out, i18n_get(m->lang, "verify.sha"));
		sbuf_puts(&out, " <code class=\"wrap\">");
		html_escape(&out, c->sha);
		sbuf_puts(&out, "</code></p>");
		if (c->uploaded)
			verdict_html(&out, m, c);
		registered_html(&out, m);
		if (!c->uploaded)
			staff_notice(&out, "info", i18n_get(m->lang,
			    "verify.hash_only"));
		sbuf_puts(&out, "</section>");
	}
	staff_tmpl_init(&t, m);
	/* Raw: built above from escaped text. */
	tmpl_set_raw(&t, "result", out.data);
	if (m->sess != NULL)
		(void)staff_page(req, m, status, &t, TMPL_VERIFY_PAGE,
		    i18n_get(m->lang, "verify.title"));
	else
		(void)respond_page(req, status, &t, TMPL_VERIFY_PAGE,
		    i18n_get(m->lang, "verify.title"), CACHE_NO_STORE);
	sbuf_free(&out);
	return (MREQ_DONE);
}
