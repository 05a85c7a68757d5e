/*
 * admin_survey – mesure-admin's commands for surveys, kiosk tablets and
 * follow-up cards (issue #3):
 *
 *   survey-check FILE              check a definition, print its faults
 *   survey-load FILE ORG           load it for organisation ORG (slug): a
 *                                  new version only if it changed
 *   kiosk-enrol SITE [NAME] [--pin PIN]
 *                                  a one-time link (30 minutes) to enrol
 *                                  the site's tablet, and its staff PIN
 *   kiosk-list                     the tablets and their state
 *   kiosk-revoke ID                stop a tablet's token at once
 *   invitation-cards SITE [N] [--lang en]
 *                                  N one-time follow-up cards for the
 *                                  "resultats" survey, as an HTML page to
 *                                  print (standard output)
 *
 * Links use MESURE_PUBLIC_URL (e.g. https://mesure.example.org), else
 * http://127.0.0.1:8888, the address of `make run`. Statements come from
 * sql/queries/ like the web's; values are only ever parameters.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "admin.h"
#include "gen_sql.h"
#include "i18n.h"
#include "sbuf.h"
#include "survey_card.h"
#include "survey_def.h"

#define ENROL_MINUTES	"30"
#define CARD_DAYS	"120"
#define CARDS_MAX	200

static char	*read_file(const char *, size_t *);
static const char *public_base(void);
static PGresult	*run(PGconn *, enum sql_id, int, const char *const *);

/* The whole file, NUL-terminated (libc), or NULL with a message. */
static char *
read_file(const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "mesure-admin: %s: %s\n", path, strerror(errno));
		return (NULL);
	}
	if (fseek(fp, 0, SEEK_END) == -1 || (n = ftell(fp)) < 0 ||
	    n > SURVEY_DEF_MAX) {
		fprintf(stderr, "mesure-admin: %s: unreadable or larger than "
		    "%d KiB\n", path, SURVEY_DEF_MAX / 1024);
		fclose(fp);
		return (NULL);
	}
	rewind(fp);
	if ((buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		fprintf(stderr, "mesure-admin: %s: read failed\n", path);
		free(buf);
		fclose(fp);
		return (NULL);
	}
	fclose(fp);
	buf[n] = '\0';
	*len = (size_t)n;
	return (buf);
}

static const char *
public_base(void)
{
	const char	*b = getenv("MESURE_PUBLIC_URL");

	return (b != NULL && *b != '\0' ? b : "http://127.0.0.1:8888");
}

/* Run statement id with n text parameters; NULL (and a message) on error. */
static PGresult *
run(PGconn *db, enum sql_id id, int n, const char *const *params)
{
	PGresult	*res;

	res = PQexecParams(db, sql_text[id], n, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK &&
	    PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "mesure-admin: %s", PQresultErrorMessage(res));
		PQclear(res);
		return (NULL);
	}
	return (res);
}

/* Parse and check FILE; print each fault. Returns the survey or NULL. */
static struct survey *
check(const char *path, char **text)
{
	struct survey		*s;
	struct survey_errors	 e;
	size_t			 len, i;

	if ((*text = read_file(path, &len)) == NULL)
		return (NULL);
	if (survey_parse(*text, len, survey_icon_exists, &s, &e) == -1) {
		for (i = 0; i < e.n; i++)
			fprintf(stderr, "%s: %s\n", path, e.msg[i]);
		if (e.truncated)
			fprintf(stderr, "%s: (more faults not shown)\n", path);
		free(*text);
		*text = NULL;
		return (NULL);
	}
	return (s);
}

/* survey-check FILE */
int
admin_survey_check(PGconn *db, int argc, char **argv)
{
	struct survey	*s;
	char		*text;

	(void)db;
	if (argc != 2)
		return (2);
	if ((s = check(argv[1], &text)) == NULL)
		return (1);
	printf("%s: survey \"%s\" is valid: %zu questions, %zu languages\n",
	    argv[1], s->code, s->nquestions, s->nlangs);
	survey_free(s);
	free(text);
	return (0);
}

/* survey-load FILE ORG */
int
admin_survey_load(PGconn *db, int argc, char **argv)
{
	struct survey	*s;
	PGresult	*res;
	const char	*p[4];
	char		*text;
	int		 rc = 1;

	if (argc != 3)
		return (2);
	if ((s = check(argv[1], &text)) == NULL)
		return (1);
	p[0] = argv[2];
	p[1] = s->code;
	p[2] = s->kind;
	p[3] = text;
	if ((res = run(db, SQL_SURVEY_LOAD, 4, p)) != NULL &&
	    PQntuples(res) == 1) {
		if (strcmp(PQgetvalue(res, 0, 2), "t") == 0)
			printf("%s: version %s loaded and live\n", s->code,
			    PQgetvalue(res, 0, 1));
		else
			printf("%s: unchanged, version %s is live\n", s->code,
			    PQgetvalue(res, 0, 1));
		rc = 0;
	}
	PQclear(res);
	survey_free(s);
	free(text);
	return (rc);
}

/* kiosk-enrol SITE [NAME] [--pin PIN] */
int
admin_kiosk_enrol(PGconn *db, int argc, char **argv)
{
	PGresult	*res;
	const char	*p[6], *site = NULL, *name = "", *pin = NULL;
	char		 code[SURVEY_TOKEN_LEN + 1], hash[65], salt[33];
	char		 pinbuf[8], pinhash[65], *salted;
	unsigned char	 raw[16];
	size_t		 i;
	int		 a;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--pin") == 0 && a + 1 < argc)
			pin = argv[++a];
		else if (site == NULL)
			site = argv[a];
		else if (*name == '\0')
			name = argv[a];
		else
			return (2);
	}
	if (site == NULL)
		return (2);
	if (pin != NULL && (strlen(pin) < 4 || strlen(pin) > 12 ||
	    strspn(pin, "0123456789") != strlen(pin))) {
		fprintf(stderr, "mesure-admin: the PIN is 4 to 12 digits\n");
		return (1);
	}
	if (strlen(name) > 80) {
		fprintf(stderr, "mesure-admin: the name is 80 characters at most\n");
		return (1);
	}
	if (survey_token_new(code) == -1)
		return (1);
	if (pin == NULL) {
		for (i = 0; i < 6; i++)
			pinbuf[i] = (char)('0' + randombytes_uniform(10));
		pinbuf[6] = '\0';
		pin = pinbuf;
	}
	randombytes_buf(raw, sizeof(raw));
	survey_hex(raw, sizeof(raw), salt);
	if ((salted = malloc(strlen(salt) + strlen(pin) + 1)) == NULL)
		return (1);
	(void)snprintf(salted, strlen(salt) + strlen(pin) + 1, "%s%s", salt,
	    pin);
	survey_sha256_hex(salted, strlen(salted), pinhash);
	free(salted);
	survey_sha256_hex(code, strlen(code), hash);
	p[0] = site;
	p[1] = name;
	p[2] = hash;
	p[3] = ENROL_MINUTES;
	p[4] = salt;
	p[5] = pinhash;
	if ((res = run(db, SQL_KIOSK_ENROL_CREATE, 6, p)) == NULL)
		return (1);
	if (PQntuples(res) != 1) {
		fprintf(stderr, "mesure-admin: no active site \"%s\"\n", site);
		PQclear(res);
		return (1);
	}
	printf("Tablet %s of %s: open this link on the tablet within %s "
	    "minutes:\n\n  %s/kiosk/inscription/%s\n\n"
	    "Staff PIN to leave the kiosk: %s\n", PQgetvalue(res, 0, 0),
	    PQgetvalue(res, 0, 1), ENROL_MINUTES, public_base(), code, pin);
	PQclear(res);
	sodium_memzero(code, sizeof(code));
	return (0);
}

/* kiosk-list */
int
admin_kiosk_list(PGconn *db, int argc, char **argv)
{
	PGresult	*res;
	int		 i;

	(void)argv;
	if (argc != 1)
		return (2);
	if ((res = run(db, SQL_KIOSK_LIST, 0, NULL)) == NULL)
		return (1);
	printf("%-6s %-14s %-24s %-9s %s\n", "id", "site", "name", "state",
	    "last seen");
	for (i = 0; i < PQntuples(res); i++)
		printf("%-6s %-14s %-24s %-9s %s\n", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
		    PQgetvalue(res, i, 3), PQgetvalue(res, i, 4));
	PQclear(res);
	return (0);
}

/* kiosk-revoke ID */
int
admin_kiosk_revoke(PGconn *db, int argc, char **argv)
{
	PGresult	*res;
	const char	*p[1];
	int		 rc;

	if (argc != 2 || strspn(argv[1], "0123456789") != strlen(argv[1]) ||
	    strlen(argv[1]) == 0 || strlen(argv[1]) > 18)
		return (2);
	p[0] = argv[1];
	if ((res = run(db, SQL_KIOSK_REVOKE, 1, p)) == NULL)
		return (1);
	rc = PQntuples(res) == 1 ? 0 : 1;
	if (rc == 0)
		printf("tablet %s revoked\n", argv[1]);
	else
		fprintf(stderr, "mesure-admin: no tablet %s, or already "
		    "revoked\n", argv[1]);
	PQclear(res);
	return (rc);
}

/* invitation-cards SITE [N] [--lang fr|en] */
int
admin_invitation_cards(PGconn *db, int argc, char **argv)
{
	struct survey_card	 card;
	struct sbuf		 cards, page;
	PGresult		*res = NULL, *site = NULL;
	const char		*p[6], *code_site = NULL;
	char			 code[SURVEY_CODE_LEN + 1], hash[65], err[128];
	char			*end;
	enum lang		 l = LANG_FR;
	long			 n = 1, i;
	int			 a, rc = 1;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--lang") == 0 && a + 1 < argc) {
			if (!i18n_lang_from_code(argv[++a], &l))
				return (2);
		} else if (code_site == NULL)
			code_site = argv[a];
		else {
			n = strtol(argv[a], &end, 10);
			if (*end != '\0' || n < 1 || n > CARDS_MAX) {
				fprintf(stderr, "mesure-admin: 1 to %d cards\n",
				    CARDS_MAX);
				return (1);
			}
		}
	}
	if (code_site == NULL)
		return (2);
	if (i18n_init(err, sizeof(err)) == -1) {
		fprintf(stderr, "mesure-admin: messages: %s\n", err);
		return (1);
	}
	sbuf_init(&cards);
	sbuf_init(&page);
	p[0] = "resultats";
	p[1] = code_site;
	if ((site = run(db, SQL_INVITATION_SITE, 1, p + 1)) == NULL)
		goto out;
	if (PQntuples(site) != 1) {
		fprintf(stderr, "mesure-admin: no active site \"%s\"\n",
		    code_site);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (survey_code_new(code) == -1)
			goto out;
		survey_sha256_hex(code, strlen(code), hash);
		p[0] = hash;
		p[1] = code_site;
		p[2] = "resultats";
		p[3] = "card";
		p[4] = CARD_DAYS;
		p[5] = NULL;
		if ((res = run(db, SQL_INVITATION_CREATE, 6, p)) == NULL)
			goto out;
		if (PQntuples(res) != 1) {
			fprintf(stderr, "mesure-admin: no \"resultats\" survey "
			    "at %s\n", code_site);
			goto out;
		}
		memset(&card, 0, sizeof(card));
		card.lang = l;
		card.base = public_base();
		card.code = code;
		card.site_name = PQgetvalue(site, 0, 0);
		card.site_phone = PQgetvalue(site, 0, 1);
		card.until = PQgetvalue(res, 0, 1);
		if (survey_card_render(&cards, &card) == -1)
			goto out;
		PQclear(res);
		res = NULL;
	}
	{
		char	css[300];

		(void)snprintf(css, sizeof(css), "%s/assets/css/card.css",
		    public_base());
		if (survey_card_sheet(&page, l, css, cards.data, "", 0) == -1)
			goto out;
	}
	fwrite(page.data, 1, page.len, stdout);
	fprintf(stderr, "%ld card(s) for %s, valid %s days\n", n, code_site,
	    CARD_DAYS);
	rc = 0;
out:
	PQclear(res);
	PQclear(site);
	sbuf_free(&cards);
	sbuf_free(&page);
	return (rc);
}
