-- demo.sql – the demonstration data of `make run`, loaded once by
-- mk/demo.sh in one transaction.
--
-- The organisation, sites, funders and project are the facts of the source
-- document (shared/seed): Action Numérique runs the Digilab at four
-- reception points of Orléans. The activity (visits, beneficiaries,
-- responses) is synthetic, made by a seeded generator: the same anchor
-- date gives the same rows, every time. It covers the four complete
-- quarters before the anchor's quarter and that quarter up to the day
-- before the anchor, with believable distributions: busier sites open
-- longer, tax returns in spring, a quiet August, autonomy growing slowly.
--
-- psql variables: anchor (YYYY-MM-DD), sat_json, res_json (the shipped
-- survey definitions), demo_password_hash (argon2id PHC string or empty).

set timezone = 'Europe/Paris';
set max_parallel_workers_per_gather = 0;	-- one order, one result
do $$ begin perform setseed(0.2024); end $$;

create temporary table demo_param as
select :'anchor'::date as anchor,
    (date_trunc('quarter', :'anchor'::date) - interval '12 months')::date
	as first_day;

-- Weighted choice: index (1-based) into w for a uniform r in [0, 1).
create function pg_temp.pick(w int[], r float8) returns int
language plpgsql immutable as $$
declare
	total int := 0; acc int := 0; i int;
begin
	for i in 1 .. array_length(w, 1) loop total := total + w[i]; end loop;
	for i in 1 .. array_length(w, 1) loop
		acc := acc + w[i];
		if r * total < acc then return i; end if;
	end loop;
	return array_length(w, 1);
end
$$;

-- Organisation, sites, funders, users ---------------------------------------

insert into organisations (slug, name)
values ('action-numerique', 'Action Numérique');

insert into sites (organisation_id, code, name, host_place, address, postcode,
    city, phone, opening_hours, by_appointment, opened_on, in_qpv)
select o.id, s.code, s.name, s.host_place, s.address, s.postcode, 'Orléans',
    s.phone, s.hours::jsonb, true, s.opened_on::date, s.in_qpv
from organisations o, (values
 ('blossieres', 'Digilab Blossières', 'Maison de la Réussite',
  '11 rue Charles Le Chauve', '45000', '02 38 68 31 40',
  '[{"day":2,"from":"14:00","to":"17:00"}]', '2022-05-01', true),
 ('centre', 'Digilab Centre', 'CCAS', '69 rue Bannier', '45000',
  '02 38 68 46 66',
  '[{"day":4,"from":"09:00","to":"12:30"},{"day":4,"from":"13:30","to":"17:00"},
    {"day":5,"from":"09:00","to":"12:30"},{"day":5,"from":"13:30","to":"17:00"}]',
  '2021-03-01', false),
 ('argonne', 'Digilab Argonne', 'Mairie de proximité Est', '1 place Mozart',
  '45000', '07 67 67 17 71',
  '[{"day":1,"from":"14:00","to":"17:00"},{"day":2,"from":"13:30","to":"17:00"},
    {"day":3,"from":"13:30","to":"17:00"},{"day":4,"from":"13:30","to":"17:00"},
    {"day":5,"from":"13:30","to":"17:00"}]',
  '2019-01-01', true),
 ('la-source', 'Digilab La Source', 'CCAS, Espace Olympe de Gouges',
  '3 rue Edouard Branly', '45100', '07 67 67 17 71',
  '[{"day":1,"from":"14:00","to":"17:00"},{"day":2,"from":"09:00","to":"12:30"},
    {"day":2,"from":"13:30","to":"17:00"},{"day":3,"from":"09:00","to":"12:30"},
    {"day":3,"from":"13:30","to":"17:00"},{"day":4,"from":"13:30","to":"17:00"},
    {"day":5,"from":"09:00","to":"12:30"}]',
  '2018-11-01', true)
) as s(code, name, host_place, address, postcode, phone, hours, opened_on, in_qpv)
where o.slug = 'action-numerique';

insert into funders (name, kind) values
('Ville d''Orléans – contrat de ville', 'city'),
('CAF du Loiret', 'caf'),
('Fondation Orléans', 'foundation');

insert into users (organisation_id, funder_id, email, display_name, role,
    password_hash, password_changed_at)
select o.id, f.id, u.email, u.display_name, u.role,
    nullif(:'demo_password_hash', ''),
    case when :'demo_password_hash' <> '' then now() end
from organisations o
cross join (values
 ('admin@action-numerique.example', 'Alex Admin', 'admin', null),
 ('coordination@action-numerique.example', 'Camille Coordinatrice', 'coordinator', null),
 ('mediation@action-numerique.example', 'Mehdi Médiateur', 'mediator', null),
 ('mediation.centre@action-numerique.example', 'Marie Médiatrice', 'mediator', null),
 ('financeur@fondation-orleans.example', 'Fanny Financeuse', 'funder', 'Fondation Orléans')
) as u(email, display_name, role, funder)
left join funders f on f.name = u.funder
where o.slug = 'action-numerique';

-- A funder's user belongs to the funder, not to the organisation.
update users set organisation_id = null where role = 'funder';

insert into user_sites (user_id, site_id)
select u.id, s.id from users u join sites s on
    (u.email = 'mediation@action-numerique.example'
	and s.code in ('la-source', 'argonne'))
 or (u.email = 'mediation.centre@action-numerique.example'
	and s.code in ('centre', 'blossieres'));

-- Project, conventions, indicators, chain, milestones, budget ------------------

insert into projects (organisation_id, code, name, summary, audience,
    started_on)
select o.id, 'digilab', 'Digilab Orléans',
    'Service gratuit de facilitation des démarches dématérialisées et des '
    'téléprocédures sur Internet, dans quatre points d''accueil de quartier. '
    'Un médiateur numérique professionnel accueille et accompagne les usagers '
    'pour les démarches en ligne et les usages numériques du quotidien.',
    'Personnes sans accès à Internet, ou qui ne peuvent pas réaliser seules '
    'une démarche en ligne, ou qui ont besoin d''aide sur une démarche '
    'compliquée.',
    '2018-11-01'
from organisations o where o.slug = 'action-numerique';

insert into conventions (project_id, funder_id, reference, title,
    amount_cents, starts_on, ends_on, signed_on)
select p.id, f.id, c.reference, c.title, c.amount_cents,
    (d.first_day + c.start_offset)::date,
    (d.first_day + c.end_offset - interval '1 day')::date,
    (d.first_day + c.start_offset - interval '20 days')::date
from projects p, demo_param d, funders f
join (values
 ('Ville d''Orléans – contrat de ville', 'CV-DIGILAB',
  'Contrat de ville – accès aux droits numériques dans les QPV',
  4500000, interval '0 months', interval '24 months'),
 ('CAF du Loiret', 'CAF-45-INCL-NUM',
  'Inclusion numérique des allocataires', 2800000,
  interval '3 months', interval '27 months'),
 ('Fondation Orléans', 'FO-EMOJI-DIGILAB',
  'EMOJI – autonomie numérique des jeunes et des familles', 1500000,
  interval '0 months', interval '24 months')
) as c(funder, reference, title, amount_cents, start_offset, end_offset)
    on c.funder = f.name
where p.code = 'digilab';

-- Three indicators per convention, the Break Poverty way.
insert into indicators (convention_id, kind, catalogue_code, label_fr,
    label_en, unit, definition, position)
select c.id, i.kind, i.catalogue_code, i.label_fr, i.label_en, i.unit,
    i.definition::jsonb, i.position
from conventions c
join (values
 ('CV-DIGILAB', 1, 'suivi', null,
  'Nombre de personnes accompagnées dans les QPV',
  'People supported in priority neighbourhoods', 'personnes',
  '{"source": "visits", "measure": "distinct_beneficiaries", "filter": {"sites": ["blossieres", "argonne", "la-source"]}}'),
 ('CV-DIGILAB', 2, 'impact', 'mn-droit-obtenu',
  'Nombre de bénéficiaires ayant obtenu le droit ou le document recherché',
  'Beneficiaries who obtained the right or document they sought', 'personnes',
  '{"source": "survey", "survey": "resultats", "measure": "count", "question": "droit_obtenu", "values": ["oui"]}'),
 ('CV-DIGILAB', 3, 'libre', null,
  'Part des démarches faites à la place de la personne',
  'Share of procedures done on the person''s behalf', '%',
  '{"source": "visits", "measure": "share", "filter": {"help_kind": ["faire-a-la-place"]}}'),
 ('CAF-45-INCL-NUM', 1, 'suivi', null,
  'Nombre de visites pour des démarches famille et logement',
  'Visits for family and housing procedures', 'visites',
  '{"source": "visits", "measure": "count", "filter": {"domains": ["famille", "logement"]}}'),
 ('CAF-45-INCL-NUM', 2, 'impact', 'mn-autonomie',
  'Nombre de bénéficiaires déclarant plus d''autonomie dans leurs démarches',
  'Beneficiaries reporting more autonomy in their procedures', 'personnes',
  '{"source": "survey", "survey": "resultats", "measure": "count", "question": "autres_demarches_seul", "values": ["oui"]}'),
 ('CAF-45-INCL-NUM', 3, 'libre', null,
  'Part des répondants ayant créé un compte en ligne à leur nom',
  'Share of respondents who created an online account in their name', '%',
  '{"source": "survey", "survey": "resultats", "measure": "share", "question": "compte_en_ligne", "values": ["oui"]}'),
 ('FO-EMOJI-DIGILAB', 1, 'suivi', null,
  'Nombre de bénéficiaires accompagnés',
  'Beneficiaries supported', 'personnes',
  '{"source": "visits", "measure": "distinct_beneficiaries"}'),
 ('FO-EMOJI-DIGILAB', 2, 'impact', 'mn-rassures',
  'Nombre de bénéficiaires rassurés dans leur relation aux services publics',
  'Beneficiaries reassured about public services', 'personnes',
  '{"source": "survey", "survey": "satisfaction", "measure": "count", "question": "rassure", "values": ["oui"]}'),
 ('FO-EMOJI-DIGILAB', 3, 'libre', null,
  'Part des répondants qui pourront faire seuls la prochaine fois',
  'Share of respondents able to do it alone next time', '%',
  '{"source": "survey", "survey": "satisfaction", "measure": "share", "question": "autonome", "values": ["oui"]}')
) as i(reference, position, kind, catalogue_code, label_fr, label_en, unit,
    definition) on i.reference = c.reference;

-- Quarterly targets over each convention's quarters.
insert into indicator_targets (indicator_id, quarter, target)
select i.id, q::date,
    case when i.unit = '%' then case i.position when 3 then 60 else 50 end
	 when i.kind = 'suivi' and i.unit = 'visites' then 260
	 when i.kind = 'suivi' then 420
	 else 45 end
from indicators i
join conventions c on c.id = i.convention_id
cross join lateral generate_series(date_trunc('quarter', c.starts_on),
    c.ends_on, interval '3 months') q;

insert into impact_chain_steps (project_id, stage, position, label)
select p.id, s.stage, s.position, s.label
from projects p, (values
 ('resources', 1, 'Subventions publiques (contrat de ville, CAF) et mécénat (Fondation Orléans)'),
 ('resources', 2, 'Deux médiateurs numériques professionnels, quatre points d''accueil'),
 ('activities', 1, 'Accompagnement individuel aux démarches en ligne, sur rendez-vous'),
 ('activities', 2, 'Conseils sur les usages numériques du quotidien, orientation vers l''Espace Numérique'),
 ('outputs', 1, 'Nombre de visites et de personnes accompagnées, par site et par domaine'),
 ('outputs', 2, 'Nombre d''orientations vers les partenaires (CAF, France Travail, CCAS…)'),
 ('outcomes', 1, 'Part des personnes ayant obtenu le droit ou le document recherché'),
 ('outcomes', 2, 'Part des personnes qui font ensuite d''autres démarches seules'),
 ('impact', 1, 'Capacité d''agir des personnes les plus fragiles ; réassurance dans les services publics ; accès aux droits')
) as s(stage, position, label)
where p.code = 'digilab';

-- Steps measured by an indicator of one of the project's conventions (a
-- funder's report shows the figure of its own convention's indicator and,
-- for the other steps, what the stage's data says).
update impact_chain_steps s set indicator_id = i.id
from projects p, conventions c, indicators i
where s.project_id = p.id and p.code = 'digilab'
  and c.project_id = p.id and i.convention_id = c.id
  and ((s.stage = 'outputs' and s.position = 1
	and c.reference = 'FO-EMOJI-DIGILAB' and i.kind = 'suivi')
    or (s.stage = 'outcomes' and s.position = 1
	and c.reference = 'CV-DIGILAB'
	and i.catalogue_code = 'mn-droit-obtenu')
    or (s.stage = 'impact' and s.position = 1
	and c.reference = 'FO-EMOJI-DIGILAB'
	and i.catalogue_code = 'mn-rassures'));

insert into milestones (project_id, label, planned_on, done_on, status, position)
select p.id, m.label, (d.first_day + m.planned)::date,
    case when m.done is not null then (d.first_day + m.done)::date end,
    m.status, m.position
from projects p, demo_param d, (values
 (1, 'Lancement de l''enquête usagers dans les quatre points', interval '1 month', interval '1 month 10 days', 'done'),
 (2, 'Tablette d''accueil (kiosque) dans chaque point', interval '3 months', interval '4 months', 'done'),
 (3, 'Cartes de suivi pour l''enquête « résultats »', interval '5 months', interval '6 months 15 days', 'done'),
 (4, 'Bilan annuel d''activité', interval '12 months', null, 'in_progress'),
 (5, 'Charte d''accueil et d''accompagnement actualisée', interval '15 months', null, 'planned')
) as m(position, label, planned, done, status)
where p.code = 'digilab';

insert into budget_lines (project_id, label, category, planned_cents, position)
select p.id, b.label, b.category, b.planned, b.position
from projects p, (values
 (1, 'Salaires des médiateurs numériques', 'personnel', 6200000),
 (2, 'Matériel : tablettes, ordinateurs, scanner', 'investissement', 450000),
 (3, 'Impressions liées aux démarches', 'fonctionnement', 120000),
 (4, 'Communication (affiches, cartes de suivi)', 'fonctionnement', 80000),
 (5, 'Formation des médiateurs', 'fonctionnement', 150000)
) as b(position, label, category, planned)
where p.code = 'digilab';

insert into budget_spending (budget_line_id, quarter, spent_cents)
select b.id, q::date,
    (b.planned_cents / 8 * (0.8 + 0.4 * random()))::bigint
from budget_lines b, demo_param d,
    generate_series(d.first_day, d.anchor, interval '3 months') q
order by b.id, q;

-- Surveys --------------------------------------------------------------------

insert into surveys (organisation_id, code, kind)
select o.id, s.code, s.code
from organisations o, (values ('satisfaction'), ('resultats')) s(code)
where o.slug = 'action-numerique';

insert into survey_versions (survey_id, version, definition, sha256)
select s.id, 1, d.def, sha256(convert_to(d.def::text, 'UTF8'))
from surveys s
join (values ('satisfaction', :'sat_json'::jsonb),
	     ('resultats', :'res_json'::jsonb)) d(code, def) on d.code = s.code;

-- Beneficiaries ------------------------------------------------------------

-- 1 400 pseudonymous people; the codes avoid letters people confuse.
insert into beneficiaries (organisation_id, pseudonym, age_bracket,
    lives_in_qpv, created_at)
select o.id,
    (select string_agg(substr('ABCDEFHJKMNPRTUVWXY3479',
	(floor(random() * 23) + 1 + 0 * i + 0 * n)::int, 1), '')
	from generate_series(1, 6) g(i)),
    (array['moins-25', '25-44', '45-64', '65-79', '80-plus'])
	[pg_temp.pick('{12,30,27,22,9}', random())],
    random() < 0.7,
    d.first_day
from organisations o, demo_param d, generate_series(1, 1400) n
where o.slug = 'action-numerique'
on conflict (organisation_id, pseudonym) do nothing;

create temporary table demo_people as
select row_number() over (order by id) as n, id from beneficiaries;

-- Visits ---------------------------------------------------------------------

-- One row per opening slot of each site on each open day; the number of
-- visits of a slot follows its length, the season and a random draw.
create temporary table demo_slots as
select s.id as site_id, s.code, day::date as day,
    (h->>'from')::time as t_from, (h->>'to')::time as t_to
from sites s
cross join demo_param d
cross join generate_series(d.first_day, d.anchor - 1, interval '1 day') day
cross join jsonb_array_elements(s.opening_hours) h
where (h->>'day')::int = extract(isodow from day)
  -- Closed on public holidays and two weeks in August.
  and not (extract(month from day) = 8 and extract(day from day) between 8 and 21)
  and to_char(day, 'MM-DD') not in ('01-01', '05-01', '05-08', '07-14',
	'08-15', '11-01', '11-11', '12-25')
order by s.id, day, t_from;

create temporary table demo_visits as
select row_number() over (order by sl.site_id, sl.day, sl.t_from, k) as n,
    sl.site_id, sl.code,
    (sl.day + sl.t_from + (sl.t_to - sl.t_from) * (k - 0.5) / cnt)
	at time zone 'Europe/Paris' as visited_at,
    extract(month from sl.day)::int as month
from (
    select sl.*,
	-- About one visit per open hour, more in spring (tax returns),
	-- fewer in summer.
	greatest(1, round(extract(epoch from sl.t_to - sl.t_from) / 3600.0
	    * (case when extract(month from sl.day) in (4, 5, 6) then 1.25
		    when extract(month from sl.day) in (7, 8) then 0.8
		    else 1.0 end)
	    * (0.6 + 0.8 * random())))::int as cnt
    from demo_slots sl
) sl
cross join lateral generate_series(1, sl.cnt) k;

-- Attributes, drawn in visit order.
create temporary table demo_visit_attr as
select v.*,
    pg_temp.pick('{25,50,15,10}', random()) as help_i,
    random() as r_autonomy,
    random() as r_partner,
    pg_temp.pick('{85,12,3}', random()) as channel_i,
    (10 + floor(random() * 6) * 10)::int as duration,
    random() as r_person,
    random() as r_domains,
    pg_temp.pick(case when v.month in (4, 5, 6)
	then '{14,15,20,11,9,6,18,2,8,1}'::int[]	-- spring: taxes
	else '{14,15,22,12,10,6,10,2,9,1}'::int[] end, random()) as dom1,
    pg_temp.pick('{14,15,22,12,10,6,10,2,9,1}', random()) as dom2,
    random() as r_second_domain,
    pg_temp.pick('{18,8,12,6,16,3,2,4,10,8,9,3,1,6,9,1,2,3,7,3,6,2,2,5}',
	random()) as proc1,
    pg_temp.pick('{18,8,12,6,16,3,2,4,10,8,9,3,1,6,9,1,2,3,7,3,6,2,2,5}',
	random()) as proc2,
    random() as r_second_proc,
    random() as r_skills,
    pg_temp.pick('{3,4,2,3,2,2,1,2,3,1,1,1,1}', random()) as skill,
    random() as r_survey,
    random() as r_card
from demo_visits v
order by v.n;

-- Share of returning people: 70 % of visits name a beneficiary, drawn
-- with a skew so that some come back often.
insert into visits (organisation_id, site_id, mediator_id, beneficiary_id,
    visited_at, duration_min, channel, help_kind, autonomy, partner_code,
    first_visit, source, created_at, updated_at)
select o.id, a.site_id,
    (select us.user_id from user_sites us where us.site_id = a.site_id
	order by us.user_id limit 1),
    case when a.r_person < 0.7 then (select id from demo_people
	where n = 1 + floor(power(a.r_person / 0.7, 1.6) * 1399)::int) end,
    a.visited_at, a.duration,
    (array['sur-place', 'telephone', 'distance'])[a.channel_i],
    (array['information', 'accompagnement', 'faire-a-la-place',
	'orientation'])[a.help_i],
    -- Autonomy follows the kind of help, and grows a little over time.
    case when a.help_i = 3 then 'fait-pour'
	 when a.r_autonomy < 0.12 + 0.10 * (a.n::float8 / (select max(n) from demo_visits))
	    then 'seul'
	 when a.r_autonomy < 0.72 then 'guide'
	 else 'fait-pour' end,
    case when a.help_i = 4 then (array['caf', 'france-travail', 'prefecture',
	'ccas', 'cpam', 'mairie', 'france-services', 'espace-numerique',
	'autre'])[pg_temp.pick('{22,15,12,14,12,6,5,10,4}', a.r_partner)]
	 when a.r_partner < 0.12 then 'espace-numerique' end,
    null, 'demo', a.visited_at, a.visited_at
from demo_visit_attr a, organisations o
where o.slug = 'action-numerique'
order by a.n;

-- demo_visit_attr.n and visits.id are both in visit order.
create temporary table demo_map as
select a.*, v.id as visit_id, v.beneficiary_id, v.help_kind
from (select row_number() over (order by id) as n, id, beneficiary_id,
	help_kind from visits) v
join demo_visit_attr a using (n);

insert into visit_domains (visit_id, domain_code)
select m.visit_id, d.code from demo_map m join domains d on d.position = m.dom1
union
select m.visit_id, d.code from demo_map m join domains d on d.position = m.dom2
where m.r_second_domain < 0.2;

insert into visit_procedures (visit_id, procedure_code)
select m.visit_id, p.code from demo_map m join procedures p on p.position = m.proc1
union
select m.visit_id, p.code from demo_map m join procedures p on p.position = m.proc2
where m.r_second_proc < 0.45;

insert into visit_skills (visit_id, skill_code)
select m.visit_id, s.code from demo_map m
join digital_skills s on s.position = m.skill
where m.r_skills < 0.15;

-- First visit: the earliest visit of each named person; the others are
-- returns. Last visit kept on the person.
update visits v set first_visit = (v.visited_at = f.first_at)
from (select beneficiary_id, min(visited_at) as first_at from visits
      where beneficiary_id is not null group by beneficiary_id) f
where v.beneficiary_id = f.beneficiary_id;
update beneficiaries b set last_visit_at = l.last_at,
    created_at = least(b.created_at, l.first_at)
from (select beneficiary_id, max(visited_at) as last_at,
	min(visited_at) as first_at from visits
      where beneficiary_id is not null group by beneficiary_id) l
where b.id = l.beneficiary_id;

-- Responses ------------------------------------------------------------------

-- The satisfaction survey is answered on the kiosk right after a third of
-- the visits (tied to the visit through a kiosk invitation); a follow-up
-- card is given after one visit in five, answered one to three months
-- later by about half of the people who took one.
create temporary table demo_resp as
select m.n, m.visit_id, m.site_id, m.dom1, m.help_kind, 'satisfaction' as survey,
    m.visited_at + interval '4 minutes' + (m.duration * interval '1 minute')
	as submitted_at,
    'kiosk' as channel
from demo_map m where m.r_survey < 0.34
union all
select m.n, m.visit_id, m.site_id, m.dom1, m.help_kind, 'resultats',
    m.visited_at + interval '30 days' + (m.r_card * 10 * 60) * interval '1 day',
    'card'
from demo_map m
where m.r_card < 0.10
  and m.visited_at + interval '30 days' + (m.r_card * 10 * 60) * interval '1 day'
	< (select anchor from demo_param);

create temporary table demo_resp_ids as
select r.*, row_number() over (order by r.survey, r.n) as k,
    md5('mesure-demo-' || r.survey || '-' || r.n)::uuid as response_id,
    (array['fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'en', 'en'])
	[1 + floor(random() * 10)::int] as lang,
    random() as r1, random() as r2, random() as r3, random() as r4,
    random() as r5, random() as r6, random() as r7, random() as r8,
    random() as r9, random() as r10, random() as r11,
    -- 0 at the start of the period, 1 at its end: outcomes improve slowly.
    r.n::float8 / (select max(n) from demo_visits) as progress
from demo_resp r
order by r.survey, r.n;

insert into invitations (token_hash, organisation_id, survey_id, site_id,
    visit_id, domain_code, help_kind, kind, created_at, expires_at, used_at)
select sha256(convert_to('demo-invitation-' || r.response_id, 'UTF8')),
    s.organisation_id, s.id, r.site_id, r.visit_id, d.code, r.help_kind,
    case r.survey when 'satisfaction' then 'kiosk' else 'card' end,
    v.visited_at, v.visited_at + interval '120 days', r.submitted_at
from demo_resp_ids r
join surveys s on s.code = r.survey
join visits v on v.id = r.visit_id
join domains d on d.position = r.dom1
order by r.k;

-- The response keeps the visit's site, domain and kind of help, never the
-- visit itself (the visit may name a person by pseudonym).
insert into responses (id, organisation_id, survey_version_id, site_id,
    invitation_id, domain_code, help_kind, lang, channel,
    submitted_at, received_at, answers_sha256)
select r.response_id, s.organisation_id, sv.id, r.site_id, i.id,
    d.code, r.help_kind, r.lang, r.channel, r.submitted_at,
    r.submitted_at + interval '2 seconds', sha256('\x'::bytea)
from demo_resp_ids r
join surveys s on s.code = r.survey
join survey_versions sv on sv.survey_id = s.id and sv.version = 1
join invitations i on i.token_hash =
    sha256(convert_to('demo-invitation-' || r.response_id, 'UTF8'))
join domains d on d.position = r.dom1
order by r.k;

-- Answers of the satisfaction survey. Each draw is a column of
-- demo_resp_ids, so the answers do not depend on the order of evaluation.
create temporary table demo_answers (
	response_id uuid, question text, ordinal smallint, value text);

insert into demo_answers
select response_id, 'accueil', 0,
    (array['5','4','3','2','1'])[pg_temp.pick('{68,24,5,2,1}', r1)]
from demo_resp_ids where survey = 'satisfaction'
union all
select response_id, 'explications', 0,
    (array['5','4','3','2','1'])[pg_temp.pick('{55,30,9,4,2}', r2)]
from demo_resp_ids where survey = 'satisfaction'
union all
select response_id, 'demarche_reussie', 0,
    (array['oui','non','nsp'])[pg_temp.pick('{71,19,10}', r3)]
from demo_resp_ids where survey = 'satisfaction'
union all
select response_id, 'difficulte', 0,
    (array['document','identifiants','site','temps','autre'])
	[pg_temp.pick('{40,30,15,10,5}', r4)]
from demo_resp_ids where survey = 'satisfaction'
    and pg_temp.pick('{71,19,10}', r3) = 2
union all
select response_id, 'domaine', 0,
    (select code from domains where position = dom1)
from demo_resp_ids where survey = 'satisfaction' and r5 < 0.8
union all
select response_id, 'autonome', 0,
    (array['oui','non','nsp'])[pg_temp.pick(
	array[36 + (16 * progress)::int, 42, 22 - (8 * progress)::int], r6)]
from demo_resp_ids where survey = 'satisfaction'
union all
select response_id, 'rassure', 0,
    (array['oui','non','nsp'])[pg_temp.pick('{66,14,20}', r7)]
from demo_resp_ids where survey = 'satisfaction'
union all
select response_id, 'recommande', 0,
    (array['10','9','8','7','6','5','4','3','2','1','0'])
	[pg_temp.pick('{38,22,17,9,5,4,2,1,1,0,1}', r8)]
from demo_resp_ids where survey = 'satisfaction' and r9 < 0.9
union all
select response_id, 'commentaire', 0,
    (array['Merci beaucoup, très patient.',
	   'Très bon accueil, je reviendrai.',
	   'Merci pour votre aide avec la CAF.',
	   'Il faudrait plus d''heures d''ouverture.',
	   'Le médiateur explique bien, même pour moi qui ne sais pas lire.',
	   'Thank you for your help with my residence permit.',
	   'J''ai enfin pu refaire ma carte Vitale.',
	   'Un peu d''attente mais ça valait le coup.'])
	[1 + floor(r10 * 8)::int]
from demo_resp_ids where survey = 'satisfaction' and r9 < 0.12
union all
select response_id, 'age', 0,
    (array['moins-25','25-44','45-64','65-79','80-plus'])
	[pg_temp.pick('{10,28,28,25,9}', r10)]
from demo_resp_ids where survey = 'satisfaction' and r11 < 0.62
union all
select response_id, 'premiere_visite', 0,
    (array['oui','non','nsp'])[pg_temp.pick('{35,60,5}', r11)]
from demo_resp_ids where survey = 'satisfaction' and r11 > 0.3;

-- Answers of the self-reported outcomes survey.
insert into demo_answers
select response_id, 'droit_obtenu', 0,
    (array['oui','en-cours','non','nsp'])[pg_temp.pick('{56,20,14,10}', r1)]
from demo_resp_ids where survey = 'resultats'
union all
select response_id, 'autres_demarches_seul', 0,
    (array['oui','non','nsp'])[pg_temp.pick(
	array[32 + (18 * progress)::int, 50, 18 - (6 * progress)::int], r2)]
from demo_resp_ids where survey = 'resultats'
union all
select response_id, 'utilise_mail', 0,
    (array['oui','non','nsp'])[pg_temp.pick('{62,33,5}', r3)]
from demo_resp_ids where survey = 'resultats' and r11 < 0.9
union all
select response_id, 'compte_en_ligne', 0,
    (array['oui','non','nsp'])[pg_temp.pick('{55,37,8}', r4)]
from demo_resp_ids where survey = 'resultats' and r11 < 0.85
union all
select response_id, 'frein_leve', 0,
    (array['sante','mobilite','emploi','logement','argent','aucun'])
	[pg_temp.pick('{24,10,14,18,16,18}', r5)]
from demo_resp_ids where survey = 'resultats' and r11 < 0.8
union all
select response_id, 'frein_leve', 1,
    (array['sante','mobilite','emploi','logement','argent'])
	[pg_temp.pick('{24,10,14,18,16}', r6)]
from demo_resp_ids where survey = 'resultats' and r11 < 0.8
    and r6 < 0.25 and pg_temp.pick('{24,10,14,18,16,18}', r5) < 6
    and pg_temp.pick('{24,10,14,18,16}', r6) <>
	pg_temp.pick('{24,10,14,18,16,18}', r5)
union all
select response_id, 'sans_digilab', 0,
    (array['oui','autre-aide','non','nsp'])[pg_temp.pick('{9,21,55,15}', r7)]
from demo_resp_ids where survey = 'resultats'
union all
select response_id, 'confiance_numerique', 0,
    (array['5','4','3','2','1'])[pg_temp.pick('{18,34,30,12,6}', r8)]
from demo_resp_ids where survey = 'resultats'
union all
select response_id, 'confiance_services', 0,
    (array['oui','non','nsp'])[pg_temp.pick('{52,26,22}', r9)]
from demo_resp_ids where survey = 'resultats' and r11 < 0.75
union all
select response_id, 'commentaire', 0,
    (array['Grâce au Digilab j''ai mon compte Ameli et je m''en sers.',
	   'J''ai eu mon titre de séjour, merci.',
	   'Je fais maintenant ma déclaration trimestrielle seule.',
	   'I can now use my e-mail on my phone.'])[1 + floor(r10 * 4)::int]
from demo_resp_ids where survey = 'resultats' and r10 < 0.1;

insert into answers (response_id, question, ordinal, value, value_num)
select response_id, question, ordinal, value,
    case when value ~ '^[0-9]+$' then value::numeric end
from demo_answers
order by response_id, question, ordinal;

-- The digest of each response's canonical answers (see
-- app/core/answers.h: "question\x1fordinal\x1fvalue\n", sorted).
update responses r set answers_sha256 = d.digest
from (select response_id, sha256(convert_to(string_agg(
	question || chr(31) || ordinal || chr(31) || value || chr(10), ''
	order by question, ordinal), 'UTF8')) as digest
      from answers group by response_id) d
where r.id = d.response_id;
