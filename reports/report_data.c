/*
 * report_data – fills a report model from the database (report_load):
 * the statements of sql/queries/report_*.sql, run in order in one
 * repeatable-read, read-only transaction, so that every figure of a
 * report comes from the same snapshot.
 *
 * Every row read is also written, in a canonical text form, into a
 * SHA-256 (the report's data_sha256) and, if the caller asks, into a
 * buffer (mesure-report --dump-data): the query's name, its parameters,
 * then each row with its fields separated by 0x1f and NULL written \N.
 * Anyone with the same database can run the same SQL and get the same
 * digest – "the SHA-256 of the data it was computed from".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "frfmt.h"
#include "gen_sql.h"
#include "indicator.h"
#include "report.h"
#include "report_model.h"
#include "report_text.h"
#include "sbuf.h"

#include "report_rd.h"

int
rd_fail(struct rd *rd, const char *fmt, ...)
{
	va_list	ap;

	if (!rd->failed) {
		va_start(ap, fmt);
		vsnprintf(rd->err, rd->errsz, fmt, ap);
		va_end(ap);
		rd->failed = 1;
	}
	return (-1);
}

void
rd_hash(struct rd *rd, const char *s, size_t n)
{
	EVP_DigestUpdate(rd->sha, s, n);
	if (rd->dump != NULL)
		sbuf_add(rd->dump, s, n);
}

/*
 * Run statement id with n text parameters (NULL = SQL NULL); hash its
 * name, parameters and rows. Returns the result (PQclear() it) or NULL
 * with the error recorded.
 */
PGresult *
rd_query(struct rd *rd, enum sql_id id, int n, const char *const *params)
{
	PGresult	*res;
	int		 i, r, c, rows, cols;
	const char	*v;
	struct timespec	 t0, t1;

	if (rd->failed)
		return (NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	res = PQexecParams(rd->db, sql_text[id], n, NULL, params, NULL, NULL,
	    0);
	if (rd->timing) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(stderr, "%-34s %8.1f ms %7d rows\n", sql_name[id],
		    (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6, PQntuples(res));
	}
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rd_fail(rd, "%s: %s", sql_name[id],
		    PQresultErrorMessage(res));
		PQclear(res);
		return (NULL);
	}
	rd_hash(rd, "Q ", 2);
	rd_hash(rd, sql_name[id], strlen(sql_name[id]));
	rd_hash(rd, "\n", 1);
	for (i = 0; i < n; i++) {
		rd_hash(rd, i == 0 ? "P " : "\x1f", i == 0 ? 2 : 1);
		if (params[i] == NULL)
			rd_hash(rd, "\\N", 2);
		else
			rd_hash(rd, params[i], strlen(params[i]));
	}
	rd_hash(rd, "\n", 1);
	rows = PQntuples(res);
	cols = PQnfields(res);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++) {
			if (c > 0)
				rd_hash(rd, "\x1f", 1);
			if (PQgetisnull(res, r, c))
				rd_hash(rd, "\\N", 2);
			else {
				v = PQgetvalue(res, r, c);
				rd_hash(rd, v, (size_t)PQgetlength(res, r, c));
			}
		}
		rd_hash(rd, "\n", 1);
	}
	return (res);
}

int
rd_exec(struct rd *rd, const char *sql)
{
	PGresult	*res;
	int		 rc;

	if (rd->failed)
		return (-1);
	res = PQexec(rd->db, sql);
	rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 :
	    rd_fail(rd, "%s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
	return (rc);
}

/* A copy of a field in the model's arena; NULL for SQL NULL. */
const char *
rd_str(struct report_model *m, PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return (NULL);
	return (rm_strdup(m, PQgetvalue(res, r, c)));
}

long long
rd_ll(PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return (0);
	return (strtoll(PQgetvalue(res, r, c), NULL, 10));
}

double
rd_dbl(PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return (0.0);
	return (strtod(PQgetvalue(res, r, c), NULL));
}

/* y, q + delta quarters. */
void
rd_quarter_add(int *y, int *q, int delta)
{
	int	n;

	n = *y * 4 + (*q - 1) + delta;
	*y = n / 4;
	*q = n % 4 + 1;
}

void
rd_quarter_day(char *buf, int y, int q)
{
	snprintf(buf, 11, "%04u-%02u-01", (unsigned)y % 10000u,
	    (unsigned)((q - 1) * 3 + 1) % 100u);
}

/* The day before YYYY-MM-01. */
void
rd_day_before(char *buf, const char *first)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	y, mo, d;

	y = atoi(first);
	mo = atoi(first + 5);
	if (--mo == 0) {
		mo = 12;
		y--;
	}
	d = mdays[mo - 1];
	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		d = 29;
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)mo % 100u, (unsigned)d % 100u);
}

static int
load_context(struct rd *rd, struct report_model *m,
    const struct report_params *rp)
{
	PGresult	*res;
	const char	*p[3];
	int		 rows;

	p[0] = rp->project;
	p[1] = rp->organisation != NULL ? rp->organisation : "";
	p[2] = rp->convention != NULL ? rp->convention : "";
	if ((res = rd_query(rd, SQL_REPORT_CONTEXT, 3, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	if (rows == 0) {
		PQclear(res);
		return (rd_fail(rd, "no project \"%s\"%s%s", rp->project,
		    rp->organisation != NULL ? " in organisation " : "",
		    rp->organisation != NULL ? rp->organisation : ""));
	}
	if (rows > 1) {
		PQclear(res);
		return (rd_fail(rd, "several organisations have a project "
		    "\"%s\": say which one", rp->project));
	}
	m->org_id = rd_ll(res, 0, 0);
	m->org_slug = rd_str(m, res, 0, 1);
	m->org_name = rd_str(m, res, 0, 2);
	m->threshold = (int)rd_ll(res, 0, 3);
	m->project_id = rd_ll(res, 0, 4);
	m->project_code = rd_str(m, res, 0, 5);
	m->project_name = rd_str(m, res, 0, 6);
	m->project_summary = rd_str(m, res, 0, 7);
	m->project_audience = rd_str(m, res, 0, 8);
	if (rp->convention != NULL && *rp->convention != '\0') {
		if (PQgetisnull(res, 0, 10)) {
			PQclear(res);
			return (rd_fail(rd, "project \"%s\" has no convention "
			    "\"%s\"", rp->project, rp->convention));
		}
		m->has_convention = 1;
		m->convention.id = rd_ll(res, 0, 10);
		m->convention.reference = rd_str(m, res, 0, 11);
		m->convention.title = rd_str(m, res, 0, 12);
		m->convention.amount_cents = rd_ll(res, 0, 13);
		m->convention.starts_on = rd_str(m, res, 0, 14);
		m->convention.ends_on = rd_str(m, res, 0, 15);
		m->convention.signed_on = rd_str(m, res, 0, 16);
		m->convention.funder = rd_str(m, res, 0, 17);
		m->convention.funder_kind = rd_str(m, res, 0, 18);
	}
	m->schema_version = rd_str(m, res, 0, 19);
	if (m->schema_version == NULL)
		m->schema_version = "";
	PQclear(res);
	return (0);
}

/* The parameters, canonical, as embedded in the PDF and the table. */
static void
make_params(struct report_model *m)
{
	struct sbuf	sb;

	sbuf_init(&sb);
	sbuf_puts(&sb, "{\"kind\": ");
	json_write_string(&sb, report_kind_name[m->kind]);
	sbuf_puts(&sb, ", \"organisation\": ");
	json_write_string(&sb, m->org_slug != NULL ? m->org_slug : "");
	sbuf_puts(&sb, ", \"project\": ");
	json_write_string(&sb, m->project_code != NULL ? m->project_code : "");
	sbuf_puts(&sb, ", \"convention\": ");
	if (m->has_convention)
		json_write_string(&sb, m->convention.reference);
	else
		sbuf_puts(&sb, "null");
	if (m->kind == REPORT_QUARTERLY)
		sbuf_printf(&sb, ", \"period\": \"%d-T%d\"", m->year,
		    m->quarter);
	else
		sbuf_printf(&sb, ", \"period\": \"%d\"", m->year);
	sbuf_printf(&sb, ", \"from\": \"%s\", \"to\": \"%s\"",
	    m->period_start, m->period_last);
	sbuf_printf(&sb, ", \"lang\": \"%s\"", lang_code[m->lang]);
	sbuf_printf(&sb, ", \"as_of\": \"%04d-%02d-%02d\"", m->as_of[0],
	    m->as_of[1], m->as_of[2]);
	sbuf_printf(&sb, ", \"threshold\": %d", m->threshold);
	sbuf_printf(&sb, ", \"quotes_max\": %d", m->quotes_max);
	sbuf_puts(&sb, ", \"schema_version\": ");
	json_write_string(&sb, m->schema_version != NULL ?
	    m->schema_version : "");
	sbuf_puts(&sb, ", \"data_sha256\": ");
	json_write_string(&sb, m->data_sha256_hex);
	sbuf_putc(&sb, '}');
	m->params_json = sb.failed ? "{}" : rm_strdup(m, sb.data);
	sbuf_free(&sb);
}

/*
 * Fill model from the database for the report rp describes, then
 * finish it (statistics). dump, if not NULL, receives the canonical
 * text of every row read (what data_sha256 is the digest of). Returns
 * 0, or -1 with err set; the model is then to be freed all the same.
 */
int
report_load(PGconn *db, const struct report_params *rp,
    struct report_model *m, struct sbuf *dump, char *err, size_t errsz)
{
	struct rd	 rd;
	unsigned int	 mdlen;
	int		 fy, fq, py, pq, i, rc;
	char		 prev[11];

	report_model_init(m);
	memset(&rd, 0, sizeof(rd));
	rd.db = db;
	rd.timing = rp->timing;
	rd.dump = dump;
	rd.err = err;
	rd.errsz = errsz;
	if (errsz > 0)
		err[0] = '\0';
	if (rp->project == NULL || *rp->project == '\0')
		return (rd_fail(&rd, "no project given"));
	if (rp->year < 2000 || rp->year > 2999 ||
	    (rp->kind == REPORT_QUARTERLY &&
	    (rp->quarter < 1 || rp->quarter > 4)))
		return (rd_fail(&rd, "bad period"));
	if ((rd.sha = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(rd.sha, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(rd.sha);
		return (rd_fail(&rd, "SHA-256 unavailable"));
	}

	m->kind = rp->kind;
	m->year = rp->year;
	m->quarter = rp->kind == REPORT_QUARTERLY ? rp->quarter : 0;
	m->lang = rp->lang;
	m->quotes_max = rp->quotes_max > 0 ? rp->quotes_max :
	    REPORT_QUOTES_DEFAULT;
	for (i = 0; i < 3; i++)
		m->as_of[i] = rp->as_of[i];
	prev[0] = '\0';
	if (rp->kind == REPORT_QUARTERLY) {
		rd_quarter_day(m->period_start, rp->year, rp->quarter);
		py = rp->year;
		pq = rp->quarter;
		rd_quarter_add(&py, &pq, 1);
		rd_quarter_day(m->period_end, py, pq);
		fy = rp->year;
		fq = rp->quarter;
		rd_quarter_add(&fy, &fq, -(RM_QUARTERS - 1));
		py = rp->year;
		pq = rp->quarter;
		rd_quarter_add(&py, &pq, -1);
		rd_quarter_day(prev, py, pq);
		m->cur = RM_QUARTERS - 1;
	} else {
		snprintf(m->period_start, sizeof(m->period_start),
		    "%04u-01-01", (unsigned)rp->year % 10000u);
		snprintf(m->period_end, sizeof(m->period_end), "%04u-01-01",
		    (unsigned)(rp->year + 1) % 10000u);
		fy = rp->year;
		fq = 1;
		m->cur = -1;
	}
	rd_day_before(m->period_last, m->period_end);
	{
		char today[11];

		snprintf(today, sizeof(today), "%04u-%02u-%02u",
		    (unsigned)rp->as_of[0] % 10000u,
		    (unsigned)rp->as_of[1] % 100u,
		    (unsigned)rp->as_of[2] % 100u);
		m->partial = strcmp(today, m->period_end) < 0;
	}

	/*
	 * The answer rollup is brought up to date first, in its own
	 * transaction; then every figure is read in one snapshot, with room
	 * to sort and hash in memory (a report is rare, its queries large).
	 * On a hot standby (pg_is_in_recovery) the refresh cannot write and
	 * is skipped: the reads are exact without it (the rows received
	 * since the primary's last refresh are read raw), only slower; the
	 * primary's nightly report or a cron'd refresh keeps it short.
	 */
	{
		PGresult	*res;
		const char	*rp2[4];
		char		 first[11];
		int		 standby;

		res = PQexec(db, "select pg_is_in_recovery()");
		standby = PQresultStatus(res) == PGRES_TUPLES_OK &&
		    PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
		PQclear(res);
		rp2[0] = rp->project;
		rp2[1] = rp->organisation != NULL ? rp->organisation : "";
		rd_quarter_day(first, fy, fq);
		rp2[2] = first;
		rp2[3] = m->period_end;
		if (!standby) {
			res = PQexecParams(db, sql_text[SQL_REPORT_REFRESH], 4,
			    NULL, rp2, NULL, NULL, 0);
			if (PQresultStatus(res) != PGRES_TUPLES_OK)
				rd_fail(&rd, "%s: %s",
				    sql_name[SQL_REPORT_REFRESH],
				    PQresultErrorMessage(res));
			PQclear(res);
		}
	}
	rd_exec(&rd, "begin isolation level repeatable read read only");
	rd_exec(&rd, "set local work_mem = '64MB'");
	rc = load_context(&rd, m, rp);
	if (rc == 0)
		rc = rd_load_trend(&rd, m, fy, fq);
	if (rc == 0)
		rc = rd_load_activity(&rd, m);
	if (rc == 0)
		rc = rd_load_indicators(&rd, m, fy, fq);
	if (rc == 0)
		rc = rd_load_questions(&rd, m, rp->kind == REPORT_QUARTERLY ?
		    prev : NULL);
	if (rc == 0)
		rc = rd_load_attribution(&rd, m);
	if (rc == 0)
		rc = rd_load_project_lists(&rd, m);
	if (rd.failed) {
		PGresult *res = PQexec(db, "rollback");

		PQclear(res);
	} else
		rd_exec(&rd, "commit");

	if (!rd.failed) {
		EVP_DigestFinal_ex(rd.sha, m->data_sha256, &mdlen);
		for (i = 0; i < 32; i++)
			snprintf(m->data_sha256_hex + 2 * i, 3, "%02x",
			    m->data_sha256[i]);
		report_model_finish(m);
		make_params(m);
	}
	EVP_MD_CTX_free(rd.sha);
	return (rd.failed ? -1 : 0);
}
