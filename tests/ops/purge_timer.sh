#!/bin/bash
# The purge timer (issue #8, app/purge_timer.c): a real instance (root,
# chroot, seccomp tracing) with MESURE_PURGE_DELAY=1 and
# MESURE_PURGE_INTERVAL=5 runs purge_run() from worker 1 only, logs
# "purge: done: …" at least twice, writes its audit rows, and the log holds
# no seccomp violation and no dead worker.
#   tests/ops/purge_timer.sh WORKDIR
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:?usage: purge_timer.sh WORKDIR}
fail() { echo "purge_timer: FAIL $*"; exit 1; }
. "$top/tests/lib/instance.sh"
trap instance_stop EXIT
export MESURE_PURGE_DELAY=1 MESURE_PURGE_INTERVAL=5
instance_start "$dir" yes >/dev/null || fail "instance did not start"
log=$dir/kore.log
for _ in $(seq 1 150); do
	[ "$(grep -c 'purge: done:' "$log")" -ge 2 ] && break
	sleep 0.1
done
[ "$(grep -c 'purge: done:' "$log")" -ge 2 ] || {
	tail -20 "$log"; fail "no two 'purge: done' lines in 15 s"; }
grep 'purge: done:' "$log" | grep -qv '^\[wrk 1\]' &&
	fail "a worker other than 1 ran the purge"
grep -q 'purge: done: action-numerique {' "$log" ||
	fail "the log line lacks the counts"
n=$(psql "$MESURE_TEST_DB" -X -qAt -c \
    "select count(*) from audit_log where action = 'purge' and actor = 'purge'")
[ "$n" -ge 2 ] || fail "no audit rows ($n)"
grep -qE 'seccomp violation|died|sandbox violation' "$log" && {
	grep -E 'seccomp violation|died|sandbox violation' "$log" | head
	fail "seccomp violation or dead worker"; }
kill -0 "$instance_kore_pid" 2>/dev/null || fail "kore stopped"
echo "purge_timer: 1 passed, 0 failed"
