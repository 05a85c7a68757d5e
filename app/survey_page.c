/*
 * survey_page – the pages the respondent's routes answer with, built from
 * the request's context (app/survey_page.h):
 *
 *   GET, POST /s/{survey}/{site}, /r/{code}   the form: blank (cached per
 *                                             worker) or refilled with the
 *                                             posted answers and errors
 *   GET  /s/{survey}/{site}/merci             thank-you page
 *   GET  /confidentialite                     what happens to the answers
 *
 * The state machines that decide which page to send are app/survey.c
 * and app/survey_invite.c; the HTML is app/survey_render.c's.
 */
#include <string.h>

#include "app.h"
#include "html.h"
#include "respond.h"
#include "survey.h"
#include "survey_page.h"

static int	 sv_blank_page(struct http_request *, struct mreq *);
static void	 sv_back_link(struct http_request *, enum lang, char *, size_t);

/*
 * The survey form with status: a new response id for a GET, the posted
 * one (and the posted answers, with their errors) otherwise. banner is a
 * message key shown above the form (alert: an error), or NULL.
 */
int
sv_form_page(struct http_request *req, struct mreq *m, int status,
    const char *banner, int alert)
{
	struct sv_ctx	*c = m->ctx;
	struct sv_page	 p;
	struct sv_frame	 f;
	struct sbuf	 body;
	char		 id[SURVEY_UUID_LEN + 1], action[160], title[300];

	memset(&p, 0, sizeof(p));
	if (c->kind == SVX_FORM && !c->have_form && status == 200)
		return (sv_blank_page(req, m));
	if (c->have_form && c->sub.id[0] != '\0')
		(void)snprintf(id, sizeof(id), "%s", c->sub.id);
	else if (c->have_form &&
	    survey_uuid_norm(form_get(&c->form, "_id"), id) == 0)
		;
	else if (survey_uuid_new(id) == -1) {
		respond_error(req, 500, c->lang, "error.internal");
		return (MREQ_DONE);
	}
	if (c->kind == SVX_INVITE)
		(void)snprintf(action, sizeof(action), "/r/%s?lang=%s", c->code,
		    lang_code[c->lang]);
	else
		(void)snprintf(action, sizeof(action), "%s?lang=%s", c->path,
		    lang_code[c->lang]);
	p.s = c->sv != NULL ? c->sv : c->s;
	p.li = c->li;
	p.lang = c->lang;
	p.ref = &c->ref;
	p.action = action;
	p.self = c->path;
	p.id = id;
	p.result = c->have_res ? &c->res : NULL;
	p.banner = banner;
	p.banner_alert = alert;
	p.code = c->kind == SVX_INVITE ? c->code : NULL;
	if (c->have_form) {
		const char *k = form_get(&c->form, "_kiosk");

		p.kiosk = (k != NULL && strcmp(k, "1") == 0);
	}
	sbuf_init(&body);
	if (sv_render_form(&body, &p) == -1) {
		sbuf_free(&body);
		respond_error(req, 500, c->lang, "error.internal");
		return (MREQ_DONE);
	}
	sv_ctx_frame(c, &f);
	f.script = 1;
	if (status != 200) {
		/* "Erreur : …" first in the title, as screen readers read it. */
		(void)sv_msg(title, sizeof(title), c->lang, "survey.title_error",
		    f.title, NULL);
		f.title = title;
	}
	(void)sv_send(req, status, &f, body.data);
	sbuf_free(&body);
	return (MREQ_DONE);
}

/*
 * GET of a survey: the blank page, from this worker's cache when it has
 * it (survey_render.c, sv_blank_*), with a new response id.
 */
static int
sv_blank_page(struct http_request *req, struct mreq *m)
{
	struct sv_ctx		*c = m->ctx;
	const struct sv_blank	*b;
	struct sv_blank		 nb;
	struct sv_page		 p;
	struct sv_frame		 f;
	struct sbuf		 body, page;
	char			 id[SURVEY_UUID_LEN + 1], action[160];

	if (survey_uuid_new(id) == -1) {
		respond_error(req, 500, c->lang, "error.internal");
		return (MREQ_DONE);
	}
	if ((b = svc_blank_get(&c->ref, c->lang)) != NULL) {
		sv_blank_send(req, b, id);
		return (MREQ_DONE);
	}
	memset(&p, 0, sizeof(p));
	p.s = c->s;
	p.li = c->li;
	p.lang = c->lang;
	p.ref = &c->ref;
	(void)snprintf(action, sizeof(action), "%s?lang=%s", c->path,
	    lang_code[c->lang]);
	p.action = action;
	p.self = c->path;
	p.id = SV_ID_MARK;
	sbuf_init(&body);
	sbuf_init(&page);
	sv_ctx_frame(c, &f);
	f.script = 1;
	if (sv_render_form(&body, &p) == -1 || sv_build(&page, &f, body.data) ==
	    -1 || sv_blank_make(&nb, &page) == -1) {
		respond_error(req, 500, c->lang, "error.internal");
	} else {
		b = svc_blank_put(&c->ref, c->lang, &nb);
		sv_blank_send(req, b, id);
	}
	sbuf_free(&body);
	sbuf_free(&page);
	return (MREQ_DONE);
}

int
sv_thanks_page(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	struct sv_frame	 f;
	struct sbuf	 body, next;
	char		 kiosk[8], href[128];
	int		 is_kiosk;

	is_kiosk = req->query_string != NULL &&
	    qs_get(req->query_string, "kiosk", kiosk, sizeof(kiosk)) &&
	    strcmp(kiosk, "1") == 0;
	sbuf_init(&body);
	sbuf_init(&next);
	if (is_kiosk) {
		(void)snprintf(href, sizeof(href), "/kiosk/%s",
		    c->ref.site_code);
		sbuf_puts(&next, "<p><a class=\"button big\" href=\"");
		html_escape(&next, href);
		sbuf_puts(&next, "\">");
		html_escape(&next, i18n_get(c->lang, "kiosk.next_person"));
		sbuf_puts(&next, "</a></p>\n");
	} else {
		sbuf_puts(&next, "<p><a class=\"button\" href=\"/\">");
		html_escape(&next, i18n_get(c->lang, "survey.home"));
		sbuf_puts(&next, "</a></p>\n");
	}
	if (sv_render_thanks(&body, c->lang, c->s, c->li,
	    "survey.thanks_saved", next.data) == -1) {
		respond_error(req, 500, c->lang, "error.internal");
	} else {
		sv_ctx_frame(c, &f);
		f.cache = CACHE_REVALIDATE;
		(void)snprintf(c->path, sizeof(c->path), "/s/%s/%s/merci%s",
		    c->survey, c->site, is_kiosk ? "?kiosk=1" : "");
		f.self = c->path;
		(void)sv_send(req, 200, &f, body.data);
	}
	sbuf_free(&body);
	sbuf_free(&next);
	return (MREQ_DONE);
}

/*
 * Where the privacy page's "back" button goes: the survey the person came
 * from (the Referer, if it is one of our respondent's pages), else home.
 */
static void
sv_back_link(struct http_request *req, enum lang l, char *out, size_t outsz)
{
	const char	*ref = req->referer, *p;
	size_t		 n;

	(void)snprintf(out, outsz, "/?lang=%s", lang_code[l]);
	if (ref == NULL || (p = strstr(ref, "://")) == NULL ||
	    (p = strchr(p + 3, '/')) == NULL)
		return;
	n = strcspn(p, "?#");
	if (n >= outsz - 16 || strspn(p, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-") < n)
		return;
	if (strncmp(p, "/s/", 3) != 0 && strncmp(p, "/r/", 3) != 0 &&
	    strncmp(p, "/kiosk/", 7) != 0)
		return;
	(void)snprintf(out, outsz, "%.*s?lang=%s", (int)n, p, lang_code[l]);
}

/* GET /confidentialite – what is collected, why, for how long. */
int
page_privacy(struct http_request *req)
{
	enum lang	 l = request_lang(req);
	struct tmpl	 t;
	struct sbuf	 body;
	struct sv_frame	 f;
	char		 back[160];

	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_error(req, 405, l, "error.method");
		return (KORE_RESULT_OK);
	}
	sv_back_link(req, l, back, sizeof(back));
	sbuf_init(&body);
	tmpl_init(&t, l);
	tmpl_set(&t, "back", back);
	if (tmpl_render(&body, TMPL_SURVEY_PRIVACY, &t) == -1) {
		respond_error(req, 500, l, "error.internal");
	} else {
		sv_frame_init(&f, l);
		f.title = i18n_get(l, "privacy.title");
		f.self = "/confidentialite";
		f.cache = CACHE_REVALIDATE;
		(void)sv_send(req, 200, &f, body.data);
	}
	sbuf_free(&body);
	return (KORE_RESULT_OK);
}
