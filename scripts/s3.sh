# Sourced by the test scripts: a throw-away S3-compatible server (moto's, from PyPI) on a free
# loopback port, so the gateway's document store is tested on S3 as well as on a directory.
#
#   start_test_s3   # exports HEALTHCHAIN_TEST_S3_ENDPOINT, with buckets `healthchain-test`
#                   # (unit tests) and `healthchain-e2e` (the e2e gateway scenario)
#   stop_test_s3    # stops the server and removes its directory (safe to call twice)

start_test_s3() {
	if ! command -v moto_server >/dev/null 2>&1; then
		echo "s3: moto_server not found (run scripts/setup.sh)" >&2
		return 1
	fi
	S3_DIR="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-s3.XXXXXX")"
	local port
	port="$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
	moto_server -H 127.0.0.1 -p "$port" >"$S3_DIR/server.log" 2>&1 &
	S3_PID=$!
	local endpoint="http://127.0.0.1:$port" bucket tries=0
	until curl -sf -o /dev/null "$endpoint/moto-api/"; do
		if ((++tries > 100)) || ! kill -0 "$S3_PID" 2>/dev/null; then
			echo "s3: moto_server did not start on $endpoint:" >&2
			cat "$S3_DIR/server.log" >&2
			return 1
		fi
		sleep 0.2
	done
	for bucket in healthchain-test healthchain-e2e; do
		curl -sf -o /dev/null -X PUT "$endpoint/$bucket" ||
			{ echo "s3: cannot create bucket $bucket" >&2; return 1; }
	done
	export HEALTHCHAIN_TEST_S3_ENDPOINT="$endpoint"
	echo "s3: moto $(python3 -c "import moto; print(moto.__version__)") on $endpoint ($S3_DIR)"
}

stop_test_s3() {
	[[ -n "${S3_DIR:-}" && -d "$S3_DIR" ]] || return 0
	kill "$S3_PID" 2>/dev/null || true
	wait "$S3_PID" 2>/dev/null || true
	rm -rf "$S3_DIR"
	S3_DIR=""
}
