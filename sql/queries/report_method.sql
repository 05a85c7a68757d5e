-- report_method – the sample sizes and response rates of the
-- methodology page over a period:
--   visits; satisfaction responses (asked right after a visit, so the
--   rate is responses per visit); follow-up cards given in the period
--   and how many of them were answered so far (the outcome survey comes
--   one to three months later); outcome responses received in the
--   period (from cards given before it, too). Response counts come
--   from the answer rollup (migration 0400), visits from
--   visit_activity() (migration 0401) quarter by quarter (visits add
--   up; people would not).
--   $1 organisation id, $2 period start, $3 period end (exclusive)
with b as (
	select ($2::date::timestamp at time zone 'Europe/Paris') as t0,
	    ($3::date::timestamp at time zone 'Europe/Paris') as t1
)
select
    (select coalesce(sum(a.visits), 0)::bigint
	from generate_series($2::date, $3::date - 1, interval '3 months') g
	cross join lateral visit_activity($1::bigint, g::date,
	    least((g + interval '3 months')::date, $3::date)) a
	where a.dim = 'total'),
    (select coalesce(sum(ar.responses), 0)::bigint
	from answer_rollup_rows($1::bigint, $2::date, $3::date) ar
	join surveys su on su.id = ar.survey_id
	where su.kind = 'satisfaction' and ar.question = ''
	  and ar.value = ''),
    (select count(*) from invitations i
	join surveys su on su.id = i.survey_id, b
	where i.organisation_id = $1::bigint and su.kind = 'resultats'
	  and i.created_at >= b.t0 and i.created_at < b.t1),
    (select count(*) from invitations i
	join surveys su on su.id = i.survey_id, b
	where i.organisation_id = $1::bigint and su.kind = 'resultats'
	  and i.created_at >= b.t0 and i.created_at < b.t1
	  and i.used_at is not null),
    (select coalesce(sum(ar.responses), 0)::bigint
	from answer_rollup_rows($1::bigint, $2::date, $3::date) ar
	join surveys su on su.id = ar.survey_id
	where su.kind = 'resultats' and ar.question = '' and ar.value = '')
