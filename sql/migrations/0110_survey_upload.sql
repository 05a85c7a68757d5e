-- 0110_survey_upload.sql – coordinators load survey versions from the web
-- (app/survey_admin.c, issue #3), with the audit row of issue #4 in the
-- same transaction as the change.
--
-- survey_load() of 0100 stays what mesure-admin and the demo call; these
-- wrap it for a signed-in person, scoped by the organisation of their
-- session, never by anything the request names.

-- Load a checked definition (app/core's survey parser ran first) for
-- organisation p_org as person p_user: a new version only if it differs
-- from every stored one; the loaded definition becomes the live version.
-- Writes "survey.upload" (new version) or "survey.activate" (an existing
-- one made live again) in the audit log.
create function survey_upload(p_org bigint, p_code text, p_kind text,
    p_definition jsonb, p_user bigint, p_actor text, p_ip inet)
returns table (survey_id bigint, version int, created boolean)
language plpgsql as $$
declare
	v_slug	text;
	v_r	record;
begin
	select slug into v_slug from organisations where id = p_org;
	if not found then
		raise exception 'no such organisation'
		    using errcode = 'no_data_found';
	end if;
	select * into v_r from survey_load(v_slug, p_code, p_kind,
	    p_definition);
	if v_r.created then
		update survey_versions set created_by = p_user
		where survey_versions.survey_id = v_r.survey_id
		    and survey_versions.version = v_r.version;
	end if;
	perform audit_write(p_user, p_org, p_actor, p_ip,
	    case when v_r.created then 'survey.upload'
		else 'survey.activate' end,
	    'survey', p_code,
	    jsonb_build_object('version', v_r.version, 'kind', p_kind));
	return query select v_r.survey_id, v_r.version, v_r.created;
end
$$;

-- Make version p_version of the organisation's survey p_code live again
-- (going back after a faulty upload). Returns the version, or no row when
-- the organisation has no such survey or version – the page answers 404.
create function survey_activate(p_org bigint, p_code text, p_version int,
    p_user bigint, p_actor text, p_ip inet)
returns table (version int)
language plpgsql as $$
declare
	v_survey	bigint;
	v_version	bigint;
begin
	select s.id, sv.id into v_survey, v_version
	from surveys s join survey_versions sv on sv.survey_id = s.id
	where s.organisation_id = p_org and s.code = p_code
	    and sv.version = p_version
	for update of s;
	if not found then
		return;
	end if;
	update surveys set current_version_id = v_version
	where id = v_survey;
	perform audit_write(p_user, p_org, p_actor, p_ip, 'survey.activate',
	    'survey', p_code, jsonb_build_object('version', p_version));
	return query select p_version;
end
$$;
