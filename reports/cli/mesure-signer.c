/*
 * mesure-signer – the signing daemon: holds the organisation's signing
 * key so that the Kore workers never do. It listens on a Unix socket
 * (placed inside the workers' chroot so they can connect) and answers
 * the protocol of reports/signer.h: the certificate, and a CAdES
 * signature for a SHA-256 digest. It never receives a document and never
 * sends the key; every signature is logged with the peer's uid and pid.
 *
 *   mesure-signer --key K --cert C [--chain F] --socket PATH
 *                 [--mode 0660] [--group NAME] [--allow-uid UID]…
 *
 * Run it in the foreground under a supervisor (systemd, the test
 * runner); SIGTERM or SIGINT stop it and remove the socket. The key file
 * should be readable only by the account it runs as.
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cms.h"
#include "signer.h"

#define PROG		"mesure-signer"
#define ALLOW_MAX	16
#define REQS_PER_CONN	16

static volatile sig_atomic_t	stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void
logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
logmsg(const char *fmt, ...)
{
	va_list		ap;
	time_t		now;
	struct tm	tm;
	char		when[32];

	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s " PROG ": ", when);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: " PROG " --key K --cert C [--chain F] --socket PATH "
	    "[--mode 0660] [--group NAME] [--allow-uid UID]...\n");
}

static void
answer_error(int fd, const char *msg)
{
	signer_write_frame(fd, SIGNER_RES_ERROR, msg, strlen(msg));
}

/* Serve one client: a few requests, each answered, then close. */
static void
serve(int fd, const struct cms_signer *s, const uid_t *allow, size_t nallow)
{
	struct ucred	 cred;
	socklen_t	 cl;
	unsigned char	 req[SIGNER_REQ_MAX], *out;
	size_t		 n, outlen, i;
	int		 type, k;
	char		 err[256], hex[65];

	cl = sizeof(cred);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) == -1) {
		logmsg("cannot identify a client: %s", strerror(errno));
		return;
	}
	if (nallow > 0) {
		for (i = 0; i < nallow; i++)
			if (allow[i] == cred.uid)
				break;
		if (i == nallow) {
			logmsg("refused uid %ld (pid %ld)", (long)cred.uid,
			    (long)cred.pid);
			answer_error(fd, "not allowed");
			return;
		}
	}
	signer_timeouts(fd, 5);
	for (k = 0; k < REQS_PER_CONN && !stop; k++) {
		if (signer_read_frame(fd, &type, req, sizeof(req), &n) == -1)
			return;
		switch (type) {
		case SIGNER_REQ_CERT:
			if (n != 0 || cms_cert_der(s, &out, &outlen) == -1) {
				answer_error(fd, "bad certificate request");
				return;
			}
			signer_write_frame(fd, SIGNER_RES_CERT, out, outlen);
			free(out);
			break;
		case SIGNER_REQ_SIGN:
			if (n != 32) {
				answer_error(fd, "a sign request carries a "
				    "SHA-256 digest (32 bytes)");
				return;
			}
			if (cms_sign_digest(s, req, &out, &outlen, err,
			    sizeof(err)) == -1) {
				logmsg("signing failed: %s", err);
				answer_error(fd, "signing failed");
				return;
			}
			for (i = 0; i < 32; i++)
				snprintf(hex + 2 * i, 3, "%02x", req[i]);
			logmsg("signed digest %s for uid %ld pid %ld", hex,
			    (long)cred.uid, (long)cred.pid);
			signer_write_frame(fd, SIGNER_RES_SIGN, out, outlen);
			free(out);
			break;
		default:
			answer_error(fd, "unknown request");
			return;
		}
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "cert", required_argument, NULL, 'c' },
		{ "chain", required_argument, NULL, 'C' },
		{ "socket", required_argument, NULL, 's' },
		{ "mode", required_argument, NULL, 'm' },
		{ "group", required_argument, NULL, 'g' },
		{ "allow-uid", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cms_signer	 s;
	struct sockaddr_un	 sun;
	struct sigaction	 sa;
	struct pollfd		 pfd;
	struct stat		 st;
	struct group		*gr;
	const char		*key, *cert, *chain, *path, *group;
	uid_t			 allow[ALLOW_MAX];
	size_t			 nallow;
	mode_t			 mode;
	char			 err[256], *end, fp[100], name[160];
	int			 ch, lfd, fd;
	long			 v;

	key = cert = chain = path = group = NULL;
	mode = 0660;
	nallow = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k': key = optarg; break;
		case 'c': cert = optarg; break;
		case 'C': chain = optarg; break;
		case 's': path = optarg; break;
		case 'g': group = optarg; break;
		case 'm':
			v = strtol(optarg, &end, 8);
			if (*end != '\0' || v < 0 || v > 0777) {
				fprintf(stderr, PROG ": --mode: an octal mode "
				    "like 0660\n");
				return (2);
			}
			mode = (mode_t)v;
			break;
		case 'u':
			v = strtol(optarg, &end, 10);
			if (*end != '\0' || v < 0 || nallow == ALLOW_MAX) {
				fprintf(stderr, PROG ": --allow-uid: a user "
				    "id (at most %d)\n", ALLOW_MAX);
				return (2);
			}
			allow[nallow++] = (uid_t)v;
			break;
		case 'h':
			usage(stdout);
			return (0);
		default:
			usage(stderr);
			return (2);
		}
	}
	if (key == NULL || cert == NULL || path == NULL || optind != argc) {
		usage(stderr);
		return (2);
	}
	/* No core dumps and no ptrace by others: the key is in memory. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (cms_signer_load(&s, key, cert, chain, err, sizeof(err)) == -1) {
		fprintf(stderr, PROG ": %s\n", err);
		cms_signer_free(&s);
		return (1);
	}

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, PROG ": socket path too long\n");
		return (1);
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	/* A socket left by a previous run goes; anything else stays. */
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			fprintf(stderr, PROG ": %s exists and is not a "
			    "socket\n", path);
			return (1);
		}
		unlink(path);
	}
	if ((lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(path, mode) == -1 || listen(lfd, 16) == -1) {
		fprintf(stderr, PROG ": cannot listen on %s: %s\n", path,
		    strerror(errno));
		return (1);
	}
	if (group != NULL) {
		if ((gr = getgrnam(group)) == NULL ||
		    chown(path, (uid_t)-1, gr->gr_gid) == -1) {
			fprintf(stderr, PROG ": cannot give %s to group %s\n",
			    path, group);
			unlink(path);
			return (1);
		}
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	cms_cert_name(s.cert, name, sizeof(name));
	cms_cert_fingerprint(s.cert, fp, sizeof(fp));
	logmsg("listening on %s for %s (certificate %s)", path, name, fp);
	while (!stop) {
		pfd.fd = lfd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		if ((fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) == -1)
			continue;
		serve(fd, &s, allow, nallow);
		close(fd);
	}
	logmsg("stopping");
	close(lfd);
	unlink(path);
	cms_signer_free(&s);
	return (0);
}
