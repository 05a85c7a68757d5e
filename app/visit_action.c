/*
 * visit_action – what comes after a visit is saved (issue #5):
 *
 *	GET /visites/{id}/suite			saved: what next (survey, card)
 *	POST /visites/{id}/enquete		the tablet to the person: the
 *						satisfaction survey, /r/{code}
 *	POST /visites/{id}/carte		a follow-up card to print or show
 *	POST /visites/{id}/supprimer		delete a visit made by mistake
 *
 * Rights and the handing over are as in visit.c's opening comment; the
 * state (struct vctx) and the invitation are shared with it through
 * visit_page.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "json.h"
#include "survey.h"
#include "survey_card.h"
#include "survey_def.h"
#include "visit_app.h"
#include "visit_page.h"

static int	action_start(struct http_request *, struct mreq *);
static int	action_visit(struct http_request *, struct mreq *);
static int	action_invited(struct http_request *, struct mreq *);
static int	action_deleted(struct http_request *, struct mreq *);
static int	suite_render(struct http_request *, struct mreq *);
static int	card_render(struct http_request *, struct mreq *);

static const struct mreq_route action_route = {
	.name = "visit_action",
	.start = action_start,
	.ctx_size = sizeof(struct vctx),
	.ctx_free = visit_ctx_free,
	.roles = ROLE_MEDIATOR | ROLE_COORDINATOR | ROLE_ADMIN,
};


int
page_visit_action(struct http_request *req)
{
	return (mreq_run(req, &action_route));
}

/* After saving: suite, enquete, carte, supprimer -------------------------- */

static int
action_start(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	const char	*verb;

	vform_init(&c->f);
	if (visit_id_from_path(req->path, c->f.id, sizeof(c->f.id)) == -1 ||
	    (verb = strrchr(req->path, '/')) == NULL) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	verb++;
	if (strcmp(verb, "suite") == 0) {
		c->action = VX_SUITE;
		if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
			return (MREQ_DONE);
	} else {
		if (!mreq_method_allowed(req, m, HTTP_METHOD_POST))
			return (MREQ_DONE);
		c->action = strcmp(verb, "enquete") == 0 ? VX_SURVEY :
		    strcmp(verb, "carte") == 0 ? VX_CARD : VX_DELETE;
	}
	if (c->action == VX_DELETE)
		return (mreq_query(m, SQL_VISIT_DELETE, action_deleted, 5,
		    m->sess->org_id, m->sess->user_id, c->f.id,
		    m->sess->email, m->client_ip[0] ? m->client_ip : NULL));
	if (c->action == VX_SURVEY)
		return (visit_invitation(req, m, c->f.id, "satisfaction",
		    "kiosk", action_invited));
	return (mreq_query(m, SQL_VISIT_GET, action_visit, 3, m->sess->org_id,
	    m->sess->user_id, c->f.id));
}

/* The visit, for the "what next" page and the card. */
static int
action_visit(struct http_request *req, struct mreq *m)
{
	struct vctx		*c = m->ctx;
	struct json_doc		 d;
	const struct json	*j;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	if (strcmp(mreq_val(m, 0, 0), "ok") != 0)
		return (visit_forbidden(req, m));
	memset(&d, 0, sizeof(d));
	if (json_parse(&d, mreq_val(m, 0, 1), strlen(mreq_val(m, 0, 1))) == 0) {
		if ((j = json_get(d.root, "pseudonym")) != NULL &&
		    j->type == JSON_STRING)
			kore_strlcpy(c->pseudonym, j->str, sizeof(c->pseudonym));
		if ((j = json_get(d.root, "first_visit")) != NULL)
			c->first_visit = j->type == JSON_TRUE;
	}
	json_free(&d);
	kore_strlcpy(c->site_name, mreq_val(m, 0, 6), sizeof(c->site_name));
	kore_strlcpy(c->domains[0], mreq_val(m, 0, 7), sizeof(c->domains[0]));
	kore_strlcpy(c->domains[1], mreq_val(m, 0, 8), sizeof(c->domains[1]));
	kore_strlcpy(c->help[0], mreq_val(m, 0, 9), sizeof(c->help[0]));
	kore_strlcpy(c->help[1], mreq_val(m, 0, 10), sizeof(c->help[1]));
	kore_strlcpy(c->when, mreq_val(m, 0, 11), sizeof(c->when));
	if (c->action == VX_SUITE)
		return (suite_render(req, m));
	return (visit_invitation(req, m, c->f.id, "resultats", "card",
	    action_invited));
}

static int
action_invited(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	char		 loc[96];

	if (m->failed) {
		if (strcmp(m->sqlstate, "42501") == 0)
			return (visit_forbidden(req, m));
		return (mreq_error(req, m));
	}
	if (mreq_rows(m) != 1) {
		/* The visit is not of the organisation, or no such survey. */
		respond_error(req, 404, m->lang, "visit.err.no_survey");
		return (MREQ_DONE);
	}
	if (c->action == VX_CARD)
		return (card_render(req, m));
	snprintf(loc, sizeof(loc), "/r/%s?lang=%s", c->code,
	    lang_code[m->lang]);
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}

static int
action_deleted(struct http_request *req, struct mreq *m)
{
	if (m->failed) {
		if (strcmp(m->sqlstate, "42501") == 0)
			return (visit_forbidden(req, m));
		return (mreq_error(req, m));
	}
	if (mreq_rows(m) != 1 || mreq_isnull(m, 0, 0)) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	respond_redirect(req, 303, "/visites?supprimee=1");
	return (MREQ_DONE);
}

/*
 * "The visit is saved": what it was, then one tap to hand the tablet over
 * for the satisfaction survey, a follow-up card, a new visit, or a
 * correction. A new person's code is shown big, to copy on their card.
 */
static int
suite_render(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 notice, person;
	char		 when[FRFMT_BUFSZ * 2], flag[8];
	char		 enquete[64], carte[64], edit[48];
	const char	*key = "visit.suite.saved";
	int		 is_new_person = 0;

	sbuf_init(&notice);
	sbuf_init(&person);
	if (req->query_string != NULL) {
		if (qs_get(req->query_string, "corrigee", flag, sizeof(flag)))
			key = "visit.suite.corrected";
		if (qs_get(req->query_string, "personne", flag, sizeof(flag)))
			is_new_person = 1;
		if (qs_get(req->query_string, "sans", flag, sizeof(flag)))
			key = "visit.suite.no_survey";
	}
	staff_notice(&notice, strcmp(key, "visit.suite.no_survey") == 0 ?
	    "error" : "ok", i18n_get(m->lang, key));
	if (c->pseudonym[0] != '\0') {
		sbuf_puts(&person, "<div class=\"vperson-code\"><p>");
		html_escape(&person, i18n_get(m->lang, is_new_person ?
		    "visit.suite.new_person" : "visit.suite.person"));
		sbuf_puts(&person, "</p><p class=\"pcode\">");
		html_escape(&person, c->pseudonym);
		sbuf_puts(&person, "</p></div>\n");
	}
	visit_staff_time(when, sizeof(when), m->lang, c->when);
	snprintf(enquete, sizeof(enquete), "/visites/%s/enquete", c->f.id);
	snprintf(carte, sizeof(carte), "/visites/%s/carte", c->f.id);
	snprintf(edit, sizeof(edit), "/visites/%s", c->f.id);
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "site", c->site_name);
	tmpl_set(&t, "when", when);
	tmpl_set(&t, "domains", c->domains[m->lang == LANG_EN]);
	tmpl_set(&t, "help", c->help[m->lang == LANG_EN]);
	tmpl_set(&t, "enquete", enquete);
	tmpl_set(&t, "carte", carte);
	tmpl_set(&t, "edit", edit);
	/* Raw: built above with staff_notice() and html_escape(). */
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "person", person.data);
	(void)staff_page(req, m, 200, &t, TMPL_VISIT_SUITE,
	    i18n_get(m->lang, key));
	sbuf_free(&notice);
	sbuf_free(&person);
	return (MREQ_DONE);
}

/*
 * The follow-up card (resultats survey), to print or to show so that the
 * person scans it with their own phone; with the person's own card
 * (their code, to bring next time) on its own page when the visit names
 * one – the two are never linked in the database.
 */
static int
card_render(struct http_request *req, struct mreq *m)
{
	struct vctx		*c = m->ctx;
	struct survey_card	 card;
	struct sbuf		 cards, page, nav;
	struct tmpl		 t;
	char			 base[160], back[64];

	svc_public_base(req, base, sizeof(base));
	memset(&card, 0, sizeof(card));
	card.lang = m->lang;
	card.base = base;
	card.code = c->code;
	card.site_name = mreq_val(m, 0, 3);
	card.site_phone = mreq_val(m, 0, 4);
	card.until = mreq_val(m, 0, 1);
	sbuf_init(&cards);
	sbuf_init(&page);
	sbuf_init(&nav);
	snprintf(back, sizeof(back), "/visites/%s/suite", c->f.id);
	sbuf_puts(&nav, "<nav class=\"noprint\"><p><button type=\"button\" "
	    "data-print>");
	html_escape(&nav, i18n_get(m->lang, "card.print"));
	sbuf_puts(&nav, "</button> <a class=\"button secondary\" href=\"");
	html_escape(&nav, back);
	sbuf_puts(&nav, "\">");
	html_escape(&nav, i18n_get(m->lang, "visit.card.back"));
	sbuf_puts(&nav, "</a></p><p>");
	html_escape(&nav, i18n_get(m->lang, "visit.card.show"));
	sbuf_puts(&nav, "</p></nav>\n");
	if (survey_card_render(&cards, &card) == -1)
		goto fail;
	if (c->pseudonym[0] != '\0') {
		tmpl_init(&t, m->lang);
		tmpl_set(&t, "lang", lang_code[m->lang]);
		tmpl_set(&t, "site", card.site_name);
		tmpl_set(&t, "code", c->pseudonym);
		tmpl_set(&t, "contact", card.site_phone);
		if (tmpl_render(&cards, TMPL_VISIT_CARD_PERSON, &t) == -1)
			goto fail;
	}
	if (survey_card_sheet(&page, m->lang, "/assets/css/card.css",
	    cards.data, nav.data, 1) == -1)
		goto fail;
	/* The code is on this page only: never kept by a cache. */
	respond(req, 200, "text/html; charset=utf-8", page.data, page.len,
	    CACHE_NO_STORE);
	goto out;
fail:
	respond_error(req, 500, m->lang, "error.internal");
out:
	sbuf_free(&cards);
	sbuf_free(&page);
	sbuf_free(&nav);
	return (MREQ_DONE);
}
