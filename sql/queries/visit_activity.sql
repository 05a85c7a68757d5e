-- visit_activity: the coordinator's "activity at a glance" for one
-- organisation ($1) over [$2, $3) (dates), optionally one site ($4 code),
-- domain ($5 code) and kind of help ($6 code); NULL means all.
-- One row per (dimension, key): dimension is 'total', 'site', 'domain',
-- 'week', 'help_kind', 'partner'; columns: dimension, key, label_fr,
-- label_en, visits, beneficiaries (distinct named people), new_people
-- (first visits), on_behalf (visits done for the person).
-- A visit with two domains counts once per domain in 'domain' rows and
-- once in every other row.
with v as (
	select v.id, v.visited_at, v.beneficiary_id, v.first_visit,
	    v.help_kind, v.partner_code, s.code as site, s.name as site_name
	from visits v
	join sites s on s.id = v.site_id
	where v.organisation_id = $1::bigint
	  and v.visited_at >= $2::date::timestamptz
	  and v.visited_at < $3::date::timestamptz
	  and ($4::text is null or s.code = $4::text)
	  and ($6::text is null or v.help_kind = $6::text)
	  and ($5::text is null or exists (select 1 from visit_domains d
		where d.visit_id = v.id and d.domain_code = $5::text))
)
select 'total', '', '', '', count(*), count(distinct beneficiary_id),
    count(*) filter (where first_visit),
    count(*) filter (where help_kind = 'faire-a-la-place')
from v
union all
select 'site', site, site_name, site_name, count(*),
    count(distinct beneficiary_id), count(*) filter (where first_visit),
    count(*) filter (where help_kind = 'faire-a-la-place')
from v group by site, site_name
union all
select 'domain', d.code, d.label_fr, d.label_en, count(*),
    count(distinct v.beneficiary_id), count(*) filter (where v.first_visit),
    count(*) filter (where v.help_kind = 'faire-a-la-place')
from v join visit_domains vd on vd.visit_id = v.id
join domains d on d.code = vd.domain_code
group by d.code, d.label_fr, d.label_en, d.position
union all
select 'week', to_char(date_trunc('week', visited_at), 'YYYY-MM-DD'),
    to_char(date_trunc('week', visited_at), 'DD/MM'),
    to_char(date_trunc('week', visited_at), 'DD/MM'), count(*),
    count(distinct beneficiary_id), count(*) filter (where first_visit),
    count(*) filter (where help_kind = 'faire-a-la-place')
from v group by date_trunc('week', visited_at)
union all
select 'help_kind', h.code, h.label_fr, h.label_en, count(v.id),
    count(distinct v.beneficiary_id), count(v.id) filter (where v.first_visit),
    count(v.id) filter (where v.help_kind = 'faire-a-la-place')
from help_kinds h left join v on v.help_kind = h.code
group by h.code, h.label_fr, h.label_en, h.position
union all
select 'partner', p.code, p.label_fr, p.label_en, count(*),
    count(distinct v.beneficiary_id), count(*) filter (where v.first_visit),
    count(*) filter (where v.help_kind = 'faire-a-la-place')
from v join partners p on p.code = v.partner_code
group by p.code, p.label_fr, p.label_en, p.position
order by 1, 2
