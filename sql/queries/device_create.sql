-- device_create: a pending enrolment of a tablet at site $3 (code) made by
-- user $2 of organisation $1 from the staff page: name $4, one-time code
-- hashing to $5 (hex), valid $6 minutes, staff PIN salt $7 and SHA-256 $8
-- (hex); $9 e-mail and $10 address for the audit row. Columns: device id,
-- site name; no row if the site is not one the user serves. See
-- device_create() in sql/migrations/0310_visit_pages.sql. app/device.c.
select * from device_create($1::bigint, $2::bigint, $3, $4, decode($5, 'hex'),
    $6::int, $7, decode($8, 'hex'), $9, $10::inet)
