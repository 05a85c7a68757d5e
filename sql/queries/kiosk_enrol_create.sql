-- kiosk_enrol_create.sql – a pending enrolment of a tablet at site $1
-- (code), named $2, whose one-time code hashes to $3 (hex), valid $4
-- minutes, with the staff PIN's salt $5 and SHA-256 $6 (hex). Returns the
-- device id and the site's name. mesure-admin kiosk-enrol.
insert into devices (organisation_id, site_id, name, enrol_hash,
    enrol_expires_at, pin_salt, pin_sha256)
select s.organisation_id, s.id, $2, decode($3, 'hex'),
    now() + make_interval(mins => $4::int), $5, decode($6, 'hex')
from sites s
where s.code = $1 and s.active
returning id, (select name from sites where code = $1)
