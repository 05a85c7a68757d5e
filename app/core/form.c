/*
 * form – strict urlencoded parsing (see form.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "html.h"

static int	hexval(char);
static int	decode(const char *, size_t, char *, size_t *);

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* Decode n bytes of src ("+" is a space) into dst; -1 on a bad escape. */
static int
decode(const char *src, size_t n, char *dst, size_t *outlen)
{
	size_t	i, o;
	int	hi, lo;

	for (i = 0, o = 0; i < n; i++) {
		if (src[i] == '+') {
			dst[o++] = ' ';
		} else if (src[i] == '%') {
			if (i + 2 >= n)
				return (-1);
			if ((hi = hexval(src[i + 1])) < 0 ||
			    (lo = hexval(src[i + 2])) < 0)
				return (-1);
			dst[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			dst[o++] = src[i];
		}
	}
	dst[o] = '\0';
	*outlen = o;
	return (0);
}

/*
 * Parse len bytes of body into f. At most max_fields fields (capped at
 * FORM_FIELDS_MAX). Returns 0, or -1 with a reason in err (for logs; the
 * person gets a plain 400 page).
 */
int
form_parse(struct form *f, const char *body, size_t len, size_t max_fields,
    char *err, size_t errsz)
{
	const char	*p, *end, *amp, *eq;
	char		*out;
	size_t		 nlen, vlen, cap;

	memset(f, 0, sizeof(*f));
	if (max_fields == 0 || max_fields > FORM_FIELDS_MAX)
		max_fields = FORM_FIELDS_MAX;
	/* Decoded text is never longer than its source (+2 NULs a field). */
	if ((f->store = malloc(len * 2 + 2)) == NULL) {
		snprintf(err, errsz, "out of memory");
		return (-1);
	}
	cap = 16;
	if ((f->fields = calloc(cap, sizeof(*f->fields))) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto fail;
	}
	out = f->store;
	for (p = body, end = body + len; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;		/* "a=1&&b=2" */
		if (f->n == max_fields) {
			snprintf(err, errsz, "more than %zu fields", max_fields);
			goto fail;
		}
		if (f->n == cap) {
			struct form_field *g;

			cap *= 2;
			if ((g = realloc(f->fields, cap * sizeof(*g))) == NULL) {
				snprintf(err, errsz, "out of memory");
				goto fail;
			}
			f->fields = g;
		}
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == p) {
			snprintf(err, errsz, "field without a name");
			goto fail;
		}
		if (decode(p, (size_t)((eq ? eq : amp) - p), out, &nlen) == -1) {
			snprintf(err, errsz, "bad %%-escape in a name");
			goto fail;
		}
		if (nlen == 0 || !utf8_valid(out, nlen)) {
			snprintf(err, errsz, "invalid field name");
			goto fail;
		}
		f->fields[f->n].name = out;
		out += nlen + 1;
		if (eq != NULL) {
			if (decode(eq + 1, (size_t)(amp - eq - 1), out,
			    &vlen) == -1) {
				snprintf(err, errsz, "bad %%-escape in a value");
				goto fail;
			}
		} else {
			out[0] = '\0';
			vlen = 0;
		}
		if (!utf8_valid(out, vlen)) {
			snprintf(err, errsz, "value is not valid UTF-8");
			goto fail;
		}
		f->fields[f->n].value = out;
		f->fields[f->n].vlen = vlen;
		out += vlen + 1;
		f->n++;
		if (amp == end)
			break;
	}
	return (0);

fail:
	form_free(f);
	return (-1);
}

void
form_free(struct form *f)
{
	free(f->fields);
	free(f->store);
	memset(f, 0, sizeof(*f));
}

/* The first value of name, or NULL. */
const char *
form_get(const struct form *f, const char *name)
{
	return (form_get_nth(f, name, 0));
}

/* The nth (0-based) value of name, or NULL. */
const char *
form_get_nth(const struct form *f, const char *name, size_t nth)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].name, name) == 0) {
			if (nth == 0)
				return (f->fields[i].value);
			nth--;
		}
	}
	return (NULL);
}

size_t
form_count(const struct form *f, const char *name)
{
	size_t	i, n;

	for (i = 0, n = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			n++;
	return (n);
}

/*
 * The first value of name in a query string, decoded into out. Returns 1
 * if found and it fit, else 0 (a malformed or oversized value counts as
 * absent: the caller falls back to its default).
 */
int
qs_get(const char *qs, const char *name, char *out, size_t outsz)
{
	struct form	f;
	const char	*v;
	char		err[64];
	int		found = 0;

	if (qs == NULL || form_parse(&f, qs, strlen(qs), 64, err,
	    sizeof(err)) == -1)
		return (0);
	if ((v = form_get(&f, name)) != NULL && strlen(v) < outsz) {
		memcpy(out, v, strlen(v) + 1);
		found = 1;
	}
	form_free(&f);
	return (found);
}
