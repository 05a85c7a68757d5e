# Sourced by tests/run.sh and tests/bench/run.sh: start and stop a
# throwaway Mesure instance as in production – a fresh PostgreSQL cluster
# on a free port (migrated, demo data loaded) and the real kore as root,
# chrooted, workers as "mesure", seccomp on.
#
#   instance_start DIR TRACING [POLICY]
#                     TRACING: yes (tests) or no (benchmarks); POLICY: the
#                     worker_death_policy, terminate (default with tracing,
#                     so that a dead worker stops the tests) or restart
#                     (default without; the faults suite kills a worker)
#   instance_stop
#
# instance_start exports MESURE_TEST_BASE, MESURE_TEST_DB, … for the
# suites, and leaves kore's output in DIR/kore.log.
#
# For the asan suite (tests/asan/run.sh): INSTANCE_MODULE replaces
# build/mesure.so, INSTANCE_KORE_ENV (KEY=VALUE words, no spaces in a
# value) is given to kore only (LD_PRELOAD, ASAN_OPTIONS), and a shell
# function instance_pre_kore, if defined, is called with the root
# directory once it is made, before kore starts.

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# N free ports, all different: the sockets are held together while the
# kernel picks them. (free_port twice in a row may give the same port
# twice – it once gave kore and nginx the same one.)
free_ports() {
	python3 -c '
import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))
for s in ss:
    s.close()' "$1"
}

instance_kore_pid=
instance_signer_pid=
instance_dir=

instance_start() {
	local dir=$1 tracing=$2 policy=${3:-} top build conninfo anchor hash pg_port http_port
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	build=$top/build
	instance_dir=$dir
	mkdir -p "$dir"
	"$top/mk/pg.sh" stop "$dir/pg" >/dev/null 2>&1
	rm -rf "$dir/pg" "$dir/root" "$dir/pki"
	pg_port=$(free_port)
	"$top/mk/pg.sh" start "$dir/pg" "$pg_port" || return 1
	conninfo=$("$top/mk/pg.sh" conninfo "$dir/pg")
	"$top/mk/migrate.sh" "$conninfo" >/dev/null || return 1
	anchor=${MESURE_TEST_ANCHOR:-$(date +%F)}
	hash=$("$build/mesure-admin" hash-password "${DEMO_PASSWORD:-Digilab-Orleans-2026}")
	"$top/mk/demo.sh" "$conninfo" "$anchor" "$hash" || return 1
	"$top/mk/root.sh" "$dir/root"
	if declare -F instance_pre_kore >/dev/null; then
		instance_pre_kore "$dir/root" || return 1
	fi
	"$top/mk/pki.sh" "$dir/pki" >/dev/null
	# The signing service, as in production: the key stays with it; the
	# workers reach its socket inside their chroot (/run/signer.sock).
	"$build/mesure-signer" --key "$dir/pki/signer.key" \
	    --cert "$dir/pki/signer.pem" --socket "$dir/root/run/signer.sock" \
	    --group mesure --mode 0660 --allow-uid "$(id -u mesure)" \
	    >>"$dir/signer.log" 2>&1 &
	instance_signer_pid=$!

	if [ -z "$policy" ]; then
		policy=terminate
		[ "$tracing" = yes ] || policy=restart
	fi
	http_port=$(free_port)
	"$top/mk/conf.sh" "$dir/kore.conf" BIND=127.0.0.1 PORT="$http_port" \
	    MODULE="${INSTANCE_MODULE:-$build/mesure.so}" ROOT="$dir/root" RUNAS=mesure \
	    WORKERS=2 PIDFILE="$dir/kore.pid" DEATH_POLICY=$policy \
	    SECCOMP_TRACING="$tracing" PG_CONN_MAX=8 || return 1
	: > "$dir/kore.log"
	# In a session of its own (setsid, which execs kore in place: $! stays
	# kore's pid): a kore that stops signals its whole process group, so
	# an instance sharing the group of tests/run.sh's main instance (the
	# ops and faults suites start their own) would take that one down too.
	# The daily purge timer (app/purge_timer.c) is off unless the caller
	# asks for it (tests/ops/purge_timer.sh): it would change the demo
	# data under the other suites.
	MESURE_DATABASE="$conninfo" MESURE_REPORT_CA="$dir/pki/ca.pem" \
	    MESURE_PURGE_INTERVAL="${MESURE_PURGE_INTERVAL:-off}" \
	    MESURE_PURGE_DELAY="${MESURE_PURGE_DELAY:-300}" \
	    setsid env ${INSTANCE_KORE_ENV:-} stdbuf -oL /usr/bin/kore -f \
	    -c "$dir/kore.conf" >>"$dir/kore.log" 2>&1 &
	instance_kore_pid=$!
	for _ in $(seq 1 100); do
		curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null && break
		sleep 0.1
	done
	if ! curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null; then
		echo "kore did not come up:"
		cat "$dir/kore.log"
		return 1
	fi
	export MESURE_TEST_BASE="http://127.0.0.1:$http_port"
	export MESURE_TEST_DB="$conninfo"
	export MESURE_TEST_ANCHOR="$anchor"
	export MESURE_TEST_KORE_LOG="$dir/kore.log"
	export MESURE_TEST_KORE_PID="$instance_kore_pid"
	export MESURE_TEST_KORE_CONF="$dir/kore.conf"
	export MESURE_TEST_PKI="$dir/pki"
	export MESURE_TEST_PG_DIR="$dir/pg"
	export MESURE_TEST_ROOT="$dir/root"
}

instance_stop() {
	local top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	if [ -n "$instance_signer_pid" ]; then
		kill "$instance_signer_pid" 2>/dev/null
		wait "$instance_signer_pid" 2>/dev/null
		instance_signer_pid=
	fi
	if [ -n "$instance_kore_pid" ]; then
		kill "$instance_kore_pid" 2>/dev/null
		wait "$instance_kore_pid" 2>/dev/null
		instance_kore_pid=
	fi
	[ -n "$instance_dir" ] && "$top/mk/pg.sh" stop "$instance_dir/pg" >/dev/null 2>&1
}
