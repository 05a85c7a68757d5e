#!/bin/sh
# Back up Mesure: pg_dump in custom format (compressed, restorable table by
# table), the public certificates of the signing PKI, and a SHA256SUMS
# file to check the copy later. The private key is never copied here: it
# is backed up on its own, offline, by the administrator.
#
#   mk/backup.sh CONNINFO DIR PKI-DIR     prints the backup's directory
set -eu
conn=${1:?usage: backup.sh CONNINFO DIR PKI-DIR}
dir=${2:?missing DIR}
pki=${3:-}
stamp=$(date +%Y%m%d-%H%M%S)
out=$dir/mesure-$stamp
mkdir -p "$out"
chmod 700 "$dir" "$out"
pg_dump "$conn" --format=custom --compress=6 --no-owner --no-privileges \
    --file="$out/mesure.dump"
for f in signer.pem ca.pem; do
	[ -n "$pki" ] && [ -f "$pki/$f" ] && cp "$pki/$f" "$out/"
done
psql "$conn" -X -tA -c "select 'responses ' || count(*) from responses
    union all select 'visits ' || count(*) from visits
    union all select 'reports ' || count(*) from reports
    union all select 'signed_reports ' || count(*) from reports where status = 'signed'
    union all select 'schema ' || max(version) from schema_migrations" \
    > "$out/MANIFEST"
(cd "$out" && sha256sum * > SHA256SUMS)
echo "$out"
