#!/bin/sh
# Fuzz every parser of outside input with libFuzzer under AddressSanitizer
# and UndefinedBehaviorSanitizer.
#
#   tests/fuzz/run.sh short    a few seconds each (part of make test)
#   tests/fuzz/run.sh long     ten minutes each (make fuzz)
#
# FUZZ_SECONDS overrides the time per harness; FUZZ_JOBS=N runs N
# harnesses at a time (default 1; one per core is the most that helps).
# Harnesses are tests/fuzz/fuzz_*.c; seed corpora tests/fuzz/corpus/NAME/.
# New inputs found go to var/fuzz/NAME (not committed); a crash leaves its
# input in var/fuzz/crash-NAME-* – add it to the corpus and fix the bug.
# Each harness's log is var/fuzz/NAME.log (libFuzzer's final stats at the
# end); see tests/fuzz/README.md.
set -u
mode=${1:-short}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $mode in
short) secs=${FUZZ_SECONDS:-8} ;;
long) secs=${FUZZ_SECONDS:-600} ;;
*) echo "usage: run.sh short|long"; exit 2 ;;
esac
jobs=${FUZZ_JOBS:-1}
case $jobs in
''|*[!0-9]*|0) echo "FUZZ_JOBS must be a positive number"; exit 2 ;;
esac
make -s -C "$top" fuzz-build >/dev/null || { echo "fuzz build failed"; echo "0 passed, 1 failed"; exit 1; }

# One harness; its verdict goes to var/fuzz/NAME.result.
run_one() {
	h=$1
	name=$(basename "$h"); name=${name#fuzz_}
	mkdir -p "$top/var/fuzz/$name"
	if "$h" -max_total_time="$secs" -max_len=65536 -timeout=5 \
	    -rss_limit_mb=1024 -print_final_stats=1 \
	    -artifact_prefix="$top/var/fuzz/crash-$name-" \
	    "$top/var/fuzz/$name" "$top/tests/fuzz/corpus/$name" \
	    >"$top/var/fuzz/$name.log" 2>&1; then
		runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$top/var/fuzz/$name.log" | grep -o '[0-9]*$')
		echo "ok - fuzz $name: ${runs:-?} inputs in ${secs}s, no crash" \
		    >"$top/var/fuzz/$name.result"
	else
		{
			echo "not ok - fuzz $name: crash, see var/fuzz/$name.log"
			grep -E 'ERROR|SUMMARY' "$top/var/fuzz/$name.log" | head -5
		} >"$top/var/fuzz/$name.result"
	fi
}

mkdir -p "$top/var/fuzz"
names=
running=0
for h in "$top"/build/fuzz/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h"); name=${name#fuzz_}
	names="$names $name"
	rm -f "$top/var/fuzz/$name.result"
	if [ "$jobs" -eq 1 ]; then
		run_one "$h"
	else
		run_one "$h" &
		running=$((running + 1))
		if [ $running -ge "$jobs" ]; then
			wait
			running=0
		fi
	fi
done
wait
pass=0
fail=0
for name in $names; do
	if [ -f "$top/var/fuzz/$name.result" ] &&
	    head -1 "$top/var/fuzz/$name.result" | grep -q '^ok '; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
	cat "$top/var/fuzz/$name.result" 2>/dev/null ||
	    echo "not ok - fuzz $name: no result"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
