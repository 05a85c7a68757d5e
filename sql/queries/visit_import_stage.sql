-- visit_import_stage: keep the checked rows $5 (JSON, app/core/
-- visit_import.c) of file $3 (its name) whose SHA-256 is $4 (hex), for
-- user $2 of organisation $1 to confirm within the hour. Columns: the
-- batch id, or NULL and when this very file was imported already
-- (Paris time, YYYY-MM-DD HH:MM). 42501 if the user may not import.
-- app/import.c (the dry run).
select batch_id,
    to_char(imported_at at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI')
from visit_import_stage($1::bigint, $2::bigint, $3, decode($4, 'hex'),
    $5::jsonb)
