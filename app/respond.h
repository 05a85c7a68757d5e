/*
 * respond – every response Mesure sends goes through here, so that each
 * carries the same security headers (Content-Security-Policy, nosniff,
 * Referrer-Policy, frame-ancestors), a Content-Type with its charset, and
 * a Cache-Control suited to what it is. Error pages speak the person's
 * language.
 */
#ifndef MESURE_RESPOND_H
#define MESURE_RESPOND_H

#include <kore/kore.h>
#include <kore/http.h>

#include "i18n.h"
#include "tmpl.h"

/* How long a response may be kept by the browser or a proxy. */
enum cache_policy {
	CACHE_NO_STORE,		/* staff pages, exports, anything personal */
	CACHE_REVALIDATE,	/* public pages: always ask again */
	CACHE_ASSET		/* embedded assets, validated by ETag */
};

/* Extra framing allowed (the kiosk may run in a frame of its own host). */
#define RESPOND_FRAME_SELF	0x01

void		 respond(struct http_request *, int, const char *,
		    const void *, size_t, enum cache_policy);
void		 respond_text(struct http_request *, int, const char *);
void		 respond_json(struct http_request *, int, const char *, size_t);
void		 respond_redirect(struct http_request *, int, const char *);
int		 respond_page(struct http_request *, int, struct tmpl *,
		    enum tmpl_id, const char *, enum cache_policy);
void		 respond_error(struct http_request *, int, enum lang,
		    const char *);
int		 respond_page_nav(struct http_request *, int, struct tmpl *,
		    enum tmpl_id, const char *, enum cache_policy,
		    const char *);
const char	*respond_session_cookie_name(void);
void		 respond_session_cookie(struct http_request *, const char *);
void		 respond_session_cookie_clear(struct http_request *);
enum lang	 request_lang(struct http_request *);
const char	*request_header(struct http_request *, const char *);
void		 request_client_ip(struct http_request *, char *, size_t);
void		 request_origin(struct http_request *, char *, size_t);
char		*request_path_query(struct http_request *);

#endif
