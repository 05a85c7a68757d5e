/*
 * respond – responses with the security headers, pages in the layout,
 * error pages (see respond.h). Serves no route itself.
 */
#include <string.h>

#include "html.h"
#include "form.h"
#include "respond.h"
#include "sbuf.h"

/*
 * No script, style or image from another host; no inline script; forms
 * post only here; the page cannot be framed. The kiosk's service worker
 * and manifest are same-origin, so 'self' covers them.
 */
#define CSP	"default-src 'self'; script-src 'self'; style-src 'self'; " \
		"img-src 'self' data:; font-src 'self'; connect-src 'self'; " \
		"manifest-src 'self'; worker-src 'self'; object-src 'none'; " \
		"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

static const char *const cache_value[] = {
	"no-store",
	"no-cache",
	"public, max-age=86400"
};

/* The value of a request header, or NULL. */
const char *
request_header(struct http_request *req, const char *name)
{
	const char	*v;

	if (!http_request_header(req, name, &v))
		return (NULL);
	return (v);
}

/*
 * Send body (len bytes, not owned) with status and type, and the headers
 * every response carries. The one place that calls http_response().
 */
void
respond(struct http_request *req, int status, const char *type,
    const void *body, size_t len, enum cache_policy cache)
{
	http_response_header(req, "content-type", type);
	http_response_header(req, "content-security-policy", CSP);
	http_response_header(req, "x-content-type-options", "nosniff");
	http_response_header(req, "referrer-policy", "same-origin");
	http_response_header(req, "x-frame-options", "DENY");
	http_response_header(req, "permissions-policy",
	    "camera=(), microphone=(), geolocation=(), interest-cohort=()");
	http_response_header(req, "cross-origin-opener-policy", "same-origin");
	http_response_header(req, "cache-control", cache_value[cache]);
	if (status == 503)
		http_response_header(req, "retry-after", "5");
	http_response(req, status, body, len);
}

void
respond_text(struct http_request *req, int status, const char *text)
{
	respond(req, status, "text/plain; charset=utf-8", text, strlen(text),
	    CACHE_NO_STORE);
}

void
respond_json(struct http_request *req, int status, const char *json,
    size_t len)
{
	respond(req, status, "application/json; charset=utf-8", json, len,
	    CACHE_NO_STORE);
}

/* A redirect to a path of this site (never to another host). */
void
respond_redirect(struct http_request *req, int status, const char *path)
{
	if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	http_response_header(req, "location", path);
	respond(req, status, "text/plain; charset=utf-8", "", 0,
	    CACHE_NO_STORE);
}

/*
 * Render the body template with t's values into the layout and send it.
 * title is the page's own title (text, escaped). Returns MREQ_DONE-style 1;
 * on a template error sends a plain 500 (a bug the tests catch).
 */
int
respond_page(struct http_request *req, int status, struct tmpl *t,
    enum tmpl_id body, const char *title, enum cache_policy cache)
{
	struct sbuf	 inner, page;
	int		 i;
	char		 other[LANG__MAX][16];

	sbuf_init(&inner);
	sbuf_init(&page);
	if (tmpl_render(&inner, body, t) == -1)
		goto fail;
	tmpl_set(t, "lang", lang_code[t->lang]);
	tmpl_set(t, "dir", lang_dir[t->lang]);
	tmpl_set(t, "title", title);
	/* The language switch links to the same page in the other languages. */
	for (i = 0; i < LANG__MAX; i++)
		snprintf(other[i], sizeof(other[i]), "?lang=%s", lang_code[i]);
	tmpl_set(t, "lang_other_href",
	    other[t->lang == LANG_FR ? LANG_EN : LANG_FR]);
	tmpl_set(t, "lang_other_name",
	    lang_name[t->lang == LANG_FR ? LANG_EN : LANG_FR]);
	tmpl_set(t, "lang_other_code",
	    lang_code[t->lang == LANG_FR ? LANG_EN : LANG_FR]);
	/* Raw by design: inner is the body template, rendered just above. */
	tmpl_set_raw(t, "body", inner.data);
	if (tmpl_render(&page, TMPL_LAYOUT, t) == -1)
		goto fail;
	respond(req, status, "text/html; charset=utf-8", page.data, page.len,
	    cache);
	sbuf_free(&inner);
	sbuf_free(&page);
	return (1);

fail:
	kore_log(LOG_ERR, "template %d: %s", body, t->error);
	respond_text(req, 500, "internal error\n");
	sbuf_free(&inner);
	sbuf_free(&page);
	return (1);
}

/*
 * A page that says what went wrong in plain words, in the person's
 * language. msgkey names the explanation in app/i18n.
 */
void
respond_error(struct http_request *req, int status, enum lang l,
    const char *msgkey)
{
	struct tmpl	t;
	char		code[8];

	tmpl_init(&t, l);
	snprintf(code, sizeof(code), "%d", status);
	tmpl_set(&t, "status", code);
	tmpl_set(&t, "message", i18n_get(l, msgkey));
	(void)respond_page(req, status, &t, TMPL_ERROR, i18n_get(l, msgkey),
	    CACHE_NO_STORE);
}

/*
 * The language of the person making the request: ?lang=, else the "lang"
 * cookie, else Accept-Language, else French.
 */
enum lang
request_lang(struct http_request *req)
{
	char		 qlang[8];
	const char	*cookie, *accept;
	char		*ck;

	qlang[0] = '\0';
	if (req->query_string != NULL)
		(void)qs_get(req->query_string, "lang", qlang, sizeof(qlang));
	cookie = NULL;
	http_populate_cookies(req);
	if (http_request_cookie(req, "lang", &ck))
		cookie = ck;
	accept = request_header(req, "accept-language");
	return (i18n_negotiate(qlang[0] ? qlang : NULL, cookie, accept));
}
