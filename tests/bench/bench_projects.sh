# Projects and exports (issue #6), over the demo data: a convention's page
# (indicators, targets, catalogue, funders: one query of tagged rows) and
# a project's page; saving a target (checks, project_admin(), audit row);
# the funder's spreadsheet (the annual report model in a Kore task, then
# libxlsxwriter in the chroot's /tmp); a year of raw answers as CSV.
cookie=$(curl -s -o /dev/null -D - -H "Origin: $MESURE_TEST_BASE" \
    --data 'email=coordination%40action-numerique.example&password=Digilab-Orleans-2026' \
    "$MESURE_TEST_BASE/connexion" | sed -n 's/^set-cookie: \([^;]*\);.*/\1/p')
conv=$(psql "$MESURE_TEST_DB" -XqAt -c "select id from conventions where reference = 'FO-EMOJI-DIGILAB'")
proj=$(psql "$MESURE_TEST_DB" -XqAt -c "select project_id from conventions where id = $conv")
ind=$(psql "$MESURE_TEST_DB" -XqAt -c "select id from indicators where convention_id = $conv and kind = 'suivi'")
year=$(psql "$MESURE_TEST_DB" -XqAt -c "select extract(year from starts_on)::int from conventions where id = $conv")
quarter=$(psql "$MESURE_TEST_DB" -XqAt -c "select to_char(starts_on, 'YYYY-\"T\"Q') from conventions where id = $conv")
for path in "/conventions/$conv" "/projets/$proj"; do
	echo "-- GET $path as the coordinator, 8 connections"
	wrk -t1 -c8 -d10s --latency -H "Cookie: $cookie" "$MESURE_TEST_BASE$path" | \
	    grep -E 'Requests/sec|50%|99%|Non-2xx'
done
csrf=$(curl -s -H "Cookie: $cookie" "$MESURE_TEST_BASE/conventions/$conv" |
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
lua=$(mktemp)
cat > "$lua" <<LUA
request = function()
	return wrk.format("POST", "/conventions/$conv", {
	    ["Content-Type"] = "application/x-www-form-urlencoded",
	    ["Origin"] = "$MESURE_TEST_BASE", ["Cookie"] = "$cookie"},
	    "csrf=$csrf&action=target.set&objet=$ind&trimestre=$quarter&objectif=" ..
	    math.random(1, 500))
end
LUA
echo "-- POST /conventions/$conv action=target.set, 4 connections"
wrk -t1 -c4 -d10s --latency -s "$lua" "$MESURE_TEST_BASE/conventions/$conv" | \
    grep -E 'Requests/sec|50%|99%|Socket errors|Non-2xx'
rm -f "$lua"
for what in "/conventions/$conv/suivi.xlsx?annee=$year" \
    "/exports/reponses.csv?du=$year-T1&au=$year-T4"; do
	ts=()
	for i in 1 2 3 4 5; do
		ts+=("$(curl -s -o /dev/null -w '%{time_total} %{http_code} %{size_download}' \
		    -H "Cookie: $cookie" "$MESURE_TEST_BASE$what")")
	done
	printf '%s\n' "${ts[@]}" | sort -n | awk -v w="$what" \
	    '{ t[NR] = $1; c = $2; s = $3 } END { printf "-- GET %s: min %.3f s, median %.3f s (HTTP %s, %d bytes)\n", w, t[1], t[3], c, s }'
done
