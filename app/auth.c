/*
 * auth – signing in and out (issue #4):
 *
 *	GET, POST /connexion		sign-in form; opens a session
 *	POST /deconnexion		ends the session
 *	GET /api/session		the signed-in person, as JSON
 *
 * Re-authentication (/connexion/confirmer) and set-password links
 * (/mot-de-passe/TOKEN) are in auth_password.c.
 *
 * Passwords are checked with argon2id in a task thread (auth_pw_work), so
 * the worker keeps serving other requests for the ~25 ms it takes. Every
 * attempt is counted against the throttle before the check
 * (sql/queries/auth_signin_begin.sql); an unknown account, a disabled one
 * or one without a password is checked against a dummy hash, so that it
 * answers the same thing in the same time as a wrong password.
 */
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "html.h"
#include "json.h"

/* POST /connexion */
struct signin {
	struct auth_pw	 pw;		/* first: the task's argument */
	char		 email[256];	/* as typed, trimmed */
	char		 account[256];	/* lower-cased, the throttle key */
	char		 suite[520];	/* where to go after */
	char		 user_id[24];	/* "" for an unknown account */
	int		 disabled;
	char		 token[SESSION_TOKEN_HEX + 1];
	char		 token_hash[SESSION_HASH_HEX + 1];
	char		 csrf[SESSION_TOKEN_HEX + 1];
	const char	*reason;	/* why it failed (audit) */
};

static void	signin_free(void *);
static int	signin_start(struct http_request *, struct mreq *);
static int	signin_form(struct http_request *, struct mreq *, int,
		    const char *, const char *);
static int	signin_checked(struct http_request *, struct mreq *);
static int	signin_verified(struct http_request *, struct mreq *);
static int	signin_opened(struct http_request *, struct mreq *);
static int	signin_failed(struct http_request *, struct mreq *);
static int	signout_start(struct http_request *, struct mreq *);
static int	signout_done(struct http_request *, struct mreq *);
static int	api_session_start(struct http_request *, struct mreq *);

static const struct mreq_route signin_route = {
	.name = "auth_signin",
	.start = signin_start,
	.ctx_size = sizeof(struct signin),
	.ctx_free = signin_free,
	.flags = MREQ_CHECK_ORIGIN,
	.form_max = 8192,
};

static const struct mreq_route signout_route = {
	.name = "auth_signout",
	.start = signout_start,
	.roles = ROLES_STAFF,
};

static const struct mreq_route api_session_route = {
	.name = "auth_api_session",
	.start = api_session_start,
	.roles = ROLES_STAFF,
	.flags = MREQ_API,
};

int
page_auth_signin(struct http_request *req)
{
	return (mreq_run(req, &signin_route));
}

int
page_auth_signout(struct http_request *req)
{
	return (mreq_run(req, &signout_route));
}

int
page_auth_api_session(struct http_request *req)
{
	return (mreq_run(req, &api_session_route));
}

/*
 * The task: check a password and/or hash one (struct auth_pw in auth.h).
 * Runs in a task thread: libc and libsodium only.
 */
void
auth_pw_work(void *arg)
{
	struct auth_pw	*w = arg;
	const char	*hash;

	w->ok = 0;
	w->failed = 0;
	w->newhash[0] = '\0';
	if (w->verify) {
		hash = w->hash[0] != '\0' ? w->hash : pwpolicy_dummy_hash();
		w->ok = password_verify(hash, w->pw) && w->hash[0] != '\0';
		if (!w->ok)
			return;
		if (w->rehash && w->newpw[0] == '\0' &&
		    password_needs_rehash(w->hash)) {
			if (password_hash(w->pw, w->newhash,
			    sizeof(w->newhash)) == -1)
				w->newhash[0] = '\0';
		}
	}
	if (w->newpw[0] != '\0' &&
	    password_hash(w->newpw, w->newhash, sizeof(w->newhash)) == -1)
		w->failed = 1;
}

/* Forget the passwords as soon as they are no longer needed. */
void
auth_pw_wipe(struct auth_pw *w)
{
	sodium_memzero(w->pw, sizeof(w->pw));
	sodium_memzero(w->newpw, sizeof(w->newpw));
}

static void
signin_free(void *p)
{
	struct signin	*c = p;

	auth_pw_wipe(&c->pw);
	sodium_memzero(c->token, sizeof(c->token));
}

/* Copy s into out without leading and trailing spaces. */
void
auth_trim_copy(char *out, size_t outsz, const char *s)
{
	size_t	n;

	if (s == NULL)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* 429: too many attempts; wait says how long (seconds, as text). */
int
auth_wait_page(struct http_request *req, struct mreq *m, const char *wait)
{
	struct tmpl	 t;
	char		 minutes[24];
	long		 s = strtol(wait, NULL, 10);

	snprintf(minutes, sizeof(minutes), "%ld", (s + 59) / 60);
	http_response_header(req, "retry-after", wait);
	tmpl_init(&t, m->lang);
	tmpl_set(&t, "minutes", minutes);
	(void)respond_page(req, 429, &t, TMPL_AUTH_WAIT,
	    i18n_get(m->lang, "auth.wait.title"), CACHE_NO_STORE);
	return (MREQ_DONE);
}

/* Sign-in ----------------------------------------------------------------- */

/*
 * The sign-in form, with status, a notice (message key and kind, or NULL)
 * and what was typed (never the password).
 */
static int
signin_form(struct http_request *req, struct mreq *m, int status,
    const char *kind, const char *msgkey)
{
	struct signin	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 notice;

	sbuf_init(&notice);
	if (msgkey != NULL)
		staff_notice(&notice, kind, i18n_get(m->lang, msgkey));
	tmpl_init(&t, m->lang);
	tmpl_set(&t, "email", c->email);
	tmpl_set(&t, "suite", c->suite);
	/* Raw: built by staff_notice() through the escaping writer. */
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "invalid", kind != NULL && strcmp(kind, "error") == 0 ?
	    " aria-invalid=\"true\" aria-describedby=\"notice\"" : "");
	(void)respond_page(req, status, &t, TMPL_AUTH_SIGNIN,
	    i18n_get(m->lang, "auth.signin.title"), CACHE_NO_STORE);
	sbuf_free(&notice);
	return (MREQ_DONE);
}

static int
signin_start(struct http_request *req, struct mreq *m)
{
	struct signin	*c = m->ctx;
	const char	*pw;
	char		 q[16];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method != HTTP_METHOD_POST) {
		if (req->query_string != NULL &&
		    qs_get(req->query_string, "suite", c->suite,
		    sizeof(c->suite)) == 1 && !session_return_path_ok(c->suite))
			c->suite[0] = '\0';
		if (req->query_string != NULL &&
		    qs_get(req->query_string, "expiree", q, sizeof(q)) == 1)
			return (signin_form(req, m, 200, "info",
			    "auth.signin.expired"));
		if (req->query_string != NULL &&
		    qs_get(req->query_string, "sortie", q, sizeof(q)) == 1)
			return (signin_form(req, m, 200, "ok",
			    "auth.signin.signed_out"));
		if (req->query_string != NULL &&
		    qs_get(req->query_string, "ok", q, sizeof(q)) == 1)
			return (signin_form(req, m, 200, "ok",
			    "auth.signin.password_set"));
		return (signin_form(req, m, 200, NULL, NULL));
	}

	if (!mreq_form(req, m))
		return (MREQ_DONE);
	auth_trim_copy(c->email, sizeof(c->email), mreq_field(m, "email"));
	auth_trim_copy(c->suite, sizeof(c->suite), mreq_field(m, "suite"));
	if (!session_return_path_ok(c->suite))
		c->suite[0] = '\0';
	pw = mreq_field(m, "password");
	if (c->email[0] == '\0' || pw == NULL || pw[0] == '\0')
		return (signin_form(req, m, 200, "error", "auth.signin.empty"));
	if (strlen(pw) > PWPOLICY_MAX_BYTES || strlen(c->email) > 254 ||
	    !kore_validator_run(req, "v_email", c->email)) {
		/* Cannot be an account: the same answer as a wrong password. */
		return (signin_form(req, m, 200, "error", "auth.signin.wrong"));
	}
	kore_strlcpy(c->pw.pw, pw, sizeof(c->pw.pw));
	return (mreq_query(m, SQL_AUTH_SIGNIN_BEGIN, signin_checked, 2,
	    c->email, m->client_ip[0] ? m->client_ip : NULL));
}

static int
signin_checked(struct http_request *req, struct mreq *m)
{
	struct signin	*c = m->ctx;

	if (m->failed || mreq_rows(m) != 1)
		return (mreq_error(req, m));
	if (strcmp(mreq_val(m, 0, 0), "0") != 0) {
		auth_pw_wipe(&c->pw);
		return (auth_wait_page(req, m, mreq_val(m, 0, 0)));
	}
	kore_strlcpy(c->account, mreq_val(m, 0, 1), sizeof(c->account));
	kore_strlcpy(c->user_id, mreq_val(m, 0, 2), sizeof(c->user_id));
	c->disabled = strcmp(mreq_val(m, 0, 4), "t") == 0;
	if (c->user_id[0] == '\0')
		c->reason = "unknown";
	else if (mreq_isnull(m, 0, 3))
		c->reason = "no_password";
	else if (c->disabled)
		c->reason = "disabled";
	/* Unknown, no password: the dummy hash (same work, same time). */
	if (!mreq_isnull(m, 0, 3))
		kore_strlcpy(c->pw.hash, mreq_val(m, 0, 3), sizeof(c->pw.hash));
	c->pw.verify = 1;
	c->pw.rehash = 1;
	return (mreq_task(m, auth_pw_work, &c->pw, signin_verified));
}

static int
signin_verified(struct http_request *req, struct mreq *m)
{
	struct signin	*c = m->ctx;
	char		 old[SESSION_TOKEN_HEX + 8], oldhash[SESSION_HASH_HEX + 1];
	char		 absolute[16];
	const char	*ua;

	auth_pw_wipe(&c->pw);
	if (!c->pw.ok || c->disabled || c->user_id[0] == '\0') {
		if (c->reason == NULL)
			c->reason = "password";
		return (mreq_query(m, SQL_AUTH_FAILED, signin_failed, 5,
		    "auth.signin_failed", c->account,
		    c->user_id[0] ? c->user_id : NULL,
		    m->client_ip[0] ? m->client_ip : NULL, c->reason));
	}
	/* A new token every sign-in; the one the browser had ends. */
	if (session_token_new(c->token, sizeof(c->token)) == -1 ||
	    session_token_hash(c->token, c->token_hash,
	    sizeof(c->token_hash)) == -1 ||
	    session_token_new(c->csrf, sizeof(c->csrf)) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	oldhash[0] = '\0';
	if (session_cookie_get(request_header(req, "cookie"),
	    respond_session_cookie_name(), old, sizeof(old)) &&
	    session_token_hash(old, oldhash, sizeof(oldhash)) == -1)
		oldhash[0] = '\0';
	sodium_memzero(old, sizeof(old));
	snprintf(absolute, sizeof(absolute), "%d", SESSION_ABSOLUTE_S);
	ua = request_header(req, "user-agent");
	return (mreq_query(m, SQL_AUTH_SIGNIN, signin_opened, 9, c->user_id,
	    c->token_hash, c->csrf, m->client_ip[0] ? m->client_ip : NULL,
	    ua ? ua : "", oldhash[0] ? oldhash : NULL, c->account, absolute,
	    c->pw.newhash[0] ? c->pw.newhash : NULL));
}

static int
signin_opened(struct http_request *req, struct mreq *m)
{
	struct signin	*c = m->ctx;

	if (m->failed || mreq_rows(m) != 1)
		return (mreq_error(req, m));
	if (mreq_isnull(m, 0, 0)) {
		/* Disabled between the check and now. */
		c->reason = "disabled";
		return (mreq_query(m, SQL_AUTH_FAILED, signin_failed, 5,
		    "auth.signin_failed", c->account, c->user_id,
		    m->client_ip[0] ? m->client_ip : NULL, c->reason));
	}
	respond_session_cookie(req, c->token);
	sodium_memzero(c->token, sizeof(c->token));
	respond_redirect(req, 303, c->suite[0] ? c->suite : "/espace");
	return (MREQ_DONE);
}

static int
signin_failed(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	return (signin_form(req, m, 200, "error", "auth.signin.wrong"));
}

/* Sign-out ---------------------------------------------------------------- */

static int
signout_start(struct http_request *req, struct mreq *m)
{
	if (!mreq_method_allowed(req, m, HTTP_METHOD_POST))
		return (MREQ_DONE);
	return (mreq_query(m, SQL_AUTH_SIGNOUT, signout_done, 2,
	    m->sess->token_hash, m->client_ip[0] ? m->client_ip : NULL));
}

static int
signout_done(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	respond_session_cookie_clear(req);
	respond_redirect(req, 303, "/connexion?sortie=1");
	return (MREQ_DONE);
}

/* GET /api/session ------------------------------------------------------------ */

/*
 * The signed-in person as JSON, for scripts of staff pages (the kiosk's):
 * who, which role and scope, and the CSRF token to send as X-CSRF-Token.
 */
static int
api_session_start(struct http_request *req, struct mreq *m)
{
	struct mreq_session	*s = m->sess;
	struct sbuf		 b;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	sbuf_init(&b);
	sbuf_printf(&b, "{\"user\":{\"id\":%s,\"email\":", s->user_id);
	json_write_string(&b, s->email);
	sbuf_puts(&b, ",\"name\":");
	json_write_string(&b, s->name);
	sbuf_puts(&b, ",\"role\":");
	json_write_string(&b, s->role_name);
	sbuf_printf(&b, "},\"organisation\":%s,\"funder\":%s,\"sites\":[",
	    s->org_id[0] ? s->org_id : "null",
	    s->funder_id[0] ? s->funder_id : "null");
	/* "{1,2}" -> 1,2 */
	if (strlen(s->site_ids) > 2)
		sbuf_add(&b, s->site_ids + 1, strlen(s->site_ids) - 2);
	sbuf_puts(&b, "],\"lang\":");
	json_write_string(&b, lang_code[m->lang]);
	sbuf_printf(&b, ",\"reauth_fresh\":%s,\"csrf\":",
	    s->reauth_fresh ? "true" : "false");
	json_write_string(&b, s->csrf);
	sbuf_puts(&b, "}\n");
	respond_json(req, 200, b.data, b.len);
	sbuf_free(&b);
	return (MREQ_DONE);
}
