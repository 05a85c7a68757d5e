-- 0402_indicator_eval.sql – the evaluation of indicator definitions
-- (indicators.definition, indicator_catalogue.definition; the grammar is
-- in app/core/indicator.h, which validates a definition before it is
-- saved). Every figure of an indicator – on the dashboard, in the PDF
-- report, in the export – comes from these functions, so that it can be
-- recomputed from the raw visits and answers with this SQL alone.
--
-- Periods are half-open [from, to) in days of Europe/Paris. Each
-- function returns, per period:
--   value        the figure (a count, or a share between 0 and 1)
--   numerator    what is counted (visits, people or responses)
--   denominator  the base of a share (NULL for a count)
--   people       the people the numerator is built from – the number the
--                small-cell rule is applied to: named people plus
--                anonymous visits for visits (each counted as one
--                person), responses for surveys (one per respondent)
--   base_people  the same for the denominator

-- Whether a visit matches a filter (see the FILTER grammar), from its
-- columns. in_domains (the visit has one of the filter's domains) and
-- followed ("followed by a digital-skills session before the end of the
-- period") are computed by the caller, set-based, only when the filter
-- asks for them. A plain expression, so that PostgreSQL inlines it into
-- the query: no call per row.
create function indicator_visit_match(f jsonb, site_code text,
    help_kind text, partner text, autonomy text, channel text,
    in_domains boolean, followed boolean) returns boolean
language sql immutable parallel safe
return (f->'sites' is null or f->'sites' ? site_code)
    and (f->'help_kind' is null or f->'help_kind' ? help_kind)
    and (f->'partner' is null or coalesce(f->'partner' ? partner, false))
    and (f->'autonomy' is null or coalesce(f->'autonomy' ? autonomy, false))
    and (f->'channel' is null or f->'channel' ? channel)
    and (f->'domains' is null or coalesce(in_domains, false))
    and (f->'followed_by_skills' is null or
	 (f->>'followed_by_skills')::boolean = coalesce(followed, false));

-- Whether a response's context (site, domain, kind of help) matches a
-- filter; its "answers" part is checked by the caller.
create function indicator_response_match(f jsonb, site_code text,
    domain_code text, help_kind text) returns boolean
language sql immutable parallel safe
return (f->'sites' is null or f->'sites' ? site_code)
    and (f->'domains' is null or coalesce(f->'domains' ? domain_code, false))
    and (f->'help_kind' is null or coalesce(f->'help_kind' ? help_kind, false));

-- The engine on the raw rows: one pass over [p_from, p_to), grouped by
-- quarter when by_quarter (one row per quarter of the range, even empty
-- ones), else one row for the whole range (period = p_from). Set-based:
-- the answers a definition needs are read once, joined to the responses
-- of the range and aggregated per response. Any definition, any period.
create function indicator_eval_raw(def jsonb, org bigint, p_from date,
    p_to date, by_quarter boolean)
returns table (period date, value numeric, numerator bigint,
    denominator bigint, people bigint, base_people bigint)
language plpgsql stable parallel safe
-- Plan each call with the definition's values (the survey code, the
-- questions): a generic plan cannot know which index pays.
set plan_cache_mode = force_custom_plan
as $$
declare
	t0 timestamptz := p_from::timestamp at time zone 'Europe/Paris';
	t1 timestamptz := p_to::timestamp at time zone 'Europe/Paris';
	f jsonb := coalesce(def->'filter', '{}');
	b jsonb := coalesce(def->'base', '{}');
	measure text := def->>'measure';
	q text := def->>'question';
	vals jsonb := def->'values';
	fa jsonb := coalesce(def->'filter'->'answers', '{}');
	ba jsonb := coalesce(def->'base'->'answers', '{}');
	nf int;
	nb int;
	qs text[];
	need_domains boolean;
	need_skills boolean;
begin
	if def->>'source' is null or def->>'source' not in ('visits', 'survey')
	    or measure is null or measure not in
	    ('count', 'distinct_beneficiaries', 'share') then
		raise exception 'indicator definition: bad source or measure'
		    using errcode = 'invalid_parameter_value';
	end if;
	if def->>'source' = 'visits' then
		need_domains := f ? 'domains' or b ? 'domains';
		need_skills := f ? 'followed_by_skills' or
		    b ? 'followed_by_skills';
		return query
		with periods as (
			select case when by_quarter then g::date else p_from end
			    as period
			from generate_series(p_from, p_to - 1,
			    case when by_quarter then interval '3 months'
			    else (p_to - p_from + 1) * interval '1 day' end) g
		), vd as (
			-- The visits with one of the domains the filter or the
			-- base names (from the index on domain_code), joined to
			-- the period's visits below by a hash.
			select d.visit_id,
			    bool_or(f->'domains' ? d.domain_code) as f_dom,
			    bool_or(b->'domains' ? d.domain_code) as b_dom
			from visit_domains d
			where need_domains
			  and d.domain_code in (select jsonb_array_elements_text(
			      coalesce(f->'domains', '[]') ||
			      coalesce(b->'domains', '[]')))
			group by d.visit_id
		), v0 as (
			select case when by_quarter
				then quarter_start(v.visited_at)
				else p_from end as period,
			    v.beneficiary_id, s.code as site, v.help_kind,
			    v.partner_code, v.autonomy, v.channel,
			    vd.f_dom, vd.b_dom,
			    case when need_skills then
				v.beneficiary_id is not null and exists (
				select 1 from visits w
				join visit_skills k on k.visit_id = w.id
				where w.beneficiary_id = v.beneficiary_id
				  and w.visited_at > v.visited_at
				  and w.visited_at < t1) end as followed
			from visits v
			join sites s on s.id = v.site_id
			left join vd on vd.visit_id = v.id
			where v.organisation_id = org
			  and v.visited_at >= t0 and v.visited_at < t1
		), m as (
			select v0.period, v0.beneficiary_id,
			    indicator_visit_match(f, site, help_kind,
				partner_code, autonomy, channel, f_dom,
				followed) as num,
			    indicator_visit_match(b, site, help_kind,
				partner_code, autonomy, channel, b_dom,
				followed) as base
			from v0
		), pp as (
			-- Per person (the anonymous visits together): distinct
			-- people are then counted as rows, in one hash pass.
			select m.period, m.beneficiary_id,
			    count(*) filter (where num and base) as nv,
			    count(*) filter (where base) as bv
			from m group by m.period, m.beneficiary_id
		), agg as (
			select pp.period,
			    sum(nv) as n_visits,
			    count(*) filter (where beneficiary_id is not null
				and nv > 0) as n_named,
			    coalesce(sum(nv) filter (where beneficiary_id
				is null), 0) as n_anon,
			    sum(bv) as b_visits,
			    count(*) filter (where beneficiary_id is not null
				and bv > 0) as b_named,
			    coalesce(sum(bv) filter (where beneficiary_id
				is null), 0) as b_anon
			from pp group by pp.period
		)
		select p.period,
		    case measure
			when 'count' then coalesce(a.n_visits, 0)::numeric
			when 'distinct_beneficiaries'
			    then coalesce(a.n_named, 0)::numeric
			else coalesce(a.n_visits, 0)::numeric /
			    nullif(a.b_visits, 0) end,
		    case measure when 'distinct_beneficiaries'
			then coalesce(a.n_named, 0)
			else coalesce(a.n_visits, 0)::bigint end,
		    case measure when 'share'
			then coalesce(a.b_visits, 0)::bigint end,
		    case measure when 'distinct_beneficiaries'
			then coalesce(a.n_named, 0)
			else coalesce(a.n_named + a.n_anon, 0)::bigint end,
		    coalesce(a.b_named + a.b_anon, 0)::bigint
		from periods p left join agg a on a.period = p.period
		order by p.period;
	else
		nf := (select count(*) from jsonb_object_keys(fa));
		nb := (select count(*) from jsonb_object_keys(ba));
		qs := array(select q where q is not null
		    union select jsonb_object_keys(fa)
		    union select jsonb_object_keys(ba));
		return query
		with periods as (
			select case when by_quarter then g::date else p_from end
			    as period
			from generate_series(p_from, p_to - 1,
			    case when by_quarter then interval '3 months'
			    else (p_to - p_from + 1) * interval '1 day' end) g
		), r as (
			select r.id,
			    case when by_quarter
				then quarter_start(r.submitted_at)
				else p_from end as period,
			    s.code as site, r.domain_code, r.help_kind
			from responses r
			join survey_versions sv on sv.id = r.survey_version_id
			join surveys su on su.id = sv.survey_id
			join sites s on s.id = r.site_id
			where r.organisation_id = org
			  and su.organisation_id = org
			  and su.code = def->>'survey'
			  and r.submitted_at >= t0 and r.submitted_at < t1
		), ra as (
			-- Per response: did it answer the question, with one
			-- of the values, and how many of the questions of each
			-- answers filter it answered as asked. One pass: the
			-- answers of the questions needed, joined to the
			-- responses of the range.
			select r.period, r.site, r.domain_code, r.help_kind,
			    bool_or(a.question = q) as answered,
			    bool_or(a.question = q and vals ? a.value) as hit,
			    count(distinct a.question) filter (where
				fa ? a.question and fa->a.question ? a.value)
				as f_n,
			    count(distinct a.question) filter (where
				ba ? a.question and ba->a.question ? a.value)
				as b_n
			from r
			left join answers a on a.response_id = r.id
			    and a.question = any (qs)
			group by r.id, r.period, r.site, r.domain_code,
			    r.help_kind
		), m as (
			select ra.period,
			    indicator_response_match(f, ra.site,
				ra.domain_code, ra.help_kind)
				and ra.f_n = nf as fm,
			    indicator_response_match(b, ra.site,
				ra.domain_code, ra.help_kind)
				and ra.b_n = nb as bm,
			    q is null or coalesce(ra.answered, false)
				as answered,
			    q is null or coalesce(ra.hit, false) as hit
			from ra
		), agg as (
			select m.period,
			    count(*) filter (where fm and bm and hit) as n,
			    count(*) filter (where bm and answered) as d
			from m group by m.period
		)
		select p.period,
		    case measure when 'share'
			then coalesce(a.n, 0)::numeric / nullif(a.d, 0)
			else coalesce(a.n, 0)::numeric end,
		    coalesce(a.n, 0),
		    case measure when 'share' then coalesce(a.d, 0) end,
		    coalesce(a.n, 0),
		    coalesce(a.d, 0)
		from periods p left join agg a on a.period = p.period
		order by p.period;
	end if;
end
$$;

-- A survey definition over whole quarters from the answer rollup
-- (0400): exact when it has no "answers" filter and counts one value, or
-- several values of a question that takes one answer. The caller checks.
create function indicator_eval_rollup(def jsonb, org bigint, p_from date,
    p_to date, by_quarter boolean)
returns table (period date, value numeric, numerator bigint,
    denominator bigint, people bigint, base_people bigint)
language sql stable parallel safe
begin atomic
	with periods as (
		select case when by_quarter then g::date else p_from end
		    as period
		from generate_series(p_from, p_to - 1,
		    case when by_quarter then interval '3 months'
		    else (p_to - p_from + 1) * interval '1 day' end) g
	), rr as (
		select case when by_quarter then ar.quarter else p_from end
		    as period,
		    indicator_response_match(coalesce(def->'filter', '{}'),
			s.code, nullif(ar.domain_code, ''),
			nullif(ar.help_kind, '')) as fm,
		    indicator_response_match(coalesce(def->'base', '{}'),
			s.code, nullif(ar.domain_code, ''),
			nullif(ar.help_kind, '')) as bm,
		    ar.question, ar.value, ar.responses
		from answer_rollup_rows(org, p_from, p_to) ar
		join surveys su on su.id = ar.survey_id
		join sites s on s.id = ar.site_id
		where su.organisation_id = org and su.code = def->>'survey'
	), agg as (
		select rr.period,
		    sum(rr.responses) filter (where fm and bm and case
			when def->>'question' is null
			    then rr.question = '' and rr.value = ''
			else rr.question = def->>'question'
			    and (def->'values') ? rr.value end) as n,
		    sum(rr.responses) filter (where bm and case
			when def->>'question' is null
			    then rr.question = '' and rr.value = ''
			else rr.question = def->>'question'
			    and rr.value = '' end) as d
		from rr group by rr.period
	)
	select p.period,
	    case def->>'measure' when 'share'
		then coalesce(a.n, 0)::numeric / nullif(a.d, 0)
		else coalesce(a.n, 0)::numeric end,
	    coalesce(a.n, 0)::bigint,
	    case def->>'measure' when 'share' then coalesce(a.d, 0)::bigint end,
	    coalesce(a.n, 0)::bigint,
	    coalesce(a.d, 0)::bigint
	from periods p left join agg a on a.period = p.period
	order by p.period;
end;

-- The engine: the rollup when it gives the exact figure (whole quarters,
-- a survey definition without "answers" filter, no value of a multiple
-- choice counted twice), the raw rows otherwise. Both give the same
-- numbers (tests/http/test_indicators.py checks it).
create function indicator_eval_range(def jsonb, org bigint, p_from date,
    p_to date, by_quarter boolean)
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

-- One figure for [p_from, p_to).
create function indicator_eval(def jsonb, org bigint, p_from date,
    p_to date)
returns table (value numeric, numerator bigint, denominator bigint,
    people bigint, base_people bigint)
language sql stable parallel safe
begin atomic
	select e.value, e.numerator, e.denominator, e.people, e.base_people
	from indicator_eval_range(def, org, p_from, p_to, false) e;
end;

-- One figure per quarter, for n quarters from first (a quarter's first
-- day), in one pass over the data.
create function indicator_eval_quarters(def jsonb, org bigint, first date,
    n int)
returns table (quarter date, value numeric, numerator bigint,
    denominator bigint, people bigint, base_people bigint)
language sql stable parallel safe
begin atomic
	select e.period, e.value, e.numerator, e.denominator, e.people,
	    e.base_people
	from indicator_eval_range(def, org, first,
	    (first + n * interval '3 months')::date, true) e;
end;
