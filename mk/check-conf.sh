#!/bin/sh
# Check Mesure's Kore configuration as generated for production and for
# the tests: the real kore parses it with the real module, which then
# stops (MESURE_CONFIG_CHECK=1) before serving.
#
#   mk/check-conf.sh MODULE
set -eu
module=${1:?usage: check-conf.sh MODULE}
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# Validator regexes must be anchored at both ends.
if grep -hE '^[[:space:]]*validator[[:space:]]+[^[:space:]]+[[:space:]]+regex' \
    "$top"/conf/validators/*.conf | awk '{print $4}' | grep -vE '^\^.*\$$'; then
	echo "check-conf: unanchored validator regex (above)" >&2
	fail=1
fi
# Comments must take whole lines.
if grep -nE '^[^#]*[^[:space:]#][^#]*[[:space:]]#' "$top"/conf/mesure.conf.in \
    "$top"/conf/routes/*.conf "$top"/conf/validators/*.conf; then
	echo "check-conf: trailing comment (above) would become part of a value" >&2
	fail=1
fi

for variant in production test; do
	case $variant in
	production) policy=restart; tracing=no ;;
	test) policy=terminate; tracing=yes ;;
	esac
	mkdir -p "$tmp/root"
	"$top/mk/conf.sh" "$tmp/$variant.conf" BIND=127.0.0.1 PORT=0 \
	    MODULE="$module" ROOT="$tmp/root" RUNAS=mesure WORKERS=1 \
	    PIDFILE="$tmp/kore.pid" DEATH_POLICY=$policy \
	    SECCOMP_TRACING=$tracing PG_CONN_MAX=2
	out=$(MESURE_CONFIG_CHECK=1 MESURE_DATABASE="host=127.0.0.1 dbname=check" \
	    /usr/bin/kore -f -c "$tmp/$variant.conf" 2>&1) || true
	if printf '%s\n' "$out" | grep -q 'ignoring'; then
		printf '%s\n' "$out" | grep 'ignoring' >&2
		echo "check-conf: $variant configuration has ignored lines" >&2
		fail=1
	elif ! printf '%s\n' "$out" | grep -q '^configuration ok$'; then
		printf '%s\n' "$out" >&2
		echo "check-conf: kore refused the $variant configuration" >&2
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "check-conf: configuration ok"
exit $fail
