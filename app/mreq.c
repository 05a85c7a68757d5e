/*
 * mreq – the request driver: handler steps around asynchronous
 * PostgreSQL queries (see mreq.h for the contract).
 *
 * Phases of one request:
 *
 *   STEP   call the current step; it responds (done) or starts a query;
 *   SETUP  get a pooled connection (or wait in Kore's queue for one),
 *          repair it if the server went away, send the statement;
 *   WAIT   collect the result as Kore's state machine advances, then
 *          release the connection and go back to STEP with the result.
 *
 * Two defects of Kore 4.1's pgsql layer are worked around here, because
 * a database outage must never kill a worker:
 *  - a connection broken by a server restart stays in Kore's pool for
 *    ever; it is repaired with PQreset() before its next use;
 *  - releasing a connection whose socket libpq already closed makes Kore
 *    call epoll_ctl(DEL, -1) and fatal(); the "scheduled" flag is dropped
 *    first, since a closed socket has already left the epoll set.
 *
 * What a staff route checks before its start step (session, role, origin,
 * CSRF token, fresh password) is in mreq_guard.c.
 */
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "mreq.h"
#include "mreq_guard.h"
#include "respond.h"

enum {
	PHASE_STEP,
	PHASE_SETUP,
	PHASE_WAIT,
	PHASE_TASK
};

static int	mreq_task_entry(struct kore_task *);

static void	mreq_onfree(struct http_request *);
static void	mreq_sql_release(struct mreq *);
static void	mreq_clear(struct mreq *);
static void	mreq_fail(struct mreq *, const char *);
static int	mreq_setup(struct http_request *, struct mreq *);

/*
 * Run route for req: the whole body of a Kore handler. Returns what Kore
 * expects: KORE_RESULT_OK once a response was sent, KORE_RESULT_RETRY
 * while waiting for the database.
 */
int
mreq_run(struct http_request *req, const struct mreq_route *route)
{
	struct mreq	*m;
	int		 r;

	if ((m = http_state_get(req)) == NULL) {
		m = http_state_create(req, sizeof(*m), mreq_onfree);
		m->route = route;
		m->next = route->start;
		m->phase = PHASE_STEP;
		m->lang = request_lang(req);
		kore_pgsql_init(&m->sql);
		if (route->ctx_size > 0)
			m->ctx = kore_calloc(1, route->ctx_size);
		request_client_ip(req, m->client_ip, sizeof(m->client_ip));
		if (route->roles == 0 && (route->flags & MREQ_CHECK_ORIGIN))
			m->next = mreq_origin_step;
		if (route->roles != 0 ||
		    ((route->flags & MREQ_SESSION_OPTIONAL) &&
		    (req->method == HTTP_METHOD_GET ||
		    req->method == HTTP_METHOD_HEAD))) {
			/* Staff pages are personal: never kept by a cache. */
			if (route->roles != 0)
				http_response_header(req, "cache-control",
				    "no-store");
			m->next = mreq_sess_begin;
		}
	}

	for (;;) {
		switch (m->phase) {
		case PHASE_STEP:
			r = m->next(req, m);
			/* The step has read the previous result, if any. */
			if (m->res != NULL) {
				PQclear(m->res);
				m->res = NULL;
			}
			if (r == MREQ_DONE)
				return (KORE_RESULT_OK);
			m->failed = 0;
			m->sqlstate[0] = '\0';
			m->phase = (r == MREQ_TASK) ? PHASE_TASK : PHASE_SETUP;
			break;
		case PHASE_TASK:
			if (!m->job.started) {
				kore_task_create(&m->job.task, mreq_task_entry);
				kore_task_bind_request(&m->job.task, req);
				m->job.started = 1;
				kore_task_run(&m->job.task);
				return (KORE_RESULT_RETRY);
			}
			if (kore_task_state(&m->job.task) !=
			    KORE_TASK_STATE_FINISHED) {
				http_request_sleep(req);
				return (KORE_RESULT_RETRY);
			}
			kore_task_destroy(&m->job.task);
			m->job.started = 0;
			m->phase = PHASE_STEP;
			break;
		case PHASE_SETUP:
			if (!mreq_setup(req, m))
				return (KORE_RESULT_RETRY);
			break;
		case PHASE_WAIT:
			switch (m->sql.state) {
			case KORE_PGSQL_STATE_WAIT:
				return (KORE_RESULT_RETRY);
			case KORE_PGSQL_STATE_RESULT:
			case KORE_PGSQL_STATE_DONE:
				/* Keep the (last) result; Kore would clear it. */
				if (m->sql.result != NULL) {
					if (m->res != NULL)
						PQclear(m->res);
					m->res = m->sql.result;
					m->sql.result = NULL;
				}
				kore_pgsql_continue(&m->sql);
				break;
			case KORE_PGSQL_STATE_ERROR:
				mreq_fail(m, m->sql.error);
				if (m->sql.conn != NULL &&
				    PQstatus(m->sql.conn->db) == CONNECTION_OK) {
					/* Drain to the end of the statement. */
					kore_pgsql_continue(&m->sql);
					break;
				}
				mreq_sql_release(m);
				m->phase = PHASE_STEP;
				break;
			case KORE_PGSQL_STATE_COMPLETE:
				mreq_sql_release(m);
				m->phase = PHASE_STEP;
				break;
			default:
				kore_pgsql_continue(&m->sql);
				break;
			}
			break;
		}
	}
}

/*
 * Get a connection and send the pending statement. Returns 1 to go on
 * (phase changed), 0 to wait for Kore to wake the request.
 */
static int
mreq_setup(struct http_request *req, struct mreq *m)
{
	PGconn	*db;

	if (m->nparams < 0) {
		memcpy(m->sqlstate, "54023", 6);	/* too many arguments */
		m->failed = 1;
		m->nparams = 0;
		m->phase = PHASE_STEP;
		return (1);
	}
	if (!m->sql_bound) {
		kore_pgsql_bind_request(&m->sql, req);
		m->sql_bound = 1;
	}
	if (!kore_pgsql_setup(&m->sql, MESURE_DB_NAME, KORE_PGSQL_ASYNC)) {
		/* Queued for a free connection: Kore wakes us up. */
		if (m->sql.state == KORE_PGSQL_STATE_INIT)
			return (0);
		mreq_fail(m, m->sql.error);
		mreq_sql_release(m);
		m->phase = PHASE_STEP;
		return (1);
	}
	db = m->sql.conn->db;
	if (PQstatus(db) != CONNECTION_OK) {
		/* The server went away since this connection was used. */
		PQreset(db);
		if (PQstatus(db) != CONNECTION_OK) {
			mreq_fail(m, PQerrorMessage(db));
			mreq_sql_release(m);
			m->phase = PHASE_STEP;
			return (1);
		}
	}
	if (!kore_pgsql_query_param_fields(&m->sql, sql_text[m->query], 0,
	    m->nparams, (const char **)m->params, NULL, NULL)) {
		mreq_fail(m, m->sql.error);
		mreq_sql_release(m);
		m->phase = PHASE_STEP;
		return (1);
	}
	m->phase = PHASE_WAIT;
	return (1);
}

/* Note a failure: SQLSTATE from the result if there is one, else 08006. */
static void
mreq_fail(struct mreq *m, const char *msg)
{
	const char	*state = NULL;

	if (m->sql.result != NULL)
		state = PQresultErrorField(m->sql.result, PG_DIAG_SQLSTATE);
	if (state == NULL || strlen(state) != 5)
		state = m->failed ? m->sqlstate : "08006";
	if (!m->failed) {
		kore_log(LOG_NOTICE, "%s: %s: %s (%s)", m->route->name,
		    sql_name[m->query], msg ? msg : "?", state);
	}
	memmove(m->sqlstate, state, 5);
	m->sqlstate[5] = '\0';
	m->failed = 1;
}

/* Give the connection back and unbind; idempotent. */
static void
mreq_sql_release(struct mreq *m)
{
	if (m->sql.conn != NULL && PQsocket(m->sql.conn->db) == -1)
		m->sql.flags &= ~KORE_PGSQL_SCHEDULED;
	if (m->sql_bound || m->sql.conn != NULL)
		kore_pgsql_cleanup(&m->sql);
	kore_pgsql_init(&m->sql);
	m->sql_bound = 0;
}

static void
mreq_clear(struct mreq *m)
{
	int	i;

	for (i = 0; i < m->nparams; i++) {
		if (m->params[i] != NULL)
			kore_free(m->params[i]);
		m->params[i] = NULL;
	}
	m->nparams = 0;
}

/* Runs when Kore frees the request, possibly more than once. */
static void
mreq_onfree(struct http_request *req)
{
	struct mreq	*m;

	if ((m = http_state_get(req)) == NULL)
		return;
	mreq_sql_release(m);
	mreq_clear(m);
	/*
	 * A task thread still running uses m->ctx: Kore keeps the request
	 * (and calls this again) until the task ends.
	 */
	if (m->job.started && !kore_task_finished(&m->job.task))
		return;
	if (m->form_state == 1) {
		form_free(&m->form);
		m->form_state = 0;
	}
	sodium_memzero(&m->session, sizeof(m->session));
	if (m->res != NULL) {
		PQclear(m->res);
		m->res = NULL;
	}
	if (m->ctx != NULL) {
		if (m->route->ctx_free != NULL)
			m->route->ctx_free(m->ctx);
		kore_free(m->ctx);
		m->ctx = NULL;
	}
}

/*
 * Start query id with n text parameters (const char *, NULL for SQL NULL)
 * and continue with next once its result is in m->res (or m->failed is
 * set). The values are copied. Returns MREQ_WAIT, for the step to return.
 */
int
mreq_query(struct mreq *m, enum sql_id id, mreq_fn next, int n, ...)
{
	const char	*values[MREQ_PARAMS_MAX];
	va_list		 ap;
	int		 i;

	if (n > MREQ_PARAMS_MAX)
		return (mreq_queryv(m, id, next, n, NULL));
	va_start(ap, n);
	for (i = 0; i < n; i++)
		values[i] = va_arg(ap, const char *);
	va_end(ap);
	return (mreq_queryv(m, id, next, n, values));
}

int
mreq_queryv(struct mreq *m, enum sql_id id, mreq_fn next, int n,
    const char **values)
{
	int	i;

	mreq_clear(m);
	m->query = id;
	m->next = next;
	if (n < 0 || n > MREQ_PARAMS_MAX) {
		/* A programming error: the step gets a failure (500). */
		kore_log(LOG_ERR, "%s: %d parameters for %s", m->route->name,
		    n, sql_name[id]);
		m->nparams = -1;
		return (MREQ_WAIT);
	}
	for (i = 0; i < n; i++)
		m->params[i] = values[i] ? kore_strdup(values[i]) : NULL;
	m->nparams = n;
	return (MREQ_WAIT);
}

int
mreq_rows(const struct mreq *m)
{
	return (m->res != NULL ? PQntuples(m->res) : 0);
}

/* A value of the last result ("" for NULL or out of range). */
const char *
mreq_val(const struct mreq *m, int row, int col)
{
	if (m->res == NULL || row >= PQntuples(m->res) ||
	    col >= PQnfields(m->res))
		return ("");
	return (PQgetvalue(m->res, row, col));
}

int
mreq_isnull(const struct mreq *m, int row, int col)
{
	if (m->res == NULL || row >= PQntuples(m->res) ||
	    col >= PQnfields(m->res))
		return (1);
	return (PQgetisnull(m->res, row, col));
}

/*
 * The response to a failed query, by SQLSTATE: the database is away or
 * busy (class 08, 53, 57, serialisation failures) -> 503 and Retry-After,
 * so that clients come back; anything else is a bug -> 500, logged.
 * Returns MREQ_DONE.
 */
int
mreq_error(struct http_request *req, struct mreq *m)
{
	const char	*s = m->sqlstate;

	if (strncmp(s, "08", 2) == 0 || strncmp(s, "53", 2) == 0 ||
	    strncmp(s, "57", 2) == 0 || strcmp(s, "40001") == 0 ||
	    strcmp(s, "40P01") == 0) {
		respond_error(req, 503, m->lang, "error.unavailable");
	} else {
		kore_log(LOG_ERR, "%s: unexpected SQLSTATE %s",
		    m->route->name, s);
		respond_error(req, 500, m->lang, "error.internal");
	}
	return (MREQ_DONE);
}

/*
 * Run work(arg) in a task thread, then continue with next. work must be
 * Kore-free (libc memory only, no kore_log) and arg must live in m->ctx,
 * which the driver keeps until the thread is done even if the client
 * goes away. Returns MREQ_TASK, for the step to return.
 */
int
mreq_task(struct mreq *m, void (*work)(void *), void *arg, mreq_fn next)
{
	m->job.work = work;
	m->job.arg = arg;
	m->next = next;
	return (MREQ_TASK);
}

static int
mreq_task_entry(struct kore_task *t)
{
	struct mreq_job	*job = (struct mreq_job *)t;

	job->work(job->arg);
	return (KORE_RESULT_OK);
}

/*
 * Allow only the methods of mask (HTTP_METHOD_*; HEAD goes with GET).
 * Returns 1 if allowed; else answers 405 with Allow and returns 0.
 */
int
mreq_method_allowed(struct http_request *req, struct mreq *m, int mask)
{
	char	allow[64];

	if (mask & HTTP_METHOD_GET)
		mask |= HTTP_METHOD_HEAD;
	if (req->method & mask)
		return (1);
	snprintf(allow, sizeof(allow), "%s%s%s",
	    (mask & HTTP_METHOD_GET) ? "GET, HEAD" : "",
	    (mask & HTTP_METHOD_GET) && (mask & HTTP_METHOD_POST) ? ", " : "",
	    (mask & HTTP_METHOD_POST) ? "POST" : "");
	http_response_header(req, "allow", allow);
	respond_error(req, 405, m->lang, "error.method");
	return (0);
}

/*
 * Read and parse the urlencoded body into m->form (once). Returns 1 when
 * m->form holds the fields; else answers 413 (too large) or 400 (not a
 * well-formed form) and returns 0 – the step then returns MREQ_DONE.
 */
int
mreq_form(struct http_request *req, struct mreq *m)
{
	struct kore_buf	*body;
	char		 buf[4096], err[128];
	size_t		 max;
	ssize_t		 n;
	int		 ok;

	if (m->form_state == 1)
		return (1);
	max = m->route->form_max ? m->route->form_max : MREQ_FORM_MAX;
	if (req->content_length > max) {
		respond_error(req, 413, m->lang, "error.too_large");
		return (0);
	}
	body = kore_buf_alloc(1024);
	for (;;) {
		if ((n = http_body_read(req, buf, sizeof(buf))) == -1) {
			kore_buf_free(body);
			respond_error(req, 400, m->lang, "error.bad_request");
			return (0);
		}
		if (n == 0)
			break;
		if (body->offset + (size_t)n > max) {
			kore_buf_free(body);
			respond_error(req, 413, m->lang, "error.too_large");
			return (0);
		}
		kore_buf_append(body, buf, (size_t)n);
	}
	ok = form_parse(&m->form, (const char *)body->data, body->offset, 64,
	    err, sizeof(err)) == 0;
	kore_buf_free(body);
	if (!ok) {
		kore_log(LOG_NOTICE, "%s: bad form: %s", m->route->name, err);
		respond_error(req, 400, m->lang, "error.bad_request");
		return (0);
	}
	m->form_state = 1;
	return (1);
}

/* A field of m->form (after mreq_form()), or NULL if absent. */
const char *
mreq_field(struct mreq *m, const char *name)
{
	if (m->form_state != 1)
		return (NULL);
	return (form_get(&m->form, name));
}

/* "admin" -> ROLE_ADMIN, …; 0 for anything else. */
unsigned int
mreq_role_bit(const char *role)
{
	if (strcmp(role, "admin") == 0)
		return (ROLE_ADMIN);
	if (strcmp(role, "coordinator") == 0)
		return (ROLE_COORDINATOR);
	if (strcmp(role, "mediator") == 0)
		return (ROLE_MEDIATOR);
	if (strcmp(role, "funder") == 0)
		return (ROLE_FUNDER);
	return (0);
}
