/*
 * survey_card – the A6 follow-up card (see survey_card.h).
 */
#include <stdio.h>
#include <string.h>

#include "frfmt.h"
#include "qr.h"
#include "sbuf.h"
#include "survey_def.h"
#include "survey_card.h"
#include "tmpl.h"

/* "https://mesure.example.org" -> "mesure.example.org/r": what to type. */
void
survey_card_short(const char *base, char *out, size_t outsz)
{
	const char	*p;

	p = strstr(base, "://");
	p = p != NULL ? p + 3 : base;
	(void)snprintf(out, outsz, "%s/r", p);
}

/*
 * One card (a <section>) into out. The QR code holds BASE/r/CODE; the
 * code is also printed in groups of four, to type at BASE/r. Returns 0,
 * or -1 (a template or QR error).
 */
int
survey_card_render(struct sbuf *out, const struct survey_card *c)
{
	struct tmpl	 t;
	struct sbuf	 qr;
	char		 url[512], shortl[300], pretty[SURVEY_CODE_LEN + 3];
	char		 until[FRFMT_BUFSZ * 2], date[FRFMT_BUFSZ];
	char		 contact[200];
	int		 y, m, d, rc;

	sbuf_init(&qr);
	(void)snprintf(url, sizeof(url), "%s/r/%s", c->base, c->code);
	survey_card_short(c->base, shortl, sizeof(shortl));
	survey_code_pretty(c->code, pretty);
	if (qr_svg(&qr, url, NULL) == -1) {
		sbuf_free(&qr);
		return (-1);
	}
	until[0] = '\0';
	if (c->until != NULL && sscanf(c->until, "%d-%d-%d", &y, &m, &d) == 3) {
		(void)fmt_date(date, sizeof(date), c->lang, y, m, d);
		(void)snprintf(until, sizeof(until), "%s %s",
		    i18n_get(c->lang, "card.until"), date);
	}
	contact[0] = '\0';
	if (c->site_phone != NULL && c->site_phone[0] != '\0')
		(void)snprintf(contact, sizeof(contact), "%s %s",
		    i18n_get(c->lang, "card.questions"), c->site_phone);
	tmpl_init(&t, c->lang);
	tmpl_set(&t, "lang", lang_code[c->lang]);
	tmpl_set(&t, "site", c->site_name);
	tmpl_set(&t, "short", shortl);
	tmpl_set(&t, "code", pretty);
	tmpl_set(&t, "until", until);
	tmpl_set(&t, "contact", contact);
	/* Raw: the SVG qr_svg() wrote (numbers and fixed markup only). */
	tmpl_set_raw(&t, "qr", qr.data);
	rc = tmpl_render(out, TMPL_CARD_A6, &t);
	sbuf_free(&qr);
	return (rc);
}

/*
 * A whole printable document around cards (markup rendered by
 * survey_card_render()): css is the stylesheet's URL, nav markup shown
 * on screen only (or ""), script whether to load survey.js (its print
 * button). Returns 0 or -1.
 */
int
survey_card_sheet(struct sbuf *out, enum lang l, const char *css,
    const char *cards, const char *nav, int script)
{
	struct tmpl	t;

	tmpl_init(&t, l);
	tmpl_set(&t, "lang", lang_code[l]);
	tmpl_set(&t, "title", i18n_get(l, "card.sheet_title"));
	tmpl_set(&t, "css", css);
	/* Raw: markup the caller rendered, and a constant tag. */
	tmpl_set_raw(&t, "cards", cards);
	tmpl_set_raw(&t, "nav", nav);
	tmpl_set_raw(&t, "script", script ?
	    "<script src=\"/assets/js/survey.js\" defer></script>\n" : "");
	return (tmpl_render(out, TMPL_CARD_SHEET, &t));
}
