#!/bin/bash
# Benchmarks, kept apart from the tests: a throwaway instance as in
# production (seccomp on, tracing off), loaded with wrk on loopback.
# Figures go to BENCHMARKS.md by hand, with the machine and this command.
#
#   tests/bench/run.sh [NAME...]   default: every bench_NAME.sh here
#   BENCH_DIR=DIR tests/bench/run.sh …   the instance in DIR (default var/bench)
#
# Each tests/bench/bench_*.sh is sourced with MESURE_TEST_BASE and
# MESURE_TEST_DB set, and prints its figures.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/instance.sh"
trap instance_stop EXIT
instance_start "${BENCH_DIR:-$top/var/bench}" no || exit 1
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "kore $(kore -v | head -1), PostgreSQL $(psql -V | awk '{print $3}')"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for f in "$top"/tests/bench/bench_*.sh; do
		n=$(basename "$f" .sh); names+=("${n#bench_}")
	done
fi
for n in "${names[@]}"; do
	echo "== $n"
	. "$top/tests/bench/bench_$n.sh"
done
