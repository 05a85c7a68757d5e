-- report_attribution – the cross-tabulation of an outcome question and
-- of the counterfactual question ("without the service, would you have
-- managed?") over a period, for outcome versus attribution
-- (app/core/stats.c, stats_attribution_make): from the answer rollup
-- when the pair is one of answer_rollup_pairs (migration 0400), from the
-- raw answers otherwise.
--   $1 organisation id, $2 period start, $3 period end (exclusive),
--   $4 survey kind, $5 outcome question, $6 counterfactual question
-- Columns: outcome value, counterfactual value (NULL: not answered),
-- responses.
with pair as (
	select exists (select 1 from answer_rollup_pairs p
	    join surveys su on su.code = p.survey_code
	    where su.organisation_id = $1::bigint and su.kind = $4
	      and p.question1 = $5 and p.question2 = $6) as rolled
), rolled as (
	select split_part(ar.value, '×', 1) as o,
	    nullif(split_part(ar.value, '×', 2), '') as c,
	    sum(ar.responses)::bigint as n
	from answer_rollup_rows($1::bigint, $2::date, $3::date) ar
	join surveys su on su.id = ar.survey_id
	where (select rolled from pair) and su.kind = $4
	  and ar.question = $5 || '×' || $6
	group by 1, 2
), raw as (
	select o.value as o, c.value as c, count(*) as n
	from responses r
	join survey_versions sv on sv.id = r.survey_version_id
	join surveys su on su.id = sv.survey_id
	join answers o on o.response_id = r.id and o.question = $5
	    and o.ordinal = 0
	left join answers c on c.response_id = r.id and c.question = $6
	    and c.ordinal = 0
	where not (select rolled from pair) and r.organisation_id = $1::bigint
	  and su.kind = $4
	  and r.submitted_at >= ($2::date::timestamp at time zone
	      'Europe/Paris')
	  and r.submitted_at < ($3::date::timestamp at time zone
	      'Europe/Paris')
	group by 1, 2
)
select o, c, n from rolled
union all
select o, c, n from raw
order by 1, 2 nulls first
