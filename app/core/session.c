/*
 * session – tokens, cookies, client address, origin checks (see
 * session.h). libsodium gives the randomness (getrandom(2)) and SHA-256.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "session.h"

static void	session_hex(const unsigned char *, size_t, char *);

static void
session_hex(const unsigned char *b, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

/*
 * A new random token in hex into out (at least SESSION_TOKEN_HEX + 1
 * bytes). Needs password_init() (sodium_init) first. 0, or -1 if out is
 * too small.
 */
int
session_token_new(char *out, size_t outsz)
{
	unsigned char	raw[SESSION_TOKEN_BYTES];

	if (outsz < SESSION_TOKEN_HEX + 1)
		return (-1);
	randombytes_buf(raw, sizeof(raw));
	session_hex(raw, sizeof(raw), out);
	sodium_memzero(raw, sizeof(raw));
	return (0);
}

/* 1 if s looks like one of our tokens: exactly 64 lower-case hex digits. */
int
session_token_valid(const char *s)
{
	size_t	i;

	if (s == NULL)
		return (0);
	for (i = 0; i < SESSION_TOKEN_HEX; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return (0);
	}
	return (s[i] == '\0');
}

/*
 * The SHA-256 of the token's text, in hex, into out (at least
 * SESSION_HASH_HEX + 1 bytes): what sessions.token_hash and
 * password_links.token_hash hold (SQL: decode($n, 'hex')). 0 or -1.
 */
int
session_token_hash(const char *token, char *out, size_t outsz)
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	if (outsz < SESSION_HASH_HEX + 1 || !session_token_valid(token))
		return (-1);
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	session_hex(h, sizeof(h), out);
	return (0);
}

/*
 * The value of cookie name in a Cookie request header, into out. Names
 * match exactly (case-sensitive, unlike Kore's prefix and case-blind
 * lookup), so "mesure_session" never matches "__Host-mesure_session".
 * The first cookie of that name wins. 1 if found and it fits, else 0.
 */
int
session_cookie_get(const char *header, const char *name, char *out,
    size_t outsz)
{
	const char	*p, *end, *eq;
	size_t		 nlen, vlen;

	if (header == NULL || outsz == 0)
		return (0);
	nlen = strlen(name);
	for (p = header; *p != '\0'; p = (*end == ';') ? end + 1 : end) {
		while (*p == ' ' || *p == '\t')
			p++;
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL || (size_t)(eq - p) != nlen ||
		    memcmp(p, name, nlen) != 0)
			continue;
		vlen = (size_t)(end - eq - 1);
		while (vlen > 0 && (eq[vlen] == ' ' || eq[vlen] == '\t'))
			vlen--;
		if (vlen >= outsz)
			return (0);
		memcpy(out, eq + 1, vlen);
		out[vlen] = '\0';
		return (1);
	}
	return (0);
}

/* 1 if the textual address is a loopback one (127/8, ::1, ::ffff:127/104). */
int
session_ip_loopback(const char *ip)
{
	struct in_addr	 a4;
	struct in6_addr	 a6;

	if (ip == NULL)
		return (0);
	if (inet_pton(AF_INET, ip, &a4) == 1)
		return ((ntohl(a4.s_addr) >> 24) == 127);
	if (inet_pton(AF_INET6, ip, &a6) == 1) {
		if (IN6_IS_ADDR_LOOPBACK(&a6))
			return (1);
		return (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
	}
	return (0);
}

/* Normalise one textual address into out; 0, or -1 if it is not one. */
static int
session_ip_norm(const char *s, size_t n, char *out, size_t outsz)
{
	char		 buf[64];
	struct in_addr	 a4;
	struct in6_addr	 a6;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return (-1);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, &a4) == 1)
		return (inet_ntop(AF_INET, &a4, out, outsz) ? 0 : -1);
	if (inet_pton(AF_INET6, buf, &a6) == 1)
		return (inet_ntop(AF_INET6, &a6, out, outsz) ? 0 : -1);
	return (-1);
}

/*
 * The client's address, for throttling and the audit log, into out
 * (SESSION_IP_MAX bytes or more). X-Forwarded-For (xff, may be NULL) is
 * believed only when the connection comes from the TLS proxy on the same
 * host (a loopback peer); then its last entry is the address the proxy
 * saw (nginx: proxy_set_header X-Forwarded-For $remote_addr, or
 * $proxy_add_x_forwarded_for, which appends). Otherwise, or if that entry
 * is not an address, the peer's own. 0, or -1 if even the peer is not an
 * address (out is then "").
 */
int
session_client_ip(const char *peer, const char *xff, char *out, size_t outsz)
{
	const char	*last;

	out[0] = '\0';
	if (xff != NULL && session_ip_loopback(peer)) {
		last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		if (session_ip_norm(last, strlen(last), out, outsz) == 0)
			return (0);
	}
	if (peer == NULL || session_ip_norm(peer, strlen(peer), out, outsz) == -1) {
		out[0] = '\0';
		return (-1);
	}
	return (0);
}

/*
 * Whether a state-changing request comes from one of our own pages
 * (OWASP CSRF cheat sheet, "verifying origin with standard headers").
 * expected is "https://host[:port]"; the other arguments are the request's
 * Origin, Referer and Sec-Fetch-Site headers, NULL when absent.
 *  - Sec-Fetch-Site other than same-origin or none: refused;
 *  - Origin present: it must be expected ("null" never is);
 *  - else Referer present: it must be expected or start with expected/;
 *  - else (a client that sends none of them, not a browser): allowed;
 *    the CSRF token is still required.
 * 1 allowed, 0 refused.
 */
int
session_same_origin(const char *expected, const char *origin,
    const char *referer, const char *fetch_site)
{
	size_t	n;

	if (expected == NULL || *expected == '\0')
		return (0);
	if (fetch_site != NULL && strcasecmp(fetch_site, "same-origin") != 0 &&
	    strcasecmp(fetch_site, "none") != 0)
		return (0);
	if (origin != NULL)
		return (strcasecmp(origin, expected) == 0);
	if (referer != NULL) {
		n = strlen(expected);
		return (strncasecmp(referer, expected, n) == 0 &&
		    (referer[n] == '\0' || referer[n] == '/'));
	}
	return (1);
}

/* Compare two secrets in time that depends only on their lengths. */
int
session_equal(const char *a, const char *b)
{
	size_t		 la, lb, i;
	unsigned char	 d;

	if (a == NULL || b == NULL)
		return (0);
	la = strlen(a);
	lb = strlen(b);
	d = (la != lb);
	for (i = 0; i < la && i < lb; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return (d == 0);
}

/*
 * 1 if s is a path of this site that a sign-in may return to: starts with
 * one "/", not "//" or "/\" (another host), printable ASCII without
 * quotes, backslashes or angle brackets, at most 512 bytes.
 */
int
session_return_path_ok(const char *s)
{
	size_t	i;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return (0);
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= 512 || s[i] <= 0x20 || s[i] >= 0x7f || s[i] == '"' ||
		    s[i] == '\'' || s[i] == '\\' || s[i] == '<' || s[i] == '>')
			return (0);
	}
	return (1);
}
