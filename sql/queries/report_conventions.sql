-- report_conventions – the conventions of a project that cover part of
-- a period, with their funder: the list a project-wide report shows.
--   $1 project id, $2 period start, $3 period end (exclusive)
select c.id, c.reference, c.title, c.amount_cents, c.starts_on::text,
    c.ends_on::text, f.name, f.kind
from conventions c
join funders f on f.id = c.funder_id
where c.project_id = $1 and c.starts_on < $3::date
  and c.ends_on >= $2::date
order by c.starts_on, c.reference
