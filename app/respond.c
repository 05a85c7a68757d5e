/*
 * respond – responses with the security headers, pages in the layout,
 * error pages, the session cookie, and what a request says about its
 * client (see respond.h). Serves no route itself.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <string.h>

#include "app.h"
#include "html.h"
#include "form.h"
#include "respond.h"
#include "sbuf.h"
#include "session.h"

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
	struct http_header	*h;
	int			 cache_set = 0, referrer_set = 0;

	/*
	 * A caller may have set a stricter value already: the request driver
	 * makes staff responses no-store, a page holding a secret in its URL
	 * says no-referrer. Those are kept, not doubled.
	 */
	TAILQ_FOREACH(h, &req->resp_headers, list) {
		if (strcasecmp(h->header, "cache-control") == 0)
			cache_set = 1;
		if (strcasecmp(h->header, "referrer-policy") == 0)
			referrer_set = 1;
	}
	http_response_header(req, "content-type", type);
	http_response_header(req, "content-security-policy", CSP);
	http_response_header(req, "x-content-type-options", "nosniff");
	if (!referrer_set)
		http_response_header(req, "referrer-policy", "same-origin");
	http_response_header(req, "x-frame-options", "DENY");
	http_response_header(req, "permissions-policy",
	    "camera=(), microphone=(), geolocation=(), interest-cohort=()");
	http_response_header(req, "cross-origin-opener-policy", "same-origin");
	http_response_header(req, "cross-origin-resource-policy", "same-origin");
	if (!cache_set)
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
	return (respond_page_nav(req, status, t, body, title, cache, ""));
}

/*
 * respond_page() with the staff navigation: nav is markup the caller
 * rendered (app/staff.c), put after the header; "" on public pages, which
 * stay byte for byte as they were.
 */
int
respond_page_nav(struct http_request *req, int status, struct tmpl *t,
    enum tmpl_id body, const char *title, enum cache_policy cache,
    const char *nav)
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
	/* Raw: the staff navigation, rendered by app/staff.c from templates. */
	tmpl_set_raw(t, "staff_nav", nav);
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

/*
 * The session cookie's name: with HTTPS in front (MESURE_TLS_PROXIED=1),
 * __Host-mesure_session – Secure, no Domain, Path=/, so no other host or
 * path can set or shadow it; over plain HTTP (development) browsers
 * refuse the prefix, so the name is plain.
 */
const char *
respond_session_cookie_name(void)
{
	return (app_settings.tls_proxied ? SESSION_COOKIE_TLS :
	    SESSION_COOKIE_PLAIN);
}

/*
 * Set the session cookie to token. Written by hand: Kore 4.1's
 * http_response_cookie() cannot say SameSite. No Max-Age: it goes when
 * the browser closes (a shared tablet), and the server ends it anyway
 * after 30 idle minutes or 12 hours.
 */
void
respond_session_cookie(struct http_request *req, const char *token)
{
	char	v[256];

	snprintf(v, sizeof(v), "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
	    respond_session_cookie_name(), token,
	    app_settings.tls_proxied ? "; Secure" : "");
	http_response_header(req, "set-cookie", v);
}

/* Tell the browser to forget the session cookie. */
void
respond_session_cookie_clear(struct http_request *req)
{
	char	v[256];

	snprintf(v, sizeof(v), "%s=; Path=/; Max-Age=0; HttpOnly; "
	    "SameSite=Strict%s", respond_session_cookie_name(),
	    app_settings.tls_proxied ? "; Secure" : "");
	http_response_header(req, "set-cookie", v);
}

/*
 * The client's address into out ("" if unknown): the connection's peer,
 * or, when the peer is the TLS proxy on loopback, the last entry of its
 * X-Forwarded-For (app/core/session.c says why).
 */
void
request_client_ip(struct http_request *req, char *out, size_t outsz)
{
	char		 peer[SESSION_IP_MAX];
	struct connection *c = req->owner;

	peer[0] = '\0';
	if (c != NULL && c->family == AF_INET)
		inet_ntop(AF_INET, &c->addr.ipv4.sin_addr, peer, sizeof(peer));
	else if (c != NULL && c->family == AF_INET6)
		inet_ntop(AF_INET6, &c->addr.ipv6.sin6_addr, peer, sizeof(peer));
	if (session_client_ip(peer, request_header(req, "x-forwarded-for"),
	    out, outsz) == -1)
		out[0] = '\0';
}

/*
 * This site's origin as a browser writes it ("https://mesure.example"):
 * MESURE_PUBLIC_ORIGIN if set, else the scheme (https behind the TLS
 * proxy) and the Host header.
 */
void
request_origin(struct http_request *req, char *out, size_t outsz)
{
	if (app_settings.public_origin != NULL) {
		kore_strlcpy(out, app_settings.public_origin, outsz);
		return;
	}
	snprintf(out, outsz, "%s://%s", app_settings.tls_proxied ?
	    "https" : "http", req->host != NULL ? req->host : "");
}

/* The path and query of the request ("/a?b=c"); kore_free it. */
char *
request_path_query(struct http_request *req)
{
	struct kore_buf	*b;
	char		*s;

	b = kore_buf_alloc(128);
	kore_buf_appendf(b, "%s", req->path);
	if (req->query_string != NULL && req->query_string[0] != '\0')
		kore_buf_appendf(b, "?%s", req->query_string);
	s = kore_strdup(kore_buf_stringify(b, NULL));
	kore_buf_free(b);
	return (s);
}
