/*
 * pwpolicy – which new passwords Mesure accepts (OWASP ASVS 2.1, NIST
 * SP 800-63B §5.1.1): at least 12 characters, up to 1024 bytes (so long
 * passphrases are welcome), no control characters, and not a common or
 * breached password or a pattern built on one – the list of
 * pwpolicy_list.c (Openwall's common passwords and common French ones),
 * also after stripping digits and symbols around a word ("Soleil2024!")
 * and undoing look-alike digits ("P@ssw0rd"), a word repeated
 * ("azertyazerty"), a keyboard row or a run ("123456789012", "abcdefghijkl"),
 * too few different characters, or the person's own e-mail or name.
 * No composition rules (NIST: they do not help). Kore-free.
 *
 * Also holds the dummy hash that sign-in verifies against when the
 * account does not exist, so that both cases cost the same time.
 */
#ifndef MESURE_PWPOLICY_H
#define MESURE_PWPOLICY_H

#include <stddef.h>

#define PWPOLICY_MIN_CHARS	12
#define PWPOLICY_MAX_BYTES	1024

enum pwpolicy_result {
	PWPOLICY_OK,
	PWPOLICY_TOO_SHORT,
	PWPOLICY_TOO_LONG,
	PWPOLICY_INVALID,	/* not UTF-8, or a control character */
	PWPOLICY_COMMON,	/* in the list, or built on a word of it */
	PWPOLICY_PATTERN,	/* repeated, a run, a keyboard row */
	PWPOLICY_PERSONAL,	/* contains the e-mail or the name */
	PWPOLICY__MAX
};

extern const char *const	pwpolicy_words[];	/* sorted */
extern const size_t		pwpolicy_nwords;

enum pwpolicy_result	 pwpolicy_check(const char *, const char *,
			    const char *);
const char		*pwpolicy_msgkey(enum pwpolicy_result);
int			 pwpolicy_is_common(const char *);
const char		*pwpolicy_dummy_hash(void);

#endif
