-- 0401_visit_rollup.sql – the activity of each quarter, pre-aggregated,
-- so that a report over a large base reads a few hundred rows instead of
-- every visit of four quarters (BENCHMARKS.md, "Reports (issue #7)").
--
-- visit_activity_raw() computes, for a period, the breakdown a report
-- shows: visits, distinct people, anonymous visits, minutes and new
-- people in total and by site, kind of help, partner, autonomy and
-- domain. visit_rollup keeps that breakdown per quarter. Visits change
-- (mediators correct them), so the rollup is not updated row by row:
-- any write to visits or visit_domains marks the quarters it touches
-- dirty (one insert, no lock held on a shared row), and visit_activity()
-- answers a dirty or missing quarter from the raw rows, a clean one from
-- the rollup – always exact. visit_rollup_refresh() rebuilds the dirty
-- quarters (the reports call it before reading).

-- The visits of a period with every column an indicator or a report
-- reads, so that they come from the index alone (an index-only scan: no
-- visit row is read from the table). Visits are written a few times a
-- minute; the extra index costs nothing that matters.
create index visits_report on visits (organisation_id, visited_at)
	include (id, beneficiary_id, site_id, help_kind, partner_code,
	    autonomy, channel, duration_min, first_visit);

create table visit_rollup (
	organisation_id		bigint not null,
	quarter			date not null,
	dim			text not null,	-- total, site, help_kind, …
	code			text not null,	-- '' for total, site id as text
	visits			bigint not null,
	people			bigint not null,
	anon			bigint not null,
	minutes			bigint not null,
	newp			bigint not null,
	primary key (organisation_id, quarter, dim, code)
);

-- The quarters present in visit_rollup, whole and clean.
create table visit_rollup_quarters (
	organisation_id		bigint not null,
	quarter			date not null,
	built_at		timestamptz not null default now(),
	primary key (organisation_id, quarter)
);

create table visit_rollup_dirty (
	organisation_id		bigint not null,
	quarter			date not null,
	primary key (organisation_id, quarter)
);

-- The breakdown of [p_from, p_to) from the raw rows: the visits are
-- first grouped per person (the anonymous ones together) for every
-- breakdown at once, so that distinct people are counted as rows.
create function visit_activity_raw(org bigint, p_from date, p_to date)
returns table (dim text, code text, visits bigint, people bigint,
    anon bigint, minutes bigint, newp bigint)
language sql stable parallel safe
begin atomic
	with v as materialized (
		select v.id, v.site_id, v.help_kind, v.partner_code,
		    v.autonomy, v.beneficiary_id, v.first_visit,
		    v.duration_min
		from visits v
		where v.organisation_id = org
		  and v.visited_at >= (p_from::timestamp at time zone
		      'Europe/Paris')
		  and v.visited_at < (p_to::timestamp at time zone
		      'Europe/Paris')
	), per as (
		select case when grouping(site_id) = 0 then 'site'
			when grouping(help_kind) = 0 then 'help_kind'
			when grouping(partner_code) = 0 then 'partner'
			when grouping(autonomy) = 0 then 'autonomy'
			else 'total' end as dim,
		    coalesce(site_id::text, help_kind, partner_code, autonomy,
			'') as code,
		    beneficiary_id, count(*) as visits,
		    coalesce(sum(duration_min), 0) as minutes,
		    bool_or(first_visit) as newp
		from v
		group by grouping sets ((site_id, beneficiary_id),
		    (help_kind, beneficiary_id), (partner_code, beneficiary_id),
		    (autonomy, beneficiary_id), (beneficiary_id))
		union all
		select 'domain', d.domain_code, v.beneficiary_id, count(*),
		    coalesce(sum(v.duration_min), 0), bool_or(v.first_visit)
		from v join visit_domains d on d.visit_id = v.id
		group by d.domain_code, v.beneficiary_id
	)
	select per.dim, per.code, sum(per.visits)::bigint,
	    count(per.beneficiary_id),
	    coalesce(sum(per.visits) filter (where per.beneficiary_id is null),
		0)::bigint,
	    sum(per.minutes)::bigint,
	    count(per.beneficiary_id) filter (where per.newp)
	from per
	where per.code is not null
	group by per.dim, per.code;
end;

-- The breakdown of a period: for one whole quarter, from the rollup when
-- the quarter is built and clean, else (and for any other period) from
-- the raw rows. Same rows either way.
create function visit_activity(org bigint, p_from date, p_to date)
returns table (dim text, code text, visits bigint, people bigint,
    anon bigint, minutes bigint, newp bigint)
language plpgsql stable parallel safe as $$
begin
	if p_from = date_trunc('quarter', p_from)
	    and p_to = (p_from + interval '3 months')::date
	    and exists (select 1 from visit_rollup_quarters q
		where q.organisation_id = org and q.quarter = p_from)
	    and not exists (select 1 from visit_rollup_dirty d
		where d.organisation_id = org and d.quarter = p_from) then
		return query
		select r.dim, r.code, r.visits, r.people, r.anon, r.minutes,
		    r.newp
		from visit_rollup r
		where r.organisation_id = org and r.quarter = p_from;
	else
		return query select * from visit_activity_raw(org, p_from, p_to);
	end if;
end
$$;

-- Build the quarters of [p_from, p_to) that are dirty or missing. Up to
-- the last complete quarter only: the current one changes all the time
-- and is read raw. Serialised per organisation.
create function visit_rollup_refresh(org bigint, p_from date, p_to date)
returns int
language plpgsql as $$
declare
	q date;
	n int := 0;
	last_closed date := (date_trunc('quarter', now() at time zone
	    'Europe/Paris') - interval '3 months')::date;
begin
	perform pg_advisory_xact_lock(x'4d56'::int, org::int);
	for q in select g::date from generate_series(
	    date_trunc('quarter', p_from), least(p_to - 1, last_closed),
	    interval '3 months') g loop
		if exists (select 1 from visit_rollup_quarters vq
		    where vq.organisation_id = org and vq.quarter = q)
		    and not exists (select 1 from visit_rollup_dirty d
		    where d.organisation_id = org and d.quarter = q) then
			continue;
		end if;
		-- Clear the mark first: a write that comes while we rebuild
		-- marks the quarter again.
		delete from visit_rollup_dirty d
		where d.organisation_id = org and d.quarter = q;
		delete from visit_rollup r
		where r.organisation_id = org and r.quarter = q;
		insert into visit_rollup
		select org, q, a.*
		from visit_activity_raw(org, q,
		    (q + interval '3 months')::date) a;
		insert into visit_rollup_quarters as vq values (org, q, now())
		on conflict (organisation_id, quarter)
		do update set built_at = excluded.built_at;
		n := n + 1;
	end loop;
	return n;
end
$$;

-- Any write to the visits marks its quarters dirty.
create function visit_rollup_mark() returns trigger
language plpgsql as $$
begin
	if tg_op in ('UPDATE', 'DELETE') then
		insert into visit_rollup_dirty
		select distinct o.organisation_id, quarter_start(o.visited_at)
		from old_rows o
		on conflict do nothing;
	end if;
	if tg_op in ('INSERT', 'UPDATE') then
		insert into visit_rollup_dirty
		select distinct n.organisation_id, quarter_start(n.visited_at)
		from new_rows n
		on conflict do nothing;
	end if;
	return null;
end
$$;

create trigger visits_rollup_insert after insert on visits
	referencing new table as new_rows
	for each statement execute function visit_rollup_mark();
create trigger visits_rollup_update after update on visits
	referencing old table as old_rows new table as new_rows
	for each statement execute function visit_rollup_mark();
create trigger visits_rollup_delete after delete on visits
	referencing old table as old_rows
	for each statement execute function visit_rollup_mark();

-- A visit's domains changed: its quarter is dirty.
create function visit_rollup_mark_domains() returns trigger
language plpgsql as $$
begin
	insert into visit_rollup_dirty
	select distinct v.organisation_id, quarter_start(v.visited_at)
	from (select visit_id from changed_rows) c
	join visits v on v.id = c.visit_id
	on conflict do nothing;
	return null;
end
$$;

create trigger visit_domains_rollup_insert after insert on visit_domains
	referencing new table as changed_rows
	for each statement execute function visit_rollup_mark_domains();
create trigger visit_domains_rollup_delete after delete on visit_domains
	referencing old table as changed_rows
	for each statement execute function visit_rollup_mark_domains();
