/*
 * report_model – the model's memory (an arena) and its finishing step:
 * every statistic of the report is decided here, once, from the raw
 * counts the data layer read – Wilson intervals, the small-cell rule
 * with secondary suppression, achievement against targets – so that the
 * layout only draws what the model says (see report_model.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "report_model.h"
#include "stats.h"

const char *const report_kind_name[REPORT__MAX] = { "quarterly", "annual" };

#define ARENA_CHUNK	(64 * 1024)

struct rm_arena {
	struct rm_arena	*next;
	size_t		 used;
	size_t		 cap;
	/* data follows, aligned */
	max_align_t	 data[];
};

void
report_model_init(struct report_model *m)
{
	memset(m, 0, sizeof(*m));
	m->cur = -1;
}

void
report_model_free(struct report_model *m)
{
	struct rm_arena	*a, *next;

	for (a = m->arena; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
	memset(m, 0, sizeof(*m));
	m->cur = -1;
}

/*
 * Zeroed memory that lives as long as the model; aborts never, returns
 * NULL when out of memory (the data layer turns that into an error).
 */
void *
rm_alloc(struct report_model *m, size_t n)
{
	struct rm_arena	*a;
	size_t		 need, cap;
	void		*p;

	need = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (need == 0)
		need = sizeof(max_align_t);
	a = m->arena;
	if (a == NULL || a->cap - a->used < need) {
		cap = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		if ((a = malloc(sizeof(*a) + cap)) == NULL)
			return (NULL);
		a->cap = cap;
		a->used = 0;
		a->next = m->arena;
		m->arena = a;
	}
	p = (char *)a->data + a->used;
	a->used += need;
	memset(p, 0, n);
	return (p);
}

const char *
rm_strdup(struct report_model *m, const char *s)
{
	char	*p;
	size_t	 n;

	if (s == NULL)
		return (NULL);
	n = strlen(s);
	if ((p = rm_alloc(m, n + 1)) == NULL)
		return (NULL);
	memcpy(p, s, n + 1);
	return (p);
}

struct rm_question *
rm_question_find(const struct report_model *m, const char *kind,
    const char *code)
{
	size_t	i;

	for (i = 0; i < m->nquestions; i++)
		if (strcmp(m->questions[i].survey_kind, kind) == 0 &&
		    strcmp(m->questions[i].code, code) == 0)
			return (&m->questions[i]);
	return (NULL);
}

static void
count_primary(struct rm_count *c, int thr)
{
	c->st = stats_is_small(c->v, thr) ? STATS_SMALL : STATS_SHOWN;
}

/*
 * A breakdown of visits: visit counts with secondary suppression when
 * the rows add up to the total shown beside them; people per row are
 * not additive (someone may come to two sites), so primary only.
 */
static void
finish_dim(struct rm_dim *d, int thr)
{
	long long		 v[64] = { 0 };
	enum stats_state	 st[64];
	size_t			 i, n;

	n = d->n > 64 ? 64 : d->n;
	for (i = 0; i < n; i++)
		v[i] = d->rows[i].visits.v;
	stats_suppress(v, n, d->additive, thr, st);
	for (i = 0; i < n; i++) {
		d->rows[i].visits.st = st[i];
		count_primary(&d->rows[i].people, thr);
	}
	for (; i < d->n; i++) {
		count_primary(&d->rows[i].visits, thr);
		count_primary(&d->rows[i].people, thr);
	}
}

/* Questions where one answer excludes the others: the options add up. */
static int
single_choice(const char *type)
{
	return (strcmp(type, "multiple") != 0);
}

static void
finish_question(struct rm_question *q, int thr)
{
	long long		 v[64] = { 0 };
	enum stats_state	 st[64];
	size_t			 i, n;

	count_primary(&q->answered, thr);
	n = q->nopt > 64 ? 64 : q->nopt;
	for (i = 0; i < n; i++)
		v[i] = q->opt[i].count.v;
	stats_suppress(v, n, single_choice(q->type), thr, st);
	for (i = 0; i < n; i++)
		q->opt[i].count.st = st[i];
	/* A question answered by too few hides all its answers. */
	if (q->answered.st != STATS_SHOWN)
		for (i = 0; i < q->nopt; i++)
			if (q->opt[i].count.v > 0)
				q->opt[i].count.st = STATS_SMALL;
	/* The positive answer, for the summary and the impact chain. */
	q->has_positive = 0;
	if (strcmp(q->type, "multiple") == 0)
		return;
	{
		long long	k = 0;
		int		hidden = 0;

		for (i = 0; i < q->nopt; i++)
			if (strcmp(q->opt[i].value, "oui") == 0 ||
			    (strcmp(q->type, "smiley") == 0 &&
			    (strcmp(q->opt[i].value, "4") == 0 ||
			    strcmp(q->opt[i].value, "5") == 0))) {
				k += q->opt[i].count.v;
				q->has_positive = 1;
				if (q->opt[i].count.st != STATS_SHOWN)
					hidden = 1;
			}
		if (!q->has_positive)
			return;
		stats_share_make(&q->positive, k, q->answered.v, thr);
		/*
		 * A share built on a hidden answer would give it away
		 * (share × answered): it is hidden with it.
		 */
		if (hidden && q->positive.state == STATS_SHOWN)
			q->positive.state = STATS_SECONDARY;
	}
}

/*
 * One evaluation of an indicator. A count is shown when the people it
 * is built from are none or at least the threshold; a share when both
 * the people counted and the people asked are; the interval is computed
 * on the numerator and denominator themselves.
 */
static void
finish_eval(struct rm_eval *e, enum ind_measure measure, int is_percent,
    int thr)
{
	if (!e->has) {
		e->st = STATS_EMPTY;
		return;
	}
	if (measure == IND_MEAS_SHARE) {
		stats_share_make(&e->share, e->num, e->den, thr);
		e->st = e->share.state;
		if (e->st == STATS_SHOWN &&
		    (stats_is_small(e->people, thr) ||
		    stats_is_small(e->base_people, thr)))
			e->st = e->share.state = STATS_SMALL;
	} else
		e->st = stats_is_small(e->people, thr) ? STATS_SMALL :
		    STATS_SHOWN;
	e->has_achieved = 0;
	if (e->st == STATS_SHOWN && e->has_target && e->target > 0) {
		if (measure == IND_MEAS_SHARE)
			e->achieved = e->value * (is_percent ? 100.0 : 1.0) /
			    e->target;
		else
			e->achieved = e->value / e->target;
		e->has_achieved = 1;
	}
}

/*
 * Decide every statistic of the model: call once, after the data layer
 * (or a test) filled the raw counts and before the layout.
 */
void
report_model_finish(struct report_model *m)
{
	size_t	i, j;
	int	thr, pct;

	thr = m->threshold = stats_threshold(m->threshold);
	for (i = 0; i < m->ntrend; i++) {
		count_primary(&m->trend[i].visits, thr);
		count_primary(&m->trend[i].people, thr);
		count_primary(&m->trend[i].sat, thr);
		count_primary(&m->trend[i].out, thr);
	}
	count_primary(&m->total.visits, thr);
	count_primary(&m->total.people, thr);
	m->sites.additive = 1;
	m->help_kinds.additive = 1;
	m->autonomy.additive = 1;
	m->domains.additive = 0;
	m->partners.additive = 1;
	finish_dim(&m->sites, thr);
	finish_dim(&m->help_kinds, thr);
	finish_dim(&m->domains, thr);
	finish_dim(&m->partners, thr);	/* one partner per visit at most */
	finish_dim(&m->autonomy, thr);
	for (i = 0; i < m->nquestions; i++)
		finish_question(&m->questions[i], thr);
	for (i = 0; i < m->nind; i++) {
		struct rm_indicator *ind = &m->ind[i];

		pct = ind->unit != NULL && strcmp(ind->unit, "%") == 0;
		for (j = 0; j < RM_QUARTERS; j++)
			finish_eval(&ind->q[j], ind->measure, pct, thr);
		finish_eval(&ind->whole, ind->measure, pct, thr);
	}
	stats_share_make(&m->sat_now, m->sat_now.k, m->sat_now.n, thr);
	stats_share_make(&m->sat_prev, m->sat_prev.k, m->sat_prev.n, thr);
	stats_attribution_make(&m->attribution, m->attr_n, m->attr_yes,
	    m->attr_yes_non, m->attr_yes_unknown, thr);
	stats_share_make(&m->rate_sat, m->m_sat < m->m_visits ? m->m_sat :
	    m->m_visits, m->m_visits, thr);
	stats_share_make(&m->rate_cards, m->m_cards_used, m->m_cards, thr);
	for (i = 0; i < m->nsteps; i++) {
		m->steps[i].ind = -1;
		for (j = 0; j < m->nind; j++)
			if (m->steps[i].indicator_id != 0 &&
			    m->ind[j].id == m->steps[i].indicator_id)
				m->steps[i].ind = (int)j;
	}
}
