#!/bin/sh
# The configuration check (mk/check-conf.sh) passes on Mesure's real
# configuration and fails for the real reasons it exists: a directive
# Kore would silently ignore, and a validator regex that is not anchored.
# Then systemd-analyze verify on the systemd units of conf/systemd.
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

# The systemd units. They name production paths (/opt/mesure, /etc/mesure,
# /var/lib/mesure) that do not exist here, and systemd-analyze verify
# refuses a unit whose command is missing: check a copy in which each
# path points to the real file of this tree (or a stand-in in $tmp). It
# exits 0 on a misspelt key or a bad value ("…, ignoring"): any output
# is a failure too.
verify_units() {
	local d=$1
	shift
	(cd "$d" && timeout 60 systemd-analyze verify "$@") >"$tmp/sd.out" 2>&1 &&
	    [ ! -s "$tmp/sd.out" ]
}
if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "skip - systemd-analyze verify: systemd-analyze is not installed (Debian package systemd)"
else
	sd=$tmp/systemd
	mkdir -p "$sd/units" "$sd/etc" "$sd/root/run"
	cp "$top/conf/systemd/mesure.env.example" "$sd/etc/mesure.env"
	cp "$tmp/good.conf" "$sd/etc/kore.conf"
	: > "$sd/etc/signer.key"; : > "$sd/etc/signer.pem"
	for u in "$top"/conf/systemd/*.service; do
		sed -e "s|/opt/mesure|$top|g" -e "s|/etc/mesure|$sd/etc|g" \
		    -e "s|/var/lib/mesure/root|$sd/root|g" "$u" \
		    > "$sd/units/$(basename "$u")"
	done
	units=$(cd "$sd/units" && ls *.service)
	# shellcheck disable=SC2086
	if verify_units "$sd/units" $units; then
		ok "systemd-analyze verify passes on conf/systemd ($(echo $units))"
	else
		cat "$tmp/sd.out"
		nok "systemd-analyze verify passes on conf/systemd"
	fi
	mkdir -p "$sd/bad"
	sed 's|^ExecStartPre=.*check-conf.sh|ExecStartPre=/nonexistent/check-conf.sh|' \
	    "$sd/units/mesure.service" > "$sd/bad/mesure.service"
	if verify_units "$sd/bad" mesure.service; then
		nok "systemd-analyze verify refuses a unit whose command is missing"
	elif grep -q 'not executable' "$tmp/sd.out"; then
		ok "systemd-analyze verify refuses a unit whose command is missing"
	else
		cat "$tmp/sd.out"
		nok "systemd-analyze verify refuses a unit whose command is missing (for the right reason)"
	fi
	sed 's|^ProtectHome=|ProtectHom=|' "$sd/units/mesure.service" \
	    > "$sd/bad/mesure.service"
	if verify_units "$sd/bad" mesure.service; then
		nok "systemd-analyze verify refuses a misspelt key"
	elif grep -q 'Unknown key' "$tmp/sd.out"; then
		ok "systemd-analyze verify refuses a misspelt key"
	else
		cat "$tmp/sd.out"
		nok "systemd-analyze verify refuses a misspelt key (for the right reason)"
	fi
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
