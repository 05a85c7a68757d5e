/*
 * report_xlsx – the funder's spreadsheet (issue #6): what an association
 * used to fill by hand, written from the report model – so its figures
 * are the PDF's and the dashboard's, suppressed cells included.
 *
 * Sheets: the project summary (who, what, which convention, the period,
 * the small-cell rule and the data's fingerprint), the indicators'
 * follow-up by quarter (value, count, denominator, 95 % interval, target,
 * achieved), the milestones, the budget lines, the impact chain. Numbers
 * are numbers (a funder sums them); a figure not published is the text
 * "< 11", never its value. Kore-free: libxlsxwriter writes to a file the
 * caller names (in the workers' chroot, its /tmp).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "frfmt.h"
#include "report_model.h"
#include "report_xlsx.h"

struct xw {
	lxw_workbook	*wb;
	lxw_format	*bold, *head, *money, *pct, *num, *date, *wrap;
	enum lang	 l;
};

static const char *
tr(const struct xw *x, const char *fr, const char *en)
{
	return (x->l == LANG_EN ? en : fr);
}

/* A text cell; NULL is an empty cell. */
static void
put_s(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	if (s != NULL && *s != '\0')
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, f);
}

static void
put_n(lxw_worksheet *ws, int r, int c, double v, lxw_format *f)
{
	worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, f);
}

/* A date "YYYY-MM-DD" as a real date cell (sortable), or nothing. */
static void
put_date(struct xw *x, lxw_worksheet *ws, int r, int c, const char *iso)
{
	lxw_datetime	dt;

	memset(&dt, 0, sizeof(dt));
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &dt.year, &dt.month,
	    &dt.day) != 3)
		return;
	worksheet_write_datetime(ws, (lxw_row_t)r, (lxw_col_t)c, &dt,
	    x->date);
}

static void
header_row(struct xw *x, lxw_worksheet *ws, const char *const *cols,
    size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		put_s(ws, 0, (int)i, cols[i], x->head);
	worksheet_freeze_panes(ws, 1, 0);
}

/* "< 11": how a figure built from too few people is written. */
static void
hidden(const struct report_model *md, char *buf, size_t n)
{
	snprintf(buf, n, "< %d", md->threshold);
}

static void
sheet_summary(struct xw *x, const struct report_model *md)
{
	lxw_worksheet	*ws;
	char		 period[64], buf[64];
	int		 r = 0;
	const struct rm_convention *c = md->has_convention ? &md->convention :
			    NULL;

	ws = workbook_add_worksheet(x->wb, tr(x, "Projet", "Project"));
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 1, 70, x->wrap);
#define ROW(k, v) do { put_s(ws, r, 0, (k), x->bold); \
	put_s(ws, r, 1, (v), NULL); r++; } while (0)
	ROW(tr(x, "Structure", "Organisation"), md->org_name);
	ROW(tr(x, "Projet", "Project"), md->project_name);
	ROW(tr(x, "Code du projet", "Project code"), md->project_code);
	ROW(tr(x, "Résumé", "Summary"), md->project_summary);
	ROW(tr(x, "Public visé", "Intended audience"), md->project_audience);
	if (c != NULL) {
		ROW(tr(x, "Convention", "Agreement"), c->reference);
		ROW(tr(x, "Intitulé", "Title"), c->title);
		ROW(tr(x, "Financeur", "Funder"), c->funder);
		put_s(ws, r, 0, tr(x, "Montant (€)", "Amount (€)"), x->bold);
		put_n(ws, r++, 1, (double)c->amount_cents / 100.0, x->money);
		put_s(ws, r, 0, tr(x, "Début", "Start"), x->bold);
		put_date(x, ws, r++, 1, c->starts_on);
		put_s(ws, r, 0, tr(x, "Fin", "End"), x->bold);
		put_date(x, ws, r++, 1, c->ends_on);
		put_s(ws, r, 0, tr(x, "Signée le", "Signed on"), x->bold);
		put_date(x, ws, r++, 1, c->signed_on);
	}
	if (md->kind == REPORT_ANNUAL)
		snprintf(period, sizeof(period), "%s %d", tr(x, "Année",
		    "Year"), md->year);
	else
		fmt_quarter(period, sizeof(period), x->l, md->year,
		    md->quarter);
	ROW(tr(x, "Période", "Period"), period);
	put_s(ws, r, 0, tr(x, "Du", "From"), x->bold);
	put_date(x, ws, r++, 1, md->period_start);
	put_s(ws, r, 0, tr(x, "Au", "To"), x->bold);
	put_date(x, ws, r++, 1, md->period_last);
	snprintf(buf, sizeof(buf), "%d", md->threshold);
	put_s(ws, r, 0, tr(x, "Seuil de publication (personnes)",
	    "Publication threshold (people)"), x->bold);
	put_n(ws, r++, 1, md->threshold, x->num);
	ROW(tr(x, "Règle", "Rule"), tr(x,
	    "Un chiffre construit sur moins de personnes que le seuil n'est "
	    "pas publié (« < seuil »). Chaque part est donnée avec son "
	    "effectif, son dénominateur et son intervalle de confiance à "
	    "95 % (Wilson).",
	    "A figure built from fewer people than the threshold is not "
	    "published (\"< threshold\"). Every share comes with its count, "
	    "its denominator and its 95% confidence interval (Wilson)."));
	ROW(tr(x, "Empreinte des données (SHA-256)",
	    "Data fingerprint (SHA-256)"), md->data_sha256_hex);
#undef ROW
	(void)buf;
}

/* One evaluated period of an indicator, from column 3. */
static void
eval_cells(struct xw *x, lxw_worksheet *ws, int r,
    const struct report_model *md, const struct rm_indicator *ind,
    const struct rm_eval *e, double target, int has_target)
{
	char	buf[32];
	int	share = ind->measure == IND_MEAS_SHARE;

	if (!e->has || (share && e->value_null)) {
		put_s(ws, r, 4, "–", NULL);
	} else if (e->st == STATS_SMALL || e->st == STATS_SECONDARY) {
		hidden(md, buf, sizeof(buf));
		put_s(ws, r, 4, buf, NULL);
	} else {
		put_n(ws, r, 4, e->value, share ? x->pct : x->num);
		put_n(ws, r, 5, (double)e->num, x->num);
		if (share) {
			put_n(ws, r, 6, (double)e->den, x->num);
			put_n(ws, r, 7, e->share.lo, x->pct);
			put_n(ws, r, 8, e->share.hi, x->pct);
		}
	}
	if (has_target) {
		/* A share's target is a percentage: as a share here. */
		put_n(ws, r, 9, share ? target / 100.0 : target,
		    share ? x->pct : x->num);
		if (e->has_achieved)
			put_n(ws, r, 10, e->achieved, x->pct);
	}
}

static void
sheet_indicators(struct xw *x, const struct report_model *md)
{
	static const char *const fr[] = { "Convention", "Type", "Indicateur",
	    "Trimestre", "Valeur", "Effectif", "Dénominateur",
	    "IC 95 % bas", "IC 95 % haut", "Objectif", "Atteint",
	    "Unité", "Définition" };
	static const char *const en[] = { "Agreement", "Kind", "Indicator",
	    "Quarter", "Value", "Count", "Denominator", "95% CI low",
	    "95% CI high", "Target", "Achieved", "Unit", "Definition" };
	lxw_worksheet		*ws;
	const struct rm_indicator *ind;
	const char		*kind;
	char			 q[48];
	size_t			 i, k;
	int			 r = 1;

	ws = workbook_add_worksheet(x->wb, tr(x, "Indicateurs",
	    "Indicators"));
	header_row(x, ws, x->l == LANG_EN ? en : fr, 13);
	worksheet_set_column(ws, 0, 0, 18, NULL);
	worksheet_set_column(ws, 1, 1, 12, NULL);
	worksheet_set_column(ws, 2, 2, 50, x->wrap);
	worksheet_set_column(ws, 3, 10, 13, NULL);
	worksheet_set_column(ws, 11, 11, 14, NULL);
	worksheet_set_column(ws, 12, 12, 60, x->wrap);
	for (i = 0; i < md->nind; i++) {
		ind = &md->ind[i];
		kind = strcmp(ind->kind, "suivi") == 0 ? tr(x, "Suivi",
		    "Follow-up") : strcmp(ind->kind, "impact") == 0 ?
		    tr(x, "Impact", "Impact") : tr(x, "Libre", "Free");
		for (k = 0; k <= md->ntrend; k++) {
			if (k == md->ntrend) {
				/* The whole year, with its targets' sum. */
				if (md->kind != REPORT_ANNUAL || !ind->whole.has)
					break;
				snprintf(q, sizeof(q), "%s %d", tr(x, "Année",
				    "Year"), md->year);
			} else	/* "2026-T3": sorts as text */
				snprintf(q, sizeof(q), "%04d-%s%d",
				    md->trend[k].year % 10000,
				    tr(x, "T", "Q"), md->trend[k].q % 10);
			put_s(ws, r, 0, ind->convention_ref, NULL);
			put_s(ws, r, 1, kind, NULL);
			put_s(ws, r, 2, ind->label, NULL);
			put_s(ws, r, 3, q, NULL);
			if (k == md->ntrend)
				eval_cells(x, ws, r, md, ind, &ind->whole,
				    ind->measure == IND_MEAS_SHARE ?
				    ind->target_avg : ind->target_sum,
				    ind->has_target_whole);
			else
				eval_cells(x, ws, r, md, ind, &ind->q[k],
				    ind->q[k].target, ind->q[k].has_target);
			put_s(ws, r, 11, ind->measure == IND_MEAS_SHARE ?
			    "%" : ind->unit, NULL);
			put_s(ws, r, 12, ind->describe, NULL);
			r++;
		}
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(r > 1 ? r - 1 : 1), 12);
}

static void
sheet_milestones(struct xw *x, const struct report_model *md)
{
	static const char *const fr[] = { "Jalon", "Prévu le", "Réalisé le",
	    "État" };
	static const char *const en[] = { "Milestone", "Planned on",
	    "Done on", "Status" };
	static const char *const st[][3] = {
		{ "planned", "Prévu", "Planned" },
		{ "in_progress", "En cours", "In progress" },
		{ "done", "Réalisé", "Done" },
		{ "late", "En retard", "Late" },
		{ "cancelled", "Abandonné", "Cancelled" },
	};
	lxw_worksheet	*ws;
	const char	*s;
	size_t		 i, k;

	ws = workbook_add_worksheet(x->wb, tr(x, "Jalons", "Milestones"));
	header_row(x, ws, x->l == LANG_EN ? en : fr, 4);
	worksheet_set_column(ws, 0, 0, 50, x->wrap);
	worksheet_set_column(ws, 1, 3, 14, NULL);
	for (i = 0; i < md->nmilestones; i++) {
		put_s(ws, (int)i + 1, 0, md->milestones[i].label, NULL);
		put_date(x, ws, (int)i + 1, 1, md->milestones[i].planned_on);
		put_date(x, ws, (int)i + 1, 2, md->milestones[i].done_on);
		s = md->milestones[i].status;
		for (k = 0; k < sizeof(st) / sizeof(st[0]); k++)
			if (strcmp(st[k][0], s) == 0)
				s = st[k][x->l == LANG_EN ? 2 : 1];
		put_s(ws, (int)i + 1, 3, s, NULL);
	}
}

static void
sheet_budget(struct xw *x, const struct report_model *md)
{
	static const char *const fr[] = { "Ligne", "Catégorie", "Prévu (€)",
	    "Dépensé sur la période (€)", "Dépensé à ce jour (€)",
	    "Reste (€)", "Consommé" };
	static const char *const en[] = { "Line", "Category", "Planned (€)",
	    "Spent in the period (€)", "Spent to date (€)", "Left (€)",
	    "Used" };
	lxw_worksheet	*ws;
	const struct rm_budget *b;
	size_t		 i;
	int		 r;

	ws = workbook_add_worksheet(x->wb, tr(x, "Budget", "Budget"));
	header_row(x, ws, x->l == LANG_EN ? en : fr, 7);
	worksheet_set_column(ws, 0, 0, 40, x->wrap);
	worksheet_set_column(ws, 1, 6, 16, NULL);
	for (i = 0; i < md->nbudget; i++) {
		b = &md->budget[i];
		r = (int)i + 1;
		put_s(ws, r, 0, b->label, NULL);
		put_s(ws, r, 1, b->category, NULL);
		put_n(ws, r, 2, (double)b->planned / 100.0, x->money);
		put_n(ws, r, 3, (double)b->spent_period / 100.0, x->money);
		put_n(ws, r, 4, (double)b->spent_to_date / 100.0, x->money);
		put_n(ws, r, 5, (double)(b->planned - b->spent_to_date) / 100.0,
		    x->money);
		if (b->planned > 0)
			put_n(ws, r, 6, (double)b->spent_to_date /
			    (double)b->planned, x->pct);
	}
}

static void
sheet_chain(struct xw *x, const struct report_model *md)
{
	static const char *const fr[] = { "Étape", "Élément", "Indicateur" };
	static const char *const en[] = { "Stage", "Item", "Indicator" };
	static const char *const stage[][3] = {
		{ "resources", "Ressources", "Resources" },
		{ "activities", "Activités", "Activities" },
		{ "outputs", "Réalisations", "Outputs" },
		{ "outcomes", "Résultats", "Outcomes" },
		{ "impact", "Impact", "Impact" },
	};
	lxw_worksheet	*ws;
	const struct rm_step *s;
	const char	*name;
	size_t		 i, k;

	ws = workbook_add_worksheet(x->wb, tr(x, "Chaîne de l'impact",
	    "Impact chain"));
	header_row(x, ws, x->l == LANG_EN ? en : fr, 3);
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, 2, 50, x->wrap);
	for (i = 0; i < md->nsteps; i++) {
		s = &md->steps[i];
		name = s->stage;
		for (k = 0; k < 5; k++)
			if (strcmp(stage[k][0], s->stage) == 0)
				name = stage[k][x->l == LANG_EN ? 2 : 1];
		put_s(ws, (int)i + 1, 0, name, NULL);
		put_s(ws, (int)i + 1, 1, s->label, NULL);
		if (s->ind >= 0 && (size_t)s->ind < md->nind)
			put_s(ws, (int)i + 1, 2, md->ind[s->ind].label, NULL);
	}
}

int
report_xlsx_write(const struct report_model *md, const char *path,
    const char *tmpdir, char *err, size_t errsz)
{
	struct xw		 x;
	lxw_workbook_options	 opt;
	lxw_error		 e;

	memset(&x, 0, sizeof(x));
	memset(&opt, 0, sizeof(opt));
	opt.tmpdir = (char *)(uintptr_t)tmpdir;
	x.l = md->lang;
	if ((x.wb = workbook_new_opt(path, &opt)) == NULL) {
		snprintf(err, errsz, "cannot create %s", path);
		return (-1);
	}
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_bg_color(x.head, 0xDCE6F2);
	format_set_text_wrap(x.head);
	x.money = workbook_add_format(x.wb);
	format_set_num_format(x.money, "#,##0.00");
	x.pct = workbook_add_format(x.wb);
	format_set_num_format(x.pct, "0.0%");
	x.num = workbook_add_format(x.wb);
	format_set_num_format(x.num, "#,##0");
	x.date = workbook_add_format(x.wb);
	format_set_num_format(x.date, x.l == LANG_EN ? "yyyy-mm-dd" :
	    "dd/mm/yyyy");
	x.wrap = workbook_add_format(x.wb);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);

	sheet_summary(&x, md);
	sheet_indicators(&x, md);
	sheet_milestones(&x, md);
	sheet_budget(&x, md);
	sheet_chain(&x, md);
	workbook_set_properties(x.wb, &(lxw_doc_properties){
	    .title = (char *)(uintptr_t)md->project_name,
	    .company = (char *)(uintptr_t)md->org_name,
	    .comments = (char *)(uintptr_t)"Mesure" });
	if ((e = workbook_close(x.wb)) != LXW_NO_ERROR) {
		snprintf(err, errsz, "xlsx: %s", lxw_strerror(e));
		return (-1);
	}
	return (0);
}
