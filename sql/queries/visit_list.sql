-- visit_list: the visits of organisation $1 a page lists, newest first,
-- with the totals of every visit the filters select, in one statement.
-- Filters (NULL: all): $2 first day, $3 last day (YYYY-MM-DD, Paris
-- time; default the current month up to today), $4 site code, $5 domain
-- code, $6 kind of help; $7 a mediator's user id: then only the visits
-- that mediator recorded today, whatever the period. $8 the user asking
-- (whether each visit may be corrected), $9 page size, $10 offset.
-- One row per visit of the page, or a single row with NULL visit columns
-- when the page is empty; the totals repeat on every row. Columns:
--  0 id, 1 visited at (YYYY-MM-DD HH:MM), 2 site name, 3-4 domains (fr,
--  en), 5-6 kind of help (fr, en), 7-8 partner (fr, en), 9 duration,
--  10 pseudonym, 11 first visit (t/f/''), 12 recorded by, 13 source,
--  14 may be corrected (t/f);
--  totals: 15 visits, 16 people (distinct pseudonyms), 17 new people
--  (distinct pseudonyms whose first visit is in the selection), 18
--  visits without a pseudonym, 19 done on the person's behalf, 20
--  orientations, 21 minutes; 22-23 the period (YYYY-MM-DD).
-- Used by app/visit_list.c (GET /visites).
with t as (
	select (now() at time zone 'Europe/Paris')::date as today
), p as (
	select coalesce($2::date, date_trunc('month', t.today)::date) as d0,
	    coalesce($3::date, t.today) as d1, t.today
	from t
), v as (
	select v.* from visits v, p
	where v.organisation_id = $1::bigint
	  and (case when $7::bigint is null then
		v.visited_at >= (p.d0::timestamp at time zone 'Europe/Paris')
		and v.visited_at < ((p.d1 + 1)::timestamp at time zone
		    'Europe/Paris')
	    else v.mediator_id = $7::bigint
		and v.created_at >= (p.today::timestamp at time zone
		    'Europe/Paris') end)
	  and ($4::text is null or v.site_id = (select s.id from sites s
		where s.organisation_id = $1::bigint and s.code = $4::text))
	  and ($6::text is null or v.help_kind = $6::text)
	  and ($5::text is null or exists (select 1 from visit_domains d
		where d.visit_id = v.id and d.domain_code = $5::text))
), tot as (
	select count(*) as visits, count(distinct beneficiary_id) as people,
	    count(distinct beneficiary_id) filter (where first_visit) as newp,
	    count(*) filter (where beneficiary_id is null) as anon,
	    count(*) filter (where help_kind = 'faire-a-la-place') as behalf,
	    count(*) filter (where help_kind = 'orientation') as orient,
	    coalesce(sum(duration_min), 0) as minutes
	from v
), page as (
	select v.id, v.visited_at, v.site_id, v.help_kind, v.partner_code,
	    v.duration_min, v.beneficiary_id, v.first_visit, v.mediator_id,
	    v.source
	from v
	order by v.visited_at desc, v.id desc
	limit $9::int offset $10::int
)
select pg.id,
    to_char(pg.visited_at at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI'),
    s.name,
    (select string_agg(d.label_fr, ', ' order by d.position)
	from visit_domains vd join domains d on d.code = vd.domain_code
	where vd.visit_id = pg.id),
    (select string_agg(d.label_en, ', ' order by d.position)
	from visit_domains vd join domains d on d.code = vd.domain_code
	where vd.visit_id = pg.id),
    h.label_fr, h.label_en, pa.label_fr, pa.label_en, pg.duration_min,
    b.pseudonym, coalesce(pg.first_visit::text, ''), u.display_name,
    pg.source,
    case when pg.id is null then null
	else visit_access($1::bigint, $8::bigint, pg.id) = 'ok' end,
    tot.visits, tot.people, tot.newp, tot.anon, tot.behalf, tot.orient,
    tot.minutes, to_char(p.d0, 'YYYY-MM-DD'), to_char(p.d1, 'YYYY-MM-DD')
from tot cross join p
left join page pg on true
left join sites s on s.id = pg.site_id
left join help_kinds h on h.code = pg.help_kind
left join partners pa on pa.code = pg.partner_code
left join beneficiaries b on b.id = pg.beneficiary_id
left join users u on u.id = pg.mediator_id
order by pg.visited_at desc, pg.id desc
