#!/bin/sh
# Restore a backup made by mk/backup.sh into an empty database, then check
# it: the checksums of the backup, and the counts of its MANIFEST against
# the restored tables (responses, visits, reports, signed reports).
#
#   mk/restore.sh CONNINFO BACKUP-DIR
set -eu
conn=${1:?usage: restore.sh CONNINFO BACKUP-DIR}
src=${2:?missing BACKUP-DIR}
[ -f "$src/mesure.dump" ] || { echo "restore: $src/mesure.dump not found" >&2; exit 1; }
(cd "$src" && sha256sum --quiet -c SHA256SUMS) || {
	echo "restore: the backup's checksums do not match: it is damaged" >&2
	exit 1
}
have=$(psql "$conn" -X -tA -c "select count(*) from pg_tables where schemaname = 'public'")
if [ "$have" != 0 ]; then
	echo "restore: the target database is not empty ($have tables); restore into a new one" >&2
	exit 1
fi
pg_restore --dbname="$conn" --no-owner --no-privileges --exit-on-error \
    --single-transaction "$src/mesure.dump"
got=$(psql "$conn" -X -tA -c "select 'responses ' || count(*) from responses
    union all select 'visits ' || count(*) from visits
    union all select 'reports ' || count(*) from reports
    union all select 'signed_reports ' || count(*) from reports where status = 'signed'
    union all select 'schema ' || max(version) from schema_migrations")
if [ "$got" != "$(cat "$src/MANIFEST")" ]; then
	echo "restore: the restored counts differ from the backup's manifest:" >&2
	printf 'backup:\n%s\nrestored:\n%s\n' "$(cat "$src/MANIFEST")" "$got" >&2
	exit 1
fi
echo "restore: done, counts match the backup:"
cat "$src/MANIFEST"
