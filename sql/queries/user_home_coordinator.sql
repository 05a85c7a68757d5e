-- The coordinator's home: the active sites of the organisation $1 with
-- this quarter's visits and survey responses. Columns: organisation name,
-- site code, site name, visits, responses, quarter ("2026-T4").
-- Used by app/staff.c (GET /espace).
select o.name, s.code, s.name,
    (select count(*) from visits v where v.site_id = s.id
	and v.visited_at >= quarter_start(now())::timestamptz),
    (select count(*) from responses r where r.site_id = s.id
	and r.submitted_at >= quarter_start(now())::timestamptz),
    quarter_label(quarter_start(now()))
from organisations o
join sites s on s.organisation_id = o.id and s.active
where o.id = $1::bigint
order by s.name
