#!/bin/sh
# The configuration check (mk/check-conf.sh) passes on Mesure's real
# configuration and fails for the real reasons it exists: a directive
# Kore would silently ignore, and a validator regex that is not anchored.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
module=$top/build/mesure.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
nok() { echo "not ok - $1"; fail=$((fail + 1)); }

if "$top/mk/check-conf.sh" "$module" >"$tmp/out" 2>&1; then
	ok "the shipped configuration passes the check"
else
	cat "$tmp/out"; nok "the shipped configuration passes the check"
fi

gen() {
	"$top/mk/conf.sh" "$1" BIND=127.0.0.1 PORT=0 MODULE="$module" \
	    ROOT="$tmp" RUNAS=mesure WORKERS=1 PIDFILE="$tmp/k.pid" \
	    DEATH_POLICY=restart SECCOMP_TRACING=no PG_CONN_MAX=2
}
gen "$tmp/good.conf"
if "$top/mk/check-conf.sh" "$module" "$tmp/good.conf" >/dev/null 2>&1; then
	ok "a generated production file passes"
else
	nok "a generated production file passes"
fi

sed 's/^worker_max_connections/worker_max_conections/' "$tmp/good.conf" > "$tmp/typo.conf"
if "$top/mk/check-conf.sh" "$module" "$tmp/typo.conf" >"$tmp/out" 2>&1; then
	nok "a misspelt directive is refused"
elif grep -q 'ignoring' "$tmp/out"; then
	ok "a misspelt directive is refused"
else
	cat "$tmp/out"; nok "a misspelt directive is refused (for the right reason)"
fi

sed 's/^}$/	rout \/x page_home\n}/' "$tmp/good.conf" > "$tmp/route.conf"
if "$top/mk/check-conf.sh" "$module" "$tmp/route.conf" >/dev/null 2>&1; then
	nok "a misspelt route directive is refused"
else
	ok "a misspelt route directive is refused"
fi

# An unanchored validator in a copy of the conf/ tree.
mkdir -p "$tmp/tree/mk" "$tmp/tree/conf"
cp -r "$top/conf/." "$tmp/tree/conf/"
cp "$top/mk/conf.sh" "$top/mk/check-conf.sh" "$tmp/tree/mk/"
echo 'validator	v_bad	regex	[0-9]+' >> "$tmp/tree/conf/validators/00-common.conf"
if "$tmp/tree/mk/check-conf.sh" "$module" >"$tmp/out" 2>&1; then
	nok "an unanchored validator regex is refused"
elif grep -q 'unanchored' "$tmp/out"; then
	ok "an unanchored validator regex is refused"
else
	cat "$tmp/out"; nok "an unanchored validator regex is refused (for the right reason)"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
