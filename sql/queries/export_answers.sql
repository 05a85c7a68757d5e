-- export_answers – the raw answers to the surveys of organisation $1
-- submitted in [$2, $3) (dates, Europe/Paris), one row per answer (a
-- multiple choice gives one row per option chosen), for the CSV export of
-- app/export.c; the columns are those of its data dictionary, in order.
select r.id, to_char(r.submitted_at at time zone 'Europe/Paris',
	'YYYY-MM-DD"T"HH24:MI'),
    s.code, su.code, sv.version::text, r.lang, r.channel,
    coalesce(r.domain_code, ''), coalesce(r.help_kind, ''),
    (r.visit_id is not null)::text, a.question, a.ordinal::text, a.value
from responses r
join sites s on s.id = r.site_id
join survey_versions sv on sv.id = r.survey_version_id
join surveys su on su.id = sv.survey_id
join answers a on a.response_id = r.id
where r.organisation_id = $1::bigint
  and r.submitted_at >= ($2::date::timestamp at time zone 'Europe/Paris')
  and r.submitted_at < ($3::date::timestamp at time zone 'Europe/Paris')
order by r.submitted_at, r.id, a.question, a.ordinal
