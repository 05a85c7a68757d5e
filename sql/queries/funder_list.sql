-- funder_list – every funder of the instance (a funder can fund several
-- organisations), with the conventions organisation $1 has with it and
-- whether $1 may rename it (no other organisation's convention names it):
-- id, name, kind, conventions here, editable. app/project_admin.c.
select f.id, f.name, f.kind,
    (select count(*) from conventions c join projects p on p.id = c.project_id
     where c.funder_id = f.id and p.organisation_id = $1::bigint),
    not exists (select 1 from conventions c join projects p
	on p.id = c.project_id
	where c.funder_id = f.id and p.organisation_id <> $1::bigint)
from funders f
order by f.name
