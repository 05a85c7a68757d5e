/*
 * survey_admin – coordinators manage their organisation's survey
 * definitions (issue #3): see them, load a new version, go back to an
 * earlier one, download a version to edit it.
 *
 *	GET /questionnaires			the surveys, and the upload form
 *	POST /questionnaires			check or load a definition (a
 *						JSON file, multipart/form-data)
 *	GET /questionnaires/CODE		its versions
 *	GET /questionnaires/CODE/vN.json	version N, to download
 *	POST /questionnaires/CODE/vN/activer	make version N live again
 *
 * A definition is checked by app/core's survey parser before anything is
 * stored, and every fault is listed with its JSON path; a version with
 * responses never changes (the database refuses), so loading always makes
 * a new version, and the respondents' pages take it within ten seconds
 * (app/survey_cache.c). Every query is scoped by the session's
 * organisation; another organisation's survey answers 404. Loads and
 * reactivations are audit-logged in the same transaction (0110).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "frfmt.h"
#include "html.h"
#include "survey.h"
#include "upload.h"

#define SADM_PREFIX	"/questionnaires/"

/* Handler state: the survey and version of the path, the upload's
 * result. */
struct sadm {
	char			 code[SV_SLUG_MAX + 1];
	char			 version[8];
	int			 status;	/* of the list page */
	const char		*notice_key;	/* message, or NULL */
	const char		*notice_kind;	/* "ok", "error", "info" */
	char			 notice_arg[64];
	struct survey_errors	 faults;	/* of the upload */
	int			 has_faults;
	char			 filename[201];
	struct survey_facts {
		char	code[SV_SLUG_MAX + 1];
		char	questions[16], langs[16];
	}			 checked;	/* after a check only */
};

static int	sadm_path(const char *, struct sadm *);
static void	notice_msg(struct sbuf *, const char *, struct tmpl *,
		    const char *);
static int	list_start(struct http_request *, struct mreq *);
static int	list_render(struct http_request *, struct mreq *);
static int	upload_start(struct http_request *, struct mreq *);
static int	upload_done(struct http_request *, struct mreq *);
static int	versions_start(struct http_request *, struct mreq *);
static int	versions_render(struct http_request *, struct mreq *);
static int	download_start(struct http_request *, struct mreq *);
static int	download_send(struct http_request *, struct mreq *);
static int	activate_start(struct http_request *, struct mreq *);
static int	activate_done(struct http_request *, struct mreq *);

static const struct mreq_route list_route = {
	.name = "survey_admin_list",
	.start = list_start,
	.ctx_size = sizeof(struct sadm),
	.roles = ROLE_COORDINATOR,
};

static const struct mreq_route versions_route = {
	.name = "survey_admin_versions",
	.start = versions_start,
	.ctx_size = sizeof(struct sadm),
	.roles = ROLE_COORDINATOR,
};

static const struct mreq_route download_route = {
	.name = "survey_admin_download",
	.start = download_start,
	.ctx_size = sizeof(struct sadm),
	.roles = ROLE_COORDINATOR,
};

static const struct mreq_route activate_route = {
	.name = "survey_admin_activate",
	.start = activate_start,
	.ctx_size = sizeof(struct sadm),
	.roles = ROLE_COORDINATOR,
};

int
page_survey_admin_list(struct http_request *req)
{
	return (mreq_run(req, &list_route));
}

int
page_survey_admin_versions(struct http_request *req)
{
	return (mreq_run(req, &versions_route));
}

int
page_survey_admin_download(struct http_request *req)
{
	return (mreq_run(req, &download_route));
}

int
page_survey_admin_activate(struct http_request *req)
{
	return (mreq_run(req, &activate_route));
}

/*
 * "/questionnaires/CODE[/vN[.json|/activer]]" into s->code and
 * s->version ("" when absent). The routes' regexes have checked the
 * shape; this only cuts. 0, or -1.
 */
static int
sadm_path(const char *path, struct sadm *s)
{
	const char	*p = path + strlen(SADM_PREFIX), *v;
	size_t		 n, k;

	if (strncmp(path, SADM_PREFIX, strlen(SADM_PREFIX)) != 0)
		return (-1);
	n = strcspn(p, "/");
	if (n == 0 || n >= sizeof(s->code))
		return (-1);
	memcpy(s->code, p, n);
	s->code[n] = '\0';
	s->version[0] = '\0';
	if (p[n] == '\0')
		return (0);
	v = p + n + 1;
	if (*v++ != 'v')
		return (-1);
	k = strspn(v, "0123456789");
	if (k == 0 || k >= sizeof(s->version) || *v == '0')
		return (-1);
	memcpy(s->version, v, k);
	s->version[k] = '\0';
	return (0);
}

/*
 * A message box (see staff_notice) whose message has @@name@@ markers
 * filled from t, escaped.
 */
static void
notice_msg(struct sbuf *out, const char *kind, struct tmpl *t,
    const char *key)
{
	const char	*msg = i18n_get(t->lang, key);

	sbuf_printf(out, "<p id=\"notice\" class=\"notice notice-%s\" "
	    "role=\"%s\">", kind, strcmp(kind, "error") == 0 ? "alert" :
	    "status");
	(void)tmpl_render_text(out, msg, strlen(msg), t);
	sbuf_puts(out, "</p>");
}

/* The list and the upload form ---------------------------------------------- */

static int
list_start(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method == HTTP_METHOD_POST)
		return (upload_start(req, m));
	s->status = 200;
	return (mreq_query(m, SQL_SURVEY_ADMIN_LIST, list_render, 2,
	    m->sess->org_id, lang_code[m->lang]));
}

/* The faults of the upload as an alert box, or nothing. */
static void
faults_render(struct sbuf *out, struct mreq *m, const struct sadm *s)
{
	size_t	i;

	if (!s->has_faults)
		return;
	sbuf_puts(out, "<div class=\"notice notice-error\" id=\"notice\" "
	    "role=\"alert\"><p>");
	if (s->filename[0] != '\0') {
		html_escape(out, s->filename);
		sbuf_puts(out, " : ");
	}
	html_escape(out, i18n_get(m->lang, "sadm.faults"));
	sbuf_puts(out, "</p><ul class=\"faults\">");
	for (i = 0; i < s->faults.n; i++) {
		sbuf_puts(out, "<li><code>");
		html_escape(out, s->faults.msg[i]);
		sbuf_puts(out, "</code></li>");
	}
	if (s->faults.truncated) {
		sbuf_puts(out, "<li>");
		html_escape(out, i18n_get(m->lang, "sadm.faults.more"));
		sbuf_puts(out, "</li>");
	}
	sbuf_puts(out, "</ul></div>");
}

static int
list_render(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;
	struct tmpl	 t, r;
	struct sbuf	 rows, notice;
	char		 href[96], num[3][FRFMT_BUFSZ], when[FRFMT_BUFSZ * 2];
	char		 kind[48];
	int		 i;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	sbuf_init(&notice);
	for (i = 0; i < mreq_rows(m); i++) {
		tmpl_init(&r, m->lang);
		snprintf(href, sizeof(href), SADM_PREFIX "%s",
		    mreq_val(m, i, 0));
		snprintf(kind, sizeof(kind), "sadm.kind.%s", mreq_val(m, i, 1));
		staff_time(when, sizeof(when), m->lang, mreq_val(m, i, 7));
		tmpl_set(&r, "href", href);
		tmpl_set(&r, "code", mreq_val(m, i, 0));
		tmpl_set(&r, "title", mreq_val(m, i, 3));
		tmpl_set(&r, "kind", i18n_get(m->lang, kind));
		tmpl_set(&r, "version", mreq_val(m, i, 2));
		tmpl_set(&r, "when", when);
		tmpl_set(&r, "versions", fmt_int(num[0], sizeof(num[0]),
		    m->lang, strtoll(mreq_val(m, i, 4), NULL, 10)));
		tmpl_set(&r, "responses", fmt_int(num[1], sizeof(num[1]),
		    m->lang, strtoll(mreq_val(m, i, 5), NULL, 10)));
		tmpl_set(&r, "recent", fmt_int(num[2], sizeof(num[2]),
		    m->lang, strtoll(mreq_val(m, i, 6), NULL, 10)));
		(void)tmpl_render(&rows, TMPL_SADM_ROW, &r);
	}
	tmpl_init(&r, m->lang);
	tmpl_set(&r, "code", s->checked.code);
	tmpl_set(&r, "questions", s->checked.questions);
	tmpl_set(&r, "langs", s->checked.langs);
	tmpl_set(&r, "file", s->filename);
	if (s->has_faults)
		faults_render(&notice, m, s);
	else if (s->notice_key != NULL)
		notice_msg(&notice, s->notice_kind, &r, s->notice_key);
	staff_tmpl_init(&t, m);
	/* Raw: rendered above from templates and escaped text. */
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "empty", mreq_rows(m) == 0 ? "" : " hidden");
	(void)staff_page(req, m, s->status, &t, TMPL_SADM_LIST,
	    i18n_get(m->lang, "sadm.title"));
	sbuf_free(&rows);
	sbuf_free(&notice);
	return (MREQ_DONE);
}

/* Back to the list page with a status and a message (key). */
static int
list_again(struct http_request *req, struct mreq *m, int status,
    const char *kind, const char *key)
{
	struct sadm	*s = m->ctx;

	s->status = status;
	s->notice_kind = kind;
	s->notice_key = key;
	return (mreq_query(m, SQL_SURVEY_ADMIN_LIST, list_render, 2,
	    m->sess->org_id, lang_code[m->lang]));
}

/*
 * POST /questionnaires: the file "definition", and "action" = "check"
 * (only say what is wrong) or "load". Faults and refusals come back on
 * the list page with the form, so the person can pick a corrected file.
 */
static int
upload_start(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;
	struct upload	 u;
	struct survey	*def;
	char		*action = NULL;
	int		 check_only, rc;

	switch (upload_read(req, "definition", SURVEY_DEF_MAX, &u)) {
	case UPLOAD_NOT_MULTIPART:
		respond_error(req, 415, m->lang, "sadm.err.not_multipart");
		return (MREQ_DONE);
	case UPLOAD_MISSING:
		return (list_again(req, m, 422, "error", "sadm.err.no_file"));
	case UPLOAD_TOO_LARGE:
		return (list_again(req, m, 413, "error", "sadm.err.too_large"));
	case UPLOAD_OK:
		break;
	}
	/* Only an explicit "load" changes anything; a form sent by the
	 * Enter key carries its first button, "check". */
	check_only = !http_argument_get_string(req, "action", &action) ||
	    strcmp(action, "load") != 0;
	kore_strlcpy(s->filename, u.filename, sizeof(s->filename));
	if (survey_parse(u.data, u.len, survey_icon_exists, &def,
	    &s->faults) == -1) {
		upload_free(&u);
		s->has_faults = 1;
		return (list_again(req, m, 422, "error", NULL));
	}
	if (check_only) {
		kore_strlcpy(s->checked.code, def->code,
		    sizeof(s->checked.code));
		snprintf(s->checked.questions, sizeof(s->checked.questions),
		    "%zu", def->nquestions);
		snprintf(s->checked.langs, sizeof(s->checked.langs), "%zu",
		    def->nlangs);
		survey_free(def);
		upload_free(&u);
		return (list_again(req, m, 200, "ok", "sadm.checked"));
	}
	kore_strlcpy(s->code, def->code, sizeof(s->code));
	rc = mreq_query(m, SQL_SURVEY_ADMIN_UPLOAD, upload_done, 7,
	    m->sess->org_id, def->code, def->kind, u.data, m->sess->user_id,
	    m->sess->email, m->client_ip[0] != '\0' ? m->client_ip : NULL);
	survey_free(def);
	upload_free(&u);
	return (rc);
}

static int
upload_done(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;
	char		 loc[128];

	/* JSON the parser took but PostgreSQL's jsonb does not (\u0000). */
	if (m->failed && (strcmp(m->sqlstate, "22P05") == 0 ||
	    strcmp(m->sqlstate, "22P02") == 0))
		return (list_again(req, m, 422, "error", "sadm.err.json"));
	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1)
		return (mreq_error(req, m));
	snprintf(loc, sizeof(loc), SADM_PREFIX "%s?%s=%s", s->code,
	    strcmp(mreq_val(m, 0, 2), "t") == 0 ? "charge" : "identique",
	    mreq_val(m, 0, 1));
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}

/* The versions of one survey ------------------------------------------------ */

static int
versions_start(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	if (sadm_path(req->path, s) == -1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_SURVEY_ADMIN_VERSIONS, versions_render, 3,
	    m->sess->org_id, s->code, lang_code[m->lang]));
}

/* The message of ?charge=N, ?identique=N or ?active=N, into out. */
static void
versions_notice(struct http_request *req, struct mreq *m, struct sbuf *out)
{
	static const char *const keys[][2] = {
		{ "charge", "sadm.loaded" },
		{ "identique", "sadm.same" },
		{ "active", "sadm.activated" },
	};
	struct tmpl	 t;
	char		 v[8];
	size_t		 i;

	if (req->query_string == NULL)
		return;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (qs_get(req->query_string, keys[i][0], v, sizeof(v)) != 1 ||
		    v[0] == '\0' || strspn(v, "0123456789") != strlen(v))
			continue;
		tmpl_init(&t, m->lang);
		tmpl_set(&t, "version", v);
		notice_msg(out, "ok", &t, keys[i][1]);
		return;
	}
}

static int
versions_render(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;
	struct tmpl	 t, r;
	struct sbuf	 rows, notice;
	char		 href[128], act[128], when[FRFMT_BUFSZ * 2];
	char		 num[FRFMT_BUFSZ], kind[48];
	int		 i, live;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) == 0) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	sbuf_init(&rows);
	sbuf_init(&notice);
	versions_notice(req, m, &notice);
	for (i = 0; i < mreq_rows(m); i++) {
		live = strcmp(mreq_val(m, i, 1), "t") == 0;
		staff_tmpl_init(&r, m);
		staff_time(when, sizeof(when), m->lang, mreq_val(m, i, 2));
		tmpl_set(&r, "version", mreq_val(m, i, 0));
		tmpl_set(&r, "when", when);
		tmpl_set(&r, "by", mreq_val(m, i, 3)[0] != '\0' ?
		    mreq_val(m, i, 3) : i18n_get(m->lang, "sadm.by_shell"));
		tmpl_set(&r, "responses", fmt_int(num, sizeof(num), m->lang,
		    strtoll(mreq_val(m, i, 4), NULL, 10)));
		tmpl_set(&r, "questions", mreq_val(m, i, 5));
		tmpl_set(&r, "langs", mreq_val(m, i, 6));
		snprintf(href, sizeof(href), SADM_PREFIX "%s/v%s.json",
		    s->code, mreq_val(m, i, 0));
		tmpl_set(&r, "download", href);
		/* tmpl_set keeps the pointer: a buffer of its own. */
		snprintf(act, sizeof(act), SADM_PREFIX "%s/v%s/activer",
		    s->code, mreq_val(m, i, 0));
		tmpl_set(&r, "activate", act);
		/* Raw: fixed attributes. */
		tmpl_set_raw(&r, "live_hidden", live ? "" : " hidden");
		tmpl_set_raw(&r, "form_hidden", live ? " hidden" : "");
		(void)tmpl_render(&rows, TMPL_SADM_VERSION_ROW, &r);
	}
	snprintf(kind, sizeof(kind), "sadm.kind.%s", mreq_val(m, 0, 7));
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "code", s->code);
	tmpl_set(&t, "title", mreq_val(m, 0, 8));
	tmpl_set(&t, "kind", i18n_get(m->lang, kind));
	/* Raw: rendered above from templates and escaped text. */
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "notice", notice.data);
	(void)staff_page(req, m, 200, &t, TMPL_SADM_VERSIONS,
	    mreq_val(m, 0, 8));
	sbuf_free(&rows);
	sbuf_free(&notice);
	return (MREQ_DONE);
}

/* Download a version ------------------------------------------------------- */

static int
download_start(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	if (sadm_path(req->path, s) == -1 || s->version[0] == '\0') {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_SURVEY_ADMIN_DEFINITION, download_send, 3,
	    m->sess->org_id, s->code, s->version));
}

static int
download_send(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;
	const char	*json;
	char		 disp[128];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	json = mreq_val(m, 0, 0);
	/* The code and version are [a-z0-9-] and digits: no quoting needed. */
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s-v%s.json\"",
	    s->code, s->version);
	http_response_header(req, "content-disposition", disp);
	respond(req, 200, "application/json; charset=utf-8", json,
	    strlen(json), CACHE_NO_STORE);
	return (MREQ_DONE);
}

/* Make a version live again ------------------------------------------------ */

static int
activate_start(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (sadm_path(req->path, s) == -1 || s->version[0] == '\0') {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_SURVEY_ADMIN_ACTIVATE, activate_done, 6,
	    m->sess->org_id, s->code, s->version, m->sess->user_id,
	    m->sess->email, m->client_ip[0] != '\0' ? m->client_ip : NULL));
}

static int
activate_done(struct http_request *req, struct mreq *m)
{
	struct sadm	*s = m->ctx;
	char		 loc[128];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	snprintf(loc, sizeof(loc), SADM_PREFIX "%s?active=%s", s->code,
	    s->version);
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}
