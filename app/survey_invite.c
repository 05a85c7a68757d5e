/*
 * survey_invite – the survey a follow-up card invites to:
 *
 *   GET  /r                 type the code of a follow-up card
 *   GET  /r/{code}, POST    the card's survey: once the card is found
 *                           (unused, not expired) it goes on as
 *                           /s/{survey}/{site} does (app/survey.c,
 *                           sv_have_ref), the response tied to the card
 *
 * Each look-up of a code costs a query and a token of the per-address
 * rate limit, so that guessing codes is slow.
 */
#include <string.h>

#include "app.h"
#include "html.h"
#include "respond.h"
#include "survey.h"
#include "survey_page.h"

static int	 sv_invite_start(struct http_request *, struct mreq *);
static int	 sv_invite_looked_up(struct http_request *, struct mreq *);

static const struct mreq_route sv_invite_route = {
	.name = "invitation",
	.start = sv_invite_start,
	.ctx_size = sizeof(struct sv_ctx),
	.ctx_free = sv_ctx_free,
};

int
page_invitation(struct http_request *req)
{
	return (mreq_run(req, &sv_invite_route));
}

/*
 * The page where a person types the code of their card, with status,
 * the code as typed and an error message key (or NULL). Returns
 * MREQ_DONE.
 */
int
sv_code_page(struct http_request *req, enum lang l, int status,
    const char *code, const char *error)
{
	struct tmpl	 t;
	struct sbuf	 body, err;
	struct sv_frame	 f;

	sbuf_init(&body);
	sbuf_init(&err);
	if (error != NULL) {
		sbuf_puts(&err, "<p class=\"err\" id=\"code-err\" role=\"alert\">");
		html_escape(&err, i18n_get(l, error));
		sbuf_puts(&err, "</p>\n");
	}
	tmpl_init(&t, l);
	tmpl_set(&t, "lang", lang_code[l]);
	tmpl_set(&t, "code", code != NULL ? code : "");
	tmpl_set(&t, "err_id", error != NULL ? " code-err" : "");
	/* Raw: built above with html_escape(). */
	tmpl_set_raw(&t, "error", err.data);
	if (tmpl_render(&body, TMPL_SURVEY_CODE, &t) == -1) {
		respond_error(req, 500, l, "error.internal");
	} else {
		sv_frame_init(&f, l);
		f.title = i18n_get(l, "invite.enter_title");
		f.self = "/r";
		(void)sv_send(req, status, &f, body.data);
	}
	sbuf_free(&body);
	sbuf_free(&err);
	return (MREQ_DONE);
}

/*
 * GET /r – the page to type a card's code; with ?code=…, a redirect to
 * /r/{CODE} when the code is well formed.
 */
int
page_invitation_enter(struct http_request *req)
{
	enum lang	 l = request_lang(req);
	char		 typed[64], code[SURVEY_CODE_LEN + 1], href[64];

	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_error(req, 405, l, "error.method");
		return (KORE_RESULT_OK);
	}
	if (req->query_string == NULL ||
	    !qs_get(req->query_string, "code", typed, sizeof(typed))) {
		(void)sv_code_page(req, l, 200, NULL, NULL);
		return (KORE_RESULT_OK);
	}
	if (survey_code_norm(typed, code) == -1) {
		(void)sv_code_page(req, l, 422, typed, "invite.malformed");
		return (KORE_RESULT_OK);
	}
	(void)snprintf(href, sizeof(href), "/r/%s?lang=%s", code, lang_code[l]);
	respond_redirect(req, 303, href);
	return (KORE_RESULT_OK);
}

static int
sv_invite_start(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	char		 href[64];
	const char	*raw;
	int		 retry;

	c->kind = SVX_INVITE;
	raw = req->path + 3;		/* after "/r/" */
	if (strlen(raw) > 40 || survey_code_norm(raw, c->code) == -1)
		return (sv_code_page(req, m->lang, 404, raw,
		    "invite.malformed"));
	if (strcmp(raw, c->code) != 0 && req->method != HTTP_METHOD_POST) {
		/* "/r/abcd-efhj-kmnp" -> the canonical "/r/ABCDEFHJKMNP". */
		(void)snprintf(href, sizeof(href), "/r/%s", c->code);
		respond_redirect(req, 301, href);
		return (MREQ_DONE);
	}
	survey_code_pretty(c->code, c->code_pretty);
	(void)snprintf(c->path, sizeof(c->path), "/r/%s", c->code);
	if (req->method == HTTP_METHOD_POST) {
		if (sv_read_form(req, m) == -1)
			return (MREQ_DONE);
	} else if (req->method != HTTP_METHOD_GET &&
	    req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD, POST");
		respond_error(req, 405, m->lang, "error.method");
		return (MREQ_DONE);
	}
	/* Each look-up of a code costs a query: guessing is slowed down. */
	if (!svc_rate_take(req, NULL, &retry)) {
		struct sv_frame	f;
		char		retry_s[16];

		(void)snprintf(retry_s, sizeof(retry_s), "%d", retry);
		http_response_header(req, "retry-after", retry_s);
		sv_frame_init(&f, m->lang);
		f.self = c->path;
		(void)sv_send_message(req, 429, &f, NULL, "survey.rate_limited",
		    NULL);
		return (MREQ_DONE);
	}
	survey_sha256_hex(c->code, strlen(c->code), c->inv_hash);
	return (mreq_query(m, SQL_INVITATION_LOOKUP, sv_invite_looked_up, 1,
	    c->inv_hash));
}

static int
sv_invite_looked_up(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	struct sv_frame	 f;

	if (m->failed)
		return (sv_db_error(req, m));
	if (mreq_rows(m) != 1)
		return (sv_code_page(req, m->lang, 404, c->code_pretty,
		    "invite.unknown"));
	sv_frame_init(&f, m->lang);
	f.self = c->path;
	/*
	 * A used card: say so, unless this is a post, which may be the retry
	 * of the very response that used it (survey_submit tells).
	 */
	if (strcmp(mreq_val(m, 0, 1), "t") == 0 &&
	    req->method != HTTP_METHOD_POST) {
		(void)sv_send_message(req, 410, &f, "invite.used_h",
		    "invite.used", NULL);
		return (MREQ_DONE);
	}
	if (strcmp(mreq_val(m, 0, 2), "t") == 0) {
		(void)sv_send_message(req, 410, &f, "invite.expired_h",
		    "invite.expired", NULL);
		return (MREQ_DONE);
	}
	(void)snprintf(c->survey, sizeof(c->survey), "%s", mreq_val(m, 0, 10));
	(void)snprintf(c->site, sizeof(c->site), "%s", mreq_val(m, 0, 4));
	c->s = svc_ref_put(c->survey, c->site, m, 3, &c->ref, &c->s_owned);
	if (c->s == NULL) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	return (sv_have_ref(req, m));
}
