-- visit_save: record a visit from the form ($3 NULL) or correct visit $3,
-- as user $2 of organisation $1: $4 the visit as JSON (app/core/visit.c,
-- visit_json()), $5 the user's e-mail and $6 address for the audit row of
-- a correction. Columns: the visit's id, its person's pseudonym (or
-- NULL). SQLSTATE 42501 when the user may not write there, MV404 for an
-- unknown pseudonym, 23505 when a new pseudonym clashes (draw another).
-- See visit_save_web() in sql/migrations/0310_visit_pages.sql.
select id, pseudonym
from visit_save_web($1::bigint, $2::bigint, $3::bigint, $4::jsonb, $5,
    $6::inet)
