/*
 * card – what is printed to bring people to a survey:
 *
 *   GET /qr/{survey}/{site}.svg    the QR code of the survey's link
 *   GET /qr/{survey}/{site}.png    the same as a PNG (?size=1..32 pixels
 *                                  a module, default 8)
 *   GET /affiche/{survey}/{site}   an A4 poster: the QR code, the link
 *                                  to type, in French and English
 *
 * The link is PUBLIC_BASE/s/{survey}/{site} (svc_public_base: the
 * MESURE_PUBLIC_URL setting, else the request's host). Only surveys
 * actually offered at the site get a code. The follow-up card with its
 * one-time code is rendered by app/core/survey_card.c (kiosk.c, and
 * mesure-admin invitation-cards).
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "qr.h"
#include "respond.h"
#include "survey.h"
#include "survey_card.h"

enum card_what {
	CARD_SVG,
	CARD_PNG,
	CARD_POSTER
};

struct card_ctx {
	enum card_what	 what;
	char		 survey[SV_SLUG_MAX + 1];
	char		 site[SV_SLUG_MAX + 1];
	struct sv_ref	 ref;
	struct survey	*s;
	int		 s_owned;
};

static void	card_ctx_free(void *);
static int	card_start(struct http_request *, struct mreq *);
static int	card_looked_up(struct http_request *, struct mreq *);
static int	card_send(struct http_request *, struct mreq *);

static const struct mreq_route card_route = {
	.name = "qr",
	.start = card_start,
	.ctx_size = sizeof(struct card_ctx),
	.ctx_free = card_ctx_free,
};

int
page_qr(struct http_request *req)
{
	return (mreq_run(req, &card_route));
}

int
page_poster(struct http_request *req)
{
	return (mreq_run(req, &card_route));
}

static void
card_ctx_free(void *p)
{
	struct card_ctx	*c = p;

	if (c->s_owned && c->s != NULL)
		survey_free(c->s);
	c->s = NULL;
}

static int
card_start(struct http_request *req, struct mreq *m)
{
	struct card_ctx	*c = m->ctx;
	int		 hit;

	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_error(req, 405, m->lang, "error.method");
		return (MREQ_DONE);
	}
	if (svc_path_slugs(req->path, "/qr/", c->survey, c->site, ".svg"))
		c->what = CARD_SVG;
	else if (svc_path_slugs(req->path, "/qr/", c->survey, c->site, ".png"))
		c->what = CARD_PNG;
	else if (svc_path_slugs(req->path, "/affiche/", c->survey, c->site,
	    ""))
		c->what = CARD_POSTER;
	else {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	hit = svc_ref_get(c->survey, c->site, &c->ref, &c->s);
	if (hit == 1)
		return (card_send(req, m));
	if (hit == 0) {
		respond_error(req, 404, m->lang, "survey.not_found");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_SURVEY_LOOKUP, card_looked_up, 2, c->survey,
	    c->site));
}

static int
card_looked_up(struct http_request *req, struct mreq *m)
{
	struct card_ctx	*c = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		svc_ref_absent(c->survey, c->site);
		respond_error(req, 404, m->lang, "survey.not_found");
		return (MREQ_DONE);
	}
	c->s = svc_ref_put(c->survey, c->site, m, 0, &c->ref, &c->s_owned);
	if (c->s == NULL) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	return (card_send(req, m));
}

static int
card_send(struct http_request *req, struct mreq *m)
{
	struct card_ctx	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 out, qr;
	char		 base[160], url[320], shortl[320], size[8];
	char		 label[400], fr_facts[200], en_facts[200], minutes[16];
	int		 scale = 8, li;

	svc_public_base(req, base, sizeof(base));
	(void)snprintf(url, sizeof(url), "%s/s/%s/%s", base, c->ref.survey_code,
	    c->ref.site_code);
	sbuf_init(&out);
	sbuf_init(&qr);
	switch (c->what) {
	case CARD_SVG:
		(void)snprintf(label, sizeof(label), "%s %s",
		    i18n_get(m->lang, "card.qr_label"), url);
		if (qr_svg(&out, url, label) == -1)
			goto fail;
		respond(req, 200, "image/svg+xml; charset=utf-8", out.data,
		    out.len, CACHE_REVALIDATE);
		break;
	case CARD_PNG:
		if (req->query_string != NULL &&
		    qs_get(req->query_string, "size", size, sizeof(size)))
			scale = atoi(size);
		if (scale < 1 || scale > 32) {
			respond_error(req, 400, m->lang, "error.bad_request");
			goto done;
		}
		if (qr_png(&out, url, scale) == -1)
			goto fail;
		respond(req, 200, "image/png", out.data, out.len,
		    CACHE_REVALIDATE);
		break;
	case CARD_POSTER:
		li = survey_lang_index(c->s, "fr");
		(void)snprintf(label, sizeof(label), "%s %s",
		    i18n_get(LANG_FR, "card.qr_label"), url);
		if (qr_svg(&qr, url, label) == -1)
			goto fail;
		(void)snprintf(shortl, sizeof(shortl), "%s", url +
		    (strstr(url, "://") != NULL ? strstr(url, "://") - url + 3 :
		    0));
		(void)snprintf(minutes, sizeof(minutes), "%d",
		    survey_duration(c->s));
		(void)sv_msg(fr_facts, sizeof(fr_facts), LANG_FR,
		    "card.poster_facts", minutes, NULL);
		(void)sv_msg(en_facts, sizeof(en_facts), LANG_EN,
		    "card.poster_facts", minutes, NULL);
		tmpl_init(&t, LANG_FR);
		tmpl_set(&t, "title", survey_text_get(c->s, &c->s->title,
		    li >= 0 ? li : 0));
		tmpl_set(&t, "site", c->ref.site_name);
		tmpl_set(&t, "fr_title", i18n_get(LANG_FR, "card.poster_title"));
		tmpl_set(&t, "en_title", i18n_get(LANG_EN, "card.poster_title"));
		tmpl_set(&t, "fr_scan", i18n_get(LANG_FR, "card.poster_scan"));
		tmpl_set(&t, "en_scan", i18n_get(LANG_EN, "card.poster_scan"));
		tmpl_set(&t, "fr_facts", fr_facts);
		tmpl_set(&t, "en_facts", en_facts);
		tmpl_set(&t, "short", shortl);
		/* Raw: the SVG qr_svg() wrote, its label escaped there. */
		tmpl_set_raw(&t, "qr", qr.data);
		if (tmpl_render(&out, TMPL_CARD_POSTER, &t) == -1)
			goto fail;
		respond(req, 200, "text/html; charset=utf-8", out.data, out.len,
		    CACHE_REVALIDATE);
		break;
	}
done:
	sbuf_free(&out);
	sbuf_free(&qr);
	return (MREQ_DONE);
fail:
	respond_error(req, 500, m->lang, "error.internal");
	goto done;
}
