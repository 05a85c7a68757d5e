# Accounts (issue #4): sign-ins per second – each one an argon2id check
# (t=2, m=19 MiB) in a task thread, a throttle row, a session insert and
# its audit row – and the cost of loading a session on a staff page.
# wrk, no pipelining. Sign-ins rotate over 64 accounts made here (one
# account signing in many times at once is throttled, by design).
psql "$MESURE_TEST_DB" -Xq -c "insert into users (organisation_id,
    managed_by, email, display_name, role, password_hash)
    select 1, 1, 'bench' || i || '@action-numerique.example', 'Bench ' || i,
	'coordinator', (select password_hash from users
	    where email = 'admin@action-numerique.example')
    from generate_series(1, 64) i on conflict do nothing"
lua=$(mktemp)
cat > "$lua" <<LUA
counter = 0
request = function()
	counter = counter + 1
	local body = "email=bench" .. (counter % 64 + 1) ..
	    "%40action-numerique.example&password=Digilab-Orleans-2026"
	return wrk.format("POST", "/connexion", {
	    ["Content-Type"] = "application/x-www-form-urlencoded",
	    ["Origin"] = "$MESURE_TEST_BASE"}, body)
end
LUA
for c in 1 4 8; do
	echo "-- POST /connexion (right password), $c connection(s)"
	wrk -t1 -c$c -d10s --latency -s "$lua" "$MESURE_TEST_BASE/connexion" | \
	    grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors'
done
echo "-- GET /healthz while 4 connections sign in"
wrk -t1 -c4 -d12s -s "$lua" "$MESURE_TEST_BASE/connexion" >/dev/null &
signins=$!
sleep 1
wrk -t1 -c8 -d10s --latency "$MESURE_TEST_BASE/healthz" | \
    grep -E 'Requests/sec|50%|99%'
# Not a bare wait: this file is sourced by run.sh, whose Kore runs in the
# background too.
wait $signins
rm -f "$lua"
cookie=$(curl -s -o /dev/null -D - -H "Origin: $MESURE_TEST_BASE" \
    --data 'email=coordination%40action-numerique.example&password=Digilab-Orleans-2026' \
    "$MESURE_TEST_BASE/connexion" | sed -n 's/^set-cookie: \([^;]*\);.*/\1/p')
echo "-- GET /api/session (session load: one query, JSON), 32 connections"
wrk -t2 -c32 -d10s --latency -H "Cookie: $cookie" \
    "$MESURE_TEST_BASE/api/session" | \
    grep -E 'Requests/sec|50%|99%|Non-2xx'
echo "-- GET /espace as the coordinator (session + home query + page)"
wrk -t2 -c32 -d10s --latency -H "Cookie: $cookie" \
    "$MESURE_TEST_BASE/espace" | \
    grep -E 'Requests/sec|50%|99%|Non-2xx'
