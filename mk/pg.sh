#!/bin/sh
# A private PostgreSQL cluster for Mesure, kept in a directory of the
# checkout (var/pg for `make run`, var/test/pg for `make test`).
#
#   mk/pg.sh start DIR PORT   create the cluster if needed, start it if it is
#                             not running, create the role and database
#                             "mesure"; print nothing but errors
#   mk/pg.sh stop DIR         stop it (fast shutdown); fine if not running
#   mk/pg.sh conninfo DIR     print the application's connection string
#   mk/pg.sh status DIR       exit 0 if running
#
# initdb and postgres refuse to run as root: they run as the "postgres"
# system user (Debian's postgresql package creates it), which owns DIR.
# The application connects over TCP on 127.0.0.1 with a generated password
# (scram-sha-256); administration uses the Unix socket in DIR/sock.
set -eu

cmd=${1:?usage: pg.sh start|stop|conninfo|status DIR [PORT]}
dir=${2:?missing DIR}
case "$dir" in /*) ;; *) dir=$(pwd)/$dir ;; esac

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "pg.sh: PostgreSQL is not installed" >&2; exit 1; }

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

running() {
	[ -f "$dir/data/postmaster.pid" ] &&
	    as_pg "$pgbin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

conninfo() {
	port=$(cat "$dir/port")
	pw=$(cat "$dir/password")
	echo "host=127.0.0.1 hostaddr=127.0.0.1 port=$port dbname=mesure user=mesure password=$pw"
}

case "$cmd" in
start)
	port=${3:?missing PORT}
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		mkdir -p "$dir/data" "$dir/sock"
		umask 077
		od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$dir/password"
		echo "$port" > "$dir/port"
		if [ "$(id -u)" -eq 0 ]; then
			chown -R postgres:postgres "$dir"
		fi
		chmod 700 "$dir" "$dir/data"
		# The superuser authenticates by peer on the socket only;
		# the application by password over TCP on loopback.
		as_pg "$pgbin/initdb" -D "$dir/data" -U postgres -E UTF8 \
		    --locale=C.UTF-8 --auth-local=peer \
		    --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2; exit 1; }
		cat >>"$dir/data/postgresql.conf" <<EOF
# Mesure's private cluster (mk/pg.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/sock'
max_connections = 100
shared_buffers = 256MB
logging_collector = off
log_min_messages = warning
log_min_error_statement = panic
password_encryption = 'scram-sha-256'
EOF
	fi
	port=$(cat "$dir/port")
	if ! running; then
		as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
		    -w -t 60 start >/dev/null || {
			tail -n 20 "$dir/server.log" >&2; exit 1; }
	fi
	# Role and database, created once.
	psql_su() {
		as_pg "$pgbin/psql" -h "$dir/sock" -p "$port" -U postgres \
		    -X -q -v ON_ERROR_STOP=1 "$@"
	}
	if [ "$(psql_su -d postgres -tAc \
	    "select 1 from pg_roles where rolname = 'mesure'")" != 1 ]; then
		psql_su -d postgres -c \
		    "create role mesure login createdb password '$(cat "$dir/password")'"
	fi
	if [ "$(psql_su -d postgres -tAc \
	    "select 1 from pg_database where datname = 'mesure'")" != 1 ]; then
		psql_su -d postgres -c \
		    "create database mesure owner mesure encoding 'UTF8' template template0"
	fi
	;;
stop)
	if running; then
		as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	fi
	;;
conninfo)
	conninfo
	;;
status)
	running
	;;
*)
	echo "pg.sh: unknown command $cmd" >&2
	exit 2
	;;
esac
