-- The administrator's home: for the organisation $1 (the admin's managing
-- organisation), its name, then the number of users who can sign in,
-- users still waiting to set a password, disabled users, sessions open
-- now ($2: idle limit in seconds), failed sign-ins in the last 24 hours,
-- and active sites. Used by app/staff.c (GET /espace).
select o.name,
    (select count(*) from users u where u.managed_by = o.id
	and u.disabled_at is null and u.password_hash is not null),
    (select count(*) from users u where u.managed_by = o.id
	and u.disabled_at is null and u.password_hash is null),
    (select count(*) from users u where u.managed_by = o.id
	and u.disabled_at is not null),
    (select count(*) from sessions s join users u on u.id = s.user_id
	where u.managed_by = o.id and s.expires_at > now()
	and s.last_seen_at > now() - make_interval(secs => $2::int)),
    (select count(*) from audit_log a where a.organisation_id = o.id
	and a.action = 'auth.signin_failed'
	and a.at > now() - interval '24 hours'),
    (select count(*) from sites s where s.organisation_id = o.id and s.active)
from organisations o
where o.id = $1::bigint
