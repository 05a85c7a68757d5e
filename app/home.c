/*
 * home – GET / : the public home page. Lists the reception points with
 * their address, phone and opening hours, with a link to give one's
 * opinion there. One query (sql/queries/sites_public.sql).
 *
 * Also the fallback route for any path no other route serves, so that a
 * 404 carries the same headers and language as every other page.
 */
#include <string.h>

#include "app.h"
#include "hours.h"
#include "html.h"
#include "mreq.h"
#include "respond.h"
#include "sbuf.h"

static int	home_start(struct http_request *, struct mreq *);
static int	home_render(struct http_request *, struct mreq *);

static const struct mreq_route home_route = {
	.name = "home",
	.start = home_start,
};

int
page_home(struct http_request *req)
{
	return (mreq_run(req, &home_route));
}

int
page_not_found(struct http_request *req)
{
	respond_error(req, 404, request_lang(req), "error.not_found");
	return (KORE_RESULT_OK);
}

static int
home_start(struct http_request *req, struct mreq *m)
{
	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_error(req, 405, m->lang, "error.method");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_SITES_PUBLIC, home_render, 0));
}

/*
 * The phone as a link people can tap: "02 38 68 31 40" dials
 * tel:+33238683140. Nothing when the site has no phone (an empty tel:
 * link is an accessibility fault).
 */
static void
home_phone_link(struct sbuf *out, const char *phone)
{
	char	digits[24];
	size_t	i, n;

	for (i = 0, n = 0; phone[i] != '\0' && n + 1 < sizeof(digits); i++)
		if (phone[i] >= '0' && phone[i] <= '9')
			digits[n++] = phone[i];
	digits[n] = '\0';
	if (n == 0)
		return;
	sbuf_puts(out, "<br><a href=\"tel:");
	if (n == 10 && digits[0] == '0')
		sbuf_printf(out, "+33%s", digits + 1);
	else
		sbuf_puts(out, digits);
	sbuf_puts(out, "\">");
	html_escape(out, phone);
	sbuf_puts(out, "</a>");
}

/* One site: name, place, address, hours, the survey link. */
static int
home_render_site(struct sbuf *out, struct mreq *m, int row)
{
	struct tmpl		 t;
	struct hours_day	 days[HOURS_DAYS];
	struct sbuf		 hours, phone;
	const char		*json;
	char			 href[96];
	int			 d, rc;

	tmpl_init(&t, m->lang);
	sbuf_init(&hours);
	json = mreq_val(m, row, 8);
	if (hours_parse(json, strlen(json), m->lang, days) == 0) {
		for (d = 0; d < HOURS_DAYS; d++) {
			struct tmpl	 h;

			if (days[d].text[0] == '\0')
				continue;
			tmpl_init(&h, m->lang);
			tmpl_set(&h, "day", hours_day_name(m->lang, d + 1));
			tmpl_set(&h, "slots", days[d].text);
			if (tmpl_render(&hours, TMPL_HOME_HOURS, &h) == -1) {
				sbuf_free(&hours);
				return (-1);
			}
		}
	}
	snprintf(href, sizeof(href), "/s/satisfaction/%s", mreq_val(m, row, 0));
	tmpl_set(&t, "name", mreq_val(m, row, 1));
	tmpl_set(&t, "place", mreq_val(m, row, 2));
	tmpl_set(&t, "address", mreq_val(m, row, 3));
	tmpl_set(&t, "postcode", mreq_val(m, row, 4));
	tmpl_set(&t, "city", mreq_val(m, row, 5));
	sbuf_init(&phone);
	home_phone_link(&phone, mreq_val(m, row, 6));
	/* Raw: built by home_phone_link() from digits and escaped text. */
	tmpl_set_raw(&t, "phone_link", phone.data);
	tmpl_set(&t, "appointment", strcmp(mreq_val(m, row, 7), "t") == 0 ?
	    i18n_get(m->lang, "home.by_appointment") : "");
	tmpl_set(&t, "survey_href", href);
	/* Raw: built above from escaped template renders. */
	tmpl_set_raw(&t, "hours", hours.data);
	rc = tmpl_render(out, TMPL_HOME_SITE, &t);
	sbuf_free(&hours);
	sbuf_free(&phone);
	return (rc);
}

static int
home_render(struct http_request *req, struct mreq *m)
{
	struct tmpl	 t;
	struct sbuf	 sites;
	int		 row;

	if (m->failed)
		return (mreq_error(req, m));

	sbuf_init(&sites);
	for (row = 0; row < mreq_rows(m); row++) {
		if (home_render_site(&sites, m, row) == -1) {
			sbuf_free(&sites);
			respond_error(req, 500, m->lang, "error.internal");
			return (MREQ_DONE);
		}
	}
	tmpl_init(&t, m->lang);
	tmpl_set(&t, "organisation", mreq_rows(m) > 0 ? mreq_val(m, 0, 9) : "");
	/* Raw: the site cards rendered above. */
	tmpl_set_raw(&t, "sites", sites.data);
	(void)respond_page(req, 200, &t, TMPL_HOME, i18n_get(m->lang,
	    "home.title"), CACHE_REVALIDATE);
	sbuf_free(&sites);
	return (MREQ_DONE);
}
