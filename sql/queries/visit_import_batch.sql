-- visit_import_batch: batch $3 of user $2 of organisation $1, waiting for
-- confirmation: file name, rows, first and last day, whether imported
-- ('t'/'f'), whether expired ('t'/'f'). app/import.c (the confirm page
-- after a re-authentication, and a reload).
select filename, nrows, coalesce(to_char(first_on, 'YYYY-MM-DD'), ''),
    coalesce(to_char(last_on, 'YYYY-MM-DD'), ''),
    imported_at is not null, expires_at < now()
from visit_imports
where id = $3::bigint and organisation_id = $1::bigint
  and created_by = $2::bigint
