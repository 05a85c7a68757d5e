-- The open sessions of user $1 ($2: idle limit in seconds, $3: hash of
-- the current session's token, hex), most recent first. Columns: id,
-- created, last seen, address, user agent, current (t/f).
-- Used by app/staff.c (/compte/sessions).
select id, created_at, last_seen_at, coalesce(host(ip), ''),
    coalesce(user_agent, ''), token_hash = decode($3, 'hex')
from sessions
where user_id = $1::bigint and expires_at > now()
    and last_seen_at > now() - make_interval(secs => $2::int)
order by token_hash = decode($3, 'hex') desc, last_seen_at desc
