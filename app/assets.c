/*
 * assets – GET /assets/… : the CSS, scripts, pictograms and fonts of
 * assets/, embedded in the module at build time (build/gen/gen_assets.c),
 * so workers open no file. Text files are served gzip-compressed to
 * clients that accept it; every file has a strong ETag and revalidates.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "gen_assets.h"
#include "respond.h"

static int	asset_cmp(const void *, const void *);
static int	accepts_gzip(const char *);

static int
asset_cmp(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct asset *)elem)->path));
}

/* Does Accept-Encoding list gzip with a non-zero q? */
static int
accepts_gzip(const char *ae)
{
	const char	*p;

	if (ae == NULL || (p = strstr(ae, "gzip")) == NULL)
		return (0);
	p += 4;
	while (*p == ' ')
		p++;
	return (strncmp(p, ";q=0", 4) != 0 || strncmp(p, ";q=0.", 5) == 0);
}

int
page_asset(struct http_request *req)
{
	const struct asset	*a;
	const char		*inm;

	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_text(req, 405, "method not allowed\n");
		return (KORE_RESULT_OK);
	}
	a = bsearch(req->path, asset_table, asset_count, sizeof(*a), asset_cmp);
	if (a == NULL) {
		respond_error(req, 404, request_lang(req), "error.not_found");
		return (KORE_RESULT_OK);
	}
	http_response_header(req, "etag", a->etag);
	http_response_header(req, "vary", "accept-encoding");
	inm = request_header(req, "if-none-match");
	if (inm != NULL && strcmp(inm, a->etag) == 0) {
		respond(req, 304, a->type, NULL, 0, CACHE_ASSET);
		return (KORE_RESULT_OK);
	}
	if (a->gz != NULL &&
	    accepts_gzip(request_header(req, "accept-encoding"))) {
		http_response_header(req, "content-encoding", "gzip");
		respond(req, 200, a->type, a->gz, a->gzlen, CACHE_ASSET);
	} else
		respond(req, 200, a->type, a->data, a->len, CACHE_ASSET);
	return (KORE_RESULT_OK);
}
