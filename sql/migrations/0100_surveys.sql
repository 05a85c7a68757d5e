-- 0100_surveys.sql – what the survey area (issue #3) adds to schema v1:
-- the version of a survey that is live, kiosk devices, and the
-- statements that must be one round trip (recording a response, loading
-- a definition, enrolling a tablet) as functions.
--
-- Applied once by mk/migrate.sh inside one transaction.

-- Which version of a survey people answer. NULL: the highest version
-- (the demo data, and any survey loaded before this migration).
-- mesure-admin survey-load sets it, so that loading an older definition
-- again makes that version live again without a duplicate version.
alter table surveys add column current_version_id bigint
	references survey_versions;

-- Kiosk tablets. A mediator enrols the site's tablet once (for now with
-- `mesure-admin kiosk-enrol SITE`, which prints a one-time link valid 30
-- minutes); opening the link on the tablet stores a device token in a
-- cookie. Only SHA-256 digests of the link's code and of the token are
-- kept. The staff PIN that lets a mediator leave kiosk mode is checked
-- on the tablet itself, offline too, against pin_sha256 =
-- SHA-256(pin_salt || PIN): it keeps a respondent in the survey, it is
-- not a password (see docs/surveys.md).
create table devices (
	id			bigint generated always as identity primary key,
	organisation_id		bigint not null references organisations,
	site_id			bigint not null references sites,
	name			text not null default ''
				check (length(name) <= 80),
	token_hash		bytea unique check (length(token_hash) = 32),
	enrol_hash		bytea unique check (length(enrol_hash) = 32),
	enrol_expires_at	timestamptz,
	pin_salt		text not null check (pin_salt ~ '^[0-9a-f]{32}$'),
	pin_sha256		bytea not null check (length(pin_sha256) = 32),
	created_by		bigint references users on delete set null,
	created_at		timestamptz not null default now(),
	enrolled_at		timestamptz,
	last_seen_at		timestamptz,
	revoked_at		timestamptz,
	check (token_hash is not null or enrol_hash is not null
	    or revoked_at is not null)
);
create index devices_site on devices (site_id);

-- Invitations are looked up by their hash only; expired unused ones are
-- found by the purge.
create index invitations_expiry on invitations (expires_at)
	where used_at is null;

-- The current version of a survey (its live definition).
create function survey_current_version(p_survey bigint) returns bigint
language sql stable parallel safe
return coalesce(
    (select current_version_id from surveys where id = p_survey),
    (select id from survey_versions where survey_id = p_survey
     order by version desc limit 1));

-- Record one response and its answers, in one round trip. The caller
-- (app/survey_submit.c) found version p_version of survey p_survey of
-- organisation p_org offered at site p_site (survey_lookup.sql), checked
-- the answers against it and computed p_digest over them
-- (app/core/survey_answers.c).
--
-- Returns one word:
--   created             stored now
--   duplicate           this id was stored before with the same survey and
--                       the same answers: a retry, a double tap (200)
--   conflict            this id was stored before with other answers (409)
--   invitation_unknown  / invitation_used / invitation_expired /
--   invitation_mismatch (another survey or site): nothing stored
--
-- p_answers: [{"q": question, "o": ordinal, "v": value, "n": number?}].
-- p_invitation, p_device: SHA-256 of an invitation code, of a kiosk
-- device token, or NULL. A device token that is unknown or revoked is
-- ignored (the response is kept, as from any browser).
--
-- The common case (no card) is two inserts; the statements are planned
-- once per connection (PL/pgSQL caches them), which matters because
-- Kore sends every statement unprepared.
create function survey_submit(p_id uuid, p_org bigint, p_survey bigint,
    p_version bigint, p_site bigint, p_lang text, p_channel text,
    p_submitted_at timestamptz, p_digest bytea, p_answers jsonb,
    p_invitation bytea, p_device bytea)
returns text
language plpgsql as $$
declare
	v_channel	text := p_channel;
	v_prev_digest	bytea;
	v_prev_survey	bigint;
	v_inv_id	bigint;
	v_inv_survey	bigint;
	v_inv_site	bigint;
	v_inv_kind	text;
	v_inv_expires	timestamptz;
	v_inv_used	timestamptz;
	v_domain	text;
	v_help		text;
	v_dev_id	bigint;
	v_dev_seen	timestamptz;
begin
	if p_device is not null then
		select id, last_seen_at into v_dev_id, v_dev_seen from devices
		where token_hash = p_device and site_id = p_site
		    and revoked_at is null;
		if found then
			v_channel := 'kiosk';
			if v_dev_seen is null
			    or v_dev_seen < now() - interval '1 minute' then
				update devices set last_seen_at = now()
				where id = v_dev_id;
			end if;
		end if;
	end if;

	if p_invitation is not null then
		-- The row lock makes two posts of one card wait for each other.
		select id, survey_id, site_id, domain_code, help_kind, kind,
		    expires_at, used_at
		into v_inv_id, v_inv_survey, v_inv_site, v_domain, v_help,
		    v_inv_kind, v_inv_expires, v_inv_used
		from invitations where token_hash = p_invitation for update;
		if not found then
			return 'invitation_unknown';
		end if;
		if v_inv_used is not null then
			-- Used by this very response (a retry)?
			select r.answers_sha256 into v_prev_digest
			from responses r where r.id = p_id;
			if found then
				return case when v_prev_digest = p_digest
				    then 'duplicate' else 'conflict' end;
			end if;
			return 'invitation_used';
		end if;
		if v_inv_expires < now() then
			return 'invitation_expired';
		end if;
		if v_inv_survey <> p_survey or v_inv_site <> p_site then
			return 'invitation_mismatch';
		end if;
		update invitations set used_at = now() where id = v_inv_id;
		v_channel := case v_inv_kind when 'card' then 'card'
		    when 'kiosk' then 'kiosk' else v_channel end;
	end if;

	insert into responses (id, organisation_id, survey_version_id,
	    site_id, invitation_id, domain_code, help_kind, lang, channel,
	    submitted_at, answers_sha256)
	values (p_id, p_org, p_version, p_site, v_inv_id, v_domain, v_help,
	    p_lang, v_channel, p_submitted_at, p_digest)
	on conflict (id) do nothing;
	if not found then
		-- Stored before (or by a concurrent request, now committed):
		-- this one stores nothing, so a card stays usable.
		if v_inv_id is not null then
			update invitations set used_at = null where id = v_inv_id;
		end if;
		select r.answers_sha256, sv.survey_id
		into v_prev_digest, v_prev_survey
		from responses r
		join survey_versions sv on sv.id = r.survey_version_id
		where r.id = p_id;
		return case when v_prev_digest = p_digest
		    and v_prev_survey = p_survey
		    then 'duplicate' else 'conflict' end;
	end if;

	insert into answers (response_id, question, ordinal, value, value_num)
	select p_id, a.q, a.o, a.v, a.n
	from jsonb_to_recordset(p_answers) as a(q text, o smallint, v text,
	    n numeric);
	return 'created';
end
$$;

-- Load a survey definition (already checked by app/core/survey.c) for
-- an organisation: a new version only when the definition differs from
-- every stored one; the loaded definition becomes the live version.
-- Definitions compare as jsonb: key order and spacing do not count.
create function survey_load(p_org text, p_code text, p_kind text,
    p_definition jsonb)
returns table (survey_id bigint, version int, created boolean)
language plpgsql as $$
declare
	v_org		bigint;
	v_survey	bigint;
	v_digest	bytea := sha256(convert_to(p_definition::text, 'UTF8'));
	v_version	record;
begin
	select id into v_org from organisations where slug = p_org;
	if not found then
		raise exception 'no organisation "%"', p_org
		    using errcode = 'no_data_found';
	end if;
	insert into surveys as s (organisation_id, code, kind)
	values (v_org, p_code, p_kind)
	on conflict (organisation_id, code) do update set kind = excluded.kind
	returning s.id into v_survey;
	-- Serialise two loads of the same survey.
	perform 1 from surveys where id = v_survey for update;

	select sv.id, sv.version into v_version from survey_versions sv
	where sv.survey_id = v_survey and sv.sha256 = v_digest;
	if found then
		update surveys set current_version_id = v_version.id
		where id = v_survey;
		return query select v_survey, v_version.version, false;
		return;
	end if;
	insert into survey_versions as sv (survey_id, version, definition,
	    sha256)
	select v_survey, coalesce(max(x.version), 0) + 1, p_definition,
	    v_digest
	from survey_versions x where x.survey_id = v_survey
	returning sv.id, sv.version into v_version;
	update surveys set current_version_id = v_version.id
	where id = v_survey;
	return query select v_survey, v_version.version, true;
end
$$;

-- Enrol a tablet: the one-time code of the link becomes a device token.
-- Returns the site's code, or NULL if the code is unknown, used or
-- expired.
create function kiosk_enrol(p_enrol bytea, p_token bytea)
returns text
language sql as $$
	update devices d set token_hash = p_token, enrol_hash = null,
	    enrol_expires_at = null, enrolled_at = now(), last_seen_at = now()
	from sites s
	where d.enrol_hash = p_enrol and d.enrol_expires_at > now()
	    and d.revoked_at is null and s.id = d.site_id
	returning s.code;
$$;
