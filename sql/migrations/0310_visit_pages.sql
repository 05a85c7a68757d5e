-- 0310_visit_pages.sql – what the visit pages (issue #5) add to 0300:
-- pseudonyms made by the form, corrections and deletions with their audit
-- rows, invitations handed over after a visit without naming anyone,
-- imports checked first and committed in one statement, tablets enrolled
-- from a staff page.
--
-- Custom SQLSTATEs raised here, mapped by the callers (never by text):
--   42501  the user may not write this visit or on this site (-> 403)
--   MV404  the pseudonym typed is not a person of the organisation (-> 422)
--   MV409  this import was committed already (-> 409)
--   MV410  this import is too old: check the file again (-> 410)

-- Who may write a visit --------------------------------------------------

-- 'ok', 'forbidden' (the visit exists in the organisation but the user may
-- not change it: a mediator, for another's visit or one recorded another
-- day) or 'missing' (no such visit in the organisation: 404, whatever the
-- reason, so that nothing leaks by existence).
create function visit_access(p_org bigint, p_user bigint, p_visit bigint)
returns text
language sql stable as $$
	select case
	    when v.id is null then 'missing'
	    when u.role in ('coordinator', 'admin') then 'ok'
	    when u.role = 'mediator' and v.mediator_id = p_user
		and v.created_at::date = current_date
		and exists (select 1 from user_sites us where us.user_id = p_user
		    and us.site_id = v.site_id) then 'ok'
	    else 'forbidden' end
	from (select 1) one
	left join visits v on v.id = p_visit and v.organisation_id = p_org
	left join users u on u.id = p_user and u.organisation_id = p_org
	    and u.disabled_at is null
$$;

-- A visit in the JSON shape visit_save() takes (codes; lists in the order
-- of the reference lists), to compare a visit before and after a
-- correction.
create function visit_doc(p_visit bigint) returns jsonb
language sql stable as $$
	select jsonb_build_object(
	    'at', to_char(v.visited_at at time zone 'Europe/Paris',
		'YYYY-MM-DD"T"HH24:MI'),
	    'site', s.code,
	    'domains', coalesce((select jsonb_agg(d.domain_code
		order by x.position) from visit_domains d
		join domains x on x.code = d.domain_code
		where d.visit_id = v.id), '[]'),
	    'procedures', coalesce((select jsonb_agg(p.procedure_code
		order by x.position) from visit_procedures p
		join procedures x on x.code = p.procedure_code
		where p.visit_id = v.id), '[]'),
	    'skills', coalesce((select jsonb_agg(k.skill_code
		order by x.position) from visit_skills k
		join digital_skills x on x.code = k.skill_code
		where k.visit_id = v.id), '[]'),
	    'help_kind', v.help_kind, 'autonomy', v.autonomy,
	    'partner', v.partner_code, 'duration', v.duration_min,
	    'channel', v.channel, 'pseudonym', b.pseudonym,
	    'age_bracket', b.age_bracket, 'qpv', b.lives_in_qpv,
	    'first_visit', v.first_visit)
	from visits v
	join sites s on s.id = v.site_id
	left join beneficiaries b on b.id = v.beneficiary_id
	where v.id = p_visit
$$;

-- Saving from the form ---------------------------------------------------

-- visit_save() of 0300, and how the form names a person:
--   "pseudonym_mode": "new"    a code the application just drew for a new
--                              person: inserted as is, never merged with an
--                              existing person (a clash raises 23505 and
--                              the caller draws another code);
--                      "known"  a code the mediator typed or picked: it
--                              must be a person of the organisation (MV404
--                              otherwise: a typo must not create someone);
--                      absent   (imports) found, or created.
-- A new person's visit is their first.
create or replace function visit_save(p_org bigint, p_user bigint,
    p_visit bigint, p jsonb, p_source text default 'web') returns bigint
language plpgsql as $$
declare
	v_site bigint;
	v_role text;
	v_at timestamptz := (p->>'at')::timestamp at time zone 'Europe/Paris';
	v_ben bigint;
	v_id bigint;
	v_first boolean := (p->>'first_visit')::boolean;
	v_mode text := p->>'pseudonym_mode';
	v_pseudo text := nullif(p->>'pseudonym', '');
begin
	select role into v_role from users
	where id = p_user and organisation_id = p_org and disabled_at is null;
	select s.id into v_site from sites s
	where s.organisation_id = p_org and s.code = p->>'site' and s.active;
	if v_role is null or v_site is null or v_role = 'funder' or
	    (v_role = 'mediator' and not exists (select 1 from user_sites
		where user_id = p_user and site_id = v_site)) then
		raise exception 'site not allowed' using errcode = '42501';
	end if;
	if p_visit is not null and
	    visit_access(p_org, p_user, p_visit) <> 'ok' then
		raise exception 'visit not allowed' using errcode = '42501';
	end if;

	if v_pseudo is not null and v_mode = 'new' then
		insert into beneficiaries (organisation_id, pseudonym,
		    age_bracket, lives_in_qpv, created_at, last_visit_at)
		values (p_org, v_pseudo, p->>'age_bracket',
		    (p->>'qpv')::boolean, v_at, v_at)
		returning id into v_ben;
		v_first := coalesce(v_first, true);
	else
		if v_pseudo is not null and v_mode = 'known' and not exists (
		    select 1 from beneficiaries where organisation_id = p_org
			and pseudonym = v_pseudo) then
			raise exception 'unknown pseudonym' using errcode = 'MV404';
		end if;
		v_ben := beneficiary_touch(p_org, v_pseudo, p->>'age_bracket',
		    (p->>'qpv')::boolean, v_at);
	end if;
	-- New or returning: a person's first visit is the first one recorded.
	if v_first is null and v_ben is not null then
		v_first := not exists (select 1 from visits
		    where beneficiary_id = v_ben and visited_at < v_at
		      and id is distinct from p_visit);
	end if;

	if p_visit is null then
		insert into visits (organisation_id, site_id, mediator_id,
		    beneficiary_id, visited_at, duration_min, channel, help_kind,
		    autonomy, partner_code, first_visit, source)
		values (p_org, v_site,
		    case when p_source = 'import' then null else p_user end,
		    v_ben, v_at,
		    (p->>'duration')::int, coalesce(p->>'channel', 'sur-place'),
		    p->>'help_kind', p->>'autonomy', p->>'partner', v_first,
		    p_source)
		returning id into v_id;
	else
		update visits set site_id = v_site, beneficiary_id = v_ben,
		    visited_at = v_at, duration_min = (p->>'duration')::int,
		    channel = coalesce(p->>'channel', 'sur-place'),
		    help_kind = p->>'help_kind', autonomy = p->>'autonomy',
		    partner_code = p->>'partner', first_visit = v_first,
		    updated_at = now()
		where id = p_visit
		returning id into v_id;
		delete from visit_domains where visit_id = v_id;
		delete from visit_procedures where visit_id = v_id;
		delete from visit_skills where visit_id = v_id;
	end if;
	insert into visit_domains (visit_id, domain_code)
	select v_id, d from jsonb_array_elements_text(p->'domains') d
	on conflict do nothing;
	insert into visit_procedures (visit_id, procedure_code)
	select v_id, d from jsonb_array_elements_text(
	    coalesce(p->'procedures', '[]')) d
	on conflict do nothing;
	insert into visit_skills (visit_id, skill_code)
	select v_id, d from jsonb_array_elements_text(
	    coalesce(p->'skills', '[]')) d
	on conflict do nothing;
	return v_id;
end
$$;

-- Save from the web form: a new visit (p_visit NULL) or a correction.
-- A correction writes an audit row in the same transaction, naming the
-- fields that changed (never their values: the audit log keeps no
-- pseudonym). Returns the visit's id and its person's pseudonym.
create function visit_save_web(p_org bigint, p_user bigint, p_visit bigint,
    p jsonb, p_actor text, p_ip inet)
returns table (id bigint, pseudonym text)
language plpgsql as $$
declare
	v_old jsonb;
	v_new jsonb;
	v_id bigint;
	v_changed jsonb;
begin
	if p_visit is not null then
		v_old := visit_doc(p_visit);
	end if;
	v_id := visit_save(p_org, p_user, p_visit, p, 'web');
	if p_visit is not null then
		v_new := visit_doc(v_id);
		select coalesce(jsonb_agg(k order by k), '[]') into v_changed
		from jsonb_object_keys(v_new) k
		where v_new->k is distinct from v_old->k;
		perform audit_write(p_user, p_org, p_actor, p_ip, 'visit.update',
		    'visit', v_id::text, jsonb_build_object('site', v_new->'site',
		    'fields', v_changed));
	end if;
	return query select v_id, b.pseudonym from visits v
	    left join beneficiaries b on b.id = v.beneficiary_id
	    where v.id = v_id;
end
$$;

-- Delete a visit recorded by mistake (the same rights as a correction),
-- with its audit row. If it was its person's first visit, their next one
-- becomes the first. Returns the id, or NULL when there is no such visit
-- in the organisation; 42501 when the user may not.
create function visit_delete(p_org bigint, p_user bigint, p_visit bigint,
    p_actor text, p_ip inet) returns bigint
language plpgsql as $$
declare
	v record;
	v_access text := visit_access(p_org, p_user, p_visit);
begin
	if v_access = 'missing' then
		return null;
	elsif v_access <> 'ok' then
		raise exception 'visit not allowed' using errcode = '42501';
	end if;
	delete from visits x where x.id = p_visit
	returning x.id, x.beneficiary_id, x.first_visit, x.visited_at,
	    (select code from sites where sites.id = x.site_id) as site
	into v;
	if v.first_visit and v.beneficiary_id is not null then
		update visits set first_visit = true
		where id = (select id from visits where beneficiary_id =
		    v.beneficiary_id order by visited_at, id limit 1);
	end if;
	perform audit_write(p_user, p_org, p_actor, p_ip, 'visit.delete',
	    'visit', v.id::text, jsonb_build_object('site', v.site,
	    'visited_on', to_char(v.visited_at at time zone 'Europe/Paris',
	    'YYYY-MM-DD')));
	return v.id;
end
$$;

-- Handing over to a survey ------------------------------------------------

-- A one-time invitation to survey p_survey (code) for what visit p_visit
-- was about: its site, its domain and its kind of help – never the visit
-- nor the person (visit_id and beneficiary_id stay NULL, so neither the
-- invitation nor the response it leads to points to them).
--
-- The tie is dropped where it could single someone out: the domain is
-- kept only if at least the organisation's small-cell threshold of visits
-- of that domain were recorded at that site in the visit's quarter (the
-- cell the response is reported in); of several domains, the most
-- frequent one is kept. The kind of help likewise; and if both are kept
-- but fewer visits share the pair, the kind of help is dropped too.
-- Counts are of visits already recorded, so the rule errs on the side of
-- dropping early in a quarter.
--
-- Returns the invitation's id, its last day (Paris time), the site's
-- code, name and phone, and the domain and kind of help kept (or NULL).
-- No row when the visit is not of the organisation or the survey is not
-- offered; 42501 when the user may not write the visit.
create function visit_invite(p_org bigint, p_user bigint, p_visit bigint,
    p_survey text, p_kind text, p_hash bytea, p_valid interval)
returns table (invitation_id bigint, last_day text, site_code text,
    site_name text, site_phone text, domain_code text, help_kind text)
language plpgsql as $$
declare
	v record;
	v_k int;
	v_q date;
	v_survey bigint;
	v_domain text;
	v_n_domain bigint := 0;
	v_n_help bigint;
	v_n_both bigint;
	v_help text;
	v_access text := visit_access(p_org, p_user, p_visit);
begin
	if v_access = 'missing' then
		return;
	elsif v_access <> 'ok' then
		raise exception 'visit not allowed' using errcode = '42501';
	end if;
	select x.id, x.site_id, x.help_kind, x.visited_at, s.code, s.name,
	    coalesce(s.phone, '') as phone
	into v from visits x join sites s on s.id = x.site_id
	where x.id = p_visit;
	select s.id into v_survey from surveys s
	where s.organisation_id = p_org and s.code = p_survey and s.active;
	if v_survey is null then
		return;
	end if;
	select small_cell_threshold into v_k from organisations
	where id = p_org;
	v_q := quarter_start(v.visited_at);

	-- The visit's most frequent domain at the site this quarter.
	select d.domain_code, count(*) into v_domain, v_n_domain
	from visit_domains mine
	join visit_domains d on d.domain_code = mine.domain_code
	join visits o on o.id = d.visit_id
	join domains x on x.code = d.domain_code
	where mine.visit_id = p_visit and o.site_id = v.site_id
	  and o.visited_at >= (v_q::timestamp at time zone 'Europe/Paris')
	  and o.visited_at < ((v_q + interval '3 months')::timestamp
	      at time zone 'Europe/Paris')
	group by d.domain_code, x.position
	order by count(*) desc, x.position
	limit 1;
	if v_n_domain < v_k then
		v_domain := null;
	end if;

	select count(*) into v_n_help from visits o
	where o.site_id = v.site_id and o.help_kind = v.help_kind
	  and o.visited_at >= (v_q::timestamp at time zone 'Europe/Paris')
	  and o.visited_at < ((v_q + interval '3 months')::timestamp
	      at time zone 'Europe/Paris');
	v_help := case when v_n_help >= v_k then v.help_kind end;

	if v_domain is not null and v_help is not null then
		select count(*) into v_n_both from visits o
		join visit_domains d on d.visit_id = o.id
		    and d.domain_code = v_domain
		where o.site_id = v.site_id and o.help_kind = v_help
		  and o.visited_at >= (v_q::timestamp at time zone 'Europe/Paris')
		  and o.visited_at < ((v_q + interval '3 months')::timestamp
		      at time zone 'Europe/Paris');
		if v_n_both < v_k then
			v_help := null;
		end if;
	end if;

	insert into invitations as i (token_hash, organisation_id, survey_id,
	    site_id, domain_code, help_kind, kind, created_by, expires_at)
	values (p_hash, p_org, v_survey, v.site_id, v_domain, v_help, p_kind,
	    p_user, now() + p_valid)
	returning i.id, to_char(i.expires_at at time zone 'Europe/Paris',
	    'YYYY-MM-DD')
	into invitation_id, last_day;
	site_code := v.code;
	site_name := v.name;
	site_phone := v.phone;
	domain_code := v_domain;
	help_kind := v_help;
	return next;
end
$$;

-- Imports -----------------------------------------------------------------

-- A file checked by the dry run, waiting for the coordinator to confirm
-- it: its rows as checked (JSON for visit_import()), kept one hour, then
-- forgotten. Once imported, only the facts remain (no rows), so that the
-- same file is not imported twice.
create table visit_imports (
	id			bigint generated always as identity primary key,
	organisation_id		bigint not null references organisations,
	created_by		bigint references users on delete set null,
	created_at		timestamptz not null default now(),
	filename		text not null default ''
				check (length(filename) <= 200),
	sha256			bytea not null check (length(sha256) = 32),
	nrows			int not null check (nrows >= 0),
	first_on		date,
	last_on			date,
	rows			jsonb,
	expires_at		timestamptz not null,
	imported_at		timestamptz,
	imported		int
);
create index visit_imports_org on visit_imports (organisation_id, created_at);
create unique index visit_imports_once on visit_imports (organisation_id,
	sha256) where imported_at is not null;

-- Keep the checked rows of a file for confirmation. Returns the batch's
-- id, or, if this very file (same SHA-256) was imported already, NULL
-- and when. The user's stale batches are forgotten on the way.
create function visit_import_stage(p_org bigint, p_user bigint,
    p_filename text, p_sha256 bytea, p_rows jsonb)
returns table (batch_id bigint, imported_at timestamptz)
language plpgsql as $$
declare
	v_done timestamptz;
	v_id bigint;
begin
	if not exists (select 1 from users where id = p_user and
	    organisation_id = p_org and role in ('coordinator', 'admin') and
	    disabled_at is null) then
		raise exception 'import not allowed' using errcode = '42501';
	end if;
	select x.imported_at into v_done from visit_imports x
	where x.organisation_id = p_org and x.sha256 = p_sha256
	  and x.imported_at is not null;
	if v_done is not null then
		return query select null::bigint, v_done;
		return;
	end if;
	delete from visit_imports x where x.imported_at is null
	    and (x.expires_at < now() or x.created_by = p_user);
	insert into visit_imports as x (organisation_id, created_by, filename,
	    sha256, nrows, first_on, last_on, rows, expires_at)
	values (p_org, p_user, left(p_filename, 200), p_sha256,
	    jsonb_array_length(p_rows),
	    (select min((r->>'at')::date) from jsonb_array_elements(p_rows) r),
	    (select max((r->>'at')::date) from jsonb_array_elements(p_rows) r),
	    p_rows, now() + interval '1 hour')
	returning x.id into v_id;
	return query select v_id, null::timestamptz;
end
$$;

-- Commit a checked file: every row or none (visit_import() of 0300), the
-- batch marked imported and the audit row written, in one transaction.
-- Returns the number of visits written, or NULL if the batch is not the
-- user's or not of the organisation; MV409 if imported already, MV410
-- if too old.
create function visit_import_commit(p_org bigint, p_user bigint,
    p_batch bigint, p_actor text, p_ip inet) returns int
language plpgsql as $$
declare
	b record;
	n int;
begin
	select * into b from visit_imports x
	where x.id = p_batch and x.organisation_id = p_org
	  and x.created_by = p_user
	for update;
	if not found then
		return null;
	end if;
	if b.imported_at is not null then
		raise exception 'imported already' using errcode = 'MV409';
	end if;
	if b.expires_at < now() or b.rows is null then
		raise exception 'too old' using errcode = 'MV410';
	end if;
	n := visit_import(p_org, p_user, b.rows);
	update visit_imports set imported_at = now(), imported = n, rows = null
	where id = p_batch;
	perform audit_write(p_user, p_org, p_actor, p_ip, 'visit.import',
	    'visit_import', p_batch::text, jsonb_build_object('visits', n,
	    'file', b.filename, 'sha256', encode(b.sha256, 'hex'),
	    'from', b.first_on, 'to', b.last_on));
	return n;
end
$$;

-- Tablets -----------------------------------------------------------------

-- A pending enrolment made from the staff page: a tablet of site p_site
-- (code), which the user may serve (a mediator: one of their sites),
-- named p_name, whose one-time code hashes to p_enrol, valid p_minutes,
-- with its staff PIN's salt and SHA-256. The tablet then opens
-- /kiosk/inscription/{code} (kiosk_enrol() of 0100). Audited. Returns
-- the device's id and the site's name; no row if the site is not the
-- user's.
create function device_create(p_org bigint, p_user bigint, p_site text,
    p_name text, p_enrol bytea, p_minutes int, p_salt text, p_pin bytea,
    p_actor text, p_ip inet)
returns table (device_id bigint, site_name text)
language plpgsql as $$
declare
	v_site record;
	v_id bigint;
begin
	select s.id, s.name into v_site from sites s
	join users u on u.id = p_user and u.organisation_id = p_org
	    and u.disabled_at is null
	where s.organisation_id = p_org and s.code = p_site and s.active
	  and (u.role in ('coordinator', 'admin') or
	       (u.role = 'mediator' and exists (select 1 from user_sites us
		where us.user_id = p_user and us.site_id = s.id)));
	if not found then
		return;
	end if;
	insert into devices (organisation_id, site_id, name, enrol_hash,
	    enrol_expires_at, pin_salt, pin_sha256, created_by)
	values (p_org, v_site.id, p_name, p_enrol,
	    now() + make_interval(mins => p_minutes), p_salt, p_pin, p_user)
	returning id into v_id;
	perform audit_write(p_user, p_org, p_actor, p_ip, 'device.enrol',
	    'device', v_id::text, jsonb_build_object('site', p_site,
	    'name', p_name));
	return query select v_id, v_site.name;
end
$$;

-- Revoke tablet p_device if the user may serve its site. Returns its id
-- if it was live (enrolled or pending), NULL otherwise. Audited.
create function device_revoke(p_org bigint, p_user bigint, p_device bigint,
    p_actor text, p_ip inet) returns bigint
language plpgsql as $$
declare
	v_id bigint;
	v_site text;
begin
	update devices d set revoked_at = now(), enrol_hash = null
	from sites s, users u
	where d.id = p_device and d.organisation_id = p_org
	  and d.revoked_at is null and s.id = d.site_id
	  and u.id = p_user and u.organisation_id = p_org
	  and u.disabled_at is null
	  and (u.role in ('coordinator', 'admin') or
	       (u.role = 'mediator' and exists (select 1 from user_sites us
		where us.user_id = p_user and us.site_id = d.site_id)))
	returning d.id, s.code into v_id, v_site;
	if v_id is not null then
		perform audit_write(p_user, p_org, p_actor, p_ip,
		    'device.revoke', 'device', v_id::text,
		    jsonb_build_object('site', v_site));
	end if;
	return v_id;
end
$$;

-- Finding a returning person by the first letters of their code: the
-- organisation's pseudonyms, by prefix.
create index beneficiaries_prefix on beneficiaries (organisation_id,
	pseudonym text_pattern_ops);
