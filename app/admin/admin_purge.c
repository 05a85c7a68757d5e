/*
 * mesure-admin purge [--dry-run] [--org SLUG]: the daily retention purge
 * (docs/rgpd.md), for cron. The work is one SQL function (purge_run, in
 * sql/migrations/0600_retention.sql) so that the Kore timer and this
 * command cannot disagree. Prints one line per organisation with counts.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "gen_sql.h"

int
admin_purge(PGconn *db, int argc, char **argv)
{
	const char	*p[2] = { NULL, "false" };
	PGresult	*r;
	int		 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			p[1] = "true";
		else if (strcmp(argv[i], "--org") == 0 && i + 1 < argc)
			p[0] = argv[++i];
		else
			return (2);
	}
	r = PQexecParams(db, sql_text[SQL_PRIVACY_PURGE], 2, NULL, p, NULL,
	    NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "mesure-admin: purge failed: %s",
		    PQerrorMessage(db));
		PQclear(r);
		return (1);
	}
	if (p[0] != NULL && PQntuples(r) == 0) {
		fprintf(stderr, "mesure-admin: no organisation %s\n", p[0]);
		PQclear(r);
		return (1);
	}
	for (i = 0; i < PQntuples(r); i++)
		printf("%s %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
	PQclear(r);
	return (0);
}
