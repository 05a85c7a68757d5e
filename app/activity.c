/*
 * activity – GET /visites/activite: the coordinator's activity at a
 * glance (issue #5). For a quarter (?trimestre=2026-T4, the current one
 * by default) or a period (du, au), all sites or one (site):
 *
 *  - visits and people, new and returning, by site;
 *  - visits by domain, by week;
 *  - the share of visits done on the person's behalf, and every kind of
 *    help;
 *  - orientations, by partner.
 *
 * Each chart is SVG drawn here (app/core/svgchart.c: role="img", a
 * <title>, a <desc> stating the figures) and followed by the same figures
 * in a table. One statement (sql/queries/visit_activity.sql) gives every
 * breakdown. Internal figures: no small-cell suppression here (the
 * coordinator sees the visits themselves anyway); the reports apply it.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "svgchart.h"
#include "visit_app.h"

#define ACT_ROWS_MAX	128
#define ACT_QUARTERS	6	/* in the selector: this one and before */

enum act_dim {
	AD_SITE,
	AD_DOMAIN,
	AD_WEEK,
	AD_HELP,
	AD_PARTNER,
	AD__MAX
};

static const char *const act_dim_name[AD__MAX] = {
	"site", "domain", "week", "help_kind", "partner"
};

/* One row of visit_activity.sql. */
struct act_row {
	char		 key[48];
	char		 label[2][128];	/* fr, en */
	long long	 visits, people, first_visits, behalf, anon, newp,
			 orient, minutes;
};

struct actx {
	struct vocabs	 vs;		/* libc; sites, domains, kinds */
	int		 have_vs;
	char		 site[48];
	char		 quarter[12];	/* "2026-T4" or "" */
	char		 from[11], to[11];	/* asked: [from, to] */
	char		 to_excl[11];		/* the day after "to" */
	char		 today[11];		/* Paris */
	char		 from_typed[16], to_typed[16];
	const char	*err;		/* message key */
	struct act_row	 total;
	struct act_row	 rows[AD__MAX][ACT_ROWS_MAX];
	size_t		 nrows[AD__MAX];
};

static void	actx_free(void *);
static int	act_start(struct http_request *, struct mreq *);
static int	act_filters(struct http_request *, struct mreq *);
static int	act_render(struct http_request *, struct mreq *);

static const struct mreq_route act_route = {
	.name = "activity",
	.start = act_start,
	.ctx_size = sizeof(struct actx),
	.ctx_free = actx_free,
	.roles = ROLE_COORDINATOR | ROLE_ADMIN,
};

int
page_activity(struct http_request *req)
{
	return (mreq_run(req, &act_route));
}

static void
actx_free(void *p)
{
	struct actx	*c = p;

	if (c->have_vs)
		vocabs_free(&c->vs);
	c->have_vs = 0;
}

/* The day after ISO date d (YYYY-MM-DD) into out (11 bytes). */
static void
day_after(const char *d, char *out)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};
	int	y, m, dd, last;

	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12) {
		out[0] = '\0';
		return;
	}
	last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	if (++dd > last) {
		dd = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)dd % 100u);
}

static int
act_start(struct http_request *req, struct mreq *m)
{
	struct actx	*c = m->ctx;
	const char	*qs = req->query_string;
	int		 y, q;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	vocabs_init(&c->vs);
	c->have_vs = 1;
	if (qs != NULL) {
		(void)qs_get(qs, "site", c->site, sizeof(c->site));
		(void)qs_get(qs, "trimestre", c->quarter, sizeof(c->quarter));
		(void)qs_get(qs, "du", c->from_typed, sizeof(c->from_typed));
		(void)qs_get(qs, "au", c->to_typed, sizeof(c->to_typed));
	}
	if (c->from_typed[0] != '\0' || c->to_typed[0] != '\0') {
		/* A period typed: both ends, in order. */
		c->quarter[0] = '\0';
		if (!visit_date_parse(c->from_typed, c->from) ||
		    !visit_date_parse(c->to_typed, c->to))
			c->err = "visit.list.err_date";
		else if (strcmp(c->from, c->to) > 0)
			c->err = "visit.list.err_period";
		else
			day_after(c->to, c->to_excl);
		if (c->err != NULL)
			c->from[0] = c->to[0] = c->to_excl[0] = '\0';
	} else if (c->quarter[0] != '\0') {
		if (quarter_parse(c->quarter, &y, &q) == -1 || y < 2000 ||
		    y > 2999) {
			c->quarter[0] = '\0';
			c->err = "activity.err_quarter";
		} else {
			snprintf(c->from, sizeof(c->from), "%04u-%02u-01",
			    (unsigned)y % 10000u, (unsigned)((q - 1) * 3 + 1) % 100u);
			if (q == 4)
				snprintf(c->to_excl, sizeof(c->to_excl),
				    "%04u-01-01", (unsigned)(y + 1) % 10000u);
			else
				snprintf(c->to_excl, sizeof(c->to_excl),
				    "%04u-%02u-01", (unsigned)y % 10000u,
				    (unsigned)(q * 3 + 1) % 100u);
		}
	}
	return (mreq_query(m, SQL_VISIT_SITES, act_filters, 1,
	    m->sess->org_id));
}

static int
act_filters(struct http_request *req, struct mreq *m)
{
	struct actx	*c = m->ctx;
	int		 k;

	if (m->failed)
		return (mreq_error(req, m));
	if (visit_sites_parse(m, &c->vs) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	for (k = 0; k < mreq_rows(m); k++)
		if (strcmp(mreq_val(m, k, 0), "today") == 0)
			kore_strlcpy(c->today, mreq_val(m, k, 1),
			    sizeof(c->today));
	if (vocab_find(&c->vs.v[VOCAB_SITE], c->site) == NULL)
		c->site[0] = '\0';
	return (mreq_query(m, SQL_VISIT_ACTIVITY, act_render, 6,
	    m->sess->org_id, c->from[0] ? c->from : NULL,
	    c->to_excl[0] ? c->to_excl : NULL, c->site[0] ? c->site : NULL,
	    NULL, NULL));
}

static void
row_read(struct mreq *m, int i, struct act_row *r)
{
	kore_strlcpy(r->key, mreq_val(m, i, 1), sizeof(r->key));
	kore_strlcpy(r->label[0], mreq_val(m, i, 2), sizeof(r->label[0]));
	kore_strlcpy(r->label[1], mreq_val(m, i, 3), sizeof(r->label[1]));
	r->visits = strtoll(mreq_val(m, i, 4), NULL, 10);
	r->people = strtoll(mreq_val(m, i, 5), NULL, 10);
	r->first_visits = strtoll(mreq_val(m, i, 6), NULL, 10);
	r->behalf = strtoll(mreq_val(m, i, 7), NULL, 10);
	r->anon = strtoll(mreq_val(m, i, 8), NULL, 10);
	r->newp = strtoll(mreq_val(m, i, 9), NULL, 10);
	r->orient = strtoll(mreq_val(m, i, 10), NULL, 10);
	r->minutes = strtoll(mreq_val(m, i, 11), NULL, 10);
}

/* Most visits first (domains, partners). */
static int
by_visits(const void *a, const void *b)
{
	const struct act_row	*x = a, *y = b;

	if (x->visits != y->visits)
		return (x->visits < y->visits ? 1 : -1);
	return (strcmp(x->key, y->key));
}

/*
 * Room for a bar chart's category labels: the longest one (about 7.6
 * units a character at the chart's 14 px), between the default and half
 * the chart, so that "Fait à la place, dans un cadre sécurisé" is not cut.
 */
static void
fit_labels(struct chart *ch)
{
	size_t	i, n, longest = 0;
	const char *p;

	for (i = 0; i < ch->ncats; i++) {
		for (n = 0, p = ch->cats[i]; *p != '\0'; p++)
			n += ((unsigned char)*p & 0xc0) != 0x80;
		if (n > longest)
			longest = n;
	}
	ch->label_w = (int)(longest * 7.6) + 16;
	if (ch->label_w < 170)
		ch->label_w = 170;
	if (ch->label_w > 330)
		ch->label_w = 330;
}

/* A chart, then its figures in a table inside a disclosure. */
static void
chart_block(struct sbuf *o, struct mreq *m, struct chart *ch,
    const char *const *heads, size_t ncols, const char **cells)
{
	size_t	i, k;

	sbuf_puts(o, "<figure class=\"vchart\">\n");
	if (ch->ncats == 0) {
		sbuf_puts(o, "<p class=\"note\">");
		html_escape(o, ch->title);
		sbuf_puts(o, " : ");
		html_escape(o, i18n_get(m->lang, "activity.none"));
		sbuf_puts(o, "</p></figure>\n");
		return;
	}
	if (ch->kind == CHART_BARS)
		fit_labels(ch);
	if (chart_svg(o, ch) == -1)
		kore_log(LOG_ERR, "activity: chart %s failed", ch->id);
	sbuf_puts(o, "<details><summary>");
	html_escape(o, i18n_get(m->lang, "activity.figures"));
	sbuf_puts(o, " <span class=\"visually-hidden\">– ");
	html_escape(o, ch->title);
	sbuf_puts(o, "</span></summary>\n<div class=\"table-wrap\"><table>"
	    "<caption>");
	html_escape(o, ch->title);
	sbuf_puts(o, "</caption>\n<thead><tr>");
	for (k = 0; k < ncols; k++) {
		sbuf_printf(o, "<th scope=\"col\"%s>", k ? " class=\"num\"" : "");
		html_escape(o, i18n_get(m->lang, heads[k]));
		sbuf_puts(o, "</th>");
	}
	sbuf_puts(o, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < ch->ncats; i++) {
		sbuf_puts(o, "<tr>");
		for (k = 0; k < ncols; k++) {
			sbuf_puts(o, k ? "<td class=\"num\">" : "<th scope=\"row\">");
			html_escape(o, cells[i * ncols + k]);
			sbuf_puts(o, k ? "</td>" : "</th>");
		}
		sbuf_puts(o, "</tr>\n");
	}
	sbuf_puts(o, "</tbody></table></div></details></figure>\n");
}

/* Numbers formatted for a table, kept until the page is sent. */
struct numbuf {
	char	v[ACT_ROWS_MAX * 4][FRFMT_BUFSZ];
	size_t	n;
};

static const char *
num(struct numbuf *nb, enum lang l, long long v)
{
	if (nb->n == sizeof(nb->v) / sizeof(nb->v[0]))
		return ("");
	return (fmt_int(nb->v[nb->n++], FRFMT_BUFSZ, l, v));
}

static const char *
pct(struct numbuf *nb, enum lang l, long long part, long long whole)
{
	if (nb->n == sizeof(nb->v) / sizeof(nb->v[0]) || whole <= 0)
		return ("–");
	return (fmt_percent(nb->v[nb->n++], FRFMT_BUFSZ, l,
	    (double)part / (double)whole, 0));
}

static void
tile(struct sbuf *o, const char *value, const char *label,
    const char *detail)
{
	sbuf_puts(o, "<li class=\"tile\"><span class=\"figure\">");
	html_escape(o, value);
	sbuf_puts(o, "</span> ");
	html_escape(o, label);
	if (detail != NULL && detail[0]) {
		sbuf_puts(o, " <span class=\"hint\">");
		html_escape(o, detail);
		sbuf_puts(o, "</span>");
	}
	sbuf_puts(o, "</li>\n");
}

/* The form: a quarter, or a period, and a site. */
static void
act_form(struct sbuf *o, struct mreq *m, struct actx *c)
{
	const struct vocab	*v = &c->vs.v[VOCAB_SITE];
	char			 label[FRFMT_BUFSZ], code[12];
	size_t			 i;
	int			 y, mo, d, q, k, current;

	sbuf_puts(o, "<form class=\"vfilters\" method=\"get\" "
	    "action=\"/visites/activite\">\n<div class=\"field\"><label "
	    "for=\"act-q\">");
	html_escape(o, i18n_get(m->lang, "activity.quarter"));
	sbuf_puts(o, "</label><select id=\"act-q\" name=\"trimestre\">");
	if (sscanf(c->today, "%d-%d-%d", &y, &mo, &d) != 3) {
		y = 2026;
		mo = 1;
	}
	q = (mo - 1) / 3 + 1;
	/* This quarter and the ones before, the newest first. */
	current = c->quarter[0] == '\0' && c->from_typed[0] == '\0';
	for (k = 0; k < ACT_QUARTERS; k++) {
		snprintf(code, sizeof(code), "%04u-T%u", (unsigned)y % 10000u,
		    (unsigned)q % 10u);
		fmt_quarter(label, sizeof(label), m->lang, y, q);
		sbuf_puts(o, "<option value=\"");
		html_escape(o, code);
		sbuf_printf(o, "\"%s>", (current && k == 0) ||
		    strcmp(code, c->quarter) == 0 ? " selected" : "");
		html_escape(o, label);
		sbuf_puts(o, "</option>");
		if (--q == 0) {
			q = 4;
			y--;
		}
	}
	sbuf_puts(o, "</select></div>\n<div class=\"field\"><label "
	    "for=\"act-site\">");
	html_escape(o, i18n_get(m->lang, "visit.f.site"));
	sbuf_puts(o, "</label><select id=\"act-site\" name=\"site\"><option "
	    "value=\"\">");
	html_escape(o, i18n_get(m->lang, "visit.list.all_sites"));
	sbuf_puts(o, "</option>");
	for (i = 0; i < v->n; i++) {
		sbuf_puts(o, "<option value=\"");
		html_escape(o, v->e[i].code);
		sbuf_printf(o, "\"%s>", strcmp(c->site, v->e[i].code) == 0 ?
		    " selected" : "");
		html_escape(o, v->e[i].label_fr);
		sbuf_puts(o, "</option>");
	}
	sbuf_puts(o, "</select></div>\n<p class=\"vfilters-go\"><button "
	    "type=\"submit\">");
	html_escape(o, i18n_get(m->lang, "activity.show"));
	sbuf_puts(o, "</button></p>\n</form>\n");
	/* A period of one's own, folded away. */
	sbuf_printf(o, "<details class=\"vperiod\"%s><summary>",
	    c->from_typed[0] || c->err ? " open" : "");
	html_escape(o, i18n_get(m->lang, "activity.period"));
	sbuf_puts(o, "</summary>\n<form class=\"vfilters\" method=\"get\" "
	    "action=\"/visites/activite\">\n");
	if (c->site[0]) {
		sbuf_puts(o, "<input type=\"hidden\" name=\"site\" value=\"");
		html_escape(o, c->site);
		sbuf_puts(o, "\">");
	}
	sbuf_puts(o, "<div class=\"field\"><label for=\"act-du\">");
	html_escape(o, i18n_get(m->lang, "visit.list.from_label"));
	sbuf_puts(o, "</label><input id=\"act-du\" name=\"du\" type=\"date\" "
	    "value=\"");
	html_escape(o, c->from_typed);
	sbuf_printf(o, "\"%s></div><div class=\"field\"><label for=\"act-au\">",
	    c->err ? " aria-invalid=\"true\" aria-describedby=\"act-err\"" : "");
	html_escape(o, i18n_get(m->lang, "visit.list.to_label"));
	sbuf_puts(o, "</label><input id=\"act-au\" name=\"au\" type=\"date\" "
	    "value=\"");
	html_escape(o, c->to_typed);
	sbuf_printf(o, "\"%s></div>\n<p class=\"vfilters-go\"><button "
	    "type=\"submit\">", c->err ?
	    " aria-invalid=\"true\" aria-describedby=\"act-err\"" : "");
	html_escape(o, i18n_get(m->lang, "activity.show"));
	sbuf_puts(o, "</button></p>\n");
	if (c->err != NULL) {
		sbuf_puts(o, "<p class=\"field-error\" id=\"act-err\">");
		html_escape(o, i18n_get(m->lang, c->err));
		sbuf_puts(o, "</p>\n");
	}
	sbuf_puts(o, "</form></details>\n");
}

static int
act_render(struct http_request *req, struct mreq *m)
{
	static const char *const h_site[] = { "visit.f.site",
	    "activity.h.visits", "activity.h.people", "activity.h.new",
	    "activity.h.returning", "activity.h.anon" };
	static const char *const h_dom[] = { "visit.f.domaines",
	    "activity.h.visits", "activity.h.share" };
	static const char *const h_week[] = { "activity.h.week",
	    "activity.h.visits", "activity.h.people", "activity.h.new" };
	static const char *const h_help[] = { "visit.f.aide",
	    "activity.h.visits", "activity.h.share" };
	static const char *const h_part[] = { "visit.f.orientation",
	    "activity.h.visits", "activity.h.share" };
	struct actx	*c = m->ctx;
	struct numbuf	*nb = NULL;
	struct chart	 ch;
	struct tmpl	 t;
	struct sbuf	 body, tiles, form;
	const char	*cells[ACT_ROWS_MAX * 6];
	char		 fig[4][FRFMT_BUFSZ], detail[2][160], period[200];
	char		 d0[FRFMT_BUFSZ], d1[FRFMT_BUFSZ], hours[FRFMT_BUFSZ];
	enum act_dim	 dim;
	struct act_row	*r;
	size_t		 i, n;
	int		 k, en = m->lang == LANG_EN, y, mo, d;

	if (m->failed)
		return (mreq_error(req, m));
	for (k = 0; k < mreq_rows(m); k++) {
		if (strcmp(mreq_val(m, k, 0), "total") == 0) {
			row_read(m, k, &c->total);
			continue;
		}
		for (dim = 0; dim < AD__MAX; dim++)
			if (strcmp(mreq_val(m, k, 0), act_dim_name[dim]) == 0)
				break;
		if (dim == AD__MAX || c->nrows[dim] == ACT_ROWS_MAX)
			continue;
		row_read(m, k, &c->rows[dim][c->nrows[dim]++]);
	}
	qsort(c->rows[AD_DOMAIN], c->nrows[AD_DOMAIN], sizeof(struct act_row),
	    by_visits);
	qsort(c->rows[AD_PARTNER], c->nrows[AD_PARTNER],
	    sizeof(struct act_row), by_visits);

	nb = kore_calloc(1, sizeof(*nb));
	sbuf_init(&body);
	sbuf_init(&tiles);
	sbuf_init(&form);

	/* The period, as people read it: [first day, last day]. */
	d0[0] = d1[0] = '\0';
	if (sscanf(c->total.label[0], "%d-%d-%d", &y, &mo, &d) == 3)
		fmt_date(d0, sizeof(d0), m->lang, y, mo, d);
	if (sscanf(c->total.label[1], "%d-%d-%d", &y, &mo, &d) == 3) {
		/* The day before the (exclusive) end. */
		if (--d == 0) {
			static const int md[] = {31, 31, 28, 31, 30, 31, 30, 31,
			    31, 30, 31, 30};
			if (--mo == 0) {
				mo = 12;
				y--;
			}
			d = md[mo % 12] + (mo == 2 && ((y % 4 == 0 &&
			    y % 100 != 0) || y % 400 == 0));
		}
		fmt_date(d1, sizeof(d1), m->lang, y, mo, d);
	}
	snprintf(period, sizeof(period), "%s %s %s %s",
	    i18n_get(m->lang, "visit.list.from"), d0,
	    i18n_get(m->lang, "visit.list.to"), d1);
	act_form(&form, m, c);

	/* The headline figures. */
	fmt_int(fig[0], sizeof(fig[0]), m->lang, c->total.visits);
	fmt_int(fig[1], sizeof(fig[1]), m->lang, c->total.people);
	snprintf(detail[0], sizeof(detail[0]), "%s %s, %s %s",
	    num(nb, m->lang, c->total.newp), i18n_get(m->lang,
	    "visit.list.t_new"), num(nb, m->lang, c->total.people -
	    c->total.newp), i18n_get(m->lang, "visit.list.t_returning"));
	snprintf(detail[1], sizeof(detail[1]), "%s %s",
	    num(nb, m->lang, c->total.behalf), i18n_get(m->lang,
	    "activity.visits_word"));
	kore_strlcpy(fig[2], pct(nb, m->lang, c->total.behalf,
	    c->total.visits), sizeof(fig[2]));
	fmt_int(fig[3], sizeof(fig[3]), m->lang, c->total.orient);
	fmt_decimal(hours, sizeof(hours), m->lang, c->total.minutes / 60.0, 0);
	sbuf_puts(&tiles, "<ul class=\"tiles vtotals\">\n");
	tile(&tiles, fig[0], i18n_get(m->lang, "visit.list.t_visits"), NULL);
	tile(&tiles, fig[1], i18n_get(m->lang, "visit.list.t_people"),
	    detail[0]);
	tile(&tiles, fig[2], i18n_get(m->lang, "activity.t_behalf"),
	    detail[1]);
	tile(&tiles, fig[3], i18n_get(m->lang, "visit.list.t_orient"), NULL);
	tile(&tiles, hours, i18n_get(m->lang, "visit.list.t_hours"), NULL);
	sbuf_puts(&tiles, "</ul>\n");

	/* By site: visits, and people new and returning. */
	n = c->nrows[AD_SITE];
	chart_init(&ch, CHART_BARS, m->lang, i18n_get(m->lang,
	    "activity.c.sites"), "act-sites");
	ch.nseries = 1;
	ch.series[0].label = i18n_get(m->lang, "activity.h.visits");
	for (i = 0; i < n && i < CHART_CATS_MAX; i++) {
		r = &c->rows[AD_SITE][i];
		ch.cats[ch.ncats] = r->label[en];
		ch.series[0].values[ch.ncats++] = (double)r->visits;
		cells[i * 6] = r->label[en];
		cells[i * 6 + 1] = num(nb, m->lang, r->visits);
		cells[i * 6 + 2] = num(nb, m->lang, r->people);
		cells[i * 6 + 3] = num(nb, m->lang, r->newp);
		cells[i * 6 + 4] = num(nb, m->lang, r->people - r->newp);
		cells[i * 6 + 5] = num(nb, m->lang, r->anon);
	}
	sbuf_puts(&body, "<section class=\"vsection\"><h2>");
	html_escape(&body, i18n_get(m->lang, "activity.s.sites"));
	sbuf_puts(&body, "</h2>\n");
	chart_block(&body, m, &ch, h_site, 6, cells);
	chart_init(&ch, CHART_COLUMNS, m->lang, i18n_get(m->lang,
	    "activity.c.people"), "act-people");
	ch.nseries = 2;
	ch.series[0].label = i18n_get(m->lang, "activity.h.new");
	ch.series[1].label = i18n_get(m->lang, "activity.h.returning");
	for (i = 0; i < n && i < CHART_CATS_MAX; i++) {
		r = &c->rows[AD_SITE][i];
		ch.cats[ch.ncats] = r->label[en];
		ch.series[0].values[ch.ncats] = (double)r->newp;
		ch.series[1].values[ch.ncats++] = (double)(r->people - r->newp);
	}
	if (ch.ncats > 0 && chart_svg(&body, &ch) == -1)
		kore_log(LOG_ERR, "activity: chart people failed");
	sbuf_puts(&body, "</section>\n");

	/* By domain. */
	n = c->nrows[AD_DOMAIN];
	chart_init(&ch, CHART_BARS, m->lang, i18n_get(m->lang,
	    "activity.c.domains"), "act-domains");
	ch.nseries = 1;
	for (i = 0; i < n && i < CHART_CATS_MAX; i++) {
		r = &c->rows[AD_DOMAIN][i];
		ch.cats[ch.ncats] = r->label[en];
		ch.series[0].values[ch.ncats++] = (double)r->visits;
		cells[i * 3] = r->label[en];
		cells[i * 3 + 1] = num(nb, m->lang, r->visits);
		cells[i * 3 + 2] = pct(nb, m->lang, r->visits, c->total.visits);
	}
	sbuf_puts(&body, "<section class=\"vsection\"><h2>");
	html_escape(&body, i18n_get(m->lang, "activity.s.domains"));
	sbuf_puts(&body, "</h2>\n<p class=\"hint\">");
	html_escape(&body, i18n_get(m->lang, "activity.domains_note"));
	sbuf_puts(&body, "</p>\n");
	chart_block(&body, m, &ch, h_dom, 3, cells);
	sbuf_puts(&body, "</section>\n");

	/* By week. */
	n = c->nrows[AD_WEEK];
	chart_init(&ch, CHART_COLUMNS, m->lang, i18n_get(m->lang,
	    "activity.c.weeks"), "act-weeks");
	ch.nseries = 2;
	ch.series[0].label = i18n_get(m->lang, "activity.h.visits");
	ch.series[1].label = i18n_get(m->lang, "activity.h.new");
	for (i = 0; i < n && i < CHART_CATS_MAX; i++) {
		r = &c->rows[AD_WEEK][i];
		ch.cats[ch.ncats] = r->label[en];
		ch.series[0].values[ch.ncats] = (double)r->visits;
		ch.series[1].values[ch.ncats++] = (double)r->newp;
		cells[i * 4] = r->label[en];
		cells[i * 4 + 1] = num(nb, m->lang, r->visits);
		cells[i * 4 + 2] = num(nb, m->lang, r->people);
		cells[i * 4 + 3] = num(nb, m->lang, r->newp);
	}
	sbuf_puts(&body, "<section class=\"vsection\"><h2>");
	html_escape(&body, i18n_get(m->lang, "activity.s.weeks"));
	sbuf_puts(&body, "</h2>\n");
	chart_block(&body, m, &ch, h_week, 4, cells);
	sbuf_puts(&body, "</section>\n");

	/* Kinds of help: shares of the visits. */
	n = c->nrows[AD_HELP];
	chart_init(&ch, CHART_BARS, m->lang, i18n_get(m->lang,
	    "activity.c.help"), "act-help");
	ch.nseries = 1;
	ch.unit = "%";
	for (i = 0; i < n && i < CHART_CATS_MAX; i++) {
		r = &c->rows[AD_HELP][i];
		ch.cats[ch.ncats] = r->label[en];
		ch.series[0].values[ch.ncats++] = c->total.visits > 0 ?
		    (double)r->visits / (double)c->total.visits : 0;
		cells[i * 3] = r->label[en];
		cells[i * 3 + 1] = num(nb, m->lang, r->visits);
		cells[i * 3 + 2] = pct(nb, m->lang, r->visits, c->total.visits);
	}
	if (c->total.visits == 0)
		ch.ncats = 0;
	sbuf_puts(&body, "<section class=\"vsection\"><h2>");
	html_escape(&body, i18n_get(m->lang, "activity.s.help"));
	sbuf_puts(&body, "</h2>\n");
	chart_block(&body, m, &ch, h_help, 3, cells);
	sbuf_puts(&body, "</section>\n");

	/* Orientations, by partner. */
	n = c->nrows[AD_PARTNER];
	chart_init(&ch, CHART_BARS, m->lang, i18n_get(m->lang,
	    "activity.c.partners"), "act-partners");
	ch.nseries = 1;
	for (i = 0; i < n && i < CHART_CATS_MAX; i++) {
		r = &c->rows[AD_PARTNER][i];
		ch.cats[ch.ncats] = r->label[en];
		ch.series[0].values[ch.ncats++] = (double)r->visits;
		cells[i * 3] = r->label[en];
		cells[i * 3 + 1] = num(nb, m->lang, r->visits);
		cells[i * 3 + 2] = pct(nb, m->lang, r->visits, c->total.visits);
	}
	sbuf_puts(&body, "<section class=\"vsection\"><h2>");
	html_escape(&body, i18n_get(m->lang, "activity.s.partners"));
	sbuf_puts(&body, "</h2>\n<p class=\"hint\">");
	html_escape(&body, i18n_get(m->lang, "activity.partners_note"));
	sbuf_puts(&body, "</p>\n");
	chart_block(&body, m, &ch, h_part, 3, cells);
	sbuf_puts(&body, "</section>\n");

	staff_tmpl_init(&t, m);
	tmpl_set(&t, "period", period);
	tmpl_set(&t, "site", c->site[0] ? visit_label(&c->vs, VOCAB_SITE,
	    c->site, m->lang) : i18n_get(m->lang, "visit.list.all_sites"));
	/* Raw: markup built above with html_escape() and chart_svg(). */
	tmpl_set_raw(&t, "form", form.data);
	tmpl_set_raw(&t, "tiles", tiles.data);
	tmpl_set_raw(&t, "body", body.data);
	(void)staff_page(req, m, c->err != NULL ? 422 : 200, &t,
	    TMPL_ACTIVITY_PAGE, i18n_get(m->lang, "activity.title"));
	sbuf_free(&body);
	sbuf_free(&tiles);
	sbuf_free(&form);
	kore_free(nb);
	return (MREQ_DONE);
}
