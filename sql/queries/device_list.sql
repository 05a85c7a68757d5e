-- device_list: the tablets of the sites user $2 of organisation $1
-- serves (a mediator's own sites; every site for a coordinator or an
-- administrator), live ones first, then the fifty last revoked or
-- expired. Columns: id, site code, site name, name, state ('enrolled',
-- 'pending', 'expired', 'revoked'), last seen, enrolled, created, revoked
-- (Paris time, YYYY-MM-DD HH:MM, or ''), who created it. app/device.c.
with me as (
	select u.id, u.role from users u
	where u.id = $2::bigint and u.organisation_id = $1::bigint
	    and u.disabled_at is null
), d as (
	select d.*, s.code, s.name as site_name,
	    case when d.revoked_at is not null then 'revoked'
		 when d.token_hash is not null then 'enrolled'
		 when d.enrol_expires_at > now() then 'pending'
		 else 'expired' end as state
	from devices d
	join sites s on s.id = d.site_id, me
	where d.organisation_id = $1::bigint
	  and (me.role in ('coordinator', 'admin') or exists (select 1
		from user_sites us where us.user_id = me.id
		and us.site_id = d.site_id))
)
select d.id, d.code, d.site_name, d.name, d.state,
    coalesce(to_char(d.last_seen_at at time zone 'Europe/Paris',
	'YYYY-MM-DD HH24:MI'), ''),
    coalesce(to_char(d.enrolled_at at time zone 'Europe/Paris',
	'YYYY-MM-DD HH24:MI'), ''),
    to_char(d.created_at at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI'),
    coalesce(to_char(d.revoked_at at time zone 'Europe/Paris',
	'YYYY-MM-DD HH24:MI'), ''),
    coalesce(u.display_name, '')
from d
left join users u on u.id = d.created_by
where d.state in ('enrolled', 'pending')
   or d.id in (select x.id from d x where x.state in ('revoked', 'expired')
	order by x.created_at desc limit 50)
order by d.state in ('enrolled', 'pending') desc, d.site_name, d.id desc
