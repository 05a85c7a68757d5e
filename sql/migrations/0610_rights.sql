-- 0610_rights.sql – the people's rights (issue #8, docs/rgpd.md §7): find
-- everything linked to a follow-up card's code or to a pseudonym, export it
-- (access), erase it (erasure); and the purge serialised by a lock, now
-- that a Kore timer runs it as well as cron.
--
-- Erasure keeps the statistics: the rows that are counted stay and lose
-- what links them to the person.
--  - beneficiaries: the row stays (visits keep pointing to it, so "distinct
--    people" counts and visit_people rows do not change) but its pseudonym
--    and coarse attributes are cleared and erased_at is set. A NULL
--    pseudonym matches no search and no new visit.
--  - visits: unchanged (no rollup trigger fires); without the pseudonym
--    they are anonymous.
--  - invitations: counted by the reports (sent, used), so they stay; their
--    token hash is replaced by a random one (the printed code finds nothing
--    and can no longer be used) and any link to a visit or person is
--    cleared.
--  - responses: unlinked from the invitation and the visit; the closed
--    answers (counted) stay; the free-text answers (never counted, see
--    answer_rollup_aggregate in 0400) are deleted, and with them any quote
--    of them (0500) – signed reports keep their PDF bytes.
--  - reports: never touched.

alter table beneficiaries alter column pseudonym drop not null;
alter table beneficiaries add column erased_at timestamptz;
alter table beneficiaries add constraint beneficiaries_erased_check
	check (erased_at is null or (pseudonym is null
	    and age_bracket is null and lives_in_qpv is null));

-- What is linked to the person: given a pseudonym (p_pseudonym) or the
-- SHA-256 of a card's code (p_hash), in organisation p_org. hit is
-- false when neither names anything.
create function rights_scope(p_org bigint, p_pseudonym text, p_hash bytea,
    out hit boolean, out ben bigint, out inv bigint, out visit_ids bigint[],
    out inv_ids bigint[], out resp_ids uuid[])
language plpgsql stable as $$
declare
	inv_visit bigint;
begin
	if p_pseudonym is not null then
		select b.id into ben from beneficiaries b
		where b.organisation_id = p_org and b.pseudonym = p_pseudonym;
	elsif p_hash is not null then
		select i.id, i.beneficiary_id, i.visit_id
		into inv, ben, inv_visit
		from invitations i
		where i.organisation_id = p_org and i.token_hash = p_hash;
		-- A card handed over after a visit names the visit's person.
		if ben is null and inv_visit is not null then
			select v.beneficiary_id into ben from visits v
			where v.id = inv_visit and v.organisation_id = p_org;
		end if;
	end if;
	hit := ben is not null or inv is not null;
	select coalesce(array_agg(v.id order by v.visited_at, v.id), '{}')
	into visit_ids
	from visits v
	where v.organisation_id = p_org
	  and ((ben is not null and v.beneficiary_id = ben)
	      or v.id = inv_visit);
	select coalesce(array_agg(i.id order by i.created_at, i.id), '{}')
	into inv_ids
	from invitations i
	where i.organisation_id = p_org
	  and (i.id = inv or (ben is not null and i.beneficiary_id = ben)
	      or i.visit_id = any(visit_ids));
	select coalesce(array_agg(r.id order by r.submitted_at, r.id), '{}')
	into resp_ids
	from responses r
	where r.organisation_id = p_org
	  and (r.invitation_id = any(inv_ids) or r.visit_id = any(visit_ids));
end
$$;

-- Times in the documents: Paris time, "YYYY-MM-DD HH:MM".
create function rights_time(t timestamptz) returns text
language sql immutable
return to_char(t at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI');

-- Everything linked, as one JSON document (the page and the export read
-- the same); NULL when nothing is found.
create function rights_subject(p_org bigint, p_pseudonym text, p_hash bytea)
returns jsonb
language plpgsql stable as $$
declare
	s record;
begin
	s := rights_scope(p_org, p_pseudonym, p_hash);
	if not s.hit then
		return null;
	end if;
	return jsonb_build_object(
	    'organisation', (select o.name from organisations o
		where o.id = p_org),
	    'searched_by', case when p_pseudonym is not null
		then 'pseudonym' else 'card' end,
	    'beneficiary', (select jsonb_build_object(
		'pseudonym', b.pseudonym, 'age_bracket', b.age_bracket,
		'lives_in_qpv', b.lives_in_qpv,
		'created_at', rights_time(b.created_at),
		'last_visit_at', rights_time(b.last_visit_at))
		from beneficiaries b where b.id = s.ben),
	    'visits', coalesce((select jsonb_agg(jsonb_build_object(
		'id', v.id,
		'visited_at', rights_time(v.visited_at),
		'site', si.name, 'site_code', si.code,
		'channel', v.channel, 'help_kind', v.help_kind,
		'autonomy', v.autonomy, 'partner', v.partner_code,
		'duration_min', v.duration_min, 'first_visit', v.first_visit,
		'source', v.source,
		'domains', coalesce((select jsonb_agg(d.domain_code
		    order by d.domain_code) from visit_domains d
		    where d.visit_id = v.id), '[]'),
		'procedures', coalesce((select jsonb_agg(p.procedure_code
		    order by p.procedure_code) from visit_procedures p
		    where p.visit_id = v.id), '[]'),
		'skills', coalesce((select jsonb_agg(k.skill_code
		    order by k.skill_code) from visit_skills k
		    where k.visit_id = v.id), '[]'))
		order by v.visited_at, v.id)
		from visits v join sites si on si.id = v.site_id
		where v.id = any(s.visit_ids)), '[]'),
	    'invitations', coalesce((select jsonb_agg(jsonb_build_object(
		'id', i.id, 'survey', su.code, 'site', si.name,
		'site_code', si.code, 'kind', i.kind,
		'domain', i.domain_code, 'help_kind', i.help_kind,
		'created_at', rights_time(i.created_at),
		'expires_at', rights_time(i.expires_at),
		'used_at', rights_time(i.used_at))
		order by i.created_at, i.id)
		from invitations i
		join surveys su on su.id = i.survey_id
		join sites si on si.id = i.site_id
		where i.id = any(s.inv_ids)), '[]'),
	    'responses', coalesce((select jsonb_agg(jsonb_build_object(
		'id', r.id, 'survey', su.code, 'version', sv.version,
		'site', si.name, 'site_code', si.code,
		'submitted_at', rights_time(r.submitted_at), 'lang', r.lang,
		'channel', r.channel, 'domain', r.domain_code,
		'help_kind', r.help_kind,
		'answers', coalesce((select jsonb_agg(jsonb_build_object(
		    'question', a.question, 'ordinal', a.ordinal,
		    'value', a.value) order by a.question, a.ordinal)
		    from answers a where a.response_id = r.id), '[]'))
		order by r.submitted_at, r.id)
		from responses r
		join survey_versions sv on sv.id = r.survey_version_id
		join surveys su on su.id = sv.survey_id
		join sites si on si.id = r.site_id
		where r.id = any(s.resp_ids)), '[]'));
end
$$;

-- The export (right of access): the document, audited in the same
-- statement. NULL (and no audit row) when nothing is found.
create function rights_export(p_org bigint, p_pseudonym text, p_hash bytea,
    p_user bigint, p_actor text, p_ip inet)
returns jsonb
language plpgsql as $$
declare
	doc jsonb := rights_subject(p_org, p_pseudonym, p_hash);
	s record;
begin
	if doc is null then
		return null;
	end if;
	s := rights_scope(p_org, p_pseudonym, p_hash);
	-- The audit row names internal ids only, never the pseudonym.
	perform audit_write(p_user, p_org, p_actor, p_ip, 'rights.export',
	    case when s.ben is not null then 'beneficiary' else 'invitation'
	    end, coalesce(s.ben, s.inv)::text, jsonb_build_object(
	    'visits', cardinality(s.visit_ids),
	    'invitations', cardinality(s.inv_ids),
	    'responses', cardinality(s.resp_ids)));
	return doc;
end
$$;

-- The erasure: see the top of this file. Returns the counts, or NULL when
-- nothing is found. One audit row, with internal ids and counts only.
create function rights_erase(p_org bigint, p_pseudonym text, p_hash bytea,
    p_user bigint, p_actor text, p_ip inet)
returns jsonb
language plpgsql as $$
declare
	s record;
	n_text bigint;
	n_resp bigint;
	n_inv bigint;
	n_ben bigint;
	counts jsonb;
begin
	s := rights_scope(p_org, p_pseudonym, p_hash);
	if not s.hit then
		return null;
	end if;
	-- Free text: never counted (0400), deleted.
	delete from answers a
	using responses r
	where r.id = a.response_id and r.id = any(s.resp_ids)
	  and (a.question ~ '_autre$' or exists (
	      select 1 from survey_versions sv
	      cross join lateral jsonb_array_elements(
		  sv.definition->'questions') q
	      where sv.id = r.survey_version_id and q->>'type' = 'text'
		and q->>'code' = a.question));
	get diagnostics n_text = row_count;
	update responses r set invitation_id = null, visit_id = null
	where r.id = any(s.resp_ids);
	get diagnostics n_resp = row_count;
	update invitations i set beneficiary_id = null, visit_id = null,
	    token_hash = sha256(convert_to(gen_random_uuid()::text || i.id,
		'UTF8'))
	where i.id = any(s.inv_ids);
	get diagnostics n_inv = row_count;
	update beneficiaries b set pseudonym = null, age_bracket = null,
	    lives_in_qpv = null, erased_at = now()
	where b.id = s.ben;
	get diagnostics n_ben = row_count;
	counts := jsonb_build_object('beneficiaries', n_ben,
	    'visits', cardinality(s.visit_ids),
	    'invitations', n_inv, 'responses', n_resp,
	    'free_text_answers', n_text);
	perform audit_write(p_user, p_org, p_actor, p_ip, 'rights.erase',
	    case when s.ben is not null then 'beneficiary' else 'invitation'
	    end, coalesce(s.ben, s.inv)::text, counts);
	return counts;
end
$$;

-- The purge of 0600 behind a lock: cron (mesure-admin purge) and the Kore
-- timer (app/purge_timer.c) may start it at the same time; the second
-- waits for the first and then finds nothing due. 0600's function is kept
-- as it is, under another name, and called once the lock is held.
alter function purge_run(bigint, boolean) rename to purge_run_unlocked;

create function purge_run(p_org bigint, p_dry boolean)
returns table (organisation_id bigint, counts jsonb)
language plpgsql as $$
begin
	if not p_dry then
		perform pg_advisory_xact_lock(x'4d50'::int, 0);
	end if;
	return query select * from purge_run_unlocked(p_org, p_dry);
end;
$$;
