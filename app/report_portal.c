/*
 * report_portal – the signed reports in the browser (issue #7):
 *
 *	GET /rapports			the reports one may read: a funder, the
 *					signed reports shared with it for the
 *					conventions it funds (the funders'
 *					portal); a coordinator, every report
 *					of the organisation, to share
 *	GET /rapports/ID.pdf		download one (audit-logged)
 *	POST /rapports/ID/partager	a coordinator sends a signed report
 *					to the funder's portal (audit-logged)
 *
 * Reports are made and signed from the browser (app/report_make.c) or by
 * build/mesure-report (reports/README.md). The scope comes from the
 * session only; a report out of it answers 404.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "frfmt.h"
#include "html.h"
#include "report_portal.h"

#define RP_PREFIX	"/rapports/"

struct rpctx {
	char	id[24];
	char	name[96];	/* of the downloaded file */
};

static int	rp_id(const char *, char *, size_t);
static int	list_start(struct http_request *, struct mreq *);
static int	list_render(struct http_request *, struct mreq *);
static int	pdf_start(struct http_request *, struct mreq *);
static int	pdf_loaded(struct http_request *, struct mreq *);
static int	pdf_audited(struct http_request *, struct mreq *);
static int	pdf_send(struct http_request *, struct mreq *);
static int	share_start(struct http_request *, struct mreq *);
static int	share_done(struct http_request *, struct mreq *);

static const struct mreq_route list_route = {
	.name = "reports_list",
	.start = list_start,
	.roles = ROLE_COORDINATOR | ROLE_ADMIN | ROLE_FUNDER,
};

static const struct mreq_route pdf_route = {
	.name = "reports_pdf",
	.start = pdf_start,
	.ctx_size = sizeof(struct rpctx),
	.roles = ROLE_COORDINATOR | ROLE_ADMIN | ROLE_FUNDER,
};

static const struct mreq_route share_route = {
	.name = "reports_share",
	.start = share_start,
	.ctx_size = sizeof(struct rpctx),
	.roles = ROLE_COORDINATOR,
};

int
page_reports(struct http_request *req)
{
	return (mreq_run(req, &list_route));
}

int
page_report_pdf(struct http_request *req)
{
	return (mreq_run(req, &pdf_route));
}

int
page_report_share(struct http_request *req)
{
	return (mreq_run(req, &share_route));
}

/* The id of "/rapports/ID…" (the route's regex checked the digits). */
static int
rp_id(const char *path, char *out, size_t outsz)
{
	size_t	n;

	if (strncmp(path, RP_PREFIX, strlen(RP_PREFIX)) != 0)
		return (-1);
	path += strlen(RP_PREFIX);
	n = strspn(path, "0123456789");
	if (n == 0 || n > 18 || n >= outsz)
		return (-1);
	memcpy(out, path, n);
	out[n] = '\0';
	return (0);
}

/* The funder's id, or NULL for organisation staff: the scope. */
static const char *
rp_funder(struct mreq *m)
{
	return (m->sess->role == ROLE_FUNDER ? m->sess->funder_id : NULL);
}

/* The organisation's id, or NULL for a funder's user. */
static const char *
rp_org(struct mreq *m)
{
	return (m->sess->org_id[0] != '\0' ? m->sess->org_id : NULL);
}

/* "3e trimestre 2026" or "Année 2026" from a kind and a first day. */
static void
rp_period(char *out, size_t outsz, enum lang l, const char *kind,
    const char *start)
{
	int	y = 0, mo = 0, d = 0;

	if (sscanf(start, "%d-%d-%d", &y, &mo, &d) != 3) {
		kore_strlcpy(out, start, outsz);
		return;
	}
	if (strcmp(kind, "annual") == 0)
		snprintf(out, outsz, "%s %d", i18n_get(l, "rpt.year"), y);
	else
		fmt_quarter(out, outsz, l, y, (mo - 1) / 3 + 1);
}

/* The list ------------------------------------------------------------------- */

static int
list_start(struct http_request *req, struct mreq *m)
{
	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	return (mreq_query(m, SQL_REPORT_PORTAL, list_render, 3, rp_org(m),
	    rp_funder(m), NULL));
}

static int
list_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t, r;
	struct sbuf	 rows, notice;
	char		 period[FRFMT_BUFSZ], signed_at[FRFMT_BUFSZ * 2];
	char		 shared[FRFMT_BUFSZ * 2], size[FRFMT_BUFSZ], href[64];
	char		 share[64];
	char		 q[8];
	const char	*status;
	int		 i, funder = m->sess->role == ROLE_FUNDER, is_signed;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	sbuf_init(&notice);
	if (req->query_string != NULL &&
	    qs_get(req->query_string, "partage", q, sizeof(q)) == 1)
		staff_notice(&notice, "ok", i18n_get(m->lang, "rpt.shared_ok"));
	else if (req->query_string != NULL &&
	    qs_get(req->query_string, "genere", q, sizeof(q)) == 1)
		staff_notice(&notice, "ok", i18n_get(m->lang,
		    "rpt.generated_ok"));
	for (i = 0; i < mreq_rows(m); i++) {
		is_signed = strcmp(mreq_val(m, i, 8), "signed") == 0;
		staff_tmpl_init(&r, m);
		rp_period(period, sizeof(period), m->lang, mreq_val(m, i, 1),
		    mreq_val(m, i, 2));
		staff_time(signed_at, sizeof(signed_at), m->lang,
		    mreq_val(m, i, 9));
		staff_time(shared, sizeof(shared), m->lang, mreq_val(m, i, 10));
		fmt_int(size, sizeof(size), m->lang,
		    (strtoll(mreq_val(m, i, 11), NULL, 10) + 1023) / 1024);
		if (!is_signed)
			status = i18n_get(m->lang, "rpt.status.draft");
		else if (!mreq_isnull(m, i, 13))
			status = i18n_get(m->lang, "rpt.status.replaced");
		else
			status = i18n_get(m->lang, "rpt.status.signed");
		tmpl_set(&r, "period", period);
		tmpl_set(&r, "kind", i18n_get(m->lang,
		    strcmp(mreq_val(m, i, 1), "annual") == 0 ?
		    "rpt.kind.annual" : "rpt.kind.quarterly"));
		tmpl_set(&r, "project", mreq_val(m, i, 4));
		tmpl_set(&r, "convention", mreq_val(m, i, 5)[0] != '\0' ?
		    mreq_val(m, i, 5) : i18n_get(m->lang, "rpt.whole_project"));
		tmpl_set(&r, "funder", funder ? mreq_val(m, i, 7) :
		    mreq_val(m, i, 6));
		tmpl_set(&r, "status", status);
		tmpl_set(&r, "signed", signed_at);
		tmpl_set(&r, "shared", shared[0] != '\0' ? shared :
		    i18n_get(m->lang, "rpt.not_shared"));
		tmpl_set(&r, "size", size);
		tmpl_set(&r, "sha", mreq_val(m, i, 12));
		/* tmpl_set keeps the pointer: one buffer each. */
		snprintf(href, sizeof(href), RP_PREFIX "%s.pdf",
		    mreq_val(m, i, 0));
		tmpl_set(&r, "pdf", href);
		snprintf(share, sizeof(share), RP_PREFIX "%s/partager",
		    mreq_val(m, i, 0));
		tmpl_set(&r, "share", share);
		/* Raw: fixed attributes. A coordinator shares a signed,
		 * not yet shared report. */
		tmpl_set_raw(&r, "share_hidden", !funder && is_signed &&
		    mreq_isnull(m, i, 10) ? "" : " hidden");
		(void)tmpl_render(&rows, TMPL_RPT_ROW, &r);
	}
	staff_tmpl_init(&t, m);
	/* Raw: rendered above from templates and escaped text. */
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "empty", mreq_rows(m) == 0 ? "" : " hidden");
	/* Raw: a fixed link, for those who make reports. */
	tmpl_set_raw(&t, "make_hidden", m->sess->role == ROLE_COORDINATOR ?
	    "" : " hidden");
	tmpl_set(&t, "lead", i18n_get(m->lang, funder ? "rpt.lead.funder" :
	    "rpt.lead.staff"));
	tmpl_set(&t, "who_col", i18n_get(m->lang, funder ? "rpt.col.org" :
	    "rpt.col.funder"));
	(void)staff_page(req, m, 200, &t, TMPL_RPT_LIST,
	    i18n_get(m->lang, "rpt.title"));
	sbuf_free(&rows);
	sbuf_free(&notice);
	return (MREQ_DONE);
}

/* Download -------------------------------------------------------------------- */

static int
pdf_start(struct http_request *req, struct mreq *m)
{
	struct rpctx	*c = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	if (rp_id(req->path, c->id, sizeof(c->id)) == -1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_REPORT_PDF, pdf_loaded, 3, rp_org(m),
	    rp_funder(m), c->id));
}

static int
pdf_loaded(struct http_request *req, struct mreq *m)
{
	struct rpctx	*c = m->ctx;
	char		 detail[64], *p;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	snprintf(c->name, sizeof(c->name), "%s-%s-%s.pdf",
	    mreq_val(m, 0, 2)[0] != '\0' ? mreq_val(m, 0, 2) :
	    mreq_val(m, 0, 3), mreq_val(m, 0, 0), mreq_val(m, 0, 1));
	/* Only [A-Za-z0-9.-] in the header's file name. */
	for (p = c->name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			*p = '-';
	snprintf(detail, sizeof(detail), "{\"as\": \"%s\"}",
	    m->sess->role_name);
	/* In the audit log first, then the bytes. */
	return (auth_audit(m, "report.download", "report", c->id, detail,
	    pdf_audited));
}

static int
pdf_audited(struct http_request *req, struct mreq *m)
{
	struct rpctx	*c = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	return (mreq_query(m, SQL_REPORT_PDF_BYTES, pdf_send, 3, rp_org(m),
	    rp_funder(m), c->id));
}

/* The bytes (hex from PostgreSQL's text protocol) as the PDF. */
static int
pdf_send(struct http_request *req, struct mreq *m)
{
	struct rpctx	*c = m->ctx;
	const char	*hex;
	unsigned char	*pdf;
	size_t		 len, hexlen;
	char		 disp[160];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	hex = mreq_val(m, 0, 0);
	hexlen = strlen(hex);
	pdf = kore_malloc(hexlen / 2 + 1);
	if (sodium_hex2bin(pdf, hexlen / 2 + 1, hex, hexlen, NULL, &len,
	    NULL) != 0) {
		kore_free(pdf);
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", c->name);
	http_response_header(req, "content-disposition", disp);
	respond(req, 200, "application/pdf", pdf, len, CACHE_NO_STORE);
	kore_free(pdf);
	return (MREQ_DONE);
}

/* Share ------------------------------------------------------------------------ */

static int
share_start(struct http_request *req, struct mreq *m)
{
	struct rpctx	*c = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (rp_id(req->path, c->id, sizeof(c->id)) == -1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_REPORT_SHARE, share_done, 5,
	    m->sess->org_id, m->sess->user_id, m->sess->email,
	    m->client_ip[0] != '\0' ? m->client_ip : NULL, c->id));
}

static int
share_done(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	respond_redirect(req, 303, "/rapports?partage=1");
	return (MREQ_DONE);
}
