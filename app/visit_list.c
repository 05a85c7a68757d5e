/*
 * visit_list – GET /visites: the visits a person may see and correct.
 *
 *  - a mediator: the visits they recorded today, to check and correct
 *    (visit_save() refuses any other);
 *  - a coordinator or an administrator: every visit of the organisation,
 *    filtered by site, period (du, au), domain and kind of help, fifty a
 *    page (?page=N), with the totals of the whole selection: visits,
 *    people (new and returning), anonymous visits, done on the person's
 *    behalf, orientations, time spent.
 *
 * Filters come from the query string and are checked against the
 * organisation's lists (an unknown code is ignored, as "all"); the scope
 * is m->sess. One statement gives the page and the totals
 * (sql/queries/visit_list.sql).
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "visit_app.h"

#define LIST_PAGE	50
#define LIST_PAGES_MAX	100000

struct lctx {
	struct vocabs	 vs;		/* libc; sites, domains, kinds of help */
	int		 have_vs;
	int		 mediator;	/* the mediator's day */
	char		 site[48];
	char		 domain[48];
	char		 help[48];
	char		 from[11];	/* YYYY-MM-DD or "" */
	char		 to[11];
	char		 from_typed[16];
	char		 to_typed[16];
	const char	*err_period;	/* message key */
	long		 page;		/* 1-based */
	char		 limit[8];
	char		 offset[16];
	char		 notice[16];
};

static void	lctx_free(void *);
static int	list_start(struct http_request *, struct mreq *);
static int	list_filters(struct http_request *, struct mreq *);
static int	list_render(struct http_request *, struct mreq *);
static void	filter_select(struct sbuf *, struct mreq *, struct lctx *,
		    enum vocab_id, const char *, const char *, const char *,
		    const char *);
static void	page_href(struct sbuf *, struct lctx *, long);
static void	figure(struct sbuf *, enum lang, const char *, const char *,
		    const char *);

static const struct mreq_route list_route = {
	.name = "visit_list",
	.start = list_start,
	.ctx_size = sizeof(struct lctx),
	.ctx_free = lctx_free,
	.roles = ROLE_MEDIATOR | ROLE_COORDINATOR | ROLE_ADMIN,
};

int
page_visit_list(struct http_request *req)
{
	return (mreq_run(req, &list_route));
}

static void
lctx_free(void *p)
{
	struct lctx	*c = p;

	if (c->have_vs)
		vocabs_free(&c->vs);
	c->have_vs = 0;
}

static int
list_start(struct http_request *req, struct mreq *m)
{
	struct lctx	*c = m->ctx;
	const char	*qs = req->query_string;
	char		 page[16];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	vocabs_init(&c->vs);
	c->have_vs = 1;
	c->mediator = m->sess->role == ROLE_MEDIATOR;
	c->page = 1;
	if (qs != NULL) {
		(void)qs_get(qs, "site", c->site, sizeof(c->site));
		(void)qs_get(qs, "domaine", c->domain, sizeof(c->domain));
		(void)qs_get(qs, "aide", c->help, sizeof(c->help));
		(void)qs_get(qs, "du", c->from_typed, sizeof(c->from_typed));
		(void)qs_get(qs, "au", c->to_typed, sizeof(c->to_typed));
		if (qs_get(qs, "page", page, sizeof(page)))
			c->page = strtol(page, NULL, 10);
		if (qs_get(qs, "supprimee", c->notice, sizeof(c->notice)))
			kore_strlcpy(c->notice, "deleted", sizeof(c->notice));
	}
	if (c->page < 1 || c->page > LIST_PAGES_MAX)
		c->page = 1;
	if (c->from_typed[0] != '\0' &&
	    !visit_date_parse(c->from_typed, c->from))
		c->err_period = "visit.list.err_date";
	if (c->to_typed[0] != '\0' && !visit_date_parse(c->to_typed, c->to))
		c->err_period = "visit.list.err_date";
	if (c->from[0] && c->to[0] && strcmp(c->from, c->to) > 0)
		c->err_period = "visit.list.err_period";
	if (c->err_period != NULL)
		c->from[0] = c->to[0] = '\0';
	return (mreq_query(m, SQL_VISIT_SITES, list_filters, 1,
	    m->sess->org_id));
}

static int
list_filters(struct http_request *req, struct mreq *m)
{
	struct lctx	*c = m->ctx;

	if (m->failed)
		return (mreq_error(req, m));
	if (visit_sites_parse(m, &c->vs) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	/* A code the organisation does not have is no filter. */
	if (vocab_find(&c->vs.v[VOCAB_SITE], c->site) == NULL)
		c->site[0] = '\0';
	if (vocab_find(&c->vs.v[VOCAB_DOMAIN], c->domain) == NULL)
		c->domain[0] = '\0';
	if (vocab_find(&c->vs.v[VOCAB_HELP], c->help) == NULL)
		c->help[0] = '\0';
	snprintf(c->limit, sizeof(c->limit), "%d", LIST_PAGE);
	snprintf(c->offset, sizeof(c->offset), "%ld",
	    (c->page - 1) * LIST_PAGE);
	if (c->mediator)
		return (mreq_query(m, SQL_VISIT_LIST, list_render, 10,
		    m->sess->org_id, NULL, NULL, NULL, NULL, NULL,
		    m->sess->user_id, m->sess->user_id, c->limit, c->offset));
	return (mreq_query(m, SQL_VISIT_LIST, list_render, 10,
	    m->sess->org_id, c->from[0] ? c->from : NULL,
	    c->to[0] ? c->to : NULL, c->site[0] ? c->site : NULL,
	    c->domain[0] ? c->domain : NULL, c->help[0] ? c->help : NULL,
	    NULL, m->sess->user_id, c->limit, c->offset));
}

/* A <select> of a filter: "all" first, then the list. */
static void
filter_select(struct sbuf *o, struct mreq *m, struct lctx *c,
    enum vocab_id vid, const char *name, const char *label_key,
    const char *all_key, const char *current)
{
	const struct vocab	*v = &c->vs.v[vid];
	size_t			 i;

	sbuf_printf(o, "<div class=\"field\"><label for=\"flt-%s\">", name);
	html_escape(o, i18n_get(m->lang, label_key));
	sbuf_printf(o, "</label><select id=\"flt-%s\" name=\"%s\">"
	    "<option value=\"\">", name, name);
	html_escape(o, i18n_get(m->lang, all_key));
	sbuf_puts(o, "</option>");
	for (i = 0; i < v->n; i++) {
		sbuf_puts(o, "<option value=\"");
		html_escape(o, v->e[i].code);
		sbuf_printf(o, "\"%s>", strcmp(current, v->e[i].code) == 0 ?
		    " selected" : "");
		html_escape(o, m->lang == LANG_EN && v->e[i].label_en[0] ?
		    v->e[i].label_en : v->e[i].label_fr);
		sbuf_puts(o, "</option>");
	}
	sbuf_puts(o, "</select></div>\n");
}

/* /visites?… for page n with the same filters (codes and dates only). */
static void
page_href(struct sbuf *o, struct lctx *c, long n)
{
	sbuf_printf(o, "/visites?page=%ld", n);
	if (c->site[0])
		sbuf_printf(o, "&site=%s", c->site);
	if (c->domain[0])
		sbuf_printf(o, "&domaine=%s", c->domain);
	if (c->help[0])
		sbuf_printf(o, "&aide=%s", c->help);
	if (c->from[0])
		sbuf_printf(o, "&du=%s", c->from);
	if (c->to[0])
		sbuf_printf(o, "&au=%s", c->to);
}

/* "2026-11-27 16:25" as "27/11/2026 16:25": short, for a table. */
static void
list_time(char *out, size_t outsz, const char *ts)
{
	unsigned	y, mo, d, h, mi;

	if (sscanf(ts, "%4u-%2u-%2u %2u:%2u", &y, &mo, &d, &h, &mi) != 5) {
		kore_strlcpy(out, ts, outsz);
		return;
	}
	snprintf(out, outsz, "%02u/%02u/%04u %02u:%02u", d % 100u, mo % 100u,
	    y % 10000u, h % 100u, mi % 100u);
}

/* One figure of the totals: a big number and what it counts. */
static void
figure(struct sbuf *o, enum lang l, const char *value, const char *key,
    const char *detail)
{
	sbuf_puts(o, "<li class=\"tile\"><span class=\"figure\">");
	html_escape(o, value);
	sbuf_puts(o, "</span> ");
	html_escape(o, i18n_get(l, key));
	if (detail != NULL && detail[0] != '\0') {
		sbuf_puts(o, " <span class=\"hint\">");
		html_escape(o, detail);
		sbuf_puts(o, "</span>");
	}
	sbuf_puts(o, "</li>\n");
}

static int
list_render(struct http_request *req, struct mreq *m)
{
	struct lctx	*c = m->ctx;
	struct tmpl	 t, r;
	struct sbuf	 rows, filters, totals, pager, notice, href;
	char		 at[FRFMT_BUFSZ * 2], dur[32], edit[48], n[8][FRFMT_BUFSZ];
	char		 share[FRFMT_BUFSZ], detail[320], hours[FRFMT_BUFSZ];
	char		 d0[FRFMT_BUFSZ], d1[FRFMT_BUFSZ], period[320];
	char		 pages[FRFMT_BUFSZ * 2 + 32];
	long long	 visits, people, newp, anon, behalf, orient, minutes;
	long		 npages;
	int		 i, en = m->lang == LANG_EN, y, mo, d;

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) < 1)
		return (mreq_error(req, m));
	sbuf_init(&rows);
	sbuf_init(&filters);
	sbuf_init(&totals);
	sbuf_init(&pager);
	sbuf_init(&notice);
	sbuf_init(&href);

	for (i = 0; i < mreq_rows(m); i++) {
		if (mreq_isnull(m, i, 0))
			continue;
		tmpl_init(&r, m->lang);
		list_time(at, sizeof(at), mreq_val(m, i, 1));
		dur[0] = '\0';
		if (!mreq_isnull(m, i, 9))
			snprintf(dur, sizeof(dur), "%s min", mreq_val(m, i, 9));
		snprintf(edit, sizeof(edit), "/visites/%s", mreq_val(m, i, 0));
		tmpl_set(&r, "at", at);
		tmpl_set(&r, "site", mreq_val(m, i, 2));
		tmpl_set(&r, "domains", mreq_val(m, i, 3 + en));
		tmpl_set(&r, "help", mreq_val(m, i, 5 + en));
		tmpl_set(&r, "partner", mreq_val(m, i, 7 + en));
		tmpl_set(&r, "duration", dur);
		tmpl_set(&r, "person", mreq_isnull(m, i, 10) ? "–" :
		    mreq_val(m, i, 10));
		tmpl_set(&r, "new", strcmp(mreq_val(m, i, 11), "true") == 0 &&
		    !mreq_isnull(m, i, 10) ? i18n_get(m->lang,
		    "visit.list.new") : "");
		tmpl_set(&r, "by", mreq_isnull(m, i, 12) ?
		    i18n_get(m->lang, "visit.list.imported") :
		    mreq_val(m, i, 12));
		tmpl_set(&r, "edit", edit);
		/* Raw: a fixed attribute. */
		tmpl_set_raw(&r, "edit_hidden", strcmp(mreq_val(m, i, 14),
		    "t") == 0 ? "" : " hidden");
		(void)tmpl_render(&rows, TMPL_VISIT_LIST_ROW, &r);
	}

	visits = strtoll(mreq_val(m, 0, 15), NULL, 10);
	people = strtoll(mreq_val(m, 0, 16), NULL, 10);
	newp = strtoll(mreq_val(m, 0, 17), NULL, 10);
	anon = strtoll(mreq_val(m, 0, 18), NULL, 10);
	behalf = strtoll(mreq_val(m, 0, 19), NULL, 10);
	orient = strtoll(mreq_val(m, 0, 20), NULL, 10);
	minutes = strtoll(mreq_val(m, 0, 21), NULL, 10);
	fmt_int(n[0], sizeof(n[0]), m->lang, visits);
	fmt_int(n[1], sizeof(n[1]), m->lang, people);
	fmt_int(n[2], sizeof(n[2]), m->lang, newp);
	fmt_int(n[3], sizeof(n[3]), m->lang, people - newp);
	fmt_int(n[4], sizeof(n[4]), m->lang, anon);
	fmt_int(n[5], sizeof(n[5]), m->lang, behalf);
	fmt_int(n[6], sizeof(n[6]), m->lang, orient);
	fmt_decimal(hours, sizeof(hours), m->lang, minutes / 60.0, 1);
	sbuf_puts(&totals, "<ul class=\"tiles vtotals\">\n");
	figure(&totals, m->lang, n[0], "visit.list.t_visits", NULL);
	if (!c->mediator) {
		snprintf(detail, sizeof(detail), "%s %s, %s %s", n[2],
		    i18n_get(m->lang, "visit.list.t_new"), n[3],
		    i18n_get(m->lang, "visit.list.t_returning"));
		figure(&totals, m->lang, n[1], "visit.list.t_people", detail);
		figure(&totals, m->lang, n[4], "visit.list.t_anon", NULL);
		share[0] = '\0';
		if (visits > 0)
			fmt_percent(share, sizeof(share), m->lang,
			    (double)behalf / (double)visits, 0);
		figure(&totals, m->lang, n[5], "visit.list.t_behalf", share);
		figure(&totals, m->lang, n[6], "visit.list.t_orient", NULL);
	}
	figure(&totals, m->lang, hours, "visit.list.t_hours", NULL);
	sbuf_puts(&totals, "</ul>\n");

	/* The period shown, as people read it. */
	d0[0] = d1[0] = '\0';
	if (sscanf(mreq_val(m, 0, 22), "%d-%d-%d", &y, &mo, &d) == 3)
		fmt_date(d0, sizeof(d0), m->lang, y, mo, d);
	if (sscanf(mreq_val(m, 0, 23), "%d-%d-%d", &y, &mo, &d) == 3)
		fmt_date(d1, sizeof(d1), m->lang, y, mo, d);
	snprintf(period, sizeof(period), "%s %s %s %s",
	    i18n_get(m->lang, "visit.list.from"), d0,
	    i18n_get(m->lang, "visit.list.to"), d1);

	if (!c->mediator) {
		sbuf_puts(&filters, "<form class=\"vfilters\" method=\"get\" "
		    "action=\"/visites\">\n");
		filter_select(&filters, m, c, VOCAB_SITE, "site",
		    "visit.f.site", "visit.list.all_sites", c->site);
		sbuf_puts(&filters, "<div class=\"field\"><label for=\"flt-du\">");
		html_escape(&filters, i18n_get(m->lang, "visit.list.from_label"));
		sbuf_puts(&filters, "</label><input id=\"flt-du\" name=\"du\" "
		    "type=\"date\" value=\"");
		html_escape(&filters, c->err_period ? c->from_typed :
		    mreq_val(m, 0, 22));
		sbuf_printf(&filters, "\"%s></div>\n", c->err_period ?
		    " aria-invalid=\"true\" aria-describedby=\"err-period\"" : "");
		sbuf_puts(&filters, "<div class=\"field\"><label for=\"flt-au\">");
		html_escape(&filters, i18n_get(m->lang, "visit.list.to_label"));
		sbuf_puts(&filters, "</label><input id=\"flt-au\" name=\"au\" "
		    "type=\"date\" value=\"");
		html_escape(&filters, c->err_period ? c->to_typed :
		    mreq_val(m, 0, 23));
		sbuf_printf(&filters, "\"%s></div>\n", c->err_period ?
		    " aria-invalid=\"true\" aria-describedby=\"err-period\"" : "");
		filter_select(&filters, m, c, VOCAB_DOMAIN, "domaine",
		    "visit.f.domaines", "visit.list.all_domains", c->domain);
		filter_select(&filters, m, c, VOCAB_HELP, "aide",
		    "visit.f.aide", "visit.list.all_help", c->help);
		sbuf_puts(&filters, "<p class=\"vfilters-go\"><button "
		    "type=\"submit\">");
		html_escape(&filters, i18n_get(m->lang, "visit.list.filter"));
		sbuf_puts(&filters, "</button></p>\n");
		if (c->err_period != NULL) {
			sbuf_puts(&filters, "<p class=\"field-error\" "
			    "id=\"err-period\">");
			html_escape(&filters, i18n_get(m->lang, c->err_period));
			sbuf_puts(&filters, "</p>\n");
		}
		sbuf_puts(&filters, "</form>\n");
	}

	npages = (long)((visits + LIST_PAGE - 1) / LIST_PAGE);
	if (npages > 1) {
		snprintf(pages, sizeof(pages), "%s %ld / %ld",
		    i18n_get(m->lang, "visit.list.page"), c->page, npages);
		sbuf_puts(&pager, "<nav class=\"pager\" aria-label=\"");
		html_escape(&pager, i18n_get(m->lang, "visit.list.pages"));
		sbuf_puts(&pager, "\"><p>");
		if (c->page > 1) {
			sbuf_reset(&href);
			page_href(&href, c, c->page - 1);
			sbuf_puts(&pager, "<a class=\"button secondary\" "
			    "rel=\"prev\" href=\"");
			html_escape(&pager, href.data);
			sbuf_puts(&pager, "\">");
			html_escape(&pager, i18n_get(m->lang, "visit.list.prev"));
			sbuf_puts(&pager, "</a> ");
		}
		sbuf_puts(&pager, "<span>");
		html_escape(&pager, pages);
		sbuf_puts(&pager, "</span>");
		if (c->page < npages) {
			sbuf_reset(&href);
			page_href(&href, c, c->page + 1);
			sbuf_puts(&pager, " <a class=\"button secondary\" "
			    "rel=\"next\" href=\"");
			html_escape(&pager, href.data);
			sbuf_puts(&pager, "\">");
			html_escape(&pager, i18n_get(m->lang, "visit.list.next"));
			sbuf_puts(&pager, "</a>");
		}
		sbuf_puts(&pager, "</p></nav>\n");
	}
	if (strcmp(c->notice, "deleted") == 0)
		staff_notice(&notice, "ok", i18n_get(m->lang,
		    "visit.list.deleted"));

	staff_tmpl_init(&t, m);
	tmpl_set(&t, "h1", i18n_get(m->lang, c->mediator ?
	    "visit.list.mine_title" : "visit.list.title"));
	tmpl_set(&t, "caption", c->mediator ? i18n_get(m->lang,
	    "visit.list.mine_caption") : period);
	tmpl_set(&t, "empty", rows.len == 0 ? i18n_get(m->lang,
	    c->mediator ? "visit.list.mine_empty" : "visit.list.empty") : "");
	/* Raw: markup built above with html_escape() or from templates. */
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "filters", filters.data);
	tmpl_set_raw(&t, "totals", totals.data);
	tmpl_set_raw(&t, "pager", pager.data);
	tmpl_set_raw(&t, "notice", notice.data);
	/* Raw: fixed attributes. */
	tmpl_set_raw(&t, "staff_hidden", c->mediator ? " hidden" : "");
	tmpl_set_raw(&t, "table_hidden", rows.len == 0 ? " hidden" : "");
	(void)staff_page(req, m, 200, &t, TMPL_VISIT_LIST,
	    i18n_get(m->lang, c->mediator ? "visit.list.mine_title" :
	    "visit.list.title"));
	sbuf_free(&rows);
	sbuf_free(&filters);
	sbuf_free(&totals);
	sbuf_free(&pager);
	sbuf_free(&notice);
	sbuf_free(&href);
	return (MREQ_DONE);
}
