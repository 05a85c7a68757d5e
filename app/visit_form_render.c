/*
 * visit_form_render – the visit form's markup (see visit_form.c for what
 * it is for and its fields): sites, the date behind a disclosure, domain
 * tiles with pictograms, chips for the kind of help and the duration, the
 * optional parts folded away, the errors next to their fields and listed
 * at the top.
 *
 * Markup is built here with html_escape() on every text (the options are
 * many and small); the page around it is app/templates/visit_form.html.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "json.h"
#include "survey_def.h"
#include "visit_app.h"

/* Procedures in groups a mediator recognises (the seed's list, in order). */
static const struct {
	const char	*code;
	const char	*group;
} proc_groups[] = {
	{ "trouver-information", "info" }, { "bon-site", "info" },
	{ "formulaire", "info" }, { "question", "info" },
	{ "contacter", "info" },
	{ "creer-espace", "compte" }, { "gerer-profil", "compte" },
	{ "mot-de-passe", "compte" }, { "creer-mail", "compte" },
	{ "faire-demande", "demande" }, { "simulation", "demande" },
	{ "declarer", "demande" }, { "souscrire", "demande" },
	{ "resilier", "demande" }, { "reclamation", "demande" },
	{ "consulter", "suivi" }, { "payer", "suivi" },
	{ "obtenir-document", "suivi" },
	{ "rendez-vous", "rdv" }, { "visio", "rdv" },
	{ "enregistrer-document", "docs" }, { "envoyer-piece-jointe", "docs" },
	{ "ouvrir-piece-jointe", "docs" }, { "numeriser", "docs" },
};

static const char *const proc_group_order[] = {
	"info", "compte", "demande", "suivi", "rdv", "docs", "autre"
};


static const char	*proc_group(const char *);
static const char	*field_error(const struct vform *, enum visit_field);
static void		 err_block(struct sbuf *, struct mreq *,
			    const struct vform *, enum visit_field);
static void		 err_attrs(struct sbuf *, const struct vform *,
			    enum visit_field, const char *);
static void		 opt(struct sbuf *, const char *, const char *,
			    const char *, const char *, int, const char *,
			    const char *);
static int		 has_code(const char *const *, size_t, const char *);
static void		 fieldset_open(struct sbuf *, struct mreq *,
			    const struct vform *, enum visit_field,
			    const char *, const char *, const char *);
static void		 fieldset_close(struct sbuf *, struct mreq *,
			    const struct vform *, enum visit_field);
static void		 vocab_radios(struct sbuf *, struct mreq *,
			    const struct vform *, enum vocab_id,
			    enum visit_field, const char *, const char *);
static void		 render_site(struct sbuf *, struct mreq *,
			    const struct vform *);
static void		 render_when(struct sbuf *, struct mreq *,
			    const struct vform *);
static void		 render_domains(struct sbuf *, struct mreq *,
			    const struct vform *);
static void		 render_duration(struct sbuf *, struct mreq *,
			    const struct vform *);
static void		 render_procedures(struct sbuf *, struct mreq *,
			    const struct vform *);
static void		 render_skills(struct sbuf *, struct mreq *,
			    const struct vform *);
static void		 render_person(struct sbuf *, struct mreq *,
			    const struct vform *);
static void		 render_summary(struct sbuf *, struct mreq *,
			    const struct vform *);

/* Rendering --------------------------------------------------------------- */

static const char *
proc_group(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof(proc_groups) / sizeof(proc_groups[0]); i++)
		if (strcmp(proc_groups[i].code, code) == 0)
			return (proc_groups[i].group);
	return ("autre");
}

/* The message key of the first error on field f, or NULL. */
static const char *
field_error(const struct vform *vf, enum visit_field f)
{
	size_t	i;

	for (i = 0; i < vf->in.nerrors; i++)
		if (vf->in.errors[i].field == f)
			return (vf->in.errors[i].msgkey);
	return (NULL);
}

/* The message under a field, in the person's language, if it has one. */
static void
err_block(struct sbuf *o, struct mreq *m, const struct vform *vf,
    enum visit_field f)
{
	const char	*key;

	if ((key = field_error(vf, f)) == NULL)
		return;
	sbuf_printf(o, "<p class=\"field-error\" id=\"err-%s\">",
	    visit_field_name[f]);
	html_escape(o, i18n_get(m->lang, key));
	sbuf_puts(o, "</p>\n");
}

/*
 * aria-invalid and aria-describedby of a field (hint: the id of a hint
 * it is also described by, or NULL).
 */
static void
err_attrs(struct sbuf *o, const struct vform *vf, enum visit_field f,
    const char *hint)
{
	int	bad = field_error(vf, f) != NULL;

	if (bad)
		sbuf_puts(o, " aria-invalid=\"true\"");
	if (bad || hint != NULL) {
		sbuf_puts(o, " aria-describedby=\"");
		if (hint != NULL)
			sbuf_printf(o, "%s%s", hint, bad ? " " : "");
		if (bad)
			sbuf_printf(o, "err-%s", visit_field_name[f]);
		sbuf_putc(o, '"');
	}
}

/*
 * One choice: a radio or checkbox and its label (the pictogram icon
 * before the text, if any). id is "NAME-VALUE". Codes are [a-z0-9-].
 */
static void
opt(struct sbuf *o, const char *type, const char *name, const char *value,
    const char *label, int checked, const char *icon, const char *cls)
{
	sbuf_printf(o, "<li class=\"opt%s%s\"><input type=\"%s\" id=\"%s-",
	    cls != NULL ? " " : "", cls != NULL ? cls : "", type, name);
	html_escape(o, value[0] ? value : "nr");
	sbuf_printf(o, "\" name=\"%s\" value=\"", name);
	html_escape(o, value);
	sbuf_printf(o, "\"%s><label for=\"%s-", checked ? " checked" : "",
	    name);
	html_escape(o, value[0] ? value : "nr");
	sbuf_puts(o, "\">");
	if (icon != NULL)
		visit_pictogram(o, icon);
	sbuf_puts(o, "<span>");
	html_escape(o, label);
	sbuf_puts(o, "</span></label></li>\n");
}

static int
has_code(const char *const *list, size_t n, const char *code)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], code) == 0)
			return (1);
	return (0);
}

static void
fieldset_open(struct sbuf *o, struct mreq *m, const struct vform *vf,
    enum visit_field f, const char *legend_key, const char *cls,
    const char *hint_key)
{
	char	hint_id[32];

	snprintf(hint_id, sizeof(hint_id), "hint-%s", visit_field_name[f]);
	sbuf_printf(o, "<fieldset id=\"f-%s\" class=\"vf %s\"",
	    visit_field_name[f], cls);
	err_attrs(o, vf, f, hint_key != NULL ? hint_id : NULL);
	sbuf_puts(o, "><legend>");
	html_escape(o, i18n_get(m->lang, legend_key));
	sbuf_puts(o, "</legend>\n");
	if (hint_key != NULL) {
		sbuf_printf(o, "<p class=\"hint\" id=\"%s\">", hint_id);
		html_escape(o, i18n_get(m->lang, hint_key));
		sbuf_puts(o, "</p>\n");
	}
	err_block(o, m, vf, f);
}

static void
fieldset_close(struct sbuf *o, struct mreq *m, const struct vform *vf,
    enum visit_field f)
{
	sbuf_puts(o, "</fieldset>\n");
}

/* A list of radio chips from a vocabulary; none: a "not said" first. */
static void
vocab_radios(struct sbuf *o, struct mreq *m, const struct vform *vf,
    enum vocab_id vid, enum visit_field f, const char *current,
    const char *none_key)
{
	const struct vocab	*v = &vf->vs.v[vid];
	size_t			 i;

	sbuf_puts(o, "<ul class=\"chips\">\n");
	if (none_key != NULL)
		opt(o, "radio", visit_field_name[f], "",
		    i18n_get(m->lang, none_key), current == NULL, NULL,
		    "none");
	for (i = 0; i < v->n; i++)
		opt(o, "radio", visit_field_name[f], v->e[i].code,
		    m->lang == LANG_EN && v->e[i].label_en[0] ?
		    v->e[i].label_en : v->e[i].label_fr,
		    current != NULL && strcmp(current, v->e[i].code) == 0, NULL,
		    NULL);
	sbuf_puts(o, "</ul>\n");
}

static void
render_site(struct sbuf *o, struct mreq *m, const struct vform *vf)
{
	const struct vocab	*v = &vf->vs.v[VOCAB_SITE];

	if (v->n == 1 && field_error(vf, VF_SITE) == NULL) {
		sbuf_puts(o, "<p class=\"vsite\"><span class=\"vlabel\">");
		html_escape(o, i18n_get(m->lang, "visit.f.site"));
		sbuf_puts(o, "</span> <strong>");
		html_escape(o, v->e[0].label_fr);
		sbuf_puts(o, "</strong><input type=\"hidden\" name=\"site\" "
		    "value=\"");
		html_escape(o, v->e[0].code);
		sbuf_puts(o, "\"></p>\n");
		return;
	}
	fieldset_open(o, m, vf, VF_SITE, "visit.f.site", "vsites", NULL);
	vocab_radios(o, m, vf, VOCAB_SITE, VF_SITE, vf->in.site, NULL);
	fieldset_close(o, m, vf, VF_SITE);
}

/*
 * The date and time: now by default, shown as a sentence; the fields
 * behind a disclosure, open when they differ from now or are wrong.
 */
static void
render_when(struct sbuf *o, struct mreq *m, const struct vform *vf)
{
	int	 open, y, mo, d;
	char	 date[FRFMT_BUFSZ];

	open = field_error(vf, VF_DATE) != NULL ||
	    field_error(vf, VF_TIME) != NULL ||
	    strcmp(vf->date, vf->today) != 0;
	sbuf_printf(o, "<details class=\"vwhen\"%s><summary>",
	    open ? " open" : "");
	if (strcmp(vf->date, vf->today) == 0)
		html_escape(o, i18n_get(m->lang, "visit.today"));
	else if (sscanf(vf->date, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
		fmt_date(date, sizeof(date), m->lang, y, mo, d);
		html_escape(o, date);
	} else
		html_escape(o, vf->date);
	sbuf_puts(o, m->lang == LANG_FR ? " à " : ", ");
	html_escape(o, vf->time);
	sbuf_puts(o, " <span class=\"hint\">");
	html_escape(o, i18n_get(m->lang, "visit.change"));
	sbuf_puts(o, "</span></summary>\n<div class=\"vwhen-fields\">"
	    "<div class=\"field\"><label for=\"date\">");
	html_escape(o, i18n_get(m->lang, "visit.f.date"));
	sbuf_puts(o, "</label><input id=\"date\" name=\"date\" type=\"date\" "
	    "required value=\"");
	html_escape(o, vf->date);
	sbuf_puts(o, "\" max=\"");
	html_escape(o, vf->today);
	sbuf_putc(o, '"');
	err_attrs(o, vf, VF_DATE, NULL);
	sbuf_puts(o, ">");
	err_block(o, m, vf, VF_DATE);
	sbuf_puts(o, "</div><div class=\"field\"><label for=\"heure\">");
	html_escape(o, i18n_get(m->lang, "visit.f.heure"));
	sbuf_puts(o, "</label><input id=\"heure\" name=\"heure\" type=\"time\" "
	    "value=\"");
	html_escape(o, vf->time);
	sbuf_putc(o, '"');
	err_attrs(o, vf, VF_TIME, NULL);
	sbuf_puts(o, ">");
	err_block(o, m, vf, VF_TIME);
	sbuf_puts(o, "</div></div></details>\n");
}

static void
render_domains(struct sbuf *o, struct mreq *m, const struct vform *vf)
{
	const struct vocab	*v = &vf->vs.v[VOCAB_DOMAIN];
	size_t			 i;

	fieldset_open(o, m, vf, VF_DOMAINS, "visit.f.domaines", "vdomains",
	    "visit.hint.domains");
	sbuf_puts(o, "<ul class=\"tiles-pick\">\n");
	for (i = 0; i < v->n; i++)
		opt(o, "checkbox", "domaines", v->e[i].code,
		    m->lang == LANG_EN ? v->e[i].label_en : v->e[i].label_fr,
		    has_code(vf->in.domains, vf->in.ndomains, v->e[i].code),
		    visit_icon(v->e[i].code), "tile-pick");
	sbuf_puts(o, "</ul>\n");
	fieldset_close(o, m, vf, VF_DOMAINS);
}

static void
render_duration(struct sbuf *o, struct mreq *m, const struct vform *vf)
{
	size_t	i;
	char	label[32];

	fieldset_open(o, m, vf, VF_DURATION, "visit.f.duree", "vduration",
	    NULL);
	sbuf_puts(o, "<ul class=\"chips\">\n");
	for (i = 0; i < VFORM_DURATIONS; i++) {
		snprintf(label, sizeof(label), "%s min", vform_durations[i]);
		opt(o, "radio", "duree", vform_durations[i], label,
		    strcmp(vf->duration, vform_durations[i]) == 0, NULL, NULL);
	}
	sbuf_puts(o, "</ul>\n<div class=\"field inline\"><label "
	    "for=\"duree_autre\">");
	html_escape(o, i18n_get(m->lang, "visit.f.duree_autre"));
	sbuf_puts(o, "</label><input id=\"duree_autre\" name=\"duree_autre\" "
	    "type=\"number\" min=\"1\" max=\"600\" inputmode=\"numeric\" "
	    "value=\"");
	html_escape(o, vf->duration_other);
	sbuf_puts(o, "\"></div>\n");
	fieldset_close(o, m, vf, VF_DURATION);
}

/*
 * Procedures, in groups, behind a disclosure (open once one is ticked).
 * A search field filters them when the script runs; without it the
 * groups are all there, and the browser's find works.
 */
static void
render_procedures(struct sbuf *o, struct mreq *m, const struct vform *vf)
{
	const struct vocab	*v = &vf->vs.v[VOCAB_PROCEDURE];
	size_t			 g, i, n;
	char			 key[48];
	int			 open;

	open = vf->in.nprocedures > 0 ||
	    field_error(vf, VF_PROCEDURES) != NULL;
	sbuf_printf(o, "<details class=\"vmore vprocs\" id=\"f-demarches\"%s>"
	    "<summary>", open ? " open" : "");
	html_escape(o, i18n_get(m->lang, "visit.f.demarches"));
	sbuf_puts(o, " <span class=\"hint\">");
	html_escape(o, i18n_get(m->lang, "visit.optional"));
	sbuf_puts(o, "</span></summary>\n");
	err_block(o, m, vf, VF_PROCEDURES);
	sbuf_puts(o, "<div class=\"field vfilter\" hidden><label "
	    "for=\"proc-filter\">");
	html_escape(o, i18n_get(m->lang, "visit.procedures.filter"));
	sbuf_puts(o, "</label><input id=\"proc-filter\" type=\"search\" "
	    "autocomplete=\"off\" aria-controls=\"proc-groups\">"
	    "<p class=\"hint\" id=\"proc-count\" role=\"status\"></p></div>\n"
	    "<div id=\"proc-groups\" class=\"pgroups\">\n");
	for (g = 0; g < sizeof(proc_group_order) / sizeof(proc_group_order[0]);
	    g++) {
		for (i = 0, n = 0; i < v->n; i++)
			n += strcmp(proc_group(v->e[i].code),
			    proc_group_order[g]) == 0;
		if (n == 0)
			continue;
		snprintf(key, sizeof(key), "visit.pgroup.%s",
		    proc_group_order[g]);
		sbuf_puts(o, "<fieldset class=\"pgroup\"><legend>");
		html_escape(o, i18n_get(m->lang, key));
		sbuf_puts(o, "</legend><ul class=\"checks\">\n");
		for (i = 0; i < v->n; i++) {
			if (strcmp(proc_group(v->e[i].code),
			    proc_group_order[g]) != 0)
				continue;
			opt(o, "checkbox", "demarches", v->e[i].code,
			    m->lang == LANG_EN ? v->e[i].label_en :
			    v->e[i].label_fr, has_code(vf->in.procedures,
			    vf->in.nprocedures, v->e[i].code), NULL, NULL);
		}
		sbuf_puts(o, "</ul></fieldset>\n");
	}
	sbuf_puts(o, "</div></details>\n");
}

/* Digital-skills topics: only when the visit was about digital use. */
static void
render_skills(struct sbuf *o, struct mreq *m, const struct vform *vf)
{
	const struct vocab	*v = &vf->vs.v[VOCAB_SKILL];
	size_t			 i;

	sbuf_printf(o, "<details class=\"vmore vskills\" id=\"f-usages\"%s>"
	    "<summary>", vf->in.nskills > 0 ||
	    field_error(vf, VF_SKILLS) != NULL ? " open" : "");
	html_escape(o, i18n_get(m->lang, "visit.f.usages"));
	sbuf_puts(o, " <span class=\"hint\">");
	html_escape(o, i18n_get(m->lang, "visit.hint.skills"));
	sbuf_puts(o, "</span></summary>\n");
	err_block(o, m, vf, VF_SKILLS);
	sbuf_puts(o, "<ul class=\"checks\">\n");
	for (i = 0; i < v->n; i++)
		opt(o, "checkbox", "usages", v->e[i].code,
		    m->lang == LANG_EN ? v->e[i].label_en : v->e[i].label_fr,
		    has_code(vf->in.skills, vf->in.nskills, v->e[i].code), NULL,
		    NULL);
	sbuf_puts(o, "</ul></details>\n");
}

/* Yes / no / not said, for qpv and premiere_visite. */
static void
yesno(struct sbuf *o, struct mreq *m, const struct vform *vf,
    enum visit_field f, const char *legend_key, int value)
{
	fieldset_open(o, m, vf, f, legend_key, "vyesno", NULL);
	sbuf_puts(o, "<ul class=\"chips\">\n");
	opt(o, "radio", visit_field_name[f], "", i18n_get(m->lang,
	    "visit.not_said"), value < 0, NULL, "none");
	opt(o, "radio", visit_field_name[f], "oui", i18n_get(m->lang,
	    "visit.yes"), value == 1, NULL, NULL);
	opt(o, "radio", visit_field_name[f], "non", i18n_get(m->lang,
	    "visit.no"), value == 0, NULL, NULL);
	sbuf_puts(o, "</ul>\n");
	fieldset_close(o, m, vf, f);
}

/*
 * The person, optional: a code found by its first letters (the script
 * asks /api/beneficiaires as one types; without it, "Search" posts the
 * form and the results come back as choices), or a new code, and coarse
 * attributes. Open when anything about the person is set.
 */
static void
render_person(struct sbuf *o, struct mreq *m, const struct vform *vf)
{
	const struct vocab_entry	*age;
	size_t				 i;
	int				 open;
	char				 line[256];

	open = vf->pseudonym[0] != '\0' || vf->new_person || vf->searched ||
	    vf->in.age != NULL || vf->in.qpv >= 0 || vf->in.first >= 0 ||
	    field_error(vf, VF_PSEUDONYM) != NULL;
	sbuf_printf(o, "<details class=\"vmore vperson\" id=\"f-pseudonyme\"%s>"
	    "<summary>", open ? " open" : "");
	html_escape(o, i18n_get(m->lang, "visit.f.person"));
	sbuf_puts(o, " <span class=\"hint\">");
	html_escape(o, i18n_get(m->lang, "visit.optional"));
	sbuf_puts(o, "</span></summary>\n<p class=\"hint\" id=\"hint-person\">");
	html_escape(o, i18n_get(m->lang, "visit.hint.person"));
	sbuf_puts(o, "</p>\n<div class=\"field vfind\"><label for=\"pseudonyme\">");
	html_escape(o, i18n_get(m->lang, "visit.f.pseudonyme"));
	sbuf_puts(o, "</label><div class=\"vfind-row\"><input id=\"pseudonyme\" "
	    "name=\"pseudonyme\" type=\"text\" autocomplete=\"off\" "
	    "autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"20\" "
	    "value=\"");
	html_escape(o, vf->searched && vf->nmatches > 0 ? vf->pseudonym :
	    vf->pseudonym);
	sbuf_puts(o, "\" aria-controls=\"p-results\"");
	err_attrs(o, vf, VF_PSEUDONYM, "hint-person");
	sbuf_puts(o, "><button type=\"submit\" class=\"secondary\" "
	    "name=\"action\" value=\"chercher\" formnovalidate>");
	html_escape(o, i18n_get(m->lang, "visit.find"));
	sbuf_puts(o, "</button></div>\n");
	err_block(o, m, vf, VF_PSEUDONYM);
	sbuf_puts(o, "<div id=\"p-results\" class=\"presults\" "
	    "aria-live=\"polite\">");
	if (vf->searched && vf->nmatches == 0) {
		sbuf_puts(o, "<p class=\"hint\">");
		html_escape(o, i18n_get(m->lang, "visit.find.none"));
		sbuf_puts(o, "</p>");
	} else if (vf->searched) {
		sbuf_puts(o, "<fieldset class=\"vf\"><legend>");
		html_escape(o, i18n_get(m->lang, "visit.find.pick"));
		sbuf_puts(o, "</legend><ul class=\"checks\">\n");
		for (i = 0; i < vf->nmatches; i++) {
			age = vf->matches[i].age[0] ? vocab_find(
			    &vf->vs.v[VOCAB_AGE], vf->matches[i].age) : NULL;
			snprintf(line, sizeof(line), "%s – %s%s%s%s %s",
			    vf->matches[i].code,
			    age != NULL ? (m->lang == LANG_EN ? age->label_en :
			    age->label_fr) : "",
			    age != NULL ? ", " : "",
			    strcmp(vf->matches[i].qpv, "true") == 0 ? "QPV, " :
			    "", i18n_get(m->lang, "visit.find.visits"),
			    vf->matches[i].visits);
			opt(o, "radio", "pseudonyme", vf->matches[i].code, line,
			    0, NULL, NULL);
		}
		sbuf_puts(o, "</ul></fieldset>");
	}
	sbuf_puts(o, "</div></div>\n<ul class=\"checks vnew\">");
	opt(o, "checkbox", "nouvelle_personne", "1", i18n_get(m->lang,
	    "visit.f.nouvelle_personne"), vf->new_person, NULL, NULL);
	sbuf_puts(o, "</ul>\n");
	fieldset_open(o, m, vf, VF_AGE, "visit.f.age", "vage", NULL);
	vocab_radios(o, m, vf, VOCAB_AGE, VF_AGE, vf->in.age, "visit.not_said");
	fieldset_close(o, m, vf, VF_AGE);
	yesno(o, m, vf, VF_QPV, "visit.f.qpv", vf->in.qpv);
	yesno(o, m, vf, VF_FIRST, "visit.f.premiere_visite", vf->in.first);
	sbuf_puts(o, "</details>\n");
}

/* "There are N errors", each a link to its field. */
static void
render_summary(struct sbuf *o, struct mreq *m, const struct vform *vf)
{
	char	key[48], count[24];
	size_t	i;

	if (vf->in.nerrors == 0)
		return;
	snprintf(count, sizeof(count), "%zu", vf->in.nerrors);
	sbuf_puts(o, "<div class=\"notice notice-error verrors\" id=\"errors\" "
	    "role=\"alert\" tabindex=\"-1\"><h2>");
	html_escape(o, i18n_get(m->lang, vf->in.nerrors == 1 ?
	    "visit.errors.one" : "visit.errors.many"));
	if (vf->in.nerrors > 1) {
		sbuf_putc(o, ' ');
		html_escape(o, count);
	}
	sbuf_puts(o, "</h2><ul>\n");
	for (i = 0; i < vf->in.nerrors; i++) {
		snprintf(key, sizeof(key), "visit.f.%s",
		    visit_field_name[vf->in.errors[i].field]);
		sbuf_printf(o, "<li><a href=\"#%s%s\">",
		    vf->in.errors[i].field == VF_DATE ||
		    vf->in.errors[i].field == VF_TIME ? "" : "f-",
		    visit_field_name[vf->in.errors[i].field]);
		html_escape(o, i18n_get(m->lang, key));
		sbuf_puts(o, " : ");
		html_escape(o, i18n_get(m->lang, vf->in.errors[i].msgkey));
		sbuf_puts(o, "</a></li>\n");
	}
	sbuf_puts(o, "</ul></div>\n");
}

/*
 * Send the form page with status (200, or 422 with the errors next to
 * their fields, or 403/409 with vf->notice). Returns MREQ_DONE.
 */
int
vform_render(struct http_request *req, struct mreq *m, struct vform *vf,
    int status)
{
	struct tmpl	 t;
	struct sbuf	 head, main, more, summary, notice, title;
	struct sbuf	 recorded, handover, delete;
	char		 action[64], del[64];

	sbuf_init(&recorded);
	sbuf_init(&handover);
	sbuf_init(&delete);
	sbuf_init(&head);
	sbuf_init(&main);
	sbuf_init(&more);
	sbuf_init(&summary);
	sbuf_init(&notice);
	sbuf_init(&title);

	render_summary(&summary, m, vf);
	if (vf->notice != NULL)
		staff_notice(&notice, status >= 400 ? "error" : "ok",
		    i18n_get(m->lang, vf->notice));
	render_site(&head, m, vf);
	render_when(&head, m, vf);

	sbuf_puts(&main, "<div class=\"vcols\"><div class=\"vcol\">\n");
	render_domains(&main, m, vf);
	sbuf_puts(&main, "</div><div class=\"vcol\">\n");
	fieldset_open(&main, m, vf, VF_HELP, "visit.f.aide", "vhelp", NULL);
	vocab_radios(&main, m, vf, VOCAB_HELP, VF_HELP, vf->in.help, NULL);
	fieldset_close(&main, m, vf, VF_HELP);
	fieldset_open(&main, m, vf, VF_PARTNER, "visit.f.orientation", "vpartner",
	    "visit.hint.partner");
	vocab_radios(&main, m, vf, VOCAB_PARTNER, VF_PARTNER, vf->in.partner,
	    "visit.none");
	fieldset_close(&main, m, vf, VF_PARTNER);
	render_duration(&main, m, vf);
	sbuf_puts(&main, "</div></div>\n");
	fieldset_open(&main, m, vf, VF_AUTONOMY, "visit.f.autonomie",
	    "vautonomy", NULL);
	vocab_radios(&main, m, vf, VOCAB_AUTONOMY, VF_AUTONOMY,
	    vf->in.autonomy, "visit.not_said");
	fieldset_close(&main, m, vf, VF_AUTONOMY);
	fieldset_open(&main, m, vf, VF_CHANNEL, "visit.f.canal", "vchannel",
	    NULL);
	vocab_radios(&main, m, vf, VOCAB_CHANNEL, VF_CHANNEL, vf->in.channel,
	    NULL);
	fieldset_close(&main, m, vf, VF_CHANNEL);

	render_procedures(&more, m, vf);
	render_skills(&more, m, vf);
	render_person(&more, m, vf);

	if (vf->id[0] != '\0') {
		snprintf(action, sizeof(action), "/visites/%s", vf->id);
		snprintf(del, sizeof(del), "/visites/%s/supprimer", vf->id);
	} else {
		kore_strlcpy(action, "/visites/nouvelle", sizeof(action));
		del[0] = '\0';
	}
	if (vf->id[0] != '\0') {
		sbuf_puts(&recorded, "<p class=\"note\">");
		html_escape(&recorded, i18n_get(m->lang, "visit.edit.recorded"));
		sbuf_putc(&recorded, ' ');
		html_escape(&recorded, vf->recorded_by[0] ? vf->recorded_by :
		    i18n_get(m->lang, "visit.import.source"));
		sbuf_puts(&recorded, ", ");
		html_escape(&recorded, vf->recorded_at);
		sbuf_puts(&recorded, "</p>\n");
		if (vf->may_delete) {
			struct tmpl	d;

			staff_tmpl_init(&d, m);
			tmpl_set(&d, "action", del);
			(void)tmpl_render(&delete, TMPL_VISIT_DELETE, &d);
		}
	} else {
		sbuf_puts(&handover, "<button type=\"submit\" "
		    "class=\"secondary\" name=\"ensuite\" value=\"enquete\">");
		html_escape(&handover, i18n_get(m->lang,
		    "visit.new.submit_survey"));
		sbuf_puts(&handover, "</button>\n");
	}
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "action", action);
	tmpl_set(&t, "h1", i18n_get(m->lang, vf->id[0] ? "visit.edit.title" :
	    "visit.new.title"));
	tmpl_set(&t, "submit", i18n_get(m->lang, vf->id[0] ?
	    "visit.edit.submit" : "visit.new.submit"));
	/* Raw: markup built above, every text through html_escape(). */
	tmpl_set_raw(&t, "summary", summary.data);
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "recorded", recorded.data);
	tmpl_set_raw(&t, "head", head.data);
	tmpl_set_raw(&t, "main", main.data);
	tmpl_set_raw(&t, "more", more.data);
	tmpl_set_raw(&t, "handover", handover.data);
	/* Raw: rendered from app/templates/visit_delete.html. */
	tmpl_set_raw(&t, "delete", delete.data);
	if (status >= 400) {
		sbuf_puts(&title, i18n_get(m->lang, "visit.title_error"));
		sbuf_putc(&title, ' ');
	}
	sbuf_puts(&title, i18n_get(m->lang, vf->id[0] ? "visit.edit.title" :
	    "visit.new.title"));
	(void)staff_page(req, m, status, &t, TMPL_VISIT_FORM, title.data);
	sbuf_free(&head);
	sbuf_free(&main);
	sbuf_free(&more);
	sbuf_free(&summary);
	sbuf_free(&notice);
	sbuf_free(&title);
	sbuf_free(&recorded);
	sbuf_free(&handover);
	sbuf_free(&delete);
	return (MREQ_DONE);
}
