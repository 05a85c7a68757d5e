/*
 * auth_password – the two pages that ask a signed-in or invited person
 * for a password, outside the sign-in form (issue #4):
 *
 *	GET, POST /connexion/confirmer	re-authentication (password again)
 *	GET, POST /mot-de-passe/TOKEN	one-time link: set one's password
 *
 * Passwords are checked and hashed in a task thread (auth_pw_work() of
 * auth.c), as for signing in; a re-authentication is counted against the
 * throttle before the check (sql/queries/auth_recheck_begin.sql).
 */
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "html.h"

/* POST /connexion/confirmer and GET */
struct reauth {
	struct auth_pw	 pw;
	char		 suite[520];
};

/* /mot-de-passe/TOKEN */
struct setpw {
	struct auth_pw	 pw;
	char		 token[SESSION_TOKEN_HEX + 1];
	char		 hash[SESSION_HASH_HEX + 1];
	char		 email[256];
	char		 name[512];
	const char	*error;		/* message key, or NULL */
};

static void	reauth_free(void *);
static void	setpw_free(void *);
static int	reauth_start(struct http_request *, struct mreq *);
static int	reauth_form(struct http_request *, struct mreq *, int,
		    const char *);
static int	reauth_checked(struct http_request *, struct mreq *);
static int	reauth_verified(struct http_request *, struct mreq *);
static int	reauth_done(struct http_request *, struct mreq *);
static int	reauth_failed(struct http_request *, struct mreq *);
static int	setpw_start(struct http_request *, struct mreq *);
static int	setpw_found(struct http_request *, struct mreq *);
static int	setpw_form(struct http_request *, struct mreq *, int);
static int	setpw_hashed(struct http_request *, struct mreq *);
static int	setpw_done(struct http_request *, struct mreq *);

static const struct mreq_route reauth_route = {
	.name = "auth_reauth",
	.start = reauth_start,
	.ctx_size = sizeof(struct reauth),
	.ctx_free = reauth_free,
	.roles = ROLES_STAFF,
	.form_max = 8192,
};

static const struct mreq_route setpw_route = {
	.name = "auth_setpw",
	.start = setpw_start,
	.ctx_size = sizeof(struct setpw),
	.ctx_free = setpw_free,
	.flags = MREQ_CHECK_ORIGIN,
	.form_max = 8192,
};

int
page_auth_reauth(struct http_request *req)
{
	return (mreq_run(req, &reauth_route));
}

int
page_auth_setpw(struct http_request *req)
{
	return (mreq_run(req, &setpw_route));
}

static void
reauth_free(void *p)
{
	auth_pw_wipe(&((struct reauth *)p)->pw);
}

static void
setpw_free(void *p)
{
	struct setpw	*c = p;

	auth_pw_wipe(&c->pw);
	sodium_memzero(c->token, sizeof(c->token));
}

/* Re-authentication --------------------------------------------------------- */

static int
reauth_form(struct http_request *req, struct mreq *m, int status,
    const char *error)
{
	struct reauth	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 notice;

	sbuf_init(&notice);
	if (error != NULL)
		staff_notice(&notice, "error", i18n_get(m->lang, error));
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "suite", c->suite);
	/* Raw: escaped by staff_notice(). */
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "invalid", error != NULL ?
	    " aria-invalid=\"true\" aria-describedby=\"notice\"" : "");
	(void)staff_page(req, m, status, &t, TMPL_AUTH_REAUTH,
	    i18n_get(m->lang, "auth.reauth.title"));
	sbuf_free(&notice);
	return (MREQ_DONE);
}

static int
reauth_start(struct http_request *req, struct mreq *m)
{
	struct reauth	*c = m->ctx;
	const char	*pw;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method != HTTP_METHOD_POST) {
		if (req->query_string == NULL ||
		    qs_get(req->query_string, "suite", c->suite,
		    sizeof(c->suite)) != 1 || !session_return_path_ok(c->suite))
			kore_strlcpy(c->suite, "/espace", sizeof(c->suite));
		return (reauth_form(req, m, 200, NULL));
	}
	/* The driver parsed the form (CSRF token). */
	auth_trim_copy(c->suite, sizeof(c->suite), mreq_field(m, "suite"));
	if (!session_return_path_ok(c->suite))
		kore_strlcpy(c->suite, "/espace", sizeof(c->suite));
	pw = mreq_field(m, "password");
	if (pw == NULL || pw[0] == '\0')
		return (reauth_form(req, m, 200, "auth.reauth.empty"));
	if (strlen(pw) > PWPOLICY_MAX_BYTES)
		return (reauth_form(req, m, 200, "auth.reauth.wrong"));
	kore_strlcpy(c->pw.pw, pw, sizeof(c->pw.pw));
	return (mreq_query(m, SQL_AUTH_RECHECK_BEGIN, reauth_checked, 3,
	    m->sess->email, m->client_ip[0] ? m->client_ip : NULL,
	    m->sess->user_id));
}

static int
reauth_checked(struct http_request *req, struct mreq *m)
{
	struct reauth	*c = m->ctx;

	if (m->failed || mreq_rows(m) != 1)
		return (mreq_error(req, m));
	if (strcmp(mreq_val(m, 0, 0), "0") != 0) {
		auth_pw_wipe(&c->pw);
		return (auth_wait_page(req, m, mreq_val(m, 0, 0)));
	}
	kore_strlcpy(c->pw.hash, mreq_val(m, 0, 1), sizeof(c->pw.hash));
	c->pw.verify = 1;
	return (mreq_task(m, auth_pw_work, &c->pw, reauth_verified));
}

static int
reauth_verified(struct http_request *req, struct mreq *m)
{
	struct reauth	*c = m->ctx;

	auth_pw_wipe(&c->pw);
	if (!c->pw.ok)
		return (mreq_query(m, SQL_AUTH_FAILED, reauth_failed, 5,
		    "auth.reauth_failed", m->sess->email, m->sess->user_id,
		    m->client_ip[0] ? m->client_ip : NULL, "password"));
	return (mreq_query(m, SQL_AUTH_REAUTH, reauth_done, 3,
	    m->sess->token_hash, m->sess->email,
	    m->client_ip[0] ? m->client_ip : NULL));
}

static int
reauth_done(struct http_request *req, struct mreq *m)
{
	struct reauth	*c = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	respond_redirect(req, 303, c->suite);
	return (MREQ_DONE);
}

static int
reauth_failed(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	return (reauth_form(req, m, 200, "auth.reauth.wrong"));
}

/* Set-password links ------------------------------------------------------------ */

static int
setpw_start(struct http_request *req, struct mreq *m)
{
	struct setpw	*c = m->ctx;
	const char	*p;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	/* The route's regex guarantees 64 hex digits after the prefix. */
	p = req->path + strlen("/mot-de-passe/");
	kore_strlcpy(c->token, p, sizeof(c->token));
	if (session_token_hash(c->token, c->hash, sizeof(c->hash)) == -1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	if (req->method == HTTP_METHOD_POST && !mreq_form(req, m))
		return (MREQ_DONE);
	return (mreq_query(m, SQL_AUTH_LINK_CHECK, setpw_found, 1, c->hash));
}

static int
setpw_form(struct http_request *req, struct mreq *m, int status)
{
	struct setpw	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 notice;
	char		 action[96];
	char		 min[8];

	sbuf_init(&notice);
	if (c->error != NULL)
		staff_notice(&notice, "error", i18n_get(m->lang, c->error));
	snprintf(action, sizeof(action), "/mot-de-passe/%s", c->token);
	snprintf(min, sizeof(min), "%d", PWPOLICY_MIN_CHARS);
	tmpl_init(&t, m->lang);
	tmpl_set(&t, "action", action);
	tmpl_set(&t, "email", c->email);
	tmpl_set(&t, "name", c->name);
	tmpl_set(&t, "min", min);
	/* Raw: escaped by staff_notice(). */
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "invalid", c->error != NULL ?
	    " aria-invalid=\"true\" aria-describedby=\"notice pw-help\"" :
	    " aria-describedby=\"pw-help\"");
	/*
	 * The link is a secret, but Referrer-Policy stays same-origin: the
	 * page loads nothing from elsewhere (CSP), and with no-referrer
	 * browsers would post the form with "Origin: null", which the
	 * origin check rightly refuses.
	 */
	(void)respond_page(req, status, &t, TMPL_AUTH_SETPW,
	    i18n_get(m->lang, "auth.setpw.title"), CACHE_NO_STORE);
	sbuf_free(&notice);
	return (MREQ_DONE);
}

static int
setpw_found(struct http_request *req, struct mreq *m)
{
	struct setpw		*c = m->ctx;
	const char		*pw, *confirm;
	enum pwpolicy_result	 r;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "auth.setpw.invalid");
		return (MREQ_DONE);
	}
	kore_strlcpy(c->email, mreq_val(m, 0, 1), sizeof(c->email));
	kore_strlcpy(c->name, mreq_val(m, 0, 2), sizeof(c->name));
	if (req->method != HTTP_METHOD_POST)
		return (setpw_form(req, m, 200));

	pw = mreq_field(m, "password");
	confirm = mreq_field(m, "confirm");
	if (pw == NULL || pw[0] == '\0') {
		c->error = "pw.empty";
		return (setpw_form(req, m, 422));
	}
	if ((r = pwpolicy_check(pw, c->email, c->name)) != PWPOLICY_OK) {
		c->error = pwpolicy_msgkey(r);
		return (setpw_form(req, m, 422));
	}
	if (confirm == NULL || strcmp(pw, confirm) != 0) {
		c->error = "pw.mismatch";
		return (setpw_form(req, m, 422));
	}
	kore_strlcpy(c->pw.newpw, pw, sizeof(c->pw.newpw));
	return (mreq_task(m, auth_pw_work, &c->pw, setpw_hashed));
}

static int
setpw_hashed(struct http_request *req, struct mreq *m)
{
	struct setpw	*c = m->ctx;

	auth_pw_wipe(&c->pw);
	if (c->pw.failed) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_AUTH_LINK_USE, setpw_done, 3, c->hash,
	    c->pw.newhash, m->client_ip[0] ? m->client_ip : NULL));
}

static int
setpw_done(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1 || mreq_isnull(m, 0, 0)) {
		/* Used or expired in the meantime. */
		respond_error(req, 404, m->lang, "auth.setpw.invalid");
		return (MREQ_DONE);
	}
	/* Any session this browser had belonged to someone: it ends. */
	respond_session_cookie_clear(req);
	respond_redirect(req, 303, "/connexion?ok=1");
	return (MREQ_DONE);
}
