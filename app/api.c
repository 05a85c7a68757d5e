/*
 * api – POST /api/v1/responses: one response as JSON, the way the kiosk
 * and the enhanced survey page send them (documented in docs/surveys.md).
 *
 *   {"id": UUID, "survey": CODE, "site": CODE, "lang": "fr",
 *    "submitted_at": RFC 3339, "answers": {CODE: VALUE, …},
 *    "version": ID, "invitation": CARD CODE, "channel": "web"|"api"}
 *
 * id, survey, site and answers are required. The answers are checked by
 * the same code as the form's (app/core/survey_answers.c and
 * survey_check.c), against the survey version the page showed ("version", the page's _v) when given:
 * answers a kiosk kept offline while a new version went live are still
 * the answers to the questions the person saw.
 *
 *   201  stored                 {"id", "status": "created", "dropped"}
 *   200  already stored, same answers (a retry): {"status": "duplicate"}
 *   400  malformed JSON, a missing or mistyped field, an unknown field
 *   404  unknown survey or site (or invitation)
 *   409  this id was stored with other answers
 *   410  the invitation was used or has expired
 *   413  body over 64 KiB          415  not application/json
 *   422  invalid answers: {"errors": {CODE: {"code", "message"}}}
 *   429  too many from this address (Retry-After)
 *   503  the database is away (Retry-After): send again, nothing is lost
 *
 * Error messages are in the response's language (else the request's).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "json.h"
#include "respond.h"
#include "survey.h"

struct api_ctx {
	char			*body;		/* kore_malloc'd */
	struct json_doc		 doc;		/* libc; the parsed body */
	int			 have_doc;
	char			 survey[SV_SLUG_MAX + 1];
	char			 site[SV_SLUG_MAX + 1];
	struct sv_ref		 ref;
	struct survey		*s;		/* live version */
	int			 s_owned;
	struct survey		*sv;		/* the version answered */
	int			 sv_owned;
	long long		 sv_id;
	long long		 want_version;	/* 0: the live one */
	struct survey_result	 res;
	int			 have_res;
	struct sv_submit	 sub;
	int			 have_sub;
	const struct json	*answers;	/* into doc */
	const char		*want_lang;	/* into doc, or NULL */
	char			 submitted_at[48];
	const char		*channel;
	char			 device[65];
	char			 inv_hash[65];
	enum lang		 lang;
	int			 li;
};

static void	 api_ctx_free(void *);
static int	 api_start(struct http_request *, struct mreq *);
static int	 api_looked_up(struct http_request *, struct mreq *);
static int	 api_version(struct http_request *, struct mreq *);
static int	 api_version_found(struct http_request *, struct mreq *);
static int	 api_check(struct http_request *, struct mreq *);
static int	 api_submitted(struct http_request *, struct mreq *);
static int	 api_error(struct http_request *, int, enum lang, const char *,
		    const char *);
static void	 api_send(struct http_request *, int, struct sbuf *);

static const struct mreq_route api_route = {
	.name = "api-responses",
	.start = api_start,
	.ctx_size = sizeof(struct api_ctx),
	.ctx_free = api_ctx_free,
};

int
page_api_responses(struct http_request *req)
{
	return (mreq_run(req, &api_route));
}

static void
api_ctx_free(void *p)
{
	struct api_ctx	*c = p;

	if (c->have_sub)
		sv_submit_free(&c->sub);
	if (c->have_res)
		survey_result_free(&c->res);
	if (c->have_doc)
		json_free(&c->doc);
	if (c->body != NULL)
		kore_free(c->body);
	if (c->sv_owned && c->sv != NULL && c->sv != c->s)
		survey_free(c->sv);
	if (c->s_owned && c->s != NULL)
		survey_free(c->s);
	c->have_sub = c->have_res = c->have_doc = 0;
	c->body = NULL;
	c->s = c->sv = NULL;
}

static void
api_send(struct http_request *req, int status, struct sbuf *b)
{
	if (b->failed)
		respond_json(req, 500, "{\"error\":\"internal\"}", 20);
	else
		respond_json(req, status, b->data, b->len);
}

/* {"error": code, "message": the message key in l}. Returns MREQ_DONE. */
static int
api_error(struct http_request *req, int status, enum lang l,
    const char *code, const char *msgkey)
{
	struct sbuf	b;

	sbuf_init(&b);
	sbuf_puts(&b, "{\"error\":");
	json_write_string(&b, code);
	sbuf_puts(&b, ",\"message\":");
	json_write_string(&b, i18n_get(l, msgkey));
	sbuf_puts(&b, "}");
	api_send(req, status, &b);
	sbuf_free(&b);
	return (MREQ_DONE);
}

static int
api_start(struct http_request *req, struct mreq *m)
{
	static const char *const fields[] = {
		"id", "survey", "site", "lang", "submitted_at", "answers",
		"version", "invitation", "channel", NULL
	};
	struct api_ctx		*c = m->ctx;
	const struct json	*root, *v;
	const char		*ct;
	char			 code[SURVEY_CODE_LEN + 1];
	size_t			 len = 0, i, k;
	ssize_t			 r;
	enum lang		 l;
	int			 hit;

	if (req->method != HTTP_METHOD_POST) {
		http_response_header(req, "allow", "POST");
		return (api_error(req, 405, m->lang, "method_not_allowed",
		    "api.method"));
	}
	ct = request_header(req, "content-type");
	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0 ||
	    (ct[16] != '\0' && ct[16] != ';' && ct[16] != ' '))
		return (api_error(req, 415, m->lang, "unsupported_media_type",
		    "api.media_type"));
	if (req->content_length > SV_BODY_MAX)
		return (api_error(req, 413, m->lang, "too_large",
		    "api.too_large"));
	c->body = kore_malloc(SV_BODY_MAX + 1);
	for (;;) {
		r = http_body_read(req, c->body + len, SV_BODY_MAX - len);
		if (r == -1)
			return (api_error(req, 400, m->lang, "malformed_json",
			    "api.malformed"));
		if (r == 0 || (len += (size_t)r) == SV_BODY_MAX)
			break;
	}
	if (json_parse(&c->doc, c->body, len) == -1) {
		struct sbuf	b;

		sbuf_init(&b);
		sbuf_puts(&b, "{\"error\":\"malformed_json\",\"message\":");
		json_write_string(&b, i18n_get(m->lang, "api.malformed"));
		sbuf_puts(&b, ",\"detail\":");
		json_write_string(&b, c->doc.error);
		sbuf_puts(&b, "}");
		api_send(req, 400, &b);
		sbuf_free(&b);
		return (MREQ_DONE);
	}
	c->have_doc = 1;
	root = c->doc.root;
	if (root->type != JSON_OBJECT)
		return (api_error(req, 400, m->lang, "malformed_json",
		    "api.not_object"));
	for (i = 0; i < root->n; i++) {
		for (k = 0; fields[k] != NULL; k++)
			if (strcmp(root->keys[i], fields[k]) == 0)
				break;
		if (fields[k] == NULL)
			return (api_error(req, 400, m->lang, "unknown_field",
			    "api.unknown_field"));
	}
	/* The language of messages: the response's, if Mesure speaks it. */
	v = json_get(root, "lang");
	if (v != NULL && v->type == JSON_STRING) {
		c->want_lang = v->str;
		if (i18n_lang_from_code(v->str, &l))
			m->lang = l;
	} else if (v != NULL && v->type != JSON_NULL)
		return (api_error(req, 400, m->lang, "bad_field", "api.lang"));
	c->lang = m->lang;

	v = json_get(root, "id");
	if (v == NULL || v->type != JSON_STRING ||
	    survey_uuid_norm(v->str, c->sub.id) == -1)
		return (api_error(req, 400, m->lang, "bad_id", "api.id"));
	if ((v = json_get(root, "survey")) == NULL || v->type != JSON_STRING)
		return (api_error(req, 400, m->lang, "bad_field",
		    "api.survey"));
	if (!svc_slug_ok(v->str))
		return (api_error(req, 404, m->lang, "not_found",
		    "api.not_found"));
	(void)snprintf(c->survey, sizeof(c->survey), "%s", v->str);
	if ((v = json_get(root, "site")) == NULL || v->type != JSON_STRING)
		return (api_error(req, 400, m->lang, "bad_field", "api.site"));
	if (!svc_slug_ok(v->str))
		return (api_error(req, 404, m->lang, "not_found",
		    "api.not_found"));
	(void)snprintf(c->site, sizeof(c->site), "%s", v->str);
	c->answers = json_get(root, "answers");
	if (c->answers == NULL || c->answers->type != JSON_OBJECT)
		return (api_error(req, 400, m->lang, "bad_field",
		    "api.answers"));
	v = json_get(root, "submitted_at");
	if (v != NULL && v->type == JSON_STRING)
		(void)snprintf(c->submitted_at, sizeof(c->submitted_at), "%s",
		    v->str);
	else if (v != NULL && v->type != JSON_NULL)
		return (api_error(req, 400, m->lang, "bad_field",
		    "api.submitted_at"));
	if ((v = json_get(root, "version")) != NULL && v->type != JSON_NULL) {
		long long	x;
		char		*end;

		if (v->type == JSON_STRING) {
			x = strtoll(v->str, &end, 10);
			if (*end != '\0' || v->str[0] == '\0')
				x = 0;
		} else if (!json_is_int(v, &x))
			x = 0;
		if (x <= 0)
			return (api_error(req, 400, m->lang, "bad_field",
			    "api.version"));
		c->want_version = x;
	}
	c->channel = "api";
	if ((v = json_get(root, "channel")) != NULL) {
		if (v->type != JSON_STRING || (strcmp(v->str, "web") != 0 &&
		    strcmp(v->str, "api") != 0))
			return (api_error(req, 400, m->lang, "bad_field",
			    "api.channel"));
		c->channel = strcmp(v->str, "web") == 0 ? "web" : "api";
	}
	if ((v = json_get(root, "invitation")) != NULL &&
	    v->type != JSON_NULL) {
		if (v->type != JSON_STRING ||
		    survey_code_norm(v->str, code) == -1)
			return (api_error(req, 404, m->lang,
			    "unknown_invitation", "invite.unknown"));
		survey_sha256_hex(code, strlen(code), c->inv_hash);
	}

	(void)svc_device_token(req, c->device);
	{
		int	retry;
		char	retry_s[16];

		if (!svc_rate_take(req, c->device, &retry)) {
			(void)snprintf(retry_s, sizeof(retry_s), "%d", retry);
			http_response_header(req, "retry-after", retry_s);
			return (api_error(req, 429, m->lang, "rate_limited",
			    "survey.rate_limited"));
		}
	}

	hit = svc_ref_get(c->survey, c->site, &c->ref, &c->s);
	if (hit == 1)
		return (api_version(req, m));
	if (hit == 0)
		return (api_error(req, 404, m->lang, "not_found",
		    "api.not_found"));
	return (mreq_query(m, SQL_SURVEY_LOOKUP, api_looked_up, 2, c->survey,
	    c->site));
}

static int
api_looked_up(struct http_request *req, struct mreq *m)
{
	struct api_ctx	*c = m->ctx;

	if (m->failed) {
		if (strncmp(m->sqlstate, "08", 2) == 0 ||
		    strncmp(m->sqlstate, "53", 2) == 0 ||
		    strncmp(m->sqlstate, "57", 2) == 0)
			return (api_error(req, 503, m->lang, "unavailable",
			    "error.unavailable"));
		kore_log(LOG_ERR, "api: lookup failed (%s)", m->sqlstate);
		return (api_error(req, 500, m->lang, "internal",
		    "error.internal"));
	}
	if (mreq_rows(m) != 1) {
		svc_ref_absent(c->survey, c->site);
		return (api_error(req, 404, m->lang, "not_found",
		    "api.not_found"));
	}
	c->s = svc_ref_put(c->survey, c->site, m, 0, &c->ref, &c->s_owned);
	if (c->s == NULL)
		return (api_error(req, 500, m->lang, "internal",
		    "error.internal"));
	return (api_version(req, m));
}

/* {"error": "invalid", "errors": {"version": …}}. */
static int
api_unknown_version(struct http_request *req, struct mreq *m)
{
	struct sbuf	b;

	sbuf_init(&b);
	sbuf_puts(&b, "{\"error\":\"invalid\",\"message\":");
	json_write_string(&b, i18n_get(m->lang, "api.invalid"));
	sbuf_puts(&b, ",\"errors\":{\"version\":{\"code\":\"unknown_version\","
	    "\"message\":");
	json_write_string(&b, i18n_get(m->lang, "api.unknown_version"));
	sbuf_puts(&b, "}}}");
	api_send(req, 422, &b);
	sbuf_free(&b);
	return (MREQ_DONE);
}

/* The version the answers are checked against: the page's, or the live one. */
static int
api_version(struct http_request *req, struct mreq *m)
{
	struct api_ctx	*c = m->ctx;
	char		 ids[2][24];

	c->sv = c->s;
	c->sv_id = c->ref.version_id;
	if (c->want_version == 0 || c->want_version == c->ref.version_id)
		return (api_check(req, m));
	if ((c->sv = svc_version_get(c->want_version)) != NULL) {
		/* Known here: of this survey only (its code is the survey's). */
		if (strcmp(c->sv->code, c->s->code) != 0) {
			c->sv = c->s;
			return (api_unknown_version(req, m));
		}
		c->sv_id = c->want_version;
		return (api_check(req, m));
	}
	c->sv = c->s;
	(void)snprintf(ids[0], sizeof(ids[0]), "%lld", c->want_version);
	(void)snprintf(ids[1], sizeof(ids[1]), "%lld", c->ref.survey_id);
	return (mreq_query(m, SQL_SURVEY_VERSION, api_version_found, 2, ids[0],
	    ids[1]));
}

static int
api_version_found(struct http_request *req, struct mreq *m)
{
	struct api_ctx	*c = m->ctx;

	if (m->failed) {
		if (strncmp(m->sqlstate, "08", 2) == 0 ||
		    strncmp(m->sqlstate, "53", 2) == 0 ||
		    strncmp(m->sqlstate, "57", 2) == 0)
			return (api_error(req, 503, m->lang, "unavailable",
			    "error.unavailable"));
		return (api_error(req, 500, m->lang, "internal",
		    "error.internal"));
	}
	if (mreq_rows(m) != 1)
		return (api_unknown_version(req, m));
	c->sv = svc_version_put(c->want_version, mreq_val(m, 0, 0),
	    &c->sv_owned);
	if (c->sv == NULL) {
		c->sv = c->s;
		return (api_error(req, 500, m->lang, "internal",
		    "error.internal"));
	}
	c->sv_id = c->want_version;
	return (api_check(req, m));
}

/* Add one error to the "errors" object being written. */
static void
api_field_error(struct sbuf *b, int *first, const char *key,
    const char *code, const char *message)
{
	sbuf_puts(b, *first ? "" : ",");
	*first = 0;
	json_write_string(b, key);
	sbuf_puts(b, ":{\"code\":");
	json_write_string(b, code);
	sbuf_puts(b, ",\"message\":");
	json_write_string(b, message);
	sbuf_puts(b, "}");
}

static int
api_check(struct http_request *req, struct mreq *m)
{
	struct api_ctx	*c = m->ctx;
	struct sbuf	 b;
	char		 msg[256];
	long long	 t, now = (long long)time(NULL);
	size_t		 i;
	int		 first = 1, bad = 0;

	sbuf_init(&b);
	sbuf_puts(&b, "{\"error\":\"invalid\",\"message\":");
	json_write_string(&b, i18n_get(m->lang, "api.invalid"));
	sbuf_puts(&b, ",\"errors\":{");

	c->li = c->want_lang != NULL ? survey_lang_index(c->sv, c->want_lang) :
	    0;
	if (c->li == -1) {
		api_field_error(&b, &first, "lang", "not_a_language",
		    i18n_get(m->lang, "api.not_a_language"));
		bad = 1;
		c->li = 0;
	}
	if (c->submitted_at[0] != '\0') {
		if (survey_time_parse(c->submitted_at, &t) == -1) {
			api_field_error(&b, &first, "submitted_at", "bad_time",
			    i18n_get(m->lang, "api.bad_time"));
			bad = 1;
		} else if (t > now + 86400 || t < now - 400 * 86400LL) {
			api_field_error(&b, &first, "submitted_at",
			    "out_of_range", i18n_get(m->lang, "api.time_range"));
			bad = 1;
		}
	}
	if (survey_result_init(&c->res, c->sv) == -1) {
		sbuf_free(&b);
		return (api_error(req, 500, m->lang, "internal",
		    "error.internal"));
	}
	c->have_res = 1;
	if (survey_answers_json(&c->res, c->answers) > 0) {
		for (i = 0; i < c->sv->nquestions; i++) {
			const struct survey_answer *a = &c->res.a[i];

			if (a->err == SE_NONE)
				continue;
			api_field_error(&b, &first, c->sv->questions[i].code,
			    survey_err_code[a->err], sv_err_message(m->lang,
			    a->err, a->param, msg, sizeof(msg)));
		}
		for (i = 0; i < c->res.nkeyerr; i++)
			api_field_error(&b, &first, c->res.keyerr[i].key,
			    survey_err_code[c->res.keyerr[i].err],
			    sv_err_message(m->lang, c->res.keyerr[i].err, 0,
			    msg, sizeof(msg)));
		bad = 1;
	}
	if (bad) {
		sbuf_puts(&b, "}}");
		api_send(req, 422, &b);
		sbuf_free(&b);
		return (MREQ_DONE);
	}
	sbuf_free(&b);

	c->have_sub = 1;
	if (sv_submit_prepare(&c->sub, &c->res, &c->ref,
	    c->sv_id) == -1)
		return (api_error(req, 500, m->lang, "internal",
		    "error.internal"));
	c->sub.lang = c->sv->langs[c->li];
	c->sub.channel = c->channel;
	c->sub.submitted_at = c->submitted_at[0] ? c->submitted_at : NULL;
	(void)snprintf(c->sub.invitation, sizeof(c->sub.invitation), "%s",
	    c->inv_hash);
	(void)snprintf(c->sub.device, sizeof(c->sub.device), "%s", c->device);
	return (sv_submit_start(m, &c->sub, api_submitted));
}

static int
api_submitted(struct http_request *req, struct mreq *m)
{
	struct api_ctx	*c = m->ctx;
	struct sbuf	 b;
	enum sv_outcome	 o;
	size_t		 i;
	int		 first = 1;

	o = sv_submit_outcome(m);
	switch (o) {
	case SV_CREATED:
	case SV_DUPLICATE:
		sbuf_init(&b);
		sbuf_puts(&b, "{\"id\":");
		json_write_string(&b, c->sub.id);
		sbuf_printf(&b, ",\"status\":\"%s\",\"dropped\":[",
		    o == SV_CREATED ? "created" : "duplicate");
		for (i = 0; i < c->sv->nquestions; i++) {
			if (!c->res.a[i].dropped)
				continue;
			if (!first)
				sbuf_putc(&b, ',');
			first = 0;
			json_write_string(&b, c->sv->questions[i].code);
		}
		sbuf_puts(&b, "]}");
		if (o == SV_CREATED)
			http_response_header(req, "location",
			    "/api/v1/responses");
		api_send(req, o == SV_CREATED ? 201 : 200, &b);
		sbuf_free(&b);
		return (MREQ_DONE);
	case SV_CONFLICT:
		return (api_error(req, 409, m->lang, "conflict",
		    "api.conflict"));
	case SV_INV_UNKNOWN:
		return (api_error(req, 404, m->lang, "unknown_invitation",
		    "invite.unknown"));
	case SV_INV_USED:
		return (api_error(req, 410, m->lang, "invitation_used",
		    "invite.used"));
	case SV_INV_EXPIRED:
		return (api_error(req, 410, m->lang, "invitation_expired",
		    "invite.expired"));
	case SV_INV_MISMATCH:
		return (api_error(req, 422, m->lang, "invitation_mismatch",
		    "api.invitation_mismatch"));
	default:
		break;
	}
	if (m->failed && (strncmp(m->sqlstate, "08", 2) == 0 ||
	    strncmp(m->sqlstate, "53", 2) == 0 ||
	    strncmp(m->sqlstate, "57", 2) == 0 ||
	    strcmp(m->sqlstate, "40001") == 0 ||
	    strcmp(m->sqlstate, "40P01") == 0))
		return (api_error(req, 503, m->lang, "unavailable",
		    "error.unavailable"));
	kore_log(LOG_ERR, "api: submit failed (%s)", m->sqlstate);
	return (api_error(req, 500, m->lang, "internal", "error.internal"));
}
