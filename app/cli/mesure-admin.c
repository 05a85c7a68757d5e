/*
 * mesure-admin – the administrator's command-line tool. The commands live
 * in app/admin/, one file per area; this file only lists and dispatches
 * them. `mesure-admin help` lists them.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "password.h"

static const struct admin_cmd cmds[] = {
	{ "hash-password", "hash-password PASSWORD",
	  "print the argon2id hash of PASSWORD", 0, admin_hash_password },
	{ "user-add", "user-add EMAIL ROLE [--org SLUG] [--funder NAME] "
	  "[--site CODE]... [--name NAME] [--lang fr|en]",
	  "create a user; print their set-password link", 1, admin_user_add },
	{ "user-link", "user-link EMAIL",
	  "print a new one-time set-password link", 1, admin_user_link },
	{ "set-password", "set-password EMAIL",
	  "set a password read from standard input", 1, admin_set_password },
	{ "user-disable", "user-disable EMAIL",
	  "disable a user and end their sessions", 1, admin_user_disable },
	{ "user-enable", "user-enable EMAIL",
	  "enable a disabled user again", 1, admin_user_enable },
	{ "user-list", "user-list [--org SLUG]",
	  "list the users", 1, admin_user_list },
	{ "audit-verify", "audit-verify [--expect ID:HASH]",
	  "recompute the audit log's hash chain", 1, admin_audit_verify },
	{ "purge", "purge [--dry-run] [--org SLUG]",
	  "run the retention purge (docs/rgpd.md)", 1, admin_purge },
	{ "survey-check", "survey-check FILE",
	  "check a survey definition (JSON), print its faults", 0,
	  admin_survey_check },
	{ "survey-load", "survey-load FILE ORG",
	  "load a survey definition for an organisation (new version if "
	  "changed)", 1, admin_survey_load },
	{ "kiosk-enrol", "kiosk-enrol SITE [NAME] [--pin PIN]",
	  "print a one-time link to enrol a kiosk tablet, and its staff PIN",
	  1, admin_kiosk_enrol },
	{ "kiosk-list", "kiosk-list",
	  "list the kiosk tablets", 1, admin_kiosk_list },
	{ "kiosk-revoke", "kiosk-revoke ID",
	  "revoke a kiosk tablet", 1, admin_kiosk_revoke },
	{ "invitation-cards", "invitation-cards SITE [N] [--lang en]",
	  "print N follow-up cards (HTML on standard output)", 1,
	  admin_invitation_cards },
};

#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

static int
usage(FILE *out)
{
	size_t	i;

	fprintf(out, "usage: mesure-admin COMMAND [ARGS]\n\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(out, "  %s\n      %s\n", cmds[i].usage, cmds[i].help);
	fprintf(out, "\nCommands that use the database read MESURE_DATABASE "
	    "(a libpq connection string).\n");
	return (out == stdout ? 0 : 2);
}

int
main(int argc, char **argv)
{
	PGconn	*db = NULL;
	size_t	 i;
	int	 rc;

	if (argc < 2)
		return (usage(stderr));
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0)
		return (usage(stdout));
	if (password_init() == -1) {
		fprintf(stderr, "mesure-admin: libsodium failed to start\n");
		return (1);
	}
	for (i = 0; i < NCMDS; i++) {
		if (strcmp(argv[1], cmds[i].name) != 0)
			continue;
		if (cmds[i].needs_db && (db = admin_connect()) == NULL)
			return (1);
		rc = cmds[i].run(db, argc - 1, argv + 1);
		if (db != NULL)
			PQfinish(db);
		if (rc == 2)
			fprintf(stderr, "usage: mesure-admin %s\n",
			    cmds[i].usage);
		return (rc);
	}
	fprintf(stderr, "mesure-admin: unknown command %s\n", argv[1]);
	return (usage(stderr));
}
