-- kiosk_device.sql – the enrolled, not revoked device whose token hashes
-- to $1 (hex): id, name, PIN salt, PIN SHA-256 (hex), its site's code and
-- name, whether that site is $2 (code), and its phone. Used by GET /kiosk/{site}
-- and the kiosk's follow-up card (app/kiosk.c).
select d.id, d.name, d.pin_salt, encode(d.pin_sha256, 'hex'), s.code,
    s.name, s.code = $2, coalesce(s.phone, '')
from devices d
join sites s on s.id = d.site_id
where d.token_hash = decode($1, 'hex') and d.revoked_at is null
    and s.active
