-- report_by_sha256 – the report registered with these PDF bytes, for
-- /verify ("is this a report of this instance?") and for the command
-- line when the same bytes are generated twice.
--   $1 SHA-256 of the PDF (bytea)
-- Columns: id, status, kind, period start, period end, project name,
-- organisation name, convention reference, signed at, replaced by
-- (the id of a newer version, NULL if this one is current).
select r.id, r.status, r.kind, r.period_start::text, r.period_end::text,
    p.name, o.name, c.reference, r.signed_at,
    (select n.id from reports n where n.replaces_id = r.id
	order by n.id desc limit 1)
from reports r
join projects p on p.id = r.project_id
join organisations o on o.id = r.organisation_id
left join conventions c on c.id = r.convention_id
where r.sha256 = $1::bytea
