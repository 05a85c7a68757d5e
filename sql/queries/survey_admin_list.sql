-- survey_admin_list.sql – the surveys of organisation $1, in language $2
-- (the title falls back to the definition's reference language): code,
-- kind, live version, title, number of versions, responses to all
-- versions, responses in the last 30 days, date of the live version.
-- app/survey_admin.c, GET /questionnaires.
select s.code, s.kind, cv.version,
    coalesce(cv.definition->'title'->>$2,
	cv.definition->'title'->>(cv.definition->'languages'->>0), s.code),
    (select count(*) from survey_versions v where v.survey_id = s.id),
    (select count(*) from responses r join survey_versions v
	on v.id = r.survey_version_id where v.survey_id = s.id),
    (select count(*) from responses r join survey_versions v
	on v.id = r.survey_version_id where v.survey_id = s.id
	and r.submitted_at > now() - interval '30 days'),
    cv.created_at
from surveys s
left join survey_versions cv on cv.id = survey_current_version(s.id)
where s.organisation_id = $1 and s.active
order by s.code
