/*
 * visit_util – what the visit pages share (declared in visit_app.h): the
 * visit id of a path, labels of the reference lists in the person's
 * language, the domains' pictograms (the surveys' own, assets/icons/),
 * times as people read them, and the sites a mediator may use.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "survey_def.h"
#include "visit_app.h"

/* Domains and the survey pictograms (assets/icons/) that show them. */
static const struct {
	const char	*domain;
	const char	*icon;
} domain_icons[] = {
	{ "papiers-citoyennete", "domain-papiers" },
	{ "famille", "domain-famille" },
	{ "social-sante", "domain-sante" },
	{ "travail", "domain-travail" },
	{ "logement", "domain-logement" },
	{ "transports", "domain-transports" },
	{ "argent", "domain-argent" },
	{ "justice", "domain-justice" },
	{ "etranger", "domain-etranger" },
	{ "loisirs", "domain-loisirs" },
};

/*
 * The id in "/visites/ID[/…]" (1 to 18 digits, checked by the route's
 * regex too) into out. 0, or -1.
 */
int
visit_id_from_path(const char *path, char *out, size_t outsz)
{
	const char	*p = path + strlen("/visites/");
	size_t		 i;

	if (strncmp(path, "/visites/", 9) != 0)
		return (-1);
	for (i = 0; p[i] >= '0' && p[i] <= '9'; i++)
		;
	if (i == 0 || i > 18 || i >= outsz || p[0] == '0' ||
	    (p[i] != '\0' && p[i] != '/'))
		return (-1);
	memcpy(out, p, i);
	out[i] = '\0';
	return (0);
}

/* The label of code in vocabulary vid, in l; the code if unknown. */
const char *
visit_label(const struct vocabs *vs, enum vocab_id vid, const char *code,
    enum lang l)
{
	const struct vocab_entry	*e;

	if (code == NULL)
		return ("");
	if ((e = vocab_find(&vs->v[vid], code)) == NULL)
		return (code);
	return (l == LANG_EN && e->label_en[0] ? e->label_en : e->label_fr);
}

/* The pictogram of a domain (assets/icons/NAME.svg), or NULL. */
const char *
visit_icon(const char *domain)
{
	size_t	i;

	for (i = 0; i < sizeof(domain_icons) / sizeof(domain_icons[0]); i++)
		if (strcmp(domain_icons[i].domain, domain) == 0)
			return (domain_icons[i].icon);
	return (NULL);
}

/*
 * A pictogram inline, decorative (its label is beside it): the embedded
 * SVG file with aria-hidden, so that it takes the text's colour
 * (stroke="currentColor"). Raw by design: our own asset, not input.
 */
void
visit_pictogram(struct sbuf *o, const char *icon)
{
	const char	*svg;
	size_t		 len;

	if (icon == NULL || (svg = survey_icon_svg(icon, &len)) == NULL ||
	    len < 5 || strncmp(svg, "<svg", 4) != 0)
		return;
	sbuf_puts(o, "<svg class=\"pict\" aria-hidden=\"true\" "
	    "focusable=\"false\"");
	sbuf_add(o, svg + 4, len - 4);
}

/* "2026-11-28 14:32" as people read it (see staff_time()). */
void
visit_staff_time(char *out, size_t outsz, enum lang l, const char *ts)
{
	staff_time(out, outsz, l, ts);
}

/*
 * The query's rows as filters (visit_sites.sql): sites, domains, kinds
 * of help into vs. 0, or -1 out of memory.
 */
int
visit_sites_parse(struct mreq *m, struct vocabs *vs)
{
	enum vocab_id	id;
	int		i;

	for (i = 0; i < mreq_rows(m); i++) {
		if (!vocab_kind(mreq_val(m, i, 0), &id))
			continue;
		if (vocabs_add(vs, id, mreq_val(m, i, 1), mreq_val(m, i, 2),
		    mreq_val(m, i, 3)) == -1)
			return (-1);
	}
	return (0);
}
