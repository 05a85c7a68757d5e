# Capacity (issue #8), sourced by tests/bench/run.sh with MESURE_TEST_BASE
# and MESURE_TEST_DB set:
#   1. durable survey submissions through the whole stack (the plain form,
#      POST, 303), wrk 2 threads, 32 connections, BENCH_SECONDS (60), with
#      the rows counted in the database afterwards;
#   2. the database's own ceiling for the same statement
#      (sql/queries/response_submit.sql, sent as Kore sends it: extended
#      protocol, unnamed statement, parameters as text) with pgbench at a
#      few client counts, and pgbench's built-in tpcb-like for reference;
#   3. the memory of kore's parent and workers (RSS, PSS), idle after the
#      start and after the load.
# Before each measurement it waits (up to BENCH_WAIT s, default 600,
# polling every 30 s)
# for the 1-minute load average to fall below BENCH_MAX_LOAD (1.5), and
# prints the load next to each figure.
#
#   tests/bench/run.sh capacity
#   BENCH_SECONDS=60 BENCH_CLIENTS="1 4 16 32" tests/bench/run.sh capacity
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
B=$MESURE_TEST_BASE
DUR=${BENCH_SECONDS:-60}
psqlq() { psql "$MESURE_TEST_DB" -X -A -t -c "$1"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
wait_idle() {	# wait for the 1-minute load to fall below BENCH_MAX_LOAD
	local max=${BENCH_MAX_LOAD:-1.5} i
	for i in $(seq 1 $(( ${BENCH_WAIT:-600} / 30 ))); do
		awk -v l="$(load1)" -v m="$max" 'BEGIN { exit !(l <= m) }' && return 0
		echo "   (load $(loadavg) above $max, waiting 30 s)"
		sleep 30
	done
	echo "   (load still $(loadavg) after ${BENCH_WAIT:-600} s: measuring UNDER LOAD)"
}

echo "-- database: $(psqlq "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'wal_level', 'shared_buffers', 'max_wal_size', 'commit_delay')")"
echo "   (shared_buffers in 8 kB pages; max_wal_size in MB)"

# Memory of kore's processes: the parent (MESURE_TEST_KORE_PID) and its
# children (the workers; Kore 4.1 names them in the process title).
kore_memory() {
	local p
	for p in "$MESURE_TEST_KORE_PID" $(pgrep -P "$MESURE_TEST_KORE_PID"); do
		awk -v pid="$p" -v name="$(tr '\0' ' ' < /proc/$p/cmdline | sed 's/ *$//')" '
		    /^Rss:/ { rss = $2 } /^Pss:/ { pss = $2 }
		    END { printf "   pid %-7s %-28s RSS %6.1f MiB  PSS %6.1f MiB\n", pid, name, rss / 1024, pss / 1024 }' \
		    "/proc/$p/smaps_rollup"
	done
}
echo "-- memory, idle after the start (load $(loadavg))"
kore_memory

# 1. The stack.
wait_idle
before=$(psqlq "select count(*) from responses")
answers_before=$(psqlq "select count(*) from answers")
echo "-- POST /s/satisfaction/la-source (form, 303), durable, wrk -t2 -c32 -d${DUR}s (load before $(loadavg))"
out=$(BENCH_KIND=form wrk -t2 -c32 -d${DUR}s --timeout 10s --latency -s "$here/bench_survey.lua" "$B")
echo "$out" | grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Socket errors|Non-2xx|statuses'
echo "   load after: $(loadavg)"
sleep 2	# requests still in flight when wrk stopped counting
after=$(psqlq "select count(*) from responses")
answers_after=$(psqlq "select count(*) from answers")
ok=$(echo "$out" | sed -n 's/.*stored=\([0-9]*\).*/\1/p')
echo "   acknowledged (303) by wrk: $ok; stored: $((after - before)) responses, $((answers_after - answers_before)) answers"
echo "-- memory after ${DUR} s of submissions"
kore_memory

# 2. The database alone: the statement of sql/queries/response_submit.sql
# with Kore's parameters (the same ten answers as bench_survey.lua's form);
# $1 (the response id, made by the C code) is gen_random_uuid() and the
# NULL parameters ($8 submitted at, $11 invitation, $12 device) are
# written null, since pgbench has no NULL variable.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgb=$pgbin/pgbench
v=$(psqlq "select survey_current_version(id) from surveys where code = 'satisfaction'")
sv=$(psqlq "select id from surveys where code = 'satisfaction'")
site=$(psqlq "select id from sites where code = 'la-source'")
org=$(psqlq "select organisation_id from sites where code = 'la-source'")
f=$(mktemp)
grep -v '^--' "$top/sql/queries/response_submit.sql" |
    sed -e 's/\$1::uuid/gen_random_uuid()/' -e 's/\$8::/null::/' \
    -e 's/decode(\$11,/decode(null,/' -e 's/decode(\$12,/decode(null,/' -e 's/\$\([0-9]*\)/:p\1/g' > "$f"
echo ';' >> "$f"
echo "-- pgbench script ($f):"; sed 's/^/   /' "$f"
answers='[{"q":"accueil","o":0,"v":"5","n":5},{"q":"explications","o":0,"v":"4","n":4},{"q":"demarche_reussie","o":0,"v":"non"},{"q":"difficulte","o":0,"v":"document"},{"q":"difficulte","o":1,"v":"temps"},{"q":"domaine","o":0,"v":"famille"},{"q":"autonome","o":0,"v":"oui"},{"q":"rassure","o":0,"v":"oui"},{"q":"recommande","o":0,"v":"9","n":9},{"q":"commentaire","o":0,"v":"Merci beaucoup"}]'
for c in ${BENCH_CLIENTS:-1 4 16 32}; do
	wait_idle
	j=$(( c < 2 ? 1 : 2 ))
	before=$(psqlq "select count(*) from responses")
	l0=$(loadavg)
	res=$("$pgb" -n -M extended -c "$c" -j "$j" -T "$DUR" -f "$f" \
	    -D p2="$org" -D p3="$sv" -D p4="$v" -D p5="$site" -D p6=fr \
	    -D p7=web -D p9=$(printf 'ab%.0s' $(seq 32)) -D p10="$answers" \
	    "$MESURE_TEST_DB" 2>&1)
	after=$(psqlq "select count(*) from responses")
	echo "-- response_submit alone, pgbench -M extended -c $c -j $j -T $DUR: $(echo "$res" | grep -E '^tps' | sed 's/ (without.*//'), $(echo "$res" | grep -E 'latency average'), $(echo "$res" | grep -E 'failed|processed' | tr '\n' ' ')rows added $((after - before)) (load before $l0, after $(loadavg))"
done
rm -f "$f"

# pgbench's own tpcb-like, for reference (scale 16, 16 clients).
psql "$MESURE_TEST_DB" -X -q -c "drop database if exists bench_tpcb" -c "create database bench_tpcb"
tdb=${MESURE_TEST_DB/dbname=mesure/dbname=bench_tpcb}
"$pgb" -i -q -s 16 "$tdb" >/dev/null 2>&1
wait_idle
l0=$(loadavg)
res=$("$pgb" -n -c 16 -j 2 -T "$DUR" "$tdb" 2>&1)
echo "-- tpcb-like (pgbench -i -s 16; pgbench -c 16 -j 2 -T $DUR): $(echo "$res" | grep -E '^tps' | sed 's/ (without.*//'), $(echo "$res" | grep -E 'latency average') (load before $l0, after $(loadavg))"
psql "$MESURE_TEST_DB" -X -q -c "drop database bench_tpcb"
