#!/bin/sh
# Check Mesure's Kore configuration: the real kore parses it with the real
# module, which then stops (MESURE_CONFIG_CHECK=1) before serving.
#
#   mk/check-conf.sh MODULE            the templates, as generated for
#                                      production and for the tests
#   mk/check-conf.sh MODULE CONF...    deployed files (systemd's
#                                      ExecStartPre), as they are
set -eu
module=${1:?usage: check-conf.sh MODULE [CONF...]}
shift
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

# Parse one file; fail on ignored lines or a refusal.
check_file() {
	out=$(MESURE_CONFIG_CHECK=1 MESURE_DATABASE="${MESURE_DATABASE:-host=127.0.0.1 dbname=check}" \
	    /usr/bin/kore -f -c "$1" 2>&1) || true
	if printf '%s\n' "$out" | grep -q 'ignoring'; then
		printf '%s\n' "$out" | grep 'ignoring' >&2
		echo "check-conf: $1 has ignored lines" >&2
		return 1
	elif ! printf '%s\n' "$out" | grep -q '^configuration ok$'; then
		printf '%s\n' "$out" >&2
		echo "check-conf: kore refused $1" >&2
		return 1
	fi
	return 0
}

if [ $# -gt 0 ]; then
	for f in "$@"; do
		check_file "$f" || fail=1
	done
	[ $fail -eq 0 ] && echo "check-conf: configuration ok"
	exit $fail
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
	check_file "$tmp/$variant.conf" || fail=1
done
[ $fail -eq 0 ] && echo "check-conf: configuration ok"
exit $fail
