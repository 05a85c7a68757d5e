/*
 * app – what the Kore glue of app/ shares: the handlers Kore looks up
 * by name (declared here so the compiler checks them against the
 * configuration's expectations) and the process-wide settings.
 */
#ifndef MESURE_APP_H
#define MESURE_APP_H

#include <kore/kore.h>
#include <kore/http.h>

/* The name under which the database is registered with kore_pgsql. */
#define MESURE_DB_NAME	"db"

/* Process-wide settings, read once in the parent (init.c). */
struct app_settings {
	char	*db_conninfo;	/* kore_malloc'd; as given plus our options */
	int	 tls_proxied;	/* served over HTTPS by a proxy: Secure cookies */
	char	*public_origin;	/* kore_malloc'd or NULL: "https://host" */
	char	*report_ca;	/* PEM of the reports' CA, or NULL (/verify) */
	size_t	 report_ca_len;
	unsigned int purge_delay_s;	/* first purge after start (worker 1) */
	unsigned int purge_interval_s;	/* then every …; 0: no purge timer */
};

extern struct app_settings	app_settings;

/* Handlers and validators named in conf/ (one file per area). */
int	page_healthz(struct http_request *);
int	page_asset(struct http_request *);
int	page_home(struct http_request *);
int	page_not_found(struct http_request *);

/* Accounts and the staff area: app/auth.h. */

/* The daily purge timer (app/purge_timer.c), armed by init.c. */
void	purge_timer_start(void);

#if defined(MESURE_ASAN)
/* The sanitizer build's worker end (app/sanitizer_exit.c): no return. */
void	sanitizer_worker_exit(void) __attribute__((noreturn));
#endif

/* The people's rights (app/privacy_rights.c, issue #8). */
int	page_rgpd(struct http_request *);
int	page_rgpd_export(struct http_request *);
int	page_rgpd_erase(struct http_request *);
int	page_privacy_register(struct http_request *);

#endif
