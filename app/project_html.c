/*
 * project_html – the small HTML pieces the project pages build rows of
 * (app/project_pages.c, app/convention_page.c): every text escaped, every
 * form with its CSRF token and its action. The pages' frames and their
 * "add" forms are templates (app/templates/proj_*.html, conv_*.html).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "project_admin.h"

void
ph_hidden(struct sbuf *o, const char *name, const char *value)
{
	sbuf_printf(o, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	html_escape(o, value);
	sbuf_puts(o, "\">");
}

/* <form> posting action (with objet = id if not NULL) to url. */
void
ph_form_open(struct sbuf *o, struct mreq *m, const char *url,
    const char *action, const char *id)
{
	sbuf_puts(o, "<form class=\"inline\" method=\"post\" action=\"");
	html_escape(o, url);
	sbuf_puts(o, "\">");
	ph_hidden(o, "csrf", m->sess->csrf);
	ph_hidden(o, "action", action);
	if (id != NULL)
		ph_hidden(o, "objet", id);
}

void
ph_option(struct sbuf *o, const char *value, const char *label, int selected)
{
	sbuf_puts(o, "<option value=\"");
	html_escape(o, value);
	sbuf_printf(o, "\"%s>", selected ? " selected" : "");
	html_escape(o, label);
	sbuf_puts(o, "</option>");
}

/* An amount in cents, as the person reads it ("12 500,00 €"). */
void
ph_money(struct sbuf *o, struct mreq *m, const char *cents)
{
	char	buf[FRFMT_BUFSZ];

	html_escape(o, fmt_money(buf, sizeof(buf), m->lang,
	    strtoll(cents, NULL, 10)));
}

/* A date "2026-07-01" as the person reads it; "" stays "". */
void
ph_date(struct sbuf *o, struct mreq *m, const char *iso)
{
	char	buf[FRFMT_BUFSZ];

	if (iso == NULL || strlen(iso) < 10) {
		sbuf_puts(o, "–");
		return;
	}
	html_escape(o, fmt_date(buf, sizeof(buf), m->lang, atoi(iso),
	    atoi(iso + 5), atoi(iso + 8)));
}

/* The quarter a date "2026-07-01" starts ("T3 2026"). */
void
ph_quarter(struct sbuf *o, struct mreq *m, const char *iso)
{
	char	buf[FRFMT_BUFSZ];

	html_escape(o, fmt_quarter(buf, sizeof(buf), m->lang, atoi(iso),
	    (atoi(iso + 5) - 1) / 3 + 1));
}

void
ph_cell(struct sbuf *o, const char *text)
{
	sbuf_puts(o, "<td>");
	html_escape(o, text);
	sbuf_puts(o, "</td>");
}

/*
 * The form of a convention's terms, the same on the project's page (to
 * add one) and on the convention's (to change them): v holds reference,
 * title, amount, start, end, signature date, already as the form shows
 * them; funders the <option>s.
 */
void
ph_convention_form(struct sbuf *o, struct mreq *m, const char *url,
    const char *action, const char *funders, const char *const v[6],
    const char *submit)
{
	struct tmpl	t;

	staff_tmpl_init(&t, m);
	tmpl_set(&t, "url", url);
	tmpl_set(&t, "action", action);
	tmpl_set(&t, "reference", v[0]);
	tmpl_set(&t, "titre", v[1]);
	tmpl_set(&t, "montant", v[2]);
	tmpl_set(&t, "debut", v[3]);
	tmpl_set(&t, "fin", v[4]);
	tmpl_set(&t, "signature", v[5]);
	tmpl_set(&t, "submit", submit);
	/* Raw: <option>s escaped by the caller; a fixed attribute. */
	tmpl_set_raw(&t, "funders", funders);
	tmpl_set_raw(&t, "link_hidden", strcmp(action, "convention.create") ==
	    0 ? "" : " hidden");
	(void)tmpl_render(o, TMPL_CONV_FORM, &t);
}

/* A labelled one-line text field in a form. */
void
ph_text_field(struct sbuf *o, struct mreq *m, const char *id,
    const char *name, const char *label_key, const char *value, int max,
    int required)
{
	sbuf_printf(o, "<div class=\"field\"><label for=\"%s\">", id);
	html_escape(o, i18n_get(m->lang, label_key));
	sbuf_printf(o, "</label><input type=\"text\" id=\"%s\" name=\"%s\" "
	    "maxlength=\"%d\"%s value=\"", id, name, max,
	    required ? " required" : "");
	html_escape(o, value);
	sbuf_puts(o, "\"></div>");
}
