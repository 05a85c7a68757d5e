/*
 * users – user administration for administrators (issue #4), scoped to
 * the users their organisation manages (users.managed_by = the admin's).
 * This file: the list and the audit log.
 *
 *	GET /admin/utilisateurs				the list
 *	GET /admin/journal				the audit log
 *
 * Creating and changing a user is app/users_form.c; disabling, enabling
 * and set-password links are app/users_action.c (shared: app/users.h).
 * Another organisation's user answers 404, as a user that does not exist.
 * The SQL functions of sql/migrations/0200 check scope again and write
 * the audit rows.
 */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "frfmt.h"
#include "html.h"

#define USERS_AUDIT_PAGE	50

static int	list_start(struct http_request *, struct mreq *);
static int	list_render(struct http_request *, struct mreq *);
static int	audit_start(struct http_request *, struct mreq *);
static int	audit_render(struct http_request *, struct mreq *);

static const struct mreq_route list_route = {
	.name = "users_list",
	.start = list_start,
	.roles = ROLE_ADMIN,
};

static const struct mreq_route audit_route = {
	.name = "users_audit",
	.start = audit_start,
	.roles = ROLE_ADMIN,
};

int
page_users_list(struct http_request *req)
{
	return (mreq_run(req, &list_route));
}

int
page_users_audit(struct http_request *req)
{
	return (mreq_run(req, &audit_route));
}

/* The list ---------------------------------------------------------------------- */

static int
list_start(struct http_request *req, struct mreq *m)
{
	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	return (mreq_query(m, SQL_USER_LIST, list_render, 1,
	    m->sess->managed_by));
}

static int
list_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t, r;
	struct sbuf	 rows;
	char		 href[64], signin[FRFMT_BUFSZ * 2];
	const char	*status, *scope;
	int		 i;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	for (i = 0; i < mreq_rows(m); i++) {
		tmpl_init(&r, m->lang);
		snprintf(href, sizeof(href), "/admin/utilisateurs/%s",
		    mreq_val(m, i, 0));
		if (strcmp(mreq_val(m, i, 4), "t") == 0)
			status = i18n_get(m->lang, "users.status.disabled");
		else if (strcmp(mreq_val(m, i, 5), "f") == 0)
			status = i18n_get(m->lang, "users.status.pending");
		else
			status = i18n_get(m->lang, "users.status.active");
		scope = mreq_val(m, i, 7)[0] ? mreq_val(m, i, 7) :
		    mreq_val(m, i, 8);
		staff_time(signin, sizeof(signin), m->lang, mreq_val(m, i, 6));
		tmpl_set(&r, "href", href);
		tmpl_set(&r, "name", mreq_val(m, i, 1));
		tmpl_set(&r, "email", mreq_val(m, i, 2));
		tmpl_set(&r, "role", staff_role_label(m->lang, mreq_val(m, i, 3)));
		tmpl_set(&r, "scope", scope);
		tmpl_set(&r, "status", status);
		tmpl_set(&r, "signin", signin);
		(void)tmpl_render(&rows, TMPL_USERS_ROW, &r);
	}
	staff_tmpl_init(&t, m);
	/* Raw: rows rendered from templates above. */
	tmpl_set_raw(&t, "rows", rows.data);
	(void)staff_page(req, m, 200, &t, TMPL_USERS_LIST,
	    i18n_get(m->lang, "users.title"));
	sbuf_free(&rows);
	return (MREQ_DONE);
}

/* The audit log ------------------------------------------------------------------- */

static int
audit_start(struct http_request *req, struct mreq *m)
{
	char	before[24], limit[8];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	before[0] = '\0';
	if (req->query_string != NULL &&
	    qs_get(req->query_string, "avant", before, sizeof(before)) == 1 &&
	    !kore_validator_run(req, "v_id", before))
		before[0] = '\0';
	snprintf(limit, sizeof(limit), "%d", USERS_AUDIT_PAGE);
	return (mreq_query(m, SQL_AUDIT_LIST, audit_render, 3,
	    m->sess->managed_by, before[0] ? before : NULL, limit));
}

static int
audit_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t, r;
	struct sbuf	 rows, more;
	char		 at[FRFMT_BUFSZ * 2], object[80], key[64];
	const char	*action, *label;
	int		 i;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	sbuf_init(&more);
	for (i = 0; i < mreq_rows(m); i++) {
		tmpl_init(&r, m->lang);
		action = mreq_val(m, i, 4);
		snprintf(key, sizeof(key), "audit.%s", action);
		label = i18n_has(LANG_FR, key) ? i18n_get(m->lang, key) : action;
		staff_time(at, sizeof(at), m->lang, mreq_val(m, i, 1));
		snprintf(object, sizeof(object), "%s%s%s", mreq_val(m, i, 5),
		    mreq_val(m, i, 6)[0] ? " " : "", mreq_val(m, i, 6));
		tmpl_set(&r, "at", at);
		tmpl_set(&r, "actor", mreq_val(m, i, 2));
		tmpl_set(&r, "ip", mreq_val(m, i, 3));
		tmpl_set(&r, "action", label);
		tmpl_set(&r, "code", action);
		tmpl_set(&r, "object", object);
		tmpl_set(&r, "detail", strcmp(mreq_val(m, i, 7), "{}") == 0 ?
		    "" : mreq_val(m, i, 7));
		(void)tmpl_render(&rows, TMPL_USERS_AUDIT_ROW, &r);
	}
	if (mreq_rows(m) == USERS_AUDIT_PAGE) {
		sbuf_puts(&more, "<p><a class=\"button secondary\" "
		    "href=\"/admin/journal?avant=");
		html_escape(&more, mreq_val(m, mreq_rows(m) - 1, 0));
		sbuf_puts(&more, "\">");
		html_escape(&more, i18n_get(m->lang, "audit.older"));
		sbuf_puts(&more, "</a></p>");
	}
	staff_tmpl_init(&t, m);
	/* Raw: rendered from templates / escaped above. */
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "more", more.data);
	(void)staff_page(req, m, 200, &t, TMPL_USERS_AUDIT,
	    i18n_get(m->lang, "audit.title"));
	sbuf_free(&rows);
	sbuf_free(&more);
	return (MREQ_DONE);
}
