-- report_indicators – each indicator of a convention (or of every
-- convention of the project covering the period), evaluated for each of
-- n quarters by indicator_eval_quarters(), with its target; and, when a
-- whole period is given (annual report), one more row per indicator for
-- that period (quarter NULL) with the sum and the mean of its targets.
--   $1 organisation id, $2 project id, $3 convention id (NULL: all),
--   $4 first quarter, $5 number of quarters, $6 lang,
--   $7 whole-period start (NULL: none), $8 whole-period end (exclusive)
with ind as (
	select i.*, c.reference
	from indicators i
	join conventions c on c.id = i.convention_id
	where c.project_id = $2
	  and ($3::bigint is null or c.id = $3::bigint)
	  and ($3::bigint is not null or (c.starts_on <
	      ($4::date + $5::int * interval '3 months')
	      and c.ends_on >= $4::date))
)
select i.id, i.convention_id, i.reference, i.kind, i.position,
    case when $6 = 'en' and i.label_en <> '' then i.label_en
	else i.label_fr end,
    i.unit, i.definition::text, i.catalogue_code, e.quarter::text,
    e.value, e.numerator, e.denominator, e.people, e.base_people,
    t.target, null::numeric, null::numeric
from ind i
cross join lateral indicator_eval_quarters(i.definition,
    $1::bigint, $4::date, $5::int) e
left join indicator_targets t on t.indicator_id = i.id
    and t.quarter = e.quarter
union all
select i.id, i.convention_id, i.reference, i.kind, i.position,
    case when $6 = 'en' and i.label_en <> '' then i.label_en
	else i.label_fr end,
    i.unit, i.definition::text, i.catalogue_code, null,
    e.value, e.numerator, e.denominator, e.people, e.base_people,
    null, (select sum(t.target) from indicator_targets t
	where t.indicator_id = i.id and t.quarter >= $7::date
	  and t.quarter < $8::date),
    (select avg(t.target) from indicator_targets t
	where t.indicator_id = i.id and t.quarter >= $7::date
	  and t.quarter < $8::date)
from ind i
cross join lateral indicator_eval(i.definition, $1::bigint, $7::date,
    $8::date) e
where $7::date is not null
order by 3, 5, 1, 10 nulls last
