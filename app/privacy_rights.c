/*
 * privacy_rights – the people's rights (issue #8, docs/rgpd.md §7), for
 * coordinators and administrators, in their own organisation only:
 *
 *	GET  /donnees-personnelles		search by a follow-up card's code
 *						(?carte=) or a person code
 *						(?pseudonyme=): everything linked
 *						(the person, visits, invitations,
 *						survey responses)
 *	GET  /donnees-personnelles/export	the same as a JSON file (right of
 *						access); fresh password check;
 *						audited (rights.export)
 *	POST /donnees-personnelles/effacer	erasure (CSRF, fresh password
 *						check, a ticked confirmation);
 *						audited (rights.erase)
 *	GET  /confidentialite/registre		public: the register of
 *						processing activities
 *						(docs/rgpd.md, embedded), linked
 *						from the respondents' privacy page
 *
 * The work is in SQL (migration 0610: rights_subject, rights_export,
 * rights_erase), one statement each, scoped by m->sess->org_id: another
 * organisation's code is simply not found. The erasure keeps every
 * counted row and removes what links it to the person, so the figures of
 * the dashboards and of signed reports do not change.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "gen_assets.h"
#include "html.h"
#include "json.h"
#include "mreq.h"
#include "respond.h"
#include "sbuf.h"
#include "survey_def.h"

#define RGPD_TYPED_MAX	64

struct rgpd_ctx {
	char		 card_typed[RGPD_TYPED_MAX];
	char		 pseudo_typed[RGPD_TYPED_MAX];
	char		 card[SURVEY_CODE_LEN + 1];	/* normalised, or "" */
	char		 hash[65];			/* of card, or "" */
	char		 pseudo[16];			/* checked, or "" */
	const char	*err;				/* message key */
	const char	*notice;			/* message key */
	int		 searched;
};

static int	rgpd_start(struct http_request *, struct mreq *);
static int	rgpd_found(struct http_request *, struct mreq *);
static int	rgpd_render(struct http_request *, struct mreq *, int,
		    const char *);
static int	export_start(struct http_request *, struct mreq *);
static int	export_done(struct http_request *, struct mreq *);
static int	erase_start(struct http_request *, struct mreq *);
static int	erase_done(struct http_request *, struct mreq *);

static const struct mreq_route rgpd_route = {
	.name = "rgpd",
	.start = rgpd_start,
	.ctx_size = sizeof(struct rgpd_ctx),
	.roles = ROLE_ADMIN | ROLE_COORDINATOR,
};

static const struct mreq_route export_route = {
	.name = "rgpd_export",
	.start = export_start,
	.ctx_size = sizeof(struct rgpd_ctx),
	.roles = ROLE_ADMIN | ROLE_COORDINATOR,
};

static const struct mreq_route erase_route = {
	.name = "rgpd_erase",
	.start = erase_start,
	.ctx_size = sizeof(struct rgpd_ctx),
	.roles = ROLE_ADMIN | ROLE_COORDINATOR,
	.form_max = 4096,
};

int
page_rgpd(struct http_request *req)
{
	return (mreq_run(req, &rgpd_route));
}

int
page_rgpd_export(struct http_request *req)
{
	return (mreq_run(req, &export_route));
}

int
page_rgpd_erase(struct http_request *req)
{
	return (mreq_run(req, &erase_route));
}

/* Copy without leading and trailing spaces; "" when it does not fit. */
static void
typed_copy(char *out, size_t outsz, const char *in)
{
	size_t	n;

	out[0] = '\0';
	if (in == NULL)
		return;
	in += strspn(in, " \t");
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, in, n);
	out[n] = '\0';
}

/*
 * Check what was typed (c->card_typed, c->pseudo_typed): exactly one code,
 * valid. Sets c->card and c->hash, or c->pseudo; or c->err. 0 or -1.
 */
static int
subject_check(struct rgpd_ctx *c)
{
	size_t	i, n;

	if (c->card_typed[0] == '\0' && c->pseudo_typed[0] == '\0')
		c->err = "rgpd.err.none";
	else if (c->card_typed[0] != '\0' && c->pseudo_typed[0] != '\0')
		c->err = "rgpd.err.both";
	else if (c->card_typed[0] != '\0') {
		if (strlen(c->card_typed) >= RGPD_TYPED_MAX - 1 ||
		    survey_code_norm(c->card_typed, c->card) == -1)
			c->err = "rgpd.err.card";
		else
			survey_sha256_hex(c->card, strlen(c->card), c->hash);
	} else {
		n = strlen(c->pseudo_typed);
		if (n < 4 || n > 12)
			c->err = "rgpd.err.pseudonym";
		for (i = 0; c->err == NULL && i < n; i++) {
			char	ch = c->pseudo_typed[i];

			if (ch >= 'a' && ch <= 'z')
				ch = (char)(ch - 'a' + 'A');
			if (!((ch >= 'A' && ch <= 'Z') ||
			    (ch >= '0' && ch <= '9')))
				c->err = "rgpd.err.pseudonym";
			c->pseudo[i] = ch;
		}
		c->pseudo[c->err == NULL ? n : 0] = '\0';
	}
	return (c->err == NULL ? 0 : -1);
}

/* Read ?carte= and ?pseudonyme=; 0 if neither is in the query string. */
static int
subject_from_query(struct http_request *req, struct rgpd_ctx *c)
{
	char	buf[256];
	int	present = 0;

	if (req->query_string == NULL)
		return (0);
	if (qs_get(req->query_string, "carte", buf, sizeof(buf))) {
		typed_copy(c->card_typed, sizeof(c->card_typed), buf);
		present = 1;
	} else if (strstr(req->query_string, "carte=") != NULL) {
		/* Too long to be a code. */
		kore_strlcpy(c->card_typed, "?", sizeof(c->card_typed));
		present = 1;
	}
	if (qs_get(req->query_string, "pseudonyme", buf, sizeof(buf))) {
		typed_copy(c->pseudo_typed, sizeof(c->pseudo_typed), buf);
		present = 1;
	} else if (strstr(req->query_string, "pseudonyme=") != NULL) {
		kore_strlcpy(c->pseudo_typed, "?", sizeof(c->pseudo_typed));
		present = 1;
	}
	return (present);
}

static const char *
ip_or_null(struct mreq *m)
{
	return (m->client_ip[0] ? m->client_ip : NULL);
}

/* GET /donnees-personnelles */
static int
rgpd_start(struct http_request *req, struct mreq *m)
{
	struct rgpd_ctx	*c = m->ctx;
	char		 flag[8];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	if (req->query_string != NULL &&
	    qs_get(req->query_string, "efface", flag, sizeof(flag)))
		c->notice = "rgpd.erased";
	if (!subject_from_query(req, c))
		return (rgpd_render(req, m, 200, NULL));
	c->searched = 1;
	if (subject_check(c) == -1)
		return (rgpd_render(req, m, 422, NULL));
	return (mreq_query(m, SQL_RIGHTS_FIND, rgpd_found, 3, m->sess->org_id,
	    c->pseudo[0] ? c->pseudo : NULL, c->hash[0] ? c->hash : NULL));
}

static int
rgpd_found(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1 || mreq_isnull(m, 0, 0))
		return (rgpd_render(req, m, 200, NULL));
	return (rgpd_render(req, m, 200, mreq_val(m, 0, 0)));
}

/* A member of a JSON object as text: strings, numbers, true/false; "". */
static const char *
jtext(const struct json *o, const char *key)
{
	const struct json	*v;

	if (o == NULL || (v = json_get(o, key)) == NULL)
		return ("");
	switch (v->type) {
	case JSON_STRING:
	case JSON_NUMBER:
		return (v->str);
	case JSON_TRUE:
		return ("true");
	case JSON_FALSE:
		return ("false");
	default:
		return ("");
	}
}

static void
cell(struct sbuf *o, const char *text)
{
	sbuf_puts(o, "<td>");
	html_escape(o, text);
	sbuf_puts(o, "</td>");
}

static void
cell_time(struct sbuf *o, struct mreq *m, const char *ts)
{
	char	when[96];

	staff_time(when, sizeof(when), m->lang, ts);
	cell(o, when);
}

static void
table_open(struct sbuf *o, struct mreq *m, const char *caption,
    const char **cols)
{
	sbuf_puts(o, "<div class=\"table-wrap\"><table><caption>");
	html_escape(o, i18n_get(m->lang, caption));
	sbuf_puts(o, "</caption><thead><tr>");
	for (; *cols != NULL; cols++) {
		sbuf_puts(o, "<th scope=\"col\">");
		html_escape(o, i18n_get(m->lang, *cols));
		sbuf_puts(o, "</th>");
	}
	sbuf_puts(o, "</tr></thead><tbody>\n");
}

static void
note(struct sbuf *o, struct mreq *m, const char *key)
{
	sbuf_puts(o, "<p class=\"note\">");
	html_escape(o, i18n_get(m->lang, key));
	sbuf_puts(o, "</p>\n");
}

static void
render_person(struct sbuf *o, struct mreq *m, const struct json *b)
{
	static const struct {
		const char	*key, *label;
	} rows[] = {
		{ "pseudonym", "rgpd.person.pseudonym" },
		{ "age_bracket", "rgpd.person.age" },
		{ "lives_in_qpv", "rgpd.person.qpv" },
		{ "created_at", "rgpd.person.created" },
		{ "last_visit_at", "rgpd.person.last" },
	};
	const char	*v;
	char		 when[96];
	size_t		 i;

	if (b == NULL || b->type != JSON_OBJECT) {
		note(o, m, "rgpd.person.none");
		return;
	}
	sbuf_puts(o, "<dl class=\"rgpd-person\">");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		v = jtext(b, rows[i].key);
		sbuf_puts(o, "<dt>");
		html_escape(o, i18n_get(m->lang, rows[i].label));
		sbuf_puts(o, "</dt><dd>");
		if (*v == '\0')
			v = i18n_get(m->lang, "rgpd.unknown");
		else if (strcmp(v, "true") == 0)
			v = i18n_get(m->lang, "rgpd.yes");
		else if (strcmp(v, "false") == 0)
			v = i18n_get(m->lang, "rgpd.no");
		else if (strstr(rows[i].key, "_at") != NULL) {
			staff_time(when, sizeof(when), m->lang, v);
			v = when;
		}
		html_escape(o, v);
		sbuf_puts(o, "</dd>");
	}
	sbuf_puts(o, "</dl>\n");
}

static void
render_visits(struct sbuf *o, struct mreq *m, const struct json *a)
{
	static const char	*cols[] = { "rgpd.col.when", "rgpd.col.site",
	    "rgpd.col.help", "rgpd.col.domains", "rgpd.col.duration", NULL };
	const struct json	*v, *d;
	size_t			 i, k;

	if (a == NULL || a->type != JSON_ARRAY || a->n == 0) {
		note(o, m, "rgpd.visits.none");
		return;
	}
	table_open(o, m, "rgpd.visits.caption", cols);
	for (i = 0; i < a->n; i++) {
		v = a->items[i];
		sbuf_puts(o, "<tr class=\"rgpd-visit\">");
		cell_time(o, m, jtext(v, "visited_at"));
		cell(o, jtext(v, "site"));
		cell(o, jtext(v, "help_kind"));
		sbuf_puts(o, "<td>");
		if ((d = json_get(v, "domains")) != NULL &&
		    d->type == JSON_ARRAY)
			for (k = 0; k < d->n; k++) {
				if (k > 0)
					sbuf_puts(o, ", ");
				if (d->items[k]->type == JSON_STRING)
					html_escape(o, d->items[k]->str);
			}
		sbuf_puts(o, "</td>");
		cell(o, jtext(v, "duration_min"));
		sbuf_puts(o, "</tr>\n");
	}
	sbuf_puts(o, "</tbody></table></div>\n");
}

static void
render_invitations(struct sbuf *o, struct mreq *m, const struct json *a)
{
	static const char	*cols[] = { "rgpd.col.survey", "rgpd.col.site",
	    "rgpd.col.kind", "rgpd.col.created", "rgpd.col.used", NULL };
	const struct json	*v;
	size_t			 i;

	if (a == NULL || a->type != JSON_ARRAY || a->n == 0) {
		note(o, m, "rgpd.invitations.none");
		return;
	}
	table_open(o, m, "rgpd.invitations.caption", cols);
	for (i = 0; i < a->n; i++) {
		v = a->items[i];
		sbuf_puts(o, "<tr class=\"rgpd-invitation\">");
		cell(o, jtext(v, "survey"));
		cell(o, jtext(v, "site"));
		cell(o, jtext(v, "kind"));
		cell_time(o, m, jtext(v, "created_at"));
		cell_time(o, m, jtext(v, "used_at"));
		sbuf_puts(o, "</tr>\n");
	}
	sbuf_puts(o, "</tbody></table></div>\n");
}

static void
render_responses(struct sbuf *o, struct mreq *m, const struct json *a)
{
	static const char	*cols[] = { "rgpd.col.when", "rgpd.col.survey",
	    "rgpd.col.site", "rgpd.col.answers", NULL };
	const struct json	*v, *ans, *x;
	size_t			 i, k;

	if (a == NULL || a->type != JSON_ARRAY || a->n == 0) {
		note(o, m, "rgpd.responses.none");
		return;
	}
	table_open(o, m, "rgpd.responses.caption", cols);
	for (i = 0; i < a->n; i++) {
		v = a->items[i];
		sbuf_puts(o, "<tr class=\"rgpd-response\">");
		cell_time(o, m, jtext(v, "submitted_at"));
		cell(o, jtext(v, "survey"));
		cell(o, jtext(v, "site"));
		sbuf_puts(o, "<td><ul class=\"plain\">");
		if ((ans = json_get(v, "answers")) != NULL &&
		    ans->type == JSON_ARRAY)
			for (k = 0; k < ans->n; k++) {
				x = ans->items[k];
				sbuf_puts(o, "<li>");
				html_escape(o, jtext(x, "question"));
				sbuf_puts(o, " : ");
				html_escape(o, jtext(x, "value"));
				sbuf_puts(o, "</li>");
			}
		sbuf_puts(o, "</ul></td></tr>\n");
	}
	sbuf_puts(o, "</tbody></table></div>\n");
}

/*
 * The page: the search form, its error, and when doc (rights_find.sql's
 * JSON) is given, everything found with the export link and the erasure
 * form.
 */
static int
rgpd_render(struct http_request *req, struct mreq *m, int status,
    const char *doc)
{
	struct rgpd_ctx	*c = m->ctx;
	struct tmpl	 t, rt;
	struct sbuf	 notice, err, results, person, visits, invs, resps;
	struct json_doc	 jd;
	char		 query[64];
	int		 parsed = 0;

	sbuf_init(&notice);
	sbuf_init(&err);
	sbuf_init(&results);
	sbuf_init(&person);
	sbuf_init(&visits);
	sbuf_init(&invs);
	sbuf_init(&resps);
	memset(&jd, 0, sizeof(jd));
	if (c->notice != NULL)
		staff_notice(&notice, "ok", i18n_get(m->lang, c->notice));
	if (c->err != NULL) {
		sbuf_puts(&err, "<p class=\"field-error\" id=\"err-search\">");
		html_escape(&err, i18n_get(m->lang, c->err));
		sbuf_puts(&err, "</p>\n");
	} else if (c->searched && doc == NULL)
		staff_notice(&results, "error", i18n_get(m->lang,
		    "rgpd.not_found"));

	if (doc != NULL) {
		if (json_parse(&jd, doc, strlen(doc)) == -1) {
			json_free(&jd);
			respond_error(req, 500, m->lang, "error.internal");
			goto out;
		}
		parsed = 1;
		render_person(&person, m, json_get(jd.root, "beneficiary"));
		render_visits(&visits, m, json_get(jd.root, "visits"));
		render_invitations(&invs, m, json_get(jd.root, "invitations"));
		render_responses(&resps, m, json_get(jd.root, "responses"));
		snprintf(query, sizeof(query), "%s=%s",
		    c->pseudo[0] ? "pseudonyme" : "carte",
		    c->pseudo[0] ? c->pseudo : c->card);
		staff_tmpl_init(&rt, m);
		tmpl_set(&rt, "by", i18n_get(m->lang, c->pseudo[0] ?
		    "rgpd.by.pseudonym" : "rgpd.by.card"));
		tmpl_set(&rt, "query", query);
		tmpl_set(&rt, "field", c->pseudo[0] ? "pseudonyme" : "carte");
		tmpl_set(&rt, "value", c->pseudo[0] ? c->pseudo : c->card);
		/* Raw: markup built above with html_escape(). */
		tmpl_set_raw(&rt, "person", person.data);
		tmpl_set_raw(&rt, "visits", visits.data);
		tmpl_set_raw(&rt, "invitations", invs.data);
		tmpl_set_raw(&rt, "responses", resps.data);
		if (tmpl_render(&results, TMPL_RGPD_RESULT, &rt) == -1) {
			respond_error(req, 500, m->lang, "error.internal");
			goto out;
		}
	}

	staff_tmpl_init(&t, m);
	tmpl_set(&t, "card", c->card_typed);
	tmpl_set(&t, "pseudonym", c->pseudo_typed);
	/* Raw: markup built above with html_escape(), fixed attributes. */
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "err_search", err.data);
	tmpl_set_raw(&t, "results", results.data);
	tmpl_set_raw(&t, "aria_card", c->err != NULL &&
	    c->card_typed[0] ? " aria-invalid=\"true\"" : "");
	tmpl_set_raw(&t, "aria_pseudonym", c->err != NULL &&
	    c->pseudo_typed[0] ? " aria-invalid=\"true\"" : "");
	(void)staff_page(req, m, status, &t, TMPL_RGPD_PAGE,
	    i18n_get(m->lang, "rgpd.title"));
out:
	if (parsed)
		json_free(&jd);
	sbuf_free(&notice);
	sbuf_free(&err);
	sbuf_free(&results);
	sbuf_free(&person);
	sbuf_free(&visits);
	sbuf_free(&invs);
	sbuf_free(&resps);
	return (MREQ_DONE);
}

/* GET /donnees-personnelles/export?carte=… or ?pseudonyme=… */
static int
export_start(struct http_request *req, struct mreq *m)
{
	struct rgpd_ctx	*c = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	(void)subject_from_query(req, c);
	if (subject_check(c) == -1) {
		respond_error(req, 400, m->lang, c->err);
		return (MREQ_DONE);
	}
	/* Raw personal data leaves the service: a fresh password check. */
	if (!mreq_reauth_guard(req, m))
		return (MREQ_DONE);
	return (mreq_query(m, SQL_RIGHTS_EXPORT, export_done, 6,
	    m->sess->org_id, c->pseudo[0] ? c->pseudo : NULL,
	    c->hash[0] ? c->hash : NULL, m->sess->user_id, m->sess->email,
	    ip_or_null(m)));
}

static int
export_done(struct http_request *req, struct mreq *m)
{
	const char	*doc;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1 || mreq_isnull(m, 0, 0)) {
		respond_error(req, 404, m->lang, "rgpd.err.not_found");
		return (MREQ_DONE);
	}
	doc = mreq_val(m, 0, 0);
	http_response_header(req, "content-disposition",
	    "attachment; filename=\"donnees-personnelles.json\"");
	respond(req, 200, "application/json; charset=utf-8", doc, strlen(doc),
	    CACHE_NO_STORE);
	return (MREQ_DONE);
}

/* POST /donnees-personnelles/effacer: carte or pseudonyme, confirmer. */
static int
erase_start(struct http_request *req, struct mreq *m)
{
	struct rgpd_ctx	*c = m->ctx;
	const char	*v;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (!mreq_form(req, m))
		return (MREQ_DONE);
	typed_copy(c->card_typed, sizeof(c->card_typed),
	    mreq_field(m, "carte"));
	typed_copy(c->pseudo_typed, sizeof(c->pseudo_typed),
	    mreq_field(m, "pseudonyme"));
	if (subject_check(c) == -1) {
		respond_error(req, 400, m->lang, c->err);
		return (MREQ_DONE);
	}
	if ((v = mreq_field(m, "confirmer")) == NULL || strcmp(v, "oui") != 0) {
		respond_error(req, 422, m->lang, "rgpd.err.confirm");
		return (MREQ_DONE);
	}
	/* Erasure cannot be undone: a fresh password check first. */
	if (!mreq_reauth_guard(req, m))
		return (MREQ_DONE);
	return (mreq_query(m, SQL_RIGHTS_ERASE, erase_done, 6,
	    m->sess->org_id, c->pseudo[0] ? c->pseudo : NULL,
	    c->hash[0] ? c->hash : NULL, m->sess->user_id, m->sess->email,
	    ip_or_null(m)));
}

static int
erase_done(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1 || mreq_isnull(m, 0, 0)) {
		respond_error(req, 404, m->lang, "rgpd.err.not_found");
		return (MREQ_DONE);
	}
	respond_redirect(req, 303, "/donnees-personnelles?efface=1");
	return (MREQ_DONE);
}

/* GET /confidentialite/registre – docs/rgpd.md as plain text. */
int
page_privacy_register(struct http_request *req)
{
	size_t	i;

	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_error(req, 405, request_lang(req), "error.method");
		return (KORE_RESULT_OK);
	}
	for (i = 0; i < asset_count; i++)
		if (strcmp(asset_table[i].path, "/docs/rgpd.md") == 0)
			break;
	if (i == asset_count) {
		respond_error(req, 404, request_lang(req), "error.not_found");
		return (KORE_RESULT_OK);
	}
	http_response_header(req, "content-language", "fr");
	respond(req, 200, "text/plain; charset=utf-8", asset_table[i].data,
	    asset_table[i].len, CACHE_REVALIDATE);
	return (KORE_RESULT_OK);
}
