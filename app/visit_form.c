/*
 * visit_form – the visit form of /visites/nouvelle and /visites/{id}:
 * built for a tablet and a phone, to be filled in under 20 seconds.
 *
 * Defaults do most of the work: the site (the mediator's only one, else
 * the one used last, else a choice), the date and time (now, behind a
 * "change" disclosure). A visit is then a domain tile, a kind of help and
 * a duration chip: three taps and "Save". The rest is optional and folded
 * away: procedures (grouped; a script filters them as one types),
 * digital-skills topics, the person (a pseudonym found by its first
 * letters, or a new one drawn by the application, and coarse attributes).
 * Every target is at least 44 px; everything works without JavaScript
 * (the person search then posts the form with action=chercher).
 *
 * Fields (app/core/visit.c checks them): date, heure, site, domaines*,
 * demarches*, aide, autonomie, orientation, duree, duree_autre, canal,
 * usages*, pseudonyme, nouvelle_personne, age, qpv, premiere_visite; the
 * submit button's action (chercher) or ensuite (enquete).
 *
 * This file reads the form (and a stored visit, to correct it) into
 * struct vform; visit_form_render.c draws it.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "json.h"
#include "survey_def.h"
#include "visit_app.h"

/* Quick choices of duration, in minutes (also drawn by
 * visit_form_render.c). */
const char *const vform_durations[VFORM_DURATIONS] = {
	"5", "10", "15", "20", "30", "45", "60", "90"
};

static void		 trim_copy(char *, size_t, const char *);

void
vform_init(struct vform *vf)
{
	memset(vf, 0, sizeof(*vf));
	vocabs_init(&vf->vs);
	visit_input_init(&vf->in);
}

void
vform_free(struct vform *vf)
{
	if (vf->have_vs)
		vocabs_free(&vf->vs);
	vf->have_vs = 0;
}

/* Copy s into out without its leading and trailing spaces. */
static void
trim_copy(char *out, size_t outsz, const char *s)
{
	size_t	n;

	if (s == NULL)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/*
 * The result of visit_form.sql into vf: the reference lists, the sites
 * the user may record at, the site used last, today and now. 0, or -1
 * (out of memory, or no site at all).
 */
int
vform_load(struct mreq *m, struct vform *vf)
{
	enum vocab_id	 id;
	const char	*kind;
	int		 i;

	if (vf->have_vs)
		vocabs_free(&vf->vs);
	vocabs_init(&vf->vs);
	vf->have_vs = 1;
	vf->nsites = 0;
	for (i = 0; i < mreq_rows(m); i++) {
		kind = mreq_val(m, i, 0);
		if (strcmp(kind, "now") == 0) {
			kore_strlcpy(vf->today, mreq_val(m, i, 1),
			    sizeof(vf->today));
			kore_strlcpy(vf->now, mreq_val(m, i, 2), sizeof(vf->now));
			continue;
		}
		if (!vocab_kind(kind, &id))
			continue;
		if (vocabs_add(&vf->vs, id, mreq_val(m, i, 1), mreq_val(m, i, 2),
		    mreq_val(m, i, 3)) == -1)
			return (-1);
		if (id == VOCAB_SITE) {
			vf->nsites++;
			if (strcmp(mreq_val(m, i, 5), "t") == 0)
				kore_strlcpy(vf->last_site, mreq_val(m, i, 1),
				    sizeof(vf->last_site));
		}
	}
	vocabs_add_fixed(&vf->vs);
	return (vf->nsites > 0 && vf->today[0] != '\0' ? 0 : -1);
}

/*
 * A new visit's defaults: now, on site, at the site asked for (the
 * mediator's home links to /visites/nouvelle?site=CODE), else the only
 * site, else the one used last.
 */
void
vform_defaults(struct vform *vf, const char *site)
{
	visit_input_init(&vf->in);
	kore_strlcpy(vf->date, vf->today, sizeof(vf->date));
	kore_strlcpy(vf->time, vf->now, sizeof(vf->time));
	(void)visit_set(&vf->in, &vf->vs, VF_DATE, vf->date);
	(void)visit_set(&vf->in, &vf->vs, VF_TIME, vf->time);
	if (site != NULL && vocab_find(&vf->vs.v[VOCAB_SITE], site) != NULL)
		vf->in.site = vocab_find(&vf->vs.v[VOCAB_SITE], site)->code;
	else if (vf->nsites == 1)
		vf->in.site = vf->vs.v[VOCAB_SITE].e[0].code;
	else if (vf->last_site[0] != '\0' &&
	    vocab_find(&vf->vs.v[VOCAB_SITE], vf->last_site) != NULL)
		vf->in.site = vocab_find(&vf->vs.v[VOCAB_SITE],
		    vf->last_site)->code;
	vf->in.nerrors = 0;
}

/* Add every value of a repeated field (domains, procedures, skills). */
static void
read_multi(struct mreq *m, struct vform *vf, enum visit_field f)
{
	const char	*name = visit_field_name[f], *v;
	size_t		 i, n;

	n = form_count(&m->form, name);
	for (i = 0; i < n; i++)
		if ((v = form_get_nth(&m->form, name, i)) != NULL)
			(void)visit_add(&vf->in, &vf->vs, f, v);
}

/*
 * Read the posted form (m->form, parsed by the driver with its CSRF
 * token) into vf: what was typed, and the visit checked field by field
 * and across fields. The person: a code typed or picked (it must exist),
 * or "new person" (a code is drawn when saving); both at once is an
 * error. With action=chercher only the search is wanted: nothing is
 * checked.
 */
void
vform_read(struct http_request *req, struct mreq *m, struct vform *vf)
{
	static const enum visit_field singles[] = {
		VF_SITE, VF_HELP, VF_AUTONOMY, VF_PARTNER, VF_CHANNEL, VF_AGE,
		VF_QPV, VF_FIRST
	};
	const char	*v;
	size_t		 i, n;

	visit_input_init(&vf->in);
	trim_copy(vf->date, sizeof(vf->date), mreq_field(m, "date"));
	trim_copy(vf->time, sizeof(vf->time), mreq_field(m, "heure"));
	trim_copy(vf->duration, sizeof(vf->duration), mreq_field(m, "duree"));
	trim_copy(vf->duration_other, sizeof(vf->duration_other),
	    mreq_field(m, "duree_autre"));
	/*
	 * The code typed, or one picked from the search's results (radios
	 * after the text field): the last one given wins.
	 */
	vf->pseudonym[0] = '\0';
	n = form_count(&m->form, "pseudonyme");
	for (i = 0; i < n; i++) {
		v = form_get_nth(&m->form, "pseudonyme", i);
		if (v != NULL && v[strspn(v, " ")] != '\0')
			trim_copy(vf->pseudonym, sizeof(vf->pseudonym), v);
	}
	v = mreq_field(m, "nouvelle_personne");
	vf->new_person = v != NULL && strcmp(v, "1") == 0;
	v = mreq_field(m, "action");
	vf->search = v != NULL && strcmp(v, "chercher") == 0;
	v = mreq_field(m, "ensuite");
	kore_strlcpy(vf->ensuite, v != NULL && strcmp(v, "enquete") == 0 ?
	    "enquete" : "", sizeof(vf->ensuite));

	(void)visit_set(&vf->in, &vf->vs, VF_DATE, vf->date);
	(void)visit_set(&vf->in, &vf->vs, VF_TIME, vf->time);
	for (i = 0; i < sizeof(singles) / sizeof(singles[0]); i++)
		(void)visit_set(&vf->in, &vf->vs, singles[i],
		    mreq_field(m, visit_field_name[singles[i]]));
	read_multi(m, vf, VF_DOMAINS);
	read_multi(m, vf, VF_PROCEDURES);
	read_multi(m, vf, VF_SKILLS);
	(void)visit_set(&vf->in, &vf->vs, VF_DURATION,
	    vf->duration_other[0] != '\0' ? vf->duration_other : vf->duration);
	if (vf->in.channel == NULL)
		vf->in.channel = "sur-place";
	if (vf->search)
		return;

	vf->pseudonym_mode = NULL;
	if (vf->new_person && vf->pseudonym[0] != '\0') {
		visit_error(&vf->in, VF_PSEUDONYM, "visit.err.pseudonym_both",
		    "");
	} else if (vf->new_person) {
		vf->pseudonym_mode = "new";
	} else if (vf->pseudonym[0] != '\0') {
		if (visit_set(&vf->in, &vf->vs, VF_PSEUDONYM, vf->pseudonym) == 0)
			vf->pseudonym_mode = "known";
	}
	if (vf->in.time[0] == '\0' && vf->time[0] == '\0')
		(void)visit_set(&vf->in, &vf->vs, VF_TIME, "12:00");
	(void)visit_check(&vf->in, vf->today);
	(void)req;
}

/* Set a field of the form from the string s of a visit_doc() object. */
static void
doc_set(struct vform *vf, enum visit_field f, const struct json *o,
    const char *key)
{
	const struct json	*j;
	char			 num[16];

	if ((j = json_get(o, key)) == NULL || j->type == JSON_NULL)
		return;
	if (j->type == JSON_STRING)
		(void)visit_set(&vf->in, &vf->vs, f, j->str);
	else if (j->type == JSON_TRUE || j->type == JSON_FALSE)
		(void)visit_set(&vf->in, &vf->vs, f, j->type == JSON_TRUE ?
		    "oui" : "non");
	else if (j->type == JSON_NUMBER) {
		snprintf(num, sizeof(num), "%.0f", j->num);
		(void)visit_set(&vf->in, &vf->vs, f, num);
	}
}

static void
doc_list(struct vform *vf, enum visit_field f, const struct json *o,
    const char *key)
{
	const struct json	*j;
	size_t			 i;

	if ((j = json_get(o, key)) == NULL || j->type != JSON_ARRAY)
		return;
	for (i = 0; i < j->n; i++)
		if (j->items[i]->type == JSON_STRING)
			(void)visit_add(&vf->in, &vf->vs, f, j->items[i]->str);
}

/*
 * Fill the form from a stored visit (visit_doc() of migration 0310) to
 * correct it. A site the user no longer serves stays unset (they choose
 * again). 0, or -1 if the document cannot be read.
 */
int
vform_from_doc(struct vform *vf, const char *doc)
{
	struct json_doc		 d;
	const struct json	*o, *j;
	size_t			 i;

	memset(&d, 0, sizeof(d));
	if (json_parse(&d, doc, strlen(doc)) == -1 || d.root == NULL ||
	    d.root->type != JSON_OBJECT) {
		json_free(&d);
		return (-1);
	}
	o = d.root;
	visit_input_init(&vf->in);
	if ((j = json_get(o, "at")) != NULL && j->type == JSON_STRING &&
	    j->len == 16) {
		snprintf(vf->date, sizeof(vf->date), "%.10s", j->str);
		snprintf(vf->time, sizeof(vf->time), "%.5s", j->str + 11);
		(void)visit_set(&vf->in, &vf->vs, VF_DATE, vf->date);
		(void)visit_set(&vf->in, &vf->vs, VF_TIME, vf->time);
	}
	doc_set(vf, VF_SITE, o, "site");
	doc_list(vf, VF_DOMAINS, o, "domains");
	doc_list(vf, VF_PROCEDURES, o, "procedures");
	doc_list(vf, VF_SKILLS, o, "skills");
	doc_set(vf, VF_HELP, o, "help_kind");
	doc_set(vf, VF_AUTONOMY, o, "autonomy");
	doc_set(vf, VF_PARTNER, o, "partner");
	doc_set(vf, VF_DURATION, o, "duration");
	doc_set(vf, VF_CHANNEL, o, "channel");
	doc_set(vf, VF_AGE, o, "age_bracket");
	doc_set(vf, VF_QPV, o, "qpv");
	doc_set(vf, VF_FIRST, o, "first_visit");
	if ((j = json_get(o, "pseudonym")) != NULL && j->type == JSON_STRING)
		kore_strlcpy(vf->pseudonym, j->str, sizeof(vf->pseudonym));
	vf->duration[0] = vf->duration_other[0] = '\0';
	if (vf->in.duration > 0) {
		snprintf(vf->duration, sizeof(vf->duration), "%u",
		    (unsigned)vf->in.duration % 1000u);
		for (i = 0; i < VFORM_DURATIONS; i++)
			if (strcmp(vform_durations[i], vf->duration) == 0)
				break;
		if (i == VFORM_DURATIONS) {
			kore_strlcpy(vf->duration_other, vf->duration,
			    sizeof(vf->duration_other));
			vf->duration[0] = '\0';
		}
	}
	/* What was stored is not judged again until it is posted. */
	vf->in.nerrors = 0;
	json_free(&d);
	return (0);
}

/* The visit as visit_save() takes it. */
void
vform_json(struct vform *vf, struct sbuf *sb)
{
	visit_json(sb, &vf->in, 0, vf->pseudonym_mode);
}
