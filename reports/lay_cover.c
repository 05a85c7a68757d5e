/*
 * lay_cover – the cover and the one-page summary of the report (key
 * figures with the change since the quarter before, the indicators
 * against their targets, what to remember).
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
#include "report_lay.h"

static void
cover_convention(struct lay *L, const struct rm_convention *c, float *y)
{
	struct rp_doc	*d = &L->d;
	char		 line[512], a[64], b[96], e[96];
	float		 top, h;

	top = *y;
	snprintf(line, sizeof(line), "%s %s", lay_tr(L, "Convention",
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
	    lay_tr(L, "Financeur", "Funder"), c->funder != NULL ? c->funder : "",
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
	    lay_date_text(L, c->starts_on, b, sizeof(b)),
	    lay_date_text(L, c->ends_on, e, sizeof(e)));
	rp_text(d, RP_REGULAR, BODY, RP_MARGIN_L + 12.0f, *y - 3 * BODY_LEAD,
	    &rp_ink, line);
	*y = top - h - 10.0f;
}

void
lay_page_cover(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	const struct asset		*logo;
	char				 line[512], a[96], b[96];
	float				 y;
	size_t				 i;

	rp_new_page(d);
	rp_outline(d, 0, lay_tr(L, "Couverture", "Cover"));
	if ((logo = lay_asset_get(LOGO_PATH)) != NULL)
		rp_svg(d, logo->data, logo->len, RP_MARGIN_L, RP_PAGE_H - 56.0f,
		    58.0f);
	else
		rp_fail(d, "the logo " LOGO_PATH " is not embedded");
	rp_text(d, RP_BOLD, 13.0f, RP_MARGIN_L + 72.0f, RP_PAGE_H - 78.0f,
	    &rp_ink, m->org_name != NULL ? m->org_name : "");
	rp_text(d, RP_REGULAR, 8.5f, RP_MARGIN_L + 72.0f, RP_PAGE_H - 92.0f,
	    &rp_grey, lay_tr(L, "Mesure de l'impact social – établi avec Mesure",
	    "Social impact measurement – made with Mesure"));

	y = RP_PAGE_H - 210.0f;
	rp_text(d, RP_BOLD, 28.0f, RP_MARGIN_L, y, &rp_blue,
	    m->kind == REPORT_ANNUAL ? lay_tr(L, "Bilan annuel d'impact",
	    "Annual impact report") : lay_tr(L, "Rapport d'impact",
	    "Impact report"));
	y -= 30.0f;
	rp_text(d, RP_BOLD, 18.0f, RP_MARGIN_L, y, &rp_ink, L->period);
	y -= 20.0f;
	snprintf(line, sizeof(line), L->l == LANG_FR ? "du %s au %s" :
	    "%s to %s", lay_date_text(L, m->period_start, a, sizeof(a)),
	    lay_date_text(L, m->period_last, b, sizeof(b)));
	rp_text(d, RP_REGULAR, 11.0f, RP_MARGIN_L, y, &rp_grey, line);
	y -= 46.0f;

	rp_text(d, RP_BOLD, 15.0f, RP_MARGIN_L, y, &rp_ink,
	    m->project_name != NULL ? m->project_name : "");
	y -= 8.0f;
	if (m->project_summary != NULL && *m->project_summary != '\0')
		y = rp_para(d, RP_REGULAR, BODY, RP_MARGIN_L, y - 12.0f,
		    RP_TEXT_W, BODY_LEAD, &rp_ink, m->project_summary, 0);
	if (m->project_audience != NULL && *m->project_audience != '\0') {
		snprintf(line, sizeof(line), "%s %s", lay_tr(L, "Pour qui :",
		    "For whom:"), m->project_audience);
		y = rp_para(d, RP_REGULAR, BODY, RP_MARGIN_L, y - 16.0f,
		    RP_TEXT_W, BODY_LEAD, &rp_grey, line, 0);
	}
	y -= 24.0f;
	if (m->has_convention)
		cover_convention(L, &m->convention, &y);
	else {
		rp_text(d, RP_BOLD, 10.0f, RP_MARGIN_L, y, &rp_ink,
		    lay_tr(L, "Rapport de projet : toutes les conventions de la "
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
	    SMALL_LEAD, &rp_grey, lay_tr(L,
	    "Ce document porte une signature électronique (PAdES). Vérifiez-la "
	    "avec votre lecteur PDF, avec « pdfsig » ou sur la page /verify "
	    "de Mesure : toute modification du fichier la rend invalide.",
	    "This document carries an electronic signature (PAdES). Check it "
	    "with your PDF reader, with \"pdfsig\" or on Mesure's /verify "
	    "page: any change to the file makes it invalid."), 0);
	snprintf(line, sizeof(line), "%s %s", lay_tr(L,
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

	lay_count_text(L, &m->total.visits, v[0], sizeof(v[0]));
	lay_count_text(L, &m->total.people, v[1], sizeof(v[1]));
	nr = m->m_sat + m->m_out;
	fmt_int(v[2], sizeof(v[2]), L->l, nr);
	lay_share_text(L, &m->sat_now, 0, v[3], sizeof(v[3]));
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

		labels[0] = lay_tr(L, "visites d'accompagnement", "support visits");
		labels[1] = lay_tr(L, "personnes suivies (carte de suivi)",
		    "people followed (follow-up card)");
		labels[2] = lay_tr(L, "réponses aux deux enquêtes",
		    "responses to the two surveys");
		snprintf(sat_label, sizeof(sat_label), "%s",
		    lay_tr(L, "jugent l'accueil bon ou très bon",
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
		lay_small_para(L, lay_tr(L, "La variation de la satisfaction est "
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

	lay_h2(L, m->has_convention ? lay_tr(L, "Les indicateurs de la convention",
	    "The agreement's indicators") : lay_tr(L, "Les indicateurs des "
	    "conventions", "The agreements' indicators"), 40.0f);
	if (m->nind == 0) {
		lay_para(L, lay_tr(L, "Aucun indicateur n'est défini pour cette "
		    "période.", "No indicator is defined for this period."));
		return;
	}
	cx[0] = RP_MARGIN_L;
	cx[1] = RP_MARGIN_L + 282.0f;
	cx[2] = RP_MARGIN_L + 362.0f;
	cx[3] = RP_MARGIN_L + 430.0f;
	rp_text(d, RP_BOLD, SMALL, cx[0], d->y - 8.0f, &rp_grey,
	    lay_tr(L, "Indicateur", "Indicator"));
	rp_text(d, RP_BOLD, SMALL, cx[1], d->y - 8.0f, &rp_grey,
	    lay_tr(L, "Résultat", "Result"));
	rp_text(d, RP_BOLD, SMALL, cx[2], d->y - 8.0f, &rp_grey,
	    lay_tr(L, "Objectif", "Target"));
	rp_text(d, RP_BOLD, SMALL, cx[3], d->y - 8.0f, &rp_grey,
	    lay_tr(L, "Atteint", "Achieved"));
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
		lay_eval_text(L, ind, e, val, sizeof(val), 0);
		rp_text(d, RP_BOLD, 8.5f, cx[1], rowy, &rp_ink, val);
		tg[0] = '\0';
		if (idx >= 0 && e->has_target)
			lay_target_text(L, ind, e->target, tg, sizeof(tg));
		else if (idx < 0 && ind->has_target_whole &&
		    ind->measure != IND_MEAS_DISTINCT)
			lay_target_text(L, ind, ind->measure == IND_MEAS_SHARE ?
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

	lay_h2(L, lay_tr(L, "À retenir", "Key points"), 40.0f);
	nsites = 0;
	for (i = 0; i < m->sites.n; i++)
		if (m->sites.rows[i].visits.v > 0)
			nsites++;
	lay_count_text(L, &m->total.visits, a, sizeof(a));
	lay_count_text(L, &m->total.people, b, sizeof(b));
	fmt_int(c, sizeof(c), L->l, m->total.newp);
	if (m->total.newp > 0 && stats_is_small(m->total.newp, m->threshold))
		lay_hidden_text(L, c, sizeof(c));
	snprintf(text, sizeof(text), L->l == LANG_FR ?
	    "%s visites dans %zu points d'accueil ; %s personnes suivies par "
	    "leur carte, dont %s venues pour la première fois." :
	    "%s visits at %zu reception points; %s people followed with their "
	    "card, %s of them for the first time.", a, nsites, b, c);
	lay_bullet(L, text);
	if (m->attribution.outcome.state == STATS_SHOWN) {
		lay_share_text(L, &m->attribution.outcome, 0, a, sizeof(a));
		fmt_int(e, sizeof(e), L->l, m->attribution.outcome.n);
		if (m->attribution.attributed.state == STATS_SHOWN) {
			lay_share_text(L, &m->attribution.attributed, 0, b,
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
		lay_bullet(L, text);
	}
	if (m->sat_now.state == STATS_SHOWN) {
		lay_share_text(L, &m->sat_now, 0, a, sizeof(a));
		fmt_int(b, sizeof(b), L->l, m->sat_now.n);
		snprintf(text, sizeof(text), L->l == LANG_FR ?
		    "%s des %s répondants jugent l'accueil bon ou très bon." :
		    "%s of the %s respondents rate the welcome good or very "
		    "good.", a, b);
		lay_bullet(L, text);
	}
	if ((q = rm_question_find(m, "satisfaction", "rassure")) != NULL &&
	    q->has_positive && q->positive.state == STATS_SHOWN) {
		lay_share_text(L, &q->positive, 0, a, sizeof(a));
		snprintf(text, sizeof(text), L->l == LANG_FR ?
		    "%s se disent rassurés face aux services publics après "
		    "l'aide reçue." : "%s say the help reassured them about "
		    "public services.", a);
		lay_bullet(L, text);
	}
	if (m->partial)
		lay_bullet(L, lay_tr(L, "La période n'est pas terminée : les chiffres "
		    "sont provisoires.", "The period is not over: the figures "
		    "are provisional."));
}

void
lay_page_summary(struct lay *L)
{
	char	text[256];

	lay_h1(L, lay_tr(L, "Synthèse", "Summary"), 1);
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
	lay_para(L, text);
	summary_tiles(L);
	summary_table(L);
	summary_points(L);
}

/* Indicators ------------------------------------------------------------- */
