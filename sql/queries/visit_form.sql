-- visit_form: what the visit form offers user $2 of organisation $1 –
-- the reference lists, the sites the user may record at (a mediator's
-- own; every active site of the organisation for a coordinator or an
-- administrator), which of them the user recorded at last, and the date
-- and time now where the people are. Columns: kind (see vocab_name[], or
-- 'now'), code, label_fr, label_en, position, last ('t' for the site used
-- last). For 'now': code is the date (YYYY-MM-DD), label_fr the time
-- (HH:MM). Used by app/visit_form.c (GET and POST /visites/nouvelle,
-- /visites/{id}).
with me as (
	select u.id, u.role from users u
	where u.id = $2::bigint and u.organisation_id = $1::bigint
	    and u.disabled_at is null
), last as (
	select v.site_id from visits v
	where v.mediator_id = $2::bigint
	order by v.visited_at desc
	limit 1
)
select 'site', s.code, s.name, s.name,
    row_number() over (order by s.name)::int,
    case when s.id = (select site_id from last) then 't' else 'f' end
from sites s, me
where s.organisation_id = $1::bigint and s.active
  and (me.role in ('coordinator', 'admin') or exists (select 1
	from user_sites us where us.user_id = me.id and us.site_id = s.id))
union all select 'domain', code, label_fr, label_en, position, 'f' from domains
union all select 'procedure', code, label_fr, label_en, position, 'f'
    from procedures
union all select 'help_kind', code, label_fr, label_en, position, 'f'
    from help_kinds
union all select 'autonomy', code, label_fr, label_en, position, 'f'
    from autonomy_levels
union all select 'partner', code, label_fr, label_en, position, 'f'
    from partners
union all select 'skill', code, label_fr, label_en, position, 'f'
    from digital_skills
union all select 'now', to_char(now() at time zone 'Europe/Paris', 'YYYY-MM-DD'),
    to_char(now() at time zone 'Europe/Paris', 'HH24:MI'), '', 0, 'f'
order by 1, 5
