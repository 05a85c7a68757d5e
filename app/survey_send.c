/*
 * survey_send – a respondent's page on the wire: the body in
 * survey_layout.html with its language links (sv_build), sent
 * gzip-compressed when the browser accepts it (sv_send), so the whole
 * page stays within the 20 KB budget even without the proxy in front;
 * and the "blank" form kept pre-compressed per worker, only the response
 * id spliced in per request (sv_blank_*), and the plain message pages
 * (sv_send_message).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "app.h"
#include "frfmt.h"
#include "html.h"
#include "json.h"
#include "respond.h"
#include "survey.h"

static int	 accepts_gzip(struct http_request *);
static int	 gzip_body(const char *, size_t, struct sbuf *);

static int
accepts_gzip(struct http_request *req)
{
	const char	*ae, *p;

	if ((ae = request_header(req, "accept-encoding")) == NULL ||
	    (p = strstr(ae, "gzip")) == NULL)
		return (0);
	p += 4;
	while (*p == ' ')
		p++;
	return (strncmp(p, ";q=0", 4) != 0 || strncmp(p, ";q=0.", 5) == 0);
}

/* body as a gzip stream in out (level 6: a page compresses in ~0.1 ms). */
static int
gzip_body(const char *body, size_t len, struct sbuf *out)
{
	z_stream	z;
	unsigned char	buf[16384];
	int		rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return (-1);
	z.next_in = (Bytef *)(uintptr_t)body;
	z.avail_in = (uInt)len;
	do {
		z.next_out = buf;
		z.avail_out = sizeof(buf);
		rc = deflate(&z, Z_FINISH);
		sbuf_add(out, buf, sizeof(buf) - z.avail_out);
	} while (rc == Z_OK);
	deflateEnd(&z);
	return (rc == Z_STREAM_END && !out->failed ? 0 : -1);
}

/*
 * The whole page: body (this file's markup) in survey_layout.html, into
 * page. The language links go to f->self in each other language of
 * f->langs. Returns 0, or -1 (logged).
 */
int
sv_build(struct sbuf *page, const struct sv_frame *f, const char *body)
{
	struct tmpl	 t, lt;
	struct sbuf	 langs;
	char		 href[320], title[320];
	const char	*q;
	int		 i, rc = -1;

	sbuf_init(&langs);
	tmpl_init(&t, f->lang);
	tmpl_init(&lt, f->lang);
	if (f->self != NULL) {
		for (i = 0; i < LANG__MAX; i++) {
			if (i == (int)f->lang || !(f->langs & (1u << i)))
				continue;
			q = strchr(f->self, '?');
			(void)snprintf(href, sizeof(href), "%s%slang=%s",
			    f->self, q != NULL ? "&" : "?", lang_code[i]);
			tmpl_init(&lt, (enum lang)i);
			tmpl_set(&lt, "href", href);
			tmpl_set(&lt, "code", lang_code[i]);
			tmpl_set(&lt, "name", lang_name[i]);
			if (tmpl_render(&langs, TMPL_SURVEY_LANG, &lt) == -1)
				goto out;
		}
	}
	(void)snprintf(title, sizeof(title), "%s – %s", f->title,
	    f->brand != NULL ? f->brand : "Mesure");
	tmpl_set(&t, "lang", lang_code[f->lang]);
	tmpl_set(&t, "dir", f->rtl ? "rtl" : lang_dir[f->lang]);
	tmpl_set(&t, "title", title);
	tmpl_set(&t, "brand", f->brand != NULL ? f->brand : "Mesure");
	tmpl_set(&t, "body_class", f->body_class);
	/* Raw: a constant tag, and the links rendered above. */
	tmpl_set_raw(&t, "script", f->script ?
	    "<script src=\"/assets/js/survey.js\" defer></script>\n" : "");
	tmpl_set_raw(&t, "langs", langs.data);
	/* Raw: the caller's body, markup this file rendered. */
	tmpl_set_raw(&t, "body", body);
	rc = tmpl_render(page, TMPL_SURVEY_LAYOUT, &t);
out:
	if (rc == -1)
		kore_log(LOG_ERR, "survey page: %s", t.error[0] ? t.error :
		    lt.error);
	sbuf_free(&langs);
	return (rc);
}

/*
 * Send body in the layout with status, gzip-compressed when accepted.
 * Returns 1 (a response was sent).
 */
int
sv_send(struct http_request *req, int status, const struct sv_frame *f,
    const char *body)
{
	struct sbuf	page, gz;

	sbuf_init(&page);
	sbuf_init(&gz);
	if (sv_build(&page, f, body) == -1) {
		sbuf_free(&page);
		respond_error(req, 500, f->lang, "error.internal");
		return (1);
	}
	http_response_header(req, "vary", "accept-encoding");
	if (page.len > 1024 && accepts_gzip(req) &&
	    gzip_body(page.data, page.len, &gz) == 0) {
		http_response_header(req, "content-encoding", "gzip");
		respond(req, status, "text/html; charset=utf-8", gz.data, gz.len,
		    (enum cache_policy)f->cache);
	} else {
		respond(req, status, "text/html; charset=utf-8", page.data,
		    page.len, (enum cache_policy)f->cache);
	}
	sbuf_free(&page);
	sbuf_free(&gz);
	return (1);
}

/*
 * The blank survey page, the one served most (every person, every
 * kiosk reset), differs from one request to the next only by its
 * response id. It is rendered once per worker (and ten seconds, like
 * the look-up it comes from) with SV_ID_MARK in place of the id, split
 * there, and the two halves compressed once as raw deflate segments
 * that end on a byte boundary (Z_SYNC_FLUSH; the second finishes the
 * stream). A request then sends: gzip header, first segment, the id as
 * a 36-byte stored block, second segment, and the CRC-32 and length of
 * the whole (crc32_combine) – a valid gzip stream, byte for byte what a
 * browser inflates to the full page, for the cost of a memcpy.
 */
static int
deflate_segment(const char *p, size_t n, int last, unsigned char **out,
    size_t *outlen)
{
	z_stream	 z;
	struct sbuf	 sb;
	unsigned char	 buf[16384];
	int		 rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return (-1);
	sbuf_init(&sb);
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	do {
		z.next_out = buf;
		z.avail_out = sizeof(buf);
		rc = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
		sbuf_add(&sb, buf, sizeof(buf) - z.avail_out);
	} while (z.avail_out == 0 || (last && rc == Z_OK));
	deflateEnd(&z);
	if (sb.failed || (last && rc != Z_STREAM_END)) {
		sbuf_free(&sb);
		return (-1);
	}
	*out = (unsigned char *)sbuf_steal(&sb, outlen);
	return (0);
}

void
sv_blank_free(struct sv_blank *b)
{
	free(b->pre);
	free(b->post);
	free(b->zpre);
	free(b->zpost);
	memset(b, 0, sizeof(*b));
}

/* Make b from the page (rendered with SV_ID_MARK as its id). 0 or -1. */
int
sv_blank_make(struct sv_blank *b, const struct sbuf *page)
{
	const char	*mark;
	size_t		 ml = strlen(SV_ID_MARK);

	memset(b, 0, sizeof(*b));
	if ((mark = memmem(page->data, page->len, SV_ID_MARK, ml)) == NULL ||
	    memmem(mark + ml, page->len - (size_t)(mark - page->data) - ml,
	    SV_ID_MARK, ml) != NULL)
		return (-1);
	b->prelen = (size_t)(mark - page->data);
	b->postlen = page->len - b->prelen - ml;
	if ((b->pre = malloc(b->prelen + 1)) == NULL ||
	    (b->post = malloc(b->postlen + 1)) == NULL)
		goto fail;
	memcpy(b->pre, page->data, b->prelen);
	memcpy(b->post, mark + ml, b->postlen);
	b->crcpre = crc32(0L, (const Bytef *)b->pre, (uInt)b->prelen);
	b->crcpost = crc32(0L, (const Bytef *)b->post, (uInt)b->postlen);
	if (deflate_segment(b->pre, b->prelen, 0, &b->zpre, &b->zprelen) == -1 ||
	    deflate_segment(b->post, b->postlen, 1, &b->zpost,
	    &b->zpostlen) == -1)
		goto fail;
	return (0);
fail:
	sv_blank_free(b);
	return (-1);
}

/* Send the blank page b with response id (36 characters). */
void
sv_blank_send(struct http_request *req, const struct sv_blank *b,
    const char *id)
{
	static const unsigned char	 gzhead[10] = {
		0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3
	};
	struct sbuf			 out;
	unsigned char			 stored[5], trailer[8];
	uLong				 crc;
	size_t				 idlen = SURVEY_UUID_LEN, total;
	int				 i;

	sbuf_init(&out);
	http_response_header(req, "vary", "accept-encoding");
	if (!accepts_gzip(req)) {
		sbuf_add(&out, b->pre, b->prelen);
		sbuf_add(&out, id, idlen);
		sbuf_add(&out, b->post, b->postlen);
	} else {
		/* A stored block: not final, 36 bytes, then their complement. */
		stored[0] = 0;
		stored[1] = (unsigned char)(idlen & 0xff);
		stored[2] = (unsigned char)(idlen >> 8);
		stored[3] = (unsigned char)(~idlen & 0xff);
		stored[4] = (unsigned char)((~idlen >> 8) & 0xff);
		crc = crc32(0L, (const Bytef *)id, (uInt)idlen);
		crc = crc32_combine(b->crcpre, crc, (z_off_t)idlen);
		crc = crc32_combine(crc, b->crcpost, (z_off_t)b->postlen);
		total = b->prelen + idlen + b->postlen;
		for (i = 0; i < 4; i++) {
			trailer[i] = (unsigned char)(crc >> (8 * i));
			trailer[4 + i] = (unsigned char)(total >> (8 * i));
		}
		sbuf_add(&out, gzhead, sizeof(gzhead));
		sbuf_add(&out, b->zpre, b->zprelen);
		sbuf_add(&out, stored, sizeof(stored));
		sbuf_add(&out, id, idlen);
		sbuf_add(&out, b->zpost, b->zpostlen);
		sbuf_add(&out, trailer, sizeof(trailer));
		http_response_header(req, "content-encoding", "gzip");
	}
	if (out.failed)
		respond_error(req, 500, LANG_FR, "error.internal");
	else
		respond(req, 200, "text/html; charset=utf-8", out.data, out.len,
		    CACHE_NO_STORE);
	sbuf_free(&out);
}

/*
 * A page that only says something: heading and message are message keys
 * (NULL heading: the message is the heading), extra is markup the caller
 * built (or NULL). Returns 1.
 */
int
sv_send_message(struct http_request *req, int status,
    const struct sv_frame *f, const char *heading, const char *message,
    const char *extra)
{
	struct tmpl	t;
	struct sbuf	body;
	struct sv_frame	g = *f;

	sbuf_init(&body);
	tmpl_init(&t, f->lang);
	tmpl_set(&t, "heading", i18n_get(f->lang, heading != NULL ? heading :
	    message));
	tmpl_set(&t, "message", heading != NULL ? i18n_get(f->lang, message) :
	    "");
	/* Raw: the caller's markup, built from escaped text. */
	tmpl_set_raw(&t, "extra", extra != NULL ? extra : "");
	if (tmpl_render(&body, TMPL_SURVEY_MESSAGE, &t) == -1) {
		sbuf_free(&body);
		respond_error(req, 500, f->lang, "error.internal");
		return (1);
	}
	if (g.title == NULL)
		g.title = i18n_get(f->lang, heading != NULL ? heading : message);
	(void)sv_send(req, status, &g, body.data);
	sbuf_free(&body);
	return (1);
}
