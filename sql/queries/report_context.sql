-- report_context – who and what a report is about: the organisation, the
-- project and, for a convention's report, the convention and its
-- funder; and the schema version the figures were computed under.
-- Used by reports/report_data.c (mesure-report, the coordinator pages).
--   $1 project code, $2 organisation slug ('' = any),
--   $3 convention reference ('' = the whole project)
-- One row per matching project (more than one: ambiguous, the caller
-- asks for the organisation); convention columns NULL when $3 is '' or
-- names no convention of the project.
select o.id, o.slug, o.name, o.small_cell_threshold,
    p.id, p.code, p.name, p.summary, p.audience, p.started_on::text,
    c.id, c.reference, c.title, c.amount_cents, c.starts_on::text,
    c.ends_on::text, c.signed_on::text, f.name, f.kind,
    (select max(version) from schema_migrations)
from projects p
join organisations o on o.id = p.organisation_id
left join conventions c on c.project_id = p.id and $3 <> ''
    and c.reference = $3
left join funders f on f.id = c.funder_id
where p.code = $1 and ($2 = '' or o.slug = $2)
order by o.slug
