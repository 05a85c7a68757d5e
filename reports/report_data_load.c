/*
 * report_data_load – the figures of a report, read by report_load() in
 * its snapshot: activity by site, kind of help, domain and partner; the
 * trend over four quarters; the indicators with their targets and
 * evaluations; the survey questions and their answers; outcome versus
 * attribution; milestones, budget lines, approved quotes, methods.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "frfmt.h"
#include "gen_sql.h"
#include "indicator.h"
#include "report.h"
#include "report_model.h"
#include "report_text.h"
#include "sbuf.h"

#include "report_rd.h"

static void
load_dim_row(struct report_model *m, PGresult *res, int r,
    struct rm_row *row)
{
	row->code = rd_str(m, res, r, 1);
	row->label = rd_str(m, res, r, 2);
	row->position = (int)rd_ll(res, r, 3);
	row->visits.v = rd_ll(res, r, 4);
	row->people.v = rd_ll(res, r, 5);
	row->anon = rd_ll(res, r, 6);
	row->minutes = rd_ll(res, r, 7);
	row->newp = rd_ll(res, r, 8);
}

int
rd_load_activity(struct rd *rd, struct report_model *m)
{
	static const char *const dims[] = {
		"site", "help_kind", "domain", "partner", "autonomy"
	};
	struct rm_dim	*d[5];
	PGresult	*res;
	const char	*p[4];
	const char	*dim;
	int		 r, rows, k;

	d[0] = &m->sites;
	d[1] = &m->help_kinds;
	d[2] = &m->domains;
	d[3] = &m->partners;
	d[4] = &m->autonomy;
	p[0] = NULL;
	p[1] = m->period_start;
	p[2] = m->period_end;
	p[3] = lang_code[m->lang];
	{
		char org[24];

		snprintf(org, sizeof(org), "%lld", m->org_id);
		p[0] = org;
		if ((res = rd_query(rd, SQL_REPORT_ACTIVITY, 4, p)) == NULL)
			return (-1);
	}
	rows = PQntuples(res);
	for (k = 0; k < 5; k++) {
		d[k]->n = 0;
		d[k]->rows = rm_alloc(m, sizeof(struct rm_row) *
		    (size_t)(rows + 1));
		if (d[k]->rows == NULL) {
			PQclear(res);
			return (rd_fail(rd, "out of memory"));
		}
	}
	for (r = 0; r < rows; r++) {
		dim = PQgetvalue(res, r, 0);
		if (strcmp(dim, "total") == 0) {
			load_dim_row(m, res, r, &m->total);
			continue;
		}
		for (k = 0; k < 5; k++)
			if (strcmp(dim, dims[k]) == 0)
				load_dim_row(m, res, r,
				    &d[k]->rows[d[k]->n++]);
	}
	PQclear(res);
	return (0);
}

int
rd_load_trend(struct rd *rd, struct report_model *m, int fy, int fq)
{
	PGresult	*res;
	const char	*p[3];
	char		 org[24], first[11], n[8];
	int		 r, rows, y, q;

	snprintf(org, sizeof(org), "%lld", m->org_id);
	rd_quarter_day(first, fy, fq);
	snprintf(n, sizeof(n), "%d", RM_QUARTERS);
	p[0] = org;
	p[1] = first;
	p[2] = n;
	if ((res = rd_query(rd, SQL_REPORT_TREND, 3, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	m->ntrend = 0;
	y = fy;
	q = fq;
	for (r = 0; r < rows && r < RM_QUARTERS; r++) {
		struct rm_trend *t = &m->trend[m->ntrend++];

		snprintf(t->quarter, sizeof(t->quarter), "%s",
		    PQgetvalue(res, r, 0));
		t->year = y;
		t->q = q;
		t->visits.v = rd_ll(res, r, 1);
		t->people.v = rd_ll(res, r, 2);
		t->anon = rd_ll(res, r, 3);
		t->sat.v = rd_ll(res, r, 4);
		t->out.v = rd_ll(res, r, 5);
		rd_quarter_add(&y, &q, 1);
	}
	PQclear(res);
	return (0);
}

int
rd_load_indicators(struct rd *rd, struct report_model *m, int fy, int fq)
{
	PGresult		*res;
	const char		*p[8];
	char			 org[24], proj[24], conv[24], first[11], n[8];
	int			 r, rows, k;
	long long		 id;
	struct rm_indicator	*ind;
	struct rm_eval		*e;

	snprintf(org, sizeof(org), "%lld", m->org_id);
	snprintf(proj, sizeof(proj), "%lld", m->project_id);
	snprintf(conv, sizeof(conv), "%lld", m->convention.id);
	rd_quarter_day(first, fy, fq);
	snprintf(n, sizeof(n), "%d", RM_QUARTERS);
	p[0] = org;
	p[1] = proj;
	p[2] = m->has_convention ? conv : NULL;
	p[3] = first;
	p[4] = n;
	p[5] = lang_code[m->lang];
	p[6] = m->kind == REPORT_ANNUAL ? m->period_start : NULL;
	p[7] = m->kind == REPORT_ANNUAL ? m->period_end : NULL;
	if ((res = rd_query(rd, SQL_REPORT_INDICATORS, 8, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	m->ind = rm_alloc(m, sizeof(*m->ind) * (size_t)(rows + 1));
	if (m->ind == NULL) {
		PQclear(res);
		return (rd_fail(rd, "out of memory"));
	}
	m->nind = 0;
	ind = NULL;
	for (r = 0; r < rows; r++) {
		id = rd_ll(res, r, 0);
		if (ind == NULL || ind->id != id) {
			struct indicator_def	def;
			struct ind_error	ierr;
			struct sbuf		sb;
			const char		*json;

			ind = &m->ind[m->nind++];
			ind->id = id;
			ind->convention_id = rd_ll(res, r, 1);
			ind->convention_ref = rd_str(m, res, r, 2);
			ind->kind = rd_str(m, res, r, 3);
			ind->position = (int)rd_ll(res, r, 4);
			ind->label = rd_str(m, res, r, 5);
			ind->unit = rd_str(m, res, r, 6);
			ind->definition = rd_str(m, res, r, 7);
			ind->catalogue_code = rd_str(m, res, r, 8);
			json = ind->definition != NULL ? ind->definition : "";
			if (indicator_parse(&def, json, strlen(json), NULL,
			    &ierr) == 0) {
				ind->valid = 1;
				ind->source = def.source;
				ind->measure = def.measure;
				sbuf_init(&sb);
				indicator_describe(&def, m->lang, &sb);
				ind->describe = sb.failed ? NULL :
				    rm_strdup(m, sb.data);
				sbuf_free(&sb);
				indicator_free(&def);
			}
		}
		if (PQgetisnull(res, r, 9)) {
			e = &ind->whole;
			ind->target_sum = rd_dbl(res, r, 16);
			ind->target_avg = rd_dbl(res, r, 17);
			ind->has_target_whole = !PQgetisnull(res, r, 16);
		} else {
			e = NULL;
			for (k = 0; k < (int)m->ntrend; k++)
				if (strcmp(m->trend[k].quarter,
				    PQgetvalue(res, r, 9)) == 0)
					e = &ind->q[k];
			if (e == NULL)
				continue;
			snprintf(e->quarter, sizeof(e->quarter), "%s",
			    PQgetvalue(res, r, 9));
		}
		e->has = 1;
		e->value_null = PQgetisnull(res, r, 10);
		e->value = rd_dbl(res, r, 10);
		e->num = rd_ll(res, r, 11);
		e->den = rd_ll(res, r, 12);
		e->people = rd_ll(res, r, 13);
		e->base_people = rd_ll(res, r, 14);
		e->has_target = !PQgetisnull(res, r, 15);
		e->target = rd_dbl(res, r, 15);
	}
	PQclear(res);
	return (0);
}

/* A value a question may have, with its label; appended if new. */
static struct rm_option *
question_option(struct report_model *m, struct rm_question *q,
    size_t cap, const char *value, const char *label)
{
	size_t	i;

	for (i = 0; i < q->nopt; i++)
		if (strcmp(q->opt[i].value, value) == 0)
			return (&q->opt[i]);
	if (q->nopt >= cap)
		return (NULL);
	q->opt[q->nopt].value = rm_strdup(m, value);
	q->opt[q->nopt].label = rm_strdup(m, label != NULL ? label :
	    rt_answer_label(m->lang, value));
	return (&q->opt[q->nopt++]);
}

/*
 * The headline of the summary: the first smiley question of the
 * satisfaction survey ("how were you welcomed?"), as the share of its
 * two happiest answers. NULL if the survey has none.
 */
static struct rm_question *
find_sat_question(struct report_model *m)
{
	size_t	i;

	for (i = 0; i < m->nquestions; i++)
		if (strcmp(m->questions[i].survey_kind, "satisfaction") == 0 &&
		    strcmp(m->questions[i].type, "smiley") == 0) {
			m->sat_question = m->questions[i].label;
			return (&m->questions[i]);
		}
	return (NULL);
}


#define QOPT_CAP	24

/*
 * The questions of the two surveys, with their answers in the period
 * (and, for the first smiley question of the satisfaction survey, the
 * quarter before, for the change in the summary).
 */
int
rd_load_questions(struct rd *rd, struct report_model *m, const char *prev)
{
	static const char *const smiley[] = { "1", "2", "3", "4", "5" };
	static const char *const yesno[] = { "oui", "non", "nsp" };
	PGresult		*res;
	const char		*p[3];
	char			 org[24];
	int			 r, rows, i;
	struct rm_question	*q, *satq;
	struct rm_option	*o;
	const char		*type, *quarter, *qcode, *kind, *value;
	long long		 cnt;

	snprintf(org, sizeof(org), "%lld", m->org_id);
	p[0] = org;
	p[1] = lang_code[m->lang];
	if ((res = rd_query(rd, SQL_REPORT_QUESTIONS, 2, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	m->questions = rm_alloc(m, sizeof(*m->questions) * (size_t)(rows + 1));
	if (m->questions == NULL) {
		PQclear(res);
		return (rd_fail(rd, "out of memory"));
	}
	m->nquestions = 0;
	q = NULL;
	for (r = 0; r < rows; r++) {
		type = PQgetvalue(res, r, 4);
		if (strcmp(type, "text") == 0)
			continue;
		if (q == NULL || strcmp(q->survey_code, PQgetvalue(res, r, 1))
		    != 0 || strcmp(q->code, PQgetvalue(res, r, 3)) != 0) {
			q = &m->questions[m->nquestions++];
			q->survey_kind = rd_str(m, res, r, 0);
			q->survey_code = rd_str(m, res, r, 1);
			q->position = (int)rd_ll(res, r, 2);
			q->code = rd_str(m, res, r, 3);
			q->type = rd_str(m, res, r, 4);
			q->label = rd_str(m, res, r, 5);
			q->opt = rm_alloc(m, sizeof(*q->opt) * QOPT_CAP);
			if (q->opt == NULL) {
				PQclear(res);
				return (rd_fail(rd, "out of memory"));
			}
			if (strcmp(type, "smiley") == 0)
				for (i = 0; i < 5; i++)
					question_option(m, q, QOPT_CAP,
					    smiley[i], NULL);
			else if (strcmp(type, "yes_no_dk") == 0)
				for (i = 0; i < 3; i++)
					question_option(m, q, QOPT_CAP,
					    yesno[i], NULL);
		}
		if (!PQgetisnull(res, r, 7))
			question_option(m, q, QOPT_CAP, PQgetvalue(res, r, 7),
			    PQgetvalue(res, r, 8));
	}
	PQclear(res);
	satq = find_sat_question(m);

	p[0] = org;
	p[1] = prev != NULL ? prev : m->period_start;
	p[2] = m->period_end;
	if ((res = rd_query(rd, SQL_REPORT_ANSWERS, 3, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	for (r = 0; r < rows; r++) {
		quarter = PQgetvalue(res, r, 0);
		kind = PQgetvalue(res, r, 1);
		qcode = PQgetvalue(res, r, 3);
		cnt = rd_ll(res, r, 5);
		if ((q = rm_question_find(m, kind, qcode)) == NULL)
			continue;
		if (prev != NULL && strcmp(quarter, prev) == 0) {
			/* The quarter before: only the headline share. */
			if (q == satq && !PQgetisnull(res, r, 4)) {
				value = PQgetvalue(res, r, 4);
				m->sat_prev.n += cnt;
				if (strcmp(value, "4") == 0 ||
				    strcmp(value, "5") == 0)
					m->sat_prev.k += cnt;
			}
			continue;
		}
		if (PQgetisnull(res, r, 4)) {
			q->answered.v += cnt;
			continue;
		}
		if ((o = question_option(m, q, QOPT_CAP, PQgetvalue(res, r, 4),
		    NULL)) != NULL)
			o->count.v += cnt;
	}
	PQclear(res);

	if (satq != NULL) {
		m->sat_now.n = satq->answered.v;
		m->sat_now.k = 0;
		for (i = 0; i < (int)satq->nopt; i++)
			if (strcmp(satq->opt[i].value, "4") == 0 ||
			    strcmp(satq->opt[i].value, "5") == 0)
				m->sat_now.k += satq->opt[i].count.v;
	}
	return (0);
}

int
rd_load_attribution(struct rd *rd, struct report_model *m)
{
	PGresult	*res;
	const char	*p[6];
	char		 org[24];
	int		 r, rows;
	long long	 cnt;
	const char	*o, *c;
	struct rm_question *q;

	snprintf(org, sizeof(org), "%lld", m->org_id);
	p[0] = org;
	p[1] = m->period_start;
	p[2] = m->period_end;
	p[3] = ATTR_SURVEY_KIND;
	p[4] = ATTR_OUTCOME;
	p[5] = ATTR_COUNTERFACTUAL;
	if ((res = rd_query(rd, SQL_REPORT_ATTRIBUTION, 6, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	for (r = 0; r < rows; r++) {
		o = PQgetvalue(res, r, 0);
		c = PQgetisnull(res, r, 1) ? NULL : PQgetvalue(res, r, 1);
		cnt = rd_ll(res, r, 2);
		m->attr_n += cnt;
		if (strcmp(o, "oui") != 0)
			continue;
		m->attr_yes += cnt;
		if (c != NULL && strcmp(c, "non") == 0)
			m->attr_yes_non += cnt;
		else if (c == NULL || strcmp(c, "nsp") == 0)
			m->attr_yes_unknown += cnt;
	}
	PQclear(res);
	if ((q = rm_question_find(m, ATTR_SURVEY_KIND, ATTR_OUTCOME)) != NULL)
		m->attr_question = q->label;
	return (0);
}

int
rd_load_project_lists(struct rd *rd, struct report_model *m)
{
	PGresult	*res;
	const char	*p[4];
	char		 org[24], proj[24], max[8];
	int		 r, rows;

	snprintf(org, sizeof(org), "%lld", m->org_id);
	snprintf(proj, sizeof(proj), "%lld", m->project_id);

	p[0] = proj;
	if ((res = rd_query(rd, SQL_REPORT_CHAIN, 1, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	if ((m->steps = rm_alloc(m, sizeof(*m->steps) * (size_t)(rows + 1)))
	    == NULL) {
		PQclear(res);
		return (rd_fail(rd, "out of memory"));
	}
	for (r = 0; r < rows; r++) {
		m->steps[r].stage = rd_str(m, res, r, 0);
		m->steps[r].label = rd_str(m, res, r, 2);
		m->steps[r].indicator_id = rd_ll(res, r, 3);
		m->steps[r].ind = -1;
	}
	m->nsteps = (size_t)rows;
	PQclear(res);

	if ((res = rd_query(rd, SQL_REPORT_MILESTONES, 1, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	if ((m->milestones = rm_alloc(m, sizeof(*m->milestones) *
	    (size_t)(rows + 1))) == NULL) {
		PQclear(res);
		return (rd_fail(rd, "out of memory"));
	}
	for (r = 0; r < rows; r++) {
		m->milestones[r].label = rd_str(m, res, r, 0);
		m->milestones[r].planned_on = rd_str(m, res, r, 1);
		m->milestones[r].done_on = rd_str(m, res, r, 2);
		m->milestones[r].status = rd_str(m, res, r, 3);
	}
	m->nmilestones = (size_t)rows;
	PQclear(res);

	p[0] = proj;
	p[1] = m->period_start;
	p[2] = m->period_end;
	if ((res = rd_query(rd, SQL_REPORT_BUDGET, 3, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	if ((m->budget = rm_alloc(m, sizeof(*m->budget) * (size_t)(rows + 1)))
	    == NULL) {
		PQclear(res);
		return (rd_fail(rd, "out of memory"));
	}
	for (r = 0; r < rows; r++) {
		m->budget[r].label = rd_str(m, res, r, 0);
		m->budget[r].category = rd_str(m, res, r, 1);
		m->budget[r].planned = rd_ll(res, r, 2);
		m->budget[r].spent_period = rd_ll(res, r, 3);
		m->budget[r].spent_to_date = rd_ll(res, r, 4);
	}
	m->nbudget = (size_t)rows;
	PQclear(res);

	if (!m->has_convention) {
		if ((res = rd_query(rd, SQL_REPORT_CONVENTIONS, 3, p)) == NULL)
			return (-1);
		rows = PQntuples(res);
		if ((m->conventions = rm_alloc(m, sizeof(*m->conventions) *
		    (size_t)(rows + 1))) == NULL) {
			PQclear(res);
			return (rd_fail(rd, "out of memory"));
		}
		for (r = 0; r < rows; r++) {
			struct rm_convention *c = &m->conventions[r];

			c->id = rd_ll(res, r, 0);
			c->reference = rd_str(m, res, r, 1);
			c->title = rd_str(m, res, r, 2);
			c->amount_cents = rd_ll(res, r, 3);
			c->starts_on = rd_str(m, res, r, 4);
			c->ends_on = rd_str(m, res, r, 5);
			c->funder = rd_str(m, res, r, 6);
			c->funder_kind = rd_str(m, res, r, 7);
		}
		m->nconventions = (size_t)rows;
		PQclear(res);
	}

	p[0] = org;
	p[1] = m->period_start;
	p[2] = m->period_end;
	if ((res = rd_query(rd, SQL_REPORT_METHOD, 3, p)) == NULL)
		return (-1);
	if (PQntuples(res) == 1) {
		m->m_visits = rd_ll(res, 0, 0);
		m->m_sat = rd_ll(res, 0, 1);
		m->m_cards = rd_ll(res, 0, 2);
		m->m_cards_used = rd_ll(res, 0, 3);
		m->m_out = rd_ll(res, 0, 4);
	}
	PQclear(res);

	snprintf(max, sizeof(max), "%d", m->quotes_max);
	p[3] = max;
	if ((res = rd_query(rd, SQL_REPORT_QUOTES, 4, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	if ((m->quotes = rm_alloc(m, sizeof(*m->quotes) * (size_t)(rows + 1)))
	    == NULL) {
		PQclear(res);
		return (rd_fail(rd, "out of memory"));
	}
	for (r = 0; r < rows; r++) {
		m->quotes[r].text = rd_str(m, res, r, 0);
		m->quotes[r].survey_kind = rd_str(m, res, r, 1);
		m->quotes[r].site = rd_str(m, res, r, 2);
		m->quotes[r].lang = rd_str(m, res, r, 3);
		m->quotes[r].date = rd_str(m, res, r, 4);
	}
	m->nquotes = (size_t)rows;
	PQclear(res);
	return (rd->failed ? -1 : 0);
}
