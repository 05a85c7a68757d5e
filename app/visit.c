/*
 * visit – recording and correcting a visit, and handing over to the
 * surveys (issue #5):
 *
 *	GET, POST /visites/nouvelle		record (mediator, coordinator)
 *	GET, POST /visites/{id}			correct
 *	GET /api/beneficiaires?debut=KT		people by their code's first letters
 *
 * What comes after saving (/visites/{id}/suite, enquete, carte,
 * supprimer) is in visit_action.c.
 *
 * Rights are the database's (visit_access(), visit_save() of migrations
 * 0300 and 0310): a mediator writes only at their sites and corrects only
 * their own visits of the day; a coordinator anywhere in the
 * organisation. Another organisation's visit answers 404, as a missing
 * one; a visit the user may see but not change, 403 with the reason.
 *
 * Handing over never names the person: the invitation (visit_invite())
 * carries the site, and the domain and kind of help only when enough
 * visits share them (the small-cell rule), never the visit or the
 * pseudonym; so does the response it leads to.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "json.h"
#include "survey.h"
#include "survey_def.h"
#include "visit_app.h"
#include "visit_page.h"

#define VISIT_KIOSK_MINUTES	"120"		/* the tablet handed over */
#define VISIT_CARD_MINUTES	"172800"	/* 120 days */
#define VISIT_NEW_DRAWS		4		/* clashes tolerated */

static int	new_start(struct http_request *, struct mreq *);
static int	form_loaded(struct http_request *, struct mreq *);
static int	edit_visit(struct http_request *, struct mreq *);
static int	form_posted(struct http_request *, struct mreq *);
static int	search_done(struct http_request *, struct mreq *);
static int	save(struct http_request *, struct mreq *);
static int	saved(struct http_request *, struct mreq *);
static int	handover_made(struct http_request *, struct mreq *);
static int	find_start(struct http_request *, struct mreq *);
static int	find_done(struct http_request *, struct mreq *);
static int	prefix_norm(const char *, char *, size_t);

static const struct mreq_route new_route = {
	.name = "visit_new",
	.start = new_start,
	.ctx_size = sizeof(struct vctx),
	.ctx_free = visit_ctx_free,
	.roles = ROLE_MEDIATOR | ROLE_COORDINATOR,
};

static const struct mreq_route edit_route = {
	.name = "visit_edit",
	.start = new_start,
	.ctx_size = sizeof(struct vctx),
	.ctx_free = visit_ctx_free,
	.roles = ROLE_MEDIATOR | ROLE_COORDINATOR | ROLE_ADMIN,
};

static const struct mreq_route find_route = {
	.name = "beneficiary_find",
	.start = find_start,
	.roles = ROLE_MEDIATOR | ROLE_COORDINATOR,
	.flags = MREQ_API,
};

int
page_visit_new(struct http_request *req)
{
	return (mreq_run(req, &new_route));
}

int
page_visit_edit(struct http_request *req)
{
	return (mreq_run(req, &edit_route));
}

int
page_beneficiary_find(struct http_request *req)
{
	return (mreq_run(req, &find_route));
}

void
visit_ctx_free(void *p)
{
	struct vctx	*c = p;

	vform_free(&c->f);
	if (c->have_json)
		sbuf_free(&c->json);
	c->have_json = 0;
}

/* A page that says the visit cannot be changed by this user (403). */
int
visit_forbidden(struct http_request *req, struct mreq *m)
{
	struct tmpl	t;

	staff_tmpl_init(&t, m);
	tmpl_set(&t, "message", i18n_get(m->lang, "visit.err.not_yours"));
	return (staff_page(req, m, 403, &t, TMPL_VISIT_FORBIDDEN,
	    i18n_get(m->lang, "visit.err.not_yours_h")));
}

/* Record and correct ------------------------------------------------------ */

static int
new_start(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	vform_init(&c->f);
	if (m->route == &edit_route && visit_id_from_path(req->path, c->f.id,
	    sizeof(c->f.id)) == -1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_VISIT_FORM, form_loaded, 2, m->sess->org_id,
	    m->sess->user_id));
}

static int
form_loaded(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	char		 site[48];

	if (m->failed)
		return (mreq_error(req, m));
	if (vform_load(m, &c->f) == -1) {
		/* No site to record at (an account without sites). */
		respond_error(req, 403, m->lang, "visit.err.no_site");
		return (MREQ_DONE);
	}
	if (c->f.id[0] != '\0')
		return (mreq_query(m, SQL_VISIT_GET, edit_visit, 3,
		    m->sess->org_id, m->sess->user_id, c->f.id));
	if (req->method == HTTP_METHOD_POST)
		return (form_posted(req, m));
	site[0] = '\0';
	if (req->query_string != NULL)
		(void)qs_get(req->query_string, "site", site, sizeof(site));
	vform_defaults(&c->f, site[0] ? site : NULL);
	return (vform_render(req, m, &c->f, 200));
}

/* The visit to correct: in scope, changeable by this user. */
static int
edit_visit(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	char		 at[FRFMT_BUFSZ * 2];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	if (strcmp(mreq_val(m, 0, 0), "ok") != 0)
		return (visit_forbidden(req, m));
	kore_strlcpy(c->f.recorded_by, mreq_val(m, 0, 2),
	    sizeof(c->f.recorded_by));
	staff_time(at, sizeof(at), m->lang, mreq_val(m, 0, 3));
	kore_strlcpy(c->f.recorded_at, at, sizeof(c->f.recorded_at));
	c->f.may_delete = 1;
	if (req->method == HTTP_METHOD_POST)
		return (form_posted(req, m));
	if (vform_from_doc(&c->f, mreq_val(m, 0, 1)) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	return (vform_render(req, m, &c->f, 200));
}

/* Up to 12 letters and digits, upper-cased; spaces and dashes dropped. */
static int
prefix_norm(const char *s, char *out, size_t outsz)
{
	size_t	o = 0;

	for (; s != NULL && *s != '\0'; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9')) || o + 1 >= outsz || o == 12)
			return (-1);
		out[o++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
	}
	out[o] = '\0';
	return (o >= 2 ? 0 : -1);
}

static int
form_posted(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	char		 prefix[16];

	vform_read(req, m, &c->f);
	if (c->f.search) {
		c->f.searched = 1;
		if (prefix_norm(c->f.pseudonym, prefix, sizeof(prefix)) == -1) {
			visit_error(&c->f.in, VF_PSEUDONYM,
			    "visit.err.find_short", "");
			return (vform_render(req, m, &c->f, 422));
		}
		return (mreq_query(m, SQL_BENEFICIARY_FIND, search_done, 3,
		    m->sess->org_id, prefix, "8"));
	}
	if (c->f.in.nerrors > 0)
		return (vform_render(req, m, &c->f, 422));
	return (save(req, m));
}

static int
search_done(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	struct vf_match	*x;
	int		 i;

	if (m->failed)
		return (mreq_error(req, m));
	c->f.nmatches = 0;
	for (i = 0; i < mreq_rows(m) && i < VF_MATCHES_MAX; i++) {
		x = &c->f.matches[c->f.nmatches++];
		kore_strlcpy(x->code, mreq_val(m, i, 0), sizeof(x->code));
		kore_strlcpy(x->age, mreq_val(m, i, 1), sizeof(x->age));
		kore_strlcpy(x->qpv, mreq_val(m, i, 2), sizeof(x->qpv));
		kore_strlcpy(x->last, mreq_val(m, i, 3), sizeof(x->last));
		kore_strlcpy(x->visits, mreq_val(m, i, 4), sizeof(x->visits));
	}
	/* One person only: the code is theirs. */
	if (c->f.nmatches == 1)
		kore_strlcpy(c->f.pseudonym, c->f.matches[0].code,
		    sizeof(c->f.pseudonym));
	c->f.in.nerrors = 0;
	return (vform_render(req, m, &c->f, 200));
}

/* Save the checked visit (a new person gets a code drawn now). */
static int
save(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	char		 code[VISIT_PSEUDONYM_LEN + 1];

	if (c->f.pseudonym_mode != NULL &&
	    strcmp(c->f.pseudonym_mode, "new") == 0) {
		if (visit_pseudonym_new(code) == -1) {
			respond_error(req, 500, m->lang, "error.internal");
			return (MREQ_DONE);
		}
		kore_strlcpy(c->f.in.pseudonym, code, sizeof(c->f.in.pseudonym));
		c->f.draws++;
	}
	if (c->have_json)
		sbuf_reset(&c->json);
	else
		sbuf_init(&c->json);
	c->have_json = 1;
	vform_json(&c->f, &c->json);
	if (c->json.failed) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_VISIT_SAVE, saved, 6, m->sess->org_id,
	    m->sess->user_id, c->f.id[0] ? c->f.id : NULL, c->json.data,
	    m->sess->email, m->client_ip[0] ? m->client_ip : NULL));
}

static int
saved(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	char		 loc[96];
	const char	*id;

	if (m->failed) {
		if (strcmp(m->sqlstate, "23505") == 0 &&
		    c->f.pseudonym_mode != NULL &&
		    strcmp(c->f.pseudonym_mode, "new") == 0 &&
		    c->f.draws < VISIT_NEW_DRAWS)
			return (save(req, m));
		if (strcmp(m->sqlstate, "MV404") == 0) {
			visit_error(&c->f.in, VF_PSEUDONYM,
			    "visit.err.pseudonym_unknown", c->f.in.pseudonym);
			return (vform_render(req, m, &c->f, 422));
		}
		if (strcmp(m->sqlstate, "42501") == 0) {
			c->f.notice = c->f.id[0] ? "visit.err.not_yours" :
			    "visit.err.site_not_yours";
			return (vform_render(req, m, &c->f, 403));
		}
		if (strncmp(m->sqlstate, "22", 2) == 0 ||
		    strncmp(m->sqlstate, "23", 2) == 0) {
			c->f.notice = "visit.err.refused";
			return (vform_render(req, m, &c->f, 422));
		}
		return (mreq_error(req, m));
	}
	if (mreq_rows(m) != 1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	id = mreq_val(m, 0, 0);
	kore_strlcpy(c->f.id, id, sizeof(c->f.id));
	kore_strlcpy(c->pseudonym, mreq_val(m, 0, 1), sizeof(c->pseudonym));
	if (strcmp(c->f.ensuite, "enquete") == 0)
		return (visit_invitation(req, m, id, "satisfaction", "kiosk",
		    handover_made));
	snprintf(loc, sizeof(loc), "/visites/%s/suite?%s%s", id,
	    m->route == &new_route ? "nouvelle=1" : "corrigee=1",
	    c->f.pseudonym_mode != NULL &&
	    strcmp(c->f.pseudonym_mode, "new") == 0 ? "&personne=1" : "");
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}

/*
 * A one-time invitation for what visit id was about (visit_invite.sql):
 * a code drawn now, only its SHA-256 stored.
 */
int
visit_invitation(struct http_request *req, struct mreq *m, const char *id,
    const char *survey, const char *kind, mreq_fn next)
{
	struct vctx	*c = m->ctx;

	if (survey_code_new(c->code) == -1) {
		respond_error(req, 500, m->lang, "error.internal");
		return (MREQ_DONE);
	}
	survey_sha256_hex(c->code, strlen(c->code), c->hash);
	return (mreq_query(m, SQL_VISIT_INVITE, next, 7, m->sess->org_id,
	    m->sess->user_id, id, survey, kind, c->hash,
	    strcmp(kind, "card") == 0 ? VISIT_CARD_MINUTES :
	    VISIT_KIOSK_MINUTES));
}

/* Saved and an invitation made: the tablet shows the survey. */
static int
handover_made(struct http_request *req, struct mreq *m)
{
	struct vctx	*c = m->ctx;
	char		 loc[96];

	if (!m->failed && mreq_rows(m) == 1) {
		snprintf(loc, sizeof(loc), "/r/%s?lang=%s", c->code,
		    lang_code[m->lang]);
		respond_redirect(req, 303, loc);
		return (MREQ_DONE);
	}
	/* The visit is saved; say the survey could not be opened. */
	snprintf(loc, sizeof(loc), "/visites/%s/suite?nouvelle=1&sans=1",
	    c->f.id);
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}

/* GET /api/beneficiaires ---------------------------------------------------- */

static int
find_start(struct http_request *req, struct mreq *m)
{
	char	typed[48], prefix[16];

	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET))
		return (MREQ_DONE);
	if (req->query_string == NULL ||
	    !qs_get(req->query_string, "debut", typed, sizeof(typed)) ||
	    prefix_norm(typed, prefix, sizeof(prefix)) == -1) {
		respond_json(req, 400, "{\"error\":\"bad_prefix\"}\n", 23);
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_BENEFICIARY_FIND, find_done, 3,
	    m->sess->org_id, prefix, "8"));
}

/*
 * {"matches": [{"code", "age", "age_label", "qpv", "last", "visits"}]}:
 * what the form's script shows under the field (labels in the person's
 * language; the code is the only thing filled in).
 */
static int
find_done(struct http_request *req, struct mreq *m)
{
	struct vocabs	 vs;
	struct sbuf	 out;
	const char	*age, *qpv;
	int		 i;

	if (m->failed) {
		if (strncmp(m->sqlstate, "08", 2) == 0 ||
		    strncmp(m->sqlstate, "57", 2) == 0 ||
		    strncmp(m->sqlstate, "53", 2) == 0) {
			http_response_header(req, "retry-after", "5");
			respond_json(req, 503, "{\"error\":\"unavailable\"}\n", 24);
			return (MREQ_DONE);
		}
		return (mreq_error(req, m));
	}
	vocabs_init(&vs);
	vocabs_add_fixed(&vs);
	sbuf_init(&out);
	sbuf_puts(&out, "{\"matches\":[");
	for (i = 0; i < mreq_rows(m); i++) {
		age = mreq_val(m, i, 1);
		qpv = mreq_val(m, i, 2);
		sbuf_puts(&out, i ? ",{\"code\":" : "{\"code\":");
		json_write_string(&out, mreq_val(m, i, 0));
		sbuf_puts(&out, ",\"age\":");
		json_write_string(&out, age);
		sbuf_puts(&out, ",\"age_label\":");
		json_write_string(&out, age[0] ? visit_label(&vs, VOCAB_AGE, age,
		    m->lang) : "");
		sbuf_printf(&out, ",\"qpv\":%s,\"last\":",
		    strcmp(qpv, "true") == 0 ? "true" :
		    strcmp(qpv, "false") == 0 ? "false" : "null");
		json_write_string(&out, mreq_val(m, i, 3));
		sbuf_printf(&out, ",\"visits\":%lld}",
		    strtoll(mreq_val(m, i, 4), NULL, 10));
	}
	sbuf_puts(&out, "]}\n");
	respond_json(req, 200, out.data, out.len);
	sbuf_free(&out);
	vocabs_free(&vs);
	return (MREQ_DONE);
}
