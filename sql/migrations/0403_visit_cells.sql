-- 0403_visit_cells.sql – two more rollups of the visits, so that reports
-- over a million visits do not read them one by one (BENCHMARKS.md,
-- "Reports"): what was slow were indicators on visits with a filter and
-- anything counting distinct people over several quarters (the annual
-- report), which 0401's per-quarter totals cannot answer.
--
--   visit_cells   per quarter, the visits grouped by everything a filter
--                 can name on one visit (site, kind of help, partner,
--                 autonomy, channel, the set of domains): visits,
--                 anonymous visits, minutes. Any filter's visit counts
--                 are sums of cells – exact for any combination of
--                 criteria, since a cell's visits share all of them.
--   visit_people  per quarter, one row per named person: the sites,
--                 kinds of help, partners, autonomy levels, channels and
--                 domains of their visits, and the values of their
--                 "first visit" visits. Distinct people matching a
--                 filter on one criterion, over one quarter or several,
--                 are rows whose list overlaps the filter's values –
--                 exact for one criterion (a person who went to two
--                 sites is one person); a filter that combines criteria
--                 (this site AND this kind of help on the same visit)
--                 is read raw.
--
-- Both are built with 0401's visit_rollup for each closed quarter, kept
-- clean by the same triggers, and read through *_range() functions that
-- take a dirty, unbuilt or current quarter from the raw visits: the same
-- rows either way (tests/http/test_indicators.py compares them).

create table visit_cells (
	organisation_id		bigint not null,
	quarter			date not null,
	site_code		text not null,
	help_kind		text,
	partner_code		text,
	autonomy		text,
	channel			text,
	domains			text[] not null,	-- sorted; '{}': none
	visits			bigint not null,
	anon			bigint not null,
	minutes			bigint not null
);
create index visit_cells_quarter on visit_cells (organisation_id, quarter);

create table visit_people (
	organisation_id		bigint not null,
	quarter			date not null,
	beneficiary_id		bigint not null,
	sites			text[] not null,	-- site codes
	help_kinds		text[] not null,	-- '' for none
	partners		text[] not null,	-- '' for none
	autonomies		text[] not null,	-- '' for none
	channels		text[] not null,
	domains			text[] not null,
	-- "dim:code" of every visit flagged first_visit (site:la-source,
	-- help_kind:…, partner:…, autonomy:…, domain:…): new people.
	new_in			text[] not null,
	primary key (organisation_id, quarter, beneficiary_id)
);

-- The visits of [p_from, p_to) with their quarter and domains, once.
create function visit_rows(org bigint, p_from date, p_to date)
returns table (quarter date, beneficiary_id bigint, site_code text,
    help_kind text, partner_code text, autonomy text, channel text,
    first_visit boolean, duration_min int, domains text[])
language sql stable parallel safe
begin atomic
	with vd as (
		select d.visit_id,
		    array_agg(d.domain_code order by d.domain_code) as doms
		from visit_domains d
		join visits v on v.id = d.visit_id
		where v.organisation_id = org
		  and v.visited_at >= (p_from::timestamp at time zone
		      'Europe/Paris')
		  and v.visited_at < (p_to::timestamp at time zone
		      'Europe/Paris')
		group by d.visit_id
	)
	select quarter_start(v.visited_at), v.beneficiary_id, s.code,
	    v.help_kind, v.partner_code, v.autonomy, v.channel,
	    v.first_visit, v.duration_min, coalesce(vd.doms, '{}')
	from visits v
	join sites s on s.id = v.site_id
	left join vd on vd.visit_id = v.id
	where v.organisation_id = org
	  and v.visited_at >= (p_from::timestamp at time zone 'Europe/Paris')
	  and v.visited_at < (p_to::timestamp at time zone 'Europe/Paris');
end;

-- The cells of [p_from, p_to), from the raw visits.
create function visit_cells_raw(org bigint, p_from date, p_to date)
returns table (quarter date, site_code text, help_kind text,
    partner_code text, autonomy text, channel text, domains text[],
    visits bigint, anon bigint, minutes bigint)
language sql stable parallel safe
begin atomic
	select r.quarter, r.site_code, r.help_kind, r.partner_code,
	    r.autonomy, r.channel, r.domains, count(*),
	    count(*) filter (where r.beneficiary_id is null),
	    coalesce(sum(r.duration_min), 0)
	from visit_rows(org, p_from, p_to) r
	group by r.quarter, r.site_code, r.help_kind, r.partner_code,
	    r.autonomy, r.channel, r.domains;
end;

-- The people of [p_from, p_to), per quarter, from the raw visits.
create function visit_people_raw(org bigint, p_from date, p_to date)
returns table (quarter date, beneficiary_id bigint, sites text[],
    help_kinds text[], partners text[], autonomies text[],
    channels text[], domains text[], new_in text[])
language sql stable parallel safe
begin atomic
	with r as materialized (
		select * from visit_rows(org, p_from, p_to) r
		where r.beneficiary_id is not null
	), one as (
		select r.quarter, r.beneficiary_id,
		    array_agg(distinct r.site_code) as sites,
		    -- '' for a visit without one, as visit_activity_raw
		    -- counts them (no filter names '').
		    array_agg(distinct coalesce(r.help_kind, '')) as hk,
		    array_agg(distinct coalesce(r.partner_code, '')) as pa,
		    array_agg(distinct coalesce(r.autonomy, '')) as au,
		    coalesce(array_agg(distinct r.channel)
			filter (where r.channel is not null), '{}') as ch,
		    coalesce(array_agg(distinct 'site:' || r.site_code)
			filter (where r.first_visit), '{}') ||
		    coalesce(array_agg(distinct 'help_kind:' ||
			coalesce(r.help_kind, '')) filter (where r.first_visit),
			'{}') ||
		    coalesce(array_agg(distinct 'partner:' ||
			coalesce(r.partner_code, '')) filter (where r.first_visit),
			'{}') ||
		    coalesce(array_agg(distinct 'autonomy:' ||
			coalesce(r.autonomy, '')) filter (where r.first_visit),
			'{}') as new_in
		from r group by r.quarter, r.beneficiary_id
	), dom as (
		select r.quarter, r.beneficiary_id,
		    array_agg(distinct d) as doms,
		    coalesce(array_agg(distinct 'domain:' || d)
			filter (where r.first_visit), '{}') as new_in
		from r cross join unnest(r.domains) d
		group by r.quarter, r.beneficiary_id
	)
	select one.quarter, one.beneficiary_id, one.sites, one.hk, one.pa,
	    one.au, one.ch, coalesce(dom.doms, '{}'),
	    one.new_in || coalesce(dom.new_in, '{}')
	from one
	left join dom on dom.quarter = one.quarter
	    and dom.beneficiary_id = one.beneficiary_id;
end;

-- Whether a whole quarter of the organisation is built and clean.
create function visit_rollup_clean(org bigint, q date) returns boolean
language sql stable parallel safe
return exists (select 1 from visit_rollup_quarters vq
	where vq.organisation_id = org and vq.quarter = q)
    and not exists (select 1 from visit_rollup_dirty d
	where d.organisation_id = org and d.quarter = q);

-- The cells of [p_from, p_to) (whole quarters): stored for the clean
-- quarters, from the raw visits for the others.
create function visit_cells_range(org bigint, p_from date, p_to date)
returns table (quarter date, site_code text, help_kind text,
    partner_code text, autonomy text, channel text, domains text[],
    visits bigint, anon bigint, minutes bigint)
language plpgsql stable parallel safe as $$
declare
	q date;
begin
	for q in select g::date from generate_series(p_from, p_to - 1,
	    interval '3 months') g loop
		if visit_rollup_clean(org, q) then
			return query
			select c.quarter, c.site_code, c.help_kind,
			    c.partner_code, c.autonomy, c.channel, c.domains,
			    c.visits, c.anon, c.minutes
			from visit_cells c
			where c.organisation_id = org and c.quarter = q;
		else
			return query select * from visit_cells_raw(org, q,
			    (q + interval '3 months')::date);
		end if;
	end loop;
end
$$;

-- The people of [p_from, p_to) (whole quarters), likewise.
create function visit_people_range(org bigint, p_from date, p_to date)
returns table (quarter date, beneficiary_id bigint, sites text[],
    help_kinds text[], partners text[], autonomies text[],
    channels text[], domains text[], new_in text[])
language plpgsql stable parallel safe as $$
declare
	q date;
begin
	for q in select g::date from generate_series(p_from, p_to - 1,
	    interval '3 months') g loop
		if visit_rollup_clean(org, q) then
			return query
			select p.quarter, p.beneficiary_id, p.sites,
			    p.help_kinds, p.partners, p.autonomies, p.channels,
			    p.domains, p.new_in
			from visit_people p
			where p.organisation_id = org and p.quarter = q;
		else
			return query select * from visit_people_raw(org, q,
			    (q + interval '3 months')::date);
		end if;
	end loop;
end
$$;

-- The people of [p_from, p_to) (whole quarters), each with whether one
-- of their lists overlaps vals: the list of dimension dim ("sites",
-- "help_kind", "partner", "autonomy", "channel", "domains"), or true
-- when dim is NULL. Only the one list is read and carried.
create function visit_people_match(org bigint, p_from date, p_to date,
    dim text, vals text[])
returns table (quarter date, beneficiary_id bigint, matched boolean)
language plpgsql stable parallel safe as $$
declare
	q date;
begin
	for q in select g::date from generate_series(p_from, p_to - 1,
	    interval '3 months') g loop
		if visit_rollup_clean(org, q) then
			return query
			select p.quarter, p.beneficiary_id, dim is null or
			    (case dim when 'sites' then p.sites
			    when 'help_kind' then p.help_kinds
			    when 'partner' then p.partners
			    when 'autonomy' then p.autonomies
			    when 'channel' then p.channels
			    when 'domains' then p.domains end) && vals
			from visit_people p
			where p.organisation_id = org and p.quarter = q;
		else
			return query
			select p.quarter, p.beneficiary_id, dim is null or
			    (case dim when 'sites' then p.sites
			    when 'help_kind' then p.help_kinds
			    when 'partner' then p.partners
			    when 'autonomy' then p.autonomies
			    when 'channel' then p.channels
			    when 'domains' then p.domains end) && vals
			from visit_people_raw(org, q,
			    (q + interval '3 months')::date) p;
		end if;
	end loop;
end
$$;

-- The activity breakdown of 0401 (visit_activity_raw's rows) for whole
-- quarters, from the cells and the people: how the annual report counts
-- distinct people over four quarters without reading every visit.
create function visit_activity_cells(org bigint, p_from date, p_to date)
returns table (dim text, code text, visits bigint, people bigint,
    anon bigint, minutes bigint, newp bigint)
language sql stable parallel safe
begin atomic
	with c as materialized (
		select * from visit_cells_range(org, p_from, p_to)
	), p as materialized (
		select * from visit_people_range(org, p_from, p_to)
	), cv as (
		select 'site' as dim, c.site_code as code, c.visits, c.anon,
		    c.minutes from c
		union all
		select 'help_kind', coalesce(c.help_kind, ''), c.visits,
		    c.anon, c.minutes from c
		union all
		select 'partner', coalesce(c.partner_code, ''), c.visits,
		    c.anon, c.minutes from c
		union all
		select 'autonomy', coalesce(c.autonomy, ''), c.visits, c.anon,
		    c.minutes from c
		union all
		select 'domain', d, c.visits, c.anon, c.minutes
		from c cross join unnest(c.domains) d
		union all
		select 'total', '', c.visits, c.anon, c.minutes from c
	), va as (
		select cv.dim, cv.code, sum(cv.visits) as visits,
		    sum(cv.anon) as anon, sum(cv.minutes) as minutes
		from cv group by cv.dim, cv.code
	), pv as (
		select 'site' as dim, u as code, p.beneficiary_id
		from p cross join unnest(p.sites) u
		union all
		select 'help_kind', u, p.beneficiary_id
		from p cross join unnest(p.help_kinds) u
		union all
		select 'partner', u, p.beneficiary_id
		from p cross join unnest(p.partners) u
		union all
		select 'autonomy', u, p.beneficiary_id
		from p cross join unnest(p.autonomies) u
		union all
		select 'domain', u, p.beneficiary_id
		from p cross join unnest(p.domains) u
		union all
		select 'total', '', p.beneficiary_id from p
	), pa as (
		-- Distinct people as the rows of a hashed DISTINCT (a
		-- count(distinct) would sort two million rows).
		select d.dim, d.code, count(*) as people
		from (select distinct pv.dim, pv.code, pv.beneficiary_id
		    from pv) d
		group by d.dim, d.code
	), nv as (
		select split_part(u, ':', 1) as dim,
		    substr(u, strpos(u, ':') + 1) as code, p.beneficiary_id
		from p cross join unnest(p.new_in) u
		union all
		select 'total', '', p.beneficiary_id
		from p where cardinality(p.new_in) > 0
	), na as (
		select d.dim, d.code, count(*) as newp
		from (select distinct nv.dim, nv.code, nv.beneficiary_id
		    from nv) d
		group by d.dim, d.code
	)
	-- Sites by id, as visit_activity_raw names them.
	select va.dim,
	    case when va.dim = 'site' then s.id::text else va.code end,
	    va.visits::bigint, coalesce(pa.people, 0), va.anon::bigint,
	    va.minutes::bigint, coalesce(na.newp, 0)
	from va
	left join pa on pa.dim = va.dim and pa.code = va.code
	left join na on na.dim = va.dim and na.code = va.code
	left join sites s on va.dim = 'site' and s.code = va.code
	    and s.organisation_id = org;
end;

-- 0401's visit_activity: one clean quarter from visit_rollup as before;
-- several whole quarters from the cells and people; anything else raw.
create or replace function visit_activity(org bigint, p_from date,
    p_to date)
returns table (dim text, code text, visits bigint, people bigint,
    anon bigint, minutes bigint, newp bigint)
language plpgsql stable parallel safe as $$
begin
	if p_from = date_trunc('quarter', p_from)
	    and p_to = (p_from + interval '3 months')::date
	    and visit_rollup_clean(org, p_from) then
		return query
		select r.dim, r.code, r.visits, r.people, r.anon, r.minutes,
		    r.newp
		from visit_rollup r
		where r.organisation_id = org and r.quarter = p_from;
	elsif p_from = date_trunc('quarter', p_from)
	    and p_to = date_trunc('quarter', p_to) and p_to > p_from
	    and p_to > (p_from + interval '3 months')::date then
		return query select * from visit_activity_cells(org, p_from,
		    p_to);
	else
		return query select * from visit_activity_raw(org, p_from, p_to);
	end if;
end
$$;

-- 0401's refresh, building the cells and people of each quarter too,
-- and the current quarter as well.
create or replace function visit_rollup_refresh(org bigint, p_from date,
    p_to date)
returns int
language plpgsql as $$
declare
	q date;
	q1 date;
	n int := 0;
	current_q date := date_trunc('quarter', now() at time zone
	    'Europe/Paris')::date;
begin
	perform pg_advisory_xact_lock(x'4d56'::int, org::int);
	-- Up to the current quarter too (0401 stopped at the last closed
	-- one): a report reads it several times (each indicator, the
	-- activity), and one build costs what one raw read does. A visit
	-- recorded after the build marks it dirty again, and it is read raw
	-- until the next report's refresh.
	for q in select g::date from generate_series(
	    date_trunc('quarter', p_from), least(p_to - 1, current_q),
	    interval '3 months') g loop
		if visit_rollup_clean(org, q) then
			continue;
		end if;
		q1 := (q + interval '3 months')::date;
		-- Clear the mark first: a write that comes while we rebuild
		-- marks the quarter again.
		delete from visit_rollup_dirty d
		where d.organisation_id = org and d.quarter = q;
		delete from visit_rollup r
		where r.organisation_id = org and r.quarter = q;
		delete from visit_cells c
		where c.organisation_id = org and c.quarter = q;
		delete from visit_people p
		where p.organisation_id = org and p.quarter = q;
		insert into visit_rollup
		select org, q, a.* from visit_activity_raw(org, q, q1) a;
		insert into visit_cells
		select org, c.* from visit_cells_raw(org, q, q1) c;
		insert into visit_people
		select org, p.* from visit_people_raw(org, q, q1) p;
		insert into visit_rollup_quarters as vq values (org, q, now())
		on conflict (organisation_id, quarter)
		do update set built_at = excluded.built_at;
		n := n + 1;
	end loop;
	return n;
end
$$;

-- Indicators on visits from the cells and people (see the top): whole
-- quarters; the filter and the base name at most one criterion between
-- them, and not both (the people figures need one list to overlap).
-- The same rows as indicator_eval_raw.
create function indicator_eval_cells(def jsonb, org bigint, p_from date,
    p_to date, by_quarter boolean)
returns table (period date, value numeric, numerator bigint,
    denominator bigint, people bigint, base_people bigint)
language plpgsql stable parallel safe as $$
declare
	f jsonb := coalesce(def->'filter', '{}');
	b jsonb := coalesce(def->'base', '{}');
	measure text := def->>'measure';
	pf jsonb := case when coalesce(def->'filter', '{}') = '{}'
	    then coalesce(def->'base', '{}')
	    else coalesce(def->'filter', '{}') end;
	dimkey text;
	vals text[];
	fdom text[] := array(select jsonb_array_elements_text(
	    coalesce(def->'filter'->'domains', '[]')));
	bdom text[] := array(select jsonb_array_elements_text(
	    coalesce(def->'base'->'domains', '[]')));
begin
	select k into dimkey from jsonb_object_keys(pf) k limit 1;
	if dimkey is not null then
		vals := array(select jsonb_array_elements_text(pf->dimkey));
	end if;
	return query
	with periods as (
		select case when by_quarter then g::date else p_from end
		    as period
		from generate_series(p_from, p_to - 1,
		    case when by_quarter then interval '3 months'
		    else (p_to - p_from + 1) * interval '1 day' end) g
	), c as (
		select case when by_quarter then c.quarter else p_from end
		    as period,
		    indicator_visit_match(f, c.site_code, c.help_kind,
			c.partner_code, c.autonomy, c.channel,
			c.domains && fdom, null) as fm,
		    indicator_visit_match(b, c.site_code, c.help_kind,
			c.partner_code, c.autonomy, c.channel,
			c.domains && bdom, null) as bm,
		    c.visits, c.anon
		from visit_cells_range(org, p_from, p_to) c
	), ca as (
		select c.period,
		    coalesce(sum(c.visits) filter (where c.fm and c.bm), 0)
			as n_visits,
		    coalesce(sum(c.anon) filter (where c.fm and c.bm), 0)
			as n_anon,
		    coalesce(sum(c.visits) filter (where c.bm), 0) as b_visits,
		    coalesce(sum(c.anon) filter (where c.bm), 0) as b_anon
		from c group by c.period
	), pm as materialized (
		select * from visit_people_match(org, p_from, p_to, dimkey,
		    vals)
	), pp as (
		-- One row per person and period: a quarter's rows already
		-- are; over several quarters, a person's rows are merged.
		select pm.quarter as period, pm.beneficiary_id,
		    pm.matched as m
		from pm where by_quarter
		union all
		select p_from, pm.beneficiary_id, bool_or(pm.matched)
		from pm where not by_quarter
		group by pm.beneficiary_id
	), pa as (
		select pp.period, count(*) filter (where pp.m) as matched,
		    count(*) as everyone
		from pp group by pp.period
	), agg as (
		select p.period,
		    coalesce(ca.n_visits, 0) as n_visits,
		    coalesce(ca.n_anon, 0) as n_anon,
		    coalesce(ca.b_visits, 0) as b_visits,
		    coalesce(ca.b_anon, 0) as b_anon,
		    coalesce(pa.matched, 0) as n_named,
		    case when b = '{}' then coalesce(pa.everyone, 0)
			else coalesce(pa.matched, 0) end as b_named
		from periods p
		left join ca on ca.period = p.period
		left join pa on pa.period = p.period
	)
	select a.period,
	    case measure
		when 'count' then a.n_visits::numeric
		when 'distinct_beneficiaries' then a.n_named::numeric
		else a.n_visits::numeric / nullif(a.b_visits, 0) end,
	    case measure when 'distinct_beneficiaries' then a.n_named
		else a.n_visits::bigint end,
	    case measure when 'share' then a.b_visits::bigint end,
	    case measure when 'distinct_beneficiaries' then a.n_named
		else (a.n_named + a.n_anon)::bigint end,
	    (a.b_named + a.b_anon)::bigint
	from agg a
	order by a.period;
end
$$;

-- Whether indicator_eval_cells can answer a definition exactly.
create function indicator_cells_fit(def jsonb, p_from date, p_to date)
returns boolean
language sql immutable parallel safe
return def->>'source' = 'visits'
    and def->>'measure' in ('count', 'distinct_beneficiaries', 'share')
    and p_from = date_trunc('quarter', p_from)
    and p_to = date_trunc('quarter', p_to) and p_to > p_from
    and not exists (select 1 from jsonb_object_keys(
	coalesce(def->'filter', '{}') || coalesce(def->'base', '{}')) k
	where k not in ('sites', 'help_kind', 'partner', 'autonomy',
	    'channel', 'domains'))
    and (select count(*) from jsonb_object_keys(
	coalesce(def->'filter', '{}') || coalesce(def->'base', '{}'))) <= 1
    and (coalesce(def->'filter', '{}') = '{}'
	or coalesce(def->'base', '{}') = '{}');

-- 0402's engine, with the cells between the quarter totals and the raw
-- rows.
create or replace function indicator_eval_range(def jsonb, org bigint,
    p_from date, p_to date, by_quarter boolean)
returns table (period date, value numeric, numerator bigint,
    denominator bigint, people bigint, base_people bigint)
language plpgsql stable parallel safe as $$
begin
	-- Visits with no filter, quarter by quarter: the quarter's activity
	-- (migration 0401, its rollup when clean).
	if def->>'source' = 'visits'
	    and def->>'measure' in ('count', 'distinct_beneficiaries')
	    and coalesce(def->'filter', '{}') = '{}'
	    and coalesce(def->'base', '{}') = '{}'
	    and p_from = date_trunc('quarter', p_from)
	    and p_to = date_trunc('quarter', p_to)
	    and (by_quarter or p_to = (p_from + interval '3 months')::date)
	then
		return query
		select g::date,
		    case def->>'measure' when 'count' then a.visits
			else a.people end::numeric,
		    case def->>'measure' when 'count' then a.visits
			else a.people end,
		    null::bigint,
		    case def->>'measure' when 'count' then a.people + a.anon
			else a.people end,
		    a.people + a.anon
		from generate_series(p_from, p_to - 1, interval '3 months') g
		cross join lateral visit_activity(org, g::date,
		    (g + interval '3 months')::date) a
		where a.dim = 'total'
		order by 1;
		return;
	end if;
	if indicator_cells_fit(def, p_from, p_to) then
		return query select * from indicator_eval_cells(def, org,
		    p_from, p_to, by_quarter);
		return;
	end if;
	if def->>'source' = 'survey'
	    and def->>'measure' in ('count', 'share')
	    and p_from = date_trunc('quarter', p_from)
	    and p_to = date_trunc('quarter', p_to)
	    and not coalesce(def->'filter', '{}') ? 'answers'
	    and not coalesce(def->'base', '{}') ? 'answers'
	    and (def->>'question' is null
		or jsonb_array_length(def->'values') = 1
		or not survey_question_multiple(org, def->>'survey',
		    def->>'question')) then
		return query select * from indicator_eval_rollup(def, org,
		    p_from, p_to, by_quarter);
	else
		return query select * from indicator_eval_raw(def, org,
		    p_from, p_to, by_quarter);
	end if;
end
$$;

-- The quarters already built have no cells yet: build them again.
insert into visit_rollup_dirty (organisation_id, quarter)
select organisation_id, quarter from visit_rollup_quarters
on conflict do nothing;
