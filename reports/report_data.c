/*
 * report_data – fills a report model from the database (report_load):
 * the statements of sql/queries/report_*.sql, run in order in one
 * repeatable-read, read-only transaction, so that every figure of a
 * report comes from the same snapshot.
 *
 * Every row read is also written, in a canonical text form, into a
 * SHA-256 (the report's data_sha256) and, if the caller asks, into a
 * buffer (mesure-report --dump-data): the query's name, its parameters,
 * then each row with its fields separated by 0x1f and NULL written \N.
 * Anyone with the same database can run the same SQL and get the same
 * digest – "the SHA-256 of the data it was computed from".
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

/* The outcome and its counterfactual in the shipped outcome survey. */
#define ATTR_SURVEY_KIND	"resultats"
#define ATTR_OUTCOME		"droit_obtenu"
#define ATTR_COUNTERFACTUAL	"sans_digilab"

struct rd {
	PGconn		*db;
	int		 timing;	/* print each query's time */
	EVP_MD_CTX	*sha;
	struct sbuf	*dump;		/* caller's, or NULL */
	char		*err;
	size_t		 errsz;
	int		 failed;
};

static int
rd_fail(struct rd *rd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
rd_fail(struct rd *rd, const char *fmt, ...)
{
	va_list	ap;

	if (!rd->failed) {
		va_start(ap, fmt);
		vsnprintf(rd->err, rd->errsz, fmt, ap);
		va_end(ap);
		rd->failed = 1;
	}
	return (-1);
}

static void
rd_hash(struct rd *rd, const char *s, size_t n)
{
	EVP_DigestUpdate(rd->sha, s, n);
	if (rd->dump != NULL)
		sbuf_add(rd->dump, s, n);
}

/*
 * Run statement id with n text parameters (NULL = SQL NULL); hash its
 * name, parameters and rows. Returns the result (PQclear() it) or NULL
 * with the error recorded.
 */
static PGresult *
rd_query(struct rd *rd, enum sql_id id, int n, const char *const *params)
{
	PGresult	*res;
	int		 i, r, c, rows, cols;
	const char	*v;
	struct timespec	 t0, t1;

	if (rd->failed)
		return (NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	res = PQexecParams(rd->db, sql_text[id], n, NULL, params, NULL, NULL,
	    0);
	if (rd->timing) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(stderr, "%-34s %8.1f ms %7d rows\n", sql_name[id],
		    (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6, PQntuples(res));
	}
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rd_fail(rd, "%s: %s", sql_name[id],
		    PQresultErrorMessage(res));
		PQclear(res);
		return (NULL);
	}
	rd_hash(rd, "Q ", 2);
	rd_hash(rd, sql_name[id], strlen(sql_name[id]));
	rd_hash(rd, "\n", 1);
	for (i = 0; i < n; i++) {
		rd_hash(rd, i == 0 ? "P " : "\x1f", i == 0 ? 2 : 1);
		if (params[i] == NULL)
			rd_hash(rd, "\\N", 2);
		else
			rd_hash(rd, params[i], strlen(params[i]));
	}
	rd_hash(rd, "\n", 1);
	rows = PQntuples(res);
	cols = PQnfields(res);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++) {
			if (c > 0)
				rd_hash(rd, "\x1f", 1);
			if (PQgetisnull(res, r, c))
				rd_hash(rd, "\\N", 2);
			else {
				v = PQgetvalue(res, r, c);
				rd_hash(rd, v, (size_t)PQgetlength(res, r, c));
			}
		}
		rd_hash(rd, "\n", 1);
	}
	return (res);
}

static int
rd_exec(struct rd *rd, const char *sql)
{
	PGresult	*res;
	int		 rc;

	if (rd->failed)
		return (-1);
	res = PQexec(rd->db, sql);
	rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 :
	    rd_fail(rd, "%s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
	return (rc);
}

/* A copy of a field in the model's arena; NULL for SQL NULL. */
static const char *
fstr(struct report_model *m, PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return (NULL);
	return (rm_strdup(m, PQgetvalue(res, r, c)));
}

static long long
fll(PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return (0);
	return (strtoll(PQgetvalue(res, r, c), NULL, 10));
}

static double
fdbl(PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return (0.0);
	return (strtod(PQgetvalue(res, r, c), NULL));
}

/* y, q + delta quarters. */
static void
quarter_add(int *y, int *q, int delta)
{
	int	n;

	n = *y * 4 + (*q - 1) + delta;
	*y = n / 4;
	*q = n % 4 + 1;
}

static void
quarter_day(char *buf, int y, int q)
{
	snprintf(buf, 11, "%04u-%02u-01", (unsigned)y % 10000u,
	    (unsigned)((q - 1) * 3 + 1) % 100u);
}

/* The day before YYYY-MM-01. */
static void
day_before(char *buf, const char *first)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	y, mo, d;

	y = atoi(first);
	mo = atoi(first + 5);
	if (--mo == 0) {
		mo = 12;
		y--;
	}
	d = mdays[mo - 1];
	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		d = 29;
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)mo % 100u, (unsigned)d % 100u);
}

static void
load_dim_row(struct report_model *m, PGresult *res, int r,
    struct rm_row *row)
{
	row->code = fstr(m, res, r, 1);
	row->label = fstr(m, res, r, 2);
	row->position = (int)fll(res, r, 3);
	row->visits.v = fll(res, r, 4);
	row->people.v = fll(res, r, 5);
	row->anon = fll(res, r, 6);
	row->minutes = fll(res, r, 7);
	row->newp = fll(res, r, 8);
}

static int
load_activity(struct rd *rd, struct report_model *m)
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

static int
load_trend(struct rd *rd, struct report_model *m, int fy, int fq)
{
	PGresult	*res;
	const char	*p[3];
	char		 org[24], first[11], n[8];
	int		 r, rows, y, q;

	snprintf(org, sizeof(org), "%lld", m->org_id);
	quarter_day(first, fy, fq);
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
		t->visits.v = fll(res, r, 1);
		t->people.v = fll(res, r, 2);
		t->anon = fll(res, r, 3);
		t->sat.v = fll(res, r, 4);
		t->out.v = fll(res, r, 5);
		quarter_add(&y, &q, 1);
	}
	PQclear(res);
	return (0);
}

static int
load_indicators(struct rd *rd, struct report_model *m, int fy, int fq)
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
	quarter_day(first, fy, fq);
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
		id = fll(res, r, 0);
		if (ind == NULL || ind->id != id) {
			struct indicator_def	def;
			struct ind_error	ierr;
			struct sbuf		sb;
			const char		*json;

			ind = &m->ind[m->nind++];
			ind->id = id;
			ind->convention_id = fll(res, r, 1);
			ind->convention_ref = fstr(m, res, r, 2);
			ind->kind = fstr(m, res, r, 3);
			ind->position = (int)fll(res, r, 4);
			ind->label = fstr(m, res, r, 5);
			ind->unit = fstr(m, res, r, 6);
			ind->definition = fstr(m, res, r, 7);
			ind->catalogue_code = fstr(m, res, r, 8);
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
			ind->target_sum = fdbl(res, r, 16);
			ind->target_avg = fdbl(res, r, 17);
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
		e->value = fdbl(res, r, 10);
		e->num = fll(res, r, 11);
		e->den = fll(res, r, 12);
		e->people = fll(res, r, 13);
		e->base_people = fll(res, r, 14);
		e->has_target = !PQgetisnull(res, r, 15);
		e->target = fdbl(res, r, 15);
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
static int
load_questions(struct rd *rd, struct report_model *m, const char *prev)
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
			q->survey_kind = fstr(m, res, r, 0);
			q->survey_code = fstr(m, res, r, 1);
			q->position = (int)fll(res, r, 2);
			q->code = fstr(m, res, r, 3);
			q->type = fstr(m, res, r, 4);
			q->label = fstr(m, res, r, 5);
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
		cnt = fll(res, r, 5);
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

static int
load_attribution(struct rd *rd, struct report_model *m)
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
		cnt = fll(res, r, 2);
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

static int
load_project_lists(struct rd *rd, struct report_model *m)
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
		m->steps[r].stage = fstr(m, res, r, 0);
		m->steps[r].label = fstr(m, res, r, 2);
		m->steps[r].indicator_id = fll(res, r, 3);
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
		m->milestones[r].label = fstr(m, res, r, 0);
		m->milestones[r].planned_on = fstr(m, res, r, 1);
		m->milestones[r].done_on = fstr(m, res, r, 2);
		m->milestones[r].status = fstr(m, res, r, 3);
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
		m->budget[r].label = fstr(m, res, r, 0);
		m->budget[r].category = fstr(m, res, r, 1);
		m->budget[r].planned = fll(res, r, 2);
		m->budget[r].spent_period = fll(res, r, 3);
		m->budget[r].spent_to_date = fll(res, r, 4);
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

			c->id = fll(res, r, 0);
			c->reference = fstr(m, res, r, 1);
			c->title = fstr(m, res, r, 2);
			c->amount_cents = fll(res, r, 3);
			c->starts_on = fstr(m, res, r, 4);
			c->ends_on = fstr(m, res, r, 5);
			c->funder = fstr(m, res, r, 6);
			c->funder_kind = fstr(m, res, r, 7);
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
		m->m_visits = fll(res, 0, 0);
		m->m_sat = fll(res, 0, 1);
		m->m_cards = fll(res, 0, 2);
		m->m_cards_used = fll(res, 0, 3);
		m->m_out = fll(res, 0, 4);
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
		m->quotes[r].text = fstr(m, res, r, 0);
		m->quotes[r].survey_kind = fstr(m, res, r, 1);
		m->quotes[r].site = fstr(m, res, r, 2);
		m->quotes[r].lang = fstr(m, res, r, 3);
		m->quotes[r].date = fstr(m, res, r, 4);
	}
	m->nquotes = (size_t)rows;
	PQclear(res);
	return (rd->failed ? -1 : 0);
}

static int
load_context(struct rd *rd, struct report_model *m,
    const struct report_params *rp)
{
	PGresult	*res;
	const char	*p[3];
	int		 rows;

	p[0] = rp->project;
	p[1] = rp->organisation != NULL ? rp->organisation : "";
	p[2] = rp->convention != NULL ? rp->convention : "";
	if ((res = rd_query(rd, SQL_REPORT_CONTEXT, 3, p)) == NULL)
		return (-1);
	rows = PQntuples(res);
	if (rows == 0) {
		PQclear(res);
		return (rd_fail(rd, "no project \"%s\"%s%s", rp->project,
		    rp->organisation != NULL ? " in organisation " : "",
		    rp->organisation != NULL ? rp->organisation : ""));
	}
	if (rows > 1) {
		PQclear(res);
		return (rd_fail(rd, "several organisations have a project "
		    "\"%s\": say which one", rp->project));
	}
	m->org_id = fll(res, 0, 0);
	m->org_slug = fstr(m, res, 0, 1);
	m->org_name = fstr(m, res, 0, 2);
	m->threshold = (int)fll(res, 0, 3);
	m->project_id = fll(res, 0, 4);
	m->project_code = fstr(m, res, 0, 5);
	m->project_name = fstr(m, res, 0, 6);
	m->project_summary = fstr(m, res, 0, 7);
	m->project_audience = fstr(m, res, 0, 8);
	if (rp->convention != NULL && *rp->convention != '\0') {
		if (PQgetisnull(res, 0, 10)) {
			PQclear(res);
			return (rd_fail(rd, "project \"%s\" has no convention "
			    "\"%s\"", rp->project, rp->convention));
		}
		m->has_convention = 1;
		m->convention.id = fll(res, 0, 10);
		m->convention.reference = fstr(m, res, 0, 11);
		m->convention.title = fstr(m, res, 0, 12);
		m->convention.amount_cents = fll(res, 0, 13);
		m->convention.starts_on = fstr(m, res, 0, 14);
		m->convention.ends_on = fstr(m, res, 0, 15);
		m->convention.signed_on = fstr(m, res, 0, 16);
		m->convention.funder = fstr(m, res, 0, 17);
		m->convention.funder_kind = fstr(m, res, 0, 18);
	}
	m->schema_version = fstr(m, res, 0, 19);
	if (m->schema_version == NULL)
		m->schema_version = "";
	PQclear(res);
	return (0);
}

/* The parameters, canonical, as embedded in the PDF and the table. */
static void
make_params(struct report_model *m)
{
	struct sbuf	sb;

	sbuf_init(&sb);
	sbuf_puts(&sb, "{\"kind\": ");
	json_write_string(&sb, report_kind_name[m->kind]);
	sbuf_puts(&sb, ", \"organisation\": ");
	json_write_string(&sb, m->org_slug != NULL ? m->org_slug : "");
	sbuf_puts(&sb, ", \"project\": ");
	json_write_string(&sb, m->project_code != NULL ? m->project_code : "");
	sbuf_puts(&sb, ", \"convention\": ");
	if (m->has_convention)
		json_write_string(&sb, m->convention.reference);
	else
		sbuf_puts(&sb, "null");
	if (m->kind == REPORT_QUARTERLY)
		sbuf_printf(&sb, ", \"period\": \"%d-T%d\"", m->year,
		    m->quarter);
	else
		sbuf_printf(&sb, ", \"period\": \"%d\"", m->year);
	sbuf_printf(&sb, ", \"from\": \"%s\", \"to\": \"%s\"",
	    m->period_start, m->period_last);
	sbuf_printf(&sb, ", \"lang\": \"%s\"", lang_code[m->lang]);
	sbuf_printf(&sb, ", \"as_of\": \"%04d-%02d-%02d\"", m->as_of[0],
	    m->as_of[1], m->as_of[2]);
	sbuf_printf(&sb, ", \"threshold\": %d", m->threshold);
	sbuf_printf(&sb, ", \"quotes_max\": %d", m->quotes_max);
	sbuf_puts(&sb, ", \"schema_version\": ");
	json_write_string(&sb, m->schema_version != NULL ?
	    m->schema_version : "");
	sbuf_puts(&sb, ", \"data_sha256\": ");
	json_write_string(&sb, m->data_sha256_hex);
	sbuf_putc(&sb, '}');
	m->params_json = sb.failed ? "{}" : rm_strdup(m, sb.data);
	sbuf_free(&sb);
}

/*
 * Fill model from the database for the report rp describes, then
 * finish it (statistics). dump, if not NULL, receives the canonical
 * text of every row read (what data_sha256 is the digest of). Returns
 * 0, or -1 with err set; the model is then to be freed all the same.
 */
int
report_load(PGconn *db, const struct report_params *rp,
    struct report_model *m, struct sbuf *dump, char *err, size_t errsz)
{
	struct rd	 rd;
	unsigned int	 mdlen;
	int		 fy, fq, py, pq, i, rc;
	char		 prev[11];

	report_model_init(m);
	memset(&rd, 0, sizeof(rd));
	rd.db = db;
	rd.timing = rp->timing;
	rd.dump = dump;
	rd.err = err;
	rd.errsz = errsz;
	if (errsz > 0)
		err[0] = '\0';
	if (rp->project == NULL || *rp->project == '\0')
		return (rd_fail(&rd, "no project given"));
	if (rp->year < 2000 || rp->year > 2999 ||
	    (rp->kind == REPORT_QUARTERLY &&
	    (rp->quarter < 1 || rp->quarter > 4)))
		return (rd_fail(&rd, "bad period"));
	if ((rd.sha = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(rd.sha, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(rd.sha);
		return (rd_fail(&rd, "SHA-256 unavailable"));
	}

	m->kind = rp->kind;
	m->year = rp->year;
	m->quarter = rp->kind == REPORT_QUARTERLY ? rp->quarter : 0;
	m->lang = rp->lang;
	m->quotes_max = rp->quotes_max > 0 ? rp->quotes_max :
	    REPORT_QUOTES_DEFAULT;
	for (i = 0; i < 3; i++)
		m->as_of[i] = rp->as_of[i];
	prev[0] = '\0';
	if (rp->kind == REPORT_QUARTERLY) {
		quarter_day(m->period_start, rp->year, rp->quarter);
		py = rp->year;
		pq = rp->quarter;
		quarter_add(&py, &pq, 1);
		quarter_day(m->period_end, py, pq);
		fy = rp->year;
		fq = rp->quarter;
		quarter_add(&fy, &fq, -(RM_QUARTERS - 1));
		py = rp->year;
		pq = rp->quarter;
		quarter_add(&py, &pq, -1);
		quarter_day(prev, py, pq);
		m->cur = RM_QUARTERS - 1;
	} else {
		snprintf(m->period_start, sizeof(m->period_start),
		    "%04u-01-01", (unsigned)rp->year % 10000u);
		snprintf(m->period_end, sizeof(m->period_end), "%04u-01-01",
		    (unsigned)(rp->year + 1) % 10000u);
		fy = rp->year;
		fq = 1;
		m->cur = -1;
	}
	day_before(m->period_last, m->period_end);
	{
		char today[11];

		snprintf(today, sizeof(today), "%04u-%02u-%02u",
		    (unsigned)rp->as_of[0] % 10000u,
		    (unsigned)rp->as_of[1] % 100u,
		    (unsigned)rp->as_of[2] % 100u);
		m->partial = strcmp(today, m->period_end) < 0;
	}

	/*
	 * The answer rollup is brought up to date first, in its own
	 * transaction; then every figure is read in one snapshot, with room
	 * to sort and hash in memory (a report is rare, its queries large).
	 */
	{
		PGresult	*res;
		const char	*rp2[4];
		char		 first[11];

		rp2[0] = rp->project;
		rp2[1] = rp->organisation != NULL ? rp->organisation : "";
		quarter_day(first, fy, fq);
		rp2[2] = first;
		rp2[3] = m->period_end;
		res = PQexecParams(db, sql_text[SQL_REPORT_REFRESH], 4, NULL,
		    rp2, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			rd_fail(&rd, "%s: %s", sql_name[SQL_REPORT_REFRESH],
			    PQresultErrorMessage(res));
		PQclear(res);
	}
	rd_exec(&rd, "begin isolation level repeatable read read only");
	rd_exec(&rd, "set local work_mem = '64MB'");
	rc = load_context(&rd, m, rp);
	if (rc == 0)
		rc = load_trend(&rd, m, fy, fq);
	if (rc == 0)
		rc = load_activity(&rd, m);
	if (rc == 0)
		rc = load_indicators(&rd, m, fy, fq);
	if (rc == 0)
		rc = load_questions(&rd, m, rp->kind == REPORT_QUARTERLY ?
		    prev : NULL);
	if (rc == 0)
		rc = load_attribution(&rd, m);
	if (rc == 0)
		rc = load_project_lists(&rd, m);
	if (rd.failed) {
		PGresult *res = PQexec(db, "rollback");

		PQclear(res);
	} else
		rd_exec(&rd, "commit");

	if (!rd.failed) {
		EVP_DigestFinal_ex(rd.sha, m->data_sha256, &mdlen);
		for (i = 0; i < 32; i++)
			snprintf(m->data_sha256_hex + 2 * i, 3, "%02x",
			    m->data_sha256[i]);
		report_model_finish(m);
		make_params(m);
	}
	EVP_MD_CTX_free(rd.sha);
	return (rd.failed ? -1 : 0);
}
