-- survey_admin_upload.sql – load a checked definition ($4, JSON text) as
-- survey $2 of kind $3 for organisation $1, by user $5 (actor $6, address
-- $7), audit-logged (0110): survey id, version, created (t/f).
-- app/survey_admin.c, POST /questionnaires.
select survey_id, version, created
from survey_upload($1, $2, $3, $4::jsonb, $5, $6, $7::inet)
