/*
 * visit – checking a recorded or imported visit (see visit.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "json.h"
#include "sbuf.h"
#include "visit.h"

/*
 * The letters and digits of a pseudonym the application draws: no 0/O,
 * 1/I/L, 2/Z, 5/S, 6/G, 8/B, so that a code read aloud or typed from a
 * card is not mistaken (the demo data and the follow-up cards use the
 * same set).
 */
static const char pseudonym_set[] = "ABCDEFHJKMNPRTUVWXY3479";

const char *const visit_field_name[VF__MAX] = {
	"date", "heure", "site", "domaines", "demarches", "aide", "autonomie",
	"orientation", "duree", "canal", "pseudonyme", "age", "qpv",
	"premiere_visite", "usages"
};

/* Which vocabulary each coded field takes its values from. */
static const int field_vocab[VF__MAX] = {
	[VF_DATE] = -1, [VF_TIME] = -1,
	[VF_SITE] = VOCAB_SITE, [VF_DOMAINS] = VOCAB_DOMAIN,
	[VF_PROCEDURES] = VOCAB_PROCEDURE, [VF_HELP] = VOCAB_HELP,
	[VF_AUTONOMY] = VOCAB_AUTONOMY, [VF_PARTNER] = VOCAB_PARTNER,
	[VF_DURATION] = -1, [VF_CHANNEL] = VOCAB_CHANNEL,
	[VF_PSEUDONYM] = -1, [VF_AGE] = VOCAB_AGE, [VF_QPV] = -1,
	[VF_FIRST] = -1, [VF_SKILLS] = VOCAB_SKILL
};

void
visit_input_init(struct visit_input *v)
{
	memset(v, 0, sizeof(*v));
	v->qpv = -1;
	v->first = -1;
	v->channel = "sur-place";
}

/* Record an error on a field; detail is the offending text (cut). */
void
visit_error(struct visit_input *v, enum visit_field f, const char *msgkey,
    const char *detail)
{
	struct visit_error	*e;

	if (v->nerrors == VISIT_ERRORS_MAX)
		return;
	e = &v->errors[v->nerrors++];
	e->field = f;
	e->msgkey = msgkey;
	snprintf(e->detail, sizeof(e->detail), "%s", detail ? detail : "");
}

static int
all_space(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return (*s == '\0');
}

/*
 * A date as ISO "YYYY-MM-DD" (out: 11 bytes) from "2026-10-05" or
 * "05/10/2026"; checks that the day exists. 1 on success.
 */
int
visit_date_parse(const char *s, char *out)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int	y, m, d, n = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) {
		/* ISO */
	} else if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && n >= 8) {
		/* French */
	} else
		return (0);
	while (isspace((unsigned char)s[n]))
		n++;
	if (s[n] != '\0' || y < 2000 || y > 2999 || m < 1 || m > 12 ||
	    d < 1 || d > mdays[m - 1])
		return (0);
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return (0);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
	return (1);
}

/* "14:30", "14h30", "14h", "9:05" -> "HH:MM" (out: 6 bytes). */
static int
time_parse(const char *s, char *out)
{
	int	h, m = 0, n = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) == 2 ||
	    sscanf(s, "%2dh%2d%n", &h, &m, &n) == 2) {
		/* with minutes */
	} else if (sscanf(s, "%2dh%n", &h, &n) == 1) {
		m = 0;
	} else
		return (0);
	while (isspace((unsigned char)s[n]))
		n++;
	if (s[n] != '\0' || h < 0 || h > 23 || m < 0 || m > 59)
		return (0);
	snprintf(out, 6, "%02u:%02u", (unsigned)h % 100u, (unsigned)m % 100u);
	return (1);
}

/* "45", "45 min", "1h30", "1 h" -> minutes, or -1. */
static int
duration_parse(const char *s)
{
	int	h, m, n = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (sscanf(s, "%d h %d%n", &h, &m, &n) == 2 ||
	    sscanf(s, "%dh%d%n", &h, &m, &n) == 2) {
		m += h * 60;
	} else if (sscanf(s, "%d h%n", &h, &n) == 1 && n > 0 &&
	    strchr(s, 'h') != NULL) {
		m = h * 60;
	} else if (sscanf(s, "%d%n", &m, &n) == 1) {
		while (isspace((unsigned char)s[n]))
			n++;
		if (strncmp(s + n, "min", 3) == 0)
			n += 3;
	} else
		return (-1);
	while (isspace((unsigned char)s[n]))
		n++;
	if (s[n] != '\0' || m < 1 || m > 600)
		return (-1);
	return (m);
}

/* oui/non, yes/no, 1/0, vrai/faux, o/n -> 1/0; -1 if unknown. */
static int
yesno_parse(const char *s)
{
	char	f[16];

	text_fold(f, sizeof(f), s, strlen(s));
	if (strcmp(f, "oui") == 0 || strcmp(f, "yes") == 0 ||
	    strcmp(f, "1") == 0 || strcmp(f, "vrai") == 0 ||
	    strcmp(f, "o") == 0 || strcmp(f, "y") == 0 ||
	    strcmp(f, "true") == 0)
		return (1);
	if (strcmp(f, "non") == 0 || strcmp(f, "no") == 0 ||
	    strcmp(f, "0") == 0 || strcmp(f, "faux") == 0 ||
	    strcmp(f, "n") == 0 || strcmp(f, "false") == 0)
		return (0);
	return (-1);
}

/* A pseudonym: the follow-up card's code, 4–12 of A–Z and 0–9. */
int
visit_pseudonym_valid(const char *s)
{
	size_t	n = strlen(s), i;

	if (n < 4 || n > 12)
		return (0);
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return (0);
	return (1);
}

/*
 * A pseudonym as typed by hand ("kt7-m3a", " KT7 M3A ") into out (outsz
 * bytes, at least 13): upper case, without spaces and dashes. 0, or -1
 * if it is not 4 to 12 letters and digits.
 */
int
visit_pseudonym_norm(const char *text, char *out, size_t outsz)
{
	size_t	i, o;

	if (outsz < 13)
		return (-1);
	for (i = 0, o = 0; text[i] != '\0' && o + 1 < outsz; i++) {
		if (text[i] == ' ' || text[i] == '-')
			continue;
		out[o++] = (char)toupper((unsigned char)text[i]);
	}
	out[o] = '\0';
	if (text[i] != '\0' || !visit_pseudonym_valid(out)) {
		out[0] = '\0';
		return (-1);
	}
	return (0);
}

/*
 * Draw a new pseudonym: VISIT_PSEUDONYM_LEN characters of pseudonym_set
 * (23^6, about 148 million codes), uniformly, from libsodium's
 * generator. The database refuses a clash and the caller draws again.
 * 0, or -1 if libsodium cannot start.
 */
int
visit_pseudonym_new(char out[VISIT_PSEUDONYM_LEN + 1])
{
	size_t	i;

	if (sodium_init() < 0)
		return (-1);
	for (i = 0; i < VISIT_PSEUDONYM_LEN; i++)
		out[i] = pseudonym_set[randombytes_uniform(
		    (uint32_t)(sizeof(pseudonym_set) - 1))];
	out[VISIT_PSEUDONYM_LEN] = '\0';
	return (0);
}

/*
 * Set a single-valued field from text (a form value or a cell). Empty text
 * leaves the field unset. Returns 0, or -1 after recording an error.
 */
int
visit_set(struct visit_input *v, const struct vocabs *vs,
    enum visit_field f, const char *text)
{
	const char	*code;
	char		 p[16];
	int		 n;

	if (text == NULL || all_space(text))
		return (0);
	switch (f) {
	case VF_DATE:
		if (!visit_date_parse(text, v->date)) {
			visit_error(v, f, "visit.err.date", text);
			return (-1);
		}
		return (0);
	case VF_TIME:
		if (!time_parse(text, v->time)) {
			visit_error(v, f, "visit.err.time", text);
			return (-1);
		}
		return (0);
	case VF_DURATION:
		if ((n = duration_parse(text)) < 0) {
			visit_error(v, f, "visit.err.duration", text);
			return (-1);
		}
		v->duration = n;
		return (0);
	case VF_QPV:
	case VF_FIRST:
		if ((n = yesno_parse(text)) < 0) {
			visit_error(v, f, "visit.err.yesno", text);
			return (-1);
		}
		if (f == VF_QPV)
			v->qpv = n;
		else
			v->first = n;
		return (0);
	case VF_PSEUDONYM:
		if (visit_pseudonym_norm(text, p, sizeof(p)) == -1) {
			visit_error(v, f, "visit.err.pseudonym", text);
			return (-1);
		}
		memcpy(v->pseudonym, p, strlen(p) + 1);
		return (0);
	case VF_DOMAINS:
	case VF_PROCEDURES:
	case VF_SKILLS:
		return (visit_add(v, vs, f, text));
	default:
		break;
	}
	code = vocab_match(&vs->v[field_vocab[f]], text, strlen(text));
	if (code == NULL) {
		visit_error(v, f, "visit.err.unknown", text);
		return (-1);
	}
	switch (f) {
	case VF_SITE:	  v->site = code; break;
	case VF_HELP:	  v->help = code; break;
	case VF_AUTONOMY: v->autonomy = code; break;
	case VF_PARTNER:  v->partner = code; break;
	case VF_CHANNEL:  v->channel = code; break;
	case VF_AGE:	  v->age = code; break;
	default:	  break;
	}
	return (0);
}

/*
 * Add one value to a multi-valued field (domains, procedures, skills);
 * a value given twice counts once. Returns 0, or -1 after an error.
 */
int
visit_add(struct visit_input *v, const struct vocabs *vs,
    enum visit_field f, const char *text)
{
	const char	**list, *code;
	size_t		 *n, max, i;

	switch (f) {
	case VF_DOMAINS:
		list = v->domains; n = &v->ndomains; max = VISIT_DOMAINS_MAX;
		break;
	case VF_PROCEDURES:
		list = v->procedures; n = &v->nprocedures; max = VISIT_PROCS_MAX;
		break;
	case VF_SKILLS:
		list = v->skills; n = &v->nskills; max = VISIT_SKILLS_MAX;
		break;
	default:
		return (visit_set(v, vs, f, text));
	}
	if (text == NULL || all_space(text))
		return (0);
	if ((code = vocab_match(&vs->v[field_vocab[f]], text,
	    strlen(text))) == NULL) {
		visit_error(v, f, "visit.err.unknown", text);
		return (-1);
	}
	for (i = 0; i < *n; i++)
		if (list[i] == code)
			return (0);
	if (*n == max) {
		visit_error(v, f, "visit.err.too_many", text);
		return (-1);
	}
	list[(*n)++] = code;
	return (0);
}

static int
has_error(const struct visit_input *v, enum visit_field f)
{
	size_t	i;

	for (i = 0; i < v->nerrors; i++)
		if (v->errors[i].field == f)
			return (1);
	return (0);
}

/*
 * The rules across fields, once every field is set. today is the local
 * date "YYYY-MM-DD". Returns the number of errors (0: the visit is good).
 */
int
visit_check(struct visit_input *v, const char *today)
{
	/* A field already in error is not also "required". */
	if (v->date[0] == '\0') {
		if (!has_error(v, VF_DATE))
			visit_error(v, VF_DATE, "visit.err.required", "");
	} else if (strcmp(v->date, today) > 0)
		visit_error(v, VF_DATE, "visit.err.future", v->date);
	if (v->site == NULL && !has_error(v, VF_SITE))
		visit_error(v, VF_SITE, "visit.err.required", "");
	if (v->ndomains == 0 && !has_error(v, VF_DOMAINS))
		visit_error(v, VF_DOMAINS, "visit.err.required", "");
	if (v->help == NULL) {
		if (!has_error(v, VF_HELP))
			visit_error(v, VF_HELP, "visit.err.required", "");
	} else if (strcmp(v->help, "orientation") == 0 && v->partner == NULL)
		visit_error(v, VF_PARTNER, "visit.err.partner_required", "");
	if (v->help != NULL && strcmp(v->help, "faire-a-la-place") == 0 &&
	    v->autonomy != NULL && strcmp(v->autonomy, "seul") == 0)
		visit_error(v, VF_AUTONOMY, "visit.err.autonomy_contradiction",
		    "");
	return ((int)v->nerrors);
}

static void
json_list(struct sbuf *sb, const char *key, const char *const *list, size_t n)
{
	size_t	i;

	sbuf_printf(sb, ",\"%s\":[", key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			sbuf_putc(sb, ',');
		json_write_string(sb, list[i]);
	}
	sbuf_putc(sb, ']');
}

static void
json_opt(struct sbuf *sb, const char *key, const char *v)
{
	sbuf_printf(sb, ",\"%s\":", key);
	if (v == NULL || *v == '\0')
		sbuf_puts(sb, "null");
	else
		json_write_string(sb, v);
}

static void
json_tri(struct sbuf *sb, const char *key, int v)
{
	sbuf_printf(sb, ",\"%s\":%s", key, v < 0 ? "null" : v ? "true" :
	    "false");
}

/*
 * A checked visit as the JSON object visit_save() takes (sql/migrations/
 * 0300 and 0310): line is the file's line for an import (0: none),
 * pseudonym_mode "new", "known" or NULL (see visit_save()). The time
 * defaults to noon when none was given.
 */
void
visit_json(struct sbuf *sb, const struct visit_input *v, size_t line,
    const char *pseudonym_mode)
{
	sbuf_putc(sb, '{');
	if (line > 0)
		sbuf_printf(sb, "\"line\":%zu,", line);
	sbuf_printf(sb, "\"at\":\"%sT%s\"", v->date, v->time[0] ? v->time :
	    "12:00");
	json_opt(sb, "site", v->site);
	json_list(sb, "domains", v->domains, v->ndomains);
	json_list(sb, "procedures", v->procedures, v->nprocedures);
	json_list(sb, "skills", v->skills, v->nskills);
	json_opt(sb, "help_kind", v->help);
	json_opt(sb, "autonomy", v->autonomy);
	json_opt(sb, "partner", v->partner);
	if (v->duration > 0)
		sbuf_printf(sb, ",\"duration\":%d", v->duration);
	else
		sbuf_puts(sb, ",\"duration\":null");
	json_opt(sb, "channel", v->channel);
	json_opt(sb, "pseudonym", v->pseudonym);
	if (v->pseudonym[0] != '\0' && pseudonym_mode != NULL)
		json_opt(sb, "pseudonym_mode", pseudonym_mode);
	json_opt(sb, "age_bracket", v->age);
	json_tri(sb, "qpv", v->qpv);
	json_tri(sb, "first_visit", v->first);
	sbuf_putc(sb, '}');
}
