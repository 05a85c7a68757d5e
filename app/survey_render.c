/*
 * survey_render – the pages a respondent sees: the survey form (also the
 * kiosk's and the follow-up card's), the thank-you page and the plain
 * message pages, in survey_layout.html.
 *
 * The form is a plain HTML form that works without JavaScript: one
 * fieldset with a legend per question, real radio buttons and check
 * boxes under large labels, every question shown, conditional ones with
 * a note saying when to answer. assets/js/survey.js, when it runs, hides
 * what the answers make irrelevant, shows one question per screen on
 * phones and sends through the API. Pictograms are inlined once per page
 * as SVG symbols (no extra request on a weak network). survey_send.c
 * puts the body in its layout and sends it.
 *
 * Every text goes through the templates' escaping; the raw (@@!…@@)
 * values below are markup this file built from escaped renders, or
 * constants.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "json.h"
#include "respond.h"
#include "survey.h"

#define SPRITE_MAX	64

/* The pictograms a page uses, emitted once each as <symbol>s. */
struct sprite {
	size_t		 n;
	const char	*names[SPRITE_MAX];	/* not owned: the survey's */
};

static int	 render_question(struct sbuf *, const struct sv_page *,
		    size_t, struct sprite *);
static void	 icon_use(struct sbuf *, struct sprite *, const char *);
static void	 sprite_emit(struct sbuf *, const struct sprite *);
static void	 cond_json(struct sbuf *, const struct survey *,
		    const struct survey_cond *);
static void	 cond_note(struct sbuf *, const struct sv_page *,
		    const struct survey_cond *);
static const char *option_label(const struct sv_page *,
		    const struct survey_question *,
		    const struct survey_option *);
static int	 raw_has(const struct survey_answer *, const char *);

void
sv_frame_init(struct sv_frame *f, enum lang l)
{
	memset(f, 0, sizeof(*f));
	f->lang = l;
	f->langs = (1u << LANG__MAX) - 1;
	f->body_class = "sv-page";
	f->cache = CACHE_NO_STORE;
}

/* The languages of s that Mesure's pages speak, as a mask. */
unsigned
sv_survey_langs(const struct survey *s)
{
	unsigned	mask = 0;
	enum lang	l;
	size_t		i;

	for (i = 0; i < s->nlangs; i++)
		if (i18n_lang_from_code(s->langs[i], &l))
			mask |= 1u << l;
	return (mask);
}

/*
 * The message key in l with "{1}" and "{2}" replaced by a1 and a2 (text;
 * the result is text, escaped where it is used). Messages are never
 * printf formats: a translation cannot break the program.
 */
const char *
sv_msg(char *buf, size_t bufsz, enum lang l, const char *key,
    const char *a1, const char *a2)
{
	const char	*msg = i18n_get(l, key);
	size_t		 o = 0, n;

	for (; *msg && o + 1 < bufsz; msg++) {
		if (msg[0] == '{' && (msg[1] == '1' || msg[1] == '2') &&
		    msg[2] == '}') {
			const char *a = msg[1] == '1' ? a1 : a2;

			n = strlen(a != NULL ? a : "");
			if (n > bufsz - o - 1)
				n = bufsz - o - 1;
			memcpy(buf + o, a != NULL ? a : "", n);
			o += n;
			msg += 2;
			continue;
		}
		buf[o++] = *msg;
	}
	buf[o] = '\0';
	return (buf);
}

/*
 * A validation message in l, with its figure ("at most 500
 * characters"): the message key survey.err.CODE with {1} the figure.
 */
const char *
sv_err_message(enum lang l, enum survey_err e, double param, char *buf,
    size_t bufsz)
{
	char	key[64], num[FRFMT_BUFSZ];

	(void)snprintf(key, sizeof(key), "survey.err.%s", survey_err_code[e]);
	(void)fmt_decimal(num, sizeof(num), l, param,
	    param == (double)(long long)param ? 0 : 3);
	return (sv_msg(buf, bufsz, l, key, num, NULL));
}

/* Was value among the raw values sent for this question? */
static int
raw_has(const struct survey_answer *a, const char *value)
{
	size_t		 i;
	const char	*r, *e;
	size_t		 n;

	for (i = 0; i < a->nraw; i++) {
		r = a->raw[i];
		while (*r == ' ')
			r++;
		e = r + strlen(r);
		while (e > r && e[-1] == ' ')
			e--;
		n = (size_t)(e - r);
		if (n == strlen(value) && memcmp(r, value, n) == 0)
			return (1);
	}
	return (0);
}

static void
icon_use(struct sbuf *out, struct sprite *sp, const char *name)
{
	size_t	i;

	if (name == NULL || survey_icon_svg(name, NULL) == NULL)
		return;
	for (i = 0; i < sp->n; i++)
		if (strcmp(sp->names[i], name) == 0)
			break;
	if (i == sp->n && sp->n < SPRITE_MAX)
		sp->names[sp->n++] = name;
	/* name is a checked slug (survey.c): safe in an attribute. */
	sbuf_printf(out, "<svg class=\"ico\" aria-hidden=\"true\" "
	    "focusable=\"false\"><use href=\"#i-%s\"></use></svg>", name);
}

/*
 * Each pictogram used, as <symbol id="i-NAME" viewBox=…>: the inside of
 * assets/icons/NAME.svg (our own files, embedded at build time); the
 * stroke and fill come from survey.css, so they follow the text colour.
 */
static void
sprite_emit(struct sbuf *out, const struct sprite *sp)
{
	const char	*svg, *open_end, *close, *vb, *vbe;
	size_t		 len, i;

	for (i = 0; i < sp->n; i++) {
		if ((svg = survey_icon_svg(sp->names[i], &len)) == NULL)
			continue;
		open_end = memchr(svg, '>', len);
		close = memmem(svg, len, "</svg>", 6);
		vb = memmem(svg, len, "viewBox=\"", 9);
		if (open_end == NULL || close == NULL || vb == NULL ||
		    vb > open_end || close < open_end)
			continue;
		vb += 9;
		if ((vbe = memchr(vb, '"', (size_t)(open_end - vb))) == NULL)
			continue;
		sbuf_printf(out, "<symbol id=\"i-%s\" viewBox=\"%.*s\">",
		    sp->names[i], (int)(vbe - vb), vb);
		sbuf_add(out, open_end + 1, (size_t)(close - open_end - 1));
		sbuf_puts(out, "</symbol>");
	}
}

/* A condition as the JSON survey.js evaluates (codes and values only). */
static void
cond_json(struct sbuf *out, const struct survey *s,
    const struct survey_cond *c)
{
	size_t	i;

	switch (c->op) {
	case SC_ALL:
	case SC_ANY:
		sbuf_puts(out, c->op == SC_ALL ? "{\"all\":[" : "{\"any\":[");
		for (i = 0; i < c->nsub; i++) {
			if (i > 0)
				sbuf_putc(out, ',');
			cond_json(out, s, &c->sub[i]);
		}
		sbuf_puts(out, "]}");
		return;
	case SC_ANSWERED:
		sbuf_puts(out, "{\"q\":");
		json_write_string(out, s->questions[c->question].code);
		sbuf_printf(out, ",\"answered\":%s}", c->negate ? "false" :
		    "true");
		return;
	default:
		sbuf_puts(out, "{\"q\":");
		json_write_string(out, s->questions[c->question].code);
		sbuf_puts(out, c->op == SC_IN ? ",\"in\":[" : ",\"not_in\":[");
		for (i = 0; i < c->nvalues; i++) {
			if (i > 0)
				sbuf_putc(out, ',');
			json_write_string(out, c->values[i]);
		}
		sbuf_puts(out, "]}");
		return;
	}
}

/* The label a person reads for an option, in the page's language. */
static const char *
option_label(const struct sv_page *p, const struct survey_question *q,
    const struct survey_option *o)
{
	char	key[48];

	if (!o->builtin)
		return (survey_text_get(p->s, &o->label, p->li));
	switch (q->type) {
	case SQ_SMILEY:
		(void)snprintf(key, sizeof(key), "survey.smiley.%s", o->value);
		return (i18n_get(p->lang, key));
	case SQ_YES_NO_DK:
		(void)snprintf(key, sizeof(key), "survey.ynd.%s", o->value);
		return (i18n_get(p->lang, key));
	default:
		return (o->value);
	}
}

/*
 * The note under a conditional question, for the page without
 * JavaScript: "Only if you answered "No" to question 3." when the
 * condition is that simple, a general note otherwise.
 */
static void
cond_note(struct sbuf *out, const struct sv_page *p,
    const struct survey_cond *c)
{
	const struct survey_question	*q;
	struct sbuf			 vals;
	char				 num[16], text[512];
	size_t				 i, k;
	const char			*key;

	sbuf_init(&vals);
	if (c->op == SC_IN) {
		q = &p->s->questions[c->question];
		for (i = 0; i < c->nvalues; i++) {
			if (i > 0) {
				sbuf_puts(&vals, " ");
				sbuf_puts(&vals, i18n_get(p->lang, "survey.or"));
				sbuf_puts(&vals, " ");
			}
			sbuf_puts(&vals, i18n_get(p->lang, "survey.quote_open"));
			if (strcmp(c->values[i], SURVEY_OTHER) == 0)
				sbuf_puts(&vals, i18n_get(p->lang,
				    "survey.other"));
			for (k = 0; k < q->noptions; k++)
				if (strcmp(q->options[k].value, c->values[i]) == 0)
					sbuf_puts(&vals, option_label(p, q,
					    &q->options[k]));
			sbuf_puts(&vals, i18n_get(p->lang, "survey.quote_close"));
		}
		(void)snprintf(num, sizeof(num), "%d", c->question + 1);
		key = "survey.cond_in";
	} else if (c->op == SC_ANSWERED && !c->negate) {
		(void)snprintf(num, sizeof(num), "%d", c->question + 1);
		key = "survey.cond_answered";
	} else {
		num[0] = '\0';
		key = "survey.cond_other";
	}
	sbuf_puts(out, "<p class=\"cond\">");
	html_escape(out, sv_msg(text, sizeof(text), p->lang, key, num,
	    vals.data));
	sbuf_puts(out, "</p>\n");
	sbuf_free(&vals);
}

static int
render_question(struct sbuf *out, const struct sv_page *p, size_t qi,
    struct sprite *sp)
{
	const struct survey_question	*q = &p->s->questions[qi];
	const struct survey_answer	*a = NULL;
	struct tmpl			 t, ot;
	struct sbuf			 opts, help, cond, err, other, ends, in;
	struct sbuf			 show, desc, icon;
	char				 number[16], id[96], max[16], msg[256];
	char				 cls[16], *req_html = NULL;
	const char			*v;
	size_t				 i;
	int				 rc = -1, choice, checked;

	if (p->result != NULL)
		a = &p->result->a[qi];
	sbuf_init(&opts);
	sbuf_init(&help);
	sbuf_init(&cond);
	sbuf_init(&err);
	sbuf_init(&other);
	sbuf_init(&ends);
	sbuf_init(&in);
	sbuf_init(&show);
	sbuf_init(&desc);
	sbuf_init(&icon);
	tmpl_init(&t, p->lang);

	(void)snprintf(number, sizeof(number), "%d.", (int)qi + 1);
	if (q->help.s[0] != NULL) {
		sbuf_printf(&help, "<p class=\"hint\" id=\"h-%s\">", q->code);
		html_escape(&help, survey_text_get(p->s, &q->help, p->li));
		sbuf_puts(&help, "</p>\n");
	}
	if (q->type == SQ_SCALE10 && (q->min_label.s[0] != NULL ||
	    q->max_label.s[0] != NULL)) {
		sbuf_printf(&ends, "<p class=\"ends\" id=\"x-%s\"><span>0 : ",
		    q->code);
		html_escape(&ends, survey_text_get(p->s, &q->min_label, p->li));
		sbuf_puts(&ends, "</span> <span>10 : ");
		html_escape(&ends, survey_text_get(p->s, &q->max_label, p->li));
		sbuf_puts(&ends, "</span></p>\n");
	}
	if (q->show_if != NULL) {
		cond_note(&cond, p, q->show_if);
		cond_json(&show, p->s, q->show_if);
	}
	if (a != NULL && a->err != SE_NONE) {
		sbuf_printf(&err, "<p class=\"err\" id=\"e-%s\"><span class=\"vh\">",
		    q->code);
		html_escape(&err, i18n_get(p->lang, "survey.error_prefix"));
		sbuf_puts(&err, " </span>");
		html_escape(&err, sv_err_message(p->lang, a->err, a->param, msg,
		    sizeof(msg)));
		sbuf_puts(&err, "</p>\n");
	}
	/* aria-describedby: the hint, the scale's ends, the error (codes). */
	if (help.len > 0 || ends.len > 0 || err.len > 0) {
		sbuf_puts(&desc, " aria-describedby=\"");
		if (help.len > 0)
			sbuf_printf(&desc, "h-%s ", q->code);
		if (ends.len > 0)
			sbuf_printf(&desc, "x-%s ", q->code);
		if (err.len > 0)
			sbuf_printf(&desc, "e-%s ", q->code);
		sbuf_truncate(&desc, desc.len - 1);
		sbuf_puts(&desc, "\"");
	}

	choice = (q->type != SQ_NUMBER && q->type != SQ_TEXT);
	if (choice) {
		for (i = 0; i < q->noptions + (size_t)q->other; i++) {
			const struct survey_option	*o = NULL;
			const char			*value, *label, *ic;

			if (i < q->noptions) {
				o = &q->options[i];
				value = o->value;
				label = option_label(p, q, o);
				ic = o->icon;
			} else {
				value = SURVEY_OTHER;
				label = q->other_label.s[0] != NULL ?
				    survey_text_get(p->s, &q->other_label,
				    p->li) : i18n_get(p->lang, "survey.other");
				ic = "pencil";
			}
			checked = (a != NULL && (raw_has(a, value) ||
			    (i >= q->noptions && a->raw_other != NULL &&
			    a->raw_other[strspn(a->raw_other, " ")] != '\0')));
			(void)snprintf(id, sizeof(id), "i-%s-%s", q->code, value);
			(void)snprintf(cls, sizeof(cls), "v%s",
			    q->type == SQ_SMILEY ? value : "");
			sbuf_reset(&icon);
			icon_use(&icon, sp, ic);
			tmpl_init(&ot, p->lang);
			tmpl_set(&ot, "input", q->type == SQ_MULTIPLE ?
			    "checkbox" : "radio");
			tmpl_set(&ot, "name", q->code);
			tmpl_set(&ot, "id", id);
			tmpl_set(&ot, "value", value);
			/* Raw: a constant attribute. */
			tmpl_set_raw(&ot, "checked", checked ? " checked" : "");
			tmpl_set(&ot, "cls", cls);
			/* Raw: built by icon_use() from a checked slug. */
			tmpl_set_raw(&ot, "icon", icon.data);
			tmpl_set(&ot, "label", label);
			if (tmpl_render(&opts, TMPL_SURVEY_OPT, &ot) == -1)
				goto out;
		}
		if (q->other) {
			tmpl_init(&ot, p->lang);
			tmpl_set(&ot, "code", q->code);
			tmpl_set(&ot, "label", i18n_get(p->lang,
			    "survey.other_say"));
			tmpl_set(&ot, "value", a != NULL && a->raw_other != NULL ?
			    a->raw_other : "");
			tmpl_set_int(&ot, "max", q->other_max_length, max,
			    sizeof(max));
			if (tmpl_render(&other, TMPL_SURVEY_OTHER, &ot) == -1)
				goto out;
		}
	} else {
		v = (a != NULL && a->nraw > 0) ? a->raw[0] : "";
		tmpl_init(&ot, p->lang);
		tmpl_set(&ot, "code", q->code);
		tmpl_set(&ot, "value", v);
		/* Raw: built above from codes. */
		tmpl_set_raw(&ot, "describedby", desc.data);
		if (q->type == SQ_TEXT) {
			tmpl_set_int(&ot, "max", q->max_length, max,
			    sizeof(max));
			if (q->multiline) {
				if (tmpl_render(&in, TMPL_SURVEY_IN_AREA,
				    &ot) == -1)
					goto out;
			} else {
				tmpl_set(&ot, "inputmode", "text");
				tmpl_set_raw(&ot, "unit", "");
				if (tmpl_render(&in, TMPL_SURVEY_IN_TEXT,
				    &ot) == -1)
					goto out;
			}
		} else {
			struct sbuf	unit;

			sbuf_init(&unit);
			if (q->unit.s[0] != NULL) {
				sbuf_puts(&unit, " <span class=\"unit\">");
				html_escape(&unit, survey_text_get(p->s,
				    &q->unit, p->li));
				sbuf_puts(&unit, "</span>");
			}
			tmpl_set_int(&ot, "max", 24, max, sizeof(max));
			tmpl_set(&ot, "inputmode", q->decimals > 0 || q->min < 0 ?
			    "decimal" : "numeric");
			/* Raw: the unit, escaped above. */
			tmpl_set_raw(&ot, "unit", unit.data);
			rc = tmpl_render(&in, TMPL_SURVEY_IN_TEXT, &ot);
			sbuf_free(&unit);
			if (rc == -1)
				goto out;
			rc = -1;
		}
	}

	if (q->required) {
		struct sbuf	r;

		sbuf_init(&r);
		sbuf_puts(&r, " <span class=\"req\">");
		html_escape(&r, i18n_get(p->lang, "survey.required"));
		sbuf_puts(&r, "</span>");
		req_html = sbuf_steal(&r, NULL);
	}
	tmpl_set(&t, "type", survey_qtype_name[q->type]);
	tmpl_set(&t, "err_class", err.len > 0 ? " q-err" : "");
	tmpl_set(&t, "code", q->code);
	tmpl_set(&t, "required", q->required ? "1" : "0");
	tmpl_set(&t, "show_if", show.data);
	tmpl_set(&t, "number", number);
	tmpl_set(&t, "label", survey_text_get(p->s, &q->label, p->li));
	/* Raw: markup built above with html_escape(), or constants. */
	tmpl_set_raw(&t, "req", req_html != NULL ? req_html : "");
	tmpl_set_raw(&t, "help", help.data);
	tmpl_set_raw(&t, "cond", cond.data);
	tmpl_set_raw(&t, "error", err.data);
	tmpl_set_raw(&t, "describedby", desc.data);
	tmpl_set_raw(&t, "options", opts.data);
	tmpl_set_raw(&t, "ends", ends.data);
	tmpl_set_raw(&t, "other", other.data);
	tmpl_set_raw(&t, "input", in.data);
	rc = tmpl_render(out, choice ? TMPL_SURVEY_Q : TMPL_SURVEY_QINPUT, &t);
	if (rc == -1)
		kore_log(LOG_ERR, "survey question %s: %s", q->code, t.error);
out:
	free(req_html);
	sbuf_free(&opts);
	sbuf_free(&help);
	sbuf_free(&cond);
	sbuf_free(&err);
	sbuf_free(&other);
	sbuf_free(&ends);
	sbuf_free(&in);
	sbuf_free(&show);
	sbuf_free(&desc);
	sbuf_free(&icon);
	return (rc);
}

/*
 * The survey page's body (survey_form.html): the notice, any banner and
 * error summary, the form with every question, the hidden thank-you
 * section the script shows, the pictograms. Returns 0 or -1.
 */
int
sv_render_form(struct sbuf *out, const struct sv_page *p)
{
	struct tmpl	 t, et;
	struct sbuf	 qs, intro, consent, errs, items, banner, sprite;
	struct sbuf	 again;
	struct sprite	 sp;
	char		 duration[128], count[16], version[24], msg[256];
	char		 thanks_href[160], nerr[160], minutes[16], num[16];
	size_t		 i;
	int		 rc = -1, n;

	memset(&sp, 0, sizeof(sp));
	sbuf_init(&qs);
	sbuf_init(&intro);
	sbuf_init(&consent);
	sbuf_init(&errs);
	sbuf_init(&items);
	sbuf_init(&banner);
	sbuf_init(&sprite);
	sbuf_init(&again);

	for (i = 0; i < p->s->nquestions; i++)
		if (render_question(&qs, p, i, &sp) == -1)
			goto out;

	if (p->s->intro.s[0] != NULL) {
		sbuf_puts(&intro, "<p>");
		html_escape(&intro, survey_text_get(p->s, &p->s->intro, p->li));
		sbuf_puts(&intro, "</p>\n");
	}
	sbuf_puts(&consent, "<p>");
	html_escape(&consent, survey_text_get(p->s, &p->s->consent, p->li));
	sbuf_puts(&consent, "</p>\n");

	if (p->result != NULL && p->result->nerrors > 0) {
		for (i = 0, n = 0; i < p->s->nquestions; i++) {
			const struct survey_answer *a = &p->result->a[i];

			if (a->err == SE_NONE)
				continue;
			n++;
			(void)snprintf(num, sizeof(num), "%d.", (int)i + 1);
			tmpl_init(&et, p->lang);
			tmpl_set(&et, "code", p->s->questions[i].code);
			tmpl_set(&et, "number", num);
			tmpl_set(&et, "label", survey_text_get(p->s,
			    &p->s->questions[i].label, p->li));
			tmpl_set(&et, "message", sv_err_message(p->lang,
			    a->err, a->param, msg, sizeof(msg)));
			if (tmpl_render(&items, TMPL_SURVEY_ERRITEM, &et) == -1)
				goto out;
		}
		(void)snprintf(num, sizeof(num), "%d", n);
		(void)sv_msg(nerr, sizeof(nerr), p->lang, n == 1 ?
		    "survey.errors_one" : "survey.errors_many", num, NULL);
		tmpl_init(&et, p->lang);
		tmpl_set(&et, "heading", nerr);
		/* Raw: the items rendered just above. */
		tmpl_set_raw(&et, "items", items.data);
		if (tmpl_render(&errs, TMPL_SURVEY_ERRORS, &et) == -1)
			goto out;
	}
	if (p->banner != NULL) {
		tmpl_init(&et, p->lang);
		tmpl_set(&et, "kind", p->banner_alert ? "alert" : "info");
		tmpl_set(&et, "role", p->banner_alert ? "alert" : "status");
		tmpl_set(&et, "message", i18n_get(p->lang, p->banner));
		if (tmpl_render(&banner, TMPL_SURVEY_BANNER, &et) == -1)
			goto out;
	}
	if (!p->kiosk && p->code == NULL) {
		sbuf_printf(&again, "<p><a class=\"button secondary\" "
		    "href=\"/\">");
		html_escape(&again, i18n_get(p->lang, "survey.home"));
		sbuf_puts(&again, "</a></p>\n");
	}
	sprite_emit(&sprite, &sp);

	(void)snprintf(count, sizeof(count), "%zu", p->s->nquestions);
	(void)snprintf(minutes, sizeof(minutes), "%d", survey_duration(p->s));
	(void)sv_msg(duration, sizeof(duration), p->lang,
	    "survey.notice_duration", minutes, count);
	(void)snprintf(version, sizeof(version), "%lld", p->ref->version_id);
	(void)snprintf(thanks_href, sizeof(thanks_href), "/s/%s/%s/merci",
	    p->ref->survey_code, p->ref->site_code);

	tmpl_init(&t, p->lang);
	tmpl_set(&t, "title", survey_text_get(p->s, &p->s->title, p->li));
	tmpl_set(&t, "duration", duration);
	tmpl_set(&t, "lang", lang_code[p->lang]);
	tmpl_set(&t, "action", p->action);
	tmpl_set(&t, "survey", p->ref->survey_code);
	tmpl_set(&t, "site", p->ref->site_code);
	tmpl_set(&t, "invitation", p->code != NULL ? p->code : "");
	tmpl_set(&t, "thanks_href", thanks_href);
	tmpl_set(&t, "count", count);
	tmpl_set(&t, "id", p->id);
	tmpl_set(&t, "version", version);
	tmpl_set(&t, "thanks", p->s->thanks.s[0] != NULL ?
	    survey_text_get(p->s, &p->s->thanks, p->li) :
	    i18n_get(p->lang, "survey.thanks_default"));
	/* Raw: paragraphs and blocks rendered above with escaping. */
	tmpl_set_raw(&t, "intro", intro.data);
	tmpl_set_raw(&t, "consent", consent.data);
	tmpl_set_raw(&t, "banner", banner.data);
	tmpl_set_raw(&t, "errors", errs.data);
	tmpl_set_raw(&t, "questions", qs.data);
	tmpl_set_raw(&t, "again", again.data);
	tmpl_set_raw(&t, "sprite", sprite.data);
	/* Raw: the kiosk's controls (kiosk.c), or constants. */
	tmpl_set_raw(&t, "kiosk", p->kiosk_html != NULL ? p->kiosk_html : "");
	tmpl_set_raw(&t, "kiosk_field", p->kiosk ?
	    "<input type=\"hidden\" name=\"_kiosk\" value=\"1\">\n" : "");
	rc = tmpl_render(out, TMPL_SURVEY_FORM, &t);
	if (rc == -1)
		kore_log(LOG_ERR, "survey form: %s", t.error);
out:
	sbuf_free(&qs);
	sbuf_free(&intro);
	sbuf_free(&consent);
	sbuf_free(&errs);
	sbuf_free(&items);
	sbuf_free(&banner);
	sbuf_free(&sprite);
	sbuf_free(&again);
	return (rc);
}

/*
 * The thank-you page's body: the survey's thanks (or ours), and what
 * comes next – for the kiosk, a big button for the next person.
 */
int
sv_render_thanks(struct sbuf *out, enum lang l, const struct survey *s,
    int li, const char *message_key, const char *next_html)
{
	struct tmpl	t;

	tmpl_init(&t, l);
	tmpl_set(&t, "thanks", s != NULL && s->thanks.s[0] != NULL ?
	    survey_text_get(s, &s->thanks, li) :
	    i18n_get(l, "survey.thanks_default"));
	tmpl_set(&t, "message", i18n_get(l, message_key));
	/* Raw: built by the caller from escaped text. */
	tmpl_set_raw(&t, "next", next_html);
	return (tmpl_render(out, TMPL_SURVEY_THANKS, &t));
}
