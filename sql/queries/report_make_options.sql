-- report_make_options – what a coordinator of organisation $1 can make a
-- report of: each project (whole, labelled with $2) and each of its
-- conventions. Columns: value "project|convention" ("project|" for the
-- whole project), label. app/report_make.c.
select p.code || '|', p.name || ' – ' || $2
from projects p where p.organisation_id = $1::bigint
union all
select p.code || '|' || c.reference,
    p.name || ' – ' || c.reference || ' (' || f.name || ')'
from conventions c
join projects p on p.id = c.project_id
join funders f on f.id = c.funder_id
where p.organisation_id = $1::bigint
order by 2
