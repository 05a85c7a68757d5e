/*
 * lay_surveys – the activity by site, kind of help, domain and partner;
 * satisfaction and self-reported outcomes (stacked bars, outcome versus
 * attribution); the trend over four quarters.
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
		lay_count_text(L, &r->visits, txt[n], sizeof(txt[n]));
		bars[n].text = txt[n];
		bars[n].note = NULL;
		if (with_people) {
			lay_count_text(L, &r->people, p, sizeof(p));
			snprintf(note[n], sizeof(note[n]), L->l == LANG_FR ?
			    "(%s pers.)" : "(%s people)", p);
			bars[n].note = note[n];
		}
		n++;
	}
	lay_h2(L, title, (float)n * 16.0f);
	if (n == 0) {
		lay_para(L, lay_tr(L, "Aucune visite.", "No visit."));
		return;
	}
	d->y -= chart_hbars(d, RP_MARGIN_L, d->y, RP_TEXT_W, 170.0f, bars, n,
	    &rp_blue) + 8.0f;
}

void
lay_page_activity(struct lay *L)
{
	const struct report_model	*m = L->m;
	char				 text[512], a[64], b[64], c[64];

	lay_h1(L, lay_tr(L, "L'activité", "The activity"), 1);
	lay_count_text(L, &m->total.visits, a, sizeof(a));
	fmt_int(b, sizeof(b), L->l, m->total.anon);
	fmt_int(c, sizeof(c), L->l, (m->total.minutes + 30) / 60);
	snprintf(text, sizeof(text), L->l == LANG_FR ?
	    "%s visites sur la période, dont %s sans carte de suivi, pour %s "
	    "heures d'accompagnement. Une visite peut concerner deux domaines : "
	    "les domaines ne s'additionnent pas." :
	    "%s visits in the period, %s of them without a follow-up card, "
	    "for %s hours of support. A visit may concern two domains: the "
	    "domains do not add up.", a, b, c);
	lay_para(L, text);
	dim_chart(L, lay_tr(L, "Par point d'accueil", "By reception point"),
	    &m->sites, 0, 1);
	dim_chart(L, lay_tr(L, "Par type d'aide", "By kind of help"),
	    &m->help_kinds, 0, 0);
	dim_chart(L, lay_tr(L, "Par domaine de démarche", "By domain"),
	    &m->domains, 0, 0);
	dim_chart(L, lay_tr(L, "Orientations vers les partenaires",
	    "Orientations to partners"), &m->partners, 1, 0);
	dim_chart(L, lay_tr(L, "Autonomie observée par le médiateur",
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
	lay_count_text(L, &q->answered, n, sizeof(n));
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
	    lay_tr(L, "réponses", "responses"));
	lay_h2(L, t, 60.0f);
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
	lay_share_full(L, &a->outcome, t[0], sizeof(t[0]));
	{
		char x[512];

		memcpy(x, t[0], sizeof(x));
		snprintf(t[0], sizeof(t[0]), L->l == LANG_FR ?
		    "Résultat – droit ou document obtenu : %s" :
		    "Outcome – right or document obtained: %s", x);
		lay_share_full(L, &a->attributed, x, sizeof(x));
		if (a->attributed_hi.state == STATS_SHOWN &&
		    a->attributed.state == STATS_SHOWN) {
			lay_share_text(L, &a->attributed_hi, 1, hi, sizeof(hi));
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
		lay_share_full(L, &a->among, x, sizeof(x));
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
	    lay_tr(L, "Résultat et attribution, séparés",
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
		lay_count_text(L, &q->opt[i].count, txt[i], sizeof(txt[i]));
		bars[i].text = txt[i];
		bars[i].note = NULL;
	}
	lay_h2(L, q->label, (float)i * 16.0f);
	d->y -= chart_hbars(d, RP_MARGIN_L, d->y, RP_TEXT_W, 170.0f, bars, i,
	    &rp_green) + 4.0f;
	lay_small_para(L, lay_tr(L, "Plusieurs réponses possibles : les barres ne "
	    "s'additionnent pas.", "Several answers possible: the bars do not "
	    "add up."));
}

void
lay_page_surveys(struct lay *L)
{
	const struct report_model	*m = L->m;

	lay_h1(L, lay_tr(L, "Satisfaction et résultats déclarés",
	    "Satisfaction and self-reported outcomes"), 1);
	lay_para(L, lay_tr(L, "L'enquête de satisfaction est proposée juste après la "
	    "visite, sur la tablette du point d'accueil ou sur le téléphone "
	    "de la personne ; l'enquête de résultats, un à trois mois après, "
	    "avec la carte de suivi. Les réponses sont anonymes.",
	    "The satisfaction survey is offered right after the visit, on the "
	    "reception point's tablet or on the person's phone; the outcome "
	    "survey one to three months later, with the follow-up card. "
	    "Answers are anonymous."));
	survey_section(L, "satisfaction", lay_tr(L, "Satisfaction après la visite",
	    "Satisfaction after the visit"), m->m_sat);
	survey_section(L, "resultats", lay_tr(L, "Résultats déclarés, un à trois "
	    "mois après", "Self-reported outcomes, one to three months later"),
	    m->m_out);
	attribution_box(L);
	multiple_bars(L, "resultats", "frein_leve");
}

/* Trend, milestones, budget ----------------------------------------------- */

void
lay_page_trend(struct lay *L)
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

	lay_h1(L, lay_tr(L, "Évolution sur quatre trimestres",
	    "Trend over four quarters"), d->y < RP_BOTTOM + 380.0f);
	memset(s, 0, sizeof(s));
	s[0].name = lay_tr(L, "Visites", "Visits");
	s[0].colour = &rp_blue;
	s[1].name = lay_tr(L, "Personnes suivies", "People followed");
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
	    lay_tr(L, "Trimestre", "Quarter"));
	rp_text(d, RP_BOLD, SMALL, cx[1], y, &rp_grey,
	    lay_tr(L, "Visites", "Visits"));
	rp_text(d, RP_BOLD, SMALL, cx[2], y, &rp_grey,
	    lay_tr(L, "Personnes suivies", "People followed"));
	rp_text(d, RP_BOLD, SMALL, cx[3], y, &rp_grey,
	    lay_tr(L, "Satisfaction", "Satisfaction"));
	rp_text(d, RP_BOLD, SMALL, cx[4], y, &rp_grey,
	    lay_tr(L, "Résultats déclarés", "Outcomes"));
	d->y -= 13.0f;
	rp_line(d, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y, 0.6f,
	    &rp_rule);
	for (i = 0; i < m->ntrend; i++) {
		y = d->y - 11.0f;
		rp_text(d, (int)i == m->cur ? RP_BOLD : RP_REGULAR, 8.5f, cx[0],
		    y, &rp_ink, L->qlabel[i]);
		rp_text(d, RP_REGULAR, 8.5f, cx[1], y, &rp_ink,
		    lay_count_text(L, &m->trend[i].visits, a, sizeof(a)));
		rp_text(d, RP_REGULAR, 8.5f, cx[2], y, &rp_ink,
		    lay_count_text(L, &m->trend[i].people, b, sizeof(b)));
		rp_text(d, RP_REGULAR, 8.5f, cx[3], y, &rp_ink,
		    lay_count_text(L, &m->trend[i].sat, c, sizeof(c)));
		rp_text(d, RP_REGULAR, 8.5f, cx[4], y, &rp_ink,
		    lay_count_text(L, &m->trend[i].out, e, sizeof(e)));
		d->y -= 15.0f;
		rp_line(d, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y,
		    0.3f, &rp_rule);
	}
	d->y -= 18.0f;
}
