# Reports (issue #7): the time and size of a quarterly report, signature
# included, over the demo data – and, with BENCH_MILLION=1, over a
# database of one million generated responses (tests/bench/
# gen_million.sql) made in the same cluster. Sourced by
# tests/bench/run.sh (MESURE_TEST_DB, MESURE_TEST_PKI set); prints the
# figures of BENCHMARKS.md.
#
#   tests/bench/run.sh report                   demo data only
#   BENCH_MILLION=1 tests/bench/run.sh report   also the million (slow:
#                                               the generation takes
#                                               minutes; run it once)

bench_report_runs() {	# LABEL CONNINFO ARGS…: 5 runs, min and median
	local label=$1 conn=$2 i t ts size
	shift 2
	ts=()
	for i in 1 2 3 4 5; do
		t=$( { TIMEFORMAT=%R; time "$top/build/mesure-report" \
		    --db "$conn" --no-store --quiet \
		    --out "$top/var/bench/report.pdf" "$@" >/dev/null; } 2>&1 |
		    tail -n 1)
		ts+=("$t")
	done
	size=$(stat -c %s "$top/var/bench/report.pdf")
	printf '%s\n' "${ts[@]}" | sort -n | awk -v l="$label" -v s="$size" \
	    '{ a[NR] = $1 } END { printf "%-58s min %.2f s, median %.2f s, %d bytes\n", l, a[1], a[3], s }'
}

bench_report_all() {	# CONNINFO QUARTER YEAR
	local conn=$1 q=$2 y=$3 sock=$top/var/bench/signer.sock pid
	bench_report_runs "quarterly, one convention, unsigned" "$conn" \
	    --project digilab --quarter "$q" --convention FO-EMOJI-DIGILAB
	bench_report_runs "quarterly, one convention, signed (key in process)" \
	    "$conn" --project digilab --quarter "$q" --convention \
	    FO-EMOJI-DIGILAB --sign --key "$MESURE_TEST_PKI/signer.key" \
	    --cert "$MESURE_TEST_PKI/signer.pem"
	"$top/build/mesure-signer" --key "$MESURE_TEST_PKI/signer.key" \
	    --cert "$MESURE_TEST_PKI/signer.pem" --socket "$sock" 2>/dev/null &
	pid=$!
	sleep 0.5
	bench_report_runs "quarterly, one convention, signed (signing daemon)" \
	    "$conn" --project digilab --quarter "$q" --convention \
	    FO-EMOJI-DIGILAB --sign --signer "$sock"
	kill "$pid"
	wait "$pid" 2>/dev/null
	bench_report_runs "quarterly, whole project (9 indicators), signed" \
	    "$conn" --project digilab --quarter "$q" --sign \
	    --key "$MESURE_TEST_PKI/signer.key" \
	    --cert "$MESURE_TEST_PKI/signer.pem"
	bench_report_runs "annual, whole project, signed" "$conn" \
	    --project digilab --year "$y" --sign \
	    --key "$MESURE_TEST_PKI/signer.key" \
	    --cert "$MESURE_TEST_PKI/signer.pem"
	echo "where the time goes (quarterly, one convention, signed):"
	"$top/build/mesure-report" --db "$conn" --no-store --quiet --timing \
	    --out "$top/var/bench/report.pdf" --project digilab \
	    --quarter "$q" --convention FO-EMOJI-DIGILAB --sign \
	    --key "$MESURE_TEST_PKI/signer.key" \
	    --cert "$MESURE_TEST_PKI/signer.pem" 2>&1 | sed 's/^/  /'
}

bench_report_quarter() {	# the last complete quarter before the anchor
	psql "$MESURE_TEST_DB" -X -qAt -c "select quarter_label((date_trunc('quarter', '$MESURE_TEST_ANCHOR'::date) - interval '3 months')::date)"
}

q=$(bench_report_quarter)
y=${q%%-T*}
echo "demo data: $(psql "$MESURE_TEST_DB" -X -qAt -c "select (select count(*) from responses) || ' responses, ' || (select count(*) from answers) || ' answers, ' || (select count(*) from visits) || ' visits'"), report $q"
bench_report_all "$MESURE_TEST_DB" "$q" "$y"

if [ "${BENCH_MILLION:-0}" = 1 ]; then
	mdb=${MESURE_TEST_DB/dbname=mesure/dbname=mesure_million}
	psql "$MESURE_TEST_DB" -X -q -c "drop database if exists mesure_million" \
	    -c "create database mesure_million"
	"$top/mk/migrate.sh" "$mdb" >/dev/null
	"$top/mk/demo.sh" "$mdb" "$MESURE_TEST_ANCHOR" "" >/dev/null
	start=$(date +%s)
	psql "$mdb" -X -q -v responses=1000000 \
	    -f "$top/tests/bench/gen_million.sql" | grep generated
	echo "generated in $(( $(date +%s) - start )) s"
	# The first build of the rollups (then kept up to date on read), and
	# the visibility map for index-only scans, as autovacuum would.
	start=$(date +%s.%N)
	psql "$mdb" -X -qAt -c "select answer_rollup_refresh(o.id), visit_rollup_refresh(o.id, '2000-01-01', '2100-01-01') from organisations o" >/dev/null
	echo "rollups built in $(echo "$(date +%s.%N) - $start" | bc) s"
	psql "$mdb" -X -q -c "vacuum analyze visits, responses, answers, answer_rollup, visit_rollup" 2>/dev/null
	bench_report_all "$mdb" "$q" "$y"
fi
