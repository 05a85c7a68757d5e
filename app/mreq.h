/*
 * mreq – how a Mesure handler runs: validate, query PostgreSQL without
 * blocking the worker, render, respond once.
 *
 * A route is a start function plus continuations. Each step either sends
 * the response (return MREQ_DONE) or starts one query with mreq_query()
 * and names the step that reads its result (return MREQ_WAIT). The driver
 * (mreq_run) owns the asynchronous kore_pgsql state machine of
 * examples/pgsql: it waits for a free connection, sends the statement,
 * collects the result, maps errors by SQLSTATE, and frees everything when
 * the request ends, even if the client went away in between.
 *
 * Every query is one statement from sql/queries/, named by enum sql_id;
 * values are only ever passed as $n parameters. A connection goes back to
 * the pool between two queries, so a step that needs a transaction puts it
 * in one statement (a CTE or a function of sql/migrations).
 *
 * Staff routes declare the roles allowed (route.roles, ROLE_* bits). For
 * them the driver, before the start step:
 *  - loads the session (one query: the cookie's token hash -> user, role,
 *    organisation, funder, sites, CSRF token; idle expiry touched) and
 *    exposes it as m->sess – the only source of tenant scope: a step
 *    passes m->sess->org_id, ->site_ids, ->funder_id to its queries and
 *    never takes them from the request;
 *  - answers a request without a valid session: 303 to /connexion (pages)
 *    or 401 JSON (MREQ_API);
 *  - answers 404 to a role not listed (nothing leaks by existence);
 *  - on POST/PUT/PATCH/DELETE, refuses (403) a request from another origin
 *    (Origin, Referer, Sec-Fetch-Site) or without the session's CSRF token
 *    (form field "csrf", or header X-CSRF-Token), having parsed an
 *    urlencoded body into m->form;
 *  - with MREQ_REAUTH, sends the person to confirm their password first
 *    unless they did within SESSION_REAUTH_S (see mreq_reauth_guard());
 *  - makes every response Cache-Control: no-store.
 * Public routes (roles 0) run as before; m->client_ip is set for all.
 *
 * A step may also hand slow, Kore-free work (argon2id) to a task thread
 * with mreq_task(): the worker keeps serving other requests meanwhile.
 */
#ifndef MESURE_MREQ_H
#define MESURE_MREQ_H

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/pgsql.h>

#include <kore/tasks.h>

#include "form.h"
#include "gen_sql.h"
#include "i18n.h"
#include "session.h"

#define MREQ_DONE	1	/* the response was sent */
#define MREQ_WAIT	2	/* a query was started */
#define MREQ_TASK	3	/* a task was started (mreq_task) */

#define MREQ_PARAMS_MAX	24

/* Roles (users.role) as bits; a route lists those allowed. */
#define ROLE_ADMIN		0x01
#define ROLE_COORDINATOR	0x02
#define ROLE_MEDIATOR		0x04
#define ROLE_FUNDER		0x08
#define ROLES_STAFF		0x0f

/* Route flags. */
#define MREQ_API		0x01	/* answers JSON: 401, not a redirect */
#define MREQ_REAUTH		0x02	/* needs a fresh password check */
#define MREQ_SESSION_OPTIONAL	0x04	/* public, but reads a session if any */
#define MREQ_CHECK_ORIGIN	0x08	/* public: refuse cross-origin POSTs */

/* Default limit of an urlencoded body parsed into m->form. */
#define MREQ_FORM_MAX		(64 * 1024)

struct mreq;

typedef int	(*mreq_fn)(struct http_request *, struct mreq *);

struct mreq_route {
	const char	*name;		/* for logs */
	mreq_fn		 start;
	size_t		 ctx_size;	/* bytes of handler state, zeroed */
	void		(*ctx_free)(void *);	/* releases what ctx points to */
	unsigned int	 roles;		/* ROLE_* allowed; 0: public */
	unsigned int	 flags;		/* MREQ_* */
	size_t		 form_max;	/* body limit of m->form; 0: default */
};

/*
 * The signed-in person, loaded by the driver (sql/queries/session_load.sql).
 * Identifiers are decimal text, ready to pass as query parameters; "" when
 * absent. Valid for the whole request.
 */
struct mreq_session {
	unsigned int	 role;		/* one ROLE_* bit */
	const char	*role_name;	/* "admin", "coordinator", … (static) */
	char		 id[24];	/* sessions.id */
	char		 user_id[24];
	char		 org_id[24];	/* "" for a funder's user */
	char		 funder_id[24];	/* "" unless role is funder */
	char		 managed_by[24];	/* organisation managing the account */
	char		 site_ids[1024];	/* "{3,4}": pass as $n::bigint[] */
	char		 csrf[SESSION_TOKEN_HEX + 1];	/* for forms */
	char		 token_hash[SESSION_HASH_HEX + 1];	/* decode($n,'hex') */
	char		 email[256];
	char		 name[512];
	int		 reauth_fresh;	/* password checked < SESSION_REAUTH_S ago */
};

/* Work for a task thread: job.work(job.arg) runs off the event loop. */
struct mreq_job {
	struct kore_task	 task;		/* first: the entry casts back */
	void			(*work)(void *);	/* Kore-free, libc only */
	void			*arg;		/* not owned; in m->ctx */
	int			 started;
};

struct mreq {
	const struct mreq_route	*route;
	struct kore_pgsql	 sql;
	int			 sql_bound;
	int			 phase;
	enum sql_id		 query;
	int			 nparams;
	char			*params[MREQ_PARAMS_MAX]; /* kore_malloc'd copies */
	mreq_fn			 next;		/* reads the result */

	PGresult		*res;		/* owned; last result or NULL */
	int			 failed;	/* the last query failed */
	char			 sqlstate[6];	/* its SQLSTATE, "" if none */

	enum lang		 lang;		/* of the person */
	void			*ctx;		/* handler state; kore_calloc'd */

	struct mreq_session	*sess;		/* &session once signed in, or NULL */
	struct mreq_session	 session;
	char			 client_ip[SESSION_IP_MAX];	/* "" if unknown */
	struct form		 form;		/* owned; see mreq_form() */
	int			 form_state;	/* 0 not read, 1 parsed */
	struct mreq_job		 job;
};

int		 mreq_run(struct http_request *, const struct mreq_route *);
int		 mreq_query(struct mreq *, enum sql_id, mreq_fn, int, ...);
int		 mreq_queryv(struct mreq *, enum sql_id, mreq_fn, int,
		    const char **);
int		 mreq_rows(const struct mreq *);
const char	*mreq_val(const struct mreq *, int, int);
int		 mreq_isnull(const struct mreq *, int, int);
int		 mreq_error(struct http_request *, struct mreq *);
int		 mreq_task(struct mreq *, void (*)(void *), void *, mreq_fn);
int		 mreq_form(struct http_request *, struct mreq *);
const char	*mreq_field(struct mreq *, const char *);
int		 mreq_reauth_guard(struct http_request *, struct mreq *);
int		 mreq_method_allowed(struct http_request *, struct mreq *,
		    int);
unsigned int	 mreq_role_bit(const char *);

#endif
