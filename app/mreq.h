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
 */
#ifndef MESURE_MREQ_H
#define MESURE_MREQ_H

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/pgsql.h>

#include "gen_sql.h"
#include "i18n.h"

#define MREQ_DONE	1	/* the response was sent */
#define MREQ_WAIT	2	/* a query was started */

#define MREQ_PARAMS_MAX	24

struct mreq;

typedef int	(*mreq_fn)(struct http_request *, struct mreq *);

struct mreq_route {
	const char	*name;		/* for logs */
	mreq_fn		 start;
	size_t		 ctx_size;	/* bytes of handler state, zeroed */
	void		(*ctx_free)(void *);	/* releases what ctx points to */
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
};

int		 mreq_run(struct http_request *, const struct mreq_route *);
int		 mreq_query(struct mreq *, enum sql_id, mreq_fn, int, ...);
int		 mreq_queryv(struct mreq *, enum sql_id, mreq_fn, int,
		    const char **);
int		 mreq_rows(const struct mreq *);
const char	*mreq_val(const struct mreq *, int, int);
int		 mreq_isnull(const struct mreq *, int, int);
int		 mreq_error(struct http_request *, struct mreq *);

#endif
