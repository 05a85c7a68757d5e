-- visit_invite: a one-time invitation to survey $4 (code) of kind $5
-- ('kiosk': the tablet handed over; 'card': a follow-up card) for what
-- visit $3 of organisation $1 was about, made by user $2; $6 the SHA-256
-- (hex) of its code, valid $7 minutes. Columns: invitation id, last day,
-- site code, site name, site phone, domain kept, kind of help kept (NULL
-- when dropped by the small-cell rule). No row if the visit or the survey
-- is unknown; 42501 if the user may not write the visit. See
-- visit_invite() in sql/migrations/0310_visit_pages.sql.
select * from visit_invite($1::bigint, $2::bigint, $3::bigint, $4, $5,
    decode($6, 'hex'), make_interval(mins => $7::int))
