-- One user managed by the organisation $1 ($2: user id); no row if it is
-- not one of theirs. Columns: id, name, e-mail, role, language, disabled
-- (t/f), has a password (t/f), funder id, site ids ("{1,2}"), last
-- sign-in, created at, open sessions.
-- Used by app/users_form.c (GET, POST /admin/utilisateurs/ID) and
-- app/users_action.c (POST /admin/utilisateurs/ID/lien).
select u.id, u.display_name, u.email, u.role, u.lang,
    u.disabled_at is not null, u.password_hash is not null,
    coalesce(u.funder_id::text, ''),
    '{' || coalesce((select string_agg(us.site_id::text, ','
	order by us.site_id) from user_sites us where us.user_id = u.id), '')
	|| '}',
    coalesce(u.last_signin_at::text, ''), u.created_at::text,
    (select count(*) from sessions s where s.user_id = u.id
	and s.expires_at > now())
from users u
where u.managed_by = $1::bigint and u.id = $2::bigint
