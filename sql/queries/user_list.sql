-- The users an administrator manages ($1: their managing organisation),
-- enabled first, by name. Columns: id, name, e-mail, role, disabled (t/f),
-- has a password (t/f), last sign-in, funder name, site names.
-- Used by app/users.c (GET /admin/utilisateurs).
select u.id, u.display_name, u.email, u.role, u.disabled_at is not null,
    u.password_hash is not null, coalesce(u.last_signin_at::text, ''),
    coalesce(f.name, ''),
    coalesce((select string_agg(s.name, ', ' order by s.name)
	from user_sites us join sites s on s.id = us.site_id
	where us.user_id = u.id), '')
from users u
left join funders f on f.id = u.funder_id
where u.managed_by = $1::bigint
order by u.disabled_at is not null, lower(u.display_name), u.id
