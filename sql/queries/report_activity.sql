-- report_activity – what the service did over a period, by site, by kind
-- of help, by domain, by partner oriented to and by autonomy observed;
-- with a first row ('total') for the whole. A visit with two domains
-- counts in both (the domain rows do not add up to the total). The
-- figures come from visit_activity() (migration 0401): the quarter's
-- rollup when it is clean, the raw visits otherwise.
--   $1 organisation id, $2 period start, $3 period end (exclusive),
--   $4 lang
-- Columns: dimension, code, label, position, visits, people named
-- (distinct pseudonyms), anonymous visits, minutes, new people (first
-- visit ever in the period).
with a as (
	select * from visit_activity($1::bigint, $2::date, $3::date)
), labels as (
	select 'total' as dim, '' as code, '' as label, 0 as position,
	    '' as key
	union all
	select 'site', s.id::text, s.name, 0, s.code from sites s
	where s.organisation_id = $1::bigint
	union all
	select 'help_kind', h.code, case when $4 = 'en' then h.label_en
	    else h.label_fr end, h.position, h.code from help_kinds h
	union all
	select 'domain', d.code, case when $4 = 'en' then d.label_en
	    else d.label_fr end, d.position, d.code from domains d
	union all
	select 'partner', p.code, case when $4 = 'en' then p.label_en
	    else p.label_fr end, p.position, p.code from partners p
	union all
	select 'autonomy', al.code, case when $4 = 'en' then al.label_en
	    else al.label_fr end, al.position, al.code from autonomy_levels al
)
select l.dim, l.key, l.label, l.position, coalesce(a.visits, 0),
    coalesce(a.people, 0), coalesce(a.anon, 0), coalesce(a.minutes, 0),
    coalesce(a.newp, 0)
from labels l
left join a on a.dim = l.dim and a.code = l.code
where l.dim <> 'site' or a.visits > 0 or exists (select 1 from sites s
    where s.id::text = l.code and s.active)
order by 1, 4, 3
