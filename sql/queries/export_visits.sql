-- export_visits – the raw visits of organisation $1 recorded in [$2, $3)
-- (dates, Europe/Paris), one row per visit, for the CSV export of
-- app/export.c; the columns are those of its data dictionary, in order.
-- Lists (domains, procedures, skills) are codes joined by " | ".
select v.id, to_char(v.visited_at at time zone 'Europe/Paris',
	'YYYY-MM-DD"T"HH24:MI'),
    s.code, coalesce(b.pseudonym, ''), coalesce(b.age_bracket, ''),
    coalesce(b.lives_in_qpv::text, ''), coalesce(v.duration_min::text, ''),
    v.channel, v.help_kind, coalesce(v.autonomy, ''),
    coalesce(v.partner_code, ''), coalesce(v.first_visit::text, ''),
    coalesce((select string_agg(d.domain_code, ' | ' order by d.domain_code)
	from visit_domains d where d.visit_id = v.id), ''),
    coalesce((select string_agg(p.procedure_code, ' | '
	order by p.procedure_code)
	from visit_procedures p where p.visit_id = v.id), ''),
    coalesce((select string_agg(k.skill_code, ' | ' order by k.skill_code)
	from visit_skills k where k.visit_id = v.id), ''),
    v.source
from visits v
join sites s on s.id = v.site_id
left join beneficiaries b on b.id = v.beneficiary_id
where v.organisation_id = $1::bigint
  and v.visited_at >= ($2::date::timestamp at time zone 'Europe/Paris')
  and v.visited_at < ($3::date::timestamp at time zone 'Europe/Paris')
order by v.visited_at, v.id
