-- visit_sites: the filters of the visit list and of the activity page
-- for organisation $1: its sites, the domains, the kinds of help, and
-- today (Paris time) as code of a 'today' row. Columns: kind ('site',
-- 'domain', 'help_kind', 'today'), code, label_fr, label_en, position. Used by app/visit_list.c and app/activity.c.
select 'site', code, name, name, row_number() over (order by name)::int
from sites where organisation_id = $1::bigint and active
union all select 'domain', code, label_fr, label_en, position from domains
union all select 'help_kind', code, label_fr, label_en, position
    from help_kinds
union all select 'today', to_char(now() at time zone 'Europe/Paris',
    'YYYY-MM-DD'), '', '', 0
order by 1, 5
