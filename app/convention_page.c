/*
 * convention_page – one convention for its coordinator (issue #6): its
 * terms (funder, amount, period), its indicators – the follow-up one, the
 * impact one chosen from the catalogue, free ones – with a target per
 * quarter, and a new indicator's definition checked and previewed:
 *
 *	GET|POST /conventions/ID
 *
 * A definition is data (app/core/indicator.h): when a coordinator saves or
 * previews one, it is parsed against the organisation's own codes – its
 * sites, the domains, its surveys and their questions (ind_vocab.sql) –
 * and refused with the exact place of the mistake; the preview evaluates
 * it with indicator_eval() (0402), the function the reports and the
 * dashboard use, over the convention's period so far, and shows it with
 * the rules of a published figure: count and denominator, the 95 % Wilson
 * interval, "< threshold" for too few people.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "project_admin.h"
#include "stats.h"

#define CONV_QUARTERS_MAX	16	/* a convention's quarters shown */

struct cctx {
	struct padm	p;	/* first: app/project_action.c's state */
};

static void	cctx_free(void *);
static int	conv_start(struct http_request *, struct mreq *);
static int	conv_query(struct http_request *, struct mreq *);
static int	conv_render(struct http_request *, struct mreq *);
static int	conv_vocab_loaded(struct http_request *, struct mreq *);
static int	conv_previewed(struct http_request *, struct mreq *);

static const struct mreq_route convention_route = {
	.name = "convention",
	.start = conv_start,
	.ctx_size = sizeof(struct cctx),
	.ctx_free = cctx_free,
	.roles = ROLE_COORDINATOR,
	.form_max = 32 * 1024,
};

int
page_convention(struct http_request *req)
{
	return (mreq_run(req, &convention_route));
}

static void
cctx_free(void *arg)
{
	padm_free(&((struct cctx *)arg)->p);
}

static int
conv_start(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;
	const char	*s = strrchr(req->path, '/');

	kore_strlcpy(p->id, s != NULL ? s + 1 : "", sizeof(p->id));
	return (padm_start(req, m, PADM_CONVENTION, conv_query));
}

static int
conv_query(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;

	(void)req;
	return (mreq_query(m, SQL_CONV_PAGE, conv_render, 3, m->sess->org_id,
	    p->id, lang_code[m->lang]));
}

/* Definition check ------------------------------------------------------ */

int
conv_check_definition(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;
	const char	*conv = NULL, *ind = NULL;

	(void)req;
	if (padm_is_action(p, "indicator.update"))
		ind = mreq_field(m, "objet");
	else
		conv = p->id;
	return (mreq_query(m, SQL_IND_VOCAB, conv_vocab_loaded, 3,
	    m->sess->org_id, conv, ind));
}

static const char *const voc_kind[IND_VOC__MAX] = {
	[IND_VOC_SITE] = "site",
	[IND_VOC_DOMAIN] = "domain",
	[IND_VOC_HELP_KIND] = "help_kind",
	[IND_VOC_PARTNER] = "partner",
	[IND_VOC_AUTONOMY] = "autonomy",
	[IND_VOC_CHANNEL] = NULL,	/* fixed: app/core/vocab.c */
	[IND_VOC_SURVEY] = "survey",
};

/* The row of kind/code in the vocabulary's result, or -1. */
static int
voc_row(struct mreq *m, const char *kind, const char *code)
{
	int	i;

	for (i = 0; i < mreq_rows(m); i++)
		if (strcmp(mreq_val(m, i, 0), kind) == 0 &&
		    strcmp(mreq_val(m, i, 1), code) == 0)
			return (i);
	return (-1);
}

static int
voc_known(void *arg, enum ind_vocab_kind k, const char *code)
{
	struct mreq	*m = arg;

	if (k == IND_VOC_CHANNEL)
		return (strcmp(code, "sur-place") == 0 ||
		    strcmp(code, "telephone") == 0 ||
		    strcmp(code, "distance") == 0);
	if (k >= IND_VOC__MAX || voc_kind[k] == NULL)
		return (0);
	return (voc_row(m, voc_kind[k], code) >= 0);
}

/* A survey's question, from its definition (parsed once, kept in ctx). */
static int
voc_question(void *arg, const char *survey, const char *q,
    struct ind_question *out)
{
	struct mreq	*m = arg;
	struct padm	*p = m->ctx;
	const char	*def;
	int		 r;

	if ((r = voc_row(m, "survey", survey)) < 0 || mreq_isnull(m, r, 2) ||
	    p->nsdoc == sizeof(p->sdoc) / sizeof(p->sdoc[0]))
		return (0);
	def = mreq_val(m, r, 2);
	if (json_parse(&p->sdoc[p->nsdoc], def, strlen(def)) == -1)
		return (0);
	return (indicator_survey_question(p->sdoc[p->nsdoc++].root, q, out));
}

/* The index of field name in the action's values, or -1. */
static int
val_index(struct padm *p, const char *name)
{
	size_t	i;

	for (i = 0; i < PADM_FIELDS_MAX; i++)
		if (padm_field_name(p, i) != NULL &&
		    strcmp(padm_field_name(p, i), name) == 0)
			return ((int)i);
	return (-1);
}

static int
conv_vocab_loaded(struct http_request *req, struct mreq *m)
{
	struct padm		*p = m->ctx;
	struct indicator_vocab	 voc = { voc_known, voc_question, m };
	struct ind_error	 e;
	const char		*def, *cat, *kind;
	char			 msg[400];
	int			 di, ci, ki, r, i;

	if (m->failed)
		return (mreq_error(req, m));
	for (i = 0, r = -1; i < mreq_rows(m); i++)
		if (strcmp(mreq_val(m, i, 0), "period") == 0)
			r = i;
	if (r < 0) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	kore_strlcpy(p->pv_from, mreq_val(m, r, 1), sizeof(p->pv_from));
	kore_strlcpy(p->pv_to, mreq_val(m, r, 2), sizeof(p->pv_to));
	kore_strlcpy(p->pv_last, mreq_val(m, r, 3), sizeof(p->pv_last));
	di = val_index(p, "definition");
	ci = val_index(p, "catalogue");
	ki = val_index(p, "type");
	cat = ci >= 0 ? p->val[ci] : "";
	kind = ki >= 0 ? p->val[ki] : "";
	/* An impact indicator comes from the catalogue; a code must exist. */
	if (*cat != '\0' && voc_row(m, "catalogue", cat) < 0)
		return (padm_refuse(req, m, "padm.err.catalogue", NULL));
	if (strcmp(kind, "impact") == 0 && *cat == '\0')
		return (padm_refuse(req, m, "padm.err.impact_catalogue", NULL));
	def = p->val[di];
	if (*def == '\0' && *cat != '\0') {
		/* The catalogue's ready definition, when it has one. */
		r = voc_row(m, "catalogue", cat);
		if (mreq_isnull(m, r, 2))
			return (padm_refuse(req, m,
			    "padm.err.catalogue_no_definition", NULL));
		kore_free(p->val[di]);
		p->val[di] = kore_strdup(mreq_val(m, r, 2));
		def = p->val[di];
	}
	if (*def == '\0')
		return (padm_refuse(req, m, "padm.err.required",
		    i18n_get(m->lang, "padm.f.definition")));
	if (indicator_parse(&p->def, def, strlen(def), &voc, &e) == -1) {
		(void)indicator_strerror(&e, m->lang, msg, sizeof(msg));
		return (padm_refuse(req, m, "padm.err.definition", msg));
	}
	p->def_parsed = 1;
	indicator_write_json(&p->def, &p->canon);
	sbuf_putc(&p->canon, '\0');
	p->canon.len--;
	if (!padm_is_action(p, "indicator.preview"))
		return (padm_send(req, m));
	return (mreq_query(m, SQL_IND_PREVIEW, conv_previewed, 4,
	    p->canon.data, m->sess->org_id, p->pv_from, p->pv_to));
}

static int
conv_previewed(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;
	size_t		 i;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	for (i = 0; i < 5; i++)
		p->pv[i] = kore_strdup(mreq_isnull(m, 0, (int)i) ? "" :
		    mreq_val(m, 0, (int)i));
	p->previewing = 1;
	return (conv_query(req, m));
}

/* Rendering ------------------------------------------------------------- */

/* A figure as published: "< 11" when built from too few people. */
static void
figure(struct sbuf *o, struct mreq *m, const char *num, const char *den,
    const char *people, int threshold)
{
	struct stats_share	 sh;
	char			 a[FRFMT_BUFSZ], b[FRFMT_BUFSZ], c[FRFMT_BUFSZ];
	long long		 k, n, who;

	k = strtoll(num, NULL, 10);
	who = *people != '\0' ? strtoll(people, NULL, 10) : k;
	if (*den != '\0') {
		n = strtoll(den, NULL, 10);
		stats_share_make(&sh, k, n, threshold);
		if (sh.state == STATS_EMPTY) {
			html_escape(o, i18n_get(m->lang, "padm.pv.empty"));
			return;
		}
		if (sh.state != STATS_SHOWN) {
			sbuf_printf(o, "&lt; %d ", threshold);
			html_escape(o, i18n_get(m->lang, "padm.pv.people"));
			return;
		}
		sbuf_printf(o, "<strong>%s</strong> (",
		    fmt_percent(a, sizeof(a), m->lang, sh.p, 0));
		sbuf_printf(o, "%s / %s ; ", fmt_int(b, sizeof(b), m->lang, k),
		    fmt_int(c, sizeof(c), m->lang, n));
		html_escape(o, i18n_get(m->lang, "padm.pv.ci"));
		sbuf_printf(o, " %s – ", fmt_percent(a, sizeof(a), m->lang,
		    sh.lo, 0));
		sbuf_printf(o, "%s)", fmt_percent(a, sizeof(a), m->lang, sh.hi,
		    0));
		return;
	}
	if (who > 0 && stats_is_small(who, threshold)) {
		sbuf_printf(o, "&lt; %d", threshold);
		return;
	}
	sbuf_printf(o, "<strong>%s</strong>", fmt_int(a, sizeof(a), m->lang,
	    k));
}

/* The preview panel of a checked definition. */
static void
render_preview(struct sbuf *o, struct mreq *m)
{
	struct padm	*p = m->ctx;
	int		 threshold;

	if (!p->previewing)
		return;
	threshold = stats_threshold(atoi(p->pv[4]));
	sbuf_puts(o, "<section class=\"preview\" id=\"preview\" "
	    "aria-live=\"polite\"><h3>");
	html_escape(o, i18n_get(m->lang, "padm.pv.title"));
	sbuf_puts(o, "</h3><dl><dt>");
	html_escape(o, i18n_get(m->lang, "padm.pv.means"));
	sbuf_puts(o, "</dt><dd>");
	{
		struct sbuf	d;

		sbuf_init(&d);
		indicator_describe(&p->def, m->lang, &d);
		html_escape(o, d.data != NULL ? d.data : "");
		sbuf_free(&d);
	}
	sbuf_puts(o, "</dd><dt>");
	html_escape(o, i18n_get(m->lang, "padm.pv.value"));
	sbuf_puts(o, " (");
	ph_date(o, m, p->pv_from);
	sbuf_puts(o, " → ");
	ph_date(o, m, p->pv_last);
	sbuf_puts(o, ")</dt><dd>");
	figure(o, m, p->pv[1], p->pv[2], p->pv[3], threshold);
	sbuf_puts(o, "</dd></dl></section>");
}

/* The quarters of [from, to] (to: the convention's last day): their
 * first days, at most CONV_QUARTERS_MAX. */
static size_t
quarters(const char *from, const char *to, char q[][16])
{
	int	y = atoi(from), mo = (atoi(from + 5) - 1) / 3 * 3 + 1;
	size_t	n = 0;

	if (y < 2000 || y > 2099 || mo < 1 || mo > 12)
		return (0);
	while (n < CONV_QUARTERS_MAX) {
		snprintf(q[n], 16, "%04u-%02u-01", (unsigned)y % 10000,
		    (unsigned)mo % 13);
		if (strcmp(q[n], to) > 0)	/* to: the last day */
			break;
		n++;
		if ((mo += 3) > 12) {
			mo = 1;
			y++;
		}
	}
	return (n);
}

/* One indicator: its definition in words, targets, edit and delete. */
static void
render_indicator(struct sbuf *o, struct mreq *m, int i, char q[][16],
    size_t nq)
{
	struct padm		*p = m->ctx;
	struct indicator_def	 def;
	struct ind_error	 e;
	struct sbuf		 d;
	const char		*id = mreq_val(m, i, 1), *json;
	char			 url[48], key[40], fid[40], fidx[48];
	char			 lbl[FRFMT_BUFSZ];
	size_t			 k;
	int			 j, y, qq;

	snprintf(url, sizeof(url), "/conventions/%s", p->id);
	snprintf(key, sizeof(key), "dash.kind.%s", mreq_val(m, i, 2));
	snprintf(fid, sizeof(fid), "i-%s", id);
	sbuf_printf(o, "<article class=\"card\" id=\"%s\"><h3>", fid);
	html_escape(o, mreq_val(m, i, 4));
	sbuf_puts(o, "</h3><p class=\"note\">");
	html_escape(o, i18n_get(m->lang, key));
	if (!mreq_isnull(m, i, 3)) {
		sbuf_puts(o, " · ");
		html_escape(o, mreq_val(m, i, 3));
	}
	sbuf_puts(o, " · ");
	html_escape(o, mreq_val(m, i, 6));
	sbuf_puts(o, "</p><p>");
	json = mreq_val(m, i, 7);
	sbuf_init(&d);
	if (indicator_parse(&def, json, strlen(json), NULL, &e) == 0) {
		indicator_describe(&def, m->lang, &d);
		indicator_free(&def);
	}
	html_escape(o, d.data != NULL ? d.data : "");
	sbuf_free(&d);
	sbuf_puts(o, "</p><table><caption>");
	html_escape(o, i18n_get(m->lang, "padm.targets"));
	sbuf_puts(o, "</caption><thead><tr>");
	for (k = 0; k < nq; k++) {
		sbuf_puts(o, "<th scope=\"col\">");
		ph_quarter(o, m, q[k]);
		sbuf_puts(o, "</th>");
	}
	sbuf_puts(o, "</tr></thead><tbody><tr>");
	for (k = 0; k < nq; k++) {
		sbuf_puts(o, "<td class=\"num\">");
		for (j = 0; j < mreq_rows(m); j++)
			if (strcmp(mreq_val(m, j, 0), "target") == 0 &&
			    strcmp(mreq_val(m, j, 1), id) == 0 &&
			    strcmp(mreq_val(m, j, 2), q[k]) == 0)
				html_escape(o, fmt_decimal(lbl, sizeof(lbl),
				    m->lang, strtod(mreq_val(m, j, 3), NULL),
				    strchr(mreq_val(m, j, 3), '.') != NULL ? 2 :
				    0));
		sbuf_puts(o, "</td>");
	}
	sbuf_puts(o, "</tr></tbody></table>");
	/* Set one quarter's target. */
	ph_form_open(o, m, url, "target.set", id);
	sbuf_printf(o, "<label for=\"%s-q\">", fid);
	html_escape(o, i18n_get(m->lang, "padm.f.trimestre"));
	sbuf_printf(o, "</label> <select id=\"%s-q\" name=\"trimestre\">",
	    fid);
	for (k = 0; k < nq; k++) {
		y = atoi(q[k]);
		qq = (atoi(q[k] + 5) - 1) / 3 + 1;
		snprintf(key, sizeof(key), "%d-T%d", y, qq);
		ph_option(o, key, fmt_quarter(lbl, sizeof(lbl), m->lang, y, qq),
		    0);
	}
	sbuf_printf(o, "</select> <label for=\"%s-t\">", fid);
	html_escape(o, i18n_get(m->lang, "padm.f.objectif"));
	sbuf_printf(o, "</label> <input type=\"text\" id=\"%s-t\" name=\"objectif\" "
	    "size=\"7\" inputmode=\"decimal\"> <button type=\"submit\" "
	    "class=\"secondary\">", fid);
	html_escape(o, i18n_get(m->lang, "padm.record"));
	sbuf_puts(o, "</button></form>");
	/* Edit the words and the definition. */
	sbuf_puts(o, "<details><summary>");
	html_escape(o, i18n_get(m->lang, "padm.indicator.edit"));
	sbuf_puts(o, "</summary>");
	ph_form_open(o, m, url, "indicator.update", id);
	snprintf(fidx, sizeof(fidx), "%s-l", fid);
	ph_text_field(o, m, fidx, "libelle", "padm.f.libelle",
	    mreq_val(m, i, 4), 300, 1);
	snprintf(fidx, sizeof(fidx), "%s-e", fid);
	ph_text_field(o, m, fidx, "libelle_en", "padm.f.libelle_en",
	    mreq_val(m, i, 5), 300, 0);
	snprintf(fidx, sizeof(fidx), "%s-u", fid);
	ph_text_field(o, m, fidx, "unite", "padm.f.unite", mreq_val(m, i, 6),
	    40, 1);
	sbuf_printf(o, "<div class=\"field\"><label for=\"%s-d\">",
	    fid);
	html_escape(o, i18n_get(m->lang, "padm.f.definition"));
	sbuf_printf(o, "</label><textarea class=\"code\" id=\"%s-d\" "
	    "name=\"definition\" rows=\"4\" spellcheck=\"false\">", fid);
	html_escape(o, json);
	sbuf_puts(o, "</textarea></div><button type=\"submit\">");
	html_escape(o, i18n_get(m->lang, "padm.save"));
	sbuf_puts(o, "</button></form>");
	ph_form_open(o, m, url, "indicator.delete", id);
	sbuf_puts(o, "<button type=\"submit\" class=\"link\">");
	html_escape(o, i18n_get(m->lang, "padm.delete"));
	sbuf_puts(o, "</button></form></details></article>\n");
}

static int
conv_render(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;
	struct tmpl	 t;
	struct sbuf	 notice, inds, funders, cat, preview, convform;
	char		 q[CONV_QUARTERS_MAX][16], money[40], dash[200];
	char		 url[48];
	const char	*cv[6];
	int		 typed;
	char		 theme_key[64];
	const char	*tag, *theme = "", *kind;
	int		 i, crow = -1, prow = -1, nind = 0;
	size_t		 nq;
	long long	 cents;

	if (m->failed)
		return (mreq_error(req, m));
	for (i = 0; i < mreq_rows(m); i++) {
		if (strcmp(mreq_val(m, i, 0), "convention") == 0)
			crow = i;
		else if (strcmp(mreq_val(m, i, 0), "project") == 0)
			prow = i;
	}
	if (crow < 0 || prow < 0) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	nq = quarters(mreq_val(m, crow, 6), mreq_val(m, crow, 7), q);
	sbuf_init(&notice);
	sbuf_init(&inds);
	sbuf_init(&funders);
	sbuf_init(&cat);
	sbuf_init(&preview);
	sbuf_init(&convform);
	padm_notice(&notice, m);
	render_preview(&preview, m);
	for (i = 0; i < mreq_rows(m); i++) {
		tag = mreq_val(m, i, 0);
		if (strcmp(tag, "indicator") == 0) {
			render_indicator(&inds, m, i, q, nq);
			nind++;
		} else if (strcmp(tag, "funder") == 0)
			ph_option(&funders, mreq_val(m, i, 1),
			    mreq_val(m, i, 2), strcmp(mreq_val(m, i, 1),
			    mreq_val(m, crow, 4)) == 0);
		else if (strcmp(tag, "catalogue") == 0) {
			if (strcmp(theme, mreq_val(m, i, 3)) != 0) {
				if (*theme != '\0')
					sbuf_puts(&cat, "</optgroup>");
				theme = mreq_val(m, i, 3);
				snprintf(theme_key, sizeof(theme_key),
				    "padm.theme.%s", theme);
				sbuf_puts(&cat, "<optgroup label=\"");
				html_escape(&cat, i18n_get(m->lang, theme_key));
				sbuf_puts(&cat, "\">");
			}
			ph_option(&cat, mreq_val(m, i, 2), mreq_val(m, i, 4),
			    strcmp(padm_typed(m, "catalogue"),
			    mreq_val(m, i, 2)) == 0);
		}
	}
	if (*theme != '\0')
		sbuf_puts(&cat, "</optgroup>");
	cents = strtoll(mreq_val(m, crow, 5), NULL, 10);
	if (cents % 100 == 0)
		snprintf(money, sizeof(money), "%lld", cents / 100);
	else
		snprintf(money, sizeof(money), "%lld,%02lld", cents / 100,
		    cents % 100);
	snprintf(dash, sizeof(dash), "%s|%s", mreq_val(m, prow, 2),
	    mreq_val(m, crow, 2));
	kind = padm_typed(m, "type");
	/* The terms: as typed if a change was refused, else as stored. */
	typed = p->err != NULL && padm_is_action(p, "convention.update");
	cv[0] = typed ? padm_typed(m, "reference") : mreq_val(m, crow, 2);
	cv[1] = typed ? padm_typed(m, "titre") : mreq_val(m, crow, 3);
	cv[2] = typed ? padm_typed(m, "montant") : money;
	cv[3] = typed ? padm_typed(m, "debut") : mreq_val(m, crow, 6);
	cv[4] = typed ? padm_typed(m, "fin") : mreq_val(m, crow, 7);
	cv[5] = typed ? padm_typed(m, "signature") : mreq_val(m, crow, 8);
	snprintf(url, sizeof(url), "/conventions/%s", p->id);
	ph_convention_form(&convform, m, url, "convention.update",
	    funders.data != NULL ? funders.data : "", cv,
	    i18n_get(m->lang, "padm.save"));
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "id", p->id);
	tmpl_set(&t, "project_id", mreq_val(m, prow, 1));
	tmpl_set(&t, "project", mreq_val(m, prow, 3));
	tmpl_set(&t, "reference", mreq_val(m, crow, 2));
	tmpl_set(&t, "titre", mreq_val(m, crow, 3));
	tmpl_set(&t, "dashboard", dash);
	tmpl_set(&t, "i_libelle", padm_typed(m, "libelle"));
	tmpl_set(&t, "i_libelle_en", padm_typed(m, "libelle_en"));
	tmpl_set(&t, "i_unite", *padm_typed(m, "unite") != '\0' ?
	    padm_typed(m, "unite") : "personnes");
	tmpl_set(&t, "i_definition", p->canon.len > 0 ? p->canon.data :
	    padm_typed(m, "definition"));
	/* Raw: fixed attributes, and rows escaped above. */
	tmpl_set_raw(&t, "k_suivi", strcmp(kind, "suivi") == 0 ||
	    *kind == '\0' ? " selected" : "");
	tmpl_set_raw(&t, "k_impact", strcmp(kind, "impact") == 0 ?
	    " selected" : "");
	tmpl_set_raw(&t, "k_libre", strcmp(kind, "libre") == 0 ?
	    " selected" : "");
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "indicators", inds.data);
	tmpl_set_raw(&t, "conv_form", convform.data);
	tmpl_set_raw(&t, "catalogue", cat.data);
	tmpl_set_raw(&t, "preview", preview.data);
	tmpl_set_raw(&t, "no_indicators", nind == 0 ? "" : " hidden");
	(void)staff_page(req, m, p->status, &t, TMPL_CONV_PAGE,
	    mreq_val(m, crow, 2));
	sbuf_free(&notice);
	sbuf_free(&inds);
	sbuf_free(&funders);
	sbuf_free(&cat);
	sbuf_free(&preview);
	sbuf_free(&convform);
	return (MREQ_DONE);
}
