-- survey_admin_activate.sql – make version $3 of survey $2 of
-- organisation $1 live again, by user $4 (actor $5, address $6),
-- audit-logged (0110). No row: 404. app/survey_admin.c.
select version from survey_activate($1, $2, $3::int, $4, $5, $6::inet)
