-- kiosk_revoke.sql – revoke device $1 (id): its token stops working at
-- once (the tablet's answers are then kept as from any browser). Returns
-- the id if it was not revoked already. mesure-admin kiosk-revoke.
update devices set revoked_at = now(), enrol_hash = null
where id = $1::bigint and revoked_at is null
returning id
