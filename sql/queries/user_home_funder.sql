-- The funder's home: the conventions the funder $1 funds, in every
-- organisation, with their signed reports. Columns: funder name,
-- reference, title, project, organisation, start, end, amount (cents),
-- signed reports; one row with NULLs after the name if it funds none.
-- Used by app/staff.c (GET /espace).
select f.name, c.reference, c.title, p.name, o.name, c.starts_on,
    c.ends_on, c.amount_cents,
    (select count(*) from reports r where r.convention_id = c.id
	and r.status = 'signed')
from funders f
left join conventions c on c.funder_id = f.id
left join projects p on p.id = c.project_id
left join organisations o on o.id = p.organisation_id
where f.id = $1::bigint
order by c.starts_on desc, c.reference
