-- report_questions – the questions of the latest version of the
-- satisfaction and outcome surveys, with their labels and the labels of
-- their options in the report's language (French when missing), so
-- that the report names each bar as the respondent read it.
--   $1 organisation id, $2 lang
-- Columns: survey kind, survey code, question position, question code,
-- type, label, option position (NULL: no option), option value, label.
with sv as (
	select distinct on (su.id) su.kind, su.code, v.definition
	from surveys su
	join survey_versions v on v.survey_id = su.id
	where su.organisation_id = $1::bigint
	  and su.kind in ('satisfaction', 'resultats')
	order by su.id, v.version desc
)
select sv.kind, sv.code, q.pos, q.q->>'code', q.q->>'type',
    coalesce(q.q->'label'->>$2, q.q->'label'->>'fr'), o.pos,
    o.o->>'value', coalesce(o.o->'label'->>$2, o.o->'label'->>'fr')
from sv
cross join lateral jsonb_array_elements(sv.definition->'questions')
    with ordinality q(q, pos)
left join lateral jsonb_array_elements(case
    when jsonb_typeof(q.q->'options') = 'array' then q.q->'options'
    else '[]'::jsonb end) with ordinality o(o, pos) on true
order by 1, 2, 3, 7
