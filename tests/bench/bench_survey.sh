# Surveys (issue #3), sourced by tests/bench/run.sh with MESURE_TEST_BASE
# and MESURE_TEST_DB set: the weight of each respondent's page, survey
# page GETs per second, and durable submissions per second through the
# whole stack – the plain form (POST, 303) and the API (POST, 201) – with
# the rows counted in the database afterwards. wrk: 2 threads, 32
# connections, 10 s, no pipelining; every request a new response id and
# a new client address (the rate limit counts per address).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
B=$MESURE_TEST_BASE
DUR=${BENCH_SECONDS:-10}
psqlq() { psql "$MESURE_TEST_DB" -X -A -t -c "$1"; }

echo "-- database: fsync=$(psqlq 'show fsync'), synchronous_commit=$(psqlq 'show synchronous_commit')"

echo "-- page weight (bytes on the wire, gzip as sent; assets are cached after the first page)"
gz() { curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$B$1"; }
css=$(gz /assets/css/survey.css); js=$(gz /assets/js/survey.js)
for p in /s/satisfaction/la-source /s/resultats/argonne /s/satisfaction/la-source/merci \
    /r /confidentialite; do
	h=$(gz "$p")
	# Only the survey forms load the script.
	if curl -s "$B$p" | grep -q 'src="/assets/js/survey.js"'; then
		echo "   $p: html $h + css $css + js $js = $((h + css + js))"
	else
		echo "   $p: html $h + css $css = $((h + css))"
	fi
done

# The kiosk page, for an enrolled tablet.
top=$(cd "$here/../.." && pwd)
link=$(MESURE_DATABASE="$MESURE_TEST_DB" MESURE_PUBLIC_URL="$B" "$top/build/mesure-admin" \
    kiosk-enrol la-source bench --pin 1234 | grep -o '/kiosk/inscription/[A-Za-z0-9_-]*')
cookie=$(curl -s -i -X POST -d '' "$B$link" | sed -n 's/^set-cookie: \([^;]*\).*/\1/Ip')
h=$(curl -s -H 'Accept-Encoding: gzip' -H "Cookie: $cookie" -o /dev/null -w '%{size_download}' "$B/kiosk/la-source")
echo "   /kiosk/la-source: html $h + css $css + js $js = $((h + css + js))"

echo "-- GET /s/satisfaction/la-source (gzip)"
wrk -t2 -c32 -d${DUR}s --latency -H 'Accept-Encoding: gzip' "$B/s/satisfaction/la-source" |
    grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'

for kind in form api; do
	before=$(psqlq "select count(*) from responses")
	answers_before=$(psqlq "select count(*) from answers")
	echo "-- POST ($kind) durable submissions"
	out=$(BENCH_KIND=$kind wrk -t2 -c32 -d${DUR}s --latency -s "$here/bench_survey.lua" "$B")
	echo "$out" | grep -E 'Requests/sec|Latency|50%|99%|Socket errors|statuses'
	after=$(psqlq "select count(*) from responses")
	answers_after=$(psqlq "select count(*) from answers")
	ok=$(echo "$out" | sed -n 's/.*stored=\([0-9]*\).*/\1/p')
	echo "   rows verified: $((after - before)) responses and $((answers_after - answers_before)) answers added; wrk saw $ok stored"
done

# The database's own ceiling for the same work (survey_submit alone,
# through pgbench, 16 clients like Kore's pool, no HTTP): how much of it
# the full stack reaches.
pgb=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pgbench
v=$(psqlq "select survey_current_version(id) from surveys where code = 'satisfaction'")
sv=$(psqlq "select id from surveys where code = 'satisfaction'")
site=$(psqlq "select id from sites where code = 'la-source'")
org=$(psqlq "select organisation_id from sites where code = 'la-source'")
f=$(mktemp)
cat > "$f" <<SQL
select survey_submit(gen_random_uuid(), $org, $sv, $v, $site, 'fr', 'api', now(),
    sha256(random()::text::bytea), '[{"q":"accueil","o":0,"v":"5","n":5},{"q":"explications","o":0,"v":"4","n":4},{"q":"demarche_reussie","o":0,"v":"non"},{"q":"difficulte","o":0,"v":"document"},{"q":"difficulte","o":1,"v":"temps"},{"q":"domaine","o":0,"v":"famille"},{"q":"autonome","o":0,"v":"oui"},{"q":"rassure","o":0,"v":"oui"},{"q":"recommande","o":0,"v":"9","n":9},{"q":"commentaire","o":0,"v":"Merci beaucoup"}]'::jsonb,
    null, null);
SQL
echo "-- database ceiling: survey_submit alone (pgbench, 16 clients, ${DUR} s)"
"$pgb" -n -c 16 -j 2 -T "$DUR" -f "$f" "$MESURE_TEST_DB" 2>&1 | grep -E '^tps|latency average'
rm -f "$f"
