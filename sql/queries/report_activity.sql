-- report_activity – what the service did over a period, by site, by kind
-- of help, by domain, by partner oriented to and by autonomy observed;
-- with a first row ('total') for the whole. A visit with two domains
-- counts in both (the domain rows do not add up to the total).
--   $1 organisation id, $2 period start, $3 period end (exclusive),
--   $4 lang
-- Columns: dimension, code, label, position, visits, people named
-- (distinct pseudonyms), anonymous visits, minutes, new people (first
-- visit ever in the period).
with v as (
	select v.id, v.site_id, v.help_kind, v.partner_code, v.autonomy,
	    v.beneficiary_id, v.first_visit, v.duration_min
	from visits v
	where v.organisation_id = $1::bigint
	  and v.visited_at >= ($2::date::timestamp at time zone 'Europe/Paris')
	  and v.visited_at < ($3::date::timestamp at time zone 'Europe/Paris')
)
select 'total', '', '', 0, count(*), count(distinct beneficiary_id),
    count(*) filter (where beneficiary_id is null),
    coalesce(sum(duration_min), 0),
    count(distinct beneficiary_id) filter (where first_visit)
from v
union all
select 'site', s.code, s.name, 0, count(v.id),
    count(distinct v.beneficiary_id),
    count(v.id) filter (where v.beneficiary_id is null),
    coalesce(sum(v.duration_min), 0),
    count(distinct v.beneficiary_id) filter (where v.first_visit)
from sites s
left join v on v.site_id = s.id
where s.organisation_id = $1::bigint
group by s.id, s.code, s.name
having s.active or count(v.id) > 0
union all
select 'help_kind', h.code, case when $4 = 'en' then h.label_en
    else h.label_fr end, h.position, count(v.id),
    count(distinct v.beneficiary_id),
    count(v.id) filter (where v.beneficiary_id is null),
    coalesce(sum(v.duration_min), 0),
    count(distinct v.beneficiary_id) filter (where v.first_visit)
from help_kinds h
left join v on v.help_kind = h.code
group by h.code
union all
select 'domain', d.code, case when $4 = 'en' then d.label_en
    else d.label_fr end, d.position, count(v.id),
    count(distinct v.beneficiary_id),
    count(v.id) filter (where v.beneficiary_id is null),
    coalesce(sum(v.duration_min), 0),
    count(distinct v.beneficiary_id) filter (where v.first_visit)
from domains d
left join visit_domains vd on vd.domain_code = d.code
left join v on v.id = vd.visit_id
group by d.code
union all
select 'partner', p.code, case when $4 = 'en' then p.label_en
    else p.label_fr end, p.position, count(v.id),
    count(distinct v.beneficiary_id),
    count(v.id) filter (where v.beneficiary_id is null),
    coalesce(sum(v.duration_min), 0),
    count(distinct v.beneficiary_id) filter (where v.first_visit)
from partners p
left join v on v.partner_code = p.code
group by p.code
union all
select 'autonomy', a.code, case when $4 = 'en' then a.label_en
    else a.label_fr end, a.position, count(v.id),
    count(distinct v.beneficiary_id),
    count(v.id) filter (where v.beneficiary_id is null),
    coalesce(sum(v.duration_min), 0),
    count(distinct v.beneficiary_id) filter (where v.first_visit)
from autonomy_levels a
left join v on v.autonomy = a.code
group by a.code
order by 1, 4, 3
