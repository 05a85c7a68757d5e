-- survey_lookup.sql – the live version of survey $1 (code) at site $2
-- (code): the site, its organisation, the survey and its definition.
-- Nothing if either is unknown or inactive, or if the survey belongs to
-- another organisation. Used by the respondent's pages, the API and the
-- kiosk (app/survey_cache.c keeps the answer about ten seconds).
-- The columns 0-11 are those of invitation_lookup.sql from column 3.
select si.id, si.code, si.name, coalesce(si.phone, ''), o.id, o.name,
    s.id, s.code, s.kind, v.id, v.version, v.definition::text
from sites si
join organisations o on o.id = si.organisation_id
join surveys s on s.organisation_id = si.organisation_id
    and s.code = $1 and s.active
join survey_versions v on v.id = survey_current_version(s.id)
where si.code = $2 and si.active
