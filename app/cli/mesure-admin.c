/*
 * mesure-admin – the administrator's command-line tool.
 *
 *   mesure-admin hash-password PASSWORD
 *	print the argon2id hash of PASSWORD (used to set the demo accounts)
 *
 * Kore-free; talks to the database given by MESURE_DATABASE for the
 * commands that need one.
 */
#include <stdio.h>
#include <string.h>

#include "password.h"

static int
usage(void)
{
	fprintf(stderr,
	    "usage: mesure-admin hash-password PASSWORD\n");
	return (2);
}

int
main(int argc, char **argv)
{
	char	hash[PASSWORD_HASH_MAX];

	if (argc < 2)
		return (usage());
	if (password_init() == -1) {
		fprintf(stderr, "mesure-admin: libsodium failed to start\n");
		return (1);
	}
	if (strcmp(argv[1], "hash-password") == 0 && argc == 3) {
		if (password_hash(argv[2], hash, sizeof(hash)) == -1) {
			fprintf(stderr, "mesure-admin: hashing failed\n");
			return (1);
		}
		printf("%s\n", hash);
		return (0);
	}
	return (usage());
}
