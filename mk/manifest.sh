#!/bin/sh
# What a backup must give back, one "name value" line each: row counts, a
# digest of every response with its answers, and of every stored report
# (its PDF bytes' SHA-256 and status), and the schema's version.
# mk/backup.sh writes it at backup time; mk/restore.sh compares it after
# restoring.
#
#   mk/manifest.sh CONNINFO
set -eu
conn=${1:?usage: manifest.sh CONNINFO}
psql "$conn" -X -q -tA -v ON_ERROR_STOP=1 <<'SQL'
set timezone = 'UTC';
select 'schema ' || coalesce(max(version), '') from schema_migrations;
select 'responses ' || count(*) from responses;
select 'answers ' || count(*) from answers;
select 'visits ' || count(*) from visits;
select 'reports ' || count(*) from reports;
select 'signed_reports ' || count(*) from reports where status = 'signed';
select 'audit_log ' || count(*) from audit_log;
-- Whole rows, in a fixed time zone: any changed column changes the digest.
select 'responses_sha256 ' || encode(sha256(convert_to(coalesce(string_agg(
    r::text || coalesce(a.list, ''), E'\n' order by r.id), ''), 'UTF8')),
    'hex')
from responses r
left join (select response_id, string_agg(a::text, E'\x1f'
    order by question, ordinal, value) as list
    from answers a group by response_id) a on a.response_id = r.id;
select 'reports_sha256 ' || encode(sha256(convert_to(coalesce(string_agg(
    id || ':' || status || ':' || encode(sha256(pdf), 'hex') || ':'
    || encode(sha256, 'hex'), E'\n' order by id), ''), 'UTF8')), 'hex')
from reports;
SQL
