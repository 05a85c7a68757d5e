/*
 * report_store – keeps a generated report in the reports table
 * (sql/queries/report_store.sql) with its SHA-256, the SHA-256 of its
 * data, its parameters and the schema version, naming the version it
 * replaces; and writes the audit log line – both in one transaction.
 * The same bytes stored twice are one report: the unique index on
 * sha256 answers 23505 and the existing report is returned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen_sql.h"
#include "report.h"
#include "sbuf.h"

static int
exec_simple(PGconn *db, const char *sql)
{
	PGresult	*res;
	int		 ok;

	res = PQexec(db, sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	return (ok ? 0 : -1);
}

static int
existing(PGconn *db, const struct report_pdf *pdf, long long *id)
{
	PGresult	*res;
	const char	*p[1];
	int		 len[1], fmt[1], rc;

	p[0] = (const char *)pdf->sha256;
	len[0] = 32;
	fmt[0] = 1;
	res = PQexecParams(db, sql_text[SQL_REPORT_BY_SHA256], 1, NULL, p,
	    len, fmt, 0);
	rc = -1;
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		rc = 0;
	}
	PQclear(res);
	return (rc);
}

/*
 * Store pdf, made from model, as a new report. is_signed: the bytes
 * carry a signature made at signed_at. user: the user who asked (0 from
 * the command line). *id receives the report's id; *existed is set when
 * these exact bytes were stored already. Returns 0 or -1 (err).
 */
int
report_store(PGconn *db, const struct report_model *m,
    const struct report_pdf *pdf, int is_signed, time_t signed_at,
    long long user, long long *id, int *existed, char *err, size_t errsz)
{
	PGresult	*res;
	const char	*p[16];
	int		 len[16], fmt[16], i;
	char		 org[24], proj[24], conv[24], usr[24], when[40];
	const char	*sqlstate;
	struct tm	 tm;
	struct sbuf	 detail;
	long long	 replaced;

	*existed = 0;
	*id = 0;
	replaced = 0;
	snprintf(org, sizeof(org), "%lld", m->org_id);
	snprintf(proj, sizeof(proj), "%lld", m->project_id);
	snprintf(conv, sizeof(conv), "%lld", m->convention.id);
	snprintf(usr, sizeof(usr), "%lld", user);
	when[0] = '\0';
	if (is_signed && gmtime_r(&signed_at, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	memset(fmt, 0, sizeof(fmt));
	memset(len, 0, sizeof(len));
	p[0] = org;
	p[1] = proj;
	p[2] = m->has_convention ? conv : NULL;
	p[3] = report_kind_name[m->kind];
	p[4] = m->period_start;
	p[5] = m->period_last;
	p[6] = lang_code[m->lang];
	p[7] = is_signed ? "signed" : "draft";
	p[8] = (const char *)pdf->data;
	len[8] = (int)pdf->len;
	fmt[8] = 1;
	p[9] = (const char *)pdf->sha256;
	len[9] = 32;
	fmt[9] = 1;
	p[10] = (const char *)m->data_sha256;
	len[10] = 32;
	fmt[10] = 1;
	p[11] = m->params_json;
	p[12] = m->schema_version;
	p[13] = user > 0 ? usr : NULL;
	p[14] = is_signed ? when : NULL;
	p[15] = is_signed && user > 0 ? usr : NULL;

	if (exec_simple(db, "begin") == -1) {
		snprintf(err, errsz, "database: %s", PQerrorMessage(db));
		return (-1);
	}
	res = PQexecParams(db, sql_text[SQL_REPORT_STORE], 16, NULL, p, len,
	    fmt, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (sqlstate != NULL && strcmp(sqlstate, "23505") == 0) {
			/* These bytes are already a report. */
			PQclear(res);
			exec_simple(db, "rollback");
			if (existing(db, pdf, id) == 0) {
				*existed = 1;
				return (0);
			}
			snprintf(err, errsz, "report already stored but not "
			    "found");
			return (-1);
		}
		snprintf(err, errsz, "storing the report: %s",
		    PQresultErrorMessage(res));
		PQclear(res);
		exec_simple(db, "rollback");
		return (-1);
	}
	*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	if (!PQgetisnull(res, 0, 1))
		replaced = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	PQclear(res);

	sbuf_init(&detail);
	sbuf_printf(&detail, "{\"kind\": \"%s\", \"period_start\": \"%s\", "
	    "\"lang\": \"%s\", \"sha256\": \"", report_kind_name[m->kind],
	    m->period_start, lang_code[m->lang]);
	for (i = 0; i < 32; i++)
		sbuf_printf(&detail, "%02x", pdf->sha256[i]);
	sbuf_printf(&detail, "\", \"data_sha256\": \"%s\", \"replaces\": ",
	    m->data_sha256_hex);
	if (replaced > 0)
		sbuf_printf(&detail, "%lld", replaced);
	else
		sbuf_puts(&detail, "null");
	sbuf_printf(&detail, ", \"signed\": %s}", is_signed ? "true" : "false");
	{
		char		 rid[24];
		const char	*a[6];

		snprintf(rid, sizeof(rid), "%lld", *id);
		a[0] = org;
		a[1] = user > 0 ? usr : NULL;
		a[2] = user > 0 ? "" : "mesure-report";
		a[3] = is_signed ? "report.sign" : "report.generate";
		a[4] = rid;
		a[5] = detail.failed ? "{}" : detail.data;
		res = PQexecParams(db, sql_text[SQL_REPORT_AUDIT], 6, NULL, a,
		    NULL, NULL, 0);
	}
	sbuf_free(&detail);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		snprintf(err, errsz, "audit log: %s",
		    PQresultErrorMessage(res));
		PQclear(res);
		exec_simple(db, "rollback");
		return (-1);
	}
	PQclear(res);
	if (exec_simple(db, "commit") == -1) {
		snprintf(err, errsz, "database: %s", PQerrorMessage(db));
		return (-1);
	}
	return (0);
}
