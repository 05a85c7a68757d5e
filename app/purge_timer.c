/*
 * purge_timer – the daily retention purge (docs/rgpd.md §6) run by Kore
 * itself, so that a deployment without cron still applies the retention
 * periods. `mesure-admin purge` stays, for cron and by hand: both run the
 * same SQL (privacy_purge.sql -> purge_run(), which takes an advisory
 * lock since migration 0610, so two runs at once are serialised and the
 * second finds nothing due).
 *
 * Only worker 1 arms the timer (the other workers would run the same
 * purge); the first run comes MESURE_PURGE_DELAY seconds after the worker
 * starts (default 300), then every MESURE_PURGE_INTERVAL seconds (default
 * 86400). MESURE_PURGE_INTERVAL=0 (or "off") turns it off. Both are read
 * by the parent (init.c).
 *
 * The purge may scan large tables: it runs in a task thread with its own
 * connection (the worker's pool is not thread-safe), and the worker logs
 * the outcome when the task ends: one line "purge: …" in kore's log.
 */
#include <stdio.h>
#include <string.h>

#include <libpq-fe.h>

#include <kore/kore.h>
#include <kore/tasks.h>

#include "app.h"
#include "gen_sql.h"

struct purge_job {
	struct kore_task	 task;		/* first: Kore's task */
	int			 running;
	int			 ok;
	char			 out[2048];	/* what to log */
};

static struct purge_job	purge_job;

static int	purge_entry(struct kore_task *);
static void	purge_done(struct kore_task *);
static void	purge_tick(void *, u_int64_t);
static void	purge_first(void *, u_int64_t);

/* In the task thread: Kore-free, libpq and libc only. */
static int
purge_entry(struct kore_task *t)
{
	struct purge_job	*j = (struct purge_job *)t;
	const char		*p[2] = { NULL, "false" };
	PGconn			*db;
	PGresult		*r;
	size_t			 off = 0;
	int			 i, n;

	db = PQconnectdb(app_settings.db_conninfo);
	if (PQstatus(db) != CONNECTION_OK) {
		snprintf(j->out, sizeof(j->out), "cannot connect: %s",
		    PQerrorMessage(db));
		PQfinish(db);
		return (KORE_RESULT_ERROR);
	}
	/* The connection string's 15 s is for requests, not the purge. */
	PQclear(PQexec(db, "set statement_timeout = '10min'"));
	r = PQexecParams(db, sql_text[SQL_PRIVACY_PURGE], 2, NULL, p, NULL,
	    NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		snprintf(j->out, sizeof(j->out), "failed: %s",
		    PQerrorMessage(db));
		PQclear(r);
		PQfinish(db);
		return (KORE_RESULT_ERROR);
	}
	j->out[0] = '\0';
	for (i = 0; i < PQntuples(r) && off < sizeof(j->out); i++) {
		n = snprintf(j->out + off, sizeof(j->out) - off, "%s%s %s",
		    i ? "; " : "", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
		if (n < 0)
			break;
		off += (size_t)n;
	}
	if (PQntuples(r) == 0)
		snprintf(j->out, sizeof(j->out), "no organisation");
	j->ok = 1;
	PQclear(r);
	PQfinish(db);
	return (KORE_RESULT_OK);
}

/* In the worker, when the task's channel moves: log once it ended. */
static void
purge_done(struct kore_task *t)
{
	struct purge_job	*j = (struct purge_job *)t;

	if (kore_task_state(t) != KORE_TASK_STATE_FINISHED)
		return;
	if (j->ok)
		kore_log(LOG_NOTICE, "purge: done: %s", j->out);
	else
		kore_log(LOG_ERR, "purge: %s", j->out);
	kore_task_destroy(t);
	j->running = 0;
}

static void
purge_tick(void *arg, u_int64_t now)
{
	if (purge_job.running) {
		kore_log(LOG_NOTICE, "purge: the previous run is not over, "
		    "skipped");
		return;
	}
	memset(&purge_job, 0, sizeof(purge_job));
	purge_job.running = 1;
	kore_log(LOG_NOTICE, "purge: starting");
	kore_task_create(&purge_job.task, purge_entry);
	kore_task_bind_callback(&purge_job.task, purge_done);
	kore_task_run(&purge_job.task);
}

static void
purge_first(void *arg, u_int64_t now)
{
	purge_tick(arg, now);
	(void)kore_timer_add(purge_tick,
	    (u_int64_t)app_settings.purge_interval_s * 1000, NULL, 0);
}

/* From kore_worker_configure() (init.c), in every worker. */
void
purge_timer_start(void)
{
	if (app_settings.purge_interval_s == 0 || worker == NULL ||
	    worker->id != 1)
		return;
	kore_log(LOG_NOTICE, "purge: first run in %u s, then every %u s",
	    app_settings.purge_delay_s, app_settings.purge_interval_s);
	(void)kore_timer_add(purge_first,
	    (u_int64_t)app_settings.purge_delay_s * 1000, NULL,
	    KORE_TIMER_ONESHOT);
}
