/*
 * users_form – creating and changing a user, for administrators (issue
 * #4), scoped to the users their organisation manages:
 *
 *	GET, POST /admin/utilisateurs/nouveau		create; shows a link
 *	GET, POST /admin/utilisateurs/ID		see and change
 *
 * Another organisation's user answers 404, as a user that does not exist.
 * Both need a fresh password check (MREQ_REAUTH). A new user's first
 * set-password link is made by app/users_action.c (users_link_new). The
 * SQL functions of sql/migrations/0200 check scope again and write the
 * audit rows.
 */
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "html.h"
#include "users.h"

static int	form_start(struct http_request *, struct mreq *);
static int	form_options(struct http_request *, struct mreq *);
static int	form_loaded(struct http_request *, struct mreq *);
static int	form_render(struct http_request *, struct mreq *, int);
static int	form_read(struct http_request *, struct mreq *);
static int	form_saved(struct http_request *, struct mreq *);

static const struct mreq_route new_route = {
	.name = "users_new",
	.start = form_start,
	.ctx_size = sizeof(struct ufrm),
	.ctx_free = users_form_free,
	.roles = ROLE_ADMIN,
	.flags = MREQ_REAUTH,
};

static const struct mreq_route edit_route = {
	.name = "users_edit",
	.start = form_start,
	.ctx_size = sizeof(struct ufrm),
	.ctx_free = users_form_free,
	.roles = ROLE_ADMIN,
	.flags = MREQ_REAUTH,
};

int
page_users_new(struct http_request *req)
{
	return (mreq_run(req, &new_route));
}

int
page_users_edit(struct http_request *req)
{
	return (mreq_run(req, &edit_route));
}

void
users_form_free(void *p)
{
	struct ufrm	*f = p;

	if (f->sitev != NULL)
		kore_free(f->sitev);
	if (f->funderv != NULL)
		kore_free(f->funderv);
	f->sitev = f->funderv = NULL;
	sodium_memzero(f->token, sizeof(f->token));
}

/*
 * The id in "/admin/utilisateurs/ID[/…]" into out (the route's regex has
 * checked it is 1 to 18 digits). 0, or -1.
 */
int
users_id_from_path(const char *path, const char *prefix, char *out,
    size_t outsz)
{
	size_t	n = strlen(prefix), i;

	if (strncmp(path, prefix, n) != 0)
		return (-1);
	for (i = 0; path[n + i] >= '0' && path[n + i] <= '9'; i++)
		;
	if (i == 0 || i >= outsz || i > 18)
		return (-1);
	memcpy(out, path + n, i);
	out[i] = '\0';
	return (0);
}

/* Create and change ------------------------------------------------------------- */

static int
form_start(struct http_request *req, struct mreq *m)
{
	struct ufrm	*f = m->ctx;
	char		 q[8];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (m->route == &edit_route &&
	    users_id_from_path(req->path, "/admin/utilisateurs/", f->id,
	    sizeof(f->id)) == -1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	f->saved = req->query_string != NULL &&
	    qs_get(req->query_string, "ok", q, sizeof(q)) == 1;
	kore_strlcpy(f->lang, "fr", sizeof(f->lang));
	kore_strlcpy(f->sites, "{}", sizeof(f->sites));
	return (mreq_query(m, SQL_USER_FORM_OPTIONS, form_options, 1,
	    m->sess->managed_by));
}

static int
form_options(struct http_request *req, struct mreq *m)
{
	struct ufrm		*f = m->ctx;
	struct users_option	*o;
	int			 i, n;

	if (m->failed)
		return (mreq_error(req, m));
	n = mreq_rows(m);
	if (n > USERS_OPTIONS_MAX)
		n = USERS_OPTIONS_MAX;
	f->sitev = kore_calloc((size_t)n + 1, sizeof(*f->sitev));
	f->funderv = kore_calloc((size_t)n + 1, sizeof(*f->funderv));
	for (i = 0; i < n; i++) {
		if (strcmp(mreq_val(m, i, 0), "site") == 0)
			o = &f->sitev[f->nsites++];
		else
			o = &f->funderv[f->nfunders++];
		kore_strlcpy(o->id, mreq_val(m, i, 1), sizeof(o->id));
		kore_strlcpy(o->label, mreq_val(m, i, 2), sizeof(o->label));
	}
	if (f->id[0] != '\0')
		return (mreq_query(m, SQL_USER_GET, form_loaded, 2,
		    m->sess->managed_by, f->id));
	if (req->method == HTTP_METHOD_POST)
		return (form_read(req, m));
	return (form_render(req, m, 200));
}

static int
form_loaded(struct http_request *req, struct mreq *m)
{
	struct ufrm	*f = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	kore_strlcpy(f->name, mreq_val(m, 0, 1), sizeof(f->name));
	kore_strlcpy(f->email, mreq_val(m, 0, 2), sizeof(f->email));
	kore_strlcpy(f->role, mreq_val(m, 0, 3), sizeof(f->role));
	kore_strlcpy(f->lang, mreq_val(m, 0, 4), sizeof(f->lang));
	f->disabled = strcmp(mreq_val(m, 0, 5), "t") == 0;
	f->has_password = strcmp(mreq_val(m, 0, 6), "t") == 0;
	kore_strlcpy(f->funder, mreq_val(m, 0, 7), sizeof(f->funder));
	kore_strlcpy(f->sites, mreq_val(m, 0, 8), sizeof(f->sites));
	staff_time(f->last_signin, sizeof(f->last_signin), m->lang,
	    mreq_val(m, 0, 9));
	staff_time(f->created, sizeof(f->created), m->lang, mreq_val(m, 0, 10));
	kore_strlcpy(f->sessions, mreq_val(m, 0, 11), sizeof(f->sessions));
	if (req->method == HTTP_METHOD_POST)
		return (form_read(req, m));
	return (form_render(req, m, 200));
}

/* Is id among the ids of the "{1,2}" list? */
static int
in_id_list(const char *list, const char *id)
{
	const char	*p;
	size_t		 n = strlen(id);

	for (p = list + 1; *p != '\0' && *p != '}'; ) {
		if (strncmp(p, id, n) == 0 && (p[n] == ',' || p[n] == '}'))
			return (1);
		while (*p != ',' && *p != '}' && *p != '\0')
			p++;
		if (*p == ',')
			p++;
	}
	return (0);
}

/*
 * An error message under a field, then the attributes that point to it,
 * each NUL-terminated in store; offs gets where each starts.
 */
static void
field_error(struct mreq *m, const char *field, const char *msgkey,
    struct sbuf *store, size_t *offs)
{
	offs[0] = store->len;
	if (msgkey != NULL) {
		sbuf_printf(store, "<p class=\"field-error\" id=\"err-%s\">",
		    field);
		html_escape(store, i18n_get(m->lang, msgkey));
		sbuf_puts(store, "</p>");
	}
	sbuf_putc(store, '\0');
	offs[1] = store->len;
	if (msgkey != NULL)
		sbuf_printf(store, " aria-invalid=\"true\" "
		    "aria-describedby=\"err-%s\"", field);
	sbuf_putc(store, '\0');
}

static int
form_render(struct http_request *req, struct mreq *m, int status)
{
	static const char *const fields[] = {
		"email", "name", "role", "sites", "funder"
	};
	static const char *const err_names[] = {
		"err_email", "err_name", "err_role", "err_sites", "err_funder"
	};
	static const char *const aria_names[] = {
		"aria_email", "aria_name", "aria_role", "aria_sites",
		"aria_funder"
	};
	static const char *const roles[] = {
		"admin", "coordinator", "mediator", "funder"
	};
	static const char *const role_names[] = {
		"role_admin", "role_coordinator", "role_mediator", "role_funder"
	};
	struct ufrm	*f = m->ctx;
	struct tmpl	 t, o, w;
	struct sbuf	 sites, funders, notice, errs, actions, form;
	const char	*errv[5];
	size_t		 offs[10], i;
	char		 action[64];
	int		 self;

	sbuf_init(&sites);
	sbuf_init(&funders);
	sbuf_init(&notice);
	sbuf_init(&errs);
	sbuf_init(&actions);
	sbuf_init(&form);
	self = strcmp(f->id, m->sess->user_id) == 0;
	for (i = 0; i < f->nsites; i++) {
		tmpl_init(&o, m->lang);
		tmpl_set(&o, "id", f->sitev[i].id);
		tmpl_set(&o, "label", f->sitev[i].label);
		/* Raw: a fixed attribute. */
		tmpl_set_raw(&o, "checked", in_id_list(f->sites,
		    f->sitev[i].id) ? " checked" : "");
		(void)tmpl_render(&sites, TMPL_USERS_SITE_OPTION, &o);
	}
	for (i = 0; i < f->nfunders; i++) {
		tmpl_init(&o, m->lang);
		tmpl_set(&o, "id", f->funderv[i].id);
		tmpl_set(&o, "label", f->funderv[i].label);
		/* Raw: a fixed attribute. */
		tmpl_set_raw(&o, "selected", strcmp(f->funder,
		    f->funderv[i].id) == 0 ? " selected" : "");
		(void)tmpl_render(&funders, TMPL_USERS_FUNDER_OPTION, &o);
	}
	if (f->err_form != NULL)
		staff_notice(&notice, "error", i18n_get(m->lang, f->err_form));
	else if (f->saved)
		staff_notice(&notice, "ok", i18n_get(m->lang, "users.saved"));

	errv[0] = f->err_email;
	errv[1] = f->err_name;
	errv[2] = f->err_role;
	errv[3] = f->err_sites;
	errv[4] = f->err_funder;
	for (i = 0; i < 5; i++)
		field_error(m, fields[i], errv[i], &errs, offs + 2 * i);

	/* The form itself, shared by the new and edit pages. */
	staff_tmpl_init(&t, m);
	for (i = 0; i < 5; i++) {
		/* Raw: messages escaped by field_error(); fixed attributes. */
		tmpl_set_raw(&t, err_names[i], errs.data + offs[2 * i]);
		tmpl_set_raw(&t, aria_names[i], errs.data + offs[2 * i + 1]);
	}
	for (i = 0; i < 4; i++) {
		/* Raw: fixed attributes. */
		tmpl_set_raw(&t, role_names[i], strcmp(f->role, roles[i]) == 0 ?
		    " checked" : "");
	}
	tmpl_set_raw(&t, "lang_fr", strcmp(f->lang, "en") != 0 ?
	    " selected" : "");
	tmpl_set_raw(&t, "lang_en", strcmp(f->lang, "en") == 0 ?
	    " selected" : "");
	tmpl_set_raw(&t, "role_locked", self ? " disabled" : "");
	tmpl_set(&t, "email", f->email);
	tmpl_set(&t, "name", f->name);
	if (f->id[0] == '\0')
		kore_strlcpy(action, "/admin/utilisateurs/nouveau",
		    sizeof(action));
	else
		snprintf(action, sizeof(action), "/admin/utilisateurs/%s",
		    f->id);
	tmpl_set(&t, "action", action);
	tmpl_set(&t, "submit", i18n_get(m->lang, f->id[0] == '\0' ?
	    "users.new.submit" : "users.edit.submit"));
	/* Raw: rendered from templates above. */
	tmpl_set_raw(&t, "sites", sites.data);
	tmpl_set_raw(&t, "funders", funders.data);
	if (tmpl_render(&form, TMPL_USERS_FORM, &t) == -1) {
		kore_log(LOG_ERR, "users form: %s", t.error);
		sbuf_reset(&form);
	}

	staff_tmpl_init(&w, m);
	/* Raw: rendered above (the form, staff_notice()). */
	tmpl_set_raw(&w, "form", form.data);
	tmpl_set_raw(&w, "notice", notice.data);
	if (f->id[0] == '\0') {
		(void)staff_page(req, m, status, &w, TMPL_USERS_NEW,
		    i18n_get(m->lang, "users.new.title"));
	} else {
		struct tmpl	a;

		tmpl_set(&w, "name", f->name);
		tmpl_set(&w, "status", f->disabled ?
		    i18n_get(m->lang, "users.status.disabled") :
		    !f->has_password ?
		    i18n_get(m->lang, "users.status.pending") :
		    i18n_get(m->lang, "users.status.active"));
		tmpl_set(&w, "last_signin", f->last_signin[0] ?
		    f->last_signin : i18n_get(m->lang, "account.never"));
		tmpl_set(&w, "created", f->created);
		tmpl_set(&w, "sessions", f->sessions);
		staff_tmpl_init(&a, m);
		tmpl_set(&a, "action", action);
		if (!self)
			(void)tmpl_render(&actions, f->disabled ?
			    TMPL_USERS_ACTION_ENABLE : TMPL_USERS_ACTION_DISABLE,
			    &a);
		if (!f->disabled)
			(void)tmpl_render(&actions, TMPL_USERS_ACTION_LINK, &a);
		/* Raw: rendered from templates above. */
		tmpl_set_raw(&w, "actions", actions.data);
		tmpl_set(&w, "self_note", self ?
		    i18n_get(m->lang, "users.self_note") : "");
		(void)staff_page(req, m, status, &w, TMPL_USERS_EDIT,
		    f->name[0] ? f->name : i18n_get(m->lang, "users.title"));
	}
	sbuf_free(&sites);
	sbuf_free(&funders);
	sbuf_free(&notice);
	sbuf_free(&errs);
	sbuf_free(&actions);
	sbuf_free(&form);
	return (MREQ_DONE);
}

/* Read and check the posted form, then save it. */
static int
form_read(struct http_request *req, struct mreq *m)
{
	struct ufrm	*f = m->ctx;
	struct sbuf	 ids;
	const char	*v;
	size_t		 i, n, chars;
	char		 email[256], name[512];

	/* The fields as typed, so that the form comes back filled. */
	v = mreq_field(m, "email");
	kore_strlcpy(email, v ? v : "", sizeof(email));
	v = mreq_field(m, "name");
	kore_strlcpy(name, v ? v : "", sizeof(name));
	for (i = strlen(email); i > 0 && email[i - 1] == ' '; i--)
		email[i - 1] = '\0';
	kore_strlcpy(f->email, email + strspn(email, " "), sizeof(f->email));
	for (i = strlen(name); i > 0 && name[i - 1] == ' '; i--)
		name[i - 1] = '\0';
	kore_strlcpy(f->name, name + strspn(name, " "), sizeof(f->name));
	/* One's own role cannot change: the disabled radios send nothing. */
	if (strcmp(f->id, m->sess->user_id) != 0) {
		v = mreq_field(m, "role");
		kore_strlcpy(f->role, v ? v : "", sizeof(f->role));
	}
	v = mreq_field(m, "lang");
	kore_strlcpy(f->lang, v != NULL && strcmp(v, "en") == 0 ? "en" : "fr",
	    sizeof(f->lang));
	v = mreq_field(m, "funder");
	kore_strlcpy(f->funder, v ? v : "", sizeof(f->funder));
	sbuf_init(&ids);
	sbuf_putc(&ids, '{');
	n = form_count(&m->form, "site");
	for (i = 0; i < n && i < USERS_OPTIONS_MAX; i++) {
		v = form_get_nth(&m->form, "site", i);
		if (v == NULL || !kore_validator_run(req, "v_id", (char *)v)) {
			f->err_sites = "users.err.sites";
			continue;
		}
		sbuf_printf(&ids, "%s%s", i ? "," : "", v);
	}
	sbuf_putc(&ids, '}');
	kore_strlcpy(f->sites, ids.data, sizeof(f->sites));
	sbuf_free(&ids);

	if (f->email[0] == '\0' || strlen(f->email) > 254 ||
	    !kore_validator_run(req, "v_email", f->email))
		f->err_email = "users.err.email";
	for (i = 0, chars = 0; f->name[i] != '\0'; i++)
		chars += ((unsigned char)f->name[i] & 0xc0) != 0x80;
	if (chars == 0 || chars > 120 ||
	    !kore_validator_run(req, "v_display_name", f->name))
		f->err_name = "users.err.name";
	if (!kore_validator_run(req, "v_role", f->role))
		f->err_role = "users.err.role";
	else if (strcmp(f->role, "mediator") == 0 && strcmp(f->sites, "{}") == 0)
		f->err_sites = "users.err.sites";
	else if (strcmp(f->role, "funder") == 0 &&
	    !kore_validator_run(req, "v_id", f->funder))
		f->err_funder = "users.err.funder";
	if (f->err_email || f->err_name || f->err_role || f->err_sites ||
	    f->err_funder) {
		f->err_form = "users.err.form";
		return (form_render(req, m, 422));
	}
	return (mreq_query(m, SQL_USER_SAVE, form_saved, 11,
	    m->sess->managed_by, f->id[0] ? f->id : NULL, f->email, f->name,
	    f->role, f->lang, strcmp(f->role, "mediator") == 0 ? f->sites : "{}",
	    strcmp(f->role, "funder") == 0 ? f->funder : NULL,
	    m->sess->user_id, m->sess->email,
	    m->client_ip[0] ? m->client_ip : NULL));
}

static int
form_saved(struct http_request *req, struct mreq *m)
{
	struct ufrm	*f = m->ctx;
	char		 loc[64];

	if (m->failed) {
		if (strcmp(m->sqlstate, "23505") == 0)
			f->err_email = "users.err.email_taken";
		else if (strcmp(m->sqlstate, "ME421") == 0)
			f->err_sites = "users.err.sites";
		else if (strcmp(m->sqlstate, "ME422") == 0)
			f->err_funder = "users.err.funder";
		else if (strcmp(m->sqlstate, "ME409") == 0)
			f->err_role = "users.err.self";
		else if (strcmp(m->sqlstate, "23514") == 0)
			f->err_form = "users.err.form";
		else if (strcmp(m->sqlstate, "ME404") == 0) {
			respond_error(req, 404, m->lang, "error.not_found");
			return (MREQ_DONE);
		} else
			return (mreq_error(req, m));
		if (f->err_form == NULL)
			f->err_form = "users.err.form";
		return (form_render(req, m, strcmp(m->sqlstate, "23505") == 0 ?
		    409 : 422));
	}
	if (f->id[0] != '\0') {
		snprintf(loc, sizeof(loc), "/admin/utilisateurs/%s?ok=1", f->id);
		respond_redirect(req, 303, loc);
		return (MREQ_DONE);
	}
	/* A new user: their first set-password link. */
	kore_strlcpy(f->id, mreq_val(m, 0, 0), sizeof(f->id));
	return (users_link_new(req, m, f->id));
}
