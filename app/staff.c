/*
 * staff – the staff shell (issue #4): the navigation every staff page
 * carries, a home page per role, and the person's own account:
 *
 *	GET /espace			home: admin, coordinator, mediator, funder
 *	GET /compte			my account
 *	GET, POST /compte/sessions	my sessions; end one or all the others
 *	GET, POST /compte/mot-de-passe	change my password
 *
 * Other areas add their pages to staff_nav[] and send them with
 * staff_page(). Every query is scoped by the session (m->sess), never by
 * the request.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "frfmt.h"
#include "html.h"

/*
 * The navigation: one line per page, with the roles that see it. Other
 * areas add theirs here (a page a role cannot open must not be listed
 * for it; the route's .roles still decides).
 */
static const struct staff_nav_item {
	const char	*href;
	const char	*msgkey;
	unsigned int	 roles;
} staff_nav[] = {
	{ "/espace", "nav.home", ROLES_STAFF },
	/* Visits (issue #5, app/visit*.c, activity.c, device.c). */
	{ "/visites/nouvelle", "nav.visit_new", ROLE_MEDIATOR |
	    ROLE_COORDINATOR },
	{ "/visites", "nav.visits", ROLE_MEDIATOR | ROLE_COORDINATOR |
	    ROLE_ADMIN },
	{ "/visites/activite", "nav.activity", ROLE_COORDINATOR | ROLE_ADMIN },
	{ "/tablettes", "nav.devices", ROLE_MEDIATOR | ROLE_COORDINATOR },
	{ "/admin/utilisateurs", "nav.users", ROLE_ADMIN },
	{ "/admin/journal", "nav.audit", ROLE_ADMIN },
	{ "/projets", "nav.projects", ROLE_COORDINATOR },
	{ "/tableau-de-bord", "nav.dashboard", ROLE_COORDINATOR },
	{ "/questionnaires", "nav.surveys", ROLE_COORDINATOR },
	{ "/rapports", "nav.reports", ROLE_COORDINATOR | ROLE_ADMIN |
	    ROLE_FUNDER },
	/* The people's rights (issue #8, app/privacy_rights.c). */
	{ "/donnees-personnelles", "nav.rights", ROLE_COORDINATOR |
	    ROLE_ADMIN },
	{ "/compte", "nav.account", ROLES_STAFF },
};

/* POST /compte/mot-de-passe */
struct pwchange {
	struct auth_pw	 pw;		/* first: the task's argument */
	const char	*error;		/* message key */
};

static void	pwchange_free(void *);
static int	home_start(struct http_request *, struct mreq *);
static int	home_admin(struct http_request *, struct mreq *);
static int	home_coordinator(struct http_request *, struct mreq *);
static int	home_mediator(struct http_request *, struct mreq *);
static int	home_funder(struct http_request *, struct mreq *);
static int	account_start(struct http_request *, struct mreq *);
static int	account_render(struct http_request *, struct mreq *);
static int	sessions_start(struct http_request *, struct mreq *);
static int	sessions_ended(struct http_request *, struct mreq *);
static int	sessions_render(struct http_request *, struct mreq *);
static int	pwchange_start(struct http_request *, struct mreq *);
static int	pwchange_form(struct http_request *, struct mreq *, int,
		    const char *, const char *);
static int	pwchange_checked(struct http_request *, struct mreq *);
static int	pwchange_verified(struct http_request *, struct mreq *);
static int	pwchange_failed(struct http_request *, struct mreq *);
static int	pwchange_done(struct http_request *, struct mreq *);

static const struct mreq_route home_route = {
	.name = "staff_home",
	.start = home_start,
	.roles = ROLES_STAFF,
};

static const struct mreq_route account_route = {
	.name = "staff_account",
	.start = account_start,
	.roles = ROLES_STAFF,
};

static const struct mreq_route sessions_route = {
	.name = "staff_sessions",
	.start = sessions_start,
	.roles = ROLES_STAFF,
};

static const struct mreq_route pwchange_route = {
	.name = "staff_password",
	.start = pwchange_start,
	.ctx_size = sizeof(struct pwchange),
	.ctx_free = pwchange_free,
	.roles = ROLES_STAFF,
	.form_max = 8192,
};

int
page_staff_home(struct http_request *req)
{
	return (mreq_run(req, &home_route));
}

int
page_staff_account(struct http_request *req)
{
	return (mreq_run(req, &account_route));
}

int
page_staff_sessions(struct http_request *req)
{
	return (mreq_run(req, &sessions_route));
}

int
page_staff_password(struct http_request *req)
{
	return (mreq_run(req, &pwchange_route));
}

/* Shared by every staff page ---------------------------------------------- */

/* A template for a staff page: "csrf" for its forms. */
void
staff_tmpl_init(struct tmpl *t, struct mreq *m)
{
	tmpl_init(t, m->lang);
	tmpl_set(t, "csrf", m->sess != NULL ? m->sess->csrf : "");
}

/*
 * A message box: kind is "error" (role=alert), "ok" or "info"
 * (role=status). text is escaped.
 */
void
staff_notice(struct sbuf *out, const char *kind, const char *text)
{
	sbuf_printf(out, "<p id=\"notice\" class=\"notice notice-%s\" "
	    "role=\"%s\">", kind, strcmp(kind, "error") == 0 ? "alert" :
	    "status");
	html_escape(out, text);
	sbuf_puts(out, "</p>");
}

/* The name of a role in the person's language. */
const char *
staff_role_label(enum lang l, const char *role)
{
	char	key[48];

	snprintf(key, sizeof(key), "role.%s", role);
	return (i18n_has(LANG_FR, key) ? i18n_get(l, key) : role);
}

/*
 * A PostgreSQL timestamptz ("2026-11-28 16:01:04.92+01", in the
 * database's time zone, Europe/Paris) as people read it: "28/11/2026
 * 16:01" in French, "28 Nov 2026, 16:01" in English; "" for "".
 */
void
staff_time(char *out, size_t outsz, enum lang l, const char *ts)
{
	char	date[FRFMT_BUFSZ];
	int	y, mo, d, h, mi;

	if (sscanf(ts, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) != 5) {
		kore_strlcpy(out, ts, outsz);
		return;
	}
	fmt_date(date, sizeof(date), l, y, mo, d);
	snprintf(out, outsz, l == LANG_FR ? "%s à %02d:%02d" : "%s, %02d:%02d",
	    date, h, mi);
}

/*
 * Send a staff page: the body template in the layout with the navigation
 * for m->sess (links of its role, who is signed in, a sign-out button),
 * never cached. Returns MREQ_DONE.
 */
int
staff_page(struct http_request *req, struct mreq *m, int status,
    struct tmpl *t, enum tmpl_id body, const char *title)
{
	struct sbuf	 items, nav;
	struct tmpl	 it, nt;
	size_t		 i, n, best = 0, best_len = 0;
	int		 current;

	sbuf_init(&items);
	sbuf_init(&nav);
	/*
	 * The current page is the longest entry the path is or starts
	 * with ("/visites/activite" is not also "/visites").
	 */
	for (i = 0; m->sess != NULL &&
	    i < sizeof(staff_nav) / sizeof(staff_nav[0]); i++) {
		if (!(staff_nav[i].roles & m->sess->role))
			continue;
		n = strlen(staff_nav[i].href);
		if ((strcmp(req->path, staff_nav[i].href) == 0 ||
		    (n > 1 && strncmp(req->path, staff_nav[i].href, n) == 0 &&
		    req->path[n] == '/')) && n > best_len) {
			best = i;
			best_len = n;
		}
	}
	for (i = 0; m->sess != NULL &&
	    i < sizeof(staff_nav) / sizeof(staff_nav[0]); i++) {
		if (!(staff_nav[i].roles & m->sess->role))
			continue;
		current = best_len > 0 && i == best;
		tmpl_init(&it, m->lang);
		tmpl_set(&it, "href", staff_nav[i].href);
		tmpl_set(&it, "label", i18n_get(m->lang, staff_nav[i].msgkey));
		/* Raw: a fixed attribute. */
		tmpl_set_raw(&it, "current", current ?
		    " aria-current=\"page\"" : "");
		(void)tmpl_render(&items, TMPL_STAFF_NAV_ITEM, &it);
	}
	if (m->sess != NULL) {
		staff_tmpl_init(&nt, m);
		tmpl_set(&nt, "name", m->sess->name);
		tmpl_set(&nt, "role", staff_role_label(m->lang,
		    m->sess->role_name));
		/* Raw: the items rendered just above. */
		tmpl_set_raw(&nt, "items", items.data);
		if (tmpl_render(&nav, TMPL_STAFF_NAV, &nt) == -1)
			sbuf_reset(&nav);
	}
	(void)respond_page_nav(req, status, t, body, title, CACHE_NO_STORE,
	    nav.data);
	sbuf_free(&items);
	sbuf_free(&nav);
	return (MREQ_DONE);
}

/*
 * Write one audit row for the signed-in person (sql/queries/audit_write.sql):
 * action ("export.raw"), the object's type and id (or NULL), detail a
 * JSON object (or NULL), then continue with next (which sees m->failed).
 * Returns MREQ_WAIT. For a change and its audit row in one transaction,
 * call audit_write() inside the change's own statement instead.
 */
int
auth_audit(struct mreq *m, const char *action, const char *otype,
    const char *oid, const char *detail, mreq_fn next)
{
	struct mreq_session	*s = m->sess;

	return (mreq_query(m, SQL_AUDIT_WRITE, next, 8,
	    s ? s->user_id : NULL, s ? s->managed_by : NULL,
	    s ? s->email : NULL, m->client_ip[0] ? m->client_ip : NULL,
	    action, otype, oid, detail));
}

/* Home pages ------------------------------------------------------------------ */

static int
home_start(struct http_request *req, struct mreq *m)
{
	char	idle[16];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	switch (m->sess->role) {
	case ROLE_ADMIN:
		snprintf(idle, sizeof(idle), "%d", SESSION_IDLE_S);
		return (mreq_query(m, SQL_USER_HOME_ADMIN, home_admin, 2,
		    m->sess->managed_by, idle));
	case ROLE_COORDINATOR:
		return (mreq_query(m, SQL_USER_HOME_COORDINATOR,
		    home_coordinator, 1, m->sess->org_id));
	case ROLE_MEDIATOR:
		return (mreq_query(m, SQL_USER_HOME_MEDIATOR, home_mediator, 3,
		    m->sess->user_id, m->sess->site_ids, m->sess->org_id));
	default:
		return (mreq_query(m, SQL_USER_HOME_FUNDER, home_funder, 1,
		    m->sess->funder_id));
	}
}

static int
home_admin(struct http_request *req, struct mreq *m)
{
	struct tmpl	t;
	char		n[6][FRFMT_BUFSZ];
	int		i;

	if (m->failed || mreq_rows(m) != 1)
		return (mreq_error(req, m));
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "name", m->sess->name);
	tmpl_set(&t, "organisation", mreq_val(m, 0, 0));
	for (i = 0; i < 6; i++)
		fmt_int(n[i], sizeof(n[i]), m->lang,
		    strtoll(mreq_val(m, 0, i + 1), NULL, 10));
	tmpl_set(&t, "active", n[0]);
	tmpl_set(&t, "pending", n[1]);
	tmpl_set(&t, "disabled", n[2]);
	tmpl_set(&t, "sessions", n[3]);
	tmpl_set(&t, "failures", n[4]);
	tmpl_set(&t, "sites", n[5]);
	return (staff_page(req, m, 200, &t, TMPL_STAFF_HOME_ADMIN,
	    i18n_get(m->lang, "home.admin.title")));
}

static int
home_coordinator(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t, r;
	struct sbuf	 rows;
	char		 v[FRFMT_BUFSZ], s[FRFMT_BUFSZ], q[FRFMT_BUFSZ];
	long long	 tv = 0, ts = 0;
	int		 i, y, qn;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	for (i = 0; i < mreq_rows(m); i++) {
		tmpl_init(&r, m->lang);
		tv += strtoll(mreq_val(m, i, 3), NULL, 10);
		ts += strtoll(mreq_val(m, i, 4), NULL, 10);
		fmt_int(v, sizeof(v), m->lang, strtoll(mreq_val(m, i, 3), NULL, 10));
		fmt_int(s, sizeof(s), m->lang, strtoll(mreq_val(m, i, 4), NULL, 10));
		tmpl_set(&r, "site", mreq_val(m, i, 2));
		tmpl_set(&r, "visits", v);
		tmpl_set(&r, "responses", s);
		(void)tmpl_render(&rows, TMPL_STAFF_HOME_SITE_ROW, &r);
	}
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "name", m->sess->name);
	tmpl_set(&t, "organisation", mreq_rows(m) > 0 ? mreq_val(m, 0, 0) : "");
	q[0] = '\0';
	if (mreq_rows(m) > 0 && quarter_parse(mreq_val(m, 0, 5), &y, &qn) == 0)
		fmt_quarter(q, sizeof(q), m->lang, y, qn);
	tmpl_set(&t, "quarter", q);
	fmt_int(v, sizeof(v), m->lang, tv);
	fmt_int(s, sizeof(s), m->lang, ts);
	tmpl_set(&t, "visits", v);
	tmpl_set(&t, "responses", s);
	/* Raw: rows rendered from templates above. */
	tmpl_set_raw(&t, "rows", rows.data);
	(void)staff_page(req, m, 200, &t, TMPL_STAFF_HOME_COORDINATOR,
	    i18n_get(m->lang, "home.coordinator.title"));
	sbuf_free(&rows);
	return (MREQ_DONE);
}

static int
home_mediator(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t, r;
	struct sbuf	 cards;
	char		 a[FRFMT_BUFSZ], b[FRFMT_BUFSZ], c[FRFMT_BUFSZ];
	char		 href[96];
	int		 i;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&cards);
	for (i = 0; i < mreq_rows(m); i++) {
		tmpl_init(&r, m->lang);
		fmt_int(a, sizeof(a), m->lang, strtoll(mreq_val(m, i, 3), NULL, 10));
		fmt_int(b, sizeof(b), m->lang, strtoll(mreq_val(m, i, 4), NULL, 10));
		fmt_int(c, sizeof(c), m->lang, strtoll(mreq_val(m, i, 5), NULL, 10));
		snprintf(href, sizeof(href), "/s/satisfaction/%s",
		    mreq_val(m, i, 0));
		tmpl_set(&r, "site", mreq_val(m, i, 1));
		tmpl_set(&r, "place", mreq_val(m, i, 2));
		tmpl_set(&r, "mine_month", a);
		tmpl_set(&r, "today", b);
		tmpl_set(&r, "responses_month", c);
		tmpl_set(&r, "survey_href", href);
		(void)tmpl_render(&cards, TMPL_STAFF_HOME_MEDIATOR_SITE, &r);
	}
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "name", m->sess->name);
	/* Raw: cards rendered from templates above. */
	tmpl_set_raw(&t, "sites", cards.data);
	(void)staff_page(req, m, 200, &t, TMPL_STAFF_HOME_MEDIATOR,
	    i18n_get(m->lang, "home.mediator.title"));
	sbuf_free(&cards);
	return (MREQ_DONE);
}

static int
home_funder(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t, r;
	struct sbuf	 rows;
	char		 from[FRFMT_BUFSZ], to[FRFMT_BUFSZ], amount[FRFMT_BUFSZ];
	char		 reports[FRFMT_BUFSZ];
	int		 i, y, mo, d;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	for (i = 0; i < mreq_rows(m); i++) {
		if (mreq_isnull(m, i, 1))
			continue;
		tmpl_init(&r, m->lang);
		from[0] = to[0] = '\0';
		if (sscanf(mreq_val(m, i, 5), "%d-%d-%d", &y, &mo, &d) == 3)
			fmt_date(from, sizeof(from), m->lang, y, mo, d);
		if (sscanf(mreq_val(m, i, 6), "%d-%d-%d", &y, &mo, &d) == 3)
			fmt_date(to, sizeof(to), m->lang, y, mo, d);
		fmt_money(amount, sizeof(amount), m->lang,
		    strtoll(mreq_val(m, i, 7), NULL, 10));
		fmt_int(reports, sizeof(reports), m->lang,
		    strtoll(mreq_val(m, i, 8), NULL, 10));
		tmpl_set(&r, "reference", mreq_val(m, i, 1));
		tmpl_set(&r, "title", mreq_val(m, i, 2));
		tmpl_set(&r, "project", mreq_val(m, i, 3));
		tmpl_set(&r, "organisation", mreq_val(m, i, 4));
		tmpl_set(&r, "from", from);
		tmpl_set(&r, "to", to);
		tmpl_set(&r, "amount", amount);
		tmpl_set(&r, "reports", reports);
		(void)tmpl_render(&rows, TMPL_STAFF_HOME_FUNDER_ROW, &r);
	}
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "name", m->sess->name);
	tmpl_set(&t, "funder", mreq_rows(m) > 0 ? mreq_val(m, 0, 0) : "");
	/* Raw: rows rendered from templates above. */
	tmpl_set_raw(&t, "rows", rows.data);
	(void)staff_page(req, m, 200, &t, TMPL_STAFF_HOME_FUNDER,
	    i18n_get(m->lang, "home.funder.title"));
	sbuf_free(&rows);
	return (MREQ_DONE);
}

/* My account --------------------------------------------------------------------- */

static int
account_start(struct http_request *req, struct mreq *m)
{
	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	return (mreq_query(m, SQL_USER_ACCOUNT, account_render, 1,
	    m->sess->user_id));
}

static int
account_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	t;
	char		changed[FRFMT_BUFSZ * 2], signin[FRFMT_BUFSZ * 2];

	if (m->failed || mreq_rows(m) != 1)
		return (mreq_error(req, m));
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "name", mreq_val(m, 0, 0));
	tmpl_set(&t, "email", mreq_val(m, 0, 1));
	tmpl_set(&t, "role", staff_role_label(m->lang, mreq_val(m, 0, 2)));
	tmpl_set(&t, "organisation", mreq_val(m, 0, 3));
	tmpl_set(&t, "funder", mreq_val(m, 0, 4));
	staff_time(changed, sizeof(changed), m->lang, mreq_val(m, 0, 5));
	staff_time(signin, sizeof(signin), m->lang, mreq_val(m, 0, 6));
	tmpl_set(&t, "password_changed", changed[0] ? changed :
	    i18n_get(m->lang, "account.never"));
	tmpl_set(&t, "last_signin", signin);
	tmpl_set(&t, "sites", mreq_val(m, 0, 7)[0] ? mreq_val(m, 0, 7) :
	    i18n_get(m->lang, "account.all_sites"));
	return (staff_page(req, m, 200, &t, TMPL_STAFF_ACCOUNT,
	    i18n_get(m->lang, "account.title")));
}

/* My sessions ------------------------------------------------------------------- */

static int
sessions_start(struct http_request *req, struct mreq *m)
{
	const char	*id, *all;
	char		 idle[16];
	size_t		 i;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method == HTTP_METHOD_POST) {
		/* The driver parsed the form to check its CSRF token. */
		id = mreq_field(m, "id");
		all = mreq_field(m, "all");
		if (all == NULL && id != NULL) {
			for (i = 0; id[i] >= '0' && id[i] <= '9'; i++)
				;
			if (i == 0 || i > 18 || id[i] != '\0')
				id = NULL;
		}
		if (all == NULL && id == NULL) {
			respond_error(req, 400, m->lang, "error.bad_request");
			return (MREQ_DONE);
		}
		return (mreq_query(m, SQL_SESSION_END, sessions_ended, 4,
		    m->sess->user_id, all != NULL ? NULL : id,
		    m->sess->token_hash, m->client_ip[0] ? m->client_ip : NULL));
	}
	snprintf(idle, sizeof(idle), "%d", SESSION_IDLE_S);
	return (mreq_query(m, SQL_SESSION_LIST, sessions_render, 3,
	    m->sess->user_id, idle, m->sess->token_hash));
}

static int
sessions_ended(struct http_request *req, struct mreq *m)
{
	if (m->failed || mreq_rows(m) != 1)
		return (mreq_error(req, m));
	if (strcmp(mreq_val(m, 0, 0), "0") == 0 &&
	    mreq_field(m, "all") == NULL) {
		/* Not one of this person's other sessions. */
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	respond_redirect(req, 303, "/compte/sessions");
	return (MREQ_DONE);
}

static int
sessions_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t, r;
	struct sbuf	 rows;
	char		 created[FRFMT_BUFSZ * 2], seen[FRFMT_BUFSZ * 2];
	int		 i, current, others = 0;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	for (i = 0; i < mreq_rows(m); i++) {
		current = strcmp(mreq_val(m, i, 5), "t") == 0;
		others += !current;
		staff_tmpl_init(&r, m);
		staff_time(created, sizeof(created), m->lang, mreq_val(m, i, 1));
		staff_time(seen, sizeof(seen), m->lang, mreq_val(m, i, 2));
		tmpl_set(&r, "id", mreq_val(m, i, 0));
		tmpl_set(&r, "created", created);
		tmpl_set(&r, "seen", seen);
		tmpl_set(&r, "ip", mreq_val(m, i, 3));
		tmpl_set(&r, "agent", mreq_val(m, i, 4));
		(void)tmpl_render(&rows, current ? TMPL_STAFF_SESSION_CURRENT :
		    TMPL_STAFF_SESSION_ROW, &r);
	}
	staff_tmpl_init(&t, m);
	/* Raw: rows rendered from templates above. */
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "end_all_hidden", others > 0 ? "" : " hidden");
	(void)staff_page(req, m, 200, &t, TMPL_STAFF_SESSIONS,
	    i18n_get(m->lang, "sessions.title"));
	sbuf_free(&rows);
	return (MREQ_DONE);
}

/* Change my password ----------------------------------------------------------- */

static void
pwchange_free(void *p)
{
	auth_pw_wipe(&((struct pwchange *)p)->pw);
}

static int
pwchange_form(struct http_request *req, struct mreq *m, int status,
    const char *kind, const char *msgkey)
{
	struct tmpl	t;
	struct sbuf	notice;
	char		min[8];

	sbuf_init(&notice);
	if (msgkey != NULL)
		staff_notice(&notice, kind, i18n_get(m->lang, msgkey));
	snprintf(min, sizeof(min), "%d", PWPOLICY_MIN_CHARS);
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "min", min);
	tmpl_set(&t, "email", m->sess->email);
	/* Raw: escaped by staff_notice(); fixed attributes. */
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "invalid", kind != NULL && strcmp(kind, "error") == 0 ?
	    " aria-invalid=\"true\" aria-describedby=\"notice pw-help\"" :
	    " aria-describedby=\"pw-help\"");
	(void)staff_page(req, m, status, &t, TMPL_STAFF_PASSWORD,
	    i18n_get(m->lang, "password.title"));
	sbuf_free(&notice);
	return (MREQ_DONE);
}

static int
pwchange_start(struct http_request *req, struct mreq *m)
{
	struct pwchange		*c = m->ctx;
	const char		*cur, *pw, *confirm;
	enum pwpolicy_result	 r;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method != HTTP_METHOD_POST)
		return (pwchange_form(req, m, 200, NULL, NULL));
	cur = mreq_field(m, "current");
	pw = mreq_field(m, "password");
	confirm = mreq_field(m, "confirm");
	if (cur == NULL || cur[0] == '\0' || pw == NULL || pw[0] == '\0')
		return (pwchange_form(req, m, 422, "error", "pw.empty"));
	if ((r = pwpolicy_check(pw, m->sess->email, m->sess->name)) !=
	    PWPOLICY_OK)
		return (pwchange_form(req, m, 422, "error", pwpolicy_msgkey(r)));
	if (confirm == NULL || strcmp(pw, confirm) != 0)
		return (pwchange_form(req, m, 422, "error", "pw.mismatch"));
	if (strlen(cur) > PWPOLICY_MAX_BYTES)
		return (pwchange_form(req, m, 422, "error", "password.wrong"));
	kore_strlcpy(c->pw.pw, cur, sizeof(c->pw.pw));
	kore_strlcpy(c->pw.newpw, pw, sizeof(c->pw.newpw));
	return (mreq_query(m, SQL_AUTH_RECHECK_BEGIN, pwchange_checked, 3,
	    m->sess->email, m->client_ip[0] ? m->client_ip : NULL,
	    m->sess->user_id));
}

static int
pwchange_checked(struct http_request *req, struct mreq *m)
{
	struct pwchange	*c = m->ctx;
	struct tmpl	 t;
	char		 minutes[24];

	if (m->failed || mreq_rows(m) != 1)
		return (mreq_error(req, m));
	if (strcmp(mreq_val(m, 0, 0), "0") != 0) {
		auth_pw_wipe(&c->pw);
		http_response_header(req, "retry-after", mreq_val(m, 0, 0));
		snprintf(minutes, sizeof(minutes), "%ld",
		    (strtol(mreq_val(m, 0, 0), NULL, 10) + 59) / 60);
		tmpl_init(&t, m->lang);
		tmpl_set(&t, "minutes", minutes);
		return (staff_page(req, m, 429, &t, TMPL_AUTH_WAIT,
		    i18n_get(m->lang, "auth.wait.title")));
	}
	kore_strlcpy(c->pw.hash, mreq_val(m, 0, 1), sizeof(c->pw.hash));
	c->pw.verify = 1;
	return (mreq_task(m, auth_pw_work, &c->pw, pwchange_verified));
}

static int
pwchange_verified(struct http_request *req, struct mreq *m)
{
	struct pwchange	*c = m->ctx;

	auth_pw_wipe(&c->pw);
	if (!c->pw.ok)
		return (mreq_query(m, SQL_AUTH_FAILED, pwchange_failed, 5,
		    "auth.password_change_failed", m->sess->email,
		    m->sess->user_id, m->client_ip[0] ? m->client_ip : NULL,
		    "password"));
	if (c->pw.failed) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_USER_PASSWORD_CHANGE, pwchange_done, 4,
	    m->sess->user_id, c->pw.newhash, m->sess->token_hash,
	    m->client_ip[0] ? m->client_ip : NULL));
}

static int
pwchange_failed(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	return (pwchange_form(req, m, 422, "error", "password.wrong"));
}

static int
pwchange_done(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	return (pwchange_form(req, m, 200, "ok", "password.changed"));
}
