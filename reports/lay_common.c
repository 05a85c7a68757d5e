/*
 * lay_common – the helpers of the report's layout: figures as text (counts, shares with
 * their interval, "< threshold", dates, targets) and headings, paragraphs,
 * bullets.
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

const char *
lay_tr(const struct lay *L, const char *fr, const char *en)
{
	return (L->l == LANG_FR ? fr : en);
}

/* "2026-07-01" → y, m, d; 0 if it does not read. */
int
lay_ymd(const char *s, int *y, int *mo, int *d)
{
	if (s == NULL || strlen(s) < 10)
		return (0);
	*y = atoi(s);
	*mo = atoi(s + 5);
	*d = atoi(s + 8);
	return (*y > 0 && *mo >= 1 && *mo <= 12 && *d >= 1 && *d <= 31);
}

char *
lay_date_text(const struct lay *L, const char *iso, char *buf, size_t n)
{
	int	y, mo, d;

	if (!lay_ymd(iso, &y, &mo, &d))
		snprintf(buf, n, "–");
	else
		fmt_date(buf, n, L->l, y, mo, d);
	return (buf);
}

/* "01/11/2025" (fr), "1 Nov 2025" (en): for the columns of tables. */
char *
lay_date_short(const struct lay *L, const char *iso, char *buf, size_t n)
{
	static const char *const mon[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"
	};
	int	y, mo, d;

	if (!lay_ymd(iso, &y, &mo, &d))
		snprintf(buf, n, "–");
	else if (L->l == LANG_FR)
		snprintf(buf, n, "%02u/%02u/%04u", (unsigned)d % 100u,
		    (unsigned)mo % 100u, (unsigned)y % 10000u);
	else
		snprintf(buf, n, "%d" NBSP "%s" NBSP "%d", d, mon[mo - 1], y);
	return (buf);
}

const char *
lay_unit_text(const struct lay *L, const char *unit)
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
char *
lay_hidden_text(const struct lay *L, char *buf, size_t n)
{
	snprintf(buf, n, "<" NBSP "%d", L->m->threshold);
	return (buf);
}

char *
lay_count_text(const struct lay *L, const struct rm_count *c, char *buf,
    size_t n)
{
	if (c->st == STATS_SMALL || c->st == STATS_SECONDARY)
		return (lay_hidden_text(L, buf, n));
	return (fmt_int(buf, n, L->l, c->v));
}

char *
lay_share_text(const struct lay *L, const struct stats_share *s, int dec,
    char *buf, size_t n)
{
	if (s->state == STATS_SHOWN)
		return (fmt_percent(buf, n, L->l, s->p, dec));
	if (s->state == STATS_EMPTY)
		snprintf(buf, n, "–");
	else
		snprintf(buf, n, "%s", lay_tr(L, "non publié", "not shown"));
	return (buf);
}

/* "43,4 % (82 sur 189 ; IC 95 % : 36,5 – 50,5 %)" */
char *
lay_share_full(const struct lay *L, const struct stats_share *s, char *buf,
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
		snprintf(buf, n, "%s", lay_tr(L, "aucune réponse",
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
char *
lay_eval_text(const struct lay *L, const struct rm_indicator *ind,
    const struct rm_eval *e, char *buf, size_t n, int unit)
{
	char	v[48];
	int	share;

	share = ind->measure == IND_MEAS_SHARE;
	if (!e->has || (share && e->value_null))
		snprintf(buf, n, "–");
	else if (e->st == STATS_SMALL || e->st == STATS_SECONDARY) {
		lay_hidden_text(L, v, sizeof(v));
		snprintf(buf, n, "%s%s%s", v, share || !unit ? "" : " ",
		    share || !unit ? "" : lay_unit_text(L, ind->unit));
		if (share)
			snprintf(buf, n, "%s", lay_tr(L, "non publié",
			    "not shown"));
	} else if (share)
		fmt_percent(buf, n, L->l, e->value, 1);
	else {
		fmt_int(v, sizeof(v), L->l, llround(e->value));
		snprintf(buf, n, "%s%s%s", v, unit ? " " : "",
		    unit ? lay_unit_text(L, ind->unit) : "");
	}
	return (buf);
}

char *
lay_target_text(const struct lay *L, const struct rm_indicator *ind,
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
void
lay_h1(struct lay *L, const char *title, int newpage)
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

void
lay_h2(struct lay *L, const char *title, float need)
{
	struct rp_doc	*d = &L->d;

	rp_ensure(d, 26.0f + need);
	rp_outline(d, 1, title);
	rp_text(d, RP_BOLD, 11.0f, RP_MARGIN_L, d->y - 11.0f, &rp_ink, title);
	d->y -= 22.0f;
}

void
lay_para(struct lay *L, const char *text)
{
	rp_para(&L->d, RP_REGULAR, BODY, RP_MARGIN_L, 0, RP_TEXT_W, BODY_LEAD,
	    &rp_ink, text, 1);
	L->d.y -= 4.0f;
}

void
lay_small_para(struct lay *L, const char *text)
{
	rp_para(&L->d, RP_REGULAR, SMALL, RP_MARGIN_L, 0, RP_TEXT_W,
	    SMALL_LEAD, &rp_grey, text, 1);
	L->d.y -= 3.0f;
}

/* A bullet point: "•" and a wrapped paragraph beside it. */
void
lay_bullet(struct lay *L, const char *text)
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

const struct asset *
lay_asset_get(const char *path)
{
	size_t	i;

	for (i = 0; i < asset_count; i++)
		if (strcmp(asset_table[i].path, path) == 0)
			return (&asset_table[i]);
	return (NULL);
}

/* Cover ---------------------------------------------------------------- */
