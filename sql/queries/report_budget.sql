-- report_budget – the project's budget lines: planned, spent in the
-- period, spent from the start up to the end of the period.
--   $1 project id, $2 period start, $3 period end (exclusive)
-- Columns: label, category, planned cents, spent in the period, spent
-- to date.
select b.label, b.category, b.planned_cents,
    coalesce(sum(s.spent_cents) filter (where s.quarter >= $2::date), 0),
    coalesce(sum(s.spent_cents), 0)
from budget_lines b
left join budget_spending s on s.budget_line_id = b.id
    and s.quarter < $3::date
where b.project_id = $1::bigint
group by b.id
order by b.position, b.id
