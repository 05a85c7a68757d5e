-- The mediator's home: their sites ($2, ids as "{1,2}", within the
-- organisation $3) with the visits they recorded this month ($1: their
-- user id), the site's visits today and the survey responses this month.
-- Columns: code, name, host place, mine this month, site today,
-- responses this month. Used by app/staff.c (GET /espace).
select s.code, s.name, coalesce(s.host_place, ''),
    (select count(*) from visits v where v.site_id = s.id
	and v.mediator_id = $1::bigint
	and v.visited_at >= date_trunc('month', now())),
    (select count(*) from visits v where v.site_id = s.id
	and v.visited_at >= date_trunc('day', now())),
    (select count(*) from responses r where r.site_id = s.id
	and r.submitted_at >= date_trunc('month', now()))
from sites s
where s.id = any($2::bigint[]) and s.organisation_id = $3::bigint
    and s.active
order by s.name
