/*
 * password – hashing and checking staff passwords with argon2id
 * (libsodium), at OWASP's minimum cost or above: t=2, m=19 MiB, p=1.
 * Kore-free: used by the sign-in handler and by mesure-admin.
 */
#ifndef MESURE_PASSWORD_H
#define MESURE_PASSWORD_H

#include <stddef.h>

#define PASSWORD_HASH_MAX	128	/* crypto_pwhash_STRBYTES */
#define PASSWORD_OPSLIMIT	2
#define PASSWORD_MEMLIMIT	(19U * 1024 * 1024)

int	password_init(void);
int	password_hash(const char *, char *, size_t);
int	password_verify(const char *, const char *);
int	password_needs_rehash(const char *);

#endif
