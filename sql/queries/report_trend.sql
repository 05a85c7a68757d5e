-- report_trend – activity and responses quarter by quarter, for the
-- trend chart and the "change since last quarter" of the summary.
--   $1 organisation id, $2 first quarter, $3 number of quarters
-- Columns: quarter, visits, people named, anonymous visits,
-- satisfaction responses, self-reported outcome responses.
with q as (
	select g::date as quarter
	from generate_series($2::date,
	    $2::date + ($3::int - 1) * interval '3 months',
	    interval '3 months') g
), vis as (
	-- Per quarter, from visit_activity() (migration 0401).
	select q.quarter, a.visits, a.people as named, a.anon
	from q
	cross join lateral visit_activity($1::bigint, q.quarter,
	    (q.quarter + interval '3 months')::date) a
	where a.dim = 'total'
), res as (
	-- Responses per quarter, from the answer rollup (migration 0400).
	select ar.quarter,
	    sum(ar.responses) filter (where su.kind = 'satisfaction') as sat,
	    sum(ar.responses) filter (where su.kind = 'resultats') as out
	from answer_rollup_rows($1::bigint, $2::date,
	    ($2::date + $3::int * interval '3 months')::date) ar
	join surveys su on su.id = ar.survey_id
	where ar.question = '' and ar.value = ''
	group by 1
)
select q.quarter::text, coalesce(vis.visits, 0), coalesce(vis.named, 0),
    coalesce(vis.anon, 0), coalesce(res.sat, 0)::bigint,
    coalesce(res.out, 0)::bigint
from q
left join vis on vis.quarter = q.quarter
left join res on res.quarter = q.quarter
order by q.quarter
