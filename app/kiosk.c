/*
 * kiosk – the reception point's tablet:
 *
 *   GET  /kiosk/{site}                   the survey in kiosk mode
 *   GET  /kiosk/inscription/{code}       enrol this tablet (confirm page)
 *   POST /kiosk/inscription/{code}       … done: device cookie, to the kiosk
 *   POST /kiosk/{site}/carte             a follow-up card to print (staff)
 *   GET  /kiosk/sw.js                    its service worker (offline reload)
 *
 * A tablet is enrolled once by a mediator with a one-time link (for now
 * printed by `mesure-admin kiosk-enrol SITE`; a staff page comes with the
 * accounts work). Enrolment stores a random device token in an HttpOnly,
 * SameSite=Strict cookie; the database keeps only its SHA-256
 * (migration 0100, devices). No password is typed on the tablet.
 *
 * The kiosk page is the survey form plus the controls of
 * assets/js/survey.js (kiosk_bar.html): answers are queued on the
 * tablet and sent through the API with their ids, so an outage loses
 * nothing and doubles nothing; the page resets after each person and
 * after an idle minute and a half; a staff PIN, checked on the tablet,
 * opens the staff panel (waiting answers, a follow-up card, leaving).
 */
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "form.h"
#include "gen_assets.h"
#include "html.h"
#include "respond.h"
#include "survey.h"
#include "survey_card.h"

#define KIOSK_IDLE_SECONDS	"90"
#define KIOSK_COOKIE_AGE	"31536000"
#define KIOSK_CARD_DAYS		"120"

struct kiosk_ctx {
	char		 site[SV_SLUG_MAX + 1];
	char		 survey[SV_SLUG_MAX + 1];
	char		 path[128];
	char		 device[65];
	char		 pin_salt[40];
	char		 pin_hash[72];
	char		 device_name[96];
	char		 enrol_hash[65];
	char		 token[SURVEY_TOKEN_LEN + 1];
	char		 code[SURVEY_CODE_LEN + 1];
	char		 site_name[128];
	char		 site_phone[32];
	struct sv_ref	 ref;
	struct survey	*s;
	int		 s_owned;
	enum lang	 lang;
	int		 li;
};

static void	 kiosk_ctx_free(void *);
static int	 kiosk_start(struct http_request *, struct mreq *);
static int	 kiosk_device_found(struct http_request *, struct mreq *);
static int	 kiosk_looked_up(struct http_request *, struct mreq *);
static int	 kiosk_render(struct http_request *, struct mreq *);
static int	 kiosk_refused(struct http_request *, struct mreq *,
		    const char *, const char *);
static int	 enrol_start(struct http_request *, struct mreq *);
static int	 enrol_info(struct http_request *, struct mreq *);
static int	 enrol_done(struct http_request *, struct mreq *);
static int	 card_start(struct http_request *, struct mreq *);
static int	 card_device_found(struct http_request *, struct mreq *);
static int	 card_created(struct http_request *, struct mreq *);

static const struct mreq_route kiosk_route = {
	.name = "kiosk",
	.start = kiosk_start,
	.ctx_size = sizeof(struct kiosk_ctx),
	.ctx_free = kiosk_ctx_free,
};

static const struct mreq_route enrol_route = {
	.name = "kiosk-enrol",
	.start = enrol_start,
	.ctx_size = sizeof(struct kiosk_ctx),
	.ctx_free = kiosk_ctx_free,
};

static const struct mreq_route card_route = {
	.name = "kiosk-card",
	.start = card_start,
	.ctx_size = sizeof(struct kiosk_ctx),
	.ctx_free = kiosk_ctx_free,
};

int
page_kiosk(struct http_request *req)
{
	return (mreq_run(req, &kiosk_route));
}

int
page_kiosk_enrol(struct http_request *req)
{
	return (mreq_run(req, &enrol_route));
}

int
page_kiosk_card(struct http_request *req)
{
	return (mreq_run(req, &card_route));
}

/*
 * GET /kiosk/sw.js – the kiosk's service worker (assets/js/kiosk-sw.js),
 * served under /kiosk/ so that its scope covers the kiosk pages (a
 * worker's scope is at most its script's directory).
 */
int
page_kiosk_sw(struct http_request *req)
{
	size_t		 i;
	const char	*path = "/assets/js/kiosk-sw.js";

	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_text(req, 405, "method not allowed\n");
		return (KORE_RESULT_OK);
	}
	for (i = 0; i < asset_count; i++) {
		if (strcmp(asset_table[i].path, path) == 0) {
			respond(req, 200, asset_table[i].type,
			    asset_table[i].data, asset_table[i].len,
			    CACHE_REVALIDATE);
			return (KORE_RESULT_OK);
		}
	}
	respond_error(req, 404, request_lang(req), "error.not_found");
	return (KORE_RESULT_OK);
}

static void
kiosk_ctx_free(void *p)
{
	struct kiosk_ctx	*c = p;

	if (c->s_owned && c->s != NULL)
		survey_free(c->s);
	c->s = NULL;
	sodium_memzero(c->token, sizeof(c->token));
}

/* A plain page saying why the kiosk cannot open (403 and the like). */
static int
kiosk_refused(struct http_request *req, struct mreq *m, const char *heading,
    const char *message)
{
	struct kiosk_ctx	*c = m->ctx;
	struct sv_frame		 f;

	sv_frame_init(&f, m->lang);
	f.self = c->path[0] ? c->path : NULL;
	(void)sv_send_message(req, 403, &f, heading, message, NULL);
	return (MREQ_DONE);
}

static int
kiosk_start(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;
	char			 q[SV_SLUG_MAX + 1];

	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_error(req, 405, m->lang, "error.method");
		return (MREQ_DONE);
	}
	if (!svc_path_slugs(req->path, "/kiosk/", c->site, NULL, "")) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	(void)snprintf(c->survey, sizeof(c->survey), "satisfaction");
	if (req->query_string != NULL &&
	    qs_get(req->query_string, "survey", q, sizeof(q)) &&
	    svc_slug_ok(q))
		(void)snprintf(c->survey, sizeof(c->survey), "%s", q);
	(void)snprintf(c->path, sizeof(c->path), "%s", req->path);
	if (!svc_device_token(req, c->device))
		return (kiosk_refused(req, m, "kiosk.not_enrolled_h",
		    "kiosk.not_enrolled"));
	return (mreq_query(m, SQL_KIOSK_DEVICE, kiosk_device_found, 2,
	    c->device, c->site));
}

static int
kiosk_device_found(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;
	int			 hit;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1)
		return (kiosk_refused(req, m, "kiosk.not_enrolled_h",
		    "kiosk.revoked"));
	if (strcmp(mreq_val(m, 0, 6), "t") != 0) {
		/* Enrolled for another site: go there. */
		char	href[64];

		(void)snprintf(href, sizeof(href), "/kiosk/%s",
		    mreq_val(m, 0, 4));
		respond_redirect(req, 303, href);
		return (MREQ_DONE);
	}
	(void)snprintf(c->device_name, sizeof(c->device_name), "%s",
	    mreq_val(m, 0, 1));
	(void)snprintf(c->pin_salt, sizeof(c->pin_salt), "%s",
	    mreq_val(m, 0, 2));
	(void)snprintf(c->pin_hash, sizeof(c->pin_hash), "%s",
	    mreq_val(m, 0, 3));
	hit = svc_ref_get(c->survey, c->site, &c->ref, &c->s);
	if (hit == 1)
		return (kiosk_render(req, m));
	if (hit == 0)
		return (kiosk_refused(req, m, "survey.not_found_h",
		    "survey.not_found"));
	return (mreq_query(m, SQL_SURVEY_LOOKUP, kiosk_looked_up, 2, c->survey,
	    c->site));
}

static int
kiosk_looked_up(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		svc_ref_absent(c->survey, c->site);
		return (kiosk_refused(req, m, "survey.not_found_h",
		    "survey.not_found"));
	}
	c->s = svc_ref_put(c->survey, c->site, m, 0, &c->ref, &c->s_owned);
	if (c->s == NULL) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	return (kiosk_render(req, m));
}

static int
kiosk_render(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;
	struct tmpl		 t;
	struct sv_page		 p;
	struct sv_frame		 f;
	struct sbuf		 bar, body;
	char			 id[SURVEY_UUID_LEN + 1], device[240];

	if ((c->li = svc_lang_pick(req, c->s, &c->lang)) == -1)
		return (kiosk_refused(req, m, "survey.not_found_h",
		    "survey.not_found"));
	if (survey_uuid_new(id) == -1) {
		respond_error(req, 500, c->lang, "error.internal");
		return (MREQ_DONE);
	}
	sbuf_init(&bar);
	sbuf_init(&body);
	(void)snprintf(device, sizeof(device), "%s%s%s", c->ref.site_name,
	    c->device_name[0] ? " – " : "", c->device_name);
	tmpl_init(&t, c->lang);
	tmpl_set(&t, "site", c->ref.site_code);
	tmpl_set(&t, "survey", c->ref.survey_code);
	tmpl_set(&t, "salt", c->pin_salt);
	tmpl_set(&t, "hash", c->pin_hash);
	tmpl_set(&t, "idle", KIOSK_IDLE_SECONDS);
	tmpl_set(&t, "device", device);
	tmpl_set(&t, "lang", lang_code[c->lang]);
	if (tmpl_render(&bar, TMPL_KIOSK_BAR, &t) == -1)
		goto fail;

	memset(&p, 0, sizeof(p));
	p.s = c->s;
	p.li = c->li;
	p.lang = c->lang;
	p.ref = &c->ref;
	p.action = NULL;
	p.id = id;
	p.kiosk = 1;
	p.kiosk_html = bar.data;
	{
		char	action[128];

		(void)snprintf(action, sizeof(action), "/s/%s/%s?lang=%s",
		    c->ref.survey_code, c->ref.site_code, lang_code[c->lang]);
		p.action = action;
		p.self = c->path;
		if (sv_render_form(&body, &p) == -1)
			goto fail;
	}
	sv_frame_init(&f, c->lang);
	f.brand = c->ref.site_name;
	f.self = c->path;
	f.langs = sv_survey_langs(c->s);
	f.title = survey_text_get(c->s, &c->s->title, c->li);
	f.rtl = survey_lang_rtl(c->s->langs[c->li]);
	f.body_class = "sv-page kiosk";
	f.script = 1;
	(void)sv_send(req, 200, &f, body.data);
	sbuf_free(&bar);
	sbuf_free(&body);
	return (MREQ_DONE);
fail:
	sbuf_free(&bar);
	sbuf_free(&body);
	respond_error(req, 500, c->lang, "error.internal");
	return (MREQ_DONE);
}

/*
 * Enrolment. GET shows where the tablet is being enrolled and a button:
 * the one-time link is consumed by the POST only, so that a link
 * preview or a prefetch cannot use it up.
 */
static int
enrol_start(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;
	const char		*code = req->path + strlen("/kiosk/inscription/");
	int			 retry;

	if (strncmp(req->path, "/kiosk/inscription/", 19) != 0 ||
	    !survey_token_valid(code)) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	(void)snprintf(c->path, sizeof(c->path), "%s", req->path);
	if (!svc_rate_take(req, NULL, &retry)) {
		respond_error(req, 429, m->lang, "error.unavailable");
		return (MREQ_DONE);
	}
	survey_sha256_hex(code, strlen(code), c->enrol_hash);
	if (req->method == HTTP_METHOD_POST) {
		if (survey_token_new(c->token) == -1) {
			respond_error(req, 500, m->lang, "error.internal");
			return (MREQ_DONE);
		}
		survey_sha256_hex(c->token, strlen(c->token), c->device);
		return (mreq_query(m, SQL_KIOSK_ENROL, enrol_done, 2,
		    c->enrol_hash, c->device));
	}
	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD, POST");
		respond_error(req, 405, m->lang, "error.method");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_KIOSK_ENROL_INFO, enrol_info, 1,
	    c->enrol_hash));
}

static int
enrol_info(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;
	struct tmpl		 t;
	struct sv_frame		 f;
	struct sbuf		 body;
	char			 line[300];

	if (m->failed)
		return (mreq_error(req, m));
	sv_frame_init(&f, m->lang);
	f.self = c->path;
	if (mreq_rows(m) != 1) {
		(void)sv_send_message(req, 410, &f, "kiosk.enrol_gone_h",
		    "kiosk.enrol_gone", NULL);
		return (MREQ_DONE);
	}
	(void)sv_msg(line, sizeof(line), m->lang, "kiosk.enrol_site",
	    mreq_val(m, 0, 1), mreq_val(m, 0, 2));
	sbuf_init(&body);
	tmpl_init(&t, m->lang);
	tmpl_set(&t, "site_line", line);
	tmpl_set(&t, "action", c->path);
	if (tmpl_render(&body, TMPL_KIOSK_ENROL, &t) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
	} else {
		f.title = i18n_get(m->lang, "kiosk.enrol_title");
		(void)sv_send(req, 200, &f, body.data);
	}
	sbuf_free(&body);
	return (MREQ_DONE);
}

static int
enrol_done(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;
	struct sv_frame		 f;
	char			 cookie[256], href[64];
	const char		*site;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1 || mreq_isnull(m, 0, 0)) {
		sv_frame_init(&f, m->lang);
		f.self = c->path;
		(void)sv_send_message(req, 410, &f, "kiosk.enrol_gone_h",
		    "kiosk.enrol_gone", NULL);
		return (MREQ_DONE);
	}
	site = mreq_val(m, 0, 0);
	/*
	 * Kore's http_response_cookie() has no SameSite: the header is
	 * written here. __Host- (Secure, Path=/, no Domain) behind TLS.
	 */
	(void)snprintf(cookie, sizeof(cookie),
	    "%s%s=%s; Path=/; Max-Age=" KIOSK_COOKIE_AGE
	    "; HttpOnly; SameSite=Strict%s",
	    app_settings.tls_proxied ? "__Host-" : "", SV_KIOSK_COOKIE,
	    c->token, app_settings.tls_proxied ? "; Secure" : "");
	http_response_header(req, "set-cookie", cookie);
	sodium_memzero(cookie, sizeof(cookie));
	(void)snprintf(href, sizeof(href), "/kiosk/%s", site);
	respond_redirect(req, 303, href);
	return (MREQ_DONE);
}

/*
 * POST /kiosk/{site}/carte: a new one-time invitation to the resultats
 * survey, as a card to print. Only an enrolled tablet of the site may
 * make one (its cookie is SameSite=Strict: no other site can post this).
 */
static int
card_start(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;

	if (req->method != HTTP_METHOD_POST) {
		http_response_header(req, "allow", "POST");
		respond_error(req, 405, m->lang, "error.method");
		return (MREQ_DONE);
	}
	if (!svc_path_slugs(req->path, "/kiosk/", c->site, NULL, "/carte")) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	(void)snprintf(c->path, sizeof(c->path), "/kiosk/%s", c->site);
	if (!svc_device_token(req, c->device))
		return (kiosk_refused(req, m, "kiosk.not_enrolled_h",
		    "kiosk.not_enrolled"));
	return (mreq_query(m, SQL_KIOSK_DEVICE, card_device_found, 2,
	    c->device, c->site));
}

static int
card_device_found(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;
	char			 hash[65];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1 || strcmp(mreq_val(m, 0, 6), "t") != 0)
		return (kiosk_refused(req, m, "kiosk.not_enrolled_h",
		    "kiosk.revoked"));
	(void)snprintf(c->site_name, sizeof(c->site_name), "%s",
	    mreq_val(m, 0, 5));
	(void)snprintf(c->site_phone, sizeof(c->site_phone), "%s",
	    mreq_val(m, 0, 7));
	if (survey_code_new(c->code) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	survey_sha256_hex(c->code, strlen(c->code), hash);
	return (mreq_query(m, SQL_INVITATION_CREATE, card_created, 6, hash,
	    c->site, "resultats", "card", KIOSK_CARD_DAYS, NULL));
}

static int
card_created(struct http_request *req, struct mreq *m)
{
	struct kiosk_ctx	*c = m->ctx;
	struct survey_card	 card;
	struct sbuf		 one, page, nav;
	char			 base[160];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "survey.not_found");
		return (MREQ_DONE);
	}
	svc_public_base(req, base, sizeof(base));
	memset(&card, 0, sizeof(card));
	card.lang = m->lang;
	card.base = base;
	card.code = c->code;
	card.site_name = c->site_name;
	card.site_phone = c->site_phone;
	card.until = mreq_val(m, 0, 1);
	sbuf_init(&one);
	sbuf_init(&page);
	sbuf_init(&nav);
	sbuf_printf(&nav, "<nav class=\"noprint\"><p><button type=\"button\" "
	    "class=\"primary\" data-print>");
	html_escape(&nav, i18n_get(m->lang, "card.print"));
	sbuf_printf(&nav, "</button> <a class=\"button secondary\" "
	    "href=\"/kiosk/%s\">", c->site);
	html_escape(&nav, i18n_get(m->lang, "card.back_kiosk"));
	sbuf_puts(&nav, "</a></p></nav>\n");
	if (survey_card_render(&one, &card) == -1 ||
	    survey_card_sheet(&page, m->lang, "/assets/css/card.css", one.data,
	    nav.data, 1) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
	} else {
		/* The code is on this page only: never kept by a cache. */
		respond(req, 200, "text/html; charset=utf-8", page.data,
		    page.len, CACHE_NO_STORE);
	}
	sbuf_free(&one);
	sbuf_free(&page);
	sbuf_free(&nav);
	return (MREQ_DONE);
}
