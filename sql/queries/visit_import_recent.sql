-- visit_import_recent: the last ten files imported into organisation $1:
-- when (Paris time), by whom, file name, visits written, first and last
-- day. app/import.c (GET /visites/import).
select to_char(x.imported_at at time zone 'Europe/Paris',
	'YYYY-MM-DD HH24:MI'),
    coalesce(u.display_name, ''), x.filename, x.imported,
    coalesce(to_char(x.first_on, 'YYYY-MM-DD'), ''),
    coalesce(to_char(x.last_on, 'YYYY-MM-DD'), '')
from visit_imports x
left join users u on u.id = x.created_by
where x.organisation_id = $1::bigint and x.imported_at is not null
order by x.imported_at desc
limit 10
