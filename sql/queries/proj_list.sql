-- proj_list – the projects of organisation $1 with their conventions (one
-- row per convention; a project without any has one row with NULLs):
-- project id, code, name, started_on, ends_on, convention id, reference,
-- title, funder name, amount_cents, starts_on, ends_on, indicators.
-- app/project_admin.c (/projets).
select p.id, p.code, p.name, p.started_on::text, p.ends_on::text,
    c.id, c.reference, c.title, f.name, c.amount_cents, c.starts_on::text,
    c.ends_on::text,
    (select count(*) from indicators i where i.convention_id = c.id)
from projects p
left join conventions c on c.project_id = p.id
left join funders f on f.id = c.funder_id
where p.organisation_id = $1::bigint
order by p.name, p.id, c.starts_on, c.id
