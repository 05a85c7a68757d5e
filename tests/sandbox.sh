#!/bin/sh
# The sandbox suite: after every other suite has exercised the server,
# the Kore log must hold no seccomp violation and no dead worker, and the
# server must still be running (worker_death_policy terminate stops it
# when a worker dies).
#
#   tests/sandbox.sh KORE-LOG
log=${1:?usage: sandbox.sh KORE-LOG}
pass=0
fail=0
check() {
	if [ "$1" = ok ]; then
		echo "ok - $2"; pass=$((pass + 1))
	else
		echo "not ok - $2"; fail=$((fail + 1))
	fi
}
if grep -q 'seccomp violation' "$log"; then
	grep 'seccomp violation' "$log" | sort | uniq -c | head -20
	check no "no seccomp violation in the Kore log"
else
	check ok "no seccomp violation in the Kore log"
fi
if grep -qE 'died|sandbox violation' "$log"; then
	grep -E 'died|sandbox violation' "$log" | head -20
	check no "no worker died"
else
	check ok "no worker died"
fi
if [ -n "${MESURE_TEST_KORE_PID:-}" ] && kill -0 "$MESURE_TEST_KORE_PID" 2>/dev/null; then
	check ok "kore is still running"
else
	# The last lines tell who stopped it ("shutdown requested by worker
	# N" is a signal to that worker, e.g. from another kore's group).
	tail -n 15 "$log" | sed 's/^/# /'
	check no "kore is still running"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
