-- Every user, or those managed by the organisation with slug $1, for
-- mesure-admin user-list. Columns: e-mail, role, organisation slug,
-- status (active, pending, disabled), last sign-in.
select u.email, u.role, o.slug,
    case when u.disabled_at is not null then 'disabled'
	when u.password_hash is null then 'pending' else 'active' end,
    coalesce(to_char(u.last_signin_at, 'YYYY-MM-DD HH24:MI'), '-')
from users u join organisations o on o.id = u.managed_by
where $1::text is null or o.slug = $1
order by o.slug, u.role, lower(u.email)
