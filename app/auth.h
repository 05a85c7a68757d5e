/*
 * auth – accounts, sessions and the staff shell (issue #4): what other
 * areas use to build staff pages, and the handlers Kore looks up by name
 * in app/auth.c, app/auth_password.c, app/staff.c and app/users*.c.
 *
 * How a staff route is written (see app/mreq.h for what the driver does):
 *
 *	static const struct mreq_route r = {
 *		.name = "visit_new", .start = visit_start,
 *		.roles = ROLE_MEDIATOR | ROLE_COORDINATOR,
 *		.flags = MREQ_REAUTH,		(only for sensitive actions)
 *	};
 *
 * A step reads m->sess (never NULL on a route with roles): ->user_id,
 * ->org_id, ->site_ids ("{1,2}", $n::bigint[]), ->funder_id, ->role, and
 * passes them to its queries – the tenant scope comes from there only.
 * A form carries <input type="hidden" name="csrf" value="@@csrf@@">
 * (staff_tmpl_init() sets "csrf"); a script sends X-CSRF-Token.
 * A page is sent with staff_page(), which adds the navigation and
 * Cache-Control: no-store.
 * Audit: auth_audit(m, "export.raw", "convention", id, "{…}", next) writes
 * one row (who, organisation, address from the session); or, atomically
 * with the change itself, call audit_write(…) in the same SQL statement.
 */
#ifndef MESURE_AUTH_H
#define MESURE_AUTH_H

#include "mreq.h"
#include "password.h"
#include "pwpolicy.h"
#include "respond.h"
#include "sbuf.h"

/*
 * Password work for a task thread (argon2id costs ~25 ms and 19 MiB: it
 * must not stall the event loop). Fill the inputs, mreq_task(m,
 * auth_pw_work, w, next); read the outputs in next. Lives in m->ctx.
 */
struct auth_pw {
	/* inputs */
	int	 verify;			/* check pw against hash */
	char	 pw[PWPOLICY_MAX_BYTES + 1];
	char	 hash[PASSWORD_HASH_MAX];	/* "" -> the dummy hash */
	int	 rehash;			/* if ok and weak: rehash pw */
	char	 newpw[PWPOLICY_MAX_BYTES + 1];	/* hash it (if verify: if ok) */
	/* outputs */
	int	 ok;				/* pw matched a real hash */
	char	 newhash[PASSWORD_HASH_MAX];	/* of newpw or rehashed pw */
	int	 failed;			/* hashing failed */
};

void	auth_pw_work(void *);
void	auth_pw_wipe(struct auth_pw *);

/* Shared by app/auth.c and app/auth_password.c (defined in auth.c). */
void	auth_trim_copy(char *, size_t, const char *);
int	auth_wait_page(struct http_request *, struct mreq *, const char *);

/* Staff pages (app/staff.c). */
void	staff_tmpl_init(struct tmpl *, struct mreq *);
int	staff_page(struct http_request *, struct mreq *, int, struct tmpl *,
	    enum tmpl_id, const char *);
void	staff_notice(struct sbuf *, const char *, const char *);
const char *staff_role_label(enum lang, const char *);
void	staff_time(char *, size_t, enum lang, const char *);
int	auth_audit(struct mreq *, const char *, const char *, const char *,
	    const char *, mreq_fn);

/* Handlers (conf/routes/30-accounts.conf). */
int	page_auth_signin(struct http_request *);
int	page_auth_signout(struct http_request *);
int	page_auth_reauth(struct http_request *);
int	page_auth_setpw(struct http_request *);
int	page_auth_api_session(struct http_request *);
int	page_staff_home(struct http_request *);
int	page_staff_account(struct http_request *);
int	page_staff_sessions(struct http_request *);
int	page_staff_password(struct http_request *);
int	page_users_list(struct http_request *);
int	page_users_new(struct http_request *);
int	page_users_edit(struct http_request *);
int	page_users_action(struct http_request *);
int	page_users_audit(struct http_request *);

#endif
