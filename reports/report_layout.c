/*
 * report_layout – the report's pages, from a finished model to PDF bytes
 * (report_render). It only reads the model: every figure, every
 * suppression and every interval was decided by report_model_finish().
 *
 * Pages, French first (English with lang en): a cover; a one-page
 * summary (key figures with the change since the quarter before, the
 * indicators against their targets, what to remember); the indicators
 * one by one (value, target, numerator and denominator, 95 % interval,
 * the last four quarters); the impact chain with a figure at each step;
 * the activity by site, kind of help, domain and partner; satisfaction
 * and self-reported outcomes (stacked bars, outcome versus attribution);
 * the trend over four quarters, milestones and budget; approved quotes;
 * the methodology (sources, samples, response rates, the small-cell
 * rule, definitions, parameters, schema version, data SHA-256) and the
 * signature block.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "frfmt.h"
#include "gen_assets.h"
#include "layout_math.h"
#include "report.h"
#include "report_chart.h"
#include "report_model.h"
#include "report_pdf.h"
#include "report_text.h"
#include "stats.h"

#define NBSP		FRFMT_NBSP
#define LOGO_PATH	"/assets/report/logo.svg"

#define BODY		9.0f
#define BODY_LEAD	12.5f
#define SMALL		7.5f
#define SMALL_LEAD	10.0f

struct lay {
	struct rp_doc			 d;
	const struct report_model	*m;
	enum lang			 l;
	char				 period[96];	/* "3e trimestre 2026" */
	char				 qlabel[RM_QUARTERS][16]; /* "T3 2026" */
};

static const char *
tr(const struct lay *L, const char *fr, const char *en)
{
	return (L->l == LANG_FR ? fr : en);
}

/* "2026-07-01" → y, m, d; 0 if it does not read. */
static int
ymd(const char *s, int *y, int *mo, int *d)
{
	if (s == NULL || strlen(s) < 10)
		return (0);
	*y = atoi(s);
	*mo = atoi(s + 5);
	*d = atoi(s + 8);
	return (*y > 0 && *mo >= 1 && *mo <= 12 && *d >= 1 && *d <= 31);
}

static char *
date_text(const struct lay *L, const char *iso, char *buf, size_t n)
{
	int	y, mo, d;

	if (!ymd(iso, &y, &mo, &d))
		snprintf(buf, n, "–");
	else
		fmt_date(buf, n, L->l, y, mo, d);
	return (buf);
}

/* "01/11/2025" (fr), "1 Nov 2025" (en): for the columns of tables. */
static char *
date_short(const struct lay *L, const char *iso, char *buf, size_t n)
{
	static const char *const mon[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"
	};
	int	y, mo, d;

	if (!ymd(iso, &y, &mo, &d))
		snprintf(buf, n, "–");
	else if (L->l == LANG_FR)
		snprintf(buf, n, "%02u/%02u/%04u", (unsigned)d % 100u,
		    (unsigned)mo % 100u, (unsigned)y % 10000u);
	else
		snprintf(buf, n, "%d" NBSP "%s" NBSP "%d", d, mon[mo - 1], y);
	return (buf);
}

static const char *
unit_text(const struct lay *L, const char *unit)
{
	if (unit == NULL)
		return ("");
	if (L->l == LANG_EN) {
		if (strcmp(unit, "personnes") == 0)
			return ("people");
		if (strcmp(unit, "visites") == 0)
			return ("visits");
		if (strcmp(unit, "réponses") == 0)
			return ("responses");
	}
	return (unit);
}

/* "< 11": what a hidden count is written as. */
static char *
hidden_text(const struct lay *L, char *buf, size_t n)
{
	snprintf(buf, n, "<" NBSP "%d", L->m->threshold);
	return (buf);
}

static char *
count_text(const struct lay *L, const struct rm_count *c, char *buf,
    size_t n)
{
	if (c->st == STATS_SMALL || c->st == STATS_SECONDARY)
		return (hidden_text(L, buf, n));
	return (fmt_int(buf, n, L->l, c->v));
}

static char *
share_text(const struct lay *L, const struct stats_share *s, int dec,
    char *buf, size_t n)
{
	if (s->state == STATS_SHOWN)
		return (fmt_percent(buf, n, L->l, s->p, dec));
	if (s->state == STATS_EMPTY)
		snprintf(buf, n, "–");
	else
		snprintf(buf, n, "%s", tr(L, "non publié", "not shown"));
	return (buf);
}

/* "43,4 % (82 sur 189 ; IC 95 % : 36,5 – 50,5 %)" */
static char *
share_full(const struct lay *L, const struct stats_share *s, char *buf,
    size_t n)
{
	char	p[32], k[32], nn[32], lo[32], hi[32];

	if (s->state == STATS_SHOWN) {
		fmt_percent(p, sizeof(p), L->l, s->p, 1);
		fmt_int(k, sizeof(k), L->l, s->k);
		fmt_int(nn, sizeof(nn), L->l, s->n);
		fmt_decimal(lo, sizeof(lo), L->l, s->lo * 100.0, 1);
		fmt_percent(hi, sizeof(hi), L->l, s->hi, 1);
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s (%s sur %s ; IC 95" NBSP "%% : %s – %s)" :
		    "%s (%s of %s; 95%% CI: %s–%s)", p, k, nn, lo, hi);
	} else if (s->state == STATS_EMPTY)
		snprintf(buf, n, "%s", tr(L, "aucune réponse",
		    "no response"));
	else if (s->state == STATS_SECONDARY)
		snprintf(buf, n, L->l == LANG_FR ?
		    "non publié (on pourrait en déduire un chiffre de moins de "
		    "%d personnes)" : "not shown (a figure about fewer than %d "
		    "people could be worked out from it)", L->m->threshold);
	else
		snprintf(buf, n, L->l == LANG_FR ?
		    "non publié (moins de %d personnes)" :
		    "not shown (fewer than %d people)", L->m->threshold);
	return (buf);
}

/* The figure of one evaluation of an indicator, with its unit. */
static char *
eval_text(const struct lay *L, const struct rm_indicator *ind,
    const struct rm_eval *e, char *buf, size_t n, int unit)
{
	char	v[48];
	int	share;

	share = ind->measure == IND_MEAS_SHARE;
	if (!e->has || (share && e->value_null))
		snprintf(buf, n, "–");
	else if (e->st == STATS_SMALL || e->st == STATS_SECONDARY) {
		hidden_text(L, v, sizeof(v));
		snprintf(buf, n, "%s%s%s", v, share || !unit ? "" : " ",
		    share || !unit ? "" : unit_text(L, ind->unit));
		if (share)
			snprintf(buf, n, "%s", tr(L, "non publié",
			    "not shown"));
	} else if (share)
		fmt_percent(buf, n, L->l, e->value, 1);
	else {
		fmt_int(v, sizeof(v), L->l, llround(e->value));
		snprintf(buf, n, "%s%s%s", v, unit ? " " : "",
		    unit ? unit_text(L, ind->unit) : "");
	}
	return (buf);
}

static char *
target_text(const struct lay *L, const struct rm_indicator *ind,
    double target, char *buf, size_t n)
{
	char	v[48];

	if (ind->measure == IND_MEAS_SHARE) {
		fmt_decimal(v, sizeof(v), L->l, target, 0);
		snprintf(buf, n, "%s%s%%", v, L->l == LANG_FR ? NBSP : "");
	} else
		fmt_int(buf, n, L->l, llround(target));
	return (buf);
}

/* Section title, with its outline entry; new page if asked. */
static void
h1(struct lay *L, const char *title, int newpage)
{
	struct rp_doc	*d = &L->d;

	if (newpage || d->page == NULL)
		rp_new_page(d);
	else
		rp_ensure(d, 80.0f);
	rp_outline(d, 0, title);
	rp_text(d, RP_BOLD, 16.0f, RP_MARGIN_L, d->y - 16.0f, &rp_blue, title);
	rp_line(d, RP_MARGIN_L, d->y - 24.0f, RP_MARGIN_L + 40.0f,
	    d->y - 24.0f, 2.0f, &rp_blue);
	d->y -= 38.0f;
}

static void
h2(struct lay *L, const char *title, float need)
{
	struct rp_doc	*d = &L->d;

	rp_ensure(d, 26.0f + need);
	rp_outline(d, 1, title);
	rp_text(d, RP_BOLD, 11.0f, RP_MARGIN_L, d->y - 11.0f, &rp_ink, title);
	d->y -= 22.0f;
}

static void
para(struct lay *L, const char *text)
{
	rp_para(&L->d, RP_REGULAR, BODY, RP_MARGIN_L, 0, RP_TEXT_W, BODY_LEAD,
	    &rp_ink, text, 1);
	L->d.y -= 4.0f;
}

static void
small_para(struct lay *L, const char *text)
{
	rp_para(&L->d, RP_REGULAR, SMALL, RP_MARGIN_L, 0, RP_TEXT_W,
	    SMALL_LEAD, &rp_grey, text, 1);
	L->d.y -= 3.0f;
}

/* A bullet point: "•" and a wrapped paragraph beside it. */
static void
bullet(struct lay *L, const char *text)
{
	struct rp_doc	*d = &L->d;
	float		 h;

	h = rp_para_height(d, RP_REGULAR, BODY, RP_TEXT_W - 14.0f, BODY_LEAD,
	    text);
	rp_ensure(d, h);
	rp_text(d, RP_BOLD, BODY, RP_MARGIN_L + 2.0f, d->y - BODY, &rp_blue,
	    "•");
	rp_para(d, RP_REGULAR, BODY, RP_MARGIN_L + 14.0f, d->y - BODY,
	    RP_TEXT_W - 14.0f, BODY_LEAD, &rp_ink, text, 0);
	d->y -= h + 4.0f;
}

static const struct asset *
asset_get(const char *path)
{
	size_t	i;

	for (i = 0; i < asset_count; i++)
		if (strcmp(asset_table[i].path, path) == 0)
			return (&asset_table[i]);
	return (NULL);
}

/* Cover ---------------------------------------------------------------- */

static void
cover_convention(struct lay *L, const struct rm_convention *c, float *y)
{
	struct rp_doc	*d = &L->d;
	char		 line[512], a[64], b[96], e[96];
	float		 top, h;

	top = *y;
	snprintf(line, sizeof(line), "%s %s", tr(L, "Convention",
	    "Agreement"), c->reference);
	h = 16.0f + rp_para_height(d, RP_REGULAR, BODY, RP_TEXT_W - 24.0f,
	    BODY_LEAD, c->title != NULL ? c->title : "") + 3 * BODY_LEAD +
	    10.0f;
	rp_rect(d, RP_MARGIN_L, top - h, RP_TEXT_W, h, &rp_blue_light);
	rp_rect(d, RP_MARGIN_L, top - h, 3.0f, h, &rp_blue);
	rp_text(d, RP_BOLD, 10.0f, RP_MARGIN_L + 12.0f, top - 15.0f, &rp_blue,
	    line);
	*y = rp_para(d, RP_REGULAR, BODY, RP_MARGIN_L + 12.0f, top - 29.0f,
	    RP_TEXT_W - 24.0f, BODY_LEAD, &rp_ink,
	    c->title != NULL ? c->title : "", 0);
	snprintf(line, sizeof(line), "%s : %s (%s)",
	    tr(L, "Financeur", "Funder"), c->funder != NULL ? c->funder : "",
	    rt_funder_kind(L->l, c->funder_kind));
	if (L->l == LANG_EN)
		snprintf(line, sizeof(line), "Funder: %s (%s)",
		    c->funder != NULL ? c->funder : "",
		    rt_funder_kind(L->l, c->funder_kind));
	rp_text(d, RP_REGULAR, BODY, RP_MARGIN_L + 12.0f, *y - BODY_LEAD,
	    &rp_ink, line);
	fmt_money(a, sizeof(a), L->l, c->amount_cents);
	snprintf(line, sizeof(line), L->l == LANG_FR ? "Montant : %s" :
	    "Amount: %s", a);
	rp_text(d, RP_REGULAR, BODY, RP_MARGIN_L + 12.0f, *y - 2 * BODY_LEAD,
	    &rp_ink, line);
	snprintf(line, sizeof(line), L->l == LANG_FR ?
	    "Période : du %s au %s" : "Period: %s to %s",
	    date_text(L, c->starts_on, b, sizeof(b)),
	    date_text(L, c->ends_on, e, sizeof(e)));
	rp_text(d, RP_REGULAR, BODY, RP_MARGIN_L + 12.0f, *y - 3 * BODY_LEAD,
	    &rp_ink, line);
	*y = top - h - 10.0f;
}

static void
page_cover(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	const struct asset		*logo;
	char				 line[512], a[96], b[96];
	float				 y;
	size_t				 i;

	rp_new_page(d);
	rp_outline(d, 0, tr(L, "Couverture", "Cover"));
	if ((logo = asset_get(LOGO_PATH)) != NULL)
		rp_svg(d, logo->data, logo->len, RP_MARGIN_L, RP_PAGE_H - 56.0f,
		    58.0f);
	else
		rp_fail(d, "the logo " LOGO_PATH " is not embedded");
	rp_text(d, RP_BOLD, 13.0f, RP_MARGIN_L + 72.0f, RP_PAGE_H - 78.0f,
	    &rp_ink, m->org_name != NULL ? m->org_name : "");
	rp_text(d, RP_REGULAR, 8.5f, RP_MARGIN_L + 72.0f, RP_PAGE_H - 92.0f,
	    &rp_grey, tr(L, "Mesure de l'impact social – établi avec Mesure",
	    "Social impact measurement – made with Mesure"));

	y = RP_PAGE_H - 210.0f;
	rp_text(d, RP_BOLD, 28.0f, RP_MARGIN_L, y, &rp_blue,
	    m->kind == REPORT_ANNUAL ? tr(L, "Bilan annuel d'impact",
	    "Annual impact report") : tr(L, "Rapport d'impact",
	    "Impact report"));
	y -= 30.0f;
	rp_text(d, RP_BOLD, 18.0f, RP_MARGIN_L, y, &rp_ink, L->period);
	y -= 20.0f;
	snprintf(line, sizeof(line), L->l == LANG_FR ? "du %s au %s" :
	    "%s to %s", date_text(L, m->period_start, a, sizeof(a)),
	    date_text(L, m->period_last, b, sizeof(b)));
	rp_text(d, RP_REGULAR, 11.0f, RP_MARGIN_L, y, &rp_grey, line);
	y -= 46.0f;

	rp_text(d, RP_BOLD, 15.0f, RP_MARGIN_L, y, &rp_ink,
	    m->project_name != NULL ? m->project_name : "");
	y -= 8.0f;
	if (m->project_summary != NULL && *m->project_summary != '\0')
		y = rp_para(d, RP_REGULAR, BODY, RP_MARGIN_L, y - 12.0f,
		    RP_TEXT_W, BODY_LEAD, &rp_ink, m->project_summary, 0);
	if (m->project_audience != NULL && *m->project_audience != '\0') {
		snprintf(line, sizeof(line), "%s %s", tr(L, "Pour qui :",
		    "For whom:"), m->project_audience);
		y = rp_para(d, RP_REGULAR, BODY, RP_MARGIN_L, y - 16.0f,
		    RP_TEXT_W, BODY_LEAD, &rp_grey, line, 0);
	}
	y -= 24.0f;
	if (m->has_convention)
		cover_convention(L, &m->convention, &y);
	else {
		rp_text(d, RP_BOLD, 10.0f, RP_MARGIN_L, y, &rp_ink,
		    tr(L, "Rapport de projet : toutes les conventions de la "
		    "période", "Project report: every agreement of the "
		    "period"));
		y -= 14.0f;
		for (i = 0; i < m->nconventions && i < 4; i++)
			cover_convention(L, &m->conventions[i], &y);
	}

	y = RP_BOTTOM + 70.0f;
	fmt_date(a, sizeof(a), L->l, m->as_of[0], m->as_of[1], m->as_of[2]);
	snprintf(line, sizeof(line), L->l == LANG_FR ?
	    "Rapport établi le %s par %s." : "Report made on %s by %s.", a,
	    m->org_name != NULL ? m->org_name : "");
	rp_text(d, RP_REGULAR, BODY, RP_MARGIN_L, y, &rp_ink, line);
	if (m->partial) {
		snprintf(line, sizeof(line), L->l == LANG_FR ?
		    "Période en cours : les chiffres sont arrêtés au %s." :
		    "Period not over: figures as of %s.", a);
		rp_text(d, RP_BOLD, BODY, RP_MARGIN_L, y - BODY_LEAD,
		    &rp_orange, line);
		y -= BODY_LEAD;
	}
	rp_para(d, RP_REGULAR, SMALL, RP_MARGIN_L, y - 16.0f, RP_TEXT_W,
	    SMALL_LEAD, &rp_grey, tr(L,
	    "Ce document porte une signature électronique (PAdES). Vérifiez-la "
	    "avec votre lecteur PDF, avec « pdfsig » ou sur la page /verify "
	    "de Mesure : toute modification du fichier la rend invalide.",
	    "This document carries an electronic signature (PAdES). Check it "
	    "with your PDF reader, with \"pdfsig\" or on Mesure's /verify "
	    "page: any change to the file makes it invalid."), 0);
	snprintf(line, sizeof(line), "%s %s", tr(L,
	    "Empreinte SHA-256 des données :", "SHA-256 of the data:"),
	    m->data_sha256_hex);
	rp_text_fit(d, RP_REGULAR, 6.5f, RP_MARGIN_L, y - 42.0f, RP_TEXT_W,
	    &rp_grey, line);
}

/* Summary ---------------------------------------------------------------- */

/*
 * One key figure: the value, its label, and the change since the
 * quarter before when both are shown.
 */
static void
tile(struct lay *L, float x, float y, float w, const char *value,
    const char *label, int has_change, double change, const char *since)
{
	struct rp_doc	*d = &L->d;
	char		 c[64], pct[32];
	const struct rp_rgb *col;

	rp_rect(d, x, y - 74.0f, w, 74.0f, &rp_grey_light);
	rp_rect(d, x, y - 3.0f, w, 3.0f, &rp_blue);
	rp_text_fit(d, RP_BOLD, 19.0f, x + 9.0f, y - 28.0f, w - 14.0f,
	    &rp_blue, value);
	rp_para(d, RP_REGULAR, 7.8f, x + 9.0f, y - 42.0f, w - 16.0f, 9.5f,
	    &rp_ink, label, 0);
	if (has_change) {
		fmt_percent(pct, sizeof(pct), L->l, fabs(change), 0);
		snprintf(c, sizeof(c), "%s%s %s", change > 0.0005 ? "+" :
		    change < -0.0005 ? "−" : "±", pct, since);
		col = change > 0.0005 ? &rp_green : change < -0.0005 ?
		    &rp_red : &rp_grey;
		rp_text_fit(d, RP_REGULAR, 7.0f, x + 9.0f, y - 68.0f,
		    w - 14.0f, col, c);
	}
}

static void
summary_tiles(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 v[4][64], since[48];
	double				 ch;
	int				 has[4], cur, prev;
	double				 chg[4];
	float				 w, x;
	long long			 nr, pr;
	int				 i;

	cur = m->cur;
	prev = cur > 0 ? cur - 1 : -1;
	memset(has, 0, sizeof(has));
	memset(chg, 0, sizeof(chg));
	since[0] = '\0';
	if (prev >= 0)
		snprintf(since, sizeof(since), L->l == LANG_FR ?
		    "depuis le %s" : "since %s", L->qlabel[prev]);

	count_text(L, &m->total.visits, v[0], sizeof(v[0]));
	count_text(L, &m->total.people, v[1], sizeof(v[1]));
	nr = m->m_sat + m->m_out;
	fmt_int(v[2], sizeof(v[2]), L->l, nr);
	share_text(L, &m->sat_now, 0, v[3], sizeof(v[3]));
	if (prev >= 0) {
		const struct rm_trend *p = &m->trend[prev];

		if (m->total.visits.st == STATS_SHOWN &&
		    p->visits.st == STATS_SHOWN &&
		    lm_change((double)m->total.visits.v, (double)p->visits.v,
		    &ch)) {
			has[0] = 1;
			chg[0] = ch;
		}
		if (m->total.people.st == STATS_SHOWN &&
		    p->people.st == STATS_SHOWN &&
		    lm_change((double)m->total.people.v, (double)p->people.v,
		    &ch)) {
			has[1] = 1;
			chg[1] = ch;
		}
		pr = p->sat.v + p->out.v;
		if (lm_change((double)nr, (double)pr, &ch)) {
			has[2] = 1;
			chg[2] = ch;
		}
		if (m->sat_now.state == STATS_SHOWN &&
		    m->sat_prev.state == STATS_SHOWN &&
		    lm_change(m->sat_now.p, m->sat_prev.p, &ch)) {
			has[3] = 1;
			chg[3] = ch;
		}
	}
	rp_ensure(d, 84.0f);
	w = (RP_TEXT_W - 3 * 8.0f) / 4.0f;
	x = RP_MARGIN_L;
	{
		const char *labels[4];
		char sat_label[160];

		labels[0] = tr(L, "visites d'accompagnement", "support visits");
		labels[1] = tr(L, "personnes suivies (carte de suivi)",
		    "people followed (follow-up card)");
		labels[2] = tr(L, "réponses aux deux enquêtes",
		    "responses to the two surveys");
		snprintf(sat_label, sizeof(sat_label), "%s",
		    tr(L, "jugent l'accueil bon ou très bon",
		    "rate the welcome good or very good"));
		labels[3] = sat_label;
		for (i = 0; i < 4; i++) {
			tile(L, x, d->y, w, v[i], labels[i], has[i], chg[i],
			    since);
			x += w + 8.0f;
		}
	}
	d->y -= 88.0f;
	if (prev >= 0 && has[3])
		small_para(L, tr(L, "La variation de la satisfaction est "
		    "relative (en % de la part du trimestre précédent), comme "
		    "les autres.", "The change in satisfaction is relative (as "
		    "a % of the previous quarter's share), like the others."));
}

/* The indicators against their targets, in a table. */
static void
summary_table(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 val[64], tg[64], ach[64];
	float				 cx[4], h, rowy;
	const char			*ref;
	size_t				 i;
	int				 idx;
	const struct rm_eval		*e;

	h2(L, m->has_convention ? tr(L, "Les indicateurs de la convention",
	    "The agreement's indicators") : tr(L, "Les indicateurs des "
	    "conventions", "The agreements' indicators"), 40.0f);
	if (m->nind == 0) {
		para(L, tr(L, "Aucun indicateur n'est défini pour cette "
		    "période.", "No indicator is defined for this period."));
		return;
	}
	cx[0] = RP_MARGIN_L;
	cx[1] = RP_MARGIN_L + 282.0f;
	cx[2] = RP_MARGIN_L + 362.0f;
	cx[3] = RP_MARGIN_L + 430.0f;
	rp_text(d, RP_BOLD, SMALL, cx[0], d->y - 8.0f, &rp_grey,
	    tr(L, "Indicateur", "Indicator"));
	rp_text(d, RP_BOLD, SMALL, cx[1], d->y - 8.0f, &rp_grey,
	    tr(L, "Résultat", "Result"));
	rp_text(d, RP_BOLD, SMALL, cx[2], d->y - 8.0f, &rp_grey,
	    tr(L, "Objectif", "Target"));
	rp_text(d, RP_BOLD, SMALL, cx[3], d->y - 8.0f, &rp_grey,
	    tr(L, "Atteint", "Achieved"));
	d->y -= 13.0f;
	rp_line(d, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y, 0.6f,
	    &rp_rule);
	ref = NULL;
	for (i = 0; i < m->nind; i++) {
		const struct rm_indicator *ind = &m->ind[i];
		char label[512];

		if (!m->has_convention && (ref == NULL ||
		    strcmp(ref, ind->convention_ref) != 0)) {
			ref = ind->convention_ref;
			rp_ensure(d, 30.0f);
			rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L, d->y - 11.0f,
			    &rp_blue, ref);
			d->y -= 14.0f;
		}
		idx = m->kind == REPORT_ANNUAL ? -1 : m->cur;
		e = idx >= 0 ? &ind->q[idx] : &ind->whole;
		snprintf(label, sizeof(label), "%s · %s",
		    rt_indicator_kind(L->l, ind->kind), ind->label);
		h = rp_para_height(d, RP_REGULAR, 8.0f, 270.0f, 10.0f, label);
		rp_ensure(d, h + 8.0f);
		rowy = d->y - 10.0f;
		rp_para(d, RP_REGULAR, 8.0f, cx[0], rowy, 270.0f, 10.0f,
		    &rp_ink, label, 0);
		eval_text(L, ind, e, val, sizeof(val), 0);
		rp_text(d, RP_BOLD, 8.5f, cx[1], rowy, &rp_ink, val);
		tg[0] = '\0';
		if (idx >= 0 && e->has_target)
			target_text(L, ind, e->target, tg, sizeof(tg));
		else if (idx < 0 && ind->has_target_whole &&
		    ind->measure != IND_MEAS_DISTINCT)
			target_text(L, ind, ind->measure == IND_MEAS_SHARE ?
			    ind->target_avg : ind->target_sum, tg, sizeof(tg));
		rp_text(d, RP_REGULAR, 8.5f, cx[2], rowy, &rp_ink,
		    tg[0] ? tg : "–");
		ach[0] = '\0';
		if (idx >= 0 && e->has_achieved)
			fmt_percent(ach, sizeof(ach), L->l, e->achieved, 0);
		else if (idx < 0 && e->st == STATS_SHOWN && tg[0] &&
		    ind->measure != IND_MEAS_DISTINCT) {
			double t = ind->measure == IND_MEAS_SHARE ?
			    ind->target_avg : ind->target_sum;
			double v = ind->measure == IND_MEAS_SHARE ?
			    e->value * 100.0 : e->value;

			if (t > 0)
				fmt_percent(ach, sizeof(ach), L->l, v / t, 0);
		}
		if (ach[0] != '\0') {
			float bw = 50.0f, fill;

			fill = idx >= 0 ? (float)fmin(e->achieved, 1.0) : 0;
			if (idx < 0) {
				double t = ind->measure == IND_MEAS_SHARE ?
				    ind->target_avg : ind->target_sum;
				double v = ind->measure == IND_MEAS_SHARE ?
				    e->value * 100.0 : e->value;

				fill = t > 0 ? (float)fmin(v / t, 1.0) : 0;
			}
			rp_rect(d, cx[3], rowy - 1.0f, bw, 6.0f,
			    &rp_grey_light);
			rp_rect(d, cx[3], rowy - 1.0f, bw * fill, 6.0f,
			    fill >= 0.999f ? &rp_green : &rp_blue);
			rp_text(d, RP_REGULAR, 8.0f, cx[3] + bw + 5.0f, rowy,
			    &rp_ink, ach);
		} else
			rp_text(d, RP_REGULAR, 8.5f, cx[3], rowy, &rp_grey,
			    "–");
		d->y -= h + 6.0f;
		rp_line(d, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y,
		    0.3f, &rp_rule);
	}
	d->y -= 10.0f;
}

static void
summary_points(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rm_question		*q;
	char				 text[768], a[64], b[64], c[64], e[64];
	size_t				 i, nsites;

	h2(L, tr(L, "À retenir", "Key points"), 40.0f);
	nsites = 0;
	for (i = 0; i < m->sites.n; i++)
		if (m->sites.rows[i].visits.v > 0)
			nsites++;
	count_text(L, &m->total.visits, a, sizeof(a));
	count_text(L, &m->total.people, b, sizeof(b));
	fmt_int(c, sizeof(c), L->l, m->total.newp);
	if (m->total.newp > 0 && stats_is_small(m->total.newp, m->threshold))
		hidden_text(L, c, sizeof(c));
	snprintf(text, sizeof(text), L->l == LANG_FR ?
	    "%s visites dans %zu points d'accueil ; %s personnes suivies par "
	    "leur carte, dont %s venues pour la première fois." :
	    "%s visits at %zu reception points; %s people followed with their "
	    "card, %s of them for the first time.", a, nsites, b, c);
	bullet(L, text);
	if (m->attribution.outcome.state == STATS_SHOWN) {
		share_text(L, &m->attribution.outcome, 0, a, sizeof(a));
		fmt_int(e, sizeof(e), L->l, m->attribution.outcome.n);
		if (m->attribution.attributed.state == STATS_SHOWN) {
			share_text(L, &m->attribution.attributed, 0, b,
			    sizeof(b));
			snprintf(text, sizeof(text), L->l == LANG_FR ?
			    "%s des %s personnes interrogées un à trois mois "
			    "après disent avoir obtenu le droit ou le document "
			    "recherché ; %s l'ont obtenu grâce au service (sans "
			    "lui, elles n'y seraient pas arrivées)." :
			    "%s of the %s people asked one to three months "
			    "later say they obtained the right or document "
			    "they sought; %s obtained it thanks to the service "
			    "(they would not have managed without it).", a, e,
			    b);
		} else
			snprintf(text, sizeof(text), L->l == LANG_FR ?
			    "%s des %s personnes interrogées un à trois mois "
			    "après disent avoir obtenu le droit ou le document "
			    "recherché." : "%s of the %s people asked one to "
			    "three months later say they obtained the right or "
			    "document they sought.", a, e);
		bullet(L, text);
	}
	if (m->sat_now.state == STATS_SHOWN) {
		share_text(L, &m->sat_now, 0, a, sizeof(a));
		fmt_int(b, sizeof(b), L->l, m->sat_now.n);
		snprintf(text, sizeof(text), L->l == LANG_FR ?
		    "%s des %s répondants jugent l'accueil bon ou très bon." :
		    "%s of the %s respondents rate the welcome good or very "
		    "good.", a, b);
		bullet(L, text);
	}
	if ((q = rm_question_find(m, "satisfaction", "rassure")) != NULL &&
	    q->has_positive && q->positive.state == STATS_SHOWN) {
		share_text(L, &q->positive, 0, a, sizeof(a));
		snprintf(text, sizeof(text), L->l == LANG_FR ?
		    "%s se disent rassurés face aux services publics après "
		    "l'aide reçue." : "%s say the help reassured them about "
		    "public services.", a);
		bullet(L, text);
	}
	if (m->partial)
		bullet(L, tr(L, "La période n'est pas terminée : les chiffres "
		    "sont provisoires.", "The period is not over: the figures "
		    "are provisional."));
}

static void
page_summary(struct lay *L)
{
	char	text[256];

	h1(L, tr(L, "Synthèse", "Summary"), 1);
	if (L->m->kind == REPORT_ANNUAL)
		snprintf(text, sizeof(text), L->l == LANG_FR ?
		    "Les chiffres clés de l'année %d, trimestre par trimestre "
		    "dans les pages suivantes." : "The key figures of %d, "
		    "quarter by quarter in the following pages.", L->m->year);
	else
		snprintf(text, sizeof(text), L->l == LANG_FR ?
		    "Les chiffres clés du %s et leur évolution depuis le "
		    "trimestre précédent." : "The key figures of %s and how "
		    "they changed since the quarter before.", L->period);
	para(L, text);
	summary_tiles(L);
	summary_table(L);
	summary_points(L);
}

/* Indicators ------------------------------------------------------------- */

static void
indicator_block(struct lay *L, const struct rm_indicator *ind)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	const struct rm_eval		*e;
	char				 big[64], line[512], a[64], b[64];
	const char			*qlab[RM_QUARTERS];
	double				 v[RM_QUARTERS], tg[RM_QUARTERS];
	enum stats_state		 st[RM_QUARTERS];
	int				 ht[RM_QUARTERS], idx;
	float				 top, lh, y, bw;
	size_t				 k;

	idx = m->kind == REPORT_ANNUAL ? -1 : m->cur;
	e = idx >= 0 ? &ind->q[idx] : &ind->whole;
	lh = rp_para_height(d, RP_BOLD, 10.5f, RP_TEXT_W - 10.0f, 13.0f,
	    ind->label);
	rp_ensure(d, 150.0f + lh);
	rp_outline(d, 1, ind->label);
	top = d->y;
	/* The kind, as a badge, and the convention. */
	snprintf(line, sizeof(line), "%s", rt_indicator_kind(L->l, ind->kind));
	bw = rp_width(d, RP_BOLD, 7.5f, line) + 12.0f;
	rp_rect(d, RP_MARGIN_L, top - 12.0f, bw, 12.0f,
	    strcmp(ind->kind, "impact") == 0 ? &rp_green :
	    strcmp(ind->kind, "suivi") == 0 ? &rp_blue : &rp_orange);
	rp_text(d, RP_BOLD, 7.5f, RP_MARGIN_L + 6.0f, top - 9.0f, &rp_white,
	    line);
	snprintf(line, sizeof(line), "%s %s", tr(L, "Convention",
	    "Agreement"), ind->convention_ref);
	rp_text_right(d, RP_REGULAR, SMALL, RP_PAGE_W - RP_MARGIN_R,
	    top - 9.0f, &rp_grey, line);
	y = rp_para(d, RP_BOLD, 10.5f, RP_MARGIN_L, top - 28.0f,
	    RP_TEXT_W - 10.0f, 13.0f, &rp_ink, ind->label, 0);

	/* Left: the value against the target. */
	y -= 30.0f;
	eval_text(L, ind, e, big, sizeof(big), 1);
	rp_text(d, RP_BOLD, 22.0f, RP_MARGIN_L, y, &rp_blue, big);
	y -= 16.0f;
	if (idx >= 0 && e->has_target) {
		target_text(L, ind, e->target, a, sizeof(a));
		if (e->has_achieved) {
			fmt_percent(b, sizeof(b), L->l, e->achieved, 0);
			snprintf(line, sizeof(line), L->l == LANG_FR ?
			    "Objectif : %s — atteint à %s" :
			    "Target: %s — %s achieved", a, b);
		} else
			snprintf(line, sizeof(line), L->l == LANG_FR ?
			    "Objectif : %s" : "Target: %s", a);
		rp_text(d, RP_REGULAR, BODY, RP_MARGIN_L, y, &rp_ink, line);
		if (e->has_achieved) {
			rp_rect(d, RP_MARGIN_L, y - 12.0f, 220.0f, 6.0f,
			    &rp_grey_light);
			rp_rect(d, RP_MARGIN_L, y - 12.0f,
			    220.0f * (float)fmin(e->achieved, 1.0), 6.0f,
			    e->achieved >= 1.0 ? &rp_green : &rp_blue);
		}
		y -= 24.0f;
	} else if (idx < 0 && ind->has_target_whole &&
	    ind->measure != IND_MEAS_DISTINCT) {
		target_text(L, ind, ind->measure == IND_MEAS_SHARE ?
		    ind->target_avg : ind->target_sum, a, sizeof(a));
		snprintf(line, sizeof(line), L->l == LANG_FR ?
		    "Objectif de l'année : %s (%s des objectifs trimestriels)" :
		    "Year's target: %s (%s of the quarterly targets)", a,
		    ind->measure == IND_MEAS_SHARE ? tr(L, "moyenne", "mean") :
		    tr(L, "somme", "sum"));
		y = rp_para(d, RP_REGULAR, BODY, RP_MARGIN_L, y, 250.0f,
		    BODY_LEAD, &rp_ink, line, 0) - 16.0f;
	} else if (idx < 0 && ind->measure == IND_MEAS_DISTINCT) {
		y = rp_para(d, RP_REGULAR, SMALL, RP_MARGIN_L, y, 250.0f,
		    SMALL_LEAD, &rp_grey, tr(L, "Personnes distinctes sur "
		    "l'année : une personne venue plusieurs trimestres compte "
		    "une fois, la somme des trimestres n'est pas comparable.",
		    "Distinct people over the year: someone who came in "
		    "several quarters counts once; the sum of the quarters "
		    "is not comparable."), 0) - 14.0f;
	} else {
		rp_text(d, RP_REGULAR, BODY, RP_MARGIN_L, y, &rp_grey,
		    tr(L, "Pas d'objectif pour cette période.",
		    "No target for this period."));
		y -= 14.0f;
	}
	/* The counts behind it. */
	if (ind->measure == IND_MEAS_SHARE) {
		share_full(L, &e->share, line, sizeof(line));
		y = rp_para(d, RP_REGULAR, 8.0f, RP_MARGIN_L, y, 250.0f, 10.0f,
		    &rp_ink, line, 0) - 14.0f;
	} else if (e->st == STATS_SHOWN) {
		fmt_int(a, sizeof(a), L->l, e->people);
		if (ind->source == IND_SRC_SURVEY)
			snprintf(line, sizeof(line), L->l == LANG_FR ?
			    "D'après %s réponses anonymes." :
			    "From %s anonymous responses.", a);
		else if (ind->measure == IND_MEAS_DISTINCT)
			snprintf(line, sizeof(line), L->l == LANG_FR ?
			    "Personnes comptées une fois chacune, quel que "
			    "soit le nombre de leurs visites." :
			    "Each person counted once, however many visits.");
		else
			snprintf(line, sizeof(line), L->l == LANG_FR ?
			    "Visites de %s personnes au plus (les visites "
			    "sans carte comptent chacune pour une personne)." :
			    "Visits of at most %s people (visits without a "
			    "card count as one person each).", a);
		y = rp_para(d, RP_REGULAR, 8.0f, RP_MARGIN_L, y, 250.0f, 10.0f,
		    &rp_ink, line, 0) - 14.0f;
	} else if (e->st == STATS_SMALL || e->st == STATS_SECONDARY) {
		snprintf(line, sizeof(line), L->l == LANG_FR ?
		    "Moins de %d personnes : le chiffre n'est pas publié." :
		    "Fewer than %d people: the figure is not shown.",
		    m->threshold);
		y = rp_para(d, RP_REGULAR, 8.0f, RP_MARGIN_L, y, 250.0f, 10.0f,
		    &rp_grey, line, 0) - 14.0f;
	}

	/* Right: the last four quarters. */
	for (k = 0; k < RM_QUARTERS; k++) {
		qlab[k] = L->qlabel[k];
		v[k] = ind->q[k].value;
		st[k] = ind->q[k].has ? ind->q[k].st : STATS_EMPTY;
		ht[k] = ind->q[k].has_target;
		tg[k] = ind->q[k].target;
	}
	{
		float cx = RP_MARGIN_L + 300.0f, cy = top - 32.0f - lh;

		rp_text(d, RP_REGULAR, 7.0f, cx, cy + 4.0f, &rp_grey,
		    tr(L, "Quatre trimestres (trait : objectif)",
		    "Four quarters (line: target)"));
		chart_quarters(d, cx, cy - 4.0f, 180.0f, 62.0f, qlab, v, st,
		    ht, tg, RM_QUARTERS, ind->measure == IND_MEAS_SHARE);
		for (k = 0; k < RM_QUARTERS; k++) {
			eval_text(L, ind, &ind->q[k], a, sizeof(a), 0);
			rp_text_center(d, RP_REGULAR, 6.5f, cx + 6.0f +
			    (float)k * 45.0f + 19.5f, cy - 86.0f, &rp_ink, a);
		}
		if (y > cy - 100.0f)
			y = cy - 100.0f;
	}
	/* The definition in plain words. */
	if (ind->describe != NULL) {
		snprintf(line, sizeof(line), "%s %s", tr(L, "Définition :",
		    "Definition:"), ind->describe);
		y = rp_para(d, RP_REGULAR, 7.0f, RP_MARGIN_L, y, RP_TEXT_W,
		    9.0f, &rp_grey, line, 0);
	}
	d->y = y - 14.0f;
	rp_line(d, RP_MARGIN_L, d->y + 6.0f, RP_PAGE_W - RP_MARGIN_R,
	    d->y + 6.0f, 0.4f, &rp_rule);
}

static void
page_indicators(struct lay *L)
{
	const struct report_model	*m = L->m;
	char				 text[512];
	size_t				 i;

	h1(L, tr(L, "Les indicateurs", "The indicators"), 1);
	snprintf(text, sizeof(text), L->l == LANG_FR ?
	    "Trois indicateurs par convention, selon la méthode Break "
	    "Poverty : un indicateur de suivi (le nombre de bénéficiaires), un "
	    "indicateur d'impact choisi dans une liste restreinte et un "
	    "indicateur libre. Chaque part est donnée avec son effectif et son "
	    "intervalle de confiance à 95" NBSP "%% ; un chiffre construit à "
	    "partir de moins de %d personnes n'est pas publié." :
	    "Three indicators per agreement, the Break Poverty way: a "
	    "follow-up indicator (the number of beneficiaries), an impact "
	    "indicator chosen from a restricted list and a free indicator. "
	    "Every share comes with its counts and its 95%% confidence "
	    "interval; a figure built from fewer than %d people is not "
	    "shown.", m->threshold);
	para(L, text);
	L->d.y -= 6.0f;
	for (i = 0; i < m->nind; i++)
		indicator_block(L, &m->ind[i]);
}

/* Impact chain ----------------------------------------------------------- */

/* The figure written beside a stage of the chain when no indicator is
 * tied to one of its steps. */
static void
stage_figure(struct lay *L, const char *stage, char *buf, size_t n)
{
	const struct report_model	*m = L->m;
	struct rm_question		*q;
	char				 a[64], b[64];
	long long			 spent, planned, orient;
	size_t				 i;

	buf[0] = '\0';
	if (strcmp(stage, "resources") == 0) {
		spent = planned = 0;
		for (i = 0; i < m->nbudget; i++) {
			spent += m->budget[i].spent_period;
			planned += m->budget[i].planned;
		}
		fmt_money(a, sizeof(a), L->l, spent);
		fmt_money(b, sizeof(b), L->l, planned);
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s dépensés sur la période (budget prévu : %s)" :
		    "%s spent in the period (planned budget: %s)", a, b);
	} else if (strcmp(stage, "activities") == 0) {
		count_text(L, &m->total.visits, a, sizeof(a));
		fmt_int(b, sizeof(b), L->l, (m->total.minutes + 30) / 60);
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s visites, %s heures d'accompagnement" :
		    "%s visits, %s hours of support", a, b);
	} else if (strcmp(stage, "outputs") == 0) {
		count_text(L, &m->total.people, a, sizeof(a));
		orient = 0;
		for (i = 0; i < m->partners.n; i++)
			orient += m->partners.rows[i].visits.v;
		fmt_int(b, sizeof(b), L->l, orient);
		if (stats_is_small(orient, m->threshold))
			hidden_text(L, b, sizeof(b));
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s personnes suivies ; %s orientations vers un partenaire" :
		    "%s people followed; %s orientations to a partner", a, b);
	} else if (strcmp(stage, "outcomes") == 0) {
		share_text(L, &m->attribution.outcome, 0, a, sizeof(a));
		q = rm_question_find(m, "resultats", "autres_demarches_seul");
		if (q != NULL && q->has_positive)
			share_text(L, &q->positive, 0, b, sizeof(b));
		else
			snprintf(b, sizeof(b), "–");
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s ont obtenu leur droit ; %s font d'autres démarches "
		    "seules" : "%s obtained their right; %s do other "
		    "procedures alone", a, b);
	} else if (strcmp(stage, "impact") == 0) {
		q = rm_question_find(m, "satisfaction", "rassure");
		if (q != NULL && q->has_positive)
			share_text(L, &q->positive, 0, a, sizeof(a));
		else
			snprintf(a, sizeof(a), "–");
		q = rm_question_find(m, "resultats", "confiance_services");
		if (q != NULL && q->has_positive)
			share_text(L, &q->positive, 0, b, sizeof(b));
		else
			snprintf(b, sizeof(b), "–");
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s rassurés face aux services publics ; %s leur font plus "
		    "confiance" : "%s reassured about public services; %s "
		    "trust them more", a, b);
	}
}

static void
page_chain(struct lay *L)
{
	static const char *const stages[] = {
		"resources", "activities", "outputs", "outcomes", "impact"
	};
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 fig[512], v[64];
	float				 top, h, hs, hf, lx, lw, fx, fw, yy;
	size_t				 s, i;

	h1(L, tr(L, "La chaîne de l'impact", "The impact chain"), 1);
	para(L, tr(L, "Des ressources à l'impact : ce que le projet mobilise, "
	    "ce qu'il fait, ce qu'il produit, ce qui change pour les "
	    "personnes et pour la société, avec un chiffre de la période à "
	    "chaque étape.", "From resources to impact: what the project "
	    "uses, what it does, what it produces, what changes for people "
	    "and for society, with a figure of the period at each step."));
	d->y -= 6.0f;
	lx = RP_MARGIN_L + 104.0f;
	lw = 210.0f;
	fx = lx + lw + 12.0f;
	fw = RP_PAGE_W - RP_MARGIN_R - fx;
	for (s = 0; s < 5; s++) {
		/* The height: the longer of the steps and the figure. */
		hs = 0;
		for (i = 0; i < m->nsteps; i++)
			if (strcmp(m->steps[i].stage, stages[s]) == 0)
				hs += rp_para_height(d, RP_REGULAR, 8.0f,
				    lw - 10.0f, 10.0f, m->steps[i].label) + 4.0f;
		fig[0] = '\0';
		for (i = 0; i < m->nsteps; i++)
			if (strcmp(m->steps[i].stage, stages[s]) == 0 &&
			    m->steps[i].ind >= 0) {
				const struct rm_indicator *ind =
				    &m->ind[m->steps[i].ind];
				const struct rm_eval *e = m->cur >= 0 ?
				    &ind->q[m->cur] : &ind->whole;

				eval_text(L, ind, e, v, sizeof(v), 1);
				snprintf(fig, sizeof(fig), "%s : %s",
				    ind->label, v);
				break;
			}
		if (fig[0] == '\0')
			stage_figure(L, stages[s], fig, sizeof(fig));
		hf = rp_para_height(d, RP_BOLD, 8.5f, fw - 12.0f, 11.0f, fig);
		h = fmaxf(fmaxf(hs, hf) + 16.0f, 46.0f);
		rp_ensure(d, h + 18.0f);
		top = d->y;
		rp_rect(d, RP_MARGIN_L, top - h, 96.0f, h, &rp_blue);
		rp_text_center(d, RP_BOLD, 10.0f, RP_MARGIN_L + 48.0f,
		    top - h / 2.0f - 3.5f, &rp_white,
		    rt_stage(L->l, stages[s]));
		rp_rect(d, lx - 4.0f, top - h, lw + 4.0f, h, &rp_grey_light);
		yy = top - 12.0f;
		for (i = 0; i < m->nsteps; i++) {
			if (strcmp(m->steps[i].stage, stages[s]) != 0)
				continue;
			rp_text(d, RP_REGULAR, 8.0f, lx, yy, &rp_blue, "•");
			yy = rp_para(d, RP_REGULAR, 8.0f, lx + 8.0f, yy,
			    lw - 10.0f, 10.0f, &rp_ink, m->steps[i].label, 0);
			yy -= 14.0f;
		}
		rp_rect(d, fx - 4.0f, top - h, fw + 4.0f, h, &rp_blue_light);
		rp_para(d, RP_BOLD, 8.5f, fx + 4.0f, top - 14.0f, fw - 12.0f,
		    11.0f, &rp_ink, fig, 0);
		d->y = top - h;
		if (s < 4) {
			rp_line(d, RP_MARGIN_L + 48.0f, d->y,
			    RP_MARGIN_L + 48.0f, d->y - 10.0f, 1.5f, &rp_blue);
			/* A downward arrow head. */
			if (!d->failed) {
				HPDF_Page_SetRGBFill(d->page, rp_blue.r,
				    rp_blue.g, rp_blue.b);
				HPDF_Page_MoveTo(d->page, RP_MARGIN_L + 43.0f,
				    d->y - 8.0f);
				HPDF_Page_LineTo(d->page, RP_MARGIN_L + 53.0f,
				    d->y - 8.0f);
				HPDF_Page_LineTo(d->page, RP_MARGIN_L + 48.0f,
				    d->y - 15.0f);
				HPDF_Page_ClosePath(d->page);
				HPDF_Page_Fill(d->page);
			}
			d->y -= 17.0f;
		}
	}
	d->y -= 12.0f;
	if (m->nsteps == 0)
		para(L, tr(L, "La chaîne de l'impact du projet n'est pas encore "
		    "décrite.", "The project's impact chain is not described "
		    "yet."));
}

/* Activity --------------------------------------------------------------- */

static void
dim_chart(struct lay *L, const char *title, const struct rm_dim *dim,
    int skip_empty, int with_people)
{
	struct rp_doc		*d = &L->d;
	struct chart_bar	 bars[32];
	char			 txt[32][48], note[32][96], p[48];
	size_t			 i, n;

	n = 0;
	for (i = 0; i < dim->n && n < 32; i++) {
		const struct rm_row *r = &dim->rows[i];

		if (skip_empty && r->visits.v == 0)
			continue;
		bars[n].label = r->label != NULL ? r->label : r->code;
		bars[n].value = (double)r->visits.v;
		bars[n].st = r->visits.st;
		count_text(L, &r->visits, txt[n], sizeof(txt[n]));
		bars[n].text = txt[n];
		bars[n].note = NULL;
		if (with_people) {
			count_text(L, &r->people, p, sizeof(p));
			snprintf(note[n], sizeof(note[n]), L->l == LANG_FR ?
			    "(%s pers.)" : "(%s people)", p);
			bars[n].note = note[n];
		}
		n++;
	}
	h2(L, title, (float)n * 16.0f);
	if (n == 0) {
		para(L, tr(L, "Aucune visite.", "No visit."));
		return;
	}
	d->y -= chart_hbars(d, RP_MARGIN_L, d->y, RP_TEXT_W, 170.0f, bars, n,
	    &rp_blue) + 8.0f;
}

static void
page_activity(struct lay *L)
{
	const struct report_model	*m = L->m;
	char				 text[512], a[64], b[64], c[64];

	h1(L, tr(L, "L'activité", "The activity"), 1);
	count_text(L, &m->total.visits, a, sizeof(a));
	fmt_int(b, sizeof(b), L->l, m->total.anon);
	fmt_int(c, sizeof(c), L->l, (m->total.minutes + 30) / 60);
	snprintf(text, sizeof(text), L->l == LANG_FR ?
	    "%s visites sur la période, dont %s sans carte de suivi, pour %s "
	    "heures d'accompagnement. Une visite peut concerner deux domaines : "
	    "les domaines ne s'additionnent pas." :
	    "%s visits in the period, %s of them without a follow-up card, "
	    "for %s hours of support. A visit may concern two domains: the "
	    "domains do not add up.", a, b, c);
	para(L, text);
	dim_chart(L, tr(L, "Par point d'accueil", "By reception point"),
	    &m->sites, 0, 1);
	dim_chart(L, tr(L, "Par type d'aide", "By kind of help"),
	    &m->help_kinds, 0, 0);
	dim_chart(L, tr(L, "Par domaine de démarche", "By domain"),
	    &m->domains, 0, 0);
	dim_chart(L, tr(L, "Orientations vers les partenaires",
	    "Orientations to partners"), &m->partners, 1, 0);
	dim_chart(L, tr(L, "Autonomie observée par le médiateur",
	    "Autonomy observed by the mediator"), &m->autonomy, 0, 0);
}

/* Satisfaction and outcomes ------------------------------------------------ */

/*
 * The colour of an answer in the stacked bars: neutral (a "no" is not
 * a failure for every question): yes in blue, no in orange, don't know
 * in grey; other answers in the order of the question's options.
 */
static const struct rp_rgb *
answer_colour(const char *value, size_t i)
{
	static const struct rp_rgb *const seq[] = {
		&rp_blue, &rp_blue_mid, &rp_orange, &rp_rule_dark
	};

	if (value != NULL) {
		if (strcmp(value, "oui") == 0)
			return (&rp_blue);
		if (strcmp(value, "non") == 0)
			return (&rp_orange);
		if (strcmp(value, "nsp") == 0)
			return (&rp_rule_dark);
	}
	return (seq[i % 4]);
}

static void
question_bar(struct lay *L, const struct rm_question *q)
{
	struct rp_doc		*d = &L->d;
	long long		 counts[24];
	enum stats_state	 st[24];
	const struct rp_rgb	*col[24];
	char			 n[48], t[64];
	float			 h, bx, bw;
	size_t			 i, k;
	int			 smiley, yesno;

	smiley = strcmp(q->type, "smiley") == 0;
	yesno = strcmp(q->type, "yes_no_dk") == 0;
	for (i = 0, k = 0; i < q->nopt && k < 24; i++, k++) {
		counts[k] = q->opt[i].count.v;
		st[k] = q->opt[i].count.st;
		if (smiley)
			/* Options are 1..5; draw from very happy down. */
			col[k] = &rp_smiley[(atoi(q->opt[i].value) + 4) % 5];
		else if (yesno || strcmp(q->opt[i].value, "oui") == 0 ||
		    strcmp(q->opt[i].value, "non") == 0 ||
		    strcmp(q->opt[i].value, "nsp") == 0)
			col[k] = answer_colour(q->opt[i].value, i);
		else
			col[k] = answer_colour(NULL, i);
	}
	if (smiley) {
		/* Reverse: very happy first, on the left. */
		for (i = 0; i < k / 2; i++) {
			long long tc = counts[i];
			enum stats_state ts = st[i];
			const struct rp_rgb *tcol = col[i];

			counts[i] = counts[k - 1 - i];
			st[i] = st[k - 1 - i];
			col[i] = col[k - 1 - i];
			counts[k - 1 - i] = tc;
			st[k - 1 - i] = ts;
			col[k - 1 - i] = tcol;
		}
	}
	h = rp_para_height(d, RP_REGULAR, 8.0f, 190.0f, 10.0f, q->label);
	if (h < 14.0f)
		h = 14.0f;
	rp_ensure(d, h + 6.0f);
	rp_para(d, RP_REGULAR, 8.0f, RP_MARGIN_L, d->y - 9.0f, 190.0f, 10.0f,
	    &rp_ink, q->label, 0);
	bx = RP_MARGIN_L + 198.0f;
	bw = RP_TEXT_W - 198.0f - 54.0f;
	if (q->answered.st == STATS_SHOWN)
		chart_stacked(d, bx, d->y - 1.0f, bw, 13.0f, counts, st, col, k,
		    1);
	else
		rp_rect(d, bx, d->y - 14.0f, bw, 13.0f, &rp_grey_light);
	count_text(L, &q->answered, n, sizeof(n));
	snprintf(t, sizeof(t), "n = %s", n);
	rp_text(d, RP_REGULAR, 7.5f, bx + bw + 6.0f, d->y - 10.0f, &rp_grey,
	    t);
	d->y -= h + 7.0f;
}

static void
option_legend(struct lay *L, const struct rm_question *q)
{
	struct rp_doc		*d = &L->d;
	const char		*names[24];
	const struct rp_rgb	*col[24];
	size_t			 i, k;
	char			 hidden[64];

	k = 0;
	for (i = 0; i < q->nopt && k < 23; i++) {
		names[k] = q->opt[i].label;
		col[k++] = answer_colour(q->opt[i].value, i);
	}
	snprintf(hidden, sizeof(hidden), L->l == LANG_FR ?
	    "masqué (< %d)" : "hidden (< %d)", L->m->threshold);
	names[k] = hidden;
	col[k++] = &rp_grey_light;
	rp_ensure(d, 14.0f);
	d->y -= chart_legend(d, RP_MARGIN_L + 198.0f, d->y, RP_TEXT_W - 198.0f,
	    names, col, k) + 4.0f;
}

static void
smiley_legend(struct lay *L)
{
	struct rp_doc		*d = &L->d;
	const char		*names[6];
	const struct rp_rgb	*col[6];
	char			 hidden[64];
	int			 i;

	for (i = 0; i < 5; i++) {
		names[i] = rt_smiley(L->l, 5 - i);
		col[i] = &rp_smiley[4 - i];
	}
	snprintf(hidden, sizeof(hidden), L->l == LANG_FR ?
	    "masqué (< %d)" : "hidden (< %d)", L->m->threshold);
	names[5] = hidden;
	col[5] = &rp_grey_light;
	rp_ensure(d, 14.0f);
	d->y -= chart_legend(d, RP_MARGIN_L + 198.0f, d->y,
	    RP_TEXT_W - 198.0f, names, col, 6) + 4.0f;
}

static void
yesno_legend(struct lay *L)
{
	struct rp_doc		*d = &L->d;
	const char		*names[4];
	const struct rp_rgb	*col[4];
	char			 hidden[64];

	names[0] = rt_answer_label(L->l, "oui");
	names[1] = rt_answer_label(L->l, "non");
	names[2] = rt_answer_label(L->l, "nsp");
	col[0] = answer_colour("oui", 0);
	col[1] = answer_colour("non", 1);
	col[2] = answer_colour("nsp", 2);
	snprintf(hidden, sizeof(hidden), L->l == LANG_FR ?
	    "masqué (< %d)" : "hidden (< %d)", L->m->threshold);
	names[3] = hidden;
	col[3] = &rp_grey_light;
	rp_ensure(d, 14.0f);
	d->y -= chart_legend(d, RP_MARGIN_L + 198.0f, d->y,
	    RP_TEXT_W - 198.0f, names, col, 4) + 4.0f;
}

static void
survey_section(struct lay *L, const char *kind, const char *title,
    long long n)
{
	const struct report_model	*m = L->m;
	char				 t[256], a[48];
	size_t				 i;
	int				 any_smiley, any_yesno;

	fmt_int(a, sizeof(a), L->l, n);
	snprintf(t, sizeof(t), "%s (%s %s)", title, a,
	    tr(L, "réponses", "responses"));
	h2(L, t, 60.0f);
	any_smiley = any_yesno = 0;
	for (i = 0; i < m->nquestions; i++) {
		const struct rm_question *q = &m->questions[i];

		if (strcmp(q->survey_kind, kind) != 0)
			continue;
		if (strcmp(q->type, "smiley") == 0)
			any_smiley = 1;
		if (strcmp(q->type, "yes_no_dk") == 0)
			any_yesno = 1;
	}
	if (any_smiley) {
		smiley_legend(L);
		for (i = 0; i < m->nquestions; i++)
			if (strcmp(m->questions[i].survey_kind, kind) == 0 &&
			    strcmp(m->questions[i].type, "smiley") == 0)
				question_bar(L, &m->questions[i]);
		L->d.y -= 6.0f;
	}
	if (any_yesno) {
		yesno_legend(L);
		for (i = 0; i < m->nquestions; i++)
			if (strcmp(m->questions[i].survey_kind, kind) == 0 &&
			    strcmp(m->questions[i].type, "yes_no_dk") == 0)
				question_bar(L, &m->questions[i]);
		L->d.y -= 6.0f;
	}
	/* Single-choice questions with their own legend (outcomes). */
	for (i = 0; i < m->nquestions; i++) {
		const struct rm_question *q = &m->questions[i];

		if (strcmp(q->survey_kind, kind) != 0 ||
		    strcmp(q->type, "single") != 0 ||
		    strcmp(kind, "resultats") != 0)
			continue;
		option_legend(L, q);
		question_bar(L, q);
		L->d.y -= 6.0f;
	}
}

static void
attribution_box(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	const struct stats_attribution	*a = &m->attribution;
	char				 t[3][512], s[256], hi[64];
	float				 h, top, y;
	int				 i;

	snprintf(s, sizeof(s), "%s", m->attr_question != NULL ?
	    m->attr_question : "");
	share_full(L, &a->outcome, t[0], sizeof(t[0]));
	{
		char x[512];

		memcpy(x, t[0], sizeof(x));
		snprintf(t[0], sizeof(t[0]), L->l == LANG_FR ?
		    "Résultat – droit ou document obtenu : %s" :
		    "Outcome – right or document obtained: %s", x);
		share_full(L, &a->attributed, x, sizeof(x));
		if (a->attributed_hi.state == STATS_SHOWN &&
		    a->attributed.state == STATS_SHOWN) {
			share_text(L, &a->attributed_hi, 1, hi, sizeof(hi));
			snprintf(t[1], sizeof(t[1]), L->l == LANG_FR ?
			    "Attribution – obtenu grâce au service (sans lui, "
			    "la personne n'y serait pas arrivée) : %s ; "
			    "jusqu'à %s en comptant les « ne sait pas » et "
			    "les sans-réponse." : "Attribution – obtained "
			    "thanks to the service (the person would not have "
			    "managed without it): %s; up to %s counting "
			    "\"don't know\" and no answer.", x, hi);
		} else
			snprintf(t[1], sizeof(t[1]), L->l == LANG_FR ?
			    "Attribution – obtenu grâce au service : %s" :
			    "Attribution – obtained thanks to the service: %s",
			    x);
		share_full(L, &a->among, x, sizeof(x));
		snprintf(t[2], sizeof(t[2]), L->l == LANG_FR ?
		    "Parmi les personnes qui ont obtenu leur droit, part qui "
		    "l'attribue au service : %s" : "Among the people who "
		    "obtained their right, share who credit the service: %s",
		    x);
	}
	h = 24.0f;
	for (i = 0; i < 3; i++)
		h += rp_para_height(d, RP_REGULAR, 8.0f, RP_TEXT_W - 20.0f,
		    10.5f, t[i]) + 4.0f;
	rp_ensure(d, h + 8.0f);
	top = d->y;
	rp_rect(d, RP_MARGIN_L, top - h, RP_TEXT_W, h, &rp_blue_light);
	rp_rect(d, RP_MARGIN_L, top - h, 3.0f, h, &rp_blue);
	rp_text(d, RP_BOLD, 9.0f, RP_MARGIN_L + 10.0f, top - 13.0f, &rp_ink,
	    tr(L, "Résultat et attribution, séparés",
	    "Outcome and attribution, kept apart"));
	y = top - 26.0f;
	for (i = 0; i < 3; i++) {
		y = rp_para(d, RP_REGULAR, 8.0f, RP_MARGIN_L + 10.0f, y,
		    RP_TEXT_W - 20.0f, 10.5f, &rp_ink, t[i], 0);
		y -= 14.5f;
	}
	d->y = top - h - 10.0f;
}

static void
multiple_bars(struct lay *L, const char *kind, const char *code)
{
	struct rp_doc		*d = &L->d;
	const struct rm_question *q;
	struct chart_bar	 bars[24];
	char			 txt[24][48];
	size_t			 i;

	if ((q = rm_question_find(L->m, kind, code)) == NULL || q->nopt == 0)
		return;
	for (i = 0; i < q->nopt && i < 24; i++) {
		bars[i].label = q->opt[i].label;
		bars[i].value = (double)q->opt[i].count.v;
		bars[i].st = q->opt[i].count.st;
		count_text(L, &q->opt[i].count, txt[i], sizeof(txt[i]));
		bars[i].text = txt[i];
		bars[i].note = NULL;
	}
	h2(L, q->label, (float)i * 16.0f);
	d->y -= chart_hbars(d, RP_MARGIN_L, d->y, RP_TEXT_W, 170.0f, bars, i,
	    &rp_green) + 4.0f;
	small_para(L, tr(L, "Plusieurs réponses possibles : les barres ne "
	    "s'additionnent pas.", "Several answers possible: the bars do not "
	    "add up."));
}

static void
page_surveys(struct lay *L)
{
	const struct report_model	*m = L->m;

	h1(L, tr(L, "Satisfaction et résultats déclarés",
	    "Satisfaction and self-reported outcomes"), 1);
	para(L, tr(L, "L'enquête de satisfaction est proposée juste après la "
	    "visite, sur la tablette du point d'accueil ou sur le téléphone "
	    "de la personne ; l'enquête de résultats, un à trois mois après, "
	    "avec la carte de suivi. Les réponses sont anonymes.",
	    "The satisfaction survey is offered right after the visit, on the "
	    "reception point's tablet or on the person's phone; the outcome "
	    "survey one to three months later, with the follow-up card. "
	    "Answers are anonymous."));
	survey_section(L, "satisfaction", tr(L, "Satisfaction après la visite",
	    "Satisfaction after the visit"), m->m_sat);
	survey_section(L, "resultats", tr(L, "Résultats déclarés, un à trois "
	    "mois après", "Self-reported outcomes, one to three months later"),
	    m->m_out);
	attribution_box(L);
	multiple_bars(L, "resultats", "frein_leve");
}

/* Trend, milestones, budget ----------------------------------------------- */

static void
page_trend(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	struct chart_series		 s[2];
	const char			*labels[RM_QUARTERS];
	const struct rp_rgb		*col[2];
	const char			*names[2];
	char				 a[48], b[48], c[48], e[48];
	float				 cx[5], y;
	size_t				 i;

	h1(L, tr(L, "Évolution sur quatre trimestres",
	    "Trend over four quarters"), d->y < RP_BOTTOM + 380.0f);
	memset(s, 0, sizeof(s));
	s[0].name = tr(L, "Visites", "Visits");
	s[0].colour = &rp_blue;
	s[1].name = tr(L, "Personnes suivies", "People followed");
	s[1].colour = &rp_orange;
	for (i = 0; i < m->ntrend; i++) {
		labels[i] = L->qlabel[i];
		s[0].v[i] = (double)m->trend[i].visits.v;
		s[0].st[i] = m->trend[i].visits.st;
		s[1].v[i] = (double)m->trend[i].people.v;
		s[1].st[i] = m->trend[i].people.st;
	}
	names[0] = s[0].name;
	names[1] = s[1].name;
	col[0] = &rp_blue;
	col[1] = &rp_orange;
	rp_ensure(d, 190.0f);
	chart_legend(d, RP_MARGIN_L + 36.0f, d->y, 300.0f, names, col, 2);
	d->y -= 18.0f;
	chart_line(d, RP_MARGIN_L, d->y, RP_TEXT_W, 130.0f, labels, m->ntrend,
	    s, 2);
	d->y -= 158.0f;

	cx[0] = RP_MARGIN_L;
	cx[1] = RP_MARGIN_L + 110.0f;
	cx[2] = RP_MARGIN_L + 190.0f;
	cx[3] = RP_MARGIN_L + 290.0f;
	cx[4] = RP_MARGIN_L + 380.0f;
	rp_ensure(d, 80.0f);
	y = d->y - 8.0f;
	rp_text(d, RP_BOLD, SMALL, cx[0], y, &rp_grey,
	    tr(L, "Trimestre", "Quarter"));
	rp_text(d, RP_BOLD, SMALL, cx[1], y, &rp_grey,
	    tr(L, "Visites", "Visits"));
	rp_text(d, RP_BOLD, SMALL, cx[2], y, &rp_grey,
	    tr(L, "Personnes suivies", "People followed"));
	rp_text(d, RP_BOLD, SMALL, cx[3], y, &rp_grey,
	    tr(L, "Satisfaction", "Satisfaction"));
	rp_text(d, RP_BOLD, SMALL, cx[4], y, &rp_grey,
	    tr(L, "Résultats déclarés", "Outcomes"));
	d->y -= 13.0f;
	rp_line(d, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y, 0.6f,
	    &rp_rule);
	for (i = 0; i < m->ntrend; i++) {
		y = d->y - 11.0f;
		rp_text(d, (int)i == m->cur ? RP_BOLD : RP_REGULAR, 8.5f, cx[0],
		    y, &rp_ink, L->qlabel[i]);
		rp_text(d, RP_REGULAR, 8.5f, cx[1], y, &rp_ink,
		    count_text(L, &m->trend[i].visits, a, sizeof(a)));
		rp_text(d, RP_REGULAR, 8.5f, cx[2], y, &rp_ink,
		    count_text(L, &m->trend[i].people, b, sizeof(b)));
		rp_text(d, RP_REGULAR, 8.5f, cx[3], y, &rp_ink,
		    count_text(L, &m->trend[i].sat, c, sizeof(c)));
		rp_text(d, RP_REGULAR, 8.5f, cx[4], y, &rp_ink,
		    count_text(L, &m->trend[i].out, e, sizeof(e)));
		d->y -= 15.0f;
		rp_line(d, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y,
		    0.3f, &rp_rule);
	}
	d->y -= 18.0f;
}

static void
section_milestones(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 a[64], b[64];
	float				 h, y;
	size_t				 i;
	const struct rp_rgb		*col;

	h2(L, tr(L, "Les grandes étapes", "Milestones"), 60.0f);
	if (m->nmilestones == 0) {
		para(L, tr(L, "Aucune étape n'est définie.",
		    "No milestone is defined."));
		return;
	}
	y = d->y - 8.0f;
	rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L, y, &rp_grey,
	    tr(L, "Étape", "Milestone"));
	rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L + 270.0f, y, &rp_grey,
	    tr(L, "Prévue", "Planned"));
	rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L + 350.0f, y, &rp_grey,
	    tr(L, "Réalisée", "Done"));
	rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L + 420.0f, y, &rp_grey,
	    tr(L, "Statut", "Status"));
	d->y -= 13.0f;
	for (i = 0; i < m->nmilestones; i++) {
		const struct rm_milestone *ms = &m->milestones[i];

		h = rp_para_height(d, RP_REGULAR, 8.0f, 260.0f, 10.0f,
		    ms->label);
		rp_ensure(d, h + 6.0f);
		y = d->y - 10.0f;
		rp_para(d, RP_REGULAR, 8.0f, RP_MARGIN_L, y, 260.0f, 10.0f,
		    &rp_ink, ms->label, 0);
		rp_text(d, RP_REGULAR, 8.0f, RP_MARGIN_L + 270.0f, y, &rp_ink,
		    date_short(L, ms->planned_on, a, sizeof(a)));
		rp_text(d, RP_REGULAR, 8.0f, RP_MARGIN_L + 350.0f, y, &rp_ink,
		    ms->done_on != NULL ? date_short(L, ms->done_on, b,
		    sizeof(b)) : "–");
		col = strcmp(ms->status, "done") == 0 ? &rp_green :
		    strcmp(ms->status, "late") == 0 ? &rp_red :
		    strcmp(ms->status, "in_progress") == 0 ? &rp_orange :
		    &rp_rule;
		rp_circle(d, RP_MARGIN_L + 423.0f, y + 3.0f, 3.0f, col);
		rp_text(d, RP_REGULAR, 8.0f, RP_MARGIN_L + 430.0f, y, &rp_ink,
		    rt_milestone_status(L->l, ms->status));
		d->y -= h + 5.0f;
		rp_line(d, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y,
		    0.3f, &rp_rule);
	}
	d->y -= 14.0f;
}

static void
section_budget(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 a[64], b[64], c[64], e[64];
	float				 cx[5], y, h;
	long long			 tp, ts, tt;
	size_t				 i;

	h2(L, tr(L, "Les grandes lignes budgétaires", "Budget lines"), 60.0f);
	if (m->nbudget == 0) {
		para(L, tr(L, "Aucune ligne budgétaire n'est définie.",
		    "No budget line is defined."));
		return;
	}
	/* Right edges of the figure columns. */
	cx[0] = RP_MARGIN_L;
	cx[1] = RP_MARGIN_L + 275.0f;
	cx[2] = RP_MARGIN_L + 345.0f;
	cx[3] = RP_MARGIN_L + 418.0f;
	cx[4] = RP_PAGE_W - RP_MARGIN_R;
	y = d->y - 8.0f;
	rp_text(d, RP_BOLD, SMALL, cx[0], y - 9.0f, &rp_grey,
	    tr(L, "Ligne", "Line"));
	rp_text_right(d, RP_BOLD, SMALL, cx[1], y - 9.0f, &rp_grey,
	    tr(L, "Prévu", "Planned"));
	rp_text_right(d, RP_BOLD, SMALL, cx[2], y, &rp_grey,
	    tr(L, "Dépensé", "Spent"));
	rp_text_right(d, RP_BOLD, SMALL, cx[2], y - 9.0f, &rp_grey,
	    tr(L, "sur la période", "in the period"));
	rp_text_right(d, RP_BOLD, SMALL, cx[3], y, &rp_grey,
	    tr(L, "Dépensé", "Spent"));
	rp_text_right(d, RP_BOLD, SMALL, cx[3], y - 9.0f, &rp_grey,
	    tr(L, "depuis le début", "to date"));
	rp_text_right(d, RP_BOLD, SMALL, cx[4], y - 9.0f, &rp_grey,
	    tr(L, "Consommé", "Used"));
	d->y -= 9.0f;
	d->y -= 13.0f;
	tp = ts = tt = 0;
	for (i = 0; i <= m->nbudget; i++) {
		const struct rm_budget *bl = i < m->nbudget ? &m->budget[i] :
		    NULL;
		long long p, s, t;
		const char *label;

		if (bl != NULL) {
			p = bl->planned;
			s = bl->spent_period;
			t = bl->spent_to_date;
			label = bl->label;
			tp += p;
			ts += s;
			tt += t;
		} else {
			p = tp;
			s = ts;
			t = tt;
			label = tr(L, "Total", "Total");
		}
		h = rp_para_height(d, RP_REGULAR, 8.0f, 200.0f, 10.0f, label);
		rp_ensure(d, h + 6.0f);
		y = d->y - 10.0f;
		rp_para(d, bl == NULL ? RP_BOLD : RP_REGULAR, 8.0f, cx[0], y,
		    200.0f, 10.0f, &rp_ink, label, 0);
		rp_text_right(d, RP_REGULAR, 8.0f, cx[1], y, &rp_ink,
		    fmt_money(a, sizeof(a), L->l, p));
		rp_text_right(d, RP_REGULAR, 8.0f, cx[2], y, &rp_ink,
		    fmt_money(b, sizeof(b), L->l, s));
		rp_text_right(d, RP_REGULAR, 8.0f, cx[3], y, &rp_ink,
		    fmt_money(c, sizeof(c), L->l, t));
		if (p > 0)
			fmt_percent(e, sizeof(e), L->l, (double)t / (double)p,
			    0);
		else
			snprintf(e, sizeof(e), "–");
		rp_text_right(d, RP_REGULAR, 8.0f, cx[4], y, &rp_ink, e);
		d->y -= h + 5.0f;
		rp_line(d, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y,
		    bl == NULL ? 0.6f : 0.3f, &rp_rule);
	}
	d->y -= 14.0f;
}

/* Quotes ------------------------------------------------------------------ */

static void
section_quotes(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 q[1200], who[256], date[64];
	float				 h, top, y;
	size_t				 i;

	h1(L, tr(L, "Paroles de bénéficiaires", "In their own words"),
	    d->y < RP_BOTTOM + 160.0f);
	if (m->nquotes == 0) {
		para(L, tr(L, "Aucune réponse libre n'a été retenue pour cette "
		    "période. Les réponses libres ne sont citées qu'avec "
		    "l'accord de la coordination.", "No free-text answer was "
		    "chosen for this period. Free-text answers are quoted only "
		    "with the coordinator's approval."));
		return;
	}
	small_para(L, tr(L, "Réponses libres choisies par la coordination, "
	    "citées avec son accord, sans rien qui permette de reconnaître "
	    "la personne.", "Free-text answers chosen by the coordinator, "
	    "quoted with their approval, with nothing that identifies the "
	    "person."));
	for (i = 0; i < m->nquotes; i++) {
		const struct rm_quote *qt = &m->quotes[i];

		snprintf(q, sizeof(q), L->l == LANG_FR ? "« %s »" :
		    "\u201c%s\u201d", qt->text);
		snprintf(who, sizeof(who), "— %s, %s, %s",
		    strcmp(qt->survey_kind, "satisfaction") == 0 ?
		    tr(L, "enquête de satisfaction", "satisfaction survey") :
		    tr(L, "enquête de résultats", "outcome survey"),
		    qt->site != NULL ? qt->site : "",
		    date_text(L, qt->date, date, sizeof(date)));
		h = rp_para_height(d, RP_REGULAR, 9.5f, RP_TEXT_W - 24.0f,
		    13.0f, q) + 22.0f;
		rp_ensure(d, h + 8.0f);
		top = d->y;
		rp_rect(d, RP_MARGIN_L, top - h, 3.0f, h, &rp_orange);
		y = rp_para(d, RP_REGULAR, 9.5f, RP_MARGIN_L + 14.0f,
		    top - 12.0f, RP_TEXT_W - 24.0f, 13.0f, &rp_ink, q, 0);
		rp_text_fit(d, RP_REGULAR, 7.5f, RP_MARGIN_L + 14.0f,
		    y - 13.0f, RP_TEXT_W - 24.0f, &rp_grey, who);
		d->y = top - h - 8.0f;
	}
}

/* Methodology --------------------------------------------------------------- */

/* The methodology is an annex: a size smaller than the body. */
static void
mpara(struct lay *L, const char *text)
{
	rp_para(&L->d, RP_REGULAR, 8.0f, RP_MARGIN_L, 0, RP_TEXT_W, 11.0f,
	    &rp_ink, text, 1);
	L->d.y -= 3.0f;
}

static void
section_method(struct lay *L)
{
	const struct report_model	*m = L->m;
	char				 t[1400], a[64], b[64], c[64], e[64],
					 f[300], g[300];
	size_t				 i;

	h1(L, tr(L, "Méthodologie", "Methodology"), 1);
	h2(L, tr(L, "Sources", "Sources"), 30.0f);
	mpara(L, tr(L, "Visites : enregistrées par les médiateurs à chaque "
	    "accompagnement (point d'accueil, domaines, démarches, type "
	    "d'aide, autonomie observée, orientation). Une personne qui a une "
	    "carte de suivi est connue par un pseudonyme, jamais par son nom ; "
	    "les autres visites sont anonymes. Enquêtes : satisfaction juste "
	    "après la visite, résultats déclarés un à trois mois après ; "
	    "réponses anonymes, une par envoi.",
	    "Visits: recorded by the mediators at each support session "
	    "(reception point, domains, procedures, kind of help, autonomy "
	    "observed, orientation). A person with a follow-up card is known "
	    "by a pseudonym, never by name; other visits are anonymous. "
	    "Surveys: satisfaction right after the visit, self-reported "
	    "outcomes one to three months later; anonymous answers, one per "
	    "submission."));

	h2(L, tr(L, "Échantillons et taux de réponse",
	    "Samples and response rates"), 30.0f);
	fmt_int(a, sizeof(a), L->l, m->m_visits);
	fmt_int(b, sizeof(b), L->l, m->m_sat);
	share_full(L, &m->rate_sat, f, sizeof(f));
	snprintf(t, sizeof(t), L->l == LANG_FR ?
	    "%s visites ; %s réponses à l'enquête de satisfaction, soit un "
	    "taux de réponse (réponses par visite) de %s." :
	    "%s visits; %s responses to the satisfaction survey, a response "
	    "rate (responses per visit) of %s.", a, b, f);
	mpara(L, t);
	fmt_int(c, sizeof(c), L->l, m->m_cards);
	fmt_int(e, sizeof(e), L->l, m->m_out);
	share_full(L, &m->rate_cards, g, sizeof(g));
	snprintf(t, sizeof(t), L->l == LANG_FR ?
	    "%s cartes de suivi remises pendant la période, dont la part déjà "
	    "revenue avec une réponse est de %s ; %s réponses à l'enquête de "
	    "résultats reçues pendant la période (dont des cartes remises "
	    "avant elle)." :
	    "%s follow-up cards given during the period, of which the share "
	    "already answered is %s; %s outcome responses received during the "
	    "period (some from cards given before it).", c, g, e);
	mpara(L, t);

	h2(L, tr(L, "Confidentialité : la règle des petits effectifs",
	    "Confidentiality: the small-cell rule"), 30.0f);
	snprintf(t, sizeof(t), L->l == LANG_FR ?
	    "Aucun chiffre construit à partir de moins de %d personnes n'est "
	    "publié : il est écrit « <" NBSP "%d ». Quand un chiffre masqué "
	    "pourrait se déduire d'un total et des autres chiffres, un second "
	    "chiffre est masqué (suppression secondaire). Dans les barres "
	    "empilées, les parts masquées sont réunies en un seul segment gris. "
	    "Le seuil est fixé par l'organisation et ne descend jamais "
	    "sous 5." :
	    "No figure built from fewer than %d people is shown: it is "
	    "written \"<" NBSP "%d\". When a hidden figure could be worked out "
	    "from a total and the other figures, a second figure is hidden "
	    "too (secondary suppression). In stacked bars the hidden parts "
	    "are merged into one grey segment. The threshold is set by the "
	    "organisation and never goes below 5.", m->threshold,
	    m->threshold);
	mpara(L, t);

	h2(L, tr(L, "Parts et intervalles de confiance",
	    "Shares and confidence intervals"), 30.0f);
	mpara(L, tr(L, "Chaque part est donnée avec son numérateur, son "
	    "dénominateur et un intervalle de confiance à 95 % calculé par la "
	    "méthode de Wilson, qui reste juste pour les petits effectifs et "
	    "les parts proches de 0 ou de 100 %. Le dénominateur d'une part "
	    "de répondants est le nombre de personnes qui ont répondu à la "
	    "question (« ne sait pas » compris). Résultat et attribution sont "
	    "séparés : « a obtenu son droit » n'est pas « l'a obtenu grâce au "
	    "service » ; l'attribution repose sur la question « Sans le "
	    "Digilab, auriez-vous réussi ? ».",
	    "Every share comes with its numerator, its denominator and a 95% "
	    "confidence interval by Wilson's method, which stays right for "
	    "small counts and for shares close to 0 or 100%. The denominator "
	    "of a share of respondents is the number of people who answered "
	    "the question (\"don't know\" included). Outcome and attribution "
	    "are kept apart: \"obtained the right\" is not \"obtained it "
	    "thanks to the service\"; attribution rests on the question "
	    "\"Without the Digilab, would you have managed?\"."));

	h2(L, tr(L, "Définition des indicateurs", "Indicator definitions"),
	    40.0f);
	for (i = 0; i < m->nind; i++) {
		const struct rm_indicator *ind = &m->ind[i];

		snprintf(t, sizeof(t), "%s %s · %s — %s", ind->convention_ref,
		    rt_indicator_kind(L->l, ind->kind), ind->label,
		    ind->describe != NULL ? ind->describe :
		    tr(L, "définition illisible", "unreadable definition"));
		mpara(L, t);
		snprintf(t, sizeof(t), "%s", ind->definition != NULL ?
		    ind->definition : "");
		small_para(L, t);
	}

	h2(L, tr(L, "Recalculer ce rapport", "Recomputing this report"),
	    40.0f);
	mpara(L, tr(L, "Tous les chiffres se recalculent à partir des données "
	    "brutes avec les requêtes SQL de Mesure (sql/queries/report_*.sql "
	    "et la fonction indicator_eval()). L'empreinte ci-dessous est "
	    "celle de toutes les lignes lues pour faire ce rapport "
	    "(mesure-report --dump-data les écrit).", "Every figure can be "
	    "recomputed from the raw data with Mesure's SQL queries "
	    "(sql/queries/report_*.sql and the indicator_eval() function). "
	    "The digest below is that of every row read to make this report "
	    "(mesure-report --dump-data writes them out)."));
	snprintf(t, sizeof(t), "%s %s", tr(L, "Paramètres :", "Parameters:"),
	    m->params_json != NULL ? m->params_json : "{}");
	small_para(L, t);
	snprintf(t, sizeof(t), "%s %s", tr(L, "Version du schéma :",
	    "Schema version:"), m->schema_version != NULL ?
	    m->schema_version : "");
	small_para(L, t);
	snprintf(t, sizeof(t), "%s %s", tr(L, "SHA-256 des données :",
	    "SHA-256 of the data:"), m->data_sha256_hex);
	small_para(L, t);
}

/* The frame of the signature block at the bottom of the last page. */
static void
signature_block(struct lay *L)
{
	struct rp_doc	*d = &L->d;

	if (d->y - 12.0f < RP_SIG_Y + RP_SIG_H)
		rp_new_page(d);
	rp_outline(d, 0, tr(L, "Signature", "Signature"));
	rp_frame(d, RP_SIG_X, RP_SIG_Y, RP_SIG_W, RP_SIG_H, 0.8f, &rp_blue);
	rp_rect(d, RP_SIG_X, RP_SIG_Y + RP_SIG_H - 16.0f, RP_SIG_W, 16.0f,
	    &rp_blue);
	rp_text(d, RP_BOLD, 8.5f, RP_SIG_X + 8.0f,
	    RP_SIG_Y + RP_SIG_H - 11.5f, &rp_white,
	    tr(L, "Signature électronique", "Electronic signature"));
	rp_text_right(d, RP_REGULAR, 7.0f, RP_SIG_X + RP_SIG_W - 8.0f,
	    RP_SIG_Y + RP_SIG_H - 11.0f, &rp_white,
	    tr(L, "PAdES B-B · vérifiable avec pdfsig ou /verify",
	    "PAdES B-B · check with pdfsig or /verify"));
	rp_mark_glyphs(d, RP_SIG_GLYPHS);
}

/* Metadata and the parameters in the document information. */
static void
metadata(struct lay *L)
{
	const struct report_model	*m = L->m;
	HPDF_Doc			 pdf = L->d.pdf;
	HPDF_Encoder			 enc;
	char				 t[512];
	HPDF_Date			 date;

	snprintf(t, sizeof(t), "%s – %s – %s", m->kind == REPORT_ANNUAL ?
	    tr(L, "Bilan annuel d'impact", "Annual impact report") :
	    tr(L, "Rapport d'impact", "Impact report"),
	    m->project_name != NULL ? m->project_name : "", L->period);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, t);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, m->org_name != NULL ?
	    m->org_name : "");
	if (m->has_convention)
		snprintf(t, sizeof(t), "%s %s – %s", tr(L, "Convention",
		    "Agreement"), m->convention.reference,
		    m->convention.funder != NULL ? m->convention.funder : "");
	else
		snprintf(t, sizeof(t), "%s %s", tr(L, "Projet", "Project"),
		    m->project_code != NULL ? m->project_code : "");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, t);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, tr(L,
	    "impact social; médiation numérique; Break Poverty; Mesure",
	    "social impact; digital mediation; Break Poverty; Mesure"));
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Mesure (reports/)");
	memset(&date, 0, sizeof(date));
	date.year = m->as_of[0];
	date.month = m->as_of[1];
	date.day = m->as_of[2];
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
	/* Mesure's own keys: what anyone needs to regenerate the report. */
	if (pdf->info != NULL && !L->d.failed) {
		enc = HPDF_GetEncoder(pdf, "UTF-8");
		HPDF_Dict_Add(pdf->info, "MesureParams",
		    HPDF_String_New(pdf->mmgr, m->params_json != NULL ?
		    m->params_json : "{}", enc));
		HPDF_Dict_Add(pdf->info, "MesureSchemaVersion",
		    HPDF_String_New(pdf->mmgr, m->schema_version != NULL ?
		    m->schema_version : "", NULL));
		HPDF_Dict_Add(pdf->info, "MesureDataSHA256",
		    HPDF_String_New(pdf->mmgr, m->data_sha256_hex, NULL));
	}
}

/*
 * Lay out model as a PDF into out (out->data malloc'd). params supplies
 * the font directory. Returns 0, or -1 with err set. The same model and
 * parameters give the same bytes.
 */
int
report_render(const struct report_model *m, const struct report_params *rp,
    struct report_pdf *out, char *err, size_t errsz)
{
	struct lay	 L;
	char		 footer[256], running[256], short_sha[20];
	size_t		 i;
	unsigned int	 mdlen;

	memset(out, 0, sizeof(*out));
	memset(&L, 0, sizeof(L));
	L.m = m;
	L.l = m->lang;
	if (m->kind == REPORT_ANNUAL)
		snprintf(L.period, sizeof(L.period), L.l == LANG_FR ?
		    "Année %d" : "Year %d", m->year);
	else
		fmt_quarter(L.period, sizeof(L.period), L.l, m->year,
		    m->quarter);
	for (i = 0; i < m->ntrend && i < RM_QUARTERS; i++)
		snprintf(L.qlabel[i], sizeof(L.qlabel[i]), "%s%d %d",
		    L.l == LANG_FR ? "T" : "Q", m->trend[i].q,
		    m->trend[i].year);
	if (rp_open(&L.d, rp->font_dir, L.l) == -1)
		goto fail;
	snprintf(short_sha, sizeof(short_sha), "%.16s", m->data_sha256_hex);
	snprintf(footer, sizeof(footer), "%s · %s · %s · %s %s…",
	    m->org_name != NULL ? m->org_name : "",
	    m->project_name != NULL ? m->project_name : "", L.period,
	    tr(&L, "données", "data"), short_sha);
	snprintf(running, sizeof(running), "%s · %s%s%s · %s",
	    m->kind == REPORT_ANNUAL ? tr(&L, "Bilan annuel d'impact",
	    "Annual impact report") : tr(&L, "Rapport d'impact",
	    "Impact report"), m->project_name != NULL ? m->project_name : "",
	    m->has_convention ? " · " : "", m->has_convention ?
	    m->convention.reference : "", L.period);
	L.d.running = running;

	metadata(&L);
	page_cover(&L);
	page_summary(&L);
	page_indicators(&L);
	page_chain(&L);
	page_activity(&L);
	page_surveys(&L);
	page_trend(&L);
	section_milestones(&L);
	section_budget(&L);
	section_quotes(&L);
	section_method(&L);
	signature_block(&L);

	out->pages = L.d.npages;
	if (rp_finish(&L.d, footer, &out->data, &out->len) == -1)
		goto fail;
	rp_close(&L.d);
	EVP_Digest(out->data, out->len, out->sha256, &mdlen, EVP_sha256(),
	    NULL);
	return (0);
fail:
	snprintf(err, errsz, "PDF: %s", L.d.err[0] ? L.d.err : "failed");
	rp_close(&L.d);
	report_pdf_free(out);
	return (-1);
}

void
report_pdf_free(struct report_pdf *p)
{
	free(p->data);
	memset(p, 0, sizeof(*p));
}
