/*
 * report_model – the content of one report as plain C structs: filled
 * from the database by report_data.c (the SQL of sql/queries/report_*),
 * finished by report_model.c (confidence intervals, small-cell and
 * secondary suppression, derived figures), then only read by the layout
 * (report_layout.c). Nothing here knows about libpq or libharu, so the
 * layout can be tested on a model built by hand (tests/unit).
 *
 * Ownership: every string and array of a model lives in its arena and
 * stays valid until report_model_free().
 */
#ifndef MESURE_REPORT_MODEL_H
#define MESURE_REPORT_MODEL_H

#include <stddef.h>

#include "i18n.h"
#include "indicator.h"
#include "stats.h"

#define RM_QUARTERS	4	/* the trend: four quarters */
#define RM_SMILEY	5	/* 1 = very unhappy … 5 = very happy */

enum report_kind {
	REPORT_QUARTERLY,
	REPORT_ANNUAL,
	REPORT__MAX
};

extern const char *const	report_kind_name[REPORT__MAX];

/* A count shown with the small-cell rule: state says whether it shows. */
struct rm_count {
	long long		v;
	enum stats_state	st;
};

struct rm_convention {
	long long	 id;
	const char	*reference;
	const char	*title;
	const char	*funder;
	const char	*funder_kind;
	long long	 amount_cents;
	const char	*starts_on;	/* YYYY-MM-DD */
	const char	*ends_on;
	const char	*signed_on;	/* NULL if unknown */
};

/* One evaluation of an indicator: a quarter, or the whole period. */
struct rm_eval {
	int			has;		/* evaluated (row present) */
	char			quarter[11];	/* YYYY-MM-DD; "" = period */
	double			value;		/* count, or share in [0, 1] */
	int			value_null;	/* a share of nobody */
	long long		num;
	long long		den;
	long long		people;
	long long		base_people;
	int			has_target;
	double			target;		/* count, or percent for % */
	/* Finished by report_model_finish(). */
	enum stats_state	st;		/* may the value be shown */
	struct stats_share	share;		/* measure share: with CI */
	int			has_achieved;
	double			achieved;	/* value / target, if shown */
};

struct rm_indicator {
	long long		 id;
	long long		 convention_id;
	const char		*convention_ref;
	const char		*kind;		/* suivi, impact, libre */
	int			 position;
	const char		*label;
	const char		*unit;
	const char		*definition;	/* JSON as stored */
	const char		*catalogue_code; /* NULL for a free one */
	const char		*describe;	/* in plain words, or NULL */
	int			 valid;		/* definition parsed */
	enum ind_source		 source;
	enum ind_measure	 measure;
	struct rm_eval		 q[RM_QUARTERS];	/* the trend */
	struct rm_eval		 whole;		/* annual: the year */
	double			 target_sum;	/* annual: targets of the year */
	double			 target_avg;
	int			 has_target_whole;
};

/* One bar of an activity breakdown (by site, kind of help, …). */
struct rm_row {
	const char		*code;
	const char		*label;
	int			 position;
	struct rm_count		 visits;
	struct rm_count		 people;	/* named, distinct */
	long long		 anon;		/* visits with no pseudonym */
	long long		 minutes;
	long long		 newp;		/* people whose first visit */
};

struct rm_dim {
	size_t		 n;
	struct rm_row	*rows;
	int		 additive;	/* rows add up to the total */
};

struct rm_option {
	const char		*value;
	const char		*label;
	struct rm_count		 count;
};

/* A question of a survey with its answers over the period. */
struct rm_question {
	const char		*survey_kind;	/* satisfaction, resultats */
	const char		*survey_code;
	const char		*code;
	const char		*type;		/* smiley, yes_no_dk, single… */
	const char		*label;
	int			 position;
	size_t			 nopt;
	struct rm_option	*opt;
	struct rm_count		 answered;
	/* "Yes", or the two happiest faces: set by report_model_finish(). */
	int			 has_positive;
	struct stats_share	 positive;
};

struct rm_trend {
	char		quarter[11];	/* YYYY-MM-DD, first day */
	int		year;
	int		q;
	struct rm_count	visits;
	struct rm_count	people;
	long long	anon;
	struct rm_count	sat;		/* satisfaction responses */
	struct rm_count	out;		/* outcome responses */
};

struct rm_step {
	const char	*stage;		/* resources … impact */
	const char	*label;
	long long	 indicator_id;	/* 0: none */
	int		 ind;		/* index into ind, or -1 */
};

struct rm_milestone {
	const char	*label;
	const char	*planned_on;
	const char	*done_on;	/* NULL if not done */
	const char	*status;
};

struct rm_budget {
	const char	*label;
	const char	*category;
	long long	 planned;
	long long	 spent_period;
	long long	 spent_to_date;
};

struct rm_quote {
	const char	*text;
	const char	*survey_kind;
	const char	*site;
	const char	*lang;
	const char	*date;
};

struct rm_arena;

struct report_model {
	/* What was asked, resolved. */
	enum report_kind	 kind;
	int			 year;
	int			 quarter;	/* 1..4, quarterly only */
	enum lang		 lang;
	char			 period_start[11];	/* first day */
	char			 period_end[11];	/* first day after */
	char			 period_last[11];	/* last day */
	int			 as_of[3];	/* y, m, d: date of the report */
	int			 quotes_max;	/* quotes asked for, at most */
	int			 partial;	/* period not over on as_of */

	/* Who and what. */
	long long		 org_id;
	const char		*org_slug;
	const char		*org_name;
	int			 threshold;	/* applied (never below 5) */
	long long		 project_id;
	const char		*project_code;
	const char		*project_name;
	const char		*project_summary;
	const char		*project_audience;
	int			 has_convention;
	struct rm_convention	 convention;
	size_t			 nconventions;	/* project report: all */
	struct rm_convention	*conventions;
	const char		*schema_version;

	/* The figures. */
	size_t			 ntrend;
	struct rm_trend		 trend[RM_QUARTERS];
	int			 cur;		/* trend index of the period
						   (quarterly), -1 annual */
	struct rm_row		 total;		/* the period */
	struct rm_dim		 sites;
	struct rm_dim		 help_kinds;
	struct rm_dim		 domains;
	struct rm_dim		 partners;
	struct rm_dim		 autonomy;
	size_t			 nind;
	struct rm_indicator	*ind;
	size_t			 nquestions;
	struct rm_question	*questions;
	struct stats_share	 sat_now;	/* first smiley question, 4–5 */
	struct stats_share	 sat_prev;	/* the quarter before */
	const char		*sat_question;	/* its label */
	struct stats_attribution attribution;
	long long		 attr_n;	/* raw counts, for the record */
	long long		 attr_yes;
	long long		 attr_yes_non;
	long long		 attr_yes_unknown;
	const char		*attr_question;	/* its label */

	/* Methodology. */
	long long		 m_visits;
	long long		 m_sat;
	long long		 m_cards;
	long long		 m_cards_used;
	long long		 m_out;
	struct stats_share	 rate_sat;	/* responses per visit */
	struct stats_share	 rate_cards;	/* cards answered */

	size_t			 nsteps;
	struct rm_step		*steps;
	size_t			 nmilestones;
	struct rm_milestone	*milestones;
	size_t			 nbudget;
	struct rm_budget	*budget;
	size_t			 nquotes;
	struct rm_quote		*quotes;

	/* What the figures were computed from. */
	unsigned char		 data_sha256[32];
	char			 data_sha256_hex[65];
	const char		*params_json;	/* the parameters, canonical */

	struct rm_arena		*arena;		/* owns everything above */
};

void		 report_model_init(struct report_model *);
void		 report_model_free(struct report_model *);
void		*rm_alloc(struct report_model *, size_t);
const char	*rm_strdup(struct report_model *, const char *);
void		 report_model_finish(struct report_model *);
struct rm_question *rm_question_find(const struct report_model *,
		    const char *, const char *);

#endif
