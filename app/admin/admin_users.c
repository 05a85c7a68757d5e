/*
 * admin_users – mesure-admin's commands for accounts and the audit log
 * (issue #4). They call the same SQL as the web pages (sql/queries/user_*,
 * the functions of sql/migrations/0200), so that scope checks and audit
 * rows are the same; the actor is recorded as "mesure-admin".
 *
 *	user-add EMAIL ROLE [--org SLUG] [--funder NAME] [--site CODE]…
 *	    [--name NAME] [--lang fr|en]	create; print a set-password link
 *	user-link EMAIL				a new set-password link
 *	set-password EMAIL			the password from standard input
 *	user-disable EMAIL, user-enable EMAIL
 *	user-list [--org SLUG]
 *	audit-verify [--expect ID:HASH]		recompute the audit chain
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "admin.h"
#include "gen_sql.h"
#include "password.h"
#include "pwpolicy.h"
#include "session.h"

#define ACTOR	"mesure-admin"

static PGresult	*q(PGconn *, enum sql_id, int, const char *const *);
static int	 link_print(PGconn *, const char *, const char *);
static int	 read_password(char *, size_t, const char *);
static const char *sqlstate(PGresult *);

/* Run a named query with n text parameters; the caller checks and clears. */
static PGresult *
q(PGconn *db, enum sql_id id, int n, const char *const *params)
{
	return (PQexecParams(db, sql_text[id], n, NULL, params, NULL, NULL,
	    0));
}

static const char *
sqlstate(PGresult *r)
{
	const char	*s;

	if (PQresultStatus(r) == PGRES_TUPLES_OK ||
	    PQresultStatus(r) == PGRES_COMMAND_OK)
		return ("00000");
	s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	return (s ? s : "08006");
}

static int
failed(PGresult *r, const char *what)
{
	if (strcmp(sqlstate(r), "00000") == 0)
		return (0);
	fprintf(stderr, "mesure-admin: %s: %s", what,
	    PQresultErrorMessage(r));
	return (1);
}

/*
 * Make a set-password link for the user id (managed by org, or any if
 * NULL) and print it: MESURE_PUBLIC_ORIGIN + /mot-de-passe/TOKEN. 0 or 1.
 */
static int
link_print(PGconn *db, const char *org, const char *uid)
{
	char		 token[SESSION_TOKEN_HEX + 1], hash[SESSION_HASH_HEX + 1];
	char		 ttl[16];
	const char	*origin, *p[7];
	PGresult	*r;
	int		 rc = 1;

	if (session_token_new(token, sizeof(token)) == -1 ||
	    session_token_hash(token, hash, sizeof(hash)) == -1)
		return (1);
	snprintf(ttl, sizeof(ttl), "%d", SESSION_LINK_TTL_S);
	p[0] = org; p[1] = uid; p[2] = hash; p[3] = ttl; p[4] = NULL;
	p[5] = ACTOR; p[6] = NULL;
	r = q(db, SQL_USER_LINK_CREATE, 7, p);
	if (!failed(r, "link")) {
		origin = getenv("MESURE_PUBLIC_ORIGIN");
		printf("%s/mot-de-passe/%s\n", origin ? origin : "", token);
		printf("valid until %s, once\n", PQgetvalue(r, 0, 0));
		if (origin == NULL)
			fprintf(stderr, "mesure-admin: put the address of Mesure "
			    "before the link (or set MESURE_PUBLIC_ORIGIN)\n");
		rc = 0;
	}
	PQclear(r);
	sodium_memzero(token, sizeof(token));
	return (rc);
}

/* user-add EMAIL ROLE [--org SLUG] [--funder NAME] [--site CODE]… */
int
admin_user_add(PGconn *db, int argc, char **argv)
{
	const char	*email, *role, *org = NULL, *funder = NULL;
	const char	*name = NULL, *lang = "fr", *p[11];
	char		 orgid[24], funderid[24], uid[24], dname[121];
	char		 codes[4096], sites[4096];
	int		 i, nsites = 0, rc = 1;
	PGresult	*r;

	if (argc < 3)
		return (2);
	email = argv[1];
	role = argv[2];
	codes[0] = '{';
	codes[1] = '\0';
	for (i = 3; i < argc; i++) {
		if (i + 1 >= argc)
			return (2);
		if (strcmp(argv[i], "--org") == 0)
			org = argv[++i];
		else if (strcmp(argv[i], "--funder") == 0)
			funder = argv[++i];
		else if (strcmp(argv[i], "--name") == 0)
			name = argv[++i];
		else if (strcmp(argv[i], "--lang") == 0)
			lang = argv[++i];
		else if (strcmp(argv[i], "--site") == 0) {
			const char *c = argv[++i];

			if (strspn(c, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
			    strlen(c) || strlen(codes) + strlen(c) + 2 >=
			    sizeof(codes))
				return (2);
			strcat(codes, nsites++ ? "," : "");
			strcat(codes, c);
		} else
			return (2);
	}
	strcat(codes, "}");
	if (strcmp(role, "admin") != 0 && strcmp(role, "coordinator") != 0 &&
	    strcmp(role, "mediator") != 0 && strcmp(role, "funder") != 0) {
		fprintf(stderr, "mesure-admin: ROLE is admin, coordinator, "
		    "mediator or funder\n");
		return (2);
	}
	if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0)
		return (2);

	p[0] = org;
	r = q(db, SQL_USER_ORG_RESOLVE, 1, p);
	if (failed(r, "organisation"))
		goto out;
	if (PQntuples(r) != 1) {
		fprintf(stderr, "mesure-admin: %s\n", org ? "no such "
		    "organisation" : "several organisations: say which "
		    "with --org SLUG");
		goto out;
	}
	snprintf(orgid, sizeof(orgid), "%s", PQgetvalue(r, 0, 0));
	PQclear(r);

	sites[0] = '\0';
	if (strcmp(role, "mediator") == 0) {
		p[0] = orgid;
		p[1] = codes;
		r = q(db, SQL_USER_SITES_RESOLVE, 2, p);
		if (failed(r, "sites"))
			goto out;
		if (nsites == 0 || atoi(PQgetvalue(r, 0, 1)) != nsites) {
			fprintf(stderr, "mesure-admin: a mediator needs "
			    "--site CODE, of sites of the organisation\n");
			goto out;
		}
		snprintf(sites, sizeof(sites), "%s", PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	funderid[0] = '\0';
	if (strcmp(role, "funder") == 0) {
		if (funder == NULL) {
			fprintf(stderr, "mesure-admin: a funder's user needs "
			    "--funder NAME\n");
			r = NULL;
			goto out;
		}
		p[0] = funder;
		r = q(db, SQL_USER_FUNDER_RESOLVE, 1, p);
		if (failed(r, "funder"))
			goto out;
		if (PQntuples(r) != 1) {
			fprintf(stderr, "mesure-admin: no funder named %s\n",
			    funder);
			goto out;
		}
		snprintf(funderid, sizeof(funderid), "%s", PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	if (name == NULL) {
		/* The part before the @, until an administrator renames it. */
		snprintf(dname, sizeof(dname), "%.*s",
		    (int)strcspn(email, "@"), email);
		name = dname;
	}

	p[0] = orgid; p[1] = NULL; p[2] = email; p[3] = name; p[4] = role;
	p[5] = lang; p[6] = sites[0] ? sites : "{}";
	p[7] = funderid[0] ? funderid : NULL; p[8] = NULL; p[9] = ACTOR;
	p[10] = NULL;
	r = q(db, SQL_USER_SAVE, 11, p);
	if (strcmp(sqlstate(r), "23505") == 0) {
		fprintf(stderr, "mesure-admin: %s already has an account\n",
		    email);
		goto out;
	}
	if (strcmp(sqlstate(r), "ME422") == 0) {
		fprintf(stderr, "mesure-admin: %s funds no project of this "
		    "organisation\n", funder);
		goto out;
	}
	if (strcmp(sqlstate(r), "23514") == 0) {
		fprintf(stderr, "mesure-admin: invalid e-mail or name\n");
		goto out;
	}
	if (failed(r, "user"))
		goto out;
	snprintf(uid, sizeof(uid), "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	r = NULL;
	printf("created user %s (%s), id %s\n", email, role, uid);
	rc = link_print(db, orgid, uid);
out:
	if (r != NULL)
		PQclear(r);
	return (rc);
}

/* Look a user up by e-mail into id (and managing org); 0, or 1 (printed). */
static int
user_find(PGconn *db, const char *email, char *id, char *org, int *disabled)
{
	const char	*p[1] = { email };
	PGresult	*r;
	int		 rc = 1;

	r = q(db, SQL_USER_BY_EMAIL, 1, p);
	if (!failed(r, "user")) {
		if (PQntuples(r) != 1)
			fprintf(stderr, "mesure-admin: no user %s\n", email);
		else {
			snprintf(id, 24, "%s", PQgetvalue(r, 0, 0));
			snprintf(org, 24, "%s", PQgetvalue(r, 0, 1));
			*disabled = strcmp(PQgetvalue(r, 0, 3), "t") == 0;
			rc = 0;
		}
	}
	PQclear(r);
	return (rc);
}

/* user-link EMAIL: a new one-time link. */
int
admin_user_link(PGconn *db, int argc, char **argv)
{
	char	id[24], org[24];
	int	disabled;

	if (argc != 2)
		return (2);
	if (user_find(db, argv[1], id, org, &disabled) != 0)
		return (1);
	if (disabled) {
		fprintf(stderr, "mesure-admin: %s is disabled: user-enable "
		    "first\n", argv[1]);
		return (1);
	}
	return (link_print(db, NULL, id));
}

static int
set_disabled(PGconn *db, int argc, char **argv, const char *value)
{
	char		 id[24], org[24];
	const char	*p[6];
	PGresult	*r;
	int		 disabled, rc;

	if (argc != 2)
		return (2);
	if (user_find(db, argv[1], id, org, &disabled) != 0)
		return (1);
	p[0] = NULL; p[1] = id; p[2] = value; p[3] = NULL; p[4] = ACTOR;
	p[5] = NULL;
	r = q(db, SQL_USER_SET_DISABLED, 6, p);
	rc = failed(r, "user");
	PQclear(r);
	if (rc == 0)
		printf("%s %s\n", argv[1], strcmp(value, "true") == 0 ?
		    "disabled; every session ended" : "enabled");
	return (rc);
}

/* user-disable EMAIL */
int
admin_user_disable(PGconn *db, int argc, char **argv)
{
	return (set_disabled(db, argc, argv, "true"));
}

/* user-enable EMAIL */
int
admin_user_enable(PGconn *db, int argc, char **argv)
{
	return (set_disabled(db, argc, argv, "false"));
}

/*
 * A line of standard input into buf, without its newline; without echo,
 * after a prompt, when it is a terminal. 0, or -1 at end of input or if
 * too long.
 */
static int
read_password(char *buf, size_t bufsz, const char *prompt)
{
	struct termios	 old, noecho;
	int		 tty = isatty(STDIN_FILENO), rc = 0;
	size_t		 n;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			noecho = old;
			noecho.c_lflag &= ~(tcflag_t)ECHO;
			(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho);
		} else
			tty = 0;
	}
	if (fgets(buf, (int)bufsz, stdin) == NULL)
		rc = -1;
	else {
		n = strcspn(buf, "\r\n");
		if (buf[n] == '\0' && !feof(stdin))
			rc = -1;	/* longer than the buffer */
		buf[n] = '\0';
	}
	if (tty) {
		(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	return (rc);
}

/* set-password EMAIL: the new password on standard input. */
int
admin_set_password(PGconn *db, int argc, char **argv)
{
	char			 pw[PWPOLICY_MAX_BYTES + 2], again[PWPOLICY_MAX_BYTES + 2];
	char			 hash[PASSWORD_HASH_MAX];
	const char		*p[2];
	enum pwpolicy_result	 pr;
	PGresult		*r;
	int			 rc = 1;

	if (argc != 2)
		return (2);
	if (read_password(pw, sizeof(pw), "New password: ") == -1) {
		fprintf(stderr, "mesure-admin: no password on standard input\n");
		goto out;
	}
	if (isatty(STDIN_FILENO) && (read_password(again, sizeof(again),
	    "Again: ") == -1 || strcmp(pw, again) != 0)) {
		fprintf(stderr, "mesure-admin: the two passwords differ\n");
		goto out;
	}
	if ((pr = pwpolicy_check(pw, argv[1], NULL)) != PWPOLICY_OK) {
		fprintf(stderr, "mesure-admin: password refused (%s): at least "
		    "%d characters, not a common or breached password\n",
		    pwpolicy_msgkey(pr), PWPOLICY_MIN_CHARS);
		goto out;
	}
	if (password_hash(pw, hash, sizeof(hash)) == -1) {
		fprintf(stderr, "mesure-admin: hashing failed\n");
		goto out;
	}
	p[0] = argv[1];
	p[1] = hash;
	r = q(db, SQL_USER_PASSWORD_ADMIN, 2, p);
	if (!failed(r, "password")) {
		if (PQntuples(r) != 1)
			fprintf(stderr, "mesure-admin: no user %s\n", argv[1]);
		else {
			printf("password set for %s; their sessions ended\n",
			    argv[1]);
			rc = 0;
		}
	}
	PQclear(r);
out:
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(again, sizeof(again));
	return (rc);
}

/* user-list [--org SLUG] */
int
admin_user_list(PGconn *db, int argc, char **argv)
{
	const char	*p[1] = { NULL };
	PGresult	*r;
	int		 i;

	if (argc == 3 && strcmp(argv[1], "--org") == 0)
		p[0] = argv[2];
	else if (argc != 1)
		return (2);
	r = q(db, SQL_USER_LIST_ALL, 1, p);
	if (failed(r, "users")) {
		PQclear(r);
		return (1);
	}
	for (i = 0; i < PQntuples(r); i++)
		printf("%-44s %-12s %-20s %-9s %s\n", PQgetvalue(r, i, 0),
		    PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
		    PQgetvalue(r, i, 3), PQgetvalue(r, i, 4));
	PQclear(r);
	return (0);
}

static int
unhex(const char *s, unsigned char *out, size_t outsz, size_t *n)
{
	size_t	len = strlen(s);

	if (len % 2 != 0 || len / 2 > outsz)
		return (-1);
	return (sodium_hex2bin(out, outsz, s, len, NULL, n, NULL));
}

/*
 * audit-verify [--expect ID:HASH]: recompute the chain of audit_log row by
 * row (single-row mode: any size) – each row's prev_hash must be the hash
 * of the row before, and its hash SHA-256(prev_hash || audit_row_text).
 * Reports the first broken row and exits 1. --expect checks that row ID
 * still has HASH (an anchor kept elsewhere: a truncated tail shows).
 */
int
admin_audit_verify(PGconn *db, int argc, char **argv)
{
	crypto_hash_sha256_state st;
	unsigned char	 prev[32], stored_prev[32], stored[32], h[32];
	char		 last_id[24], last_hex[65], want_id[24], want_hex[65];
	const char	*text;
	size_t		 n, plen = 0, splen;
	long long	 rows = 0;
	int		 rc = 0, found_expect = 0;
	PGresult	*r;

	want_id[0] = '\0';
	if (argc == 3 && strcmp(argv[1], "--expect") == 0) {
		if (sscanf(argv[2], "%23[0-9]:%64[0-9a-f]", want_id,
		    want_hex) != 2)
			return (2);
	} else if (argc != 1)
		return (2);
	last_id[0] = '\0';
	last_hex[0] = '\0';
	if (!PQsendQueryParams(db, sql_text[SQL_AUDIT_VERIFY], 0, NULL, NULL,
	    NULL, NULL, 0) || !PQsetSingleRowMode(db)) {
		fprintf(stderr, "mesure-admin: %s", PQerrorMessage(db));
		return (1);
	}
	while ((r = PQgetResult(db)) != NULL) {
		if (PQresultStatus(r) == PGRES_TUPLES_OK) {
			PQclear(r);
			continue;
		}
		if (PQresultStatus(r) != PGRES_SINGLE_TUPLE) {
			fprintf(stderr, "mesure-admin: %s",
			    PQresultErrorMessage(r));
			PQclear(r);
			rc = 1;
			continue;
		}
		if (rc != 0) {
			PQclear(r);
			continue;	/* drain after the first break */
		}
		rows++;
		snprintf(last_id, sizeof(last_id), "%s", PQgetvalue(r, 0, 0));
		text = PQgetvalue(r, 0, 3);
		if (unhex(PQgetvalue(r, 0, 1), stored_prev,
		    sizeof(stored_prev), &splen) != 0 ||
		    unhex(PQgetvalue(r, 0, 2), stored, sizeof(stored), &n) !=
		    0 || n != 32) {
			printf("audit chain broken at row %s: unreadable hash\n",
			    last_id);
			rc = 1;
		} else if (splen != plen || memcmp(stored_prev, prev, plen) != 0) {
			printf("audit chain broken at row %s: it does not follow "
			    "the row before (deleted or edited row before it)\n",
			    last_id);
			rc = 1;
		} else {
			crypto_hash_sha256_init(&st);
			crypto_hash_sha256_update(&st, prev, plen);
			crypto_hash_sha256_update(&st,
			    (const unsigned char *)text, strlen(text));
			crypto_hash_sha256_final(&st, h);
			if (memcmp(h, stored, 32) != 0) {
				printf("audit chain broken at row %s: its "
				    "content was changed after it was "
				    "written\n", last_id);
				rc = 1;
			}
		}
		if (rc == 0) {
			memcpy(prev, stored, 32);
			plen = 32;
			snprintf(last_hex, sizeof(last_hex), "%s",
			    PQgetvalue(r, 0, 2));
			if (want_id[0] != '\0' && strcmp(last_id, want_id) == 0) {
				found_expect = 1;
				if (strcmp(last_hex, want_hex) != 0) {
					printf("audit row %s does not have the "
					    "expected hash\n", want_id);
					rc = 1;
				}
			}
		}
		PQclear(r);
	}
	if (rc == 0 && want_id[0] != '\0' && !found_expect) {
		printf("audit row %s is missing: the log was cut\n", want_id);
		rc = 1;
	}
	if (rc == 0) {
		r = q(db, SQL_AUDIT_TAIL, 0, NULL);
		if (!failed(r, "sequence") && PQntuples(r) == 1 &&
		    strcmp(PQgetvalue(r, 0, 1), "t") == 0 &&
		    strcmp(PQgetvalue(r, 0, 0), last_id[0] ? last_id : "0") != 0)
			printf("note: the id sequence is at %s, after the last "
			    "row: rows after it were removed, or their "
			    "transactions rolled back\n", PQgetvalue(r, 0, 0));
		PQclear(r);
		printf("audit chain ok: %lld rows", rows);
		if (rows > 0)
			printf(", last row %s, hash %s\n(keep \"%s:%s\" "
			    "elsewhere; audit-verify --expect checks it)",
			    last_id, last_hex, last_id, last_hex);
		printf("\n");
	}
	return (rc);
}
