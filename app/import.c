/*
 * import – past visits from the Digilab's spreadsheet (issue #5), for
 * coordinators and administrators:
 *
 *	GET /visites/import			the format, the template, the form,
 *						the last imports
 *	POST /visites/import			the dry run: a CSV file uploaded
 *						(multipart/form-data, field
 *						"fichier", 2 MiB at most); every
 *						rejected line and why (422), or
 *						303 to the confirmation
 *	GET /visites/import/modele.csv		the template (headings, UTF-8)
 *	GET /visites/import/{id}		a checked file, ready to import
 *	POST /visites/import/{id}		import it: every row or none, in
 *						one statement, audited
 *
 * The dry run writes no visit: it checks the file line by line
 * (app/core/visit_import.c, in a task thread – a 10 000-line file must
 * not stall the worker) and keeps the checked rows for an hour
 * (visit_import_stage()), so that confirming needs no second upload. The
 * same file (same SHA-256) is never imported twice. The CSRF token of
 * the multipart form is checked by the driver (the route declares
 * "validate csrf v_csrf").
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "app.h"
#include "csv.h"
#include "frfmt.h"
#include "html.h"
#include "survey_def.h"
#include "upload.h"
#include "visit_app.h"
#include "visit_import.h"

#define IMPORT_FILE_MAX		(2 * 1024 * 1024)

enum ix_what {
	IX_PAGE,		/* GET /visites/import */
	IX_CHECK,		/* POST /visites/import */
	IX_BATCH,		/* GET /visites/import/{id} */
	IX_COMMIT,		/* POST /visites/import/{id} */
	IX_TEMPLATE		/* GET /visites/import/modele.csv */
};

/* The parse, run in a task thread (libc only): input and output. */
struct ix_job {
	const char		*text;		/* c->file */
	size_t			 len;
	const struct vocabs	*vs;
	const char		*today;
	struct import_result	 res;		/* libc; freed by ictx_free */
	int			 rc;		/* visit_import_parse() */
	struct sbuf		 json;		/* libc */
	unsigned char		 sha[32];
};

struct ictx {
	enum ix_what	 what;
	struct vform	 f;		/* the lists and today (visit_form.sql) */
	char		*file;		/* kore_malloc'd, NUL-terminated */
	size_t		 len;
	char		 filename[208];
	char		 sha_hex[65];
	struct ix_job	 job;
	int		 have_job;
	char		 id[24];
	const char	*err;		/* a message key for the upload form */
	int		 status;
};

static void	ictx_free(void *);
static int	ix_start(struct http_request *, struct mreq *);
static int	ix_page(struct http_request *, struct mreq *);
static int	ix_page_render(struct http_request *, struct mreq *);
static int	ix_lists(struct http_request *, struct mreq *);
static void	ix_work(void *);
static int	ix_checked(struct http_request *, struct mreq *);
static int	ix_staged(struct http_request *, struct mreq *);
static int	ix_batch(struct http_request *, struct mreq *);
static int	ix_committed(struct http_request *, struct mreq *);
static int	ix_message(struct http_request *, struct mreq *, int,
		    const char *, const char *);
static int	ix_read_file(struct http_request *, struct mreq *);

static const struct mreq_route import_route = {
	.name = "import",
	.start = ix_start,
	.ctx_size = sizeof(struct ictx),
	.ctx_free = ictx_free,
	.roles = ROLE_COORDINATOR | ROLE_ADMIN,
};

int
page_import(struct http_request *req)
{
	return (mreq_run(req, &import_route));
}

int
page_import_template(struct http_request *req)
{
	return (mreq_run(req, &import_route));
}

int
page_import_batch(struct http_request *req)
{
	return (mreq_run(req, &import_route));
}

static void
ictx_free(void *p)
{
	struct ictx	*c = p;

	vform_free(&c->f);
	if (c->have_job) {
		visit_import_free(&c->job.res);
		sbuf_free(&c->job.json);
	}
	c->have_job = 0;
	if (c->file != NULL)
		kore_free(c->file);
	c->file = NULL;
}

/* The template: the headings the import knows, in the Digilab's order. */
static int
ix_template(struct http_request *req, struct mreq *m)
{
	static const char *const heads[] = {
		"Date", "Heure", "Site", "Domaines", "Démarches", "Type d'aide",
		"Autonomie", "Orientation", "Durée", "Canal", "Pseudonyme",
		"Âge", "QPV", "Première visite", "Usages"
	};
	struct sbuf	out;
	size_t		i;

	sbuf_init(&out);
	/* A BOM, so that a spreadsheet opens it as UTF-8. */
	sbuf_puts(&out, "\xef\xbb\xbf");
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		if (i > 0)
			sbuf_putc(&out, ';');
		csv_cell(&out, heads[i]);
	}
	sbuf_puts(&out, "\r\n");
	http_response_header(req, "content-disposition",
	    "attachment; filename=\"visites-modele.csv\"");
	respond(req, 200, "text/csv; charset=utf-8", out.data, out.len,
	    CACHE_NO_STORE);
	sbuf_free(&out);
	return (MREQ_DONE);
}

static int
ix_start(struct http_request *req, struct mreq *m)
{
	struct ictx	*c = m->ctx;
	const char	*p;
	size_t		 i;

	vform_init(&c->f);
	if (strcmp(req->path, "/visites/import/modele.csv") == 0) {
		if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
			return (MREQ_DONE);
		return (ix_template(req, m));
	}
	if (strcmp(req->path, "/visites/import") == 0) {
		if (!mreq_method_allowed(req, m, HTTP_METHOD_GET |
		    HTTP_METHOD_POST))
			return (MREQ_DONE);
		c->what = req->method == HTTP_METHOD_POST ? IX_CHECK : IX_PAGE;
		if (c->what == IX_CHECK && ix_read_file(req, m) == -1)
			return (MREQ_DONE);
		return (mreq_query(m, SQL_VISIT_FORM, ix_lists, 2,
		    m->sess->org_id, m->sess->user_id));
	}
	/* /visites/import/{id} */
	p = req->path + strlen("/visites/import/");
	for (i = 0; p[i] >= '0' && p[i] <= '9'; i++)
		;
	if (strncmp(req->path, "/visites/import/", 16) != 0 || i == 0 ||
	    i > 18 || p[i] != '\0' || p[0] == '0') {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	kore_strlcpy(c->id, p, sizeof(c->id));
	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method == HTTP_METHOD_POST) {
		c->what = IX_COMMIT;
		return (mreq_query(m, SQL_VISIT_IMPORT_COMMIT, ix_committed, 5,
		    m->sess->org_id, m->sess->user_id, c->id, m->sess->email,
		    m->client_ip[0] ? m->client_ip : NULL));
	}
	c->what = IX_BATCH;
	return (mreq_query(m, SQL_VISIT_IMPORT_BATCH, ix_batch, 3,
	    m->sess->org_id, m->sess->user_id, c->id));
}

/*
 * The uploaded file into c->file. The driver parsed the multipart body
 * to check its CSRF token (a script that sends X-CSRF-Token instead gets
 * it parsed here). Returns 0, or -1 after answering.
 */
static int
ix_read_file(struct http_request *req, struct mreq *m)
{
	struct ictx	*c = m->ctx;
	struct upload	 u;

	switch (upload_read(req, "fichier", IMPORT_FILE_MAX, &u)) {
	case UPLOAD_NOT_MULTIPART:
		respond_error(req, 415, m->lang, "import.err.not_multipart");
		return (-1);
	case UPLOAD_MISSING:
		c->err = "import.err.no_file";
		c->status = 422;
		return (0);
	case UPLOAD_TOO_LARGE:
		c->err = "import.err.too_large";
		c->status = 413;
		return (0);
	case UPLOAD_OK:
		break;
	}
	/* Owned by c now (kore_malloc'd, freed with it). */
	c->file = u.data;
	c->len = u.len;
	kore_strlcpy(c->filename, u.filename[0] != '\0' ? u.filename :
	    "fichier.csv", sizeof(c->filename));
	return (0);
}

static int
ix_lists(struct http_request *req, struct mreq *m)
{
	struct ictx	*c = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	if (vform_load(m, &c->f) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	if (c->what == IX_PAGE || c->err != NULL)
		return (ix_page(req, m));
	memset(&c->job, 0, sizeof(c->job));
	c->job.text = c->file;
	c->job.len = c->len;
	c->job.vs = &c->f.vs;
	c->job.today = c->f.today;
	sbuf_init(&c->job.json);
	c->have_job = 1;
	return (mreq_task(m, ix_work, &c->job, ix_checked));
}

/* In a task thread: check the file, and its rows as JSON if all good. */
static void
ix_work(void *arg)
{
	struct ix_job	*j = arg;

	j->rc = visit_import_parse(j->text, j->len, j->vs, j->today, &j->res);
	crypto_hash_sha256(j->sha, (const unsigned char *)j->text, j->len);
	if (j->rc == 0 && visit_import_json(&j->res, &j->json) == -1)
		j->rc = -2;
}

static int
ix_page(struct http_request *req, struct mreq *m)
{
	return (mreq_query(m, SQL_VISIT_IMPORT_RECENT, ix_page_render, 1,
	    m->sess->org_id));
}

/* The accepted values of a column, in the person's language. */
static void
values(struct sbuf *o, struct mreq *m, const struct vocabs *vs,
    enum vocab_id vid)
{
	const struct vocab	*v = &vs->v[vid];
	size_t			 i;

	for (i = 0; i < v->n; i++) {
		if (i > 0)
			sbuf_puts(o, ", ");
		sbuf_puts(o, "<span class=\"val\">");
		html_escape(o, m->lang == LANG_EN && v->e[i].label_en[0] ?
		    v->e[i].label_en : v->e[i].label_fr);
		sbuf_puts(o, "</span>");
	}
}

/* The page: the format, the template, the form (with c->err), the log. */
static int
ix_page_render(struct http_request *req, struct mreq *m)
{
	static const struct {
		const char	*head;
		const char	*req_key;
		const char	*rule_key;
		int		 vocab;
	} cols[] = {
		{ "Date", "import.col.yes", "import.rule.date", -1 },
		{ "Heure", "import.col.no", "import.rule.time", -1 },
		{ "Site", "import.col.yes", "import.rule.site", VOCAB_SITE },
		{ "Domaines", "import.col.yes", "import.rule.multi",
		    VOCAB_DOMAIN },
		{ "Démarches", "import.col.no", "import.rule.multi",
		    VOCAB_PROCEDURE },
		{ "Type d'aide", "import.col.yes", "import.rule.one", VOCAB_HELP },
		{ "Autonomie", "import.col.no", "import.rule.one",
		    VOCAB_AUTONOMY },
		{ "Orientation", "import.col.orient", "import.rule.one",
		    VOCAB_PARTNER },
		{ "Durée", "import.col.no", "import.rule.duration", -1 },
		{ "Canal", "import.col.no", "import.rule.channel",
		    VOCAB_CHANNEL },
		{ "Pseudonyme", "import.col.no", "import.rule.pseudonym", -1 },
		{ "Âge", "import.col.no", "import.rule.one", VOCAB_AGE },
		{ "QPV", "import.col.no", "import.rule.yesno", -1 },
		{ "Première visite", "import.col.no", "import.rule.first", -1 },
		{ "Usages", "import.col.no", "import.rule.multi", VOCAB_SKILL },
	};
	struct ictx	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 rows, recent, notice, errattr;
	char		 at[FRFMT_BUFSZ * 2], count[FRFMT_BUFSZ];
	char		 d0[FRFMT_BUFSZ], d1[FRFMT_BUFSZ], period[160];
	size_t		 i;
	int		 k, y, mo, d;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	sbuf_init(&recent);
	sbuf_init(&notice);
	sbuf_init(&errattr);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		sbuf_puts(&rows, "<tr><th scope=\"row\">");
		html_escape(&rows, cols[i].head);
		sbuf_puts(&rows, "</th><td>");
		html_escape(&rows, i18n_get(m->lang, cols[i].req_key));
		sbuf_puts(&rows, "</td><td>");
		html_escape(&rows, i18n_get(m->lang, cols[i].rule_key));
		if (cols[i].vocab >= 0) {
			sbuf_puts(&rows, " ");
			values(&rows, m, &c->f.vs, (enum vocab_id)cols[i].vocab);
		}
		sbuf_puts(&rows, "</td></tr>\n");
	}
	for (k = 0; k < mreq_rows(m); k++) {
		staff_time(at, sizeof(at), m->lang, mreq_val(m, k, 0));
		fmt_int(count, sizeof(count), m->lang,
		    strtoll(mreq_val(m, k, 3), NULL, 10));
		d0[0] = d1[0] = '\0';
		if (sscanf(mreq_val(m, k, 4), "%d-%d-%d", &y, &mo, &d) == 3)
			fmt_date(d0, sizeof(d0), m->lang, y, mo, d);
		if (sscanf(mreq_val(m, k, 5), "%d-%d-%d", &y, &mo, &d) == 3)
			fmt_date(d1, sizeof(d1), m->lang, y, mo, d);
		snprintf(period, sizeof(period), "%s – %s", d0, d1);
		sbuf_puts(&recent, "<tr><td>");
		html_escape(&recent, at);
		sbuf_puts(&recent, "</td><td>");
		html_escape(&recent, mreq_val(m, k, 1));
		sbuf_puts(&recent, "</td><td>");
		html_escape(&recent, mreq_val(m, k, 2));
		sbuf_puts(&recent, "</td><td class=\"num\">");
		html_escape(&recent, count);
		sbuf_puts(&recent, "</td><td>");
		html_escape(&recent, period);
		sbuf_puts(&recent, "</td></tr>\n");
	}
	if (c->err != NULL) {
		sbuf_puts(&notice, "<p class=\"field-error\" id=\"err-fichier\">");
		html_escape(&notice, i18n_get(m->lang, c->err));
		sbuf_puts(&notice, "</p>\n");
		sbuf_puts(&errattr, " aria-invalid=\"true\" "
		    "aria-describedby=\"hint-fichier err-fichier\"");
	} else
		sbuf_puts(&errattr, " aria-describedby=\"hint-fichier\"");
	staff_tmpl_init(&t, m);
	/* Raw: markup built above with html_escape(). */
	tmpl_set_raw(&t, "columns", rows.data);
	tmpl_set_raw(&t, "recent", recent.data);
	tmpl_set_raw(&t, "error", notice.data);
	tmpl_set_raw(&t, "file_attrs", errattr.data);
	/* Raw: a fixed attribute. */
	tmpl_set_raw(&t, "recent_hidden", recent.len ? "" : " hidden");
	(void)staff_page(req, m, c->err != NULL ? (c->status ? c->status : 422) :
	    200, &t, TMPL_IMPORT_PAGE, i18n_get(m->lang, "import.title"));
	sbuf_free(&rows);
	sbuf_free(&recent);
	sbuf_free(&notice);
	sbuf_free(&errattr);
	return (MREQ_DONE);
}

/* The dry run's verdict: every rejected line (422), or keep the rows. */
static int
ix_checked(struct http_request *req, struct mreq *m)
{
	struct ictx		*c = m->ctx;
	struct import_result	*res = &c->job.res;
	struct tmpl		 t;
	struct sbuf		 rows, lead, fatal;
	char			 line[24], total[FRFMT_BUFSZ], rejected[FRFMT_BUFSZ];
	char			 more[FRFMT_BUFSZ];
	size_t			 i;

	if (c->job.rc == -2) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	survey_hex(c->job.sha, sizeof(c->job.sha), c->sha_hex);
	if (c->job.rc == 0)
		return (mreq_query(m, SQL_VISIT_IMPORT_STAGE, ix_staged, 5,
		    m->sess->org_id, m->sess->user_id, c->filename, c->sha_hex,
		    c->job.json.data));

	sbuf_init(&rows);
	sbuf_init(&lead);
	sbuf_init(&fatal);
	if (c->job.rc == -1) {
		/* The file cannot be read at all. */
		sbuf_puts(&fatal, "<p class=\"notice notice-error\" "
		    "role=\"alert\">");
		html_escape(&fatal, i18n_get(m->lang, res->fatal_key != NULL ?
		    res->fatal_key : "import.err.unreadable"));
		if (res->fatal[0] != '\0' && res->fatal_key != NULL &&
		    (strcmp(res->fatal_key, "import.err.unknown_column") == 0 ||
		    strcmp(res->fatal_key, "import.err.duplicate_column") == 0 ||
		    strcmp(res->fatal_key, "import.err.missing_columns") == 0)) {
			sbuf_puts(&fatal, " « ");
			html_escape(&fatal, res->fatal);
			sbuf_puts(&fatal, " »");
		}
		sbuf_puts(&fatal, "</p>\n");
	} else {
		for (i = 0; i < res->nerrors; i++) {
			snprintf(line, sizeof(line), "%zu", res->errors[i].line);
			sbuf_puts(&rows, "<tr><td class=\"num\">");
			html_escape(&rows, line);
			sbuf_puts(&rows, "</td><td>");
			html_escape(&rows, res->errors[i].column);
			sbuf_puts(&rows, "</td><td>");
			html_escape(&rows, res->errors[i].detail);
			sbuf_puts(&rows, "</td><td>");
			html_escape(&rows, i18n_get(m->lang,
			    res->errors[i].msgkey));
			sbuf_puts(&rows, "</td></tr>\n");
		}
		fmt_int(total, sizeof(total), m->lang,
		    (long long)res->nerrors_total);
		fmt_int(rejected, sizeof(rejected), m->lang,
		    (long long)res->nrows);
		sbuf_puts(&lead, "<p class=\"notice notice-error\" "
		    "role=\"alert\">");
		html_escape(&lead, i18n_get(m->lang, "import.rejected"));
		sbuf_putc(&lead, ' ');
		html_escape(&lead, total);
		sbuf_puts(&lead, ". ");
		html_escape(&lead, i18n_get(m->lang, "import.nothing_written"));
		sbuf_puts(&lead, "</p>\n");
		if (res->nerrors_total > res->nerrors) {
			fmt_int(more, sizeof(more), m->lang,
			    (long long)(res->nerrors_total - res->nerrors));
			sbuf_puts(&lead, "<p class=\"note\">");
			html_escape(&lead, i18n_get(m->lang, "import.more_errors"));
			sbuf_putc(&lead, ' ');
			html_escape(&lead, more);
			sbuf_puts(&lead, "</p>\n");
		}
	}
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "filename", c->filename);
	/* Raw: markup built above with html_escape(). */
	tmpl_set_raw(&t, "fatal", fatal.data);
	tmpl_set_raw(&t, "lead", lead.data);
	tmpl_set_raw(&t, "rows", rows.data);
	/* Raw: a fixed attribute. */
	tmpl_set_raw(&t, "table_hidden", rows.len ? "" : " hidden");
	(void)staff_page(req, m, 422, &t, TMPL_IMPORT_ERRORS,
	    i18n_get(m->lang, "import.errors.title"));
	sbuf_free(&rows);
	sbuf_free(&lead);
	sbuf_free(&fatal);
	return (MREQ_DONE);
}

static int
ix_staged(struct http_request *req, struct mreq *m)
{
	char	loc[64], at[FRFMT_BUFSZ * 2];

	if (m->failed) {
		if (strcmp(m->sqlstate, "42501") == 0) {
			respond_error(req, 403, m->lang, "import.forbidden");
			return (MREQ_DONE);
		}
		return (mreq_error(req, m));
	}
	if (mreq_rows(m) != 1)
		return (mreq_error(req, m));
	if (mreq_isnull(m, 0, 0)) {
		/* This very file was imported already. */
		staff_time(at, sizeof(at), m->lang, mreq_val(m, 0, 1));
		return (ix_message(req, m, 409, "import.already", at));
	}
	snprintf(loc, sizeof(loc), "/visites/import/%s", mreq_val(m, 0, 0));
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}

/* A short page: a heading, a message (and a detail), the way back. */
static int
ix_message(struct http_request *req, struct mreq *m, int status,
    const char *key, const char *detail)
{
	struct tmpl	t;
	char		hkey[64];

	snprintf(hkey, sizeof(hkey), "%s_h", key);
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "heading", i18n_get(m->lang, hkey));
	tmpl_set(&t, "message", i18n_get(m->lang, key));
	tmpl_set(&t, "detail", detail != NULL ? detail : "");
	return (staff_page(req, m, status, &t, TMPL_IMPORT_MESSAGE,
	    i18n_get(m->lang, hkey)));
}

/* A checked file waiting for confirmation (or imported, or too old). */
static int
ix_batch(struct http_request *req, struct mreq *m)
{
	struct ictx	*c = m->ctx;
	struct tmpl	 t;
	char		 rows[FRFMT_BUFSZ], d0[FRFMT_BUFSZ], d1[FRFMT_BUFSZ];
	char		 action[64];
	int		 y, mo, d, done;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	done = strcmp(mreq_val(m, 0, 4), "t") == 0;
	if (!done && strcmp(mreq_val(m, 0, 5), "t") == 0)
		return (ix_message(req, m, 410, "import.expired", NULL));
	fmt_int(rows, sizeof(rows), m->lang, strtoll(mreq_val(m, 0, 1), NULL,
	    10));
	d0[0] = d1[0] = '\0';
	if (sscanf(mreq_val(m, 0, 2), "%d-%d-%d", &y, &mo, &d) == 3)
		fmt_date(d0, sizeof(d0), m->lang, y, mo, d);
	if (sscanf(mreq_val(m, 0, 3), "%d-%d-%d", &y, &mo, &d) == 3)
		fmt_date(d1, sizeof(d1), m->lang, y, mo, d);
	snprintf(action, sizeof(action), "/visites/import/%s", c->id);
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "filename", mreq_val(m, 0, 0));
	tmpl_set(&t, "rows", rows);
	tmpl_set(&t, "from", d0);
	tmpl_set(&t, "to", d1);
	tmpl_set(&t, "action", action);
	return (staff_page(req, m, 200, &t, done ? TMPL_IMPORT_DONE :
	    TMPL_IMPORT_CONFIRM, i18n_get(m->lang, done ? "import.done.title" :
	    "import.confirm.title")));
}

static int
ix_committed(struct http_request *req, struct mreq *m)
{
	struct ictx	*c = m->ctx;
	char		 loc[64];

	if (m->failed) {
		if (strcmp(m->sqlstate, "MV409") == 0 ||
		    strcmp(m->sqlstate, "23505") == 0)
			return (ix_message(req, m, 409, "import.already", NULL));
		if (strcmp(m->sqlstate, "MV410") == 0)
			return (ix_message(req, m, 410, "import.expired", NULL));
		if (strcmp(m->sqlstate, "42501") == 0)
			return (ix_message(req, m, 403, "import.forbidden",
			    NULL));
		if (strncmp(m->sqlstate, "22", 2) == 0 ||
		    strncmp(m->sqlstate, "23", 2) == 0)
			return (ix_message(req, m, 422, "import.refused", NULL));
		return (mreq_error(req, m));
	}
	if (mreq_rows(m) != 1 || mreq_isnull(m, 0, 0)) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	snprintf(loc, sizeof(loc), "/visites/import/%s", c->id);
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}
