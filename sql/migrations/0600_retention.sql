-- 0600_retention.sql – retention periods per organisation and the purge
-- (issue #8). The purge anonymises rather than deletes where a delete would
-- fire the rollup triggers (0400/0401) and change figures that signed
-- reports already state; reports rows are never touched.

create table retention_periods (
	organisation_id		bigint primary key references organisations
				on delete cascade,
	-- Free-text answers ("…_autre") of raw survey responses.
	raw_answers_months	int not null default 24
				check (raw_answers_months between 1 and 240),
	-- Visit details that could help single someone out.
	visit_months		int not null default 36
				check (visit_months between 1 and 240),
	-- A beneficiary's pseudonym, counted from the last visit.
	pseudonym_months	int not null default 12
				check (pseudonym_months between 1 and 240),
	-- The audit log: counted only; a hash chain cannot lose rows in the
	-- middle, so expired entries are reported, not deleted (docs/rgpd.md).
	audit_years		int not null default 5
				check (audit_years between 1 and 30)
);

-- purge_run(org, dry_run): one organisation or all (NULL). Returns one
-- JSON object per organisation with the counts of what was (or would be)
-- purged; unless dry_run, writes one audit row per organisation.
create function purge_run(p_org bigint, p_dry boolean)
returns table (organisation_id bigint, counts jsonb)
language plpgsql as $$
declare
	o record;
	n_answers bigint; n_links bigint; n_visits bigint; n_benef bigint;
	n_audit bigint;
begin
	for o in
		select g.id,
		    coalesce(r.raw_answers_months, 24) as ra,
		    coalesce(r.visit_months, 36) as vm,
		    coalesce(r.pseudonym_months, 12) as pm,
		    coalesce(r.audit_years, 5) as ay
		from organisations g
		left join retention_periods r on r.organisation_id = g.id
		where p_org is null or g.id = p_org
		order by g.id
	loop
		select count(*) into n_answers from answers a
		join responses s on s.id = a.response_id
		where s.organisation_id = o.id
		  and s.submitted_at < now() - make_interval(months => o.ra)
		  and a.question like '%\_autre';
		select count(*) into n_links from responses s
		where s.organisation_id = o.id
		  and s.submitted_at < now() - make_interval(months => o.ra)
		  and s.invitation_id is not null;
		select count(*) into n_visits from visits v
		where v.organisation_id = o.id
		  and v.visited_at < now() - make_interval(months => o.vm)
		  and v.mediator_id is not null;
		select count(*) into n_benef from beneficiaries b
		where b.organisation_id = o.id
		  and coalesce(b.last_visit_at, b.created_at)
		      < now() - make_interval(months => o.pm);
		select count(*) into n_audit from audit_log l
		where l.organisation_id = o.id
		  and l.at < now() - make_interval(years => o.ay);
		if not p_dry then
			delete from answers a using responses s
			where s.id = a.response_id and s.organisation_id = o.id
			  and s.submitted_at < now() - make_interval(months => o.ra)
			  and a.question like '%\_autre';
			-- Unlinking the invitation keeps the response and its
			-- answers (the statistics) but not the path to a card.
			update responses s set invitation_id = null
			where s.organisation_id = o.id
			  and s.submitted_at < now() - make_interval(months => o.ra)
			  and s.invitation_id is not null;
			update visits v set mediator_id = null
			where v.organisation_id = o.id
			  and v.visited_at < now() - make_interval(months => o.vm)
			  and v.mediator_id is not null;
			delete from beneficiaries b
			where b.organisation_id = o.id
			  and coalesce(b.last_visit_at, b.created_at)
			      < now() - make_interval(months => o.pm);
			perform audit_write(null, o.id, 'purge', null, 'purge',
			    'organisation', o.id::text, jsonb_build_object(
			    'answers', n_answers, 'invitation_links', n_links,
			    'visits', n_visits, 'beneficiaries', n_benef,
			    'audit_expired', n_audit));
		end if;
		organisation_id := o.id;
		counts := jsonb_build_object('answers', n_answers,
		    'invitation_links', n_links, 'visits', n_visits,
		    'beneficiaries', n_benef, 'audit_expired', n_audit,
		    'dry_run', p_dry);
		return next;
	end loop;
end;
$$;
