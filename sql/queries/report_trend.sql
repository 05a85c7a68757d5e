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
), b as (
	select ($2::date::timestamp at time zone 'Europe/Paris') as t0,
	    (($2::date + $3::int * interval '3 months')::date::timestamp
		at time zone 'Europe/Paris') as t1
), vis as (
	select quarter_start(v.visited_at) as quarter, count(*) as visits,
	    count(distinct v.beneficiary_id) as named,
	    count(*) filter (where v.beneficiary_id is null) as anon
	from visits v, b
	where v.organisation_id = $1::bigint
	  and v.visited_at >= b.t0 and v.visited_at < b.t1
	group by 1
), res as (
	select quarter_start(r.submitted_at) as quarter,
	    count(*) filter (where su.kind = 'satisfaction') as sat,
	    count(*) filter (where su.kind = 'resultats') as out
	from responses r
	join survey_versions sv on sv.id = r.survey_version_id
	join surveys su on su.id = sv.survey_id, b
	where r.organisation_id = $1::bigint
	  and r.submitted_at >= b.t0 and r.submitted_at < b.t1
	group by 1
)
select q.quarter::text, coalesce(vis.visits, 0), coalesce(vis.named, 0),
    coalesce(vis.anon, 0), coalesce(res.sat, 0), coalesce(res.out, 0)
from q
left join vis on vis.quarter = q.quarter
left join res on res.quarter = q.quarter
order by q.quarter
