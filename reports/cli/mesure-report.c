/*
 * mesure-report – makes, signs, stores and checks Mesure's impact
 * reports from the command line (coordinators, cron). See --help.
 *
 * Exit status: 0 done; 1 failed (a message on stderr says why, in plain
 * words); 2 bad usage. With --verify: 0 valid, 1 anything else.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frfmt.h"
#include "indicator.h"
#include "json.h"
#include "report.h"
#include "report_xlsx.h"
#include "sbuf.h"

#define PROG		"mesure-report"
#define FONT_DIR	"/usr/share/fonts/truetype/dejavu"

static int	progress_tty;
static int	quiet;
static struct timespec t_start;

static void
usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " --project CODE (--quarter YYYY-Tn | --year YYYY) [options]\n"
"       " PROG " --verify FILE [--ca CA.pem]\n"
"\n"
"Makes the impact report of a project (or of one of its conventions) for a\n"
"quarter or a year, from the database, as a PDF; signs it; stores it in the\n"
"reports table.\n"
"\n"
"  --project CODE        the project (e.g. digilab)\n"
"  --organisation SLUG   the organisation, if several have that project\n"
"  --convention REF      one convention's report (default: the project's)\n"
"  --quarter 2026-T3     a quarterly report\n"
"  --year 2026           the annual report, over the year's four quarters\n"
"  --lang fr|en          the report's language (default fr)\n"
"  --date YYYY-MM-DD     the date printed on the report (default today)\n"
"  --out FILE            where to write the PDF (\"-\": standard output)\n"
"  --no-store            do not store the report in the database\n"
"  --db CONNINFO         the database (default MESURE_DATABASE, else the\n"
"                        database of `make run`)\n"
"  --fonts DIR           DejaVuSans.ttf and DejaVuSans-Bold.ttf\n"
"                        (default " FONT_DIR ")\n"
"  --quotes N            at most N approved quotes (default %d)\n"
"  --sign                sign the report (PAdES B-B), with either\n"
"    --key K --cert C    the key and certificate (PEM) in this process, or\n"
"    --signer SOCKET     the signing service (mesure-signer)\n"
"    --chain F           intermediate certificates to embed (with --key)\n"
"    --role TEXT         the signer's role, shown on the last page\n"
"    --location TEXT     where it was signed\n"
"    --ca CA.pem         check the signed file against this CA\n"
"  --dump-data FILE      write the rows the report was computed from (the\n"
"                        text whose SHA-256 the report carries)\n"
"  --indicators          print the indicators' figures as JSON, no PDF\n"
"  --xlsx FILE           write the funder's spreadsheet (.xlsx), no PDF\n"
"  --verify FILE         check a report's signature and say so\n"
"  --quiet               no progress, no summary\n"
"  --timing              time each query and each step on stderr\n"
"  --help                this text\n", REPORT_QUOTES_DEFAULT);
}

static int
die(const char *fmt, ...)
{
	va_list	ap;

	if (progress_tty && !quiet)
		fputs("\r\033[K", stderr);
	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return (1);
}

static double
elapsed(void)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((double)(now.tv_sec - t_start.tv_sec) +
	    (double)(now.tv_nsec - t_start.tv_nsec) / 1e9);
}

static int	 timing;
static double	 t_step;
static const char *cur_step = "starting";

/*
 * A progress line, rewritten in place on a terminal; with --timing, the
 * time of the step that ends here, on its own line.
 */
static void
progress(const char *step)
{
	double	now;

	if (timing) {
		now = elapsed();
		fprintf(stderr, "step: %-28s %8.1f ms\n", cur_step,
		    (now - t_step) * 1e3);
		cur_step = step;
		t_step = now;
	}
	if (quiet || !progress_tty)
		return;
	fprintf(stderr, "\r\033[K" PROG ": %s (%.1f s)", step, elapsed());
	fflush(stderr);
}

static int
read_file(const char *path, unsigned char **out, size_t *len)
{
	FILE		*f;
	struct sbuf	 sb;
	char		 buf[65536];
	size_t		 n;

	if ((f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb")) == NULL)
		return (-1);
	sbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&sb, buf, n);
	if (f != stdin)
		fclose(f);
	if (sb.failed)
		return (-1);
	*out = (unsigned char *)sbuf_steal(&sb, len);
	return (*out == NULL ? -1 : 0);
}

/* Write atomically: a temporary file beside path, then rename. */
static int
write_file(const char *path, const unsigned char *data, size_t len)
{
	char	tmp[PATH_MAX];
	FILE	*f;
	int	ok;

	if (strcmp(path, "-") == 0)
		return (fwrite(data, 1, len, stdout) == len &&
		    fflush(stdout) == 0 ? 0 : -1);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path,
	    (long)getpid()) >= sizeof(tmp))
		return (-1);
	if ((f = fopen(tmp, "wb")) == NULL)
		return (-1);
	ok = fwrite(data, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) == -1) {
		unlink(tmp);
		return (-1);
	}
	return (0);
}

/*
 * The database of `make run`: the checkout this program was built in
 * (build/ beside mk/ and var/), asked through mk/pg.sh.
 */
static char *
default_conninfo(void)
{
	char	 exe[PATH_MAX], cmd[PATH_MAX * 2 + 64], line[1024], *top;
	ssize_t	 n;
	FILE	*p;
	size_t	 l;

	if (getenv("MESURE_DATABASE") != NULL && *getenv("MESURE_DATABASE"))
		return (strdup(getenv("MESURE_DATABASE")));
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return (NULL);
	exe[n] = '\0';
	top = dirname(dirname(exe));
	snprintf(cmd, sizeof(cmd), "'%s/mk/pg.sh' conninfo '%s/var/pg' "
	    "2>/dev/null", top, top);
	if ((p = popen(cmd, "r")) == NULL)
		return (NULL);
	line[0] = '\0';
	if (fgets(line, sizeof(line), p) == NULL)
		line[0] = '\0';
	pclose(p);
	l = strlen(line);
	while (l > 0 && (line[l - 1] == '\n' || line[l - 1] == '\r'))
		line[--l] = '\0';
	return (l > 0 ? strdup(line) : NULL);
}

static int
parse_date(const char *s, int *ymd)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return (-1);
	ymd[0] = atoi(s);
	ymd[1] = atoi(s + 5);
	ymd[2] = atoi(s + 8);
	if (ymd[0] < 2000 || ymd[0] > 2999 || ymd[1] < 1 || ymd[1] > 12 ||
	    ymd[2] < 1 || ymd[2] > 31)
		return (-1);
	return (0);
}

static int
do_verify(const char *file, const char *ca)
{
	unsigned char			*pdf, *pem;
	size_t				 len, pemlen;
	struct report_verification	 r;

	pem = NULL;
	pemlen = 0;
	if (read_file(file, &pdf, &len) == -1)
		return (die("cannot read %s", file));
	if (ca != NULL && read_file(ca, &pem, &pemlen) == -1) {
		free(pdf);
		return (die("cannot read the CA %s", ca));
	}
	if (report_verify(pdf, len, (const char *)pem, pemlen, &r) == -1) {
		free(pdf);
		free(pem);
		return (die("out of memory"));
	}
	printf("%s\n", report_verdict_text(r.verdict, LANG_FR));
	printf("%s\n", report_verdict_text(r.verdict, LANG_EN));
	if (r.signer[0] != '\0')
		printf("signer: %s\n", r.signer);
	if (r.signed_at[0] != '\0')
		printf("signed at: %s\n", r.signed_at);
	if (r.fingerprint[0] != '\0')
		printf("certificate SHA-256: %s\n", r.fingerprint);
	printf("detail: %s\n", r.detail);
	free(pdf);
	free(pem);
	return (r.verdict == REPORT_VALID ? 0 : 1);
}

/* The indicators' figures as JSON, one object per indicator. */
static void
print_indicators(const struct report_model *m)
{
	struct sbuf	sb;
	size_t		i, k;

	sbuf_init(&sb);
	sbuf_puts(&sb, "[");
	for (i = 0; i < m->nind; i++) {
		const struct rm_indicator *ind = &m->ind[i];

		sbuf_printf(&sb, "%s\n {\"id\": %lld, \"convention\": ",
		    i ? "," : "", ind->id);
		json_write_string(&sb, ind->convention_ref);
		sbuf_puts(&sb, ", \"kind\": ");
		json_write_string(&sb, ind->kind);
		sbuf_printf(&sb, ", \"measure\": \"%s\", \"quarters\": [",
		    ind->valid ? ind_measure_name[ind->measure] : "?");
		for (k = 0; k < RM_QUARTERS; k++) {
			const struct rm_eval *e = &ind->q[k];

			sbuf_printf(&sb, "%s{\"quarter\": \"%s\", "
			    "\"value\": %.10g, \"numerator\": %lld, "
			    "\"denominator\": %lld, \"people\": %lld, "
			    "\"shown\": %s}", k ? ", " : "", e->quarter,
			    e->value_null ? 0.0 : e->value, e->num, e->den,
			    e->people, e->st == STATS_SHOWN ? "true" :
			    "false");
		}
		sbuf_puts(&sb, "]}");
	}
	sbuf_puts(&sb, "\n]\n");
	fputs(sb.data, stdout);
	sbuf_free(&sb);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "project", required_argument, NULL, 'p' },
		{ "organisation", required_argument, NULL, 'O' },
		{ "convention", required_argument, NULL, 'c' },
		{ "quarter", required_argument, NULL, 'q' },
		{ "year", required_argument, NULL, 'y' },
		{ "lang", required_argument, NULL, 'l' },
		{ "date", required_argument, NULL, 'D' },
		{ "out", required_argument, NULL, 'o' },
		{ "no-store", no_argument, NULL, 'N' },
		{ "db", required_argument, NULL, 'd' },
		{ "fonts", required_argument, NULL, 'f' },
		{ "quotes", required_argument, NULL, 'Q' },
		{ "sign", no_argument, NULL, 's' },
		{ "key", required_argument, NULL, 'k' },
		{ "cert", required_argument, NULL, 'C' },
		{ "chain", required_argument, NULL, 'H' },
		{ "signer", required_argument, NULL, 'S' },
		{ "role", required_argument, NULL, 'r' },
		{ "location", required_argument, NULL, 'L' },
		{ "ca", required_argument, NULL, 'A' },
		{ "dump-data", required_argument, NULL, 'u' },
		{ "indicators", no_argument, NULL, 'I' },
		{ "xlsx", required_argument, NULL, 'X' },
		{ "verify", required_argument, NULL, 'V' },
		{ "quiet", no_argument, NULL, 'z' },
		{ "timing", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct report_params	 rp;
	struct report_model	 m;
	struct report_pdf	 pdf, signed_pdf, *final;
	struct report_signer	 signer;
	struct report_sign_params sp;
	struct sbuf		 dump;
	PGconn			*db;
	char			 err[512], *conninfo;
	const char		*out, *key, *cert, *chain, *sock, *ca, *dumpf,
				*verify, *dbopt, *quarter, *year, *date, *xlsx;
	int			 ch, sign, store, indicators, rc, existed;
	long long		 id;
	time_t			 now;
	struct tm		 tm;

	memset(&rp, 0, sizeof(rp));
	memset(&pdf, 0, sizeof(pdf));
	memset(&signed_pdf, 0, sizeof(signed_pdf));
	memset(&signer, 0, sizeof(signer));
	memset(&sp, 0, sizeof(sp));
	report_model_init(&m);
	rp.lang = LANG_FR;
	rp.font_dir = FONT_DIR;
	out = key = cert = chain = sock = ca = dumpf = verify = dbopt = NULL;
	quarter = year = date = xlsx = NULL;
	sign = indicators = 0;
	store = 1;
	clock_gettime(CLOCK_MONOTONIC, &t_start);

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p': rp.project = optarg; break;
		case 'O': rp.organisation = optarg; break;
		case 'c': rp.convention = optarg; break;
		case 'q': quarter = optarg; break;
		case 'y': year = optarg; break;
		case 'l':
			if (!i18n_lang_from_code(optarg, &rp.lang)) {
				die("--lang: fr or en, not \"%s\"", optarg);
				return (2);
			}
			break;
		case 'D': date = optarg; break;
		case 'o': out = optarg; break;
		case 'N': store = 0; break;
		case 'd': dbopt = optarg; break;
		case 'f': rp.font_dir = optarg; break;
		case 'Q':
			rp.quotes_max = atoi(optarg);
			if (rp.quotes_max < 0 || rp.quotes_max > 50) {
				die("--quotes: 0 to 50");
				return (2);
			}
			break;
		case 's': sign = 1; break;
		case 'k': key = optarg; break;
		case 'C': cert = optarg; break;
		case 'H': chain = optarg; break;
		case 'S': sock = optarg; break;
		case 'r': sp.role = optarg; break;
		case 'L': sp.location = optarg; break;
		case 'A': ca = optarg; break;
		case 'u': dumpf = optarg; break;
		case 'I': indicators = 1; break;
		case 'X': xlsx = optarg; break;
		case 'V': verify = optarg; break;
		case 'z': quiet = 1; break;
		case 'T': rp.timing = timing = 1; break;
		case 'h':
			usage(stdout);
			return (0);
		default:
			usage(stderr);
			return (2);
		}
	}
	if (optind != argc) {
		die("unexpected argument \"%s\" (see --help)", argv[optind]);
		return (2);
	}
	progress_tty = isatty(2);
	if (verify != NULL)
		return (do_verify(verify, ca));

	/* Check the whole command line before any work. */
	if (rp.project == NULL) {
		die("--project is required (see --help)");
		return (2);
	}
	if ((quarter == NULL) == (year == NULL)) {
		die("give either --quarter YYYY-Tn or --year YYYY");
		return (2);
	}
	if (quarter != NULL) {
		rp.kind = REPORT_QUARTERLY;
		if (!quarter_parse(quarter, &rp.year, &rp.quarter)) {
			die("--quarter: \"%s\" is not like 2026-T3", quarter);
			return (2);
		}
	} else {
		rp.kind = REPORT_ANNUAL;
		rp.year = atoi(year);
		if (strlen(year) != 4 || rp.year < 2000 || rp.year > 2999) {
			die("--year: \"%s\" is not a year", year);
			return (2);
		}
	}
	now = time(NULL);
	if (date != NULL) {
		if (parse_date(date, rp.as_of) == -1) {
			die("--date: \"%s\" is not like 2026-11-28", date);
			return (2);
		}
	} else {
		localtime_r(&now, &tm);
		rp.as_of[0] = tm.tm_year + 1900;
		rp.as_of[1] = tm.tm_mon + 1;
		rp.as_of[2] = tm.tm_mday;
	}
	if (xlsx != NULL && (sign || out != NULL || indicators)) {
		die("--xlsx writes a spreadsheet only: no --out, --sign or "
		    "--indicators with it");
		return (2);
	}
	if (xlsx != NULL)
		store = 0;
	if (!indicators && out == NULL && !store && xlsx == NULL) {
		die("nothing to do: give --out FILE, or store the report");
		return (2);
	}
	if (sign && !((key != NULL && cert != NULL && sock == NULL) ||
	    (sock != NULL && key == NULL && cert == NULL))) {
		die("--sign needs --key and --cert, or --signer SOCKET");
		return (2);
	}
	if (!sign && (key != NULL || cert != NULL || sock != NULL)) {
		die("--key, --cert and --signer go with --sign");
		return (2);
	}

	/* Reach the signer first: no work if it is not there. */
	if (sign) {
		if (sock != NULL)
			rc = report_signer_socket(&signer, sock, err,
			    sizeof(err));
		else
			rc = report_signer_key(&signer, key, cert, chain, err,
			    sizeof(err));
		if (rc == -1)
			return (die("%s", err));
	}

	if ((conninfo = dbopt != NULL ? strdup(dbopt) : default_conninfo()) ==
	    NULL) {
		report_signer_free(&signer);
		return (die("no database: set MESURE_DATABASE, give --db, or "
		    "run `make run` once"));
	}
	progress("connecting to the database");
	db = PQconnectdb(conninfo);
	free(conninfo);
	if (PQstatus(db) != CONNECTION_OK) {
		die("cannot connect to the database: %s", PQerrorMessage(db));
		PQfinish(db);
		report_signer_free(&signer);
		return (1);
	}

	rc = 1;
	sbuf_init(&dump);
	progress("reading the data");
	if (report_load(db, &rp, &m, dumpf != NULL ? &dump : NULL, err,
	    sizeof(err)) == -1) {
		die("%s", err);
		goto done;
	}
	if (dumpf != NULL && (dump.failed ||
	    write_file(dumpf, (unsigned char *)dump.data, dump.len) == -1)) {
		die("cannot write %s: %s", dumpf, strerror(errno));
		goto done;
	}
	if (indicators) {
		print_indicators(&m);
		rc = 0;
		goto done;
	}
	if (xlsx != NULL) {
		progress("writing the spreadsheet");
		if (report_xlsx_write(&m, xlsx, NULL, err, sizeof(err)) == -1)
			die("%s", err);
		else
			rc = 0;
		goto done;
	}
	progress("laying out the pages");
	if (report_render(&m, &rp, &pdf, err, sizeof(err)) == -1) {
		die("%s", err);
		goto done;
	}
	final = &pdf;
	if (sign) {
		progress("signing");
		sp.when = now;
		sp.lang = rp.lang;
		if (report_sign(pdf.data, pdf.len, &signer, &sp, &signed_pdf,
		    err, sizeof(err)) == -1) {
			die("%s", err);
			goto done;
		}
		signed_pdf.pages = pdf.pages;
		final = &signed_pdf;
		if (ca != NULL) {
			unsigned char			*pem;
			size_t				 pemlen;
			struct report_verification	 v;

			if (read_file(ca, &pem, &pemlen) == -1) {
				die("cannot read the CA %s", ca);
				goto done;
			}
			report_verify(final->data, final->len,
			    (const char *)pem, pemlen, &v);
			free(pem);
			if (v.verdict != REPORT_VALID) {
				die("the signed report does not verify: %s",
				    v.detail);
				goto done;
			}
		}
	}
	if (out != NULL) {
		progress("writing the file");
		if (write_file(out, final->data, final->len) == -1) {
			die("cannot write %s: %s", out, strerror(errno));
			goto done;
		}
	}
	id = 0;
	existed = 0;
	if (store) {
		progress("storing the report");
		if (report_store(db, &m, final, sign, now, 0, &id, &existed,
		    err, sizeof(err)) == -1) {
			die("%s", err);
			goto done;
		}
	}
	progress("done");
	if (!quiet) {
		char	sha[65];
		int	i;

		for (i = 0; i < 32; i++)
			snprintf(sha + 2 * i, 3, "%02x", final->sha256[i]);
		if (progress_tty)
			fputs("\r\033[K", stderr);
		fprintf(stderr, PROG ": %s%s, %d pages, %zu bytes, sha256 %s, "
		    "data %.16s…", sign ? "signed " : "",
		    out != NULL && strcmp(out, "-") != 0 ? out : "report",
		    final->pages, final->len, sha, m.data_sha256_hex);
		if (store)
			fprintf(stderr, ", %s report #%lld", existed ?
			    "already stored as" : "stored as", id);
		fprintf(stderr, " (%.2f s)\n", elapsed());
	}
	rc = 0;
done:
	sbuf_free(&dump);
	report_pdf_free(&signed_pdf);
	report_pdf_free(&pdf);
	report_model_free(&m);
	report_signer_free(&signer);
	PQfinish(db);
	return (rc);
}
