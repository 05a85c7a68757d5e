-- 0003_audit_chain.sql – the audit log as a hash chain.
--
-- Each row's hash is SHA-256(previous hash || the row's canonical text), so
-- that editing or deleting any row breaks every hash after it; the
-- verification (mesure-admin audit-verify, sql/queries/audit_verify.sql)
-- recomputes the chain. Inserts are serialised by a transaction-level
-- advisory lock so two writers cannot both chain onto the same row.

-- The text that is hashed: every column but the hashes, in a fixed order.
create function audit_row_text(a audit_log) returns text
language sql immutable parallel safe
return concat_ws(chr(31), a.id::text,
    to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(a.organisation_id::text, ''), coalesce(a.user_id::text, ''),
    a.actor, coalesce(host(a.ip), ''), a.action,
    coalesce(a.object_type, ''), coalesce(a.object_id, ''), a.detail::text);

-- The id and time are given under the lock, so that id order is chain
-- order and commit order.
create sequence audit_log_id_seq owned by audit_log.id;

create function audit_log_chain() returns trigger
language plpgsql as $$
declare
	last bytea;
begin
	-- 0x4d45 = "ME": one lock for the whole chain, held until commit.
	perform pg_advisory_xact_lock(x'4d45'::int, 1);
	new.id := nextval('audit_log_id_seq');
	new.at := clock_timestamp();
	select hash into last from audit_log order by id desc limit 1;
	new.prev_hash := coalesce(last, '\x'::bytea);
	new.hash := sha256(new.prev_hash || convert_to(audit_row_text(new), 'UTF8'));
	return new;
end
$$;

create trigger audit_log_chain before insert on audit_log
	for each row execute function audit_log_chain();

-- The log is append-only for the application.
create function audit_log_append_only() returns trigger
language plpgsql as $$
begin
	raise exception 'the audit log is append-only'
	    using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_append_only before update or delete on audit_log
	for each row execute function audit_log_append_only();
