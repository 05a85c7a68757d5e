-- 0300_visits.sql – recording visits (issue #5): one statement per save
-- or import, so that a visit, its domains, procedures, skills and its
-- pseudonymous beneficiary are written together or not at all.
--
-- A visit arrives as JSON made by app/core/visit.c (the form) or
-- app/core/visit_import.c (a spreadsheet), with codes already checked
-- against the reference lists; the foreign keys check them again.
--   {"at": "2026-11-20T14:30", "site": "la-source",
--    "domains": [...], "procedures": [...], "skills": [...],
--    "help_kind": "...", "autonomy": null|"...", "partner": null|"...",
--    "duration": null|int, "channel": "...", "pseudonym": null|"KT7M3A",
--    "age_bracket": null|"...", "qpv": null|bool, "first_visit": null|bool}
-- Times are local (Europe/Paris), as the mediator reads them.

-- The beneficiary named by a pseudonym in an organisation: found, or
-- created; coarse attributes given now are kept (never erased by a visit
-- that does not give them). NULL when no pseudonym is given.
create function beneficiary_touch(p_org bigint, p_pseudonym text,
    p_age text, p_qpv boolean, p_at timestamptz) returns bigint
language plpgsql as $$
declare
	b bigint;
begin
	if p_pseudonym is null or p_pseudonym = '' then
		return null;
	end if;
	insert into beneficiaries as x (organisation_id, pseudonym, age_bracket,
	    lives_in_qpv, created_at, last_visit_at)
	values (p_org, p_pseudonym, p_age, p_qpv, p_at, p_at)
	on conflict (organisation_id, pseudonym) do update
	set age_bracket = coalesce(excluded.age_bracket, x.age_bracket),
	    lives_in_qpv = coalesce(excluded.lives_in_qpv, x.lives_in_qpv),
	    last_visit_at = greatest(x.last_visit_at, excluded.last_visit_at)
	returning id into b;
	return b;
end
$$;

-- Insert (p_visit null) or update one visit. Returns its id. Raises
-- 42501 (insufficient_privilege) when the user may not write on that
-- site or that visit: a mediator only on their sites and only their own
-- visits of the day; a coordinator or admin anywhere in the organisation.
create function visit_save(p_org bigint, p_user bigint, p_visit bigint,
    p jsonb, p_source text default 'web') returns bigint
language plpgsql as $$
declare
	v_site bigint;
	v_role text;
	v_at timestamptz := (p->>'at')::timestamp at time zone 'Europe/Paris';
	v_ben bigint;
	v_id bigint;
	v_first boolean := (p->>'first_visit')::boolean;
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
	if p_visit is not null and not exists (select 1 from visits v
	    where v.id = p_visit and v.organisation_id = p_org and
		(v_role in ('coordinator', 'admin') or
		 (v.mediator_id = p_user and
		  v.created_at::date = current_date))) then
		raise exception 'visit not allowed' using errcode = '42501';
	end if;

	v_ben := beneficiary_touch(p_org, nullif(p->>'pseudonym', ''),
	    p->>'age_bracket', (p->>'qpv')::boolean, v_at);
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

-- Import a whole checked file in one transaction: every row or none.
-- Returns the number of visits written. Only coordinators and admins
-- import (42501 otherwise); a row naming another organisation's site
-- fails the whole import.
create function visit_import(p_org bigint, p_user bigint, p_rows jsonb)
returns int
language plpgsql as $$
declare
	r jsonb;
	n int := 0;
begin
	if not exists (select 1 from users where id = p_user and
	    organisation_id = p_org and role in ('coordinator', 'admin') and
	    disabled_at is null) then
		raise exception 'import not allowed' using errcode = '42501';
	end if;
	-- Oldest first, so that "first visit" is computed in time order.
	for r in select x from jsonb_array_elements(p_rows) x
	    order by x->>'at', (x->>'line')::int loop
		perform visit_save(p_org, p_user, null, r, 'import');
		n := n + 1;
	end loop;
	return n;
end
$$;
