#!/bin/sh
# Generate a Kore configuration from conf/mesure.conf.in.
#
#   mk/conf.sh OUT KEY=VALUE...
#
# Keys: BIND PORT MODULE ROOT RUNAS WORKERS PIDFILE DEATH_POLICY
# SECCOMP_TRACING PG_CONN_MAX. conf/validators/*.conf is pasted at
# @VALIDATORS@ and conf/routes/*.conf at @ROUTES@, in name order.
set -eu
out=${1:?usage: conf.sh OUT KEY=VALUE...}
shift
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp)
cp "$top/conf/mesure.conf.in" "$tmp"
for kv in "$@"; do
	key=${kv%%=*}
	value=${kv#*=}
	case "$value" in *'|'*) echo "conf.sh: '|' in $key" >&2; exit 1 ;; esac
	sed -i "s|@$key@|$value|g" "$tmp"
done
awk -v vdir="$top/conf/validators" -v rdir="$top/conf/routes" '
function paste(dir,   cmd, f, line) {
	cmd = "ls " dir "/*.conf 2>/dev/null | sort"
	while ((cmd | getline f) > 0) {
		while ((getline line < f) > 0)
			print line
		close(f)
	}
	close(cmd)
}
/^@VALIDATORS@$/ { paste(vdir); next }
/^@ROUTES@$/ { paste(rdir); next }
{ print }' "$tmp" > "$tmp.2"
if grep -q '@[A-Z_]*@' "$tmp.2"; then
	echo "conf.sh: unfilled markers:" >&2
	grep -n '@[A-Z_]*@' "$tmp.2" >&2
	rm -f "$tmp" "$tmp.2"
	exit 1
fi
mkdir -p "$(dirname "$out")"
mv "$tmp.2" "$out"
rm -f "$tmp"
