-- conv_page – what the page of convention $2 of organisation $1 shows, one
-- tagged row per item (no row: not this organisation's). Columns: tag,
-- id, then c1..c8 as text:
--   convention  reference, title, funder id, amount_cents, starts_on,
--               ends_on, signed_on, project id
--   project     code, name
--   indicator   kind, catalogue_code, label_fr, label_en, unit, definition
--   target      quarter, target (for indicator id)
--   catalogue   theme, label (in $3), definition (code in c… see below)
--   funder      name, kind
-- A catalogue row's id is NULL: its code is c1, theme c2, label c3,
-- definition c4. app/project_admin.c.
with c as (
	select c.* from conventions c join projects p on p.id = c.project_id
	where c.id = $2::bigint and p.organisation_id = $1::bigint
)
select 'convention', c.id, c.reference, c.title, c.funder_id::text,
    c.amount_cents::text, c.starts_on::text, c.ends_on::text,
    c.signed_on::text, c.project_id::text, 0 as ord1, 0::bigint as ord2
from c
union all
select 'project', p.id, p.code, p.name, null, null, null, null, null, null,
    1, 0
from c join projects p on p.id = c.project_id
union all
select 'indicator', i.id, i.kind, i.catalogue_code, i.label_fr, i.label_en,
    i.unit, i.definition::text, null, null, 2,
    array_position(array['suivi', 'impact', 'libre'], i.kind) * 1000
	+ i.position
from c join indicators i on i.convention_id = c.id
union all
select 'target', t.indicator_id, t.quarter::text, trim_scale(t.target)::text, null, null,
    null, null, null, null, 3, extract(epoch from t.quarter)::bigint
from c join indicators i on i.convention_id = c.id
join indicator_targets t on t.indicator_id = i.id
union all
select 'catalogue', null, k.code, k.theme,
    case when $3 = 'en' then k.label_en else k.label_fr end,
    k.definition::text, null, null, null, null, 4,
    array_position(array['mediation-numerique', 'petite-enfance',
	'decrochage-scolaire', 'insertion-professionnelle'], k.theme) * 1000
	+ k.position
from indicator_catalogue k where exists (select 1 from c)
union all
select 'funder', f.id, f.name, f.kind, null, null, null, null, null, null, 5,
    0
from funders f where exists (select 1 from c)
order by 11, 12, 2
