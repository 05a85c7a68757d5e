/*
 * report_quotes – a coordinator chooses the free-text answers a report
 * may quote (issue #7: "never shown without their approval"):
 *
 *	GET /rapports/citations?trimestre=2026-T3	the free-text answers
 *							of a quarter
 *	POST /rapports/citations			approve one (the text
 *							may be shortened, to
 *							take a detail out) or
 *							withdraw it
 *
 * Only answers to text questions and "other, please say" texts can be
 * approved (0500 checks it again); the original answer never changes.
 * Scope: the session's organisation; approvals are audit-logged (0551).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "frfmt.h"
#include "html.h"
#include "report_portal.h"

struct qctx {
	char	quarter[32];		/* 2026-T3 */
	char	from[40], to[40];	/* YYYY-MM-DD, [from, to) */
	int	year, q;
	const char *notice;		/* message key, or NULL */
};

static int	quotes_start(struct http_request *, struct mreq *);
static int	quotes_render(struct http_request *, struct mreq *);
static int	quote_saved(struct http_request *, struct mreq *);

static const struct mreq_route quotes_route = {
	.name = "report_quotes",
	.start = quotes_start,
	.ctx_size = sizeof(struct qctx),
	.roles = ROLE_COORDINATOR,
	.form_max = 8 * 1024,
};

int
page_report_quotes(struct http_request *req)
{
	return (mreq_run(req, &quotes_route));
}

/* "2026-T3" into c (default: the last closed quarter). 0 or -1. */
static int
quarter_set(struct qctx *c, const char *s)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 y, q, q1, y1;
	char		 rest[2];

	if (s == NULL || *s == '\0') {
		localtime_r(&now, &tm);
		y = tm.tm_year + 1900;
		q = tm.tm_mon / 3;	/* the one before the current */
		if (q == 0) {
			q = 4;
			y--;
		}
	} else if (sscanf(s, "%4d-T%1d%1s", &y, &q, rest) != 2 || q < 1 ||
	    q > 4 || y < 2000 || y > 2100)
		return (-1);
	y1 = q == 4 ? y + 1 : y;
	q1 = q == 4 ? 1 : q + 1;
	c->year = y;
	c->q = q;
	snprintf(c->quarter, sizeof(c->quarter), "%d-T%d", y, q);
	snprintf(c->from, sizeof(c->from), "%04d-%02d-01", y, (q - 1) * 3 + 1);
	snprintf(c->to, sizeof(c->to), "%04d-%02d-01", y1, (q1 - 1) * 3 + 1);
	return (0);
}

/* A response id as PostgreSQL writes a uuid. */
static int
uuid_ok(const char *s)
{
	size_t	i;

	if (s == NULL || strlen(s) != 36)
		return (0);
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return (0);
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return (0);
	}
	return (1);
}

/* A question code (answers.question's check), digits for an ordinal. */
static int
code_ok(const char *s, size_t max, int digits)
{
	size_t	n;

	if (s == NULL || (n = strlen(s)) == 0 || n > max)
		return (0);
	return (strspn(s, digits ? "0123456789" :
	    "abcdefghijklmnopqrstuvwxyz0123456789_") == n);
}

static int
quotes_start(struct http_request *req, struct mreq *m)
{
	struct qctx	*c = m->ctx;
	const char	*resp, *question, *ordinal, *text, *action;
	char		 q[16];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method == HTTP_METHOD_GET) {
		q[0] = '\0';
		if (req->query_string != NULL)
			(void)qs_get(req->query_string, "trimestre", q,
			    sizeof(q));
		if (quarter_set(c, q) == -1) {
			respond_error(req, 422, m->lang, "rpt.err.period");
			return (MREQ_DONE);
		}
		if (req->query_string != NULL &&
		    qs_get(req->query_string, "ok", q, sizeof(q)) == 1)
			c->notice = "quote.saved";
		return (mreq_query(m, SQL_QUOTE_CANDIDATES, quotes_render, 3,
		    m->sess->org_id, c->from, c->to));
	}
	if (!mreq_form(req, m))
		return (MREQ_DONE);
	resp = mreq_field(m, "reponse");
	question = mreq_field(m, "question");
	ordinal = mreq_field(m, "rang");
	text = mreq_field(m, "texte");
	action = mreq_field(m, "action");
	if (quarter_set(c, mreq_field(m, "trimestre")) == -1 ||
	    !uuid_ok(resp) || !code_ok(question, 48, 0) ||
	    !code_ok(ordinal, 2, 1) || action == NULL ||
	    (strcmp(action, "approuver") != 0 &&
	    strcmp(action, "retirer") != 0) ||
	    (text != NULL && (strlen(text) > 2000 ||
	    !utf8_valid(text, strlen(text))))) {
		respond_error(req, 400, m->lang, "error.bad_request");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_QUOTE_SET, quote_saved, 9, m->sess->org_id,
	    m->sess->user_id, m->sess->email,
	    m->client_ip[0] != '\0' ? m->client_ip : NULL, resp, question,
	    ordinal, text != NULL && *text != '\0' ? text : NULL,
	    strcmp(action, "approuver") == 0 ? "true" : "false"));
}

static int
quote_saved(struct http_request *req, struct mreq *m)
{
	struct qctx	*c = m->ctx;
	char		 loc[96];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	if (strcmp(mreq_val(m, 0, 0), "too_long") == 0) {
		respond_error(req, 422, m->lang, "quote.err.longer");
		return (MREQ_DONE);
	}
	snprintf(loc, sizeof(loc), "/rapports/citations?trimestre=%s&ok=1",
	    c->quarter);
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}

static int
quotes_render(struct http_request *req, struct mreq *m)
{
	struct qctx	*c = m->ctx;
	struct tmpl	 t, r;
	struct sbuf	 rows, notice, quarters;
	char		 period[FRFMT_BUFSZ], label[FRFMT_BUFSZ], value[32];
	char		 when[FRFMT_BUFSZ * 2];
	int		 i, y, q, approved;
	time_t		 now = time(NULL);
	struct tm	 tm;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	sbuf_init(&notice);
	sbuf_init(&quarters);
	if (c->notice != NULL)
		staff_notice(&notice, "ok", i18n_get(m->lang, c->notice));
	for (i = 0; i < mreq_rows(m); i++) {
		approved = strcmp(mreq_val(m, i, 5), "t") == 0;
		staff_tmpl_init(&r, m);
		staff_time(when, sizeof(when), m->lang, mreq_val(m, i, 8));
		tmpl_set(&r, "response", mreq_val(m, i, 0));
		tmpl_set(&r, "question", mreq_val(m, i, 1));
		tmpl_set(&r, "ordinal", mreq_val(m, i, 2));
		tmpl_set(&r, "answer", mreq_val(m, i, 3));
		tmpl_set(&r, "shown", !mreq_isnull(m, i, 4) ? mreq_val(m, i, 4) :
		    mreq_val(m, i, 3));
		tmpl_set(&r, "site", mreq_val(m, i, 6));
		tmpl_set(&r, "survey", mreq_val(m, i, 7));
		tmpl_set(&r, "when", when);
		tmpl_set(&r, "quarter", c->quarter);
		tmpl_set(&r, "status", i18n_get(m->lang, approved ?
		    "quote.approved" : "quote.not_approved"));
		tmpl_set(&r, "n", mreq_val(m, i, 0));
		/* Raw: fixed attributes. */
		tmpl_set_raw(&r, "revoke_hidden", approved ? "" : " hidden");
		tmpl_set_raw(&r, "row_class", approved ? " class=\"approved\"" :
		    "");
		(void)tmpl_render(&rows, TMPL_QUOTE_ROW, &r);
	}
	localtime_r(&now, &tm);
	y = tm.tm_year + 1900;
	q = tm.tm_mon / 3 + 1;
	for (i = 0; i < 8; i++) {
		fmt_quarter(label, sizeof(label), m->lang, y, q);
		snprintf(value, sizeof(value), "%d-T%d", y, q);
		sbuf_printf(&quarters, "<option value=\"%s\"%s>", value,
		    strcmp(value, c->quarter) == 0 ? " selected" : "");
		html_escape(&quarters, label);
		sbuf_puts(&quarters, "</option>\n");
		if (--q == 0) {
			q = 4;
			y--;
		}
	}
	fmt_quarter(period, sizeof(period), m->lang, c->year, c->q);
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "period", period);
	/* Raw: built above from templates and escaped text. */
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "quarters", quarters.data);
	tmpl_set_raw(&t, "empty", mreq_rows(m) == 0 ? "" : " hidden");
	(void)staff_page(req, m, 200, &t, TMPL_QUOTE_LIST,
	    i18n_get(m->lang, "quote.title"));
	sbuf_free(&rows);
	sbuf_free(&notice);
	sbuf_free(&quarters);
	return (MREQ_DONE);
}
