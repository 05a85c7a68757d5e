#!/bin/bash
# Reports on a streaming replica (docs/scaling.md): a throwaway primary
# (mk/pg.sh, migrated, demo data) and a hot standby made from it with
# pg_basebackup; then mesure-report --db pointing at the standby, without
# storing (the PDF only) and with storing (which must go to the primary).
# Prints what each step did. Not a timing: load does not matter.
#
#   tests/bench/replica.sh [DIR]     default var/bench-replica
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
D=${1:-$top/var/bench-replica}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
stop() {
	as_pg "$pgbin/pg_ctl" -D "$D/standby/data" -m fast -w stop >/dev/null 2>&1
	"$top/mk/pg.sh" stop "$D/pg" >/dev/null 2>&1
}
stop
rm -rf "$D"
mkdir -p "$D"
trap stop EXIT
port=$(free_port)
"$top/mk/pg.sh" start "$D/pg" "$port" || exit 1
ci=$("$top/mk/pg.sh" conninfo "$D/pg")
"$top/mk/migrate.sh" "$ci" >/dev/null || exit 1
"$top/mk/demo.sh" "$ci" "$(date +%F)" "" >/dev/null || exit 1
# The standby: a base backup over the primary's socket (peer), with
# primary_conninfo and standby.signal written by -R.
mkdir -p "$D/standby"
chown postgres: "$D/standby" 2>/dev/null
chmod 700 "$D/standby"
as_pg "$pgbin/pg_basebackup" -h "$D/pg/sock" -p "$port" -U postgres \
    -D "$D/standby/data" -R -X stream || exit 1
port2=$(free_port)
sed -i -e "s/^port = .*/port = $port2/" \
    -e "s|^unix_socket_directories = .*|unix_socket_directories = '$D/standby'|" \
    "$D/standby/data/postgresql.conf"
as_pg "$pgbin/pg_ctl" -D "$D/standby/data" -l "$D/standby/server.log" -w \
    start >/dev/null || exit 1
ci2=${ci/port=$port/port=$port2}
echo "standby: pg_is_in_recovery=$(psql "$ci2" -XAtc 'select pg_is_in_recovery()'), responses $(psql "$ci2" -XAtc 'select count(*) from responses') (primary $(psql "$ci" -XAtc 'select count(*) from responses'))"
q=$(psql "$ci" -XAtc "select quarter_label((date_trunc('quarter', now()) - interval '3 months')::date)")
report() {	# LABEL CONNINFO ARGS…
	local label=$1 conn=$2 t0 rc out
	shift 2
	t0=$(date +%s.%N)
	out=$("$top/build/mesure-report" --db "$conn" --project digilab \
	    --quarter "$q" --date "$(date +%F)" --out "$D/report.pdf" "$@" 2>&1)
	rc=$?
	printf '%-44s exit %d, %.2f s: %s\n' "$label" "$rc" \
	    "$(echo "$(date +%s.%N) - $t0" | bc)" "$(echo "$out" | tr '\n' ' ' | cut -c1-300)"
}
report "on the standby, --no-store" "$ci2" --no-store
sha_standby=$(sha256sum < "$D/report.pdf" | cut -c1-16)
report "on the primary, --no-store" "$ci" --no-store
echo "reports (unsigned, same date): standby $sha_standby…, primary $(sha256sum < "$D/report.pdf" | cut -c1-16)…"
report "on the standby, stored" "$ci2"
report "on the primary, stored" "$ci"
