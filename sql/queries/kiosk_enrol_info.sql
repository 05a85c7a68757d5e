-- kiosk_enrol_info.sql – the site and name of the pending enrolment whose
-- one-time code hashes to $1 (hex), if it is still valid. GET of
-- /kiosk/inscription/{code} (app/kiosk.c).
select s.code, s.name, d.name
from devices d
join sites s on s.id = d.site_id
where d.enrol_hash = decode($1, 'hex') and d.enrol_expires_at > now()
    and d.revoked_at is null
