/*
 * report_make – a coordinator makes a report from the browser (issue
 * #7), with the same library as build/mesure-report:
 *
 *	GET /rapports/nouveau		choose the project, the convention
 *					(or the whole project), the quarter or
 *					the year, the language
 *	POST /rapports/nouveau		action=apercu: the unsigned PDF,
 *					shown, not stored; action=signer
 *					(after a fresh password check): made,
 *					signed by the signing service
 *					(mesure-signer, its socket inside the
 *					workers' chroot), stored, audit-logged
 *
 * Reading the data and laying out the pages take from 0.2 s (demo) to a
 * few seconds (a million responses): it runs in a Kore task thread with
 * its own libpq connection, so the worker keeps serving. The scope is
 * the session's organisation: a project or a convention of another
 * answers 404. The signing key never enters the worker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "app.h"
#include "auth.h"
#include "frfmt.h"
#include "html.h"
#include "report.h"
#include "report_model.h"
#include "report_portal.h"

#define RM_SIGNER_SOCKET	"/run/signer.sock"	/* in the chroot */
#define RM_FONT_DIR		"/fonts"		/* idem, mk/root.sh */

/* The work of the task thread: Kore-free, libc only. */
struct rmjob {
	/* in */
	struct report_target	 tg;
	struct report_params	 rp;
	int			 sign;
	long long		 user;
	char			 role[64];
	/* out */
	struct report_pdf	 pdf;
	long long		 id;
	int			 existed;
	int			 status;	/* 0, or the HTTP status */
	const char		*msgkey;	/* the person's message */
	char			 err[256];	/* for the log */
};

struct rmctx {
	struct rmjob	 job;		/* first: the task's argument */
	char		 period[16];	/* as sent: 2026-T3 or 2026 */
	char		 lang[4];
	int		 sign;
};

static void	rmctx_free(void *);
static int	form_start(struct http_request *, struct mreq *);
static int	form_render(struct http_request *, struct mreq *);
static int	post_checked(struct http_request *, struct mreq *);
static int	made(struct http_request *, struct mreq *);
static void	rm_work(void *);

static const struct mreq_route make_route = {
	.name = "report_make",
	.start = form_start,
	.ctx_size = sizeof(struct rmctx),
	.ctx_free = rmctx_free,
	.roles = ROLE_COORDINATOR,
};

int
page_report_make(struct http_request *req)
{
	return (mreq_run(req, &make_route));
}

static void
rmctx_free(void *p)
{
	struct rmctx	*c = p;

	report_pdf_free(&c->job.pdf);
}

/* The form --------------------------------------------------------------- */

static int
form_start(struct http_request *req, struct mreq *m)
{
	struct rmctx	*c = m->ctx;
	const char	*v;
	char		 code[48], conv[64];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method == HTTP_METHOD_GET)
		return (mreq_query(m, SQL_REPORT_MAKE_OPTIONS, form_render, 2,
		    m->sess->org_id, i18n_get(m->lang, "rpt.whole_project")));
	if (!mreq_form(req, m))
		return (MREQ_DONE);
	v = mreq_field(m, "action");
	c->sign = v != NULL && strcmp(v, "signer") == 0;
	/* Signing is a sensitive act: a fresh password check first. */
	if (c->sign && !mreq_reauth_guard(req, m))
		return (MREQ_DONE);
	/* "project|convention" ("project|" for the whole project). */
	if (report_target_split(mreq_field(m, "cible"), code, sizeof(code),
	    conv, sizeof(conv)) == -1) {
		respond_error(req, 422, m->lang, "rpt.err.target");
		return (MREQ_DONE);
	}
	kore_strlcpy(c->period, (v = mreq_field(m, "periode")) ? v : "",
	    sizeof(c->period));
	kore_strlcpy(c->lang, (v = mreq_field(m, "langue")) != NULL &&
	    strcmp(v, "en") == 0 ? "en" : "fr", sizeof(c->lang));
	/* The project and convention must be the organisation's. */
	return (mreq_query(m, SQL_REPORT_MAKE_CHECK, post_checked, 3,
	    m->sess->org_id, code, conv));
}

static int
form_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t;
	struct sbuf	 projects, periods;
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 i, y, q;
	char		 label[FRFMT_BUFSZ], value[16];

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&projects);
	sbuf_init(&periods);
	for (i = 0; i < mreq_rows(m); i++) {
		sbuf_puts(&projects, "<option value=\"");
		html_escape(&projects, mreq_val(m, i, 0));
		sbuf_puts(&projects, "\">");
		html_escape(&projects, mreq_val(m, i, 1));
		sbuf_puts(&projects, "</option>\n");
	}
	/* The last six quarters, the current one last closed first. */
	localtime_r(&now, &tm);
	y = tm.tm_year + 1900;
	q = tm.tm_mon / 3 + 1;
	for (i = 0; i < 7; i++) {
		if (i > 0 && --q == 0) {
			q = 4;
			y--;
		}
		if (i == 0)
			continue;	/* the current quarter is not over */
		fmt_quarter(label, sizeof(label), m->lang, y, q);
		snprintf(value, sizeof(value), "%d-T%d", y, q);
		sbuf_printf(&periods, "<option value=\"%s\">", value);
		html_escape(&periods, label);
		sbuf_puts(&periods, "</option>\n");
	}
	for (i = 0; i < 2; i++) {
		y = tm.tm_year + 1900 - i;
		snprintf(value, sizeof(value), "%d", y);
		sbuf_printf(&periods, "<option value=\"%s\">%s %s</option>\n",
		    value, i18n_get(m->lang, "rpt.annual_of"), value);
	}
	staff_tmpl_init(&t, m);
	/* Raw: built above from escaped text. */
	tmpl_set_raw(&t, "projects", projects.data);
	tmpl_set_raw(&t, "periods", periods.data);
	(void)staff_page(req, m, 200, &t, TMPL_RPT_MAKE,
	    i18n_get(m->lang, "rpt.make.title"));
	sbuf_free(&projects);
	sbuf_free(&periods);
	return (MREQ_DONE);
}

/* Make it ---------------------------------------------------------------- */

static int
post_checked(struct http_request *req, struct mreq *m)
{
	struct rmctx	*c = m->ctx;
	struct rmjob	*j = &c->job;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	if (report_target_params(&j->tg, &j->rp, m, c->period, 1,
	    strcmp(c->lang, "en") == 0 ? LANG_EN : LANG_FR) == -1) {
		respond_error(req, 422, m->lang, "rpt.err.period");
		return (MREQ_DONE);
	}
	j->rp.font_dir = RM_FONT_DIR;
	j->sign = c->sign;
	j->user = strtoll(m->sess->user_id, NULL, 10);
	kore_strlcpy(j->role, i18n_get(j->rp.lang, "role.coordinator"),
	    sizeof(j->role));
	return (mreq_task(m, rm_work, j, made));
}

/*
 * In the task thread: read, lay out, and for a signed report sign
 * through the signing service and store. Its own connection: the
 * worker's pool is not thread-safe.
 */
static void
rm_work(void *arg)
{
	struct rmjob		*j = arg;
	struct report_model	 model;
	struct report_pdf	 pdf;
	struct report_signer	 signer;
	struct report_sign_params sp;
	PGconn			*db;
	time_t			 now = time(NULL);

	memset(&pdf, 0, sizeof(pdf));
	db = PQconnectdb(app_settings.db_conninfo);
	if (PQstatus(db) != CONNECTION_OK) {
		snprintf(j->err, sizeof(j->err), "%s", PQerrorMessage(db));
		j->status = 503;
		j->msgkey = "error.unavailable";
		PQfinish(db);
		return;
	}
	if (report_load(db, &j->rp, &model, NULL, j->err,
	    sizeof(j->err)) == -1) {
		j->status = 422;
		j->msgkey = "rpt.err.load";
		PQfinish(db);
		return;
	}
	if (report_render(&model, &j->rp, j->sign ? &pdf : &j->pdf, j->err,
	    sizeof(j->err)) == -1) {
		j->status = 500;
		j->msgkey = "error.internal";
		goto done;
	}
	if (!j->sign)
		goto done;
	if (report_signer_socket(&signer, RM_SIGNER_SOCKET, j->err,
	    sizeof(j->err)) == -1) {
		j->status = 503;
		j->msgkey = "rpt.err.signer";
		goto done;
	}
	memset(&sp, 0, sizeof(sp));
	sp.role = j->role;
	sp.when = now;
	sp.lang = j->rp.lang;
	if (report_sign(pdf.data, pdf.len, &signer, &sp, &j->pdf, j->err,
	    sizeof(j->err)) == -1) {
		j->status = 503;
		j->msgkey = "rpt.err.signer";
		report_signer_free(&signer);
		goto done;
	}
	report_signer_free(&signer);
	if (report_store(db, &model, &j->pdf, 1, now, j->user, &j->id,
	    &j->existed, j->err, sizeof(j->err)) == -1) {
		j->status = 500;
		j->msgkey = "error.internal";
	}
done:
	report_pdf_free(&pdf);
	report_model_free(&model);
	PQfinish(db);
}

static int
made(struct http_request *req, struct mreq *m)
{
	struct rmctx	*c = m->ctx;
	struct rmjob	*j = &c->job;
	char		 loc[64];

	if (j->status != 0) {
		kore_log(LOG_NOTICE, "report_make: %s", j->err);
		respond_error(req, j->status, m->lang, j->msgkey);
		return (MREQ_DONE);
	}
	if (!j->sign) {
		/* The preview: shown, not stored, never cached. */
		http_response_header(req, "content-disposition",
		    "inline; filename=\"apercu.pdf\"");
		respond(req, 200, "application/pdf", j->pdf.data, j->pdf.len,
		    CACHE_NO_STORE);
		return (MREQ_DONE);
	}
	snprintf(loc, sizeof(loc), "/rapports?genere=%lld", j->id);
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}
