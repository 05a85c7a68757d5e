-- report_attribution – the cross-tabulation of an outcome question and
-- of the counterfactual question ("without the service, would you have
-- managed?") over a period, for outcome versus attribution
-- (app/core/stats.c, stats_attribution_make).
--   $1 organisation id, $2 period start, $3 period end (exclusive),
--   $4 survey kind, $5 outcome question, $6 counterfactual question
-- Columns: outcome value, counterfactual value (NULL: not answered),
-- responses.
select o.value, c.value, count(*)
from responses r
join survey_versions sv on sv.id = r.survey_version_id
join surveys su on su.id = sv.survey_id
join answers o on o.response_id = r.id and o.question = $5
    and o.ordinal = 0
left join answers c on c.response_id = r.id and c.question = $6
    and c.ordinal = 0
where r.organisation_id = $1::bigint and su.kind = $4
  and r.submitted_at >= ($2::date::timestamp at time zone 'Europe/Paris')
  and r.submitted_at < ($3::date::timestamp at time zone 'Europe/Paris')
group by 1, 2
order by 1, 2 nulls first
