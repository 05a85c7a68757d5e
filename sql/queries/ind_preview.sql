-- ind_preview – the value of definition $1 over [$3, $4) for organisation
-- $2, as indicator_eval() (0402) gives it to the reports and the
-- dashboard, with the organisation's small-cell threshold: value,
-- numerator, denominator, people, threshold. app/project_admin.c.
select e.value::text, e.numerator, e.denominator, e.people,
    o.small_cell_threshold
from organisations o
cross join lateral indicator_eval($1::jsonb, o.id, $3::date, $4::date) e
where o.id = $2::bigint
