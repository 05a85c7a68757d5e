/*
 * init – process set-up: the parent reads the settings (as root, before
 * any chroot) and registers the database; workers need nothing more,
 * because everything they serve is embedded in the module.
 *
 * Settings come from the environment, so that the same kore.conf serves
 * every deployment (systemd's EnvironmentFile, or the Makefile):
 *   MESURE_DATABASE      libpq key=value connection string (required)
 *   MESURE_TLS_PROXIED   "1" when an HTTPS proxy is in front (cookies get
 *                        Secure and the __Host- prefix)
 *   MESURE_PUBLIC_ORIGIN the address people use, "https://mesure.example"
 *                        (optional): POSTs must come from it, and
 *                        set-password links start with it; by default the
 *                        request's Host header with http or https
 *   MESURE_REPORT_CA     the PEM file of the CA that signs the reports'
 *                        certificates (optional): /verify says whether a
 *                        signature chains to it
 *   MESURE_PURGE_INTERVAL seconds between two runs of the retention purge
 *                        by worker 1 (default 86400; "0" or "off": no
 *                        purge timer, cron runs `mesure-admin purge`)
 *   MESURE_PURGE_DELAY   seconds from a worker's start to its first purge
 *                        (default 300)
 *   MESURE_CONFIG_CHECK  "1": parse kore.conf, check the settings, print
 *                        "configuration ok" and exit (make check-conf)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#include <kore/pgsql.h>

#include "i18n.h"
#include "password.h"

struct app_settings	app_settings;

static int	report_ca_read(const char *);
static unsigned int	env_seconds(const char *, unsigned int, unsigned int,
			    unsigned int);

void	kore_parent_configure(int, char **);
void	kore_worker_configure(void);
void	kore_worker_teardown(void);

/*
 * Options every connection gets, unless the connection string sets them:
 * the workers are chrooted (no /etc/services, no ~/.pgpass), a blocking
 * connect must not stall a worker for long, and no statement may hold a
 * connection for ever.
 */
static const struct {
	const char	*key;
	const char	*value;
} db_defaults[] = {
	{ "connect_timeout", "3" },
	{ "application_name", "mesure" },
	{ "sslmode", "disable" },
	{ "gssencmode", "disable" },
	{ "options", "'-c statement_timeout=15000 -c idle_in_transaction_session_timeout=15000'" },
};

void
kore_parent_configure(int argc, char **argv)
{
	const char	*db, *check, *tls, *origin, *ca;
	struct kore_buf	*b;
	char		 err[256], key[64];
	size_t		 i;

	if (i18n_init(err, sizeof(err)) == -1)
		fatalx("messages: %s", err);
	/* libsodium (argon2id, tokens); the workers inherit it at fork. */
	if (password_init() == -1)
		fatalx("libsodium failed to start");

	if ((db = getenv("MESURE_DATABASE")) == NULL || *db == '\0')
		fatalx("MESURE_DATABASE is not set (a libpq connection string)");
	if (strncmp(db, "postgres://", 11) == 0 ||
	    strncmp(db, "postgresql://", 13) == 0)
		fatalx("MESURE_DATABASE: use the key=value form, not a URI");

	b = kore_buf_alloc(256);
	kore_buf_appendf(b, "%s", db);
	for (i = 0; i < sizeof(db_defaults) / sizeof(db_defaults[0]); i++) {
		snprintf(key, sizeof(key), "%s=", db_defaults[i].key);
		if (strstr(db, key) == NULL)
			kore_buf_appendf(b, " %s%s", key, db_defaults[i].value);
	}
	app_settings.db_conninfo = kore_buf_stringify(b, NULL);
	app_settings.db_conninfo = kore_strdup(app_settings.db_conninfo);
	kore_buf_free(b);

	tls = getenv("MESURE_TLS_PROXIED");
	app_settings.tls_proxied = (tls != NULL && strcmp(tls, "1") == 0);
	origin = getenv("MESURE_PUBLIC_ORIGIN");
	if (origin != NULL && *origin != '\0') {
		if ((strncmp(origin, "https://", 8) != 0 &&
		    strncmp(origin, "http://", 7) != 0) ||
		    origin[strlen(origin) - 1] == '/' || strlen(origin) > 200)
			fatalx("MESURE_PUBLIC_ORIGIN: scheme://host[:port], "
			    "without a trailing /");
		app_settings.public_origin = kore_strdup(origin);
	}

	/* Read before the workers chroot: /verify checks signatures
	 * against it (app/verify_page.c). */
	if ((ca = getenv("MESURE_REPORT_CA")) != NULL && *ca != '\0' &&
	    report_ca_read(ca) == -1)
		fatalx("MESURE_REPORT_CA: cannot read %s", ca);

	/* The daily purge (app/purge_timer.c). */
	app_settings.purge_interval_s = env_seconds("MESURE_PURGE_INTERVAL",
	    86400, 5, 31 * 86400);
	app_settings.purge_delay_s = env_seconds("MESURE_PURGE_DELAY", 300,
	    1, 86400);

	if (!kore_pgsql_register(MESURE_DB_NAME, app_settings.db_conninfo))
		fatalx("cannot register the database");

	check = getenv("MESURE_CONFIG_CHECK");
	if (check != NULL && strcmp(check, "1") == 0) {
		printf("configuration ok\n");
		fflush(stdout);
		exit(0);
	}
}

/* Every worker, after chroot, privilege drop and seccomp. */
void
kore_worker_configure(void)
{
	purge_timer_start();
}

/*
 * Every worker, at shutdown, before Kore unloads the module: free what
 * only the module's globals hold. The sanitizer build checks for leaks
 * here and ends the worker (app/sanitizer_exit.c says why).
 */
void
kore_worker_teardown(void)
{
	i18n_free();
#if defined(MESURE_ASAN)
	sanitizer_worker_exit();
#endif
}

/*
 * A number of seconds from the environment: def when unset, 0 for "0" or
 * "off", else between min and max; anything else stops the server.
 */
static unsigned int
env_seconds(const char *name, unsigned int def, unsigned int min,
    unsigned int max)
{
	const char	*v = getenv(name);
	char		*end;
	unsigned long	 n;

	if (v == NULL || *v == '\0')
		return (def);
	if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0)
		return (0);
	n = strtoul(v, &end, 10);
	if (*end != '\0' || v[0] < '0' || v[0] > '9' || n < min || n > max)
		fatalx("%s: a number of seconds from %u to %u, or off", name,
		    min, max);
	return ((unsigned int)n);
}

/* The reports' CA certificate (PEM, 64 KiB at most) into app_settings. */
static int
report_ca_read(const char *path)
{
	FILE	*fp;
	char	*buf;
	size_t	 n;

	if ((fp = fopen(path, "r")) == NULL)
		return (-1);
	buf = kore_malloc(64 * 1024 + 1);
	n = fread(buf, 1, 64 * 1024, fp);
	fclose(fp);
	buf[n] = '\0';
	if (n == 0 || strstr(buf, "-----BEGIN CERTIFICATE-----") == NULL) {
		kore_free(buf);
		return (-1);
	}
	app_settings.report_ca = buf;
	app_settings.report_ca_len = n;
	return (0);
}
