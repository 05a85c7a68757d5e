/*
 * project_action – what a form of the project pages may change, and the
 * check of each field before project_admin() (sql/migrations/0450) sees
 * it. One table: the action's name (the form's "action"), the pages that
 * offer it, where the object's id comes from (the path, or the form's
 * "objet" for a line of a list), and its fields in project_admin()'s
 * order. A field is checked for its shape here (length, valid UTF-8 with
 * no control character, a date that exists, an amount in euros, a
 * quarter) and normalised (cents, the quarter's first day); what needs
 * the database (ownership, uniqueness, periods) is checked there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "frfmt.h"
#include "field.h"
#include "project_admin.h"

enum fkind {
	F_TEXT,		/* one line */
	F_LONG,		/* may hold line breaks */
	F_CODE,		/* a project code: [a-z0-9][a-z0-9-]{1,39} */
	F_DATE,		/* YYYY-MM-DD */
	F_MONEY,	/* euros, "12 500,50" -> cents */
	F_ID,		/* a row id */
	F_ENUM,		/* one of words */
	F_QUARTER,	/* 2026-T3 -> 2026-07-01 */
	F_NUMBER,	/* a target: >= 0, two decimals at most */
	F_DEFINITION	/* an indicator's JSON, checked by the page */
};

struct pfield {
	const char	*name;		/* the form's field */
	enum fkind	 kind;
	int		 required;
	size_t		 max;		/* bytes, for text */
	const char	*words;		/* F_ENUM: "a|b|c" */
};

enum idsrc { ID_NONE, ID_PATH, ID_OBJECT };

struct padm_action {
	const char	*name;
	unsigned int	 pages;
	enum idsrc	 id;
	size_t		 nfields;
	struct pfield	 f[PADM_FIELDS_MAX];
};

#define FUNDER_KINDS	"foundation|caf|city|state|other"
#define STAGES		"resources|activities|outputs|outcomes|impact"
#define MS_STATUS	"planned|in_progress|done|late|cancelled"
#define BUDGET_CATS	"personnel|fonctionnement|investissement|autre"

static const struct padm_action actions[] = {
	{ "project.create", PADM_PROJECTS, ID_NONE, 6, {
		{ "code", F_CODE, 1, 40, NULL },
		{ "nom", F_TEXT, 1, 200, NULL },
		{ "resume", F_LONG, 0, 2000, NULL },
		{ "public", F_LONG, 0, 1000, NULL },
		{ "debut", F_DATE, 0, 0, NULL },
		{ "fin", F_DATE, 0, 0, NULL } } },
	{ "project.update", PADM_PROJECT, ID_PATH, 5, {
		{ "nom", F_TEXT, 1, 200, NULL },
		{ "resume", F_LONG, 0, 2000, NULL },
		{ "public", F_LONG, 0, 1000, NULL },
		{ "debut", F_DATE, 0, 0, NULL },
		{ "fin", F_DATE, 0, 0, NULL } } },
	{ "funder.create", PADM_FUNDERS, ID_NONE, 2, {
		{ "nom", F_TEXT, 1, 200, NULL },
		{ "nature", F_ENUM, 1, 0, FUNDER_KINDS } } },
	{ "funder.update", PADM_FUNDERS, ID_OBJECT, 2, {
		{ "nom", F_TEXT, 1, 200, NULL },
		{ "nature", F_ENUM, 1, 0, FUNDER_KINDS } } },
	{ "convention.create", PADM_PROJECT, ID_PATH, 7, {
		{ "financeur", F_ID, 1, 0, NULL },
		{ "reference", F_TEXT, 1, 80, NULL },
		{ "titre", F_TEXT, 1, 200, NULL },
		{ "montant", F_MONEY, 1, 0, NULL },
		{ "debut", F_DATE, 1, 0, NULL },
		{ "fin", F_DATE, 1, 0, NULL },
		{ "signature", F_DATE, 0, 0, NULL } } },
	{ "convention.update", PADM_CONVENTION, ID_PATH, 7, {
		{ "financeur", F_ID, 1, 0, NULL },
		{ "reference", F_TEXT, 1, 80, NULL },
		{ "titre", F_TEXT, 1, 200, NULL },
		{ "montant", F_MONEY, 1, 0, NULL },
		{ "debut", F_DATE, 1, 0, NULL },
		{ "fin", F_DATE, 1, 0, NULL },
		{ "signature", F_DATE, 0, 0, NULL } } },
	{ "indicator.add", PADM_CONVENTION, ID_PATH, 6, {
		{ "type", F_ENUM, 1, 0, "suivi|impact|libre" },
		{ "catalogue", F_TEXT, 0, 60, NULL },
		{ "libelle", F_TEXT, 1, 300, NULL },
		{ "libelle_en", F_TEXT, 0, 300, NULL },
		{ "unite", F_TEXT, 1, 40, NULL },
		{ "definition", F_DEFINITION, 0, 8192, NULL } } },
	{ "indicator.preview", PADM_CONVENTION, ID_PATH, 6, {
		{ "type", F_ENUM, 1, 0, "suivi|impact|libre" },
		{ "catalogue", F_TEXT, 0, 60, NULL },
		{ "libelle", F_TEXT, 0, 300, NULL },
		{ "libelle_en", F_TEXT, 0, 300, NULL },
		{ "unite", F_TEXT, 0, 40, NULL },
		{ "definition", F_DEFINITION, 0, 8192, NULL } } },
	{ "indicator.update", PADM_CONVENTION, ID_OBJECT, 4, {
		{ "libelle", F_TEXT, 1, 300, NULL },
		{ "libelle_en", F_TEXT, 0, 300, NULL },
		{ "unite", F_TEXT, 1, 40, NULL },
		{ "definition", F_DEFINITION, 0, 8192, NULL } } },
	{ "indicator.delete", PADM_CONVENTION, ID_OBJECT, 0, { { 0 } } },
	{ "target.set", PADM_CONVENTION, ID_OBJECT, 2, {
		{ "trimestre", F_QUARTER, 1, 0, NULL },
		{ "objectif", F_NUMBER, 0, 0, NULL } } },
	{ "chain.add", PADM_PROJECT, ID_PATH, 3, {
		{ "etape", F_ENUM, 1, 0, STAGES },
		{ "libelle", F_LONG, 1, 500, NULL },
		{ "indicateur", F_ID, 0, 0, NULL } } },
	{ "chain.delete", PADM_PROJECT, ID_OBJECT, 0, { { 0 } } },
	{ "milestone.add", PADM_PROJECT, ID_PATH, 4, {
		{ "libelle", F_TEXT, 1, 300, NULL },
		{ "prevu_le", F_DATE, 1, 0, NULL },
		{ "statut", F_ENUM, 1, 0, MS_STATUS },
		{ "fait_le", F_DATE, 0, 0, NULL } } },
	{ "milestone.update", PADM_PROJECT, ID_OBJECT, 2, {
		{ "statut", F_ENUM, 1, 0, MS_STATUS },
		{ "fait_le", F_DATE, 0, 0, NULL } } },
	{ "milestone.delete", PADM_PROJECT, ID_OBJECT, 0, { { 0 } } },
	{ "budget.add", PADM_PROJECT, ID_PATH, 3, {
		{ "libelle", F_TEXT, 1, 200, NULL },
		{ "categorie", F_ENUM, 1, 0, BUDGET_CATS },
		{ "prevu", F_MONEY, 1, 0, NULL } } },
	{ "budget.spend", PADM_PROJECT, ID_OBJECT, 2, {
		{ "trimestre", F_QUARTER, 1, 0, NULL },
		{ "depense", F_MONEY, 0, 0, NULL } } },
	{ "budget.delete", PADM_PROJECT, ID_OBJECT, 0, { { 0 } } },
};

static int	padm_saved(struct http_request *, struct mreq *);

/* Trim the spaces a person may leave around a value, in place. */
static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return (s);
}

/*
 * Check field f of the form, set p->val[i] (kore_strdup'd, normalised);
 * the message key of what is wrong, or NULL.
 */
static const char *
field_check(struct padm *p, struct mreq *m, size_t i, const struct pfield *f)
{
	const char	*raw = mreq_field(m, f->name);
	char		*s, *t, buf[40];
	long long	 v;
	int		 y, q;

	s = kore_strdup(raw != NULL ? raw : "");
	p->val[i] = s;
	if (f->kind != F_LONG && f->kind != F_DEFINITION) {
		t = trim(s);
		memmove(s, t, strlen(t) + 1);
	}
	if (*s == '\0')
		return (f->required ? "padm.err.required" : NULL);
	switch (f->kind) {
	case F_TEXT:
	case F_LONG:
		return (field_text_ok(s, f->max, f->kind == F_LONG) ? NULL :
		    "padm.err.text");
	case F_DEFINITION:
		return (field_text_ok(s, f->max, 1) ? NULL : "padm.err.text");
	case F_CODE:
		if (strlen(s) < 2 || strlen(s) > 40 ||
		    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(s) || s[0] == '-')
			return ("padm.err.code");
		return (NULL);
	case F_DATE:
		return (field_date_ok(s) ? NULL : "padm.err.date");
	case F_ID:
		return (field_id_ok(s) ? NULL : "padm.err.choice");
	case F_ENUM:
		return (field_word_ok(s, f->words) ? NULL : "padm.err.choice");
	case F_MONEY:
	case F_NUMBER:
		if (strlen(s) > 30 || !field_hundredths(s, &v))
			return ("padm.err.amount");
		if (f->kind == F_MONEY)
			snprintf(buf, sizeof(buf), "%lld", v);
		else
			snprintf(buf, sizeof(buf), "%lld.%02lld", v / 100,
			    v % 100);
		kore_free(p->val[i]);
		p->val[i] = kore_strdup(buf);
		return (NULL);
	case F_QUARTER:
		if (!quarter_parse(s, &y, &q))
			return ("padm.err.quarter");
		snprintf(buf, sizeof(buf), "%04d-%02d-01", y, (q - 1) * 3 + 1);
		kore_free(p->val[i]);
		p->val[i] = kore_strdup(buf);
		return (NULL);
	}
	return ("padm.err.text");
}

int
padm_is_action(const struct padm *p, const char *name)
{
	return (p->action != NULL && strcmp(p->action->name, name) == 0);
}

/* The value of a field as the person typed it (a refused form shows it
 * again), or "". */
const char *
padm_typed(struct mreq *m, const char *name)
{
	const char	*v;

	if (m->form_state != 1 || (v = mreq_field(m, name)) == NULL)
		return ("");
	return (v);
}

void
padm_free(struct padm *p)
{
	size_t	i;

	for (i = 0; i < PADM_FIELDS_MAX; i++) {
		kore_free(p->val[i]);
		p->val[i] = NULL;
	}
	if (p->def_parsed)
		indicator_free(&p->def);
	p->def_parsed = 0;
	sbuf_free(&p->canon);
	for (i = 0; i < p->nsdoc; i++)
		json_free(&p->sdoc[i]);
	p->nsdoc = 0;
	for (i = 0; i < 5; i++) {
		kore_free(p->pv[i]);
		p->pv[i] = NULL;
	}
}

/* Show the page again with the reason on top (and detail after), 422. */
int
padm_refuse(struct http_request *req, struct mreq *m, const char *key,
    const char *detail)
{
	struct padm	*p = m->ctx;

	p->err = key;
	p->status = 422;
	if (detail != NULL)
		kore_strlcpy(p->err_detail, detail, sizeof(p->err_detail));
	return (p->render(req, m));
}

static int
refuse(struct http_request *req, struct mreq *m, const char *key)
{
	return (padm_refuse(req, m, key, NULL));
}

/* The form name of the i-th field of the checked action, or NULL. */
const char *
padm_field_name(const struct padm *p, size_t i)
{
	if (p->action == NULL || i >= p->action->nfields)
		return (NULL);
	return (p->action->f[i].name);
}

/* The id of a sub-object ("objet") or of the path. NULL: none. */
static const char *
object_id(struct padm *p, struct mreq *m)
{
	const char	*o;

	switch (p->action->id) {
	case ID_PATH:
		return (p->id);
	case ID_OBJECT:
		o = mreq_field(m, "objet");
		return (o != NULL && field_id_ok(o) ? o : "");
	default:
		return (NULL);
	}
}

/* Send the checked action to project_admin() (also called by
 * conv_check_definition() once the definition is good). */
int
padm_send(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;
	const char	*params[13];
	size_t		 i;

	(void)req;
	params[0] = m->sess->org_id;
	params[1] = m->sess->user_id;
	params[2] = m->sess->email;
	params[3] = m->client_ip[0] != '\0' ? m->client_ip : NULL;
	params[4] = p->action->name;
	params[5] = object_id(p, m);
	for (i = 0; i < PADM_FIELDS_MAX; i++)
		params[6 + i] = i < p->action->nfields ? p->val[i] : "";
	/* The definition as the program writes it back, not as typed. */
	for (i = 0; i < p->action->nfields; i++)
		if (p->action->f[i].kind == F_DEFINITION && p->canon.len > 0)
			params[6 + i] = p->canon.data;
	return (mreq_queryv(m, SQL_PROJ_ADMIN, padm_saved, 13, params));
}

/*
 * The start of every project page: remember the page and its renderer,
 * then for a GET, render; for a POST, check the action and its fields,
 * the definition of an indicator, and save.
 */
int
padm_start(struct http_request *req, struct mreq *m, unsigned int page,
    mreq_fn render)
{
	struct padm	*p = m->ctx;
	const char	*name, *err, *o;
	char		 ok[40], key[48];
	size_t		 i;

	p->page = page;
	p->render = render;
	p->status = 200;
	sbuf_init(&p->canon);
	if (!mreq_method_allowed(req, m, HTTP_METHOD_GET | HTTP_METHOD_POST))
		return (MREQ_DONE);
	if (req->method == HTTP_METHOD_GET) {
		if (req->query_string != NULL &&
		    qs_get(req->query_string, "ok", ok, sizeof(ok)) == 1) {
			for (i = 0; i < sizeof(actions) / sizeof(actions[0]);
			    i++)
				if (strcmp(actions[i].name, ok) == 0)
					p->ok = "padm.saved";
		}
		return (render(req, m));
	}
	if (!mreq_form(req, m))
		return (MREQ_DONE);
	name = mreq_field(m, "action");
	for (i = 0; name != NULL && i < sizeof(actions) / sizeof(actions[0]);
	    i++)
		if (strcmp(actions[i].name, name) == 0 &&
		    (actions[i].pages & page))
			p->action = &actions[i];
	if (p->action == NULL) {
		respond_error(req, 400, m->lang, "error.bad_request");
		return (MREQ_DONE);
	}
	if (p->action->id == ID_OBJECT &&
	    ((o = mreq_field(m, "objet")) == NULL || !field_id_ok(o))) {
		respond_error(req, 400, m->lang, "error.bad_request");
		return (MREQ_DONE);
	}
	for (i = 0; i < p->action->nfields; i++) {
		if ((err = field_check(p, m, i, &p->action->f[i])) != NULL) {
			/* Which field: its label, as the page shows it. */
			snprintf(key, sizeof(key), "padm.f.%s",
			    p->action->f[i].name);
			snprintf(p->err_detail, sizeof(p->err_detail),
			    "(%s)", i18n_get(m->lang, key));
			return (refuse(req, m, err));
		}
	}
	/* Two dates of one period in the right order. */
	for (i = 0; i + 1 < p->action->nfields; i++) {
		if (p->action->f[i].kind == F_DATE &&
		    p->action->f[i + 1].kind == F_DATE &&
		    strcmp(p->action->f[i].name, "debut") == 0 &&
		    p->val[i][0] != '\0' && p->val[i + 1][0] != '\0' &&
		    strcmp(p->val[i], p->val[i + 1]) >= 0)
			return (refuse(req, m, "padm.err.dates"));
	}
	for (i = 0; i < p->action->nfields; i++)
		if (p->action->f[i].kind == F_DEFINITION)
			return (conv_check_definition(req, m));
	return (padm_send(req, m));
}

static int
padm_saved(struct http_request *req, struct mreq *m)
{
	struct padm	*p = m->ctx;
	const char	*status;
	char		 loc[128];

	if (m->failed)
		return (mreq_error(req, m));
	if (mreq_rows(m) != 1) {
		respond_error(req, 404, m->lang, "error.not_found");
		return (MREQ_DONE);
	}
	status = mreq_val(m, 0, 0);
	if (strcmp(status, "ok") != 0) {
		/* Kept in ctx: the page renders after another query. */
		snprintf(p->err_key, sizeof(p->err_key), "padm.err.%s",
		    status);
		return (refuse(req, m, p->err_key));
	}
	/* Back to the page, at the section the change was made in. */
	snprintf(loc, sizeof(loc), "%s?ok=%s#sec-%.*s", mreq_val(m, 0, 2),
	    p->action->name, (int)strcspn(p->action->name, "."),
	    p->action->name);
	respond_redirect(req, 303, loc);
	return (MREQ_DONE);
}

/* The notice on top of a page: saved, or why not. */
void
padm_notice(struct sbuf *out, struct mreq *m)
{
	struct padm	*p = m->ctx;
	char		 text[512];

	if (p->err != NULL) {
		snprintf(text, sizeof(text), "%s%s%s", i18n_get(m->lang, p->err),
		    p->err_detail[0] != '\0' ? " " : "", p->err_detail);
		staff_notice(out, "error", text);
	} else if (p->ok != NULL)
		staff_notice(out, "ok", i18n_get(m->lang, p->ok));
}
