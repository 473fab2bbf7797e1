# Sourced by the test scripts: a throw-away PostgreSQL (Debian's `postgresql` package) on a free
# loopback port in a temporary directory, for the gateway's tests on PostgreSQL.
#
#   start_test_postgres   # exports HEALTHCHAIN_TEST_POSTGRES_URL (unit tests) and
#                         # HEALTHCHAIN_TEST_POSTGRES_E2E_URL (the e2e gateway scenario)
#   stop_test_postgres    # stops the server and removes its directory (safe to call twice)

start_test_postgres() {
	local bin
	bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
	if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
		echo "postgres: no PostgreSQL server binaries under /usr/lib/postgresql (run scripts/setup.sh)" >&2
		return 1
	fi
	PG_BIN="$bin"
	PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-postgres.XXXXXX")"
	PG_PORT="$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
	# initdb refuses to run as root: the server runs as the `postgres` system user then.
	PG_AS=()
	if [[ "$(id -u)" -eq 0 ]]; then
		chown postgres "$PG_DIR"
		PG_AS=(runuser -u postgres --)
	fi
	"${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U healthchain --auth=trust -E UTF8 \
		>"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
	"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
		{ cat "$PG_DIR/server.log" >&2; return 1; }
	local db
	for db in healthchain_test healthchain_e2e; do
		"${PG_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U healthchain "$db"
	done
	export HEALTHCHAIN_TEST_POSTGRES_URL="postgres://healthchain@127.0.0.1:$PG_PORT/healthchain_test"
	export HEALTHCHAIN_TEST_POSTGRES_E2E_URL="postgres://healthchain@127.0.0.1:$PG_PORT/healthchain_e2e"
	echo "postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

stop_test_postgres() {
	[[ -n "${PG_DIR:-}" && -d "$PG_DIR" ]] || return 0
	"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_DIR"
	PG_DIR=""
}
