/*
 * upload – read one uploaded file (see upload.h).
 */
#include <string.h>

#include "html.h"
#include "respond.h"
#include "upload.h"

/*
 * The file of field name into u (at most max bytes). The multipart body
 * is parsed here if app/mreq_guard.c did not already (it does when it
 * reads the CSRF token from the form rather than from a header).
 */
enum upload_status
upload_read(struct http_request *req, const char *name, size_t max,
    struct upload *u)
{
	struct http_file	*f;
	const char		*ctype, *fn, *slash;
	ssize_t			 n;

	memset(u, 0, sizeof(*u));
	ctype = request_header(req, "content-type");
	if (ctype == NULL ||
	    strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return (UPLOAD_NOT_MULTIPART);
	/* Once only: a second parse would add every field again. */
	if (TAILQ_EMPTY(&req->files) && TAILQ_EMPTY(&req->arguments))
		http_populate_multipart_form(req);
	if ((f = http_file_lookup(req, name)) == NULL || f->length == 0)
		return (UPLOAD_MISSING);
	if (f->length > max)
		return (UPLOAD_TOO_LARGE);
	u->data = kore_malloc(f->length + 1);
	http_file_rewind(f);
	while (u->len < f->length) {
		n = http_file_read(f, u->data + u->len, f->length - u->len);
		if (n <= 0)
			break;
		u->len += (size_t)n;
	}
	u->data[u->len] = '\0';
	/* Browsers send a bare name; old ones the whole client path. */
	fn = f->filename != NULL ? f->filename : "";
	if ((slash = strrchr(fn, '/')) != NULL)
		fn = slash + 1;
	if ((slash = strrchr(fn, '\\')) != NULL)
		fn = slash + 1;
	if (strlen(fn) < sizeof(u->filename) && utf8_valid(fn, strlen(fn)))
		kore_strlcpy(u->filename, fn, sizeof(u->filename));
	return (UPLOAD_OK);
}

void
upload_free(struct upload *u)
{
	if (u->data != NULL)
		kore_free(u->data);
	u->data = NULL;
	u->len = 0;
}
