-- 0400_answer_rollup.sql – survey answers pre-aggregated by quarter, so
-- that a report over a million responses reads thousands of rows, not
-- millions (BENCHMARKS.md, "Reports (issue #7)").
--
-- answer_rollup counts, per organisation, survey, quarter of submission,
-- site, domain and kind of help (the dimensions a filter may name), for
-- the questions that are not free text:
--   question, value   the responses that chose value for question;
--   question, ''      the responses that answered question at all;
--   '', ''            the responses;
--   'q1×q2', 'v1×v2'  for the pairs of answer_rollup_pairs.
--
-- It is refreshed on read, never on the submission path: answer_rollup_
-- refresh() folds in the responses received since the last watermark
-- (up to five minutes ago, so that a submission still being committed is
-- never skipped), and answer_rollup_rows() adds, raw, the few received
-- since. The sum is exact as long as no transaction that inserts
-- responses stays open longer than that margin (statement_timeout is far
-- shorter). Erasing responses (RGPD) marks their quarters dirty:
-- answer_rollup_rows() reads those raw until the next refresh rebuilds
-- them. A tool that inserts responses with a received_at already in the
-- past (an import, a restore) marks their quarters dirty the same way
-- (insert into answer_rollup_dirty): nothing on the submission path
-- checks it, to keep that path as it is.

create table answer_rollup (
	organisation_id		bigint not null,
	survey_id		bigint not null,
	quarter			date not null,
	site_id			bigint not null,
	domain_code		text not null,		-- '' when none
	help_kind		text not null,		-- '' when none
	question		text not null,		-- '' for all responses
	value			text not null,		-- '' for "answered"
	responses		bigint not null,
	primary key (organisation_id, survey_id, quarter, site_id,
	    domain_code, help_kind, question, value)
);

create table answer_rollup_state (
	organisation_id		bigint primary key,
	-- Responses received before this are in answer_rollup.
	watermark		timestamptz not null
);

-- Pairs of questions whose answers are also counted together, for the
-- cross-tabulations of a report: outcome × counterfactual ("got the
-- right" × "would have managed without the service"), for outcome versus
-- attribution. Stored as question 'q1×q2', value 'v1×v2' (v2 '' when q2
-- is not answered).
create table answer_rollup_pairs (
	survey_code		text not null,
	question1		text not null,
	question2		text not null,
	primary key (survey_code, question1, question2)
);
insert into answer_rollup_pairs values
	('resultats', 'droit_obtenu', 'sans_digilab');

-- Quarters to rebuild after responses were deleted.
create table answer_rollup_dirty (
	organisation_id		bigint not null,
	quarter			date not null,
	primary key (organisation_id, quarter)
);

-- Finding what arrived since the watermark.
create index responses_received on responses (organisation_id, received_at);

-- The rollup's rows of the responses chosen by a condition on received_at
-- (and, for a rebuild, on the quarter): one place for the aggregation.
create function answer_rollup_aggregate(org bigint, r0 timestamptz,
    r1 timestamptz, q0 date, q1 date)
returns table (survey_id bigint, quarter date, site_id bigint,
    domain_code text, help_kind text, question text, value text,
    responses bigint)
language sql stable parallel safe
begin atomic
	with textq as materialized (
		-- Free text is never counted (nor copied here): the
		-- questions of type text, and the "other, please say" texts.
		select sv.id as version_id, q->>'code' as code
		from survey_versions sv
		join surveys su on su.id = sv.survey_id
		cross join lateral jsonb_array_elements(
		    sv.definition->'questions') q
		where su.organisation_id = org and q->>'type' = 'text'
	), r as (
		select r.id, r.survey_version_id, sv.survey_id,
		    quarter_start(r.submitted_at) as q, r.site_id,
		    coalesce(r.domain_code, '') as dom,
		    coalesce(r.help_kind, '') as hk
		from responses r
		join survey_versions sv on sv.id = r.survey_version_id
		where r.organisation_id = org
		  and r.received_at >= r0 and r.received_at < r1
		  and r.submitted_at >= (q0::timestamp at time zone
		      'Europe/Paris')
		  and r.submitted_at < (q1::timestamp at time zone
		      'Europe/Paris')
	), ra as (
		select r.survey_id, r.q, r.site_id, r.dom, r.hk, a.question,
		    a.value, a.ordinal
		from r join answers a on a.response_id = r.id
		where a.question !~ '_autre$' and not exists (
		    select 1 from textq t
		    where t.version_id = r.survey_version_id
		      and t.code = a.question)
	)
	select ra.survey_id, ra.q, ra.site_id, ra.dom, ra.hk, ra.question,
	    ra.value, count(*)
	from ra
	group by 1, 2, 3, 4, 5, 6, 7
	union all
	select ra.survey_id, ra.q, ra.site_id, ra.dom, ra.hk, ra.question,
	    '', count(*)
	from ra where ra.ordinal = 0
	group by 1, 2, 3, 4, 5, 6
	union all
	select r.survey_id, r.q, r.site_id, r.dom, r.hk,
	    p.question1 || '×' || p.question2,
	    a1.value || '×' || coalesce(a2.value, ''), count(*)
	from r
	join surveys su on su.id = r.survey_id
	join answer_rollup_pairs p on p.survey_code = su.code
	join answers a1 on a1.response_id = r.id
	    and a1.question = p.question1 and a1.ordinal = 0
	left join answers a2 on a2.response_id = r.id
	    and a2.question = p.question2 and a2.ordinal = 0
	group by 1, 2, 3, 4, 5, 6, 7
	union all
	select r.survey_id, r.q, r.site_id, r.dom, r.hk, '', '', count(*)
	from r
	group by 1, 2, 3, 4, 5;
end;

-- Bring answer_rollup up to five minutes ago, and rebuild the quarters
-- marked dirty. Serialised per organisation. Returns the responses
-- folded in.
create function answer_rollup_refresh(org bigint) returns bigint
language plpgsql as $$
declare
	old_wm timestamptz;
	new_wm timestamptz := clock_timestamp() - interval '5 minutes';
	d record;
	n bigint := 0;
begin
	perform pg_advisory_xact_lock(x'4d52'::int, org::int);
	select watermark into old_wm from answer_rollup_state
	where organisation_id = org;
	old_wm := coalesce(old_wm, '-infinity');
	for d in delete from answer_rollup_dirty where organisation_id = org
	    returning quarter loop
		delete from answer_rollup
		where organisation_id = org and quarter = d.quarter;
		insert into answer_rollup
		select org, g.*
		from answer_rollup_aggregate(org, '-infinity', old_wm,
		    d.quarter, (d.quarter + interval '3 months')::date) g;
	end loop;
	if new_wm > old_wm then
		insert into answer_rollup as ar
		select org, g.*
		from answer_rollup_aggregate(org, old_wm, new_wm,
		    '-infinity', 'infinity') g
		on conflict (organisation_id, survey_id, quarter, site_id,
		    domain_code, help_kind, question, value)
		do update set responses = ar.responses + excluded.responses;
		get diagnostics n = row_count;
		insert into answer_rollup_state as s values (org, new_wm)
		on conflict (organisation_id) do update
		set watermark = excluded.watermark;
	end if;
	return n;
end
$$;

-- The rollup of [p_from, p_to) as it stands now: the folded rows of the
-- clean quarters, the quarters marked dirty (responses deleted since
-- they were folded) aggregated raw, and, raw too, the responses received
-- since the watermark. Exact at any moment.
create function answer_rollup_rows(org bigint, p_from date, p_to date)
returns table (survey_id bigint, quarter date, site_id bigint,
    domain_code text, help_kind text, question text, value text,
    responses bigint)
language plpgsql stable parallel safe
-- Planned with the watermark's value, so that the few responses received
-- since it come from the index on received_at, not from a scan.
set plan_cache_mode = force_custom_plan
as $$
declare
	wm timestamptz;
	dirty date[];
begin
	select coalesce((select s.watermark from answer_rollup_state s
	    where s.organisation_id = org), '-infinity') into wm;
	select coalesce(array_agg(d.quarter), '{}') into dirty
	from answer_rollup_dirty d
	where d.organisation_id = org and d.quarter >= p_from
	  and d.quarter < p_to;
	return query
	select ar.survey_id, ar.quarter, ar.site_id, ar.domain_code,
	    ar.help_kind, ar.question, ar.value, ar.responses
	from answer_rollup ar
	where ar.organisation_id = org and ar.quarter >= p_from
	  and ar.quarter < p_to and not ar.quarter = any (dirty);
	if cardinality(dirty) > 0 then
		return query
		select g.*
		from unnest(dirty) d(q)
		cross join lateral answer_rollup_aggregate(org, '-infinity',
		    wm, d.q, (d.q + interval '3 months')::date) g;
	end if;
	return query
	select g.* from answer_rollup_aggregate(org, wm, 'infinity', p_from,
	    p_to) g;
end
$$;

-- Deleted responses: their quarters are rebuilt at the next refresh.
create function answer_rollup_forget() returns trigger
language plpgsql as $$
begin
	insert into answer_rollup_dirty
	select distinct g.organisation_id, quarter_start(g.submitted_at)
	from gone g
	on conflict do nothing;
	return null;
end
$$;

create trigger responses_rollup_forget after delete on responses
	referencing old table as gone
	for each statement execute function answer_rollup_forget();

-- Whether a survey's question lets a respondent choose several values (a
-- sum of per-value counts would then count a response twice).
create function survey_question_multiple(org bigint, survey text,
    question text) returns boolean
language sql stable parallel safe
return exists (
	select 1
	from surveys su
	join survey_versions sv on sv.survey_id = su.id
	cross join lateral jsonb_array_elements(sv.definition->'questions') q
	where su.organisation_id = org and su.code = survey
	  and q->>'code' = question and q->>'type' = 'multiple');
