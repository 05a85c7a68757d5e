-- report_portal – the reports a signed-in person may read, newest first:
-- a funder ($2 funder id) the signed and shared reports of the
-- conventions it funds; a coordinator or an administrator ($1
-- organisation id) every report of the organisation. $3 a report id to
-- get that one only (NULL: all). Columns: id, kind, period start, period
-- end, project, convention reference, funder, organisation, status,
-- signed at, shared at, PDF size, SHA-256 (hex), replaced by (a newer
-- version's id or NULL), lang. app/report_portal.c.
select r.id, r.kind, r.period_start::text, r.period_end::text, p.name,
    coalesce(c.reference, ''), coalesce(f.name, ''), o.name, r.status,
    r.signed_at, r.shared_at, length(r.pdf), encode(r.sha256, 'hex'),
    (select n.id from reports n where n.replaces_id = r.id
	order by n.id desc limit 1), r.lang
from reports r
join projects p on p.id = r.project_id
join organisations o on o.id = r.organisation_id
left join conventions c on c.id = r.convention_id
left join funders f on f.id = c.funder_id
where ($3::bigint is null or r.id = $3::bigint)
  and (($2::bigint is not null and c.funder_id = $2::bigint
	and r.status = 'signed' and r.shared_at is not null)
    or ($2::bigint is null and r.organisation_id = $1::bigint))
order by r.period_start desc, r.id desc
limit 200
