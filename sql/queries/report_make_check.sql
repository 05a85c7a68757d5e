-- report_make_check – project $2 (code) and convention $3 (reference, ''
-- for the whole project) belong to organisation $1: its slug, the
-- project code, the convention reference. No row: 404.
-- app/report_make.c.
select o.slug, p.code, coalesce(c.reference, '')
from projects p
join organisations o on o.id = p.organisation_id
left join conventions c on c.project_id = p.id and c.reference = $3
where o.id = $1::bigint and p.code = $2 and ($3 = '' or c.id is not null)
