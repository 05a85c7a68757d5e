-- survey_version.sql – the definition of version $1 of survey $2 (ids):
-- a form answers the version it was served with, even if a newer one
-- went live meanwhile (app/survey.c). Nothing if it is not that survey's.
select v.definition::text, v.version
from survey_versions v
where v.id = $1 and v.survey_id = $2
