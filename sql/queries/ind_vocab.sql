-- ind_vocab – what an indicator definition of organisation $1 is checked
-- against when saved (app/core/indicator.c's vocabulary), and the period
-- its preview covers: one row per code, kind in c0:
--   site, domain, help_kind, partner, autonomy   code
--   survey      code, its current definition (JSON: questions, options)
--   catalogue   code, its ready definition (NULL: to be written)
--   period      start of convention $2 (or of indicator $3's), and the
--               end of the preview (exclusive): the day after the convention's
--               last day (ends_on) or tomorrow, and that last day
-- app/convention_page.c.
select 'site', code, null, null from sites where organisation_id = $1::bigint
union all select 'domain', code, null, null from domains
union all select 'help_kind', code, null, null from help_kinds
union all select 'partner', code, null, null from partners
union all select 'autonomy', code, null, null from autonomy_levels
union all
select 'survey', s.code, v.definition::text, null
from surveys s join survey_versions v on v.id = survey_current_version(s.id)
where s.organisation_id = $1::bigint
union all select 'catalogue', code, definition::text, null from indicator_catalogue
union all
select 'period', c.starts_on::text, least(c.ends_on + 1, current_date + 1)::text,
    least(c.ends_on, current_date)::text
from conventions c join projects p on p.id = c.project_id
where p.organisation_id = $1::bigint
  and (c.id = $2::bigint or c.id = (select i.convention_id from indicators i
      where i.id = $3::bigint))
