-- visit_get: visit $3 of organisation $1 as user $2 sees it: whether the
-- user may change it ('ok' or 'forbidden', visit_access()), the visit as
-- JSON (visit_doc()), who recorded it, when it was recorded and last
-- changed (Paris time, YYYY-MM-DD HH:MM), its source, its site's name and
-- the French and English labels of its domains and kind of help. No row
-- when the visit is not of the organisation. Used by app/visit.c and
-- app/visit_action.c.
select visit_access($1::bigint, $2::bigint, v.id), visit_doc(v.id)::text,
    coalesce(u.display_name, ''),
    to_char(v.created_at at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI'),
    to_char(v.updated_at at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI'),
    v.source, s.name,
    coalesce((select string_agg(d.label_fr, ', ' order by d.position)
	from visit_domains vd join domains d on d.code = vd.domain_code
	where vd.visit_id = v.id), ''),
    coalesce((select string_agg(d.label_en, ', ' order by d.position)
	from visit_domains vd join domains d on d.code = vd.domain_code
	where vd.visit_id = v.id), ''),
    h.label_fr, h.label_en,
    to_char(v.visited_at at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI')
from visits v
join sites s on s.id = v.site_id
join help_kinds h on h.code = v.help_kind
left join users u on u.id = v.mediator_id
where v.id = $3::bigint and v.organisation_id = $1::bigint
