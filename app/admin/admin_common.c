/*
 * admin_common – what every mesure-admin command shares: the database
 * connection, and the commands that need nothing else.
 */
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"
#include "password.h"

/* Connect to MESURE_DATABASE; NULL (and a message) on failure. */
PGconn *
admin_connect(void)
{
	const char	*ci;
	PGconn		*db;

	if ((ci = getenv("MESURE_DATABASE")) == NULL || *ci == '\0') {
		fprintf(stderr, "mesure-admin: MESURE_DATABASE is not set\n");
		return (NULL);
	}
	db = PQconnectdb(ci);
	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "mesure-admin: cannot connect: %s",
		    PQerrorMessage(db));
		PQfinish(db);
		return (NULL);
	}
	return (db);
}

/* hash-password PASSWORD: print its argon2id hash. */
int
admin_hash_password(PGconn *db, int argc, char **argv)
{
	char	hash[PASSWORD_HASH_MAX];

	(void)db;
	if (argc != 2)
		return (2);
	if (password_hash(argv[1], hash, sizeof(hash)) == -1) {
		fprintf(stderr, "mesure-admin: hashing failed\n");
		return (1);
	}
	printf("%s\n", hash);
	return (0);
}
