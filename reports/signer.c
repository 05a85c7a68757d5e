/*
 * signer – the two signers of report_sign(): the key in this process
 * (report_signer_key, for cron and tests) and the signing daemon over its
 * Unix socket (report_signer_socket, for the web workers); and the frames
 * both ends of the socket speak (see signer.h).
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cms.h"
#include "report.h"
#include "signer.h"

/*
 * Read or write exactly n bytes on a socket; -1 on error, end of file or
 * timeout. MSG_NOSIGNAL: a peer that closed (the daemon refusing a uid)
 * is an error to report, not a SIGPIPE that kills the command line.
 */
static int
io_all(int fd, void *buf, size_t n, int writing)
{
	unsigned char	*p = buf;
	ssize_t		 r;

	while (n > 0) {
		r = writing ? send(fd, p, n, MSG_NOSIGNAL) : read(fd, p, n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return (-1);
		p += r;
		n -= (size_t)r;
	}
	return (0);
}

void
signer_timeouts(int fd, int seconds)
{
	struct timeval	tv;

	tv.tv_sec = seconds;
	tv.tv_usec = 0;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

int
signer_write_frame(int fd, int type, const void *payload, size_t n)
{
	unsigned char	hdr[9];

	if (n > SIGNER_RES_MAX)
		return (-1);
	memcpy(hdr, SIGNER_MAGIC, 4);
	hdr[4] = (unsigned char)type;
	hdr[5] = (unsigned char)(n >> 24);
	hdr[6] = (unsigned char)(n >> 16);
	hdr[7] = (unsigned char)(n >> 8);
	hdr[8] = (unsigned char)n;
	if (io_all(fd, hdr, sizeof(hdr), 1) == -1)
		return (-1);
	return (n == 0 ? 0 : io_all(fd, (void *)(uintptr_t)payload, n, 1));
}

/*
 * Read one frame into buf (at most bufsz bytes of payload). Returns 0,
 * or -1 on end of file, timeout, bad magic or a payload too long.
 */
int
signer_read_frame(int fd, int *type, unsigned char *buf, size_t bufsz,
    size_t *n)
{
	unsigned char	hdr[9];
	size_t		len;

	if (io_all(fd, hdr, sizeof(hdr), 0) == -1 ||
	    memcmp(hdr, SIGNER_MAGIC, 4) != 0)
		return (-1);
	len = (size_t)hdr[5] << 24 | (size_t)hdr[6] << 16 |
	    (size_t)hdr[7] << 8 | hdr[8];
	if (len > bufsz)
		return (-1);
	if (len > 0 && io_all(fd, buf, len, 0) == -1)
		return (-1);
	*type = hdr[4];
	*n = len;
	return (0);
}

/* The key in this process ------------------------------------------- */

static int
key_cert(void *arg, unsigned char **der, size_t *len, char *err,
    size_t errsz)
{
	if (cms_cert_der(arg, der, len) == -1) {
		snprintf(err, errsz, "cannot encode the certificate");
		return (-1);
	}
	return (0);
}

static int
key_sign(void *arg, const unsigned char *digest, unsigned char **cms,
    size_t *len, char *err, size_t errsz)
{
	return (cms_sign_digest(arg, digest, cms, len, err, errsz));
}

static void
key_free(void *arg)
{
	cms_signer_free(arg);
	free(arg);
}

/*
 * A signer that holds the key itself: key and cert are PEM files, chain
 * (or NULL) intermediate certificates to embed.
 */
int
report_signer_key(struct report_signer *s, const char *key,
    const char *cert, const char *chain, char *err, size_t errsz)
{
	struct cms_signer	*cs;

	memset(s, 0, sizeof(*s));
	if ((cs = calloc(1, sizeof(*cs))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return (-1);
	}
	if (cms_signer_load(cs, key, cert, chain, err, errsz) == -1) {
		key_free(cs);
		return (-1);
	}
	s->cert = key_cert;
	s->sign = key_sign;
	s->free = key_free;
	s->arg = cs;
	return (0);
}

/* The signing daemon ---------------------------------------------------- */

struct sock_signer {
	int	fd;
	char	path[sizeof(((struct sockaddr_un *)0)->sun_path)];
};

static int
sock_ask(struct sock_signer *ss, int req, const void *payload, size_t n,
    int want, unsigned char **out, size_t *outlen, char *err, size_t errsz)
{
	unsigned char	*buf;
	size_t		 len;
	int		 type;

	*out = NULL;
	if (signer_write_frame(ss->fd, req, payload, n) == -1) {
		snprintf(err, errsz, "the signing service at %s does not "
		    "answer", ss->path);
		return (-1);
	}
	if ((buf = malloc(SIGNER_RES_MAX)) == NULL) {
		snprintf(err, errsz, "out of memory");
		return (-1);
	}
	if (signer_read_frame(ss->fd, &type, buf, SIGNER_RES_MAX - 1, &len)
	    == -1) {
		free(buf);
		snprintf(err, errsz, "no answer from the signing service at %s",
		    ss->path);
		return (-1);
	}
	if (type == SIGNER_RES_ERROR) {
		buf[len] = '\0';
		snprintf(err, errsz, "the signing service refused: %s",
		    (char *)buf);
		free(buf);
		return (-1);
	}
	if (type != want || len == 0) {
		free(buf);
		snprintf(err, errsz, "unexpected answer from the signing "
		    "service");
		return (-1);
	}
	*out = buf;
	*outlen = len;
	return (0);
}

static int
sock_cert(void *arg, unsigned char **der, size_t *len, char *err,
    size_t errsz)
{
	return (sock_ask(arg, SIGNER_REQ_CERT, NULL, 0, SIGNER_RES_CERT, der,
	    len, err, errsz));
}

static int
sock_sign(void *arg, const unsigned char *digest, unsigned char **cms,
    size_t *len, char *err, size_t errsz)
{
	return (sock_ask(arg, SIGNER_REQ_SIGN, digest, 32, SIGNER_RES_SIGN,
	    cms, len, err, errsz));
}

static void
sock_free(void *arg)
{
	struct sock_signer	*ss = arg;

	if (ss->fd != -1)
		close(ss->fd);
	free(ss);
}

/*
 * A signer that asks the signing daemon listening at path. Connects now,
 * so that a missing daemon is reported before any work.
 */
int
report_signer_socket(struct report_signer *s, const char *path, char *err,
    size_t errsz)
{
	struct sock_signer	*ss;
	struct sockaddr_un	 sun;

	memset(s, 0, sizeof(*s));
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errsz, "socket path too long");
		return (-1);
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((ss = calloc(1, sizeof(*ss))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return (-1);
	}
	memcpy(ss->path, sun.sun_path, sizeof(ss->path));
	if ((ss->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(ss->fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		snprintf(err, errsz, "cannot reach the signing service at %s: "
		    "%s", path, strerror(errno));
		sock_free(ss);
		return (-1);
	}
	signer_timeouts(ss->fd, SIGNER_TIMEOUT);
	s->cert = sock_cert;
	s->sign = sock_sign;
	s->free = sock_free;
	s->arg = ss;
	return (0);
}

void
report_signer_free(struct report_signer *s)
{
	if (s->free != NULL && s->arg != NULL)
		s->free(s->arg);
	memset(s, 0, sizeof(*s));
}
