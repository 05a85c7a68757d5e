/*
 * survey_page (app) – what the respondent's pages share between
 * app/survey.c (/s/{survey}/{site}: the state machine that looks the
 * survey up, checks and stores), app/survey_page.c (the pages it answers
 * with: form, blank form, thanks; /confidentialite) and
 * app/survey_invite.c (/r, /r/{code}: a follow-up card's code): the
 * request's context and the steps one file hands to another.
 */
#ifndef MESURE_SURVEY_PAGE_H
#define MESURE_SURVEY_PAGE_H

#include "form.h"
#include "survey.h"

enum sv_kind {
	SVX_FORM,		/* /s/{survey}/{site} */
	SVX_THANKS,		/* /s/{survey}/{site}/merci */
	SVX_INVITE		/* /r/{code} */
};

/* One respondent request's context (struct mreq's ctx); sv_ctx_free. */
struct sv_ctx {
	enum sv_kind		 kind;
	char			 survey[SV_SLUG_MAX + 1];
	char			 site[SV_SLUG_MAX + 1];
	char			 code[SURVEY_CODE_LEN + 1];
	char			 code_pretty[SURVEY_CODE_LEN + 3];
	char			 inv_hash[65];
	char			 path[128];	/* this page */
	struct sv_ref		 ref;
	struct survey		*s;		/* live version; see s_owned */
	int			 s_owned;
	struct survey		*sv;		/* the version answered */
	int			 sv_owned;
	long long		 sv_id;
	char			*body;		/* kore_malloc'd form body */
	struct form		 form;		/* libc; points into itself */
	int			 have_form;
	struct survey_result	 res;		/* libc */
	int			 have_res;
	struct sv_submit	 sub;
	int			 have_sub;
	char			 device[65];
	enum lang		 lang;
	int			 li;
};

/* survey.c */
void	 sv_ctx_free(void *);
void	 sv_ctx_frame(struct sv_ctx *, struct sv_frame *);
int	 sv_db_error(struct http_request *, struct mreq *);
int	 sv_read_form(struct http_request *, struct mreq *);
int	 sv_have_ref(struct http_request *, struct mreq *);

/* survey_page.c */
int	 sv_form_page(struct http_request *, struct mreq *, int,
	    const char *, int);
int	 sv_thanks_page(struct http_request *, struct mreq *);

/* survey_invite.c */
int	 sv_code_page(struct http_request *, enum lang, int,
	    const char *, const char *);

#endif
