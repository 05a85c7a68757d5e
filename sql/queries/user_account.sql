-- The person's own account ($1: their user id). Columns: name, e-mail,
-- role, organisation, funder, password changed at, last sign-in, their
-- sites (names, comma-separated; "" if not a mediator).
-- Used by app/staff.c (GET /compte).
select u.display_name, u.email, u.role, coalesce(o.name, ''),
    coalesce(f.name, ''), coalesce(u.password_changed_at::text, ''),
    coalesce(u.last_signin_at::text, ''),
    coalesce((select string_agg(s.name, ', ' order by s.name)
	from user_sites us join sites s on s.id = us.site_id
	where us.user_id = u.id), '')
from users u
left join organisations o on o.id = coalesce(u.organisation_id, u.managed_by)
left join funders f on f.id = u.funder_id
where u.id = $1::bigint
