/*
 * users_action – what an administrator does to a user besides editing
 * (issue #4), scoped to the users their organisation manages:
 *
 *	POST /admin/utilisateurs/ID/desactiver|activer	disable, enable
 *	POST /admin/utilisateurs/ID/lien		a new set-password link
 *
 * and the set-password link itself, shown once, which a new user gets too
 * (app/users_form.c). Another organisation's user answers 404, as a user
 * that does not exist. All need a fresh password check (MREQ_REAUTH): a
 * link opens the account it is for. The SQL functions of
 * sql/migrations/0200 check scope again and write the audit rows.
 */
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "frfmt.h"
#include "users.h"

static int	link_made(struct http_request *, struct mreq *);
static int	link_page(struct http_request *, struct mreq *, const char *);
static int	action_start(struct http_request *, struct mreq *);
static int	action_done(struct http_request *, struct mreq *);

static const struct mreq_route action_route = {
	.name = "users_action",
	.start = action_start,
	.ctx_size = sizeof(struct ufrm),
	.ctx_free = users_form_free,
	.roles = ROLE_ADMIN,
	.flags = MREQ_REAUTH,
};

int
page_users_action(struct http_request *req)
{
	return (mreq_run(req, &action_route));
}

/* Make a set-password link for the user id (query; link_made follows). */
int
users_link_new(struct http_request *req, struct mreq *m, const char *id)
{
	struct ufrm	*f = m->ctx;

	if (session_token_new(f->token, sizeof(f->token)) == -1 ||
	    session_token_hash(f->token, f->token_hash,
	    sizeof(f->token_hash)) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	snprintf(f->ttl, sizeof(f->ttl), "%d", SESSION_LINK_TTL_S);
	return (mreq_query(m, SQL_USER_LINK_CREATE, link_made, 7,
	    m->sess->managed_by, id, f->token_hash, f->ttl, m->sess->user_id,
	    m->sess->email, m->client_ip[0] ? m->client_ip : NULL));
}

static int
link_made(struct http_request *req, struct mreq *m)
{
	char	expires[FRFMT_BUFSZ * 2];

	if (m->failed) {
		if (strcmp(m->sqlstate, "ME404") == 0) {
			respond_error(req, 404, m->lang, "error.not_found");
			return (MREQ_DONE);
		}
		return (mreq_error(req, m));
	}
	staff_time(expires, sizeof(expires), m->lang, mreq_val(m, 0, 0));
	return (link_page(req, m, expires));
}

/*
 * The page that shows a new link once: there is no e-mail, the
 * administrator copies it to the person. The token is never shown again.
 */
static int
link_page(struct http_request *req, struct mreq *m, const char *expires)
{
	struct ufrm	*f = m->ctx;
	struct tmpl	 t;
	char		 origin[300], link[400], back[64];

	request_origin(req, origin, sizeof(origin));
	snprintf(link, sizeof(link), "%s/mot-de-passe/%s", origin, f->token);
	snprintf(back, sizeof(back), "/admin/utilisateurs/%s", f->id);
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "link", link);
	tmpl_set(&t, "expires", expires);
	tmpl_set(&t, "email", f->email);
	tmpl_set(&t, "back", back);
	(void)staff_page(req, m, 200, &t, TMPL_USERS_LINK,
	    i18n_get(m->lang, "users.link.title"));
	sodium_memzero(f->token, sizeof(f->token));
	return (MREQ_DONE);
}

/* Disable, enable, new link ------------------------------------------------- */

static int
action_start(struct http_request *req, struct mreq *m)
{
	struct ufrm	*f = m->ctx;
	const char	*verb;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (users_id_from_path(req->path, "/admin/utilisateurs/", f->id,
	    sizeof(f->id)) == -1 || (verb = strrchr(req->path, '/')) == NULL) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	verb++;
	if (strcmp(verb, "lien") == 0) {
		/* The e-mail, for the page: from the user, in scope. */
		f->action = "lien";
		return (mreq_query(m, SQL_USER_GET, action_done, 2,
		    m->sess->managed_by, f->id));
	}
	f->action = strcmp(verb, "desactiver") == 0 ? "disable" : "enable";
	return (mreq_query(m, SQL_USER_SET_DISABLED, action_done, 6,
	    m->sess->managed_by, f->id,
	    strcmp(f->action, "disable") == 0 ? "true" : "false",
	    m->sess->user_id, m->sess->email,
	    m->client_ip[0] ? m->client_ip : NULL));
}

static int
action_done(struct http_request *req, struct mreq *m)
{
	struct ufrm	*f = m->ctx;
	char		 loc[64];

	if (m->failed) {
		if (strcmp(m->sqlstate, "ME404") == 0) {
			respond_error(req, 404, m->lang, "error.not_found");
			return (MREQ_DONE);
		}
		if (strcmp(m->sqlstate, "ME409") == 0) {
			respond_error(req, 409, m->lang, "users.err.self");
			return (MREQ_DONE);
		}
		return (mreq_error(req, m));
	}
	if (strcmp(f->action, "lien") == 0) {
		if (mreq_rows(m) != 1) {
			respond_error(req, 404, m->lang, "error.not_found");
			return (MREQ_DONE);
		}
		if (strcmp(mreq_val(m, 0, 5), "t") == 0) {
			/* A disabled account gets no link. */
			respond_error(req, 409, m->lang, "users.err.disabled");
			return (MREQ_DONE);
		}
		kore_strlcpy(f->email, mreq_val(m, 0, 2), sizeof(f->email));
		f->action = "made";
		return (users_link_new(req, m, f->id));
	}
	snprintf(loc, sizeof(loc), "/admin/utilisateurs/%s?ok=1", f->id);
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}
