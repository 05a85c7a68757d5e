#!/bin/sh
# The ops suite (issue #8): a throwaway cluster of its own, migrated and
# filled with the demo data, then the purge test (tests/ops/purge.sh), the
# backup and restore test (tests/ops/restore.sh, a second cluster of its
# own), and the purge timer inside Kore, on an instance of its own
# (tests/ops/purge_timer.sh).
# Prints "N passed, N failed" like every suite.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${MESURE_TEST_WORK:-$top/var/test}/ops
rm -rf "$work"; mkdir -p "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
trap 'sh "$top/mk/pg.sh" stop "$work/pg" >/dev/null 2>&1' EXIT
sh "$top/mk/pg.sh" start "$work/pg" "$port" || { echo "0 passed, 1 failed"; exit 1; }
conn=$(sh "$top/mk/pg.sh" conninfo "$work/pg")
sh "$top/mk/migrate.sh" "$conn" >/dev/null &&
    sh "$top/mk/demo.sh" "$conn" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
pass=0 fail=0
if sh "$top/tests/ops/purge.sh" "$conn"; then pass=$((pass+1)); else fail=$((fail+1)); fi
if sh "$top/tests/ops/restore.sh" "$conn" "$work/restore"; then pass=$((pass+1)); else fail=$((fail+1)); fi
if bash "$top/tests/ops/purge_timer.sh" "$work/timer"; then pass=$((pass+1)); else fail=$((fail+1)); fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
