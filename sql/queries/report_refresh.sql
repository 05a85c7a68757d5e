-- report_refresh – brings the rollups of the report's organisation up to
-- date before the report reads them: the answers received since the last
-- refresh (migration 0400) and the quarters of visits changed since they
-- were built (migration 0401). Run by reports/report_data.c outside the
-- report's read-only snapshot; its result is not part of the report's
-- data (and the reads are exact whether it ran or not).
--   $1 project code, $2 organisation slug ('' = any),
--   $3 first quarter read, $4 end of the period (exclusive)
-- Returns, per organisation, the responses folded in and the quarters
-- of visits rebuilt.
select answer_rollup_refresh(o.id),
    visit_rollup_refresh(o.id, $3::date, $4::date)
from projects p
join organisations o on o.id = p.organisation_id
where p.code = $1 and ($2 = '' or o.slug = $2)
