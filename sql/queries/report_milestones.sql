-- report_milestones – the project's milestones, in planned order.
--   $1 project id
-- Columns: label, planned on, done on (NULL if not), status.
select m.label, m.planned_on::text, m.done_on::text, m.status
from milestones m
where m.project_id = $1::bigint
order by m.planned_on, m.position, m.id
