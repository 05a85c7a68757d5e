-- report_chain – the project's impact chain (resources → activities →
-- outputs → outcomes → impact) in order, with the indicator a step is
-- tied to, if any.
--   $1 project id
select s.stage, s.position, s.label, s.indicator_id
from impact_chain_steps s
where s.project_id = $1::bigint
order by array_position(array['resources', 'activities', 'outputs',
    'outcomes', 'impact'], s.stage), s.position, s.id
