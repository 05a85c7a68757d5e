/*
 * project_pages – the projects of an organisation, one project (its
 * conventions, impact chain, milestones and budget), and the funders:
 *
 *	GET|POST /projets		list; create a project
 *	GET|POST /projets/ID		one project and everything it holds
 *	GET|POST /financeurs		the funders; add or rename one
 *
 * POSTs go through app/project_action.c (checks, project_admin() of
 * 0450). Each page is one query (sql/queries/proj_*.sql, funder_list.sql)
 * rendered here: rows built from escaped text, frames from templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "project_admin.h"

struct pctx {
	struct padm	p;	/* first: app/project_action.c's state */
};

static void	pctx_free(void *);
static int	projects_start(struct http_request *, struct mreq *);
static int	projects_query(struct http_request *, struct mreq *);
static int	projects_render(struct http_request *, struct mreq *);
static int	project_start(struct http_request *, struct mreq *);
static int	project_query(struct http_request *, struct mreq *);
static int	project_render(struct http_request *, struct mreq *);
static int	funders_start(struct http_request *, struct mreq *);
static int	funders_query(struct http_request *, struct mreq *);
static int	funders_render(struct http_request *, struct mreq *);

#define PROJECT_ROUTE(var, nm, fn) \
	static const struct mreq_route var = { \
		.name = nm, .start = fn, .ctx_size = sizeof(struct pctx), \
		.ctx_free = pctx_free, \
		.roles = ROLE_COORDINATOR, .form_max = 16 * 1024 }

PROJECT_ROUTE(projects_route, "projects", projects_start);
PROJECT_ROUTE(project_route, "project", project_start);
PROJECT_ROUTE(funders_route, "funders", funders_start);

int
page_projects(struct http_request *req)
{
	return (mreq_run(req, &projects_route));
}

int
page_project(struct http_request *req)
{
	return (mreq_run(req, &project_route));
}

int
page_funders(struct http_request *req)
{
	return (mreq_run(req, &funders_route));
}

static void
pctx_free(void *arg)
{
	padm_free(&((struct pctx *)arg)->p);
}

/* The id at the end of "/projets/12" (the route's regex made it digits). */
static void
path_id(struct padm *p, const char *path)
{
	const char	*s = strrchr(path, '/');

	kore_strlcpy(p->id, s != NULL ? s + 1 : "", sizeof(p->id));
}

/* A value for an input: as typed if action was refused, else db. */
static const char *
form_value(struct mreq *m, const char *action, const char *field,
    const char *db)
{
	struct padm	*p = m->ctx;

	if (p->err != NULL && padm_is_action(p, action))
		return (padm_typed(m, field));
	return (db != NULL ? db : "");
}

/* Render the frame t with body template id and title key. */
static int
padm_page(struct http_request *req, struct mreq *m, struct tmpl *t,
    enum tmpl_id id, const char *title)
{
	struct padm	*p = m->ctx;

	return (staff_page(req, m, p->status, t, id, title));
}

/* /projets -------------------------------------------------------------- */

static int
projects_start(struct http_request *req, struct mreq *m)
{
	return (padm_start(req, m, PADM_PROJECTS, projects_query));
}

static int
projects_query(struct http_request *req, struct mreq *m)
{
	(void)req;
	return (mreq_query(m, SQL_PROJ_LIST, projects_render, 1,
	    m->sess->org_id));
}

static int
projects_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t;
	struct sbuf	 rows, notice;
	const char	*last = "";
	int		 i;
	static const char *const fields[] = { "code", "nom", "resume",
	    "public", "debut", "fin" };
	static const char *const keys[] = { "v_code", "v_nom", "v_resume",
	    "v_public", "v_debut", "v_fin" };
	size_t		 k;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	sbuf_init(&notice);
	padm_notice(&notice, m);
	for (i = 0; i < mreq_rows(m); i++) {
		if (strcmp(last, mreq_val(m, i, 0)) != 0) {
			if (*last != '\0')
				sbuf_puts(&rows, "</ul></td></tr>\n");
			last = mreq_val(m, i, 0);
			sbuf_printf(&rows, "<tr><th scope=\"row\"><a href="
			    "\"/projets/%s\">", last);
			html_escape(&rows, mreq_val(m, i, 2));
			sbuf_puts(&rows, "</a><br><span class=\"note\">");
			html_escape(&rows, mreq_val(m, i, 1));
			sbuf_puts(&rows, "</span></th><td>");
			ph_date(&rows, m, mreq_val(m, i, 3));
			sbuf_puts(&rows, " → ");
			ph_date(&rows, m, mreq_val(m, i, 4));
			sbuf_puts(&rows, "</td><td><ul class=\"plain\">");
		}
		if (mreq_isnull(m, i, 5))
			continue;
		sbuf_printf(&rows, "<li><a href=\"/conventions/%s\">",
		    mreq_val(m, i, 5));
		html_escape(&rows, mreq_val(m, i, 6));
		sbuf_puts(&rows, "</a> – ");
		html_escape(&rows, mreq_val(m, i, 8));
		sbuf_puts(&rows, ", ");
		ph_money(&rows, m, mreq_val(m, i, 9));
		sbuf_printf(&rows, " <span class=\"note\">(%s ",
		    mreq_val(m, i, 12));
		html_escape(&rows, i18n_get(m->lang, "padm.indicators_n"));
		sbuf_puts(&rows, ")</span></li>");
	}
	if (*last != '\0')
		sbuf_puts(&rows, "</ul></td></tr>\n");
	staff_tmpl_init(&t, m);
	for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		tmpl_set(&t, keys[k], form_value(m, "project.create",
		    fields[k], ""));
	}
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "empty", mreq_rows(m) == 0 ? "" : " hidden");
	(void)padm_page(req, m, &t, TMPL_PROJ_LIST,
	    i18n_get(m->lang, "padm.projects.title"));
	sbuf_free(&rows);
	sbuf_free(&notice);
	return (MREQ_DONE);
}

/* /projets/ID ----------------------------------------------------------- */

static int
project_start(struct http_request *req, struct mreq *m)
{
	path_id(m->ctx, req->path);
	return (padm_start(req, m, PADM_PROJECT, project_query));
}

static int
project_query(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;

	(void)req;
	return (mreq_query(m, SQL_PROJ_PAGE, project_render, 2,
	    m->sess->org_id, p->id));
}

static const char *const stages[] = { "resources", "activities", "outputs",
    "outcomes", "impact" };
static const char *const stage_keys[] = { "chain_resources",
    "chain_activities", "chain_outputs", "chain_outcomes", "chain_impact" };
static const char *const ms_status[] = { "planned", "in_progress", "done",
    "late", "cancelled" };

/* A select of words, labels "prefix.word", the selected one marked. */
static void
word_select(struct sbuf *o, struct mreq *m, const char *name, const char *id,
    const char *prefix, const char *const *words, size_t n, const char *sel)
{
	char	key[64];
	size_t	i;

	sbuf_printf(o, "<select name=\"%s\" id=\"%s\">", name, id);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%s.%s", prefix, words[i]);
		ph_option(o, words[i], i18n_get(m->lang, key),
		    strcmp(words[i], sel) == 0);
	}
	sbuf_puts(o, "</select>");
}

static void
render_convention(struct sbuf *o, struct mreq *m, int i)
{
	sbuf_printf(o, "<tr><th scope=\"row\"><a href=\"/conventions/%s\">",
	    mreq_val(m, i, 1));
	html_escape(o, mreq_val(m, i, 2));
	sbuf_puts(o, "</a><br><span class=\"note\">");
	html_escape(o, mreq_val(m, i, 3));
	sbuf_puts(o, "</span></th>");
	ph_cell(o, mreq_val(m, i, 4));
	sbuf_puts(o, "<td class=\"num\">");
	ph_money(o, m, mreq_val(m, i, 5));
	sbuf_puts(o, "</td><td>");
	ph_date(o, m, mreq_val(m, i, 6));
	sbuf_puts(o, " → ");
	ph_date(o, m, mreq_val(m, i, 7));
	sbuf_puts(o, "</td>");
	ph_cell(o, mreq_val(m, i, 8));
	sbuf_puts(o, "</tr>\n");
}

/* An indicator's name in the person's language: the English one is
 * optional, the French one is not. */
static const char *
indicator_label(struct mreq *m, int i, int fr, int en)
{
	if (m->lang == LANG_EN && !mreq_isnull(m, i, en) &&
	    *mreq_val(m, i, en) != '\0')
		return (mreq_val(m, i, en));
	return (mreq_val(m, i, fr));
}

static void
render_chain_step(struct sbuf *o, struct mreq *m, int i)
{
	struct padm	*p = m->ctx;
	char		 url[48];

	snprintf(url, sizeof(url), "/projets/%s", p->id);
	sbuf_puts(o, "<li>");
	html_escape(o, mreq_val(m, i, 3));
	if (!mreq_isnull(m, i, 5)) {
		sbuf_puts(o, " <span class=\"note\">(");
		html_escape(o, i18n_get(m->lang, "padm.chain.measured"));
		sbuf_puts(o, " ");
		html_escape(o, indicator_label(m, i, 5, 6));
		sbuf_puts(o, ")</span>");
	}
	sbuf_puts(o, " ");
	ph_form_open(o, m, url, "chain.delete", mreq_val(m, i, 1));
	sbuf_puts(o, "<button type=\"submit\" class=\"link\">");
	html_escape(o, i18n_get(m->lang, "padm.delete"));
	sbuf_puts(o, "</button></form></li>\n");
}

/* One of the project's indicators, in the chain form's choice. */
static void
render_indicator_option(struct sbuf *o, struct mreq *m, int i)
{
	sbuf_puts(o, "<option value=\"");
	html_escape(o, mreq_val(m, i, 1));
	sbuf_printf(o, "\"%s>", strcmp(mreq_val(m, i, 1),
	    form_value(m, "chain.add", "indicateur", "")) == 0 ?
	    " selected" : "");
	html_escape(o, indicator_label(m, i, 2, 4));
	sbuf_puts(o, " (");
	html_escape(o, mreq_val(m, i, 3));
	sbuf_puts(o, ")</option>");
}

static void
render_milestone(struct sbuf *o, struct mreq *m, int i)
{
	struct padm	*p = m->ctx;
	char		 url[48], fid[48];

	snprintf(url, sizeof(url), "/projets/%s", p->id);
	snprintf(fid, sizeof(fid), "ms-%s", mreq_val(m, i, 1));
	sbuf_puts(o, "<tr><th scope=\"row\">");
	html_escape(o, mreq_val(m, i, 2));
	sbuf_puts(o, "</th><td>");
	ph_date(o, m, mreq_val(m, i, 3));
	sbuf_puts(o, "</td><td>");
	ph_form_open(o, m, url, "milestone.update", mreq_val(m, i, 1));
	sbuf_printf(o, "<label class=\"visually-hidden\" for=\"%s\">", fid);
	html_escape(o, i18n_get(m->lang, "padm.f.statut"));
	sbuf_puts(o, "</label>");
	word_select(o, m, "statut", fid, "padm.ms", ms_status,
	    sizeof(ms_status) / sizeof(ms_status[0]), mreq_val(m, i, 5));
	sbuf_printf(o, " <label for=\"%s-d\">", fid);
	html_escape(o, i18n_get(m->lang, "padm.f.fait_le"));
	sbuf_printf(o, "</label> <input type=\"date\" id=\"%s-d\" "
	    "name=\"fait_le\" value=\"", fid);
	html_escape(o, mreq_val(m, i, 4));
	sbuf_puts(o, "\"> <button type=\"submit\" class=\"secondary\">");
	html_escape(o, i18n_get(m->lang, "padm.update"));
	sbuf_puts(o, "</button></form></td><td>");
	ph_form_open(o, m, url, "milestone.delete", mreq_val(m, i, 1));
	sbuf_puts(o, "<button type=\"submit\" class=\"link\">");
	html_escape(o, i18n_get(m->lang, "padm.delete"));
	sbuf_puts(o, "</button></form></td></tr>\n");
}

/* A budget line with what was spent each quarter (rows j.. tagged spend). */
static void
render_budget(struct sbuf *o, struct mreq *m, int i)
{
	struct padm	*p = m->ctx;
	char		 url[48], fid[48];
	int		 j;

	snprintf(url, sizeof(url), "/projets/%s", p->id);
	snprintf(fid, sizeof(fid), "bl-%s", mreq_val(m, i, 1));
	sbuf_puts(o, "<tr><th scope=\"row\">");
	html_escape(o, mreq_val(m, i, 2));
	sbuf_puts(o, "<br><span class=\"note\">");
	html_escape(o, i18n_get(m->lang, strcmp(mreq_val(m, i, 3),
	    "personnel") == 0 ? "padm.cat.personnel" :
	    strcmp(mreq_val(m, i, 3), "investissement") == 0 ?
	    "padm.cat.investissement" : strcmp(mreq_val(m, i, 3), "autre") ==
	    0 ? "padm.cat.autre" : "padm.cat.fonctionnement"));
	sbuf_puts(o, "</span></th><td class=\"num\">");
	ph_money(o, m, mreq_val(m, i, 4));
	sbuf_puts(o, "</td><td class=\"num\">");
	ph_money(o, m, mreq_val(m, i, 5));
	sbuf_puts(o, "</td><td><ul class=\"plain\">");
	for (j = 0; j < mreq_rows(m); j++) {
		if (strcmp(mreq_val(m, j, 0), "spend") != 0 ||
		    strcmp(mreq_val(m, j, 1), mreq_val(m, i, 1)) != 0)
			continue;
		sbuf_puts(o, "<li>");
		ph_quarter(o, m, mreq_val(m, j, 2));
		sbuf_puts(o, " : ");
		ph_money(o, m, mreq_val(m, j, 3));
		sbuf_puts(o, "</li>");
	}
	sbuf_puts(o, "</ul>");
	ph_form_open(o, m, url, "budget.spend", mreq_val(m, i, 1));
	sbuf_printf(o, "<label for=\"%s-q\">", fid);
	html_escape(o, i18n_get(m->lang, "padm.f.trimestre"));
	sbuf_printf(o, "</label> <input type=\"text\" id=\"%s-q\" name=\"trimestre\" "
	    "size=\"7\" placeholder=\"2026-T3\" pattern=\"[0-9]{4}-[TQ][1-4]\" "
	    "required> <label for=\"%s-s\">", fid, fid);
	html_escape(o, i18n_get(m->lang, "padm.f.depense"));
	sbuf_printf(o, "</label> <input type=\"text\" id=\"%s-s\" name=\"depense\" "
	    "size=\"9\" inputmode=\"decimal\"> "
	    "<button type=\"submit\" class=\"secondary\">", fid);
	html_escape(o, i18n_get(m->lang, "padm.record"));
	sbuf_puts(o, "</button></form></td><td>");
	ph_form_open(o, m, url, "budget.delete", mreq_val(m, i, 1));
	sbuf_puts(o, "<button type=\"submit\" class=\"link\">");
	html_escape(o, i18n_get(m->lang, "padm.delete"));
	sbuf_puts(o, "</button></form></td></tr>\n");
}

static int
project_render(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;
	struct tmpl	 t;
	struct sbuf	 notice, convs, chain[5], ms, budget, funders, stagesel;
	struct sbuf	 mssel, convform, indsel;
	const char	*tag, *cv[6];
	char		 dash[96], url[48];
	int		 i, prow = -1;
	size_t		 s;

	if (m->failed)
		return (mreq_error(req, m));
	for (i = 0; i < mreq_rows(m); i++)
		if (strcmp(mreq_val(m, i, 0), "project") == 0)
			prow = i;
	if (prow < 0) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	sbuf_init(&notice);
	sbuf_init(&convs);
	sbuf_init(&ms);
	sbuf_init(&budget);
	sbuf_init(&funders);
	sbuf_init(&stagesel);
	sbuf_init(&mssel);
	sbuf_init(&convform);
	sbuf_init(&indsel);
	for (s = 0; s < 5; s++)
		sbuf_init(&chain[s]);
	padm_notice(&notice, m);
	ph_option(&indsel, "", i18n_get(m->lang, "padm.chain.no_indicator"),
	    0);
	for (i = 0; i < mreq_rows(m); i++) {
		tag = mreq_val(m, i, 0);
		if (strcmp(tag, "convention") == 0)
			render_convention(&convs, m, i);
		else if (strcmp(tag, "milestone") == 0)
			render_milestone(&ms, m, i);
		else if (strcmp(tag, "budget") == 0)
			render_budget(&budget, m, i);
		else if (strcmp(tag, "funder") == 0)
			ph_option(&funders, mreq_val(m, i, 1),
			    mreq_val(m, i, 2), strcmp(mreq_val(m, i, 1),
			    form_value(m, "convention.create", "financeur",
			    "")) == 0);
		else if (strcmp(tag, "indicator") == 0)
			render_indicator_option(&indsel, m, i);
		else if (strcmp(tag, "chain") == 0) {
			for (s = 0; s < 5; s++)
				if (strcmp(mreq_val(m, i, 2), stages[s]) == 0)
					render_chain_step(&chain[s], m, i);
		}
	}
	word_select(&stagesel, m, "etape", "etape", "padm.stage", stages, 5,
	    form_value(m, "chain.add", "etape", "activities"));
	word_select(&mssel, m, "statut", "ms-statut", "padm.ms", ms_status,
	    5, form_value(m, "milestone.add", "statut", "planned"));
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "id", p->id);
	tmpl_set(&t, "code", mreq_val(m, prow, 2));
	tmpl_set(&t, "v_nom", form_value(m, "project.update", "nom",
	    mreq_val(m, prow, 3)));
	tmpl_set(&t, "v_resume", form_value(m, "project.update", "resume",
	    mreq_val(m, prow, 4)));
	tmpl_set(&t, "v_public", form_value(m, "project.update", "public",
	    mreq_val(m, prow, 5)));
	tmpl_set(&t, "v_debut", form_value(m, "project.update", "debut",
	    mreq_val(m, prow, 6)));
	tmpl_set(&t, "v_fin", form_value(m, "project.update", "fin",
	    mreq_val(m, prow, 7)));
	cv[0] = form_value(m, "convention.create", "reference", "");
	cv[1] = form_value(m, "convention.create", "titre", "");
	cv[2] = form_value(m, "convention.create", "montant", "");
	cv[3] = form_value(m, "convention.create", "debut", "");
	cv[4] = form_value(m, "convention.create", "fin", "");
	cv[5] = form_value(m, "convention.create", "signature", "");
	snprintf(url, sizeof(url), "/projets/%s", p->id);
	ph_convention_form(&convform, m, url, "convention.create",
	    funders.data != NULL ? funders.data : "", cv,
	    i18n_get(m->lang, "padm.create"));
	tmpl_set(&t, "k_libelle", form_value(m, "chain.add", "libelle", ""));
	tmpl_set(&t, "m_libelle", form_value(m, "milestone.add", "libelle",
	    ""));
	tmpl_set(&t, "m_prevu", form_value(m, "milestone.add", "prevu_le",
	    ""));
	tmpl_set(&t, "b_libelle", form_value(m, "budget.add", "libelle", ""));
	tmpl_set(&t, "b_prevu", form_value(m, "budget.add", "prevu", ""));
	snprintf(dash, sizeof(dash), "%s|", mreq_val(m, prow, 2));
	tmpl_set(&t, "dashboard", dash);
	/* Raw: escaped rows built above. */
	for (s = 0; s < 5; s++)
		tmpl_set_raw(&t, stage_keys[s], chain[s].data);
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "conventions", convs.data);
	tmpl_set_raw(&t, "milestones", ms.data);
	tmpl_set_raw(&t, "budget", budget.data);
	tmpl_set_raw(&t, "conv_form", convform.data);
	tmpl_set_raw(&t, "stage_select", stagesel.data);
	tmpl_set_raw(&t, "status_select", mssel.data);
	tmpl_set_raw(&t, "indicator_options", indsel.data);
	(void)padm_page(req, m, &t, TMPL_PROJ_PAGE, mreq_val(m, prow, 3));
	sbuf_free(&notice);
	sbuf_free(&convs);
	sbuf_free(&ms);
	sbuf_free(&budget);
	sbuf_free(&funders);
	sbuf_free(&stagesel);
	sbuf_free(&mssel);
	sbuf_free(&convform);
	sbuf_free(&indsel);
	for (s = 0; s < 5; s++)
		sbuf_free(&chain[s]);
	return (MREQ_DONE);
}

/* /financeurs ----------------------------------------------------------- */

static const char *const funder_kinds[] = { "foundation", "caf", "city",
    "state", "other" };

static int
funders_start(struct http_request *req, struct mreq *m)
{
	return (padm_start(req, m, PADM_FUNDERS, funders_query));
}

static int
funders_query(struct http_request *req, struct mreq *m)
{
	(void)req;
	return (mreq_query(m, SQL_FUNDER_LIST, funders_render, 1,
	    m->sess->org_id));
}

static int
funders_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t;
	struct sbuf	 rows, notice, kinds;
	char		 key[48], fid[32];
	int		 i;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	sbuf_init(&notice);
	sbuf_init(&kinds);
	padm_notice(&notice, m);
	for (i = 0; i < mreq_rows(m); i++) {
		snprintf(fid, sizeof(fid), "f-%s", mreq_val(m, i, 0));
		snprintf(key, sizeof(key), "padm.funder.%s", mreq_val(m, i, 2));
		sbuf_puts(&rows, "<tr><th scope=\"row\">");
		html_escape(&rows, mreq_val(m, i, 1));
		sbuf_puts(&rows, "</th>");
		ph_cell(&rows, i18n_get(m->lang, key));
		ph_cell(&rows, mreq_val(m, i, 3));
		sbuf_puts(&rows, "<td>");
		if (strcmp(mreq_val(m, i, 4), "t") == 0) {
			ph_form_open(&rows, m, "/financeurs", "funder.update",
			    mreq_val(m, i, 0));
			sbuf_printf(&rows, "<label class=\"visually-hidden\" "
			    "for=\"%s\">", fid);
			html_escape(&rows, i18n_get(m->lang, "padm.f.nom"));
			sbuf_printf(&rows, "</label><input type=\"text\" id=\"%s\" "
			    "name=\"nom\" maxlength=\"200\" required value=\"",
			    fid);
			html_escape(&rows, mreq_val(m, i, 1));
			sbuf_printf(&rows, "\"> <label class=\"visually-hidden\" "
			    "for=\"%s-k\">", fid);
			html_escape(&rows, i18n_get(m->lang, "padm.f.nature"));
			sbuf_puts(&rows, "</label>");
			snprintf(fid + strlen(fid), sizeof(fid) - strlen(fid),
			    "-k");
			word_select(&rows, m, "nature", fid, "padm.funder",
			    funder_kinds, 5, mreq_val(m, i, 2));
			sbuf_puts(&rows, " <button type=\"submit\" "
			    "class=\"secondary\">");
			html_escape(&rows, i18n_get(m->lang, "padm.update"));
			sbuf_puts(&rows, "</button></form>");
		} else
			html_escape(&rows, i18n_get(m->lang,
			    "padm.funder.shared"));
		sbuf_puts(&rows, "</td></tr>\n");
	}
	word_select(&kinds, m, "nature", "nature", "padm.funder", funder_kinds,
	    5, form_value(m, "funder.create", "nature", "foundation"));
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "v_nom", form_value(m, "funder.create", "nom", ""));
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "kinds", kinds.data);
	(void)padm_page(req, m, &t, TMPL_FUNDER_LIST,
	    i18n_get(m->lang, "padm.funders.title"));
	sbuf_free(&rows);
	sbuf_free(&notice);
	sbuf_free(&kinds);
	return (MREQ_DONE);
}
