/* session: tokens, cookies, the client's address, origin checks. */
#include <string.h>

#include "password.h"
#include "session.h"
#include "unit.h"

int
main(void)
{
	char	a[SESSION_TOKEN_HEX + 1], b[SESSION_TOKEN_HEX + 1];
	char	h[SESSION_HASH_HEX + 1], v[128], ip[SESSION_IP_MAX];

	CHECK(password_init() == 0, "libsodium");

	/* Tokens: 256 random bits in hex, never twice the same. */
	CHECK(session_token_new(a, sizeof(a)) == 0, "token");
	CHECK(session_token_new(b, sizeof(b)) == 0, "token");
	CHECK_INT(strlen(a), 64);
	CHECK(strcmp(a, b) != 0, "two tokens differ");
	CHECK(session_token_valid(a), "valid: %s", a);
	CHECK(session_token_new(a, 64) == -1, "buffer too small refused");
	CHECK(!session_token_valid("abc"), "short");
	CHECK(!session_token_valid(NULL), "NULL");
	memset(v, 'A', 64); v[64] = '\0';
	CHECK(!session_token_valid(v), "upper case refused");
	memset(v, 'a', 65); v[65] = '\0';
	CHECK(!session_token_valid(v), "65 digits refused");

	/* Its hash is SHA-256 of the text (what the tests compute too). */
	memset(v, 'a', 64); v[64] = '\0';
	CHECK(session_token_hash(v, h, sizeof(h)) == 0, "hash");
	CHECK_STR(h,
	    "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	CHECK(session_token_hash("nope", h, sizeof(h)) == -1, "bad token");

	/* Cookies: exact names, first one wins, spaces tolerated. */
	CHECK(session_cookie_get("lang=fr; mesure_session=abc; x=1",
	    "mesure_session", v, sizeof(v)), "found");
	CHECK_STR(v, "abc");
	CHECK(!session_cookie_get("__Host-mesure_session=abc",
	    "mesure_session", v, sizeof(v)), "prefix is not a match");
	CHECK(!session_cookie_get("Mesure_session=abc", "mesure_session", v,
	    sizeof(v)), "case matters");
	CHECK(session_cookie_get("__Host-mesure_session=x;mesure_session=y",
	    "__Host-mesure_session", v, sizeof(v)), "host");
	CHECK_STR(v, "x");
	CHECK(session_cookie_get("a=1;  mesure_session=first; mesure_session=2",
	    "mesure_session", v, sizeof(v)), "first");
	CHECK_STR(v, "first");
	CHECK(!session_cookie_get("mesure_session=toolongvalue", "mesure_session",
	    v, 4), "too long");
	CHECK(!session_cookie_get(NULL, "mesure_session", v, sizeof(v)), "none");
	CHECK(!session_cookie_get("mesure_session", "mesure_session", v,
	    sizeof(v)), "no value");

	/* The client's address: X-Forwarded-For only from the proxy. */
	session_client_ip("127.0.0.1", "203.0.113.9", ip, sizeof(ip));
	CHECK_STR(ip, "203.0.113.9");
	session_client_ip("127.0.0.1", "10.1.1.1, 203.0.113.9 ", ip, sizeof(ip));
	CHECK_STR(ip, "203.0.113.9");
	session_client_ip("::1", "2001:DB8::1", ip, sizeof(ip));
	CHECK_STR(ip, "2001:db8::1");
	session_client_ip("198.51.100.7", "203.0.113.9", ip, sizeof(ip));
	CHECK_STR(ip, "198.51.100.7");
	session_client_ip("127.0.0.1", "not-an-address", ip, sizeof(ip));
	CHECK_STR(ip, "127.0.0.1");
	session_client_ip("127.0.0.1", NULL, ip, sizeof(ip));
	CHECK_STR(ip, "127.0.0.1");
	CHECK(session_client_ip("garbage", NULL, ip, sizeof(ip)) == -1, "bad");
	CHECK(session_ip_loopback("::ffff:127.0.0.1"), "mapped loopback");
	CHECK(!session_ip_loopback("128.0.0.1"), "not loopback");

	/* Origin checks. */
	CHECK(session_same_origin("https://m.example", "https://m.example",
	    NULL, "same-origin"), "same origin");
	CHECK(!session_same_origin("https://m.example", "https://evil.example",
	    NULL, NULL), "other origin");
	CHECK(!session_same_origin("https://m.example", "null", NULL, NULL),
	    "null origin");
	CHECK(!session_same_origin("https://m.example", "https://m.example",
	    NULL, "cross-site"), "cross-site fetch");
	CHECK(!session_same_origin("https://m.example", "https://m.example",
	    NULL, "same-site"), "sibling site");
	CHECK(session_same_origin("https://m.example", NULL,
	    "https://m.example/espace", NULL), "referer");
	CHECK(!session_same_origin("https://m.example", NULL,
	    "https://m.example.evil.example/", NULL), "referer prefix trick");
	CHECK(session_same_origin("https://m.example", NULL, NULL, NULL),
	    "no header: the token decides");
	CHECK(!session_same_origin("", NULL, NULL, NULL), "no expected origin");

	CHECK(session_equal("abc", "abc"), "equal");
	CHECK(!session_equal("abc", "abd"), "differ");
	CHECK(!session_equal("abc", "abcd"), "length");
	CHECK(!session_equal(NULL, "a"), "NULL");

	CHECK(session_return_path_ok("/espace"), "path");
	CHECK(session_return_path_ok("/admin/utilisateurs?x=1"), "query");
	CHECK(!session_return_path_ok("//evil.example/"), "other host");
	CHECK(!session_return_path_ok("/\\evil.example/"), "backslash");
	CHECK(!session_return_path_ok("https://evil.example/"), "absolute");
	CHECK(!session_return_path_ok("/a b"), "space");
	CHECK(!session_return_path_ok("/\"><script>"), "markup");
	UNIT_END();
}
