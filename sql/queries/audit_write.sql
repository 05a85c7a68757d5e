-- Write one audit row (audit_write in 0200): $1 user id, $2 organisation
-- id, $3 actor (e-mail), $4 address, $5 action, $6 object type, $7 object
-- id, $8 detail (a JSON object or NULL). One column: the row's id.
-- Used by app/staff.c (auth_audit(), for every area).
select audit_write($1::bigint, $2::bigint, $3, $4::inet, $5, $6, $7,
    $8::jsonb)
