-- What the user form of the organisation $1 offers: its active sites (for
-- a mediator) and the funders of its projects' conventions (for a
-- funder's user). Columns: kind ('site' or 'funder'), id, label.
-- Used by app/users_form.c.
select 'site', s.id, s.name from sites s
where s.organisation_id = $1::bigint and s.active
union all
select 'funder', f.id, f.name from funders f
where exists (select 1 from conventions c join projects p
    on p.id = c.project_id
    where c.funder_id = f.id and p.organisation_id = $1::bigint)
order by 1 desc, 3
