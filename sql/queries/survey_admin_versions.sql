-- survey_admin_versions.sql – the versions of survey $2 of organisation
-- $1, newest first: version, live (t/f), created at, by whom (display
-- name, or "" for the shell), responses, number of questions, languages,
-- the survey's kind, the version's title in language $3. No row: no such
-- survey in this organisation (404). app/survey_admin.c.
select v.version, (survey_current_version(s.id) = v.id), v.created_at,
    coalesce(u.display_name, ''),
    (select count(*) from responses r where r.survey_version_id = v.id),
    coalesce(jsonb_array_length(v.definition->'questions'), 0),
    coalesce((select string_agg(l, ', ')
	from jsonb_array_elements_text(v.definition->'languages') l), ''),
    s.kind,
    coalesce(v.definition->'title'->>$3,
	v.definition->'title'->>(v.definition->'languages'->>0), s.code)
from surveys s
join survey_versions v on v.survey_id = s.id
left join users u on u.id = v.created_by
where s.organisation_id = $1 and s.code = $2
order by v.version desc
