/*
 * mreq_guard – what the request driver does before a staff route's start
 * step (see mreq.h): load the session (sql/queries/session_load.sql),
 * answer a request without one (303 to /connexion or 401 JSON), refuse a
 * role not listed (404), a cross-origin or CSRF-less state change (403),
 * and send the person to confirm their password for MREQ_REAUTH routes.
 * mreq.c calls mreq_sess_begin() and mreq_origin_step(); handlers call
 * mreq_reauth_guard().
 */
#include <ctype.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "mreq.h"
#include "mreq_guard.h"
#include "respond.h"
#include "sbuf.h"

static int	mreq_sess_loaded(struct http_request *, struct mreq *);
static int	mreq_unauthenticated(struct http_request *, struct mreq *,
		    int);
static int	mreq_csrf_ok(struct http_request *, struct mreq *);
static void	mreq_suite(struct sbuf *, const char *);

/* Append path to sb, percent-encoded for a query-string value. */
static void
mreq_suite(struct sbuf *sb, const char *path)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (isalnum(*p) || *p == '/' || *p == '-' || *p == '_' ||
		    *p == '.' || *p == '~')
			sbuf_putc(sb, (char)*p);
		else
			sbuf_printf(sb, "%%%02X", *p);
	}
}

/*
 * No valid session: pages go to the sign-in page, which comes back here
 * afterwards (GET only: a form's body cannot be replayed); API routes get
 * 401 JSON. stale: a session cookie came but is no longer valid – it is
 * cleared, and the sign-in page says the session ended.
 */
static int
mreq_unauthenticated(struct http_request *req, struct mreq *m, int stale)
{
	struct sbuf	 loc;
	char		*path;

	if (stale)
		respond_session_cookie_clear(req);
	if (m->route->flags & MREQ_API) {
		respond_json(req, 401, "{\"error\":\"unauthenticated\"}\n", 27);
		return (MREQ_DONE);
	}
	sbuf_init(&loc);
	sbuf_puts(&loc, "/connexion");
	if (stale)
		sbuf_puts(&loc, "?expiree=1");
	if (req->method == HTTP_METHOD_GET || req->method == HTTP_METHOD_HEAD) {
		path = request_path_query(req);
		if (session_return_path_ok(path)) {
			sbuf_puts(&loc, stale ? "&suite=" : "?suite=");
			mreq_suite(&loc, path);
		}
		kore_free(path);
	}
	respond_redirect(req, 303, loc.data);
	sbuf_free(&loc);
	return (MREQ_DONE);
}

/*
 * 1 if the request comes from one of our own pages (Origin, Referer or
 * Sec-Fetch-Site say so); else it is logged, answered 403, and 0.
 */
static int
mreq_same_origin(struct http_request *req, struct mreq *m)
{
	char	origin[300];

	request_origin(req, origin, sizeof(origin));
	if (session_same_origin(origin, request_header(req, "origin"),
	    request_header(req, "referer"),
	    request_header(req, "sec-fetch-site")))
		return (1);
	kore_log(LOG_NOTICE, "%s: cross-origin request refused",
	    m->route->name);
	respond_error(req, 403, m->lang, "error.csrf");
	return (0);
}

/*
 * First step of a public route with MREQ_CHECK_ORIGIN (the sign-in and
 * set-password forms, posted before any session exists): a POST from
 * another site is refused (login CSRF).
 */
int
mreq_origin_step(struct http_request *req, struct mreq *m)
{
	if (req->method != HTTP_METHOD_GET &&
	    req->method != HTTP_METHOD_HEAD && !mreq_same_origin(req, m))
		return (MREQ_DONE);
	return (m->route->start(req, m));
}

/*
 * First step of a staff route (or of a public one with
 * MREQ_SESSION_OPTIONAL, for GET only, so that a public form never acts
 * with a session it did not prove with a CSRF token): the session cookie,
 * then its row.
 */
int
mreq_sess_begin(struct http_request *req, struct mreq *m)
{
	char		 token[SESSION_TOKEN_HEX + 8], qlang[8];
	const char	*lang = NULL;
	enum lang	 l;
	char		 idle[16], reauth[16];

	if (!session_cookie_get(request_header(req, "cookie"),
	    respond_session_cookie_name(), token, sizeof(token)) ||
	    !session_token_valid(token) ||
	    session_token_hash(token, m->session.token_hash,
	    sizeof(m->session.token_hash)) == -1) {
		sodium_memzero(token, sizeof(token));
		if (m->route->roles == 0)
			return (m->route->start(req, m));
		return (mreq_unauthenticated(req, m, 0));
	}
	sodium_memzero(token, sizeof(token));
	/* ?lang= chosen on a staff page is kept for the person's next visits. */
	if (req->query_string != NULL &&
	    qs_get(req->query_string, "lang", qlang, sizeof(qlang)) == 1 &&
	    i18n_lang_from_code(qlang, &l))
		lang = lang_code[l];
	snprintf(idle, sizeof(idle), "%d", SESSION_IDLE_S);
	snprintf(reauth, sizeof(reauth), "%d", SESSION_REAUTH_S);
	return (mreq_query(m, SQL_SESSION_LOAD, mreq_sess_loaded, 4,
	    m->session.token_hash, idle, lang, reauth));
}

static int
mreq_sess_loaded(struct http_request *req, struct mreq *m)
{
	struct mreq_session	*s = &m->session;
	enum lang		 l;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		if (m->route->roles == 0)
			return (m->route->start(req, m));
		return (mreq_unauthenticated(req, m, 1));
	}
	kore_strlcpy(s->id, mreq_val(m, 0, 0), sizeof(s->id));
	kore_strlcpy(s->user_id, mreq_val(m, 0, 1), sizeof(s->user_id));
	s->role = mreq_role_bit(mreq_val(m, 0, 2));
	s->role_name = s->role == ROLE_ADMIN ? "admin" :
	    s->role == ROLE_COORDINATOR ? "coordinator" :
	    s->role == ROLE_MEDIATOR ? "mediator" : "funder";
	kore_strlcpy(s->org_id, mreq_val(m, 0, 3), sizeof(s->org_id));
	kore_strlcpy(s->funder_id, mreq_val(m, 0, 4), sizeof(s->funder_id));
	kore_strlcpy(s->managed_by, mreq_val(m, 0, 5), sizeof(s->managed_by));
	kore_strlcpy(s->site_ids, mreq_val(m, 0, 6), sizeof(s->site_ids));
	kore_strlcpy(s->csrf, mreq_val(m, 0, 7), sizeof(s->csrf));
	kore_strlcpy(s->email, mreq_val(m, 0, 8), sizeof(s->email));
	kore_strlcpy(s->name, mreq_val(m, 0, 9), sizeof(s->name));
	if (i18n_lang_from_code(mreq_val(m, 0, 10), &l))
		m->lang = l;
	s->reauth_fresh = strcmp(mreq_val(m, 0, 11), "t") == 0;
	if (s->role == 0)
		return (mreq_unauthenticated(req, m, 1));
	m->sess = s;

	if (m->route->roles != 0 && !(m->route->roles & s->role)) {
		/* Not for this role: as if it did not exist. */
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD &&
	    !mreq_csrf_ok(req, m))
		return (MREQ_DONE);
	if ((m->route->flags & MREQ_REAUTH) && !mreq_reauth_guard(req, m))
		return (MREQ_DONE);
	return (m->route->start(req, m));
}

/*
 * A state-changing request of a signed-in person must come from one of
 * our pages (origin headers) and carry the session's CSRF token. Returns
 * 1, or answers 403 (or the form's 400/413) and returns 0.
 */
static int
mreq_csrf_ok(struct http_request *req, struct mreq *m)
{
	const char	*ctype, *token = NULL;
	char		*mp;

	if (!mreq_same_origin(req, m))
		return (0);
	ctype = request_header(req, "content-type");
	token = request_header(req, "x-csrf-token");
	if (ctype != NULL && strncasecmp(ctype,
	    "application/x-www-form-urlencoded", 33) == 0) {
		/* Parsed once here; the steps read m->form. */
		if (!mreq_form(req, m))
			return (0);
		if (token == NULL)
			token = mreq_field(m, "csrf");
	} else if (token == NULL && ctype != NULL &&
	    strncasecmp(ctype, "multipart/form-data", 19) == 0) {
		/* The route must declare "validate csrf v_csrf". */
		http_populate_multipart_form(req);
		if (http_argument_get_string(req, "csrf", &mp))
			token = mp;
	}
	if (!session_equal(token, m->sess->csrf)) {
		kore_log(LOG_NOTICE, "%s: missing or wrong CSRF token",
		    m->route->name);
		respond_error(req, 403, m->lang, "error.csrf");
		return (0);
	}
	return (1);
}

/*
 * The re-authentication guard for sensitive actions (signing a report,
 * exporting raw data, managing users): 1 if the person checked their
 * password within SESSION_REAUTH_S; else 0 after sending them to confirm
 * it (/connexion/confirmer, which comes back to this page; for a POST, to
 * the page the form was on) or, for MREQ_API routes, 401
 * {"error":"reauth_required"}. A step calls it first:
 *	if (!mreq_reauth_guard(req, m)) return (MREQ_DONE);
 * or the route sets MREQ_REAUTH and the driver does.
 */
int
mreq_reauth_guard(struct http_request *req, struct mreq *m)
{
	struct sbuf	 loc;
	char		 origin[300];
	const char	*ref;
	char		*path;

	if (m->sess != NULL && m->sess->reauth_fresh)
		return (1);
	if (m->route->flags & MREQ_API) {
		respond_json(req, 401, "{\"error\":\"reauth_required\"}\n", 29);
		return (0);
	}
	sbuf_init(&loc);
	sbuf_puts(&loc, "/connexion/confirmer?suite=");
	if (req->method == HTTP_METHOD_GET || req->method == HTTP_METHOD_HEAD) {
		path = request_path_query(req);
		mreq_suite(&loc, session_return_path_ok(path) ? path : "/espace");
		kore_free(path);
	} else {
		request_origin(req, origin, sizeof(origin));
		ref = request_header(req, "referer");
		if (ref != NULL && strncmp(ref, origin, strlen(origin)) == 0 &&
		    session_return_path_ok(ref + strlen(origin)))
			mreq_suite(&loc, ref + strlen(origin));
		else
			mreq_suite(&loc, "/espace");
	}
	respond_redirect(req, 303, loc.data);
	sbuf_free(&loc);
	return (0);
}
