/*
 * lay_annex – milestones, budget lines, approved quotes, the methodology
 * (sources, samples, response rates, the small-cell rule, definitions,
 * parameters, schema version, data SHA-256) and the signature block.
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

void
lay_section_milestones(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 a[64], b[64];
	float				 h, y;
	size_t				 i;
	const struct rp_rgb		*col;

	lay_h2(L, lay_tr(L, "Les grandes étapes", "Milestones"), 60.0f);
	if (m->nmilestones == 0) {
		lay_para(L, lay_tr(L, "Aucune étape n'est définie.",
		    "No milestone is defined."));
		return;
	}
	y = d->y - 8.0f;
	rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L, y, &rp_grey,
	    lay_tr(L, "Étape", "Milestone"));
	rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L + 270.0f, y, &rp_grey,
	    lay_tr(L, "Prévue", "Planned"));
	rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L + 350.0f, y, &rp_grey,
	    lay_tr(L, "Réalisée", "Done"));
	rp_text(d, RP_BOLD, SMALL, RP_MARGIN_L + 420.0f, y, &rp_grey,
	    lay_tr(L, "Statut", "Status"));
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
		    lay_date_short(L, ms->planned_on, a, sizeof(a)));
		rp_text(d, RP_REGULAR, 8.0f, RP_MARGIN_L + 350.0f, y, &rp_ink,
		    ms->done_on != NULL ? lay_date_short(L, ms->done_on, b,
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

void
lay_section_budget(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 a[64], b[64], c[64], e[64];
	float				 cx[5], y, h;
	long long			 tp, ts, tt;
	size_t				 i;

	lay_h2(L, lay_tr(L, "Les grandes lignes budgétaires", "Budget lines"), 60.0f);
	if (m->nbudget == 0) {
		lay_para(L, lay_tr(L, "Aucune ligne budgétaire n'est définie.",
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
	    lay_tr(L, "Ligne", "Line"));
	rp_text_right(d, RP_BOLD, SMALL, cx[1], y - 9.0f, &rp_grey,
	    lay_tr(L, "Prévu", "Planned"));
	rp_text_right(d, RP_BOLD, SMALL, cx[2], y, &rp_grey,
	    lay_tr(L, "Dépensé", "Spent"));
	rp_text_right(d, RP_BOLD, SMALL, cx[2], y - 9.0f, &rp_grey,
	    lay_tr(L, "sur la période", "in the period"));
	rp_text_right(d, RP_BOLD, SMALL, cx[3], y, &rp_grey,
	    lay_tr(L, "Dépensé", "Spent"));
	rp_text_right(d, RP_BOLD, SMALL, cx[3], y - 9.0f, &rp_grey,
	    lay_tr(L, "depuis le début", "to date"));
	rp_text_right(d, RP_BOLD, SMALL, cx[4], y - 9.0f, &rp_grey,
	    lay_tr(L, "Consommé", "Used"));
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
			label = lay_tr(L, "Total", "Total");
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

void
lay_section_quotes(struct lay *L)
{
	const struct report_model	*m = L->m;
	struct rp_doc			*d = &L->d;
	char				 q[1200], who[256], date[64];
	float				 h, top, y;
	size_t				 i;

	lay_h1(L, lay_tr(L, "Paroles de bénéficiaires", "In their own words"),
	    d->y < RP_BOTTOM + 160.0f);
	if (m->nquotes == 0) {
		lay_para(L, lay_tr(L, "Aucune réponse libre n'a été retenue pour cette "
		    "période. Les réponses libres ne sont citées qu'avec "
		    "l'accord de la coordination.", "No free-text answer was "
		    "chosen for this period. Free-text answers are quoted only "
		    "with the coordinator's approval."));
		return;
	}
	lay_small_para(L, lay_tr(L, "Réponses libres choisies par la coordination, "
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
		    lay_tr(L, "enquête de satisfaction", "satisfaction survey") :
		    lay_tr(L, "enquête de résultats", "outcome survey"),
		    qt->site != NULL ? qt->site : "",
		    lay_date_text(L, qt->date, date, sizeof(date)));
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

void
lay_section_method(struct lay *L)
{
	const struct report_model	*m = L->m;
	char				 t[1400], a[64], b[64], c[64], e[64],
					 f[300], g[300];
	size_t				 i;

	lay_h1(L, lay_tr(L, "Méthodologie", "Methodology"), 1);
	lay_h2(L, lay_tr(L, "Sources", "Sources"), 30.0f);
	mpara(L, lay_tr(L, "Visites : enregistrées par les médiateurs à chaque "
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

	lay_h2(L, lay_tr(L, "Échantillons et taux de réponse",
	    "Samples and response rates"), 30.0f);
	fmt_int(a, sizeof(a), L->l, m->m_visits);
	fmt_int(b, sizeof(b), L->l, m->m_sat);
	lay_share_full(L, &m->rate_sat, f, sizeof(f));
	snprintf(t, sizeof(t), L->l == LANG_FR ?
	    "%s visites ; %s réponses à l'enquête de satisfaction, soit un "
	    "taux de réponse (réponses par visite) de %s." :
	    "%s visits; %s responses to the satisfaction survey, a response "
	    "rate (responses per visit) of %s.", a, b, f);
	mpara(L, t);
	fmt_int(c, sizeof(c), L->l, m->m_cards);
	fmt_int(e, sizeof(e), L->l, m->m_out);
	lay_share_full(L, &m->rate_cards, g, sizeof(g));
	snprintf(t, sizeof(t), L->l == LANG_FR ?
	    "%s cartes de suivi remises pendant la période, dont la part déjà "
	    "revenue avec une réponse est de %s ; %s réponses à l'enquête de "
	    "résultats reçues pendant la période (dont des cartes remises "
	    "avant elle)." :
	    "%s follow-up cards given during the period, of which the share "
	    "already answered is %s; %s outcome responses received during the "
	    "period (some from cards given before it).", c, g, e);
	mpara(L, t);

	lay_h2(L, lay_tr(L, "Confidentialité : la règle des petits effectifs",
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

	lay_h2(L, lay_tr(L, "Parts et intervalles de confiance",
	    "Shares and confidence intervals"), 30.0f);
	mpara(L, lay_tr(L, "Chaque part est donnée avec son numérateur, son "
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

	lay_h2(L, lay_tr(L, "Définition des indicateurs", "Indicator definitions"),
	    40.0f);
	for (i = 0; i < m->nind; i++) {
		const struct rm_indicator *ind = &m->ind[i];

		snprintf(t, sizeof(t), "%s %s · %s — %s", ind->convention_ref,
		    rt_indicator_kind(L->l, ind->kind), ind->label,
		    ind->describe != NULL ? ind->describe :
		    lay_tr(L, "définition illisible", "unreadable definition"));
		mpara(L, t);
		snprintf(t, sizeof(t), "%s", ind->definition != NULL ?
		    ind->definition : "");
		lay_small_para(L, t);
	}

	lay_h2(L, lay_tr(L, "Recalculer ce rapport", "Recomputing this report"),
	    40.0f);
	mpara(L, lay_tr(L, "Tous les chiffres se recalculent à partir des données "
	    "brutes avec les requêtes SQL de Mesure (sql/queries/report_*.sql "
	    "et la fonction indicator_eval()). L'empreinte ci-dessous est "
	    "celle de toutes les lignes lues pour faire ce rapport "
	    "(mesure-report --dump-data les écrit).", "Every figure can be "
	    "recomputed from the raw data with Mesure's SQL queries "
	    "(sql/queries/report_*.sql and the indicator_eval() function). "
	    "The digest below is that of every row read to make this report "
	    "(mesure-report --dump-data writes them out)."));
	snprintf(t, sizeof(t), "%s %s", lay_tr(L, "Paramètres :", "Parameters:"),
	    m->params_json != NULL ? m->params_json : "{}");
	lay_small_para(L, t);
	snprintf(t, sizeof(t), "%s %s", lay_tr(L, "Version du schéma :",
	    "Schema version:"), m->schema_version != NULL ?
	    m->schema_version : "");
	lay_small_para(L, t);
	snprintf(t, sizeof(t), "%s %s", lay_tr(L, "SHA-256 des données :",
	    "SHA-256 of the data:"), m->data_sha256_hex);
	lay_small_para(L, t);
}

/* The frame of the signature block at the bottom of the last page. */
void
lay_signature_block(struct lay *L)
{
	struct rp_doc	*d = &L->d;

	if (d->y - 12.0f < RP_SIG_Y + RP_SIG_H)
		rp_new_page(d);
	rp_outline(d, 0, lay_tr(L, "Signature", "Signature"));
	rp_frame(d, RP_SIG_X, RP_SIG_Y, RP_SIG_W, RP_SIG_H, 0.8f, &rp_blue);
	rp_rect(d, RP_SIG_X, RP_SIG_Y + RP_SIG_H - 16.0f, RP_SIG_W, 16.0f,
	    &rp_blue);
	rp_text(d, RP_BOLD, 8.5f, RP_SIG_X + 8.0f,
	    RP_SIG_Y + RP_SIG_H - 11.5f, &rp_white,
	    lay_tr(L, "Signature électronique", "Electronic signature"));
	rp_text_right(d, RP_REGULAR, 7.0f, RP_SIG_X + RP_SIG_W - 8.0f,
	    RP_SIG_Y + RP_SIG_H - 11.0f, &rp_white,
	    lay_tr(L, "PAdES B-B · vérifiable avec pdfsig ou /verify",
	    "PAdES B-B · check with pdfsig or /verify"));
	rp_mark_glyphs(d, RP_SIG_GLYPHS);
}
