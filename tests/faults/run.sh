#!/bin/bash
# The faults suite (issue #8 "Reliability"): three scenarios, each on an
# instance of its own (tests/lib/instance.sh: a fresh cluster, the real
# kore as root, chrooted, seccomp tracing on), driven by faults.py:
#
#   outage  PostgreSQL stopped for ~5 s under load, then started again
#   crash   one worker killed with SIGKILL under load
#           (worker_death_policy restart, for this scenario only)
#   twin    a second kore (own port, root and configuration) on the same
#           database: sessions, kiosk tokens and response ids are shared
#
#   tests/faults/run.sh [SCENARIO…]   default: all three, in this order
#
# Instances live in var/faults (MESURE_FAULTS_WORK to change it). Prints
# "N passed, N failed" last, like every suite.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${MESURE_FAULTS_WORK:-$top/var/faults}
. "$top/tests/lib/instance.sh"

pass=0
fail=0
kore_b=

cleanup() {
	if [ -n "$kore_b" ]; then
		kill "$kore_b" 2>/dev/null
		wait "$kore_b" 2>/dev/null
		kore_b=
	fi
	instance_stop
}
trap cleanup EXIT

# Add up the "N passed, N failed" line of a scenario's output.
tally() {
	local line p f
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "not ok - $2: no result line"
		fail=$((fail + 1))
		return
	fi
	p=${line%% passed*}
	f=${line#*passed, }; f=${f%% failed}
	pass=$((pass + p))
	fail=$((fail + f))
}

# scenario NAME POLICY [ARGS…]: a fresh instance, faults.py NAME, stop.
start() {
	local name=$1 policy=$2
	echo "# $name: starting an instance in $work/$name"
	if ! instance_start "$work/$name" yes "$policy" >"$work/$name.start.log" 2>&1; then
		cat "$work/$name.start.log"
		echo "not ok - $name: the instance started"
		fail=$((fail + 1))
		return 1
	fi
}

run() {
	local name=$1; shift
	python3 "$top/tests/faults/faults.py" "$name" "$@" 2>&1 |
	    tee "$work/$name.out" | grep -Ev '^[0-9]+ passed, [0-9]+ failed$'
	tally "$work/$name.out" "$name"
}

mkdir -p "$work"
scenarios=" ${*:-outage crash twin} "

if [[ $scenarios == *" outage "* ]] && start outage terminate; then
	run outage
	cleanup
fi

if [[ $scenarios == *" crash "* ]] && start crash restart; then
	run crash
	cleanup
fi

if [[ $scenarios == *" twin "* ]] && start twin terminate; then
	# The second kore: its own port, chroot and configuration, the same
	# database. In a session of its own (setsid), as tests/proxy/run.sh
	# does, so that stopping it signals no one else.
	b=$work/twin/b
	rm -rf "$b"; mkdir -p "$b"
	"$top/mk/root.sh" "$b/root"
	bport=$(free_port)
	if "$top/mk/conf.sh" "$b/kore.conf" BIND=127.0.0.1 PORT="$bport" \
	    MODULE="$top/build/mesure.so" ROOT="$b/root" RUNAS=mesure \
	    WORKERS=2 PIDFILE="$b/kore.pid" DEATH_POLICY=terminate \
	    SECCOMP_TRACING=yes PG_CONN_MAX=4; then
		MESURE_DATABASE="$MESURE_TEST_DB" \
		    setsid stdbuf -oL /usr/bin/kore -f -c "$b/kore.conf" \
		    >"$b/kore.log" 2>&1 &
		kore_b=$!
		for _ in $(seq 1 100); do
			curl -fs "http://127.0.0.1:$bport/healthz" >/dev/null && break
			sleep 0.1
		done
	fi
	if curl -fs "http://127.0.0.1:$bport/healthz" >/dev/null; then
		run twin "http://127.0.0.1:$bport" "$b/kore.log"
	else
		echo "not ok - twin: the second kore came up"
		cat "$b/kore.log" 2>/dev/null
		fail=$((fail + 1))
	fi
	cleanup
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
