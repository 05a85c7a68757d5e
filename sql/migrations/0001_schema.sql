-- 0001_schema.sql – schema v1: the domain model of DESIGN.md §2.
--
-- Applied once by mk/migrate.sh inside one transaction. Everything lives in
-- the public schema of a database the application role owns, so that an
-- external server needs nothing more than "create database … owner …".
--
-- Conventions: surrogate keys are identity bigints except where the client
-- makes the key (responses.id, a UUID, so that a retried submission can
-- never create a second row); codes that appear in URLs are checked slugs;
-- every time is a timestamptz and every "quarter" is the date of its first
-- day (2026-07-01 for 2026-T3), grouped in the Europe/Paris time zone.

-- Dates are grouped by day and quarter where the people are.
do $$
begin
	execute format('alter database %I set timezone = %L',
	    current_database(), 'Europe/Paris');
end
$$;
set timezone = 'Europe/Paris';

-- Quarters -----------------------------------------------------------------

create function quarter_start(t timestamptz) returns date
language sql immutable parallel safe
return date_trunc('quarter', t at time zone 'Europe/Paris')::date;

create function quarter_label(q date) returns text
language sql immutable parallel safe
return to_char(q, 'YYYY') || '-T' || extract(quarter from q)::int;

-- '2026-T3' -> 2026-07-01; NULL for anything else.
create function quarter_from_label(label text) returns date
language sql immutable parallel safe
return case when label ~ '^[0-9]{4}-T[1-4]$'
	then make_date(substr(label, 1, 4)::int,
	    (substr(label, 7, 1)::int - 1) * 3 + 1, 1) end;

-- Organisations, sites, funders, users ---------------------------------------

create table organisations (
	id			bigint generated always as identity primary key,
	slug			text not null unique
				check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	name			text not null check (length(name) between 1 and 200),
	-- No figure built from fewer people than this is shown (DESIGN §4).
	small_cell_threshold	int not null default 11
				check (small_cell_threshold >= 5),
	created_at		timestamptz not null default now()
);

-- A reception point. Its code is in public URLs (/s/satisfaction/la-source)
-- and therefore unique across the instance.
create table sites (
	id			bigint generated always as identity primary key,
	organisation_id		bigint not null references organisations,
	code			text not null unique
				check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
	name			text not null check (length(name) between 1 and 120),
	host_place		text,		-- "CCAS, Espace Olympe de Gouges"
	address			text not null,
	postcode		text check (postcode ~ '^[0-9]{5}$'),
	city			text not null,
	phone			text,
	-- [{"day": 1..7 (ISO, Monday = 1), "from": "HH:MM", "to": "HH:MM"}]
	opening_hours		jsonb not null default '[]'
				check (jsonb_typeof(opening_hours) = 'array'),
	by_appointment		boolean not null default false,
	opened_on		date,
	in_qpv			boolean not null default false,
	active			boolean not null default true,
	created_at		timestamptz not null default now()
);
create index sites_organisation on sites (organisation_id);

-- A funder can fund projects of several organisations of the instance
-- (Fondation Orléans funds many associations), so it is not scoped to one.
create table funders (
	id			bigint generated always as identity primary key,
	name			text not null unique
				check (length(name) between 1 and 200),
	kind			text not null check (kind in
				('foundation', 'caf', 'city', 'state', 'other')),
	created_at		timestamptz not null default now()
);

create table users (
	id			bigint generated always as identity primary key,
	-- NULL only for a funder's user, who belongs to a funder instead.
	organisation_id		bigint references organisations,
	funder_id		bigint references funders,
	email			text not null check (email ~ '^[^@\s]+@[^@\s]+$'
				and length(email) <= 254),
	display_name		text not null
				check (length(display_name) between 1 and 120),
	role			text not null check (role in
				('admin', 'coordinator', 'mediator', 'funder')),
	lang			text not null default 'fr'
				check (lang in ('fr', 'en')),
	-- PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash); NULL until the
	-- user has set a password from their one-time link.
	password_hash		text,
	password_changed_at	timestamptz,
	disabled_at		timestamptz,
	created_at		timestamptz not null default now(),
	check ((role = 'funder') = (funder_id is not null)),
	check (role = 'funder' or organisation_id is not null)
);
create unique index users_email on users (lower(email));

-- The sites a mediator works at (a coordinator sees all of the
-- organisation's).
create table user_sites (
	user_id			bigint not null references users on delete cascade,
	site_id			bigint not null references sites on delete cascade,
	primary key (user_id, site_id)
);

-- Server-side sessions: only the SHA-256 of the cookie's token is stored,
-- so that any worker on any host can serve any request and a stolen
-- database does not hand out live sessions.
create table sessions (
	token_hash		bytea primary key
				check (length(token_hash) = 32),
	user_id			bigint not null references users on delete cascade,
	csrf_token		text not null,
	created_at		timestamptz not null default now(),
	last_seen_at		timestamptz not null default now(),
	expires_at		timestamptz not null,
	reauth_at		timestamptz,
	ip			inet,
	user_agent		text check (length(user_agent) <= 256)
);
create index sessions_user on sessions (user_id);

-- Reference vocabularies (filled by 0002) --------------------------------------

-- The ten domains of procedures of the Digilab.
create table domains (
	code			text primary key,
	position		int not null unique,
	label_fr		text not null,
	label_en		text not null,
	examples_fr		text not null,
	examples_en		text not null
);

create table procedures (
	code			text primary key,
	position		int not null unique,
	label_fr		text not null,
	label_en		text not null
);

create table help_kinds (
	code			text primary key,
	position		int not null unique,
	label_fr		text not null,
	label_en		text not null
);

create table autonomy_levels (
	code			text primary key,
	position		int not null unique,
	label_fr		text not null,
	label_en		text not null
);

create table partners (
	code			text primary key,
	position		int not null unique,
	label_fr		text not null,
	label_en		text not null
);

create table digital_skills (
	code			text primary key,
	position		int not null unique,
	label_fr		text not null,
	label_en		text not null
);

-- Projects, conventions, indicators --------------------------------------------

create table projects (
	id			bigint generated always as identity primary key,
	organisation_id		bigint not null references organisations,
	code			text not null
				check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
	name			text not null check (length(name) between 1 and 200),
	summary			text not null default '',
	audience		text not null default '',
	started_on		date,
	ends_on			date,
	created_at		timestamptz not null default now(),
	unique (organisation_id, code),
	check (ends_on is null or started_on is null or ends_on > started_on)
);

-- A grant agreement between a project and a funder.
create table conventions (
	id			bigint generated always as identity primary key,
	project_id		bigint not null references projects,
	funder_id		bigint not null references funders,
	reference		text not null
				check (length(reference) between 1 and 80),
	title			text not null,
	amount_cents		bigint not null check (amount_cents >= 0),
	starts_on		date not null,
	ends_on			date not null,
	signed_on		date,
	created_at		timestamptz not null default now(),
	unique (project_id, reference),
	check (ends_on > starts_on)
);
create index conventions_funder on conventions (funder_id);

-- The restricted list an impact indicator is chosen from (0002 fills it
-- with Break Poverty's lists and one for digital mediation).
create table indicator_catalogue (
	code			text primary key,
	theme			text not null check (theme in
				('petite-enfance', 'decrochage-scolaire',
				 'insertion-professionnelle',
				 'mediation-numerique')),
	position		int not null,
	label_fr		text not null,
	label_en		text not null,
	-- A ready definition when Mesure's own data can measure it.
	definition		jsonb,
	unique (theme, position)
);

-- Each indicator is evaluated by the program from its definition (which
-- source, which filter, which measure); see sql/queries/indicator_*.
create table indicators (
	id			bigint generated always as identity primary key,
	convention_id		bigint not null references conventions
				on delete cascade,
	kind			text not null check (kind in
				('suivi', 'impact', 'libre')),
	catalogue_code		text references indicator_catalogue,
	label_fr		text not null,
	label_en		text not null default '',
	unit			text not null default 'personnes',
	definition		jsonb not null
				check (jsonb_typeof(definition) = 'object'),
	position		int not null default 0,
	created_at		timestamptz not null default now(),
	check (kind <> 'impact' or catalogue_code is not null)
);
create index indicators_convention on indicators (convention_id);
-- Every convention has exactly one follow-up indicator at most.
create unique index indicators_one_suivi on indicators (convention_id)
	where kind = 'suivi';

create table indicator_targets (
	indicator_id		bigint not null references indicators
				on delete cascade,
	quarter			date not null
				check (quarter = date_trunc('quarter', quarter)),
	target			numeric not null check (target >= 0),
	primary key (indicator_id, quarter)
);

-- resources -> activities -> outputs -> outcomes -> impact
create table impact_chain_steps (
	id			bigint generated always as identity primary key,
	project_id		bigint not null references projects
				on delete cascade,
	stage			text not null check (stage in
				('resources', 'activities', 'outputs',
				 'outcomes', 'impact')),
	position		int not null default 0,
	label			text not null check (length(label) between 1 and 500),
	indicator_id		bigint references indicators on delete set null
);
create index impact_chain_project on impact_chain_steps (project_id, stage);

create table milestones (
	id			bigint generated always as identity primary key,
	project_id		bigint not null references projects
				on delete cascade,
	label			text not null check (length(label) between 1 and 300),
	planned_on		date not null,
	done_on			date,
	status			text not null default 'planned' check (status in
				('planned', 'in_progress', 'done', 'late',
				 'cancelled')),
	position		int not null default 0
);
create index milestones_project on milestones (project_id, planned_on);

create table budget_lines (
	id			bigint generated always as identity primary key,
	project_id		bigint not null references projects
				on delete cascade,
	label			text not null check (length(label) between 1 and 200),
	category		text not null default 'fonctionnement',
	planned_cents		bigint not null check (planned_cents >= 0),
	position		int not null default 0
);
create index budget_lines_project on budget_lines (project_id);

create table budget_spending (
	budget_line_id		bigint not null references budget_lines
				on delete cascade,
	quarter			date not null
				check (quarter = date_trunc('quarter', quarter)),
	spent_cents		bigint not null check (spent_cents >= 0),
	primary key (budget_line_id, quarter)
);

-- Beneficiaries and visits --------------------------------------------------

-- A person helped, known only by a pseudonym (the code of their follow-up
-- card) and a few coarse, optional attributes. No name, no contact.
create table beneficiaries (
	id			bigint generated always as identity primary key,
	organisation_id		bigint not null references organisations,
	pseudonym		text not null
				check (pseudonym ~ '^[A-Z0-9]{4,12}$'),
	age_bracket		text check (age_bracket in
				('moins-25', '25-44', '45-64', '65-79',
				 '80-plus')),
	lives_in_qpv		boolean,
	created_at		timestamptz not null default now(),
	last_visit_at		timestamptz,
	unique (organisation_id, pseudonym)
);

create table visits (
	id			bigint generated always as identity primary key,
	organisation_id		bigint not null references organisations,
	site_id			bigint not null references sites,
	mediator_id		bigint references users,
	beneficiary_id		bigint references beneficiaries
				on delete set null,
	visited_at		timestamptz not null,
	duration_min		int check (duration_min between 1 and 600),
	channel			text not null default 'sur-place'
				check (channel in
				('sur-place', 'telephone', 'distance')),
	help_kind		text not null references help_kinds,
	autonomy		text references autonomy_levels,
	partner_code		text references partners,
	first_visit		boolean,
	source			text not null default 'web'
				check (source in ('web', 'import', 'demo')),
	created_at		timestamptz not null default now(),
	updated_at		timestamptz not null default now()
);
create index visits_org_time on visits (organisation_id, visited_at);
create index visits_site_time on visits (site_id, visited_at);
create index visits_mediator_time on visits (mediator_id, visited_at);
create index visits_beneficiary on visits (beneficiary_id);

create table visit_domains (
	visit_id		bigint not null references visits on delete cascade,
	domain_code		text not null references domains,
	primary key (visit_id, domain_code)
);
create index visit_domains_domain on visit_domains (domain_code);

create table visit_procedures (
	visit_id		bigint not null references visits on delete cascade,
	procedure_code		text not null references procedures,
	primary key (visit_id, procedure_code)
);

create table visit_skills (
	visit_id		bigint not null references visits on delete cascade,
	skill_code		text not null references digital_skills,
	primary key (visit_id, skill_code)
);

-- Surveys, versions, invitations, responses, answers -------------------------

create table surveys (
	id			bigint generated always as identity primary key,
	organisation_id		bigint not null references organisations,
	code			text not null
				check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
	kind			text not null default 'autre' check (kind in
				('satisfaction', 'resultats', 'autre')),
	active			boolean not null default true,
	created_at		timestamptz not null default now(),
	unique (organisation_id, code)
);

-- The definition (questions, options, conditions, translations) as the
-- JSON document validated by app/core's survey parser. Immutable once a
-- response refers to it: editing a survey makes a new version.
create table survey_versions (
	id			bigint generated always as identity primary key,
	survey_id		bigint not null references surveys,
	version			int not null check (version >= 1),
	definition		jsonb not null
				check (jsonb_typeof(definition) = 'object'),
	sha256			bytea not null check (length(sha256) = 32),
	created_by		bigint references users,
	created_at		timestamptz not null default now(),
	unique (survey_id, version),
	unique (survey_id, sha256)
);

-- A one-time token (a link or a printed card with a QR code) that ties a
-- later response to a site, a visit's domain and kind of help, without
-- identifying anyone. Only the token's hash is kept.
create table invitations (
	id			bigint generated always as identity primary key,
	token_hash		bytea not null unique
				check (length(token_hash) = 32),
	organisation_id		bigint not null references organisations,
	survey_id		bigint not null references surveys,
	site_id			bigint not null references sites,
	visit_id		bigint references visits on delete set null,
	beneficiary_id		bigint references beneficiaries
				on delete set null,
	domain_code		text references domains,
	help_kind		text references help_kinds,
	kind			text not null default 'card'
				check (kind in ('link', 'card', 'kiosk')),
	created_by		bigint references users,
	created_at		timestamptz not null default now(),
	expires_at		timestamptz not null,
	used_at			timestamptz
);
create index invitations_visit on invitations (visit_id);

-- One submission. The primary key is the id the client made (a UUID in
-- the form, or made by the kiosk's script): a retry can never store twice.
-- answers_sha256 is the digest of the canonical answers, so that a retry
-- with the same id and the same answers is told apart from a conflicting
-- one (200 versus 409).
create table responses (
	id			uuid primary key,
	organisation_id		bigint not null references organisations,
	survey_version_id	bigint not null references survey_versions,
	site_id			bigint not null references sites,
	invitation_id		bigint unique references invitations
				on delete set null,
	-- Context copied from the invitation; dropped when it could single
	-- someone out (app/core's small-cell rule).
	visit_id		bigint references visits on delete set null,
	domain_code		text references domains,
	help_kind		text references help_kinds,
	lang			text not null check (lang ~ '^[a-z]{2}$'),
	channel			text not null check (channel in
				('web', 'kiosk', 'api', 'card', 'demo')),
	submitted_at		timestamptz not null,
	received_at		timestamptz not null default now(),
	answers_sha256		bytea not null check (length(answers_sha256) = 32)
);
create index responses_org_time on responses (organisation_id, submitted_at);
create index responses_site_time on responses (site_id, submitted_at);
create index responses_version on responses (survey_version_id, submitted_at);
create index responses_visit on responses (visit_id);

-- One row per answered question, and per chosen option of a multiple
-- choice (ordinal 0, 1, …). An "other, please say" text is stored under
-- the question code suffixed "_autre".
create table answers (
	response_id		uuid not null references responses
				on delete cascade,
	question		text not null
				check (question ~ '^[a-z][a-z0-9_]{0,47}$'),
	ordinal			smallint not null default 0
				check (ordinal between 0 and 63),
	value			text not null check (length(value) <= 2000),
	value_num		numeric,
	primary key (response_id, question, ordinal)
);
create index answers_question_value on answers (question, value);

-- Version-freeze: a definition with responses never changes.
create function survey_versions_freeze() returns trigger
language plpgsql as $$
begin
	if exists (select 1 from responses where survey_version_id = old.id) then
		raise exception 'survey version % has responses and is immutable',
		    old.id using errcode = 'check_violation';
	end if;
	return new;
end
$$;
create trigger survey_versions_freeze before update of definition, sha256
	on survey_versions for each row execute function survey_versions_freeze();

-- Reports -------------------------------------------------------------------

-- One quarter (or year) of one convention or project: the PDF bytes, their
-- SHA-256, the parameters and the digest of the data it was computed from.
-- A signed report never changes (see the trigger); a correction is a new
-- report that names the one it replaces.
create table reports (
	id			bigint generated always as identity primary key,
	organisation_id		bigint not null references organisations,
	project_id		bigint not null references projects,
	convention_id		bigint references conventions,
	kind			text not null check (kind in ('quarterly', 'annual')),
	period_start		date not null,
	period_end		date not null,
	lang			text not null default 'fr',
	replaces_id		bigint references reports,
	status			text not null default 'draft'
				check (status in ('draft', 'signed')),
	pdf			bytea not null,
	sha256			bytea not null check (length(sha256) = 32),
	data_sha256		bytea not null check (length(data_sha256) = 32),
	params			jsonb not null default '{}',
	schema_version		text not null,
	generated_by		bigint references users,
	generated_at		timestamptz not null default now(),
	signed_by		bigint references users,
	signed_at		timestamptz,
	shared_at		timestamptz,
	check (period_end > period_start),
	check ((status = 'signed') = (signed_at is not null))
);
create index reports_project on reports (project_id, period_start);
create index reports_convention on reports (convention_id, period_start);
create unique index reports_sha256 on reports (sha256);

create function reports_freeze() returns trigger
language plpgsql as $$
begin
	if old.status = 'signed' and (tg_op = 'DELETE' or
	    new.pdf is distinct from old.pdf or
	    new.sha256 is distinct from old.sha256 or
	    new.status is distinct from old.status or
	    new.signed_at is distinct from old.signed_at or
	    new.period_start is distinct from old.period_start or
	    new.period_end is distinct from old.period_end or
	    new.convention_id is distinct from old.convention_id) then
		raise exception 'report % is signed and cannot change', old.id
		    using errcode = 'check_violation';
	end if;
	if tg_op = 'DELETE' then
		return old;
	end if;
	return new;
end
$$;
create trigger reports_freeze before update or delete on reports
	for each row execute function reports_freeze();

-- Audit log -----------------------------------------------------------------

-- Every sign-in, export, report generation and signature, and every change
-- to users, conventions and indicators. Each row carries the hash of the
-- previous one (see 0003), so an edited or deleted row is detectable.
create table audit_log (
	id			bigint primary key,	-- set by the chain trigger
	at			timestamptz not null,	-- idem
	organisation_id		bigint references organisations,
	user_id			bigint references users on delete set null,
	actor			text not null default '',
	ip			inet,
	action			text not null check (action ~ '^[a-z][a-z0-9_.]*$'),
	object_type		text,
	object_id		text,
	detail			jsonb not null default '{}',
	prev_hash		bytea not null,
	hash			bytea not null unique
);
create index audit_log_org_time on audit_log (organisation_id, at);
