-- report_pdf – what names the file of report $3, under the same scope as
-- report_portal.sql ($1 organisation, $2 funder or NULL); no row: 404.
-- Columns: kind, period start, convention reference, project code.
-- app/report_portal.c (download).
select r.kind, r.period_start::text, coalesce(c.reference, ''), p.code
from reports r
join projects p on p.id = r.project_id
left join conventions c on c.id = r.convention_id
where r.id = $3::bigint
  and (($2::bigint is not null and c.funder_id = $2::bigint
	and r.status = 'signed' and r.shared_at is not null)
    or ($2::bigint is null and r.organisation_id = $1::bigint))
