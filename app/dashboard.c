/*
 * dashboard – a convention's (or a project's) indicators at a glance for
 * its coordinator (issue #6): each indicator against its target, quarter
 * by quarter, with its count, denominator and 95 % interval, "< N" when
 * built from too few people, and its trend; the satisfaction
 * distribution; the response rate.
 *
 *	GET /tableau-de-bord?cible=PROJECT|CONVENTION&trimestre=2026-T3
 *
 * The figures are those of the PDF report by construction: the page is
 * drawn from the same report model (reports/: report_load() and
 * report_model_finish() decide every figure, suppression and interval),
 * and its texts come from the report's own formatting (report_lay.h).
 * report_load() blocks: it runs in a Kore task with its own connection.
 */
#include <math.h>
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
#include "report_lay.h"
#include "report_model.h"
#include "report_portal.h"
#include "svgchart.h"

struct dbjob {
	struct report_params	 rp;
	struct report_target	 tg;
	struct report_model	 model;
	int			 loaded;
	char			 err[256];
};

struct dbctx {
	struct dbjob	 job;		/* first: the task's argument */
	char		 target[128];	/* project|convention */
	char		 quarter[32];
	struct sbuf	 options;	/* <option>s, rendered once */
	int		 have_options;
};

static void	dbctx_free(void *);
static int	db_start(struct http_request *, struct mreq *);
static int	db_options(struct http_request *, struct mreq *);
static int	db_checked(struct http_request *, struct mreq *);
static int	db_render(struct http_request *, struct mreq *);
static void	db_work(void *);

static const struct mreq_route dashboard_route = {
	.name = "dashboard",
	.start = db_start,
	.ctx_size = sizeof(struct dbctx),
	.ctx_free = dbctx_free,
	.roles = ROLE_COORDINATOR,
};

int
page_dashboard(struct http_request *req)
{
	return (mreq_run(req, &dashboard_route));
}

static void
dbctx_free(void *p)
{
	struct dbctx	*c = p;

	if (c->job.loaded)
		report_model_free(&c->job.model);
	if (c->have_options)
		sbuf_free(&c->options);
}

static int
db_start(struct http_request *req, struct mreq *m)
{
	struct dbctx	*c = m->ctx;
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 y, q;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	if (req->query_string != NULL) {
		(void)qs_get(req->query_string, "cible", c->target,
		    sizeof(c->target));
		(void)qs_get(req->query_string, "trimestre", c->quarter,
		    sizeof(c->quarter));
	}
	if (c->quarter[0] == '\0') {
		/* The last closed quarter. */
		localtime_r(&now, &tm);
		y = tm.tm_year + 1900;
		q = tm.tm_mon / 3;
		if (q == 0) {
			q = 4;
			y--;
		}
		snprintf(c->quarter, sizeof(c->quarter), "%d-T%d", y, q);
	}
	return (mreq_query(m, SQL_REPORT_MAKE_OPTIONS, db_options, 2,
	    m->sess->org_id, i18n_get(m->lang, "rpt.whole_project")));
}

static int
db_options(struct http_request *req, struct mreq *m)
{
	struct dbctx	*c = m->ctx;
	char		 code[48], conv[64];
	int		 i, found = 0;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) == 0) {
		respond_error(req, 404, m->lang, "dash.err.none");
		return (MREQ_DONE);
	}
	/* By default, the first convention (a project's value ends in |). */
	if (c->target[0] == '\0') {
		for (i = 0; i < mreq_rows(m) && c->target[0] == '\0'; i++)
			if (mreq_val(m, i, 0)[strlen(mreq_val(m, i, 0)) - 1] !=
			    '|')
				kore_strlcpy(c->target, mreq_val(m, i, 0),
				    sizeof(c->target));
		if (c->target[0] == '\0')
			kore_strlcpy(c->target, mreq_val(m, 0, 0),
			    sizeof(c->target));
	}
	sbuf_init(&c->options);
	c->have_options = 1;
	for (i = 0; i < mreq_rows(m); i++) {
		sbuf_puts(&c->options, "<option value=\"");
		html_escape(&c->options, mreq_val(m, i, 0));
		sbuf_puts(&c->options, "\"");
		if (strcmp(mreq_val(m, i, 0), c->target) == 0) {
			sbuf_puts(&c->options, " selected");
			found = 1;
		}
		sbuf_puts(&c->options, ">");
		html_escape(&c->options, mreq_val(m, i, 1));
		sbuf_puts(&c->options, "</option>\n");
	}
	if (!found || report_target_split(c->target, code, sizeof(code), conv,
	    sizeof(conv)) == -1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_REPORT_MAKE_CHECK, db_checked, 3,
	    m->sess->org_id, code, conv));
}

static int
db_checked(struct http_request *req, struct mreq *m)
{
	struct dbctx	*c = m->ctx;
	struct dbjob	*j = &c->job;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	if (report_target_params(&j->tg, &j->rp, m, c->quarter, 0,
	    m->lang) == -1) {
		respond_error(req, 422, m->lang, "rpt.err.period");
		return (MREQ_DONE);
	}
	return (mreq_task(m, db_work, j, db_render));
}

/* In the task thread: the report's data and figures, no PDF. */
static void
db_work(void *arg)
{
	struct dbjob	*j = arg;
	PGconn		*db;

	db = PQconnectdb(app_settings.db_conninfo);
	if (PQstatus(db) == CONNECTION_OK &&
	    report_load(db, &j->rp, &j->model, NULL, j->err,
	    sizeof(j->err)) == 0)
		j->loaded = 1;
	else if (j->err[0] == '\0')
		snprintf(j->err, sizeof(j->err), "%s", PQerrorMessage(db));
	PQfinish(db);
}

/* One indicator: its quarters in a table, and its trend. */
static void
db_indicator(struct sbuf *o, struct mreq *m, struct lay *L,
    const struct rm_indicator *ind, size_t k)
{
	const struct report_model	*md = L->m;
	struct chart			 ch;
	char				 v[160], t[48], id[40], kind[32];
	size_t				 i, targets = 0;
	int				 share = ind->measure == IND_MEAS_SHARE;

	snprintf(kind, sizeof(kind), "dash.kind.%s", ind->kind);
	sbuf_puts(o, "<section class=\"dash-ind\"><h3>");
	html_escape(o, i18n_has(LANG_FR, kind) ? i18n_get(m->lang, kind) :
	    ind->kind);
	sbuf_puts(o, " – ");
	html_escape(o, ind->label);
	sbuf_puts(o, "</h3>\n");
	if (ind->describe != NULL) {
		sbuf_puts(o, "<p class=\"note\">");
		html_escape(o, ind->describe);
		sbuf_puts(o, "</p>\n");
	}
	snprintf(id, sizeof(id), "dash-ind-%zu", k);
	chart_init(&ch, CHART_LINE, m->lang, ind->label, id);
	ch.unit = share ? "%" : "";
	ch.nseries = 1;
	ch.series[0].label = i18n_get(m->lang, "dash.value");
	sbuf_puts(o, "<div class=\"table-wrap\"><table><caption>");
	html_escape(o, ind->label);
	sbuf_puts(o, "</caption><thead><tr><th scope=\"col\">");
	html_escape(o, i18n_get(m->lang, "rpt.col.period"));
	sbuf_puts(o, "</th><th scope=\"col\">");
	html_escape(o, i18n_get(m->lang, "dash.value"));
	sbuf_puts(o, "</th><th scope=\"col\">");
	html_escape(o, i18n_get(m->lang, "dash.target"));
	sbuf_puts(o, "</th></tr></thead><tbody>\n");
	for (i = 0; i < md->ntrend && i < RM_QUARTERS; i++) {
		const struct rm_eval *e = &ind->q[i];

		ch.cats[ch.ncats] = L->qlabel[i];
		ch.series[0].missing[ch.ncats] = !e->has ||
		    e->st != STATS_SHOWN || (share && e->value_null);
		ch.series[0].values[ch.ncats] = e->value;
		/* A target line only where every quarter has one (the
		 * chart has no gap in a target line; the table says "–"). */
		if (e->has_target)
			ch.target[ch.ncats] = share ? e->target / 100.0 :
			    e->target;
		targets += e->has_target;
		ch.ncats++;
		if (share && e->share.state == STATS_SHOWN)
			lay_share_full(L, &e->share, v, sizeof(v));
		else
			lay_eval_text(L, ind, e, v, sizeof(v), 1);
		if (e->has_target)
			lay_target_text(L, ind, e->target, t, sizeof(t));
		else
			snprintf(t, sizeof(t), "–");
		sbuf_puts(o, "<tr><th scope=\"row\">");
		html_escape(o, L->qlabel[i]);
		sbuf_puts(o, "</th><td>");
		html_escape(o, v);
		sbuf_puts(o, "</td><td>");
		html_escape(o, t);
		sbuf_puts(o, "</td></tr>\n");
	}
	sbuf_puts(o, "</tbody></table></div>\n");
	ch.has_target = ch.ncats > 0 && targets == ch.ncats;
	if (ch.ncats > 0)
		(void)chart_svg(o, &ch);
	sbuf_puts(o, "</section>\n");
}

/* The smiley questions of the satisfaction survey, stacked. */
static void
db_satisfaction(struct sbuf *o, struct mreq *m, const struct report_model *md)
{
	struct chart			 ch;
	const struct rm_question	*q;
	size_t				 i, f;

	chart_init(&ch, CHART_STACKED, m->lang, i18n_get(m->lang,
	    "dash.satisfaction"), "dash-sat");
	/* Questions are sentences: room for them on the left. */
	ch.width = 1000;
	ch.label_w = 480;
	for (i = 0; i < md->nquestions && ch.ncats < CHART_CATS_MAX; i++) {
		q = &md->questions[i];
		if (strcmp(q->type, "smiley") != 0 || q->nopt != RM_SMILEY)
			continue;
		if (ch.nseries == 0) {
			ch.nseries = RM_SMILEY;
			for (f = 0; f < RM_SMILEY; f++)
				ch.series[f].label = q->opt[f].label;
		}
		ch.cats[ch.ncats] = q->label;
		for (f = 0; f < RM_SMILEY; f++) {
			ch.series[f].values[ch.ncats] =
			    (double)q->opt[f].count.v;
			ch.series[f].missing[ch.ncats] =
			    q->opt[f].count.st != STATS_SHOWN;
		}
		ch.ncats++;
	}
	sbuf_puts(o, "<section><h2>");
	html_escape(o, i18n_get(m->lang, "dash.satisfaction"));
	sbuf_puts(o, "</h2>\n");
	if (ch.ncats == 0) {
		sbuf_puts(o, "<p class=\"note\">");
		html_escape(o, i18n_get(m->lang, "dash.no_answers"));
		sbuf_puts(o, "</p>");
	} else
		(void)chart_svg(o, &ch);
	sbuf_puts(o, "</section>\n");
}

/* Satisfaction responses per 100 visits, quarter by quarter. */
static void
db_response_rate(struct sbuf *o, struct mreq *m, struct lay *L)
{
	const struct report_model	*md = L->m;
	struct chart			 ch;
	size_t				 i;

	chart_init(&ch, CHART_COLUMNS, m->lang, i18n_get(m->lang,
	    "dash.rate"), "dash-rate");
	ch.nseries = 1;
	ch.series[0].label = i18n_get(m->lang, "dash.rate_series");
	for (i = 0; i < md->ntrend && i < RM_QUARTERS; i++) {
		const struct rm_trend *tr = &md->trend[i];

		ch.cats[ch.ncats] = L->qlabel[i];
		ch.series[0].missing[ch.ncats] = tr->visits.v == 0 ||
		    tr->visits.st != STATS_SHOWN || tr->sat.st != STATS_SHOWN;
		ch.series[0].values[ch.ncats] = tr->visits.v > 0 ?
		    round(1000.0 * (double)tr->sat.v / (double)tr->visits.v) /
		    10.0 : 0.0;
		ch.ncats++;
	}
	sbuf_puts(o, "<section><h2>");
	html_escape(o, i18n_get(m->lang, "dash.rate"));
	sbuf_puts(o, "</h2>\n<p class=\"note\">");
	html_escape(o, i18n_get(m->lang, "dash.rate_note"));
	sbuf_puts(o, "</p>\n");
	(void)chart_svg(o, &ch);
	sbuf_puts(o, "</section>\n");
}

static int
db_render(struct http_request *req, struct mreq *m)
{
	struct dbctx	*c = m->ctx;
	struct dbjob	*j = &c->job;
	struct report_model *md = &j->model;
	struct lay	 L;
	struct tmpl	 t;
	struct sbuf	 body;
	size_t		 i;
	char		 threshold[16];

	if (!j->loaded) {
		kore_log(LOG_NOTICE, "dashboard: %s", j->err);
		respond_error(req, 422, m->lang, "rpt.err.load");
		return (MREQ_DONE);
	}
	/* The report's formatting, with no PDF behind it. */
	memset(&L, 0, sizeof(L));
	L.m = md;
	L.l = md->lang;
	for (i = 0; i < md->ntrend && i < RM_QUARTERS; i++)
		snprintf(L.qlabel[i], sizeof(L.qlabel[i]), "%s%d %d",
		    L.l == LANG_FR ? "T" : "Q", md->trend[i].q,
		    md->trend[i].year);
	sbuf_init(&body);
	sbuf_puts(&body, "<section><h2>");
	html_escape(&body, i18n_get(m->lang, "dash.indicators"));
	sbuf_puts(&body, "</h2>\n");
	for (i = 0; i < md->nind; i++)
		db_indicator(&body, m, &L, &md->ind[i], i);
	if (md->nind == 0) {
		sbuf_puts(&body, "<p class=\"note\">");
		html_escape(&body, i18n_get(m->lang, "dash.no_indicators"));
		sbuf_puts(&body, "</p>");
	}
	sbuf_puts(&body, "</section>\n");
	db_satisfaction(&body, m, md);
	db_response_rate(&body, m, &L);
	snprintf(threshold, sizeof(threshold), "%d", md->threshold);
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "quarter", c->quarter);
	tmpl_set(&t, "threshold", threshold);
	tmpl_set(&t, "project", md->project_name != NULL ?
	    md->project_name : "");
	/* Raw: built above from escaped text and the charts' SVG. */
	tmpl_set_raw(&t, "options", c->options.data);
	tmpl_set_raw(&t, "body", body.data);
	(void)staff_page(req, m, 200, &t, TMPL_DASHBOARD,
	    i18n_get(m->lang, "dash.title"));
	sbuf_free(&body);
	return (MREQ_DONE);
}
