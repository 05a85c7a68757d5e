-- conv_target – convention $2 of organisation $1 as a report target, in
-- the columns of report_make_check.sql (organisation slug, project code,
-- convention reference), then its first and last year. No row: 404.
-- app/export.c (the funder's spreadsheet).
select o.slug, p.code, c.reference,
    extract(year from c.starts_on)::int,
    extract(year from c.ends_on)::int
from conventions c
join projects p on p.id = c.project_id
join organisations o on o.id = p.organisation_id
where c.id = $2::bigint and o.id = $1::bigint
