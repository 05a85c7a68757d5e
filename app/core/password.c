/*
 * password – argon2id hashing (see password.h).
 */
#include <string.h>

#include <sodium.h>

#include "password.h"

/* Once per process, before any other call; 0 on success. */
int
password_init(void)
{
	return (sodium_init() < 0 ? -1 : 0);
}

/* PHC string of pw into out (at least PASSWORD_HASH_MAX bytes); 0 or -1. */
int
password_hash(const char *pw, char *out, size_t outsz)
{
	if (outsz < crypto_pwhash_STRBYTES)
		return (-1);
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), PASSWORD_OPSLIMIT,
	    PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return (-1);
	return (0);
}

/* 1 if pw matches the stored argon2id hash, else 0. */
int
password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || strncmp(hash, "$argon2id$", 10) != 0)
		return (0);
	return (crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0);
}

/* 1 if hash was made with weaker parameters than today's. */
int
password_needs_rehash(const char *hash)
{
	return (crypto_pwhash_str_needs_rehash(hash, PASSWORD_OPSLIMIT,
	    PASSWORD_MEMLIMIT) != 0);
}
