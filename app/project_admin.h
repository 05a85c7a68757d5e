/*
 * project_admin – the coordinator's pages of the Break Poverty model
 * (issue #6): projects, funders, conventions with their indicators and
 * quarterly targets, the impact chain, milestones, budget lines.
 *
 *	/projets		the projects, a new one	(app/project_pages.c)
 *	/projets/ID		one project: its conventions, chain,
 *				milestones, budget
 *	/financeurs		the funders
 *	/conventions/ID		one convention: its indicators, targets,
 *				a definition checked and previewed
 *				(app/convention_page.c)
 *
 * Every page shows with GET and changes with POST: a form's "action"
 * names one entry of the table in app/project_action.c, which checks its
 * fields and hands them to project_admin() (sql/migrations/0450), scoped
 * to the session's organisation and audit-logged. A refused change shows
 * the page again, 422, with the reason on top.
 */
#ifndef MESURE_PROJECT_ADMIN_H
#define MESURE_PROJECT_ADMIN_H

#include "auth.h"
#include "indicator.h"
#include "sbuf.h"

/* The pages, as bits: which actions each accepts. */
#define PADM_PROJECTS		0x01
#define PADM_PROJECT		0x02
#define PADM_FUNDERS		0x04
#define PADM_CONVENTION		0x08

#define PADM_FIELDS_MAX		7

struct padm_action;

/*
 * The state every page starts its context with (the pages' own follow).
 * On a refused change err is the message key and status 422; the fields
 * as typed stay in m->form so that the page can show them again.
 */
struct padm {
	unsigned int			 page;		/* PADM_* */
	char				 id[24];	/* from the path, or "" */
	int				 status;	/* of the page: 200, 422 */
	const char			*err;		/* message key, or NULL */
	char				 err_key[48];	/* one built at run time */
	char				 err_detail[240];	/* said after it */
	const char			*ok;		/* message key, or NULL */
	const struct padm_action	*action;	/* the POST's, or NULL */
	char				*val[PADM_FIELDS_MAX];	/* normalised */
	mreq_fn				 render;	/* starts the page's query */
	/* An indicator definition being checked (convention page). */
	struct indicator_def		 def;
	int				 def_parsed;
	int				 previewing;	/* show the preview */
	struct sbuf			 canon;		/* canonical definition */
	struct json_doc			 sdoc[8];	/* surveys it names */
	size_t				 nsdoc;
	char				 pv_from[16], pv_to[16], pv_last[16];
	char				*pv[5];		/* the preview's row */
};

int	padm_start(struct http_request *, struct mreq *, unsigned int,
	    mreq_fn);
void	padm_free(struct padm *);
void	padm_notice(struct sbuf *, struct mreq *);
const char *padm_typed(struct mreq *, const char *);
int	padm_is_action(const struct padm *, const char *);
int	padm_refuse(struct http_request *, struct mreq *, const char *,
	    const char *);
const char *padm_field_name(const struct padm *, size_t);

/* The definition check of app/convention_page.c, run before saving. */
int	conv_check_definition(struct http_request *, struct mreq *);
int	padm_send(struct http_request *, struct mreq *);

/* Small HTML pieces the pages share (app/project_html.c). */
void	ph_hidden(struct sbuf *, const char *, const char *);
void	ph_form_open(struct sbuf *, struct mreq *, const char *,
	    const char *, const char *);
void	ph_option(struct sbuf *, const char *, const char *, int);
void	ph_money(struct sbuf *, struct mreq *, const char *);
void	ph_date(struct sbuf *, struct mreq *, const char *);
void	ph_quarter(struct sbuf *, struct mreq *, const char *);
void	ph_cell(struct sbuf *, const char *);
void	ph_convention_form(struct sbuf *, struct mreq *, const char *,
	    const char *, const char *, const char *const [6], const char *);
void	ph_text_field(struct sbuf *, struct mreq *, const char *,
	    const char *, const char *, const char *, int, int);

int	page_projects(struct http_request *);
int	page_project(struct http_request *);
int	page_funders(struct http_request *);
int	page_convention(struct http_request *);

#endif
