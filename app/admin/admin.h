/*
 * admin – the commands of mesure-admin (app/cli/mesure-admin.c), one file
 * per area in app/admin/. Kore-free; a command talks to the database given
 * by MESURE_DATABASE through libpq, synchronously (it runs from a shell).
 *
 * A command returns the process's exit status: 0 done, 1 failed (a message
 * on stderr saying why, in plain words), 2 bad usage.
 */
#ifndef MESURE_ADMIN_H
#define MESURE_ADMIN_H

#include <libpq-fe.h>

struct admin_cmd {
	const char	*name;
	const char	*usage;		/* "hash-password PASSWORD" */
	const char	*help;		/* one line */
	int		 needs_db;
	int		(*run)(PGconn *, int, char **);
};

PGconn	*admin_connect(void);

/* The commands, by area. */
int	admin_hash_password(PGconn *, int, char **);

/* Accounts and the audit log (admin_users.c). */
int	admin_user_add(PGconn *, int, char **);
int	admin_user_link(PGconn *, int, char **);
int	admin_user_disable(PGconn *, int, char **);
int	admin_user_enable(PGconn *, int, char **);
int	admin_user_list(PGconn *, int, char **);
int	admin_set_password(PGconn *, int, char **);
int	admin_audit_verify(PGconn *, int, char **);
/* Surveys, kiosk tablets, follow-up cards (admin_survey.c). */
int	admin_survey_check(PGconn *, int, char **);
int	admin_survey_load(PGconn *, int, char **);
int	admin_kiosk_enrol(PGconn *, int, char **);
int	admin_kiosk_list(PGconn *, int, char **);
int	admin_kiosk_revoke(PGconn *, int, char **);
int	admin_invitation_cards(PGconn *, int, char **);
/* Retention purge (admin_purge.c). */
int	admin_purge(PGconn *, int, char **);

#endif
