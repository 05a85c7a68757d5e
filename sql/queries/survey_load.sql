-- survey_load.sql – load a checked definition ($4, JSON text) as survey
-- $2 (code) of kind $3 for organisation $1 (slug): a new version only if
-- it differs from every stored one; it becomes the live version, and the
-- audit log says so (actor "mesure-admin"; survey_upload of 0110).
-- Returns survey id, version, created (t/f). mesure-admin survey-load.
select survey_id, version, created
from survey_upload((select id from organisations where slug = $1), $2, $3,
    $4::jsonb, null, 'mesure-admin', null)
