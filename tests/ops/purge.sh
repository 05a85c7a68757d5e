#!/bin/sh
# Purge test (issue #8): on a database with the demo data loaded, ages some
# rows past their retention period and checks purge_run() (0600):
# --dry-run writes nothing, the real run writes one audit row per
# organisation with the counts, rows not due and every visit/response row
# (the statistics) stay, signed reports rows are untouched, a second run
# finds nothing due.
#   tests/ops/purge.sh CONNINFO
set -eu
conn=${1:?usage: purge.sh CONNINFO}
q() { psql "$conn" -X -qAt -v ON_ERROR_STOP=1 -c "$1"; }
fail() { echo "purge: FAIL $*"; exit 1; }

q "update visits set visited_at = now() - interval '40 months'
   where id in (select id from visits order by id limit 5)"
q "update beneficiaries set last_visit_at = now() - interval '13 months'
   where id in (select id from beneficiaries order by id limit 3)"
q "update responses set submitted_at = now() - interval '30 months'
   where id in (select id from responses order by id limit 50)"
visits=$(q "select count(*) from visits")
resp=$(q "select count(*) from responses")
answers_kept=$(q "select count(*) from answers where question not like '%\_autre'")
reports=$(q "select coalesce(md5(string_agg(md5(r::text), '' order by id)), '') from reports r")
audit=$(q "select count(*) from audit_log")
young=$(q "select count(*) from beneficiaries
   where coalesce(last_visit_at, created_at) > now() - interval '11 months'")

q "select * from purge_run(null, true)" | grep -q '"visits": 5' \
    || fail "dry run does not count the 5 old visits"
[ "$(q "select count(*) from audit_log")" = "$audit" ] \
    || fail "dry run wrote to the audit log"
[ "$(q "select count(*) from visits where mediator_id is null
   and visited_at < now() - interval '36 months'")" = 0 ] \
    || fail "dry run changed visits"

q "select * from purge_run(null, false)" >/dev/null
[ "$(q "select count(*) from audit_log where action = 'purge'")" -ge 1 ] \
    || fail "no audit row"
q "select detail->>'visits' from audit_log where action = 'purge'" | grep -qx 5 \
    || fail "audit row lacks the counts"
[ "$(q "select count(*) from visits")" = "$visits" ] || fail "visits deleted"
[ "$(q "select count(*) from responses")" = "$resp" ] || fail "responses deleted"
[ "$(q "select count(*) from answers where question not like '%\_autre'")" = "$answers_kept" ] \
    || fail "closed answers deleted"
[ "$(q "select count(*) from visits where mediator_id is not null
   and visited_at < now() - interval '36 months'")" = 0 ] || fail "old visits kept details"
[ "$(q "select count(*) from responses where invitation_id is not null
   and submitted_at < now() - interval '24 months'")" = 0 ] || fail "old links kept"
[ "$(q "select count(*) from beneficiaries
   where coalesce(last_visit_at, created_at) < now() - interval '12 months'")" = 0 ] \
    || fail "expired pseudonyms kept"
[ "$(q "select count(*) from beneficiaries
   where coalesce(last_visit_at, created_at) > now() - interval '11 months'")" = "$young" ] \
    || fail "pseudonyms not due were removed"
[ "$(q "select coalesce(md5(string_agg(md5(r::text), '' order by id)), '') from reports r")" = "$reports" ] \
    || fail "reports rows changed"
q "select * from purge_run(null, true)" | grep -q '"visits": 0, "answers": 0, "dry_run": true, "audit_expired": 0, "beneficiaries": 0' \
    || fail "second run still finds rows due"
echo "purge: 1 passed, 0 failed"
