/*
 * survey (app) – what the survey area's Kore glue shares: the handlers
 * Kore looks up by name (conf/routes/20-survey.conf) and the helpers of
 * app/survey_*.c, app/api.c, app/kiosk.c and app/card.c.
 *
 *   survey_cache.c   per-worker caches of survey look-ups and parsed
 *                    definitions, the per-address rate limit, the
 *                    client's address, the public base URL
 *   survey_render.c  the respondent's pages: form, thanks, layout
 *   survey_submit.c  recording a response (form, API, kiosk alike)
 *   survey.c         /s/{survey}/{site}: look up, check, store
 *   survey_page.c    the pages it answers with; /confidentialite
 *   survey_invite.c  /r, /r/{code}
 *                    (these three share app/survey_page.h)
 *   api.c            POST /api/v1/responses
 *   kiosk.c          /kiosk/{site}, enrolment, the kiosk's cards
 *   card.c           QR codes, the poster
 */
#ifndef MESURE_SURVEY_APP_H
#define MESURE_SURVEY_APP_H

#include <kore/kore.h>
#include <kore/http.h>

#include "i18n.h"
#include "mreq.h"
#include "sbuf.h"
#include "survey_def.h"

/* Handlers. */
int	page_survey(struct http_request *);
int	page_survey_thanks(struct http_request *);
int	page_invitation(struct http_request *);
int	page_invitation_enter(struct http_request *);
int	page_privacy(struct http_request *);
int	page_api_responses(struct http_request *);
int	page_kiosk(struct http_request *);
int	page_kiosk_enrol(struct http_request *);
int	page_kiosk_card(struct http_request *);
int	page_kiosk_sw(struct http_request *);
int	page_qr(struct http_request *);
int	page_poster(struct http_request *);

/* Survey definitions for coordinators (app/survey_admin.c). */
int	page_survey_admin_list(struct http_request *);
int	page_survey_admin_versions(struct http_request *);
int	page_survey_admin_download(struct http_request *);
int	page_survey_admin_activate(struct http_request *);

/* Bodies: a survey form or an API call is far smaller than this. */
#define SV_BODY_MAX		(64 * 1024)
#define SV_KIOSK_COOKIE		"mesure_kiosk"
#define SV_SLUG_MAX		40

/* A survey at a site, as survey_lookup.sql returns it. */
struct sv_ref {
	long long	 site_id;
	long long	 org_id;
	long long	 survey_id;
	long long	 version_id;
	int		 version;
	char		 site_code[SV_SLUG_MAX + 1];
	char		 site_name[128];
	char		 site_phone[32];
	char		 org_name[208];
	char		 survey_code[SV_SLUG_MAX + 1];
	char		 kind[16];
};

/* survey_cache.c */
int		 svc_ref_get(const char *, const char *, struct sv_ref *,
		    struct survey **);
struct survey	*svc_ref_put(const char *, const char *, const struct mreq *,
		    int, struct sv_ref *, int *);
void		 svc_ref_absent(const char *, const char *);
int		 svc_ref_stale(const char *, const char *, struct sv_ref *,
		    struct survey **);
void		 svc_ref_from_row(const struct mreq *, int, int,
		    struct sv_ref *);
struct survey	*svc_version_get(long long);
struct survey	*svc_version_put(long long, const char *, int *);
const struct sv_blank *svc_blank_get(const struct sv_ref *, enum lang);
const struct sv_blank *svc_blank_put(const struct sv_ref *, enum lang,
		    struct sv_blank *);
int		 svc_rate_take(struct http_request *, const char *, int *);
void		 svc_client_addr(struct http_request *, char *, size_t);
void		 svc_public_base(struct http_request *, char *, size_t);
int		 svc_path_slugs(const char *, const char *, char *, char *,
		    const char *);
int		 svc_slug_ok(const char *);
int		 svc_device_token(struct http_request *, char *);
int		 svc_lang_pick(struct http_request *, const struct survey *,
		    enum lang *);

/* survey_render.c */
struct sv_page {
	const struct survey		*s;
	int				 li;	/* survey language index */
	enum lang			 lang;
	const struct sv_ref		*ref;
	const char			*action;	/* the form's path */
	const char			*self;		/* this page's path */
	const char			*id;		/* response id */
	const struct survey_result	*result;	/* refill, or NULL */
	const char			*banner;	/* message key, or NULL */
	int				 banner_alert;
	int				 kiosk;
	const char			*kiosk_html;	/* kiosk.c's */
	const char			*code;		/* invitation, pretty */
};

/* What frames a respondent's page (survey_layout.html). */
struct sv_frame {
	enum lang	 lang;
	int		 rtl;		/* the text is right to left */
	const char	*title;		/* text */
	const char	*brand;		/* text: the site or organisation */
	const char	*self;		/* this page's path (+ query), for the
					   language links; NULL: none */
	unsigned	 langs;		/* languages offered (1 << enum lang) */
	const char	*body_class;
	int		 script;	/* load survey.js */
	int		 cache;		/* enum cache_policy */
};

/* The blank survey page, pre-rendered and pre-compressed (see sv_blank_*). */
struct sv_blank {
	char		*pre, *post;		/* libc; the page around the id */
	size_t		 prelen, postlen;
	unsigned char	*zpre, *zpost;		/* libc; raw deflate segments */
	size_t		 zprelen, zpostlen;
	unsigned long	 crcpre, crcpost;
};

#define SV_ID_MARK	"ffffffff-ffff-4fff-bfff-fffffffffffe"

int		 sv_render_form(struct sbuf *, const struct sv_page *);
int		 sv_build(struct sbuf *, const struct sv_frame *, const char *);
int		 sv_send(struct http_request *, int, const struct sv_frame *,
		    const char *);
int		 sv_blank_make(struct sv_blank *, const struct sbuf *);
void		 sv_blank_send(struct http_request *, const struct sv_blank *,
		    const char *);
void		 sv_blank_free(struct sv_blank *);
void		 sv_frame_init(struct sv_frame *, enum lang);
unsigned	 sv_survey_langs(const struct survey *);
int		 sv_send_message(struct http_request *, int,
		    const struct sv_frame *, const char *, const char *,
		    const char *);
const char	*sv_err_message(enum lang, enum survey_err, double, char *,
		    size_t);
const char	*sv_msg(char *, size_t, enum lang, const char *,
		    const char *, const char *);
int		 sv_render_thanks(struct sbuf *, enum lang,
		    const struct survey *, int, const char *, const char *);

/* survey_submit.c: the statement and its answer. */
struct sv_submit {
	char		 id[SURVEY_UUID_LEN + 1];
	char		 org[24];
	char		 survey[24];
	char		 version[24];
	char		 site[24];
	const char	*lang;
	const char	*channel;
	const char	*submitted_at;		/* RFC 3339 or NULL */
	char		 digest[65];
	struct sbuf	 rows;			/* JSON rows; owned */
	char		 invitation[65];	/* "" if none */
	char		 device[65];		/* "" if none */
};

enum sv_outcome {
	SV_CREATED,
	SV_DUPLICATE,
	SV_CONFLICT,
	SV_INV_UNKNOWN,
	SV_INV_USED,
	SV_INV_EXPIRED,
	SV_INV_MISMATCH,
	SV_FAILED		/* the database: see m->sqlstate */
};

int		 sv_submit_prepare(struct sv_submit *,
		    const struct survey_result *, const struct sv_ref *,
		    long long);
int		 sv_submit_start(struct mreq *, struct sv_submit *, mreq_fn);
enum sv_outcome	 sv_submit_outcome(struct mreq *);
void		 sv_submit_free(struct sv_submit *);

#endif
