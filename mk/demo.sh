#!/bin/sh
# Load the demonstration data once (sql/demo/demo.sql), in one
# transaction. Does nothing if the demo organisation already exists.
#
#   mk/demo.sh CONNINFO [ANCHOR-DATE] [PASSWORD-HASH]
#
# ANCHOR-DATE (YYYY-MM-DD, default today) fixes the generated period: the
# same anchor gives the same rows. PASSWORD-HASH, if given, is the argon2id
# hash set on every demo account.
set -eu
conn=${1:?usage: demo.sh CONNINFO [ANCHOR] [HASH]}
anchor=${2:-$(date +%F)}
hash=${3:-}
top=$(cd "$(dirname "$0")/.." && pwd)

have=$(psql "$conn" -X -tA -c \
    "select count(*) from organisations where slug = 'action-numerique'")
if [ "$have" != 0 ]; then
	echo "demo: already loaded"
	exit 0
fi
psql "$conn" -X -q -1 -v ON_ERROR_STOP=1 \
    -v anchor="$anchor" -v demo_password_hash="$hash" \
    -v sat_json="$(cat "$top/conf/surveys/satisfaction.json")" \
    -v res_json="$(cat "$top/conf/surveys/resultats.json")" \
    -f "$top/sql/demo/demo.sql"
psql "$conn" -X -tA -F ' ' -c "select 'demo: loaded',
    (select count(*) from visits) || ' visits,',
    (select count(*) from beneficiaries) || ' beneficiaries,',
    (select count(*) from responses) || ' responses,',
    (select count(*) from answers) || ' answers'"
