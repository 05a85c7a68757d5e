-- kiosk_list.sql – every kiosk device: id, site, name, state (pending,
-- enrolled, revoked), last seen (Paris time). mesure-admin kiosk-list.
select d.id, s.code, d.name,
    case when d.revoked_at is not null then 'revoked'
	 when d.token_hash is not null then 'enrolled'
	 when d.enrol_expires_at > now() then 'pending'
	 else 'expired' end,
    coalesce(to_char(d.last_seen_at at time zone 'Europe/Paris',
	'YYYY-MM-DD HH24:MI'), '-')
from devices d
join sites s on s.id = d.site_id
order by d.id
