/*
 * users (app) – what the files of user administration share (routes in
 * conf/routes/30-accounts.conf, handlers declared in app/auth.h):
 *
 *   users.c         /admin/utilisateurs (the list), /admin/journal
 *   users_form.c    /admin/utilisateurs/nouveau, /admin/utilisateurs/ID
 *   users_action.c  /admin/utilisateurs/ID/desactiver|activer|lien, and
 *                   the set-password link a new user gets
 *
 * The request's context of the form and action routes is a struct ufrm.
 */
#ifndef MESURE_USERS_H
#define MESURE_USERS_H

#include <stddef.h>

#include "auth.h"

#define USERS_OPTIONS_MAX	256

struct users_option {
	char	id[24];
	char	label[256];
};

/* The user form: what was typed or stored, the choices, the errors. */
struct ufrm {
	char			 id[24];	/* "" when creating */
	char			 email[256];
	char			 name[512];
	char			 role[16];
	char			 lang[4];
	char			 funder[24];
	char			 sites[1024];	/* "{1,2}" */
	int			 disabled;
	int			 has_password;
	char			 last_signin[40];
	char			 created[40];
	char			 sessions[16];
	int			 saved;		/* ?ok=1 after a save */
	/* errors: message keys, NULL when fine */
	const char		*err_email, *err_name, *err_role;
	const char		*err_sites, *err_funder, *err_form;
	/* choices, from user_form_options.sql (kore_calloc'd) */
	struct users_option	*sitev, *funderv;
	size_t			 nsites, nfunders;
	/* a new link */
	char			 token[SESSION_TOKEN_HEX + 1];
	char			 token_hash[SESSION_HASH_HEX + 1];
	char			 ttl[16];
	const char		*action;	/* /ID/… */
};

/* users_form.c */
void	users_form_free(void *);
int	users_id_from_path(const char *, const char *, char *, size_t);

/* users_action.c */
int	users_link_new(struct http_request *, struct mreq *, const char *);

#endif
