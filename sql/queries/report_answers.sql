-- report_answers – how the satisfaction and self-reported outcome
-- surveys were answered, quarter by quarter: one row per (quarter,
-- survey, question, value) with the responses that chose it, and one
-- row per (quarter, survey, question) with value NULL giving the
-- responses that answered the question at all (a multiple choice has
-- one answer row per option chosen; its first has ordinal 0). Free-text
-- questions are left out: they are quoted only with approval
-- (report_quotes).
--   $1 organisation id, $2 period start, $3 period end (exclusive)
-- Columns: quarter, survey kind, survey code, question, value, count.
with textq as materialized (
	select sv.id as version_id, q->>'code' as code
	from survey_versions sv
	join surveys su on su.id = sv.survey_id
	cross join lateral jsonb_array_elements(sv.definition->'questions') q
	where su.organisation_id = $1::bigint and q->>'type' = 'text'
)
select quarter_start(r.submitted_at)::text, su.kind, su.code, a.question,
    a.value,
    case when grouping(a.value) = 0 then count(*)
	else count(*) filter (where a.ordinal = 0) end
from responses r
join survey_versions sv on sv.id = r.survey_version_id
join surveys su on su.id = sv.survey_id
join answers a on a.response_id = r.id
where r.organisation_id = $1::bigint
  and su.kind in ('satisfaction', 'resultats')
  and r.submitted_at >= ($2::date::timestamp at time zone 'Europe/Paris')
  and r.submitted_at < ($3::date::timestamp at time zone 'Europe/Paris')
  and a.question !~ '_autre$'
  and not exists (select 1 from textq t
	where t.version_id = r.survey_version_id and t.code = a.question)
group by grouping sets ((1, 2, 3, 4, 5), (1, 2, 3, 4))
order by 1, 2, 3, 4, 5 nulls first
