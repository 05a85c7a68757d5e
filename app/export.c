/*
 * export – the data leaving Mesure for a coordinator (issue #6):
 *
 *	GET /exports				what can be exported, the
 *						data dictionary
 *	GET /exports/visites.csv?du=&au=	raw visits of the quarters
 *	GET /exports/reponses.csv?du=&au=	raw survey answers
 *	GET /exports/dictionnaire.csv		the data dictionary
 *	GET /conventions/ID/suivi.xlsx?annee=	the funder's spreadsheet
 *
 * Raw data and the spreadsheet need a fresh password check (MREQ_REAUTH)
 * and are audit-logged before a byte is sent. The CSV files are UTF-8
 * (with a byte-order mark, so that a spreadsheet opens them as such),
 * RFC 4180, and a cell a spreadsheet would run as a formula (= + - @) is
 * neutralised (app/core/csv.c). Their columns are described once, in
 * dict[] below: the header lines and the dictionary come from it. The
 * spreadsheet is written from the annual report's model (report_load(),
 * in a task with its own connection) by reports/report_xlsx.c, in the
 * chroot's /tmp, read back and removed.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "app.h"
#include "auth.h"
#include "csv.h"
#include "frfmt.h"
#include "html.h"
#include "report.h"
#include "report_model.h"
#include "report_portal.h"
#include "report_xlsx.h"

#define EXPORT_QUARTERS_MAX	4	/* one file: a year at most */
#define XLSX_MAX		(32 * 1024 * 1024)

/* The data dictionary: every column of every CSV file, in order. */
struct dict_col {
	const char	*file;		/* visites, reponses */
	const char	*name;
	const char	*fr;
	const char	*en;
};

static const struct dict_col dict[] = {
	{ "visites", "visite", "Identifiant de la visite",
	    "Visit identifier" },
	{ "visites", "date", "Date et heure (Europe/Paris), AAAA-MM-JJTHH:MM",
	    "Date and time (Europe/Paris), YYYY-MM-DDTHH:MM" },
	{ "visites", "lieu", "Code du lieu d'accueil", "Site code" },
	{ "visites", "pseudonyme", "Pseudonyme de la personne (carte de "
	    "suivi), vide si anonyme", "The person's pseudonym (follow-up "
	    "card), empty if anonymous" },
	{ "visites", "tranche_age", "Tranche d'âge déclarée", "Age bracket" },
	{ "visites", "qpv", "Habite un quartier prioritaire (true/false)",
	    "Lives in a priority neighbourhood (true/false)" },
	{ "visites", "duree_min", "Durée en minutes", "Duration in minutes" },
	{ "visites", "canal", "sur-place, telephone ou distance",
	    "on site, phone or remote" },
	{ "visites", "aide", "Type d'aide (information, accompagnement, "
	    "faire-a-la-place, orientation)", "Kind of help" },
	{ "visites", "autonomie", "Autonomie observée", "Observed autonomy" },
	{ "visites", "partenaire", "Organisme vers lequel la personne est "
	    "orientée", "Partner the person was referred to" },
	{ "visites", "premiere_visite", "Première visite (true/false)",
	    "First visit (true/false)" },
	{ "visites", "domaines", "Domaines de la démarche, codes séparés par "
	    "« | »", "Domains, codes separated by \"|\"" },
	{ "visites", "demarches", "Démarches, codes séparés par « | »",
	    "Procedures, codes separated by \"|\"" },
	{ "visites", "competences", "Compétences numériques travaillées, "
	    "codes séparés par « | »", "Digital skills worked on" },
	{ "visites", "origine", "web, import ou demo",
	    "web, import or demo" },
	{ "reponses", "reponse", "Identifiant de la réponse (UUID), commun "
	    "aux lignes d'une même réponse", "Response identifier (UUID), "
	    "shared by the rows of one response" },
	{ "reponses", "date", "Date et heure de la réponse (Europe/Paris)",
	    "Date and time of the response (Europe/Paris)" },
	{ "reponses", "lieu", "Code du lieu d'accueil", "Site code" },
	{ "reponses", "questionnaire", "Code du questionnaire", "Survey code" },
	{ "reponses", "version", "Version du questionnaire",
	    "Survey version" },
	{ "reponses", "langue", "Langue de la réponse", "Language" },
	{ "reponses", "canal", "web, kiosk, api, card ou demo",
	    "web, kiosk, api, card or demo" },
	{ "reponses", "domaine", "Domaine de la démarche (si la réponse vient "
	    "d'une invitation)", "Domain (from the invitation)" },
	{ "reponses", "aide", "Type d'aide (si connu)", "Kind of help" },
	{ "reponses", "liee_visite", "Réponse liée à une visite (true/false)",
	    "Linked to a visit (true/false)" },
	{ "reponses", "question", "Code de la question (« _autre » : le texte "
	    "de « Autre, précisez »)", "Question code (\"_autre\": the "
	    "\"other\" text)" },
	{ "reponses", "rang", "Rang du choix (0, 1… pour un choix multiple)",
	    "Ordinal of the choice" },
	{ "reponses", "valeur", "La réponse telle que donnée. Un texte "
	    "commençant par = + - @ est précédé d'une apostrophe.",
	    "The answer as given. A text starting with = + - @ is prefixed "
	    "with an apostrophe." },
};

struct exctx {
	char	file[16];		/* visites, reponses */
	char	from[16], to[16];	/* [from, to) */
	char	du[16], au[16];		/* as asked: 2026-T1 */
	char	detail[128];		/* the audit's */
	/* The spreadsheet. */
	struct report_params	 rp;
	struct report_target	 tg;
	struct report_model	 model;
	char			 conv[24];
	int			 year;
	unsigned char		*xlsx;
	size_t			 xlsx_len;
	char			 err[256];
	int			 loaded;
};

static void	exctx_free(void *);
static int	exports_start(struct http_request *, struct mreq *);
static int	csv_start(struct http_request *, struct mreq *);
static int	csv_audited(struct http_request *, struct mreq *);
static int	csv_send(struct http_request *, struct mreq *);
static int	dict_start(struct http_request *, struct mreq *);
static int	xlsx_start(struct http_request *, struct mreq *);
static int	xlsx_checked(struct http_request *, struct mreq *);
static int	xlsx_audited(struct http_request *, struct mreq *);
static int	xlsx_send(struct http_request *, struct mreq *);
static void	xlsx_work(void *);

static const struct mreq_route exports_route = {
	.name = "exports", .start = exports_start,
	.ctx_size = sizeof(struct exctx), .ctx_free = exctx_free,
	.roles = ROLE_COORDINATOR,
};
static const struct mreq_route csv_route = {
	.name = "export_csv", .start = csv_start,
	.ctx_size = sizeof(struct exctx), .ctx_free = exctx_free,
	.roles = ROLE_COORDINATOR, .flags = MREQ_REAUTH,
};
static const struct mreq_route dict_route = {
	.name = "export_dictionary", .start = dict_start,
	.ctx_size = sizeof(struct exctx), .ctx_free = exctx_free,
	.roles = ROLE_COORDINATOR,
};
static const struct mreq_route xlsx_route = {
	.name = "export_xlsx", .start = xlsx_start,
	.ctx_size = sizeof(struct exctx), .ctx_free = exctx_free,
	.roles = ROLE_COORDINATOR, .flags = MREQ_REAUTH,
};

int	page_exports(struct http_request *);
int	page_export_csv(struct http_request *);
int	page_export_dictionary(struct http_request *);
int	page_convention_xlsx(struct http_request *);

int
page_exports(struct http_request *req)
{
	return (mreq_run(req, &exports_route));
}

int
page_export_csv(struct http_request *req)
{
	return (mreq_run(req, &csv_route));
}

int
page_export_dictionary(struct http_request *req)
{
	return (mreq_run(req, &dict_route));
}

int
page_convention_xlsx(struct http_request *req)
{
	return (mreq_run(req, &xlsx_route));
}

static void
exctx_free(void *arg)
{
	struct exctx	*c = arg;

	free(c->xlsx);
	c->xlsx = NULL;
	report_model_free(&c->model);
}

/* The current quarter. */
static void
this_quarter(int *y, int *q)
{
	time_t		now = time(NULL);
	struct tm	tm;

	localtime_r(&now, &tm);
	*y = tm.tm_year + 1900;
	*q = tm.tm_mon / 3 + 1;
}

/*
 * The period of ?du=2026-T1&au=2026-T3 (default: this year up to this
 * quarter): [from, to) in c. 0, or -1 if not understood, reversed, or
 * longer than EXPORT_QUARTERS_MAX quarters.
 */
static int
period_read(struct http_request *req, struct exctx *c)
{
	int	y0, q0, y1, q1, n;

	c->du[0] = c->au[0] = '\0';
	if (req->query_string != NULL) {
		(void)qs_get(req->query_string, "du", c->du, sizeof(c->du));
		(void)qs_get(req->query_string, "au", c->au, sizeof(c->au));
	}
	this_quarter(&y1, &q1);
	if (c->au[0] != '\0' && !quarter_parse(c->au, &y1, &q1))
		return (-1);
	y0 = y1;
	q0 = 1;
	if (c->du[0] != '\0' && !quarter_parse(c->du, &y0, &q0))
		return (-1);
	n = (y1 * 4 + q1) - (y0 * 4 + q0) + 1;
	if (n < 1 || n > EXPORT_QUARTERS_MAX)
		return (-1);
	snprintf(c->du, sizeof(c->du), "%04d-T%d", y0 % 10000, q0 % 10);
	snprintf(c->au, sizeof(c->au), "%04d-T%d", y1 % 10000, q1 % 10);
	snprintf(c->from, sizeof(c->from), "%04d-%02d-01", y0 % 10000,
	    ((q0 - 1) * 3 + 1) % 100);
	if (q1 == 4) {
		y1++;
		q1 = 0;
	}
	snprintf(c->to, sizeof(c->to), "%04d-%02d-01", y1 % 10000,
	    (q1 * 3 + 1) % 100);
	return (0);
}

/* /exports -------------------------------------------------------------- */

static int
exports_start(struct http_request *req, struct mreq *m)
{
	struct exctx	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 rows;
	size_t		 i;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	if (period_read(req, c) == -1) {
		respond_error(req, 422, m->lang, "exp.err.period");
		return (MREQ_DONE);
	}
	sbuf_init(&rows);
	for (i = 0; i < sizeof(dict) / sizeof(dict[0]); i++) {
		sbuf_puts(&rows, "<tr><td>");
		html_escape(&rows, dict[i].file);
		sbuf_puts(&rows, ".csv</td><th scope=\"row\"><code>");
		html_escape(&rows, dict[i].name);
		sbuf_puts(&rows, "</code></th><td>");
		html_escape(&rows, m->lang == LANG_EN ? dict[i].en :
		    dict[i].fr);
		sbuf_puts(&rows, "</td></tr>\n");
	}
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "du", c->du);
	tmpl_set(&t, "au", c->au);
	tmpl_set_raw(&t, "rows", rows.data);
	(void)staff_page(req, m, 200, &t, TMPL_EXPORT_PAGE,
	    i18n_get(m->lang, "exp.title"));
	sbuf_free(&rows);
	return (MREQ_DONE);
}

/* The CSV files ---------------------------------------------------------- */

static int
csv_start(struct http_request *req, struct mreq *m)
{
	struct exctx	*c = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	if (strcmp(req->path, "/exports/visites.csv") == 0)
		kore_strlcpy(c->file, "visites", sizeof(c->file));
	else
		kore_strlcpy(c->file, "reponses", sizeof(c->file));
	if (period_read(req, c) == -1) {
		respond_error(req, 422, m->lang, "exp.err.period");
		return (MREQ_DONE);
	}
	snprintf(c->detail, sizeof(c->detail),
	    "{\"du\": \"%s\", \"au\": \"%s\"}", c->du, c->au);
	return (auth_audit(m, strcmp(c->file, "visites") == 0 ?
	    "export.visits" : "export.answers", "organisation",
	    m->sess->org_id, c->detail, csv_audited));
}

static int
csv_audited(struct http_request *req, struct mreq *m)
{
	struct exctx	*c = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	return (mreq_query(m, strcmp(c->file, "visites") == 0 ?
	    SQL_EXPORT_VISITS : SQL_EXPORT_ANSWERS, csv_send, 3,
	    m->sess->org_id, c->from, c->to));
}

/* The header line of file, from the dictionary. */
static void
csv_header(struct sbuf *o, const char *file)
{
	size_t	i;
	int	first = 1;

	for (i = 0; i < sizeof(dict) / sizeof(dict[0]); i++) {
		if (strcmp(dict[i].file, file) != 0)
			continue;
		if (!first)
			csv_cell_sep(o);
		csv_cell(o, dict[i].name);
		first = 0;
	}
	csv_row_end(o);
}

static void
send_file(struct http_request *req, const char *type, const char *name,
    const void *data, size_t len)
{
	char	disp[240];

	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", name);
	http_response_header(req, "content-disposition", disp);
	respond(req, 200, type, data, len, CACHE_NO_STORE);
}

static int
csv_send(struct http_request *req, struct mreq *m)
{
	struct exctx	*c = m->ctx;
	struct sbuf	 o;
	char		 name[96];
	int		 i, j, nf;

	if (m->failed)
		return (mreq_error(req, m));
	sbuf_init(&o);
	sbuf_puts(&o, "\xef\xbb\xbf");
	csv_header(&o, c->file);
	nf = PQnfields(m->res);
	for (i = 0; i < mreq_rows(m); i++) {
		for (j = 0; j < nf; j++) {
			if (j > 0)
				csv_cell_sep(&o);
			csv_cell(&o, mreq_val(m, i, j));
		}
		csv_row_end(&o);
	}
	snprintf(name, sizeof(name), "mesure-%s-%s-%s.csv", c->file, c->du,
	    c->au);
	send_file(req, "text/csv; charset=utf-8", name, o.data, o.len);
	sbuf_free(&o);
	return (MREQ_DONE);
}

static int
dict_start(struct http_request *req, struct mreq *m)
{
	struct sbuf	o;
	size_t		i;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	sbuf_init(&o);
	sbuf_puts(&o, "\xef\xbb\xbf");
	csv_cell(&o, "fichier");
	csv_cell_sep(&o);
	csv_cell(&o, "colonne");
	csv_cell_sep(&o);
	csv_cell(&o, "description");
	csv_cell_sep(&o);
	csv_cell(&o, "description_en");
	csv_row_end(&o);
	for (i = 0; i < sizeof(dict) / sizeof(dict[0]); i++) {
		sbuf_printf(&o, "%s.csv", dict[i].file);
		csv_cell_sep(&o);
		csv_cell(&o, dict[i].name);
		csv_cell_sep(&o);
		csv_cell(&o, dict[i].fr);
		csv_cell_sep(&o);
		csv_cell(&o, dict[i].en);
		csv_row_end(&o);
	}
	send_file(req, "text/csv; charset=utf-8", "mesure-dictionnaire.csv",
	    o.data, o.len);
	sbuf_free(&o);
	return (MREQ_DONE);
}

/* The funder's spreadsheet ----------------------------------------------- */

static int
xlsx_start(struct http_request *req, struct mreq *m)
{
	struct exctx	*c = m->ctx;
	const char	*s = req->path + strlen("/conventions/");
	char		 y[8];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	kore_strlcpy(c->conv, s, sizeof(c->conv));
	c->conv[strcspn(c->conv, "/")] = '\0';
	y[0] = '\0';
	if (req->query_string != NULL)
		(void)qs_get(req->query_string, "annee", y, sizeof(y));
	if (y[0] != '\0' && (strlen(y) != 4 || strspn(y, "0123456789") != 4)) {
		respond_error(req, 422, m->lang, "exp.err.year");
		return (MREQ_DONE);
	}
	c->year = y[0] != '\0' ? atoi(y) : 0;
	return (mreq_query(m, SQL_CONV_TARGET, xlsx_checked, 2,
	    m->sess->org_id, c->conv));
}

static int
xlsx_checked(struct http_request *req, struct mreq *m)
{
	struct exctx	*c = m->ctx;
	int		 first, last, y, q;
	char		 year[8];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	first = atoi(mreq_val(m, 0, 3));
	last = atoi(mreq_val(m, 0, 4));
	if (c->year == 0) {
		/* This year if the convention runs now, else its last. */
		this_quarter(&y, &q);
		c->year = y < first ? first : y > last ? last : y;
	}
	if (c->year < first || c->year > last) {
		respond_error(req, 422, m->lang, "exp.err.year");
		return (MREQ_DONE);
	}
	snprintf(year, sizeof(year), "%d", c->year % 10000);
	if (report_target_params(&c->tg, &c->rp, m, year, 1, m->lang) == -1) {
		respond_error(req, 422, m->lang, "exp.err.year");
		return (MREQ_DONE);
	}
	snprintf(c->detail, sizeof(c->detail), "{\"annee\": %d}", c->year);
	return (auth_audit(m, "export.xlsx", "convention", c->conv,
	    c->detail, xlsx_audited));
}

static int
xlsx_audited(struct http_request *req, struct mreq *m)
{
	struct exctx	*c = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	return (mreq_task(m, xlsx_work, c, xlsx_send));
}

/* Read all of fd (at most XLSX_MAX bytes) into c->xlsx. 0 or -1. */
static int
slurp(struct exctx *c, int fd)
{
	struct stat	st;
	ssize_t		n;
	size_t		off = 0;

	if (fstat(fd, &st) == -1 || st.st_size <= 0 ||
	    st.st_size > XLSX_MAX || (c->xlsx = malloc((size_t)st.st_size)) ==
	    NULL)
		return (-1);
	while (off < (size_t)st.st_size) {
		n = read(fd, c->xlsx + off, (size_t)st.st_size - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return (-1);
		off += (size_t)n;
	}
	c->xlsx_len = off;
	return (0);
}

/* In the task thread: the annual model, written as .xlsx, read back. */
static void
xlsx_work(void *arg)
{
	struct exctx	*c = arg;
	PGconn		*db;
	char		 path[] = "/tmp/mesure-xlsx-XXXXXX";
	int		 fd;

	db = PQconnectdb(app_settings.db_conninfo);
	if (PQstatus(db) != CONNECTION_OK || report_load(db, &c->rp,
	    &c->model, NULL, c->err, sizeof(c->err)) == -1) {
		if (c->err[0] == '\0')
			snprintf(c->err, sizeof(c->err), "%s",
			    PQerrorMessage(db));
		PQfinish(db);
		return;
	}
	PQfinish(db);
	if ((fd = mkstemp(path)) == -1) {
		snprintf(c->err, sizeof(c->err), "mkstemp: %s",
		    strerror(errno));
		return;
	}
	if (report_xlsx_write(&c->model, path, "/tmp", c->err,
	    sizeof(c->err)) == 0) {
		/* libxlsxwriter wrote through its own descriptor. */
		close(fd);
		if ((fd = open(path, O_RDONLY)) != -1 && slurp(c, fd) == 0)
			c->loaded = 1;
		else
			snprintf(c->err, sizeof(c->err), "reading %s back",
			    path);
	}
	if (fd != -1)
		close(fd);
	(void)unlink(path);
}

static int
xlsx_send(struct http_request *req, struct mreq *m)
{
	struct exctx	*c = m->ctx;
	char		 name[160];

	if (!c->loaded) {
		kore_log(LOG_ERR, "export_xlsx: %s", c->err);
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	snprintf(name, sizeof(name), "mesure-%s-%s-%d.xlsx", c->tg.project,
	    c->tg.convention, c->year);
	/* The reference is free text: keep the file name plain. */
	for (char *p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			*p = '_';
	send_file(req, "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", name, c->xlsx, c->xlsx_len);
	return (MREQ_DONE);
}
