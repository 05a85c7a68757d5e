#!/bin/sh
# Restore a backup made by mk/backup.sh into the database CONNINFO names,
# then check it: the backup's checksums first, and after restoring, its
# MANIFEST (counts, and digests of every response with its answers and of
# every stored report's PDF bytes) against the restored database.
#
#   mk/restore.sh CONNINFO BACKUP [PKI-DIR]
#
# BACKUP is the .tar of mk/backup.sh (or the directory it holds). The
# target database must be empty (no table in its public schema): restore
# into a new cluster or a new database. FORCE=1 in the environment empties
# a non-empty one first (drop schema public cascade) – everything in it is
# lost. The backup's public certificates (ca.pem, signer.pem) are copied
# to PKI-DIR/restored/, to check reports signed before the backup with
# pdfsig or mesure-report --verify --ca PKI-DIR/restored/ca.pem.
set -eu
conn=${1:?usage: restore.sh CONNINFO BACKUP [PKI-DIR]}
src=${2:?missing BACKUP (a mesure-….tar of mk/backup.sh)}
pki=${3:-}
top=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "restore: $*" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -f "$src" ]; then
	tar -C "$tmp" -xf "$src" || die "$src is not a readable tar file"
	dir=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
	[ -n "$dir" ] || die "$src holds no backup directory"
elif [ -d "$src" ]; then
	dir=$src
else
	die "$src not found"
fi
[ -f "$dir/mesure.dump" ] || die "no mesure.dump in $src"
[ -f "$dir/SHA256SUMS" ] && [ -f "$dir/MANIFEST" ] || die "no SHA256SUMS or MANIFEST in $src"
(cd "$dir" && sha256sum --quiet -c SHA256SUMS) ||
	die "the backup's checksums do not match: it is damaged"

q() { psql "$conn" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }
have=$(q -c "select count(*) from pg_tables where schemaname = 'public'") ||
	die "cannot reach the target database"
if [ "$have" != 0 ]; then
	if [ "${FORCE:-0}" != 1 ]; then
		die "the target database is not empty ($have tables): restore into a new one, or set FORCE=1 to replace its content"
	fi
	echo "restore: FORCE=1: emptying the target database ($have tables)"
	q -c "set client_min_messages = warning" \
	    -c "drop schema public cascade" -c "create schema public"
fi
pg_restore --dbname="$conn" --no-owner --no-privileges --exit-on-error \
    --single-transaction "$dir/mesure.dump" || die "pg_restore failed: nothing was restored"

got=$(sh "$top/mk/manifest.sh" "$conn")
if [ "$got" != "$(cat "$dir/MANIFEST")" ]; then
	printf 'backup:\n%s\nrestored:\n%s\n' "$(cat "$dir/MANIFEST")" "$got" >&2
	die "the restored database differs from the backup's manifest"
fi
if [ -n "$pki" ] && ls "$dir"/*.pem >/dev/null 2>&1; then
	mkdir -p "$pki/restored"
	cp "$dir"/*.pem "$pki/restored/"
	echo "restore: certificates of the backup in $pki/restored/"
fi
echo "restore: done; the restored database matches the backup's manifest:"
cat "$dir/MANIFEST"
