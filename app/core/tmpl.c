/*
 * tmpl – render @@marker@@ templates (see tmpl.h for the marker rules).
 */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "sbuf.h"
#include "tmpl.h"

static const struct tmpl_var *tmpl_lookup(const struct tmpl *, const char *,
		    size_t);
static void	tmpl_put(struct tmpl *, const char *, const char *, int);

void
tmpl_init(struct tmpl *t, enum lang l)
{
	memset(t, 0, sizeof(*t));
	t->lang = l;
}

static void
tmpl_put(struct tmpl *t, const char *name, const char *value, int raw)
{
	size_t	i;

	/* Setting a name again replaces its value. */
	for (i = 0; i < t->nvars; i++) {
		if (strcmp(t->vars[i].name, name) == 0) {
			t->vars[i].value = value;
			t->vars[i].raw = raw;
			return;
		}
	}
	if (t->nvars == TMPL_VARS_MAX) {
		snprintf(t->error, sizeof(t->error), "too many values (%s)",
		    name);
		return;
	}
	t->vars[t->nvars].name = name;
	t->vars[t->nvars].value = value ? value : "";
	t->vars[t->nvars].raw = raw;
	t->nvars++;
}

/* A value to be escaped. value must stay valid until the render. */
void
tmpl_set(struct tmpl *t, const char *name, const char *value)
{
	tmpl_put(t, name, value, 0);
}

/*
 * Markup the caller built (and escaped) itself. Only for @@!name@@
 * markers; using it for text from outside is a bug.
 */
void
tmpl_set_raw(struct tmpl *t, const char *name, const char *html)
{
	tmpl_put(t, name, html, 1);
}

/* An integer, formatted into the caller's buf (which must outlive it). */
void
tmpl_set_int(struct tmpl *t, const char *name, long long v, char *buf,
    size_t bufsz)
{
	snprintf(buf, bufsz, "%lld", v);
	tmpl_put(t, name, buf, 0);
}

static const struct tmpl_var *
tmpl_lookup(const struct tmpl *t, const char *name, size_t n)
{
	size_t	i;

	for (i = 0; i < t->nvars; i++) {
		if (strlen(t->vars[i].name) == n &&
		    memcmp(t->vars[i].name, name, n) == 0)
			return (&t->vars[i]);
	}
	return (NULL);
}

/*
 * Render text (a template's bytes) into out. Returns 0, or -1 with the
 * reason in t->error; out then holds a partial page that must not be sent.
 */
int
tmpl_render_text(struct sbuf *out, const char *text, size_t len,
    struct tmpl *t)
{
	const char		*p, *end, *m, *close;
	const struct tmpl_var	*v;
	char			 key[96];
	size_t			 n;
	int			 raw;

	if (t->error[0] != '\0')
		return (-1);
	p = text;
	end = text + len;
	while (p < end) {
		m = memmem(p, (size_t)(end - p), "@@", 2);
		if (m == NULL) {
			sbuf_add(out, p, (size_t)(end - p));
			break;
		}
		sbuf_add(out, p, (size_t)(m - p));
		m += 2;
		close = memmem(m, (size_t)(end - m), "@@", 2);
		if (close == NULL || close == m) {
			snprintf(t->error, sizeof(t->error),
			    "unterminated marker");
			return (-1);
		}
		n = (size_t)(close - m);
		if (n >= 2 && m[0] == 't' && m[1] == '.') {
			if (n - 2 >= sizeof(key)) {
				snprintf(t->error, sizeof(t->error),
				    "message key too long");
				return (-1);
			}
			memcpy(key, m + 2, n - 2);
			key[n - 2] = '\0';
			if (!i18n_has(LANG_FR, key)) {
				snprintf(t->error, sizeof(t->error),
				    "unknown message %s", key);
				return (-1);
			}
			html_escape(out, i18n_get(t->lang, key));
		} else {
			raw = (m[0] == '!');
			if ((v = tmpl_lookup(t, m + raw, n - raw)) == NULL) {
				snprintf(t->error, sizeof(t->error),
				    "no value for %.*s", (int)n, m);
				return (-1);
			}
			if (v->raw != raw) {
				snprintf(t->error, sizeof(t->error),
				    "%.*s: raw and escaped mixed", (int)n, m);
				return (-1);
			}
			if (raw)
				sbuf_puts(out, v->value);
			else
				html_escape(out, v->value);
		}
		p = close + 2;
	}
	if (out->failed) {
		snprintf(t->error, sizeof(t->error), "out of memory");
		return (-1);
	}
	return (0);
}

int
tmpl_render(struct sbuf *out, enum tmpl_id id, struct tmpl *t)
{
	if ((int)id < 0 || id >= TMPL__MAX) {
		snprintf(t->error, sizeof(t->error), "no template %d", id);
		return (-1);
	}
	return (tmpl_render_text(out, tmpl_text[id], tmpl_len[id], t));
}
