-- Run the retention purge (purge_run in 0600): $1 organisation slug or
-- NULL for all, $2 dry run ('true'/'false'). Columns: slug, counts (JSON).
-- Used by app/admin/admin_purge.c (mesure-admin purge).
select o.slug, p.counts::text
from purge_run((select id from organisations where slug = $1),
    $2::boolean) p
join organisations o on o.id = p.organisation_id
where $1::text is null or o.slug = $1
