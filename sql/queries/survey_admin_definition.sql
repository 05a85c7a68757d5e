-- survey_admin_definition.sql – the definition of version $3 of survey
-- $2 of organisation $1 as indented JSON (to download, edit and upload
-- again). No row: 404. app/survey_admin.c.
select jsonb_pretty(v.definition)
from surveys s
join survey_versions v on v.survey_id = s.id
where s.organisation_id = $1 and s.code = $2 and v.version = $3::int
