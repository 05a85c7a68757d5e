-- visit_activity: the coordinator's "activity at a glance" for one
-- organisation ($1) over [$2, $3) (dates, Paris time; NULL: the current
-- quarter so far – the 'total' row then gives the period used, its first
-- day in label_fr and the day after its last in label_en), optionally
-- one site ($4 code),
-- domain ($5 code) and kind of help ($6 code); NULL means all.
-- One row per (dimension, key): dimension is 'total', 'site', 'domain',
-- 'week', 'help_kind', 'partner'; columns: dimension, key, label_fr,
-- label_en, visits, beneficiaries (distinct named people), new_people
-- (first visits), on_behalf (visits done for the person), then (issue #5,
-- the activity page) anonymous visits (no pseudonym), new people (distinct
-- named people whose first visit is in the period: the others are
-- returning), orientations, minutes.
-- A visit with two domains counts once per domain in 'domain' rows and
-- once in every other row. Used by app/activity.c.
with p as (
	select coalesce($2::date, date_trunc('quarter',
		now() at time zone 'Europe/Paris')::date) as d0,
	    coalesce($3::date, (now() at time zone 'Europe/Paris')::date + 1)
		as d1
), v as (
	select v.id, v.visited_at, v.beneficiary_id, v.first_visit,
	    v.help_kind, v.partner_code, v.duration_min, s.code as site,
	    s.name as site_name
	from visits v
	join sites s on s.id = v.site_id, p
	where v.organisation_id = $1::bigint
	  and v.visited_at >= (p.d0::timestamp at time zone 'Europe/Paris')
	  and v.visited_at < (p.d1::timestamp at time zone 'Europe/Paris')
	  and ($4::text is null or s.code = $4::text)
	  and ($6::text is null or v.help_kind = $6::text)
	  and ($5::text is null or exists (select 1 from visit_domains d
		where d.visit_id = v.id and d.domain_code = $5::text))
)
select 'total', '', (select to_char(d0, 'YYYY-MM-DD') from p),
    (select to_char(d1, 'YYYY-MM-DD') from p), count(*),
    count(distinct beneficiary_id),
    count(*) filter (where first_visit),
    count(*) filter (where help_kind = 'faire-a-la-place'),
    count(*) filter (where beneficiary_id is null),
    count(distinct beneficiary_id) filter (where first_visit),
    count(*) filter (where help_kind = 'orientation'),
    coalesce(sum(duration_min), 0)
from v
union all
select 'site', site, site_name, site_name, count(*),
    count(distinct beneficiary_id), count(*) filter (where first_visit),
    count(*) filter (where help_kind = 'faire-a-la-place'),
    count(*) filter (where beneficiary_id is null),
    count(distinct beneficiary_id) filter (where first_visit),
    count(*) filter (where help_kind = 'orientation'),
    coalesce(sum(duration_min), 0)
from v group by site, site_name
union all
select 'domain', d.code, d.label_fr, d.label_en, count(*),
    count(distinct v.beneficiary_id), count(*) filter (where v.first_visit),
    count(*) filter (where v.help_kind = 'faire-a-la-place'),
    count(*) filter (where v.beneficiary_id is null),
    count(distinct v.beneficiary_id) filter (where v.first_visit),
    count(*) filter (where v.help_kind = 'orientation'),
    coalesce(sum(v.duration_min), 0)
from v join visit_domains vd on vd.visit_id = v.id
join domains d on d.code = vd.domain_code
group by d.code, d.label_fr, d.label_en, d.position
union all
select 'week', to_char(date_trunc('week', visited_at), 'YYYY-MM-DD'),
    to_char(date_trunc('week', visited_at), 'DD/MM'),
    to_char(date_trunc('week', visited_at), 'DD/MM'), count(*),
    count(distinct beneficiary_id), count(*) filter (where first_visit),
    count(*) filter (where help_kind = 'faire-a-la-place'),
    count(*) filter (where beneficiary_id is null),
    count(distinct beneficiary_id) filter (where first_visit),
    count(*) filter (where help_kind = 'orientation'),
    coalesce(sum(duration_min), 0)
from v group by date_trunc('week', visited_at)
union all
select 'help_kind', h.code, h.label_fr, h.label_en, count(v.id),
    count(distinct v.beneficiary_id), count(v.id) filter (where v.first_visit),
    count(v.id) filter (where v.help_kind = 'faire-a-la-place'),
    count(v.id) filter (where v.beneficiary_id is null),
    count(distinct v.beneficiary_id) filter (where v.first_visit),
    count(v.id) filter (where v.help_kind = 'orientation'),
    coalesce(sum(v.duration_min), 0)
from help_kinds h left join v on v.help_kind = h.code
group by h.code, h.label_fr, h.label_en, h.position
union all
select 'partner', p.code, p.label_fr, p.label_en, count(*),
    count(distinct v.beneficiary_id), count(*) filter (where v.first_visit),
    count(*) filter (where v.help_kind = 'faire-a-la-place'),
    count(*) filter (where v.beneficiary_id is null),
    count(distinct v.beneficiary_id) filter (where v.first_visit),
    count(*) filter (where v.help_kind = 'orientation'),
    coalesce(sum(v.duration_min), 0)
from v join partners p on p.code = v.partner_code
group by p.code, p.label_fr, p.label_en, p.position
order by 1, 2
