#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the store tests,
# installing PostgreSQL first when it is missing (needs root for that).
#
#   eval "$(bash .ci/postgres.sh)"      # exports MALIBOT_TEST_POSTGRES and MALIBOT_PG_DIR
#   go test ./bot/store/...             # now runs against SQLite and PostgreSQL
#   bash .ci/postgres.sh stop           # stops the server and removes MALIBOT_PG_DIR
#
# Only the export lines go to standard output; progress goes to standard error.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

pgbin() {
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# as runs a command as the postgres user when we are root (initdb and the
# server refuse to run as root), else as ourselves.
as() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

if [ "${1:-}" = stop ]; then
	dir=${MALIBOT_PG_DIR:?MALIBOT_PG_DIR is not set: nothing to stop}
	bin=$(pgbin)
	as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
	rm -rf "$dir"
	exit 0
fi

bin=$(pgbin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
	log "installing PostgreSQL"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq postgresql >&2
	bin=$(pgbin)
fi
[ -x "$bin/initdb" ] || { log "no initdb after installing postgresql"; exit 1; }

# A free port: the first from 55432 that nothing listens on.
port=${MALIBOT_PG_PORT:-55432}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
	port=$((port + 1))
done

dir=$(mktemp -d /tmp/malibot-pg.XXXXXX)
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi

log "initdb in $dir"
as "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
	{ cat "$dir/initdb.log" >&2; exit 1; }
# Durability is not needed for tests: fsync off makes them fast.
as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
	start >&2 || { cat "$dir/server.log" >&2; exit 1; }
as "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres malibot_test

url="postgres://postgres@127.0.0.1:$port/malibot_test?sslmode=disable"
log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port"
echo "export MALIBOT_TEST_POSTGRES='$url'"
echo "export MALIBOT_PG_DIR='$dir'"
