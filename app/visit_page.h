/*
 * visit_page – what visit.c (record and correct) and visit_action.c (what
 * comes after saving) share: the state of their routes, and the pieces
 * both use, defined in visit.c.
 */
#ifndef MESURE_VISIT_PAGE_H
#define MESURE_VISIT_PAGE_H

#include "survey_def.h"
#include "visit_app.h"

enum vx_action {
	VX_SUITE,
	VX_SURVEY,
	VX_CARD,
	VX_DELETE
};

/* The state of every route of visit.c and visit_action.c; in m->ctx. */
struct vctx {
	struct vform	 f;
	enum vx_action	 action;
	struct sbuf	 json;			/* the visit for visit_save */
	int		 have_json;
	char		 code[SURVEY_CODE_LEN + 1];	/* an invitation */
	char		 hash[65];
	char		 pseudonym[16];
	char		 doc_site[48];
	char		 site_name[128];
	char		 when[24];
	char		 domains[2][512];
	char		 help[2][256];
	int		 first_visit;
};

void	visit_ctx_free(void *);
int	visit_forbidden(struct http_request *, struct mreq *);
int	visit_invitation(struct http_request *, struct mreq *, const char *,
	    const char *, const char *, mreq_fn);

#endif
