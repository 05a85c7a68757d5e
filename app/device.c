/*
 * device – the reception points' tablets, for mediators (their sites)
 * and coordinators (every site of the organisation):
 *
 *	GET /tablettes			the tablets, and the form to enrol one
 *	POST /tablettes			enrol: a one-time link (30 minutes),
 *					its QR code, the staff PIN – shown once
 *	POST /tablettes/{id}/retirer	revoke: its token stops working at once
 *
 * The same enrolment as `mesure-admin kiosk-enrol` (migration 0100: the
 * tablet opens /kiosk/inscription/{code}, kiosk_enrol() swaps the code
 * for a device token in a cookie), made here with the site checked
 * against the user's (device_create() of migration 0310) and audited.
 * Only SHA-256 digests of the code, the token and the salted PIN are
 * stored.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "qr.h"
#include "survey.h"
#include "survey_def.h"
#include "visit_app.h"

#define DEVICE_ENROL_MINUTES	"30"
#define DEVICE_NAME_MAX		80	/* characters */

struct dctx {
	struct vform	 f;			/* the user's sites */
	char		 site[48];
	char		 name[3 * DEVICE_NAME_MAX + 1];
	char		 pin[16];
	char		 code[SURVEY_TOKEN_LEN + 1];
	char		 code_hash[65];
	char		 salt[33];
	char		 pin_hash[65];
	char		 id[24];
	const char	*err_site, *err_name, *err_pin;
	const char	*notice;
};

static void	dctx_free(void *);
static int	dev_start(struct http_request *, struct mreq *);
static int	dev_sites(struct http_request *, struct mreq *);
static int	dev_list(struct http_request *, struct mreq *);
static int	dev_render(struct http_request *, struct mreq *, int);
static int	dev_created(struct http_request *, struct mreq *);
static int	dev_revoke_start(struct http_request *, struct mreq *);
static int	dev_revoked(struct http_request *, struct mreq *);

static const struct mreq_route list_route = {
	.name = "device_list",
	.start = dev_start,
	.ctx_size = sizeof(struct dctx),
	.ctx_free = dctx_free,
	.roles = ROLE_MEDIATOR | ROLE_COORDINATOR | ROLE_ADMIN,
	.form_max = 4096,
};

static const struct mreq_route revoke_route = {
	.name = "device_revoke",
	.start = dev_revoke_start,
	.ctx_size = sizeof(struct dctx),
	.ctx_free = dctx_free,
	.roles = ROLE_MEDIATOR | ROLE_COORDINATOR | ROLE_ADMIN,
	.form_max = 4096,
};

int
page_device_list(struct http_request *req)
{
	return (mreq_run(req, &list_route));
}

int
page_device_revoke(struct http_request *req)
{
	return (mreq_run(req, &revoke_route));
}

static void
dctx_free(void *p)
{
	struct dctx	*c = p;

	vform_free(&c->f);
	sodium_memzero(c->code, sizeof(c->code));
	sodium_memzero(c->pin, sizeof(c->pin));
}

static int
dev_start(struct http_request *req, struct mreq *m)
{
	struct dctx	*c = m->ctx;
	char		 flag[8];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	vform_init(&c->f);
	if (req->query_string != NULL &&
	    qs_get(req->query_string, "retiree", flag, sizeof(flag)))
		c->notice = "device.revoked";
	return (mreq_query(m, SQL_VISIT_FORM, dev_sites, 2, m->sess->org_id,
	    m->sess->user_id));
}

/* Is s printable text without markup characters, 1 to max characters? */
static int
name_ok(const char *s, size_t max)
{
	size_t	n = 0;

	if (!utf8_valid(s, strlen(s)))
		return (0);
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '<' ||
		    *s == '>')
			return (0);
		n += ((unsigned char)*s & 0xc0) != 0x80;
	}
	return (n >= 1 && n <= max);
}

static int
dev_sites(struct http_request *req, struct mreq *m)
{
	struct dctx	*c = m->ctx;
	const char	*v;
	char		 salted[64];
	size_t		 i;
	unsigned char	 raw[16];

	if (m->failed)
		return (mreq_error(req, m));
	if (vform_load(m, &c->f) == -1) {
		respond_error(req, 403, m->lang, "visit.err.no_site");
		return (MREQ_DONE);
	}
	if (req->method != HTTP_METHOD_POST) {
		if (c->f.nsites == 1)
			kore_strlcpy(c->site, c->f.vs.v[VOCAB_SITE].e[0].code,
			    sizeof(c->site));
		else if (c->f.last_site[0])
			kore_strlcpy(c->site, c->f.last_site, sizeof(c->site));
		return (mreq_query(m, SQL_DEVICE_LIST, dev_list, 2,
		    m->sess->org_id, m->sess->user_id));
	}

	/* Enrol: check the form. */
	v = mreq_field(m, "site");
	kore_strlcpy(c->site, v ? v : "", sizeof(c->site));
	v = mreq_field(m, "nom");
	kore_strlcpy(c->name, v ? v + strspn(v, " ") : "", sizeof(c->name));
	for (i = strlen(c->name); i > 0 && c->name[i - 1] == ' '; i--)
		c->name[i - 1] = '\0';
	v = mreq_field(m, "pin");
	kore_strlcpy(c->pin, v ? v : "", sizeof(c->pin));
	if (vocab_find(&c->f.vs.v[VOCAB_SITE], c->site) == NULL)
		c->err_site = "device.err.site";
	if (c->name[0] == '\0')
		kore_strlcpy(c->name, i18n_get(m->lang, "device.default_name"),
		    sizeof(c->name));
	if (!name_ok(c->name, DEVICE_NAME_MAX))
		c->err_name = "device.err.name";
	if (c->pin[0] != '\0' && (strlen(c->pin) < 4 || strlen(c->pin) > 12 ||
	    strspn(c->pin, "0123456789") != strlen(c->pin)))
		c->err_pin = "device.err.pin";
	if (c->err_site || c->err_name || c->err_pin) {
		sodium_memzero(c->pin, sizeof(c->pin));
		return (mreq_query(m, SQL_DEVICE_LIST, dev_list, 2,
		    m->sess->org_id, m->sess->user_id));
	}
	if (c->pin[0] == '\0') {
		for (i = 0; i < 6; i++)
			c->pin[i] = (char)('0' + randombytes_uniform(10));
		c->pin[6] = '\0';
	}
	if (survey_token_new(c->code) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	survey_sha256_hex(c->code, strlen(c->code), c->code_hash);
	randombytes_buf(raw, sizeof(raw));
	survey_hex(raw, sizeof(raw), c->salt);
	snprintf(salted, sizeof(salted), "%s%s", c->salt, c->pin);
	survey_sha256_hex(salted, strlen(salted), c->pin_hash);
	sodium_memzero(salted, sizeof(salted));
	return (mreq_query(m, SQL_DEVICE_CREATE, dev_created, 10,
	    m->sess->org_id, m->sess->user_id, c->site, c->name, c->code_hash,
	    DEVICE_ENROL_MINUTES, c->salt, c->pin_hash, m->sess->email,
	    m->client_ip[0] ? m->client_ip : NULL));
}

static int
dev_list(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	return (dev_render(req, m, ((struct dctx *)m->ctx)->err_site ||
	    ((struct dctx *)m->ctx)->err_name ||
	    ((struct dctx *)m->ctx)->err_pin ? 422 : 200));
}

static void
dev_error(struct sbuf *o, struct mreq *m, const char *field,
    const char *key)
{
	if (key == NULL)
		return;
	sbuf_printf(o, "<p class=\"field-error\" id=\"err-%s\">", field);
	html_escape(o, i18n_get(m->lang, key));
	sbuf_puts(o, "</p>");
}

/* The tablets (device_list.sql in m->res) and the enrolment form. */
static int
dev_render(struct http_request *req, struct mreq *m, int status)
{
	struct dctx		*c = m->ctx;
	const struct vocab	*v = &c->f.vs.v[VOCAB_SITE];
	struct tmpl		 t;
	struct sbuf		 rows, sites, notice, e_site, e_name, e_pin;
	char			 key[48], seen[FRFMT_BUFSZ * 2];
	char			 when[FRFMT_BUFSZ * 2];
	const char		*state;
	size_t			 i;
	int			 k, live;

	sbuf_init(&rows);
	sbuf_init(&sites);
	sbuf_init(&notice);
	sbuf_init(&e_site);
	sbuf_init(&e_name);
	sbuf_init(&e_pin);
	for (k = 0; k < mreq_rows(m); k++) {
		state = mreq_val(m, k, 4);
		live = strcmp(state, "enrolled") == 0 ||
		    strcmp(state, "pending") == 0;
		snprintf(key, sizeof(key), "device.state.%s", state);
		staff_time(seen, sizeof(seen), m->lang, mreq_val(m, k, 5));
		staff_time(when, sizeof(when), m->lang, strcmp(state,
		    "revoked") == 0 ? mreq_val(m, k, 8) : mreq_val(m, k, 6)[0] ?
		    mreq_val(m, k, 6) : mreq_val(m, k, 7));
		sbuf_printf(&rows, "<tr class=\"dev-%s\"><td>", state);
		html_escape(&rows, mreq_val(m, k, 2));
		sbuf_puts(&rows, "</td><td>");
		html_escape(&rows, mreq_val(m, k, 3));
		sbuf_puts(&rows, "</td><td>");
		html_escape(&rows, i18n_get(m->lang, key));
		sbuf_puts(&rows, " <span class=\"hint\">");
		html_escape(&rows, when);
		sbuf_puts(&rows, "</span></td><td>");
		html_escape(&rows, seen);
		sbuf_puts(&rows, "</td><td>");
		html_escape(&rows, mreq_val(m, k, 9));
		sbuf_puts(&rows, "</td><td>");
		if (live) {
			sbuf_printf(&rows, "<form method=\"post\" "
			    "action=\"/tablettes/%lld/retirer\"><input "
			    "type=\"hidden\" name=\"csrf\" value=\"",
			    strtoll(mreq_val(m, k, 0), NULL, 10));
			html_escape(&rows, m->sess->csrf);
			sbuf_puts(&rows, "\"><button type=\"submit\" "
			    "class=\"secondary\">");
			html_escape(&rows, i18n_get(m->lang, "device.revoke"));
			sbuf_puts(&rows, "<span class=\"visually-hidden\"> ");
			html_escape(&rows, mreq_val(m, k, 3));
			sbuf_puts(&rows, " – ");
			html_escape(&rows, mreq_val(m, k, 2));
			sbuf_puts(&rows, "</span></button></form>");
		}
		sbuf_puts(&rows, "</td></tr>\n");
	}
	if (v->n == 1 && c->err_site == NULL) {
		sbuf_puts(&sites, "<p><span class=\"vlabel\">");
		html_escape(&sites, i18n_get(m->lang, "visit.f.site"));
		sbuf_puts(&sites, "</span> <strong>");
		html_escape(&sites, v->e[0].label_fr);
		sbuf_puts(&sites, "</strong><input type=\"hidden\" name=\"site\" "
		    "value=\"");
		html_escape(&sites, v->e[0].code);
		sbuf_puts(&sites, "\"></p>\n");
	} else {
		sbuf_printf(&sites, "<fieldset class=\"vf\"%s><legend>",
		    c->err_site ? " aria-invalid=\"true\" "
		    "aria-describedby=\"err-site\"" : "");
		html_escape(&sites, i18n_get(m->lang, "visit.f.site"));
		sbuf_puts(&sites, "</legend>");
		dev_error(&sites, m, "site", c->err_site);
		sbuf_puts(&sites, "<ul class=\"chips\">");
		for (i = 0; i < v->n; i++) {
			sbuf_puts(&sites, "<li class=\"opt\"><input type=\"radio\" "
			    "name=\"site\" id=\"dsite-");
			html_escape(&sites, v->e[i].code);
			sbuf_puts(&sites, "\" value=\"");
			html_escape(&sites, v->e[i].code);
			sbuf_printf(&sites, "\"%s><label for=\"dsite-",
			    strcmp(c->site, v->e[i].code) == 0 ? " checked" : "");
			html_escape(&sites, v->e[i].code);
			sbuf_puts(&sites, "\"><span>");
			html_escape(&sites, v->e[i].label_fr);
			sbuf_puts(&sites, "</span></label></li>");
		}
		sbuf_puts(&sites, "</ul></fieldset>\n");
	}
	dev_error(&e_name, m, "nom", c->err_name);
	dev_error(&e_pin, m, "pin", c->err_pin);
	if (c->notice != NULL)
		staff_notice(&notice, "ok", i18n_get(m->lang, c->notice));
	else if (status >= 400)
		staff_notice(&notice, "error", i18n_get(m->lang,
		    "device.err.form"));
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "name", c->err_name ? c->name : "");
	/* Raw: markup built above with html_escape(). */
	tmpl_set_raw(&t, "rows", rows.data);
	tmpl_set_raw(&t, "sites", sites.data);
	tmpl_set_raw(&t, "notice", notice.data);
	tmpl_set_raw(&t, "err_name", e_name.data);
	tmpl_set_raw(&t, "err_pin", e_pin.data);
	/* Raw: fixed attributes. */
	tmpl_set_raw(&t, "aria_name", c->err_name ?
	    " aria-invalid=\"true\" aria-describedby=\"err-nom\"" : "");
	tmpl_set_raw(&t, "aria_pin", c->err_pin ?
	    " aria-invalid=\"true\" aria-describedby=\"hint-pin err-pin\"" :
	    " aria-describedby=\"hint-pin\"");
	tmpl_set_raw(&t, "table_hidden", rows.len ? "" : " hidden");
	tmpl_set(&t, "empty", rows.len ? "" : i18n_get(m->lang,
	    "device.none"));
	(void)staff_page(req, m, status, &t, TMPL_DEVICE_LIST,
	    i18n_get(m->lang, "device.title"));
	sbuf_free(&rows);
	sbuf_free(&sites);
	sbuf_free(&notice);
	sbuf_free(&e_site);
	sbuf_free(&e_name);
	sbuf_free(&e_pin);
	return (MREQ_DONE);
}

/*
 * Enrolment made: the link to open on the tablet (and its QR code, for
 * a tablet that has a camera), the PIN, and a button to enrol the
 * device in hand right away. Shown once: never cached.
 */
static int
dev_created(struct http_request *req, struct mreq *m)
{
	struct dctx	*c = m->ctx;
	struct tmpl	 t;
	struct sbuf	 qr;
	char		 base[160], link[300], path[96], label[400];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		c->err_site = "device.err.site";
		return (mreq_query(m, SQL_DEVICE_LIST, dev_list, 2,
		    m->sess->org_id, m->sess->user_id));
	}
	svc_public_base(req, base, sizeof(base));
	snprintf(path, sizeof(path), "/kiosk/inscription/%s", c->code);
	snprintf(link, sizeof(link), "%s%s", base, path);
	snprintf(label, sizeof(label), "%s %s", i18n_get(m->lang,
	    "card.qr_label"), link);
	sbuf_init(&qr);
	if (qr_svg(&qr, link, label) == -1) {
		sbuf_free(&qr);
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	staff_tmpl_init(&t, m);
	tmpl_set(&t, "site", mreq_val(m, 0, 1));
	tmpl_set(&t, "name", c->name);
	tmpl_set(&t, "link", link);
	tmpl_set(&t, "path", path);
	tmpl_set(&t, "pin", c->pin);
	tmpl_set(&t, "minutes", DEVICE_ENROL_MINUTES);
	/* Raw: the SVG qr_svg() wrote (numbers, fixed markup, its label
	 * escaped there). */
	tmpl_set_raw(&t, "qr", qr.data);
	(void)staff_page(req, m, 200, &t, TMPL_DEVICE_ENROL,
	    i18n_get(m->lang, "device.enrol.title"));
	sbuf_free(&qr);
	sodium_memzero(c->pin, sizeof(c->pin));
	sodium_memzero(c->code, sizeof(c->code));
	return (MREQ_DONE);
}

static int
dev_revoke_start(struct http_request *req, struct mreq *m)
{
	struct dctx	*c = m->ctx;
	const char	*p = req->path + strlen("/tablettes/");
	size_t		 i;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_POST))
		return (MREQ_DONE);
	vform_init(&c->f);
	for (i = 0; p[i] >= '0' && p[i] <= '9'; i++)
		;
	if (strncmp(req->path, "/tablettes/", 11) != 0 || i == 0 || i > 18 ||
	    strcmp(p + i, "/retirer") != 0) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	memcpy(c->id, p, i);
	c->id[i] = '\0';
	return (mreq_query(m, SQL_DEVICE_REVOKE, dev_revoked, 5,
	    m->sess->org_id, m->sess->user_id, c->id, m->sess->email,
	    m->client_ip[0] ? m->client_ip : NULL));
}

static int
dev_revoked(struct http_request *req, struct mreq *m)
{
	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1 || mreq_isnull(m, 0, 0)) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	respond_redirect(req, 303, "/tablettes?retiree=1");
	return (MREQ_DONE);
}
