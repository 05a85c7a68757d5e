#!/bin/bash
# Run Mesure's test suites against a throwaway database and a real Kore.
#
#   tests/run.sh [SUITE...]     default: every suite, in this order:
#     unit     the pure C programs of tests/unit (build/tests/test_*)
#     conf     the configuration check passes, and fails on typos
#     memcheck the unit programs again under valgrind (no error, no leak)
#     http     tests/http against the real kore + PostgreSQL
#     browser  tests/browser: Debian's Chromium, axe-core
#     pdf      tests/pdf: pdfsig, qpdf, pdftotext on generated reports
#     fuzz     short runs of the fuzz harnesses (tests/fuzz)
#     proxy    tests/proxy: HTTPS through the shipped nginx configuration
#     ops      tests/ops: the retention purge, on a cluster of its own
#     faults   tests/faults: database outage, killed worker, two kores on
#              one database – on instances of their own (var/faults)
#     asan     the HTTP tests again, against build/asan/mesure.so (ASan +
#              UBSan, make asan-build) on an instance of its own
#              (var/asan, seccomp enforcing, not tracing: LeakSanitizer
#              ptraces); no sanitizer report, no leak in Mesure's code
#              (tests/asan/run.sh, docs/operations.md)
#     sandbox  the Kore log has no seccomp violation and no dead worker
#
# Set-up, as in production: a fresh PostgreSQL cluster in var/test/pg on a
# free port (migrated, demo data loaded), Kore started as root, chrooted
# into var/test/root, workers as the "mesure" user, seccomp_tracing on and
# worker_death_policy terminate. Each suite prints "N passed, N failed"
# last; this script adds them up and prints the total last, and exits
# non-zero on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
work=$top/var/test
build=$top/build

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(unit conf memcheck http browser pdf fuzz proxy ops faults asan sandbox)

total_pass=0
total_fail=0
failed_suites=()

. "$top/tests/lib/instance.sh"

# Run one suite command, show its output, add up its last "N passed, N
# failed" line (a suite that prints none counts as one failure).
run_suite() {
	local name=$1; shift
	local log=$work/suite-$name.log line p f
	echo "== $name"
	"$@" 2>&1 | tee "$log"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$name: the suite did not report its results"
		p=0; f=1
	else
		p=${line%% passed*}
		f=${line#*passed, }; f=${f%% failed}
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	[ "$f" -eq 0 ] || failed_suites+=("$name")
}

needs_server=0
for s in "${suites[@]}"; do
	case $s in http|browser|pdf|proxy|sandbox) needs_server=1 ;; esac
done

trap instance_stop EXIT

mkdir -p "$work"
export MESURE_TEST_WORK=$work

if [ $needs_server -eq 1 ]; then
	instance_start "$work" yes || exit 1
fi

for s in "${suites[@]}"; do
	case $s in
	unit)
		run_suite unit "$top/tests/unit/run.sh" "$build/tests" ;;
	conf)
		run_suite conf "$top/tests/conf/run.sh" ;;
	memcheck)
		run_suite memcheck env UNIT_VALGRIND=1 \
		    "$top/tests/unit/run.sh" "$build/tests" ;;
	asan)
		run_suite asan "$top/tests/asan/run.sh" ;;
	http)
		run_suite http /usr/bin/python3 "$top/tests/http/run.py" ;;
	browser)
		run_suite browser node "$top/tests/browser/run.mjs" ;;
	pdf)
		run_suite pdf "$top/tests/pdf/run.sh" ;;
	fuzz)
		run_suite fuzz "$top/tests/fuzz/run.sh" short ;;
	proxy)
		run_suite proxy "$top/tests/proxy/run.sh" ;;
	ops)
		run_suite ops "$top/tests/ops/run.sh" ;;
	faults)
		run_suite faults "$top/tests/faults/run.sh" ;;
	sandbox)
		run_suite sandbox "$top/tests/sandbox.sh" "$work/kore.log" ;;
	*)
		echo "unknown suite $s"; total_fail=$((total_fail + 1)) ;;
	esac
done

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
	echo "failing suites: ${failed_suites[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
