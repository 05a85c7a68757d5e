#!/bin/bash
# The proxy suite: Mesure behind the TLS proxy it ships for production
# (conf/nginx/mesure.conf, issues #4 and #8), run for real – Debian's
# nginx terminating TLS with a throwaway certificate, in front of a second
# kore started with MESURE_TLS_PROXIED=1 on the database, chroot and
# sandbox of the instance tests/run.sh started. Then tests/proxy/test_*.py
# speak HTTPS to it as a browser does.
#
# The shipped configuration is used as it is, with only its addresses,
# ports and certificate paths replaced; a substitution that no longer
# matches fails the suite, so the file cannot drift from what is tested.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${MESURE_TEST_WORK:?run me from tests/run.sh}/proxy
. "$top/tests/lib/instance.sh"

kore_pid=
cleanup() {
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
	[ -n "$kore_pid" ] && kill "$kore_pid" 2>/dev/null && wait "$kore_pid" 2>/dev/null
}
trap cleanup EXIT

fail() {
	echo "not ok - proxy set-up: $*"
	echo "0 passed, 1 failed"
	exit 1
}

rm -rf "$work"
mkdir -p "$work/tmp"
chmod 1777 "$work/tmp"
command -v nginx >/dev/null || fail "nginx is not installed (make deps)"

# A certificate for the name the shipped configuration serves.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=mesure.example.org \
    -addext "subjectAltName=DNS:mesure.example.org" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null ||
	fail "cannot make a certificate"

# Kore's, nginx's TLS and plain ports, picked together so that they differ.
read -r kport tport hport < <(free_ports 3)
[ -n "$hport" ] || fail "no free ports"

# The second kore: behind HTTPS, as in production.
"$top/mk/conf.sh" "$work/kore.conf" BIND=127.0.0.1 PORT="$kport" \
    MODULE="$top/build/mesure.so" ROOT="$MESURE_TEST_ROOT" RUNAS=mesure \
    WORKERS=2 PIDFILE="$work/kore.pid" DEATH_POLICY=terminate \
    SECCOMP_TRACING=yes PG_CONN_MAX=4 || fail "conf.sh"
# In a session of its own (setsid): when it stops, Kore signals its whole
# process group, which would otherwise take down the instance's own Kore
# started by tests/run.sh in the same group.
MESURE_DATABASE="$MESURE_TEST_DB" MESURE_TLS_PROXIED=1 \
    MESURE_PUBLIC_ORIGIN="https://mesure.example.org:$tport" \
    setsid stdbuf -oL /usr/bin/kore -f -c "$work/kore.conf" >"$work/kore.log" 2>&1 &
kore_pid=$!

# The shipped site, pointed at this test's ports and certificate.
site=$top/conf/nginx/mesure.conf
subst() {	# PATTERN REPLACEMENT: must match in the shipped file
	grep -qF -- "$1" "$site" || fail "conf/nginx/mesure.conf no longer has: $1"
	sedargs+=(-e "s|$(printf '%s' "$1" | sed 's/[][\.*^$|]/\\&/g')|$2|")
}
sedargs=()
subst "listen 443 ssl http2;" "listen 127.0.0.1:$tport ssl http2;"
subst "listen [::]:443 ssl http2;" ""
subst "listen 80;" "listen 127.0.0.1:$hport;"
subst "listen [::]:80;" ""
subst "/etc/letsencrypt/live/mesure.example.org/fullchain.pem" "$work/cert.pem"
subst "/etc/letsencrypt/live/mesure.example.org/privkey.pem" "$work/key.pem"
subst "proxy_pass http://127.0.0.1:8888;" "proxy_pass http://127.0.0.1:$kport;"
sed "${sedargs[@]}" "$site" >"$work/site.conf"

cat >"$work/nginx.conf" <<CONF
# The main context a Debian host's /etc/nginx/nginx.conf would give.
user nobody nogroup;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
	access_log $work/nginx-access.log;
	client_body_temp_path $work/tmp/body;
	proxy_temp_path $work/tmp/proxy;
	include /etc/nginx/mime.types;
	include $work/site.conf;
}
CONF
nginx -t -c "$work/nginx.conf" -p "$work" >"$work/nginx-t.log" 2>&1 ||
	fail "nginx -t: $(cat "$work/nginx-t.log")"
nginx -c "$work/nginx.conf" -p "$work" || fail "nginx did not start"

for _ in $(seq 1 100); do
	curl -fs "http://127.0.0.1:$kport/healthz" >/dev/null && break
	sleep 0.1
done
curl -fs "http://127.0.0.1:$kport/healthz" >/dev/null ||
	fail "the second kore did not come up: $(cat "$work/kore.log")"

export MESURE_PROXY_PORT=$tport MESURE_PROXY_HTTP_PORT=$hport
export MESURE_PROXY_CA=$work/cert.pem MESURE_PROXY_KORE_LOG=$work/kore.log
python3 "$top/tests/http/run.py" --dir "$top/tests/proxy"
