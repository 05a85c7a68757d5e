-- gen_million.sql – a large data set for the report benchmark
-- (tests/bench/bench_report.sh, BENCHMARKS.md "Reports (issue #7)").
--
-- Run on a database that holds the demo (mk/demo.sh): it adds, to the
-- demo organisation and over the demo's period (the twelve months before
-- the anchor's quarter and that quarter up to the anchor), :responses
-- survey responses (four in five satisfaction, one in five outcomes)
-- with about eight answers each, 1.2 visits per response with their
-- domains, and 50 000 more pseudonymous people. Seeded: the same
-- parameters give the same rows. Never on a database anyone uses.
--
--   psql -v responses=1000000 -f tests/bench/gen_million.sql

\set ON_ERROR_STOP 1
set timezone = 'Europe/Paris';
set max_parallel_workers_per_gather = 0;
set synchronous_commit = off;
select setseed(0.1997) \gset

create temporary table g_param as
select first_day, anchor,
    extract(epoch from (anchor::timestamp - first_day::timestamp)) as span,
    :responses::int as nresp
from (select (date_trunc('quarter', max(visited_at)) - interval '12 months')::date
	  as first_day,
	  (max(visited_at) + interval '1 day')::date as anchor
      from visits where source = 'demo') d;

-- People ----------------------------------------------------------------
insert into beneficiaries (organisation_id, pseudonym, age_bracket,
    lives_in_qpv, created_at)
select o.id, 'G' || upper(lpad(to_hex(n), 7, '0')),
    (array['moins-25', '25-44', '45-64', '65-79', '80-plus'])
	[1 + floor(random() * 5)::int],
    random() < 0.7, p.first_day
from organisations o, g_param p, generate_series(1, 50000) n
where o.slug = 'action-numerique';

create temporary table g_people as
select row_number() over (order by id) as n, id from beneficiaries
where pseudonym like 'G%';
create index on g_people (n);
analyze g_people;

-- Visits -------------------------------------------------------------------
create temporary table g_sites as
select row_number() over (order by id) as n, id from sites;

create temporary table g_visits as
select g.k as n,
    (select s.id from g_sites s where s.n = 1 + (g.k::bigint * 7919 % 4)) as site_id,
    p.first_day::timestamp at time zone 'Europe/Paris'
	+ (random() * p.span) * interval '1 second' as visited_at,
    random() as r1, random() as r2, random() as r3, random() as r4,
    random() as r5, random() as r6
from g_param p, generate_series(1, (select nresp * 6 / 5 from g_param)) g(k);

insert into visits (organisation_id, site_id, beneficiary_id, visited_at,
    duration_min, channel, help_kind, autonomy, partner_code, first_visit,
    source, created_at, updated_at)
select o.id, v.site_id,
    case when v.r1 < 0.7 then (select gp.id from g_people gp
	where gp.n = 1 + floor(v.r2 * 50000)::int) end,
    v.visited_at, 10 + floor(v.r3 * 6)::int * 10,
    case when v.r4 < 0.9 then 'sur-place' else 'telephone' end,
    (array['information', 'accompagnement', 'faire-a-la-place',
	'orientation'])[case when v.r5 < 0.25 then 1 when v.r5 < 0.75 then 2
	when v.r5 < 0.9 then 3 else 4 end],
    (array['seul', 'guide', 'fait-pour'])[1 + floor(v.r6 * 3)::int],
    case when v.r5 >= 0.9 then (array['caf', 'france-travail', 'prefecture',
	'ccas', 'cpam', 'mairie', 'france-services', 'espace-numerique',
	'autre'])[1 + floor(v.r4 * 9)::int] end,
    false, 'import', v.visited_at, v.visited_at
from g_visits v, organisations o
where o.slug = 'action-numerique';

insert into visit_domains (visit_id, domain_code)
select v.id, d.code
from visits v
join domains d on d.position = 1 + (v.id * 2654435761 % 10)
where v.source = 'import'
union
select v.id, d.code
from visits v
join domains d on d.position = 1 + (v.id * 40503 % 10)
where v.source = 'import' and v.id % 5 = 0;

-- Responses -------------------------------------------------------------------
create temporary table g_resp as
select g.k as n,
    md5('mesure-million-' || g.k)::uuid as id,
    case when g.k % 5 = 0 then 'resultats' else 'satisfaction' end as survey,
    (select s.id from g_sites s where s.n = 1 + (g.k::bigint * 104729 % 4)) as site_id,
    p.first_day::timestamp at time zone 'Europe/Paris'
	+ (random() * p.span) * interval '1 second' as submitted_at,
    random() as r1, random() as r2, random() as r3, random() as r4,
    random() as r5, random() as r6, random() as r7, random() as r8,
    random() as r9, random() as r10
from g_param p, generate_series(1, (select nresp from g_param)) g(k);

insert into responses (id, organisation_id, survey_version_id, site_id,
    domain_code, help_kind, lang, channel, submitted_at, received_at,
    answers_sha256)
select r.id, s.organisation_id, sv.id, r.site_id,
    (select code from domains where position = 1 + floor(r.r9 * 10)::int),
    (array['information', 'accompagnement', 'faire-a-la-place',
	'orientation'])[1 + floor(r.r10 * 4)::int],
    case when r.r10 < 0.85 then 'fr' else 'en' end,
    case when r.survey = 'satisfaction' then 'kiosk' else 'card' end,
    r.submitted_at, r.submitted_at + interval '2 seconds',
    sha256('\x'::bytea)
from g_resp r
join surveys s on s.code = r.survey
join survey_versions sv on sv.survey_id = s.id and sv.version = 1;

-- Answers: the distributions of the demo, drawn per response.
insert into answers (response_id, question, ordinal, value, value_num)
select id, q, o, v, case when v ~ '^[0-9]+$' then v::numeric end
from (
	select id, 'accueil' q, 0 o, (array['5','4','3','2','1'])
	    [case when r1 < 0.68 then 1 when r1 < 0.92 then 2 when r1 < 0.97
	    then 3 when r1 < 0.99 then 4 else 5 end] v
	from g_resp where survey = 'satisfaction'
	union all
	select id, 'explications', 0, (array['5','4','3','2','1'])
	    [case when r2 < 0.55 then 1 when r2 < 0.85 then 2 when r2 < 0.94
	    then 3 when r2 < 0.98 then 4 else 5 end]
	from g_resp where survey = 'satisfaction'
	union all
	select id, 'demarche_reussie', 0, (array['oui','non','nsp'])
	    [case when r3 < 0.71 then 1 when r3 < 0.9 then 2 else 3 end]
	from g_resp where survey = 'satisfaction'
	union all
	select id, 'autonome', 0, (array['oui','non','nsp'])
	    [case when r4 < 0.42 then 1 when r4 < 0.84 then 2 else 3 end]
	from g_resp where survey = 'satisfaction'
	union all
	select id, 'rassure', 0, (array['oui','non','nsp'])
	    [case when r5 < 0.66 then 1 when r5 < 0.8 then 2 else 3 end]
	from g_resp where survey = 'satisfaction'
	union all
	select id, 'recommande', 0, (10 - floor(r6 * r6 * 11))::int::text
	from g_resp where survey = 'satisfaction' and r7 < 0.9
	union all
	select id, 'domaine', 0, (select code from domains
	    where position = 1 + floor(r9 * 10)::int)
	from g_resp where survey = 'satisfaction' and r8 < 0.8
	union all
	select id, 'premiere_visite', 0, (array['oui','non','nsp'])
	    [case when r6 < 0.35 then 1 when r6 < 0.95 then 2 else 3 end]
	from g_resp where survey = 'satisfaction' and r8 > 0.3
	union all
	select id, 'commentaire', 0, 'Merci pour votre aide.'
	from g_resp where survey = 'satisfaction' and r7 > 0.97
	union all
	select id, 'droit_obtenu', 0, (array['oui','en-cours','non','nsp'])
	    [case when r1 < 0.56 then 1 when r1 < 0.76 then 2 when r1 < 0.9
	    then 3 else 4 end]
	from g_resp where survey = 'resultats'
	union all
	select id, 'autres_demarches_seul', 0, (array['oui','non','nsp'])
	    [case when r2 < 0.4 then 1 when r2 < 0.85 then 2 else 3 end]
	from g_resp where survey = 'resultats'
	union all
	select id, 'utilise_mail', 0, (array['oui','non','nsp'])
	    [case when r3 < 0.62 then 1 when r3 < 0.95 then 2 else 3 end]
	from g_resp where survey = 'resultats' and r8 < 0.9
	union all
	select id, 'compte_en_ligne', 0, (array['oui','non','nsp'])
	    [case when r4 < 0.55 then 1 when r4 < 0.92 then 2 else 3 end]
	from g_resp where survey = 'resultats' and r8 < 0.85
	union all
	select id, 'frein_leve', 0, (array['sante','mobilite','emploi',
	    'logement','argent','aucun'])[1 + floor(r5 * 6)::int]
	from g_resp where survey = 'resultats' and r8 < 0.8
	union all
	select id, 'frein_leve', 1, (array['sante','mobilite','emploi',
	    'logement','argent'])[1 + floor(r6 * 5)::int]
	from g_resp where survey = 'resultats' and r8 < 0.8 and r6 < 0.25
	    and floor(r5 * 6) < 5 and floor(r6 * 5) <> floor(r5 * 6)
	union all
	select id, 'sans_digilab', 0, (array['oui','autre-aide','non','nsp'])
	    [case when r7 < 0.09 then 1 when r7 < 0.3 then 2 when r7 < 0.85
	    then 3 else 4 end]
	from g_resp where survey = 'resultats'
	union all
	select id, 'confiance_numerique', 0, (array['5','4','3','2','1'])
	    [case when r9 < 0.18 then 1 when r9 < 0.52 then 2 when r9 < 0.82
	    then 3 when r9 < 0.94 then 4 else 5 end]
	from g_resp where survey = 'resultats'
	union all
	select id, 'confiance_services', 0, (array['oui','non','nsp'])
	    [case when r10 < 0.52 then 1 when r10 < 0.78 then 2 else 3 end]
	from g_resp where survey = 'resultats' and r8 < 0.75
) a;

analyze beneficiaries, visits, visit_domains, responses, answers;
select 'generated', (select count(*) from responses) as responses,
    (select count(*) from answers) as answers,
    (select count(*) from visits) as visits;
