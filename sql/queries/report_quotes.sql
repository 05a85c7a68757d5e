-- report_quotes – the free-text answers of the period that a
-- coordinator approved for the reports (answer_approvals, not revoked).
-- Nothing else quotes respondents: an answer without approval is never
-- shown.
--   $1 organisation id, $2 period start, $3 period end (exclusive),
--   $4 how many at most
-- Columns: text as shown, survey kind, site name, language, date.
select coalesce(ap.shown_text, a.value), su.kind, s.name, r.lang,
    (r.submitted_at at time zone 'Europe/Paris')::date::text
from answer_approvals ap
join answers a using (response_id, question, ordinal)
join responses r on r.id = ap.response_id
join survey_versions sv on sv.id = r.survey_version_id
join surveys su on su.id = sv.survey_id
join sites s on s.id = r.site_id
where ap.revoked_at is null and r.organisation_id = $1::bigint
  and r.submitted_at >= ($2::date::timestamp at time zone 'Europe/Paris')
  and r.submitted_at < ($3::date::timestamp at time zone 'Europe/Paris')
order by r.submitted_at, r.id, ap.question, ap.ordinal
limit $4::int
