-- 0200_accounts.sql – accounts, sessions, sign-in throttling, one-time
-- set-password links and the audit API (issue #4).
--
-- Everything that must happen together (a session created, the throttle
-- reset, the audit row written) is one PL/pgSQL function here, so that the
-- web handlers (one statement per query: app/mreq.c) and mesure-admin stay
-- atomic. Every audit row goes through audit_write(); the chain itself is
-- 0003's trigger.
--
-- Custom SQLSTATEs raised here, mapped by the callers (never by text):
--   ME404  no such object in the caller's organisation (-> 404)
--   ME409  an administrator acting on their own role or account (-> 409)
--   ME421  a mediator's sites missing or not of the organisation (-> 422)
--   ME422  a funder user's funder missing or not funding the organisation

-- Sessions ---------------------------------------------------------------------

-- A handle for "my sessions" that says nothing about the token.
alter table sessions add column id bigint generated always as identity;
alter table sessions add constraint sessions_id_key unique (id);
create index sessions_expires on sessions (expires_at);

-- Users --------------------------------------------------------------------------

-- The organisation whose administrators manage the account. For staff it
-- is their organisation; a funder's user (organisation_id NULL) is managed
-- by the organisation that invited them. Filled from organisation_id when
-- not given, so loaders that predate it keep working.
alter table users add column managed_by bigint references organisations;
alter table users add column last_signin_at timestamptz;

update users set managed_by = organisation_id where organisation_id is not null;
update users u set managed_by = coalesce(
	(select min(p.organisation_id) from conventions c
	    join projects p on p.id = c.project_id where c.funder_id = u.funder_id),
	(select min(id) from organisations))
where managed_by is null;

create function users_managed_by() returns trigger
language plpgsql as $$
begin
	if new.managed_by is null then
		new.managed_by := new.organisation_id;
	end if;
	return new;
end
$$;
create trigger users_managed_by before insert or update on users
	for each row execute function users_managed_by();
alter table users alter column managed_by set not null;
create index users_managed_by_idx on users (managed_by);

-- One-time links to set a password (no e-mail: an administrator copies the
-- link to the person). Only the SHA-256 of the token is kept.
create table password_links (
	id			bigint generated always as identity primary key,
	token_hash		bytea not null unique
				check (length(token_hash) = 32),
	user_id			bigint not null references users on delete cascade,
	created_by		bigint references users on delete set null,
	created_at		timestamptz not null default now(),
	expires_at		timestamptz not null,
	used_at			timestamptz
);
create index password_links_user on password_links (user_id);

-- Audit API ----------------------------------------------------------------------

-- The one way to write an audit row: who (user id and a readable actor,
-- e-mail or "mesure-admin"), for which organisation, from where, what, on
-- which object, with what detail. Returns the row's id. From another
-- statement, call it in a data-modifying position (PERFORM in PL/pgSQL, or
-- "insert into audit_log" in a CTE): a SELECT CTE nobody reads is skipped.
create function audit_write(p_user bigint, p_org bigint, p_actor text,
    p_ip inet, p_action text, p_object_type text, p_object_id text,
    p_detail jsonb) returns bigint
language sql as $$
	insert into audit_log (user_id, organisation_id, actor, ip, action,
	    object_type, object_id, detail)
	values (p_user, p_org, coalesce(left(p_actor, 254), ''), p_ip, p_action,
	    p_object_type, p_object_id, coalesce(p_detail, '{}'))
	returning id;
$$;

-- Sign-in throttling ----------------------------------------------------------

-- Counters per account (the e-mail as typed, lower-cased, whether or not
-- the account exists, so that throttling says nothing about existence) and
-- per address (an IPv4 address or an IPv6 /64). Kept in PostgreSQL so that
-- every worker of every host sees the same counts.
create table auth_throttle (
	scope			text not null check (scope in ('account', 'address')),
	key			text not null check (length(key) <= 254),
	failures		int not null default 0,
	last_at			timestamptz not null default now(),
	locked_until		timestamptz,
	primary key (scope, key)
);

-- Seconds to wait after the n-th counted attempt: five free tries for an
-- account, then 15 s, 30 s, 1 min, … up to 15 min; twenty for an address
-- (staff of a CCAS share one), then 5 s, 10 s, … up to 15 min.
create function auth_throttle_delay(p_scope text, n int) returns int
language sql immutable parallel safe
return case
	when p_scope = 'account' and n >= 5
		then least(900, 15 * (2 ^ least(n - 5, 10))::int)
	when p_scope = 'address' and n >= 20
		then least(900, 5 * (2 ^ least(n - 20, 10))::int)
	else 0 end;

-- The address key: IPv6 clients get a whole /64 each.
create function auth_throttle_addr(p_ip inet) returns text
language sql immutable parallel safe
return case when p_ip is null then null
	when family(p_ip) = 6 then network(set_masklen(p_ip, 64))::text
	else host(p_ip) end;

-- Take one password attempt for p_account from p_ip. The attempt is
-- counted before the password is checked, so that guesses sent in parallel
-- are all counted; auth_throttle_success() gives it back. Returns 0 when the
-- attempt may go on, else the seconds to wait (and nothing is counted).
-- The rows are locked account first, then address, always in that order.
create function auth_throttle_take(p_account text, p_ip inet) returns int
language plpgsql as $$
declare
	wait	int := 0;
	k	record;
	r	auth_throttle;
	u	users;
	delay	int;
begin
	select * into u from users where lower(email) = p_account;
	if random() < 0.01 then
		delete from auth_throttle where last_at < now() - interval '2 days';
	end if;
	for k in select * from (values (1, 'account', p_account),
	    (2, 'address', auth_throttle_addr(p_ip))) v(o, scope, key)
	    where v.key is not null order by o loop
		insert into auth_throttle (scope, key) values (k.scope, k.key)
		    on conflict (scope, key) do nothing;
		select * into r from auth_throttle
		    where scope = k.scope and key = k.key for update;
		if r.locked_until > now() then
			wait := greatest(wait, ceil(extract(epoch from
			    r.locked_until - now()))::int);
		end if;
	end loop;
	if wait > 0 then
		return wait;
	end if;
	for k in select * from (values (1, 'account', p_account),
	    (2, 'address', auth_throttle_addr(p_ip))) v(o, scope, key)
	    where v.key is not null order by o loop
		update auth_throttle t set
		    failures = case when t.last_at < now() - case t.scope
			when 'account' then interval '24 hours'
			else interval '1 hour' end then 1
			else t.failures + 1 end,
		    last_at = now()
		where t.scope = k.scope and t.key = k.key
		returning * into r;
		delay := auth_throttle_delay(r.scope, r.failures);
		if delay > 0 then
			update auth_throttle set locked_until = now() +
			    make_interval(secs => delay)
			where scope = r.scope and key = r.key;
			perform audit_write(u.id, u.managed_by, p_account,
			    p_ip, 'auth.throttled', 'throttle', r.scope,
			    jsonb_build_object('scope', r.scope, 'key', r.key,
			    'attempts', r.failures, 'seconds', delay));
		end if;
	end loop;
	return 0;
end
$$;

-- The attempt succeeded: the account starts afresh, the address gets its
-- attempt back.
create function auth_throttle_success(p_account text, p_ip inet)
returns void
language sql as $$
	delete from auth_throttle where scope = 'account' and key = p_account;
	update auth_throttle set failures = greatest(failures - 1, 0),
	    locked_until = case when auth_throttle_delay('address',
		greatest(failures - 1, 0)) = 0 then null else locked_until end
	where scope = 'address' and key = auth_throttle_addr(p_ip);
$$;

-- Sign-in, sessions --------------------------------------------------------------

-- A password was right: open a session with a new token (its hash), end
-- the session the browser came with (no fixation), forget the attempts,
-- keep at most 20 sessions per user, note the time, and audit. p_rehash,
-- if not NULL, replaces a hash made with weaker parameters. Returns the
-- session's id, or NULL if the account was disabled meanwhile.
create function auth_signin(p_user bigint, p_token_hash bytea, p_csrf text,
    p_ip inet, p_user_agent text, p_old_hash bytea, p_account text,
    p_absolute_s int, p_rehash text) returns bigint
language plpgsql as $$
declare
	u	users;
	sid	bigint;
begin
	select * into u from users where id = p_user and disabled_at is null
	    for update;
	if not found then
		return null;
	end if;
	delete from sessions where token_hash = p_old_hash;
	delete from sessions where expires_at < now();
	insert into sessions (token_hash, user_id, csrf_token, expires_at,
	    reauth_at, ip, user_agent)
	values (p_token_hash, p_user, p_csrf,
	    now() + make_interval(secs => p_absolute_s), now(), p_ip,
	    left(p_user_agent, 256))
	returning id into sid;
	delete from sessions where user_id = p_user and id not in
	    (select id from sessions where user_id = p_user
	     order by created_at desc, id desc limit 20);
	update users set last_signin_at = now(),
	    password_hash = coalesce(p_rehash, password_hash)
	where id = p_user;
	perform auth_throttle_success(p_account, p_ip);
	perform audit_write(u.id, u.managed_by, u.email, p_ip, 'auth.signin',
	    'session', sid::text, jsonb_build_object('user_agent',
	    left(p_user_agent, 120), 'rehashed', p_rehash is not null));
	return sid;
end
$$;

-- A failed password check (sign-in or re-authentication), audited with
-- why: 'unknown', 'password', 'disabled', 'no_password'.
create function auth_failed(p_action text, p_account text, p_user bigint,
    p_ip inet, p_reason text) returns void
language sql as $$
	select audit_write(u.id, u.managed_by, p_account, p_ip, p_action,
	    'user', u.id::text, jsonb_build_object('account', p_account,
	    'reason', p_reason))
	from (select 1) one left join users u on u.id = p_user;
$$;

-- End the session of this token (sign-out). Returns the user's id.
create function auth_signout(p_token_hash bytea, p_ip inet) returns bigint
language plpgsql as $$
declare
	s	sessions;
	u	users;
begin
	delete from sessions where token_hash = p_token_hash returning * into s;
	if not found then
		return null;
	end if;
	select * into u from users where id = s.user_id;
	perform audit_write(u.id, u.managed_by, u.email, p_ip, 'auth.signout',
	    'session', s.id::text, '{}');
	return u.id;
end
$$;

-- End one of the user's other sessions (p_id), or all of them (p_id NULL),
-- never the current one. Returns how many ended.
create function auth_sessions_end(p_user bigint, p_id bigint,
    p_current bytea, p_ip inet) returns int
language plpgsql as $$
declare
	n	int;
	u	users;
begin
	delete from sessions where user_id = p_user
	    and token_hash <> p_current and (p_id is null or id = p_id);
	get diagnostics n = row_count;
	if n > 0 then
		select * into u from users where id = p_user;
		perform audit_write(u.id, u.managed_by, u.email, p_ip,
		    'auth.sessions_ended', 'session', p_id::text,
		    jsonb_build_object('count', n));
	end if;
	return n;
end
$$;

-- The password was checked again: the session may do sensitive things
-- (sign a report, export raw data, manage users) for a while.
create function auth_reauth(p_token_hash bytea, p_account text, p_ip inet)
returns bigint
language plpgsql as $$
declare
	s	sessions;
	u	users;
begin
	update sessions set reauth_at = now() where token_hash = p_token_hash
	    returning * into s;
	if not found then
		return null;
	end if;
	select * into u from users where id = s.user_id;
	perform auth_throttle_success(p_account, p_ip);
	perform audit_write(u.id, u.managed_by, u.email, p_ip, 'auth.reauth',
	    'session', s.id::text, '{}');
	return s.id;
end
$$;

-- Passwords -------------------------------------------------------------------

-- Store a new password hash for p_user: every session ends but p_keep (the
-- one that changed it, if any, which counts as freshly authenticated), the
-- open links die, the attempts are forgotten. p_via: 'link', 'change',
-- 'mesure-admin'.
create function user_password_store(p_user bigint, p_hash text,
    p_keep bytea, p_actor_id bigint, p_actor text, p_ip inet, p_via text)
returns void
language plpgsql as $$
declare
	u	users;
begin
	update users set password_hash = p_hash, password_changed_at = now()
	    where id = p_user returning * into u;
	if not found then
		raise exception 'no such user' using errcode = 'ME404';
	end if;
	delete from sessions where user_id = p_user
	    and token_hash is distinct from p_keep;
	update sessions set reauth_at = now() where token_hash = p_keep;
	update password_links set expires_at = least(expires_at, now())
	    where user_id = p_user and used_at is null;
	delete from auth_throttle where scope = 'account' and key = lower(u.email);
	perform audit_write(p_actor_id, u.managed_by,
	    coalesce(p_actor, u.email), p_ip, 'auth.password_set', 'user',
	    u.id::text, jsonb_build_object('via', p_via));
end
$$;

-- A new one-time link for p_user, managed by p_org (NULL: any, for
-- mesure-admin). Earlier unused links of the user stop working. Returns
-- the expiry.
create function password_link_create(p_org bigint, p_user bigint,
    p_token_hash bytea, p_ttl_s int, p_actor_id bigint, p_actor text,
    p_ip inet) returns timestamptz
language plpgsql as $$
declare
	u	users;
	exp	timestamptz := now() + make_interval(secs => p_ttl_s);
begin
	select * into u from users where id = p_user
	    and (p_org is null or managed_by = p_org);
	if not found then
		raise exception 'no such user' using errcode = 'ME404';
	end if;
	update password_links set expires_at = least(expires_at, now())
	    where user_id = p_user and used_at is null;
	insert into password_links (token_hash, user_id, created_by, expires_at)
	values (p_token_hash, p_user, p_actor_id, exp);
	perform audit_write(p_actor_id, u.managed_by, p_actor, p_ip,
	    'user.password_link', 'user', u.id::text,
	    jsonb_build_object('expires_at', exp));
	return exp;
end
$$;

-- Use a link: if it is still valid, store the password and mark the link
-- used, at once. Returns the user's id, or NULL if the link is not valid.
create function password_link_use(p_token_hash bytea, p_hash text,
    p_ip inet) returns bigint
language plpgsql as $$
declare
	l	password_links;
begin
	update password_links pl set used_at = now()
	from users u
	where pl.token_hash = p_token_hash and pl.used_at is null
	    and pl.expires_at > now() and u.id = pl.user_id
	    and u.disabled_at is null
	returning pl.* into l;
	if not found then
		return null;
	end if;
	perform user_password_store(l.user_id, p_hash, null, l.user_id, null,
	    p_ip, 'link');
	return l.user_id;
end
$$;

-- User administration --------------------------------------------------------------

-- Create (p_id NULL) or change a user managed by p_org, as the admin
-- p_actor_id (NULL for mesure-admin). A mediator gets the sites p_sites
-- (all of p_org's); a funder's user the funder p_funder (one funding a
-- project of p_org); the others neither. An administrator cannot change
-- their own role. The audit row says what changed; its action is
-- user.create, user.role_change (the role changed) or user.update.
create function user_save(p_org bigint, p_id bigint, p_email text,
    p_name text, p_role text, p_lang text, p_sites bigint[],
    p_funder bigint, p_actor_id bigint, p_actor text, p_ip inet)
returns bigint
language plpgsql as $$
declare
	old		users;
	uid		bigint;
	v_sites		bigint[] := '{}';
	old_sites	bigint[] := '{}';
	v_funder	bigint;
	changes		jsonb := '{}';
begin
	if p_id is not null then
		select * into old from users where id = p_id
		    and managed_by = p_org for update;
		if not found then
			raise exception 'no such user' using errcode = 'ME404';
		end if;
		if p_id = p_actor_id and p_role <> old.role then
			raise exception 'cannot change one''s own role'
			    using errcode = 'ME409';
		end if;
		old_sites := array(select site_id from user_sites
		    where user_id = p_id order by 1);
	end if;
	if p_role = 'mediator' then
		v_sites := array(select id from sites where organisation_id = p_org
		    and id = any(p_sites) order by id);
		if cardinality(v_sites) = 0 or cardinality(v_sites) <>
		    (select count(distinct s) from unnest(p_sites) s) then
			raise exception 'sites' using errcode = 'ME421';
		end if;
	elsif p_role = 'funder' then
		select f.id into v_funder from funders f where f.id = p_funder
		    and exists (select 1 from conventions c join projects p
			on p.id = c.project_id
			where c.funder_id = f.id and p.organisation_id = p_org);
		if v_funder is null then
			raise exception 'funder' using errcode = 'ME422';
		end if;
	end if;

	if p_id is null then
		insert into users (organisation_id, funder_id, managed_by, email,
		    display_name, role, lang)
		values (case when p_role = 'funder' then null else p_org end,
		    v_funder, p_org, p_email, p_name, p_role, p_lang)
		returning id into uid;
		changes := jsonb_build_object('email', p_email, 'name', p_name,
		    'role', p_role, 'lang', p_lang, 'sites', to_jsonb(v_sites),
		    'funder', v_funder);
	else
		uid := p_id;
		update users set organisation_id = case when p_role = 'funder'
			then null else p_org end,
		    funder_id = v_funder, email = p_email, display_name = p_name,
		    role = p_role, lang = p_lang
		where id = p_id;
		if old.email <> p_email then
			changes := changes || jsonb_build_object('email',
			    jsonb_build_array(old.email, p_email));
		end if;
		if old.display_name <> p_name then
			changes := changes || jsonb_build_object('name',
			    jsonb_build_array(old.display_name, p_name));
		end if;
		if old.role <> p_role then
			changes := changes || jsonb_build_object('role',
			    jsonb_build_array(old.role, p_role));
		end if;
		if old.lang <> p_lang then
			changes := changes || jsonb_build_object('lang',
			    jsonb_build_array(old.lang, p_lang));
		end if;
		if old_sites <> v_sites then
			changes := changes || jsonb_build_object('sites',
			    jsonb_build_array(old_sites, v_sites));
		end if;
		if old.funder_id is distinct from v_funder then
			changes := changes || jsonb_build_object('funder',
			    jsonb_build_array(old.funder_id, v_funder));
		end if;
	end if;
	delete from user_sites where user_id = uid and site_id <> all(v_sites);
	insert into user_sites (user_id, site_id)
	    select uid, s from unnest(v_sites) s on conflict do nothing;
	if p_id is null or changes <> '{}' then
		perform audit_write(p_actor_id, p_org, p_actor, p_ip,
		    case when p_id is null then 'user.create'
			when changes ? 'role' then 'user.role_change'
			else 'user.update' end,
		    'user', uid::text, changes);
	end if;
	return uid;
end
$$;

-- Disable (every session ends at once) or enable a user managed by p_org
-- (NULL: any, for mesure-admin). Nobody disables themselves.
create function user_set_disabled(p_org bigint, p_id bigint,
    p_disabled boolean, p_actor_id bigint, p_actor text, p_ip inet)
returns void
language plpgsql as $$
declare
	u	users;
begin
	select * into u from users where id = p_id
	    and (p_org is null or managed_by = p_org) for update;
	if not found then
		raise exception 'no such user' using errcode = 'ME404';
	end if;
	if p_id = p_actor_id then
		raise exception 'cannot disable oneself' using errcode = 'ME409';
	end if;
	if p_disabled then
		update users set disabled_at = coalesce(disabled_at, now())
		    where id = p_id;
		delete from sessions where user_id = p_id;
		update password_links set expires_at = least(expires_at, now())
		    where user_id = p_id and used_at is null;
	else
		update users set disabled_at = null where id = p_id;
	end if;
	if (u.disabled_at is null) = p_disabled then
		perform audit_write(p_actor_id, u.managed_by, p_actor, p_ip,
		    case when p_disabled then 'user.disable' else 'user.enable' end,
		    'user', u.id::text, jsonb_build_object('email', u.email));
	end if;
end
$$;
