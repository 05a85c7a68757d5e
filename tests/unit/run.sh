#!/bin/sh
# Run every unit-test program of DIR (build/tests) and add up their
# "N passed, N failed" lines. A program that crashes or prints no such
# line counts as one failure.
#
#   tests/unit/run.sh DIR
#   UNIT_VALGRIND=1 tests/unit/run.sh DIR    the same under valgrind: any
#       invalid access or definitely lost block fails the program
dir=${1:?usage: run.sh DIR}
wrap=
if [ "${UNIT_VALGRIND:-0}" = 1 ]; then
	wrap="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fi
pass=0
fail=0
for t in "$dir"/test_*; do
	[ -x "$t" ] || continue
	out=$($wrap "$t" 2>&1)
	rc=$?
	if [ $rc -eq 99 ]; then
		printf '%s\n' "$out" | grep -E '^==[0-9]+==' | head -20
		echo "not ok - $(basename "$t"): valgrind found memory errors or leaks"
		fail=$((fail + 1))
		continue
	fi
	printf '%s\n' "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	if [ -z "$line" ] || { [ $rc -ne 0 ] && [ "${line#*passed, }" = "0 failed" ]; }; then
		echo "not ok - $(basename "$t") exited with status $rc without a result"
		fail=$((fail + 1))
		continue
	fi
	p=${line%% passed*}
	f=${line#*passed, }; f=${f%% failed}
	echo "$(basename "$t"): $line"
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
