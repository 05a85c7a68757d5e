#!/bin/sh
# Backup and restore test (issue #8): on a database with the demo data,
# makes and signs a report (stored), backs everything up with
# mk/backup.sh, starts an EMPTY new cluster, restores into it with
# mk/restore.sh, and checks that every response (count, and a digest of
# every response and answer computed here, not by mk/manifest.sh) and
# every stored report (SHA-256 of the PDF bytes) came back, and that the
# signed report read back from the restored database is valid for pdfsig
# and mesure-report --verify with the CA restored from the backup. Also:
# the backup holds no private key; restore refuses a non-empty database
# (unless FORCE=1) and a damaged backup.
#   tests/ops/restore.sh CONNINFO WORK-DIR
set -eu
conn=${1:?usage: restore.sh CONNINFO WORK-DIR}
work=${2:?missing WORK-DIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
mkdir -p "$work"
fails=0
ok() { echo "restore: ok - $*"; }
not_ok() { echo "restore: not ok - $*"; fails=$((fails + 1)); }
check() { what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else not_ok "$what"; fi; }
q() { psql "$1" -X -q -tA -v ON_ERROR_STOP=1 -c "set timezone = 'UTC'" -c "$2"; }

# What must come back, computed here with SQL of its own.
responses_digest() {
	q "$1" "select count(*) || ' ' || md5(coalesce(string_agg(x, E'\n' order by x), ''))
	    from (select r::text || coalesce((select string_agg(a::text, ';'
	        order by a.question, a.ordinal) from answers a
	        where a.response_id = r.id), '') as x from responses r) t"
}
reports_list() {
	q "$1" "select id || ' ' || status || ' ' || encode(sha256(pdf), 'hex')
	    from reports order by id"
}
# The PDF bytes of a stored report, as a file.
report_pdf() {	# report_pdf CONNINFO ID FILE
	q "$1" "select encode(pdf, 'base64') from reports where id = $2" |
	    base64 -d > "$3"
}

# A PKI and a signed report, stored in the database.
pki=$work/pki
rm -rf "$pki" "$work/backups" "$work/pki2"
sh "$top/mk/pki.sh" "$pki" >/dev/null
quarter=$(date -d "$(date +%Y-%m-01) -3 months" +%Y-%m | awk -F- '{ printf "%s-T%d", $1, int(($2 - 1) / 3) + 1 }')
if MESURE_DATABASE=$conn "$build/mesure-report" --project digilab \
    --quarter "$quarter" --convention FO-EMOJI-DIGILAB \
    --out "$work/signed.pdf" --sign --key "$pki/signer.key" \
    --cert "$pki/signer.pem" --ca "$pki/ca.pem" \
    --role "Coordinatrice du projet" --quiet 2>"$work/report.err"; then
	ok "a signed report of $quarter is made and stored"
else
	not_ok "mesure-report: $(cat "$work/report.err")"
fi
MESURE_DATABASE=$conn "$build/mesure-report" --project digilab \
    --quarter "$quarter" --out "$work/draft.pdf" --quiet 2>/dev/null || true
signed_id=$(q "$conn" "select max(id) from reports where status = 'signed'")
check "the stored report is signed" test -n "$signed_id"
before_resp=$(responses_digest "$conn")
before_reports=$(reports_list "$conn")
check "there are responses to back up" test "${before_resp%% *}" -gt 0
check "there are at least two reports to back up" test "$(printf '%s\n' "$before_reports" | wc -l)" -ge 2

# The backup: one tar file, the dump and the public certificates only.
tarfile=$(sh "$top/mk/backup.sh" "$conn" "$work/backups" "$pki")
check "backup makes a tar file in the backup directory" test -f "$tarfile"
case $tarfile in "$work"/backups/mesure-*.tar) ok "named mesure-DATE.tar" ;;
	*) not_ok "backup named $tarfile" ;; esac
list=$(tar -tf "$tarfile")
for f in mesure.dump ca.pem signer.pem MANIFEST SHA256SUMS; do
	check "the backup holds $f" sh -c "printf '%s\n' '$list' | grep -q '/$f\$'"
done
if printf '%s\n' "$list" | grep -q '\.key$' ||
    tar -xOf "$tarfile" | grep -aq "PRIVATE KEY"; then
	not_ok "the backup holds a private key"
else
	ok "the backup holds no private key"
fi
check "the backup is readable by its owner only" test "$(stat -c %a "$tarfile")" = 600

# A non-empty database is refused, and left as it was.
if sh "$top/mk/restore.sh" "$conn" "$tarfile" >"$work/refuse.log" 2>&1; then
	not_ok "restore into a non-empty database was not refused"
else
	check "restore refuses a non-empty database, saying why" grep -q "not empty" "$work/refuse.log"
fi
check "the refused database is unchanged" test "$(responses_digest "$conn")" = "$before_resp"

# An EMPTY new cluster, then the restore.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pg2=$work/pg2
sh "$top/mk/pg.sh" stop "$pg2" >/dev/null 2>&1 || true
rm -rf "$pg2"
trap 'sh "$top/mk/pg.sh" stop "$pg2" >/dev/null 2>&1' EXIT
sh "$top/mk/pg.sh" start "$pg2" "$port"
conn2=$(sh "$top/mk/pg.sh" conninfo "$pg2")
check "the new cluster's database is empty" test "$(q "$conn2" "select count(*) from pg_tables where schemaname = 'public'")" = 0
if sh "$top/mk/restore.sh" "$conn2" "$tarfile" "$work/pki2" >"$work/restore.log" 2>&1; then
	ok "restore into the empty cluster"
else
	not_ok "restore failed: $(tail -5 "$work/restore.log")"
fi
after_resp=$(responses_digest "$conn2")
if [ "$after_resp" = "$before_resp" ]; then
	ok "every response and answer is back (${before_resp%% *} responses, same digest)"
else
	not_ok "responses differ: before $before_resp, after $after_resp"
fi
check "every report is back, same PDF bytes (SHA-256)" test "$(reports_list "$conn2")" = "$before_reports"
check "the other tables' counts are back" test \
    "$(q "$conn2" "select (select count(*) from visits) || ' ' || (select count(*) from audit_log) || ' ' || (select count(*) from users)")" = \
    "$(q "$conn" "select (select count(*) from visits) || ' ' || (select count(*) from audit_log) || ' ' || (select count(*) from users)")"
check "the restored schema is up to date for migrate.sh" sh "$top/mk/migrate.sh" "$conn2"

# The signed report, read back from the restored database, checked with
# the CA that came back with the backup.
check "the backup's CA is restored beside the PKI" cmp "$pki/ca.pem" "$work/pki2/restored/ca.pem"
if [ -n "$signed_id" ]; then
	report_pdf "$conn2" "$signed_id" "$work/restored.pdf"
	check "the restored PDF is the one made, byte for byte" cmp "$work/signed.pdf" "$work/restored.pdf"
	nss=$work/nss
	rm -rf "$nss"; mkdir -p "$nss"
	certutil -N -d "sql:$nss" --empty-password >/dev/null 2>&1
	certutil -A -d "sql:$nss" -n restored-ca -t "C,C,C" \
	    -i "$work/pki2/restored/ca.pem" >/dev/null 2>&1
	s=$(pdfsig -nssdir "sql:$nss" "$work/restored.pdf" 2>&1 || true)
	for want in "Signature is Valid." "Total document signed" "Certificate is Trusted."; do
		if printf '%s\n' "$s" | grep -qF "$want"; then
			ok "pdfsig with the restored CA: $want"
		else
			not_ok "pdfsig does not say \"$want\": $s"
		fi
	done
	check "mesure-report --verify with the restored CA" "$build/mesure-report" \
	    --verify "$work/restored.pdf" --ca "$work/pki2/restored/ca.pem"
fi

# Once restored, the database is not empty: refused again, unless FORCE=1.
check "a second restore is refused" sh -c "! sh '$top/mk/restore.sh' '$conn2' '$tarfile' >/dev/null 2>&1"
q "$conn2" "delete from answers where response_id = (select min(id::text)::uuid from responses)" >/dev/null
if FORCE=1 sh "$top/mk/restore.sh" "$conn2" "$tarfile" >"$work/force.log" 2>&1; then
	ok "FORCE=1 replaces a non-empty database's content"
else
	not_ok "FORCE=1 restore failed: $(tail -5 "$work/force.log")"
fi
check "after FORCE=1, the responses are the backup's again" test "$(responses_digest "$conn2")" = "$before_resp"

# A damaged backup is refused before anything is touched.
bad=$work/backups/damaged.tar
rm -rf "$work/damaged"; mkdir -p "$work/damaged"
tar -C "$work/damaged" -xf "$tarfile"
d=$(ls "$work/damaged")
printf 'x' | dd of="$work/damaged/$d/mesure.dump" bs=1 seek=100 conv=notrunc 2>/dev/null
tar -C "$work/damaged" -cf "$bad" "$d"
if FORCE=1 sh "$top/mk/restore.sh" "$conn2" "$bad" >"$work/damaged.log" 2>&1; then
	not_ok "a damaged backup was restored"
else
	check "a damaged backup is refused, saying so" grep -q "damaged" "$work/damaged.log"
fi
check "and the database is untouched" test "$(responses_digest "$conn2")" = "$before_resp"

if [ "$fails" -eq 0 ]; then
	echo "restore: 1 passed, 0 failed"
else
	echo "restore: $fails checks failed"
	exit 1
fi
