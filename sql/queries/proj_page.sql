-- proj_page – everything the page of project $2 of organisation $1 shows,
-- one tagged row per item so that the page needs one round trip (no row:
-- not this organisation's project). Columns: tag, id, then c1..c9 as text:
--   project     code, name, summary, audience, started_on, ends_on
--   convention  reference, title, funder, amount_cents, starts_on, ends_on,
--               indicators
--   chain       stage, label, position, indicator label (fr, en)
--   milestone   label, planned_on, done_on, status
--   budget      label, category, planned_cents, spent_cents (all quarters)
--   spend       quarter, spent_cents (for budget line id)
--   funder      name, kind (the choice when adding a convention)
--   indicator   label, convention reference, English label (the choice
--               of the indicator that measures a step of the chain)
-- app/project_admin.c.
with p as (
	select * from projects where id = $2::bigint
	    and organisation_id = $1::bigint
)
select 'project', p.id, p.code, p.name, p.summary, p.audience,
    p.started_on::text, p.ends_on::text, null, null, null, 0 as ord1,
    0 as ord2
from p
union all
select 'convention', c.id, c.reference, c.title, f.name,
    c.amount_cents::text, c.starts_on::text, c.ends_on::text,
    (select count(*) from indicators i where i.convention_id = c.id)::text,
    null, null, 1, extract(epoch from c.starts_on)::bigint
from p join conventions c on c.project_id = p.id
join funders f on f.id = c.funder_id
union all
select 'chain', s.id, s.stage, s.label, s.position::text, i.label_fr,
    i.label_en, null, null, null, null, 2,
    array_position(array['resources', 'activities', 'outputs', 'outcomes',
	'impact'], s.stage) * 10000 + s.position
from p join impact_chain_steps s on s.project_id = p.id
left join indicators i on i.id = s.indicator_id
union all
select 'milestone', m.id, m.label, m.planned_on::text, m.done_on::text,
    m.status, null, null, null, null, null, 3,
    extract(epoch from m.planned_on)::bigint
from p join milestones m on m.project_id = p.id
union all
select 'budget', b.id, b.label, b.category, b.planned_cents::text,
    (select coalesce(sum(s.spent_cents), 0) from budget_spending s
     where s.budget_line_id = b.id)::text, null, null, null, null, null, 4,
    b.position
from p join budget_lines b on b.project_id = p.id
union all
select 'spend', b.id, s.quarter::text, s.spent_cents::text, null, null, null,
    null, null, null, null, 5, extract(epoch from s.quarter)::bigint
from p join budget_lines b on b.project_id = p.id
join budget_spending s on s.budget_line_id = b.id
union all
select 'funder', f.id, f.name, f.kind, null, null, null, null, null, null,
    null, 6, 0
from p cross join funders f
union all
select 'indicator', i.id, i.label_fr, c.reference, i.label_en, null, null, null,
    null, null, null, 7, c.id
from p join conventions c on c.project_id = p.id
join indicators i on i.convention_id = c.id
order by 12, 13, 2
