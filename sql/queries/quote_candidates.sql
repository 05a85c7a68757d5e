-- quote_candidates – the free-text answers of organisation $1 given in
-- [$2, $3) (days, Paris), newest first, at most 200, with whether each is
-- approved for the reports and the text shown. Columns: response id,
-- question, ordinal, answer, shown text (or NULL), approved (t/f), site,
-- survey code, submitted (YYYY-MM-DD HH24:MI). app/report_quotes.c.
with ft as (
	select distinct sv.id as version_id, q->>'code' as code
	from survey_versions sv
	join surveys su on su.id = sv.survey_id
	cross join lateral jsonb_array_elements(sv.definition->'questions') q
	where su.organisation_id = $1::bigint and q->>'type' = 'text'
	union
	select distinct sv.id, (q->>'code') || '_autre'
	from survey_versions sv
	join surveys su on su.id = sv.survey_id
	cross join lateral jsonb_array_elements(sv.definition->'questions') q
	where su.organisation_id = $1::bigint
)
select a.response_id, a.question, a.ordinal, a.value, ap.shown_text,
    coalesce(ap.revoked_at is null, false), s.name, su.code,
    to_char(r.submitted_at at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI')
from responses r
join ft on ft.version_id = r.survey_version_id
join answers a on a.response_id = r.id and a.question = ft.code
join sites s on s.id = r.site_id
join survey_versions sv on sv.id = r.survey_version_id
join surveys su on su.id = sv.survey_id
left join answer_approvals ap on ap.response_id = a.response_id
    and ap.question = a.question and ap.ordinal = a.ordinal
where r.organisation_id = $1::bigint
  and r.submitted_at >= ($2::date::timestamp at time zone 'Europe/Paris')
  and r.submitted_at < ($3::date::timestamp at time zone 'Europe/Paris')
order by r.submitted_at desc, a.response_id, a.question, a.ordinal
limit 200
