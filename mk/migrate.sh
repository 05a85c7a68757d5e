#!/bin/sh
# Apply the migrations of sql/migrations/ that have not run yet, in order,
# each in its own transaction together with its row in schema_migrations.
# A migration edited after it ran is an error (its SHA-256 is recorded):
# write a new migration instead.
#
#   mk/migrate.sh CONNINFO
set -eu
conn=${1:?usage: migrate.sh CONNINFO}
top=$(cd "$(dirname "$0")/.." && pwd)

q() { psql "$conn" -X -q -v ON_ERROR_STOP=1 "$@"; }

q -c "set client_min_messages = warning" -c "create table if not exists schema_migrations (
	version		text primary key,
	name		text not null,
	sha256		text not null,
	applied_at	timestamptz not null default now())"

applied=0
for f in "$top"/sql/migrations/[0-9][0-9][0-9][0-9]_*.sql; do
	name=$(basename "$f" .sql)
	version=${name%%_*}
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	known=$(q -tA -c "select sha256 from schema_migrations where version = '$version'")
	if [ -n "$known" ]; then
		if [ "$known" != "$sum" ]; then
			echo "migrate: $name was changed after it was applied" >&2
			exit 1
		fi
		continue
	fi
	# The row is inserted in the same transaction: a migration runs once
	# even if two instances start together (the second fails on the key).
	q -1 -f "$f" -c "insert into schema_migrations (version, name, sha256)
	    values ('$version', '$name', '$sum')"
	echo "migrate: applied $name"
	applied=$((applied + 1))
done
[ "$applied" -gt 0 ] || echo "migrate: schema up to date"
