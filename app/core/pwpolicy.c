/*
 * pwpolicy – the password policy (see pwpolicy.h). The list itself is
 * pwpolicy_list.c, generated from conf/passwords/.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "pwpolicy.h"

/*
 * An argon2id hash (t=2, m=19 MiB, p=1, as password.h) of a random
 * password nobody knows: sign-in checks a password against it when the
 * account does not exist, has no password yet or is disabled, so that
 * those answers take as long as a wrong password. tests/unit checks that
 * it uses today's parameters.
 */
static const char dummy_hash[] =
    "$argon2id$v=19$m=19456,t=2,p=1$D3+E0vKkg0QbRQKO8En+oQ$"
    "ztvmZ4RI/8FON7v+jWhHaP7cVvkVCjJnSGO7FLW8UPw";

/* Keyboard rows (AZERTY, QWERTY, QWERTZ) and columns people walk along. */
static const char *const keyboard_rows[] = {
	"azertyuiopqsdfghjklmwxcvbn",
	"qwertyuiopasdfghjklzxcvbnm",
	"qwertzuiopasdfghjklyxcvbnm",
	"1234567890",
	"azsxdcfvgbhnjk",
	"aqwzsxedcrfvtgbyhnujikolpm",
	"qazwsxedcrfvtgbyhnujmikolp",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
	"1aqw2zsx3edc4rfv5tgb6yhn7ujn8ik9ol0pm",
};

static const char *const msgkeys[PWPOLICY__MAX] = {
	"pw.ok",
	"pw.too_short",
	"pw.too_long",
	"pw.invalid",
	"pw.common",
	"pw.pattern",
	"pw.personal",
};

const char *
pwpolicy_dummy_hash(void)
{
	return (dummy_hash);
}

/* The message (app/i18n) that explains r to the person. */
const char *
pwpolicy_msgkey(enum pwpolicy_result r)
{
	if (r < 0 || r >= PWPOLICY__MAX)
		return (msgkeys[PWPOLICY_INVALID]);
	return (msgkeys[r]);
}

static int
cmp_word(const void *key, const void *elem)
{
	return (strcmp(key, *(const char *const *)elem));
}

/* 1 if the lower-case word is in the list. */
int
pwpolicy_is_common(const char *w)
{
	return (bsearch(w, pwpolicy_words, pwpolicy_nwords, sizeof(char *),
	    cmp_word) != NULL);
}

static int
is_alpha(unsigned char c)
{
	/* Bytes of non-ASCII letters count as letters. */
	return ((c >= 'a' && c <= 'z') || c >= 0x80);
}

/* Lower-case ASCII letters; other bytes unchanged. */
static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* Look-alike digits and symbols back to letters (leetspeak). */
static char
unleet(char c)
{
	switch (c) {
	case '0': return ('o');
	case '1': return ('i');
	case '!': return ('i');
	case '|': return ('l');
	case '3': return ('e');
	case '4': return ('a');
	case '@': return ('a');
	case '5': return ('s');
	case '$': return ('s');
	case '7': return ('t');
	case '+': return ('t');
	default: return (c);
	}
}

/* Does s (length n) occur, forwards or backwards, in a keyboard row? */
static int
on_keyboard(const char *s, size_t n)
{
	char	rev[64];
	size_t	i, r;

	if (n >= sizeof(rev))
		return (0);
	for (i = 0; i < n; i++)
		rev[i] = s[n - 1 - i];
	rev[n] = '\0';
	for (r = 0; r < sizeof(keyboard_rows) / sizeof(keyboard_rows[0]); r++) {
		if (memmem(keyboard_rows[r], strlen(keyboard_rows[r]), s, n) ||
		    memmem(keyboard_rows[r], strlen(keyboard_rows[r]), rev, n))
			return (1);
	}
	return (0);
}

/* A run going by step: each byte step more than the one before; digits wrap. */
static int
run_by(const char *s, size_t n, int step)
{
	size_t	i;
	int	d;

	for (i = 1; i < n; i++) {
		d = (unsigned char)s[i] - (unsigned char)s[i - 1];
		if (d == step)
			continue;
		/* …7890123… */
		if (s[i] >= '0' && s[i] <= '9' && s[i - 1] >= '0' &&
		    s[i - 1] <= '9' && d == -9 * step)
			continue;
		return (0);
	}
	return (1);
}

/* "123456789012", "zyxwvutsrqpo": a run up or down. */
static int
is_run(const char *s, size_t n)
{
	return (n >= 4 && (run_by(s, n, 1) || run_by(s, n, -1)));
}

/*
 * The shortest unit s is a repetition of ("azertyazerty" -> 6), or n if
 * it is none.
 */
static size_t
period(const char *s, size_t n)
{
	size_t	p, i;

	for (p = 1; p <= n / 2; p++) {
		if (n % p != 0)
			continue;
		for (i = p; i < n && s[i] == s[i - p]; i++)
			;
		if (i == n)
			return (p);
	}
	return (n);
}

/* Is the core built on w (w covers it but for fewer than 6 letters)? */
static int
built_on(const char *core, const char *w)
{
	size_t	wl = strlen(w), cl = strlen(core);

	return (wl >= 4 && cl < wl + 6 && strstr(core, w) != NULL);
}

/* Letters of s only, lower-cased, into out (same size as s or more). */
static void
letters_of(const char *s, char *out)
{
	for (; *s != '\0'; s++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (is_alpha((unsigned char)c))
			*out++ = c;
	}
	*out = '\0';
}

/*
 * Check a new password pw for the person with this e-mail and name (both
 * may be NULL). PWPOLICY_OK or why it is refused (pwpolicy_msgkey()).
 */
enum pwpolicy_result
pwpolicy_check(const char *pw, const char *email, const char *name)
{
	enum pwpolicy_result	 r = PWPOLICY_OK;
	char			*low = NULL, *core = NULL, *word = NULL;
	const char		*at, *p, *q;
	size_t			 n, i, k, chars, distinct, start, end, per;
	int			 pass;
	unsigned char		 seen[256];

	n = strlen(pw);
	if (n > PWPOLICY_MAX_BYTES)
		return (PWPOLICY_TOO_LONG);
	if (!utf8_valid(pw, n))
		return (PWPOLICY_INVALID);
	memset(seen, 0, sizeof(seen));
	for (i = 0, chars = 0, distinct = 0; i < n; i++) {
		unsigned char c = (unsigned char)pw[i];

		if (c < 0x20 || c == 0x7f)
			return (PWPOLICY_INVALID);
		if ((c & 0xc0) != 0x80)
			chars++;
		if (!seen[c]++)
			distinct++;
	}
	if (chars < PWPOLICY_MIN_CHARS)
		return (PWPOLICY_TOO_SHORT);

	if ((low = strdup(pw)) == NULL || (core = malloc(n + 1)) == NULL ||
	    (word = malloc(n + 256 + 1)) == NULL) {
		r = PWPOLICY_INVALID;
		goto out;
	}
	lower(low);
	if (pwpolicy_is_common(low)) {
		r = PWPOLICY_COMMON;
		goto out;
	}
	if (distinct < 5 || is_run(low, n) || on_keyboard(low, n) ||
	    (per = period(low, n)) <= 3) {
		r = PWPOLICY_PATTERN;
		goto out;
	}

	/*
	 * The core: what is left once digits and symbols around the word
	 * are dropped, look-alikes undone, and the remaining non-letters
	 * removed ("P@ssw0rd-2024!" -> "password"). Symbols may be
	 * look-alikes ("@dmin") or decoration ("!!Soleil", "Mesure!Mesure"):
	 * three readings are tried – look-alikes everywhere, everywhere but
	 * at the start, nowhere.
	 */
	for (pass = 0; pass < 3; pass++) {
		for (start = 0; start < n &&
		    !is_alpha((unsigned char)low[start]) &&
		    (pass != 0 || unleet(low[start]) == low[start]); start++)
			;
		for (end = n; end > start &&
		    !is_alpha((unsigned char)low[end - 1]); end--)
			;
		for (i = start, k = 0; i < end; i++) {
			char c = pass == 2 ? low[i] : unleet(low[i]);

			if (is_alpha((unsigned char)c))
				core[k++] = c;
		}
		core[k] = '\0';
		if (k < 4)
			continue;
		if (pwpolicy_is_common(core)) {
			r = PWPOLICY_COMMON;
			goto out;
		}
		/* A word repeated: "doudoudoudou" is "dou"×4 and "doudou"×2. */
		per = period(core, k);
		for (i = per; i < k; i += per) {
			if (k % i != 0)
				continue;
			memcpy(word, core, i);
			word[i] = '\0';
			if (pwpolicy_is_common(word)) {
				r = PWPOLICY_COMMON;
				goto out;
			}
			if (i >= 6 && on_keyboard(word, i)) {
				r = PWPOLICY_PATTERN;
				goto out;
			}
		}
	}

	/* The person's own e-mail (its name part) and name. */
	if (email != NULL && (at = strchr(email, '@')) != NULL &&
	    (size_t)(at - email) < 256) {
		char local[256];

		memcpy(local, email, (size_t)(at - email));
		local[at - email] = '\0';
		letters_of(local, word);
		if (built_on(core, word) || (strlen(word) >= 4 &&
		    strstr(low, word) != NULL && n < strlen(word) + 6)) {
			r = PWPOLICY_PERSONAL;
			goto out;
		}
	}
	for (p = name; p != NULL && *p != '\0'; p = *q ? q + 1 : q) {
		char part[256];

		for (q = p; *q != '\0' && *q != ' ' && *q != '-' && *q != '\''; q++)
			;
		if ((size_t)(q - p) >= sizeof(part))
			continue;
		memcpy(part, p, (size_t)(q - p));
		part[q - p] = '\0';
		letters_of(part, word);
		if (built_on(core, word)) {
			r = PWPOLICY_PERSONAL;
			goto out;
		}
	}
	if (built_on(core, "mesure")) {
		r = PWPOLICY_PERSONAL;
		goto out;
	}

out:
	free(word);
	free(core);
	free(low);
	return (r);
}
