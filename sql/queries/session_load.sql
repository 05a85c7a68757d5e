-- The signed-in person behind a session: $1 the SHA-256 (hex) of the
-- cookie's token, $2 the idle limit in seconds, $3 a language just chosen
-- with ?lang= (saved for the next visits) or NULL, $4 how long a password
-- check stays fresh, in seconds. No row if the session is unknown, idle
-- too long, past its absolute expiry, or its account disabled.
-- last_seen_at is touched at most every 30 s, to spare writes.
-- Columns: session id, user id, role, organisation id, funder id,
-- managing organisation, site ids ("{1,2}"), CSRF token, e-mail, name,
-- language, re-authentication fresh (t/f).
-- Used by app/mreq_guard.c before every staff route.
with s as (
	select * from sessions
	where token_hash = decode($1, 'hex') and expires_at > now()
	    and last_seen_at > now() - make_interval(secs => $2::int)
), touch as (
	update sessions set last_seen_at = now()
	from s
	where sessions.token_hash = s.token_hash
	    and s.last_seen_at < now() - interval '30 seconds'
), lang as (
	update users set lang = $3
	from s
	where users.id = s.user_id and $3::text is not null
	    and users.lang <> $3::text
)
select s.id, u.id, u.role, u.organisation_id, u.funder_id, u.managed_by,
    '{' || coalesce((select string_agg(us.site_id::text, ','
	order by us.site_id) from user_sites us where us.user_id = u.id), '')
	|| '}',
    s.csrf_token, u.email, u.display_name, coalesce($3::text, u.lang),
    coalesce(s.reauth_at > now() - make_interval(secs => $4::int), false)
from s join users u on u.id = s.user_id
where u.disabled_at is null
