/*
 * fuzz_session – libFuzzer harness for what staff requests bring from
 * outside before anything else (app/core/session.c, pwpolicy.c): the
 * Cookie header, X-Forwarded-For, Origin/Referer, return paths, and the
 * password policy applied to any typed password.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pwpolicy.h"
#include "session.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, v[128], ip[SESSION_IP_MAX], h[SESSION_HASH_HEX + 1];
	enum pwpolicy_result r;

	if ((s = malloc(size + 1)) == NULL)
		return (0);
	memcpy(s, data, size);
	s[size] = '\0';
	if (session_cookie_get(s, "mesure_session", v, sizeof(v))) {
		if (strlen(v) >= sizeof(v))
			__builtin_trap();
		if (session_token_valid(v) &&
		    session_token_hash(v, h, sizeof(h)) != 0)
			__builtin_trap();
	}
	(void)session_client_ip("127.0.0.1", s, ip, sizeof(ip));
	if (strlen(ip) >= sizeof(ip))
		__builtin_trap();
	(void)session_client_ip(s, NULL, ip, sizeof(ip));
	(void)session_same_origin("https://m.example", s, s, s);
	if (session_return_path_ok(s) && (s[0] != '/' || s[1] == '/'))
		__builtin_trap();
	(void)session_equal(s, "abc");
	r = pwpolicy_check(s, s, s);
	if (r < PWPOLICY_OK || r >= PWPOLICY__MAX)
		__builtin_trap();
	free(s);
	return (0);
}
