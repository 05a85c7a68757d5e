/*
 * lay_indicators – the indicators one by one (value, target, numerator
 * and denominator, 95 % interval, the last four quarters) and the impact
 * chain with a figure at each step.
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
	snprintf(line, sizeof(line), "%s %s", lay_tr(L, "Convention",
	    "Agreement"), ind->convention_ref);
	rp_text_right(d, RP_REGULAR, SMALL, RP_PAGE_W - RP_MARGIN_R,
	    top - 9.0f, &rp_grey, line);
	y = rp_para(d, RP_BOLD, 10.5f, RP_MARGIN_L, top - 28.0f,
	    RP_TEXT_W - 10.0f, 13.0f, &rp_ink, ind->label, 0);

	/* Left: the value against the target. */
	y -= 30.0f;
	lay_eval_text(L, ind, e, big, sizeof(big), 1);
	rp_text(d, RP_BOLD, 22.0f, RP_MARGIN_L, y, &rp_blue, big);
	y -= 16.0f;
	if (idx >= 0 && e->has_target) {
		lay_target_text(L, ind, e->target, a, sizeof(a));
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
		lay_target_text(L, ind, ind->measure == IND_MEAS_SHARE ?
		    ind->target_avg : ind->target_sum, a, sizeof(a));
		snprintf(line, sizeof(line), L->l == LANG_FR ?
		    "Objectif de l'année : %s (%s des objectifs trimestriels)" :
		    "Year's target: %s (%s of the quarterly targets)", a,
		    ind->measure == IND_MEAS_SHARE ? lay_tr(L, "moyenne", "mean") :
		    lay_tr(L, "somme", "sum"));
		y = rp_para(d, RP_REGULAR, BODY, RP_MARGIN_L, y, 250.0f,
		    BODY_LEAD, &rp_ink, line, 0) - 16.0f;
	} else if (idx < 0 && ind->measure == IND_MEAS_DISTINCT) {
		y = rp_para(d, RP_REGULAR, SMALL, RP_MARGIN_L, y, 250.0f,
		    SMALL_LEAD, &rp_grey, lay_tr(L, "Personnes distinctes sur "
		    "l'année : une personne venue plusieurs trimestres compte "
		    "une fois, la somme des trimestres n'est pas comparable.",
		    "Distinct people over the year: someone who came in "
		    "several quarters counts once; the sum of the quarters "
		    "is not comparable."), 0) - 14.0f;
	} else {
		rp_text(d, RP_REGULAR, BODY, RP_MARGIN_L, y, &rp_grey,
		    lay_tr(L, "Pas d'objectif pour cette période.",
		    "No target for this period."));
		y -= 14.0f;
	}
	/* The counts behind it. */
	if (ind->measure == IND_MEAS_SHARE) {
		lay_share_full(L, &e->share, line, sizeof(line));
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
		    lay_tr(L, "Quatre trimestres (trait : objectif)",
		    "Four quarters (line: target)"));
		chart_quarters(d, cx, cy - 4.0f, 180.0f, 62.0f, qlab, v, st,
		    ht, tg, RM_QUARTERS, ind->measure == IND_MEAS_SHARE);
		for (k = 0; k < RM_QUARTERS; k++) {
			lay_eval_text(L, ind, &ind->q[k], a, sizeof(a), 0);
			rp_text_center(d, RP_REGULAR, 6.5f, cx + 6.0f +
			    (float)k * 45.0f + 19.5f, cy - 86.0f, &rp_ink, a);
		}
		if (y > cy - 100.0f)
			y = cy - 100.0f;
	}
	/* The definition in plain words. */
	if (ind->describe != NULL) {
		snprintf(line, sizeof(line), "%s %s", lay_tr(L, "Définition :",
		    "Definition:"), ind->describe);
		y = rp_para(d, RP_REGULAR, 7.0f, RP_MARGIN_L, y, RP_TEXT_W,
		    9.0f, &rp_grey, line, 0);
	}
	d->y = y - 14.0f;
	rp_line(d, RP_MARGIN_L, d->y + 6.0f, RP_PAGE_W - RP_MARGIN_R,
	    d->y + 6.0f, 0.4f, &rp_rule);
}

void
lay_page_indicators(struct lay *L)
{
	const struct report_model	*m = L->m;
	char				 text[512];
	size_t				 i;

	lay_h1(L, lay_tr(L, "Les indicateurs", "The indicators"), 1);
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
	lay_para(L, text);
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
		lay_count_text(L, &m->total.visits, a, sizeof(a));
		fmt_int(b, sizeof(b), L->l, (m->total.minutes + 30) / 60);
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s visites, %s heures d'accompagnement" :
		    "%s visits, %s hours of support", a, b);
	} else if (strcmp(stage, "outputs") == 0) {
		lay_count_text(L, &m->total.people, a, sizeof(a));
		orient = 0;
		for (i = 0; i < m->partners.n; i++)
			orient += m->partners.rows[i].visits.v;
		fmt_int(b, sizeof(b), L->l, orient);
		if (stats_is_small(orient, m->threshold))
			lay_hidden_text(L, b, sizeof(b));
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s personnes suivies ; %s orientations vers un partenaire" :
		    "%s people followed; %s orientations to a partner", a, b);
	} else if (strcmp(stage, "outcomes") == 0) {
		lay_share_text(L, &m->attribution.outcome, 0, a, sizeof(a));
		q = rm_question_find(m, "resultats", "autres_demarches_seul");
		if (q != NULL && q->has_positive)
			lay_share_text(L, &q->positive, 0, b, sizeof(b));
		else
			snprintf(b, sizeof(b), "–");
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s ont obtenu leur droit ; %s font d'autres démarches "
		    "seules" : "%s obtained their right; %s do other "
		    "procedures alone", a, b);
	} else if (strcmp(stage, "impact") == 0) {
		q = rm_question_find(m, "satisfaction", "rassure");
		if (q != NULL && q->has_positive)
			lay_share_text(L, &q->positive, 0, a, sizeof(a));
		else
			snprintf(a, sizeof(a), "–");
		q = rm_question_find(m, "resultats", "confiance_services");
		if (q != NULL && q->has_positive)
			lay_share_text(L, &q->positive, 0, b, sizeof(b));
		else
			snprintf(b, sizeof(b), "–");
		snprintf(buf, n, L->l == LANG_FR ?
		    "%s rassurés face aux services publics ; %s leur font plus "
		    "confiance" : "%s reassured about public services; %s "
		    "trust them more", a, b);
	}
}

void
lay_page_chain(struct lay *L)
{
	static const char *const stages[] = {
		"resources", "activities", "outputs", "outcomes", "impact"
	};
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 fig[512], v[64];
	float				 top, h, hs, hf, lx, lw, fx, fw, yy;
	size_t				 s, i;

	lay_h1(L, lay_tr(L, "La chaîne de l'impact", "The impact chain"), 1);
	lay_para(L, lay_tr(L, "Des ressources à l'impact : ce que le projet mobilise, "
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

				lay_eval_text(L, ind, e, v, sizeof(v), 1);
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
		lay_para(L, lay_tr(L, "La chaîne de l'impact du projet n'est pas encore "
		    "décrite.", "The project's impact chain is not described "
		    "yet."));
}

/* Activity --------------------------------------------------------------- */
