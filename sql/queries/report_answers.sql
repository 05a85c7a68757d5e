-- report_answers – how the satisfaction and self-reported outcome
-- surveys were answered, quarter by quarter, from the answer rollup
-- (migration 0400: the rows folded in plus those received since): one
-- row per (quarter, survey, question, value) with the responses that
-- chose it, and one row per (quarter, survey, question) with value NULL
-- giving the responses that answered the question at all. Free text is
-- not in the rollup: it is quoted only with approval (report_quotes).
--   $1 organisation id, $2 period start, $3 period end (exclusive)
-- Columns: quarter, survey kind, survey code, question, value, count.
select ar.quarter::text, su.kind, su.code, ar.question,
    nullif(ar.value, ''), sum(ar.responses)
from answer_rollup_rows($1::bigint, $2::date, $3::date) ar
join surveys su on su.id = ar.survey_id
where su.kind in ('satisfaction', 'resultats') and ar.question <> ''
  and ar.question !~ '×'
group by 1, 2, 3, 4, 5
order by 1, 2, 3, 4, 5 nulls first
