/*
 * session – the Kore-free pieces of staff sessions: random tokens and
 * their hashes, the session cookie in a Cookie header, the client's
 * address behind the TLS proxy, the same-origin check of state-changing
 * requests, constant-time comparison, and safe return paths.
 *
 * A session token is 32 random bytes (256 bits) written as 64 lower-case
 * hex digits; the browser holds it in a cookie, PostgreSQL only its
 * SHA-256 (sessions.token_hash), so a copy of the database opens no
 * session. The same tokens serve one-time set-password links and the
 * per-session CSRF token. Used by app/ (mreq_guard.c, auth.c,
 * auth_password.c) and mesure-admin.
 */
#ifndef MESURE_SESSION_H
#define MESURE_SESSION_H

#include <stddef.h>

#define SESSION_TOKEN_BYTES	32
#define SESSION_TOKEN_HEX	(SESSION_TOKEN_BYTES * 2)
#define SESSION_HASH_HEX	64	/* SHA-256 in hex */

/* Lifetimes, in seconds (issue #4; OWASP ASVS 3.3). */
#define SESSION_IDLE_S		(30 * 60)	/* without a request */
#define SESSION_ABSOLUTE_S	(12 * 60 * 60)	/* from sign-in */
#define SESSION_REAUTH_S	(10 * 60)	/* a password check stays fresh */
#define SESSION_LINK_TTL_S	(72 * 60 * 60)	/* a set-password link */

/* Cookie names: the __Host- prefix needs Secure, hence HTTPS. */
#define SESSION_COOKIE_TLS	"__Host-mesure_session"
#define SESSION_COOKIE_PLAIN	"mesure_session"

#define SESSION_IP_MAX		46	/* INET6_ADDRSTRLEN */

int	session_token_new(char *, size_t);
int	session_token_valid(const char *);
int	session_token_hash(const char *, char *, size_t);
int	session_cookie_get(const char *, const char *, char *, size_t);
int	session_client_ip(const char *, const char *, char *, size_t);
int	session_ip_loopback(const char *);
int	session_same_origin(const char *, const char *, const char *,
	    const char *);
int	session_equal(const char *, const char *);
int	session_return_path_ok(const char *);

#endif
