-- The audit log of the organisation $1, newest first, $3 rows before the
-- id $2 (NULL: from the newest). Columns: id, time, actor, address,
-- action, object type, object id, detail (JSON text).
-- Used by app/users.c (GET /admin/journal).
select id, at, actor, coalesce(host(ip), ''), action,
    coalesce(object_type, ''), coalesce(object_id, ''), detail::text
from audit_log
where organisation_id = $1::bigint and ($2::bigint is null or id < $2::bigint)
order by id desc
limit $3::int
