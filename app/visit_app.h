/*
 * visit_app – the visit pages of issue #5: what app/visit*.c,
 * app/activity.c, app/import.c and app/device.c share, and the handlers
 * Kore looks up by name (conf/routes/40-visits.conf).
 *
 *   visit.c        /visites/nouvelle, /visites/{id}, /api/beneficiaires
 *   visit_action.c the actions after saving /visites/{id} (suite,
 *                  enquete, carte, supprimer); visit_page.h is what the
 *                  two share
 *   visit_form.c   the visit form: read it (new and edit) into struct vform
 *   visit_form_render.c  its markup
 *   visit_util.c   the helpers below (ids, labels, pictograms, times)
 *   visit_list.c   /visites: a mediator's day, a coordinator's filters
 *   activity.c     /visites/activite: activity at a glance, SVG charts
 *   import.c       /visites/import: CSV dry run, confirmation, template
 *   device.c       /tablettes: enrol, list and revoke kiosk tablets
 *
 * Every route declares its roles; the tenant scope is m->sess only.
 */
#ifndef MESURE_VISIT_APP_H
#define MESURE_VISIT_APP_H

#include "auth.h"
#include "visit.h"
#include "vocab.h"

/* Handlers. */
int	page_visit_new(struct http_request *);
int	page_visit_edit(struct http_request *);
int	page_visit_action(struct http_request *);
int	page_visit_list(struct http_request *);
int	page_beneficiary_find(struct http_request *);
int	page_activity(struct http_request *);
int	page_import(struct http_request *);
int	page_import_template(struct http_request *);
int	page_import_batch(struct http_request *);
int	page_device_list(struct http_request *);
int	page_device_revoke(struct http_request *);

#define VF_MATCHES_MAX	8		/* people a search shows */

/* A person found by the first letters of their code. */
struct vf_match {
	char	code[16];
	char	age[16];
	char	qpv[8];			/* "true", "false" or "" */
	char	last[11];		/* YYYY-MM-DD or "" */
	char	visits[16];
};

/*
 * The visit form: the reference lists, what was typed (to show it back),
 * what it was checked into, and where the form goes. Lives in m->ctx;
 * vform_free() releases it.
 */
struct vform {
	struct vocabs		 vs;		/* libc; visit_form.sql */
	int			 have_vs;
	char			 last_site[48];	/* site used last, or "" */
	size_t			 nsites;
	char			 today[11];	/* YYYY-MM-DD, Paris */
	char			 now[6];	/* HH:MM, Paris */
	struct visit_input	 in;		/* codes point into vs */
	/* as typed */
	char			 date[16];
	char			 time[8];
	char			 duration[8];	/* a quick choice */
	char			 duration_other[8];
	char			 pseudonym[40];
	int			 new_person;	/* "nouvelle_personne" ticked */
	/* what to do */
	char			 id[24];	/* the visit corrected, or "" */
	char			 ensuite[16];	/* "enquete" after saving, or "" */
	int			 search;	/* the person search was asked */
	struct vf_match		 matches[VF_MATCHES_MAX];
	size_t			 nmatches;
	int			 searched;
	const char		*pseudonym_mode;	/* "new", "known", NULL */
	int			 draws;		/* new pseudonyms drawn */
	const char		*notice;	/* message key above the form */
	/* the visit as it was, when correcting */
	char			 recorded_by[128];
	char			 recorded_at[24];
	int			 may_delete;
};

#define VFORM_DURATIONS	8
extern const char *const vform_durations[VFORM_DURATIONS];

void	vform_init(struct vform *);
void	vform_free(struct vform *);
int	vform_load(struct mreq *, struct vform *);
void	vform_defaults(struct vform *, const char *);
void	vform_read(struct http_request *, struct mreq *, struct vform *);
int	vform_from_doc(struct vform *, const char *);
int	vform_render(struct http_request *, struct mreq *, struct vform *,
	    int);
void	vform_json(struct vform *, struct sbuf *);

/* Shared helpers (visit_util.c). */
int	visit_id_from_path(const char *, char *, size_t);
const char *visit_label(const struct vocabs *, enum vocab_id, const char *,
	    enum lang);
const char *visit_icon(const char *);
void	visit_pictogram(struct sbuf *, const char *);
void	visit_staff_time(char *, size_t, enum lang, const char *);
int	visit_sites_parse(struct mreq *, struct vocabs *);

#endif
