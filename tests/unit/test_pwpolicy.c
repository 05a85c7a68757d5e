/* pwpolicy: what a person may choose as a password, and why not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "password.h"
#include "pwpolicy.h"
#include "unit.h"

#define REFUSED(pw, why) CHECK_INT(pwpolicy_check(pw, NULL, NULL), why)
#define ACCEPTED(pw) CHECK_INT(pwpolicy_check(pw, NULL, NULL), PWPOLICY_OK)

/* The generated list matches conf/passwords/ (run from the top). */
static void
list_matches_sources(void)
{
	FILE	*fp;
	char	 line[256];
	size_t	 n, missing = 0, seen = 0;

	if ((fp = popen("cat conf/passwords/common.txt conf/passwords/french.txt"
	    " 2>/dev/null", "r")) == NULL) {
		CHECK(0, "cannot read conf/passwords");
		return;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		n = strcspn(line, "\n");
		line[n] = '\0';
		if (line[0] == '#' || n < 4)
			continue;
		for (size_t i = 0; i < n; i++)
			if (line[i] >= 'A' && line[i] <= 'Z')
				line[i] = (char)(line[i] - 'A' + 'a');
		seen++;
		if (!pwpolicy_is_common(line)) {
			if (missing++ < 5)
				printf("not in the generated list: %s\n", line);
		}
	}
	pclose(fp);
	CHECK(seen > 3000, "read %zu entries from conf/passwords", seen);
	CHECK(missing == 0, "%zu entries missing: run conf/passwords/mkpwlist.sh",
	    missing);
	CHECK_INT(pwpolicy_nwords > 3000, 1);
	for (n = 1; n < pwpolicy_nwords; n++) {
		if (strcmp(pwpolicy_words[n - 1], pwpolicy_words[n]) >= 0) {
			CHECK(0, "list not sorted at %s", pwpolicy_words[n]);
			break;
		}
	}
}

int
main(void)
{
	char	long_pw[2048];

	CHECK(password_init() == 0, "libsodium");
	list_matches_sources();

	/* Length: 12 characters (not bytes), up to 1024 bytes. */
	REFUSED("Tr0mb0ne!x", PWPOLICY_TOO_SHORT);
	REFUSED("éàèùâêîôûçëï", PWPOLICY_OK);	/* 12 characters, 24 bytes */
	REFUSED("éàèùâêîôûçë", PWPOLICY_TOO_SHORT);
	memset(long_pw, 'k', 1024);
	memcpy(long_pw, "Une phrase de passe très longue ", 33);
	long_pw[1024] = '\0';
	ACCEPTED(long_pw);
	long_pw[1024] = 'z';
	long_pw[1025] = '\0';
	REFUSED(long_pw, PWPOLICY_TOO_LONG);
	ACCEPTED("la vieille horloge du quai Saint-Laurent sonne midi "
	    "quand passent les péniches");

	/* Control characters and broken UTF-8. */
	REFUSED("correct horse\tbattery", PWPOLICY_INVALID);
	REFUSED("correct horse \xff battery", PWPOLICY_INVALID);

	/* Common and breached passwords, and patterns built on them. */
	REFUSED("winniethepooh", PWPOLICY_COMMON);
	REFUSED("WinnieThePooh", PWPOLICY_COMMON);
	REFUSED("Password2024!", PWPOLICY_COMMON);
	REFUSED("P@ssw0rd12345", PWPOLICY_COMMON);
	REFUSED("!!Soleil2024!!", PWPOLICY_COMMON);
	REFUSED("motdepasse123", PWPOLICY_COMMON);
	REFUSED("Azerty123456", PWPOLICY_COMMON);
	REFUSED("doudou-doudou-2024", PWPOLICY_COMMON);
	REFUSED("doudou-doudou", PWPOLICY_PATTERN);
	REFUSED("marseille1899", PWPOLICY_COMMON);

	/* Patterns. */
	REFUSED("aaaaaaaaaaaaaaa", PWPOLICY_PATTERN);
	REFUSED("abababababab", PWPOLICY_PATTERN);
	REFUSED("123456789012", PWPOLICY_PATTERN);
	REFUSED("987654321098", PWPOLICY_PATTERN);
	REFUSED("abcdefghijklm", PWPOLICY_PATTERN);
	REFUSED("qsdfghjklmwx", PWPOLICY_PATTERN);
	REFUSED("1qaz2wsx3edc4rfv", PWPOLICY_PATTERN);
	REFUSED("mlkjhgfdsqpoiu", PWPOLICY_PATTERN);

	/* The person's own e-mail and name. */
	CHECK_INT(pwpolicy_check("camille.durand2026",
	    "camille.durand@asso.example", "Camille Durand"), PWPOLICY_PERSONAL);
	CHECK_INT(pwpolicy_check("Bertrand-1987!!",
	    "c.d@asso.example", "Anne Bertrand"), PWPOLICY_PERSONAL);
	CHECK_INT(pwpolicy_check("Mesure!Mesure!26", NULL, NULL),
	    PWPOLICY_COMMON);
	/* A name inside a real passphrase is fine. */
	CHECK_INT(pwpolicy_check("Bertrand aime les tartes aux pommes du Loiret",
	    "c.d@asso.example", "Anne Bertrand"), PWPOLICY_OK);

	/* Good passwords. */
	ACCEPTED("Digilab-Orleans-2026");	/* the demo's */
	ACCEPTED("vq8#Lr2!mZ0p");
	ACCEPTED("Trois chats sur le toit");
	ACCEPTED("correct horse battery staple");

	CHECK_STR(pwpolicy_msgkey(PWPOLICY_COMMON), "pw.common");
	CHECK_STR(pwpolicy_msgkey(PWPOLICY__MAX), "pw.invalid");

	/* The dummy hash costs what a real one does. */
	CHECK(strncmp(pwpolicy_dummy_hash(), "$argon2id$", 10) == 0, "argon2id");
	CHECK(!password_needs_rehash(pwpolicy_dummy_hash()),
	    "dummy hash made with today's parameters");
	CHECK(!password_verify(pwpolicy_dummy_hash(), "Digilab-Orleans-2026"),
	    "nobody knows the dummy's password");
	UNIT_END();
}
