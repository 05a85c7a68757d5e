# Visits (issue #5): recording a visit – the form post a mediator's tap
# sends (session, CSRF, checks, visit_save_web(): visit, domains,
# procedures, audit row, rollup mark) – and the coordinator's pages over
# the demo data: the filtered list with its totals, and the activity at a
# glance (six SVG charts). wrk, no pipelining.
cookie=$(curl -s -o /dev/null -D - -H "Origin: $MESURE_TEST_BASE" \
    --data 'email=mediation%40action-numerique.example&password=Digilab-Orleans-2026' \
    "$MESURE_TEST_BASE/connexion" | sed -n 's/^set-cookie: \([^;]*\);.*/\1/p')
csrf=$(curl -s -H "Cookie: $cookie" "$MESURE_TEST_BASE/visites/nouvelle" |
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
before=$(psql "$MESURE_TEST_DB" -XqAt -c "select count(*) from visits")
lua=$(mktemp)
cat > "$lua" <<LUA
request = function()
	return wrk.format("POST", "/visites/nouvelle", {
	    ["Content-Type"] = "application/x-www-form-urlencoded",
	    ["Origin"] = "$MESURE_TEST_BASE", ["Cookie"] = "$cookie"},
	    "csrf=$csrf&date=$(TZ=Europe/Paris date +%F)&heure=10:30" ..
	    "&site=la-source&domaines=famille&aide=accompagnement" ..
	    "&orientation=&duree=20&autonomie=&canal=sur-place")
end
LUA
for c in 1 8; do
	echo "-- POST /visites/nouvelle (record a visit), $c connection(s)"
	wrk -t1 -c$c -d10s --latency -s "$lua" "$MESURE_TEST_BASE/visites/nouvelle" | \
	    grep -E 'Requests/sec|50%|99%|Socket errors|Non-2xx'
done
rm -f "$lua"
echo "-- visits stored: $(( $(psql "$MESURE_TEST_DB" -XqAt -c "select count(*) from visits") - before ))" \
    "(every 303 of wrk above is one row)"
cookie=$(curl -s -o /dev/null -D - -H "Origin: $MESURE_TEST_BASE" \
    --data 'email=coordination%40action-numerique.example&password=Digilab-Orleans-2026' \
    "$MESURE_TEST_BASE/connexion" | sed -n 's/^set-cookie: \([^;]*\);.*/\1/p')
for path in "/visites?du=2025-10-01&au=2026-09-30" \
    "/visites/activite?trimestre=2026-T3"; do
	echo "-- GET $path as the coordinator, 8 connections"
	wrk -t1 -c8 -d10s --latency -H "Cookie: $cookie" "$MESURE_TEST_BASE$path" | \
	    grep -E 'Requests/sec|50%|99%|Non-2xx'
done
# Reports from the browser (issue #7): a quarterly report of one
# convention previewed, and made, signed by the signing service and
# stored, through POST /rapports/nouveau (a Kore task), over the demo data.
cookie=$(curl -s -o /dev/null -D - -H "Origin: $MESURE_TEST_BASE" \
    --data 'email=coordination%40action-numerique.example&password=Digilab-Orleans-2026' \
    "$MESURE_TEST_BASE/connexion" | sed -n 's/^set-cookie: \([^;]*\);.*/\1/p')
csrf=$(curl -s -H "Cookie: $cookie" "$MESURE_TEST_BASE/rapports/nouveau" |
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
for action in apercu signer; do
	ts=()
	for i in 1 2 3 4 5; do
		ts+=("$(curl -s -o /dev/null -w '%{time_total} %{http_code} %{size_download}' \
		    -H "Cookie: $cookie" -H "Origin: $MESURE_TEST_BASE" \
		    --data "csrf=$csrf&cible=digilab%7CFO-EMOJI-DIGILAB&periode=2026-T3&langue=fr&action=$action" \
		    "$MESURE_TEST_BASE/rapports/nouveau")")
	done
	printf '%s\n' "${ts[@]}" | sort -n | awk -v a="$action" \
	    '{ t[NR] = $1; c = $2; s = $3 } END { printf "-- POST /rapports/nouveau action=%s: min %.3f s, median %.3f s (HTTP %s, %d bytes)\n", a, t[1], t[3], c, s }'
done
