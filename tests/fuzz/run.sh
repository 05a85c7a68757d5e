#!/bin/sh
# Fuzz every parser of outside input with libFuzzer under AddressSanitizer
# and UndefinedBehaviorSanitizer.
#
#   tests/fuzz/run.sh short    a few seconds each (part of make test)
#   tests/fuzz/run.sh long     ten minutes each (make fuzz)
#
# Harnesses are tests/fuzz/fuzz_*.c; seed corpora tests/fuzz/corpus/NAME/.
# New inputs found go to var/fuzz/NAME (not committed); a crash leaves its
# input in var/fuzz/crash-NAME-* – add it to the corpus and fix the bug.
set -u
mode=${1:-short}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $mode in
short) secs=${FUZZ_SECONDS:-8} ;;
long) secs=${FUZZ_SECONDS:-600} ;;
*) echo "usage: run.sh short|long"; exit 2 ;;
esac
make -s -C "$top" fuzz-build >/dev/null || { echo "fuzz build failed"; echo "0 passed, 1 failed"; exit 1; }
pass=0
fail=0
for h in "$top"/build/fuzz/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h"); name=${name#fuzz_}
	mkdir -p "$top/var/fuzz/$name"
	if "$h" -max_total_time="$secs" -max_len=65536 -timeout=5 \
	    -rss_limit_mb=1024 -print_final_stats=1 \
	    -artifact_prefix="$top/var/fuzz/crash-$name-" \
	    "$top/var/fuzz/$name" "$top/tests/fuzz/corpus/$name" \
	    >"$top/var/fuzz/$name.log" 2>&1; then
		runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$top/var/fuzz/$name.log" | grep -o '[0-9]*$')
		echo "ok - fuzz $name: ${runs:-?} inputs in ${secs}s, no crash"
		pass=$((pass + 1))
	else
		echo "not ok - fuzz $name: crash, see var/fuzz/$name.log"
		grep -E 'ERROR|SUMMARY' "$top/var/fuzz/$name.log" | head -5
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
