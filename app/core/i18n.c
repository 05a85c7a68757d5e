/*
 * i18n – message catalogue and language negotiation (see i18n.h).
 *
 * The catalogue is parsed once per process from the embedded .msg files
 * (build/gen/msgs.c) into one sorted table of keys with a text per
 * language; lookups are binary searches. The table is built before any
 * request and never changes afterwards.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "gen_msgs.h"

const char *const lang_code[LANG__MAX] = { "fr", "en" };
const char *const lang_dir[LANG__MAX] = { "ltr", "ltr" };
const char *const lang_name[LANG__MAX] = { "Français", "English" };

struct msg {
	char		*key;			/* owned by the table */
	const char	*text[LANG__MAX];	/* into msg_store; NULL if absent */
};

static struct msg	*msgs;		/* sorted by key */
static size_t		 nmsgs;
static char		*msg_store[LANG__MAX];	/* owned copies of the files */

static int	msg_cmp(const void *, const void *);
static struct msg *msg_find(const char *);
static int	parse_file(enum lang, const char *, size_t, char *, size_t);

static int
msg_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct msg *)a)->key,
	    ((const struct msg *)b)->key));
}

static struct msg *
msg_find(const char *key)
{
	struct msg	k;

	if (msgs == NULL)
		return (NULL);
	k.key = (char *)(uintptr_t)key;
	return (bsearch(&k, msgs, nmsgs, sizeof(*msgs), msg_cmp));
}

/*
 * Parse one .msg file. French (parsed first) defines the keys; other
 * languages may only translate existing keys. Lines: "key = text", "#"
 * comments, blank lines; "\n" in a text is a line break.
 */
static int
parse_file(enum lang l, const char *src, size_t len, char *err, size_t errsz)
{
	char		*p, *line, *next, *eq, *k, *v, *e, *w;
	struct msg	*m, *nm;
	int		 lineno;

	if ((msg_store[l] = malloc(len + 1)) == NULL)
		return (-1);
	memcpy(msg_store[l], src, len);
	msg_store[l][len] = '\0';

	for (p = msg_store[l], lineno = 1; p != NULL && *p; p = next, lineno++) {
		line = p;
		if ((next = strchr(p, '\n')) != NULL)
			*next++ = '\0';
		while (isspace((unsigned char)*line))
			line++;
		if (*line == '\0' || *line == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			snprintf(err, errsz, "%s.msg:%d: no '='",
			    lang_code[l], lineno);
			return (-1);
		}
		k = line;
		for (e = eq; e > k && isspace((unsigned char)e[-1]); e--)
			;
		*e = '\0';
		v = eq + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		for (e = v + strlen(v); e > v && isspace((unsigned char)e[-1]); e--)
			;
		*e = '\0';
		/* Unescape "\n" in place. */
		for (e = w = v; *e; e++) {
			if (e[0] == '\\' && e[1] == 'n') {
				*w++ = '\n';
				e++;
			} else
				*w++ = *e;
		}
		*w = '\0';

		if (l == LANG_FR) {
			if (msg_find(k) != NULL) {
				snprintf(err, errsz, "fr.msg:%d: duplicate %s",
				    lineno, k);
				return (-1);
			}
			nm = realloc(msgs, (nmsgs + 1) * sizeof(*msgs));
			if (nm == NULL)
				return (-1);
			msgs = nm;
			m = &msgs[nmsgs++];
			memset(m, 0, sizeof(*m));
			if ((m->key = strdup(k)) == NULL)
				return (-1);
			m->text[LANG_FR] = v;
			qsort(msgs, nmsgs, sizeof(*msgs), msg_cmp);
		} else {
			if ((m = msg_find(k)) == NULL) {
				snprintf(err, errsz, "%s.msg:%d: unknown key %s",
				    lang_code[l], lineno, k);
				return (-1);
			}
			m->text[l] = v;
		}
	}
	return (0);
}

/*
 * Build the catalogue from the embedded files. Returns 0, or -1 with a
 * message in err. Safe to call once per process.
 */
int
i18n_init(char *err, size_t errsz)
{
	static const struct { enum lang l; enum msgs_id id; } files[] = {
		{ LANG_FR, MSGS_FR },	/* first: defines the keys */
		{ LANG_EN, MSGS_EN },
	};
	size_t	i;

	if (msgs != NULL)
		return (0);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (parse_file(files[i].l, msgs_text[files[i].id],
		    msgs_len[files[i].id], err, errsz) == -1)
			return (-1);
	}
	return (0);
}

/*
 * Release the catalogue (a worker's teardown: Kore unloads the module
 * before the process exits, and LeakSanitizer, which runs at exit, would
 * no longer see the globals that hold it).
 */
void
i18n_free(void)
{
	size_t	i;

	for (i = 0; i < nmsgs; i++)
		free(msgs[i].key);
	free(msgs);
	msgs = NULL;
	nmsgs = 0;
	for (i = 0; i < LANG__MAX; i++) {
		free(msg_store[i]);
		msg_store[i] = NULL;
	}
}

/* The text of key in l, else in French, else the key itself. */
const char *
i18n_get(enum lang l, const char *key)
{
	struct msg	*m;

	if ((m = msg_find(key)) == NULL)
		return (key);
	if (l < LANG__MAX && m->text[l] != NULL)
		return (m->text[l]);
	return (m->text[LANG_FR]);
}

int
i18n_has(enum lang l, const char *key)
{
	struct msg	*m;

	return ((m = msg_find(key)) != NULL && m->text[l] != NULL);
}

size_t
i18n_count(void)
{
	return (nmsgs);
}

const char *
i18n_key(size_t i)
{
	return (i < nmsgs ? msgs[i].key : NULL);
}

int
i18n_lang_from_code(const char *code, enum lang *out)
{
	int	i;

	if (code == NULL)
		return (0);
	for (i = 0; i < LANG__MAX; i++) {
		if (strcmp(code, lang_code[i]) == 0) {
			*out = (enum lang)i;
			return (1);
		}
	}
	return (0);
}

/*
 * The language of a page: an explicit choice (the ?lang= of the language
 * switch), else the one remembered in a cookie, else the best match of
 * Accept-Language (RFC 9110 §12.5.4: q-values, "fr-FR" matches "fr"),
 * else French. Any argument may be NULL; malformed input is ignored.
 */
enum lang
i18n_negotiate(const char *query, const char *cookie, const char *accept)
{
	enum lang	 l, best;
	double		 q, bestq;
	const char	*p, *end, *semi, *qs;
	char		 tag[16];
	size_t		 n;

	if (i18n_lang_from_code(query, &l) || i18n_lang_from_code(cookie, &l))
		return (l);
	best = LANG_FR;
	bestq = 0.0;
	for (p = accept; p != NULL && *p; p = end) {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		semi = memchr(p, ';', (size_t)(end - p));
		n = (size_t)((semi ? semi : end) - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		q = 1.0;
		if (semi != NULL && (qs = strstr(semi, "q=")) != NULL &&
		    qs < end) {
			q = strtod(qs + 2, NULL);
			if (!(q >= 0.0 && q <= 1.0))
				q = 0.0;
		}
		if (*end == ',')
			end++;
		if (n == 0 || n >= sizeof(tag))
			continue;
		memcpy(tag, p, n);
		tag[n] = '\0';
		if (n > 2 && tag[2] == '-')
			tag[2] = '\0';
		for (n = 0; tag[n]; n++)
			tag[n] = (char)tolower((unsigned char)tag[n]);
		if (i18n_lang_from_code(tag, &l) && q > bestq) {
			best = l;
			bestq = q;
		}
	}
	return (best);
}
