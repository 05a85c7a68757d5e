/*
 * upload – one file of a multipart/form-data POST (Kore's parser), read
 * whole into memory with a size bound, and its name as the browser gave
 * it, reduced to something safe to show. For the staff uploads: a survey
 * definition (app/survey_admin.c), a CSV of past visits.
 *
 * The route must declare "params post PATH { validate csrf v_csrf … }":
 * Kore keeps only the declared fields of a multipart body (files are kept
 * whatever their name), and app/mreq_guard.c reads the CSRF token from them.
 */
#ifndef MESURE_UPLOAD_H
#define MESURE_UPLOAD_H

#include <kore/kore.h>
#include <kore/http.h>

enum upload_status {
	UPLOAD_OK,
	UPLOAD_NOT_MULTIPART,	/* 415: not a multipart/form-data body */
	UPLOAD_MISSING,		/* 422: no such file field, or empty */
	UPLOAD_TOO_LARGE	/* 413: more than the bound */
};

struct upload {
	char	*data;		/* kore_malloc'd, NUL-terminated; or NULL */
	size_t	 len;
	char	 filename[201];	/* last path part, valid UTF-8, or "" */
};

enum upload_status	upload_read(struct http_request *, const char *,
			    size_t, struct upload *);
void			upload_free(struct upload *);

#endif
