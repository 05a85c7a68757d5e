/*
 * survey – the respondent's survey at a site:
 *
 *   GET  /s/{survey}/{site}         the survey (a new response id each time)
 *   POST /s/{survey}/{site}         record it: 303 to the thank-you page;
 *                                   422 with the form refilled and a message
 *                                   next to each wrong answer; 429, 503 with
 *                                   the answers kept
 *   GET  /s/{survey}/{site}/merci   thank-you page
 *
 * This file is the state machine: look the survey up, pick the version
 * the page showed, check the answers and store them. The pages it answers
 * with are built by app/survey_page.c; /r/{code} (app/survey_invite.c)
 * joins it once the card's survey is known (sv_have_ref).
 *
 * The form is parsed with app/core/form.c (Kore keeps only declared
 * fields) and checked with app/core/survey_answers.c and survey_check.c;
 * the response is stored by app/survey_submit.c. Form fields: the
 * question codes, and
 *   _id       the response id made when the page was served (a UUID): a
 *             double tap or a re-post stores one response
 *   _v        the survey version the page showed: answers are checked
 *             against the questions the person saw
 *   _website  a honeypot, hidden from people: a bot that fills it is
 *             thanked and nothing is stored
 *   _kiosk    the page was the kiosk's: the thank-you page leads back
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "form.h"
#include "html.h"
#include "respond.h"
#include "survey.h"
#include "survey_page.h"

static int	 sv_start(struct http_request *, struct mreq *);
static int	 sv_looked_up(struct http_request *, struct mreq *);
static int	 sv_version_found(struct http_request *, struct mreq *);
static int	 sv_check(struct http_request *, struct mreq *);
static int	 sv_submitted(struct http_request *, struct mreq *);
static int	 sv_not_found(struct http_request *, struct mreq *);

static const struct mreq_route sv_route = {
	.name = "survey",
	.start = sv_start,
	.ctx_size = sizeof(struct sv_ctx),
	.ctx_free = sv_ctx_free,
};

int
page_survey(struct http_request *req)
{
	return (mreq_run(req, &sv_route));
}

int
page_survey_thanks(struct http_request *req)
{
	return (mreq_run(req, &sv_route));
}

void
sv_ctx_free(void *p)
{
	struct sv_ctx	*c = p;

	if (c->have_sub)
		sv_submit_free(&c->sub);
	if (c->have_res)
		survey_result_free(&c->res);
	if (c->have_form)
		form_free(&c->form);
	if (c->body != NULL)
		kore_free(c->body);
	if (c->sv_owned && c->sv != NULL && c->sv != c->s)
		survey_free(c->sv);
	if (c->s_owned && c->s != NULL)
		survey_free(c->s);
	c->have_sub = c->have_res = c->have_form = 0;
	c->body = NULL;
	c->s = c->sv = NULL;
}

/* The frame of a page about this survey at this site. */
void
sv_ctx_frame(struct sv_ctx *c, struct sv_frame *f)
{
	sv_frame_init(f, c->lang);
	f->brand = c->ref.site_name[0] ? c->ref.site_name : NULL;
	f->self = c->path;
	if (c->s != NULL) {
		f->langs = sv_survey_langs(c->s);
		f->title = survey_text_get(c->s, &c->s->title, c->li);
		f->rtl = survey_lang_rtl(c->s->langs[c->li >= 0 ? c->li : 0]);
	}
}

static int
sv_not_found(struct http_request *req, struct mreq *m)
{
	struct sv_frame	f;

	sv_frame_init(&f, m->lang);
	f.self = req->path;
	(void)sv_send_message(req, 404, &f, "survey.not_found_h",
	    "survey.not_found", NULL);
	return (MREQ_DONE);
}

/* A failed query before any form could be shown: 503 or 500, plainly. */
int
sv_db_error(struct http_request *req, struct mreq *m)
{
	return (mreq_error(req, m));
}

/*
 * Read an urlencoded body into c->form. Returns 0, or sends 413, 415 or
 * 400 and returns -1.
 */
int
sv_read_form(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	struct sv_frame	 f;
	const char	*ct;
	char		 err[96];
	size_t		 len = 0;
	ssize_t		 r;

	sv_frame_init(&f, m->lang);
	f.self = req->path;
	ct = request_header(req, "content-type");
	if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded",
	    33) != 0 || (ct[33] != '\0' && ct[33] != ';')) {
		(void)sv_send_message(req, 415, &f, "survey.bad_request_h",
		    "survey.not_a_form", NULL);
		return (-1);
	}
	if (req->content_length > SV_BODY_MAX) {
		(void)sv_send_message(req, 413, &f, "survey.bad_request_h",
		    "survey.too_large", NULL);
		return (-1);
	}
	c->body = kore_malloc(SV_BODY_MAX + 1);
	for (;;) {
		r = http_body_read(req, c->body + len, SV_BODY_MAX - len);
		if (r == -1) {
			(void)sv_send_message(req, 400, &f,
			    "survey.bad_request_h", "survey.bad_form", NULL);
			return (-1);
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len == SV_BODY_MAX)
			break;
	}
	c->body[len] = '\0';
	if (form_parse(&c->form, c->body, len, 0, err, sizeof(err)) == -1) {
		kore_log(LOG_NOTICE, "survey form refused: %s", err);
		(void)sv_send_message(req, 400, &f, "survey.bad_request_h",
		    "survey.bad_form", NULL);
		return (-1);
	}
	c->have_form = 1;
	return (0);
}

static int
sv_start(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	int		 hit;

	if (svc_path_slugs(req->path, "/s/", c->survey, c->site, "/merci"))
		c->kind = SVX_THANKS;
	else if (svc_path_slugs(req->path, "/s/", c->survey, c->site, ""))
		c->kind = SVX_FORM;
	else
		return (sv_not_found(req, m));
	(void)snprintf(c->path, sizeof(c->path), "%s", req->path);
	if (req->method == HTTP_METHOD_POST && c->kind == SVX_FORM) {
		if (sv_read_form(req, m) == -1)
			return (MREQ_DONE);
	} else if (req->method != HTTP_METHOD_GET &&
	    req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", c->kind == SVX_FORM ?
		    "GET, HEAD, POST" : "GET, HEAD");
		respond_error(req, 405, m->lang, "error.method");
		return (MREQ_DONE);
	}
	hit = svc_ref_get(c->survey, c->site, &c->ref, &c->s);
	if (hit == 1)
		return (sv_have_ref(req, m));
	if (hit == 0)
		return (sv_not_found(req, m));
	return (mreq_query(m, SQL_SURVEY_LOOKUP, sv_looked_up, 2, c->survey,
	    c->site));
}

static int
sv_looked_up(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;

	if (m->failed) {
		/*
		 * The database is away while a person posts: show their
		 * answers back (503) from what this worker last knew.
		 */
		if (req->method == HTTP_METHOD_POST && c->kind == SVX_FORM &&
		    svc_ref_stale(c->survey, c->site, &c->ref, &c->s)) {
			if ((c->li = svc_lang_pick(req, c->s, &c->lang)) == -1)
				c->li = 0;
			m->lang = c->lang;
			c->sv = c->s;
			if (survey_result_init(&c->res, c->s) == 0) {
				c->have_res = 1;
				(void)survey_answers_form(&c->res, &c->form);
			}
			return (sv_form_page(req, m, 503, "survey.unavailable", 1));
		}
		return (sv_db_error(req, m));
	}
	if (mreq_rows(m) != 1) {
		svc_ref_absent(c->survey, c->site);
		return (sv_not_found(req, m));
	}
	c->s = svc_ref_put(c->survey, c->site, m, 0, &c->ref, &c->s_owned);
	if (c->s == NULL) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	return (sv_have_ref(req, m));
}

/* The survey is known: show it, thank, or check what was posted. */
int
sv_have_ref(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	const char	*v;
	long long	 vid;
	char		*end;

	if ((c->li = svc_lang_pick(req, c->s, &c->lang)) == -1)
		return (sv_not_found(req, m));
	m->lang = c->lang;
	c->sv = c->s;
	c->sv_id = c->ref.version_id;
	if (c->kind == SVX_THANKS)
		return (sv_thanks_page(req, m));
	if (req->method != HTTP_METHOD_POST)
		return (sv_form_page(req, m, 200, NULL, 0));

	/* Check the answers against the version the page showed. */
	if ((v = form_get(&c->form, "_v")) != NULL && *v != '\0') {
		vid = strtoll(v, &end, 10);
		if (*end != '\0' || vid <= 0) {
			struct sv_frame f;

			sv_ctx_frame(c, &f);
			(void)sv_send_message(req, 400, &f,
			    "survey.bad_request_h", "survey.bad_form", NULL);
			return (MREQ_DONE);
		}
		if (vid != c->ref.version_id) {
			char	ids[2][24];

			/*
			 * A version this worker knows – of this survey only (the
			 * definition's code is the survey's).
			 */
			if ((c->sv = svc_version_get(vid)) != NULL) {
				if (strcmp(c->sv->code, c->s->code) != 0) {
					struct sv_frame f;

					c->sv = c->s;
					sv_ctx_frame(c, &f);
					(void)sv_send_message(req, 400, &f,
					    "survey.bad_request_h",
					    "survey.bad_form", NULL);
					return (MREQ_DONE);
				}
				c->sv_id = vid;
				if (survey_lang_index(c->sv, lang_code[c->lang]) !=
				    -1)
					c->li = survey_lang_index(c->sv,
					    lang_code[c->lang]);
				return (sv_check(req, m));
			}
			c->sv_id = vid;
			(void)snprintf(ids[0], sizeof(ids[0]), "%lld", vid);
			(void)snprintf(ids[1], sizeof(ids[1]), "%lld",
			    c->ref.survey_id);
			return (mreq_query(m, SQL_SURVEY_VERSION,
			    sv_version_found, 2, ids[0], ids[1]));
		}
	}
	return (sv_check(req, m));
}

static int
sv_version_found(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	struct sv_frame	 f;

	if (m->failed)
		return (sv_form_page(req, m, 503, "survey.unavailable", 1));
	if (mreq_rows(m) != 1) {
		/* Not a version of this survey: a forged form. */
		sv_ctx_frame(c, &f);
		(void)sv_send_message(req, 400, &f, "survey.bad_request_h",
		    "survey.bad_form", NULL);
		return (MREQ_DONE);
	}
	c->sv = svc_version_put(c->sv_id, mreq_val(m, 0, 0), &c->sv_owned);
	if (c->sv == NULL) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	if (survey_lang_index(c->sv, lang_code[c->lang]) != -1)
		c->li = survey_lang_index(c->sv, lang_code[c->lang]);
	return (sv_check(req, m));
}

/* Check the posted answers; store them if they are right. */
static int
sv_check(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	struct sv_frame	 f;
	const char	*hp, *id;
	char		 redirect[160], retry_s[16];
	int		 retry;

	hp = form_get(&c->form, "_website");
	if (hp != NULL && *hp != '\0') {
		/* A bot: thank it as if stored, store nothing. */
		kore_log(LOG_NOTICE, "survey %s: honeypot filled", c->survey);
		(void)snprintf(redirect, sizeof(redirect),
		    "/s/%s/%s/merci?lang=%s", c->ref.survey_code,
		    c->ref.site_code, lang_code[c->lang]);
		respond_redirect(req, 303, redirect);
		return (MREQ_DONE);
	}
	id = form_get(&c->form, "_id");
	if (survey_uuid_norm(id, c->sub.id) == -1) {
		sv_ctx_frame(c, &f);
		(void)sv_send_message(req, 400, &f, "survey.bad_request_h",
		    "survey.bad_form", NULL);
		return (MREQ_DONE);
	}
	if (survey_result_init(&c->res, c->sv) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	c->have_res = 1;
	if (survey_answers_form(&c->res, &c->form) > 0)
		return (sv_form_page(req, m, 422, NULL, 0));

	(void)svc_device_token(req, c->device);
	if (!svc_rate_take(req, c->device, &retry)) {
		(void)snprintf(retry_s, sizeof(retry_s), "%d", retry);
		http_response_header(req, "retry-after", retry_s);
		return (sv_form_page(req, m, 429, "survey.rate_limited", 1));
	}
	if (sv_submit_prepare(&c->sub, &c->res, &c->ref, c->sv_id) == -1) {
		c->have_sub = 1;
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	c->have_sub = 1;
	c->sub.lang = c->sv->langs[c->li >= 0 && c->li < (int)c->sv->nlangs ?
	    c->li : 0];
	c->sub.channel = "web";
	c->sub.submitted_at = NULL;
	(void)snprintf(c->sub.invitation, sizeof(c->sub.invitation), "%s",
	    c->inv_hash);
	(void)snprintf(c->sub.device, sizeof(c->sub.device), "%s", c->device);
	return (sv_submit_start(m, &c->sub, sv_submitted));
}

static int
sv_submitted(struct http_request *req, struct mreq *m)
{
	struct sv_ctx	*c = m->ctx;
	struct sv_frame	 f;
	struct sbuf	 body, next;
	char		 redirect[200];
	const char	*kiosk;
	int		 status;

	sv_ctx_frame(c, &f);
	switch (sv_submit_outcome(m)) {
	case SV_CREATED:
	case SV_DUPLICATE:
		kiosk = form_get(&c->form, "_kiosk");
		(void)snprintf(redirect, sizeof(redirect),
		    "/s/%s/%s/merci?lang=%s%s", c->ref.survey_code,
		    c->ref.site_code, lang_code[c->lang],
		    kiosk != NULL && strcmp(kiosk, "1") == 0 ? "&kiosk=1" : "");
		respond_redirect(req, 303, redirect);
		return (MREQ_DONE);
	case SV_CONFLICT:
		/* The same form sent again with other answers: the first stays. */
		sbuf_init(&body);
		sbuf_init(&next);
		sbuf_puts(&next, "<p><a class=\"button\" href=\"/\">");
		html_escape(&next, i18n_get(c->lang, "survey.home"));
		sbuf_puts(&next, "</a></p>\n");
		status = sv_render_thanks(&body, c->lang, c->sv, c->li,
		    "survey.conflict", next.data) == 0 ? 409 : 500;
		if (status == 409)
			(void)sv_send(req, 409, &f, body.data);
		else
			respond_error(req, 500, c->lang, "error.internal");
		sbuf_free(&body);
		sbuf_free(&next);
		return (MREQ_DONE);
	case SV_INV_USED:
		(void)sv_send_message(req, 410, &f, "invite.used_h",
		    "invite.used", NULL);
		return (MREQ_DONE);
	case SV_INV_EXPIRED:
		(void)sv_send_message(req, 410, &f, "invite.expired_h",
		    "invite.expired", NULL);
		return (MREQ_DONE);
	case SV_INV_UNKNOWN:
		return (sv_code_page(req, c->lang, 404, c->code,
		    "invite.unknown"));
	case SV_INV_MISMATCH:
		(void)sv_send_message(req, 400, &f, "survey.bad_request_h",
		    "survey.bad_form", NULL);
		return (MREQ_DONE);
	case SV_FAILED:
	default:
		break;
	}
	/* The database: keep the answers on the page, say to try again. */
	if (m->failed && (strncmp(m->sqlstate, "08", 2) == 0 ||
	    strncmp(m->sqlstate, "53", 2) == 0 ||
	    strncmp(m->sqlstate, "57", 2) == 0 ||
	    strcmp(m->sqlstate, "40001") == 0 ||
	    strcmp(m->sqlstate, "40P01") == 0))
		return (sv_form_page(req, m, 503, "survey.unavailable", 1));
	kore_log(LOG_ERR, "survey %s: submit failed (%s)", c->survey,
	    m->sqlstate);
	return (sv_form_page(req, m, 500, "survey.failed", 1));
}
